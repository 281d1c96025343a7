r"""
The ED degree of one layer of lightning self-attention with ``d_out = 1``
and ``d = 3``, ``a = 2`` (or ``a >= d``, ``d <= 3``), through the conormal
variety of its determinantal model.

The determinantal model (:mod:`~sage_neuro.invariants.attention_determinantal`)
writes the network as ``mu = L o pi o phi``: ``phi(v, M) = v ⊗ M`` on the
Segre product ``Y = P^2 x D_2`` (``D_2 = {det M = 0}`` in the ``3 x 3``
matrices, ``M = K^T Q``), ``pi`` the symmetrization of a tensor in its first
two indices and ``L`` injective for ``t >= 2``. So the projective
neuromanifold ``X`` is linearly isomorphic to ``pi(Y)``, and ``pi`` has no
base point on ``Y`` (``sym(v ⊗ M) = 0`` forces ``v ⊗ M = 0``). The ED degree
of ``X`` is proved to be 7965, the generic ED degree of ``Y``, in three
steps.

**1. It is the sum of the polar degrees of X when X is transversal.**
By arXiv 1309.0049, Theorem 5.4, the ED degree of ``X`` is the sum of its
polar degrees when the conormal variety ``Con(X)`` misses the diagonal of
the isotropic quadric: no ``x`` in ``X`` is a conormal vector at ``x``.
Over the smooth part of ``Y`` (``rank M = 2``) the tangent space of ``X`` at
``pi(w)`` contains ``pi`` of the tangent space of ``Y`` at ``w``, and the
pairs ``(pi(w), Psi)`` with ``pi^T Psi`` in a closed set ``C`` containing
``Con(Y)`` form a closed set (``Y`` is projective). So every point of
``Con(X)`` comes from a ``w = (v, M)`` with ``pi^T Psi`` in ``C_w``, where

.. MATH::

    C_{(v, M)} = \{\Phi : \Phi(\cdot, M) = 0,\ (M, \Phi(v, \cdot)) \in \mathrm{Con}(D_2)\},
    \qquad \mathrm{Con}(D_2) = \{(M, N) : M^T N = 0,\ N M^T = 0,\ \mathrm{rank}\, N \le 1\}.

For ``Psi = x = pi(w)`` read through the inner product, ``pi^T Psi`` is
half the gradient of ``F(v, M) = |L(pi(v ⊗ M))|^2``. So ``X`` is
transversal when the equations ``det M = 0``, ``dF/dv = 0`` and, for
``N = dF/dM``, ``M^T N = 0``, ``N M^T = 0``, ``rank N <= 1`` have no
solution on ``P^2 x P^8``: :func:`conormal_tangency` decides this stratum by
stratum with msolve. A Groebner basis ``{1}`` mod ``p`` on every stratum
proves it over ``QQbar``: the set is projective over ``Spec ZZ_(p)``, so its
image there is closed, and a closed set missing the closed point is empty.

**2. X has the polar degrees of Y.** Let ``Z`` be the intersection of
``Con(Y)`` in ``P^26 x P^26`` with ``P^26 x P(im pi^T)``, the conormal
vectors symmetric in the first two indices (codimension 9). Over the smooth
part of ``Y``, ``pi o phi`` is unramified (the lemma of
:mod:`~sage_neuro.invariants.attention_determinantal`: only the scaling is
in its kernel when ``rank M = 2``), so the fibers of ``Z`` are linear
spaces of dimension 7 = 16 - 9, cut out transversally: this part of ``Z`` is
reduced, of dimension 16, and maps birationally onto ``Con(X)`` (``pi`` is
birational and immersive there). Over ``rank M = 1`` (``M = a b^T``)
``Z`` lies in the pairs ``(w, Phi)`` with ``Phi`` symmetric in ``C_w``; the
group ``GL_3 x GL_3`` (``g`` on the first two indices, ``h`` on the third)
acts on them with two orbits of ``(v, a, b)``, ``v`` and ``a`` independent
(dimension 6) or proportional (dimension 4), and
:func:`rank_one_conormal_fibers` computes the fibers over one point of each
exactly (Singular over ``QQ``): projective dimensions 9 and 11. Both parts
have dimension 15 < 16, so they are no components: ``Z`` is irreducible of
the expected dimension, ``[Z] = [Con(Y)] h_2^9``, and by the projection
formula (``pi`` is linear without base points)

.. MATH::

    \int_{\mathrm{Con}(X)} h_1^i h_2^{16-i} = \int_{\mathrm{Con}(Y)} h_1^i h_2^{25-i}:

the polar degrees of ``X`` are those of ``Y``. :func:`polar_degree_count`
counts them on ``X`` itself mod ``p``, a second route (module tests and
``bench/results/attention_conormal.md``). (Where the projection is
ramified along a set that is too large, an extra component appears and the
polar degrees drop: the cuspidal cubic, projected from the twisted cubic,
has class 3 against 4.)

**3. The polar degrees of Y** come from the Chern-Mather classes of ``P^2``
and of ``D_2`` (:func:`~sage_neuro.invariants.attention_determinantal.segre_determinantal_generic_ed_degree`):
``108, 504, 1197, 1836, 1944, 1422, 702, 216, 36``, sum 7965.

Steps 2 and 3 depend neither on ``t`` nor on the inner product; step 1 is
decided for each network (about 20 s; ``t = 2, 3, 4`` are transversal).

**Free M.** With ``a >= d`` every matrix is ``K^T Q``: ``Y = P^{d-1} x
P^{d^2-1}`` is smooth, its conormal set is its normal space, and step 1 asks
whether ``J^T mu = 0`` (``dF/dv = 0``, ``dF/dM = 0``) has a point on ``Y``.
In step 2 the only excess can come from the ramification of ``pi o phi``,
which by the same lemma is the set ``R = {(v, v c^T)}`` of dimension ``2d -
2``, one orbit of ``GL_d x GL_d``: the fiber of ``Z`` at a point of ``R`` is
the projective space of the forms on the symmetrized tensors that vanish on
the image of the differential, of dimension ``dim W - rank - 1``
(:func:`ramification_conormal_fiber`, exact). For ``d = 2`` and ``d = 3``
this gives ``2 + 1 = 3 < 4`` and ``4 + 8 = 12 < 16``, so the ED degree is
the generic one of ``P^{d-1} x P^{d^2-1}``, 14 and 543, once the locus of
step 1 is empty (under a second here).

With ``d_out = 2`` the same equations (``v`` becomes the value matrix
``V``) have a positive-dimensional solution set, so the route stops at
``d_out = 1``: the inner product is a sum over the output rows, so at ``V =
c ⊗ v`` with ``c . c = 0`` the derivative in ``M`` is ``(c . c)`` times that
of one row and vanishes, and the derivative in ``V`` is ``c ⊗ dF_1/dv``,
where ``F_1`` is the function of one row; the three equations ``dF_1/dv =
0`` and ``det M = 0`` leave a set of dimension ``2 + 7 - 3 = 6`` in ``P^2 x
D_2`` (:func:`conormal_tangency_equations` vanishes on it, see the tests).

EXAMPLES::

    sage: from sage_neuro import LightningSelfAttention
    sage: from sage_neuro.invariants.attention_conormal import conormal_transversal_ed_degree_record
    sage: P = conormal_transversal_ed_degree_record(LightningSelfAttention(3, 2, 1, 2)); P  # long time
    ed_degree = 7965  [proved: p = 32003; ... s]
"""

