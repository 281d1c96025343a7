"""Generic fibers vs symmetry orbits, and fibers at special points."""
import pytest

from sage.rings.polynomial.polynomial_ring_constructor import PolynomialRing
from sage.rings.rational_field import QQ
from sage_neuro import LightningSelfAttention, LinearNetwork, PolynomialCNN, PolynomialMLP
from sage_neuro.invariants.identifiability import (OrbitCheck, check_generic_fiber_is_orbit,
                                                   orbit_component_count)

t = PolynomialRing(QQ, "t").gen()


@pytest.mark.parametrize("net, dim, comps", [
    (LinearNetwork([3, 2, 3]), 4, 1),                       # GL(2)
    (PolynomialMLP([2, 2, 1], activation=3), 2, 2),         # rescalings x 2! permutations
    (PolynomialMLP([1, 2, 1], activation="generic", activation_degree=4), 0, 2),
    (PolynomialMLP([2, 2, 1], activation=t**3 + t), 0, 8),  # odd sigma: 2! x 2^2 signs
    (PolynomialCNN([2, 2]), 1, 1),                          # filter rescaling
    (PolynomialCNN([2, 2], activation=t**2 + t), 0, 1),
    (LightningSelfAttention(2, 2, 1, 2), 5, 1),             # GL(a) and a rescaling
])
def test_generic_fiber_is_orbit(net, dim, comps):
    R = net.check_generic_fiber_is_orbit()
    assert isinstance(R, OrbitCheck)
    assert R.is_orbit, R
    assert R.fiber_dimension == dim == net.symmetry_dimension()
    assert R.fiber_components == comps == orbit_component_count(net)
    assert R.provenance.method == "exact_random" and R.provenance.seeds == (0,)
    assert "theta" in R.provenance.choices and not R.provenance.is_proved()


def test_defective_mlp_is_not_identifiable():
    # [3, 2, 1] with x^2: symmetric matrices of rank <= 2 (dimension 5, not 6):
    # the generic fiber is 3-dimensional, larger than the rescaling orbit
    R = PolynomialMLP([3, 2, 1]).check_generic_fiber_is_orbit(seed=4)
    assert not R.is_orbit
    assert R.fiber_dimension == 3 and R.orbit_dimension == 2
    assert "fiber dimension 3 > orbit dimension 2" in R.reason


def test_fiber_dimension_matches_neuromanifold_dimension():
    # independent second method: dim fiber = #parameters - dim M (generic point)
    for net in (LinearNetwork([3, 2, 3]), PolynomialMLP([2, 2, 1], activation=3)):
        R = net.check_generic_fiber_is_orbit(seed=2)
        assert R.fiber_dimension == net.num_parameters() - net.neuromanifold().dimension()


def test_special_fiber_at_a_subnetwork_point():
    # outgoing weight of the second neuron zero: the function (x0 + 2 x1)^2 of
    # the subnetwork [2, 1, 1]; its fiber is larger than the generic one
    net = PolynomialMLP([2, 2, 1])
    F = net.fiber([1, 2, 3, 5, 1, 0])
    assert F.dimension() == 3 > 2
    comps = F.components()
    assert F.number_of_components() == len(comps) == 3
    D = F.primary_decomposition()
    assert len(F.primary_decomposition(embedded=False)) == len([c for c in D if not c[2]])
    assert sorted(P for _, P, e in D if not e) == sorted(comps)
    assert not net.check_generic_fiber_is_orbit(theta=[1, 2, 3, 5, 1, 0]).is_orbit


def test_special_fiber_of_the_zero_function():
    # [1, 2, 1] with x^3 at a point computing 0: the fiber is the hypersurface
    # v1 w1^3 + v2 w2^3 = 0; for [1, 1, 1] with x^2 it is w^2 v = 0, with a
    # non-reduced primary component (w^2)
    F = PolynomialMLP([1, 2, 1], activation=3).fiber([1, 1, 1, -1])
    assert F.dimension() == 3 and F.number_of_components() == 1
    net = PolynomialMLP([1, 1, 1])
    D = net.fiber([0, 1]).primary_decomposition()
    w, v = net.parameter_ring().gens()
    assert sorted((Q.gens(), P.gens(), e) for Q, P, e in D) == sorted(
        [([w ** 2], [w], False), ([v], [v], False)])


def test_bad_input():
    with pytest.raises(ValueError, match="theta must have 4 entries"):
        check_generic_fiber_is_orbit(PolynomialCNN([2, 2]), theta=[1, 2])
    with pytest.raises(TypeError, match="rational entries"):
        check_generic_fiber_is_orbit(PolynomialCNN([2, 2]), theta=[1, 2, 3, 1j])
    with pytest.raises(TypeError, match="net must be an Architecture"):
        check_generic_fiber_is_orbit([2, 2])
