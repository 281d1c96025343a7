r"""
The environment of the doctests: a Sage namespace (from the full SageMath
where installed, else from the passagemath distributions sage-neuro uses)
plus the public names of sage-neuro.

EXAMPLES::

    sage: from sage_neuro.all import LinearNetwork
    sage: LinearNetwork([2, 2])
    LinearNetwork([2, 2])
"""
try:
    from sage.all import *  # noqa: F401,F403
except ImportError:
    from sage.all__sagemath_schemes import *  # noqa: F401,F403
    from sage.all__sagemath_macaulay2 import *  # noqa: F401,F403
    from sage.all__sagemath_singular import *  # noqa: F401,F403
    from sage.all__sagemath_flint import *  # noqa: F401,F403

from sage_neuro import *  # noqa: F401,F403
