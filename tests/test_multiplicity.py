"""Local multiplicities from the parametrization, and Sing(M) vs subnetworks
without the implicit ideal (sage_neuro.invariants.multiplicity)."""
import pytest

from sage.arith.misc import binomial

from sage.rings.polynomial.polynomial_ring_constructor import PolynomialRing
from sage.rings.rational_field import QQ

from sage_neuro import LinearNetwork, PolynomialCNN, PolynomialMLP
from sage_neuro.invariants.multiplicity import (
    boundary_limit_points, check_singularities_by_parametrization, double_point_locus,
    image_dimension, local_multiplicity)

t = PolynomialRing(QQ, "t").gen()
#: generic cubic activation with sigma(0) = 0 (fixed small integer coefficients)
CUBIC = t ** 3 - 2 * t ** 2 + 3 * t


def _mult(net, theta=None, point=None):
    return local_multiplicity(net, theta, point=point).value


def test_determinantal_cubic():
    # 3x3 matrices of rank <= 2 (deg 3): rank 2 smooth, rank 1 double, 0 triple
    net = LinearNetwork([3, 2, 3])
    rank1 = [1, 2, 3, 0, 0, 0, 1, 1, 1, 0, 0, 0]   # A = [[1,2,3],[0,0,0]], B = [[1,0],[1,0],[1,0]]
    assert net.evaluate(rank1) is not None
    assert _mult(net, rank1) == 2
    assert _mult(net, net.random_parameters(seed=5)) == 1
    assert _mult(net, [0] * 12) == 3
    m = local_multiplicity(net, rank1, seeds=(3, 4, 5))
    assert m.provenance.method == "modular" and m.provenance.seeds == (3, 4, 5)
    assert m.degree == net.neuromanifold().degree()


def test_point_off_the_variety_has_multiplicity_zero():
    net = LinearNetwork([2, 1, 2])
    assert _mult(net, point=[1, 0, 0, 1]) == 0
    assert _mult(net, point=[1, 2, 2, 4]) == 1


@pytest.mark.parametrize("r, degree", [(2, 4), (3, 6)])
def test_monomial_cnn_singular_only_at_vertex(r, degree):
    # cone over a smooth Segre-Veronese variety; known degree (|k|-L)! r^(k_1-1) = 2r
    net = PolynomialCNN([2, 2], activation=r)
    assert _mult(net, [0, 0, 1, 1]) == degree
    for theta in ([1, 2, 3, 5], [1, 0, 3, 5], [0, 2, 3, 5], [2, 3, 0, 1]):
        assert _mult(net, theta) == 1


def test_cuspidal_mlp():
    # mu(w1, w2) = (w1^3 w2, w1^2 w2, w2): the surface c2^3 = c3^2 c0, a cusp
    # times a line along w1 = 0 (multiplicity 2), triple at the origin
    net = PolynomialMLP([1, 1, 1], activation=1 + t ** 2 + t ** 3)
    assert _mult(net, [0, 1]) == 2
    assert _mult(net, [2, 3]) == 1
    assert _mult(net, [0, 0]) == 3


def test_image_dimension_exact():
    net = PolynomialCNN([2, 2], activation=CUBIC)
    R = net.parameter_ring()
    f10, f11, f20, f21 = R.gens()
    assert image_dimension(net, R.ideal([f10, f21])) == 2
    assert image_dimension(net, R.ideal([f10])) == 3
    assert image_dimension(net, R.ideal([f20, f21])) == 0


