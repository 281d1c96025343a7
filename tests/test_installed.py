"""
sage-neuro as a user installs it, outside the checkout: run by ``make
test-existing-sage`` (``sage -pip install .`` into an environment standing
for a full SageMath) and ``make test-wheel`` (the built wheel with its
``passagemath`` extra in a new environment), which set
``SAGE_NEURO_TEST_INSTALLED``. Skipped in the development environment,
where sage-neuro is the editable checkout.
"""
import json
import os
import subprocess
import sys

import pytest

pytestmark = pytest.mark.skipif(not os.environ.get("SAGE_NEURO_TEST_INSTALLED"),
                                reason="only for an installed sage-neuro (make test-existing-sage, "
                                       "make test-wheel)")

BIN = os.path.dirname(sys.executable)
CHECKOUT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def test_imported_from_the_installation_not_the_checkout():
    import sage_neuro
    path = os.path.realpath(sage_neuro.__file__)
    assert path.startswith(os.path.realpath(sys.prefix)), path
    # (the environment itself may live inside the checkout, as .venv-wheel)
    assert not path.startswith(os.path.join(CHECKOUT, "sage_neuro") + os.sep), path


def test_the_bridge_runs_this_sages_macaulay2():
    # no SAGE_NEURO_M2 / SAGE_MACAULAY2_COMMAND: the bridge must find the M2
    # of the Sage it runs in, and load the Macaulay2 package installed with
    # sage-neuro
    from sage_neuro.m2 import m2_command, package_file, session
    for var in ("SAGE_NEURO_M2", "SAGE_MACAULAY2_COMMAND", "SAGE_NEURO_M2_PACKAGE"):
        assert not os.environ.get(var), var
    cmd = os.path.realpath(m2_command())
    assert cmd.startswith(os.path.realpath(sys.prefix)), cmd
    pkg = os.path.realpath(package_file())
    assert pkg.startswith(os.path.realpath(sys.prefix)) and "m2files" in pkg, pkg
    assert session().eval("2 + 3") == "5"


def test_an_invariant_that_needs_macaulay2():
    # the ED degree goes through Macaulay2; for 3 x 3 matrices of rank <= 1
    # it is min(m, n) = 3 (Eckart-Young), for rank <= 2 it is binom(3, 2) = 3
    from sage_neuro import LinearNetwork
    assert LinearNetwork([3, 1, 3]).neuromanifold().ed_degree() == 3
    assert LinearNetwork([3, 2, 3]).neuromanifold().ed_degree() == 3


def test_sage_command_line():
    # the Sage prompt's `sage -c`: Sage's own namespace plus sage-neuro
    p = subprocess.run([os.path.join(BIN, "sage"), "-c",
                        "from sage_neuro import *; print(LinearNetwork([4,2,3]).neuromanifold().degree())"],
                       capture_output=True, text=True, timeout=600, cwd=sys.prefix)
    assert p.returncode == 0, p.stderr
    assert p.stdout.strip().splitlines()[-1] == "6"


def test_console_script():
    import sage_neuro
    p = subprocess.run([os.path.join(BIN, "sage-neuro"), "--version"], capture_output=True,
                       text=True, timeout=600, cwd=sys.prefix)
    assert p.returncode == 0 and p.stdout.startswith("sage-neuro %s" % sage_neuro.__version__)
    p = subprocess.run([os.path.join(BIN, "sage-neuro"), "invariants", "linear", "--widths", "4-2-3",
                        "--only", "dimension,degree", "--json", "--quiet"],
                       capture_output=True, text=True, timeout=600, cwd=sys.prefix)
    assert p.returncode == 0, p.stderr
    d = json.loads(p.stdout)
    assert (d["dimension"], d["degree"]) == (10, 6)


def test_sagemath_kernel_is_there():
    from jupyter_client.kernelspec import find_kernel_specs
    assert "sagemath" in find_kernel_specs()


def test_metadata():
    from importlib.metadata import metadata
    import sage_neuro
    m = metadata("sage-neuro")
    assert m["Version"] == sage_neuro.__version__
    assert m["License-Expression"] == "GPL-2.0-or-later"
    assert any(c.startswith("Topic :: Scientific/Engineering :: Mathematics")
               for c in m.get_all("Classifier"))
    assert m.get_all("Project-URL")
