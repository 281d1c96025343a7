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
from sage_neuro.validation import check_point


def wilson_interval(hits, n, z=1.959963984540054):
    r"""
    Return the Wilson score interval ``(low, high)`` for ``hits`` successes
    in ``n`` trials (default level 95%).

    EXAMPLES::

        sage: from sage_neuro.invariants.voronoi import wilson_interval
        sage: lo, hi = wilson_interval(50, 100); round(lo, 3), round(hi, 3)
        (0.404, 0.596)
        sage: wilson_interval(0, 0)
        (0.0, 1.0)
    """
    if n == 0:
        return (0.0, 1.0)
    p = hits / float(n)
    den = 1 + z * z / n
    c = (p + z * z / (2 * n)) / den
    h = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / den
    return (0.0 if hits == 0 else max(0.0, c - h), 1.0 if hits == n else min(1.0, c + h))


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

    def _values(self, th):
        # F at the rows of th (k x m) -> (k x n)
        import numpy as np
        E, A = self._numeric()
        th = np.atleast_2d(th)
        mon = np.prod(th[:, None, :] ** E[None, :, :], axis=2)
        return mon @ A.T

    def _jacobian(self, th):
        # dF/dtheta at one point th (m,) -> (n x m)
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
        a PNG: a plane curve by :func:`plot_voronoi_curve`, a surface in
        3-space by :func:`plot_voronoi_surface` (``options`` go there).

        INPUT:

        - ``points`` -- parameter values (curve) or pairs (surface) of
          smooth points
        - ``filename`` -- the PNG
        - ``singular`` -- a (singular) point of the set whose cell is drawn

        OUTPUT: the share of the grid in the cell of ``singular``

        EXAMPLES::

            sage: from sage_neuro.invariants.voronoi import cone_example
            sage: import tempfile, os
            sage: f = os.path.join(tempfile.mkdtemp(), 'c.png')
            sage: cone_example().plot_voronoi([(1, 0)], f, singular=[0, 0, 0], resolution=6, grid=31) > 0
            True
            sage: from sage_neuro import LinearNetwork
            sage: from sage_neuro.invariants.voronoi import ParametrizedSet
            sage: ParametrizedSet(LinearNetwork([2, 1, 2])).plot_voronoi([], f)
            Traceback (most recent call last):
            ...
            ValueError: plot_voronoi draws plane curves and surfaces in 3-space; the neuromanifold of LinearNetwork([2, 1, 2]) has dimension 3 in 4 coordinates
        """
        n, d = self.ambient_dimension(), len(self._Q.gens())
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
            r = self._values(th)[0] - u
            cost = r @ r
            for _ in range(int(iterations)):
                J = self._jacobian(th)
                A = J.T @ J
                g = J.T @ r
                step = np.linalg.solve(A + lam * (np.diag(np.diag(A)) + 1e-12 * np.eye(m)), -g)
                th2 = th + step
                r2 = self._values(th2)[0] - u
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


def plot_voronoi_curve(X, points, filename, window=None, singular=None, resolution=200,
                       t_range=(-3, 3)):
    r"""
    Draw a plane curve ``X`` (a :class:`ParametrizedSet` of dimension 1 in
    2 coordinates with one free parameter) in purple, the Voronoi cells of
    the given smooth points (segments on their normal lines) and of the
    given singular point (a 2-dimensional region, shaded), and save a PNG.

    Distances to the curve are computed from a dense sample of the
    parametrization over ``t_range`` refined by Newton steps (numerical).
    A grid point ``u`` is in the cell of ``p`` when ``||u - p|| <= dist(u, X)``
    up to ``1e-9`` relative.

    INPUT:

    - ``X`` -- the curve
    - ``points`` -- parameter values ``t`` of the smooth points to draw
    - ``filename`` -- the PNG to write
    - ``window`` -- ``(xmin, xmax, ymin, ymax)`` (default: around the curve)
    - ``singular`` -- a point (2 coordinates) whose cell is shaded
    - ``resolution`` -- grid points per axis for the shaded region

    OUTPUT: the fraction of the window's grid points in the shaded cell

    EXAMPLES::

        sage: from sage_neuro import PolynomialMLP
        sage: from sage_neuro.invariants.voronoi import ParametrizedSet, plot_voronoi_curve
        sage: import tempfile, os
        sage: R.<t> = QQ[]
        sage: X = ParametrizedSet(PolynomialMLP([1, 1, 1], activation=1 + t^2 + t^3), fixed={'w2_0_0': 1})
        sage: f = os.path.join(tempfile.mkdtemp(), 'cusp.png')
        sage: share = plot_voronoi_curve(X, [-0.8, 0.7], f, singular=[0, 0], resolution=60,
        ....:                            window=(-2, 2, -2, 2), t_range=(-2, 2))
        sage: os.path.exists(f), 0.2 < share < 0.8
        (True, True)
    """
    import numpy as np
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    if X.ambient_dimension() != 2 or len(X._Q.gens()) != 1:
        raise ValueError("X must be a plane curve with one free parameter; got %r" % (X,))
    def c_(t):
        return X._values(np.asarray(t, dtype=float)[:, None])

    def dc_(t, h=1e-6):
        return (c_(t + h) - c_(t - h)) / (2 * h)

    ts = np.linspace(t_range[0], t_range[1], 1501)
    curve = c_(ts)
    if window is None:
        lo, hi = curve.min(axis=0), curve.max(axis=0)
        pad = 0.1 * (hi - lo).max()
        window = (lo[0] - pad, hi[0] + pad, lo[1] - pad, hi[1] + pad)

    def dist(U):
        # nearest of the dense sample (in chunks), then Newton steps on
        # (c(t) - u).c'(t) = 0
        k = np.empty(len(U), dtype=int)
        dmin = np.empty(len(U))
        for a in range(0, len(U), 500):
            D = ((U[a:a + 500, None, :] - curve[None, :, :]) ** 2).sum(axis=2)
            k[a:a + 500] = D.argmin(axis=1)
            dmin[a:a + 500] = D.min(axis=1)
        t = ts[k].copy()
        for _ in range(5):
            c = c_(t)
            dc = dc_(t)
            dc2 = (dc_(t + 1e-4) - dc_(t - 1e-4)) / 2e-4
            g = ((c - U) * dc).sum(axis=1)
            gp = (dc * dc).sum(axis=1) + ((c - U) * dc2).sum(axis=1)
            step = np.where(np.abs(gp) > 1e-12, g / np.where(gp == 0, 1, gp), 0)
            t2 = np.clip(t - step, t_range[0], t_range[1])
            c2 = c_(t2)
            better = ((c2 - U) ** 2).sum(axis=1) < ((c - U) ** 2).sum(axis=1)
            t = np.where(better, t2, t)
        c = c_(t)
        return np.minimum(np.sqrt(((c - U) ** 2).sum(axis=1)), np.sqrt(dmin))

    fig, ax = plt.subplots(figsize=(6, 6))
    share = 0.0
    if singular is not None:
        xs = np.linspace(window[0], window[1], resolution)
        ys = np.linspace(window[2], window[3], resolution)
        G = np.array([[x, y] for y in ys for x in xs])
        p = np.array([float(c) for c in singular])
        inside = np.linalg.norm(G - p, axis=1) <= dist(G) * (1 + 1e-9) + 1e-12
        share = float(inside.mean())
        ax.contourf(xs, ys, inside.reshape(resolution, resolution).astype(float), levels=[0.5, 1.5],
                    colors=["#f4c542"], alpha=0.6)
        ax.plot([p[0]], [p[1]], "o", color="black")
    for t0 in points:
        p = c_([t0])[0]
        tang = dc_(np.array([t0], dtype=float))[0]
        nrm = np.array([-tang[1], tang[0]]) / np.linalg.norm(tang)
        span = max(window[1] - window[0], window[3] - window[2])
        s = np.linspace(-span, span, 2001)
        U = p[None, :] + s[:, None] * nrm[None, :]
        ok = np.linalg.norm(U - p, axis=1) <= dist(U) * (1 + 1e-6) + 1e-9
        seg = U[ok]
        if len(seg):
            ax.plot(seg[:, 0], seg[:, 1], color="tab:green", lw=2)
        ax.plot([p[0]], [p[1]], "o", color="tab:green")
    ax.plot(curve[:, 0], curve[:, 1], color="purple", lw=2.5)
    ax.set_xlim(window[0], window[1])
    ax.set_ylim(window[2], window[3])
    ax.set_aspect("equal")
    ax.set_xlabel(X.coordinate_names()[0])
    ax.set_ylabel(X.coordinate_names()[1])
    ax.set_title("Voronoi cells on %s" % ("a plane curve" if not X._fixed else repr(X._net)), fontsize=8)
    fig.savefig(filename, dpi=120)
    plt.close(fig)
    return share


def plot_voronoi_surface(X, points, filename, singular=None, resolution=14, box=1.0,
                         param_range=(-1.3, 1.3), grid=81):
    r"""
    Draw a surface ``X`` in 3-space (a :class:`ParametrizedSet` of dimension
    2 in 3 coordinates with two free parameters) in purple, the Voronoi
    cells of the given smooth points (segments on their normal lines, green)
    and the cell of the given singular point (a cloud of the grid points of
    a cube around it that have it as a nearest point, orange), and save a
    PNG.

    Distances to the surface come from a dense ``grid x grid`` sample of the
    parametrization over ``param_range^2`` refined by Gauss-Newton steps
    (numerical). A point ``u`` is in the cell of ``p`` when
    ``||u - p|| <= dist(u, X)`` up to ``1e-6`` relative.

    INPUT:

    - ``X`` -- the surface
    - ``points`` -- parameter pairs of the smooth points to draw
    - ``filename`` -- the PNG to write
    - ``singular`` -- a point (3 coordinates) whose cell is drawn
    - ``resolution`` -- grid points per axis of the cube ``p + [-box, box]^3``
      tested for the singular point's cell
    - ``param_range``, ``grid`` -- the sample of the parametrization

    OUTPUT: the fraction of the cube's grid points in the singular point's
    cell (``0`` without ``singular``); a positive fraction means a
    3-dimensional cell

    EXAMPLES::

        sage: from sage_neuro.invariants.voronoi import plot_voronoi_surface, cone_example
        sage: import tempfile, os
        sage: X = cone_example(); X.dimension(), X.ambient_dimension()
        (2, 3)
        sage: f = os.path.join(tempfile.mkdtemp(), 'cone.png')
        sage: share = plot_voronoi_surface(X, [(1, 0.5), (-0.4, 1)], f, singular=[0, 0, 0],
        ....:                              resolution=8, grid=41)
        sage: os.path.exists(f), 0.1 < share < 0.9
        (True, True)
    """
    import numpy as np
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    if X.ambient_dimension() != 3 or len(X._Q.gens()) != 2:
        raise ValueError("X must be a surface in 3-space with two free parameters; got %r" % (X,))
    a = np.linspace(param_range[0], param_range[1], grid)
    A, B = np.meshgrid(a, a)
    params = np.column_stack([A.ravel(), B.ravel()])
    sample = X._values(params)

    def dist(U):
        # nearest sample point, then Gauss-Newton on the parameters
        best = np.empty((len(U), 2))
        for k in range(0, len(U), 200):
            D = ((U[k:k + 200, None, :] - sample[None, :, :]) ** 2).sum(axis=2)
            best[k:k + 200] = params[D.argmin(axis=1)]
        d0 = np.linalg.norm(X._values(best) - U, axis=1)
        th = best.copy()
        for _ in range(8):
            r = X._values(th) - U
            h = 1e-6
            J = np.stack([(X._values(th + h * e) - X._values(th - h * e)) / (2 * h)
                          for e in np.eye(2)], axis=2)          # (n, 3, 2)
            JtJ = np.einsum("nij,nik->njk", J, J) + 1e-9 * np.eye(2)
            step = np.linalg.solve(JtJ, np.einsum("nij,ni->nj", J, r)[..., None])[..., 0]
            th2 = th - step
            better = np.linalg.norm(X._values(th2) - U, axis=1) < np.linalg.norm(r, axis=1)
            th = np.where(better[:, None], th2, th)
        return np.minimum(d0, np.linalg.norm(X._values(th) - U, axis=1))

    fig = plt.figure(figsize=(6.5, 6))
    ax = fig.add_subplot(projection="3d")
    S = sample.reshape(grid, grid, 3)
    ax.plot_surface(S[:, :, 0], S[:, :, 1], S[:, :, 2], color="purple", alpha=0.35, linewidth=0)
    share = 0.0
    if singular is not None:
        p = np.array([float(c) for c in singular])
        g = np.linspace(-box, box, resolution)
        U = p + np.array([[x, y, z] for x in g for y in g for z in g])
        inside = np.linalg.norm(U - p, axis=1) <= dist(U) * (1 + 1e-6) + 1e-9
        share = float(inside.mean())
        ax.scatter(U[inside, 0], U[inside, 1], U[inside, 2], color="#f4a300", s=6, alpha=0.5)
        ax.scatter([p[0]], [p[1]], [p[2]], color="black", s=25)
    for t0 in points:
        th = np.array([[float(t0[0]), float(t0[1])]])
        q = X._values(th)[0]
        J = X._jacobian(th[0])
        n = np.cross(J[:, 0], J[:, 1])
        n /= np.linalg.norm(n)
        s = np.linspace(-2 * box, 2 * box, 401)
        U = q[None, :] + s[:, None] * n[None, :]
        ok = np.linalg.norm(U - q, axis=1) <= dist(U) * (1 + 1e-6) + 1e-9
        if ok.any():
            ax.plot(U[ok, 0], U[ok, 1], U[ok, 2], color="tab:green", lw=2)
        ax.scatter([q[0]], [q[1]], [q[2]], color="tab:green", s=20)
    names = X.coordinate_names()
    ax.set_xlabel(names[0])
    ax.set_ylabel(names[1])
    ax.set_zlabel(names[2])
    ax.set_title("Voronoi cells on %r%s" % (X._net, "".join(
        ", %s = %s" % kv for kv in sorted(X._fixed.items()))), fontsize=8)
    fig.savefig(filename, dpi=110)
    plt.close(fig)
    return share


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


def atlas_voronoi_plot(out_dir, resolution=120):
    r"""
    Write ``out_dir/voronoi_cusp.png`` (the Voronoi cells on
    :func:`cusp_example`) and return a Markdown paragraph describing it.

    EXAMPLES::

        sage: from sage_neuro.invariants.voronoi import atlas_voronoi_plot
        sage: import tempfile, os
        sage: d = tempfile.mkdtemp()
        sage: md = atlas_voronoi_plot(d, resolution=30)
        sage: os.path.exists(os.path.join(d, 'voronoi_cusp.png')), md.startswith('## Voronoi')
        (True, True)
    """
    import os
    X = cusp_example()
    f = os.path.join(out_dir, "voronoi_cusp.png")
    share = plot_voronoi_curve(X, [-0.8, 0.7], f, singular=[0, 0], resolution=resolution,
                               window=(-2, 2, -2, 2), t_range=(-2, 2))
    Y = cone_example()
    cube = plot_voronoi_surface(Y, [(1, 0.5), (-0.4, 1)], os.path.join(out_dir, "voronoi_cone.png"),
                                singular=[0, 0, 0], resolution=max(6, resolution // 8))
    return ("## Voronoi cells\n\n![Voronoi cells](voronoi_cusp.png)\n\n"
            "The functions x -> sigma(w x), sigma(t) = 1 + t^2 + t^3 (%r with the output weight "
            "fixed to 1), in the coordinates (c0_0, c0_1) = (w^3, w^2): the cuspidal cubic "
            "(purple). The Voronoi cells of two smooth points are segments of their normal lines "
            "(green); the cell of the cusp (the dead neuron w = 0) is 2-dimensional (shaded, "
            "%.0f%% of the window; numerical, dense sampling of the curve).\n\n"
            "![Voronoi cells on a cone](voronoi_cone.png)\n\n"
            "The functions (a x_1 + b x_2)^2 (%r with the output weight fixed to 1), coefficients "
            "(a^2, 2ab, b^2): one nappe of the quadric cone c0_1^2 = 4 c0_0 c0_2 (purple). The "
            "cells of two smooth points are segments of their normal lines (green); the cell of "
            "the vertex (the dead neuron a = b = 0) is 3-dimensional (orange: %.0f%% of the grid "
            "points of a cube around it; numerical).\n"
            % (X.architecture(), 100 * share, Y.architecture(), 100 * cube))

