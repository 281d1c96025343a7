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
critical point is tracked). The solutions of ``G = 0`` where ``J`` drops
rank are spurious: they form components of their own over the data, which
a path passing close to where they meet the ED correspondence can jump
onto (observed on lightning self-attention), so every point is checked
(:meth:`CriticalSystem.regular`) before it joins.

When the orbit under a few fixed loops closes, a *trace test* decides: for a
cone ``M`` the critical points are homogeneous of degree one in ``u``
(``x_i(t u) = t x_i(u)``), so their sum is a rational function of ``u``
homogeneous of degree one; where the points stay finite it is a polynomial,
hence linear; along the line ``u0 + s v`` the sum of all critical points is
affine in ``s``, while the sum over a proper subset is not (the branches
of a proper subset are not algebraic functions of ``u`` on their own). The
relative second difference at ``s = -1, 0, 1`` is recorded; if it is not
small another loop joins. The argument needs the critical points to stay
finite for finite data: where some of them escape to infinity over a
hypersurface of data (the ED correspondence is then not proper over the
data space), the sum has poles and no set passes, complete or not. The
route then does not certify; it cannot certify a wrong count. (MLP
``[3, 3, 3]`` with ``x^2`` may be such a case: two runs close at 953 and
952 points, neither passes; lightning self-attention with ``d = 2``, ``a =
1``, ``d_out = 2`` is one: all 52 points are found and the test fails.)
(The same affine trace is observed on non-conic examples, e.g. the
parabola, but only a small residual is taken as the certificate.)

For such neuromanifolds :func:`correspondence_ed_degree` certifies on the
ED correspondence itself: cut by a generic affine space ``u + A x = c``
of codimension ``n`` (:class:`CorrespondenceSystem`), it has ``deg E``
points, found by the same monodromy (now in ``c``), and the trace test
along a pencil of parallel spaces is valid for any ``E``. A homotopy then
removes the twist ``A`` and carries the certified set to the fiber over
the data; the paths that do not end at critical points go to infinity.
The price is the number of paths: ``deg E`` is the ED degree for a
*generic* inner product (the sum of the polar degrees, Draisma et al.,
Theorem 5.4, for a cone), 39 against 3 for the 3 x 3 matrices of rank 1,
196 against 52 for the attention above.

Stopping rule and stragglers: after every round a *curvature pre-test*
(:func:`curvature_residual`: the sum of the second derivatives of the
critical points along a random data line, by implicit differentiation,
without tracking) checks the points found; once it passes, the loops still
to run wait and the trace test decides. Trace-test paths that do not arrive
are tracked again along short detours through random data points, until
both fibers of the test are complete (:func:`trace_residual`). Long runs
can hand their state to ``progress`` after every round and continue from it
with ``resume``.

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

from sage_neuro.invariants.monodromy import (CertifiedOrbit, PathPool, PretestGate,
                                              around_triangles, check_time, continue_paths,
                                              one_blas_thread, orbit_round, pivot_slice,
                                              trace_second_difference, well_conditioned_start)
from sage_neuro.invariants.slice import Monomials

# distance of the loop nodes from u0 in units of |u0| (the degree's
# monodromy measured 3 as a good size; see monodromy._LOOP_SIZE)
_LOOP_SIZE = 3.0

# largest number of tracker steps of one batch of loops: a path that needs
# more passes close to the branch locus (or to data where the parameters of
# the slice go to infinity); the whole batch would wait for it, while
# monodromy only needs some paths to arrive. Measured CPU time of MLP
# [3,2,2] x^2 (seeds 1, 2): 11.5, 8.4 s with 400 steps and 3 loops; 5.5,
# 8.2 s with 200 steps and 10 loops; 120 steps lost a hard point for
# dozens of loops (seed 2: 71 s).
_MAX_STEPS = 200

# step limit of a first attempt at a trace-test path, and how many
# detours (through a random intermediate data point) a path that did not
# arrive gets: a straggler usually passes close to data where the
# parameters of the slice go to infinity (measured on MLP [3,2,2] x^2:
# failing paths reach parameter norms of 50-400 against 2-7 at their ends),
# and a different path between the same two data points avoids it
_TRACE_STEPS = 600
_DETOURS = 6
# size of a detour: its middle data point is moved off the straight segment
# by about this fraction of the length of the segment
_DETOUR_SIZE = 0.1

#: relative smallest singular value of the sliced Jacobian below which a
#: solution of the critical equations is taken as spurious (``J`` drops
#: rank there; :meth:`CriticalSystem.regular`): measured gap between
#: ``1e-16`` (rank-deficient) and ``1e-5`` (regular) on lightning
#: self-attention ``d = 3``
RANK_TOLERANCE = 1e-10

#: relative curvature residual (sum of the second derivatives of the
#: critical points along a random data line) below which a set goes on to
#: the trace test; complete sets show 1e-13 to 1e-10 in the tests, sets
#: missing a point 1e-3 or more
ED_CURVATURE_TOLERANCE = 1e-7

