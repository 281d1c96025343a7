r"""
Voronoi cells of points of a neuromanifold under the Euclidean loss.

The Voronoi cell of a real point ``p`` of ``X`` (the neuromanifold ``M``,
or a slice of it with some parameters fixed, see :class:`ParametrizedSet`)
is the convex set ``{u : ||u - p|| = dist(u, X)}`` of data points having
``p`` as a nearest point, for the standard inner product on the coefficient
coordinates (the one of :meth:`~sage_neuro.neuromanifold.Neuromanifold.ed_degree`).

*Dimension.* At a smooth real point the cell lies in the normal space
``p + N_p X`` and contains a neighbourhood of ``p`` in it (positive local
reach), so its dimension is ``codim X`` -- *proved* for rational ``p``:
``p`` is checked to lie on ``X`` and to be smooth (rank of the Jacobian of
the generators of the prime implicit ideal at ``p`` equals the
codimension) over ``QQ``; for a floating-point ``p`` the same test is
numerical. At a
singular point the cell can be larger (a cusp: a 2-dimensional cell in the
plane) or smaller (a node: only ``p`` plus the directions orthogonal to the
linear span); there the dimension is *numerical*: ``u = p + eps z`` with
``z`` standard Gaussian are tested for ``||u - p|| <= dist(u, X)``; if
some are, the cell is full-dimensional; if none is, the reported value
``n - dim span(X)`` (the directions orthogonal to the linear span, always in
the cell) is a lower bound, flagged as such.

*Probability.* ``P(||q(u) - p|| <= radius)`` for data ``u`` Gaussian with
mean ``mean`` (default ``p``) and covariance ``scale^2 I`` (default
``scale = 1``), ``q(u)`` the nearest point, is estimated by Monte Carlo
from ``samples`` draws of ``numpy.random.default_rng(seed)``, with the
Wilson score interval at level 95%. For a single point the probability is
0 unless the cell is full-dimensional, hence the ball of radius
``radius``. Nearest points are found numerically (Levenberg-Marquardt on
the parameters from ``starts`` random initial points, plus the point
itself); everything in this part is ``numerical``, its certificate the
Wilson interval.

EXAMPLES::

    sage: from sage_neuro import PolynomialMLP
    sage: from sage_neuro.invariants.voronoi import ParametrizedSet
    sage: R.<t> = QQ[]
    sage: net = PolynomialMLP([1, 1, 1], activation=1 + t^2 + t^3)
    sage: X = ParametrizedSet(net, fixed={'w2_0_0': 1}); X
    the functions of PolynomialMLP([1, 1, 1], activation=t^3 + t^2 + 1) with w2_0_0 = 1: a 1-dimensional set in the coordinates (c0_0, c0_1)
    sage: X.ideal()
    Ideal (c0_1^3 - c0_0^2) of Multivariate Polynomial Ring in c0_0, c0_1 over Rational Field
    sage: V = X.voronoi_cell([0, 0], samples=200, seed=1)
    sage: V.is_smooth, V.dimension, V.dimension_method
    (False, 2, 'numerical')
    sage: X.voronoi_cell([1, 1], samples=0).dimension
    1
"""

import math

from sage.matrix.constructor import matrix
from sage.rings.integer import Integer
from sage.rings.polynomial.polynomial_ring_constructor import PolynomialRing
from sage.rings.rational_field import QQ

from sage_neuro.provenance import Provenance, stopwatch
from sage_neuro.statistics import wilson_interval
from sage_neuro.validation import check_point


def _numerical_rank(rows, tol=1e-8):
    import numpy as np
    A = np.array([[float(x) for x in r] for r in rows])
    if A.size == 0:
        return 0
    s = np.linalg.svd(A, compute_uv=False)
    return int((s > tol * max(1.0, s[0])).sum())


