"""
The ramification of ``Y = P(q) x P(k) x P(V) -> X`` for one layer of
lightning self-attention with ``a = 1``, ``d_out >= 2``, and why the Euler
characteristic on ``Y`` can still give the ED degree::

    python bench/attention_ramification.py [--cases d,d_out,t ...] > bench/results/attention_ramification.md

``mu`` is ramified exactly where the rows of ``V`` are multiples of ``k``
(``ramification_locus``): on ``R = {V = c (x) k}``, a copy of ``P(q) x
P(k) x P(c)`` on which ``mu`` has multidegree ``(1, 2, 1)``. The ED degree
is ``(-1)^dim X chi(Eu_X | U)``, ``U`` the complement of the isotropic
quadric and a generic hyperplane (Maxim-Rodriguez-Wang, arXiv
1901.05550), and the count of ``bench/results/attention_aluffi.md`` is the
same with ``mu_* 1_Y`` in place of ``Eu_X``. Off the ramification the two
functions agree where the branches of ``X`` are smooth (one per preimage;
the two preimages ``(k, c (x) v)`` and ``(v, c (x) k)`` of ``c (x) kv`` give
two). On the image of ``R``, where ``mu`` has one preimage, they differ by
``e - 1``, ``e`` the Euler obstruction there, so

    ED - (count on Y) = (e - 1) (-1)^dim Y chi(mu(R) n U).

This script computes ``(-1)^dim R chi(R n U)`` on ``R`` as the count of
``bench/attention_aluffi.py`` is computed on ``Y`` (``euler_ed_count``
minus the degree of Aluffi's Milnor class of the isotropic section of
``R``, ``segre_class`` mod 32003, seed 1; ``R -> mu(R)`` is injective).
Where it is not zero, the agreement of the count on ``Y`` with the ED
degree forces ``e = 1``: the Euler obstruction along the ramification
image is the number of preimages, as for an unramified map. An
observation, not a proof: it assumes that ``X`` has no other stratum with
``Eu_X`` different from the number of preimages.
"""
import argparse
import re
import time

HEADER = """# Lightning self-attention, `a = 1`, `d_out >= 2`: the ramification image

Written by `python bench/attention_ramification.py` (sage-neuro). `R = {V = c (x) k}`
is where `Y = P(q) x P(k) x P(V) -> X` ramifies; the column "count on `R`"
is `(-1)^dim R chi(R - (Q u H))`, from the Segre class of the singular
scheme of the isotropic section of `R` (mod 32003, seed 1). The count on
`Y` and the ED degree are those of `bench/results/attention_aluffi.md`.
With `ED - (count on Y) = (e - 1) (-1)^(dim Y + dim R) (count on R)`, the
last column is the Euler obstruction `e` of the neuromanifold along the
ramification image that the numbers force (why in the script's
documentation; an observation, not a proof).

| d | d_out | t | dim Y | dim R | Segre class of the singular scheme on `R` | count on `R` | count on `Y` | ED degree | `e` forced | seconds |
|---|---|---|---|---|---|---|---|---|---|---|
"""


def on_y(d, dout, t, table=None):
    # (count on Y, ED degree) of attention_aluffi.md
    import os
    table = table or os.path.join(os.path.dirname(os.path.abspath(__file__)), "results",
                                  "attention_aluffi.md")
    for line in open(table):
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if cells[:3] == [str(d), str(dout), str(t)]:
            return int(cells[3]) - int(cells[5]), int(cells[7])
    raise KeyError("no row %s, %s, %s in %s" % (d, dout, t, table))


def row(d, dout, t):
    from sage.all import GF, PolynomialRing
    from sage_neuro import LightningSelfAttention
    from sage_neuro.invariants.segre_class import euler_ed_count, milnor_class_degree, segre_class
    net = LightningSelfAttention(d=d, a=1, d_out=dout, t=t)
    K = GF(32003)
    R = net.parameter_ring(K)
    Q, Kk, V = net.weight_matrices(R.gens())[0]
    S = PolynomialRing(K, ["q%d" % i for i in range(d)] + ["k%d" % i for i in range(d)]
                       + ["c%d" % i for i in range(dout)])
    qs, ks, cs = S.gens()[:d], S.gens()[d:2 * d], S.gens()[2 * d:]
    image = {Q[0, i]: qs[i] for i in range(d)}
    image.update({Kk[0, i]: ks[i] for i in range(d)})
    image.update({V[r, j]: cs[r] * ks[j] for r in range(dout) for j in range(d)})
    on_r = R.hom([image[v] for v in R.gens()], S)
    F = sum(on_r(f) ** 2 for f in net.coordinate_functions(K))
    dims = [d - 1, d - 1, dout - 1]
    start = time.time()
    s = segre_class([F.derivative(v) for v in S.gens()], [list(qs), list(ks), list(cs)])
    count = euler_ed_count(dims, [1, 2, 1]) - milnor_class_degree(s, dims, [1, 2, 1])
    seconds = time.time() - start
    y, ed = on_y(d, dout, t)
    dim_y, dim_r = 2 * (d - 1) + dout * d - 1, sum(dims)
    sign = (-1) ** (dim_y + dim_r)
    forced = "%s" % (1 + (ed - y) / (sign * count)) if count else "any"
    forced = re.sub(r"\.0$", "", forced)
    return "| %d | %d | %d | %d | %d | `%s` | %d | %d | %d | %s | %.1f |" % (
        d, dout, t, dim_y, dim_r, s, count, y, ed, forced, seconds)


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--cases", nargs="*", default=["2,2,2", "2,2,3", "2,3,2"],
                   help="d,d_out,t triples of bench/results/attention_aluffi.md")
    args = p.parse_args()
    import sage.all  # noqa: F401
    print(HEADER + "\n".join(row(*map(int, c.split(","))) for c in args.cases))


if __name__ == "__main__":
    main()