#: trace-test residual (in units of one point,
#: :func:`~sage_neuro.invariants.monodromy.trace_second_difference`) below
#: which a set of ED critical points is accepted: complete sets of the tests
#: show 1e-15 to 1e-14, and a set missing a few of some hundred points can
#: come near 1e-3
ED_TRACE_TOLERANCE = 1e-6


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
        self._monomials = Monomials(E)
        self._Ec = self.E.astype(complex)
        # the Jacobian as one matrix product: J[p, i, j] x_j = sum_t
        # m_t(x_p) C[i, t] E[t, j] (dense (T, n d); measured on MLP [3,2,2]
        # x^2 with 100 points: 25 us against 125 us for the batched product
        # with the derivatives of the monomials)
        self._K = np.ascontiguousarray((self.C[:, :, None] * self._Ec[None]).transpose(1, 0, 2)
                                       .reshape(T, n * d))
        # degree of mu in the kept parameters: G = J^T (mu - u) has degree
        # 2 delta - 1 along a line (for the curvature pre-test)
        self.degree = self._monomials.degree

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

    def _jacobians(self, m, inv):
        # the Jacobians of the sliced map, (points, n, d), from the
        # monomials m and the reciprocals inv of the points
        return (m @ self._K).reshape(len(m), self.n, self.d) * inv[:, None, :]

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
        return self._jacobians(self._monomials(X), 1 / X)

    def regular(self, X, tolerance=None):
        r"""
        Return a boolean array: which rows of ``X`` are points where the
        Jacobian of the sliced map has full rank ``d``, i.e. whose
        smallest singular value is at least ``tolerance`` times the
        largest (times 1 where the largest is below 1: ``J`` vanishes at
        the vertex of a cone).

        Only such points are ED critical points of ``M``: where ``J``
        drops rank, ``G = J^T (mu - u) = 0`` asks less than orthogonality
        to the tangent space. Those *spurious* solutions form components of
        their own over the data (e.g. the critical points of the distance
        to a stratum of ``Sing M``) and are counted by no ED degree; path
        tracking near a point where such a component meets the ED
        correspondence can jump onto it. (Lightning self-attention
        ``d = 3``, ``a = d_out = 1``: 219 of 1298 points found by
        unfiltered monodromy had ``J`` of rank ``d - 2``, relative smallest
        singular value ``1e-20`` to ``1e-16``, the others ``1e-5`` or
        more.)

        INPUT:

        - ``X`` -- parameter points of the slice, one per row
        - ``tolerance`` -- relative size of the smallest singular value
          (default :data:`RANK_TOLERANCE`)

        EXAMPLES::

            sage: import numpy as np
            sage: from sage_neuro import LinearNetwork
            sage: from sage_neuro.invariants.ed_monodromy import CriticalSystem
            sage: from sage_neuro.invariants.slice import CoordinateSlice
            sage: S = CriticalSystem(CoordinateSlice(LinearNetwork([2, 1, 2]), [0, 1, 2], [1.0]))
            sage: S.regular(np.array([[1, 2, 3], [0, 0, 3]], dtype=complex)).tolist()   # w1 = 0: rank 1
            [True, False]
            sage: S.regular(np.array([[1e-150, 2e-150, 3e-150]], dtype=complex)).tolist()  # the vertex
            [False]
        """
        tolerance = RANK_TOLERANCE if tolerance is None else tolerance
        if not len(X):
            return np.zeros(0, dtype=bool)
        with np.errstate(all="ignore"):
            J = self._jacobians(self._monomials(X), 1 / X)
            J = np.where(np.isfinite(J), J, 0)
            sv = np.linalg.svd(J, compute_uv=False)
        # relative to the largest singular value, and to 1 where J is
        # small altogether: at the vertex of a cone (theta ~ 1e-159, reached
        # by path jumping on MLP [2,1,1] x^2) J vanishes and its singular
        # values are all tiny but comparable
        return sv[:, -1] >= tolerance * np.maximum(sv[:, 0], 1.0)

    def gradient(self, X, U):
        r"""
        Return ``G = J^T (mu - U)`` at the rows of ``X`` for the data ``U``
        (one row per point), without its Jacobian.

        EXAMPLES::

            sage: import numpy as np
            sage: from sage_neuro import PolynomialMLP
            sage: from sage_neuro.invariants.ed_monodromy import CriticalSystem
            sage: from sage_neuro.invariants.slice import CoordinateSlice
            sage: net = PolynomialMLP([2, 1, 2], activation=2)
            sage: S = CriticalSystem(CoordinateSlice.random_complex(net, [0, 1, 2], 1))
            sage: X, U = np.array([[0.5, -1.0, 2.0 + 1j]]), np.ones((1, S.n))
            sage: bool(np.allclose(S.gradient(X, U), S.equations(X, U)[0]))
            True
        """
        m = self._monomials(X)
        J = self._jacobians(m, 1 / X)
        return np.matmul(self._residual(m @ self.C.T, U)[:, None, :], J)[:, 0, :]

    def _residual(self, x, U):
        # the vector whose product with J is G: mu - u here, B mu - c for
        # the twisted system of the correspondence
        return x - U

    def _normal_jacobian(self, J):
        # the derivative of _residual in theta: J here, B J when twisted
        return J

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
        m, J, G, H = self._critical(X, lambda x: self._residual(x, U), self._normal_jacobian)
        if dU is None:
            return G, H
        return G, H, np.matmul(J.transpose(0, 2, 1), np.asarray(dU)[:, :, None])[:, :, 0]

    def _critical(self, X, residual, normal_jacobian):
        # (monomials, J, G = J^T r, dG/dtheta) for the residual r(mu) and
        # its derivative dr/dtheta = normal_jacobian(J)
        m = self._monomials(X)
        P, d = X.shape
        inv = 1 / X
        J = self._jacobians(m, inv)                             # (points, n, d)
        r = residual(m @ self.C.T)                              # mu - u
        G = np.matmul(r[:, None, :], J)[:, 0, :]
        w = r @ self.C                                          # (points, terms)
        # second derivatives of the monomials: E_j (E_k - delta_jk) m / (x_j x_k)
        S = ((m * w) @ self._EE).reshape(P, d, d) * (inv[:, :, None] * inv[:, None, :])
        idx = np.arange(d)
        S[:, idx, idx] -= G * inv
        return m, J, G, np.matmul(J.transpose(0, 2, 1), normal_jacobian(J)) + S


