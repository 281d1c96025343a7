r"""
Sections of the atlas report (``sage-neuro atlas``): each computes its
examples through the public API of the mathematics layer, draws them with
:mod:`sage_neuro.reports.plots` and returns or appends Markdown.

EXAMPLES::

    sage: from sage_neuro.reports.atlas import atlas_voronoi_plot
    sage: import tempfile, os
    sage: d = tempfile.mkdtemp()
    sage: atlas_voronoi_plot(d, resolution=20).startswith('## Voronoi')
    True
"""

import os
import time

from sage.rings.polynomial.polynomial_ring_constructor import PolynomialRing
from sage.rings.rational_field import QQ

from sage_neuro.invariants.multiplicity import check_singularities_by_parametrization
from sage_neuro.invariants.voronoi import cone_example, cusp_example
from sage_neuro.optimization.census import critical_point_census
from sage_neuro.reports.plots import plot_voronoi_curve, plot_voronoi_surface


def atlas_voronoi_plot(out_dir, resolution=120):
    r"""
    Write ``out_dir/voronoi_cusp.png`` (the Voronoi cells on
    :func:`cusp_example`) and return a Markdown paragraph describing it.

    EXAMPLES::

        sage: from sage_neuro.reports.atlas import atlas_voronoi_plot
        sage: import tempfile, os
        sage: d = tempfile.mkdtemp()
        sage: md = atlas_voronoi_plot(d, resolution=30)
        sage: os.path.exists(os.path.join(d, 'voronoi_cusp.png')), md.startswith('## Voronoi')
        (True, True)
    """
    import os
    X = cusp_example()
    f = os.path.join(out_dir, "voronoi_cusp.png")
    share = plot_voronoi_curve(X, [-0.8, 0.7], f, singular=[0, 0], resolution=resolution,
                               window=(-2, 2, -2, 2), t_range=(-2, 2))
    Y = cone_example()
    cube = plot_voronoi_surface(Y, [(1, 0.5), (-0.4, 1)], os.path.join(out_dir, "voronoi_cone.png"),
                                singular=[0, 0, 0], resolution=max(6, resolution // 8))
    return ("## Voronoi cells\n\n![Voronoi cells](voronoi_cusp.png)\n\n"
            "The functions x -> sigma(w x), sigma(t) = 1 + t^2 + t^3 (%r with the output weight "
            "fixed to 1), in the coordinates (c0_0, c0_1) = (w^3, w^2): the cuspidal cubic "
            "(purple). The Voronoi cells of two smooth points are segments of their normal lines "
            "(green); the cell of the cusp (the dead neuron w = 0) is 2-dimensional (shaded, "
            "%.0f%% of the window; numerical, dense sampling of the curve).\n\n"
            "![Voronoi cells on a cone](voronoi_cone.png)\n\n"
            "The functions (a x_1 + b x_2)^2 (%r with the output weight fixed to 1), coefficients "
            "(a^2, 2ab, b^2): one nappe of the quadric cone c0_1^2 = 4 c0_0 c0_2 (purple). The "
            "cells of two smooth points are segments of their normal lines (green); the cell of "
            "the vertex (the dead neuron a = b = 0) is 3-dimensional (orange: %.0f%% of the grid "
            "points of a cube around it; numerical).\n"
            % (X.architecture(), 100 * share, Y.architecture(), 100 * cube))


def seed_census_plot(out_dir, steps=41, stream=None):
    r"""
    Compute the census of Kohn's landscape example
    (``PolynomialMLP([2, 1, 1])``, data ``(s, 1, t)``) and save its plot as
    ``out_dir/census.png``; return ``(census, filename)``.

    INPUT:

    - ``out_dir`` -- folder of the report
    - ``steps`` -- grid points per axis

    EXAMPLES::

        sage: import os, tempfile
        sage: from sage_neuro.reports.atlas import seed_census_plot
        sage: C, f = seed_census_plot(tempfile.mkdtemp(), steps=9)
        sage: os.path.basename(f), sorted(set(C.real.ravel().tolist()))
        ('census.png', [2, 4])
    """
    from sage_neuro import PolynomialMLP
    net = PolynomialMLP([2, 1, 1], activation=2)
    C = critical_point_census(net, [0, 1, 0], [[1, 0, 0], [0, 0, 1]], [(-4, 12), (-4, 12)],
                              steps=steps, checks=2)
    f = C.plot(os.path.join(out_dir, "census.png"),
               title="Real critical points of ||w (a x + b y)^2 - u||^2, data u = (s, 1, t):\n"
                     "4 complex everywhere; ED discriminant dashed",
               marks=[("(10,1,9)", (10, 9)), ("(3,1,2)", (3, 2))])
    return C, f


def atlas_landscape_section(out_dir, stream=None, steps=41, bias=True):
    r"""
    Append the landscape section to the atlas report ``out_dir/atlas.md``:
    the census plot of Kohn's example (``census.png``) with its
    discriminant and provenance. Failures are reported in the section
    instead of stopping the atlas.

    INPUT:

    - ``out_dir`` -- the report folder (``atlas.md`` is appended to)
    - ``stream`` -- where progress is printed (default ``sys.stdout``)
    - ``steps`` -- grid points per axis
    - ``bias`` -- (default ``True``) also run the singularity-bias contrast
      (:func:`~sage_neuro.optimization.training.singularity_bias_contrast`,
      100 runs of 1500 steps each) and add its plot ``bias.png``

    EXAMPLES::

        sage: import os, tempfile
        sage: from sage_neuro.reports.atlas import atlas_landscape_section
        sage: d = tempfile.mkdtemp()
        sage: atlas_landscape_section(d, open(os.devnull, 'w'), steps=5, bias=False)
        sage: 'census.png' in open(os.path.join(d, 'atlas.md')).read()
        True
    """
    import sys
    stream = stream or sys.stdout
    print("\nlandscape: real critical points across data, ED discriminant ...", file=stream,
          flush=True)
    t0 = time.time()
    lines = ["", "## Loss landscape: real critical points across data", ""]
    try:
        C, f = seed_census_plot(out_dir, steps=steps)
        D = C.discriminant
        lines += ["`PolynomialMLP([2, 1, 1])` (the quadrics `w (a x + b y)^2`), ED loss to the "
                  "data `u = (s, 1, t)` on a %d x %d grid: (complex, real) counts -> grid points "
                  "%s. The real count changes only across the ED discriminant (dashed; "
                  "collisions of critical points, %s; where a critical point falls into the "
                  "vertex, %s)." % (len(C.axes[0]), len(C.axes[1]), C.count_table(),
                                    D.parts.get("collision"), D.parts.get("singular")),
                  "", "Counts: %s. %s" % (C.provenance, C.provenance.note),
                  "", "Discriminant: %s." % D.provenance, "", "![census](census.png)", ""]
        print("        done in %.1f s: %s" % (time.time() - t0, C.count_table()), file=stream)
    except Exception as exc:  # the atlas goes on; the failure is reported
        lines += ["census failed: %s: %s" % (type(exc).__name__, exc), ""]
        print("        failed: %s" % exc, file=stream)
    if bias:
        print("landscape: singularity bias, gradient descent MLP [2,2,1] vs CNN [3,2] ...",
              file=stream, flush=True)
        t0 = time.time()
        try:
            from sage_neuro.optimization.training import singularity_bias_contrast
            exps = singularity_bias_contrast(trials=100, steps=1500, seed=0, progress=False,
                                             filename=os.path.join(out_dir, "bias.png"))
            lines += ["## Singularity bias", "",
                      "Gradient descent on the ED loss from random initializations to random "
                      "data (seeded); end points where the Jacobian of mu drops rank "
                      "(subnetworks):", ""]
            lines += ["- %s" % E for E in exps]
            lines += ["", "![bias](bias.png)", ""]
            print("        done in %.1f s" % (time.time() - t0), file=stream)
        except Exception as exc:  # the atlas goes on; the failure is reported
            lines += ["singularity-bias experiment failed: %s: %s" % (type(exc).__name__, exc), ""]
            print("        failed: %s" % exc, file=stream)
    with open(os.path.join(out_dir, "atlas.md"), "a") as fh:
        fh.write("\n".join(lines))


def atlas_cnn_section(stream=None):
    r"""
    Return the atlas section on CNNs with a generic (non-monomial)
    activation: the certificates of :func:`check_singularities_by_parametrization`
    for filters ``[2, 2]`` with ``sigma = t^3 - 2 t^2 + 3 t``, stride 1 and
    strides ``[2, 1]``, with the locus where ``mu`` is not proper, so that
    the containment on the image is proved (about 8 s), as Markdown.

    INPUT:

    - ``stream`` -- where progress lines go (default: nowhere)

    OUTPUT: a string

    EXAMPLES::

        sage: from sage_neuro.reports.atlas import atlas_cnn_section
        sage: text = atlas_cnn_section()
        sage: 'Sing inside subnetworks on the image mu(C^4); incomparable on the closure' in text
        True
    """
    from sage_neuro.architectures.cnn import PolynomialCNN
    t = PolynomialRing(QQ, "t").gen()
    sigma = t ** 3 - 2 * t ** 2 + 3 * t
    out = ["## Singularities of CNNs with a generic activation\n",
           "The parametrization route (`check_singularities_by_parametrization(net, "
           "nonproper=True)`): no implicit ideal; loci of mu, the locus where mu is not proper "
           "and its preimage exact over QQ, multiplicities modular, sampled boundary limits "
           "tested for the closure, their membership in the image exact.\n"]
    for strides in ([1, 1], [2, 1]):
        net = PolynomialCNN([2, 2], strides=strides, activation=sigma)
        if stream is not None:
            print("CNN singularities: %r ..." % net, file=stream, flush=True)
        C = check_singularities_by_parametrization(net, nonproper=True)
        out.append("```\n%s\n```\n" % "\n".join(C.lines()))
    return "\n".join(out)


def growth_points(rows, quantity="degree"):
    r"""
    Return the points ``family -> [(number of parameters, value)]`` of
    ``quantity`` among the rows of a frontier table (as read from
    ``results.csv`` by ``csv.DictReader``: strings), leaving out the
    trivial values of varieties filling their ambient space.

    INPUT:

    - ``rows`` -- list of dictionaries with ``family``, ``parameters``,
      ``quantity``, ``value``, ``literature``
    - ``quantity`` -- e.g. ``'degree'`` or ``'ed_degree'``

    OUTPUT: a dictionary

    EXAMPLES::

        sage: from sage_neuro.reports.atlas import growth_points
        sage: growth_points([{'family': 'mlp', 'parameters': '4', 'quantity': 'degree', 'value': '6',
        ....:                 'literature': 'new'},
        ....:                {'family': 'mlp', 'parameters': '6', 'quantity': 'degree', 'value': '1',
        ....:                 'literature': 'trivial'}])
        {'mlp': [(4, 6)]}
    """
    out = {}
    for r in rows:
        if r["quantity"] != quantity or r["literature"] == "trivial":
            continue
        try:
            point = (int(r["parameters"]), int(r["value"]))
        except ValueError:
            continue   # not computed
        out.setdefault(r["family"], []).append(point)
    return out


def atlas_frontier_section(out_dir, table_dir):
    r"""
    Return the atlas section on the frontier table (written by
    ``sage-neuro survey frontier`` into ``table_dir``): a link to it, its
    counts, and plots of the growth of the degree and of the ED degree with
    the number of parameters, per family (saved into ``out_dir``), as
    Markdown. Without a table in ``table_dir`` the section says how to
    make it.

    INPUT:

    - ``out_dir`` -- the report folder
    - ``table_dir`` -- the folder of ``results.csv`` and ``results.md``

    OUTPUT: a string

    EXAMPLES::

        sage: import os, tempfile
        sage: from sage_neuro.reports.atlas import atlas_frontier_section
        sage: d = tempfile.mkdtemp()
        sage: print(atlas_frontier_section(d, os.path.join(d, 'none')))
        ## Frontier table
        <BLANKLINE>
        No frontier table in .../none: `sage-neuro survey frontier --out ...` makes it.
        sage: t = os.path.join(d, 'table'); os.makedirs(t)
        sage: _ = open(os.path.join(t, 'results.csv'), 'w').write(
        ....:     'family,parameters,quantity,value,literature,confirmation\n'
        ....:     'mlp,4,degree,6,new,confirmed\nmlp,5,ed_degree,10,new,confirmed\n')
        sage: text = atlas_frontier_section(d, t)
        sage: '[results.md](table/results.md)' in text, 'growth_degree.png' in text
        (True, True)
    """
    import csv
    from sage_neuro.reports.plots import plot_growth
    out = ["## Frontier table\n"]
    path = os.path.join(table_dir, "results.csv")
    if not os.path.exists(path):
        out.append("No frontier table in %s: `sage-neuro survey frontier --out %s` makes it."
                   % (table_dir, table_dir))
        return "\n".join(out)
    with open(path, newline="") as f:
        rows = list(csv.DictReader(f))
    link = os.path.relpath(os.path.join(table_dir, "results.md"), out_dir)
    counts = {}
    for r in rows:
        counts[r["literature"]] = counts.get(r["literature"], 0) + 1
    out.append("Dimension, defect, degree, ED degree and generic critical count of the frontier "
               "grid, each computed twice, compared with the published values: [results.md](%s) "
               "(%d values: %s); the conjecture checks: [conjectures.md](%s).\n" % (
                   link, len(rows), ", ".join("%d %s" % (n, k) for k, n in sorted(counts.items())),
                   os.path.relpath(os.path.join(table_dir, "conjectures.md"), out_dir)))
    for quantity in ("degree", "ed_degree"):
        pts = growth_points(rows, quantity)
        if pts:
            name = "growth_%s.png" % quantity
            try:
                plot_growth(pts, os.path.join(out_dir, name), quantity)
            except ImportError:
                out.append("(matplotlib is not installed: no plot of the %s)\n" % quantity)
                continue
            out.append("![%s vs number of parameters](%s)\n" % (quantity.replace("_", " "), name))
    return "\n".join(out)
