"""
The Segre model of one layer of lightning self-attention with a = d_out = 1
(sage_neuro.invariants.attention_segre): its certificate, its closed
formulas for dimension and degree against the library's other routes, its
ED degree against the coordinate slice of the parameters, and the cases
where it does not apply.
"""
import pytest

from sage.all import binomial

from sage_neuro import LightningSelfAttention, PolynomialMLP
from sage_neuro.invariants.attention_segre import (
    segre_chern_mather, segre_degree, segre_ed_applies, segre_ed_degree, segre_ed_system,
    segre_generic_ed_degree, segre_model_applies, segre_model_certificate,
    segre_transversal_ed_degree_record, swap_symmetry)
from sage_neuro.invariants.cnn_segre_veronese import isotropic_tangency


@pytest.mark.parametrize("d,t", [(1, 2), (2, 2), (2, 3), (3, 2), (3, 3), (3, 4), (4, 2)])
def test_certificate_holds_for_two_or_more_tokens(d, t):
    C = segre_model_certificate(LightningSelfAttention(d, 1, 1, t))
    assert C.holds and C.identity
    assert C.rank == C.dimension == binomial(d + 1, 2) * d
    assert C.provenance.method == "proved"


@pytest.mark.parametrize("d", [2, 3])
def test_one_token_the_map_L_is_not_injective(d):
    # a single cubic form: Sym^2 (x) C^d -> Sym^3 has a kernel
    C = segre_model_certificate(LightningSelfAttention(d, 1, 1, 1))
    assert C.identity and not C.holds
    assert C.rank == binomial(d + 2, 3) < C.dimension
    assert C.provenance is None
    assert "not injective" in repr(C)


@pytest.mark.parametrize("net,message", [
    (LightningSelfAttention(3, 2, 1, 2), "needs a = 1, not a = 2"),
    (LightningSelfAttention(3, 1, 2, 2), "needs d_out = 1, not d_out = 2"),
    (LightningSelfAttention(2, 1, 1, 2, layers=2), "one layer of lightning self-attention"),
    (PolynomialMLP([2, 2, 1], activation=2), "one layer of lightning self-attention"),
], ids=repr)
def test_other_networks_are_refused_by_name(net, message):
    assert not segre_model_applies(net)[0]
    with pytest.raises(ValueError, match=message):
        segre_model_certificate(net)
    with pytest.raises(ValueError, match=message):
        segre_ed_degree(net)


@pytest.mark.parametrize("d", [2, 3, 4])
def test_dimension_3d_minus_2_agrees_with_the_jacobian_rank_and_the_published_formula(d):
    net = LightningSelfAttention(d, 1, 1, 2)
    # Henry-Marchetti-Kohn: 2 a d + d d_out - a^2 - 1 at a = d_out = 1
    assert net.neuromanifold().dimension() == 3 * d - 2 == 2 * d + d - 1 - 1


@pytest.mark.parametrize("d,t", [(2, 2), (2, 3), (3, 2), (3, 3)])
def test_degree_formula_agrees_with_the_multidegree_and_the_slice(d, t):
    M = LightningSelfAttention(d, 1, 1, t).neuromanifold()
    assert segre_degree(d) == M.degree(method="multidegree") == M.degree(method="modular")


def test_degree_formula_d4_agrees_with_the_multidegree():
    M = LightningSelfAttention(4, 1, 1, 2).neuromanifold()
    assert segre_degree(4) == 840 == M.degree(method="multidegree")


def test_degree_formula_is_not_that_of_other_attention_networks():
    # a = 2: no Segre model, and the formula at d = 3 gives another number
    M = LightningSelfAttention(3, 2, 1, 2).neuromanifold()
    assert M.degree() != segre_degree(3)


