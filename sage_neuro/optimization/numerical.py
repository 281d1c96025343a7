r"""
A numerical count of the critical points of the ED loss, independent of the
algebraic routes: Newton's method from many random complex starts.

The critical equations ``g(theta) = J^T (mu(theta) - u) = 0`` are solved
in the full complex parameter space (no slice, no Groebner basis): from
``starts`` random complex points, Newton steps ``H delta = -g`` with the
complex symmetric Hessian ``H = J^T J + sum_k (mu_k - u_k) Hess mu_k``,
solved in the least-squares sense (``H`` is singular along the symmetry
orbits, which are positive-dimensional solution sets). Converged points
where ``J`` has full rank ``d`` are mapped to function space and
deduplicated; points in ``Crit(mu)`` (spurious) are dropped. The number of
distinct image points is a *lower bound* for the ED degree at ``u`` that is
reached in practice for small counts and enough starts (the provenance
records how many starts found each point; a point found only once is a
warning sign). The real ones are those with imaginary part below the
tolerance.

EXAMPLES::

    sage: from sage_neuro import PolynomialMLP
    sage: from sage_neuro.optimization.numerical import newton_critical_points
    sage: R = newton_critical_points(PolynomialMLP([2, 1, 1]), [10, 1, 9], starts=200)
    sage: R['complex'], R['real']
    (4, 4)
"""

import time

import numpy

from sage_neuro.provenance import Provenance
from sage_neuro.validation import check_point, check_positive_int


def _start_scale(net, scale):
    # starts of the size of the data's preimages (mu of degree k: |theta|^k
    # ~ |u|): from much smaller starts Newton runs into the vertex theta = 0
    k = max([1] + [f.degree() for f in net.coordinate_functions() if f != 0])
    return scale ** (1.0 / k)


def newton_critical_points(net, target, starts=500, iterations=60, seed=0, tolerance=1e-9,
                           dimension=None):
    r"""
    Return the critical points of ``||mu(theta) - target||^2`` found by
    Newton's method from random complex starts (see the module
    documentation), as a dictionary: ``complex`` (number of distinct
    function-space points), ``real``, ``points`` (complex numpy array, one
    row per point), ``hits`` (how many starts converged to each),
    ``provenance``.

    INPUT:

    - ``net`` -- an architecture
    - ``target`` -- a point of the function space
    - ``starts`` -- (default ``500``) number of random starts
    - ``iterations`` -- (default ``60``) Newton steps
    - ``seed`` -- seed of the starts
    - ``tolerance`` -- relative tolerance of convergence and deduplication
    - ``dimension`` -- the generic rank ``d`` of the Jacobian (computed if
      not given)

    EXAMPLES::

        sage: from sage_neuro import LinearNetwork
        sage: from sage_neuro.optimization.numerical import newton_critical_points
        sage: R = newton_critical_points(LinearNetwork([3, 1, 3]), [1, 2, 0, 0, 3, 1, 2, 0, 5], starts=100)
        sage: R['complex'], R['real'], R['provenance'].method
        (3, 3, 'numerical')
    """
    from sage_neuro.optimization.training import NumericMap
    starts = check_positive_int(starts, "starts")
    n, N = int(net.ambient_dimension()), int(net.num_parameters())
    u = numpy.array([complex(x) for x in check_point(target, n, name="target")])
    d = int(dimension if dimension is not None else net.neuromanifold().dimension())
    t0 = time.time()
    F = NumericMap(net)
    rng = numpy.random.default_rng(int(seed))
    scale = 1.0 + numpy.abs(u).max()
    theta = _start_scale(net, scale) * (rng.standard_normal((int(starts), N))
                                        + 1j * rng.standard_normal((int(starts), N)))
    for _ in range(int(iterations)):
        J = F.jacobians(theta)
        r = F.values(theta) - u
        g = numpy.einsum("tij,ti->tj", J, r)
        H = numpy.einsum("tij,tik->tjk", J, J) + numpy.einsum("ti,tijk->tjk", r, F.hessians(theta))
        step = numpy.stack([numpy.linalg.lstsq(H[k], -g[k], rcond=1e-12)[0] for k in range(len(theta))])
        theta = theta + step
        # runs that diverge are reset to keep the arithmetic finite
        bad = ~numpy.isfinite(theta).all(axis=1) | (numpy.abs(theta).max(axis=1) > 1e6)
        theta[bad] = 0
    J = F.jacobians(theta)
    r = F.values(theta) - u
    g = numpy.linalg.norm(numpy.einsum("tij,ti->tj", J, r), axis=1)
    sv = numpy.linalg.svd(J, compute_uv=False)
    top = numpy.maximum(sv[:, 0], 1e-300)
    # full rank, relatively and absolutely (the vertex theta -> 0 of a cone
    # attracts many starts: J -> 0 there)
    ok = ((g < tolerance * scale ** 2 * 10) & (sv[:, d - 1] / top > 1e-6)
          & (sv[:, d - 1] > 1e-6) & numpy.isfinite(g))
    images = F.values(theta[ok])
    pts, hits = [], []
    for p in images:
        for i, q in enumerate(pts):
            if numpy.abs(p - q).max() < 1e3 * tolerance * scale:
                hits[i] += 1
                break
        else:
            pts.append(p)
            hits.append(1)
    pts = numpy.array(pts) if pts else numpy.zeros((0, n), dtype=complex)
    real = int(sum(1 for p in pts if numpy.abs(p.imag).max() < 1e3 * tolerance * scale))
    prov = Provenance("newton_critical_points", (len(pts), real), "numerical", seeds=(int(seed),),
                      seconds=time.time() - t0,
                      choices="%d complex Gaussian starts (numpy seed %s)" % (starts, seed),
                      certificate="each point: |J^T (mu - u)| < %.1g (scaled), the smallest of the "
                                  "top %d singular values of J above 1e-6; no completeness "
                                  "certificate (a critical point no start reached is missed)"
                                  % (tolerance * 10, d),
                      route="Newton's method (least-squares steps, complex symmetric Hessian) on "
                            "J^T (mu - u) = 0 from %d random complex starts, %d iterations; "
                            "points with rank J < %d dropped; images deduplicated"
                            % (starts, iterations, d),
                      note="%d of %d starts converged to a true critical point; hits per point %s"
                           % (int(ok.sum()), starts, hits))
    return {"complex": len(pts), "real": real, "points": pts, "hits": hits, "provenance": prov}


