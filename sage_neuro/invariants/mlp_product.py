r"""
The product model of an MLP ``[n, h, 2, 1]`` with a square activation: the
quartics that are products of two quadrics.

A network ``PolynomialMLP([n, h, 2, 1], activation=c t^2)`` without bias
computes, with ``P_1, P_2`` the two quadrics of its second hidden layer
(before the activation) and ``a_k = c W_3[0, k]``,

.. MATH::

    f = a_1 P_1^2 + a_2 P_2^2 = (u P_1 + v P_2)(u P_1 - v P_2),
    \qquad u^2 = a_1, \; v^2 = -a_2,

so every output is a product of two quadrics over ``C``: the neuromanifold
lies in the variety ``Pi`` of quartics ``Q Q'``, an irreducible cone of
dimension ``2m - 1``, ``m = binom(n + 1, 2)`` the dimension of the space
of quadrics. When ``h >= n`` the two quadrics ``P_k = W_1^T D_k W_1``
(``D_k`` diagonal, ``c`` absorbed) of generic parameters form a generic
pair (two generic quadratic forms are simultaneously diagonalizable by a
congruence), so the neuromanifold *is* ``Pi`` up to closure.
:func:`product_model_certificate` proves both facts: the identity ``f =
a_1 P_1^2 + a_2 P_2^2`` identically in the parameters, and a Jacobian of
``mu`` of rank ``2m - 1 = dim Pi`` at a rational point (over ``QQ``), which
with the inclusion into the irreducible ``Pi`` gives equality of the
closures.

**Degree.** The multiplication ``(Q, Q') -> Q Q'`` is a morphism
``P^{m-1} x P^{m-1} -> P^{N-1}`` (a product of nonzero polynomials is not
zero), pulling the hyperplane class back to ``h_1 + h_2``. For ``n >= 3`` a
generic quadric is irreducible and the polynomial ring is factorial, so
the generic fiber is ``{(Q, Q'), (Q', Q)}`` and

.. MATH::

    \deg \Pi = \frac{1}{2} \int (h_1 + h_2)^{2m-2} =
    \frac{1}{2} \binom{2m - 2}{m - 1}

(:func:`product_degree`: 126 for ``n = 3``, 24310 for ``n = 4``).
For ``n = 2`` every binary quartic is a product of two quadrics in three
ways, the map has degree 6 and ``Pi`` is the whole space; the model is not
used there.

**The model.** A product ``Q Q'`` of two quadrics that are not
proportional is a nondegenerate quadratic form in two quadrics ``V_1,
V_2`` spanning the pencil ``<Q, Q'>``, and conversely (``s_11 V_1^2 + 2
s_12 V_1 V_2 + s_22 V_2^2`` splits into two linear factors in ``(V_1,
V_2)``). So the model is ``psi(V, S) = s_11 V_1^2 + 2 s_12 V_1 V_2 + s_22
V_2^2`` with the pencil in the chart of the Grassmannian where ``V_1 =
x_0^2 + ...``, ``V_2 = x_0 x_1 + ...`` (the other ``m - 2`` monomials of
degree 2 free in both) and ``S`` symmetric ``2 x 2``: ``2m - 1`` unknowns,
the dimension, and injective where ``det S != 0`` (the factors determine
the pencil, and ``S`` is the form in its basis): unlike the pairs ``(Q,
Q')``, no point is counted twice.

**ED degree.** Where ``det S != 0``, ``(V, S)`` is a local coordinate
system of the factors ``{Q, Q'}`` up to the rescaling ``(lambda Q, Q' /
lambda)``; where moreover ``gcd(Q, Q') = 1`` the differential of ``psi`` is
injective (``dQ Q' = -Q dQ'`` forces ``dQ`` to be a multiple of ``Q``: only
the rescaling). Where ``gcd(Q, Q')
= l`` is a linear form (a set of dimension ``3n - 2``), ``d psi`` has
rank ``2m - n`` and the pairs (point, data) with the data minus the point
orthogonal to its image have dimension ``3n - 2 + N - (2m - n)``, below
the dimension ``N`` of the data space exactly when ``(n - 1)(n - 2) > 0``:
for ``n >= 3`` no critical point of generic data lies there. Where ``det S
= 0`` the output is a square; these points can be critical for the
equations on the model without being ED critical points of ``Pi``, and
:func:`product_ed_system` removes them with one Rabinowitsch equation ``t
det S = 1``. So the number of solutions is the ED degree, and that of a
random linear section the degree (:func:`product_degree_system`: 126 for
``n = 3``, the closed formula); the generic fiber of the model, counted by
:func:`product_fiber_system`, is one point (:func:`product_count` divides
by it).

For ``[3, 3, 2, 1]`` and ``[3, 4, 2, 1]`` the degree is 126, in well under
a second against about 3 s and 4 minutes for the slice of their
parameters.

EXAMPLES::

    sage: from sage_neuro import PolynomialMLP
    sage: from sage_neuro.invariants.mlp_product import product_model_certificate, product_degree
    sage: net = PolynomialMLP([3, 3, 2, 1], activation=2)
    sage: product_model_certificate(net)
    product model of PolynomialMLP([3, 3, 2, 1], activation=2): holds (mu = a_1 P_1^2 + a_2 P_2^2; Jacobian of mu of rank 11 = dim Pi)
    sage: product_degree(3)
    126
"""

