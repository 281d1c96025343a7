r"""
The Segre model of one layer of lightning self-attention with ``a = d_out = 1``.

With one query row ``q``, one key row ``k`` and one value row ``v`` (attention
dimension ``a = 1``, output token dimension ``d_out = 1``), the output on the
``j``-th token of ``X = (x_1, ..., x_t)`` is

.. MATH::

    f_j(X) = \sum_s (v \cdot x_s)(k \cdot x_s)(q \cdot x_j)
           = \Big(\sum_s x_s^T S x_s\Big)(q \cdot x_j),
    \qquad S = \tfrac12 (v k^T + k v^T).

So ``mu = L o psi`` with ``psi(q, k, v) = S ⊗ q`` and a linear map ``L``
from ``Sym^2(C^d) ⊗ C^d`` to the function space. Three facts make this a
model of the neuromanifold:

- over ``C`` the matrices ``(v k^T + k v^T)/2`` are exactly the symmetric
  matrices of rank at most 2 (a quadratic form of rank at most 2 is a
  product of two linear forms). Over ``R`` they are those of rank at most 1
  and the *indefinite* ones of rank 2: the definite forms of rank 2 are
  missing, one way in which the real neuromanifold is only semialgebraic;
- ``L`` is injective when ``t >= 2``: the terms of ``f_1`` of degree 1 in
  ``x_1`` and 2 in ``x_2`` are ``sum x_2^T S x_2 (q . x_1)``, i.e. the tensor
  itself (for ``t = 1``, ``L`` maps onto cubic forms and is not injective);
- the projectivized rank-2 locus ``Y`` is the image of ``P^{d-1} x
  P^{d-1}`` under ``(v, k) -> v k`` (product of linear forms), a map of
  degree 2 without base points, so ``deg Y = binom(2d-2, d-1) / 2``.

Hence the closure of the neuromanifold is linearly isomorphic to the cone
over the Segre product ``Y x P^{d-1}``: it has dimension ``3d - 2``
(Henry-Marchetti-Kohn's ``2ad + d d_out - a^2 - 1`` at ``a = d_out = 1``)
and degree

.. MATH::

    \binom{3d-3}{d-1} \cdot \tfrac12 \binom{2d-2}{d-1}

(the Segre product of varieties of dimensions ``m``, ``n`` has degree
``binom(m+n, m)`` times the product of their degrees), for every ``t >= 2``.
:func:`segre_model_certificate` checks the first two facts for a given
network by exact computation over ``QQ`` (substitution, and the rank of
``L``); the third is the classical argument above.

The model explains why the generic fiber of ``mu`` is not an orbit of its
continuous symmetries here (``docs/frontier/conjectures.md``: the check
fails for ``a = d_out = 1`` and holds for ``d_out = 2``): ``S`` is
symmetric in ``v`` and ``k``, so ``(q, k, v)`` and ``(q, v, k)`` have the
same image (:func:`swap_symmetry`), and for independent ``v, k`` the second
is not a rescaling of the first. With ``d_out >= 2`` the value matrix has
more rows than the key and there is no such swap.

The model also gives a second route to the ED degree (the inner product is
pulled back by ``L``, so the count is the same): for ``d = 2`` every
symmetric matrix has rank at most 2 and the critical points of
``(S, q) -> |L(S ⊗ q) - u|^2`` with ``q_0 = 1`` are counted. For ``d = 3``
the rank-2 locus is ``det S = 0``, whose gradient at a point of rank
exactly 2 is ``adj S = c n n^T``, ``n`` spanning the kernel of ``S``. The
critical equations are therefore written with the kernel as an unknown
(:func:`segre_ed_system`, ``equations='kernel'``): ``S n = 0`` with
``n_0 = 1``, and the gradient of the distance in ``S`` equal to ``mu n
n^T``. No solution has rank at most 1 for generic data (see
:func:`segre_ed_system`), so unlike the Lagrange system on ``det S = 0``
(``equations='determinant'``) no Rabinowitsch variable is needed: 11
unknowns, cubic and quadratic equations. Neither system has the factor 2 of
the swap ``v <-> k`` that the coordinate slice of the parameters counts. On
``d = 3``, ``t = 2`` one seed took 17 s with the kernel, 80 s with the
determinant and 326 s on the slice (``bench/results/attention_segre.md``).

**The ED degree is the generic one.** The parameters ``(q, k, v)`` up to
scaling form ``Y = P^{d-1} x P^{d-1} x P^{d-1}``, and ``mu`` is linear in
each. :func:`~sage_neuro.invariants.cnn_segre_veronese.isotropic_tangency`
decides, stratum by stratum with msolve, whether ``J(w)^T mu(w) = 0`` has a
point on ``Y``; where it has none (a proof over ``QQbar``, no random
choice), ``mu`` has no base point, ``Y -> X`` is onto the projective
neuromanifold ``X``, and every conormal vector of ``X`` is a limit of
conormal vectors at images of points of ``Y``; so the conormal variety of
``X`` misses the diagonal of the isotropic quadric, and the ED degree is
the sum of the polar degrees of ``X`` (arXiv 1309.0049, Theorem 5.4; the
argument of :mod:`~sage_neuro.invariants.cnn_segre_veronese`). Since ``L``
is a linear isomorphism onto its image, these are the polar degrees of the
Segre product ``C_d x P^{d-1}``, ``C_d`` the symmetric ``d x d`` matrices of
rank at most 2, from the Chern-Mather classes
(:mod:`~sage_neuro.invariants.polar_degrees`): ``C_2 = P^2``, and ``C_3`` is
the cubic symmetroid, dual to the Veronese surface, so its polar degrees
are those of the Veronese surface, ``4, 6, 3``, in reverse order
(:func:`segre_generic_ed_degree`). The
locus is empty for every ``t`` tried (``d = 2, 3``, ``t = 2, 3, 4``): the ED
degree is 10 for ``d = 2`` and 1083 for ``d = 3``, proved in about a second
(:func:`segre_transversal_ed_degree_record`), the values counted on the
model mod ``p`` for ``t = 2, 3, 4``.

With ``d_out = 2`` the same locus is positive-dimensional (``d = 2, 3``):
the inner product is a sum over the output rows, and ``V = c ⊗ v`` with an
isotropic ``c`` makes every row combination isotropic. The ED degree of
``a = 1``, ``d = 2``, ``d_out = 2`` is 52, against 196 for a generic inner
product on the Segre product of ``P^3`` with the quadrics sharing a factor.

EXAMPLES::

    sage: from sage_neuro import LightningSelfAttention
    sage: from sage_neuro.invariants.attention_segre import segre_model_certificate, segre_degree
    sage: net = LightningSelfAttention(3, 1, 1, 2)
    sage: C = segre_model_certificate(net); C
    Segre model of LightningSelfAttention(d=3, a=1, d_out=1, t=2): holds (L has rank 18 = 6 * 3)
    sage: segre_degree(3), net.neuromanifold().degree()
    (45, 45)
"""

