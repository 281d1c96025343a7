"""
The shared-factor model of one layer of lightning self-attention with a = 1
and d_out >= 2 (sage_neuro.invariants.attention_factor): its certificate,
its degree and ED degree against the library's other routes (multidegree,
coordinate slice of the parameters), the route the neuromanifold takes,
and the cases where it does not apply.
"""
import pytest

from sage.all import binomial

from sage_neuro import LightningSelfAttention, PolynomialMLP
from sage_neuro.invariants.attention_factor import (
    shared_factor_count, shared_factor_degree_system, shared_factor_ed_system,
    shared_factor_model_applies, shared_factor_model_certificate)


@pytest.mark.parametrize("d,m,t", [(2, 2, 2), (2, 2, 3), (2, 3, 2), (3, 2, 2), (3, 2, 4), (3, 3, 2)])
def test_certificate_holds_for_two_or_more_tokens(d, m, t):
    C = shared_factor_model_certificate(LightningSelfAttention(d, 1, m, t))
    assert C.holds and C.identity
    assert C.rank == C.dimension == m * binomial(d + 1, 2) * d
    assert C.provenance.method == "proved"


@pytest.mark.parametrize("d", [2, 3])
def test_one_token_the_map_L_is_not_injective_and_nothing_is_counted(d):
    net = LightningSelfAttention(d, 1, 2, 1)
    C = shared_factor_model_certificate(net)
    assert C.identity and not C.holds
    assert C.rank == 2 * binomial(d + 2, 3) < C.dimension
    assert C.provenance is None and "not injective" in repr(C)
    assert not shared_factor_model_applies(net)[0]
    with pytest.raises(ValueError, match="needs t >= 2 tokens"):
        shared_factor_count(net, "degree")


@pytest.mark.parametrize("net,message", [
    (LightningSelfAttention(3, 1, 1, 2), "needs d_out >= 2"),
    (LightningSelfAttention(3, 2, 2, 2), "needs a = 1, not a = 2"),
    (LightningSelfAttention(1, 1, 2, 2), "needs d >= 2"),
    (LightningSelfAttention(2, 1, 2, 2, layers=2), "one layer of lightning self-attention"),
    (PolynomialMLP([2, 2, 1], activation=2), "one layer of lightning self-attention"),
], ids=repr)
def test_other_networks_are_refused_by_name(net, message):
    assert not shared_factor_model_applies(net)[0]
    with pytest.raises(ValueError, match=message):
        shared_factor_model_certificate(net)
    with pytest.raises(ValueError, match=message):
        shared_factor_ed_system(net)
    with pytest.raises(ValueError, match=message):
        shared_factor_count(net, "ed_degree")


def test_invariant_is_checked():
    with pytest.raises(ValueError, match="invariant must be 'ed_degree' or 'degree'"):
        shared_factor_count(LightningSelfAttention(2, 1, 2, 2), "critical_points")


@pytest.mark.parametrize("d,m,t", [(2, 2, 2), (2, 2, 4), (2, 3, 2), (3, 2, 2)])
def test_system_is_square_and_has_the_dimension_of_the_neuromanifold(d, m, t):
    net = LightningSelfAttention(d, 1, m, t)
    E = shared_factor_ed_system(net, seed=3)
    assert len(E) == E[0].parent().ngens()
    # W has dimension m d + 2 d - 2: the unknowns minus the constraints
    # (the section system adds one linear equation per dimension)
    D = shared_factor_degree_system(net, seed=3)
    constraints = m * binomial(d, 2)
    assert len(D) - constraints == m * d + 2 * d - 2 == net.neuromanifold().dimension()


@pytest.mark.parametrize("d,m,t", [(2, 2, 2), (2, 2, 3), (2, 3, 2), (3, 2, 2)])
def test_degree_agrees_with_the_multidegree(d, m, t):
    net = LightningSelfAttention(d, 1, m, t)
    M = net.neuromanifold()
    P = shared_factor_count(net, "degree")
    assert P.value == M.degree(method="multidegree")
    assert P.seeds == (1, 2) and P.method == "modular"


@pytest.mark.parametrize("d,m,t", [(2, 2, 2), (2, 2, 3), (2, 2, 4), (2, 3, 2)])
def test_ed_degree_agrees_with_the_coordinate_slice(d, m, t):
    net = LightningSelfAttention(d, 1, m, t)
    M = net.neuromanifold()
    P = shared_factor_count(net, "ed_degree", seeds=(4, 5))
    assert P.value == M.ed_degree(method="modular", strategy="Rabinowitsch", cross_check=False)


def test_neuromanifold_takes_the_model_and_records_it():
    M = LightningSelfAttention(2, 1, 2, 2).neuromanifold()
    value = M.ed_degree()
    P = M.provenance("ed_degree")
    assert "shared-factor model" in P.route and "auto" in P.note
    assert value == M.ed_degree(method="modular", strategy="Rabinowitsch", cross_check=False)
    assert M.degree(strategy="SharedFactor") == M.degree(method="multidegree")
    with pytest.raises(ValueError, match="strategy 'SharedFactor' is counted by msolve"):
        M.ed_degree(method="exact", strategy="SharedFactor")


@pytest.mark.parametrize("d,m", [(2, 2), (2, 3), (2, 4), (2, 5), (3, 2), (4, 2)])
def test_degree_formula_agrees_with_the_multidegree(d, m):
    from sage_neuro.invariants.attention_factor import shared_factor_degree
    M = LightningSelfAttention(d, 1, m, 2).neuromanifold()
    assert shared_factor_degree(d, m) == M.degree(method="multidegree")


def test_degree_formula_at_one_output_is_twice_the_segre_degree():
    # the same multilinear map, 2:1 for d_out = 1 (the swap v <-> k)
    from sage.all import multinomial
    from sage_neuro.invariants.attention_segre import segre_degree
    for d in (2, 3, 4):
        assert multinomial(d - 1, d - 1, d - 1) == 2 * segre_degree(d)


@pytest.mark.parametrize("d,m,message", [(1, 2, "d must be an integer >= 2"),
                                         (3, 1, "m must be an integer >= 2"),
                                         (3, 0, "m must be")])
def test_degree_formula_refuses_bad_arguments(d, m, message):
    from sage_neuro.invariants.attention_factor import shared_factor_degree
    with pytest.raises(ValueError, match=message):
        shared_factor_degree(d, m)