class ParametrizedSet:
    r"""
    The real image of ``mu`` of an architecture, with some parameters
    optionally fixed, in the coordinates that are not constant on it.

    With ``fixed=None`` this is the neuromanifold itself. Fixing the output
    weight of a network to ``1`` gives the functions of the network
    normalized that way (an affine chart of the projective neuromanifold);
    coordinates that become constant are dropped (they do not change
    distances between its points).

    INPUT:

    - ``net`` -- an architecture
    - ``fixed`` -- a dictionary ``{parameter name: rational value}``

    EXAMPLES::

        sage: from sage_neuro import LinearNetwork
        sage: from sage_neuro.invariants.voronoi import ParametrizedSet
        sage: ParametrizedSet(LinearNetwork([2, 1, 2])).dimension()
        3
        sage: ParametrizedSet(LinearNetwork([2, 1, 2]), fixed={'v': 1})
        Traceback (most recent call last):
        ...
        ValueError: fixed must map parameter names of LinearNetwork([2, 1, 2]) to numbers; 'v' is not one of ['w1_0_0', 'w1_0_1', 'w2_0_0', 'w2_1_0']
    """

    def __init__(self, net, fixed=None):
        self._net = net
        P = net.parameter_ring()
        names = list(P.variable_names())
        fixed = dict(fixed or {})
        for k, v in fixed.items():
            if k not in names:
                raise ValueError("fixed must map parameter names of %r to numbers; %r is not one of %s"
                                 % (net, k, names))
        free = [x for x in names if x not in fixed]
        self._fixed = {k: QQ(v) for k, v in fixed.items()}
        if not free:
            raise ValueError("fixed must leave at least one parameter free")
        Q = PolynomialRing(QQ, len(free), free, order="degrevlex")
        img = [Q(self._fixed[x]) if x in self._fixed else Q.gen(free.index(x)) for x in names]
        F = [f(*img) for f in net.coordinate_functions()]
        self._coords = [j for j, f in enumerate(F) if not f.is_constant()]
        cn = net.coordinate_names()
        self._names = [cn[j] for j in self._coords]
        self._F = [F[j] for j in self._coords]
        self._Q = Q
        self._ideal = None
        self._span = None

    def __repr__(self):
        if not self._fixed:
            return "the neuromanifold of %r" % (self._net,)
        return "the functions of %r with %s: a %s-dimensional set in the coordinates (%s)" % (
            self._net, ", ".join("%s = %s" % kv for kv in sorted(self._fixed.items())),
            self.dimension(), ", ".join(self._names))

    def architecture(self):
        r"""
        Return the architecture.

        EXAMPLES::

            sage: from sage_neuro import LinearNetwork
            sage: from sage_neuro.invariants.voronoi import ParametrizedSet
            sage: ParametrizedSet(LinearNetwork([2, 1])).architecture()
            LinearNetwork([2, 1])
        """
        return self._net

    def coordinate_names(self):
        r"""
        Return the names of the coordinates kept (non-constant on the set).

        EXAMPLES::

            sage: from sage_neuro import LinearNetwork
            sage: from sage_neuro.invariants.voronoi import ParametrizedSet
            sage: ParametrizedSet(LinearNetwork([2, 1, 1]), fixed={'w2_0_0': 1}).coordinate_names()
            ['c0_0', 'c0_1']
        """
        return list(self._names)

    def coordinate_functions(self):
        r"""
        Return the coordinate functions (polynomials in the free parameters).

        EXAMPLES::

            sage: from sage_neuro import LinearNetwork
            sage: from sage_neuro.invariants.voronoi import ParametrizedSet
            sage: ParametrizedSet(LinearNetwork([2, 1, 1]), fixed={'w2_0_0': 2}).coordinate_functions()
            [2*w1_0_0, 2*w1_0_1]
        """
        return list(self._F)

    def ideal(self, timeout=None):
        r"""
        Return the ideal of the Zariski closure (exact, Macaulay2 over ``QQ``).

        EXAMPLES::

            sage: from sage_neuro import LinearNetwork
            sage: from sage_neuro.invariants.voronoi import ParametrizedSet
            sage: ParametrizedSet(LinearNetwork([2, 1, 2])).ideal()
            Ideal (c0_1*c1_0 - c0_0*c1_1) of Multivariate Polynomial Ring in c0_0, c0_1, c1_0, c1_1 over Rational Field
        """
        if self._ideal is None:
            if not self._fixed:
                self._ideal = self._net.neuromanifold().ideal(timeout=timeout)
            else:
                from sage_neuro.m2 import session
                S = session()
                C = PolynomialRing(QQ, len(self._names), self._names, order="degrevlex")
                Q = self._Q
                if Q.ngens() == 1:
                    # the bridge sends polynomials of rings with two or more variables
                    Q = PolynomialRing(QQ, [Q.variable_names()[0], "zunused"], order="degrevlex")
                L = S.polys([Q(str(f)) for f in self._F], Q)
                self._ideal = C.ideal(S.call("implicitIdeal", L, S.ring(C), timeout=timeout, ring=C))
        return self._ideal

    def ambient_dimension(self):
        r"""
        Return the number of coordinates kept.

        EXAMPLES::

            sage: from sage_neuro import LinearNetwork
            sage: from sage_neuro.invariants.voronoi import ParametrizedSet
            sage: ParametrizedSet(LinearNetwork([2, 1, 2])).ambient_dimension()
            4
        """
        return Integer(len(self._names))

    def dimension(self):
        r"""
        Return the dimension (of the Zariski closure, exact).

        EXAMPLES::

            sage: from sage_neuro import LinearNetwork
            sage: from sage_neuro.invariants.voronoi import ParametrizedSet
            sage: ParametrizedSet(LinearNetwork([2, 1, 2]), fixed={'w2_0_0': 1}).dimension()
            3
        """
        from sage_neuro.invariants.implicit import ideal_dimension_degree
        return ideal_dimension_degree(self.ideal())[0]

    def _span_dimension(self):
        # dimension of the affine linear span: rank of values minus a base point
        if self._span is None:
            import random
            rng = random.Random(0)
            n = len(self._Q.gens())
            pts = [[f(*[QQ(rng.randint(-50, 50)) for _ in range(n)]) for f in self._F]
                   for _ in range(len(self._F) + 3)]
            self._span = matrix(QQ, [[a - b for a, b in zip(p, pts[0])] for p in pts[1:]]).rank()
        return self._span

    # -- numerics --------------------------------------------------------------

    def _numeric(self):
        # F as numpy arrays: exponents E (terms x params), coefficients A
        # (coordinates x terms), so that F(theta) = A @ prod(theta^E)
        if getattr(self, "_num", None) is None:
            import numpy as np
            terms = sorted({tuple(e) for f in self._F for e in f.exponents()})
            index = {e: k for k, e in enumerate(terms)}
            A = np.zeros((len(self._F), len(terms)))
            for i, f in enumerate(self._F):
                for e, c in f.dict().items():
                    A[i, index[tuple(e)]] = float(c)
            self._num = (np.array(terms, dtype=float).reshape(len(terms), -1), A)
        return self._num

    def free_parameter_count(self):
        r"""
        Return the number of parameters that are not fixed.

        EXAMPLES::

            sage: from sage_neuro.invariants.voronoi import cone_example
            sage: cone_example().free_parameter_count()
            2
        """
        return len(self._Q.gens())

    def fixed_parameters(self):
        r"""
        Return the dictionary of the fixed parameters and their values.

        EXAMPLES::

            sage: from sage_neuro.invariants.voronoi import cone_example
            sage: cone_example().fixed_parameters()
            {'w2_0_0': 1}
        """
        return dict(self._fixed)

    def values(self, th):
        r"""
        Return the coordinates of the points with free parameters the rows
        of ``th`` (a ``k x m`` float array), as a ``k x n`` numpy array
        (floating point).

        EXAMPLES::

            sage: from sage_neuro.invariants.voronoi import cone_example
            sage: cone_example().values([[1, 2]]).tolist()
            [[1.0, 4.0, 4.0]]
        """
        import numpy as np
        E, A = self._numeric()
        th = np.atleast_2d(th)
        mon = np.prod(th[:, None, :] ** E[None, :, :], axis=2)
        return mon @ A.T

    def jacobian_at(self, th):
        r"""
        Return the Jacobian of the coordinates in the free parameters at
        the point ``th`` (length ``m``), as an ``n x m`` numpy array
        (floating point).

        EXAMPLES::

            sage: import numpy
            sage: from sage_neuro.invariants.voronoi import cone_example
            sage: cone_example().jacobian_at(numpy.array([1.0, 2.0])).tolist()
            [[2.0, 0.0], [4.0, 2.0], [0.0, 4.0]]
        """
        import numpy as np
        E, A = self._numeric()
        m = E.shape[1]
        J = np.empty((A.shape[0], m))
        for j in range(m):
            Ej = E.copy()
            Ej[:, j] = np.maximum(Ej[:, j] - 1, 0)
            J[:, j] = A @ (E[:, j] * np.prod(th[None, :] ** Ej, axis=1))
        return J

    def plot_voronoi(self, points, filename, singular=None, **options):
        r"""
        Draw this set with the Voronoi cells of some of its points and save
        a PNG: a plane curve by :func:`~sage_neuro.reports.plots.plot_voronoi_curve`, a surface in
        3-space by :func:`~sage_neuro.reports.plots.plot_voronoi_surface` (``options`` go there).

        INPUT:

        - ``points`` -- parameter values (curve) or pairs (surface) of
          smooth points
        - ``filename`` -- the PNG
        - ``singular`` -- a (singular) point of the set whose cell is drawn

        OUTPUT: the share of the grid in the cell of ``singular``

        EXAMPLES::

            sage: from sage_neuro.invariants.voronoi import cone_example
            sage: import os
            sage: f = os.path.join(tmp_dir(), 'c.png')
            sage: cone_example().plot_voronoi([(1, 0)], f, singular=[0, 0, 0], resolution=6, grid=31) > 0
            True
            sage: from sage_neuro import LinearNetwork
            sage: from sage_neuro.invariants.voronoi import ParametrizedSet
            sage: ParametrizedSet(LinearNetwork([2, 1, 2])).plot_voronoi([], f)
            Traceback (most recent call last):
            ...
            ValueError: plot_voronoi draws plane curves and surfaces in 3-space; the neuromanifold of LinearNetwork([2, 1, 2]) has dimension 3 in 4 coordinates
        """
        from sage_neuro.reports.plots import plot_voronoi_curve, plot_voronoi_surface
        n, d = self.ambient_dimension(), self.free_parameter_count()
        if (n, d) == (2, 1):
            return plot_voronoi_curve(self, points, filename, singular=singular, **options)
        if (n, d) == (3, 2):
            return plot_voronoi_surface(self, points, filename, singular=singular, **options)
        raise ValueError("plot_voronoi draws plane curves and surfaces in 3-space; %r has "
                         "dimension %s in %s coordinates" % (self, self.dimension(), n))

    def nearest_point(self, u, starts=8, rng=None, iterations=60):
        r"""
        Return ``(q, d)``: a nearest point ``q`` (numpy array) of the set to
        ``u`` found numerically, and its distance ``d`` (numerical:
        Levenberg-Marquardt on the parameters from ``starts`` random initial
        points; the smallest distance found).

        EXAMPLES::

            sage: from sage_neuro import LinearNetwork
            sage: from sage_neuro.invariants.voronoi import ParametrizedSet
            sage: X = ParametrizedSet(LinearNetwork([1, 1, 1]), fixed={'w2_0_0': 1})
            sage: q, d = X.nearest_point([3.0]); round(float(q[0]), 6), round(float(d), 6)
            (3.0, 0.0)
        """
        import numpy as np
        u = np.asarray([float(x) for x in u])
        rng = rng if rng is not None else np.random.default_rng(0)
        m = len(self._Q.gens())
        best_q, best_d = None, float("inf")
        scale = 1.0 + float(np.linalg.norm(u)) ** 0.5
        for _ in range(int(starts)):
            th = rng.normal(size=m) * scale
            lam = 1e-3
            r = self.values(th)[0] - u
            cost = r @ r
            for _ in range(int(iterations)):
                J = self.jacobian_at(th)
                A = J.T @ J
                g = J.T @ r
                step = np.linalg.solve(A + lam * (np.diag(np.diag(A)) + 1e-12 * np.eye(m)), -g)
                th2 = th + step
                r2 = self.values(th2)[0] - u
                c2 = r2 @ r2
                if c2 < cost:
                    done = cost - c2 < 1e-14 * (1 + cost)
                    th, r, cost, lam = th2, r2, c2, max(lam / 3, 1e-12)
                    if done:
                        break
                else:
                    lam *= 4
                    if lam > 1e10:
                        break
            if cost < best_d ** 2:
                best_q, best_d = r + u, math.sqrt(cost)
        return best_q, best_d

    def voronoi_cell(self, point, radius=0.1, samples=400, seed=0, mean=None, scale=1.0,
                     starts=4, eps=1e-3, directions=40):
        r"""
        Return the :class:`VoronoiCell` of ``point`` (see the module
        documentation).

        EXAMPLES::

            sage: from sage_neuro import LinearNetwork
            sage: from sage_neuro.invariants.voronoi import ParametrizedSet
            sage: X = ParametrizedSet(LinearNetwork([2, 1, 1]))
            sage: X.voronoi_cell([1, 2], samples=0).dimension
            0
        """
        return VoronoiCell(self, point, radius=radius, samples=samples, seed=seed, mean=mean,
                           scale=scale, starts=starts, eps=eps, directions=directions)