from functools import lru_cache

from sage.matrix.constructor import matrix
from sage.modules.free_module_element import vector
from sage.rings.finite_rings.finite_field_constructor import GF
from sage.rings.integer import Integer
from sage.rings.polynomial.polynomial_ring_constructor import PolynomialRing
from sage.rings.rational_field import QQ

from sage_neuro.constants import SLICE_PRIME
from sage_neuro.validation import check_prime

# the dimension of Con(X) for d = 3, a = 2, d_out = 1 (dim Con = n - 1 in P^n x P^n,
# n = 17): the parts of Z over rank M = 1 must stay below it
_CONORMAL_DIMENSION = 16


def conormal_transversal_applies(net):
    r"""
    Return ``(True, reason)`` when
    :func:`conormal_transversal_ed_degree_record` applies to ``net`` (one
    layer of lightning self-attention with ``d_out = 1``, ``t >= 2`` tokens,
    ``2 <= d <= 3`` and ``a = 2 = d - 1`` or ``a >= d``), else ``(False,
    reason)``.

    INPUT:

    - ``net`` -- an architecture

    OUTPUT: a pair ``(bool, str)``

    EXAMPLES::

        sage: from sage_neuro import LightningSelfAttention
        sage: from sage_neuro.invariants.attention_conormal import conormal_transversal_applies
        sage: conormal_transversal_applies(LightningSelfAttention(3, 2, 1, 4))
        (True, 'one layer of lightning self-attention with a = 2 = d - 1, t = 4 >= 2, d = 3, d_out = 1')
        sage: conormal_transversal_applies(LightningSelfAttention(2, 3, 1, 2))
        (True, 'one layer of lightning self-attention with a = 3 >= d, t = 2 >= 2, d = 2, d_out = 1')
        sage: conormal_transversal_applies(LightningSelfAttention(3, 2, 2, 2))
        (False, 'the conormal route needs d_out = 1 (its excess fibers are computed for v in P^(d-1)), not d_out = 2')
        sage: conormal_transversal_applies(LightningSelfAttention(4, 3, 1, 2))
        (False, 'the conormal route needs d <= 3 (D_2 singular only along rank M = 1 for a = d - 1; the tangency locus decided in seconds), not d = 4')
        sage: conormal_transversal_applies(LightningSelfAttention(1, 2, 1, 2))[1]
        'the conormal route needs d >= 2 (for d = 1 X is a point), not d = 1'
        sage: conormal_transversal_applies(LightningSelfAttention(3, 1, 1, 2))[1]
        'the determinantal model needs a >= 2 (for a = 1 every M has rank 1), not a = 1'
    """
    from sage_neuro.invariants.attention_determinantal import determinantal_model_applies
    applies, why = determinantal_model_applies(net)
    if not applies:
        return False, why
    d, d_out = net.token_dimensions()[0], net.token_dimensions()[-1]
    if d < 2:
        return False, "the conormal route needs d >= 2 (for d = 1 X is a point), not d = %s" % d
    if d > 3:
        return False, ("the conormal route needs d <= 3 (D_2 singular only along rank M = 1 for "
                       "a = d - 1; the tangency locus decided in seconds), not d = %s" % d)
    if d_out != 1:
        return False, ("the conormal route needs d_out = 1 (its excess fibers are computed for "
                       "v in P^(d-1)), not d_out = %s" % d_out)
    return True, "%s, d = %s, d_out = 1" % (why, d)


