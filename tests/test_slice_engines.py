"""The degree slice counted by every engine: libSingular in-process, msolve
processes side by side, Macaulay2 with msolve and with its own F4; all must
give the same (section, fiber) counts, and the value the closed formulas or
the exact route give."""
import pytest

from sage.rings.finite_rings.finite_field_constructor import GF

from sage_neuro import LightningSelfAttention, LinearNetwork, PolynomialCNN, PolynomialMLP
from sage_neuro.invariants.msolve import count_solutions, msolve_program
from sage_neuro.invariants.slicing import sliced_count, slice_pivots, SINGULAR_BEZOUT
from formulas import determinantal_degree

ENGINES = ("Singular", "ParallelMsolve", "Msolve", "F4")


@pytest.mark.parametrize("net, expected", [
    (LinearNetwork([4, 2, 3]), determinantal_degree(3, 4, 2)),
    (PolynomialCNN([3, 2], activation=2), 12),       # Segre-Veronese formula
    (PolynomialCNN([2, 2], activation=3), 6),
    (PolynomialMLP([2, 2, 3]), None),
    (LightningSelfAttention(2, 2, 1, 2), None),
])
def test_engines_agree(net, expected):
    results = {e: sliced_count(net, "degree", engine=e) for e in ENGINES}
    values = {v for v, _, _ in results.values()}
    assert len(values) == 1
    if expected is not None:
        assert values == {expected}
    # same seeds, same slice: every engine counts the same systems
    assert len({tuple(counts) for _, counts, _ in results.values()}) == 1
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


def test_msolve_dies_with_a_killed_parent():
    # a parent killed by SIGTERM runs no `finally`: msolve must not go on
    # computing (3^9 solutions: minutes) after it
    import os
    import signal
    import subprocess
    import sys
    import time
    from sage_neuro.processes import child_processes, is_running
    code = ("from sage.all import *\n"
            "from sage_neuro.invariants.msolve import count_solutions\n"
            "T = PolynomialRing(GF(32003), 'x', 9)\n"
            "set_random_seed(0)\n"
            "count_solutions([[T.random_element(degree=3, terms=60) for _ in range(9)]])\n")
    p = subprocess.Popen([sys.executable, "-c", code])
    try:
        children = []
        for _ in range(300):
            children = child_processes(p.pid, "msolve")
            if children:
                break
            time.sleep(0.1)
        assert children, "msolve did not start"
        os.kill(p.pid, signal.SIGTERM)
        p.wait()
        time.sleep(1)
        assert not [c for c in children if is_running(c)]
    finally:
        if p.poll() is None:
            p.kill()


# -- the term tables mod p against Sage's own polynomial arithmetic ----------

TABLE_NETS = [LinearNetwork([3, 2, 3]), PolynomialMLP([2, 2, 3]), PolynomialCNN([3, 2], activation=3),
              LightningSelfAttention(2, 2, 1, 2), PolynomialMLP([2, 3, 2, 2])]


@pytest.mark.parametrize("small", [0, 2000])     # the numpy and the plain Python Jacobian
@pytest.mark.parametrize("net", TABLE_NETS)
def test_term_table_values_and_jacobian(net, small, monkeypatch):
    from sage_neuro.invariants import terms
    from sage_neuro.invariants.terms import TermTable
    monkeypatch.setattr(terms, "SMALL", small)
    p = 10007
    K = GF(p)
    T = TermTable(net, p)
    F = net.coordinate_functions(K)
    for seed, point in ((1, net.random_parameters(K, seed=1)),
                        (2, [K(0)] + net.random_parameters(K, seed=2)[1:])):  # a zero coordinate
        x = [int(v) for v in point]
        assert T.values(x).tolist() == [int(f(*point)) for f in F]
        J = [[int(f.derivative(v)(*point)) for v in F[0].parent().gens()] for f in F]
        assert T.jacobian(x).tolist() == J


