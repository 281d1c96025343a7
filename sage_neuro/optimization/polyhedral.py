r"""
Distances to a neuromanifold in a polyhedral norm.

A full-dimensional polytope ``B`` in the function space, centrally symmetric
about the origin, is the unit ball of the norm
``||x||_B = min {t >= 0 : x in t B} = max_i a_i . x``, where ``a_i . x <= 1``
are the facet inequalities of ``B``. The ``l1`` norm (cross-polytope), the
``l-infinity`` norm (cube) and the Wasserstein-1 distance on a finite metric
space (on the hyperplane of total mass zero, its unit ball is the convex hull
of the points ``(e_i - e_j)/d(i, j)``, a root polytope for a graph metric;
after a choice of coordinates of that hyperplane) are of this kind:
the losses paired with piecewise linear activations in Marchetti,
Shahverdi, Mereta, Trager, Kohn, arXiv:2501.18915. For data ``u`` the
distance ``min_{f in M} ||f - u||_B`` is the smallest ``t`` for which the
dilate ``u + t B`` touches ``M``; the touching point ``f`` lies in the
relative interior of ``u + t F`` for a unique proper face ``F`` of ``B``.

Exact route (over ``QQ``, for rational data, small cases):

1. The real points of the Zariski closure of ``M`` are split into strata:
   for every minimal prime ``P`` of the ideal (codimension ``c``), its smooth
   part (rank of the Jacobian of ``P`` equal to ``c``) and, recursively, its
   singular locus ``P + (c-minors)``; zero-dimensional strata are points.
2. At a minimizer ``f`` on the smooth part of a stratum with landing face
   ``F`` (active facets ``I``), the Clarke (Lagrange) condition of
   ``min max_i a_i . (f - u)`` says that the normal space of the stratum at
   ``f`` meets the normal cone ``N_F = cone(a_i : i in I)`` of ``B`` at
   ``F`` in a vector ``c != 0``. The *critical system of the face* has
   unknowns ``f``, ``t`` and the coordinates of ``c`` in a basis of the
   span of ``N_F``: ``f`` on the stratum, ``a_i . (f - u) = t`` for
   ``i in I`` (``f - u`` in ``t aff(F)``), the ``(c+1)``-minors of the
   Jacobian of ``P`` with the row ``c`` (``c`` normal), ``c . v = 1`` for a
   vertex ``v`` of ``F`` (a normalization), saturated by the singular locus
   of the stratum and by ``t``. It is square; for data off ``M`` and
   outside a proper closed set of data it is zero-dimensional.
3. Its real solutions are found exactly (Sage's ``variety(AA)``: triangular
   decomposition and real root isolation, algebraic numbers in ``AA``) and
   kept if ``t > 0``, ``c`` lies in the normal cone (``c . w <= 1`` for every
   vertex ``w`` of ``B``) and ``||f - u||_B = t``. The optimum is the least
   ``t`` over these and over the real points of the zero-dimensional
   strata; its landing faces are read off exactly (the facets active at
   ``(f - u)/t``).

A minimizer exists, because the norm is coercive and the real points of the
closure form a closed set, and it satisfies the condition of step 2 on the
stratum whose smooth part contains it; so the value is the distance to the
**real points of the Zariski closure** of ``M``: ``'proved'`` (exact over
``QQ``, no random choice). For ``LinearNetwork([2, 1, 2])`` (real ``2 x 2``
matrices of rank at most one are products of real vectors) and for
``PolynomialMLP([2, 1, 1])`` with ``x^2`` (a real binary quadratic form with
zero discriminant is ``+-(a x + b y)^2``, and the output weight carries the
sign) these real points are exactly the real image ``mu(R^N)``. In general
the real image can be smaller; :func:`sampled_polyhedral_distance` gives a
numerical upper bound from real parameters, which the exact value must not
beat.

EXAMPLES::

    sage: from sage_neuro.optimization.polyhedral import polyhedral_distance_optima
    sage: from sage_neuro import PolynomialMLP
    sage: D = polyhedral_distance_optima(PolynomialMLP([2, 1, 1]), [2, -1, 3], 'l1')
    sage: D.value, D.optima[0].point
    (23/12, (1/12, -1, 3))
    sage: D.face_counts()
    {0: 1}
"""

