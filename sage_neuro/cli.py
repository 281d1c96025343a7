r"""
The command line ``sage-neuro``.

- ``sage-neuro atlas [--out DIR] [--only LIST] [--timeout S]``: the
  examples of every family, a table of their invariants with provenance and
  times, and a Markdown report in ``./sage-neuro-report/``;
- ``sage-neuro invariants FAMILY --widths W [--activation r] [--json]``: the
  invariants of one architecture;
- ``sage-neuro survey ...``: sweeps over grids of architectures
  (:mod:`sage_neuro.survey.cli`);
- ``sage-neuro --version``.

Conventions:

- Lists of integers (``--widths``, ``--filters``, ``--strides``) are
  written ``4 2 3``, ``4,2,3`` or ``4-2-3`` (the form of the survey grids).
- Results go to standard output; progress (which architecture, which
  invariant is being computed) goes to standard error, so that
  ``sage-neuro invariants ... --json > out.json`` stays a JSON file.
- ``--json`` prints one JSON object in the schema
  :data:`JSON_SCHEMA_VERSION` (documented in :func:`compute_invariants`).
- Exit codes: :data:`EXIT_OK` (0) success; :data:`EXIT_FAILED` (1) the
  command ran but some requested invariant failed or timed out (its
  ``errors`` entry says why; the other values are printed);
  :data:`EXIT_USAGE` (2) bad arguments, with a message naming the argument;
  :data:`EXIT_INTERRUPTED` (130) interrupted by Ctrl-C.

EXAMPLES::

    sage: from sage_neuro.cli import main
    sage: main(['invariants', 'linear', '--widths', '2,1,2', '--only', 'dimension,degree'])
    LinearNetwork([2, 1, 2]): dimension ...
    LinearNetwork([2, 1, 2]): degree ...
    LinearNetwork([2, 1, 2])
      ambient_dimension    4
      expected_dimension   3
      dimension            3    [modular: p = 8388593, seeds (0,); ... s]
      degree               2    [modular: p = 536870909, seeds (1,); ... s]
    0
"""

import argparse
import json
import os
import sys
import time

INVARIANTS = ("dimension", "degree", "ed_degree", "singular_locus")

#: version of the JSON object printed by ``sage-neuro invariants --json`` (and
#: of the rows of ``atlas.json``); raised whenever a key changes meaning or
#: disappears, so that scripts reading the output can refuse what they do not
#: know. Keys may be added without a new version.
JSON_SCHEMA_VERSION = 1

#: exit codes of ``sage-neuro``
EXIT_OK = 0
#: the command ran, but some requested invariant failed or timed out
EXIT_FAILED = 1
#: bad arguments (argparse uses 2 as well)
EXIT_USAGE = 2
#: interrupted (128 + SIGINT, the shell's convention)
EXIT_INTERRUPTED = 130
# computed only on request (``--only covering_number_bound --eps E --radius R``,
# ``--only generic_ed_degree``)
OPTIONAL_INVARIANTS = ("covering_number_bound", "generic_ed_degree")


def _family_constructors():
    # architectures are imported lazily: each family lives in its own module
    from sage_neuro.architectures.attention import LightningSelfAttention
    from sage_neuro.architectures.cnn import PolynomialCNN
    from sage_neuro.architectures.linear import LinearNetwork
    from sage_neuro.architectures.mlp import PolynomialMLP
    return {"linear": lambda a: LinearNetwork(a.widths),
            "mlp": lambda a: PolynomialMLP(a.widths, activation=a.activation,
                                           bias=a.bias, skip=a.skip),
            "cnn": lambda a: PolynomialCNN(a.filters or a.widths, strides=a.strides,
                                           activation=a.activation),
            "attention": lambda a: LightningSelfAttention(*(a.widths or [2, 2, 1, 2]),
                                                          layers=a.layers)}


