r"""
Losses of a network on a data set of samples, as functions of its
function-space point.

A network with outputs ``f_theta = (f_1, ..., f_h)`` (polynomials in the
input ``x``) has the function-space point ``c = mu(theta)``: the
coefficients ``c_{i,b}`` of the monomials ``m_b`` of
:meth:`~sage_neuro.architectures.base.Architecture.monomial_basis` in
``f_i`` (coordinate ``i * B + b``, ``B`` the number of monomials). At input
samples ``x_1, ..., x_k`` (the rows of ``X``) the network takes the values
``f_i(x_j) = sum_b c_{i,b} Phi_{j,b}`` with ``Phi_{j,b} = m_b(x_j)``, the
*evaluation matrix* of the monomial basis. So every loss of the values at
the samples is a loss of ``c``, and gradient descent on the parameters
only needs its value and gradient in ``c`` (the chain rule through the
Jacobian of ``mu``; see :mod:`sage_neuro.optimization.training`).

**The squared loss is a quadratic form in** ``c``. With outputs ``Y``
(``k x h``),

    ``L(c) = (1/k) sum_j ||f(x_j) - y_j||^2 = (c - c*)^T Q (c - c*) + r``

where ``Q = I_h (x) G``, ``G = Phi^T Phi / k`` is the Gram matrix of the
monomial basis for the empirical measure of the samples, ``c*`` any
least-squares fit (``Phi c*_i ~ Y[:, i]``) and ``r = L(c*)`` the residual:
the cross terms vanish by the normal equations. If ``Phi`` has full column
rank (``k >= B`` samples off the hypersurfaces where a ``B x B`` minor
vanishes), ``Q`` is positive definite, ``c*`` unique, and minimizing
``L`` over the neuromanifold is a weighted Euclidean distance problem in
function space: the ED problem of
:func:`~sage_neuro.optimization.critical_points.loss_critical_points` for
the inner product ``Q`` (the exact reduction to the standard inner product
is :class:`~sage_neuro.optimization.mse.SampledNetwork`). With fewer
samples ``Q`` is singular: functions differing by an element of the kernel
of ``Phi`` (vanishing at all samples) have the same loss, and the minimum
of ``L`` is in general smaller than the distance from the target function
in any norm on function space (see :func:`sample_gram_matrix`).

**The likelihood loss.** Outputs are read as unnormalised probabilities;
``Y`` holds nonnegative counts, and

    ``L(c) = - sum_j sum_i Y_ji log p_ji``

with ``p_ji = f_i(x_j) / sum_l f_l(x_j)`` for ``h >= 2`` outputs (at each
sample a distribution over the ``h`` output coordinates, as for a
classifier: the categorical cross-entropy) and, for ``h = 1``,
``p_j = f(x_j) / sum_l f(x_l)`` (a distribution over the ``k`` samples,
which are then the states of a discrete model: normalising a single output
by itself would give ``p = 1`` and a constant loss). The loss is defined
where every ``p`` is positive (the values to be normalised together have
one strict sign); elsewhere it is ``nan`` and the point is *outside the
positive orthant*: gradient descent never steps there, and runs starting
there are reported, not clipped.

EXAMPLES::

    sage: import numpy
    sage: from sage_neuro import LinearNetwork
    sage: from sage_neuro.optimization.samples import SquaredSampleLoss
    sage: X = numpy.array([[1., 0.], [0., 1.], [1., 1.]]); Y = numpy.array([[1.], [2.], [3.]])
    sage: L = SquaredSampleLoss(LinearNetwork([2, 1]), X, Y)
    sage: L.value(numpy.array([[1., 2.], [0., 0.]])).tolist()   # x0 + 2 x1 fits; 0 does not
    [0.0, 4.666666666666667]
"""

import numpy