import random

from sage.arith.misc import binomial
from sage.matrix.constructor import matrix
from sage.rings.finite_rings.finite_field_constructor import GF
from sage.rings.integer import Integer
from sage.rings.integer_ring import ZZ
from sage.rings.polynomial.polynomial_ring_constructor import PolynomialRing
from sage.rings.rational_field import QQ

from sage_neuro.constants import SLICE_PRIME
from sage_neuro.invariants.model_counts import (MODEL_POINT_DRAWS, distance_to_random_data,
                                              formula_record, model_point,
                                              monomial_activation_reason)
from sage_neuro.provenance import Provenance, stopwatch


def product_model_applies(net):
    r"""
    Return ``(True, reason)`` if ``net`` is a network ``PolynomialMLP([n,
    h, 2, 1], activation=c t^2)`` without bias or skip connections with
    ``h >= n >= 3``, whose neuromanifold is the variety of products of two
    quadrics (module documentation); else ``(False, reason)`` naming the
    hypothesis that fails.

    INPUT:

    - ``net`` -- an architecture

    OUTPUT: a pair ``(bool, str)``

    EXAMPLES::

        sage: from sage_neuro import PolynomialMLP, LinearNetwork
        sage: from sage_neuro.invariants.mlp_product import product_model_applies
        sage: product_model_applies(PolynomialMLP([3, 4, 2, 1], activation=2))
        (True, 'PolynomialMLP([3, 4, 2, 1], activation=2): widths [n, h, 2, 1] with h = 4 >= n = 3 >= 3')
        sage: product_model_applies(PolynomialMLP([3, 2, 2, 1], activation=2))[1]
        'the product model needs a first hidden layer at least as wide as the input, not h = 2 < n = 3'
        sage: product_model_applies(PolynomialMLP([2, 2, 2, 1], activation=2))[1]
        'the product model needs n >= 3 inputs (every binary quartic is a product of two quadrics in three ways), not n = 2'
        sage: product_model_applies(PolynomialMLP([3, 3, 3, 1], activation=2))[1]
        'the product model is a PolynomialMLP with widths [n, h, 2, 1], not [3, 3, 3, 1]'
        sage: product_model_applies(PolynomialMLP([3, 3, 2, 1], activation=3))[1]
        'the product model needs a monomial activation c t^2, not t^3'
        sage: product_model_applies(LinearNetwork([3, 3, 2, 1]))[1]
        'the product model is a PolynomialMLP with widths [n, h, 2, 1], not LinearNetwork([3, 3, 2, 1])'
    """
    from sage_neuro.architectures.mlp import PolynomialMLP
    if not isinstance(net, PolynomialMLP):
        return False, "the product model is a PolynomialMLP with widths [n, h, 2, 1], not %r" % (net,)
    w = list(net.widths())
    if len(w) != 4 or w[2:] != [2, 1]:
        return False, "the product model is a PolynomialMLP with widths [n, h, 2, 1], not %s" % w
    why = monomial_activation_reason(net, "product model", 2)
    if why is not None:
        return False, why
    n, h = w[0], w[1]
    if n < 3:
        return False, ("the product model needs n >= 3 inputs (every binary quartic is a product "
                       "of two quadrics in three ways), not n = %s" % n)
    if h < n:
        return False, ("the product model needs a first hidden layer at least as wide as the "
                       "input, not h = %s < n = %s" % (h, n))
    return True, "%r: widths [n, h, 2, 1] with h = %s >= n = %s >= 3" % (net, h, n)


