"""
Benchmarks: sage-neuro against plain Macaulay2 routes and
NumericalImplicitization, every row of every table from one run.

``python bench/run.py`` (``make bench``) runs the ladders ``degree`` and
``ed`` of ``bench/ladders.py``; ``python bench/run.py degree-long`` the rows
that need long limits (``SAGE_NEURO_LONG_LIMIT`` seconds, default 600);
``python bench/run.py frontier`` the frontier ladder (degree and ED degree
rows beyond the ladders; ``SAGE_NEURO_LONG_LIMIT`` seconds per competitor
per row and per route of ours; the competitors are the fastest of each kind
in the ladders: ``ker`` over GF(32003), NumericalImplicitization, the
parametric critical ideal over GF(32003)). The frontier ladder resumes: rows
already in ``frontier.csv`` are kept and not rerun, so that a stopped run
keeps its finished rows (delete the file to rerun all).

Per row, on the same machine in the same run:

- the Macaulay2 competitors (``bench/competitors.m2``, plain Macaulay2),
  timed *inside* Macaulay2 with ``elapsedTiming`` (wall) and ``cpuTime``,
  over QQ and over ZZ/32003: degree by ``ker`` + ``degree``, ED degree by
  all minors + ``saturate`` on the implicit ideal and by the parametric
  critical equations + ``saturate``; NumericalImplicitization's degree
  (``bench/m2_competitors.py``);
- sage-neuro's default route (``M.degree()``, ``M.ed_degree()``) and the
  monodromy route of the degree, timed in this process with
  ``time.perf_counter`` (wall) and CPU time (this process, its finished
  children -- msolve -- and the Macaulay2 process of the bridge);
- sage-neuro on one core: before the ladders, a child process with
  ``SAGE_NEURO_MSOLVE_PROCESSES=1`` (msolve systems solved one after the
  other instead of side by side) and one BLAS/OpenMP thread times the same
  degree calls.

Calls faster than ``QUICK`` seconds are repeated up to ``REPEAT`` times and
the fastest kept, on both sides. Results: ``bench/results/<ladder>.csv``,
``.md`` and ``run-<ladder>.json`` (machine, date, versions, load averages).
``python bench/readme_tables.py`` writes the README tables from them.
"""
import json
import os
import platform
import random
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from ladders import LADDERS  # noqa: E402
from m2_competitors import run_routes  # noqa: E402

OUT = Path(os.environ.get("SAGE_NEURO_BENCH_OUT", Path(__file__).resolve().parent / "results"))
# a trial run on some rows ('|'-separated names) into another directory
ONLY = [s for s in os.environ.get("SAGE_NEURO_BENCH_ONLY", "").split("|") if s]
LIMIT = int(os.environ.get("SAGE_NEURO_BENCH_LIMIT", 30))  # seconds per call, every route
LONG_LIMIT = int(os.environ.get("SAGE_NEURO_LONG_LIMIT", 600))
QUICK = 1.0          # calls faster than this are repeated ...
REPEAT = 5           # ... up to this many times, the fastest kept (as timeit)
COMPETITORS = {"degree": ["naive_QQ", "naive_p", "NI"],
               "degree-long": ["naive_QQ", "naive_p", "NI"],
               "ed": ["minors_ed_QQ", "minors_ed_p", "lagrange_ed_QQ", "lagrange_ed_p"]}
# the frontier: per quantity, the competitors of that kind that were fastest
# in the ladders (over GF(32003) ker and the critical ideal were never slower
# than over QQ by more than timer noise; the minors route first needs ker);
# NumericalImplicitization first, as it finishes most often
FRONTIER_COMPETITORS = {"degree": ["NI", "naive_p"], "ed": ["lagrange_ed_p"]}
FRONTIER_NAMES = {"degree": "degree", "ed": "ED degree"}
ONE_CORE_ENV = {"SAGE_NEURO_MSOLVE_PROCESSES": "1", "OPENBLAS_NUM_THREADS": "1",
                "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}


def _m2_cpu():
    # CPU seconds of the bridge's Macaulay2 process so far (0 if none runs)
    from sage_neuro.m2 import session
    try:
        pid = session().pid()
        with open("/proc/%d/stat" % pid) as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError):
        return 0.0


def _cpu():
    t = os.times()
    return time.process_time() + t.children_user + t.children_system + _m2_cpu()


