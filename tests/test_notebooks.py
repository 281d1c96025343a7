"""
The notebooks of ``examples/`` run from top to bottom in the Sage kernel of
sage-neuro (:mod:`sage_neuro.kernel`: IPython with the Sage preparser; the
``sagemath`` kernel of passagemath-repl needs a full SageMath). The test
writes the kernel spec into a temporary folder on ``JUPYTER_PATH``.
"""

import glob
import os

import pytest

HERE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
NOTEBOOKS = sorted(glob.glob(os.path.join(HERE, "examples", "*.ipynb")))


def test_there_are_notebooks():
    assert len(NOTEBOOKS) >= 3


@pytest.mark.parametrize("path", NOTEBOOKS, ids=os.path.basename)
def test_notebook_runs(path, monkeypatch, tmp_path):
    nbformat = pytest.importorskip("nbformat")
    nbclient = pytest.importorskip("nbclient")
    from sage_neuro.kernel import install_kernel_spec, KERNEL_NAME
    install_kernel_spec(str(tmp_path))
    monkeypatch.setenv("JUPYTER_PATH", str(tmp_path / "share" / "jupyter"))
    # the kernel imports this checkout of sage_neuro
    monkeypatch.setenv("PYTHONPATH", HERE + os.pathsep + os.environ.get("PYTHONPATH", ""))
    nb = nbformat.read(path, as_version=4)
    nbclient.NotebookClient(nb, timeout=120, kernel_name=KERNEL_NAME,
                            resources={"metadata": {"path": os.path.dirname(path)}}).execute()
    errors = [o for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", [])
              if o.get("output_type") == "error"]
    assert not errors
