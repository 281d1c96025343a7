"""Tests of PolynomialMLP: every value is computed by the library and compared
with a closed formula (sources cited next to each) or with a
second, independent computation."""

import random
import time

import pytest

import sage_neuro.all  # noqa: F401  (the Sage environment)
from sage.arith.misc import binomial
from sage.matrix.constructor import matrix
from sage.rings.polynomial.polynomial_ring_constructor import PolynomialRing
from sage.rings.integer_ring import ZZ
from sage.rings.rational_field import QQ

from sage_neuro.architectures.activation import generic_activation
from sage_neuro.architectures.mlp import PolynomialMLP


# -- closed formulas (computed here, independently of the library) -----------

def ktb_expected(widths, r):
    """Kileel-Trager-Bruna: min(ambient, sum d_{i-1} d_i - sum hidden widths)."""
    h = len(widths) - 1
    D = r ** (h - 1)
    ambient = widths[-1] * binomial(widths[0] + D - 1, D)
    params = sum(widths[i - 1] * widths[i] for i in range(1, h + 1))
    return min(ambient, params - sum(widths[1:-1]))


def direct_outputs(widths, sigma, theta, bias=False, skip=False):
    """Output polynomials at theta by a plain forward pass with Sage matrices."""
    R = PolynomialRing(QQ, "y", widths[0])
    x = matrix(R, widths[0], 1, list(R.gens()))
    pos = 0
    h = len(widths) - 1
    for l in range(1, h + 1):
        a, b = widths[l], widths[l - 1]
        W = matrix(R, a, b, theta[pos:pos + a * b])
        pos += a * b
        z = W * x
        if bias:
            z += matrix(R, a, 1, theta[pos:pos + a])
            pos += a
        if l < h:
            z = z.apply_map(lambda u: sigma(u))
            if skip and a == b:
                z += x
        x = z
    assert pos == len(theta)
    return [x[i, 0] for i in range(widths[-1])]


def same_polynomials(net, theta, expected):
    got = net.output_polynomials(theta)
    assert len(got) == len(expected)
    for g, e in zip(got, expected):
        assert {tuple(k): QQ(v) for k, v in g.dict().items()} == \
            {tuple(k): QQ(v) for k, v in e.dict().items() if v != 0}


T = PolynomialRing(QQ, "t")
t = T.gen()


# -- ambient space and parameters ---------------------------------------------

@pytest.mark.parametrize("widths, r", [([2, 2, 2], 2), ([3, 2, 1], 2), ([2, 2, 2, 2], 2),
                                       ([2, 2, 1], 3), ([3, 3, 3], 2), ([2, 3, 2, 1], 3),
                                       ([4, 1], 5)])
def test_ambient_dimension_formula(widths, r):
    net = PolynomialMLP(widths, activation=r)
    D = r ** (len(widths) - 2)
    assert net.ambient_dimension() == widths[-1] * binomial(widths[0] + D - 1, D)
    assert all(m.degree() == D for m in net.monomial_basis())
    assert net.num_parameters() == sum(widths[i - 1] * widths[i] for i in range(1, len(widths)))
    assert net.is_homogeneous()


def test_parameter_names_and_bias_count():
    net = PolynomialMLP([2, 3, 1], bias=True)
    names = [str(g) for g in net.parameter_ring().gens()]
    assert names[:7] == ["w1_0_0", "w1_0_1", "w1_1_0", "w1_1_1", "w1_2_0", "w1_2_1", "b1_0"]
    assert names[-1] == "b2_0"
    assert net.num_parameters() == 2 * 3 + 3 + 3 * 1 + 1
    assert PolynomialMLP([2, 3, 1]).num_parameters() == 9


# -- the map itself, against a direct forward pass ----------------------------

@pytest.mark.parametrize("widths, act, bias, skip", [
    ([2, 2, 1], 2, False, False),
    ([3, 2, 2], 3, True, False),
    ([2, 2, 2, 1], 2, True, True),
    ([2, 3, 3, 2], t ** 3 - 2 * t + 1, True, True),
    ([2, 2, 1], "generic", False, False),
])
def test_outputs_match_direct_forward_pass(widths, act, bias, skip):
    kw = {"activation_degree": 3} if act == "generic" else {}
    net = PolynomialMLP(widths, activation=act, bias=bias, skip=skip, **kw)
    sigma = net.activation()
    rng = random.Random(7)
    theta = [QQ(rng.randint(-5, 5)) / rng.randint(1, 3) for _ in range(net.num_parameters())]
    expected = direct_outputs(widths, sigma, theta, bias=bias, skip=skip)
    same_polynomials(net, theta, expected)
    # evaluate() lists the coefficients in the documented monomial basis
    vals = net.evaluate(theta)
    exps = [tuple(m.exponents()[0]) for m in net.monomial_basis()]
    R = expected[0].parent()
    coeffs = [e.monomial_coefficient(R.monomial(*ex)) for e in expected for ex in exps]
    assert list(vals) == coeffs


# -- dimension ----------------------------------------------------------------

