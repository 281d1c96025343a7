r"""
Real membership: is a rational point ``f`` of the function space a value
``mu(theta)`` of the network on *real* parameters?

The neuromanifold is the real image ``mu(R^N)``, a semialgebraic set; its
complex image ``mu(C^N)`` and its Zariski closure ``M`` can be larger. For a
point ``f`` with rational coordinates exactly one of four cases holds:

- ``'real image'``: ``f = mu(theta)`` with ``theta`` real; the witness is
  such a ``theta``, with rational or real algebraic entries (exact elements
  of ``AA``, each with an isolating interval);
- ``'complex image'``: ``f`` is a value of ``mu`` only at non-real
  parameters: the fiber ``mu^{-1}(f)`` is non-empty and has no real point;
- ``'closure'``: ``f`` lies on ``M`` but is not a value of ``mu`` at all
  (e.g. a limit of ``mu`` along parameters going to infinity);
- ``'outside'``: ``f`` is not on ``M``.

How it is decided:

- complex image: the fiber ideal ``(mu(theta) - f)`` over ``QQ`` is the unit
  ideal iff the fiber is empty (Nullstellensatz;
  :func:`~sage_neuro.invariants.image_membership.in_image`);
- closure (only for points without complex preimage): the generators of the
  implicit ideal of ``M`` (eliminated in Macaulay2, proved by substitution
  into ``mu``, :func:`~sage_neuro.invariants.implicit.implicit_ideal`) are
  evaluated at ``f``; a generator that does not vanish, substituted back
  into ``mu``, is the certificate of ``'outside'``;
- real points of the fiber ``V`` (complete, no random starts): ``V`` is split
  into the varieties of its minimal primes over ``QQ``. For a prime ``P`` of
  dimension ``e > 0`` and codimension ``c`` in ``R^N``: every non-empty
  real algebraic set is closed, so it has a point nearest to a point ``a``.
  If that point is not on ``B`` (where the Jacobian of ``c`` random
  combinations ``h`` of the generators of ``P`` has rank ``< c``), ``V(P)`` is
  a manifold there with tangent space ``ker Dh``, so the point solves the
  Lagrange system ``theta in V(P)``, ``theta - a = Dh(theta)^T lambda``;
  for generic ``a`` this system is zero-dimensional (checked; otherwise ``a``
  is redrawn), and its real solutions are isolated exactly. Otherwise the
  point lies on ``V(P) cap B``, of dimension ``< e`` (checked), and the
  method recurses. Zero-dimensional systems are solved exactly: Singular's
  triangular decomposition over ``QQ`` and real root isolation of the
  univariate polynomials (Sage's ``variety(AA)``). The random choices
  (``a``, ``h``) only affect the speed: every property the proof needs is
  verified, so the verdicts are ``'proved'``.

Two reductions come first, both exact:

- gauges (:func:`gauge_cells`): the continuous symmetries of the network
  (rescalings, ``GL`` actions) move every real point of a fiber into one of
  finitely many cells where some parameters are ``0`` or ``1`` (echelon
  forms, first nonzero entries); the fiber has a real point iff a cell
  does, and the cells of a generic fiber are zero-dimensional. Lightning
  self-attention ``(2, 2, 1, 2)``: 12 cells, a decision in 0.02-0.15 s;
- a coordinate that occurs in no equation of the reduced Groebner basis is
  set to ``0`` (the variety is a cylinder in that direction), and a
  zero-dimensional system whose eliminant in one coordinate has no real
  root (Sturm sequences over ``QQ``) has no real point.

Without a gauge, a few coordinate slices (parameters of an independent set
of the fiber fixed at small integers) are tried before the complete method:
a real solution of a slice is a real point of the fiber, hence a proof of
``'real image'``; no solution proves nothing and the complete method runs.

This is the *real* side of :func:`~sage_neuro.invariants.image_membership.in_image`,
which decides ``mu(C^N)`` only. The semialgebraic nature of ``mu(R^N)`` is
the point of Kohn-Merkh-Montufar-Trager (arXiv 2108.01538) for linear
convolutional networks and of Henry-Marchetti-Kohn (arXiv 2408.17221) for
attention.

EXAMPLES:

The polynomials ``(a x + b)(c x + d)`` of the linear CNN with two filters
of size 2 are the quadratics with real roots: ``x^2 - 1`` is in the real
image, ``x^2 + 1`` only in the complex one::

    sage: from sage_neuro import PolynomialCNN
    sage: from sage_neuro.invariants.real_membership import real_membership
    sage: net = PolynomialCNN([2, 2], activation=1)
    sage: net.monomial_basis()
    [x0, x1, x2]
    sage: real_membership(net, [1, 0, -1]).verdict
    'real image'
    sage: real_membership(net, [1, 0, 1]).verdict
    'complex image'
"""