def timed(f):
    """``(value, wall, cpu)`` of ``f()``; a failure gives 'timeout' or 'error: ...'."""
    c, t = _cpu(), time.perf_counter()
    try:
        v = f()
    except TimeoutError:
        v = "timeout"
    except Exception as e:  # noqa: BLE001 -- a benchmark records failures
        v = "error: %s" % type(e).__name__
    return v, time.perf_counter() - t, _cpu() - c


def best_of(make, f):
    """Time ``f(make())`` on new networks; repeat fast runs, keep the fastest."""
    runs = []
    for _ in range(REPEAT):
        net = make()
        # the competitors receive the expanded polynomials ready-made
        net.coordinate_functions()
        runs.append(timed(lambda: f(net)))
        if isinstance(runs[0][0], str) or runs[-1][1] > QUICK:
            break
    best = min(runs, key=lambda r: r[1])
    return runs[0][0], best[1], best[2]


def degree_routes(limit):
    return {"default": lambda net: net.neuromanifold().degree(timeout=limit),
            "monodromy": lambda net: net.neuromanifold().degree(method="numerical")}


def ed_routes(limit):
    return {"default": lambda net: net.neuromanifold().ed_degree(timeout=limit),
            "monodromy": lambda net: net.neuromanifold().ed_degree(method="numerical",
                                                                   timeout=limit)}


def describe(provenance):
    """The route of a value in a few words: its certainty level and route."""
    return "%s: %s" % (provenance.method, provenance.route)


def frontier_ours(quantity, make, limit):
    """
    sage-neuro's default and monodromy routes on a frontier row, as
    :func:`ours`, plus the route the default took (from its provenance).
    """
    routes = ed_routes(limit) if quantity == "ed" else degree_routes(limit)
    key = "ed_degree" if quantity == "ed" else "degree"
    seen = {}

    def default(net):
        M = net.neuromanifold()
        v = routes["default"](net)
        seen["route"] = describe(M.provenance(key))
        return v
    out = {"default": best_of(make, default), "monodromy": best_of(make, routes["monodromy"])}
    return out, seen.get("route", "-")


def frontier_row(quantity, name, comp, mine, route, load, limit):
    """
    One row of the frontier table: ours (value, route, times), every
    frontier competitor of any quantity ('-' when not run for this one),
    the best competitor within ``limit`` seconds and the ratios.
    """
    main = mine["default"]
    row = {"quantity": FRONTIER_NAMES[quantity], "network": name, "value": _fmt(main[0]),
           "route": route, "ours_s": _secs(main[1]), "ours_cpu_s": _secs(main[2]),
           "monodromy": _fmt(mine["monodromy"][0]), "monodromy_s": _secs(mine["monodromy"][1])}
    finished = [main[0], mine["monodromy"][0]]
    keys = [k for q in FRONTIER_COMPETITORS for k in FRONTIER_COMPETITORS[q]]
    for key in keys:
        if key in comp:
            v, w, c = comp[key]
            row[key], row[key + "_s"], row[key + "_cpu_s"] = _fmt(v), _secs(w), _secs(c)
            finished.append(v)
        else:
            row[key] = row[key + "_s"] = row[key + "_cpu_s"] = "-"
    done = [(comp[k][1], k) for k in comp if not isinstance(comp[k][0], str)]
    row["best_competitor"] = min(done)[1] if done else "none within %d s" % limit
    ok = not isinstance(main[0], str)
    row["ratio"] = _ratio([(v, w) for v, w, c in comp.values()], main[1]) if ok else "-"
    row["ratio_cpu"] = _ratio([(v, c) for v, w, c in comp.values()], main[2]) if ok else "-"
    values = {int(v) for v in finished if not isinstance(v, str)}
    row["agree"] = "yes" if len(values) == 1 else "NO: %s" % sorted(values)
    row["load1"] = round(load, 1)
    return row


def ours(ladder, name, make, limit):
    routes = ed_routes(limit) if ladder == "ed" else degree_routes(limit)
    return {k: best_of(make, f) for k, f in routes.items()}


def warm_up():
    # load once what a session loads once (Singular procedures, msolve,
    # numpy kernels, the bridge's Macaulay2 and its package), as Macaulay2
    # and its packages are loaded before the competitors' clocks start
    from sage_neuro.all import PolynomialCNN
    M = PolynomialCNN([2, 2], activation=2).neuromanifold()
    M.degree(), M.degree(method="numerical"), M.ed_degree()


