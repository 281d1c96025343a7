r"""
The subspace model of an MLP with a narrow first layer: functions of fewer
variables.

A network ``PolynomialMLP([n, w_1, w_2, ..., k], activation=r)`` without
bias (``sigma(t) = c t^r``, ``r >= 2``) computes ``f(X) = G(sigma(W_1 X))``
with ``W_1`` of size ``w_1 x n``. When ``w_1 < n`` every output depends on
``X`` only through the ``w_1`` linear forms ``W_1 X``. Write ``W_1 = A [I |
a]`` with ``A`` the first ``w_1`` columns (invertible for generic
parameters) and ``a`` a ``w_1 x (n - w_1)`` matrix, and set ``Y = [I | a]
X``. Then ``f(X) = F(Y)`` where ``F(Y) = G(sigma(A Y))`` is the function of
the *square* network ``[w_1, w_1, w_2, ..., k]`` with first layer ``A``;
conversely every such ``F`` composed with ``[I | a]`` is an output of the
network. So the neuromanifold is, up to closure,

.. MATH::

    \{ F([I \mid a] X) : F \in \mathcal{M}_{[w_1, w_1, w_2, \dots, k]},
       a \in \mathbb{C}^{w_1 \times (n - w_1)} \}.

When the square network *fills* its space of functions (``k``-tuples of
forms of degree ``D = r^{L-1}`` in ``w_1`` variables; checked by an exact
Jacobian rank), this is the subspace variety of ``k``-tuples of forms that
depend on at most ``w_1`` linear forms, and the model

.. MATH::

    \psi(g, a) = g([I \mid a] X), \qquad g \in (S^D \mathbb{C}^{w_1})^k,

has free coordinates: ``k binom(w_1 + D - 1, D) + w_1 (n - w_1)``
unknowns, the dimension of the neuromanifold: no rescalings of hidden
neurons to slice away and no permutations of hidden neurons counted
several times, as on the parameters.

Why the counts on the model are the invariants:

- *Birational.* A generic ``g`` is not a cone (``D >= 2``), so the span of
  the linear forms ``f`` depends on is exactly the row space of ``[I |
  a]``, which determines ``a`` (a reduced row echelon form), and then
  ``g``. So ``psi`` is injective on a dense open set and a generic linear
  section of the image has as many points on the model as on the variety:
  :func:`subspace_degree_system` counts the degree.
- *No spurious critical points.* In the coordinates ``(Y, X'')``, ``X''``
  the last ``n - w_1`` inputs, a tangent vector ``(g', a')`` is in the kernel
  of ``d psi`` exactly when ``g' = 0`` and every column of ``a'`` lies in
  the space ``E`` of derivations ``c`` with ``sum_i c_i d g / d Y_i = 0``.
  Let ``Z_e`` be the points where ``dim E = e >= 1`` (``g`` is a cone over
  ``w_1 - e`` variables); it has dimension ``e (w_1 - e) + k B(w_1 - e) +
  w_1 (n - w_1)`` (``B(m) = binom(m + D - 1, D)``) and ``d psi`` has rank
  ``k B(w_1) + (w_1 - e)(n - w_1)`` on it. The pairs (point of ``Z_e``, data
  ``u``) with ``u - psi`` orthogonal to the image of ``d psi`` form a set of
  dimension ``dim Z_e + N - rank``, below the dimension ``N`` of the data
  space exactly when

  .. MATH::

      k \bigl(B(w_1) - B(w_1 - e)\bigr) > e (n - e),

  so for generic data no critical point of the distance on the model lies on
  ``Z_e``. ``subspace_model_applies(net, 'ed_degree')`` requires this for
  ``e = 1, ..., w_1``. Off these strata ``d psi`` is injective; the critical points on the
  model over the points of the image where ``psi`` is injective and the
  variety is smooth are the ED critical points, and generic data avoid the
  rest (a set of smaller dimension). So :func:`subspace_ed_system`, the
  partial derivatives of the distance in the unknowns and nothing else,
  counts the ED degree.

The degree of the subspace variety is a top Segre class on a Grassmannian
(:func:`subspace_degree`), a closed route next to the count on the model.

For ``[3, 2, 2, 1]`` and ``[3, 2, 3, 1]`` with ``x^2`` the square networks
``[2, 2, 2, 1]`` and ``[2, 2, 3, 1]`` fill the binary quartics: both
neuromanifolds are the ternary quartics that are binary quartics in two
linear forms (dimension 7, degree 45), and the ED degree is 671, counted on
7 unknowns in about 10 s for two seeds.

EXAMPLES::

    sage: from sage_neuro import PolynomialMLP
    sage: from sage_neuro.invariants.mlp_subspace import subspace_model_certificate, subspace_count
    sage: net = PolynomialMLP([3, 2, 2], activation=2)
    sage: subspace_model_certificate(net)
    subspace model of PolynomialMLP([3, 2, 2], activation=2): holds (8 unknowns, differential of rank 8; PolynomialMLP([2, 2, 2], activation=2) fills its 6 coordinates)
    sage: subspace_count(net, 'ed_degree').value
    75
"""

