"""Values are what their labels say: caches keyed by every argument (a
second seed really recomputes), non-generic draws redrawn on every engine,
the default degree route chosen by cost and recorded, records in the
vocabulary of certainty."""
import gc

import pytest

from sage_neuro import LinearNetwork, PolynomialCNN, PolynomialMLP
from sage_neuro.cache import CacheKey, cache_of
from sage_neuro.constants import REDRAWS
from sage_neuro.invariants import slicing
from sage_neuro.invariants.slicing import DegenerateDraw, count_on_slices
from formulas import determinantal_degree


# -- caches respect every argument ---------------------------------------------

def test_second_seed_recomputes_dimension():
    M = LinearNetwork([4, 2, 3]).neuromanifold()
    assert M.dimension(seed=0) == M.dimension(seed=1) == 10
    P = M.provenance("dimension")
    assert P.seeds == (1,) and [c.seeds for c in P.confirmations] == [(0,)]
    cache = cache_of(M.architecture())
    for s in (0, 1):
        assert CacheKey("dimension", method="modular", seeds=(s,), prime=8388593) in cache


def test_second_seed_recomputes_degree_and_ed_degree(monkeypatch):
    net = LinearNetwork([3, 2, 3])
    M = net.neuromanifold()
    calls = []
    real = slicing.count_on_slices

    def counting(*args, **kw):
        calls.append(kw.get("seeds"))
        return real(*args, **kw)
    monkeypatch.setattr(slicing, "count_on_slices", counting)
    assert M.degree(method="modular", seeds=(1, 2)) == 3
    assert M.degree(method="modular", seeds=(1, 2)) == 3      # cached: no new count
    assert M.degree(method="modular", seeds=(5, 6)) == 3      # a new draw
    assert calls == [(1, 2), (5, 6)]
    P = M.provenance("degree")
    assert P.seeds == (5, 6) and [c.seeds for c in P.confirmations] == [(1, 2)]
    assert M.ed_degree(seeds=(1,)) == M.ed_degree(seeds=(2,)) == 3
    assert calls[2:] == [(1,), (2,)]
    assert [c.seeds for c in M.provenance("ed_degree").confirmations] == [(1,)]


def test_engine_and_method_are_in_the_key():
    M = PolynomialCNN([2, 2], activation=2).neuromanifold()
    assert M.degree(method="modular", engine="Singular") == 4
    assert M.degree(method="modular", engine="F4") == 4
    P = M.provenance("degree")
    assert "(F4)" in P.route and "(Singular)" in P.confirmations[0].route
    assert M.degree(method="numerical", cross_check=False) == 4
    assert M.provenance("degree").method == "numerical"
    assert len(M.provenance("degree").confirmations) == 2


def test_disagreement_is_reported_not_hidden(monkeypatch):
    # a "no": two computations of the same degree that differ must not be
    # reported as confirming each other
    M = LinearNetwork([4, 2, 3]).neuromanifold()
    assert M.degree(method="modular") == determinantal_degree(3, 4, 2)
    real = slicing.count_on_slices

    def wrong(*args, **kw):
        C = real(*args, **kw)
        C.value += 1
        return C
    monkeypatch.setattr(slicing, "count_on_slices", wrong)
    with pytest.warns(RuntimeWarning, match="disagrees"):
        assert M.degree(method="modular", seeds=(7, 8)) == 7
    P = M.provenance("degree")
    assert P.confirmations == () and "disagrees with degree = 6" in P.note


def test_no_writes_into_the_network_and_caches_die_with_it():
    net = PolynomialMLP([2, 2, 3])
    before = set(net.__dict__)
    M = net.neuromanifold()
    M.dimension(), M.degree(method="modular"), M.degree(method="numerical"), M.ed_degree()
    added = set(net.__dict__) - before
    assert not {k for k in added if k.startswith(("_term", "_sparse", "_slice", "_jacobian"))}
    assert len(cache_of(net)) > 0
    from sage_neuro import cache as cache_module
    ident = id(net)
    del net, M
    gc.collect()
    assert ident not in cache_module._CACHES


def test_cache_is_bounded():
    from sage_neuro.cache import ComputationCache
    C = ComputationCache(maxsize=3)
    for s in range(10):
        C.put(CacheKey("degree", seeds=(s,)), s)
    assert len(C) == 3 and C.get(CacheKey("degree", seeds=(9,))) == 9
    with pytest.raises(ValueError, match="maxsize"):
        ComputationCache(maxsize=0)


# -- non-generic draws, on every engine ------------------------------------------

def test_real_degenerate_draw_singular_and_msolve():
    # seed 1 draws a singular 3x3 W2 modulo 32003; both in-process engines
    # count the same systems, so both see it and both redraw
    net = LinearNetwork([8, 3, 3])
    for engine in ("Singular", "ParallelMsolve"):
        with pytest.raises(DegenerateDraw):
            slicing.sliced_count(net, "degree", seeds=(1, 2), engine=engine)
        C = count_on_slices(net, "degree", seeds=(1, 2), engine=engine)
        assert C.value == 1 and C.seeds == (3, 4) and len(C.redrawn) == 1


def _dependent_first(monkeypatch, bad):
    # the first draw keeps parameters with dependent Jacobian columns (as a
    # pivot choice at a non-generic point would); later draws are generic
    real = slicing.slice_pivots

    def pivots(net, seed=1):
        if seed in bad:
            return list(range(int(net.num_parameters()))), 1
        return real(net, seed=seed)
    monkeypatch.setattr(slicing, "slice_pivots", pivots)


