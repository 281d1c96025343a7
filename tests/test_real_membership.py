"""Exact real membership (sage_neuro.invariants.real_membership): real image,
complex image, closure, outside -- checked against closed formulas and second
routes on every family."""
import itertools
import time

import pytest

from sage.matrix.constructor import matrix
from sage.modules.free_module_element import vector
from sage.rings.polynomial.polynomial_ring_constructor import PolynomialRing
from sage.rings.qqbar import AA, QQbar
from sage.rings.rational_field import QQ

from sage_neuro import LightningSelfAttention, LinearNetwork, PolynomialCNN, PolynomialMLP
from sage_neuro.invariants.image_membership import in_image
from sage_neuro.invariants.real_membership import (VERDICTS, RealMembership, gauge_cells,
                                                   real_membership, real_point)

t = PolynomialRing(QQ, "t").gen()


def _check(net, m, point):
    # every record: a verdict, a proof, and a witness that is one
    assert isinstance(m, RealMembership) and m.verdict in VERDICTS
    assert m.provenance.method == "proved" and m.provenance.seconds >= 0
    assert m.provenance.certificate
    if m.verdict == "real image":
        assert all(x in AA for x in m.witness)
        # the witness substituted back (exactly, over AA) gives the point
        assert [g(*m.witness) for g in net.coordinate_functions()] == [QQ(x) for x in point]
    else:
        assert m.witness is None
    # consistent with the complex test
    assert bool(in_image(net, point)) == (m.verdict in ("real image", "complex image"))


# -- real points of varieties ----------------------------------------------------

def test_real_point_of_varieties():
    R = PolynomialRing(QQ, "x, y, z")
    x, y, z = R.gens()
    for quick in (True, False):
        p, _ = real_point(R.ideal([x ** 2 + y ** 2 - 1]), quick=quick)
        assert p[0] ** 2 + p[1] ** 2 == 1 and all(c in AA for c in p)
        assert real_point(R.ideal([x ** 2 + y ** 2 + z ** 2 + 1]), quick=quick)[0] is None
    # only real point: the singular point (0, 0, *) of a cone -- needs the recursion
    p, search = real_point(R.ideal([x ** 2 + y ** 2]), quick=False)
    assert p[:2] == (0, 0) and search.critical >= 1
    # a curve whose real points are the isolated point of an irreducible surface
    p, _ = real_point(R.ideal([x ** 2 + y ** 2 + z ** 2, x + y + z]), quick=False)
    assert p == (0, 0, 0)
    # two components, one without real points
    p, _ = real_point(R.ideal([(x ** 2 + y ** 2 + 1) * (z - 2)]), quick=False)
    assert p[2] == 2


# -- linear networks: the real image is the real part of the closure --------------

def test_linear_network_rank_one():
    net = LinearNetwork([2, 1, 2])
    M = net.neuromanifold()
    for f in ([1, 2, 2, 4], [0, 0, 0, 0], [0, 3, 0, -5], [-1, 2, QQ(1) / 2, -1]):
        m = M.contains(f)
        _check(net, m, f)
        assert m.verdict == "real image"
    m = M.contains([1, 0, 0, 1])        # det = 1: off the closure
    _check(net, m, [1, 0, 0, 1])
    assert m.verdict == "outside" and m.equation.degree() == 2
    # rank <= k real matrices factor over R: 'complex image' and 'closure' never occur;
    # every rational point of the closure det = 0 is in the real image
    for a, b, c in itertools.product([-2, 1, 3], [0, 1], [1, -3]):
        assert real_membership(net, [a, b, c * a, c * b]).verdict == "real image"


# -- MLPs ---------------------------------------------------------------------------

def test_mlp_square_activation():
    # v (w . x)^2: the real points of the closure b^2 = 4ac are all values, as
    # the output weight carries the sign
    net = PolynomialMLP([2, 1, 1])
    for f in ([-1, -2, -1], [1, 2, 1], [4, 4, 1], [0, 0, -3], [0, 0, 0]):
        m = real_membership(net, f)
        _check(net, m, f)
        assert m.verdict == "real image"
    for f in ([1, 0, 1], [1, 3, 1]):
        m = real_membership(net, f)
        _check(net, m, f)
        assert m.verdict == "outside"


