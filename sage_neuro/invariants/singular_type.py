r"""
The local type of a point of the neuromanifold: smooth, node-like,
cusp-like, or other.

The neuromanifold is the real image ``mu(R^N)``, a semialgebraic subset of
the real points of its Zariski closure ``M``. At a rational point ``f`` of
``M`` the record of :func:`singular_point_type` combines

- the Jacobian criterion on the implicit ideal (prime, proved by
  elimination): ``f`` is a smooth point of ``M`` iff the Jacobian of the
  implicit equations has rank ``codim M`` there;
- the tangent cone of ``M`` at ``f`` (lowest-degree forms of a standard
  basis in a local degree ordering, in Singular through Sage, in the
  coordinates of the linear span), its minimal primes over ``QQ`` and the
  multiplicity of ``M`` at ``f`` (Singular's ``mult``);
- the real fiber ``mu^{-1}(f) cap R^N``: its points in the cells of a real
  gauge of the symmetries
  (:func:`~sage_neuro.invariants.real_membership.gauge_cells`), all of
  them (exactly, ``variety(AA)``) where a cell meets the fiber in finitely
  many points, a real point per minimal prime elsewhere
  (:func:`~sage_neuro.invariants.real_membership.real_point`), and the rank
  of the Jacobian of ``mu`` at each; a real preimage of full rank
  ``dim M`` is the centre of a smooth real branch of ``mu(R^N)`` through
  ``f``, with tangent space the column space of the Jacobian;
- exact membership (:func:`~sage_neuro.invariants.real_membership.real_membership`)
  of the points ``f +- s d``, ``s = 1/10, 1/100, 1/1000``
  (``constants.PROBE_DENOMINATORS``), on lines ``f + s d`` that lie in
  ``M`` (checked by substitution into the implicit equations).

Types:

- ``'smooth'`` -- the Jacobian criterion holds at ``f`` (proved);
- ``'node-like'`` -- ``f`` is singular and at least two real preimages of
  full rank have different tangent spaces: two smooth real branches of
  ``mu(R^N)`` cross at ``f`` (proved: exact preimages, exact ranks);
- ``'cusp-like'`` -- ``f`` is singular, in the real image, no real preimage
  has full rank (every preimage is a Jacobian rank drop), and on a line of
  ``M`` through ``f`` the points on one side are in ``mu(R^N)``, those on
  the other side are not: a real branch of ``mu(R^N)`` ends at ``f``, a
  boundary point. Membership is exact at the sampled steps only, so the
  record is ``'numerical'`` (the samples are the certificate);
- ``'other'`` -- everything else: e.g. a singular point of ``M`` that is
  not in the real image, or one where the tests above are inconclusive.

For one-layer lightning self-attention Henry-Marchetti-Kohn (arXiv
2408.17221) show that the real singular points are nodal or cuspidal and
that the cusps are exactly the boundary points of the neuromanifold and the
images of the Jacobian rank drops; the tests check this at explicit points
and along a line of the singular locus.

EXAMPLES:

The linear CNN with two filters of size 2 (quadratics with real roots) is
singular nowhere (its closure is the whole plane of quadratics); the
attention network ``(2, 2, 1, 2)`` has nodes and cusps. Points are given
by their coordinates on the linear span
(:func:`point_from_span_coordinates`): for attention ``(q0[1], q0[0],
q1[0] + q0[1], q0[2], q1[1] + q0[2], q1[2])`` for the pair of binary
quadratic forms ``q0, q1`` of the function, whose closure is the resultant
hypersurface::

    sage: from sage_neuro import LightningSelfAttention
    sage: from sage_neuro.invariants.singular_type import (singular_point_type,
    ....:                                                  point_from_span_coordinates)
    sage: net = LightningSelfAttention(2, 2, 1, 2)
    sage: node = point_from_span_coordinates(net, [1, 0, 1, 0, 2, 0])   # q0 = XY, q1 = 2XY
    sage: T = singular_point_type(net, node); T
    node-like point: 2 smooth real branches (multiplicity 2) [proved; ... s]
"""

