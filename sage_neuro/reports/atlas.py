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


def real_slice_examples():
    r"""
    Return the real slices of the atlas: a dictionary name -> ``(net,
    base, directions, ranges)``.

    - ``'attention'`` -- lightning self-attention ``(2, 2, 1, 2)``, whose
      functions are pairs of binary quadratic forms ``q0, q1`` with a
      common linear factor: the 3-dimensional slice ``q0 = X^2 + t1 XY + t2
      Y^2``, ``q1 = X^2 + t3 XY + Y^2`` of the 5-dimensional neuromanifold
      (the resultant surface) is singular along the line ``t2 = 1, t1 =
      t3`` (``q0 = q1``), which lies in the real image for ``|t1| >= 2``
      (nodes, cusps at ``+-2``) and leaves it for ``|t1| < 2`` (definite
      forms: a common factor only over ``CC``);
    - ``'mlp'`` -- ``PolynomialMLP([2, 2, 1], activation=3)``: sums of two
      cubes of linear forms; the closure is every binary cubic, the real
      image the cubics of real rank at most 2 (Sylvester: one real root, or
      a triple root). Slice: ``X^3 + t1 X Y^2 + t2 Y^3``;
    - ``'cnn'`` -- the linear CNN with two filters of size 2: quadratics
      with real roots. Slice: ``X^2 + t1 X + t2``.

    EXAMPLES::

        sage: from sage_neuro.reports.atlas import real_slice_examples
        sage: sorted(real_slice_examples())
        ['attention', 'cnn', 'mlp']
    """
    from sage_neuro import LightningSelfAttention, PolynomialCNN, PolynomialMLP
    from sage_neuro.invariants.singular_type import point_from_span_coordinates
    att = LightningSelfAttention(2, 2, 1, 2)

    def forms(q0, q1):
        # span coordinates (c1_5, c1_10, c1_12, c1_13, c1_15, c1_19) of the pair q0, q1
        return point_from_span_coordinates(att, [q0[1], q0[0], q1[0] + q0[1], q0[2],
                                                 q1[1] + q0[2], q1[2]])

    zero = forms((0, 0, 0), (0, 0, 0))
    dirs = [[a - b for a, b in zip(forms(*q), zero)]
            for q in (((0, 1, 0), (0, 0, 0)), ((0, 0, 1), (0, 0, 0)), ((0, 0, 0), (0, 1, 0)))]
    return {
        "attention": (att, forms((1, 0, 0), (1, 0, 1)), dirs, [(-3, 3)] * 3),
        "mlp": (PolynomialMLP([2, 2, 1], activation=3), [1, 0, 0, 0],
                [[0, 0, 1, 0], [0, 0, 0, 1]], [(-3, 3), (-3, 3)]),
        "cnn": (PolynomialCNN([2, 2], activation=1), [1, 0, 0], [[0, 1, 0], [0, 0, 1]],
                [(-3, 3), (-3, 3)]),
    }


def atlas_real_slices_section(out_dir, stream=None, steps=7, names=None):
    r"""
    Draw the real slices of :func:`real_slice_examples` into
    ``out_dir/real_slice_NAME.png`` and return a Markdown section with
    their counts and certainty (about 2 minutes with the default
    ``steps``: every sample is an exact membership decision).

    INPUT:

    - ``out_dir`` -- the report folder
    - ``stream`` -- where progress lines go (default: nowhere)
    - ``steps`` -- grid values per slice coordinate
    - ``names`` -- (default: all) which examples

    OUTPUT: a string

    EXAMPLES::

        sage: import tempfile, os
        sage: from sage_neuro.reports.atlas import atlas_real_slices_section
        sage: d = tempfile.mkdtemp()
        sage: text = atlas_real_slices_section(d, steps=3, names=['cnn'])
        sage: text.startswith('## Real slices'), os.path.exists(os.path.join(d, 'real_slice_cnn.png'))
        (True, True)
    """
    from sage_neuro.invariants.real_slice import real_slice
    from sage_neuro.reports.plots import plot_real_slice
    examples = real_slice_examples()
    out = ["## Real slices: the neuromanifold mu(R^N) inside its Zariski closure\n",
           "Each sample of the closure in an affine slice is decided exactly (real image or not); "
           "filled points are values of the network at real parameters, hollow ones are only "
           "on the closure; the singular locus is red/orange, crosses mark where the decision "
           "changes between neighbouring samples.\n"]
    for name in (names or sorted(examples)):
        net, base, dirs, ranges = examples[name]
        if stream is not None:
            print("real slice %s: %r ..." % (name, net), file=stream, flush=True)
        S = real_slice(net, base, dirs, ranges=ranges, steps=steps)
        fn = plot_real_slice(S, os.path.join(out_dir, "real_slice_%s.png" % name))
        out.append("### %s\n\n`%r`\n\n%s (%.1f s)\n\n![](%s)\n"
                   % (name, net, S, S.provenance.seconds or 0.0, os.path.basename(fn)))
    return "\n".join(out)
