"""The degree slice counted by every engine: libSingular in-process, msolve
processes side by side, Macaulay2 with msolve and with its own F4; all must
give the same (section, fiber) counts, and the value the closed formulas or
the exact route give."""
import pytest

from sage.rings.finite_rings.finite_field_constructor import GF

from sage_neuro import LightningSelfAttention, LinearNetwork, PolynomialCNN, PolynomialMLP
from sage_neuro.invariants.msolve import count_solutions
from sage_neuro.invariants.slicing import sliced_count, slice_pivots, SINGULAR_BEZOUT
from formulas import determinantal_degree

ENGINES = ("Singular", "ParallelMsolve", "Msolve", "F4")


@pytest.mark.parametrize("net, expected", [
    (LinearNetwork([4, 2, 3]), determinantal_degree(3, 4, 2)),
    (PolynomialCNN([3, 2], activation=2), 12),       # Segre-Veronese formula, known-values.md
    (PolynomialCNN([2, 2], activation=3), 6),
    (PolynomialMLP([2, 2, 3]), None),
    (LightningSelfAttention(2, 2, 1, 2), None),
])
def test_engines_agree(net, expected):
    results = {e: sliced_count(net, "degree", strategy=e) for e in ENGINES}
    values = {v for v, _, _ in results.values()}
    assert len(values) == 1
    if expected is not None:
        assert values == {expected}
    # same seeds, same draws: Singular and msolve count the same systems
    assert results["Singular"][1] == results["ParallelMsolve"][1]
    if expected is None:
        assert values == {net.neuromanifold().degree(method="exact")}


def test_auto_picks_by_bezout():
    small = PolynomialCNN([2, 2], activation=2)
    assert slice_pivots(small)[1] <= SINGULAR_BEZOUT
    assert sliced_count(small, "degree")[2] == "Singular"
    big = PolynomialMLP([2, 3, 2, 2])
    assert slice_pivots(big)[1] > SINGULAR_BEZOUT
    assert sliced_count(big, "degree") == (15, [(30, 2), (30, 2)], "ParallelMsolve")


def test_msolve_timeout_kills_and_recovers():
    from sage.rings.polynomial.polynomial_ring_constructor import PolynomialRing
    T = PolynomialRing(GF(32003), "x", 9)
    x = T.gens()
    from sage.misc.randstate import set_random_seed
    set_random_seed(0)
    hard = [T.random_element(degree=3, terms=60) for _ in range(9)]   # 3^9 solutions
    with pytest.raises(TimeoutError):
        count_solutions([hard], timeout=0.5)
    assert count_solutions([[x[0] ** 2 - 1] + list(x[1:])]) == [2]
