"""
Timing of the monodromy degree route alone on the rows of the degree
ladder (``ladders.degree_ladder()``), without the Macaulay2 competitors:
``python bench/bench_monodromy.py [row name ...]`` prints, per row, the
degree, the trace residual, the number of loops and the minimum and all
wall times (and the least CPU time) of ``REPEAT`` runs of ``monodromy_degree(net, seed=0)`` in this
process (each run on a freshly built network, so the term table of ``mu``
is recomputed as in the ladder; Sage import excluded).
"""
import sys
import time

sys.path.insert(0, __import__("os").path.dirname(__file__))
from ladders import degree_ladder as ladder  # noqa: E402
from sage_neuro.invariants.monodromy import monodromy_degree  # noqa: E402

REPEAT = 3


def main(only=()):
    for name, _ in ladder():
        if only and name not in only:
            continue
        times, cpu = [], []
        for _ in range(REPEAT):
            fresh = dict(ladder())[name]
            t, c = time.perf_counter(), time.process_time()
            W = monodromy_degree(fresh, seed=0)
            times.append(time.perf_counter() - t)
            cpu.append(time.process_time() - c)
        print("%-22s degree %4s  residual %.0e  loops %d  min %.3f s  (%s)  cpu min %.3f s"
              % (name, W.degree, W.trace_residual, W.loops, min(times),
                 ", ".join("%.3f" % s for s in times), min(cpu)), flush=True)


if __name__ == "__main__":
    main(sys.argv[1:])
