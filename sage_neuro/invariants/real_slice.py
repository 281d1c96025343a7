r"""
Real slices of the neuromanifold: the real points of the Zariski closure in
an affine plane or 3-space of the function space, and which of them are
values of the network at real parameters.

For ``f(t) = base + t_1 d_1 + ... + t_k d_k`` (``k = 2`` or ``3``) the
implicit equations of the closure (:meth:`Neuromanifold.ideal`) restricted
to the slice are polynomials in ``t``. Two cases:

- the closure contains the slice (every restricted equation vanishes):
  the real image is a full-dimensional semialgebraic subset of the slice;
  its membership is decided exactly at the rational points of a grid
  (:func:`~sage_neuro.invariants.real_membership.real_membership`);
- the closure meets the slice in a hypersurface ``h(t) = 0`` (a curve in a
  plane, a surface in 3-space): its real points are sampled exactly -- the
  first ``k - 1`` coordinates on a rational grid, the last one a real root
  of ``h`` (an element of ``AA``) -- and each sample is decided exactly
  (:func:`slice_membership`).

The singular locus of the closure (:meth:`Neuromanifold.singular_locus`)
restricted to the slice is sampled the same way and decided too. Boundary
points of the real image are marked where the decision changes between
neighbouring samples (their positions are known up to the sample spacing).

Plots are drawn by :meth:`RealSlice.plot` in :mod:`sage_neuro.reports.plots`.

EXAMPLES:

The linear CNN with two filters of size 2: ``x^2 + b x + c`` has real
roots iff ``b^2 >= 4 c``::

    sage: from sage_neuro import PolynomialCNN
    sage: from sage_neuro.invariants.real_slice import real_slice
    sage: S = real_slice(PolynomialCNN([2, 2], activation=1), [1, 0, 0],
    ....:                [[0, 1, 0], [0, 0, 1]], ranges=[(-2, 2), (-2, 2)], steps=5)
    sage: S
    Real slice (2-dimensional, the closure fills it): 25 samples, 17 in the real image, ...
"""

from sage.rings.integer import Integer
from sage.rings.polynomial.polynomial_ring_constructor import PolynomialRing
from sage.rings.qqbar import AA
from sage.rings.rational_field import QQ

from sage_neuro.provenance import Provenance, stopwatch


def _grid(lo, hi, steps):
    lo, hi = QQ(lo), QQ(hi)
    if steps == 1:
        return [lo]
    return [lo + (hi - lo) * i / (steps - 1) for i in range(steps)]


def _isolating_interval(alpha):
    # a rational interval (lo, hi) containing alpha and no other root of
    # its minimal polynomial (alpha irrational: no root at the end points)
    from sage.rings.polynomial.real_roots import real_roots
    m = alpha.minpoly()
    for (lo, hi), _ in real_roots(m):
        if AA(lo) <= alpha <= AA(hi):
            return m, QQ(lo), QQ(hi)
    raise ArithmeticError("no isolating interval found for %s" % alpha)