import random
from dataclasses import dataclass

from sage.matrix.constructor import matrix
from sage.rings.polynomial.polynomial_ring_constructor import PolynomialRing
from sage.rings.qqbar import AA
from sage.rings.rational_field import QQ
from sage.rings.real_mpfi import RealIntervalField

from sage_neuro.constants import REAL_WITNESS_SLICES, REDRAWS
from sage_neuro.provenance import Provenance, stopwatch

#: the four possible answers of :func:`real_membership`, from inside out
VERDICTS = ("real image", "complex image", "closure", "outside")



@dataclass(eq=False, repr=False)
class RealMembership:
    r"""
    The answer of :func:`real_membership`: where a rational point lies with
    respect to the real image, the complex image and the Zariski closure of
    ``mu``, with a certificate.

    Attributes:

    - ``verdict`` -- one of :data:`VERDICTS`
    - ``witness`` -- for ``'real image'``, a real parameter ``theta`` with
      ``mu(theta) = point`` (a tuple of rationals or elements of ``AA``);
      otherwise ``None``
    - ``point`` -- the point, over ``QQ``
    - ``fiber_dimension`` -- the dimension of ``mu^{-1}(point)`` over
      ``CC`` (``None`` when the fiber is empty)
    - ``equation`` -- for ``'outside'``, a polynomial of the implicit ideal
      that does not vanish at the point (``None`` otherwise)
    - ``provenance`` -- a :class:`~sage_neuro.provenance.Provenance`

    EXAMPLES::

        sage: from sage_neuro import PolynomialCNN
        sage: from sage_neuro.invariants.real_membership import real_membership
        sage: m = real_membership(PolynomialCNN([2, 2], activation=1), [2, 3, 1]); m
        real image: point = mu(theta) for theta = (1, 1/2, 2, 2)  [proved; ... s]
        sage: m.verdict, m.is_proved()
        ('real image', True)
        sage: m.witness_intervals()
        (...)
    """

    net: object
    point: object
    verdict: str
    witness: object
    fiber_dimension: object
    provenance: Provenance
    equation: object = None

    def __post_init__(self):
        if self.verdict not in VERDICTS:
            raise ValueError("verdict must be one of %s, not %r" % (VERDICTS, self.verdict))

    def is_proved(self):
        r"""
        Return whether the verdict is proved (its provenance method is
        ``'proved'``).

        EXAMPLES::

            sage: from sage_neuro import PolynomialCNN
            sage: from sage_neuro.invariants.real_membership import real_membership
            sage: real_membership(PolynomialCNN([2, 2], activation=1), [1, 0, 1]).is_proved()
            True
        """
        return self.provenance.is_proved()

    def witness_intervals(self, precision=53):
        r"""
        Return isolating intervals of the entries of the witness (a tuple
        of elements of ``RealIntervalField(precision)``), or ``None`` when
        there is no witness.

        INPUT:

        - ``precision`` -- bits of the interval end points (default 53)

        EXAMPLES:

        The CNN ``[1, 1]`` with ``sigma = t^3 - 2`` maps ``(w_1, w_2)`` to
        ``w_2 (w_1^3 x^3 - 2)``; the fiber of ``2 x^3 - 2`` is the single point
        ``(2^(1/3), 1)``::

            sage: from sage_neuro import PolynomialCNN
            sage: from sage_neuro.invariants.real_membership import real_membership
            sage: R.<t> = QQ[]
            sage: net = PolynomialCNN([1, 1], activation=t^3 - 2)
            sage: net.coordinate_functions()
            [f1_0^3*f2_0, -2*f2_0]
            sage: m = real_membership(net, [2, -2]); m.verdict
            'real image'
            sage: m.witness_intervals()
            (1.259921049894873?, 1)
            sage: m.witness_intervals(10)
            (1.26?, 1)
            sage: m = real_membership(net, [1, 0]); m.verdict, m.witness_intervals()
            ('closure', None)
        """
        if self.witness is None:
            return None
        RIF = RealIntervalField(precision)
        return tuple(RIF(x) for x in self.witness)

    def __bool__(self):
        return self.verdict == "real image"

    def __repr__(self):
        s = self.verdict
        if self.witness is not None:
            s += ": point = mu(theta) for theta = (%s)" % ", ".join(str(x) for x in self.witness)
        elif self.verdict == "complex image":
            s += ": the fiber (dimension %s) has no real point" % self.fiber_dimension
        elif self.verdict == "closure":
            s += ": on the Zariski closure, no complex preimage"
        elif self.equation is not None:
            s += ": the equation %s of the closure does not vanish" % self.equation
        return "%s  [%s]" % (s, self.provenance.summary())


