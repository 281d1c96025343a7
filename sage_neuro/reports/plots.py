r"""
Plots of the report layer: Voronoi cells on curves and surfaces, censuses
of real critical points over data, and training experiments.

The mathematics layer (:mod:`sage_neuro.invariants`,
:mod:`sage_neuro.optimization`) computes values and certificates; this
module only draws them (matplotlib, PNG files). The ``plot`` methods of the
result classes call these functions.

EXAMPLES::

    sage: import os
    sage: from sage_neuro import LinearNetwork
    sage: from sage_neuro.reports.plots import plot_experiments
    sage: E = LinearNetwork([2, 1, 2]).training_experiment(trials=4, steps=20, progress=False)
    sage: os.path.exists(plot_experiments([E], os.path.join(tmp_dir(), 'e.png')))
    True
"""

import math

import numpy

from sage.rings.rational_field import QQ



def _pyplot():
    # matplotlib's pyplot, drawing into files without a display
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    return plt


def _save(fig, filename, dpi=110, tight=True):
    # write the PNG and free the figure (pyplot keeps every open figure)
    if tight:
        fig.tight_layout()
    fig.savefig(filename, dpi=dpi)
    _pyplot().close(fig)

def plot_voronoi_curve(X, points, filename, window=None, singular=None, resolution=200,
                       t_range=(-3, 3)):
    r"""
    Draw a plane curve ``X`` (a :class:`ParametrizedSet` of dimension 1 in
    2 coordinates with one free parameter) in purple, the Voronoi cells of
    the given smooth points (segments on their normal lines) and of the
    given singular point (a 2-dimensional region, shaded), and save a PNG.

    Distances to the curve are computed from a dense sample of the
    parametrization over ``t_range`` refined by Newton steps (numerical).
    A grid point ``u`` is in the cell of ``p`` when ``||u - p|| <= dist(u, X)``
    up to ``1e-9`` relative.

    INPUT:

    - ``X`` -- the curve
    - ``points`` -- parameter values ``t`` of the smooth points to draw
    - ``filename`` -- the PNG to write
    - ``window`` -- ``(xmin, xmax, ymin, ymax)`` (default: around the curve)
    - ``singular`` -- a point (2 coordinates) whose cell is shaded
    - ``resolution`` -- grid points per axis for the shaded region

    OUTPUT: the fraction of the window's grid points in the shaded cell

    EXAMPLES::

        sage: from sage_neuro import PolynomialMLP
        sage: from sage_neuro.invariants.voronoi import ParametrizedSet
        sage: from sage_neuro.reports.plots import plot_voronoi_curve
        sage: import os
        sage: R.<t> = QQ[]
        sage: X = ParametrizedSet(PolynomialMLP([1, 1, 1], activation=1 + t^2 + t^3), fixed={'w2_0_0': 1})
        sage: f = os.path.join(tmp_dir(), 'cusp.png')
        sage: share = plot_voronoi_curve(X, [-0.8, 0.7], f, singular=[0, 0], resolution=60,
        ....:                            window=(-2, 2, -2, 2), t_range=(-2, 2))
        sage: os.path.exists(f), 0.2 < share < 0.8
        (True, True)
    """
    import numpy as np
    plt = _pyplot()
    if X.ambient_dimension() != 2 or X.free_parameter_count() != 1:
        raise ValueError("X must be a plane curve with one free parameter; got %r" % (X,))
    def c_(t):
        return X.values(np.asarray(t, dtype=float)[:, None])

    def dc_(t, h=1e-6):
        return (c_(t + h) - c_(t - h)) / (2 * h)

    ts = np.linspace(t_range[0], t_range[1], 1501)
    curve = c_(ts)
    if window is None:
        lo, hi = curve.min(axis=0), curve.max(axis=0)
        pad = 0.1 * (hi - lo).max()
        window = (lo[0] - pad, hi[0] + pad, lo[1] - pad, hi[1] + pad)

    def dist(U):
        # nearest of the dense sample (in chunks), then Newton steps on
        # (c(t) - u).c'(t) = 0
        k = np.empty(len(U), dtype=int)
        dmin = np.empty(len(U))
        for a in range(0, len(U), 500):
            D = ((U[a:a + 500, None, :] - curve[None, :, :]) ** 2).sum(axis=2)
            k[a:a + 500] = D.argmin(axis=1)
            dmin[a:a + 500] = D.min(axis=1)
        t = ts[k].copy()
        for _ in range(5):
            c = c_(t)
            dc = dc_(t)
            dc2 = (dc_(t + 1e-4) - dc_(t - 1e-4)) / 2e-4
            g = ((c - U) * dc).sum(axis=1)
            gp = (dc * dc).sum(axis=1) + ((c - U) * dc2).sum(axis=1)
            step = np.where(np.abs(gp) > 1e-12, g / np.where(gp == 0, 1, gp), 0)
            t2 = np.clip(t - step, t_range[0], t_range[1])
            c2 = c_(t2)
            better = ((c2 - U) ** 2).sum(axis=1) < ((c - U) ** 2).sum(axis=1)
            t = np.where(better, t2, t)
        c = c_(t)
        return np.minimum(np.sqrt(((c - U) ** 2).sum(axis=1)), np.sqrt(dmin))

    fig, ax = plt.subplots(figsize=(6, 6))
    share = 0.0
    if singular is not None:
        xs = np.linspace(window[0], window[1], resolution)
        ys = np.linspace(window[2], window[3], resolution)
        G = np.array([[x, y] for y in ys for x in xs])
        p = np.array([float(c) for c in singular])
        inside = np.linalg.norm(G - p, axis=1) <= dist(G) * (1 + 1e-9) + 1e-12
        share = float(inside.mean())
        ax.contourf(xs, ys, inside.reshape(resolution, resolution).astype(float), levels=[0.5, 1.5],
                    colors=["#f4c542"], alpha=0.6)
        ax.plot([p[0]], [p[1]], "o", color="black")
    for t0 in points:
        p = c_([t0])[0]
        tang = dc_(np.array([t0], dtype=float))[0]
        nrm = np.array([-tang[1], tang[0]]) / np.linalg.norm(tang)
        span = max(window[1] - window[0], window[3] - window[2])
        s = np.linspace(-span, span, 2001)
        U = p[None, :] + s[:, None] * nrm[None, :]
        ok = np.linalg.norm(U - p, axis=1) <= dist(U) * (1 + 1e-6) + 1e-9
        seg = U[ok]
        if len(seg):
            ax.plot(seg[:, 0], seg[:, 1], color="tab:green", lw=2)
        ax.plot([p[0]], [p[1]], "o", color="tab:green")
    ax.plot(curve[:, 0], curve[:, 1], color="purple", lw=2.5)
    ax.set_xlim(window[0], window[1])
    ax.set_ylim(window[2], window[3])
    ax.set_aspect("equal")
    ax.set_xlabel(X.coordinate_names()[0])
    ax.set_ylabel(X.coordinate_names()[1])
    ax.set_title("Voronoi cells on %s" % ("a plane curve" if not X.fixed_parameters() else repr(X.architecture())), fontsize=8)
    _save(fig, filename, dpi=120, tight=False)
    return share