def _free(net):
    # whether M = K^T Q is free (a >= d), else det M = 0 (a = d - 1)
    return net.attention_dimensions()[0] >= net.token_dimensions()[0]


def _symmetrization_differential(d, v, M):
    # the matrix of (dv, dM) -> sym_{pr}(dv ⊗ M + v ⊗ dM) at (v, M), rows
    # indexed by the symmetrized tensors (p <= r, s)
    rows = []
    for p in range(d):
        for r in range(p, d):
            for s in range(d):
                row = [0] * (d + d * d)
                row[p] += M[r, s]
                row[r] += M[p, s]
                row[d + d * r + s] += v[p]
                row[d + d * p + s] += v[r]
                rows.append(row)
    return matrix(QQ, rows)


@lru_cache(maxsize=None)
def ramification_conormal_fiber(d):
    r"""
    Return ``(dimension of Con(X), dimension of R, fiber dimension)`` for
    the ramification locus ``R = {(v, v c^T)}`` of the symmetrization on
    ``Y = P^{d-1} x P^{d^2-1}`` (``M`` free, ``d_out = 1``; module
    documentation, free ``M``): the fiber of ``Z`` at ``(e_0, e_0 e_0^T)``,
    the forms on the symmetrized tensors vanishing on the image of the
    differential, of projective dimension ``dim W - rank - 1`` (exact rank
    over ``QQ``; ``R`` is one orbit of ``GL_d x GL_d``).

    INPUT:

    - ``d`` -- a positive integer

    OUTPUT: a triple of Integers

    EXAMPLES:

    The rank drops by one for ``d = 2`` and by two for ``d = 3``; the parts
    over ``R`` (3 and 12) stay below ``Con(X)`` (4 and 16)::

        sage: from sage_neuro.invariants.attention_conormal import ramification_conormal_fiber
        sage: ramification_conormal_fiber(2), ramification_conormal_fiber(3)
        ((4, 2, 1), (16, 4, 8))
    """
    from sage_neuro.validation import check_positive_int
    d = check_positive_int(d, "d")
    e = matrix.identity(QQ, d).rows()
    J = _symmetrization_differential(d, e[0], e[0].column() * e[0].row())
    W = J.nrows()
    return Integer(W - 2), Integer(2 * d - 2), Integer(W - J.rank() - 1)


def excess_fibers(net):
    r"""
    Return ``(dim Con(X), parts)``: the dimension of the conormal variety of
    the neuromanifold and, for each locus of ``Y`` where ``Z`` could have an
    excess component, ``(locus, dimension, fiber dimension)`` (module
    documentation, step 2). The polar degrees of ``X`` are those of ``Y``
    when every part has dimension below ``dim Con(X)``.

    INPUT:

    - ``net`` -- a network for which :func:`conormal_transversal_applies`

    OUTPUT: a pair ``(Integer, tuple of triples)``

    EXAMPLES::

        sage: from sage_neuro import LightningSelfAttention
        sage: from sage_neuro.invariants.attention_conormal import excess_fibers
        sage: excess_fibers(LightningSelfAttention(3, 2, 1, 2))
        (16, (('rank M = 1, v and a independent', 6, 9), ('rank M = 1, v and a proportional', 4, 11)))
        sage: excess_fibers(LightningSelfAttention(3, 3, 1, 2))
        (16, (('M = v c^T', 4, 8),))
    """
    applies, why = conormal_transversal_applies(net)
    if not applies:
        raise ValueError(why)
    d = net.token_dimensions()[0]
    if _free(net):
        con, r, fiber = ramification_conormal_fiber(d)
        return con, (("M = v c^T", r, fiber),)
    return Integer(_CONORMAL_DIMENSION), tuple(("rank M = 1, " + o, k, f)
                                               for o, k, f in rank_one_conormal_fibers())


