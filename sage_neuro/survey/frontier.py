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
  degree 1, proved from the dimension; their confirmation counts the
  points of a section mod p, a route that does not use the proof),
  ``new`` when no source recorded in sage-neuro covers a degree, ED
  degree or critical count, and ``not compared`` for dimensions
  and defects without a recorded formula (dimension theorems such as those
  of arXiv 1905.12207, 2408.04569 and 2408.17221 are not encoded).

The ED degree and the generic critical count are the same number for
generic data, computed by two routes (the modular ED slice and the count
over ``QQ`` at random rational data): each is the other's confirmation;
when the count over ``QQ`` does not finish, the ED degree on other random
slices and data (``ed_degree_confirmation``) confirms the ED degree.

EXAMPLES::

    sage: import os
    sage: from sage_neuro.survey.frontier import run_frontier
    sage: from sage_neuro.survey.grid import Case
    sage: d = tmp_dir()
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

#: the invariants of the first pass (values), in the order computed (the
#: ED degree's second seeds before the critical points over ``QQ``: the
#: exact count can take the rest of a case's time limit, and a case
#: stopped there keeps the ED degree confirmed mod ``p``)
VALUE_INVARIANTS = ("expected_dimension", "dimension", "dimension_confirmation", "defect", "degree",
                    "degree_confirmation", "ed_degree", "ed_degree_confirmation", "critical_points")

#: the invariants of the second pass (conjectures)
#: (the fast fiber check first: a case killed at its time limit keeps it)
CHECK_INVARIANTS = ("generic_fiber_is_orbit", "singularities_are_subnetworks")

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

        sage: import os
        sage: from sage_neuro.survey.frontier import frontier_rows
        sage: from sage_neuro.survey.store import SurveyStore
        sage: from sage_neuro.survey.grid import Case
        sage: db = os.path.join(tmp_dir(), 'f.db'); S = SurveyStore(db)
        sage: c = Case('mlp', {'widths': (3, 1, 2), 'activation': 3}); S.plan([c], ['degree', 'degree_confirmation'])
        sage: S.record_case(c.key, 'PolynomialMLP([3, 1, 2], activation=3)',
        ....:     [{'invariant': 'degree', 'status': 'ok', 'value': 7, 'method': 'modular', 'seeds': [1, 2]},
        ....:      {'invariant': 'degree_confirmation', 'status': 'ok', 'value': 8, 'method': 'modular',
        ....:       'seeds': [3, 4]}])
        sage: r = frontier_rows(db)[0]
        sage: r['quantity'], r['value'], r['confirmation'], r['confirmation_value'], r['literature']
        ('degree', 7, 'conflict', 8, 'DISAGREES')
        sage: r['published_value']      # the Segre-Veronese P^1 x P^2 in O(1, 3)
        27
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

        sage: import os
        sage: from sage_neuro.survey import frontier, grid, store
        sage: db = os.path.join(tmp_dir(), 'f.db')
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
        return "" if v is None else json.dumps(v, default=int)
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


#: the file of the values computed outside the grid's time limits (a
#: script of ``bench/`` each, hours of computing), kept in the folder of
#: the table and merged into ``results.csv`` and ``results.md``
LONG_RUNS = "long_runs.csv"

# cells of results.csv written as JSON (lists) and as numbers
_JSON_COLUMNS = ("primes", "seeds", "confirmation_primes", "confirmation_seeds")
_NUMBER_COLUMNS = ("schema_version", "parameters", "ambient", "value", "seconds",
                   "confirmation_value", "published_value")


def read_rows(path):
    r"""
    Return the rows of a frontier file in the format of ``results.csv``
    (dictionaries with the keys :data:`COLUMNS`); an absent file has none.

    EXAMPLES::

        sage: import os
        sage: from sage_neuro.survey.frontier import read_rows, LONG_RUNS
        sage: d = tmp_dir()
        sage: read_rows(os.path.join(d, LONG_RUNS))
        []
    """
    if not os.path.exists(path):
        return []
    out = []
    with open(path, newline="") as f:
        for r in csv.DictReader(f):
            row = {}
            for c in COLUMNS:
                v = r.get(c, "")
                if v == "":
                    v = None
                elif c in _JSON_COLUMNS:
                    v = json.loads(v)
                elif c in _NUMBER_COLUMNS:
                    v = float(v) if any(ch in v for ch in ".e") else int(v)
                row[c] = v
            out.append(row)
    return out


def _merged(rows, long_runs):
    # a long run replaces the survey's row of the same case and quantity
    # (the survey stopped at its time limit there)
    done = {(r["case"], r["quantity"]) for r in long_runs}
    return sorted([r for r in rows if (r["case"], r["quantity"]) not in done] + list(long_runs),
                  key=lambda r: r["case"])


