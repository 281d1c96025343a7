r"""
The shared-factor model of one layer of lightning self-attention with
``a = 1`` and ``d_out >= 2``.

With one query row ``q``, one key row ``k`` and a value matrix ``V`` with
rows ``v_1, ..., v_m`` (``m = d_out``), output ``c`` on token ``j`` is

.. MATH::

    f_{cj}(X) = \Big(\sum_s x_s^T S_c x_s\Big)(q \cdot x_j),
    \qquad S_c = \tfrac12 (v_c k^T + k v_c^T).

So ``mu = L o psi`` with ``psi(q, k, V) = (S_1, ..., S_m) ⊗ q`` and a
linear map ``L`` from ``Sym^2(C^d)^m ⊗ C^d`` to the function space. The
quadratic forms ``x^T S_c x = (v_c . x)(k . x)`` share the linear factor
``k . x``; a quadratic form vanishes on the hyperplane ``l . x = 0`` if and
only if ``l . x`` divides it. Hence, over ``C``, the tuples ``(S_c)`` of the
network are exactly those whose quadrics all vanish on one hyperplane, and
the closure of the neuromanifold is the image under ``L`` of

.. MATH::

    W = \{(S, l, q) : B_l^T S_c B_l = 0 \text{ for all } c\},

``B_l`` a basis of the hyperplane ``l^\perp`` (in the chart ``l_0 = 1``:
``b_i = e_i - l_i e_0``), with ``q_0 = 1`` fixing the scaling between
``S`` and ``q``. :func:`shared_factor_model_certificate` checks for a given
network that ``mu = L o psi`` (substitution over ``QQ``) and that ``L`` is
injective (its rank over ``QQ``; this needs ``t >= 2``, as for the Segre
model of ``d_out = 1``, :mod:`~sage_neuro.invariants.attention_segre`).
``W`` has dimension ``md + 2d - 2``, the dimension ``2ad + d d_out - a^2 -
1`` of Henry-Marchetti-Kohn at ``a = 1``, and the degree of the
neuromanifold is a multinomial coefficient (:func:`shared_factor_degree`).

The ED degree is counted on ``W`` (:func:`shared_factor_ed_system`): the
constraints are linear in ``S`` with surjective differential, so ``W`` is
smooth, and the Lagrange condition "the gradient of the distance in
``S_c`` is ``B_l Lambda_c B_l^T``" says that the symmetric gradient
``G_c`` satisfies ``G_c l = 0``, with ``Lambda_c`` the block of ``G_c`` on
the coordinates ``1, ..., d-1``; the derivatives in ``l`` and ``q``
complete a square system without Rabinowitsch variable. Its solutions are
the ED critical points of the neuromanifold for generic data ``u``: the map
``W -> X`` is birational (two quadrics ``(v_1 . x)(k . x)``, ``(v_2 .
x)(k . x)`` with independent ``v_1, v_2`` have one common factor), and its
differential is injective except on

- ``S = 0``: a family of dimension ``2d - 2`` on which the differential has
  rank ``md``;
- all ``S_c`` multiples of ``l l^T``: dimension ``m + 2d - 2``, rank ``md +
  d - 1``.

A critical point there needs ``u`` in a set of dimension ``dim + N -
rank < N`` (``N`` the dimension of the function space): for ``m >= 2`` both
inequalities hold. (For ``m = 1`` the first fails: ``S = 0`` carries a curve
of spurious solutions, which is why the Segre model uses the kernel of
``S`` instead.) The same model gives the degree
(:func:`shared_factor_degree_system`): the points of ``W`` over a random
affine-linear section.

On ``d = 3``, ``d_out = 2`` these are systems of 16 equations in 16
unknowns, against 10 quintic equations and a Jacobian minor on a coordinate
slice of ``(Q, K, V)``.

EXAMPLES::

    sage: from sage_neuro import LightningSelfAttention
    sage: from sage_neuro.invariants.attention_factor import (shared_factor_model_certificate,
    ....:                                                     shared_factor_count)
    sage: net = LightningSelfAttention(2, 1, 2, 2)
    sage: shared_factor_model_certificate(net)
    shared-factor model of LightningSelfAttention(d=2, a=1, d_out=2, t=2): holds (L has rank 12 = 2 * 3 * 2)
    sage: shared_factor_count(net, 'ed_degree').value == net.neuromanifold().ed_degree(strategy='Rabinowitsch')
    True
"""

import random

