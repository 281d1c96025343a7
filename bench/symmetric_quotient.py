r"""
ED degrees of two-layer polynomial MLPs on the quotient by the neuron
permutations.

``f(x) = sum_i w_i (a_i . x)^r`` (``n1`` hidden neurons, ``w_i`` in
``K^{n2}``, ``a_i`` in ``K^{n0}``) is invariant under permuting the
neurons and under ``(a_i, w_i) -> (lambda a_i, lambda^{-r} w_i)``. The
gauge ``a_i1 = 1`` removes the scalings and keeps the permutations: the
symmetric group ``S_{n1}`` acts freely on generic gauged parameters by
permuting the blocks ``(a_i2, ..., a_in0, w_i)``. Its quotient has
coordinates: the monic polynomial ``P(T) = prod_i (T - a_i2)`` and, for
each other block coordinate ``y``, the interpolation polynomial ``Q_y`` of
degree ``< n1`` with ``Q_y(a_i2) = y_i`` (defined where the ``a_i2`` are
distinct). Every coefficient of ``f`` is a sum over the neurons, i.e. the
trace of ``K[T]/P`` of one polynomial in ``T``; so ``f`` is a polynomial map
``nu`` of the ``n1 (n0 - 1 + n2)`` coefficients of ``P`` and the ``Q_y``,
with the same image as ``mu`` and generic fiber one point instead of
``n1!`` on the gauged parameters.

The ED critical system of ``nu`` (``J^T (nu - u)``, ``u`` random data over
``GF(p)``) with ``z h - 1`` for ``h`` the discriminant of ``P`` times the
resultants of ``P`` with the ``Q_y`` of the output weights (so that no
neuron is dead) is counted by msolve. Its true solutions are the critical
points of the distance from ``u`` on the neuromanifold; points where the
Jacobian of ``nu`` drops rank are not removed, so the count is an upper
bound for the ED degree (exact when it meets a lower bound, e.g. the
points a numerical route has found).

The price is the degree: reducing modulo ``P`` raises the degree of the
coordinates of ``nu``, to 3 up to 9 for MLP ``[3, 3, 3]`` with ``x^2``
(where ``mu`` on a coordinate slice has degree 3 and its critical
equations degree 5). Measured results are in ``bench/results/ed_mlp333.md``::

    python bench/symmetric_quotient.py 3,2,2 --seeds 1 2
"""

import argparse
import itertools
import json
import random
import sys
import time

from sage.all import GF, PolynomialRing

from sage_neuro.invariants.msolve import count_solutions


def quotient_map(n0, n1, n2, r, K):
    r"""
    Return ``(B, nu, h)``: the ring of the quotient coordinates, the
    coefficients of ``f`` (monomials of degree ``r`` in ``n0`` variables,
    output by output), and the polynomial to invert.
    """
    names = ["c%d" % j for j in range(n1)]
    ys = ["a%d" % k for k in range(3, n0 + 1)] + ["w%d" % k for k in range(1, n2 + 1)]
    for y in ys:
        names += ["%s_%d" % (y, j) for j in range(n1)]
    B = PolynomialRing(K, names, order="degrevlex")
    g = B.gens()
    c = g[:n1]
    Q = {y: g[n1 * (i + 1): n1 * (i + 2)] for i, y in enumerate(ys)}
    S = PolynomialRing(B, "T")
    T = S.gen()
    P = T ** n1 + sum(c[j] * T ** j for j in range(n1))

    def interp(y):
        return sum(Q[y][j] * T ** j for j in range(n1))

    # power sums of the roots of P (Newton's identities): the traces of T^j
    e = [1] + [(-1) ** k * c[n1 - k] for k in range(1, n1 + 1)]
    p = [B(n1)]
    for k in range(1, n1):
        p.append((-1) ** (k - 1) * k * e[k]
                 + sum((-1) ** (k - 1 + i) * e[k - i] * p[i] for i in range(1, k)))

    def trace(F):
        F = F % P
        return sum(F[j] * p[j] for j in range(n1))

    X = PolynomialRing(S, ["x%d" % k for k in range(1, n0 + 1)])
    x = X.gens()
    L = x[0] + T * x[1] + sum(interp("a%d" % k) * x[k - 1] for k in range(3, n0 + 1))
    Lr = X(1)
    for _ in range(r):
        Lr = (Lr * L).map_coefficients(lambda a: a % P)
    monomials = sorted(itertools.combinations_with_replacement(range(n0), r))
    nu = []
    for k in range(1, n2 + 1):
        W = interp("w%d" % k)
        for m in monomials:
            exps = [m.count(i) for i in range(n0)]
            coefficient = Lr.monomial_coefficient(X.monomial(*exps))
            nu.append(trace(W * coefficient))
    h = P.discriminant()
    for k in range(1, n2 + 1):
        h *= P.resultant(interp("w%d" % k))
    return B, nu, h


def critical_system(n0, n1, n2, r, K, seed):
    B, nu, h = quotient_map(n0, n1, n2, r, K)
    rng = random.Random("data %d" % seed)
    p = K.characteristic()
    u = [K(rng.randrange(p)) for _ in nu]
    D = [f - a for f, a in zip(nu, u)]
    crit = [sum(f.derivative(v) * d for f, d in zip(nu, D)) for v in B.gens()]
    R = PolynomialRing(K, list(B.variable_names()) + ["z"], order="degrevlex")
    z = R.gens()[-1]
    return [R(f) for f in crit] + [z * R(h) - 1]


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("widths", help="n0,n1,n2")
    ap.add_argument("--activation", type=int, default=2)
    ap.add_argument("--seeds", type=int, nargs="+", default=[1, 2])
    ap.add_argument("--prime", type=int, default=32003)
    ap.add_argument("--timeout", type=float, default=None)
    ap.add_argument("--processes", type=int, default=None)
    a = ap.parse_args(argv)
    n0, n1, n2 = (int(s) for s in a.widths.split(","))
    K = GF(a.prime)
    t0 = time.time()
    systems = [critical_system(n0, n1, n2, a.activation, K, s) for s in a.seeds]
    built = time.time() - t0
    degs = sorted({int(f.degree()) for f in systems[0]})
    t0 = time.time()
    counts = count_solutions(systems, timeout=a.timeout, processes=a.processes)
    print(json.dumps({"widths": [n0, n1, n2], "activation": a.activation, "prime": a.prime,
                      "seeds": a.seeds, "counts": [int(c) for c in counts],
                      "equation_degrees": degs, "build_s": round(built, 2),
                      "msolve_s": round(time.time() - t0, 2)}))


if __name__ == "__main__":
    sys.exit(main())
