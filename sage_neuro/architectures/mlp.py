r"""
Polynomial multilayer perceptrons ``x -> W_h sigma(... sigma(W_1 x + b_1) ...) + b_h``.

A fully connected network with widths ``[d0, d1, ..., dh]`` (input first)
and a polynomial activation ``sigma`` computes ``dh`` polynomials in the
``d0`` input variables ``x0, x1, ...``; the coordinates of the function space
are their coefficients (see
:meth:`~sage_neuro.architectures.base.Architecture.monomial_basis`).

Conventions:

- Hidden layers ``i = 1, ..., h-1`` compute ``x_i = sigma(W_i x_{i-1} + b_i)``
  (``sigma`` applied entrywise), the last layer is linear:
  ``f = W_h x_{h-1} + b_h``; biases only with ``bias=True``.
- Parameters, in this order: for each layer ``l = 1, ..., h`` the entries of
  ``W_l`` row by row, named ``w{l}_{i}_{j}`` (layer, row, column), then (with
  ``bias=True``) the entries of ``b_l``, named ``b{l}_{i}``.
- ``activation=r`` (a positive integer) means ``sigma(t) = t^r``.  For
  ``sigma(t) = t^r`` and ``bias=False`` the parametrization is homogeneous
  and the neuromanifold is a cone: its dimension is the affine dimension of
  the cone, its degree that of the projective variety.  (Every MLP
  neuromanifold is in fact closed under scaling, because the last layer is
  linear, so that the Zariski closure is always a cone.)

For ``sigma(t) = t^r`` and no bias the output polynomials are forms of
degree ``D = r^(h-1)``, the function space has dimension
``dh * binomial(d0 + D - 1, D)``, and the expected dimension is that of
Kileel-Trager-Bruna (2019): parameters minus hidden neurons (the rescalings),
capped by the ambient dimension.  The shallow networks ``[n, k, 1]`` give the
secant varieties of Veronese varieties, defective in the Alexander-Hirschowitz
cases, e.g. ``[3, 2, 1]`` with ``r = 2``.

EXAMPLES::

    sage: from sage_neuro.architectures.mlp import PolynomialMLP
    sage: net = PolynomialMLP([2, 2, 1], activation=2)
    sage: net.output_polynomials()
    [(w1_0_0^2*w2_0_0 + w1_1_0^2*w2_0_1)*x0^2 + (2*w1_0_0*w1_0_1*w2_0_0 + 2*w1_1_0*w1_1_1*w2_0_1)*x0*x1 + (w1_0_1^2*w2_0_0 + w1_1_1^2*w2_0_1)*x1^2]
    sage: net.num_parameters(), net.ambient_dimension(), net.expected_dimension()
    (6, 3, 3)
    sage: M = PolynomialMLP([3, 2, 1], activation=2).neuromanifold()
    sage: M.dimension(), M.architecture().expected_dimension(), M.is_defective()
    (5, 6, True)
"""


from sage.matrix.constructor import matrix
from sage.rings.integer import Integer

from sage_neuro.architectures.activation import PolynomialActivationLayers, parse_activation
from sage_neuro.architectures.base import Architecture, dense_layers, horner, narrower_networks
from sage_neuro.validation import check_point, check_widths



