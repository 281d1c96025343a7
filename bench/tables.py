"""Writing a benchmark's rows as CSV and as a Markdown table, shared by the ladders."""
import csv


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
