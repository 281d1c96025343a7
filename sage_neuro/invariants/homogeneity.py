r"""
Proofs that the singular locus of a neuromanifold lies in given candidate
components, by homogeneity.

If an algebraic group ``G`` acts linearly on the function space, maps the
neuromanifold ``M`` to itself, and one of its orbits ``O`` has dimension
``dim M``, then ``O`` is open in the irreducible variety ``M``; it meets the
smooth locus, and ``G`` acts by automorphisms of ``M``, so every point of
``O`` is smooth. Hence ``Sing(M)`` lies in ``M \ O``.

For a linear network of end-to-end size ``m x n`` and bottleneck ``r``,
``G = GL(m) x GL(n)`` acts by ``X -> A X B^{-1}`` (lifted to the parameters:
``W_L -> A W_L``, ``W_1 -> W_1 B^{-1}``). The matrices of rank exactly ``r``
form one orbit (rank normal form); its dimension is computed exactly over
``QQ`` at a random point of ``M``, as the rank of the infinitesimal action
``(A, B) -> A X - X B``, and compared with ``dim M`` (the Krull dimension
of the implicit ideal, which is proved by substitution). The random point
only has to be found: once its orbit has dimension ``dim M`` the argument
holds for ``M`` itself, so this part is a proof (``'proved'``), not a
sample. The candidate ideal is
shown to vanish on all matrices of rank ``<= r - 1`` by substituting a
generic product ``X = U V`` with ``U`` of size ``m x (r-1)``. Together:
``Sing(M) ⊆ {rank <= r - 1} ⊆ V(candidates)``.

EXAMPLES::

    sage: from sage_neuro import LinearNetwork
    sage: from sage_neuro.invariants.homogeneity import linear_orbit_dimension
    sage: linear_orbit_dimension(LinearNetwork([4, 2, 3]), seed=1)
    10
"""

from sage.matrix.constructor import matrix
from sage.rings.integer import Integer
from sage.rings.polynomial.polynomial_ring_constructor import PolynomialRing
from sage.rings.rational_field import QQ


def linear_orbit_dimension(net, seed=0):
    r"""
    Return the dimension of the ``GL(m) x GL(n)`` orbit of ``mu(theta)`` for
    a random rational ``theta`` (exact over ``QQ``).

    INPUT:

    - ``net`` -- a :class:`~sage_neuro.architectures.linear.LinearNetwork`
    - ``seed`` -- seed of the random parameters

    OUTPUT: an Integer, ``r(m + n - r)`` for a point of rank ``r``

    EXAMPLES::

        sage: from sage_neuro import LinearNetwork
        sage: from sage_neuro.invariants.homogeneity import linear_orbit_dimension
        sage: linear_orbit_dimension(LinearNetwork([5, 2, 4, 3]), seed=2)
        12
    """
    X = net.end_to_end_matrix(net.random_parameters(QQ, seed=seed, bound=100))
    m, n = X.nrows(), X.ncols()
    rows = []
    # tangent vectors E_ij X (left action) and X E_ij (right action)
    for i in range(m):
        for j in range(m):
            T = matrix(QQ, m, n)
            T.set_row(i, X.row(j))
            rows.append(T.list())
    for i in range(n):
        for j in range(n):
            T = matrix(QQ, m, n)
            T.set_column(j, X.column(i))
            rows.append(T.list())
    return Integer(matrix(QQ, rows).rank())


def vanishes_on_lower_rank(net, ideal):
    r"""
    Return whether every generator of ``ideal`` (in the coordinate ring of
    ``net``) vanishes on all ``m x n`` matrices of rank ``<= r - 1``,
    ``r = min(widths)``, by substituting a generic product of an
    ``m x (r-1)`` and an ``(r-1) x n`` matrix (exact).

    EXAMPLES::

        sage: from sage_neuro import LinearNetwork
        sage: from sage_neuro.invariants.homogeneity import vanishes_on_lower_rank
        sage: net = LinearNetwork([3, 2, 3])
        sage: C = net.coordinate_ring()
        sage: vanishes_on_lower_rank(net, C.ideal(matrix(C, 3, 3, C.gens()).minors(2)))
        True
        sage: vanishes_on_lower_rank(net, C.ideal(C.gen(0)))
        False
    """
    w = net.widths()
    m, n, r = w[-1], w[0], min(w)
    k = r - 1
    if k == 0:
        return all(g.constant_coefficient() == 0 for g in ideal.gens())
    R = PolynomialRing(QQ, "u", m * k + k * n)
    g = R.gens()
    U = matrix(R, m, k, g[:m * k])
    V = matrix(R, k, n, g[m * k:])
    X = (U * V).list()
    return all(f(*X) == 0 for f in ideal.gens())


def linear_singular_inclusion_proof(M, components, seed=0):
    r"""
    Return a sentence proving ``Sing(M) ⊆ union of components`` for the
    neuromanifold ``M`` of a linear network, or ``None`` when the
    computation does not establish it.

    INPUT:

    - ``M`` -- the neuromanifold of a linear network
    - ``components`` -- the candidate component ideals (coordinate ring)
    - ``seed`` -- seed of the random point of the orbit

    EXAMPLES::

        sage: from sage_neuro import LinearNetwork
        sage: from sage_neuro.invariants.homogeneity import linear_singular_inclusion_proof
        sage: M = LinearNetwork([4, 2, 3]).neuromanifold()
        sage: P = M.singular_locus(method='candidates')[0].ideal()
        sage: print(linear_singular_inclusion_proof(M, [P]))
        Sing inside the candidates: proved by homogeneity: GL(3) x GL(4) acts on M, the orbit of a random point has dimension 10 = dim M ...
        sage: linear_singular_inclusion_proof(M, []) is None
        True
    """
    net = M.architecture()
    w = net.widths()
    m, n, r = w[-1], w[0], min(w)
    if not components or r >= min(m, n):
        return None
    dim = M.dimension(method='exact')
    orbit = linear_orbit_dimension(net, seed=seed)
    if orbit != dim:
        return None
    if not any(vanishes_on_lower_rank(net, P) for P in components):
        return None
    return ("Sing inside the candidates: proved by homogeneity: GL(%d) x GL(%d) acts on M, "
            "the orbit of a random point has dimension %d = dim M (rank of the infinitesimal "
            "action over QQ), so the rank-%d matrices, one orbit by the rank normal form, are "
            "smooth points; a candidate vanishes on every matrix of rank <= %d (generic "
            "product substituted)" % (m, n, orbit, r, r - 1))