def _rational_point(net, point):
    # the point over QQ, with errors naming what is allowed
    from sage_neuro.validation import check_rational_point
    return check_rational_point(point, net.ambient_dimension(), name="point")


# -- real points of algebraic sets over QQ -------------------------------------

class RealPointSearch:
    r"""
    The bookkeeping of one search for a real point (for the provenance):
    ``route`` (a description), ``systems`` (zero-dimensional systems solved
    exactly), ``primes`` (minimal primes visited), ``critical`` (critical
    systems built: the only random choices), ``redraws`` (draws that were
    not generic), ``free`` (coordinates set to ``0`` because no equation
    involves them).

    INPUT:

    - ``seed`` -- seed of the random choices

    EXAMPLES::

        sage: from sage_neuro.invariants.real_membership import real_point
        sage: R.<x, y> = QQ[]
        sage: _, search = real_point(R.ideal([x^2 + y^2 + 1]), quick=False)
        sage: search.critical, search.redraws, search.route
        (1, 0, 'critical points of the distance to a random point on the minimal primes, recursing on Jacobian rank-drop loci')
    """

    def __init__(self, seed):
        self.rng = random.Random(int(seed))   # Sage Integers are not accepted as seeds
        self.systems = 0
        self.redraws = 0
        self.primes = 0
        self.route = None
        self.critical = 0   # critical systems built (the only random choices)
        self.free = 0       # coordinates set to 0 because no equation involves them

    def integers(self, n, bound=5, nonzero=False):
        r"""
        Return ``n`` random integers in ``[-bound, bound]`` (nonzero if asked).

        EXAMPLES::

            sage: from sage_neuro.invariants.real_membership import RealPointSearch
            sage: all(v != 0 for v in RealPointSearch(0).integers(20, bound=1, nonzero=True))
            True
        """
        vals = []
        while len(vals) < n:
            v = self.rng.randint(-bound, bound)
            if v or not nonzero:
                vals.append(v)
        return vals


def _zero_dimensional_real_points(J, search):
    # exact real solutions of a zero-dimensional ideal over QQ: rational
    # ones first (cheap), then real algebraic ones (Singular's triangular
    # decomposition and real root isolation; exact elements of AA)
    search.systems += 1
    R = J.ring()
    if J.vector_space_dimension() == 1:
        # one point, rational: the normal forms of the variables
        return [tuple(QQ(J.reduce(v)) for v in R.gens())]
    # a real point gives a real root of every eliminant: an eliminant without
    # real roots (Sturm sequences over QQ) proves there is none, cheaply
    for v in R.gens()[-2:]:
        # the reduced Groebner basis of an ideal of one variable is one polynomial
        (p,) = J.elimination_ideal([w for w in R.gens() if w != v]).groebner_basis()
        if p.univariate_polynomial().number_of_real_roots() == 0:
            return []
    sols = J.variety(QQ)
    if sols:
        return [tuple(QQ(s[v]) for v in R.gens()) for s in sols]
    sols = J.variety(AA)
    return [tuple(s[v] for v in R.gens()) for s in sols]


