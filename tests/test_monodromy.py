"""
Degrees by numerical monodromy + trace test against closed formulas and
against the modular slice route (Groebner bases in Macaulay2).  Each case
takes a few seconds; the speed of the [3, 3, 3] MLP is measured in
``bench/``, not here.
"""
from math import factorial

import pytest
from formulas import determinantal_degree

from sage_neuro.all import LinearNetwork, PolynomialCNN, PolynomialMLP, LightningSelfAttention
from sage_neuro.invariants.monodromy import monodromy_degree, move_witness_set, TRACE_TOLERANCE


def cnn_degree(k, r):
    # Shahverdi-Marchetti-Kohn: (|k| - L)! prod_j r^((L-1-j)(k_{j+1}-1)) / (k_{j+1}-1)!
    L = len(k)
    num, den = factorial(sum(k) - L), 1
    for j in range(L):
        num *= r ** ((L - 1 - j) * (k[j] - 1))
        den *= factorial(k[j] - 1)
    return num // den


@pytest.mark.parametrize("widths,m,n,r", [([4, 2, 3], 3, 4, 2), ([3, 1, 3], 3, 3, 1),
                                          ([4, 1, 4], 4, 4, 1), ([4, 2, 4], 4, 4, 2)])
def test_linear_against_formula(widths, m, n, r):
    W = monodromy_degree(LinearNetwork(widths), seed=1)
    assert W.degree == determinantal_degree(m, n, r)
    assert W.trace_residual < TRACE_TOLERANCE


@pytest.mark.parametrize("k,r", [((2, 2), 2), ((3, 2), 2), ((2, 3), 2), ((2, 2), 3)])
def test_cnn_against_formula(k, r):
    assert monodromy_degree(PolynomialCNN(k, activation=r), seed=2).degree == cnn_degree(k, r)


@pytest.mark.parametrize("net", [PolynomialMLP([2, 2, 2]), PolynomialMLP([2, 2, 3]),
                                 LinearNetwork([4, 2, 3]), PolynomialCNN((2, 2)),
                                 LightningSelfAttention(2, 2, 1, 2)])
def test_agrees_with_modular_slices(net):
    M = net.neuromanifold()
    numerical = M.degree(method="numerical", seeds=(3,))
    assert M.provenance("degree").method == "numerical"
    modular = M.degree(method="modular")
    assert numerical == modular


@pytest.mark.slow
def test_seeds_agree_mlp_323():
    # 81 image points; the modular slice route needs minutes here
    assert {monodromy_degree(PolynomialMLP([3, 2, 3]), seed=s).degree for s in (0, 1)} == {81}


@pytest.mark.slow
def test_deep_mlp_2222_agrees_with_modular():
    # NumericalImplicitization reports 1 here (wrong: the span is the whole space)
    net = PolynomialMLP([2, 2, 2, 2])
    M = net.neuromanifold()
    assert M.linear_span_dimension() == M.ambient_dimension() > M.dimension()
    assert monodromy_degree(net, seed=0).degree == M.degree(method="modular") == 15


def test_mlp_333_degree_30():
    # the value measured with NumericalImplicitization (degree 30,
    # 1440 = 30 * 48 parameter solutions on a rescaling-fixed slice)
    W = monodromy_degree(PolynomialMLP([3, 3, 3]), seed=0)
    assert (W.degree, W.dimension) == (30, 15)


def test_provenance_and_cache():
    M = PolynomialMLP([2, 2, 3]).neuromanifold()
    assert M.degree(method="numerical", seeds=(5,)) == 3
    P = M.provenance("degree")
    assert P.method == "numerical" and P.seeds == (5,) and P.seconds >= 0
    assert "trace residual" in P.note


def test_bad_input():
    with pytest.raises(ValueError, match="generators"):
        monodromy_degree(LinearNetwork([2, 1, 2]), generators=0)
    with pytest.raises(ValueError, match="method"):
        LinearNetwork([2, 1, 2]).neuromanifold().degree(method="fast")


# -- the evaluation and the pre-test behind the faster route ----------------------

def _sliced(net, seed=0):
    import numpy as np
    from sage_neuro.invariants.dimension import jacobian_rank
    from sage_neuro.invariants.monodromy import _SlicedMap
    from sage_neuro.invariants.slice import CoordinateSlice
    rng = np.random.default_rng(seed)
    d, _, pivots = jacobian_rank(net, seed=seed)
    free = [int(j) for j in pivots]
    N = int(net.num_parameters())
    fixed = rng.standard_normal(N - int(d)) + 1j * rng.standard_normal(N - int(d))
    return _SlicedMap(CoordinateSlice(net, free, fixed)), free, fixed, rng


