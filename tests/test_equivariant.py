"""
Tests of the group-equivariant families CircularCNN (Z/n) and
DeepSetsNetwork (S_n).

Every invariant is COMPUTED and compared with
- a second route: the default modular routes (Jacobian rank mod p by forward
  differentiation, sliced degree count mod p) against the implicit ideal
  over QQ (Macaulay2 elimination: M.dimension(method='exact'),
  M.degree(method='exact'));
- closed formulas derived in the module docstrings:
  * linear circular networks: circulant matrices of the product
    w_L(z)...w_1(z) mod z^n - 1, dimension min(n, sum k_i - L + 1), degree 1;
  * circular networks without wrap-around (sum (k_i - 1) <= n - 1): f_0 is
    the output of the ordinary CNN with the same filters, so dimension and
    degree are those of Shahverdi-Marchetti-Kohn (arXiv 2410.00722):
    |k| - L + 1 and (|k| - L)! prod_j r^((L-1-j)(k_j-1)) / (k_j-1)!;
  * DeepSets rho(sum_j phi(x_j)) with phi = [d, m] (one layer), rho = [m, 1],
    sigma = t^2: f = sum_j q(x_j) with q a quadratic form of rank <= m, so
    the image is the cone of symmetric d x d matrices of rank <= m:
    dimension m d - m(m-1)/2, degree prod_{a=0}^{d-m-1}
    binom(d+a, d-m-a) / binom(2a+1, a) (Harris-Tu, Topology 23 (1984));
    with m = 1, sigma = t^r: the cone over the Veronese v_r(P^{d-1}),
    dimension d, degree r^(d-1);
  * the dimension of the equivariant functions: Burnside's count of
    necklaces for Z/n, and an independent canonical-form orbit count for S_n.
- group actions evaluated at shifted / permuted inputs, with "no" cases (a
  non-equivariant perturbation, the unconstrained network at random weights).
"""

import random

import pytest

from sage_neuro.all import QQ, ZZ, binomial, euler_phi, factorial, gcd, prod
from sage_neuro import (CircularCNN, DeepSetsNetwork, LinearNetwork, PermutationEquivariantNetwork,
                        PolynomialCNN, PolynomialMLP)
from sage_neuro.invariants.dimension import jacobian_rank
from sage_neuro.invariants.equivariance import equivariant_comparison

T = QQ["t"].gen()


# -- closed formulas -------------------------------------------------------------

