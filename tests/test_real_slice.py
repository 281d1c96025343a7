"""Real slices of neuromanifolds (sage_neuro.invariants.real_slice) and the loss landscape
on the real image (sage_neuro.optimization.real_image): exact membership of samples
against closed formulas (discriminants), the attention singular line leaving and
re-entering the real image (Henry-Marchetti-Kohn, arXiv 2408.17221), bad slices."""
import os

import pytest

from sage.rings.qqbar import AA
from sage.rings.rational_field import QQ

from sage_neuro import LinearNetwork, PolynomialCNN, PolynomialMLP
from sage_neuro.invariants.real_slice import real_slice, slice_membership
from sage_neuro.optimization.real_image import real_image_critical_points
from sage_neuro.reports.atlas import real_slice_examples


def test_cnn_slice_is_the_discriminant_region(tmp_path):
    # x^2 + t1 x + t2 has real roots iff t1^2 >= 4 t2 (closed formula)
    net, base, dirs, _ = real_slice_examples()["cnn"]
    S = real_slice(net, base, dirs, ranges=[(-2, 2), (-1, 1)], steps=5)
    assert S.fills and S.equation is None and S.provenance.method == "proved"
    for t, inside in S.samples:
        assert inside == (t[0] ** 2 >= 4 * t[1]), t
    assert S.boundary and len(S.samples) == 25
    fn = S.plot(str(tmp_path / "cnn.png"))
    assert os.path.getsize(fn) > 0


def test_mlp_cubic_slice_is_sylvester():
    # sums of two real cubes: X^3 + t1 X Y^2 + t2 Y^3 is one iff its discriminant
    # -4 t1^3 - 27 t2^2 is negative, or it is X^3 (Sylvester); three real roots: no
    net, base, dirs, _ = real_slice_examples()["mlp"]
    S = real_slice(net, base, dirs, ranges=[(-2, 2), (-2, 2)], steps=5)
    for (t1, t2), inside in S.samples:
        disc = -4 * t1 ** 3 - 27 * t2 ** 2
        assert inside == (disc < 0 or (t1, t2) == (0, 0)), (t1, t2)
    assert any(v for _, v in S.samples) and not all(v for _, v in S.samples)


def test_algebraic_samples_are_decided_exactly():
    net = PolynomialCNN([2, 2], activation=1)
    r = AA(2).sqrt()
    # x^2 + b x + 1/2 with b = sqrt(2): a double root; just below: complex roots
    assert slice_membership(net, [1, 0, QQ(1) / 2], [[0, 1, 0]], [r])
    assert not slice_membership(net, [1, 0, QQ(1) / 2], [[0, 1, 0]], [r - QQ(1) / 10 ** 6])


@pytest.mark.slow
def test_attention_singular_line_leaves_and_reenters(tmp_path):
    # q0 = X^2 + t1 XY + t2 Y^2, q1 = X^2 + t3 XY + Y^2: singular along t2 = 1, t1 = t3,
    # in the real image exactly for |t1| >= 2; off that line every real point of the
    # resultant surface is in the real image (a common complex factor of real forms
    # comes with its conjugate, which makes them proportional)
    net, base, dirs, ranges = real_slice_examples()["attention"]
    S = real_slice(net, base, dirs, ranges=ranges, steps=7)
    assert not S.fills and S.dimension == 3
    on_line = [(t, v) for t, v in S.singular]
    assert on_line and all(t[1] == 1 and t[0] == t[2] for t, _ in on_line)
    for t, v in on_line:
        assert v == (abs(t[0]) >= 2), t
    for t, v in S.samples:
        if not (t[1] == 1 and t[0] == t[2]):
            assert v, t
    assert len(S.boundary) >= 2
    assert os.path.getsize(S.plot(str(tmp_path / "att.png"))) > 0


def test_bad_slices():
    net = PolynomialMLP([2, 1, 1])
    with pytest.raises(ValueError, match="2 or 3 vectors"):
        real_slice(net, [1, 0, 1], [[1, 0, 0]])
    with pytest.raises(ValueError, match="linearly independent"):
        real_slice(net, [1, 0, 1], [[1, 0, 0], [2, 0, 0]])
    with pytest.raises(ValueError, match="base must have 3 entries"):
        real_slice(net, [1, 0], [[1, 0, 0], [0, 1, 0]])


def test_critical_points_off_the_real_image_and_boundary_minimum():
    # x^2 + 1: the only critical point on the closure (all quadratics) is itself, not
    # in the real image; the nearest quadratics with real roots (1 and x^2, distance 1
    # by Lagrange: on b^2 = 4ac the distance squared is at least 1) lie on the boundary
    R = real_image_critical_points(PolynomialCNN([2, 2], activation=1), [1, 0, 1])
    assert R.in_real_image == [False] and R.certainty == ["proved"]
    assert R.boundary_minimum and abs(R.nearest_distance - 1) < 1e-6
    q = R.nearest
    assert abs(q[1] ** 2 - 4 * q[0] * q[2]) < 1e-6       # on the discriminant
    # the "yes" case: rank-one matrices, every critical point real (Eckart-Young)
    L = real_image_critical_points(LinearNetwork([2, 1, 2]), [3, 1, 2, 5])
    assert L.in_real_image == [True, True] and not L.boundary_minimum
    assert abs(L.nearest_distance - L.census.points[0].distance) < 1e-6
    # rational critical points of w (a x + b y)^2 decided exactly
    M = real_image_critical_points(PolynomialMLP([2, 1, 1]), [1, 0, 1])
    assert M.certainty == ["proved"] * 4 and all(M.in_real_image)
    assert all(row["in real image"] for row in M.table())


def test_voronoi_cells_are_cells_of_the_real_image():
    from sage_neuro.invariants.voronoi import ParametrizedSet, VoronoiCell
    X = ParametrizedSet(PolynomialCNN([2, 2], activation=1))
    with pytest.raises(ValueError, match="not in the real image"):
        VoronoiCell(X, [1, 0, 1], samples=0)
    # a point of the real image (x^2 - 1) has its cell (the closure is the whole space)
    V = VoronoiCell(X, [1, 0, -1], samples=0)
    assert V.dimension == 0
