"""ED degrees by two routes: the modular slice and monodromy in the data."""
import numpy as np
import pytest
from math import comb

from sage_neuro import LinearNetwork, PolynomialMLP
from sage_neuro.invariants import ed_monodromy
from sage_neuro.invariants.ed_monodromy import (correspondence_ed_degree, critical_bezout,
                                                curvature_residual, monodromy_ed_degree,
                                                trace_residual)
from sage_neuro.invariants.monodromy import continue_paths


@pytest.mark.parametrize("widths", [[3, 1, 3], [3, 2, 3], [4, 1, 3], [4, 2, 4]])
def test_linear_eckart_young(widths):
    # Eckart-Young (arXiv:1309.0049, Example 2.3): the ED degree of the
    # n x m matrices of rank <= r is binomial(min(n, m), r)
    n, r, m = widths
    W = monodromy_ed_degree(LinearNetwork(widths), seed=1)
    assert W.ed_degree == comb(min(n, m), r)
    assert W.trace_residual < 1e-9


def test_filling_network_has_ed_degree_one():
    # MLP [2,2,2] x^2 fills its 6-dimensional space: the only critical
    # point is the data itself (a "no": nothing to count beyond 1)
    M = PolynomialMLP([2, 2, 2], activation=2).neuromanifold()
    assert M.ed_degree(method="numerical") == 1
    assert M.ed_degree(method="modular") == 1


def test_routes_agree_and_record_confirmation():
    M = LinearNetwork([3, 2, 3]).neuromanifold()
    assert M.ed_degree(method="modular", cross_check=True) == 3
    P = M.provenance("ed_degree")
    assert P.method == "modular"
    assert [c.method for c in P.confirmations] == ["numerical"]
    assert "trace test" in P.confirmations[0].certificate


def test_auto_choice_recorded():
    # the linear networks go to the modular slice whatever their Bezout number
    assert critical_bezout(LinearNetwork([5, 2, 5]))[1]
    bezout, multilinear = critical_bezout(PolynomialMLP([3, 2, 2], activation=2))
    assert not multilinear and bezout > 20000


def test_unasked_cross_check_is_bounded(monkeypatch):
    # a confirmation nobody asked for that does not finish in its budget is
    # dropped, and the note says so; the value keeps its own provenance
    import sage_neuro.constants as constants
    monkeypatch.setattr(constants, "ED_CROSS_CHECK_SECONDS", 1e-9)
    M = LinearNetwork([3, 1, 3]).neuromanifold()
    assert M.ed_degree() == 3
    P = M.provenance("ed_degree")
    assert P.method == "modular" and not P.confirmations
    assert "cross-check by the numerical route did not finish" in P.note
    # asked for, the same check is not bounded
    N = LinearNetwork([3, 1, 3]).neuromanifold()
    assert N.ed_degree(cross_check=True) == 3
    assert [c.method for c in N.provenance("ed_degree").confirmations] == ["numerical"]


def test_bad_arguments():
    M = LinearNetwork([3, 2, 3]).neuromanifold()
    with pytest.raises(ValueError, match="cross_check"):
        M.ed_degree(cross_check="yes")
    with pytest.raises(ValueError, match="numerical"):
        M.ed_degree(method="numerical", data=[1] * 9)


@pytest.mark.parametrize("widths", [[3, 1, 2], [3, 1, 3]])
def test_quadratic_networks_agree_with_modular_slice(widths):
    # nonlinear networks small enough for the modular route (msolve / M2 on
    # a slice, GF(32003)): the two routes must give the same count
    net = PolynomialMLP(widths, activation=2)
    W = monodromy_ed_degree(net, seed=1)
    assert W.trace_residual < 1e-9
    assert W.ed_degree == net.neuromanifold().ed_degree(method="modular", cross_check=False)


def _witness_and_tracker(widths, seed=1):
    W = monodromy_ed_degree(LinearNetwork(widths), seed=seed)
    S = W.system

    def hom(Y, u, du):
        return S.equations(Y, u, du) if du is not None else S.equations(Y, u) + (None,)

    def track(Y, a, b, max_steps):
        return continue_paths(hom, Y, a, b, max_steps)
    rng = np.random.default_rng(7)

    def crandn(*shape):
        return (rng.standard_normal(shape) + 1j * rng.standard_normal(shape)) / np.sqrt(2)
    return W, S, track, crandn


