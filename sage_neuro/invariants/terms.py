r"""
The coordinate functions of ``mu`` as a table of terms modulo a prime.

Every term of every coordinate function is stored once per network as
(coordinate, sparse exponent vector, rational coefficient), and per prime
with its coefficient mod ``p``. Jacobians at a point, restrictions to
coordinate slices of the parameter space and random linear combinations of
the coordinates are loops over these terms (plain Python: on tables of a
few hundred terms numpy's per-call cost dominates; Jacobians of larger
tables go to :func:`~sage_neuro.invariants.dimension.jacobian_evaluator`);
only the polynomials that a Groebner basis needs are built as Sage
polynomials. On the small networks of the degree ladder the two slice
systems of a seed take 50-100 us, where substituting into every coordinate
function took 0.1-0.8 ms.

EXAMPLES::

    sage: from sage_neuro import LinearNetwork
    sage: from sage_neuro.invariants.terms import TermTable
    sage: T = TermTable(LinearNetwork([2, 1, 1]), 101)
    sage: T.jacobian([2, 3, 5]).tolist()     # mu = (w1_0 w2, w1_1 w2)
    [[5, 0, 2], [0, 5, 3]]
"""

import numpy as np

from sage.rings.finite_rings.finite_field_constructor import GF
from sage.rings.polynomial.polynomial_ring_constructor import PolynomialRing
from sage.rings.rational_field import QQ

import weakref
from functools import lru_cache

from sage_neuro.cache import CacheKey, cache_of
from sage_neuro.invariants.dimension import coefficient_jacobian_mod_p


@lru_cache(maxsize=64)
def slice_ring(p, d):
    r"""
    Return the polynomial ring ``GF(p)[t0, ..., t(d-1)]`` (degrevlex) of
    the slice systems with ``d`` kept parameters, ``QQ[t0, ...]`` for
    ``p = 0`` (remembered: Sage's ring constructor costs 20 us per lookup,
    a slice system 50-100 us).

    EXAMPLES::

        sage: from sage_neuro.invariants.terms import slice_ring
        sage: slice_ring(101, 2)
        Multivariate Polynomial Ring in t0, t1 over Finite Field of size 101
        sage: slice_ring(0, 2)
        Multivariate Polynomial Ring in t0, t1 over Rational Field
    """
    return PolynomialRing(GF(p) if p else QQ, "t", d, order="degrevlex")


def rational_restriction(net, kept, constants):
    r"""
    Return the coordinate functions of ``mu`` over ``QQ`` on the coordinate
    slice where the parameters outside ``kept`` take the values
    ``constants`` (one per parameter, those of ``kept`` ignored), in the
    form of :meth:`TermTable.restrict`: ``(keys, rows)``.

    EXAMPLES::

        sage: from sage_neuro import LinearNetwork
        sage: from sage_neuro.invariants.terms import rational_restriction
        sage: rational_restriction(LinearNetwork([2, 1, 1]), [2], [1/2, 3, 0])    # (w2/2, 3 w2)
        ([(1,)], [{0: 1/2}, {0: 3}])
    """
    position = {int(j): i for i, j in enumerate(kept)}
    constants = [QQ(c) for c in constants]
    index, rows = {}, [{} for _ in net.coordinate_functions()]
    for r, sparse, n, d in sparse_terms(net):
        e = [0] * len(position)
        c = QQ(n) / d
        for j, a in sparse:
            if j in position:
                e[position[j]] = a
            else:
                c = c * constants[j] ** a
        k = index.setdefault(tuple(e), len(index))
        rows[r][k] = rows[r].get(k, 0) + c
    return list(index), rows