from collections import Counter
import time

import numpy

from sage.geometry.polyhedron.constructor import Polyhedron
from sage.matrix.constructor import matrix
from sage.rings.integer import Integer
from sage.rings.polynomial.polynomial_ring_constructor import PolynomialRing
from sage.rings.qqbar import AA
from sage.rings.rational_field import QQ

from sage_neuro.provenance import Provenance
from sage_neuro.validation import check_point, check_positive_int

#: names of the predefined unit balls
BALLS = ("l1", "linf")


def unit_ball(ball, n):
    r"""
    Return the unit ball of a polyhedral norm on ``QQ^n`` as a Sage
    ``Polyhedron`` over ``QQ``, after checking it is a polytope of full
    dimension, centrally symmetric about the origin.

    INPUT:

    - ``ball`` -- ``'l1'`` (the cross-polytope), ``'linf'`` (the cube
      ``[-1, 1]^n``), a Sage ``Polyhedron``, or a list of vertices (points of
      ``QQ^n``; their convex hull)
    - ``n`` -- the dimension of the function space

    OUTPUT: a ``Polyhedron`` over ``QQ``

    EXAMPLES::

        sage: from sage_neuro.optimization.polyhedral import unit_ball
        sage: unit_ball('l1', 3).f_vector()
        (1, 6, 12, 8, 1)
        sage: unit_ball([[1, 1], [-1, -1], [1, -1], [-1, 1]], 2) == unit_ball('linf', 2)
        True
        sage: unit_ball([[1, 0], [0, 1], [-1, 0], [0, -1], [1, 1]], 2)
        Traceback (most recent call last):
        ...
        ValueError: ball must be centrally symmetric about the origin (B = -B); ...
        sage: unit_ball([[1, 0], [-1, 0]], 2)
        Traceback (most recent call last):
        ...
        ValueError: ball must be full-dimensional in QQ^2, got a polytope of dimension 1
    """
    n = check_positive_int(n, "n")
    if isinstance(ball, str):
        if ball == "l1":
            vertices = [[(1 if j == i else 0) * s for j in range(n)] for i in range(n) for s in (1, -1)]
        elif ball == "linf":
            vertices = [[(1 if (k >> j) & 1 else -1) for j in range(n)] for k in range(2 ** n)]
        else:
            raise ValueError("ball must be one of %s, a Polyhedron or a list of vertices, not %r"
                             % (", ".join(repr(b) for b in BALLS), ball))
        return Polyhedron(vertices=vertices, base_ring=QQ)
    if hasattr(ball, "vertices_list") and hasattr(ball, "rays_list"):
        B = ball
    else:
        try:
            pts = [check_point(v, n, "a vertex of ball") for v in ball]
            B = Polyhedron(vertices=[[QQ(x) for x in v] for v in pts], base_ring=QQ)
        except TypeError:
            raise ValueError("ball must be 'l1', 'linf', a Polyhedron or a list of rational "
                             "vertices, not %r" % (ball,))
    if B.ambient_dim() != n:
        raise ValueError("ball must lie in QQ^%s (the function space), got ambient dimension %s"
                         % (n, B.ambient_dim()))
    if B.base_ring() is not QQ:
        B = Polyhedron(vertices=B.vertices_list(), rays=B.rays_list(), lines=B.lines_list(),
                       base_ring=QQ)
    if B.n_rays() or B.n_lines():
        raise ValueError("ball must be bounded (a polytope), got unbounded directions")
    if B.dim() != n:
        raise ValueError("ball must be full-dimensional in QQ^%s, got a polytope of dimension %s"
                         % (n, B.dim()))
    V = set(tuple(v) for v in B.vertices_list())
    if V != set(tuple(-x for x in v) for v in V):
        raise ValueError("ball must be centrally symmetric about the origin (B = -B); its "
                         "vertices are %s" % sorted(V))
    return B


