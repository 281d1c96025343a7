r"""
Running a survey: the cases of a grid on a pool of worker processes, each
with its own Sage and Macaulay2, results written to the survey database
case by case.

The per-case time limit is enforced twice: every Macaulay2 call gets the
time left as its timeout (the bridge then restarts M2 and the worker goes
on), and a worker that runs past the limit plus :data:`GRACE` seconds (a
hung computation outside M2) is killed and replaced; the invariants it had
not finished are stored as ``timeout``.

Stopping the survey (Ctrl-C, ``kill``) loses only the cases in progress;
rerunning the same command resumes with the cases not yet in the database.

EXAMPLES::

    sage: import os, tempfile
    sage: from sage_neuro.survey.runner import run_survey
    sage: db = os.path.join(tempfile.mkdtemp(), 'survey.db')
    sage: run_survey('linear', 'input=2..3;hidden=1..2;output=2', db, processes=0, progress=False)
    {'done': 4, 'failed': 0, 'total': 4}
    sage: run_survey('linear', 'input=2..3;hidden=1..2;output=2', db, processes=0, progress=False)
    {'done': 4, 'failed': 0, 'total': 4}
"""

import multiprocessing
import multiprocessing.connection
import os
import sys
import time

from sage_neuro.survey.processes import kill_process_tree, stop_macaulay2
from sage_neuro.survey.grid import grid_cases
from sage_neuro.survey.invariants import check_invariants
from sage_neuro.survey.store import SurveyStore

#: seconds a worker may run past the case's time limit before it is killed
GRACE = 5.0


class Progress:
    r"""
    A progress bar on a stream (default ``stderr``): one updating line on a
    terminal, one line per case otherwise.

    INPUT:

    - ``total`` -- the number of cases to run
    - ``stream`` -- a file object, or ``None`` for ``sys.stderr``

    EXAMPLES::

        sage: import io
        sage: from sage_neuro.survey.runner import Progress
        sage: s = io.StringIO()
        sage: P = Progress(2, stream=s)
        sage: P.update('linear:widths=2-2', 'ok')
        sage: print(s.getvalue().strip())
        [1/2] 50% ... linear:widths=2-2 ok
    """

    def __init__(self, total, stream=None):
        self.total, self.count, self.failed = total, 0, 0
        self.stream = stream or sys.stderr
        self.start = time.perf_counter()
        self.tty = hasattr(self.stream, "isatty") and self.stream.isatty()

    def update(self, key, outcome):
        r"""
        Count one finished case ``key`` with ``outcome`` (``'ok'`` or a failure).

        EXAMPLES::

            sage: import io
            sage: from sage_neuro.survey.runner import Progress
            sage: P = Progress(1, stream=io.StringIO()); P.update('x', 'timeout'); P.failed
            1
        """
        self.count += 1
        self.failed += outcome != "ok"
        el = time.perf_counter() - self.start
        left = el / self.count * (self.total - self.count)
        frac = self.count / max(self.total, 1)
        if self.tty:
            bar = "#" * int(30 * frac) + "." * (30 - int(30 * frac))
            self.stream.write("\r[%s] %d/%d  %d failed  %ds elapsed  ~%ds left " % (
                bar, self.count, self.total, self.failed, el, left))
            if self.count == self.total:
                self.stream.write("\n")
        else:
            self.stream.write("[%d/%d] %d%%  %.1fs elapsed  ~%.0fs left  %s %s\n" % (
                self.count, self.total, 100 * frac, el, left, key, outcome))
        self.stream.flush()


def _worker_main(conn):
    # runs in a fresh (spawned) process: its own Sage and its own Macaulay2
    from sage_neuro.survey.invariants import compute_case, software_versions
    software_versions()
    conn.send(("ready",))
    try:
        while True:
            task = conn.recv()
            if task is None:
                return
            key, invariants, limit = task
            arch, _, sw = compute_case(key, invariants, limit, emit=lambda r: conn.send(("result", r)))
            conn.send(("done", arch, sw))
    except (EOFError, BrokenPipeError, KeyboardInterrupt):
        return
    finally:
        stop_macaulay2()


class _Worker:
    def __init__(self, ctx):
        self.conn, child = ctx.Pipe()
        self.proc = ctx.Process(target=_worker_main, args=(child,), daemon=True)
        self.proc.start()
        child.close()
        self.ready = False
        self.task = None

    def assign(self, task):
        self.task, self.started, self.partial = task, time.perf_counter(), []
        self.conn.send(task)

    def kill(self):
        if self.proc.is_alive():
            # with its Macaulay2, which lives in a session of its own
            kill_process_tree(self.proc.pid)
            self.proc.join(5)
        self.conn.close()


def _unfinished(task, partial, status, error):
    done = {r["invariant"] for r in partial}
    return partial + [{"invariant": n, "status": status, "error": error}
                      for n in task[1] if n not in done]


