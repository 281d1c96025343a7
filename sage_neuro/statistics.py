r"""
Confidence intervals for the Monte Carlo estimates of sage-neuro (Voronoi
cell probabilities, training experiments): the certificates of values
labelled ``'numerical'`` that are frequencies.

EXAMPLES::

    sage: from sage_neuro.statistics import wilson_interval
    sage: lo, hi = wilson_interval(50, 100); round(lo, 3), round(hi, 3)
    (0.404, 0.596)
"""

import math

#: the standard normal quantile of a two-sided 95% interval
Z95 = 1.959963984540054


def wilson_interval(successes, trials, z=Z95):
    r"""
    Return the Wilson score interval ``(low, high)`` for ``successes``
    successes in ``trials`` Bernoulli trials (95% for the default ``z``;
    E. B. Wilson, J. Amer. Statist. Assoc. 22 (1927)). At ``0`` and
    ``trials`` successes the end point is exactly ``0`` or ``1``.

    INPUT:

    - ``successes``, ``trials`` -- integers, ``0 <= successes <= trials``
    - ``z`` -- the normal quantile

    EXAMPLES::

        sage: from sage_neuro.statistics import wilson_interval
        sage: [round(x, 4) for x in wilson_interval(5, 10)]
        [0.2366, 0.7634]
        sage: wilson_interval(0, 0)
        (0.0, 1.0)
        sage: wilson_interval(0, 10)[0], wilson_interval(10, 10)[1]
        (0.0, 1.0)
        sage: wilson_interval(3, 2)
        Traceback (most recent call last):
        ...
        ValueError: successes must be an integer between 0 and trials = 2, not 3
    """
    if not 0 <= successes <= trials:
        raise ValueError("successes must be an integer between 0 and trials = %s, not %s"
                         % (trials, successes))
    if trials == 0:
        return (0.0, 1.0)
    p = successes / float(trials)
    den = 1 + z * z / trials
    mid = (p + z * z / (2 * trials)) / den
    half = z * math.sqrt(p * (1 - p) / trials + z * z / (4 * trials * trials)) / den
    return (0.0 if successes == 0 else max(0.0, mid - half),
            1.0 if successes == trials else min(1.0, mid + half))
