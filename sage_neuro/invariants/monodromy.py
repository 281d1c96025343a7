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
only the rescalings fixed. Every point found goes once around each of a
few fixed loops; when this orbit closes, the set is checked by the
*trace test* (if it fails, one more loop joins):
along the parallel family ``A x = b0 + s v`` the sum of the image points
is an affine-linear function of ``s`` exactly when no point is missing;
the relative second difference at ``s = -1, 0, 1`` is recorded. A cheap
local form of the same test comes first: the sum of the second
derivatives ``x_i''(0)``, from implicit differentiation at ``b0`` without
tracking, must vanish; a closed orbit that fails it gets a new loop
without the two tracked paths per point of the trace test, which still
certifies every returned set.

Large runs: one parameter point is kept per image point (so the finite
symmetries cost nothing), duplicates are found through a sorted random
projection of the image points, and batches of thousands of paths are
split over forked worker processes (``processes``). A witness set can be
carried to a second random section by a parameter homotopy and certified
there by its own trace test (:func:`move_witness_set`): the confirmation of
a degree too large for the modular route.

Runs of hours (MLP [4,4,4] with ``x^2``: tens of thousands of image points)
are resumable: a round with more than
:data:`~sage_neuro.constants.MONODROMY_CHUNK_LOOPS` pending loops runs in
chunks, and with ``checkpoint=`` the orbit (parameter points, loops,
pending loops, random stream) is written after each chunk, the endpoints
of a trace test or of :func:`move_witness_set` as their chunks finish; a
killed run continues from the files (:func:`load_orbit` reads the lower
bound reached). Batches are tracked in pieces of
:data:`~sage_neuro.constants.MONODROMY_BATCH_PATHS` paths, which bounds
the memory of the Jacobians. When a chunk of a round finds few new points
(the orbit saturates), the curvature pre-test runs before the rest of the
round, and a set that passes it goes to the trace test at once: the loops
of the points found last are not tracked.

The finite symmetries of the network (permutations of hidden neurons and
sign flips) need no quotient of their own: the orbit is an orbit of image
points, each tracked from one parameter point, so a quotient by the
symmetry group would track exactly the same paths.

Speed (timed by ``bench/bench_monodromy.py``): the sliced system and its Jacobian are
evaluated from the nonzero exponents only (monomials as products of a
few coordinates, Jacobian columns as small per-variable blocks), the
tracker reuses the velocity of its last Newton step as the next RK4 stage
and sizes steps from the predictor error, and the curvature pre-test
replaces most failing trace tests. A slice of a deep network has many terms
and a short forward pass: past
:data:`~sage_neuro.constants.MONODROMY_EVALUATION_TERMS` terms the
network itself is evaluated at sample inputs, with forward
differentiation, where that is faster (:func:`sliced_map`; MLP
``[2,2,2,2,2,1]`` with ``x^2``: 43062 terms, a hundred times faster).
Deep networks also have points where the sliced Jacobian is nearly
singular (condition numbers of ``1e4`` to ``1e16`` at random points of
that MLP): the orbit starts from a point where it is well conditioned
(:func:`well_conditioned_start`).

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

import time
from contextlib import contextmanager

import numpy as np

from sage.rings.integer import Integer

from sage_neuro.invariants.dimension import jacobian_rank
from sage_neuro.invariants.evaluation import ComplexDual
from sage_neuro.invariants.slice import CoordinateSlice, Monomials, complex_normal

#: trace-test residual (in units of the mean size of one image point, see
#: :func:`trace_second_difference`) below which a witness set is accepted.
#: A set missing one point shows that point's second difference, of the
#: order of the point itself on the pencils used here; complete sets show
#: 1e-15 to 1e-13 in the tests and 3e-11 on the 48072 points of MLP
#: [4, 4, 4], where a set of 48070 points showed 0.04. The unit is one
#: point, not the whole set, so that the bound stays sound for sets of tens
#: of thousands of points
TRACE_TOLERANCE = 1e-4

# largest condition number of the evaluation matrix of the monomial basis
# at the sample inputs of an _EvaluatedMap (the errors of the values grow
# by it into the coefficients)
_EVALUATION_CONDITION = 100.0

# largest term table (coordinates x terms, complex) of a sliced map; two
# layers of attention with a = 2 would need 6 GB (880 x 425728)
_TERM_TABLE_BYTES = 2 ** 31

# step control of the path tracker: largest step, largest growth after an
# accepted step, Newton steps of the corrector, accepted size of the first
# and last corrections relative to the point, the first correction aimed at
# (the next step is scaled by (target / first)^(1/5), the order of RK4),
# shrinking after a rejected step, largest last Newton correction at the
# end of a path. Measured on MLP [3,2,3] against the former last=1e-9
# with doubling: 24% fewer evaluations, 60% fewer rejected steps; two
# Newton steps instead of three, other targets (1e-3, 1e-2), hmax=0.5 or
# grow=3 gave no gain.
_STEP = dict(hmax=0.25, grow=2.0, newton=3, first=5e-2, last=1e-6, target=3e-3, shrink=0.5,
             final=1e-9)

# an endpoint of a path on the sections B mu = b also counts where the
# residual |B mu - b| is below this times |b|: at points of deep networks
# where the sliced Jacobian has condition numbers of 1e10 to 1e14 (MLP
# [2,2,2,2,2,1] x^2) Newton's corrections stay above the final tolerance
# in the parameters while the residual is 1e-9 of |b|
_SECTION_RESIDUAL = 1e-8


@contextmanager
def _one_blas_thread():
    # The tracker multiplies many tiny matrices: BLAS threads only add
    # synchronisation (measured: MLP [3,3,3] 1 s with one thread, 12-18 s
    # with two on a loaded 2-core machine). numpy's bundled OpenBLAS is
    # told so through its C API when it can be found; otherwise no change.
    lib = None
    try:
        import ctypes
        import glob
        import os
        for path in glob.glob(os.path.join(os.path.dirname(np.__file__) + ".libs", "libscipy_openblas*")):
            lib = ctypes.CDLL(path)
            get, put = lib.scipy_openblas_get_num_threads64_, lib.scipy_openblas_set_num_threads64_
            break
    except (OSError, AttributeError):
        lib = None
    if lib is None:
        yield
        return
    old = get()
    put(1)
    try:
        yield
    finally:
        put(old)


# distance of the loop nodes from b0 in units of |b0| (times about
# sqrt(d)): a loop encircling few branch points permutes few points (a
# product of few transpositions), so small loops need many more loops;
# measured CPU time of MLP [3,2,3] (81 points): 2.5 s at 1, 1.7 s at 3,
# 2.1 s at 10
_LOOP_SIZE = 3.0

# a chunk of loops of which fewer than one in _SATURATED found a new point
# sends the set to the curvature pre-test before the rest of its round:
# the share of loops finding new points estimates the share of the points
# still missing (MLP [4,4,4] x^2: 89%, 86%, 79% of 4000 loops at 6,000,
# 10,000, 13,000 points), and a pre-test of 75,000 points costs about a
# third of a chunk of 4,000 loops
_SATURATED = 50


def _taylor(S, X, U):
    # first and second Taylor coefficients of t -> mu(X + t U) of the sliced
    # map S, row by row: mu(X + t U) is a polynomial in t of degree at most
    # S.degree, read off exactly from its values at K > degree roots of
    # unity, scaled to |X| so that no term dominates (discrete Fourier
    # transform; no finite-difference error)
    P, d = X.shape
    K = S.degree + 1
    w = np.exp(2j * np.pi * np.arange(K) / K)
    r = (np.linalg.norm(X, axis=1) / np.linalg.norm(U, axis=1))[:, None]
    vals = S.image((X[:, None, :] + (r[:, :, None] * w[None, :, None]) * U[:, None, :])
                   .reshape(P * K, d)).reshape(P, K, -1)
    return [(vals * w[None, :, None] ** (-j)).sum(axis=1) / (K * r ** j) for j in (1, 2)]


class _Degree:
    # an upper bound for the degree of a quantity of the network in the
    # free parameters, through net._outputs_at: sums take the larger
    # degree, products add them
    __slots__ = ("e",)

    def __init__(self, e):
        self.e = e

    @staticmethod
    def _lift(c):
        return c if isinstance(c, _Degree) else _Degree(0)

    def __add__(self, o):
        return _Degree(max(self.e, self._lift(o).e))

    __radd__ = __add__

    def __neg__(self):
        return self

    def __sub__(self, o):
        return self + o

    __rsub__ = __sub__

    def __mul__(self, o):
        return _Degree(self.e + self._lift(o).e)

    __rmul__ = __mul__

    def __pow__(self, n):
        return _Degree(self.e * int(n))