def _as_array(A, name, ncols=None, what=None):
    try:
        A = numpy.array(A, dtype=float)
    except (TypeError, ValueError):
        raise TypeError("%s must be an array of numbers, got %r" % (name, A))
    if A.ndim != 2 or A.shape[0] == 0:
        raise ValueError("%s must be a nonempty 2-dimensional array (one row per sample), "
                         "got shape %s" % (name, A.shape))
    if ncols is not None and A.shape[1] != ncols:
        raise ValueError("%s must have %d columns (%s), got %d"
                         % (name, ncols, what, A.shape[1]))
    if not numpy.all(numpy.isfinite(A)):
        raise ValueError("%s must have finite entries" % name)
    return A


def check_samples(net, X, Y):
    r"""
    Check a data set for ``net`` and return it as float arrays ``(X, Y)``.

    INPUT:

    - ``net`` -- an architecture
    - ``X`` -- input samples, ``k x d0`` (``d0`` the input width)
    - ``Y`` -- outputs, ``k x h`` (``h`` the output width)

    OUTPUT: the pair of float arrays; a ``ValueError`` naming the argument
    if a shape, a width or an entry is not allowed

    EXAMPLES::

        sage: from sage_neuro import LinearNetwork
        sage: from sage_neuro.optimization.samples import check_samples
        sage: X, Y = check_samples(LinearNetwork([2, 1]), [[1, 0], [0, 1]], [[1], [2]])
        sage: X.shape, Y.shape
        ((2, 2), (2, 1))
        sage: check_samples(LinearNetwork([2, 1]), [[1, 0, 0]], [[1]])
        Traceback (most recent call last):
        ...
        ValueError: X must have 2 columns (the input width of LinearNetwork([2, 1])), got 3
        sage: check_samples(LinearNetwork([2, 1]), [[1, 0]], [[1], [2]])
        Traceback (most recent call last):
        ...
        ValueError: X and Y must have the same number of rows (samples), got 1 and 2
    """
    X = _as_array(X, "X", int(net._input_dimension()), "the input width of %r" % (net,))
    Y = _as_array(Y, "Y", int(net.num_outputs()), "the output width of %r" % (net,))
    if X.shape[0] != Y.shape[0]:
        raise ValueError("X and Y must have the same number of rows (samples), got %d and %d"
                         % (X.shape[0], Y.shape[0]))
    return X, Y


def monomial_evaluation(net, X):
    r"""
    Return the evaluation matrix ``Phi`` (``k x B``): the monomials of
    :meth:`~sage_neuro.architectures.base.Architecture.monomial_basis` at
    the rows of ``X``.

    INPUT:

    - ``net`` -- an architecture
    - ``X`` -- input samples, ``k x d0``

    OUTPUT: a float array ``k x B``

    EXAMPLES::

        sage: from sage_neuro import PolynomialMLP
        sage: from sage_neuro.optimization.samples import monomial_evaluation
        sage: net = PolynomialMLP([2, 1, 1]); net.monomial_basis()
        [x0^2, x0*x1, x1^2]
        sage: monomial_evaluation(net, [[1, 2], [3, -1]]).tolist()
        [[1.0, 2.0, 4.0], [9.0, -3.0, 1.0]]
    """
    X = _as_array(X, "X", int(net._input_dimension()), "the input width of %r" % (net,))
    E = numpy.array([m.exponents()[0] for m in net.monomial_basis()], dtype=numpy.int64)
    return numpy.prod(X[:, None, :] ** E[None, :, :], axis=2)


def sample_gram_matrix(net, X):
    r"""
    Return the matrix ``Q = I_h (x) Phi^T Phi / k`` of the squared sample
    loss as a quadratic form in the function-space coordinates (see the
    module documentation).

    It is positive definite exactly when the evaluation matrix has full
    column rank; with too few samples it is singular.

    INPUT:

    - ``net`` -- an architecture
    - ``X`` -- input samples, ``k x d0``

    OUTPUT: a symmetric positive semidefinite float array ``n x n``
    (``n = h B`` the ambient dimension)

    EXAMPLES::

        sage: import numpy
        sage: from sage_neuro import LinearNetwork
        sage: from sage_neuro.optimization.samples import sample_gram_matrix
        sage: Q = sample_gram_matrix(LinearNetwork([2, 1, 2]), [[1, 0], [0, 1], [1, 1]])
        sage: Q.shape, int(numpy.linalg.matrix_rank(Q))
        ((4, 4), 4)
        sage: int(numpy.linalg.matrix_rank(sample_gram_matrix(LinearNetwork([2, 1, 2]), [[1, 1]])))
        2
    """
    Phi = monomial_evaluation(net, X)
    G = Phi.T @ Phi / Phi.shape[0]
    return numpy.kron(numpy.eye(int(net.num_outputs())), G)


