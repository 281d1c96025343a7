r"""
Running survey cases on a Dask distributed cluster.

Each Dask worker keeps one child process with its own Sage and its own
Macaulay2 (:mod:`sage_neuro.survey.case_worker`: Sage must run in a main
thread, Dask runs tasks in threads) and sends it the cases; the results come
back to this process, which alone writes the database. ``scheduler='local'``
starts a local cluster of worker processes on this machine; otherwise
``scheduler`` is the address of a running scheduler (``tcp://host:8786``),
whose workers must have sage-neuro installed.

The per-case time limit is enforced in the worker: every Macaulay2 call
gets the time left, and a child running past the limit plus
:data:`~sage_neuro.constants.GRACE` seconds is killed (with its
Macaulay2) and replaced; the case is stored as ``timeout``.

The sub-results kept by earlier attempts (one seed of a degree, see
:meth:`~sage_neuro.survey.store.SurveyStore.partials`) go to the workers
with the cases; the results come back when a case ends, so a survey on
Dask killed in the middle of a case loses that case's finished invariants
(the local pool stores them as they finish).

Needs the ``distributed`` package: ``pip install 'sage-neuro[survey]'``.

EXAMPLES::

    sage: from sage_neuro.survey.dask_runner import run_dask
    sage: out = []
    sage: run_dask([('linear:widths=4-2-3', ['dimension'], 60)],  # long time
    ....:          lambda k, a, r, s: out.append((a, r[0]['value'])), n_workers=1)
    sage: out  # long time
    [('LinearNetwork([4, 2, 3])', 10)]
"""

import logging


def _import_distributed():
    try:
        import distributed
    except ImportError:
        raise ImportError("running a survey on Dask needs the 'distributed' package: "
                          "pip install 'sage-neuro[survey]' (or 'dask[distributed]')") from None
    return distributed


def run_dask(tasks, record, scheduler="local", n_workers=2):
    r"""
    Run ``tasks`` (triples ``(case key, invariants, time limit)``, or
    quadruples with the sub-results kept from earlier attempts, which the
    workers reuse) on a Dask cluster and call ``record(key, architecture,
    results, software)`` in this process as each case finishes.

    INPUT:

    - ``tasks`` -- list of triples
    - ``record`` -- callback
    - ``scheduler`` -- ``'local'`` (a new local cluster of ``n_workers``
      processes, closed at the end) or a scheduler address
    - ``n_workers`` -- workers of the local cluster

    EXAMPLES::

        sage: from sage_neuro.survey.dask_runner import run_dask
        sage: run_dask([], None, scheduler=3)
        Traceback (most recent call last):
        ...
        TypeError: scheduler must be 'local' or an address like 'tcp://127.0.0.1:8786', not 3
    """
    if not isinstance(scheduler, str):
        raise TypeError("scheduler must be 'local' or an address like 'tcp://127.0.0.1:8786', not %r"
                        % (scheduler,))
    tasks = list(tasks)
    if not tasks:
        return
    distributed = _import_distributed()
    from sage_neuro.survey.case_worker import run_case
    cluster = None
    if scheduler == "local":
        cluster = distributed.LocalCluster(n_workers=n_workers, threads_per_worker=1, processes=True,
                                           dashboard_address=None, silence_logs=logging.ERROR)
        client = distributed.Client(cluster)
    else:
        try:
            client = distributed.Client(scheduler, timeout=30)
        except (OSError, TimeoutError) as exc:
            raise ValueError("cannot reach the Dask scheduler at %r: %s" % (scheduler, exc)) from None
    try:
        futures = {}
        for task in tasks:
            key, invariants, limit = task[:3]
            partials = task[3] if len(task) > 3 else None
            f = client.submit(run_case, key, invariants, limit, partials, pure=False)
            futures[f.key] = (f, (key, invariants, limit))
        while futures:
            pending = [f for f, _ in futures.values()]
            try:
                finished = distributed.wait(pending, timeout=5, return_when="FIRST_COMPLETED").done
            except TimeoutError:
                continue
            for f in finished:
                _, (key, invariants, _) = futures.pop(f.key)
                try:
                    arch, results, software = f.result()
                except Exception as exc:
                    arch, software = None, {}
                    results = [{"invariant": n, "status": "failed",
                                "error": "Dask task failed: %s: %s" % (type(exc).__name__, exc)}
                               for n in invariants]
                record(key, arch, results, software)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
