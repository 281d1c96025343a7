r"""
Critical points of the likelihood (cross-entropy, KL) loss in function space.

Read the coordinates ``f`` of the function space as unnormalised
probabilities and the target ``u`` as counts of observations (positive
integers, ``u_+ = sum_i u_i``). The KL loss of a network is the
Kullback-Leibler divergence of the model distribution ``p = f / sum_i f_i``
from the empirical one ``u / u_+``:

    ``KL(theta) = sum_i (u_i / u_+) log((u_i / u_+) / p_i) = const - L_u(f) / u_+``,

with ``L_u(f) = sum_i u_i log f_i - u_+ log(sum_i f_i)`` the
log-likelihood; minimising the cross-entropy is maximising ``L_u``. Its
critical points on the neuromanifold ``M`` (smooth part, off the
coordinate hyperplanes and ``sum_i f_i = 0``) number the ML degree of
``M`` for generic counts (:mod:`sage_neuro.invariants.likelihood`).

Route (the one of :func:`~sage_neuro.optimization.critical_points.loss_critical_points`
for the squared loss, with the likelihood equations of
:class:`~sage_neuro.invariants.likelihood.LikelihoodSlice`):

1. A coordinate slice of the parameters with small random integer
   constants; the likelihood equations on it over ``QQ`` (unknowns: the
   kept parameters ``t``, ``q_i = 1 / G_i``, the inverse of a maximal minor
   of the sliced Jacobian; the scale fixed by ``sum_i G_i = 1`` on cones),
   a Groebner basis by libSingular.
2. The multiplication matrix of a random linear form ``l(G)`` on the
   quotient ring; its characteristic polynomial ``e`` has the values of
   ``l`` at the image points as roots. The complex critical points in
   function space are the distinct image points: the degree of the
   squarefree part of ``e``. The real count is its number of real roots
   (Sturm sequences, exact; ``method='exact_random'``): a rational ``l``
   takes equal values at conjugate points, so once ``l`` separates the
   image points (checked against the numerical points) a real root is a
   real point.
3. Numerical points from the eigenvectors of a random multiplication
   matrix, polished by Gauss-Newton steps on the equations (complex
   double precision); they must give the same numbers of distinct and of
   real image points, otherwise the draw is declared non-generic and the
   next seed is tried.
4. The type of each real critical point is read off the Hessian of the KL
   loss restricted to ``M`` (on a cone: to ``M`` intersected with
   ``sum_i f_i = 1``, the distributions), in an orthonormal basis of that
   real tangent space: with ``phi(t) = L_u(G(t))`` and ``J`` the Jacobian
   of ``G`` at a preimage, ``Hess phi = J^T Hess L_u J + sum_i
   (dL_u/df_i) Hess G_i`` (the second term carries the curvature of
   ``M``); the loss Hessian is ``-Hess phi / u_+``. ``'local min'`` (all
   eigenvalues positive), ``'local max'``, ``'saddle'``, ``'degenerate'``
   (an eigenvalue within ``1e-8`` of zero, relative to the largest). A
   real point with a negative coordinate is not a distribution
   (``positive`` is ``False``); its type refers to the analytic
   continuation ``log |f_i|`` and it has no KL value.

EXAMPLES:

The Hardy-Weinberg curve ``(theta^2, 2 theta (1 - theta), (1 - theta)^2)``
is the neuromanifold of ``w (a x + b y)^2``; its ML estimate is
``theta = (2 u_0 + u_1) / (2 u_+)``::

    sage: from sage_neuro import PolynomialMLP
    sage: from sage_neuro.optimization.likelihood import kl_critical_points
    sage: C = kl_critical_points(PolynomialMLP([2, 1, 1]), [10, 1, 9])
    sage: C.complex_count, C.real_count, C.type_counts()
    (1, 1, {'local min': 1})
    sage: [round(x, 10) for x in C.points[0].point], (21/40)^2
    ([0.275625, 0.49875, 0.225625], 441/1600)
"""

import random
import time

import numpy

from sage.matrix.constructor import matrix
from sage.rings.complex_double import CDF
from sage.rings.integer import Integer
from sage.rings.rational_field import QQ

from sage_neuro.constants import REDRAWS
from sage_neuro.invariants.likelihood import LikelihoodSlice, check_counts
from sage_neuro.optimization.critical_points import (CriticalPointCensus, classify_critical_point,
                                                     image_classes)
