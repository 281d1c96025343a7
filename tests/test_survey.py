"""
Surveys: grids, the crash-safe SQLite store, kill and resume, the Dask
cluster, reports, and the values against closed formulas.
"""

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from math import comb

import pytest

from sage_neuro.cli import main
from sage_neuro.survey.grid import Case, grid_cases, parse_grid
from sage_neuro.survey.runner import run_survey
from sage_neuro.survey.store import SurveyDatabaseError, SurveyStore

from survey_helpers import stored_table as _table, worker_env as _env


# -- grids -------------------------------------------------------------------

def test_default_grids_sizes_and_keys():
    sizes = {f: len(grid_cases(f)) for f in ("linear", "mlp", "cnn", "attention")}
    assert all(n >= 20 for n in sizes.values()), sizes
    cases = grid_cases("all")
    assert len(cases) == sum(sizes.values()) >= 100
    assert len({c.key for c in cases}) == len(cases)
    for c in cases:
        assert Case.from_key(c.key) == c


def test_grid_spec_order_does_not_change_keys():
    a = grid_cases("mlp", "activation=2,3;input=2..3;hidden=2;output=1")
    b = grid_cases("mlp", "output=1; hidden=2; input=2,3; activation=3,2")
    assert {c.key for c in a} == {c.key for c in b} and len(a) == 4


@pytest.mark.parametrize("family,spec,msg", [
    ("mlp", "width=2", "unknown name 'width'"),
    ("mlp", "hidden=3..1", "a <= b"),
    ("mlp", "hidden=0", ">= 1"),
    ("mlp", "bias=2", "0 or 1"),
    ("linear", "widths=4-x-3", "dash-separated"),
    ("cnn", "filter", "not of the form"),
    ("attention", "d=2;d=3", "given twice"),
    ("attention", " ; ", "empty"),
])
def test_bad_grids(family, spec, msg):
    with pytest.raises(ValueError, match=msg):
        parse_grid(family, spec)


def test_unknown_family():
    with pytest.raises(ValueError, match="unknown family 'resnet'"):
        grid_cases("resnet")
    assert main(["survey", "resnet", "--db", os.devnull]) == 2


# -- the store ---------------------------------------------------------------

def test_foreign_and_corrupt_databases(tmp_path):
    foreign = tmp_path / "foreign.db"
    c = sqlite3.connect(foreign)
    c.execute("CREATE TABLE songs (title TEXT)")
    c.commit()
    c.close()
    with pytest.raises(SurveyDatabaseError, match="another application"):
        SurveyStore(foreign)
    text = tmp_path / "notes.db"
    text.write_text("a text file")
    with pytest.raises(SurveyDatabaseError, match="not an SQLite file"):
        SurveyStore(text)
    # a real survey database with its pages overwritten by garbage
    good = tmp_path / "good.db"
    run_survey("linear", "widths=2-2", str(good), processes=0, progress=False)
    data = bytearray(good.read_bytes())
    data[100:] = b"\xff" * (len(data) - 100)
    bad = tmp_path / "bad.db"
    bad.write_bytes(bytes(data))
    with pytest.raises(SurveyDatabaseError, match="corrupt|another application"):
        SurveyStore(bad)
    # a newer schema
    c = sqlite3.connect(good)
    c.execute("UPDATE meta SET value = '99' WHERE key = 'schema_version'")
    c.commit()
    c.close()
    with pytest.raises(SurveyDatabaseError, match="schema version 99"):
        SurveyStore(good)
    for f in (foreign, text, bad, good):
        assert main(["survey", "status", "--db", str(f), "--json"]) == 2


def test_rows_exactly_once_on_rewrite(tmp_path):
    db = str(tmp_path / "s.db")
    s = SurveyStore(db)
    c = Case("linear", {"widths": (3, 1, 3)})
    s.plan([c], ["dimension"])
    s.record_case(c.key, None, [{"invariant": "dimension", "status": "failed", "error": "x"}])
    assert s.status() == {"done": 0, "total": 1, "failed": 1}
    s.record_case(c.key, "LinearNetwork([3, 1, 3])", [{"invariant": "dimension", "status": "ok", "value": 5,
                                                       "method": "modular"}])
    assert s.status() == {"done": 1, "total": 1, "failed": 0}
    assert len(s.rows()) == 1
    with pytest.raises(sqlite3.IntegrityError):
        s._conn.execute("INSERT INTO results (case_key, invariant, status, finished) "
                        "VALUES (?, 'dimension', 'ok', 'now')", (c.key,))


