"""
Degrees by numerical monodromy + trace test against closed formulas and
against the modular slice route (Groebner bases in Macaulay2).  Each case
takes a few seconds; the speed of the [3, 3, 3] MLP is measured in
``bench/``, not here.
"""
from math import factorial

import pytest
from formulas import determinantal_degree

from sage_neuro.all import LinearNetwork, PolynomialCNN, PolynomialMLP, LightningSelfAttention
from sage_neuro.invariants.monodromy import monodromy_degree, TRACE_TOLERANCE


def cnn_degree(k, r):
    # Shahverdi-Marchetti-Kohn: (|k| - L)! prod_j r^((L-1-j)(k_{j+1}-1)) / (k_{j+1}-1)!
    L = len(k)
    num, den = factorial(sum(k) - L), 1
    for j in range(L):
        num *= r ** ((L - 1 - j) * (k[j] - 1))
        den *= factorial(k[j] - 1)
    return num // den


@pytest.mark.parametrize("widths,m,n,r", [([4, 2, 3], 3, 4, 2), ([3, 1, 3], 3, 3, 1),
                                          ([4, 1, 4], 4, 4, 1), ([4, 2, 4], 4, 4, 2)])
def test_linear_against_formula(widths, m, n, r):
    W = monodromy_degree(LinearNetwork(widths), seed=1)
    assert W.degree == determinantal_degree(m, n, r)
    assert W.trace_residual < TRACE_TOLERANCE


@pytest.mark.parametrize("k,r", [((2, 2), 2), ((3, 2), 2), ((2, 3), 2), ((2, 2), 3)])
def test_cnn_against_formula(k, r):
    assert monodromy_degree(PolynomialCNN(k, activation=r), seed=2).degree == cnn_degree(k, r)


@pytest.mark.parametrize("net", [PolynomialMLP([2, 2, 2]), PolynomialMLP([2, 2, 3]),
                                 LinearNetwork([4, 2, 3]), PolynomialCNN((2, 2)),
                                 LightningSelfAttention(2, 2, 1, 2)])
def test_agrees_with_modular_slices(net):
    M = net.neuromanifold()
    numerical = M.degree(method="numerical", seeds=(3,))
    assert M.provenance("degree").method == "numerical"
    modular = M.degree(method="modular")
    assert numerical == modular


@pytest.mark.slow
def test_seeds_agree_mlp_323():
    # 81 image points; the modular slice route needs minutes here
    assert {monodromy_degree(PolynomialMLP([3, 2, 3]), seed=s).degree for s in (0, 1)} == {81}


@pytest.mark.slow
def test_deep_mlp_2222_agrees_with_modular():
    # NumericalImplicitization reports 1 here (wrong: the span is the whole space)
    net = PolynomialMLP([2, 2, 2, 2])
    M = net.neuromanifold()
    assert M.linear_span_dimension() == M.ambient_dimension() > M.dimension()
    assert monodromy_degree(net, seed=0).degree == M.degree(method="modular") == 15


def test_mlp_333_degree_30():
    # the value measured with NumericalImplicitization (DESIGN.md: degree 30,
    # 1440 = 30 * 48 parameter solutions on a rescaling-fixed slice)
    W = monodromy_degree(PolynomialMLP([3, 3, 3]), seed=0)
    assert (W.degree, W.dimension) == (30, 15)


def test_provenance_and_cache():
    M = PolynomialMLP([2, 2, 3]).neuromanifold()
    assert M.degree(method="numerical", seeds=(5,)) == 3
    P = M.provenance("degree")
    assert P.method == "numerical" and P.seeds == (5,) and P.seconds >= 0
    assert "trace residual" in P.note


def test_bad_input():
    with pytest.raises(ValueError, match="generators"):
        monodromy_degree(LinearNetwork([2, 1, 2]), generators=0)
    with pytest.raises(ValueError, match="method"):
        LinearNetwork([2, 1, 2]).neuromanifold().degree(method="fast")