def one_core_worker(ladder, limit):
    # runs in the child process: sage-neuro's degree routes on one core
    warm_up()
    out = {}
    for name, make in LADDERS[ladder]():
        if ONLY and name not in ONLY:
            continue
        r = ours(ladder, name, make, limit)
        out[name] = {k: [str(v) if isinstance(v, str) else int(v), w, c] for k, (v, w, c) in r.items()}
        print(json.dumps({name: out[name]}), file=sys.stderr, flush=True)
    print(json.dumps(out))


def one_core(ladder, limit):
    env = dict(os.environ, **ONE_CORE_ENV)
    proc = subprocess.run([sys.executable, __file__, "--one-core", ladder], env=env,
                          stdout=subprocess.PIPE, text=True)
    if proc.returncode != 0:
        raise RuntimeError("the one-core worker failed (exit %s)" % proc.returncode)
    return json.loads(proc.stdout.strip().splitlines()[-1])


def _commit():
    root = Path(__file__).resolve().parent.parent
    try:
        return subprocess.run(["git", "-C", str(root), "rev-parse", "--short", "HEAD"],
                              capture_output=True, text=True, timeout=60).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return "?"


# the code a run executes is the code imported when it started
COMMIT = _commit()


def machine():
    def run(cmd):
        try:
            return subprocess.run(cmd, capture_output=True, text=True, timeout=60).stdout.strip()
        except (OSError, subprocess.SubprocessError):
            return "?"
    from sage_neuro.m2 import m2_command
    from sage.version import version as sage_version
    cpu = "?"
    try:
        with open("/proc/cpuinfo") as f:
            cpu = next(line.split(":", 1)[1].strip() for line in f if line.startswith("model name"))
    except (OSError, StopIteration):
        pass
    mem = "?"
    try:
        with open("/proc/meminfo") as f:
            mem = "%.1f GB" % (int(f.readline().split()[1]) / 2**20)
    except (OSError, ValueError, IndexError):
        pass
    m2 = m2_command()
    msolve = os.path.join(os.path.dirname(m2), "msolve")
    root = Path(__file__).resolve().parent.parent
    return {"date_utc": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
            "host": platform.node(), "cpu": cpu, "cores": os.cpu_count(), "memory": mem,
            "os": platform.platform(), "python": platform.python_version(),
            "sage": "passagemath %s" % sage_version,
            "macaulay2": run([m2, "--version"]),
            "msolve": (run([msolve, "-V"]).splitlines() or ["?"])[0],
            "sage_neuro_commit": COMMIT,
            "sage_neuro_dirty": bool(run(["git", "-C", str(root), "status", "--porcelain",
                                          "sage_neuro", "m2", "bench/competitors.m2",
                                          "bench/m2_competitors.py", "bench/run.py"]))}


def _fmt(v):
    return v if isinstance(v, str) else int(v)


def _secs(s):
    if s is None:
        return ""
    return round(s, 4) if s < 0.1 else round(s, 2)


def _ratio(competitors, ours_s):
    # the best finished competitor over ours; '> x' when none finished
    # (x: the least time a competitor had used when it was stopped)
    if ours_s is None or ours_s <= 0:
        return "-"
    done = [s for v, s in competitors if not isinstance(v, str) and s is not None]
    if done:
        return "%.3g" % (min(done) / ours_s)
    stopped = [s for v, s in competitors if v == "timeout" and s is not None]
    return "> %.3g" % (min(stopped) / ours_s) if stopped else "-"


def make_row(ladder, name, comp, mine, single, load):
    row = {"network": name}
    finished = []
    main = mine["default"]
    row["value"] = _fmt(main[0])
    row["ours_s"], row["ours_cpu_s"] = _secs(main[1]), _secs(main[2])
    finished.append(main[0])
    if single is not None:
        sv, sw, sc = single["default"]
        row["ours_1core_s"] = _secs(sw)
        finished.append(sv)
    if "monodromy" in mine:
        mv, mw, mc = mine["monodromy"]
        row["monodromy"] = _fmt(mv)
        row["monodromy_s"] = _secs(mw)
        finished.append(mv)
    for key in COMPETITORS[ladder]:
        v, w, c = comp[key]
        row[key] = _fmt(v)
        row[key + "_s"] = _secs(w)
        row[key + "_cpu_s"] = _secs(c)
        finished.append(v)
    pairs = [(comp[k][0], comp[k][1]) for k in COMPETITORS[ladder]]
    cpu_pairs = [(comp[k][0], comp[k][2]) for k in COMPETITORS[ladder]]
    ok = not isinstance(main[0], str)
    row["ratio"] = _ratio(pairs, main[1]) if ok else "-"
    row["ratio_cpu"] = _ratio(cpu_pairs, main[2]) if ok else "-"
    if single is not None:
        row["ratio_1core"] = _ratio(pairs, single["default"][1]) \
            if not isinstance(single["default"][0], str) else "-"
    values = {int(v) for v in finished if not isinstance(v, str)}
    row["agree"] = "yes" if len(values) == 1 else "NO: %s" % sorted(values)
    row["load1"] = round(load, 1)
    return row


