"""
How far a survey run reached: ``python bench/survey_reach.py DB [CPU.jsonl ...] > OUT.md``
writes a Markdown record of the survey database ``DB`` (written by
``sage-neuro survey ...``): how many cases finished, and every case with an
invariant that timed out or failed, with the wall seconds the survey
stored and the error. The survey stores wall times only; CPU times come
from separate runs of single cases (JSON lines with ``case``,
``invariant``, ``status``, ``value``, ``wall``, ``cpu``: wall and CPU
seconds of the invariant, CPU of this process, its finished children and
its Macaulay2 with Macaulay2's msolve children), given as further
arguments, each a labelled column pair (the file name without ``.jsonl``).
"""
import json
import os
import sqlite3
import sys


def failing(db):
    """``(done, total, {case: [(invariant, status, seconds, error)]})`` of the database ``db``."""
    con = sqlite3.connect("file:%s?mode=ro" % db, uri=True)
    rows = con.execute("SELECT case_key, invariant, status, seconds, error FROM results "
                       "ORDER BY case_key, invariant").fetchall()
    con.close()
    cases, bad = {}, {}
    for key, inv, status, seconds, error in rows:
        cases.setdefault(key, []).append(status)
        if status != "ok":
            bad.setdefault(key, []).append((inv, status, seconds, error or ""))
    done = sum(all(s == "ok" for s in v) for v in cases.values())
    return done, len(cases), bad


def cpu_runs(path):
    """``{(case, invariant): (status, value, wall, cpu)}`` from a JSON-lines file of single-case runs."""
    out = {}
    with open(path) as f:
        for line in f:
            r = json.loads(line)
            if "invariant" in r:
                out[(r["case"], r["invariant"])] = (r["status"], r.get("value"), r["wall"], r["cpu"])
            elif r.get("status") == "killed":
                # the watchdog's line: the invariant running when the case was stopped
                out.setdefault((r["case"], "killed"), ("killed", None, r["wall"], r["cpu"]))
    return out


def main(db, runs=()):
    done, total, bad = failing(db)
    labels = [os.path.basename(p).rsplit(".", 1)[0] for p in runs]
    data = [cpu_runs(p) for p in runs]
    print("# Survey reach: %s\n" % os.path.basename(db))
    print("%d of %d cases finished every invariant; %d did not.\n" % (done, total, total - done))
    head = ["case", "invariant", "survey status", "survey wall s", "error"]
    for lab in labels:
        head += ["%s status" % lab, "%s wall s / CPU s" % lab]
    print("| " + " | ".join(head) + " |")
    print("|" + "---|" * len(head))
    for key in sorted(bad):
        for inv, status, seconds, error in bad[key]:
            row = [key, inv, status, "-" if seconds is None else "%.1f" % seconds,
                   error[:70].replace("|", "/")]
            for d in data:
                r = d.get((key, inv))
                if r is None and (key, "killed") in d:
                    r = d[(key, "killed")]
                row += ["-", "-"] if r is None else [
                    r[0] if r[1] is None else "%s (%s)" % (r[0], r[1]), "%.1f / %.1f" % (r[2], r[3])]
            print("| " + " | ".join(row) + " |")


if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2:])
