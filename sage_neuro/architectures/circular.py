r"""
Circular convolutional networks: cyclic-group (``Z/n``) equivariant
convolutions with polynomial activation.

The input is a periodic signal ``x = (x_0, ..., x_{n-1})``, indices modulo
``n``; the cyclic group ``Z/n`` acts by the shift ``(S x)_j = x_{j+1}``.
Layer ``i = 1, ..., L`` is the circular convolution with the filter
``w_i = (w_{i,0}, ..., w_{i,k_i - 1})``, ``1 <= k_i <= n``, and (with
``bias=True``) one bias ``b_i`` shared by all positions:

.. MATH::

    (C_{w_i} y)_j = \sum_{m=0}^{k_i - 1} w_{i,m} \, y_{(j+m) \bmod n} + b_i,
    \qquad j = 0, \dots, n - 1.

Every ``C_w`` commutes with ``S`` and so does the entrywise activation
``sigma``: the layers are ``Z/n``-equivariant (the group convolutions of
Cohen-Welling, arXiv 1602.07576, for the group ``Z/n``). Two outputs:

- ``pooling=None`` (equivariant): ``f = C_{w_L} sigma(... sigma(C_{w_1} x))``,
  activation between layers, the last layer linear; ``n`` outputs with
  ``f_j(x) = f_0(S^j x)``, i.e. ``f(S x) = S f(x)``.
- ``pooling='sum'`` (invariant): ``f = a sum_j sigma(C_{w_L} ... sigma(C_{w_1} x))_j (+ c)``,
  activation after every convolution, then the sum over positions (the
  invariant pooling) and a linear readout ``a`` (and bias ``c`` with
  ``bias=True``); one output with ``f(S x) = f(x)``.

Circular convolution is polynomial multiplication in ``R[z]/(z^n - 1)``
(convolutions as polynomial multiplication: Kohn-Trager-Montufar,
arXiv 2108.01538): writing ``w(z) = sum_m w_m z^m``, the composition
``C_v C_w`` (no bias) is ``C_{v w mod (z^n - 1)}``. Hence the *linear*
equivariant network (``activation=1``, no bias, no pooling) computes the
circulant matrix of the product ``w_L(z) ... w_1(z)`` modulo ``z^n - 1``,
and its neuromanifold is the linear space of circulant matrices whose
filter has degree at most ``D = sum (k_i - 1)`` (reduced modulo
``z^n - 1``): over ``C`` every polynomial of degree ``<= D`` factors into
factors of degrees ``k_i - 1``, and for ``D >= n - 1`` the reduction is
onto ``C[z]/(z^n - 1)``. So its dimension is ``min(n, sum(k_i) - L + 1)``
and its degree ``1``.

The function-space coordinates are the coefficients of the output
polynomials in the input variables ``x0, ..., x{n-1}``.

EXAMPLES::

    sage: from sage_neuro.architectures.circular import CircularCNN
    sage: net = CircularCNN(3, [2, 2])
    sage: net.output_polynomials([1, 1, 1, 1])[0]
    x0^2 + 2*x0*x1 + 2*x1^2 + 2*x1*x2 + x2^2
    sage: M = net.neuromanifold()
    sage: M.dimension(), net.expected_dimension(), M.degree()
    (3, 3, 4)
    sage: CircularCNN(3, [2, 2], activation=1).neuromanifold().dimension()    # min(3, 2 + 2 - 1)
    3
"""

from sage.rings.integer import Integer

from sage_neuro.architectures.activation import PolynomialActivationLayers
from sage_neuro.architectures.base import narrower_networks
from sage_neuro.architectures.equivariant import (EquivariantArchitecture, activation_function, activation_keywords, activation_repr)
from sage_neuro.validation import check_point, check_positive_int, check_widths


