"""
Compare two runs of a benchmark ladder, row by row.

``python bench/compare_runs.py REV [ladder ...]`` reads
``bench/results/<ladder>.csv`` as committed at the git revision ``REV``
(before) and in the work tree (after), and writes
``bench/results/comparison.md`` (between the markers ``<!-- compare_runs:begin
-->`` and ``<!-- compare_runs:end -->`` if the file has them, keeping the
text around them): per row the value, sage-neuro's wall and
CPU time and the ratios (fastest finished competitor over sage-neuro, wall
and CPU) of both runs. Ratios are the figures to compare: both sides of a
ratio are timed in the same run on the same machine, so a different load
on the shared machine moves both; absolute times are not comparable
between runs.
"""
import csv
import io
import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
BEGIN, END = "<!-- compare_runs:begin -->", "<!-- compare_runs:end -->"


def rows_at(rev, ladder):
    """The rows of ``<ladder>.csv`` at git revision ``rev`` (``None``: the work tree)."""
    if rev is None:
        text = (RESULTS / ("%s.csv" % ladder)).read_text()
    else:
        text = subprocess.run(["git", "-C", str(ROOT), "show",
                               "%s:bench/results/%s.csv" % (rev, ladder)],
                              capture_output=True, text=True, check=True).stdout
    return {r["network"]: r for r in csv.DictReader(io.StringIO(text))}


def meta_at(rev, ladder):
    """The ``run-<ladder>.json`` of a run (``None``: the work tree)."""
    if rev is None:
        return json.loads((RESULTS / ("run-%s.json" % ladder)).read_text())
    return json.loads(subprocess.run(["git", "-C", str(ROOT), "show",
                                      "%s:bench/results/run-%s.json" % (rev, ladder)],
                                     capture_output=True, text=True, check=True).stdout)


def _lower(r):
    # a ratio as a number and whether it is a lower bound ('> x')
    r = r.strip()
    if r in ("", "-"):
        return None, False
    if r.startswith(">"):
        return float(r[1:]), True
    return float(r), False


def verdict(before, after):
    """How the ratio moved: 'better', 'worse' (by more than a factor 1.5), 'same', or why not compared."""
    (b, bl), (a, al) = _lower(before), _lower(after)
    if b is None or a is None:
        return "new value" if b is None and a is not None else "-"
    if bl and not al:
        return "competitor now finishes"
    if al and not bl:
        return "competitor no longer finishes"
    if a > 1.5 * b:
        return "better" + (" (bounds)" if al else "")
    if b > 1.5 * a:
        return "worse" + (" (bounds)" if al else "")
    return "same" + (" (bounds)" if al else "")


def table(rev, ladder):
    before, after = rows_at(rev, ladder), rows_at(None, ladder)
    mb, ma = meta_at(rev, ladder), meta_at(None, ladder)
    out = ["## `%s`" % ladder, "",
           "Before: sage-neuro %s, %s, load %s at the start; after: sage-neuro %s%s, %s, "
           "load %s at the start; %s s per call in both." % (
               mb["sage_neuro_commit"].split()[0], mb["date_utc"],
               " ".join("%.1f" % x for x in mb["load_start"]), ma["sage_neuro_commit"],
               " (modified)" if ma["sage_neuro_dirty"] else "", ma["date_utc"],
               " ".join("%.1f" % x for x in ma["load_start"]), ma["limit_s"]), "",
           "| network | value before / after | sage-neuro s before / after | CPU s before / after "
           "| ratio before / after | ratio (CPU) before / after | ratio | load before / after |",
           "|---|---|---|---|---|---|---|---|"]
    for name in list(before) + [n for n in after if n not in before]:
        b, a = before.get(name), after.get(name)
        if b is None or a is None:
            r = a or b
            out.append("| %s | %s | %s | %s | %s | %s | %s | %s |" % (
                name, r["value"], r["ours_s"], r["ours_cpu_s"], r["ratio"], r["ratio_cpu"],
                "only after" if b is None else "only before", r["load1"]))
            continue
        out.append("| %s | %s / %s | %s / %s | %s / %s | %s / %s | %s / %s | %s | %s / %s |" % (
            name, b["value"], a["value"], b["ours_s"], a["ours_s"], b["ours_cpu_s"],
            a["ours_cpu_s"], b["ratio"], a["ratio"], b["ratio_cpu"], a["ratio_cpu"],
            verdict(b["ratio"], a["ratio"]), b["load1"], a["load1"]))
    return out


def main(rev, ladders):
    lines = ["Written by `python bench/compare_runs.py %s %s` from `bench/results/*.csv` at "
             "git revision %s (before) and now (after)." % (rev, " ".join(ladders), rev), "",
             "Ratios (the fastest finished competitor's time over sage-neuro's, '> x' when no "
             "competitor finished within the limit) are what to compare: the competitors "
             "(plain Macaulay2, timed inside Macaulay2) and sage-neuro are timed in the same "
             "run, row after row, so the load of the shared 2-core machine (other jobs ran "
             "throughout both runs) inflates both sides of a ratio alike; absolute times of two "
             "runs are not comparable. Ratios of millisecond rows move by a factor 2 between "
             "runs by timer and load noise alone. 'better' / 'worse': the ratio moved by more "
             "than a factor 1.5; '(bounds)': both are lower bounds ('> x'), which grow and "
             "shrink with the competitors' stopping times.", ""]
    for lad in ladders:
        lines.extend(table(rev, lad) + [""])
    path = RESULTS / "comparison.md"
    text = "\n".join([BEGIN] + lines + [END])
    if path.exists() and BEGIN in path.read_text():
        # keep the reading of the tables written around the generated region
        old = path.read_text()
        text = old[:old.index(BEGIN)] + text + old[old.index(END) + len(END):]
    path.write_text(text + ("" if text.endswith("\n") else "\n"))


if __name__ == "__main__":
    if len(sys.argv) < 2:
        raise SystemExit("usage: python bench/compare_runs.py REV [ladder ...]")
    main(sys.argv[1], sys.argv[2:] or ["degree", "ed"])