class VoronoiCell:
    r"""
    The Voronoi cell of a point of a :class:`ParametrizedSet`: its dimension
    (proved at smooth rational points, numerical otherwise) and a Monte Carlo
    estimate of the probability that Gaussian data has its nearest point
    within ``radius`` of the point.

    Attributes: ``point``, ``is_smooth``, ``dimension``,
    ``dimension_method`` (``'proved'`` or ``'numerical'``, see
    :mod:`sage_neuro.provenance`),
    ``dimension_is_lower_bound``, ``probability`` (estimate),
    ``confidence_interval`` (Wilson, 95%), ``samples``, ``radius``,
    ``mean``, ``scale``, ``seed``, ``provenance`` (dictionary of
    :class:`~sage_neuro.provenance.Provenance`).

    INPUT: see :meth:`ParametrizedSet.voronoi_cell`; ``point`` must lie on
    the set (``ValueError`` otherwise).

    EXAMPLES::

        sage: from sage_neuro import LinearNetwork
        sage: from sage_neuro.invariants.voronoi import VoronoiCell, ParametrizedSet
        sage: X = ParametrizedSet(LinearNetwork([2, 1, 2]))
        sage: V = VoronoiCell(X, [1, 0, 0, 0], samples=100, radius=0.5); V
        Voronoi cell of (1, 0, 0, 0) (smooth point): dimension 1 [proved]; P(nearest point within 0.5) ~ ... (95% CI ...; 100 Gaussian samples, mean the point, scale 1.0, seed 0)
        sage: VoronoiCell(X, [1, 1, 1, 0])
        Traceback (most recent call last):
        ...
        ValueError: point is not on the set: equation c0_1*c1_0 - c0_0*c1_1 takes the value 1 there
        sage: VoronoiCell(X, [1, 1])
        Traceback (most recent call last):
        ...
        ValueError: point must have 4 entries (one per coordinate), got 2

    The quadratics with real roots (linear CNN ``[2, 2]``): ``x^2 + 1`` lies
    on the closure (every quadratic) but not on the neuromanifold::

        sage: from sage_neuro import PolynomialCNN
        sage: VoronoiCell(ParametrizedSet(PolynomialCNN([2, 2], activation=1)), [1, 0, 1])
        Traceback (most recent call last):
        ...
        ValueError: point is on the Zariski closure but not in the real image mu(R^N) (complex image): it has no Voronoi cell on the neuromanifold
    """

    def __init__(self, X, point, radius=0.1, samples=400, seed=0, mean=None, scale=1.0,
                 starts=4, eps=1e-3, directions=40):
        import numpy as np
        n = int(X.ambient_dimension())
        point = check_point(point, n, name="point")
        I = X.ideal()
        C = I.ring()
        exact = all(x in QQ for x in point)
        self.provenance = {}
        with stopwatch() as t:
            if exact:
                p = [QQ(x) for x in point]
                for g in I.gens():
                    v = g(*p)
                    if v != 0:
                        raise ValueError("point is not on the set: equation %s takes the value %s there" % (g, v))
                net = X.architecture()
                if not X.fixed_parameters() and n == int(net.ambient_dimension()):
                    # the cell is one of mu(R^N): a point of the closure that
                    # is no value at real parameters has none (exact decision)
                    from sage_neuro.invariants.real_membership import real_membership
                    m = real_membership(net, p, seed=seed)
                    if m.verdict != "real image":
                        raise ValueError("point is on the Zariski closure but not in the real image "
                                         "mu(R^N) (%s): it has no Voronoi cell on the neuromanifold"
                                         % m.verdict)
            else:
                p = [float(x) for x in point]
                for g in I.gens():
                    v = float(g(*p))
                    if abs(v) > 1e-8 * (1 + sum(abs(x) for x in p)) ** max(1, g.degree()):
                        raise ValueError("point is not on the set: equation %s takes the value %.3g there" % (g, v))
            d = X.dimension()
            codim = n - d
            if codim == 0:
                rank = 0
            else:
                J = [[g.derivative(x)(*p) for x in C.gens()] for g in I.gens()]
                rank = matrix(QQ, J).rank() if exact else _numerical_rank(J)
        self.point = tuple(point)
        self.is_smooth = (rank == codim)
        # over QQ the Jacobian criterion on the prime implicit ideal (proved
        # by Macaulay2's kernel) decides smoothness of this very point
        how = ("rank %s of the Jacobian of the implicit equations at the point vs codimension %s"
               % (rank, codim))
        self.provenance["is_smooth"] = Provenance(
            "is_smooth", self.is_smooth, "proved" if exact else "numerical", seconds=t[0],
            route=how, certificate=how + (" over QQ" if exact else " (singular values, float64)"))
        p_np = np.array([float(x) for x in point])
        rng = np.random.default_rng(int(seed))
        self.dimension_is_lower_bound = False
        with stopwatch() as t:
            if self.is_smooth:
                self.dimension = Integer(codim)
                self.dimension_method = "proved" if exact else "numerical"
                route = "normal space at a smooth point: dimension = codimension"
            else:
                hits = 0
                for _ in range(int(directions)):
                    z = rng.normal(size=n)
                    u = p_np + eps * z / np.linalg.norm(z)
                    q, dist = X.nearest_point(u, starts=starts, rng=rng)
                    if np.linalg.norm(u - p_np) <= dist * (1 + 1e-6) + 1e-12:
                        hits += 1
                self.dimension_method = "numerical"
                if hits:
                    self.dimension = Integer(n)
                    route = ("%d of %d points at distance %g from the point in random directions have "
                             "it as a nearest point: the cell is full-dimensional" % (hits, directions, eps))
                else:
                    self.dimension = Integer(n - X._span_dimension())
                    self.dimension_is_lower_bound = True
                    route = ("none of %d points at distance %g in random directions has the point as a "
                             "nearest point; lower bound: the directions orthogonal to the linear span"
                             % (directions, eps))
        self.provenance["dimension"] = Provenance(
            "dimension", self.dimension, self.dimension_method,
            seeds=() if self.dimension_method == "proved" else (seed,), seconds=t[0], route=route,
            certificate=route if self.dimension_method == "numerical" else
            "smooth point (Jacobian criterion over QQ): the cell spans the normal space")
        self.radius = float(radius)
        self.samples = int(samples)
        self.scale = float(scale)
        self.mean = p_np if mean is None else np.array([float(x) for x in check_point(mean, n, name="mean")])
        self._mean_is_point = mean is None
        self.seed = seed
        with stopwatch() as t:
            hits = 0
            for _ in range(self.samples):
                u = self.mean + self.scale * rng.normal(size=n)
                q, dist = X.nearest_point(u, starts=starts, rng=rng)
                if np.linalg.norm(u - p_np) <= dist * (1 + 1e-9) or np.linalg.norm(q - p_np) <= self.radius:
                    hits += 1
        self.hits = hits
        self.probability = hits / float(self.samples) if self.samples else float("nan")
        self.confidence_interval = wilson_interval(hits, self.samples)
        lo, hi = self.confidence_interval
        self.provenance["probability"] = Provenance(
            "probability", self.probability, "numerical", seeds=(seed,), seconds=t[0],
            route="Monte Carlo, %d samples of N(mean, %g^2 I), nearest points by Levenberg-Marquardt "
                  "from %d starts; Wilson 95%% interval" % (self.samples, self.scale, starts),
            choices="%d Gaussian data points and %d starts each (numpy seed %s)"
                    % (self.samples, starts, seed),
            certificate="Wilson 95%% interval [%.4g, %.4g] from %d hits in %d samples"
                        % (lo, hi, hits, self.samples))

    def __repr__(self):
        dim = ("at least %s" if self.dimension_is_lower_bound else "%s") % self.dimension
        s = "Voronoi cell of %s (%s point): dimension %s [%s]" % (
            self.point, "smooth" if self.is_smooth else "singular", dim, self.dimension_method)
        if self.samples:
            lo, hi = self.confidence_interval
            s += ("; P(nearest point within %g) ~ %.3f (95%% CI [%.3f, %.3f]; %d Gaussian samples, "
                  "mean %s, scale %s, seed %s)" % (self.radius, self.probability, lo, hi, self.samples,
                                                   "the point" if self._mean_is_point else "given",
                                                   self.scale, self.seed))
        return s


