r"""
The coordinate slice of a parametrization ``mu``: one representation,
handed to every engine.

A coordinate slice keeps the parameters ``kept`` (a set of independent
Jacobian columns, :func:`~sage_neuro.invariants.slicing.slice_pivots`) free
and fixes every other parameter at a random value. When the kept columns
are independent at a generic point, the restriction of ``mu`` is dominant
and generically finite onto the neuromanifold ``M``; every count over the
slice is an invariant of ``M`` times the size of a generic fiber of the
slice (Breiding, Rydell, Shehu Kaya, Trager: arXiv:2207.13669, section 3,
for the dimension count behind the pivots). The fixing of random constants
is a gauge fixing of the symmetries that keeps the equations sparse.

:class:`CoordinateSlice` holds the network, the kept parameters, the
values of the fixed ones, the field (``GF(p)``, ``QQ``, or complex
floating point) and the seed of the draw. Everything an engine counts is
read from it:

- :meth:`~CoordinateSlice.restriction` -- the coordinate functions on the
  slice from the term table of ``mu`` (mod ``p`` or over ``QQ``);
- :meth:`~CoordinateSlice.polynomials` -- the same as Sage polynomials in
  ``K[t0, ..., t(d-1)]`` (what Macaulay2 receives for the ED degree);
- :meth:`~CoordinateSlice.degree_systems` -- the linear section and fiber
  systems of the degree (libSingular, msolve and Macaulay2 count the very
  same systems);
- :meth:`~CoordinateSlice.punctured_section` -- the section through a
  point of ``M`` of the local multiplicity;
- :meth:`~CoordinateSlice.complex_terms` -- the folded complex terms of the
  path trackers of :mod:`~sage_neuro.invariants.monodromy` and
  :mod:`~sage_neuro.invariants.ed_monodromy`, whose monomials
  :class:`Monomials` evaluates.

The random constants of a seed are drawn in one place,
:meth:`CoordinateSlice.random`; the section coefficients, data and base
point of a seed continue the same random stream.

EXAMPLES::

    sage: from sage_neuro import LinearNetwork
    sage: from sage_neuro.invariants.slice import CoordinateSlice
    sage: S = CoordinateSlice(LinearNetwork([2, 1, 1]), [2], [2, 3], prime=101); S
    coordinate slice of LinearNetwork([2, 1, 1]) keeping 1 of 3 parameters over GF(101)
    sage: S.polynomials()          # mu = (w1_0 w2, w1_1 w2) at w1 = (2, 3)
    [2*t, 3*t]
"""

import random

import numpy as np

from sage.rings.rational_field import QQ

from sage_neuro.constants import SLICE_RATIONAL_HEIGHT


