r"""
The survey database: an embedded SQLite file.

One row per (case, invariant) in the table ``results``, with the value (as
JSON), the status (``ok``, ``failed``, ``timeout``, ``unavailable``), the
level of certainty in ``method`` (one of
:data:`~sage_neuro.provenance.CERTAINTY`: ``proved``, ``exact_random``,
``modular``, ``numerical``), the primes and seeds, the random choices and
a bound for the probability that one was bad (``choices``,
``failure_probability``), what was shown (``certificate``), the software
versions, the wall time and the error if any. ``UNIQUE(case_key,
invariant)`` makes every row appear at most once; rewriting a row (a
retried case) replaces it. Foreign keys are declared and enforced on every
connection (``PRAGMA foreign_keys=ON``): no row names a case that is not in
the grid.

Crash safety: the file is in WAL mode and all rows of a finished case are
written in one transaction, so killing the writer at any moment loses no
finished case and leaves no half-written one. The grid itself (the cases
and the invariants planned for each) is stored too, so that
:meth:`SurveyStore.status` knows the total and a rerun resumes.

Several surveys on one file: a survey *claims* a case (table ``claims``)
in a ``BEGIN IMMEDIATE`` transaction before computing it, and only if no
other living survey holds it and some invariant is still to compute; the
claim goes with the case's results in one transaction. A claim is stale,
and the case free again, when its survey process is gone (same machine)
or has not refreshed it for
:data:`~sage_neuro.constants.SURVEY_STALE_CLAIM` seconds. So two surveys
running at once never compute the same case twice, and a killed survey's
cases are taken over at once. Lock waits are bounded by
:data:`~sage_neuro.constants.SURVEY_BUSY_TIMEOUT`.

Schema versions: version 1 files (before the certainty vocabulary) are
migrated when opened: the new columns and the claims table are added, and
the rows that cannot be trusted are deleted, so that the next run computes
them again: the two checks (version 1 stored ``true`` for any certificate)
and the rows labelled ``exact`` (a label that did not say whether the
value was proved or rested on random choices).

A file that is not an SQLite database, is corrupt, or is an SQLite
database of another application raises :class:`SurveyDatabaseError` (a
``ValueError``) naming the file.

EXAMPLES::

    sage: import os
    sage: from sage_neuro.survey.store import SurveyStore
    sage: from sage_neuro.survey.grid import Case
    sage: path = os.path.join(tmp_dir(), 'survey.db')
    sage: S = SurveyStore(path)
    sage: c = Case('linear', {'widths': (4, 2, 3)})
    sage: S.plan([c], ['dimension'])
    sage: S.status()
    {'done': 0, 'failed': 0, 'total': 1}
    sage: S.claim(c.key)
    ['dimension']
    sage: S.record_case(c.key, 'LinearNetwork([4, 2, 3])',
    ....:     [{'invariant': 'dimension', 'status': 'ok', 'value': 10, 'method': 'modular',
    ....:       'primes': [8388593], 'seeds': [0], 'choices': 'a random point'}])
    sage: S.status(), S.pending(), S.claim(c.key)
    ({'done': 1, 'failed': 0, 'total': 1}, {}, [])
    sage: r = S.rows()[0]; r['value'], r['method'], r['choices'], r['failure_probability']
    (10, 'modular', 'a random point', None)
    sage: S.certainty()
    {'modular': 1}
    sage: open(path + '.txt', 'w').write('hello')
    5
    sage: SurveyStore(path + '.txt')
    Traceback (most recent call last):
    ...
    SurveyDatabaseError: .../survey.db.txt is not a sage-neuro survey database: not an SQLite file (foreign or corrupt)
"""

import json
import os
import socket
import sqlite3
import time
import uuid

from sage_neuro.constants import SURVEY_BUSY_TIMEOUT, SURVEY_STALE_CLAIM
from sage_neuro.provenance import METHODS, check_certainty

APPLICATION = "sage-neuro survey"
SCHEMA_VERSION = 2
STATUSES = ("ok", "failed", "timeout", "unavailable")

#: the invariants whose version 1 rows were not verdicts (dropped on migration)
_V1_UNTRUSTED = ("singularities_are_subnetworks", "generic_fiber_is_orbit")

