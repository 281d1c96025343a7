r"""
The loss landscape on the real neuromanifold ``mu(R^N)`` rather than on its
Zariski closure.

:func:`~sage_neuro.optimization.critical_points.loss_critical_points`
finds the critical points of ``x -> ||x - u||^2`` on the smooth part of the
closure ``M``. Where ``mu(R^N)`` is smaller than the real points of ``M``
(quadratics with real roots inside all quadratics, sums of two real cubes
inside all binary cubics), a critical point may not be a value of the
network at all, and the nearest point of ``mu(R^N)`` to ``u`` may lie on
its boundary, where the distance has no critical point on ``M``.

:func:`real_image_critical_points` adds the column *in real image* to the
census and looks for the nearest point of ``mu(R^N)`` itself:

- a real critical point whose coordinates are recognised as rationals
  (nearest fractions of small height) is checked to be a critical point
  exactly (on ``M``: the implicit equations vanish; ``u - x`` normal: in
  the row space of their Jacobian) and decided exactly by
  :func:`~sage_neuro.invariants.real_membership.real_membership`
  (``'proved'``);
- otherwise it counts as in the real image when its preimage on the
  census' slice is real, or when the numerical nearest point of
  ``mu(R^N)`` (Levenberg-Marquardt on real parameters,
  :meth:`~sage_neuro.invariants.voronoi.ParametrizedSet.nearest_point`)
  is at distance below ``TOLERANCE`` (relative) from it (``'numerical'``);
- the nearest point of ``mu(R^N)`` to ``u`` is found numerically on real
  parameters; when no critical point in the real image is as near, the
  minimum lies on the boundary of ``mu(R^N)`` (``boundary_minimum``).

EXAMPLES:

``x^2 + 1`` is its own nearest point on the closure of the linear CNN
``[2, 2]`` (every quadratic), but it has no real roots; the nearest
quadratics with real roots, ``1`` and ``x^2``, are at distance 1, on the
boundary (the discriminant)::

    sage: from sage_neuro import PolynomialCNN
    sage: from sage_neuro.optimization.real_image import real_image_critical_points
    sage: R = real_image_critical_points(PolynomialCNN([2, 2], activation=1), [1, 0, 1])
    sage: R.table()
    [{'certainty': 'proved',
      'distance': 0.0,
      'in real image': False,
      'point': (1, 0, 1),
      'type': 'local min'}]
    sage: R.boundary_minimum, round(R.nearest_distance, 6)
    (True, 1.0)
"""

import math
from dataclasses import dataclass

from sage.matrix.constructor import matrix
from sage.rings.rational_field import QQ
from sage.rings.real_mpfr import RealField

from sage_neuro.provenance import Provenance, stopwatch

#: relative distance below which two function-space points count as equal
#: (float64 Levenberg-Marquardt reaches about 1e-8 relative)
TOLERANCE = 1e-6

#: largest error of the rational recognition of a float coordinate
RATIONAL_ERROR = 1e-10


@dataclass(eq=False, repr=False)
class RealImageCensus:
    r"""
    The critical points of the squared distance on the closure with the
    column *in real image*, and the nearest point of ``mu(R^N)``; returned
    by :func:`real_image_critical_points`.

    Attributes: ``census`` (the
    :class:`~sage_neuro.optimization.critical_points.CriticalPointCensus`),
    ``in_real_image`` (one boolean per real critical point, in the order of
    ``census.points``), ``certainty`` (``'proved'`` or ``'numerical'`` per
    point), ``exact_points`` (the rational points, or ``None``),
    ``nearest`` and ``nearest_distance`` (the numerical nearest point of
    ``mu(R^N)`` and its distance), ``boundary_minimum`` (whether no critical
    point in the real image is as near: the minimum on ``mu(R^N)`` lies on
    its boundary), ``provenance``.

    EXAMPLES::

        sage: from sage_neuro import PolynomialMLP
        sage: from sage_neuro.optimization.real_image import real_image_critical_points
        sage: R = real_image_critical_points(PolynomialMLP([2, 1, 1]), [1, 0, 1])
        sage: R.in_real_image, R.certainty, R.boundary_minimum
        ([True, True, True, True], ['proved', 'proved', 'proved', 'proved'], False)
    """

    census: object
    in_real_image: list
    certainty: list
    exact_points: object
    nearest: object
    nearest_distance: float
    boundary_minimum: bool
    provenance: Provenance

    def table(self):
        r"""
        Return the census as a list of rows (dictionaries with the keys
        ``'point'``, ``'type'``, ``'distance'``, ``'in real image'``,
        ``'certainty'``), nearest first.

        EXAMPLES::

            sage: from sage_neuro import PolynomialMLP
            sage: from sage_neuro.optimization.real_image import real_image_critical_points
            sage: R = real_image_critical_points(PolynomialMLP([2, 1, 1]), [1, 0, 1])
            sage: R.table()[0]['in real image'], R.table()[0]['type']
            (True, 'local min')
        """
        rows = []
        for P, inside, level, exact in zip(self.census.points, self.in_real_image, self.certainty,
                                           self.exact_points):
            rows.append({"point": exact if exact is not None else P.point, "type": P.type,
                         "distance": round(P.distance, 12), "in real image": inside,
                         "certainty": level})
        return rows

    def __repr__(self):
        inside = sum(1 for v in self.in_real_image if v)
        return ("%d real critical points on the closure, %d in the real image; nearest point of "
                "the real image at distance %.6g%s [%s]"
                % (len(self.in_real_image), inside, self.nearest_distance,
                   " (on its boundary)" if self.boundary_minimum else "", self.provenance.method))


