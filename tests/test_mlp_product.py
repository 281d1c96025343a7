"""
The product model of PolynomialMLP([n, h, 2, 1], activation=2), h >= n >= 3
(sage_neuro.invariants.mlp_product): the neuromanifold is the variety of
quartics that are products of two quadrics. Its certificate, its closed
degree against the count on the model and the slice of the parameters, the
route the neuromanifold takes, the networks it refuses, and why n = 2 is
refused (the product map is not birational there).
"""
import random

import pytest

from sage.all import GF, matrix, vector

from sage_neuro import LinearNetwork, PolynomialMLP
from sage_neuro.invariants.mlp_product import (
    product_count, product_degree, product_degree_record, product_ed_system,
    product_fiber_system, product_model_applies, product_model_certificate, product_model_map)
from sage_neuro.invariants.msolve import count_solutions


@pytest.mark.parametrize("widths", [[3, 3, 2, 1], [3, 4, 2, 1]])
def test_certificate_holds_with_the_dimension_of_the_neuromanifold(widths):
    net = PolynomialMLP(widths, activation=2)
    C = product_model_certificate(net)
    assert C.holds and C.identity and C.provenance.method == "proved"
    assert C.rank == C.dimension == net.neuromanifold().dimension() == 11


def test_a_certificate_short_of_the_dimension_does_not_hold():
    from sage_neuro.invariants.mlp_product import ProductModelCertificate
    net = PolynomialMLP([3, 3, 2, 1], activation=2)
    C = ProductModelCertificate(net, True, 10, 11, 0.0)
    assert not C.holds and "does not hold" in repr(C) and "rank 10" in repr(C)
    assert not ProductModelCertificate(net, False, 11, 11, 0.0).holds
    with pytest.raises(ArithmeticError, match="not computed"):
        from sage_neuro.invariants.model_counts import formula_record
        formula_record(net, lambda _: C, lambda: 126, "formula", "product model")


def test_four_variables_the_degree_beyond_the_other_routes():
    # dimension 19 in 35 coordinates: the certificate in a second, the
    # formula 24310 (no section or monodromy reaches it here)
    net = PolynomialMLP([4, 4, 2, 1], activation=2)
    P = product_degree_record(net)
    assert P.value == 24310 and P.method == "proved"
    assert "rank 19, dim Pi = 19" in P.certificate
    assert net.neuromanifold().dimension() == 19


def test_a_scaled_activation_is_a_product_too():
    from sage.all import QQ, PolynomialRing
    t = PolynomialRing(QQ, "t").gen()
    net = PolynomialMLP([3, 3, 2, 1], activation=3 * t ** 2)
    assert product_model_applies(net)[0] and product_model_certificate(net).holds


@pytest.mark.parametrize("net,message", [
    (PolynomialMLP([3, 2, 2, 1], activation=2), "at least as wide as the input"),
    (PolynomialMLP([2, 2, 2, 1], activation=2), "n >= 3 inputs"),
    (PolynomialMLP([3, 3, 3, 1], activation=2), r"widths \[n, h, 2, 1\]"),
    (PolynomialMLP([3, 3, 2, 2], activation=2), r"widths \[n, h, 2, 1\]"),
    (PolynomialMLP([3, 3, 2], activation=2), r"widths \[n, h, 2, 1\]"),
    (PolynomialMLP([3, 3, 2, 1], activation=3), "activation c t\\^2"),
    (PolynomialMLP([3, 3, 2, 1], activation=2, bias=True), "without bias"),
    (LinearNetwork([3, 3, 2, 1]), "PolynomialMLP"),
], ids=repr)
def test_other_networks_are_refused_by_name(net, message):
    assert not product_model_applies(net)[0]
    with pytest.raises(ValueError, match=message):
        product_model_certificate(net)
    with pytest.raises(ValueError, match=message):
        product_ed_system(net)
    with pytest.raises(ValueError, match=message):
        product_count(net, "degree")
    with pytest.raises(ValueError, match=message):
        product_degree_record(net)


def test_the_closed_degree_is_the_count_on_the_model_and_monodromy():
    # three routes: the formula, sections of the model mod p, and monodromy
    # of a section of the parameters with its trace test
    net = PolynomialMLP([3, 3, 2, 1], activation=2)
    on_model = product_count(net, "degree", seeds=(1, 2))
    assert on_model.note == "(points, fiber points) per seed: [(126, 1), (126, 1)]"
    M = net.neuromanifold()
    assert product_degree(3) == on_model.value == M.degree(method="numerical") == 126
    assert M.provenance("degree").route.startswith("monodromy")