def least_squares_fit(net, X, Y):
    r"""
    Return ``(c_star, residual)``: a function-space point minimizing the
    squared sample loss over the whole function space (the minimum-norm
    one if the samples do not determine it) and that minimum.

    INPUT:

    - ``net`` -- an architecture
    - ``X``, ``Y`` -- input samples (``k x d0``) and outputs (``k x h``)

    OUTPUT: a pair (float array of length ``n``, float)

    EXAMPLES::

        sage: from sage_neuro import LinearNetwork
        sage: from sage_neuro.optimization.samples import least_squares_fit
        sage: c, r = least_squares_fit(LinearNetwork([2, 1]), [[1, 0], [0, 1], [1, 1]], [[1], [2], [4]])
        sage: [round(t, 6) for t in c], round(r, 6)
        ([1.333333, 2.333333], 0.111111)
    """
    X, Y = check_samples(net, X, Y)
    Phi = monomial_evaluation(net, X)
    C = numpy.linalg.lstsq(Phi, Y, rcond=None)[0]       # B x h
    c = C.T.reshape(-1)
    R = Phi @ C - Y
    return c, float((R * R).sum() / X.shape[0])


class _LossOnRows:
    # A loss on function space, evaluated at many points at once (the rows
    # of an array c of shape (T, n)); subclasses give _values and _gradients.

    def value(self, c):
        r"""
        Return the loss at the rows of ``c`` (``nan`` where the loss is not
        defined, as outside the positive orthant for the likelihood loss).

        INPUT:

        - ``c`` -- an array ``(T, n)`` of function-space points (one per row)

        OUTPUT: an array ``(T,)`` of losses

        EXAMPLES::

            sage: import numpy
            sage: from sage_neuro import LinearNetwork
            sage: from sage_neuro.optimization.samples import (FunctionSpaceLoss,
            ....:     SquaredSampleLoss, LikelihoodSampleLoss)
            sage: FunctionSpaceLoss(numpy.array([[1., 2.]])).value(numpy.array([[1., 0.]])).tolist()
            [4.0]
            sage: SquaredSampleLoss(LinearNetwork([2, 1]), [[1, 0]], [[3]]).value(numpy.array([[1., 5.]])).tolist()
            [4.0]
            sage: L = LikelihoodSampleLoss(LinearNetwork([2, 1]), [[1, 0], [0, 1]], [[1], [1]])
            sage: bool(numpy.isclose(L.value(numpy.array([[1., 1.]]))[0], 2 * log(2.)))
            True
        """
        return self._values(c)

    def gradient(self, c):
        r"""
        Return the gradient in ``c`` at the rows of ``c`` (``nan`` where the
        loss is not defined).

        INPUT: ``c`` as in :meth:`value`

        OUTPUT: an array ``(T, n)``: the gradients in ``c``

        EXAMPLES:

        The gradient of the squared sample loss against a difference
        quotient of :meth:`value`; the likelihood loss at its maximum::

            sage: import numpy
            sage: from sage_neuro import LinearNetwork
            sage: from sage_neuro.optimization.samples import SquaredSampleLoss, LikelihoodSampleLoss
            sage: L = SquaredSampleLoss(LinearNetwork([2, 1]), [[1, 0], [1, 2]], [[3], [1]])
            sage: c, h = numpy.array([[1., 5.]]), 1e-6
            sage: quotients = [(L.value(c + h * e) - L.value(c))[0] / h for e in numpy.eye(2)]
            sage: bool(numpy.allclose(L.gradient(c)[0], quotients, atol=1e-4))
            True
            sage: L = LikelihoodSampleLoss(LinearNetwork([2, 1]), [[1, 0], [0, 1]], [[1], [3]])
            sage: L.gradient(numpy.array([[1., 3.]])).tolist()    # the maximum: p = (1/4, 3/4)
            [[0.0, 0.0]]
        """
        return self._gradients(c)


