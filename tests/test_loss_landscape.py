"""MSE loss by reduction to ED, spurious critical points, parameter-space types."""
import numpy
import pytest

from sage.rings.rational_field import QQ
from sage.rings.polynomial.polynomial_ring_constructor import PolynomialRing
from sage.matrix.constructor import matrix

from sage_neuro import LinearNetwork, PolynomialMLP
from sage_neuro.optimization.mse import SampledNetwork, mse_critical_points
from sage_neuro.optimization.spurious import parameter_critical_locus
from sage_neuro.optimization.training import gradient_descent

# the quadrics w (a x + b y)^2: Kohn's landscape example
SQUARES = PolynomialMLP([2, 1, 1])


def _weighted_ed_count(Q, cstar):
    # independent route: Lagrange equations of (c - c*)^T Q (c - c*) on the
    # cone B^2 = 4 A C, in Singular, distinct solutions off the vertex
    R = PolynomialRing(QQ, "A,B,C,l")
    A, B, C, l = R.gens()
    g = B ** 2 - 4 * A * C
    c = matrix(R, 3, 1, [A - cstar[0], B - cstar[1], C - cstar[2]])
    grad = [g.derivative(v) for v in (A, B, C)]
    Qc = matrix(R, Q) * c
    I = R.ideal([g] + [Qc[i, 0] - l * grad[i] for i in range(3)])
    I = I.saturation(R.ideal([A, B, C]))[0]
    return I.radical().vector_space_dimension(), I


def test_mse_three_samples_weighted_ed():
    # V square: the data are fitted exactly by c* = V^-1 y, and the loss is
    # the distance from c* in the metric Q = V^T V
    X = [[1, 0], [0, 1], [1, 1]]
    y = [10, 9, 20]
    S = SampledNetwork(SQUARES, X)
    V = S.evaluation_matrix()
    cstar = V.solve_right(matrix(QQ, 3, 1, y)).column(0)
    n, _ = _weighted_ed_count(V.transpose() * V, cstar)
    C = mse_critical_points(SQUARES, X, y)
    assert C.complex_count == n == 2
    assert numpy.allclose(C.points[0].function[1] ** 2, 4 * C.points[0].function[0] * C.points[0].function[2])


def test_mse_four_samples_and_gradient_descent():
    X = [[1, 0], [0, 1], [1, 1], [1, -1]]
    y = [10, 9, 20, 18]
    C = SQUARES.loss_critical_points((X, y), loss="mse")
    S = SampledNetwork(SQUARES, X)
    V = S.evaluation_matrix()
    Q = V.transpose() * V
    cstar = (Q.inverse() * V.transpose() * matrix(QQ, 4, 1, y)).column(0)
    n, _ = _weighted_ed_count(Q, cstar)
    assert C.complex_count == n
    # the loss value of the best critical point = best loss found by GD
    rng = numpy.random.default_rng(3)
    th0 = rng.standard_normal((30, 3))
    R = gradient_descent(S, th0, numpy.tile(numpy.array(y, dtype=float), (30, 1)), 4000, lr=0.002)
    assert abs(R["loss"].min() - C.points[0].squared_distance) < 1e-6


def test_mse_bad_input():
    with pytest.raises(ValueError, match="samples must determine"):
        SampledNetwork(SQUARES, [[1, 0], [2, 0], [3, 0]])
    with pytest.raises(ValueError, match="one per sample"):
        mse_critical_points(SQUARES, [[1, 0], [0, 1], [1, 1]], [1, 2])
    with pytest.raises(ValueError, match="pair"):
        SQUARES.loss_critical_points([1, 2, 3], loss="mse")
    with pytest.raises(ValueError, match="loss must be"):
        SQUARES.loss_critical_points([1, 2, 3], loss="hinge")


def test_spurious_squares_example():
    C = SQUARES.loss_critical_points([10, 1, 9], spurious=True)
    L = C.parameter_locus
    assert L.true_image_points == C.complex_count == 4
    assert len(L.spurious) == 2 and all(c.maps_to_singular and c.image_dimension == 0 for c in L.spurious)
    assert all(not c.maps_to_singular for c in L.true)
    # function-space type agrees with parameter-space type at real preimages
    assert [P.parameter_type for P in C.points if P.real_preimage] == \
        [P.type for P in C.points if P.real_preimage]


def test_spurious_linear_and_mlp():
    L = parameter_critical_locus(LinearNetwork([2, 1, 2]), [3, 1, 2, 5])
    assert L.true_image_points == 2 and len(L.spurious) == 1
    assert L.spurious[0].dimension == 0 and L.spurious[0].maps_to_singular
    # PolynomialMLP [2, 2, 1]: M is the whole space (smooth); spurious
    # components exist (dead or parallel neurons) but map to no singular point
    L = parameter_critical_locus(PolynomialMLP([2, 2, 1]), [3, 1, 2])
    assert L.true_image_points == 1
    assert L.spurious and not any(c.maps_to_singular for c in L.spurious)