_RESULTS = """
CREATE TABLE %s (
    case_key TEXT NOT NULL REFERENCES cases(key),
    invariant TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('ok', 'failed', 'timeout', 'unavailable')),
    value TEXT,
    method TEXT CHECK (method IS NULL OR method IN (%s)),
    primes TEXT,
    seeds TEXT,
    route TEXT,
    seconds REAL,
    software TEXT,
    error TEXT,
    finished TEXT NOT NULL,
    choices TEXT,
    failure_probability REAL,
    certificate TEXT,
    UNIQUE (case_key, invariant)
)"""

_CLAIMS = """
CREATE TABLE claims (
    case_key TEXT PRIMARY KEY REFERENCES cases(key),
    owner TEXT NOT NULL,
    host TEXT NOT NULL,
    pid INTEGER NOT NULL,
    process_start TEXT,
    heartbeat REAL NOT NULL
)"""

#: sub-results of long computations (one seed of a degree, ...), kept so that
#: a case stopped in the middle resumes from them; added to version 2 files
#: when they are opened (older code ignores the table)
_PARTIALS = """
CREATE TABLE IF NOT EXISTS partials (
    case_key TEXT NOT NULL REFERENCES cases(key),
    invariant TEXT NOT NULL,
    part TEXT NOT NULL,
    value TEXT NOT NULL,
    finished TEXT NOT NULL,
    UNIQUE (case_key, invariant, part)
)"""

_SCHEMA = [
    "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
    """CREATE TABLE cases (
    key TEXT PRIMARY KEY,
    family TEXT NOT NULL,
    params TEXT NOT NULL,
    architecture TEXT
)""",
    """CREATE TABLE planned (
    case_key TEXT NOT NULL REFERENCES cases(key),
    invariant TEXT NOT NULL,
    UNIQUE (case_key, invariant)
)""",
    _RESULTS % ("results", ", ".join("'%s'" % m for m in METHODS)),
    _CLAIMS,
    _PARTIALS,
]

#: the columns of ``results``, in order
_COLUMNS = ("case_key", "invariant", "status", "value", "method", "primes", "seeds", "route",
            "seconds", "software", "error", "finished", "choices", "failure_probability",
            "certificate")

_SQLITE_MAGIC = b"SQLite format 3\x00"


def _json(obj):
    # Sage integers and rationals (from the preparser or from invariants)
    return json.dumps(obj, default=lambda x: int(x) if hasattr(x, "is_integer") and x.is_integer() else str(x))


def _now_iso():
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())


def _process_start(pid):
    # the start time of a process (Linux: field 22 of /proc/PID/stat), which
    # tells a living survey from a later process that reuses its pid
    try:
        with open("/proc/%d/stat" % pid) as f:
            stat = f.read()
        return stat[stat.rindex(")") + 2:].split()[19]
    except (OSError, ValueError, IndexError):
        return None


def _process_alive(pid, start):
    if os.path.isdir("/proc/self"):
        now = _process_start(pid)
        return now is not None and (start is None or now == start)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        pass
    return True


class SurveyDatabaseError(ValueError):
    r"""
    A survey database file that cannot be used: not SQLite, corrupt, of
    another application or of a newer schema, or missing.

    EXAMPLES::

        sage: from sage_neuro.survey.store import SurveyDatabaseError
        sage: issubclass(SurveyDatabaseError, ValueError)
        True
    """


def connect(path):
    r"""
    Return an SQLite connection to ``path`` set up as every connection of a
    survey database is: autocommit mode (transactions are opened
    explicitly), foreign keys enforced, lock waits bounded by
    :data:`~sage_neuro.constants.SURVEY_BUSY_TIMEOUT`.

    INPUT:

    - ``path`` -- a file name

    OUTPUT: an ``sqlite3.Connection``

    EXAMPLES::

        sage: import os
        sage: from sage_neuro.survey.store import connect
        sage: c = connect(os.path.join(tmp_dir(), 's.db'))
        sage: c.execute('PRAGMA foreign_keys').fetchone(), c.execute('PRAGMA busy_timeout').fetchone()
        ((1,), (30000,))
        sage: c.close()
    """
    conn = sqlite3.connect(path, isolation_level=None, timeout=SURVEY_BUSY_TIMEOUT)
    conn.execute("PRAGMA busy_timeout = %d" % int(1000 * SURVEY_BUSY_TIMEOUT))
    conn.execute("PRAGMA foreign_keys = ON")
    return conn


