r"""
Degree of a neuromanifold by numerical monodromy and a trace test.

The parameters outside a set of ``d = dim M`` Jacobian pivot columns are
fixed at random complex values (this gauge-fixes the continuous
symmetries: the sliced map ``theta -> mu(theta)`` is generically finite
onto a dense subset of ``M``). For a random ``d x n`` complex matrix ``A``
the projection ``x -> A x`` restricted to ``M`` is finite of degree
``deg M`` (for cones: the degree of the projective variety), so ``deg M``
is the number of *image points* ``x = mu(theta)`` with ``A x = b`` for a
generic ``b``.

One solution is known for free: ``b0 = A mu(theta0)`` for a random
``theta0``. Moving ``b`` around random loops in ``C^d`` and tracking the
known parameter points (predictor-corrector continuation, vectorised over
all paths in numpy, from the term table of ``mu``) permutes the image
points transitively, because ``M`` is irreducible. Points are compared in
function space, which quotients the finite symmetries (permutations and
signs of hidden neurons) without knowing them: the [3,3,3] MLP with
``x^2`` has 30 image points but 1440 parameter points on a slice with
only the rescalings fixed. The search stops when several loops in a row
find nothing new, and the set is then certified by the *trace test*:
along the parallel family ``A x = b0 + s v`` the sum of the image points
is an affine-linear function of ``s`` exactly when no point is missing;
the relative second difference at ``s = -1, 0, 1`` is recorded.

This is a ``numerical`` result: floating-point continuation can miss or
merge points; the trace test makes a missed point very unlikely to go
unnoticed, and the tests compare with the modular slice route
(:mod:`sage_neuro.invariants.slicing`) and closed formulas.

EXAMPLES::

    sage: from sage_neuro import LinearNetwork
    sage: from sage_neuro.invariants.monodromy import monodromy_degree
    sage: W = monodromy_degree(LinearNetwork([4, 2, 3]), seed=1)
    sage: W.degree, W.trace_residual < 1e-6
    (6, True)
"""

import numpy as np

from sage.rings.integer import Integer

from sage_neuro.invariants.dimension import _term_table, jacobian_rank

#: relative trace-test residual below which a witness set is accepted
TRACE_TOLERANCE = 1e-6

# step control of the path tracker: largest step, growth after an accepted
# step, Newton steps of the corrector, accepted size of the first and last
# corrections relative to the point
_STEP = dict(hmax=0.25, grow=2.0, newton=3, first=5e-2, last=1e-9)


class _SlicedMap:
    # mu restricted to the free parameters, in complex floating point: the
    # monomials of the terms of mu are evaluated in one vectorised pass and
    # the fixed parameters are folded into the term coefficients once.

    def __init__(self, net, free, fixed_values):
        rows, E, nums, dens = _term_table(net)
        n, N = int(net.ambient_dimension()), E.shape[1]
        coef = np.array([a / b for a, b in zip(nums, dens)], dtype=complex)
        fixed = [j for j in range(N) if j not in set(free)]
        for j, c in zip(fixed, fixed_values):
            coef = coef * c ** E[:, j]
        self.E = E[:, free].astype(float)
        T = len(rows)
        # coordinates as a dense (n x T) matrix: mu = C @ monomials
        self.C = np.zeros((n, T), dtype=complex)
        np.add.at(self.C, (rows, np.arange(T)), coef)
        self.n, self.d = n, len(free)

    def monomials(self, X):
        # exp(E log x) = prod x_j^e_j for integer exponents, whatever branch
        # of the logarithm: one matrix product instead of a loop over x_j
        return np.exp(np.log(X) @ self.E.T)

    def image(self, X):
        return self.monomials(X) @ self.C.T

    def system(self, B, X):
        # F(X) = B mu(X) and its Jacobian, for a batch X of points
        m = self.monomials(X)
        BC = B @ self.C
        F = m @ BC.T
        # d/dx_j of a monomial is e_j * monomial / x_j (x_j != 0 generically)
        J = (m[:, None, :] * BC[None]) @ self.E / X[:, None, :]
        return F, J


