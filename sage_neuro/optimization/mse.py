r"""
The squared-error loss on samples as a Euclidean distance problem.

For input samples ``x_1, ..., x_m`` and outputs ``y_1, ..., y_m`` the loss

    ``L(theta) = sum_j ||f_theta(x_j) - y_j||^2``

depends on ``theta`` through the function-space point ``c = mu(theta)``
only: ``f_theta(x_j) = (V c)_j`` with ``V`` the evaluation matrix of the
monomial basis at the samples (block-diagonal over the outputs). So
``L = ||V c - y||^2 = (c - c*)^T Q (c - c*) + const`` with the Gram matrix
``Q = V^T V`` and ``c*`` the least-squares fit: a (generally non-Euclidean)
squared distance from ``c*`` in function space. It is reduced to the
standard ED problem by mapping the neuromanifold ``M`` linearly into
*sample space*: the architecture :class:`SampledNetwork` has coordinate
functions ``(V mu(theta))_j``, its neuromanifold is ``V(M)`` (isomorphic to
``M`` when ``V`` has full column rank, which is required), and ``L`` is the
squared Euclidean distance from ``y`` there. Everything stays rational: no
square root of ``Q`` is needed. The critical points, their counts and the
Hessian types of
:func:`~sage_neuro.optimization.critical_points.loss_critical_points` then
refer to ``L``; the function-space point of each is ``V^+ p``.

EXAMPLES:

Fitting ``w (a x0 + b x1)^2`` to four samples::

    sage: from sage_neuro import PolynomialMLP
    sage: from sage_neuro.optimization.mse import mse_critical_points
    sage: X = [[1, 0], [0, 1], [1, 1], [1, -1]]
    sage: C = mse_critical_points(PolynomialMLP([2, 1, 1]), X, [[10], [9], [20], [18]])
    sage: C.complex_count, C.real_count
    (4, 4)
"""

from sage.matrix.constructor import matrix
from sage.rings.rational_field import QQ

from sage_neuro.architectures.base import Architecture
from sage_neuro.validation import check_point


class SampledNetwork(Architecture):
    r"""
    A network seen through its values at finitely many input samples: the
    coordinate functions are ``f_theta(x_j)_o`` (sample ``j``, output
    ``o``, ordered sample-major) instead of the coefficients.

    INPUT:

    - ``net`` -- an architecture
    - ``samples`` -- a list of input points (rationals), each of length the
      input dimension; the evaluation matrix must have full column rank

    EXAMPLES::

        sage: from sage_neuro import LinearNetwork
        sage: from sage_neuro.optimization.mse import SampledNetwork
        sage: S = SampledNetwork(LinearNetwork([2, 1, 1]), [[1, 0], [0, 1], [1, 1]])
        sage: S.coordinate_functions()
        [w1_0_0*w2_0_0, w1_0_1*w2_0_0, w1_0_0*w2_0_0 + w1_0_1*w2_0_0]
        sage: SampledNetwork(LinearNetwork([2, 1, 1]), [[1, 0], [2, 0]])
        Traceback (most recent call last):
        ...
        ValueError: samples must determine the function: the evaluation matrix has rank 1, the function space dimension 2; add samples
    """

    def __init__(self, net, samples):
        self._net = net
        n0 = int(net._input_dimension())
        if not isinstance(samples, (list, tuple)) or not samples:
            raise ValueError("samples must be a nonempty list of input points, got %r" % (samples,))
        self._samples = [tuple(QQ(a) for a in check_point(x, n0, name="sample")) for x in samples]
        basis = net.monomial_basis()
        k = net.num_outputs()
        m = len(self._samples)
        # V: rows (sample j, output o), columns (output o', monomial b)
        Vb = matrix(QQ, [[b(*x) for b in basis] for x in self._samples])
        V = matrix(QQ, m * k, k * len(basis))
        for j in range(m):
            for o in range(k):
                for b in range(len(basis)):
                    V[j * k + o, o * len(basis) + b] = Vb[j, b]
        if V.rank() < V.ncols():
            raise ValueError("samples must determine the function: the evaluation matrix has rank "
                             "%d, the function space dimension %d; add samples" % (V.rank(), V.ncols()))
        self._V = V

    def evaluation_matrix(self):
        r"""
        Return the evaluation matrix ``V`` (sample space x function space).

        EXAMPLES::

            sage: from sage_neuro import LinearNetwork
            sage: from sage_neuro.optimization.mse import SampledNetwork
            sage: SampledNetwork(LinearNetwork([2, 1, 1]), [[1, 0], [0, 1], [1, 1]]).evaluation_matrix()
            [1 0]
            [0 1]
            [1 1]
        """
        return self._V

    def network(self):
        r"""
        Return the underlying architecture.

        EXAMPLES::

            sage: from sage_neuro import LinearNetwork
            sage: from sage_neuro.optimization.mse import SampledNetwork
            sage: SampledNetwork(LinearNetwork([2, 1, 1]), [[1, 0], [0, 1]]).network()
            LinearNetwork([2, 1, 1])
        """
        return self._net

    def _parameter_names(self):
        return self._net._parameter_names()

    def _input_dimension(self):
        return self._net._input_dimension()

    def symmetry_dimension(self):
        r"""
        Return the symmetry dimension of the underlying network (evaluating
        at samples changes no symmetry).

        EXAMPLES::

            sage: from sage_neuro import LinearNetwork
            sage: from sage_neuro.optimization.mse import SampledNetwork
            sage: SampledNetwork(LinearNetwork([2, 1, 1]), [[1, 0], [0, 1]]).symmetry_dimension()
            1
        """
        return self._net.symmetry_dimension()

    def coordinate_names(self):
        r"""
        Return the names of the coordinates: ``y{j}_{o}`` is output ``o``
        at sample ``j``.

        EXAMPLES::

            sage: from sage_neuro import LinearNetwork
            sage: from sage_neuro.optimization.mse import SampledNetwork
            sage: SampledNetwork(LinearNetwork([2, 1, 1]), [[1, 0], [0, 1]]).coordinate_names()
            ['y0_0', 'y1_0']
        """
        k = int(self._net.num_outputs())
        return ["y%d_%d" % (j, o) for j in range(len(self._samples)) for o in range(k)]

    def coordinate_functions(self, base_ring=QQ):
        r"""
        Return the network's outputs at the samples, as polynomials in the
        parameters over ``base_ring``.

        EXAMPLES::

            sage: from sage_neuro import LinearNetwork
            sage: from sage_neuro.optimization.mse import SampledNetwork
            sage: SampledNetwork(LinearNetwork([2, 1, 1]), [[1, 0], [0, 1]]).coordinate_functions(GF(7))
            [w1_0_0*w2_0_0, w1_0_1*w2_0_0]
        """
        F = self._net.coordinate_functions()
        out = [sum(c * F[i] for i, c in row.dict().items()) if row else F[0].parent()(0)
               for row in self._V.rows()]
        if base_ring is QQ:
            return out
        Pk = self.parameter_ring(base_ring)
        return [Pk(f) for f in out]

    def _repr_args(self):
        return "%r, %d samples" % (self._net, len(self._samples))

    def _key(self):
        return (repr(self._net), tuple(self._samples))