class CoordinateSlice:
    r"""
    The restriction of ``mu`` to the parameters ``kept``, the others fixed
    at ``fixed_values``.

    INPUT:

    - ``net`` -- an architecture
    - ``kept`` -- the indices of the free parameters
    - ``fixed_values`` -- the values of the other parameters, in increasing
      order of their indices
    - ``prime`` -- a prime ``p < 2^31`` (values are residues mod ``p``),
      ``0`` (values are rationals) or ``None`` (complex floating point, for
      the path tracker)
    - ``seed`` -- the seed the values were drawn from (``None``: given
      values); the section coefficients, data and base points of
      :meth:`degree_systems`, :meth:`random_data` continue its stream
    - ``height`` -- over ``QQ``, the largest absolute value of the random
      integers of the slice (default
      :data:`~sage_neuro.constants.SLICE_RATIONAL_HEIGHT`)
    - ``nonzero`` -- whether the random constants of the slice are nonzero
      (default ``False``)

    EXAMPLES::

        sage: from sage_neuro import LinearNetwork
        sage: from sage_neuro.invariants.slice import CoordinateSlice
        sage: S = CoordinateSlice.random(LinearNetwork([2, 1, 1]), [0, 2], seed=1, prime=101)
        sage: S.kept, S.fixed, len(S.fixed_values), S.seed
        ([0, 2], [1], 1, 1)
        sage: CoordinateSlice(LinearNetwork([2, 1, 1]), [0, 2], [1, 2], prime=101)
        Traceback (most recent call last):
        ...
        ValueError: fixed_values must have one value per parameter outside kept (1), not 2
    """

    def __init__(self, net, kept, fixed_values, prime=None, seed=None, stream=None,
                 height=SLICE_RATIONAL_HEIGHT, nonzero=False):
        self.net = net
        self.kept = [int(j) for j in kept]
        N = int(net.num_parameters())
        keptset = set(self.kept)
        self.fixed = [j for j in range(N) if j not in keptset]
        if len(fixed_values) != len(self.fixed):
            raise ValueError("fixed_values must have one value per parameter outside kept "
                             "(%d), not %d" % (len(self.fixed), len(fixed_values)))
        if prime is not None and not (prime == 0 or 2 < int(prime) < 2 ** 31):
            raise ValueError("prime must be 0 (QQ), None (complex) or an odd prime below "
                             "2^31, not %s" % (prime,))
        self.prime = None if prime is None else int(prime)
        p = self.prime
        if p:
            fixed_values = [int(c) % p for c in fixed_values]
        elif p == 0:
            fixed_values = [QQ(c) for c in fixed_values]
        else:
            fixed_values = [np.complex128(c) for c in fixed_values]
        self.fixed_values = list(fixed_values)
        self.seed = seed
        self.height = int(height)
        self.nonzero = bool(nonzero)
        if self.height < 1:
            raise ValueError("height must be a positive integer, not %s" % (height,))
        # the state of the random stream after the constants were drawn
        self._stream = stream

    @classmethod
    def random(cls, net, kept, seed, prime, height=SLICE_RATIONAL_HEIGHT, nonzero=False):
        r"""
        Return the coordinate slice of ``seed``: the one place where the
        random constants of a slice are drawn.

        One value is drawn per parameter (those of ``kept`` are drawn too
        and ignored, so that the values of a seed do not depend on
        ``kept``): a uniform residue mod ``prime``, or for ``prime = 0`` an
        integer of absolute value at most ``height`` (default
        :data:`~sage_neuro.constants.SLICE_RATIONAL_HEIGHT`); with
        ``nonzero``, a nonzero residue or integer. Small heights keep the
        coefficients of an exact Groebner basis small (the likelihood
        equations over ``QQ``,
        :class:`~sage_neuro.invariants.likelihood.LikelihoodSlice`, take
        :data:`~sage_neuro.constants.LIKELIHOOD_RATIONAL_HEIGHT`).
        :meth:`drawer` draws further constants of the same kind.

        EXAMPLES::

            sage: from sage_neuro import LinearNetwork
            sage: from sage_neuro.invariants.slice import CoordinateSlice
            sage: net = LinearNetwork([2, 1, 1])
            sage: CoordinateSlice.random(net, [2], 5, 101).fixed_values[:1] == CoordinateSlice.random(net, [1], 5, 101).fixed_values[:1]
            True
            sage: CoordinateSlice.random(net, [1, 2], 5, 0).polynomials()[0].parent()
            Multivariate Polynomial Ring in t0, t1 over Rational Field
            sage: S = CoordinateSlice.random(net, [2], 5, 0, height=9, nonzero=True)
            sage: all(0 < abs(c) <= 9 for c in S.fixed_values)
            True
            sage: CoordinateSlice.random(net, [2], 5, 0, height=0)
            Traceback (most recent call last):
            ...
            ValueError: height must be a positive integer, not 0
        """
        if int(height) < 1:
            raise ValueError("height must be a positive integer, not %s" % (height,))
        rng = random.Random(int(seed))
        draw = _drawer(rng, int(prime), nonzero=nonzero, height=height)
        values = [draw() for _ in range(int(net.num_parameters()))]
        keptset = set(int(j) for j in kept)
        fixed = [v for j, v in enumerate(values) if j not in keptset]
        return cls(net, kept, fixed, prime=int(prime), seed=int(seed), stream=rng.getstate(),
                   height=height, nonzero=nonzero)

    @classmethod
    def random_complex(cls, net, kept, rng):
        r"""
        Return a complex coordinate slice (for the path trackers of
        :mod:`~sage_neuro.invariants.monodromy` and
        :mod:`~sage_neuro.invariants.ed_monodromy`): the fixed parameters
        are standard complex Gaussians drawn from ``rng``, which the
        caller continues for its loops and base points.

        INPUT:

        - ``net`` -- an architecture
        - ``kept`` -- the indices of the free parameters
        - ``rng`` -- a ``numpy.random.Generator``, or an integer seed of one

        EXAMPLES::

            sage: from sage_neuro import LinearNetwork
            sage: from sage_neuro.invariants.slice import CoordinateSlice
            sage: S = CoordinateSlice.random_complex(LinearNetwork([2, 1, 1]), [2], 1)
            sage: S, len(S.fixed_values)
            (coordinate slice of LinearNetwork([2, 1, 1]) keeping 1 of 3 parameters over CC, 2)
        """
        kept = [int(j) for j in kept]
        return cls(net, kept, complex_normal(rng)(int(net.num_parameters()) - len(kept)))

    def __repr__(self):
        field = {None: "CC", 0: "QQ"}.get(self.prime, "GF(%s)" % self.prime)
        return "coordinate slice of %r keeping %d of %d parameters over %s" % (
            self.net, len(self.kept), len(self.kept) + len(self.fixed), field)

    def stream(self):
        r"""
        Return a random generator continuing the stream of the seed after
        the constants (a fresh generator on each call, so that the systems
        of a slice are the same every time they are built).

        EXAMPLES::

            sage: from sage_neuro import LinearNetwork
            sage: from sage_neuro.invariants.slice import CoordinateSlice
            sage: S = CoordinateSlice.random(LinearNetwork([2, 1, 1]), [2], 1, 101)
            sage: S.stream().random() == S.stream().random()
            True
        """
        rng = random.Random(0 if self.seed is None else self.seed)
        if self._stream is not None:
            rng.setstate(self._stream)
        return rng

    def drawer(self, rng=None):
        r"""
        Return a function drawing one random constant like those of the
        slice (a residue mod ``p``, or an integer of absolute value at most
        :attr:`height`; nonzero if the slice's are), from ``rng``.

        INPUT:

        - ``rng`` -- a ``random.Random`` (default: :meth:`stream`)

        EXAMPLES::

            sage: from sage_neuro import LinearNetwork
            sage: from sage_neuro.invariants.slice import CoordinateSlice
            sage: S = CoordinateSlice.random(LinearNetwork([2, 1, 1]), [2], 1, 0, height=3, nonzero=True)
            sage: draw = S.drawer()
            sage: all(draw() in (-3, -2, -1, 1, 2, 3) for _ in range(20))
            True
            sage: CoordinateSlice(LinearNetwork([2, 1, 1]), [2], [1, 2]).drawer()
            Traceback (most recent call last):
            ...
            ValueError: complex slices take their values from the caller
        """
        return _drawer(self.stream() if rng is None else rng, self.prime,
                       nonzero=self.nonzero, height=self.height)

    def ring(self):
        r"""
        Return the polynomial ring ``K[t0, ..., t(d-1)]`` (degrevlex) of the
        slice, ``K = GF(p)`` or ``QQ``.

        EXAMPLES::

            sage: from sage_neuro import LinearNetwork
            sage: from sage_neuro.invariants.slice import CoordinateSlice
            sage: CoordinateSlice.random(LinearNetwork([2, 1, 1]), [0, 2], 1, 101).ring()
            Multivariate Polynomial Ring in t0, t1 over Finite Field of size 101
        """
        from sage_neuro.invariants.terms import slice_ring
        if self.prime is None:
            raise ValueError("a complex slice has no polynomial ring; use complex_terms()")
        return slice_ring(self.prime, len(self.kept))

    def _constants(self):
        # the value of every parameter (0 at the kept ones)
        values = [0] * (len(self.kept) + len(self.fixed))
        for j, c in zip(self.fixed, self.fixed_values):
            values[j] = c
        return values

    def restriction(self):
        r"""
        Return the coordinate functions on the slice as a pair ``(keys,
        rows)``: ``keys`` the exponent vectors in the kept parameters,
        ``rows[i]`` a dictionary ``{k: c}``, coordinate ``i`` being the sum
        of ``c t^keys[k]`` (mod ``p`` from the term table, or over ``QQ``).

        EXAMPLES::

            sage: from sage_neuro import LinearNetwork
            sage: from sage_neuro.invariants.slice import CoordinateSlice
            sage: CoordinateSlice(LinearNetwork([2, 1, 1]), [2], [2, 3], prime=0).restriction()
            ([(1,)], [{0: 2}, {0: 3}])
        """
        from sage_neuro.invariants.terms import rational_restriction, term_table
        if self.prime:
            return term_table(self.net, self.prime).restrict(self.kept, self._constants())
        if self.prime == 0:
            return rational_restriction(self.net, self.kept, self._constants())
        raise ValueError("a complex slice has no exact restriction; use complex_terms()")

    def polynomials(self):
        r"""
        Return the coordinate functions of ``mu`` on the slice, as
        polynomials in :meth:`ring`.

        EXAMPLES::

            sage: from sage_neuro import LinearNetwork
            sage: from sage_neuro.invariants.slice import CoordinateSlice
            sage: CoordinateSlice(LinearNetwork([2, 1, 2]), [0, 1, 2], [5], prime=0).polynomials()
            [t0*t2, t1*t2, 5*t0, 5*t1]
        """
        keys, rows = self.restriction()
        R = self.ring()
        return [R({keys[k]: c for k, c in row.items() if c}) for row in rows]

    def _reduce(self, c):
        return c % self.prime if self.prime else c

    def _combinations(self, rows, rng, draw, count):
        # `count` random linear combinations of the rows, each with a random
        # constant: (coefficient dictionaries, constants)
        out = []
        for _ in range(count):
            acc = {}
            for row in rows:
                a = draw()
                for k, c in row.items():
                    acc[k] = acc.get(k, 0) + a * c
            out.append(({k: self._reduce(c) for k, c in acc.items()}, draw()))
        return out

    def degree_systems(self):
        r"""
        Return the two polynomial systems of the degree on this slice, in
        :meth:`ring`:

        1. ``len(kept)`` random affine combinations of the coordinates: the
           points of the slice mapping into a random affine section of
           ``M`` of complementary dimension (``deg M`` times the fiber size);
        2. the coordinates of ``mu - mu(base)`` at a random point ``base``
           of the slice (the nonconstant ones): its fiber through ``base``.

        (The fiber is also cut out, reduced, by ``d + 1`` random
        combinations of these equations, but those are dense, which msolve
        handles worse: 16 s against 6-10 s on the MLP ``[3, 3, 3]``.)

        EXAMPLES::

            sage: from sage_neuro import PolynomialCNN
            sage: from sage_neuro.invariants.slice import CoordinateSlice
            sage: S = CoordinateSlice.random(PolynomialCNN([2, 2], activation=2), [1, 2, 3], 1, 32003)
            sage: section, fiber = S.degree_systems()
            sage: len(section), len(fiber), section[0].parent().ngens()
            (3, 5, 3)
        """
        p = self.prime
        rng = self.stream()
        draw = _drawer(rng, p)
        keys, rows = self.restriction()
        R = self.ring()
        d = len(self.kept)

        def poly(coefficients, constant):
            return R({keys[k]: c for k, c in coefficients.items() if c}) - constant

        section = [poly(a, c) for a, c in self._combinations(rows, rng, draw, d)]
        base = [draw() for _ in range(d)]
        at_base = []
        for e in keys:
            v = 1
            for b, a in zip(base, e):
                if a:
                    v = v * pow(b, a, p) % p if p else v * b ** a
            at_base.append(v)
        zero = keys.index((0,) * d) if (0,) * d in keys else None
        # the coordinates that are not constant on the slice
        fiber = [poly(row, self._reduce(sum(c * at_base[k] for k, c in row.items())))
                 for row in rows if any(c and k != zero for k, c in row.items())]
        return section, fiber

    def random_data(self):
        r"""
        Return a random point of the function space (the data of the ED
        degree) from the stream of the seed.

        EXAMPLES::

            sage: from sage_neuro import LinearNetwork
            sage: from sage_neuro.invariants.slice import CoordinateSlice
            sage: u = CoordinateSlice.random(LinearNetwork([2, 1, 2]), [0, 1, 2], 1, 0).random_data()
            sage: len(u), all(x in QQ for x in u)
            (4, True)
        """
        draw = _drawer(self.stream(), self.prime)
        return [draw() for _ in range(int(self.net.ambient_dimension()))]

    def punctured_section(self, f, seed):
        r"""
        Return the system of the points ``t`` of the slice with ``mu(t)``
        in ``f + V``, ``mu(t) != f``, for a random linear space ``V`` of
        codimension ``len(kept)`` drawn from ``seed``: ``len(kept)`` random
        combinations of ``mu - f`` and ``z * l(mu - f) = 1`` for one more
        random combination ``l``, in ``K[t0, ..., td]`` (``td`` is ``z``).

        INPUT:

        - ``f`` -- a point of the function space over the field of the slice
        - ``seed`` -- the seed of the random combinations

        EXAMPLES::

            sage: from sage_neuro import LinearNetwork
            sage: from sage_neuro.invariants.slice import CoordinateSlice
            sage: S = CoordinateSlice.random(LinearNetwork([2, 1, 2]), [0, 1, 2], 1, 32003)
            sage: eqs = S.punctured_section([0, 0, 0, 0], 1); len(eqs), eqs[0].parent().ngens()
            (4, 4)
        """
        from sage_neuro.invariants.terms import slice_ring
        p = self.prime
        if not p:
            raise ValueError("punctured sections are counted over GF(p); this slice is over %s"
                             % ("QQ" if p == 0 else "CC"))
        keys, rows = self.restriction()
        d = len(self.kept)
        zero = (0,) * d
        keys = list(keys)
        if zero not in keys:
            keys.append(zero)
        z0 = keys.index(zero)
        shifted = []
        for row, fi in zip(rows, f):
            row = dict(row)
            row[z0] = (row.get(z0, 0) - int(fi)) % p
            shifted.append(row)
        rng = random.Random(1000003 * int(seed) + 17)
        draw = _drawer(rng, p, nonzero=True)
        combos = []
        for _ in range(d + 1):
            acc = {}
            for row in shifted:
                a = draw()
                for k, c in row.items():
                    acc[k] = acc.get(k, 0) + a * c
            combos.append({k: c % p for k, c in acc.items() if c % p})
        T = slice_ring(p, d + 1)
        z = T.gen(d)
        polys = [T({keys[k] + (0,): c for k, c in a.items()}) for a in combos]
        return polys[:d] + [z * polys[d] - 1]

    def complex_terms(self):
        r"""
        Return the terms of ``mu`` on a complex slice, the fixed values
        folded into the coefficients: ``(rows, E, coef)`` with ``rows`` the
        coordinate of each term, ``E`` the exponents in the kept
        parameters (one row per term) and ``coef`` the complex coefficients.

        EXAMPLES::

            sage: from sage_neuro import LinearNetwork
            sage: from sage_neuro.invariants.slice import CoordinateSlice
            sage: rows, E, coef = CoordinateSlice(LinearNetwork([2, 1, 1]), [2], [2j, 3]).complex_terms()
            sage: rows.tolist(), E.tolist(), coef.tolist()
            ([0, 1], [[1], [1]], [2j, (3+0j)])
        """
        from sage_neuro.invariants.dimension import coefficient_arrays
        rows, E, nums, dens = coefficient_arrays(self.net)
        coef = np.array([a / b for a, b in zip(nums, dens)], dtype=complex)
        for j, c in zip(self.fixed, self.fixed_values):
            coef = coef * c ** E[:, j]
        return rows, E[:, self.kept], coef


