"""
The ED degrees of polynomial CNNs of stride one from the Segre-Veronese
formula, where the neuromanifold is shown transversal to the isotropic
quadric (``sage_neuro.invariants.cnn_segre_veronese``), at two primes::

    python bench/cnn_transversal.py DIR [--case KEY]... [--prime P]... [--timeout 3600]
    python bench/cnn_transversal.py DIR --table bench/results/cnn_transversal.md [--milnor-timeout 900] [--record docs/frontier]

The first form decides the isotropic tangency locus of every case (the
CNNs of stride one of the survey, two-layer ones with filters up to 5 and
``x^2`` or ``x^3``, and those named) mod 32003 and mod
65521; each verdict goes to ``DIR/<case>.json`` as soon as it is known (a
rerun skips what is there). The second form writes the table of verdicts,
with the ED degree each case has in the frontier table (another route)
next to the formula, the exact point of a dilated filter, and for a
tangent case with finitely many points the sum of their Milnor numbers
(``milnor_defect``, kept in the case's file); with ``--record`` it writes
the transversal cases into the frontier table: the value proved at the
first prime, confirmed at the second, or by the frontier table's own
computation where it has one.
"""
import argparse
import csv
import json
import os
import time

HERE = os.path.dirname(os.path.abspath(__file__))
FRONTIER = os.path.join(HERE, "..", "docs", "frontier")
PRIMES = (32003, 65521)
HEADER = """# ED degrees of polynomial CNNs transversal to the isotropic quadric

Written by `python bench/cnn_transversal.py DIR --table FILE` from the
verdicts of `python bench/cnn_transversal.py DIR` (sage-neuro, 2-core Intel
Xeon). A CNN of stride one with `t^r` is transversal when `J^T mu = 0` has
no point on the product of the filters' projective spaces, decided by msolve
stratum by stratum mod each prime; its ED degree is then the generic one of
the Segre-Veronese formula, proved. Where the locus has points mod p nothing
is claimed, and those ED degrees are smaller. The column "dilated filter"
gives an exact point of the locus over `QQ(c, i)` where a filter before the
last can be dilated (`dilated_tangency`), a proof over `QQbar` that the
neuromanifold touches the quadric. Where the locus is finite, the sum of
the Milnor numbers of the quadric's section at its points
(`milnor_defect`, mod 32003) is the drop in ED degree, proved for an
unramified parametrization, which these CNNs have (`milnor_ed_degree_record`;
`bench/results/cnn_milnor.md`). The last columns compare the formula
with the ED degree the frontier table has from another route. The seconds
were measured with two or three such computations sharing the two cores.

"""
CASES = (["cnn:activation=2;filters=%s" % f for f in
          ("2-2", "2-3", "3-2", "3-3", "2-2-2", "2-2-3", "2-3-2", "3-2-2", "2-3-3", "3-2-3",
           "3-3-2", "3-3-3")]
         + ["cnn:activation=%d;filters=%d-%d" % (r, k1, k2) for r in (2, 3)
            for k1 in range(2, 6) for k2 in range(2, 6) if (r, k1, k2) != (2, 2, 2)
            and not (r == 2 and k1 <= 3 and k2 <= 3)])


def _path(folder, key):
    from long_runs import case_stem
    return case_stem(folder, key) + ".json"


def _save(path, done):
    # through a temporary file, so that a killed run leaves the last
    # complete state of the case
    with open(path + ".tmp", "w") as f:
        json.dump(done, f, indent=1)
    os.replace(path + ".tmp", path)


def compute(folder, keys, timeout, primes=PRIMES):
    from long_runs import run_of
    from sage_neuro.invariants.cnn_segre_veronese import (isotropic_tangency,
                                                          transversal_ed_degree_record)
    from sage_neuro.survey.grid import Case
    for key in keys:
        path = _path(folder, key)
        done = json.load(open(path)) if os.path.exists(path) else {"case": key, "primes": {}}
        for p in primes:
            if str(p) in done["primes"]:
                continue
            net = Case.from_key(key).architecture()
            start = time.time()
            try:
                T = isotropic_tangency(net, prime=p, timeout=timeout)
            except TimeoutError as e:
                print("%s mod %d: %s" % (key, p, e), flush=True)
                continue
            entry = dict(transversal=T.transversal, strata=len(T.strata), total=T.total,
                         seconds=round(time.time() - start, 1), verdict=T.certificate())
            if T.transversal:
                entry["run"] = run_of(transversal_ed_degree_record(net, tangency=T),
                                      time.time() - start)
            done["primes"][str(p)] = entry
            _save(path, done)
            print("%s mod %d: %s (%.1f s)" % (key, p, T, entry["seconds"]), flush=True)


