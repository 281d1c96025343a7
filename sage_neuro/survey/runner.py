r"""
Running a survey: the cases of a grid on a pool of worker processes, each
with its own Sage and Macaulay2, results written to the survey database
case by case.

The per-case time limit is enforced twice: every Macaulay2 call gets the
time left as its timeout (the bridge then restarts M2 and the worker goes
on), and a worker that runs past the limit plus
:data:`~sage_neuro.constants.GRACE` seconds (a hung computation outside
M2) is killed and replaced; the invariants it had not finished are stored
as ``timeout``. The workers are those of
:mod:`~sage_neuro.survey.case_worker`, the same as on a Dask cluster.

Stopping the survey (Ctrl-C, ``kill``) loses only the cases in progress;
rerunning the same command resumes with the cases not yet in the database.
Several surveys may run on one database at once: each claims a case
before computing it (:meth:`~sage_neuro.survey.store.SurveyStore.claim`),
so no case is computed twice, and the cases of a killed survey are free
again at once.

EXAMPLES::

    sage: import os
    sage: from sage_neuro.survey.runner import run_survey
    sage: db = os.path.join(tmp_dir(), 'survey.db')
    sage: run_survey('linear', 'input=2..3;hidden=1..2;output=2', db, processes=0, progress=False)
    {'done': 4, 'failed': 0, 'total': 4}
    sage: run_survey('linear', 'input=2..3;hidden=1..2;output=2', db, processes=0, progress=False)
    {'done': 4, 'failed': 0, 'total': 4}
"""

import selectors
import sys
import time