from sage.matrix.constructor import matrix
from sage.modules.free_module_element import vector
from sage.rings.finite_rings.finite_field_constructor import GF
from sage.rings.integer import Integer
from sage.rings.polynomial.polynomial_ring_constructor import PolynomialRing
from sage.rings.rational_field import QQ

from sage_neuro.constants import SLICE_PRIME
from sage_neuro.invariants.model_counts import (distance_to_random_data, formula_record,
                                                linear_model_certificate)


def shared_factor_model_applies(net):
    r"""
    Return ``(True, reason)`` if ``net`` is one layer of lightning
    self-attention with ``a = 1``, ``d_out >= 2``, ``d >= 2`` and at least
    two tokens, else ``(False, reason)`` naming the hypothesis that fails.

    INPUT:

    - ``net`` -- an architecture

    OUTPUT: a pair ``(bool, str)``

    EXAMPLES::

        sage: from sage_neuro import LightningSelfAttention, PolynomialMLP
        sage: from sage_neuro.invariants.attention_factor import shared_factor_model_applies
        sage: shared_factor_model_applies(LightningSelfAttention(3, 1, 2, 2))
        (True, 'one layer of lightning self-attention with a = 1, d_out = 2 >= 2, t = 2 >= 2')
        sage: shared_factor_model_applies(LightningSelfAttention(3, 1, 1, 2))[1]
        'the shared-factor model needs d_out >= 2 (for d_out = 1 see the Segre model), not d_out = 1'
        sage: shared_factor_model_applies(LightningSelfAttention(3, 2, 2, 2))[1]
        'the shared-factor model needs a = 1, not a = 2'
        sage: shared_factor_model_applies(LightningSelfAttention(3, 1, 2, 1))[1]
        'the shared-factor model needs t >= 2 tokens (for t = 1 the map L is not injective), not t = 1'
        sage: shared_factor_model_applies(PolynomialMLP([2, 2, 1], activation=2))[1]
        'the shared-factor model is one layer of lightning self-attention, not PolynomialMLP([2, 2, 1], activation=2)'
    """
    why = _shape_reason(net)
    if why is not None:
        return False, why
    t = net.num_tokens()
    if t < 2:
        return False, ("the shared-factor model needs t >= 2 tokens (for t = 1 the map L is not "
                       "injective), not t = %s" % t)
    return True, ("one layer of lightning self-attention with a = 1, d_out = %s >= 2, t = %s >= 2"
                  % (net.token_dimensions()[-1], t))


def _shape_reason(net):
    # why ``net`` is not one layer of attention with a = 1, d_out >= 2, d >= 2,
    # or None (the model map exists for every t; L is injective for t >= 2)
    from sage_neuro.architectures.attention import LightningSelfAttention
    if not isinstance(net, LightningSelfAttention) or net.depth() != 1:
        return "the shared-factor model is one layer of lightning self-attention, not %r" % (net,)
    a, d_out = net.attention_dimensions()[0], net.token_dimensions()[-1]
    if a != 1:
        return "the shared-factor model needs a = 1, not a = %s" % a
    if d_out < 2:
        return ("the shared-factor model needs d_out >= 2 (for d_out = 1 see the Segre model), "
                "not d_out = %s" % d_out)
    if net.token_dimensions()[0] < 2:
        return "the shared-factor model needs d >= 2, not d = 1"
    return None


def _check_applies(net):
    applies, why = shared_factor_model_applies(net)
    if not applies:
        raise ValueError(why)


def shared_factor_model_map(net, base_ring=QQ):
    r"""
    Return ``(R, S, q, Phi)``: the polynomial ring ``R`` of the model
    (variables ``s{c}_{i}_{j}``, ``i <= j``, the entries of the symmetric
    ``d x d`` matrices ``S_c``, and ``q0, ..., q{d-1}``), the list ``S`` of
    the matrices ``S_c`` and the vector ``q`` over ``R``, and the list
    ``Phi`` of the network's coordinate functions as polynomials in ``R``
    (the coefficients of ``(sum_s x_s^T S_c x_s)(q . x_j)`` on the
    network's monomial basis, in the order of its coordinate names).

    INPUT:

    - ``net`` -- one layer of lightning self-attention with ``a = 1``,
      ``d_out >= 2`` (any ``t``)
    - ``base_ring`` -- (default ``QQ``) the field of ``R``

    OUTPUT: a tuple ``(R, S, q, Phi)``

    EXAMPLES::

        sage: from sage_neuro import LightningSelfAttention
        sage: from sage_neuro.invariants.attention_factor import shared_factor_model_map
        sage: net = LightningSelfAttention(2, 1, 2, 2)
        sage: R, S, q, Phi = shared_factor_model_map(net)
        sage: S[1]
        [s1_0_0 s1_0_1]
        [s1_0_1 s1_1_1]
        sage: len(Phi) == net.ambient_dimension(), Phi[0]
        (True, s0_0_0*q0)
    """
    why = _shape_reason(net)
    if why is not None:
        raise ValueError(why)
    from sage_neuro.cache import CacheKey, cache_of
    # built once per network: the certificate and every seed's systems use it
    R, S, q, Phi = cache_of(net).lookup(CacheKey("shared_factor_model", prime=0),
                                        lambda: _model_over_QQ(net))
    if base_ring is not QQ:
        R = R.change_ring(base_ring)
        S = [M.change_ring(R) for M in S]
        q, Phi = q.change_ring(R), [R(f) for f in Phi]
    return R, S, q, Phi


