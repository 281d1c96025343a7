"""
The subspace model of an MLP whose first hidden layer is narrower than its
input (sage_neuro.invariants.mlp_subspace): its certificate, its degree and
ED degree against the library's other routes (monodromy, the Hilbert-scheme
model, the coordinate slice), the route the neuromanifold takes, the cases
it refuses, and why the inequality on the cones is needed.
"""
import random

import pytest

from sage.all import GF, PolynomialRing

from sage_neuro import LinearNetwork, PolynomialMLP
from sage_neuro.invariants.msolve import count_solutions
from sage_neuro.invariants.mlp_subspace import (
    square_network, subspace_count, subspace_degree, subspace_degree_system, subspace_ed_system,
    subspace_model_applies, subspace_model_certificate)


@pytest.mark.parametrize("widths,r", [([3, 2, 2], 2), ([4, 2, 2], 2), ([3, 2, 2, 1], 2),
                                      ([3, 2, 3, 1], 2), ([4, 2, 2, 1], 2), ([3, 2, 1], 3)])
def test_certificate_holds_and_has_the_dimension(widths, r):
    net = PolynomialMLP(widths, activation=r)
    C = subspace_model_certificate(net)
    assert C.holds and C.fills and C.identity
    assert C.provenance.method == "proved"
    assert C.rank == C.unknowns == net.neuromanifold().dimension()


@pytest.mark.parametrize("seed", range(4))
def test_certificate_of_a_deep_narrow_network_draws_past_zero_weights(seed):
    # [2, 1, 1, 1, 1, 1] computes c l(x)^16: one zero weight of the ten
    # makes c = 0 and the differential of rank 1; the certificate's point
    # has no zero weight (before, seed 0 reported "does not hold" and
    # M.degree() raised)
    net = PolynomialMLP([2, 1, 1, 1, 1, 1], activation=2)
    C = subspace_model_certificate(net, seed=seed)
    assert C.holds and C.rank == C.unknowns == 2
    if seed == 0:
        M = net.neuromanifold()
        assert M.degree() == 16      # the rational normal curve of degree 16
        assert M.provenance("degree").method == "proved"


@pytest.mark.parametrize("net,message", [
    (PolynomialMLP([3, 3, 3], activation=2), "narrower than the input"),
    (PolynomialMLP([3, 2, 2], activation=3), "fills its space"),
    (PolynomialMLP([3, 2, 3], activation=2), "fills its space"),
    (PolynomialMLP([4, 3, 2, 1], activation=2), "fills its space"),
    (PolynomialMLP([3, 2, 2], activation=2, bias=True), "without bias"),
    (PolynomialMLP([3, 2], activation=2), "with a hidden layer"),
    (LinearNetwork([3, 2, 2]), "with a hidden layer"),
], ids=repr)
def test_other_networks_are_refused_by_name(net, message):
    assert not subspace_model_applies(net)[0]
    with pytest.raises(ValueError, match=message):
        subspace_model_certificate(net)
    with pytest.raises(ValueError, match=message):
        subspace_ed_system(net)
    with pytest.raises(ValueError, match=message):
        subspace_count(net, "degree")


def test_the_inequality_is_needed_for_the_ed_degree_only():
    net = PolynomialMLP([3, 2, 1], activation=2)
    message = r"k \(B\(w_1\) - B\(w_1 - e\)\) > e \(n - e\)"
    assert not subspace_model_applies(net)[0]
    assert subspace_model_applies(net, "degree")[0]
    with pytest.raises(ValueError, match=message):
        subspace_ed_system(net)
    with pytest.raises(ValueError, match=message):
        subspace_count(net, "ed_degree")
    assert subspace_model_certificate(net).holds
    assert subspace_count(net, "degree").value == subspace_degree(3, 2, 2) == 3


@pytest.mark.parametrize("widths,r", [
    ([3, 2, 2], 2), ([3, 2, 1], 2), ([3, 2, 2, 1], 2), ([3, 2, 3, 1], 2), ([4, 2, 2], 2),
    ([3, 2, 1], 3),
    # a minute each (degrees 1015 and 1330)
    pytest.param([5, 2, 2], 2, marks=pytest.mark.slow),
    pytest.param([4, 2, 2, 1], 2, marks=pytest.mark.slow)])
def test_the_segre_class_is_the_count_on_the_model(widths, r):
    net = PolynomialMLP(widths, activation=r)
    D = r ** (len(widths) - 2)
    assert subspace_degree(widths[0], widths[1], D, widths[-1]) == \
        subspace_count(net, "degree").value


def test_the_segre_class_of_matrices_is_the_determinantal_degree():
    # D = 1: k x n matrices of rank <= w, degree
    # prod_{i=0}^{n-w-1} (k+i)! i! / ((w+i)! (k-w+i)!)  (k <= n)
    from sage.all import factorial, prod
    for k, n, w in [(3, 3, 2), (4, 4, 2), (3, 4, 2), (4, 5, 3), (3, 5, 1)]:
        closed = prod(factorial(k + i) * factorial(i) / (factorial(w + i) * factorial(k - w + i))
                      for i in range(n - w))
        assert subspace_degree(n, w, 1, k) == closed
        assert LinearNetwork([n, w, k]).neuromanifold().degree() == closed


