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


# --- the bound= option: span and low-rank bounds, minimum by default ------------

from sage_neuro import LightningSelfAttention, PolynomialMLP
from sage_neuro.invariants.covering import BOUNDS, covering_number_bounds

ALL_BOUNDS = ("min",) + BOUNDS


@pytest.fixture(scope="module")
def thin():
    # 10x10 matrices of rank <= 2: low-rank exponent (10+10+1)*2 = 42 < 100
    return LinearNetwork([10, 2, 10]).neuromanifold()


@pytest.fixture(scope="module")
def attention():
    # Kohn's example: 40 coordinates, affine span of dimension 6
    return LightningSelfAttention(2, 2, 1, 2).neuromanifold()


@pytest.mark.parametrize("eps,radius", [(QQ(1) / 10, 1), (QQ(1) / 3, 2), (QQ(2) / 7, QQ(5) / 3)])
def test_hand_formulas_linear_423(low_rank, eps, radius):
    # m = 3 rows, n = 4 columns, rank k = 2; ambient 12, span 12
    t = QQ(radius) / QQ(eps)
    expected = {"volumetric": (1 + 2 * t) ** 12, "span": (1 + 2 * t) ** 12,
                "low_rank": (1 + 6 * t) ** ((3 + 4 + 1) * 2)}
    for name, x in expected.items():
        assert covering_number_bound(low_rank, eps, radius, bound=name) == x.floor()
    assert covering_number_bound(low_rank, eps, radius) == min(x.floor() for x in expected.values())
    assert [B.name for B in covering_number_bounds(low_rank, eps, radius)] == list(BOUNDS)


def test_attained_and_provenance_linear_423(low_rank):
    assert covering_number_bound(low_rank, QQ(1) / 10) == 21 ** 12
    P = low_rank.provenance("covering_number_bound")
    assert P.method == "proved" and P.value == 21 ** 12
    assert P.route.endswith("attained by volumetric, span")
    for word in ("ambient_dimension = 12", "linear_span_dimension = 12", "rank_bound = 2",
                 "Candes-Plan", "Vershynin", "eps = 1/10"):
        assert word in P.note
    assert low_rank.covering_number_bound(QQ(1) / 10, bound="low_rank") == 61 ** 16
    assert low_rank.provenance("covering_number_bound").route == "bound='low_rank'"


def test_low_rank_wins_for_thin_network(thin):
    assert thin.ambient_dimension() == 100
    assert covering_number_bound(thin, QQ(1) / 10) == 61 ** 42
    assert thin.provenance("covering_number_bound").route.endswith("attained by low_rank")
    assert covering_number_bound(thin, QQ(1) / 10, bound="volumetric") == 21 ** 100
    assert covering_number_bound(thin, 1, radius=1) == 1
    assert covering_number_bound(thin, QQ(1) / 2, bound="low_rank") == 13 ** 42


def test_span_wins_for_attention(attention):
    assert attention.ambient_dimension() == 40
    assert covering_number_bound(attention, QQ(1) / 10) == 21 ** 6
    assert [B.name for B in covering_number_bounds(attention, QQ(1) / 10)] == ["volumetric", "span"]
    P = attention.provenance("covering_number_bound")
    assert P.route.endswith("attained by span") and "linear_span_dimension = 6" in P.note
    assert log_covering_number_bound(attention, QQ(1) / 10) == log_covering_number_bound(
        attention, QQ(1) / 10, bound="span")


def test_low_rank_needs_linear_network(attention):
    with pytest.raises(ValueError, match="bound='low_rank' applies only to .*LinearNetwork"):
        covering_number_bound(attention, QQ(1) / 2, bound="low_rank")
    mlp = PolynomialMLP([2, 2, 1]).neuromanifold()
    with pytest.raises(ValueError, match="low_rank"):
        log_covering_number_bound(mlp, QQ(1) / 2, bound="low_rank")


@pytest.mark.parametrize("bound", ALL_BOUNDS)
def test_monotone_in_eps_every_bound(thin, bound):
    epss = [QQ(3), QQ(1), QQ(1) / 2, QQ(1) / 3, QQ(1) / 10, QQ(1) / 1000]
    vals = [covering_number_bound(thin, e, bound=bound) for e in epss]
    assert all(a <= b for a, b in zip(vals, vals[1:]))
    logs = [log_covering_number_bound(thin, e, bound=bound) for e in epss]
    assert all(a <= b for a, b in zip(logs, logs[1:]))
    assert vals[0] == 1 and logs[0] == 0