from sage_neuro.invariants.slicing import DegenerateDraw, slice_pivots
from sage_neuro.provenance import Provenance
from sage_neuro.validation import check_method

#: the methods of :func:`kl_critical_points`
METHODS = ("exact_random", "numerical")

#: relative tolerance for zero eigenvalues and for real / equal points
TOLERANCE = 1e-8

#: Gauss-Newton steps polishing the numerical points
NEWTON_STEPS = 6


class LikelihoodCriticalPoint:
    r"""
    One real critical point of the KL loss on the neuromanifold.

    Attributes: ``point`` (the normalised function-space point
    ``f / sum(f)``, a tuple of floats), ``positive`` (whether all its
    coordinates are positive: a probability distribution),
    ``kl_divergence`` (``KL(u / u_+ || point)``, ``None`` unless
    ``positive``), ``log_likelihood`` (``sum_i u_i log |point_i|``),
    ``hessian_eigenvalues`` (of the Hessian of the KL loss restricted to
    the distributions on ``M``, orthonormal tangent basis; sorted),
    ``type`` (``'local min'``, ``'saddle'``, ``'local max'`` or
    ``'degenerate'``), ``parameters`` (a preimage on the slice, complex,
    ordered as ``parameter_ring().gens()``) and ``real_preimage``.

    INPUT:

    - ``point``, ``kl_divergence``, ``log_likelihood``,
      ``hessian_eigenvalues``, ``type``, ``parameters``, ``real_preimage``
      -- as above

    EXAMPLES::

        sage: from sage_neuro.optimization.likelihood import LikelihoodCriticalPoint
        sage: P = LikelihoodCriticalPoint((0.5, 0.5), 0.0, -2.77, (1.0,), 'local min', (1.0,), True)
        sage: P
        local min at (0.5000, 0.5000), KL 0.000000, Hessian eigenvalues (1)
        sage: P.positive
        True
    """

    def __init__(self, point, kl_divergence, log_likelihood, hessian_eigenvalues, type,
                 parameters, real_preimage):
        self.point = tuple(float(x) for x in point)
        self.positive = all(x > 0 for x in self.point)
        self.kl_divergence = None if kl_divergence is None else float(kl_divergence)
        self.log_likelihood = float(log_likelihood)
        self.hessian_eigenvalues = tuple(float(x) for x in hessian_eigenvalues)
        self.type = type
        self.parameters = tuple(complex(x) for x in parameters)
        self.real_preimage = bool(real_preimage)

    def __repr__(self):
        where = ", ".join("%.4f" % x for x in self.point)
        kl = "KL %.6f" % self.kl_divergence if self.positive else "not a distribution"
        return "%s at (%s), %s, Hessian eigenvalues (%s)" % (
            self.type, where, kl, ", ".join("%.4g" % e for e in self.hessian_eigenvalues))