def _facet_normals(B):
    r"""
    Return the facet normals ``a_i`` of ``B`` scaled to ``a_i . x <= 1``, in
    the order of ``B.inequalities()``.
    """
    out = []
    for h in B.inequalities():
        # h: b + A x >= 0 with b > 0 since 0 is interior
        b, A = h.b(), h.A()
        out.append(tuple(-QQ(a) / b for a in A))
    return out


def polyhedral_norm(x, ball):
    r"""
    Return ``||x||_B = max_i a_i . x`` for the unit ball ``B``.

    INPUT:

    - ``x`` -- a point (entries in any ordered ring containing ``QQ``, e.g.
      ``QQ`` or ``AA``)
    - ``ball`` -- a ``Polyhedron`` as returned by :func:`unit_ball`

    OUTPUT: an element of the ring of the entries of ``x``

    EXAMPLES::

        sage: from sage_neuro.optimization.polyhedral import polyhedral_norm, unit_ball
        sage: polyhedral_norm([3, -4], unit_ball('l1', 2)), polyhedral_norm([3, -4], unit_ball('linf', 2))
        (7, 4)
    """
    return max(sum(a * xi for a, xi in zip(ai, x)) for ai in _facet_normals(ball))


class PolyhedralOptimum:
    r"""
    A real point where the dilated ball ``u + t B`` touches the neuromanifold.

    Attributes: ``point`` (tuple of exact algebraic numbers in ``AA``),
    ``value`` (``t = ||point - u||_B``, in ``AA``), ``face`` (the face of
    ``B`` in whose relative interior ``(point - u)/t`` lies; ``None`` when
    ``t = 0``, the data on the variety: the center of the ball),
    ``face_dimension`` (``-1`` for the center) and ``stratum``
    (``'smooth'`` or ``'singular points'``: where on the variety the point
    was found).

    INPUT:

    - ``point``, ``value``, ``face``, ``stratum`` -- as above

    EXAMPLES::

        sage: from sage_neuro.optimization.polyhedral import PolyhedralOptimum
        sage: PolyhedralOptimum((0, 0), 0, None, 'smooth')
        distance 0 at (0, 0), at the center of the ball
    """

    def __init__(self, point, value, face, stratum):
        self.point = tuple(point)
        self.value = value
        self.face = face
        self.face_dimension = -1 if face is None else Integer(face.dim())
        self.stratum = stratum

    def __repr__(self):
        where = ("at the center of the ball" if self.face is None
                 else "in a face of dimension %s" % self.face_dimension)
        return "distance %s at (%s), %s" % (self.value, ", ".join(str(x) for x in self.point), where)


