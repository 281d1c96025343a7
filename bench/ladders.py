"""
The networks of the benchmarks: ``(name, make)`` pairs, ``make()`` building
a new network object (so that no timed run profits from another's caches).
"""
from sage_neuro.all import LightningSelfAttention, LinearNetwork, PolynomialCNN, PolynomialMLP


def degree_ladder():
    """MLPs, CNNs, attention and linear networks: the degree of the neuromanifold."""
    for w in ([4, 2, 3], [5, 2, 4, 3], [5, 2, 5], [5, 3, 5]):
        yield "linear %s" % w, lambda w=w: LinearNetwork(w)
    for w in ([2, 2, 3], [3, 2, 3], [3, 3, 3], [2, 2, 2, 2], [2, 3, 2, 2]):
        yield "MLP %s x^2" % w, lambda w=w: PolynomialMLP(w)
    for k, r in (((2, 2), 2), ((3, 2), 2), ((2, 3), 2), ((3, 3), 2), ((2, 2, 2), 2),
                 ((2, 2), 3), ((3, 2), 3), ((3, 3), 3)):
        yield "CNN %s x^%d" % (list(k), r), lambda k=k, r=r: PolynomialCNN(k, activation=r)
    yield "attention (2,2,1,2)", lambda: LightningSelfAttention(2, 2, 1, 2)


def ed_ladder():
    """Linear networks and small polynomial ones: the ED degree."""
    for w in ([3, 1, 3], [3, 2, 3], [4, 2, 3], [4, 1, 4], [4, 2, 4], [4, 3, 4], [5, 2, 4, 3],
              [5, 1, 5], [5, 2, 5], [4, 3, 6], [5, 3, 5], [5, 4, 5]):
        yield "linear %s" % w, lambda w=w: LinearNetwork(w)
    yield "MLP [2, 2, 3] x^2", lambda: PolynomialMLP([2, 2, 3])
    # the first row whose default route is monodromy in the data
    yield "MLP [3, 2, 2] x^2", lambda: PolynomialMLP([3, 2, 2])
    for k in ((2, 2), (3, 2), (2, 3)):
        yield "CNN %s x^2" % list(k), lambda k=k: PolynomialCNN(k, activation=2)


def long_ladder():
    """Rows for long limits (``bench/run.py degree-long``): does any competitor finish?"""
    yield "CNN [4, 4] x^2", lambda: PolynomialCNN([4, 4], activation=2)
    yield "CNN [5, 3] x^2", lambda: PolynomialCNN([5, 3], activation=2)
    yield "CNN [4, 3] x^3", lambda: PolynomialCNN([4, 3], activation=3)
    yield "MLP [3, 2, 2] x^3", lambda: PolynomialMLP([3, 2, 2], activation=3)
    for w in ([2, 3, 2, 3], [2, 4, 2, 3], [2, 5, 2, 3], [2, 3, 2, 4]):
        yield "MLP %s x^2" % w, lambda w=w: PolynomialMLP(w)


def frontier_ladder():
    """
    Rows beyond the ladders above, ``(quantity, name, make)`` with quantity
    ``'degree'`` or ``'ed'`` (``bench/run.py frontier``): what does the best
    competitor reach within the long limit?  Ordered so that a run stopped
    early has the rows with the fewest competitor calls first.
    """
    # ED degrees: one competitor each (the critical ideal over GF(32003))
    yield "ed", "MLP [3, 2, 2] x^2", lambda: PolynomialMLP([3, 2, 2])
    yield "ed", "CNN [3, 3] x^2", lambda: PolynomialCNN([3, 3], activation=2)
    # degrees: two competitors each (ker over GF(32003), NumericalImplicitization)
    yield "degree", "MLP [3, 3, 3] x^2", lambda: PolynomialMLP([3, 3, 3])
    yield "degree", "attention (3,3,1,2)", lambda: LightningSelfAttention(3, 3, 1, 2)
    yield "degree", "CNN [5, 2] strides [2, 2] x^2", \
        lambda: PolynomialCNN([5, 2], strides=[2, 2], activation=2)
    yield "degree", "CNN [5, 5] strides [2, 2] x^2", \
        lambda: PolynomialCNN([5, 5], strides=[2, 2], activation=2)
    yield "degree", "MLP [2, 3, 3, 2] x^2", lambda: PolynomialMLP([2, 3, 3, 2])


LADDERS = {"degree": degree_ladder, "ed": ed_ladder, "degree-long": long_ladder,
           "frontier": frontier_ladder}
