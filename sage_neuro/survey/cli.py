r"""
The ``sage-neuro survey`` subcommand.

- ``sage-neuro survey FAMILY [--grid SPEC] [--db PATH] [--invariants LIST]
  [--time-limit S] [--processes N] [--scheduler ADDRESS]``: run (or resume)
  the survey of ``FAMILY`` (``linear``, ``mlp``, ``cnn``, ``attention``, or
  ``all``: the union of the default grids, 111 cases) into the SQLite file
  ``PATH`` (default ``sage-neuro-survey.db``);
- ``sage-neuro survey status [--db PATH] [--json]``: how much of the stored
  grid is done, and how many computed values have each level of certainty
  (``proved``, ``exact_random``, ``modular``, ``numerical``; see
  :mod:`sage_neuro.provenance`). With ``--json``, one object with
  ``schema_version`` (the same :data:`~sage_neuro.cli.JSON_SCHEMA_VERSION`
  as ``sage-neuro invariants --json``), ``done``, ``total`` and ``failed``
  (numbers of cases) and ``certainty`` (level -> number of stored values);
- ``sage-neuro survey report [--db PATH] [--out DIR]``: Markdown, CSV and
  plots in ``DIR`` (default ``sage-neuro-report``);
- ``sage-neuro survey frontier [--db PATH] [--out DIR] [--time-limit S]
  [--check-time-limit S] [--checks-only] [--processes N] [--scheduler ADDRESS]``: compute
  (or resume) the frontier grid (:data:`~sage_neuro.survey.grid.FRONTIER_GRIDS`)
  and write its table (``results.csv``/``.md``, ``conjectures.csv``/``.md``)
  into ``DIR`` (default ``docs/frontier``); see
  :mod:`sage_neuro.survey.frontier`.

EXAMPLES::

    sage: import os
    sage: from sage_neuro.cli import main
    sage: db = os.path.join(tmp_dir(), 's.db')
    sage: main(['survey', 'linear', '--grid', 'widths=4-2-3,3-1-3', '--db', db, '--processes', '0',
    ....:       '--no-progress'])
    survey linear: 2 done, 0 failed, 2 cases in ...s.db
    0
    sage: main(['survey', 'status', '--db', db, '--json'])
    {"schema_version": 1, "done": 2, "total": 2, "failed": 0, "certainty": {"proved": 2, "modular": 4}}
    0
    sage: main(['survey', 'status', '--db', db])
    ...s.db: 2 of 2 cases done, 0 failed, 0 to compute; values: 2 proved, 4 modular
    0
    sage: main(['survey', 'resnet', '--db', db])
    sage-neuro: error: unknown family 'resnet'; available: linear, mlp, cnn, attention, all, skipmlp, circular, deepsets, permutation_equivariant
    2
    sage: main(['survey', 'mlp', '--grid', 'hidden=x', '--db', db])
    sage-neuro: error: bad grid 'hidden=x': hidden=x; values must be integers, ranges a..b with a <= b
    2
    sage: _ = open(db + '.bad', 'wb').write(b'not a database at all, certainly not SQLite')
    sage: main(['survey', 'status', '--db', db + '.bad'])
    sage-neuro: error: ...s.db.bad is not a sage-neuro survey database: not an SQLite file (foreign or corrupt)
    2
"""

import json
import sys

DEFAULT_DB = "sage-neuro-survey.db"