def _model_over_QQ(net):
    d, t = net.token_dimensions()[0], net.num_tokens()
    m = net.token_dimensions()[-1]
    names = ["s%d_%d_%d" % (c, i, j) for c in range(m) for i in range(d) for j in range(i, d)]
    names += ["q%d" % i for i in range(d)]
    R = PolynomialRing(QQ, names, len(names), order="degrevlex")
    g = dict(zip(names, R.gens()))
    S = [matrix(R, d, d, lambda i, j: g["s%d_%d_%d" % (c, min(i, j), max(i, j))])
         for c in range(m)]
    q = vector(R, [g["q%d" % i] for i in range(d)])
    X = PolynomialRing(R, "x", d * t)
    Xm = net.input_matrix(X)
    quadrics = [sum(Xm.column(s) * Sc.change_ring(X) * Xm.column(s) for s in range(t))
                for Sc in S]
    linear = [q.change_ring(X) * Xm.column(j) for j in range(t)]
    # the output matrix V X X^T K^T Q X is d_out x t, read row by row
    outputs = [quadric * lin for quadric in quadrics for lin in linear]
    # shared through the network's cache: nobody may change them
    for Sc in S:
        Sc.set_immutable()
    q.set_immutable()
    return R, S, q, net.output_coordinates(outputs)


