r"""
The frontier table: dimension, defect, degree, ED degree and the generic
number of critical points of the architectures of the frontier grid
(:data:`~sage_neuro.survey.grid.FRONTIER_GRIDS`), each value computed twice
(another random point, other random slices, or another route), with full
provenance, compared with the published values of
:mod:`~sage_neuro.survey.literature`; and the verdicts of the two
conjectures (singular locus = subnetworks, generic fiber = symmetry orbit)
on the same grid.

One command computes (or resumes) everything and writes the table::

    sage-neuro survey frontier --db frontier.db --out docs/frontier

It runs two passes over the grid on the survey database (values first,
then the conjecture checks, each with its own time limit per case), then
writes ``results.csv``, ``results.md``, ``conjectures.csv`` and
``conjectures.md`` in the output folder. The files carry
:data:`FRONTIER_SCHEMA_VERSION`.

A value is

- ``confirmed`` when its second computation gave the same value (the
  columns ``confirmation_*`` say how), ``conflict`` when it did not (both
  are listed), ``unconfirmed`` when the second computation did not finish;
- ``agrees`` / ``DISAGREES`` with the literature when a published formula
  covers it (:func:`~sage_neuro.survey.literature.published_value`),
  ``trivial`` when the variety fills its ambient space (degree and ED
  degree 1), ``new`` when no source recorded in sage-neuro covers a
  degree, ED degree or critical count, and ``not compared`` for dimensions
  and defects without a recorded formula (dimension theorems such as those
  of arXiv 1905.12207, 2408.04569 and 2408.17221 are not encoded).

The ED degree and the generic critical count are the same number for
generic data, computed by two routes (the modular ED slice and the count
over ``QQ`` at random rational data): each is the other's confirmation;
when the count over ``QQ`` does not finish, the ED degree on other random
slices and data (``ed_degree_confirmation``) confirms the ED degree.

EXAMPLES::

    sage: import os, tempfile
    sage: from sage_neuro.survey.frontier import run_frontier
    sage: from sage_neuro.survey.grid import Case
    sage: d = tempfile.mkdtemp()
    sage: files = run_frontier(os.path.join(d, 'f.db'), os.path.join(d, 'out'),  # long time
    ....:                      cases=[Case('mlp', {'widths': (2, 1, 1), 'activation': 3})],
    ....:                      processes=0, progress=False, checks=False)
    sage: print(open(files[1]).read())  # long time
    # Frontier table...
    | mlp:activation=3;widths=2-1-1 | ... | degree | 3 | confirmed | ... | agrees ...
"""

import csv
import json
import os

#: version of the columns of the frontier files (raise it when they change)
FRONTIER_SCHEMA_VERSION = 1

#: the invariants of the first pass (values), in the order computed
VALUE_INVARIANTS = ("expected_dimension", "dimension", "dimension_confirmation", "defect", "degree",
                    "degree_confirmation", "ed_degree", "critical_points", "ed_degree_confirmation")

#: the invariants of the second pass (conjectures)
CHECK_INVARIANTS = ("singularities_are_subnetworks", "generic_fiber_is_orbit")

#: quantity of the table -> (the stored invariant, the stored invariants
#: confirming it, the first computed one is used)
CONFIRMED_BY = {
    "dimension": ("dimension", ("dimension_confirmation",)),
    "defect": ("defect", ("dimension_confirmation",)),
    "degree": ("degree", ("degree_confirmation",)),
    "ed_degree": ("ed_degree", ("critical_points", "ed_degree_confirmation")),
    "critical_points": ("critical_points", ("ed_degree", "ed_degree_confirmation")),
}

#: the columns of ``results.csv``
COLUMNS = ("schema_version", "case", "family", "architecture", "parameters", "ambient", "quantity",
           "value", "confirmation", "method", "primes", "seeds", "route", "choices", "certificate",
           "seconds", "confirmation_value", "confirmation_method", "confirmation_primes",
           "confirmation_seeds", "confirmation_route", "literature", "published_value", "source")

#: the columns of ``conjectures.csv``
CHECK_COLUMNS = ("schema_version", "case", "family", "architecture", "conjecture", "verdict",
                 "value", "method", "route", "certificate", "error")


def _value_for(quantity, row, expected):
    # the defect's confirmation is expected dimension minus the second dimension
    if row is None or row["status"] != "ok":
        return None
    if quantity == "defect" and row["invariant"] == "dimension_confirmation":
        return None if expected is None else expected - row["value"]
    return row["value"]


def _sizes(case):
    # (number of parameters, ambient dimension); imports Sage
    try:
        net = case.architecture()
        return int(net.num_parameters()), int(net.ambient_dimension())
    except Exception:
        return None, None


