"""
Tests of lightning self-attention networks X -> V X X^T K^T Q X against the
known values (Henry-Marchetti-Kohn; Kohn's example a = d = t = 2,
d_out = 1) and against a second, independent route where feasible.
"""

import pytest

from sage.matrix.constructor import matrix
from sage.rings.rational_field import QQ

from sage_neuro.architectures.attention import LightningSelfAttention


def hmk(d, a, e):
    """Henry-Marchetti-Kohn: dimension 2ad + d d_out - a^2 - 1 (a <= d)."""
    return 2 * a * d + d * e - a * a - 1


# (d, a, d_out, t); a <= d. By computation t = 2 already suffices in every
# case tried (up to d = 4, t = 4); t = 1 is defective once a >= 2.
ONE_LAYER = [(1, 1, 1, 2), (2, 1, 1, 2), (2, 2, 1, 2), (2, 1, 2, 2), (2, 2, 2, 2),
             (3, 1, 1, 2), (3, 2, 1, 2), (3, 3, 1, 2), (3, 2, 2, 2),
             (2, 1, 1, 3), (2, 2, 1, 3), (2, 2, 2, 3)]


@pytest.mark.parametrize("d, a, e, t", ONE_LAYER)
def test_one_layer_dimension_matches_formula(d, a, e, t):
    net = LightningSelfAttention(d, a, e, t)
    assert net.num_parameters() == 2 * a * d + e * d
    assert net.known_dimension() == hmk(d, a, e)
    assert net.expected_dimension() == hmk(d, a, e)
    assert net.neuromanifold().dimension() == hmk(d, a, e)
    # a second random point (another seed) agrees
    assert net.neuromanifold().dimension(seed=7) == hmk(d, a, e)


def test_one_token_is_defective():
    # t = 1: the function x -> V x (x^T K^T Q x) sees only the symmetric
    # part of K^T Q: dimension d d_out + d(d+1)/2 - 1
    net = LightningSelfAttention(3, 2, 1, 1)
    assert net.expected_dimension() == 10          # HMK's 10, ambient 10
    assert net.neuromanifold().dimension() == 3 + 6 - 1
    assert net.neuromanifold().is_defective()
    # for d = 2 it is 4 < 5, but the ambient space (4 cubics) caps it
    net = LightningSelfAttention(2, 2, 1, 1)
    assert net.neuromanifold().dimension() == net.ambient_dimension() == 4


def test_wide_attention_a_greater_than_d():
    # a > d: K^T Q is a generic d x d matrix, GL(a) has a (a-d)^2-dimensional
    # stabilizer; dimension d^2 + d d_out - 1
    for d, a, e in [(2, 3, 1), (2, 4, 2)]:
        net = LightningSelfAttention(d, a, e, 2)
        assert net.known_dimension() is None
        assert net.expected_dimension() == d * d + d * e - 1
        assert net.neuromanifold().dimension() == d * d + d * e - 1


def test_attention_2_2_1_2():
    net = LightningSelfAttention(2, 2, 1, 2)
    M = net.neuromanifold()
    assert M.dimension() == 5
    # 2 outputs (tokens) x 20 cubic monomials in the 4 input variables
    assert len(net.monomial_basis()) == 20
    assert net.ambient_dimension() == M.ambient_dimension() == 40
    # only half of the coordinates are nonzero functions of the parameters,
    # and the image spans a 6-dimensional linear subspace
    F = net.coordinate_functions()
    assert sum(1 for f in F if f != 0) == 20
    pts = [net.evaluate(net.random_parameters(seed=s)) for s in range(20)]
    assert matrix(QQ, pts).rank() == 6
    assert net.is_homogeneous()


def test_attention_2_2_1_2_exact():
    # independent route: Krull dimension of the implicit ideal over QQ
    # (Macaulay2 elimination): 34 linear equations cut out the
    # 6-dimensional span, inside which the closure is a quartic hypersurface
    M = LightningSelfAttention(2, 2, 1, 2).neuromanifold()
    assert M.dimension(method="exact") == 5
    degs = sorted(f.degree() for f in M.ideal().gens())
    assert degs == [1] * 34 + [4]
    assert M.degree(method="exact") == 4
    assert M.degree() == 4


@pytest.mark.parametrize("kwargs, expected", [
    (dict(d=2, a=1, d_out=1, t=2, layers=2), 6),
    (dict(d=2, a=1, d_out=1, t=2, layers=2, hidden_dims=[1]), 4),
])
def test_two_layers_not_defective(kwargs, expected):
    net = LightningSelfAttention(**kwargs)
    assert net.expected_dimension() == expected
    assert net.neuromanifold().dimension() == expected
    assert not net.neuromanifold().is_defective()
    assert all(f.degree() == 9 for f in net.output_polynomials())