@pytest.mark.parametrize("net", [PolynomialMLP([2, 2, 3]), PolynomialCNN((2, 2, 2)),
                                 PolynomialMLP([2, 2, 1, 1], activation=4)])
def test_sliced_system_against_sage_polynomials(net):
    # the sparse (MLP) and the dense (CNN) Jacobian branch, and monomials
    # from a table of powers (245 terms of degree up to 16 in 4 variables),
    # against the coordinate functions and their derivatives evaluated by
    # Sage
    import numpy as np
    from sage.rings.complex_double import CDF
    S, free, fixed, rng = _sliced(net)
    d = len(free)
    B = rng.standard_normal((d, S.n)) + 1j * rng.standard_normal((d, S.n))
    x = rng.standard_normal(d) + 1j * rng.standard_normal(d)
    theta = [None] * int(net.num_parameters())
    fixed_cols = [j for j in range(len(theta)) if j not in free]
    for j, c in zip(free + fixed_cols, list(x) + list(fixed)):
        theta[j] = CDF(c)
    fs = net.coordinate_functions()
    gens = fs[0].parent().gens()
    mu = np.array([complex(f(*theta)) for f in fs])
    Dmu = np.array([[complex(f.derivative(gens[j])(*theta)) for j in free] for f in fs])
    F, J = S.system(B, x[None, :])
    assert np.allclose(S.image(x[None, :])[0], mu)
    assert np.allclose(F[0], B @ mu) and np.allclose(J[0], B @ Dmu)


def test_taylor_coefficients_of_the_sliced_map():
    # first and second Taylor coefficients along a line, against a
    # polynomial fit through many points of the line
    import numpy as np
    S, free, fixed, rng = _sliced(PolynomialMLP([2, 3, 2]))
    d = len(free)
    x, u = rng.standard_normal((2, 1, d)) + 1j * rng.standard_normal((2, 1, d))
    c1, c2 = S.taylor(x, u)
    ts = np.linspace(-1, 1, 2 * S.degree + 3)
    vals = S.image(x[0] + ts[:, None] * u[0])
    fit = np.polynomial.polynomial.polyfit(ts, vals, S.degree)
    assert np.allclose(c1[0], fit[1]) and np.allclose(c2[0], fit[2])


def test_curvature_pretest_complete_and_incomplete(monkeypatch):
    # the pre-test vanishes on the witness set and not on any proper subset
    # that lacks one point (12 points; margins measured: 5e-16 against 2e-2)
    import numpy as np
    import sage_neuro.invariants.monodromy as mo
    seen = {}
    trace = mo._trace_residual

    def spy(S, B, X, b0, v, *track):
        seen.update(S=S, B=B, X=X, v=v)
        return trace(S, B, X, b0, v, *track)
    monkeypatch.setattr(mo, "_trace_residual", spy)
    W = monodromy_degree(PolynomialCNN((3, 2)), seed=2)
    assert W.degree == 12 and W.trace_residual < TRACE_TOLERANCE
    S, B, X, v = seen["S"], seen["B"], seen["X"], seen["v"]
    assert mo._curvature_residual(S, B, X, v) < 1e-12
    assert min(mo._curvature_residual(S, B, np.delete(X, i, axis=0), v)
               for i in range(len(X))) > 100 * TRACE_TOLERANCE


def _killed_after(function, calls):
    # `function`, interrupted (as by Ctrl-C or a kill) at call number calls + 1
    count = []

    def killed(*args, **kwargs):
        count.append(1)
        if len(count) > calls:
            raise KeyboardInterrupt
        return function(*args, **kwargs)
    return killed


def test_checkpoint_continues_a_killed_run(monkeypatch, tmp_path):
    # rounds in chunks of 2 loops with a checkpoint after each; a run killed
    # after 5 tracked segments continues from the file to the same witness
    # set as an uninterrupted run (same loops, same order, same points)
    import sage_neuro.constants as constants
    import sage_neuro.invariants.monodromy as monodromy
    from sage_neuro.invariants.monodromy import load_orbit
    monkeypatch.setattr(constants, "MONODROMY_CHUNK_LOOPS", 2)
    net = LinearNetwork([4, 2, 3])
    whole = monodromy_degree(net, seed=1, processes=1)
    track = monodromy._track
    monkeypatch.setattr(monodromy, "_track", _killed_after(track, 5))
    path = str(tmp_path / "orbit.pkl")
    with pytest.raises(KeyboardInterrupt):
        monodromy_degree(net, seed=1, processes=1, checkpoint=path)
    state = load_orbit(path)
    assert 1 <= len(state["X"]) < whole.degree and state["pending"]
    monkeypatch.setattr(monodromy, "_track", track)
    resumed = monodromy_degree(net, seed=1, processes=1, checkpoint=path)
    assert resumed.degree == whole.degree == determinantal_degree(3, 4, 2)
    assert abs(resumed.points - whole.points).max() < 1e-8
    # no: the file of seed 1 does not continue a run of seed 2
    with pytest.raises(ValueError, match="at seed 1, not of"):
        monodromy_degree(net, seed=2, processes=1, checkpoint=path)
    # no: nor a file whose orbit left from another start point (as one
    # kept before the start point was chosen by its conditioning)
    import pickle
    state["X"] = state["X"] * 1.5
    with open(path, "wb") as f:
        pickle.dump(state, f)
    with pytest.raises(ValueError, match="another start point"):
        monodromy_degree(net, seed=1, processes=1, checkpoint=path)


