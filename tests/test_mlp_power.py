"""
The power model of PolynomialMLP([n, ..., 1, k], activation=c t^r)
(sage_neuro.invariants.mlp_power): the outputs are w (x) g^r, g the
subnetwork's, and the degree is binom(k - 1 + m, k - 1) r^m times the
subnetwork's (m = dim - 1; r^(dim - 1) for one output). The
formula against the linear sections of the network's own parameters and
against published degrees, the certificate and when it fails, the route the
neuromanifold takes, and the networks it refuses (a generic activation,
whose degree the formula does not give).
"""
import pytest

from sage.all import QQ, PolynomialRing

from sage_neuro import LinearNetwork, PolynomialMLP
from sage_neuro.invariants.mlp_power import (
    power_degree_record, power_model_applies, power_model_certificate, power_subnetwork)
from sage_neuro.invariants.mlp_product import product_degree
from sage_neuro.survey.grid import Case
from sage_neuro.survey.literature import published_value


@pytest.mark.parametrize("widths,r,expected", [
    ([2, 1, 1], 2, 2), ([2, 2, 1, 1], 2, 4), ([3, 2, 1, 1], 2, 48), ([2, 2, 2, 1, 1], 2, 16),
    ([2, 2, 1, 1, 1], 2, 16), ([2, 2, 1, 1], 3, 27), ([3, 1, 1], 3, 9)])
def test_formula_equals_the_sections_of_the_parameters(widths, r, expected):
    net = PolynomialMLP(widths, activation=r)
    P = power_degree_record(net)
    assert P.value == expected
    sections = PolynomialMLP(widths, activation=r).neuromanifold()
    assert sections.degree(method="modular", cross_check=False) == expected


@pytest.mark.parametrize("widths,r", [([2, 1, 1, 1, 1], 2), ([3, 1, 1, 1], 2), ([2, 1, 1, 1], 3)])
def test_formula_equals_the_published_degree(widths, r):
    # [2, 1, ..., 1]: rational normal curves; [3, 1, 1, 1]: a Veronese surface
    case = Case.from_key("mlp:activation=%d;widths=%s" % (r, "-".join(map(str, widths))))
    net = case.architecture()
    assert net == PolynomialMLP(widths, activation=r)
    value, source = published_value(case, "degree")
    assert power_degree_record(net).value == value, source


def test_over_the_product_model():
    # [3, 3, 2, 1] is the variety of products of two quadrics (dimension 11,
    # proved degree 126); its squares have degree 2^10 * 126
    net = PolynomialMLP([3, 3, 2, 1, 1], activation=2)
    P = power_degree_record(net)
    assert P.value == 2 ** 10 * product_degree(3) == 129024
    assert "subnetwork: degree proved" in P.certificate
    # the dimension is kept by the embedding
    assert net.neuromanifold().dimension() == PolynomialMLP([3, 3, 2, 1]).neuromanifold().dimension() == 11


def test_auto_takes_the_power_model_and_records_why():
    M = PolynomialMLP([3, 2, 1, 1], activation=2).neuromanifold()
    assert M.degree() == 48
    P = M.provenance("degree")
    assert P.note.startswith("auto: PolynomialMLP([3, 2, 1, 1], activation=2): widths [..., 1, k]")
    assert P.route.startswith("2^(dim - 1) * degree of the subnetwork PolynomialMLP([3, 2, 1]")
    assert P.method == "modular" and P.primes
    # the confirmation of a formula is computed on the network's own
    # parameters: closed_form=False does not take the subnetwork's degree
    N = PolynomialMLP([3, 2, 1, 1], activation=2).neuromanifold()
    assert N.degree(seeds=(3,), closed_form=False, cross_check=False) == 48
    assert "subnetwork" not in N.provenance("degree").route


def test_the_certificate_and_a_subnetwork_that_is_not():
    net = PolynomialMLP([2, 2, 1, 1], activation=3)
    C = power_model_certificate(net)
    assert C.holds and C.exponent == 3 and C.provenance.method == "proved"
    assert C.subnetwork == PolynomialMLP([2, 2, 1], activation=3)
    for other in (PolynomialMLP([2, 2, 1], activation=2), PolynomialMLP([2, 1, 1], activation=3),
                  LinearNetwork([2, 2, 1])):
        C = power_model_certificate(net, subnetwork=other)
        assert not C.holds and "does not hold" in repr(C)


