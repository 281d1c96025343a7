"""The real boundary and the semialgebraic description of real neuromanifolds
(sage_neuro.invariants.real_boundary), compared with

- the published description of linear CNNs with stride one
  (Kohn-Merkh-Montufar-Trager, arXiv 2108.01538): the function space is the
  set of forms that factor over R into factors of degrees k_i - 1; when it
  is not all of R^n its boundary lies on the discriminant of the binary form
  of degree d = sum(k_i - 1) (where real roots meet); when at most one k_i
  is even it is all of R^n and has no boundary;
- a second route: the discriminant computed by Sage from the generic
  polynomial (not from mu), and QEPCAD B's quantifier elimination of
  exists theta: x = mu(theta), which decides the agreement;
- "no" cases: filling CNNs (the candidate discriminant does not separate),
  rank <= 1 matrices and rank-one quadratic forms (no wall at all).
"""
import pytest

from formulas import lcn_is_filling
from sage_neuro import LinearNetwork, PolynomialCNN, PolynomialMLP
from sage_neuro.invariants.qepcad import qepcad_available


def _discriminant(net):
    # the discriminant of the generic univariate polynomial sum c_i z^(d - i): Sage's own
    # (resultant of f and f'), in the coordinates of net (c_i = coefficient of x^... in the
    # order of the monomial basis, highest power of x0 first)
    from sage.rings.polynomial.polynomial_ring_constructor import PolynomialRing
    C = net.coordinate_ring()
    Z = PolynomialRing(C, "z")
    z = Z.gen()
    d = C.ngens() - 1
    f = sum(c * z ** (d - i) for i, c in enumerate(C.gens()))
    g = f.discriminant()
    return g * (1 / g.lc())


def _normalized(g):
    return g * (1 / g.lc())


@pytest.mark.parametrize("filters", [[2, 2], [2, 2, 2]])
def test_boundary_of_non_filling_cnn_is_the_discriminant(filters):
    net = PolynomialCNN(filters, activation=1)
    assert not lcn_is_filling(filters)
    M = net.neuromanifold()
    B = M.real_boundary()
    walls = B.walls()
    assert [_normalized(g) for g in walls] == [_discriminant(net)]
    # the witnesses are decided exactly: one side in the real image, the other not
    (cand,) = B.candidates()
    a, b = cand.witnesses
    assert M.contains(list(a)).verdict == "real image"
    assert M.contains(list(b)).verdict in ("complex image", "closure", "outside")
    assert M.provenance("real_boundary").method == "exact_random"
    assert "sample points" in M.provenance("real_boundary").choices
    # the description: the real image is where the discriminant has the sign of forms with
    # all roots real (for the quadratic, c1^2 - 4 c0 c2 > 0)
    D = M.semialgebraic_description(confirm=False)
    assert len(D.cells) == 2 and {s for _, s in D.cells} == {"in", "out"}
    # (z - 1)(z - 2)...(z - d) has only real roots: its sign on the wall is the sign of the
    # cell in the image
    from sage.rings.rational_field import QQ
    S = QQ["z"]
    z = S.gen()
    p = 1
    for j in range(1, net.ambient_dimension()):
        p *= z - j
    point = list(reversed(p.list()))
    assert len(point) == net.ambient_dimension()
    sign = 1 if walls[0](*point) > 0 else -1
    assert dict(D.cells)[(sign,)] == "in" and dict(D.cells)[(-sign,)] == "out"


@pytest.mark.parametrize("filters", [[3, 3], [3, 2]])
def test_filling_cnn_has_no_wall(filters):
    # the "no" case: the candidate (the discriminant) does not separate
    net = PolynomialCNN(filters, activation=1)
    assert lcn_is_filling(filters)
    B = net.neuromanifold().real_boundary()
    assert B.walls() == []
    assert [C.separates for C in B.candidates()] == [False]
    assert [_normalized(C.polynomial) for C in B.candidates()] == [_discriminant(net)]
    assert all(inside for _, inside, _ in B.samples)


