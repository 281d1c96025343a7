r"""
The real boundary of a neuromanifold and a semialgebraic description of it.

The real neuromanifold ``mu(R^N)`` is a semialgebraic subset of the real
points of its Zariski closure ``M``. Where is its Euclidean boundary inside
``M(R)``? Let ``d = dim M``. At a real parameter where the Jacobian of
``mu`` has rank ``d`` and whose value is a smooth point of ``M``, ``mu`` is
a submersion onto ``M``, so its value is an interior point of the image. A
boundary point that is not a value of ``mu`` is a limit of values along
parameters going to infinity. So the boundary lies in

- the image of the critical points ``Crit(mu)`` (Jacobian rank ``< d``;
  it contains the real branch locus, where real preimages meet and
  disappear into complex ones),
- the locus ``S_mu`` over which ``mu`` is not proper (unless the image is
  known to be closed), and
- the singular locus of ``M``.

The *walls* returned here are hypersurfaces of ``M``: irreducible
polynomials ``g`` over ``QQ`` in the coordinate ring, found as equations of
the components of the closures of ``mu(Crit(mu))`` and of ``S_mu`` that have
dimension ``d - 1`` (the candidates); a candidate is kept when it really
separates image from non-image: two rational points of ``M(R)`` whose signs
on the candidates differ only in the sign of ``g`` are decided exactly by
:func:`~sage_neuro.invariants.real_membership.real_membership`, one in the
real image and one not. The sample points lie on random rational lines
(when ``M`` is the whole space: the intervals between the real roots of the
candidates on each line) or on random lines through values of ``mu``
meeting ``M`` again at rational points (a hypersurface ``M``). Each
decision is proved; that the samples met every wall and every cell is not,
so the level is ``'exact_random'``. Boundary pieces of dimension
``< d - 1`` (points of ``M(R)`` of lower local dimension, isolated limits)
are not walls and are not described.

:func:`semialgebraic_description` writes the real image as ``M(R)``
intersected with a union of sign conditions on the walls (off the walls),
each cell realized by sample points; on networks with few parameters it is
confirmed by quantifier elimination with QEPCAD B
(:mod:`sage_neuro.invariants.qepcad`), which decides the sentence "off the
walls, the real image equals the described set" (a proof).

The linear CNN with two filters of size 2 computes the quadratics with real
roots (Kohn-Merkh-Montufar-Trager, arXiv 2108.01538): the wall is the
discriminant.

EXAMPLES::

    sage: from sage_neuro import PolynomialCNN
    sage: from sage_neuro.invariants.real_boundary import real_boundary
    sage: B = real_boundary(PolynomialCNN([2, 2], activation=1))
    sage: B.walls()
    [c0_1^2 - 4*c0_0*c0_2]
"""

import random
from dataclasses import dataclass, field

from sage.rings.polynomial.polynomial_ring_constructor import PolynomialRing
from sage.rings.qqbar import AA
from sage.rings.rational_field import QQ
from sage.rings.real_mpfi import RealIntervalField

from sage_neuro.constants import BOUNDARY_LINES, BOUNDARY_LINES_MAX, QEPCAD_MAX_PARAMETERS
from sage_neuro.provenance import Provenance, stopwatch


@dataclass(eq=False, repr=False)
class BoundaryCandidate:
    r"""
    A candidate wall: an irreducible polynomial ``g`` of the coordinate
    ring, where it comes from, and whether it separates image from
    non-image at the sample points.

    Attributes: ``polynomial``, ``source`` (a description), ``separates``
    (``True``, ``False`` or ``None`` when no two samples differ only in its
    sign), ``kind`` (``'wall'`` when it separates, ``'crack'`` when a
    sample on it is missing from the image while a neighbouring sample off
    it is in, else ``None``), ``witnesses`` (a pair of sample points, the
    first in the real image and the second not, or ``None``).

    EXAMPLES::

        sage: from sage_neuro import PolynomialCNN
        sage: from sage_neuro.invariants.real_boundary import real_boundary
        sage: C = real_boundary(PolynomialCNN([2, 2], activation=1)).candidates()[0]; C
        wall c0_1^2 - 4*c0_0*c0_2 (image of a Jacobian rank-drop component): separates
        sage: C.witnesses
        ((...), (...))
    """

    polynomial: object
    source: str
    # decided by the samples (real_boundary)
    separates: object = field(default=None, init=False)
    kind: object = field(default=None, init=False)
    witnesses: object = field(default=None, init=False)

    def __repr__(self):
        state = {True: "separates", False: "does not separate at the samples",
                 None: "not tested (no samples on both sides)"}[self.separates]
        if self.kind == "crack":
            state = "a crack: points on it are missing from the image, both sides are in"
        return "wall %s (%s): %s" % (self.polynomial, self.source, state)


