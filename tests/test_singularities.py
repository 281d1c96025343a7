"""Singular loci vs subnetworks: the exact checker and its certificates."""
import pytest

from sage.matrix.constructor import matrix
from sage_neuro import LightningSelfAttention, LinearNetwork, PolynomialCNN, PolynomialMLP
from sage_neuro.invariants.subnetwork_check import (SubnetworkCertificate, check_singularities_are_subnetworks,
                                                    subnetwork_embeddings, subnetwork_images)
from sage_neuro.m2 import M2TimeoutError


def _minors_ideal(net, m, n, size):
    # closed formula: the matrices of rank < size are cut out by the size-minors
    C = net.coordinate_ring()
    A = matrix(C, m, n, C.gens())
    return C.ideal(A.minors(size))


def _consistent(cert):
    # the exact containments and the modular cross-check agree
    assert isinstance(cert, SubnetworkCertificate)
    for where, cc in zip(cert.image_in_singular, cert.cross_check):
        assert bool(where) == cc
    assert cert.is_consistent()
    assert len(cert.lines()) >= 2


def test_linear_3223_sing_is_rank_one_locus():
    # 3x3 matrices of rank <= 2 (a hypersurface): Sing = rank <= 1 = image of [3, 1, 2, 3]
    net = LinearNetwork([3, 2, 2, 3])
    cert = net.check_singularities_are_subnetworks()
    _consistent(cert)
    assert cert.relation() == "equal" and cert.method == "proved"
    [P] = cert.singular_components
    assert P == _minors_ideal(net, 3, 3, 2)
    labels = [S.label for S in cert.images]
    assert labels[0] == "LinearNetwork([3, 1, 2, 3])" and labels[-1] == "zero network"
    assert cert.images[0].verified is True
    assert cert.images[0].dimension == 5  # r(m + n - r) with r = 1


@pytest.mark.slow
def test_linear_423_kohn_example():
    # Kohn's baby example: 3x4 rank <= 2; Sing = rank <= 1 (dim 6, degree 10)
    net = LinearNetwork([4, 2, 3])
    cert = net.check_singularities_are_subnetworks()
    _consistent(cert)
    assert cert.is_equal()
    [P] = cert.singular_components
    assert P == _minors_ideal(net, 3, 4, 2)


def test_linear_whole_space_has_no_singularities():
    cert = LinearNetwork([2, 2, 2]).check_singularities_are_subnetworks()
    assert cert.singular_components == []
    assert cert.relation() == "Sing inside subnetworks"
    assert not cert.singular_contains_subnetworks()
    assert cert.cross_check == [False] * len(cert.images)


@pytest.mark.parametrize("degree", [5, pytest.param(6, marks=pytest.mark.slow)])
def test_mlp_secant_of_rational_normal_curve(degree):
    # [1, 2, 1] with a generic activation of degree D: the cone over the secant
    # variety of the rational normal curve of degree D, singular exactly along
    # the curve = the subnetwork [1, 1, 1] (seed: subnetworks are singular)
    net = PolynomialMLP([1, 2, 1], activation="generic", activation_degree=degree)
    cert = net.check_singularities_are_subnetworks()
    _consistent(cert)
    assert cert.relation() == "equal" and cert.method == "proved"
    assert [S.dimension for S in cert.images] == [2, 0]
    assert cert.images[0].verified is True


def test_mlp_other_activation_seed():
    net = PolynomialMLP([1, 2, 1], activation="generic", activation_degree=5, activation_seed=3)
    cert = net.check_singularities_are_subnetworks()
    _consistent(cert)
    assert cert.is_equal()


def test_mlp_321_quadrics_rank_two():
    # [3, 2, 1] with x^2: ternary quadrics of rank <= 2 (det = 0), singular
    # exactly along the rank-1 quadrics = the subnetwork [3, 1, 1]
    net = PolynomialMLP([3, 2, 1])
    cert = net.check_singularities_are_subnetworks()
    _consistent(cert)
    assert cert.relation() == "equal" and cert.method == "proved"
    assert cert.images[0].dimension == 3


@pytest.mark.slow
def test_mlp_431_quadrics_rank_three():
    # [4, 3, 1] with x^2: quaternary quadrics of rank <= 3 (det = 0, a
    # quartic hypersurface), singular exactly along rank <= 2 = the
    # subnetwork [4, 2, 1]; exact over QQ
    net = PolynomialMLP([4, 3, 1])
    cert = net.check_singularities_are_subnetworks(method="exact")
    _consistent(cert)
    assert cert.relation() == "equal" and cert.method == "proved"
    assert [Z.dimension for Z in cert.images][:1] == [7]


def test_mlp_whole_space():
    # binary quadrics: [2, 2, 1] with x^2 fills the space; the subnetwork
    # (rank <= 1 quadrics) is not singular
    cert = PolynomialMLP([2, 2, 1]).check_singularities_are_subnetworks()
    _consistent(cert)
    assert cert.relation() == "Sing inside subnetworks"
    assert cert.images[0].dimension == 2


def test_cnn_stride_two_segre_veronese_smooth_off_vertex():
    # non-overlapping CNN with x^2: a Segre-Veronese cone, singular only at the vertex
    net = PolynomialCNN([2, 2], strides=[2, 1])
    cert = net.check_singularities_are_subnetworks()
    _consistent(cert)
    [P] = cert.singular_components
    C = net.coordinate_ring()
    assert P == C.ideal(list(C.gens()))
    assert cert.relation() == "Sing inside subnetworks"
    assert len(cert.images) == 5  # 2 shortened filters x (first, last tap) + zero