def _independent_set(I):
    # the variables of a maximal independent set of I (Singular's indepSet
    # on a Groebner basis)
    from sage.libs.singular.function import singular_function
    R = I.ring()
    G = R.ideal(I.groebner_basis())
    # tell Singular the generators are a standard basis (they are)
    flags = singular_function("indepSet")(G, attributes={G: {"isSB": 1}})
    return [v for v, b in zip(R.gens(), flags) if b]


def _slice_real_point(I, search):
    # a quick witness: fix the parameters of an independent set at small
    # nonzero integers; a real solution of the slice is a real point of V(I)
    R = I.ring()
    u = _independent_set(I)
    for _ in range(REAL_WITNESS_SLICES):
        vals = search.integers(len(u), bound=2, nonzero=True)
        J = I + R.ideal([x - c for x, c in zip(u, vals)])
        if J.dimension() != 0:   # empty, or not finite: try other values
            continue
        pts = _zero_dimensional_real_points(J, search)
        if pts:
            return pts[0]
    return None


def real_point(I, seed=0, quick=True):
    r"""
    Return a real point of the variety of the ideal ``I`` over ``QQ``, or
    ``None`` when it has none; complete (critical points of a distance
    function on the minimal primes, recursing on the Jacobian rank-drop
    loci), not a sample.

    INPUT:

    - ``I`` -- an ideal of a multivariate polynomial ring over ``QQ``
    - ``seed`` -- (default 0) seed of the random point ``a`` and the random
      combinations of generators (they affect the speed, not the answer)
    - ``quick`` -- (default ``True``) try coordinate slices first

    OUTPUT: a pair ``(point, search)``: ``point`` a tuple of rationals or
    elements of ``AA`` (or ``None``), ``search`` a record with the route,
    the number of zero-dimensional systems solved and of redraws

    EXAMPLES:

    The circle has real points, ``x^2 + y^2 + 1`` none, ``x^2 + y^2`` only
    the origin (a singular point, found by the recursion)::

        sage: from sage_neuro.invariants.real_membership import real_point
        sage: R.<x, y> = QQ[]
        sage: p, _ = real_point(R.ideal([x^2 + y^2 - 1])); p[0]^2 + p[1]^2
        1
        sage: real_point(R.ideal([x^2 + y^2 + 1]))[0] is None
        True
        sage: real_point(R.ideal([x^2 + y^2]), quick=False)[0]
        (0, 0)
        sage: real_point(R.ideal([1]))[0] is None
        True
    """
    search = RealPointSearch(seed)
    pt = None
    if quick and I.dimension() > 0:
        pt = _slice_real_point(I, search)
        if pt is not None:
            search.route = "coordinate slice"
            return pt, search
    search.route = ("critical points of the distance to a random point on the minimal primes, "
                    "recursing on Jacobian rank-drop loci")
    return _real_point(I, search), search


def _real_point(I, search):
    R = I.ring()
    if list(I.groebner_basis()) == [R.one()]:
        return None
    # a variable in no generator is free: V(I) is a cylinder over the others,
    # so it has a real point iff it has one with that coordinate 0
    used = set()
    for g in I.groebner_basis():   # reduced: substituted variables are gone
        used.update(g.variables())
    free = [v for v in R.gens() if v not in used]
    if free and I.dimension() > 0:
        I = I + R.ideal(free)
        search.free += len(free)
    if I.dimension() == 0:
        pts = _zero_dimensional_real_points(I, search)
        return pts[0] if pts else None
    for P in I.minimal_associated_primes():
        search.primes += 1
        pt = _real_point_prime(P, search)
        if pt is not None:
            return pt
    return None