class FunctionSpaceLoss(_LossOnRows):
    r"""
    The ED loss ``||c - u||^2`` to targets ``u`` (one row per run), or more
    generally the weighted loss ``(c - u)^T Q (c - u) + r``.

    INPUT:

    - ``targets`` -- array ``(T, n)``
    - ``weight`` -- (optional) a positive semidefinite ``n x n`` matrix ``Q``
    - ``offset`` -- (default ``0``) the constant ``r``

    EXAMPLES::

        sage: import numpy
        sage: from sage_neuro.optimization.samples import FunctionSpaceLoss
        sage: L = FunctionSpaceLoss(numpy.array([[1., 2.]]), weight=numpy.diag([1., 4.]), offset=1.)
        sage: L.value(numpy.array([[0., 0.]])).tolist(), L.gradient(numpy.array([[0., 0.]])).tolist()
        ([18.0], [[-2.0, -16.0]])
    """

    def __init__(self, targets, weight=None, offset=0.0):
        self.targets = numpy.array(targets, dtype=float)
        self.weight = None if weight is None else numpy.array(weight, dtype=float)
        self.offset = float(offset)

    def _values(self, c):
        r = c - self.targets
        if self.weight is None:
            return (r * r).sum(axis=1) + self.offset
        return numpy.einsum("ti,ij,tj->t", r, self.weight, r) + self.offset

    def _gradients(self, c):
        r = c - self.targets
        if self.weight is None:
            return 2 * r
        return 2 * r @ self.weight


class _SampleLoss(_LossOnRows):
    # the values f_i(x_j) of the function-space points c: (T, h, k)
    def __init__(self, net, X, Y):
        self.X, self.Y = check_samples(net, X, Y)
        self.Phi = monomial_evaluation(net, self.X)
        self.h = int(net.num_outputs())
        self.B = self.Phi.shape[1]

    def outputs(self, c):
        r"""
        Return the values ``f_i(x_j)`` of the functions with coefficient
        vectors the rows of ``c``: an array ``(T, h, k)``.

        INPUT:

        - ``c`` -- an array ``(T, n)`` of function-space points (one per row)

        OUTPUT: an array ``(T, h, k)``

        EXAMPLES::

            sage: import numpy
            sage: from sage_neuro import LinearNetwork
            sage: from sage_neuro.optimization.samples import SquaredSampleLoss
            sage: X = [[1, 0], [1, 1]]     # f = x0 + 2 x1 at the two samples
            sage: SquaredSampleLoss(LinearNetwork([2, 1]), X, [[0], [0]]).outputs(numpy.array([[1., 2.]])).tolist()
            [[[1.0, 3.0]]]
        """
        C = c.reshape(c.shape[0], self.h, self.B)
        return C @ self.Phi.T

    def _pull_back(self, dF):
        # dL/dc from dL/df(x_j): (T, h, k) -> (T, h * B)
        return (dF @ self.Phi).reshape(dF.shape[0], -1)