import random

from sage.matrix.constructor import matrix
from sage.rings.finite_rings.finite_field_constructor import GF
from sage.rings.integer import Integer
from sage.rings.polynomial.polynomial_ring_constructor import PolynomialRing
from sage.rings.qqbar import AA
from sage.rings.rational_field import QQ

from sage_neuro.constants import JACOBIAN_PRIME, POINT_SEARCHES, PROBE_DENOMINATORS
from sage_neuro.provenance import Provenance, stopwatch

#: the possible types of :func:`singular_point_type`
TYPES = ("smooth", "node-like", "cusp-like", "other")


def point_from_span_coordinates(net, values):
    r"""
    Return the point of the function space (a list of rationals, one per
    coordinate) on the linear span of the neuromanifold with the given
    values of the free coordinates of
    :class:`~sage_neuro.invariants.span.LinearSpan`.

    INPUT:

    - ``net`` -- an architecture
    - ``values`` -- one rational per free coordinate of the span

    EXAMPLES::

        sage: from sage_neuro import LightningSelfAttention
        sage: from sage_neuro.invariants.singular_type import point_from_span_coordinates
        sage: net = LightningSelfAttention(2, 2, 1, 2)
        sage: f = point_from_span_coordinates(net, [1, 2, 3, 4, 5, 6]); len(f), f[25], f[30]
        (40, 1, 2)
        sage: point_from_span_coordinates(net, [1, 2])
        Traceback (most recent call last):
        ...
        ValueError: values must have 6 entries (one per free coordinate of the span), got 2
    """
    S = _span(net)
    values = list(values)
    if len(values) != S.dimension():
        raise ValueError("values must have %d entries (one per free coordinate of the span), got %d"
                         % (S.dimension(), len(values)))
    C = net.coordinate_ring()
    return [QQ(S.to_reduced(C.gen(i))(*values)) for i in range(C.ngens())]


def _span(net):
    # the linear span: cheap (values of mu at a few points, relations proved)
    from sage_neuro.invariants.span import LinearSpan
    return LinearSpan(net)


def tangent_cone(J, point):
    r"""
    Return the tangent cone at ``point`` of the variety of the ideal ``J``
    (an ideal of the translated coordinates ``z = x - point``, generated by
    the lowest-degree forms of a standard basis in the local degree
    ordering ``negdegrevlex``) and the multiplicity of ``V(J)`` at the point
    (Singular's ``mult`` of that standard basis).

    INPUT:

    - ``J`` -- an ideal of a polynomial ring over ``QQ``
    - ``point`` -- a rational point of ``V(J)``

    OUTPUT: a pair ``(ideal, multiplicity)``

    EXAMPLES:

    The node ``y^2 = x^2 (x + 1)`` and the cusp ``y^2 = x^3`` at the origin::

        sage: from sage_neuro.invariants.singular_type import tangent_cone
        sage: R.<x, y> = QQ[]
        sage: C, m = tangent_cone(R.ideal([y^2 - x^2*(x + 1)]), [0, 0]); C.gens(), m
        ([z0^2 - z1^2], 2)
        sage: tangent_cone(R.ideal([y^2 - x^3]), [0, 0])
        (Ideal (z1^2) of Multivariate Polynomial Ring in z0, z1 over Rational Field, 2)
        sage: C, m = tangent_cone(R.ideal([y - x^2]), [1, 1]); C.gens(), m
        ([z0 - 1/2*z1], 1)
        sage: tangent_cone(R.ideal([y - x^2]), [1, 2])
        Traceback (most recent call last):
        ...
        ValueError: point is not on the variety: the generator -x^2 + y takes the value 1 there
    """
    R = J.ring()
    point = [QQ(c) for c in point]
    for g in J.gens():
        if g(*point) != 0:
            raise ValueError("point is not on the variety: the generator %s takes the value %s there"
                             % (g, g(*point)))
    n = R.ngens()
    names = ["z%d" % i for i in range(n)]
    L = PolynomialRing(QQ, names, order="negdegrevlex")
    G = PolynomialRing(QQ, names, order="degrevlex")
    shift = [L.gen(i) + point[i] for i in range(n)]
    Jl = L.ideal([L(g(*shift)) for g in J.gens()])
    std = Jl.groebner_basis()   # a standard basis: the ordering is local
    forms = []
    for s in std:
        m = min(t.degree() for t in s.monomials())
        forms.append(G(sum(c * t for c, t in zip(s.coefficients(), s.monomials()) if t.degree() == m)))
    return G.ideal(G.ideal(forms).interreduced_basis()), _multiplicity(L, std)