# -- values against closed formulas ------------------------------------------

def test_values_match_closed_formulas(tmp_path):
    db = str(tmp_path / "s.db")
    run_survey("linear", None, db, processes=0, progress=False)
    run_survey("cnn", None, db, processes=0, progress=False)
    run_survey("attention", "d=2..3;a=1..2;dout=1..2;t=3", db, processes=0, progress=False)
    rows = SurveyStore(db).rows()
    dims = {r["case_key"]: r["value"] for r in rows if r["invariant"] == "dimension"}
    assert all(r["status"] == "ok" for r in rows)
    for key, d in dims.items():
        p = Case.from_key(key).params
        if key.startswith("linear"):
            # m x n matrices of rank <= r
            w = p["widths"]
            m, n, r = w[-1], w[0], min(w)
            assert d == r * (m + n - r), key
        elif key.startswith("cnn"):
            k = p["filters"]
            assert d == sum(k) - len(k) + 1, key
        else:
            # Henry-Marchetti-Kohn: 2ad + d d' - a^2 - 1 for a <= d
            a, dd, do = p["a"], p["d"], p["dout"]
            assert d == 2 * a * dd + dd * do - a * a - 1, key


def test_linear_degrees_match_the_determinantal_formula(tmp_path):
    from fractions import Fraction
    from math import factorial as fac, prod
    db = str(tmp_path / "s.db")
    run_survey("linear", "input=2..4;hidden=1..2;output=2..3", db, invariants="degree",
               processes=0, progress=False)
    rows = SurveyStore(db).rows()
    assert len(rows) == 12 and all(r["status"] == "ok" for r in rows)
    for r in rows:
        w = r["params"]["widths"]
        m, n = sorted((w[0], w[-1]))
        k = min(w)
        # dense (k >= m): degree 1 proved from the dimension; else sections mod p
        assert r["method"] == ("proved" if k >= m else "modular"), r["case_key"]
        # m x n matrices of rank <= k, m <= n
        expected = prod(Fraction(fac(m + i) * fac(i), fac(k + i) * fac(m - k + i)) for i in range(n - k)) \
            if k < m else 1
        assert r["value"] == expected, r["case_key"]


def test_mlp_expected_dimension_and_known_defect(tmp_path):
    db = str(tmp_path / "s.db")
    run_survey("mlp", "input=2..3;hidden=1..3;output=1..2;activation=2", db, processes=0, progress=False)
    rows = {(r["case_key"], r["invariant"]): r["value"] for r in SurveyStore(db).rows()}
    for key in {k for k, _ in rows}:
        w = Case.from_key(key).params["widths"]
        amb = w[-1] * comb(w[0] + 1, 2)  # quadratic forms
        expected = min(amb, sum(w[i] * w[i + 1] for i in range(len(w) - 1)) - sum(w[1:-1]))
        assert rows[key, "expected_dimension"] == expected
        assert rows[key, "defect"] == expected - rows[key, "dimension"]
    # Alexander-Hirschowitz: symmetric 3x3 matrices of rank <= 2
    assert rows["mlp:activation=2;widths=3-2-1", "defect"] == 1
    assert rows["mlp:activation=2;widths=3-2-1", "dimension"] == 5


# -- time limits, unavailable checks -------------------------------------------

def _workers_with(mark):
    # worker processes and Macaulay2s carrying the mark (not the resource
    # tracker of multiprocessing, which lives as long as this process)
    found = []
    for d in os.listdir("/proc"):
        try:
            with open("/proc/%s/environ" % d, "rb") as f:
                env = f.read()
            with open("/proc/%s/cmdline" % d, "rb") as f:
                cmd = f.read()
        except OSError:
            continue
        if mark.encode() in env and (b"M2" in cmd or b"case_worker" in cmd):
            found.append(cmd.replace(b"\0", b" ")[:80])
    return found