def slice_membership(net, base, directions, t, seed=0):
    r"""
    Decide exactly whether the point ``base + sum_i t_i d_i`` of the
    function space, with ``t_i`` rational or real algebraic (elements of
    ``AA``), is a value of ``mu`` at real parameters.

    Rational points go to
    :func:`~sage_neuro.invariants.real_membership.real_membership`. For an
    irrational ``t_i`` with minimal polynomial ``m_i`` and a rational
    isolating interval ``(l_i, h_i)``, the fiber equations get a variable
    ``s_i`` with ``m_i(s_i) = 0`` and ``(1 + e_i^2) s_i = l_i + h_i e_i^2``:
    a real ``e_i`` puts ``s_i`` in ``[l_i, h_i)``, so the real solutions are
    exactly the real preimages of the point; their existence is decided in
    the cells of a real gauge
    (:func:`~sage_neuro.invariants.real_membership.gauge_cells`) by the
    complete real-point search
    (:func:`~sage_neuro.invariants.real_membership.real_point`).

    INPUT:

    - ``net`` -- an architecture
    - ``base``, ``directions`` -- a rational point and ``k`` rational vectors
    - ``t`` -- ``k`` rationals or elements of ``AA``
    - ``seed`` -- seed of the real-point search (speed only)

    OUTPUT: ``True`` or ``False`` (proved)

    EXAMPLES:

    ``x^2 + b x + 1/2`` has real roots iff ``b^2 >= 2``::

        sage: from sage_neuro import PolynomialCNN
        sage: from sage_neuro.invariants.real_slice import slice_membership
        sage: net = PolynomialCNN([2, 2], activation=1)
        sage: slice_membership(net, [1, 0, 1/2], [[0, 1, 0]], [AA(2).sqrt()])
        True
        sage: slice_membership(net, [1, 0, 1/2], [[0, 1, 0]], [AA(2).sqrt() - 1/1000])
        False
        sage: slice_membership(net, [1, 0, 1/2], [[0, 1, 0]], [2])
        True
    """
    from sage_neuro.invariants.real_membership import gauge_cells, real_membership, real_point
    t = [x if x in QQ else AA(x) for x in t]
    if all(x in QQ for x in t):
        f = [QQ(b) + sum(QQ(x) * QQ(d[j]) for x, d in zip(t, directions)) for j, b in enumerate(base)]
        return real_membership(net, f, seed=seed).verdict == "real image"
    P = net.parameter_ring()
    irr = [i for i, x in enumerate(t) if x not in QQ]
    names = [str(v) for v in P.gens()] + ["s_%d" % i for i in irr] + ["e_%d" % i for i in irr]
    R = PolynomialRing(QQ, names)
    theta = R.gens()[:P.ngens()]
    s = dict(zip(irr, R.gens()[P.ngens():P.ngens() + len(irr)]))
    e = dict(zip(irr, R.gens()[P.ngens() + len(irr):]))
    value = [R(QQ(b)) for b in base]
    eqs = []
    for i, (x, d) in enumerate(zip(t, directions)):
        c = s[i] if i in s else R(QQ(x))
        value = [v + c * QQ(dj) for v, dj in zip(value, d)]
        if i in s:
            m, lo, hi = _isolating_interval(x)
            eqs.append(m(s[i]))
            eqs.append((1 + e[i] ** 2) * s[i] - lo - hi * e[i] ** 2)
    phi = P.hom(list(theta), R)
    eqs += [phi(g) - v for g, v in zip(net.coordinate_functions(), value)]
    I = R.ideal(eqs)
    cells = gauge_cells(net)
    for cell in (cells if cells is not None else [{}]):
        J = I + R.ideal([phi(v) - c for v, c in cell.items()])
        if real_point(J, seed=seed)[0] is not None:
            return True
    return False


