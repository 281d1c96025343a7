"""
The determinantal model (V, M = K^T Q) of one layer of lightning
self-attention (sage_neuro.invariants.attention_determinantal): its
certificate, its degree and ED degree against the coordinate slice of the
parameters, the multidegree and the Segre model, and the networks it
refuses.
"""
import pytest

from sage_neuro import LightningSelfAttention, PolynomialMLP
from sage_neuro.invariants.attention_determinantal import (
    determinantal_count, determinantal_ed_system, determinantal_fiber_system,
    determinantal_model_applies, determinantal_model_certificate, rank_locus_degree)
from sage_neuro.invariants.msolve import count_solutions


@pytest.mark.parametrize("args", [(2, 2, 1, 2), (2, 2, 2, 3), (2, 3, 1, 2), (3, 2, 1, 2),
                                  (3, 2, 2, 2), (3, 3, 1, 2)])
def test_certificate_holds(args):
    C = determinantal_model_certificate(LightningSelfAttention(*args))
    assert C.holds and C.identity and C.rank == C.dimension
    assert C.provenance.method == "proved"


def test_one_token_the_map_L_is_not_injective():
    C = determinantal_model_certificate(LightningSelfAttention(3, 2, 1, 1))
    assert C.identity and not C.holds and C.provenance is None


@pytest.mark.parametrize("net,message", [
    (LightningSelfAttention(3, 1, 1, 2), "needs a >= 2"),
    (LightningSelfAttention(4, 2, 1, 2), "needs a >= d - 1"),
    (LightningSelfAttention(2, 2, 1, 1), "needs t >= 2"),
    (LightningSelfAttention(2, 2, 1, 2, layers=2), "one layer of lightning self-attention"),
    (PolynomialMLP([2, 2, 1], activation=2), "one layer of lightning self-attention"),
], ids=repr)
def test_other_networks_are_refused_by_name(net, message):
    assert not determinantal_model_applies(net)[0]
    with pytest.raises(ValueError, match=message):
        determinantal_count(net, "ed_degree")


@pytest.mark.parametrize("args", [(2, 2, 1, 2), (2, 2, 2, 2), (2, 3, 1, 2), (2, 2, 1, 3)])
def test_ed_degree_agrees_with_the_parameter_slice(args):
    net = LightningSelfAttention(*args)
    slice_value = net.neuromanifold().ed_degree(method="modular", strategy="Rabinowitsch",
                                                seeds=(3, 4), cross_check=False)
    assert determinantal_count(net, "ed_degree", seeds=(1, 2)).value == slice_value


@pytest.mark.parametrize("args", [(2, 2, 1, 2), (2, 2, 2, 2), (3, 2, 1, 2), (3, 2, 1, 3)])
def test_degree_agrees_with_the_parameter_slice(args):
    net = LightningSelfAttention(*args)
    slice_value = net.neuromanifold().degree(method="modular", strategy="Section", seeds=(3, 4))
    assert determinantal_count(net, "degree", seeds=(1, 2)).value == slice_value


def test_the_model_is_generically_injective_modulo_scaling():
    for args in [(2, 2, 1, 2), (3, 2, 1, 2), (3, 2, 2, 2)]:
        E = determinantal_fiber_system(LightningSelfAttention(*args), seed=7)
        assert count_solutions([E]) == [1]


def test_strategy_determinantal_through_the_neuromanifold():
    M = LightningSelfAttention(2, 2, 1, 2).neuromanifold()
    value = M.ed_degree(strategy="Determinantal", cross_check=False)
    P = M.provenance("ed_degree")
    assert P.method == "modular" and "determinantal model" in P.route
    assert value == M.ed_degree(method="modular", strategy="Rabinowitsch", cross_check=False)
    d = M.degree(strategy="Determinantal")
    assert "determinantal model" in M.provenance("degree").route
    assert d == M.degree(method="modular", strategy="Section")
    with pytest.raises(ValueError, match="strategy 'Determinantal' is counted by msolve"):
        M.degree(method="numerical", strategy="Determinantal")
    with pytest.raises(ValueError, match="strategy 'Determinantal' is counted by msolve"):
        M.ed_degree(method="exact", strategy="Determinantal")


# -- the closed formula of the degree (determinantal_degree) -----------------

@pytest.mark.parametrize("args", [(2, 2, 1, 2), (2, 2, 2, 2), (2, 3, 1, 2), (3, 2, 1, 2),
                                  (3, 3, 1, 2), (3, 2, 1, 3)])
def test_degree_formula_agrees_with_the_modular_section(args):
    from sage_neuro.invariants.attention_determinantal import determinantal_degree_record
    net = LightningSelfAttention(*args)
    P = determinantal_degree_record(net)
    assert P.method == "proved" and "Segre product" in P.route
    assert P.value == net.neuromanifold().degree(method="modular", cross_check=False)


