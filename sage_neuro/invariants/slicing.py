r"""
Degrees and Euclidean distance degrees by coordinate slices of the
parameter space.

The parameters outside a set of ``d = dim M`` Jacobian pivot columns are
fixed at random values: this gauge-fixes the symmetries of ``mu`` and makes
it generically finite of fiber size ``b``. The number ``a`` of points of
the sliced parameter space mapping to a random linear section of ``M``
(resp. to a critical point of the squared distance from random data, after
removing the points where the sliced Jacobian drops rank) is then
``deg(M) * b`` (resp. ``EDdeg(M) * b``). The degree counts are
computed over ``GF(p)`` by one of three engines, the first that applies:
Sage's libSingular in-process for small systems (multihomogeneous Bezout
number at most :data:`SINGULAR_BEZOUT`: no round trip, 0.5-5 ms), msolve run
directly by :mod:`sage_neuro.invariants.msolve`, one process per system and
all seeds side by side (``'ParallelMsolve'``), else Macaulay2 with msolve
or its own F4 (``'Msolve'``, ``'F4'``; the slice of ``LinearNetwork([5, 2,
5])``, 16 quadrics with 175 solutions, takes 0.4 s in msolve and more than
100 s in Macaulay2's F4); the ED critical system of the default strategy
is built in Sage and counted by msolve processes side by side as well
(``'ParallelMsolve'``, :func:`ed_critical_systems`), the other strategies
and engines go through Macaulay2. All
engines count the systems of the same
:class:`~sage_neuro.invariants.slice.CoordinateSlice` of each seed
(:func:`degree_slices`), which Macaulay2 receives as polynomials. For the ED degree the spurious
points are removed by inverting (the squarefree part of) one cheap
maximal minor of the sliced Jacobian with an extra variable (Rabinowitsch; strategy
``'Rabinowitsch'``, the default) instead of saturating by the determinant
of the Jacobian times a random matrix (``'Determinant'``): measured on
``LinearNetwork([5, 2, 4, 3])`` 0.07 s instead of 6.8 s, on
``[5, 2, 5]`` 0.16 s instead of minutes. Both are computed over ``GF(p)``
(``'modular'``: repeated with independent seeds, which must agree) or over
``QQ`` (``'exact_random'``: exact arithmetic at the random rational slice
and data drawn; the value is the generic one unless the draw hit a proper
subvariety).

Options, the same for both invariants: ``engine`` is what counts the
points (:data:`ENGINES`), ``strategy`` how the system is built
(:data:`STRATEGIES`). A draw that is not generic (a system that is not
zero-dimensional, counts that disagree) raises :class:`DegenerateDraw` on
every engine, Macaulay2 included; :func:`count_on_slices` then redraws with
new seeds, at most :data:`~sage_neuro.constants.REDRAWS` times, and lists
the failed draws in its result.

EXAMPLES::

    sage: from sage_neuro import LinearNetwork
    sage: from sage_neuro.invariants.slicing import sliced_count
    sage: sliced_count(LinearNetwork([4, 2, 3]), 'degree', seeds=(1, 2))
    (6, [(6, 1), (6, 1)], 'Singular')
"""

import random

import numpy as np

from sage.matrix.constructor import matrix
from sage.rings.finite_rings.finite_field_constructor import GF
from sage.rings.integer import Integer
from sage.rings.polynomial.polynomial_ring_constructor import PolynomialRing
from sage.rings.rational_field import QQ

from sage_neuro.cache import CacheKey, cache_of
from sage_neuro.constants import JACOBIAN_PRIME, REDRAWS, SLICE_PRIME
from sage_neuro.invariants.msolve import msolve_program
from sage_neuro.m2 import M2Error, session

#: the helpers of the Macaulay2 package that count a slice built here
_FUNCTIONS = {"degree": "sliceSystemsCount", "ed_degree": "sliceEDCount"}

#: how the slice system is built (``strategy``): for the degree, one way
#: (a random affine section of the image, and the fiber through a random
#: point); for the ED degree, how the points where the sliced Jacobian
#: drops rank are removed (see :func:`sliced_count`)
STRATEGIES = {"degree": ("Section",),
              "ed_degree": ("Rabinowitsch", "Saturate", "Determinant", "RabinowitschFactors")}

#: the ED strategies whose system is built in Sage (:func:`ed_critical_systems`)
#: and counted by msolve processes (engine ``'ParallelMsolve'``), with the
#: argument ``rabinowitsch`` of that function: one variable inverting the
#: squarefree minor, or one per irreducible factor of it
MSOLVE_ED_STRATEGIES = {"Rabinowitsch": "minor", "RabinowitschFactors": "factors"}

#: what counts the points of a zero-dimensional slice system (``engine``):
#: ``'Auto'`` chooses (for the degree by the Bezout number, see
#: :data:`SINGULAR_BEZOUT`; in Macaulay2 msolve when it works, else F4);
#: ``'Singular'`` is Sage's libSingular in-process, ``'ParallelMsolve'``
#: msolve processes side by side, the others Macaulay2's engines
ENGINES = {"degree": ("Auto", "Singular", "ParallelMsolve", "Msolve", "F4", "Buchberger"),
           "ed_degree": ("Auto", "ParallelMsolve", "Msolve", "F4", "Buchberger")}

#: up to this multihomogeneous Bezout number, ``'Auto'`` counts the degree
#: slice in-process with libSingular: a Macaulay2 round trip with msolve
#: costs 20-40 ms per seed whatever the size, Singular's ``std`` 2-5 ms on
#: the small slices (CNN [2,2] x^2, attention (2,2,1,2), linear [4,2,3],
#: MLP [2,2,3] x^2 of Bezout number 112);
#: at Bezout number 3360 (MLP [3,2,3] x^2) Singular takes 30 s, msolve 1 s
SINGULAR_BEZOUT = 120


def _blocks(net):
    # The parameters of one weight matrix / filter / bias share the prefix of
    # their name ('w2_3_1' -> 'w2'); mu is multihomogeneous in these blocks.
    names = net.parameter_ring().variable_names()
    keys = [n.split("_")[0] for n in names]
    order = list(dict.fromkeys(keys))
    return [[j for j, k in enumerate(keys) if k == b] for b in order]