from sage_neuro.survey.case_worker import CaseWorker
from sage_neuro.survey.grid import grid_cases
from sage_neuro.survey.invariants import check_invariants
from sage_neuro.survey.store import SurveyStore


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
        Count one finished case ``key`` with ``outcome``: ``'ok'``,
        ``'failed'``, ``'timeout'`` (these two are counted as failures) or
        another word (e.g. a case left to another survey).

        EXAMPLES::

            sage: import io
            sage: from sage_neuro.survey.runner import Progress
            sage: P = Progress(1, stream=io.StringIO()); P.update('x', 'timeout'); P.failed
            1
        """
        self.count += 1
        self.failed += outcome in ("failed", "timeout")
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


def run_pool(tasks, record, processes=2, claim=None, save_result=None, save_partial=None):
    r"""
    Run ``tasks`` (triples ``(case key, invariants, time limit)``, or
    quadruples with the sub-results kept from earlier attempts,
    ``invariant -> {part: value}``) on ``processes`` worker processes
    (:class:`~sage_neuro.survey.case_worker.CaseWorker`) and call
    ``record(key, architecture, results, software)`` in this process as
    each case finishes.

    With ``processes=0`` the cases run in this process, one after the
    other, with the time limit enforced on Macaulay2 calls only.

    INPUT:

    - ``tasks`` -- a list of triples
    - ``record`` -- the callback
    - ``processes`` -- the number of worker processes, or ``0``
    - ``claim`` -- ``None``, or a function called with a task just before
      it starts, returning the task to run (its invariants possibly fewer)
      or ``None`` to skip it (another survey computes it, or did)
    - ``save_result`` -- ``None`` or a function ``save_result(key,
      result)`` called with each invariant of a case as soon as it is done
      (before the case ends: a survey killed meanwhile keeps it)
    - ``save_partial`` -- ``None`` or a function ``save_partial(key,
      invariant, part, value)`` called with each sub-result of a resumable
      invariant (:func:`~sage_neuro.survey.invariants.register_invariant`)

    EXAMPLES::

        sage: from sage_neuro.survey.runner import run_pool
        sage: out = []
        sage: run_pool([('linear:widths=3-1-3', ['dimension'], None)],
        ....:          lambda k, a, r, s: out.append((a, r[0]['value'])), processes=0)
        sage: out
        [('LinearNetwork([3, 1, 3])', 5)]
        sage: run_pool([('linear:widths=3-1-3', ['dimension'], 60), ('linear:widths=2-1-2', ['dimension'], 60)],
        ....:          lambda k, a, r, s: out.append((a, r[0]['value'])), processes=2,
        ....:          claim=lambda t: t if '2-1-2' in t[0] else None)
        sage: out[1:]
        [('LinearNetwork([2, 1, 2])', 3)]
    """
    claim = claim or (lambda t: t)
    queue = list(reversed(list(tasks)))

    def next_task():
        while queue:
            t = claim(queue.pop())
            if t is not None and t[1]:
                return t
        return None

    if processes == 0:
        from sage_neuro.survey.invariants import compute_case
        while True:
            t = next_task()
            if t is None:
                return
            key = t[0]
            arch, res, sw = compute_case(
                key, t[1], t[2], partials=t[3] if len(t) > 3 else None,
                emit=None if save_result is None else (lambda r: save_result(key, r)),
                keep=None if save_partial is None else (lambda n, p, v: save_partial(key, n, p, v)))
            record(key, arch, res, sw)
    workers = []
    sel = selectors.DefaultSelector()

    def spawn():
        w = CaseWorker()
        w.start()
        sel.register(w.fileno(), selectors.EVENT_READ, w)
        workers.append(w)

    def retire(w):
        sel.unregister(w.fileno())
        workers.remove(w)

    def flush(w):
        # store what a worker finished of a case still in progress
        sub, w.unsaved_parts = w.unsaved_parts, []
        done, w.unsaved = w.unsaved, []
        for item in sub:
            if save_partial is not None:
                save_partial(*item)
        for key, r in done:
            if save_result is not None and w.task is not None and w.task[0] == key:
                save_result(key, r)

    try:
        for _ in range(min(processes, len(queue))):
            spawn()
        while workers:
            for w in list(workers):
                if w.ready and w.task is None:
                    t = next_task()
                    if t is None:
                        retire(w)
                        w.close()
                    else:
                        try:
                            w.assign(*t)
                        except OSError:
                            # it died between its last answer and this case
                            retire(w)
                            record(*w.abandon("failed", "worker process died: %s" % w.stderr_tail()))
                            spawn()
            for sk, _ in sel.select(timeout=0.5):
                w = sk.data
                try:
                    out = w.receive()
                except EOFError:
                    # the worker died (crash, out of memory): record and replace it
                    tail = w.stderr_tail()
                    started = w.ready
                    retire(w)
                    lost = w.abandon("failed", "worker process died: %s" % tail)
                    if lost is not None:
                        record(*lost)
                    elif not started:
                        raise RuntimeError("a survey worker process died before it started; is "
                                           "sage_neuro importable? %s" % tail) from None
                    if queue:
                        spawn()
                    continue
                flush(w)
                if out is not None:
                    record(*out)
            now = time.monotonic()
            for w in [w for w in workers if w.overdue(now)]:
                limit = w.task[2]
                retire(w)
                record(*w.abandon("timeout", "killed after the case's time limit of %s s" % limit))
                if queue:
                    spawn()
    finally:
        for w in workers:
            w.close()
        sel.close()


def run_survey(family, grid, db, invariants=None, time_limit=120, processes=1,
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
    - ``processes`` -- (default 1) local worker processes, each running
      one case at a time (``0``: run in this process). With one, a case has
      every core (the seeds of a modular count run side by side), so the
      same time limit gives the same outcome on every run; with more, cases
      share the cores and a case near its limit may not finish
    - ``scheduler`` -- ``None`` (local processes), ``'local'`` (a local Dask
      cluster with ``processes`` workers) or the address of a Dask scheduler
    - ``retry_failed`` -- also rerun failed and timed-out invariants
    - ``progress`` -- show a progress bar on ``stream`` (default ``stderr``)

    OUTPUT: the dictionary ``{'done': N, 'total': M, 'failed': F}`` of the database

    EXAMPLES::

        sage: import os
        sage: from sage_neuro.survey.runner import run_survey
        sage: db = os.path.join(tmp_dir(), 'survey.db')
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
    cases = grid_cases(family, grid)
    return run_cases(cases, db, invariants=invariants, time_limit=time_limit, processes=processes,
                     scheduler=scheduler, retry_failed=retry_failed, progress=progress, stream=stream)


def run_cases(cases, db, invariants=None, time_limit=120, processes=1, scheduler=None,
              retry_failed=False, progress=True, stream=None, only=False):
    r"""
    Run the survey of the list ``cases`` (of
    :class:`~sage_neuro.survey.grid.Case`) into the database ``db``,
    skipping what is already there, and return its status: as
    :func:`run_survey`, for cases of several families (e.g.
    :func:`~sage_neuro.survey.grid.frontier_cases`). With ``only``, only
    the ``invariants`` are computed (not the other invariants planned in
    ``db`` by earlier surveys), e.g. to give them their own time limit.

    EXAMPLES::

        sage: import os
        sage: from sage_neuro.survey.grid import Case
        sage: from sage_neuro.survey.runner import run_cases
        sage: db = os.path.join(tmp_dir(), 'survey.db')
        sage: run_cases([Case('linear', {'widths': (2, 1, 2)}), Case('cnn', {'filters': (2, 2), 'activation': 1})],
        ....:           db, invariants='dimension', processes=0, progress=False)
        {'done': 2, 'failed': 0, 'total': 2}
        sage: run_cases([], db, time_limit=0)
        Traceback (most recent call last):
        ...
        ValueError: time_limit must be a positive number of seconds or None, not 0
    """
    invariants = check_invariants(invariants)
    if time_limit is not None and not time_limit > 0:
        raise ValueError("time_limit must be a positive number of seconds or None, not %r" % (time_limit,))
    if processes < 0:
        raise ValueError("processes must be >= 0, not %r" % (processes,))
    store = SurveyStore(db)
    try:
        store.plan(cases, invariants)
        since = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
        pending = store.pending(retry_failed=retry_failed)
        if only:
            pending = {k: [n for n in v if n in invariants] for k, v in pending.items()}
        tasks = [(c.key, pending[c.key], time_limit) for c in cases if pending.get(c.key)]
        bar = Progress(len(tasks), stream) if progress and tasks else None

        def claim(task):
            # the case's invariants still to compute, if no other survey holds it
            todo = store.claim(task[0], retry_failed=retry_failed, since=since)
            if only and todo:
                todo = [n for n in todo if n in invariants]
                if not todo:
                    store.record_case(task[0], None, [])   # nothing of ours: free the case again
            if not todo and bar is not None:
                bar.update(task[0], "left to another survey")
            return (task[0], todo, task[2], store.partials(task[0])) if todo else None

        def save_result(key, result):
            store.record_case(key, None, [result], release=False)

        def save_partial(key, invariant, part, value):
            store.record_partial(key, invariant, part, value)

        def record(key, arch, results, software):
            store.record_case(key, arch, results, software)
            if bar is not None:
                bad = [r["status"] for r in results if r["status"] in ("failed", "timeout")]
                bar.update(key, bad[0] if bad else "ok")

        with store.keep_claims_alive():
            if scheduler is None:
                run_pool(tasks, record, processes=processes, claim=claim,
                         save_result=save_result, save_partial=save_partial)
            else:
                from sage_neuro.survey.dask_runner import run_dask
                # a Dask cluster queues every case at once: claim them all first
                tasks = [t for t in map(claim, tasks) if t is not None]
                run_dask(tasks, record, scheduler=scheduler, n_workers=max(processes, 1))
        return store.status()
    finally:
        store.release_claims()
        store.close()