def necklaces(n, D):
    """Burnside: number of Z/n-orbits of the monomials of degree D in n variables."""
    return sum(euler_phi(e) * binomial(n // e + D // e - 1, D // e)
               for e in ZZ(gcd(n, D)).divisors()) // n


def cnn_degree(k, r):
    """Shahverdi-Marchetti-Kohn (arXiv 2410.00722): degree of the CNN with x^r."""
    L = len(k)
    return factorial(sum(k) - L) * prod(
        QQ(r) ** ((L - 1 - j) * (k[j] - 1)) / factorial(k[j] - 1) for j in range(L))


def symmetric_rank_degree(d, m):
    """Harris-Tu: degree of the symmetric d x d matrices of rank <= m."""
    return prod(QQ(binomial(d + a, d - m - a)) / binomial(2 * a + 1, a) for a in range(d - m))


# -- independent forward passes ------------------------------------------------------

def circular_forward(n, filters, sigma, theta, x, pooling=None, bias=False):
    """Plain Python: circulant matrices applied to x."""
    pos, vals = 0, list(x)
    L = len(filters)
    for i, k in enumerate(filters):
        w = theta[pos:pos + k]
        pos += k
        b = 0
        if bias:
            b = theta[pos]
            pos += 1
        C = [[0] * n for _ in range(n)]
        for j in range(n):
            for m in range(k):
                C[j][(j + m) % n] += w[m]
        vals = [sum(C[j][l] * vals[l] for l in range(n)) + b for j in range(n)]
        if i < L - 1 or pooling == "sum":
            vals = [sigma(v) for v in vals]
    if pooling == "sum":
        a = theta[pos]
        c = theta[pos + 1] if bias else 0
        return [a * sum(vals) + c]
    return vals


def deepsets_forward(n, phi, rho, sigma, theta, x, bias=False):
    """Plain Python: rho(sum_j phi(x_j)) layer by layer."""
    pos = 0
    mats = []
    for widths in (phi, rho):
        layers = []
        for l in range(1, len(widths)):
            W = [theta[pos + i * widths[l - 1]: pos + (i + 1) * widths[l - 1]] for i in range(widths[l])]
            pos += widths[l] * widths[l - 1]
            b = [0] * widths[l]
            if bias:
                b = theta[pos:pos + widths[l]]
                pos += widths[l]
            layers.append((W, b))
        mats.append(layers)
    d = phi[0]
    s = [0] * phi[-1]
    for j in range(n):
        h = x[j * d:(j + 1) * d]
        for W, b in mats[0]:
            h = [sigma(sum(Wi[c] * h[c] for c in range(len(h))) + bi) for Wi, bi in zip(W, b)]
        s = [a + c for a, c in zip(s, h)]
    for l, (W, b) in enumerate(mats[1]):
        s = [sum(Wi[c] * s[c] for c in range(len(s))) + bi for Wi, bi in zip(W, b)]
        if l < len(mats[1]) - 1:
            s = [sigma(v) for v in s]
    return s


@pytest.mark.parametrize("n,filters,act,pooling,bias", [
    (3, [2, 2], 2, None, False), (4, [3, 2], 3, None, True), (3, [3], "t^2+t", "sum", True),
    (4, [2, 4, 1], 2, "sum", False), (2, [2, 2], 1, None, False)])
def test_circular_outputs_agree_with_circulant_matrices(n, filters, act, pooling, bias):
    rng = random.Random(1)
    sigma = (lambda v: v ** 2 + v) if act == "t^2+t" else (lambda v: v ** act)
    net = CircularCNN(n, filters, activation=T ** 2 + T if act == "t^2+t" else act,
                      pooling=pooling, bias=bias)
    for _ in range(3):
        theta = [rng.randint(-4, 4) for _ in range(net.num_parameters())]
        x = [rng.randint(-4, 4) for _ in range(n)]
        assert [f(*x) for f in net.output_polynomials(theta)] == \
            circular_forward(n, filters, sigma, theta, x, pooling, bias)


@pytest.mark.parametrize("n,phi,rho,act,bias", [
    (3, [1, 2], [2, 1], 2, True), (2, [2, 2], [2, 3, 2], 2, False), (3, [1, 1, 2], [2, 1], 3, False),
    (2, [2, 1], [1, 2, 1], "t^2+t", True)])
def test_deepsets_outputs_agree_with_forward_pass(n, phi, rho, act, bias):
    rng = random.Random(2)
    sigma = (lambda v: v ** 2 + v) if act == "t^2+t" else (lambda v: v ** act)
    net = DeepSetsNetwork(n, phi, rho, activation=T ** 2 + T if act == "t^2+t" else act, bias=bias)
    for _ in range(3):
        theta = [rng.randint(-3, 3) for _ in range(net.num_parameters())]
        x = [rng.randint(-3, 3) for _ in range(n * phi[0])]
        assert [f(*x) for f in net.output_polynomials(theta)] == \
            deepsets_forward(n, phi, rho, sigma, theta, x, bias)


def test_evaluate_and_jacobian_by_forward_differentiation():
    # the Jacobian rank by dual numbers (the default route) equals the rank
    # of the symbolic Jacobian at a rational point
    for net in (CircularCNN(3, [2, 2]), CircularCNN(3, [3, 2], pooling="sum", bias=True),
                DeepSetsNetwork(2, [3, 2], [2, 1]), DeepSetsNetwork(3, [1, 2], [2, 2, 1], bias=True)):
        theta = net.random_parameters(seed=4)
        assert net.jacobian(theta).rank() == jacobian_rank(net, seed=4)[0]
        assert list(net.evaluate(theta)) == [f(*theta) for f in net.coordinate_functions()]


# -- the group action ---------------------------------------------------------------------

def test_circular_equivariance_at_shifted_inputs():
    rng = random.Random(3)
    n = 4
    eq = CircularCNN(n, [3, 2], activation=3, bias=True)
    inv = CircularCNN(n, [3, 2], activation=3, bias=True, pooling="sum")
    for net in (eq, inv):
        assert net.is_equivariant()
        theta = [rng.randint(-3, 3) for _ in range(net.num_parameters())]
        f = net.output_polynomials(theta)
        x = [rng.randint(-5, 5) for _ in range(n)]
        Sx = x[1:] + x[:1]
        fx, fSx = [p(*x) for p in f], [p(*Sx) for p in f]
        if net is eq:
            assert fSx == fx[1:] + fx[:1]          # f(Sx) = S f(x)
        else:
            assert fSx == fx                        # f(Sx) = f(x)


def test_deepsets_invariance_at_permuted_inputs():
    rng = random.Random(4)
    n, d = 3, 2
    net = DeepSetsNetwork(n, [d, 2], [2, 2, 1], bias=True)
    assert net.is_equivariant()
    theta = [rng.randint(-3, 3) for _ in range(net.num_parameters())]
    f = net.output_polynomials(theta)[0]
    X = [[rng.randint(-5, 5) for _ in range(d)] for _ in range(n)]
    for perm in ([1, 0, 2], [2, 0, 1], [0, 2, 1]):
        assert f(*sum((X[p] for p in perm), [])) == f(*sum(X, []))


def test_non_equivariant_functions_are_detected():
    # "no" cases: a perturbation of an equivariant output, the unconstrained
    # network at random weights, and an ordinary (zero-padded) CNN's shifts
    net = CircularCNN(3, [2, 2])
    f = net.output_polynomials([1, 2, -1, 3])
    x = f[0].parent().gens()
    assert net.is_equivariant(f)
    assert not net.is_equivariant([f[0] + x[0], f[1], f[2]])
    assert not net.is_equivariant([f[1], f[0], f[2]])
    mlp = net.unconstrained_architecture()
    g = mlp.output_polynomials(mlp.random_parameters(seed=1))
    assert not net.is_equivariant(g)
    ds = DeepSetsNetwork(2, [1, 1], [1, 1])
    x = ds.output_polynomials()[0].parent().gens()
    assert ds.is_equivariant([x[0] ** 2 + x[1] ** 2])
    assert not ds.is_equivariant([x[0] ** 2 + 2 * x[1] ** 2])
    assert ds.equivariance_certificate().value is True   # the network's own outputs pass
    with pytest.raises(ValueError, match="polynomials must be a list of 1 polynomials"):
        ds.is_equivariant([x[0], x[1]])


def test_equivariant_space_dimension_necklaces():
    # full filters and sum pooling: every monomial of degree r occurs, and
    # the invariant ones are counted by Burnside's necklace formula
    for n, r in [(3, 2), (3, 3), (4, 2), (4, 3), (5, 2), (4, 4)]:
        net = CircularCNN(n, [n], activation=r, pooling="sum")
        assert len(net.monomial_basis()) == binomial(n + r - 1, r)
        assert net.equivariant_space_dimension() == necklaces(n, r)
    # equivariant outputs: f_0 is arbitrary, one free coordinate per monomial
    net = CircularCNN(4, [4, 2])
    assert net.equivariant_space_dimension() == len(net.monomial_basis())


def _orbits_by_canonical_form(net):
    # S_n permutes the blocks of d exponents: sorting the blocks is a
    # canonical form (independent of the union-find in the library)
    n, d = int(net.set_size()), int(net.element_dimension())
    forms = set()
    for m in net.monomial_basis():
        e = list(m.exponents()[0])
        forms.add(tuple(sorted(tuple(e[j * d:(j + 1) * d]) for j in range(n))))
    return len(forms) * int(net.num_outputs())


@pytest.mark.parametrize("n,phi,rho,act,bias", [
    (3, [1, 2], [2, 2, 1], 2, True), (2, [2, 2], [2, 1], 3, False), (2, [2, 1], [1, 2, 2], 2, True),
    (4, [1, 1], [1, 2, 1], "t^2+t", False)])
def test_equivariant_space_dimension_symmetric_group(n, phi, rho, act, bias):
    net = DeepSetsNetwork(n, phi, rho, activation=T ** 2 + T if act == "t^2+t" else act, bias=bias)
    assert net.equivariant_space_dimension() == _orbits_by_canonical_form(net)
    M = net.neuromanifold()
    assert M.dimension() <= M.linear_span_dimension() <= net.equivariant_space_dimension()


def test_deepsets_power_sums_only_without_bias():
    # d = 1, t^r, no bias: phi(x_j) is a multiple of x_j^r, so the only
    # monomials are the x_j^r: one orbit, a line of multiples of p_r
    net = DeepSetsNetwork(4, [1, 3], [3, 1], activation=3)
    assert [str(m) for m in net.monomial_basis()] == ["x0^3", "x1^3", "x2^3", "x3^3"]
    assert net.equivariant_space_dimension() == 1 and net.neuromanifold().dimension() == 1


# -- dimension and degree: closed formulas and two routes ----------------------------------------

@pytest.mark.parametrize("n,filters", [(3, [2]), (3, [3]), (3, [2, 2]), (4, [2, 2]), (4, [3, 3]),
                                       (5, [2, 2, 2]), (3, [3, 3, 2]), (2, [2, 2])])
def test_linear_circular_closed_formula(n, filters):
    net = CircularCNN(n, filters, activation=1)
    M = net.neuromanifold()
    expected = min(n, sum(filters) - len(filters) + 1)
    assert M.dimension() == expected == net.expected_dimension()
    assert M.degree() == 1
    # the end-to-end filter is the product of the filter polynomials mod z^n - 1
    R = QQ["z"]
    z = R.gen()
    theta = net.random_parameters(seed=5)
    w = net.filter_vectors(theta)
    e2e = prod(R(f) for f in w).mod(z ** n - 1)
    assert net.end_to_end_filter(theta) == [e2e[j] for j in range(n)]


@pytest.mark.parametrize("n,filters,r", [(3, [2, 2], 2), (4, [3, 2], 3), (4, [2, 2, 2], 2),
                                         (5, [3, 3], 2), (4, [2, 3], 2)])
def test_circular_without_wraparound_is_the_cnn(n, filters, r):
    # sum (k_i - 1) <= n - 1: no tap wraps around, f_0 is the CNN's output
    assert sum(filters) - len(filters) <= n - 1
    net = CircularCNN(n, filters, activation=r)
    cnn = PolynomialCNN(filters, activation=r)
    theta = net.random_parameters(seed=6)
    f0 = net.output_polynomials(theta)[0]
    g = cnn.output_polynomials(theta)[0]
    assert f0 == f0.parent()(str(g))
    M = net.neuromanifold()
    assert M.dimension() == sum(filters) - len(filters) + 1 == net.expected_dimension()
    assert M.degree() == cnn_degree(filters, r)


@pytest.mark.parametrize("d,m", [(2, 1), (3, 1), (3, 2), (4, 3), (4, 2)])
def test_deepsets_quadrics_are_symmetric_determinantal(d, m):
    net = DeepSetsNetwork(2, [d, m], [m, 1], activation=2)
    M = net.neuromanifold()
    assert M.dimension() == m * d - m * (m - 1) // 2
    assert M.degree() == symmetric_rank_degree(d, m)


@pytest.mark.parametrize("n,d,r", [(2, 2, 3), (3, 2, 4), (2, 3, 3)])
def test_deepsets_single_neuron_is_a_veronese_cone(n, d, r):
    M = DeepSetsNetwork(n, [d, 1], [1, 1], activation=r).neuromanifold()
    assert M.dimension() == d and M.degree() == r ** (d - 1)


def test_deepsets_alexander_hirschowitz_defect():
    # sums of two squares of ternary linear forms: expected 6, dimension 5
    # (the symmetric 3 x 3 determinant); "no" case: d = 2 is not defective
    net = DeepSetsNetwork(2, [3, 2], [2, 1])
    assert net.expected_dimension() == 6 and net.neuromanifold().dimension() == 5
    assert net.neuromanifold().is_defective()
    assert not DeepSetsNetwork(2, [2, 2], [2, 1]).neuromanifold().is_defective()


@pytest.mark.parametrize("net", [
    # the elimination for CircularCNN(3, [2, 2]) is slow (its values are
    # also checked against the CNN formula above)
    pytest.param(CircularCNN(3, [2, 2]), marks=pytest.mark.slow),
    CircularCNN(3, [3], activation=3, pooling="sum"),
    CircularCNN(3, [2, 2], pooling="sum"), CircularCNN(4, [4], pooling="sum"),
    DeepSetsNetwork(2, [3, 2], [2, 1]), DeepSetsNetwork(3, [2, 1], [1, 1], activation=3),
    DeepSetsNetwork(2, [1, 2], [2, 2, 1], bias=True)], ids=repr)
def test_dimension_and_degree_two_routes(net):
    # modular (Jacobian rank, sliced count mod p) against the implicit ideal over QQ
    M = net.neuromanifold()
    dim, deg = M.dimension(), M.degree()
    assert M.provenance("degree").method == "modular"
    assert M.dimension(method="exact") == dim
    assert M.degree(method="exact") == deg
    assert M.provenance("degree").route == "degree of the implicit ideal over QQ"
    assert dim <= net.expected_dimension() <= net.equivariant_space_dimension()


def test_two_routes_values():
    # the values of the two-route cases that have no closed formula
    assert CircularCNN(3, [3], activation=3, pooling="sum").neuromanifold().degree() == 3
    assert CircularCNN(3, [2, 2], pooling="sum").neuromanifold().degree() == 7


# -- fibers, singularities -------------------------------------------------------------------

def test_generic_fibers():
    net = CircularCNN(3, [2, 2])
    F = net.fiber(net.random_parameters(seed=3))
    assert F.dimension() == net.symmetry_dimension() == 1
    assert net.check_generic_fiber_is_orbit().is_orbit
    # defective DeepSets: the fiber is larger than the rescaling orbits
    net = DeepSetsNetwork(2, [3, 2], [2, 1])
    F = net.fiber(net.random_parameters(seed=3))
    assert F.dimension() == net.num_parameters() - 5 == 3 > net.symmetry_dimension()


def test_singularities_are_subnetworks_deepsets():
    # Sing of the symmetric determinant: the rank <= 1 cone, which is the
    # image of the subnetwork with one phi neuron
    net = DeepSetsNetwork(2, [3, 2], [2, 1])
    assert net.subnetworks() == [DeepSetsNetwork(2, [3, 1], [1, 1])]
    assert net.check_singularities_are_subnetworks().relation() == "equal"


def test_circular_singular_locus_matches_the_cnn():
    # f -> (f, f o S, f o S^2) is linear and injective: the same singular
    # locus as the CNN [2, 2] (the multiples of x1^2), computed independently
    S = CircularCNN(3, [2, 2]).neuromanifold().singular_locus()
    Sc = PolynomialCNN([2, 2]).neuromanifold().singular_locus()
    assert [(V.dimension(), V.degree()) for V in S] == [(V.dimension(), V.degree()) for V in Sc] \
        == [(1, 1)]


@pytest.mark.slow
def test_deepsets_singular_locus_jacobian_route():
    # the Jacobian criterion on the implicit ideal: rank <= 1
    M = DeepSetsNetwork(2, [3, 2], [2, 1]).neuromanifold()
    assert [(V.dimension(), V.degree()) for V in M.singular_locus()] == [(3, 4)]


# -- symmetries and the comparison with the unconstrained network -------------------------------

def test_symmetry_dimensions():
    assert CircularCNN(4, [2, 2, 2]).symmetry_dimension() == 2
    assert CircularCNN(4, [2, 2, 2], pooling="sum").symmetry_dimension() == 3
    assert CircularCNN(4, [2, 2], activation=T ** 3 + T).symmetry_dimension() == 0
    assert DeepSetsNetwork(3, [2, 2, 3], [3, 2, 1]).symmetry_dimension() == 2 + 3 + 2
    assert DeepSetsNetwork(3, [2, 2], [2, 1], activation=1).symmetry_dimension() == 4
    assert DeepSetsNetwork(3, [2, 2], [2, 1], activation=T ** 2 - 1).symmetry_dimension() == 0
    # the rescalings are symmetries: mu is constant along them
    net = CircularCNN(3, [2, 2], pooling="sum")
    th = net.random_parameters(seed=7)
    c = QQ(3)
    moved = [c * th[0], c * th[1], th[2] / c ** 2, th[3] / c ** 2, th[4]]
    assert net.evaluate(moved) == net.evaluate(th)
    moved = [th[0], th[1], c * th[2], c * th[3], th[4] / c ** 2]
    assert net.evaluate(moved) == net.evaluate(th)


def test_comparison_with_unconstrained():
    # DeepSets [2, 1], [1, 1] on pairs: rank-1 binary quadrics; the
    # unconstrained MLP [4, 2, 1]: quaternary quadrics of rank <= 2
    C = equivariant_comparison(DeepSetsNetwork(2, [2, 1], [1, 1]))
    e, u = C.row("equivariant"), C.row("unconstrained")
    assert u["architecture"] == "PolynomialMLP([4, 2, 1], activation=2)"
    assert (e["params"], e["symmetries"], e["equivariant"], e["dimension"], e["degree"]) == \
        (3, 1, 3, 2 * 1 - 0, symmetric_rank_degree(2, 1))
    assert (u["params"], u["dimension"], u["degree"]) == (10, 4 * 2 - 1, symmetric_rank_degree(4, 2))
    # the unconstrained values are those of the MLP's own neuromanifold
    mlp = PolynomialMLP([4, 2, 1])
    assert u["dimension"] == mlp.neuromanifold().dimension()
    assert C.is_subfamily_consistent()
    assert C.provenance("equivariant", "equivariant").method == "proved"
    assert C.provenance("unconstrained", "degree").method == "modular"
    C = DeepSetsNetwork(2, [3, 2], [2, 1]).equivariant_comparison(degree=False)
    e, u = C.row("equivariant"), C.row("unconstrained")
    assert u["architecture"] == "PolynomialMLP([6, 4, 1], activation=2)"
    assert e["dimension"] == 5 < e["expected"] == 6 and u["degree"] is None
    assert u["dimension"] == PolynomialMLP([6, 4, 1]).neuromanifold().dimension() == 6 * 4 - 6
    C = CircularCNN(3, [2, 2]).equivariant_comparison(degree=False)
    assert C.row("unconstrained")["dimension"] == 15 and C.row("equivariant")["dimension"] == 3


@pytest.mark.slow
def test_comparison_with_unconstrained_mlp_333():
    # the unconstrained MLP [3, 3, 3] with t^2 has degree 30 (README table)
    C = equivariant_comparison(CircularCNN(3, [2, 2]))
    e, u = C.row("equivariant"), C.row("unconstrained")
    assert (e["dimension"], e["degree"]) == (3, cnn_degree([2, 2], 2))
    assert (u["dimension"], u["degree"]) == (15, 30)


# -- bad input -------------------------------------------------------------------------------------

def test_bad_input():
    with pytest.raises(ValueError, match="filters must have sizes at most n = 3"):
        CircularCNN(3, [2, 4])
    with pytest.raises(ValueError, match="pooling must be None"):
        CircularCNN(3, [2], pooling="mean")
    with pytest.raises(TypeError, match="bias must be True or False"):
        CircularCNN(3, [2], bias=1)
    with pytest.raises(TypeError, match="n must be an integer"):
        CircularCNN(2.5, [2])
    with pytest.raises(ValueError, match="activation must be"):
        CircularCNN(3, [2], activation=-1)
    with pytest.raises(ValueError, match="rho_widths must start with the last width of phi_widths"):
        DeepSetsNetwork(3, [1, 2], [1, 1])
    with pytest.raises(ValueError, match="phi_widths must be positive integers"):
        DeepSetsNetwork(3, [1, 0], [0, 1])
    with pytest.raises(ValueError, match="activation='generic' needs activation_degree"):
        DeepSetsNetwork(3, [1, 1], [1, 1], activation="generic")
    with pytest.raises(ValueError, match="end-to-end filter"):
        CircularCNN(3, [2], activation=1, pooling="sum").end_to_end_filter()
    with pytest.raises(TypeError, match="net must be an equivariant architecture"):
        equivariant_comparison(PolynomialCNN([2, 2]))
    with pytest.raises(ValueError, match="which must be"):
        CircularCNN(2, [1]).equivariant_comparison(degree=False).row("mlp")


def test_generic_activation_and_repr():
    net = CircularCNN(3, [2, 2], activation="generic", activation_degree=2, activation_seed=4)
    assert repr(net) == ("CircularCNN(3, [2, 2], activation='generic', activation_degree=2, "
                         "activation_seed=4)")
    u = net.unconstrained_architecture()
    assert u.activation() == net.activation()
    assert net.symmetry_dimension() == 0
    assert net.is_equivariant()
    ds = DeepSetsNetwork(2, [1, 1], [1, 1], activation=T ** 2 + T, bias=True)
    assert repr(ds) == "DeepSetsNetwork(2, [1, 1], [1, 1], activation=t^2 + t, bias=True)"
    assert ds == DeepSetsNetwork(2, [1, 1], [1, 1], activation=T ** 2 + T, bias=True)


def test_full_filter_shifts_are_symmetries():
    # (S^s w)_m = w_{m+s}: with pooling one full filter alone, without
    # pooling two full filters in opposite directions; "no" case: one full
    # filter alone without pooling shifts the outputs
    def shift(w, s):
        return [w[(m + s) % len(w)] for m in range(len(w))]
    pooled = CircularCNN(3, [3, 2], activation=3, pooling="sum")
    th = pooled.random_parameters(seed=8)
    moved = shift(th[:3], 1) + th[3:]
    assert pooled.evaluate(moved) == pooled.evaluate(th)
    eq = CircularCNN(3, [3, 2, 3])
    th = eq.random_parameters(seed=9)
    moved = shift(th[:3], 1) + th[3:5] + shift(th[5:], -1)
    assert eq.evaluate(moved) == eq.evaluate(th)
    moved = shift(th[:3], 1) + th[3:]
    assert eq.evaluate(moved) != eq.evaluate(th)
    assert len([s for s in eq.symmetries() if "shifts" in s]) == 1


# -- permutation-equivariant layers ---------------------------------------------------------------

def pe_forward(n, widths, sigma, theta, x, bias=False):
    """Plain Python: the weight matrix I (x) Lambda + 1 1^T (x) Gamma applied to the stacked X."""
    pos, v = 0, list(x)
    L = len(widths) - 1
    for l in range(1, L + 1):
        a, c = widths[l], widths[l - 1]
        Lam = [theta[pos + i * c: pos + (i + 1) * c] for i in range(a)]
        pos += a * c
        Gam = [theta[pos + i * c: pos + (i + 1) * c] for i in range(a)]
        pos += a * c
        b = [0] * a
        if bias:
            b = theta[pos:pos + a]
            pos += a
        # the full (n a) x (n c) weight matrix
        W = [[(Lam[i][k] if j == jj else 0) + Gam[i][k] for jj in range(n) for k in range(c)]
             for j in range(n) for i in range(a)]
        v = [sum(Wr[s] * v[s] for s in range(n * c)) + b[r % a] for r, Wr in enumerate(W)]
        if l < L:
            v = [sigma(t) for t in v]
    return v


@pytest.mark.parametrize("n,widths,act,bias", [
    (2, [1, 1, 1], 2, False), (3, [2, 2, 1], 2, True), (3, [1, 2, 2], "t^2+t", False),
    (2, [2, 1, 2], 1, True)])
def test_permutation_equivariant_outputs_and_action(n, widths, act, bias):
    rng = random.Random(10)
    sigma = (lambda v: v ** 2 + v) if act == "t^2+t" else (lambda v: v ** act)
    net = PermutationEquivariantNetwork(n, widths, activation=T ** 2 + T if act == "t^2+t" else act,
                                        bias=bias)
    assert net.is_equivariant()
    c0, cL = widths[0], widths[-1]
    for _ in range(2):
        theta = [rng.randint(-3, 3) for _ in range(net.num_parameters())]
        x = [rng.randint(-3, 3) for _ in range(n * c0)]
        f = net.output_polynomials(theta)
        fx = [p(*x) for p in f]
        assert fx == pe_forward(n, widths, sigma, theta, x, bias)
        # f(g X) = g f(X) for the cycle of the elements
        gx = x[c0:] + x[:c0]
        assert [p(*gx) for p in f] == fx[cL:] + fx[:cL]
    # "no" case: the unconstrained network at random weights
    mlp = net.unconstrained_architecture()
    assert not net.is_equivariant(mlp.output_polynomials(mlp.random_parameters(seed=2)))


def _orbits_brute_force(net):
    # apply every permutation of the elements to every coordinate (output
    # block j, monomial m) and count the distinct orbits
    from itertools import permutations
    n, c0, cL = int(net.set_size()), int(net.widths()[0]), int(net.widths()[-1])
    basis = [tuple(m.exponents()[0]) for m in net.monomial_basis()]
    coords = {(i, e) for i in range(n * cL) for e in basis}
    orbits = set()
    for i, e in coords:
        images = []
        for p in permutations(range(n)):
            ge = [0] * len(e)
            for s, es in enumerate(e):
                ge[p[s // c0] * c0 + s % c0] += es
            images.append((p[i // cL] * cL + i % cL, tuple(ge)))
        orbits.add(min(images))
    return len(orbits)


@pytest.mark.parametrize("n,widths,act,bias", [(3, [1, 1, 1], 2, False), (3, [2, 1, 1], 2, True),
                                               (2, [1, 2, 2], 3, False), (3, [1, 1], 1, True)])
def test_permutation_equivariant_space_dimension(n, widths, act, bias):
    net = PermutationEquivariantNetwork(n, widths, activation=act, bias=bias)
    assert net.equivariant_space_dimension() == _orbits_brute_force(net)


@pytest.mark.parametrize("n,widths", [(2, [2, 1, 2]), (3, [2, 1, 2]), (3, [3, 2, 3]), (2, [1, 1, 1]),
                                      (3, [2, 1, 1]), (4, [2, 2, 3])])
def test_linear_permutation_equivariant_is_two_determinantal_varieties(n, widths):
    # sum-zero part and mean part: two independent products of matrices
    net = PermutationEquivariantNetwork(n, widths, activation=1)
    M, L = net.neuromanifold(), LinearNetwork(widths).neuromanifold()
    assert M.dimension() == 2 * L.dimension() == net.expected_dimension()
    assert M.degree() == L.degree() ** 2


@pytest.mark.parametrize("net", [
    PermutationEquivariantNetwork(2, [2, 1, 2], activation=1), PermutationEquivariantNetwork(3, [1, 1, 1]),
    PermutationEquivariantNetwork(2, [1, 1, 1], bias=True),
    PermutationEquivariantNetwork(3, [1, 1, 1], activation=3), PermutationEquivariantNetwork(2, [2, 1, 1])],
    ids=repr)
def test_permutation_equivariant_two_routes(net):
    M = net.neuromanifold()
    dim, deg = M.dimension(), M.degree()
    assert M.dimension(method="exact") == dim and M.degree(method="exact") == deg
    assert dim <= net.expected_dimension() <= net.equivariant_space_dimension()


def test_permutation_equivariant_fiber_and_comparison():
    net = PermutationEquivariantNetwork(3, [1, 2, 1])
    F = net.fiber(net.random_parameters(seed=11))
    assert F.dimension() == net.num_parameters() - net.neuromanifold().dimension()
    C = net.equivariant_comparison(degree=False)
    assert C.row("unconstrained")["architecture"] == "PolynomialMLP([3, 6, 3], activation=2)"
    assert C.is_subfamily_consistent()


@pytest.mark.slow
def test_linear_permutation_equivariant_singular_locus():
    # X x X with X the 2 x 2 matrices of rank <= 1 (a quadric cone, singular
    # at 0): Sing = ({0} x X) u (X x {0}), two components of dimension 3 and
    # degree 2
    M = PermutationEquivariantNetwork(2, [2, 1, 2], activation=1).neuromanifold()
    assert sorted((V.dimension(), V.degree()) for V in M.singular_locus()) == [(3, 2), (3, 2)]
