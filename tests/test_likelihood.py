"""ML degrees and the critical points of the KL loss (sage_neuro.invariants.likelihood,
sage_neuro.optimization.likelihood).

Published values compared with:

- Hauenstein, Rodriguez, Sturmfels, "Maximum likelihood for matrices with
  rank constraints", arXiv:1210.0198: ML degrees of the m x n matrices of
  rank <= r (the closure of LinearNetwork([n, r, m])): 3x3 rank 2: 10,
  3x4 rank 2: 26, 3x5 rank 2: 58, 4x4 rank 2 and rank 3: 191.
- Rodriguez, Wang, "The maximum likelihood degree of mixtures of
  independence models", arXiv:1505.06536: the 3 x n matrices of rank <= 2
  have ML degree 2^(n+1) - 6 (the conjecture of the paper above).
- Draisma, Rodriguez, "Maximum likelihood duality for determinantal
  varieties", arXiv:1211.3196: for m <= n the m x n matrices of rank <= r
  and of rank <= m - r + 1 have the same ML degree.
- Independence models (rank 1) and multinomial models (the Veronese
  curves and surfaces with multinomial coefficients, e.g. Hardy-Weinberg)
  have ML degree 1 with a rational ML estimate (Huh-Sturmfels, "Likelihood
  geometry", arXiv:1305.7462, Section 1); the whole space has ML degree 1
  (the estimate is the data).
"""
import numpy
import pytest

from sage_neuro import LinearNetwork, PolynomialCNN, PolynomialMLP
from sage_neuro.architectures.base import Architecture
from sage_neuro.invariants.likelihood import (check_counts, ml_degree, ml_degree_implicit,
                                              ml_degree_slice)
from sage_neuro.optimization.likelihood import kl_critical_points

GENERIC_3x3 = [3, 1, 4, 1, 5, 9, 2, 6, 5]


def _both_routes(widths):
    M = LinearNetwork(widths).neuromanifold()
    return M.ml_degree(), M.ml_degree(route="implicit")


def rodriguez_wang(n):
    """ML degree of the 3 x n matrices of rank <= 2 (arXiv:1505.06536)."""
    return 2 ** (n + 1) - 6


# -- published ML degrees, two routes ------------------------------------------


def test_3x3_rank_2_is_10_by_two_routes_and_two_fields():
    M = LinearNetwork([3, 2, 3]).neuromanifold()
    assert M.ml_degree() == 10 == rodriguez_wang(3)
    P = M.provenance("ml_degree")
    assert P.method == "modular" and P.primes == (32003,) and P.seeds == (1, 2)
    assert "slice" in P.route
    assert M.ml_degree(route="implicit") == 10
    # the latest record is the implicit route's, confirmed by the slice route
    P = M.provenance("ml_degree")
    assert P.method == "modular" and "slice" not in P.route
    assert ["slice" in c.route for c in P.confirmations] == [True]
    assert M.ml_degree(method="exact_random", seeds=(7,)) == 10
    P = M.provenance("ml_degree")
    assert P.method == "exact_random" and len(P.confirmations) == 2


def test_3x4_rank_2_is_26_by_two_routes():
    assert _both_routes([4, 2, 3]) == (26, 26)
    assert rodriguez_wang(4) == 26
    # the transpose (4x3 matrices) has the same ML degree
    assert LinearNetwork([3, 2, 4]).neuromanifold().ml_degree() == 26


def test_3x5_rank_2_is_58():
    M = LinearNetwork([5, 2, 3]).neuromanifold()
    assert M.ml_degree() == 58 == rodriguez_wang(5)
    assert "Msolve" in M.provenance("ml_degree").route


def test_3x5_rank_2_implicit_route():
    assert LinearNetwork([5, 2, 3]).neuromanifold().ml_degree(route="implicit") == 58


@pytest.mark.slow
def test_3x6_rank_2_rodriguez_wang():
    assert LinearNetwork([6, 2, 3]).neuromanifold().ml_degree() == rodriguez_wang(6) == 122