@lru_cache(maxsize=None)
def rank_one_conormal_fibers():
    r"""
    Return the dimensions of the part of ``Z`` over the matrices of rank 1
    (module documentation, step 2): for each orbit of ``(v, a, b)`` under
    ``GL_3 x GL_3``, the triple ``(orbit, dimension of the orbit in P^2 x
    P^2 x P^2, projective dimension of the fiber)``, the fiber being the
    conormal vectors ``Phi`` symmetric in their first two indices with
    ``Phi(., M) = 0``, ``a^T N = 0``, ``N b = 0`` and ``rank N <= 1`` for
    ``M = a b^T``, ``N = Phi(v, .)``.

    Exact: Krull dimensions of ideals over ``QQ`` (Singular), at the orbit
    representatives ``v = e_0``, ``a = e_1`` or ``e_0``, ``b = e_0``; the
    conditions are equivariant, so the fiber dimension is constant on an
    orbit.

    OUTPUT: a tuple of triples ``(str, Integer, Integer)``

    EXAMPLES:

    Both parts have dimension ``6 + 9 = 4 + 11 = 15``, below the 16 of
    ``Con(X)``::

        sage: from sage_neuro.invariants.attention_conormal import rank_one_conormal_fibers
        sage: rank_one_conormal_fibers()
        (('v and a independent', 6, 9), ('v and a proportional', 4, 11))
    """
    d = 3
    pairs = [(p, r) for p in range(d) for r in range(p, d)]
    keys = [(p, r, s) for (p, r) in pairs for s in range(d)]
    R = PolynomialRing(QQ, ["psi%d%d_%d" % k for k in keys])
    psi = dict(zip(keys, R.gens()))

    def phi(p, r, s):
        # the symmetric conormal vector: Phi_{prs} = Phi_{rps}
        return psi[(min(p, r), max(p, r), s)]

    def fiber(v, a, b):
        equations = [sum(phi(p, r, s) * a[r] * b[s] for r in range(d) for s in range(d))
                     for p in range(d)]
        N = matrix(R, d, d, lambda r, s: sum(v[p] * phi(p, r, s) for p in range(d)))
        equations += list(vector(R, a) * N) + list(N * vector(R, b)) + N.minors(2)
        # the fiber is a cone in the 18 coordinates of Phi
        return Integer(R.ideal(equations).dimension() - 1)

    e = matrix.identity(QQ, d).rows()
    return (("v and a independent", Integer(6), fiber(e[0], e[1], e[0])),
            ("v and a proportional", Integer(4), fiber(e[0], e[0], e[0])))


def polar_degree_system(net, codimension, seed=1, prime=SLICE_PRIME):
    r"""
    Return the equations of the points of the conormal variety ``Con(X)``
    of the neuromanifold ``X`` (``d = 3``, ``a = 2``, ``d_out = 1``) with
    ``x`` in a random linear space of codimension ``c`` and the tangent
    hyperplane in a random projective space of hyperplanes of dimension
    ``c + 1``: their number is the polar degree ``int h_1^c h_2^(16-c)``
    of ``X`` (``c = dim X = 9`` gives the degree, 108).

    The points are written on the determinantal model with ``rank M = 2``:
    ``x = pi(v ⊗ M)`` in random affine charts of ``v`` and ``M``, ``h =
    h_0 + sum lambda_k h_k``, ``h(pi(. ⊗ M)) = 0`` and ``h(pi(v ⊗ .)) = s
    adj(M)^T`` (the normal of ``det M = 0``), ``z l(adj M) = 1`` for a
    random linear form ``l``. There ``pi o phi`` is unramified and
    injective, and the points of ``Con(X)`` over ``rank M = 1`` (dimension
    at most 15, :func:`rank_one_conormal_fibers`) miss the random linear
    spaces, so the count is the polar degree of ``X``, a second route to
    step 2 of the module documentation.

    INPUT:

    - ``net`` -- one layer of lightning self-attention with ``d = 3``, ``a =
      2``, ``d_out = 1``, ``t >= 2``
    - ``codimension`` -- an integer from 0 to 9
    - ``seed`` -- (default 1) the seed of the random choices mod ``p``
    - ``prime`` -- (default ``32003``) a prime below ``2^31``

    OUTPUT: a list of polynomials over ``GF(prime)``, ``codimension + 16``
    unknowns

    EXAMPLES:

    The two smallest polar degrees, against ``0`` and ``36`` for ``P^2 x
    D_2`` (the dual variety is not a hypersurface)::

        sage: from sage_neuro import LightningSelfAttention
        sage: from sage_neuro.invariants.attention_conormal import polar_degree_system
        sage: from sage_neuro.invariants.msolve import count_solutions
        sage: net = LightningSelfAttention(3, 2, 1, 2)
        sage: count_solutions([polar_degree_system(net, c) for c in (0, 1)], processes=1)
        [0, 36]
    """
    import random
    from sage_neuro.invariants.attention_determinantal import determinantal_model_map
    from sage_neuro.validation import check_positive_int
    applies, why = conormal_transversal_applies(net)
    if not applies:
        raise ValueError(why)
    if _free(net) or net.token_dimensions()[0] != 3:
        raise ValueError("the polar degree system is written for d = 3, a = 2, not %r" % (net,))
    c = check_positive_int(codimension, "codimension", minimum=0)
    if c > 9:
        raise ValueError("codimension must be at most dim X = 9, not %s" % c)
    prime = check_prime(prime)
    k = GF(prime)
    rng = random.Random(int(seed))

    def rnd():
        return k(rng.randrange(prime))
    R0, V, M, Phi = determinantal_model_map(net, k)
    names = list(R0.variable_names()) + ["lam%d" % j for j in range(1, c + 2)] + ["s", "z"]
    R = PolynomialRing(k, names, order="degrevlex")
    g = R.gens()
    v, m = vector(R, g[:3]), matrix(R, 3, 3, g[3:12])
    lam, s, z = [R(1)] + list(g[12:13 + c]), g[-2], g[-1]
    phi = [R(f) for f in Phi]

    def form():
        # a random linear form on X, through the coordinates (L is injective)
        return sum(rnd() * f for f in phi)
    h = sum(x * form() for x in lam)
    adj = m.adjugate().transpose()
    equations = [sum(rnd() * x for x in v) - 1, sum(rnd() * x for x in m.list()) - 1]
    equations += [form() for _ in range(c)]
    equations += [h.derivative(x) for x in v]
    equations += [h.derivative(m[i, j]) - s * adj[i, j] for i in range(3) for j in range(3)]
    equations += [m.det(), z * sum(rnd() * x for x in adj.list()) - 1]
    return equations