def _multiplicity(L, std):
    from sage.libs.singular.function import singular_function
    I = L.ideal(std)
    return Integer(singular_function("mult")(I, attributes={I: {"isSB": 1}}))


def _jacobian(net):
    # the Jacobian of mu in the free coordinates of the span (the projection
    # to them is injective on the span: the same ranks, smaller matrices)
    F = _span(net).reduced_coordinate_functions()
    R = net.parameter_ring()
    return matrix(R, [[f.derivative(v) for v in R.gens()] for f in F])


def _rank_at(Jsym, theta):
    # exact rank of the Jacobian at a rational or real algebraic point
    ring = QQ if all(x in QQ for x in theta) else AA
    vals = [ring(x) for x in theta]
    return matrix(ring, [[e(*vals) for e in row] for row in Jsym.rows()])


def _generic_rank_mod_p(P, Jsym, rng):
    # the rank of the Jacobian at a random point of V(P) over GF(p): the
    # independent variables are fixed at random residues and a GF(p)-point
    # of the finite remainder is taken; it equals the generic rank on V(P)
    # unless the point is special (modular)
    from sage.libs.singular.function import singular_function
    R = P.ring()
    k = GF(JACOBIAN_PRIME)
    Rp = R.change_ring(k)
    Pp = Rp.ideal([Rp(g) for g in P.gens()])
    G = R.ideal(P.groebner_basis())
    flags = singular_function("indepSet")(G, attributes={G: {"isSB": 1}})
    u = [Rp(v) for v, b in zip(R.gens(), flags) if b]
    for _ in range(POINT_SEARCHES):
        K = Pp + Rp.ideal([v - k(rng.randrange(JACOBIAN_PRIME)) for v in u])
        if K.dimension() != 0:
            continue
        pt = _point_mod_p(K, rng)
        if pt is None:
            continue
        return matrix(k, [[Rp(e)(*pt) for e in row] for row in Jsym.rows()]).rank()
    return None


def _point_mod_p(K, rng):
    # a GF(p)-point of a zero-dimensional ideal over GF(p): one coordinate
    # at a time, a root of its eliminant (None when a step has no root)
    R = K.ring()
    for _ in range(R.ngens() + 1):
        if K.vector_space_dimension() == 1:
            return [K.reduce(v).constant_coefficient() for v in R.gens()]
        v = next(w for w in reversed(R.gens()) if K.reduce(w) != K.reduce(w).constant_coefficient())
        (e,) = K.elimination_ideal([w for w in R.gens() if w != v]).groebner_basis()
        roots = e.univariate_polynomial().roots(multiplicities=False)
        if not roots:
            return None
        K = K + R.ideal([v - rng.choice(roots)])
    return None