def _check_applies(net):
    applies, why = product_model_applies(net)
    if not applies:
        raise ValueError(why)


def product_degree(n):
    r"""
    Return the degree ``binom(2m - 2, m - 1) / 2``, ``m = binom(n + 1,
    2)``, of the variety of ``n``-ary quartics that are products of two
    quadrics (``n >= 3``; module documentation).

    INPUT:

    - ``n`` -- an integer ``>= 3``, the number of variables

    OUTPUT: an Integer

    EXAMPLES::

        sage: from sage_neuro.invariants.mlp_product import product_degree
        sage: [product_degree(n) for n in (3, 4, 5)]
        [126, 24310, 20058300]
        sage: product_degree(2)
        Traceback (most recent call last):
        ...
        ValueError: n must be an integer >= 3 (for n = 2 the product map is not birational), not 2
    """
    if n not in ZZ or Integer(n) < 3:
        raise ValueError("n must be an integer >= 3 (for n = 2 the product map is not "
                         "birational), not %r" % (n,))
    m = binomial(Integer(n) + 1, 2)
    return binomial(2 * m - 2, m - 1) // 2


def _quadric_monomials(X):
    # the monomials of degree 2 of X, x_0^2 and x_0 x_1 first
    return sorted((sum(X.gens()) ** 2).monomials(), reverse=True)


def product_model_map(net, base_ring=QQ):
    r"""
    Return ``(R, V, S, Phi)``: the ring ``R`` of the product model (the
    coefficients ``b2, ...`` and ``c2, ...`` of the pencil's quadrics
    ``V_1 = x_0^2 + sum_i b_i m_i`` and ``V_2 = x_0 x_1 + sum_i c_i m_i``,
    ``m_2, m_3, ...`` the other monomials of degree 2, then ``s11, s12,
    s22``), the pair ``V = (V_1, V_2)`` (polynomials in ``x0, x1, ...`` over
    ``R``), the symmetric matrix ``S`` and the network's coordinate
    functions of ``s_11 V_1^2 + 2 s_12 V_1 V_2 + s_22 V_2^2``.

    INPUT:

    - ``net`` -- a network for which :func:`product_model_applies`
    - ``base_ring`` -- (default ``QQ``) the field of ``R``

    OUTPUT: a tuple ``(R, V, S, Phi)``

    EXAMPLES::

        sage: from sage_neuro import PolynomialMLP
        sage: from sage_neuro.invariants.mlp_product import product_model_map
        sage: R, V, S, Phi = product_model_map(PolynomialMLP([3, 3, 2, 1], activation=2))
        sage: R.ngens(), V[0]
        (11, x0^2 + b2*x1^2 + b3*x0*x2 + b4*x1*x2 + b5*x2^2)
        sage: S
        [s11 s12]
        [s12 s22]
        sage: len(Phi), Phi[:3]
        (15, [s11, 2*s12, 2*b3*s11 + 2*c3*s12])
    """
    _check_applies(net)
    n = net.widths()[0]
    m = binomial(n + 1, 2)
    names = (["b%d" % i for i in range(2, m)] + ["c%d" % i for i in range(2, m)]
             + ["s11", "s12", "s22"])
    R = PolynomialRing(base_ring, names, order="degrevlex")
    b, c = R.gens()[:m - 2], R.gens()[m - 2:2 * m - 4]
    s11, s12, s22 = R.gens()[2 * m - 4:]
    X = PolynomialRing(R, ["x%d" % i for i in range(n)])
    mons = _quadric_monomials(X)
    V1 = mons[0] + sum(x * y for x, y in zip(b, mons[2:]))
    V2 = mons[1] + sum(x * y for x, y in zip(c, mons[2:]))
    S = matrix(R, 2, 2, [s11, s12, s12, s22])
    f = s11 * V1 ** 2 + 2 * s12 * V1 * V2 + s22 * V2 ** 2
    return R, (V1, V2), S, net.output_coordinates([f])


