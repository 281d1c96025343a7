r"""
The determinantal model of one layer of lightning self-attention.

The network ``X -> V X X^T K^T Q X`` depends on its parameters only through
``V`` (``d_out x d``) and ``M = K^T Q`` (``d x d``, rank at most ``a``):
entry ``(i, j)`` of the output is

.. MATH::

    f_{ij}(X) = \sum_{p, r, s} V_{ip} M_{rs} \Big(\sum_{s'} x_{s'p} x_{s'r}\Big) x_{js},

linear in the tensor ``T = sym_{p r}(V ⊗ M)`` (symmetrized in ``p, r``
because ``X X^T`` is symmetric). So ``mu = L o phi`` with ``phi(V, M) = T``
and a linear map ``L``. Three facts make ``(V, M)`` with ``rank M <= a`` a
model of the neuromanifold whose critical points are easy to clean:

- ``L`` is injective on the symmetrized tensors when ``t >= 2`` (the terms
  of ``f_{i1}`` of degree 2 in ``x_2`` and 1 in ``x_1`` are the tensor
  itself); :func:`determinantal_model_certificate` checks it, and
  ``mu = L o phi`` at ``M = K^T Q``, exactly over ``QQ``;
- where ``a >= d``, ``M`` is free; where ``a = d - 1``, the rank condition
  is the hypersurface ``det M = 0``, whose singular points are the
  matrices of rank at most ``d - 2`` (where ``adj M = 0``);
- the differential of ``phi`` has no kernel beyond the scaling ``(V, M) ->
  (c V, M / c)`` unless ``M`` has rank at most 1: a tangent vector ``(dV,
  dM)`` in the kernel makes every ``dV_i m_s^T + V_i dM_s^T`` (``m_s`` the
  columns of ``M``) antisymmetric; if some ``dV_i`` is not a multiple of
  ``V_i`` this forces every column of ``M`` onto ``V_i``, and otherwise it
  forces the scaling.

Since ``L`` is a linear isomorphism onto its image for every ``t >= 2``,
dimension and degree of the neuromanifold do not depend on ``t >= 2``
(the degree 2376 of ``a = 2``, ``d = 3``, ``d_out = 2`` was computed for
``t = 2, 3, 4``, ``docs/frontier``); the ED degree may, because
the inner product pulled back by ``L`` does.

So for ``a >= 2`` and ``a >= d - 1`` the critical points of the distance
on the neuromanifold are the critical points of ``(V, M) -> |L(phi(V, M)) -
u|^2`` (with ``V_{00} = 1`` for the scaling, and a Lagrange multiplier for
``det M = 0`` when ``a = d - 1``) away from ``rank M <= 1`` -- removed by ``z
det M - 1`` (``a >= d``) or ``z l(adj M) - 1`` for a random linear form
``l`` (``a = d - 1``) -- divided by the generic fiber of ``phi`` modulo
scaling, counted at a random point. The equations are cubic, against
quintic ones and a Jacobian minor on a coordinate slice of ``(Q, K, V)``,
whose gauge group ``GL(a)`` is gone here.

EXAMPLES::

    sage: from sage_neuro import LightningSelfAttention
    sage: from sage_neuro.invariants.attention_determinantal import determinantal_model_certificate
    sage: determinantal_model_certificate(LightningSelfAttention(3, 2, 1, 2))
    determinantal model of LightningSelfAttention(d=3, a=2, d_out=1, t=2): holds (L has rank 18 = 1 * 6 * 3 (symmetrized tensors); rank M <= 2: det M = 0)
"""

import random

from sage.arith.misc import binomial
from sage.matrix.constructor import matrix
from sage.rings.finite_rings.finite_field_constructor import GF
from sage.rings.integer import Integer
from sage.rings.polynomial.polynomial_ring_constructor import PolynomialRing
from sage.rings.rational_field import QQ

from sage_neuro.constants import SLICE_PRIME
from sage_neuro.invariants.model_counts import (distance_to_random_data, formula_record,
                                                linear_model_certificate)


