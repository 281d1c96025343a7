"""
Surveys at scale: resumption from the invariants and sub-results (one seed
of a degree) finished before a survey was killed, the same table from one
process, a local Dask cluster of two workers and a survey killed by SIGKILL
and resumed; the frontier table.
"""

import os
import signal
import sqlite3
import subprocess
import sys
import time

import pytest

from sage_neuro.survey.frontier import frontier_rows, write_frontier
from sage_neuro.survey.grid import Case, frontier_cases
from sage_neuro.survey.runner import run_cases, run_survey
from sage_neuro.survey.store import SurveyStore
from survey_helpers import stored_table as _table, worker_env as _env

INVARIANTS = "dimension,degree,degree_confirmation"


def _dead_pid():
    p = subprocess.Popen([sys.executable, "-c", "pass"])
    p.wait()
    return p.pid


def test_killed_case_resumes_from_finished_invariants_and_seeds(tmp_path):
    case = Case("mlp", {"widths": (2, 1, 2), "activation": 2})
    one = str(tmp_path / "one.db")
    run_cases([case], one, invariants=INVARIANTS, processes=0, progress=False)
    first = {r["invariant"]: r for r in SurveyStore(one).rows()}
    assert first["degree"]["value"] == first["degree_confirmation"]["value"]
    # a survey killed in the middle of the case: the dimension was stored,
    # one seed of the confirming degree too, and its claim is left behind
    db = str(tmp_path / "killed.db")
    A = SurveyStore(db)
    A.plan([case], INVARIANTS.split(","))
    assert A.claim(case.key) == INVARIANTS.split(",")
    A.record_case(case.key, None, [dict(first["dimension"], seeds=[0], primes=first["dimension"]["primes"])],
                  release=False)
    seed3 = {"value": first["degree"]["value"], "method": "modular", "seeds": [3],
             "primes": first["degree_confirmation"]["primes"], "route": "kept from the killed survey"}
    A.record_partial(case.key, "degree_confirmation", "seed=3", seed3)
    stamp = A.rows()[0]["finished"]
    A.close()
    c = sqlite3.connect(db)
    c.execute("UPDATE claims SET pid = ?", (_dead_pid(),))
    c.commit()
    c.close()
    # another survey sees the stale claim, takes it over, computes the rest
    st = run_cases([case], db, invariants=INVARIANTS, processes=0, progress=False)
    assert st == {"done": 1, "failed": 0, "total": 1}
    rows = {r["invariant"]: r for r in SurveyStore(db).rows()}
    assert rows["dimension"]["finished"] == stamp          # not recomputed
    # the confirming degree used the kept seed 3 (its route) and computed seed 4
    assert rows["degree_confirmation"]["route"] == "kept from the killed survey"
    assert rows["degree_confirmation"]["seeds"] == [3, 4]
    assert _table(db) == _table(one)
    assert SurveyStore(db).claims() == []


def test_finished_invariants_are_stored_before_the_case_ends(tmp_path):
    db = str(tmp_path / "s.db")
    case = Case("linear", {"widths": (3, 1, 3)})
    saved = []
    S = SurveyStore(db)
    S.plan([case], ["dimension", "degree"])
    real = S.record_case

    def spy(key, arch, results, software=None, release=True):
        saved.append((release, [r["invariant"] for r in results]))
        return real(key, arch, results, software, release)
    S.record_case = spy
    from sage_neuro.survey.runner import run_pool
    run_pool([(case.key, ["dimension", "degree"], 60, {})], lambda *a: S.record_case(*a), processes=0,
             save_result=lambda k, r: S.record_case(k, None, [r], release=False))
    assert saved[:2] == [(False, ["dimension"]), (False, ["degree"])]
    assert saved[2] == (True, ["dimension", "degree"])


def test_frontier_grid_and_table(tmp_path):
    cases = frontier_cases()
    families = {c.family for c in cases}
    assert families == {"mlp", "cnn", "attention"}
    assert max(len(c.params["widths"]) - 2 for c in cases if c.family == "mlp") == 4
    assert max(max(c.params["filters"]) for c in cases if c.family == "cnn") == 5
    assert any(c.params.get("layers") == 2 for c in cases if c.family == "attention")
    assert any(c.params.get("generic") for c in cases if c.family == "mlp")
    db = str(tmp_path / "f.db")
    # the twisted cubic: published degree 3 (Eisenbud 1988), the rest computed twice
    run_cases([Case("mlp", {"widths": (2, 1, 1), "activation": 3})], db,
              invariants="expected_dimension,dimension,dimension_confirmation,defect,degree,degree_confirmation",
              processes=0, progress=False)
    rows = {r["quantity"]: r for r in frontier_rows(db)}
    assert rows["degree"]["value"] == 3 and rows["degree"]["literature"] == "agrees"
    assert rows["degree"]["confirmation"] == "confirmed"
    # the twisted cubic is a subspace variety: a closed formula (no seeds),
    # confirmed by a computed route on seed 3 (the multidegree)
    assert rows["degree"]["method"] == "proved" and not rows["degree"]["seeds"]
    assert rows["degree"]["confirmation_method"] == "modular"
    assert rows["degree"]["confirmation_seeds"][0] == 3
    assert rows["dimension"]["confirmation_seeds"] == [1]
    files = write_frontier(db, str(tmp_path / "out"))
    assert "schema version 1" in open(files[1]).read()
    with open(files[0]) as f:
        assert f.readline().startswith("schema_version,case,family")