class RealSlice:
    r"""
    The real points of the Zariski closure in an affine slice of the
    function space, with exact membership in the real image; returned by
    :func:`real_slice`.

    Attributes:

    - ``base``, ``directions`` -- the slice ``base + sum_i t_i d_i``
    - ``dimension`` -- ``k``, 2 or 3
    - ``fills`` -- whether the closure contains the slice
    - ``equation`` -- the restricted equation ``h(t)`` of the closure
      (``None`` when it fills the slice)
    - ``samples`` -- a list of ``(t, in_real_image)``: ``t`` a tuple of
      rationals and elements of ``AA``
    - ``singular`` -- the same for samples of the singular locus
    - ``boundary`` -- approximate boundary points (tuples of floats):
      midpoints of neighbouring samples with different decisions
    - ``axes`` -- the rational grid of each coordinate
    - ``provenance`` -- a :class:`~sage_neuro.provenance.Provenance`

    EXAMPLES::

        sage: from sage_neuro import PolynomialCNN
        sage: from sage_neuro.invariants.real_slice import real_slice
        sage: S = real_slice(PolynomialCNN([2, 2], activation=1), [1, 0, 0],
        ....:                [[0, 1, 0], [0, 0, 1]], ranges=[(-2, 2), (-2, 2)], steps=3)
        sage: sorted((tuple(t), v) for t, v in S.samples)[:3]
        [((-2, -2), True), ((-2, 0), True), ((-2, 2), False)]
        sage: S.provenance.method
        'proved'
    """

    def __init__(self, net, base, directions, fills, equation, samples, singular, boundary, axes,
                 provenance):
        self.net = net
        self.base = tuple(base)
        self.directions = [tuple(d) for d in directions]
        self.dimension = Integer(len(directions))
        self.fills = fills
        self.equation = equation
        self.samples = samples
        self.singular = singular
        self.boundary = boundary
        self.axes = axes
        self.provenance = provenance

    def plot(self, filename, title=None):
        r"""
        Write a PNG of the slice to ``filename`` (see
        :func:`sage_neuro.reports.plots.plot_real_slice`): samples of the
        real image filled, of the closure only hollow, the singular locus
        highlighted, boundary points marked; a 3-D view for 3-dimensional
        slices. Return ``filename``.

        EXAMPLES::

            sage: import os
            sage: from sage_neuro import PolynomialCNN
            sage: from sage_neuro.invariants.real_slice import real_slice
            sage: S = real_slice(PolynomialCNN([2, 2], activation=1), [1, 0, 0],
            ....:                [[0, 1, 0], [0, 0, 1]], ranges=[(-2, 2), (-2, 2)], steps=3)
            sage: fn = S.plot(os.path.join(tmp_dir(), 'slice.png')); os.path.getsize(fn) > 0
            True
        """
        from sage_neuro.reports.plots import plot_real_slice
        return plot_real_slice(self, filename, title=title)

    def __repr__(self):
        inside = sum(1 for _, v in self.samples if v)
        return ("Real slice (%d-dimensional, %s): %d samples, %d in the real image, %d of the "
                "singular locus, %d boundary marks [%s]"
                % (self.dimension, "the closure fills it" if self.fills else "the closure is h = 0",
                   len(self.samples), inside, len(self.singular), len(self.boundary),
                   self.provenance.method))


def _roots_last(polys, point, T):
    # the real roots of the restricted polynomials in the last coordinate
    # with the others fixed at rationals (common roots of all of them)
    from sage.arith.misc import gcd
    U = PolynomialRing(QQ, "u")
    vals = list(point) + [U.gen()]
    ps = [U(p(*vals)) for p in polys]
    ps = [p for p in ps if p != 0]
    if not ps:
        return None   # the whole line lies in the set
    g = gcd(ps)
    if g.degree() < 1:
        return []
    return sorted(set(r for r, _ in g.roots(AA)))


def _samples(polys, T, axes):
    # exact real points: the first coordinates on the grid, the last a root
    from itertools import product
    out = []
    for head in product(*axes[:-1]):
        roots = _roots_last(polys, head, T)
        if roots is None:
            roots = list(axes[-1])
        for r in roots:
            out.append(tuple(head) + (QQ(r) if r in QQ else r,))
    return out