class PolyhedralDistanceOptima:
    r"""
    The optimal points of ``min_{f in M} ||f - u||_B``: returned by
    :func:`polyhedral_distance_optima`.

    Attributes: ``value`` (the distance, exact in ``AA``), ``optima`` (the
    :class:`PolyhedralOptimum` attaining it), ``critical`` (every real
    critical point found, all faces and strata), ``target``, ``ball``,
    ``provenance``, ``systems`` (number of critical systems solved).

    INPUT:

    - ``value``, ``optima``, ``critical``, ``target``, ``ball``,
      ``provenance``, ``systems`` -- as above

    EXAMPLES::

        sage: from sage_neuro import PolynomialMLP
        sage: from sage_neuro.optimization.polyhedral import polyhedral_distance_optima
        sage: D = polyhedral_distance_optima(PolynomialMLP([2, 1, 1]), [1, 0, 1], 'l1')
        sage: D
        l1-type polyhedral distance 1 from (1, 0, 1): 2 optimal points, landing faces {0: 2} [proved; ...]
    """

    def __init__(self, value, optima, critical, target, ball, provenance, systems):
        self.value = value
        self.optima = list(optima)
        self.critical = list(critical)
        self.target = tuple(target)
        self.ball = ball
        self.provenance = provenance
        self.method = provenance.method
        self.systems = systems

    def face_counts(self):
        r"""
        Return how many optimal points land in the relative interior of a
        face of each dimension (``-1``: the center, distance ``0``).

        OUTPUT: a dictionary face dimension -> number of optimal points

        EXAMPLES::

            sage: from sage_neuro import LinearNetwork
            sage: from sage_neuro.optimization.polyhedral import polyhedral_distance_optima
            sage: polyhedral_distance_optima(LinearNetwork([2, 1, 2]), [1, 2, 2, 4], 'l1').face_counts()
            {-1: 1}
        """
        return dict(sorted(Counter(P.face_dimension for P in self.optima).items()))

    def landing_faces(self):
        r"""
        Return the distinct faces of the ball where optima land (``None``
        for the center).

        OUTPUT: a list of faces of ``ball`` (Sage ``PolyhedronFace``)

        EXAMPLES::

            sage: from sage_neuro import PolynomialMLP
            sage: from sage_neuro.optimization.polyhedral import polyhedral_distance_optima
            sage: D = polyhedral_distance_optima(PolynomialMLP([2, 1, 1]), [1, 0, 1], 'l1')
            sage: [F.vertices() for F in D.landing_faces()]
            [(A vertex at (0, 0, -1),), (A vertex at (-1, 0, 0),)]
        """
        out = []
        for P in self.optima:
            if not any(P.face == F for F in out):
                out.append(P.face)
        return out

    def critical_face_counts(self):
        r"""
        Return how many real critical points (optimal or not) land in a face
        of each dimension.

        OUTPUT: a dictionary face dimension -> number of critical points

        EXAMPLES::

            sage: from sage_neuro import PolynomialMLP
            sage: from sage_neuro.optimization.polyhedral import polyhedral_distance_optima
            sage: D = polyhedral_distance_optima(PolynomialMLP([2, 1, 1]), [1, 0, 1], 'l1')
            sage: sum(D.critical_face_counts().values()) >= len(D.optima)
            True
        """
        out = {}
        for P in self.critical:
            out[P.face_dimension] = out.get(P.face_dimension, 0) + 1
        return dict(sorted(out.items()))

    def __repr__(self):
        return "%s polyhedral distance %s from (%s): %s optimal point%s, landing faces %s [%s]" % (
            self._ball_name(), self.value, ", ".join(str(x) for x in self.target), len(self.optima),
            "" if len(self.optima) == 1 else "s", self.face_counts(), self.provenance.summary())

    def _ball_name(self):
        n = self.ball.ambient_dim()
        if self.ball == unit_ball("l1", n):
            return "l1-type"
        if self.ball == unit_ball("linf", n):
            return "linf-type"
        return "B-norm"


def _variety_ideal(variety):
    r"""
    Return the ideal of the Zariski closure from an architecture, a
    neuromanifold or an ideal, and its provenance method.
    """
    if hasattr(variety, "gens") and hasattr(variety, "ring") and hasattr(variety, "groebner_basis"):
        return variety, "given ideal"
    if hasattr(variety, "neuromanifold"):
        variety = variety.neuromanifold()
    if hasattr(variety, "ideal") and hasattr(variety, "provenance"):
        I = variety.ideal()
        return I, variety.provenance("ideal").method
    raise ValueError("variety must be an architecture, a neuromanifold or an ideal over QQ, not %r"
                     % (variety,))


