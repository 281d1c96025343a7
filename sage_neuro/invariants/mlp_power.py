r"""
The power model of an MLP whose last hidden layer is one neuron, ``[..., 1,
k]``: the ``r``-th powers of the outputs of its subnetwork, times a vector.

A network ``PolynomialMLP([n, w_1, ..., w_{L-2}, 1, k], activation=c t^r)``
without bias or skip connections has a last hidden layer of one neuron.
With ``g`` the output of the subnetwork ``[n, w_1, ..., w_{L-2}, 1]`` (the
same parameters, without the last layer) and ``w`` the last weights (a
vector of ``C^k``) it computes

.. MATH::

    f = c \, w \otimes g^r ,

so its neuromanifold is the image of ``P^{k-1}`` times the subnetwork's
neuromanifold ``N'`` under ``(w, g) -> w (x) g^r``: ``N'`` is a cone (the
subnetwork's last layer is linear), so the scalar ``c`` is absorbed and
nothing else is reached.

**The power map is an embedding.** On the projective space of forms of
degree ``D``, ``nu: P(S^D) -> P(S^{rD})``, ``nu(g) = g^r``, is a morphism
(``g^r != 0`` for ``g != 0``), injective (``g^r = lambda h^r`` forces ``g``
to be a multiple of ``h``: the polynomial ring is factorial) and immersive
(``d nu_g(h) = r g^{r-1} h`` is a multiple of ``g^r`` only when ``h`` is a
multiple of ``g``). A proper injective immersion is a closed embedding, and
its coordinates are forms of degree ``r`` in the coefficients of ``g``, so
``nu^* O(1) = O(r)``. Followed by the Segre embedding, ``P^{k-1} x P(S^D) ->
P(C^k (x) S^{rD})`` is a closed embedding pulling ``O(1)`` back to ``O(1,
r)``. Hence for every closed subvariety ``Y`` of ``P(S^D)`` of dimension
``m``, the image of ``P^{k-1} x Y`` has dimension ``k - 1 + m`` and degree
``int (h_1 + r h_2)^{k-1+m} = binom(k - 1 + m, k - 1) r^m deg Y``. With
affine dimensions (the library's convention for cones), ``m = dim N' - 1``:

.. MATH::

    \dim \mathcal{M} = k - 1 + \dim N', \qquad
    \deg \mathcal{M} = \binom{k - 1 + m}{k - 1} \, r^{m} \, \deg N' .

For ``k = 1`` this is ``r^{dim N' - 1} deg N'``; for ``[n, 1, k]`` (``N'``
the linear forms) the Segre-Veronese variety ``P^{k-1} x P^{n-1}`` in ``O(1,
r)``.

:func:`power_model_certificate` proves over ``QQ`` that the network is such
a power: the network's coordinates equal those of ``c w (x) g^r`` with ``g``
written in the subnetwork's own coordinates ``mu'``, identically in the
parameters. :func:`power_degree_record` then takes the subnetwork's degree
and dimension from its own neuromanifold; the value is as certain as the
less certain of the two (a proved degree of the subnetwork gives a proved
degree here).

The reduction applies again to the subnetwork when its last hidden layer
is one neuron too: ``[2, 2, 1, 1, 1]`` with ``t^2`` has degree ``2^2 * 2^2
* 1 = 16``. It is a second route, besides the linear sections, to the
degrees of narrow-bottleneck MLPs, and it reaches networks whose own slice
system is too large: ``[3, 3, 2, 1, 1]`` with ``t^2`` is the image of the
variety of products of two quadrics (:mod:`sage_neuro.invariants.mlp_product`,
dimension 11, degree 126), of degree ``2^10 * 126 = 129024``.

EXAMPLES::

    sage: from sage_neuro import PolynomialMLP
    sage: from sage_neuro.invariants.mlp_power import power_model_certificate, power_degree_record
    sage: net = PolynomialMLP([3, 2, 1, 1], activation=2)
    sage: power_model_certificate(net)
    power model of PolynomialMLP([3, 2, 1, 1], activation=2): holds (mu = c w (x) g^2, g the output of PolynomialMLP([3, 2, 1], activation=2))
    sage: power_degree_record(net)
    degree = 48  [modular: p = 8388593, seeds (0,); random: subnetwork dimension: ...]
    sage: net.neuromanifold().degree(method='modular', cross_check=False)
    48
    sage: power_degree_record(PolynomialMLP([2, 2, 1, 2], activation=2))   # P^1 x v_2(P^2): 3 * 4
    degree = 12  [proved; ... s]
"""

from sage.arith.misc import binomial
from sage.rings.integer import Integer
from sage.rings.polynomial.polynomial_ring_constructor import PolynomialRing

from sage_neuro.invariants.model_counts import monomial_activation_reason
from sage_neuro.provenance import Provenance, stopwatch, weakest