def multihomogeneous_bezout(degrees, kept_per_block):
    r"""
    Return the multihomogeneous Bezout number of ``d = sum(kept_per_block)``
    equations of multidegree ``degrees`` in blocks of ``kept_per_block``
    unknowns: ``multinomial(kept_per_block) * prod(degrees[i]^kept[i])``.

    It bounds the number of solutions of a slice system and, more to the
    point, measures how much a Groebner basis must discard at infinity.

    EXAMPLES::

        sage: from sage_neuro.invariants.slicing import multihomogeneous_bezout
        sage: multihomogeneous_bezout([1, 1], [2, 16]), multihomogeneous_bezout([1, 1], [6, 12])
        (153, 18564)
    """
    from math import factorial
    value = factorial(sum(kept_per_block))
    for delta, k in zip(degrees, kept_per_block):
        value = value // factorial(k) * int(delta) ** k
    return Integer(value)


def slice_pivots(net, seed=1):
    r"""
    Return ``(kept, bezout)``: the parameters kept free on the coordinate
    slice, a maximal set with independent Jacobian columns at a random point
    mod ``p``, chosen to make the slice system small, and the
    multihomogeneous Bezout number of that system.

    Which parameters are fixed matters a lot: for ``LinearNetwork([3, 2,
    8])`` fixing four entries of the wide last layer leaves a system of
    Bezout number 18564 for 28 solutions (msolve: minutes, gigabytes),
    fixing four entries of the first layer leaves Bezout number 153. The
    Jacobian pivots are taken in several column orders (blocks by degree and
    size, both ways, and the natural order) and the one of smallest Bezout
    number wins.

    EXAMPLES::

        sage: from sage_neuro import LinearNetwork
        sage: from sage_neuro.invariants.slicing import slice_pivots
        sage: kept, bezout = slice_pivots(LinearNetwork([3, 2, 8]))
        sage: len(kept), bezout
        (18, 153)
    """
    kept, bezout = cache_of(net).lookup(CacheKey("slice_pivots", seeds=(seed,), prime=JACOBIAN_PRIME),
                                        lambda: _slice_pivots(net, seed))
    return list(kept), bezout


def _slice_pivots(net, seed):
    # slice_pivots, computed
    from sage_neuro.invariants.terms import term_table
    T = term_table(net, JACOBIAN_PRIME)
    # nonzero coordinates: the Jacobian of a term is then its value times e_j / x_j
    rng = random.Random(int(seed))
    J = T.jacobian([rng.randrange(1, JACOBIAN_PRIME) for _ in range(T.nparameters)])
    blocks, degrees = parameter_blocks(net)
    idx = list(range(len(blocks)))
    orders = [idx, idx[::-1],
              sorted(idx, key=lambda i: (degrees[i], -len(blocks[i]))),
              sorted(idx, key=lambda i: (degrees[i], len(blocks[i])))]
    best = None
    for order in dict.fromkeys(tuple(o) for o in orders):
        cols = [j for i in order for j in blocks[i]]
        kept = sorted(cols[c] for c in pivot_columns(J[:, cols], JACOBIAN_PRIME))
        keptset = set(kept)
        per_block = [sum(1 for j in b if j in keptset) for b in blocks]
        bezout = multihomogeneous_bezout(degrees, per_block)
        if best is None or bezout < best[1]:
            best = (kept, bezout)
    return best


def block_degree_vectors(net):
    r"""
    Return ``(blocks, vectors)``: the blocks of parameters (one weight
    matrix, filter or bias each: the parameters sharing the prefix of their
    name, ``'w2_3_1' -> 'w2'``) as lists of indices, and the distinct
    vectors of degrees of the terms of ``mu`` in these blocks, sorted.
    ``mu`` is multihomogeneous in its blocks exactly when there is one
    vector (networks without biases or skips).

    EXAMPLES::

        sage: from sage_neuro import PolynomialMLP
        sage: from sage_neuro.invariants.slicing import block_degree_vectors
        sage: block_degree_vectors(PolynomialMLP([2, 1, 1], activation=2))
        ([[0, 1], [2]], [(2, 1)])
        sage: block_degree_vectors(PolynomialMLP([1, 1, 1], activation=2, bias=True))[1]   # not multihomogeneous
        [(0, 0, 0, 1), (0, 2, 1, 0), (1, 1, 1, 0), (2, 0, 1, 0)]
    """
    def build():
        from sage_neuro.invariants.terms import term_table
        T = term_table(net, JACOBIAN_PRIME)
        blocks = _blocks(net)
        block_of = {j: i for i, b in enumerate(blocks) for j in b}
        vectors = set()
        for _, sparse, _ in T.terms:
            per = [0] * len(blocks)
            for j, e in sparse:
                per[block_of[j]] += e
            vectors.add(tuple(per))
        return (blocks, sorted(vectors))
    return cache_of(net).lookup(CacheKey("block_degree_vectors"), build)


def parameter_blocks(net):
    r"""
    Return ``(blocks, degrees)``: the blocks of parameters of
    :func:`block_degree_vectors` and the degree of ``mu`` in each block
    (the largest over its terms). These degrees give the multihomogeneous
    Bezout numbers of the slice systems (upper bounds whether or not
    ``mu`` is multihomogeneous).

    EXAMPLES::

        sage: from sage_neuro import PolynomialMLP
        sage: from sage_neuro.invariants.slicing import parameter_blocks
        sage: parameter_blocks(PolynomialMLP([2, 1, 1], activation=2))     # w1 enters squared
        ([[0, 1], [2]], [2, 1])
    """
    blocks, vectors = block_degree_vectors(net)
    if not vectors:
        return blocks, [1] * len(blocks)
    return blocks, [max(v[b] for v in vectors) for b in range(len(blocks))]


def pivot_columns(J, p):
    r"""
    Return the pivot columns of the integer matrix ``J`` over ``GF(p)``
    (``p < 2^31``): the first maximal set of independent columns, found by
    row reduction (on lists for small matrices, in numpy beyond).

    EXAMPLES::

        sage: import numpy as np
        sage: from sage_neuro.invariants.slicing import pivot_columns
        sage: pivot_columns(np.array([[1, 2, 3], [2, 4, 7]]), 101)
        [0, 2]
    """
    A = np.array(J, dtype=np.int64) % p
    if A.size <= 400:
        return _pivot_columns_small(A.tolist(), p)
    rows = A.shape[0]
    pivots, r = [], 0
    for c in range(A.shape[1]):
        if r == rows:
            break
        nz = np.flatnonzero(A[r:, c])
        if not len(nz):
            continue
        i = r + int(nz[0])
        if i != r:
            A[[r, i]] = A[[i, r]]
        A[r] = A[r] * pow(int(A[r, c]), -1, p) % p
        below = A[r + 1:, c].copy()
        A[r + 1:] = (A[r + 1:] - np.outer(below, A[r]) % p) % p
        pivots.append(c)
        r += 1
    return pivots