class ProductModelCertificate:
    r"""
    The verdict of :func:`product_model_certificate`: whether the product
    model holds for a network, with the checks behind it.

    EXAMPLES::

        sage: from sage_neuro import PolynomialMLP
        sage: from sage_neuro.invariants.mlp_product import product_model_certificate
        sage: C = product_model_certificate(PolynomialMLP([3, 3, 2, 1], activation=2))
        sage: C.holds, C.identity, C.rank, C.dimension
        (True, True, 11, 11)
    """

    def __init__(self, net, identity, rank, dimension, seconds):
        self.network = net
        self.identity = bool(identity)
        self.rank = Integer(rank)
        self.dimension = Integer(dimension)
        self.holds = self.identity and self.rank == self.dimension
        self.provenance = Provenance(
            "product_model", self.holds, "proved", seconds=seconds,
            route="mu = a_1 P_1^2 + a_2 P_2^2 identically over QQ (P_k: the quadrics of the "
                  "second hidden layer), a sum of two squares being a product over C; rank of "
                  "the Jacobian of mu at a rational point over QQ against dim Pi = 2m - 1",
            certificate="mu = a_1 P_1^2 + a_2 P_2^2: %s; Jacobian of mu of rank %s, dim Pi = %s"
                        % (self.identity, self.rank, self.dimension))

    def __repr__(self):
        if self.holds:
            return ("product model of %r: holds (mu = a_1 P_1^2 + a_2 P_2^2; Jacobian of mu of "
                    "rank %s = dim Pi)" % (self.network, self.rank))
        return "product model of %r: does not hold (%s)" % (self.network,
                                                           self.provenance.certificate)


def product_model_certificate(net, seed=0):
    r"""
    Prove the product model of ``net`` over ``QQ``: the output is ``a_1
    P_1^2 + a_2 P_2^2`` identically in the parameters (``P_k`` the quadrics
    of the second hidden layer before the activation, ``a_k`` the output
    weights times the activation's coefficient), so the neuromanifold lies
    in the variety ``Pi`` of products of two quadrics; and the Jacobian of
    ``mu`` has rank ``dim Pi = 2m - 1`` at a random rational point, so its
    closure is the irreducible ``Pi`` (the largest rank at up to three
    random points with nonzero entries: a lower bound of the dimension).

    INPUT:

    - ``net`` -- a network for which :func:`product_model_applies`
    - ``seed`` -- (default 0) seed of the rational point

    OUTPUT: a :class:`ProductModelCertificate` (its ``provenance`` is
    ``'proved'``)

    EXAMPLES::

        sage: from sage_neuro import PolynomialMLP
        sage: from sage_neuro.invariants.mlp_product import product_model_certificate
        sage: C = product_model_certificate(PolynomialMLP([3, 4, 2, 1], activation=2)); C
        product model of PolynomialMLP([3, 4, 2, 1], activation=2): holds (...)
        sage: C.provenance.method
        'proved'
    """
    _check_applies(net)
    with stopwatch() as seconds:
        n = net.widths()[0]
        sigma = net.activation()
        c = sigma.leading_coefficient()
        W1, W2, W3 = net.weight_matrices()
        P = W1.base_ring()
        X = PolynomialRing(P, ["x%d" % i for i in range(n)])
        z = W1.change_ring(X) * matrix(X, n, 1, list(X.gens()))
        hidden = [c * z[i, 0] ** 2 for i in range(W1.nrows())]
        quadrics = [sum(W2[k, i] * hidden[i] for i in range(len(hidden))) for k in range(2)]
        f = sum(c * W3[0, k] * quadrics[k] ** 2 for k in range(2))
        identity = net.output_coordinates([f]) == list(net.coordinate_functions())
        # the rank at any point is a lower bound of the dimension: nonzero
        # entries (a zero output weight makes f a square), and more points,
        # so that one special draw does not refuse the model
        rng = random.Random("product model point %s" % seed)
        dimension = 2 * binomial(n + 1, 2) - 1
        rank = 0
        for _ in range(MODEL_POINT_DRAWS):
            theta = model_point(rng, net.num_parameters())
            rank = max(rank, net.jacobian(theta).rank())
            if rank == dimension:
                break
    return ProductModelCertificate(net, identity, rank, dimension, seconds[0])


