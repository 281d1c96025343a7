"""Critical points of the ED loss in function space (sage_neuro.optimization)."""
import numpy
import pytest

from sage_neuro import LinearNetwork, PolynomialMLP
from sage_neuro.optimization import loss_critical_points


def _svd_check(widths, target):
    m, n = widths[-1], widths[0]
    C = loss_critical_points(LinearNetwork(widths), target)
    s = numpy.linalg.svd(numpy.array(target, dtype=float).reshape(m, n), compute_uv=False)
    k = min(m, n)
    assert C.complex_count == k and C.real_count == k
    assert C.type_counts() == {"local min": 1, "saddle": k - 1}
    # Eckart-Young: the critical points are sigma_i u_i v_i^T, at squared
    # distance sum_{j != i} sigma_j^2; the minimum keeps sigma_1
    expected = sorted(sum(s ** 2) - s[i] ** 2 for i in range(k))
    got = [P.squared_distance for P in C.points]
    assert numpy.allclose(got, expected, rtol=1e-9)
    best = C.minima()[0]
    assert best is C.points[0]
    U, S, Vt = numpy.linalg.svd(numpy.array(target, dtype=float).reshape(m, n))
    rank1 = S[0] * numpy.outer(U[:, 0], Vt[0])
    assert numpy.allclose(numpy.array(best.point).reshape(m, n), rank1, atol=1e-9)
    assert all(P.real_preimage for P in C.points)
    return C


def test_eckart_young_2x2():
    C = _svd_check([2, 1, 2], [3, 1, 2, 5])
    assert C.provenance.method == "exact_random" and C.seed == 0 and C.seconds >= 0
    assert "slice" in C.provenance.note


def test_eckart_young_3x3():
    _svd_check([3, 1, 3], [1, 2, 0, 0, 3, 1, 2, 0, 5])


def test_special_target_diagonal():
    # diag(1, 2): the coordinate slice alone misses diag(1, 0); the affine
    # slice finds it
    C = loss_critical_points(LinearNetwork([2, 1, 2]), [1, 0, 0, 2])
    assert (C.complex_count, C.real_count) == (2, 2)
    assert [round(P.squared_distance, 9) for P in C.points] == [1, 4]


def test_cone_of_squares_four_or_two_real():
    # Kohn's landscape example: w (a x + b y)^2, ED degree 4 in the
    # coefficient coordinates; 4 or 2 real critical points
    net = PolynomialMLP([2, 1, 1], activation=2)
    ed = net.neuromanifold().ed_degree()
    four = loss_critical_points(net, [10, 1, 9])
    two = loss_critical_points(net, [3, 1, 2], method="numerical")
    assert four.complex_count == two.complex_count == ed == 4
    assert four.real_count == 4 and four.type_counts() == {"local min": 2, "saddle": 2}
    assert two.real_count == 2 and two.type_counts() == {"local min": 1, "saddle": 1}
    # every critical point lies on x1^2 = 4 x0 x2 and is critical:
    # u - p is orthogonal to the tangent plane, i.e. parallel to the gradient
    for C, u in ((four, [10, 1, 9]), (two, [3, 1, 2])):
        for P in C.points:
            x0, x1, x2 = P.point
            assert abs(x1 ** 2 - 4 * x0 * x2) < 1e-8
            grad = numpy.array([-4 * x2, 2 * x1, -4 * x0])
            assert numpy.linalg.norm(numpy.cross(numpy.array(u) - P.point, grad)) < 1e-8
    # with w fixed > 0 on the coordinate slice, the negative nappe is
    # reached only through non-real parameters; the point is still counted
    C = loss_critical_points(net, [1, 5, -2], slices=1)
    assert C.real_count == 2 and C.type_counts() == {"local min": 2}
    assert sorted(P.real_preimage for P in C.points) == [False, True]


def test_twisted_cubic_cone():
    net = PolynomialMLP([2, 1, 1], activation=3)
    C = loss_critical_points(net, [1, 2, -1, 3], slices=1)
    assert C.complex_count == net.neuromanifold().ed_degree() == 7
    assert C.real_count == 3


def test_bad_target():
    with pytest.raises(ValueError, match="target"):
        loss_critical_points(LinearNetwork([2, 1, 2]), [1, 2, 3])
    with pytest.raises(ValueError, match="method"):
        loss_critical_points(LinearNetwork([2, 1, 2]), [1, 2, 3, 4], method="modular")
