r"""
Euclidean distance degree of a neuromanifold by numerical monodromy in the
data, certified by a trace test.

The parameters outside a set of ``d = dim M`` Jacobian pivot columns are
fixed at random complex values, as for the degree
(:mod:`sage_neuro.invariants.monodromy`): the sliced map ``theta ->
mu(theta)`` is then generically finite onto a dense subset of ``M``. The
critical points of ``theta -> sum_i (mu_i(theta) - u_i)^2`` solve the
``d`` equations

.. MATH::

    G(\theta; u) = J(\theta)^T (\mu(\theta) - u) = 0,

``J`` the ``n x d`` Jacobian of the sliced map (plain transpose: the
equations are algebraic). Their images ``x = mu(theta)`` at the points where
``J`` has full rank are the ED critical points of ``M``; for generic ``u``
there are ``EDdeg(M)`` of them (Draisma, Horobet, Ottaviani, Sturmfels,
Thomas, arXiv:1309.0049).

One solution is known for free: for a random ``theta0`` and a random vector
``nu`` of the left kernel of ``J(theta0)`` (a normal vector), ``theta0`` is
critical for the data ``u0 = mu(theta0) + nu``. The ED correspondence
``{(x, u): x in M smooth, u - x normal to M at x}`` is a vector bundle over
the smooth part of ``M``, hence irreducible, so loops of the data ``u``
around the branch locus permute its fiber over ``u0`` transitively. The
points are tracked as parameter points and compared as image points: the
symmetries of ``mu`` (neuron permutations, sign flips for even activations)
and the fiber of the slice then cost nothing (only one parameter point per
critical point is tracked), and the spurious solutions of ``G = 0`` where
``J`` drops rank are never reached from the smooth start.

When the orbit under a few fixed loops closes, a *trace test* decides: for a
cone ``M`` the critical points are homogeneous of degree one in ``u``
(``x_i(t u) = t x_i(u)``), so their sum is a rational function of ``u``
homogeneous of degree one; where the points stay finite it is a polynomial,
hence linear; along the line ``u0 + s v`` the sum of all critical points is
affine in ``s``, while the sum over a proper subset is not (the branches
of a proper subset are not algebraic functions of ``u`` on their own). The
relative second difference at ``s = -1, 0, 1`` is recorded; if it is not
small another loop joins. (The same affine trace is observed on
non-conic examples, e.g. the parabola, but only a small residual is taken
as the certificate.)

This is a ``'numerical'`` result; the tests compare it with the modular
route of :mod:`sage_neuro.invariants.slicing` and with the Eckart-Young
formula for linear networks.

EXAMPLES::

    sage: from sage_neuro import LinearNetwork
    sage: from sage_neuro.invariants.ed_monodromy import monodromy_ed_degree
    sage: monodromy_ed_degree(LinearNetwork([3, 2, 3]), seed=1)
    3 ED critical points of LinearNetwork([3, 2, 3]) (... loops, trace residual ...)
    sage: binomial(3, 2)    # Eckart-Young: (min(m, n) choose rank) critical points
    3
"""

import time

import numpy as np

from sage.rings.integer import Integer

from sage_neuro.invariants.monodromy import (CertifiedOrbit, around_triangles, check_time,
                                              continue_paths, one_blas_thread, orbit_round,
                                              pivot_slice, trace_second_difference)

# distance of the loop nodes from u0 in units of |u0| (the degree's
# monodromy measured 3 as a good size; see monodromy._LOOP_SIZE)
_LOOP_SIZE = 3.0

# largest number of tracker steps of one batch: a path that needs more
# passes close to the branch locus (or to a point of the slice at
# infinity); the whole batch would wait for it, while monodromy only needs
# some paths to arrive. MLP [3,2,2] x^2 with 4000 steps: batches of up to
# 24000 evaluations for one or two stragglers.
_MAX_STEPS = 400

#: relative trace-test residual below which a set of ED critical points is
#: accepted: complete sets of the tests show 1e-14 or less, and a set
#: missing a few of some hundred points can come near 1e-6
ED_TRACE_TOLERANCE = 1e-9


