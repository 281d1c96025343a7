r"""
Group-equivariant architectures: the shared part.

A finite group ``G`` acts on the inputs ``x = (x_0, ..., x_{n_0 - 1})`` by
permuting coordinates, ``(g x)_j = x_{pi_g(j)}``, and on the outputs
``f = (f_0, ..., f_{e - 1})`` by a permutation ``sigma_g``. A network is
*equivariant* if ``f_i(g x) = f_{sigma_g(i)}(x)`` for every ``g`` (Cohen-
Welling, arXiv 1602.07576; Kondor-Trivedi, arXiv 1802.03690), *invariant*
if moreover ``sigma_g`` is the identity (Zaheer et al., "Deep Sets", arXiv
1703.06114).

In the coefficient coordinates ``c_{i, m}`` (output ``i``, monomial ``m``
of :meth:`~sage_neuro.architectures.base.Architecture.monomial_basis`)
equivariance says ``c_{sigma_g(i), g * m} = c_{i, m}``, where ``g * m`` is
the monomial ``m(g x)``. So the equivariant functions form the linear
subspace of the function space on which the coordinates are constant along
the orbits of ``G`` on the pairs ``(i, m)``: its dimension,
:meth:`EquivariantArchitecture.equivariant_space_dimension`, is the number
of orbits, and it contains the neuromanifold. It replaces the ambient
dimension as the cap of the expected dimension.

Subclasses give the generators of the group (:meth:`group_generators`), a
description of it, the unconstrained architecture with the same widths, and
the usual :class:`~sage_neuro.architectures.base.Architecture` methods.

EXAMPLES::

    sage: from sage_neuro.architectures.circular import CircularCNN
    sage: net = CircularCNN(3, [3])
    sage: net.group_description()
    'Z/3 acting by cyclic shifts of the 3 input positions and of the 3 outputs'
    sage: net.is_equivariant()
    True
    sage: net.equivariant_space_dimension(), net.ambient_dimension()
    (3, 9)
"""

from sage.rings.integer import Integer

from sage_neuro.architectures.activation import monomial_activation_degree
from sage_neuro.architectures.base import Architecture, horner
from sage_neuro.provenance import Provenance, stopwatch


def activation_keywords(spec):
    r"""
    Return the keyword arguments that give the activation ``spec`` (as
    returned by :func:`~sage_neuro.architectures.activation.parse_activation`) to
    :class:`~sage_neuro.architectures.mlp.PolynomialMLP`.

    EXAMPLES::

        sage: from sage_neuro.architectures.equivariant import activation_keywords
        sage: activation_keywords(3)
        {'activation': 3}
        sage: activation_keywords(('generic', 2, 5))
        {'activation': 'generic', 'activation_degree': 2, 'activation_seed': 5}
    """
    if isinstance(spec, tuple):
        return {"activation": "generic", "activation_degree": spec[1], "activation_seed": spec[2]}
    return {"activation": spec}


def activation_repr(spec):
    r"""
    Return the activation part of a ``repr``: empty for the default
    ``t^2``.

    EXAMPLES::

        sage: from sage_neuro.architectures.equivariant import activation_repr
        sage: activation_repr(2), activation_repr(3), activation_repr(('generic', 2, 0))
        ('', ', activation=3', ", activation='generic', activation_degree=2, activation_seed=0")
    """
    if isinstance(spec, tuple):
        return ", activation='generic', activation_degree=%s, activation_seed=%s" % spec[1:]
    if spec == 2:
        return ""
    return ", activation=%s" % (spec,)


def activation_function(sigma):
    r"""
    Return ``sigma`` as a Python function computed with ``+`` and ``*``
    only (so that it applies to dual numbers and to any ring).

    EXAMPLES::

        sage: from sage_neuro.architectures.equivariant import activation_function
        sage: R.<t> = QQ[]
        sage: activation_function(t^2 + t)(3), activation_function(2*t^3)(2)
        (12, 16)
    """
    r = monomial_activation_degree(sigma)
    if r is not None:
        c = sigma.leading_coefficient()
        if c == 1:
            return lambda z: z ** r
        return lambda z: c * z ** r
    coeffs = sigma.list()
    return lambda z: horner(coeffs, z)