class SquaredSampleLoss(_SampleLoss):
    r"""
    The squared loss ``(1/k) sum_j ||f(x_j) - y_j||^2`` as a function of the
    function-space point (see the module documentation).

    INPUT:

    - ``net`` -- an architecture
    - ``X``, ``Y`` -- the samples (``k x d0``) and outputs (``k x h``)

    EXAMPLES::

        sage: import numpy
        sage: from sage_neuro import LinearNetwork
        sage: from sage_neuro.optimization.samples import SquaredSampleLoss
        sage: L = SquaredSampleLoss(LinearNetwork([2, 1]), [[1, 0], [0, 1]], [[1], [1]])
        sage: L.gradient(numpy.array([[0., 0.]])).tolist()
        [[-1.0, -1.0]]
    """

    def _values(self, c):
        R = self.outputs(c) - self.Y.T[None]
        return (R * R).sum(axis=(1, 2)) / self.Y.shape[0]

    def _gradients(self, c):
        R = self.outputs(c) - self.Y.T[None]
        return self._pull_back(2 * R / self.Y.shape[0])


class LikelihoodSampleLoss(_SampleLoss):
    r"""
    The likelihood (cross-entropy) loss ``- sum_j sum_i Y_ji log p_ji`` of
    nonnegative counts ``Y`` (see the module documentation: normalisation
    over the outputs for ``h >= 2``, over the samples for ``h = 1``).
    The value is ``nan`` where some ``p`` is not positive.

    INPUT:

    - ``net`` -- an architecture
    - ``X``, ``Y`` -- the samples (``k x d0``) and counts (``k x h``,
      nonnegative, not all zero)

    EXAMPLES::

        sage: import numpy
        sage: from sage_neuro import LinearNetwork
        sage: from sage_neuro.optimization.samples import LikelihoodSampleLoss
        sage: L = LikelihoodSampleLoss(LinearNetwork([2, 2]), [[1, 0], [0, 1]], [[3, 1], [1, 1]])
        sage: c = numpy.array([[3., 1., 1., 1.], [1., 1., -1., 1.]])  # f = (3 x0 + x1, x0 + x1); a sign change
        sage: v = L.value(c); bool(numpy.isclose(v[0], -3*log(3/4.) - log(1/4.) - 2*log(1/2.))), bool(numpy.isnan(v[1]))
        (True, True)
        sage: LikelihoodSampleLoss(LinearNetwork([2, 2]), [[1, 0]], [[3, -1]])
        Traceback (most recent call last):
        ...
        ValueError: Y must hold nonnegative counts for the likelihood loss; entry (0, 1) is -1.0
    """

    def __init__(self, net, X, Y):
        _SampleLoss.__init__(self, net, X, Y)
        neg = numpy.argwhere(self.Y < 0)
        if len(neg):
            j, i = neg[0]
            raise ValueError("Y must hold nonnegative counts for the likelihood loss; entry (%d, %d) "
                             "is %r" % (j, i, float(self.Y[j, i])))
        if not self.Y.sum() > 0:
            raise ValueError("Y must hold nonnegative counts, not all zero, for the likelihood loss")
        # the axis of (T, h, k) along which values are normalised together
        self.axis = 1 if self.h >= 2 else 2
        self.counts = self.Y.T[None]                      # (1, h, k)
        self.totals = self.counts.sum(axis=self.axis, keepdims=True)

    def probabilities(self, c):
        r"""
        Return the probabilities ``p`` (array ``(T, h, k)``) of the rows of
        ``c`` (an array ``(T, n)``, as in :meth:`outputs`), ``nan`` where
        they are not all positive.

        EXAMPLES::

            sage: import numpy
            sage: from sage_neuro import LinearNetwork
            sage: from sage_neuro.optimization.samples import LikelihoodSampleLoss
            sage: L = LikelihoodSampleLoss(LinearNetwork([2, 1]), [[1, 0], [0, 1]], [[1], [1]])
            sage: L.probabilities(numpy.array([[1., 3.]])).tolist()     # over the two samples
            [[[0.25, 0.75]]]
        """
        F = self.outputs(c)
        S = F.sum(axis=self.axis, keepdims=True)
        with numpy.errstate(divide="ignore", invalid="ignore"):
            P = F / S
        inside = numpy.all(P > 0, axis=(1, 2))
        P[~inside] = numpy.nan
        return P

    def inside(self, c):
        r"""
        Return for each row of ``c`` whether all its probabilities are
        positive (the positive orthant, where the loss is defined).

        INPUT:

        - ``c`` -- an array ``(T, n)`` of function-space points (one per row)

        OUTPUT: a boolean array ``(T,)``

        EXAMPLES::

            sage: import numpy
            sage: from sage_neuro import LinearNetwork
            sage: from sage_neuro.optimization.samples import LikelihoodSampleLoss
            sage: L = LikelihoodSampleLoss(LinearNetwork([2, 1]), [[1, 0], [0, 1]], [[1], [1]])
            sage: L.inside(numpy.array([[1., 3.], [-1., -2.], [1., -2.]])).tolist()
            [True, True, False]
        """
        return ~numpy.isnan(self.probabilities(c)).any(axis=(1, 2))

    def _values(self, c):
        P = self.probabilities(c)
        with numpy.errstate(divide="ignore", invalid="ignore"):
            terms = numpy.where(self.counts > 0, self.counts * numpy.log(P), 0.0)
        v = -terms.sum(axis=(1, 2))
        v[numpy.isnan(P).any(axis=(1, 2))] = numpy.nan
        return v

    def _gradients(self, c):
        # dL/df = -Y / f + (sum of Y) / (sum of f) along the normalised axis
        F = self.outputs(c)
        S = F.sum(axis=self.axis, keepdims=True)
        with numpy.errstate(divide="ignore", invalid="ignore"):
            dF = -self.counts / F + self.totals / S
        dF = numpy.where(self.counts > 0, dF, self.totals / S)
        g = self._pull_back(dF)
        g[~self.inside(c)] = numpy.nan
        return g

    def saturated_value(self):
        r"""
        Return the smallest value the loss can take over all positive
        distributions: ``- sum Y log(Y / totals)`` (the empirical
        distribution itself); the loss minus this is the KL divergence
        times the total count.

        OUTPUT: a float

        EXAMPLES::

            sage: from sage_neuro import LinearNetwork
            sage: from sage_neuro.optimization.samples import LikelihoodSampleLoss
            sage: L = LikelihoodSampleLoss(LinearNetwork([2, 1]), [[1, 0], [0, 1]], [[1], [3]])
            sage: bool(abs(L.saturated_value() - (-log(1/4.) - 3 * log(3/4.))) < 1e-12)
            True
        """
        with numpy.errstate(divide="ignore", invalid="ignore"):
            t = numpy.where(self.counts > 0, self.counts * numpy.log(self.counts / self.totals), 0.0)
        return float(-t.sum())