class CorrespondenceSystem(CriticalSystem):
    r"""
    The ED correspondence of ``net`` on a generic affine slice: the
    equations ``G(theta; c) = J(theta)^T (B mu(theta) - c)``, ``B = 1 +
    A`` for a fixed ``n x n`` matrix ``A`` (the *twist*).

    A solution ``theta`` (with ``J`` of full rank) is the point ``(x, u) =
    (mu(theta), c - A mu(theta))`` of the ED correspondence ``E = {(x, u) :
    x in M smooth, u - x normal to M at x}`` on the affine space ``u + A x =
    c`` of codimension ``n`` in ``C^n x C^n``. For generic ``A`` and ``c``
    that space is generic, so the number of its points on ``E`` is the
    degree of ``E`` and, along a pencil of parallel spaces (``c`` on a
    line), the sum of the points is affine: the trace test holds for a
    complete set whatever the behaviour of ``E`` over the data space. With
    ``A = 0`` this is the :class:`CriticalSystem` (the fiber of ``E`` over
    ``u = c``, where that test can fail for complete sets).

    INPUT:

    - ``coordinate_slice`` -- a complex
      :class:`~sage_neuro.invariants.slice.CoordinateSlice`
    - ``twist`` -- the complex ``n x n`` matrix ``A``

    EXAMPLES::

        sage: import numpy as np
        sage: from sage_neuro import LinearNetwork
        sage: from sage_neuro.invariants.ed_monodromy import CorrespondenceSystem
        sage: from sage_neuro.invariants.slice import CoordinateSlice
        sage: sliced = CoordinateSlice(LinearNetwork([2, 1, 2]), [0, 1, 2], [1.0])
        sage: S = CorrespondenceSystem(sliced, 2 * np.eye(4))       # B = 3
        sage: X = np.array([[1, 2, 3]], dtype=complex)
        sage: c = 3 * S.image(X)                                      # x = mu, u = x: on E
        sage: float(abs(S.equations(X, c)[0]).max()), S.data(X, c).real.tolist()
        (0.0, [[3.0, 6.0, 1.0, 2.0]])
        sage: CorrespondenceSystem(sliced, np.eye(3))
        Traceback (most recent call last):
        ...
        ValueError: twist must be a 4 x 4 matrix, not of shape (3, 3)
    """

    def __init__(self, coordinate_slice, twist):
        CriticalSystem.__init__(self, coordinate_slice)
        A = np.asarray(twist, dtype=complex)
        if A.shape != (self.n, self.n):
            raise ValueError("twist must be a %d x %d matrix, not of shape %s"
                             % (self.n, self.n, A.shape))
        self.twist = A
        self._B = np.eye(self.n) + A

    def _residual(self, x, U):
        return x @ self._B.T - U

    def _normal_jacobian(self, J):
        return np.matmul(self._B, J)

    def data(self, X, c):
        r"""
        Return the data ``u = c - A mu(theta)`` of the points ``(x, u)`` of
        the correspondence at the rows of ``X`` (on the slice ``c``).

        EXAMPLES::

            sage: import numpy as np
            sage: from sage_neuro import LinearNetwork
            sage: from sage_neuro.invariants.ed_monodromy import CorrespondenceSystem
            sage: from sage_neuro.invariants.slice import CoordinateSlice
            sage: sliced = CoordinateSlice(LinearNetwork([1, 1, 1]), [0], [2.0])
            sage: CorrespondenceSystem(sliced, [[1.0]]).data(np.array([[3.0]]), np.array([10.0])).real.tolist()
            [[4.0]]
        """
        return c - self.image(X) @ self.twist.T

    def collapse_equations(self, X, P, dP=None):
        r"""
        Return the equations of the homotopy that removes the twist, as
        :func:`~sage_neuro.invariants.monodromy.continue_paths` wants
        them: the parameters are the rows ``(c, s)`` of ``P`` and the
        system is ``J^T ((1 + (1 - s) A) mu - c)``, this system at ``s = 0``
        and the plain critical equations for the data ``c`` at ``s = 1``.

        OUTPUT: ``(G, H)`` or, with ``dP``, ``(G, H, -dG/dp . dP)``

        EXAMPLES::

            sage: import numpy as np
            sage: from sage_neuro import LinearNetwork
            sage: from sage_neuro.invariants.ed_monodromy import CorrespondenceSystem
            sage: from sage_neuro.invariants.slice import CoordinateSlice
            sage: S = CorrespondenceSystem(CoordinateSlice(LinearNetwork([1, 1, 1]), [0], [2.0]), [[1.0]])
            sage: X, c = np.array([[3.0 + 0j]]), np.array([[4.0]])
            sage: [G.real.tolist() for G in S.collapse_equations(X, np.hstack([c, [[0.0]]]))]
            [[[16.0]], [[[8.0]]]]
            sage: [G.real.tolist() for G in S.equations(X, c)]          # 2 (2 * 6 - 4), 2 * 2 * 2
            [[[16.0]], [[[8.0]]]]
            sage: [G.real.tolist() for G in S.collapse_equations(X, np.hstack([c, [[1.0]]]))]
            [[[4.0]], [[[4.0]]]]
        """
        P = np.asarray(P)
        c, w = P[:, :-1], 1 - P[:, -1]
        A = self.twist

        def residual(x):
            return x + w[:, None] * (x @ A.T) - c

        def normal_jacobian(J):
            return J + w[:, None, None] * np.matmul(A, J)
        m, J, G, H = self._critical(X, residual, normal_jacobian)
        if dP is None:
            return G, H
        dP = np.asarray(dP)
        dr = dP[:, :-1] + dP[:, -1:] * ((m @ self.C.T) @ A.T)
        return G, H, np.matmul(J.transpose(0, 2, 1), dr[:, :, None])[:, :, 0]


class EDWitness(CertifiedOrbit):
    r"""
    The ED critical points of a neuromanifold for one generic complex data
    point, found by monodromy in the data and certified by the trace test
    (see the module documentation).

    Attributes: ``ed_degree`` (Sage Integer), ``points`` (the critical
    points in function space, one row each), ``data`` (the data point),
    ``loops`` (fixed loops whose orbit was computed), ``trace_residual``
    (relative second difference of the traces), ``seed``, ``rounds``
    (batched runs around a loop), ``system`` (the :class:`CriticalSystem`
    on the slice) and ``parameters`` (one parameter point of the slice per
    critical point, in the order of ``points``).

    EXAMPLES::

        sage: from sage_neuro import LinearNetwork
        sage: from sage_neuro.invariants.ed_monodromy import monodromy_ed_degree
        sage: W = monodromy_ed_degree(LinearNetwork([2, 1, 2]), seed=2); W
        2 ED critical points of LinearNetwork([2, 1, 2]) (...loops, trace residual ...)
        sage: W.points.shape
        (2, 4)
    """

    def __init__(self, net, points, data, loops, residual, seed, rounds, system=None,
                 parameters=None):
        CertifiedOrbit.__init__(self, points, loops, residual, seed)
        self.system = system
        self.parameters = parameters
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


def monodromy_ed_degree(net, seed=0, generators=10, max_rounds=500, tolerance=ED_TRACE_TOLERANCE,
                        verbose=False, timeout=None, progress=None, resume=None, processes=None):
    r"""
    Return the :class:`EDWitness` of the neuromanifold of ``net``: its
    Euclidean distance degree (standard inner product on the coefficient
    coordinates) by numerical monodromy in the data, certified by the
    trace test.

    Stopping rule: after every batch of loops, a curvature pre-test (the
    trace test in the limit of a short data line, by implicit
    differentiation, no path tracking) checks the points found so far; once
    it passes, the remaining loops wait and the trace test decides. Trace
    test paths that do not arrive are tracked again along detours through
    random data points (another path between the same two data points).

    INPUT:

    - ``net`` -- an architecture
    - ``seed`` -- seed of all random choices (slice, start point, normal
      vector, loops)
    - ``generators`` -- number of fixed random loops of the data (each a
      triangle ``u0 -> c0 -> c1 -> u0``) whose orbit is computed; a loop is
      added whenever the trace test fails. The batches are small and the
      tracker's cost per step hardly depends on their size, so many loops
      at once mean fewer rounds (MLP [3,2,2] x^2: 18-20 rounds with 3
      loops, 9-11 with 10)
    - ``max_rounds`` -- give up (``ArithmeticError``) after this many
      batched runs around a loop
    - ``tolerance`` -- largest trace-test residual accepted (in units of one point,
      :func:`~sage_neuro.invariants.monodromy.trace_second_difference`)
    - ``verbose`` -- print the count after each round
    - ``timeout`` -- seconds; past it (between rounds, and within a round
      as soon as the batch of paths of the worker processes is stopped) a
      ``TimeoutError`` reports the points found so far
    - ``progress`` -- ``None`` or a function called after every round with
      the state of the computation (a JSON-able dictionary), to be kept
      for ``resume``
    - ``resume`` -- ``None`` or such a state of an earlier run with the
      same ``net`` and ``seed``: the computation goes on from it
    - ``processes`` -- worker processes that track the paths of a large
      batch of loops (default: up to two, the cores of the machine; the
      result does not depend on it)

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

    A run can be kept round by round and resumed::

        sage: states = []
        sage: W = monodromy_ed_degree(LinearNetwork([4, 2, 4]), seed=1, progress=states.append)
        sage: V = monodromy_ed_degree(LinearNetwork([4, 2, 4]), seed=1, resume=states[0])
        sage: W.ed_degree, V.ed_degree                      # Eckart-Young: binomial(4, 2)
        (6, 6)
        sage: monodromy_ed_degree(LinearNetwork([4, 2, 4]), seed=2, resume=states[0])
        Traceback (most recent call last):
        ...
        ValueError: resume must be a state of a run with seed 2, not seed 1
    """
    generators, max_rounds, pool = _checked(seed, generators, max_rounds, resume, processes)
    try:
        with one_blas_thread():
            return _monodromy(net, int(seed), generators, max_rounds, tolerance, verbose,
                              timeout, progress, resume, pool)
    finally:
        pool.close()


