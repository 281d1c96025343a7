r"""
The coordinate functions of ``mu`` as a table of terms modulo a prime.

Every term of every coordinate function is one row of integer arrays: the
coordinate it belongs to, its exponent vector and its coefficient mod
``p``. Jacobians at a point, restrictions to coordinate slices of the
parameter space and random linear combinations of the coordinates are then
vectorised numpy operations on these arrays; only the few polynomials that a
Groebner basis needs are built as Sage polynomials. On the small networks of
the degree ladder this takes the slice systems from 0.1-0.8 ms (symbolic
substitution of every coordinate function) to a few tens of microseconds.

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

from sage_neuro.invariants.dimension import _term_table


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
    cache = net.__dict__.setdefault("_term_tables", {})
    if p not in cache:
        cache[p] = TermTable(net, p)
    return cache[p]


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
        sage: T.ncoordinates, T.nparameters, len(T.coefficients)
        (5, 4, 6)
    """

    def __init__(self, net, p):
        p = int(p)
        if not 2 < p < 2 ** 31:
            raise ValueError("p must be an odd prime below 2^31, not %s" % p)
        rows, E, nums, dens = _term_table(net)
        self.p = p
        self.rows = rows
        self.exponents = E
        self.ncoordinates = len(net.coordinate_functions())
        self.nparameters = E.shape[1]
        inverse = {d: pow(d, -1, p) for d in set(dens)}
        self.coefficients = np.array([n % p * inverse[d] % p for n, d in zip(nums, dens)],
                                     dtype=np.int64)
        self.top = int(E.max()) if E.size else 0
        self._slices = {}
        self._rings = {}

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
        if d not in self._rings:
            self._rings[d] = PolynomialRing(GF(self.p), "t", d, order="degrevlex")
        return self._rings[d]

    def _monomials(self, x, E):
        # x^E row by row, mod p, through a table of powers
        p = self.p
        x = np.asarray(x, dtype=np.int64) % p
        powers = np.ones((len(x), self.top + 1), dtype=np.int64)
        for k in range(1, self.top + 1):
            powers[:, k] = powers[:, k - 1] * x % p
        out = np.ones(len(E), dtype=np.int64)
        for j in range(E.shape[1]):
            out = out * powers[j, E[:, j]] % p
        return out

    def values(self, x):
        r"""
        Return the coordinate functions at the parameter point ``x`` mod ``p``.

        EXAMPLES::

            sage: from sage_neuro import LinearNetwork
            sage: from sage_neuro.invariants.terms import TermTable
            sage: TermTable(LinearNetwork([2, 1, 1]), 101).values([2, 3, 5]).tolist()
            [10, 15]
        """
        v = self.coefficients * self._monomials(x, self.exponents) % self.p
        out = np.zeros(self.ncoordinates, dtype=np.int64)
        np.add.at(out, self.rows, v)
        return out % self.p

    def jacobian(self, x):
        r"""
        Return the Jacobian of the coordinate functions at ``x`` mod ``p``
        (an integer array, one row per coordinate).

        The derivative of a term ``c x^e`` by ``x_j`` is ``c e_j x^(e - e_j)``;
        all terms are differentiated at once.

        EXAMPLES::

            sage: from sage_neuro import LinearNetwork
            sage: from sage_neuro.invariants.terms import TermTable
            sage: TermTable(LinearNetwork([1, 1, 1]), 7).jacobian([2, 0]).tolist()
            [[0, 2]]
        """
        p, E = self.p, self.exponents
        x = np.asarray([int(v) for v in x], dtype=np.int64) % p
        J = np.zeros((self.ncoordinates, self.nparameters), dtype=np.int64)
        if x.all():
            # d/dx_j (c x^e) = (c x^e) e_j / x_j: one pass over the terms
            inverse = np.array([pow(int(v), -1, p) for v in x], dtype=np.int64)
            v = self.coefficients * self._monomials(x, E) % p
            D = (v[:, None] * (E % p) % p) * inverse[None, :] % p
            np.add.at(J, self.rows, D)
            return J % p
        for j in range(self.nparameters):
            mask = E[:, j] > 0
            if not mask.any():
                continue
            D = E[mask].copy()
            D[:, j] -= 1
            v = self.coefficients[mask] * (E[mask, j] % p) % p * self._monomials(x, D) % p
            np.add.at(J[:, j], self.rows[mask], v)
        return J % p

    def restrict(self, kept, constants):
        r"""
        Return the coordinate functions on the coordinate slice where the
        parameters outside ``kept`` take the values ``constants`` (one per
        parameter, those of ``kept`` ignored): a pair ``(exps, matrix)``,
        ``exps`` the distinct exponent vectors in the kept parameters and
        ``matrix[i, k]`` the coefficient of ``exps[k]`` in coordinate ``i``.

        EXAMPLES::

            sage: from sage_neuro import LinearNetwork
            sage: from sage_neuro.invariants.terms import TermTable
            sage: exps, A = TermTable(LinearNetwork([2, 1, 1]), 101).restrict([2], [2, 3, 0])
            sage: exps.tolist(), A.tolist()         # (2 w2, 3 w2)
            ([[1]], [[2], [3]])
        """
        fixed, fixed_exps, exps, inverse, _, _ = self.slice(kept)
        p = self.p
        v = self.coefficients * self._monomials(np.asarray(constants, dtype=np.int64)[fixed],
                                                fixed_exps) % p
        A = np.zeros((self.ncoordinates, len(exps)), dtype=np.int64)
        np.add.at(A, (self.rows, inverse), v)
        return exps, A % p

    def slice(self, kept):
        r"""
        Return the structure of the coordinate slice keeping the parameters
        ``kept``, computed once per slice: the fixed parameters, their
        exponents in each term, the distinct exponent vectors ``exps`` in
        the kept parameters, the index of each term's vector in ``exps``,
        ``exps`` as tuples, and the index of the constant monomial (or
        ``None``).

        EXAMPLES::

            sage: from sage_neuro import LinearNetwork
            sage: from sage_neuro.invariants.terms import TermTable
            sage: TermTable(LinearNetwork([2, 1, 1]), 101).slice([2])[4:]
            ([(1,)], None)
        """
        key = tuple(int(j) for j in kept)
        if key not in self._slices:
            kept_set = set(key)
            fixed = [j for j in range(self.nparameters) if j not in kept_set]
            sub = self.exponents[:, list(key)]
            # a dict of the exponent tuples: np.unique(axis=0) costs 100 us
            # on the smallest tables
            index = {}
            inverse = np.array([index.setdefault(r, len(index)) for r in map(tuple, sub.tolist())],
                               dtype=np.int64)
            keys = list(index)
            exps = np.array(keys, dtype=np.int64).reshape(len(keys), len(key))
            self._slices[key] = (fixed, self.exponents[:, fixed], exps, inverse, keys,
                                 index.get((0,) * len(key)))
        return self._slices[key]