class RealPreimage:
    r"""
    A real point ``theta`` of the fiber ``mu^{-1}(f)`` found by
    :func:`real_preimages`, with the exact rank of the Jacobian of ``mu``
    there and its tangent space (the column space of the Jacobian, in the
    free coordinates of the linear span; ``None`` unless the rank is full).

    Attributes: ``theta``, ``rank``, ``tangent_space``, ``cell`` (the gauge
    cell, a dictionary parameter -> 0 or 1, or ``None``), ``generic_rank``
    (for a point found on a positive-dimensional fiber component: the rank
    at a random point of that component over ``GF(p)``, ``p =
    constants.JACOBIAN_PRIME``; ``None`` for isolated points).

    EXAMPLES::

        sage: from sage_neuro import PolynomialCNN
        sage: from sage_neuro.invariants.singular_type import real_preimages
        sage: pre, complete = real_preimages(PolynomialCNN([2, 2], activation=1), [1, 0, -1])
        sage: [(p.theta, p.rank) for p in pre], complete
        ([((1, -1, 1, 1), 3), ((1, 1, 1, -1), 3)], True)
    """

    def __init__(self, theta, rank, tangent_space, cell=None, generic_rank=None):
        self.theta = tuple(theta)
        self.rank = Integer(rank)
        self.tangent_space = tangent_space
        self.cell = cell
        self.generic_rank = generic_rank

    def __repr__(self):
        return "real preimage (%s) of Jacobian rank %s" % (", ".join(str(x) for x in self.theta), self.rank)


def real_preimages(net, point, seed=0):
    r"""
    Return real points of the fiber ``mu^{-1}(point)``, the rank of the
    Jacobian of ``mu`` at each, and whether they are all the real points of
    the fiber up to the real symmetries.

    Every real point of the fiber is moved by a real symmetry (which keeps
    the Jacobian rank) into a cell of
    :func:`~sage_neuro.invariants.real_membership.gauge_cells`. A cell that
    meets the fiber in finitely many points gives all of them exactly
    (``variety(AA)``); a positive-dimensional cell gives one real point per
    minimal prime over ``QQ`` (complete existence test,
    :func:`~sage_neuro.invariants.real_membership.real_point`) and the
    generic rank of the Jacobian on that prime mod ``p``; the list is then
    not complete (the second output is ``False``). Without a gauge the
    whole fiber is searched the same way.

    INPUT:

    - ``net`` -- an architecture
    - ``point`` -- a rational point of the image ``mu(C^N)``
    - ``seed`` -- seed of the random choices (speed only, and of the
      modular generic ranks)

    OUTPUT: a pair ``(list of RealPreimage, complete)``

    EXAMPLES:

    The cusp ``x^2`` of ``(a x + b)(c x + d)``: every real preimage has a
    rank drop (the double root)::

        sage: from sage_neuro import PolynomialCNN
        sage: from sage_neuro.invariants.singular_type import real_preimages
        sage: pre, complete = real_preimages(PolynomialCNN([2, 2], activation=1), [1, 0, 0])
        sage: [(p.theta, p.rank) for p in pre], complete
        ([((1, 0, 1, 0), 2)], True)
    """
    from sage_neuro.invariants.real_membership import gauge_cells, real_point
    R = net.parameter_ring()
    F = net.coordinate_functions()
    f = [QQ(c) for c in point]
    fiber = R.ideal([g - c for g, c in zip(F, f)])
    Jsym = _jacobian(net)
    d = Integer(net.neuromanifold().dimension())
    cells = gauge_cells(net)
    rng = random.Random(int(seed))
    out, complete = [], True
    for cell in (cells if cells is not None else [None]):
        J = fiber + R.ideal([x - c for x, c in cell.items()]) if cell else fiber
        dim = J.dimension()
        if dim < 0:
            continue
        if dim == 0:
            sols = J.variety(QQ) or J.variety(AA)
            for s in sols:
                theta = [s[v] for v in R.gens()]
                out.append(_preimage(Jsym, theta, d, cell))
            continue
        complete = False
        for P in J.minimal_associated_primes():
            theta, _ = real_point(P, seed=seed)
            if theta is None:
                continue
            out.append(_preimage(Jsym, theta, d, cell, _generic_rank_mod_p(P, Jsym, rng)))
    return out, complete


