"""The sage-neuro command line, run as a user would."""
import json
import os
import subprocess
import sys

import pytest

EXE = os.path.join(os.path.dirname(sys.executable), "sage-neuro")


def run(*args):
    return subprocess.run([EXE, *args], capture_output=True, text=True, timeout=600)


def test_invariants_json_keys():
    p = run("invariants", "linear", "--widths", "4", "2", "3", "--only",
            "dimension,degree,ed_degree", "--json")
    assert p.returncode == 0, p.stderr
    d = json.loads(p.stdout)
    assert (d["dimension"], d["degree"], d["ed_degree"]) == (10, 6, 3)
    assert d["provenance"]["degree"]["method"] == "modular"
    assert d["provenance"]["degree"]["primes"] == [32003]


@pytest.mark.parametrize("args, msg", [
    (("invariants", "linear", "--widths", "4", "0"), "positive integers"),
    (("invariants", "linear"), "--widths is required"),
    (("invariants", "nosuchfamily", "--widths", "2", "2"), "unknown family"),
    (("invariants", "linear", "--widths", "2", "2", "--only", "colour"), "unknown invariant"),
])
def test_bad_input_is_a_clear_error(args, msg, capsys):
    from sage_neuro.cli import main
    assert main(list(args)) == 2
    assert msg in capsys.readouterr().err


def test_bad_input_console_script():
    # the console script itself: exit code 2, a message, no traceback
    p = run("invariants", "linear", "--widths", "4", "0")
    assert p.returncode == 2
    assert "positive integers" in p.stderr
    assert "Traceback" not in p.stderr


def test_atlas_writes_report(tmp_path):
    p = run("atlas", "--out", str(tmp_path), "--only", "dimension")
    assert p.returncode == 0, p.stderr
    assert "LinearNetwork([4, 2, 3])" in p.stdout
    assert (tmp_path / "atlas.md").exists()
    rows = json.loads((tmp_path / "atlas.json").read_text())
    assert rows[0]["dimension"] == 10


# --- conventions: lists of integers, JSON schema, progress, exit codes, version ---
# In-process (``main`` returns the exit code), to keep the suite fast; the
# console script itself is run above and by test_version_and_help.

def main_json(capsys, *args):
    from sage_neuro.cli import main
    rc = main(list(args) + ["--json"])
    out = capsys.readouterr()
    return rc, (json.loads(out.out) if out.out.strip() else None), out.err


def test_widths_forms_agree(capsys):
    # the ways of writing a list give the same architecture and values,
    # compared with the closed formulas for 3x4 matrices of rank <= 2:
    # dimension r(m+n-r) = 10, degree prod_{i<n-r} binom(m+i,r)/binom(r+i,r) = 6
    for widths in (["4", "2", "3"], ["4,2,3"], ["4-2-3"], ["4,", "2", "3"]):
        rc, d, err = main_json(capsys, "invariants", "linear", "--widths", *widths,
                               "--only", "dimension,degree")
        assert rc == 0, err
        assert d["architecture"] == "LinearNetwork([4, 2, 3])"
        assert (d["dimension"], d["degree"]) == (10, 6)


def test_cnn_filters_and_strides_forms(capsys):
    rc, a, _ = main_json(capsys, "invariants", "cnn", "--filters", "2-2", "--strides", "2,1",
                         "--only", "dimension")
    rc2, b, _ = main_json(capsys, "invariants", "cnn", "--filters", "2", "2", "--strides", "2", "1",
                          "--only", "dimension")
    assert rc == rc2 == 0
    assert a["architecture"] == b["architecture"] and a["dimension"] == b["dimension"]
    assert "strides=[2, 1]" in a["architecture"]


@pytest.mark.parametrize("bad", ["4x2", "4--2", "4.5", "-"])
def test_badly_written_widths_are_usage_errors(capsys, bad):
    rc, d, err = main_json(capsys, "invariants", "linear", "--widths", "2", bad)
    assert rc == 2 and d is None
    assert "--widths must be integers separated by spaces, commas or hyphens" in err


def test_json_schema_version_1_fields(capsys):
    rc, d, err = main_json(capsys, "invariants", "linear", "--widths", "3,1,3",
                           "--only", "dimension,ed_degree")
    assert rc == 0, err
    assert d["schema_version"] == 1
    for key in ("architecture", "num_parameters", "ambient_dimension", "expected_dimension",
                "provenance", "errors", "dimension", "defective", "ed_degree"):
        assert key in d, key
    # 3x3 matrices of rank <= 1: dimension m+n-1 = 5, ED degree min(m,n) = 3 (Eckart-Young)
    assert (d["dimension"], d["defective"], d["ed_degree"], d["errors"]) == (5, False, 3, {})
    prov = d["provenance"]["ed_degree"]
    assert prov["method"] in ("proved", "exact_random", "modular", "numerical")
    assert {"primes", "seeds", "choices", "failure_probability", "certificate",
            "route", "seconds"} <= set(prov)


def test_defective_is_true_where_the_dimension_drops(capsys):
    # Alexander-Hirschowitz: quadrics in 3 variables as sums of 2 squares of
    # linear forms have dimension 5, not the expected 6
    rc, d, _ = main_json(capsys, "invariants", "mlp", "--widths", "3-2-1", "--only", "dimension")
    assert rc == 0 and (d["expected_dimension"], d["dimension"], d["defective"]) == (6, 5, True)


def test_progress_goes_to_stderr_and_stdout_stays_json(capsys):
    from sage_neuro.cli import main
    rc, d, err = main_json(capsys, "invariants", "linear", "--widths", "2", "2", "--only", "dimension")
    assert rc == 0 and d["dimension"] == 4
    assert "LinearNetwork([2, 2]): dimension" in err
    assert main(["invariants", "linear", "--widths", "2", "2", "--only", "dimension", "--quiet"]) == 0
    assert capsys.readouterr().err == ""


def test_failed_invariant_exit_code_1(capsys):
    # a time limit no Macaulay2 call meets: the value is null, the reason is in
    # "errors", the other invariants are still given, and the exit code is 1
    rc, d, err = main_json(capsys, "invariants", "linear", "--widths", "3", "2", "3",
                           "--only", "dimension,ed_degree", "--timeout", "0.001")
    assert rc == 1, err
    assert d["dimension"] == 8 and d["ed_degree"] is None
    assert "ed_degree" in d["errors"] and "dimension" not in d["errors"]


def test_no_command_is_a_usage_error(capsys):
    from sage_neuro.cli import main
    assert main([]) == 2
    assert "a command is required" in capsys.readouterr().err


def test_version_and_help():
    import sage_neuro
    p = run("--version")
    assert p.returncode == 0, p.stderr
    assert p.stdout.startswith("sage-neuro %s (Sage library " % sage_neuro.__version__)
    p = run("invariants", "--help")
    assert p.returncode == 0
    assert "Exit codes: 0 success; 1" in p.stdout and "schema_version 1" in p.stdout