def frontier_rows(db):
    r"""
    Return the rows of the frontier table (dictionaries with the keys
    :data:`COLUMNS`) computed from the survey database ``db``: one per case
    and quantity with a computed value.

    INPUT:

    - ``db`` -- a survey database file

    OUTPUT: a list of dictionaries

    EXAMPLES::

        sage: import os, tempfile
        sage: from sage_neuro.survey.frontier import frontier_rows
        sage: from sage_neuro.survey.store import SurveyStore
        sage: from sage_neuro.survey.grid import Case
        sage: db = os.path.join(tempfile.mkdtemp(), 'f.db'); S = SurveyStore(db)
        sage: c = Case('mlp', {'widths': (3, 1, 2), 'activation': 3}); S.plan([c], ['degree', 'degree_confirmation'])
        sage: S.record_case(c.key, 'PolynomialMLP([3, 1, 2], activation=3)',
        ....:     [{'invariant': 'degree', 'status': 'ok', 'value': 7, 'method': 'modular', 'seeds': [1, 2]},
        ....:      {'invariant': 'degree_confirmation', 'status': 'ok', 'value': 8, 'method': 'modular',
        ....:       'seeds': [3, 4]}])
        sage: r = frontier_rows(db)[0]
        sage: r['quantity'], r['value'], r['confirmation'], r['confirmation_value'], r['literature']
        ('degree', 7, 'conflict', 8, 'new')
    """
    from sage_neuro.survey.grid import Case
    from sage_neuro.survey.literature import published_value
    from sage_neuro.survey.store import results_by_case
    cases = results_by_case(db)
    out = []
    for key in sorted(cases):
        got = cases[key]
        case = Case.from_key(key)
        params, ambient = _sizes(case)
        arch = next((r["architecture"] for r in got.values() if r["architecture"]), "")
        e = got.get("expected_dimension")
        expected = e["value"] if e is not None and e["status"] == "ok" else None
        dim = got.get("dimension")
        filling = (dim is not None and dim["status"] == "ok" and ambient is not None
                   and dim["value"] == ambient)
        for quantity, (first, second) in CONFIRMED_BY.items():
            a = got.get(first)
            va = _value_for(quantity, a, expected)
            if va is None:
                continue
            b = next((got[n] for n in second if n in got and got[n]["status"] == "ok"), None)
            vb = _value_for(quantity, b, expected)
            pub = published_value(case, quantity)
            if pub is not None:
                lit = "agrees" if pub[0] == va else "DISAGREES"
            elif filling and quantity in ("degree", "ed_degree", "critical_points"):
                lit = "trivial"
            elif quantity in ("degree", "ed_degree", "critical_points"):
                lit = "new"
            else:
                lit = "not compared"
            row = dict(schema_version=FRONTIER_SCHEMA_VERSION, case=key, family=case.family,
                       architecture=arch, parameters=params, ambient=ambient, quantity=quantity,
                       value=va, confirmation=("unconfirmed" if vb is None else
                                               "confirmed" if vb == va else "conflict"),
                       literature=lit, published_value=None if pub is None else pub[0],
                       source="" if pub is None else pub[1])
            for k in ("method", "primes", "seeds", "route", "choices", "certificate", "seconds"):
                row[k] = a.get(k)
            for k in ("value", "method", "primes", "seeds", "route"):
                row["confirmation_" + k] = (vb if k == "value" else
                                            b.get(k) if b is not None and b["status"] == "ok" else None)
            out.append(row)
    return out


def check_rows(db):
    r"""
    Return the verdicts of the conjectures (:data:`CHECK_INVARIANTS`) stored
    in the survey database ``db``, one dictionary (keys
    :data:`CHECK_COLUMNS`) per case and conjecture.

    The verdict is ``holds`` (the singular locus equals the union of the
    subnetwork images; the generic fiber is the orbit), ``fails`` (with
    the relation found), ``undecided`` (the check finished without a
    decision) or the status of a check that did not finish (``timeout``,
    ``failed``, ``unavailable``).

    EXAMPLES::

        sage: import os, tempfile
        sage: from sage_neuro.survey import frontier, grid, store
        sage: db = os.path.join(tempfile.mkdtemp(), 'f.db')
        sage: S, c = store.SurveyStore(db), grid.Case.from_key('mlp:widths=2-2-1')
        sage: S.plan([c], ['singularities_are_subnetworks'])
        sage: S.record_case(c.key, None, [dict(invariant='singularities_are_subnetworks', status='ok',
        ....:                                  value='Sing inside subnetworks', method='proved')])
        sage: [(r['conjecture'], r['verdict']) for r in frontier.check_rows(db)]
        [('singularities_are_subnetworks', 'fails: Sing inside subnetworks')]
    """
    from sage_neuro.survey.store import SurveyStore
    store = SurveyStore(db, create=False)
    try:
        rows = store.rows()
    finally:
        store.close()
    out = []
    for r in rows:
        if r["invariant"] not in CHECK_INVARIANTS:
            continue
        v = r["value"]
        if r["status"] != "ok":
            verdict = r["status"]
        elif v is None:
            verdict = "undecided"
        elif v is True or v == "equal":
            verdict = "holds"
        else:
            verdict = "fails" if v is False else "fails: %s" % v
        out.append(dict(schema_version=FRONTIER_SCHEMA_VERSION, case=r["case_key"], family=r["family"],
                        architecture=r["architecture"] or "", conjecture=r["invariant"], verdict=verdict,
                        value=v, method=r["method"], route=r["route"], certificate=r["certificate"],
                        error=r["error"]))
    return out