def critical_bezout(net, seed=1):
    r"""
    Return ``(bezout, multilinear)``: the multihomogeneous Bezout number of
    the ED critical equations ``J^T (mu - u) = 0`` on the coordinate slice
    of :func:`~sage_neuro.invariants.slicing.slice_pivots`, and whether
    every block of parameters enters ``mu`` linearly. The equation of a
    parameter of block ``b`` has degree ``2 delta_c - [b = c]`` in block
    ``c`` (``delta_c`` the degree of ``mu`` in block ``c``); the Bezout number is the
    coefficient of ``prod z_c^{k_c}`` in ``prod_b (sum_c (2 delta_c - [b
    = c]) z_c)^{k_b}``, ``k_c`` the free parameters of block ``c``. It
    predicts the cost of the modular route (see
    :data:`~sage_neuro.constants.MODULAR_ED_BEZOUT`).

    INPUT:

    - ``net`` -- an architecture
    - ``seed`` -- the seed of the slice

    EXAMPLES::

        sage: from sage_neuro import LinearNetwork, PolynomialMLP
        sage: from sage_neuro.invariants.ed_monodromy import critical_bezout
        sage: critical_bezout(LinearNetwork([3, 2, 3]))
        (289, True)
        sage: critical_bezout(PolynomialMLP([3, 2, 2], activation=2))
        (52945, False)
    """
    from sage.misc.misc_c import prod
    from sage.rings.polynomial.polynomial_ring_constructor import PolynomialRing
    from sage.rings.integer_ring import ZZ
    from sage_neuro.invariants.slicing import parameter_blocks, slice_pivots
    kept = set(slice_pivots(net, seed=seed)[0])
    blocks, degrees = parameter_blocks(net)
    free = [sum(1 for j in b if j in kept) for b in blocks]
    z = PolynomialRing(ZZ, "z", len(blocks)).gens()
    f = prod(sum((2 * degrees[c] - (c == b)) * z[c] for c in range(len(blocks))) ** free[b]
             for b in range(len(blocks)))
    target = prod(z[c] ** free[c] for c in range(len(blocks)))
    return Integer(f.monomial_coefficient(target)), all(int(e) == 1 for e in degrees)


