"""
The ED degree and the generic ED degree of one layer of lightning
self-attention against the generic ED degree of the Segre product its
neuromanifold is the image of::

    python bench/attention_generic_ed.py DIR [--case KEY]... [--timeout 300]
    python bench/attention_generic_ed.py DIR --table bench/results/attention_generic_ed.md

The first form computes, for every case of ``CASES`` (or those named), the
generic ED degree (``M.generic_ed_degree(method='modular')``: a random
symmetric matrix as inner product, two seeds) and the ED degree
(``M.ed_degree()``), each kept in ``DIR/<case>.json`` as soon as it is
known (a rerun skips what is there). The second form writes the table,
with the generic ED degree of the Segre product from its Chern-Mather
classes next to them.
"""
import argparse
import os

NAMES = ("generic", "ed")
CASES = ["attention:a=%d;d=%d;dout=%d;t=2" % c for c in
         ((1, 2, 1), (1, 2, 2), (1, 2, 3), (2, 2, 1), (2, 2, 2), (3, 2, 1), (3, 2, 2),
          (1, 3, 1), (3, 3, 1), (2, 3, 1))]
HEADER = """# Attention: ED degrees against the Segre product of the parameters

Written by `python bench/attention_generic_ed.py DIR --table FILE` from the
runs of `python bench/attention_generic_ed.py DIR` (sage-neuro, 2-core
Intel Xeon, other computations sharing the cores). One layer of lightning
self-attention with `t >= 2` tokens has as neuromanifold the image `X` of
the Segre product `Y = P^{m d - 1} x D_a` (`V` and `M = K^T Q`, `D_a` the
`d x d` matrices of rank at most `a`, `m = d_out`) under the symmetrization
in the first two indices followed by an injective linear map. For `a = m =
1` the map is 2:1 (`v` and `k` can be exchanged) and `X` is the Segre
product of the symmetric matrices of rank at most 2 with `P^{d-1}`
(`sage_neuro.invariants.attention_segre`). Otherwise it is birational but
neither injective nor unramified, so the generic ED degree of `Y` (the sum
of its polar degrees, column "Segre product") is not known to be that of
`X`. Columns: the generic ED degree of `X` counted mod p with a random
inner product (two seeds), and the ED degree of `X` for the standard inner
product (`M.ed_degree()`, its certainty in brackets).

Observed: the generic ED degree of `X` is that of `Y` in every case
counted, and for `d_out = 1` so is the ED degree where it was counted
(proved for `a = 1`, where the neuromanifold is transversal to the
isotropic quadric; the other cases have `a >= d`). For `d = 3`, `a = 2`
neither was counted in 300 s; both are 7965, proved by
`sage_neuro.invariants.attention_conormal` (`bench/results/attention_conormal.md`;
on `P^2` times the resolution `{u^T M = 0}` of `D_2` the weaker tangency
equations have points mod p, on the conormal set none). For `d_out = 2` the ED
degree is far smaller: the inner product is a sum over the
output rows, isotropic on `c ⊗ T` for `c . c = 0`, and the tangency locus
is positive-dimensional. A dash: not finished within the time-out.

"""


def compute(folder, keys, timeout):
    from long_runs import compute_runs

    def run(M, name):
        if name == "generic":
            M.generic_ed_degree(method="modular", timeout=timeout)
            return M.provenance("generic_ed_degree")
        M.ed_degree(timeout=timeout)
        return M.provenance("ed_degree")
    for key in keys:
        compute_runs(folder, key, NAMES, run, "ed_degree", "ED degrees")


def segre_product_value(net):
    # the generic ED degree of the Segre product Y the neuromanifold is the
    # image of (for a = d_out = 1, of its 2:1 quotient C_d x P^{d-1})
    from sage_neuro.invariants.attention_determinantal import segre_determinantal_generic_ed_degree
    from sage_neuro.invariants.attention_segre import segre_generic_ed_degree
    a = net.attention_dimensions()[0]
    d, m = net.token_dimensions()[0], net.token_dimensions()[-1]
    if a == 1 and m == 1:
        return segre_generic_ed_degree(d)
    return segre_determinantal_generic_ed_degree(d, a, m)


def table(folder, out):
    import json
    from long_runs import case_stem
    from sage_neuro.survey.grid import Case
    lines = ["| case | Segre product | generic ED degree of X | ED degree of X | "
             "generic agrees | ED = generic |", "|---|---|---|---|---|---|"]
    for key in CASES:
        path = case_stem(folder, key) + ".json"
        runs = json.load(open(path))["runs"] if os.path.exists(path) else {}
        net = Case.from_key(key).architecture()
        formula = int(segre_product_value(net))
        generic, ed = runs.get("generic"), runs.get("ed")
        cells = []
        for run in (generic, ed):
            cells.append("-" if run is None else "%d [%s, %.1f s]"
                         % (run["value"], run["method"], run["seconds"]))
        agrees = "-" if generic is None else "yes" if generic["value"] == formula else "NO"
        equal = "-" if ed is None else "yes" if ed["value"] == formula else "no"
        lines.append("| `%s` | %d | %s | %s | %s | %s |" % (key, formula, cells[0], cells[1],
                                                            agrees, equal))
    with open(out, "w") as f:
        f.write(HEADER + "\n".join(lines) + "\n")
    print("\n".join(lines))


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("dir", help="folder of the results, one JSON file per case")
    p.add_argument("--case", action="append", help="a case key (default: all of CASES)")
    p.add_argument("--timeout", type=float, default=300, help="seconds per computation")
    p.add_argument("--table", help="write the table to this file instead of computing")
    args = p.parse_args()
    import sage.all  # noqa: F401
    os.makedirs(args.dir, exist_ok=True)
    if args.table:
        table(args.dir, args.table)
    else:
        compute(args.dir, args.case or CASES, args.timeout)


if __name__ == "__main__":
    main()