class RealBoundary:
    r"""
    The answer of :func:`real_boundary`: the walls (separating candidate
    hypersurfaces), all candidates, the sample points with their verdicts,
    and a :class:`~sage_neuro.provenance.Provenance`.

    EXAMPLES::

        sage: from sage_neuro import LinearNetwork
        sage: from sage_neuro.invariants.real_boundary import real_boundary
        sage: B = real_boundary(LinearNetwork([2, 1, 2])); B
        real boundary of LinearNetwork([2, 1, 2]): no walls (0 candidates; ... sample points)  [exact_random: ...]
        sage: B.walls(), B.closure_ideal().gens()
        ([], [c0_1*c1_0 - c0_0*c1_1])
    """

    def __init__(self, net, closure, candidates, samples, provenance):
        self.net = net
        self._closure = closure
        self._candidates = candidates
        self.samples = samples          # list of (point, in real image?, verdict)
        self.provenance = provenance

    def walls(self):
        r"""
        Return the walls: the candidate polynomials that separate image
        from non-image at the sample points.

        EXAMPLES::

            sage: from sage_neuro import PolynomialCNN
            sage: from sage_neuro.invariants.real_boundary import real_boundary
            sage: real_boundary(PolynomialCNN([3, 3], activation=1)).walls()   # filling: none
            []
        """
        return [C.polynomial for C in self._candidates if C.separates]

    def cracks(self):
        r"""
        Return the cracks: candidates that do not separate, but a sample
        on them is missing from the real image while a neighbouring sample
        off them is in (boundary of codimension one with the image on both
        sides).

        EXAMPLES:

        The CNN ``[1, 1]`` with ``sigma = t^2 + t`` maps ``(w_1, w_2)`` to
        ``(w_2 w_1^2, w_2 w_1)``: the image is the plane minus the two axes,
        plus the origin; ``mu`` is not proper over the axes::

            sage: from sage_neuro import PolynomialCNN
            sage: from sage_neuro.invariants.real_boundary import real_boundary
            sage: R.<t> = QQ[]
            sage: B = real_boundary(PolynomialCNN([1, 1], activation=t^2 + t))
            sage: B.walls(), sorted(B.cracks())
            ([], [c0_1, c0_0])
        """
        return [C.polynomial for C in self._candidates if C.kind == "crack"]

    def candidates(self):
        r"""
        Return all candidates (:class:`BoundaryCandidate`), separating or not.

        EXAMPLES::

            sage: from sage_neuro import PolynomialCNN
            sage: from sage_neuro.invariants.real_boundary import real_boundary
            sage: [C.separates for C in real_boundary(PolynomialCNN([3, 3], activation=1)).candidates()]
            [False]
        """
        return list(self._candidates)

    def closure_ideal(self):
        r"""
        Return the ideal of the Zariski closure ``M`` (in the coordinate ring).

        EXAMPLES::

            sage: from sage_neuro import PolynomialCNN
            sage: from sage_neuro.invariants.real_boundary import real_boundary
            sage: real_boundary(PolynomialCNN([2, 2], activation=1)).closure_ideal()
            Ideal (0) of Multivariate Polynomial Ring in c0_0, c0_1, c0_2 over Rational Field
        """
        return self._closure

    def __repr__(self):
        w = self.walls()
        return "real boundary of %r: %s (%d candidates; %d sample points)  [%s]" % (
            self.net, ("walls %s" % w) if w else "no walls", len(self._candidates),
            len(self.samples), self.provenance.summary())


# -- candidates -------------------------------------------------------------------