def test_the_segre_class_refuses_bad_input():
    with pytest.raises(ValueError, match="1 <= w < n = 3"):
        subspace_degree(3, 3, 2)
    with pytest.raises(ValueError, match="birational only when k >= w"):
        subspace_degree(4, 3, 1, 2)
    with pytest.raises((ValueError, TypeError), match="D"):
        subspace_degree(3, 2, 0)


def test_the_proved_degree_record():
    # [3, 2, 1] x^2: quadrics of rank <= 2; the Segre class, proved, against
    # the modular slice of the neuromanifold's own route
    from sage_neuro.invariants.mlp_subspace import subspace_degree_record
    net = PolynomialMLP([3, 2, 1], activation=2)
    P = subspace_degree_record(net, "why")
    assert P.value == 3 == net.neuromanifold().degree(method="modular")
    assert P.method == "proved" and P.route.startswith("top Segre class") and P.note == "why"
    with pytest.raises(ValueError, match="fills its space"):
        subspace_degree_record(PolynomialMLP([3, 2, 3], activation=2))


def test_invariant_is_checked():
    with pytest.raises(ValueError, match="invariant must be 'ed_degree' or 'degree'"):
        subspace_count(PolynomialMLP([3, 2, 2], activation=2), "critical_points")


def test_square_network_keeps_the_activation():
    assert square_network(PolynomialMLP([5, 3, 2, 4], activation=3)).widths() == (3, 3, 2, 4)
    assert square_network(PolynomialMLP([5, 3, 2, 4], activation=3)).activation_degree() == 3


@pytest.mark.parametrize("widths", [[3, 2, 2, 1], [3, 2, 3, 1], [4, 2, 2]])
def test_degree_agrees_with_the_default_route(widths):
    # the default route is monodromy with a trace test or a coordinate slice
    net = PolynomialMLP(widths, activation=2)
    M = net.neuromanifold()
    on_model = M.degree(strategy="Subspace")
    assert on_model == M.degree(strategy=None, cross_check=False)
    assert subspace_count(net, "degree").route.startswith("a random affine linear section on "
                                                          "the subspace model")


def test_ed_degree_agrees_with_the_hilbert_scheme_model_and_the_slice():
    net = PolynomialMLP([3, 2, 2], activation=2)
    on_model = subspace_count(net, "ed_degree", seeds=(1, 2, 3))
    assert on_model.value == 75
    from sage_neuro.invariants.mlp_hilbert import hilbert_count
    assert hilbert_count(net, "ed_degree").value == on_model.value
    M = PolynomialMLP([3, 2, 2], activation=2, bias=False).neuromanifold()
    assert M.ed_degree(strategy="Rabinowitsch", cross_check=False) == on_model.value


def test_ed_degree_agrees_with_monodromy_for_cubes():
    # [3, 2, 1] x^3: ternary cubics that are sums of two cubes of linear
    # forms, equivalently binary cubics in two linear forms; the default
    # route before this model was monodromy with a trace test
    net = PolynomialMLP([3, 2, 1], activation=3)
    M = net.neuromanifold()
    assert subspace_count(net, "ed_degree").value == M.ed_degree(method="numerical",
                                                                 cross_check=False)


def test_the_two_depth_three_networks_share_their_neuromanifold():
    # [3,2,2,1] and [3,2,3,1] x^2 are both the ternary quartics in two
    # linear forms: one degree, one ED degree, counted for two seed sets
    values = set()
    for widths in ([3, 2, 2, 1], [3, 2, 3, 1]):
        net = PolynomialMLP(widths, activation=2)
        P = subspace_count(net, "ed_degree", seeds=(3, 4))
        values.add((subspace_count(net, "degree").value, P.value))
        assert P.method == "modular" and P.seeds == (3, 4)
    assert len(values) == 1


def test_auto_takes_the_subspace_model_and_says_so():
    M = PolynomialMLP([3, 2, 2, 1], activation=2).neuromanifold()
    M.ed_degree()
    P = M.provenance("ed_degree")
    assert P.route.startswith("critical equations on the subspace model")
    assert "auto:" in P.note and "the subspace model" in P.note
    assert P.certificate.startswith("subspace model: PolynomialMLP([2, 2, 2, 1]")


def test_without_the_inequality_the_cones_add_critical_points():
    # [3, 2, 1] x^2: quadrics of rank <= 2 (ED degree 13 by the default
    # route). At e = 1 the inequality is an equality, 2 = 2: the rank-one
    # quadrics g = c m^2, a set of dimension 4 on which d psi has rank 4,
    # carry finitely many critical points for every data, and the model's
    # critical equations count them too
    net = PolynomialMLP([3, 2, 1], activation=2)
    assert not subspace_model_applies(net)[0]
    K = GF(32003)
    R = PolynomialRing(K, ["g0", "g1", "g2", "a0", "a1"])
    g0, g1, g2, a0, a1 = R.gens()
    X = PolynomialRing(R, ["x0", "x1", "x2"])
    x0, x1, x2 = X.gens()
    y0, y1 = x0 + a0 * x2, x1 + a1 * x2
    Phi = net.output_coordinates([g0 * y0 ** 2 + g1 * y0 * y1 + g2 * y1 ** 2])
    rng = random.Random(5)
    distance = sum((f - K(rng.randrange(32003))) ** 2 for f in Phi)
    on_the_unguarded_model = count_solutions([[distance.derivative(v) for v in R.gens()]])[0]
    ed = net.neuromanifold().ed_degree()
    assert ed == 13
    assert on_the_unguarded_model > ed