class Monomials:
    r"""
    The monomials ``x^e``, for the rows ``e`` of an exponent matrix, as a
    function of batches of complex points ``x`` (one row per point): the
    terms of :meth:`CoordinateSlice.complex_terms` in floating point.

    A monomial of low degree is the product of its variables repeated by
    their exponents (one gather of at most ``degree`` entries per term);
    many monomials of a degree above the number of variables are products
    of one entry per variable of a table of powers (MLP ``[2,2,2,2,2,1]``
    with ``x^2``: 43062 terms of degree up to 30 in 9 variables, 0.8 ms for
    one point against 8 ms; CNN ``[2,2,2,2]``, 798 terms, three times
    faster in batches; below about 200 terms the table costs what it saves).

    INPUT:

    - ``E`` -- an integer array of exponents, one row per monomial and one
      column per variable

    EXAMPLES::

        sage: import numpy as np
        sage: from sage_neuro.invariants.slice import Monomials
        sage: m = Monomials(np.array([[2, 0], [1, 1], [0, 0]]))
        sage: m.degree, m(np.array([[2, 3], [1j, 1]])).tolist()
        (2, [[(4+0j), (6+0j), (1+0j)], [(-1+0j), 1j, (1+0j)]])

    Both evaluations agree::

        sage: E = np.random.default_rng(int(0)).integers(0, 9, (300, 3))
        sage: X = np.array([[0.9 + 0.2j, -1.1j, 0.7]]); m = Monomials(E)
        sage: bool(np.allclose(m(X), np.prod(X[:, None, :] ** E[None], axis=2)))
        True
    """

    def __init__(self, E):
        E = np.asarray(E, dtype=np.int64)
        T, d = E.shape
        self.degree = int(E.sum(axis=1).max()) if T else 0
        self._powers = d < self.degree and T >= 200
        if self._powers:
            self._E = np.ascontiguousarray(E.T)
        else:
            # row t: x_j repeated e_j times, padded with the index d of a
            # column of ones
            self._factors = np.full((T, max(self.degree, 1)), d, dtype=np.int64)
            for t in range(T):
                f = np.repeat(np.arange(d), E[t])
                self._factors[t, :len(f)] = f

    def __call__(self, X):
        if self._powers:
            P, d = X.shape
            table = np.ones((P, d, self.degree + 1), dtype=complex)
            for k in range(1, self.degree + 1):
                table[:, :, k] = table[:, :, k - 1] * X
            m = table[:, 0, self._E[0]]
            for j in range(1, d):
                m *= table[:, j, self._E[j]]
            return m
        ones = np.ones((len(X), 1), dtype=complex)
        return np.concatenate([X, ones], axis=1)[:, self._factors].prod(axis=2)


