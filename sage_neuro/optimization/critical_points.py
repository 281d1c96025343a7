r"""
Critical points of the squared-error loss in function space.

For a network ``mu`` with neuromanifold ``M`` and a target function ``u``
(a point of the function space, coordinates as in
:meth:`~sage_neuro.architectures.base.Architecture.monomial_basis`), the
*ED loss* is ``L(theta) = ||mu(theta) - u||^2`` (standard inner product on
the coefficient coordinates). Its critical points in **function space** are
the critical points of ``x -> ||x - u||^2`` on the smooth part of ``M``;
for generic ``u`` there are ``EDdeg(M)`` of them over the complex numbers.

Route (the one of the sliced ED degree, see
:mod:`sage_neuro.invariants.slicing`):

1. The parameters outside ``d = dim M`` Jacobian pivot columns are fixed at
   random integers (a gauge fixing of the symmetries; the
   :class:`~sage_neuro.invariants.slice.CoordinateSlice` of the seed over
   ``QQ``); the sliced map ``G`` is dominant and generically ``b``-to-1
   (``b`` = size of a generic fiber of the slice, e.g. roots of unity of
   hidden-neuron rescalings).
2. Macaulay2 (``sliceCriticalIdeal`` in the package, over ``QQ``, given
   the sliced map ``G``) computes
   the critical ideal ``C = (J^T (G - u)) : m^oo`` with ``m = det(J^T A)``
   for a random rational matrix ``A`` (it vanishes at the rank-drop points
   and, ``A`` being generic, at none of the finitely many true critical
   points, so special targets such as diagonal matrices are handled; the
   faster single-minor saturation of the ED degree route is not), and the monic
   eliminant ``e(s)`` of a random linear form ``l`` (integer coefficients in
   ``1..97``) of the function
   space on the image points ``G(V(C))``.
3. The complex critical points in function space are the *distinct* image
   points: their number is the degree of the squarefree part of ``e`` (this
   deduplicates the ``b`` parameter points over each function-space point).
   ``l`` has rational coefficients, so a real root of ``e`` comes from a
   real image point unless ``l`` is special; the real count is the number
   of real roots of ``e``, computed exactly by Sturm sequences
   (``method='exact'``, the algorithm over ``QQ``). The numbers are cross-checked against the
   numerical solutions (``ComplexField(200)``, via Singular's triangular
   decomposition), which must give the same number of distinct image points
   and of real ones; otherwise the draw is declared non-generic and the
   next seed is tried.
4. A real point of ``M`` may have only non-real parameter preimages on the
   real slice (e.g. ``w (a x + b y)^2`` with ``w`` fixed at ``w0 > 0`` and
   a negative definite target). Such points are kept: the census is about
   function space. The type of each real critical point ``p`` is read off
   the Hessian of ``x -> ||x - u||^2`` restricted to ``M`` at ``p``, in an
   orthonormal basis ``w_1, ..., w_d`` of the real tangent space
   ``T_p M`` (the real column space of the complex Jacobian ``J`` of the
   slice at a preimage ``theta``). With ``J v_i = w_i``, its entries are
   ``2 v_i^T (J^T J + sum_k (G_k(theta) - u_k) Hess G_k(theta)) v_j``
   (complex bilinear, no conjugation; the ``J theta''`` term of a curve
   vanishes because ``J^T (G - u) = 0``). Its eigenvalues are
   ``2 (1 - kappa_i ||p - u||)``, ``kappa_i`` the principal curvatures of
   ``M`` at ``p`` in the direction of ``u - p``: they depend neither on the
   parametrization nor on the preimage. Type: ``'local min'`` (all
   eigenvalues positive), ``'local max'`` (all negative), ``'saddle'``
   (both signs), ``'degenerate'`` (an eigenvalue within ``1e-8`` of zero,
   relative to the largest one).

*Certainty* (:mod:`sage_neuro.provenance`): with ``method='exact'`` the
counts are ``'exact_random'`` -- exact over ``QQ`` at the random choices
of each slice (pivot columns and constants, or ``theta0`` and ``A``; the
saturating matrix; the linear form ``l``), right unless one of them is
special; no bound on that chance is known here. When several slices are
used, their points are matched in floating point; if the slices disagree,
the union is a numerical result and the record says ``'numerical'``.
With ``method='numerical'`` the real count, hence the record, is
``'numerical'``. The types of the real points always come from
floating-point Hessian eigenvalues (numerical).

EXAMPLES::

    sage: from sage_neuro import LinearNetwork
    sage: from sage_neuro.optimization import loss_critical_points
    sage: C = loss_critical_points(LinearNetwork([2, 1, 2]), [3, 1, 2, 5])
    sage: C.complex_count, C.real_count, C.type_counts()
    (2, 2, {'local min': 1, 'saddle': 1})
"""

