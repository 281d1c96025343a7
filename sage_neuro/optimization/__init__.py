r"""
The loss landscape: critical points of losses on neuromanifolds.

EXAMPLES::

    sage: from sage_neuro import LinearNetwork
    sage: from sage_neuro.optimization import loss_critical_points
    sage: loss_critical_points(LinearNetwork([2, 1, 2]), [3, 1, 2, 5]).real_count
    2
"""

from sage_neuro.optimization.critical_points import (CriticalPoint,  # noqa: F401
                                                     CriticalPointCensus,
                                                     loss_critical_points)

__all__ = ["CriticalPoint", "CriticalPointCensus", "loss_critical_points"]