def real_slice(net, base, directions, ranges=None, steps=9, seed=0, singular=True):
    r"""
    Return the real points of the Zariski closure of the neuromanifold in
    the affine slice ``base + t_1 d_1 + ... + t_k d_k`` (``k = 2`` or
    ``3``), sampled on a grid and decided exactly for membership in the
    real image ``mu(R^N)``, with samples of the singular locus and marked
    boundary points (see the module documentation).

    INPUT:

    - ``net`` -- an architecture
    - ``base`` -- a rational point of the function space
    - ``directions`` -- two or three rational vectors
    - ``ranges`` -- (default ``(-2, 2)`` each) a ``(low, high)`` pair per
      direction
    - ``steps`` -- (default 9) grid values per coordinate
    - ``seed`` -- seed of the real-point searches (speed only)
    - ``singular`` -- (default ``True``) also sample the singular locus

    OUTPUT: a :class:`RealSlice`

    EXAMPLES:

    Bad slices::

        sage: from sage_neuro import PolynomialMLP, PolynomialCNN
        sage: from sage_neuro.invariants.real_slice import real_slice
        sage: net = PolynomialMLP([2, 1, 1])          # the cone b^2 = 4 a c
        sage: real_slice(net, [1, 0, 1], [[1, 0, 0]])
        Traceback (most recent call last):
        ...
        ValueError: directions must be 2 or 3 vectors (a 2- or 3-dimensional slice), got 1
        sage: real_slice(net, [1, 0, 1], [[1, 0, 0], [1, 0, 0]])
        Traceback (most recent call last):
        ...
        ValueError: directions must be linearly independent

    Attention ``(2, 2, 1, 2)`` (pairs of binary quadratic forms with a
    common linear factor, coordinates on the span as in
    :mod:`~sage_neuro.invariants.singular_type`): ``q0 = X^2 + Y^2`` and
    ``q1 = t1 X^2 + XY + t2 Y^2`` never share a real or complex factor
    (``|q1(i, 1)|^2 = (t2 - t1)^2 + 1``), and a plane off the linear span
    meets the closure in a point::

        sage: from sage_neuro import LightningSelfAttention
        sage: from sage_neuro.invariants.singular_type import point_from_span_coordinates
        sage: att = LightningSelfAttention(2, 2, 1, 2)
        sage: P = lambda y: point_from_span_coordinates(att, y)
        sage: real_slice(att, P([0, 1, 0, 1, 2, 0]), [P([0, 0, 1, 0, 0, 0]), P([0, 0, 0, 0, 0, 1])])
        Traceback (most recent call last):
        ...
        ValueError: the slice misses the Zariski closure: no real point of the slice satisfies its equations ...
        sage: e = lambda i: [int(j == i) for j in range(40)]
        sage: real_slice(att, [0] * 40, [e(0), e(1)])
        Traceback (most recent call last):
        ...
        ValueError: the closure meets the slice in dimension 0, not a hypersurface of it (dimension 1): choose a slice inside the linear span
    """
    from sage.matrix.constructor import matrix
    from sage_neuro.validation import check_point, check_positive_int
    if not isinstance(directions, (list, tuple)) or len(directions) not in (2, 3):
        raise ValueError("directions must be 2 or 3 vectors (a 2- or 3-dimensional slice), got %s"
                         % (len(directions) if isinstance(directions, (list, tuple)) else directions))
    n = int(net.ambient_dimension())
    base = [QQ(x) for x in check_point(base, n, name="base")]
    directions = [[QQ(x) for x in check_point(d, n, name="directions")] for d in directions]
    k = len(directions)
    if matrix(QQ, directions).rank() < k:
        raise ValueError("directions must be linearly independent")
    steps = check_positive_int(steps, "steps")
    if ranges is None:
        ranges = [(-2, 2)] * k
    if len(ranges) != k:
        raise ValueError("ranges must give one (low, high) pair per direction (%d), got %d"
                         % (k, len(ranges)))
    axes = [_grid(lo, hi, steps) for lo, hi in ranges]
    M = net.neuromanifold()
    T = PolynomialRing(QQ, ["t%d" % (i + 1) for i in range(k)])
    point = [b + sum(T.gen(i) * d[j] for i, d in enumerate(directions)) for j, b in enumerate(base)]
    with stopwatch() as clock:
        from sage_neuro.invariants.dimension import jacobian_rank
        # a Jacobian of full rank at a rational point: the closure is the
        # whole space (no elimination needed)
        whole = jacobian_rank(net, seed=seed, prime=0)[0] == n
        I = None if whole else M.ideal()
        restricted = [] if whole else [T(g(*point)) for g in I.gens()]
        restricted = [h for h in restricted if h != 0]
        J = T.ideal(restricted)
        if J.dimension() < 0 or (restricted and not _has_real_points(J)):
            raise ValueError("the slice misses the Zariski closure: no real point of the slice "
                             "satisfies its equations %s" % restricted[:3])
        fills = not restricted
        if fills:
            from itertools import product
            pts = [tuple(p) for p in product(*axes)]
            equation = None
        else:
            if J.dimension() != k - 1:
                raise ValueError("the closure meets the slice in dimension %s, not a hypersurface of "
                                 "it (dimension %d): choose a slice inside the linear span"
                                 % (J.dimension(), k - 1))
            from sage.arith.misc import gcd
            equation = gcd(restricted)
            if equation.degree() < 1:
                raise ValueError("the closure meets the slice in no hypersurface of it")
            pts = _samples([equation], T, axes)
        samples = [(p, slice_membership(net, base, directions, p, seed=seed)) for p in pts]
        sing = []
        if singular and not fills:
            for V in M.singular_locus():
                Sr = [T(g(*point)) for g in V.ideal().gens()]
                Sr = [h for h in Sr if h != 0]
                if not Sr or T.ideal(Sr).dimension() not in (0, 1):
                    continue
                found = (_curve_samples(T.ideal(Sr), T, axes) if T.ideal(Sr).dimension() == 1
                         else [tuple(s[v] for v in T.gens()) for s in T.ideal(Sr).variety(AA)])
                for p in found:
                    sing.append((p, slice_membership(net, base, directions, p, seed=seed)))
        boundary = _switches(samples, axes) + _curve_switches(sing, axes)
    prov = Provenance("real_slice", len(samples), "proved", seeds=(seed,), seconds=clock[0],
                      route="implicit equations restricted to the slice; exact real samples "
                            "(rational grid, real algebraic roots); exact membership of each",
                      certificate="every membership decision is exact (real_membership, or the fiber "
                                  "with isolated algebraic coordinates in the gauge cells)",
                      note="boundary marks are midpoints of neighbouring samples with different "
                           "decisions: their positions are known up to the grid spacing")
    return RealSlice(net, base, directions, fills, equation, samples, sing, boundary, axes, prov)