@pytest.mark.parametrize("engine", ["F4", "Msolve", "Singular", "ParallelMsolve"])
def test_degenerate_draw_degree_every_engine(monkeypatch, engine):
    _dependent_first(monkeypatch, {1})
    net = LinearNetwork([2, 1, 2])
    C = count_on_slices(net, "degree", seeds=(1, 2), engine=engine)
    assert C.value == 2 and C.seeds == (3, 4)
    assert len(C.redrawn) == 1 and "seeds (1, 2)" in C.redrawn[0]


@pytest.mark.parametrize("prime", [32003, 0])
def test_degenerate_draw_ed_degree_on_macaulay2(monkeypatch, prime):
    # the Macaulay2 route used to raise M2Error here
    _dependent_first(monkeypatch, {1})
    M = LinearNetwork([3, 1, 2]).neuromanifold()
    assert M.ed_degree(method="modular" if prime else "exact", seeds=(1,)) == 2
    P = M.provenance("ed_degree")
    assert P.seeds == (2,) and "redrawn after seeds (1,)" in P.note


def test_degenerate_draw_recorded_by_degree(monkeypatch):
    _dependent_first(monkeypatch, {1})
    M = LinearNetwork([2, 1, 2]).neuromanifold()
    assert M.degree(method="modular", engine="F4") == 2
    assert "redrawn after seeds (1, 2): Macaulay2" in M.provenance("degree").note


def test_redraws_are_bounded(monkeypatch):
    _dependent_first(monkeypatch, set(range(100)))
    with pytest.raises(DegenerateDraw, match="%d draws in a row were not generic" % (REDRAWS + 1)):
        count_on_slices(LinearNetwork([2, 1, 2]), "degree", seeds=(1,), engine="F4")


# -- the default route ----------------------------------------------------------

def test_default_degree_small_is_modular_and_says_why():
    M = LinearNetwork([4, 2, 3]).neuromanifold()
    assert M.degree() == determinantal_degree(3, 4, 2)
    P = M.provenance("degree")
    assert P.method == "modular" and P.note.startswith("auto: Bezout number 45")


def test_default_degree_mlp_333_is_numerical_and_certified():
    M = PolynomialMLP([3, 3, 3], activation=2).neuromanifold()
    assert M.degree() == 30
    P = M.provenance("degree")
    assert P.method == "numerical" and P.certificate.startswith("trace test")
    assert "Bezout number 320320" in P.note


def test_cross_check_records_the_second_route():
    M = PolynomialCNN([3, 2], activation=2).neuromanifold()
    assert M.degree(method="modular", cross_check=True) == 12
    P = M.provenance("degree")
    assert P.method == "modular" and [c.method for c in P.confirmations] == ["numerical"]
    # auto takes the multidegree of mu here; its second route is the slice
    L = PolynomialCNN([3, 2], activation=2).neuromanifold()
    assert L.degree(cross_check=True) == 12
    P = L.provenance("degree")
    assert P.route.startswith("multidegree") and P.note.startswith("auto: mu multihomogeneous")
    assert [c.route.split(" (")[0] for c in P.confirmations] == ["linear section on a coordinate slice"]
    # numerical first: the in-process modular count is cheap, so it is done
    N = PolynomialCNN([2, 2], activation=2).neuromanifold()
    assert N.degree(method="numerical") == 4
    assert [c.method for c in N.provenance("degree").confirmations] == ["modular"]
    with pytest.raises(ValueError, match="cross_check"):
        N.degree(cross_check="yes")


def test_default_ed_degree_says_its_route():
    M = LinearNetwork([3, 2, 3]).neuromanifold()
    assert M.ed_degree() == 3
    P = M.provenance("ed_degree")
    assert P.method == "modular" and P.note.startswith("auto: Bezout number 289 of the critical")
    assert "modular slice" in P.note and "(Rabinowitsch," in P.route


def test_old_strategy_keyword_still_counts():
    M = LinearNetwork([3, 2, 3]).neuromanifold()
    with pytest.warns(DeprecationWarning, match="engine='F4'"):
        assert M.degree(method="modular", strategy="F4") == 3
    assert "(F4)" in M.provenance("degree").route
    with pytest.raises(ValueError, match="strategy for ed_degree"):
        M.ed_degree(strategy="F4")
    with pytest.raises(ValueError, match="engine for degree"):
        M.degree(method="modular", engine="Rabinowitsch")


# -- the vocabulary of certainty --------------------------------------------------

def test_labels_say_what_was_shown():
    M = LinearNetwork([3, 2, 3]).neuromanifold()
    M.dimension(method="exact")
    assert M.provenance("ideal").method == "proved"
    assert M.provenance("dimension").method == "proved"
    M.degree(method="exact")
    assert M.provenance("degree").method == "proved"
    M.ed_degree(method="exact", seeds=(3,))
    P = M.provenance("ed_degree")
    assert P.method == "exact_random" and "random rational" in P.choices
    assert all(P.method != "exact" for P in M.provenance().values())
    # 'auto' above span dimension 8 reaches the candidates route: recorded
    M.singular_locus()
    P = M.provenance("singular_locus")
    assert P.method == "modular" and P.route.startswith("auto: span dimension 9 > 8")
    N = LinearNetwork([2, 1, 2]).neuromanifold()
    assert len(N.singular_locus()) == 1
    assert N.provenance("singular_locus").method == "proved"
    assert LinearNetwork([2, 2, 2]).neuromanifold().singular_locus() == []
