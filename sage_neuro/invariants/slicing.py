r"""
Degrees and Euclidean distance degrees by coordinate slices of the
parameter space.

The parameters outside a set of ``d = dim M`` Jacobian pivot columns are
fixed at random values: this gauge-fixes the symmetries of ``mu`` and makes
it generically finite of fiber size ``b``. The number ``a`` of points of
the sliced parameter space mapping to a random linear section of ``M``
(resp. to a critical point of the squared distance from random data, after
removing the points where the sliced Jacobian drops rank) is then
``deg(M) * b`` (resp. ``EDdeg(M) * b``). The counts are computed by
Groebner bases in Macaulay2 (package function ``sliceDegree`` /
``sliceEDDegree``; F4 over ``GF(p)``). For the ED degree the spurious
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
    (6, [(6, 1), (6, 1)])
"""

from sage.rings.finite_rings.finite_field_constructor import GF
from sage.rings.integer import Integer
from sage.rings.rational_field import QQ

from sage_neuro.invariants.dimension import jacobian_rank
from sage_neuro.m2 import session

#: the prime of the modular slice computations in Macaulay2
SLICE_PRIME = 32003

_FUNCTIONS = {"degree": "sliceDegree", "ed_degree": "sliceEDDegree"}


#: the Macaulay2 strategies of the slice routes
STRATEGIES = {"degree": ("F4", "Buchberger"),
              "ed_degree": ("Rabinowitsch", "Saturate", "Determinant")}


def sliced_count(net, invariant, seeds=(1, 2), prime=SLICE_PRIME, timeout=None, data=None,
                 strategy=None):
    r"""
    Return ``(value, counts)`` for ``invariant`` in ``('degree', 'ed_degree')``
    computed on coordinate slices, one run per seed; ``counts`` lists the
    pairs ``(a, b)`` of each run (``value = a / b``).

    INPUT:

    - ``net`` -- an architecture
    - ``invariant`` -- ``'degree'`` or ``'ed_degree'``
    - ``seeds`` -- the random seeds; all runs must agree
    - ``prime`` -- a prime for ``GF(prime)``, or ``0`` for ``QQ``
    - ``timeout`` -- seconds for each Macaulay2 call
    - ``data`` -- for ``'ed_degree'``: the data point (random if ``None``)
    - ``strategy`` -- the Macaulay2 strategy, one of :data:`STRATEGIES`
      (default: the first, the fastest measured)

    EXAMPLES::

        sage: from sage_neuro import LinearNetwork
        sage: from sage_neuro.invariants.slicing import sliced_count
        sage: sliced_count(LinearNetwork([3, 2, 3]), 'ed_degree', seeds=(5,), prime=0)
        (3, [(3, 1)])
        sage: sliced_count(LinearNetwork([3, 2, 3]), 'ed_degree', seeds=(5,), strategy='Determinant')
        (3, [(3, 1)])
        sage: sliced_count(LinearNetwork([3, 2, 3]), 'degree', strategy='bad')
        Traceback (most recent call last):
        ...
        ValueError: strategy for degree must be one of ('F4', 'Buchberger'), not 'bad'
    """
    if strategy is None:
        strategy = STRATEGIES[invariant][0]
    if strategy not in STRATEGIES[invariant]:
        raise ValueError("strategy for %s must be one of %s, not %r"
                         % (invariant, STRATEGIES[invariant], strategy))
    K = QQ if prime == 0 else GF(prime)
    rank, _, pivots = jacobian_rank(net, seed=seeds[0])
    F = net.coordinate_functions(K)
    S = session()
    L = S.polys(F, net.parameter_ring(K))
    values, counts = [], []
    for seed in seeds:
        opts = {"Seed": int(seed), "Strategy": '"%s"' % strategy}
        if data is not None and invariant == "ed_degree":
            opts["Data"] = [str(QQ(u)) for u in data]
        a, b = S.call(_FUNCTIONS[invariant], L, [int(i) for i in pivots],
                      timeout=timeout, options=opts)
        counts.append((Integer(a), Integer(b)))
        if b == 0 or a % b:
            raise ArithmeticError("slice count %s is not a multiple of the fiber size %s "
                                  "(seed %s): a non-generic draw; try other seeds" % (a, b, seed))
        values.append(Integer(a // b))
    if len(set(values)) != 1:
        raise ArithmeticError("the seeds %s gave different values %s; a non-generic draw "
                              "(rerun with other seeds or method='exact')" % (seeds, values))
    return values[0], counts