def test_time_limit_and_failures(tmp_path, monkeypatch):
    db = str(tmp_path / "s.db")
    # the workers and their Macaulay2 inherit this mark; none may survive
    mark = "SAGE_NEURO_SURVEY_TEST=%d" % os.getpid()
    monkeypatch.setenv(*mark.split("="))
    t = time.perf_counter()
    st = run_survey("mlp", "widths=3-3-3;activation=3", db, invariants="dimension,degree,generic_fiber_is_orbit",
                    time_limit=3, processes=1, progress=False)
    assert time.perf_counter() - t < 40
    assert st == {"done": 0, "total": 1, "failed": 1}
    rows = {r["invariant"]: r for r in SurveyStore(db).rows()}
    assert rows["dimension"]["status"] == "ok"
    # the check is not retried without its limit: the time was used up
    assert rows["degree"]["status"] == rows["generic_fiber_is_orbit"]["status"] == "timeout"
    assert rows["generic_fiber_is_orbit"]["value"] is None and rows["generic_fiber_is_orbit"]["error"]
    if os.path.isdir("/proc"):
        time.sleep(0.5)
        assert _workers_with(mark) == []
    # a rerun skips the timed-out case unless asked
    t = time.perf_counter()
    run_survey("mlp", "widths=3-3-3;activation=3", db, invariants="dimension,degree,generic_fiber_is_orbit",
               time_limit=3, processes=1, progress=False)
    assert time.perf_counter() - t < 5


# -- kill and resume; Dask ---------------------------------------------------

@pytest.fixture(scope="module")
def killed_and_resumed(tmp_path_factory):
    d = tmp_path_factory.mktemp("kill")
    db = str(d / "survey.db")
    cmd = [sys.executable, "-m", "sage_neuro.cli", "survey", "all", "--db", db, "--processes", "2"]
    proc = subprocess.Popen(cmd, env=_env(), cwd=str(d), stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL, start_new_session=True)
    done_at_kill = None
    try:
        deadline = time.time() + 120
        while time.time() < deadline and proc.poll() is None:
            if os.path.exists(db):
                try:
                    c = sqlite3.connect(db, timeout=5)
                    n = c.execute("SELECT COUNT(DISTINCT case_key) FROM results").fetchone()[0]
                    c.close()
                except sqlite3.OperationalError:
                    n = 0
                if n >= 5:
                    proc.send_signal(signal.SIGKILL)
                    proc.wait()
                    done_at_kill = n
                    break
            time.sleep(0.05)
    finally:
        try:
            os.killpg(proc.pid, signal.SIGKILL)  # the orphaned workers, if any
        except ProcessLookupError:
            pass
    status = subprocess.run(cmd[:3] + ["survey", "status", "--db", db, "--json"], env=_env(),
                            capture_output=True, text=True, check=True).stdout
    half = json.loads(status)
    out = subprocess.run(cmd + ["--no-progress"], env=_env(), cwd=str(d), capture_output=True,
                         text=True, timeout=300)
    assert out.returncode == 0, out.stderr
    return db, done_at_kill, half


def test_kill_and_resume(killed_and_resumed):
    db, done_at_kill, half = killed_and_resumed
    total = len(grid_cases("all"))
    assert done_at_kill is not None, "the survey finished before it could be killed"
    assert half["total"] == total and 0 < half["done"] < total, half
    c = sqlite3.connect(db)
    assert c.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    n, distinct = c.execute("SELECT COUNT(*), COUNT(DISTINCT case_key || '|' || invariant) "
                            "FROM results").fetchone()
    assert n == distinct == 3 * total
    keys = {k for (k,) in c.execute("SELECT DISTINCT case_key FROM results")}
    assert keys == {k.key for k in grid_cases("all")}
    c.close()
    out = subprocess.run([sys.executable, "-m", "sage_neuro.cli", "survey", "status", "--db", db, "--json"],
                         env=_env(), capture_output=True, text=True, check=True).stdout
    st = json.loads(out)
    assert st == {"schema_version": 1, "done": total, "total": total, "failed": 0,
                  "certainty": st["certainty"]}
    # expected dimensions are closed counts or ranks reaching an upper bound
    # (proved); dimensions are Jacobian ranks mod p, and so are the defects
    assert st["certainty"] == {"proved": total, "modular": 2 * total}