@pytest.mark.parametrize("bound", ALL_BOUNDS)
def test_log_matches_integer_every_bound(thin, bound):
    import math
    for e in (QQ(1) / 2, QQ(1) / 10, QQ(2) / 3):
        b = covering_number_bound(thin, e, bound=bound)
        L = float(log_covering_number_bound(thin, e, bound=bound))
        assert L >= math.log(int(b)) - 1e-9
        assert L <= math.log(int(b) + 1) + 1e-9


@pytest.mark.parametrize("bad", ["best", "zhang_kileel", "", None, 1, ["min"]])
def test_bad_bound_name(low_rank, bad):
    with pytest.raises(ValueError, match="bound must be one of 'min', 'volumetric', 'span', 'low_rank'"):
        covering_number_bound(low_rank, QQ(1) / 2, bound=bad)
    with pytest.raises(ValueError, match="bound must be one of"):
        log_covering_number_bound(low_rank, QQ(1) / 2, bound=bad)


@pytest.mark.parametrize("bound", ALL_BOUNDS)
@pytest.mark.parametrize("bad,exc", [(0, ValueError), (-1, ValueError), ("0.1", TypeError),
                                     (None, TypeError), (1j, TypeError)])
def test_bad_eps_every_bound(low_rank, bound, bad, exc):
    with pytest.raises(exc, match="eps"):
        covering_number_bound(low_rank, bad, bound=bound)
    with pytest.raises(exc, match="radius"):
        covering_number_bound(low_rank, QQ(1) / 2, radius=bad, bound=bound)


def test_duck_typed_manifold_uses_volumetric_only():
    class Box:
        def ambient_dimension(self):
            return 3

    assert [B.name for B in covering_number_bounds(Box(), QQ(1) / 2)] == ["volumetric"]
    assert covering_number_bound(Box(), QQ(1) / 2) == 5 ** 3
    with pytest.raises(ValueError, match="bound='span' needs"):
        covering_number_bound(Box(), QQ(1) / 2, bound="span")


@pytest.mark.parametrize("widths", [[2, 1, 2], [3, 1, 4]])
def test_separated_sample_respects_every_bound(widths):
    # Independent check: an eps-separated subset of K = M cap B(0, r) has at
    # most N(K, eps/2) points (each ball of radius eps/2 holds at most one of
    # them), so a greedy eps-separated subset of sampled points of K must not
    # exceed any bound evaluated at eps/2.
    import numpy as np
    net = LinearNetwork(widths)
    M = net.neuromanifold()
    m, n, k = widths[-1], widths[0], min(widths)
    rng = np.random.default_rng(2026)
    eps, r = 0.5, 1.0
    chosen = np.empty((0, m * n))
    for _ in range(2000):
        X = (rng.standard_normal((m, k)) @ rng.standard_normal((k, n))).ravel()
        X *= r * rng.random() ** (1.0 / (k * (m + n - k))) / np.linalg.norm(X)
        if not len(chosen) or np.linalg.norm(chosen - X, axis=1).min() > eps:
            chosen = np.vstack([chosen, X])
    assert len(chosen) > 10
    for B in covering_number_bounds(M, QQ(1) / 4, 1):
        assert len(chosen) <= B.value, B


# --- command line: sage-neuro invariants ... --only covering_number_bound ---------

def test_cli_json_covering(capsys):
    import json
    from sage_neuro.cli import main
    rc = main(["invariants", "linear", "--widths", "10", "2", "10", "--only",
               "covering_number_bound", "--eps", "0.1", "--json"])
    assert rc == 0
    d = json.loads(capsys.readouterr().out)
    assert d["covering_number_bound"] == 61 ** 42
    prov = d["provenance"]["covering_number_bound"]
    assert prov["method"] == "proved" and prov["route"].endswith("attained by low_rank")
    assert "eps = 1/10" in prov["note"]


@pytest.mark.parametrize("opt,val", [("--eps", "0"), ("--eps", "abc"), ("--radius", "-2")])
def test_cli_bad_eps_radius(capsys, opt, val):
    from sage_neuro.cli import main
    rc = main(["invariants", "linear", "--widths", "2", "2", "--only",
               "covering_number_bound", opt, val])
    assert rc == 2
    assert "%s must be a positive number" % opt.lstrip("-") in capsys.readouterr().err


def test_log_provenance_keeps_real_value(low_rank):
    L = log_covering_number_bound(low_rank, QQ(1) / 10)
    d = low_rank.provenance("log_covering_number_bound").as_dict()
    assert d["value"] == float(L) and d["method"] == "proved"