class LikelihoodCensus(CriticalPointCensus):
    r"""
    The critical points of the KL loss on a neuromanifold for one vector
    of counts: returned by :func:`kl_critical_points`.

    Attributes (as for the squared loss,
    :class:`~sage_neuro.optimization.critical_points.CriticalPointCensus`):
    ``complex_count`` (distinct complex critical points in function space;
    the ML degree for generic counts), ``real_count``, ``positive_count``
    (real ones that are distributions), ``points`` (the real ones,
    :class:`LikelihoodCriticalPoint`, the distributions first by KL
    divergence), ``target`` (the counts), ``provenance``, ``method``,
    ``seed``, ``seconds``, ``fiber_size`` and ``slice_count`` (critical
    points on the slice, ``fiber_size * complex_count`` for generic counts).

    INPUT:

    - ``complex_count``, ``points``, ``target``, ``provenance``,
      ``fiber_size``, ``slice_count`` -- as above

    EXAMPLES::

        sage: from sage_neuro import LinearNetwork
        sage: from sage_neuro.optimization.likelihood import kl_critical_points
        sage: C = kl_critical_points(LinearNetwork([2, 1, 2]), [3, 1, 2, 5]); C
        Critical points of the KL loss for the counts (3, 1, 2, 5) on a neuromanifold:
         1 complex, 1 real (1 local min), 1 distributions [exact_random, seed 0, ...]
        sage: C.minima()[0].positive
        True
    """

    def __init__(self, complex_count, points, target, provenance, fiber_size, slice_count):
        CriticalPointCensus.__init__(self, complex_count, points, target, provenance,
                                     fiber_size, slice_count)
        self.positive_count = Integer(sum(1 for P in self.points if P.positive))

    @staticmethod
    def _point_order(P):
        # the distributions first, by KL divergence, then by likelihood
        return (not P.positive, P.kl_divergence or 0.0, -P.log_likelihood)

    def minima(self):
        r"""
        Return the real critical points that are local minima of the KL
        loss (local maxima of the likelihood), distributions first.

        OUTPUT: a list of :class:`LikelihoodCriticalPoint`

        EXAMPLES:

        The independence model: the ML estimate is the product of the
        margins, ``(4/11, 7/11) x (5/11, 6/11)``::

            sage: from sage_neuro import LinearNetwork
            sage: from sage_neuro.optimization.likelihood import kl_critical_points
            sage: P = kl_critical_points(LinearNetwork([2, 1, 2]), [3, 1, 2, 5]).minima()[0]
            sage: margins = [float(a * b) for a in (4/11, 7/11) for b in (5/11, 6/11)]
            sage: all(abs(x - y) < 1e-10 for x, y in zip(P.point, margins))
            True
        """
        return [P for P in self.points if P.type == "local min"]

    def __repr__(self):
        types = ", ".join("%d %s" % (k, t) for t, k in self.type_counts().items())
        return ("Critical points of the KL loss for the counts %s on a neuromanifold:\n"
                " %d complex, %d real (%s), %d distributions [%s, seed %s, %.2f s]"
                % (self.target, self.complex_count, self.real_count, types,
                   self.positive_count, self.method, self.seed, self.seconds or 0.0))


def _multiplication_data(I, forms):
    # Groebner basis, normal basis, index of the monomial 1, and for each
    # form its multiplication matrix (row k: the normal form of form * b_k)
    gb = I.groebner_basis()
    basis = I.normal_basis()
    index = {m: k for k, m in enumerate(basis)}
    K = I.ring().base_ring()

    def coords(r):
        row = [K.zero()] * len(basis)
        for c, mon in zip(r.coefficients(), r.monomials()):
            row[index[mon]] = c
        return row
    mats = [matrix(K, [coords((f * m).reduce(gb)) for m in basis]) for f in forms]
    return gb, basis, index[I.ring().one()], coords, mats


def _numerical_solutions(L, gb, one, coords, M_random):
    # the solutions of the likelihood system: eigenvectors of the random
    # multiplication matrix give the values of the normal monomials; every
    # unknown is read off its normal form, then Gauss-Newton polishes
    R = L.ring
    A = numpy.array([[complex(x) for x in row] for row in M_random.rows()])
    _, vecs = numpy.linalg.eig(A)
    nf = numpy.array([[complex(c) for c in coords(x.reduce(gb))] for x in R.gens()])
    eqs = L.equations
    from sage.ext.fast_callable import fast_callable
    gens = R.gens()
    F = [fast_callable(e, vars=gens, domain=CDF) for e in eqs]
    JF = [[fast_callable(e.derivative(x), vars=gens, domain=CDF) for x in gens] for e in eqs]
    sols = []
    for k in range(vecs.shape[1]):
        v = vecs[:, k]
        if abs(v[one]) < 1e-300:
            raise ArithmeticError("an eigenvector vanishes at the monomial 1: a non-generic draw")
        x = nf @ (v / v[one])
        for _ in range(NEWTON_STEPS):
            val = numpy.array([complex(f(*x)) for f in F])
            Jx = numpy.array([[complex(g(*x)) for g in row] for row in JF])
            step = numpy.linalg.lstsq(Jx, -val, rcond=None)[0]
            x = x + step
            if numpy.linalg.norm(step) <= 1e-14 * max(1.0, numpy.linalg.norm(x)):
                break
        residual = max(abs(complex(f(*x))) for f in F)
        if residual > 1e-6:
            raise ArithmeticError("a numerical solution has residual %.1e: a non-generic draw"
                                  % residual)
        sols.append(x)
    return sols


