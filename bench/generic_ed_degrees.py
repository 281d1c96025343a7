"""
Generic ED degrees (the ED degree for a generic inner product, the sum of
the polar degrees of a cone) of survey cases, each by two routes, recorded
as long runs of the frontier table::

    python bench/generic_ed_degrees.py DIR [CASE...] [--max-ed 300] [--timeout 600]
    python bench/generic_ed_degrees.py DIR --record docs/frontier

The first form computes ``M.generic_ed_degree(method='modular', seeds=(1,
2))`` (msolve on coordinate slices with a random symmetric matrix, the two
seeds agreeing) and ``M.generic_ed_degree(method='numerical')`` (the
degree of the ED correspondence, certified by the trace test) for the
cases named, or else for every case of ``docs/frontier`` with an ED degree
of at most ``--max-ed``; each result goes to ``DIR/<case>.json`` as soon as
it is known (a rerun skips what is there). The second form writes every
case of ``DIR`` whose two values agree into the frontier table, compared
with the published values of ``sage_neuro.survey.literature`` (the generic
ED degrees of the Segre-Veronese models of CNNs and of MLPs with one
neuron in the first hidden layer). ``refresh_literature`` of
``sage_neuro.survey.frontier`` marks a recorded table again when a formula
is added::

    python -c "import sage.all; from sage_neuro.survey.frontier import refresh_literature; print(refresh_literature('docs/frontier'))"
"""
import argparse
import csv
import os

HERE = os.path.dirname(os.path.abspath(__file__))


def default_cases(max_ed):
    with open(os.path.join(HERE, "..", "docs", "frontier", "results.csv")) as f:
        return sorted({r["case"] for r in csv.DictReader(f)
                       if r["quantity"] == "ed_degree" and int(r["value"]) <= max_ed})


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("dir", help="folder of the results, one JSON file per case")
    p.add_argument("cases", nargs="*", help="survey case keys")
    p.add_argument("--max-ed", type=int, default=300)
    p.add_argument("--timeout", type=float, default=600.0, help="seconds per route (default 600)")
    p.add_argument("--record", default=None, metavar="OUT_DIR")
    args = p.parse_args()
    import sage.all  # noqa: F401
    os.makedirs(args.dir, exist_ok=True)
    if args.record is not None:
        return record(args.dir, args.record)
    from long_runs import compute_runs
    for key in args.cases or default_cases(args.max_ed):
        compute_runs(args.dir, key, ("modular", "numerical"),
                     lambda M, method: M.generic_ed_degree(method=method, timeout=args.timeout),
                     "generic_ed_degree", "generic ED degree")


def record(folder, out_dir):
    from long_runs import agreeing_runs, record_confirmed
    for key, case, net, first, second in agreeing_runs(folder, "modular", "numerical"):
        dense = first["value"] == 1 and net.neuromanifold().dimension() == net.ambient_dimension()
        record_confirmed(out_dir, key, case, net, "generic_ed_degree", first, second,
                         trivial=dense)
        print("%s: generic ED degree %d recorded" % (key, first["value"]), flush=True)


if __name__ == "__main__":
    main()