def _preimage(Jsym, theta, d, cell, generic_rank=None):
    A = _rank_at(Jsym, theta)
    r = A.rank()
    T = A.column_space() if r == d else None
    return RealPreimage(theta, r, T, cell, generic_rank)


class SingularPointType:
    r"""
    The answer of :func:`singular_point_type`.

    Attributes:

    - ``type`` -- one of :data:`TYPES`
    - ``point`` -- the point, over ``QQ``
    - ``membership`` -- its :class:`~sage_neuro.invariants.real_membership.RealMembership`
    - ``jacobian_rank``, ``codimension``, ``dimension`` -- the rank of the
      Jacobian of the implicit equations at the point, the codimension and
      the dimension of the closure
    - ``tangent_cone`` -- the tangent cone (an ideal in the translated free
      coordinates of the span, see :func:`tangent_cone`) or ``None`` at
      smooth points; ``multiplicity`` -- the multiplicity of the closure
      at the point; ``cone_components`` -- the minimal primes of the tangent
      cone over ``QQ``
    - ``preimages`` -- real preimages (:class:`RealPreimage`),
      ``preimages_complete`` -- whether they are all, up to symmetry
    - ``branches`` -- the number of distinct tangent spaces at real
      preimages of full rank (smooth real branches through the point)
    - ``probes`` -- a list of ``(direction, [(s, verdict), ...])`` for the
      lines through the point inside the closure
    - ``provenance`` -- a :class:`~sage_neuro.provenance.Provenance`

    EXAMPLES::

        sage: from sage_neuro import LightningSelfAttention
        sage: from sage_neuro.invariants.singular_type import (singular_point_type,
        ....:                                                  point_from_span_coordinates)
        sage: net = LightningSelfAttention(2, 2, 1, 2)
        sage: T = singular_point_type(net, point_from_span_coordinates(net, [1, 0, 1, 0, 2, 0]))
        sage: T.type, T.branches, T.multiplicity, T.jacobian_rank, T.codimension
        ('node-like', 2, 2, 34, 35)
        sage: [P.dimension() for P in T.cone_components]
        [5, 5]
    """

    def __init__(self, type, point, membership, jacobian_rank, codimension, dimension, provenance,
                 tangent_cone=None, multiplicity=1, cone_components=(), preimages=(),
                 preimages_complete=None, branches=None, probes=()):
        if type not in TYPES:
            raise ValueError("type must be one of %s, not %r" % (TYPES, type))
        self.type = type
        self.point = point
        self.membership = membership
        self.jacobian_rank = Integer(jacobian_rank)
        self.codimension = Integer(codimension)
        self.dimension = Integer(dimension)
        self.provenance = provenance
        self.tangent_cone = tangent_cone
        self.multiplicity = Integer(multiplicity)
        self.cone_components = list(cone_components)
        self.preimages = list(preimages)
        self.preimages_complete = preimages_complete
        self.branches = branches
        self.probes = list(probes)

    def rank_drop_preimages(self):
        r"""
        Return whether every real preimage found has a Jacobian rank drop
        (rank below ``dim M``; for points on positive-dimensional fiber
        components, also at a random point of the component mod ``p``), or
        ``None`` when the point has no real preimage.

        EXAMPLES::

            sage: from sage_neuro import LightningSelfAttention
            sage: from sage_neuro.invariants.singular_type import (singular_point_type,
            ....:                                                  point_from_span_coordinates)
            sage: net = LightningSelfAttention(2, 2, 1, 2)
            sage: node = point_from_span_coordinates(net, [1, 0, 1, 0, 2, 0])
            sage: singular_point_type(net, node).rank_drop_preimages()
            False
        """
        if not self.preimages:
            return None
        d = self.dimension
        return all(p.tangent_space is None and (p.generic_rank is None or p.generic_rank < d)
                   for p in self.preimages)

    def __repr__(self):
        s = "%s point" % self.type
        if self.type == "node-like":
            s += ": %d smooth real branches" % self.branches
        elif self.type == "cusp-like":
            s += ": a real branch ends here (a boundary point of the real image)"
        elif self.type == "other":
            s += ": %s" % self.membership.verdict
        if self.type != "smooth":
            s += " (multiplicity %d)" % self.multiplicity
        return "%s [%s; %.2f s]" % (s, self.provenance.method, self.provenance.seconds or 0.0)


