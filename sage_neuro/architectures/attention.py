r"""
Lightning self-attention networks ``X -> V X X^T K^T Q X``.

One layer of lightning (i.e. linear, softmax-free) self-attention takes an
input ``X`` in ``R^{d x t}`` (``t`` tokens of dimension ``d``) to
``V X X^T K^T Q X`` in ``R^{d_out x t}``, with queries and keys
``Q, K`` in ``R^{a x d}`` and values ``V`` in ``R^{d_out x d}``. Every
output entry is a cubic form in the ``d t`` entries of ``X``; the function
depends on the parameters only through ``V`` and ``K^T Q`` (a ``d x d``
matrix of rank at most ``a``). Deep networks compose such layers.

Conventions:

- the input variables of :meth:`~sage_neuro.architectures.base.Architecture.monomial_basis`
  are ``x0, ..., x{d t - 1}`` with ``X[i, j] = x_{i t + j}`` (row-major:
  token ``j`` is column ``j``);
- output ``i t + j`` (the ``i``-th output of the base class) is the entry
  ``(i, j)`` of the output matrix, so the coordinate ``c{i t + j}_{k}`` is
  the coefficient of the ``k``-th basis monomial in that entry;
- the parameters are, layer by layer, the entries of ``Q_l``, ``K_l``,
  ``V_l`` in row-major order, named ``q{l}_{row}_{col}``, ``k{l}_{row}_{col}``,
  ``v{l}_{row}_{col}`` (layers counted from 1).

The neuromanifold is a cone (no bias, the map is homogeneous): its
dimension is the affine dimension of the cone.

For one layer with ``a <= d`` and enough tokens the neuromanifold has
dimension ``2 a d + d d_out - a^2 - 1`` (Henry-Marchetti-Kohn, ICLR 2025,
arXiv 2408.17221); Kohn's example ``a = d = t = 2``, ``d_out = 1`` is
5-dimensional.

EXAMPLES::

    sage: from sage_neuro.architectures.attention import LightningSelfAttention
    sage: net = LightningSelfAttention(2, 2, 1, 2)
    sage: net.num_parameters(), net.expected_dimension()
    (10, 5)
    sage: net.neuromanifold().dimension()
    5
    sage: net.input_matrix()
    [x0 x1]
    [x2 x3]
"""

from sage.matrix.constructor import matrix
from sage.rings.integer import Integer

from sage_neuro.architectures.base import Architecture
from sage_neuro.validation import check_positive_int, check_point


def _check_int_or_list(value, name, length):
    r"""
    Return ``value`` as a tuple of ``length`` positive Sage Integers: an
    integer is repeated, a list or tuple must have ``length`` entries.
    """
    if isinstance(value, (list, tuple)):
        if len(value) != length:
            raise ValueError("%s must be a positive integer or a list of %d positive integers "
                             "(one per layer), got %r" % (name, length, value))
        return tuple(check_positive_int(v, "%s[%d]" % (name, i)) for i, v in enumerate(value))
    return (check_positive_int(value, name),) * length