class _EvaluatedMap:
    # mu restricted to the free parameters, evaluated by the network itself
    # at K sample inputs on the unit torus (net._outputs_at, forward
    # differentiation with ComplexDual), its coefficients read off by the
    # pseudo-inverse of the evaluation matrix of the monomial basis: the
    # same map as _SlicedMap without expanding mu into terms. For deep
    # networks the terms are many where the forward pass is short: MLP
    # [2,2,2,2,2,1] x^2 has 43062 terms in its 9 free parameters, a forward
    # pass at 34 inputs a few dozen array operations. K is twice the size
    # of the basis (random characters of the torus: the evaluation matrix
    # is close to a multiple of an isometry), doubled while its condition
    # number exceeds _EVALUATION_CONDITION.

    def __init__(self, coordinate_slice):
        net = coordinate_slice.net
        self.net, self._kept = net, list(coordinate_slice.kept)
        self._fixed = list(zip(coordinate_slice.fixed, coordinate_slice.fixed_values))
        self._N = int(net.num_parameters())
        basis = net.monomial_basis()
        A = np.array([[int(e) for e in m.exponents()[0]] for m in basis], dtype=np.int64)
        self.n, self.d = int(net.ambient_dimension()), len(self._kept)
        self._m, self._nb = self.n // len(basis), len(basis)
        rng = np.random.default_rng(0)
        K = 2 * len(basis)
        while True:
            z = np.exp(2j * np.pi * rng.random((K, A.shape[1])))
            V = np.prod(z[:, None, :] ** A[None, :, :], axis=2)
            if np.linalg.cond(V) <= _EVALUATION_CONDITION or K > 64 * len(basis):
                break
            K *= 2
        self._pinv = np.linalg.pinv(V)
        self.representation, self.inputs = "network", K
        self._samples = [ComplexDual(z[:, j][None, :]) for j in range(A.shape[1])]
        theta = [_Degree(0)] * self._N
        for j in self._kept:
            theta[j] = _Degree(1)
        self.degree = max(o.e for o in net._outputs_at(theta, [_Degree(0)] * A.shape[1]))

    def _values(self, X, gradients):
        # the outputs at the K inputs, (P, m, K), and their gradients in the
        # free parameters, (P, m, K, d)
        P, d = X.shape
        theta = [None] * self._N
        for j, c in self._fixed:
            theta[j] = ComplexDual(complex(c))
        eye = np.eye(d, dtype=complex)
        for i, j in enumerate(self._kept):
            theta[j] = ComplexDual(X[:, i][:, None], eye[i][None, None, :] if gradients else None)
        outs = [ComplexDual._lift(o) for o in self.net._outputs_at(theta, self._samples)]
        vals = np.stack([np.broadcast_to(o.v, (P, self.inputs)) for o in outs], axis=1)
        if not gradients:
            return vals, None
        grads = np.stack([np.zeros((P, self.inputs, d), dtype=complex) if o.g is None
                          else np.broadcast_to(o.g, (P, self.inputs, d)) for o in outs], axis=1)
        return vals, grads

    def image(self, X):
        vals, _ = self._values(X, False)
        return (vals @ self._pinv.T).reshape(len(X), self.n)

    def taylor(self, X, U):
        return _taylor(self, X, U)

    def _fold(self, B):
        # the section read on the values: B mu = B3 . values
        if getattr(self, "_B", None) is not B:
            B3 = B.reshape(len(B), self._m, self._nb) @ self._pinv
            self._B, self._B3 = B, np.ascontiguousarray(B3.reshape(len(B), -1))
        return self._B3

    def system(self, B, X):
        B3 = self._fold(B)
        vals, grads = self._values(X, True)
        P = len(X)
        F = vals.reshape(P, -1) @ B3.T
        J = np.matmul(B3[None], grads.reshape(P, -1, self.d))
        return F, J


def sliced_map(coordinate_slice, representation=None):
    r"""
    Return the sliced map of a monodromy: ``mu`` restricted to the free
    parameters of ``coordinate_slice``, in complex floating point, with its
    Jacobian on a linear section (``system(B, X)``) and its values
    (``image(X)``, in the coordinates of the function space).

    A slice with fewer than
    :data:`~sage_neuro.constants.MONODROMY_EVALUATION_TERMS` terms is
    evaluated from its terms (the fixed parameters folded into their
    coefficients); a larger one of an architecture that evaluates itself
    (``_outputs_at``) also by the network at sample inputs, with forward
    differentiation (deep networks have many terms and short forward
    passes), and the faster of the two on a batch of points is kept (the
    network alone where the term table would take more than 2 GB).

    INPUT:

    - ``coordinate_slice`` -- a complex :class:`~sage_neuro.invariants.slice.CoordinateSlice`
    - ``representation`` -- ``None`` (the choice above), ``'terms'`` or
      ``'network'`` (the term table, or the network at sample inputs)

    OUTPUT: an object with attributes ``n`` (coordinates), ``d`` (free
    parameters), ``degree`` (a bound for the degree of ``mu`` in them),
    ``representation`` (``'terms'`` or ``'network'``; the latter with the
    number of sample ``inputs``) and methods ``image``, ``system`` and
    ``taylor``

    EXAMPLES:

    MLP ``[2, 2, 2, 2, 1]`` with ``x^2`` has 694 terms on its slice; the
    network evaluated at its sample inputs gives the same map::

        sage: import numpy as np
        sage: from sage_neuro import PolynomialMLP
        sage: from sage_neuro.invariants.monodromy import pivot_slice, sliced_map
        sage: sliced, crandn = pivot_slice(PolynomialMLP([2, 2, 2, 2, 1], activation=2), 1)
        sage: S, T = sliced_map(sliced), sliced_map(sliced, 'network')
        sage: S.representation, T.representation, T.inputs, S.degree, T.degree
        ('terms', 'network', 18, 14, 14)
        sage: B = crandn(S.d, S.n); X = crandn(3, S.d)
        sage: (F, J), (G, K) = S.system(B, X), T.system(B, X)
        sage: bool(np.allclose(S.image(X), T.image(X)) and np.allclose(F, G) and np.allclose(J, K))
        True

    With one more layer the slice has 43062 terms, and the network is
    kept::

        sage: sliced, _ = pivot_slice(PolynomialMLP([2, 2, 2, 2, 2, 1], activation=2), 1)
        sage: sliced_map(sliced).representation
        'network'
        sage: sliced_map(sliced, 'expanded')
        Traceback (most recent call last):
        ...
        ValueError: representation must be None, 'terms' or 'network', not 'expanded'
    """
    from sage_neuro.constants import MONODROMY_EVALUATION_TERMS
    if representation not in (None, "terms", "network"):
        raise ValueError("representation must be None, 'terms' or 'network', not %r"
                         % (representation,))
    if representation == "network":
        return _EvaluatedMap(coordinate_slice)
    terms = coordinate_slice.complex_terms()
    T = len(terms[0])
    if T < MONODROMY_EVALUATION_TERMS or representation == "terms":
        return _SlicedMap(coordinate_slice, terms)
    try:
        E = _EvaluatedMap(coordinate_slice)
    except NotImplementedError:
        return _SlicedMap(coordinate_slice, terms)
    if E.n * T * 16 > _TERM_TABLE_BYTES:
        return E
    # both fit: the faster one on a batch of points (two layers of
    # attention, 31424 terms at 440 inputs: about the same; MLP
    # [2,2,2,2,2,1] x^2, 43062 terms at 34 inputs: the network 100 times
    # faster)
    S = _SlicedMap(coordinate_slice, terms)
    crandn = complex_normal(0)
    B, X = crandn(E.d, E.n), crandn(60, E.d)
    seconds = []
    for M in (S, E):
        M.system(B, X)
        start = time.perf_counter()
        M.system(B, X)
        seconds.append(time.perf_counter() - start)
    return S if seconds[0] <= seconds[1] else E


class _SlicedMap:
    # mu restricted to the free parameters, in complex floating point, from
    # the term table of mu with the fixed parameters folded into the term
    # coefficients once. The tracker calls system() thousands of times on
    # small batches, so it is written for few numpy calls and few flops:
    # the monomials come from sage_neuro.invariants.slice.Monomials, and
    # the Jacobian uses only the nonzero exponents.

    def __init__(self, coordinate_slice, terms=None):
        # the terms with the fixed values folded in, from the one
        # representation of the slice (sage_neuro.invariants.slice)
        rows, E, coef = coordinate_slice.complex_terms() if terms is None else terms
        self.representation = "terms"
        n, free = int(coordinate_slice.net.ambient_dimension()), coordinate_slice.kept
        T = len(rows)
        # coordinates as a dense (n x T) matrix: mu = C @ monomials
        self.C = np.zeros((n, T), dtype=complex)
        np.add.at(self.C, (rows, np.arange(T)), coef)
        self.n, self.d = n, len(free)
        d = self.d
        self._monomials = Monomials(E)
        self.degree = self._monomials.degree
        terms, cols = np.nonzero(E)
        # Jacobian: column j collects the terms containing x_j, padded to a
        # common length L with a dummy entry that meets a zero coefficient
        order = np.argsort(cols, kind="stable")
        terms, cols = terms[order], cols[order]
        counts = np.bincount(cols, minlength=d)
        L = max(int(counts.max()) if len(counts) else 0, 1)
        self._jt = np.zeros((d, L), dtype=np.int64)
        self._jj = np.zeros((d, L), dtype=np.int64)
        self._jk = np.full((d, L), -1, dtype=np.int64)
        first = np.concatenate([[0], np.cumsum(counts)[:-1]])
        for j in range(d):
            k = np.arange(first[j], first[j] + counts[j])
            self._jt[j, :counts[j]], self._jj[j, :counts[j]] = terms[k], j
            self._jk[j, :counts[j]] = k
        self._kt, self._je = terms, E[terms, cols].astype(float)
        # the padded per-column products cost d L d per point against d T d
        # for the dense product with the exponent matrix; measured (P = 60
        # points): MLP [3,3,3] (L = 9, T = 54) 0.35 ms against 0.64 ms,
        # MLP [2,3,2,2] (L = 64, T = 168) 0.57 ms against 0.43 ms
        self._sparse = 3 * L <= T
        self._Ec = np.ascontiguousarray(E, dtype=complex)

    def monomials(self, X):
        return self._monomials(X)

    def image(self, X):
        return self.monomials(X) @ self.C.T

    def taylor(self, X, U):
        return _taylor(self, X, U)

    def _fold(self, B):
        # the slice is fixed for a whole run: fold it into the terms once
        if getattr(self, "_B", None) is not B:
            BC = B @ self.C
            coeffs = np.vstack([(BC[:, self._kt] * self._je).T, np.zeros((1, self.d), dtype=complex)])
            # (d, L, d): row l of block j is the coefficient vector of the l-th term of x_j
            self._B, self._BCT = B, np.ascontiguousarray(BC.T)
            self._blocks = coeffs[self._jk]
            if not self._sparse:
                # dF_i/dx_j = sum_t BC[i, t] E[t, j] m_t / x_j: one product
                # of the monomials with a (terms x d^2) matrix, instead of a
                # (points x d x terms) temporary (MLP [2,2,2,2,2,1] x^2,
                # 43062 terms: 620 MB for 100 points)
                T, d = self._Ec.shape
                self._W = np.ascontiguousarray(
                    (self._BCT[:, :, None] * self._Ec[:, None, :]).reshape(T, -1))
        return self._BCT

    def system(self, B, X):
        # F(X) = B mu(X) and its Jacobian, for a batch X of points
        BCT = self._fold(B)
        m = self.monomials(X)
        F = m @ BCT
        P, d = X.shape
        # d/dx_j of a monomial is e_j * monomial / x_j (x_j != 0 generically)
        if self._sparse:
            D = m[:, self._jt] / X[:, self._jj]
            J = np.matmul(D.transpose(1, 0, 2), self._blocks).transpose(1, 2, 0)
        else:
            J = (m @ self._W).reshape(P, d, d) / X[:, None, :]
        return F, J