def power_model_applies(net):
    r"""
    Return ``(True, reason)`` if ``net`` is a network ``PolynomialMLP([n,
    ..., 1, k], activation=c t^r)`` (at least three widths, a last hidden
    layer of one neuron) without bias or skip connections, ``r >= 2``: its
    output is ``c w (x) g^r`` with ``g`` the output of the subnetwork without
    the last layer (module documentation); else ``(False, reason)`` naming
    the hypothesis that fails.

    INPUT:

    - ``net`` -- an architecture

    OUTPUT: a pair ``(bool, str)``

    EXAMPLES::

        sage: from sage_neuro import PolynomialMLP, LinearNetwork
        sage: from sage_neuro.invariants.mlp_power import power_model_applies
        sage: power_model_applies(PolynomialMLP([3, 2, 1, 1], activation=2))
        (True, 'PolynomialMLP([3, 2, 1, 1], activation=2): widths [..., 1, k] with the activation t^2')
        sage: power_model_applies(PolynomialMLP([3, 2, 1, 3], activation=2))[0]
        True
        sage: power_model_applies(PolynomialMLP([3, 2, 2, 1], activation=2))[1]
        'the power model needs widths [n, ..., 1, k] (a last hidden layer of one neuron), not [3, 2, 2, 1]'
        sage: R.<t> = QQ[]
        sage: power_model_applies(PolynomialMLP([2, 1, 1], activation=t^2 - 2*t))[1]
        'the power model needs a monomial activation c t^r with r >= 2, not t^2 - 2*t'
        sage: power_model_applies(PolynomialMLP([2, 1, 1], bias=True))[1]
        'the power model needs a network without bias or skip connections'
        sage: power_model_applies(LinearNetwork([2, 1, 1]))[1]
        'the power model is a PolynomialMLP with widths [n, ..., 1, k], not LinearNetwork([2, 1, 1])'
    """
    from sage_neuro.architectures.mlp import PolynomialMLP
    if not isinstance(net, PolynomialMLP):
        return False, "the power model is a PolynomialMLP with widths [n, ..., 1, k], not %r" % (net,)
    w = [int(x) for x in net.widths()]
    if len(w) < 3 or w[-2] != 1:
        return False, ("the power model needs widths [n, ..., 1, k] (a last hidden layer of one "
                       "neuron), not %s" % w)
    why = monomial_activation_reason(net, "power model")
    if why is not None:
        return False, why
    return True, "%r: widths [..., 1, k] with the activation %s" % (net, net.activation())


def _check_applies(net):
    applies, why = power_model_applies(net)
    if not applies:
        raise ValueError(why)


def power_subnetwork(net):
    r"""
    Return the subnetwork of ``net`` without its last layer, whose output
    ``g`` gives the output ``c w (x) g^r`` of ``net``: the same activation
    and the widths without the last one (its parameters are those of
    ``net`` but the last weights, under the same names).

    INPUT:

    - ``net`` -- a network for which :func:`power_model_applies`

    OUTPUT: a ``PolynomialMLP``

    EXAMPLES::

        sage: from sage_neuro import PolynomialMLP
        sage: from sage_neuro.invariants.mlp_power import power_subnetwork
        sage: power_subnetwork(PolynomialMLP([3, 2, 1, 1], activation=3))
        PolynomialMLP([3, 2, 1], activation=3)
        sage: R.<t> = QQ[]
        sage: power_subnetwork(PolynomialMLP([2, 1, 1], activation=5*t^2))
        PolynomialMLP([2, 1], activation=5*t^2)
        sage: power_subnetwork(PolynomialMLP([2, 2, 1]))
        Traceback (most recent call last):
        ...
        ValueError: the power model needs widths [n, ..., 1, k] (...), not [2, 2, 1]
    """
    from sage_neuro.architectures.mlp import PolynomialMLP
    _check_applies(net)
    sigma = net.activation()
    r = sigma.degree()
    # the integer spec for t^r, so that the subnetwork is the network a
    # user would write (and shares its cached invariants)
    spec = int(r) if sigma == sigma.parent().gen() ** r else sigma
    return PolynomialMLP(list(net.widths())[:-1], activation=spec)