def results_by_case(db):
    r"""
    Return the result rows of the survey database ``db``
    (:meth:`SurveyStore.rows`, read once and the store closed again),
    grouped as ``{case key: {invariant: row}}``.

    EXAMPLES::

        sage: import os
        sage: from sage_neuro.survey.store import SurveyStore, results_by_case
        sage: from sage_neuro.survey.grid import Case
        sage: path = os.path.join(tmp_dir(), 's.db')
        sage: S = SurveyStore(path); c = Case('linear', {'widths': (2, 2)})
        sage: S.plan([c], ['dimension'])
        sage: S.record_case(c.key, None, [{'invariant': 'dimension', 'status': 'ok', 'value': 4,
        ....:                               'method': 'modular'}]); S.close()
        sage: results_by_case(path)['linear:widths=2-2']['dimension']['value']
        4
    """
    store = SurveyStore(db, create=False)
    try:
        rows = store.rows()
    finally:
        store.close()
    cases = {}
    for r in rows:
        cases.setdefault(r["case_key"], {})[r["invariant"]] = r
    return cases


class SurveyStore:
    r"""
    A survey database file.

    INPUT:

    - ``path`` -- the file name
    - ``create`` -- whether to create the file if it does not exist
      (default ``True``; ``False`` raises :class:`SurveyDatabaseError` for a
      missing file)

    The store is also the identity under which cases are claimed
    (:meth:`claim`): ``owner`` names this host, process and store.

    EXAMPLES::

        sage: import os
        sage: from sage_neuro.survey.store import SurveyStore
        sage: SurveyStore(os.path.join(tmp_dir(), 'none.db'), create=False)
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
        self.host = socket.gethostname()
        self.pid = os.getpid()
        self.owner = "%s:%d:%s" % (self.host, self.pid, uuid.uuid4().hex[:12])
        self._start = _process_start(self.pid)
        try:
            self._conn = connect(self.path)
            self._conn.execute("PRAGMA journal_mode=WAL")
            self._conn.execute("PRAGMA synchronous=FULL")
            # created in a transaction that first looks again: two surveys
            # starting at once on a new file create it once
            with self._transaction() as c:
                tables = [r[0] for r in c.execute("SELECT name FROM sqlite_master WHERE type='table'")]
                if not tables and create:
                    self._create(c)
            self._check()
        except sqlite3.DatabaseError as exc:
            raise self._error("corrupt SQLite file (%s)" % exc) from None

    def _error(self, why):
        return SurveyDatabaseError("%s is not a sage-neuro survey database: %s" % (self.path, why))

    def _create(self, c):
        for stmt in _SCHEMA:
            c.execute(stmt)
        c.executemany("INSERT INTO meta VALUES (?, ?)",
                      [("application", APPLICATION), ("schema_version", str(SCHEMA_VERSION)),
                       ("created", _now_iso())])

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
        if version == 1:
            self._migrate_from_1()
        elif version != SCHEMA_VERSION:
            raise self._error("schema version %s; this sage-neuro reads versions 1 and %d"
                              % (version, SCHEMA_VERSION))
        tables = [r[0] for r in self._conn.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        missing = {"cases", "planned", "results", "claims"} - set(tables)
        if missing:
            raise self._error("tables %s are missing (corrupt)" % ", ".join(sorted(missing)))
        if "partials" not in tables:
            with self._transaction() as c:
                c.execute(_PARTIALS)
        bad = self._conn.execute("PRAGMA foreign_key_check").fetchall()
        if bad:
            raise self._error("%d rows name cases that do not exist (table %s)" % (len(bad), bad[0][0]))

    def _migrate_from_1(self):
        # version 1 -> 2: the certainty columns (with a CHECK on the level),
        # the claims table; the rows that were not what their label said
        # are dropped and thereby computed again by the next run
        with self._transaction() as c:
            version = c.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()[0]
            if int(version) != 1:
                return   # another process migrated it meanwhile
            old = ("case_key", "invariant", "status", "value", "method", "primes", "seeds", "route",
                   "seconds", "software", "error", "finished")
            c.execute(_RESULTS % ("results_2", ", ".join("'%s'" % m for m in METHODS)))
            keep = ("(method IS NULL OR method IN (%s)) AND invariant NOT IN (%s)"
                    % (", ".join("'%s'" % m for m in METHODS), ", ".join("'%s'" % n for n in _V1_UNTRUSTED)))
            c.execute("INSERT INTO results_2 (%s) SELECT %s FROM results WHERE %s"
                      % (", ".join(old), ", ".join(old), keep))
            dropped = (c.execute("SELECT COUNT(*) FROM results").fetchone()[0]
                       - c.execute("SELECT COUNT(*) FROM results_2").fetchone()[0])
            c.execute("DROP TABLE results")
            c.execute("ALTER TABLE results_2 RENAME TO results")
            c.execute(_CLAIMS)
            c.execute("UPDATE meta SET value = ? WHERE key = 'schema_version'", (str(SCHEMA_VERSION),))
            c.execute("INSERT OR REPLACE INTO meta VALUES ('migrated_from_1', ?)",
                      ("%s: %d rows dropped (checks of version 1, label 'exact')" % (_now_iso(), dropped),))

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

            sage: import os
            sage: from sage_neuro.survey.store import SurveyStore
            sage: SurveyStore(os.path.join(tmp_dir(), 's.db')).close()
        """
        self._conn.close()

    # -- writing ---------------------------------------------------------------

    def plan(self, cases, invariants):
        r"""
        Add the ``cases`` (a list of :class:`~sage_neuro.survey.grid.Case`)
        with the ``invariants`` to the stored grid; cases and invariants
        already planned are kept as they are.

        EXAMPLES::

            sage: import os
            sage: from sage_neuro.survey.store import SurveyStore
            sage: from sage_neuro.survey.grid import grid_cases
            sage: S = SurveyStore(os.path.join(tmp_dir(), 's.db'))
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

    def _stale(self, host, pid, start, heartbeat, now):
        if now - heartbeat > SURVEY_STALE_CLAIM:
            return True
        return host == self.host and not _process_alive(pid, start)

    def _pending_for(self, c, case_key, retry_failed, since):
        # the planned invariants of one case still to compute; with
        # retry_failed, failed ones count unless they finished after `since`
        # (then another survey has just retried them)
        return [inv for (inv,) in c.execute(
            "SELECT p.invariant FROM planned p LEFT JOIN results r "
            "ON r.case_key = p.case_key AND r.invariant = p.invariant "
            "WHERE p.case_key = ? AND (r.case_key IS NULL OR (? AND r.status IN ('failed', 'timeout') "
            "AND r.finished < ?)) ORDER BY p.rowid",
            (case_key, 1 if retry_failed else 0, since or "9999"))]

    def claim(self, case_key, retry_failed=False, since=None):
        r"""
        Claim the case ``case_key`` for this store's survey and return the
        invariants of it still to compute (``[]``: nothing to do, or another
        living survey holds the case).

        The check and the claim are one ``BEGIN IMMEDIATE`` transaction, so
        of two surveys asking at once exactly one gets the case. A claim of
        a survey whose process is gone, or that was not refreshed
        (:meth:`refresh_claims`) for
        :data:`~sage_neuro.constants.SURVEY_STALE_CLAIM` seconds, is taken
        over. :meth:`record_case` releases the claim.

        INPUT:

        - ``case_key`` -- a planned case
        - ``retry_failed`` -- also return failed and timed-out invariants
          (those that finished before ``since``)
        - ``since`` -- an ISO time ``'YYYY-MM-DDTHH:MM:SSZ'`` (default: now)

        OUTPUT: a list of invariant names

        EXAMPLES::

            sage: import os
            sage: from sage_neuro.survey.store import SurveyStore
            sage: from sage_neuro.survey.grid import Case
            sage: path = os.path.join(tmp_dir(), 's.db')
            sage: A, B = SurveyStore(path), SurveyStore(path)
            sage: c = Case('linear', {'widths': (2, 2)})
            sage: A.plan([c], ['dimension', 'degree'])
            sage: A.claim(c.key), B.claim(c.key)
            (['dimension', 'degree'], [])
            sage: A.record_case(c.key, None, [{'invariant': 'dimension', 'status': 'ok', 'value': 4,
            ....:                               'method': 'modular'}])
            sage: B.claim(c.key)
            ['degree']
            sage: A.claim(c.key)
            []
        """
        since = since or _now_iso()
        now = time.time()
        with self._transaction() as c:
            held = c.execute("SELECT owner, host, pid, process_start, heartbeat FROM claims "
                             "WHERE case_key = ?", (case_key,)).fetchone()
            if held is not None and held[0] != self.owner and not self._stale(*held[1:], now):
                return []
            todo = self._pending_for(c, case_key, retry_failed, since)
            if not todo:
                c.execute("DELETE FROM claims WHERE case_key = ?", (case_key,))
                return []
            c.execute("INSERT OR REPLACE INTO claims VALUES (?, ?, ?, ?, ?, ?)",
                      (case_key, self.owner, self.host, self.pid, self._start, now))
            return todo

    def refresh_claims(self):
        r"""
        Mark the claims of this store's survey as alive (see :meth:`claim`).

        EXAMPLES::

            sage: import os
            sage: from sage_neuro.survey.store import SurveyStore
            sage: SurveyStore(os.path.join(tmp_dir(), 's.db')).refresh_claims()
        """
        with self._transaction() as c:
            c.execute("UPDATE claims SET heartbeat = ? WHERE owner = ?", (time.time(), self.owner))

    def keep_claims_alive(self, interval=None):
        r"""
        Return a context manager that refreshes the claims of this store's
        survey every ``interval`` seconds (default
        :data:`~sage_neuro.constants.SURVEY_CLAIM_HEARTBEAT`) from a thread
        with its own connection, while the survey computes.

        EXAMPLES::

            sage: import os, time
            sage: from sage_neuro.survey.store import SurveyStore
            sage: from sage_neuro.survey.grid import Case
            sage: S = SurveyStore(os.path.join(tmp_dir(), 's.db'))
            sage: c = Case('linear', {'widths': (2, 2)}); S.plan([c], ['dimension'])
            sage: _ = S.claim(c.key)
            sage: before = S._conn.execute('SELECT heartbeat FROM claims').fetchone()[0]
            sage: with S.keep_claims_alive(interval=0.05):
            ....:     time.sleep(float(0.3))
            sage: S._conn.execute('SELECT heartbeat FROM claims').fetchone()[0] > before
            True
        """
        import threading
        from contextlib import contextmanager
        from sage_neuro.constants import SURVEY_CLAIM_HEARTBEAT
        interval = SURVEY_CLAIM_HEARTBEAT if interval is None else float(interval)
        path, owner = self.path, self.owner

        def beat(stop):
            conn = connect(path)
            try:
                while not stop.wait(interval):
                    conn.execute("UPDATE claims SET heartbeat = ? WHERE owner = ?", (time.time(), owner))
            finally:
                conn.close()

        @contextmanager
        def alive():
            stop = threading.Event()
            thread = threading.Thread(target=beat, args=(stop,), daemon=True,
                                      name="survey claims heartbeat")
            thread.start()
            try:
                yield
            finally:
                stop.set()
                thread.join()
        return alive()

    def release_claims(self):
        r"""
        Give up the claims of this store's survey on the cases it has not
        finished (when the survey stops).

        EXAMPLES::

            sage: import os
            sage: from sage_neuro.survey.store import SurveyStore
            sage: from sage_neuro.survey.grid import Case
            sage: path = os.path.join(tmp_dir(), 's.db')
            sage: c = Case('linear', {'widths': (2, 2)})
            sage: A = SurveyStore(path); A.plan([c], ['dimension']); A.claim(c.key)
            ['dimension']
            sage: B = SurveyStore(path); B.claim(c.key)     # A holds the case
            []
            sage: A.release_claims(); B.claim(c.key)
            ['dimension']
        """
        with self._transaction() as c:
            c.execute("DELETE FROM claims WHERE owner = ?", (self.owner,))

    def record_case(self, case_key, architecture, results, software=None, release=True):
        r"""
        Write the results of one case, and release its claim, in one
        transaction. With ``release=False`` the claim is kept: the results
        are those of the invariants finished so far of a case still
        computing (a survey killed afterwards resumes without them).

        INPUT:

        - ``case_key`` -- the case's key
        - ``architecture`` -- its ``repr`` (or ``None`` if it could not be built)
        - ``results`` -- list of dictionaries with keys ``invariant``,
          ``status`` and optionally ``value``, ``method`` (a level of
          :data:`~sage_neuro.provenance.CERTAINTY`, required for status
          ``ok``), ``primes``, ``seeds``, ``route``, ``seconds``,
          ``choices``, ``failure_probability``, ``certificate``, ``error``
        - ``software`` -- dictionary of software versions

        EXAMPLES::

            sage: import os
            sage: from sage_neuro.survey.store import SurveyStore
            sage: S = SurveyStore(os.path.join(tmp_dir(), 's.db'))
            sage: S.record_case('linear:widths=2-2', None, [{'invariant': 'dimension', 'status': 'maybe'}])
            Traceback (most recent call last):
            ...
            ValueError: status must be one of ('ok', 'failed', 'timeout', 'unavailable'), not 'maybe'
            sage: S.record_case('linear:widths=2-2', None, [{'invariant': 'dimension', 'status': 'ok',
            ....:                                            'value': 4, 'method': 'exact'}])
            Traceback (most recent call last):
            ...
            ValueError: certainty must be one of 'proved', 'exact_random', 'modular', 'numerical', not 'exact'
            sage: S.record_case('linear:widths=2-2', None, [{'invariant': 'dimension', 'status': 'ok', 'value': 4}])
            Traceback (most recent call last):
            ...
            ValueError: certainty must be one of 'proved', 'exact_random', 'modular', 'numerical', not None
        """
        for r in results:
            if r["status"] not in STATUSES:
                raise ValueError("status must be one of %s, not %r" % (STATUSES, r["status"]))
            if r["status"] == "ok" or r.get("method") is not None:
                check_certainty(r.get("method"))
        now = _now_iso()
        sw = _json(dict(sorted((software or {}).items())))
        rows = []
        for r in results:
            fp = r.get("failure_probability")
            rows.append((case_key, r["invariant"], r["status"], _json(r.get("value")), r.get("method"),
                         _json(list(r.get("primes") or [])), _json(list(r.get("seeds") or [])),
                         r.get("route"), r.get("seconds"), sw, r.get("error"), now,
                         r.get("choices") or None, None if fp is None else float(fp),
                         r.get("certificate") or None))
        with self._transaction() as c:
            c.execute("INSERT OR IGNORE INTO cases (key, family, params) VALUES (?, ?, ?)",
                      (case_key, case_key.partition(":")[0], "{}"))
            if architecture is not None:
                c.execute("UPDATE cases SET architecture = ? WHERE key = ?", (architecture, case_key))
            c.executemany(
                "INSERT INTO results (%s) VALUES (%s) ON CONFLICT (case_key, invariant) DO UPDATE SET %s"
                % (", ".join(_COLUMNS), ", ".join("?" * len(_COLUMNS)),
                   ", ".join("%s = excluded.%s" % (k, k) for k in _COLUMNS[2:])), rows)
            if release:
                c.execute("DELETE FROM claims WHERE case_key = ?", (case_key,))

    def record_partial(self, case_key, invariant, part, value):
        r"""
        Keep the sub-result ``part`` (e.g. ``'seed=3'``) of the computation
        of ``invariant`` for the case ``case_key``: a JSON-able ``value``.
        A later computation of the invariant (after the survey was killed
        or the case timed out) starts from the sub-results kept
        (:meth:`partials`).

        EXAMPLES::

            sage: import os
            sage: from sage_neuro.survey.store import SurveyStore
            sage: from sage_neuro.survey.grid import Case
            sage: S = SurveyStore(os.path.join(tmp_dir(), 's.db'))
            sage: c = Case('linear', {'widths': (2, 2)}); S.plan([c], ['degree'])
            sage: S.record_partial(c.key, 'degree', 'seed=3', {'value': 1})
            sage: S.partials(c.key)
            {'degree': {'seed=3': {'value': 1}}}
            sage: S.partials('linear:widths=3-3')
            {}
        """
        with self._transaction() as c:
            c.execute("INSERT OR REPLACE INTO partials VALUES (?, ?, ?, ?, ?)",
                      (case_key, invariant, str(part), _json(value), _now_iso()))

    def partials(self, case_key):
        r"""
        Return the sub-results kept for the case ``case_key`` (see
        :meth:`record_partial`): a dictionary ``invariant -> {part: value}``.

        EXAMPLES::

            sage: import os
            sage: from sage_neuro.survey.store import SurveyStore
            sage: SurveyStore(os.path.join(tmp_dir(), 's.db')).partials('linear:widths=2-2')
            {}
        """
        out = {}
        for inv, part, value in self._conn.execute(
                "SELECT invariant, part, value FROM partials WHERE case_key = ? ORDER BY rowid",
                (case_key,)):
            out.setdefault(inv, {})[part] = json.loads(value)
        return out

    # -- reading ---------------------------------------------------------------

    def pending(self, retry_failed=False):
        r"""
        Return the dictionary ``case key -> invariants still to compute``
        over the stored grid, in the order they were planned (with
        ``retry_failed``, failed and timed-out invariants count as still to
        compute).

        EXAMPLES::

            sage: import os
            sage: from sage_neuro.survey.store import SurveyStore
            sage: from sage_neuro.survey.grid import Case
            sage: S = SurveyStore(os.path.join(tmp_dir(), 's.db'))
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

            sage: import os
            sage: from sage_neuro.survey.store import SurveyStore
            sage: SurveyStore(os.path.join(tmp_dir(), 's.db')).status()
            {'done': 0, 'failed': 0, 'total': 0}
        """
        total = self._conn.execute("SELECT COUNT(DISTINCT case_key) FROM planned").fetchone()[0]
        unfinished = set(self.pending())
        failed = {k for (k,) in self._conn.execute(
            "SELECT DISTINCT r.case_key FROM results r JOIN planned p "
            "ON r.case_key = p.case_key AND r.invariant = p.invariant "
            "WHERE r.status IN ('failed', 'timeout')")} - unfinished
        return {"done": total - len(unfinished) - len(failed), "total": total, "failed": len(failed)}

    def certainty(self):
        r"""
        Return how many computed values (rows of status ``ok``) have each
        level of certainty, strongest level first.

        EXAMPLES::

            sage: import os
            sage: from sage_neuro.survey.store import SurveyStore
            sage: S = SurveyStore(os.path.join(tmp_dir(), 's.db'))
            sage: S.record_case('linear:widths=2-2', None,
            ....:     [{'invariant': 'expected_dimension', 'status': 'ok', 'value': 4, 'method': 'proved'},
            ....:      {'invariant': 'dimension', 'status': 'ok', 'value': 4, 'method': 'modular'},
            ....:      {'invariant': 'degree', 'status': 'failed', 'error': 'x'}])
            sage: list(S.certainty().items())
            [('proved', 1), ('modular', 1)]
        """
        counts = dict(self._conn.execute(
            "SELECT method, COUNT(*) FROM results WHERE status = 'ok' GROUP BY method").fetchall())
        return {m: counts[m] for m in METHODS if counts.get(m)}

    def claims(self):
        r"""
        Return the current claims as dictionaries ``{'case_key', 'owner',
        'stale'}``: the cases other surveys (or this one) are computing.

        EXAMPLES::

            sage: import os
            sage: from sage_neuro.survey.store import SurveyStore
            sage: from sage_neuro.survey.grid import Case
            sage: S = SurveyStore(os.path.join(tmp_dir(), 's.db'))
            sage: S.plan([Case('linear', {'widths': (2, 2)})], ['dimension'])
            sage: S.claim('linear:widths=2-2')      # the key of the case
            ['dimension']
            sage: [(d['case_key'], d['owner'] == S.owner, d['stale']) for d in S.claims()]
            [('linear:widths=2-2', True, False)]
        """
        now = time.time()
        return [{"case_key": k, "owner": o, "stale": self._stale(h, p, st, hb, now)}
                for k, o, h, p, st, hb in self._conn.execute(
                    "SELECT case_key, owner, host, pid, process_start, heartbeat FROM claims "
                    "ORDER BY case_key")]

    def rows(self):
        r"""
        Return all result rows as dictionaries (values decoded from JSON),
        ordered by case key and invariant, with the family, the parameters
        and the architecture of the case.

        EXAMPLES::

            sage: import os
            sage: from sage_neuro.survey.store import SurveyStore
            sage: SurveyStore(os.path.join(tmp_dir(), 's.db')).rows()
            []
        """
        cur = self._conn.execute(
            "SELECT r.case_key, c.family, c.params, c.architecture, r.invariant, r.status, r.value, "
            "r.method, r.primes, r.seeds, r.route, r.seconds, r.choices, r.failure_probability, "
            "r.certificate, r.software, r.error, r.finished "
            "FROM results r JOIN cases c ON c.key = r.case_key ORDER BY r.case_key, r.invariant")
        names = [d[0] for d in cur.description]
        out = []
        for row in cur:
            d = dict(zip(names, row))
            for k in ("params", "value", "primes", "seeds", "software"):
                d[k] = json.loads(d[k]) if d[k] is not None else None
            out.append(d)
        return out