def plot_voronoi_surface(X, points, filename, singular=None, resolution=14, box=1.0,
                         param_range=(-1.3, 1.3), grid=81):
    r"""
    Draw a surface ``X`` in 3-space (a :class:`ParametrizedSet` of dimension
    2 in 3 coordinates with two free parameters) in purple, the Voronoi
    cells of the given smooth points (segments on their normal lines, green)
    and the cell of the given singular point (a cloud of the grid points of
    a cube around it that have it as a nearest point, orange), and save a
    PNG.

    Distances to the surface come from a dense ``grid x grid`` sample of the
    parametrization over ``param_range^2`` refined by Gauss-Newton steps
    (numerical). A point ``u`` is in the cell of ``p`` when
    ``||u - p|| <= dist(u, X)`` up to ``1e-6`` relative.

    INPUT:

    - ``X`` -- the surface
    - ``points`` -- parameter pairs of the smooth points to draw
    - ``filename`` -- the PNG to write
    - ``singular`` -- a point (3 coordinates) whose cell is drawn
    - ``resolution`` -- grid points per axis of the cube ``p + [-box, box]^3``
      tested for the singular point's cell
    - ``param_range``, ``grid`` -- the sample of the parametrization

    OUTPUT: the fraction of the cube's grid points in the singular point's
    cell (``0`` without ``singular``); a positive fraction means a
    3-dimensional cell

    EXAMPLES::

        sage: from sage_neuro.invariants.voronoi import cone_example
        sage: from sage_neuro.reports.plots import plot_voronoi_surface
        sage: import os
        sage: X = cone_example(); X.dimension(), X.ambient_dimension()
        (2, 3)
        sage: f = os.path.join(tmp_dir(), 'cone.png')
        sage: share = plot_voronoi_surface(X, [(1, 0.5), (-0.4, 1)], f, singular=[0, 0, 0],
        ....:                              resolution=8, grid=41)
        sage: os.path.exists(f), 0.1 < share < 0.9
        (True, True)
    """
    import numpy as np
    plt = _pyplot()
    if X.ambient_dimension() != 3 or X.free_parameter_count() != 2:
        raise ValueError("X must be a surface in 3-space with two free parameters; got %r" % (X,))
    a = np.linspace(param_range[0], param_range[1], grid)
    A, B = np.meshgrid(a, a)
    params = np.column_stack([A.ravel(), B.ravel()])
    sample = X.values(params)

    def dist(U):
        # nearest sample point, then Gauss-Newton on the parameters
        best = np.empty((len(U), 2))
        for k in range(0, len(U), 200):
            D = ((U[k:k + 200, None, :] - sample[None, :, :]) ** 2).sum(axis=2)
            best[k:k + 200] = params[D.argmin(axis=1)]
        d0 = np.linalg.norm(X.values(best) - U, axis=1)
        th = best.copy()
        for _ in range(8):
            r = X.values(th) - U
            h = 1e-6
            J = np.stack([(X.values(th + h * e) - X.values(th - h * e)) / (2 * h)
                          for e in np.eye(2)], axis=2)          # (n, 3, 2)
            JtJ = np.einsum("nij,nik->njk", J, J) + 1e-9 * np.eye(2)
            step = np.linalg.solve(JtJ, np.einsum("nij,ni->nj", J, r)[..., None])[..., 0]
            th2 = th - step
            better = np.linalg.norm(X.values(th2) - U, axis=1) < np.linalg.norm(r, axis=1)
            th = np.where(better[:, None], th2, th)
        return np.minimum(d0, np.linalg.norm(X.values(th) - U, axis=1))

    fig = plt.figure(figsize=(6.5, 6))
    ax = fig.add_subplot(projection="3d")
    S = sample.reshape(grid, grid, 3)
    ax.plot_surface(S[:, :, 0], S[:, :, 1], S[:, :, 2], color="purple", alpha=0.35, linewidth=0)
    share = 0.0
    if singular is not None:
        p = np.array([float(c) for c in singular])
        g = np.linspace(-box, box, resolution)
        U = p + np.array([[x, y, z] for x in g for y in g for z in g])
        inside = np.linalg.norm(U - p, axis=1) <= dist(U) * (1 + 1e-6) + 1e-9
        share = float(inside.mean())
        ax.scatter(U[inside, 0], U[inside, 1], U[inside, 2], color="#f4a300", s=6, alpha=0.5)
        ax.scatter([p[0]], [p[1]], [p[2]], color="black", s=25)
    for t0 in points:
        th = np.array([[float(t0[0]), float(t0[1])]])
        q = X.values(th)[0]
        J = X.jacobian_at(th[0])
        n = np.cross(J[:, 0], J[:, 1])
        n /= np.linalg.norm(n)
        s = np.linspace(-2 * box, 2 * box, 401)
        U = q[None, :] + s[:, None] * n[None, :]
        ok = np.linalg.norm(U - q, axis=1) <= dist(U) * (1 + 1e-6) + 1e-9
        if ok.any():
            ax.plot(U[ok, 0], U[ok, 1], U[ok, 2], color="tab:green", lw=2)
        ax.scatter([q[0]], [q[1]], [q[2]], color="tab:green", s=20)
    names = X.coordinate_names()
    ax.set_xlabel(names[0])
    ax.set_ylabel(names[1])
    ax.set_zlabel(names[2])
    ax.set_title("Voronoi cells on %r%s" % (X.architecture(), "".join(
        ", %s = %s" % kv for kv in sorted(X.fixed_parameters().items()))), fontsize=8)
    _save(fig, filename, dpi=110, tight=False)
    return share