@pytest.mark.parametrize("net", TABLE_NETS)
def test_slice_systems_count_like_substitution(net):
    # the section and fiber counts of CoordinateSlice.degree_systems against
    # the same slice built by substituting into the coordinate functions in Sage
    from sage.rings.polynomial.polynomial_ring_constructor import PolynomialRing
    from sage_neuro.invariants.slice import CoordinateSlice
    p = 32003
    K = GF(p)
    kept = slice_pivots(net)[0]
    section, fiber = CoordinateSlice.random(net, kept, 3, p).degree_systems()
    R = PolynomialRing(K, "t", len(kept), order="degrevlex")
    t = iter(R.gens())
    fixed = net.random_parameters(K, seed=5)
    point = [next(t) if j in kept else fixed[j] for j in range(len(fixed))]
    G = [f(point) for f in net.coordinate_functions(K)]
    base = [K(i + 2) for i in range(len(kept))]
    sub_fiber = [g - g(base) for g in G if g != g(base)]
    import random
    rng = random.Random(11)
    ref_section = [sum(K(rng.randrange(p)) * g for g in G) - K(rng.randrange(p)) for _ in kept]
    assert (R.ideal(section).vector_space_dimension() == R.ideal(ref_section).vector_space_dimension())
    assert R.ideal(fiber).vector_space_dimension() == R.ideal(sub_fiber).vector_space_dimension()


def test_pivot_columns_match_sage():
    import numpy as np
    from sage.matrix.constructor import matrix
    from sage_neuro.invariants.slicing import pivot_columns
    rng = np.random.default_rng(0)
    for shape, p in (((5, 4), 7), ((30, 25), 8388593)):   # the list and the numpy route
        for rank in range(min(shape) + 1):
            A = (rng.integers(0, p, (shape[0], rank)) @ rng.integers(0, 50, (rank, shape[1]))) % p
            assert pivot_columns(A, p) == list(matrix(GF(p), A.tolist()).pivots())


def test_parallel_msolve_ed_needs_rabinowitsch():
    with pytest.raises(ValueError, match="'Rabinowitsch' or 'RabinowitschFactors' only"):
        sliced_count(LinearNetwork([3, 2, 3]), "ed_degree", engine="ParallelMsolve",
                     strategy="Saturate")


@pytest.mark.skipif(msolve_program() is None, reason="msolve is not installed")
def test_one_inverse_per_factor_gives_the_same_ed_degree():
    # the minor of this slice has three factors; a second route to 13 is
    # the minor inverted as a whole (and M2's Saturate, in the M2 tests)
    net = PolynomialMLP([3, 2, 1], activation=2)
    one = sliced_count(net, "ed_degree", seeds=(1, 2))
    per_factor = sliced_count(net, "ed_degree", seeds=(1, 2), strategy="RabinowitschFactors")
    assert one[0] == per_factor[0] == 13
    assert per_factor[2] == "ParallelMsolve"
    assert per_factor[1] == one[1] == [(52, 4), (52, 4)]


@pytest.mark.skipif(msolve_program() is None, reason="msolve is not installed")
def test_ed_degree_with_one_inverse_per_factor_records_its_strategy():
    M = PolynomialMLP([3, 2, 1], activation=2).neuromanifold()
    assert M.ed_degree(method="modular", strategy="RabinowitschFactors", cross_check=False) == 13
    P = M.provenance("ed_degree")
    assert P.method == "modular" and "RabinowitschFactors" in P.route


def test_one_inverse_per_factor_needs_msolve_over_a_prime_field():
    with pytest.raises(ValueError, match="counted by msolve over GF"):
        sliced_count(LinearNetwork([3, 2, 3]), "ed_degree", strategy="RabinowitschFactors",
                     engine="F4")
    with pytest.raises(ValueError, match="not by engine 'Auto' over QQ"):
        sliced_count(LinearNetwork([3, 2, 3]), "ed_degree", strategy="RabinowitschFactors",
                     prime=0)