import random

from sage.arith.misc import binomial
from sage.matrix.constructor import matrix
from sage.rings.finite_rings.finite_field_constructor import GF
from sage.rings.integer import Integer
from sage.rings.polynomial.polynomial_ring_constructor import PolynomialRing
from sage.rings.rational_field import QQ

from sage_neuro.constants import SLICE_PRIME
from sage_neuro.invariants.model_counts import (MODEL_POINT_DRAWS, distance_to_random_data,
                                              formula_record, model_point,
                                              monomial_activation_reason)
from sage_neuro.provenance import Provenance, stopwatch


def square_network(net):
    r"""
    Return the network ``[w_1, w_1, w_2, ..., k]`` with the activation of
    ``net = PolynomialMLP([n, w_1, w_2, ..., k])``: the function ``F`` of
    the subspace model, ``f(X) = F([I | a] X)``.

    INPUT:

    - ``net`` -- a ``PolynomialMLP`` with at least one hidden layer

    OUTPUT: a ``PolynomialMLP``

    EXAMPLES::

        sage: from sage_neuro import PolynomialMLP
        sage: from sage_neuro.invariants.mlp_subspace import square_network
        sage: square_network(PolynomialMLP([3, 2, 3, 1], activation=2))
        PolynomialMLP([2, 2, 3, 1], activation=2)
    """
    from sage_neuro.architectures.mlp import PolynomialMLP
    w = net.widths()
    return PolynomialMLP([w[1]] + list(w[1:]), activation=net.activation())


def _strata_inequalities(n, w1, k, D):
    # (e, left, right) of k (B(w1) - B(w1 - e)) > e (n - e), e = 1..w1
    def B(m):
        return binomial(m + D - 1, D) if m > 0 else Integer(0)
    return [(e, k * (B(w1) - B(w1 - e)), e * (n - e)) for e in range(1, w1 + 1)]