class EquivariantArchitecture(Architecture):
    r"""
    Abstract architecture whose functions are equivariant for a finite group
    acting on inputs and outputs by permutations.

    Subclasses implement, besides the
    :class:`~sage_neuro.architectures.base.Architecture` methods,
    ``group_generators()``, ``group_description()``, ``group_order()``,
    ``_forward(theta, x)`` (the outputs, computed with ``+`` and ``*``;
    :class:`~sage_neuro.architectures.activation.PolynomialActivationLayers`
    turns it into the output values and polynomials) and
    ``unconstrained_architecture()``.

    EXAMPLES::

        sage: from sage_neuro.architectures.deepsets import DeepSetsNetwork
        sage: from sage_neuro.architectures.equivariant import EquivariantArchitecture
        sage: isinstance(DeepSetsNetwork(3, [1, 2], [2, 1]), EquivariantArchitecture)
        True
    """

    # -- to be provided by subclasses -----------------------------------------

    def group_generators(self):
        r"""
        Return generators of the group as pairs ``(pi, sigma)``: ``pi`` the
        permutation of the input positions (``(g x)_j = x_{pi[j]}``),
        ``sigma`` that of the outputs (``f_i(g x) = f_{sigma[i]}(x)``).

        EXAMPLES::

            sage: from sage_neuro.architectures.circular import CircularCNN
            sage: CircularCNN(3, [2]).group_generators()
            [([1, 2, 0], [1, 2, 0])]
        """
        raise NotImplementedError

    def _forward(self, theta, x):
        raise NotImplementedError

    def is_cone(self):
        r"""
        Return ``True``: the last layer is linear (a convolution, a readout
        or the last layer of ``rho``), so scaling its weights and bias
        scales the output and the neuromanifold is a cone.

        EXAMPLES::

            sage: from sage_neuro.architectures.deepsets import DeepSetsNetwork
            sage: DeepSetsNetwork(2, [1, 1], [1, 1], bias=True).is_cone()
            True
        """
        return True

    # -- the group --------------------------------------------------------------

    def is_equivariant(self, polynomials=None):
        r"""
        Return whether the polynomials ``f`` (default: the output
        polynomials of the network, symbolically in the parameters) satisfy
        ``f_i(g x) = f_{sigma_g(i)}(x)`` for the generators ``g`` of the
        group: an exact identity of polynomials, hence a proof for every
        parameter value when ``polynomials`` is ``None``.

        INPUT:

        - ``polynomials`` -- (default: the symbolic outputs) a list of
          :meth:`num_outputs` polynomials in the input variables ``x0,
          x1, ...`` (e.g. ``output_polynomials(theta)``, perhaps perturbed)

        OUTPUT: a boolean

        EXAMPLES::

            sage: from sage_neuro.architectures.circular import CircularCNN
            sage: net = CircularCNN(3, [2], activation=1)
            sage: f = net.output_polynomials([1, 2]); f
            [x0 + 2*x1, x1 + 2*x2, 2*x0 + x2]
            sage: net.is_equivariant(f)
            True
            sage: x0 = f[0].parent().gen(0)
            sage: net.is_equivariant([f[0] + x0, f[1], f[2]])
            False
            sage: net.is_equivariant(f[:2])
            Traceback (most recent call last):
            ...
            ValueError: polynomials must be a list of 3 polynomials (one per output), got 2
        """
        if polynomials is None:
            polynomials = self.output_polynomials()
        if isinstance(polynomials, (str, bytes)) or not hasattr(polynomials, "__iter__"):
            raise TypeError("polynomials must be a list of %d polynomials (one per output), not %r"
                            % (self.num_outputs(), polynomials))
        polynomials = list(polynomials)
        if len(polynomials) != self.num_outputs():
            raise ValueError("polynomials must be a list of %d polynomials (one per output), got %d"
                             % (self.num_outputs(), len(polynomials)))
        X = self.output_polynomials()[0].parent()
        try:
            f = [X(p) for p in polynomials]
        except (TypeError, ValueError):
            raise TypeError("polynomials must be polynomials in %s" % (X.gens(),))
        x = X.gens()
        for pi, sig in self.group_generators():
            gx = [x[pi[j]] for j in range(len(x))]
            if any(f[i](*gx) != f[sig[i]] for i in range(len(f))):
                return False
        return True

    def equivariance_certificate(self):
        r"""
        Return the proof that every function of the network is equivariant:
        a :class:`~sage_neuro.provenance.Provenance` record ``'proved'``
        whose value is the verdict of :meth:`is_equivariant` on the symbolic
        outputs (an identity of polynomials over the parameter ring).

        EXAMPLES::

            sage: from sage_neuro.architectures.deepsets import DeepSetsNetwork
            sage: P = DeepSetsNetwork(3, [1, 2], [2, 1]).equivariance_certificate()
            sage: P.value, P.method
            (True, 'proved')
        """
        with stopwatch() as t:
            value = self.is_equivariant()
        return Provenance("equivariance", value, "proved", seconds=t[0],
                          route="f(g x) = g f(x) for the generators g of the group, as polynomials "
                                "over the parameter ring",
                          certificate="the identity %s for every generator: %s"
                          % ("holds" if value else "fails", self.group_description()))

    def _coordinate_orbits(self):
        # union-find of the coordinates (i, m) under (i, m) -> (sigma(i), g * m)
        basis = self.monomial_basis()
        nb = len(basis)
        index = {tuple(m.exponents()[0]): k for k, m in enumerate(basis)}
        e_out = int(self.num_outputs())
        parent = list(range(e_out * nb))

        def find(a):
            while parent[a] != a:
                parent[a] = parent[parent[a]]
                a = parent[a]
            return a
        for pi, sig in self.group_generators():
            for k, m in enumerate(basis):
                e = m.exponents()[0]
                # m(g x) = prod x_{pi[j]}^{e_j}
                ge = [0] * len(e)
                for j, ej in enumerate(e):
                    ge[pi[j]] += ej
                kk = index[tuple(ge)]
                for i in range(e_out):
                    a, b = find(i * nb + k), find(sig[i] * nb + kk)
                    if a != b:
                        parent[a] = b
        return len({find(a) for a in range(len(parent))})

    def equivariant_space_dimension(self):
        r"""
        Return the dimension of the space of equivariant functions inside
        the function space: the number of orbits of the group on the
        coordinates ``(output, monomial)``. It contains the neuromanifold,
        so it bounds its dimension and its linear span.

        OUTPUT: an Integer

        EXAMPLES::

            sage: from sage_neuro.architectures.circular import CircularCNN
            sage: net = CircularCNN(3, [3], activation=3, pooling='sum')
            sage: net.equivariant_space_dimension()     # necklaces: cubics in 3 cyclic variables
            4
            sage: net.expected_dimension(), net.neuromanifold().dimension()
            (3, 3)
        """
        return Integer(self._coordinate_orbits())

    def expected_dimension(self):
        r"""
        Return the expected dimension: the number of parameters minus
        :meth:`symmetry_dimension`, capped by
        :meth:`equivariant_space_dimension` (the equivariant functions, not
        the whole function space, are the ambient space of the image).

        OUTPUT: an Integer

        EXAMPLES::

            sage: from sage_neuro.architectures.circular import CircularCNN
            sage: net = CircularCNN(3, [3], activation=1)
            sage: net.num_parameters(), net.symmetry_dimension(), net.expected_dimension()
            (3, 0, 3)
        """
        return max(Integer(0), min(self.equivariant_space_dimension(),
                                   self.num_parameters() - self.symmetry_dimension()))

    def unconstrained_architecture(self):
        r"""
        Return the fully connected network with the same widths and
        activation, of which this architecture is a weight-sharing
        subfamily (its neuromanifold contains this one).

        EXAMPLES::

            sage: from sage_neuro.architectures.circular import CircularCNN
            sage: CircularCNN(3, [2, 2]).unconstrained_architecture()
            PolynomialMLP([3, 3, 3], activation=2)
        """
        raise NotImplementedError

    def equivariant_comparison(self, degree=True, method="modular", timeout=None):
        r"""
        Return the comparison with :meth:`unconstrained_architecture`:
        parameters, expected dimension, dimension and degree of both
        neuromanifolds (see
        :func:`sage_neuro.invariants.equivariance.equivariant_comparison`).

        EXAMPLES::

            sage: from sage_neuro.architectures.circular import CircularCNN
            sage: C = CircularCNN(2, [2, 2]).equivariant_comparison()
            sage: C.row('equivariant')['dimension'], C.row('unconstrained')['dimension']
            (3, 6)
        """
        from sage_neuro.invariants.equivariance import equivariant_comparison
        return equivariant_comparison(self, degree=degree, method=method, timeout=timeout)
