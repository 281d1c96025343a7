r"""
Permutation-invariant polynomial networks of DeepSets type
``X -> rho(sum_j phi(x_j))`` (:class:`DeepSetsNetwork`), and
permutation-equivariant networks of layers
``Y_j = Lambda X_j + Gamma sum_k X_k + beta``
(:class:`PermutationEquivariantNetwork`).

The input is a set of ``n`` elements ``x_1, ..., x_n`` of ``R^d``, given as
one vector of length ``n d``: the input variable ``x{j d + c}`` is the
feature ``c`` of the element ``j`` (counting from ``0``). The symmetric
group ``S_n`` acts by permuting the elements. Following Zaheer et al.,
"Deep Sets" (arXiv 1703.06114, Theorem 2: every permutation-invariant
function of sets has the form ``rho(sum_j phi(x_j))``), the network is

.. MATH::

    f(x_1, \dots, x_n) = \rho\Big(\sum_{j=1}^n \phi(x_j)\Big),

where

- ``phi`` has widths ``phi_widths = [d, m_1, ..., m_k]``: every layer is
  ``y -> sigma(U_l y + a_l)`` (the activation after *every* layer of
  ``phi``: without it the last layer of ``phi`` and the first of ``rho``
  would compose to one linear map);
- ``rho`` has widths ``rho_widths = [m_k, e_1, ..., e_o]``: a polynomial MLP
  as :class:`~sage_neuro.architectures.mlp.PolynomialMLP`, hidden layers
  ``sigma(W_l z + b_l)``, the last layer linear;
- biases ``a_l``, ``b_l`` only with ``bias=True``.

Every output is a symmetric function of the ``n`` elements, so the
neuromanifold lies in the space of ``S_n``-invariant polynomials (for
``d = 1`` the symmetric polynomials): its dimension is bounded by
:meth:`~sage_neuro.architectures.equivariant.EquivariantArchitecture.equivariant_space_dimension`,
the number of ``S_n``-orbits of the monomials that occur (for ``d = 1``
and all monomials of degree ``D`` in ``n`` variables: the partitions of ``D``
into at most ``n`` parts).

With ``sigma = t^r``, no bias and ``d = 1``, every entry of ``phi(x_j)``
is a multiple of ``x_j^(r^k)`` (``k`` layers), so every function is a
polynomial in the one power sum ``p_(r^k)``; biases or an activation with
lower-order terms reach the other power sums.

EXAMPLES::

    sage: from sage_neuro.architectures.deepsets import DeepSetsNetwork
    sage: net = DeepSetsNetwork(3, [1, 2], [2, 1], bias=True)
    sage: net.output_polynomials([1, 1, 0, 1, 1, 1, 0])      # (x+0)^2 + (x+1)^2 summed
    [2*x0^2 + 2*x1^2 + 2*x2^2 + 2*x0 + 2*x1 + 2*x2 + 3]
    sage: M = net.neuromanifold()
    sage: M.dimension(), net.equivariant_space_dimension()   # all of A p_2 + B p_1 + C
    (3, 3)
"""

from sage.rings.integer import Integer

from sage_neuro.architectures.activation import PolynomialActivationLayers
from sage_neuro.architectures.base import dense_layers, narrower_networks
from sage_neuro.architectures.equivariant import (EquivariantArchitecture, activation_function, activation_keywords, activation_repr)
from sage_neuro.validation import check_point, check_positive_int, check_widths