def subspace_model_applies(net, invariant="ed_degree"):
    r"""
    Return ``(True, reason)`` if the subspace model of ``net`` is defined,
    birational onto the neuromanifold and, for the ED degree, free of
    spurious critical points (see the module documentation); else
    ``(False, reason)`` naming the hypothesis that fails. The hypotheses:
    ``net`` is a ``PolynomialMLP`` with at least one hidden layer, a
    monomial activation ``c t^r`` with ``r >= 2``, no bias and no skip
    connections; ``w_1 < n``; the square network (:func:`square_network`)
    fills its space of functions (its Jacobian has full rank modulo a prime
    at a random point: a full rank mod ``p`` is a full rank over ``QQ``);
    and, for the ED degree, the inequalities ``k (B(w_1) - B(w_1 - e)) > e
    (n - e)`` for ``e = 1, ..., w_1``.

    INPUT:

    - ``net`` -- an architecture
    - ``invariant`` -- (default ``'ed_degree'``) ``'ed_degree'`` or
      ``'degree'`` (which does not need the inequalities)

    OUTPUT: a pair ``(bool, str)``

    EXAMPLES::

        sage: from sage_neuro import PolynomialMLP, LinearNetwork
        sage: from sage_neuro.invariants.mlp_subspace import subspace_model_applies
        sage: subspace_model_applies(PolynomialMLP([3, 2, 2, 1], activation=2))
        (True, 'PolynomialMLP([3, 2, 2, 1], activation=2): w_1 = 2 < n = 3, PolynomialMLP([2, 2, 2, 1], activation=2) fills its 5 coordinates')
        sage: subspace_model_applies(PolynomialMLP([3, 3, 2, 1], activation=2))[1]
        'the subspace model needs a first hidden layer narrower than the input, not w_1 = 3 >= n = 3'
        sage: subspace_model_applies(PolynomialMLP([3, 2, 2], activation=3))[1]
        'the subspace model needs a square network that fills its space: PolynomialMLP([2, 2, 2], activation=3) has a Jacobian of rank 6 < 8'
        sage: subspace_model_applies(PolynomialMLP([3, 2, 1], activation=2))[1]
        'the subspace model needs k (B(w_1) - B(w_1 - e)) > e (n - e) (else critical points on the cones over fewer variables are not excluded), not 2 <= 2 at e = 1'
        sage: subspace_model_applies(PolynomialMLP([3, 2, 1], activation=2), 'degree')[0]
        True
        sage: R.<t> = QQ[]
        sage: subspace_model_applies(PolynomialMLP([3, 2, 1], activation=t^2 + t))[1]
        'the subspace model needs a monomial activation c t^r with r >= 2, not t^2 + t'
        sage: subspace_model_applies(LinearNetwork([3, 2, 2]))[1]
        'the subspace model is a PolynomialMLP with a hidden layer, not LinearNetwork([3, 2, 2])'
    """
    from sage_neuro.architectures.mlp import PolynomialMLP
    from sage_neuro.invariants.dimension import jacobian_rank
    if invariant not in ("ed_degree", "degree"):
        raise ValueError("invariant must be 'ed_degree' or 'degree', not %r" % (invariant,))
    if not isinstance(net, PolynomialMLP) or net.depth() < 2:
        return False, "the subspace model is a PolynomialMLP with a hidden layer, not %r" % (net,)
    why = monomial_activation_reason(net, "subspace model")
    if why is not None:
        return False, why
    w = net.widths()
    n, w1, k = w[0], w[1], w[-1]
    if not w1 < n:
        return False, ("the subspace model needs a first hidden layer narrower than the input, "
                       "not w_1 = %s >= n = %s" % (w1, n))
    square = square_network(net)
    rank, ambient = jacobian_rank(square, seed=0)[0], square.ambient_dimension()
    if rank < ambient:
        return False, ("the subspace model needs a square network that fills its space: %r has "
                       "a Jacobian of rank %s < %s" % (square, rank, ambient))
    D = net.activation().degree() ** (net.depth() - 1)
    for e, left, right in (_strata_inequalities(n, w1, k, D) if invariant == "ed_degree" else ()):
        if not left > right:
            return False, ("the subspace model needs k (B(w_1) - B(w_1 - e)) > e (n - e) (else "
                           "critical points on the cones over fewer variables are not "
                           "excluded), not %s <= %s at e = %s" % (left, right, e))
    return True, ("%r: w_1 = %s < n = %s, %r fills its %s coordinates"
                  % (net, w1, n, square, ambient))


def _check_applies(net, invariant="degree"):
    applies, why = subspace_model_applies(net, invariant)
    if not applies:
        raise ValueError(why)


def subspace_model_map(net, base_ring=QQ):
    r"""
    Return ``(R, Phi)``: the polynomial ring ``R`` of the subspace model
    (the coordinates ``g{s}_{m}`` of the square network's function, in the
    order of its :meth:`~sage_neuro.architectures.base.Architecture.coordinate_names`,
    then the entries ``a{i}_{j}`` of ``a``) and the network's coordinate
    functions of ``psi(g, a) = g([I | a] X)``, in the order of ``net``'s
    coordinate names.

    INPUT:

    - ``net`` -- a network for which :func:`subspace_model_applies`
    - ``base_ring`` -- (default ``QQ``) the field of ``R``

    OUTPUT: a pair ``(R, Phi)``

    EXAMPLES::

        sage: from sage_neuro import PolynomialMLP
        sage: from sage_neuro.invariants.mlp_subspace import subspace_model_map
        sage: R, Phi = subspace_model_map(PolynomialMLP([3, 2, 2], activation=2))
        sage: R.gens()
        (g0_0, g0_1, g0_2, g1_0, g1_1, g1_2, a0_0, a1_0)
        sage: Phi[:6]
        [g0_0, g0_1, 2*g0_0*a0_0 + g0_1*a1_0, g0_2, g0_1*a0_0 + 2*g0_2*a1_0, g0_0*a0_0^2 + g0_1*a0_0*a1_0 + g0_2*a1_0^2]
    """
    _check_applies(net)
    from sage_neuro.cache import CacheKey, cache_of
    R, Phi = cache_of(net).lookup(CacheKey("subspace_model", prime=0),
                                  lambda: _model_over_QQ(net))
    if base_ring is not QQ:
        R = R.change_ring(base_ring)
        Phi = [R(f) for f in Phi]
    return R, Phi


