r"""
The affine linear span of a neuromanifold.

Many neuromanifolds sit in a small linear subspace of the coefficient space
(Kohn's attention example spans 6 of its 40 coordinates). Eliminating,
decomposing and taking Jacobians inside the span instead of the whole space
is much cheaper. The span is found by linear algebra on values of ``mu`` at
random rational points, and every linear relation found is then *proved* by
substituting the coordinate functions of ``mu`` (an exact identity of
polynomials), so the result is exact.

EXAMPLES::

    sage: from sage_neuro import LightningSelfAttention
    sage: from sage_neuro.invariants.span import LinearSpan
    sage: S = LinearSpan(LightningSelfAttention(2, 2, 1, 2))
    sage: S.dimension(), len(S.relations())
    (6, 34)
"""

import random as _random

from sage.matrix.constructor import matrix
from sage.misc.cachefunc import cached_method
from sage.rings.integer import Integer
from sage.rings.polynomial.polynomial_ring_constructor import PolynomialRing
from sage.rings.rational_field import QQ


class LinearSpan:
    r"""
    The smallest affine linear subspace containing the neuromanifold of
    ``net``, with coordinates on it.

    The span is parametrized by the *free* coordinates (a subset of the
    coordinates of ``net.coordinate_ring()``); every other coordinate is an
    affine-linear function of them on the span.

    INPUT:

    - ``net`` -- an architecture
    - ``seed`` -- seed of the random sample points

    EXAMPLES::

        sage: from sage_neuro import LinearNetwork
        sage: from sage_neuro.invariants.span import LinearSpan
        sage: LinearSpan(LinearNetwork([4, 2, 3])).dimension()
        12
    """

    def __init__(self, net, seed=0):
        self._net = net
        self._seed = seed
        self._compute()

    def _compute(self):
        net = self._net
        n = int(net.ambient_dimension())
        F = net.coordinate_functions()
        rng = _random.Random(self._seed)
        # values at n + 5 random points, plus the constant 1 for affine relations
        rows = []
        for _ in range(n + 5):
            theta = [QQ(rng.randint(-50, 50)) for _ in range(int(net.num_parameters()))]
            rows.append([f(*theta) for f in F] + [QQ(1)])
        K = matrix(QQ, rows).right_kernel_matrix()
        C = net.coordinate_ring()
        rels = []
        for v in K.rows():
            rel = sum(v[i] * C.gen(i) for i in range(n)) + v[n]
            # proof: the relation holds identically on the parametrization
            if sum(v[i] * F[i] for i in range(n)) + v[n] != 0:
                raise ArithmeticError("sampled relation %s does not hold on mu: sample too small" % rel)
            rels.append(rel)
        self._relations = rels
        # solve the relations for pivot coordinates in terms of the free ones
        if rels:
            A = matrix(QQ, [[r.monomial_coefficient(g) for g in C.gens()] + [r.constant_coefficient()]
                            for r in rels]).echelon_form()
            pivots = [j for j in A.pivots() if j < n]
        else:
            A, pivots = None, []
        self._pivots = pivots
        self._free = [j for j in range(n) if j not in pivots]
        self._echelon = A

    def relations(self):
        r"""
        Return the affine-linear relations (elements of the coordinate ring)
        that cut out the span; each one is proved to vanish on ``mu``.

        EXAMPLES::

            sage: from sage_neuro import PolynomialCNN
            sage: from sage_neuro.invariants.span import LinearSpan
            sage: LinearSpan(PolynomialCNN([2, 2])).relations()
            []
        """
        return list(self._relations)

    def dimension(self):
        r"""
        Return the dimension of the span.

        EXAMPLES::

            sage: from sage_neuro import LinearNetwork
            sage: from sage_neuro.invariants.span import LinearSpan
            sage: LinearSpan(LinearNetwork([2, 2])).dimension()
            4
        """
        return Integer(len(self._free))

    def free_coordinates(self):
        r"""
        Return the indices of the coordinates that parametrize the span.

        EXAMPLES::

            sage: from sage_neuro import LightningSelfAttention
            sage: from sage_neuro.invariants.span import LinearSpan
            sage: len(LinearSpan(LightningSelfAttention(2, 2, 1, 2)).free_coordinates())
            6
        """
        return list(self._free)

    @cached_method
    def reduced_ring(self):
        r"""
        Return the polynomial ring in the free coordinates (same names).

        EXAMPLES::

            sage: from sage_neuro import LinearNetwork
            sage: from sage_neuro.invariants.span import LinearSpan
            sage: LinearSpan(LinearNetwork([2, 1, 1])).reduced_ring()
            Multivariate Polynomial Ring in c0_0, c0_1 over Rational Field
        """
        C = self._net.coordinate_ring()
        names = [C.variable_names()[j] for j in self._free]
        return PolynomialRing(QQ, len(names), names, order="degrevlex")

    def reduced_coordinate_functions(self):
        r"""
        Return the coordinate functions of ``mu`` composed with the
        projection to the free coordinates.

        EXAMPLES::

            sage: from sage_neuro import LinearNetwork
            sage: from sage_neuro.invariants.span import LinearSpan
            sage: LinearSpan(LinearNetwork([2, 1, 1])).reduced_coordinate_functions()
            [w1_0_0*w2_0_0, w1_0_1*w2_0_0]
        """
        F = self._net.coordinate_functions()
        return [F[j] for j in self._free]

    def to_reduced(self, f):
        r"""
        Restrict a polynomial on the function space to the span, written in
        the free coordinates.

        EXAMPLES::

            sage: from sage_neuro import LightningSelfAttention
            sage: from sage_neuro.invariants.span import LinearSpan
            sage: S = LinearSpan(LightningSelfAttention(2, 2, 1, 2))
            sage: all(S.to_reduced(r) == 0 for r in S.relations())
            True
        """
        C = self._net.coordinate_ring()
        R = self.reduced_ring()
        n = C.ngens()
        images = [None] * n
        for k, j in enumerate(self._free):
            images[j] = R.gen(k)
        if self._echelon is not None:
            A = self._echelon
            for row in A.rows():
                piv = [j for j in range(n) if row[j] != 0]
                if not piv:
                    continue
                p = piv[0]
                if p in self._free:
                    continue
                # row: x_p + sum_{free j} a_j x_j + c = 0
                images[p] = -(sum(row[j] * images[j] for j in self._free if row[j] != 0) + row[n]) / row[p]
        return C.hom(images, R)(f)

    def lift(self, g):
        r"""
        Return the polynomial ``g`` of the reduced ring as a polynomial on
        the function space (the same expression in the free coordinates).

        EXAMPLES::

            sage: from sage_neuro import LinearNetwork
            sage: from sage_neuro.invariants.span import LinearSpan
            sage: S = LinearSpan(LinearNetwork([2, 1, 1]))
            sage: S.lift(S.reduced_ring().gen(0)).parent() is LinearNetwork([2, 1, 1]).coordinate_ring()
            True
        """
        C = self._net.coordinate_ring()
        R = self.reduced_ring()
        return R.hom([C.gen(j) for j in self._free], C)(g)

    def lift_ideal(self, J):
        r"""
        Return the ideal of the function space of the subvariety of the span
        given by the ideal ``J`` of the reduced ring.

        EXAMPLES::

            sage: from sage_neuro import LightningSelfAttention
            sage: from sage_neuro.invariants.span import LinearSpan
            sage: S = LinearSpan(LightningSelfAttention(2, 2, 1, 2))
            sage: S.lift_ideal(S.reduced_ring().ideal([])).ngens()
            34
        """
        C = self._net.coordinate_ring()
        gens = self.relations() + [self.lift(g) for g in J.gens() if g != 0]
        return C.ideal(gens)
