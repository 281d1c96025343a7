"""
Tests of PolynomialCNN: the invariants are COMPUTED by the generic machinery
(Jacobian rank mod p, sliced degree count mod p, and on tiny cases
elimination over QQ in Macaulay2) and compared with the closed formulas of
published formulas (Kohn-Montufar-Shahverdi-Trager 2304.05752 for linear CNNs;
Shahverdi-Marchetti-Kohn 2410.00722 for sigma = t^r).
"""

import random

import pytest

from sage_neuro.all import QQ, factorial, prod
from sage_neuro.architectures.cnn import PolynomialCNN

T = QQ["t"].gen()


def formula_dimension(k):
    return sum(k) - len(k) + 1


def formula_degree(k, r):
    L = len(k)
    return factorial(sum(k) - L) * prod(
        QQ(r) ** ((L - 1 - j) * (k[j] - 1)) / factorial(k[j] - 1) for j in range(L))


# -- structure -----------------------------------------------------------------

def test_lengths_and_parameters():
    net = PolynomialCNN([2, 3], strides=[2, 1])
    assert net.layer_lengths() == (6, 3, 1)
    assert net.input_length() == 6 and net.output_length() == 1 and net.depth() == 2
    assert net.num_parameters() == 5
    assert [str(g) for g in net.parameter_ring().gens()] == ["f1_0", "f1_1", "f2_0", "f2_1", "f2_2"]
    assert PolynomialCNN([2, 2], output_length=3).layer_lengths() == (5, 4, 3)
    assert PolynomialCNN([2, 2], output_length=3).num_outputs() == 3
    assert PolynomialCNN([3]).layer_lengths() == (3, 1)


def _forward(filters, strides, sigma, theta, x):
    """Plain-Python forward pass, independent of the Sage implementation."""
    pos, w = 0, []
    for k in filters:
        w.append(theta[pos:pos + k])
        pos += k
    v = list(x)
    for i, (k, s) in enumerate(zip(filters, strides)):
        n = (len(v) - k) // s + 1
        v = [sum(w[i][m] * v[s * j + m] for m in range(k)) for j in range(n)]
        if i < len(filters) - 1:
            v = [sigma(a) for a in v]
    return v


@pytest.mark.parametrize("filters,strides,act,out", [
    ([2, 2], [1, 1], 2, 1), ([3, 2], [2, 1], 3, 1), ([2, 2, 2], [1, 2, 1], 2, 1),
    ([2, 2], [1, 1], 1, 2), ([2, 3], [2, 2], "t^2+t", 2)])
def test_outputs_agree_with_forward_pass(filters, strides, act, out):
    rng = random.Random(5)
    sigma_poly = T ** 2 + T if act == "t^2+t" else act
    sigma = (lambda a: a ** 2 + a) if act == "t^2+t" else (lambda a: a ** act)
    net = PolynomialCNN(filters, strides=strides, activation=sigma_poly, output_length=out)
    theta = [rng.randint(-5, 5) for _ in range(net.num_parameters())]
    x = [rng.randint(-5, 5) for _ in range(net.input_length())]
    polys = net.output_polynomials(theta)
    assert len(polys) == out
    assert [p(*x) for p in polys] == _forward(filters, strides, sigma, theta, x)


def test_linear_end_to_end_filter_is_convolution():
    # stride 1: the end-to-end filter is the product of the filter polynomials
    net = PolynomialCNN([2, 3, 2], activation=1)
    theta = [1, 2, -1, 3, 5, 2, -7]
    R = QQ["z"]
    w = net.filter_vectors(theta)
    expected = prod(R(f) for f in w).list()
    assert net.end_to_end_filter(theta) == expected


def test_rescaling_symmetry_preserves_function():
    for r in (1, 2, 3):
        net = PolynomialCNN([2, 3, 2], activation=r)
        theta = [QQ(a) for a in [1, -2, 3, 1, 2, -1, 4]]
        c = QQ(3)
        moved = [c * a for a in theta[:2]] + [a / c ** r for a in theta[2:5]] + theta[5:]
        assert net.evaluate(theta) == net.evaluate(moved)
        assert net.symmetry_dimension() == 2
        assert len(net.symmetries()) == 2


def test_repr_equality_subnetworks():
    net = PolynomialCNN([3, 2], strides=[2, 1], activation=3)
    assert repr(net) == "PolynomialCNN([3, 2], strides=[2, 1], activation=3)"
    assert net == PolynomialCNN((3, 2), strides=(2, 1), activation=3)
    assert hash(net) == hash(PolynomialCNN((3, 2), strides=(2, 1), activation=3))
    assert net != PolynomialCNN([3, 2], activation=3)
    assert PolynomialCNN([2, 2], activation=T ** 2) == PolynomialCNN([2, 2])
    assert net.subnetworks() == [PolynomialCNN([2, 2], strides=[2, 1], activation=3),
                                 PolynomialCNN([3, 1], strides=[2, 1], activation=3)]
    assert PolynomialCNN([1, 1]).subnetworks() == []
    assert PolynomialCNN.family == "cnn"


# -- dimensions and degrees vs the closed formulas ----------------------------

@pytest.mark.parametrize("filters,strides", [
    ([2, 2], None), ([2, 3], None), ([3, 2, 2], None), ([4], None), ([2, 2, 2, 2], None),
    ([2, 2], [2, 1]), ([3, 3], [3, 1]), ([2, 2, 2], [2, 2, 1]), ([2, 3, 2], [1, 2, 1])])