@pytest.mark.parametrize("net, closure_degree", [(LinearNetwork([2, 1, 2]), 2),
                                                 (PolynomialMLP([2, 1, 1]), 2)])
def test_no_wall_when_the_real_image_is_the_closure(net, closure_degree):
    # rank <= 1 matrices; rank-one binary quadratics v (w . x)^2 (the sign of v reaches both
    # the PSD and the NSD forms, i.e. every real point of b^2 = 4ac)
    M = net.neuromanifold()
    B = M.real_boundary()
    assert B.walls() == [] and B.candidates() == []
    (h,) = B.closure_ideal().gens()
    assert h.total_degree() == closure_degree
    # samples off the image of mu's rational values were reached (second intersections)
    assert len(B.samples) > 3 and all(inside for _, inside, _ in B.samples)
    D = M.semialgebraic_description(confirm=False)
    assert D.cells == [((), "in")] and D.conditions() == [[]]


@pytest.mark.skipif(not qepcad_available(), reason="QEPCAD B (passagemath-qepcad) not installed")
@pytest.mark.parametrize("net", [PolynomialCNN([2, 2], activation=1), LinearNetwork([2, 1, 2]),
                                 PolynomialMLP([2, 1, 1])])
def test_qepcad_confirms_the_description(net):
    M = net.neuromanifold()
    D = M.semialgebraic_description(confirm=True)
    assert D.confirmed is True
    P = M.provenance("semialgebraic_description")
    assert P.method == "proved" and "QEPCAD" in P.route
    assert [c.method for c in P.confirmations] == ["exact_random"]


@pytest.mark.skipif(not qepcad_available(), reason="QEPCAD B (passagemath-qepcad) not installed")
def test_qepcad_rejects_a_wrong_description():
    # the "no" case of the second route: the complement of the image is not the image
    from sage_neuro.invariants.qepcad import decide_equivalence, real_image_formula
    net = PolynomialCNN([2, 2], activation=1)
    g = _discriminant(net)
    formula = real_image_formula(net)
    assert decide_equivalence(net, formula, [[(g, 1)]], walls=[g]) is True
    assert decide_equivalence(net, formula, [[(g, -1)]], walls=[g]) is False
    assert decide_equivalence(net, formula, [[]], walls=[g]) is False


def test_bad_input():
    from sage_neuro.invariants.real_boundary import real_boundary, semialgebraic_description
    net = PolynomialCNN([2, 2], activation=1)
    with pytest.raises(TypeError, match="net must be an Architecture"):
        real_boundary([2, 2])
    with pytest.raises(ValueError, match="lines must be a positive integer"):
        real_boundary(net, lines=-1)
    with pytest.raises(ValueError, match="confirm must be True, False or 'auto'"):
        semialgebraic_description(net, confirm="maybe")
    with pytest.raises(TypeError, match="seed must be an integer"):
        net.neuromanifold().real_boundary(seed=0.5)
    # the membership tests underneath refuse irrational or symbolic points, and wrong lengths
    M = net.neuromanifold()
    from sage.rings.qqbar import AA
    with pytest.raises(TypeError, match="rational entries"):
        M.contains([AA(2).sqrt(), 0, 1])
    with pytest.raises(ValueError, match="3 entries"):
        M.contains([1, 2])


