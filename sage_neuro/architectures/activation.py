r"""
Activations of polynomial networks: the one parser that every architecture
uses, and the random activation of ``activation='generic'``.

EXAMPLES::

    sage: from sage_neuro.architectures.activation import parse_activation
    sage: parse_activation(2)
    (2, t^2)
"""

import numbers
import random as _random

from sage.rings.integer import Integer
from sage.rings.integer_ring import ZZ
from sage.rings.polynomial.multi_polynomial import MPolynomial
from sage.rings.polynomial.polynomial_element import Polynomial
from sage.rings.polynomial.polynomial_ring_constructor import PolynomialRing
from sage.rings.rational_field import QQ

from sage_neuro.validation import check_positive_int

#: what ``activation=`` accepts, for error messages
ALLOWED = ("a positive integer r (sigma(t) = t^r), a univariate polynomial over QQ "
            "of degree >= 1, or the string 'generic' (with activation_degree=D)")


def activation_ring():
    r"""
    Return ``QQ['t']``, the ring of the activations.

    EXAMPLES::

        sage: from sage_neuro.architectures.activation import activation_ring
        sage: activation_ring()
        Univariate Polynomial Ring in t over Rational Field
    """
    return PolynomialRing(QQ, "t")


def generic_activation(degree, seed=0):
    r"""
    Return the random activation used by ``activation='generic'``: the
    polynomial ``sigma(t) = a_1 t + a_2 t^2 + ... + a_D t^D`` (so
    ``sigma(0) = 0``) with random *rational* coefficients (not symbolic
    parameters).

    The coefficients are drawn in the order ``a_1, ..., a_D`` by Python's
    ``random.Random(seed)``: ``a_k = n_k / m_k`` with ``n_k`` uniform in
    ``{-9, ..., 9} \ {0}`` and ``m_k`` uniform in ``{1, ..., 9}``; so every
    coefficient is nonzero and the same seed gives the same polynomial.

    INPUT:

    - ``degree`` -- a positive integer ``D``
    - ``seed`` -- (default ``0``) an integer

    OUTPUT: a polynomial in ``QQ['t']`` of degree ``D``

    EXAMPLES::

        sage: from sage_neuro.architectures.activation import generic_activation
        sage: s = generic_activation(3, seed=0); s.degree(), s(0)
        (3, 0)
        sage: s == generic_activation(3, seed=0), s == generic_activation(3, seed=1)
        (True, False)
        sage: generic_activation(0)
        Traceback (most recent call last):
        ...
        ValueError: activation_degree must be an integer >= 1, not 0
    """
    D = check_positive_int(degree, "activation_degree")
    seed = check_seed(seed)
    rng = _random.Random(int(seed))
    coeffs = [QQ(0)]
    for _ in range(D):
        n = rng.choice([k for k in range(-9, 10) if k != 0])
        m = rng.randint(1, 9)
        coeffs.append(QQ(n) / QQ(m))
    return activation_ring()(coeffs)


def check_seed(seed):
    r"""
    Return ``seed`` as a Sage Integer, or raise a ``TypeError`` naming
    ``activation_seed``.

    EXAMPLES::

        sage: from sage_neuro.architectures.activation import check_seed
        sage: check_seed(3)
        3
        sage: check_seed(1.5)
        Traceback (most recent call last):
        ...
        TypeError: activation_seed must be an integer, not 1.5...
    """
    if isinstance(seed, bool) or not (isinstance(seed, (numbers.Integral, Integer)) or
                                      (hasattr(seed, "parent") and seed in ZZ)):
        raise TypeError("activation_seed must be an integer, not %r" % (seed,))
    return Integer(seed)


def parse_activation(activation, activation_degree=None, activation_seed=None):
    r"""
    Return ``(spec, sigma)``: ``spec`` a normalized description of the
    activation (an ``Integer`` ``r``, a polynomial of ``QQ['t']``, or
    ``('generic', D, seed)``) and ``sigma`` the activation in ``QQ['t']``.

    This is the one parser of activations of every architecture.

    INPUT:

    - ``activation`` -- a positive integer ``r`` (``sigma(t) = t^r``), a
      univariate polynomial over ``QQ`` of degree at least 1 (a monomial
      ``t^r`` is normalized to ``r``), or the string ``'generic'``
    - ``activation_degree``, ``activation_seed`` -- with ``'generic'``: the
      degree and seed of :func:`generic_activation`

    OUTPUT: a pair ``(spec, sigma)``

    EXAMPLES::

        sage: from sage_neuro.architectures.activation import parse_activation
        sage: parse_activation(3)
        (3, t^3)
        sage: R.<z> = QQ[]
        sage: parse_activation(z^2), parse_activation(z^3 + z)
        ((2, t^2), (t^3 + t, t^3 + t))
        sage: parse_activation('generic', activation_degree=2)[0]
        ('generic', 2, 0)
        sage: parse_activation(R(5))
        Traceback (most recent call last):
        ...
        ValueError: activation must be a positive integer r (sigma(t) = t^r), a univariate polynomial over QQ of degree >= 1, or the string 'generic' (with activation_degree=D); got the constant polynomial 5
        sage: parse_activation(0)
        Traceback (most recent call last):
        ...
        ValueError: activation must be a positive integer r (sigma(t) = t^r), a univariate polynomial over QQ of degree >= 1, or the string 'generic' (with activation_degree=D); got 0
    """
    T = activation_ring()
    if isinstance(activation, str):
        if activation != "generic":
            raise ValueError("activation must be %s; got the string %r" % (ALLOWED, activation))
        if activation_degree is None:
            raise ValueError("activation='generic' needs activation_degree=D, the degree "
                             "of the random polynomial activation")
        seed = Integer(0) if activation_seed is None else check_seed(activation_seed)
        sigma = generic_activation(activation_degree, seed)
        return ("generic", sigma.degree(), seed), sigma
    if activation_degree is not None or activation_seed is not None:
        raise ValueError("activation_degree and activation_seed are only used with "
                         "activation='generic'; got activation=%r" % (activation,))
    if isinstance(activation, (Polynomial, MPolynomial)):
        R = activation.parent()
        if R.ngens() != 1:
            raise ValueError("activation must be %s; got the multivariate polynomial %s"
                             % (ALLOWED, activation))
        if not QQ.has_coerce_map_from(R.base_ring()):
            raise TypeError("activation must be %s; got a polynomial over %s"
                            % (ALLOWED, R.base_ring()))
        if isinstance(activation, MPolynomial):
            t = R.gen()
            coeffs = [activation.monomial_coefficient(t ** k) if k else activation.constant_coefficient()
                      for k in range(activation.degree() + 1)] if activation != 0 else []
        else:
            coeffs = list(activation)
        sigma = T([QQ(c) for c in coeffs])
        if sigma.degree() < 1:
            raise ValueError("activation must be %s; got the constant polynomial %s"
                             % (ALLOWED, activation))
        if sigma == T.gen() ** sigma.degree():
            return Integer(sigma.degree()), sigma
        return sigma, sigma
    if isinstance(activation, bool) or not (isinstance(activation, (numbers.Integral, Integer)) or
                                            (hasattr(activation, "parent") and
                                             activation.parent() is ZZ)):
        raise TypeError("activation must be %s; got %r (%s)"
                        % (ALLOWED, activation, type(activation).__name__))
    r = Integer(activation)
    if r < 1:
        raise ValueError("activation must be %s; got %s" % (ALLOWED, r))
    return r, T.gen() ** r


