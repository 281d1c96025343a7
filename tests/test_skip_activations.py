"""MLPs with identity skip connections and activations with lower-order terms
through every checker: symmetries against the computed generic fiber,
singularities vs subnetworks, spurious critical points, Voronoi cells,
training, the survey grid."""
import pytest

from sage.arith.misc import factorial
from sage.rings.polynomial.polynomial_ring_constructor import PolynomialRing
from sage.rings.rational_field import QQ
from sage_neuro import PolynomialMLP
from sage_neuro.invariants.identifiability import orbit_component_count

t = PolynomialRing(QQ, "t").gen()


# -- symmetry dimension vs the generic fiber dimension N - dim M -------------
# (dim M: Jacobian rank mod p, a second route independent of the symmetry
# count). Cases where neither the Alexander-Hirschowitz defects nor a
# filling sub-block enlarge the fiber.
@pytest.mark.parametrize("net, sym", [
    (PolynomialMLP([3, 2, 2]), 2),                                        # rescalings
    (PolynomialMLP([3, 2, 2], activation=t**2 + t), 0),                   # lower term kills them
    (PolynomialMLP([3, 2, 2], activation=t**2 + 1), 0),
    (PolynomialMLP([3, 2, 2], activation=t**2 + t, bias=True), 2),        # (t + 1/2)^2 - 1/4
    (PolynomialMLP([2, 2, 2], activation=t**2 + 1, bias=True), 2),
    (PolynomialMLP([3, 3, 2], activation=t**2 + t, bias=True), 3),
    (PolynomialMLP([3, 2, 2], activation=t**3 + t, bias=True), 0),        # not a shifted monomial
    (PolynomialMLP([2, 2, 2], skip=True), 0),                             # identity path pinned
    (PolynomialMLP([2, 2, 2], activation=t**2 + t, skip=True), 0),
    (PolynomialMLP([3, 3, 2], activation=3, skip=True), 0),
    (PolynomialMLP([2, 2, 2, 2], activation=3, bias=True, skip=True), 0),
    (PolynomialMLP([3, 2, 2, 1], activation=3, skip=True), 2),            # extends through the skip
    (PolynomialMLP([3, 2, 2, 1], activation=3, bias=True, skip=True), 2),
])
def test_symmetry_dimension_is_generic_fiber_dimension(net, sym):
    fiber = net.num_parameters() - net.neuromanifold().dimension()
    assert net.symmetry_dimension() == sym == fiber
    assert net.expected_dimension() == net.neuromanifold().dimension()


@pytest.mark.parametrize("net, fiber", [
    # quadratic activation, one output: the orthogonal group of the quadric
    # sum_j a_j l_j^2 is not a symmetry of the parameters -- fiber 1 > 0
    (PolynomialMLP([3, 2, 1], activation=t**2 + t), 1),
    # the skip block [2, 2, 1] fills its function space on y = l(x)^2
    (PolynomialMLP([3, 2, 2, 1], skip=True), 3),
])
def test_fiber_larger_than_the_symmetry_group(net, fiber):
    assert net.num_parameters() - net.neuromanifold().dimension() == fiber
    assert net.symmetry_dimension() < fiber


def test_rescaling_center():
    assert PolynomialMLP([2, 2, 1], activation=t**2 + t, bias=True).rescaling_center() == QQ(-1) / 2
    assert PolynomialMLP([2, 2, 1], activation=(t + 1)**3 + 5, bias=True).rescaling_center() == -1
    assert PolynomialMLP([2, 2, 1], activation=t**2 + t).rescaling_center() is None
    assert PolynomialMLP([2, 2, 1], activation=1).rescaling_center() is None


@pytest.mark.parametrize("net, dim, comps", [
    (PolynomialMLP([2, 2, 2], skip=True), 0, 4),                   # signs of the rows of W_1
    (PolynomialMLP([2, 2, 2], activation=3, skip=True), 0, 5),     # cube roots of unity: (3^2 + 1)/2
    (PolynomialMLP([2, 2, 2], activation=t**3 + t, skip=True), 0, 1),
    (PolynomialMLP([2, 2, 2], activation=t**2 + t), 0, factorial(2)),
    (PolynomialMLP([2, 2, 2], activation=t**2 + t, bias=True), 2, factorial(2)),
])
def test_generic_fiber_is_orbit_with_skips_and_lower_terms(net, dim, comps):
    R = net.check_generic_fiber_is_orbit()
    assert R.is_orbit, R
    assert R.fiber_dimension == dim == net.symmetry_dimension()
    assert R.fiber_components == comps == orbit_component_count(net)