class CircularCNN(PolynomialActivationLayers, EquivariantArchitecture):
    r"""
    The circular (cyclically padded) one-channel convolutional network on
    signals of length ``n`` with filter sizes ``filters = [k_1, ..., k_L]``
    (first layer first), activation ``sigma`` and, with ``pooling='sum'``,
    invariant sum pooling and a linear readout.

    Parameters, in this order: for each layer ``i`` the taps ``f{i}_{m}``,
    ``m < k_i`` (and the bias ``b{i}`` with ``bias=True``); with
    ``pooling='sum'`` then the readout weight ``a`` (and bias ``c``).

    INPUT:

    - ``n`` -- the signal length, the order of the cyclic group (``>= 1``)
    - ``filters`` -- non-empty list of filter sizes ``1 <= k_i <= n``
    - ``activation`` -- (default ``2``) as for
      :class:`~sage_neuro.architectures.mlp.PolynomialMLP`: a positive
      integer ``r`` (``sigma(t) = t^r``), a univariate polynomial over ``QQ``
      or ``'generic'`` (with ``activation_degree``, ``activation_seed``)
    - ``pooling`` -- (default ``None``) ``None`` (``Z/n``-equivariant, ``n``
      outputs) or ``'sum'`` (``Z/n``-invariant, one output)
    - ``bias`` -- (default ``False``) one bias per layer, shared by all
      positions (and a bias of the readout)

    EXAMPLES::

        sage: from sage_neuro.architectures.circular import CircularCNN
        sage: CircularCNN(4, [3, 2], activation=3, pooling='sum')
        CircularCNN(4, [3, 2], activation=3, pooling='sum')
        sage: net = CircularCNN(3, [2], pooling='sum', bias=True)
        sage: net.parameter_ring().gens()
        (f1_0, f1_1, b1, a, c)
        sage: net.output_polynomials([1, -1, 0, 1, 0])
        [2*x0^2 + (-2)*x0*x1 + 2*x1^2 + (-2)*x0*x2 + (-2)*x1*x2 + 2*x2^2]

    Bad input::

        sage: CircularCNN(3, [4])
        Traceback (most recent call last):
        ...
        ValueError: filters must have sizes at most n = 3 (a longer circular filter wraps onto itself); got 4 at position 0
        sage: CircularCNN(3, [2], pooling='max')
        Traceback (most recent call last):
        ...
        ValueError: pooling must be None (equivariant outputs) or 'sum' (invariant sum pooling), not 'max'
        sage: CircularCNN(0, [1])
        Traceback (most recent call last):
        ...
        ValueError: n must be an integer >= 1, not 0
        sage: CircularCNN(3, [])
        Traceback (most recent call last):
        ...
        ValueError: filters must list at least 1 widths (input first, output last); got []
    """

    family = "circular"

    def __init__(self, n, filters, activation=2, pooling=None, bias=False,
                 activation_degree=None, activation_seed=None):
        self._n = check_positive_int(n, "n")
        self._filters = check_widths(filters, name="filters", minimum_length=1)
        for i, k in enumerate(self._filters):
            if k > self._n:
                raise ValueError("filters must have sizes at most n = %s (a longer circular filter "
                                 "wraps onto itself); got %s at position %d" % (self._n, k, i))
        if pooling not in (None, "sum"):
            raise ValueError("pooling must be None (equivariant outputs) or 'sum' (invariant sum "
                             "pooling), not %r" % (pooling,))
        self._pooling = pooling
        self._set_activation_and_bias(activation, activation_degree, activation_seed, bias)

    # -- accessors ----------------------------------------------------------------

    def signal_length(self):
        r"""
        Return ``n``, the signal length and order of the cyclic group.

        OUTPUT: an Integer

        EXAMPLES::

            sage: from sage_neuro.architectures.circular import CircularCNN
            sage: CircularCNN(5, [2]).signal_length()
            5
        """
        return self._n

    def filters(self):
        r"""
        Return the filter sizes ``(k_1, ..., k_L)``.

        OUTPUT: a tuple of Integers

        EXAMPLES::

            sage: from sage_neuro.architectures.circular import CircularCNN
            sage: CircularCNN(5, [2, 3]).filters()
            (2, 3)
        """
        return self._filters

    def depth(self):
        r"""
        Return the number ``L`` of convolutional layers.

        OUTPUT: an Integer

        EXAMPLES::

            sage: from sage_neuro.architectures.circular import CircularCNN
            sage: CircularCNN(5, [2, 3, 2]).depth()
            3
        """
        return Integer(len(self._filters))

    def pooling(self):
        r"""
        Return ``None`` (equivariant outputs) or ``'sum'`` (invariant).

        EXAMPLES::

            sage: from sage_neuro.architectures.circular import CircularCNN
            sage: CircularCNN(3, [2], pooling='sum').pooling()
            'sum'
        """
        return self._pooling

    def _repr_args(self):
        s = "%s, %s" % (self._n, [int(k) for k in self._filters])
        s += activation_repr(self._spec)
        if self._pooling is not None:
            s += ", pooling=%r" % self._pooling
        if self._bias:
            s += ", bias=True"
        return s

    def _same_kind(self, filters):
        return CircularCNN(self._n, filters, pooling=self._pooling, bias=self._bias,
                           **activation_keywords(self._spec))

    # -- the parametrization --------------------------------------------------------

    def _parameter_names(self):
        names = []
        for i, k in enumerate(self._filters, 1):
            names.extend("f%d_%d" % (i, m) for m in range(k))
            if self._bias:
                names.append("b%d" % i)
        if self._pooling == "sum":
            names.append("a")
            if self._bias:
                names.append("c")
        return names

    def _input_dimension(self):
        return self._n

    def _split(self, theta):
        # ([(filter, bias or None)] per layer, (readout weight, bias) or None)
        layers, pos = [], 0
        for k in self._filters:
            w = list(theta[pos:pos + k])
            pos += k
            b = None
            if self._bias:
                b = theta[pos]
                pos += 1
            layers.append((w, b))
        readout = None
        if self._pooling == "sum":
            readout = (theta[pos], theta[pos + 1] if self._bias else None)
        return layers, readout

    def _forward(self, theta, x):
        sigma = activation_function(self._sigma)
        layers, readout = self._split(theta)
        n, L = int(self._n), len(layers)
        vals = list(x)
        for i, (w, b) in enumerate(layers):
            vals = [sum(w[m] * vals[(j + m) % n] for m in range(len(w))) for j in range(n)]
            if b is not None:
                vals = [v + b for v in vals]
            if i < L - 1 or readout is not None:
                vals = [sigma(v) for v in vals]
        if readout is None:
            return vals
        a, c = readout
        out = a * sum(vals)
        return [out if c is None else out + c]

    def filter_vectors(self, theta=None):
        r"""
        Return the filters ``[w_1, ..., w_L]`` as lists, symbolic or at
        ``theta``.

        INPUT:

        - ``theta`` -- (optional) a parameter point

        OUTPUT: a list of ``L`` lists

        EXAMPLES::

            sage: from sage_neuro.architectures.circular import CircularCNN
            sage: CircularCNN(3, [2, 3]).filter_vectors()
            [[f1_0, f1_1], [f2_0, f2_1, f2_2]]
        """
        theta = self._theta(theta)
        return [w for w, _ in self._split(theta)[0]]

    def _theta(self, theta):
        if theta is None:
            return list(self.parameter_ring().gens())
        return check_point(theta, self.num_parameters())

    def end_to_end_filter(self, theta=None):
        r"""
        Return the end-to-end filter of the linear equivariant network
        (``activation=1``, no bias, no pooling): the coefficients of
        ``x0, ..., x{n-1}`` in ``f_0``, which are those of the product
        ``w_L(z) ... w_1(z)`` modulo ``z^n - 1``.

        INPUT:

        - ``theta`` -- (optional) a parameter point

        OUTPUT: a list of length ``n``

        EXAMPLES::

            sage: from sage_neuro.architectures.circular import CircularCNN
            sage: net = CircularCNN(3, [2, 3], activation=1)
            sage: net.end_to_end_filter([1, 2, 1, 0, 1])
            [3, 2, 1]
            sage: R.<z> = QQ[]
            sage: ((1 + 2*z) * (1 + z^2)).mod(z^3 - 1).list()
            [3, 2, 1]
            sage: CircularCNN(3, [2]).end_to_end_filter()
            Traceback (most recent call last):
            ...
            ValueError: the end-to-end filter is defined for the linear equivariant network (activation=1, bias=False, pooling=None) only
        """
        if self._spec != 1 or self._bias or self._pooling is not None:
            raise ValueError("the end-to-end filter is defined for the linear equivariant network "
                             "(activation=1, bias=False, pooling=None) only")
        f0 = self.output_polynomials(theta)[0]
        return [f0.monomial_coefficient(g) for g in f0.parent().gens()]

    # -- the group ---------------------------------------------------------------------

    def group_generators(self):
        r"""
        Return the generator of ``Z/n``, the shift ``(S x)_j = x_{j+1}``, as
        a pair (permutation of inputs, permutation of outputs): the outputs
        are shifted too (``f_j(S x) = f_{j+1}(x)``) without pooling, fixed
        with ``pooling='sum'``.

        OUTPUT: a list of one pair of lists

        EXAMPLES::

            sage: from sage_neuro.architectures.circular import CircularCNN
            sage: CircularCNN(3, [2]).group_generators()
            [([1, 2, 0], [1, 2, 0])]
            sage: CircularCNN(3, [2], pooling='sum').group_generators()
            [([1, 2, 0], [0])]
        """
        n = int(self._n)
        shift = [(j + 1) % n for j in range(n)]
        return [(shift, shift if self._pooling is None else [0])]

    def group_order(self):
        r"""
        Return the order of the cyclic group ``Z/n``: the signal length
        (:meth:`signal_length`).

        EXAMPLES::

            sage: from sage_neuro.architectures.circular import CircularCNN
            sage: C = CircularCNN(4, [2]); C.group_order() == C.signal_length() == 4
            True
        """
        return self.signal_length()

    def group_description(self):
        r"""
        Return a description of the group and its action.

        EXAMPLES::

            sage: from sage_neuro.architectures.circular import CircularCNN
            sage: CircularCNN(4, [2], pooling='sum').group_description()
            'Z/4 acting by cyclic shifts of the 4 input positions; the output is invariant'
        """
        if self._pooling is None:
            return ("Z/%s acting by cyclic shifts of the %s input positions and of the %s outputs"
                    % (self._n, self._n, self._n))
        return "Z/%s acting by cyclic shifts of the %s input positions; the output is invariant" % (
            self._n, self._n)

    # -- symmetries, subnetworks, the unconstrained network ------------------------

    def _rescalings(self):
        # the pairs of consecutive layers between which a rescaling acts:
        # (i, i+1) for conv layers, and (L, readout) with pooling
        L = len(self._filters)
        return L - 1 + (1 if self._pooling == "sum" else 0)

    def symmetry_dimension(self):
        r"""
        Return the dimension of the known continuous symmetry group: for a
        monomial activation ``c t^r`` one rescaling ``(w_i, b_i) -> lambda
        (w_i, b_i)``, ``w_{i+1} -> lambda^-r w_{i+1}`` between consecutive
        layers (the readout counting as a layer with pooling); ``0`` for any
        other activation.

        The finite part (not counted): for an even activation the sign
        change ``(w_i, b_i) -> -(w_i, b_i)`` of a layer followed by
        ``sigma``; for an odd non-monomial one ``(w_i, b_i, w_{i+1}) ->
        -(w_i, b_i, w_{i+1})``; and the cyclic shifts of full filters
        (``k_i = n``): with ``(S^s w)_m = w_{m+s}``, ``C_{S^s w}`` is ``C_w``
        followed by the shift of the positions by ``-s``, which commutes
        with ``sigma`` and with every later layer. So with pooling each full
        filter can be shifted alone (the sum is invariant), and without
        pooling two full filters can be shifted in opposite directions.

        OUTPUT: an Integer

        EXAMPLES::

            sage: from sage_neuro.architectures.circular import CircularCNN
            sage: R.<t> = QQ[]
            sage: CircularCNN(3, [2, 2, 2]).symmetry_dimension()
            2
            sage: CircularCNN(3, [2, 2, 2], pooling='sum').symmetry_dimension()
            3
            sage: CircularCNN(3, [2, 2], activation=t^2 + t).symmetry_dimension()
            0
        """
        if self._monomial is None:
            return Integer(0)
        return Integer(self._rescalings())

    def symmetries(self):
        r"""
        Return descriptions of the known symmetries (continuous and finite).

        OUTPUT: a list of strings

        EXAMPLES::

            sage: from sage_neuro.architectures.circular import CircularCNN
            sage: for s in CircularCNN(3, [3, 2], pooling='sum').symmetries(): print(s)
            C^* between layers 1 and 2: (w_1, w_2) -> (c w_1, c^-2 w_2)
            C^* between layer 2 and the readout: (w_2, a) -> (c w_2, c^-2 a)
            sign changes (sigma even): w_i -> -w_i for the layers followed by sigma
            Z/3 shifts of the full filter w_1: w_1 -> S^s w_1 (the output is invariant)
            sage: CircularCNN(3, [3, 2, 3]).symmetries()[-1]
            'Z/3 shifts of the full filters w_1, w_3 in opposite directions: (w_1, w_3) -> (S^s w_1, S^-s w_3)'
        """
        out = []
        L = len(self._filters)
        b = " and b_%d" if self._bias else ""
        r = self._monomial
        if r is not None:
            for i in range(1, L):
                out.append("C^* between layers %d and %d: (w_%d%s, w_%d) -> (c w_%d%s, c^-%s w_%d)"
                           % (i, i + 1, i, b % i if b else "", i + 1, i, b % i if b else "", r, i + 1))
            if self._pooling == "sum":
                out.append("C^* between layer %d and the readout: (w_%d%s, a) -> (c w_%d%s, c^-%s a)"
                           % (L, L, b % L if b else "", L, b % L if b else "", r))
        coeffs = self._sigma.list()
        if all(c == 0 for c in coeffs[1::2]):
            out.append("sign changes (sigma even): w_i%s -> -w_i%s for the layers followed by sigma"
                       % (" and b_i" if self._bias else "", " and -b_i" if self._bias else ""))
        elif all(c == 0 for c in coeffs[0::2]) and r is None:
            out.append("sign changes (sigma odd): (w_i, w_{i+1}) -> (-w_i, -w_{i+1})")
        # a full filter shifted by s is the layer followed by the shift
        # T_s, which commutes with sigma and every later layer: the pooled
        # sum absorbs it, an equivariant output needs a second full filter
        # shifted back
        full = [i + 1 for i in range(L) if self._filters[i] == self._n]
        if self._n > 1 and self._pooling == "sum":
            out.extend("Z/%s shifts of the full filter w_%d: w_%d -> S^s w_%d (the output is "
                       "invariant)" % (self._n, i, i, i) for i in full)
        elif self._n > 1:
            out.extend("Z/%s shifts of the full filters w_%d, w_%d in opposite directions: "
                       "(w_%d, w_%d) -> (S^s w_%d, S^-s w_%d)" % (self._n, i, j, i, j, i, j)
                       for i in full for j in full if i < j)
        return out

    def subnetworks(self):
        r"""
        Return the architectures with one filter shortened by one tap (its
        last tap zero), same ``n``, activation, pooling and bias: a filter
        whose first tap is zero gives a shifted copy of the same functions
        (the shift commutes with every layer).

        OUTPUT: a list of :class:`CircularCNN`

        EXAMPLES::

            sage: from sage_neuro.architectures.circular import CircularCNN
            sage: CircularCNN(3, [2, 1, 3]).subnetworks()
            [CircularCNN(3, [1, 1, 3]), CircularCNN(3, [2, 1, 2])]
        """
        return narrower_networks(self._filters, range(len(self._filters)), self._same_kind)

    def unconstrained_architecture(self):
        r"""
        Return the fully connected network with the same widths: the
        :class:`~sage_neuro.architectures.mlp.PolynomialMLP` with widths
        ``[n, ..., n]`` (``L + 1`` entries; with pooling ``[n, ..., n, 1]``,
        ``L`` hidden layers), same activation and bias. A circulant matrix
        (plus a constant bias vector) is a special weight matrix (and bias),
        and the sum pooling with readout a special last layer, so this
        network's neuromanifold contains the circular one.

        OUTPUT: a :class:`~sage_neuro.architectures.mlp.PolynomialMLP`

        EXAMPLES::

            sage: from sage_neuro.architectures.circular import CircularCNN
            sage: CircularCNN(3, [2, 2]).unconstrained_architecture()
            PolynomialMLP([3, 3, 3], activation=2)
            sage: CircularCNN(3, [2], pooling='sum', activation=3, bias=True).unconstrained_architecture()
            PolynomialMLP([3, 3, 1], activation=3, bias=True)
        """
        from sage_neuro.architectures.mlp import PolynomialMLP
        widths = [self._n] * (len(self._filters) + 1)
        if self._pooling == "sum":
            widths.append(1)
        return PolynomialMLP(widths, bias=self._bias, **activation_keywords(self._spec))