def polar_degree_count(net, codimension, seed=1, prime=SLICE_PRIME, timeout=None):
    r"""
    Return the number of solutions of :func:`polar_degree_system` mod
    ``prime`` (msolve): the polar degree ``int h_1^c h_2^(16-c)`` of the
    neuromanifold, counted on the network itself.

    INPUT:

    - ``net``, ``codimension``, ``seed``, ``prime`` -- as in :func:`polar_degree_system`
    - ``timeout`` -- (default ``None``) seconds

    OUTPUT: an Integer

    EXAMPLES::

        sage: from sage_neuro import LightningSelfAttention
        sage: from sage_neuro.invariants.attention_conormal import polar_degree_count
        sage: polar_degree_count(LightningSelfAttention(3, 2, 1, 2), 1, seed=2)
        36
        sage: polar_degree_count(LightningSelfAttention(3, 3, 1, 2), 1)
        Traceback (most recent call last):
        ...
        ValueError: the polar degree system is written for d = 3, a = 2, not LightningSelfAttention(d=3, a=3, d_out=1, t=2)
        sage: polar_degree_count(LightningSelfAttention(3, 2, 1, 2), 10)
        Traceback (most recent call last):
        ...
        ValueError: codimension must be at most dim X = 9, not 10
    """
    from sage_neuro.invariants.msolve import count_solutions
    system = polar_degree_system(net, codimension, seed=seed, prime=prime)
    return Integer(count_solutions([system], timeout=timeout, processes=1)[0])


def _spaces(net):
    # (Y, the product of projective spaces its strata live in) for the texts
    d, d_out = net.token_dimensions()[0], net.token_dimensions()[-1]
    pv, pm = d_out * d - 1, d * d - 1
    if _free(net):
        return "P^%d x P^%d" % (pv, pm), "P^%d x P^%d" % (pv, pm)
    return "P^%d x D_%d" % (pv, d - 1), "P^%d x P^%d" % (pv, pm)