class DegenerateDraw(ArithmeticError):
    r"""
    The random draws of a slice computation were not generic for some seed
    (a system that is not zero-dimensional, a count that is not a multiple
    of the fiber size, or seeds that disagree); other seeds will do. The
    chance is of the order of a degree over the prime.

    EXAMPLES::

        sage: from sage_neuro.invariants.slicing import DegenerateDraw
        sage: issubclass(DegenerateDraw, ArithmeticError)
        True
    """


#: the words by which the Macaulay2 package marks an error caused by a
#: non-generic random draw (``m2/NeuroAlgebraicGeometry.m2``)
M2_DEGENERATE_MARK = "non-generic draw"


class SliceCount:
    r"""
    The result of a count on coordinate slices (:func:`count_on_slices`).

    Attributes: ``value`` (a Sage Integer), ``invariant``, ``counts`` (the
    pairs ``(a, b)`` per seed, ``value = a / b``), ``engine`` (what counted
    the points), ``strategy`` (how the systems were built), ``seeds`` (the
    seeds of the draws that were used), ``prime`` (``0``: over ``QQ``),
    ``bezout`` (the multihomogeneous Bezout number of the degree slice),
    ``redrawn`` (one line per non-generic draw that was redrawn).

    EXAMPLES::

        sage: from sage_neuro import LinearNetwork
        sage: from sage_neuro.invariants.slicing import count_on_slices
        sage: C = count_on_slices(LinearNetwork([4, 2, 3]), 'degree'); C
        degree 6 on coordinate slices over GF(32003), seeds (1, 2), counted by Singular
        sage: C.counts, C.redrawn
        ([(6, 1), (6, 1)], [])
    """

    def __init__(self, invariant, value, counts, engine, strategy, seeds, prime, bezout, redrawn):
        self.invariant = invariant
        self.value = Integer(value)
        self.counts = list(counts)
        self.engine = engine
        self.strategy = strategy
        self.seeds = tuple(seeds)
        self.prime = int(prime)
        self.bezout = bezout
        self.redrawn = list(redrawn)

    def __repr__(self):
        field = "QQ" if self.prime == 0 else "GF(%d)" % self.prime
        return "%s %s on coordinate slices over %s, seeds %s, counted by %s%s" % (
            self.invariant, self.value, field, self.seeds, self.engine,
            "; %d draws redrawn" % len(self.redrawn) if self.redrawn else "")


def with_redraws(compute, seeds, redraws=REDRAWS):
    r"""
    Return ``(compute(seeds'), seeds', redrawn)``: ``compute`` is called with
    ``seeds`` and, each time it raises :class:`DegenerateDraw`, again with
    the next unused seeds, at most ``redraws`` more times; ``redrawn``
    lists the failed draws. This is the one redraw loop of the random
    slice computations (degree, ED degree, every engine).

    INPUT:

    - ``compute`` -- a function of a tuple of seeds
    - ``seeds`` -- the first seeds (a tuple of integers)
    - ``redraws`` -- how many redraws are allowed (default
      :data:`~sage_neuro.constants.REDRAWS`)

    A draw is non-generic with probability of the order of a degree over
    the prime; when ``redraws + 1`` draws in a row fail, the failure is not
    chance and :class:`DegenerateDraw` is raised with all of them.

    EXAMPLES::

        sage: from sage_neuro.invariants.slicing import with_redraws, DegenerateDraw
        sage: def f(seeds):
        ....:     if 1 in seeds:
        ....:         raise DegenerateDraw("seed 1 is special")
        ....:     return sum(seeds)
        sage: with_redraws(f, (1, 2))
        (7, (3, 4), ['seeds (1, 2): seed 1 is special'])
        sage: with_redraws(f, (1,), redraws=0)
        Traceback (most recent call last):
        ...
        DegenerateDraw: 1 draw in a row was not generic: seeds (1,): seed 1 is special
    """
    seeds = tuple(int(s) for s in seeds)
    if not seeds:
        raise ValueError("seeds must be a non-empty tuple of integers, not ()")
    redrawn = []
    for attempt in range(int(redraws) + 1):
        try:
            return compute(seeds), seeds, redrawn
        except DegenerateDraw as e:
            redrawn.append("seeds %s: %s" % (seeds, e))
        # the next seeds, none of them used before
        seeds = tuple(s + len(seeds) for s in seeds)
    raise DegenerateDraw("%d draw%s in a row %s not generic: %s" % (
        len(redrawn), "s" if len(redrawn) > 1 else "", "were" if len(redrawn) > 1 else "was",
        "; ".join(redrawn)))


def degree_engine(net, bezout, prime=SLICE_PRIME):
    r"""
    Return the engine that ``'Auto'`` chooses to count the points of the
    degree slice of Bezout number ``bezout``: ``'Singular'`` (in-process)
    up to :data:`SINGULAR_BEZOUT`, else ``'ParallelMsolve'`` when msolve is
    installed and the field is a prime field, else Macaulay2 (``'Auto'``).

    EXAMPLES::

        sage: from sage_neuro import LinearNetwork
        sage: from sage_neuro.invariants.slicing import degree_engine
        sage: degree_engine(LinearNetwork([4, 2, 3]), 45), degree_engine(LinearNetwork([4, 2, 3]), 45, prime=0)
        ('Singular', 'Auto')
    """
    if prime != 0 and bezout <= SINGULAR_BEZOUT:
        return "Singular"
    if prime != 0 and prime < 2 ** 31 and msolve_program() is not None:
        return "ParallelMsolve"
    return "Auto"


def ed_engine(prime=SLICE_PRIME, strategy="Rabinowitsch"):
    r"""
    Return the engine that ``'Auto'`` chooses to count the points of the
    ED critical system: ``'ParallelMsolve'`` (the system built in Sage,
    :func:`ed_critical_systems`, msolve processes side by side) for the
    strategies ``'Rabinowitsch'`` and ``'RabinowitschFactors'`` (see
    :data:`MSOLVE_ED_STRATEGIES`) over a prime field when msolve is
    installed, else Macaulay2 (``'Auto'``). Building the system in
    Macaulay2 costs more than counting its points when the function space
    is large: the lightning self-attention (d=2, a=1, d_out=1, t=4), 88
    coordinates and 20 critical points per seed, took 2.9 s CPU in
    Macaulay2 (mostly building), 0.1 s this way.

    EXAMPLES::

        sage: from sage_neuro.invariants.slicing import ed_engine
        sage: from sage_neuro.invariants.msolve import msolve_program
        sage: ed_engine(0), ed_engine(32003, 'Saturate')
        ('Auto', 'Auto')
        sage: ed_engine() == ('ParallelMsolve' if msolve_program() else 'Auto')
        True
    """
    if (strategy in MSOLVE_ED_STRATEGIES and prime != 0 and prime < 2 ** 31
            and msolve_program() is not None):
        return "ParallelMsolve"
    return "Auto"


