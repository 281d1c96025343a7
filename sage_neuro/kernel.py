r"""
A Jupyter kernel speaking Sage, for the notebooks of ``examples/``.

The ``sagemath`` kernel spec shipped by passagemath-repl imports
``sage.all_cmdline``, which exists only in a full SageMath
(passagemath-standard); with the modular passagemath distributions that
sage-neuro installs, that kernel dies at start. This kernel is IPython with
the Sage preparser (``2^3``, ``1/2`` as rationals, ``R.<x> = ...``) and
the namespace of :mod:`sage_neuro.all`.

Install its kernel spec (name ``sage-neuro``) into the virtual environment
with::

    python -m sage_neuro.kernel install

EXAMPLES::

    sage: import json, os, tempfile
    sage: from sage_neuro.kernel import install_kernel_spec, KERNEL_NAME
    sage: d = install_kernel_spec(tempfile.mkdtemp())
    sage: os.path.basename(d) == KERNEL_NAME
    True
    sage: json.load(open(os.path.join(d, 'kernel.json')))['argv'][1:3]
    ['-m', 'sage_neuro.kernel']
"""

import json
import os
import sys

KERNEL_NAME = "sage-neuro"


def install_kernel_spec(prefix=None):
    r"""
    Write the kernel spec ``sage-neuro`` under ``prefix/share/jupyter/kernels``
    (default ``sys.prefix``, the virtual environment, where Jupyter finds it)
    and return its folder.

    INPUT:

    - ``prefix`` -- a folder, or ``None`` for ``sys.prefix``

    OUTPUT: the folder of the kernel spec

    EXAMPLES::

        sage: import os, tempfile
        sage: from sage_neuro.kernel import install_kernel_spec
        sage: p = tempfile.mkdtemp()
        sage: install_kernel_spec(p) == os.path.join(p, 'share', 'jupyter', 'kernels', 'sage-neuro')
        True
    """
    d = os.path.join(sys.prefix if prefix is None else prefix, "share", "jupyter", "kernels", KERNEL_NAME)
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, "kernel.json"), "w") as f:
        json.dump({"argv": [sys.executable, "-m", "sage_neuro.kernel", "-f", "{connection_file}"],
                   "display_name": "Sage (sage-neuro, passagemath)", "language": "sage"}, f, indent=1)
    return d


def main(argv=None):
    r"""
    Start the kernel (``python -m sage_neuro.kernel -f CONNECTION_FILE``), or
    install its kernel spec (``python -m sage_neuro.kernel install [PREFIX]``).

    TESTS::

        sage: from sage_neuro.kernel import main
        sage: callable(main)
        True
    """
    argv = sys.argv[1:] if argv is None else argv
    if argv and argv[0] == "install":
        print("kernel spec written to %s" % install_kernel_spec(argv[1] if len(argv) > 1 else None))
        return
    from ipykernel.kernelapp import IPKernelApp
    app = IPKernelApp.instance()
    app.initialize(argv)
    import sage_neuro.all as namespace
    from sage.repl.interpreter import SagePreparseTransformer
    app.shell.user_ns.update({k: v for k, v in vars(namespace).items() if not k.startswith("_")})
    app.shell.input_transformers_post.append(SagePreparseTransformer)
    app.start()


if __name__ == "__main__":
    main()