class LightningSelfAttention(Architecture):
    r"""
    The lightning self-attention network ``X -> V X X^T K^T Q X`` on
    ``t`` tokens of dimension ``d``, with attention dimension ``a`` and
    output token dimension ``d_out``; with ``layers = L > 1`` the
    composition of ``L`` such layers.

    Layer ``l`` maps token dimension ``dims[l-1]`` to ``dims[l]``, where
    ``dims = [d] + hidden_dims + [d_out]``; without ``hidden_dims`` the
    intermediate token dimension is ``d``. Its parameters are
    ``Q_l, K_l`` in ``R^{a_l x dims[l-1]}`` and ``V_l`` in
    ``R^{dims[l] x dims[l-1]}``.

    The input is a ``d x t`` matrix whose entries are the input variables
    ``x0, ..., x{d t - 1}``, ``X[i, j] = x_{i t + j}``; output number
    ``i t + j`` is the entry ``(i, j)`` of the ``d_out x t`` output. Each
    output of an ``L``-layer network is a form of degree ``3^L`` in the
    input variables.

    INPUT:

    - ``d`` -- positive integer, the input token dimension
    - ``a`` -- positive integer (the same for every layer) or list of
      ``layers`` positive integers: the attention (query/key) dimension
    - ``d_out`` -- positive integer, the output token dimension
    - ``t`` -- positive integer, the number of tokens
    - ``layers`` -- positive integer (default ``1``)
    - ``hidden_dims`` -- (default ``None``) list of ``layers - 1`` positive
      integers, the token dimensions between layers

    EXAMPLES::

        sage: from sage_neuro.architectures.attention import LightningSelfAttention
        sage: LightningSelfAttention(2, 2, 1, 2)
        LightningSelfAttention(d=2, a=2, d_out=1, t=2)
        sage: LightningSelfAttention(2, 1, 1, 2, layers=2, hidden_dims=[3])
        LightningSelfAttention(d=2, a=1, d_out=1, t=2, layers=2, hidden_dims=[3])
        sage: LightningSelfAttention(2, 0, 1, 2)
        Traceback (most recent call last):
        ...
        ValueError: a must be an integer >= 1, not 0
        sage: LightningSelfAttention(2, 1, 1, 2.5)
        Traceback (most recent call last):
        ...
        TypeError: t must be an integer, not 2.5... (...)
        sage: LightningSelfAttention(2, 1, 1, 2, layers=2, hidden_dims=[2, 2])
        Traceback (most recent call last):
        ...
        ValueError: hidden_dims must list layers - 1 = 1 token dimensions, got [2, 2]
    """

    family = "attention"

    def __init__(self, d, a, d_out, t, layers=1, hidden_dims=None):
        self._d = check_positive_int(d, "d")
        self._d_out = check_positive_int(d_out, "d_out")
        self._t = check_positive_int(t, "t")
        self._layers = check_positive_int(layers, "layers")
        L = int(self._layers)
        self._a_given_as_list = isinstance(a, (list, tuple))
        self._a = _check_int_or_list(a, "a", L)
        if hidden_dims is None:
            self._hidden_given = False
            hidden = (self._d,) * (L - 1)
        else:
            if isinstance(hidden_dims, (str, bytes)) or not isinstance(hidden_dims, (list, tuple)):
                raise TypeError("hidden_dims must be None or a list of positive integers, not %r"
                                % (hidden_dims,))
            if len(hidden_dims) != L - 1:
                raise ValueError("hidden_dims must list layers - 1 = %d token dimensions, got %r"
                                 % (L - 1, list(hidden_dims)))
            self._hidden_given = True
            hidden = tuple(check_positive_int(h, "hidden_dims[%d]" % i)
                           for i, h in enumerate(hidden_dims))
        self._dims = (self._d,) + hidden + (self._d_out,)

    # -- accessors -----------------------------------------------------------

    def token_dimensions(self):
        r"""
        Return the token dimensions ``(d, hidden..., d_out)``, input first.

        OUTPUT: a tuple of ``layers + 1`` Sage Integers

        EXAMPLES::

            sage: from sage_neuro.architectures.attention import LightningSelfAttention
            sage: LightningSelfAttention(3, 2, 1, 4, layers=3).token_dimensions()
            (3, 3, 3, 1)
        """
        return self._dims

    def attention_dimensions(self):
        r"""
        Return the attention dimensions ``(a_1, ..., a_L)``, one per layer.

        OUTPUT: a tuple of Sage Integers

        EXAMPLES::

            sage: from sage_neuro.architectures.attention import LightningSelfAttention
            sage: LightningSelfAttention(3, [2, 1], 1, 4, layers=2).attention_dimensions()
            (2, 1)
        """
        return self._a

    def num_tokens(self):
        r"""
        Return the number of tokens ``t``.

        EXAMPLES::

            sage: from sage_neuro.architectures.attention import LightningSelfAttention
            sage: LightningSelfAttention(2, 2, 1, 5).num_tokens()
            5
        """
        return self._t

    def depth(self):
        r"""
        Return the number of layers.

        EXAMPLES::

            sage: from sage_neuro.architectures.attention import LightningSelfAttention
            sage: LightningSelfAttention(2, 2, 1, 2, layers=2).depth()
            2
        """
        return self._layers

    def _repr_args(self):
        a = list(self._a) if self._a_given_as_list else self._a[0]
        s = "d=%s, a=%s, d_out=%s, t=%s" % (self._d, a, self._d_out, self._t)
        if self._layers != 1:
            s += ", layers=%s" % self._layers
        if self._hidden_given:
            s += ", hidden_dims=%s" % list(self._dims[1:-1])
        return s

    # -- the parametrization ---------------------------------------------------

    def _layer_shapes(self):
        # per layer: [(name, rows, cols)] for Q, K, V
        out = []
        for l in range(1, int(self._layers) + 1):
            a, din, dout = self._a[l - 1], self._dims[l - 1], self._dims[l]
            out.append([("q", a, din), ("k", a, din), ("v", dout, din)])
        return out

    def _parameter_names(self):
        names = []
        for l, shapes in enumerate(self._layer_shapes(), 1):
            for letter, r, c in shapes:
                names.extend("%s%d_%d_%d" % (letter, l, i, j) for i in range(r) for j in range(c))
        return names

    def _input_dimension(self):
        return self._d * self._t

    def weight_matrices(self, theta=None):
        r"""
        Return the list ``[(Q_1, K_1, V_1), ..., (Q_L, K_L, V_L)]``,
        symbolic (over the parameter ring) or at the point ``theta``.

        INPUT:

        - ``theta`` -- (default ``None``) a list of :meth:`num_parameters` numbers

        OUTPUT: a list of triples of matrices

        EXAMPLES::

            sage: from sage_neuro.architectures.attention import LightningSelfAttention
            sage: [(Q, K, V)] = LightningSelfAttention(2, 1, 1, 3).weight_matrices()
            sage: Q, K, V
            ([q1_0_0 q1_0_1], [k1_0_0 k1_0_1], [v1_0_0 v1_0_1])
            sage: LightningSelfAttention(2, 1, 1, 3).weight_matrices(list(range(6)))
            [([0 1], [2 3], [4 5])]
        """
        if theta is None:
            theta = self.parameter_ring().gens()
        else:
            theta = check_point(theta, self.num_parameters())
        out, pos = [], 0
        for shapes in self._layer_shapes():
            mats = []
            for _, r, c in shapes:
                mats.append(matrix(r, c, list(theta[pos:pos + r * c])))
                pos += r * c
            out.append(tuple(mats))
        return out

    def input_matrix(self, ring=None):
        r"""
        Return the ``d x t`` input matrix ``X`` with ``X[i, j] = x_{i t + j}``.

        INPUT:

        - ``ring`` -- (default ``None``: ``QQ[x0, ..., x{dt-1}]``) a
          polynomial ring with at least ``d t`` generators

        EXAMPLES::

            sage: from sage_neuro.architectures.attention import LightningSelfAttention
            sage: LightningSelfAttention(2, 1, 1, 3).input_matrix()
            [x0 x1 x2]
            [x3 x4 x5]
        """
        if ring is None:
            from sage.rings.polynomial.polynomial_ring_constructor import PolynomialRing
            from sage.rings.rational_field import QQ
            ring = PolynomialRing(QQ, "x", int(self._d * self._t))
        return matrix(ring, int(self._d), int(self._t), ring.gens()[:int(self._d * self._t)])

    def forward(self, X, theta=None):
        r"""
        Return the network's output ``V_L Y Y^T K_L^T Q_L Y`` (``Y`` the
        output of the previous layer, ``Y = X`` for the first) on the input
        matrix ``X``, with symbolic parameters or at ``theta``.

        INPUT:

        - ``X`` -- a ``d x t`` matrix
        - ``theta`` -- (default ``None``) a parameter point

        OUTPUT: a ``d_out x t`` matrix

        EXAMPLES::

            sage: from sage_neuro.architectures.attention import LightningSelfAttention
            sage: net = LightningSelfAttention(1, 1, 1, 2)
            sage: net.forward(matrix(QQ, [[1, 2]]), [1, 1, 1])
            [ 5 10]
            sage: net.forward(matrix(QQ, [[1, 2, 3]]), [1, 1, 1])
            Traceback (most recent call last):
            ...
            ValueError: X must be a 1 x 2 matrix (d x t), got 1 x 3
        """
        if X.nrows() != self._d or X.ncols() != self._t:
            raise ValueError("X must be a %s x %s matrix (d x t), got %s x %s"
                             % (self._d, self._t, X.nrows(), X.ncols()))
        Y = X
        for Q, K, V in self.weight_matrices(theta):
            # V (Y Y^T) (K^T Q) Y, grouped so that the parameter-free Gram
            # matrix and the small d x d matrix K^T Q are formed first
            Y = (V * (Y * Y.transpose())) * ((K.transpose() * Q) * Y)
        return Y

    def _outputs_at(self, theta, x):
        # lists of lists instead of Sage matrices, so that theta and x may be
        # dual numbers
        def mul(A, B):
            return [[sum(A[i][k] * B[k][j] for k in range(len(B))) for j in range(len(B[0]))]
                    for i in range(len(A))]

        def tr(A):
            return [list(r) for r in zip(*A)]
        d, t = int(self._d), int(self._t)
        Y = [list(x[i * t:(i + 1) * t]) for i in range(d)]
        pos = 0
        for shapes in self._layer_shapes():
            mats = []
            for _, r, c in shapes:
                mats.append([list(theta[pos + i * c:pos + (i + 1) * c]) for i in range(r)])
                pos += r * c
            Q, K, V = mats
            Y = mul(mul(V, mul(Y, tr(Y))), mul(mul(tr(K), Q), Y))
        return [v for row in Y for v in row]

    def _compute_outputs(self, P, x):
        Xring = x[0].parent()
        X = matrix(Xring, int(self._d), int(self._t), list(x))
        Y = X
        for Q, K, V in self.weight_matrices():
            M = (K.transpose() * Q).change_ring(Xring)
            Y = (V.change_ring(Xring) * (Y * Y.transpose())) * (M * Y)
        return [Y[i, j] for i in range(Y.nrows()) for j in range(Y.ncols())]

    # -- symmetries and dimensions ---------------------------------------------

    def symmetry_dimension(self):
        r"""
        Return the dimension of the generic orbit of the known symmetry
        group acting on the parameters (the generic fiber of the theorem
        symmetries), counted as follows:

        - in each layer ``l``, ``GL(a_l)`` acting by
          ``(K_l, Q_l) -> (g K_l, g^{-T} Q_l)``, which fixes ``K_l^T Q_l``:
          ``a_l^2`` when ``a_l <= d_{l-1}`` (the input token dimension of
          the layer); when ``a_l > d_{l-1}`` the generic stabilizer has
          dimension ``(a_l - d_{l-1})^2`` and the orbit dimension
          ``2 a_l d_{l-1} - d_{l-1}^2`` is counted instead (then
          ``K_l^T Q_l`` is a generic ``d_{l-1} x d_{l-1}`` matrix);
        - in each layer, the rescaling ``(V_l, K_l) -> (c V_l, c^{-1} K_l)``:
          ``1``;
        - between layers ``l`` and ``l + 1``, ``GL(d_l)`` acting by
          ``V_l -> g V_l`` and ``(V_{l+1}, K_{l+1}, Q_{l+1}) ->
          (V_{l+1} g^{-1}, K_{l+1} g^{-1}, Q_{l+1} g^{-1})`` (the output
          ``Y`` of layer ``l`` becomes ``g Y`` and
          ``Y^T K^T Q Y`` is unchanged): ``d_l^2``.

        The scalar parts of these groups are independent (their weight
        vectors on the blocks ``(V_l, K_l, Q_l)`` span the whole torus that
        fixes the multidegree of the output), so for one layer with
        ``a <= d`` the count is ``a^2 + 1``, and
        ``num_parameters() - symmetry_dimension()`` is the
        Henry-Marchetti-Kohn dimension ``2 a d + d d_out - a^2 - 1``. For
        deep networks the count is the dimension of the group; it
        overestimates the orbit dimension if a hidden token dimension is
        so large that ``GL(d_l)`` has positive-dimensional stabilizers (the
        computed :meth:`~sage_neuro.neuromanifold.Neuromanifold.dimension`
        tells).

        OUTPUT: a Sage Integer

        EXAMPLES::

            sage: from sage_neuro.architectures.attention import LightningSelfAttention
            sage: LightningSelfAttention(2, 2, 1, 2).symmetry_dimension()
            5
            sage: LightningSelfAttention(2, 3, 1, 2).symmetry_dimension()  # 2*3*2 - 2^2 + 1
            9
            sage: LightningSelfAttention(2, 1, 1, 3, layers=2).symmetry_dimension()  # 2*(1+1) + 2^2
            8
        """
        total = Integer(0)
        for l in range(1, int(self._layers) + 1):
            a, din = self._a[l - 1], self._dims[l - 1]
            total += a ** 2 - max(0, a - din) ** 2 + 1
        total += sum(h ** 2 for h in self._dims[1:-1])
        return Integer(total)

    def symmetries(self):
        r"""
        Return a description of the known symmetry group (see
        :meth:`symmetry_dimension`).

        OUTPUT: a list of strings

        EXAMPLES::

            sage: from sage_neuro.architectures.attention import LightningSelfAttention
            sage: LightningSelfAttention(2, 2, 1, 2).symmetries()
            ['GL(2) at layer 1: (K_1, Q_1) -> (g K_1, g^-T Q_1)',
             'rescaling at layer 1: (V_1, K_1) -> (c V_1, c^-1 K_1)']
            sage: LightningSelfAttention(2, 1, 1, 2, layers=2).symmetries()[-1]
            'GL(2) between layers 1 and 2: (V_1, V_2, K_2, Q_2) -> (g V_1, V_2 g^-1, K_2 g^-1, Q_2 g^-1)'
        """
        out = []
        for l in range(1, int(self._layers) + 1):
            out.append("GL(%d) at layer %d: (K_%d, Q_%d) -> (g K_%d, g^-T Q_%d)"
                       % (self._a[l - 1], l, l, l, l, l))
            out.append("rescaling at layer %d: (V_%d, K_%d) -> (c V_%d, c^-1 K_%d)" % (l, l, l, l, l))
        for l in range(1, int(self._layers)):
            out.append("GL(%d) between layers %d and %d: (V_%d, V_%d, K_%d, Q_%d) -> "
                       "(g V_%d, V_%d g^-1, K_%d g^-1, Q_%d g^-1)"
                       % (self._dims[l], l, l + 1, l, l + 1, l + 1, l + 1, l, l + 1, l + 1, l + 1))
        return out

    def known_dimension(self):
        r"""
        Return the dimension of the neuromanifold predicted by the
        Henry-Marchetti-Kohn theorem, ``2 a d + d d_out - a^2 - 1``, for one
        layer with ``a <= d`` (valid when ``t`` is large enough; the tests
        find ``t >= 2`` suffices in the cases they check), and ``None``
        outside that range.

        EXAMPLES::

            sage: from sage_neuro.architectures.attention import LightningSelfAttention
            sage: LightningSelfAttention(2, 2, 1, 2).known_dimension()
            5
            sage: LightningSelfAttention(3, 2, 2, 3).known_dimension()
            13
            sage: LightningSelfAttention(2, 3, 1, 2).known_dimension() is None
            True
        """
        if self._layers != 1 or self._a[0] > self._d:
            return None
        a, d, e = self._a[0], self._d, self._d_out
        return Integer(2 * a * d + d * e - a ** 2 - 1)

    def subnetworks(self):
        r"""
        Return the architectures obtained by reducing the attention
        dimension ``a_l`` of one layer by one (layers with ``a_l >= 2``):
        their functions are those with ``rank(K_l^T Q_l) < a_l``, i.e. the
        parameters where one query/key neuron is removed.

        OUTPUT: a list of :class:`LightningSelfAttention`

        EXAMPLES::

            sage: from sage_neuro.architectures.attention import LightningSelfAttention
            sage: LightningSelfAttention(2, 2, 1, 2).subnetworks()
            [LightningSelfAttention(d=2, a=1, d_out=1, t=2)]
            sage: LightningSelfAttention(2, 1, 1, 2).subnetworks()
            []
            sage: LightningSelfAttention(3, [2, 1], 1, 2, layers=2).subnetworks()
            [LightningSelfAttention(d=3, a=[1, 1], d_out=1, t=2, layers=2)]
        """
        out = []
        hidden = list(self._dims[1:-1]) if self._hidden_given else None
        for l in range(int(self._layers)):
            if self._a[l] >= 2:
                a = list(self._a)
                a[l] -= 1
                if not self._a_given_as_list:
                    if len(set(a)) == 1:
                        a = a[0]
                net = LightningSelfAttention(self._d, a, self._d_out, self._t,
                                             layers=self._layers, hidden_dims=hidden)
                if net not in out:
                    out.append(net)
        return out