def complex_normal(rng):
    r"""
    Return a function drawing arrays of standard complex Gaussians (real
    and imaginary parts independent, of variance ``1/2``) of a given shape
    from the ``numpy`` generator ``rng`` (or a new one seeded by the integer
    ``rng``): the random constants, loops and base points of the complex
    slices.

    EXAMPLES::

        sage: from sage_neuro.invariants.slice import complex_normal
        sage: crandn = complex_normal(0)
        sage: crandn(2, 3).shape, crandn(4).dtype
        ((2, 3), dtype('complex128'))
    """
    if not isinstance(rng, np.random.Generator):
        rng = np.random.default_rng(int(rng))

    def crandn(*shape):
        return (rng.standard_normal(shape) + 1j * rng.standard_normal(shape)) / np.sqrt(2)
    return crandn


def _drawer(rng, p, nonzero=False, height=SLICE_RATIONAL_HEIGHT):
    # one random constant: a residue mod p, an integer of absolute value at
    # most height for QQ (nonzero: a random sign times 1..height)
    if p:
        if nonzero:
            return lambda: rng.randrange(1, p)
        return lambda: rng.randrange(p)
    if p == 0:
        if nonzero:
            return lambda: QQ(rng.randint(1, height) * rng.choice((-1, 1)))
        return lambda: QQ(rng.randint(-height, height))
    raise ValueError("complex slices take their values from the caller")