def test_cnn_22_cubic_certificate():
    net = PolynomialCNN([2, 2], activation=CUBIC)
    C = check_singularities_by_parametrization(net)
    # the linear functions sigma'(0) (w2 * w1) . x on the boundary are
    # singular points of the closure, in no subnetwork image, and not values
    # of mu (exact): on the image Sing lies strictly inside the subnetworks
    assert C.relation() == C.relation("image") == "Sing inside subnetworks"
    assert C.relation("closure") == "incomparable"
    assert C.loci_in_subnetworks()
    assert [(m, subs, inside) for d, m, subs, inside in C.boundary if "bottom" in d] == [(2, [], False)] * 2
    assert all(m == 1 and not inside for d, m, _, inside in C.boundary if "top" in d)
    assert C.boundary_singular() == [] and len(C.boundary_singular("closure")) == 2
    assert [M.provenance.method for M in C.image_memberships] == ["proved"] * 4
    text = "\n".join(C.lines())
    assert "Sing inside subnetworks on the image mu(C^4); incomparable on the closure" in text
    assert text.count("in mu(C^4): no") == 4 and "not a point of the image [proved]" in text
    d = C.as_dict()
    assert (d["relation"], d["relation_closure"]) == ("Sing inside subnetworks", "incomparable")
    assert [b[3] for b in d["boundary"]] == [False] * 4
    with pytest.raises(ValueError, match="where must be 'image'"):
        C.relation("inside")
    # the one-tap-zero subnetworks are generically smooth, the zero function is the vertex
    assert [ms for _, _, ms in C.subnetworks] == [[1, 1]] * 4 + [[C.degree]]
    # Sing = {0} and the closure of c sigma(a x1): filters with different zero taps
    sing = sorted((Z.image_dimension, tuple(map(str, Z.ideal.gens())), Z.multiplicity)
                  for Z in C.singular_loci())
    assert sing == [(0, ("f1_0", "f1_1"), 24), (0, ("f2_0", "f2_1"), 24),
                    (2, ("f1_0", "f2_1"), 2), (2, ("f1_1", "f2_0"), 2)]
    # the two sparse filter pairs compute the same function (the double point)
    a, c = QQ(3), QQ(-2)
    assert net.evaluate([0, a, c, 0]) == net.evaluate([a, 0, 0, c])
    # the same through the checker's hook
    D = net.check_singularities_are_subnetworks(method="parametrization")
    assert (D.relation(), D.relation("closure")) == (C.relation(), C.relation("closure"))


def test_double_point_locus_cnn():
    comps = double_point_locus(PolynomialCNN([2, 2], strides=[2, 1], activation=CUBIC))
    assert sorted(Z.image_dimension for Z in comps) == [0, 0]


def test_boundary_points_are_on_the_closure():
    net = PolynomialCNN([2, 2], activation=CUBIC)
    mults = [(d.split(",")[1].strip(), _mult(net, point=p)) for d, p in boundary_limit_points(net, count=2)]
    assert mults == [("top term", 1)] * 2 + [("bottom term", 2)] * 2
    # without a linear term in sigma the bottom limits are smooth points
    C = check_singularities_by_parametrization(PolynomialCNN([2, 2], activation=t ** 3 + t ** 2))
    assert C.relation() == C.relation("closure") == "Sing inside subnetworks"
    assert not C.boundary_singular("closure")
    # the limits are still not values of mu
    assert not any(inside for _, _, _, inside in C.boundary)


def test_multiplicity_agrees_with_jacobian_criterion():
    # independent second method: rank of the Jacobian of the exact implicit
    # ideal at the same points (sigma = t^2 + t, where the ideal is cheap)
    from sage.matrix.constructor import matrix
    net = PolynomialCNN([2, 2], activation=t ** 2 + t)
    M = net.neuromanifold()
    I = M.ideal(timeout=120)
    J = [[g.derivative(x) for x in I.ring().gens()] for g in I.gens()]
    codim = M.ambient_dimension() - M.dimension()
    points = [p for _, p in boundary_limit_points(net, count=1)]
    points += [net.evaluate(th) for th in ([1, 2, 3, 5], [1, 0, 3, 5], [0, 2, 3, 0], [0, 0, 1, 1])]
    for p in points:
        p = list(p)
        assert all(g(*p) == 0 for g in I.gens())
        singular = matrix(QQ, [[d(*p) for d in row] for row in J]).rank() < codim
        assert singular == (_mult(net, point=p) > 1)