def _checked(seed, generators, max_rounds, resume, processes):
    # the arguments of both monodromy routes, checked; the pool of paths
    from sage_neuro.validation import check_positive_int
    generators = int(check_positive_int(generators, "generators"))
    max_rounds = int(check_positive_int(max_rounds, "max_rounds"))
    if resume is not None and (not isinstance(resume, dict) or resume.get("seed") != int(seed)):
        raise ValueError("resume must be a state of a run with seed %s, not %s"
                         % (int(seed), "seed %s" % resume.get("seed")
                            if isinstance(resume, dict) else repr(resume)))
    return generators, max_rounds, _path_pool(processes)


def _path_pool(processes):
    # the pool of paths of `processes` workers (default: up to two cores)
    import os
    from sage_neuro.validation import check_positive_int
    if processes is None:
        processes = min(2, os.cpu_count() or 1)
    return PathPool(int(check_positive_int(processes, "processes")))


class CorrespondenceWitness(EDWitness):
    r"""
    The ED critical points of a neuromanifold for one generic data point,
    found from a witness set of the ED correspondence (see
    :func:`correspondence_ed_degree`).

    Attributes: those of :class:`EDWitness` (``trace_residual`` is the
    residual of the witness set of the correspondence, ``system`` the
    plain :class:`CriticalSystem`), ``witness`` (the
    :class:`EDWitness` of the correspondence on its slice),
    ``correspondence_degree`` (its number of points), ``at_infinity`` (paths
    that went to infinity) and ``singular`` (paths that ended where the
    Jacobian of the slice drops rank).

    EXAMPLES::

        sage: from sage_neuro import LinearNetwork
        sage: from sage_neuro.invariants.ed_monodromy import correspondence_ed_degree
        sage: W = correspondence_ed_degree(LinearNetwork([2, 1, 2]), seed=1); W
        2 ED critical points of LinearNetwork([2, 1, 2]) (from 6 points of the ED correspondence, trace residual ...; 4 paths to infinity)

    The 2 x 2 matrices of rank 1, the cone over a smooth quadric surface
    in ``P^3``: 2 critical points (Eckart-Young), and the correspondence
    has the degree of a generic inner product's ED degree, ``d (1 + (d - 1)
    + (d - 1)^2) = 6`` for a surface of degree ``d = 2`` (Draisma et al.,
    arXiv:1309.0049)::

        sage: W.ed_degree, W.correspondence_degree
        (2, 6)
    """

    def __init__(self, net, points, data, witness, system, parameters, at_infinity, singular):
        EDWitness.__init__(self, net, points, data, witness.loops, witness.trace_residual,
                           witness.seed, witness.rounds, system, parameters)
        self.witness = witness
        self.correspondence_degree = witness.ed_degree
        self.at_infinity = at_infinity
        self.singular = singular

    def __repr__(self):
        return ("%s ED critical points of %r (from %s points of the ED correspondence, trace "
                "residual %.1e; %s paths to infinity)" % (
                    self.ed_degree, self.net, self.correspondence_degree, self.trace_residual,
                    self.at_infinity))


def correspondence_ed_degree(net, seed=0, generators=10, max_rounds=500,
                             tolerance=ED_TRACE_TOLERANCE, verbose=False, timeout=None,
                             progress=None, resume=None, processes=None):
    r"""
    Return the :class:`CorrespondenceWitness` of the neuromanifold of
    ``net``: its Euclidean distance degree from a witness set of the ED
    correspondence, certified by the trace test.

    The trace test of :func:`monodromy_ed_degree` moves the data along a
    line: it certifies only where no critical point escapes to infinity
    for finite data, which fails for some neuromanifolds (MLP ``[3, 3,
    3]``, ``x^2``; lightning self-attention). Here the orbit is computed on
    the ED correspondence ``E`` cut by a generic affine space ``u + A x =
    c`` (:class:`CorrespondenceSystem`): its points are the
    ``deg E`` solutions of a square system, and the trace test along a
    pencil of parallel such spaces is valid for every ``E`` (the pencil is
    generic with respect to the closure of ``E``). The certified witness
    set is then moved to the fiber ``u = u0`` by the homotopy that removes
    the twist (:meth:`CorrespondenceSystem.collapse_equations`), along a
    straight complex segment from a random start: every isolated point of
    the fiber is the end of one of these paths (parameter continuation);
    the others go to infinity or end where ``J`` drops rank. The data
    ``u0`` is the one of :func:`monodromy_ed_degree` with the same
    ``seed``, so that the two sets can be compared point by point.

    A path that does not arrive is tracked again along detours through
    random complex parameters, and along its own segment with the smaller
    steps of :data:`RETRACK_STEPS` (also when a detour arrived: it may
    have reached the end of another path); only new points join, until
    the fiber is complete. A path that still does not arrive is followed
    to ``s = 1 - 10^{-2}, 10^{-4}, 10^{-6}`` and counted at infinity when
    its size grows by at least :data:`ESCAPE_GROWTH` at each stage (or
    grows and then cannot be tracked further). If a
    path fits neither, an ``ArithmeticError`` says so (no count is given).

    INPUT: as for :func:`monodromy_ed_degree` (the state handed to
    ``progress`` is that of the orbit on the correspondence; ``timeout``
    covers the paths to the data too)

    OUTPUT: a :class:`CorrespondenceWitness`; ``.ed_degree`` is the ED
    degree, a ``'numerical'`` result

    EXAMPLES:

    The Eckart-Young count of the 3 x 3 matrices of rank 1, and the 52
    critical points of lightning self-attention with ``d = 2``, ``a = 1``,
    ``d_out = 2``, where the trace test in the data does not pass::

        sage: from sage_neuro import LinearNetwork, LightningSelfAttention
        sage: from sage_neuro.invariants.ed_monodromy import correspondence_ed_degree
        sage: correspondence_ed_degree(LinearNetwork([3, 1, 3]), seed=1).ed_degree
        3
        sage: W = correspondence_ed_degree(LightningSelfAttention(2, 1, 2, 2), seed=1)  # long time
        sage: W.ed_degree, W.trace_residual < 1e-6                                  # long time
        (52, True)
    """
    generators, max_rounds, pool = _checked(seed, generators, max_rounds, resume, processes)
    try:
        with one_blas_thread():
            W = _monodromy(net, int(seed), generators, max_rounds, tolerance, verbose, timeout,
                           progress, resume, pool, twisted=True)
            try:
                return _collapse(net, W, verbose, pool)
            except TimeoutError:
                # the pool keeps the deadline of the whole computation
                raise TimeoutError("correspondence_ed_degree did not finish within %s s (the "
                                   "witness set of %d points of the correspondence is certified; "
                                   "its paths to the data did not all arrive)"
                                   % (timeout, W.ed_degree)) from None
    finally:
        pool.close()