@pytest.mark.slow
def test_the_closed_degree_of_a_wider_first_layer_against_monodromy():
    # about 4 minutes of monodromy on the parameters, against a certificate
    net = PolynomialMLP([3, 4, 2, 1], activation=2)
    assert net.neuromanifold().degree(closed_form=False) == product_degree(3)


def test_auto_takes_the_proved_formula():
    M = PolynomialMLP([3, 4, 2, 1], activation=2).neuromanifold()
    assert M.degree() == 126
    P = M.provenance("degree")
    assert P.method == "proved" and P.route.startswith("binom(2m - 2, m - 1) / 2")
    assert P.certificate.startswith("product model: mu = a_1 P_1^2 + a_2 P_2^2: True")


def test_the_closed_degree_is_a_binomial():
    # (h1 + h2)^(2m - 2) on P^(m-1) x P^(m-1) is binom(2m - 2, m - 1); the
    # map has degree 2
    assert [product_degree(n) for n in (3, 4)] == [126, 24310]
    for bad in (2, 1, "3", 3.5):
        with pytest.raises(ValueError, match="n must be an integer >= 3"):
            product_degree(bad)


def test_the_fiber_of_the_model_has_one_point():
    # the pencil and the quadratic form on it: no order of the factors
    net = PolynomialMLP([3, 3, 2, 1], activation=2)
    assert count_solutions([product_fiber_system(net, seed=s) for s in (1, 2)]) == [1, 1]


def test_for_binary_quartics_the_product_map_has_degree_six():
    # why n = 2 is refused: a binary quartic has three factorizations into
    # two quadrics, six ordered ones; on the chart q_0 = 1 the fiber of a
    # random product has 6 points
    from sage.all import PolynomialRing
    K = GF(32003)
    R = PolynomialRing(K, ["q1", "q2", "r0", "r1", "r2"])
    q1, q2, r0, r1, r2 = R.gens()
    X = PolynomialRing(R, ["x0", "x1"])
    x0, x1 = X.gens()
    f = (x0 ** 2 + q1 * x0 * x1 + q2 * x1 ** 2) * (r0 * x0 ** 2 + r1 * x0 * x1 + r2 * x1 ** 2)
    rng = random.Random(5)
    point = {v: K(rng.randrange(32003)) for v in R.gens()}
    eqs = [c - c.subs(point) for c in f.coefficients()]
    assert R.ideal(eqs).vector_space_dimension() == 6


def test_the_ed_system_vanishes_at_a_critical_point_built_backwards():
    # a point (V, S) of the model and data u = psi + nu with nu orthogonal
    # to the image of the differential: the partial derivatives of the
    # distance vanish there, and only there among random points
    net = PolynomialMLP([3, 3, 2, 1], activation=2)
    K = GF(32003)
    R, _, _, Phi = product_model_map(net, base_ring=K)
    rng = random.Random(3)
    point = [K(rng.randrange(32003)) for _ in R.gens()]
    J = matrix(K, [[f.derivative(x)(point) for x in R.gens()] for f in Phi])
    assert J.rank() == 11
    nu = J.left_kernel().basis_matrix().transpose() * vector(K, [rng.randrange(32003)
                                                                 for _ in range(4)])
    u = vector(K, [f(point) for f in Phi]) + nu
    distance = sum((f - c) ** 2 for f, c in zip(Phi, u))
    grad = [distance.derivative(x) for x in R.gens()]
    assert all(g(point) == 0 for g in grad)
    other = [K(rng.randrange(32003)) for _ in R.gens()]
    assert any(g(other) != 0 for g in grad)


def test_the_ed_system_has_one_equation_per_unknown_and_removes_the_squares():
    net = PolynomialMLP([3, 3, 2, 1], activation=2)
    E = product_ed_system(net, seed=1)
    R = E[0].parent()
    assert len(E) == R.ngens() == 12
    # the last equation t det S - 1 has no solution where the quadratic form
    # S on the pencil is degenerate, i.e. where the output is a square
    last = E[-1]
    K = R.base_ring()
    rng = random.Random(2)
    point = {x: K(rng.randrange(32003)) for x in R.gens()[:8]}
    a, b = K(3), K(5)
    square = dict(point, s11=a * a, s12=a * b, s22=b * b)
    assert last.subs({R(k): v for k, v in square.items()}) == -1


def test_invariant_is_checked():
    with pytest.raises(ValueError, match="invariant must be 'ed_degree' or 'degree'"):
        product_count(PolynomialMLP([3, 3, 2, 1], activation=2), "critical_points")