from collections import Counter
import time

import numpy

from sage.arith.misc import gcd
from sage.rings.complex_mpfr import ComplexField
from sage.rings.integer import Integer
from sage.rings.polynomial.polynomial_ring_constructor import PolynomialRing
from sage.rings.rational_field import QQ

from sage_neuro.invariants.dimension import jacobian_rank
from sage_neuro.m2 import session
from sage_neuro.provenance import Provenance
from sage_neuro.validation import check_method, check_point, check_positive_int

#: the methods of :func:`loss_critical_points`
METHODS = ("exact", "numerical")

#: working precision (bits) of the numerical solutions
PRECISION = 200

#: relative tolerance for zero eigenvalues and for real / equal points
TOLERANCE = 1e-8

#: how many further seeds are tried after non-generic draws
RETRIES = 3


class CriticalPoint:
    r"""
    One real critical point of the squared distance from the target on the
    neuromanifold.

    Attributes: ``point`` (the function-space point, a tuple of floats),
    ``distance`` (``||point - target||``), ``squared_distance``,
    ``hessian_eigenvalues`` (of the Hessian of ``||x - target||^2``
    restricted to ``M``, orthonormal tangent basis; sorted), ``type``
    (``'local min'``, ``'saddle'``, ``'local max'`` or ``'degenerate'``),
    ``parameters`` (a parameter preimage on the slice, complex numbers, a
    tuple ordered as ``parameter_ring().gens()``) and ``real_preimage``
    (whether that preimage is real).

    INPUT:

    - ``point``, ``distance``, ``hessian_eigenvalues``, ``type``,
      ``parameters``, ``real_preimage`` -- as above

    EXAMPLES::

        sage: from sage_neuro.optimization import CriticalPoint
        sage: P = CriticalPoint((1.0, 0.0), 2.0, (0.5, 1.0), 'local min', (1.0,), True)
        sage: P
        local min at distance 2.0000 (squared 4.0000), Hessian eigenvalues (0.5, 1)
        sage: P.squared_distance
        4.0
    """

    def __init__(self, point, distance, hessian_eigenvalues, type, parameters, real_preimage):
        self.point = tuple(float(x) for x in point)
        self.distance = float(distance)
        self.squared_distance = self.distance ** 2
        self.hessian_eigenvalues = tuple(float(x) for x in hessian_eigenvalues)
        self.type = type
        self.parameters = tuple(complex(x) for x in parameters)
        self.real_preimage = bool(real_preimage)

    def __repr__(self):
        return "%s at distance %.4f (squared %.4f), Hessian eigenvalues (%s)" % (
            self.type, self.distance, self.squared_distance,
            ", ".join("%.4g" % e for e in self.hessian_eigenvalues))