def _engine_and_strategy(invariant, engine, strategy):
    # the options checked, with the old meaning of `strategy` for the degree
    # (the counting engine) accepted for one release
    if invariant not in _FUNCTIONS:
        raise ValueError("invariant must be 'degree' or 'ed_degree', not %r" % (invariant,))
    if invariant == "degree" and strategy in ENGINES["degree"]:
        import warnings
        warnings.warn("strategy=%r for the degree is deprecated: strategy now says how the slice "
                      "system is built, engine what counts its points; use engine=%r"
                      % (strategy, strategy), DeprecationWarning, stacklevel=4)
        engine, strategy = strategy, None
    if strategy is None:
        strategy = STRATEGIES[invariant][0]
    if strategy not in STRATEGIES[invariant]:
        raise ValueError("strategy for %s must be one of %s, not %r"
                         % (invariant, STRATEGIES[invariant], strategy))
    if engine not in ENGINES[invariant]:
        raise ValueError("engine for %s must be one of %s, not %r"
                         % (invariant, ENGINES[invariant], engine))
    return engine, strategy


def count_on_slices(net, invariant, seeds=(1, 2), prime=SLICE_PRIME, timeout=None, data=None,
                    strategy=None, engine="Auto", redraws=REDRAWS, inner_product=None):
    r"""
    Return the :class:`SliceCount` of ``invariant`` (``'degree'`` or
    ``'ed_degree'``) on coordinate slices, one run per seed, all runs
    agreeing; a non-generic draw on any engine is redrawn (see
    :func:`with_redraws`) and recorded.

    INPUT:

    - ``net`` -- an architecture
    - ``invariant`` -- ``'degree'`` or ``'ed_degree'``
    - ``seeds`` -- the random seeds; all runs must agree
    - ``prime`` -- a prime for ``GF(prime)``, or ``0`` for ``QQ``
    - ``timeout`` -- seconds for each Macaulay2 or msolve call
    - ``data`` -- for ``'ed_degree'``: the data point (random if ``None``)
    - ``strategy`` -- how the system is built, one of :data:`STRATEGIES`
      (default: the first, the fastest measured); for the ED degree how the
      rank-drop points of the sliced Jacobian are removed: ``'Rabinowitsch'``
      (one extra variable inverting a cheap maximal minor),
      ``'RabinowitschFactors'`` (one extra variable per irreducible factor
      of that minor; msolve only), ``'Saturate'`` (saturation by that
      minor) or ``'Determinant'`` (saturation by the determinant of the
      Jacobian times a random matrix; much slower)
    - ``engine`` -- what counts the points, one of :data:`ENGINES`
      (``'Auto'``: see :func:`degree_engine` for the degree and
      :func:`ed_engine` for the ED degree: the ``'Rabinowitsch'`` system
      built in Sage and counted by msolve processes when msolve is
      installed, else in Macaulay2 by msolve when it works, else F4)
    - ``redraws`` -- how many non-generic draws are redrawn (default
      :data:`~sage_neuro.constants.REDRAWS`)
    - ``inner_product`` -- for ``'ed_degree'`` counted by msolve: the
      inner product of :func:`ed_critical_systems` (``'generic'``: the ED
      degree for a generic inner product)

    EXAMPLES::

        sage: from sage_neuro import LinearNetwork
        sage: from sage_neuro.invariants.slicing import count_on_slices
        sage: count_on_slices(LinearNetwork([3, 2, 3]), 'ed_degree', seeds=(5,), prime=0)
        ed_degree 3 on coordinate slices over QQ, seeds (5,), counted by Buchberger
        sage: count_on_slices(LinearNetwork([3, 2, 3]), 'degree', engine='F4').counts
        [(3, 1), (3, 1)]
        sage: count_on_slices(LinearNetwork([3, 2, 3]), 'degree', engine='bad')
        Traceback (most recent call last):
        ...
        ValueError: engine for degree must be one of ('Auto', 'Singular', 'ParallelMsolve', 'Msolve', 'F4', 'Buchberger'), not 'bad'
    """
    engine, strategy = _engine_and_strategy(invariant, engine, strategy)
    if engine == "Singular" and (invariant != "degree" or prime == 0):
        raise ValueError("engine 'Singular' counts degree slices over a prime field only")
    if engine == "ParallelMsolve" and (prime == 0 or prime >= 2 ** 31):
        raise ValueError("engine 'ParallelMsolve' counts over prime fields GF(p), p < 2^31, only")
    if (engine == "ParallelMsolve" and invariant == "ed_degree"
            and strategy not in MSOLVE_ED_STRATEGIES):
        raise ValueError("engine 'ParallelMsolve' counts the ED system of the strategy "
                         "'Rabinowitsch' or 'RabinowitschFactors' only, not %r" % (strategy,))
    if (strategy == "RabinowitschFactors"
            and (engine not in ("Auto", "ParallelMsolve")
                 or ed_engine(prime, strategy) != "ParallelMsolve")):
        raise ValueError("strategy 'RabinowitschFactors' is built in Sage and counted by msolve "
                         "over GF(p), p < 2^31 (engine 'Auto' or 'ParallelMsolve'), not by "
                         "engine %r over %s" % (engine, "QQ" if prime == 0 else "GF(%s)" % prime))
    K = QQ if prime == 0 else GF(prime)
    box = {}

    def once(seeds):
        pivots, bezout = slice_pivots(net, seed=seeds[0])
        box["bezout"] = bezout
        if invariant == "degree" and not pivots:
            # a zero-dimensional neuromanifold: the point {mu(0)}
            box["engine"] = "none"
            return Integer(1), [(Integer(1), Integer(1))] * len(seeds)
        used = engine
        if invariant == "degree" and engine == "Auto":
            used = degree_engine(net, bezout, prime)
        elif invariant == "ed_degree" and engine == "Auto" and pivots:
            used = ed_engine(prime, strategy)
        if used == "Singular":
            counts = singular_degree_counts(net, pivots, seeds, K)
        elif used == "ParallelMsolve" and invariant == "degree":
            counts = msolve_degree_counts(net, pivots, seeds, K, timeout)
        elif used == "ParallelMsolve":
            counts = msolve_ed_counts(net, pivots, seeds, K, timeout, data=data,
                                      inner_product=inner_product,
                                      rabinowitsch=MSOLVE_ED_STRATEGIES[strategy])
        elif inner_product is not None:
            raise ValueError("an inner product other than the standard one is counted by "
                             "msolve only (engine 'ParallelMsolve' over GF(p)), not by %r"
                             % (used,))
        else:
            counts, used = m2_slice_counts(net, invariant, pivots, seeds, K, timeout=timeout,
                                           data=data, strategy=strategy, engine=used)
        box["engine"] = used
        return agreed_value(seeds, counts)

    (value, counts), seeds, redrawn = with_redraws(once, seeds, redraws=redraws)
    return SliceCount(invariant, value, counts, box["engine"], strategy, seeds, prime,
                      box["bezout"], redrawn)