def _on_closure_line(I, f, d):
    # whether the whole line f + s d lies in V(I): every generator vanishes
    # identically in s (exact)
    S = PolynomialRing(QQ, "s")
    s = S.gen()
    line = [a + s * b for a, b in zip(f, d)]
    return all(g(*line) == 0 for g in I.gens())


def probe_lines(net, point, directions, ideal=None, seed=0):
    r"""
    Return, for each direction ``d`` such that the line ``point + s d``
    lies in the Zariski closure (checked exactly), the exact verdicts of
    :func:`~sage_neuro.invariants.real_membership.real_membership` at
    ``s = +- 1/q`` for ``q`` in ``constants.PROBE_DENOMINATORS``.

    INPUT:

    - ``net`` -- an architecture
    - ``point`` -- a rational point of the closure
    - ``directions`` -- a list of rational vectors of the function space
    - ``ideal`` -- (default ``None``) a callable returning the implicit
      ideal (e.g. a neuromanifold's ``ideal``)
    - ``seed`` -- seed of the real-point searches (speed only)

    OUTPUT: a list of pairs ``(direction, [(s, verdict), ...])``; lines
    not in the closure are left out

    EXAMPLES:

    Along ``x^2 + s`` the quadratics of the linear CNN ``[2, 2]`` have real
    roots for ``s < 0`` only::

        sage: from sage_neuro import PolynomialCNN
        sage: from sage_neuro.invariants.singular_type import probe_lines
        sage: [(d, [(s, v) for s, v in sides if abs(s) == 1/10])
        ....:  for d, sides in probe_lines(PolynomialCNN([2, 2], activation=1), [1, 0, 0], [[0, 0, 1]])]
        [((0, 0, 1), [(1/10, 'complex image'), (-1/10, 'real image')])]
    """
    from sage_neuro.invariants.real_membership import real_membership
    I = ideal() if ideal is not None else net.neuromanifold().ideal()
    f = [QQ(c) for c in point]
    out = []
    for d in directions:
        d = tuple(QQ(c) for c in d)
        if len(d) != len(f):
            raise ValueError("directions must have %d entries each (one per coordinate), got %d"
                             % (len(f), len(d)))
        if not any(d) or not _on_closure_line(I, f, d):
            continue
        sides = []
        for q in PROBE_DENOMINATORS:
            for s in (QQ(1) / q, -QQ(1) / q):
                v = real_membership(net, [a + s * b for a, b in zip(f, d)], ideal=ideal, seed=seed)
                sides.append((s, v.verdict))
        out.append((d, sides))
    return out


def default_probes(net):
    r"""
    Return the default directions of the lines tested by
    :func:`singular_point_type`: ``e_i``, ``e_i + e_j`` and ``e_i - e_j``
    for the unit vectors ``e_i`` of the free coordinates of the linear
    span, as vectors of the function space (only those lines that lie in
    the closure are then used; the test is an exact substitution).

    EXAMPLES::

        sage: from sage_neuro import PolynomialCNN
        sage: from sage_neuro.invariants.singular_type import default_probes
        sage: len(default_probes(PolynomialCNN([2, 2], activation=1)))   # 3 + 3 + 3
        9
    """
    S = _span(net)
    k = int(S.dimension())
    origin = point_from_span_coordinates(net, [0] * k)

    def vec(y):
        # a direction, not a point: without the affine part of the span
        return [a - b for a, b in zip(point_from_span_coordinates(net, y), origin)]

    unit = [[int(i == j) for j in range(k)] for i in range(k)]
    out = [vec(e) for e in unit]
    for i in range(k):
        for j in range(i + 1, k):
            out.append(vec([a + b for a, b in zip(unit[i], unit[j])]))
            out.append(vec([a - b for a, b in zip(unit[i], unit[j])]))
    return out