def _hessian_eigenvalues(L, t, u):
    # eigenvalues of the Hessian of the KL loss restricted to the real
    # tangent space of M (on a cone: of M and sum f = 1) at G(t)
    R = L.ring
    d = len(L.kept)
    gens = R.gens()
    at = list(t) + [0] * (R.ngens() - d)
    G = numpy.array([complex(CDF(g(*at))) for g in L.coordinates])
    n = len(G)
    if d == 0:
        return []
    tv = gens[:d]
    J = numpy.array([[complex(CDF(g.derivative(x)(*at))) for x in tv] for g in L.coordinates])
    up = float(sum(u))
    uf = numpy.array([float(c) for c in u])
    S = G.sum()
    w = uf / G - up / S
    HL = numpy.diag(-uf / G ** 2) + (up / S ** 2) * numpy.ones((n, n))
    H = J.T @ HL @ J
    for i, g in enumerate(L.coordinates):
        if abs(w[i]) > 0:
            H = H + w[i] * numpy.array([[complex(CDF(g.derivative(x).derivative(y)(*at)))
                                         for y in tv] for x in tv])
    # an orthonormal basis of the real tangent space (the complex column
    # space of J is the complexification of a real one at a real point)
    Usvd, _, _ = numpy.linalg.svd(numpy.hstack([J.real, J.imag]), full_matrices=False)
    W = Usvd[:, :d]
    if L.is_cone:
        # distributions: tangent vectors with coordinate sum zero
        a = numpy.ones(n) @ W
        _, _, Vt = numpy.linalg.svd(a.reshape(1, d))
        W = W @ Vt[1:].T
    V = numpy.linalg.lstsq(J, W.astype(complex), rcond=None)[0]
    Hr = -(V.T @ H @ V) / up
    Hr = (Hr.real + Hr.real.T) / 2
    return sorted(numpy.linalg.eigvalsh(Hr))


def _census(net, u, seed, method):
    # one coordinate slice: (complex_count, real points, b, slice_count, note)
    kept, _ = slice_pivots(net, seed=seed)
    L = LikelihoodSlice(net, kept, seed, QQ, counts=u)
    R = L.ring
    I = R.ideal(L.equations)
    if I.dimension() != 0:
        raise ArithmeticError("the likelihood system is not zero-dimensional: special counts "
                              "or a non-generic slice")
    rng = random.Random(int(seed))
    coeffs = [rng.randint(1, 97) for _ in L.coordinates]
    form = sum(c * g for c, g in zip(coeffs, L.coordinates))
    mixed = sum(rng.randint(-97, 97) * x for x in R.gens()) + form
    gb, basis, one, coords, (M_form, M_mixed) = _multiplication_data(I, [form, mixed])
    slice_count = len(basis)
    e = M_form.charpoly()
    e = e // e.gcd(e.derivative())
    complex_count = e.degree()
    Rt = L.fiber[0].parent()
    b = Rt.ideal(L.fiber).vector_space_dimension()
    sols = _numerical_solutions(L, gb, one, coords, M_mixed)
    d, n = len(kept), len(L.coordinates)
    # image points, deduplicated; the q unknowns are 1 / G
    images = [(numpy.array([1 / x[d + i] for i in range(n)]), x[:d]) for x in sols]
    classes = image_classes(images, complex_count, lambda im, c: numpy.max(numpy.abs(im - c))
                            < 1e-6 * max(1.0, numpy.max(numpy.abs(im))))
    real = [cl for cl in classes
            if numpy.max(numpy.abs(cl[0].imag)) < 1e-6 * max(1.0, numpy.max(numpy.abs(cl[0])))]
    if method == "exact_random":
        real_count = e.number_of_real_roots()
        if real_count != len(real):
            raise ArithmeticError("exact real count %d differs from the numerical %d"
                                  % (real_count, len(real)))
    up = float(sum(u))
    ubar = [float(c) / up for c in u]
    points = []
    for im, ts in real:
        p = im.real / im.real.sum()
        t = min(ts, key=lambda s: float(numpy.max(numpy.abs(numpy.imag(s)), initial=0.0)))
        real_pre = bool(numpy.max(numpy.abs(numpy.imag(t)), initial=0.0)
                        < 1e-6 * max(1.0, float(numpy.max(numpy.abs(t), initial=0.0))))
        eigs = _hessian_eigenvalues(L, [CDF(x) for x in t], u)
        loglik = sum(float(c) * numpy.log(abs(x)) for c, x in zip(u, p))
        kl = (sum(a * numpy.log(a / x) for a, x in zip(ubar, p))
              if all(x > 0 for x in p) else None)
        pos = {j: i for i, j in enumerate(kept)}
        full = [t[pos[j]] if j in pos else complex(L.constants[j])
                for j in range(len(L.constants))]
        points.append(LikelihoodCriticalPoint(p, kl, loglik, eigs, classify_critical_point(eigs), full,
                                              real_pre))
    fixed = [j for j in range(len(L.constants)) if L.constants[j] is not None]
    note = ("slice (seed %s): parameters %s fixed at %s; fiber size of the slice %s; %s "
            "critical points on the slice; eliminant of the linear form %s of degree %s"
            % (seed, fixed, [L.constants[j] for j in fixed], b, slice_count, coeffs,
               complex_count))
    return complex_count, points, b, slice_count, note