def sliced_count(net, invariant, seeds=(1, 2), prime=SLICE_PRIME, timeout=None, data=None,
                 strategy=None, engine="Auto"):
    r"""
    Return ``(value, counts, engine)`` for ``invariant`` in
    ``('degree', 'ed_degree')`` computed on coordinate slices with exactly
    the given ``seeds`` (no redraw: a non-generic draw raises
    :class:`DegenerateDraw`); ``counts`` lists the pairs ``(a, b)`` of each
    run (``value = a / b``), ``engine`` names what counted the points.
    The arguments are those of :func:`count_on_slices`.

    EXAMPLES::

        sage: from sage_neuro import LinearNetwork
        sage: from sage_neuro.invariants.slicing import sliced_count
        sage: sliced_count(LinearNetwork([4, 2, 3]), 'degree', seeds=(1, 2))
        (6, [(6, 1), (6, 1)], 'Singular')
        sage: sliced_count(LinearNetwork([3, 2, 3]), 'ed_degree', seeds=(5,), strategy='Determinant')
        (3, [(3, 1)], 'saturate')
        sage: sliced_count(LinearNetwork([3, 2, 3]), 'degree', engine='F4')
        (3, [(3, 1), (3, 1)], 'F4')
        sage: sliced_count(LinearNetwork([3, 2, 3]), 'ed_degree', strategy='bad')
        Traceback (most recent call last):
        ...
        ValueError: strategy for ed_degree must be one of ('Rabinowitsch', 'Saturate', 'Determinant', 'RabinowitschFactors'), not 'bad'

    The counting engine of the degree was called ``strategy`` before; the
    old keyword still works, with a warning::

        sage: import warnings
        sage: with warnings.catch_warnings(record=True) as w:
        ....:     warnings.simplefilter('always')
        ....:     v = sliced_count(LinearNetwork([3, 2, 3]), 'degree', strategy='F4')
        sage: v[2], w[0].category.__name__
        ('F4', 'DeprecationWarning')
    """
    C = count_on_slices(net, invariant, seeds=seeds, prime=prime, timeout=timeout, data=data,
                        strategy=strategy, engine=engine, redraws=0)
    return C.value, C.counts, C.engine


def m2_slice_counts(net, invariant, kept, seeds, K, timeout=None, data=None, strategy=None,
                    engine="Auto"):
    r"""
    Return ``(counts, engine)``: the pairs ``(a, b)`` per seed of the slice
    keeping the parameters ``kept``, counted by the Macaulay2 package over
    ``K`` (``QQ`` or ``GF(p)``), and the engine Macaulay2 used. The slices
    are the :class:`~sage_neuro.invariants.slice.CoordinateSlice` of each
    seed, built here: Macaulay2 receives the section and fiber systems of
    the degree (``sliceSystemsCount``, the systems that libSingular and
    msolve count) or the sliced coordinate functions and the data of the
    ED degree (``sliceEDCount``). An error that Macaulay2 marks as caused
    by a non-generic draw (a system that is not zero-dimensional) raises
    :class:`DegenerateDraw`, as on the other engines.

    INPUT: as in :func:`count_on_slices`; ``engine`` is one of Macaulay2's
    (``'Auto'``, ``'Msolve'``, ``'F4'``, ``'Buchberger'``)

    EXAMPLES::

        sage: from sage_neuro import LinearNetwork
        sage: from sage_neuro.invariants.slicing import m2_slice_counts
        sage: net = LinearNetwork([2, 1, 2])
        sage: m2_slice_counts(net, 'degree', [0, 1, 2], (1,), GF(32003), engine='F4')
        ([(2, 1)], 'F4')

    Keeping four parameters of a three-dimensional image leaves a
    positive-dimensional fiber, which Macaulay2 reports::

        sage: m2_slice_counts(net, 'degree', [0, 1, 2, 3], (1,), GF(32003))
        Traceback (most recent call last):
        ...
        DegenerateDraw: Macaulay2 (seed 1): non-generic draw: ...
    """
    if strategy is None:
        strategy = STRATEGIES[invariant][0]
    S = session()
    counts, used = [], engine
    for piece in degree_slices(net, kept, seeds, K):
        seed = piece.seed
        R = piece.ring()
        if invariant == "ed_degree":
            u = piece.random_data() if data is None else data
            args = (S.polys(piece.polynomials(), R), [str(K(x)) for x in u])
            opts = {"Seed": int(seed), "Strategy": '"%s"' % strategy, "Engine": '"%s"' % engine}
        else:
            args = tuple(S.polys(system, R) for system in piece.degree_systems())
            opts = {"Strategy": '"%s"' % engine}
        try:
            a, b, used = S.call(_FUNCTIONS[invariant], *args, timeout=timeout, options=opts)
        except M2Error as e:
            text = str(e)
            if M2_DEGENERATE_MARK not in text:
                raise
            text = text[text.index(M2_DEGENERATE_MARK):].splitlines()[0]
            raise DegenerateDraw("Macaulay2 (seed %s): %s" % (seed, text)) from None
        counts.append((Integer(a), Integer(b)))
    return counts, str(used)