def _strata(J):
    r"""
    Return the strata of ``V(J)``: a list of pairs ``(P, S)`` with ``P`` a
    prime ideal and ``S`` the ideal of its singular locus (``None`` when
    ``P`` is zero-dimensional: its points form the stratum).
    """
    out = []
    R = J.ring()
    n = R.ngens()
    for P in J.minimal_associated_primes():
        d = P.dimension()
        if d <= 0:
            out.append((P, None))
            continue
        c = n - d
        Jac = matrix(R, [[g.derivative(x) for x in R.gens()] for g in P.gens()])
        S = P + R.ideal(Jac.minors(c))
        out.append((P, S))
        if not S.is_one():
            out.extend(_strata(S))
    return out


def _landing_face(y, normals, faces):
    r"""
    Return the face of the ball (facet normals ``normals``, faces
    ``faces``) with ``y`` in its relative interior (``y`` on its boundary).
    """
    active = frozenset(i for i, a in enumerate(normals) if sum(ai * yi for ai, yi in zip(a, y)) == 1)
    for F in faces:
        if frozenset(h.index() for h in F.ambient_Hrepresentation() if h.is_inequality()) == active:
            return F
    raise AssertionError("no face of the ball has the active facets %s" % sorted(active))


def _reaches(Q, t0, u, normals, n):
    r"""
    Decide whether the critical component ``V(Q)`` (on which ``t = t0``)
    has a real point ``f`` with ``||f - u||_B <= t0``; for a component whose
    projection to the function space is an affine space this is a linear
    feasibility problem, solved exactly.
    """
    R = Q.ring()
    fs = R.gens()[:n]
    L = Q.elimination_ideal([x for x in R.gens()[n:]])
    gens = L.gens()
    if any(g.degree() > 1 for g in gens if not g.is_zero()):
        raise ValueError("target %s is special for this ball: a curved positive-dimensional "
                         "set of critical points with value %s; perturb the data" % (tuple(u), t0))
    eqns = [[g.constant_coefficient()] + [g.monomial_coefficient(x) for x in fs]
            for g in gens if not g.is_zero()]
    ieqs = [[t0 + sum(a * ui for a, ui in zip(ai, u))] + [-a for a in ai] for ai in normals]
    ring = QQ if t0 in QQ else AA
    if ring is QQ:
        ieqs = [[QQ(x) for x in row] for row in ieqs]
    return not Polyhedron(ieqs=ieqs, eqns=eqns, base_ring=ring).is_empty()