class SymmetricGroupOnElements:
    r"""
    The action of the symmetric group ``S_n`` on the ``n`` elements of a
    set network (blocks of coordinates), shared by
    :class:`DeepSetsNetwork` and :class:`PermutationEquivariantNetwork`:
    its order and generators (the transposition of the first two elements
    and the cycle ``j -> j + 1``).

    EXAMPLES::

        sage: from sage_neuro.architectures.deepsets import DeepSetsNetwork, SymmetricGroupOnElements
        sage: net = DeepSetsNetwork(4, [1, 1], [1, 1])
        sage: isinstance(net, SymmetricGroupOnElements), net.group_order()
        (True, 24)
    """

    def group_order(self):
        r"""
        Return the order ``n!`` of the symmetric group.

        EXAMPLES::

            sage: from sage_neuro.architectures.deepsets import PermutationEquivariantNetwork
            sage: PermutationEquivariantNetwork(3, [1, 1]).group_order()
            6
        """
        return self._n.factorial()

    def element_permutations(self, block):
        r"""
        Return the generators of ``S_n`` as permutations of the ``n``
        blocks of ``block`` coordinates each (``x_j`` goes to
        ``x_{pi[j]}``); for ``n = 1``, the identity.

        EXAMPLES::

            sage: from sage_neuro.architectures.deepsets import DeepSetsNetwork
            sage: DeepSetsNetwork(3, [1, 2], [2, 1]).element_permutations(2)
            [[2, 3, 0, 1, 4, 5], [2, 3, 4, 5, 0, 1]]
        """
        n, c = int(self._n), int(block)
        perms = [[0]] if n == 1 else [[1, 0] + list(range(2, n)), [(j + 1) % n for j in range(n)]]
        return [[p[j // c] * c + j % c for j in range(n * c)] for p in perms]


class DeepSetsNetwork(SymmetricGroupOnElements, PolynomialActivationLayers, EquivariantArchitecture):
    r"""
    The permutation-invariant network ``rho(sum_{j=1}^n phi(x_j))`` on sets
    of ``n`` elements of ``R^d`` with polynomial MLPs ``phi`` (activation
    after every layer) and ``rho`` (last layer linear).

    Parameters, in this order: for each layer ``l`` of ``phi`` the entries
    of ``U_l`` row by row, ``u{l}_{i}_{j}`` (then ``a{l}_{i}`` with
    ``bias=True``); for each layer ``l`` of ``rho`` the entries of ``W_l``,
    ``w{l}_{i}_{j}`` (then ``b{l}_{i}``).

    INPUT:

    - ``n`` -- the set size, the degree of the symmetric group (``>= 1``)
    - ``phi_widths`` -- ``[d, m_1, ..., m_k]``, at least two positive
      integers, the element dimension first
    - ``rho_widths`` -- ``[m_k, e_1, ..., e_o]``, at least two positive
      integers, starting with the last width of ``phi``
    - ``activation`` -- (default ``2``) as for
      :class:`~sage_neuro.architectures.mlp.PolynomialMLP`: a positive
      integer ``r`` (``sigma(t) = t^r``), a univariate polynomial over
      ``QQ`` or ``'generic'`` (with ``activation_degree``,
      ``activation_seed``)
    - ``bias`` -- (default ``False``) whether every layer has a bias vector

    EXAMPLES::

        sage: from sage_neuro.architectures.deepsets import DeepSetsNetwork
        sage: net = DeepSetsNetwork(2, [2, 1], [1, 1]); net
        DeepSetsNetwork(2, [2, 1], [1, 1])
        sage: net.output_polynomials()
        [u1_0_0^2*w1_0_0*x0^2 + 2*u1_0_0*u1_0_1*w1_0_0*x0*x1 + u1_0_1^2*w1_0_0*x1^2 + u1_0_0^2*w1_0_0*x2^2 + 2*u1_0_0*u1_0_1*w1_0_0*x2*x3 + u1_0_1^2*w1_0_0*x3^2]
        sage: R.<t> = QQ[]
        sage: DeepSetsNetwork(3, [1, 1], [1, 1], activation=t^2 + t).output_polynomials([1, 1])
        [x0^2 + x1^2 + x2^2 + x0 + x1 + x2]

    Bad input::

        sage: DeepSetsNetwork(3, [1, 2], [3, 1])
        Traceback (most recent call last):
        ...
        ValueError: rho_widths must start with the last width of phi_widths (2), the dimension of sum_j phi(x_j); got [3, 1]
        sage: DeepSetsNetwork(3, [1], [1, 1])
        Traceback (most recent call last):
        ...
        ValueError: phi_widths must list at least 2 widths (input first, output last); got [1]
        sage: DeepSetsNetwork(0, [1, 1], [1, 1])
        Traceback (most recent call last):
        ...
        ValueError: n must be an integer >= 1, not 0
    """

    family = "deepsets"

    def __init__(self, n, phi_widths, rho_widths, activation=2, bias=False,
                 activation_degree=None, activation_seed=None):
        self._n = check_positive_int(n, "n")
        self._phi = check_widths(phi_widths, name="phi_widths")
        self._rho = check_widths(rho_widths, name="rho_widths")
        if self._rho[0] != self._phi[-1]:
            raise ValueError("rho_widths must start with the last width of phi_widths (%s), the "
                             "dimension of sum_j phi(x_j); got %s" % (self._phi[-1], list(rho_widths)))
        self._set_activation_and_bias(activation, activation_degree, activation_seed, bias)

    # -- accessors --------------------------------------------------------------------

    def set_size(self):
        r"""
        Return ``n``, the number of elements of an input set.

        OUTPUT: an Integer

        EXAMPLES::

            sage: from sage_neuro.architectures.deepsets import DeepSetsNetwork
            sage: DeepSetsNetwork(4, [2, 3], [3, 1]).set_size()
            4
        """
        return self._n

    def element_dimension(self):
        r"""
        Return ``d``, the dimension of an element.

        OUTPUT: an Integer

        EXAMPLES::

            sage: from sage_neuro.architectures.deepsets import DeepSetsNetwork
            sage: DeepSetsNetwork(4, [2, 3], [3, 1]).element_dimension()
            2
        """
        return self._phi[0]

    def phi_widths(self):
        r"""
        Return the widths of ``phi``, element dimension first.

        OUTPUT: a tuple of Integers

        EXAMPLES::

            sage: from sage_neuro.architectures.deepsets import DeepSetsNetwork
            sage: DeepSetsNetwork(4, [2, 3], [3, 1]).phi_widths()
            (2, 3)
        """
        return self._phi

    def rho_widths(self):
        r"""
        Return the widths of ``rho``, the width of ``sum_j phi(x_j)`` first.

        OUTPUT: a tuple of Integers

        EXAMPLES::

            sage: from sage_neuro.architectures.deepsets import DeepSetsNetwork
            sage: DeepSetsNetwork(4, [2, 3], [3, 2, 1]).rho_widths()
            (3, 2, 1)
        """
        return self._rho

    def _repr_args(self):
        s = "%s, %s, %s" % (self._n, [int(w) for w in self._phi], [int(w) for w in self._rho])
        s += activation_repr(self._spec)
        if self._bias:
            s += ", bias=True"
        return s

    def _hidden_widths(self):
        # the widths of the layers followed by the activation: all of phi's
        # layers and the hidden layers of rho
        return list(self._phi[1:]) + list(self._rho[1:-1])

    # -- the parametrization ------------------------------------------------------------

    def _parameter_names(self):
        names = []
        for prefix, bprefix, w in (("u", "a", self._phi), ("w", "b", self._rho)):
            for l in range(1, len(w)):
                names.extend("%s%d_%d_%d" % (prefix, l, i, j) for i in range(w[l]) for j in range(w[l - 1]))
                if self._bias:
                    names.extend("%s%d_%d" % (bprefix, l, i) for i in range(w[l]))
        return names

    def _input_dimension(self):
        return self._n * self._phi[0]

    def _split(self, theta):
        # ([(U, a)] for phi, [(W, b)] for rho); biases None without bias
        phi, pos = dense_layers(theta, self._phi, self._bias)
        return [phi, dense_layers(theta, self._rho, self._bias, start=pos)[0]]

    def _forward(self, theta, x):
        sigma = activation_function(self._sigma)
        phi, rho = self._split(theta)
        d, n = int(self._phi[0]), int(self._n)

        def layer(W, b, v, act):
            z = [sum(wij * vj for wij, vj in zip(row, v)) for row in W]
            if b is not None:
                z = [zi + bi for zi, bi in zip(z, b)]
            return [sigma(zi) for zi in z] if act else z
        total = None
        for j in range(n):
            h = list(x[j * d:(j + 1) * d])
            for W, b in phi:
                h = layer(W, b, h, True)
            total = h if total is None else [s + hi for s, hi in zip(total, h)]
        for l, (W, b) in enumerate(rho):
            total = layer(W, b, total, l < len(rho) - 1)
        return total

    def weight_matrices(self, theta=None):
        r"""
        Return ``([U_1, ..., U_k], [W_1, ..., W_o])``, the weight matrices of
        ``phi`` and ``rho`` as lists of rows, symbolic or at ``theta``.

        INPUT:

        - ``theta`` -- (optional) a parameter point

        OUTPUT: a pair of lists of matrices (lists of rows)

        EXAMPLES::

            sage: from sage_neuro.architectures.deepsets import DeepSetsNetwork
            sage: DeepSetsNetwork(3, [1, 2], [2, 1]).weight_matrices()
            ([[[u1_0_0], [u1_1_0]]], [[[w1_0_0, w1_0_1]]])
        """
        if theta is None:
            theta = list(self.parameter_ring().gens())
        else:
            theta = check_point(theta, self.num_parameters())
        phi, rho = self._split(theta)
        return [W for W, _ in phi], [W for W, _ in rho]

    # -- the group -----------------------------------------------------------------------

    def group_generators(self):
        r"""
        Return generators of ``S_n`` acting on the elements (blocks of ``d``
        input positions): the transposition of the first two elements and
        the cycle ``j -> j + 1``, as pairs (permutation of inputs,
        permutation of outputs); the outputs are invariant.

        OUTPUT: a list of pairs of lists

        EXAMPLES::

            sage: from sage_neuro.architectures.deepsets import DeepSetsNetwork
            sage: DeepSetsNetwork(3, [1, 2], [2, 1]).group_generators()
            [([1, 0, 2], [0]), ([1, 2, 0], [0])]
            sage: DeepSetsNetwork(2, [2, 2], [2, 1]).group_generators()
            [([2, 3, 0, 1], [0]), ([2, 3, 0, 1], [0])]
        """
        fixed = list(range(int(self._rho[-1])))
        return [(pi, fixed) for pi in self.element_permutations(self._phi[0])]

    def group_description(self):
        r"""
        Return a description of the group and its action.

        EXAMPLES::

            sage: from sage_neuro.architectures.deepsets import DeepSetsNetwork
            sage: DeepSetsNetwork(3, [2, 1], [1, 1]).group_description()
            'S_3 permuting the 3 elements (blocks of 2 input coordinates); the outputs are invariant'
        """
        return ("S_%s permuting the %s elements (blocks of %s input coordinates); the outputs are "
                "invariant" % (self._n, self._n, self._phi[0]))

    # -- symmetries, subnetworks, the unconstrained network -------------------------------

    def symmetry_dimension(self):
        r"""
        Return the dimension of the known continuous symmetry group of the
        parameters.

        - ``sigma(t) = c t^r``, ``r >= 2``: one rescaling per hidden neuron
          (every neuron of ``phi`` and the hidden neurons of ``rho``):
          incoming weights and bias times ``lambda``, outgoing weights times
          ``lambda^-r`` (the sum over the elements is linear, so a neuron of
          the last layer of ``phi`` is rescaled with the column of ``W_1``).
        - ``sigma(t) = c t`` (linear): ``GL(m)`` at each hidden layer of
          width ``m`` (``Aff(m)``, of dimension ``m^2 + m``, with bias: a
          shift ``v`` of the last layer of ``phi`` is compensated by
          ``b_1 -> b_1 - n W_1 v``).
        - any other activation: ``0``.

        The finite part (not counted): the permutations of the neurons of
        each hidden layer, and sign changes for even or odd activations as
        for :class:`~sage_neuro.architectures.mlp.PolynomialMLP`. The group
        ``S_n`` acts on the inputs, not on the parameters.

        OUTPUT: an Integer

        EXAMPLES::

            sage: from sage_neuro.architectures.deepsets import DeepSetsNetwork
            sage: DeepSetsNetwork(3, [1, 2], [2, 2, 1]).symmetry_dimension()
            4
            sage: DeepSetsNetwork(3, [1, 2], [2, 1], activation=1, bias=True).symmetry_dimension()
            6
            sage: R.<t> = QQ[]
            sage: DeepSetsNetwork(3, [1, 2], [2, 1], activation=t^2 + t).symmetry_dimension()
            0
        """
        hidden = self._hidden_widths()
        if self._monomial == 1:
            return Integer(sum(m ** 2 + (m if self._bias else 0) for m in hidden))
        if self._monomial is not None:
            return Integer(sum(hidden))
        return Integer(0)

    def symmetries(self):
        r"""
        Return descriptions of the known symmetries of the parameters.

        OUTPUT: a list of strings

        EXAMPLES::

            sage: from sage_neuro.architectures.deepsets import DeepSetsNetwork
            sage: for s in DeepSetsNetwork(3, [1, 2], [2, 1]).symmetries(): print(s)
            rescalings of the 2 neurons of phi layer 1: (row i of U_1, column i of W_1) -> (c row, c^-2 column)
            permutations of the 2 neurons of phi layer 1
        """
        out = []
        r = self._monomial
        layers = [("phi layer %d" % l, w) for l, w in enumerate(self._phi[1:], 1)]
        layers += [("rho layer %d" % l, w) for l, w in enumerate(self._rho[1:-1], 1)]
        nxt = ["U_%d" % l for l in range(2, len(self._phi))] + ["W_%d" % l for l in range(1, len(self._rho))]
        inc = ["U_%d" % l for l in range(1, len(self._phi))] + ["W_%d" % l for l in range(1, len(self._rho) - 1)]
        for (name, w), a, b in zip(layers, inc, nxt):
            if r == 1:
                out.append("%s(%s) at %s: (%s, %s) -> (g %s, %s g^-1)"
                           % ("Aff" if self._bias else "GL", w, name, a, b, a, b))
                continue
            if r is not None:
                out.append("rescalings of the %s neurons of %s: (row i of %s, column i of %s) -> "
                           "(c row, c^-%s column)" % (w, name, a, b, r))
            if w > 1:
                out.append("permutations of the %s neurons of %s" % (w, name))
        return out

    def subnetworks(self):
        r"""
        Return the architectures with one neuron removed from a hidden layer
        (of ``phi``, or a hidden layer of ``rho``) of width at least ``2``.

        OUTPUT: a list of :class:`DeepSetsNetwork`

        EXAMPLES::

            sage: from sage_neuro.architectures.deepsets import DeepSetsNetwork
            sage: DeepSetsNetwork(3, [1, 2], [2, 2, 1]).subnetworks()
            [DeepSetsNetwork(3, [1, 1], [1, 2, 1]), DeepSetsNetwork(3, [1, 2], [2, 1, 1])]
        """
        out = []
        kw = dict(bias=self._bias, **activation_keywords(self._spec))
        for i in range(1, len(self._phi)):
            if self._phi[i] > 1:
                p = list(self._phi)
                p[i] -= 1
                r = list(self._rho)
                if i == len(p) - 1:
                    r[0] -= 1
                out.append(DeepSetsNetwork(self._n, p, r, **kw))
        def make(r):
            return DeepSetsNetwork(self._n, list(self._phi), r, **kw)
        rho = narrower_networks(self._rho, range(1, len(self._rho) - 1), make)
        return out + [net for net in rho if net not in out]

    def unconstrained_architecture(self):
        r"""
        Return the fully connected network with the same widths: the
        :class:`~sage_neuro.architectures.mlp.PolynomialMLP` with widths
        ``[n d, n m_1, ..., n m_k, e_1, ..., e_o]``, same activation and
        bias. ``phi`` applied to each element is a block-diagonal layer
        with equal blocks, and the sum followed by ``W_1`` is the layer
        ``[W_1 ... W_1]``: this network's neuromanifold contains the
        DeepSets one.

        OUTPUT: a :class:`~sage_neuro.architectures.mlp.PolynomialMLP`

        EXAMPLES::

            sage: from sage_neuro.architectures.deepsets import DeepSetsNetwork
            sage: DeepSetsNetwork(3, [1, 2], [2, 1], bias=True).unconstrained_architecture()
            PolynomialMLP([3, 6, 1], activation=2, bias=True)
        """
        from sage_neuro.architectures.mlp import PolynomialMLP
        widths = [self._n * w for w in self._phi] + list(self._rho[1:])
        return PolynomialMLP(widths, bias=self._bias, **activation_keywords(self._spec))


class PermutationEquivariantNetwork(SymmetricGroupOnElements, PolynomialActivationLayers,
                                    EquivariantArchitecture):
    r"""
    The ``S_n``-equivariant network of permutation-equivariant layers
    (Zaheer et al., "Deep Sets", arXiv 1703.06114, Lemma 3 and (4)): the
    input is a set of ``n`` elements with ``c_0`` channels, ``X_j`` in
    ``R^{c_0}`` (input variable ``x{j c_0 + a}`` is channel ``a`` of element
    ``j``), and layer ``l = 1, ..., L`` maps ``R^{n x c_{l-1}} -> R^{n x c_l}``,

    .. MATH::

        Y_j = \Lambda_l X_j + \Gamma_l \sum_{k=1}^n X_k + \beta_l,

    with ``c_l x c_{l-1}`` matrices ``Lambda_l``, ``Gamma_l`` (and a bias
    ``beta_l`` with ``bias=True``), the activation after every layer but
    the last. By Zaheer et al.'s Lemma 3 these are all the equivariant
    linear (affine) layers; the network satisfies ``f(g X) = g f(X)`` for
    every permutation ``g`` of the elements, with ``n c_L`` outputs (output
    ``j c_L + a`` is channel ``a`` of element ``j``).

    The linear network (``activation=1``, no bias) computes
    ``X_j -> A X_j`` on the sum-zero part and ``B`` on the mean part,
    where ``A = Lambda_L ... Lambda_1`` and ``B`` is the product of the
    ``Lambda_l + n Gamma_l``: for ``n >= 2`` its neuromanifold is the
    product of two copies of the matrices of rank at most ``min(c_l)``,
    of twice their dimension and the square of their degree.

    Parameters, in this order: for each layer ``l`` the entries of
    ``Lambda_l`` row by row, ``lam{l}_{a}_{b}``, those of ``Gamma_l``,
    ``gam{l}_{a}_{b}``, and (with ``bias=True``) ``b{l}_{a}``.

    INPUT:

    - ``n`` -- the set size (``>= 1``)
    - ``widths`` -- the channel numbers ``[c_0, ..., c_L]``, at least two
      positive integers, input first
    - ``activation`` -- (default ``2``) as for
      :class:`~sage_neuro.architectures.mlp.PolynomialMLP`
    - ``bias`` -- (default ``False``) whether every layer has a bias

    EXAMPLES::

        sage: from sage_neuro.architectures.deepsets import PermutationEquivariantNetwork
        sage: net = PermutationEquivariantNetwork(2, [1, 1, 1]); net
        PermutationEquivariantNetwork(2, [1, 1, 1])
        sage: net.output_polynomials([1, 0, 1, 1])
        [2*x0^2 + x1^2, x0^2 + 2*x1^2]
        sage: net.is_equivariant(), net.group_order()
        (True, 2)
        sage: PermutationEquivariantNetwork(3, [2, 1, 2], activation=1).neuromanifold().dimension()
        6

    Bad input::

        sage: PermutationEquivariantNetwork(3, [2])
        Traceback (most recent call last):
        ...
        ValueError: widths must list at least 2 widths (input first, output last); got [2]
    """

    family = "permutation_equivariant"

    def __init__(self, n, widths, activation=2, bias=False, activation_degree=None,
                 activation_seed=None):
        self._n = check_positive_int(n, "n")
        self._widths = check_widths(widths)
        self._set_activation_and_bias(activation, activation_degree, activation_seed, bias)

    def set_size(self):
        r"""
        Return ``n``, the number of elements of an input set.

        EXAMPLES::

            sage: from sage_neuro.architectures.deepsets import PermutationEquivariantNetwork
            sage: PermutationEquivariantNetwork(4, [1, 2, 1]).set_size()
            4
        """
        return self._n

    def widths(self):
        r"""
        Return the channel numbers ``(c_0, ..., c_L)``.

        EXAMPLES::

            sage: from sage_neuro.architectures.deepsets import PermutationEquivariantNetwork
            sage: PermutationEquivariantNetwork(4, [1, 2, 1]).widths()
            (1, 2, 1)
        """
        return self._widths

    def _repr_args(self):
        s = "%s, %s" % (self._n, [int(w) for w in self._widths])
        s += activation_repr(self._spec)
        if self._bias:
            s += ", bias=True"
        return s

    def _parameter_names(self):
        names = []
        w = self._widths
        for l in range(1, len(w)):
            for prefix in ("lam", "gam"):
                names.extend("%s%d_%d_%d" % (prefix, l, a, b) for a in range(w[l]) for b in range(w[l - 1]))
            if self._bias:
                names.extend("b%d_%d" % (l, a) for a in range(w[l]))
        return names

    def _input_dimension(self):
        return self._n * self._widths[0]

    def _split(self, theta):
        out, pos = [], 0
        w = self._widths
        for l in range(1, len(w)):
            rows, cols = int(w[l]), int(w[l - 1])
            mats = []
            for _ in range(2):
                mats.append([list(theta[pos + a * cols: pos + (a + 1) * cols]) for a in range(rows)])
                pos += rows * cols
            b = None
            if self._bias:
                b = list(theta[pos:pos + rows])
                pos += rows
            out.append((mats[0], mats[1], b))
        return out

    def _forward(self, theta, x):
        sigma = activation_function(self._sigma)
        n = int(self._n)
        c = int(self._widths[0])
        X = [list(x[j * c:(j + 1) * c]) for j in range(n)]
        layers = self._split(theta)
        for l, (Lam, Gam, b) in enumerate(layers):
            S = [sum(X[j][a] for j in range(n)) for a in range(len(X[0]))]
            pooled = [sum(g * s for g, s in zip(row, S)) for row in Gam]
            Y = []
            for j in range(n):
                y = [sum(v * xa for v, xa in zip(row, X[j])) + p for row, p in zip(Lam, pooled)]
                if b is not None:
                    y = [yi + bi for yi, bi in zip(y, b)]
                if l < len(layers) - 1:
                    y = [sigma(yi) for yi in y]
                Y.append(y)
            X = Y
        return [v for y in X for v in y]

    def group_generators(self):
        r"""
        Return generators of ``S_n`` (the transposition of the first two
        elements and the cycle ``j -> j + 1``) as pairs (permutation of
        inputs, permutation of outputs): both permute blocks, of ``c_0``
        inputs and of ``c_L`` outputs.

        EXAMPLES::

            sage: from sage_neuro.architectures.deepsets import PermutationEquivariantNetwork
            sage: PermutationEquivariantNetwork(3, [1, 2, 1]).group_generators()
            [([1, 0, 2], [1, 0, 2]), ([1, 2, 0], [1, 2, 0])]
        """
        return list(zip(self.element_permutations(self._widths[0]),
                        self.element_permutations(self._widths[-1])))

    def group_description(self):
        r"""
        Return a description of the group and its action.

        EXAMPLES::

            sage: from sage_neuro.architectures.deepsets import PermutationEquivariantNetwork
            sage: PermutationEquivariantNetwork(3, [1, 2]).group_description()
            'S_3 permuting the 3 elements (blocks of 1 input and 2 output channels)'
        """
        return "S_%s permuting the %s elements (blocks of %s input and %s output channels)" % (
            self._n, self._n, self._widths[0], self._widths[-1])

    def symmetry_dimension(self):
        r"""
        Return the dimension of the known continuous symmetry group.

        - ``sigma(t) = c t^r``, ``r >= 2``: one rescaling per hidden channel
          (row ``a`` of ``Lambda_l``, ``Gamma_l``, ``beta_l`` times
          ``lambda``, column ``a`` of ``Lambda_{l+1}``, ``Gamma_{l+1}``
          times ``lambda^-r``);
        - ``sigma(t) = c t`` (linear, ``n >= 2``): the invertible
          equivariant maps of a hidden layer, ``GL(c) x GL(c)`` (one factor
          on the sum-zero part, one on the mean part), and with bias the
          shifts of the mean part: ``2 c^2 (+ c)``;
        - any other activation: ``0``.

        The finite part (not counted): permutations of the hidden channels,
        sign changes for even or odd activations.

        EXAMPLES::

            sage: from sage_neuro.architectures.deepsets import PermutationEquivariantNetwork
            sage: PermutationEquivariantNetwork(3, [1, 2, 3, 1]).symmetry_dimension()
            5
            sage: PermutationEquivariantNetwork(3, [2, 1, 2], activation=1).symmetry_dimension()
            2
        """
        hidden = self._widths[1:-1]
        if self._monomial == 1:
            if self._n == 1:
                return Integer(sum(c ** 2 + (c if self._bias else 0) for c in hidden))
            return Integer(sum(2 * c ** 2 + (c if self._bias else 0) for c in hidden))
        if self._monomial is not None:
            return Integer(sum(hidden))
        return Integer(0)

    def subnetworks(self):
        r"""
        Return the architectures with one hidden channel removed (from a
        hidden layer with at least two channels).

        EXAMPLES::

            sage: from sage_neuro.architectures.deepsets import PermutationEquivariantNetwork
            sage: PermutationEquivariantNetwork(2, [1, 2, 1]).subnetworks()
            [PermutationEquivariantNetwork(2, [1, 1, 1])]
        """
        def make(w):
            return PermutationEquivariantNetwork(self._n, w, bias=self._bias,
                                                 **activation_keywords(self._spec))
        return narrower_networks(self._widths, range(1, len(self._widths) - 1), make)

    def unconstrained_architecture(self):
        r"""
        Return the :class:`~sage_neuro.architectures.mlp.PolynomialMLP`
        with widths ``[n c_0, ..., n c_L]``, same activation and bias; an
        equivariant layer is the weight matrix ``I (x) Lambda + 1 1^T (x)
        Gamma``, so its neuromanifold contains this one.

        EXAMPLES::

            sage: from sage_neuro.architectures.deepsets import PermutationEquivariantNetwork
            sage: PermutationEquivariantNetwork(3, [1, 2, 1]).unconstrained_architecture()
            PolynomialMLP([3, 6, 3], activation=2)
        """
        from sage_neuro.architectures.mlp import PolynomialMLP
        return PolynomialMLP([self._n * c for c in self._widths], bias=self._bias,
                             **activation_keywords(self._spec))