def test_generic_fiber_is_not_orbit_lower_terms():
    # the "no" case: t^2 + t kills the rescalings, the quadric's orthogonal
    # group remains in the fiber
    R = PolynomialMLP([3, 2, 1], activation=t**2 + t).check_generic_fiber_is_orbit()
    assert R.is_orbit is False
    assert R.fiber_dimension == 1 and R.orbit_dimension == 0


def test_orbit_components_unknown_through_skip_chains():
    net = PolynomialMLP([3, 2, 2, 1], activation=3, skip=True)
    assert orbit_component_count(net) is None


# -- singularities vs subnetworks ---------------------------------------------
def test_residual_subnetworks_keep_the_identity_path():
    from sage_neuro.invariants.subnetwork_check import subnetwork_embeddings
    net = PolynomialMLP([2, 2, 1], skip=True)
    emb = subnetwork_embeddings(net)
    assert [label for label, _, _ in emb] == [
        "residual branch of neuron %d of skip layer 1 removed" % j for j in range(2)]
    label, sub, phi = emb[0]
    f = net.output_polynomials([phi[k](*net.random_parameters(seed=1)) for k in range(6)])[0]
    x0, x1 = f.parent().gens()
    # branch 0 removed: w2_0 x0 + w2_1 (l(x)^2 + x1), the identity path stays
    assert f.monomial_coefficient(x0) != 0 and f.monomial_coefficient(x1) != 0


@pytest.mark.parametrize("net, relation", [
    # Sing = the image of the removed branch: yes
    (PolynomialMLP([1, 1, 1, 1], skip=True), "equal"),
    (PolynomialMLP([1, 1, 1, 1], activation=t**2 + t, skip=True), "equal"),
    # the quadric cone c0 c3 = c1 c2: Sing = {0}; the branch-removed plane is
    # smooth -- no
    (PolynomialMLP([1, 1, 2], activation=t**2 + t, skip=True), "Sing inside subnetworks"),
])
def test_singularities_of_skip_mlps(net, relation):
    C = net.check_singularities_are_subnetworks(timeout=120)
    assert C.relation() == relation
    assert C.method == "proved"
    assert C.is_consistent()
    assert all(S.verified is None for S in C.images)


# -- spurious critical points --------------------------------------------------
@pytest.mark.parametrize("net", [PolynomialMLP([1, 1, 2], skip=True),
                                 PolynomialMLP([1, 1, 2], activation=t**2 + t, skip=True)])
def test_spurious_critical_points_of_skip_mlps(net):
    from sage_neuro.optimization.spurious import parameter_critical_locus
    u = [3, 4, -8, -1]
    L = parameter_critical_locus(net, u, timeout=120)
    # the neuromanifold is the quadric cone c0 c3 = c1 c2 (x^2 + x times a
    # vector): ED degree 2 for generic data, a closed formula for the cone
    # over P^1 x P^1
    assert L.true_image_points == 2
    assert L.spurious, L
    # the spurious components: the branch removed (w = 0) maps to the
    # projection of u to the plane of linear functions -- a smooth point
    for c in L.spurious:
        assert c.image_dimension == 0 and not c.maps_to_singular


def test_critical_point_counts_lower_terms():
    from sage_neuro.optimization.spurious import critical_point_counts
    [c] = critical_point_counts(PolynomialMLP([2, 1, 1], activation=t**2 + t), seeds=[0])
    # the dead neuron maps to the vertex 0, a singular point
    assert c["spurious_components"] == 1 and c["spurious_on_singular"] == 1
    assert c["true"] >= c["true_real"] >= 1


# -- Voronoi cells and training ------------------------------------------------
def test_voronoi_cell_on_a_skip_mlp():
    from sage_neuro.invariants.voronoi import ParametrizedSet
    X = ParametrizedSet(PolynomialMLP([1, 1, 2], skip=True))
    assert X.dimension() == 3
    # (0, 1, 0, 1): the function x (both outputs), the branch removed: a
    # smooth point of the cone c0 c3 = c1 c2; its cell is the normal line
    V = X.voronoi_cell([0, 1, 0, 1], samples=0)
    assert V.is_smooth and V.dimension == 1
    # the vertex 0 is singular: a cell of full dimension (numerical)
    V0 = X.voronoi_cell([0, 0, 0, 0], samples=0)
    assert not V0.is_smooth


