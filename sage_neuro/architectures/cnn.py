r"""
One-dimensional convolutional networks with one channel and polynomial
activation.

Layer ``i`` (``i = 1, ..., L``) is the convolution with the filter
``w_i = (w_{i,0}, ..., w_{i,k_i - 1})`` and stride ``s_i``: it maps
``R^{n_{i-1}} -> R^{n_i}``,

.. MATH::

    (y)_j = \sum_{m=0}^{k_i - 1} w_{i,m} \, x_{s_i j + m},
    \qquad j = 0, \dots, n_i - 1,

with no bias. The activation ``sigma`` acts coordinatewise between layers
(not after the last one). Following the papers (Kohn-Montufar-Shahverdi-
Trager, arXiv 2304.05752; Shahverdi-Marchetti-Kohn, arXiv 2410.00722) the
output is a scalar by default: ``n_L = output_length = 1`` and the input
length is given by ``n_{i-1} = s_i (n_i - 1) + k_i``.

The function-space coordinates are the coefficients of the output
polynomial(s) in the input variables ``x0, ..., x{n_0 - 1}`` (see
:meth:`~sage_neuro.architectures.base.Architecture.monomial_basis`).

Known values: the linear CNN (``activation=1``) has a
neuromanifold of dimension ``sum(k_i) - (L - 1)``; for ``sigma(t) = t^r``,
``r >= 2``, the neuromanifold has dimension ``|k| - L + 1`` and degree
``(|k| - L)! prod_j r^{(L-1-j)(k_{j+1}-1)} / (k_{j+1}-1)!`` (a
Segre-Veronese variety); the tests find the same degrees for strided
networks (e.g. strides ``(2, 1)``, ``(1, 2, 1)``). With monomial activations the network is
homogeneous, its neuromanifold a cone: dimensions are affine dimensions of
the cone, degrees those of the projective variety.

EXAMPLES::

    sage: from sage_neuro.architectures.cnn import PolynomialCNN
    sage: net = PolynomialCNN([2, 2])
    sage: net
    PolynomialCNN([2, 2])
    sage: net.layer_lengths()
    (3, 2, 1)
    sage: net.output_polynomials()
    [f1_0^2*f2_0*x0^2 + 2*f1_0*f1_1*f2_0*x0*x1 + (f1_1^2*f2_0 + f1_0^2*f2_1)*x1^2 + 2*f1_0*f1_1*f2_1*x1*x2 + f1_1^2*f2_1*x2^2]
    sage: M = net.neuromanifold()
    sage: M.dimension(), M.degree()
    (3, 4)
"""

from sage.rings.integer import Integer

from sage_neuro.architectures.activation import parse_activation
from sage_neuro.architectures.base import Architecture, horner, narrower_networks
from sage_neuro.validation import check_point, check_positive_int, check_widths