def plot_critical_point_sweep(census, filename, title=None, marks=()):
    r"""
    Draw a census of real critical points over data and save it as a PNG:
    for a plane, colored regions by real count with the parts of the ED
    discriminant dashed; for a line, the real and complex counts against
    ``s`` with the real roots of the discriminant as dashed vertical lines.

    INPUT:

    - ``census`` -- a :class:`~sage_neuro.optimization.census.CriticalPointSweep`
    - ``filename`` -- path of the PNG file
    - ``title`` -- (optional) the title
    - ``marks`` -- (optional) list of ``(label, point)`` to mark, a point
      being ``(s, t)`` (plane) or ``s`` (line)

    OUTPUT: ``filename``

    EXAMPLES::

        sage: import os
        sage: from sage_neuro import PolynomialMLP
        sage: from sage_neuro.reports.plots import plot_critical_point_sweep
        sage: C = PolynomialMLP([2, 1, 1]).critical_point_census([0, 1, 9], [[1, 0, 0]], [(0, 12)], steps=13, checks=0)
        sage: f = plot_critical_point_sweep(C, os.path.join(tmp_dir(), 'line.png'))
        sage: os.path.getsize(f) > 0
        True
    """
    plt = _pyplot()
    from matplotlib.colors import BoundaryNorm, ListedColormap
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch
    fig, ax = plt.subplots(figsize=(6.4, 5.2))
    parts = dict(census.discriminant.parts) if census.discriminant is not None else {}
    if not parts and census.discriminant is not None:
        parts = {"discriminant": census.discriminant.polynomial()}
    styles = {"collision": ("k", "--"), "infinity": ("tab:purple", ":"),
              "singular": ("tab:gray", "-."), "discriminant": ("k", "--")}
    if len(census.axes) == 2:
        s = numpy.array([float(x) for x in census.axes[0]])
        t = numpy.array([float(x) for x in census.axes[1]])
        levels = sorted(set(int(r) for r in census.real.ravel()))
        colors = ["#fde0dd", "#c6dbef", "#a1d99b", "#fdae6b", "#bcbddc", "#fa9fb5"]
        cmap = ListedColormap([colors[i % len(colors)] for i in range(len(levels))])
        index = numpy.vectorize(lambda r: levels.index(int(r)))(census.real)
        norm = BoundaryNorm(numpy.arange(-0.5, len(levels)), cmap.N)
        ax.pcolormesh(s, t, index.T, cmap=cmap, norm=norm, shading="nearest")
        handles = [Patch(color=cmap(i), label="%d real" % r) for i, r in enumerate(levels)]
        S, T = numpy.meshgrid(numpy.linspace(s[0], s[-1], 400), numpy.linspace(t[0], t[-1], 400))
        for name, f in parts.items():
            if f.degree() <= 0:
                continue
            g = f.change_ring(QQ)
            vals = numpy.zeros_like(S)
            for (a, b), c in g.dict().items():
                vals += float(c) * S ** a * T ** b
            col, ls = styles.get(name, ("k", "--"))
            ax.contour(S, T, vals, levels=[0], colors=col, linestyles=ls, linewidths=1.5)
            handles.append(Line2D([], [], color=col, ls=ls, label="ED discriminant: %s" % name))
        for label, (a, b) in marks:
            ax.plot([float(a)], [float(b)], "k*", ms=9)
            ax.annotate(label, (float(a), float(b)), textcoords="offset points", xytext=(5, 5))
        ax.set_xlim(s[0], s[-1])
        ax.set_ylim(t[0], t[-1])
        ax.set_xlabel("s")
        ax.set_ylabel("t")
        ax.legend(handles=handles, loc="lower right", fontsize=8, framealpha=0.9)
    else:
        s = numpy.array([float(x) for x in census.axes[0]])
        ax.step(s, census.complex, where="mid", color="tab:blue", label="complex")
        ax.step(s, census.real, where="mid", color="tab:red", label="real")
        for name, f in parts.items():
            if f.degree() <= 0:
                continue
            from sage.rings.real_mpfr import RR
            col, ls = styles.get(name, ("k", "--"))
            for r, _ in f.change_ring(QQ).roots(RR):
                if s[0] <= float(r) <= s[-1]:
                    ax.axvline(float(r), color=col, ls=ls, lw=1)
        for label, a in marks:
            ax.axvline(float(a), color="k", lw=0.5)
            ax.annotate(label, (float(a), 0.5))
        ax.set_xlabel("s")
        ax.set_ylabel("critical points")
        ax.legend(fontsize=8)
    u0 = ", ".join(str(x) for x in census.base)
    dirs = " + ".join("%s (%s)" % (v, ", ".join(str(x) for x in d))
                      for v, d in zip("st", census.directions))
    ax.set_title(title or "%r\ndata (%s) + %s" % (census.net, u0, dirs), fontsize=9)
    _save(fig, filename)
    return filename


