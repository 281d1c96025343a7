"""The benchmark machinery: tables generated from results, rows, plain Macaulay2 routes."""
import os
import random
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parent.parent / "bench"
sys.path.insert(0, str(BENCH))

import readme_tables  # noqa: E402
import run  # noqa: E402


def test_readme_tables_are_generated_from_the_committed_results():
    # the README region must be exactly what the result files give
    readme_tables.main(check=True)


def test_row_ratios_and_disagreement():
    comp = {"naive_QQ": (6, 0.5, 0.4), "naive_p": ("timeout", 30.0, 7.0), "NI": (1, 2.0, 1.0)}
    mine = {"default": (6, 0.01, 0.008), "monodromy": (6, 0.3, 0.3)}
    row = run.make_row("degree", "x", comp, mine, {"default": (6, 0.02, 0.02)}, 1.0)
    assert row["ratio"] == "50"            # the fastest finished competitor, 0.5 / 0.01
    assert row["ratio_cpu"] == "50"        # 0.4 / 0.008
    assert row["ratio_1core"] == "25"
    assert row["agree"] == "NO: [1, 6]"    # NumericalImplicitization's 1 is flagged
    comp = {k: ("timeout", 30.0, 5.0) for k in comp}
    row = run.make_row("degree", "x", comp, {"default": (6, 0.01, 0.01)}, None, 1.0)
    assert row["ratio"] == "> 3e+03" and row["ratio_cpu"] == "> 500"
    assert row["agree"] == "yes"


def test_frontier_row_best_competitor_and_routes_not_run():
    comp = {"NI": (30, 40.0, 20.0), "naive_p": ("timeout", 600.0, 300.0)}
    mine = {"default": (30, 0.5, 0.4), "monodromy": (30, 2.0, 1.0)}
    row = run.frontier_row("degree", "x", comp, mine, "modular: r", 1.0, 600)
    assert row["best_competitor"] == "NI" and row["ratio"] == "80" and row["ratio_cpu"] == "50"
    assert row["lagrange_ed_p"] == row["lagrange_ed_p_s"] == "-"   # an ED competitor
    assert row["agree"] == "yes" and row["route"] == "modular: r"
    # no competitor within the limit: a lower bound, and the table says so
    comp = {"lagrange_ed_p": ("timeout", 600.0, 290.0)}
    row = run.frontier_row("ed", "x", comp, mine, "numerical: r", 1.0, 600)
    assert row["best_competitor"] == "none within 600 s" and row["ratio"] == "> 1.2e+03"
    assert row["quantity"] == "ED degree" and row["NI"] == "-"
    # the same network under both quantities has distinct rows
    assert {q for q, name, make in run.LADDERS["frontier"]()} == {"degree", "ed"}


@pytest.mark.slow
def test_plain_macaulay2_routes_on_3x3_matrices_of_rank_2():
    # the determinant: degree 3; ED degree 3 (Eckart-Young: one critical
    # point per singular value dropped), by every route and both fields
    from m2_competitors import ROUTES, run_routes
    from sage_neuro import LinearNetwork
    rng = random.Random(1)
    res = run_routes(LinearNetwork([3, 2, 3]), list(ROUTES), [rng.randint(-50, 50) for _ in range(9)],
                     limit=120, repeats=1)
    assert {k: v[0] for k, v in res.items()} == {k: 3 for k in ROUTES}
    assert all(v[1] > 0 and v[2] >= 0 for v in res.values())


def test_ed_correspondence_record_confirmed_by_a_second_route(tmp_path, monkeypatch):
    # the ED degree of the 3 x 3 matrices of rank 1 (Eckart-Young: 3) by the
    # correspondence, confirmed by the modular count of long_ed_degrees.py;
    # the degree of the correspondence (39, the generic ED degree) needs a
    # second seed, and is recorded once it has one
    import ed_correspondence
    import long_ed_degrees
    from sage_neuro.survey.frontier import LONG_RUNS, read_rows
    key = "linear:widths=3-1-3"
    runs, long, out = (str(tmp_path / name) for name in ("runs", "long", "out"))

    def call(script, *args):
        monkeypatch.setattr(sys, "argv", [script.__name__] + list(args))
        script.main()
    call(ed_correspondence, runs, key, "--seed", "1")
    call(long_ed_degrees, long, key, "--seeds", "1")
    call(ed_correspondence, runs, key, "--record", out, "--modular", long)
    rows = read_rows(str(tmp_path / "out" / LONG_RUNS))
    assert [(r["quantity"], r["value"], r["method"], r["confirmation_method"]) for r in rows] == [
        ("ed_degree", 3, "numerical", "modular")]
    call(ed_correspondence, runs, key, "--seed", "2")
    call(ed_correspondence, runs, key, "--record", out)
    rows = read_rows(str(tmp_path / "out" / LONG_RUNS))
    assert [(r["quantity"], r["value"], r["confirmation_method"]) for r in rows] == [
        ("ed_degree", 3, "numerical"), ("generic_ed_degree", 39, "numerical")]