def _image_ideal(net, P):
    # the ideal of the closure of mu(V(P)) in the coordinate ring (elimination
    # over QQ in libSingular)
    R = net.parameter_ring()
    C = net.coordinate_ring()
    N = R.ngens()
    T = PolynomialRing(QQ, list(R.variable_names()) + list(C.variable_names()), order="degrevlex")
    to_T = R.hom(list(T.gens()[:N]), T)
    eqs = [to_T(g) for g in P.gens()] + [y - to_T(f) for y, f in
                                          zip(T.gens()[N:], net.coordinate_functions())]
    E = T.ideal(eqs).elimination_ideal(list(T.gens()[:N]))
    back = T.hom([C.zero()] * N + list(C.gens()), C)
    return C.ideal([back(g) for g in E.gens()])


def _monic(g):
    # a normal form up to scale (leading coefficient 1), to compare candidates
    return g * (1 / g.lc())


def _hypersurface_factors(J, I):
    # irreducible polynomials g with V(J) in V(g) and g not in I: the
    # factors of the smallest generator of J outside I
    G = I.groebner_basis() if not I.is_zero() else []
    outside = [g for g in J.gens() if g != 0 and (not G or g.reduce(G) != 0)]
    if not outside:
        return []
    g = min(outside, key=lambda p: (p.total_degree(), len(p.monomials()), str(p)))
    out = []
    for h, _ in g.factor():
        if h.total_degree() > 0 and (not G or h.reduce(G) != 0):
            out.append(_monic(h))
    return out




def boundary_candidates(net, closure, timeout=None, nonproper="auto"):
    r"""
    Return the candidate walls of the real image of ``net`` inside the real
    points of its Zariski closure: irreducible polynomials containing the
    ``(d - 1)``-dimensional components of the closures of the image of the
    critical points of ``mu`` and (for generically finite ``mu``) of the
    locus over which ``mu`` is not proper. Exact over ``QQ``.

    INPUT:

    - ``net`` -- an architecture
    - ``closure`` -- the implicit ideal of the closure (coordinate ring)
    - ``timeout`` -- (default ``None``) seconds for the Macaulay2 call of
      the rank-drop locus
    - ``nonproper`` -- (default ``'auto'``) compute the non-proper locus:
      ``True``, ``False``, or ``'auto'`` (when ``mu`` is generically finite
      with at most 4 parameters; a positive-dimensional generic fiber makes
      ``mu`` non-proper everywhere, and the locus is then no candidate)

    OUTPUT: a pair ``(candidates, note)``: a list of
    :class:`BoundaryCandidate` and a string saying which sources were used

    EXAMPLES:

    For the linear CNN ``[2, 2, 2]`` (cubics with three real roots) the
    candidate is the discriminant of the binary cubic::

        sage: from sage_neuro import PolynomialCNN
        sage: from sage_neuro.invariants.real_boundary import boundary_candidates
        sage: net = PolynomialCNN([2, 2, 2], activation=1)
        sage: C = net.coordinate_ring()
        sage: cands, note = boundary_candidates(net, C.ideal([C.zero()]))
        sage: [c.polynomial.total_degree() for c in cands], note
        ([4], 'critical image; non-proper locus not used: ...')
        sage: boundary_candidates(net, 'x')
        Traceback (most recent call last):
        ...
        TypeError: closure must be an ideal of the coordinate ring of net, not 'x'
    """
    from sage_neuro.invariants.parametrization_loci import nonproper_locus, rank_drop_locus
    C = net.coordinate_ring()
    if not hasattr(closure, "ring") or closure.ring() is not C:
        raise TypeError("closure must be an ideal of the coordinate ring of net, not %r" % (closure,))
    if nonproper not in (True, False, "auto"):
        raise ValueError("nonproper must be True, False or 'auto', not %r" % (nonproper,))
    d = closure.dimension() if not closure.is_zero() else C.ngens()
    N = net.parameter_ring().ngens()
    cands, seen = [], set()

    def add(g, source):
        if g not in seen:
            seen.add(g)
            cands.append(BoundaryCandidate(g, source))

    for comp in rank_drop_locus(net, timeout=timeout):
        if comp.image_dimension == d - 1:
            for g in _hypersurface_factors(_image_ideal(net, comp.ideal), closure):
                add(g, "image of a Jacobian rank-drop component")
    notes = ["critical image"]
    use_np = nonproper if nonproper != "auto" else (N == d and N <= 4)
    if use_np:
        S, _ = nonproper_locus(net)
        for Q in S.minimal_associated_primes():
            if Q.dimension() == d - 1:
                for g in _hypersurface_factors(Q, closure):
                    add(g, "non-proper locus")
        notes.append("non-proper locus")
    else:
        notes.append("non-proper locus not used: %s" % (
            "positive-dimensional generic fibers (mu is non-proper everywhere; a closed image needs "
            "no limit points)" if N > d else "not asked"))
    return cands, "; ".join(notes)


