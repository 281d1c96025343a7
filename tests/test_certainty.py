"""The vocabulary of certainty: every route records one of the four levels
of sage_neuro.provenance, the one its computation really has."""
import pytest

from sage.rings.rational_field import QQ

from sage_neuro import LinearNetwork, PolynomialCNN, PolynomialMLP
from sage_neuro.invariants.covering import covering_number_bound
from sage_neuro.invariants.identifiability import check_generic_fiber_is_orbit
from sage_neuro.invariants.image_membership import in_image
from sage_neuro.invariants.voronoi import ParametrizedSet
from sage_neuro.optimization.flow_invariants import gradient_flow_invariants
from sage_neuro.optimization.numerical import newton_critical_points
from sage_neuro.optimization.training import training_experiment
from sage_neuro.provenance import METHODS, Provenance, check_certainty, weakest


def test_the_old_label_is_refused():
    with pytest.raises(ValueError, match="certainty must be one of 'proved', 'exact_random', "
                                         "'modular', 'numerical', not 'exact'"):
        Provenance("degree", 6, "exact")
    with pytest.raises(ValueError):
        check_certainty("exact")
    with pytest.raises(ValueError):
        weakest("proved", "exact")
    assert METHODS == ("proved", "exact_random", "modular", "numerical")


def test_orbit_check_rests_on_a_random_point_both_verdicts():
    # "no": MLP [3, 2, 1] with x^2 (Alexander-Hirschowitz defective);
    # "yes": linear [4, 2, 3]; neither verdict is a proof for the generic fiber
    no = PolynomialMLP([3, 2, 1], activation=2).check_generic_fiber_is_orbit()
    yes = LinearNetwork([4, 2, 3]).check_generic_fiber_is_orbit()
    assert no.is_orbit is False and yes.is_orbit is True
    for R in (no, yes):
        assert R.provenance.method == "exact_random" and not R.provenance.is_proved()
        assert R.provenance.seeds == (0,) and "seed 0" in R.provenance.choices
        assert str(tuple(R.theta)) in R.provenance.choices
        assert R.provenance.failure_probability is None


def test_orbit_check_at_a_given_point_records_it_as_given():
    net = LinearNetwork([2, 1, 2])
    R = check_generic_fiber_is_orbit(net, theta=[1, 2, 3, 4])
    assert R.seed is None and R.provenance.seeds == ()
    assert "(given)" in R.provenance.choices and R.provenance.method == "exact_random"


def test_image_membership_is_proved_for_the_point():
    R = QQ["t"]
    t = R.gen()
    net = PolynomialCNN([1, 1], activation=t ** 2 + t)
    outside, inside = in_image(net, [12, 0]), in_image(net, [0, 0])
    assert (outside.value, inside.value) == (False, True)
    for m in (outside, inside):
        assert m.provenance.method == "proved"
    assert "{1}" in outside.provenance.certificate
    assert "not {1}" in inside.provenance.certificate


def test_rank_drop_locus_is_proved():
    C = LinearNetwork([2, 1, 2]).jacobian_rank_drop_locus()
    rec = C[0].provenance()
    assert rec.method == "proved" and rec.primes == () and rec.seeds == ()
    assert "Frac(R)" in rec.certificate


def test_covering_bounds_are_theorems():
    M = LinearNetwork([10, 2, 10]).neuromanifold()
    covering_number_bound(M, QQ(1) / 10)
    P = M.provenance("covering_number_bound")
    assert P.method == "proved" and P.certificate.startswith("low_rank: ")


def test_gradient_flow_invariants_proved_over_QQ_modular_mod_p():
    net = LinearNetwork([3, 2, 2])
    exact = gradient_flow_invariants(net)
    modular = gradient_flow_invariants(net, method="modular")
    assert exact.provenance.method == "proved" and exact.provenance.primes == ()
    assert modular.provenance.method == "modular" and modular.provenance.primes == (32003,)
    assert len(exact) == len(modular) == 3