def determinantal_model_applies(net):
    r"""
    Return ``(True, reason)`` if ``net`` is one layer of lightning
    self-attention with ``t >= 2`` tokens and attention dimension ``a`` with
    ``a >= 2`` and ``a >= d - 1``, else ``(False, reason)`` naming the
    hypothesis that fails.

    INPUT:

    - ``net`` -- an architecture

    OUTPUT: a pair ``(bool, str)``

    EXAMPLES::

        sage: from sage_neuro import LightningSelfAttention
        sage: from sage_neuro.invariants.attention_determinantal import determinantal_model_applies
        sage: determinantal_model_applies(LightningSelfAttention(3, 2, 2, 2))
        (True, 'one layer of lightning self-attention with a = 2 = d - 1, t = 2 >= 2')
        sage: determinantal_model_applies(LightningSelfAttention(4, 2, 1, 2))[1]
        'the determinantal model needs a >= d - 1 (rank M <= a a hypersurface or everything), not a = 2, d = 4'
        sage: determinantal_model_applies(LightningSelfAttention(3, 1, 1, 2))[1]
        'the determinantal model needs a >= 2 (for a = 1 every M has rank 1), not a = 1'
    """
    why = _shape_reason(net, "the determinantal model")
    if why is not None:
        return False, why
    a, d, t = net.attention_dimensions()[0], net.token_dimensions()[0], net.num_tokens()
    if a < d - 1:
        return False, ("the determinantal model needs a >= d - 1 (rank M <= a a hypersurface or "
                       "everything), not a = %s, d = %s" % (a, d))
    return True, ("one layer of lightning self-attention with a = %s %s, t = %s >= 2"
                  % (a, "= d - 1" if a == d - 1 else ">= d", t))


def _one_layer_reason(net):
    # why ``net`` is not one layer of attention, or None (the model map
    # exists for every a and t; the model needs more, see above)
    from sage_neuro.architectures.attention import LightningSelfAttention
    if not isinstance(net, LightningSelfAttention) or net.depth() != 1:
        return "the determinantal model is one layer of lightning self-attention, not %r" % (net,)
    return None


def _shape_reason(net, what):
    # why `what` (the model's counts, the degree formula) does not apply to
    # `net` for a reason other than a < d - 1, or None: one layer, a >= 2, t >= 2
    why = _one_layer_reason(net)
    if why is not None:
        return why
    a, t = net.attention_dimensions()[0], net.num_tokens()
    if a < 2:
        return "%s needs a >= 2 (for a = 1 every M has rank 1), not a = %s" % (what, a)
    if t < 2:
        return ("%s needs t >= 2 tokens (for t = 1 the map L is not injective), not t = %s"
                % (what, t))
    return None


def _check_applies(net):
    applies, why = determinantal_model_applies(net)
    if not applies:
        raise ValueError(why)


def determinantal_model_map(net, base_ring=QQ):
    r"""
    Return ``(R, V, M, Phi)``: the polynomial ring ``R`` of the model
    (variables ``v{i}_{p}`` and ``m{r}_{s}``), the matrices ``V`` and ``M``
    over ``R``, and the network's coordinate functions ``Phi`` as
    polynomials in ``R``, in the order of
    :meth:`~sage_neuro.architectures.base.Architecture.coordinate_names`.

    INPUT:

    - ``net`` -- one layer of lightning self-attention (any ``a``)
    - ``base_ring`` -- (default ``QQ``) the field of ``R``

    OUTPUT: a tuple ``(R, V, M, Phi)``

    EXAMPLES::

        sage: from sage_neuro import LightningSelfAttention
        sage: from sage_neuro.invariants.attention_determinantal import determinantal_model_map
        sage: R, V, M, Phi = determinantal_model_map(LightningSelfAttention(2, 2, 1, 2))
        sage: V
        [v0_0 v0_1]
        sage: M
        [m0_0 m0_1]
        [m1_0 m1_1]
        sage: Phi[0]
        v0_0*m0_0
    """
    why = _one_layer_reason(net)
    if why is not None:
        raise ValueError(why)
    from sage_neuro.cache import CacheKey, cache_of
    # built once per network: the certificate and every seed's systems use it
    R, V, M, Phi = cache_of(net).lookup(CacheKey("determinantal_model", prime=0),
                                        lambda: _model_over_QQ(net))
    if base_ring is not QQ:
        R = R.change_ring(base_ring)
        V, M, Phi = V.change_ring(R), M.change_ring(R), [R(f) for f in Phi]
    return R, V, M, Phi


def _model_over_QQ(net):
    d, d_out, t = net.token_dimensions()[0], net.token_dimensions()[-1], net.num_tokens()
    names = ["v%d_%d" % (i, p) for i in range(d_out) for p in range(d)]
    names += ["m%d_%d" % (r, s) for r in range(d) for s in range(d)]
    R = PolynomialRing(QQ, names, len(names), order="degrevlex")
    V = matrix(R, d_out, d, R.gens()[:d_out * d])
    M = matrix(R, d, d, R.gens()[d_out * d:])
    Xm = net.input_matrix(PolynomialRing(R, "x", d * t))
    X = Xm.base_ring()
    F = V.change_ring(X) * Xm * Xm.transpose() * M.change_ring(X) * Xm
    # shared through the network's cache: nobody may change them
    V.set_immutable()
    M.set_immutable()
    return R, V, M, net.output_coordinates(F.list())


