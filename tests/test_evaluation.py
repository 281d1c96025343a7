"""The Jacobian of mu by forward differentiation at random inputs against
the Jacobian of the expanded coefficients: same rank, same pivot columns."""
import pytest

from sage.rings.polynomial.polynomial_ring_constructor import PolynomialRing
from sage.rings.rational_field import QQ

from sage_neuro import LightningSelfAttention, LinearNetwork, PolynomialCNN, PolynomialMLP
from sage_neuro.cache import CacheKey, cache_of
from sage_neuro.invariants.dimension import coefficient_jacobian_mod_p, has_evaluation, jacobian_rank
from sage_neuro.invariants.evaluation import evaluation_jacobian, evaluation_jacobian_rank

t = PolynomialRing(QQ, "t").gen()
NETS = [LinearNetwork([4, 2, 3]), LinearNetwork([5, 2, 4, 3]), PolynomialMLP([3, 3, 3]),
        PolynomialMLP([3, 2, 1]), PolynomialMLP([2, 2, 2], activation=t ** 3 + t),
        PolynomialMLP([2, 2, 2], bias=True), PolynomialCNN([2, 2]),
        PolynomialCNN([3, 2, 2], activation=t ** 3 + 2 * t ** 2 + t),
        PolynomialCNN([3, 3], strides=[2, 1], activation=3),
        LightningSelfAttention(2, 2, 1, 2), LightningSelfAttention(3, 2, 2, 3)]


@pytest.mark.parametrize("net", NETS, ids=repr)
def test_rank_and_pivots_agree(net):
    from sage.matrix.constructor import matrix
    from sage.rings.finite_rings.finite_field_constructor import GF
    assert has_evaluation(net)
    p = 8388593
    theta = net.random_parameters(GF(p), seed=3, bound=1000)
    Jc = matrix(GF(p), coefficient_jacobian_mod_p(net, theta, p).tolist())
    Je = matrix(GF(p), evaluation_jacobian(net, theta, prime=p, seed=3).tolist())
    assert Je.rank() == Jc.rank()
    assert Je.pivots() == Jc.pivots()
    # the rows of E J lie in the row space of J: E J = E (J)
    assert Jc.stack(Je).rank() == Jc.rank()


def test_reaches_what_expansion_cannot():
    # outputs of degree 27 in 5 variables: the coefficient map is never built
    net = PolynomialMLP([5, 5, 5, 5], activation=3)
    r, p, piv = jacobian_rank(net, seed=0)
    assert r == net.num_parameters() - 10 == 65         # hidden rescalings only
    assert CacheKey("coefficient_arrays") not in cache_of(net)
    assert evaluation_jacobian_rank(net, seed=1)[0] == 65