def test_mlp_sums_of_two_squares():
    # v1 l1^2 + v2 l2^2: every real quadratic form of rank <= 2 (diagonalize
    # over R), so in the binary case everything; x0^2 + x1^2 + x2^2 has rank 3.
    # The fibers are larger than the orbits of the rescalings (a circle of
    # orthogonal decompositions): the gauge cells are positive-dimensional
    net = PolynomialMLP([2, 2, 1])
    for f in ([1, 0, 1], [-1, 0, 1], [0, 1, 0], [-1, 0, -1], [0, 0, 0]):
        m = real_membership(net, f)
        _check(net, m, f)
        assert m.verdict == "real image" and all(x in QQ for x in m.witness)
    net = PolynomialMLP([3, 2, 1])      # x0^2, x0 x1, x0 x2, x1^2, x1 x2, x2^2
    for f, verdict in (([1, 0, 0, -1, 0, 0], "real image"), ([0, 2, 0, 0, 0, 0], "real image"),
                       ([1, 0, 0, 1, 0, 1], "outside")):
        m = real_membership(net, f)
        _check(net, m, f)
        assert m.verdict == verdict


def _affine_square_verdict(a, b, c, d):
    # closed formula for v ((w . x)^2 + 1) = v (w . x)^2 + v, coordinates
    # (x0^2, x0 x1, x1^2, 1): the closure is b^2 = 4ac; the quadratic part over
    # v = d must be the square of a linear form -- real iff a/d, c/d >= 0
    if b ** 2 != 4 * a * c:
        return "outside"
    if d == 0:
        return "real image" if a == b == c == 0 else "closure"
    return "real image" if a * d >= 0 and c * d >= 0 else "complex image"


@pytest.mark.parametrize("net", [PolynomialMLP([2, 1, 1], activation=t ** 2 + 1),
                                 PolynomialCNN([2, 1], activation=t ** 2 + 1)])
def test_all_four_verdicts_affine_square(net):
    # MLP [2, 1, 1] and CNN [2, 1] with sigma = t^2 + 1 (the same map): all
    # four verdicts, against the closed formula
    points = [[1, 2, 1, 1], [1, 2, 1, -1], [0, 0, 0, 5], [-4, 4, -1, -2],
              [1, 0, 0, 0], [0, 0, 1, 0], [1, 0, 1, 1], [0, 0, 0, 0], [1, 2, 1, 0]]
    seen = set()
    for f in points:
        m = real_membership(net, f)
        _check(net, m, f)
        assert m.verdict == _affine_square_verdict(*f), (f, m)
        seen.add(m.verdict)
    assert seen == set(VERDICTS)


def test_mlp_limit_point_is_closure():
    # the CNN [1, 1] with sigma = t^2 + t: w2 w1^2 x^2 + w2 w1 x; x^2 is a limit
    net = PolynomialCNN([1, 1], activation=t ** 2 + t)
    m = real_membership(net, [12, 0])
    _check(net, m, [12, 0])
    assert m.verdict == "closure"
    m = real_membership(net, [3, -6])
    assert m.verdict == "real image" and m.witness == (QQ(-1) / 2, 12)


# -- linear CNNs: real factorizations of polynomials --------------------------------

def test_linear_cnn_quadratics_discriminant():
    # (a + b z)(c + d z): a quadratic is a value iff its discriminant is >= 0
    net = PolynomialCNN([2, 2], activation=1)
    for f in ([1, 0, -1], [1, 0, 1], [1, 2, 1], [2, 1, 1], [0, 0, 1], [0, 1, 0], [3, -7, 2], [1, 1, 1]):
        m = real_membership(net, f)
        _check(net, m, f)
        a, b, c = f
        assert m.verdict == ("real image" if b ** 2 - 4 * a * c >= 0 else "complex image"), (f, m)