def _has_real_points(J):
    from sage_neuro.invariants.real_membership import real_point
    return real_point(J)[0] is not None


def _curve_samples(C, T, axes):
    # real points of a curve in the slice: the first coordinate on the grid,
    # the finitely many real points of each section (exact, over AA)
    out = []
    t1 = T.gen(0)
    for a in axes[0]:
        K = C + T.ideal([t1 - a])
        if K.dimension() != 0:
            continue
        for s in K.variety(AA):
            out.append(tuple(QQ(s[v]) if s[v] in QQ else s[v] for v in T.gens()))
    return out


def _switches(samples, axes):
    # midpoints of samples that are neighbours on the grid (the same grid
    # values except one coordinate one step apart, or the same grid values
    # and consecutive roots in the last coordinate) with different decisions
    pos = [{QQ(v): i for i, v in enumerate(a)} for a in axes]

    def key(p):
        return tuple(pos[i].get(QQ(x), None) if x in QQ else None for i, x in enumerate(p))

    marks = []
    for i, (p, a) in enumerate(samples):
        for q, b in samples[i + 1:]:
            if a == b:
                continue
            kp, kq = key(p), key(q)
            diff = [j for j in range(len(p)) if p[j] != q[j]]
            near = False
            if len(diff) == 1:
                j = diff[0]
                if kp[j] is not None and kq[j] is not None:
                    near = abs(kp[j] - kq[j]) == 1
                else:
                    near = True   # consecutive algebraic roots on one grid line
            if near:
                marks.append(tuple((float(x) + float(y)) / 2 for x, y in zip(p, q)))
    return marks


def _curve_switches(samples, axes):
    # samples of a curve taken on the grid of the first coordinate: each
    # sample is paired with the nearest sample on the next grid value
    pos = {QQ(v): i for i, v in enumerate(axes[0])}
    marks = []
    for p, a in samples:
        i = pos.get(QQ(p[0]) if p[0] in QQ else None)
        nxt = [(q, b) for q, b in samples if q[0] in QQ and pos.get(QQ(q[0])) == (i + 1 if i is not None else None)]
        if not nxt:
            continue
        q, b = min(nxt, key=lambda qb: sum((float(x) - float(y)) ** 2 for x, y in zip(p, qb[0])))
        if a != b:
            marks.append(tuple((float(x) + float(y)) / 2 for x, y in zip(p, q)))
    return marks
