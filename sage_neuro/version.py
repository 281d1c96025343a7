r"""
The version of sage-neuro.

It lives in a module of its own, read by ``setup.py`` without importing
the package (which starts Sage), and by ``sage-neuro --version``.

EXAMPLES::

    sage: from sage_neuro.version import version
    sage: import sage_neuro
    sage: version == sage_neuro.__version__
    True
"""

#: the release, in the form MAJOR.MINOR.PATCH (PEP 440)
version = "0.1.0"
