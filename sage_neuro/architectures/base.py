r"""
The base class of network architectures.

An architecture is a polynomial map ``mu`` from a parameter space ``A^N``
to a function space ``A^n``: a point of the function space is the list of
coefficients of the network's output polynomials in a fixed monomial basis
(:meth:`Architecture.monomial_basis`). In ring terms ``mu`` is the Sage ring
morphism ``coordinate_ring() -> parameter_ring()`` sending each coordinate
to the coefficient it stands for.

Subclasses implement ``_parameter_names``, ``_compute_outputs`` (the output
polynomials in the input variables, over the parameter ring) and
``symmetry_dimension``; everything else is shared.

EXAMPLES::

    sage: from sage_neuro import LinearNetwork
    sage: net = LinearNetwork([2, 1, 2])
    sage: net.parameter_ring()
    Multivariate Polynomial Ring in w1_0_0, w1_0_1, w2_0_0, w2_1_0 over Rational Field
    sage: net.parametrization()
    Ring morphism:
      From: Multivariate Polynomial Ring in c0_0, c0_1, c1_0, c1_1 over Rational Field
      To:   Multivariate Polynomial Ring in w1_0_0, w1_0_1, w2_0_0, w2_1_0 over Rational Field
      Defn: c0_0 |--> w1_0_0*w2_0_0
            c0_1 |--> w1_0_1*w2_0_0
            c1_0 |--> w1_0_0*w2_1_0
            c1_1 |--> w1_0_1*w2_1_0
"""

import random as _random

from sage.matrix.constructor import matrix
from sage.misc.cachefunc import cached_method
from sage.modules.free_module_element import vector
from sage.rings.integer import Integer
from sage.rings.polynomial.polynomial_ring_constructor import PolynomialRing
from sage.rings.rational_field import QQ

from sage_neuro.validation import check_point



def dense_layers(theta, widths, bias, start=0):
    r"""
    Return ``(layers, end)``: the parameters ``theta[start:end]`` of dense
    layers of the given widths, read layer by layer as ``(W, b)`` -- ``W``
    the ``d_l`` rows of ``d_{l-1}`` weights, then the ``d_l`` biases ``b``
    (``None`` without bias), the order of the parameter names of
    :class:`~sage_neuro.architectures.mlp.PolynomialMLP` and of each of
    the two networks of
    :class:`~sage_neuro.architectures.deepsets.DeepSetsNetwork`.

    INPUT:

    - ``theta`` -- a sequence of parameter values
    - ``widths`` -- the widths ``[d_0, ..., d_L]``
    - ``bias`` -- whether each layer has a bias vector
    - ``start`` -- (default ``0``) the index in ``theta`` of the first weight

    EXAMPLES::

        sage: from sage_neuro.architectures.base import dense_layers
        sage: dense_layers(list(range(9)), [2, 2, 1], True)
        ([([[0, 1], [2, 3]], [4, 5]), ([[6, 7]], [8])], 9)
        sage: dense_layers(list(range(9)), [2, 1], False, start=7)
        ([([[7, 8]], None)], 9)
    """
    layers, pos = [], int(start)
    for l in range(1, len(widths)):
        rows, cols = int(widths[l]), int(widths[l - 1])
        W = [list(theta[pos + i * cols: pos + (i + 1) * cols]) for i in range(rows)]
        pos += rows * cols
        b = None
        if bias:
            b = list(theta[pos:pos + rows])
            pos += rows
        layers.append((W, b))
    return layers, pos


def narrower_networks(widths, positions, make):
    r"""
    Return the networks ``make(w)``, without repetitions, for the copies
    ``w`` of ``widths`` with one entry at ``positions`` that is at least
    ``2`` lowered by one (in the order of ``positions``): the subnetworks
    with one neuron, channel or filter tap fewer.

    INPUT:

    - ``widths`` -- a list of positive integers (widths, filter sizes)
    - ``positions`` -- the indices that may be lowered
    - ``make`` -- a function from a list of widths to an architecture

    EXAMPLES::

        sage: from sage_neuro import LinearNetwork
        sage: from sage_neuro.architectures.base import narrower_networks
        sage: narrower_networks([4, 2, 2, 3], [1, 2], LinearNetwork)
        [LinearNetwork([4, 1, 2, 3]), LinearNetwork([4, 2, 1, 3])]
        sage: narrower_networks([4, 1, 3], [1], LinearNetwork)
        []
    """
    out = []
    for i in positions:
        if widths[i] >= 2:
            w = list(widths)
            w[i] -= 1
            net = make(w)
            if net not in out:
                out.append(net)
    return out


