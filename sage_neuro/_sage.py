r"""
Initialise the Sage library before sage-neuro uses it.

Inside a full SageMath this imports ``sage.all``; with the modular
passagemath distributions it imports the ``all`` modules of those that
sage-neuro depends on, so that plain ``python -c 'import sage_neuro'`` and
the console script work as they do in a Sage session.

EXAMPLES::

    sage: from sage_neuro._sage import SAGE_ENVIRONMENT
    sage: SAGE_ENVIRONMENT in ('sage.all', 'passagemath')
    True
"""
import importlib

try:
    importlib.import_module("sage.all")
    SAGE_ENVIRONMENT = "sage.all"
except ImportError:
    for _m in ("sage.all__sagemath_schemes", "sage.all__sagemath_singular",
               "sage.all__sagemath_flint", "sage.all__sagemath_macaulay2"):
        importlib.import_module(_m)
    SAGE_ENVIRONMENT = "passagemath"