# -- sample points ---------------------------------------------------------------

def _rational_between(lo, hi):
    # the simplest rational strictly between two real algebraic numbers
    RIF = RealIntervalField(128)
    a, b = RIF(lo).upper(), RIF(hi).lower()
    return QQ(RIF(a, b).simplest_rational()) if a < b else QQ((a + b) / 2)


def _line_samples(polys, n, rng, lines):
    # rational points on random lines of QQ^n: one in each interval between
    # consecutive real roots of the candidates on the line, and the rational roots
    S = PolynomialRing(QQ, "t")
    t = S.gen()
    pts = []
    for _ in range(lines):
        p = [QQ(rng.randint(-3, 3)) for _ in range(n)]
        v = [QQ(rng.choice([-1, 1]) * rng.randint(1, 3)) for _ in range(n)]
        line = [a + b * t for a, b in zip(p, v)]
        q = S.one()
        for g in polys:
            q *= g(*line)
        roots = sorted(set(r for r, _ in q.radical().roots(AA))) if q.degree() > 0 else []
        # the rational roots are points of the candidates themselves
        ts = [QQ(r) for r in roots if r in QQ]
        if roots:
            ts.append(QQ(RealIntervalField(53)(roots[0]).lower().floor() - 1))
            ts += [_rational_between(a, b) for a, b in zip(roots, roots[1:])]
            ts.append(QQ(RealIntervalField(53)(roots[-1]).upper().ceil() + 1))
        else:
            ts.append(QQ(0))
        pts += [tuple(a + b * s for a, b in zip(p, v)) for s in ts]
    return pts


def _closure_samples(net, h, rng, lines):
    # rational points of a hypersurface closure V(h): values mu(theta) at
    # rational theta, and the further rational intersections of random lines
    # through them (always rational when V(h) is a quadric)
    S = PolynomialRing(QQ, "t")
    t = S.gen()
    pts = []
    for _ in range(lines):
        theta = [QQ(rng.randint(-3, 3)) for _ in range(net.parameter_ring().ngens())]
        f0 = [QQ(x) for x in net.evaluate(theta)]
        pts.append(tuple(f0))
        for _ in range(2):
            v = [QQ(rng.randint(-2, 2)) for _ in f0]
            q = h(*[a + b * t for a, b in zip(f0, v)])
            if q == 0:
                continue
            for r, _ in q.roots(QQ):
                if r != 0:
                    pts.append(tuple(a + r * b for a, b in zip(f0, v)))
    return pts


def _closure_ideal(net, ideal, seed):
    # the ideal of the Zariski closure: (0) when the Jacobian of mu has full
    # rank n at a rational parameter (mu is open there, so the closure is the
    # whole space: proved, no elimination); else eliminated (or asked of ideal())
    C = net.coordinate_ring()
    theta = net.random_parameters(seed=seed)
    if net.jacobian(theta).rank() == C.ngens():
        return C.ideal([C.zero()])
    if ideal is None:
        from sage_neuro.invariants.implicit import implicit_ideal
        return implicit_ideal(net)
    return ideal()


def _sign(x):
    return (x > 0) - (x < 0)