def _real_point_prime(P, search):
    R = P.ring()
    e = P.dimension()
    if e == 0:
        pts = _zero_dimensional_real_points(P, search)
        return pts[0] if pts else None
    n = R.ngens()
    c = n - e
    g = list(P.gens())
    search.critical += 1
    theta = R.gens()
    for attempt in range(REDRAWS + 1):
        if attempt:
            search.redraws += 1
        a = search.integers(n, bound=7)
        if len(g) == c:
            h = g
        else:
            A = [search.integers(len(g), bound=9) for _ in range(c)]
            h = [sum(x * y for x, y in zip(row, g)) for row in A]
        Jh = matrix(R, [[hi.derivative(v) for v in theta] for hi in h])
        S = PolynomialRing(QQ, [str(v) for v in theta] + ["lambda_%d" % j for j in range(c)],
                           order="degrevlex")
        th, lam = S.gens()[:n], S.gens()[n:]
        phi = R.hom(th, S)
        JS = Jh.apply_map(phi)
        L = S.ideal([phi(p) for p in g]
                    + [th[i] - a[i] - sum(lam[j] * JS[j, i] for j in range(c)) for i in range(n)])
        dim_L = L.dimension()
        if dim_L > 0:
            continue    # a is not generic: redraw
        # any real solution is a real point of V(P), whatever the draws
        pts = _zero_dimensional_real_points(L, search) if dim_L == 0 else []   # -1: no critical point
        if pts:
            return pts[0][:n]
        # none: the nearest real point, if any, lies where Dh drops rank
        B = P + R.ideal(Jh.minors(c))
        if B.dimension() >= e:
            continue    # the combinations h lost rank on all of V(P): redraw
        return _real_point(B, search)
    raise ArithmeticError("no random draw gave a zero-dimensional critical system and a proper "
                          "rank-drop locus for %s after %d draws" % (P, REDRAWS + 1))


# -- gauges: slices that meet every real orbit of a symmetry group ---------------

def echelon_cells(A):
    r"""
    Return the cells of the reduced row echelon forms of a matrix of
    variables ``A`` (``a x d``): one substitution (variable -> 0 or 1) per
    rank ``r`` and pivot columns ``p_1 < ... < p_r``. Every real matrix is
    ``g A`` in exactly one cell for some ``g`` in ``GL(a, R)`` (Gauss-Jordan
    elimination uses real row operations), so these cells form a real gauge
    of the left action of ``GL(a)``.

    INPUT:

    - ``A`` -- a matrix whose entries are distinct variables

    OUTPUT: a list of dictionaries (variable -> 0 or 1)

    EXAMPLES:

    A ``2 x 2`` matrix has four echelon cells (ranks 2, 1, 1, 0)::

        sage: from sage_neuro.invariants.real_membership import echelon_cells
        sage: R.<a, b, c, d> = QQ[]
        sage: for cell in echelon_cells(matrix(R, [[a, b], [c, d]])):
        ....:     print(sorted(cell.items(), key=str))
        [(a, 0), (b, 0), (c, 0), (d, 0)]
        [(a, 1), (c, 0), (d, 0)]
        [(a, 0), (b, 1), (c, 0), (d, 0)]
        [(a, 1), (b, 0), (c, 0), (d, 1)]
    """
    from itertools import combinations
    a, d = A.nrows(), A.ncols()
    cells = []
    for r in range(min(a, d) + 1):
        for pivots in combinations(range(d), r):
            sub = {}
            for i in range(a):
                for j in range(d):
                    if i >= r:
                        sub[A[i, j]] = 0          # rows below the rank vanish
                    elif j == pivots[i]:
                        sub[A[i, j]] = 1          # the pivot
                    elif j < pivots[i] or j in pivots:
                        sub[A[i, j]] = 0          # left of the pivot, or a pivot column
            cells.append(sub)
    return cells


def first_entry_cells(entries):
    r"""
    Return the cells of a real gauge of the rescaling ``v -> c v``
    (``c`` real, nonzero) of a vector of variables: ``v = 0``, or its first
    nonzero entry is ``1`` (reached by ``c = 1 / v_j``).

    INPUT:

    - ``entries`` -- a list of distinct variables

    OUTPUT: a list of dictionaries (variable -> 0 or 1)

    EXAMPLES::

        sage: from sage_neuro.invariants.real_membership import first_entry_cells
        sage: R.<x, y> = QQ[]
        sage: [sorted(c.items(), key=str) for c in first_entry_cells([x, y])]
        [[(x, 0), (y, 0)], [(x, 1)], [(x, 0), (y, 1)]]
    """
    cells = [{v: 0 for v in entries}]
    for j in range(len(entries)):
        cell = {v: 0 for v in entries[:j]}
        cell[entries[j]] = 1
        cells.append(cell)
    return cells