def agreed_value(seeds, counts, count="slice count", values_name="values",
                 hint="; a non-generic draw (rerun with other seeds or method='exact')"):
    r"""
    Return ``(value, counts)`` when every seed's count ``(a, b)`` (points
    of a system on the slice, points of a generic fiber of the slice)
    gives the same value ``a / b``; raise :class:`DegenerateDraw` when a
    fiber size does not divide its count or two seeds disagree.

    INPUT:

    - ``seeds`` -- the seeds, one per count
    - ``counts`` -- pairs ``(a, b)`` of integers
    - ``count``, ``values_name``, ``hint`` -- the words of the error
      messages: what ``a`` counts, what the values are, how to go on

    EXAMPLES::

        sage: from sage_neuro.invariants.slicing import agreed_value
        sage: agreed_value((1, 2), [(12, 2), (6, 1)])
        (6, [(12, 2), (6, 1)])
        sage: agreed_value((1, 2), [(12, 2), (7, 1)])
        Traceback (most recent call last):
        ...
        DegenerateDraw: the seeds (1, 2) gave different values [6, 7]; a non-generic draw (rerun with other seeds or method='exact')
        sage: agreed_value((1,), [(7, 2)], count="likelihood count")
        Traceback (most recent call last):
        ...
        DegenerateDraw: likelihood count 7 is not a multiple of the fiber size 2 (seed 1): a non-generic draw; try other seeds
    """
    values = []
    for seed, (a, b) in zip(seeds, counts):
        if b == 0 or a % b:
            raise DegenerateDraw("%s %s is not a multiple of the fiber size %s (seed %s): a "
                                 "non-generic draw; try other seeds" % (count, a, b, seed))
        values.append(Integer(a // b))
    if len(set(values)) != 1:
        raise DegenerateDraw("the seeds %s gave different %s %s%s" % (seeds, values_name, values, hint))
    return values[0], list(counts)


def degree_slices(net, kept, seeds, K):
    r"""
    Return the :class:`~sage_neuro.invariants.slice.CoordinateSlice` of
    each seed keeping the parameters ``kept``, over ``K`` (``GF(p)`` or
    ``QQ``): the one representation of the slice that every engine counts.

    EXAMPLES::

        sage: from sage_neuro import LinearNetwork
        sage: from sage_neuro.invariants.slicing import degree_slices
        sage: degree_slices(LinearNetwork([2, 1, 2]), [0, 1, 2], (1, 2), GF(32003))
        [coordinate slice of LinearNetwork([2, 1, 2]) keeping 3 of 4 parameters over GF(32003),
         coordinate slice of LinearNetwork([2, 1, 2]) keeping 3 of 4 parameters over GF(32003)]
    """
    from sage_neuro.invariants.slice import CoordinateSlice
    p = int(K.characteristic())
    return [CoordinateSlice.random(net, kept, seed, p) for seed in seeds]


def _degree_systems(net, kept, seeds, K):
    # the section and fiber systems of every seed, in one list
    systems = []
    for piece in degree_slices(net, kept, seeds, K):
        systems.extend(piece.degree_systems())
    return systems


def _pivot_columns_small(A, p):
    # pivot_columns on lists: numpy's per-call overhead dominates below a
    # few hundred entries
    pivots, r, rows = [], 0, len(A)
    for c in range(len(A[0]) if A else 0):
        if r == rows:
            break
        i = next((i for i in range(r, rows) if A[i][c]), None)
        if i is None:
            continue
        A[r], A[i] = A[i], A[r]
        inverse = pow(A[r][c], -1, p)
        top = [x * inverse % p for x in A[r]]
        A[r] = top
        for k in range(r + 1, rows):
            f = A[k][c]
            if f:
                A[k] = [(x - f * y) % p for x, y in zip(A[k], top)]
        pivots.append(c)
        r += 1
    return pivots


def singular_degree_count(net, kept, seed, K):
    r"""
    Return ``(a, b)`` for the degree slice of ``net`` counted in-process by
    libSingular over the prime field ``K``: ``a`` points of the coordinate
    slice of ``seed`` (:func:`degree_slices`) map into a random affine
    section of codimension ``len(kept)``, ``b`` points form the fiber of the
    sliced map through a random point. The same systems as the other
    engines count, for small systems without a round trip.

    EXAMPLES::

        sage: from sage_neuro import PolynomialCNN
        sage: from sage_neuro.invariants.slicing import singular_degree_count, slice_pivots
        sage: net = PolynomialCNN([2, 2], activation=2)
        sage: singular_degree_count(net, slice_pivots(net)[0], 1, GF(32003))
        (4, 1)
    """
    return singular_degree_counts(net, kept, [seed], K)[0]


def singular_degree_counts(net, kept, seeds, K):
    r"""
    Return the pairs ``(a, b)`` of :func:`singular_degree_count` for
    several seeds, all the systems counted in one call of a Singular
    procedure; a system that is not zero-dimensional raises
    :class:`DegenerateDraw`.

    EXAMPLES::

        sage: from sage_neuro import LinearNetwork
        sage: from sage_neuro.invariants.slicing import singular_degree_counts, slice_pivots
        sage: net = LinearNetwork([4, 2, 3])
        sage: singular_degree_counts(net, slice_pivots(net)[0], [1, 2], GF(32003))
        [(6, 1), (6, 1)]
    """
    counts = singular_point_counts(_degree_systems(net, kept, seeds, K))
    for i, n in enumerate(counts):
        if n < 0:
            raise DegenerateDraw("the %s of the slice for seed %s is not zero-dimensional: a "
                                 "non-generic draw (or dependent kept parameters); try other "
                                 "seeds" % (("linear section", "fiber")[i % 2], seeds[i // 2]))
    return [(Integer(counts[2 * i]), Integer(counts[2 * i + 1])) for i in range(len(seeds))]


def singular_point_counts(systems):
    r"""
    Return the number of solutions (with multiplicity) of each polynomial
    system of ``systems`` (lists of polynomials in one ring over a prime
    field), ``-1`` for a system that is not zero-dimensional, counted by
    libSingular in one call.

    EXAMPLES::

        sage: from sage_neuro.invariants.slicing import singular_point_counts
        sage: R.<x, y> = GF(101)[]
        sage: singular_point_counts([[x^2 - 1, y - x], [x*y]])
        [2, -1]
    """
    systems = [list(s) for s in systems]
    return list(_singular_vdim()(systems, ring=systems[0][0].parent()))


#: one Singular procedure for ``vdim(std(I))`` of several systems: called
#: with the lists of generators it costs 25 us per system on the small
#: slices, where Sage's ``std`` and ``vdim`` cost 300 us (converting the
#: standard basis to a Sage sequence and back)
_SINGULAR_LIBRARY = """version="sage-neuro";
category="Miscellaneous";
info="
LIBRARY: sage_neuro_slices.lib   points of zero-dimensional systems
";

proc sageNeuroVdim(list S)
"USAGE: sageNeuroVdim(S); S a list of lists of polynomials
RETURN: for each list, the number of solutions with multiplicity of the
        system, -1 if it is not zero-dimensional"
{
  list out;
  int i, j;
  for (i = 1; i <= size(S); i++)
  {
    ideal I;
    for (j = 1; j <= size(S[i]); j++) { I[j] = S[i][j]; }
    out[i] = vdim(std(I));
    kill I;
  }
  return(out);
}
"""


def _singular_vdim():
    # sageNeuroVdim, loaded into libSingular once per process
    global _VDIM
    if _VDIM is None:
        import atexit
        import os
        import shutil
        import tempfile
        from sage.libs.singular.function import lib as singular_lib, singular_function
        folder = tempfile.mkdtemp(prefix="sage_neuro_")
        atexit.register(shutil.rmtree, folder, True)
        path = os.path.join(folder, "sage_neuro_slices.lib")
        with open(path, "w") as f:
            f.write(_SINGULAR_LIBRARY)
        singular_lib(path)
        _VDIM = singular_function("sageNeuroVdim")
    return _VDIM


_VDIM = None


def msolve_degree_counts(net, kept, seeds, K, timeout=None):
    r"""
    Return the pairs ``(a, b)`` per seed of the degree slice keeping the
    parameters ``kept`` over the prime field ``K``: every seed's section
    and fiber systems solved by msolve processes side by side
    (:func:`~sage_neuro.invariants.msolve.count_solutions`); a system that
    is not zero-dimensional raises :class:`DegenerateDraw`.

    EXAMPLES::

        sage: from sage_neuro import LinearNetwork
        sage: from sage_neuro.invariants.slicing import msolve_degree_counts, slice_pivots
        sage: from sage_neuro.invariants.msolve import msolve_program
        sage: net = LinearNetwork([4, 2, 3])
        sage: msolve_program() is None or msolve_degree_counts(net, slice_pivots(net)[0], [1], GF(32003)) == [(6, 1)]
        True
    """
    from sage_neuro.invariants.msolve import count_solutions
    systems = _degree_systems(net, kept, seeds, K)
    try:
        n = count_solutions(systems, timeout=timeout)
    except ArithmeticError:
        raise DegenerateDraw("a slice system is not zero-dimensional: a non-generic draw "
                             "(or dependent kept parameters); try other seeds") from None
    return [(n[2 * i], n[2 * i + 1]) for i in range(len(seeds))]


def ed_critical_systems(piece, data=None, inner_product=None, rabinowitsch="minor"):
    r"""
    Return ``(critical, fiber)`` for the coordinate slice ``piece`` over a
    prime field: the ED critical system as Macaulay2's ``criticalCount``
    builds it with the strategy ``'Rabinowitsch'``, built here in Sage --
    ``J^T (G - u)`` (``G - u`` when the slice is square: then ``J`` is
    invertible off the rank-drop locus), ``G`` the sliced coordinate
    functions, ``J`` their Jacobian, ``u`` the data, and ``z m - 1`` for
    the squarefree part ``m`` of a maximal minor of ``J`` (its rows of
    lowest degree that are independent at a random point: the minor
    vanishes where ``J`` drops rank, and at no critical point of generic
    data; it has the zeros of its squarefree part, see
    :func:`squarefree_part`) -- in ``K[t0, ..., t(d-1), z]``; and the
    fiber system of the slice
    (:meth:`~sage_neuro.invariants.slice.CoordinateSlice.degree_systems`).
    Its solutions are ``EDdeg(M)`` times the fiber size many.

    INPUT:

    - ``piece`` -- a :class:`~sage_neuro.invariants.slice.CoordinateSlice` over ``GF(p)``
    - ``data`` -- the data point (default: the slice's random data)
    - ``inner_product`` -- ``None`` (the standard one), a symmetric ``n x n``
      matrix ``Q`` over the field (the critical system is then ``J^T Q (G -
      u)``, for the distance ``(x - u)^T Q (x - u)``), or ``'generic'``: a
      random symmetric matrix drawn from the seed of the slice (its count
      is the ED degree for a generic inner product)
    - ``rabinowitsch`` -- ``'minor'`` (default: one variable ``z`` and
      ``z m - 1``) or ``'factors'``: one variable ``z_k`` and the equation
      ``z_k f_k - 1`` for every irreducible factor ``f_k`` of ``m``. The
      solutions are the same (``m`` vanishes exactly where one of its
      factors does); the equations have lower degree and fewer terms, which
      helps msolve on some systems and hurts on others
      (``bench/results/survey_reach.md``: 3 times faster on the MLP ``[3,
      2, 2]`` with ``x^2``, 4.7 times slower on the CNN ``[2, 2, 3]``)

    OUTPUT: a pair of lists of polynomials

    EXAMPLES::

        sage: from sage_neuro import LinearNetwork
        sage: from sage_neuro.invariants.slicing import degree_slices, ed_critical_systems, slice_pivots
        sage: net = LinearNetwork([3, 2, 3])
        sage: piece = degree_slices(net, slice_pivots(net)[0], [1], GF(32003))[0]
        sage: C, F = ed_critical_systems(piece)
        sage: len(C), C[0].parent().variable_names()[-1]
        (9, 'z')
        sage: C[0].parent().ideal(C).vector_space_dimension()     # 3 critical rank-2 matrices
        3
        sage: C, F = ed_critical_systems(piece, inner_product='generic')
        sage: C[0].parent().ideal(C).vector_space_dimension()     # the generic ED degree
        39
        sage: ed_critical_systems(piece, inner_product=identity_matrix(GF(32003), 2))
        Traceback (most recent call last):
        ...
        ValueError: inner_product must be None, 'generic' or a symmetric 9 x 9 matrix, not a 2 x 2 matrix

    With one variable per factor of the minor, the same count (``4 *
    13``: the fiber of this slice has 4 points)::

        sage: from sage_neuro import PolynomialMLP
        sage: net = PolynomialMLP([3, 2, 1], activation=2)
        sage: piece = degree_slices(net, slice_pivots(net)[0], [1], GF(32003))[0]
        sage: C, F = ed_critical_systems(piece)
        sage: D, F = ed_critical_systems(piece, rabinowitsch='factors')
        sage: D[0].parent().variable_names()[-3:]
        ('z0', 'z1', 'z2')
        sage: [P[0].parent().ideal(P).vector_space_dimension() for P in (C, D, F)]
        [52, 52, 4]
        sage: ed_critical_systems(piece, rabinowitsch='all')
        Traceback (most recent call last):
        ...
        ValueError: rabinowitsch must be 'minor' or 'factors', not 'all'
    """
    if rabinowitsch not in ("minor", "factors"):
        raise ValueError("rabinowitsch must be 'minor' or 'factors', not %r" % (rabinowitsch,))
    G = piece.polynomials()
    R = piece.ring()
    K = R.base_ring()
    p = int(K.characteristic())
    gens = R.gens()
    d, n = len(gens), len(G)
    u = [K(c) for c in (piece.random_data() if data is None else data)]
    J = [[g.derivative(t) for t in gens] for g in G]
    D = [g - c for g, c in zip(G, u)]
    if isinstance(inner_product, str) and inner_product == "generic":
        # a random symmetric matrix, invertible mod p with high probability
        # (a singular one gives a positive-dimensional system: redrawn)
        draw = random.Random("inner product %s" % piece.seed)
        Q = matrix(K, n, n)
        for i in range(n):
            for j in range(i, n):
                Q[i, j] = Q[j, i] = K(draw.randrange(p))
        inner_product = Q
    if inner_product is not None:
        Q = matrix(K, inner_product) if not isinstance(inner_product, str) else None
        if Q is None or Q.dimensions() != (n, n) or not Q.is_symmetric():
            raise ValueError("inner_product must be None, 'generic' or a symmetric %d x %d "
                             "matrix, not %s" % (n, n, "a %d x %d matrix" % Q.dimensions()
                                                 if Q is not None else repr(inner_product)))
        D = [sum(Q[i, k] * D[k] for k in range(n) if Q[i, k]) for i in range(n)]
    critical = D if d == n else [sum(J[i][j] * D[i] for i in range(n) if J[i][j])
                                 for j in range(d)]
    # the rows of lowest degree first, as Macaulay2's goodMaximalMinor
    rng = random.Random("maximal minor %s" % piece.seed)
    point = [K(rng.randrange(1, p)) for _ in range(d)]
    rows, values = [], []
    for i in sorted(range(n), key=lambda i: (sum(1 + e.degree() for e in J[i] if e), i)):
        if len(rows) == d:
            break
        row = [e(*point) for e in J[i]]
        if matrix(K, values + [row]).rank() > len(rows):
            rows.append(i)
            values.append(row)
    if len(rows) < d:
        raise DegenerateDraw("the Jacobian of the slice of seed %s is not of full rank at a "
                             "random point: a non-generic draw" % piece.seed)
    minor = squarefree_part(matrix(R, [J[i] for i in rows]).det())
    if rabinowitsch == "minor":
        T = PolynomialRing(K, list(R.variable_names()) + ["z"], order="degrevlex")
        z = T.gens()[-1]
        system = [T(c) for c in critical if c] + [z * T(minor) - 1]
    else:
        factors = [f for f, _ in minor.factor()] if minor.degree() > 0 else [minor]
        T = PolynomialRing(K, list(R.variable_names())
                           + ["z%d" % k for k in range(len(factors))], order="degrevlex")
        zs = T.gens()[d:]
        system = ([T(c) for c in critical if c]
                  + [zk * T(f * ~f.lc()) - 1 for zk, f in zip(zs, factors)])
    return system, piece.degree_systems()[1]


def squarefree_part(f):
    r"""
    Return the product of the distinct irreducible factors of the
    polynomial ``f``, monic: it vanishes exactly where ``f`` does.

    Inverting it (Rabinowitsch) removes the same points as inverting ``f``,
    with an equation of lower degree and fewer terms: the maximal minors of
    sliced Jacobians are products of few small factors with high
    multiplicities. The minor of the ED system of the MLP ``[3, 3, 3]``
    with ``x^2`` has degree 18 and 11340 terms, its squarefree part degree
    11 and 972 terms; msolve counts the 1012 critical points of the CNN
    ``[2, 2, 3]`` in 21 s instead of 35 s with it (one core, both measured
    in the same run).

    INPUT:

    - ``f`` -- a nonzero polynomial over a field

    OUTPUT: a polynomial in the parent of ``f``

    EXAMPLES::

        sage: from sage_neuro.invariants.slicing import squarefree_part
        sage: R.<a, b> = GF(101)[]
        sage: squarefree_part(3 * a^4 * (a + b)^2 * (a*b - 1))
        a^3*b + a^2*b^2 - a^2 - a*b
        sage: squarefree_part(R(5))
        1
        sage: squarefree_part(R(0))
        Traceback (most recent call last):
        ...
        ValueError: f must be a nonzero polynomial, got 0
    """
    if f == 0:
        raise ValueError("f must be a nonzero polynomial, got 0")
    g = f.parent()(f.factor().radical_value())
    return g * ~g.lc()


def msolve_ed_counts(net, kept, seeds, K, timeout=None, data=None, inner_product=None,
                     rabinowitsch="minor"):
    r"""
    Return the pairs ``(a, b)`` per seed of the ED degree on the slice
    keeping the parameters ``kept`` over the prime field ``K``: ``a``
    critical points (:func:`ed_critical_systems`), ``b`` points in the
    fiber of the slice, every system solved by msolve processes side by
    side (:func:`~sage_neuro.invariants.msolve.count_solutions`); a system
    that is not zero-dimensional raises :class:`DegenerateDraw`.
    ``inner_product`` and ``rabinowitsch`` are passed to
    :func:`ed_critical_systems`.

    EXAMPLES::

        sage: from sage_neuro import LinearNetwork
        sage: from sage_neuro.invariants.slicing import msolve_ed_counts, slice_pivots
        sage: from sage_neuro.invariants.msolve import msolve_program
        sage: net = LinearNetwork([3, 2, 3])
        sage: msolve_program() is None or msolve_ed_counts(net, slice_pivots(net)[0], [1, 2], GF(32003)) == [(3, 1), (3, 1)]
        True
    """
    from sage_neuro.invariants.msolve import count_solutions
    systems = []
    for piece in degree_slices(net, kept, seeds, K):
        systems.extend(ed_critical_systems(piece, data, inner_product, rabinowitsch))
    try:
        n = count_solutions(systems, timeout=timeout)
    except ArithmeticError:
        raise DegenerateDraw("an ED critical or fiber system is not zero-dimensional: a "
                             "non-generic draw (or dependent kept parameters); try other "
                             "seeds") from None
    return [(n[2 * i], n[2 * i + 1]) for i in range(len(seeds))]