def test_linear_cnn_cubics():
    # three real linear factors: the binary cubic has three real roots
    # (discriminant >= 0); x^3 - 1 has a pair of complex-conjugate roots
    net = PolynomialCNN([2, 2, 2], activation=1)
    z = PolynomialRing(QQ, "z").gen()
    for p in (z ** 3 - 1, z ** 3 - z, (z - 1) ** 2 * (z + 2), z ** 3 + z + 1, 2 * z ** 3 - 3 * z + 1):
        f = [p[i] for i in range(4)]
        m = real_membership(net, f)
        _check(net, m, f)
        assert m.verdict == ("real image" if p.discriminant() >= 0 else "complex image"), (p, m)
    # a cubic always has a real root: [3, 2] (quadratic times linear) is filling
    net = PolynomialCNN([3, 2], activation=1)
    for p in (z ** 3 - 1, z ** 3 + z + 1):
        assert real_membership(net, [p[i] for i in range(4)]).verdict == "real image"


def test_cnn_square_activation_outside():
    net = PolynomialCNN([2, 2], activation=2)
    f = net.evaluate([1, 2, -1, 3])
    m = real_membership(net, f)
    _check(net, m, f)
    assert m.verdict == "real image"
    m = real_membership(net, [1, 0, 0, 0, 1])
    _check(net, m, [1, 0, 0, 0, 1])
    assert m.verdict == "outside"


# -- attention (2, 2, 1, 2) ----------------------------------------------------------

def _attention_linear_part(net):
    # f = L(v (x) K^T Q) is linear in the tensor v (x) M, M = K^T Q (Q = 1, K = M^T)
    cols = []
    for i in range(2):
        for j in range(4):
            v = [0, 0]
            v[i] = 1
            M = [0, 0, 0, 0]
            M[j] = 1
            cols.append(list(net.evaluate([1, 0, 0, 1, M[0], M[2], M[1], M[3]] + v)))
    return matrix(QQ, cols).transpose()


def _attention_complex_points(net):
    # f = L(T) for the complex rank-one tensor T = (1, i) (x) (Mr + i Mi) with
    # Im T = [Mi; Mr] in ker L: then L(T) = L(Re T) is rational
    L = _attention_linear_part(net)
    K1, K2 = L.right_kernel().basis()
    out = []
    for al, be in [(1, 0), (1, -1), (2, 1)]:
        k = al * K1 + be * K2
        Mi, Mr = list(k[:4]), list(k[4:])
        f = list(L * vector(QQ, Mr + [-x for x in Mi]))
        i = QQbar.gen()
        Mc = [QQbar(r) + i * m for r, m in zip(Mr, Mi)]
        theta = [1, 0, 0, 1, Mc[0], Mc[2], Mc[1], Mc[3], 1, i]
        assert [g(*theta) for g in net.coordinate_functions()] == f   # a complex preimage
        out.append(f)
    return L, out


def _attention_real_by_tensors(L, f):
    # second route: real points of {v (x) M : L(v (x) M) = f} with v gauged to
    # (1, s) or (0, 1); every real M is K^T Q with real K, Q (Q = 1, K = M^T)
    S = PolynomialRing(QQ, "s, m0, m1, m2, m3")
    s, m = S.gen(0), S.gens()[1:]
    for v in ([1, s], [0, 1]):
        T = [vi * mj for vi in v for mj in m]
        J = S.ideal([sum(L[r, c] * T[c] for c in range(8)) - f[r] for r in range(L.nrows())])
        if J.dimension() == -1:
            continue
        if v[1] == 1:
            J = J + S.ideal([s])
        if J.variety(AA):
            return True
    return False