def test_bad_input():
    with pytest.raises(ValueError, match="generically finite"):
        check_singularities_by_parametrization(LinearNetwork([2, 1, 2]))
    with pytest.raises(ValueError, match="exactly one of theta"):
        local_multiplicity(LinearNetwork([2, 1, 2]), [1, 2, 3, 4], point=[1, 2, 3, 4])
    with pytest.raises(ValueError, match="prime"):
        local_multiplicity(LinearNetwork([2, 1, 2]), [1, 2, 3, 4], prime=32002)
    with pytest.raises(TypeError, match="net must be"):
        local_multiplicity("cnn", [1])
    with pytest.raises(TypeError, match="PolynomialCNN"):
        boundary_limit_points(LinearNetwork([2, 1, 2]))


@pytest.mark.parametrize("filters, strides", [
    pytest.param([3, 2], None, marks=pytest.mark.slow),   # about 30 s
    ([2, 3], None),                                       # about 5 s
    ([2, 2], [2, 1])])                                    # under 1 s
def test_generic_cubic_cnns(filters, strides):
    net = PolynomialCNN(filters, strides=strides, activation=CUBIC)
    C = check_singularities_by_parametrization(net)
    assert C.loci_in_subnetworks()
    assert not C.singular_contains_subnetworks()
    # the only singular boundary samples are the linear functions (bottom
    # term), of multiplicity the number of splittings of the end-to-end
    # filter (stride 1), smooth with stride 2
    bottom = [m for d, m, _, _ in C.boundary if "bottom" in d]
    if strides is None:
        assert bottom == [binomial(sum(filters) - 2, filters[0] - 1)] * 2
        assert C.relation("closure") == "incomparable"
    else:
        assert bottom == [1, 1] and C.relation("closure") == "Sing inside subnetworks"
    assert all(m == 1 for d, m, _, _ in C.boundary if "top" in d)
    # no sampled limit point is a value of mu (exact): on the neuromanifold
    # itself Sing lies strictly inside the subnetwork images
    assert not any(inside for _, _, _, inside in C.boundary)
    assert C.relation() == "Sing inside subnetworks"
    # every double-point component of positive image dimension pairs two
    # filters with different zero taps, and its image is singular (2 branches)
    for Z in C.loci:
        if Z.image_dimension > 0:
            assert len(Z.subnetworks) == 2 and Z.multiplicity == 2


@pytest.mark.parametrize("strides, sigma", [([1, 1], CUBIC), ([2, 1], CUBIC), ([1, 1], t ** 3 + t ** 2)])
def test_nonproper_locus_proves_the_image_containment(strides, sigma):
    # mu is not proper over the pure top-degree limits and (sigma'(0) != 0)
    # the linear functions; their preimages are w1 = 0 or w2 = 0, so on the
    # image Sing(M) lies in the subnetwork images: proved, not sampled
    from sage_neuro.invariants.multiplicity import nonproper_locus
    net = PolynomialCNN([2, 2], strides=strides, activation=sigma)
    S, components = nonproper_locus(net)
    assert S.dimension() == 3
    R = net.parameter_ring()
    assert sorted(Z.ideal for Z in components) == sorted([R.ideal(R.gens()[:2]), R.ideal(R.gens()[2:])])
    assert all(Z.image_dimension == 0 for Z in components)
    C = check_singularities_by_parametrization(net, nonproper=True)
    assert C.image_containment_proved() and C.relation() == "Sing inside subnetworks"
    assert any("so Sing(M) in mu(C^4) lies in their images and in subnetwork images [proved]" in line
               for line in C.lines())
    # a linear function (a bottom-term limit) lies in V(S) when sigma'(0) != 0
    linear = [p for d, p in boundary_limit_points(net, count=1) if "bottom" in d]
    for p in linear:
        assert all(g(*p) == 0 for g in S.gens())
