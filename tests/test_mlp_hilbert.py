"""
The Hilbert-scheme model of shallow MLPs with monomial activations (sage_neuro/invariants/mlp_hilbert.py):
the model against the parametrization, its counts against the coordinate
slice of the parameters and the library's other degree routes, and the
networks it does not apply to.
"""
import pytest

from sage_neuro import LinearNetwork, PolynomialMLP
from sage_neuro.invariants.mlp_hilbert import (
    hilbert_chart, hilbert_count, hilbert_ed_system, hilbert_model_applies,
    hilbert_model_certificate)
from sage_neuro.invariants.msolve import msolve_program

needs_msolve = pytest.mark.skipif(msolve_program() is None, reason="msolve is not installed")


@pytest.mark.parametrize("widths", [[2, 2, 2], [2, 2, 3], [3, 2, 2], [4, 2, 3], [3, 3, 3],
                                    [3, 3, 4]])
def test_the_model_holds_with_the_dimension_of_the_neuromanifold(widths):
    net = PolynomialMLP(widths, activation=2)
    C = hilbert_model_certificate(net)
    assert C.holds and C.commute and C.identity
    assert C.rank == C.unknowns == net.neuromanifold().dimension()


@pytest.mark.parametrize("net, reason", [
    (PolynomialMLP([3, 3, 2], activation=2), "k >= h"),
    (PolynomialMLP([4, 3, 3], activation=2), "h = 2 <= n or h = n = 3"),
    (PolynomialMLP([3, 3, 3, 3], activation=2), "two layers"),
    (PolynomialMLP([3, 2, 2], activation="generic", activation_degree=2),
     "monomial activation"),
    (PolynomialMLP([3, 2, 2], activation=2, bias=True), "without bias"),
    (PolynomialMLP([3, 3, 3], activation=2, skip=True), "skip"),
    (LinearNetwork([3, 2, 2]), "PolynomialMLP with two layers"),
])
def test_networks_outside_the_model_are_refused_by_name(net, reason):
    applies, why = hilbert_model_applies(net)
    assert not applies and reason in why
    with pytest.raises(ValueError, match="Hilbert-scheme model"):
        hilbert_model_certificate(net)


def test_the_chart_of_three_points_commutes_only_with_its_quadrics():
    # the multiplication matrices by x and y on (1, x, y) commute for the
    # chart's quadrics a1, b1, c1, and not when one of them is changed
    from sage.matrix.constructor import matrix
    C, mult, nf = hilbert_chart(3, 3)
    a, b, c = nf[(2, 0)], nf[(1, 1)], nf[(0, 2)]

    def commute(a, b, c):
        one, zero = C.one(), C.zero()
        Mx = matrix(C, [[zero, one, zero], a, b]).transpose()
        My = matrix(C, [[zero, zero, one], b, c]).transpose()
        return Mx * My == My * Mx

    assert commute(a, b, c)
    assert mult[0] * mult[1] == mult[1] * mult[0]
    assert not commute([a[0] + 1] + a[1:], b, c)
    with pytest.raises(ValueError, match="affine spaces"):
        hilbert_chart(4, 4)


@needs_msolve
@pytest.mark.parametrize("widths", [[3, 2, 2], [2, 2, 3],
                                    pytest.param([3, 2, 3], marks=pytest.mark.slow)])
def test_ed_degree_agrees_with_the_parameter_slice(widths):
    # [3, 2, 3]: minutes on the slice
    # the slice counts each critical point twice (two hidden neurons)
    net = PolynomialMLP(widths, activation=2)
    M = net.neuromanifold()
    slice_value = M.ed_degree(method="modular", strategy="Rabinowitsch", seeds=(3,),
                              cross_check=False)
    assert hilbert_count(net, "ed_degree", seeds=(1, 2)).value == slice_value


@needs_msolve
def test_ed_degree_of_mlp322_is_the_published_75():
    # Kileel-Trager-Bruna / the seed's table: ED degree 75 of [3, 2, 2] x^2;
    # 'auto' takes the subspace model there (a narrow first layer)
    net = PolynomialMLP([3, 2, 2], activation=2)
    assert hilbert_count(net, "ed_degree", seeds=(1, 2)).value == 75
    M = net.neuromanifold()
    assert M.ed_degree() == 75
    assert "subspace model" in M.provenance("ed_degree").route


@needs_msolve
def test_auto_takes_the_model_where_no_first_layer_is_narrow():
    M = PolynomialMLP([2, 2, 3], activation=2).neuromanifold()
    value = M.ed_degree()
    P = M.provenance("ed_degree")
    assert P.method == "modular" and "Hilbert-scheme model" in P.route
    assert "auto:" in P.note
    assert value == M.ed_degree(method="modular", strategy="Rabinowitsch", seeds=(3,),
                                cross_check=False)


@needs_msolve
@pytest.mark.parametrize("widths", [[3, 3, 3], [3, 2, 3], [4, 2, 2], [3, 3, 4]])
def test_degree_on_the_model_agrees_with_the_default_route(widths):
    net = PolynomialMLP(widths, activation=2)
    M = net.neuromanifold()
    default = M.degree()
    assert hilbert_count(net, "degree", seeds=(1, 2)).value == default


@needs_msolve
def test_model_strategies_are_modular_only():
    M = PolynomialMLP([3, 2, 2], activation=2).neuromanifold()
    with pytest.raises(ValueError, match="strategy 'Hilbert' is counted by msolve"):
        M.ed_degree(method="numerical", strategy="Hilbert")
    with pytest.raises(ValueError, match="strategy 'Hilbert' is counted by msolve"):
        M.degree(method="exact", strategy="Hilbert")
    assert M.degree(strategy="Hilbert") == M.degree(method="numerical")


@needs_msolve
@pytest.mark.parametrize("widths, r", [([2, 2, 2], 3), ([2, 2, 3], 3), ([2, 2, 2], 4)])
def test_higher_powers_agree_with_the_parameter_slice(widths, r):
    net = PolynomialMLP(widths, activation=r)
    assert hilbert_model_certificate(net).rank == net.neuromanifold().dimension()
    slice_value = net.neuromanifold().ed_degree(method="modular", strategy="Rabinowitsch",
                                                seeds=(3,), cross_check=False)
    assert hilbert_count(net, "ed_degree", seeds=(1,)).value == slice_value


def test_a_scaled_activation_is_the_same_model():
    # sigma = 3 t^2: the factor 3 goes into T, the identity mu = psi still holds
    from sage.rings.rational_field import QQ
    t = QQ["t"].gen()
    C = hilbert_model_certificate(PolynomialMLP([3, 2, 2], activation=3 * t ** 2))
    assert C.holds and C.identity


def test_the_ed_system_has_one_rank_equation():
    E = hilbert_ed_system(PolynomialMLP([3, 3, 3], activation=2), seed=4)
    R = E[0].parent()
    # T (9), the chart (6), z
    assert R.ngens() == 9 + 6 + 1 == len(E)
    assert E[-1].degree() == 4 and len(E[-1].monomials()) == 7
