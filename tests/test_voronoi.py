"""Voronoi cells of points of neuromanifolds (Euclidean loss on coefficients)."""
import math
import os

import pytest

from sage.rings.polynomial.polynomial_ring_constructor import PolynomialRing
from sage.rings.rational_field import QQ
from sage_neuro import LinearNetwork, PolynomialMLP
from sage_neuro.invariants.voronoi import ParametrizedSet, VoronoiCell
from sage_neuro.statistics import wilson_interval
from sage_neuro.reports.plots import plot_voronoi_curve

t = PolynomialRing(QQ, "t").gen()


def cusp():
    # one neuron with sigma(t) = 1 + t^2 + t^3 and output weight fixed to 1:
    # x -> sigma(w x) has coefficients (w^3, w^2): the cuspidal cubic
    return ParametrizedSet(PolynomialMLP([1, 1, 1], activation=1 + t ** 2 + t ** 3), fixed={"w2_0_0": 1})


def test_cusp_curve_ideal_closed_form():
    X = cusp()
    a, b = X.ideal().ring().gens()
    assert X.ideal() == X.ideal().ring().ideal([b ** 3 - a ** 2])
    assert X.dimension() == 1 and X.ambient_dimension() == 2


def test_cusp_cell_is_two_dimensional_smooth_cells_segments():
    X = cusp()
    V = X.voronoi_cell([0, 0], samples=0, directions=10)
    assert not V.is_smooth and V.dimension == 2 and V.dimension_method == "numerical"
    assert not V.dimension_is_lower_bound
    W = X.voronoi_cell([-1, 1], samples=0)
    assert W.is_smooth and W.dimension == 1 and W.dimension_method == "proved"
    assert W.provenance["is_smooth"].method == "proved"


def test_line_probability_matches_closed_form():
    # a line through 0 (LinearNetwork [1, 1, 2] with W2 fixed to (1, 2)):
    # for u ~ N(p, I) the nearest point is the orthogonal projection, so
    # P(||q(u) - p|| <= r) = P(|Z| <= r) = erf(r / sqrt 2)
    X = ParametrizedSet(LinearNetwork([1, 1, 2]), fixed={"w2_0_0": 1, "w2_1_0": 2})
    r = 0.5
    V = X.voronoi_cell([1, 2], radius=r, samples=200, seed=3)
    lo, hi = V.confidence_interval
    assert lo <= math.erf(r / math.sqrt(2)) <= hi
    assert V.dimension == 1 and V.is_smooth
    V2 = X.voronoi_cell([1, 2], radius=r, samples=200, seed=3)
    assert V2.hits == V.hits  # seeded


def test_neuromanifold_vertex_of_rank_one_cone():
    # 2x2 matrices of rank <= 1: the normal cone at 0 is {0} (the cone is
    # symmetric under A -> -A), so no nearby point has 0 as nearest point
    M = LinearNetwork([2, 1, 2]).neuromanifold()
    V = M.voronoi_cell([0, 0, 0, 0], samples=0)
    assert not V.is_smooth and V.dimension == 0 and V.dimension_is_lower_bound
    S = M.voronoi_cell([1, 2, 3, 6], samples=0)
    assert S.is_smooth and S.dimension == 1  # codimension of the determinantal hypersurface


def test_wilson_interval():
    lo, hi = wilson_interval(0, 100)
    assert lo == 0 and 0.03 < hi < 0.04
    lo, hi = wilson_interval(100, 100)
    assert hi == 1 and 0.96 < lo < 0.97


def test_plot(tmp_path):
    f = str(tmp_path / "cusp.png")
    share = plot_voronoi_curve(cusp(), [-0.8, 0.7], f, singular=[0, 0], resolution=40,
                               window=(-2, 2, -2, 2), t_range=(-2, 2))
    assert os.path.getsize(f) > 1000
    # the cell of the cusp contains the lower half of the window's axis
    assert 0.25 < share < 0.7


def test_bad_input():
    M = LinearNetwork([2, 1, 2]).neuromanifold()
    with pytest.raises(ValueError, match="point is not on the set"):
        M.voronoi_cell([1, 2, 3, 4])
    with pytest.raises(ValueError, match="point must have 4 entries"):
        M.voronoi_cell([1, 2, 3])
    with pytest.raises(ValueError, match="not on the set"):
        M.voronoi_cell([1.0, 2.0, 3.0, 6.5])
    with pytest.raises(ValueError, match="is not one of"):
        ParametrizedSet(LinearNetwork([2, 1, 2]), fixed={"v": 1})
    with pytest.raises(ValueError, match="plane curve"):
        plot_voronoi_curve(ParametrizedSet(LinearNetwork([2, 1, 2])), [], "x.png")


def test_cone_surface_cells(tmp_path):
    # one nappe of the quadric cone (a^2, 2ab, b^2): the vertex (dead neuron)
    # has a 3-dimensional cell, a smooth point a 1-dimensional one (its
    # normal line); the surface plot shades a positive share of a cube
    import os
    from sage_neuro.invariants.voronoi import cone_example
    from sage_neuro.reports.plots import plot_voronoi_surface
    X = cone_example()
    V = X.voronoi_cell([0, 0, 0], samples=100, seed=2)
    assert (V.is_smooth, V.dimension) == (False, 3)
    assert X.voronoi_cell([1, 2, 1], samples=0).dimension == 1
    f = str(tmp_path / "cone.png")
    share = plot_voronoi_surface(X, [(1, 0.5)], f, singular=[0, 0, 0], resolution=8, grid=41)
    assert os.path.exists(f) and share > 0.05
