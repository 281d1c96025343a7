"""Conserved quantities of gradient flow (sage_neuro.optimization.flow_invariants)."""
import numpy
import pytest

from sage.matrix.constructor import matrix
from sage.rings.rational_field import QQ

from sage_neuro import LightningSelfAttention, LinearNetwork, PolynomialCNN, PolynomialMLP
from sage_neuro.optimization.flow_invariants import gradient_flow_invariants
from sage_neuro.optimization.training import gradient_descent


def _span(polys):
    # coefficient matrix of a list of polynomials (for span comparisons)
    monos = sorted({m for p in polys for m in p.monomials()})
    return matrix(QQ, [[p.monomial_coefficient(m) for m in monos] for p in polys]), monos


def _weights(net, widths):
    P = net.parameter_ring()
    g = dict(zip([str(x) for x in P.gens()], P.gens()))
    return [matrix(P, widths[i + 1], widths[i], lambda r, c: g["w%d_%d_%d" % (i + 1, r, c)])
            for i in range(len(widths) - 1)]


@pytest.mark.parametrize("widths", [[3, 2, 2], [2, 2, 2, 2], [2, 1, 3]])
def test_linear_networks_find_the_balances(widths):
    net = LinearNetwork(widths)
    I = gradient_flow_invariants(net, degree=2)
    W = _weights(net, widths)
    expected = []
    for i in range(len(W) - 1):
        B = W[i + 1].transpose() * W[i + 1] - W[i] * W[i].transpose()
        expected += [B[r, c] for r in range(B.nrows()) for c in range(r, B.ncols())]
    A, monos = _span(list(I.polynomials()) + expected)
    A1 = matrix(QQ, [[p.monomial_coefficient(m) for m in monos] for p in I.polynomials()])
    A2 = matrix(QQ, [[p.monomial_coefficient(m) for m in monos] for p in expected])
    assert A1.rank() == A2.rank() == A.rank()  # same span
    # exact vs modular: the same number
    assert len(gradient_flow_invariants(net, degree=2, method="modular")) == len(I)


def test_homogeneous_activation_neuron_balances():
    I = PolynomialMLP([2, 2, 1], activation=2).gradient_flow_invariants(degree=3)
    P = I.polynomials()[0].parent()
    g = dict(zip([str(x) for x in P.gens()], P.gens()))
    expected = [g["w1_%d_0" % j] ** 2 + g["w1_%d_1" % j] ** 2 - 2 * g["w2_0_%d" % j] ** 2
                for j in range(2)]
    assert sorted(I.polynomials()) == sorted(expected)
    assert len(PolynomialCNN([2, 2]).gradient_flow_invariants()) == 1
    assert len(LightningSelfAttention(2, 2, 1, 2).gradient_flow_invariants()) == 4


@pytest.mark.parametrize("net", [LinearNetwork([3, 2, 2]), PolynomialMLP([2, 2, 1]),
                                 PolynomialCNN([2, 2])])
def test_constant_along_gradient_descent(net):
    I = gradient_flow_invariants(net, degree=2)
    rng = numpy.random.default_rng(7)
    N, n = int(net.num_parameters()), int(net.ambient_dimension())
    th0 = 0.7 * rng.standard_normal((5, N))
    u = rng.standard_normal((5, n))
    drifts = []
    for lr in (2e-3, 1e-3):
        R = gradient_descent(net, th0, u, int(4 / lr), lr=lr, record_every=200)
        drifts.append(max(I.drift(R["trajectory"])))
    # first-order in the step size: halving lr roughly halves the drift
    assert drifts[1] < 1e-2 and drifts[1] < 0.7 * drifts[0]
    # and the loss moved: the runs did something
    assert not numpy.allclose(R["trajectory"][0], R["trajectory"][-1])


def test_bad_input():
    with pytest.raises(ValueError, match="degree"):
        gradient_flow_invariants(LinearNetwork([2, 2]), degree=0)
