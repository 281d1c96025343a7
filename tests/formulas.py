"""Closed formulas from the literature that several tests compare with (sources next to each)."""

# the degree of the m x n matrices of rank <= r (Harris-Tu), shared with the
# survey's table of published values
from sage_neuro.survey.literature import (determinantal_degree,  # noqa: F401
                                           symmetric_determinantal_degree)


# -- linear convolutional networks (filters k_1..k_L, strides s_1..s_L, one output) ----------

def lcn_ambient_dimension(filters, strides):
    """Length of the end-to-end filter w_1(x) w_2(x^{s_1}) w_3(x^{s_1 s_2}) ...:
    n = k_1 + sum_{l >= 2} (k_l - 1) s_1 ... s_{l-1} (Kohn-Montufar-Shahverdi-Trager,
    arXiv 2304.05752, Section 2: the end-to-end filter as a sparse polynomial factorization)."""
    n, step = filters[0], 1
    for l in range(1, len(filters)):
        step *= strides[l - 1]
        n += (filters[l] - 1) * step
    return n


def lcn_dimension(filters):
    """dim M_{k,s} = sum k_i - (L - 1) for every stride vector (arXiv 2304.05752; for stride
    one arXiv 2108.01538): the only continuous symmetries are the L - 1 filter rescalings."""
    return sum(filters) - (len(filters) - 1)


def lcn_is_thick(filters, strides):
    """Nonempty interior in R^n iff dim = n, i.e. iff s_1 ... s_{l-1} = 1 for every layer l >= 2
    whose filter has size k_l > 1."""
    return lcn_dimension(filters) == lcn_ambient_dimension(filters, strides)


def lcn_is_dense(filters, strides):
    """The factorization is dense (stride one in effect): every filter of size > 1 comes after
    strides 1 only."""
    return all(k == 1 or all(s == 1 for s in strides[:l]) for l, k in enumerate(filters))


def lcn_real_root_counts(filters):
    """Dense LCN (Kohn-Merkh-Montufar-Trager, arXiv 2108.01538): a real binary form of degree
    d = sum (k_i - 1) is in the function space iff it factors over R into factors of degrees
    k_i - 1, iff its number r of real roots (with multiplicity) is at least the number of
    odd-degree factors (each needs a real root; the rest are distributed freely). Returns the
    admissible r = d, d - 2, ... in decreasing order."""
    d = sum(k - 1 for k in filters)
    odd = sum(1 for k in filters if (k - 1) % 2 == 1)
    return [r for r in range(d, -1, -2) if r >= odd]


def lcn_is_filling(filters):
    """Dense LCN: the function space is all of R^n iff at most one filter size k_i is even
    (arXiv 2108.01538): the forms with the fewest real roots, d mod 2, are in the image iff
    the number of odd-degree factors is at most d mod 2 <= 1."""
    return sum(1 for k in filters if k % 2 == 0) <= 1