def shared_factor_model_certificate(net):
    r"""
    Return a :class:`~sage_neuro.invariants.model_counts.LinearModelCertificate`: whether ``mu = L o psi``
    holds identically (substitution of ``S_c = (v_c k^T + k v_c^T)/2`` and
    ``q`` into the model over ``QQ``) and whether ``L`` is injective (its
    rank over ``QQ``). When both hold, the closure of the neuromanifold is
    the image under ``L`` of the tuples of quadrics with a common linear
    factor, tensored with ``q`` (see the module documentation).

    INPUT:

    - ``net`` -- one layer of lightning self-attention with ``a = 1``,
      ``d_out >= 2`` (any number of tokens: for ``t = 1`` the certificate
      says that ``L`` is not injective)

    OUTPUT: a :class:`~sage_neuro.invariants.model_counts.LinearModelCertificate`

    EXAMPLES::

        sage: from sage_neuro import LightningSelfAttention
        sage: from sage_neuro.invariants.attention_factor import shared_factor_model_certificate
        sage: shared_factor_model_certificate(LightningSelfAttention(3, 1, 2, 3))
        shared-factor model of LightningSelfAttention(d=3, a=1, d_out=2, t=3): holds (L has rank 36 = 2 * 6 * 3)

    With one token the outputs are cubic forms, and ``L`` has a kernel::

        sage: shared_factor_model_certificate(LightningSelfAttention(3, 1, 2, 1))
        shared-factor model of LightningSelfAttention(d=3, a=1, d_out=2, t=1): does not hold (L has rank 20 < 36 = 2 * 6 * 3: not injective)
        sage: shared_factor_model_certificate(LightningSelfAttention(3, 1, 1, 2))
        Traceback (most recent call last):
        ...
        ValueError: the shared-factor model needs d_out >= 2 (for d_out = 1 see the Segre model), not d_out = 1
    """
    R, S, q, Phi = shared_factor_model_map(net)
    d = net.token_dimensions()[0]
    Q, K, V = net.weight_matrices()[0]
    qq, kk = Q.row(0), K.row(0)
    half = QQ(1) / 2
    images = []
    for name in R.variable_names():
        if name.startswith("s"):
            c, i, j = map(int, name[1:].split("_"))
            images.append(half * (V[c, i] * kk[j] + V[c, j] * kk[i]))
        else:
            images.append(qq[int(name[1:])])
    # L: the coefficients of Phi in the products s_cij q_l
    products = [s * qv for s in R.gens()[:-d] for qv in R.gens()[-d:]]
    m = net.token_dimensions()[-1]
    return linear_model_certificate(
        net, "shared-factor model", R, Phi, images, products,
        route="mu = L((sym(v_c k^T))_c ⊗ q) by substitution over QQ, L injective by its rank "
              "over QQ",
        certificate="the coordinates of mu equal those of (sum_s x_s^T S_c x_s)(q . x_j) at "
                    "S_c = (v_c k^T + k v_c^T)/2 (substitution over QQ); L has rank %%(rank)s = "
                    "dim Sym^2(C^%s)^%s ⊗ C^%s" % (d, m, d),
        shape="%s * %s * %s" % (m, d * (d + 1) // 2, d))


def shared_factor_degree(d, m):
    r"""
    Return the degree ``(dm + 2d - 3)! / ((d-1)!^2 (dm-1)!)`` of the
    neuromanifold of one layer of lightning self-attention with ``a = 1``,
    token dimension ``d`` and ``d_out = m >= 2``, ``t >= 2`` tokens (when
    :func:`shared_factor_model_certificate` holds).

    Proof: the map ``P^{d-1} x P^{dm-1} x P^{d-1} -> P``, ``(k, V, q) ->
    L((k . x)(v_c . x))_c ⊗ q)`` is linear in each factor and has no base
    points (a product of two linear forms vanishes only if one does), and it
    is birational onto its image for ``m >= 2``: ``q`` is recovered up to
    scale from the tensor, ``k . x`` as the common factor of two quadrics
    ``(k . x)(v_c . x)`` with independent ``v_c``, then ``V``. So the degree
    of the image is the top power of ``H_1 + H_2 + H_3`` on the product, the
    multinomial coefficient of ``(d-1, dm-1, d-1)``. For ``m = 1`` the map is
    2:1 (the swap ``v <-> k``) and the degree is half of it,
    :func:`~sage_neuro.invariants.attention_segre.segre_degree`.

    INPUT:

    - ``d`` -- the token dimension, an integer ``>= 2``
    - ``m`` -- the output dimension ``d_out``, an integer ``>= 2``

    OUTPUT: a Sage Integer

    EXAMPLES::

        sage: from sage_neuro import LightningSelfAttention
        sage: from sage_neuro.invariants.attention_factor import shared_factor_degree
        sage: [shared_factor_degree(2, m) for m in range(2, 6)]
        [20, 42, 72, 110]
        sage: shared_factor_degree(3, 2), LightningSelfAttention(3, 1, 2, 2).neuromanifold().degree()
        (756, 756)
        sage: shared_factor_degree(3, 1)
        Traceback (most recent call last):
        ...
        ValueError: m must be an integer >= 2 (for d_out = 1 see segre_degree), not 1
    """
    from sage.arith.misc import multinomial
    from sage_neuro.validation import check_positive_int
    d, m = check_positive_int(d, "d"), check_positive_int(m, "m")
    if d < 2:
        raise ValueError("d must be an integer >= 2, not %s" % d)
    if m < 2:
        raise ValueError("m must be an integer >= 2 (for d_out = 1 see segre_degree), not %s" % m)
    return Integer(multinomial(d - 1, d * m - 1, d - 1))


def shared_factor_degree_record(net, choice=""):
    r"""
    Return the ``'proved'`` :class:`~sage_neuro.provenance.Provenance` of
    the degree of the neuromanifold of ``net`` from
    :func:`shared_factor_degree`, behind
    :func:`shared_factor_model_certificate` (over ``QQ``).

    INPUT:

    - ``net`` -- a network for which :func:`shared_factor_model_applies`,
      with token dimension ``d >= 2``
    - ``choice`` -- (default ``''``) why this route was taken, for the note

    OUTPUT: a ``Provenance`` record; ``ValueError`` when the model does not
    apply, ``ArithmeticError`` when its certificate does not hold

    EXAMPLES::

        sage: from sage_neuro import LightningSelfAttention
        sage: from sage_neuro.invariants.attention_factor import shared_factor_degree_record
        sage: P = shared_factor_degree_record(LightningSelfAttention(3, 1, 2, 2)); P
        degree = 756  [proved; ... s]
        sage: P.route
        'multinomial coefficient (2, 5, 2): the top power of H_1 + H_2 + H_3 on P^2 x P^5 x P^2, mapped birationally'
    """
    _check_applies(net)
    d, m = net.token_dimensions()[0], net.token_dimensions()[-1]
    return formula_record(net, shared_factor_model_certificate,
                          lambda: shared_factor_degree(d, m),
                          "multinomial coefficient (%s, %s, %s): the top power of H_1 + H_2 + H_3 "
                          "on P^%s x P^%s x P^%s, mapped birationally"
                          % (d - 1, d * m - 1, d - 1, d - 1, d * m - 1, d - 1),
                          "shared-factor model", choice)


def _on_chart(net, prime):
    # the model over GF(prime) in the unknowns of W: the entries of the S_c,
    # q_1.., l_1.. (q_0 = l_0 = 1); returns the ring, the S_c, l, Phi and the
    # equations of W (the quadrics vanish on the hyperplane l . x = 0)
    K = GF(prime)
    R, S, q, Phi = shared_factor_model_map(net, base_ring=K)
    d = net.token_dimensions()[0]
    names = [n for n in R.variable_names() if n != "q0"] + ["l%d" % i for i in range(1, d)]
    T = PolynomialRing(K, names, len(names), order="degrevlex")
    sub = R.hom([T(1) if n == "q0" else T.gen(names.index(n)) for n in R.variable_names()], T)
    S = [Sc.apply_map(sub) for Sc in S]
    ell = [T.one()] + list(T.gens()[-(d - 1):])
    # b_i = e_i - l_i e_0 spans the hyperplane l . x = 0
    B = matrix(T, d, d - 1, lambda r, i: (1 if r == i + 1 else 0) - (ell[i + 1] if r == 0 else 0))
    constraints = []
    for Sc in S:
        C = B.transpose() * Sc * B
        constraints += [C[i, j] for i in range(d - 1) for j in range(i, d - 1)]
    return T, S, ell, B, [sub(f) for f in Phi], constraints


def shared_factor_ed_system(net, seed=1, prime=SLICE_PRIME):
    r"""
    Return the ED critical system of the shared-factor model over
    ``GF(prime)`` at random data drawn from ``seed`` (standard inner product
    on the network's coordinates): a list of polynomials whose number of
    solutions is the ED degree of the neuromanifold.

    Unknowns: the entries of ``S_1, ..., S_m``, ``q_1, ..., q_{d-1}`` and
    ``l_1, ..., l_{d-1}`` (``q_0 = l_0 = 1``). Equations: ``B_l^T S_c B_l =
    0``; ``G_c l = 0`` for the symmetric gradient ``G_c`` of the distance in
    ``S_c``; the derivatives in ``q``; and the derivative in ``l`` of the
    Lagrangian, ``sum_c Lambda_c B_l^T S_c e_0 = 0`` with ``Lambda_c`` the
    block of ``G_c`` on the coordinates ``1, ..., d-1``. See the module
    documentation for why its solutions are the ED critical points.

    INPUT:

    - ``net`` -- one layer of lightning self-attention with ``a = 1``,
      ``d_out >= 2``, ``t >= 2``
    - ``seed`` -- (default 1) seed of the data
    - ``prime`` -- (default :data:`~sage_neuro.constants.SLICE_PRIME`) a prime

    OUTPUT: a list of polynomials over ``GF(prime)``

    EXAMPLES::

        sage: from sage_neuro import LightningSelfAttention
        sage: from sage_neuro.invariants.attention_factor import shared_factor_ed_system
        sage: E = shared_factor_ed_system(LightningSelfAttention(2, 1, 2, 2))
        sage: E[0].parent().variable_names()
        ('s0_0_0', 's0_0_1', 's0_1_1', 's1_0_0', 's1_0_1', 's1_1_1', 'q1', 'l1')
        sage: len(E), E[0].parent().ideal(E).vector_space_dimension()
        (8, 52)
    """
    _check_applies(net)
    T, S, ell, B, Phi, constraints = _on_chart(net, prime)
    K, d = T.base_ring(), net.token_dimensions()[0]
    distance = distance_to_random_data(Phi, "shared-factor ED data %s" % seed, prime)[0]
    half = K(1) / 2
    g = dict(zip(T.variable_names(), T.gens()))
    equations, ell_terms = list(constraints), [T.zero()] * (d - 1)
    for c, Sc in enumerate(S):
        # the symmetric gradient: an off-diagonal entry appears twice in S_c
        G = matrix(T, d, d, lambda i, j: distance.derivative(
            g["s%d_%d_%d" % (c, min(i, j), max(i, j))]) * (1 if i == j else half))
        equations += list(G * vector(T, ell))
        w = G.submatrix(1, 1) * (B.transpose() * Sc.column(0))
        ell_terms = [a + b for a, b in zip(ell_terms, w)]
    equations += ell_terms
    equations += [distance.derivative(g["q%d" % i]) for i in range(1, d)]
    return equations


def shared_factor_degree_system(net, seed=1, prime=SLICE_PRIME):
    r"""
    Return the equations of ``W`` and of a random affine-linear section of
    the function space of codimension ``dim W`` drawn from ``seed``, over
    ``GF(prime)``: a list of polynomials whose number of solutions is the
    degree of the neuromanifold.

    INPUT:

    - ``net`` -- one layer of lightning self-attention with ``a = 1``,
      ``d_out >= 2``, ``t >= 2``
    - ``seed`` -- (default 1) seed of the section
    - ``prime`` -- (default :data:`~sage_neuro.constants.SLICE_PRIME`) a prime

    OUTPUT: a list of polynomials over ``GF(prime)``

    EXAMPLES::

        sage: from sage_neuro import LightningSelfAttention
        sage: from sage_neuro.invariants.attention_factor import shared_factor_degree_system
        sage: net = LightningSelfAttention(2, 1, 2, 2)
        sage: E = shared_factor_degree_system(net)
        sage: E[0].parent().ideal(E).vector_space_dimension() == net.neuromanifold().degree()
        True
    """
    _check_applies(net)
    T, S, ell, B, Phi, constraints = _on_chart(net, prime)
    K = T.base_ring()
    rng = random.Random("shared-factor section %s" % seed)
    section = [sum(K(rng.randrange(prime)) * f for f in Phi) + K(rng.randrange(prime))
               for _ in range(T.ngens() - len(constraints))]
    return constraints + section


def shared_factor_count(net, invariant, seeds=(1, 2), prime=SLICE_PRIME, timeout=None):
    r"""
    Return the :class:`~sage_neuro.provenance.Provenance` of ``invariant``
    (``'ed_degree'`` or ``'degree'``) of the neuromanifold counted on the
    shared-factor model (:func:`shared_factor_ed_system`, resp.
    :func:`shared_factor_degree_system`), one msolve process per seed side
    by side; all seeds must agree.

    INPUT:

    - ``net`` -- one layer of lightning self-attention with ``a = 1``,
      ``d_out >= 2``, ``t >= 2``
    - ``invariant`` -- ``'ed_degree'`` or ``'degree'``
    - ``seeds`` -- (default ``(1, 2)``) seeds of the data (resp. sections)
    - ``prime`` -- (default :data:`~sage_neuro.constants.SLICE_PRIME`) a prime ``< 2^31``
    - ``timeout`` -- seconds for the msolve processes (``TimeoutError``)

    OUTPUT: a ``Provenance`` record (``'modular'``)

    EXAMPLES::

        sage: from sage_neuro import LightningSelfAttention
        sage: from sage_neuro.invariants.attention_factor import shared_factor_count
        sage: net = LightningSelfAttention(2, 1, 2, 3)
        sage: P = shared_factor_count(net, 'degree'); P
        degree = 20  [modular: p = 32003, seeds (1, 2); ... s]
        sage: P.value == net.neuromanifold().degree()
        True
        sage: shared_factor_count(net, 'dimension')
        Traceback (most recent call last):
        ...
        ValueError: invariant must be 'ed_degree' or 'degree', not 'dimension'
    """
    from sage_neuro.invariants.model_counts import model_count
    if invariant not in ("ed_degree", "degree"):
        raise ValueError("invariant must be 'ed_degree' or 'degree', not %r" % (invariant,))
    _check_applies(net)
    what = ("on the shared-factor model (S_c ⊗ q, the quadrics S_c vanishing on one hyperplane "
            "l . x = 0; q0 = l0 = 1)")
    return model_count(net, invariant, "shared-factor model", shared_factor_model_certificate,
                       {"ed_degree": shared_factor_ed_system,
                        "degree": shared_factor_degree_system},
                       seeds, prime, timeout=timeout,
                       route={"ed_degree": "critical equations " + what,
                              "degree": "a random affine-linear section " + what})