#: growth of the size of a path's point, per stage ``1 - s = 10^{-2},
#: 10^{-4}, 10^{-6}`` of the homotopy that removes the twist, above which a
#: path that does not arrive is counted as going to infinity (a Puiseux
#: branch ``x ~ (1 - s)^{-1/k}`` grows by ``100^{1/k}``; paths to finite
#: points settle)
ESCAPE_GROWTH = 1.5

#: step reductions (:func:`~sage_neuro.invariants.monodromy.continue_paths`,
#: ``refine``) with which a path that did not arrive, also along detours, is
#: tracked again: in the collapse of the ED correspondence (to ``1 - s =
#: 10^{-2}``) and in the trace test (:func:`trace_residual`)
RETRACK_STEPS = (10, 30)

#: relative distance in the parameters below which the branch through the
#: end of a path at ``s = 1``, tracked back to ``1 - s = 10^{-6}``, is taken
#: as the path itself (both points are Newton-converged solutions of the same
#: system; distinct solutions are far further apart)
BRANCH_TOLERANCE = 1e-6


def _retracker(hom):
    # retrack(Y, a, b, k): the paths of `hom` from a to b again, with steps
    # k times smaller and k times the step limit of a trace-test detour
    def retrack(Y, a, b, k):
        return continue_paths(hom, Y, a, b, max_steps=4 * _TRACE_STEPS * k, refine=k)
    return retrack


def _collapse(net, W, verbose, pool):
    S, X, c0 = W.system, W.parameters, W.data
    n, P = S.n, len(W.parameters)
    # the data u0 of the start point of the orbit (the data of the plain
    # route with this seed): its point stays a solution along the homotopy
    plain, _, _, u0 = _start(net, W.seed, False)
    rng = np.random.default_rng((int(W.seed), 2))

    def hom(Y, p, dp):
        return S.collapse_equations(Y, p, dp) if dp is not None else (
            S.collapse_equations(Y, p) + (None,))

    def point(s):
        return np.concatenate([(1 - s) * c0 + s * u0, [s]])

    # every path to 1 - s = 1e-2, 1e-4, 1e-6 (all points are finite for
    # s < 1), then on to s = 1: a path that ends far from where it was at
    # 1 - s = 1e-6 has jumped (paths to infinity do, when
    # tracked to s = 1 at once: observed on the 3 x 3 matrices of rank 1)
    start, end = point(0.0), point(1.0)
    stages = [point(1 - 10.0 ** (-k)) for k in (2, 4, 6)]
    pool.use(lambda Y, a, b: continue_paths(hom, Y, a, b, max_steps=_TRACE_STEPS))
    Y, ok = pool.track(X, start, stages[0])
    # the set of arrivals must be the whole fiber over stages[0]: a detour
    # is another path between the same parameters and may end at a point
    # another path reached (monodromy), so only new points join
    found = ImageIndex(n)

    def fresh(Z, good):
        # the indices of the arrivals Z (mask good) whose points are new
        new = np.nonzero(good)[0]
        return new[found.add(plain.image(Z[new]))] if len(new) else new

    def join(rows, Z, good):
        # the arrivals Z of the paths `rows` whose points are new
        new = fresh(Z, good)
        Y[rows[new]], ok[rows[new]] = Z[new], True

    first, ok = ok, np.zeros(P, dtype=bool)
    join(np.arange(P), Y, first)
    straight = ok.copy()
    size = _DETOUR_SIZE * np.linalg.norm(u0 - c0) / np.sqrt(n)
    for _ in range(_DETOURS):
        rows = np.nonzero(~ok)[0]
        if not len(rows):
            break
        mid = point(0.5 + 0.3 * (rng.standard_normal() + 1j * rng.standard_normal()))
        mid = mid + np.concatenate([size * (rng.standard_normal(n) + 1j * rng.standard_normal(n)),
                                    [0]])
        Z, good = continue_paths(hom, X[rows], start, mid, max_steps=4 * _TRACE_STEPS)
        Z, arrived = continue_paths(hom, Z, mid, stages[0], max_steps=4 * _TRACE_STEPS)
        join(rows, Z, good & arrived)
    # every path whose straight segment failed is tracked again along it
    # with smaller steps (CNN [2,3,2] x^2: one path of 2962 needed steps
    # ten times smaller), also one that a detour brought to a point: that
    # point may be the end of another path's segment, whose own end is
    # then found only here (MLP [3,2,2] x^3: 3 of 12255). The new points
    # fill the rows still without one; the rows are only places for the
    # points of the fiber, which must all be found
    retrack = _retracker(hom)
    for k in RETRACK_STEPS:
        if ok.all():
            break
        rows = np.nonzero(~straight)[0]
        Z, good = retrack(X[rows], start, stages[0], k)
        new = fresh(Z, good)
        # an arrival at a known point may have jumped: smaller steps again
        straight[rows[new]] = True
        empty = np.nonzero(~ok)[0][:len(new)]
        Y[empty], ok[empty] = Z[new[:len(empty)]], True
    def mend(start, Z, good, a, b):
        # the paths from `start` (at a) that did not reach b tracked again
        # with smaller steps, as on the first segment (CNN [2,3,3] x^2: 3 of
        # 10794 paths, of size 40 to 260, stopped between 1 - s = 1e-2 and
        # 1e-4); Z and good are mended in place
        for k in RETRACK_STEPS:
            lost = np.nonzero(~good)[0]
            if not len(lost):
                break
            Z2, good2 = retrack(start[lost], a, b, k)
            Z[lost[good2]], good[lost[good2]] = Z2[good2], True

    sizes = [np.linalg.norm(plain.image(Y), axis=1)]
    reached = [ok.copy()]
    pool.use(lambda Y, a, b: continue_paths(hom, Y, a, b, max_steps=4 * _TRACE_STEPS))
    for a, b in zip(stages, stages[1:]):
        rows = np.nonzero(ok)[0]
        Z, good = pool.track(Y[rows], a, b)
        mend(Y[rows], Z, good, a, b)
        Y[rows] = Z
        ok[rows[~good]] = False
        sizes.append(np.linalg.norm(plain.image(Y), axis=1))
        reached.append(ok.copy())
    Z, good = continue_paths(hom, Y, stages[-1], end, max_steps=_MAX_STEPS)
    rows = np.nonzero(ok)[0]
    Zr, goodr = Z[rows], good[rows]
    mend(Y[rows], Zr, goodr, stages[-1], end)
    Z[rows], good[rows] = Zr, goodr
    ends, last = plain.image(Z), plain.image(Y)
    with np.errstate(all="ignore"):
        moved = np.linalg.norm(ends - last, axis=1) / (1 + np.linalg.norm(last, axis=1))
    # a point far out on M, where the critical points depend steeply on the
    # data, moves more than that on the last segment (CNN [2,3,2] x^2: 18
    # points of size 300 to 3000 moved by 1e-3 to 1e-2): it is the end of
    # its path when the branch through it at s = 1 leads back to the
    # path's point at 1 - s = 1e-6 (a path to infinity is far from there)
    returns = np.zeros(P, dtype=bool)
    far = np.nonzero(ok & good & ~(moved < 1e-3))[0]
    if len(far):
        B, back = continue_paths(hom, Z[far], end, stages[-1], max_steps=_MAX_STEPS)
        with np.errstate(all="ignore"):
            gap = np.linalg.norm(B - Y[far], axis=1) / (1 + np.linalg.norm(Y[far], axis=1))
        returns[far[back & (gap < BRANCH_TOLERANCE)]] = True
    arrived = ok & good & ((moved < 1e-3) | returns)
    regular = arrived & plain.regular(Z)
    singular = int((arrived & ~regular).sum())
    index = ImageIndex(n)
    kept = np.nonzero(regular)[0]
    kept = kept[index.add(ends[kept])] if len(kept) else kept
    if len(kept) < regular.sum():
        raise ArithmeticError("%d paths of the collapse of the ED correspondence ended at the "
                              "same critical point (path jumping); rerun with another seed"
                              % (regular.sum() - len(kept)))
    # the other paths: to infinity, or not decided
    rest = ~arrived
    # growth at every stage reached; a path that grew and then could not
    # be tracked further (sizes 1e4 and more) counts as growing
    grows = reached[0] & (sizes[1] > ESCAPE_GROWTH * sizes[0]) & (
        ~reached[2] | (sizes[2] > ESCAPE_GROWTH * sizes[1]))
    escaping = int((rest & grows).sum())
    if verbose:
        print("collapse: %d critical points, %d paths to infinity, %d singular, %d undecided"
              % (len(kept), escaping, singular, int((rest & ~grows).sum())), flush=True)
        if (rest & ~grows).any():
            print("undecided sizes:", np.array(sizes).T[rest & ~grows].tolist(), flush=True)
    if (rest & ~grows).any():
        raise ArithmeticError("%d of the %d paths from the witness set of the ED "
                              "correspondence neither arrived nor went to infinity (%d critical "
                              "points, %d paths to infinity, %d singular: not certified); rerun "
                              "with another seed" % (int((rest & ~grows).sum()), P, len(kept),
                                                     escaping, singular))
    return CorrespondenceWitness(net, index.points, u0, W, plain, Z[kept], escaping, singular)