class CriticalPointCensus:
    r"""
    The critical points of ``x -> ||x - u||^2`` on a neuromanifold, for one
    target ``u``: returned by :func:`loss_critical_points`.

    Attributes: ``complex_count`` (number of complex critical points in
    function space; the ED degree for generic ``u``), ``real_count``,
    ``points`` (the real ones, :class:`CriticalPoint`, sorted by
    distance), ``target``, ``provenance`` (a
    :class:`~sage_neuro.provenance.Provenance`: method, seed, wall time,
    route, slice data), ``method`` (the certainty of the counts,
    ``provenance.method``), ``seed``, ``seconds``, ``fiber_size``
    (``b``, points of a generic fiber of the slice) and ``slice_count``
    (number of critical points on the slice, ``b * complex_count`` for
    generic data).

    INPUT:

    - ``complex_count``, ``points``, ``target``, ``provenance``,
      ``fiber_size``, ``slice_count`` -- as above

    EXAMPLES::

        sage: from sage_neuro import LinearNetwork
        sage: from sage_neuro.optimization import loss_critical_points
        sage: C = loss_critical_points(LinearNetwork([3, 1, 3]), [1, 2, 0, 0, 3, 1, 2, 0, 5])
        sage: C
        Critical points of the squared distance from the target on a neuromanifold:
         3 complex, 3 real (1 local min, 2 saddle) [exact_random, seed 0, ...]
        sage: C.minima()[0].type
        'local min'
        sage: C.provenance.method
        'exact_random'
    """

    def __init__(self, complex_count, points, target, provenance, fiber_size, slice_count):
        self.complex_count = Integer(complex_count)
        self.points = sorted(points, key=self._point_order)
        self.real_count = Integer(len(self.points))
        self.target = tuple(target)
        self.provenance = provenance
        self.method = provenance.method
        self.seed = provenance.seeds[0] if provenance.seeds else None
        self.seconds = provenance.seconds
        self.fiber_size = Integer(fiber_size)
        self.slice_count = Integer(slice_count)

    @staticmethod
    def _point_order(P):
        # the order of ``points``: nearest first
        return P.distance

    def type_counts(self):
        r"""
        Return a dictionary: type of critical point -> how many real ones.

        OUTPUT: a dictionary with keys among ``'local min'``, ``'saddle'``,
        ``'local max'``, ``'degenerate'``

        EXAMPLES::

            sage: from sage_neuro import LinearNetwork
            sage: from sage_neuro.optimization import loss_critical_points
            sage: loss_critical_points(LinearNetwork([2, 1, 2]), [1, 0, 0, 2]).type_counts()
            {'local min': 1, 'saddle': 1}
        """
        return dict(sorted(Counter(P.type for P in self.points).items()))

    def minima(self):
        r"""
        Return the real critical points that are local minima, nearest first.

        OUTPUT: a list of :class:`CriticalPoint`

        EXAMPLES::

            sage: from sage_neuro import LinearNetwork
            sage: from sage_neuro.optimization import loss_critical_points
            sage: P = loss_critical_points(LinearNetwork([2, 1, 2]), [1, 0, 0, 2]).minima()[0]
            sage: [round(x, 8) for x in P.point], round(P.squared_distance, 8)
            ([0.0, 0.0, 0.0, 2.0], 1.0)
        """
        return [P for P in self.points if P.type == "local min"]

    def __repr__(self):
        types = ", ".join("%d %s" % (k, t) for t, k in self.type_counts().items())
        return ("Critical points of the squared distance from the target on a neuromanifold:\n"
                " %d complex, %d real (%s) [%s, seed %s, %.2f s]"
                % (self.complex_count, self.real_count, types, self.method, self.seed,
                   self.seconds or 0.0))