def sparse_terms(net):
    r"""
    Return the terms of the coordinate functions of ``mu`` over ``QQ``,
    built once per network object: a list of ``(coordinate, [(parameter,
    exponent)], numerator, denominator)``.

    EXAMPLES::

        sage: from sage_neuro import LinearNetwork
        sage: from sage_neuro.invariants.terms import sparse_terms
        sage: sparse_terms(LinearNetwork([2, 1, 1]))     # mu = (w1_0 w2, w1_1 w2)
        [(0, [(0, 1), (2, 1)], 1, 1), (1, [(1, 1), (2, 1)], 1, 1)]
    """
    def build():
        terms = []
        for i, f in enumerate(net.coordinate_functions()):
            for e, c in f.dict().items():
                terms.append((i, list(e.sparse_iter()), int(c.numerator()), int(c.denominator())))
        return terms
    return cache_of(net).lookup(CacheKey("sparse_terms"), build)


def term_table(net, p):
    r"""
    Return the :class:`TermTable` of ``net`` modulo ``p``, built once per
    network object and prime.

    EXAMPLES::

        sage: from sage_neuro import LinearNetwork
        sage: from sage_neuro.invariants.terms import term_table
        sage: net = LinearNetwork([2, 1, 1])
        sage: term_table(net, 7) is term_table(net, 7)
        True
    """
    p = int(p)
    return cache_of(net).lookup(CacheKey("term_table", prime=p), lambda: TermTable(net, p))


