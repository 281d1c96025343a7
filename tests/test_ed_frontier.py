"""ED degrees by two routes: the modular slice and monodromy in the data."""
import pytest
from math import comb

from sage_neuro import LinearNetwork, PolynomialMLP
from sage_neuro.invariants.ed_monodromy import critical_bezout, monodromy_ed_degree


@pytest.mark.parametrize("widths", [[3, 1, 3], [3, 2, 3], [4, 1, 3], [4, 2, 4]])
def test_linear_eckart_young(widths):
    # Eckart-Young (arXiv:1309.0049, Example 2.3): the ED degree of the
    # n x m matrices of rank <= r is binomial(min(n, m), r)
    n, r, m = widths
    W = monodromy_ed_degree(LinearNetwork(widths), seed=1)
    assert W.ed_degree == comb(min(n, m), r)
    assert W.trace_residual < 1e-9


def test_filling_network_has_ed_degree_one():
    # MLP [2,2,2] x^2 fills its 6-dimensional space: the only critical
    # point is the data itself (a "no": nothing to count beyond 1)
    M = PolynomialMLP([2, 2, 2], activation=2).neuromanifold()
    assert M.ed_degree(method="numerical") == 1
    assert M.ed_degree(method="modular") == 1


def test_routes_agree_and_record_confirmation():
    M = LinearNetwork([3, 2, 3]).neuromanifold()
    assert M.ed_degree(method="modular", cross_check=True) == 3
    P = M.provenance("ed_degree")
    assert P.method == "modular"
    assert [c.method for c in P.confirmations] == ["numerical"]
    assert "trace test" in P.confirmations[0].certificate


def test_auto_choice_recorded():
    # the linear networks go to the modular slice whatever their Bezout number
    assert critical_bezout(LinearNetwork([5, 2, 5]))[1]
    bezout, multilinear = critical_bezout(PolynomialMLP([3, 2, 2], activation=2))
    assert not multilinear and bezout > 20000


def test_unasked_cross_check_is_bounded(monkeypatch):
    # a confirmation nobody asked for that does not finish in its budget is
    # dropped, and the note says so; the value keeps its own provenance
    import sage_neuro.constants as constants
    monkeypatch.setattr(constants, "ED_CROSS_CHECK_SECONDS", 1e-9)
    M = LinearNetwork([3, 1, 3]).neuromanifold()
    assert M.ed_degree() == 3
    P = M.provenance("ed_degree")
    assert P.method == "modular" and not P.confirmations
    assert "cross-check by the numerical route did not finish" in P.note
    # asked for, the same check is not bounded
    N = LinearNetwork([3, 1, 3]).neuromanifold()
    assert N.ed_degree(cross_check=True) == 3
    assert [c.method for c in N.provenance("ed_degree").confirmations] == ["numerical"]


def test_bad_arguments():
    M = LinearNetwork([3, 2, 3]).neuromanifold()
    with pytest.raises(ValueError, match="cross_check"):
        M.ed_degree(cross_check="yes")
    with pytest.raises(ValueError, match="numerical"):
        M.ed_degree(method="numerical", data=[1] * 9)


@pytest.mark.slow
def test_mlp_322_both_routes():
    # MLP [3,2,2] x^2: 75 by the modular slice (msolve, about 40 s) and by
    # monodromy (about 15 s CPU)
    net = PolynomialMLP([3, 2, 2], activation=2)
    M = net.neuromanifold()
    assert M.ed_degree() == 75
    P = M.provenance("ed_degree")
    assert P.method == "numerical" and "auto: Bezout number" in P.note
    assert M.ed_degree(method="modular") == 75
    assert [c.method for c in M.provenance("ed_degree").confirmations] == ["numerical"]


@pytest.mark.slow
@pytest.mark.xfail(reason="MLP [3,3,3] x^2 has at least 951 ED critical points (orbits of 951 "
                          "and 950 points for seeds 1 and 2 after 45 minutes on a loaded machine); "
                          "the trace test did not get all of its 2 x 951 paths through, so no "
                          "count is certified yet",
                   strict=False)
def test_mlp_333_monodromy_seeds_agree():
    # MLP [3,3,3] x^2: two independent monodromy runs (slices, data, loops)
    net = PolynomialMLP([3, 3, 3], activation=2)
    a = monodromy_ed_degree(net, seed=1)
    b = monodromy_ed_degree(net, seed=2)
    assert a.ed_degree == b.ed_degree