def real_boundary(net, ideal=None, seed=0, lines=None, timeout=None, nonproper="auto"):
    r"""
    Return the walls of the real neuromanifold of ``net``: the
    hypersurfaces of its Zariski closure ``M`` whose real points contain
    the ``(d - 1)``-dimensional part of the Euclidean boundary of
    ``mu(R^N)`` in ``M(R)``, each tested to separate image from non-image.

    INPUT:

    - ``net`` -- an architecture
    - ``ideal`` -- (default ``None``) a callable returning the implicit
      ideal of the closure (e.g. a neuromanifold's ``ideal`` method)
    - ``seed`` -- (default 0) seed of the sample lines
    - ``lines`` -- (default ``constants.BOUNDARY_LINES``) the number of
      random lines carrying sample points
    - ``timeout`` -- (default ``None``) seconds for the Macaulay2 call
    - ``nonproper`` -- (default ``'auto'``) see :func:`boundary_candidates`

    OUTPUT: a :class:`RealBoundary`; level ``'exact_random'`` (every
    membership is proved; which walls and sides were met depends on the
    lines, recorded in ``choices``)

    EXAMPLES:

    The rank-one quadratic forms ``v (w . x)^2`` (MLP ``[2, 1, 1]``): the
    closure is the cone ``b^2 = 4 a c`` and all its real points are values
    (``v`` carries the sign), so there is no wall; the image of the
    critical points is the vertex only::

        sage: from sage_neuro import PolynomialMLP, PolynomialCNN
        sage: from sage_neuro.invariants.real_boundary import real_boundary
        sage: B = real_boundary(PolynomialMLP([2, 1, 1])); B.walls(), B.candidates()
        ([], [])
        sage: sorted(set(v for _, _, v in B.samples))
        ['real image']

    Cubics with three real roots (three linear filters): the wall is the
    discriminant of the cubic, a quartic::

        sage: B = real_boundary(PolynomialCNN([2, 2, 2], activation=1))
        sage: [g.total_degree() for g in B.walls()], B.provenance.method
        ([4], 'exact_random')

    Bad input::

        sage: real_boundary(PolynomialCNN([2, 2], activation=1), lines=0)
        Traceback (most recent call last):
        ...
        ValueError: lines must be a positive integer, got 0
        sage: real_boundary('cnn')
        Traceback (most recent call last):
        ...
        TypeError: net must be an Architecture (e.g. PolynomialCNN([2, 2], activation=1)), not 'cnn'
    """
    from sage_neuro.architectures.base import Architecture
    from sage_neuro.invariants.real_membership import real_membership
    if not isinstance(net, Architecture):
        raise TypeError("net must be an Architecture (e.g. PolynomialCNN([2, 2], activation=1)), "
                        "not %r" % (net,))
    lines = BOUNDARY_LINES if lines is None else lines
    if lines not in range(1, 10 ** 6):
        raise ValueError("lines must be a positive integer, got %s" % (lines,))
    with stopwatch() as t:
        C = net.coordinate_ring()
        I = _closure_ideal(net, ideal, seed)
        I = C.ideal([g for g in I.gens()]) if not I.is_zero() else C.ideal([C.zero()])
        cands, source_note = boundary_candidates(net, I, timeout=timeout, nonproper=nonproper)
        polys = [c.polynomial for c in cands]
        rng = random.Random(int(seed))
        if I.is_zero():
            # more lines while they still show new sign vectors of the candidates
            # (at most BOUNDARY_LINES_MAX; two lines in a row without one stop it)
            pts, seen, quiet, used = [], set(), 0, 0
            while used < max(lines, BOUNDARY_LINES_MAX) and (used < lines or quiet < 2):
                new = _line_samples(polys, C.ngens(), rng, 1)
                used += 1
                vectors = {tuple(_sign(g(*p)) for g in polys) for p in new}
                quiet = 0 if vectors - seen else quiet + 1
                seen |= vectors
                pts += new
            where = ("%d random rational lines (at least %d, more while new sign vectors of the "
                     "candidates appear), one point between consecutive real roots of the "
                     "candidates and the rational roots" % (used, lines))
        elif len(I.gens()) == 1:
            pts = _closure_samples(net, I.gens()[0], rng, lines)
            where = ("values of mu at %d random rational parameters and the rational second "
                     "intersections of random lines through them with the closure" % lines)
        else:
            pts = _closure_samples(net, C.zero(), rng, lines)
            where = ("values of mu at %d random rational parameters only (the closure is not a "
                     "hypersurface: no rational points off the image are sampled)" % lines)
        pts = list(dict.fromkeys(pts))
        samples = []
        for p in pts:
            m = real_membership(net, list(p), ideal=lambda: I, seed=seed)
            samples.append((p, m.verdict == "real image", m.verdict))
        signs = [tuple(_sign(g(*p)) for g in polys) for p, _, _ in samples]
        _classify(cands, samples, signs)
    walls = [c.polynomial for c in cands if c.separates]
    cracks = [c.polynomial for c in cands if c.kind == "crack"]
    note = ("candidates from: %s; %d candidates, %d walls, %d cracks; %d sample points, each "
            "decided by real_membership (proved)" % (source_note, len(cands), len(walls),
                                                     len(cracks), len(samples)))
    untested = [str(c.polynomial) for c in cands if c.separates is None]
    if untested:
        note += "; not tested (no samples differing only in its sign): %s" % ", ".join(untested)
    prov = Provenance("real_boundary", walls + cracks, "exact_random", seeds=(seed,), seconds=t[0],
                      route="candidates from the critical image (and non-proper locus), kept when "
                            "two samples differing only in the candidate's sign differ in membership "
                            "(a wall), or when a sample on it is not in the image while a neighbour "
                            "off it is (a crack)",
                      choices="sample points: " + where + " (seed %s)" % seed,
                      certificate="each kept candidate has two witnesses, one in the real image and "
                                  "one not (exact real membership)", note=note)
    return RealBoundary(net, I, cands, samples, prov)