class TermTable:
    r"""
    The terms of the coordinate functions of ``net`` modulo the prime ``p``
    (``p < 2^31``, so that products of two residues fit in 64 bits).

    INPUT:

    - ``net`` -- an architecture
    - ``p`` -- a prime

    EXAMPLES::

        sage: from sage_neuro import PolynomialCNN
        sage: from sage_neuro.invariants.terms import TermTable
        sage: T = TermTable(PolynomialCNN([2, 2], activation=2), 32003)
        sage: T.ncoordinates, T.nparameters, len(T.terms)
        (5, 4, 6)
    """

    def __init__(self, net, p):
        p = int(p)
        if not 2 < p < 2 ** 31:
            raise ValueError("p must be an odd prime below 2^31, not %s" % p)
        self.p = p
        # a weak reference: the table lives in the network's cache, which
        # must not keep the network alive
        self._net = weakref.ref(net)
        self.ncoordinates = len(net.coordinate_functions())
        self.nparameters = int(net.num_parameters())
        base = sparse_terms(net)
        inverse = {d: pow(d, -1, p) for _, _, _, d in base} if base else {}
        # (row, [(j, e_j) for e_j > 0], coefficient mod p): on tables of a
        # few hundred terms, loops beat numpy's per-call cost
        self.terms = [(r, sparse, n % p * inverse[d] % p) for r, sparse, n, d in base]
        self._slices = {}

    def ring(self, d):
        r"""
        Return the polynomial ring ``GF(p)[t0, ..., t(d-1)]`` (degrevlex) of
        the slice systems with ``d`` kept parameters.

        EXAMPLES::

            sage: from sage_neuro import LinearNetwork
            sage: from sage_neuro.invariants.terms import TermTable
            sage: TermTable(LinearNetwork([2, 1, 1]), 101).ring(2)
            Multivariate Polynomial Ring in t0, t1 over Finite Field of size 101
        """
        return slice_ring(self.p, int(d))

    def values(self, x):
        r"""
        Return the coordinate functions at the parameter point ``x`` mod ``p``.

        EXAMPLES::

            sage: from sage_neuro import LinearNetwork
            sage: from sage_neuro.invariants.terms import TermTable
            sage: TermTable(LinearNetwork([2, 1, 1]), 101).values([2, 3, 5]).tolist()
            [10, 15]
        """
        p = self.p
        x = [int(v) % p for v in x]
        out = [0] * self.ncoordinates
        for r, sparse, c in self.terms:
            for j, e in sparse:
                c = c * pow(x[j], e, p) % p
            out[r] += c
        return np.array([v % p for v in out], dtype=np.int64)

    def jacobian(self, x):
        r"""
        Return the Jacobian of the coordinate functions at ``x`` mod ``p``
        (an integer array, one row per coordinate).

        At a point with nonzero coordinates the derivative of a term
        ``c x^e`` by ``x_j`` is its value times ``e_j / x_j``, one pass over
        the terms; beyond :data:`SMALL` terms, or at a zero coordinate, the
        vectorised evaluator of :mod:`~sage_neuro.invariants.dimension`.

        EXAMPLES::

            sage: from sage_neuro import LinearNetwork
            sage: from sage_neuro.invariants.terms import TermTable
            sage: TermTable(LinearNetwork([1, 1, 1]), 7).jacobian([2, 0]).tolist()
            [[0, 2]]
        """
        p = self.p
        x = [int(v) % p for v in x]
        if all(x) and len(self.terms) <= SMALL:
            inverse = [pow(v, -1, p) for v in x]
            J = [[0] * self.nparameters for _ in range(self.ncoordinates)]
            for r, sparse, c in self.terms:
                for j, e in sparse:
                    c = c * pow(x[j], e, p) % p
                row = J[r]
                for j, e in sparse:
                    row[j] += c * e * inverse[j]
            return np.array([[v % p for v in row] for row in J], dtype=np.int64).reshape(
                self.ncoordinates, self.nparameters)
        # large tables, or a zero coordinate: the vectorised evaluator of the
        # expanded coefficients that the dimension route uses
        return coefficient_jacobian_mod_p(self._net(), x, p)

    def restrict(self, kept, constants):
        r"""
        Return the coordinate functions on the coordinate slice where the
        parameters outside ``kept`` take the values ``constants`` (one per
        parameter, those of ``kept`` ignored): a pair ``(keys, rows)``,
        ``keys`` the exponent vectors in the kept parameters and
        ``rows[i]`` a dictionary ``{k: c}``: coordinate ``i`` is the sum of
        ``c t^keys[k]``.

        EXAMPLES::

            sage: from sage_neuro import LinearNetwork
            sage: from sage_neuro.invariants.terms import TermTable
            sage: TermTable(LinearNetwork([2, 1, 1]), 101).restrict([2], [2, 3, 0])   # (2 w2, 3 w2)
            ([(1,)], [{0: 2}, {0: 3}])
        """
        keys, terms, _ = self.slice(kept)
        p = self.p
        constants = [int(c) % p for c in constants]
        rows = [{} for _ in range(self.ncoordinates)]
        for r, k, fixed, c in terms:
            for j, e in fixed:
                c = c * pow(constants[j], e, p) % p
            row = rows[r]
            row[k] = (row.get(k, 0) + c) % p
        return keys, rows

    def slice(self, kept):
        r"""
        Return the structure of the coordinate slice keeping the parameters
        ``kept``, computed once per slice: the exponent vectors ``keys`` in
        the kept parameters, the terms as ``(coordinate, index in keys,
        [(fixed parameter, exponent)], coefficient)``, and the index of the
        constant monomial in ``keys`` (or ``None``).

        EXAMPLES::

            sage: from sage_neuro import LinearNetwork
            sage: from sage_neuro.invariants.terms import TermTable
            sage: keys, terms, zero = TermTable(LinearNetwork([2, 1, 1]), 101).slice([2])
            sage: keys, terms, zero
            ([(1,)], [(0, 0, [(0, 1)], 1), (1, 0, [(1, 1)], 1)], None)
        """
        key = tuple(int(j) for j in kept)
        if key not in self._slices:
            position = {j: i for i, j in enumerate(key)}
            index, terms = {}, []
            for r, sparse, c in self.terms:
                e = [0] * len(key)
                fixed = []
                for j, a in sparse:
                    if j in position:
                        e[position[j]] = a
                    else:
                        fixed.append((j, a))
                terms.append((r, index.setdefault(tuple(e), len(index)), fixed, c))
            self._slices[key] = (list(index), terms, index.get((0,) * len(key)))
        return self._slices[key]


#: up to this many terms the Jacobian is assembled in plain Python
SMALL = 2000
