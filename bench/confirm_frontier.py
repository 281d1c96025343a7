"""
A second route for the values of the frontier table that have only one,
and the degrees of its cases that have none yet, recorded as long runs::

    python bench/confirm_frontier.py DIR [--timeout 900] [--case KEY --quantity degree]...
    python bench/confirm_frontier.py DIR --record docs/frontier

The first form takes every unconfirmed row of ``docs/frontier/results.csv``
(or the case named): the recorded value is the first computation, and the
second is another route on the same network (a recorded numerical degree:
the linear sections mod p, else the witness set carried to the section of
the second seed; a recorded modular degree: monodromy with its trace test;
a modular ED degree: monodromy in the data; a numerical ED degree: the
count mod p of its critical equations, and where that does not finish in
``--timeout`` seconds, the ED correspondence (after monodromy in the data)
or the ED correspondence on other random choices, another affine space and
other data (after the ED correspondence); a count of critical points over
QQ: the modular ED degree). A case named
with ``--case`` and no recorded degree gets ``M.degree()`` ('auto') as its
first computation and the network's own parameters (``closed_form=False``)
as its second. Each result goes to ``DIR/<case>.json`` as soon as it is
known. The second form writes the cases whose two values agree into the
frontier table.
"""
import argparse
import csv
import json
import os
import time

HERE = os.path.dirname(os.path.abspath(__file__))
FRONTIER = os.path.join(HERE, "..", "docs", "frontier")


def _path(folder, key, quantity):
    from long_runs import case_stem
    return "%s-%s.json" % (case_stem(folder, key), quantity)


def _second(M, quantity, method, route, timeout):
    # another route than the recorded one; returns the Provenance record
    if quantity == "critical_points":
        M.ed_degree(method="modular", seeds=(1, 2), timeout=timeout, cross_check=False)
        return M.provenance("ed_degree")
    if quantity == "ed_degree":
        # a count mod p -> monodromy in the data; a numerical count -> a
        # count mod p (another method: the critical equations solved by
        # Groebner bases, two seed sets), and where that does not finish in
        # time, the ED correspondence (certified by its own trace test): for
        # monodromy in the data; for the ED correspondence, the same route on
        # other random choices (seed 2: another affine space and other data),
        # since the data's trace test fails where critical points escape to
        # infinity
        if method != "numerical":
            tries = [("numerical", (1,))]
        elif route.startswith("monodromy on the ED correspondence"):
            tries = [("modular", (1, 2))] + [("correspondence", (s,)) for s in (2, 3, 4)]
        else:
            tries = [("modular", (1, 2))] + [("correspondence", (s,)) for s in (1, 2, 3)]
        for second, seeds in tries:
            # a path that neither arrives nor goes to infinity leaves the
            # count uncertified: other random choices, as the error says
            try:
                M.ed_degree(method=second, seeds=seeds, timeout=timeout, cross_check=False)
                return M.provenance("ed_degree")
            except (ArithmeticError, TimeoutError) as e:
                print("%s, seeds %s: %s" % (second, seeds, e), flush=True)
        raise ArithmeticError("no second route of %s gave a certified count" % (tries,))
    if quantity != "degree":
        raise ValueError("no second route for %r here" % (quantity,))
    if method == "numerical":
        try:
            M.degree(method="modular", seeds=(1, 2), timeout=timeout, cross_check=False)
            return M.provenance("degree")
        except TimeoutError:
            # the witness set of seed 1 carried to the section of seed 2
            M.degree(method="numerical", seeds=(1, 2), timeout=timeout, cross_check=True)
            return M.provenance("degree").confirmations[-1]
    M.degree(method="numerical", seeds=(1,), timeout=timeout, cross_check=False)
    return M.provenance("degree")


def compute(folder, todo, timeout):
    from long_runs import run_of, run_of_row
    from sage_neuro.survey.grid import Case
    for key, quantity, row in todo:
        path = _path(folder, key, quantity)
        if os.path.exists(path):
            continue
        start = time.time()
        try:
            if row is None:
                M = Case.from_key(key).architecture().neuromanifold()
                M.degree(timeout=timeout, cross_check=False)
                first = run_of(M.provenance("degree"), time.time() - start)
                start = time.time()
                N = Case.from_key(key).architecture().neuromanifold()
                N.degree(closed_form=False, timeout=timeout, cross_check=False)
                second = run_of(N.provenance("degree"), time.time() - start)
            else:
                M = Case.from_key(key).architecture().neuromanifold()
                first = run_of_row(row)
                second = run_of(_second(M, quantity, row["method"], row["route"] or "", timeout),
                                time.time() - start)
        except (TimeoutError, ArithmeticError, RuntimeError, ValueError) as e:
            print("%s %s: %s: %s" % (key, quantity, type(e).__name__, e), flush=True)
            continue
        with open(path + ".tmp", "w") as f:
            json.dump(dict(case=key, quantity=quantity, runs={"1": first, "2": second}), f, indent=1)
        os.replace(path + ".tmp", path)
        print("%s %s: %s and %s (%.1f s)" % (key, quantity, first["value"], second["value"],
                                            time.time() - start), flush=True)


def record(folder, out_dir):
    from long_runs import record_confirmed
    from sage_neuro.survey.grid import Case
    for name in sorted(os.listdir(folder)):
        if not name.endswith(".json"):
            continue
        done = json.load(open(os.path.join(folder, name)))
        a, b = done["runs"]["1"], done["runs"]["2"]
        if a["value"] != b["value"]:
            print("%s %s: the routes disagree (%s, %s): not recorded"
                  % (done["case"], done["quantity"], a["value"], b["value"]), flush=True)
            continue
        case = Case.from_key(done["case"])
        for f in record_confirmed(out_dir, done["case"], case, case.architecture(),
                                  done["quantity"], a, b):
            print("wrote", f)


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("dir", help="folder of the results, one JSON file per case and quantity")
    p.add_argument("--timeout", type=float, default=900.0, help="seconds per route (default 900)")
    p.add_argument("--case", action="append", default=[], help="a case without a recorded degree")
    p.add_argument("--record", default=None, metavar="OUT_DIR")
    args = p.parse_args()
    import sage.all  # noqa: F401
    os.makedirs(args.dir, exist_ok=True)
    if args.record is not None:
        return record(args.dir, args.record)
    with open(os.path.join(FRONTIER, "results.csv")) as f:
        rows = [r for r in csv.DictReader(f) if r["confirmation"] == "unconfirmed"]
    todo = [(r["case"], r["quantity"], r) for r in rows] + [(k, "degree", None) for k in args.case]
    compute(args.dir, todo, args.timeout)


if __name__ == "__main__":
    main()
