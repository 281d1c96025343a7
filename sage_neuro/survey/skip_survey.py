r"""
The survey of skip connections and lower-order terms: MLPs with and without
identity skip connections, with ``sigma = t^r`` and with
``sigma = t^r + ... + t`` (``r = 2, 3``), over the ``skipmlp`` grid of
:mod:`sage_neuro.survey.grid`, and its table.

One command computes it and writes the committed table::

    python -m sage_neuro.survey.skip_survey docs/atlas

runs ``sage-neuro survey skipmlp`` (the SQLite database
``docs/atlas/skip_survey.db``, resumable) in three passes -- the cheap
invariants, the singular locus, the exact critical points in parameter
space -- each case under a time limit, and writes ``skip_survey.csv`` and
``skip_survey.md`` (:func:`write_skip_table`). Values that timed out read
``timeout``.

EXAMPLES::

    sage: from sage_neuro.survey.skip_survey import SKIP_COLUMNS
    sage: SKIP_COLUMNS[:3]
    ('architecture', 'skip', 'activation')
"""

import csv
import os
import sys

#: the invariants of the three passes: a case past its time limit keeps
#: the invariants it finished, so the slowest (the decomposition of the
#: critical ideal in parameter space) comes last, alone
CHEAP_INVARIANTS = ("expected_dimension", "dimension", "defect", "generic_fiber_is_orbit",
                    "gd_singular_fraction")
SINGULAR_INVARIANTS = ("singular_components", "singularities_are_subnetworks")
EXACT_INVARIANTS = ("critical_point_counts",)

#: the columns of the table
SKIP_COLUMNS = ("architecture", "skip", "activation", "params", "expected", "dimension",
                "fiber_is_orbit", "true_critical", "true_real", "spurious_components",
                "spurious_points", "spurious_real", "sing_components", "sing_vs_subnetworks",
                "gd_singular_fraction", "gd_wilson95")


def _fmt_counts(rows, key):
    if not isinstance(rows, list):
        return ""
    return "/".join("?" if r.get(key) is None else str(r[key]) for r in rows)


def skip_table_rows(db):
    r"""
    Return the rows of the skip survey table (dictionaries with the keys of
    :data:`SKIP_COLUMNS`) from the survey database ``db``; the
    critical-point columns list the values on the three data sets
    (``a/b/c``).

    EXAMPLES::

        sage: import os
        sage: from sage_neuro.survey.runner import run_survey
        sage: from sage_neuro.survey.skip_survey import skip_table_rows
        sage: db = os.path.join(tmp_dir(), 's.db')
        sage: run_survey('skipmlp', 'widths=1-1-2;skip=1', db, invariants='dimension',
        ....:            processes=0, progress=False)
        {'done': 1, 'failed': 0, 'total': 1}
        sage: [(r['architecture'], r['skip'], r['dimension']) for r in skip_table_rows(db)]
        [('PolynomialMLP([1, 1, 2], activation=2, skip=True)', 'yes', 3)]
    """
    from sage_neuro.survey.grid import Case
    from sage_neuro.survey.store import results_by_case
    by_case = results_by_case(db)
    out = []
    for key in sorted(by_case, key=lambda k: (Case.from_key(k).params.get("widths"), k)):
        inv = by_case[key]
        net = Case.from_key(key).architecture()

        def val(name):
            r = inv.get(name)
            if r is None:
                return ""
            if r["status"] != "ok":
                return r["status"]
            return r["value"]
        cp = val("critical_point_counts")
        gd = val("gd_singular_fraction")
        sing = val("singular_components")
        rel = val("singularities_are_subnetworks")
        orbit = val("generic_fiber_is_orbit")
        out.append({
            "architecture": repr(net), "skip": "yes" if net.skip_layers() else "no",
            "activation": str(net.activation()), "params": int(net.num_parameters()),
            "expected": val("expected_dimension"), "dimension": val("dimension"),
            "fiber_is_orbit": orbit if not isinstance(orbit, dict) else orbit.get("verdict", orbit),
            "true_critical": _fmt_counts(cp, "true") or cp,
            "true_real": _fmt_counts(cp, "true_real"),
            "spurious_components": _fmt_counts(cp, "spurious_components"),
            "spurious_points": _fmt_counts(cp, "spurious"),
            "spurious_real": _fmt_counts(cp, "spurious_real"),
            "sing_components": (";".join("dim %s deg %s" % tuple(c) for c in sing)
                                if isinstance(sing, list) else sing) or ("none" if sing == [] else sing),
            "sing_vs_subnetworks": rel.get("relation", rel) if isinstance(rel, dict) else rel,
            "gd_singular_fraction": ("%.2f" % gd["fraction"]) if isinstance(gd, dict) else gd,
            "gd_wilson95": ("[%.2f, %.2f]" % tuple(gd["wilson95"])) if isinstance(gd, dict) else "",
        })
    return out


