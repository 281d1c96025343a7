r"""
Polar degrees and Chern-Mather classes: the generic ED degree of a
projective variety from its characteristic classes.

For a projective variety ``X`` of dimension ``m`` in ``P^n`` let ``c_i``
be the degree of the part of dimension ``m - i`` of its Chern-Mather class
``c_M(X)`` (``c_0 = deg X``; for smooth ``X``, ``c_M(X) = c(T_X) cap [X]``).
Its polar degrees are (Piene's formula)

.. MATH::

    \mu_k = \sum_{i=0}^{k} (-1)^i \binom{m - i + 1}{k - i} c_i,
    \qquad k = 0, \dots, m,

``mu_0 = deg X``, and ``mu_k = 0`` for ``k`` above ``m`` minus the defect of
the dual variety, whose degree is the last nonzero one. The ED degree of
the affine cone over ``X`` for a generic inner product is ``mu_0 + ... +
mu_m`` (Draisma-Horobet-Ottaviani-Sturmfels-Thomas, arXiv 1309.0049,
Theorem 5.4); the same sum is the ED degree for the inner product at hand
whenever the isotropic quadric meets ``X`` transversally, in the sense that
the conormal variety of ``X`` misses the diagonal of the quadric.

Three constructions give the Chern-Mather classes of the varieties of this
library:

- a smooth variety: its Chern classes (:func:`veronese_chern_mather`);
- projective duality: the conormal variety of ``X^\vee`` is that of ``X``
  with its factors exchanged, so the nonzero polar degrees of ``X^\vee``
  are those of ``X`` in reverse order (:func:`dual_polar_degrees`);
- products: ``c_M(A x B) = c_M(A) x c_M(B)`` (Kwiecinski), pushed into the
  Segre embedding (:func:`segre_product_chern_mather`).

EXAMPLES:

The Veronese surface has polar degrees ``4, 6, 3`` (its degree, the class
of a conic, the degree of the cubic symmetroid dual to it); the symmetroid
has them in reverse order, and both have the generic ED degree 13::

    sage: from sage_neuro.invariants.polar_degrees import (veronese_chern_mather,
    ....:     polar_degrees, dual_polar_degrees, chern_mather_degrees, generic_ed_degree)
    sage: V = veronese_chern_mather(2, 2); V
    [4, 6, 3]
    sage: polar_degrees(2, V)
    [4, 6, 3]
    sage: S = dual_polar_degrees(polar_degrees(2, V), 4); S
    [3, 6, 4, 0, 0]
    sage: C = chern_mather_degrees(4, S); C
    [3, 9, 10, 6, 3]
    sage: generic_ed_degree(2, V), generic_ed_degree(4, C)
    (13, 13)
"""

from itertools import product
from math import comb, factorial

from sage.rings.integer import Integer


def _check_classes(dimension, values, name):
    dimension = Integer(dimension)
    if dimension < 0:
        raise ValueError("dimension must be a nonnegative integer, not %s" % dimension)
    values = [Integer(c) for c in values]
    if len(values) != dimension + 1:
        raise ValueError("%s must list dimension + 1 = %d degrees, not %d"
                         % (name, dimension + 1, len(values)))
    return int(dimension), values


def polar_degrees(dimension, chern_mather):
    r"""
    Return the polar degrees ``mu_0, ..., mu_m`` of a projective variety of
    dimension ``m`` from the degrees of its Chern-Mather class (Piene's
    formula, module documentation).

    INPUT:

    - ``dimension`` -- the dimension ``m`` of the projective variety
    - ``chern_mather`` -- the list ``c_0, ..., c_m`` of the degrees of the
      parts of dimension ``m, ..., 0`` of its Chern-Mather class

    OUTPUT: a list of ``m + 1`` integers

    EXAMPLES:

    The plane ``P^2`` (its dual is empty: only ``mu_0`` is nonzero) and a
    smooth conic (degree 2, its dual a conic)::

        sage: from sage_neuro.invariants.polar_degrees import polar_degrees
        sage: polar_degrees(2, [1, 3, 3])
        [1, 0, 0]
        sage: polar_degrees(1, [2, 2])
        [2, 2]
        sage: polar_degrees(1, [2])
        Traceback (most recent call last):
        ...
        ValueError: chern_mather must list dimension + 1 = 2 degrees, not 1
    """
    m, c = _check_classes(dimension, chern_mather, "chern_mather")
    return [Integer(sum((-1) ** i * comb(m - i + 1, k - i) * c[i] for i in range(k + 1)))
            for k in range(m + 1)]