def _track(S, B, X, b0, b1, max_steps=4000, step=None):
    # Continuation of the solutions X of B mu(X) = b0 to B mu(X) = b1 along
    # the straight complex segment (b0, b1: one row per path).
    def hom(Y, b, db):
        F, J = S.system(B, Y)
        return F - b, J, db
    return _continue(hom, X, b0, b1, max_steps, dict(step or {}, residual=_SECTION_RESIDUAL))


# the path tracker of the running computation (a function of start points,
# start and end parameters), inherited by the worker processes of PathPool
# through fork: nothing is pickled but points
_SHARED = {}


def _track_shared(args):
    return _SHARED["track"](*args)


def _in_pieces(tracker, deadline=lambda: None):
    # the tracker on consecutive pieces of at most MONODROMY_BATCH_PATHS
    # paths (the paths are independent: the same endpoints); past the
    # monotonic time deadline() no further piece starts
    def track(X, p0, p1):
        from sage_neuro.constants import MONODROMY_BATCH_PATHS
        P = X.shape[0]
        if P <= MONODROMY_BATCH_PATHS:
            return tracker(X, p0, p1)
        p0 = np.broadcast_to(p0, (P, np.shape(p0)[-1]))
        p1 = np.broadcast_to(p1, p0.shape)
        parts = []
        for k in range(0, P, MONODROMY_BATCH_PATHS):
            _check_deadline(deadline())
            parts.append(tracker(X[k:k + MONODROMY_BATCH_PATHS], p0[k:k + MONODROMY_BATCH_PATHS],
                                 p1[k:k + MONODROMY_BATCH_PATHS]))
        return np.vstack([Y for Y, _ in parts]), np.concatenate([ok for _, ok in parts])
    return track


def _check_deadline(deadline):
    if deadline is not None and time.monotonic() > deadline:
        raise TimeoutError("path tracking passed its deadline")


class PathPool:
    r"""
    Worker processes that track large batches of independent paths.

    The paths are independent, and a batch of thousands of paths costs
    seconds, so the transfer of start and end points (a few MB) is
    negligible. Batches below
    :data:`~sage_neuro.constants.MONODROMY_PARALLEL_PATHS`, or a single
    process, track in-process, unless the paths tracked in-process so far
    (their mean time per path) predict at least
    :data:`~sage_neuro.constants.MONODROMY_PARALLEL_SECONDS` for the batch:
    expensive paths are worth the workers in small batches. The workers are
    forked when the first such batch comes and inherit the tracker (nothing
    is pickled but points).
    A deadline (:meth:`set_deadline`) stops a batch of the workers at once
    and an in-process batch between its pieces, with a ``TimeoutError``.

    INPUT:

    - ``processes`` -- the number of worker processes

    EXAMPLES::

        sage: import numpy as np
        sage: from sage_neuro.invariants.monodromy import PathPool, continue_paths
        sage: def hom(Y, p, dp):      # Y^2 = p
        ....:     return Y ** 2 - p, (2 * Y)[:, :, None], dp
        sage: pool = PathPool(2)
        sage: pool.use(lambda X, p0, p1: continue_paths(hom, X, p0, p1))
        sage: Y, ok = pool.track(np.ones((3000, 1), dtype=complex), np.ones((1,)), np.full((1,), 4.0))
        sage: bool(ok.all() and np.allclose(Y, 2))
        True
        sage: pool.close()

    Past its deadline a batch of the workers stops at once::

        sage: import time
        sage: pool = PathPool(2)
        sage: pool.use(lambda X, p0, p1: (time.sleep(60), (X, None))[1])
        sage: pool.set_deadline(time.monotonic() + 1)
        sage: start = time.monotonic()
        sage: pool.track(np.ones((3000, 1), dtype=complex), np.ones((1,)), np.ones((1,)))
        Traceback (most recent call last):
        ...
        TimeoutError: path tracking passed its deadline
        sage: time.monotonic() - start < 30
        True
        sage: pool.close()
    """

    def __init__(self, processes):
        self.processes, self.pool, self.tracker = processes, None, None
        self._local, self.deadline = None, None
        # seconds and paths tracked in-process with the current tracker
        self._spent = [0.0, 0]

    def set_deadline(self, deadline):
        r"""
        Stop tracking with a ``TimeoutError`` past ``deadline``, a
        ``time.monotonic()`` reading (``None``: no deadline, the default).

        EXAMPLES::

            sage: import time
            sage: import numpy as np
            sage: from sage_neuro.invariants.monodromy import PathPool
            sage: pool = PathPool(1)
            sage: pool.use(lambda X, p0, p1: (X, np.ones(len(X), dtype=bool)))
            sage: pool.set_deadline(time.monotonic() - 1)
            sage: pool.track(np.ones((3000, 1)), np.zeros(1), np.ones(1))
            Traceback (most recent call last):
            ...
            TimeoutError: path tracking passed its deadline
            sage: pool.set_deadline(None)
            sage: pool.track(np.ones((3000, 1)), np.zeros(1), np.ones(1))[0].shape
            (3000, 1)
        """
        self.deadline = deadline

    def use(self, tracker):
        r"""
        Track with ``tracker(X, p0, p1) -> (endpoints, success mask)`` from
        now on, in pieces of at most
        :data:`~sage_neuro.constants.MONODROMY_BATCH_PATHS` paths (which
        bound the memory of a batch).

        EXAMPLES::

            sage: from sage_neuro.invariants.monodromy import PathPool
            sage: PathPool(1).use(lambda X, p0, p1: (X, None))
        """
        self.close()
        self.tracker = tracker
        self._local = _in_pieces(tracker, lambda: self.deadline)
        self._spent = [0.0, 0]

    def predicted_seconds(self, paths):
        r"""
        Return the time that ``paths`` paths would take in-process, by the
        mean time per path of the paths tracked in-process so far with the
        current tracker (``None`` before any).

        EXAMPLES::

            sage: import time
            sage: import numpy as np
            sage: from sage_neuro.invariants.monodromy import PathPool
            sage: pool = PathPool(2)
            sage: pool.use(lambda X, p0, p1: (time.sleep(float(0.05) * len(X)),
            ....:                                 (X, np.ones(len(X), dtype=bool)))[1])
            sage: pool.predicted_seconds(50) is None
            True
            sage: _ = pool.track(np.ones((5, 1)), np.zeros(1), np.ones(1))
            sage: 2 < pool.predicted_seconds(50) < 5
            True

        Then a batch of 50 such paths goes to the two workers::

            sage: Y, ok = pool.track(np.ones((50, 1)), np.zeros(1), np.ones(1))
            sage: pool.pool is not None, Y.shape, bool(ok.all())
            (True, (50, 1), True)
            sage: pool.close()
        """
        seconds, tracked = self._spent
        return seconds / tracked * paths if tracked else None

    def track(self, X, p0, p1):
        r"""
        Return ``(endpoints, success)`` of the paths from the rows of ``X``
        at ``p0`` to ``p1`` (a vector or one row per path).

        EXAMPLES::

            sage: import numpy as np
            sage: from sage_neuro.invariants.monodromy import PathPool
            sage: pool = PathPool(1); pool.use(lambda X, p0, p1: (2 * X, np.ones(len(X), dtype=bool)))
            sage: pool.track(np.ones((2, 1)), np.zeros(1), np.ones(1))[0].tolist()
            [[2.0], [2.0]]
        """
        import multiprocessing
        from sage_neuro.constants import MONODROMY_PARALLEL_PATHS, MONODROMY_PARALLEL_SECONDS
        P = X.shape[0]
        _check_deadline(self.deadline)
        predicted = self.predicted_seconds(P)
        if self.processes < 2 or P < self.processes or (
                P < MONODROMY_PARALLEL_PATHS
                and (predicted is None or predicted < MONODROMY_PARALLEL_SECONDS)):
            start = time.monotonic()
            out = self._local(X, p0, p1)
            self._spent[0] += time.monotonic() - start
            self._spent[1] += P
            return out
        if self.pool is None:
            # the workers track whole batches: the deadline is watched here
            _SHARED["track"] = _in_pieces(self.tracker)
            self.pool = multiprocessing.get_context("fork").Pool(self.processes)
        p0 = np.broadcast_to(p0, (P, np.shape(p0)[-1]))
        p1 = np.broadcast_to(p1, p0.shape)
        cuts = np.array_split(np.arange(P), self.processes)
        batch = self.pool.map_async(_track_shared, [(X[c], p0[c], p1[c]) for c in cuts])
        wait = None if self.deadline is None else max(0.0, self.deadline - time.monotonic())
        try:
            parts = batch.get(wait)
        except multiprocessing.TimeoutError:
            # the workers are busy with the batch: stop them (the next
            # large batch forks new ones)
            self.close()
            raise TimeoutError("path tracking passed its deadline") from None
        return np.vstack([Y for Y, _ in parts]), np.concatenate([ok for _, ok in parts])

    def close(self):
        r"""
        Stop the worker processes (a later large batch forks new ones).

        EXAMPLES::

            sage: from sage_neuro.invariants.monodromy import PathPool
            sage: PathPool(2).close()
        """
        if self.pool is not None:
            self.pool.terminate()
            self.pool.join()
            self.pool = None
        _SHARED.pop("track", None)


try:
    # the gufuncs behind np.linalg.solve: its Python wrapper (type checks,
    # error state) cost 8% of MLP [3,2,3]; a singular matrix gives nan
    # rows (rejected steps) instead of a LinAlgError for the whole batch
    from numpy.linalg import _umath_linalg as _gufuncs
    _gufuncs.solve1(np.eye(2, dtype=complex), np.ones(2, dtype=complex))
except (ImportError, AttributeError, TypeError):
    _gufuncs = None


def _solve(J, R, columns=False):
    # J^-1 R for stacked matrices J and vectors R (columns=False) or
    # matrices R (columns=True)
    if _gufuncs is not None:
        return (_gufuncs.solve if columns else _gufuncs.solve1)(J, R)
    return np.linalg.solve(J, R) if columns else np.linalg.solve(J, R[..., None])[..., 0]


