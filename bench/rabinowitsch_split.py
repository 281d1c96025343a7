"""
One Rabinowitsch variable for the squarefree minor, or one per factor?

The modular ED route removes the rank-drop locus of the sliced Jacobian
with ``z m - 1``, ``m`` the squarefree part of a maximal minor
(:func:`sage_neuro.invariants.slicing.ed_critical_systems`). This script
times msolve on that system against the same system with ``m`` split:
``z_0 m_0 - 1`` for the product ``m_0`` of its monomial factors and
``z_k f_k - 1`` for every other factor ``f_k`` (mode ``hybrid``), or one
variable per factor (mode ``split``: the library's strategy
``'RabinowitschFactors'``). The count must not change::

    python bench/rabinowitsch_split.py 'PolynomialMLP([3,2,2], activation=2)' single hybrid --timeout 600
"""
import argparse
import time


def systems(spec, mode):
    from sage.all import GF, PolynomialRing, prod
    import sage_neuro.all as sn
    from sage_neuro.invariants.slicing import degree_slices, slice_pivots, ed_critical_systems
    net = eval(spec, vars(sn))
    piece = degree_slices(net, slice_pivots(net)[0], [1], GF(32003))[0]
    C, _ = ed_critical_systems(piece)
    T = C[0].parent()
    z = T.gens()[-1]
    m = (C[-1] + 1) // z
    factors = [f for f, _ in m.factor()]
    if mode == "single":
        return C, factors
    if mode == "split":
        # the library's strategy 'RabinowitschFactors'
        return ed_critical_systems(piece, rabinowitsch="factors")[0], factors
    mono = prod([f for f in factors if len(f.monomials()) == 1], T(1))
    factors = ([mono] if mono != 1 else []) + [f for f in factors if len(f.monomials()) > 1]
    names = list(T.variable_names()[:-1]) + ["z%d" % k for k in range(len(factors))]
    T2 = PolynomialRing(T.base_ring(), names, order="degrevlex")
    n = len(names) - len(factors)
    return ([T2(str(c)) for c in C[:-1]]
            + [T2.gens()[n + k] * T2(str(f)) - 1 for k, f in enumerate(factors)]), factors


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("net", help="an architecture, e.g. 'PolynomialMLP([3,2,2], activation=2)'")
    p.add_argument("modes", nargs="+", choices=["single", "hybrid", "split"])
    p.add_argument("--timeout", type=float, default=600.0)
    args = p.parse_args()
    import sage.all  # noqa: F401
    from sage_neuro.invariants.msolve import count_solutions
    for mode in args.modes:
        S, factors = systems(args.net, mode)
        t = time.time()
        try:
            out = count_solutions([S], timeout=args.timeout)[0]
        except TimeoutError:
            out = "timeout"
        print("%s | %s | %s | %s | %.1f" % (args.net, mode,
              [(f.degree(), len(f.monomials())) for f in factors], out, time.time() - t),
              flush=True)


if __name__ == "__main__":
    main()
