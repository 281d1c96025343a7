r"""
Polyhedral (l1, l-infinity, general unit ball) distances from data to
neuromanifolds: exact optima and the faces where they land
(``sage_neuro.optimization.polyhedral``).

Closed formulas used as a second route:

- quadrics ``w (a x + b y)^2`` are the binary forms ``(c0, c1, c2)`` with
  ``c1^2 = 4 c0 c2``; moving the data ``u`` along a vertex direction
  ``s = (s0, s1, s2)`` of the cube, ``u + t s`` is on the cone where
  ``(u1 + t s1)^2 - 4 (u0 + t s0)(u2 + t s2) = 0``, a quadratic in ``t``;
- for ``2 x 2`` matrices of rank one and the ``l1`` norm, changing one entry
  ``x`` of ``[[a, b], [c, d]]`` so that the determinant vanishes costs
  ``|det| / |cofactor of x|``.

Every exact value is checked against real parameters: a numerical search
over ``mu(theta)`` (random samples and a pattern search) must not beat it,
and must come close to it (the optimum lies in the real image).
"""

import pytest

from sage.rings.polynomial.polynomial_ring_constructor import PolynomialRing
from sage.rings.qqbar import AA
from sage.rings.rational_field import QQ

from sage_neuro import LinearNetwork, PolynomialMLP
from sage_neuro.optimization.polyhedral import (polyhedral_distance_optima, polyhedral_norm,
                                                sampled_polyhedral_distance, unit_ball)


def quadric_cone():
    R = PolynomialRing(QQ, "c0_0,c0_1,c0_2")
    a, b, c = R.gens()
    return R.ideal([b ** 2 - 4 * a * c])


def rank_one_cone():
    R = PolynomialRing(QQ, "c0_0,c0_1,c1_0,c1_1")
    a, b, c, d = R.gens()
    return R.ideal([b * c - a * d])


def test_unit_balls_and_norms():
    assert tuple(unit_ball("l1", 4).f_vector()) == (1, 8, 24, 32, 16, 1)
    assert unit_ball("linf", 3).n_vertices() == 8
    assert polyhedral_norm([1, -2, 3], unit_ball("l1", 3)) == 6
    assert polyhedral_norm([1, -2, 3], unit_ball("linf", 3)) == 3
    # a hexagon given by vertices: its norm is the max over its 6 facets
    hexagon = [[1, 0], [0, 1], [-1, 1], [-1, 0], [0, -1], [1, -1]]
    assert polyhedral_norm([1, 1], unit_ball(hexagon, 2)) == 2


@pytest.mark.parametrize("ball, message", [
    ([[1, 0], [-1, 0]], "full-dimensional"),
    ([[1, 0], [0, 1], [-1, 0], [0, -1], [1, 1]], "centrally symmetric"),
    ([[2, 0], [0, 1], [-1, 0], [0, -1]], "centrally symmetric"),
    ("l2", "must be one of 'l1', 'linf'"),
    ([[1, 0, 0], [-1, 0, 0]], "entries"),
])
def test_bad_balls(ball, message):
    with pytest.raises(ValueError, match=message):
        unit_ball(ball, 2)


def test_bad_ball_dimension_and_target():
    with pytest.raises(ValueError, match="ambient dimension 2"):
        polyhedral_distance_optima(quadric_cone(), [1, 0, 1], unit_ball("l1", 2))
    with pytest.raises(ValueError, match="target must have 3 entries"):
        polyhedral_distance_optima(quadric_cone(), [1, 0], "l1")
    with pytest.raises(ValueError, match="variety must be"):
        polyhedral_distance_optima("x^2", [1, 0], "l1")


def test_data_on_the_neuromanifold_is_at_distance_zero():
    # the "no" case: nothing to move, the optimum lands at the center
    for ball in ("l1", "linf"):
        D = polyhedral_distance_optima(quadric_cone(), [1, 2, 1], ball)
        assert D.value == 0 and D.face_counts() == {-1: 1} and D.landing_faces() == [None]
        assert D.method == "proved"


def test_quadric_cone_linf_closed_form():
    u = [2, -1, 3]
    D = polyhedral_distance_optima(quadric_cone(), u, "linf")
    # the landing face is a vertex s of the cube: t is the least positive root
    # of the quadratic of the module docstring over the 8 vertices
    T = PolynomialRing(QQ, "t")
    t = T.gen()
    roots = []
    for s in unit_ball("linf", 3).vertices_list():
        q = (u[1] + t * s[1]) ** 2 - 4 * (u[0] + t * s[0]) * (u[2] + t * s[2])
        roots += [r for r in q.roots(AA, multiplicities=False) if r > 0]
    assert D.value == min(roots)
    assert D.value not in QQ          # an algebraic number, kept exactly
    assert D.face_counts() == {0: 1}
    assert D.provenance.method == "proved"
    (P,) = D.optima
    f = P.point
    assert f[1] ** 2 == 4 * f[0] * f[2]
    assert polyhedral_norm([fi - ui for fi, ui in zip(f, u)], D.ball) == D.value