def test_batches_in_pieces_track_the_same_paths(monkeypatch):
    import sage_neuro.constants as constants
    net = PolynomialMLP([2, 2, 3])
    one = monodromy_degree(net, seed=1, processes=1)
    monkeypatch.setattr(constants, "MONODROMY_BATCH_PATHS", 1)
    pieces = monodromy_degree(net, seed=1, processes=1)
    assert pieces.degree == one.degree == 3 and abs(pieces.points - one.points).max() < 1e-8


def test_saturating_orbit_is_tested_before_its_round_ends(monkeypatch, capsys):
    # in chunks of 4 loops, the set of 30 points of MLP [3,3,3] passes the
    # trace test while loops of its last round are still pending
    import re
    import sage_neuro.constants as constants
    monkeypatch.setattr(constants, "MONODROMY_CHUNK_LOOPS", 4)
    W = monodromy_degree(PolynomialMLP([3, 3, 3], activation=2), seed=1, processes=1, verbose=True)
    assert W.degree == 30 and W.trace_residual < TRACE_TOLERANCE
    tests = re.findall(r"curvature pre-test on (\d+) points \((\d+) loops pending\)", capsys.readouterr().out)
    assert tests and int(tests[-1][0]) == 30 and int(tests[-1][1]) > 0


def test_moved_witness_set_continues_from_its_checkpoint(monkeypatch, tmp_path):
    # the 6 paths to the new section in chunks of 3: a run killed in the
    # second chunk keeps the first, and the rerun ends as an uninterrupted one
    import sage_neuro.constants as constants
    import sage_neuro.invariants.monodromy as monodromy
    from sage_neuro.invariants.monodromy import load_orbit
    net = LinearNetwork([4, 2, 3])   # kept alive: a witness set refers to its network weakly
    W = monodromy_degree(net, seed=1, processes=1)
    whole = move_witness_set(W, seed=2, processes=1)
    monkeypatch.setattr(constants, "MONODROMY_CHUNK_LOOPS", 1)
    cont = monodromy._continue
    monkeypatch.setattr(monodromy, "_continue", _killed_after(cont, 1))
    path = str(tmp_path / "moved")
    with pytest.raises(KeyboardInterrupt):
        move_witness_set(W, seed=2, processes=1, checkpoint=path)
    assert load_orbit(path + ".move")["done"] == 3
    monkeypatch.setattr(monodromy, "_continue", cont)
    V = move_witness_set(W, seed=2, processes=1, checkpoint=path)
    assert V.degree == whole.degree == 6 and abs(V.points - whole.points).max() < 1e-8


def test_deep_network_starts_from_a_well_conditioned_point():
    # MLP [2,2,2,2,2,1] x^2: the first random point of seed 1 has a sliced
    # Jacobian of condition number about 5e10, and the tracker loses the
    # path of a loop's first leg from it; from the start point that
    # monodromy_degree takes (condition number below 1e8) the same leg
    # arrives
    import numpy as np
    from sage_neuro.constants import MONODROMY_START_CONDITION
    from sage_neuro.invariants.monodromy import (_LOOP_SIZE, _SlicedMap, _track, pivot_slice,
                                                 well_conditioned_start)
    rng = np.random.default_rng(1)
    sliced, crandn = pivot_slice(PolynomialMLP([2, 2, 2, 2, 2, 1], activation=2), 1, rng)
    S = _SlicedMap(sliced)
    B = crandn(S.d, S.n)
    state = rng.bit_generator.state
    first = crandn(1, S.d)
    rng.bit_generator.state = state
    start = well_conditioned_start(lambda Z: S.system(B, Z)[1][0], S.d, crandn)
    assert np.linalg.cond(S.system(B, first)[1][0]) > 1e10
    assert np.linalg.cond(S.system(B, start)[1][0]) <= MONODROMY_START_CONDITION
    leg = crandn(S.d)
    for X, arrives in ((first, False), (start, True)):
        b0 = (S.image(X) @ B.T)[0]
        _, ok = _track(S, B, X, b0, b0 + _LOOP_SIZE * np.linalg.norm(b0) * leg)
        assert bool(ok[0]) is arrives


