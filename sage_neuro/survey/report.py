r"""
Reports of a survey database: a CSV file with every row, a Markdown table
per family (one line per architecture, one column per invariant), and
plots (with matplotlib, if installed): defect maps over the widths of
shallow networks, true against expected dimension, and the growth of the
degree with the number of parameters.

The files go to ``sage-neuro-report/`` by default, next to the atlas
(``sage-neuro atlas``), whose ``atlas.md`` links ``survey.md``.

EXAMPLES::

    sage: import os
    sage: from sage_neuro.survey.runner import run_survey
    sage: from sage_neuro.survey.report import write_report
    sage: d = tmp_dir(); db = os.path.join(d, 's.db')
    sage: _ = run_survey('mlp', 'input=2..3;hidden=1..3;output=1', db, processes=0, progress=False)
    sage: files = write_report(db, os.path.join(d, 'report'))
    sage: {'survey.md', 'survey.csv'} <= {os.path.basename(f) for f in files}
    True
    sage: print(open(files[0]).read())  # the Markdown file
    # sage-neuro survey
    ...
    | PolynomialMLP([3, 2, 1], activation=2) | 6 | 5 | 1 |
    ...
    Certainty: expected_dimension 6 proved; dimension 6 modular; defect 6 modular.
    ...
"""

import csv
import json
import os

from sage_neuro.provenance import CERTAINTY, METHODS
from sage_neuro.survey.store import SurveyStore


def _table(rows):
    # case -> {invariant: row}
    cases = {}
    for r in rows:
        cases.setdefault(r["case_key"], {})[r["invariant"]] = r
    return cases


def _cell(r):
    if r is None:
        return ""
    if r["status"] == "ok":
        v = r["value"]
        return json.dumps(v) if isinstance(v, (list, dict, bool)) else str(v)
    return r["status"]


def _levels(rows):
    # "12 proved, 3 modular" for the computed values among rows
    counts = {}
    for r in rows:
        if r is not None and r["status"] == "ok":
            counts[r["method"]] = counts.get(r["method"], 0) + 1
    return ", ".join("%d %s" % (counts[m], m) for m in METHODS if m in counts) or "none computed"


def _plot_files(cases, out_dir):
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    files = []

    def ok(inv, key):
        r = cases[key].get(inv)
        return r["value"] if r is not None and r["status"] == "ok" else None

    def save(fig, name):
        fig.tight_layout()
        f = os.path.join(out_dir, name)
        fig.savefig(f, dpi=90)
        plt.close(fig)
        files.append(f)

    # defect maps of shallow dense networks: input width x hidden width
    for fam in ("linear", "mlp"):
        panels = {}
        for key, invs in cases.items():
            any_row = next(iter(invs.values()))
            p = any_row["params"] or {}
            w = p.get("widths")
            if any_row["family"] != fam or not w or len(w) != 3 or ok("defect", key) is None:
                continue
            label = "output %d" % w[2] + ("" if fam == "linear" else ", r = %s" % p.get("activation", 2))
            panels.setdefault(label, {})[(w[0], w[1])] = ok("defect", key)
        if not panels:
            continue
        labels = sorted(panels)
        fig, axes = plt.subplots(1, len(labels), figsize=(3.2 * len(labels), 3), squeeze=False)
        for ax, label in zip(axes[0], labels):
            pts = panels[label]
            xs = sorted({a for a, _ in pts})
            ys = sorted({b for _, b in pts})
            grid = [[pts.get((x, y), float("nan")) for x in xs] for y in ys]
            # a negative defect means the expected dimension undercounts: show it in blue
            top = max([1] + [abs(v) for v in pts.values()])
            im = ax.imshow(grid, origin="lower", cmap="RdBu_r", vmin=-top, vmax=top)
            for i, y in enumerate(ys):
                for j, x in enumerate(xs):
                    if (x, y) in pts:
                        ax.text(j, i, str(pts[(x, y)]), ha="center", va="center")
            ax.set_xticks(range(len(xs)), [str(x) for x in xs])
            ax.set_yticks(range(len(ys)), [str(y) for y in ys])
            ax.set_xlabel("input width")
            ax.set_ylabel("hidden width")
            ax.set_title(label, fontsize=9)
            fig.colorbar(im, ax=ax, shrink=0.7)
        fig.suptitle("%s: defect = expected dimension - dimension" % fam)
        save(fig, "defect_map_%s.png" % fam)

    # true against expected dimension, all families
    pts = {}
    for key, invs in cases.items():
        d, e = ok("dimension", key), ok("expected_dimension", key)
        if d is not None and e is not None:
            pts.setdefault(next(iter(invs.values()))["family"], []).append((e, d))
    if pts:
        fig, ax = plt.subplots(figsize=(4.5, 4))
        top = max(max(e, d) for v in pts.values() for e, d in v)
        ax.plot([0, top], [0, top], color="grey", lw=0.8)
        for fam, v in sorted(pts.items()):
            ax.scatter([e for e, _ in v], [d for _, d in v], label=fam, s=14)
        ax.set_xlabel("expected dimension")
        ax.set_ylabel("dimension")
        ax.legend()
        ax.set_title("below the diagonal: defective")
        save(fig, "dimension_vs_expected.png")

    # degree growth with the number of parameters
    pts = {}
    for key, invs in cases.items():
        deg = ok("degree", key)
        if deg is not None:
            pts.setdefault(next(iter(invs.values()))["family"], []).append(
                (ok("dimension", key) or 0, deg))
    if pts:
        fig, ax = plt.subplots(figsize=(4.5, 4))
        for fam, v in sorted(pts.items()):
            ax.scatter([a for a, _ in v], [b for _, b in v], label=fam, s=14)
        ax.set_yscale("log")
        ax.set_xlabel("dimension")
        ax.set_ylabel("degree")
        ax.legend()
        ax.set_title("degree growth")
        save(fig, "degree_growth.png")
    return files