def _continue(hom, X, b0, b1, max_steps=4000, step=None):
    # Generic path tracker for H(X, p) = 0 along p = (1 - s) b0 + s b1 (one
    # row per path): hom(Y, p, dp) returns H, dH/dX and -dH/dp . dp; RK4
    # predictor, Newton corrector, per-path adaptive step. Returns
    # (endpoints, success mask).
    #
    # The last Newton iteration of a step also solves for the velocity at
    # the corrected point: it is the first RK4 stage of the next step (one
    # evaluation of the Jacobian in seven saved). A step is accepted when
    # the predictor error (first correction) is small, which keeps the path
    # on its branch, and the last correction shows Newton converging; the
    # endpoints get two more Newton iterations at p = b1.
    # (step: changes to the step control, for paths tracked again more carefully)
    STEP = _STEP if step is None else dict(_STEP, **step)
    X = X.copy()
    P = X.shape[0]
    b0 = np.broadcast_to(b0, (P, np.shape(b0)[-1]))
    b1 = np.broadcast_to(b1, b0.shape)
    s = np.zeros(P)
    h = np.full(P, min(0.1, STEP["hmax"]))
    alive = np.ones(P, dtype=bool)
    db = np.broadcast_to(b1 - b0, b0.shape)

    def velocity(Y, p, dba):
        _, J, R = hom(Y, p, dba)
        return _solve(J, R)

    with np.errstate(all="ignore"):
        try:
            V = velocity(X, b0, db)
        except np.linalg.LinAlgError:
            V = np.full_like(X, np.nan)
    for _ in range(max_steps):
        act = np.nonzero(alive & (s < 1))[0]
        if len(act) == 0:
            break
        Y, hs = X[act], np.minimum(h[act], 1 - s[act])[:, None]
        with np.errstate(all="ignore"):
            try:
                dba = db[act]
                p0 = b0[act] + s[act][:, None] * dba
                k1 = V[act]
                k2 = velocity(Y + hs / 2 * k1, p0 + hs / 2 * dba, dba)
                k3 = velocity(Y + hs / 2 * k2, p0 + hs / 2 * dba, dba)
                target = p0 + hs * dba
                k4 = velocity(Y + hs * k3, target, dba)
                Z = Y + hs / 6 * (k1 + 2 * k2 + 2 * k3 + k4)
                for i in range(STEP["newton"]):
                    if i < STEP["newton"] - 1:
                        H, J, _ = hom(Z, target, None)
                        delta = _solve(J, H)
                    else:
                        H, J, R = hom(Z, target, dba)
                        both = _solve(J, np.stack([H, R], axis=-1), columns=True)
                        delta, vel = both[..., 0], both[..., 1]
                    Z = Z - delta
                    if i == 0:
                        first = np.linalg.norm(delta, axis=1)
                last = np.linalg.norm(delta, axis=1)
            except np.linalg.LinAlgError:
                Z = vel = np.full_like(Y, np.nan)
                first = last = np.full(len(act), np.inf)
        scale = 1 + np.linalg.norm(Y, axis=1)
        ok = (np.isfinite(last) & (last < STEP["last"] * scale) & (first < STEP["first"] * scale)
              & np.isfinite(vel).all(axis=1))
        acc, rej = act[ok], act[~ok]
        X[acc], V[acc] = Z[ok], vel[ok]
        s[acc] = s[acc] + hs[ok, 0]
        # next step from the predictor error, which is O(h^5) for RK4
        rel = np.maximum(first[ok] / scale[ok], 1e-300)
        grow = np.clip(0.9 * (STEP["target"] / rel) ** 0.2, 0.5, STEP["grow"])
        h[acc] = np.minimum(grow * hs[ok, 0], STEP["hmax"])
        h[rej] = h[rej] * STEP["shrink"]
        alive[rej[h[rej] < 1e-9]] = False
    alive &= s >= 1
    done = np.nonzero(alive)[0]
    if len(done):
        # an endpoint counts only if Newton has converged there (the last
        # correction below _STEP["final"] relative), so that no point that
        # is not a solution can join a witness set
        with np.errstate(all="ignore"):
            try:
                for _ in range(2):
                    H, J, _ = hom(X[done], b1[done], None)
                    delta = _solve(J, H)
                    X[done] = X[done] - delta
                size = np.linalg.norm(delta, axis=1) / (1 + np.linalg.norm(X[done], axis=1))
                converged = size < STEP["final"]
                if STEP.get("residual") is not None:
                    # (H = F - p: a point where F is that close to p is
                    # that close to a solution in the image, even where
                    # the Jacobian is too ill-conditioned for Newton's
                    # corrections to shrink in the parameters)
                    H, _, _ = hom(X[done], b1[done], None)
                    converged |= (np.linalg.norm(H, axis=1)
                                  < STEP["residual"] * np.linalg.norm(b1[done], axis=1))
                alive[done] = np.isfinite(X[done]).all(axis=1) & converged
            except np.linalg.LinAlgError:
                alive[done] = False
    return X, alive


class CertifiedOrbit:
    r"""
    Points found as the orbit of a base point under monodromy loops and
    certified by the trace test: ``points`` (one row per point, in
    function space), ``count`` (their number, a Sage Integer), ``loops``
    (the number of fixed loops whose orbit was computed),
    ``trace_residual`` (the second difference of the traces in units
    of one point, :func:`trace_second_difference`) and ``seed``.

    EXAMPLES::

        sage: import numpy as np
        sage: from sage_neuro.invariants.monodromy import CertifiedOrbit
        sage: O = CertifiedOrbit(np.zeros((3, 2)), 2, 1e-9, 1); O.count, O.loops
        (3, 2)
    """

    def __init__(self, points, loops, residual, seed):
        self.points = points
        self.count = Integer(len(points))
        self.loops = loops
        self.trace_residual = residual
        self.seed = seed


class WitnessSet(CertifiedOrbit):
    r"""
    The image points of a neuromanifold on a random affine linear space of
    complementary dimension, found by monodromy and certified by the trace
    test (see the module documentation).

    Attributes: ``degree`` (Sage Integer), ``dimension``, ``points``
    (complex array, one row per image point), ``loops`` (number of fixed loops
    whose orbit was computed), ``trace_residual`` (second difference of the traces, in points),
    ``seed``.

    EXAMPLES::

        sage: from sage_neuro import PolynomialCNN
        sage: from sage_neuro.invariants.monodromy import monodromy_degree
        sage: W = monodromy_degree(PolynomialCNN([2, 2]), seed=3); W
        witness set of 4 points on PolynomialCNN([2, 2]) (dimension 3; ...)
        sage: W.points.shape
        (4, 5)
    """

    def __init__(self, net, dimension, points, loops, residual, seed, section=None):
        # a weak reference: the caches live in a registry keyed by the
        # network (sage_neuro.cache), so a witness set in its network's
        # cache that held the network strongly would keep both alive for
        # ever; a witness set moved from one whose network is gone has none
        import weakref
        self._net = (lambda: None) if net is None else weakref.ref(net)
        # (sliced map, section matrix, right-hand side, parameter points):
        # what move_witness_set needs to carry the points to another section
        self.section = section
        self.dimension = dimension
        CertifiedOrbit.__init__(self, points, loops, residual, seed)
        self.degree = self.count

    @property
    def net(self):
        r"""
        The architecture (``None`` once it no longer exists).

        EXAMPLES::

            sage: from sage_neuro import LinearNetwork
            sage: from sage_neuro.invariants.monodromy import monodromy_degree
            sage: net = LinearNetwork([3, 1, 3])
            sage: monodromy_degree(net, seed=1).net is net
            True
        """
        return self._net()

    def __repr__(self):
        return "witness set of %s points on %r (dimension %s; %s loops, trace residual %.1e)" % (
            self.degree, self.net, self.dimension, self.loops, self.trace_residual)


def _dedupe(images, new, tol):
    # indices of the rows of new that are far from images and from each other.
    # Points are sorted by a random real projection: two points at distance
    # below tol * (1 + |x|) have projections at most |r| times that apart,
    # so only the few points inside that window are compared (the pairwise
    # loop this replaces took 8 of 85 s at 813 points of MLP [4,4,4], and
    # grows quadratically)
    new = np.asarray(new)
    if not len(new):
        return []
    r = np.random.default_rng(len(new[0])).standard_normal(2 * len(new[0]))

    def key(Z):
        return np.concatenate([Z.real, Z.imag], axis=1) @ r
    width = np.linalg.norm(r) * tol * (1 + np.linalg.norm(new, axis=1))
    kn = key(new)
    near = np.zeros(len(new), dtype=bool)
    if images is not None and len(images):
        order = np.argsort(key(images))
        ks = key(images)[order]
        lo = np.searchsorted(ks, kn - width)
        hi = np.searchsorted(ks, kn + width, side="right")
        for i in np.nonzero(hi > lo)[0]:
            close = images[order[lo[i]:hi[i]]] - new[i]
            near[i] = np.min(np.linalg.norm(close, axis=1)) < width[i] / np.linalg.norm(r)
    # among the new points: the first of each cluster (in the given order) stays
    order = np.argsort(kn)
    ks = kn[order]
    lo = np.searchsorted(ks, kn - width)
    hi = np.searchsorted(ks, kn + width, side="right")
    keep = []
    for i in range(len(new)):
        if near[i]:
            continue
        keep.append(i)
        if hi[i] - lo[i] > 1:
            others = order[lo[i]:hi[i]]
            others = others[others > i]
            if len(others):
                dist = np.linalg.norm(new[others] - new[i], axis=1)
                near[others[dist < width[i] / np.linalg.norm(r)]] = True
    return keep