def _csv_cell(v):
    if isinstance(v, (list, dict, bool)) or v is None:
        return "" if v is None else json.dumps(v)
    return v


def _md_cell(v):
    return str(_csv_cell(v)).replace("|", "/").replace("\n", " ")


def count_new(rows):
    r"""
    Return the number of values of the frontier table ``rows`` that are
    ``new`` and ``confirmed``, counting the ED degree and the generic
    critical count of one case (the same number by two routes) once.

    EXAMPLES::

        sage: from sage_neuro.survey.frontier import count_new
        sage: count_new([{'case': 'a', 'quantity': 'ed_degree', 'literature': 'new', 'confirmation': 'confirmed'},
        ....:            {'case': 'a', 'quantity': 'critical_points', 'literature': 'new', 'confirmation': 'confirmed'},
        ....:            {'case': 'a', 'quantity': 'degree', 'literature': 'new', 'confirmation': 'unconfirmed'}])
        1
    """
    seen = set()
    for r in rows:
        if r["literature"] == "new" and r["confirmation"] == "confirmed":
            q = "ed_degree" if r["quantity"] == "critical_points" else r["quantity"]
            seen.add((r["case"], q))
    return len(seen)


def write_frontier(db, out_dir):
    r"""
    Write the frontier table of the survey database ``db`` into
    ``out_dir``: ``results.csv``, ``results.md``, ``conjectures.csv`` and
    ``conjectures.md``; return their paths.

    EXAMPLES::

        sage: import os, tempfile
        sage: from sage_neuro.survey.frontier import write_frontier
        sage: from sage_neuro.survey.store import SurveyStore
        sage: d = tempfile.mkdtemp(); db = os.path.join(d, 'f.db'); SurveyStore(db).close()
        sage: [os.path.basename(f) for f in write_frontier(db, os.path.join(d, 'out'))]
        ['results.csv', 'results.md', 'conjectures.csv', 'conjectures.md']
    """
    os.makedirs(out_dir, exist_ok=True)
    rows = frontier_rows(db)
    checks = check_rows(db)
    files = [os.path.join(out_dir, n) for n in ("results.csv", "results.md", "conjectures.csv",
                                                 "conjectures.md")]
    for path, cols, data in ((files[0], COLUMNS, rows), (files[2], CHECK_COLUMNS, checks)):
        with open(path, "w", newline="") as f:
            w = csv.writer(f)
            w.writerow(cols)
            for r in data:
                w.writerow([_csv_cell(r[c]) for c in cols])
    counts = {}
    for r in rows:
        counts[r["literature"]] = counts.get(r["literature"], 0) + 1
    conf = {}
    for r in rows:
        conf[r["confirmation"]] = conf.get(r["confirmation"], 0) + 1
    new = count_new(rows)
    md = ["# Frontier table of sage-neuro (schema version %d)" % FRONTIER_SCHEMA_VERSION, "",
          "Generated by `sage-neuro survey frontier` (see `sage_neuro/survey/frontier.py`; the grid "
          "is `FRONTIER_GRIDS` in `sage_neuro/survey/grid.py`). Every row is one value with its "
          "first computation (method, primes, seeds) and its second one (`confirmation_*` in "
          "`results.csv`).", "",
          "%d values: %s; %s. **%d new values confirmed twice** (ED degree and generic critical "
          "count counted once per case)." % (
              len(rows), ", ".join("%d %s" % (n, k) for k, n in sorted(conf.items())),
              ", ".join("%d %s" % (n, k) for k, n in sorted(counts.items())), new), "",
          "| case | parameters | quantity | value | confirmation | method | seeds | second value "
          "| second method | second seeds | literature |",
          "|---|---|---|---|---|---|---|---|---|---|---|"]
    for r in rows:
        md.append("| %s |" % " | ".join(_md_cell(r[c]) for c in (
            "case", "parameters", "quantity", "value", "confirmation", "method", "seeds",
            "confirmation_value", "confirmation_method", "confirmation_seeds")) + " %s |" % _md_cell(
            r["literature"] + (" (%s: %s)" % (r["published_value"], r["source"])
                               if r["published_value"] is not None else "")))
    with open(files[1], "w") as f:
        f.write("\n".join(md) + "\n")
    open_cases = [r for r in checks if r["verdict"] != "holds"]
    md = ["# Conjectures on the frontier grid (schema version %d)" % FRONTIER_SCHEMA_VERSION, "",
          "Singular locus = union of the subnetwork images (`singularities_are_subnetworks`) and "
          "generic fiber = symmetry orbit (`generic_fiber_is_orbit`), checked on every case of the "
          "frontier grid. %d checks stored, %d hold; every other case (fails, undecided, not "
          "finished) is listed. `fails: Sing inside subnetworks`: the singular locus lies in the "
          "union of the subnetwork images but is smaller (some subnetwork images are smooth "
          "points); `fails` of the fiber check: the generic fiber is larger than the orbit (its "
          "certificate says how)." % (len(checks), len(checks) - len(open_cases)), "",
          "| family | conjecture | verdicts |", "|---|---|---|"]
    tally = {}
    for r in checks:
        t = tally.setdefault((r["family"], r["conjecture"]), {})
        t[r["verdict"]] = t.get(r["verdict"], 0) + 1
    for (fam, conj), t in sorted(tally.items()):
        md.append("| %s | %s | %s |" % (fam, conj, ", ".join("%d %s" % (n, v) for v, n in sorted(t.items()))))
    md += ["",
          "| case | conjecture | verdict | method | certificate or error |", "|---|---|---|---|---|"]
    for r in open_cases:
        md.append("| %s |" % " | ".join(_md_cell(x) for x in (
            r["case"], r["conjecture"], r["verdict"], r["method"], r["certificate"] or r["error"])))
    with open(files[3], "w") as f:
        f.write("\n".join(md) + "\n")
    return files + growth_plots(rows, out_dir)