def chern_mather_degrees(dimension, polar):
    r"""
    Return the degrees ``c_0, ..., c_m`` of the Chern-Mather class of a
    projective variety of dimension ``m`` from its polar degrees: the
    inverse of :func:`polar_degrees` (its matrix is triangular with
    diagonal ``(-1)^k``).

    INPUT:

    - ``dimension`` -- the dimension ``m``
    - ``polar`` -- the polar degrees ``mu_0, ..., mu_m``

    OUTPUT: a list of ``m + 1`` integers

    EXAMPLES::

        sage: from sage_neuro.invariants.polar_degrees import chern_mather_degrees, polar_degrees
        sage: chern_mather_degrees(2, [1, 0, 0])
        [1, 3, 3]
        sage: chern_mather_degrees(3, polar_degrees(3, [5, 7, 11, 13]))
        [5, 7, 11, 13]
    """
    m, mu = _check_classes(dimension, polar, "polar")
    c = []
    for k in range(m + 1):
        rest = sum((-1) ** i * comb(m - i + 1, k - i) * c[i] for i in range(k))
        c.append(Integer((-1) ** k * (mu[k] - rest)))
    return c


def dual_polar_degrees(polar, dual_dimension):
    r"""
    Return the polar degrees of the dual variety ``X^\vee``, of dimension
    ``dual_dimension``, from those of ``X``: the nonzero ones in reverse
    order, then zeros (arXiv 1309.0049, Section 5: the conormal varieties of
    ``X`` and ``X^\vee`` are the same up to exchanging the factors).

    INPUT:

    - ``polar`` -- the polar degrees of ``X``
    - ``dual_dimension`` -- the dimension of ``X^\vee`` (at least the
      number of nonzero polar degrees minus one)

    OUTPUT: a list of ``dual_dimension + 1`` integers

    EXAMPLES:

    A smooth plane conic is self-dual; the twisted cubic curve (polar
    degrees ``3, 4``) has as dual the quartic surface of binary cubics with
    a double root::

        sage: from sage_neuro.invariants.polar_degrees import dual_polar_degrees
        sage: dual_polar_degrees([2, 2], 1)
        [2, 2]
        sage: dual_polar_degrees([3, 4], 2)
        [4, 3, 0]
        sage: dual_polar_degrees([3, 4], 0)
        Traceback (most recent call last):
        ...
        ValueError: dual_dimension must be at least 1 (2 nonzero polar degrees), not 0
    """
    mu = [Integer(x) for x in polar]
    while mu and mu[-1] == 0:
        mu.pop()
    dual_dimension = Integer(dual_dimension)
    if dual_dimension < len(mu) - 1:
        raise ValueError("dual_dimension must be at least %d (%d nonzero polar degrees), not %s"
                         % (len(mu) - 1, len(mu), dual_dimension))
    return mu[::-1] + [Integer(0)] * int(dual_dimension + 1 - len(mu))


def veronese_chern_mather(n, degree):
    r"""
    Return the degrees of the Chern classes of ``P^n`` embedded by
    ``O(degree)``: ``c(T) = (1 + h)^(n+1)`` and ``H = degree h``, so ``c_i =
    binom(n + 1, i) degree^(n - i)``.

    INPUT:

    - ``n`` -- a nonnegative integer
    - ``degree`` -- a positive integer

    OUTPUT: a list of ``n + 1`` integers

    EXAMPLES::

        sage: from sage_neuro.invariants.polar_degrees import veronese_chern_mather
        sage: veronese_chern_mather(1, 3), veronese_chern_mather(2, 1)
        ([3, 2], [1, 3, 3])
        sage: veronese_chern_mather(2, 0)
        Traceback (most recent call last):
        ...
        ValueError: degree must be a positive integer, not 0
    """
    n, degree = Integer(n), Integer(degree)
    if n < 0:
        raise ValueError("n must be a nonnegative integer, not %s" % n)
    if degree < 1:
        raise ValueError("degree must be a positive integer, not %s" % degree)
    return [Integer(comb(n + 1, i) * degree ** (n - i)) for i in range(n + 1)]


