"""The modular routes of the two conjecture checks (generic fiber = symmetry
orbit by gauge-fixed point counts; subnetwork images in Sing(M) by
multiplicities), compared with the exact routes over QQ and with known
answers, "no" cases included."""
import os

import pytest

from sage.arith.misc import factorial
from sage.rings.finite_rings.finite_field_constructor import GF
from sage.rings.polynomial.polynomial_ring_constructor import PolynomialRing
from sage.rings.rational_field import QQ
from sage_neuro import LightningSelfAttention, LinearNetwork, PolynomialCNN, PolynomialMLP
from sage_neuro.constants import FIBER_COUNT_PRIME
from sage_neuro.invariants.fiber_count import count_generic_fiber, symmetry_gauge
from sage_neuro.invariants.identifiability import orbit_component_count
from sage_neuro.invariants.subnetwork_check import check_singularities_modular

t = PolynomialRing(QQ, "t").gen()


# -- generic fiber = orbit ------------------------------------------------------

@pytest.mark.parametrize("net, degree", [
    (LinearNetwork([3, 2, 3]), 1),                          # GL(2): one point in the gauge
    (LinearNetwork([4, 2, 2, 3]), 1),
    (PolynomialMLP([2, 2, 1], activation=3), 2),            # 2! permutations of the neurons
    (PolynomialMLP([3, 3, 1], activation=3), 6),            # 3!
    (PolynomialMLP([2, 2, 1], activation=t**3 + t), 8),     # odd sigma: 2! x 2^2 signs, no gauge
    (PolynomialMLP([1, 2, 1], activation="generic", activation_degree=4), 2),
    (PolynomialCNN([2, 2]), 1),
    (PolynomialCNN([2, 2, 3]), 1),
    (LightningSelfAttention(2, 2, 1, 2), 1),
    (LightningSelfAttention(2, 3, 1, 2), 1),               # a > d: K fixed, Q cut by forms
])
def test_fiber_is_orbit_modular(net, degree):
    R = count_generic_fiber(net)
    assert R.is_orbit is True, R
    assert R.fiber_dimension == net.symmetry_dimension()
    # the number of gauge-fixed points is the number of orbit components
    assert R.gauged_degree == degree == orbit_component_count(net)
    assert R.provenance.method == "modular" and R.provenance.primes == (FIBER_COUNT_PRIME,)
    assert R.provenance.seeds == (0,) and "theta" in R.provenance.choices


def test_permutation_count_is_a_product_of_factorials():
    net = PolynomialMLP([2, 2, 2, 2], activation=2)
    assert count_generic_fiber(net).gauged_degree == factorial(2) * factorial(2)


@pytest.mark.parametrize("net, why", [
    # the attention layer with d = 2, a = 1: the fiber has 2 components
    # (found by the exact route too, test_exact_route_agrees)
    (LightningSelfAttention(2, 1, 1, 2), "points"),
    # swapping the roots of the two linear factors of a linear CNN
    (PolynomialCNN([2, 2], activation=1), "points"),
    # Alexander-Hirschowitz: ternary quadrics of rank 2 are defective
    (PolynomialMLP([3, 2, 1], activation=2), "dimension"),
    # the orthogonal group of sum a_j l_j^2 (quadratic, non-monomial)
    (PolynomialMLP([3, 2, 1], activation=t**2 - 2 * t), "dimension"),
    # binary cubics: Waring rank 2 < 3 neurons
    (PolynomialMLP([2, 3, 1], activation=3), "dimension"),
])
def test_fiber_is_not_orbit_modular(net, why):
    R = count_generic_fiber(net)
    assert R.is_orbit is False, R
    if why == "dimension":
        assert R.fiber_dimension > R.orbit_dimension and "fiber dimension" in R.reason
    else:
        assert R.fiber_dimension == R.orbit_dimension
        assert R.gauged_points > R.orbit_components


@pytest.mark.parametrize("net", [
    LinearNetwork([2, 3, 2]),                     # GL(3) with 1-dimensional stabilizers
])
def test_fiber_undecided_modular(net):
    R = count_generic_fiber(net)
    assert R.is_orbit is None and R.reason.startswith("undecided")


@pytest.mark.parametrize("net", [
    LinearNetwork([3, 2, 3]),
    PolynomialMLP([2, 2, 1], activation=3),
    PolynomialMLP([3, 2, 1], activation=2),
    PolynomialCNN([2, 2], activation=1),
    LightningSelfAttention(2, 1, 1, 2),
])
def test_exact_route_agrees(net):
    # second route: the minimal primes of the fiber over QQ
    assert count_generic_fiber(net).is_orbit == net.check_generic_fiber_is_orbit().is_orbit


def test_other_seeds_agree():
    net = PolynomialMLP([3, 3, 2], activation=3)
    assert {count_generic_fiber(net, seed=s).gauged_degree for s in (0, 1, 2)} == {6}


def test_gauge_passes_through_theta():
    K = GF(FIBER_COUNT_PRIME)
    for net in (LinearNetwork([3, 2, 3]), PolynomialMLP([2, 2, 2, 1], activation=3),
                PolynomialCNN([2, 3, 2]), LightningSelfAttention(3, 2, 2, 2),
                LightningSelfAttention(2, 3, 1, 2), LightningSelfAttention(2, 1, 2, 2, layers=2)):
        th = [K(k + 2) for k in range(int(net.num_parameters()))]
        G = symmetry_gauge(net, th, seed=3)
        assert len(G) == net.symmetry_dimension()
        assert all(g(*th) == 0 and g.degree() == 1 for g in G)
    # rescalings through a skip layer: no gauge known
    net = PolynomialMLP([3, 2, 2, 1], activation=3, skip=True)
    assert net.symmetry_dimension() == 2
    assert symmetry_gauge(net, [K(1)] * int(net.num_parameters())) is None