def gauge_cells(net):
    r"""
    Return a real gauge of the known continuous symmetries of ``net``: a
    list of substitutions (parameter -> 0 or 1) such that every real point
    of every fiber of ``mu`` is moved by a real symmetry into one of the
    cells, or ``None`` when no gauge is known (the fibers are then searched
    for real points without one).

    - One-layer lightning self-attention ``V X X^T K^T Q X``: ``GL(a)`` acts
      by ``(K, Q) -> (g K, g^{-T} Q)`` and fixes ``K^T Q``, so ``K`` can be
      brought into reduced row echelon form (:func:`echelon_cells`); then
      ``(V, Q) -> (c V, Q / c)`` (the rescaling ``(V, K) -> (c V, K / c)``
      followed by ``g = c``) fixes ``K`` and makes the first nonzero entry
      of ``V`` equal to ``1`` (:func:`first_entry_cells`).
    - CNNs with a monomial activation ``a t^r``: the rescaling
      ``(w_i, w_{i+1}) -> (c w_i, c^{-r} w_{i+1})`` makes the first nonzero
      tap of ``w_i`` equal to ``1``, for ``i = 1, ..., L - 1`` in turn (the
      later rescalings do not touch the earlier filters).
    - MLPs with ``sigma = a t^r``, ``r >= 2``, without skip connections:
      the rescaling of each hidden neuron (incoming weights and bias times
      ``c``, outgoing weights times ``c^{-r}``) makes the first nonzero
      incoming weight (or bias) equal to ``1``.
    - Linear networks and linear MLPs without bias: ``GL(k_i)`` at hidden
      layer ``i`` acts by ``(W_{i+1}, W_i) -> (W_{i+1} g^{-1}, g W_i)``;
      ``W_1, W_2, ...`` are brought into reduced row echelon form in turn.

    Every move uses a real group element, so the fiber of a point has a
    real point iff one of its cells does. Cells with fewer parameters set
    to ``0`` come first (they hold the generic points).

    INPUT:

    - ``net`` -- an architecture

    OUTPUT: a list of dictionaries, or ``None``

    EXAMPLES::

        sage: from sage_neuro import (LightningSelfAttention, PolynomialMLP, PolynomialCNN,
        ....:                         LinearNetwork)
        sage: from sage_neuro.invariants.real_membership import gauge_cells
        sage: len(gauge_cells(LightningSelfAttention(2, 2, 1, 2)))   # 4 echelon cells x 3
        12
        sage: gauge_cells(PolynomialCNN([2, 2], activation=3))[0]
        {f1_0: 1}
        sage: len(gauge_cells(PolynomialMLP([2, 2, 1])))             # 3 cells per neuron
        9
        sage: len(gauge_cells(LinearNetwork([2, 1, 2])))             # echelon cells of a 1 x 2 matrix
        3
        sage: R.<t> = QQ[]
        sage: gauge_cells(PolynomialMLP([2, 1, 1], activation=t^2 + t)) is None
        True
    """
    from itertools import product
    family = getattr(net, "family", None)
    factors = None
    if family == "attention" and net.depth() == 1:
        [(Q, K, V)] = net.weight_matrices()
        factors = [echelon_cells(K), first_entry_cells(V.list())]
    elif family == "cnn" and net.is_monomial_activation():
        factors = [first_entry_cells(w) for w in net.filter_vectors()[:-1]]
    elif family == "mlp" and not net.skip_layers():
        W = net.weight_matrices()
        if net.has_monomial_activation() and net.activation_degree() >= 2:
            b = net.bias_vectors()
            factors = [first_entry_cells(list(W[i].row(j)) + ([b[i][j]] if b else []))
                       for i in range(len(W) - 1) for j in range(W[i].nrows())]
        elif net.activation_degree() == 1 and not net.has_bias():
            factors = [echelon_cells(Wi) for Wi in W[:-1]]
    elif family == "linear":
        factors = [echelon_cells(Wi) for Wi in net.weight_matrices()[:-1]]
    if factors is None:
        return None
    cells = []
    for parts in product(*factors):
        cell = {}
        for part in parts:
            cell.update(part)
        cells.append(cell)
    cells.sort(key=lambda c: (sum(1 for v in c.values() if v == 0), -sum(c.values())))
    return cells