class PolynomialMLP(PolynomialActivationLayers, Architecture):
    r"""
    The fully connected network with widths ``widths = [d0, ..., dh]``
    (input first) and polynomial activation ``sigma``: hidden layers
    ``x_i = sigma(W_i x_{i-1} + b_i)``, last layer linear
    ``f = W_h x_{h-1} + b_h``.

    INPUT:

    - ``widths`` -- list of at least two positive integers, input first
    - ``activation`` -- (default ``2``) one of

      * a positive integer ``r``: ``sigma(t) = t^r`` (``r = 1``: a linear
        network);
      * a univariate polynomial with rational coefficients (e.g. an element
        of ``QQ['t']``) of degree at least 1;
      * the string ``'generic'``: a polynomial of degree
        ``activation_degree`` with ``sigma(0) = 0`` and random *rational*
        (not symbolic) coefficients drawn from the seed ``activation_seed``
        (default ``0``), see :func:`~sage_neuro.architectures.activation.generic_activation`.

    - ``bias`` -- (default ``False``) whether every layer has a bias vector
    - ``skip`` -- (default ``False``) residual network: every *hidden* layer
      ``i`` (``1 <= i <= h-1``) with ``d_{i-1} = d_i`` gets the identity skip
      connection ``x_i = sigma(W_i x_{i-1} + b_i) + x_{i-1}``; the other
      layers, and always the (linear) last layer, have none.  At least one
      hidden layer must have equal input and output widths.
    - ``activation_degree``, ``activation_seed`` -- for ``activation='generic'`` only

    With ``sigma(t) = t^r`` and ``bias=False`` the parametrization is
    homogeneous and the neuromanifold a cone: ``dimension()`` is the affine
    dimension of the cone, ``degree()`` the degree of the projective variety.

    EXAMPLES::

        sage: from sage_neuro.architectures.mlp import PolynomialMLP
        sage: PolynomialMLP([3, 2, 1])
        PolynomialMLP([3, 2, 1], activation=2)
        sage: PolynomialMLP([2, 1, 1], activation=3).output_polynomials([2, 1, 5])
        [40*x0^3 + 60*x0^2*x1 + 30*x0*x1^2 + 5*x1^3]
        sage: R.<t> = QQ[]
        sage: PolynomialMLP([1, 1, 1], activation=t^2 + t, bias=True).output_polynomials()
        [w1_0_0^2*w2_0_0*x0^2 + (2*w1_0_0*b1_0*w2_0_0 + w1_0_0*w2_0_0)*x0 + b1_0^2*w2_0_0 + b1_0*w2_0_0 + b2_0]
        sage: PolynomialMLP([2, 2, 1], activation='generic', activation_degree=2)
        PolynomialMLP([2, 2, 1], activation='generic', activation_degree=2, activation_seed=0)
        sage: PolynomialMLP([2, 2, 1], skip=True).output_polynomials([1, 0, 0, 1, 1, 1])
        [x0^2 + x1^2 + x0 + x1]

    Bad input::

        sage: PolynomialMLP([2, 2, 1], activation=0)
        Traceback (most recent call last):
        ...
        ValueError: activation must be a positive integer r (sigma(t) = t^r), a univariate polynomial over QQ of degree >= 1, or the string 'generic' (with activation_degree=D); got 0
        sage: PolynomialMLP([2, 2, 1], activation=2.0)
        Traceback (most recent call last):
        ...
        TypeError: activation must be ... got 2.0... (...)
        sage: PolynomialMLP([2, 3, 1], skip=True)
        Traceback (most recent call last):
        ...
        ValueError: skip=True needs a hidden layer whose input and output widths are equal (identity skip connections need equal consecutive widths d_{i-1} = d_i); widths [2, 3, 1] have none
    """

    family = "mlp"

    def __init__(self, widths, activation=2, bias=False, skip=False,
                 activation_degree=None, activation_seed=None):
        self._widths = check_widths(widths)
        self._activation_spec, self._sigma = parse_activation(
            activation, activation_degree, activation_seed)
        if not isinstance(bias, bool):
            raise TypeError("bias must be True or False, not %r" % (bias,))
        if not isinstance(skip, bool):
            raise TypeError("skip must be True or False, not %r" % (skip,))
        self._bias = bias
        self._skip = skip
        w = self._widths
        self._skip_layers = tuple(i for i in range(1, len(w) - 1) if w[i - 1] == w[i]) if skip else ()
        if skip and not self._skip_layers:
            raise ValueError("skip=True needs a hidden layer whose input and output widths are "
                             "equal (identity skip connections need equal consecutive widths "
                             "d_{i-1} = d_i); widths %s have none" % list(w))
        # sigma as (monomial degree and coefficient) when it has a single term
        coeffs = self._sigma.coefficients(sparse=False)
        nz = [k for k, c in enumerate(coeffs) if c != 0]
        self._monomial = Integer(nz[0]) if len(nz) == 1 else None

    # -- accessors -------------------------------------------------------------

    def widths(self):
        r"""
        Return the widths, input first.

        OUTPUT: a tuple of Integers

        EXAMPLES::

            sage: from sage_neuro.architectures.mlp import PolynomialMLP
            sage: PolynomialMLP([3, 2, 2]).widths()
            (3, 2, 2)
        """
        return self._widths

    def depth(self):
        r"""
        Return the number ``h`` of layers (hidden layers plus the output layer).

        OUTPUT: an Integer

        EXAMPLES::

            sage: from sage_neuro.architectures.mlp import PolynomialMLP
            sage: PolynomialMLP([2, 2, 2, 1]).depth()
            3
        """
        return Integer(len(self._widths) - 1)

    def activation_degree(self):
        r"""
        Return the degree of the activation.

        OUTPUT: an Integer

        EXAMPLES::

            sage: from sage_neuro.architectures.mlp import PolynomialMLP
            sage: PolynomialMLP([2, 1], activation=3).activation_degree()
            3
        """
        return Integer(self._sigma.degree())

    def skip_layers(self):
        r"""
        Return the hidden layers ``i`` that have an identity skip connection
        ``x_i = sigma(W_i x_{i-1} + b_i) + x_{i-1}`` (empty unless ``skip=True``).

        OUTPUT: a tuple of layer indices (``1`` is the first hidden layer)

        EXAMPLES::

            sage: from sage_neuro.architectures.mlp import PolynomialMLP
            sage: PolynomialMLP([2, 2, 3, 3, 1], skip=True).skip_layers()
            (1, 3)
            sage: PolynomialMLP([2, 2, 3, 3, 1]).skip_layers()
            ()
        """
        return self._skip_layers

    def num_hidden_neurons(self):
        r"""
        Return ``d_1 + ... + d_{h-1}``.

        OUTPUT: an Integer

        EXAMPLES::

            sage: from sage_neuro.architectures.mlp import PolynomialMLP
            sage: PolynomialMLP([3, 2, 4, 1]).num_hidden_neurons()
            6
        """
        return Integer(sum(self._widths[1:-1]))

    def _repr_args(self):
        s = str([int(w) for w in self._widths])
        spec = self._activation_spec
        if isinstance(spec, tuple):
            s += ", activation='generic', activation_degree=%s, activation_seed=%s" % spec[1:]
        else:
            s += ", activation=%s" % (spec,)
        if self._bias:
            s += ", bias=True"
        if self._skip:
            s += ", skip=True"
        return s

    def _same_kind(self, widths):
        # an architecture with other widths and the same activation and flags
        spec = self._activation_spec
        kw = {"bias": self._bias}
        if isinstance(spec, tuple):
            kw.update(activation="generic", activation_degree=spec[1], activation_seed=spec[2])
        else:
            kw["activation"] = spec
        if self._skip and any(widths[i - 1] == widths[i] for i in range(1, len(widths) - 1)):
            kw["skip"] = True
        return PolynomialMLP(widths, **kw)

    # -- the parametrization ---------------------------------------------------

    def _parameter_names(self):
        names = []
        w = self._widths
        for l in range(1, len(w)):
            names.extend("w%d_%d_%d" % (l, i, j) for i in range(w[l]) for j in range(w[l - 1]))
            if self._bias:
                names.extend("b%d_%d" % (l, i) for i in range(w[l]))
        return names

    def _input_dimension(self):
        return self._widths[0]

    def _split(self, theta):
        # [(W, b)] per layer as lists of lists / lists (b None without bias)
        return dense_layers(theta, self._widths, self._bias)[0]

    def weight_matrices(self, theta=None):
        r"""
        Return the weight matrices ``[W_1, ..., W_h]`` (``W_l`` of size
        ``d_l x d_{l-1}``), symbolic or at the parameter point ``theta``.

        INPUT:

        - ``theta`` -- (default ``None``) a list of :meth:`num_parameters` numbers

        OUTPUT: a list of matrices

        EXAMPLES::

            sage: from sage_neuro.architectures.mlp import PolynomialMLP
            sage: PolynomialMLP([2, 1, 1], bias=True).weight_matrices()
            [[w1_0_0 w1_0_1], [w2_0_0]]
        """
        theta = self._theta(theta)
        return [matrix(len(W), len(W[0]), sum(W, [])) for W, _ in self._split(theta)]

    def bias_vectors(self, theta=None):
        r"""
        Return the bias vectors ``[b_1, ..., b_h]`` (empty list without bias),
        symbolic or at ``theta`` (as in :meth:`weight_matrices`), as a list
        of lists.

        EXAMPLES::

            sage: from sage_neuro.architectures.mlp import PolynomialMLP
            sage: PolynomialMLP([2, 2, 1], bias=True).bias_vectors()
            [[b1_0, b1_1], [b2_0]]
            sage: PolynomialMLP([2, 2, 1]).bias_vectors()
            []
        """
        if not self._bias:
            return []
        return [b for _, b in self._split(self._theta(theta))]

    def _theta(self, theta):
        if theta is None:
            return list(self.parameter_ring().gens())
        return check_point(theta, self.num_parameters())

    def _forward(self, theta, x):
        # the output polynomials for the parameter values theta (elements of
        # any ring containing x)
        layers = self._split(theta)
        h = len(layers)
        r = self._monomial
        if r is not None:
            c = self._sigma.leading_coefficient()

            def sigma(z):
                return z ** r if c == 1 else c * z ** r
        else:
            coeffs = list(self._sigma)

            def sigma(z):
                return horner(coeffs, z)
        cur = list(x)
        for l, (W, b) in enumerate(layers, 1):
            z = [sum(wij * xj for wij, xj in zip(row, cur)) for row in W]
            if b is not None:
                z = [zi + bi for zi, bi in zip(z, b)]
            if l < h:
                z = [sigma(zi) for zi in z]
                if l in self._skip_layers:
                    z = [zi + xi for zi, xi in zip(z, cur)]
            cur = z
        return cur

    # -- symmetries --------------------------------------------------------------

    def rescalable_layers(self):
        r"""
        Return the hidden layers whose neurons carry a rescaling (for a
        monomial activation, see :meth:`symmetry_dimension`) and a
        permutation: the hidden layers *without* a skip connection.

        A skip connection ``x_i = sigma(W_i x_{i-1} + b_i) + x_{i-1}`` ties
        neuron ``j`` of layer ``i`` to coordinate ``j`` of ``x_{i-1}``; a
        rescaling or permutation of layer ``i`` alone would change the
        identity path. Rescaling neuron ``j`` of a layer ``i`` without skip
        by ``x_{i, j} -> lambda x_{i, j}`` still extends through the skip
        layers ``i + 1, ..., k`` that follow it (row ``j`` of ``W_{i+1}``
        times ``mu`` with ``mu^r = lambda``, column ``j`` times
        ``lambda^-1``: then ``sigma(W' x') = lambda sigma(W x)`` and the
        identity path is rescaled by ``lambda`` as well), and the same holds
        for permutations. So each hidden layer without skip connection
        contributes its neurons; the skip layers contribute nothing of
        their own.

        OUTPUT: a list of layer indices

        EXAMPLES::

            sage: from sage_neuro.architectures.mlp import PolynomialMLP
            sage: PolynomialMLP([3, 2, 2, 1], skip=True).rescalable_layers()
            [1]
            sage: PolynomialMLP([2, 2, 2], skip=True).rescalable_layers()
            []
        """
        s = self._skip_layers
        return [i for i in range(1, len(self._widths) - 1) if i not in s]

    def rescaling_center(self):
        r"""
        Return the point ``s`` about which the hidden neurons can be
        rescaled, or ``None`` when they cannot.

        Rescalings need ``sigma(s + c z) - sigma(s) = c^r (sigma(s + z) -
        sigma(s))``, i.e. ``sigma(t) = a (t - s)^r + sigma(s)``, ``r >= 2``
        (a *shifted monomial*). Without bias only ``s = 0`` and
        ``sigma(0) = 0`` work (``sigma = a t^r``); with bias every shifted
        monomial does, the shift and the constant being absorbed by the
        biases: every quadratic ``sigma`` (e.g. ``t^2 + t = (t + 1/2)^2 -
        1/4``), but not ``t^3 + t``. Linear networks (``r = 1``) have the
        larger ``GL``/``Aff`` actions instead and return ``None``.

        OUTPUT: a rational number or ``None``

        EXAMPLES::

            sage: from sage_neuro.architectures.mlp import PolynomialMLP
            sage: R.<t> = QQ[]
            sage: PolynomialMLP([2, 2, 1], activation=3).rescaling_center()
            0
            sage: PolynomialMLP([2, 2, 1], activation=t^2 + t).rescaling_center() is None
            True
            sage: PolynomialMLP([2, 2, 1], activation=t^2 + t, bias=True).rescaling_center()
            -1/2
            sage: PolynomialMLP([2, 2, 1], activation=t^3 + t, bias=True).rescaling_center() is None
            True
        """
        sigma = self._sigma
        r = sigma.degree()
        if r < 2:
            return None
        if self._monomial is not None:
            return sigma.base_ring().zero()
        if not self._bias:
            return None
        s = -sigma[r - 1] / (r * sigma[r])
        shifted = sigma(sigma.parent().gen() + s)
        if any(shifted[k] != 0 for k in range(1, r)):
            return None
        return s

    def is_cone(self):
        r"""
        Return ``True``: the last layer is linear, so scaling its weights
        (and bias) scales the output, and every neuromanifold of an MLP is a
        cone, with or without bias.

        EXAMPLES::

            sage: from sage_neuro.architectures.mlp import PolynomialMLP
            sage: PolynomialMLP([2, 1, 2], bias=True).is_cone()
            True
        """
        return True

    def symmetry_dimension(self):
        r"""
        Return the dimension of the known continuous symmetry group.

        - ``sigma(t) = c t`` (linear network): ``GL(d_i)`` at each hidden
          layer, ``sum d_i^2`` as for
          :class:`~sage_neuro.architectures.linear.LinearNetwork`; with
          ``bias=True`` the affine group ``Aff(d_i)`` (``(W_i, b_i) ->
          (g W_i, g b_i + v)``, ``b_{i+1} -> b_{i+1} - W_{i+1} g^-1 v``), of
          dimension ``d_i^2 + d_i``.
        - ``sigma(t) = c t^r``, ``r >= 2``: one rescaling per hidden neuron
          (incoming weights and bias times ``lambda``, outgoing weights times
          ``lambda^-r``), with or without bias -- except the neurons of a
          layer with a skip connection, whose identity path cannot be
          rescaled on its own; a rescaling of the layer before a run of
          skip layers extends through them (see :meth:`rescalable_layers`).
        - with ``bias=True``, the same for a *shifted* monomial
          ``sigma(t) = a (t - s)^r + c``, ``r >= 2`` (every quadratic
          activation), rescaled about ``s`` (:meth:`rescaling_center`).
        - any other polynomial activation (e.g. ``t^2 + t`` without bias,
          ``t^3 + t``): ``0``. Lower-order terms break the rescalings; only
          finite symmetries are left (permutations of hidden neurons and
          possibly sign changes, see :meth:`symmetries`).

        The generic fiber of ``mu`` can be larger than this group: the
        Alexander-Hirschowitz defects (``[3, 2, 1]`` with ``t^2``), and for
        quadratic activations and one output the orthogonal group of the
        quadric ``sum_j a_j l_j^2`` (``[3, 2, 1]`` with ``t^2 + t``:
        fibers of dimension 1).

        OUTPUT: an Integer

        EXAMPLES::

            sage: from sage_neuro.architectures.mlp import PolynomialMLP
            sage: PolynomialMLP([3, 2, 4, 1]).symmetry_dimension()
            6
            sage: PolynomialMLP([3, 2, 4, 1], bias=True).symmetry_dimension()
            6
            sage: PolynomialMLP([3, 2, 4, 1], activation=1).symmetry_dimension()
            20
            sage: PolynomialMLP([3, 2, 4, 1], activation=1, bias=True).symmetry_dimension()
            26
            sage: R.<t> = QQ[]
            sage: PolynomialMLP([3, 2, 4, 1], activation=t^2 + t).symmetry_dimension()
            0
            sage: PolynomialMLP([3, 2, 4, 1], activation=t^2 + t, bias=True).symmetry_dimension()
            6
            sage: PolynomialMLP([2, 2, 3, 1], skip=True).symmetry_dimension()
            3
            sage: PolynomialMLP([3, 2, 2, 1], activation=3, skip=True).symmetry_dimension()
            2

        Compared with the generic fiber dimension ``N - dim M``::

            sage: net = PolynomialMLP([3, 2, 2, 1], activation=3, skip=True)
            sage: net.num_parameters() - net.neuromanifold().dimension()
            2
        """
        hidden = self._widths[1:-1]
        if self._monomial == 1:
            return Integer(sum(d ** 2 + (d if self._bias else 0) for d in hidden))
        if self.rescaling_center() is not None:
            return Integer(sum(self._widths[i] for i in self.rescalable_layers()))
        return Integer(0)

    def expected_dimension(self):
        r"""
        Return the expected dimension: parameters minus
        :meth:`symmetry_dimension`, capped by the ambient dimension (and at
        least ``0``).  For ``sigma(t) = t^r``, ``r >= 2``, no bias and no skip
        this is the Kileel-Trager-Bruna expected dimension
        ``min(ambient, sum d_{i-1} d_i - sum_{i=1}^{h-1} d_i)``; the true
        dimension is smaller in defective cases (e.g. ``[3, 2, 1]``, ``r = 2``).
        It is an upper bound, not always attained: besides the
        Alexander-Hirschowitz defects, a group of layers whose own
        neuromanifold fills its function space has larger fibers than the
        rescalings (``[2, 2, 1, 2]``: the inner ``[2, 2, 1]`` gives every
        binary quadric, so the dimension is ``4``, not ``5``).

        OUTPUT: an Integer

        EXAMPLES::

            sage: from sage_neuro.architectures.mlp import PolynomialMLP
            sage: PolynomialMLP([3, 2, 2]).expected_dimension()
            8
            sage: PolynomialMLP([3, 2, 1]).expected_dimension()
            6
            sage: net = PolynomialMLP([2, 2, 1, 2])
            sage: net.expected_dimension(), net.neuromanifold().dimension()
            (5, 4)
        """
        return max(Integer(0), super().expected_dimension())

    def symmetries(self):
        r"""
        Return descriptions of the known symmetries acting on the parameters
        (their orbits lie in the fibers of ``mu``).

        Rescalings exist for monomial activations ``c t^r``, ``r >= 2``
        (and shifted monomials with bias, :meth:`rescaling_center`);
        permutations of the neurons of a hidden layer always (except at layers
        with a skip connection; those of a layer followed by skip layers
        extend through them, :meth:`rescalable_layers`); sign changes when
        ``sigma`` is even (incoming weights and bias of a neuron negated; for
        ``t^r``, ``r`` even, this is the rescaling ``lambda = -1``, the part
        left after gauge-fixing the outgoing weights; at skip layers too) or
        odd and not monomial (incoming and outgoing weights negated).  Linear
        networks (``r = 1``) have the ``GL``/``Aff`` actions instead.

        OUTPUT: a list of strings

        EXAMPLES::

            sage: from sage_neuro.architectures.mlp import PolynomialMLP
            sage: for s in PolynomialMLP([3, 2, 1]).symmetries(): print(s)
            rescalings at hidden layer 1 (2 neurons): (row j of W_1, W_2[:, j]) -> (c row j of W_1, c^-2 W_2[:, j]), c != 0
            permutations of the 2 neurons of hidden layer 1 (rows of W_1, columns of W_2)
            sign changes at hidden layer 1 (sigma even): row j of W_1 -> -(row j of W_1); the rescaling c = -1
            sage: PolynomialMLP([3, 2, 1], activation=1).symmetries()
            ['GL(2) at hidden layer 1: (W_2, W_1) -> (W_2 g^-1, g W_1)']
            sage: PolynomialMLP([3, 1], activation=3).symmetries()
            []
            sage: PolynomialMLP([2, 2, 1], skip=True).symmetries()
            ['roots of unity at skip layer 1 (sigma = t^2): row j of W_1 -> zeta (row j of W_1), zeta^2 = 1; the identity path is untouched']
        """
        out = []
        w = self._widths
        h = len(w) - 1
        r = self._monomial
        if r == 1:
            for i in range(1, h):
                if self._bias:
                    out.append("Aff(%d) at hidden layer %d: (W_%d, b_%d, W_%d, b_%d) -> "
                               "(g W_%d, g b_%d + v, W_%d g^-1, b_%d - W_%d g^-1 v)"
                               % (w[i], i, i, i, i + 1, i + 1, i, i, i + 1, i + 1, i + 1))
                else:
                    out.append("GL(%d) at hidden layer %d: (W_%d, W_%d) -> (W_%d g^-1, g W_%d)"
                               % (w[i], i, i + 1, i, i + 1, i))
                if i in self._skip_layers or i + 1 in self._skip_layers:
                    out[-1] += " (affinely on W + I at the skip connections)"
            return out
        inc = "row j of W_%d" + (" and b_%d[j]" if self._bias else "")
        even = all(c == 0 for c in list(self._sigma)[1::2])
        odd = all(c == 0 for c in list(self._sigma)[0::2])
        center = self.rescaling_center()
        for i in self.rescalable_layers():
            row = inc % ((i, i) if self._bias else (i,))
            if r is not None:
                out.append("rescalings at hidden layer %d (%d neurons): (%s, W_%d[:, j]) -> "
                           "(c %s, c^-%d W_%d[:, j]), c != 0"
                           % (i, w[i], row, i + 1, "(" + row + ")" if self._bias else row, r, i + 1))
            elif center is not None:
                out.append("rescalings at hidden layer %d (%d neurons) about the center %s of the "
                           "shifted monomial sigma: (%s) - %s -> c ((%s) - %s), W_%d[:, j] -> "
                           "c^-%d W_%d[:, j], the constants absorbed by b_%d, c != 0"
                           % (i, w[i], center, row, center, row, center, i + 1,
                              self._sigma.degree(), i + 1, i + 1))
            chain = []
            k = i + 1
            while k in self._skip_layers:
                chain.append(k)
                k += 1
            if chain and (center is not None or w[i] > 1):
                out[-1] += (" (extended through the skip layer(s) %s: row j of W_k times a root "
                            "of the factor of x_{k-1, j}, column j divided by it)"
                            % ", ".join(map(str, chain)))
            if w[i] > 1:
                out.append("permutations of the %d neurons of hidden layer %d (rows of W_%d%s, "
                           "columns of W_%d)" % (w[i], i, i, ", entries of b_%d" % i if self._bias else "",
                                                 i + 1))
            if even:
                out.append("sign changes at hidden layer %d (sigma even): %s -> -(%s)%s"
                           % (i, row, row, "; the rescaling c = -1" if r is not None else ""))
            elif odd and r is None:
                out.append("sign changes at hidden layer %d (sigma odd): (%s, W_%d[:, j]) -> "
                           "(-(%s), -W_%d[:, j])" % (i, row, i + 1, row, i + 1))
        for i in self._skip_layers:
            row = inc % ((i, i) if self._bias else (i,))
            if r is not None:
                out.append("roots of unity at skip layer %d (sigma = t^%d): %s -> zeta (%s), "
                           "zeta^%d = 1; the identity path is untouched" % (i, r, row, row, r))
            elif even:
                out.append("sign changes at skip layer %d (sigma even): %s -> -(%s); the "
                           "identity path is untouched" % (i, row, row))
        return out

    def subnetworks(self):
        r"""
        Return the architectures obtained by removing one neuron from a hidden
        layer of width at least 2, with the same activation and bias; ``skip``
        is kept when the new widths still allow a skip connection, else
        dropped.

        OUTPUT: a list of :class:`PolynomialMLP` (without repetitions)

        EXAMPLES::

            sage: from sage_neuro.architectures.mlp import PolynomialMLP
            sage: PolynomialMLP([3, 2, 3, 1], activation=3).subnetworks()
            [PolynomialMLP([3, 1, 3, 1], activation=3), PolynomialMLP([3, 2, 2, 1], activation=3)]
            sage: PolynomialMLP([2, 2, 1], skip=True, bias=True).subnetworks()
            [PolynomialMLP([2, 1, 1], activation=2, bias=True)]
            sage: PolynomialMLP([2, 1, 1]).subnetworks()
            []
        """
        return narrower_networks(self._widths, range(1, len(self._widths) - 1), self._same_kind)
