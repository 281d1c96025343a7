r"""
Dimension of a neuromanifold as the generic rank of the Jacobian of ``mu``.

The rank of the Jacobian at any point is a lower bound for the generic rank;
at a random point over ``GF(p)`` it equals the generic rank unless the point
is a zero of a nonzero maximal minor, which happens with probability at most
``deg(minor) / p`` (Schwartz-Zippel). Over ``QQ`` the rank at a point is a
proven lower bound.

EXAMPLES::

    sage: from sage_neuro import LinearNetwork
    sage: from sage_neuro.invariants.dimension import jacobian_rank
    sage: jacobian_rank(LinearNetwork([4, 2, 3]), seed=0)
    (10, 2147483647, [0, 1, 2, 3, 4, 5, 6, 7, 8, 9])
"""

from sage.matrix.constructor import matrix
from sage.rings.finite_rings.finite_field_constructor import GF
from sage.rings.integer import Integer
from sage.rings.rational_field import QQ

from sage_neuro.architectures.base import JACOBIAN_PRIME


def jacobian_at(net, point, base_ring):
    r"""
    Return the Jacobian of ``mu`` at ``point`` over ``base_ring``.

    EXAMPLES::

        sage: from sage_neuro import LinearNetwork
        sage: from sage_neuro.invariants.dimension import jacobian_at
        sage: jacobian_at(LinearNetwork([1, 1, 1]), [GF(5)(2), GF(5)(3)], GF(5))
        [3 2]
    """
    P = net.parameter_ring(base_ring)
    F = net.coordinate_functions(base_ring)
    cache = net.__dict__.setdefault("_jacobian_cache", {})
    if base_ring not in cache:
        cache[base_ring] = [[f.derivative(g) for g in P.gens()] for f in F]
    J = cache[base_ring]
    return matrix(base_ring, [[d(*point) for d in row] for row in J])


def jacobian_rank(net, seed=None, prime=JACOBIAN_PRIME):
    r"""
    Return ``(rank, prime, pivots)``: the rank of the Jacobian of ``mu`` at a
    random point over ``GF(prime)`` (``prime=0``: a random integer point,
    over ``QQ``), and the indices of a maximal set of parameters whose
    Jacobian columns are independent there.

    INPUT:

    - ``net`` -- an architecture
    - ``seed`` -- integer seed of the random point
    - ``prime`` -- a prime, or ``0`` for ``QQ``

    EXAMPLES::

        sage: from sage_neuro import LinearNetwork
        sage: from sage_neuro.invariants.dimension import jacobian_rank
        sage: jacobian_rank(LinearNetwork([3, 1, 3]), seed=1, prime=0)[0]
        5
    """
    K = QQ if prime == 0 else GF(prime)
    pt = net.random_parameters(K, seed=seed, bound=1000)
    J = jacobian_at(net, pt, K)
    piv = list(J.pivots())
    return Integer(len(piv)), prime, piv