def write(ladder, rows, meta):
    import csv
    OUT.mkdir(exist_ok=True)
    cols = list(rows[0])
    with (OUT / ("%s.csv" % ladder)).open("w", newline="") as f:
        w = csv.DictWriter(f, fieldnames=cols)
        w.writeheader()
        w.writerows(rows)
    with (OUT / ("run-%s.json" % ladder)).open("w") as f:
        json.dump(meta, f, indent=1)
    with (OUT / ("%s.md" % ladder)).open("w") as f:
        f.write("# Benchmark `%s` (one run of `bench/run.py %s`)\n\n" % (ladder, ladder))
        for k, v in meta.items():
            if k != "columns":
                f.write("- %s: %s\n" % (k, v))
        f.write("\nColumns: %s\n\n" % meta["columns"])
        f.write("| " + " | ".join(cols) + " |\n|" + "---|" * len(cols) + "\n")
        for r in rows:
            f.write("| " + " | ".join(str(r[c]) for c in cols) + " |\n")


COLUMNS = (
    "value: sage-neuro's default route (`M.degree()` / `M.ed_degree()`, modular over GF(32003), "
    "seeds 1, 2); ours_s: its wall time (`time.perf_counter`), ours_cpu_s: its CPU time (this "
    "process, finished msolve children and the bridge's Macaulay2 process); ours_1core_s: the "
    "same calls in a child process with SAGE_NEURO_MSOLVE_PROCESSES=1 and one BLAS thread (the "
    "msolve systems one after the other instead of side by side); monodromy: "
    "`M.degree(method='numerical')` / `M.ed_degree(method='numerical')` (monodromy + trace "
    "test). Competitors (plain Macaulay2 "
    "1.26, `bench/competitors.m2`, timed inside Macaulay2 by `elapsedTiming` (wall, _s) and "
    "`cpuTime` (_cpu_s); start-up and package loading excluded): naive_QQ / naive_p: `ker` of "
    "the ring map + `degree` over QQ / ZZ/32003; NI: NumericalImplicitization "
    "`numericalImageDim` + `numericalImageDegree` (complex floating point); minors_ed_*: "
    "all (c+1)-minors of the augmented Jacobian of the implicit ideal + `saturate` by the "
    "singular locus (implicit ideal by `ker` included); lagrange_ed_*: parametric critical "
    "equations on a coordinate gauge slice + `saturate` by det(J B), divided by the generic "
    "fiber count. 'timeout': not finished within the limit (wall time: the limit; CPU time: "
    "what it had used when it was stopped). ratio: the fastest finished competitor's wall "
    "time over ours_s ('> x': none finished, a lower bound from the times at the stop); "
    "ratio_cpu: the same with CPU times; ratio_1core: with ours_1core_s. agree: all "
    "finished routes give the same value. load1: the 1-minute load average when the row "
    "started (the machine is shared: times are inflated by load, CPU times less so).")


FRONTIER_COLUMNS = (
    "quantity: degree or ED degree; value: sage-neuro's default route (`M.degree()` / "
    "`M.ed_degree()`), route: the certainty level and route it took (its provenance); "
    "ours_s / ours_cpu_s: its wall / CPU time (as in the ladders); monodromy: the numerical "
    "route (`method='numerical'`, monodromy + trace test). Competitors (plain Macaulay2, "
    "`bench/competitors.m2`, timed inside Macaulay2 as in the ladders, one after the other, "
    "each with its own limit of limit_s seconds per row): NI: NumericalImplicitization "
    "`numericalImageDim` + `numericalImageDegree`; naive_p: `ker` of the ring map + `degree` "
    "over ZZ/32003; lagrange_ed_p: parametric critical equations on a coordinate gauge slice "
    "+ `saturate`, over ZZ/32003; '-': not run for this quantity. 'timeout': not finished "
    "within limit_s (CPU time: what it had used when stopped). best_competitor: the fastest "
    "that finished, or 'none within limit_s'. ratio / ratio_cpu, agree, load1: as in the "
    "ladders. Rows are written as they finish; a resumed run keeps the finished rows (their "
    "load1 and times are from the run that computed them).")


