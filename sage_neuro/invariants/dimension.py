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
    (10, 8388593, [0, 1, 2, 3, 4, 5, 6, 7, 8, 9])
"""

import numpy as np

from sage.matrix.constructor import matrix
from sage.rings.finite_rings.finite_field_constructor import GF
from sage.rings.integer import Integer
from sage.rings.rational_field import QQ

from sage_neuro.cache import CacheKey, cache_of
from sage_neuro.constants import JACOBIAN_PRIME


def coefficient_arrays(net):
    r"""
    Return the terms of all coordinate functions of ``mu`` over ``QQ`` as
    arrays, built once per network object (in its
    :func:`~sage_neuro.cache.cache_of`): the coordinate of each term, the
    exponent vectors (one row per term), and the numerators and
    denominators of the coefficients (Python integers).

    INPUT:

    - ``net`` -- an architecture

    OUTPUT: a tuple ``(rows, exponents, numerators, denominators)``

    EXAMPLES::

        sage: from sage_neuro import LinearNetwork
        sage: from sage_neuro.invariants.dimension import coefficient_arrays
        sage: rows, E, nums, dens = coefficient_arrays(LinearNetwork([2, 1, 1]))  # (w1_0 w2, w1_1 w2)
        sage: rows.tolist(), E.tolist(), nums, dens
        ([0, 1], [[1, 0, 1], [0, 1, 1]], [1, 1], [1, 1])
    """
    def build():
        rows, exps, nums, dens = [], [], [], []
        for i, f in enumerate(net.coordinate_functions()):
            for e, c in f.dict().items():
                rows.append(i)
                exps.append(tuple(e))
                nums.append(int(c.numerator()))
                dens.append(int(c.denominator()))
        N = int(net.num_parameters())
        return (np.array(rows, dtype=np.int64),
                np.array(exps, dtype=np.int64).reshape(len(exps), N),
                nums, dens)
    return cache_of(net).lookup(CacheKey("coefficient_arrays"), build)


def jacobian_evaluator(polys, p):
    r"""
    Return a function ``x -> `` the Jacobian matrix (integer numpy array,
    entries mod ``p``) of the polynomials ``polys`` (over ``GF(p)`` or with
    integral coefficients) at the point ``x``, evaluated in one vectorised
    pass over the terms of the derivatives: evaluating each symbolic
    derivative separately took most of the time of the singular-locus
    candidate route (3.6 of 4.4 s for ``LinearNetwork([8, 2, 3])``).

    EXAMPLES::

        sage: from sage_neuro.invariants.dimension import jacobian_evaluator
        sage: R.<x, y> = GF(7)[]
        sage: jacobian_evaluator([x^2 * y, x + 3 * y], 7)([2, 0]).tolist()
        [[0, 4], [1, 3]]
    """
    n = polys[0].parent().ngens() if polys else 0
    rows, cols, exps, coefs = [], [], [], []
    for i, f in enumerate(polys):
        for e, c in f.dict().items():
            for j in range(n):
                if e[j]:
                    d = list(e)
                    d[j] -= 1
                    rows.append(i)
                    cols.append(j)
                    exps.append(d)
                    coefs.append(int(c) * e[j] % p)
    rows, cols = np.array(rows, dtype=np.int64), np.array(cols, dtype=np.int64)
    E = np.array(exps, dtype=np.int64).reshape(len(exps), n)
    coefs = np.array(coefs, dtype=np.int64)
    top = int(E.max()) if E.size else 0

    def jac(x):
        x = np.array([int(v) for v in x], dtype=np.int64) % p
        powers = np.ones((n, top + 1), dtype=np.int64)
        for k in range(1, top + 1):
            powers[:, k] = powers[:, k - 1] * x % p
        vals = coefs.copy()
        for j in range(n):
            vals = vals * powers[j, E[:, j]] % p
        J = np.zeros((len(polys), n), dtype=np.int64)
        np.add.at(J, (rows, cols), vals)
        return J % p
    return jac


def coefficient_jacobian_mod_p(net, point, p):
    r"""
    Return the Jacobian of the coefficients of ``mu`` at ``point`` modulo
    the prime ``p < 2^31`` (an integer numpy array, one row per coordinate
    function), from the terms of the expanded coefficients; the evaluator
    (:func:`jacobian_evaluator`) is built once per network and prime.

    EXAMPLES::

        sage: from sage_neuro import LinearNetwork
        sage: from sage_neuro.invariants.dimension import coefficient_jacobian_mod_p
        sage: coefficient_jacobian_mod_p(LinearNetwork([2, 1, 1]), [2, 3, 5], 101).tolist()
        [[5, 0, 2], [0, 5, 3]]
    """
    p = int(p)
    jac = cache_of(net).lookup(CacheKey("jacobian_evaluator", prime=p),
                               lambda: jacobian_evaluator(net.coordinate_functions(GF(p)), p))
    return jac(point)


def jacobian_at(net, point, base_ring):
    r"""
    Return the Jacobian of ``mu`` at ``point`` over ``base_ring``.

    Over a prime field ``GF(p)`` with ``p < 2^31`` the matrix is assembled
    from the terms of ``mu`` in one vectorised pass (no symbolic
    derivatives); otherwise the symbolic derivatives are evaluated.

    EXAMPLES::

        sage: from sage_neuro import LinearNetwork
        sage: from sage_neuro.invariants.dimension import jacobian_at
        sage: jacobian_at(LinearNetwork([1, 1, 1]), [GF(5)(2), GF(5)(3)], GF(5))
        [3 2]
        sage: jacobian_at(LinearNetwork([1, 1, 1]), [2, 3], QQ)
        [3 2]
    """
    p = int(base_ring.characteristic())
    if base_ring.is_finite() and base_ring.is_prime_field() and p < 2 ** 31:
        return matrix(base_ring, coefficient_jacobian_mod_p(net, point, p).tolist())
    J = net._jacobian_symbolic(base_ring)
    return matrix(base_ring, [[d(*point) for d in row] for row in J])


def has_evaluation(net):
    r"""
    Return whether ``net`` computes its outputs at given parameters and
    inputs by itself (``_outputs_at``), so that its Jacobian can be taken by
    forward differentiation.

    EXAMPLES::

        sage: from sage_neuro import PolynomialCNN
        sage: from sage_neuro.invariants.dimension import has_evaluation
        sage: has_evaluation(PolynomialCNN([2, 2]))
        True
    """
    try:
        net._outputs_at([0] * int(net.num_parameters()), [0] * int(net._input_dimension()))
    except NotImplementedError:
        return False
    return True


def jacobian_rank(net, seed=None, prime=JACOBIAN_PRIME):
    r"""
    Return ``(rank, prime, pivots)``: the rank of the Jacobian of ``mu`` at a
    random point over ``GF(prime)`` (``prime=0``: a random integer point,
    over ``QQ``), and the indices of a maximal set of parameters whose
    Jacobian columns are independent there.

    Over ``GF(prime)`` the Jacobian is computed by forward differentiation
    of the network at random inputs when the architecture can be evaluated
    (:mod:`sage_neuro.invariants.evaluation`; no output polynomial is
    expanded), else from the expanded coefficients.

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
    if prime != 0 and prime < 2 ** 31 and has_evaluation(net):
        from sage_neuro.invariants.evaluation import evaluation_jacobian_rank
        return evaluation_jacobian_rank(net, seed=seed, prime=prime)
    K = QQ if prime == 0 else GF(prime)
    pt = net.random_parameters(K, seed=seed, bound=1000)
    J = jacobian_at(net, pt, K)
    piv = list(J.pivots())
    return Integer(len(piv)), prime, piv