def mse_critical_points(net, samples, outputs, method="exact", seed=0, timeout=None, slices=2):
    r"""
    Return the census of the critical points (in function space) of the
    squared-error loss ``sum_j ||f_theta(x_j) - y_j||^2`` on the samples:
    the ED problem of :class:`SampledNetwork` with target ``y`` (see the
    module documentation). Each real critical point gets the attribute
    ``function`` (its function-space coordinates ``V^+ p``); distances and
    Hessian eigenvalues refer to the loss (``squared_distance`` is the loss
    value).

    INPUT:

    - ``net`` -- an architecture
    - ``samples`` -- list of input points
    - ``outputs`` -- list of output vectors (one per sample, each of length
      ``net.num_outputs()``), or of numbers for one output
    - ``method``, ``seed``, ``timeout``, ``slices`` -- as in
      :func:`~sage_neuro.optimization.critical_points.loss_critical_points`

    OUTPUT: a :class:`~sage_neuro.optimization.critical_points.CriticalPointCensus`

    EXAMPLES:

    Three samples determine a binary quadratic; the data are fitted exactly
    by ``c* = (10, 1, 9)`` (the target of Kohn's example), but the loss is the distance
    from ``c*`` in the metric ``Q = V^T V``, not the standard one: 2 critical
    points instead of 4::

        sage: from sage_neuro import PolynomialMLP
        sage: from sage_neuro.optimization.mse import mse_critical_points
        sage: net = PolynomialMLP([2, 1, 1])
        sage: C = mse_critical_points(net, [[1, 0], [0, 1], [1, 1]], [10, 9, 20])
        sage: C.complex_count, C.real_count, C.type_counts()
        (2, 2, {'local min': 1, 'saddle': 1})
        sage: [round(x, 4) for x in C.points[0].function]
        [6.3062, 10.9334, 4.739]
        sage: mse_critical_points(net, [[1, 0], [0, 1], [1, 1]], [10, 9])
        Traceback (most recent call last):
        ...
        ValueError: outputs must have 3 entries (one per sample), got 2
    """
    from sage_neuro.optimization.critical_points import loss_critical_points
    S = SampledNetwork(net, samples)
    k = int(net.num_outputs())
    m = len(S._samples)
    if isinstance(outputs, (str, bytes)) or not hasattr(outputs, "__iter__"):
        raise TypeError("outputs must be a list of %d outputs (one per sample), not %r" % (m, outputs))
    outputs = list(outputs)
    if len(outputs) != m:
        raise ValueError("outputs must have %d entries (one per sample), got %d" % (m, len(outputs)))
    y = []
    for o in outputs:
        if hasattr(o, "__iter__"):
            y += [QQ(a) for a in check_point(o, k, name="output")]
        else:
            if k != 1:
                raise ValueError("each output must be a list of %d numbers, got %r" % (k, o))
            y.append(QQ(o))
    C = loss_critical_points(S, y, method=method, seed=seed, timeout=timeout, slices=slices)
    import numpy
    V = numpy.array([[float(a) for a in row] for row in S._V.rows()])
    Vp = numpy.linalg.pinv(V)
    for P in C.points:
        P.function = tuple(float(a) for a in Vp @ numpy.array(P.point))
    C.provenance.route = ("squared-error loss on %d samples as the ED problem of V(M) in sample "
                          "space (V the evaluation matrix); " % len(S._samples)) + C.provenance.route
    return C