def _recognise(point):
    # the rational point whose coordinates are the nearest fractions of the
    # floats, or None
    RR = RealField(53)
    out = []
    for x in point:
        q = QQ(RR(x).nearby_rational(max_error=RR(RATIONAL_ERROR)))
        if q.height() > 10 ** 6:
            return None
        out.append(q)
    return out


def _exact_critical(I, q, u):
    # q on V(I) and u - q in the row space of the Jacobian of I at q
    gens = [g for g in I.gens() if g != 0]
    if any(g(*q) != 0 for g in gens):
        return False
    normal = [QQ(a) - b for a, b in zip(u, q)]
    if not gens:
        return not any(normal)
    J = matrix(QQ, [[g.derivative(v)(*q) for v in I.ring().gens()] for g in gens])
    return J.rank() == J.stack(matrix(QQ, [normal])).rank()


def real_image_critical_points(net, target, seed=0, starts=8, census=None, timeout=None):
    r"""
    Return the real critical points of ``x -> ||x - target||^2`` on the
    closure, each marked *in real image* or not, and the nearest point of
    the real neuromanifold ``mu(R^N)`` (see the module documentation).

    INPUT:

    - ``net`` -- an architecture
    - ``target`` -- a rational point of the function space
    - ``seed`` -- seed of the census and of the nearest-point starts
    - ``starts`` -- random starts of the nearest-point search
    - ``census`` -- (default: computed) a census of ``target`` from
      :func:`~sage_neuro.optimization.critical_points.loss_critical_points`
    - ``timeout`` -- seconds per Macaulay2 call

    OUTPUT: a :class:`RealImageCensus`

    EXAMPLES::

        sage: from sage_neuro import LinearNetwork
        sage: from sage_neuro.optimization.real_image import real_image_critical_points
        sage: R = real_image_critical_points(LinearNetwork([2, 1, 2]), [3, 1, 2, 5]); R
        2 real critical points on the closure, 2 in the real image; nearest point of the real image at distance 2.22835 [numerical]
        sage: real_image_critical_points(LinearNetwork([2, 1, 2]), [3, 1, 2])
        Traceback (most recent call last):
        ...
        ValueError: target must have 4 entries (one per coordinate), got 3
    """
    import numpy
    from sage_neuro.invariants.real_membership import real_membership
    from sage_neuro.invariants.voronoi import ParametrizedSet
    from sage_neuro.optimization.critical_points import loss_critical_points
    from sage_neuro.validation import check_point
    u = [QQ(x) for x in check_point(target, net.ambient_dimension(), name="target")]
    with stopwatch() as t:
        C = census if census is not None else loss_critical_points(net, u, seed=seed, timeout=timeout)
        M = net.neuromanifold()
        I = M.ideal(timeout=timeout)
        X = ParametrizedSet(net)
        rng = numpy.random.default_rng(int(seed))
        scale = 1.0 + math.sqrt(sum(float(x) ** 2 for x in u))
        inside, levels, exacts = [], [], []
        for P in C.points:
            q = _recognise(P.point)
            if q is not None and _exact_critical(I, q, u):
                v = real_membership(net, q, ideal=M.ideal, seed=seed).verdict
                inside.append(v == "real image")
                levels.append("proved")
                exacts.append(tuple(q))
                continue
            exacts.append(None)
            levels.append("numerical")
            if P.real_preimage:
                inside.append(True)
            else:
                _, d = X.nearest_point(P.point, starts=starts, rng=rng)
                inside.append(d < TOLERANCE * scale)
        nearest, dist = X.nearest_point([float(x) for x in u], starts=starts, rng=rng)
        best = min([P.distance for P, v in zip(C.points, inside) if v], default=float("inf"))
        boundary = dist < best - TOLERANCE * scale
    prov = Provenance("real_image_critical_points", sum(inside), "numerical", seeds=(seed,),
                      seconds=t[0],
                      route="census of the critical points on the closure; rational critical points "
                            "checked exactly and decided by real_membership; the others by their "
                            "slice preimage or the numerical nearest point of mu(R^N); the nearest "
                            "point of mu(R^N) by Levenberg-Marquardt on real parameters (%d starts)"
                            % starts,
                      note="exact decisions: %d of %d; census: %s"
                           % (levels.count("proved"), len(levels), C.provenance.method))
    return RealImageCensus(C, inside, levels, exacts, tuple(float(x) for x in nearest), float(dist),
                           boundary, prov)
