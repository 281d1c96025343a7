"""Regimes of linear convolutional networks (sage_neuro.invariants.regimes),
computed from Jacobian ranks, exact real membership and the cone structure,
compared with the published theorems, each prediction computed from a closed
criterion (tests/formulas.py):

- Kohn-Merkh-Montufar-Trager (arXiv 2108.01538), stride one: the function
  space is the set of real binary forms of degree d = sum(k_i - 1) that
  factor over R into forms of degrees k_i - 1; it is full-dimensional
  (thick), closed in the Euclidean topology, and it is all of R^n (filling)
  iff at most one filter size k_i is even (at most one factor of odd
  degree); a form is in it iff its number of real roots r is at least the
  number of odd-degree factors;
- Kohn-Montufar-Shahverdi-Trager (arXiv 2304.05752), any strides: the end-
  to-end filter is the sparse product w_1(x) w_2(x^{s_1}) w_3(x^{s_1 s_2})
  ..., of length n = k_1 + sum_{l >= 2} (k_l - 1) s_1 ... s_{l-1}; the
  function space has dimension sum(k_i) - (L - 1), so it is thick iff
  s_1 ... s_{l-1} = 1 for every layer l >= 2 with k_l > 1; it is closed in
  the Euclidean topology (a cone over the compact set of values on unit
  filters, a product of nonzero sparse polynomials being nonzero).

The library decides each regime from the parametrization (Jacobian ranks,
exact real membership of one form per number of real roots, the cone
argument), never from these criteria.
"""
import pytest

from formulas import (lcn_ambient_dimension, lcn_dimension, lcn_is_dense, lcn_is_filling,
                      lcn_is_thick, lcn_real_root_counts)
from sage_neuro import PolynomialCNN

STRIDE_ONE = [[2, 2], [3, 2], [2, 3], [3, 3], [4, 2], [2, 4], [4, 3], [2, 2, 2], [3, 3, 2],
              [2, 2, 3], [5, 2], [3, 2, 3]]
STRIDED = [([2, 2], [2, 1]), ([3, 2], [2, 1]), ([2, 3], [2, 1]), ([3, 3], [3, 1]),
           ([2, 2, 2], [2, 2, 1]), ([2, 2, 2], [1, 2, 1]),
           # a stride before a filter of size 1 (a scalar) keeps the factorization dense
           ([3, 1], [3, 1]), ([2, 1, 2], [1, 2, 1])]
# the table: (filters, strides) -> prediction of the closed criteria
TABLE = [(f, [1] * len(f)) for f in STRIDE_ONE] + STRIDED


def test_table_is_large_and_has_every_answer():
    assert len(TABLE) >= 12
    assert {lcn_is_thick(f, s) for f, s in TABLE} == {True, False}
    assert {lcn_is_filling(f) for f, s in TABLE if lcn_is_dense(f, s)} == {True, False}
    assert any(s[0] > 1 for f, s in TABLE) and any(all(x == 1 for x in s) for f, s in TABLE)


@pytest.mark.parametrize("filters, strides", TABLE)
def test_regimes_match_published_criteria(filters, strides):
    net = PolynomialCNN(filters, strides=strides, activation=1)
    M = net.neuromanifold()
    n = net.ambient_dimension()
    # the architecture's function space has the published length
    assert n == lcn_ambient_dimension(filters, strides)
    thick = lcn_is_thick(filters, strides)
    assert M.is_thick() == thick
    if not thick:
        # the certificate states the computed dimension: the published one
        assert "dimension %d" % lcn_dimension(filters) in M.provenance("is_thick").certificate
    assert M.is_euclidean_closed() is True
    if lcn_is_dense(filters, strides):
        assert M.is_real_filling() == (thick and lcn_is_filling(filters))
        # the numbers of real roots found in the image: the published criterion
        inside = lcn_real_root_counts([k for k in filters if k > 1])
        assert M.provenance("is_real_filling").note.startswith(
            "numbers of real roots in the image: %s;" % inside)
    else:
        with pytest.raises(NotImplementedError, match="needs strides 1"):
            M.is_real_filling()
    for name in ("is_thick", "is_euclidean_closed"):
        assert M.provenance(name).method == "proved" and M.provenance(name).certificate


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
