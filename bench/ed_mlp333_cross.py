"""
The ED critical points of ``PolynomialMLP([3, 3, 3], activation=2)`` found
by two monodromy runs, compared at the same data::

    python bench/bench_ed_monodromy.py 333 --seeds 1 --state S1.json   # stop it once its
    python bench/bench_ed_monodromy.py 333 --seeds 2 --state S2.json   # count no longer grows
    python bench/ed_mlp333_cross.py S1.json S2.json

The points of the first run are carried by a parameter homotopy (straight
segment of data, in the slice of the first run) to the data of the second;
paths that fail or merge are tracked again with more steps. The script
prints how many arrive, how many of those the second run lacks, the size
of the union, and the curvature pre-test of each set
(``curvature_residual``) at its own data. The numbers of a run are in
``bench/results/ed_mlp333.md``.
"""
import argparse
import json

import numpy as np


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("first", help="state of the first run (--state of bench_ed_monodromy.py)")
    p.add_argument("second", help="state of the second run")
    args = p.parse_args()
    import sage.all  # noqa: F401
    from sage_neuro import PolynomialMLP
    from sage_neuro.invariants.ed_monodromy import (ImageIndex, curvature_residual,
                                                    saved_critical_points)
    from sage_neuro.invariants.monodromy import continue_paths, one_blas_thread
    net = PolynomialMLP([3, 3, 3], activation=2)
    runs = []
    for path in (args.first, args.second):
        with open(path) as f:
            st = json.load(f)
        runs.append(saved_critical_points(net, st) + (st["seed"],))
    (S1, X1, u1, s1), (S2, X2, u2, s2) = runs
    n = S1.n

    def hom(Y, u, du):
        return S1.equations(Y, u, du) if du is not None else S1.equations(Y, u) + (None,)
    rng = np.random.default_rng(0)
    with one_blas_thread():
        for S, X, u, s in runs:
            v = np.linalg.norm(u) / np.sqrt(n) * (rng.standard_normal(n) + 1j * rng.standard_normal(n))
            print("seed %d: %d points, curvature pre-test %.1e" % (s, len(X), curvature_residual(S, X, u, v)))
        moved, todo = ImageIndex(n), np.arange(len(X1))
        for steps in (400, 4000, 16000):
            Y, ok = continue_paths(hom, X1[todo], np.broadcast_to(u1, (len(todo), n)),
                                   np.broadcast_to(u2, (len(todo), n)), max_steps=steps)
            ok = ok & S1.regular(Y)       # arrivals where J drops rank are spurious
            kept = set(todo[ok][moved.add(S1.image(Y[ok]))].tolist())
            todo = np.array([i for i in todo if i not in kept], dtype=int)
            print("  %d steps: %d distinct points of seed %d at the data of seed %d, %d to track again"
                  % (steps, len(moved), s1, s2, len(todo)), flush=True)
            if not len(todo):
                break
        second = ImageIndex(n)
        second.add(S2.image(X2))
        lacking = second.add(moved.points)
        print("seed %d lacks %d of them; the union has %d points" % (s2, len(lacking), len(second)))


if __name__ == "__main__":
    main()
