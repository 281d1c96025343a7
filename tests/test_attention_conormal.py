"""
The ED degree of one layer of lightning self-attention with d = 3, a = 2,
d_out = 1 through the conormal variety of P^2 x D_2
(sage_neuro.invariants.attention_conormal): the two lemmas behind it checked
by a second computation (the differential of the symmetrization at random
points, the polar degrees of the neuromanifold counted mod p against those of
P^2 x D_2), the cases where the answer is no (ramification at rank 1, the
isotropic value rows of d_out = 2), and the record.
"""
import random

import pytest

from sage.all import GF, QQ, PolynomialRing, matrix, vector

from sage_neuro import LightningSelfAttention
from sage_neuro.invariants.attention_conormal import (
    conormal_generic_ed_degree_record, conormal_tangency, conormal_tangency_equations,
    conormal_transversal_applies, conormal_transversal_ed_degree_record, excess_fibers, polar_degree_count,
    ramification_conormal_fiber, rank_one_conormal_fibers)
from sage_neuro.invariants.attention_determinantal import (determinantal_chern_mather,
                                                           segre_determinantal_generic_ed_degree)
from sage_neuro.invariants.polar_degrees import (polar_degrees, segre_product_chern_mather,
                                                 veronese_chern_mather)


def symmetrization_differential(v, M):
    # the matrix of (dv, dM) -> sym_{pr}(dv ⊗ M + v ⊗ dM), rows indexed by
    # (p, r, s), p <= r: the differential of pi o phi at (v, M), written
    # here again as a second computation of the module's
    rows = []
    for p in range(3):
        for r in range(p, 3):
            for s in range(3):
                row = [0] * 12
                # d/dv_q of v_p M_rs + v_r M_ps
                row[p] += M[r, s]
                row[r] += M[p, s]
                # d/dM_qs of the same
                row[3 + 3 * r + s] += v[p]
                row[3 + 3 * p + s] += v[r]
                rows.append(row)
    return matrix(QQ, rows)


def y_polar_degrees():
    m, c = segre_product_chern_mather([(2, 2, veronese_chern_mather(2, 1)),
                                       determinantal_chern_mather(3, 2)])
    return polar_degrees(m, c)


def test_rank_one_parts_stay_below_the_dimension_of_the_conormal_variety():
    fibers = rank_one_conormal_fibers()
    assert [(o, f) for _, o, f in fibers] == [(6, 9), (4, 11)]
    assert all(o + f < 16 for _, o, f in fibers)


def test_symmetrization_unramified_at_rank_two_and_ramified_at_v_times_c():
    rng = random.Random(5)
    for _ in range(5):
        v = vector(QQ, [rng.randint(-9, 9) for _ in range(3)])
        A = matrix(QQ, 3, 2, [rng.randint(-9, 9) for _ in range(6)])
        B = matrix(QQ, 2, 3, [rng.randint(-9, 9) for _ in range(6)])
        M = A * B
        assert M.rank() == 2
        # only the scaling (v, -M) in the kernel
        K = symmetrization_differential(v, M).right_kernel()
        assert K.dimension() == 1
        assert vector(QQ, list(v) + list((-M).list())) in K
    # the answer is no where M = v c^T: pi(v ⊗ v c^T) is ramified
    v, c = vector(QQ, [1, 2, -1]), vector(QQ, [3, 0, 1])
    M = v.column() * c.row()
    assert symmetrization_differential(v, M).right_kernel().dimension() > 1


@pytest.mark.parametrize("codimension", [1, 2])
def test_polar_degrees_of_the_neuromanifold_are_those_of_P2_x_D2(codimension):
    # a second route for step 2: tangent hyperplanes counted on X itself
    expected = list(reversed(y_polar_degrees()))
    net = LightningSelfAttention(3, 2, 1, 2)
    assert polar_degree_count(net, codimension, seed=1) == expected[codimension]
    assert polar_degree_count(net, 0, seed=1) == expected[0] == 0


def test_generic_ed_degree_of_P2_x_D2_is_the_sum_of_its_polar_degrees():
    assert sum(y_polar_degrees()) == segre_determinantal_generic_ed_degree(3, 2) == 7965
    assert y_polar_degrees()[0] == LightningSelfAttention(3, 2, 1, 2).neuromanifold().degree()