def test_dask_cluster_gives_the_same_table(killed_and_resumed, tmp_path, monkeypatch):
    distributed = pytest.importorskip("distributed")
    db, _, _ = killed_and_resumed
    monkeypatch.setenv("PYTHONPATH", _env()["PYTHONPATH"])  # the workers import this checkout
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None) as cluster:
        db2 = str(tmp_path / "dask.db")
        st = run_survey("all", None, db2, scheduler=cluster.scheduler_address, progress=False)
    assert st["done"] == st["total"] == len(grid_cases("all"))
    assert _table(db2) == _table(db)


@pytest.mark.slow
def test_dask_local_scheduler_option(tmp_path, monkeypatch):
    pytest.importorskip("distributed")
    monkeypatch.setenv("PYTHONPATH", _env()["PYTHONPATH"])
    db = str(tmp_path / "s.db")
    assert main(["survey", "cnn", "--grid", "filters=2-2,3-2", "--db", db, "--scheduler", "local",
                 "--no-progress"]) == 0
    assert SurveyStore(db).status() == {"done": 2, "total": 2, "failed": 0}


# -- report --------------------------------------------------------------------

def test_report(killed_and_resumed, tmp_path):
    db, _, _ = killed_and_resumed
    out = str(tmp_path / "report")
    assert main(["survey", "report", "--db", db, "--out", out]) == 0
    md = open(os.path.join(out, "survey.md")).read()
    assert "| PolynomialMLP([3, 2, 1], activation=2) | 6 | 5 | 1 |" in md
    with open(os.path.join(out, "survey.csv")) as f:
        assert sum(1 for _ in f) == 1 + 3 * len(grid_cases("all"))
    pytest.importorskip("matplotlib")
    assert os.path.exists(os.path.join(out, "defect_map_mlp.png"))
    assert os.path.exists(os.path.join(out, "dimension_vs_expected.png"))


@pytest.mark.slow
def test_dask_time_limit(tmp_path, monkeypatch):
    pytest.importorskip("distributed")
    monkeypatch.setenv("PYTHONPATH", _env()["PYTHONPATH"])
    db = str(tmp_path / "s.db")
    st = run_survey("mlp", "widths=3-3-3;activation=3", db, invariants="dimension,degree", time_limit=3,
                    processes=1, scheduler="local", progress=False)
    assert st == {"done": 0, "total": 1, "failed": 1}
    rows = {r["invariant"]: r["status"] for r in SurveyStore(db).rows()}
    assert rows == {"dimension": "ok", "degree": "timeout"}


# -- verdicts of the checks, with their certainty ----------------------------

def _rows(db):
    s = SurveyStore(db, create=False)
    try:
        return {(r["case_key"], r["invariant"]): r for r in s.rows()}
    finally:
        s.close()


def test_orbit_check_stores_its_verdict(tmp_path):
    # MLP [3, 2, 1] with x^2: the generic fiber (dimension 8 - 5 = 3) is
    # larger than the rescaling orbit (dimension 2): NOT the orbit.
    # Linear [4, 2, 3]: the fiber (14 - 10 = 4) is the GL(2)-orbit.
    from sage_neuro import LinearNetwork, PolynomialMLP
    db = str(tmp_path / "s.db")
    run_survey("mlp", "widths=3-2-1;activation=2", db, invariants="dimension,generic_fiber_is_orbit",
               processes=0, progress=False)
    run_survey("linear", "widths=4-2-3", db, invariants="dimension,generic_fiber_is_orbit",
               processes=0, progress=False)
    rows = _rows(db)
    mlp, lin = "mlp:activation=2;widths=3-2-1", "linear:widths=4-2-3"
    for key, net, verdict in [(mlp, PolynomialMLP([3, 2, 1], activation=2), False),
                              (lin, LinearNetwork([4, 2, 3]), True)]:
        r = rows[key, "generic_fiber_is_orbit"]
        assert r["status"] == "ok" and r["value"] is verdict, r
        # exact over QQ at one random point: sampled, not proved
        assert r["method"] == "exact_random" and "seed 0" in r["choices"], r
        # closed formula: fiber dimension = parameters - dim M, against the group
        fiber = net.num_parameters() - rows[key, "dimension"]["value"]
        assert (fiber == net.symmetry_dimension()) is verdict
        assert ("fiber dimension %d > orbit dimension" % fiber in r["certificate"]) is not verdict
        # a second point agrees
        assert net.check_generic_fiber_is_orbit(seed=1).is_orbit is verdict