def compute_invariants(net, only=INVARIANTS, timeout=None, eps=None, radius=1, progress=None):
    r"""
    Compute the invariants ``only`` of ``net``'s neuromanifold and return a
    JSON-friendly dictionary, the object printed by ``sage-neuro invariants
    --json``.

    INPUT:

    - ``net`` -- an architecture
    - ``only`` -- names among ``dimension``, ``degree``, ``ed_degree``,
      ``singular_locus``
    - ``timeout`` -- seconds per Macaulay2 call
    - ``eps``, ``radius`` -- for ``covering_number_bound`` (also allowed in
      ``only``): balls of radius ``eps`` (default ``1/10``) covering the
      neuromanifold inside the ball of radius ``radius`` (default ``1``)
    - ``progress`` -- a stream where one line per invariant is printed
      before it is computed, or ``None`` for silence

    OUTPUT: a dictionary with the keys of schema version
    :data:`JSON_SCHEMA_VERSION` = 1:

    - ``schema_version`` -- ``1``
    - ``architecture`` -- the architecture as Sage prints it, e.g.
      ``"LinearNetwork([4, 2, 3])"``
    - ``num_parameters``, ``ambient_dimension``, ``expected_dimension`` --
      integers: parameters, dimension of the space of output polynomials
      (coefficient vectors), and parameters minus the dimension of the
      known symmetry group, capped by the ambient dimension
    - ``dimension`` (integer) and ``defective`` (boolean: ``dimension`` is
      below ``expected_dimension``) -- if ``dimension`` was asked for
    - ``degree``, ``ed_degree`` -- integers, if asked for (the degree of
      the projective variety for cones, the Euclidean distance degree for
      the standard inner product on the coefficients)
    - ``generic_ed_degree`` -- an integer, if asked for (also allowed in
      ``only``): the ED degree for a generic inner product
    - ``singular_locus`` -- if asked for: a list of components, each
      ``{"dimension": int, "degree": int, "ideal": [str, ...]}``
    - ``covering_number_bound`` -- an integer, if asked for
    - ``provenance`` -- for each computed invariant, the record
      :meth:`sage_neuro.provenance.Provenance.as_dict`: ``method`` (one of
      ``proved``, ``exact_random``, ``modular``, ``numerical``),
      ``primes``, ``seeds``, ``choices``, ``failure_probability``,
      ``certificate``, ``route``, ``note``, ``seconds``, ``confirmations``
    - ``errors`` -- for each invariant that failed or timed out, a message
      ``"ExceptionName: text"``; its value is then ``null``

    EXAMPLES::

        sage: from sage_neuro import LinearNetwork
        sage: from sage_neuro.cli import compute_invariants
        sage: d = compute_invariants(LinearNetwork([3, 1, 3]), only=['dimension', 'ed_degree'])
        sage: d['schema_version'], d['dimension'], d['defective'], d['ed_degree']
        (1, 5, False, 3)
        sage: d['provenance']['ed_degree']['method'], d['errors']
        ('modular', {})
        sage: compute_invariants(LinearNetwork([3, 1, 3]), only=['generic_ed_degree'])['generic_ed_degree']
        39
        sage: d = compute_invariants(LinearNetwork([4, 2, 3]), only=['covering_number_bound'])
        sage: d['covering_number_bound'] == 21^12, d['provenance']['covering_number_bound']['route']
        (True, "min over ['volumetric', 'span', 'low_rank']: attained by volumetric, span")

    Progress goes to the stream given::

        sage: import sys
        sage: _ = compute_invariants(LinearNetwork([2, 2]), only=['dimension'], progress=sys.stdout)
        LinearNetwork([2, 2]): dimension ...
    """
    M = net.neuromanifold()
    out = {"schema_version": JSON_SCHEMA_VERSION,
           "architecture": repr(net),
           "num_parameters": int(net.num_parameters()),
           "ambient_dimension": int(net.ambient_dimension()),
           "expected_dimension": int(net.expected_dimension()),
           "provenance": {}, "errors": {}}
    for name in only:
        if name not in INVARIANTS + OPTIONAL_INVARIANTS:
            raise ValueError("unknown invariant %r; choose among %s"
                             % (name, ", ".join(INVARIANTS + OPTIONAL_INVARIANTS)))
        if progress is not None:
            print("%r: %s ..." % (net, name), file=progress, flush=True)
        try:
            if name == "dimension":
                out[name] = int(M.dimension())
                out["defective"] = bool(out[name] < out["expected_dimension"])
            elif name == "degree":
                out[name] = int(M.degree(timeout=timeout))
            elif name == "ed_degree":
                out[name] = int(M.ed_degree(timeout=timeout))
            elif name == "generic_ed_degree":
                out[name] = int(M.generic_ed_degree(timeout=timeout))
            elif name == "singular_locus":
                comps = M.singular_locus(timeout=timeout)
                out[name] = [{"dimension": int(V.dimension()), "degree": int(V.degree()),
                              "ideal": [str(g) for g in V.ideal().gens()]} for V in comps]
            elif name == "covering_number_bound":
                from sage.rings.rational_field import QQ
                out[name] = int(M.covering_number_bound(QQ((1, 10)) if eps is None else eps, radius))
            out["provenance"][name] = M.provenance(name).as_dict()
        except Exception as exc:  # reported per invariant; the table goes on
            out[name] = None
            out["errors"][name] = "%s: %s" % (type(exc).__name__, exc)
    return out