class CriticalSystem:
    r"""
    The ED critical equations ``G(theta; u) = J(theta)^T (mu(theta) - u)``
    of ``net`` on a coordinate slice, evaluated in complex floating point
    for batches of parameter points (one row per point).

    INPUT:

    - ``coordinate_slice`` -- a complex
      :class:`~sage_neuro.invariants.slice.CoordinateSlice` (the kept
      parameters and the values of the others)

    EXAMPLES::

        sage: import numpy as np
        sage: from sage_neuro import LinearNetwork
        sage: from sage_neuro.invariants.ed_monodromy import CriticalSystem
        sage: from sage_neuro.invariants.slice import CoordinateSlice
        sage: S = CriticalSystem(CoordinateSlice(LinearNetwork([2, 1, 2]), [0, 1, 2], [1.0]))
        sage: X = np.array([[1, 2, 3]], dtype=complex)
        sage: S.image(X).real.tolist()                  # the entries of w2 * w1, w2_1 fixed at 1
        [[3.0, 6.0, 1.0, 2.0]]
        sage: G, H = S.equations(X, S.image(X))                 # data on M: G = 0
        sage: float(abs(G).max())
        0.0
    """

    def __init__(self, coordinate_slice):
        # the terms with the fixed values folded in, from the one
        # representation of the slice (sage_neuro.invariants.slice)
        rows, E, coef = coordinate_slice.complex_terms()
        n = int(coordinate_slice.net.ambient_dimension())
        free = coordinate_slice.kept
        self.E = np.ascontiguousarray(E, dtype=float)
        T = len(rows)
        self.C = np.zeros((n, T), dtype=complex)
        np.add.at(self.C, (rows, np.arange(T)), coef)
        self.n, self.d = n, len(free)
        d = self.d
        self._EE = np.einsum("tj,tk->tjk", self.E, self.E).reshape(T, d * d).astype(complex)
        # monomial t = product of the entries of x listed in row t of
        # _factors (x_j repeated e_j times), padded with the index d of a
        # column of ones: one gather and one product for all monomials
        Ei = E
        width = max(int(Ei.sum(axis=1).max()) if T else 0, 1)
        self._factors = np.full((T, width), d, dtype=np.int64)
        for t in range(T):
            f = np.repeat(np.arange(d), Ei[t])
            self._factors[t, :len(f)] = f
        self._Ec = self.E.astype(complex)

    def _monomials(self, X):
        ones = np.ones((len(X), 1), dtype=complex)
        return np.concatenate([X, ones], axis=1)[:, self._factors].prod(axis=2)

    def image(self, X):
        r"""
        Return ``mu`` at the rows of ``X`` (one row per point).

        EXAMPLES::

            sage: import numpy as np
            sage: from sage_neuro import LinearNetwork
            sage: from sage_neuro.invariants.ed_monodromy import CriticalSystem
            sage: from sage_neuro.invariants.slice import CoordinateSlice
            sage: sliced = CoordinateSlice(LinearNetwork([1, 1, 1]), [0], [2.0])    # mu(t) = 2 t
            sage: CriticalSystem(sliced).image(np.array([[3.0], [1j]])).tolist()
            [[(6+0j)], [2j]]
        """
        return self._monomials(X) @ self.C.T

    def _derivatives(self, m, X):
        # the derivatives of the monomials m at the rows of X, (points,
        # terms, d), and the Jacobians of the sliced map, (points, n, d)
        D = m[:, :, None] * self._Ec[None] / X[:, None, :]
        return D, np.matmul(self.C, D)

    def jacobian(self, X):
        r"""
        Return the Jacobians of the sliced map at the rows of ``X`` (an
        array of shape ``(points, n, d)``).

        EXAMPLES::

            sage: import numpy as np
            sage: from sage_neuro import LinearNetwork
            sage: from sage_neuro.invariants.ed_monodromy import CriticalSystem
            sage: from sage_neuro.invariants.slice import CoordinateSlice
            sage: S = CriticalSystem(CoordinateSlice.random_complex(LinearNetwork([2, 1, 2]), [0, 1, 2], 1))
            sage: X, h = np.array([[0.5, -1.0, 2.0 + 1j]]), 1e-6
            sage: quotient = (S.image(X + [[0, 0, h]]) - S.image(X)) / h     # d mu / d t2
            sage: bool(np.allclose(S.jacobian(X)[0][:, 2], quotient[0]))
            True
        """
        return self._derivatives(self._monomials(X), X)[1]

    def equations(self, X, U, dU=None):
        r"""
        Return ``(G, H)`` or, with ``dU``, ``(G, H, J^T dU)``: the values
        ``G = J^T (mu - U)`` at the rows of ``X`` for the data ``U`` (one
        row per point), their Jacobians ``H = dG/dtheta`` and the derivative
        ``-dG/du . dU``, as the path tracker
        :func:`~sage_neuro.invariants.monodromy.continue_paths` wants them.

        EXAMPLES::

            sage: import numpy as np
            sage: from sage_neuro import LinearNetwork
            sage: from sage_neuro.invariants.ed_monodromy import CriticalSystem
            sage: from sage_neuro.invariants.slice import CoordinateSlice
            sage: S = CriticalSystem(CoordinateSlice(LinearNetwork([1, 1, 1]), [0], [2.0]))
            sage: G, H, R = S.equations(np.array([[3.0]], dtype=complex), np.array([[4.0]]), np.array([[1.0]]))
            sage: G.real.tolist(), H.real.tolist(), R.real.tolist()   # 2 (6 - 4), 2 * 2, 2 * 1
            ([[4.0]], [[[4.0]]], [[2.0]])
        """
        m = self._monomials(X)
        P, d = X.shape
        D, J = self._derivatives(m, X)                          # d monomials / d theta, d mu / d theta
        JT = J.transpose(0, 2, 1)
        w = (m @ self.C.T - U) @ self.C                         # (points, terms)
        G = np.matmul(w[:, None, :], D)[:, 0, :]
        # second derivatives of the monomials: E_j (E_k - delta_jk) m / (x_j x_k)
        S = ((m * w) @ self._EE).reshape(P, d, d) / (X[:, :, None] * X[:, None, :])
        idx = np.arange(d)
        S[:, idx, idx] -= G / X
        H = np.matmul(JT, J) + S
        if dU is None:
            return G, H
        return G, H, np.matmul(JT, np.asarray(dU)[:, :, None])[:, :, 0]


