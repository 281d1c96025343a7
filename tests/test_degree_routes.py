"""
The route of ``Neuromanifold.degree()``: which one 'auto' takes and why,
and the confirmation of a numerical value by a second route (the modular
slice, or the witness set carried to a second random section and
certified there by its own trace test), against closed formulas.
"""
import pytest

from sage_neuro import LinearNetwork, PolynomialMLP, PolynomialCNN
from sage_neuro.constants import MODULAR_BEZOUT
from sage_neuro.invariants.monodromy import monodromy_degree, move_witness_set, WitnessSet
from sage_neuro.invariants.slicing import slice_pivots

from formulas import determinantal_degree, symmetric_determinantal_degree


@pytest.mark.parametrize("net", [LinearNetwork([4, 2, 3]), PolynomialMLP([3, 2, 1], activation=2)])
def test_auto_takes_modular_for_small_slice_systems(net):
    # closed_form=False: MLP [3, 2, 1] has a closed formula (the subspace
    # variety), which 'auto' would take first
    M = net.neuromanifold()
    bezout = slice_pivots(net, seed=1)[1]
    assert bezout <= MODULAR_BEZOUT
    M.degree(closed_form=False)
    P = M.provenance("degree")
    assert P.method == "modular"
    assert P.note.startswith("auto: Bezout number %s of the slice system <= %s: modular"
                             % (bezout, MODULAR_BEZOUT))


def test_auto_takes_a_closed_formula_first_and_confirms_it_when_cheap():
    M = PolynomialMLP([3, 2, 1], activation=2).neuromanifold()
    assert M.degree() == symmetric_determinantal_degree(3, 2)
    P = M.provenance("degree")
    assert P.method == "proved" and "closed formula" in P.note
    assert "subspace variety" in P.route
    # the modular slice is counted in-process (milliseconds): the confirmation
    assert [c.method for c in P.confirmations] == ["modular"]
    # no formula for [3, 3, 3]: 'auto' goes on to the slices
    N = PolynomialMLP([3, 3, 3], activation=2).neuromanifold()
    with pytest.raises(ValueError, match="no closed formula"):
        N.degree(method="formula")


def test_auto_keeps_linear_networks_modular():
    # no monodromy for mu linear in every block, however large the Bezout
    # number: the modular count is fast there and the stronger certainty
    net = LinearNetwork([5, 2, 5])
    assert slice_pivots(net, seed=1)[1] > MODULAR_BEZOUT
    M = net.neuromanifold()
    assert M.degree() == determinantal_degree(5, 5, 2)
    P = M.provenance("degree")
    assert P.method == "modular" and "(mu linear in every block)" in P.note


def test_auto_takes_monodromy_for_large_slice_systems():
    # no: the modular route is not taken (its Groebner basis would pay
    # for 320320 Bezout points for 30 answers)
    net = PolynomialMLP([3, 3, 3], activation=2)
    M = net.neuromanifold()
    value = M.degree()
    P = M.provenance("degree")
    assert P.method == "numerical"
    assert "Bezout number 320320 of the slice system > %s: monodromy" % MODULAR_BEZOUT in P.note
    assert P.certificate.startswith("trace test")
    assert M.degree(method="numerical", seeds=(5,)) == value


@pytest.mark.parametrize("n,r", [(3, 1), (3, 2), (4, 2)])
def test_sums_of_squares_against_formula(n, r):
    # the MLP [n, r, 1] with x^2 parametrises the symmetric n x n matrices
    # of rank <= r
    M = PolynomialMLP([n, r, 1], activation=2).neuromanifold()
    assert M.degree(method="numerical", cross_check=True) == symmetric_determinantal_degree(n, r)
    assert [c.method for c in M.provenance("degree").confirmations] == ["modular"]


def test_moved_witness_set_confirms_and_detects_a_missing_point():
    W = monodromy_degree(LinearNetwork([4, 2, 3]), seed=1)
    V = move_witness_set(W, seed=2)
    assert V.degree == W.degree == determinantal_degree(4, 3, 2)
    assert V.trace_residual < 1e-6 and V.seed == 2
    # no: a set without one of its points fails the trace test on the new section
    S, B, b0, X = W.section
    short = WitnessSet(W.net, W.dimension, W.points[1:], W.loops, W.trace_residual, W.seed,
                       (S, B, b0, X[1:]))
    with pytest.raises(ArithmeticError, match="trace test fails"):
        move_witness_set(short, seed=2)


def test_cross_check_of_a_large_slice_system_moves_the_witness_set():
    M = PolynomialMLP([3, 3, 3], activation=2).neuromanifold()
    value = M.degree(cross_check=True)
    P = M.provenance("degree")
    assert P.method == "numerical" and P.value == value
    (C,) = P.confirmations
    assert C.method == "numerical" and C.seeds == (1, 2) and C.value == value
    assert "second random complex section" in C.choices and C.certificate.startswith("trace test")


def test_parallel_paths_agree_with_one_process(monkeypatch):
    # the worker processes track the same paths: same degree, same points
    import sage_neuro.constants as constants
    monkeypatch.setattr(constants, "MONODROMY_PARALLEL_PATHS", 4)
    net = PolynomialCNN([2, 2])
    one = monodromy_degree(net, seed=3, processes=1)
    two = monodromy_degree(net, seed=3, processes=2)
    assert one.degree == two.degree and abs(one.points - two.points).max() < 1e-8


@pytest.mark.frontier
def test_mlp_444_two_routes():
    # MLP [4, 4, 4] with x^2: the modular slice is out of reach (Bezout
    # number about 1.2e11); two numerical routes must agree: monodromy from
    # the section of seed 1 confirmed on the section of seed 2 by the moved
    # witness set, and an independent monodromy run from seed 3
    net = PolynomialMLP([4, 4, 4], activation=2)
    M = net.neuromanifold()
    value = M.degree(cross_check=True)
    P = M.provenance("degree")
    assert P.method == "numerical" and "> %s: monodromy" % MODULAR_BEZOUT in P.note
    assert [c.value for c in P.confirmations] == [value]
    assert M.degree(method="numerical", seeds=(3,)) == value
