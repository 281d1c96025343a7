"""
The Macaulay2 competitors of the benchmarks, timed inside Macaulay2.

For one network, a script is written that defines the parametrization over
QQ and over ZZ/32003 (the field of sage-neuro's modular counts), loads
``bench/competitors.m2`` (plain Macaulay2, nothing of sage-neuro) and runs
the requested routes one after the other; each route is timed by
Macaulay2's own ``elapsedTiming`` and ``cpuTime`` and prints one
``RESULT`` line. Macaulay2's start-up, package loading and the reading of
the polynomials are outside the clocks, as Sage's start-up and the warm-up
are outside sage-neuro's.

A route that does not print its result within ``limit`` seconds of its
``BEGIN`` line is killed with its Macaulay2 (and its children); the routes
after it run in a fresh Macaulay2. Its CPU time up to the kill is read from
``/proc`` (Macaulay2 and its descendants), so that on a loaded machine a
time-out still says how much computing it got.
"""
import os
import queue
import re
import subprocess
import tempfile
import threading
import time
from pathlib import Path

from sage_neuro.all import GF, QQ, PolynomialRing
from sage_neuro.constants import SLICE_PRIME
from sage_neuro.m2 import m2_command
from sage_neuro.processes import kill_process_tree

HERE = Path(__file__).resolve().parent

# route name -> Macaulay2 expression (F, S, u, n defined per field below)
ROUTES = {
    "naive_QQ": "naiveDegree(FQ, SQ)",
    "naive_p": "naiveDegree(Fp, Sp)",
    "NI": "numericalDegree(FQ, %(N)d)",
    "minors_ed_QQ": "minorsEDDegree(FQ, SQ, u)",
    "minors_ed_p": "minorsEDDegree(Fp, Sp, u)",
    "lagrange_ed_QQ": "lagrangeEDDegree(FQ, u)",
    "lagrange_ed_p": "lagrangeEDDegree(Fp, u)",
}


def _m2_polys(polys, K):
    # neutral variable names (Sage's w1_0_0 would be read as subscripts)
    R = polys[0].parent()
    S = PolynomialRing(K, ["p%d" % i for i in range(R.ngens())], order="degrevlex")
    return [str(S(f.dict()) if R.ngens() > 1 else S(f)) for f in polys]


def script(net, routes, data, quick, repeats, seed=1):
    """The Macaulay2 program that times ``routes`` on ``net`` (a string)."""
    n = net.parameter_ring().ngens()
    N = net.ambient_dimension()
    lines = ['load "%s"' % (HERE / "competitors.m2"), "setRandomSeed %d" % seed]
    for tag, K, kk in (("Q", QQ, "QQ"), ("p", GF(SLICE_PRIME), "ZZ/%d" % SLICE_PRIME)):
        F = net.coordinate_functions(K)
        lines.append("R%s = %s[%s, MonomialOrder => GRevLex]" % (tag, kk, ",".join("p%d" % i for i in range(n))))
        lines.append("F%s = {%s}" % (tag, ",\n  ".join(_m2_polys(F, K))))
        lines.append("S%s = %s[%s]" % (tag, kk, ",".join("y%d" % i for i in range(N))))
    lines.append("u = {%s}" % ",".join(str(QQ(a)) for a in data))
    for r in routes:
        lines.append('benchRun("%s", () -> %s, %s, %d)' % (r, ROUTES[r] % {"N": N}, quick, repeats))
    lines.append('<< "DONE" << endl << flush')
    return ";\n".join(lines) + ";\n"


def _tree_cpu(pid):
    # CPU seconds of a process and its descendants (Linux /proc)
    tick = os.sysconf("SC_CLK_TCK")
    stats = {}
    for d in os.listdir("/proc"):
        if d.isdigit():
            try:
                with open("/proc/%s/stat" % d) as f:
                    fields = f.read().rsplit(")", 1)[1].split()
                stats[int(d)] = (int(fields[1]), (int(fields[11]) + int(fields[12])) / tick)
            except (OSError, ValueError, IndexError):
                continue
    total, todo = 0.0, [pid]
    while todo:
        p = todo.pop()
        total += stats.get(p, (0, 0.0))[1]
        todo.extend(q for q, (ppid, _) in stats.items() if ppid == p)
    return total


def _value(text):
    # {dim, degree} -> degree; an integer -> itself
    nums = re.findall(r"-?\d+", text)
    if not nums:
        return text
    v = int(nums[-1])
    return "failed" if v < 0 else v


def run_routes(net, routes, data, limit, quick=1.0, repeats=5):
    """
    Time ``routes`` (names from :data:`ROUTES`) on ``net`` inside Macaulay2.

    Returns ``{route: (value, wall_s, cpu_s)}``; a route that ran past
    ``limit`` seconds has value ``'timeout'``, wall time ``limit`` and the
    CPU time it had used when it was killed; one that raised a Macaulay2
    error has ``'error'``.
    """
    results = {}
    todo = list(routes)
    while todo:
        with tempfile.TemporaryDirectory(prefix="sage-neuro-bench-") as tmp:
            path = os.path.join(tmp, "row.m2")
            with open(path, "w") as f:
                f.write(script(net, todo, data, quick, repeats))
            proc = subprocess.Popen([m2_command(), "--script", path], stdout=subprocess.PIPE,
                                    stderr=subprocess.STDOUT, text=True)
            lines = queue.Queue()

            def read():
                for line in proc.stdout:
                    lines.put(line.rstrip("\n"))
                lines.put(None)
            threading.Thread(target=read, daemon=True).start()
            current, deadline, tail = None, None, []
            # Macaulay2's start-up and the parsing of large parametrizations
            # are not timed but must not hang either
            start_deadline = time.time() + 300
            while True:
                wait = (deadline if current else start_deadline) - time.time()
                try:
                    line = lines.get(timeout=max(0.01, wait))
                except queue.Empty:
                    cpu = _tree_cpu(proc.pid) - cpu_begin if current else None
                    kill_process_tree(proc.pid)
                    proc.wait()
                    if current is None:
                        raise RuntimeError("Macaulay2 did not start the benchmark script")
                    results[current] = ("timeout", float(limit), cpu)
                    todo.remove(current)
                    break
                if line is None:
                    proc.wait()
                    if current is not None:
                        # Macaulay2 died inside a route
                        results[current] = ("error", time.time() - (deadline - limit), None)
                        todo.remove(current)
                    elif todo:
                        raise RuntimeError("the benchmark script failed:\n" + "\n".join(tail[-20:]))
                    break
                tail.append(line)
                if line.startswith("BEGIN "):
                    current, deadline = line.split()[1], time.time() + limit
                    cpu_begin = _tree_cpu(proc.pid)
                elif line.startswith("RESULT "):
                    parts = line.split()
                    name = parts[1]
                    if parts[2] == "error":
                        results[name] = ("error", time.time() - (deadline - limit), None)
                    else:
                        results[name] = (_value(" ".join(parts[2:-2])), float(parts[-2]), float(parts[-1]))
                    todo.remove(name)
                    current = None
                elif line == "DONE":
                    proc.wait()
                    break
    return results
