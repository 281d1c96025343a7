"""Closed formulas from the literature that several tests compare with (sources next to each)."""
from math import factorial


def determinantal_degree(m, n, r):
    """Degree of the m x n matrices of rank <= r."""
    if m > n:
        m, n = n, m
    num, den = 1, 1
    for i in range(n - r):
        num *= factorial(m + i) * factorial(i)
        den *= factorial(r + i) * factorial(m - r + i)
    return num // den


def symmetric_determinantal_degree(n, r):
    """Degree of the symmetric n x n matrices of rank <= r (Harris and Tu,
    Topology 23 (1984)): the product over a = 0 .. n - r - 1 of
    binomial(n + a, n - r - a) / binomial(2a + 1, a). The neuromanifold of
    the MLP [n, r, 1] with activation x^2 (sums of r squares of linear
    forms) is this variety."""
    from fractions import Fraction
    from math import comb
    value = Fraction(1)
    for a in range(n - r):
        value *= Fraction(comb(n + a, n - r - a), comb(2 * a + 1, a))
    assert value.denominator == 1
    return int(value)