def segre_product_chern_mather(factors):
    r"""
    Return the dimension and the degrees of the Chern-Mather class of the
    Segre product ``X_1 x ... x X_s`` (embedded by ``O(1, ..., 1)``), each
    ``X_j`` of dimension ``m_j`` in ``P^{n_j}`` given by the degrees of its
    Chern-Mather class.

    The part of dimension ``m_j - i`` of ``c_M(X_j)`` is ``c_i h_j^(n_j -
    m_j + i)`` in the Chow ring of ``P^{n_j}``; the product of these classes
    is ``c_M`` of the product (Kwiecinski), and a class ``h^e`` of ``P^{n_1}
    x ... x P^{n_s}`` has degree ``(N - |e|)! / prod (n_j - e_j)!`` for ``H =
    sum h_j``, ``N = sum n_j``.

    INPUT:

    - ``factors`` -- a list of triples ``(n_j, m_j, c)``, ``c`` the degrees
      ``c_0, ..., c_{m_j}`` of ``c_M(X_j)``

    OUTPUT: a pair ``(m, degrees)``: ``m = sum m_j`` and the ``m + 1``
    degrees of ``c_M`` of the product

    EXAMPLES:

    ``P^1 x P^1`` is the quadric surface, with ``c(T) = (1 + h_1)^2 (1 +
    h_2)^2``::

        sage: from sage_neuro.invariants.polar_degrees import (segre_product_chern_mather,
        ....:     veronese_chern_mather, generic_ed_degree)
        sage: P1 = (1, 1, veronese_chern_mather(1, 1))
        sage: segre_product_chern_mather([P1, P1])
        (2, [2, 4, 4])
        sage: generic_ed_degree(*segre_product_chern_mather([P1, P1]))
        6
        sage: segre_product_chern_mather([(1, 1, [1])])
        Traceback (most recent call last):
        ...
        ValueError: factors[0] must be (n, m, c) with 0 <= m <= n and m + 1 degrees c, not (1, 1, [1])
    """
    if not factors:
        raise ValueError("factors must be a nonempty list of triples (n, m, c)")
    checked = []
    for j, f in enumerate(factors):
        try:
            n, m, c = f
            n, m, c = int(n), int(m), [Integer(x) for x in c]
        except (TypeError, ValueError):
            raise ValueError("factors[%d] must be a triple (n, m, c), not %r" % (j, f))
        if not (0 <= m <= n) or len(c) != m + 1:
            raise ValueError("factors[%d] must be (n, m, c) with 0 <= m <= n and m + 1 degrees "
                             "c, not %r" % (j, f))
        checked.append((n, m, c))
    N = sum(n for n, _, _ in checked)
    dim = sum(m for _, m, _ in checked)
    degrees = [0] * (dim + 1)
    for parts in product(*[range(m + 1) for _, m, _ in checked]):
        exponents = [n - m + i for (n, m, _), i in zip(checked, parts)]
        coefficient = 1
        for (_, _, c), i in zip(checked, parts):
            coefficient *= c[i]
        free = N - sum(exponents)
        degree = factorial(free)
        for (n, _, _), e in zip(checked, exponents):
            degree //= factorial(n - e)
        degrees[sum(parts)] += coefficient * degree
    return dim, [Integer(x) for x in degrees]


def generic_ed_degree(dimension, chern_mather):
    r"""
    Return the generic ED degree of a projective variety (of its affine
    cone) from its Chern-Mather class: the sum of its polar degrees
    (arXiv 1309.0049, Theorem 5.4).

    INPUT:

    - ``dimension`` -- the dimension ``m``
    - ``chern_mather`` -- the degrees ``c_0, ..., c_m`` of its Chern-Mather
      class

    OUTPUT: an integer

    EXAMPLES:

    The rational normal curves (``3d - 2``) and the ``3 x 3`` matrices of
    rank one, ``P^2 x P^2`` (39)::

        sage: from sage_neuro.invariants.polar_degrees import (generic_ed_degree,
        ....:     veronese_chern_mather, segre_product_chern_mather)
        sage: [generic_ed_degree(1, veronese_chern_mather(1, d)) for d in (1, 2, 3, 4)]
        [1, 4, 7, 10]
        sage: P2 = (2, 2, veronese_chern_mather(2, 1))
        sage: generic_ed_degree(*segre_product_chern_mather([P2, P2]))
        39
    """
    return Integer(sum(polar_degrees(dimension, chern_mather)))
