"""
The ED degrees of the frontier table recomputed through a witness set of the
ED correspondence (``correspondence_ed_degree``, a second route), with the
degree of the correspondence (the ED degree for a generic inner product)::

    python bench/ed_correspondence_table.py OUT.jsonl [--max-value 300] [--timeout 300] [--generic-timeout S] [CASE...]
    python bench/ed_correspondence_table.py OUT.jsonl --report

The first form takes every ED degree of ``docs/frontier/results.csv`` and
``long_runs.csv`` up to ``--max-value``, plus the cases named, and appends
one JSON line per case to OUT.jsonl (cases already there are skipped). The
second prints the Markdown table of OUT.jsonl.
"""
import argparse
import csv
import json
import os
import time

HERE = os.path.dirname(os.path.abspath(__file__))
FRONTIER = os.path.join(HERE, "..", "docs", "frontier")


def frontier_values():
    values = {}
    for name in ("results.csv", "long_runs.csv"):
        with open(os.path.join(FRONTIER, name)) as f:
            for row in csv.DictReader(f):
                if row["quantity"] == "ed_degree":
                    values[row["case"]] = (int(row["value"]), row["method"])
    return values


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("out")
    p.add_argument("cases", nargs="*")
    p.add_argument("--max-value", type=int, default=300)
    p.add_argument("--timeout", type=float, default=300.0)
    p.add_argument("--generic-timeout", type=float, default=None,
                   help="seconds of the generic ED degree mod p (default: --timeout)")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--report", action="store_true")
    args = p.parse_args()
    if args.report:
        return report(args.out)
    import sage.all  # noqa: F401
    from sage_neuro.invariants.ed_monodromy import correspondence_ed_degree
    from sage_neuro.survey.grid import Case
    known = frontier_values()
    cases = sorted((c for c, (v, _) in known.items() if v <= args.max_value),
                   key=lambda c: known[c][0]) + list(args.cases)
    done = set()
    if os.path.exists(args.out):
        done = {json.loads(line)["case"] for line in open(args.out) if line.strip()}
    for key in cases:
        if key in done:
            continue
        net = Case.from_key(key).architecture()
        start = time.time()
        row = dict(case=key, architecture=repr(net), seed=args.seed,
                   table_value=known.get(key, (None, None))[0],
                   table_method=known.get(key, (None, None))[1])
        try:
            W = correspondence_ed_degree(net, seed=args.seed, timeout=args.timeout)
            row.update(ed_degree=int(W.ed_degree), correspondence_degree=int(W.correspondence_degree),
                       at_infinity=int(W.at_infinity), singular=int(W.singular),
                       trace_residual=float(W.trace_residual))
        except (TimeoutError, ArithmeticError) as e:
            row.update(error="%s: %s" % (type(e).__name__, str(e)[:200]))
        row["seconds"] = round(time.time() - start, 1)
        # the second route of the degree of the correspondence: the
        # generic ED degree mod p, two seeds
        start = time.time()
        try:
            row["generic_modular"] = int(net.neuromanifold().generic_ed_degree(
                seeds=(1, 2), timeout=args.timeout if args.generic_timeout is None
                else args.generic_timeout))
        except (TimeoutError, ArithmeticError, RuntimeError) as e:
            row["generic_modular_error"] = "%s: %s" % (type(e).__name__, str(e)[:200])
        row["generic_modular_seconds"] = round(time.time() - start, 1)
        with open(args.out, "a") as f:
            f.write(json.dumps(row) + "\n")
        print(json.dumps(row), flush=True)


def report(path):
    rows = [json.loads(line) for line in open(path) if line.strip()]
    print("| case | ED degree (table, route) | ED degree (correspondence) | degree of the "
          "correspondence | generic ED degree mod p (seeds 1, 2) | paths to infinity | "
          "trace residual | seconds | seconds mod p |")
    print("|---|---|---|---|---|---|---|---|---|")
    agree = twice = 0
    for r in rows:
        table = "%s (%s)" % (r["table_value"], r["table_method"]) if r["table_value"] else "-"
        generic = r.get("generic_modular", r.get("generic_modular_error", "-"))
        if "error" in r:
            print("| %s | %s | %s | - | %s | - | - | %s | %s |" % (
                r["case"], table, r["error"], generic, r["seconds"],
                r.get("generic_modular_seconds", "-")))
            continue
        agree += r["ed_degree"] == r["table_value"]
        twice += r.get("generic_modular") == r["correspondence_degree"]
        print("| %s | %s | %d | %d | %s | %d | %.1e | %s | %s |" % (
            r["case"], table, r["ed_degree"], r["correspondence_degree"], generic,
            r["at_infinity"], r["trace_residual"], r["seconds"],
            r.get("generic_modular_seconds", "-")))
    compared = sum(1 for r in rows if "error" not in r and r["table_value"])
    print("\n%d of %d ED degrees compared agree with the table; %d cases did not finish; "
          "%d degrees of the correspondence agree with the generic ED degree mod p."
          % (agree, compared, sum(1 for r in rows if "error" in r), twice))


if __name__ == "__main__":
    main()