def write_report(db, out_dir="sage-neuro-report"):
    r"""
    Write ``survey.md``, ``survey.csv`` and the plots of the survey
    database ``db`` into ``out_dir``; return the list of files written
    (``survey.md`` first).

    INPUT:

    - ``db`` -- an existing survey database
    - ``out_dir`` -- a folder (created if missing)

    OUTPUT: a list of file names

    EXAMPLES::

        sage: import os
        sage: from sage_neuro.survey.report import write_report
        sage: write_report(os.path.join(tmp_dir(), 'missing.db'))
        Traceback (most recent call last):
        ...
        SurveyDatabaseError: no survey database at .../missing.db
    """
    store = SurveyStore(db, create=False)
    try:
        rows, status = store.rows(), store.status()
    finally:
        store.close()
    os.makedirs(out_dir, exist_ok=True)
    csv_file = os.path.join(out_dir, "survey.csv")
    fields = ["case_key", "family", "architecture", "invariant", "status", "value", "method",
              "primes", "seeds", "choices", "failure_probability", "certificate", "route",
              "seconds", "error", "software", "finished"]
    with open(csv_file, "w", newline="") as f:
        w = csv.DictWriter(f, fieldnames=fields, extrasaction="ignore")
        w.writeheader()
        for r in rows:
            w.writerow({k: (json.dumps(r[k]) if isinstance(r[k], (list, dict)) else r[k]) for k in fields})
    cases = _table(rows)
    plots = _plot_files(cases, out_dir)
    md = os.path.join(out_dir, "survey.md")
    with open(md, "w") as f:
        f.write("# sage-neuro survey\n\n")
        f.write("Database `%s`: %d cases, %d done, %d failed (some invariant failed or timed "
                "out), %d still to compute. All rows with provenance: [survey.csv](survey.csv).\n\n"
                % (os.path.basename(db), status["total"], status["done"], status["failed"],
                   status["total"] - status["done"] - status["failed"]))
        f.write("Dimensions are affine (of the cone for homogeneous networks), degrees "
                "projective. `defect` = expected dimension - dimension. Cells: the value, or "
                "`failed` / `timeout` / `unavailable`. Every value has a level of certainty "
                "(column `method` of the CSV, with the primes, seeds, random choices, bound "
                "for the probability of a bad choice and certificate of each):\n\n")
        for level, meaning in CERTAINTY.items():
            f.write("- `%s`: %s\n" % (level, meaning))
        f.write("\nBelow each table: how many values of each column have each level.\n\n")
        for fam in ("linear", "mlp", "cnn", "attention"):
            keys = [k for k in cases if next(iter(cases[k].values()))["family"] == fam]
            if not keys:
                continue
            invs = sorted({i for k in keys for i in cases[k]},
                          key=lambda i: ("expected_dimension", "dimension", "defect").index(i)
                          if i in ("expected_dimension", "dimension", "defect") else 3)
            f.write("## %s (%d cases)\n\n" % (fam, len(keys)))
            f.write("| architecture | " + " | ".join(invs) + " |\n")
            f.write("|---|" + "---|" * len(invs) + "\n")
            for k in keys:
                arch = next(iter(cases[k].values()))["architecture"] or k
                f.write("| %s | %s |\n" % (arch, " | ".join(_cell(cases[k].get(i)) for i in invs)))
            f.write("\n")
            f.write("Certainty: %s.\n\n" % "; ".join(
                "%s %s" % (i, _levels([cases[k].get(i) for k in keys])) for i in invs))
        if plots:
            f.write("## Plots\n\n")
            for p in plots:
                name = os.path.basename(p)
                f.write("![%s](%s)\n\n" % (name[:-4].replace("_", " "), name))
        errs = [r for r in rows if r["status"] in ("failed", "timeout")]
        if errs:
            f.write("## Failures and time-outs\n\n")
            for r in errs:
                f.write("- %s, %s: %s: %s\n" % (r["architecture"] or r["case_key"], r["invariant"],
                                                r["status"], r["error"]))
    atlas = os.path.join(out_dir, "atlas.md")
    if os.path.exists(atlas) and "survey.md" not in open(atlas).read():
        # the atlas written before this survey links it from now on
        with open(atlas, "a") as f:
            f.write("\n## Surveys\n\nSweeps over grids of small architectures "
                    "(`sage-neuro survey`): [survey.md](survey.md).\n")
    return [md, csv_file] + plots