def _track(S, B, X, b0, b1, max_steps=4000):
    # Continuation of the solutions X of B mu(X) = b0 to B mu(X) = b1 along
    # the straight complex segment; RK4 predictor, 3 Newton corrector
    # steps, per-path adaptive step. Returns (endpoints, success mask).
    X = X.copy()
    P = X.shape[0]
    s = np.zeros(P)
    h = np.full(P, 0.1)
    alive = np.ones(P, dtype=bool)
    db = b1 - b0

    def velocity(Y):
        _, J = S.system(B, Y)
        return np.linalg.solve(J, np.broadcast_to(db, Y.shape)[..., None])[..., 0]

    for _ in range(max_steps):
        act = np.nonzero(alive & (s < 1))[0]
        if len(act) == 0:
            break
        Y, hs = X[act], np.minimum(h[act], 1 - s[act])[:, None]
        with np.errstate(all="ignore"):
            try:
                k1 = velocity(Y)
                k2 = velocity(Y + hs / 2 * k1)
                k3 = velocity(Y + hs / 2 * k2)
                k4 = velocity(Y + hs * k3)
                Z = Y + hs / 6 * (k1 + 2 * k2 + 2 * k3 + k4)
                target = b0 + (s[act] + hs[:, 0])[:, None] * db
                first = None
                for _ in range(_STEP["newton"]):
                    F, J = S.system(B, Z)
                    delta = np.linalg.solve(J, (F - target)[..., None])[..., 0]
                    Z = Z - delta
                    if first is None:
                        first = np.linalg.norm(delta, axis=1)
                last = np.linalg.norm(delta, axis=1)
            except np.linalg.LinAlgError:
                Z = np.full_like(Y, np.nan)
                first = last = np.full(len(act), np.inf)
        scale = 1 + np.linalg.norm(Y, axis=1)
        ok = np.isfinite(last) & (last < _STEP["last"] * scale) & (first < _STEP["first"] * scale)
        acc, rej = act[ok], act[~ok]
        X[acc] = Z[ok]
        s[acc] = s[acc] + hs[ok, 0]
        h[acc] = np.minimum(_STEP["grow"] * h[acc], _STEP["hmax"])
        h[rej] = h[rej] / 2
        alive[rej[h[rej] < 1e-9]] = False
    alive &= s >= 1
    return X, alive


class WitnessSet:
    r"""
    The image points of a neuromanifold on a random affine linear space of
    complementary dimension, found by monodromy and certified by the trace
    test (see the module documentation).

    Attributes: ``degree`` (Sage Integer), ``dimension``, ``points``
    (complex array, one row per image point), ``loops`` (monodromy loops
    run), ``trace_residual`` (relative second difference of the traces),
    ``seed``.

    EXAMPLES::

        sage: from sage_neuro import PolynomialCNN
        sage: from sage_neuro.invariants.monodromy import monodromy_degree
        sage: W = monodromy_degree(PolynomialCNN([2, 2]), seed=3); W
        witness set of 4 points on PolynomialCNN([2, 2], activation=2) (dimension 3; 9 loops, trace residual ...)
    """

    def __init__(self, net, dimension, points, loops, residual, seed):
        self.net = net
        self.dimension = dimension
        self.points = points
        self.degree = Integer(len(points))
        self.loops = loops
        self.trace_residual = residual
        self.seed = seed

    def __repr__(self):
        return "witness set of %s points on %r (dimension %s; %s loops, trace residual %.1e)" % (
            self.degree, self.net, self.dimension, self.loops, self.trace_residual)


def _dedupe(images, new, tol):
    # indices of the rows of new that are far from images and from each other
    keep = []
    for i, x in enumerate(new):
        scale = tol * (1 + np.linalg.norm(x))
        if images is not None and len(images) and np.min(np.linalg.norm(images - x, axis=1)) < scale:
            continue
        if any(np.linalg.norm(new[k] - x) < scale for k in keep):
            continue
        keep.append(i)
    return keep