def horner(coefficients, z):
    r"""
    Return ``sum(coefficients[i] * z^i)`` computed with ``+`` and ``*`` only,
    so that ``z`` may be an element of any ring or a dual number of
    :mod:`sage_neuro.invariants.evaluation` (Sage's polynomial call would
    demand a common parent).

    EXAMPLES::

        sage: from sage_neuro.architectures.base import horner
        sage: horner([1, 0, 2], 3)
        19
    """
    acc = 0
    for a in reversed(list(coefficients)):
        acc = acc * z + a
    return acc


class Architecture:
    r"""
    Abstract network architecture: a polynomial map from parameters to
    coefficients of functions.

    EXAMPLES::

        sage: from sage_neuro import LinearNetwork
        sage: from sage_neuro.architectures.base import Architecture
        sage: isinstance(LinearNetwork([3, 2]), Architecture)
        True
    """

    #: name used by the command line (``sage-neuro invariants FAMILY``)
    family = None

    # -- to be provided by subclasses ---------------------------------------

    def _parameter_names(self):
        raise NotImplementedError

    def _input_dimension(self):
        raise NotImplementedError

    def _compute_outputs(self, P, x):
        r"""
        Return the output polynomials: elements of ``P[x]`` where the
        coefficients live in the parameter ring ``P``.
        """
        raise NotImplementedError

    def _expand_forward(self, P, x):
        r"""
        Return the output polynomials of ``P[x]`` from ``self._forward``
        (the layer-by-layer evaluation with ``+`` and ``*``): what
        :meth:`_compute_outputs` returns for architectures that have one.

        They are expanded in one flat polynomial ring (parameters and inputs
        together: Singular's arithmetic, far faster than polynomials over
        ``P``), then the terms are regrouped by the monomials of ``x``.

        EXAMPLES::

            sage: from sage_neuro.architectures.mlp import PolynomialMLP
            sage: net = PolynomialMLP([1, 1, 1])
            sage: P = net.parameter_ring()
            sage: net._expand_forward(P, PolynomialRing(P, 'x', 1).gens())
            [w1_0_0^2*w2_0_0*x^2]
        """
        X = x[0].parent()
        N = P.ngens()
        F = PolynomialRing(P.base_ring(), list(P.variable_names()) + list(X.variable_names()),
                           order="degrevlex")
        g = F.gens()
        result = []
        for o in self._forward(g[:N], g[N:]):
            groups = {}
            for e, c in F(o).dict().items():
                e = tuple(e)
                groups.setdefault(e[N:], {})[e[:N]] = c
            result.append(X({xe: P(pd) for xe, pd in groups.items()}))
        return result

    def _outputs_at(self, theta, x):
        r"""
        Return the output values for parameter values ``theta`` and input
        values ``x``, computed layer by layer with ``+`` and ``*`` only
        (elements of any ring, or the dual numbers of
        :mod:`sage_neuro.invariants.evaluation`). Optional: without it the
        Jacobian is evaluated from the expanded coefficients.
        """
        raise NotImplementedError

    def symmetry_dimension(self):
        r"""
        Return the dimension of the known symmetry group acting on the
        parameters (the group whose orbits lie in the fibers of ``mu``).

        EXAMPLES::

            sage: from sage_neuro import LinearNetwork
            sage: LinearNetwork([4, 2, 3]).symmetry_dimension()
            4
        """
        raise NotImplementedError

    def is_homogeneous(self):
        r"""
        Return whether the coordinate functions of ``mu`` are homogeneous of
        one common degree in the parameters.

        EXAMPLES::

            sage: from sage_neuro import LinearNetwork
            sage: LinearNetwork([4, 2, 3]).is_homogeneous()
            True
        """
        F = [f for f in self.coordinate_functions() if f != 0]
        return all(f.is_homogeneous() for f in F) and len({f.degree() for f in F}) <= 1

    def is_cone(self):
        r"""
        Return whether the neuromanifold is a cone (closed under scaling), so
        that its ideal is homogeneous: then the dimension is the affine
        dimension of the cone and the degree that of the projective variety.

        True when ``mu`` is homogeneous; families whose last layer is linear
        (scaling it scales the output) override this to return True.

        EXAMPLES::

            sage: from sage_neuro import LinearNetwork
            sage: LinearNetwork([4, 2, 3]).is_cone()
            True
        """
        return self.is_homogeneous()

    # -- rings and the parametrization --------------------------------------

    def num_parameters(self):
        r"""
        Return the number of parameters.

        EXAMPLES::

            sage: from sage_neuro import LinearNetwork
            sage: LinearNetwork([4, 2, 3]).num_parameters()
            14
        """
        return Integer(len(self._parameter_names()))

    @cached_method
    def parameter_ring(self, base_ring=QQ):
        r"""
        Return the polynomial ring of the parameters.

        INPUT:

        - ``base_ring`` -- (default ``QQ``) a field, e.g. ``GF(p)``

        EXAMPLES::

            sage: from sage_neuro import LinearNetwork
            sage: LinearNetwork([2, 1]).parameter_ring(GF(7))
            Multivariate Polynomial Ring in w1_0_0, w1_0_1 over Finite Field of size 7
        """
        names = self._parameter_names()
        # the number of variables is given so that one parameter still gives
        # a multivariate ring (the code treats every parameter ring alike)
        return PolynomialRing(base_ring, names, len(names), order="degrevlex")

    @cached_method
    def _outputs_and_basis(self):
        P = self.parameter_ring()
        n0 = self._input_dimension()
        # n0 given explicitly: a multivariate ring even when n0 = 1
        X = PolynomialRing(P, n0, ["x%d" % i for i in range(n0)])
        outs = self._compute_outputs(P, X.gens())
        outs = [X(o) for o in outs]
        # the basis: every monomial of x up to the top degree of the
        # outputs that occurs for some parameter value
        monos = set()
        for o in outs:
            monos.update(o.monomials())
        basis = sorted(monos, key=lambda m: (-m.degree(), [-e for e in m.exponents()[0]]))
        return outs, basis

    def monomial_basis(self):
        r"""
        Return the monomials (in the input variables ``x0, x1, ...``) whose
        coefficients are the function-space coordinates, in order.

        The coordinate ``c{i}_{k}`` is the coefficient of the ``k``-th
        monomial of this list in the ``i``-th output.  Only monomials that
        occur in some output are listed.

        EXAMPLES::

            sage: from sage_neuro import LinearNetwork
            sage: LinearNetwork([3, 2, 1]).monomial_basis()
            [x0, x1, x2]
        """
        return list(self._outputs_and_basis()[1])

    def num_outputs(self):
        r"""
        Return the number of output neurons.

        EXAMPLES::

            sage: from sage_neuro import LinearNetwork
            sage: LinearNetwork([3, 2, 5]).num_outputs()
            5
        """
        return Integer(len(self._outputs_and_basis()[0]))

    def ambient_dimension(self):
        r"""
        Return the dimension of the function space (number of coordinates).

        EXAMPLES::

            sage: from sage_neuro import LinearNetwork
            sage: LinearNetwork([4, 2, 3]).ambient_dimension()
            12
        """
        return Integer(len(self.coordinate_names()))

    def coordinate_names(self):
        r"""
        Return the names of the function-space coordinates.

        EXAMPLES::

            sage: from sage_neuro import LinearNetwork
            sage: LinearNetwork([2, 1, 2]).coordinate_names()
            ['c0_0', 'c0_1', 'c1_0', 'c1_1']
        """
        outs, basis = self._outputs_and_basis()
        return ["c%d_%d" % (i, k) for i in range(len(outs)) for k in range(len(basis))]

    @cached_method
    def coordinate_ring(self, base_ring=QQ):
        r"""
        Return the coordinate ring of the function space.

        INPUT:

        - ``base_ring`` -- (default ``QQ``)

        EXAMPLES::

            sage: from sage_neuro import LinearNetwork
            sage: LinearNetwork([2, 1, 2]).coordinate_ring()
            Multivariate Polynomial Ring in c0_0, c0_1, c1_0, c1_1 over Rational Field
        """
        names = self.coordinate_names()
        return PolynomialRing(base_ring, names, len(names), order="degrevlex")

    @cached_method
    def coordinate_functions(self, base_ring=QQ):
        r"""
        Return the list of coordinate functions of ``mu``: the coefficients of
        the output polynomials, as elements of the parameter ring.

        INPUT:

        - ``base_ring`` -- (default ``QQ``) ring of the returned polynomials

        EXAMPLES::

            sage: from sage_neuro import LinearNetwork
            sage: LinearNetwork([2, 1, 1]).coordinate_functions()
            [w1_0_0*w2_0_0, w1_0_1*w2_0_0]
        """
        P = self.parameter_ring()
        F = [P(c) for c in self.output_coordinates(self._outputs_and_basis()[0])]
        if base_ring is QQ:
            return F
        Pk = self.parameter_ring(base_ring)
        return [Pk(f) for f in F]

    def output_coordinates(self, outputs):
        r"""
        Return the function-space coordinates of ``outputs``: the
        coefficients of each output polynomial on :meth:`monomial_basis`, in
        the order of :meth:`coordinate_names`.

        INPUT:

        - ``outputs`` -- one polynomial per output, in a polynomial ring
          whose generators are the input variables ``x0, x1, ...`` in order
          (over any coefficient ring: the parameters, a model of ``mu``, a
          prime field)

        OUTPUT: a list of elements of the coefficient ring

        EXAMPLES::

            sage: from sage_neuro import LinearNetwork
            sage: net = LinearNetwork([2, 1, 2])
            sage: R.<x0, x1> = QQ[]
            sage: net.output_coordinates([3*x0 - x1, x1])
            [3, -1, 0, 1]
            sage: net.output_coordinates([x0])
            Traceback (most recent call last):
            ...
            ValueError: outputs must have 2 entries (one per output), got 1
        """
        basis = self._outputs_and_basis()[1]
        if len(outputs) != len(self._outputs_and_basis()[0]):
            raise ValueError("outputs must have %d entries (one per output), got %d"
                             % (len(self._outputs_and_basis()[0]), len(outputs)))
        # the same monomial in the ring of each output (exponents, not
        # names: the coefficient rings differ)
        exponents = [m.exponents()[0] for m in basis]
        return [o.monomial_coefficient(o.parent().monomial(*e)) for o in outputs for e in exponents]

    def parametrization(self, base_ring=QQ):
        r"""
        Return ``mu`` as a Sage ring morphism from the coordinate ring of the
        function space to the parameter ring.

        INPUT:

        - ``base_ring`` -- (default ``QQ``)

        EXAMPLES::

            sage: from sage_neuro import LinearNetwork
            sage: mu = LinearNetwork([4, 2, 3]).parametrization()
            sage: mu.domain().ngens(), mu.codomain().ngens()
            (12, 14)
        """
        S = self.coordinate_ring(base_ring)
        return S.hom(self.coordinate_functions(base_ring), self.parameter_ring(base_ring))

    def output_polynomials(self, theta=None):
        r"""
        Return the output polynomials of the network in the input variables;
        at the parameter point ``theta`` if given, else symbolically.

        EXAMPLES::

            sage: from sage_neuro import LinearNetwork
            sage: LinearNetwork([2, 1, 1]).output_polynomials([1, 2, 3])
            [3*x0 + 6*x1]
        """
        outs, _ = self._outputs_and_basis()
        if theta is None:
            return list(outs)
        theta = check_point(theta, self.num_parameters())
        return [o.map_coefficients(lambda c: c(*theta)) for o in outs]

    # -- evaluation ----------------------------------------------------------

    def evaluate(self, theta):
        r"""
        Return ``mu(theta)``, the point of the function space computed by the
        network with parameters ``theta`` (ordered as
        ``parameter_ring().gens()``).

        INPUT:

        - ``theta`` -- a list of numbers of length :meth:`num_parameters`

        OUTPUT: a Sage vector of length :meth:`ambient_dimension`

        EXAMPLES::

            sage: from sage_neuro import LinearNetwork
            sage: LinearNetwork([2, 1, 2]).evaluate([1, 2, 3, 4])
            (3, 6, 4, 8)
            sage: LinearNetwork([2, 1, 2]).evaluate([1, 2])
            Traceback (most recent call last):
            ...
            ValueError: theta must have 4 entries (one per parameter), got 2
        """
        theta = check_point(theta, self.num_parameters())
        return vector([f(*theta) for f in self.coordinate_functions()])

    @cached_method
    def _jacobian_symbolic(self, base_ring=QQ):
        # the symbolic derivatives, once per base ring (shared by jacobian()
        # and the modular rank in sage_neuro.invariants.dimension)
        P = self.parameter_ring(base_ring)
        F = self.coordinate_functions(base_ring)
        return [[f.derivative(g) for g in P.gens()] for f in F]

    def jacobian(self, theta=None):
        r"""
        Return the Jacobian matrix of ``mu`` (rows: coordinates, columns:
        parameters), symbolic or at the point ``theta``.

        EXAMPLES::

            sage: from sage_neuro import LinearNetwork
            sage: LinearNetwork([1, 1, 1]).jacobian()
            [w2_0_0 w1_0_0]
            sage: LinearNetwork([1, 1, 1]).jacobian([2, 3])
            [3 2]
        """
        J = self._jacobian_symbolic()
        if theta is None:
            return matrix(self.parameter_ring(), J)
        theta = check_point(theta, self.num_parameters())
        return matrix([[d(*theta) for d in row] for row in J])

    def random_parameters(self, base_ring=QQ, seed=None, bound=10):
        r"""
        Return a random parameter point.

        INPUT:

        - ``base_ring`` -- ``QQ`` (random integers in ``[-bound, bound]``) or a
          finite field (uniform elements)
        - ``seed`` -- integer seed for reproducibility

        EXAMPLES::

            sage: from sage_neuro import LinearNetwork
            sage: LinearNetwork([2, 1, 1]).random_parameters(seed=1) == LinearNetwork([2, 1, 1]).random_parameters(seed=1)
            True
        """
        rng = _random.Random(None if seed is None else int(seed))
        N = int(self.num_parameters())
        if base_ring is QQ:
            return [QQ(rng.randint(-bound, bound)) for _ in range(N)]
        p = base_ring.characteristic()
        return [base_ring(rng.randrange(p)) for _ in range(N)]

    # -- dimensions ----------------------------------------------------------

    def expected_dimension(self):
        r"""
        Return the expected dimension of the neuromanifold: the number of
        parameters minus the dimension of the known symmetry group, capped
        by the dimension of the function space.

        EXAMPLES::

            sage: from sage_neuro import LinearNetwork
            sage: LinearNetwork([4, 2, 3]).expected_dimension()
            10
        """
        return min(self.ambient_dimension(), self.num_parameters() - self.symmetry_dimension())

    def neuromanifold(self):
        r"""
        Return the neuromanifold: the image of ``mu``, with its invariants.

        EXAMPLES::

            sage: from sage_neuro import LinearNetwork
            sage: LinearNetwork([4, 2, 3]).neuromanifold()
            Neuromanifold of LinearNetwork([4, 2, 3]) in a 12-dimensional function space
        """
        if getattr(self, "_neuromanifold", None) is None:
            from sage_neuro.neuromanifold import Neuromanifold
            self._neuromanifold = Neuromanifold(self)
        return self._neuromanifold

    def fiber(self, theta, timeout=None):
        r"""
        Return the fiber ``mu^{-1}(mu(theta))`` over the complex numbers.

        INPUT:

        - ``theta`` -- a rational parameter point
        - ``timeout`` -- seconds for the Macaulay2 computations

        EXAMPLES::

            sage: from sage_neuro import LinearNetwork
            sage: F = LinearNetwork([2, 1, 2]).fiber([1, 2, 3, 4])
            sage: F.dimension(), len(F.components())
            (1, 1)
        """
        from sage_neuro.invariants.fiber import Fiber
        return Fiber(self, theta, timeout=timeout)

    def jacobian_rank_drop_locus(self, timeout=None, seed=0):
        r"""
        Return the critical points of ``mu``: the components of the set of
        parameters where the Jacobian drops rank, each with its dimension and
        the dimension of its image (see
        :func:`sage_neuro.invariants.critical.jacobian_rank_drop_locus`).

        EXAMPLES::

            sage: from sage_neuro import LinearNetwork
            sage: C = LinearNetwork([2, 1, 2]).jacobian_rank_drop_locus()
            sage: sorted((c.dimension(), c.image_dimension()) for c in C)
            [(2, 0), (2, 0)]
        """
        from sage_neuro.invariants.critical import jacobian_rank_drop_locus
        return jacobian_rank_drop_locus(self, timeout=timeout, seed=seed)

    def loss_critical_points(self, target, loss="ed", method="exact", seed=0, timeout=None,
                             spurious=False):
        r"""
        Return the census of critical points of the squared-distance loss
        ``||mu(theta) - target||^2`` in function space: complex and real
        counts and the type of each real critical point (see
        :func:`sage_neuro.optimization.critical_points.loss_critical_points`).

        INPUT:

        - ``target`` -- for ``loss='ed'``: a point of the function space
          (the target function); for ``loss='mse'``: a pair
          ``(samples, outputs)`` of input points and outputs
        - ``loss`` -- ``'ed'`` (squared Euclidean distance in the
          coefficient coordinates), ``'mse'`` (squared error on samples,
          see :func:`sage_neuro.optimization.mse.mse_critical_points`) or
          ``'kl'`` (cross-entropy: ``target`` are counts, the coordinates
          unnormalised probabilities; see
          :func:`sage_neuro.optimization.likelihood.kl_critical_points`)
        - ``method``, ``seed``, ``timeout`` -- as in the function above
        - ``spurious`` -- (default ``False``; ``loss='ed'``, small cases) also
          split the parameter critical points into true and spurious ones
          (attribute ``parameter_locus``, see
          :func:`sage_neuro.optimization.spurious.parameter_critical_locus`)
          and add to each real critical point its ``parameter_type`` from the
          Hessian in parameter space

        For ``loss='l1'``, ``'linf'`` or ``'polyhedral'`` (then ``target`` is a
        pair ``(u, ball)``, ``ball`` as in
        :func:`sage_neuro.optimization.polyhedral.unit_ball`) the result is
        the exact distance in that polyhedral norm with its optima and the
        faces of the ball where they land
        (:func:`sage_neuro.optimization.polyhedral.polyhedral_distance_optima`).

        EXAMPLES::

            sage: from sage_neuro import PolynomialMLP
            sage: C = PolynomialMLP([2, 1, 1]).loss_critical_points([10, 1, 9], spurious=True)
            sage: [c.maps_to_singular for c in C.parameter_locus.spurious]
            [True, True]
            sage: C = PolynomialMLP([2, 1, 1]).loss_critical_points([10, 1, 9])
            sage: C.complex_count, C.real_count
            (4, 4)
            sage: X, Y = [[1, 0], [0, 1], [1, 1], [1, -1]], [10, 9, 20, 18]
            sage: PolynomialMLP([2, 1, 1]).loss_critical_points((X, Y), loss='mse').real_count
            4
            sage: C = PolynomialMLP([2, 1, 1]).loss_critical_points([10, 1, 9], loss='kl')
            sage: C.complex_count, C.real_count, C.type_counts()
            (1, 1, {'local min': 1})
            sage: PolynomialMLP([2, 1, 1]).loss_critical_points([10, -1, 9], loss='kl')
            Traceback (most recent call last):
            ...
            ValueError: target must be positive integers (counts of observations); entry 1 is -1
            sage: PolynomialMLP([2, 1, 1]).loss_critical_points([1, 0, 1], loss='linf').value
            2/3
            sage: ball = [[1, 0, 0], [-1, 0, 0], [0, 1, 0], [0, -1, 0], [0, 0, 1], [0, 0, -1]]
            sage: PolynomialMLP([2, 1, 1]).loss_critical_points(([1, 0, 1], ball), loss='polyhedral').value
            1
        """
        if loss == "mse":
            if not (isinstance(target, (list, tuple)) and len(target) == 2):
                raise ValueError("for loss='mse' the data must be a pair (samples, outputs), got %r" % (target,))
            from sage_neuro.optimization.mse import mse_critical_points
            return mse_critical_points(self, target[0], target[1], method=method, seed=seed,
                                       timeout=timeout)
        if loss == "kl":
            from sage_neuro.optimization.likelihood import kl_critical_points
            return kl_critical_points(self, target, method="exact_random" if method == "exact"
                                      else method, seed=seed)
        if loss in ("l1", "linf", "polyhedral"):
            # not a census of critical points: the exact optima of a
            # polyhedral norm and the faces of its unit ball where they land
            from sage_neuro.optimization.polyhedral import polyhedral_distance_optima
            if loss == "polyhedral":
                if not (isinstance(target, (list, tuple)) and len(target) == 2):
                    raise ValueError("for loss='polyhedral' the data must be a pair (target, "
                                     "unit ball), got %r" % (target,))
                return polyhedral_distance_optima(self, target[0], target[1])
            return polyhedral_distance_optima(self, target, loss)
        if loss != "ed":
            raise ValueError("loss must be 'ed' (squared distance to a target function), 'mse' "
                             "(squared error on samples), 'kl' (cross-entropy of counts), "
                             "'l1', 'linf' or 'polyhedral' (polyhedral norms), not %r" % (loss,))
        from sage_neuro.optimization.critical_points import loss_critical_points
        C = loss_critical_points(self, target, method=method, seed=seed, timeout=timeout)
        if spurious:
            from sage_neuro.optimization.spurious import (classify_in_parameter_space,
                                                          parameter_critical_locus)
            C.parameter_locus = parameter_critical_locus(self, target, timeout=timeout)
            classify_in_parameter_space(self, C)
        return C

    def critical_point_census(self, base, directions, ranges, steps=21, seed=0, checks=2,
                              discriminant=True, timeout=None):
        r"""
        Return the real and complex counts of critical points of the ED
        loss for data on a grid of a line or plane, with the ED
        discriminant (see
        :func:`sage_neuro.optimization.census.critical_point_census`).

        EXAMPLES::

            sage: from sage_neuro import PolynomialMLP
            sage: C = PolynomialMLP([2, 1, 1]).critical_point_census([0, 1, 9], [[1, 0, 0]], [(0, 12)], steps=5, checks=0)
            sage: C.real.tolist()
            [2, 2, 2, 4, 4]
        """
        from sage_neuro.optimization.census import critical_point_census
        return critical_point_census(self, base, directions, ranges, steps=steps, seed=seed,
                                     checks=checks, discriminant=discriminant, timeout=timeout)

    def training_experiment(self, trials=100, steps=2000, seed=0, lr=0.01, init_scale=1.0,
                            rank_tolerance=1e-3, progress=True, data=None, loss=None):
        r"""
        Run seeded gradient descent on the ED loss from random
        initializations to random data, or on the ``'squared'`` or
        ``'likelihood'`` loss of a data set ``data = (X, Y)``; report the
        fraction of runs ending on the critical locus of ``mu`` with a
        Wilson interval (see
        :func:`sage_neuro.optimization.training.training_experiment`).

        EXAMPLES::

            sage: from sage_neuro import PolynomialMLP
            sage: E = PolynomialMLP([2, 2, 1]).training_experiment(trials=10, steps=100, progress=False)
            sage: E.trials, E.provenance.method
            (10, 'numerical')
            sage: X, Y = [[1, 0], [0, 1], [1, 1]], [[1], [4], [9]]
            sage: PolynomialMLP([2, 1, 1]).training_experiment(trials=4, steps=50, progress=False, data=(X, Y)).loss_name
            'squared'
        """
        from sage_neuro.optimization.training import training_experiment
        return training_experiment(self, trials=trials, steps=steps, seed=seed, lr=lr,
                                   init_scale=init_scale, rank_tolerance=rank_tolerance,
                                   progress=progress, data=data, loss=loss)

    def gradient_flow_invariants(self, degree=2, method="exact"):
        r"""
        Return the polynomial first integrals (up to ``degree``) of the
        gradient flow of the ED loss for all data (see
        :func:`sage_neuro.optimization.flow_invariants.gradient_flow_invariants`).

        EXAMPLES::

            sage: from sage_neuro import LinearNetwork
            sage: LinearNetwork([2, 1, 2]).gradient_flow_invariants(degree=2).polynomials()
            [w1_0_0^2 + w1_0_1^2 - w2_0_0^2 - w2_1_0^2]
        """
        from sage_neuro.optimization.flow_invariants import gradient_flow_invariants
        return gradient_flow_invariants(self, degree=degree, method=method)

    def _singular_inclusion_proof(self, M, components, seed=0):
        # A proof that Sing(M) lies in the union of the candidate
        # components, or None; families that know one override this.
        return None

    def check_singularities_are_subnetworks(self, method="exact", timeout=None, seed=0):
        r"""
        Decide whether the singular locus of the neuromanifold equals,
        contains or lies in the union of the subnetworks' neuromanifolds,
        with a certificate of the ideal containments (see
        :func:`sage_neuro.invariants.subnetwork_check.check_singularities_are_subnetworks`).

        EXAMPLES::

            sage: from sage_neuro import LinearNetwork
            sage: LinearNetwork([3, 2, 2, 3]).check_singularities_are_subnetworks().relation()
            'equal'
        """
        from sage_neuro.invariants.subnetwork_check import check_singularities_are_subnetworks
        return check_singularities_are_subnetworks(self, method=method, timeout=timeout, seed=seed)

    def check_generic_fiber_is_orbit(self, theta=None, seed=0, timeout=None, prove=False):
        r"""
        Decide whether the fiber of ``mu`` through a random rational point
        is exactly the orbit of :meth:`symmetries` (dimension, component
        count), see
        :func:`sage_neuro.invariants.identifiability.check_generic_fiber_is_orbit`.

        INPUT:

        - ``theta``, ``seed``, ``timeout`` -- the point (default: random from
          ``seed``) and the seconds per Macaulay2 call
        - ``prove`` -- (default ``False``) prove the generic fiber dimension
          from the implicit ideal (a negative verdict by dimension is then
          ``'proved'``)

        OUTPUT: an :class:`~sage_neuro.invariants.identifiability.OrbitCheck`

        EXAMPLES::

            sage: from sage_neuro import PolynomialMLP
            sage: PolynomialMLP([2, 2, 2]).check_generic_fiber_is_orbit().is_orbit
            True
            sage: PolynomialMLP([3, 2, 1]).check_generic_fiber_is_orbit(prove=True).provenance.method
            'proved'
        """
        from sage_neuro.invariants.identifiability import check_generic_fiber_is_orbit
        return check_generic_fiber_is_orbit(self, theta=theta, seed=seed, timeout=timeout,
                                            prove=prove)

    def __repr__(self):
        return "%s(%s)" % (type(self).__name__, self._repr_args())

    def _repr_args(self):
        return ""

    def __eq__(self, other):
        return type(self) is type(other) and self._key() == other._key()

    def __hash__(self):
        return hash((type(self).__name__, self._key()))

    def _key(self):
        return self._repr_args()
