r"""
Linear dense networks ``x -> W_L ... W_1 x``.

The neuromanifold of the linear network with widths ``[k0, ..., kL]`` is the
set of ``kL x k0`` matrices of rank at most ``r = min(k_i)``: a determinantal
variety. The library computes its invariants from the parametrization and
the tests compare them with the closed formulas.

EXAMPLES::

    sage: from sage_neuro import LinearNetwork
    sage: net = LinearNetwork([4, 2, 3])
    sage: net.num_parameters(), net.ambient_dimension(), net.expected_dimension()
    (14, 12, 10)
    sage: net.end_to_end_matrix([1]*8 + [1, 0, 0, 1, 1, 1])
    [1 1 1 1]
    [1 1 1 1]
    [2 2 2 2]
"""

from sage.matrix.constructor import matrix
from sage.misc.cachefunc import cached_method
from sage.misc.misc_c import prod
from sage.rings.integer import Integer

from sage_neuro.architectures.base import Architecture, narrower_networks
from sage_neuro.validation import check_widths, check_point


class LinearNetwork(Architecture):
    r"""
    The linear network with layer widths ``widths = [k0, k1, ..., kL]``
    (input first): ``x -> W_L ... W_1 x`` with ``W_i`` of size
    ``k_i x k_{i-1}``.

    The function-space coordinate ``c{i}_{j}`` is the entry ``(i, j)`` of the
    end-to-end matrix (the coefficient of ``x_j`` in output ``i``).

    INPUT:

    - ``widths`` -- list of at least two positive integers

    EXAMPLES::

        sage: from sage_neuro import LinearNetwork
        sage: LinearNetwork([5, 2, 4, 3])
        LinearNetwork([5, 2, 4, 3])
        sage: LinearNetwork([5, 2, 4, 3]).bottleneck()
        2
        sage: LinearNetwork([5, -2])
        Traceback (most recent call last):
        ...
        ValueError: widths must be positive integers; got -2 at position 1
    """

    family = "linear"

    def __init__(self, widths):
        self._widths = check_widths(widths)

    def widths(self):
        r"""
        Return the widths, input first.

        EXAMPLES::

            sage: from sage_neuro import LinearNetwork
            sage: LinearNetwork([4, 2, 3]).widths()
            (4, 2, 3)
        """
        return self._widths

    def depth(self):
        r"""
        Return the number of layers ``L``.

        EXAMPLES::

            sage: from sage_neuro import LinearNetwork
            sage: LinearNetwork([4, 2, 3]).depth()
            2
        """
        return Integer(len(self._widths) - 1)

    def bottleneck(self):
        r"""
        Return ``min(k_i)``, the largest rank of an end-to-end matrix.

        EXAMPLES::

            sage: from sage_neuro import LinearNetwork
            sage: LinearNetwork([3, 5, 4]).bottleneck()
            3
        """
        return min(self._widths)

    def _repr_args(self):
        return str(list(self._widths))

    def _parameter_names(self):
        names = []
        for l in range(1, len(self._widths)):
            for i in range(self._widths[l]):
                for j in range(self._widths[l - 1]):
                    names.append("w%d_%d_%d" % (l, i, j))
        return names

    def _input_dimension(self):
        return self._widths[0]

    def weight_matrices(self, theta=None):
        r"""
        Return the weight matrices ``[W_1, ..., W_L]``, symbolic or at ``theta``.

        EXAMPLES::

            sage: from sage_neuro import LinearNetwork
            sage: LinearNetwork([2, 1, 1]).weight_matrices()
            [[w1_0_0 w1_0_1], [w2_0_0]]
        """
        if theta is None:
            theta = self.parameter_ring().gens()
        else:
            theta = check_point(theta, self.num_parameters())
        mats, pos = [], 0
        for l in range(1, len(self._widths)):
            a, b = self._widths[l], self._widths[l - 1]
            mats.append(matrix(a, b, list(theta[pos:pos + a * b])))
            pos += a * b
        return mats

    def end_to_end_matrix(self, theta=None):
        r"""
        Return ``W_L ... W_1``, symbolic or at ``theta``.

        EXAMPLES::

            sage: from sage_neuro import LinearNetwork
            sage: LinearNetwork([1, 2, 1]).end_to_end_matrix()
            [w1_0_0*w2_0_0 + w1_1_0*w2_0_1]
        """
        return prod(reversed(self.weight_matrices(theta)))

    def _outputs_at(self, theta, x):
        cur, pos = list(x), 0
        for l in range(1, len(self._widths)):
            a, b = self._widths[l], self._widths[l - 1]
            cur = [sum(theta[pos + i * b + j] * cur[j] for j in range(b)) for i in range(a)]
            pos += a * b
        return cur

    def _compute_outputs(self, P, x):
        E = self.end_to_end_matrix()
        return [sum(E[i, j] * x[j] for j in range(E.ncols())) for i in range(E.nrows())]

    def _singular_inclusion_proof(self, M, components, seed=0):
        from sage_neuro.invariants.homogeneity import linear_singular_inclusion_proof
        return linear_singular_inclusion_proof(M, components, seed=seed)

    @cached_method
    def symmetry_dimension(self):
        r"""
        Return the dimension of the generic orbit of the group
        ``prod GL(k_i)`` over the hidden layers, acting by
        ``(W_{i+1}, W_i) -> (W_{i+1} g^{-1}, g W_i)``.

        It is ``sum k_i^2`` unless a hidden layer is wider than its
        neighbours, where the group has positive-dimensional stabilizers
        (``[2, 3, 2]``: ``9 - 1``). Computed exactly over ``QQ`` as the rank
        of the infinitesimal action ``X -> (X W_i, -W_{i+1} X)`` at a random
        rational point (seed 0): a lower bound for the generic orbit
        dimension, equal to it unless the point lies on a proper subvariety.

        EXAMPLES::

            sage: from sage_neuro import LinearNetwork
            sage: LinearNetwork([4, 2, 3]).symmetry_dimension()
            4
            sage: LinearNetwork([2, 3, 2]).symmetry_dimension()
            8
            sage: LinearNetwork([5, 2, 4, 3]).symmetry_dimension()
            18
        """
        from sage.rings.rational_field import QQ
        Ws = self.weight_matrices(self.random_parameters(QQ, seed=0, bound=100))
        rows = []
        for i, k in enumerate(self._widths[1:-1]):
            # layer i + 1 is hidden: g acts on W_{i+1} (index i) and W_{i+2}
            for a in range(k):
                for b in range(k):
                    E = matrix(QQ, k, k, {(a, b): 1})
                    blocks = [matrix(QQ, W.nrows(), W.ncols()) for W in Ws]
                    blocks[i] = E * Ws[i]
                    blocks[i + 1] = -Ws[i + 1] * E
                    rows.append(sum((B.list() for B in blocks), []))
        return Integer(matrix(QQ, rows).rank()) if rows else Integer(0)

    def expected_dimension(self):
        r"""
        Return the expected dimension: parameters minus the dimension of the
        generic orbit of the hidden-layer groups
        (:meth:`symmetry_dimension`), capped by the ambient dimension. It
        is never below the true dimension ``r(m+n-r)``, and above it when a
        bottleneck before a wider layer makes the fibers larger than the
        orbits (``[5, 2, 3, 5]``: 18 against 16), which
        :meth:`Neuromanifold.dimension` detects.

        EXAMPLES::

            sage: from sage_neuro import LinearNetwork
            sage: LinearNetwork([4, 2, 3]).expected_dimension()
            10
            sage: LinearNetwork([2, 3, 2]).expected_dimension()
            4
            sage: LinearNetwork([5, 2, 3, 5]).expected_dimension(), LinearNetwork([5, 2, 3, 5]).neuromanifold().dimension()
            (18, 16)
        """
        return max(Integer(0), super().expected_dimension())

    def symmetries(self):
        r"""
        Return a description of the known symmetry group.

        EXAMPLES::

            sage: from sage_neuro import LinearNetwork
            sage: LinearNetwork([4, 2, 3]).symmetries()
            ['GL(2) at hidden layer 1: (W_2, W_1) -> (W_2 g^-1, g W_1)']
        """
        return ["GL(%d) at hidden layer %d: (W_%d, W_%d) -> (W_%d g^-1, g W_%d)"
                % (k, i, i + 1, i, i + 1, i) for i, k in enumerate(self._widths[1:-1], 1)]

    def subnetworks(self):
        r"""
        Return the architectures obtained by removing one neuron from a
        hidden layer (those whose bottleneck is smaller are the ones whose
        neuromanifolds form the singular locus).

        EXAMPLES::

            sage: from sage_neuro import LinearNetwork
            sage: LinearNetwork([4, 2, 3]).subnetworks()
            [LinearNetwork([4, 1, 3])]
        """
        return narrower_networks(self._widths, range(1, len(self._widths) - 1), LinearNetwork)
