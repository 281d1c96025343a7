"""The ED degree for a generic inner product, by two routes, against
closed formulas (Draisma, Horobet, Ottaviani, Sturmfels, Thomas,
arXiv:1309.0049)."""
import pytest

from sage_neuro import LinearNetwork, PolynomialMLP


@pytest.mark.parametrize("k", [2, 3, 4])
def test_rational_normal_curve(k):
    # MLP [2,1,1] with x^k: the binary forms w (a x + b y)^k, the cone over
    # the rational normal curve of degree k; a smooth curve of degree d and
    # genus g has generic ED degree 3 d + 2 g - 2, here 3 k - 2
    M = PolynomialMLP([2, 1, 1], activation=k).neuromanifold()
    assert M.generic_ed_degree() == 3 * k - 2
    assert M.generic_ed_degree(method="numerical") == 3 * k - 2
    assert M.ed_degree() <= 3 * k - 2


def test_duality_of_rank_one_and_corank_one():
    # the generic ED degree of a variety and its dual agree (Theorem 5.2):
    # 3 x 3 matrices of rank 1 and of rank <= 2
    a = LinearNetwork([3, 1, 3]).neuromanifold()
    b = LinearNetwork([3, 2, 3]).neuromanifold()
    assert a.generic_ed_degree() == b.generic_ed_degree() == 39
    assert b.generic_ed_degree(method="numerical") == 39
    P = b.provenance("generic_ed_degree")
    assert [c.method for c in P.confirmations] == ["modular"]
    # the same run of the correspondence gives the ED degree (Eckart-Young:
    # 3), and both records carry the time of that one run
    assert b.ed_degree(method="correspondence", cross_check=False) == 3
    assert b.provenance("ed_degree").seconds == P.seconds


def test_the_standard_inner_product_is_special_for_matrices():
    # a "no": Eckart-Young's 3 is far from the generic 39
    M = LinearNetwork([3, 1, 3]).neuromanifold()
    assert M.ed_degree() == 3 < M.generic_ed_degree()


def test_filling_network():
    # M = C^6: the only critical point is the data, for any inner product
    assert PolynomialMLP([2, 2, 2], activation=2).neuromanifold().generic_ed_degree() == 1


def test_bad_arguments():
    M = LinearNetwork([2, 1, 2]).neuromanifold()
    with pytest.raises(ValueError, match="method must be one of 'modular', 'numerical'"):
        M.generic_ed_degree(method="auto")
    with pytest.raises(ValueError, match="seeds must be a non-empty"):
        M.generic_ed_degree(seeds=())