@pytest.mark.slow
def test_4x4_rank_2_and_rank_3_are_191_ml_duality():
    # Draisma-Rodriguez duality: rank 2 and rank 4 - 2 + 1 = 3 of 4x4
    r2 = LinearNetwork([4, 2, 4]).neuromanifold().ml_degree()
    r3 = LinearNetwork([4, 3, 4]).neuromanifold().ml_degree()
    assert r2 == r3 == 191


@pytest.mark.slow
def test_4x4_implicit_route():
    for r in (2, 3):
        assert LinearNetwork([4, r, 4]).neuromanifold().ml_degree(route="implicit") == 191


def test_ml_duality_small_cases():
    # m = 3: rank 1 <-> rank 3 (the whole space), rank 2 self-dual
    for n in (3, 4):
        r1 = LinearNetwork([n, 1, 3]).neuromanifold().ml_degree()
        r3 = LinearNetwork([n, 3, 3]).neuromanifold().ml_degree()
        assert r1 == r3 == 1


def test_independence_models_have_ml_degree_1_by_two_routes():
    for widths in ([2, 1, 2], [3, 1, 3], [4, 1, 3], [3, 1, 2, 4]):
        assert _both_routes(widths) == (1, 1), widths


def test_multinomial_models_have_ml_degree_1():
    # w (a x + b y)^r: the binomial model Bin(r, theta); w (a x + b y + c z)^2:
    # the trinomial Hardy-Weinberg model
    for net in (PolynomialMLP([2, 1, 1], activation=2), PolynomialMLP([2, 1, 1], activation=3),
                PolynomialMLP([3, 1, 1], activation=2)):
        M = net.neuromanifold()
        assert M.ml_degree() == 1
        assert M.ml_degree(route="implicit") == 1


def test_ml_degree_is_not_always_1_nor_the_degree():
    # symmetric 3x3 matrices of rank <= 2 in the coefficient coordinates of
    # the quadrics (off-diagonal entries doubled): a determinantal cubic;
    # the two routes agree on 6
    M = PolynomialMLP([3, 2, 1], activation=2).neuromanifold()
    assert M.degree() == 3
    assert M.ml_degree() == M.ml_degree(route="implicit") == 6


def test_cnn_two_routes():
    # the composed filters of a two-layer CNN with x^2 (a Segre-Veronese
    # variety of degree 4): ML degree 3, by both routes
    M = PolynomialCNN([2, 2], activation=2).neuromanifold()
    assert M.degree() == 4
    assert M.ml_degree() == M.ml_degree(route="implicit") == 3


def test_slice_count_is_fiber_times_ml_degree():
    # w (a x + b y)^2 is 2-to-1 on the slice (a, b) -> (-a, -b)
    value, pairs, engine = ml_degree_slice(PolynomialMLP([2, 1, 1]), seeds=(1, 2, 3))
    assert value == 1 and pairs == [(2, 2)] * 3 and engine == "Singular"


def test_engines_agree():
    net = LinearNetwork([4, 2, 3])
    assert ml_degree_slice(net, engine="Singular")[0] == ml_degree_slice(net, engine="Msolve")[0]


def test_counts_on_the_model_give_fewer_critical_points():
    # a rank-2 matrix of counts is its own ML estimate: the ML degree drops
    # by one at such data, by both routes
    net = LinearNetwork([3, 2, 3])
    M = net.neuromanifold()
    u = [1, 2, 3, 4, 5, 6, 7, 8, 9]
    assert M.ml_degree(data=u) == 9
    assert ml_degree_implicit(M.ideal(), data=u) == 9
    assert M.ml_degree(data=GENERIC_3x3) == 10
    # data calls do not overwrite the generic value's record
    with pytest.raises(KeyError):
        LinearNetwork([3, 2, 3]).neuromanifold().provenance("ml_degree")


# -- the KL loss --------------------------------------------------------------