from sage.arith.misc import binomial
from sage.matrix.constructor import matrix
from sage.modules.free_module_element import vector
from sage.rings.finite_rings.finite_field_constructor import GF
from sage.rings.integer import Integer
from sage.rings.polynomial.polynomial_ring_constructor import PolynomialRing
from sage.rings.rational_field import QQ

from sage_neuro.constants import SLICE_PRIME
from sage_neuro.invariants.model_counts import (distance_to_random_data, formula_record,
                                                linear_model_certificate)


def segre_model_applies(net):
    r"""
    Return ``(True, reason)`` if ``net`` is one layer of lightning
    self-attention with ``a = 1``, ``d_out = 1`` and at least two tokens,
    else ``(False, reason)`` naming the hypothesis that fails.

    INPUT:

    - ``net`` -- an architecture

    OUTPUT: a pair ``(bool, str)``

    EXAMPLES::

        sage: from sage_neuro import LightningSelfAttention, PolynomialMLP
        sage: from sage_neuro.invariants.attention_segre import segre_model_applies
        sage: segre_model_applies(LightningSelfAttention(3, 1, 1, 2))
        (True, 'one layer of lightning self-attention with a = 1, d_out = 1, t = 2 >= 2')
        sage: segre_model_applies(LightningSelfAttention(3, 2, 1, 2))[1]
        'the Segre model needs a = 1, not a = 2'
        sage: segre_model_applies(PolynomialMLP([2, 2, 1], activation=2))[1]
        'the Segre model is one layer of lightning self-attention, not PolynomialMLP([2, 2, 1], activation=2)'
    """
    why = _shape_reason(net)
    if why is not None:
        return False, why
    t = net.num_tokens()
    if t < 2:
        return False, ("the Segre model needs t >= 2 tokens (for t = 1 the map L is not "
                       "injective), not t = %s" % t)
    return True, "one layer of lightning self-attention with a = 1, d_out = 1, t = %s >= 2" % t


def _shape_reason(net):
    # why ``net`` is not one layer of attention with a = d_out = 1, or None
    # (the model map exists for every t; its injectivity needs t >= 2)
    from sage_neuro.architectures.attention import LightningSelfAttention
    if not isinstance(net, LightningSelfAttention) or net.depth() != 1:
        return "the Segre model is one layer of lightning self-attention, not %r" % (net,)
    a, d_out = net.attention_dimensions()[0], net.token_dimensions()[-1]
    if a != 1:
        return "the Segre model needs a = 1, not a = %s" % a
    if d_out != 1:
        return "the Segre model needs d_out = 1, not d_out = %s" % d_out
    return None


def _check_applies(net):
    applies, why = segre_model_applies(net)
    if not applies:
        raise ValueError(why)