def register(sub):
    r"""
    Add the ``survey`` subparser to the subparsers ``sub`` of ``sage-neuro``.

    EXAMPLES::

        sage: import argparse
        sage: from sage_neuro.survey.cli import register
        sage: p = argparse.ArgumentParser(); _ = register(p.add_subparsers(dest='command'))
        sage: p.parse_args(['survey', 'status', '--json']).json
        True
    """
    from sage_neuro.survey.grid import DEFAULT_GRIDS, GRID_NAMES
    from sage_neuro.survey.invariants import DEFAULT_INVARIANTS, SURVEY_INVARIANTS
    s = sub.add_parser(
        "survey", help="sweep a family over a grid into an SQLite database; status; report",
        description="Sweep FAMILY over a grid of small architectures, storing one row per "
                    "architecture and invariant in an SQLite database. Rerunning resumes. "
                    "Default grids: " + "; ".join("%s: %s" % kv for kv in DEFAULT_GRIDS.items())
                    + " (mlp adds depth-two networks); 'all' is their union (111 cases). "
                    "Grid names: " + "; ".join("%s: %s" % (f, ", ".join(n)) for f, n in GRID_NAMES.items())
                    + " (values: integers, ranges a..b, tuples 4-2-3). "
                    "Invariants: " + "; ".join("%s (%s)" % (k, v[1]) for k, v in SURVEY_INVARIANTS.items()))
    s.add_argument("target", metavar="FAMILY|status|report|frontier",
                   help="linear, mlp, cnn, attention or all; or status, report; or frontier "
                        "(compute the frontier grid and write its table)")
    s.add_argument("--grid", default=None,
                   help="grid spec, e.g. 'input=2..3;hidden=1..3;output=1;activation=2,3'")
    s.add_argument("--db", default=DEFAULT_DB, help="SQLite file (default %s)" % DEFAULT_DB)
    s.add_argument("--invariants", default=",".join(DEFAULT_INVARIANTS),
                   help="comma-separated, default %s" % ",".join(DEFAULT_INVARIANTS))
    s.add_argument("--time-limit", type=float, default=120, help="seconds per case (default 120)")
    s.add_argument("--processes", type=int, default=1,
                   help="cases run side by side (default 1: each case has every core, so a "
                        "time limit means the same on every run; 0 runs in this process)")
    s.add_argument("--scheduler", default=None,
                   help="run on Dask: 'local' (a local cluster of --processes workers) "
                        "or a scheduler address tcp://host:port")
    s.add_argument("--retry-failed", action="store_true", help="rerun failed and timed-out invariants")
    s.add_argument("--no-progress", action="store_true", help="no progress bar")
    s.add_argument("--json", action="store_true", help="status: print one JSON object")
    s.add_argument("--out", default=None,
                   help="report folder (default sage-neuro-report; frontier: docs/frontier)")
    s.add_argument("--check-time-limit", type=float, default=120,
                   help="frontier: seconds per case for the conjecture checks (default 120)")
    s.add_argument("--checks-only", action="store_true",
                   help="frontier: run only the conjecture checks and write only conjectures.csv/.md")
    return s


def run(args, stream=None):
    r"""
    Run the ``survey`` subcommand for the parsed ``args``; return the exit
    code. Errors of the input (``ValueError``, ``TypeError``) are left to
    the caller.

    EXAMPLES::

        sage: import argparse, os
        sage: from sage_neuro.survey.cli import register, run
        sage: p = argparse.ArgumentParser(); _ = register(p.add_subparsers(dest='command'))
        sage: db = os.path.join(tmp_dir(), 's.db')
        sage: run(p.parse_args(['survey', 'status', '--db', db]))
        Traceback (most recent call last):
        ...
        SurveyDatabaseError: no survey database at .../s.db
    """
    stream = stream or sys.stdout
    if args.target == "status":
        from sage_neuro.survey.store import SurveyStore
        store = SurveyStore(args.db, create=False)
        try:
            st = store.status()
            st["certainty"] = store.certainty()
        finally:
            store.close()
        if args.json:
            from sage_neuro.cli import JSON_SCHEMA_VERSION
            print(json.dumps(dict(schema_version=JSON_SCHEMA_VERSION, **st)), file=stream)
        else:
            print("%s: %d of %d cases done, %d failed, %d to compute; values: %s"
                  % (args.db, st["done"], st["total"], st["failed"],
                     st["total"] - st["done"] - st["failed"],
                     ", ".join("%d %s" % (n, m) for m, n in st["certainty"].items()) or "none"),
                  file=stream)
        return 0
    if args.target == "report":
        from sage_neuro.survey.report import write_report
        files = write_report(args.db, args.out or "sage-neuro-report")
        print("survey report written to %s" % files[0], file=stream)
        return 0
    if args.target == "frontier":
        from sage_neuro.survey.frontier import run_frontier
        files = run_frontier(args.db, args.out or "docs/frontier", time_limit=args.time_limit,
                             check_time_limit=args.check_time_limit, processes=args.processes,
                             scheduler=args.scheduler, retry_failed=args.retry_failed,
                             progress=not args.no_progress, values=not args.checks_only)
        print("frontier table written to %s" % ", ".join(files), file=stream)
        return 0
    from sage_neuro.survey.runner import run_survey
    st = run_survey(args.target, args.grid, args.db, invariants=args.invariants,
                    time_limit=args.time_limit, processes=args.processes,
                    scheduler=args.scheduler, retry_failed=args.retry_failed,
                    progress=not args.no_progress)
    print("survey %s: %d done, %d failed, %d cases in %s"
          % (args.target, st["done"], st["failed"], st["total"], args.db), file=stream)
    return 0
