"""
The notebooks of ``examples/`` run from top to bottom in the standard Sage
Jupyter kernel, ``sagemath``, the one that SageMath (or passagemath's
``passagemath-repl`` with ``passagemath-standard-no-symbolics``) registers
and that ``sage -n jupyter`` offers.
"""

import glob
import json
import os

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
