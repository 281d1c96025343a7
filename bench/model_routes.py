"""
The ED degree on a model of the neuromanifold against the coordinate slice
of the parameters, in one run, one msolve process at a time::

    SAGE_NEURO_MSOLVE_PROCESSES=1 python bench/model_routes.py DIR 'attention:a=1;d=3;dout=1;t=2' --runs segre-1 det-1 segre-2 slice-1
    SAGE_NEURO_MSOLVE_PROCESSES=1 python bench/model_routes.py DIR 'mlp:activation=2;widths=3-2-2' --runs hilbert-1 slice-1
    python bench/model_routes.py DIR --table
    python bench/model_routes.py DIR 'attention:a=1;d=3;dout=1;t=2' --record docs/frontier

The runs: ``segre-<seed>`` is ``M.ed_degree(method='modular',
seeds=(seed,), strategy='Segre')`` (one layer of attention with ``a =
d_out = 1``: the Segre model, rank condition with the kernel of ``S``),
``det-<seed>`` the same model with the rank condition ``det S = 0``
(``segre_ed_degree(net, equations='determinant')``), ``hilbert-<seed>``
``strategy='Hilbert'`` (shallow ``x^2`` MLPs: the Hilbert-scheme model of
the hidden neurons, ``sage_neuro/invariants/mlp_hilbert.py``),
``factor-<seed>`` ``strategy='SharedFactor'`` (attention with ``a = 1``,
``d_out >= 2``: ``sage_neuro/invariants/attention_factor.py``),
``subspace-<seed>`` ``strategy='Subspace'`` (MLPs with a first hidden layer
narrower than the input: ``sage_neuro/invariants/mlp_subspace.py``),
``product-<seed>`` ``strategy='Product'`` (``[n, h, 2, 1]`` x^2, ``h >= n
>= 3``: the products of two quadrics, ``sage_neuro/invariants/mlp_product.py``),
``monodromy-<seed>`` ``method='numerical'`` (monodromy in the data with
its trace test), ``correspondence-<seed>`` ``method='correspondence'``
(monodromy on the ED correspondence, certified by its trace test) and
``slice-<seed>`` ``strategy='Rabinowitsch'`` (the coordinate slice). Each
result is kept in ``DIR/<case>.json`` as soon as it is known
(``long_runs.compute_runs``: a killed run loses nothing finished, a rerun
skips what is there). The second form prints the markdown table of ``DIR``
(values and seconds per run). The third writes the given cases into the
frontier table of ``OUT_DIR`` as long runs: the value of the run
``slice-1`` confirmed by the other route, ``segre-1`` (``--pair FIRST
SECOND`` names other runs), only where the two agree.
"""
import argparse
import json
import os


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("dir", help="folder of the results, one JSON file per case")
    p.add_argument("cases", nargs="*", help="survey case keys, e.g. 'attention:a=1;d=3;dout=1;t=2'")
    p.add_argument("--runs", nargs="+", default=["segre-1", "segre-2", "slice-1"],
                   help="runs per case: segre-<seed>, det-<seed>, hilbert-<seed>, factor-<seed>, "
                        "subspace-<seed>, product-<seed>, monodromy-<seed>, "
                        "correspondence-<seed> or slice-<seed> "
                        "(default segre-1 segre-2 slice-1)")
    p.add_argument("--timeout", type=float, default=1800.0, help="seconds per run (default 1800)")
    p.add_argument("--table", action="store_true", help="print the table of DIR")
    p.add_argument("--record", default=None, metavar="OUT_DIR",
                   help="record the given cases of DIR (the first run of --pair confirmed by "
                        "the second) in the "
                        "frontier table of OUT_DIR")
    p.add_argument("--pair", nargs=2, default=["slice-1", "segre-1"], metavar=("FIRST", "SECOND"),
                   help="the runs --record compares (default slice-1 segre-1)")
    args = p.parse_args()
    import sage.all  # noqa: F401
    os.makedirs(args.dir, exist_ok=True)
    if args.table:
        return table(args.dir)
    if args.record is not None:
        from long_runs import record_agreeing
        return record_agreeing(args.dir, args.record, "ed_degree", args.pair[0], args.pair[1],
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
        if route in ("monodromy", "correspondence"):
            return M.ed_degree(method="numerical" if route == "monodromy" else route,
                               seeds=(int(seed),), timeout=timeout, cross_check=False)
        strategy = {"segre": "Segre", "hilbert": "Hilbert", "factor": "SharedFactor",
                    "subspace": "Subspace", "product": "Product", "slice": "Rabinowitsch"}[route]
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