def _classify(cands, samples, signs):
    # a wall: two samples whose signs differ only at the candidate, one in the
    # image and one not; a crack (not a wall): a sample on the candidate not in
    # the image, with a neighbour off it (same other signs) in the image
    k = len(cands)
    for j, cand in enumerate(cands):
        tested = False
        for a in range(len(samples)):
            for b in range(len(samples)):
                sa, sb = signs[a], signs[b]
                if sa[j] != 1 or sb[j] != -1:
                    continue
                if any(sa[i] != sb[i] for i in range(k) if i != j):
                    continue
                tested = True
                if samples[a][1] != samples[b][1]:
                    cand.separates = True
                    inside, outside = (a, b) if samples[a][1] else (b, a)
                    cand.witnesses = (samples[inside][0], samples[outside][0])
                    break
            if cand.separates:
                break
        if cand.separates:
            cand.kind = "wall"
            continue
        cand.separates = False if tested else None
        for a in range(len(samples)):
            if signs[a][j] != 0 or samples[a][1]:
                continue
            for b in range(len(samples)):
                if signs[b][j] != 0 and samples[b][1] and all(
                        signs[a][i] == signs[b][i] for i in range(k) if i != j):
                    cand.kind = "crack"
                    cand.witnesses = (samples[b][0], samples[a][0])
                    break
            if cand.kind:
                break


# -- semialgebraic description ------------------------------------------------------