def product_degree_record(net, choice=""):
    r"""
    Return the ``'proved'`` :class:`~sage_neuro.provenance.Provenance` of
    the degree of the neuromanifold of ``net``, the degree
    :func:`product_degree` of the variety of products of two quadrics,
    behind :func:`product_model_certificate`.

    INPUT:

    - ``net`` -- a network for which :func:`product_model_applies`
    - ``choice`` -- (default ``''``) why this route was taken, for the note

    OUTPUT: a ``Provenance`` record

    EXAMPLES::

        sage: from sage_neuro import PolynomialMLP
        sage: from sage_neuro.invariants.mlp_product import product_degree_record
        sage: P = product_degree_record(PolynomialMLP([3, 3, 2, 1], activation=2)); P
        degree = 126  [proved; ... s]
        sage: P.route
        'binom(2m - 2, m - 1) / 2 with m = 6 (products of two quadrics in 3 variables)'
    """
    _check_applies(net)
    n = net.widths()[0]
    m = binomial(n + 1, 2)
    return formula_record(net, product_model_certificate, lambda: product_degree(n),
                          "binom(2m - 2, m - 1) / 2 with m = %s (products of two quadrics in %s "
                          "variables)" % (m, n), "product model", choice)


def _over_prime(net, prime):
    # the model over GF(prime) with one more variable t, for t det S = 1
    K = GF(prime)
    R0, _, S0, Phi0 = product_model_map(net, base_ring=K)
    names = list(R0.variable_names()) + ["t"]
    R = PolynomialRing(K, names, order="degrevlex")
    emb = R0.hom(R.gens()[:-1], R)
    nondegenerate = R.gens()[-1] * emb(S0.det()) - 1
    return K, R, nondegenerate, [emb(f) for f in Phi0]


def product_ed_system(net, seed=1, prime=SLICE_PRIME):
    r"""
    Return the ED critical system of the product model over ``GF(prime)``
    at random data drawn from ``seed`` (standard inner product on the
    network's coordinates): the partial derivatives of the distance in the
    ``2m - 1`` unknowns, and ``t det S - 1``, which removes the squares
    (module documentation). Its number of solutions is the ED degree.

    INPUT:

    - ``net`` -- a network for which :func:`product_model_applies`
    - ``seed`` -- (default 1) seed of the data
    - ``prime`` -- (default :data:`~sage_neuro.constants.SLICE_PRIME`) a prime

    OUTPUT: a list of polynomials over ``GF(prime)``

    EXAMPLES::

        sage: from sage_neuro import PolynomialMLP
        sage: from sage_neuro.invariants.mlp_product import product_ed_system
        sage: E = product_ed_system(PolynomialMLP([3, 3, 2, 1], activation=2))
        sage: len(E), E[0].parent().ngens(), max(f.degree() for f in E)
        (12, 12, 5)
    """
    _, R, nondegenerate, Phi = _over_prime(net, prime)
    distance = distance_to_random_data(Phi, "product ED data %s" % seed, prime)[0]
    return [distance.derivative(x) for x in R.gens()[:-1]] + [nondegenerate]