class EDWitness(CertifiedOrbit):
    r"""
    The ED critical points of a neuromanifold for one generic complex data
    point, found by monodromy in the data and certified by the trace test
    (see the module documentation).

    Attributes: ``ed_degree`` (Sage Integer), ``points`` (the critical
    points in function space, one row each), ``data`` (the data point),
    ``loops`` (fixed loops whose orbit was computed), ``trace_residual``
    (relative second difference of the traces), ``seed``, ``rounds``
    (batched runs around a loop).

    EXAMPLES::

        sage: from sage_neuro import LinearNetwork
        sage: from sage_neuro.invariants.ed_monodromy import monodromy_ed_degree
        sage: W = monodromy_ed_degree(LinearNetwork([2, 1, 2]), seed=2); W
        2 ED critical points of LinearNetwork([2, 1, 2]) (...loops, trace residual ...)
        sage: W.points.shape
        (2, 4)
    """

    def __init__(self, net, points, data, loops, residual, seed, rounds):
        CertifiedOrbit.__init__(self, points, loops, residual, seed)
        self.net = net
        self.data = data
        self.ed_degree = self.count
        self.rounds = rounds

    def __repr__(self):
        return "%s ED critical points of %r (%s loops, trace residual %.1e)" % (
            self.ed_degree, self.net, self.loops, self.trace_residual)


class ImageIndex:
    r"""
    A set of points of function space, compared up to a relative tolerance;
    a random complex linear form sorts the candidates, so that adding
    ``k`` points to ``N`` costs ``O(k N)`` scalar comparisons.

    INPUT:

    - ``dimension`` -- the number of coordinates
    - ``tolerance`` -- relative distance below which two points are equal
    - ``seed`` -- seed of the random linear form

    EXAMPLES::

        sage: import numpy as np
        sage: from sage_neuro.invariants.ed_monodromy import ImageIndex
        sage: I = ImageIndex(2)
        sage: I.add(np.array([[1, 2], [1, 2 + 1e-12], [3, 4]], dtype=complex))
        [0, 2]
        sage: I.add(np.array([[3, 4]], dtype=complex)), len(I)
        ([], 2)
    """

    def __init__(self, dimension, tolerance=1e-6, seed=0):
        rng = np.random.default_rng(seed)
        self._form = rng.standard_normal(dimension) + 1j * rng.standard_normal(dimension)
        self._form /= np.linalg.norm(self._form)
        self.tolerance = tolerance
        self.points = np.zeros((0, dimension), dtype=complex)
        self._keys = np.zeros(0, dtype=complex)

    def __len__(self):
        return len(self.points)

    def add(self, new):
        r"""
        Add the rows of ``new`` that are not yet in the set; return their
        indices in ``new``.

        EXAMPLES::

            sage: import numpy as np
            sage: from sage_neuro.invariants.ed_monodromy import ImageIndex
            sage: ImageIndex(1).add(np.array([[1], [2], [1]], dtype=complex))
            [0, 1]
        """
        kept = []
        for i, x in enumerate(new):
            k = x @ self._form
            scale = self.tolerance * (1 + np.linalg.norm(x))
            near = np.nonzero(np.abs(self._keys - k) < scale)[0]
            if len(near) and np.min(np.linalg.norm(self.points[near] - x, axis=1)) < scale:
                continue
            self.points = np.vstack([self.points, x[None]])
            self._keys = np.append(self._keys, k)
            kept.append(i)
        return kept


def monodromy_ed_degree(net, seed=0, generators=3, max_rounds=500, tolerance=ED_TRACE_TOLERANCE,
                        verbose=False, timeout=None):
    r"""
    Return the :class:`EDWitness` of the neuromanifold of ``net``: its
    Euclidean distance degree (standard inner product on the coefficient
    coordinates) by numerical monodromy in the data, certified by the
    trace test.

    INPUT:

    - ``net`` -- an architecture
    - ``seed`` -- seed of all random choices (slice, start point, normal
      vector, loops)
    - ``generators`` -- number of fixed random loops of the data (each a
      triangle ``u0 -> c0 -> c1 -> u0``) whose orbit is computed; a loop is
      added whenever the trace test fails
    - ``max_rounds`` -- give up (``ArithmeticError``) after this many
      batched runs around a loop
    - ``tolerance`` -- largest relative trace-test residual accepted
    - ``verbose`` -- print the count after each round
    - ``timeout`` -- seconds; past it (checked between rounds) a
      ``TimeoutError`` reports the points found so far

    OUTPUT: an :class:`EDWitness`; ``.ed_degree`` is the ED degree

    EXAMPLES::

        sage: from sage_neuro import LinearNetwork, PolynomialMLP
        sage: from sage_neuro.invariants.ed_monodromy import monodromy_ed_degree
        sage: monodromy_ed_degree(LinearNetwork([3, 1, 3]), seed=1).ed_degree  # Eckart-Young: 3
        3
        sage: monodromy_ed_degree(PolynomialMLP([2, 2, 2], activation=2)).ed_degree  # M is all of C^6
        1
        sage: monodromy_ed_degree(LinearNetwork([2, 1, 2]), generators=0)
        Traceback (most recent call last):
        ...
        ValueError: generators must be an integer >= 1, not 0
    """
    from sage_neuro.validation import check_positive_int
    generators = int(check_positive_int(generators, "generators"))
    max_rounds = int(check_positive_int(max_rounds, "max_rounds"))
    with one_blas_thread():
        return _monodromy(net, int(seed), generators, max_rounds, tolerance, verbose, timeout)