def test_frontier_case_stopped_in_the_exact_count_keeps_its_confirmed_ed_degree(tmp_path):
    # the Veronese surface of ternary cubics: the ED degree and its second
    # seeds take a fraction of a second, the critical points over QQ
    # minutes; stopped there by the case's time limit, the case keeps its
    # ED degree confirmed mod p (the second seeds come first)
    from sage_neuro.survey.frontier import VALUE_INVARIANTS
    db = str(tmp_path / "f.db")
    case = Case("mlp", {"widths": (3, 1, 1), "activation": 3})
    run_cases([case], db, invariants=",".join(VALUE_INVARIANTS), time_limit=10, processes=1,
              progress=False)
    rows = {r["quantity"]: r for r in frontier_rows(db)}
    ed = rows["ed_degree"]
    assert ed["confirmation"] == "confirmed", ed
    assert ed["value"] == ed["confirmation_value"] and ed["confirmation_seeds"][0] == 3


def test_frontier_dense_neuromanifold_is_confirmed_by_counting(tmp_path):
    # MLP [2, 2, 1] with x^3 fills the binary cubics: degree and ED degree 1
    # are proved from the dimension; the confirmation does not repeat that
    # proof but counts mod p (a linear section; the critical equations)
    db = str(tmp_path / "f.db")
    case = Case("mlp", {"widths": (2, 2, 1), "activation": 3})
    run_cases([case], db, invariants="dimension,degree,degree_confirmation,ed_degree,"
              "ed_degree_confirmation", processes=0, progress=False)
    rows = {r["quantity"]: r for r in frontier_rows(db)}
    for q in ("degree", "ed_degree"):
        r = rows[q]
        assert (r["value"], r["method"], r["literature"]) == (1, "proved", "trivial"), r
        assert (r["confirmation"], r["confirmation_value"]) == ("confirmed", 1), r
        assert (r["confirmation_method"], r["confirmation_seeds"]) == ("modular", [3, 4]), r


# -- one process, a Dask cluster of two workers, a killed and resumed run ----

GRID = "input=2..3;hidden=1..2;output=1..2;activation=2"


@pytest.mark.slow
def test_one_process_dask_and_killed_survey_give_the_same_table(tmp_path, monkeypatch):
    distributed = pytest.importorskip("distributed")
    one = str(tmp_path / "one.db")
    run_survey("mlp", GRID, one, invariants=INVARIANTS, processes=0, time_limit=None, progress=False)
    total = SurveyStore(one).status()["total"]
    assert SurveyStore(one).status() == {"done": total, "failed": 0, "total": total}
    # Dask: a local cluster of two workers
    monkeypatch.setenv("PYTHONPATH", _env()["PYTHONPATH"])
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None) as cluster:
        dask = str(tmp_path / "dask.db")
        run_survey("mlp", GRID, dask, invariants=INVARIANTS, scheduler=cluster.scheduler_address,
                   time_limit=None, progress=False)
    assert _table(dask) == _table(one)
    # killed by SIGKILL after some results, then resumed
    db = str(tmp_path / "killed.db")
    cmd = [sys.executable, "-m", "sage_neuro.cli", "survey", "mlp", "--grid", GRID, "--db", db,
           "--invariants", INVARIANTS, "--processes", "2", "--no-progress"]
    proc = subprocess.Popen(cmd, env=_env(), cwd=str(tmp_path), stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL, start_new_session=True)
    before = None
    try:
        deadline = time.time() + 300
        while time.time() < deadline and proc.poll() is None:
            if os.path.exists(db):
                try:
                    c = sqlite3.connect(db, timeout=5)
                    before = c.execute("SELECT case_key, invariant, finished FROM results").fetchall()
                    c.close()
                except sqlite3.OperationalError:
                    before = []
                if len(before) >= 4:
                    proc.send_signal(signal.SIGKILL)
                    proc.wait()
                    break
            time.sleep(0.05)
    finally:
        try:
            os.killpg(proc.pid, signal.SIGKILL)   # its orphaned workers
        except ProcessLookupError:
            pass
    assert before and len(before) < 3 * total, "the survey finished before it could be killed"
    out = subprocess.run(cmd, env=_env(), cwd=str(tmp_path), capture_output=True, text=True, timeout=600)
    assert out.returncode == 0, out.stderr
    assert _table(db) == _table(one)
    c = sqlite3.connect(db)
    after = dict(((k, i), f) for k, i, f in c.execute("SELECT case_key, invariant, finished FROM results"))
    c.close()
    # what was stored before the kill was not computed again
    assert all(after[(k, i)] == f for k, i, f in before)