def test_cnn_aluffi_table_and_record(tmp_path, monkeypatch):
    # two primes and seeds per case; the table compares with the frontier
    # table's ED degree from another route, and only a case the frontier
    # table does not have is recorded (here none: [3, 2] is there, 71)
    import cnn_aluffi
    from sage_neuro.survey.frontier import LONG_RUNS
    runs, out = str(tmp_path / "runs"), str(tmp_path / "out")
    table = str(tmp_path / "table.md")
    for args in ([runs, "cnn:activation=2;filters=3-2"], [runs, "--table", table, "--record", out]):
        monkeypatch.setattr(sys, "argv", ["cnn_aluffi"] + args)
        cnn_aluffi.main()
    # each run kept its projective degrees (P^2 x P^1: five of them)
    import json
    for run in ("32003-1", "65521-2"):
        kept = json.load(open(os.path.join(runs, "segre", "cnn_activation=2_filters=3-2.%s.json"
                                           % run)))
        assert len(kept["counts"]) == 5
    text = Path(table).read_text()
    assert "| [3, 2] | t^2 | 79 | `8*H1^2*H2` | 71 | 71 |" in text
    assert "71 (modular) | yes |" in text and "Of the 1 cases" in text
    assert not (tmp_path / "out" / LONG_RUNS).exists()


def test_attention_ramification_row():
    # on R = {V = c (x) k} of attention d = 2, d_out = 2 the count is 24,
    # not 0, so the agreement of the count on Y with the ED degree 52
    # forces the Euler obstruction 1 along the ramification image
    import attention_ramification
    line = attention_ramification.row(2, 2, 2)
    assert "| 24 | 52 | 52 | 1 |" in line
    with pytest.raises(KeyError):
        attention_ramification.on_y(3, 2, 2)


def test_confirm_frontier_numerical_ed_degree_gets_a_count_mod_p(tmp_path):
    # a numerical ED degree (here of the 3 x 3 matrices of rank 1, 3 by
    # Eckart-Young) is confirmed by another method, the count mod p of its
    # critical equations, before any other random choices of the same route
    import json
    import confirm_frontier
    key = "linear:widths=3-1-3"
    row = dict(case=key, quantity="ed_degree", value="3", method="numerical", seeds="[1]",
               route="monodromy on the ED correspondence cut by a generic affine space")
    confirm_frontier.compute(str(tmp_path), [(key, "ed_degree", row)], 60)
    (kept,) = list(tmp_path.glob("*.json"))
    runs = json.load(open(str(kept)))["runs"]
    assert (runs["1"]["method"], runs["1"]["value"]) == ("numerical", 3)
    assert (runs["2"]["method"], runs["2"]["value"], runs["2"]["seeds"]) == ("modular", 3, [1, 2])


def test_numerical_degree_of_a_survey_case_recorded(tmp_path, monkeypatch):
    # the twisted cubic (degree 3, Eisenbud 1988) by monodromy on the section
    # of seed 1, carried to the section of seed 2 and recorded with both
    # certificates, marked against the published value
    import mlp444_degree
    from sage_neuro.survey.frontier import LONG_RUNS, read_rows
    key = "mlp:activation=3;widths=2-1-1"
    runs, out = str(tmp_path / "runs"), str(tmp_path / "out")
    for args in ([runs, "--case", key, "--processes", "1"], [runs, "--move", "2", "--processes", "1"],
                 [runs, "--record", out]):
        monkeypatch.setattr(sys, "argv", ["mlp444_degree"] + args)
        mlp444_degree.main()
    (row,) = read_rows(os.path.join(out, LONG_RUNS))
    assert (row["case"], row["quantity"], row["value"], row["confirmation_value"]) == (key, "degree", 3, 3)
    assert (row["seeds"], row["confirmation_seeds"], row["literature"]) == ([1], [1, 2], "agrees")


def test_sliced_map_timing_row(capsys):
    # one row of bench/bench_sliced_map.py: MLP [2,2,2,2,1] x^2 has 694
    # terms on its slice, below the threshold: the term table is kept
    import bench_sliced_map
    bench_sliced_map.main(["mlp:activation=2;widths=2-2-2-2-1"])
    row = capsys.readouterr().out.strip().splitlines()[-1]
    assert row.startswith("| mlp:activation=2;widths=2-2-2-2-1 | 694 | 18 |")
    assert row.endswith("| terms |")