def monodromy_degree(net, seed=0, generators=2, max_loops=500, tolerance=TRACE_TOLERANCE,
                     verbose=False):
    r"""
    Return the :class:`WitnessSet` of the neuromanifold of ``net``: its
    degree by numerical monodromy, certified by the trace test.

    INPUT:

    - ``net`` -- an architecture
    - ``seed`` -- seed of all random choices (slice, loops, start point)
    - ``generators`` -- number of fixed random loops (each a triangle
      ``b0 -> b1 -> b2 -> b0``) whose group orbit of the start point is
      computed; a loop is added whenever the trace test fails
    - ``max_loops`` -- give up (``ArithmeticError``) after this many
      batched runs around a loop
    - ``tolerance`` -- largest relative trace-test residual accepted
    - ``verbose`` -- print the count after each loop (progress of long runs)

    OUTPUT: a :class:`WitnessSet`; ``.degree`` is the degree (for cones the
    degree of the projective variety)

    The loops can be interrupted (``KeyboardInterrupt``); the trace test
    then has not certified anything and no value is returned.

    EXAMPLES::

        sage: from sage_neuro import PolynomialMLP
        sage: from sage_neuro.invariants.monodromy import monodromy_degree
        sage: monodromy_degree(PolynomialMLP([2, 2, 3]), seed=1).degree
        3
        sage: monodromy_degree(PolynomialMLP([2, 2, 3]), generators=0)
        Traceback (most recent call last):
        ...
        ValueError: generators must be an integer >= 1, not 0
    """
    from sage_neuro.validation import check_positive_int
    generators = int(check_positive_int(generators, "generators"))
    max_loops = int(check_positive_int(max_loops, "max_loops"))
    rng = np.random.default_rng(int(seed))
    d, _, pivots = jacobian_rank(net, seed=seed)
    d = int(d)
    N = int(net.num_parameters())

    def crandn(*shape):
        return (rng.standard_normal(shape) + 1j * rng.standard_normal(shape)) / np.sqrt(2)

    fixed = crandn(N - d)
    S = _SlicedMap(net, [int(j) for j in pivots], fixed)
    B = crandn(d, S.n)
    X = crandn(1, d)
    b0 = (S.image(X) @ B.T)[0]
    images = S.image(X)
    radius = np.linalg.norm(b0)

    def loop(X):
        b1 = b0 + radius * crandn(d)
        b2 = b0 + radius * crandn(d)
        ok = np.ones(len(X), dtype=bool)
        for u, w in ((b0, b1), (b1, b2), (b2, b0)):
            X, good = _track(S, B, X, u, w)
            ok &= good
        return X[ok]

    def new_loop():
        return (b0 + radius * crandn(d), b0 + radius * crandn(d))

    def around(X, nodes):
        ok = np.ones(len(X), dtype=bool)
        for u, w in ((b0, nodes[0]), (nodes[0], nodes[1]), (nodes[1], b0)):
            X, good = _track(S, B, X, u, w)
            ok &= good
        return X[ok]

    # The orbit of theta0 under a few fixed loops, breadth first: every
    # point goes once around every loop. When the orbit closes, the trace
    # test decides; if it fails, another loop joins.
    loops = [new_loop() for _ in range(int(generators))]
    pending = [[0] for _ in loops]
    runs, residual = 0, np.inf
    while runs < max_loops:
        for l, nodes in enumerate(loops):
            if not pending[l]:
                continue
            Y = around(X[pending[l]], nodes)
            runs += 1
            pending[l] = []
            new = _dedupe(images, S.image(Y), 1e-6) if len(Y) else []
            if new:
                first = len(X)
                X = np.vstack([X, Y[new]])
                images = np.vstack([images, S.image(Y[new])])
                for q in pending:
                    q.extend(range(first, len(X)))
            if verbose:
                print("loop %d: %d image points" % (runs, len(images)), flush=True)
        if any(pending):
            continue
        residual = _trace_residual(S, B, X, b0, radius * crandn(d))
        if residual < tolerance:
            return WitnessSet(net, Integer(d), images, len(loops), residual, seed)
        loops.append(new_loop())
        pending.append(list(range(len(X))))
    raise ArithmeticError("monodromy did not certify a witness set in %d loop runs (%d points, "
                          "trace residual %.1e); rerun with another seed" % (max_loops, len(images), residual))


def _trace_residual(S, B, X, b0, v):
    # relative second difference of sum_i x_i(s) at s = -1, 0, 1 along b0 + s v
    traces, mass = [], 0
    for b in (b0 - v, b0 + v):
        Y, ok = _track(S, B, X, b0, b)
        if not ok.all():
            return np.inf
        x = S.image(Y)
        traces.append(x.sum(axis=0))
        mass += np.abs(x).sum()
    x0 = S.image(X)
    mass += 2 * np.abs(x0).sum()
    return float(np.linalg.norm(traces[0] + traces[1] - 2 * x0.sum(axis=0)) / mass)