def test_attention_verdicts():
    net = LightningSelfAttention(2, 2, 1, 2)
    M = net.neuromanifold()
    L, complex_points = _attention_complex_points(net)
    assert L.rank() == 6
    for seed in range(3):
        f = net.evaluate(net.random_parameters(seed=seed))
        m = M.contains(f)
        _check(net, m, f)
        assert m.verdict == "real image" and _attention_real_by_tensors(L, list(f))
    for f in complex_points:
        m = M.contains(f)
        _check(net, m, f)
        assert m.verdict == "complex image" and m.fiber_dimension == 5
        assert not _attention_real_by_tensors(L, f)
    f = [1] + [0] * 39
    m = M.contains(f)
    _check(net, m, f)
    assert m.verdict == "outside"
    # 'closure' cannot occur here: ker L contains no nonzero rank-one tensor
    # ([[0, 0, a, b], [-a, -b, 0, 0]] has rank 2 unless a = b = 0), so L is finite
    # on the cone of rank-one tensors and mu(C^N) = L(cone) is closed
    K1, K2 = L.right_kernel().basis()
    S = PolynomialRing(QQ, "a, b")
    a, b = S.gens()
    T = matrix(S, 2, 4, [a * x + b * y for x, y in zip(K1, K2)])
    assert S.ideal(T.minors(2)).radical() == S.ideal([a, b])


def test_attention_gauge_covers_sparse_parameters():
    # points with rank-deficient K K^T Q and zero entries of V land in the degenerate cells
    net = LightningSelfAttention(2, 2, 1, 2)
    for theta in ([1, 0, 0, 0, 1, 0, 0, 0, 1, 0], [0, 1, 0, 2, 3, 0, 1, 0, 0, 2],
                  [0] * 8 + [1, 1], [0] * 10):
        f = net.evaluate(theta)
        m = real_membership(net, f)
        _check(net, m, f)
        assert m.verdict == "real image"


def test_gauge_cells_cover_generic_orbits():
    # the generic cell of each gauge leaves num_parameters - symmetry_dimension
    # free parameters (a slice transversal to the orbits)
    for net in (LightningSelfAttention(2, 2, 1, 2), PolynomialCNN([2, 3, 2], activation=2),
                PolynomialMLP([2, 2, 1]), LinearNetwork([3, 2, 2]), PolynomialCNN([2, 2], activation=1)):
        cells = gauge_cells(net)
        assert len(cells[0]) == net.symmetry_dimension(), net


# -- input checks ---------------------------------------------------------------------

def test_bad_input():
    net = PolynomialMLP([2, 1, 1])
    with pytest.raises(ValueError, match="point must have 3 entries"):
        real_membership(net, [1, 2])
    with pytest.raises(TypeError, match="rational entries.*position 1"):
        real_membership(net, [1, AA(2).sqrt(), 0])
    with pytest.raises(TypeError, match="rational entries.*floating-point"):
        real_membership(net, [1, 0.25, 0])
    with pytest.raises(TypeError, match="rational entries"):
        real_membership(net, [PolynomialRing(QQ, "x").gen(), 0, 0])
    with pytest.raises(TypeError, match="net must be an Architecture"):
        real_membership([2, 1, 1], [1, 2, 1])
    with pytest.raises(TypeError, match="point must"):
        real_membership(net, "abc")


def test_attention_speed_is_reported():
    # not a timing test: the record carries the wall time of the decision
    net = LightningSelfAttention(2, 2, 1, 2)
    start = time.perf_counter()
    m = real_membership(net, net.evaluate(net.random_parameters(seed=5)))
    assert 0 <= m.provenance.seconds <= time.perf_counter() - start + 1e-6


def test_gauge_and_complete_search_agree():
    # second route: the complete search on the whole fiber (no gauge, no
    # quick slices) reaches the same verdicts as the gauge cells
    # (without a gauge the critical systems of fibers of dimension >= 2 grow
    # quickly: CNN [2, 2, 2] takes minutes, hence the gauges)
    for net, points in ((PolynomialCNN([2, 2], activation=1), ([1, 0, 1], [1, 1, 1], [0, 0, 2])),):
        R = net.parameter_ring()
        for f in points:
            fiber = R.ideal([g - v for g, v in zip(net.coordinate_functions(), f)])
            p, search = real_point(fiber, quick=False)
            assert search.critical >= 1
            assert (p is not None) == (real_membership(net, f).verdict == "real image"), (net, f)
