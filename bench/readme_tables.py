"""
Write the README's benchmark tables from the committed result files.

``python bench/readme_tables.py`` reads ``bench/results/degree.csv``,
``ed.csv``, ``frontier.csv`` (when a frontier run has written it), their
``run-*.json`` (machine, date, versions, load) and
``bridge*.json``, and replaces the region of ``README.md`` between the
markers ``<!-- bench-tables:begin -->`` and ``<!-- bench-tables:end -->``.
Nothing in that region is typed by hand; ``--check`` exits non-zero when
the README differs from what the files give.
"""
import csv
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
BEGIN, END = "<!-- bench-tables:begin -->", "<!-- bench-tables:end -->"


def _rows(name):
    with (RESULTS / ("%s.csv" % name)).open() as f:
        return list(csv.DictReader(f))


def _meta(name):
    with (RESULTS / ("run-%s.json" % name)).open() as f:
        return json.load(f)


def _time(row, key, value_key, reference, limit):
    # a competitor's cell: its wall time, '> limit' when stopped, its value
    # when it differs from sage-neuro's
    value = row[value_key]
    if value == "timeout":
        return "> %s" % limit
    if value.startswith("error") or value == "failed":
        return value
    cell = row[key]
    if value != reference:
        cell += " (gives %s)" % value
    return cell


def _run_line(meta):
    return ("one run of `%s`, %s, %s (%s cores, %s), %s, Macaulay2 %s, msolve %s; sage-neuro %s; "
            "load average %s at the start, %s at the end; %s s per call; %s s in all"
            % (meta["command"], meta["date_utc"], meta["cpu"], meta["cores"], meta["memory"],
               meta["sage"], meta["macaulay2"].replace("\n", " "), meta["msolve"],
               meta["sage_neuro_commit"] + (" (modified)" if meta["sage_neuro_dirty"] else ""),
               " ".join("%.1f" % a for a in meta["load_start"]),
               " ".join("%.1f" % a for a in meta.get("load_end", [])),
               meta["limit_s"], meta.get("total_s", "?")))


def degree_table():
    rows, meta = _rows("degree"), _meta("degree")
    lim = meta["limit_s"]
    out = ["Degree (`bench/results/degree.md`; %s):" % _run_line(meta), "",
           "| network | degree | sage-neuro | one core | monodromy | ker over QQ | "
           "ker over GF(32003) | NumericalImplicitization | ratio | ratio (CPU) | load |",
           "|---|---|---|---|---|---|---|---|---|---|---|"]
    for r in rows:
        # the degree column: the default route's value, else the monodromy one
        v = r["value"] if r["value"].isdigit() else r["monodromy"]
        out.append("| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |" % (
            r["network"], v, r["ours_s"] if r["value"] != "timeout" else "> %s" % lim,
            # the one-core value is not stored: a time at the limit is a time-out
            r["ours_1core_s"] if float(r["ours_1core_s"]) < lim else "> %s" % lim,
            _time(r, "monodromy_s", "monodromy", v, lim),
            _time(r, "naive_QQ_s", "naive_QQ", v, lim), _time(r, "naive_p_s", "naive_p", v, lim),
            _time(r, "NI_s", "NI", v, lim), r["ratio"], r["ratio_cpu"], r["load1"]))
    return out


def ed_table():
    rows, meta = _rows("ed"), _meta("ed")
    lim = meta["limit_s"]
    out = ["ED degree (`bench/results/ed.md`; %s):" % _run_line(meta), "",
           "| network | ED degree | sage-neuro | minors over QQ | minors over GF(32003) | "
           "parametric over QQ | parametric over GF(32003) | ratio | ratio (CPU) | load |",
           "|---|---|---|---|---|---|---|---|---|---|"]
    for r in rows:
        v = r["value"]
        out.append("| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |" % (
            r["network"], v, r["ours_s"] if v != "timeout" else "> %s" % lim,
            _time(r, "minors_ed_QQ_s", "minors_ed_QQ", v, lim),
            _time(r, "minors_ed_p_s", "minors_ed_p", v, lim),
            _time(r, "lagrange_ed_QQ_s", "lagrange_ed_QQ", v, lim),
            _time(r, "lagrange_ed_p_s", "lagrange_ed_p", v, lim),
            r["ratio"], r["ratio_cpu"], r["load1"]))
    return out