def cone_example():
    r"""
    Return the surface of the atlas' second Voronoi picture: one neuron
    with ``x^2`` on two inputs and output weight fixed to ``1`` computes
    ``(a x_1 + b x_2)^2``, coefficients ``(a^2, 2 a b, b^2)``: one nappe of
    the quadric cone ``c0_1^2 = 4 c0_0 c0_2``, singular at ``a = b = 0``
    (the dead neuron).

    EXAMPLES::

        sage: from sage_neuro.invariants.voronoi import cone_example
        sage: cone_example().ideal().gens()
        [c0_1^2 - 4*c0_0*c0_2]
    """
    from sage_neuro.architectures.mlp import PolynomialMLP
    return ParametrizedSet(PolynomialMLP([2, 1, 1], activation=2), fixed={"w2_0_0": 1})


def cusp_example():
    r"""
    Return the plane curve of the atlas' Voronoi picture: one neuron with
    activation ``sigma(t) = 1 + t^2 + t^3`` and output weight fixed to
    ``1`` computes ``x -> sigma(w x) = 1 + w^2 x^2 + w^3 x^3``; its
    non-constant coefficients ``(w^3, w^2)`` trace the cuspidal cubic
    ``c0_0^2 = c0_1^3``, singular at ``w = 0`` (the dead neuron).

    EXAMPLES::

        sage: from sage_neuro.invariants.voronoi import cusp_example
        sage: cusp_example().ideal().gens()
        [c0_1^3 - c0_0^2]
    """
    from sage_neuro.architectures.mlp import PolynomialMLP
    t = PolynomialRing(QQ, "t").gen()
    return ParametrizedSet(PolynomialMLP([1, 1, 1], activation=1 + t ** 2 + t ** 3), fixed={"w2_0_0": 1})
