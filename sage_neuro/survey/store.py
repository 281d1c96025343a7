r"""
The survey database: an embedded SQLite file.

One row per (case, invariant) in the table ``results``, with the value (as
JSON), the status (``ok``, ``failed``, ``timeout``, ``unavailable``), the
method, primes and seeds, the software versions, the wall time and the
error if any. ``UNIQUE(case_key, invariant)`` makes every row appear at
most once; rewriting a row (a retried case) replaces it.

Crash safety: the file is in WAL mode and all rows of a finished case are
written in one transaction, so killing the writer at any moment loses no
finished case and leaves no half-written one. The grid itself (the cases
and the invariants planned for each) is stored too, so that
:meth:`SurveyStore.status` knows the total and a rerun resumes.

A file that is not an SQLite database, is corrupt, or is an SQLite
database of another application raises :class:`SurveyDatabaseError` (a
``ValueError``) naming the file.

EXAMPLES::

    sage: import os, tempfile
    sage: from sage_neuro.survey.store import SurveyStore
    sage: from sage_neuro.survey.grid import Case
    sage: path = os.path.join(tempfile.mkdtemp(), 'survey.db')
    sage: S = SurveyStore(path)
    sage: c = Case('linear', {'widths': (4, 2, 3)})
    sage: S.plan([c], ['dimension'])
    sage: S.status()
    {'done': 0, 'failed': 0, 'total': 1}
    sage: S.record_case(c.key, 'LinearNetwork([4, 2, 3])',
    ....:     [{'invariant': 'dimension', 'status': 'ok', 'value': 10, 'method': 'modular'}])
    sage: S.status(), S.pending()
    ({'done': 1, 'failed': 0, 'total': 1}, {})
    sage: S.rows()[0]['value']
    10
    sage: open(path + '.txt', 'w').write('hello')
    5
    sage: SurveyStore(path + '.txt')
    Traceback (most recent call last):
    ...
    SurveyDatabaseError: .../survey.db.txt is not a sage-neuro survey database: not an SQLite file (foreign or corrupt)
"""

import json
import os
import sqlite3
import time

APPLICATION = "sage-neuro survey"
SCHEMA_VERSION = 1
STATUSES = ("ok", "failed", "timeout", "unavailable")

_SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE cases (
    key TEXT PRIMARY KEY,
    family TEXT NOT NULL,
    params TEXT NOT NULL,
    architecture TEXT
);
CREATE TABLE planned (
    case_key TEXT NOT NULL REFERENCES cases(key),
    invariant TEXT NOT NULL,
    UNIQUE (case_key, invariant)
);
CREATE TABLE results (
    case_key TEXT NOT NULL REFERENCES cases(key),
    invariant TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('ok', 'failed', 'timeout', 'unavailable')),
    value TEXT,
    method TEXT,
    primes TEXT,
    seeds TEXT,
    route TEXT,
    seconds REAL,
    software TEXT,
    error TEXT,
    finished TEXT NOT NULL,
    UNIQUE (case_key, invariant)
);
"""

_SQLITE_MAGIC = b"SQLite format 3\x00"


def _json(obj):
    # Sage integers and rationals (from the preparser or from invariants)
    return json.dumps(obj, default=lambda x: int(x) if hasattr(x, "is_integer") and x.is_integer() else str(x))


class SurveyDatabaseError(ValueError):
    r"""
    A survey database file that cannot be used: not SQLite, corrupt, of
    another application or of a newer schema, or missing.

    EXAMPLES::

        sage: from sage_neuro.survey.store import SurveyDatabaseError
        sage: issubclass(SurveyDatabaseError, ValueError)
        True
    """


class SurveyStore:
    r"""
    A survey database file.

    INPUT:

    - ``path`` -- the file name
    - ``create`` -- whether to create the file if it does not exist
      (default ``True``; ``False`` raises :class:`SurveyDatabaseError` for a
      missing file)

    EXAMPLES::

        sage: import os, tempfile
        sage: from sage_neuro.survey.store import SurveyStore
        sage: SurveyStore(os.path.join(tempfile.mkdtemp(), 'none.db'), create=False)
        Traceback (most recent call last):
        ...
        SurveyDatabaseError: no survey database at .../none.db
    """

    def __init__(self, path, create=True):
        if not isinstance(path, (str, os.PathLike)):
            raise TypeError("db must be a file name, not %r" % (path,))
        self.path = os.fspath(path)
        fresh = not os.path.exists(self.path) or os.path.getsize(self.path) == 0
        if fresh and not create:
            raise SurveyDatabaseError("no survey database at %s" % self.path)
        if not fresh:
            with open(self.path, "rb") as f:
                if f.read(16) != _SQLITE_MAGIC:
                    raise self._error("not an SQLite file (foreign or corrupt)")
        try:
            # autocommit mode: transactions are opened explicitly below
            self._conn = sqlite3.connect(self.path, isolation_level=None, timeout=30)
            self._conn.execute("PRAGMA journal_mode=WAL")
            self._conn.execute("PRAGMA synchronous=FULL")
            if fresh:
                self._create()
            else:
                self._check()
        except sqlite3.DatabaseError as exc:
            raise self._error("corrupt SQLite file (%s)" % exc) from None

    def _error(self, why):
        return SurveyDatabaseError("%s is not a sage-neuro survey database: %s" % (self.path, why))

    def _create(self):
        with self._transaction() as c:
            for stmt in filter(None, (s.strip() for s in _SCHEMA.split(";"))):
                c.execute(stmt)
            c.executemany("INSERT INTO meta VALUES (?, ?)",
                          [("application", APPLICATION), ("schema_version", str(SCHEMA_VERSION)),
                           ("created", time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()))])

    def _check(self):
        ok = self._conn.execute("PRAGMA quick_check").fetchone()[0]
        if ok != "ok":
            raise self._error("corrupt SQLite file (quick_check: %s)" % ok)
        tables = [r[0] for r in self._conn.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        if "meta" not in tables:
            raise self._error("an SQLite database of another application (tables: %s)"
                              % (", ".join(sorted(tables)) or "none"))
        meta = dict(self._conn.execute("SELECT key, value FROM meta").fetchall())
        if meta.get("application") != APPLICATION:
            raise self._error("an SQLite database of another application (application %r)"
                              % meta.get("application"))
        version = int(meta.get("schema_version", 0))
        if version != SCHEMA_VERSION:
            raise self._error("schema version %s; this sage-neuro reads version %d"
                              % (version, SCHEMA_VERSION))
        missing = {"cases", "planned", "results"} - set(tables)
        if missing:
            raise self._error("tables %s are missing (corrupt)" % ", ".join(sorted(missing)))

    class _Tx:
        def __init__(self, conn):
            self.conn = conn

        def __enter__(self):
            self.conn.execute("BEGIN IMMEDIATE")
            return self.conn

        def __exit__(self, exc_type, exc, tb):
            self.conn.execute("COMMIT" if exc_type is None else "ROLLBACK")
            return False

    def _transaction(self):
        return SurveyStore._Tx(self._conn)

    def close(self):
        r"""
        Close the file.

        EXAMPLES::

            sage: import os, tempfile
            sage: from sage_neuro.survey.store import SurveyStore
            sage: SurveyStore(os.path.join(tempfile.mkdtemp(), 's.db')).close()
        """
        self._conn.close()

    # -- writing ---------------------------------------------------------------

    def plan(self, cases, invariants):
        r"""
        Add the ``cases`` (a list of :class:`~sage_neuro.survey.grid.Case`)
        with the ``invariants`` to the stored grid; cases and invariants
        already planned are kept as they are.

        EXAMPLES::

            sage: import os, tempfile
            sage: from sage_neuro.survey.store import SurveyStore
            sage: from sage_neuro.survey.grid import grid_cases
            sage: S = SurveyStore(os.path.join(tempfile.mkdtemp(), 's.db'))
            sage: S.plan(grid_cases('linear'), ['dimension', 'expected_dimension'])
            sage: S.plan(grid_cases('linear'), ['dimension'])
            sage: S.status()['total']
            27
        """
        with self._transaction() as c:
            c.executemany("INSERT OR IGNORE INTO cases (key, family, params) VALUES (?, ?, ?)",
                          [(k.key, k.family, json.dumps(k.params)) for k in cases])
            c.executemany("INSERT OR IGNORE INTO planned VALUES (?, ?)",
                          [(k.key, name) for k in cases for name in invariants])

    def record_case(self, case_key, architecture, results, software=None):
        r"""
        Write the results of one case in one transaction.

        INPUT:

        - ``case_key`` -- the case's key
        - ``architecture`` -- its ``repr`` (or ``None`` if it could not be built)
        - ``results`` -- list of dictionaries with keys ``invariant``,
          ``status`` and optionally ``value``, ``method``, ``primes``,
          ``seeds``, ``route``, ``seconds``, ``error``
        - ``software`` -- dictionary of software versions

        EXAMPLES::

            sage: import os, tempfile
            sage: from sage_neuro.survey.store import SurveyStore
            sage: S = SurveyStore(os.path.join(tempfile.mkdtemp(), 's.db'))
            sage: S.record_case('linear:widths=2-2', None, [{'invariant': 'dimension', 'status': 'maybe'}])
            Traceback (most recent call last):
            ...
            ValueError: status must be one of ('ok', 'failed', 'timeout', 'unavailable'), not 'maybe'
        """
        for r in results:
            if r["status"] not in STATUSES:
                raise ValueError("status must be one of %s, not %r" % (STATUSES, r["status"]))
        now = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
        sw = _json(dict(sorted((software or {}).items())))
        with self._transaction() as c:
            c.execute("INSERT OR IGNORE INTO cases (key, family, params) VALUES (?, ?, ?)",
                      (case_key, case_key.partition(":")[0], "{}"))
            if architecture is not None:
                c.execute("UPDATE cases SET architecture = ? WHERE key = ?", (architecture, case_key))
            c.executemany(
                "INSERT INTO results VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                "ON CONFLICT (case_key, invariant) DO UPDATE SET status = excluded.status, "
                "value = excluded.value, method = excluded.method, primes = excluded.primes, "
                "seeds = excluded.seeds, route = excluded.route, seconds = excluded.seconds, "
                "software = excluded.software, error = excluded.error, finished = excluded.finished",
                [(case_key, r["invariant"], r["status"],
                  _json(r.get("value")), r.get("method"),
                  _json(list(r.get("primes") or [])), _json(list(r.get("seeds") or [])),
                  r.get("route"), r.get("seconds"), sw, r.get("error"), now)
                 for r in results])

    # -- reading ---------------------------------------------------------------

    def pending(self, retry_failed=False):
        r"""
        Return the dictionary ``case key -> invariants still to compute``
        over the stored grid, in the order they were planned (with
        ``retry_failed``, failed and timed-out invariants count as still to
        compute).

        EXAMPLES::

            sage: import os, tempfile
            sage: from sage_neuro.survey.store import SurveyStore
            sage: from sage_neuro.survey.grid import Case
            sage: S = SurveyStore(os.path.join(tempfile.mkdtemp(), 's.db'))
            sage: c = Case('linear', {'widths': (2, 2)})
            sage: S.plan([c], ['dimension', 'degree'])
            sage: S.record_case(c.key, None, [{'invariant': 'degree', 'status': 'timeout'}])
            sage: S.pending(), S.pending(retry_failed=True)
            ({'linear:widths=2-2': ['dimension']}, {'linear:widths=2-2': ['dimension', 'degree']})
        """
        finished = "('ok', 'unavailable')" if retry_failed else "('ok', 'unavailable', 'failed', 'timeout')"
        out = {}
        for key, inv in self._conn.execute(
                "SELECT p.case_key, p.invariant FROM planned p LEFT JOIN results r "
                "ON r.case_key = p.case_key AND r.invariant = p.invariant AND r.status IN %s "
                "WHERE r.case_key IS NULL ORDER BY p.rowid" % finished):
            out.setdefault(key, []).append(inv)
        return out

    def status(self):
        r"""
        Return ``{'done': N, 'total': M, 'failed': F}`` for the stored grid:
        ``total`` cases, ``done`` finished with every invariant computed (or
        unavailable), ``failed`` finished with some invariant failed or timed
        out. ``done + failed = total`` once the survey is complete.

        EXAMPLES::

            sage: import os, tempfile
            sage: from sage_neuro.survey.store import SurveyStore
            sage: SurveyStore(os.path.join(tempfile.mkdtemp(), 's.db')).status()
            {'done': 0, 'failed': 0, 'total': 0}
        """
        total = self._conn.execute("SELECT COUNT(DISTINCT case_key) FROM planned").fetchone()[0]
        unfinished = set(self.pending())
        failed = {k for (k,) in self._conn.execute(
            "SELECT DISTINCT r.case_key FROM results r JOIN planned p "
            "ON r.case_key = p.case_key AND r.invariant = p.invariant "
            "WHERE r.status IN ('failed', 'timeout')")} - unfinished
        return {"done": total - len(unfinished) - len(failed), "total": total, "failed": len(failed)}

    def rows(self):
        r"""
        Return all result rows as dictionaries (values decoded from JSON),
        ordered by case key and invariant, with the family, the parameters
        and the architecture of the case.

        EXAMPLES::

            sage: import os, tempfile
            sage: from sage_neuro.survey.store import SurveyStore
            sage: SurveyStore(os.path.join(tempfile.mkdtemp(), 's.db')).rows()
            []
        """
        cur = self._conn.execute(
            "SELECT r.case_key, c.family, c.params, c.architecture, r.invariant, r.status, r.value, "
            "r.method, r.primes, r.seeds, r.route, r.seconds, r.software, r.error, r.finished "
            "FROM results r JOIN cases c ON c.key = r.case_key ORDER BY r.case_key, r.invariant")
        names = [d[0] for d in cur.description]
        out = []
        for row in cur:
            d = dict(zip(names, row))
            for k in ("params", "value", "primes", "seeds", "software"):
                d[k] = json.loads(d[k]) if d[k] is not None else None
            out.append(d)
        return out