def test_bad_input():
    with pytest.raises(TypeError, match="net must be an Architecture"):
        count_generic_fiber("mlp")
    with pytest.raises(ValueError, match="prime must be a prime below 2\\^29"):
        count_generic_fiber(LinearNetwork([2, 1, 2]), prime=2 ** 31 - 1)


# -- subnetwork images in Sing(M) -------------------------------------------------

@pytest.mark.parametrize("net, exact", [
    (LinearNetwork([3, 2, 3]), "equal"),
    (LinearNetwork([3, 2, 2, 3]), "equal"),
    (PolynomialMLP([3, 2, 1]), "equal"),
    (PolynomialMLP([2, 2, 1]), "Sing inside subnetworks"),   # M fills the plane of binary quadrics
    (PolynomialCNN([2, 2]), "Sing inside subnetworks"),      # a cone over a smooth variety
    (LightningSelfAttention(2, 2, 1, 2), "equal"),
])
def test_singular_modular_agrees_with_exact(net, exact):
    C = check_singularities_modular(net)
    assert C.method == "modular" and C.singular_contained_in_subnetworks() is None
    # the exact relation has Sing >= subnetworks iff every image is singular
    assert C.singular_contains_subnetworks() == (exact in ("equal", "Sing contains subnetworks"))
    assert (C.relation() is None) == C.singular_contains_subnetworks()
    assert net.check_singularities_are_subnetworks().relation() == exact


def test_singular_modular_multiplicities():
    # rank <= 2 3x3 matrices: the determinantal cubic, multiplicity 2 along
    # the rank-one matrices and 3 at the vertex
    C = check_singularities_modular(LinearNetwork([3, 2, 3]))
    assert [(label, d, m.value) for label, d, m in C.images] == [
        ("LinearNetwork([3, 1, 3])", 5, 2), ("zero network", 0, 3)]
    # every image counted when asked
    C = check_singularities_modular(PolynomialCNN([2, 2]), stop_at_smooth=False)
    assert [m.value for _, _, m in C.images] == [1, 1, 1, 1, 4]


# -- survey rows and the table ----------------------------------------------------------

def test_survey_rows_of_the_modular_routes():
    from sage_neuro.survey.invariants import compute_case
    rows = compute_case("mlp:activation=2;widths=2-2-1",
                        ["generic_fiber_is_orbit", "singularities_are_subnetworks"], 60)[1]
    got = {r["invariant"]: r for r in rows}
    assert got["generic_fiber_is_orbit"]["value"] is False
    assert "modular route agrees" in got["generic_fiber_is_orbit"]["certificate"]
    assert got["singularities_are_subnetworks"]["value"] == "Sing inside subnetworks"


def test_conjectures_table_counts(tmp_path):
    from sage_neuro.survey.frontier import write_conjectures
    from sage_neuro.survey.grid import Case
    from sage_neuro.survey.store import SurveyStore
    d = str(tmp_path)
    db = os.path.join(d, "f.db")
    S = SurveyStore(db)
    c = Case.from_key("mlp:widths=2-2-1")
    S.plan([c], ["singularities_are_subnetworks", "generic_fiber_is_orbit"])
    S.record_case(c.key, None, [
        dict(invariant="singularities_are_subnetworks", status="ok",
             value="not all subnetworks in Sing", method="modular", certificate="multiplicity 1"),
        dict(invariant="generic_fiber_is_orbit", status="ok", value=None, method="modular",
             certificate="undecided: no gauge")])
    S.close()
    md = open(write_conjectures(db, d)[1]).read()
    assert "2 checks stored: 1 decided (0 hold, 1 fail; certainty: 1 modular), 1 undecided" in md
    assert "fails: not all subnetworks in Sing" in md


@pytest.mark.slow
def test_deep_mlp_modular_routes():
    # 18 parameters: fiber dimension 9 > 8 rescalings (modular Jacobian rank)
    assert count_generic_fiber(PolynomialMLP([2, 2, 2, 2, 2, 1], activation=2)).is_orbit is False
    # [2, 2, 2, 2] with t^2: both subnetwork images are singular (multiplicity 6)
    C = check_singularities_modular(PolynomialMLP([2, 2, 2, 2]))
    assert C.singular_contains_subnetworks()
    # two attention layers with a = 1: the fiber has 2 points in the gauge,
    # as for one layer with d_out = 1
    R = count_generic_fiber(LightningSelfAttention(2, 1, 2, 2, layers=2))
    assert R.is_orbit is False and R.gauged_points == 2


def test_a_slow_exact_route_keeps_the_modular_verdict(monkeypatch):
    # the exact route runs past its share of the case's time: an alarm
    # stops it on the Sage side and the row keeps the modular verdict
    from sage_neuro.survey.invariants import compute_case

    def slow(self, theta=None, seed=0, timeout=None):
        while True:
            pass
    monkeypatch.setattr(PolynomialMLP, "check_generic_fiber_is_orbit", slow)
    [r] = compute_case("mlp:activation=2;widths=3-2-1", ["generic_fiber_is_orbit"], 10)[1]
    assert (r["status"], r["value"], r["method"]) == ("ok", False, "modular"), r
    assert r["certificate"].endswith("of the time left ran out)")
