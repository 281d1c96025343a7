"""
The ED degree of one layer of lightning self-attention with ``a = d_out = 1``
on its Segre model (``strategy='Segre'``, the rank condition written with
the kernel of ``S``; ``det``: written as ``det S = 0``, see
``sage_neuro/invariants/attention_segre.py``) against the coordinate slice of
the parameters (``strategy='Rabinowitsch'``), in one run, one msolve
process at a time::

    SAGE_NEURO_MSOLVE_PROCESSES=1 python bench/attention_segre.py DIR 'attention:a=1;d=3;dout=1;t=2' --runs segre-1 det-1 segre-2 slice-1
    python bench/attention_segre.py DIR --table
    python bench/attention_segre.py DIR 'attention:a=1;d=3;dout=1;t=2' --record docs/frontier

A run ``segre-<seed>`` or ``slice-<seed>`` computes ``M.ed_degree(method=
'modular', seeds=(seed,), strategy=...)``, a run ``det-<seed>``
``segre_ed_degree(net, seeds=(seed,), equations='determinant')``; each result is kept in
``DIR/<case>.json`` as soon as it is known (``long_runs.compute_runs``: a
killed run loses nothing finished, a rerun skips what is there). The
second form prints the markdown table of ``DIR`` (values and seconds per
run). The third writes the given cases into the frontier table of
``OUT_DIR`` as long runs: the value of the run ``slice-1`` confirmed by the
other route, ``segre-1`` (only where the two agree).
"""
import argparse
import json
import os


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("dir", help="folder of the results, one JSON file per case")
    p.add_argument("cases", nargs="*", help="survey case keys, e.g. 'attention:a=1;d=3;dout=1;t=2'")
    p.add_argument("--runs", nargs="+", default=["segre-1", "segre-2", "slice-1"],
                   help="runs per case: segre-<seed>, det-<seed> or slice-<seed> (default segre-1 "
                        "segre-2 slice-1)")
    p.add_argument("--timeout", type=float, default=1800.0, help="seconds per run (default 1800)")
    p.add_argument("--table", action="store_true", help="print the table of DIR")
    p.add_argument("--record", default=None, metavar="OUT_DIR",
                   help="record the given cases of DIR (slice-1 confirmed by segre-1) in the "
                        "frontier table of OUT_DIR")
    args = p.parse_args()
    import sage.all  # noqa: F401
    os.makedirs(args.dir, exist_ok=True)
    if args.table:
        return table(args.dir)
    if args.record is not None:
        from long_runs import record_agreeing
        return record_agreeing(args.dir, args.record, "ed_degree", "slice-1", "segre-1",
                               cases=args.cases)
    from long_runs import compute_runs
    for key in args.cases:
        compute_runs(args.dir, key, tuple(args.runs), ed_degree(args.timeout), "ed_degree",
                     "ED degree")


def ed_degree(timeout):
    def compute(M, name):
        route, seed = name.split("-")
        if route == "det":
            from sage_neuro.invariants.attention_segre import segre_ed_degree
            return segre_ed_degree(M.architecture(), seeds=(int(seed),), timeout=timeout,
                                   equations="determinant")
        strategy = {"segre": "Segre", "slice": "Rabinowitsch"}[route]
        return M.ed_degree(method="modular", seeds=(int(seed),), strategy=strategy,
                           timeout=timeout, cross_check=False)
    return compute


def table(folder):
    print("| case | run | ED degree | seconds | route |")
    print("|---|---|---|---|---|")
    for name in sorted(os.listdir(folder)):
        if not name.endswith(".json"):
            continue
        done = json.load(open(os.path.join(folder, name)))
        for run, r in sorted(done["runs"].items()):
            print("| %s | %s | %s | %.1f | %s |" % (done["case"], run, r["value"], r["seconds"],
                                                   r["route"]))


if __name__ == "__main__":
    main()