def test_cnn_22_monomial_sing_strictly_inside_subnetworks():
    # with sigma = x^2 the shorter-filter subnetworks are NOT singular; Sing is a
    # line inside one of them
    net = PolynomialCNN([2, 2])
    cert = net.check_singularities_are_subnetworks()
    _consistent(cert)
    assert cert.relation() == "Sing inside subnetworks"
    assert cert.singular_dimensions == [1]
    assert [S.dimension for S in cert.images] == [2, 2, 2, 2, 0]


def test_cnn_embeddings_compute_the_subnetwork():
    net = PolynomialCNN([2, 3])
    emb = subnetwork_embeddings(net)
    assert len(emb) == 4
    for S in subnetwork_images(net):
        if "last tap" in S.label:
            assert S.verified is True


@pytest.mark.slow
@pytest.mark.parametrize("net", [PolynomialCNN([2, 3]), PolynomialCNN([2, 2], activation=3)])
def test_cnn_monomial_slow(net):
    cert = net.check_singularities_are_subnetworks()
    _consistent(cert)
    assert cert.singular_contained_in_subnetworks()


def test_attention_2_2_1_2_singularities():
    # a = d = t = 2, d' = 1: Sing = the a = 1 subnetwork, of dimension
    # 2ad + dd' - a^2 - 1 = 4 (Henry-Marchetti-Kohn with a = 1)
    net = LightningSelfAttention(2, 2, 1, 2)
    cert = net.check_singularities_are_subnetworks()
    _consistent(cert)
    assert cert.relation() == "equal"
    assert cert.images[0].dimension == LightningSelfAttention(2, 1, 1, 2).known_dimension()
    assert cert.as_dict()["relation"] == "equal"


def test_bad_input():
    with pytest.raises(TypeError, match="net must be an Architecture"):
        check_singularities_are_subnetworks("LinearNetwork([4, 2, 3])")
    with pytest.raises(ValueError, match="method must be one of"):
        check_singularities_are_subnetworks(LinearNetwork([2, 1, 2]), method="fast")
    # skip MLPs have residual subnetworks (tests/test_skip_activations.py);
    # the residual route refuses networks without skip connections
    from sage_neuro.invariants.subnetwork_check import residual_subnetwork_embeddings
    assert len(subnetwork_embeddings(PolynomialMLP([2, 2, 1], skip=True))) == 2
    with pytest.raises(ValueError, match="with skip connections"):
        residual_subnetwork_embeddings(PolynomialMLP([2, 2, 1]))


def test_timeout_leaves_session_usable():
    with pytest.raises(M2TimeoutError):
        check_singularities_are_subnetworks(LinearNetwork([2, 2, 2, 2, 3]), timeout=1e-9)
    assert check_singularities_are_subnetworks(PolynomialMLP([3, 2, 1])).is_equal()


@pytest.mark.parametrize("net", [PolynomialCNN([2, 2]),
                                 PolynomialMLP([1, 2, 1], activation="generic", activation_degree=5)])
def test_modular_route_agrees_with_exact(net):
    # second method: the singular locus decomposed over GF(p) gives the same verdict
    exact = check_singularities_are_subnetworks(net)
    modular = check_singularities_are_subnetworks(net, method="modular")
    assert modular.method == "modular" and modular.singular_provenance.primes == (32003,)
    assert modular.relation() == exact.relation()
    assert modular.singular_dimensions == exact.singular_dimensions
    assert "GF(32003)" in modular.lines()[-1]
    _consistent(modular)


@pytest.mark.slow
def test_cnn_low_degree_activation_modular():
    # sigma = t^2 + t (degree 2, far from the "large degree" of Kohn's
    # theorem): Sing has a 3-dimensional component in no subnetwork image and
    # no shorter-filter subnetwork is singular (modular route)
    t = PolynomialMLP([1, 1]).activation().parent().gen()
    net = PolynomialCNN([2, 2], activation=t ** 2 + t)
    cert = check_singularities_are_subnetworks(net, method="modular")
    _consistent(cert)
    assert cert.relation() == "incomparable"
    assert sorted(cert.singular_dimensions) == [2, 3]
    # both components are coordinate subspaces; the 3-dimensional one (the
    # linear functions, limits of mu) misses the image mu(C^4) -- a second
    # route to the parametrization certificate's relation on the image
    from sage_neuro.invariants.image_membership import in_image
    from sage_neuro.invariants.multiplicity import check_singularities_by_parametrization
    names = net.coordinate_ring().variable_names()
    for P, d in zip(cert.singular_components, cert.singular_dimensions):
        zero = {str(g) for g in P.gens()}
        assert zero <= set(names)
        point = [0 if x in zero else 2 + i for i, x in enumerate(names)]
        assert in_image(net, point).value == (d == 2)
    C = check_singularities_by_parametrization(net)
    assert (C.relation(), C.relation("closure")) == ("Sing inside subnetworks", "incomparable")


def test_atlas_columns():
    from sage_neuro.cli import _format_table, compute_invariants
    from sage_neuro.invariants.subnetwork_check import singularity_summary
    net = PolynomialMLP([3, 2, 1])
    row = compute_invariants(net, only=["singular_locus"])
    row.update(singularity_summary(net))
    table = _format_table([row], ["singular_locus"])
    assert "| sing. comps | = subnetworks? | generic fiber = orbit? |" in table
    assert "| 1 | equal (proved) | no (dim 3, 1 comp.; proved) |" in table
    big = singularity_summary(LinearNetwork([5, 2, 4, 3]))
    assert big["fiber_is_orbit"] == "skipped (> 20 parameters)"