def _ends_here(sides):
    # one side all in the real image, the other side never
    plus = [v == "real image" for s, v in sides if s > 0]
    minus = [v == "real image" for s, v in sides if s < 0]
    return (all(plus) and not any(minus)) or (all(minus) and not any(plus))


def singular_point_type(net, point, ideal=None, probes=None, seed=0):
    r"""
    Return the local type of the neuromanifold at the rational point
    ``point`` of its Zariski closure: ``'smooth'``, ``'node-like'``,
    ``'cusp-like'`` or ``'other'``, with the tangent cone, the real fiber
    and the probes that decided it (see the module documentation).

    INPUT:

    - ``net`` -- an architecture
    - ``point`` -- a list of rationals on the Zariski closure
    - ``ideal`` -- (default ``None``) a callable returning the implicit
      ideal (a neuromanifold's ``ideal`` method caches it)
    - ``probes`` -- (default ``None``) directions of lines through the
      point to test for a boundary; by default :func:`default_probes`
      (sums and differences of the unit vectors of the free coordinates
      of the linear span). Only lines inside the closure are used.
    - ``seed`` -- seed of the random choices (speed only; the modular
      generic ranks on positive-dimensional fiber components)

    OUTPUT: a :class:`SingularPointType`

    EXAMPLES:

    Attention ``(2, 2, 1, 2)``, span coordinates as in the module
    documentation: a generic point, a cusp ``q0 = X^2, q1 = 0`` (along
    ``q0 = X^2 + s Y^2`` the forms have a real linear factor iff
    ``s <= 0``), and a point of the closure off the real image
    (``q0 = q1 = X^2 + Y^2``)::

        sage: from sage_neuro import LightningSelfAttention
        sage: from sage_neuro.invariants.singular_type import (singular_point_type,
        ....:                                                  point_from_span_coordinates)
        sage: net = LightningSelfAttention(2, 2, 1, 2)
        sage: P = lambda y: point_from_span_coordinates(net, y)
        sage: singular_point_type(net, P([1, 1, 1, 0, 1, 0]))
        smooth point [proved; ... s]
        sage: T = singular_point_type(net, P([0, 1, 0, 0, 0, 0]), probes=[P([0, 0, 0, 1, 1, 0])]); T
        cusp-like point: a real branch ends here (a boundary point of the real image) (multiplicity 2) [numerical; ... s]
        sage: T.rank_drop_preimages(), T.membership.verdict
        (True, 'real image')
        sage: singular_point_type(net, P([0, 1, 1, 1, 1, 1]))
        other point: complex image (multiplicity 2) [proved; ... s]

    Bad input::

        sage: singular_point_type(net, P([1, 1, 1, 1, 1, 1]))
        Traceback (most recent call last):
        ...
        ValueError: point must lie on the Zariski closure of the neuromanifold: the equation ... does not vanish there
    """
    from sage_neuro.invariants.real_membership import real_membership
    M = net.neuromanifold() if hasattr(net, "neuromanifold") else None
    if ideal is None and M is not None:
        ideal = M.ideal
    with stopwatch() as t:
        m = real_membership(net, point, ideal=ideal, seed=seed)
        if m.verdict == "outside":
            raise ValueError("point must lie on the Zariski closure of the neuromanifold: the "
                             "equation %s does not vanish there" % m.equation)
        f = m.point
        I = ideal()
        S = _span(net)
        Jred = S.reduced_ring().ideal([g for g in (S.to_reduced(h) for h in I.gens()) if g != 0])
        y = [f[j] for j in S.free_coordinates()]
        n = Integer(net.ambient_dimension())
        dim = Integer(M.dimension())
        codim = n - dim
        # codimension inside the span: the relations of the span are smooth
        c_span = S.dimension() - dim
        gens = Jred.gens()
        V = Jred.ring().gens()
        r_span = matrix(QQ, [[g.derivative(v)(*y) for v in V] for g in gens]).rank() if gens else 0
        rank = r_span + (n - S.dimension())
        if r_span == c_span:
            prov = Provenance("singular_point_type", "smooth", "proved",
                              route="Jacobian criterion on the implicit ideal (prime, by elimination "
                                    "over QQ), in the coordinates of the linear span",
                              certificate="the Jacobian of the implicit equations has rank %s = the "
                                          "codimension at the point" % rank)
            T = SingularPointType("smooth", f, m, rank, codim, dim, prov)
        else:
            T = _singular_type(net, f, m, ideal, probes, seed, S, Jred, y, rank, codim, dim)
    T.provenance.seconds = t[0]
    return T