def test_quadric_cone_faces_where_optima_land():
    # x^2 + y^2: two optima (x^2 and y^2) on two vertices of the octahedron;
    # l-infinity: (x^2 +- 2/3 xy ... ) two optima on two vertices of the cube
    D1 = polyhedral_distance_optima(quadric_cone(), [1, 0, 1], "l1")
    assert D1.value == 1 and D1.face_counts() == {0: 2}
    assert sorted(P.point for P in D1.optima) == [(0, 0, 1), (1, 0, 0)]
    Dinf = polyhedral_distance_optima(quadric_cone(), [1, 0, 1], "linf")
    assert Dinf.value == QQ((2, 3)) and Dinf.face_counts() == {0: 2}
    # more critical points than optima, on faces of several dimensions
    assert sum(D1.critical_face_counts().values()) > len(D1.optima)
    # a different face: for (1, 3, 1) the l-infinity optimum is a vertex,
    # and (2, -1, 3) in l1 lands on a vertex too (change the entry 2)
    D = polyhedral_distance_optima(quadric_cone(), [2, -1, 3], "l1")
    assert D.value == QQ((23, 12)) == 2 - QQ(1) / 12
    assert D.optima[0].point == (QQ(1) / 12, -1, 3)


def test_special_data_is_refused():
    # (1, 3, 1): a whole segment of the cone is at l1 distance 1
    with pytest.raises(ValueError, match="special for this ball"):
        polyhedral_distance_optima(quadric_cone(), [1, 3, 1], "l1")


def test_architecture_route_and_sampling_certificate():
    net = PolynomialMLP([2, 1, 1])
    D = polyhedral_distance_optima(net, [1, 0, 1], "linf")
    assert D.value == QQ((2, 3)) and D.face_counts() == {0: 2}
    # the exact values of the tests above, against real parameters: a
    # numerical search never beats them, and comes close (attained in the
    # real image)
    t = PolynomialRing(QQ, "t").gen()
    root = min(r for r in (-3 * t ** 2 + 22 * t - 23).roots(AA, multiplicities=False) if r > 0)
    for u, ball, value in (([1, 0, 1], "linf", QQ((2, 3))), ([1, 0, 1], "l1", 1),
                           ([2, -1, 3], "l1", QQ((23, 12))), ([2, -1, 3], "linf", root)):
        S = sampled_polyhedral_distance(net, u, ball, samples=500, seed=1)
        assert S.method == "numerical"
        assert float(value) - 1e-9 <= S.value <= float(value) + 1e-3


def test_a_general_ball():
    # the octahedron with the extra vertices +-(1, 1, 1): the optimum from
    # (2, -1, 3) moves along -(1, 1, 1), now a vertex of the ball, as for the
    # cube: the same least root of -3 t^2 + 22 t - 23 (closed form)
    ball = [[1, 0, 0], [-1, 0, 0], [0, 1, 0], [0, -1, 0], [0, 0, 1], [0, 0, -1],
            [1, 1, 1], [-1, -1, -1]]
    net = PolynomialMLP([2, 1, 1])
    D = net.loss_critical_points(([2, -1, 3], ball), loss="polyhedral")
    t = PolynomialRing(QQ, "t").gen()
    root = min(r for r in (-3 * t ** 2 + 22 * t - 23).roots(AA, multiplicities=False) if r > 0)
    assert D.value == root and D.face_counts() == {0: 1}
    (F,) = D.landing_faces()
    assert [tuple(v) for v in F.vertices()] == [(-1, -1, -1)]
    S = sampled_polyhedral_distance(net, [2, -1, 3], ball, samples=500, seed=1)
    assert float(root) - 1e-9 <= S.value <= float(root) + 1e-3


@pytest.mark.slow
def test_rank_one_matrices():
    net = LinearNetwork([2, 1, 2])
    u = [3, 1, 2, 5]
    D = polyhedral_distance_optima(net, u, "l1")
    # closed form: one entry changed, |det| / |its cofactor|
    det = u[0] * u[3] - u[1] * u[2]
    assert D.value == min(QQ(abs(det)) / abs(c) for c in u) == QQ((13, 5))
    assert D.face_counts() == {0: 1}
    Dinf = polyhedral_distance_optima(rank_one_cone(), u, "linf")
    assert Dinf.value == QQ((13, 11))
    Dd = polyhedral_distance_optima(rank_one_cone(), [2, 0, 0, 1], "linf")
    assert Dd.value == QQ((2, 3)) and Dd.face_counts() == {0: 2}
    for E, v in ((D, u), (Dinf, u)):
        S = sampled_polyhedral_distance(net, v, E.ball, samples=1000, seed=2)
        assert float(E.value) - 1e-9 <= S.value <= float(E.value) + 1e-3


def test_loss_keyword_of_the_architecture():
    net = PolynomialMLP([2, 1, 1])
    assert net.loss_critical_points([1, 2, 1], loss="l1").value == 0
    with pytest.raises(ValueError, match="pair \\(target, unit ball\\)"):
        net.loss_critical_points([1, 2, 1], loss="polyhedral")
    with pytest.raises(ValueError, match="'l1', 'linf' or 'polyhedral'"):
        net.loss_critical_points([1, 2, 1], loss="wasserstein")
