"""Critical points of mu: the locus where the Jacobian drops rank."""
import pytest

from sage_neuro import LinearNetwork, PolynomialCNN, PolynomialMLP
from sage_neuro.invariants.critical import RankDropComponent, jacobian_rank_drop_locus


def test_linear_212_two_components_to_origin():
    # W2 W1 with a 1-dim bottleneck: rank J < 3 exactly where W1 = 0 or W2 = 0
    net = LinearNetwork([2, 1, 2])
    P = net.parameter_ring()
    comps = jacobian_rank_drop_locus(net)
    assert len(comps) == 2
    assert all(isinstance(C, RankDropComponent) for C in comps)
    w = dict(zip(map(str, P.gens()), P.gens()))
    expected = [P.ideal([w["w1_0_0"], w["w1_0_1"]]), P.ideal([w["w2_0_0"], w["w2_1_0"]])]
    got = [C.ideal() for C in comps]
    assert sorted(got, key=str) == sorted(expected, key=str)
    for C in comps:
        assert C.ideal().ring() is P
        assert C.dimension() == 2
        assert C.image_dimension() == 0
        assert C.fiber_dimension() == 2
        rec = C.provenance()
        assert rec.method == "proved" and "seed 0" in rec.note and rec.certificate


def test_rank_really_drops_on_components():
    # at a random point of each component the numerical Jacobian rank is < d
    net = LinearNetwork([2, 1, 2])
    d = net.neuromanifold().dimension()
    assert net.jacobian([0, 0, 3, 5]).rank() < d
    assert net.jacobian([2, 7, 0, 0]).rank() < d
    assert net.jacobian([2, 7, 3, 5]).rank() == d


def test_full_rank_everywhere():
    # a single linear layer is an isomorphism onto the matrices: no critical points
    assert jacobian_rank_drop_locus(LinearNetwork([2, 2])) == []


def test_mlp_211_and_221():
    # [2,1,1], x^2: w2 * (w1 . x)^2; critical where w2 = 0 (dim 2) or w1 = 0 (dim 1)
    net = PolynomialMLP([2, 1, 1])
    comps = jacobian_rank_drop_locus(net)
    assert sorted((C.dimension(), C.image_dimension()) for C in comps) == [(1, 0), (2, 0)]
    # [2,2,1], x^2: fills the 3-dim space of binary quadratics; critical where
    # det W1 = 0 (image: the squares, dim 2) or W2 = 0 (image: the origin)
    net = PolynomialMLP([2, 2, 1])
    comps = jacobian_rank_drop_locus(net)
    assert sorted((C.dimension(), C.image_dimension(), len(C.ideal().gens())) for C in comps) \
        == [(4, 0, 2), (5, 2, 1)]
    det = [C for C in comps if C.dimension() == 5][0].ideal().gens()[0]
    assert det.degree() == 2


def test_cnn_22():
    # quadratic activation: only the trivial critical points, a filter equal to 0
    net = PolynomialCNN([2, 2])
    comps = jacobian_rank_drop_locus(net, strategy="Cofactor")
    assert sorted((C.dimension(), C.image_dimension()) for C in comps) == [(2, 0), (2, 0)]
    assert all(all(g.degree() == 1 for g in C.ideal().gens()) for C in comps)
    # linear CNN: product of two linear polynomials, critical iff the
    # filters share a root (the resultant, a single quadric)
    lin = PolynomialCNN([2, 2], activation=1)
    comps = jacobian_rank_drop_locus(lin)
    assert [(C.dimension(), C.image_dimension(), [g.degree() for g in C.ideal().gens()])
            for C in comps] == [(3, 2, [2])]


def test_bad_input():
    with pytest.raises(TypeError):
        jacobian_rank_drop_locus("LinearNetwork([2, 1, 2])")
    with pytest.raises(TypeError):
        jacobian_rank_drop_locus([2, 1, 2])
    with pytest.raises(ValueError):
        jacobian_rank_drop_locus(LinearNetwork([2, 1, 2]), strategy="FastMinors")


@pytest.mark.slow
def test_linear_323_determinantal():
    # rank J < 8 exactly where rank W1 <= 1 or rank W2 <= 1, both
    # mapped onto the 3x3 matrices of rank <= 1 (dimension 5)
    net = LinearNetwork([3, 2, 3])
    comps = jacobian_rank_drop_locus(net, timeout=600)
    assert sorted((C.dimension(), C.image_dimension(), len(C.ideal().gens())) for C in comps) \
        == [(10, 5, 3), (10, 5, 3)]
    for C in comps:
        assert all(g.degree() == 2 for g in C.ideal().gens())
        names = {str(v)[:2] for g in C.ideal().gens() for v in g.variables()}
        assert len(names) == 1  # each component involves one layer only