#: the sample losses by name
SAMPLE_LOSSES = {"squared": SquaredSampleLoss, "likelihood": LikelihoodSampleLoss}


def sample_loss(net, X, Y, loss="squared"):
    r"""
    Return the loss object of name ``loss`` (``'squared'`` or
    ``'likelihood'``) for the data set ``(X, Y)``.

    INPUT:

    - ``net`` -- an architecture
    - ``X``, ``Y`` -- input samples and outputs (see :func:`check_samples`)
    - ``loss`` -- ``'squared'`` (default) or ``'likelihood'``

    OUTPUT: a :class:`SquaredSampleLoss` or :class:`LikelihoodSampleLoss`

    EXAMPLES::

        sage: from sage_neuro import LinearNetwork
        sage: from sage_neuro.optimization.samples import sample_loss
        sage: sample_loss(LinearNetwork([2, 1]), [[1, 0]], [[1]], loss='likelihood').axis
        2
        sage: sample_loss(LinearNetwork([2, 1]), [[1, 0]], [[1]], loss='kl')
        Traceback (most recent call last):
        ...
        ValueError: loss must be one of 'squared', 'likelihood', not 'kl'
    """
    if loss not in SAMPLE_LOSSES:
        raise ValueError("loss must be one of %s, not %r"
                         % (", ".join(repr(k) for k in SAMPLE_LOSSES), loss))
    return SAMPLE_LOSSES[loss](net, X, Y)