def _gauge_real_point(I, cells, search):
    # the fiber has a real point iff one of its gauge cells has one
    R = I.ring()
    for cell in cells:
        J = I + R.ideal([x - c for x, c in cell.items()])
        if list(J.groebner_basis()) == [R.one()]:
            continue
        if J.dimension() == 0:
            pts = _zero_dimensional_real_points(J, search)
            pt = pts[0] if pts else None
        else:
            # fibers larger than the orbits (e.g. sums of squares with a
            # continuous family of decompositions): slices first, for speed
            pt = _slice_real_point(J, search)
            if pt is None:
                pt = _real_point(J, search)
        if pt is not None:
            return pt
    return None


# -- the decision ----------------------------------------------------------------

def real_membership(net, point, ideal=None, seed=0, quick=True):
    r"""
    Decide exactly where the rational point ``point`` lies: in the real
    image ``mu(R^N)``, only in the complex image, only in the Zariski
    closure, or outside it.

    INPUT:

    - ``net`` -- an architecture
    - ``point`` -- a list (or vector) of rationals, one per coordinate, in
      the order of ``net.monomial_basis()``
    - ``ideal`` -- (default ``None``) a callable returning the implicit
      ideal of the closure (e.g. a neuromanifold's ``ideal`` method, which
      caches it); by default it is computed
      (:func:`~sage_neuro.invariants.implicit.implicit_ideal`), only for
      points without complex preimage
    - ``seed`` -- (default 0) seed of the random choices of the real-point
      search (they change the route's speed, never the verdict)
    - ``quick`` -- (default ``True``) try coordinate slices for a real
      witness before the complete method

    OUTPUT: a :class:`RealMembership` (true in a boolean context iff the
    verdict is ``'real image'``)

    EXAMPLES:

    A rank-one binary quadratic form ``v (w . x)^2`` of the MLP ``[2, 1, 1]``
    with activation ``t^2`` (coefficients of ``x0^2, x0 x1, x1^2``): every
    real point of the closure ``b^2 = 4 a c`` is in the real image (the
    output weight ``v`` carries the sign)::

        sage: from sage_neuro import PolynomialMLP, PolynomialCNN
        sage: from sage_neuro.invariants.real_membership import real_membership
        sage: net = PolynomialMLP([2, 1, 1])
        sage: m = real_membership(net, [-1, -2, -1]); m.verdict
        'real image'
        sage: net.evaluate(m.witness)
        (-1, -2, -1)
        sage: m = real_membership(net, [1, 0, 1]); m
        outside: the equation ... of the closure does not vanish  [proved; ...]

    With the activation ``t^2 + t`` the CNN ``[1, 1]`` maps ``(w_1, w_2)``
    to ``w_2 w_1^2 x^2 + w_2 w_1 x``; ``x^2`` is a limit, not a value::

        sage: R.<t> = QQ[]
        sage: real_membership(PolynomialCNN([1, 1], activation=t^2 + t), [12, 0])
        closure: on the Zariski closure, no complex preimage  [proved; ...]

    Bad input::

        sage: real_membership(net, [1, 2])
        Traceback (most recent call last):
        ...
        ValueError: point must have 3 entries (one per coordinate), got 2
        sage: real_membership(net, [AA(2).sqrt(), 0, 0])
        Traceback (most recent call last):
        ...
        TypeError: point must have rational entries (integers or fractions) for an exact decision, got 1.414213562373095? at position 0
        sage: x = polygen(QQ, 'x')
        sage: real_membership(net, [x, 0, 0])
        Traceback (most recent call last):
        ...
        TypeError: point must have rational entries (integers or fractions) for an exact decision, got x at position 0
        sage: real_membership(net, [0.5, 0, 0])
        Traceback (most recent call last):
        ...
        TypeError: point must have rational entries (integers or fractions) for an exact decision, got the floating-point number 0.5... at position 0
        sage: real_membership('mlp', [1])
        Traceback (most recent call last):
        ...
        TypeError: net must be an Architecture (e.g. PolynomialMLP([2, 1, 1])), not 'mlp'
    """
    from sage_neuro.architectures.base import Architecture
    from sage_neuro.invariants.image_membership import in_image
    if not isinstance(net, Architecture):
        raise TypeError("net must be an Architecture (e.g. PolynomialMLP([2, 1, 1])), not %r" % (net,))
    f = _rational_point(net, point)
    with stopwatch() as t:
        complex_image = in_image(net, f)
        if not complex_image:
            result = _closure_or_outside(net, f, ideal)
        else:
            result = _real_or_complex(net, f, complex_image.fiber_dimension, seed, quick)
    result.provenance.seconds = t[0]
    return result


