r"""
Census of the real critical points of the ED loss as the data move along a
line or over a plane, with the ED discriminant.

For data ``u = u_0 + s v_1 (+ t v_2)`` the counts come from one
parametric computation: Macaulay2 (``edEliminant``) computes, on the ED
correspondence over the line / plane of data (see
:mod:`sage_neuro.optimization.discriminant`), the eliminant ``e(y; s, t)``
of a random integer linear form ``y = l(x)`` on the critical points. At a
rational grid point ``(s, t)`` the critical points are the roots of
``e(y; s, t)``: their distinct number is the degree of its squarefree
part, and the real count is its number of real roots, computed exactly by
Sturm sequences (``l`` is real, so real critical points give real roots;
a non-real pair gives a real root only if ``l`` takes a real value on it,
which a random ``l`` avoids off a proper subvariety). The grid counts are
checked against the slice route of
:func:`~sage_neuro.optimization.critical_points.loss_critical_points` at
``checks`` random grid points (an independent computation: parametric
critical equations on a gauge-fixing slice); any disagreement raises.

On the 'singular' part of the discriminant the eliminant still counts the
limit of the critical point that falls into the singular locus (the
correspondence is closed there); elsewhere the counts are those of the
smooth part. The counts can change only across the ED discriminant
(:func:`~sage_neuro.optimization.discriminant.ed_discriminant`), which is
drawn dashed in :meth:`CriticalPointSweep.plot`.

EXAMPLES:

Kohn's picture: 4 complex critical points off the discriminant, 4 or 2
real (2 complex at the two grid points on cusps of the discriminant)::

    sage: from sage_neuro import PolynomialMLP
    sage: from sage_neuro.optimization.census import critical_point_census
    sage: C = critical_point_census(PolynomialMLP([2, 1, 1]), base=[0, 1, 0],
    ....:     directions=[[1, 0, 0], [0, 0, 1]], ranges=[(-4, 12), (-4, 12)], steps=9, checks=1)
    sage: sorted(C.count_table().items())
    [((2, 2), 2), ((4, 2), 69), ((4, 4), 10)]
"""

import random
import time
from dataclasses import dataclass

import numpy

from sage.rings.polynomial.polynomial_ring_constructor import PolynomialRing
from sage.rings.rational_field import QQ

from sage_neuro.m2 import session
from sage_neuro.provenance import Provenance
from sage_neuro.validation import check_positive_int


def _grid(lo, hi, steps):
    lo, hi = QQ(lo), QQ(hi)
    if steps == 1:
        return [lo]
    return [lo + (hi - lo) * i / (steps - 1) for i in range(steps)]