def plot_experiments(experiments, filename, title=None):
    r"""
    Save a PNG comparing experiments: for each, the histogram of
    ``log10(sigma_d / sigma_1)`` at the end points with the threshold dashed,
    and the fraction ending on the critical locus with its Wilson interval.

    EXAMPLES::

        sage: import os
        sage: from sage_neuro import LinearNetwork
        sage: from sage_neuro.reports.plots import plot_experiments
        sage: E = LinearNetwork([2, 1, 2]).training_experiment(trials=8, steps=50, progress=False)
        sage: os.path.exists(plot_experiments([E, E], os.path.join(tmp_dir(), 't.png')))
        True
    """
    plt = _pyplot()
    fig, (ax, bx) = plt.subplots(1, 2, figsize=(10, 4))
    for E in experiments:
        x = numpy.log10(numpy.maximum(E.rank_ratio, 1e-16))
        ax.hist(x, bins=30, alpha=0.5, label=repr(E.net))
    ax.axvline(math.log10(experiments[0].rank_tolerance), color="k", ls="--", label="threshold")
    ax.set_xlabel("log10(sigma_d / sigma_1) of the Jacobian at the end point")
    ax.set_ylabel("runs")
    ax.legend(fontsize=7)
    names = [repr(E.net).replace(", activation=2", "") for E in experiments]
    fr = [E.fraction_singular() for E in experiments]
    ci = [E.confidence_interval() for E in experiments]
    err = numpy.array([[f - lo for f, (lo, hi) in zip(fr, ci)], [hi - f for f, (lo, hi) in zip(fr, ci)]])
    err = numpy.maximum(err, 0.0)  # rounding at 0 or 1
    bx.bar(range(len(fr)), fr, yerr=err, capsize=6, color="tab:orange")
    bx.set_xticks(range(len(fr)))
    bx.set_xticklabels(names, fontsize=7, rotation=10)
    bx.set_ylim(0, 1)
    bx.set_ylabel("fraction ending on the critical locus (95% Wilson)")
    fig.suptitle(title or "Where gradient descent ends", fontsize=10)
    _save(fig, filename)
    return filename