def frontier_rows():
    """
    The rows of the committed frontier table, by ``(case, quantity)``.
    """
    with open(os.path.join(FRONTIER, "results.csv")) as f:
        return {(r["case"], r["quantity"]): r for r in csv.DictReader(f)}


def other_route(row):
    """
    The stored form (``long_runs.run_of_row``) of the computation in the
    frontier ``row`` that is not a proof (first or second in the row): the
    ED degree by another route than the closed formulas; ``None`` if there
    is none.
    """
    from long_runs import run_of_row
    if row is None:
        return None
    for prefix in ("", "confirmation_"):
        if row[prefix + "method"] and row[prefix + "method"] != "proved":
            return run_of_row(row, prefix)
    return None


def cases_of(folder):
    """
    The pairs ``(case, contents)`` of the case files of ``folder``, by
    activation, depth and filters.
    """
    from sage_neuro.survey.grid import Case
    found = [json.load(open(os.path.join(folder, n))) for n in os.listdir(folder)
             if n.endswith(".json")]
    return sorted(((Case.from_key(d["case"]), d) for d in found),
                  key=lambda cd: (cd[0].params["activation"], len(cd[0].params["filters"]),
                                  cd[0].params["filters"]))


def drop_table(folder, out, record_dir, header, columns, names, route, detail):
    """
    Write the table ``out`` of a route that computes the ED degree of
    tangent CNNs twice per case (the runs ``names`` of ``folder``, kept by
    ``long_runs.compute_runs``): one row per case with ``detail(generic,
    first run)`` and the two values, compared with the frontier table's ED
    degree from another route (one whose route does not mention
    ``route``); with ``record_dir``, a case the frontier table does not
    have and whose two runs agree is recorded there. ``columns`` is the
    header row. Returns the number of cases recorded.
    """
    from long_runs import record_confirmed
    from sage_neuro.invariants.cnn_segre_veronese import cnn_generic_ed_degree
    rows = frontier_rows()
    lines = [columns, "|---|---|---|---|---|---|---|---|---|"]
    agree = compared = new = 0
    for case, done in cases_of(folder):
        key, runs = done["case"], done["runs"]
        net = case.architecture()
        generic = int(cnn_generic_ed_degree(net))
        first, second = (runs.get(n) for n in names)
        values = [None if r is None else r["value"] for r in (first, second)]
        row = rows.get((key, "ed_degree"))
        other = other_route(row)
        if other is not None and route in (other["route"] or ""):
            # the table's value is this route's own, recorded before
            other = None
        if other is None or values[0] is None:
            agrees = "-"
        else:
            compared += 1
            agree += other["value"] == values[0]
            agrees = "yes" if other["value"] == values[0] else "NO"
        lines.append("| %s | t^%s | %d | %s | %s | %s | %s | %s | %s |" % (
            list(case.params["filters"]), case.params["activation"], generic,
            detail(generic, first), *["-" if v is None else v for v in values],
            "-" if first is None else first["seconds"],
            "-" if other is None else "%d (%s)" % (other["value"], other["method"]), agrees))
        if record_dir and row is None and None not in values and values[0] == values[1]:
            new += 1
            for f in record_confirmed(record_dir, key, case, net, "ed_degree", first, second):
                print("wrote", f)
    lines.append("")
    lines.append("Of the %d cases with an ED degree in the frontier table from another route, "
                 "%d agree." % (compared, agree))
    with open(out, "w") as f:
        f.write(header + "\n".join(lines) + "\n")
    return new


def length_known(done):
    # a tangent case whose locus has finitely many points mod the first prime
    return done.get("length") not in (None, 0)