def image_classes(pairs, expected, close):
    r"""
    Return the numerical solutions ``pairs`` (image point, parameter
    point) grouped by image point: a list of ``(image, [parameter
    points])`` in the order of first appearance, an image joining the
    first class whose image it is ``close`` to (``close(image, class
    image)``). Raise ``ArithmeticError`` unless there are ``expected``
    classes (the degree of the squarefree eliminant of the image points).

    EXAMPLES::

        sage: from sage_neuro.optimization.critical_points import image_classes
        sage: near = lambda a, b: abs(a - b) < 1/10
        sage: image_classes([(1, 'p'), (2, 'q'), (1 + 1/100, 'r')], 2, near)
        [(1, ['p', 'r']), (2, ['q'])]
        sage: image_classes([(1, 'p')], 2, near)
        Traceback (most recent call last):
        ...
        ArithmeticError: numerical solutions give 1 image points, the eliminant 2
    """
    classes = []
    for im, th in pairs:
        for cl in classes:
            if close(im, cl[0]):
                cl[1].append(th)
                break
        else:
            classes.append((im, [th]))
    if len(classes) != expected:
        raise ArithmeticError("numerical solutions give %d image points, the eliminant %d"
                              % (len(classes), expected))
    return classes


def classify_critical_point(eigs):
    r"""
    Return the type of a real critical point from the eigenvalues of its
    Hessian: ``'local min'``, ``'local max'``, ``'saddle'`` or
    ``'degenerate'`` (an eigenvalue below :data:`TOLERANCE` relative to the
    largest).

    EXAMPLES::

        sage: from sage_neuro.optimization.critical_points import classify_critical_point
        sage: classify_critical_point([1.0, 2.0]), classify_critical_point([1.0, -2.0])
        ('local min', 'saddle')
        sage: classify_critical_point([-1.0]), classify_critical_point([1.0, 1e-12])
        ('local max', 'degenerate')
    """
    scale = max([1.0] + [abs(e) for e in eigs])
    if any(abs(e) <= TOLERANCE * scale for e in eigs):
        return "degenerate"
    if all(e > 0 for e in eigs):
        return "local min"
    if all(e < 0 for e in eigs):
        return "local max"
    return "saddle"


def _hessian_eigenvalues(G, J, H, theta, u):
    # G: sliced map, J[k][i], H[k][i][j]: its derivatives (QQ polynomials);
    # theta: complex parameter point of the slice (of a real image point).
    n, d = len(G), len(theta)
    if d == 0:
        return []
    Jn = numpy.array([[complex(J[k][i](*theta)) for i in range(d)] for k in range(n)])
    r = [complex(G[k](*theta)) - float(u[k]) for k in range(n)]
    HC = Jn.T @ Jn
    for k in range(n):
        if abs(r[k]) > 0:
            HC = HC + r[k] * numpy.array([[complex(H[k][i][j](*theta)) for j in range(d)]
                                          for i in range(d)])
    # an orthonormal basis W of the real tangent space: the real span of the
    # real and imaginary parts of the columns of J (complexification = span J)
    B = numpy.hstack([Jn.real, Jn.imag])
    Usvd, _, _ = numpy.linalg.svd(B, full_matrices=False)
    W = Usvd[:, :d]
    V = numpy.linalg.lstsq(Jn, W.astype(complex), rcond=None)[0]
    Hr = 2 * (V.T @ HC @ V)
    Hr = (Hr.real + Hr.real.T) / 2
    return sorted(numpy.linalg.eigvalsh(Hr))


