"""Tests for sage_neuro.invariants.covering (volumetric covering-number bound)."""
from fractions import Fraction

import pytest

from sage.rings.integer import Integer
from sage.rings.rational_field import QQ

from sage_neuro import LinearNetwork
from sage_neuro.invariants.covering import (
    covering_number_bound,
    log_covering_number_bound,
)


@pytest.fixture(scope="module")
def low_rank():
    # 3x4 matrices of rank <= 2: dim 10 in R^12
    return LinearNetwork([4, 2, 3]).neuromanifold()


@pytest.fixture(scope="module")
def full_space():
    # all 2x2 matrices: M = R^4
    return LinearNetwork([2, 2]).neuromanifold()


def test_returns_sage_integer(low_rank):
    b = covering_number_bound(low_rank, QQ(1) / 10)
    assert isinstance(b, Integer)
    assert b == 21 ** 12


def test_method_agrees(low_rank):
    assert low_rank.covering_number_bound(QQ(1) / 3) == covering_number_bound(low_rank, QQ(1) / 3)


def test_monotone_in_eps(low_rank):
    epss = [QQ(1) / k for k in (1, 2, 3, 5, 10, 100, 1000)]
    bounds = [covering_number_bound(low_rank, e) for e in epss]
    assert all(a <= b for a, b in zip(bounds, bounds[1:]))
    logs = [log_covering_number_bound(low_rank, e) for e in epss]
    assert all(a <= b for a, b in zip(logs, logs[1:]))


def test_monotone_in_radius(low_rank):
    radii = [QQ(1) / 4, QQ(1) / 2, 1, 2, 5, 17]
    bounds = [covering_number_bound(low_rank, QQ(1) / 4, radius=r) for r in radii]
    assert all(a <= b for a, b in zip(bounds, bounds[1:]))
    logs = [log_covering_number_bound(low_rank, QQ(1) / 4, radius=r) for r in radii]
    assert all(a <= b for a, b in zip(logs, logs[1:]))


def test_one_ball_when_eps_at_least_radius(low_rank):
    assert covering_number_bound(low_rank, 1, radius=1) == 1
    assert covering_number_bound(low_rank, 3, radius=1) == 1
    assert log_covering_number_bound(low_rank, 3, radius=1) == 0


@pytest.mark.parametrize("eps,radius", [(QQ(1) / 2, 1), (QQ(1) / 10, 1), (QQ(1) / 7, 3), (0.01, 2.5)])
def test_dominates_volume_lower_bound_full_space(full_space, eps, radius):
    # For M = R^n, N(B(0,r), eps) >= vol B(0,r) / vol B(0,eps) = (r/eps)^n.
    n = full_space.ambient_dimension()
    assert n == 4
    lower = (QQ(radius) / QQ(eps)) ** n
    assert covering_number_bound(full_space, eps, radius) >= lower
    assert log_covering_number_bound(full_space, eps, radius) >= float(n) * (
        __import__("math").log(float(radius) / float(eps)))


def test_log_bound_consistent(low_rank):
    import math
    for e in (QQ(1) / 2, QQ(1) / 10, QQ(1) / 1000):
        b = covering_number_bound(low_rank, e)
        assert float(log_covering_number_bound(low_rank, e)) >= math.log(int(b)) - 1e-9


def test_accepts_python_numbers(low_rank):
    assert covering_number_bound(low_rank, 0.5) == covering_number_bound(low_rank, QQ(1) / 2)
    assert covering_number_bound(low_rank, Fraction(1, 2)) == 5 ** 12
    assert covering_number_bound(low_rank, 1, radius=2) == 5 ** 12


@pytest.mark.parametrize("bad", [0, -1, QQ(-1) / 2, float("inf"), float("nan")])
def test_bad_eps_value(low_rank, bad):
    with pytest.raises(ValueError, match="eps"):
        covering_number_bound(low_rank, bad)
    with pytest.raises(ValueError, match="eps"):
        log_covering_number_bound(low_rank, bad)


@pytest.mark.parametrize("bad", [0, -3, float("-inf")])
def test_bad_radius_value(low_rank, bad):
    with pytest.raises(ValueError, match="radius"):
        covering_number_bound(low_rank, QQ(1) / 2, radius=bad)


@pytest.mark.parametrize("bad", ["0.1", None, True, 1j, [1]])
def test_bad_eps_type(low_rank, bad):
    with pytest.raises(TypeError, match="eps"):
        covering_number_bound(low_rank, bad)


@pytest.mark.parametrize("bad", ["1", None, False])
def test_bad_radius_type(low_rank, bad):
    with pytest.raises(TypeError, match="radius"):
        covering_number_bound(low_rank, QQ(1) / 2, radius=bad)


def test_bad_manifold():
    with pytest.raises(TypeError, match="M must be a neuromanifold"):
        covering_number_bound(5, QQ(1) / 2)