def test_curvature_pretest_separates_complete_sets():
    # Eckart-Young: 4 x 4 matrices of rank <= 2 have binomial(4, 2) = 6
    # critical points; any 5 of them fail the pre-test (a "no" case)
    W, S, _, crandn = _witness_and_tracker([4, 2, 4])
    assert W.ed_degree == 6
    v = crandn(S.n)
    assert curvature_residual(S, W.parameters, W.data, v) < 1e-9
    for k in range(6):
        subset = np.delete(W.parameters, k, axis=0)
        assert curvature_residual(S, subset, W.data, v) > 1e-4


def test_trace_test_recovers_failed_paths_by_detours():
    # every other path of the straight segments is reported lost: the
    # detours must find the missing fiber points, and certify the complete
    # set but never a proper subset
    W, S, track, crandn = _witness_and_tracker([4, 2, 4])
    calls = []

    def lossy(Y, a, b, max_steps):
        Z, ok = track(Y, a, b, max_steps)
        if not calls:
            ok[::2] = False
        calls.append(len(Y))
        return Z, ok
    v = crandn(S.n)
    residual, ends, reached = trace_residual(S, W.parameters, W.data, v, lossy, crandn)
    assert residual < 1e-9 and len(calls) > 1
    assert not reached.all()
    calls.clear()
    assert trace_residual(S, W.parameters[:5], W.data, v, lossy, crandn)[0] > 1e-4


def test_trace_test_gives_up_without_arrivals():
    W, S, track, crandn = _witness_and_tracker([3, 1, 3])

    def broken(Y, a, b, max_steps):
        return Y, np.zeros(len(Y), dtype=bool)
    assert trace_residual(S, W.parameters, W.data, crandn(S.n), broken, crandn)[0] == np.inf


def test_resume_from_a_kept_state():
    # the state after the first round of one run, resumed: the same count
    states = []
    net = PolynomialMLP([3, 1, 3], activation=2)
    W = monodromy_ed_degree(net, seed=2, progress=states.append)
    assert states and states[-1]["seed"] == 2
    V = monodromy_ed_degree(net, seed=2, resume=states[0])
    assert V.ed_degree == W.ed_degree
    with pytest.raises(ValueError, match="resume"):
        monodromy_ed_degree(LinearNetwork([3, 1, 3]), seed=2, resume=states[0])


@pytest.mark.slow
def test_mlp_322_three_routes():
    # MLP [3,2,2] x^2: 75 on the subspace model ('auto', under a second), by
    # the modular coordinate slice (msolve, about 40 s) and by monodromy
    # (3-8 s CPU, bench/bench_ed_monodromy.py)
    net = PolynomialMLP([3, 2, 2], activation=2)
    M = net.neuromanifold()
    assert M.ed_degree() == 75
    assert "subspace model" in M.provenance("ed_degree").route
    assert M.ed_degree(method="numerical", cross_check=False) == 75
    assert M.provenance("ed_degree").method == "numerical"
    assert M.ed_degree(method="modular") == 75
    # the slice's record lists the values of the other routes computed before it
    assert "numerical" in [c.method for c in M.provenance("ed_degree").confirmations]


def test_spurious_critical_points_are_not_counted():
    # lightning self-attention d = 2, a = d_out = 1: mu depends on (v, k)
    # through sym(v k^T), whose differential drops rank where v || k; the
    # critical equations J^T (mu - u) = 0 hold on components of such points
    # that are not ED critical points. Both routes count 10, and a point
    # with v = k (its image is in the rank-one stratum) is not regular
    from sage_neuro import LightningSelfAttention
    net = LightningSelfAttention(2, 1, 1, 2)
    W = monodromy_ed_degree(net, seed=1)
    assert W.ed_degree == net.neuromanifold().ed_degree(method="modular", cross_check=False) == 10
    assert W.system.regular(W.parameters).all()
    # a point of the slice with v = c k: parameters (q0, q1, k0, v0) kept,
    # k1 = a and v1 = b fixed, so c = b / a
    from sage_neuro.invariants.monodromy import pivot_slice
    sliced = pivot_slice(net, 1)[0]
    assert sliced.kept == [0, 1, 2, 4]
    a, b = sliced.fixed_values
    X = np.array([[0.3 + 1j, -0.7, 1.1 - 0.2j, (b / a) * (1.1 - 0.2j)]])
    assert not W.system.regular(X).any()
    assert W.system.regular(X + [[0, 0, 0, 0.1]]).all()


