r"""
The Jacobian of ``mu`` by forward differentiation of the network at sample
inputs, over ``GF(p)``: no coefficient of any output polynomial is
expanded.

``mu`` sends the parameters to the coefficients of the output polynomials;
evaluating those polynomials at inputs ``x_1, ..., x_K`` is a linear map
``E``. The network itself computes ``theta -> (f_theta(x_k))_k = E mu(theta)``
layer by layer, so its Jacobian ``E J`` comes from one forward pass with
dual numbers (value and gradient with respect to all parameters, as in
forward-mode automatic differentiation), vectorised over the inputs. For
``K >= N`` (the number of parameters) random inputs, ``E`` is injective on
the column space of ``J`` unless the inputs lie on a proper subvariety, so
``E J`` has the rank *and the pivot columns* of ``J``; the failure
probability is bounded by Schwartz-Zippel (degree of a maximal minor over
``p``). This reaches networks whose coefficient expansion is out of reach:
MLP ``[5, 5, 5, 5]`` with ``x^3`` has outputs of degree 27 in 5 variables
(31,465 coefficients each; expanding them takes minutes), its Jacobian
rank by evaluation 0.2 s; ``[6, 6, 6, 6, 6]`` with ``x^3`` (degree 81)
1.6 s.

Architectures provide ``_outputs_at(theta, x)``: the output values for
parameter values ``theta`` and input values ``x`` in any ring (here: the
dual numbers :class:`DualArray`).

EXAMPLES::

    sage: from sage_neuro import PolynomialMLP
    sage: from sage_neuro.invariants.evaluation import evaluation_jacobian_rank
    sage: evaluation_jacobian_rank(PolynomialMLP([3, 3, 3]), seed=1)[0]
    15
"""

import numpy as np

from sage.rings.integer import Integer
from sage.rings.rational_field import QQ

from sage_neuro.constants import JACOBIAN_PRIME


class DualArray:
    r"""
    Values and gradients, over ``GF(p)``, of one quantity of a network at
    ``K`` inputs: ``v`` has shape ``(K,)`` (or is a scalar), ``g`` shape
    ``(K, N)`` (or is the scalar ``0`` for constants). Products stay below
    ``2^63`` for ``p < 2^31``: every product is reduced before it is added.

    EXAMPLES::

        sage: import numpy as np
        sage: from sage_neuro.invariants.evaluation import DualArray
        sage: x = DualArray(np.array([2, 3]), np.array([[1], [1]]), 7)
        sage: y = x ** 3 + 2 * x
        sage: y.v.tolist(), y.g.tolist()      # x^3 + 2x and 3x^2 + 2, mod 7
        ([5, 5], [[0], [1]])
    """
    __slots__ = ("v", "g", "p")

    def __init__(self, v, g, p):
        self.v, self.g, self.p = v, g, p

    def _lift(self, c):
        if isinstance(c, DualArray):
            return c
        c = QQ(c)
        return DualArray(int(c.numerator()) % self.p * pow(int(c.denominator()), -1, self.p)
                         % self.p, 0, self.p)

    def __add__(self, o):
        o = self._lift(o)
        return DualArray((self.v + o.v) % self.p, (self.g + o.g) % self.p, self.p)

    __radd__ = __add__

    def __neg__(self):
        return DualArray((-self.v) % self.p, (-self.g) % self.p, self.p)

    def __sub__(self, o):
        return self + (-self._lift(o))

    def __rsub__(self, o):
        return (-self) + o

    @staticmethod
    def _scale(v, g):
        # v: scalar or (K,); g: scalar or (K, 1) or (K, N)
        if np.ndim(v) == 1:
            return v[:, None] * g
        return v * g

    def __mul__(self, o):
        o = self._lift(o)
        p = self.p
        g = (self._scale(self.v, o.g) % p + self._scale(o.v, self.g) % p) % p
        return DualArray(self.v * o.v % p, g, p)

    __rmul__ = __mul__

    def __pow__(self, n):
        n = int(n)
        if n < 0:
            raise ValueError("only nonnegative integer powers")
        result, base = self._lift(1), self
        while n:
            if n & 1:
                result = result * base
            n >>= 1
            if n:
                base = base * base
        return result


