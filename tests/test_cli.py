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
def test_bad_input_is_a_clear_error(args, msg):
    p = run(*args)
    assert p.returncode == 2
    assert msg in p.stderr
    assert "Traceback" not in p.stderr


def test_atlas_writes_report(tmp_path):
    p = run("atlas", "--out", str(tmp_path), "--only", "dimension")
    assert p.returncode == 0, p.stderr
    assert "LinearNetwork([4, 2, 3])" in p.stdout
    assert (tmp_path / "atlas.md").exists()
    rows = json.loads((tmp_path / "atlas.json").read_text())
    assert rows[0]["dimension"] == 10