def plot_sample_fit(experiment, filename, title=None):
    r"""
    Save a PNG of a fit of a data set (:func:`~sage_neuro.optimization.training.fit_samples`):
    the best run's predictions against the data at the samples (values for
    the squared loss; probabilities against the empirical frequencies for
    the likelihood loss), and the final losses of all runs inside the
    domain of the loss, the smallest dashed; runs ending on the critical
    locus of ``mu`` in orange.

    EXAMPLES::

        sage: import os
        sage: from sage_neuro import PolynomialMLP
        sage: from sage_neuro.optimization.training import fit_samples
        sage: from sage_neuro.reports.plots import plot_sample_fit
        sage: X = [[1, 0], [0, 1], [1, 1], [1, -1], [2, 1]]
        sage: E = fit_samples(PolynomialMLP([2, 1, 1]), X, [[1], [2], [0], [3], [1]], trials=6, steps=100, progress=False)
        sage: os.path.exists(plot_sample_fit(E, os.path.join(tmp_dir(), 'fit.png')))
        True
    """
    plt = _pyplot()
    E = experiment
    if E.data is None:
        raise ValueError("experiment must fit a data set (made by fit_samples), not targets in "
                         "function space")
    X, Y = E.data
    fig, (ax, bx) = plt.subplots(1, 2, figsize=(10, 4))
    if E.inside_count():
        P = E.fitted()
        if E.loss_name == "likelihood":
            axis = 1 if Y.shape[1] >= 2 else 0
            observed = Y / numpy.where(Y.sum(axis=axis, keepdims=True) > 0,
                                       Y.sum(axis=axis, keepdims=True), 1)
            ax.set_xlabel("empirical frequency")
            ax.set_ylabel("fitted probability (best run)")
        else:
            observed = Y
            ax.set_xlabel("observed y")
            ax.set_ylabel("fitted f(x) (best run)")
        for i in range(Y.shape[1]):
            ax.scatter(observed[:, i], P[:, i], s=14, label="output %d" % i)
        lo = float(min(observed.min(), P.min()))
        hi = float(max(observed.max(), P.max()))
        ax.plot([lo, hi], [lo, hi], "k:", lw=1)
        ax.legend(fontsize=7)
        inside = ~E.outside
        lo, hi = float(E.loss[inside].min()), float(E.loss[inside].max())
        # all runs at one loss (a convex fit): a window around it, not a zero-width range
        pad = 1e-6 * max(1.0, abs(lo)) if hi - lo < 1e-9 * max(1.0, abs(lo)) else 0.0
        bx.hist([E.loss[inside & ~E.singular], E.loss[inside & E.singular]], bins=30,
                range=(lo - pad, hi + pad), stacked=True, color=["tab:blue", "tab:orange"],
                label=["off the critical locus", "on the critical locus of mu"])
        bx.axvline(float(numpy.nanmin(E.loss)), color="k", ls="--", lw=1)
        bx.legend(fontsize=7)
    bx.set_xlabel("final %s loss" % E.loss_name)
    bx.set_ylabel("runs")
    fig.suptitle(title or "%r: %s loss on %d samples, %d runs (%d outside the positive orthant)"
                 % (E.net, E.loss_name, X.shape[0], E.trials, int(E.outside.sum())), fontsize=9)
    _save(fig, filename)
    return filename