def test_outputs_agree_with_forward():
    net = LightningSelfAttention(2, 1, 2, 3)
    theta = net.random_parameters(seed=3)
    X = net.input_matrix()
    Y = net.forward(X, theta)
    outs = net.output_polynomials(theta)
    assert len(outs) == 6
    basis = net.monomial_basis()
    coords = net.evaluate(theta)
    k = 0
    for i in range(2):
        for j in range(3):
            # output i t + j is the entry (i, j)
            assert outs[i * 3 + j] == outs[i * 3 + j].parent()(Y[i, j])
            for m in basis:
                assert coords[k] == Y[i, j].monomial_coefficient(X.base_ring()(m))
                k += 1


def test_two_layer_forward_composes():
    net = LightningSelfAttention(2, 1, 1, 2, layers=2, hidden_dims=[3])
    theta = net.random_parameters(seed=1)
    (Q1, K1, V1), (Q2, K2, V2) = net.weight_matrices(theta)
    assert (Q1.dimensions(), V1.dimensions(), Q2.dimensions(), V2.dimensions()) == \
        ((1, 2), (3, 2), (1, 3), (1, 3))
    X = matrix(QQ, [[1, 2], [3, -1]])
    Y = V1 * X * X.T * K1.T * Q1 * X
    Z = V2 * Y * Y.T * K2.T * Q2 * Y
    assert net.forward(X, theta) == Z


def test_symmetries_and_names():
    net = LightningSelfAttention(3, 2, 1, 2)
    assert net.symmetry_dimension() == 5
    assert len(net.symmetries()) == 2
    names = [str(g) for g in net.parameter_ring().gens()]
    assert names[0] == "q1_0_0" and "k1_1_2" in names and names[-1] == "v1_0_2"
    deep = LightningSelfAttention(2, 2, 1, 2, layers=3)
    # 3 layers x (a^2 + 1) + 2 hidden GL(2)
    assert deep.symmetry_dimension() == 3 * 5 + 2 * 4
    assert len(deep.symmetries()) == 3 * 2 + 2
    assert deep.family == "attention"


def test_subnetworks():
    assert LightningSelfAttention(3, 3, 1, 2).subnetworks() == [LightningSelfAttention(3, 2, 1, 2)]
    assert LightningSelfAttention(3, 1, 1, 2).subnetworks() == []
    # the subnetwork's neuromanifold lies in the network's one (a-1 <= a)
    net, sub = LightningSelfAttention(2, 2, 1, 2), LightningSelfAttention(2, 1, 1, 2)
    assert sub.neuromanifold().dimension() < net.neuromanifold().dimension()
    I = net.neuromanifold().ideal()
    assert all(g(*sub.evaluate(sub.random_parameters(seed=2))) == 0 for g in I.gens())


@pytest.mark.parametrize("args, kwargs, exc, msg", [
    ((0, 1, 1, 2), {}, ValueError, "d must be"),
    ((2, 0, 1, 2), {}, ValueError, "a must be"),
    ((2, 1, -1, 2), {}, ValueError, "d_out must be"),
    ((2, 1, 1, 0), {}, ValueError, "t must be"),
    ((2, 1, 1, 2.5), {}, TypeError, "t must be an integer"),
    ((2, "1", 1, 2), {}, TypeError, "a must be an integer"),
    ((2, 1, 1, 2), dict(layers=0), ValueError, "layers must be"),
    ((2, 1, 1, 2), dict(layers=True), TypeError, "layers must be"),
    ((2, 1, 1, 2), dict(layers=2, hidden_dims=[0]), ValueError, r"hidden_dims\[0\] must be"),
    ((2, 1, 1, 2), dict(layers=2, hidden_dims=[2, 2]), ValueError, "hidden_dims must list"),
    ((2, 1, 1, 2), dict(layers=2, hidden_dims=3), TypeError, "hidden_dims must be"),
    ((2, [1, 2, 3], 1, 2), dict(layers=2), ValueError, "a must be"),
])
def test_bad_input(args, kwargs, exc, msg):
    with pytest.raises(exc, match=msg):
        LightningSelfAttention(*args, **kwargs)


def test_bad_points():
    net = LightningSelfAttention(2, 1, 1, 2)
    with pytest.raises(ValueError, match="theta must have 6 entries"):
        net.evaluate([1, 2])
    with pytest.raises(ValueError, match="X must be a 2 x 2 matrix"):
        net.forward(matrix(QQ, [[1, 2, 3]]), [1] * 6)