def test_degenerate_draw_is_redrawn():
    # seed 1 draws a singular 3x3 W2 modulo 32003 (a chance of 1 in 32003):
    # the fiber of the slice is not zero-dimensional; degree() redraws
    from sage_neuro.invariants.slicing import DegenerateDraw
    net = LinearNetwork([8, 3, 3])
    with pytest.raises(DegenerateDraw, match="seed 1 is not zero-dimensional"):
        sliced_count(net, "degree", seeds=(1, 2))
    M = net.neuromanifold()
    # (the image is dense: 'auto' would read degree 1 from the dimension)
    assert M.degree(method="modular") == 1
    record = M.provenance("degree")
    assert record.seeds == (3, 4) and "redrawn after seeds (1, 2)" in record.note
    assert M.degree() == 1
    assert M.provenance("degree").route.startswith("the closure of the neuromanifold is the whole")


# -- one slice for every engine ----------------------------------------------------

def test_rational_slice_is_the_substituted_one():
    # the slice over QQ from the term table against substitution in Sage
    from sage.rings.rational_field import QQ
    from sage_neuro.invariants.slice import CoordinateSlice
    for net in TABLE_NETS[:3]:
        kept = slice_pivots(net)[0]
        S = CoordinateSlice.random(net, kept, 4, 0)
        R = S.ring()
        t = iter(R.gens())
        values = iter(S.fixed_values)
        point = [next(t) if j in kept else next(values) for j in range(int(net.num_parameters()))]
        assert S.polynomials() == [R(f(point)) for f in net.coordinate_functions(QQ)]


@pytest.mark.parametrize("net, degree, ed_degree", [
    # m x n matrices of rank <= r: the determinantal degree (Harris,
    # "Algebraic Geometry", 19.10) and the ED degree binomial(min(m, n), r)
    # of the Eckart-Young theorem (Draisma et al., arXiv:1309.0049, Ex. 2.3)
    (LinearNetwork([4, 2, 3]), determinantal_degree(3, 4, 2), 3),
    (LinearNetwork([2, 1, 2]), determinantal_degree(2, 2, 1), 2),
    # two squares of linear forms fill the binary quadrics: M = C^3
    (PolynomialMLP([2, 2, 1], activation=2), 1, 1),
])
def test_every_engine_counts_the_one_slice(net, degree, ed_degree):
    from sage_neuro.invariants.monodromy import monodromy_degree
    results = {e: sliced_count(net, "degree", engine=e) for e in ENGINES + ("Buchberger",)}
    assert {v for v, _, _ in results.values()} == {degree}
    assert len({tuple(counts) for _, counts, _ in results.values()}) == 1
    assert sliced_count(net, "degree", prime=0, engine="Buchberger", seeds=(3,))[0] == degree
    assert monodromy_degree(net, seed=1).degree == degree
    # the critical system built in Sage (ParallelMsolve) and in Macaulay2 (the others)
    ed = {e: sliced_count(net, "ed_degree", engine=e)
          for e in ("ParallelMsolve", "Msolve", "F4", "Buchberger")}
    assert {v for v, _, _ in ed.values()} == {ed_degree}
    assert len({tuple(counts) for _, counts, _ in ed.values()}) == 1
    for strategy in ("Saturate", "Determinant"):
        assert sliced_count(net, "ed_degree", strategy=strategy, seeds=(2,))[0] == ed_degree
    assert sliced_count(net, "ed_degree", prime=0, seeds=(5,))[0] == ed_degree


def test_multiplicity_counts_on_the_degree_slice():
    # the punctured section of a seed lives on the slice whose degree and
    # fiber size that seed counts: at a general point of M nothing else is
    # lost (multiplicity 1), at a rank-1 3 x 3 matrix the determinant has
    # multiplicity 2 (its corank), and off M the multiplicity is 0
    from sage_neuro.invariants.multiplicity import local_multiplicity
    net = LinearNetwork([3, 2, 3])
    assert local_multiplicity(net, net.random_parameters(seed=2)).value == 1
    assert local_multiplicity(net, point=[1, 2, 3, 2, 4, 6, 1, 2, 3]).value == 2
    assert local_multiplicity(net, point=[1, 0, 0, 0, 1, 0, 0, 0, 1]).value == 0