class ConormalTangency:
    r"""
    The verdict of :func:`conormal_tangency`: whether the set of ``(v, M)``
    in ``Y`` (``P^{m d - 1} x D_2``, or ``P^{m d - 1} x P^{d^2 - 1}`` for
    free ``M``) whose image is a conormal vector at itself (module
    documentation, step 1) is empty mod ``p``.

    Attributes: ``net``, ``prime``, ``strata`` (pairs ``(a, count)``: ``a``
    the positions of the leading coordinates of ``V`` and ``M`` set to 1,
    ``count`` the number of points mod ``p`` with multiplicity, ``None`` for
    a positive-dimensional set), ``total`` (the number of strata),
    ``transversal`` (every stratum empty: a proof over ``QQbar``) and
    ``seconds``.

    EXAMPLES::

        sage: from sage_neuro import LightningSelfAttention
        sage: from sage_neuro.invariants.attention_conormal import conormal_tangency
        sage: conormal_tangency(LightningSelfAttention(2, 2, 1, 2))
        conormal tangency of LightningSelfAttention(d=2, a=2, d_out=1, t=2) mod 32003: empty on all 8 strata (transversal)
    """

    def __init__(self, net, prime, strata, total, seconds):
        self.net, self.prime, self.strata = net, prime, tuple(strata)
        self.total, self.seconds = total, seconds
        self.transversal = len(self.strata) == total and all(c == 0 for _, c in self.strata)

    def certificate(self):
        r"""
        Return what was shown, as a sentence.

        OUTPUT: a string

        EXAMPLES::

            sage: from sage_neuro import LightningSelfAttention
            sage: from sage_neuro.invariants.attention_conormal import conormal_tangency
            sage: conormal_tangency(LightningSelfAttention(3, 3, 1, 2)).certificate()
            'no (v, M) on P^2 x P^8 with grad |mu|^2 in its normal space (J^T mu = 0): Groebner basis {1} mod 32003 on each of the 27 strata of P^2 x P^8 (msolve); a point over QQbar would reduce to one mod p'
            sage: conormal_tangency(LightningSelfAttention(3, 2, 1, 3)).certificate()  # long time
            'no (v, M) on P^2 x D_2 with grad |mu|^2 in the conormal set C (dF/dv = 0, M^T N = N M^T = 0, rank N <= 1 for N = dF/dM): Groebner basis {1} mod 32003 on each of the 27 strata of P^2 x P^8 (msolve); a point over QQbar would reduce to one mod p'
        """
        space, ambient = _spaces(self.net)
        if self.transversal:
            condition = ("in its normal space (J^T mu = 0)" if _free(self.net) else
                         "in the conormal set C (dF/dv = 0, M^T N = N M^T = 0, rank N <= 1 for "
                         "N = dF/dM)")
            return ("no (v, M) on %s with grad |mu|^2 %s: Groebner basis {1} mod %d on each of "
                    "the %d strata of %s (msolve); a point over QQbar would reduce to one mod p"
                    % (space, condition, self.prime, self.total, ambient))
        a, count = next((a, c) for a, c in self.strata if c != 0)
        what = ("a positive-dimensional set of points" if count is None
                else "%d points" % count)
        return ("the conormal tangency equations have %s mod %d on the stratum %s of %s: "
                "transversality not shown" % (what, self.prime, a, space))

    def __repr__(self):
        head = "conormal tangency of %r mod %d: " % (self.net, self.prime)
        if self.transversal:
            return head + "empty on all %d strata (transversal)" % self.total
        a, count = next((a, c) for a, c in self.strata if c != 0)
        return head + "%s on the stratum %s (not shown transversal)" % (
            "positive-dimensional" if count is None else "%d points" % count, a)


def conormal_tangency_equations(net, prime=SLICE_PRIME):
    r"""
    Return ``(R, blocks, equations)``: the equations of step 1 of the module
    documentation over ``GF(prime)``, multihomogeneous in the blocks ``V``
    and ``M`` of the determinantal model.

    INPUT:

    - ``net`` -- one layer of lightning self-attention with ``t >= 2``,
      ``d = 3`` and ``a = 2``, or ``a >= d`` (any ``d_out``)
    - ``prime`` -- (default ``32003``) a prime below ``2^31``

    OUTPUT: a triple ``(R, blocks, equations)``

    EXAMPLES:

    ``det M``, the 3 derivatives in ``v``, the 18 entries of ``M^T N`` and
    ``N M^T`` and the 9 minors of ``N``; for free ``M`` the 12 derivatives::

        sage: from sage_neuro import LightningSelfAttention
        sage: from sage_neuro.invariants.attention_conormal import conormal_tangency_equations
        sage: R, blocks, E = conormal_tangency_equations(LightningSelfAttention(3, 2, 1, 2))
        sage: [len(b) for b in blocks], len(E)
        ([3, 9], 31)
        sage: R, blocks, E = conormal_tangency_equations(LightningSelfAttention(3, 3, 1, 2))
        sage: [len(b) for b in blocks], len(E)
        ([3, 9], 12)
        sage: conormal_tangency_equations(LightningSelfAttention(4, 3, 1, 2))
        Traceback (most recent call last):
        ...
        ValueError: the conormal tangency equations need a = 2 = d - 1 = 2 or a >= d, not d = 4, a = 3
    """
    from sage_neuro.invariants.attention_determinantal import (determinantal_model_applies,
                                                               determinantal_model_map)
    applies, why = determinantal_model_applies(net)
    if not applies:
        raise ValueError(why)
    d, a = net.token_dimensions()[0], net.attention_dimensions()[0]
    if a < d and (d, a) != (3, 2):
        raise ValueError("the conormal tangency equations need a = 2 = d - 1 = 2 or a >= d, "
                         "not d = %s, a = %s" % (d, a))
    prime = check_prime(prime)
    R, V, M, Phi = determinantal_model_map(net, GF(prime))
    F = sum(f ** 2 for f in Phi)
    v, m = list(V.list()), list(M.list())
    if a >= d:
        # Y is smooth: its conormal vectors are its normal space
        return R, [v, m], [F.derivative(x) for x in v + m]
    N = matrix(R, d, d, [F.derivative(x) for x in m])
    equations = [M.det()] + [F.derivative(x) for x in v]
    equations += (M.transpose() * N).list() + (N * M.transpose()).list() + N.minors(2)
    return R, [v, m], equations


