"""What the benchmark ladders share: timing a call that may fail, writing rows as CSV + Markdown."""
import csv
import time

from sage_neuro.m2 import M2Error


def timed(f):
    """Return ``(value, seconds)``; a failure is recorded as the value ('timeout', 'error: ...')."""
    t = time.time()
    try:
        v = f()
    except M2Error as e:
        v = "timeout" if "did not finish" in str(e) else "error"
    except TimeoutError:
        v = "timeout"
    except Exception as e:  # noqa: BLE001 -- a bench records failures
        v = "error: %s" % type(e).__name__
    return v, time.time() - t


def write_tables(out, stem, rows, title, preamble):
    """Write ``out/stem.csv`` and ``out/stem.md`` (title, preamble, table)."""
    out.mkdir(exist_ok=True)
    cols = list(rows[0])
    with (out / ("%s.csv" % stem)).open("w", newline="") as f:
        w = csv.DictWriter(f, fieldnames=cols)
        w.writeheader()
        w.writerows(rows)
    with (out / ("%s.md" % stem)).open("w") as f:
        f.write("# %s\n\n%s\n\n" % (title, preamble))
        f.write("| " + " | ".join(cols) + " |\n|" + "---|" * len(cols) + "\n")
        for r in rows:
            f.write("| " + " | ".join(str(r[c]) for c in cols) + " |\n")