def frontier_table():
    # written only once a frontier run has finished a row
    if not (RESULTS / "frontier.csv").exists():
        return []
    rows, meta = _rows("frontier"), _meta("frontier")
    lim = meta["limit_s"]
    resumed = "".join("; resumed %s (sage-neuro %s)" % (m["date_utc"], m["sage_neuro_commit"])
                      for m in meta.get("resumed", []))
    out = ["Frontier (`bench/results/frontier.md`; %s%s): rows beyond the ladders, each "
           "competitor with its own limit of %s s per row; sage-neuro's route from the "
           "provenance of its value." % (_run_line(meta), resumed, lim), "",
           "| quantity | network | value | sage-neuro | its route | monodromy | "
           "NumericalImplicitization | ker over GF(32003) | critical ideal over GF(32003) | "
           "best competitor within %s s | ratio | ratio (CPU) | load |" % lim,
           "|---|---|---|---|---|---|---|---|---|---|---|---|---|"]

    def cell(r, key, v):
        return "-" if r[key] == "-" else _time(r, key + "_s", key, v, lim)
    for r in rows:
        v = r["value"] if r["value"].isdigit() else r["monodromy"]
        out.append("| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |" % (
            r["quantity"], r["network"], v,
            r["ours_s"] if r["value"].isdigit() else r["value"], r["route"],
            _time(r, "monodromy_s", "monodromy", v, lim),
            cell(r, "NI", v), cell(r, "naive_p", v), cell(r, "lagrange_ed_p", v),
            r["best_competitor"], r["ratio"], r["ratio_cpu"], r["load1"]))
    return out


def bridge_table():
    out = []
    for stem in ("bridge", "bridge-3000"):
        path = RESULTS / ("%s.json" % stem)
        if not path.exists():
            continue
        with path.open() as f:
            b = json.load(f)
        if not out:
            out = ["Macaulay2's memory over small bridge calls (`bench/bench_bridge.py`; "
                   "`bench/results/bridge*.md`): resident set size (RSS) and garbage-collected "
                   "heap of the Macaulay2 process in MB, after a warm-up of 50 calls and at the "
                   "end; the names of finished calls dropped (released in Macaulay2) or all "
                   "kept alive.", "",
                   "| calls | names of finished calls | RSS after warm-up | RSS at the end | "
                   "heap after warm-up | heap at the end | temporary files left | load |",
                   "|---|---|---|---|---|---|---|---|"]
        for p in b["phases"]:
            out.append("| %d | %s | %.1f | %.1f | %.1f | %.1f | %d | %.1f |" % (
                b["calls"], p["names"], p["rss_mb"][0][1], p["rss_mb"][-1][1],
                p["gc_heap_mb"][0][1], p["gc_heap_mb"][-1][1], p["files_left_in_session_dir"],
                b["load_average"][0]))
    return out


def region():
    parts = [degree_table(), ed_table(), frontier_table(), bridge_table()]
    lines = [BEGIN, "<!-- written by `python bench/readme_tables.py` from bench/results/; "
             "do not edit -->", ""]
    for p in parts:
        if p:
            lines.extend(p + [""])
    lines.append(END)
    return "\n".join(lines)


def main(check=False):
    readme = ROOT / "README.md"
    text = readme.read_text()
    if BEGIN not in text or END not in text:
        raise SystemExit("README.md has no region %s ... %s" % (BEGIN, END))
    new = text[:text.index(BEGIN)] + region() + text[text.index(END) + len(END):]
    if check:
        if new != text:
            raise SystemExit("README.md's benchmark tables differ from bench/results/: "
                             "run python bench/readme_tables.py")
        return
    readme.write_text(new)


if __name__ == "__main__":
    main(check="--check" in sys.argv[1:])