def test_a_failing_check_is_stored_as_failed_not_retried(tmp_path, monkeypatch):
    # the exact check is called once, with part of the time left of the
    # case (formerly a TypeError led to a second call without limit); its
    # error is noted and the modular verdict kept; an error of the modular
    # route is stored as failed
    from sage_neuro import PolynomialMLP
    import sage_neuro.invariants.fiber_count as fiber_count
    calls = []

    def broken(self, theta=None, seed=0, timeout=None):
        calls.append(timeout)
        raise TypeError("no verdict here")

    def survey(name):
        # the one stored row and the survey's status
        db = str(tmp_path / name)
        st = run_survey("mlp", "widths=2-2-1;activation=2", db, invariants="generic_fiber_is_orbit",
                        time_limit=50, processes=0, progress=False)
        return st, SurveyStore(db).rows()[0]

    monkeypatch.setattr(PolynomialMLP, "check_generic_fiber_is_orbit", broken)
    st, r = survey("s.db")
    assert st == {"done": 1, "total": 1, "failed": 0}
    assert (r["status"], r["value"], r["method"]) == ("ok", False, "modular")
    assert r["certificate"].endswith("the exact route did not finish (TypeError: no verdict here)")
    assert len(calls) == 1 and 0 < calls[0] <= 50

    def broken_count(net, seed=0, prime=None):
        raise TypeError("no count here")
    monkeypatch.setattr(fiber_count, "count_generic_fiber", broken_count)
    st, r = survey("t.db")
    assert st == {"done": 0, "total": 1, "failed": 1}
    assert (r["status"], r["value"], r["error"]) == ("failed", None, "TypeError: no count here")


@pytest.mark.parametrize("family,spec,key,relation", [
    # ternary quadrics of rank <= 2: Sing = rank <= 1 quadrics = the subnetwork [3, 1, 1]
    ("mlp", "widths=3-2-1;activation=2", "mlp:activation=2;widths=3-2-1", "equal"),
    # binary quadrics fill the space (smooth); the subnetwork (squares) is NOT singular
    ("mlp", "widths=2-2-1;activation=2", "mlp:activation=2;widths=2-2-1", "Sing inside subnetworks"),
    # CNN [2, 2] with x^2: Sing is a line inside one subnetwork image, the images are smooth
    ("cnn", "filters=2-2;activation=2", "cnn:activation=2;filters=2-2", "Sing inside subnetworks"),
    # c (a.x + b)^2 + d: Sing = the constant functions (quadratic part zero), a
    # line in no subnetwork image (the one hidden neuron cannot be removed):
    # Sing does NOT lie in the subnetworks
    ("mlp", "widths=2-1-1;activation=2;bias=1", "mlp:activation=2;bias=1;widths=2-1-1",
     "Sing contains subnetworks"),
])
def test_singularity_check_stores_the_relation(tmp_path, family, spec, key, relation):
    db = str(tmp_path / "s.db")
    run_survey(family, spec, db, invariants="singularities_are_subnetworks", processes=0, progress=False)
    r = _rows(db)[key, "singularities_are_subnetworks"]
    assert r["status"] == "ok" and r["value"] == relation, r
    # Jacobian criterion and containments over QQ on the proved implicit ideal
    assert r["method"] == "proved" and "Krull dimension" in r["certificate"], r
    assert r["failure_probability"] is None


@pytest.mark.slow
def test_singularity_verdict_incomparable():
    # CNN [2, 2] with t^2 + t: a 3-dimensional component of Sing lies in no
    # subnetwork image (modular route)
    from sage_neuro import PolynomialCNN, PolynomialMLP
    from sage_neuro.invariants.subnetwork_check import check_singularities_are_subnetworks
    from sage_neuro.survey.invariants import singularity_verdict
    t = PolynomialMLP([1, 1]).activation().parent().gen()
    net = PolynomialCNN([2, 2], activation=t ** 2 + t)
    r = singularity_verdict(check_singularities_are_subnetworks(net, method="modular"))
    assert (r["value"], r["method"], r["primes"]) == ("incomparable", "modular", [32003])