def _newton(F, theta, u, iterations):
    # least-squares Newton steps on J^T (mu - u) = 0 for a batch; u: (T, n) or (n,)
    for _ in range(iterations):
        J = F.jacobians(theta)
        r = F.values(theta) - u
        g = numpy.einsum("tij,ti->tj", J, r)
        H = numpy.einsum("tij,tik->tjk", J, J) + numpy.einsum("ti,tijk->tjk", r, F.hessians(theta))
        step = numpy.stack([numpy.linalg.lstsq(H[k], -g[k], rcond=1e-12)[0]
                            for k in range(len(theta))])
        theta = theta + step
    return theta


def _track(F, theta, u0, u1, steps=60, corrector=3):
    # follow the critical points from data u0 to u1 along the straight
    # segment (complex data: the segment avoids the discriminant with
    # probability one); Newton correction at each step
    for k in range(1, steps + 1):
        s = k / steps
        theta = _newton(F, theta, (1 - s) * u0 + s * u1, corrector)
    return theta


def monodromy_critical_points(net, target, seed=0, starts=40, loops=8, steps=60):
    r"""
    Return the number of complex and real critical points of
    ``||mu(theta) - target||^2`` (in function space) by numerical
    monodromy: Newton from ``starts`` random starts at random complex data
    ``u0`` gives some critical points; the solutions are tracked around
    triangle loops ``u0 -> u1 -> u2 -> u0`` (random complex ``u1, u2``),
    which permute them, until ``loops`` loops in a row (at least one) bring
    nothing new; they are then tracked from ``u0`` to ``target``. A lower
    bound for the ED degree, equal to it when the monodromy group acts
    transitively and enough loops are run (the usual numerical route).

    OUTPUT: a dictionary like :func:`newton_critical_points` (``complex``,
    ``real``, ``points``, ``provenance``) with ``generic`` (the count at
    ``u0``)

    EXAMPLES::

        sage: from sage_neuro import PolynomialMLP
        sage: from sage_neuro.optimization.numerical import monodromy_critical_points
        sage: R = monodromy_critical_points(PolynomialMLP([2, 1, 1]), [3, 1, 2], loops=2)
        sage: R['generic'], R['complex'], R['real']
        (4, 4, 2)
    """
    from sage_neuro.optimization.training import NumericMap
    n, N = int(net.ambient_dimension()), int(net.num_parameters())
    u = numpy.array([complex(x) for x in check_point(target, n, name="target")])
    d = int(net.neuromanifold().dimension())
    t0 = time.time()
    F = NumericMap(net)
    rng = numpy.random.default_rng(int(seed))

    def cplx(*shape):
        return rng.standard_normal(shape) + 1j * rng.standard_normal(shape)
    scale = 1.0 + numpy.abs(u).max()
    u0 = scale * cplx(n)

    def good(theta, data):
        J = F.jacobians(theta)
        r = F.values(theta) - data
        g = numpy.linalg.norm(numpy.einsum("tij,ti->tj", J, r), axis=1)
        sv = numpy.linalg.svd(J, compute_uv=False)
        return (numpy.isfinite(g) & (g < 1e-6 * scale ** 2) & (sv[:, d - 1] > 1e-6)
                & (sv[:, d - 1] / numpy.maximum(sv[:, 0], 1e-300) > 1e-6))

    def add(sols, theta):
        new = 0
        for th, p in zip(theta, F.values(theta)):
            if not any(numpy.abs(p - q).max() < 1e-5 * scale for _, q in sols):
                sols.append((th, p))
                new += 1
        return new
    theta = _newton(F, _start_scale(net, scale) * cplx(int(starts), N), u0, 60)
    sols = []
    add(sols, theta[good(theta, u0)])
    if not sols:
        raise ArithmeticError("Newton's method found no critical point of full rank from %d "
                              "starts; try more starts or another seed" % starts)
    quiet, done = 0, 0
    while quiet < loops:
        u1, u2 = scale * cplx(n), scale * cplx(n)
        th = numpy.array([s[0] for s in sols])
        th = _track(F, _track(F, _track(F, th, u0, u1, steps), u1, u2, steps), u2, u0, steps)
        th = _newton(F, th, u0, 5)
        new = add(sols, th[good(th, u0)])
        quiet = 0 if new else quiet + 1
        done += 1
    generic = len(sols)
    th = numpy.array([s[0] for s in sols]) if sols else numpy.zeros((0, N), dtype=complex)
    # to the target; paths that fail are retried through a random complex
    # midpoint with twice the steps (the union of the end points is kept)
    pts = []
    for attempt in range(3):
        if not len(th):
            break
        if attempt == 0:
            end = _track(F, th, u0, u, steps)
        else:
            um = scale * cplx(n)
            k = steps * 2 ** attempt
            end = _track(F, _track(F, th, u0, um, k), um, u, k)
        end = _newton(F, end, u, 10)
        keep = end[good(end, u)]
        if len(keep):
            add(pts, keep)
        if len(pts) >= generic:
            break
    P = numpy.array([p for _, p in pts]) if pts else numpy.zeros((0, n), dtype=complex)
    real = int(sum(1 for p in P if numpy.abs(p.imag).max() < 1e-6 * scale))
    prov = Provenance("monodromy_critical_points", (len(P), real), "numerical", seeds=(int(seed),),
                      seconds=time.time() - t0,
                      choices="starts, random complex data and loop points (numpy seed %s)" % seed,
                      certificate="stopping criterion only: %d monodromy loops in a row found no "
                                  "new point (no trace test); Newton-refined end points"
                                  % min(loops, done),
                      route="Newton from %d starts at random complex data, %d monodromy loops "
                            "(the last %d brought nothing new), tracked to the target (%d steps "
                            "per segment)" % (starts, done, min(loops, done), steps),
                      note="%d critical points at the random data, %d at the target" % (generic, len(P)))
    return {"generic": generic, "complex": len(P), "real": real, "points": P,
            "provenance": prov}