def run_pool(tasks, record, processes=2, time_limit=None):
    r"""
    Run ``tasks`` (triples ``(case key, invariants, time limit)``) on
    ``processes`` worker processes and call ``record(key, architecture,
    results, software)`` in this process as each case finishes.

    With ``processes=0`` the cases run in this process, one after the
    other, with the time limit enforced on Macaulay2 calls only.

    EXAMPLES::

        sage: from sage_neuro.survey.runner import run_pool
        sage: out = []
        sage: run_pool([('linear:widths=3-1-3', ['dimension'], None)],
        ....:          lambda k, a, r, s: out.append((a, r[0]['value'])), processes=0)
        sage: out
        [('LinearNetwork([3, 1, 3])', 5)]
    """
    tasks = list(tasks)
    if processes == 0:
        from sage_neuro.survey.invariants import compute_case
        for t in tasks:
            arch, res, sw = compute_case(*t)
            record(t[0], arch, res, sw)
        return
    ctx = multiprocessing.get_context("spawn")
    workers = [_Worker(ctx) for _ in range(min(processes, len(tasks)))]
    queue = list(reversed(tasks))
    retired = []
    try:
        while workers:
            for w in list(workers):
                if w.ready and w.task is None:
                    if queue:
                        w.assign(queue.pop())
                    else:
                        # no more work: let it exit on its own, reaped below
                        w.conn.send(None)
                        retired.append(w)
                        workers.remove(w)
            if not workers:
                break
            for conn in multiprocessing.connection.wait([w.conn for w in workers], timeout=0.5):
                w = next(x for x in workers if x.conn is conn)
                try:
                    msg = conn.recv()
                except (EOFError, OSError):
                    # the worker died (crash, out of memory): record and replace it
                    code = w.proc.exitcode
                    if w.task is not None:
                        record(w.task[0], None, _unfinished(w.task, w.partial, "failed",
                                                            "worker process died (exit code %s)" % code), {})
                    elif not queue:
                        raise RuntimeError("a survey worker process died before it started "
                                           "(exit code %s); is sage_neuro importable?" % code)
                    w.kill()
                    workers[workers.index(w)] = _Worker(ctx)
                    continue
                if msg[0] == "ready":
                    w.ready = True
                elif msg[0] == "result":
                    w.partial.append(msg[1])
                elif msg[0] == "done":
                    record(w.task[0], msg[1], w.partial, msg[2])
                    w.task = None
            now = time.perf_counter()
            for i, w in enumerate(workers):
                limit = w.task[2] if w.task is not None else None
                if limit is not None and now - w.started > limit + GRACE:
                    record(w.task[0], None, _unfinished(w.task, w.partial, "timeout",
                                                        "killed after the case's time limit of %s s" % limit), {})
                    w.kill()
                    workers[i] = _Worker(ctx)
    finally:
        for w in retired:
            w.proc.join(5)
        for w in workers + retired:
            w.kill()


def run_survey(family, grid, db, invariants=None, time_limit=120, processes=2,
               scheduler=None, retry_failed=False, progress=True, stream=None):
    r"""
    Run the survey of ``family`` over ``grid`` into the database ``db``,
    skipping the cases already there, and return its status.

    INPUT:

    - ``family`` -- ``'linear'``, ``'mlp'``, ``'cnn'``, ``'attention'`` or ``'all'``
    - ``grid`` -- a grid spec (see :mod:`sage_neuro.survey.grid`) or
      ``None`` for the family's default grid
    - ``db`` -- the SQLite file (created if missing)
    - ``invariants`` -- names (or a comma-separated string) from
      :data:`~sage_neuro.survey.invariants.SURVEY_INVARIANTS`; default
      expected dimension, dimension and defect
    - ``time_limit`` -- seconds per case (``None``: no limit)
    - ``processes`` -- local worker processes (``0``: run in this process)
    - ``scheduler`` -- ``None`` (local processes), ``'local'`` (a local Dask
      cluster with ``processes`` workers) or the address of a Dask scheduler
    - ``retry_failed`` -- also rerun failed and timed-out invariants
    - ``progress`` -- show a progress bar on ``stream`` (default ``stderr``)

    OUTPUT: the dictionary ``{'done': N, 'total': M, 'failed': F}`` of the database

    EXAMPLES::

        sage: import os, tempfile
        sage: from sage_neuro.survey.runner import run_survey
        sage: db = os.path.join(tempfile.mkdtemp(), 'survey.db')
        sage: run_survey('linear', 'widths=3-1-3', db, invariants='dimension,defect,degree,generic_fiber_is_orbit',
        ....:            processes=0, progress=False)
        {'done': 1, 'failed': 0, 'total': 1}
        sage: from sage_neuro.survey.store import SurveyStore
        sage: [(r['invariant'], r['status'], r['value']) for r in SurveyStore(db).rows()]
        [('defect', 'ok', 0),
         ('degree', 'ok', 6),
         ('dimension', 'ok', 5),
         ('generic_fiber_is_orbit', ..., ...)]
        sage: run_survey('mlp', 'width=2', db)
        Traceback (most recent call last):
        ...
        ValueError: bad grid 'width=2': unknown name 'width' for family 'mlp'; allowed: ...
    """
    invariants = check_invariants(invariants)
    if time_limit is not None and not time_limit > 0:
        raise ValueError("time_limit must be a positive number of seconds or None, not %r" % (time_limit,))
    if processes < 0:
        raise ValueError("processes must be >= 0, not %r" % (processes,))
    cases = grid_cases(family, grid)
    store = SurveyStore(db)
    try:
        store.plan(cases, invariants)
        pending = store.pending(retry_failed=retry_failed)
        tasks = [(c.key, pending[c.key], time_limit) for c in cases if c.key in pending]
        bar = Progress(len(tasks), stream) if progress and tasks else None

        def record(key, arch, results, software):
            store.record_case(key, arch, results, software)
            if bar is not None:
                bad = [r["status"] for r in results if r["status"] in ("failed", "timeout")]
                bar.update(key, bad[0] if bad else "ok")

        if scheduler is None:
            run_pool(tasks, record, processes=processes, time_limit=time_limit)
        else:
            from sage_neuro.survey.dask_runner import run_dask
            run_dask(tasks, record, scheduler=scheduler, n_workers=max(processes, 1))
        return store.status()
    finally:
        store.close()