def test_kl_hardy_weinberg_closed_form():
    # theta = (2 u0 + u1) / (2 u+) maximises the likelihood of
    # (theta^2, 2 theta (1 - theta), (1 - theta)^2)
    u = [10, 1, 9]
    C = PolynomialMLP([2, 1, 1]).loss_critical_points(u, loss="kl")
    assert (C.complex_count, C.real_count, C.positive_count) == (1, 1, 1)
    theta = (2 * u[0] + u[1]) / (2 * sum(u))
    expected = [theta ** 2, 2 * theta * (1 - theta), (1 - theta) ** 2]
    P = C.points[0]
    assert numpy.allclose(P.point, expected, atol=1e-10)
    assert P.type == "local min" and P.positive
    ubar = numpy.array(u) / sum(u)
    assert P.kl_divergence == pytest.approx(float(numpy.sum(ubar * numpy.log(ubar / expected))))
    assert C.provenance.method == "exact_random" and C.fiber_size == 2 and C.slice_count == 2


def test_kl_independence_model_is_product_of_margins():
    u = numpy.array([[3, 1, 4], [1, 5, 9]])
    C = LinearNetwork([3, 1, 2]).loss_critical_points(list(u.flatten()), loss="kl")
    assert (C.complex_count, C.real_count) == (1, 1)
    expected = numpy.outer(u.sum(axis=1), u.sum(axis=0)) / u.sum() ** 2
    assert numpy.allclose(C.points[0].point, expected.flatten(), atol=1e-10)
    assert C.type_counts() == {"local min": 1}


def test_kl_rank_2_census_agrees_with_ml_degree_and_is_critical():
    net = LinearNetwork([3, 2, 3])
    C = kl_critical_points(net, GENERIC_3x3)
    assert C.complex_count == net.neuromanifold().ml_degree() == 10
    numerical = kl_critical_points(net, GENERIC_3x3, method="numerical")
    assert (numerical.complex_count, numerical.real_count) == (C.complex_count, C.real_count)
    assert C.positive_count >= 1 and C.minima()
    u = numpy.array(GENERIC_3x3, dtype=float)
    for P in C.points:
        p = numpy.array(P.point)
        X = p.reshape(3, 3)
        # on the model: rank 2, coordinates summing to 1
        assert abs(numpy.linalg.det(X)) < 1e-9 and abs(p.sum() - 1) < 1e-9
        # critical (second check, in function space): the gradient of the
        # log-likelihood u / p - u+ is orthogonal to the tangent space of
        # the rank-2 matrices, {A X + X B}
        grad = (u / p - u.sum()).reshape(3, 3)
        U, s, Vt = numpy.linalg.svd(X)
        left, right = U[:, 2], Vt[2]
        assert numpy.allclose(grad - numpy.outer(left, right) * (left @ grad @ right), 0,
                              atol=1e-6 * numpy.abs(grad).max())
    # the best distribution is a local minimum of the KL loss
    assert C.points[0].positive and C.points[0].type == "local min"
    assert sum(C.type_counts().values()) == C.real_count


def test_kl_symmetric_counts_are_special():
    # counts symmetric under permuting rows and columns together: fewer
    # complex critical points than the ML degree (a special fiber), and the
    # symmetric images of a saddle are saddles with the same KL value
    C = kl_critical_points(LinearNetwork([3, 2, 3]), [10, 1, 1, 1, 10, 1, 1, 1, 10])
    assert C.complex_count < 10
    kls = sorted(round(P.kl_divergence, 9) for P in C.points if P.type == "saddle")
    assert len(kls) == 3 and len(set(kls)) == 1


# -- bad input ------------------------------------------------------------------


@pytest.mark.parametrize("counts, message", [
    ([10, -1, 9], "entry 1 is -1"),
    ([10, 0, 9], "entry 1 is 0"),
    ([10, 1.5, 9], "entry 1 is 1.5"),
    ([10, 1], "must have 3 entries"),
])
def test_bad_counts(counts, message):
    net = PolynomialMLP([2, 1, 1])
    with pytest.raises(ValueError, match="target.*" + message.replace(".", r"\.")):
        net.loss_critical_points(counts, loss="kl")
    with pytest.raises(ValueError, match="data"):
        net.neuromanifold().ml_degree(data=counts)