def test_voronoi_smoothness_proved_probability_numerical():
    X = ParametrizedSet(LinearNetwork([2, 1, 2]))
    V = X.voronoi_cell([1, 0, 0, 0], samples=20, radius=0.5)
    assert V.provenance["is_smooth"].method == "proved" and V.dimension_method == "proved"
    assert "over QQ" in V.provenance["is_smooth"].certificate
    # the vertex of the cone: not smooth, so its cell dimension is sampled
    W = X.voronoi_cell([0, 0, 0, 0], samples=0, directions=4)
    assert not W.is_smooth and W.provenance["is_smooth"].method == "proved"
    assert W.dimension_method == "numerical" and W.provenance["dimension"].certificate
    P = V.provenance["probability"]
    assert P.method == "numerical" and P.certificate.startswith("Wilson 95% interval")
    assert "20 Gaussian data points" in P.choices


def test_numerical_routes_state_their_certificate():
    R = newton_critical_points(LinearNetwork([2, 1, 2]), [3, 1, 2, 5], starts=40)
    assert R["provenance"].method == "numerical"
    assert "no completeness certificate" in R["provenance"].certificate
    E = training_experiment(PolynomialMLP([2, 1, 1]), trials=4, steps=20, seed=1, progress=False)
    assert E.provenance.method == "numerical"
    assert E.provenance.certificate.startswith("Wilson 95% interval")


def test_loss_critical_points_levels():
    net = LinearNetwork([2, 1, 2])
    C = net.loss_critical_points([3, 1, 2, 5])
    N = net.loss_critical_points([3, 1, 2, 5], method="numerical")
    assert (C.complex_count, C.real_count) == (N.complex_count, N.real_count) == (2, 2)
    assert C.provenance.method == "exact_random" and "linear form" in C.provenance.choices
    assert N.provenance.method == "numerical" and "200-bit" in N.provenance.certificate


def test_parameter_critical_locus_as_certain_as_its_singular_locus():
    net = PolynomialMLP([2, 1, 1])
    L = net.loss_critical_points([10, 1, 9], spurious=True)
    sing = net.neuromanifold().provenance("singular_locus").method
    assert sing == "proved" and L.parameter_locus.provenance.method == "proved"
    assert L.provenance.method == "exact_random"


def test_every_record_of_a_neuromanifold_uses_the_four_levels():
    M = LinearNetwork([3, 2, 3]).neuromanifold()
    M.dimension(), M.degree(), M.ed_degree(), M.singular_locus()
    covering_number_bound(M, QQ(1) / 10)
    for name, rec in M.provenance().items():
        assert rec.method in METHODS, (name, rec.method)


def test_orbit_check_proves_a_negative_verdict_by_dimension():
    # MLP [3, 2, 1] x^2: M = quadrics of rank <= 2 in 3 variables, dim 5;
    # generic fiber 8 - 5 = 3 > 2 rescalings: proved, whatever theta
    R = PolynomialMLP([3, 2, 1], activation=2).check_generic_fiber_is_orbit(prove=True, seed=3)
    assert R.is_orbit is False and R.generic_fiber_dimension == 3
    assert R.provenance.method == "proved" and "Krull dimension" in R.provenance.certificate
    # linear [4, 2, 3]: the generic fiber dimension 14 - 10 = 4 = dim GL(2) is
    # proved, but the positive verdict still rests on theta
    L = LinearNetwork([4, 2, 3]).check_generic_fiber_is_orbit(prove=True)
    assert L.is_orbit is True and L.generic_fiber_dimension == 4
    assert L.provenance.method == "exact_random" and "is proved" in L.provenance.note


def test_orbit_check_detects_a_special_point():
    # theta = 0 lies on every jump locus: its fiber (w1 = 0 or w2 = 0) is
    # larger than the proved generic fiber
    R = LinearNetwork([2, 1, 2]).check_generic_fiber_is_orbit(theta=[0, 0, 0, 0], prove=True)
    assert R.is_orbit is None and "theta is special" in R.reason
    assert R.generic_fiber_dimension == 1 and R.fiber_dimension == 2