@pytest.mark.parametrize("net", [PolynomialMLP([2, 2, 1], skip=True),
                                 PolynomialMLP([2, 2, 2], activation=t**2 + t),
                                 PolynomialMLP([2, 2, 2], activation=t**3 + t**2 + t, skip=True)])
def test_training_on_skip_and_lower_terms(net):
    from sage_neuro.optimization.training import training_experiment
    E = training_experiment(net, trials=6, steps=200, seed=1, progress=False)
    assert E.inside_count() >= 1
    assert 0 <= E.fraction_singular() <= 1
    assert E.provenance.method == "numerical"


# -- the survey grid -------------------------------------------------------------
def test_survey_families():
    from sage_neuro.survey.grid import Case, grid_cases
    cases = grid_cases("skipmlp")
    nets = [c.architecture() for c in cases]
    assert any(n.skip_layers() for n in nets) and any(not n.skip_layers() for n in nets)
    assert {str(n.activation()) for n in nets} == {"t^2", "t^3", "t^2 + t", "t^3 + t^2 + t"}
    assert all(Case.from_key(c.key) == c for c in cases)
    for family in ("circular", "deepsets", "permutation_equivariant"):
        cs = grid_cases(family)
        assert cs and all(c.architecture().unconstrained_architecture() for c in cs)
    with pytest.raises(ValueError, match="skip must be 0 or 1"):
        grid_cases("skipmlp", "widths=2-2-1;skip=2")


# -- atlas sections --------------------------------------------------------------
def test_atlas_skip_section(tmp_path):
    import csv
    from sage_neuro.reports.atlas import atlas_skip_section
    from sage_neuro.survey.skip_survey import SKIP_COLUMNS
    rows = [dict.fromkeys(SKIP_COLUMNS, "") for _ in range(2)]
    rows[0].update(architecture="PolynomialMLP([1, 1, 2], activation=2)", skip="no", activation="t^2",
                   spurious_points="2/2/2", gd_singular_fraction="0.30")
    rows[1].update(architecture="PolynomialMLP([1, 1, 2], activation=2, skip=True)", skip="yes",
                   activation="t^2", spurious_points="1/1/1", gd_singular_fraction="0.30")
    f = tmp_path / "t.csv"
    with open(f, "w", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=SKIP_COLUMNS)
        w.writeheader()
        w.writerows(rows)
    text = atlas_skip_section(str(tmp_path), table=str(f))
    assert (tmp_path / "skip_survey.png").exists()
    assert ("Skip vs no skip (1 pairs with both counts): fewer spurious points with the skip in 1, "
            "as many in 0, more in 0; gradient descent ends on Crit(mu) less often with the skip "
            "in 0 of 1 pairs, as often in 1") in text


def test_atlas_equivariant_section():
    from sage_neuro.reports.atlas import atlas_equivariant_section
    text = atlas_equivariant_section()
    rows = {line.split(" | ")[0].strip("| "): line.split(" | ") for line in text.splitlines()
            if line.startswith("| ") and "architecture" not in line}
    # MLP [4, 2, 1] with t^2: symmetric 4x4 matrices of rank <= 2, dimension
    # 2*4 - 1 = 7 against the expected 10 - 2 = 8 (Alexander-Hirschowitz)
    mlp = rows["PolynomialMLP([4, 2, 1], activation=2)"]
    assert mlp[6] == "7" and mlp[7] == "1"
    ds = rows["DeepSetsNetwork(2, [2, 1], [1, 1])"]
    assert ds[7] == "0"
    assert len(rows) == 12


def test_survey_runs_an_equivariant_family(tmp_path):
    from sage_neuro.survey.runner import run_survey
    from sage_neuro.survey.store import SurveyStore
    db = str(tmp_path / "s.db")
    st = run_survey("deepsets", "n=2;phi=2-1;rho=1-1", db, invariants="expected_dimension,dimension",
                    processes=0, progress=False)
    assert st == {"done": 1, "failed": 0, "total": 1}
    vals = {r["invariant"]: r["value"] for r in SurveyStore(db).rows()}
    # DeepSets (2, [2, 1], [1, 1]): 3 parameters, one rescaling, dimension 2
    assert vals == {"expected_dimension": 2, "dimension": 2}