def conormal_tangency(net, prime=SLICE_PRIME, timeout=None, processes=2):
    r"""
    Decide whether the equations of :func:`conormal_tangency_equations`
    have a point on ``P^{m d - 1} x P^{d^2 - 1}`` over the algebraic
    closure of ``GF(prime)``, stratum by stratum (msolve).

    INPUT:

    - ``net`` -- as in :func:`conormal_tangency_equations`
    - ``prime`` -- (default ``32003``) a prime below ``2^31``
    - ``timeout`` -- (default ``None``) seconds for all strata together
    - ``processes`` -- (default 2) msolve processes side by side (for ``d
      = 3``, ``a = 2`` the stratum of the generic chart takes most of the
      time)

    OUTPUT: a :class:`ConormalTangency`; a time-out raises ``TimeoutError``
    (the msolve processes are killed; the next call works)

    With ``d = 3``, ``a = 2``, ``d_out = 2`` the locus is positive-dimensional
    (module documentation) and msolve does not finish on the generic
    stratum in 20 minutes: only ``d_out = 1`` is decided in practice.

    EXAMPLES::

        sage: from sage_neuro import LightningSelfAttention
        sage: from sage_neuro.invariants.attention_conormal import conormal_tangency
        sage: T = conormal_tangency(LightningSelfAttention(3, 2, 1, 2)); T.transversal, T.total  # long time
        (True, 27)
        sage: conormal_tangency(LightningSelfAttention(3, 2, 1, 2), timeout=0)
        Traceback (most recent call last):
        ...
        TimeoutError: msolve did not finish within 0 seconds
    """
    from itertools import product
    from sage_neuro.invariants.cnn_segre_veronese import stratum_system
    from sage_neuro.invariants.msolve import count_solutions
    from sage_neuro.provenance import stopwatch
    with stopwatch() as seconds:
        R, blocks, equations = conormal_tangency_equations(net, prime)
        strata = list(product(*[range(len(b)) for b in blocks]))
        decided, systems, where = [], [], []
        for a in strata:
            kind, system = stratum_system(R, blocks, a, equations)
            if kind == "system":
                where.append(len(decided))
                systems.append(system)
            decided.append([a, {"empty": 0, "point": 1, "all": None, "system": None}[kind]])
        counts = count_solutions(systems, timeout=timeout, processes=processes,
                                 positive_dimensional="none") if systems else []
        for i, c in zip(where, counts):
            decided[i][1] = c
    return ConormalTangency(net, Integer(prime), [tuple(x) for x in decided], len(strata),
                            seconds[0])


def conormal_generic_ed_degree_record(net):
    r"""
    Return the ``'proved'`` :class:`~sage_neuro.provenance.Provenance` of the
    generic ED degree of the neuromanifold (steps 2 and 3 of the module
    documentation, no transversality needed): the sum of the polar degrees
    of ``P^{d-1} x D_a``, which the symmetrization keeps
    (:func:`excess_fibers`), behind the determinantal model's certificate.

    INPUT:

    - ``net`` -- a network for which :func:`conormal_transversal_applies`

    OUTPUT: a ``Provenance`` record; ``ArithmeticError`` when a certificate
    fails, ``ValueError`` when the route does not apply

    EXAMPLES:

    For ``d = 3``, ``a = 2`` no other route has counted it (the modular
    count did not finish in 300 s); the polar degrees counted on the
    network agree (``bench/results/attention_conormal.md``)::

        sage: from sage_neuro import LightningSelfAttention
        sage: from sage_neuro.invariants.attention_conormal import conormal_generic_ed_degree_record
        sage: conormal_generic_ed_degree_record(LightningSelfAttention(3, 2, 1, 2))
        generic_ed_degree = 7965  [proved; ... s]
        sage: M = LightningSelfAttention(2, 2, 1, 2).neuromanifold()
        sage: conormal_generic_ed_degree_record(M.architecture()).value == M.generic_ed_degree()
        True
    """
    from sage_neuro.invariants.attention_determinantal import (
        determinantal_model_certificate, segre_determinantal_generic_ed_degree)
    from sage_neuro.provenance import Provenance, stopwatch
    applies, why = conormal_transversal_applies(net)
    if not applies:
        raise ValueError(why)
    d, a = net.token_dimensions()[0], net.attention_dimensions()[0]
    space, _ = _spaces(net)
    with stopwatch() as seconds:
        value = segre_determinantal_generic_ed_degree(d, a)
        C = determinantal_model_certificate(net)
        if not C.holds:
            raise ArithmeticError("not computed: %r" % (C,))
        certificate = _polar_degrees_kept(net)
    return Provenance(
        "generic_ed_degree", value, "proved", seconds=seconds[0],
        route="the generic ED degree of the Segre product %s (sum of the polar degrees from the "
              "Chern-Mather classes), which the symmetrization keeps (its conormal variety cut "
              "by the symmetric conormal vectors has no excess component)" % space,
        certificate="%s; determinantal model: %s" % (certificate, C.provenance.certificate))


