"""
The notebooks of ``examples/`` run from top to bottom in the standard Sage
Jupyter kernel, ``sagemath``, the one that SageMath (or passagemath's
``passagemath-repl`` with ``passagemath-standard-no-symbolics``) registers
and that ``sage -n jupyter`` offers.
"""

import glob
import json
import os
import subprocess
import sys

import pytest

HERE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
NOTEBOOKS = sorted(glob.glob(os.path.join(HERE, "examples", "*.ipynb")))
SAGE_KERNEL = "sagemath"


def test_there_are_notebooks():
    assert len(NOTEBOOKS) >= 3


@pytest.mark.parametrize("path", NOTEBOOKS, ids=os.path.basename)
def test_notebook_asks_for_the_sage_kernel(path):
    with open(path) as f:
        spec = json.load(f)["metadata"]["kernelspec"]
    assert spec["name"] == SAGE_KERNEL and spec["language"] == "sage"


def test_the_sage_kernel_is_installed():
    kernelspec = pytest.importorskip("jupyter_client.kernelspec")
    specs = kernelspec.find_kernel_specs()
    assert SAGE_KERNEL in specs, "no %r kernel among %s" % (SAGE_KERNEL, sorted(specs))


def test_sage_n_jupyter():
    # `sage -n jupyter` finds the notebook server (it prints the server's
    # version and stops, instead of serving)
    sage = os.path.join(os.path.dirname(sys.executable), "sage")
    if not os.path.exists(sage):
        pytest.skip("no sage script next to %s" % sys.executable)
    p = subprocess.run([sage, "-n", "jupyter", "--version"], capture_output=True, text=True,
                       timeout=600)
    assert p.returncode == 0, p.stdout + p.stderr
    assert p.stdout.strip().splitlines()[-1][0].isdigit(), p.stdout


@pytest.mark.parametrize("path", NOTEBOOKS, ids=os.path.basename)
def test_notebook_runs(path, monkeypatch):
    nbformat = pytest.importorskip("nbformat")
    nbclient = pytest.importorskip("nbclient")
    # the kernel imports this checkout of sage_neuro
    monkeypatch.setenv("PYTHONPATH", HERE + os.pathsep + os.environ.get("PYTHONPATH", ""))
    nb = nbformat.read(path, as_version=4)
    nbclient.NotebookClient(nb, timeout=300, kernel_name=SAGE_KERNEL,
                            resources={"metadata": {"path": os.path.dirname(path)}}).execute()
    errors = [o for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", [])
              if o.get("output_type") == "error"]
    assert not errors