def test_expected_dimension_certainty(tmp_path):
    db = str(tmp_path / "s.db")
    run_survey("linear", "widths=4-2-3,2-3-2,2-3-3-2", db, processes=0, progress=False)
    run_survey("mlp", "widths=3-2-1;activation=2", db, processes=0, progress=False)
    rows = _rows(db)
    # GL(2) acts with full rank 4 on [4, 2, 3]: proved
    r = rows["linear:widths=4-2-3", "expected_dimension"]
    assert (r["value"], r["method"], r["failure_probability"]) == (10, "proved", None)
    # GL(3) on [2, 3, 2]: stabilizers Hom(C^3 / im W_1, ker W_2) of dimension
    # at least 1 everywhere, so the orbit dimension 8 at a point is proved
    r = rows["linear:widths=2-3-2", "expected_dimension"]
    assert (r["value"], r["method"]) == (12 - 8, "proved") and "stabilizer" in r["certificate"]
    # two hidden layers with stabilizers: a rank at one random point
    # (Schwartz-Zippel: at most 18/201)
    r = rows["linear:widths=2-3-3-2", "expected_dimension"]
    assert (r["value"], r["method"]) == (6 + 9 + 6 - 17, "exact_random")
    assert r["failure_probability"] == pytest.approx(18 / 201) and "seed 0" in r["choices"]
    d = rows["linear:widths=2-3-3-2", "defect"]
    assert d["method"] == "modular" and "seed 0" in d["choices"]
    assert rows["mlp:activation=2;widths=3-2-1", "expected_dimension"]["method"] == "proved"
    # every stored level is one of the vocabulary
    from sage_neuro.provenance import METHODS
    assert {r["method"] for r in rows.values()} <= set(METHODS)


# -- store hygiene: schema migration, foreign keys, concurrent surveys --------

_V1_SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE cases (key TEXT PRIMARY KEY, family TEXT NOT NULL, params TEXT NOT NULL, architecture TEXT);
CREATE TABLE planned (case_key TEXT NOT NULL REFERENCES cases(key), invariant TEXT NOT NULL,
    UNIQUE (case_key, invariant));
CREATE TABLE results (case_key TEXT NOT NULL REFERENCES cases(key), invariant TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('ok', 'failed', 'timeout', 'unavailable')),
    value TEXT, method TEXT, primes TEXT, seeds TEXT, route TEXT, seconds REAL, software TEXT,
    error TEXT, finished TEXT NOT NULL, UNIQUE (case_key, invariant));