def _closure_or_outside(net, f, ideal):
    # no complex preimage (the fiber ideal is the unit ideal, proved by
    # its Groebner basis): on the closure iff every implicit equation vanishes
    if ideal is None:
        from sage_neuro.invariants.implicit import implicit_ideal
        I = implicit_ideal(net)
    else:
        I = ideal()
    nonzero = [g for g in I.gens() if g(*f) != 0]
    if not nonzero:
        prov = Provenance("contains", "closure", "proved",
                          route="fiber ideal over QQ is the unit ideal (Groebner basis); every "
                                "generator of the implicit ideal vanishes at the point",
                          certificate="Groebner basis {1} of (mu(theta) - f); implicit ideal of the "
                                      "closure by elimination over QQ, proved by substitution into mu")
        return RealMembership(net, f, "closure", None, None, prov)
    g = min(nonzero, key=lambda p: (p.degree(), len(p.monomials())))
    # the certificate: g vanishes on the image (substituted into mu)
    if g(*net.coordinate_functions()) != 0:
        raise ArithmeticError("the implicit equation %s does not vanish on mu" % g)
    prov = Provenance("contains", "outside", "proved",
                      route="an implicit equation of the closure that does not vanish at the point",
                      certificate="%s vanishes on mu (substituted) and takes the value %s at the point"
                                  % (g, g(*f)))
    return RealMembership(net, f, "outside", None, None, prov, equation=g)


def _real_or_complex(net, f, fiber_dimension, seed, quick):
    R = net.parameter_ring()
    I = R.ideal([g - v for g, v in zip(net.coordinate_functions(), f)])
    cells = gauge_cells(net)
    if cells is not None:
        search = RealPointSearch(seed)
        search.route = ("the %d cells of a real gauge of the symmetries (positive-dimensional "
                        "cells: critical points of a distance)" % len(cells))
        pt = _gauge_real_point(I, cells, search)
    else:
        pt, search = real_point(I, seed=seed, quick=quick)
    choices = ""
    if search.critical:
        choices = ("the point a and the combinations of generators of %d critical systems "
                   "(seed %s; %d redraws); they affect the speed, not the answer"
                   % (search.critical, seed, search.redraws))
    if pt is not None:
        if all(x in QQ for x in pt):
            pt = tuple(QQ(x) for x in pt)
            if list(net.evaluate(pt)) != f:
                raise ArithmeticError("the rational witness %s is not in the fiber" % (pt,))
            cert = "rational witness theta substituted into mu gives the point"
        else:
            cert = ("real algebraic witness: an exact real solution (triangular decomposition over "
                    "QQ, real root isolation) of a system containing the fiber ideal")
        prov = Provenance("contains", "real image", "proved", seeds=(seed,) if search.critical else (),
                          route="real solution of the fiber ideal by " + search.route,
                          certificate=cert, note="%d zero-dimensional systems solved" % search.systems)
        return RealMembership(net, f, "real image", pt, fiber_dimension, prov)
    prov = Provenance("contains", "complex image", "proved", seeds=(seed,) if search.critical else (),
                      route="the fiber is non-empty (Groebner basis) and has no real point: "
                            + search.route,
                      certificate="every zero-dimensional system (exactly solved) has no real "
                                  "solution; a real point of the fiber would give one (gauge cells "
                                  "meet every real orbit; the nearest real point of each minimal "
                                  "prime solves its critical system or lies on its rank-drop locus)",
                      note="%d minimal primes, %d zero-dimensional systems solved"
                           % (search.primes, search.systems), choices=choices)
    return RealMembership(net, f, "complex image", None, fiber_dimension, prov)