def test_bad_arguments():
    M = LinearNetwork([3, 2, 3]).neuromanifold()
    with pytest.raises(ValueError, match="method must be one of 'modular', 'exact_random'"):
        M.ml_degree(method="exact")
    with pytest.raises(ValueError, match="route must be one of"):
        M.ml_degree(route="monodromy")
    with pytest.raises(ValueError, match="engine must be one of"):
        M.ml_degree(engine="F4")
    with pytest.raises(TypeError, match="data must be a list"):
        check_counts(5, 3)
    with pytest.raises(ValueError, match="loss must be"):
        LinearNetwork([2, 1, 2]).loss_critical_points([1, 2, 3, 4], loss="wasserstein")


def test_provenance_records():
    M = LinearNetwork([3, 1, 3]).neuromanifold()
    value, record = ml_degree(M, seeds=(3, 4))
    assert value == 1 and record.method == "modular" and record.seeds == (3, 4)
    assert record.as_dict()["primes"] == [32003]
    value, record = ml_degree(M, method="exact_random", seeds=(3,))
    assert record.method == "exact_random" and record.primes == ()


def test_kl_polynomial_mlp_sum_of_two_squares():
    # w1 (a.x)^2 + w2 (b.x)^2: ternary quadrics of rank <= 2 (a determinantal
    # cubic, ML degree 6); every real critical point is checked in function
    # space: on the cubic, and the gradient of the log-likelihood is normal
    # there (proportional to v v^T for v in the kernel of the quadric)
    net = PolynomialMLP([3, 2, 1], activation=2)
    u = [1, 2, 3, 4, 5, 6]
    C = net.loss_critical_points(u, loss="kl")
    assert C.complex_count == net.neuromanifold().ml_degree() == 6
    assert 1 <= C.positive_count <= C.real_count <= 6 and C.real_count % 2 == 0
    exps = [m.exponents()[0] for m in net.monomial_basis()]
    uu = numpy.array(u, dtype=float)
    for P in C.points:
        c = numpy.array(P.point)
        Q, G = numpy.zeros((3, 3)), numpy.zeros((3, 3))
        g = uu / c - uu.sum()
        for e, ci, gi in zip(exps, c, g):
            i, j = [k for k in range(3) for _ in range(e[k])]
            Q[i, j] = Q[j, i] = ci if i == j else ci / 2
            G[i, j] = G[j, i] = gi
        w, V = numpy.linalg.eigh(Q)
        v = V[:, numpy.argmin(abs(w))]
        assert abs(numpy.linalg.det(Q)) < 1e-10
        assert numpy.allclose(G, (v @ G @ v) * numpy.outer(v, v), atol=1e-6 * abs(G).max())
    assert C.minima()[0].positive


class _ParabolaNetwork(Architecture):
    """x -> a^2 x^2 + a x + 1: the affine curve (a^2, a, 1), not a cone (a
    second parameter that the output ignores keeps the parameter ring
    multivariate)."""

    def _parameter_names(self):
        return ["a", "b"]

    def _input_dimension(self):
        return 1

    def _compute_outputs(self, P, x):
        a = P.gen(0)
        return [a ** 2 * x[0] ** 2 + a * x[0] + 1]


def test_not_a_cone_two_routes():
    # L = u0 log a^2 + u1 log a - u+ log(a^2 + a + 1): critical where
    # (2 u0 + u1)(a^2 + a + 1) = u+ a (2 a + 1), a quadratic equation in a:
    # ML degree 2 (no scale to fix; the sum hyperplane is removed instead)
    net = _ParabolaNetwork()
    assert not net.is_cone()
    M = net.neuromanifold()
    assert M.ml_degree() == 2
    assert M.ml_degree(route="implicit") == 2
    u = [3, 1, 2]
    C = net.loss_critical_points(u, loss="kl")
    assert C.complex_count == 2
    # the real roots of the quadratic are the real critical points
    roots = numpy.roots([2 * u[0] + u[1] - 2 * sum(u), 2 * u[0] + u[1] - sum(u), 2 * u[0] + u[1]])
    real = sorted(r.real for r in roots if abs(r.imag) < 1e-12)
    assert C.real_count == len(real)
    got = sorted(P.point[1] / P.point[2] for P in C.points)     # a = f_1 / f_2
    assert numpy.allclose(got, real)