class SemialgebraicDescription:
    r"""
    The answer of :func:`semialgebraic_description`: the real image as the
    real points of the closure (``closure`` ideal) intersected with the
    union of the sign cells of the ``walls`` marked ``'in'``, off the walls.

    Attributes: ``closure`` (ideal), ``walls`` (polynomials), ``cells`` (a
    list of pairs ``(sign vector, status)`` with status ``'in'``,
    ``'out'`` or ``'mixed'`` when the samples of one sign vector disagree),
    ``qepcad_formula`` (QEPCAD's formula for the image, or ``None``),
    ``confirmed`` (``True``/``False`` when QEPCAD decided the agreement,
    else ``None``), ``provenance``.

    EXAMPLES::

        sage: from sage_neuro import PolynomialCNN
        sage: from sage_neuro.invariants.real_boundary import semialgebraic_description
        sage: # optional - qepcad
        sage: D = semialgebraic_description(PolynomialCNN([2, 2], activation=1)); D
        real image = V(0) intersected with: c0_1^2 - 4*c0_0*c0_2 > 0 (off the walls)  [proved; ...]
        sage: D.cells
        [((-1,), 'out'), ((1,), 'in')]
        sage: D.qepcad_formula, D.confirmed
        ('4 c0_0 c0_2 - c0_1^2 <= 0', True)
    """

    def __init__(self, closure, walls, cells, provenance, qepcad_formula=None, confirmed=None):
        self.closure = closure
        self.ambient_dimension = closure.ring().ngens()
        self.walls = walls
        self.cells = cells
        self.provenance = provenance
        self.qepcad_formula = qepcad_formula
        self.confirmed = confirmed

    def classify(self, point):
        r"""
        Return what the description says of a rational point: ``'in'`` or
        ``'out'`` (the status of its sign cell), ``'mixed'``, ``'unsampled'``
        (a sign vector no sample realized), ``'on a wall'`` (the description
        holds off the walls) or ``'off the closure'``.

        INPUT:

        - ``point`` -- a list or vector of rationals, one per coordinate

        EXAMPLES::

            sage: from sage_neuro import PolynomialCNN
            sage: from sage_neuro.invariants.real_boundary import semialgebraic_description
            sage: D = semialgebraic_description(PolynomialCNN([2, 2], activation=1), confirm=False)
            sage: D.classify([1, 0, -1]), D.classify([1, 0, 1]), D.classify([1, 2, 1])
            ('in', 'out', 'on a wall')
            sage: D.classify([1, 2])
            Traceback (most recent call last):
            ...
            ValueError: point must have 3 entries (one per coordinate), got 2
            sage: x = polygen(QQ, 'x')
            sage: D.classify([1, 0, x])
            Traceback (most recent call last):
            ...
            TypeError: point must have rational entries (integers or fractions) for an exact decision, got x at position 2
        """
        from sage_neuro.validation import check_rational_point
        f = check_rational_point(point, self.ambient_dimension, name="point")
        if any(g(*f) != 0 for g in self.closure.gens()):
            return "off the closure"
        sv = tuple(_sign(g(*f)) for g in self.walls)
        if 0 in sv:
            return "on a wall"
        return dict(self.cells).get(sv, "unsampled")

    def conditions(self):
        r"""
        Return the cells of the real image as lists of strings
        ``'g > 0'``/``'g < 0'`` (one list per cell, a disjunction of
        conjunctions); ``[[]]`` means the whole of ``M(R)``, ``[]`` nothing.

        EXAMPLES::

            sage: from sage_neuro import LinearNetwork
            sage: from sage_neuro.invariants.real_boundary import semialgebraic_description
            sage: semialgebraic_description(LinearNetwork([2, 1, 2])).conditions()
            [[]]
        """
        ops = {1: ">", -1: "<"}
        return [["%s %s 0" % (g, ops[s]) for g, s in zip(self.walls, sv)]
                for sv, status in self.cells if status == "in"]

    def __repr__(self):
        conds = self.conditions()
        text = " or ".join("(%s)" % " and ".join(c) if len(c) > 1 else (c[0] if c else "everything")
                           for c in conds) if conds else "nothing"
        gens = ", ".join(str(g) for g in self.closure.gens())
        return "real image = V(%s) intersected with: %s (off the walls)  [%s]" % (
            gens, text, self.provenance.summary())