def _monodromy(net, seed, generators, max_rounds, tolerance, verbose, timeout):
    start = time.monotonic()
    sliced, crandn = pivot_slice(net, seed)
    d = len(sliced.kept)
    S = CriticalSystem(sliced)
    n = S.n
    X = crandn(1, d)
    x0 = S.image(X)[0]
    # a random normal vector at x0: the left kernel of J(theta0) (n - d
    # columns of U in the SVD, conjugated: the equations use the plain
    # transpose); for M = C^n it is 0 and the ED degree is 1
    J0 = S.jacobian(X)[0]
    left = np.linalg.svd(J0)[0][:, d:].conj()
    nu = left @ crandn(n - d) if n > d else np.zeros(n, dtype=complex)
    u0 = x0 + np.linalg.norm(x0) / np.linalg.norm(nu) * nu if n > d else x0
    radius = _LOOP_SIZE * np.linalg.norm(u0) / np.sqrt(n)
    index = ImageIndex(n, seed=seed)
    index.add(S.image(X))

    def hom(Y, u, du):
        return S.equations(Y, u, du) if du is not None else S.equations(Y, u) + (None,)

    def track(Y, a, b):
        return continue_paths(hom, Y, a, b, max_steps=_MAX_STEPS)

    def new_loop():
        return (u0 + radius * crandn(n), u0 + radius * crandn(n))

    def around(entries):
        return around_triangles(track, X, u0, loops, entries)

    loops = [new_loop() for _ in range(generators)]
    pending = [(0, l, None) for l in range(len(loops))]
    rounds, residual = 0, np.inf
    while rounds < max_rounds:
        if pending:
            check_time(start, timeout, "monodromy_ed_degree did not finish within %s s (%d "
                       "critical points so far, not certified)" % (timeout, len(X)))
            X, pending, _ = orbit_round(around, X, pending, len(loops),
                                        lambda Y: index.add(S.image(Y)))
            rounds += 1
            if verbose:
                print("round %d: %d critical points" % (rounds, len(X)), flush=True)
            continue
        # a path of the trace test that does not arrive says nothing about
        # completeness: another direction is tried (with the long step
        # limit) before a new loop is paid for
        for attempt in range(3):
            v = radius * crandn(n)
            residual, ends, reached = _trace_residual(S, X, u0, v, hom)
            if verbose:
                print("trace test on %d points: %.1e" % (len(X), residual), flush=True)
            if np.isfinite(residual):
                break
        if residual < tolerance:
            return EDWitness(net, index.points, u0, len(loops), residual, seed, rounds)
        loops.append((u0 + v, u0 + radius * crandn(n)))
        pending = [(i, len(loops) - 1, ends[i] if reached[i] else None) for i in range(len(X))]
    raise ArithmeticError("ED monodromy did not certify its critical points in %d rounds (%d "
                          "points, trace residual %.1e); rerun with another seed"
                          % (max_rounds, len(X), residual))


def _trace_residual(S, X, u0, v, hom):
    # relative second difference of sum_i x_i(s) at s = -1, 0, 1 along
    # u0 + s v, and the points tracked to s = 1 with their success mask;
    # every path must arrive, so the tracker's full step limit applies
    P, n = len(X), len(u0)
    ends = np.vstack([np.broadcast_to(u0 - v, (P, n)), np.broadcast_to(u0 + v, (P, n))])
    Y, ok = continue_paths(hom, np.vstack([X, X]), np.broadcast_to(u0, (2 * P, n)), ends)
    if not ok.all():
        return np.inf, Y[P:], ok[P:]
    return (trace_second_difference(S.image(X), S.image(Y[:P]), S.image(Y[P:])),
            Y[P:], ok[P:])