@dataclass(eq=False, repr=False)
class CriticalPointSweep:
    r"""
    Real and complex counts of critical points of the ED loss over a line or
    a grid in a plane of data: returned by :func:`critical_point_census`.

    Attributes: ``axes`` (the list of grid values of ``s`` and, for a plane,
    ``t``; rationals), ``real`` and ``complex`` (numpy integer arrays of
    the counts, indexed ``[i]`` or ``[i, j]`` by the grid values),
    ``discriminant`` (an
    :class:`~sage_neuro.optimization.discriminant.EDDiscriminant` or
    ``None``), ``base``, ``directions``, ``provenance``.

    INPUT:

    - ``net``, ``base``, ``directions``, ``axes``, ``real``, ``complex``,
      ``discriminant``, ``provenance`` -- as above

    EXAMPLES::

        sage: from sage_neuro import PolynomialMLP
        sage: C = PolynomialMLP([2, 1, 1]).critical_point_census([0, 1, 9], [[1, 0, 0]], [(0, 12)], steps=13, checks=0)
        sage: C
        Census of real critical points of the ED loss of PolynomialMLP([2, 1, 1], activation=2) over a line of 13 data points: real counts {2: 7, 4: 6}, complex counts {4: 13} [exact_random...]
    """

    net: object
    base: list
    directions: list
    axes: list
    real: object
    complex: object
    discriminant: object
    provenance: Provenance

    def __post_init__(self):
        self.base = list(self.base)
        self.directions = [list(v) for v in self.directions]

    def count_table(self):
        r"""
        Return a dictionary ``(complex count, real count) -> number of grid points``.

        EXAMPLES::

            sage: from sage_neuro import PolynomialMLP
            sage: C = PolynomialMLP([2, 1, 1]).critical_point_census([0, 1, 9], [[1, 0, 0]], [(0, 12)], steps=13, checks=0)
            sage: C.count_table()
            {(4, 2): 7, (4, 4): 6}
        """
        out = {}
        for c, r in zip(self.complex.ravel(), self.real.ravel()):
            out[(int(c), int(r))] = out.get((int(c), int(r)), 0) + 1
        return dict(sorted(out.items()))

    def changes(self):
        r"""
        Return, for a line of data, the consecutive grid values
        ``(s_i, s_{i+1}, r_i, r_{i+1})`` between which the real count
        changes, each with the real roots of the discriminant in between.

        OUTPUT: a list of tuples ``(s_i, s_{i+1}, r_i, r_{i+1}, roots)``

        EXAMPLES::

            sage: from sage_neuro import PolynomialMLP
            sage: C = PolynomialMLP([2, 1, 1]).critical_point_census([0, 1, 9], [[1, 0, 0]], [(0, 12)], steps=13, checks=0)
            sage: [(a, b, r, s, [round(x, 4) for x in z]) for a, b, r, s, z in C.changes()]
            [(6, 7, 2, 4, [6.604])]
        """
        if len(self.axes) != 1:
            raise ValueError("changes() is for a line of data; this census is over a plane")
        s = self.axes[0]
        f = self.discriminant.polynomial() if self.discriminant is not None else None
        roots = []
        if f is not None and f.degree() > 0:
            from sage.rings.real_mpfr import RR
            roots = [float(r) for r, _ in f.change_ring(QQ).roots(RR)]
        out = []
        for i in range(len(s) - 1):
            if self.real[i] != self.real[i + 1]:
                out.append((s[i], s[i + 1], int(self.real[i]), int(self.real[i + 1]),
                            [r for r in roots if float(s[i]) <= r <= float(s[i + 1])]))
        return out

    def plot(self, filename, title=None, marks=()):
        r"""
        Draw the census and save it as a PNG, by
        :func:`~sage_neuro.reports.plots.plot_critical_point_sweep`.

        INPUT:

        - ``filename``, ``title``, ``marks`` -- as for
          :func:`~sage_neuro.reports.plots.plot_critical_point_sweep`

        OUTPUT: ``filename``

        EXAMPLES::

            sage: import os
            sage: from sage_neuro import PolynomialMLP
            sage: C = PolynomialMLP([2, 1, 1]).critical_point_census([0, 1, 9], [[1, 0, 0]], [(0, 12)], steps=13, checks=0)
            sage: f = C.plot(os.path.join(tmp_dir(), 'line.png'))
            sage: os.path.getsize(f) > 0
            True
        """
        from sage_neuro.reports.plots import plot_critical_point_sweep
        return plot_critical_point_sweep(self, filename, title=title, marks=marks)

    def __repr__(self):
        what = "line" if len(self.axes) == 1 else "plane grid"
        real = {}
        comp = {}
        for r in self.real.ravel():
            real[int(r)] = real.get(int(r), 0) + 1
        for c in self.complex.ravel():
            comp[int(c)] = comp.get(int(c), 0) + 1
        return ("Census of real critical points of the ED loss of %r over a %s of %d data "
                "points: real counts %s, complex counts %s [%s]"
                % (self.net, what, self.real.size, dict(sorted(real.items())),
                   dict(sorted(comp.items())), self.provenance.summary()))