def plot_real_slice(S, filename, title=None):
    r"""
    Draw a :class:`~sage_neuro.invariants.real_slice.RealSlice` and save a
    PNG: samples of the real image ``mu(R^N)`` filled (blue), samples of
    the closure outside it hollow (grey), samples of the singular locus
    highlighted (red: in the real image, orange: not), approximate boundary
    points marked (black crosses). A 3-dimensional slice is drawn as a 3-D
    scatter of the sampled surface.

    INPUT:

    - ``S`` -- a :class:`~sage_neuro.invariants.real_slice.RealSlice`
    - ``filename`` -- the PNG to write
    - ``title`` -- (default: a description of the slice)

    OUTPUT: ``filename``

    EXAMPLES::

        sage: import os
        sage: from sage_neuro import PolynomialCNN
        sage: from sage_neuro.invariants.real_slice import real_slice
        sage: from sage_neuro.reports.plots import plot_real_slice
        sage: S = real_slice(PolynomialCNN([2, 2], activation=1), [1, 0, 0],
        ....:                [[0, 1, 0], [0, 0, 1]], ranges=[(-2, 2), (-2, 2)], steps=3)
        sage: os.path.exists(plot_real_slice(S, os.path.join(tmp_dir(), 's.png')))
        True
    """
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    k = int(S.dimension)

    def arr(pts):
        return numpy.array([[float(x) for x in p] for p in pts]).reshape(-1, k)

    inside = arr([p for p, v in S.samples if v])
    outside = arr([p for p, v in S.samples if not v])
    sing_in = arr([p for p, v in S.singular if v])
    sing_out = arr([p for p, v in S.singular if not v])
    marks = arr(S.boundary)
    if k == 3:
        fig = plt.figure(figsize=(7, 6))
        ax = fig.add_subplot(111, projection="3d")
        plot = ax.scatter
    else:
        fig, ax = plt.subplots(figsize=(6.5, 6))
        plot = ax.scatter
    small = 10 if S.fills else 14

    def draw(A, **kw):
        if len(A):
            plot(*[A[:, i] for i in range(k)], **kw)

    draw(inside, s=small, c="tab:blue", label="in the real image")
    draw(outside, s=small, facecolors="none", edgecolors="grey", label="closure only")
    draw(sing_in, s=28, c="red", label="singular, in the real image")
    draw(sing_out, s=28, c="orange", label="singular, not in the real image")
    draw(marks, s=40, c="black", marker="x", label="boundary (between samples)")
    for i, lab in enumerate(["t1", "t2", "t3"][:k]):
        getattr(ax, "set_%slabel" % "xyz"[i])(lab)
    if title is None:
        title = "%r: real slice, %s" % (S.net, "closure fills it" if S.fills else "closure h(t) = 0")
    ax.set_title(title, fontsize=9)
    ax.legend(fontsize=7, loc="best")
    fig.tight_layout()
    fig.savefig(filename, dpi=110)
    plt.close(fig)
    return filename