#: atlas columns from :func:`sage_neuro.invariants.subnetwork_check.singularity_summary`
_SING_COLUMNS = {"sing_components": "sing. comps", "sing_vs_subnetworks": "= subnetworks?",
                 "fiber_is_orbit": "generic fiber = orbit?"}


def _format_table(rows, only):
    extra = [k for k in _SING_COLUMNS if any(k in r for r in rows)]
    head = (["architecture", "params", "ambient", "expected"] + list(only) +
            [_SING_COLUMNS[k] for k in extra] + ["method / time"])
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for r in rows:
        vals = []
        for name in only:
            v = r.get(name)
            if name == "singular_locus" and v is not None:
                v = "%d comp. (dims %s)" % (len(v), ",".join(str(c["dimension"]) for c in v))
            if v is None:
                v = "error" if name in r["errors"] else "-"
            vals.append(str(v))
        vals += [str(r.get(k, "-")) for k in extra]
        prov = "; ".join("%s %s %.2fs" % (k, p["method"], p["seconds"] or 0)
                         for k, p in r["provenance"].items())
        lines.append("| " + " | ".join([r["architecture"], str(r["num_parameters"]),
                                         str(r["ambient_dimension"]), str(r["expected_dimension"])]
                                        + vals + [prov]) + " |")
    return "\n".join(lines)


def atlas_examples():
    r"""
    Return the architectures of the atlas: small examples of every family
    (linear networks, polynomial MLPs and CNNs, lightning self-attention).

    EXAMPLES::

        sage: from sage_neuro.cli import atlas_examples
        sage: atlas_examples()[0]
        LinearNetwork([4, 2, 3])
    """
    from sage_neuro.architectures.linear import LinearNetwork
    nets = [LinearNetwork(w) for w in ([4, 2, 3], [3, 2, 3], [5, 2, 4, 3], [3, 1, 3], [2, 3, 2])]
    fams = _family_constructors()
    if "mlp" in fams:
        from sage_neuro.architectures.mlp import PolynomialMLP
        nets += [PolynomialMLP([2, 2, 1], activation=2), PolynomialMLP([3, 2, 1], activation=2),
                 PolynomialMLP([2, 2, 2], activation=2)]
    if "cnn" in fams:
        from sage_neuro.architectures.cnn import PolynomialCNN
        nets += [PolynomialCNN([2, 2], activation=2), PolynomialCNN([2, 2], activation=1)]
    if "attention" in fams:
        from sage_neuro.architectures.attention import LightningSelfAttention
        nets += [LightningSelfAttention(2, 2, 1, 2)]
    return nets


def defect_examples():
    r"""
    Return the small architectures of the atlas' defect table: polynomial
    MLPs with up to three layers of widths at most 3 and activation degrees
    2 and 3, CNNs with filters of size at most 3, one-layer attention.

    EXAMPLES::

        sage: from sage_neuro.cli import defect_examples
        sage: len(defect_examples()) > 40
        True
    """
    from itertools import product
    from sage_neuro.architectures.mlp import PolynomialMLP
    from sage_neuro.architectures.cnn import PolynomialCNN
    from sage_neuro.architectures.attention import LightningSelfAttention
    nets = []
    for r in (2, 3):
        for w in product((1, 2, 3), repeat=3):
            if w[1] > 1:
                nets.append(PolynomialMLP(list(w), activation=r))
        for w in product((2, 3), repeat=4):
            nets.append(PolynomialMLP(list(w), activation=r))
        for k in product((2, 3), repeat=2):
            nets.append(PolynomialCNN(list(k), activation=r))
    for d, a, dout in ((2, 1, 1), (2, 2, 1), (3, 1, 1), (3, 2, 1), (3, 2, 2)):
        nets.append(LightningSelfAttention(d, a, dout, 2))
    return nets


