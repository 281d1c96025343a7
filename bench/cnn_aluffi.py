"""
ED degrees of polynomial CNNs of stride one that touch the isotropic
quadric, along curves and surfaces as well as at points: the generic ED
degree minus the degree of Aluffi's Milnor class of the isotropic section
of the parameters (``aluffi_ed_degree_record`` in
``sage_neuro.invariants.cnn_segre_veronese``), at two primes and seeds::

    python bench/cnn_aluffi.py DIR [CASE ...] [--run 32003-1|65521-2] [--timeout 3600]
    python bench/cnn_aluffi.py DIR --table bench/results/cnn_aluffi.md [--record docs/frontier]

The first form computes each case (default: the tangent CNNs below) mod
32003 with seed 1 and mod 65521 with seed 2, keeping each value in
``DIR/<case>.json`` as soon as it is known (a rerun skips what is there),
and each projective degree of a run in ``DIR/segre/<case>.<run>.json`` as
soon as it is counted (a stopped run resumes with them).
The second writes the table, with the ED degree the frontier table has
from another route next to it; with ``--record`` a case the frontier table
does not have yet is written there as a long run, the value at the first
prime confirmed by the second.
"""
import argparse
import os

RUNS = (("32003-1", 32003, 1), ("65521-2", 65521, 2))
CASES = ["cnn:activation=%d;filters=%s" % (r, f) for r, f in
         ((2, "3-2"), (2, "4-2"), (2, "3-4"), (2, "4-3"), (2, "5-2"), (2, "2-3-2"),
          (3, "3-2"), (3, "4-2"), (3, "4-3"), (3, "5-2"), (2, "5-3"))]
HEADER = """# ED degrees of tangent polynomial CNNs from Aluffi's Milnor class

Written by `python bench/cnn_aluffi.py DIR --table FILE` from the runs of
`python bench/cnn_aluffi.py DIR` (sage-neuro, 2-core Intel Xeon). A CNN of
stride one with `t^r` and an unramified parametrization has ED degree its
generic one (Segre-Veronese formula) minus
`(-1)^d int c(T_Y) (1 + h)^{-1} (1 + D)^{-1} (s(Z, Y)^vee (x) O(D))`,
where `Z` is the singular scheme of the isotropic section `D = {mu . mu =
0}` of the parameters `Y` (Aluffi's Milnor class, restricted to a generic
hyperplane; proof in `aluffi_defect`). The Segre class `s(Z, Y)` comes from
projective degrees counted by msolve at random choices, mod 32003 with
seed 1 and mod 65521 with seed 2: two computations. Where `Z` is finite
this is the sum of the Milnor numbers (`bench/results/cnn_milnor.md`);
here `Z` may be a curve or a surface, where no other closed form applies.
The last columns compare the value with the ED degree the frontier table
has from another route (the critical equations on the parameters mod p,
or monodromy on the ED correspondence). The seconds were measured with
one or two other computations sharing the two cores.

"""


def compute(folder, keys, timeout, names=None):
    from long_runs import case_stem, compute_runs
    from sage_neuro.invariants.cnn_segre_veronese import aluffi_ed_degree_record
    by_name = {name: (p, seed) for name, p, seed in RUNS}
    kept = os.path.join(folder, "segre")
    os.makedirs(kept, exist_ok=True)
    for key in keys:
        # each projective degree is kept as it is counted, so that a run
        # stopped after an hour resumes with the counts it has
        compute_runs(folder, key, tuple(names or by_name),
                     lambda M, name: aluffi_ed_degree_record(
                         M.architecture(), prime=by_name[name][0], seed=by_name[name][1],
                         timeout=timeout, verbose=True,
                         checkpoint="%s.%s.json" % (case_stem(kept, key), name)),
                     "ed_degree", "ED degree (Aluffi)")


def table(folder, out, record_dir):
    from cnn_transversal import drop_table
    drop_table(folder, out, record_dir, HEADER,
               "| CNN | activation | generic ED degree | Segre class of `Z` (mod 32003) | "
               "ED degree mod 32003 | mod 65521 | seconds (mod 32003) | ED degree in the "
               "frontier table (other route) | agrees |", [name for name, _, _ in RUNS], "Aluffi",
               lambda generic, first: "-" if first is None
               else "`%s`" % first["certificate"].split(": ")[-1].split(",")[0])
    print("wrote", out)


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("dir", help="folder of the runs, one JSON file per case")
    p.add_argument("cases", nargs="*", help="survey keys (default: %s ...)" % CASES[0])
    p.add_argument("--timeout", type=float, default=3600.0, help="seconds per run (default 3600)")
    p.add_argument("--run", action="append", default=[], choices=[r[0] for r in RUNS],
                   help="compute only this run (default: both; one process per run runs them "
                        "side by side)")
    p.add_argument("--table", default=None, metavar="FILE", help="write the table of the runs")
    p.add_argument("--record", default=None, metavar="OUT_DIR",
                   help="with --table: record the cases new to this frontier table")
    args = p.parse_args()
    import sage.all  # noqa: F401
    os.makedirs(args.dir, exist_ok=True)
    if args.table is not None:
        return table(args.dir, args.table, args.record)
    compute(args.dir, args.cases or CASES, args.timeout, args.run)


if __name__ == "__main__":
    main()
