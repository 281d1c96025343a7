"""
Polar degrees and Chern-Mather classes (sage_neuro.invariants.polar_degrees):
Piene's formula and its inverse, duality, Segre products against the
Chern-class formula of the Segre-Veronese varieties, and the generic ED
degrees of the Veronese varieties against their closed formula.
"""
import random

import pytest

from sage_neuro.invariants.cnn_segre_veronese import segre_veronese_generic_ed_degree
from sage_neuro.invariants.polar_degrees import (
    chern_mather_degrees, dual_polar_degrees, generic_ed_degree, polar_degrees,
    segre_product_chern_mather, veronese_chern_mather)


def test_piene_formula_and_its_inverse_are_inverse():
    rng = random.Random(1)
    for m in range(6):
        c = [rng.randint(-50, 50) for _ in range(m + 1)]
        assert chern_mather_degrees(m, polar_degrees(m, c)) == c
        assert polar_degrees(m, chern_mather_degrees(m, c)) == c


@pytest.mark.parametrize("n,d", [(1, 1), (1, 5), (2, 2), (2, 3), (3, 2), (4, 3)])
def test_veronese_generic_ed_degree_is_the_closed_formula(n, d):
    # arXiv 1309.0049: ((2d - 1)^(n+1) - (d - 1)^(n+1)) / d
    expected = ((2 * d - 1) ** (n + 1) - (d - 1) ** (n + 1)) // d
    assert generic_ed_degree(n, veronese_chern_mather(n, d)) == expected


@pytest.mark.parametrize("dims", [[1, 1], [1, 2], [2, 2], [1, 1, 1], [2, 3], [1, 2, 2]])
def test_segre_products_agree_with_the_segre_veronese_chern_class_formula(dims):
    factors = [(n, n, veronese_chern_mather(n, 1)) for n in dims]
    assert (generic_ed_degree(*segre_product_chern_mather(factors))
            == segre_veronese_generic_ed_degree(dims, [1] * len(dims)))


def test_duality_keeps_the_generic_ed_degree():
    # P^1 x P^2 (2 x 3 matrices of rank 1) and its dual, the 2 x 3 matrices
    # of rank 1 again (the dual of rank <= r is rank <= min - r, here 1)
    P1, P2 = (1, 1, veronese_chern_mather(1, 1)), (2, 2, veronese_chern_mather(2, 1))
    m, c = segre_product_chern_mather([P1, P2])
    mu = polar_degrees(m, c)
    dual = dual_polar_degrees(mu, 3)
    assert sum(dual) == sum(mu) == generic_ed_degree(m, c)
    # the rational normal curves are not self-dual but keep 3d - 2
    for d in (2, 3, 4):
        mu = polar_degrees(1, veronese_chern_mather(1, d))
        dual = dual_polar_degrees(mu, d - 1)
        assert generic_ed_degree(d - 1, chern_mather_degrees(d - 1, dual)) == 3 * d - 2


def test_bad_input_is_refused_by_name():
    with pytest.raises(ValueError, match="chern_mather must list dimension \\+ 1 = 3"):
        polar_degrees(2, [1, 2])
    with pytest.raises(ValueError, match="dimension must be a nonnegative integer"):
        polar_degrees(-1, [])
    with pytest.raises(ValueError, match="dual_dimension must be at least 1"):
        dual_polar_degrees([2, 2], 0)
    with pytest.raises(ValueError, match="factors must be a nonempty list"):
        segre_product_chern_mather([])
    with pytest.raises(ValueError, match="factors\\[0\\] must be a triple"):
        segre_product_chern_mather([5])
    with pytest.raises(ValueError, match="n must be a nonnegative integer"):
        veronese_chern_mather(-1, 1)