def determinantal_model_certificate(net):
    r"""
    Return a :class:`~sage_neuro.invariants.model_counts.LinearModelCertificate`: whether ``mu = L(sym(V
    ⊗ M))`` at ``M = K^T Q`` holds identically (substitution over ``QQ``)
    and whether ``L`` is injective on the tensors symmetric in their first
    two indices (its rank over ``QQ``).

    INPUT:

    - ``net`` -- one layer of lightning self-attention

    OUTPUT: a :class:`~sage_neuro.invariants.model_counts.LinearModelCertificate`

    EXAMPLES::

        sage: from sage_neuro import LightningSelfAttention
        sage: from sage_neuro.invariants.attention_determinantal import determinantal_model_certificate
        sage: determinantal_model_certificate(LightningSelfAttention(2, 2, 1, 3)).holds
        True

    With one token, ``L`` has a kernel::

        sage: determinantal_model_certificate(LightningSelfAttention(2, 2, 1, 1))
        determinantal model of LightningSelfAttention(d=2, a=2, d_out=1, t=1): does not hold (L has rank 4 < 6 = 1 * 3 * 2 (symmetrized tensors): not injective)
    """
    R, V, M, Phi = determinantal_model_map(net)
    d, d_out = net.token_dimensions()[0], net.token_dimensions()[-1]
    a = net.attention_dimensions()[0]
    Q, K, W = net.weight_matrices()[0]
    images = list(W.list()) + list((K.transpose() * Q).list())
    # L on the products v m, symmetrized: X X^T is symmetric, so only the
    # parts of V ⊗ M symmetric in the first two indices of M X X^T count
    nv = d_out * d
    products = [v * m for v in R.gens()[:nv] for m in R.gens()[nv:]]
    return linear_model_certificate(
        net, "determinantal model", R, Phi, images, products,
        route="mu = L(sym(V ⊗ M)) at M = K^T Q by substitution over QQ, L injective on the "
              "symmetrized tensors by its rank over QQ",
        certificate="the coordinates of mu equal those of V X X^T M X at M = K^T Q (substitution "
                    "over QQ); L has rank %(rank)s = dim of the tensors symmetric in their first "
                    "two indices",
        shape="%s * %s * %s (symmetrized tensors)" % (d_out, d * (d + 1) // 2, d),
        formula="L(sym(V ⊗ K^T Q))",
        note=("M free" if a >= d else "rank M <= %d: det M = 0" % a if a == d - 1
              else "rank M <= %d" % a),
        dimension=d_out * d * d * (d + 1) // 2)


def rank_locus_degree(m, n, r):
    r"""
    Return the degree of the variety of ``m x n`` matrices of rank at most
    ``r``: ``prod_{i=0}^{n-r-1} (m+i)! i! / ((r+i)! (m-r+i)!)`` for ``r <
    m <= n`` (Harris-Tu; Fulton, *Intersection Theory*, Example 14.4.11),
    ``1`` when ``r >= min(m, n)`` (all matrices).

    INPUT:

    - ``m``, ``n`` -- positive integers
    - ``r`` -- a non-negative integer

    OUTPUT: a Sage Integer

    EXAMPLES::

        sage: from sage_neuro.invariants.attention_determinantal import rank_locus_degree
        sage: [rank_locus_degree(3, 3, r) for r in (1, 2, 3, 4)]
        [6, 3, 1, 1]
        sage: rank_locus_degree(4, 4, 2), rank_locus_degree(2, 3, 1)
        (20, 3)
        sage: rank_locus_degree(0, 1, 1)
        Traceback (most recent call last):
        ...
        ValueError: m must be an integer >= 1, not 0
    """
    from sage.arith.misc import factorial
    from sage_neuro.validation import check_positive_int
    m, n = sorted((check_positive_int(m, "m"), check_positive_int(n, "n")))
    r = check_positive_int(r + 1, "r + 1") - 1
    if r >= m:
        return Integer(1)
    value = QQ(1)
    for i in range(n - r):
        value *= factorial(m + i) * factorial(i) / (factorial(r + i) * factorial(m - r + i))
    return Integer(value)


def determinantal_degree(d, a, m):
    r"""
    Return the degree of the neuromanifold of one layer of lightning
    self-attention with token dimension ``d``, attention dimension ``a >=
    2``, ``d_out = m`` and ``t >= 2`` tokens (when
    :func:`determinantal_model_certificate` holds):

    .. MATH::

        \binom{md - 1 + \delta}{md - 1} \deg D_a, \qquad \delta = \dim D_a
        = a(2d - a) - 1 \ (a < d), \ d^2 - 1 \ (a \geq d),

    where ``D_a`` is the projective variety of ``d x d`` matrices of rank at
    most ``a`` (:func:`rank_locus_degree`).

    Proof. The neuromanifold is ``L(pi(S))``, where ``S`` is the cone over
    the Segre product ``P^{md-1} x D_a`` (the tensors ``V ⊗ M``), ``pi``
    the symmetrization in the first two indices of ``V_{ip} M_{rs}`` and
    ``L`` linear and injective (the certificate).

    - ``pi`` has no base points on ``S``: if ``V_{ip} M_{rs} = -V_{ir}
      M_{ps}`` for all indices, then ``p = r`` gives ``V_{ip} M_{ps} = 0``;
      some ``V_{ip} != 0`` kills row ``p`` of ``M``, and then ``V_{ip}
      M_{rs} = -V_{ir} M_{ps} = 0`` kills all of ``M``. So ``pi`` is a
      finite morphism on the Segre product.
    - ``pi`` is birational onto its image: the tensor gives the quadrics
      ``q_{is}(x) = 2 (v_i . x)(m_s . x)`` (``v_i`` the rows of ``V``,
      ``m_s`` the columns of ``M``). At a general point ``M`` has two
      independent columns (``a >= 2``, ``d >= 2``), so ``v_i . x`` is the
      greatest common divisor of the ``q_{is}`` over ``s``; this gives
      ``v_i`` up to scale, then every ``m_s`` (``v m^T + m v^T`` determines
      ``m`` from ``v != 0``), and one scale for all ``i``. For ``d = 1``
      the map is the Segre embedding itself.
    - Hence the degree of the image is that of the Segre product,
      ``binom(dim X + dim Y, dim X) deg X deg Y``.

    For ``a = 1`` the same count holds when ``m >= 2`` (the common factor
    is ``k . x``, :func:`~sage_neuro.invariants.attention_factor.shared_factor_degree`)
    and is halved when ``m = 1`` (the swap ``v <-> k``,
    :func:`~sage_neuro.invariants.attention_segre.segre_degree`); this
    function asks for ``a >= 2``.

    INPUT:

    - ``d`` -- the token dimension, a positive integer
    - ``a`` -- the attention dimension, an integer ``>= 2``
    - ``m`` -- the output dimension ``d_out``, a positive integer

    OUTPUT: a Sage Integer

    EXAMPLES::

        sage: from sage_neuro import LightningSelfAttention
        sage: from sage_neuro.invariants.attention_determinantal import determinantal_degree, rank_locus_degree
        sage: determinantal_degree(3, 2, 1), LightningSelfAttention(3, 2, 1, 2).neuromanifold().degree()
        (108, 108)
        sage: determinantal_degree(3, 2, 2)
        2376
        sage: [determinantal_degree(4, a, 1) for a in (2, 3, 4)]
        [7280, 2720, 816]

    The ``a = 1`` count with ``a = 2``'s formula: equal for ``m >= 2``,
    twice the degree for ``m = 1``::

        sage: from sage_neuro.invariants.attention_factor import shared_factor_degree
        sage: from sage_neuro.invariants.attention_segre import segre_degree
        sage: binomial(2*3 - 1 + 4, 2*3 - 1) * rank_locus_degree(3, 3, 1), shared_factor_degree(3, 2)
        (756, 756)
        sage: binomial(3 - 1 + 4, 3 - 1) * rank_locus_degree(3, 3, 1), segre_degree(3)
        (90, 45)
        sage: determinantal_degree(3, 1, 2)
        Traceback (most recent call last):
        ...
        ValueError: determinantal_degree needs a >= 2 (for a = 1: shared_factor_degree, segre_degree), not a = 1
    """
    from sage_neuro.validation import check_positive_int
    d, a, m = check_positive_int(d, "d"), check_positive_int(a, "a"), check_positive_int(m, "m")
    if a < 2:
        raise ValueError("determinantal_degree needs a >= 2 (for a = 1: shared_factor_degree, "
                         "segre_degree), not a = %s" % a)
    delta = (a * (2 * d - a) if a < d else d * d) - 1
    return binomial(m * d - 1 + delta, m * d - 1) * rank_locus_degree(d, d, a)


def determinantal_chern_mather(d, a):
    r"""
    Return ``(n, m, c)`` for the variety ``D_a`` of ``d x d`` matrices of
    rank at most ``a`` in ``P^n``, ``n = d^2 - 1``: its dimension ``m`` and
    the degrees ``c`` of its Chern-Mather class
    (:mod:`~sage_neuro.invariants.polar_degrees`).

    ``D_a`` is all of ``P^n`` for ``a >= d``, the smooth Segre product
    ``P^{d-1} x P^{d-1}`` for ``a = 1``, and for ``a = d - 1`` the
    hypersurface ``det M = 0`` dual to it, whose polar degrees are those of
    ``D_1`` in reverse order. These cover every ``a`` when ``d <= 3``.

    INPUT:

    - ``d`` -- a positive integer
    - ``a`` -- a positive integer with ``a = 1``, ``a >= d - 1``

    OUTPUT: a triple ``(n, m, c)``

    EXAMPLES:

    The ``3 x 3`` matrices of rank at most 2: degree 3, and the Euler
    obstruction along the matrices of rank 1 is that of a cone over the
    quadric surface, 2 (so the last degree is ``chi(rank 2) + 2 chi(rank 1) =
    0 + 2 * 9``)::

        sage: from sage_neuro.invariants.attention_determinantal import determinantal_chern_mather
        sage: determinantal_chern_mather(3, 2)
        (8, 7, [3, 18, 54, 102, 126, 102, 54, 18])
        sage: determinantal_chern_mather(2, 2)[2], determinantal_chern_mather(2, 1)[2]
        ([1, 4, 6, 4], [2, 4, 4])
        sage: determinantal_chern_mather(4, 2)
        Traceback (most recent call last):
        ...
        ValueError: the Chern-Mather class of the matrices of rank <= a is known here for a = 1 or a >= d - 1, not d = 4, a = 2
    """
    from sage_neuro.invariants.polar_degrees import (chern_mather_degrees, dual_polar_degrees,
                                                     polar_degrees, segre_product_chern_mather,
                                                     veronese_chern_mather)
    from sage_neuro.validation import check_positive_int
    d, a = check_positive_int(d, "d"), check_positive_int(a, "a")
    n = int(d ** 2 - 1)
    if a >= d:
        return n, n, veronese_chern_mather(n, 1)
    P = (int(d - 1), int(d - 1), veronese_chern_mather(d - 1, 1))
    m1, c1 = segre_product_chern_mather([P, P])
    if a == 1:
        return n, m1, c1
    if a == d - 1:
        m = n - 1
        return n, m, chern_mather_degrees(m, dual_polar_degrees(polar_degrees(m1, c1), m))
    raise ValueError("the Chern-Mather class of the matrices of rank <= a is known here for "
                     "a = 1 or a >= d - 1, not d = %s, a = %s" % (d, a))


def segre_determinantal_generic_ed_degree(d, a, m=1):
    r"""
    Return the generic ED degree of the Segre product ``P^{md - 1} x D_a``
    (``D_a`` the ``d x d`` matrices of rank at most ``a``,
    :func:`determinantal_chern_mather`): the sum of its polar degrees.

    With ``a >= 2`` the neuromanifold of one layer of lightning
    self-attention with ``d_out = m`` is the image of this Segre product by
    the symmetrization ``pi`` of :func:`determinantal_degree`, birational
    but neither injective (it identifies ``(v, v' c^T)`` with ``(v', v c^T)``)
    nor unramified (at ``(v, v c^T)``). So this number is not in general
    known to be the generic ED degree of the neuromanifold, nor its ED
    degree. It is the generic ED degree of the neuromanifold in every case
    counted, and for ``m = 1`` also its ED degree
    (``bench/results/attention_generic_ed.md``): 14 for ``d = a = 2`` (``t =
    2, 3, 4``) and 543 for ``d = a = 3``. For ``d = 3``, ``a = 2``, ``m = 1``
    (7965) both are proved in
    :mod:`~sage_neuro.invariants.attention_conormal`: the symmetrization
    keeps the polar degrees, and the neuromanifold is transversal (on the
    conormal set of ``P^2 x D_2``; on ``P^2`` times the resolution ``{u^T M
    = 0}`` of ``D_2`` the weaker tangency equations have points mod ``p``). For
    ``m = 2`` it is not the ED degree: 284 against 36 for ``d = a = 2``,
    where the inner product, a sum over the output rows, is degenerate on
    ``c ⊗ T`` for isotropic ``c``.

    INPUT:

    - ``d``, ``a`` -- positive integers as in :func:`determinantal_chern_mather`
    - ``m`` -- (default ``1``) a positive integer, the output dimension

    OUTPUT: an Integer

    EXAMPLES::

        sage: from sage_neuro.invariants.attention_determinantal import segre_determinantal_generic_ed_degree
        sage: [segre_determinantal_generic_ed_degree(2, 2), segre_determinantal_generic_ed_degree(3, 3)]
        [14, 543]
        sage: segre_determinantal_generic_ed_degree(3, 2)
        7965
        sage: segre_determinantal_generic_ed_degree(2, 2, m=2)
        284
    """
    from sage_neuro.invariants.polar_degrees import (generic_ed_degree,
                                                     segre_product_chern_mather,
                                                     veronese_chern_mather)
    from sage_neuro.validation import check_positive_int
    m = check_positive_int(m, "m")
    D = determinantal_chern_mather(d, a)
    k = int(m * d - 1)
    return generic_ed_degree(*segre_product_chern_mather([(k, k, veronese_chern_mather(k, 1)),
                                                          D]))


def determinantal_degree_applies(net):
    r"""
    Return ``(True, reason)`` if :func:`determinantal_degree` gives the
    degree of the neuromanifold of ``net`` (one layer of lightning
    self-attention with ``a >= 2`` and ``t >= 2``; any ``d``), else
    ``(False, reason)``.

    INPUT:

    - ``net`` -- an architecture

    OUTPUT: a pair ``(bool, str)``

    EXAMPLES::

        sage: from sage_neuro import LightningSelfAttention
        sage: from sage_neuro.invariants.attention_determinantal import determinantal_degree_applies
        sage: determinantal_degree_applies(LightningSelfAttention(4, 2, 1, 2))
        (True, 'one layer of lightning self-attention with a = 2 >= 2, t = 2 >= 2')
        sage: determinantal_degree_applies(LightningSelfAttention(3, 1, 1, 2))[1]
        'the determinantal degree needs a >= 2 (for a = 1 every M has rank 1), not a = 1'
        sage: determinantal_degree_applies(LightningSelfAttention(3, 2, 1, 1))[1]
        'the determinantal degree needs t >= 2 tokens (for t = 1 the map L is not injective), not t = 1'
    """
    why = _shape_reason(net, "the determinantal degree")
    if why is not None:
        return False, why
    a, t = net.attention_dimensions()[0], net.num_tokens()
    return True, "one layer of lightning self-attention with a = %s >= 2, t = %s >= 2" % (a, t)


def determinantal_degree_record(net, choice=""):
    r"""
    Return the :class:`~sage_neuro.provenance.Provenance` of the degree of
    the neuromanifold of ``net`` from :func:`determinantal_degree`,
    ``'proved'``: :func:`determinantal_model_certificate` shows over ``QQ``
    that the neuromanifold is the injective linear image of the symmetrized
    Segre product, whose degree is proved in :func:`determinantal_degree`.

    INPUT:

    - ``net`` -- a network for which :func:`determinantal_degree_applies`
    - ``choice`` -- (default ``''``) why this route was taken, for the note

    OUTPUT: a ``Provenance`` record (``'proved'``); ``ArithmeticError`` when
    the certificate does not hold

    EXAMPLES::

        sage: from sage_neuro import LightningSelfAttention
        sage: from sage_neuro.invariants.attention_determinantal import determinantal_degree_record
        sage: P = determinantal_degree_record(LightningSelfAttention(3, 2, 2, 3)); P
        degree = 2376  [proved; ... s]
        sage: P.route
        'degree of the Segre product P^5 x D_2 (D_2: 3 x 3 matrices of rank <= 2, degree 3), mapped birationally by the symmetrization'
        sage: determinantal_degree_record(LightningSelfAttention(3, 1, 2, 2))
        Traceback (most recent call last):
        ...
        ValueError: the determinantal degree needs a >= 2 (for a = 1 every M has rank 1), not a = 1
    """
    applies, why = determinantal_degree_applies(net)
    if not applies:
        raise ValueError(why)
    d, m = net.token_dimensions()[0], net.token_dimensions()[-1]
    a = net.attention_dimensions()[0]
    what = ("%s x %s matrices of rank <= %s, degree %s" % (d, d, a, rank_locus_degree(d, d, a))
            if a < d else "all %s x %s matrices" % (d, d))
    return formula_record(net, determinantal_model_certificate,
                          lambda: determinantal_degree(d, a, m),
                          "degree of the Segre product P^%s x D_%s (D_%s: %s), mapped "
                          "birationally by the symmetrization" % (m * d - 1, a, a, what),
                          "determinantal model", choice)


def _gauged(net, prime, lagrange=False):
    # (K, hyper, T, unknowns, M, Phi): the model over K = GF(prime) with
    # V[0, 0] = 1 (the scaling); hyper when rank M <= a is det M = 0; T has
    # the model's unknowns, then `lam` (lagrange and hyper) and `z`
    _check_applies(net)
    a, d = net.attention_dimensions()[0], net.token_dimensions()[0]
    K = GF(prime)
    hyper = (a == d - 1)
    R, V, M, Phi = determinantal_model_map(net, base_ring=K)
    names = [n for n in R.variable_names() if n != "v0_0"]
    names += (["lam"] if lagrange and hyper else []) + ["z"]
    T = PolynomialRing(K, names, len(names), order="degrevlex")
    sub = R.hom([T(1) if n == "v0_0" else T.gen(names.index(n)) for n in R.variable_names()], T)
    unknowns = [T.gen(i) for i in range(len(R.gens()) - 1)]
    return K, hyper, T, unknowns, M.apply_map(sub), [sub(f) for f in Phi]


def _rank_conditions(M, z, rng, K, hyper):
    # det M = 0 where rank M <= a is a hypersurface, and the removal of
    # rank M <= 1, off which the differential of phi is injective modulo the
    # scaling: z det M - 1 (M free) or z l(adj M) - 1 (l random; a >= 2, so d >= 3)
    if not hyper:
        return [z * M.det() - 1]
    adj = M.adjugate()
    return [M.det(), z * sum(K(rng.randrange(K.characteristic())) * e for e in adj.list()) - 1]


def determinantal_ed_system(net, seed=1, prime=SLICE_PRIME):
    r"""
    Return the ED critical system of the determinantal model over
    ``GF(prime)`` at random data drawn from ``seed`` (standard inner product
    on the network's coordinates). Its number of solutions is the ED degree
    times the generic fiber of the model (:func:`determinantal_fiber_system`).

    INPUT:

    - ``net`` -- a network for which :func:`determinantal_model_applies`
    - ``seed`` -- (default 1) seed of the data and of the random linear form
    - ``prime`` -- (default :data:`~sage_neuro.constants.SLICE_PRIME`) a prime

    OUTPUT: a list of polynomials over ``GF(prime)``

    EXAMPLES::

        sage: from sage_neuro import LightningSelfAttention
        sage: from sage_neuro.invariants.attention_determinantal import determinantal_ed_system
        sage: E = determinantal_ed_system(LightningSelfAttention(2, 2, 1, 2))
        sage: E[0].parent().ideal(E).vector_space_dimension()
        14
    """
    K, hyper, T, unknowns, M, Phi = _gauged(net, prime, lagrange=True)
    distance, rng = distance_to_random_data(Phi, "determinantal ED data %s" % seed, prime)
    # the Lagrange multiplier of det M = 0 is the variable before z
    lagrangian = distance + (T.gens()[-2] * M.det() if hyper else 0)
    return ([lagrangian.derivative(x) for x in unknowns]
            + _rank_conditions(M, T.gens()[-1], rng, K, hyper))


def determinantal_degree_system(net, seed=1, prime=SLICE_PRIME):
    r"""
    Return the system of a random linear section of the determinantal
    model over ``GF(prime)``: ``dim M - 1`` random affine equations in the
    network's coordinates, ``det M = 0`` when ``a = d - 1``, and the removal
    of ``rank M <= 1``. Its number of solutions is the degree of the
    neuromanifold times the generic fiber of the model.

    INPUT:

    - ``net`` -- a network for which :func:`determinantal_model_applies`
    - ``seed`` -- (default 1) seed of the section
    - ``prime`` -- (default :data:`~sage_neuro.constants.SLICE_PRIME`) a prime

    OUTPUT: a list of polynomials over ``GF(prime)``

    EXAMPLES::

        sage: from sage_neuro import LightningSelfAttention
        sage: from sage_neuro.invariants.attention_determinantal import determinantal_degree_system
        sage: E = determinantal_degree_system(LightningSelfAttention(3, 2, 1, 2))
        sage: E[0].parent().ideal(E).vector_space_dimension()
        108
    """
    K, hyper, T, unknowns, M, Phi = _gauged(net, prime)
    rng = random.Random("determinantal section %s" % seed)
    # the cone has dimension len(unknowns) + 1 - hyper: that minus 1 affine equations
    section = [sum(K(rng.randrange(prime)) * f for f in Phi) + K(rng.randrange(1, prime))
               for _ in range(len(unknowns) - hyper)]
    return section + _rank_conditions(M, T.gens()[-1], rng, K, hyper)


def determinantal_fiber_system(net, seed=1, prime=SLICE_PRIME):
    r"""
    Return the system of the fiber of the determinantal model through a
    random point mod ``prime`` (``phi(V', M') = phi(V, M)`` with ``V'_{00}
    = 1``, the rank condition and the removal of ``rank M' <= 1``): its
    number of solutions is the generic fiber of the model modulo scaling.

    INPUT:

    - ``net`` -- a network for which :func:`determinantal_model_applies`
    - ``seed`` -- (default 1) seed of the point
    - ``prime`` -- (default :data:`~sage_neuro.constants.SLICE_PRIME`) a prime

    OUTPUT: a list of polynomials over ``GF(prime)``

    EXAMPLES::

        sage: from sage_neuro import LightningSelfAttention
        sage: from sage_neuro.invariants.attention_determinantal import determinantal_fiber_system
        sage: E = determinantal_fiber_system(LightningSelfAttention(3, 2, 1, 2))
        sage: E[0].parent().ideal(E).vector_space_dimension()
        1
    """
    K, hyper, T, unknowns, M, Phi = _gauged(net, prime)
    a, d = net.attention_dimensions()[0], net.token_dimensions()[0]
    rng = random.Random("determinantal fiber %s" % seed)
    # a random point of the model: V with V[0,0] = 1, M = B C of rank a
    Vp = [K(rng.randrange(prime)) for _ in range(len(unknowns) - d * d)]
    B = matrix(K, d, a, [K(rng.randrange(prime)) for _ in range(d * a)])
    C = matrix(K, a, d, [K(rng.randrange(prime)) for _ in range(a * d)])
    point = Vp + (B * C).list()
    values = [f(*(point + [0] * (T.ngens() - len(point)))) for f in Phi]
    equations = [f - c for f, c in zip(Phi, values) if f != 0]
    return equations + _rank_conditions(M, T.gens()[-1], rng, K, hyper)


def determinantal_count(net, invariant, seeds=(1, 2), prime=SLICE_PRIME, timeout=None):
    r"""
    Return the :class:`~sage_neuro.provenance.Provenance` of ``invariant``
    (``'ed_degree'`` or ``'degree'``) of the neuromanifold counted on the
    determinantal model: the count of :func:`determinantal_ed_system` (resp.
    :func:`determinantal_degree_system`) divided by that of
    :func:`determinantal_fiber_system`, one msolve process per system side
    by side; all seeds must agree.

    INPUT:

    - ``net`` -- a network for which :func:`determinantal_model_applies`
    - ``invariant`` -- ``'ed_degree'`` or ``'degree'``
    - ``seeds`` -- (default ``(1, 2)``) seeds of the data (sections) and points
    - ``prime`` -- (default :data:`~sage_neuro.constants.SLICE_PRIME`) a prime ``< 2^31``
    - ``timeout`` -- seconds for the msolve processes (``TimeoutError``)

    OUTPUT: a ``Provenance`` record (``'modular'``)

    EXAMPLES::

        sage: from sage_neuro import LightningSelfAttention
        sage: from sage_neuro.invariants.attention_determinantal import determinantal_count
        sage: net = LightningSelfAttention(2, 2, 2, 2)
        sage: P = determinantal_count(net, 'ed_degree'); P
        ed_degree = 36  [modular: p = 32003, seeds (1, 2); ... s]
        sage: P.value == net.neuromanifold().ed_degree(method='modular', cross_check=False)
        True
        sage: determinantal_count(LightningSelfAttention(3, 2, 1, 2), 'degree').value
        108
        sage: determinantal_count(net, 'dimension')
        Traceback (most recent call last):
        ...
        ValueError: invariant must be 'ed_degree' or 'degree', not 'dimension'
    """
    from sage_neuro.invariants.model_counts import model_count
    if invariant not in ("ed_degree", "degree"):
        raise ValueError("invariant must be 'ed_degree' or 'degree', not %r" % (invariant,))
    _check_applies(net)
    what = "on the determinantal model (V, M = K^T Q) of the neuromanifold, rank M <= 1 removed (V00 = 1)"
    rest = ", a point of the fiber and the linear form of the Rabinowitsch equation mod p"
    return model_count(net, invariant, "determinantal model", determinantal_model_certificate,
                       {"ed_degree": determinantal_ed_system,
                        "degree": determinantal_degree_system},
                       seeds, prime, timeout=timeout, fiber=determinantal_fiber_system,
                       route={"ed_degree": "critical equations " + what,
                              "degree": "a random linear section " + what},
                       choices={"ed_degree": "per seed: data" + rest,
                                "degree": "per seed: the section" + rest})