def _model_over_QQ(net):
    w = net.widths()
    n, w1 = w[0], w[1]
    square = square_network(net)
    basis = square.monomial_basis()
    k = square.num_outputs()
    gnames = ["g%d_%d" % (s, m) for s in range(k) for m in range(len(basis))]
    anames = ["a%d_%d" % (i, j) for i in range(w1) for j in range(n - w1)]
    R = PolynomialRing(QQ, gnames + anames, order="degrevlex")
    X = PolynomialRing(R, ["x%d" % i for i in range(n)])
    x = X.gens()
    a = matrix(R, w1, n - w1, [R(v) for v in anames])
    Y = [x[i] + sum(a[i, j] * x[w1 + j] for j in range(n - w1)) for i in range(w1)]
    # the square network's monomials are in y0, y1, ...: their exponents
    # are those of its input variables
    powers = [m.exponents()[0] for m in basis]
    outputs = []
    for s in range(k):
        f = X.zero()
        for m, e in enumerate(powers):
            term = X(R("g%d_%d" % (s, m)))
            for y, d in zip(Y, e):
                term *= y ** d
            f += term
        outputs.append(f)
    return R, net.output_coordinates(outputs)


class SubspaceModelCertificate:
    r"""
    The verdict of :func:`subspace_model_certificate`: whether the subspace
    model holds for a network, with the checks behind it.

    EXAMPLES::

        sage: from sage_neuro import PolynomialMLP
        sage: from sage_neuro.invariants.mlp_subspace import subspace_model_certificate
        sage: C = subspace_model_certificate(PolynomialMLP([3, 2, 2, 1], activation=2))
        sage: C.holds, C.fills, C.identity, C.rank, C.unknowns
        (True, True, True, 7, 7)
    """

    def __init__(self, net, square_rank, square_ambient, identity, rank, unknowns, seconds):
        self.network = net
        self.square = square_network(net)
        self.square_rank, self.square_ambient = Integer(square_rank), Integer(square_ambient)
        self.fills = square_rank == square_ambient
        self.identity = identity
        self.rank = Integer(rank)
        self.unknowns = Integer(unknowns)
        self.holds = self.fills and identity and rank == unknowns
        self.provenance = Provenance(
            "subspace_model", self.holds, "proved", seconds=seconds,
            route="rank over QQ of the Jacobian of the square network at a rational point; "
                  "mu = psi at a random rational point; rank of the differential of psi "
                  "there over QQ",
            certificate="%r: Jacobian of rank %s of %s coordinates; mu(theta) = psi(g, a) at "
                        "the point read off theta: %s; differential of rank %s of %s unknowns"
                        % (self.square, square_rank, square_ambient, identity, rank, unknowns))

    def __repr__(self):
        if self.holds:
            return ("subspace model of %r: holds (%s unknowns, differential of rank %s; %r "
                    "fills its %s coordinates)" % (self.network, self.unknowns, self.rank,
                                                   self.square, self.square_ambient))
        return "subspace model of %r: does not hold (%s)" % (self.network,
                                                             self.provenance.certificate)