class PowerModelCertificate:
    r"""
    The verdict of :func:`power_model_certificate`: whether the network's
    coordinates are those of ``c w (x) g^r`` with ``g`` the output of its
    subnetwork, identically in the parameters.

    EXAMPLES::

        sage: from sage_neuro import PolynomialMLP
        sage: from sage_neuro.invariants.mlp_power import power_model_certificate
        sage: C = power_model_certificate(PolynomialMLP([2, 2, 1, 1], activation=3))
        sage: C.holds, C.exponent, C.subnetwork
        (True, 3, PolynomialMLP([2, 2, 1], activation=3))
    """

    def __init__(self, net, subnetwork, exponent, identity, seconds):
        self.network = net
        self.subnetwork = subnetwork
        self.exponent = Integer(exponent)
        self.holds = bool(identity)
        self.provenance = Provenance(
            "power_model", self.holds, "proved", seconds=seconds,
            route="the coordinates of mu equal those of c w (x) g^r, g written in the "
                  "coordinates of the subnetwork %r, identically over QQ" % (subnetwork,),
            certificate="mu = c w (x) g^%s with g = mu' of %r: %s"
                        % (exponent, subnetwork, self.holds))

    def __repr__(self):
        if self.holds:
            return ("power model of %r: holds (mu = c w (x) g^%s, g the output of %r)"
                    % (self.network, self.exponent, self.subnetwork))
        return "power model of %r: does not hold (%s)" % (self.network,
                                                         self.provenance.certificate)


def power_model_certificate(net, subnetwork=None):
    r"""
    Prove the power model of ``net`` over ``QQ``: with ``g = sum_m mu'_m(theta')
    m(x)`` the output of the subnetwork written in its own coordinate
    functions ``mu'`` (its monomials ``m``, its parameters ``theta'``
    named as in ``net``), the coordinates of ``net`` are those of ``w c
    g^r`` identically in the parameters (``w`` the last weight, ``c t^r``
    the activation).

    INPUT:

    - ``net`` -- a network for which :func:`power_model_applies`
    - ``subnetwork`` -- (default: :func:`power_subnetwork`) the network
      whose output ``g`` is; another one makes the identity fail

    OUTPUT: a :class:`PowerModelCertificate` (its ``provenance`` is
    ``'proved'``)

    EXAMPLES::

        sage: from sage_neuro import PolynomialMLP
        sage: from sage_neuro.invariants.mlp_power import power_model_certificate
        sage: C = power_model_certificate(PolynomialMLP([2, 1, 1], activation=2)); C
        power model of PolynomialMLP([2, 1, 1], activation=2): holds (mu = c w (x) g^2, g the output of PolynomialMLP([2, 1], activation=2))
        sage: C.provenance.method
        'proved'

    The identity fails for a subnetwork whose output ``g`` is not::

        sage: power_model_certificate(PolynomialMLP([2, 2, 1, 1], activation=2),
        ....:                         subnetwork=PolynomialMLP([2, 2, 1], activation=3))
        power model of PolynomialMLP([2, 2, 1, 1], activation=2): does not hold (mu = c w (x) g^2 with g = mu' of PolynomialMLP([2, 2, 1], activation=3): False)
    """
    _check_applies(net)
    sub = power_subnetwork(net) if subnetwork is None else subnetwork
    with stopwatch() as seconds:
        sigma = net.activation()
        r, c = sigma.degree(), sigma.leading_coefficient()
        P = net.parameter_ring()
        # the subnetwork's parameters are the first ones of net, by name
        # (a subnetwork with other names fails here, not silently)
        names = [str(v) for v in sub.parameter_ring().gens()]
        known = set(str(v) for v in P.gens())
        identity = set(names) <= known
        if identity:
            into = sub.parameter_ring().hom([P(v) for v in names], P)
            X = PolynomialRing(P, ["x%d" % i for i in range(net.widths()[0])])
            basis = [X(m) for m in sub.monomial_basis()]
            g = sum(into(a) * m for a, m in zip(sub.coordinate_functions(), basis))
            w = net.weight_matrices()[-1]
            power = c * g ** r
            f = [w[i, 0] * power for i in range(w.nrows())]
            identity = net.output_coordinates(f) == list(net.coordinate_functions())
    return PowerModelCertificate(net, sub, r, identity, seconds[0])