def _encode(A):
    # a complex array as JSON-able lists (real and imaginary parts)
    A = np.asarray(A)
    return [A.real.tolist(), A.imag.tolist()]


def _decode(L):
    return np.asarray(L[0], dtype=float) + 1j * np.asarray(L[1], dtype=float)


def saved_critical_points(net, state):
    r"""
    Return ``(system, points, data)``: the :class:`CriticalSystem` of the
    slice of a state that :func:`monodromy_ed_degree` handed to its
    ``progress`` function (the :class:`CorrespondenceSystem` for a state
    of :func:`correspondence_ed_degree`, whose data is ``c``), the regular
    critical points found so far (one row each;
    :meth:`CriticalSystem.regular`) and their data ``u0``.

    INPUT:

    - ``net`` -- the architecture of the run
    - ``state`` -- the state (a dictionary, e.g. read back from JSON)

    EXAMPLES::

        sage: from sage_neuro import LinearNetwork
        sage: from sage_neuro.invariants.ed_monodromy import monodromy_ed_degree, saved_critical_points
        sage: states = []
        sage: W = monodromy_ed_degree(LinearNetwork([3, 1, 3]), seed=1, progress=states.append)
        sage: S, X, u0 = saved_critical_points(LinearNetwork([3, 1, 3]), states[-1])
        sage: len(X) <= W.ed_degree, S.d, len(u0)
        (True, 5, 9)
    """
    if not isinstance(state, dict) or not {"seed", "points", "data"} <= set(state):
        raise ValueError("state must be a state of monodromy_ed_degree (a dictionary with "
                         "'seed', 'points' and 'data'), not %r" % (state,))
    S = _start(net, int(state["seed"]), bool(state.get("twisted", False)))[0]
    X = _decode(state["points"]).reshape(-1, S.d)
    return S, X[S.regular(X)], _decode(state["data"])


def collapse_correspondence(net, state, processes=None, verbose=False):
    r"""
    Return the :class:`CorrespondenceWitness` of the points of a kept state
    of :func:`correspondence_ed_degree` carried to the data: the critical
    points reached from a witness set of the ED correspondence that has
    not (yet) passed its trace test. Its ``ed_degree`` is then a lower
    bound (``trace_residual`` is ``inf``): the points found so far of the
    correspondence give those of the fiber they lead to.

    INPUT:

    - ``net`` -- the architecture of the run
    - ``state`` -- a state handed to ``progress`` by
      :func:`correspondence_ed_degree`
    - ``processes`` -- as in :func:`monodromy_ed_degree`
    - ``verbose`` -- print the outcome of the paths

    EXAMPLES::

        sage: from sage_neuro import LinearNetwork
        sage: from sage_neuro.invariants.ed_monodromy import (collapse_correspondence,
        ....:     correspondence_ed_degree, monodromy_ed_degree)
        sage: states = []
        sage: W = correspondence_ed_degree(LinearNetwork([3, 1, 3]), seed=1, progress=states.append)
        sage: V = collapse_correspondence(LinearNetwork([3, 1, 3]), states[-1])
        sage: V.ed_degree <= W.ed_degree, V.trace_residual
        (True, inf)
        sage: states = []
        sage: _ = monodromy_ed_degree(LinearNetwork([3, 1, 3]), seed=1, progress=states.append)
        sage: collapse_correspondence(LinearNetwork([3, 1, 3]), states[-1])
        Traceback (most recent call last):
        ...
        ValueError: state must be a state of correspondence_ed_degree (twisted), not of monodromy_ed_degree
    """
    if isinstance(state, dict) and not state.get("twisted"):
        raise ValueError("state must be a state of correspondence_ed_degree (twisted), not of "
                         "monodromy_ed_degree")
    S, X, c = saved_critical_points(net, state)
    W = EDWitness(net, S.image(X), c, len(_decode(state["loops"])), float("inf"),
                  int(state["seed"]), int(state["rounds"]), S, X)
    pool = _path_pool(processes)
    try:
        with one_blas_thread():
            return _collapse(net, W, verbose, pool)
    finally:
        pool.close()


def _start(net, seed, twisted):
    # (system, stream, start point, its data) of the runs with this seed:
    # the plain system and data u0, or (twisted) the correspondence and c0
    sliced, crandn = pivot_slice(net, seed)
    d = len(sliced.kept)
    S = CriticalSystem(sliced)
    n = S.n
    # (a random start point, unless the Jacobian of mu is too ill-conditioned there)
    X = well_conditioned_start(lambda Z: S.jacobian(Z)[0], d, crandn)
    x0 = S.image(X)[0]
    # a random normal vector at x0: the left kernel of J(theta0) (n - d
    # columns of U in the SVD, conjugated: the equations use the plain
    # transpose); for M = C^n it is 0 and the ED degree is 1
    J0 = S.jacobian(X)[0]
    left = np.linalg.svd(J0)[0][:, d:].conj()
    nu = left @ crandn(n - d) if n > d else np.zeros(n, dtype=complex)
    u0 = x0 + np.linalg.norm(x0) / np.linalg.norm(nu) * nu if n > d else x0
    if twisted:
        # (x0, u0) lies on the slice u + A x = c0 of the correspondence
        S = CorrespondenceSystem(sliced, crandn(n, n) / np.sqrt(n))
        u0 = u0 + S.twist @ x0
    return S, crandn, X, u0