def polyhedral_distance_optima(variety, target, ball="l1"):
    r"""
    Return the distance from ``target`` to the real points of the Zariski
    closure of a neuromanifold in the polyhedral norm with unit ball
    ``ball``, the optimal points and the faces of the ball where they land,
    exactly over ``QQ`` (see the module documentation for the route).

    INPUT:

    - ``variety`` -- an architecture, its neuromanifold, or an ideal over
      ``QQ`` of the function space (coordinates as in
      ``net.monomial_basis()``)
    - ``target`` -- the data ``u``, a rational point of the function space
    - ``ball`` -- the unit ball, as in :func:`unit_ball` (default ``'l1'``)

    OUTPUT: a :class:`PolyhedralDistanceOptima`

    The critical system of every face must be zero-dimensional; for special
    data (e.g. a facet of ``u + t B`` containing a segment of the variety)
    it is not, and a ``ValueError`` says so.

    EXAMPLES:

    Rank-one ``2 x 2`` matrices (a quadric cone in ``QQ^4``): the data
    ``diag(2, 1)`` is at ``l-infinity`` distance ``2/3``, attained at two
    points landing on vertices of the cube; the ``l1`` distance from
    ``[[3, 1], [2, 5]]`` is ``13/5`` (change the entry ``3`` to ``2/5``: a
    vertex of the cross-polytope)::

        sage: from sage_neuro import LinearNetwork, PolynomialMLP
        sage: from sage_neuro.optimization.polyhedral import polyhedral_distance_optima
        sage: net = LinearNetwork([2, 1, 2])
        sage: D = polyhedral_distance_optima(net, [2, 0, 0, 1], 'linf'); D.value  # long time
        2/3
        sage: sorted(P.point for P in D.optima)  # long time
        [(4/3, -2/3, -2/3, 1/3), (4/3, 2/3, 2/3, 1/3)]
        sage: D.face_counts()  # long time
        {0: 2}
        sage: polyhedral_distance_optima(net, [3, 1, 2, 5], 'l1').optima  # long time
        [distance 13/5 at (2/5, 1, 2, 5), in a face of dimension 0]

    Quadrics ``w (a x + b y)^2`` (a cone in ``QQ^3``)::

        sage: D = polyhedral_distance_optima(PolynomialMLP([2, 1, 1]), [1, 3, 1], 'linf'); D
        linf-type polyhedral distance 1/3 from (1, 3, 1): 1 optimal point, landing faces {0: 1} [proved; ...]

    Data on the neuromanifold: distance ``0``, landing at the center::

        sage: D = polyhedral_distance_optima(net, [1, 2, 3, 6], 'linf'); D.value, D.face_counts()
        (0, {-1: 1})

    Bad input::

        sage: polyhedral_distance_optima(net, [1, 2, 3], 'l1')
        Traceback (most recent call last):
        ...
        ValueError: target must have 4 entries (one per coordinate), got 3
    """
    start = time.time()
    J, ideal_method = _variety_ideal(variety)
    R0 = J.ring()
    n = R0.ngens()
    u = [QQ(x) for x in check_point(target, n, "target")]
    B = unit_ball(ball, n)
    normals = _facet_normals(B)
    vertices = [tuple(QQ(x) for x in v) for v in B.vertices_list()]
    faces = [F for k in range(n) for F in B.faces(k)]

    def norm(x):
        return max(sum(a * xi for a, xi in zip(ai, x)) for ai in normals)

    route = ("strata of the real closure (minimal primes, singular loci); per stratum and "
             "face F of the ball a square critical system over QQ (f in the stratum, "
             "f - u in t aff(F), a normal vector in the span of the normal cone of F), "
             "saturated by the singular locus and t; real solutions by variety(AA)")
    if all(g(*u) == 0 for g in J.gens()):
        P = PolyhedralOptimum(tuple(AA(x) for x in u), AA(0), None, "smooth")
        prov = Provenance("polyhedral distance", AA(0), "proved", seconds=time.time() - start,
                          route="the data lies on the variety",
                          certificate="every generator of the ideal vanishes at the data")
        return PolyhedralDistanceOptima(AA(0), [P], [P], u, B, prov, 0)

    critical = []
    pending = []
    systems = 0
    for P0, S0 in _strata(J):
        if S0 is None:
            systems += 1
            for pt in P0.variety(AA):
                f = tuple(pt[x] for x in R0.gens())
                t = norm([fi - ui for fi, ui in zip(f, u)])
                y = [(fi - ui) / t for fi, ui in zip(f, u)]
                critical.append(PolyhedralOptimum(f, t, _landing_face(y, normals, faces),
                                                  "singular points"))
            continue
        d = P0.dimension()
        codim = n - d
        for F in faces:
            I = [h.index() for h in F.ambient_Hrepresentation() if h.is_inequality()]
            span = matrix(QQ, [normals[i] for i in I])
            basis = span.row_space().basis()
            k = len(basis)
            R = PolynomialRing(QQ, ["f%s" % i for i in range(n)] + ["t"]
                               + ["m%s" % i for i in range(k)], order="degrevlex")
            fs = R.gens()[:n]
            tt = R.gens()[n]
            ms = R.gens()[n + 1:]
            phi = R0.hom(list(fs), R)
            cvec = [sum(ms[j] * basis[j][i] for j in range(k)) for i in range(n)]
            gens = [phi(g) for g in P0.gens()]
            Jac = [[g.derivative(x) for x in fs] for g in gens]
            eqs = list(gens)
            eqs += matrix(R, Jac + [cvec]).minors(codim + 1)
            eqs += [sum(normals[i][j] * (fs[j] - u[j]) for j in range(n)) - tt for i in I]
            v0 = F.vertices()[0]
            eqs.append(sum(cvec[i] * QQ(v0[i]) for i in range(n)) - 1)
            E = R.ideal(eqs)
            E = E.saturation(R.ideal([phi(s) for s in S0.gens()]))[0]
            E = E.saturation(R.ideal([tt]))[0]
            systems += 1
            if E.is_one():
                continue
            # cheap exact prefilter: the values t of the critical points are
            # roots of the eliminant of E in t; a face whose eliminant has
            # no positive real root has no admissible critical point
            e = E.elimination_ideal([x for x in R.gens() if x != tt])
            if not e.is_zero():
                r = e.gens()[0].univariate_polynomial()
                if not any(t0 > 0 for t0 in r.roots(AA, multiplicities=False)):
                    continue
            if E.dimension() > 0:
                # a positive-dimensional critical set (special data, e.g. a
                # line of the cone on which a facet functional is constant):
                # by the algebraic Sard theorem t is constant on each of its
                # components, so it matters only if that value could beat the
                # isolated critical points; this is decided after the loop
                components = E.minimal_associated_primes()
                for Q in components:
                    if Q.dimension() > 0:
                        e = Q.elimination_ideal([x for x in R.gens() if x != tt])
                        if e.is_zero():
                            raise ValueError("target %s is special for this ball: t is not "
                                             "constant on a critical component of the face "
                                             "with vertices %s" % (tuple(u), F.vertices()))
                        r = e.gens()[0].univariate_polynomial()
                        pending.extend((t0, F, Q) for t0 in r.roots(AA, multiplicities=False)
                                       if t0 > 0)
                solutions = [s for Q in components if Q.dimension() == 0 for s in Q.variety(AA)]
            else:
                solutions = E.variety(AA)
            for sol in solutions:
                f = tuple(sol[x] for x in fs)
                t = sol[tt]
                if t <= 0:
                    continue
                c = [sum(sol[ms[j]] * basis[j][i] for j in range(k)) for i in range(n)]
                # c must lie in the normal cone of B at F, not only in its span
                if any(sum(ci * wi for ci, wi in zip(c, w)) > 1 for w in vertices):
                    continue
                if norm([fi - ui for fi, ui in zip(f, u)]) != t:
                    continue
                y = [(fi - ui) / t for fi, ui in zip(f, u)]
                G = _landing_face(y, normals, faces)
                critical.append(PolyhedralOptimum(f, t, G, "smooth"))
    if not critical:
        raise AssertionError("no real critical point found: the closure has no real point?")
    # the same point can be found on several faces' systems (at a lower face)
    unique = []
    for P in critical:
        if not any(P.point == Q.point for Q in unique):
            unique.append(P)
    value = min(P.value for P in unique)
    for t0, F, Q in pending:
        if t0 <= value and _reaches(Q, t0, u, normals, n):
            raise ValueError("target %s is special for this ball: a positive-dimensional set of "
                             "points at distance %s <= %s lands on the face with vertices %s "
                             "(the optimum is not isolated); perturb the data"
                             % (tuple(u), t0, value, F.vertices()))
    optima = [P for P in unique if P.value == value]
    for P in unique:
        P.value.exactify()
    method = "proved" if ideal_method in ("proved", "given ideal") else ideal_method
    prov = Provenance("polyhedral distance", value, method, seconds=time.time() - start,
                      route=route,
                      note="%s critical systems, %s real critical points, %s values of positive-dimensional "
                           "critical sets (all larger)" % (systems, len(unique), len(pending)),
                      certificate="minimum over the real points of the Zariski closure: every "
                                  "critical system zero-dimensional over QQ, real solutions "
                                  "isolated exactly; the ideal is %s" % ideal_method)
    return PolyhedralDistanceOptima(value, optima, unique, u, B, prov, systems)


