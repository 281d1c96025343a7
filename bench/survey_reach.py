"""
How far a survey run reached: ``python bench/survey_reach.py DB [--after DB2] [CPU.jsonl ...] > OUT.md``
writes a Markdown record of the survey database ``DB`` (written by
``sage-neuro survey ...``): how many cases finished, and every case with an
invariant that timed out or failed, with the wall seconds the survey
stored and the error. The survey stores wall times only; CPU times come
from separate runs of single cases (JSON lines with ``case``,
``invariant``, ``status``, ``value``, ``wall``, ``cpu``: wall and CPU
seconds of the invariant, CPU of this process, its finished children and
its Macaulay2 with Macaulay2's msolve children), given as further
arguments, each a labelled column pair (the file name without ``.jsonl``).
With ``--after DB2``, the same cases in a later survey database ``DB2``
(e.g. of a changed sage-neuro) get a column of their own.
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


def rows_of(db):
    """``{(case, invariant): (status, seconds)}`` of the survey database ``db``."""
    con = sqlite3.connect("file:%s?mode=ro" % db, uri=True)
    rows = con.execute("SELECT case_key, invariant, status, seconds FROM results").fetchall()
    con.close()
    return {(k, i): (s, t) for k, i, s, t in rows}


def main(db, runs=(), after=None):
    done, total, bad = failing(db)
    labels = [os.path.basename(p).rsplit(".", 1)[0] for p in runs]
    data = [cpu_runs(p) for p in runs]
    print("# Survey reach: %s\n" % os.path.basename(db))
    print("%d of %d cases finished every invariant; %d did not.\n" % (done, total, total - done))
    later = None
    if after is not None:
        later = rows_of(after)
        a_done, a_total, _ = failing(after)
        print("In %s: %d of %d cases finished every invariant.\n" % (after, a_done, a_total))
    head = ["case", "invariant", "survey status", "survey wall s", "error"]
    if later is not None:
        head += ["later survey status (wall s)"]
    for lab in labels:
        head += ["%s status" % lab, "%s wall s / CPU s" % lab]
    print("| " + " | ".join(head) + " |")
    print("|" + "---|" * len(head))
    for key in sorted(bad):
        for inv, status, seconds, error in bad[key]:
            row = [key, inv, status, "-" if seconds is None else "%.1f" % seconds,
                   error[:70].replace("|", "/")]
            if later is not None:
                st, sec = later.get((key, inv), ("-", None))
                row.append(st if sec is None else "%s (%.1f)" % (st, sec))
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
    args = sys.argv[1:]
    after = None
    if "--after" in args:
        i = args.index("--after")
        after = args[i + 1]
        del args[i:i + 2]
    main(args[0], args[1:], after=after)