def growth_plots(rows, out_dir):
    r"""
    Save the plots of the degree and of the ED degree against the number
    of parameters, per family, of the frontier table ``rows`` into
    ``out_dir`` (``growth_degree.png``, ``growth_ed_degree.png``); return
    their paths (none without matplotlib).

    EXAMPLES::

        sage: import os, tempfile
        sage: from sage_neuro.survey.frontier import growth_plots
        sage: rows = [{'family': 'mlp', 'parameters': 4, 'quantity': 'degree', 'value': 6, 'literature': 'new'}]
        sage: [os.path.basename(f) for f in growth_plots(rows, tempfile.mkdtemp())]
        ['growth_degree.png']
    """
    from sage_neuro.reports.atlas import growth_points
    from sage_neuro.reports.plots import plot_growth
    out = []
    for quantity in ("degree", "ed_degree"):
        pts = growth_points([{k: str(v) for k, v in r.items()} for r in rows], quantity)
        if not pts:
            continue
        try:
            out.append(plot_growth(pts, os.path.join(out_dir, "growth_%s.png" % quantity), quantity))
        except ImportError:
            break
    return out


def run_frontier(db, out_dir, cases=None, time_limit=120, check_time_limit=120, processes=2,
                 scheduler=None, retry_failed=False, progress=True, checks=True):
    r"""
    Compute (or resume) the frontier table into the survey database ``db``
    and write it into ``out_dir`` (:func:`write_frontier`); return the
    paths written.

    INPUT:

    - ``db`` -- the survey database file (created if missing)
    - ``out_dir`` -- the folder of the table (e.g. ``docs/frontier``)
    - ``cases`` -- the cases (default: :func:`~sage_neuro.survey.grid.frontier_cases`)
    - ``time_limit`` -- seconds per case for the values
    - ``check_time_limit`` -- seconds per case for the two conjecture checks
    - ``processes``, ``scheduler``, ``retry_failed``, ``progress`` -- as
      for :func:`~sage_neuro.survey.runner.run_survey`
    - ``checks`` -- whether to run the conjecture checks

    OUTPUT: the list of files written

    EXAMPLES::

        sage: from sage_neuro.survey.frontier import run_frontier
        sage: run_frontier('f.db', 'out', cases=[], time_limit=-1)
        Traceback (most recent call last):
        ...
        ValueError: time_limit must be a positive number of seconds or None, not -1
    """
    from sage_neuro.survey.grid import frontier_cases
    from sage_neuro.survey.runner import run_cases
    cases = frontier_cases() if cases is None else list(cases)
    run_cases(cases, db, invariants=VALUE_INVARIANTS, time_limit=time_limit, processes=processes,
              scheduler=scheduler, retry_failed=retry_failed, progress=progress, only=True)
    if checks:
        run_cases(cases, db, invariants=CHECK_INVARIANTS, time_limit=check_time_limit,
                  processes=processes, scheduler=scheduler, retry_failed=retry_failed,
                  progress=progress, only=True)
    return write_frontier(db, out_dir)