class ComplexDual:
    r"""
    Values and gradients, in complex floating point, of one quantity of a
    network at ``P`` parameter points and ``K`` inputs: ``v`` broadcasts
    to shape ``(P, K)``, ``g`` to ``(P, K, d)`` for ``d`` free parameters
    (``None`` for a quantity that does not depend on them: an input or a
    fixed parameter). Forward differentiation through
    ``net._outputs_at``, as :class:`DualArray` does over ``GF(p)``.

    EXAMPLES::

        sage: import numpy as np
        sage: from sage_neuro.invariants.evaluation import ComplexDual
        sage: t = ComplexDual(np.array([[2.0], [1j]]), np.ones((2, 1, 1)))    # two points
        sage: x = ComplexDual(np.array([[1.0, 3.0]]))                          # two inputs
        sage: y = (t * x) ** 2 + 1 - t
        sage: y.v.tolist()         # t^2 x^2 + 1 - t
        [[(3+0j), (35+0j)], [-1j, (-8-1j)]]
        sage: y.g[..., 0].tolist()      # 2 t x^2 - 1
        [[(3+0j), (35+0j)], [(-1+2j), (-1+18j)]]
    """
    __slots__ = ("v", "g")

    def __init__(self, v, g=None):
        self.v, self.g = v, g

    @staticmethod
    def _lift(c):
        if isinstance(c, ComplexDual):
            return c
        return ComplexDual(complex(c))

    @staticmethod
    def _sum(a, b):
        return b if a is None else a if b is None else a + b

    @staticmethod
    def _scaled(v, g):
        return None if g is None else np.asarray(v)[..., None] * g

    def __add__(self, o):
        o = self._lift(o)
        return ComplexDual(self.v + o.v, self._sum(self.g, o.g))

    __radd__ = __add__

    def __neg__(self):
        return ComplexDual(-self.v, None if self.g is None else -self.g)

    def __sub__(self, o):
        return self + (-self._lift(o))

    def __rsub__(self, o):
        return (-self) + o

    def __mul__(self, o):
        o = self._lift(o)
        return ComplexDual(self.v * o.v, self._sum(self._scaled(self.v, o.g),
                                                   self._scaled(o.v, self.g)))

    __rmul__ = __mul__

    def __pow__(self, n):
        n = int(n)
        if n < 0:
            raise ValueError("only nonnegative integer powers")
        if n == 0:
            return ComplexDual(np.ones_like(self.v))
        return ComplexDual(self.v ** n, self._scaled(n * self.v ** (n - 1), self.g))


def evaluation_jacobian(net, theta, prime=JACOBIAN_PRIME, inputs=None, seed=0):
    r"""
    Return the Jacobian of ``theta -> (f_theta(x_k))_k`` at ``theta`` over
    ``GF(prime)`` as an integer numpy array with one row per input and
    output and one column per parameter.

    INPUT:

    - ``net`` -- an architecture with ``_outputs_at``
    - ``theta`` -- parameter values (integers or elements of ``GF(prime)``)
    - ``prime`` -- a prime below ``2^31``
    - ``inputs`` -- the number ``K`` of random inputs (default: the number
      of parameters plus 2)
    - ``seed`` -- seed of the random inputs

    EXAMPLES::

        sage: from sage_neuro import LinearNetwork
        sage: from sage_neuro.invariants.evaluation import evaluation_jacobian
        sage: J = evaluation_jacobian(LinearNetwork([1, 1, 1]), [2, 3], prime=101, inputs=4)
        sage: J.shape      # f = w2 w1 x at 4 inputs x: rows (w2 x, w1 x) = (3x, 2x)
        (4, 2)
        sage: all((2 * r[0] - 3 * r[1]) % 101 == 0 for r in J)
        True
    """
    p = int(prime)
    if not 2 < p < 2 ** 31:
        raise ValueError("prime must be an odd prime below 2^31, not %s" % prime)
    N = int(net.num_parameters())
    if len(theta) != N:
        raise ValueError("theta must have %d entries, not %d" % (N, len(theta)))
    K = N + 2 if inputs is None else int(inputs)
    rng = np.random.default_rng(int(seed))
    x = [DualArray(rng.integers(0, p, K, dtype=np.int64), 0, p)
         for _ in range(int(net._input_dimension()))]
    eye = np.eye(N, dtype=np.int64)
    params = [DualArray(np.full(K, int(t) % p, dtype=np.int64),
                        np.broadcast_to(eye[j], (K, N)), p) for j, t in enumerate(theta)]
    rows = []
    for out in net._outputs_at(params, x):
        out = params[0]._lift(out) if not isinstance(out, DualArray) else out
        rows.append(np.broadcast_to(out.g, (K, N)))
    return np.concatenate(rows, axis=0) % p


def evaluation_jacobian_rank(net, seed=None, prime=JACOBIAN_PRIME):
    r"""
    Return ``(rank, prime, pivots)`` of the Jacobian of ``mu`` at a random
    point over ``GF(prime)``, computed by :func:`evaluation_jacobian`; the
    same values as :func:`~sage_neuro.invariants.dimension.jacobian_rank`
    (up to the random draws) without expanding the output polynomials.

    EXAMPLES::

        sage: from sage_neuro import PolynomialMLP, LinearNetwork
        sage: from sage_neuro.invariants.evaluation import evaluation_jacobian_rank
        sage: from sage_neuro.invariants.dimension import jacobian_rank
        sage: net = LinearNetwork([4, 2, 3])
        sage: evaluation_jacobian_rank(net, seed=0) == jacobian_rank(net, seed=0)
        True
        sage: evaluation_jacobian_rank(PolynomialMLP([5, 5, 5, 5], activation=3), seed=0)[0]
        65
    """
    from sage.matrix.constructor import matrix
    from sage.rings.finite_rings.finite_field_constructor import GF
    K = GF(prime)
    theta = net.random_parameters(K, seed=seed, bound=1000)
    J = evaluation_jacobian(net, theta, prime=prime, seed=0 if seed is None else int(seed))
    piv = list(matrix(K, J).pivots())
    return Integer(len(piv)), prime, piv
