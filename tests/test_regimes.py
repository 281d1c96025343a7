"""Regimes of linear convolutional networks (sage_neuro.invariants.regimes),
computed from Jacobian ranks, exact real membership and the cone structure,
compared with the published theorems:

- Kohn-Merkh-Montufar-Trager (arXiv 2108.01538), stride one: the function
  space is the set of real binary forms of degree sum(k_i - 1) that factor
  over R into forms of degrees k_i - 1; it is full-dimensional (thick), and
  it is all of R^n (filling) iff at most one filter size k_i is even (at most
  one factor of odd degree);
- Kohn-Montufar-Shahverdi-Trager (arXiv 2304.05752), any strides: the
  function space has dimension sum(k_i) - (L - 1) in R^n with
  n = k_1 + sum_{l >= 2} (k_l - 1) s_1 ... s_{l-1}, so it is thick iff
  s_1 = ... = s_{L-1} = 1;
- the function space is closed in the Euclidean topology (a cone over the
  compact set of values on unit filters, the product of nonzero sparse
  polynomials being nonzero).
"""
import pytest

from sage_neuro import PolynomialCNN

STRIDE_ONE = [[2, 2], [3, 2], [2, 3], [3, 3], [4, 2], [2, 4], [4, 3], [2, 2, 2], [3, 3, 2],
              [2, 2, 3], [5, 2], [3, 2, 3]]
STRIDED = [([2, 2], [2, 1]), ([3, 2], [2, 1]), ([2, 3], [2, 1]), ([3, 3], [3, 1]),
           ([2, 2, 2], [2, 2, 1]), ([2, 2, 2], [1, 2, 1])]


def _published_filling(filters):
    return sum(1 for k in filters if k % 2 == 0) <= 1


def _published_dimension(filters):
    return sum(filters) - (len(filters) - 1)


@pytest.mark.parametrize("filters", STRIDE_ONE)
def test_stride_one_regimes_match_kohn_merkh_montufar_trager(filters):
    M = PolynomialCNN(filters, activation=1).neuromanifold()
    assert M.is_thick() is True
    assert M.is_real_filling() == _published_filling(filters)
    assert M.is_euclidean_closed() is True
    for name in ("is_thick", "is_real_filling", "is_euclidean_closed"):
        assert M.provenance(name).method == "proved" and M.provenance(name).certificate


def test_stride_one_grid_has_both_answers():
    values = {_published_filling(f) for f in STRIDE_ONE}
    assert values == {True, False} and len(STRIDE_ONE) + len(STRIDED) >= 12


@pytest.mark.parametrize("filters, strides", STRIDED)
def test_strided_regimes_match_kohn_montufar_shahverdi_trager(filters, strides):
    net = PolynomialCNN(filters, strides=strides, activation=1)
    M = net.neuromanifold()
    n = net.ambient_dimension()
    thick = all(s == 1 for s in strides[:-1])
    assert M.is_thick() == thick
    if not thick:
        # the certificate states the computed dimension: the published one
        assert "dimension %d" % _published_dimension(filters) in M.provenance("is_thick").certificate
        assert _published_dimension(filters) < n
    assert M.is_euclidean_closed() is True
    if thick:
        assert M.is_real_filling() == _published_filling(filters)
    else:
        with pytest.raises(NotImplementedError, match="needs strides 1"):
            M.is_real_filling()


def test_filling_counts_real_roots():
    # [2, 2, 2]: three linear factors, only forms with 3 real roots
    from sage_neuro.invariants.regimes import is_real_filling
    v, P = is_real_filling(PolynomialCNN([2, 2, 2], activation=1))
    assert not v and P.note == "numbers of real roots in the image: [3]; not: [1]"
    v, P = is_real_filling(PolynomialCNN([3, 3], activation=1))
    assert v and P.note == "numbers of real roots in the image: [4, 2, 0]; not: []"


def test_regimes_bad_input():
    from sage_neuro import PolynomialMLP
    from sage.rings.polynomial.polynomial_ring_constructor import PolynomialRing
    from sage.rings.rational_field import QQ
    with pytest.raises(NotImplementedError, match="convolutional networks"):
        PolynomialMLP([2, 1, 1]).neuromanifold().is_thick()
    t = PolynomialRing(QQ, "t").gen()
    with pytest.raises(NotImplementedError, match="homogeneous in each filter"):
        PolynomialCNN([2, 2], activation=t ** 2 + 1).neuromanifold().is_euclidean_closed()
    with pytest.raises(NotImplementedError, match="linear CNNs"):
        PolynomialCNN([2, 2], activation=3).neuromanifold().is_real_filling()
