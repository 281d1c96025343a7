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

from sage_neuro.optimization.discriminant import ed_degree_at, ed_discriminant  # noqa: F401
from sage_neuro.optimization.census import critical_point_census  # noqa: F401
from sage_neuro.optimization.training import fit_samples, training_experiment  # noqa: F401
from sage_neuro.optimization.polyhedral import polyhedral_distance_optima  # noqa: F401
from sage_neuro.optimization.flow_invariants import gradient_flow_invariants  # noqa: F401
from sage_neuro.optimization.mse import mse_critical_points  # noqa: F401
from sage_neuro.optimization.spurious import parameter_critical_locus  # noqa: F401
from sage_neuro.optimization.numerical import (monodromy_critical_points,  # noqa: F401
                                               newton_critical_points)
from sage_neuro.optimization.likelihood import kl_critical_points  # noqa: F401
from sage_neuro.optimization.real_image import real_image_critical_points  # noqa: F401

__all__ = ["CriticalPoint", "CriticalPointCensus", "loss_critical_points", "ed_degree_at",
           "ed_discriminant", "critical_point_census", "training_experiment",
           "gradient_flow_invariants", "mse_critical_points", "parameter_critical_locus",
           "monodromy_critical_points", "newton_critical_points", "kl_critical_points",
           "real_image_critical_points"]