@pytest.mark.parametrize("t", [2, 3])
def test_ed_degree_d2_agrees_with_the_parameter_slice(t):
    net = LightningSelfAttention(2, 1, 1, t)
    M = net.neuromanifold()
    slice_value = M.ed_degree(method="modular", strategy="Rabinowitsch", seeds=(3, 4),
                              cross_check=False)
    assert segre_ed_degree(net, seeds=(1, 2)).value == slice_value


def test_auto_takes_the_segre_model_and_records_it():
    M = LightningSelfAttention(2, 1, 1, 2).neuromanifold()
    value = M.ed_degree(cross_check=False, closed_form=False)
    P = M.provenance("ed_degree")
    assert P.method == "modular" and "Segre model" in P.route
    assert P.note.startswith("auto: one layer of lightning self-attention")
    assert "L has rank" not in P.note and "rank 6" in P.certificate
    assert value == M.ed_degree(method="modular", strategy="Rabinowitsch", cross_check=False)


def test_segre_strategy_refuses_other_methods_and_engines():
    M = LightningSelfAttention(2, 1, 1, 2).neuromanifold()
    with pytest.raises(ValueError, match="strategy 'Segre' is counted by msolve"):
        M.ed_degree(method="exact", strategy="Segre")
    with pytest.raises(ValueError, match="strategy 'Segre' is counted by msolve"):
        M.ed_degree(method="modular", strategy="Segre", engine="F4")


def test_d4_has_no_segre_ed_system():
    net = LightningSelfAttention(4, 1, 1, 2)
    assert not segre_ed_applies(net)[0]
    with pytest.raises(ValueError, match="needs d = 2 or 3"):
        segre_ed_system(net)


def test_d3_systems_are_square_and_cubic():
    net = LightningSelfAttention(3, 1, 1, 2)
    # the kernel form: S, q1, q2, the kernel n1, n2 and mu; no Rabinowitsch variable
    E = segre_ed_system(net, seed=5)
    assert E[0].parent().ngens() == 6 + 2 + 3 == len(E)
    assert max(f.degree() for f in E) == 3
    # the determinant form: S, q1, q2, lam, z
    E = segre_ed_system(net, seed=5, equations="determinant")
    assert E[0].parent().ngens() == 6 + 2 + 2 == len(E)
    assert max(f.degree() for f in E) == 3
    with pytest.raises(ValueError, match="equations must be 'kernel' or 'determinant'"):
        segre_ed_system(net, equations="adjugate")


@pytest.mark.slow
@pytest.mark.parametrize("t", [2, 3])
def test_ed_degree_d3_agrees_with_the_parameter_slice(t):
    # 1-2 minutes per seed on the Segre model, 3-5 minutes on the slice
    net = LightningSelfAttention(3, 1, 1, t)
    M = net.neuromanifold()
    slice_value = M.ed_degree(method="modular", strategy="Rabinowitsch", seeds=(3,),
                              cross_check=False)
    assert segre_ed_degree(net, seeds=(1,)).value == slice_value


@pytest.mark.slow
def test_ed_degree_d3_kernel_and_determinant_forms_agree():
    # two independent ways to write the rank condition: 20 s and 80 s
    net = LightningSelfAttention(3, 1, 1, 2)
    kernel = segre_ed_degree(net, seeds=(4,))
    determinant = segre_ed_degree(net, seeds=(4,), equations="determinant")
    assert kernel.value == determinant.value
    assert "kernel" in kernel.route and "det S = 0" in determinant.route


@pytest.mark.parametrize("d", [2, 3])
def test_the_swap_of_key_and_value_explains_the_second_fiber_component(d):
    # the generic-fiber-is-orbit check fails for a = d_out = 1: the fiber has
    # twice the components of the orbit, and mu is symmetric in k and v
    net = LightningSelfAttention(d, 1, 1, 2)
    assert swap_symmetry(net)
    check = net.check_generic_fiber_is_orbit(seed=1)
    assert check.is_orbit is False
    assert check.fiber_components == 2 * check.orbit_components