def defect_table(nets=None):
    r"""
    Return rows ``(architecture, expected dimension, dimension, defective)``
    for ``nets`` (default :func:`defect_examples`); the dimension is the
    modular Jacobian rank.

    EXAMPLES::

        sage: from sage_neuro.cli import defect_table
        sage: from sage_neuro import PolynomialMLP
        sage: defect_table([PolynomialMLP([3, 2, 1]), PolynomialMLP([2, 2, 1])])
        [('PolynomialMLP([3, 2, 1], activation=2)', 6, 5, True), ('PolynomialMLP([2, 2, 1], activation=2)', 3, 3, False)]
    """
    rows = []
    for net in (defect_examples() if nets is None else nets):
        e, d = int(net.expected_dimension()), int(net.neuromanifold().dimension())
        rows.append((repr(net), e, d, d < e))
    return rows


def atlas(out_dir="sage-neuro-report", only=INVARIANTS, timeout=120, stream=None, progress=None):
    r"""
    Compute the atlas table, print it and write ``out_dir/atlas.md`` and
    ``out_dir/atlas.json`` (a list of rows in the schema of
    :func:`compute_invariants`). Returns the list of rows.

    INPUT:

    - ``out_dir`` -- the report folder (created if needed)
    - ``only`` -- the invariants of the table (see :func:`compute_invariants`)
    - ``timeout`` -- seconds per Macaulay2 call
    - ``stream`` -- where the table and the summary are printed (default
      ``sys.stdout``)
    - ``progress`` -- where progress is printed (default ``sys.stderr``)

    OUTPUT: the list of rows, one dictionary per architecture

    EXAMPLES::

        sage: from sage_neuro.cli import atlas
        sage: import os
        sage: d = tmp_dir()
        sage: quiet = open(os.devnull, 'w')
        sage: rows = atlas(d, only=['dimension'], stream=quiet, progress=quiet)
        sage: rows[0]['dimension'], os.path.exists(os.path.join(d, 'atlas.md'))
        (10, True)
    """
    stream = stream or sys.stdout
    progress = progress or sys.stderr
    os.makedirs(out_dir, exist_ok=True)
    rows = []
    nets = atlas_examples()
    for i, net in enumerate(nets, 1):
        t0 = time.perf_counter()
        print("[%d/%d] %r ..." % (i, len(nets), net), file=progress, flush=True)
        rows.append(compute_invariants(net, only=only, timeout=timeout))
        if "singular_locus" in only:
            from sage_neuro.invariants.subnetwork_check import singularity_summary
            rows[-1].update(singularity_summary(net, timeout=min(timeout or 8, 8)))
        print("        done in %.1f s" % (time.perf_counter() - t0), file=progress, flush=True)
        # write after every case: a crash later keeps what is done
        _write_report(out_dir, rows, only)
    table = _format_table(rows, only)
    print(table, file=stream)
    print("\nexpected vs true dimension of small architectures ...", file=progress, flush=True)
    defects = defect_table()
    _write_report(out_dir, rows, only, defects)
    n_def = sum(1 for r in defects if r[3])
    print("\n%d architectures, %d defective (dimension below the expected one):" % (len(defects), n_def),
          file=stream)
    for r in defects:
        if r[3]:
            print("  %s: expected %d, dimension %d" % r[:3], file=stream)
    if "ed_degree" in only:
        # the loss landscape (census with the ED discriminant, singularity bias): ~15 s
        from sage_neuro.reports.atlas import atlas_landscape_section
        atlas_landscape_section(out_dir, progress)
    if "singular_locus" in only:
        try:
            from sage_neuro.reports.atlas import atlas_voronoi_plot
            with open(os.path.join(out_dir, "atlas.md"), "a") as f:
                f.write("\n" + atlas_voronoi_plot(out_dir))
        except Exception as exc:  # the plot is an extra; the report stands without it
            print("Voronoi plot failed: %s" % exc, file=progress)
        from sage_neuro.reports.atlas import atlas_cnn_section
        with open(os.path.join(out_dir, "atlas.md"), "a") as f:
            f.write("\n" + atlas_cnn_section(progress))
        _append_extra_sections(out_dir, progress)
    from sage_neuro.reports.atlas import atlas_frontier_section
    with open(os.path.join(out_dir, "atlas.md"), "a") as f:
        f.write("\n" + atlas_frontier_section(out_dir, frontier_table_dir()))
    print("\nreport written to %s" % os.path.join(out_dir, "atlas.md"), file=stream)
    return rows