# --- the route through a witness set of the ED correspondence ---

def test_correspondence_route_eckart_young_and_duality():
    # Eckart-Young for the ED degree; the degree of the ED correspondence is
    # the ED degree for a generic inner product, which agrees for a variety
    # and its dual (arXiv:1309.0049, Theorem 5.2): the 3 x 3 matrices of
    # rank 1 and of rank <= 2 are dual to each other
    W1 = correspondence_ed_degree(LinearNetwork([3, 1, 3]), seed=1)
    W2 = correspondence_ed_degree(LinearNetwork([3, 2, 3]), seed=2)
    assert W1.ed_degree == W2.ed_degree == comb(3, 1)
    assert W1.correspondence_degree == W2.correspondence_degree
    assert W1.correspondence_degree > W1.ed_degree
    assert W1.trace_residual < 1e-9 and W2.trace_residual < 1e-9
    # every path of the witness set is accounted for
    assert W1.ed_degree + W1.at_infinity + W1.singular == W1.correspondence_degree


def test_correspondence_quadric_surface():
    # 2 x 2 matrices of rank 1: the cone over a smooth quadric surface,
    # generic ED degree d (1 + (d - 1) + (d - 1)^2) = 6 for d = 2
    W = correspondence_ed_degree(LinearNetwork([2, 1, 2]), seed=3)
    assert (W.ed_degree, W.correspondence_degree) == (2, 6)


def test_correspondence_witness_set_minus_a_point_fails_the_trace_test():
    # the certificate's "no": a proper subset of the witness set of the
    # correspondence is not accepted
    W = correspondence_ed_degree(PolynomialMLP([2, 1, 2], activation=2), seed=1).witness
    S, X, c = W.system, W.parameters, W.data
    rng = np.random.default_rng(7)

    def crandn(*shape):
        return rng.standard_normal(shape) + 1j * rng.standard_normal(shape)

    def hom(Y, u, du):
        return S.equations(Y, u, du) if du is not None else S.equations(Y, u) + (None,)

    def track(Y, a, b, max_steps):
        return continue_paths(hom, Y, a, b, max_steps)
    v = crandn(S.n)
    assert trace_residual(S, X, c, v, track, crandn)[0] < 1e-9
    assert trace_residual(S, X[1:], c, v, track, crandn)[0] > 1e-3
    assert curvature_residual(S, X[1:], c, v) > 1e-3


def test_correspondence_agrees_with_modular_on_attention():
    # lightning self-attention d = 2, a = d_out = 1 (ED degree 10 by the
    # modular slice): the route through the correspondence gives the same
    from sage_neuro import LightningSelfAttention
    M = LightningSelfAttention(2, 1, 1, 2).neuromanifold()
    assert M.ed_degree(method="correspondence", cross_check=True) == 10
    P = M.provenance("ed_degree")
    assert P.method == "numerical" and "ED correspondence" in P.certificate
    assert [c.method for c in P.confirmations] == ["modular"]


def test_correspondence_state_is_not_a_plain_state():
    states = []
    correspondence_ed_degree(LinearNetwork([3, 1, 3]), seed=1, progress=states.append)
    with pytest.raises(ValueError, match="resume must be a state of a run on"):
        monodromy_ed_degree(LinearNetwork([3, 1, 3]), seed=1, resume=states[0])
    W = correspondence_ed_degree(LinearNetwork([3, 1, 3]), seed=1, resume=states[0])
    assert W.ed_degree == 3


@pytest.mark.slow
@pytest.mark.parametrize("net, value", [
    ("PolynomialMLP([3, 2, 2], activation=2)", 75),
    ("LightningSelfAttention(2, 1, 2, 2)", 52)])