class PolynomialCNN(Architecture):
    r"""
    The 1-D, single-channel convolutional network with filter sizes
    ``filters = [k_1, ..., k_L]`` (first layer first), strides
    ``strides = [s_1, ..., s_L]`` and activation ``sigma`` between layers.

    Layer ``i`` maps ``R^{n_{i-1}} -> R^{n_i}`` by
    ``y_j = sum_{m < k_i} w_{i,m} x_{s_i j + m}``; ``n_L = output_length``
    and ``n_{i-1} = s_i (n_i - 1) + k_i`` (so with the default
    ``output_length=1`` the network computes one polynomial of the input,
    the convention of the papers; ``output_length > 1`` gives the longer
    output signal of the same filters, one output polynomial per entry).
    The parameter ``f{i}_{m}`` is the tap ``m`` of the filter of layer ``i``.

    INPUT:

    - ``filters`` -- non-empty list of positive integers, the filter sizes
    - ``strides`` -- (default: all ``1``) list of positive integers of the
      same length
    - ``activation`` -- (default ``2``) a positive integer ``r`` for
      ``sigma(t) = t^r`` (``1``: the linear CNN, whose function is the
      end-to-end filter), or a nonconstant univariate polynomial over ``QQ``
      (a polynomial ``t^r`` is normalized to ``r``; a monomial ``a t^r``
      keeps the filter rescalings as symmetries, other polynomials have none)
    - ``output_length`` -- (default ``1``) the length ``n_L`` of the output

    EXAMPLES::

        sage: from sage_neuro.architectures.cnn import PolynomialCNN
        sage: PolynomialCNN([3, 2], strides=[2, 1], activation=3)
        PolynomialCNN([3, 2], strides=[2, 1], activation=3)
        sage: PolynomialCNN([2, 2], output_length=2).layer_lengths()
        (4, 3, 2)
        sage: R.<t> = QQ[]
        sage: net = PolynomialCNN([2, 1], activation=t^2 + t)
        sage: net
        PolynomialCNN([2, 1], activation=t^2 + t)
        sage: net.output_polynomials([1, 2, 3])
        [3*x0^2 + 12*x0*x1 + 12*x1^2 + 3*x0 + 6*x1]

    Bad input::

        sage: PolynomialCNN([2, 0])
        Traceback (most recent call last):
        ...
        ValueError: filters must be positive integers; got 0 at position 1
        sage: PolynomialCNN([])
        Traceback (most recent call last):
        ...
        ValueError: filters must be a non-empty list of positive integers (filter sizes, first layer first), not []
        sage: PolynomialCNN([2, 2], strides=[1])
        Traceback (most recent call last):
        ...
        ValueError: strides must have one entry per filter (2), got [1]
        sage: PolynomialCNN([2, 2], activation=0)
        Traceback (most recent call last):
        ...
        ValueError: activation must be a positive integer r (sigma(t) = t^r), a univariate polynomial over QQ of degree >= 1, or the string 'generic' (with activation_degree=D); got 0
    """

    family = "cnn"

    def __init__(self, filters, strides=None, activation=2, output_length=1):
        if isinstance(filters, (str, bytes)) or not hasattr(filters, "__iter__"):
            raise TypeError("filters must be a list or tuple of positive integers, not %r" % (filters,))
        filters = list(filters)
        if not filters:
            raise ValueError("filters must be a non-empty list of positive integers "
                             "(filter sizes, first layer first), not []")
        self._filters = check_widths(filters, name="filters", minimum_length=1)
        L = len(self._filters)
        if strides is None:
            self._strides = tuple(Integer(1) for _ in range(L))
        else:
            if isinstance(strides, (str, bytes)) or not hasattr(strides, "__iter__"):
                raise TypeError("strides must be a list or tuple of positive integers, not %r" % (strides,))
            strides = list(strides)
            if len(strides) != L:
                raise ValueError("strides must have one entry per filter (%d), got %r" % (L, strides))
            self._strides = check_widths(strides, name="strides", minimum_length=1)
        self._activation = parse_activation(activation)[0]
        self._output_length = check_positive_int(output_length, "output_length")
        lengths = [self._output_length]
        for k, s in zip(reversed(self._filters), reversed(self._strides)):
            lengths.append(s * (lengths[-1] - 1) + k)
        self._lengths = tuple(reversed(lengths))

    # -- accessors -----------------------------------------------------------

    def filters(self):
        r"""
        Return the filter sizes ``(k_1, ..., k_L)``.

        OUTPUT: a tuple of Sage Integers

        EXAMPLES::

            sage: from sage_neuro.architectures.cnn import PolynomialCNN
            sage: PolynomialCNN([3, 2]).filters()
            (3, 2)
        """
        return self._filters

    def strides(self):
        r"""
        Return the strides ``(s_1, ..., s_L)``.

        OUTPUT: a tuple of Sage Integers

        EXAMPLES::

            sage: from sage_neuro.architectures.cnn import PolynomialCNN
            sage: PolynomialCNN([3, 2]).strides(), PolynomialCNN([3, 2], strides=[2, 1]).strides()
            ((1, 1), (2, 1))
        """
        return self._strides

    def activation(self):
        r"""
        Return the activation: an Integer ``r`` for ``sigma(t) = t^r``, or a
        univariate polynomial over ``QQ``.

        OUTPUT: a Sage Integer or polynomial

        EXAMPLES::

            sage: from sage_neuro.architectures.cnn import PolynomialCNN
            sage: PolynomialCNN([3, 2]).activation()
            2
        """
        return self._activation

    def is_monomial_activation(self):
        r"""
        Return whether the activation is a monomial ``a t^r`` (then the
        filter rescalings are symmetries and the network is homogeneous).

        OUTPUT: a boolean

        EXAMPLES::

            sage: from sage_neuro.architectures.cnn import PolynomialCNN
            sage: R.<t> = QQ[]
            sage: PolynomialCNN([2, 2]).is_monomial_activation()
            True
            sage: PolynomialCNN([2, 2], activation=t^3 - t).is_monomial_activation()
            False
            sage: PolynomialCNN([2, 2], activation=3*t^2).is_monomial_activation()
            True
        """
        return isinstance(self._activation, Integer) or self._activation.number_of_terms() == 1

    def _activation_degree(self):
        if isinstance(self._activation, Integer):
            return self._activation
        return Integer(self._activation.degree())

    def depth(self):
        r"""
        Return the number ``L`` of layers.

        OUTPUT: a Sage Integer

        EXAMPLES::

            sage: from sage_neuro.architectures.cnn import PolynomialCNN
            sage: PolynomialCNN([2, 2, 3]).depth()
            3
        """
        return Integer(len(self._filters))

    def layer_lengths(self):
        r"""
        Return the signal lengths ``(n_0, ..., n_L)``, input first.

        OUTPUT: a tuple of Sage Integers

        EXAMPLES::

            sage: from sage_neuro.architectures.cnn import PolynomialCNN
            sage: PolynomialCNN([2, 3], strides=[2, 1]).layer_lengths()
            (6, 3, 1)
        """
        return self._lengths

    def input_length(self):
        r"""
        Return the input length ``n_0``: with unit strides, the output
        length plus ``k_l - 1`` for each layer.

        OUTPUT: a Sage Integer

        EXAMPLES::

            sage: from sage_neuro.architectures.cnn import PolynomialCNN
            sage: C = PolynomialCNN([2, 3], output_length=2)
            sage: C.input_length(), C.output_length() + sum(k - 1 for k in C.filters())
            (5, 5)
        """
        return self._lengths[0]

    def output_length(self):
        r"""
        Return the output length ``n_L``.

        OUTPUT: a Sage Integer

        EXAMPLES::

            sage: from sage_neuro.architectures.cnn import PolynomialCNN
            sage: PolynomialCNN([2, 2], output_length=3).output_length()
            3
        """
        return self._output_length

    def _repr_args(self):
        s = str(list(self._filters))
        if any(x != 1 for x in self._strides):
            s += ", strides=%s" % list(self._strides)
        if self._activation != 2:
            s += ", activation=%s" % self._activation
        if self._output_length != 1:
            s += ", output_length=%s" % self._output_length
        return s

    # -- the parametrization -------------------------------------------------

    def _parameter_names(self):
        return ["f%d_%d" % (i, m) for i, k in enumerate(self._filters, 1) for m in range(k)]

    def _input_dimension(self):
        return self._lengths[0]

    def filter_vectors(self, theta=None):
        r"""
        Return the filters ``[w_1, ..., w_L]`` as lists, symbolic or at
        ``theta``.

        INPUT:

        - ``theta`` -- (optional) a parameter point, ordered as
          ``parameter_ring().gens()``

        OUTPUT: a list of ``L`` lists

        EXAMPLES::

            sage: from sage_neuro.architectures.cnn import PolynomialCNN
            sage: PolynomialCNN([2, 3]).filter_vectors()
            [[f1_0, f1_1], [f2_0, f2_1, f2_2]]
            sage: PolynomialCNN([2, 1]).filter_vectors([1, 2, 3])
            [[1, 2], [3]]
        """
        if theta is None:
            theta = self.parameter_ring().gens()
        else:
            theta = check_point(theta, self.num_parameters())
        out, pos = [], 0
        for k in self._filters:
            out.append(list(theta[pos:pos + k]))
            pos += k
        return out

    def _sigma(self, v):
        if isinstance(self._activation, Integer):
            return v ** self._activation
        return self._activation(v)

    def _outputs_at(self, theta, x):
        r = self._activation
        coeffs = None if isinstance(r, Integer) else list(r)

        def sigma(v):
            return v ** r if coeffs is None else horner(coeffs, v)
        vals, pos = list(x), 0
        L = len(self._filters)
        for i in range(L):
            k, s, n = self._filters[i], self._strides[i], self._lengths[i + 1]
            w = theta[pos:pos + k]
            pos += k
            vals = [sum(w[m] * vals[s * j + m] for m in range(k)) for j in range(n)]
            if i < L - 1:
                vals = [sigma(v) for v in vals]
        return vals

    def _compute_outputs(self, P, x):
        vals = list(x)
        W = self.filter_vectors()
        L = len(self._filters)
        for i in range(L):
            k, s, n = self._filters[i], self._strides[i], self._lengths[i + 1]
            w = W[i]
            vals = [sum(w[m] * vals[s * j + m] for m in range(k)) for j in range(n)]
            if i < L - 1:
                vals = [self._sigma(v) for v in vals]
        return vals

    def end_to_end_filter(self, theta=None):
        r"""
        Return the end-to-end filter of the linear CNN (``activation=1``):
        the coefficients of ``x0, ..., x{n_0 - 1}`` in the (first) output.

        For stride one it is the convolution of the filters
        ``w_L * ... * w_1`` (polynomial product).

        INPUT:

        - ``theta`` -- (optional) a parameter point

        OUTPUT: a list of length ``n_0``

        EXAMPLES::

            sage: from sage_neuro.architectures.cnn import PolynomialCNN
            sage: PolynomialCNN([2, 2], activation=1).end_to_end_filter()
            [f1_0*f2_0, f1_1*f2_0 + f1_0*f2_1, f1_1*f2_1]
            sage: PolynomialCNN([2, 2]).end_to_end_filter()
            Traceback (most recent call last):
            ...
            ValueError: the end-to-end filter is defined for the linear CNN (activation=1) only
        """
        if self._activation != 1:
            raise ValueError("the end-to-end filter is defined for the linear CNN (activation=1) only")
        o = self.output_polynomials(theta)[0]
        X = o.parent()
        return [o.monomial_coefficient(g) for g in X.gens()]

    def is_cone(self):
        r"""
        Return ``True``: the last layer is linear without bias, so scaling
        its filter scales the output, and every neuromanifold of a CNN is a
        cone (even for a non-monomial activation, where ``mu`` need not be
        homogeneous). Dimensions are then affine dimensions of the cone and
        degrees those of the projective variety.

        OUTPUT: ``True``

        EXAMPLES::

            sage: from sage_neuro.architectures.cnn import PolynomialCNN
            sage: R.<t> = QQ[]
            sage: net = PolynomialCNN([2, 2, 2], activation=t^2 + t)
            sage: net.is_homogeneous(), net.is_cone()
            (False, True)
        """
        return True

    # -- symmetries and subnetworks -----------------------------------------

    def symmetry_dimension(self):
        r"""
        Return the dimension of the known symmetry group: ``L - 1`` for a
        monomial activation ``a t^r`` (rescalings ``w_i -> c w_i``,
        ``w_{i+1} -> c^{-r} w_{i+1}``), ``0`` for a non-monomial polynomial
        activation (no rescaling commutes with it).

        OUTPUT: a Sage Integer

        EXAMPLES::

            sage: from sage_neuro.architectures.cnn import PolynomialCNN
            sage: PolynomialCNN([2, 3, 2]).symmetry_dimension()
            2
            sage: PolynomialCNN([2, 3, 2]).expected_dimension()
            5
            sage: R.<t> = QQ[]
            sage: PolynomialCNN([2, 3, 2], activation=t^2 + t).symmetry_dimension()
            0
        """
        if self.is_monomial_activation():
            return Integer(len(self._filters) - 1)
        return Integer(0)

    def symmetries(self):
        r"""
        Return a description of the known symmetry group (the filter
        rescalings between consecutive layers, for monomial activations).

        OUTPUT: a list of strings

        EXAMPLES::

            sage: from sage_neuro.architectures.cnn import PolynomialCNN
            sage: PolynomialCNN([2, 2, 2], activation=3).symmetries()
            ['C^* between layers 1 and 2: (w_1, w_2) -> (c w_1, c^-3 w_2)',
             'C^* between layers 2 and 3: (w_2, w_3) -> (c w_2, c^-3 w_3)']
            sage: PolynomialCNN([2, 2], activation=1).symmetries()
            ['C^* between layers 1 and 2: (w_1, w_2) -> (c w_1, c^-1 w_2)']
            sage: R.<t> = QQ[]
            sage: PolynomialCNN([2, 2], activation=5*t^2).symmetries()
            ['C^* between layers 1 and 2: (w_1, w_2) -> (c w_1, c^-2 w_2)']
            sage: PolynomialCNN([2, 2], activation=t^2 - t).symmetries()
            []
        """
        if not self.is_monomial_activation():
            return []
        r = self._activation_degree()
        return ["C^* between layers %d and %d: (w_%d, w_%d) -> (c w_%d, c^-%s w_%d)"
                % (i, i + 1, i, i + 1, i, r, i + 1) for i in range(1, len(self._filters))]

    def subnetworks(self):
        r"""
        Return the architectures with one filter shortened by one tap (among
        filters of size at least ``2``), same strides and activation.

        This is the notion of subnetwork used for CNNs: a network whose
        filter ``w_i`` has a zero first or last tap computes (after the
        corresponding shift of the input) the function of the subnetwork
        with ``k_i - 1``. For a generic activation of large degree the
        theorem quoted in Kohn's talk says these images make up the singular locus; for
        monomial activations they do not (the neuromanifold is then a cone
        over a Segre-Veronese variety, singular only at the vertex, as
        ``check_singularities_are_subnetworks()`` finds for ``[2, 2]``).
        For generic cubic and quartic activations with ``sigma(0) = 0`` the
        parametrization route (``method='parametrization'``, see
        :mod:`sage_neuro.invariants.multiplicity`) finds these images
        generically *smooth* on ``[2, 2]``, ``[2, 3]``, ``[3, 2]``: the
        singular points of the image are the zero function and the
        functions of filter pairs with zero taps at opposite ends (two
        shifts computing the same function), strictly inside the
        subnetwork images; when ``sigma'(0) != 0`` the Zariski closure is
        also singular at the linear functions on its boundary, which are
        not values of ``mu``.

        OUTPUT: a list of :class:`PolynomialCNN`

        EXAMPLES::

            sage: from sage_neuro.architectures.cnn import PolynomialCNN
            sage: PolynomialCNN([2, 1, 3]).subnetworks()
            [PolynomialCNN([1, 1, 3]), PolynomialCNN([2, 1, 2])]
        """
        def make(f):
            return PolynomialCNN(f, strides=list(self._strides), activation=self._activation,
                                 output_length=self._output_length)
        return narrower_networks(self._filters, range(len(self._filters)), make)