def _append_extra_sections(out_dir, progress):
    # real slices (attention, MLP, CNN: every sample an exact decision, ~2 min),
    # skip connections (from the committed survey table, < 1 s) and the
    # equivariant comparison (~10 s); a failure is reported, the atlas stands
    from sage_neuro.reports.atlas import (atlas_equivariant_section, atlas_real_slices_section,
                                          atlas_skip_section)
    for name, section in (("real slices", lambda: atlas_real_slices_section(out_dir, progress)),
                          ("skip survey", lambda: atlas_skip_section(out_dir)),
                          ("equivariant comparison", lambda: atlas_equivariant_section(progress))):
        try:
            text = section()
        except Exception as exc:  # an extra section; the report stands without it
            text = "%s failed: %s: %s\n" % (name, type(exc).__name__, exc)
            print(text, file=progress)
        with open(os.path.join(out_dir, "atlas.md"), "a") as f:
            f.write("\n" + text)


def frontier_table_dir():
    r"""
    Return the folder of the committed frontier table: ``docs/frontier`` of
    the source checkout of sage-neuro (the atlas links it and plots from
    it; see :mod:`sage_neuro.survey.frontier`).

    EXAMPLES::

        sage: import os
        sage: from sage_neuro.cli import frontier_table_dir
        sage: frontier_table_dir().endswith(os.path.join('docs', 'frontier'))
        True
    """
    import sage_neuro
    root = os.path.dirname(os.path.dirname(os.path.abspath(sage_neuro.__file__)))
    return os.path.join(root, "docs", "frontier")


def _write_report(out_dir, rows, only, defects=None):
    with open(os.path.join(out_dir, "atlas.json"), "w") as f:
        json.dump(rows, f, indent=1)
    with open(os.path.join(out_dir, "atlas.md"), "w") as f:
        f.write("# sage-neuro atlas\n\n")
        f.write("Invariants of the neuromanifolds of small networks of every family. Dimension "
                "of cones is affine, degree projective. Methods: `proved` (a certificate over QQ), "
                "`exact_random` (exact over QQ at random choices), `modular` (over GF(p) with the "
                "primes and seeds shown; correct with high probability), `numerical` (floating "
                "point, with its certificate).\n\n")
        f.write(_format_table(rows, only) + "\n")
        if defects:
            f.write("\n## Expected vs true dimension\n\n"
                    "Expected: parameters minus the dimension of the known symmetry group, capped "
                    "by the ambient dimension. True: rank of the Jacobian of mu at a random point "
                    "mod p. Defective rows are marked.\n\n"
                    "| architecture | expected | dimension | defective |\n|---|---|---|---|\n")
            for a, e, d, bad in defects:
                f.write("| %s | %d | %d | %s |\n" % (a, e, d, "**yes**" if bad else ""))
        if os.path.exists(os.path.join(out_dir, "survey.md")):
            f.write("\n## Surveys\n\nSweeps over grids of small architectures "
                    "(`sage-neuro survey`): [survey.md](survey.md).\n")
        errs = [(r["architecture"], k, v) for r in rows for k, v in r["errors"].items()]
        if errs:
            f.write("\n## Errors and time-outs\n\n")
            for a, k, v in errs:
                f.write("- %s, %s: %s\n" % (a, k, v))