def _census(net, u, pivots, seed, method, timeout, affine=False):
    # affine=False: the coordinate slice of the seed (parameters outside
    # pivots fixed at the random integers of CoordinateSlice.random, over QQ);
    # affine=True: theta = theta0 + A t, theta0 and A random integers (a
    # general affine slice: dense, but it misses no fiber)
    F = net.coordinate_functions()
    P = net.parameter_ring()
    N = P.ngens()
    d = len(pivots)
    S = session()
    T = PolynomialRing(QQ, ["t%d" % i for i in range(max(d, 1))])
    if affine:
        import random
        rnd = random.Random(seed)
        A = [[rnd.randint(-9, 9) for i in range(d)] for j in range(N)]
        theta0 = [rnd.randint(-9, 9) for j in range(N)]
        args = [theta0[j] + sum(A[j][i] * T.gen(i) for i in range(d)) for j in range(N)]
        G = [T(f(*args)) for f in F]
    else:
        from sage_neuro.invariants.slice import CoordinateSlice
        piece = CoordinateSlice.random(net, [int(j) for j in pivots], seed, 0)
        consts = dict(zip(piece.fixed, piece.fixed_values))
        pos = {int(j): i for i, j in enumerate(pivots)}
        args = [T.gen(pos[j]) if j in pos else T(consts[j]) for j in range(N)]
        G = [T(f(*args)) for f in F]
    # Macaulay2 receives the sliced map (all its variables kept), not F
    L, kept = S.polys(G, T), list(range(d))
    _, gens, b, coeffs, elim = S.call(
        "sliceCriticalIdeal", L, kept, ring=T, timeout=timeout,
        options={"Seed": int(seed), "Data": [str(x) for x in u]})
    tg = T.gens()[:d]
    J = [[g.derivative(t) for t in tg] for g in G]
    H = [[[Jk[i].derivative(t) for t in tg] for i in range(d)] for Jk in J]
    C = T.ideal([T(g) for g in gens])
    slice_count = C.vector_space_dimension()
    Qs = PolynomialRing(QQ, "s")
    e = Qs([QQ(c) for c in elim])
    e = e // gcd(e, e.derivative())
    complex_count = e.degree()
    # numerical solutions on the slice, their images, deduplicated
    CF = ComplexField(PRECISION)
    sols = C.variety(CF)
    tgs = list(tg)
    thetas = [[s[t] for t in tgs] for s in sols]
    images = [[g(*th) if d else CF(g.constant_coefficient()) for g in G] for th in thetas]
    scale = max([1.0] + [abs(float(x)) for x in u])
    classes = image_classes(zip(images, thetas), complex_count,
                            lambda im, c: max(abs(a - b) for a, b in zip(im, c)) < TOLERANCE * scale * 1e3)
    # real image points: exact count from the eliminant; the numerical ones
    # are those whose imaginary part vanishes to working precision
    numreal = [cl for cl in classes
               if max(abs(float(a.imag())) for a in cl[0]) < TOLERANCE * scale]
    if method == "exact":
        real_count = e.number_of_real_roots()
        if real_count != len(numreal):
            raise ArithmeticError("exact real count %d differs from the numerical %d"
                                  % (real_count, len(numreal)))
    points = []
    realset = set(id(cl) for cl in numreal)
    for im, ths in numreal:
        p = [float(a.real()) for a in im]
        # prefer a real preimage; else the one nearest to the reals
        th = min(ths, key=lambda t: max([0.0] + [abs(float(x.imag())) for x in t]))
        real_pre = all(abs(float(x.imag())) < TOLERANCE * max(1.0, abs(float(x.real())))
                       for x in th)
        eigs = _hessian_eigenvalues(G, J, H, th, u)
        dist = float(numpy.linalg.norm(numpy.array(p) - numpy.array([float(x) for x in u])))
        full = [a(*th) if d else CF(a.constant_coefficient()) for a in args]
        points.append((im, CriticalPoint(p, dist, eigs, classify_critical_point(eigs), full, real_pre)))
    nonreal = [cl[0] for cl in classes if id(cl) not in realset]
    if affine:
        what = "general affine slice theta = theta0 + A t"
    else:
        what = "parameters %s fixed at %s" % ([j for j in range(N) if j not in pos],
                                             [consts[j] for j in range(N) if j not in pos])
    note = ("slice (seed %s): %s; fiber size of the slice %s; %s critical points "
            "on the slice; eliminant of the linear form %s of degree %s"
            % (seed, what, b, slice_count, coeffs, complex_count))
    return complex_count, points, nonreal, b, slice_count, note