def kl_critical_points(net, target, method="exact_random", seed=0):
    r"""
    Return the census of the critical points of the KL (cross-entropy)
    loss for the counts ``target`` in function space: the critical points
    of the log-likelihood on the smooth part of the neuromanifold, with
    complex and real counts and the type of each real one.

    See the module documentation for the route.

    INPUT:

    - ``net`` -- an architecture whose coordinates (in the order of
      ``net.monomial_basis()``) are read as unnormalised probabilities
    - ``target`` -- the counts: ``ambient_dimension()`` positive integers
    - ``method`` -- ``'exact_random'`` (default: exact computation over
      ``QQ`` on a random slice; the real count by Sturm sequences of the
      eliminant, checked against the numerical points) or ``'numerical'``
      (real points decided by the imaginary parts of the numerical
      solutions)
    - ``seed`` -- seed of the slice and of the linear forms; after a
      non-generic draw the next seeds are tried, at most
      :data:`~sage_neuro.constants.REDRAWS` times (recorded)

    OUTPUT: a :class:`LikelihoodCensus`

    A coordinate slice can miss critical points of special counts that
    have no preimage on it; for generic counts ``complex_count`` is the
    ML degree.

    EXAMPLES:

    3x3 matrices of rank at most 2: ML degree 10 (Hauenstein-Rodriguez-
    Sturmfels, arXiv:1210.0198); a real critical point with a negative
    entry is not a distribution::

        sage: from sage_neuro import LinearNetwork
        sage: from sage_neuro.optimization.likelihood import kl_critical_points
        sage: C = kl_critical_points(LinearNetwork([3, 2, 3]), [3, 1, 4, 1, 5, 9, 2, 6, 5])
        sage: C.complex_count, C.real_count >= C.positive_count >= 1
        (10, True)
        sage: C.provenance.method
        'exact_random'
        sage: kl_critical_points(LinearNetwork([3, 2, 3]), [3, 1, 4, 1, 5, 9, 2, 6])
        Traceback (most recent call last):
        ...
        ValueError: target must have 9 entries (one count per coordinate), got 8
        sage: kl_critical_points(LinearNetwork([2, 1, 2]), [3, 1, 2.5, 5])
        Traceback (most recent call last):
        ...
        ValueError: target must be positive integers (counts of observations); entry 2 is 2.5...
    """
    check_method(method, METHODS)
    u = check_counts(target, net.ambient_dimension(), name="target")
    t0 = time.time()
    failures = []
    s = int(seed)
    while True:
        try:
            run = _census(net, u, s, method)
            break
        except (ArithmeticError, DegenerateDraw) as exc:
            failures.append((s, str(exc)))
            s += 1
            if s > int(seed) + REDRAWS:
                raise ArithmeticError("non-generic draws for the seeds from %s (%s); try other "
                                      "seeds" % (seed, failures)) from None
    complex_count, points, b, slice_count, note = run
    if failures:
        note += "; non-generic draws skipped: %s" % failures
    seconds = time.time() - t0
    prov = Provenance("kl_critical_points", (complex_count, len(points)), method, seeds=(s,),
                      seconds=seconds,
                      route="likelihood equations on a coordinate slice over QQ (1/G_i as "
                            "unknowns, rank-drop minor inverted); image points by the "
                            "eliminant of a linear form; real count %s; type from the Hessian "
                            "of the KL loss restricted to the distributions on M"
                            % ("by Sturm sequences" if method == "exact_random"
                               else "from the numerical points"),
                      note=note, choices="coordinate slice constants, linear forms")
    return LikelihoodCensus(complex_count, points, u, prov, b, slice_count)