def _singular_type(net, f, m, ideal, probes, seed, S, Jred, y, rank, codim, dim):
    # the record at a singular point f of the closure
    TC, mult = tangent_cone(Jred, y)
    comps = TC.minimal_associated_primes()
    pre, complete = (real_preimages(net, f, seed=seed) if m.verdict == "real image"
                     else ([], True))
    spaces = []
    for p in pre:
        if p.tangent_space is not None and p.tangent_space not in spaces:
            spaces.append(p.tangent_space)
    branches = len(spaces)
    facts = ["singular: the Jacobian of the implicit equations has rank %s < %s" % (rank, codim),
             "tangent cone of multiplicity %s with %d minimal primes over QQ" % (mult, len(comps)),
             "membership: %s (%s)" % (m.verdict, m.provenance.method),
             "%d real preimages found (%s up to symmetry), ranks %s"
             % (len(pre), "all" if complete else "not all", [int(p.rank) for p in pre])]
    probed = []
    if branches >= 2:
        kind, level = "node-like", "proved"
        cert = ("%d real preimages of full Jacobian rank %s with distinct tangent spaces (exact): "
                "distinct smooth real branches" % (branches, dim))
    else:
        drops = m.verdict == "real image" and all(
            p.tangent_space is None and (p.generic_rank is None or p.generic_rank < dim)
            for p in pre)
        if drops:
            if probes is None:
                probes = default_probes(net)
            # one line at a time: the first line on which a branch ends decides
            for d in probes:
                probed += probe_lines(net, f, [d], ideal=ideal, seed=seed)
                if probed and _ends_here(probed[-1][1]):
                    break
        ends = [d for d, sides in probed if _ends_here(sides)]
        if drops and ends:
            kind, level = "cusp-like", "numerical"
            cert = ("every real preimage has a Jacobian rank drop (exact ranks%s); along the "
                    "line of the closure in direction %s the points on one side are in the real "
                    "image, on the other not (exact decisions at s = +-1/q, q in %s; the side "
                    "structure between the samples is not proved)"
                    % ("" if complete else "; generic ranks of positive-dimensional fiber "
                       "components mod %s" % JACOBIAN_PRIME, ends[0], PROBE_DENOMINATORS))
        else:
            kind = "other"
            level = "proved" if m.verdict != "real image" else "numerical"
            cert = ("not in the real image (%s)" % m.verdict if m.verdict != "real image" else
                    "fewer than two smooth real branches, and no line of the closure showed a "
                    "branch ending here")
    prov = Provenance("singular_point_type", kind, level, seeds=(seed,),
                      primes=(JACOBIAN_PRIME,) if not complete else (),
                      route="Jacobian criterion, tangent cone (local standard basis, Singular), "
                            "real fiber in the gauge cells, exact membership on lines of the "
                            "closure",
                      certificate=cert, note="; ".join(facts))
    T = SingularPointType(kind, f, m, rank, codim, dim, prov, tangent_cone=TC,
                          multiplicity=mult, cone_components=comps, preimages=pre,
                          preimages_complete=complete, branches=branches, probes=probed)
    return T