def _monodromy(net, seed, generators, max_rounds, tolerance, verbose, timeout, progress, resume,
               pool, twisted=False):
    # twisted: the orbit of the correspondence on a generic affine slice
    # (CorrespondenceSystem), whose data is the slice's c, else of the fiber
    start = time.monotonic()
    S, crandn, X, u0 = _start(net, seed, twisted)
    n, d = S.n, S.d
    radius = _LOOP_SIZE * np.linalg.norm(u0) / np.sqrt(n)
    index = ImageIndex(n, seed=seed)

    def hom(Y, u, du):
        return S.equations(Y, u, du) if du is not None else S.equations(Y, u) + (None,)

    # the loops' paths go to the worker processes of the pool (large
    # batches only), the trace test's in-process; the pool stops a batch
    # at the deadline, not only between rounds
    pool.use(lambda Y, a, b: continue_paths(hom, Y, a, b, max_steps=_MAX_STEPS))
    pool.set_deadline(None if timeout is None else start + timeout)

    def track(Y, a, b, max_steps=_MAX_STEPS):
        if max_steps == _MAX_STEPS:
            return pool.track(Y, a, b)
        return continue_paths(hom, Y, a, b, max_steps=max_steps)

    retrack = _retracker(hom)

    def new_loop():
        return (u0 + radius * crandn(n), u0 + radius * crandn(n))

    def around(entries):
        return around_triangles(track, X, u0, loops, entries)

    loops = [new_loop() for _ in range(generators)]
    pending = [(0, l, None) for l in range(len(loops))]
    rounds = 0
    if resume is not None:
        data = _decode(resume["data"])
        if (data.shape != u0.shape or not np.allclose(data, u0)
                or bool(resume.get("twisted", False)) != twisted):
            raise ValueError("resume must be a state of a run on %r" % (net,))
        X = _decode(resume["points"]).reshape(-1, d)
        loops = [(a, b) for a, b in _decode(resume["loops"]).reshape(-1, 2, n)]
        pending = [(int(i), int(l), None) for i, l in resume["pending"]]
        rounds = int(resume["rounds"])
    # a state of a run that kept spurious points (before regular() was
    # checked) goes on from its regular points only
    regular = S.regular(X)
    if not regular.all():
        renumber = np.cumsum(regular) - 1
        pending = [(int(renumber[i]), l, e) for i, l, e in pending if regular[i]]
        X = X[regular]
    index.add(S.image(X))

    def fresh(Y):
        # the regular arrivals whose image is new
        keep = np.nonzero(S.regular(Y))[0]
        return keep[index.add(S.image(Y[keep]))] if len(keep) else keep
    # direction of the curvature pre-test that decides when to stop looping
    probe = radius * crandn(n)

    def report(waiting):
        if progress is not None:
            progress({"seed": seed, "twisted": twisted, "rounds": rounds, "data": _encode(u0),
                      "points": _encode(X),
                      "loops": _encode(np.array(loops)), "pending": [(i, l) for i, l, _ in waiting]})

    def timed_out():
        return TimeoutError("monodromy_ed_degree did not finish within %s s (%d critical points "
                            "so far, not certified)" % (timeout, len(X)))

    deferred, residual, gate = [], np.inf, PretestGate()
    while rounds < max_rounds:
        if pending:
            check_time(start, timeout, str(timed_out()))
            try:
                X, pending, new = orbit_round(around, X, pending, len(loops), fresh)
            except TimeoutError:
                raise timed_out() from None
            rounds += 1
            if verbose:
                print("round %d: %d critical points" % (rounds, len(X)), flush=True)
            report(pending + deferred)
            # stopping rule: once the points found pass the curvature
            # pre-test, the loops still to run wait for the trace test
            if not (len(new) and curvature_residual(S, X, u0, probe) < ED_CURVATURE_TOLERANCE):
                continue
            deferred, pending = deferred + pending, []
        v = radius * crandn(n)
        if not gate.trace_test_due(len(X), curvature_residual(S, X, u0, v),
                                   ED_CURVATURE_TOLERANCE, verbose):
            loops.append(new_loop())
            pending = deferred + [(i, len(loops) - 1, None) for i in range(len(X))]
            deferred = []
            continue
        try:
            residual, ends, reached = trace_residual(S, X, u0, v, track, crandn, retrack)
        except TimeoutError:
            raise timed_out() from None
        if verbose:
            print("trace test on %d points: %.1e" % (len(X), residual), flush=True)
        if residual < tolerance:
            return EDWitness(net, index.points, u0, len(loops), residual, seed, rounds, S, X)
        loops.append((u0 + v, u0 + radius * crandn(n)))
        pending = deferred + [(i, len(loops) - 1, ends[i] if reached[i] else None)
                              for i in range(len(X))]
        deferred = []
    raise ArithmeticError("ED monodromy did not certify its critical points in %d rounds (%d "
                          "points, trace residual %.1e); rerun with another seed"
                          % (max_rounds, len(X), residual))


def _second_coefficient(f, K, X, dX, U=None, dU=None):
    # second Taylor coefficient of t -> f(X + t dX, U + t dU), row by row,
    # for f polynomial of degree < K in t: read off exactly from its values
    # at K roots of unity scaled to |X| (a discrete Fourier transform)
    P, d = X.shape
    w = np.exp(2j * np.pi * np.arange(K) / K)
    r = (1 + np.linalg.norm(X, axis=1)) / np.maximum(np.linalg.norm(dX, axis=1), 1e-300)
    T = r[:, None] * w[None, :]
    Xs = (X[:, None, :] + T[:, :, None] * dX[:, None, :]).reshape(P * K, d)
    if U is None:
        vals = f(Xs)
    else:
        Us = (U[:, None, :] + T[:, :, None] * dU[:, None, :]).reshape(P * K, -1)
        vals = f(Xs, Us)
    vals = vals.reshape(P, K, -1)
    return (vals * w[None, :, None] ** (-2)).sum(axis=1) / (K * r[:, None] ** 2)


