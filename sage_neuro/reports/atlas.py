r"""
Sections of the atlas report (``sage-neuro atlas``): each computes its
examples through the public API of the mathematics layer, draws them with
:mod:`sage_neuro.reports.plots` and returns or appends Markdown.

EXAMPLES::

    sage: from sage_neuro.reports.atlas import atlas_voronoi_plot
    sage: d = tmp_dir()
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
        sage: import os
        sage: d = tmp_dir()
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


def landscape_census_plot(out_dir, steps=41):
    r"""
    Compute the census of Kohn's landscape example
    (``PolynomialMLP([2, 1, 1])``, data ``(s, 1, t)``) and save its plot as
    ``out_dir/census.png``; return ``(census, filename)``.

    INPUT:

    - ``out_dir`` -- folder of the report
    - ``steps`` -- grid points per axis

    EXAMPLES::

        sage: import os
        sage: from sage_neuro.reports.atlas import landscape_census_plot
        sage: C, f = landscape_census_plot(tmp_dir(), steps=9)
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

        sage: import os
        sage: from sage_neuro.reports.atlas import atlas_landscape_section
        sage: d = tmp_dir()
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
        C, f = landscape_census_plot(out_dir, steps=steps)
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

        sage: import os
        sage: from sage_neuro.reports.atlas import atlas_real_slices_section
        sage: d = tmp_dir()
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


def skip_survey_file():
    r"""
    Return the path of the committed skip survey table
    ``docs/atlas/skip_survey.csv`` of the source tree (written by
    ``python -m sage_neuro.survey.skip_survey docs/atlas``).

    EXAMPLES::

        sage: from sage_neuro.reports.atlas import skip_survey_file
        sage: skip_survey_file().endswith('skip_survey.csv')
        True
    """
    import sage_neuro
    root = os.path.dirname(os.path.dirname(os.path.abspath(sage_neuro.__file__)))
    return os.path.join(root, "docs", "atlas", "skip_survey.csv")


def skip_survey_reading(rows):
    r"""
    Return sentences summarizing the skip survey ``rows`` (dictionaries of
    :func:`~sage_neuro.survey.skip_survey.skip_table_rows`): for each pair
    of architectures that differ only by the skip connection, whether the
    skip changes the mean number of spurious critical points and the
    fraction of gradient-descent runs ending on the critical locus; the
    same for ``t^r`` against ``t^r + ... + t``. Computed from the table,
    never written by hand.

    EXAMPLES::

        sage: from sage_neuro.reports.atlas import skip_survey_reading
        sage: rows = [{'architecture': 'PolynomialMLP([1, 1, 2], activation=2)', 'skip': 'no',
        ....:          'activation': 't^2', 'spurious_points': '2/2/2', 'gd_singular_fraction': '0.50'},
        ....:         {'architecture': 'PolynomialMLP([1, 1, 2], activation=2, skip=True)', 'skip': 'yes',
        ....:          'activation': 't^2', 'spurious_points': '1/1/1', 'gd_singular_fraction': '0.00'}]
        sage: print(skip_survey_reading(rows)[0])
        Skip vs no skip (1 pairs with both counts): fewer spurious points with the skip in 1, as many in 0, more in 0; ...
    """
    def base(r):
        return r["architecture"].replace(", skip=True", "")

    by = {}
    for r in rows:
        by.setdefault(base(r), {})[r["skip"]] = r
    pairs = [(d["no"], d["yes"]) for d in by.values() if "no" in d and "yes" in d]
    out = ["Skip vs no skip (%d pairs with both counts): fewer spurious points with the skip in "
           "%d, as many in %d, more in %d; gradient descent ends on Crit(mu) less often with the "
           "skip in %d of %d pairs, as often in %d, more often in %d." % _pair_comparison(pairs)]
    mono, low = {}, {}
    for r in rows:
        key = (r["architecture"].split("activation=")[0], r["skip"])
        act = r.get("activation", "")
        (mono if "+" not in act else low)[key + (act.split(" ")[0],)] = r
    pairs = [(mono[k], low[k]) for k in mono if k in low]
    out.append("t^r vs t^r + ... + t (%d pairs with both counts): fewer spurious points with the "
               "lower-order terms in %d, as many in %d, more in %d; gradient descent ends on "
               "Crit(mu) less often in %d of %d pairs, as often in %d, more often in %d."
               % _pair_comparison(pairs))
    from sage_neuro.reports.plots import mean_count
    done = sum(1 for r in rows if mean_count(r.get("spurious_points")) is not None)
    out.append("Coverage: spurious counts for %d of %d architectures (the others did not finish "
               "the exact decomposition within the time limit); a pair is compared only when both "
               "have them, so these are small cases and no trend beyond them is claimed."
               % (done, len(rows)))
    return out


def _pair_comparison(pairs):
    # (pairs with both spurious counts, fewer, as many, more; fewer GD
    # end points on Crit(mu), pairs with both fractions, as many, more)
    from sage_neuro.reports.plots import mean_count

    def frac(r):
        try:
            return float(r.get("gd_singular_fraction"))
        except (TypeError, ValueError):
            return None
    sp = [(mean_count(a.get("spurious_points")), mean_count(b.get("spurious_points"))) for a, b in pairs]
    sp = [(a, b) for a, b in sp if a is not None and b is not None]
    gd = [(frac(a), frac(b)) for a, b in pairs]
    gd = [(a, b) for a, b in gd if a is not None and b is not None]
    return (len(sp), sum(b < a for a, b in sp), sum(b == a for a, b in sp), sum(b > a for a, b in sp),
            sum(b < a for a, b in gd), len(gd), sum(b == a for a, b in gd), sum(b > a for a, b in gd))