def loss_critical_points(net, target, method="exact", seed=0, timeout=None, slices=2, loss="ed"):
    r"""
    Return the census of the critical points of the ED loss
    ``||mu(theta) - target||^2`` in function space: the critical points of
    the squared distance from ``target`` on the smooth part of the
    neuromanifold.

    See the module documentation for the route (coordinate slice, critical
    ideal over ``QQ`` in Macaulay2, deduplication of the image points,
    exact real count, type from the Hessian restricted to ``M``).

    INPUT:

    - ``net`` -- an architecture
    - ``target`` -- a point of the function space: a list of
      ``ambient_dimension()`` rationals (floats are converted exactly)
    - ``method`` -- the algorithm: ``'exact'`` (default: the real count is
      the number of real roots of the eliminant over ``QQ``, by Sturm
      sequences, checked against the numerical points; certainty
      ``'exact_random'``) or ``'numerical'`` (real points decided by the
      imaginary parts of the ``200``-bit numerical solutions; certainty
      ``'numerical'``)
    - ``seed`` -- seed of the first slice (pivot columns, constants) and of
      the linear form; after a non-generic draw the next seeds are tried
      (the seeds used are recorded in the provenance)
    - ``timeout`` -- seconds for each Macaulay2 call
    - ``slices`` -- (default ``2``) number of independent random slices
      (seeds ``seed``, ``seed + 1``, ...): the first is the sparse
      coordinate slice, the others general affine slices
      ``theta = theta0 + A t`` (random integer ``theta0``, ``A``; dense, but
      they meet every fiber). A coordinate slice can miss critical points
      of special targets (those with no preimage on it, e.g. for the
      diagonal target ``diag(1, 2)`` the point ``diag(1, 0)`` needs the
      fixed weight ``w2_1_0`` to vanish), so the union of the function-space
      points of all slices (deduplicated numerically) is returned and
      disagreements are recorded in the provenance. ``slices=1`` is enough
      for generic targets.
    - ``loss`` -- ``'ed'`` (default) or ``'mse'``: then ``target`` is a pair
      ``(samples, outputs)`` and the squared error on the samples is
      reduced to an ED problem in sample space
      (:func:`sage_neuro.optimization.mse.mse_critical_points`), or
      ``'kl'``: then ``target`` are counts and the census is that of the
      cross-entropy loss
      (:func:`sage_neuro.optimization.likelihood.kl_critical_points`)

    OUTPUT: a :class:`CriticalPointCensus` (for ``loss='kl'``: a
    :class:`~sage_neuro.optimization.likelihood.LikelihoodCensus`)

    EXAMPLES:

    Eckart-Young: the critical points of the distance to the 2x2 matrices
    of rank 1 are ``sigma_i u_i v_i^T``; the nearest is the minimum::

        sage: from sage_neuro import LinearNetwork, PolynomialMLP
        sage: from sage_neuro.optimization import loss_critical_points
        sage: C = loss_critical_points(LinearNetwork([2, 1, 2]), [1, 0, 0, 2])
        sage: C.complex_count, C.real_count
        (2, 2)
        sage: [(P.type, round(P.squared_distance, 6)) for P in C.points]
        [('local min', 1.0), ('saddle', 4.0)]

    Kohn's landscape example: ``PolynomialMLP([2, 1, 1], activation=2)``
    gives the cone of squares ``w (a x + b y)^2``, coordinates
    ``(w a^2, 2 w a b, w b^2)``, ED degree 4 in these coordinates; 4 or 2
    real critical points depending on the target::

        sage: net = PolynomialMLP([2, 1, 1], activation=2)
        sage: [loss_critical_points(net, u).real_count for u in ([10, 1, 9], [3, 1, 2])]
        [4, 2]
        sage: loss_critical_points(net, [10, 1, 9]).type_counts()
        {'local min': 2, 'saddle': 2}
        sage: loss_critical_points(net, [1, 2])
        Traceback (most recent call last):
        ...
        ValueError: target must have 3 entries (one per coordinate), got 2
    """
    if loss == "mse":
        from sage_neuro.optimization.mse import mse_critical_points
        return mse_critical_points(net, target[0], target[1], method=method, seed=seed,
                                   timeout=timeout, slices=slices)
    if loss == "kl":
        from sage_neuro.optimization.likelihood import kl_critical_points
        return kl_critical_points(net, target, method="exact_random" if method == "exact"
                                  else method, seed=seed)
    if loss != "ed":
        raise ValueError("loss must be 'ed', 'mse' or 'kl', not %r" % (loss,))
    check_method(method, METHODS)
    u = [QQ(x) for x in check_point(target, net.ambient_dimension(), name="target")]
    slices = check_positive_int(slices, "slices")
    t0 = time.time()
    used, failures, runs = [], [], []
    s = int(seed)
    while len(used) < slices and s <= int(seed) + slices + RETRIES:
        _, _, pivots = jacobian_rank(net, seed=s)
        try:
            run = _census(net, u, pivots, s, method, timeout, affine=len(used) > 0)
        except ArithmeticError as exc:
            failures.append((s, str(exc)))
            s += 1
            continue
        used.append((s, run[0], len(run[1])))
        runs.append(run)
        s += 1
    if len(used) < slices:
        raise ArithmeticError("non-generic draws for the seeds from %s (%s); try other seeds"
                              % (seed, failures))
    # the union of the function-space points found on the slices
    scale = max([1.0] + [abs(float(x)) for x in u])

    def same(a, c):
        return max(abs(x - y) for x, y in zip(a, c)) < TOLERANCE * scale * 1e3
    allpts, reals = [], []
    for run in runs:
        for im, P in run[1]:
            if not any(same(im, a) for a in allpts):
                allpts.append(im)
                reals.append(P)
        for im in run[2]:
            if not any(same(im, a) for a in allpts):
                allpts.append(im)
    complex_count = len(allpts)
    points = reals
    b, slice_count = runs[0][3], runs[0][4]
    note = "; ".join(run[5] for run in runs)
    if len(set(c for _, c, _ in used)) > 1:
        note += ("; slices (seed, complex, real) %s disagree: union of their points kept"
                 % used)
    else:
        note += "; all %d slices agree (seed, complex, real): %s" % (len(used), used)
    if failures:
        note += "; non-generic draws skipped: %s" % failures
    seconds = time.time() - t0
    # exact counts per slice; the union over slices is matched in floating
    # point, so it is only an exact count when every slice found all of it
    agree = all(c == complex_count and r == len(points) for _, c, r in used)
    certainty = "exact_random" if method == "exact" and agree else "numerical"
    prov = Provenance("loss_critical_points", (complex_count, len(points)), certainty,
                      seeds=tuple(x for x, _, _ in used), seconds=seconds,
                      choices="per slice (seeds %s): the coordinate slice (pivot columns, "
                              "constants) or the affine slice (theta0, A), the saturating matrix "
                              "and the linear form of the eliminant" % (tuple(x for x, _, _ in used),),
                      certificate="" if certainty != "numerical" else
                      ("real points from %d-bit numerical solutions" % PRECISION if method != "exact"
                       else "union of the slices' points matched in floating point (the slices "
                            "disagree)"),
                      route="critical ideal of J^T (G - u) saturated by det(J^T A) on %d "
                            "coordinate slices (Macaulay2, QQ); image points deduplicated; "
                            "real count %s; type from the Hessian restricted to M"
                            % (len(used), "by Sturm sequences of the eliminant" if method == "exact"
                               else "from %d-bit numerical solutions" % PRECISION),
                      note=note + "; types of the real points from float64 Hessian eigenvalues")
    return CriticalPointCensus(complex_count, points, u, prov, b, slice_count)