def _polar_degrees_kept(net):
    # step 2 for `net`: the certificate sentence, or ArithmeticError
    space, _ = _spaces(net)
    bound, parts = excess_fibers(net)
    if any(k + f >= bound for _, k, f in parts):
        raise ArithmeticError("the symmetric conormal vectors over %s may form a component: %s"
                              % (" and ".join(x for x, _, _ in parts), parts))
    loci = " and ".join(x for x, _, _ in parts)
    sums = " and ".join("%d + %d = %d" % (k, f, k + f) for _, k, f in parts)
    return ("the conormal vectors symmetric in the first two indices over %s form %s of "
            "dimension %s < %d (exact): X has the polar degrees of %s"
            % (loci, "sets" if len(parts) > 1 else "a set", sums, bound, space))


def conormal_transversal_ed_degree_record(net, prime=SLICE_PRIME, timeout=None, choice=""):
    r"""
    Return the ``'proved'`` :class:`~sage_neuro.provenance.Provenance` of the
    ED degree of one layer of lightning self-attention with ``d_out = 1``
    and ``d = 3``, ``a = 2`` (or ``a >= d``, ``d <= 3``): the generic ED
    degree of ``P^{d-1} x D_a`` (7965; 14 and 543 for free ``M``), which is
    that of the neuromanifold (:func:`excess_fibers`), and its ED degree
    when :func:`conormal_tangency` shows it transversal (module
    documentation).

    INPUT:

    - ``net`` -- a network for which :func:`conormal_transversal_applies`
    - ``prime`` -- (default ``32003``) the prime of the tangency certificate
    - ``timeout`` -- (default ``None``) seconds for the tangency locus
    - ``choice`` -- (default ``''``) why this route was taken, for the note

    OUTPUT: a ``Provenance`` record; ``ArithmeticError`` when the tangency
    locus has points mod ``prime`` or a certificate fails, ``ValueError``
    when the route does not apply

    EXAMPLES::

        sage: from sage_neuro import LightningSelfAttention
        sage: from sage_neuro.invariants.attention_conormal import conormal_transversal_ed_degree_record
        sage: P = conormal_transversal_ed_degree_record(LightningSelfAttention(2, 2, 1, 3)); P
        ed_degree = 14  [proved: p = 32003; ... s]
        sage: P.certificate
        'no (v, M) on P^1 x P^3 with grad |mu|^2 in its normal space (J^T mu = 0): ...; the conormal vectors symmetric in the first two indices over M = v c^T form a set of dimension 2 + 1 = 3 < 4 (exact): X has the polar degrees of P^1 x P^3; determinantal model: ...'
        sage: P = conormal_transversal_ed_degree_record(LightningSelfAttention(3, 2, 1, 4)); P  # long time
        ed_degree = 7965  [proved: p = 32003; ... s]
        sage: P.certificate  # long time
        'no (v, M) on P^2 x D_2 with grad |mu|^2 in the conormal set C ...; the conormal vectors symmetric in the first two indices over rank M = 1, v and a independent and rank M = 1, v and a proportional form sets of dimension 6 + 9 = 15 and 4 + 11 = 15 < 16 (exact): X has the polar degrees of P^2 x D_2; determinantal model: ...'
        sage: conormal_transversal_ed_degree_record(LightningSelfAttention(3, 2, 2, 2))
        Traceback (most recent call last):
        ...
        ValueError: the conormal route needs d_out = 1 (its excess fibers are computed for v in P^(d-1)), not d_out = 2
    """
    from sage_neuro.provenance import Provenance, stopwatch
    # steps 2 and 3, and the model's certificate (refuses what does not apply)
    G = conormal_generic_ed_degree_record(net)
    with stopwatch() as seconds:
        T = conormal_tangency(net, prime=prime, timeout=timeout)
        if not T.transversal:
            raise ArithmeticError("the ED degree of %r is not shown to be the generic one: %s"
                                  % (net, T.certificate()))
    return Provenance(
        "ed_degree", G.value, "proved", primes=(int(T.prime),), seconds=G.seconds + seconds[0],
        route="%s, the ED degree since the neuromanifold is transversal to the isotropic "
              "quadric (arXiv 1309.0049, Theorem 5.4)" % G.route,
        certificate="%s; %s" % (T.certificate(), G.certificate),
        note="; ".join(x for x in (choice, "%d strata decided by msolve" % T.total) if x))