@pytest.mark.parametrize("widths, r", [([2, 2, 2], 2), ([2, 3, 2], 2), ([3, 2, 2], 2),
                                       ([2, 2, 2, 2], 2), ([2, 2, 1], 3), ([2, 1, 2], 2),
                                       ([3, 3, 2], 2), ([2, 2, 3, 1], 2)])
def test_dimension_is_ktb_expected(widths, r):
    net = PolynomialMLP(widths, activation=r)
    assert net.expected_dimension() == ktb_expected(widths, r)
    M = net.neuromanifold()
    assert M.dimension() == ktb_expected(widths, r)
    assert not M.is_defective()


def test_alexander_hirschowitz_defective():
    net = PolynomialMLP([3, 2, 1], activation=2)
    M = net.neuromanifold()
    assert net.expected_dimension() == ktb_expected([3, 2, 1], 2) == 6
    assert M.dimension() == 5
    assert M.is_defective()


@pytest.mark.parametrize("widths, r, dim", [([2, 1, 2], 2, 3), ([3, 2, 1], 2, 5), ([2, 1, 1], 3, 2)])
def test_dimension_modular_equals_exact(widths, r, dim):
    M = PolynomialMLP(widths, activation=r).neuromanifold()
    assert M.dimension(method="exact") == M.dimension(method="modular") == dim


@pytest.mark.parametrize("widths, r, deg", [
    ([3, 2, 1], 2, 3),  # symmetric 3x3 matrices of rank <= 2: the determinant
    ([2, 1, 1], 3, 3),  # cubes of binary linear forms: the twisted cubic
    ([2, 1, 2], 2, 4),  # P^1 x conic in P^5, Segre-Veronese O(1,2): 2!*1*2 = 4
    ([2, 2, 1], 2, 1),  # every binary quadric is a sum of two squares
])
def test_degree_modular_equals_exact(widths, r, deg):
    M = PolynomialMLP(widths, activation=r).neuromanifold()
    assert M.degree(method="exact") == M.degree(method="modular") == deg


def test_linear_activation_is_a_linear_network():
    # r = 1: 3x4 matrices of rank <= 2, dimension r(m+n-r) = 10, degree 6
    net = PolynomialMLP([4, 2, 3], activation=1)
    assert net.symmetry_dimension() == 4
    assert net.expected_dimension() == 10
    assert net.neuromanifold().dimension() == 2 * (3 + 4 - 2)


# -- symmetries: Jacobian rank = parameters - symmetry dimension ---------------

@pytest.mark.parametrize("widths, kw", [
    ([3, 2, 2], {}),                                      # KTB: 10 - 2
    ([2, 1, 2], {"bias": True}),                          # rescaling survives the bias
    ([2, 2, 2], {"skip": True}),                          # skip kills the rescalings
    ([3, 3, 2, 2], {"skip": True}),                       # layer 2 still rescales
    ([2, 1, 2], {"activation": 1, "bias": True}),         # Aff(1): 1 + 1
    ([2, 2, 1], {"activation": "generic", "activation_degree": 3}),
])
def test_symmetry_dimension_matches_jacobian_rank(widths, kw):
    net = PolynomialMLP(widths, **kw)
    expected = net.num_parameters() - net.symmetry_dimension()
    assert expected <= net.ambient_dimension()  # not capped: a real check
    assert net.neuromanifold().dimension() == expected


def test_symmetry_dimension_values():
    assert PolynomialMLP([3, 2, 4, 1]).symmetry_dimension() == 6
    assert PolynomialMLP([3, 2, 4, 1], bias=True).symmetry_dimension() == 6
    assert PolynomialMLP([3, 2, 4, 1], activation=1).symmetry_dimension() == 4 + 16
    assert PolynomialMLP([3, 2, 4, 1], activation=t ** 2 + t).symmetry_dimension() == 0
    assert PolynomialMLP([2, 2, 3, 1], skip=True).symmetry_dimension() == 3


def test_symmetries_descriptions():
    s = PolynomialMLP([3, 2, 1], activation=2).symmetries()
    assert any(x.startswith("rescalings") for x in s)
    assert any(x.startswith("permutations") for x in s)
    assert any(x.startswith("sign changes") for x in s)
    s3 = PolynomialMLP([3, 2, 1], activation=3).symmetries()
    assert any(x.startswith("rescalings") for x in s3)
    assert not any(x.startswith("sign changes") for x in s3)
    g = PolynomialMLP([3, 2, 1], activation="generic", activation_degree=3).symmetries()
    assert not any(x.startswith("rescalings") for x in g)
    assert any(x.startswith("permutations") for x in g)
    odd = PolynomialMLP([3, 2, 1], activation=t ** 3 + t).symmetries()
    assert any("sigma odd" in x for x in odd)
    assert PolynomialMLP([3, 1], activation=2).symmetries() == []


# -- bias, skip, generic activation -------------------------------------------