def atlas_skip_section(out_dir, table=None):
    r"""
    Return the atlas section on skip connections and lower-order terms,
    drawn from the committed survey table (:func:`skip_survey_file`; no
    recomputation, under a second), with its plot ``out_dir/skip_survey.png``
    and a reading computed from the table (:func:`skip_survey_reading`).

    INPUT:

    - ``out_dir`` -- the report folder
    - ``table`` -- (default :func:`skip_survey_file`) the CSV file

    OUTPUT: a Markdown string

    EXAMPLES::

        sage: import os
        sage: from sage_neuro.reports.atlas import atlas_skip_section
        sage: d = tmp_dir()
        sage: atlas_skip_section(d, table=os.path.join(d, 'missing.csv'))
        '## Skip connections and lower-order terms\n\nno survey table at ...'
    """
    import csv
    from sage_neuro.reports.plots import plot_skip_survey
    table = table or skip_survey_file()
    head = "## Skip connections and lower-order terms\n\n"
    if not os.path.exists(table):
        return head + ("no survey table at %s (run `python -m sage_neuro.survey.skip_survey "
                       "docs/atlas`)\n" % table)
    with open(table) as fh:
        rows = list(csv.DictReader(fh))
    plot_skip_survey(rows, os.path.join(out_dir, "skip_survey.png"))
    cols = ("architecture", "expected", "dimension", "fiber_is_orbit", "true_critical",
            "spurious_points", "spurious_real", "sing_components", "sing_vs_subnetworks",
            "gd_singular_fraction")
    lines = [head,
             "MLPs with and without identity skip connections (`x_1 = sigma(W_1 x) + x`), with "
             "`sigma = t^r` and `t^r + ... + t`, from the survey `skipmlp` "
             "(`python -m sage_neuro.survey.skip_survey docs/atlas`; the full table with real "
             "counts and Wilson intervals: `docs/atlas/skip_survey.md`). Critical-point counts "
             "on three random data sets (a/b/c), exact over QQ; gradient descent numerical.\n",
             "| " + " | ".join(cols) + " |", "|" + "---|" * len(cols)]
    lines += ["| " + " | ".join(str(r.get(c, "")) for c in cols) + " |" for r in rows]
    lines += ["", "![skip survey](skip_survey.png)", "", "What the data show:", ""]
    lines += ["- " + s for s in skip_survey_reading(rows)]
    return "\n".join(lines) + "\n"


def atlas_equivariant_section(stream=None, timeout=60):
    r"""
    Return the atlas section comparing equivariant networks with the
    unconstrained network of the same widths
    (:func:`~sage_neuro.invariants.equivariance.equivariant_comparison` on
    :func:`~sage_neuro.invariants.equivariance.comparison_examples`,
    degrees included; about 10 s): parameters, symmetry group (its
    dimension and its description), ambient and equivariant dimension,
    expected dimension, dimension, defect and degree, with the certainty of
    each computed value.

    INPUT:

    - ``stream`` -- where progress lines go (default: nowhere)
    - ``timeout`` -- seconds per Macaulay2 call

    OUTPUT: a Markdown string

    EXAMPLES::

        sage: from sage_neuro.reports.atlas import atlas_equivariant_section
        sage: text = atlas_equivariant_section()    # long time
        sage: '| DeepSetsNetwork(2, [2, 1], [1, 1]) |' in text    # long time
        True
    """
    from sage_neuro.invariants.equivariance import comparison_examples, equivariant_comparison
    cols = ("params", "symmetries", "ambient", "equivariant", "expected", "dimension", "defect",
            "degree")
    lines = ["## Equivariant networks vs the unconstrained ones", "",
             "Each equivariant architecture (weight sharing) against the fully connected "
             "network of the same widths: `symmetries` is the dimension of the continuous "
             "symmetry group, `equivariant` the dimension of the space of equivariant "
             "functions, `defect` = expected - dimension.", "",
             "| architecture | " + " | ".join(cols) + " | certainty (dim, deg) |",
             "|---|" + "---|" * (len(cols) + 1)]
    groups = []
    for net in comparison_examples():
        if stream is not None:
            print("equivariant comparison: %r ..." % net, file=stream, flush=True)
        try:
            C = equivariant_comparison(net, timeout=timeout)
        except Exception as exc:  # one row of the atlas; the table goes on
            lines.append("| %r | failed: %s |" % (net, type(exc).__name__))
            continue
        for which in ("equivariant", "unconstrained"):
            r = C.row(which)
            r["defect"] = r["expected"] - r["dimension"]
            cert = "%s, %s" % (C.provenance(which, "dimension").method,
                               C.provenance(which, "degree").method)
            lines.append("| %s | " % r["architecture"] + " | ".join(str(r[c]) for c in cols)
                         + " | %s |" % cert)
        sym = net.symmetries() if hasattr(net, "symmetries") else []
        groups.append("- %r: %s" % (net, "; ".join(sym) if sym else "no continuous symmetries listed"))
    lines += ["", "Symmetry groups of the equivariant architectures:", ""] + groups
    return "\n".join(lines) + "\n"


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

        sage: import os
        sage: from sage_neuro.reports.atlas import atlas_frontier_section
        sage: d = tmp_dir()
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