def record_long_run(out_dir, row):
    r"""
    Keep the frontier row ``row`` (keys :data:`COLUMNS`), a value computed
    outside the grid's time limits, in ``out_dir/long_runs.csv`` (replacing
    an older one of the same case and quantity), and write it into the
    table ``results.csv``/``results.md`` of ``out_dir``; return the paths
    written.

    The row must be confirmed: a value of the table is computed twice.

    EXAMPLES::

        sage: from sage_neuro.survey.frontier import COLUMNS, read_rows, record_long_run
        sage: d = tmp_dir()
        sage: row = dict.fromkeys(COLUMNS); row.update(case='mlp:activation=2;widths=2-2-2', family='mlp',
        ....:     quantity='degree', value=4, confirmation='confirmed', method='numerical', seeds=[1],
        ....:     confirmation_value=4, confirmation_method='numerical', confirmation_seeds=[2],
        ....:     literature='new')
        sage: files = record_long_run(d, row)
        sage: [(r['case'], r['value'], r['seeds']) for r in read_rows(files[0])]
        [('mlp:activation=2;widths=2-2-2', 4, [1])]
        sage: '1 new values confirmed twice' in open(files[1]).read()
        True
        sage: record_long_run(d, dict(row, confirmation='unconfirmed'))
        Traceback (most recent call last):
        ...
        ValueError: a long run must be confirmed by its second computation (confirmation 'confirmed' with confirmation_value equal to value), not 'unconfirmed'
        sage: record_long_run(d, dict(row, confirmation_seeds=[1]))
        Traceback (most recent call last):
        ...
        ValueError: the confirmation repeats the first computation (method 'numerical', seeds [1], the same route): a value of the table is computed twice, by another route or on other random choices
    """
    missing = [c for c in COLUMNS if c not in row]
    if missing:
        raise ValueError("row lacks the columns %s" % ", ".join(missing))
    if row["confirmation"] != "confirmed" or row["confirmation_value"] != row["value"]:
        raise ValueError("a long run must be confirmed by its second computation (confirmation "
                         "'confirmed' with confirmation_value equal to value), not %r"
                         % (row["confirmation"],))
    if all(row.get(k) == row.get("confirmation_" + k) for k in ("method", "route", "seeds", "primes")):
        raise ValueError("the confirmation repeats the first computation (method %r, seeds %r, the "
                         "same route): a value of the table is computed twice, by another route or "
                         "on other random choices" % (row["method"], row["seeds"]))
    row = dict(row, schema_version=FRONTIER_SCHEMA_VERSION)
    path = os.path.join(out_dir, LONG_RUNS)
    runs = [r for r in read_rows(path) if (r["case"], r["quantity"]) != (row["case"], row["quantity"])]
    runs.append(row)
    os.makedirs(out_dir, exist_ok=True)
    _write_csv(path, sorted(runs, key=lambda r: (r["case"], r["quantity"])))
    return write_results(read_rows(os.path.join(out_dir, "results.csv")), out_dir)


def refresh_literature(out_dir):
    r"""
    Mark again every row of the frontier table of ``out_dir`` (its long
    runs and ``results.csv``) against the published values known now
    (:func:`~sage_neuro.survey.literature.published_value`): a row that a
    published formula covers becomes ``'agrees'`` or ``'DISAGREES'``, with
    the value and source; the others keep their mark. Rewrites the table and
    returns the list of ``(case, quantity, old mark, new mark)`` changed.

    INPUT:

    - ``out_dir`` -- the folder of ``results.csv`` and ``long_runs.csv``

    OUTPUT: a list of tuples

    EXAMPLES::

        sage: from sage_neuro.survey.frontier import COLUMNS, read_rows, record_long_run, refresh_literature
        sage: d = tmp_dir()
        sage: row = dict.fromkeys(COLUMNS); row.update(case='cnn:activation=2;filters=3-3', family='cnn',
        ....:     quantity='generic_ed_degree', value=219, confirmation='confirmed', method='modular',
        ....:     seeds=[1, 2], confirmation_value=219, confirmation_method='numerical',
        ....:     confirmation_seeds=[1], literature='new')
        sage: files = record_long_run(d, row)
        sage: refresh_literature(d)
        [('cnn:activation=2;filters=3-3', 'generic_ed_degree', 'new', 'agrees')]
        sage: r = read_rows(files[0])[0]; r['literature'], r['published_value']
        ('agrees', 219)
        sage: refresh_literature(d)
        []
    """
    from sage_neuro.survey.grid import Case
    from sage_neuro.survey.literature import QUANTITIES, published_value
    changed = []

    def remark(rows):
        out = []
        for r in rows:
            pub = (published_value(Case.from_key(r["case"]), r["quantity"])
                   if r["quantity"] in QUANTITIES else None)
            if pub is not None and r["value"] is not None:
                mark = "agrees" if pub[0] == r["value"] else "DISAGREES"
                if (mark, pub[0], pub[1]) != (r["literature"], r["published_value"], r["source"]):
                    changed.append((r["case"], r["quantity"], r["literature"], mark))
                    r = dict(r, literature=mark, published_value=pub[0], source=pub[1])
            out.append(r)
        return out
    path = os.path.join(out_dir, LONG_RUNS)
    runs = remark(read_rows(path))
    if runs:
        _write_csv(path, runs)
    long_keys = {(r["case"], r["quantity"]) for r in runs}
    rows = [r for r in read_rows(os.path.join(out_dir, "results.csv"))
            if (r["case"], r["quantity"]) not in long_keys]
    write_results(remark(rows), out_dir)
    return changed