def parse_integer_list(tokens, name="--widths"):
    r"""
    Return the list of integers written by the command-line tokens
    ``tokens``, each of them one integer or several joined by ``,`` or
    ``-``: ``4 2 3``, ``4,2,3``, ``4-2-3`` (the survey grids' form) and
    mixtures all give ``[4, 2, 3]``.

    Only the writing is checked here; whether the integers make an
    architecture (positive widths, ...) is for the architecture to say.

    INPUT:

    - ``tokens`` -- a list of strings, or ``None``
    - ``name`` -- the option, for error messages

    OUTPUT: a list of integers, or ``None`` if ``tokens`` is ``None``

    EXAMPLES::

        sage: from sage_neuro.cli import parse_integer_list
        sage: parse_integer_list(['4', '2', '3']), parse_integer_list(['4,2,3'])
        ([4, 2, 3], [4, 2, 3])
        sage: parse_integer_list(['4-2-3']), parse_integer_list(['4,', '2', '3'])
        ([4, 2, 3], [4, 2, 3])
        sage: parse_integer_list(None) is None
        True
        sage: parse_integer_list(['4x2'])
        Traceback (most recent call last):
        ...
        ValueError: --widths must be integers separated by spaces, commas or hyphens (4 2 3, 4,2,3 or 4-2-3), not '4x2'
        sage: parse_integer_list(['4--2'], '--filters')
        Traceback (most recent call last):
        ...
        ValueError: --filters must be integers separated by spaces, commas or hyphens (4 2 3, 4,2,3 or 4-2-3), not '4--2'
    """
    if tokens is None:
        return None
    out = []
    for tok in tokens:
        parts = tok.replace("-", ",").split(",")
        # a trailing comma (``4, 2, 3`` typed in a shell) is harmless; an
        # empty part inside (``4--2``) is a typo, and so is anything but digits
        if parts and parts[-1] == "" and len(parts) > 1:
            parts = parts[:-1]
        if not parts or not all(x.strip().isdigit() for x in parts):
            raise ValueError("%s must be integers separated by spaces, commas or hyphens "
                             "(4 2 3, 4,2,3 or 4-2-3), not %r" % (name, tok))
        out += [int(x) for x in parts]
    return out


def version_string():
    r"""
    Return the versions that ``sage-neuro --version`` prints: sage-neuro's
    and that of the Sage library it runs on.

    EXAMPLES::

        sage: from sage_neuro.cli import version_string
        sage: import sage_neuro
        sage: version_string().startswith('sage-neuro %s (' % sage_neuro.__version__)
        True
    """
    from sage_neuro.version import version
    try:
        from sage.version import version as sage_version
    except ImportError:  # sage-neuro without its Sage: say so rather than fail
        sage_version = "not found"
    return "sage-neuro %s (Sage library %s)" % (version, sage_version)


_EPILOG = """\
Lists of integers (--widths, --filters, --strides) may be written 4 2 3, 4,2,3 or 4-2-3.
Results go to standard output, progress to standard error.
--json prints one object of schema_version %d (fields: see the reference manual,
chapter "Command line", or help(sage_neuro.cli.compute_invariants)).
Exit codes: 0 success; 1 some invariant failed or timed out (the others are printed);
2 bad arguments; 130 interrupted.""" % JSON_SCHEMA_VERSION