# -- the sliced map evaluated by the network itself --------------------------------

@pytest.mark.parametrize("net", [PolynomialMLP([2, 2, 3]), PolynomialCNN((2, 2, 2)),
                                 LightningSelfAttention(2, 1, 2, 2), LinearNetwork([3, 2, 3]),
                                 PolynomialMLP([2, 2, 1], activation="generic", activation_degree=3)])
def test_evaluated_map_against_the_term_table(net):
    # values, Jacobians on a section and Taylor coefficients of the
    # network's forward pass at sample inputs against the term table of mu;
    # its degree is a bound (a sum of terms of the generic activation may
    # cancel the top degree)
    import numpy as np
    from sage_neuro.invariants.monodromy import _EvaluatedMap, _SlicedMap, pivot_slice
    sliced, crandn = pivot_slice(net, 2)
    S, E = _SlicedMap(sliced), _EvaluatedMap(sliced)
    assert E.degree >= S.degree and (E.n, E.d) == (S.n, S.d)
    B, X, U = crandn(S.d, S.n), crandn(5, S.d), crandn(5, S.d)
    (F, J), (G, K) = S.system(B, X), E.system(B, X)
    assert np.allclose(S.image(X), E.image(X), rtol=1e-10, atol=1e-10 * abs(S.image(X)).max())
    assert np.allclose(F, G) and np.allclose(J, K)
    for a, b in zip(S.taylor(X, U), E.taylor(X, U)):
        assert np.allclose(a, b)


def test_monodromy_on_the_evaluated_map(monkeypatch):
    # CNN [2, 2, 2] forced onto the network's evaluation: the degree of the
    # closed formula
    import sage_neuro.constants as constants
    import sage_neuro.invariants.monodromy as monodromy
    monkeypatch.setattr(constants, "MONODROMY_EVALUATION_TERMS", 1)
    monkeypatch.setattr(monodromy, "_TERM_TABLE_BYTES", 0)
    W = monodromy_degree(PolynomialCNN((2, 2, 2)), seed=1, processes=1)
    assert W.section[0].representation == "network"
    assert W.degree == cnn_degree((2, 2, 2), 2) == 48


def test_sliced_map_without_a_forward_pass(monkeypatch):
    # no: an architecture that does not evaluate itself keeps the term table
    import sage_neuro.constants as constants
    from sage_neuro.invariants.monodromy import pivot_slice, sliced_map

    class NoForward(PolynomialMLP):
        def _outputs_at(self, theta, x):
            raise NotImplementedError

    monkeypatch.setattr(constants, "MONODROMY_EVALUATION_TERMS", 1)
    sliced, _ = pivot_slice(NoForward([2, 2, 3]), 1)
    assert sliced_map(sliced).representation == "terms"


def test_endpoint_counts_by_its_residual_where_newton_stalls():
    # at the first random point of seed 1 of MLP [2,2,2,2,2,1] x^2 the
    # sliced Jacobian has condition number 5e10: Newton's corrections of a
    # short move of the section stay above the tracker's final tolerance in
    # the parameters, while the residual of the endpoint is far below 1e-8
    # of the section; the tracker of the sections counts the endpoint by
    # its residual, a tracker of a general homotopy does not
    import numpy as np
    from sage_neuro.invariants.monodromy import _continue, _track, pivot_slice, sliced_map
    rng = np.random.default_rng(1)
    sliced, crandn = pivot_slice(PolynomialMLP([2, 2, 2, 2, 2, 1], activation=2), 1, rng)
    S = sliced_map(sliced)
    B = crandn(S.d, S.n)
    X = crandn(1, S.d)
    assert np.linalg.cond(S.system(B, X)[1][0]) > 1e10
    b0 = (S.image(X) @ B.T)[0]
    b1 = b0 + 1e-10 * np.linalg.norm(b0) * crandn(S.d)

    def hom(Y, b, db):
        F, J = S.system(B, Y)
        return F - b, J, db
    assert not _continue(hom, X, b0, b1)[1][0]
    Y, ok = _track(S, B, X, b0, b1)
    assert ok[0] and np.linalg.norm(S.image(Y)[0] @ B.T - b1) < 1e-8 * np.linalg.norm(b1)