def sampled_polyhedral_distance(net, target, ball="l1", samples=2000, refine=5, steps=300,
                                seed=0, scale=None):
    r"""
    Return a numerical upper bound for ``min_theta ||mu(theta) - u||_B``
    over **real** parameters: the best of ``samples`` random parameter
    points (Gaussian, standard deviation ``scale``), each of the ``refine``
    best refined by a pattern search along the coordinate and random
    directions (no derivatives: the norm is not smooth).

    INPUT:

    - ``net`` -- an architecture
    - ``target``, ``ball`` -- as in :func:`polyhedral_distance_optima`
    - ``samples``, ``refine``, ``steps`` -- positive integers
    - ``seed`` -- seed of the random draws
    - ``scale`` -- (default: ``max(1, ||u||_inf)^(1/D)``, ``D`` the degree
      of ``mu``) standard deviation of the parameters

    OUTPUT: a :class:`~sage_neuro.provenance.Provenance` (``'numerical'``)
    whose value is the best distance found (a float) and whose
    ``certificate`` names the real parameters attaining it

    EXAMPLES::

        sage: from sage_neuro import LinearNetwork
        sage: from sage_neuro.optimization.polyhedral import sampled_polyhedral_distance
        sage: P = sampled_polyhedral_distance(LinearNetwork([2, 1, 2]), [2, 0, 0, 1], 'linf', samples=200)
        sage: P.method, abs(P.value - 2/3) < 1e-3
        ('numerical', True)
    """
    from sage.ext.fast_callable import fast_callable
    samples = check_positive_int(samples, "samples")
    refine = check_positive_int(refine, "refine")
    steps = check_positive_int(steps, "steps")
    start = time.time()
    coords = net.coordinate_functions()
    n = len(coords)
    u = numpy.array([float(x) for x in check_point(target, n, "target")])
    A = numpy.array([[float(a) for a in ai] for ai in _facet_normals(unit_ball(ball, n))])
    gens = net.parameter_ring().gens()
    fns = [fast_callable(c, vars=gens, domain=float) for c in coords]
    D = max(c.degree() for c in coords)
    if scale is None:
        scale = max(1.0, float(numpy.abs(u).max())) ** (1.0 / D)

    def loss(theta):
        f = numpy.array([g(*theta) for g in fns])
        return float((A @ (f - u)).max())

    rng = numpy.random.default_rng(seed)
    N = len(gens)
    draws = rng.normal(0, scale, size=(samples, N))
    values = numpy.array([loss(th) for th in draws])
    best_theta, best = None, float("inf")
    for i in numpy.argsort(values)[:refine]:
        theta, val, h = draws[i].copy(), values[i], scale / 4
        for _ in range(steps):
            improved = False
            # coordinate directions alone stall at the kinks of a maximum of
            # smooth functions; random directions get along the kinks
            directions = numpy.vstack([numpy.eye(N), rng.normal(size=(2 * N, N))])
            for d in directions:
                d = d / numpy.linalg.norm(d)
                for s in (h, -h):
                    cand = theta + s * d
                    lc = loss(cand)
                    if lc < val:
                        theta, val, improved = cand, lc, True
            if not improved:
                h /= 2
                if h < 1e-12:
                    break
        if val < best:
            best_theta, best = theta, val
    return Provenance("polyhedral distance (sampled)", best, "numerical", seeds=(seed,),
                      seconds=time.time() - start,
                      route="%s Gaussian parameter samples, pattern search from the %s best"
                            % (samples, refine),
                      certificate="real parameters %s give ||mu(theta) - u||_B = %.12g"
                                  % (tuple(float(x) for x in best_theta), best))
