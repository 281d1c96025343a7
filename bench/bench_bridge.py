"""
Memory of the Macaulay2 process over many small bridge calls.

``python bench/bench_bridge.py [calls]`` (default 1000) starts a fresh
Macaulay2 session, warms it up, then makes ``calls`` small calls of the
kind the invariants make (send a list of polynomials and an ideal, call a
package function, read the result back) and reads the resident set size of
the Macaulay2 process (``VmRSS`` in ``/proc/<pid>/status``) before, every
100 calls and after. It does so twice: dropping each call's names as the
library does (the bridge releases their Macaulay2 objects), and keeping
all of them alive (what every call cost before the release existed), so
that the measurement is shown to see a leak. It also counts the files left
in the session's temporary directory and in the system's temporary
directory. Results: ``bench/results/bridge.md`` and ``bridge.json``.
"""
import json
import os
import sys
import time
from pathlib import Path

from sage_neuro.all import QQ, PolynomialRing
from sage_neuro.m2 import M2Session, m2_command

OUT = Path(__file__).resolve().parent / "results"


def rss_mb(pid):
    with open("/proc/%d/status" % pid) as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024.0
    raise RuntimeError("no VmRSS for process %d" % pid)


def heap_mb(S):
    # Macaulay2's garbage-collected heap after a full collection: it grows
    # only when live objects need more room (the RSS also holds memory
    # allocated outside the collector and pages the collector keeps)
    S.eval("collectGarbage()")
    return int(S.eval('(GCstats())#"heapSize"')) / 2.0**20


def one_call(S, R, k, keep):
    # a 2 x 3 matrix of linear forms, its 2-minors: degree and dimension;
    # every tenth call also sends a long input (through a temporary file)
    x = R.gens()
    polys = [sum((i + j + k) % 7 * x[j] for j in range(len(x))) + i for i in range(6)]
    L = S.polys(polys, R)
    I = S.ideal(R.ideal([polys[0] * polys[4] - polys[1] * polys[3],
                         polys[0] * polys[5] - polys[2] * polys[3]]))
    value = S.call("idealInvariants", I)
    if keep is not None:
        keep.extend([L, I])
    if k % 10 == 0:
        # an input longer than a terminal line, which goes through a file
        keep_long = S.polys([(sum(x) + k) ** 4], R)
        if keep is not None:
            keep.append(keep_long)
    return value


def phase(calls, keep_names):
    S = M2Session()
    R = PolynomialRing(QQ, "x", 8)
    keep = [] if keep_names else None
    for k in range(50):  # warm-up: package loaded, ring sent, first allocations
        one_call(S, R, k, keep)
    pid = S.pid()
    samples = [(0, rss_mb(pid))]
    heap = [(0, heap_mb(S))]
    seconds = 0.0
    for k in range(1, calls + 1):
        t = time.perf_counter()
        one_call(S, R, k, keep)
        seconds += time.perf_counter() - t
        if k % 100 == 0:
            samples.append((k, rss_mb(pid)))
            heap.append((k, heap_mb(S)))
    after_gc = rss_mb(pid)
    folder = S.temporary_directory()
    left = len(list(folder.iterdir()))
    S.close()
    return {"names": "kept alive" if keep_names else "dropped (released)",
            "rss_mb": samples, "rss_after_collectGarbage_mb": round(after_gc, 1),
            "gc_heap_mb": heap, "gc_heap_growth_mb": round(heap[-1][1] - heap[0][1], 1),
            "growth_mb": round(samples[-1][1] - samples[0][1], 1),
            "ms_per_call": round(1000 * seconds / calls, 2),
            "files_left_in_session_dir": left, "session_dir_removed": not folder.exists()}


def main(calls=1000):
    phases = [phase(calls, False), phase(calls, True)]
    result = {"calls": calls, "date_utc": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
              "macaulay2": m2_command(), "load_average": os.getloadavg(), "phases": phases}
    OUT.mkdir(exist_ok=True)
    with (OUT / "bridge.json").open("w") as f:
        json.dump(result, f, indent=1)
    with (OUT / "bridge.md").open("w") as f:
        f.write("# Macaulay2 memory over %d bridge calls (`bench/bench_bridge.py`)\n\n" % calls)
        f.write("%s, load average %s. Each call sends 6 polynomials and an ideal in 8 "
                "variables over QQ and calls `idealInvariants` (every tenth also sends a "
                "quartic of more than 3000 characters, through a temporary file); RSS of the Macaulay2 process "
                "(MB) and the size of its garbage-collected heap after `collectGarbage()` (MB) "
                "after a warm-up of 50 calls, then every 100 calls (a full collection at "
                "every sample, outside the time per call).\n\n"
                % (result["date_utc"], " ".join("%.1f" % a for a in result["load_average"])))
        f.write("| names | RSS at 0 | RSS at %d | RSS growth | GC heap at 0 | GC heap at %d | "
                "heap growth | ms per call | files left | session directory removed |\n"
                "|---|---|---|---|---|---|---|---|---|---|\n" % (calls, calls))
        for p in phases:
            f.write("| %s | %.1f | %.1f | %.1f | %.1f | %.1f | %.1f | %.2f | %d | %s |\n"
                    % (p["names"], p["rss_mb"][0][1], p["rss_mb"][-1][1], p["growth_mb"],
                       p["gc_heap_mb"][0][1], p["gc_heap_mb"][-1][1], p["gc_heap_growth_mb"],
                       p["ms_per_call"], p["files_left_in_session_dir"], p["session_dir_removed"]))
        f.write("\nSamples (calls: RSS MB / GC heap MB after `collectGarbage()`):\n\n")
        for p in phases:
            f.write("- %s: %s\n" % (p["names"], ", ".join(
                "%d: %.1f / %.1f" % (s[0], s[1], h[1]) for s, h in zip(p["rss_mb"], p["gc_heap_mb"]))))
    print(json.dumps(result, indent=1))


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 1000)