def subspace_model_certificate(net, seed=0):
    r"""
    Check the subspace model of ``net`` over ``QQ``: that the square network
    fills its space of functions (the rank of its Jacobian at a random
    rational point is the number of its coordinates), that ``mu(theta) =
    psi(g, a)`` at a random rational parameter point ``theta``, with ``a``
    and ``g`` read off ``theta`` (``W_1 = A [I | a]``, ``g`` the square
    network at ``(A, W_2, ...)``), and that the differential of ``psi``
    there has rank equal to the number of unknowns (so the image, which lies
    in the neuromanifold, has its dimension).

    INPUT:

    - ``net`` -- a network for which :func:`subspace_model_applies`
    - ``seed`` -- (default 0) seed of the rational points

    OUTPUT: a :class:`SubspaceModelCertificate` (its ``provenance`` is
    ``'proved'``)

    EXAMPLES::

        sage: from sage_neuro import PolynomialMLP
        sage: from sage_neuro.invariants.mlp_subspace import subspace_model_certificate
        sage: net = PolynomialMLP([3, 2, 3, 1], activation=2)
        sage: C = subspace_model_certificate(net); C
        subspace model of PolynomialMLP([3, 2, 3, 1], activation=2): holds (7 unknowns, differential of rank 7; PolynomialMLP([2, 2, 3, 1], activation=2) fills its 5 coordinates)
        sage: C.rank == net.neuromanifold().dimension()
        True
        sage: C.provenance.method
        'proved'
    """
    from sage_neuro.invariants.dimension import jacobian_at
    _check_applies(net)
    with stopwatch() as seconds:
        rng = random.Random("subspace model point %s" % seed)
        square = square_network(net)
        R, Phi = subspace_model_map(net)
        w = net.widths()
        n, w1 = w[0], w[1]
        # a point where a rank drops is drawn again (model_point); a failed
        # identity is a verdict, not a bad draw
        for _ in range(MODEL_POINT_DRAWS):
            point = model_point(rng, square.num_parameters())
            square_rank = jacobian_at(square, point, QQ).rank()
            while True:
                theta = model_point(rng, net.num_parameters())
                W1 = matrix(QQ, w1, n, theta[:w1 * n])
                A = W1.matrix_from_columns(range(w1))
                if A.is_invertible():
                    break
            a = A.inverse() * W1.matrix_from_columns(range(w1, n))
            g = square.evaluate(list(A.list()) + theta[w1 * n:])
            values = dict(zip(R.gens(), list(g) + a.list()))
            identity = [QQ(f.subs(values)) for f in Phi] == list(net.evaluate(theta))
            J = matrix(QQ, [[QQ(f.derivative(v).subs(values)) for v in R.gens()] for f in Phi])
            rank = J.rank()
            if not identity or (square_rank == square.ambient_dimension() and rank == R.ngens()):
                break
    return SubspaceModelCertificate(net, square_rank, square.ambient_dimension(), identity, rank,
                                    R.ngens(), seconds[0])


def subspace_degree(n, w, D, k=1):
    r"""
    Return the degree of the subspace variety of ``k``-tuples of forms of
    degree ``D`` in ``n`` variables that depend on at most ``w`` linear
    forms (``w < n``): the neuromanifold of an MLP ``[n, w, ..., k]`` whose
    subspace model holds, with ``D = r^{L-1}``.

    Proof: let ``U`` be the tautological subbundle of rank ``w`` on the
    Grassmannian ``G`` of ``w``-dimensional spaces of linear forms, ``dim G
    = w (n - w)``, and ``E = S^D(U)^{⊕ k}``, a subbundle of the trivial
    bundle ``S^D(C^n)^k``. The variety is the image of ``P(E)`` under the
    map to ``P(S^D(C^n)^k)`` given by the hyperplane class; this map is
    birational when ``D >= 2`` (a generic tuple of forms in ``w`` variables
    is not a cone, so its span of linear forms is the point of ``G``) or
    ``k >= w`` (for ``D = 1`` a generic ``k x n`` matrix of rank ``w`` has
    row space of dimension ``w``). So the degree is the top Segre class
    ``int_G s_{w(n-w)}(E)``, where ``s(E) = c(E)^{-1} = prod 1/(1 - a . x)``
    over the weights ``a`` of ``S^D``, ``k`` times each, in the Chern roots
    ``x`` of ``U^*``; and ``int_G s_lambda(x) = 1`` for the partition
    ``lambda = ((n - w)^w)`` and ``0`` for the others (Schubert calculus).

    INPUT:

    - ``n`` -- the number of variables
    - ``w`` -- an integer with ``1 <= w < n``
    - ``D`` -- the degree of the forms, ``>= 1``
    - ``k`` -- (default 1) the number of forms; ``k >= w`` when ``D = 1``

    OUTPUT: a Sage Integer

    EXAMPLES:

    Quadrics of rank at most 2, and the ternary quartics in two linear
    forms, the neuromanifold of ``[3, 2, 2, 1]`` with ``x^2``::

        sage: from sage_neuro import PolynomialMLP
        sage: from sage_neuro.invariants.mlp_subspace import subspace_degree
        sage: subspace_degree(3, 2, 2), subspace_degree(3, 2, 4)
        (3, 45)
        sage: PolynomialMLP([3, 2, 2, 1], activation=2).neuromanifold().degree()
        45

    For ``D = 1`` the ``k x n`` matrices of rank at most ``w`` (``4 x 4``
    of rank 2: degree 20)::

        sage: subspace_degree(4, 2, 1, 4)
        20
        sage: subspace_degree(4, 2, 1, 1)
        Traceback (most recent call last):
        ...
        ValueError: for D = 1 the map from P(E) is birational only when k >= w, not k = 1 < w = 2
        sage: subspace_degree(3, 3, 2)
        Traceback (most recent call last):
        ...
        ValueError: w must be an integer with 1 <= w < n = 3, not 3
    """
    from sage.combinat.partition import Partition
    from sage.combinat.sf.sf import SymmetricFunctions
    from sage.combinat.integer_vector_weighted import WeightedIntegerVectors
    from sage_neuro.validation import check_positive_int
    n, w = check_positive_int(n, "n"), check_positive_int(w, "w")
    D, k = check_positive_int(D, "D"), check_positive_int(k, "k")
    if not w < n:
        raise ValueError("w must be an integer with 1 <= w < n = %s, not %s" % (n, w))
    if D == 1 and k < w:
        raise ValueError("for D = 1 the map from P(E) is birational only when k >= w, not "
                         "k = %s < w = %s" % (k, w))
    R = PolynomialRing(QQ, w, "x")
    x = R.gens()
    top = w * (n - w)
    # the homogeneous parts of s(E) up to the top degree: multiplying by
    # 1/(1 - L) is part[d] += L part[d - 1], from low to high degree
    part = [R.one()] + [R.zero()] * top
    for a in WeightedIntegerVectors(D, [1] * w):
        L = sum(ai * xi for ai, xi in zip(a, x))
        for _ in range(k):
            for d in range(1, top + 1):
                part[d] += L * part[d - 1]
    Sym = SymmetricFunctions(QQ)
    schur = Sym.schur()(Sym.monomial().from_polynomial(part[top]))
    return Integer(schur.coefficient(Partition([n - w] * w)))