def _write_csv(path, rows):
    with open(path, "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(COLUMNS)
        for r in rows:
            w.writerow([_csv_cell(r[c]) for c in COLUMNS])


def write_results(rows, out_dir):
    r"""
    Write the frontier rows ``rows``, with the long runs of ``out_dir``
    (:func:`record_long_run`), as ``results.csv`` and ``results.md`` into
    ``out_dir``, with the growth plots; return the paths written.

    EXAMPLES::

        sage: import os
        sage: from sage_neuro.survey.frontier import write_results
        sage: [os.path.basename(f) for f in write_results([], tmp_dir())]
        ['results.csv', 'results.md']
    """
    os.makedirs(out_dir, exist_ok=True)
    long_runs = read_rows(os.path.join(out_dir, LONG_RUNS))
    rows = _merged(rows, long_runs)
    files = [os.path.join(out_dir, n) for n in ("results.csv", "results.md")]
    _write_csv(files[0], rows)
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
          "`results.csv`). Values computed outside the grid's time limits, by a script of "
          "`bench/` each, are kept in `%s` and marked *long run*." % LONG_RUNS, "",
          "%d values: %s; %s. **%d new values confirmed twice** (ED degree and generic critical "
          "count counted once per case)." % (
              len(rows), ", ".join("%d %s" % (n, k) for k, n in sorted(conf.items())),
              ", ".join("%d %s" % (n, k) for k, n in sorted(counts.items())), new), "",
          "| case | parameters | quantity | value | confirmation | method | seeds | second value "
          "| second method | second seeds | literature |",
          "|---|---|---|---|---|---|---|---|---|---|---|"]
    marked = {(r["case"], r["quantity"]) for r in long_runs}
    for r in rows:
        md.append("| %s |" % " | ".join(_md_cell(r[c]) for c in (
            "case", "parameters", "quantity", "value", "confirmation", "method", "seeds",
            "confirmation_value", "confirmation_method", "confirmation_seeds")) + " %s |" % _md_cell(
            r["literature"] + (" (%s: %s)" % (r["published_value"], r["source"])
                               if r["published_value"] is not None else "")
            + ("; *long run*" if (r["case"], r["quantity"]) in marked else "")))
    with open(files[1], "w") as f:
        f.write("\n".join(md) + "\n")
    return files + growth_plots(rows, out_dir)


def write_frontier(db, out_dir):
    r"""
    Write the frontier table of the survey database ``db`` into
    ``out_dir``: ``results.csv``, ``results.md``, ``conjectures.csv`` and
    ``conjectures.md``; return their paths.

    EXAMPLES::

        sage: import os
        sage: from sage_neuro.survey.frontier import write_frontier
        sage: from sage_neuro.survey.store import SurveyStore
        sage: d = tmp_dir(); db = os.path.join(d, 'f.db'); SurveyStore(db).close()
        sage: [os.path.basename(f) for f in write_frontier(db, os.path.join(d, 'out'))]
        ['results.csv', 'results.md', 'conjectures.csv', 'conjectures.md']
    """
    rows = frontier_rows(db)
    files = write_results(rows, out_dir)
    return files[:2] + write_conjectures(db, out_dir) + files[2:]


