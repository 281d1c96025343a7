r"""
sage-neuro: neuroalgebraic geometry in SageMath.

Networks with polynomial activations are polynomial maps from parameters to
function spaces; their images, the neuromanifolds, are studied through
their invariants, computed exactly (over QQ) or modularly (over GF(p)),
with Macaulay2 doing the algebra.

EXAMPLES::

    sage: from sage_neuro import LinearNetwork
    sage: LinearNetwork([4, 2, 3]).neuromanifold().degree()
    6
"""

import sage_neuro._sage  # noqa: F401  (initialises Sage first)
from sage_neuro.architectures.linear import LinearNetwork
from sage_neuro.architectures.mlp import PolynomialMLP
from sage_neuro.architectures.cnn import PolynomialCNN
from sage_neuro.architectures.attention import LightningSelfAttention

from sage_neuro.version import version as __version__

__all__ = ["LinearNetwork", "PolynomialMLP", "PolynomialCNN",
           "LightningSelfAttention", "__version__"]