def test_two_value_rows_are_tangent_where_the_rows_are_isotropic():
    # the answer is no for d_out = 2: at V = c ⊗ v with c . c = 0 and
    # dF_1/dv = 0 (F_1 of one row) every tangency equation vanishes
    p = 65537
    k = GF(p)
    i = k(256)
    assert i ** 2 == -1
    one = LightningSelfAttention(3, 2, 1, 2)
    R1, (v1, m1), E1 = conormal_tangency_equations(one, prime=p)
    gradient = E1[1:4]              # dF_1/dv, linear in v
    T = PolynomialRing(k, "t")
    t = T.gen()
    rng = random.Random(3)
    for _ in range(50):
        a0, a1, b = ([k(rng.randrange(p)) for _ in range(3)] for _ in range(3))
        # rank one M(t) = a(t) b^T, so det M = 0; dF_1/dv = H(M) v
        M = [(a0[r] + t * a1[r]) * b[s] for r in range(3) for s in range(3)]
        at = R1.hom([T(0)] * 3 + M, T)
        H = matrix(T, 3, 3, [[at(g.derivative(x)) for x in v1] for g in gradient])
        roots = H.det().roots(multiplicities=False)
        if roots:
            break
    else:
        pytest.fail("det H(M(t)) had no root in GF(p) in 50 tries")
    t0 = roots[0]
    Mt = [x(t0) for x in M]
    v = H.apply_map(lambda f: f(t0)).right_kernel().basis()[0]
    # one row: not a point of the tangency locus (d_out = 1 is transversal)
    assert any(e(*(list(v) + Mt)) != 0 for e in E1)
    two = LightningSelfAttention(3, 2, 2, 2)
    R2, (V2, m2), E2 = conormal_tangency_equations(two, prime=p)
    c = [k(1), i]
    V = [c[row] * v[q] for row in range(2) for q in range(3)]
    assert all(e(*(V + Mt)) == 0 for e in E2)


def test_applies_and_refuses_by_name():
    assert conormal_transversal_applies(LightningSelfAttention(3, 2, 1, 3))[0]
    assert conormal_transversal_applies(LightningSelfAttention(3, 3, 1, 2))[0]
    for net, message in [(LightningSelfAttention(3, 2, 2, 2), "needs d_out = 1"),
                         (LightningSelfAttention(4, 3, 1, 2), "needs d <= 3"),
                         (LightningSelfAttention(4, 2, 1, 2), "needs a >= d - 1"),
                         (LightningSelfAttention(3, 1, 1, 2), "needs a >= 2")]:
        applies, why = conormal_transversal_applies(net)
        assert not applies and message in why
        with pytest.raises(ValueError, match=message):
            conormal_transversal_ed_degree_record(net)


def test_tangency_time_out_is_an_exception_and_the_next_call_works():
    net = LightningSelfAttention(3, 2, 1, 2)
    with pytest.raises(TimeoutError):
        conormal_tangency(net, timeout=0.5)
    T = conormal_tangency(net)
    assert T.transversal and T.total == 27


def test_auto_takes_the_proved_value():
    M = LightningSelfAttention(3, 2, 1, 2).neuromanifold()
    assert M.ed_degree() == 7965
    P = M.provenance("ed_degree")
    assert P.method == "proved"
    assert "6 + 9 = 15 and 4 + 11 = 15 < 16" in P.certificate
    assert "Groebner basis {1} mod 32003 on each of the 27 strata" in P.certificate


@pytest.mark.parametrize("d", [2, 3])
def test_free_M_ramification_stays_below_the_conormal_variety(d):
    con, r, fiber = ramification_conormal_fiber(d)
    assert r + fiber < con
    # the same rank by the test's own differential (d = 3) and the generic
    # fiber: dim Con(X) - dim Y
    if d == 3:
        v = vector(QQ, [1, 0, 0])
        J = symmetrization_differential(v, v.column() * v.row())
        assert fiber == J.nrows() - J.rank() - 1 == 8
        assert con - (2 + 8) == 18 - 11 - 1
    assert excess_fibers(LightningSelfAttention(d, d, 1, 2)) == (con, (("M = v c^T", r, fiber),))


@pytest.mark.parametrize("d,a,t", [(2, 2, 2), (2, 2, 3), (2, 3, 2), (3, 3, 2)])
def test_free_M_proved_value_agrees_with_the_count_on_the_model(d, a, t):
    net = LightningSelfAttention(d, a, 1, t)
    P = conormal_transversal_ed_degree_record(net)
    assert P.method == "proved"
    assert P.value == segre_determinantal_generic_ed_degree(d, a) == {2: 14, 3: 543}[d]
    # second route: the critical points counted mod p on the determinantal model
    M = net.neuromanifold()
    assert M.ed_degree(method="modular", strategy="Determinantal", seeds=(1,)) == P.value
    assert "in its normal space (J^T mu = 0)" in P.certificate


@pytest.mark.parametrize("a", [2, 3])
def test_generic_ed_degree_agrees_with_the_count_for_a_random_inner_product(a):
    net = LightningSelfAttention(2, a, 1, 2)
    P = conormal_generic_ed_degree_record(net)
    assert P.method == "proved" and P.value == 14
    assert net.neuromanifold().generic_ed_degree(method="modular") == P.value
    # d = 3, a = 2: no tangency locus needed, so it is quick
    Q = conormal_generic_ed_degree_record(LightningSelfAttention(3, 2, 1, 2))
    assert Q.value == 7965 and "15 < 16" in Q.certificate