def write_skip_table(db, out_dir):
    r"""
    Write ``out_dir/skip_survey.csv`` and ``out_dir/skip_survey.md`` from the
    survey database ``db``; return the two paths.

    EXAMPLES::

        sage: import os
        sage: from sage_neuro.survey.runner import run_survey
        sage: from sage_neuro.survey.skip_survey import write_skip_table
        sage: d = tmp_dir(); db = os.path.join(d, 's.db')
        sage: _ = run_survey('skipmlp', 'widths=1-1-2;skip=0,1', db, invariants='dimension',
        ....:                processes=0, progress=False)
        sage: csv_file, md_file = write_skip_table(db, d)
        sage: open(md_file).read().count('PolynomialMLP([1, 1, 2]')
        2
    """
    rows = skip_table_rows(db)
    os.makedirs(out_dir, exist_ok=True)
    f_csv = os.path.join(out_dir, "skip_survey.csv")
    with open(f_csv, "w", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=SKIP_COLUMNS)
        w.writeheader()
        for r in rows:
            w.writerow(r)
    f_md = os.path.join(out_dir, "skip_survey.md")
    with open(f_md, "w") as fh:
        fh.write("# Skip connections and lower-order terms\n\n"
                 "Generated by `python -m sage_neuro.survey.skip_survey %s` (survey family "
                 "`skipmlp`). Critical points of the ED loss on three random integer data sets "
                 "(entries in [-9, 9], seeds 0, 1, 2), written a/b/c: true ones (distinct "
                 "function-space points, complex and real) and spurious ones (components in the "
                 "rank-drop locus of mu and their function-space points); exact over QQ "
                 "(`parameter_critical_locus`). Gradient descent: 40 runs of 1000 steps, ED loss "
                 "to Gaussian data, fraction ending where the Jacobian of mu drops rank "
                 "(numerical, Wilson 95%% interval). `timeout`: not finished within the time "
                 "limit of the case.\n\n" % out_dir)
        fh.write("| " + " | ".join(SKIP_COLUMNS) + " |\n")
        fh.write("|" + "---|" * len(SKIP_COLUMNS) + "\n")
        for r in rows:
            fh.write("| " + " | ".join(str(r[c]) for c in SKIP_COLUMNS) + " |\n")
    return f_csv, f_md


def main(argv=None):
    r"""
    Run the skip survey into ``OUT/skip_survey.db`` and write its table
    (``python -m sage_neuro.survey.skip_survey [OUT] [TIME_LIMIT]``;
    defaults ``docs/atlas`` and 240 seconds per case and pass).

    EXAMPLES::

        sage: from sage_neuro.survey.skip_survey import main
        sage: main(['a', 'b', 'c'])
        Traceback (most recent call last):
        ...
        ValueError: usage: python -m sage_neuro.survey.skip_survey [OUT] [TIME_LIMIT]
    """
    from sage_neuro.survey.runner import run_survey
    argv = list(sys.argv[1:] if argv is None else argv)
    if len(argv) > 2:
        raise ValueError("usage: python -m sage_neuro.survey.skip_survey [OUT] [TIME_LIMIT]")
    out = argv[0] if argv else os.path.join("docs", "atlas")
    limit = float(argv[1]) if len(argv) > 1 else 240.0
    db = os.path.join(out, "skip_survey.db")
    os.makedirs(out, exist_ok=True)
    for invariants in (CHEAP_INVARIANTS, SINGULAR_INVARIANTS, EXACT_INVARIANTS):
        run_survey("skipmlp", None, db, invariants=",".join(invariants), time_limit=limit,
                   processes=2)
    return write_skip_table(db, out)


if __name__ == "__main__":
    main()
