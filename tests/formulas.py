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