def argument_parser():
    r"""
    Return the argument parser of ``sage-neuro``.

    OUTPUT: an ``argparse.ArgumentParser``

    EXAMPLES::

        sage: from sage_neuro.cli import argument_parser
        sage: argument_parser().parse_args(['invariants', 'linear', '--widths', '4-2-3']).widths
        ['4-2-3']
    """
    p = argparse.ArgumentParser(prog="sage-neuro",
                                description="Invariants of neuromanifolds (neuroalgebraic geometry).",
                                epilog=_EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--version", action="store_true", help="print the versions and exit")
    sub = p.add_subparsers(dest="command")
    a = sub.add_parser("atlas", help="the examples of every family: table and report")
    a.add_argument("--out", default="sage-neuro-report", help="report folder")
    a.add_argument("--only", default=",".join(INVARIANTS), help="comma-separated invariants")
    a.add_argument("--timeout", type=float, default=120, help="seconds per Macaulay2 call")
    i = sub.add_parser("invariants", help="invariants of one architecture",
                       epilog=_EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter)
    i.add_argument("family", help="linear, mlp, cnn or attention")
    i.add_argument("--widths", nargs="+", default=None,
                   help="layer widths, input first: 4 2 3, 4,2,3 or 4-2-3 (attention: d a d_out t)")
    i.add_argument("--filters", nargs="+", default=None, help="CNN filter sizes (as --widths)")
    i.add_argument("--strides", nargs="+", default=None, help="CNN strides (as --widths)")
    i.add_argument("--activation", type=int, default=2, help="activation degree r (x^r)")
    i.add_argument("--bias", action="store_true")
    i.add_argument("--skip", action="store_true")
    i.add_argument("--layers", type=int, default=1, help="attention layers")
    i.add_argument("--only", default=",".join(INVARIANTS), help="comma-separated invariants")
    i.add_argument("--timeout", type=float, default=None, help="seconds per Macaulay2 call")
    i.add_argument("--json", action="store_true",
                   help="print one JSON object (schema_version %d)" % JSON_SCHEMA_VERSION)
    i.add_argument("--quiet", action="store_true", help="no progress on standard error")
    i.add_argument("--eps", default="1/10", help="covering_number_bound: radius of the small balls")
    i.add_argument("--radius", default="1", help="covering_number_bound: radius of the big ball")
    _add_survey_parser(sub)
    return p


def console_main():
    r"""
    The ``sage-neuro`` console script: :func:`main` on ``sys.argv``, then
    the objects left are frozen (``gc.freeze``) so that the interpreter's
    exit does not traverse the Sage library's objects for garbage cycles
    (measured: the exit of a process that imported ``sage.all`` took 0.5 s
    of a 2 s command, 0.1 s after the freeze). Not for use inside a
    session, where frozen objects are never collected.

    OUTPUT: the exit code of :func:`main`, an integer

    EXAMPLES::

        sage: from sage_neuro.cli import console_main
        sage: callable(console_main)
        True
    """
    import gc
    code = main()
    gc.freeze()
    return code


def main(argv=None):
    r"""
    Entry point of the ``sage-neuro`` console script; returns the exit code
    (see the module documentation).

    INPUT:

    - ``argv`` -- list of arguments (default ``sys.argv[1:]``)

    OUTPUT: the exit code, an integer

    EXAMPLES::

        sage: from sage_neuro.cli import main
        sage: main(['invariants', 'linear', '--widths', '3-1', '--only', 'dimension', '--json', '--quiet'])
        {"schema_version": 1, "architecture": "LinearNetwork([3, 1])", ..., "dimension": 3, ...}
        0
        sage: main(['--version'])
        sage-neuro ... (Sage library ...)
        0

    Bad input is a usage error (exit code 2) with a message naming the
    argument::

        sage: main(['invariants', 'linear', '--widths', '3', '0'])
        sage-neuro: error: widths must be positive integers; got 0 at position 1
        2
        sage: main(['invariants', 'linear', '--widths', '3,a'])
        sage-neuro: error: --widths must be integers separated by spaces, commas or hyphens (4 2 3, 4,2,3 or 4-2-3), not '3,a'
        2
        sage: main(['invariants', 'resnet', '--widths', '3', '1'])
        sage-neuro: error: unknown family 'resnet'; available: ...
        2
        sage: main([])
        sage-neuro: error: a command is required: atlas, invariants or survey (sage-neuro --help)
        2
    """
    args = argument_parser().parse_args(argv)
    if args.version:
        print(version_string())
        return EXIT_OK
    if args.command is None:
        print("sage-neuro: error: a command is required: atlas, invariants or survey "
              "(sage-neuro --help)", file=sys.stderr)
        return EXIT_USAGE
    if args.command == "survey":
        return _survey(args)
    only = [s.strip() for s in args.only.split(",") if s.strip()]
    try:
        if args.command == "atlas":
            atlas(args.out, only=only, timeout=args.timeout)
            return EXIT_OK
        fams = _family_constructors()
        if args.family not in fams:
            raise ValueError("unknown family %r; available: %s" % (args.family, ", ".join(sorted(fams))))
        args.widths = parse_integer_list(args.widths, "--widths")
        args.filters = parse_integer_list(args.filters, "--filters")
        args.strides = parse_integer_list(args.strides, "--strides")
        if args.widths is None and not (args.family == "cnn" and args.filters):
            raise ValueError("--widths is required for family %r" % args.family)
        net = fams[args.family](args)
        res = compute_invariants(net, only=only, timeout=args.timeout,
                                 eps=_number_arg(args.eps, "eps"), radius=_number_arg(args.radius, "radius"),
                                 progress=None if args.quiet else sys.stderr)
    except (ValueError, TypeError) as exc:
        print("sage-neuro: error: %s" % exc, file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print("\nsage-neuro: interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
    code = EXIT_FAILED if res["errors"] else EXIT_OK
    if args.json:
        print(json.dumps(res))
        return code
    print(res["architecture"])
    for k in ("ambient_dimension", "expected_dimension"):
        print("  %-20s %s" % (k, res[k]))
    for k in only:
        prov = res["provenance"].get(k)
        v = res.get(k)
        if k == "singular_locus" and v is not None:
            v = "%d components, dimensions %s" % (len(v), [c["dimension"] for c in v])
        extra = ("   [%s]" % _summary(prov)) if prov else ("   [%s]" % res["errors"].get(k, ""))
        print("  %-20s %s %s" % (k, v, extra))
    return code


def help_texts():
    r"""
    Return the ``--help`` texts of ``sage-neuro`` and of its commands, as
    a list of pairs ``(command line, text)``; the reference manual prints
    them.

    OUTPUT: a list of pairs of strings

    EXAMPLES::

        sage: from sage_neuro.cli import help_texts
        sage: [c for c, t in help_texts()]
        ['sage-neuro', 'sage-neuro atlas', 'sage-neuro invariants', 'sage-neuro survey']
        sage: 'Exit codes' in dict(help_texts())['sage-neuro invariants']
        True
    """
    import contextlib
    import io
    out = [("sage-neuro", argument_parser().format_help())]
    for command in ("atlas", "invariants", "survey"):
        buf = io.StringIO()
        with contextlib.redirect_stdout(buf):
            try:
                argument_parser().parse_args([command, "--help"])
            except SystemExit:  # --help exits after printing
                pass
        out.append(("sage-neuro " + command, buf.getvalue()))
    return out


def _number_arg(text, name):
    r"""
    Return the command-line number ``text`` (``'1/10'``, ``'0.1'``, ``'1e-3'``)
    as a positive exact rational, or raise ``ValueError`` naming ``name``.

    EXAMPLES::

        sage: from sage_neuro.cli import _number_arg
        sage: _number_arg('0.1', 'eps'), _number_arg('1e-3', 'eps')
        (1/10, 1/1000)
        sage: _number_arg('x', 'eps')
        Traceback (most recent call last):
        ...
        ValueError: eps must be a positive number such as 1/10 or 0.1, not 'x'
        sage: _number_arg('0', 'radius')
        Traceback (most recent call last):
        ...
        ValueError: radius must be a positive number such as 1/10 or 0.1, not '0'
    """
    from fractions import Fraction
    from sage.rings.rational_field import QQ
    try:
        f = Fraction(text)
    except (ValueError, ZeroDivisionError):
        f = 0
    if not f > 0:
        raise ValueError("%s must be a positive number such as 1/10 or 0.1, not %r" % (name, text))
    return QQ((f.numerator, f.denominator))


def _summary(p):
    s = p["method"]
    if p["primes"]:
        s += ": p = " + ", ".join(str(x) for x in p["primes"])
    if p["seeds"]:
        s += (", " if p["primes"] else ": ") + "seeds " + str(tuple(p["seeds"]))
    if p["seconds"] is not None:
        s += "; %.2f s" % p["seconds"]
    return s


def _add_survey_parser(sub):
    from sage_neuro.survey.cli import register
    register(sub)


def _survey(args):
    from sage_neuro.survey.cli import run
    try:
        return run(args)
    except (ValueError, TypeError, ImportError) as exc:
        print("sage-neuro: error: %s" % exc, file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("\nsage-neuro: interrupted; finished cases are stored in %s, rerun to resume" % args.db,
              file=sys.stderr)
        return EXIT_INTERRUPTED


if __name__ == "__main__":
    sys.exit(main())
