"""LinearNetwork: the parametrization, evaluation, symmetries, fibers, bad input."""
import numpy as np
import pytest

from sage.rings.rational_field import QQ
from sage.rings.finite_rings.finite_field_constructor import GF
from sage_neuro import LinearNetwork


@pytest.mark.parametrize("widths", [[4, 2, 3], [5, 2, 4, 3], [2, 3, 2], [3, 3], [1, 1, 1, 1]])
def test_parametrization_is_the_matrix_product(widths):
    net = LinearNetwork(widths)
    theta = net.random_parameters(seed=7)
    E = net.end_to_end_matrix(theta)
    assert E.dimensions() == (widths[-1], widths[0])
    assert list(net.evaluate(theta)) == E.list()
    mu = net.parametrization()
    assert mu.domain() is net.coordinate_ring() and mu.codomain() is net.parameter_ring()
    # the ring map, evaluated at theta, agrees with evaluate()
    assert [mu(c)(*theta) for c in net.coordinate_ring().gens()] == E.list()


def test_counts():
    net = LinearNetwork([5, 2, 4, 3])
    assert net.num_parameters() == 5 * 2 + 2 * 4 + 4 * 3
    assert net.ambient_dimension() == 15
    # GL(2) x GL(4) has dimension 4 + 16, but its generic stabilizer has
    # dimension 2 (GL(4) on a layer wider than its bottleneck-2 input)
    assert net.symmetry_dimension() == 4 + 16 - 2
    assert net.expected_dimension() == 12
    assert net.neuromanifold().dimension() == 2 * (3 + 5 - 2)


def test_jacobian_matches_finite_differences():
    net = LinearNetwork([3, 2, 2])
    theta = [QQ(x) for x in net.random_parameters(seed=3)]
    J = net.jacobian(theta)
    f0 = net.evaluate(theta)
    for j in range(net.num_parameters()):
        th = list(theta)
        th[j] += 1
        # mu is affine-linear in each single parameter
        assert net.evaluate(th) - f0 == J.column(j)


def test_numpy_theta_is_accepted():
    net = LinearNetwork([2, 1, 2])
    v = net.evaluate(np.array([1.0, 2.0, 3.0, 4.0]))
    assert [float(x) for x in v] == [3.0, 6.0, 4.0, 8.0]


def test_modular_parameter_ring():
    net = LinearNetwork([2, 2])
    assert net.parameter_ring(GF(7)).base_ring() is GF(7)
    assert all(f.parent().base_ring() is GF(7) for f in net.coordinate_functions(GF(7)))


def test_generic_fiber_is_a_gl_orbit():
    net = LinearNetwork([3, 2, 3])
    F = net.fiber(net.random_parameters(seed=1))
    assert F.dimension() == net.symmetry_dimension() == 4
    assert len(F.components()) == 1


def test_subnetworks():
    assert LinearNetwork([5, 2, 4, 3]).subnetworks() == [LinearNetwork([5, 1, 4, 3]),
                                                         LinearNetwork([5, 2, 3, 3])]


@pytest.mark.parametrize("widths, exc, match", [
    ([4], ValueError, "at least 2 widths"),
    ([], ValueError, "at least 2 widths"),
    ([4, 0, 3], ValueError, "positive integers; got 0 at position 1"),
    ([4, -2, 3], ValueError, "positive integers"),
    ([4, 2.5, 3], TypeError, "positive integers; got 2.5"),
    ([4, "2", 3], TypeError, "positive integers"),
    ("423", TypeError, "list or tuple"),
    (5, TypeError, "list or tuple"),
    ([4, True], TypeError, "positive integers"),
])
def test_bad_widths(widths, exc, match):
    with pytest.raises(exc, match=match):
        LinearNetwork(widths)


@pytest.mark.parametrize("theta, exc, match", [
    ([1, 2, 3], ValueError, "4 entries"),
    ([1, 2, 3, 4, 5], ValueError, "4 entries"),
    ([1, "a", 3, 4], TypeError, "numbers; entry 1"),
    ("1234", TypeError, "list of 4 numbers"),
    (None, TypeError, "list of 4 numbers"),
])
def test_bad_theta(theta, exc, match):
    net = LinearNetwork([2, 1, 2])
    with pytest.raises(exc, match=match):
        net.evaluate(theta)
    with pytest.raises(exc, match=match):
        net.fiber(theta)


def test_bad_method_and_data():
    M = LinearNetwork([2, 1, 2]).neuromanifold()
    with pytest.raises(ValueError, match="method must be one of"):
        M.degree(method="fast")
    with pytest.raises(ValueError, match="data must have 4 entries"):
        M.ed_degree(data=[1, 2])


def test_one_parameter_and_one_coordinate():
    # one parameter or one coordinate still gives multivariate rings
    net = LinearNetwork([1, 1])
    assert net.parameter_ring().ngens() == 1 and net.coordinate_ring().ngens() == 1
    assert str(net.output_polynomials()) == "[w1_0_0*x0]"
    assert net.neuromanifold().dimension() == 1