def segre_model_map(net, base_ring=QQ, check=True):
    r"""
    Return ``(R, S, q, Phi)``: the polynomial ring ``R`` of the Segre model
    (variables ``s{i}_{j}``, ``i <= j``, the entries of a symmetric ``d x d``
    matrix ``S``, and ``q0, ..., q{d-1}``), the matrix ``S`` and vector
    ``q`` over ``R``, and the list ``Phi`` of the network's coordinate
    functions as polynomials in ``R`` (the coefficients of ``(sum_s x_s^T S
    x_s)(q . x_j)`` on :meth:`~sage_neuro.architectures.base.Architecture.monomial_basis`,
    in the order of :meth:`~sage_neuro.architectures.base.Architecture.coordinate_names`).

    INPUT:

    - ``net`` -- one layer of lightning self-attention with ``a = d_out = 1``
      (for ``check=False`` also ``t = 1``)
    - ``base_ring`` -- (default ``QQ``) the field of ``R``
    - ``check`` -- (default ``True``) whether to require ``t >= 2``

    OUTPUT: a tuple ``(R, S, q, Phi)``

    EXAMPLES::

        sage: from sage_neuro import LightningSelfAttention
        sage: from sage_neuro.invariants.attention_segre import segre_model_map
        sage: R, S, q, Phi = segre_model_map(LightningSelfAttention(2, 1, 1, 2))
        sage: S
        [s0_0 s0_1]
        [s0_1 s1_1]
        sage: len(Phi) == LightningSelfAttention(2, 1, 1, 2).ambient_dimension()
        True
        sage: Phi[0]
        s0_0*q0
    """
    if check:
        _check_applies(net)
    elif _shape_reason(net) is not None:
        raise ValueError(_shape_reason(net))
    from sage_neuro.cache import CacheKey, cache_of
    # built once per network: the certificate and every seed's system use it
    R, S, q, Phi = cache_of(net).lookup(CacheKey("segre_model", prime=0),
                                        lambda: _model_over_QQ(net))
    if base_ring is not QQ:
        R = R.change_ring(base_ring)
        S, q, Phi = S.change_ring(R), q.change_ring(R), [R(f) for f in Phi]
    return R, S, q, Phi


def _model_over_QQ(net):
    d, t = net.token_dimensions()[0], net.num_tokens()
    names = ["s%d_%d" % (i, j) for i in range(d) for j in range(i, d)]
    names += ["q%d" % i for i in range(d)]
    R = PolynomialRing(QQ, names, len(names), order="degrevlex")
    g = dict(zip(names, R.gens()))
    S = matrix(R, d, d, lambda i, j: g["s%d_%d" % (min(i, j), max(i, j))])
    q = matrix(R, 1, d, [g["q%d" % i] for i in range(d)])
    X = PolynomialRing(R, "x", d * t)
    Xm = net.input_matrix(X)
    quadric = sum((Xm.column(s) * S.change_ring(X) * Xm.column(s)) for s in range(t))
    outputs = [quadric * (q.change_ring(X) * Xm.column(j))[0] for j in range(t)]
    q = q.row(0)
    # shared through the network's cache: nobody may change them
    S.set_immutable()
    q.set_immutable()
    return R, S, q, net.output_coordinates(outputs)