def monomial_activation_degree(sigma):
    r"""
    Return ``r`` if ``sigma = c t^r`` is a single monomial, else ``None``.

    EXAMPLES::

        sage: from sage_neuro.architectures.activation import monomial_activation_degree
        sage: R.<t> = QQ[]
        sage: monomial_activation_degree(3*t^2), monomial_activation_degree(t^2 + t)
        (2, None)
    """
    nz = [k for k, c in enumerate(sigma.list()) if c != 0]
    return Integer(nz[0]) if len(nz) == 1 else None


class PolynomialActivationLayers:
    r"""
    The activation and bias accessors of the architectures whose hidden
    layers apply one polynomial activation ``sigma`` and may carry bias
    vectors (:class:`~sage_neuro.architectures.mlp.PolynomialMLP`, the
    deep-sets and circular convolutional networks). A subclass sets
    ``_sigma``, ``_monomial`` and ``_bias``, as
    :meth:`_set_activation_and_bias` does, and gives ``_forward(theta,
    x)``, the layer-by-layer evaluation with ``+`` and ``*``: it serves
    both for numeric outputs and, expanded, for the output polynomials.

    EXAMPLES::

        sage: from sage_neuro.architectures.activation import PolynomialActivationLayers
        sage: from sage_neuro.architectures.mlp import PolynomialMLP
        sage: isinstance(PolynomialMLP([2, 1]), PolynomialActivationLayers)
        True
    """

    def _outputs_at(self, theta, x):
        return self._forward(theta, x)

    def _compute_outputs(self, P, x):
        return self._expand_forward(P, x)

    def _set_activation_and_bias(self, activation, activation_degree, activation_seed, bias):
        if not isinstance(bias, bool):
            raise TypeError("bias must be True or False, not %r" % (bias,))
        self._bias = bias
        self._spec, self._sigma = parse_activation(activation, activation_degree, activation_seed)
        self._monomial = monomial_activation_degree(self._sigma)

    def activation(self):
        r"""
        Return the activation ``sigma`` as a polynomial in ``QQ['t']``.

        OUTPUT: a univariate polynomial over ``QQ``

        EXAMPLES::

            sage: from sage_neuro.architectures.mlp import PolynomialMLP
            sage: from sage_neuro.architectures.circular import CircularCNN
            sage: PolynomialMLP([2, 1], activation=3).activation()
            t^3
            sage: PolynomialMLP([2, 1], activation='generic', activation_degree=2, activation_seed=3).activation()
            -5/6*t^2 - 2/9*t
            sage: CircularCNN(3, [2], activation=3).activation()
            t^3
        """
        return self._sigma

    def has_monomial_activation(self):
        r"""
        Return whether ``sigma(t) = c t^r`` is a single monomial (then the
        rescalings of hidden neurons, or between layers, are symmetries).

        OUTPUT: a boolean

        EXAMPLES::

            sage: from sage_neuro.architectures.mlp import PolynomialMLP
            sage: from sage_neuro.architectures.deepsets import DeepSetsNetwork
            sage: R.<t> = QQ[]
            sage: PolynomialMLP([2, 1], activation=2).has_monomial_activation()
            True
            sage: PolynomialMLP([2, 1], activation=3*t^2).has_monomial_activation()
            True
            sage: PolynomialMLP([2, 1], activation=t^2 + t).has_monomial_activation()
            False
            sage: DeepSetsNetwork(2, [1, 1], [1, 1], activation=t^3 - t).has_monomial_activation()
            False
        """
        return self._monomial is not None

    def has_bias(self):
        r"""
        Return whether the layers have bias vectors.

        OUTPUT: a boolean

        EXAMPLES::

            sage: from sage_neuro.architectures.mlp import PolynomialMLP
            sage: from sage_neuro.architectures.deepsets import PermutationEquivariantNetwork
            sage: PolynomialMLP([2, 1], bias=True).has_bias()
            True
            sage: PermutationEquivariantNetwork(2, [1, 1]).has_bias()
            False
        """
        return self._bias