def subspace_degree_record(net, choice=""):
    r"""
    Return the :class:`~sage_neuro.provenance.Provenance` of the degree of
    the neuromanifold of ``net`` from :func:`subspace_degree`, ``'proved'``:
    the certificate of the subspace model shows over ``QQ`` that the
    closure of the neuromanifold is the subspace variety, and its degree is
    the top Segre class.

    INPUT:

    - ``net`` -- a network for which ``subspace_model_applies(net,
      'degree')``
    - ``choice`` -- (default ``''``) why this route was taken, for the note

    OUTPUT: a ``Provenance`` record (``'proved'``); ``ArithmeticError`` when
    the certificate does not hold

    EXAMPLES::

        sage: from sage_neuro import PolynomialMLP
        sage: from sage_neuro.invariants.mlp_subspace import subspace_degree_record
        sage: P = subspace_degree_record(PolynomialMLP([4, 2, 2, 1], activation=2)); P
        degree = 1330  [proved; ... s]
        sage: P.route
        'top Segre class of S^4(U)^1 on the Grassmannian G(2, 4) (the subspace variety)'
    """
    _check_applies(net, "degree")
    w = net.widths()
    D = net.activation().degree() ** (net.depth() - 1)
    return formula_record(net, subspace_model_certificate,
                          lambda: subspace_degree(w[0], w[1], D, w[-1]),
                          "top Segre class of S^%s(U)^%s on the Grassmannian G(%s, %s) (the "
                          "subspace variety)" % (D, w[-1], w[1], w[0]), "subspace model", choice)


def _over_prime(net, prime):
    K = GF(prime)
    R, Phi = subspace_model_map(net, base_ring=K)
    return K, R, Phi


def subspace_ed_system(net, seed=1, prime=SLICE_PRIME):
    r"""
    Return the ED critical system of the subspace model over ``GF(prime)``
    at random data drawn from ``seed`` (standard inner product on the
    network's coordinates): the partial derivatives of the distance in the
    unknowns ``g`` and ``a``. No equation removes a rank-drop locus: for
    generic data none of its solutions lies there (module documentation).
    Its number of solutions is the ED degree.

    INPUT:

    - ``net`` -- a network for which :func:`subspace_model_applies`
    - ``seed`` -- (default 1) seed of the data
    - ``prime`` -- (default :data:`~sage_neuro.constants.SLICE_PRIME`) a prime

    OUTPUT: a list of polynomials over ``GF(prime)``

    EXAMPLES::

        sage: from sage_neuro import PolynomialMLP
        sage: from sage_neuro.invariants.mlp_subspace import subspace_ed_system
        sage: net = PolynomialMLP([3, 2, 2], activation=2)
        sage: E = subspace_ed_system(net)
        sage: len(E), E[0].parent().ngens()
        (8, 8)
        sage: E[0].parent().ideal(E).vector_space_dimension()
        75
    """
    _check_applies(net, "ed_degree")
    _, R, Phi = _over_prime(net, prime)
    distance = distance_to_random_data(Phi, "subspace ED data %s" % seed, prime)[0]
    return [distance.derivative(v) for v in R.gens()]