def test_linear_cnn_dimension(filters, strides):
    net = PolynomialCNN(filters, strides=strides, activation=1)
    d = net.neuromanifold().dimension()
    assert d == sum(filters) - (len(filters) - 1)
    assert d == net.expected_dimension()
    if strides is None:
        # stride one: every polynomial of degree n_0 - 1 factors over C
        assert d == net.ambient_dimension() == net.input_length()


# (filters, strides, r); the degree formula of 2410.00722 is checked also for
# strides > 1: the computed degrees agree with it on these cases
POLY_CASES = [
    ([2, 2], None, 2), ([2, 3], None, 2), ([3, 2], None, 2), ([2, 2, 2], None, 2),
    ([3, 3], None, 2), ([2, 2], None, 3), ([2, 3], None, 3), ([3, 2], None, 3),
    ([2, 2], [2, 1], 2), ([3, 2], [2, 1], 2), ([3, 3], [2, 1], 2), ([2, 2, 2], [1, 2, 1], 2),
    ([2, 2], [2, 1], 3),
]
# left out: the sliced degree count of (2,2,2) r=3 (162), (3,2,2) r=2 (384),
# (2,3,2) r=2 (192), (2,2,2) strides (2,1,1) r=3 (162) and (2,2,2,2) r=2
# (1536) are too slow for the test suite


@pytest.mark.parametrize("filters,strides,r", POLY_CASES)
def test_polynomial_cnn_dimension_and_degree(filters, strides, r):
    net = PolynomialCNN(filters, strides=strides, activation=r)
    assert net.is_homogeneous()
    M = net.neuromanifold()
    assert M.dimension() == formula_dimension(filters) == net.expected_dimension()
    assert M.degree() == formula_degree(filters, r)
    assert M.provenance("degree").method == "modular"


def test_degree_formula_examples():
    assert formula_degree([2, 2], 2) == 4
    assert formula_degree([2, 2, 2], 2) == 48


def test_exact_route_agrees():
    # elimination over QQ in Macaulay2: an independent second computation
    M = PolynomialCNN([2, 2]).neuromanifold()
    assert M.dimension(method="exact") == 3
    assert M.degree(method="exact") == 4
    assert M.provenance("degree").method == "proved"
    assert PolynomialCNN([3, 2]).neuromanifold().degree(method="exact") == 12
    # linear CNN, stride 2: end-to-end filter (a0 b0, a1 b0, a0 b1, a1 b1),
    # the Segre quadric c0 c3 = c1 c2
    N = PolynomialCNN([2, 2], strides=[2, 1], activation=1).neuromanifold()
    assert N.dimension(method="exact") == 3
    assert N.degree(method="exact") == 2
    assert len(N.ideal().gens()) == 1


def test_polynomial_activation_finite_fibers():
    # no rescaling commutes with a non-monomial sigma: the generic fiber is
    # finite and the dimension is the number of parameters
    for act in (T ** 2 + T, T ** 3 + T):
        for filters in ([2, 2], [2, 3], [2, 2, 2]):
            net = PolynomialCNN(filters, activation=act)
            assert net.symmetry_dimension() == 0
            assert net.neuromanifold().dimension() == sum(filters) == net.expected_dimension()
    net = PolynomialCNN([2, 2, 2], activation=T ** 2 + T)
    assert not net.is_homogeneous() and net.is_cone()
    # a monomial a t^r behaves like t^r
    net = PolynomialCNN([2, 3], activation=3 * T ** 2)
    assert net.symmetry_dimension() == 1
    assert net.neuromanifold().dimension() == 4


# -- bad input -----------------------------------------------------------------

@pytest.mark.parametrize("kwargs,exc,word", [
    (dict(filters=[]), ValueError, "filters"),
    (dict(filters=[2, 0]), ValueError, "filters"),
    (dict(filters=[2, -1]), ValueError, "filters"),
    (dict(filters=[2, 2.5]), TypeError, "filters"),
    (dict(filters="22"), TypeError, "filters"),
    (dict(filters=3), TypeError, "filters"),
    (dict(filters=[2, 2], strides=[1]), ValueError, "strides"),
    (dict(filters=[2, 2], strides=[1, 0]), ValueError, "strides"),
    (dict(filters=[2, 2], strides=2), TypeError, "strides"),
    (dict(filters=[2, 2], activation=0), ValueError, "activation"),
    (dict(filters=[2, 2], activation=1.5), TypeError, "activation"),
    (dict(filters=[2, 2], activation=True), TypeError, "activation"),
    (dict(filters=[2, 2], activation="relu"), ValueError, "activation"),
    (dict(filters=[2, 2], activation=QQ["t"](3)), ValueError, "activation"),
    (dict(filters=[2, 2], output_length=0), ValueError, "output_length"),
])
def test_bad_input(kwargs, exc, word):
    with pytest.raises(exc, match=word):
        PolynomialCNN(**kwargs)


def test_bad_use():
    with pytest.raises(ValueError, match="linear CNN"):
        PolynomialCNN([2, 2]).end_to_end_filter()
    with pytest.raises(ValueError, match="theta"):
        PolynomialCNN([2, 2]).evaluate([1, 2, 3])