def write_conjectures(db, out_dir):
    r"""
    Write the verdicts of the conjecture checks of the survey database
    ``db`` (:func:`check_rows`) into ``out_dir``: ``conjectures.csv`` and
    ``conjectures.md``; return their paths.

    EXAMPLES::

        sage: import os
        sage: from sage_neuro.survey.frontier import write_conjectures
        sage: from sage_neuro.survey.store import SurveyStore
        sage: d = tmp_dir(); SurveyStore(os.path.join(d, 'f.db')).close()
        sage: csv_file, md_file = write_conjectures(os.path.join(d, 'f.db'), d)
        sage: '0 checks stored: 0 decided (0 hold, 0 fail; certainty: none)' in open(md_file).read()
        True
        sage: open(csv_file).readline().strip()
        'schema_version,case,family,architecture,conjecture,verdict,value,method,route,certificate,error'
    """
    os.makedirs(out_dir, exist_ok=True)
    checks = check_rows(db)
    files = [os.path.join(out_dir, n) for n in ("conjectures.csv", "conjectures.md")]
    with open(files[0], "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(CHECK_COLUMNS)
        for r in checks:
            w.writerow([_csv_cell(r[c]) for c in CHECK_COLUMNS])
    open_cases = [r for r in checks if r["verdict"] != "holds"]
    fails = sum(1 for r in checks if r["verdict"].startswith("fails"))
    undecided = sum(1 for r in checks if r["verdict"] == "undecided")
    levels = {}
    for r in checks:
        if r["verdict"] == "holds" or r["verdict"].startswith("fails"):
            levels[r["method"]] = levels.get(r["method"], 0) + 1
    md = ["# Conjectures on the frontier grid (schema version %d)" % FRONTIER_SCHEMA_VERSION, "",
          "Singular locus = union of the subnetwork images (`singularities_are_subnetworks`) and "
          "generic fiber = symmetry orbit (`generic_fiber_is_orbit`), checked on every case of the "
          "frontier grid. %d checks stored: %d decided (%d hold, %d fail; certainty: %s), %d "
          "undecided, %d not finished. Every case that does not hold is listed below." % (
              len(checks), len(checks) - len(open_cases) + fails, len(checks) - len(open_cases),
              fails, ", ".join("%d %s" % (n, m) for m, n in sorted(levels.items())) or "none",
              undecided, len(checks) - (len(checks) - len(open_cases)) - fails - undecided), "",
          "Each check runs a modular route first -- for the fiber, the points of the fiber cut by "
          "a gauge of the continuous symmetries counted mod p "
          "(`sage_neuro/invariants/fiber_count.py`); for the singular locus, the multiplicity of "
          "the neuromanifold at a random point of each subnetwork image mod p "
          "(`check_singularities_modular`) -- then the exact route over QQ within part of the "
          "time left; an exact verdict that agrees replaces the modular one (its certificate "
          "names both). `fails: Sing inside subnetworks`: the singular locus lies in the union "
          "of the subnetwork images but is smaller (some subnetwork images are smooth points); "
          "`fails: not all subnetworks in Sing`: a random point of some subnetwork image has "
          "multiplicity 1, so that image is not in the singular locus (the other inclusion is "
          "not examined); `undecided` of the singularity check: every subnetwork image is "
          "singular but the singular locus was not shown to lie in them; `fails` of the fiber "
          "check: the generic fiber is larger than the orbit (its certificate says how).", "",
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
    with open(files[1], "w") as f:
        f.write("\n".join(md) + "\n")
    return files


def growth_plots(rows, out_dir):
    r"""
    Save the plots of the degree and of the ED degree against the number
    of parameters, per family, of the frontier table ``rows`` into
    ``out_dir`` (``growth_degree.png``, ``growth_ed_degree.png``); return
    their paths (none without matplotlib).

    EXAMPLES::

        sage: import os
        sage: from sage_neuro.survey.frontier import growth_plots
        sage: rows = [{'family': 'mlp', 'parameters': 4, 'quantity': 'degree', 'value': 6, 'literature': 'new'}]
        sage: [os.path.basename(f) for f in growth_plots(rows, tmp_dir())]
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


def run_frontier(db, out_dir, cases=None, time_limit=120, check_time_limit=120, processes=1,
                 scheduler=None, retry_failed=False, progress=True, checks=True, values=True):
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
    - ``values`` -- whether to run the first pass (values); without it
      only the conjecture checks run and only ``conjectures.csv`` and
      ``conjectures.md`` are written (:func:`write_conjectures`)

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
    if values:
        run_cases(cases, db, invariants=VALUE_INVARIANTS, time_limit=time_limit, processes=processes,
                  scheduler=scheduler, retry_failed=retry_failed, progress=progress, only=True)
    if checks:
        run_cases(cases, db, invariants=CHECK_INVARIANTS, time_limit=check_time_limit,
                  processes=processes, scheduler=scheduler, retry_failed=retry_failed,
                  progress=progress, only=True)
    if not values:
        return write_conjectures(db, out_dir)
    return write_frontier(db, out_dir)