def test_a_scaled_activation():
    t = PolynomialRing(QQ, "t").gen()
    net = PolynomialMLP([2, 2, 1, 1], activation=5 * t ** 2)
    assert power_subnetwork(net) == PolynomialMLP([2, 2, 1], activation=5 * t ** 2)
    assert power_model_certificate(net).holds and power_degree_record(net).value == 4


def test_a_generic_activation_is_refused_and_its_degree_is_not_the_formula():
    # sigma = t^2 - 2t: sigma(g) is not a power of g; the degree of [2, 1, 1]
    # is 3 (a twisted cubic), not 2^(2 - 1) * 1
    net = PolynomialMLP([2, 1, 1], activation="generic", activation_degree=2, activation_seed=1)
    applies, why = power_model_applies(net)
    assert not applies and "c t^r with r >= 2" in why
    assert net.neuromanifold().degree(method="modular", cross_check=False) == 3
    with pytest.raises(ValueError, match="c t\\^r with r >= 2"):
        net.neuromanifold().degree(method="power")


@pytest.mark.parametrize("net,message", [
    (PolynomialMLP([2, 2, 1], activation=2), "widths \\[n, ..., 1, k\\]"),
    (PolynomialMLP([2, 2, 2], activation=2), "widths \\[n, ..., 1, k\\]"),
    (PolynomialMLP([2, 1, 1], bias=True), "without bias or skip"),
    (LinearNetwork([2, 1, 1]), "is a PolynomialMLP"),
])
def test_refused_networks_are_named(net, message):
    assert not power_model_applies(net)[0]
    with pytest.raises(ValueError, match=message):
        power_degree_record(net)


def test_proved_where_the_chain_ends_in_a_dense_network():
    # [2, 1, 1, 1, 1] -> ... -> [2, 1]: the linear forms, dense; the degree 8
    # of the rational normal curve is proved, and so is 27 for [2, 2, 1, 1]
    # x^3 (the binary cubics [2, 2, 1] fill their space)
    for widths, r, value in (([2, 1, 1, 1, 1], 2, 8), ([2, 2, 1, 1], 3, 27)):
        P = power_degree_record(PolynomialMLP(widths, activation=r))
        assert (P.value, P.method) == (value, "proved")
        assert "= number of coordinates (proved" in P.certificate
    # [3, 2, 1] is not dense (ternary quadrics of rank <= 2): its Jacobian
    # rank is only a lower bound, and the value is modular
    P = power_degree_record(PolynomialMLP([3, 2, 1, 1], activation=2))
    assert P.method == "modular" and "number of coordinates" not in P.certificate


def test_a_dense_neuromanifold_has_proved_degree_and_ed_degree_one():
    M = PolynomialMLP([2, 2, 1], activation=3).neuromanifold()
    assert (M.degree(), M.ed_degree()) == (1, 1)
    for name in ("degree", "ed_degree"):
        P = M.provenance(name)
        assert P.method == "proved" and "lower bound for the generic rank" in P.certificate
    # not dense: no such answer
    N = PolynomialMLP([3, 2, 1], activation=2).neuromanifold()
    assert N.dimension() == 5 < N.ambient_dimension() == 6
    assert N.degree() == 3 and "whole function space" not in N.provenance("degree").route


@pytest.mark.parametrize("widths,r,expected", [
    ([2, 2, 1, 2], 2, 12),      # P^1 x v_2(P^2): binom(3, 1) * 4 (the frontier table's value)
    ([2, 2, 1, 3], 2, 24),      # P^2 x v_2(P^2): binom(4, 2) * 4
    ([2, 1, 1, 2], 3, 18),      # P^1 x v_9(P^1), published as a Segre-Veronese variety
    ([3, 2, 1, 2], 2, 240),     # P^1 x (squares of singular ternary quadrics): 5 * 2^4 * 3
])
def test_several_outputs_the_segre_product_against_a_computed_route(widths, r, expected):
    P = power_degree_record(PolynomialMLP(widths, activation=r))
    assert P.value == expected
    # the network's own parameters, without closed formulas: sections mod p
    # or monodromy with its trace test
    M = PolynomialMLP(widths, activation=r).neuromanifold()
    assert M.degree(closed_form=False, cross_check=False) == expected
    assert "subnetwork" not in M.provenance("degree").route