def test_correspondence_certifies_where_the_data_trace_fails(net, value):
    # the trace test in the data does not pass on attention d = 2, a = 1,
    # d_out = 2 (critical points escape to infinity); the correspondence's
    # does, and the count agrees with the modular slice
    from sage_neuro import LightningSelfAttention  # noqa: F401
    net = eval(net)
    W = correspondence_ed_degree(net, seed=1)
    assert W.trace_residual < 1e-6
    assert W.ed_degree == net.neuromanifold().ed_degree(method="modular", cross_check=False) == value


@pytest.mark.slow
@pytest.mark.parametrize("case, net, prefix", [
    # 2914 critical points, 18 of them far out on M (size 300 to 3000),
    # where they move steeply with the data, and one path of the collapse
    # that needs smaller steps; the modular count (two seeds, 754 s) is
    # the frontier table's long run
    ("cnn:activation=2;filters=2-3-2", "PolynomialCNN([2, 3, 2])", ""),
    # 3087 critical points among 12255 points of the correspondence; three
    # paths of the collapse reach their points only with smaller steps on
    # their straight segments, after detours brought them to the points of
    # other paths. The table's row is confirmed by the modular count on
    # the Hilbert-scheme model (its second computation)
    ("mlp:activation=3;widths=3-2-2", "PolynomialMLP([3, 2, 2], activation=3)", "confirmation_")])
def test_correspondence_agrees_with_a_long_modular_run(case, net, prefix):
    import os
    from sage_neuro import PolynomialCNN  # noqa: F401
    from sage_neuro.survey.frontier import LONG_RUNS, read_rows
    table = os.path.join(os.path.dirname(__file__), "..", "docs", "frontier", LONG_RUNS)
    row, = [r for r in read_rows(table) if r["case"] == case and r["quantity"] == "ed_degree"]
    assert row[prefix + "method"] == "modular" and row["confirmation"] == "confirmed"
    W = correspondence_ed_degree(eval(net), seed=1)
    assert W.trace_residual < 1e-6
    assert W.ed_degree == int(row[prefix + "value"])
    assert W.correspondence_degree == W.ed_degree + W.at_infinity + W.singular


def test_ed_monodromy_on_two_processes_gives_the_same_points(monkeypatch):
    # the loops' paths split over worker processes (a lower threshold so
    # that this small case uses them): the same count as in-process
    import sage_neuro.constants as constants
    monkeypatch.setattr(constants, "MONODROMY_PARALLEL_PATHS", 20)
    net = PolynomialMLP([2, 1, 2], activation=3)
    one = correspondence_ed_degree(net, seed=1, processes=1)
    two = correspondence_ed_degree(net, seed=1, processes=2)
    assert (one.ed_degree, one.correspondence_degree) == (two.ed_degree, two.correspondence_degree) == (10, 22)
    assert monodromy_ed_degree(net, seed=1, processes=2).ed_degree == 10
    with pytest.raises(ValueError, match="processes must be an integer >= 1"):
        monodromy_ed_degree(net, seed=1, processes=0)


def test_timeout_stops_a_batch_of_paths_and_the_next_call_works(monkeypatch):
    # every batch of paths takes 10 s (a slowed tracker) and goes to the
    # worker processes: the deadline stops the first batch, not the end of
    # the round (which would take 30 s: three legs of a triangle)
    import time
    import sage_neuro.constants as constants
    monkeypatch.setattr(constants, "MONODROMY_PARALLEL_PATHS", 5)

    def slow(*args, **kwargs):
        time.sleep(10)
        return continue_paths(*args, **kwargs)
    monkeypatch.setattr(ed_monodromy, "continue_paths", slow)
    net = PolynomialMLP([2, 1, 2], activation=3)
    start = time.monotonic()
    with pytest.raises(TimeoutError, match="did not finish within 3 s"):
        correspondence_ed_degree(net, seed=1, timeout=3, processes=2)
    assert time.monotonic() - start < 9
    monkeypatch.setattr(ed_monodromy, "continue_paths", continue_paths)
    W = correspondence_ed_degree(net, seed=1, timeout=120, processes=2)
    assert (W.ed_degree, W.correspondence_degree) == (10, 22)