def segre_model_certificate(net):
    r"""
    Return a :class:`~sage_neuro.invariants.model_counts.LinearModelCertificate`: whether ``mu = L o psi`` holds
    identically (substitution of ``S = (v k^T + k v^T)/2``, ``q`` into the
    model over ``QQ``) and whether ``L`` is injective (its rank over
    ``QQ``). When both hold, the closure of the neuromanifold is linearly
    isomorphic to the cone over the Segre product of the symmetric rank-2
    locus with ``P^{d-1}`` (see the module documentation).

    INPUT:

    - ``net`` -- one layer of lightning self-attention with ``a = d_out =
      1`` (any number of tokens: for ``t = 1`` the certificate says that
      ``L`` is not injective)

    OUTPUT: a :class:`~sage_neuro.invariants.model_counts.LinearModelCertificate`

    EXAMPLES::

        sage: from sage_neuro import LightningSelfAttention
        sage: from sage_neuro.invariants.attention_segre import segre_model_certificate
        sage: segre_model_certificate(LightningSelfAttention(3, 1, 1, 3))
        Segre model of LightningSelfAttention(d=3, a=1, d_out=1, t=3): holds (L has rank 18 = 6 * 3)

    With one token the output is a single cubic form, and ``L`` has a kernel::

        sage: segre_model_certificate(LightningSelfAttention(3, 1, 1, 1))
        Segre model of LightningSelfAttention(d=3, a=1, d_out=1, t=1): does not hold (L has rank 10 < 18 = 6 * 3: not injective)
        sage: segre_model_certificate(LightningSelfAttention(3, 1, 2, 2))
        Traceback (most recent call last):
        ...
        ValueError: the Segre model needs d_out = 1, not d_out = 2
    """
    R, S, q, Phi = segre_model_map(net, check=False)
    d = net.token_dimensions()[0]
    W = net.weight_matrices()[0]
    # the single rows of Q, K, V (a = d_out = 1)
    qq, kk, vv = (W[0].row(0), W[1].row(0), W[2].row(0))
    half = QQ(1) / 2
    images = []
    for name in R.variable_names():
        if name.startswith("s"):
            i, j = map(int, name[1:].split("_"))
            images.append(half * (vv[i] * kk[j] + vv[j] * kk[i]))
        else:
            images.append(qq[int(name[1:])])
    # L: the coefficients of Phi in the products s_ij q_l
    products = [s * qv for s in R.gens()[:-d] for qv in R.gens()[-d:]]
    return linear_model_certificate(
        net, "Segre model", R, Phi, images, products,
        route="mu = L(sym(v k^T) ⊗ q) by substitution over QQ, L injective by its rank over QQ",
        certificate="the coordinates of mu equal those of (sum_s x_s^T S x_s)(q . x_j) at S = "
                    "(v k^T + k v^T)/2 (substitution over QQ); L has rank %%(rank)s = "
                    "dim Sym^2(C^%s) ⊗ C^%s" % (d, d),
        shape="%s * %s" % (d * (d + 1) // 2, d))


def swap_symmetry(net):
    r"""
    Return ``True`` when exchanging the key row ``k`` and the value row
    ``v`` leaves ``mu`` unchanged, checked by substitution over ``QQ`` (a
    proof for the network); ``False`` otherwise.

    For independent ``v`` and ``k`` the swapped point is not a rescaling
    ``(c_1 q, c_2 k, c_3 v)`` of the original one, so the generic fiber of
    ``mu`` has (at least) two components, each an orbit of the rescalings.

    INPUT:

    - ``net`` -- one layer of lightning self-attention with ``a = d_out = 1``

    OUTPUT: a boolean

    EXAMPLES::

        sage: from sage_neuro import LightningSelfAttention
        sage: from sage_neuro.invariants.attention_segre import swap_symmetry
        sage: swap_symmetry(LightningSelfAttention(3, 1, 1, 2))
        True
        sage: swap_symmetry(LightningSelfAttention(3, 1, 2, 2))
        Traceback (most recent call last):
        ...
        ValueError: the Segre model needs d_out = 1, not d_out = 2
    """
    why = _shape_reason(net)
    if why is not None:
        raise ValueError(why)
    P = net.parameter_ring()
    Q, K, V = net.weight_matrices()[0]
    images = {str(x): x for x in P.gens()}
    for a, b in zip(K.list(), V.list()):
        images[str(a)], images[str(b)] = b, a
    swap = P.hom([images[str(x)] for x in P.gens()], P)
    return all(swap(f) == f for f in net.coordinate_functions())


def segre_degree(d):
    r"""
    Return the degree ``binom(3d-3, d-1) * binom(2d-2, d-1) / 2`` of the cone
    over the Segre product of the symmetric ``d x d`` matrices of rank at
    most 2 with ``P^{d-1}`` (``1`` for ``d = 1``): the degree of the
    neuromanifold of one layer of lightning self-attention with ``a =
    d_out = 1``, ``t >= 2``, when :func:`segre_model_certificate` holds.

    INPUT:

    - ``d`` -- the token dimension, a positive integer

    OUTPUT: a Sage Integer

    EXAMPLES::

        sage: from sage_neuro.invariants.attention_segre import segre_degree
        sage: [segre_degree(d) for d in range(1, 6)]
        [1, 3, 45, 840, 17325]
        sage: segre_degree(0)
        Traceback (most recent call last):
        ...
        ValueError: d must be an integer >= 1, not 0
    """
    from sage_neuro.validation import check_positive_int
    d = check_positive_int(d, "d")
    if d == 1:
        return Integer(1)
    return binomial(3 * d - 3, d - 1) * binomial(2 * d - 2, d - 1) // 2


def segre_degree_record(net, choice=""):
    r"""
    Return the ``'proved'`` :class:`~sage_neuro.provenance.Provenance` of
    the degree of the neuromanifold of ``net`` from :func:`segre_degree`,
    behind :func:`segre_model_certificate` (over ``QQ``).

    INPUT:

    - ``net`` -- a network for which :func:`segre_model_applies`
    - ``choice`` -- (default ``''``) why this route was taken, for the note

    OUTPUT: a ``Provenance`` record; ``ValueError`` when the model does not
    apply, ``ArithmeticError`` when its certificate does not hold

    EXAMPLES::

        sage: from sage_neuro import LightningSelfAttention
        sage: from sage_neuro.invariants.attention_segre import segre_degree_record
        sage: P = segre_degree_record(LightningSelfAttention(3, 1, 1, 3)); P
        degree = 45  [proved; ... s]
        sage: P.route
        'degree of the cone over the Segre product of P^2 with the symmetric 3 x 3 matrices of rank <= 2'
    """
    _check_applies(net)
    d = net.token_dimensions()[0]
    return formula_record(net, segre_model_certificate, lambda: segre_degree(d),
                          "degree of the cone over the Segre product of P^%s with the symmetric "
                          "%s x %s matrices of rank <= 2" % (d - 1, d, d), "Segre model", choice)


def segre_ed_applies(net):
    r"""
    Return ``(True, reason)`` when :func:`segre_ed_degree` can count the ED
    degree of ``net`` (one layer of lightning self-attention with ``a =
    d_out = 1``, ``t >= 2``, ``d`` 2 or 3, and msolve installed), else
    ``(False, reason)``.

    INPUT:

    - ``net`` -- an architecture

    OUTPUT: a pair ``(bool, str)``

    EXAMPLES::

        sage: from sage_neuro import LightningSelfAttention
        sage: from sage_neuro.invariants.attention_segre import segre_ed_applies
        sage: segre_ed_applies(LightningSelfAttention(3, 1, 1, 4))
        (True, 'one layer of lightning self-attention with a = 1, d_out = 1, t = 4 >= 2, d = 3')
        sage: segre_ed_applies(LightningSelfAttention(4, 1, 1, 2))
        (False, 'the Segre ED system needs d = 2 or 3 (for d >= 4 the rank-2 locus is not a hypersurface), not d = 4')
    """
    from sage_neuro.invariants.msolve import msolve_program
    applies, why = segre_model_applies(net)
    if not applies:
        return False, why
    d = net.token_dimensions()[0]
    if d not in (2, 3):
        return False, ("the Segre ED system needs d = 2 or 3 (for d >= 4 the rank-2 locus is "
                       "not a hypersurface), not d = %s" % d)
    if msolve_program() is None:
        return False, "the Segre ED system is counted by msolve, which is not installed"
    return True, "%s, d = %s" % (why, d)


def _check_equations(equations):
    if equations not in ("kernel", "determinant"):
        raise ValueError("equations must be 'kernel' or 'determinant', not %r" % (equations,))


def segre_ed_system(net, seed=1, prime=SLICE_PRIME, equations="kernel"):
    r"""
    Return the ED critical system of the Segre model over ``GF(prime)`` at
    random data drawn from ``seed`` (standard inner product on the
    network's coordinates): a list of polynomials whose number of solutions
    is the ED degree of the neuromanifold.

    For ``d = 2`` the unknowns are the entries of ``S`` and ``q1`` (``q0 =
    1`` fixes the scaling between ``S`` and ``q``), and the equations the
    partial derivatives of the distance. For ``d = 3`` the rank condition is
    written in one of two ways:

    - ``'kernel'`` (the default): unknowns ``S``, ``q1, q2``, the kernel
      ``n = (1, n1, n2)`` of ``S`` and a multiplier ``mu``; equations: the
      derivatives in ``q``, ``S n = 0``, and ``d dist / d s_ij = mu n_i n_j``
      (times 2 off the diagonal: the gradient of ``det S`` at a matrix of
      rank 2 is a multiple of ``n n^T``). At a solution with ``S`` of rank 2
      this is the Lagrange condition on ``det S = 0``, with ``n`` and
      ``mu`` determined by ``S``. There is no solution with ``S`` of rank
      at most 1 for generic data ``u``: for ``S = 0`` the equations ask
      that an affine plane of symmetric matrices, generic because ``L`` is
      injective, meet the rank-1 locus (codimension 3); for ``S = c s s^T
      != 0`` the unknowns ``(s, q, n, mu)`` with ``s . n = 0`` form a family
      of dimension 7 and the 8 derivatives in ``(S, q)`` are independent
      affine conditions on ``u`` (the differential of ``(S, q) -> S ⊗ q`` is
      injective at ``S != 0``), so the data with such a solution form a
      proper subvariety. Critical points with ``n_0 = 0`` or ``q_0 = 0`` form
      a proper subvariety of the ED correspondence, which is irreducible,
      hence are missed only for special data.
    - ``'determinant'``: unknowns ``S``, ``q1, q2``, a Lagrange multiplier
      ``lam`` of ``det S = 0`` and ``z`` with ``z l(adj S) = 1`` for a random
      linear form ``l`` (removing the rank-1 locus, where the multiplier is
      not determined). Slower (a Rabinowitsch variable and ``det S`` of
      degree 3); kept as a second route.

    INPUT:

    - ``net`` -- one layer of lightning self-attention with ``a = d_out =
      1``, ``t >= 2`` and token dimension ``d`` 2 or 3
    - ``seed`` -- (default 1) seed of the data (and of the linear form ``l``)
    - ``prime`` -- (default :data:`~sage_neuro.constants.SLICE_PRIME`) a prime
    - ``equations`` -- (default ``'kernel'``) ``'kernel'`` or
      ``'determinant'``: how the rank condition of ``d = 3`` is written
      (ignored for ``d = 2``)

    OUTPUT: a list of polynomials over ``GF(prime)``

    EXAMPLES::

        sage: from sage_neuro import LightningSelfAttention
        sage: from sage_neuro.invariants.attention_segre import segre_ed_system
        sage: E = segre_ed_system(LightningSelfAttention(2, 1, 1, 2))
        sage: E[0].parent().variable_names()
        ('s0_0', 's0_1', 's1_1', 'q1')
        sage: E[0].parent().ideal(E).vector_space_dimension()
        10
        sage: E = segre_ed_system(LightningSelfAttention(3, 1, 1, 2))
        sage: E[0].parent().variable_names()
        ('s0_0', 's0_1', 's0_2', 's1_1', 's1_2', 's2_2', 'q1', 'q2', 'n1', 'n2', 'mu')
        sage: sorted(set(f.degree() for f in E))
        [2, 3]
        sage: segre_ed_system(LightningSelfAttention(3, 1, 1, 2), equations='det')
        Traceback (most recent call last):
        ...
        ValueError: equations must be 'kernel' or 'determinant', not 'det'
        sage: segre_ed_system(LightningSelfAttention(4, 1, 1, 2))
        Traceback (most recent call last):
        ...
        ValueError: the Segre ED system needs d = 2 or 3 (for d >= 4 the rank-2 locus is not a hypersurface), not d = 4
    """
    _check_applies(net)
    _check_equations(equations)
    d = net.token_dimensions()[0]
    if d not in (2, 3):
        raise ValueError("the Segre ED system needs d = 2 or 3 (for d >= 4 the rank-2 locus is "
                         "not a hypersurface), not d = %s" % d)
    K = GF(prime)
    R, S, q, Phi = segre_model_map(net, base_ring=K)
    names = [n for n in R.variable_names() if n != "q0"]
    if d == 3:
        names += ["n1", "n2", "mu"] if equations == "kernel" else ["lam", "z"]
    T = PolynomialRing(K, names, len(names), order="degrevlex")
    sub = R.hom([T(1) if n == "q0" else T.gen(names.index(n)) for n in R.variable_names()], T)
    Phi = [sub(f) for f in Phi]
    distance, rng = distance_to_random_data(Phi, "Segre ED data %s" % seed, prime)
    unknowns = [T.gen(i) for i in range(len(R.gens()) - 1)]
    if d == 2:
        return [distance.derivative(x) for x in unknowns]
    Sm = S.apply_map(sub)
    if equations == "kernel":
        n1, n2, mu = T.gens()[-3:]
        n = [T.one(), n1, n2]
        entries = {"s%d_%d" % (i, j): (i, j) for i in range(d) for j in range(i, d)}
        system = []
        for x in unknowns:
            g = distance.derivative(x)
            if str(x) in entries:
                i, j = entries[str(x)]
                g -= mu * n[i] * n[j] * (1 if i == j else 2)
            system.append(g)
        return system + list(Sm * vector(T, n))
    lam, z = T.gens()[-2:]
    ell = [K(rng.randrange(prime)) for _ in range(d * (d + 1) // 2)]
    det = Sm.det()
    lagrangian = distance + lam * det
    adj = Sm.adjugate()
    form = sum(c * adj[i, j] for c, (i, j) in zip(ell, [(i, j) for i in range(d)
                                                        for j in range(i, d)]))
    return [lagrangian.derivative(x) for x in unknowns] + [det, z * form - 1]


def segre_ed_degree(net, seeds=(1, 2), prime=SLICE_PRIME, timeout=None, equations="kernel"):
    r"""
    Return the :class:`~sage_neuro.provenance.Provenance` of the ED degree of
    the neuromanifold counted on the Segre model (:func:`segre_ed_system`),
    one msolve process per seed side by side; all seeds must agree.

    INPUT:

    - ``net`` -- one layer of lightning self-attention with ``a = d_out =
      1``, ``t >= 2``, ``d`` 2 or 3
    - ``seeds`` -- (default ``(1, 2)``) seeds of the data
    - ``prime`` -- (default :data:`~sage_neuro.constants.SLICE_PRIME`) a prime ``< 2^31``
    - ``timeout`` -- seconds for the msolve processes (``TimeoutError``)
    - ``equations`` -- (default ``'kernel'``) ``'kernel'`` or
      ``'determinant'``: the form of the rank condition for ``d = 3`` (see
      :func:`segre_ed_system`); the two are independent routes to the same
      count

    OUTPUT: a ``Provenance`` record (``'modular'``)

    EXAMPLES::

        sage: from sage_neuro import LightningSelfAttention
        sage: from sage_neuro.invariants.attention_segre import segre_ed_degree
        sage: P = segre_ed_degree(LightningSelfAttention(2, 1, 1, 2)); P
        ed_degree = 10  [modular: p = 32003, seeds (1, 2); ... s]
        sage: P.route
        'critical equations on the Segre model S ⊗ q of the neuromanifold (q0 = 1)'
        sage: P.value == LightningSelfAttention(2, 1, 1, 2).neuromanifold().ed_degree()
        True
        sage: segre_ed_degree(LightningSelfAttention(3, 1, 1, 2), equations='rank')
        Traceback (most recent call last):
        ...
        ValueError: equations must be 'kernel' or 'determinant', not 'rank'
    """
    from sage_neuro.invariants.model_counts import model_count
    applies, why = segre_ed_applies(net)
    if not applies:
        raise ValueError(why)
    _check_equations(equations)
    d = net.token_dimensions()[0]
    if d == 2:
        route = "critical equations on the Segre model S ⊗ q of the neuromanifold (q0 = 1)"
        choices = "per seed: data mod p"
    elif equations == "kernel":
        route = ("critical equations on the Segre model S ⊗ q of the neuromanifold with the "
                 "kernel n of S: S n = 0, gradient in S = mu n n^T (q0 = n0 = 1)")
        choices = "per seed: data mod p"
    else:
        route = ("Lagrange critical equations on the Segre model S ⊗ q of the neuromanifold, "
                 "det S = 0, rank-1 locus removed (q0 = 1)")
        choices = "per seed: data and the linear form of the Rabinowitsch equation mod p"

    def system(net, seed, prime):
        return segre_ed_system(net, seed=seed, prime=prime, equations=equations)
    return model_count(net, "ed_degree", "Segre model", segre_model_certificate,
                       {"ed_degree": system}, seeds, prime, timeout=timeout,
                       route={"ed_degree": route}, choices={"ed_degree": choices})


# the one range of d for which C_d's Chern-Mather class is coded here
_CHERN_MATHER_RANGE = ("the Chern-Mather class of the symmetric matrices of rank <= 2 is known "
                       "here for d <= 3, not d = %s")


def segre_chern_mather(d):
    r"""
    Return ``(n, m, c)`` for the variety ``C_d`` of symmetric ``d x d``
    matrices of rank at most 2 in ``P^n``, ``n = d(d+1)/2 - 1``: its
    dimension ``m = 2d - 2`` and the degrees ``c`` of its Chern-Mather class
    (:mod:`~sage_neuro.invariants.polar_degrees`).

    ``C_1`` is a point and ``C_2 = P^2`` is smooth. ``C_3`` is the cubic
    symmetroid ``det S = 0``, the dual variety of the Veronese surface
    ``v_2(P^2)``: its polar degrees are those of the Veronese surface
    (``4, 6, 3``, from the Chern classes of ``P^2`` in ``O(2)``) in reverse
    order.

    INPUT:

    - ``d`` -- 1, 2 or 3

    OUTPUT: a triple ``(n, m, c)``

    EXAMPLES:

    The Euler obstruction of ``C_3`` has weighted Euler characteristic 3
    (the last degree): it is 1 on the matrices of rank 2 and 0 along the
    Veronese surface, where the normal slice is a quadric cone::

        sage: from sage_neuro.invariants.attention_segre import segre_chern_mather
        sage: segre_chern_mather(2), segre_chern_mather(3)
        ((2, 2, [1, 3, 3]), (5, 4, [3, 9, 10, 6, 3]))
        sage: segre_chern_mather(4)
        Traceback (most recent call last):
        ...
        ValueError: the Chern-Mather class of the symmetric matrices of rank <= 2 is known here for d <= 3, not d = 4
    """
    from sage_neuro.invariants.polar_degrees import (chern_mather_degrees, dual_polar_degrees,
                                                     polar_degrees, veronese_chern_mather)
    d = Integer(d)
    if d < 1:
        raise ValueError("d must be a positive integer, not %s" % d)
    if d > 3:
        raise ValueError(_CHERN_MATHER_RANGE % d)
    n, m = int(d * (d + 1) // 2 - 1), int(2 * d - 2)
    if d <= 2:
        # C_d is all of P^n
        return n, m, veronese_chern_mather(n, 1)
    veronese = polar_degrees(2, veronese_chern_mather(2, 2))
    return n, m, chern_mather_degrees(m, dual_polar_degrees(veronese, m))


def segre_generic_ed_degree(d):
    r"""
    Return the generic ED degree of the Segre product ``C_d x P^{d-1}`` (the
    neuromanifold of one layer of lightning self-attention with ``a = d_out
    = 1`` on tokens of dimension ``d``, up to a linear isomorphism): the sum
    of its polar degrees, from :func:`segre_chern_mather` and
    :func:`~sage_neuro.invariants.polar_degrees.segre_product_chern_mather`.

    INPUT:

    - ``d`` -- 1, 2 or 3

    OUTPUT: an Integer

    EXAMPLES::

        sage: from sage_neuro.invariants.attention_segre import segre_generic_ed_degree
        sage: [segre_generic_ed_degree(d) for d in (1, 2, 3)]
        [1, 10, 1083]
    """
    from sage_neuro.invariants.polar_degrees import (generic_ed_degree,
                                                     segre_product_chern_mather,
                                                     veronese_chern_mather)
    d = Integer(d)
    C = segre_chern_mather(d)
    P = (int(d - 1), int(d - 1), veronese_chern_mather(d - 1, 1))
    return generic_ed_degree(*segre_product_chern_mather([C, P]))


def segre_transversal_applies(net):
    r"""
    Return ``(True, reason)`` when :func:`segre_transversal_ed_degree_record`
    applies to ``net`` (one layer of lightning self-attention with ``a =
    d_out = 1``, ``t >= 2`` and ``d <= 3``, the range of
    :func:`segre_chern_mather`), else ``(False, reason)``.

    INPUT:

    - ``net`` -- an architecture

    OUTPUT: a pair ``(bool, str)``

    EXAMPLES::

        sage: from sage_neuro import LightningSelfAttention
        sage: from sage_neuro.invariants.attention_segre import segre_transversal_applies
        sage: segre_transversal_applies(LightningSelfAttention(3, 1, 1, 2))
        (True, 'one layer of lightning self-attention with a = 1, d_out = 1, t = 2 >= 2, d = 3')
        sage: segre_transversal_applies(LightningSelfAttention(4, 1, 1, 2))
        (False, 'the Chern-Mather class of the symmetric matrices of rank <= 2 is known here for d <= 3, not d = 4')
        sage: segre_transversal_applies(LightningSelfAttention(2, 1, 2, 2))
        (False, 'the Segre model needs d_out = 1, not d_out = 2')
    """
    applies, why = segre_model_applies(net)
    if not applies:
        return False, why
    d = net.token_dimensions()[0]
    if d > 3:
        return False, _CHERN_MATHER_RANGE % d
    return True, "%s, d = %s" % (why, d)


def segre_transversal_ed_degree_record(net, prime=SLICE_PRIME, timeout=None, choice=""):
    r"""
    Return the ``'proved'`` :class:`~sage_neuro.provenance.Provenance` of the
    ED degree of one layer of lightning self-attention with ``a = d_out =
    1`` when its neuromanifold is transversal to the isotropic quadric: the
    generic ED degree :func:`segre_generic_ed_degree` (module
    documentation), behind :func:`segre_model_certificate` (over ``QQ``) and
    the empty tangency locus of
    :func:`~sage_neuro.invariants.cnn_segre_veronese.isotropic_tangency`
    (mod ``prime``, which proves it empty over ``QQbar``).

    INPUT:

    - ``net`` -- a network for which :func:`segre_transversal_applies`
    - ``prime`` -- (default ``32003``) the prime of the tangency certificate
    - ``timeout`` -- (default ``None``) seconds for the tangency locus
    - ``choice`` -- (default ``''``) why this route was taken, for the note

    OUTPUT: a ``Provenance`` record; ``ArithmeticError`` when the tangency
    locus has points mod ``prime`` or the model's certificate fails,
    ``ValueError`` when the route does not apply

    EXAMPLES::

        sage: from sage_neuro import LightningSelfAttention
        sage: from sage_neuro.invariants.attention_segre import segre_transversal_ed_degree_record
        sage: P = segre_transversal_ed_degree_record(LightningSelfAttention(3, 1, 1, 3)); P
        ed_degree = 1083  [proved: p = 32003; ... s]
        sage: P.certificate
        'J^T mu = 0 has no point on P^2 x P^2 x P^2: Groebner basis {1} mod 32003 on each of its 27 strata (msolve); ...; Segre model: ... L has rank 18 = dim Sym^2(C^3) ⊗ C^3'
        sage: segre_transversal_ed_degree_record(LightningSelfAttention(2, 1, 2, 2))
        Traceback (most recent call last):
        ...
        ValueError: the Segre model needs d_out = 1, not d_out = 2
        sage: segre_transversal_ed_degree_record(LightningSelfAttention(4, 1, 1, 2))
        Traceback (most recent call last):
        ...
        ValueError: the Chern-Mather class of the symmetric matrices of rank <= 2 is known here for d <= 3, not d = 4
    """
    from sage_neuro.invariants.cnn_segre_veronese import isotropic_tangency
    from sage_neuro.provenance import Provenance, stopwatch
    applies, why = segre_transversal_applies(net)
    if not applies:
        raise ValueError(why)
    d = net.token_dimensions()[0]
    with stopwatch() as seconds:
        value = segre_generic_ed_degree(d)
        C = segre_model_certificate(net)
        if not C.holds:
            raise ArithmeticError("not computed: %r" % (C,))
        T = isotropic_tangency(net, prime=prime, timeout=timeout)
        if not T.transversal:
            raise ArithmeticError("the ED degree of %r is not shown to be the generic one: %s"
                                  % (net, T.certificate()))
    return Provenance(
        "ed_degree", value, "proved", primes=(T.prime,), seconds=seconds[0],
        route="the generic ED degree of the Segre product of the symmetric %d x %d matrices of "
              "rank <= 2 with P^%d (sum of the polar degrees from the Chern-Mather classes; "
              "the symmetroid dual to the Veronese surface), the ED degree since the "
              "neuromanifold is transversal to the isotropic quadric (arXiv 1309.0049, "
              "Theorem 5.4)" % (d, d, d - 1),
        certificate="%s; Segre model: %s" % (T.certificate(), C.provenance.certificate),
        note="; ".join(x for x in (choice, "%d strata decided by msolve" % T.total) if x))
