"""
The Euler characteristic of ``bench/attention_aluffi.py`` by fibres: one
layer of lightning self-attention with ``a = 1``, ``d = 2`` and ``d_out =
m >= 2``::

    python bench/attention_fibration.py > bench/results/attention_fibration.md

On ``Y = B x P(V)``, ``B = P(q) x P(k)``, the isotropic section is the
quadric bundle ``sum_j V_j^T B_b V_j = 0`` (the inner product is the
identity on the output rows ``V_j``) and the hyperplane section is ``sum_j
lambda_j(b) . V_j = 0``. The Euler characteristic of ``P^N`` minus a
quadric of rank ``rho`` and a hyperplane depends only on the parities of
``rho`` and of the rank ``rho'`` of the quadric on the hyperplane; with
``m = 2`` or ``3`` and ``B_b`` invertible it is ``-1`` when ``lambda^T
(I (x) B_b)^{-1} lambda != 0`` and ``0`` otherwise. Where ``B_b`` drops
rank the fibre contributes only if every ``lambda_j`` is orthogonal to its
kernel, which happens nowhere here where ``B_b`` has rank one (checked mod
p; where ``B_b = 0`` the quadric is all of ``P(V)`` and the fibre adds
nothing). So ``(-1)^dim Y chi(Y -
(D u H)) = chi(B - (Delta u T))`` with ``Delta = {det B_b = 0}`` and ``T =
{sum_j lambda_j^T adj(B_b) lambda_j = 0}``, two curves of ``P^1 x P^1``:
``4 - chi(Delta) - chi(T) + #(Delta n T)``, the Euler characteristics of
the curves from Aluffi's formula (``hypersurface_euler_characteristic``),
the points counted mod 32003 in a random chart. As in
``attention_aluffi.py`` this is an observation, not a route: ``Y -> X`` is
ramified.
"""
import random


def row(d, m, t, p=32003, seed=5):
    from sage.all import GF, PolynomialRing, matrix, vector
    from sage_neuro import LightningSelfAttention
    from sage_neuro.invariants.segre_class import hypersurface_euler_characteristic
    net = LightningSelfAttention(d=d, a=1, d_out=m, t=t)
    K = GF(p)
    R = net.parameter_ring(K)
    mu = net.coordinate_functions(K)
    Q, Kk, V = net.weight_matrices(R.gens())[0]
    rows = V.rows()
    S = PolynomialRing(K, [str(x) for x in Q.list() + Kk.list()])
    to_S = R.hom([S(str(x)) if str(x) in S.variable_names() else S.zero() for x in R.gens()], S)
    F = sum(c ** 2 for c in mu)
    # B_b: half the Hessian of F in one output row (the others zero)
    B = matrix(S, d, d, lambda i, j: to_S(F.derivative(rows[0][i]).derivative(rows[0][j])) / 2)
    rng = random.Random(seed)
    ell = sum(K(rng.randrange(p)) * c for c in mu)
    lam = [vector(S, [to_S(ell.derivative(x)) for x in row_]) for row_ in rows]
    Delta = B.det()
    adj = B.adjugate()
    T = sum(v * adj * v for v in lam)
    blocks = [list(S.gens()[:d]), list(S.gens()[d:])]
    chi_delta = hypersurface_euler_characteristic(Delta, blocks)
    chi_t = hypersurface_euler_characteristic(T, blocks)
    # a random affine chart for the points of Delta n T and for the
    # rank-deficient fibres (every lambda_j orthogonal to the kernel)
    C = PolynomialRing(K, ["x", "y"])
    x, y = C.gens()
    M1, M2 = (matrix(K, d, d, lambda i, j: K(rng.randrange(1, p))) for _ in range(2))
    chart = S.hom(list(M1 * vector(C, [1, x])) + list(M2 * vector(C, [1, y])), C)
    points = C.ideal([chart(Delta), chart(T)])
    distinct = points.radical().vector_space_dimension()
    # rank one (adj(B_b) != 0; where B_b = 0 the fibre contributes nothing:
    # the quadric is all of P(V), lambda is not in its image)
    deficient = C.ideal([chart(Delta)] + [chart(v * adj * v) for v in lam])
    deficient = deficient.saturation(C.ideal([chart(e) for e in adj.list()]))[0]
    empty = deficient.dimension() == -1
    euler = 4 - chi_delta - chi_t + distinct
    ed = net.neuromanifold().ed_degree()
    return "| %d | %d | %d | %d | %d | %d (%d with multiplicity) | %s | %d | %d | %s |" % (
        d, m, t, chi_delta, chi_t, distinct, points.vector_space_dimension(),
        "yes" if empty else "NO", euler, ed, "yes" if euler == ed else "NO")


def main():
    import sage.all  # noqa: F401
    print("""# Lightning self-attention, `a = 1`, `d = 2`: the Euler characteristic by fibres

Written by `python bench/attention_fibration.py` (sage-neuro). The count of
`bench/results/attention_aluffi.md` on `Y = P(q) x P(k) x P(V)`, computed
fibre by fibre over `P(q) x P(k)` (why in the script's documentation):
`4 - chi(Delta) - chi(T) + #(Delta n T)`, against `M.ed_degree()` on the
parameters. An observation, not a route: `Y -> X` is ramified.

| d | d_out | t | chi(Delta) | chi(T) | points of Delta n T | rank-deficient fibres empty | Euler characteristic | `M.ed_degree()` | agrees |
|---|---|---|---|---|---|---|---|---|---|""")
    for d, m, t in ((2, 2, 2), (2, 2, 3), (2, 3, 2)):
        print(row(d, m, t), flush=True)


if __name__ == "__main__":
    main()