"""


def test_schema_1_is_migrated_and_untrusted_rows_recomputed(tmp_path):
    db = str(tmp_path / "old.db")
    key = "mlp:activation=2;widths=3-2-1"
    c = sqlite3.connect(db)
    c.executescript(_V1_SCHEMA)
    c.executemany("INSERT INTO meta VALUES (?, ?)", [("application", "sage-neuro survey"),
                                                     ("schema_version", "1")])
    c.execute("INSERT INTO cases VALUES (?, 'mlp', ?, NULL)",
              (key, json.dumps({"activation": 2, "widths": [3, 2, 1]})))
    invs = ["dimension", "expected_dimension", "generic_fiber_is_orbit"]
    c.executemany("INSERT INTO planned VALUES (?, ?)", [(key, i) for i in invs])
    c.executemany("INSERT INTO results VALUES (?, ?, 'ok', ?, ?, '[]', '[]', '', 0, '{}', NULL, 'x')",
                  [(key, "dimension", "5", "modular"), (key, "expected_dimension", "6", "exact"),
                   (key, "generic_fiber_is_orbit", "true", "exact")])
    c.commit()
    c.close()
    s = SurveyStore(db)
    assert s._conn.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()[0] == "2"
    assert [r["invariant"] for r in s.rows()] == ["dimension"]
    assert s.pending() == {key: ["expected_dimension", "generic_fiber_is_orbit"]}
    s.close()
    run_survey("mlp", "widths=3-2-1;activation=2", db, invariants=",".join(invs), processes=0, progress=False)
    rows = _rows(db)
    assert rows[key, "generic_fiber_is_orbit"]["value"] is False
    assert rows[key, "expected_dimension"]["method"] == "proved"


def test_foreign_keys_are_enforced(tmp_path):
    s = SurveyStore(str(tmp_path / "s.db"))
    assert s._conn.execute("PRAGMA foreign_keys").fetchone() == (1,)
    with pytest.raises(sqlite3.IntegrityError, match="FOREIGN KEY"):
        s._conn.execute("INSERT INTO results (case_key, invariant, status, finished) "
                        "VALUES ('linear:widths=9-9', 'dimension', 'ok', 'now')")
    with pytest.raises(sqlite3.IntegrityError, match="FOREIGN KEY"):
        s._conn.execute("INSERT INTO planned VALUES ('linear:widths=9-9', 'dimension')")
    with pytest.raises(sqlite3.IntegrityError, match="CHECK"):
        s._conn.execute("INSERT INTO cases VALUES ('linear:widths=2-2', 'linear', '{}', NULL)")
        s._conn.execute("INSERT INTO results (case_key, invariant, status, method, finished) "
                        "VALUES ('linear:widths=2-2', 'dimension', 'ok', 'exact', 'now')")


def test_claims_of_dead_surveys_are_taken_over(tmp_path):
    db = str(tmp_path / "s.db")
    a, b = SurveyStore(db), SurveyStore(db)
    c = Case("linear", {"widths": (2, 2)})
    a.plan([c], ["dimension"])
    assert a.claim(c.key) == ["dimension"] and b.claim(c.key) == []   # a lives
    # a claim of a process that has exited is stale at once
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    a._conn.execute("UPDATE claims SET pid = ?, process_start = NULL", (dead.pid,))
    assert b.claim(c.key) == ["dimension"]
    assert [d["owner"] == b.owner for d in a.claims()] == [True]
    # and one not refreshed for SURVEY_STALE_CLAIM seconds (another machine)
    from sage_neuro.constants import SURVEY_STALE_CLAIM
    b._conn.execute("UPDATE claims SET host = 'elsewhere', heartbeat = heartbeat - ?",
                    (SURVEY_STALE_CLAIM + 1,))
    assert a.claim(c.key) == ["dimension"]


_CONCURRENT = r"""
import os, sys, time
from sage_neuro.survey.invariants import register_invariant
from sage_neuro.survey.runner import run_survey

def witness(net, M, timeout):
    # one line per computation, appended atomically
    with open(sys.argv[2], "a") as f:
        f.write("%s %d\n" % (repr(net), os.getpid()))
    time.sleep(0.3)
    return {"value": int(net.num_parameters()), "method": "proved"}

register_invariant("witness", witness)
# start together: wait until both surveys have imported Sage
open("%s.ready.%d" % (sys.argv[2], os.getpid()), "w").close()
deadline = time.time() + 120
while len([f for f in os.listdir(os.path.dirname(sys.argv[2])) if ".ready." in f]) < 2:
    assert time.time() < deadline, "the other survey did not start"
    time.sleep(0.05)
print(run_survey("linear", "input=2..4;hidden=1..2;output=2..3", sys.argv[1],
                 invariants="witness", processes=0, progress=False))
"""


def test_two_surveys_on_one_database_compute_each_case_once(tmp_path):
    db, log = str(tmp_path / "s.db"), str(tmp_path / "log.txt")
    script = tmp_path / "survey.py"
    script.write_text(_CONCURRENT)
    procs = [subprocess.Popen([sys.executable, str(script), db, log], env=_env(),
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
             for _ in range(2)]
    outs = [p.communicate(timeout=300) for p in procs]
    assert all(p.returncode == 0 for p in procs), [e[-2000:] for _, e in outs]
    lines = open(log).read().split("\n")[:-1]
    archs = [l.rsplit(" ", 1)[0] for l in lines]
    cases = grid_cases("linear", "input=2..4;hidden=1..2;output=2..3")
    assert sorted(archs) == sorted(repr(c.architecture()) for c in cases)   # each exactly once
    assert len({l.rsplit(" ", 1)[1] for l in lines}) == 2   # both surveys worked
    s = SurveyStore(db)
    assert s.status() == {"done": 12, "total": 12, "failed": 0}
    assert s.claims() == []
    assert s._conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
