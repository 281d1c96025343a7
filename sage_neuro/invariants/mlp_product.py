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

**ED degree.** On the chart ``q_0 = 1`` of the first factor (``q_0`` its
coefficient of ``x_0^2``) the model has ``2m - 1`` free unknowns and
every generic point of ``Pi`` has two preimages (the two orders of the
factors). Where ``gcd(Q, Q') = 1`` the differential of ``psi`` is
injective on the chart (``dQ Q' = -Q dQ'`` forces ``dQ`` to be a multiple
of ``Q``, zero on the chart). Where ``gcd(Q, Q') = l`` is a linear form
(a set of dimension ``3n - 2`` in the chart), ``d psi`` has rank ``2m -
n`` and the pairs (point, data) with the data minus the point orthogonal
to its image have dimension ``3n - 2 + N - (2m - n)``, below the dimension
``N`` of the data space exactly when ``(n - 1)(n - 2) > 0``: for ``n >=
3`` no critical point of generic data lies there. Where ``Q`` and ``Q'``
are proportional (``f`` a square, a set of dimension ``m`` in the chart,
``d psi`` of rank ``m``) the count is ``N``: finitely many spurious
critical points, the ED critical points of the squares, which
:func:`product_ed_system` removes with one Rabinowitsch equation ``t
Delta = 1``, ``Delta`` a random combination of the ``2 x 2`` minors of
``(Q, Q')``. So the number of solutions is twice the ED degree; the
generic fiber of the model, counted by :func:`product_fiber_system`, is the
divisor (:func:`product_count`).

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
from sage_neuro.invariants.model_counts import distance_to_random_data, formula_record
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
        'the product model needs the activation c t^2, not t^3'
        sage: product_model_applies(LinearNetwork([3, 3, 2, 1]))[1]
        'the product model is a PolynomialMLP with widths [n, h, 2, 1], not LinearNetwork([3, 3, 2, 1])'
    """
    from sage_neuro.architectures.mlp import PolynomialMLP
    if not isinstance(net, PolynomialMLP):
        return False, "the product model is a PolynomialMLP with widths [n, h, 2, 1], not %r" % (net,)
    w = list(net.widths())
    if len(w) != 4 or w[2:] != [2, 1]:
        return False, "the product model is a PolynomialMLP with widths [n, h, 2, 1], not %s" % w
    sigma = net.activation()
    if not (net.has_monomial_activation() and sigma.degree() == 2):
        return False, "the product model needs the activation c t^2, not %s" % (sigma,)
    if net.has_bias() or net.skip_layers():
        return False, "the product model needs a network without bias or skip connections"
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
    # the monomials of degree 2 of X, x_0^2 first
    return sorted((sum(X.gens()) ** 2).monomials(), reverse=True)


def product_model_map(net, base_ring=QQ):
    r"""
    Return ``(R, Q, Qp, Phi)``: the ring ``R`` of the chart of the product
    model (the coefficients ``q1, ...`` of ``Q`` but that of ``x_0^2``,
    which is 1, then the coefficients ``r0, r1, ...`` of ``Q'``, in the
    order of the monomials of degree 2, ``x_0^2`` first), the quadrics
    ``Q`` and ``Q'`` (polynomials in ``x0, x1, ...`` over ``R``) and the
    network's coordinate functions of ``Q Q'``.

    INPUT:

    - ``net`` -- a network for which :func:`product_model_applies`
    - ``base_ring`` -- (default ``QQ``) the field of ``R``

    OUTPUT: a tuple ``(R, Q, Qp, Phi)``

    EXAMPLES::

        sage: from sage_neuro import PolynomialMLP
        sage: from sage_neuro.invariants.mlp_product import product_model_map
        sage: R, Q, Qp, Phi = product_model_map(PolynomialMLP([3, 3, 2, 1], activation=2))
        sage: R.ngens(), Q
        (11, x0^2 + q1*x0*x1 + q2*x1^2 + q3*x0*x2 + q4*x1*x2 + q5*x2^2)
        sage: len(Phi), Phi[0], Phi[1]
        (15, r0, q1*r0 + r1)
    """
    _check_applies(net)
    n = net.widths()[0]
    m = binomial(n + 1, 2)
    R = PolynomialRing(base_ring, ["q%d" % i for i in range(1, m)] + ["r%d" % i for i in range(m)],
                       order="degrevlex")
    X = PolynomialRing(R, ["x%d" % i for i in range(n)])
    mons = _quadric_monomials(X)
    q = [R.one()] + list(R.gens()[:m - 1])
    r = list(R.gens()[m - 1:])
    Q = sum(c * x for c, x in zip(q, mons))
    Qp = sum(c * x for c, x in zip(r, mons))
    return R, Q, Qp, net.output_coordinates([Q * Qp])


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
        # entries (a zero output weight makes f a square), and up to three
        # points, so that one special draw does not refuse the model
        rng = random.Random("product model point %s" % seed)
        dimension = 2 * binomial(n + 1, 2) - 1
        rank = 0
        for _ in range(3):
            theta = [QQ(rng.choice((-1, 1)) * rng.randint(1, 9))
                     for _ in range(net.num_parameters())]
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
    # the chart over GF(prime) with one more variable t, for t Delta = 1
    K = GF(prime)
    R0, Q0, Qp0, Phi0 = product_model_map(net, base_ring=K)
    names = list(R0.variable_names()) + ["t"]
    R = PolynomialRing(K, names, order="degrevlex")
    emb = R0.hom(R.gens()[:-1], R)
    m = binomial(net.widths()[0] + 1, 2)
    q = [R.one()] + list(R.gens()[:m - 1])
    r = list(R.gens()[m - 1:2 * m - 1])
    return K, R, q, r, [emb(f) for f in Phi0]


def product_ed_system(net, seed=1, prime=SLICE_PRIME):
    r"""
    Return the ED critical system of the product model over ``GF(prime)``
    at random data drawn from ``seed`` (standard inner product on the
    network's coordinates): the partial derivatives of the distance in the
    ``2m - 1`` unknowns of the chart, and ``t Delta - 1`` with ``Delta`` a
    random combination of the ``2 x 2`` minors of the coefficient vectors
    of ``Q`` and ``Q'``, which removes the critical points of the squares
    (module documentation). Its number of solutions is twice the ED degree.

    INPUT:

    - ``net`` -- a network for which :func:`product_model_applies`
    - ``seed`` -- (default 1) seed of the data and of ``Delta``
    - ``prime`` -- (default :data:`~sage_neuro.constants.SLICE_PRIME`) a prime

    OUTPUT: a list of polynomials over ``GF(prime)``

    EXAMPLES::

        sage: from sage_neuro import PolynomialMLP
        sage: from sage_neuro.invariants.mlp_product import product_ed_system
        sage: E = product_ed_system(PolynomialMLP([3, 3, 2, 1], activation=2))
        sage: len(E), E[0].parent().ngens(), max(f.degree() for f in E)
        (12, 12, 3)
    """
    K, R, q, r, Phi = _over_prime(net, prime)
    distance, rng = distance_to_random_data(Phi, "product ED data %s" % seed, prime)
    unknowns = R.gens()[:-1]
    delta = sum(K(rng.randrange(prime)) * (q[i] * r[j] - q[j] * r[i])
                for i in range(len(q)) for j in range(i + 1, len(q)))
    return [distance.derivative(x) for x in unknowns] + [R.gens()[-1] * delta - 1]


def product_degree_system(net, seed=1, prime=SLICE_PRIME):
    r"""
    Return a random affine-linear section of the product model over
    ``GF(prime)`` drawn from ``seed``: as many random affine combinations
    of the network's coordinates as unknowns (and ``t = 1``). Its number of
    solutions is twice the degree (two orders of the factors).

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
        [252]
    """
    K, R, _, _, Phi = _over_prime(net, prime)
    rng = random.Random("product degree section %s" % seed)
    return [sum(K(rng.randrange(prime)) * f for f in Phi) - K(rng.randrange(prime))
            for _ in R.gens()[:-1]] + [R.gens()[-1] - 1]


def product_fiber_system(net, seed=1, prime=SLICE_PRIME):
    r"""
    Return the fiber of the product model's chart through a random point
    drawn from ``seed``, over ``GF(prime)``: ``Q Q' = Q_0 Q_0'`` (and ``t
    = 1``). Its number of solutions is the degree of the model onto the
    neuromanifold, 2 for ``n >= 3``.

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
        2
    """
    K, R, _, _, Phi = _over_prime(net, prime)
    rng = random.Random("product fiber point %s" % seed)
    point = [K(rng.randrange(prime)) for _ in R.gens()[:-1]] + [K.one()]
    return [f - f(point) for f in Phi] + [R.gens()[-1] - 1]


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
        sage: from sage_neuro.invariants.mlp_product import product_count, product_degree
        sage: P = product_count(PolynomialMLP([3, 3, 2, 1], activation=2), 'degree'); P
        degree = 126  [modular: p = 32003, seeds (1, 2); ... s]
        sage: P.note
        '(points, fiber points) per seed: [(252, 2), (252, 2)]'
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