def power_degree_record(net, seeds=(1, 2), timeout=None, choice=""):
    r"""
    Return the :class:`~sage_neuro.provenance.Provenance` of the degree of
    the neuromanifold of ``net``, ``binom(k - 1 + m, k - 1) r^m deg N'``
    with ``N'`` the neuromanifold of :func:`power_subnetwork`, ``m = dim N'
    - 1`` and ``k`` the number of outputs (module documentation),
    behind :func:`power_model_certificate`. The subnetwork's degree
    (``'auto'``, with ``seeds`` and ``timeout``) is its own invariant; the
    dimension is that of the first network down the chain of subnetworks
    that is not a power (a Jacobian rank mod ``p``: a proved lower bound,
    and proved when it is the number of coordinates). The value has the
    weaker of the two levels of certainty, and the certificate names both
    records.

    INPUT:

    - ``net`` -- a network for which :func:`power_model_applies`
    - ``seeds`` -- (default ``(1, 2)``) seeds of the subnetwork's degree
    - ``timeout`` -- (default ``None``) seconds for the subnetwork's degree
    - ``choice`` -- (default ``''``) why this route was taken, for the note

    OUTPUT: a ``Provenance`` record; ``ArithmeticError`` when the
    certificate does not hold

    EXAMPLES::

        sage: from sage_neuro import PolynomialMLP
        sage: from sage_neuro.invariants.mlp_power import power_degree_record
        sage: P = power_degree_record(PolynomialMLP([2, 2, 1, 1], activation=3)); P
        degree = 27  [proved; ... s]
        sage: P.route
        '3^(dim - 1) * degree of the subnetwork PolynomialMLP([2, 2, 1], activation=3) (g -> g^3 is an embedding pulling O(1) back to O(3)): 3^3 * 1'

    With ``k = 2`` outputs, the Segre product with ``P^1``: ``[3, 2, 1]``
    gives the cubic of singular ternary quadrics (``m = 4``), and ``[3, 2,
    1, 2]`` the degree ``binom(5, 1) 2^4 3 = 240``::

        sage: P = power_degree_record(PolynomialMLP([3, 2, 1, 2], activation=2)); P.value
        240
        sage: P.route
        'binom(k - 1 + m, k - 1) r^m * degree of the subnetwork PolynomialMLP([3, 2, 1], activation=2) (P^1 x g -> w (x) g^2 is an embedding pulling O(1) back to O(1, 2)), k = 2, m = dim - 1 = 4: 5 * 2^4 * 3'

    Over the product model (a proved degree 126 of the subnetwork) in well
    under a second, far beyond the slice system of the network's own
    parameters; the dimension 11 of the subnetwork is a Jacobian rank mod
    ``p``, which makes the value modular::

        sage: P = power_degree_record(PolynomialMLP([3, 3, 2, 1, 1], activation=2)); P
        degree = 129024  [modular: p = 8388593, seeds (0,); random: subnetwork dimension: ...]
        sage: P.certificate
        "power model: mu = c w (x) g^2 with g = mu' of PolynomialMLP([3, 3, 2, 1], activation=2): True; subnetwork: degree proved; ...; dimension (of PolynomialMLP([3, 3, 2, 1], activation=2)) modular: ..."
    """
    _check_applies(net)
    with stopwatch() as seconds:
        C = power_model_certificate(net)
        if not C.holds:
            raise ArithmeticError("not computed: %r" % (C,))
        N = C.subnetwork.neuromanifold()
        degree = N.degree(seeds=seeds, timeout=timeout)
        D = N.provenance("degree")
        # the power map keeps the dimension: that of the first network down
        # the chain [..., 1, 1] -> [..., 1] that is not a power (the
        # subnetworks have one output)
        bottom = C.subnetwork
        while power_model_applies(bottom)[0]:
            bottom = power_subnetwork(bottom)
        B = bottom.neuromanifold()
        dimension = B.dimension()
        E = B.provenance("dimension")
        r, k, m = C.exponent, Integer(net.widths()[-1]), Integer(dimension) - 1
        value = binomial(k - 1 + m, k - 1) * r ** m * Integer(degree)
    # a dense network's dimension is proved: the Jacobian rank mod p is a
    # lower bound for the generic rank over QQ, the number of coordinates an
    # upper bound
    dense = dimension == bottom.ambient_dimension()
    method = weakest(D.method, "proved" if dense else E.method)
    # the random choices behind a value that is not proved are those of
    # the records it rests on (a proved one names them in its certificate)
    rests_on = [] if method == "proved" else [("degree", D)] + ([] if dense else [("dimension", E)])
    primes = tuple(sorted(set(p for _, R in rests_on for p in (R.primes or ()))))
    choices = "; ".join("subnetwork %s: %s" % (name, R.choices) for name, R in rests_on
                        if R.choices) or None
    return Provenance(
        "degree", value, method, primes=primes,
        seeds=tuple(sorted(set(x for _, R in rests_on for x in (R.seeds or ())))),
        seconds=seconds[0],
        route=("%s^(dim - 1) * degree of the subnetwork %r (g -> g^%s is an embedding pulling "
               "O(1) back to O(%s)): %s^%s * %s" % (r, C.subnetwork, r, r, r, m, degree)
               if k == 1 else
               "binom(k - 1 + m, k - 1) r^m * degree of the subnetwork %r (P^%s x g -> w (x) "
               "g^%s is an embedding pulling O(1) back to O(1, %s)), k = %s, m = dim - 1 = %s: "
               "%s * %s^%s * %s" % (C.subnetwork, k - 1, r, r, k, m, binomial(k - 1 + m, k - 1),
                                    r, m, degree)),
        choices=choices,
        certificate="power model: %s; subnetwork: degree %s; dimension (of %r) %s%s"
                    % (C.provenance.certificate, D.summary(), bottom, E.summary(),
                       " = number of coordinates (proved: the rank is a lower bound)"
                       if dense else ""),
        note=choice)