def test_no_swap_symmetry_with_two_outputs_or_a_second_query_row():
    from sage_neuro.invariants.attention_segre import segre_model_applies
    assert not segre_model_applies(LightningSelfAttention(2, 1, 2, 2))[0]
    with pytest.raises(ValueError, match="needs d_out = 1"):
        swap_symmetry(LightningSelfAttention(2, 1, 2, 2))


@pytest.mark.parametrize("d,t", [(2, 2), (2, 3), (2, 4), (3, 2), (3, 3), (3, 4)])
def test_auto_proves_the_generic_ed_degree_for_every_number_of_tokens(d, t):
    M = LightningSelfAttention(d, 1, 1, t).neuromanifold()
    value = M.ed_degree()
    P = M.provenance("ed_degree")
    assert P.method == "proved" and value == segre_generic_ed_degree(d)
    assert "no point on P^%d x P^%d x P^%d" % ((d - 1,) * 3) in P.certificate
    assert "Theorem 5.4" in P.route and P.note.startswith("auto: one layer")


@pytest.mark.parametrize("t", [2, 3])
def test_transversal_value_d2_agrees_with_the_model_and_the_parameter_slice(t):
    net = LightningSelfAttention(2, 1, 1, t)
    proved = segre_transversal_ed_degree_record(net).value
    assert proved == 10 == segre_ed_degree(net, seeds=(5, 6)).value
    assert proved == net.neuromanifold().ed_degree(method="modular", strategy="Rabinowitsch",
                                                   seeds=(3, 4), cross_check=False)


@pytest.mark.slow
def test_transversal_value_d3_agrees_with_the_model_count():
    # 1083 was also counted on the parameter slice for t = 2, 3, 4
    # (docs/frontier/long_runs.csv)
    net = LightningSelfAttention(3, 1, 1, 2)
    assert segre_transversal_ed_degree_record(net).value == 1083
    assert segre_ed_degree(net, seeds=(3, 4)).value == 1083


def test_the_symmetroid_is_dual_to_the_veronese_surface():
    # the generic ED degree is invariant under duality, 13 for the Veronese
    # surface (((2d-1)^(n+1) - (d-1)^(n+1)) / d at n = d = 2); the Euler
    # obstruction of the symmetroid is 1 on rank 2 and 0 along the Veronese
    # surface (a quadric cone in the normal slice): chi = chi(rank 2) = 3
    from sage_neuro.invariants.polar_degrees import generic_ed_degree
    n, m, c = segre_chern_mather(3)
    assert (n, m) == (5, 4) and c[0] == 3 and c[-1] == 3
    assert generic_ed_degree(m, c) == 13


def test_two_outputs_touch_the_isotropic_quadric_along_a_positive_dimensional_set():
    # the "no" case: the ED degree 52 of d = 2, d_out = 2 is far below the
    # generic count; V = c ⊗ v with c . c = 0 spans isotropic tensors
    net = LightningSelfAttention(2, 1, 2, 2)
    T = isotropic_tangency(net)
    assert not T.transversal and T.strata[0][1] is None
    assert "positive-dimensional" in T.certificate()
    assert net.neuromanifold().ed_degree() == 52
    with pytest.raises(ValueError, match="needs d_out = 1"):
        segre_transversal_ed_degree_record(net)


def test_two_query_rows_have_base_points_on_the_product_of_projective_spaces():
    # with a = 2 the products K^T Q vanish on Y = P(Q) x P(K) x P(V): mu has
    # base points there, which lie in the tangency locus, so the test never
    # proves anything for a >= 2
    T = isotropic_tangency(LightningSelfAttention(2, 2, 1, 2))
    assert not T.transversal


def test_the_route_refuses_d4_by_name():
    with pytest.raises(ValueError, match="known here for d <= 3, not d = 4"):
        segre_transversal_ed_degree_record(LightningSelfAttention(4, 1, 1, 2))
    with pytest.raises(ValueError, match="d must be a positive integer"):
        segre_chern_mather(0)