def subspace_degree_system(net, seed=1, prime=SLICE_PRIME):
    r"""
    Return a random affine-linear section of the subspace model over
    ``GF(prime)`` drawn from ``seed``: as many random affine combinations
    of the network's coordinates as unknowns. Its number of solutions is the
    degree of the neuromanifold (the model is birational onto it).

    INPUT:

    - ``net`` -- a network for which :func:`subspace_model_applies`
    - ``seed`` -- (default 1) seed of the section
    - ``prime`` -- (default :data:`~sage_neuro.constants.SLICE_PRIME`) a prime

    OUTPUT: a list of polynomials over ``GF(prime)``

    EXAMPLES::

        sage: from sage_neuro import PolynomialMLP
        sage: from sage_neuro.invariants.mlp_subspace import subspace_degree_system
        sage: net = PolynomialMLP([3, 2, 2, 1], activation=2)
        sage: E = subspace_degree_system(net)
        sage: E[0].parent().ideal(E).vector_space_dimension()
        45
    """
    K, R, Phi = _over_prime(net, prime)
    rng = random.Random("subspace degree section %s" % seed)
    return [sum(K(rng.randrange(prime)) * f for f in Phi) - K(rng.randrange(prime))
            for _ in R.gens()]


def subspace_count(net, invariant, seeds=(1, 2), prime=SLICE_PRIME, timeout=None):
    r"""
    Return the :class:`~sage_neuro.provenance.Provenance` of ``invariant``
    (``'ed_degree'`` or ``'degree'``) of the neuromanifold counted on the
    subspace model (:func:`subspace_ed_system`, resp.
    :func:`subspace_degree_system`), one msolve process per seed side by
    side; all seeds must agree.

    INPUT:

    - ``net`` -- a network for which :func:`subspace_model_applies`
    - ``invariant`` -- ``'ed_degree'`` or ``'degree'``
    - ``seeds`` -- (default ``(1, 2)``) seeds of the data (resp. sections)
    - ``prime`` -- (default :data:`~sage_neuro.constants.SLICE_PRIME`) a prime ``< 2^31``
    - ``timeout`` -- seconds for the msolve processes (``TimeoutError``)

    OUTPUT: a ``Provenance`` record (``'modular'``)

    EXAMPLES::

        sage: from sage_neuro import PolynomialMLP
        sage: from sage_neuro.invariants.mlp_subspace import subspace_count
        sage: net = PolynomialMLP([4, 2, 2], activation=2)
        sage: P = subspace_count(net, 'degree'); P
        degree = ...  [modular: p = 32003, seeds (1, 2); ... s]
        sage: P.value == net.neuromanifold().degree(strategy=None, cross_check=False)
        True
        sage: P.certificate
        'subspace model: PolynomialMLP([2, 2, 2], activation=2): Jacobian of rank 6 of 6 coordinates; ...'
        sage: subspace_count(net, 'dimension')
        Traceback (most recent call last):
        ...
        ValueError: invariant must be 'ed_degree' or 'degree', not 'dimension'
        sage: subspace_count(PolynomialMLP([3, 3, 3], activation=2), 'degree')
        Traceback (most recent call last):
        ...
        ValueError: the subspace model needs a first hidden layer narrower than the input, not w_1 = 3 >= n = 3
    """
    from sage_neuro.invariants.model_counts import model_count
    if invariant not in ("ed_degree", "degree"):
        raise ValueError("invariant must be 'ed_degree' or 'degree', not %r" % (invariant,))
    _check_applies(net, invariant)
    what = "on the subspace model g([I | a] X) (functions of w_1 linear forms)"
    return model_count(net, invariant, "subspace model", subspace_model_certificate,
                       {"ed_degree": subspace_ed_system, "degree": subspace_degree_system},
                       seeds, prime, timeout=timeout,
                       route={"ed_degree": "critical equations " + what,
                              "degree": "a random affine linear section " + what})