def critical_point_census(net, base, directions, ranges, steps=21, seed=0, checks=2,
                          discriminant=True, timeout=None):
    r"""
    Return the real and complex counts of the critical points of the ED
    loss ``||mu(theta) - u||^2`` (in function space) for data ``u`` on a
    grid of the line ``base + s v_1`` or the plane ``base + s v_1 + t v_2``.

    See the module documentation: one parametric eliminant over the data
    family (Macaulay2, over ``QQ``), exact counts at each rational grid
    point (Sturm sequences) for one random linear form -- certainty
    ``'exact_random'``, the form recorded in ``provenance.choices`` --
    checked against the slice route of
    :func:`~sage_neuro.optimization.critical_points.loss_critical_points`
    at ``checks`` random grid points. The implicit ideal of the
    neuromanifold is needed (small cases).

    INPUT:

    - ``net`` -- an architecture
    - ``base`` -- a point of the function space
    - ``directions`` -- a list of one or two direction vectors
    - ``ranges`` -- a list of ``(low, high)`` pairs, one per direction
    - ``steps`` -- (default ``21``) grid points per direction
    - ``seed`` -- seed of the linear form and of the checked grid points
    - ``checks`` -- (default ``2``) number of grid points recomputed by the
      slice route
    - ``discriminant`` -- (default ``True``) also compute the ED
      discriminant on the line / plane
    - ``timeout`` -- seconds per Macaulay2 call

    OUTPUT: a :class:`CriticalPointSweep`

    EXAMPLES::

        sage: from sage_neuro import PolynomialMLP
        sage: from sage_neuro.optimization.census import critical_point_census
        sage: C = critical_point_census(PolynomialMLP([2, 1, 1]), [0, 1, 9], [[1, 0, 0]], [(0, 12)], steps=7, checks=1)
        sage: C.real.tolist(), C.provenance.method
        ([2, 2, 2, 2, 4, 4, 4], 'exact_random')
        sage: critical_point_census(PolynomialMLP([2, 1, 1]), [0, 1, 9], [[1, 0, 0]], [(0, 12), (0, 1)])
        Traceback (most recent call last):
        ...
        ValueError: ranges must give one (low, high) pair per direction (1), got 2
    """
    from sage_neuro.optimization.discriminant import data_family, ed_discriminant
    steps = check_positive_int(steps, "steps")
    checks = check_positive_int(checks, "checks", minimum=0)
    D, U = data_family(net, base, directions)
    k = len(directions)
    if not isinstance(ranges, (list, tuple)) or len(ranges) != k:
        raise ValueError("ranges must give one (low, high) pair per direction (%d), got %s"
                         % (k, len(ranges) if isinstance(ranges, (list, tuple)) else ranges))
    axes = [_grid(lo, hi, steps) for lo, hi in ranges]
    t0 = time.time()
    n = int(net.ambient_dimension())
    rnd = random.Random(seed)
    c = [rnd.randint(1, 97) for _ in range(n)]
    I = net.neuromanifold().ideal(timeout=timeout)
    S = session()
    # the bridge sends rings of at least two variables: a line uses (s, t), t unused
    D2 = PolynomialRing(QQ, 2, ["s", "t"])
    U2 = [D2(f(*D2.gens()[:k])) for f in U]
    co = S.call("edEliminant", S.ideal(I), S.polys(U2, D2), c, ring=D2, timeout=timeout)
    co = [D2(x) for x in co]
    Y = PolynomialRing(QQ, "y")
    shape = tuple(len(a) for a in axes)
    real = numpy.zeros(shape, dtype=int)
    comp = numpy.zeros(shape, dtype=int)
    for idx in numpy.ndindex(*shape):
        pt = [axes[j][idx[j]] for j in range(k)] + [0] * (2 - k)
        e = Y([a(*pt) for a in co])
        if e == 0:
            raise ArithmeticError("the eliminant vanishes identically at %s: a positive-"
                                  "dimensional critical set" % pt[:k])
        sf = e // e.gcd(e.derivative())
        comp[idx] = sf.degree()
        real[idx] = sf.number_of_real_roots()
    disc = ed_discriminant(net, base, directions, timeout=timeout) if discriminant else None
    # the independent check: the slice route at random grid points (off the
    # discriminant, where the slice route needs generic data)
    checked = []
    for _ in range(checks):
        for _ in range(20):
            idx = tuple(rnd.randrange(len(a)) for a in axes)
            if disc is None or disc([axes[j][idx[j]] for j in range(k)]) != 0:
                break
        u = [f(*[axes[j][idx[j]] for j in range(k)]) for f in U]
        from sage_neuro.optimization.critical_points import loss_critical_points
        L = loss_critical_points(net, u, seed=seed, timeout=timeout, slices=1)
        if (L.complex_count, L.real_count) != (comp[idx], real[idx]):
            raise ArithmeticError("the slice route gives (%s, %s) critical points at %s, the "
                                  "eliminant (%s, %s)" % (L.complex_count, L.real_count, u,
                                                          comp[idx], real[idx]))
        checked.append((tuple(u), int(real[idx])))
    # exact over QQ, but the distinct roots of e count the critical points
    # only if the random form l separates them (and a real root comes from a
    # real point only if l is not special): one random choice for the grid
    prov = Provenance("critical_point_census", "%d grid points" % real.size, "exact_random",
                      seeds=(seed,), seconds=time.time() - t0,
                      choices="the linear form l = %s (integers in 1..97, seed %s) and the "
                              "checked grid points" % (c, seed),
                      route="eliminant of the linear form %s on the ED correspondence over the "
                            "data family (Macaulay2, QQ); counts by Sturm sequences at each "
                            "rational grid point" % c,
                      note="checked against the slice route (loss_critical_points) at "
                           "(data, real count) %s" % checked)
    return CriticalPointSweep(net, base, directions, axes, real, comp, disc, prov)
