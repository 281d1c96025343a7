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
all seeds side by side (``'ParallelMsolve'``), else Macaulay2's package
function ``sliceDegree`` with msolve or its own F4 (``'Msolve'``, ``'F4'``;
the slice of ``LinearNetwork([5, 2, 5])``, 16 quadrics with 175 solutions,
takes 0.4 s in msolve and more than 100 s in Macaulay2's F4); the ED degree
always goes through ``sliceEDDegree``. For the ED degree the spurious
points are removed by inverting one cheap maximal minor of the sliced
Jacobian with an extra variable (Rabinowitsch; strategy
``'Rabinowitsch'``, the default) instead of saturating by the determinant
of the Jacobian times a random matrix (``'Determinant'``): measured on
``LinearNetwork([5, 2, 4, 3])`` 0.07 s instead of 6.8 s, on
``[5, 2, 5]`` 0.16 s instead of minutes. Both are computed over ``GF(p)`` (``modular``: repeated with independent
seeds, which must agree) or over ``QQ`` (``exact`` count for the random
rational slice and data drawn; the value is the generic one unless the
draw hit a proper subvariety).

EXAMPLES::

    sage: from sage_neuro import LinearNetwork
    sage: from sage_neuro.invariants.slicing import sliced_count
    sage: sliced_count(LinearNetwork([4, 2, 3]), 'degree', seeds=(1, 2))
    (6, [(6, 1), (6, 1)], 'Singular')
"""

import random

import numpy as np

from sage.rings.finite_rings.finite_field_constructor import GF
from sage.rings.integer import Integer
from sage.rings.rational_field import QQ

from sage_neuro.architectures.base import JACOBIAN_PRIME
from sage_neuro.invariants.msolve import msolve_program
from sage_neuro.m2 import session

#: the prime of the modular slice computations in Macaulay2
SLICE_PRIME = 32003

_FUNCTIONS = {"degree": "sliceDegree", "ed_degree": "sliceEDDegree"}


#: the Macaulay2 strategies of the slice routes (``'Singular'``: counted
#: in-process by Sage's libSingular, not in Macaulay2)
STRATEGIES = {"degree": ("Auto", "Msolve", "F4", "Buchberger", "Singular", "ParallelMsolve"),
              "ed_degree": ("Rabinowitsch", "Saturate", "Determinant")}

#: the engines counting the points of a zero-dimensional slice system;
#: ``'Auto'`` is msolve over a prime field when it works, else F4
ENGINES = ("Auto", "Msolve", "F4", "Buchberger")

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
    from sage_neuro.invariants.terms import term_table
    T = term_table(net, JACOBIAN_PRIME)
    # nonzero coordinates: the Jacobian of a term is then its value times e_j / x_j
    rng = random.Random(int(seed))
    J = T.jacobian([rng.randrange(1, JACOBIAN_PRIME) for _ in range(T.nparameters)])
    blocks, degrees = _blocks_and_degrees(net, T)
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


def _blocks_and_degrees(net, T):
    # the parameter blocks and the degree of mu in each, once per network
    cached = net.__dict__.get("_slice_blocks")
    if cached is None:
        blocks = _blocks(net)
        block_of = {j: i for i, b in enumerate(blocks) for j in b}
        degrees = [0] * len(blocks)
        for _, sparse, _ in T.terms:
            per = [0] * len(blocks)
            for j, e in sparse:
                per[block_of[j]] += e
            degrees = [max(a, b) for a, b in zip(degrees, per)]
        cached = (blocks, [d if T.terms else 1 for d in degrees])
        net.__dict__["_slice_blocks"] = cached
    return cached


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


def sliced_count(net, invariant, seeds=(1, 2), prime=SLICE_PRIME, timeout=None, data=None,
                 strategy=None, engine="Auto"):
    r"""
    Return ``(value, counts, engine)`` for ``invariant`` in
    ``('degree', 'ed_degree')`` computed on coordinate slices, one run per
    seed; ``counts`` lists the pairs ``(a, b)`` of each run
    (``value = a / b``), ``engine`` names what counted the points.

    INPUT:

    - ``net`` -- an architecture
    - ``invariant`` -- ``'degree'`` or ``'ed_degree'``
    - ``seeds`` -- the random seeds; all runs must agree
    - ``prime`` -- a prime for ``GF(prime)``, or ``0`` for ``QQ``
    - ``timeout`` -- seconds for each Macaulay2 call
    - ``data`` -- for ``'ed_degree'``: the data point (random if ``None``)
    - ``strategy`` -- the Macaulay2 strategy, one of :data:`STRATEGIES`
      (default: the first, the fastest measured); for ``'degree'`` it is
      the counting engine
    - ``engine`` -- for ``'ed_degree'`` with the ``'Rabinowitsch'``
      strategy: the counting engine, one of :data:`ENGINES`

    EXAMPLES::

        sage: from sage_neuro import LinearNetwork
        sage: from sage_neuro.invariants.slicing import sliced_count
        sage: sliced_count(LinearNetwork([3, 2, 3]), 'ed_degree', seeds=(5,), prime=0)
        (3, [(3, 1)], 'Buchberger')
        sage: sliced_count(LinearNetwork([3, 2, 3]), 'ed_degree', seeds=(5,), strategy='Determinant')
        (3, [(3, 1)], 'saturate')
        sage: sliced_count(LinearNetwork([3, 2, 3]), 'degree', strategy='F4')
        (3, [(3, 1), (3, 1)], 'F4')
        sage: sliced_count(LinearNetwork([3, 2, 3]), 'degree', strategy='bad')
        Traceback (most recent call last):
        ...
        ValueError: strategy for degree must be one of ('Auto', 'Msolve', 'F4', 'Buchberger', 'Singular', 'ParallelMsolve'), not 'bad'
    """
    if strategy is None:
        strategy = STRATEGIES[invariant][0]
    if strategy not in STRATEGIES[invariant]:
        raise ValueError("strategy for %s must be one of %s, not %r"
                         % (invariant, STRATEGIES[invariant], strategy))
    if engine not in ENGINES:
        raise ValueError("engine must be one of %s, not %r" % (ENGINES, engine))
    K = QQ if prime == 0 else GF(prime)
    pivots, bezout = slice_pivots(net, seed=seeds[0])
    if invariant == "degree" and not pivots:
        # a zero-dimensional neuromanifold: the point {mu(0)}
        return Integer(1), [(Integer(1), Integer(1))] * len(seeds), "none"
    if invariant == "degree" and prime != 0 and (
            strategy == "Singular" or (strategy == "Auto" and bezout <= SINGULAR_BEZOUT)):
        return _agree(seeds, _singular_degree_counts(net, pivots, seeds, K)) \
            + ("Singular",)
    if strategy == "Singular":
        raise ValueError("strategy 'Singular' counts degree slices over a prime field only")
    if invariant == "degree" and prime != 0 and strategy in ("Auto", "ParallelMsolve") \
            and prime < 2**31 and msolve_program() is not None:
        return _agree(seeds, _msolve_degree_counts(net, pivots, seeds, K, timeout)) \
            + ("ParallelMsolve",)
    F = net.coordinate_functions(K)
    S = session()
    L = S.polys(F, net.parameter_ring(K))
    values, counts = [], []
    for seed in seeds:
        opts = {"Seed": int(seed), "Strategy": '"%s"' % strategy}
        if invariant == "ed_degree":
            opts["Engine"] = '"%s"' % engine
        if data is not None and invariant == "ed_degree":
            opts["Data"] = [str(QQ(u)) for u in data]
        a, b, used = S.call(_FUNCTIONS[invariant], L, [int(i) for i in pivots],
                            timeout=timeout, options=opts)
        counts.append((Integer(a), Integer(b)))
    return _agree(seeds, counts) + (str(used),)


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


def _agree(seeds, counts):
    # (value, counts) when every seed's (a, b) gives the same value a / b
    values = []
    for seed, (a, b) in zip(seeds, counts):
        if b == 0 or a % b:
            raise DegenerateDraw("slice count %s is not a multiple of the fiber size %s "
                                  "(seed %s): a non-generic draw; try other seeds" % (a, b, seed))
        values.append(Integer(a // b))
    if len(set(values)) != 1:
        raise DegenerateDraw("the seeds %s gave different values %s; a non-generic draw "
                              "(rerun with other seeds or method='exact')" % (seeds, values))
    return values[0], list(counts)


def _degree_slice_systems(net, kept, seed, K):
    # the section and fiber systems of one seed (see terms.slice_systems)
    from sage_neuro.invariants.terms import slice_systems
    return slice_systems(net, kept, seed, int(K.characteristic()))


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


def _singular_degree_count(net, kept, seed, K):
    r"""
    Return ``(a, b)`` for the degree slice of ``net`` counted in-process by
    libSingular over the prime field ``K``: ``a`` points of the coordinate
    slice (parameters outside ``kept`` fixed at random constants) map into
    a random affine section of codimension ``len(kept)``, ``b`` points form
    the fiber of the sliced map through a random point.  The same counts as
    Macaulay2's ``sliceDegree``, for small systems without the round trip.

    EXAMPLES::

        sage: from sage_neuro import PolynomialCNN
        sage: from sage_neuro.invariants.slicing import _singular_degree_count, slice_pivots
        sage: net = PolynomialCNN([2, 2], activation=2)
        sage: _singular_degree_count(net, slice_pivots(net)[0], 1, GF(32003))
        (4, 1)
    """
    return _singular_degree_counts(net, kept, [seed], K)[0]


def _singular_degree_counts(net, kept, seeds, K):
    # [(a, b) per seed]: all the systems in one call of the Singular procedure
    systems = []
    for seed in seeds:
        systems.extend(_degree_slice_systems(net, kept, seed, K))
    counts = _singular_vdim()(systems, ring=systems[0][0].parent())
    for i, n in enumerate(counts):
        if n < 0:
            raise DegenerateDraw("the %s of the slice for seed %s is not zero-dimensional: a "
                                 "non-generic draw (or dependent kept parameters); try other "
                                 "seeds" % (("linear section", "fiber")[i % 2], seeds[i // 2]))
    return [(Integer(counts[2 * i]), Integer(counts[2 * i + 1])) for i in range(len(seeds))]


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


def _msolve_degree_counts(net, kept, seeds, K, timeout=None):
    # every seed's section and fiber systems, solved by msolve processes
    # side by side; [(a, b) per seed]
    from sage_neuro.invariants.msolve import count_solutions
    systems = []
    for seed in seeds:
        systems.extend(_degree_slice_systems(net, kept, seed, K))
    try:
        n = count_solutions(systems, timeout=timeout)
    except ArithmeticError:
        raise DegenerateDraw("a slice system is not zero-dimensional: a non-generic draw "
                             "(or dependent kept parameters); try other seeds") from None
    return [(n[2 * i], n[2 * i + 1]) for i in range(len(seeds))]
