"""Time of the real boundary and the semialgebraic description
(sage_neuro.invariants.real_boundary) of small linear CNNs: the walls (critical
image in Macaulay2, elimination in libSingular, exact real membership at the
samples), the sign cells, and the QEPCAD B confirmation.

The network [2, 2] (end-to-end filters (a x + b)(c x + d): a 3-dimensional function
space) is the target case (< 10 s for boundary + description). Each network is
timed on a fresh object (no cache); the Macaulay2 process is started (by a
network not timed) before the clock. CPU time is that of this Python process (libSingular, msolve and Sage);
Macaulay2's and QEPCAD's own CPU time is not included.

Run: PYTHONPATH=. sage -python bench/bench_real_boundary.py
(writes bench/results/real_boundary.md)"""
import pathlib
import time

from sage_neuro.all import PolynomialCNN
from sage_neuro.invariants.qepcad import qepcad_available

NETWORKS = [([2, 2], True), ([2, 2, 2], False), ([3, 2], False)]


def main():
    # start Macaulay2 (and load its package) before the clock: a network not timed
    PolynomialCNN([1, 2], activation=1).neuromanifold().real_boundary()
    rows = []
    for filters, confirm in NETWORKS:
        net = PolynomialCNN(filters, activation=1)
        M = net.neuromanifold()
        w0, c0 = time.perf_counter(), time.process_time()
        B = M.real_boundary()
        w1, c1 = time.perf_counter(), time.process_time()
        D = M.semialgebraic_description(confirm=confirm and qepcad_available())
        w2, c2 = time.perf_counter(), time.process_time()
        rows.append((filters, len(B.candidates()), len(B.walls()), len(B.samples),
                     " ".join("%s:%s" % ("".join("+" if s > 0 else "-" for s in sv) or "()", st)
                              for sv, st in D.cells),
                     D.confirmed, M.provenance("semialgebraic_description").method,
                     w1 - w0, c1 - c0, w2 - w1, c2 - c1, w2 - w0))
    out = pathlib.Path(__file__).parent / "results" / "real_boundary.md"
    with out.open("w") as f:
        f.write("# Real boundary + semialgebraic description of linear CNNs\n\n"
                "`PYTHONPATH=. sage -python bench/bench_real_boundary.py`, shared 2-core "
                "machine (other jobs running), %s. Wall and CPU (this process) seconds; "
                "QEPCAD confirmation only for [2, 2].\n\n" % time.strftime("%Y-%m-%d %H:%M UTC",
                                                                         time.gmtime()))
        f.write("| filters | candidates | walls | samples | cells (sign:status) | QEPCAD agrees "
                "| level | boundary wall s | boundary CPU s | description wall s "
                "| description CPU s | total wall s |\n|" + "---|" * 12 + "\n")
        for r in rows:
            f.write("| %s | %d | %d | %d | %s | %s | %s | %.2f | %.2f | %.2f | %.2f | %.2f |\n" % r)
    print(out.read_text())


if __name__ == "__main__":
    main()