def product_degree_system(net, seed=1, prime=SLICE_PRIME):
    r"""
    Return a random affine-linear section of the product model over
    ``GF(prime)`` drawn from ``seed``: as many random affine combinations
    of the network's coordinates as unknowns, and ``t det S - 1``. Its
    number of solutions is the degree.

    INPUT:

    - ``net`` -- a network for which :func:`product_model_applies`
    - ``seed`` -- (default 1) seed of the section
    - ``prime`` -- (default :data:`~sage_neuro.constants.SLICE_PRIME`) a prime

    OUTPUT: a list of polynomials over ``GF(prime)``

    EXAMPLES::

        sage: from sage_neuro import PolynomialMLP
        sage: from sage_neuro.invariants.mlp_product import product_degree_system
        sage: from sage_neuro.invariants.msolve import count_solutions
        sage: count_solutions([product_degree_system(PolynomialMLP([3, 3, 2, 1], activation=2))])
        [126]
    """
    K, R, nondegenerate, Phi = _over_prime(net, prime)
    rng = random.Random("product degree section %s" % seed)
    return [sum(K(rng.randrange(prime)) * f for f in Phi) - K(rng.randrange(prime))
            for _ in R.gens()[:-1]] + [nondegenerate]


def product_fiber_system(net, seed=1, prime=SLICE_PRIME):
    r"""
    Return the fiber of the product model through a random point drawn
    from ``seed``, over ``GF(prime)``: ``psi(V, S) = psi(V_0, S_0)`` and ``t
    det S - 1``. Its number of solutions is the degree of the model onto
    the neuromanifold, 1 for ``n >= 3``.

    INPUT:

    - ``net`` -- a network for which :func:`product_model_applies`
    - ``seed`` -- (default 1) seed of the point
    - ``prime`` -- (default :data:`~sage_neuro.constants.SLICE_PRIME`) a prime

    OUTPUT: a list of polynomials over ``GF(prime)``

    EXAMPLES::

        sage: from sage_neuro import PolynomialMLP
        sage: from sage_neuro.invariants.mlp_product import product_fiber_system
        sage: E = product_fiber_system(PolynomialMLP([3, 3, 2, 1], activation=2))
        sage: E[0].parent().ideal(E).vector_space_dimension()
        1
    """
    K, R, nondegenerate, Phi = _over_prime(net, prime)
    rng = random.Random("product fiber point %s" % seed)
    point = [K(rng.randrange(prime)) for _ in R.gens()[:-1]] + [K.one()]
    return [f - f(point) for f in Phi] + [nondegenerate]


def product_count(net, invariant, seeds=(1, 2), prime=SLICE_PRIME, timeout=None):
    r"""
    Return the :class:`~sage_neuro.provenance.Provenance` of ``invariant``
    (``'ed_degree'`` or ``'degree'``) of the neuromanifold counted on the
    product model (:func:`product_ed_system`, resp.
    :func:`product_degree_system`), divided by the generic fiber of the
    model (:func:`product_fiber_system`); one msolve process per system,
    side by side; all seeds must agree.

    INPUT:

    - ``net`` -- a network for which :func:`product_model_applies`
    - ``invariant`` -- ``'ed_degree'`` or ``'degree'``
    - ``seeds`` -- (default ``(1, 2)``) seeds of the data (resp. sections)
    - ``prime`` -- (default :data:`~sage_neuro.constants.SLICE_PRIME`) a prime ``< 2^31``
    - ``timeout`` -- seconds for the msolve processes (``TimeoutError``)

    OUTPUT: a ``Provenance`` record (``'modular'``)

    EXAMPLES::

        sage: from sage_neuro import PolynomialMLP
        sage: from sage_neuro.invariants.mlp_product import product_count
        sage: P = product_count(PolynomialMLP([3, 3, 2, 1], activation=2), 'degree'); P
        degree = 126  [modular: p = 32003, seeds (1, 2); ... s]
        sage: P.note
        '(points, fiber points) per seed: [(126, 1), (126, 1)]'
        sage: product_count(PolynomialMLP([3, 3, 2, 1], activation=2), 'dimension')
        Traceback (most recent call last):
        ...
        ValueError: invariant must be 'ed_degree' or 'degree', not 'dimension'
    """
    from sage_neuro.invariants.model_counts import model_count
    _check_applies(net)
    return model_count(net, invariant, "product model", product_model_certificate,
                       {"ed_degree": product_ed_system, "degree": product_degree_system},
                       seeds, prime, timeout=timeout, fiber=product_fiber_system)