@pytest.mark.parametrize("key", [
    "mlp:activation=3;widths=2-1-1",      # twisted cubic (Eisenbud 1988; Veronese)
    "mlp:activation=4;widths=2-2-1",      # secant of the rational normal quartic: a cubic
    "mlp:activation=2;widths=3-2-1",      # symmetric 3x3 determinant (Harris-Tu)
    "mlp:activation=2;widths=3-1-1-1",    # the Veronese surface v_4(P^2): degree 16
    "mlp:activation=2;widths=2-2-1-1",    # squares of binary quadrics: Hilbert, lambda = (2, 2)
    "mlp:activation=3;widths=2-2-1-1",    # cubes of binary cubics: lambda = (3, 3, 3)
    "mlp:activation=2;widths=2-2-1-2",    # its Segre product with P^1: 3 * 4
    "cnn:activation=2;filters=2-2",       # arXiv 2410.00722
    "linear:widths=3-2-3",                # Eckart-Young
])
def test_published_values_agree_with_computed_ones(key):
    from sage_neuro.survey.literature import published_value
    case = Case.from_key(key)
    M = case.architecture().neuromanifold()
    for quantity, compute in (("dimension", M.dimension), ("degree", M.degree)):
        pub = published_value(case, quantity)
        assert pub is not None and pub[0] == compute(), (quantity, pub)
    assert published_value(Case.from_key("mlp:activation=2;generic=1;widths=3-2-1"), "degree") is None


@pytest.mark.parametrize("key", [
    "cnn:activation=2;filters=2-3",       # Segre-Veronese P^1 x P^2 in O(2, 1)
    "cnn:activation=3;filters=2-2",       # P^1 x P^1 in O(3, 1)
    "mlp:activation=2;widths=2-1-1-2",    # P^1 x P^1 in O(1, 4)
    "mlp:activation=3;widths=2-1-1",      # the twisted cubic: 3d - 2 = 7
])
def test_published_generic_ed_degrees_agree_with_computed_ones(key):
    # the Chern class formula of the Segre-Veronese models against the
    # degree of the certified ED correspondence
    from sage_neuro.survey.literature import published_value
    case = Case.from_key(key)
    pub = published_value(case, "generic_ed_degree")
    assert pub is not None
    assert pub[0] == case.architecture().neuromanifold().generic_ed_degree(method="numerical")


def test_the_generic_formula_is_not_the_ed_degree_of_the_standard_inner_product():
    # a "no": MLP [2, 1, 1, 2] x^2 (gamma (a x + b y)^4) has ED degree 14 for
    # the coefficients' inner product and 30 for a generic one; the
    # published generic value says nothing of the first
    from sage_neuro.survey.literature import published_value
    case = Case.from_key("mlp:activation=2;widths=2-1-1-2")
    M = case.architecture().neuromanifold()
    assert published_value(case, "generic_ed_degree")[0] == 30
    assert published_value(case, "ed_degree") is None
    assert M.ed_degree() == 14


def test_hilbert_formula_against_macaulay2_coincident_root_loci():
    # the degrees of coincident root loci by Hilbert's formula and by the
    # Macaulay2 package CoincidentRootLoci (Stagliano), a second source
    from sage_neuro.m2 import session
    from sage_neuro.survey.literature import coincident_root_locus_degree
    S = session()
    S.eval('needsPackage "CoincidentRootLoci"')
    for parts in ([2, 2], [4, 4], [3, 3, 3], [2, 1, 1], [3, 2, 2, 1], [5]):
        code = "degree coincidentRootLocus {%s}" % ", ".join(map(str, parts))
        assert int(S.eval(code)) == coincident_root_locus_degree(parts), parts


def test_coincident_root_loci_only_where_the_hidden_layer_fills():
    # [2, 1, 1, 1] x^3 is g^3 with g a cube l^3 (the rational normal curve
    # of degree 9), not every binary cubic: 2 h >= r + 1 fails for h = 1,
    # and the one-neuron formula answers instead; [2, 2, 1, 1] x^5: two
    # fifth powers do not give every binary quintic (Sylvester: 3 do)
    from sage_neuro.survey.literature import published_value
    pub = published_value(Case.from_key("mlp:activation=3;widths=2-1-1-1"), "degree")
    assert pub[0] == 9 and "Veronese" in pub[1]
    assert published_value(Case.from_key("mlp:activation=5;widths=2-2-1-1"), "degree") is None
    assert published_value(Case.from_key("mlp:activation=5;widths=2-3-1-1"), "degree")[0] == 5 ** 5