def test_degree_formula_for_a_1_is_the_a_1_formulas():
    # the same Segre-product count with a = 1: equal to the shared-factor
    # degree for d_out >= 2, twice the Segre-model degree for d_out = 1 (the
    # swap v <-> k); the a >= 2 formula refuses a = 1
    from sage.all import binomial
    from sage_neuro.invariants.attention_determinantal import determinantal_degree, rank_locus_degree
    from sage_neuro.invariants.attention_factor import shared_factor_degree
    from sage_neuro.invariants.attention_segre import segre_degree
    for d in (2, 3, 4):
        count = lambda m: binomial(m * d - 1 + 2 * d - 2, m * d - 1) * rank_locus_degree(d, d, 1)
        assert count(1) == 2 * segre_degree(d)
        assert all(count(m) == shared_factor_degree(d, m) for m in (2, 3))
    with pytest.raises(ValueError, match="needs a >= 2"):
        determinantal_degree(3, 1, 2)


def test_degree_formula_refuses_one_token_and_other_networks():
    M = LightningSelfAttention(3, 2, 1, 1).neuromanifold()
    with pytest.raises(ValueError, match="t >= 2 tokens"):
        M.degree(method="formula")
    with pytest.raises(ValueError, match="no closed formula"):
        PolynomialMLP([3, 3, 3], activation=2).neuromanifold().degree(method="formula")


def test_degree_formula_through_the_neuromanifold_for_a_below_d_minus_1():
    # a = 2 < d - 1 = 3: outside the determinantal model's counts, inside the formula
    M = LightningSelfAttention(4, 2, 1, 2).neuromanifold()
    assert M.degree(method="formula") == 7280
    assert M.provenance("degree").method == "proved"


@pytest.mark.slow
def test_degree_formula_for_d_4_against_the_model_section():
    # d = 4, a = 4 (M free): 816 = binom(18, 3) sections points, about 100 s
    from sage_neuro.invariants.attention_determinantal import determinantal_degree
    net = LightningSelfAttention(4, 4, 1, 2)
    assert determinantal_count(net, "degree", seeds=(1,)).value == determinantal_degree(4, 4, 1) == 816


@pytest.mark.parametrize("args", [(2, 1, 1, 2), (3, 1, 1, 2), (2, 1, 2, 2), (3, 1, 2, 3)])
def test_auto_degree_of_attention_with_a_1_is_its_closed_formula(args):
    # the Segre (d_out = 1) and shared-factor (d_out >= 2) formulas, against
    # the multidegree of mu (a second route, mod p)
    M = LightningSelfAttention(*args).neuromanifold()
    value = M.degree(cross_check=False)
    P = M.provenance("degree")
    assert P.method == "proved" and "closed formula" in P.note
    assert value == M.degree(method="multidegree", cross_check=False)


def test_no_closed_formula_for_two_layers_of_attention():
    M = LightningSelfAttention(2, 1, 1, 2, layers=2).neuromanifold()
    with pytest.raises(ValueError, match="no closed formula"):
        M.degree(method="formula")


@pytest.mark.parametrize("d,a,m", [(2, 2, 1), (2, 3, 2), (3, 3, 1), (2, 2, 3)])
def test_segre_product_formula_agrees_with_the_segre_veronese_chern_classes(d, a, m):
    # for a >= d the factor D_a is all of P^{d^2 - 1}
    from sage_neuro.invariants.cnn_segre_veronese import segre_veronese_generic_ed_degree
    from sage_neuro.invariants.attention_determinantal import segre_determinantal_generic_ed_degree
    assert (segre_determinantal_generic_ed_degree(d, a, m)
            == segre_veronese_generic_ed_degree([m * d - 1, d * d - 1], [1, 1]))


def test_rank_two_matrices_are_dual_to_rank_one_and_keep_the_generic_ed_degree():
    from sage_neuro.invariants.attention_determinantal import determinantal_chern_mather
    from sage_neuro.invariants.polar_degrees import generic_ed_degree
    n, m, c = determinantal_chern_mather(3, 2)
    assert (n, m) == (8, 7) and c[0] == rank_locus_degree(3, 3, 2)
    assert generic_ed_degree(m, c) == generic_ed_degree(*determinantal_chern_mather(3, 1)[1:]) == 39
    with pytest.raises(ValueError, match="known here for a = 1 or a >= d - 1"):
        determinantal_chern_mather(4, 2)


@pytest.mark.parametrize("d,a,m", [(2, 2, 1), (2, 2, 2), (2, 3, 2)])
def test_generic_ed_degree_of_the_neuromanifold_is_that_of_the_segre_product(d, a, m):
    # observed, not proved: the symmetrization is neither injective nor
    # unramified; with d_out = 2 the ED degree itself is far smaller (the
    # "no" case: the inner product is degenerate on c ⊗ T for c . c = 0)
    from sage_neuro.invariants.attention_determinantal import segre_determinantal_generic_ed_degree
    M = LightningSelfAttention(d, a, m, 2).neuromanifold()
    formula = segre_determinantal_generic_ed_degree(d, a, m)
    assert M.generic_ed_degree(method="modular") == formula
    assert (M.ed_degree() == formula) == (m == 1)
