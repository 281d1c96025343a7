r"""
sage-neuro: neuroalgebraic geometry in SageMath.

Networks with polynomial activations are polynomial maps from parameters to
function spaces; their images, the neuromanifolds, are studied through
their invariants, computed over QQ, over GF(p) or numerically, with
Macaulay2 doing the algebra; every value says how certain it is
(:mod:`sage_neuro.provenance`: proved, exact_random, modular, numerical).

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
from sage_neuro.architectures.circular import CircularCNN
from sage_neuro.architectures.deepsets import DeepSetsNetwork, PermutationEquivariantNetwork

from sage_neuro.version import version as __version__

__all__ = ["LinearNetwork", "PolynomialMLP", "PolynomialCNN",
           "LightningSelfAttention", "CircularCNN", "DeepSetsNetwork",
           "PermutationEquivariantNetwork", "__version__"]