def mean_count(text):
    r"""
    Return the mean of the counts ``'a/b/c'`` of a survey table cell, or
    ``None`` when one of them is not a number (``'?'``, ``'timeout'``).

    EXAMPLES::

        sage: from sage_neuro.reports.plots import mean_count
        sage: mean_count('1/2/3'), mean_count('timeout')
        (2.0, None)
    """
    try:
        vals = [float(v) for v in str(text).split("/")]
    except ValueError:
        return None
    return sum(vals) / len(vals) if vals else None


def plot_skip_survey(rows, filename, title=None):
    r"""
    Save a PNG of the skip survey (rows of
    :func:`~sage_neuro.survey.skip_survey.skip_table_rows`, or of its CSV
    file): per architecture, the mean number of spurious critical points
    (complex and real) over the data sets, and the fraction of gradient
    descent runs ending on the critical locus of ``mu``; runs with a skip
    connection are hatched.

    EXAMPLES::

        sage: import os
        sage: from sage_neuro.reports.plots import plot_skip_survey
        sage: rows = [{'architecture': 'PolynomialMLP([1, 1, 2], activation=2)', 'skip': 'no',
        ....:          'spurious_points': '1/1/1', 'spurious_real': '1/0/1', 'gd_singular_fraction': '0.25'},
        ....:         {'architecture': 'PolynomialMLP([1, 1, 2], activation=2, skip=True)', 'skip': 'yes',
        ....:          'spurious_points': 'timeout', 'spurious_real': '', 'gd_singular_fraction': '0.00'}]
        sage: os.path.exists(plot_skip_survey(rows, os.path.join(tmp_dir(), 's.png')))
        True
    """
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    names = [r["architecture"].replace("PolynomialMLP(", "").replace(")", "")
             .replace("activation=", "").replace(", skip=True", " +skip") for r in rows]
    x = numpy.arange(len(rows))
    fig, (ax, bx) = plt.subplots(2, 1, figsize=(max(8, 0.45 * len(rows)), 7), sharex=True)
    for k, (key, color, label) in enumerate((("spurious_points", "tab:red", "spurious, complex"),
                                             ("spurious_real", "tab:blue", "spurious, real"))):
        vals = [mean_count(r.get(key)) for r in rows]
        ax.bar(x + (k - 0.5) * 0.4, [v if v is not None else 0 for v in vals], 0.4, color=color,
               label=label, hatch=None)
        for i, v in enumerate(vals):
            if v is None:
                ax.text(x[i] + (k - 0.5) * 0.4, 0.05, "n/a", rotation=90, fontsize=6, ha="center")
    ax.set_ylabel("spurious critical points\n(function space, mean over data)")
    ax.legend(fontsize=7)
    fr = []
    for r in rows:
        try:
            fr.append(float(r.get("gd_singular_fraction")))
        except (TypeError, ValueError):
            fr.append(numpy.nan)
    bars = bx.bar(x, numpy.nan_to_num(fr), color="tab:orange")
    for i, (b, r) in enumerate(zip(bars, rows)):
        if r.get("skip") == "yes":
            b.set_hatch("//")
        if numpy.isnan(fr[i]):
            bx.text(x[i], 0.02, "n/a", rotation=90, fontsize=6, ha="center")
    bx.set_ylim(0, 1)
    bx.set_ylabel("GD runs ending on Crit(mu)")
    bx.set_xticks(x)
    bx.set_xticklabels(names, rotation=75, fontsize=6)
    fig.suptitle(title or "Skip connections and lower-order terms (hatched: skip)", fontsize=10)
    fig.tight_layout()
    fig.savefig(filename, dpi=110)
    plt.close(fig)
    return filename


