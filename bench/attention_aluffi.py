"""
An observation on one layer of lightning self-attention with ``a = 1`` and
``d_out >= 2``: its ED degree is an Euler characteristic on the product
``Y = P(q) x P(k) x P(V)`` of its parameter blocks, in which ``mu`` is
trilinear::

    python bench/attention_aluffi.py [--cases d,d_out,t ...] [--timeout 900] > bench/results/attention_aluffi.md

For each case it computes, on ``Y``, the count ``(-1)^dim chi(Y - (D' u
H))`` with ``D'`` a smooth quadric section (``euler_ed_count``), the degree
of Aluffi's Milnor class of the isotropic section ``D = {mu . mu = 0}``
from the Segre class of its singular scheme (``segre_class`` mod 32003,
``milnor_class_degree``), and their difference, next to the ED degree
``M.ed_degree()`` counts on the parameters and the generic ED degree. For
CNNs the difference is the ED degree, proved where ``mu`` is unramified
(``sage_neuro.invariants.cnn_segre_veronese``). For attention no route
uses it: ``Y -> X`` is ramified where the rows of ``V`` are multiples of
``k`` (``ramification_locus``), so the CNN proof does not apply, and with ``d = 3`` the projective degrees are out of reach (the top one is
a count of Bezout number 387072).
"""
import argparse
import time

HEADER = """# Lightning self-attention, `a = 1`, `d_out >= 2`: the ED degree as an Euler characteristic on the parameter blocks

Written by `python bench/attention_aluffi.py` (sage-neuro, 2-core Intel Xeon):
on `Y = P(q) x P(k) x P(V)`, where `mu` is trilinear, the generic count
`(-1)^dim chi(Y - (D' u H))` minus the degree of Aluffi's Milnor class of
the isotropic section `D = {mu . mu = 0}` (Segre class of its singular
scheme mod 32003, seed 1), against `M.ed_degree()` on the parameters. An
observation, not a route of the library: `Y -> X` is ramified where the
rows of `V` are multiples of `k` (`ramification_locus`, mod 32003), so the
argument that proves the CNN route (`Eu_X = mu_* 1_Y`) does not apply.

| d | d_out | t | generic count on `Y` | Segre class of the singular scheme | Milnor class degree | difference | `M.ed_degree()` | agrees | seconds |
|---|---|---|---|---|---|---|---|---|---|
"""


def row(d, dout, t, timeout):
    from sage.all import GF
    from sage_neuro import LightningSelfAttention
    from sage_neuro.invariants.segre_class import euler_ed_count, milnor_class_degree, segre_class
    net = LightningSelfAttention(d=d, a=1, d_out=dout, t=t)
    K = GF(32003)
    R = net.parameter_ring(K)
    F = sum(c ** 2 for c in net.coordinate_functions(K))
    blocks = [list(W.list()) for W in net.weight_matrices(R.gens())[0]]
    dims = [len(b) - 1 for b in blocks]
    start = time.time()
    s = segre_class([F.derivative(v) for v in R.gens()], blocks, timeout=timeout)
    seconds = time.time() - start
    generic = euler_ed_count(dims, [1, 1, 1])
    defect = milnor_class_degree(s, dims, [1, 1, 1])
    ed = net.neuromanifold().ed_degree()
    return "| %d | %d | %d | %d | `%s` | %d | %d | %d | %s | %.1f |" % (
        d, dout, t, generic, s, defect, generic - defect, ed,
        "yes" if ed == generic - defect else "NO", seconds)


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--cases", nargs="*", default=["2,2,2", "2,2,3", "2,3,2"],
                   help="d,d_out,t triples (default 2,2,2 2,2,3 2,3,2)")
    p.add_argument("--timeout", type=float, default=900.0, help="seconds per Segre class")
    args = p.parse_args()
    import sage.all  # noqa: F401
    lines = [row(*map(int, c.split(",")), args.timeout) for c in args.cases]
    print(HEADER + "\n".join(lines))


if __name__ == "__main__":
    main()