def test_cracks_from_the_non_proper_locus():
    # sigma = t^2 + t, CNN [1, 1]: mu(w1, w2) = (w2 w1^2, w2 w1) reaches (a, b) iff a b != 0 or
    # a = b = 0 (w1 = a / b, w2 = b^2 / a): the axes minus the origin are limits (mu is not proper
    # over them) with the image on both sides -- cracks, not walls
    from sage.rings.polynomial.polynomial_ring_constructor import PolynomialRing
    from sage.rings.rational_field import QQ
    t = PolynomialRing(QQ, "t").gen()
    net = PolynomialCNN([1, 1], activation=t ** 2 + t)
    M = net.neuromanifold()
    B = M.real_boundary()
    a, b = net.coordinate_ring().gens()
    assert B.walls() == [] and set(B.cracks()) == {a, b}
    assert {C.source for C in B.candidates()} == {"non-proper locus"}
    for C in B.candidates():
        inside, missing = C.witnesses
        assert M.contains(list(inside)).verdict == "real image"
        assert M.contains(list(missing)).verdict == "closure"
    D = M.semialgebraic_description(confirm=False)
    # the four open quadrants, each realized and in
    assert sorted(D.cells) == [((-1, -1), "in"), ((-1, 1), "in"), ((1, -1), "in"), ((1, 1), "in")]
    if qepcad_available():
        D = M.semialgebraic_description(confirm=True)
        assert D.confirmed is True and "c0_0 = 0 /\\ c0_1 = 0" in D.qepcad_formula


@pytest.mark.slow
def test_attention_single_token_is_cubics_with_real_roots():
    # lightning self-attention with one token: (q . x)(k . x)(v . x), the binary cubics with three
    # real roots (Henry-Marchetti-Kohn, arXiv 2408.17221, read on one token); the wall is the
    # discriminant of the cubic, as for the linear CNN [2, 2, 2]
    from sage_neuro import LightningSelfAttention
    net = LightningSelfAttention(2, 1, 1, 1)
    B = net.neuromanifold().real_boundary()
    assert [_normalized(g) for g in B.walls()] == [_discriminant(net)]
    D = net.neuromanifold().semialgebraic_description(confirm=False)
    assert sorted(s for _, s in D.cells) == ["in", "out"]
    # the cubic (z - 1)(z - 2)(z - 3) is in, z^3 + z (one real root) is out
    assert D.classify([1, -6, 11, -6]) == "in" and D.classify([1, 0, 1, 0]) == "out"
    M = net.neuromanifold()
    assert M.contains([1, -6, 11, -6]).verdict == "real image"
    assert M.contains([1, 0, 1, 0]).verdict != "real image"


def test_classify_agrees_with_exact_membership():
    # the description (cells from samples) and real_membership at fresh points: a second route
    net = PolynomialCNN([2, 2, 2], activation=1)
    M = net.neuromanifold()
    D = M.semialgebraic_description(confirm=False)
    import random
    rng = random.Random(7)
    for _ in range(6):
        f = [rng.randint(-4, 4) for _ in range(4)]
        status = D.classify(f)
        if status in ("in", "out"):
            assert (M.contains(f).verdict == "real image") == (status == "in")
    with pytest.raises(TypeError, match="rational entries"):
        D.classify([0.5, 1, 1, 1])


def test_survey_entry_counts_walls():
    from sage_neuro.survey.invariants import SURVEY_INVARIANTS
    compute, description = SURVEY_INVARIANTS["real_walls"]
    for filters, walls in (([2, 2], 1), ([3, 2], 0)):
        net = PolynomialCNN(filters, activation=1)
        row = compute(net, net.neuromanifold(), None)
        assert row["value"] == walls and row["method"] == "exact_random" and row["choices"]


@pytest.mark.slow
def test_sums_of_two_signed_squares_fill_the_quadratics():
    # MLP [2, 2, 1], sigma = t^2: v1 (w1 . x)^2 + v2 (w2 . x)^2 is every binary quadratic form
    # (diagonalize it; the signs of v1, v2 give every signature): the critical image, the
    # discriminant (rank <= 1 forms), is a candidate that does not separate
    net = PolynomialMLP([2, 2, 1])
    B = net.neuromanifold().real_boundary()
    assert B.walls() == [] and B.cracks() == []
    assert [_normalized(C.polynomial) for C in B.candidates()] == [_discriminant(net)]
    assert all(inside for _, inside, _ in B.samples)