def slice_systems(net, kept, seed, p):
    r"""
    Return the two polynomial systems of one seed of the degree slice over
    ``GF(p)``, in a polynomial ring with one variable per kept parameter:
    the parameters outside ``kept`` are fixed at random residues, and

    1. ``len(kept)`` random affine combinations of the coordinates: the
       points of the slice mapping into a random affine section of ``M`` of
       complementary dimension (``deg M`` times the fiber size);
    2. the coordinates of ``mu - mu(base)`` at a random point ``base`` of
       the slice (the nonconstant ones): its fiber through ``base``.

    (The fiber is also cut out, reduced, by ``d + 1`` random combinations
    of these equations, but those are dense: msolve took 16 s instead of
    6 s on the MLP ``[3, 3, 3]``.)

    EXAMPLES::

        sage: from sage_neuro import PolynomialCNN
        sage: from sage_neuro.invariants.terms import slice_systems
        sage: section, fiber = slice_systems(PolynomialCNN([2, 2], activation=2), [1, 2, 3], 1, 32003)
        sage: len(section), len(fiber), section[0].parent().ngens()
        (3, 5, 3)
    """
    T = term_table(net, p)
    d, m, N = len(kept), T.ncoordinates, T.nparameters
    _, _, exps, _, keys, zero = T.slice(kept)
    draws = np.random.default_rng(int(seed)).integers(0, p, N + d * m + 2 * d)
    exps, A = T.restrict(kept, draws[:N])
    R = T.ring(d)

    def polys(B, constants):
        # the rows of B as polynomials in the monomials `keys`, minus the constants
        return [R(dict((k, v) for k, v in zip(keys, row) if v)) - c
                for row, c in zip(B.tolist(), constants.tolist())]
    section = polys(_matmul_mod(draws[N:N + d * m].reshape(d, m), A, p), draws[N + d * m:N + d * m + d])
    at_base = _matmul_mod(A, _monomials_at(draws[N + d * m + d:], exps, p)[:, None], p)[:, 0]
    # the coordinates that are not constant on the slice
    if zero is None:
        moving = A.any(axis=1)
    else:
        moving = np.delete(A, zero, axis=1).any(axis=1)
    fiber = polys(A[moving], at_base[moving])
    return section, fiber


def _monomials_at(x, exps, p):
    # x^e for each row e of exps, mod p
    out = np.ones(len(exps), dtype=np.int64)
    for j in range(exps.shape[1]):
        powers = [1]
        for _ in range(int(exps[:, j].max()) if len(exps) else 0):
            powers.append(powers[-1] * int(x[j]) % p)
        out = out * np.array(powers, dtype=np.int64)[exps[:, j]] % p
    return out


def _matmul_mod(A, B, p):
    # A @ B mod p for residues; exact in int64 while the inner sums cannot
    # overflow, else in Python integers
    if A.shape[1] * (p - 1) ** 2 < 2 ** 63:
        return np.asarray(A, dtype=np.int64) @ np.asarray(B, dtype=np.int64) % p
    return (np.asarray(A, dtype=object) @ np.asarray(B, dtype=object) % p).astype(np.int64)