def monodromy_degree(net, seed=0, generators=2, max_loops=500, tolerance=TRACE_TOLERANCE,
                     verbose=False, timeout=None, processes=None, checkpoint=None):
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
    - ``tolerance`` -- largest trace-test residual accepted (in units of one point,
      :func:`~sage_neuro.invariants.monodromy.trace_second_difference`)
    - ``verbose`` -- print the count after each loop (progress of long runs)
    - ``timeout`` -- seconds; past it (checked between loop runs) a
      ``TimeoutError`` reports the points found so far
    - ``processes`` -- worker processes that track the paths of a large
      batch (at least :data:`~sage_neuro.constants.MONODROMY_PARALLEL_PATHS`
      paths) side by side; ``None`` (default): the number of CPUs, at most
      2; ``1``: all in this process. The result does not depend on it.
    - ``checkpoint`` -- ``None`` (default) or the path of a file: the
      state of the orbit (parameter points, loops, pending loops, random
      stream) is written there after every chunk of
      :data:`~sage_neuro.constants.MONODROMY_CHUNK_LOOPS` loops, and a run
      with the same network and seed continues from it (a file of another
      network or seed raises ``ValueError``). The file is a pickle: load
      only files you wrote.

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
        sage: monodromy_degree(PolynomialMLP([2, 2, 3]), processes=0)
        Traceback (most recent call last):
        ...
        ValueError: processes must be an integer >= 1, not 0

    A run continues from its checkpoint, with the same result::

        sage: import os
        sage: path = os.path.join(tmp_dir(), "orbit.pkl")
        sage: W = monodromy_degree(PolynomialMLP([2, 2, 3]), seed=1, checkpoint=path)
        sage: monodromy_degree(PolynomialMLP([2, 2, 3]), seed=1, checkpoint=path).degree == W.degree
        True
        sage: monodromy_degree(PolynomialMLP([2, 2, 3]), seed=2, checkpoint=path)
        Traceback (most recent call last):
        ...
        ValueError: checkpoint ... holds the orbit of PolynomialMLP([2, 2, 3], activation=2) at seed 1, not of PolynomialMLP([2, 2, 3], activation=2) at seed 2
    """
    from sage_neuro.validation import check_positive_int
    generators = int(check_positive_int(generators, "generators"))
    max_loops = int(check_positive_int(max_loops, "max_loops"))
    if processes is None:
        import os
        processes = min(2, os.cpu_count() or 1)
    processes = int(check_positive_int(processes, "processes"))
    paths = PathPool(processes)
    try:
        with _one_blas_thread():
            return _monodromy(net, seed, generators, max_loops, tolerance, verbose, timeout, paths,
                              checkpoint)
    finally:
        paths.close()


def _save_orbit(path, state):
    # written next to the target and renamed: a run killed while writing
    # leaves the previous checkpoint intact
    import os
    import pickle
    tmp = "%s.tmp%d" % (path, os.getpid())
    with open(tmp, "wb") as f:
        pickle.dump(state, f, protocol=pickle.HIGHEST_PROTOCOL)
    os.replace(tmp, path)


def _resumable(track, path, verbose=False):
    # track(X, p0, p1) in chunks of 3 * MONODROMY_CHUNK_LOOPS paths whose
    # endpoints are stored in the file `path` as they finish: a killed run
    # that tracks the same batch again (same points, same parameters: the
    # random stream of a run is restored from its checkpoint) reads the
    # finished chunks back. Without a path: track itself.
    if path is None:
        return track

    def tracked(X, p0, p1):
        import hashlib
        import os
        from sage_neuro.constants import MONODROMY_CHUNK_LOOPS
        P = X.shape[0]
        p0 = np.broadcast_to(p0, (P, np.shape(p0)[-1]))
        p1 = np.broadcast_to(p1, p0.shape)
        tag = hashlib.sha1(b"".join(np.ascontiguousarray(a).tobytes() for a in (X, p0, p1))).hexdigest()
        state = load_orbit(path) if os.path.exists(path) else None
        if state is None or state.get("tag") != tag:
            state = dict(tag=tag, Y=np.empty_like(X), ok=np.zeros(P, dtype=bool), done=0)
        step = 3 * MONODROMY_CHUNK_LOOPS
        while state["done"] < P:
            k = state["done"]
            state["Y"][k:k + step], state["ok"][k:k + step] = track(X[k:k + step], p0[k:k + step],
                                                                   p1[k:k + step])
            state["done"] = min(P, k + step)
            _save_orbit(path, state)
            if verbose:
                print("  %d of %d paths tracked" % (state["done"], P), flush=True)
        return state["Y"], state["ok"]
    return tracked


def load_orbit(path):
    r"""
    Return the state of a monodromy run stored by :func:`monodromy_degree`
    with ``checkpoint=path``: a dictionary with the network's ``repr``
    (``'net'``), the ``'seed'``, the parameter points ``'X'`` on the slice
    (one per image point found so far), the ``'loops'``, the ``'pending'``
    loops and the number of finished ``'runs'``. A lower bound for the
    degree while the run is unfinished is ``len(state['X'])``; the value
    is certified only when the run returns.

    INPUT:

    - ``path`` -- the checkpoint file (a pickle: load only files you wrote)

    EXAMPLES::

        sage: import os
        sage: from sage_neuro import PolynomialMLP
        sage: from sage_neuro.invariants.monodromy import monodromy_degree, load_orbit
        sage: path = os.path.join(tmp_dir(), "orbit.pkl")
        sage: W = monodromy_degree(PolynomialMLP([2, 2, 3]), seed=1, checkpoint=path)
        sage: state = load_orbit(path); state['net'], state['seed'], len(state['X']) == W.degree
        ('PolynomialMLP([2, 2, 3], activation=2)', 1, True)
        sage: load_orbit(os.path.join(tmp_dir(), "none.pkl"))
        Traceback (most recent call last):
        ...
        FileNotFoundError: ...
    """
    import pickle
    with open(path, "rb") as f:
        return pickle.load(f)


def _monodromy(net, seed, generators, max_loops, tolerance, verbose, timeout, paths,
               checkpoint=None):
    import os
    start = time.monotonic()         # the set-up counts against the time limit too
    cpu0 = time.process_time()
    # (the stream of the run, kept in its checkpoint)
    rng = np.random.default_rng(int(seed))
    sliced, crandn = pivot_slice(net, seed, rng)
    d = len(sliced.kept)
    S = sliced_map(sliced)
    B = crandn(d, S.n)
    # (a random start point, unless its Jacobian is too ill-conditioned)
    X = well_conditioned_start(lambda Z: S.system(B, Z)[1][0], d, crandn)
    b0 = (S.image(X) @ B.T)[0]
    images = S.image(X)
    radius = _LOOP_SIZE * np.linalg.norm(b0)

    def new_loop():
        return (b0 + radius * crandn(d), b0 + radius * crandn(d))

    lost = [0]

    def around(entries):
        # (the trace test that made a loop already tracked its points to c0)
        Y, ok = around_triangles(paths.track, X, b0, loops, entries)
        # a loop whose path is lost finds nothing: the progress says how many
        lost[0] += int(np.count_nonzero(~ok))
        return Y, ok

    # The orbit of theta0 under a few fixed loops, breadth first: every
    # point goes once around every loop, all pending (point, loop) pairs in
    # one batch. When the orbit closes, the trace test decides; if it
    # fails, another loop joins, whose first node is the end b0 + v of the
    # trace test's pencil: the trace test has already tracked every point
    # along its first edge (a third of the cost of the new loop; on MLP
    # [3,2,3] the loops added after a failed test were a fifth of the time).
    paths.use(lambda Z, u, w: _track(S, B, Z, u, w))
    loops = [new_loop() for _ in range(int(generators))]
    pending = [(0, l, None) for l in range(len(loops))]
    runs, residual, gate = 0, np.inf, PretestGate()
    early, tested_early = False, 0
    if checkpoint is not None and os.path.exists(checkpoint):
        state = load_orbit(checkpoint)
        if (state["net"], state["seed"]) != (repr(net), int(seed)):
            raise ValueError("checkpoint %s holds the orbit of %s at seed %s, not of %r at seed %s"
                             % (checkpoint, state["net"], state["seed"], net, seed))
        # the orbit starts at the start point of this seed (a version that
        # chose the start point otherwise made another section)
        if not np.allclose(state["X"][0], X[0], rtol=1e-12, atol=0):
            raise ValueError("checkpoint %s holds an orbit from another start point of seed %s "
                             "(kept by an older version); start again without it"
                             % (checkpoint, seed))
        X, loops, pending = state["X"], state["loops"], state["pending"]
        runs, gate.tested, gate.stalls = state["runs"], state["tested"], state["stalls"]
        early, tested_early = state.get("early", False), state.get("tested_early", 0)
        rng.bit_generator.state = state["rng"]
        images = S.image(X)
        if verbose:
            print("continuing from %s: %d image points, %d loops pending"
                  % (checkpoint, len(X), len(pending)), flush=True)

    def save():
        if checkpoint is not None:
            _save_orbit(checkpoint, dict(net=repr(net), seed=int(seed), X=X, loops=loops,
                                         pending=pending, runs=runs, tested=gate.tested,
                                         stalls=gate.stalls,
                                         early=early, tested_early=tested_early,
                                         rng=rng.bit_generator.state))
    from sage_neuro.constants import MONODROMY_CHUNK_LOOPS
    # the trace tests of a large set (two paths per point) resume too
    tested_paths = _resumable(paths.track, None if checkpoint is None else checkpoint + ".paths",
                              verbose)
    while runs < max_loops:
        if pending and not early:
            check_time(start, timeout, "monodromy_degree did not finish within %s s (%d image "
                       "points so far, not certified)" % (timeout, len(images)))
            # a long round runs in chunks: the points a chunk finds join the
            # orbit (and the checkpoint) at once; their loops queue behind
            # the rest of the round, so the orbit is the same
            chunk, pending = pending[:MONODROMY_CHUNK_LOOPS], pending[MONODROMY_CHUNK_LOOPS:]
            X, more, new = orbit_round(around, X, chunk, len(loops),
                                       lambda Y: _dedupe(images, S.image(Y), 1e-6))
            finished = not pending
            runs += finished
            pending = pending + more
            if len(new):
                images = np.vstack([images, S.image(new)])
            # a saturated orbit: almost every loop of the chunk led to a
            # known point. The curvature pre-test (a few evaluations per
            # point, no tracking) may show the set complete before the rest
            # of the round runs; on MLP [4,4,4] the loops of the points found
            # last would be a third of all tracked paths
            early = (bool(pending) and _SATURATED * len(new) < len(chunk)
                     and len(X) > tested_early)
            save()
            if verbose:
                # (the share of loops that found new points estimates the
                # share of the degree still missing)
                print("round %d%s: %d image points, %d loops pending (%d of %d loops found "
                      "new points, %d paths lost so far; %.0f s, %.0f CPU s)"
                      % (runs + (not finished), "" if finished else " (part)", len(images),
                         len(pending), len(new), len(chunk), lost[0], time.monotonic() - start,
                         time.process_time() - cpu0), flush=True)
            continue
        v = radius * crandn(d)
        if early:
            early, tested_early = False, len(X)
            curvature = _curvature_residual(S, B, X, v)
            if verbose:
                print("curvature pre-test on %d points (%d loops pending): %.1e"
                      % (len(X), len(pending), curvature), flush=True)
            if not curvature < tolerance:
                continue
            residual, ends, reached = _trace_residual(S, B, X, b0, v, tested_paths)
            if verbose:
                print("trace test on %d points: %.1e" % (len(X), residual), flush=True)
            if residual < tolerance:
                return WitnessSet(net, Integer(d), images, len(loops), residual, seed, (S, B, b0, X))
            loops.append((b0 + v, b0 + radius * crandn(d)))
            pending = pending + [(i, len(loops) - 1, ends[i] if reached[i] else None)
                                 for i in range(len(X))]
            continue
        if not gate.trace_test_due(len(X), _curvature_residual(S, B, X, v), tolerance, verbose):
            loops.append(new_loop())
            pending = [(i, len(loops) - 1, None) for i in range(len(X))]
            continue
        residual, ends, reached = _trace_residual(S, B, X, b0, v, tested_paths)
        if residual < tolerance:
            return WitnessSet(net, Integer(d), images, len(loops), residual, seed, (S, B, b0, X))
        loops.append((b0 + v, b0 + radius * crandn(d)))
        pending = [(i, len(loops) - 1, ends[i] if reached[i] else None) for i in range(len(X))]
    raise ArithmeticError("monodromy did not certify a witness set in %d rounds (%d points, "
                          "trace residual %.1e); rerun with another seed" % (max_loops, len(images), residual))


def well_conditioned_start(jacobian, d, crandn):
    r"""
    Return a random start point of a path tracker on a slice with ``d``
    free parameters: the first draw of ``crandn`` where the matrix
    ``jacobian`` has condition number at most
    :data:`~sage_neuro.constants.MONODROMY_START_CONDITION`, or the best of
    :data:`~sage_neuro.constants.MONODROMY_START_TRIES` draws.

    A well-conditioned first draw is kept, so that the random stream of a
    run changes only where its first draw would have failed: the paths
    from a start point whose Jacobian has condition number ``c`` carry
    errors of about ``c * 1e-16`` relative, and past about ``1e10``
    Newton's corrections no longer converge to the tracker's tolerance.

    INPUT:

    - ``jacobian`` -- a function of a point (a complex array of shape
      ``(1, d)``) returning a matrix with ``d`` columns: the Jacobian of
      the system at the point (the section ``B mu`` for the degree, ``mu``
      on the slice for the ED degree)
    - ``d`` -- the number of free parameters
    - ``crandn`` -- the function drawing complex Gaussians of the run
      (:func:`pivot_slice`)

    OUTPUT: a complex array of shape ``(1, d)``

    EXAMPLES:

    On MLP ``[2, 2, 2, 2, 2, 1]`` with ``x^2`` the first random point of
    seed 1 has condition number about ``5e10``; a later draw is kept::

        sage: import numpy as np
        sage: from sage_neuro import PolynomialMLP
        sage: from sage_neuro.invariants.monodromy import _SlicedMap, pivot_slice, well_conditioned_start
        sage: rng = np.random.default_rng(int(1))
        sage: sliced, crandn = pivot_slice(PolynomialMLP([2, 2, 2, 2, 2, 1], activation=2), 1, rng)
        sage: S = _SlicedMap(sliced); B = crandn(S.d, S.n)
        sage: def jacobian(X):
        ....:     return S.system(B, X)[1][0]
        sage: state = rng.bit_generator.state
        sage: float(np.linalg.cond(jacobian(crandn(1, S.d)))) > 1e10
        True
        sage: rng.bit_generator.state = state
        sage: float(np.linalg.cond(jacobian(well_conditioned_start(jacobian, S.d, crandn)))) < 1e8
        True

    A network whose first draw is well conditioned keeps it::

        sage: from sage_neuro import LinearNetwork
        sage: rng = np.random.default_rng(int(2))
        sage: sliced, crandn = pivot_slice(LinearNetwork([3, 2, 3]), 2, rng)
        sage: S = _SlicedMap(sliced); B = crandn(S.d, S.n); state = rng.bit_generator.state
        sage: X = crandn(1, S.d); rng.bit_generator.state = state
        sage: Y = well_conditioned_start(lambda Z: S.system(B, Z)[1][0], S.d, crandn)
        sage: bool((Y == X).all())
        True
    """
    from sage_neuro.constants import MONODROMY_START_CONDITION, MONODROMY_START_TRIES
    best = None
    for _ in range(MONODROMY_START_TRIES):
        X = crandn(1, d)
        with np.errstate(all="ignore"):
            sv = np.linalg.svd(jacobian(X), compute_uv=False)
        c = sv[0] / sv[-1] if sv[-1] > 0 else np.inf
        if best is None or c < best[0]:
            best = (c, X)
        if c <= MONODROMY_START_CONDITION:
            break
    return best[1]


def _trace_residual(S, B, X, b0, v, track=None):
    # relative second difference of sum_i x_i(s) at s = -1, 0, 1 along
    # b0 + s v, and the points tracked to s = 1 with their success mask
    P, d = X.shape
    ends = np.vstack([np.broadcast_to(b0 - v, (P, d)), np.broadcast_to(b0 + v, (P, d))])
    starts, X2 = np.broadcast_to(b0, (2 * P, d)), np.vstack([X, X])
    if track is None:
        def track(Z, u, w):
            return _track(S, B, Z, u, w)
    Y, ok = track(X2, starts, ends)
    Y, ok = np.array(Y), np.array(ok)
    # a path that failed, or arrived where another one of its end did, is
    # tracked again with smaller steps, as in move_witness_set: among the
    # 32080 paths of the trace test of MLP [2,2,2,2,2,1] x^2 (points where
    # the Jacobian has condition numbers up to 1e16) 13 failed
    _track_again(Y, ok, lambda Y, ok: np.concatenate([
        _lost_paths(S.image(Y[:P]), ok[:P]), P + _lost_paths(S.image(Y[P:]), ok[P:])]).astype(int),
        lambda lost, k: _track(S, B, X2[lost], starts[lost], ends[lost], max_steps=4000 * k,
                               step=_refined_step(k)))
    if not ok.all():
        return np.inf, Y[P:], ok[P:]
    return trace_second_difference(S.image(X), S.image(Y[:P]), S.image(Y[P:])), Y[P:], ok[P:]


def _curvature_residual(S, B, X, v):
    # The trace test in the limit of a short pencil: along b0 + s v the sum
    # of the image points is affine in s exactly when no point is missing,
    # so the sum of their second derivatives x_i''(0) vanishes; for a
    # proper subset it is a nonzero analytic function of (b0, v), hence
    # nonzero at a random v. The derivatives come from implicit
    # differentiation of B mu(theta(s)) = b0 + s v (no path tracking):
    # theta' = J^-1 v, theta'' = -J^-1 B D^2mu[theta', theta'], and
    # x'' = Dmu theta'' + D^2mu[theta', theta']. Relative norm of the sum,
    # accumulated over pieces of MONODROMY_BATCH_PATHS points (memory), in
    # units of the mean size of one point's second derivative (as the trace
    # test: one missing point counts about one unit).
    from sage_neuro.constants import MONODROMY_BATCH_PATHS
    total, mass = 0, 0.0
    for k in range(0, len(X), MONODROMY_BATCH_PATHS):
        Xk = X[k:k + MONODROMY_BATCH_PATHS]
        with np.errstate(all="ignore"):
            try:
                _, J = S.system(B, Xk)
                t1 = np.linalg.solve(J, np.broadcast_to(v, Xk.shape)[..., None])[..., 0]
                _, c2 = S.taylor(Xk, t1)                      # D^2mu[t1, t1] / 2
                t2 = -np.linalg.solve(J, (2 * c2 @ B.T)[..., None])[..., 0]
                c1, _ = S.taylor(Xk, t2)                      # Dmu t2
            except np.linalg.LinAlgError:
                return np.inf
        x2 = c1 + 2 * c2
        total, mass = total + x2.sum(axis=0), mass + np.abs(x2).sum()
    value = float(np.linalg.norm(total) / mass * len(X))
    return value if np.isfinite(value) else np.inf


def move_witness_set(W, seed, tolerance=TRACE_TOLERANCE, processes=None, checkpoint=None,
                     verbose=False):
    r"""
    Return the witness set ``W`` carried to another random linear section by
    a parameter homotopy, certified there by its own trace test.

    The section ``B x = b`` of ``W`` moves along a straight complex segment
    to a new random section ``B' x = b'`` (drawn from ``seed``); every
    parameter point is tracked once (a generic complex segment meets no
    branch point). Points can be lost on the way but never gained (each
    endpoint is a Newton-converged solution and duplicates are merged), so
    a set that passes the trace test on the new section, with a new random
    pencil, confirms the degree independently of the first trace test,
    at a third of the cost of a second monodromy run.

    INPUT:

    - ``W`` -- a :class:`WitnessSet` from :func:`monodromy_degree`
    - ``seed`` -- seed of the new section and pencil (another seed than
      ``W.seed``)
    - ``tolerance`` -- largest trace-test residual accepted (in units of one point,
      :func:`~sage_neuro.invariants.monodromy.trace_second_difference`)
    - ``processes`` -- as in :func:`monodromy_degree`
    - ``checkpoint`` -- ``None`` (default) or a path: the endpoints of the
      paths to the new section and of the trace test are stored in the
      files ``checkpoint + '.move'`` and ``checkpoint + '.trace'`` as chunks
      of them finish; a call with the same witness set and seed continues
      from them (pickles: load only files you wrote)
    - ``verbose`` -- print the progress of checkpointed tracking

    OUTPUT: a :class:`WitnessSet` on the new section (``loops`` is 0);
    ``ArithmeticError`` if points were lost or the trace test fails there

    EXAMPLES::

        sage: from sage_neuro import PolynomialMLP
        sage: from sage_neuro.invariants.monodromy import monodromy_degree, move_witness_set
        sage: W = monodromy_degree(PolynomialMLP([2, 2, 3]), seed=1)
        sage: V = move_witness_set(W, seed=2); V.degree, V.trace_residual < 1e-6
        (3, True)
        sage: import os
        sage: path = os.path.join(tmp_dir(), "moved")
        sage: move_witness_set(W, seed=2, checkpoint=path).degree, sorted(os.listdir(os.path.dirname(path)))
        (3, ['moved.move', 'moved.trace'])
        sage: move_witness_set(3, seed=2)
        Traceback (most recent call last):
        ...
        TypeError: W must be a witness set from monodromy_degree, not 3
    """
    from sage_neuro.validation import check_positive_int
    if not isinstance(W, WitnessSet) or W.section is None:
        raise TypeError("W must be a witness set from monodromy_degree, not %r" % (W,))
    if processes is None:
        import os
        processes = min(2, os.cpu_count() or 1)
    processes = int(check_positive_int(processes, "processes"))
    S, B0, b0, X = W.section
    d = B0.shape[0]
    crandn = complex_normal(np.random.default_rng([int(seed), 1]))
    B1 = crandn(d, S.n)
    b1 = (S.image(crandn(1, d)) @ B1.T)[0]
    # (a copy of the sliced map keeps the second section folded in)
    import copy
    S1 = copy.copy(S)
    paths = PathPool(processes)
    try:
        with _one_blas_thread():
            hom = section_homotopy(S, B0, b0, S1, B1, b1)
            # (the parameter of the homotopy runs from 0 to 1: the residual
            # at which an endpoint counts is absolute, in units of |b|)
            accept = dict(residual=_SECTION_RESIDUAL * max(np.linalg.norm(b0), np.linalg.norm(b1)))
            paths.use(lambda Z, u, w: _continue(hom, Z, u, w, step=accept))
            Y, ok = _resumable(paths.track, checkpoint and checkpoint + ".move",
                              verbose)(X, np.zeros((1, 1)), np.ones((1, 1)))
            # A path that failed, or arrived where another one did (one of
            # the two jumped), is tracked again along the same segment with
            # smaller steps (a detour would be another path class: its end
            # is a random point of the new section, rarely the one missing)
            _track_again(Y, ok, lambda Y, ok: _lost_paths(S.image(Y), ok),
                         lambda lost, k: _continue(hom, X[lost], np.zeros((1, 1)), np.ones((1, 1)),
                                                   max_steps=4000 * k,
                                                   step=dict(_refined_step(k), **accept)),
                         verbose)
            arrived = np.nonzero(ok)[0]
            Y = Y[arrived[_dedupe(None, S.image(Y[arrived]), 1e-6)]] if len(arrived) else Y[:0]
            if len(Y) < len(X):
                raise ArithmeticError("%d of %d points were lost on the way to the new section "
                                      "(also with steps up to %d times smaller); rerun with another "
                                      "seed" % (len(X) - len(Y), len(X), MOVE_RETRACK_STEPS[-1]))
            paths.use(lambda Z, u, w: _track(S1, B1, Z, u, w))
            radius = _LOOP_SIZE * np.linalg.norm(b1)
            residual = _trace_residual(S1, B1, Y, b1, radius * crandn(d),
                                       _resumable(paths.track, checkpoint and checkpoint + ".trace",
                                                  verbose))[0]
    finally:
        paths.close()
    if not residual < tolerance:
        raise ArithmeticError("the trace test fails on the new section (residual %.1e): points "
                              "are missing; rerun with another seed" % residual)
    return WitnessSet(W.net, W.dimension, S.image(Y), 0, residual, int(seed), (S1, B1, b1, Y))


#: step reductions with which the paths that a move of a witness set loses
#: on its segment (failed, or arrived where another path did) are tracked
#: again
MOVE_RETRACK_STEPS = (10, 100)


def section_homotopy(S, B0, b0, S1, B1, b1):
    r"""
    Return the homotopy ``(1 - t) (B0 mu - b0) + t (B1 mu - b1)`` between two
    linear sections of the sliced map (``S`` with ``B0`` folded in, ``S1``
    with ``B1``), as the path tracker takes it: a function of the points,
    ``t`` (first column of ``p``) and its increment ``dp`` returning the
    homotopy, its Jacobian in the points and ``-dH/dt dt``.

    EXAMPLES::

        sage: import copy, numpy as np
        sage: from sage_neuro import PolynomialMLP
        sage: from sage_neuro.invariants.monodromy import monodromy_degree, section_homotopy
        sage: W = monodromy_degree(PolynomialMLP([2, 2, 3]), seed=1)
        sage: S, B, b, X = W.section
        sage: H = section_homotopy(S, B, b, copy.copy(S), B, b + 1)
        sage: F, J, R = H(X, np.zeros((len(X), 1)), np.ones((len(X), 1)))
        sage: bool(abs(F).max() < 1e-8), J.shape == (len(X), len(b), len(b)), bool(abs(R - 1).max() < 1e-12)
        (True, True, True)
    """
    def hom(Y, p, dp):
        t = p[:, :1]
        F0, J0 = S.system(B0, Y)
        F1, J1 = S1.system(B1, Y)
        F0, F1 = F0 - b0, F1 - b1
        H = (1 - t) * F0 + t * F1
        Jt = (1 - t)[:, :, None] * J0 + t[:, :, None] * J1
        return H, Jt, (None if dp is None else -(F1 - F0) * dp[:, :1])
    return hom


def _lost_paths(images, ok):
    # indices of the paths that failed, and of both ends of every pair of
    # paths that arrived at the same point
    bad = set(np.nonzero(~ok)[0].tolist())
    arrived = np.nonzero(ok)[0]
    if len(arrived):
        keep = arrived[_dedupe(None, images[arrived], 1e-6)]
        for i in np.setdiff1d(arrived, keep):
            bad.add(int(i))
            bad.add(int(keep[np.argmin(np.linalg.norm(images[keep] - images[i], axis=1))]))
    return np.array(sorted(bad), dtype=int)


def _track_again(Y, ok, lost_paths, retrack, verbose=False):
    # the paths lost_paths(Y, ok) (indices: failed, or arrived where another
    # one did) tracked again along their own segments by retrack(lost, k),
    # with steps k times smaller for k in MOVE_RETRACK_STEPS, until none is
    # lost; Y and ok are updated in place
    for k in MOVE_RETRACK_STEPS:
        lost = lost_paths(Y, ok)
        if not len(lost):
            break
        if verbose:
            print("  %d paths tracked again, steps %d times smaller" % (len(lost), k), flush=True)
        Z, there = retrack(lost, k)
        Y[lost[there]], ok[lost[there]] = Z[there], True


def pivot_slice(net, seed, rng=None):
    r"""
    Return ``(S, crandn)``: the complex coordinate slice of ``mu`` that
    keeps the Jacobian pivots of ``seed``
    (:func:`~sage_neuro.invariants.dimension.jacobian_rank`), its constants
    drawn by :meth:`~sage_neuro.invariants.slice.CoordinateSlice.random_complex`
    from the stream of ``seed``, and the function drawing complex Gaussians
    that continues that stream (the base point and loops of a monodromy).

    INPUT:

    - ``net`` -- an architecture
    - ``seed`` -- the seed of the pivots and of the stream
    - ``rng`` -- the ``numpy`` generator of the stream (default: a new one
      seeded by ``seed``); a caller that keeps the state of its stream
      (a checkpoint) passes its own

    EXAMPLES::

        sage: from sage_neuro import LinearNetwork
        sage: from sage_neuro.invariants.monodromy import pivot_slice
        sage: S, crandn = pivot_slice(LinearNetwork([2, 1, 2]), 1)
        sage: len(S.kept), crandn(2).shape
        (3, (2,))
    """
    rng = np.random.default_rng(int(seed)) if rng is None else rng
    _, _, pivots = jacobian_rank(net, seed=seed)
    return CoordinateSlice.random_complex(net, pivots, rng), complex_normal(rng)


def check_time(start, timeout, message):
    r"""
    Raise ``TimeoutError(message)`` when more than ``timeout`` seconds
    (``None``: no limit) have passed since ``start`` (a
    ``time.monotonic()`` reading).

    EXAMPLES::

        sage: import time
        sage: from sage_neuro.invariants.monodromy import check_time
        sage: check_time(time.monotonic(), None, "never")
        sage: check_time(time.monotonic() - 5, 1, "5 points so far")
        Traceback (most recent call last):
        ...
        TimeoutError: 5 points so far
    """
    if timeout is not None and time.monotonic() - start > timeout:
        raise TimeoutError(message)


def orbit_round(around, X, pending, loops, fresh):
    r"""
    Send the ``pending`` entries of the orbit ``X`` around their loops and
    return ``(X, pending, new)``: the orbit with the new points that
    arrived appended (:func:`extend_orbit`), the entries sending each of
    them around every one of the ``loops`` loops, and the new points.

    INPUT:

    - ``around`` -- a function of the entries returning the tracked points
      and their success mask (as :func:`around_triangles`)
    - ``X`` -- the orbit so far, one point per row
    - ``pending`` -- the entries ``(point, loop, start)`` to run
    - ``loops`` -- the number of loops
    - ``fresh`` -- a function of the arrived points returning the indices
      of those not yet in the orbit

    EXAMPLES::

        sage: import numpy as np
        sage: from sage_neuro.invariants.monodromy import orbit_round
        sage: def around(entries):   # every point comes back as its negative
        ....:     return -X[[i for i, _, _ in entries]], np.array([True] * len(entries))
        sage: X = np.ones((1, 2))
        sage: X, pending, new = orbit_round(around, X, [(0, 0, None)], 1, lambda Y: [0])
        sage: X.tolist(), pending
        ([[1.0, 1.0], [-1.0, -1.0]], [(1, 0, None)])
    """
    Y, ok = around(pending)
    Y = Y[ok]
    new = Y[fresh(Y) if len(Y) else []]
    X, pending = extend_orbit(X, new, loops)
    return X, pending, new


def extend_orbit(X, new, loops):
    r"""
    Return ``(X, pending)``: the orbit ``X`` (one point per row) with the
    rows of ``new`` appended, and the ``(point, loop, None)`` entries of
    :func:`around_triangles` that send every new point around each of the
    ``loops`` loops.

    EXAMPLES::

        sage: import numpy as np
        sage: from sage_neuro.invariants.monodromy import extend_orbit
        sage: X, pending = extend_orbit(np.zeros((1, 2)), np.ones((1, 2)), 2)
        sage: X.shape, pending
        ((2, 2), [(1, 0, None), (1, 1, None)])
    """
    first = len(X)
    if not len(new):
        return X, []
    X = np.vstack([X, new])
    return X, [(i, l, None) for i in range(first, len(X)) for l in range(loops)]


def trace_second_difference(x0, xm, xp):
    r"""
    Return the second difference ``|sum xm + sum xp - 2 sum x0|`` of the
    traces of three sets of ``N`` image points (one per row) on a pencil at
    ``s = 0, -1, 1``, in units of the mean size of one point (the sum of
    the absolute values of all coordinates divided by ``4 N``): the
    residual of the trace test. It vanishes when the traces are affine in
    ``s``, as for a complete set of points; a set that misses a point (or
    holds a spurious one) shows that point's own second difference, about
    one unit, however large ``N`` is.

    EXAMPLES::

        sage: import numpy as np
        sage: from sage_neuro.invariants.monodromy import trace_second_difference
        sage: x0 = np.array([[1.0, 2.0]])
        sage: trace_second_difference(x0, x0 - 1, x0 + 1), trace_second_difference(x0, x0, x0 + 1) > 0.1
        (0.0, True)

    One missing point among many counts as much as among a few::

        sage: c, v = np.random.default_rng(int(1)).standard_normal((2, 40000, 3))
        sage: bool(trace_second_difference(c, c - v, c + v) < 1e-9)      # affine: complete
        True
        sage: xm, xp = c - v, c + v
        sage: xm[-1] += c[-1]**2; xp[-1] += c[-1]**2                      # one point is not
        sage: bool(trace_second_difference(c, xm, xp) > 0.01)
        True
    """
    unit = (np.abs(xm).sum() + np.abs(xp).sum() + 2 * np.abs(x0).sum()) / (4 * len(x0))
    return float(np.linalg.norm(xm.sum(axis=0) + xp.sum(axis=0) - 2 * x0.sum(axis=0)) / unit)


class PretestGate:
    r"""
    Decides when a closed monodromy orbit goes to the trace test. The
    curvature pre-test costs a few evaluations per point, the trace test
    two tracked paths per point: only a set that passes the pre-test goes
    to the trace test, or one that failed it three times without growing,
    or one that grew by less than one point in 1000 since the last
    pre-test (guards against a numerically failed pre-test of a complete
    set: on MLP ``[2,2,2,2,2,1]`` with ``x^2``, whose points have
    condition numbers up to ``1e14``, it read ``3e3`` to ``4e3`` on every
    set while rounds of 16000 loops added one or two points).

    EXAMPLES::

        sage: from sage_neuro.invariants.monodromy import PretestGate
        sage: g = PretestGate()
        sage: [g.trace_test_due(5, 1.0, 1e-6) for _ in range(3)], g.trace_test_due(6, 0.0, 1e-6)
        ([False, False, True], True)
        sage: g = PretestGate()
        sage: [g.trace_test_due(n, 1.0, 1e-6) for n in (16000, 16100, 16101)]
        [False, False, True]
    """

    def __init__(self):
        self.tested, self.stalls = 0, 0

    def trace_test_due(self, count, residual, tolerance, verbose=False):
        r"""
        Return whether a set of ``count`` points whose pre-test gave the
        relative ``residual`` goes to the trace test (otherwise: a new
        loop); it passed if ``residual < tolerance``. With ``verbose`` the
        residual is printed.

        EXAMPLES::

            sage: from sage_neuro.invariants.monodromy import PretestGate
            sage: PretestGate().trace_test_due(3, 1e-2, 1e-6, verbose=True)
            curvature pre-test on 3 points: 1.0e-02
            False
        """
        if verbose:
            print("curvature pre-test on %d points: %.1e" % (count, residual), flush=True)
        growth, self.tested = count - self.tested, count
        self.stalls = self.stalls + 1 if growth == 0 else 1
        return residual < tolerance or not self.stalls % 3 or 0 < 1000 * growth < count


def around_triangles(track, X, base, loops, entries):
    r"""
    Return ``(endpoints, success)`` of one batch of monodromy loops: entry
    ``(i, l, Z)`` of ``entries`` takes the solution ``X[i]`` at the
    parameter ``base`` around the triangle ``base -> c0 -> c1 -> base`` of
    the loop ``loops[l] = (c0, c1)``; ``Z``, if not ``None``, is that point
    already continued to ``c0`` (the first leg is then skipped). The same
    loops serve the degree (parameters: a linear section) and the ED degree
    (parameters: the data).

    INPUT:

    - ``track`` -- a function ``track(Y, a, b)`` continuing the rows of
      ``Y`` from the parameters ``a`` to ``b`` (one row of each per path),
      returning ``(endpoints, success)``, e.g. built on
      :func:`continue_paths`
    - ``X`` -- complex array of solutions at ``base``
    - ``base`` -- the base parameter (a vector)
    - ``loops`` -- list of pairs ``(c0, c1)`` of parameter vectors
    - ``entries`` -- list of triples ``(i, l, Z)``

    EXAMPLES:

    The square roots of ``p`` swap around a triangle enclosing ``0``::

        sage: import numpy as np
        sage: from sage_neuro.invariants.monodromy import around_triangles, continue_paths
        sage: def hom(Y, p, dp):
        ....:     return Y ** 2 - p, (2 * Y)[:, :, None], dp
        sage: track = lambda Y, a, b: continue_paths(hom, Y, a, b)
        sage: X = np.array([[1], [-1]], dtype=complex)
        sage: loops = [(np.array([-1 + 1j]), np.array([-1 - 1j])), (np.array([2 + 1j]), np.array([2 - 1j]))]
        sage: Y, ok = around_triangles(track, X, np.array([1.0 + 0j]), loops, [(0, 0, None), (0, 1, None)])
        sage: np.round(Y.real, 6).tolist(), ok.tolist()
        ([[-1.0], [1.0]], [True, True])
    """
    P, m = len(entries), len(base)
    c0 = np.array([loops[l][0] for _, l, _ in entries]).reshape(P, m)
    c1 = np.array([loops[l][1] for _, l, _ in entries]).reshape(P, m)
    Y, ok = np.empty((P, X.shape[1]), dtype=complex), np.ones(P, dtype=bool)
    full = [k for k, e in enumerate(entries) if e[2] is None]
    if full:
        Y[full], ok[full] = track(X[[entries[k][0] for k in full]],
                                  np.broadcast_to(base, (len(full), m)), c0[full])
    for k, (_, _, Z) in enumerate(entries):
        if Z is not None:
            Y[k] = Z
    for a, b in ((c0, c1), (c1, np.broadcast_to(base, (P, m)))):
        Y, good = track(Y, a, b)
        ok &= good
    return Y, ok


def continue_paths(hom, X, p0, p1, max_steps=4000, refine=1):
    r"""
    Return ``(endpoints, success)``: the solutions ``X`` (one row per path)
    of a square parametric system ``H(X, p) = 0`` continued along the
    straight complex segments ``p = (1 - s) p0 + s p1`` (one row of ``p0``
    and ``p1`` per path), by the path tracker of :func:`monodromy_degree`
    (RK4 predictor, Newton corrector, adaptive step per path); an endpoint
    counts as reached only where Newton has converged.

    INPUT:

    - ``hom`` -- a function ``hom(Y, p, dp)`` returning ``H(Y, p)``, the
      Jacobians ``dH/dY`` (shape ``(paths, d, d)``) and ``-dH/dp . dp``
      (anything when ``dp`` is ``None``)
    - ``X`` -- complex array of start solutions at ``p0``
    - ``p0``, ``p1`` -- start and end parameters (arrays, one row per path)
    - ``max_steps`` -- largest number of steps
    - ``refine`` -- an integer ``k >= 1``: steps ``k`` times smaller (the
      largest step and the accepted and aimed-at predictor errors divided
      by ``k``), for paths that failed with the usual ones; the caller
      scales ``max_steps`` with it

    EXAMPLES::

        sage: import numpy as np
        sage: from sage_neuro.invariants.monodromy import continue_paths
        sage: def hom(Y, p, dp):      # Y^2 = p
        ....:     return Y ** 2 - p, (2 * Y)[:, :, None], dp
        sage: Y, ok = continue_paths(hom, np.array([[1, -1]], dtype=complex).T,
        ....:                        np.array([[1.0], [1.0]]), np.array([[4.0], [4.0]]))
        sage: np.round(Y.real, 6).tolist(), ok.tolist()
        ([[2.0], [-2.0]], [True, True])
        sage: Y, ok = continue_paths(hom, np.array([[1]], dtype=complex), np.array([[1.0]]),
        ....:                        np.array([[4.0]]), max_steps=40000, refine=10)
        sage: np.round(Y.real, 6).tolist(), ok.tolist()
        ([[2.0]], [True])
        sage: continue_paths(hom, Y, np.array([[1.0]]), np.array([[4.0]]), refine=0)
        Traceback (most recent call last):
        ...
        ValueError: refine must be an integer >= 1, not 0
    """
    from sage_neuro.validation import check_positive_int
    refine = int(check_positive_int(refine, "refine"))
    return _continue(hom, X, p0, p1, max_steps, _refined_step(refine) if refine > 1 else None)


def _refined_step(k):
    # the step control with steps k times smaller: largest step and the
    # accepted and aimed-at first corrections divided by k
    return dict(hmax=_STEP["hmax"] / k, first=_STEP["first"] / k, target=_STEP["target"] / k)


def one_blas_thread():
    r"""
    Return a context manager under which numpy's OpenBLAS uses one thread:
    path trackers multiply many tiny matrices, where BLAS threads only add
    synchronisation (see :func:`monodromy_degree`); no change where the
    library cannot be found.

    EXAMPLES::

        sage: from sage_neuro.invariants.monodromy import one_blas_thread
        sage: with one_blas_thread():
        ....:     pass
    """
    return _one_blas_thread()
