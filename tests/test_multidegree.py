"""
The degree from the multidegree of mu (sage_neuro.invariants.multidegree)
against the modular slice, closed formulas, and the cases where a
hypothesis fails.
"""
import pytest

from sage.all import binomial, multinomial

from sage_neuro import LightningSelfAttention, LinearNetwork, PolynomialCNN, PolynomialMLP
from sage_neuro.invariants.multidegree import multidegree_degree


@pytest.mark.parametrize("net", [
    LightningSelfAttention(2, 1, 1, 2),
    LightningSelfAttention(2, 1, 2, 2),
    LightningSelfAttention(3, 1, 1, 2),
    LightningSelfAttention(2, 1, 1, 3),
    PolynomialMLP([2, 1, 2], activation=2),
    PolynomialMLP([3, 1, 2], activation=3),
    PolynomialCNN([2, 3], activation=2),
    PolynomialCNN([3, 2], activation=3),
    PolynomialCNN([2, 2, 3], activation=2),
], ids=repr)
def test_agrees_with_the_modular_slice(net):
    M = net.neuromanifold()
    assert M.degree(method="multidegree") == M.degree(method="modular")


@pytest.mark.parametrize("m,n", [(2, 2), (3, 4), (5, 3)])
def test_segre(m, n):
    # rank-one m x n matrices: the Segre variety P^(m-1) x P^(n-1), of degree binomial(m+n-2, m-1)
    C = multidegree_degree(LinearNetwork([m, 1, n]))
    assert C.value == binomial(m + n - 2, m - 1) and C.fiber_points == 1


def test_attention_one_output_has_a_fiber_of_two():
    # with d_out = 1 the function depends on q and on the symmetric product
    # of k and v: swapping k and v is a symmetry, the multidegree counts twice
    C = multidegree_degree(LightningSelfAttention(3, 1, 1, 2))
    assert (C.intersection_number, C.fiber_points, C.value) == (90, 2, 45)


def test_attention_d3_two_outputs():
    # P^2 x P^2 x P^5 onto a variety of dimension 9, birationally
    C = multidegree_degree(LightningSelfAttention(3, 1, 2, 2))
    assert C.value == multinomial(2, 2, 5) == 756
    assert C.provenance.method == "modular"


def test_the_tokens_do_not_matter():
    assert (multidegree_degree(LightningSelfAttention(3, 1, 2, 3)).value
            == multidegree_degree(LightningSelfAttention(3, 1, 2, 2)).value)


def test_not_generically_finite():
    # a = 2: GL(2) acts on (Q, K); the product of projective spaces is too large
    with pytest.raises(ValueError, match="generically finite"):
        multidegree_degree(LightningSelfAttention(2, 2, 1, 2))
    with pytest.raises(ValueError, match="generically finite"):
        multidegree_degree(LinearNetwork([3, 2, 3]))


def test_not_multihomogeneous():
    with pytest.raises(ValueError, match="not multihomogeneous"):
        multidegree_degree(PolynomialMLP([2, 1, 1], activation=2, bias=True))


def test_cnn_published_formula():
    # polynomial CNNs (arXiv 2410.00722): the filters are the blocks, filter
    # l enters with the degree r^(L-l); CNN [2,2,2] x^2: 3! * 4 * 2 = 48
    assert multidegree_degree(PolynomialCNN([2, 2, 2], activation=2)).value == 48
    # CNN [5,5] strides [2,2] x^2: binomial(8, 4) * 2^4, by the modular slice in a minute
    assert multidegree_degree(PolynomialCNN([5, 5], strides=[2, 2], activation=2)).value == 1120


def test_method_of_degree():
    M = PolynomialCNN([2, 2], activation=2).neuromanifold()
    assert M.degree(method="multidegree") == 4 == M.degree(method="numerical")
    assert M.provenance("degree").route.startswith("monodromy")
    with pytest.raises(ValueError, match="generically finite"):
        LinearNetwork([2, 2, 2]).neuromanifold().degree(method="multidegree")
    with pytest.raises(ValueError, match="method"):
        M.degree(method="multi")


def test_timeout_interrupts_and_the_next_call_works():
    # CNN [3,3,3] x^2 needs about 10 s (its fiber count); after the
    # interrupted Groebner basis the next call gives the formula's value
    with pytest.raises(TimeoutError, match="did not finish within 1.0 seconds"):
        multidegree_degree(PolynomialCNN([3, 3, 3], activation=2), timeout=1)
    assert multidegree_degree(PolynomialCNN([2, 2, 2], activation=2), timeout=60).value == 48
    with pytest.raises(ValueError, match="timeout must be None or a positive number"):
        multidegree_degree(PolynomialCNN([2, 2, 2], activation=2), timeout=0)