def test_bias_inhomogeneous():
    net = PolynomialMLP([2, 1, 2], activation=2, bias=True)
    assert not net.is_homogeneous()
    basis = net.monomial_basis()
    assert len(basis) == binomial(2 + 2, 2)  # all monomials of degree <= 2
    assert basis[-1] == 1
    M = net.neuromanifold()
    # the affine form up to scale (2) + the output weights (2) + output biases (2)
    assert M.dimension() == M.dimension(method="exact") == 6
    assert M.degree() == M.degree(method="exact")


def test_skip_network():
    net = PolynomialMLP([2, 2, 2], activation=2, skip=True)
    assert net.skip_layers() == (1,)
    assert net.symmetry_dimension() == 0
    assert net.ambient_dimension() == 2 * 5  # quadratic and linear monomials
    assert net.neuromanifold().dimension() == 8
    assert PolynomialMLP([2, 2, 3, 3, 1], skip=True).skip_layers() == (1, 3)
    assert PolynomialMLP([2, 2, 1], skip=True).neuromanifold().dimension(method="exact") == 5


def test_generic_activation():
    net = PolynomialMLP([2, 2, 1], activation="generic", activation_degree=3)
    s = net.activation()
    assert s.degree() == 3 and s(0) == 0
    assert all(c != 0 for c in list(s)[1:])
    assert s == generic_activation(3, 0)
    assert net == PolynomialMLP([2, 2, 1], activation="generic", activation_degree=3, activation_seed=0)
    assert net != PolynomialMLP([2, 2, 1], activation="generic", activation_degree=3, activation_seed=1)
    # monomials of degrees 1..3 in two variables
    assert net.ambient_dimension() == 2 + 3 + 4
    # no rescaling symmetry: 6 parameters, dimension 6 (t^3 gives only 4)
    assert net.neuromanifold().dimension() == 6 == net.expected_dimension()
    assert PolynomialMLP([2, 2, 1], activation=3).neuromanifold().dimension() == 4


def test_polynomial_activation_normalised():
    S = PolynomialRing(QQ, "s")
    s = S.gen()
    assert PolynomialMLP([2, 2, 1], activation=s ** 2) == PolynomialMLP([2, 2, 1], activation=2)
    ZS = PolynomialRing(ZZ, "u")  # integer coefficients are accepted
    u = ZS.gen()
    net = PolynomialMLP([2, 2, 1], activation=u ** 2 + u)
    assert net.activation() == t ** 2 + t
    assert not net.has_monomial_activation()


# -- subnetworks --------------------------------------------------------------

def test_subnetworks():
    subs = PolynomialMLP([3, 2, 3, 1], activation=3, bias=True).subnetworks()
    assert subs == [PolynomialMLP([3, 1, 3, 1], activation=3, bias=True),
                    PolynomialMLP([3, 2, 2, 1], activation=3, bias=True)]
    assert PolynomialMLP([2, 2, 2, 1], skip=True).subnetworks() == [
        PolynomialMLP([2, 1, 2, 1]), PolynomialMLP([2, 2, 1, 1], skip=True)]
    assert PolynomialMLP([2, 1, 1]).subnetworks() == []
    g = PolynomialMLP([2, 2, 1], activation="generic", activation_degree=2, activation_seed=5)
    assert g.subnetworks()[0].activation() == g.activation()


# -- bad input ----------------------------------------------------------------

@pytest.mark.parametrize("act, err", [
    (0, ValueError), (-2, ValueError), (2.5, TypeError), (2.0, TypeError), (True, TypeError),
    ("relu", ValueError), (None, TypeError),
    (PolynomialRing(QQ, "a,b").gen(0) ** 2 + PolynomialRing(QQ, "a,b").gen(1), ValueError),
    (T(3), ValueError),
])
def test_bad_activation(act, err):
    with pytest.raises(err, match="activation.*positive integer.*polynomial.*generic"):
        PolynomialMLP([2, 2, 1], activation=act)


def test_bad_generic_and_flags():
    with pytest.raises(ValueError, match="activation_degree"):
        PolynomialMLP([2, 2, 1], activation="generic")
    with pytest.raises(ValueError, match="activation_degree"):
        PolynomialMLP([2, 2, 1], activation="generic", activation_degree=0)
    with pytest.raises(ValueError, match="only used with activation='generic'"):
        PolynomialMLP([2, 2, 1], activation=2, activation_degree=3)
    with pytest.raises(ValueError, match="skip connections need equal consecutive widths"):
        PolynomialMLP([2, 3, 1], skip=True)
    with pytest.raises(TypeError, match="bias"):
        PolynomialMLP([2, 2, 1], bias=1)
    with pytest.raises(ValueError, match="widths"):
        PolynomialMLP([2, 0, 1])
    with pytest.raises(ValueError, match="theta must have"):
        PolynomialMLP([2, 2, 1]).evaluate([1, 2])


# -- performance --------------------------------------------------------------

def test_expansion_is_fast():
    net = PolynomialMLP([3, 3, 3], activation=2)
    start = time.time()
    F = net.coordinate_functions()
    assert time.time() - start < 2
    assert len(F) == 3 * 6
    start = time.time()
    PolynomialMLP([3, 3, 3, 3], activation=2, bias=True).coordinate_functions()
    assert time.time() - start < 2
