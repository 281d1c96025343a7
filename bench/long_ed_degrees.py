"""
ED degrees of survey cases that take longer than the survey's 30 s, each
computed twice by the modular route (two seed sets of random slices and
data), and recorded as long runs of the frontier table::

    python bench/long_ed_degrees.py DIR 'attention:a=1;d=3;dout=1;t=2' 'cnn:activation=2;filters=2-2-3'
    python bench/long_ed_degrees.py DIR --record docs/frontier

The first form computes ``M.ed_degree(method='modular', seeds=(s,))`` for
``s = 1`` and ``s = 2`` of every case (``--seeds``; ``--timeout`` seconds each, default
1800; ``--strategy`` of the critical system, default ``Rabinowitsch``) and keeps each result in ``DIR/<case>.json`` as soon as it is known,
so that a killed run loses nothing finished and a rerun skips what is
there. The second form writes every case of ``DIR`` whose two values agree
into the frontier table (``sage_neuro.survey.frontier.record_long_run``),
with the published value where one is known.
"""
import argparse
import os


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("dir", help="folder of the results, one JSON file per case")
    p.add_argument("cases", nargs="*", help="survey case keys, e.g. 'cnn:activation=2;filters=2-2-3'")
    p.add_argument("--timeout", type=float, default=1800.0, help="seconds per seed (default 1800)")
    p.add_argument("--seeds", nargs="+", default=["1", "2"],
                   help="the seeds to compute (default 1 2; one seed per process runs them "
                        "side by side)")
    p.add_argument("--strategy", default="Rabinowitsch",
                   help="how the critical system removes the rank-drop locus (default "
                        "Rabinowitsch; RabinowitschFactors: one variable per factor of the minor)")
    p.add_argument("--record", default=None, metavar="OUT_DIR",
                   help="record the cases of DIR confirmed by both seeds in the frontier table of OUT_DIR")
    args = p.parse_args()
    import sage.all  # noqa: F401
    os.makedirs(args.dir, exist_ok=True)
    if args.record is not None:
        return record(args.dir, args.record)
    from long_runs import compute_runs
    for key in args.cases:
        compute_runs(args.dir, key, tuple(args.seeds),
                     lambda M, seed: M.ed_degree(method="modular", seeds=(int(seed),),
                                                 timeout=args.timeout, cross_check=False,
                                                 strategy=args.strategy),
                     "ed_degree", "ED degree")


def record(folder, out_dir):
    from long_runs import agreeing_runs, long_run_row
    from sage_neuro.survey.frontier import record_long_run
    from sage_neuro.survey.literature import published_value
    for key, case, net, first, second in agreeing_runs(folder, "1", "2"):
        published = published_value(case, "ed_degree")
        row = long_run_row(key, case, net, "ed_degree", first, second,
                           "new" if published is None else
                           "agrees" if published[0] == first["value"] else "DISAGREES",
                           published)
        for f in record_long_run(out_dir, row):
            print("wrote", f)


if __name__ == "__main__":
    main()