def plot_growth(points, filename, quantity="degree", title=None):
    r"""
    Save a PNG of the growth of an invariant with the number of parameters,
    one series per family, on a logarithmic scale (e.g. the degrees of the
    frontier table, :mod:`sage_neuro.survey.frontier`).

    INPUT:

    - ``points`` -- dictionary ``family -> list of (number of parameters, value)``
    - ``filename`` -- the PNG file
    - ``quantity`` -- the name of the invariant (the axis label)
    - ``title`` -- the title (default: ``quantity`` vs parameters)

    OUTPUT: ``filename``

    EXAMPLES::

        sage: import os
        sage: from sage_neuro.reports.plots import plot_growth
        sage: f = os.path.join(tmp_dir(), 'g.png')
        sage: plot_growth({'mlp': [(3, 3), (4, 6), (8, 15)], 'cnn': [(4, 4)]}, f) == f and os.path.exists(f)
        True
        sage: plot_growth({'mlp': [(3, 0)]}, f)
        Traceback (most recent call last):
        ...
        ValueError: the values of a growth plot must be positive (logarithmic scale), got 0 for mlp
    """
    for fam, v in points.items():
        for _, y in v:
            if not y > 0:
                raise ValueError("the values of a growth plot must be positive (logarithmic scale), "
                                 "got %s for %s" % (y, fam))
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    fig, ax = plt.subplots(figsize=(5, 4))
    markers = "osD^v<>"
    for i, (fam, v) in enumerate(sorted(points.items())):
        ax.scatter([float(a) for a, _ in v], [float(b) for _, b in v], label=fam, s=18,
                   marker=markers[i % len(markers)])
    ax.set_yscale("log")
    ax.set_xlabel("number of parameters")
    ax.set_ylabel(quantity.replace("_", " "))
    ax.legend(fontsize=8)
    ax.set_title(title or "%s vs number of parameters" % quantity.replace("_", " "), fontsize=10)
    fig.tight_layout()
    fig.savefig(filename, dpi=100)
    plt.close(fig)
    return filename