def table(folder, out, record_dir, milnor_timeout=900):
    from long_runs import record_confirmed
    from sage_neuro.invariants.cnn_segre_veronese import (cnn_generic_ed_degree,
                                                          dilated_tangency, dilation_applies,
                                                          isotropic_tangency, milnor_defect)
    rows = frontier_rows()
    lines = ["| CNN | activation | generic ED degree (formula) | transversal mod %d | mod %d | "
             "dilated filter (exact point) | points of the locus mod %d | sum of their Milnor "
             "numbers | seconds (first prime) | ED degree in the frontier table | agrees |"
             % (PRIMES + PRIMES[:1]),
             "|---|---|---|---|---|---|---|---|---|---|---|"]
    decided = matching = compared = defects = 0
    for case, done in cases_of(folder):
        key = done["case"]
        net = case.architecture()
        generic = int(cnn_generic_ed_degree(net))
        verdicts = [done["primes"].get(str(p)) for p in PRIMES]
        other = other_route(rows.get((key, "ed_degree")))
        shown = all(v is not None and v["transversal"] for v in verdicts)
        if verdicts[0] is not None and not verdicts[0]["transversal"] and "length" not in done:
            # the number of points of the whole locus mod p, with
            # multiplicity (None: positive-dimensional or not decided in
            # 120 s), kept in the verdict's file
            try:
                n = isotropic_tangency(net, all_strata=True, timeout=120).length
                done["length"] = None if n is None else int(n)
            except TimeoutError:
                done["length"] = None
            _save(_path(folder, key), done)
        if length_known(done) and "milnor" not in done:
            # the sum of the Milnor numbers at the points of the locus, kept
            # in the verdict's file (None: not finite, or not within the
            # time-out per stratum)
            try:
                done["milnor"] = int(milnor_defect(net, timeout=milnor_timeout))
            except (ArithmeticError, TimeoutError):
                done["milnor"] = None
            _save(_path(folder, key), done)
        length = done.get("length")
        if dilation_applies(net)[0]:
            W = dilated_tangency(net)
            dilated = "yes: filter %d by %d" % (W.layer + 1, W.dilation)
        else:
            dilated = "no"
        if verdicts[0] is not None:
            decided += 1
            matching += verdicts[0]["transversal"] == (dilated == "no")
        if other is None:
            agrees = "-"
        elif shown:
            agrees = "yes" if other["value"] == generic else "NO"
        else:
            agrees = ("smaller by %d" % (generic - other["value"]) if other["value"] < generic
                      else "NO")
            if done.get("milnor") is not None:
                compared += 1
                defects += generic - other["value"] == done["milnor"]
        points = ("0" if verdicts[0] is not None and verdicts[0]["transversal"]
                  else "-" if "length" not in done
                  else "positive-dimensional or undecided" if length is None else str(length))
        milnor = ("0" if points == "0" else "-" if done.get("milnor") is None
                  else str(done["milnor"]))
        lines.append("| %s | t^%s | %d | %s | %s | %s | %s | %s | %s | %s | %s |" % (
            list(case.params["filters"]), case.params["activation"], generic,
            *[("-" if v is None else "yes" if v["transversal"] else "no") for v in verdicts],
            dilated, points, milnor, "-" if verdicts[0] is None else verdicts[0]["seconds"],
            "-" if other is None else "%d (%s)" % (other["value"], other["method"]), agrees))
        if record_dir and shown:
            first = verdicts[0]["run"]
            second = other if other is not None else verdicts[1]["run"]
            for f in record_confirmed(record_dir, key, case, net, "ed_degree", first, second):
                print("wrote", f)
    lines.append("")
    lines.append("Of the %d CNNs decided mod %d, %d are transversal exactly when no filter "
                 "can be dilated (\"-\": msolve did not finish within the time-out)."
                 % (decided, PRIMES[0], matching))
    lines.append("Of the %d tangent CNNs with finitely many points and an ED degree in the "
                 "frontier table, %d fall short of the generic ED degree by the sum of the Milnor "
                 "numbers at these points." % (compared, defects))
    with open(out, "w") as f:
        f.write(HEADER + "\n".join(lines) + "\n")
    print("wrote", out)


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("dir", help="folder of the verdicts, one JSON file per case")
    p.add_argument("--case", action="append", default=[], help="a survey key (default: %s ...)"
                   % CASES[0])
    p.add_argument("--prime", type=int, action="append", default=[],
                   help="only these primes (default: %d and %d)" % PRIMES)
    p.add_argument("--timeout", type=float, default=3600.0, help="seconds per prime (default 3600)")
    p.add_argument("--table", default=None, metavar="FILE", help="write the table of verdicts")
    p.add_argument("--milnor-timeout", type=float, default=900.0,
                   help="with --table: seconds per stratum for the Milnor numbers (default 900)")
    p.add_argument("--record", default=None, metavar="OUT_DIR",
                   help="with --table: record the transversal cases in this frontier table")
    args = p.parse_args()
    import sage.all  # noqa: F401
    os.makedirs(args.dir, exist_ok=True)
    if args.table is not None:
        return table(args.dir, args.table, args.record, args.milnor_timeout)
    compute(args.dir, args.case or CASES, args.timeout, tuple(args.prime) or PRIMES)


if __name__ == "__main__":
    main()
