"""Exact membership in the image mu(C^N) (sage_neuro.invariants.image_membership)."""
import pytest

from sage.rings.polynomial.polynomial_ring_constructor import PolynomialRing
from sage.rings.rational_field import QQ

from sage_neuro import LinearNetwork, PolynomialCNN
from sage_neuro.invariants.image_membership import ImageMembership, in_image
from sage_neuro.invariants.multiplicity import boundary_limit_points

t = PolynomialRing(QQ, "t").gen()
CUBIC = t ** 3 - 2 * t ** 2 + 3 * t


def _values_need_part(net, degree):
    # independent of in_image: every coordinate of mu lies in the radical of
    # the ideal of its coordinates of the given degree, so a value of mu
    # whose part of that degree vanishes is 0 (exact, over QQ)
    basis = net.monomial_basis()
    F = net.coordinate_functions()
    J = net.parameter_ring().ideal([g for g, m in zip(F, basis) if m.degree() == degree]).radical()
    return all(g in J for g in F), [m.degree() == degree for m in basis]


def test_values_and_non_values_linear():
    net = LinearNetwork([2, 1, 2])
    m = in_image(net, [1, 2, 2, 4])
    assert isinstance(m, ImageMembership) and m and m.fiber_dimension == 1
    assert m.provenance.method == "proved" and m.provenance.seconds >= 0
    # off the closure (det != 0), hence off the image
    assert not in_image(net, [1, 0, 0, 1])
    assert in_image(net, [0, 0, 0, 0]).fiber_dimension == 2


@pytest.mark.parametrize("filters, strides", [([2, 2], None), ([2, 2], [2, 1]), ([2, 3], None), ([3, 2], None)])
def test_cnn_limit_points_are_not_values(filters, strides):
    net = PolynomialCNN(filters, strides=strides, activation=CUBIC)
    # values (random, sparse, zero) are in the image, with finite or positive-dimensional fibers
    for seed in range(2):
        m = in_image(net, net.evaluate(net.random_parameters(seed=seed)))
        assert m.value and m.fiber_dimension == 0
    assert in_image(net, [0] * net.ambient_dimension()).fiber_dimension > 0
    sparse = [0] + list(net.random_parameters(seed=3))[1:]
    assert in_image(net, net.evaluate(sparse))
    # the linear limits (bottom term) have no cubic part, the cubic ones (top
    # term) no linear part: by the radical argument neither is a value (the
    # linear part of mu is sigma'(0) (w2 * w1) . x, zero only if a filter is);
    # in_image says the same, exactly
    proved_top, is_top = _values_need_part(net, 3)
    proved_linear, is_linear = _values_need_part(net, 1)
    assert proved_top and proved_linear
    for desc, p in boundary_limit_points(net, count=2):
        m = in_image(net, p)
        assert not m.value and m.fiber_dimension is None
        missing = is_top if "bottom" in desc else is_linear
        assert any(x != 0 for x in p) and all(x == 0 for x, gone in zip(p, missing) if gone)


def test_top_term_limit_of_quadratic_cnn():
    # mu(w1, w2) = (w2 w1^2, w2 w1) for the CNN [1, 1] with t^2 + t: (12, 0)
    # needs w2 w1 = 0 and w2 w1^2 = 12, impossible; (4, 2) = mu(2, 1)
    net = PolynomialCNN([1, 1], activation=t ** 2 + t)
    assert [str(d) for d, _ in boundary_limit_points(net, count=1)][0].startswith("layers 1-2, top")
    assert not in_image(net, [12, 0]) and not in_image(net, [0, 6])
    assert in_image(net, [4, 2]).fiber_dimension == 0
    assert "NOT in mu(C^2)" in repr(in_image(net, [12, 0]))


def test_bad_input():
    net = PolynomialCNN([1, 1], activation=t ** 2 + t)
    with pytest.raises(ValueError, match="point must have 2 entries"):
        in_image(net, [1, 2, 3])
    with pytest.raises(TypeError, match="rational entries"):
        in_image(net, [QQ(1), 1 + 2j])
    with pytest.raises(TypeError, match="point must contain numbers"):
        in_image(net, [1, "a"])
    with pytest.raises(TypeError, match="net must be an Architecture"):
        in_image(None, [1, 2])