def read_rows(path):
    """The rows of a result CSV (a list of dicts; empty if there is none)."""
    import csv
    if not path.exists():
        return []
    with path.open() as f:
        return list(csv.DictReader(f))


def main_frontier():
    limit = LONG_LIMIT
    if (ONLY or LONG_LIMIT != 600) and OUT == Path(__file__).resolve().parent / "results":
        raise SystemExit("a trial run (SAGE_NEURO_BENCH_ONLY, SAGE_NEURO_LONG_LIMIT) must "
                         "write elsewhere: set SAGE_NEURO_BENCH_OUT")
    old = read_rows(OUT / "frontier.csv")
    done = {(r["quantity"], r["network"]) for r in old}
    meta = {"command": "bench/run.py frontier", "limit_s": limit, "quick_s": QUICK,
            "repeat": REPEAT, "load_start": os.getloadavg()}
    meta.update(machine())
    old_meta = OUT / "run-frontier.json"
    if old and old_meta.exists():
        # a resumed run: keep what the first run recorded, say when it resumed
        with old_meta.open() as f:
            previous = json.load(f)
        meta = dict(previous, resumed=previous.get("resumed", []) + [
            {k: meta[k] for k in ("date_utc", "load_start", "sage_neuro_commit",
                                  "sage_neuro_dirty")}])
    meta["columns"] = FRONTIER_COLUMNS
    t0 = time.time() - meta.get("total_s", 0)
    warm_up()
    rows = list(old)
    for quantity, name, make in LADDERS["frontier"]():
        if (ONLY and name not in ONLY) or (FRONTIER_NAMES[quantity], name) in done:
            continue
        load = os.getloadavg()[0]
        net = make()
        # the data of a row do not depend on which rows a resumed run skips
        rng = random.Random("%s %s" % (quantity, name))
        data = [rng.randint(-50, 50) for _ in range(net.ambient_dimension())]
        comp = run_routes(net, FRONTIER_COMPETITORS[quantity], data, limit, QUICK, REPEAT)
        mine, route = frontier_ours(quantity, make, limit)
        rows.append(frontier_row(quantity, name, comp, mine, route, load, limit))
        print(rows[-1], flush=True)
        meta["load_end"] = os.getloadavg()
        meta["total_s"] = round(time.time() - t0)
        write("frontier", rows, meta)
    return rows


def main(ladder):
    limit = LONG_LIMIT if ladder == "degree-long" else LIMIT
    if (ONLY or LIMIT != 30) and OUT == Path(__file__).resolve().parent / "results":
        raise SystemExit("a trial run (SAGE_NEURO_BENCH_ONLY, SAGE_NEURO_BENCH_LIMIT) must "
                         "write elsewhere: set SAGE_NEURO_BENCH_OUT")
    meta = {"command": "bench/run.py %s" % ladder, "limit_s": limit, "quick_s": QUICK,
            "repeat": REPEAT, "load_start": os.getloadavg()}
    meta.update(machine())
    t0 = time.time()
    single = one_core(ladder, limit) if ladder != "ed" else None
    meta["one_core_s"] = round(time.time() - t0)
    warm_up()
    rng = random.Random(2024)
    rows = []
    for name, make in LADDERS[ladder]():
        if ONLY and name not in ONLY:
            continue
        load = os.getloadavg()[0]
        net = make()
        data = [rng.randint(-50, 50) for _ in range(net.ambient_dimension())]
        comp = run_routes(net, COMPETITORS[ladder], data, limit, QUICK, REPEAT)
        mine = ours(ladder, name, make, limit)
        rows.append(make_row(ladder, name, comp, mine, single and single.get(name), load))
        print(rows[-1], flush=True)
        meta["load_end"] = os.getloadavg()
        meta["total_s"] = round(time.time() - t0)
        meta["columns"] = COLUMNS
        write(ladder, rows, meta)
    return rows


if __name__ == "__main__":
    args = sys.argv[1:]
    if args[:1] == ["--one-core"]:
        one_core_worker(args[1], LONG_LIMIT if args[1] == "degree-long" else LIMIT)
    else:
        for lad in (args or ["degree", "ed"]):
            if lad not in LADDERS:
                raise SystemExit("unknown ladder %r; choose from %s" % (lad, sorted(LADDERS)))
            main_frontier() if lad == "frontier" else main(lad)