def semialgebraic_description(net, ideal=None, seed=0, lines=None, confirm="auto", timeout=None,
                              boundary=None):
    r"""
    Return the real neuromanifold of ``net`` as the real points of its
    Zariski closure intersected with a union of sign conditions on the
    walls of :func:`real_boundary` (off the walls), cell by cell: each sign
    vector realized by a sample point is ``'in'`` when its samples are in
    the real image, ``'out'`` when none is (exact membership at each
    sample).

    Cracks (:meth:`RealBoundary.cracks`) count as walls here: the
    description holds off them.

    With ``confirm``, QEPCAD eliminates ``exists theta: x = mu(theta)``
    and decides whether its formula agrees with the description off the
    walls; agreement makes the description ``'proved'`` (route:
    cylindrical algebraic decomposition), disagreement is reported in the
    note and the level stays ``'exact_random'``.

    INPUT:

    - ``net`` -- an architecture
    - ``ideal``, ``seed``, ``lines``, ``timeout`` -- as for :func:`real_boundary`
    - ``confirm`` -- (default ``'auto'``) ``True``, ``False`` or ``'auto'``
      (QEPCAD when installed and the network has at most
      ``constants.QEPCAD_MAX_PARAMETERS`` parameters)
    - ``boundary`` -- (default ``None``) a :class:`RealBoundary` already
      computed for ``net`` (its samples are reused)

    OUTPUT: a :class:`SemialgebraicDescription`

    EXAMPLES:

    Rank <= 1 matrices: the real image is all of ``M(R)``, confirmed::

        sage: from sage_neuro import LinearNetwork, PolynomialCNN
        sage: from sage_neuro.invariants.real_boundary import semialgebraic_description
        sage: # optional - qepcad
        sage: D = semialgebraic_description(LinearNetwork([2, 1, 2])); D
        real image = V(c0_1*c1_0 - c0_0*c1_1) intersected with: everything (off the walls)  [proved; ...]
        sage: D.provenance.route
        'QEPCAD B: cylindrical algebraic decomposition of exists theta: x = mu(theta)'
        sage: D.provenance.confirmations[0].method
        'exact_random'

    Without QEPCAD the level is that of the samples::

        sage: D = semialgebraic_description(PolynomialCNN([2, 2, 2], activation=1), confirm=False)
        sage: [s for _, s in D.cells], D.provenance.method
        (['out', 'in'], 'exact_random')
        sage: semialgebraic_description(PolynomialCNN([2, 2], activation=1), confirm='yes')
        Traceback (most recent call last):
        ...
        ValueError: confirm must be True, False or 'auto', not 'yes'
    """
    from sage_neuro.invariants import qepcad
    if confirm not in (True, False, "auto"):
        raise ValueError("confirm must be True, False or 'auto', not %r" % (confirm,))
    with stopwatch() as t:
        B = boundary if boundary is not None else real_boundary(
            net, ideal=ideal, seed=seed, lines=lines, timeout=timeout)
        walls = B.walls() + B.cracks()
        groups = {}
        for p, inside, _ in B.samples:
            sv = tuple(_sign(g(*p)) for g in walls)
            if 0 in sv:
                continue
            groups.setdefault(sv, set()).add(inside)
        cells = sorted((sv, "mixed" if len(v) == 2 else ("in" if True in v else "out"))
                       for sv, v in groups.items())
    mixed = [sv for sv, s in cells if s == "mixed"]
    note = ("%d sign vectors of %d walls realized by %d samples: %d in, %d out, %d mixed"
            % (len(cells), len(walls), len(B.samples), sum(1 for _, s in cells if s == "in"),
               sum(1 for _, s in cells if s == "out"), len(mixed)))
    if mixed:
        note += " (the walls do not describe the image: a mixed cell %s)" % (mixed,)
    prov = Provenance("semialgebraic_description", [c for c in cells if c[1] == "in"],
                      "exact_random", seeds=(seed,), seconds=t[0],
                      route="sign vectors of the walls at the sample points of real_boundary, "
                            "each sample decided by real_membership",
                      choices=B.provenance.choices, note=note)
    N = net.parameter_ring().ngens()
    run = confirm is True or (confirm == "auto" and qepcad.qepcad_available()
                              and N <= QEPCAD_MAX_PARAMETERS)
    formula = confirmed = None
    if run:
        with stopwatch() as tq:
            eqs = [(g, 0) for g in B.closure_ideal().gens() if g != 0]
            spec = [eqs + [(g, s) for g, s in zip(walls, sv)] for sv, st in cells if st == "in"]
            try:
                formula = qepcad.real_image_formula(net)
                confirmed = qepcad.decide_equivalence(net, formula, spec, walls=walls)
            except (ArithmeticError, ValueError, RuntimeError) as e:
                if confirm is True:
                    raise
                prov.note += "; QEPCAD did not confirm: %s" % e
                run = False
    if run:
        qprov = Provenance("semialgebraic_description", prov.value, "proved", seconds=tq[0],
                           route="QEPCAD B: cylindrical algebraic decomposition of exists theta: "
                                 "x = mu(theta)",
                           certificate="QEPCAD decided the sentence: for all x off the walls, "
                                       "(%s) <=> the described set: %s" % (formula, confirmed))
        if confirmed and not mixed:
            prov = Provenance(**dict(qprov.__dict__, note=note, confirmations=(prov,),
                                     seconds=prov.seconds + tq[0]))
        else:
            prov.note += "; QEPCAD's formula %s %s the description off the walls" % (
                formula, "agrees with" if confirmed else "DISAGREES with")
    return SemialgebraicDescription(B.closure_ideal(), walls, cells, prov, formula, confirmed)
