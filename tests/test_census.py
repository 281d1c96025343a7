"""Census of real critical points across data (sage_neuro.optimization.census)."""
import os

import numpy
import pytest

from sage_neuro import LinearNetwork, PolynomialMLP
from sage_neuro.optimization import loss_critical_points
from sage_neuro.optimization.census import critical_point_census
from sage_neuro.reports.atlas import landscape_census_plot

# the quadrics w (a x + b y)^2: Kohn's landscape example
SQUARES = PolynomialMLP([2, 1, 1])


def test_landscape_plane_counts_and_plot(tmp_path):
    C, f = landscape_census_plot(str(tmp_path), steps=11)
    assert os.path.getsize(f) > 1000
    table = C.count_table()
    # Kohn's picture: 4 complex, 4 or 2 real (2 complex only on the discriminant)
    assert set(table) <= {(4, 4), (4, 2), (2, 2)}
    assert table[(4, 4)] > 0 and table[(4, 2)] > 0
    # the region of 4 real points is bounded by the discriminant: its sign is
    # constant on each region away from it
    g = C.discriminant.parts["collision"]
    signs = {}
    for i, s in enumerate(C.axes[0]):
        for j, t in enumerate(C.axes[1]):
            v = g(s, t)
            if v != 0 and C.complex[i, j] == 4:
                signs.setdefault(int(C.real[i, j]), set()).add(int(v.sign()))
    assert all(len(v) == 1 for v in signs.values()) and signs[4] != signs[2]
    assert "slice route" in C.provenance.note


def test_line_changes_at_discriminant_root():
    C = critical_point_census(SQUARES, [0, 1, 9], [[1, 0, 0]], [(0, 12)], steps=25, checks=1, seed=1)
    ch = C.changes()
    assert len(ch) == 1
    a, b, r0, r1, roots = ch[0]
    assert (r0, r1) == (2, 4) and len(roots) == 1 and a <= roots[0] <= b
    # on both sides of the root, the slice route agrees
    for s, r in ((a, r0), (b, r1)):
        assert loss_critical_points(SQUARES, [s, 1, 9], slices=1).real_count == r


def test_linear_network_line_counts():
    # 2x2 matrices of rank one: 2 real critical points (singular values)
    C = critical_point_census(LinearNetwork([2, 1, 2]), [1, 2, 3, 4], [[1, 0, 0, 1]], [(-3, 3)],
                              steps=7, checks=1, discriminant=False)
    assert C.discriminant is None
    # on the line the data meet det u = 0 at two points, where one critical
    # point falls into the vertex but the eliminant counts the limit
    assert numpy.all(C.complex == 2) and numpy.all(C.real == 2)


def test_bad_input():
    with pytest.raises(ValueError, match="ranges"):
        critical_point_census(SQUARES, [0, 1, 9], [[1, 0, 0]], [(0, 1), (0, 1)])
    with pytest.raises(ValueError, match="steps must be an integer"):
        critical_point_census(SQUARES, [0, 1, 9], [[1, 0, 0]], [(0, 1)], steps=0)
    with pytest.raises(ValueError, match="directions"):
        critical_point_census(SQUARES, [0, 1, 9], [[1, 0, 0]] * 3, [(0, 1)] * 3)