def curvature_residual(S, X, u0, v):
    r"""
    Return the relative norm of ``sum_i x_i''(0)``, the second derivatives
    of the critical points ``x_i(s) = mu(theta_i(s))`` along the data line
    ``u0 + s v``: the trace test in the limit of a short line, without
    path tracking. It vanishes (up to rounding) for the set of all critical
    points and is a nonzero analytic function of ``(u0, v)`` for a proper
    subset. The derivatives come from implicit differentiation of
    ``G(theta(s), u0 + s v) = 0``: ``H theta' = J^T v`` and ``H theta'' =
    -d^2/dt^2 G(theta + t theta', u0 + t v)``, then ``x'' = J theta'' +
    D^2 mu[theta', theta']`` (second derivatives along lines exactly, by
    a discrete Fourier transform of a polynomial in ``t``).

    INPUT:

    - ``S`` -- a :class:`CriticalSystem`
    - ``X`` -- critical points of ``S`` for the data ``u0`` (one row each)
    - ``u0``, ``v`` -- the data and a direction (vectors)

    OUTPUT: a float (``inf`` if a linear system is singular)

    EXAMPLES:

    The three critical points of the 3 x 3 matrices of rank 1 (singular
    value decomposition) against two of them::

        sage: from sage_neuro import LinearNetwork
        sage: from sage_neuro.invariants.ed_monodromy import curvature_residual, monodromy_ed_degree
        sage: from sage_neuro.invariants.slice import CoordinateSlice
        sage: W = monodromy_ed_degree(LinearNetwork([3, 1, 3]), seed=1)
        sage: S, X, u0, v = W.system, W.parameters, W.data, W.data[::-1]
        sage: curvature_residual(S, X, u0, v) < 1e-9, curvature_residual(S, X[:2], u0, v) > 1e-3
        (True, True)
    """
    P, n = len(X), len(u0)
    U, V = np.broadcast_to(u0, (P, n)), np.broadcast_to(v, (P, n))
    with np.errstate(all="ignore"):
        try:
            _, H, R = S.equations(X, U, V)
            t1 = np.linalg.solve(H, R[..., None])[..., 0]
            g2 = _second_coefficient(S.gradient, 2 * S.degree, X, t1, U, V)
            t2 = -np.linalg.solve(H, 2 * g2[..., None])[..., 0]
            m2 = _second_coefficient(S.image, S.degree + 1, X, t1)
            x2 = np.matmul(S.jacobian(X), t2[..., None])[..., 0] + 2 * m2
        except np.linalg.LinAlgError:
            return np.inf
    value = float(np.linalg.norm(x2.sum(axis=0)) / np.abs(x2).sum())
    return value if np.isfinite(value) else np.inf


def trace_residual(S, X, u0, v, track, crandn, retrack=None):
    r"""
    Return ``(residual, ends, reached)``: the relative second difference of
    ``sum_i x_i(s)`` at ``s = -1, 0, 1`` along the data line ``u0 + s v``
    (``inf`` if some path does not arrive), the points tracked to ``s = 1``
    and their success mask.

    A path that does not arrive within a few hundred steps, or arrives
    where another path did, is tracked again along short detours ``u0 ->
    w -> u0 +- v`` through random data points ``w`` near the middle of the
    segment: their ends are points of the fiber over ``u0 +- v`` too
    (possibly others, if the detour and the segment enclose branch
    points), and new ones join until ``len(X)`` distinct points are known
    over each end. For a complete set these are the whole fibers, whatever
    the paths; for a proper subset, the sums are those of some proper
    subsets of the fibers, which are not affine in the data. With
    ``retrack``, the paths still missing then are tracked again along
    their segments with steps :data:`RETRACK_STEPS` times smaller.

    INPUT:

    - ``S`` -- a :class:`CriticalSystem`
    - ``X`` -- critical points for the data ``u0``
    - ``u0``, ``v`` -- the data and the direction of the line
    - ``track`` -- ``track(Y, a, b, max_steps)`` continues the rows of
      ``Y`` from the data ``a`` to ``b`` (e.g. by
      :func:`~sage_neuro.invariants.monodromy.continue_paths`)
    - ``crandn`` -- ``crandn(rows, n)``: random complex Gaussian arrays
      (for the detours)
    - ``retrack`` -- ``None`` or ``retrack(Y, a, b, k)``: continues the
      rows of ``Y`` from ``a`` to ``b`` with steps ``k`` times smaller
      (e.g. :func:`~sage_neuro.invariants.monodromy.continue_paths` with
      ``refine=k``)

    EXAMPLES::

        sage: import numpy as np
        sage: from sage_neuro import LinearNetwork
        sage: from sage_neuro.invariants.ed_monodromy import monodromy_ed_degree, trace_residual
        sage: from sage_neuro.invariants.monodromy import continue_paths
        sage: W = monodromy_ed_degree(LinearNetwork([3, 1, 3]), seed=1)
        sage: S, X, u0 = W.system, W.parameters, W.data
        sage: hom = lambda Y, u, du: S.equations(Y, u, du) if du is not None else S.equations(Y, u) + (None,)
        sage: track = lambda Y, a, b, max_steps: continue_paths(hom, Y, a, b, max_steps)
        sage: rng = np.random.default_rng(int(5))
        sage: crandn = lambda *s: rng.standard_normal(tuple(int(k) for k in s)) * (1 + 1j)
        sage: trace_residual(S, X, u0, crandn(9), track, crandn)[0] < 1e-9
        True
        sage: trace_residual(S, X[:2], u0, crandn(9), track, crandn)[0] > 1e-3
        True
    """
    P, n = len(X), len(u0)
    base = np.broadcast_to(u0, (2 * P, n))
    ends = np.vstack([np.broadcast_to(u0 - v, (P, n)), np.broadcast_to(u0 + v, (P, n))])
    X2 = np.vstack([X, X])
    half = np.repeat([0, 1], P)
    Y, ok = track(X2, base, ends, _TRACE_STEPS)
    reached = ok.copy()
    # the fiber points found over u0 - v and u0 + v (image and parameters)
    found = [ImageIndex(n), ImageIndex(n)]
    params = [[], []]
    contributed = np.zeros(2 * P, dtype=bool)

    def collect(rows, Z, good):
        for h in (0, 1):
            mine = np.nonzero(good & (half[rows] == h) & S.regular(Z))[0]
            if len(mine):
                kept = mine[found[h].add(S.image(Z[mine]))]
                params[h].append(Z[kept])
                contributed[rows[kept]] = True

    collect(np.arange(2 * P), Y, ok)
    size = _DETOUR_SIZE * np.linalg.norm(v) / np.sqrt(n)
    for _ in range(_DETOURS):
        # a path that did not arrive (or arrived where another one did) is
        # tracked along a short detour u0 -> w -> u0 +- v around the place
        # where it failed; its end is a point of the same fiber, kept if new
        rows = np.nonzero(~contributed & (np.array([len(f) for f in found])[half] < P))[0]
        if not len(rows):
            break
        mid = (base[rows] + ends[rows]) / 2 + size * crandn(len(rows), n)
        Z, good = track(X2[rows], base[rows], mid, 4 * _TRACE_STEPS)
        Z, arrived = track(Z, mid, ends[rows], 4 * _TRACE_STEPS)
        collect(rows, Z, good & arrived)
    for k in RETRACK_STEPS if retrack is not None else ():
        rows = np.nonzero(~contributed & (np.array([len(f) for f in found])[half] < P))[0]
        if not len(rows):
            break
        collect(rows, *retrack(X2[rows], base[rows], ends[rows], k))
    if len(found[0]) < P or len(found[1]) < P:
        return np.inf, Y[P:], reached[P:]
    return (trace_second_difference(S.image(X), found[0].points, found[1].points),
            Y[P:], reached[P:])
