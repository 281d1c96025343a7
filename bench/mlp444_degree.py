"""
The degree of the neuromanifold of ``PolynomialMLP([4, 4, 4], activation=2)``
(dimension 28 in 40 coefficients; the modular slice is out of reach, its
Bezout number is about 1.2e11), by the two numerical routes of
``M.degree(cross_check=True)``, run step by step so that a killed run
resumes::

    python bench/mlp444_degree.py DIR            # monodromy on the seed-1 section
    python bench/mlp444_degree.py DIR --move 2   # then carried to the seed-2 section

The first step writes the orbit to ``DIR/orbit-seed1.pkl`` after every
chunk of loops (``monodromy_degree(..., checkpoint=...)``) and, once the
trace test has certified it, the witness set to ``DIR/witness-seed1.pkl``;
the second carries that witness set to the section of another seed
(``move_witness_set``: one parameter homotopy per point, detours for lost
paths, a trace test of its own there). Both print their progress; the
numbers of a run are in ``bench/results/mlp444_degree.md``.
"""
import argparse
import os
import pickle
import time


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("dir", help="folder of the checkpoints and witness sets")
    p.add_argument("--move", type=int, default=None, metavar="SEED",
                   help="carry the certified witness set of seed 1 to the section of SEED")
    p.add_argument("--processes", type=int, default=2)
    args = p.parse_args()
    from sage_neuro import PolynomialMLP
    from sage_neuro.invariants.monodromy import WitnessSet, monodromy_degree, move_witness_set
    net = PolynomialMLP([4, 4, 4], activation=2)
    os.makedirs(args.dir, exist_ok=True)
    witness = os.path.join(args.dir, "witness-seed1.pkl")
    start = time.time()
    if args.move is None:
        W = monodromy_degree(net, seed=1, processes=args.processes, max_loops=100000, verbose=True,
                             checkpoint=os.path.join(args.dir, "orbit-seed1.pkl"))
        print("degree %d, trace residual %.1e of a point, %d loops, %.0f s"
              % (W.degree, W.trace_residual, W.loops, time.time() - start), flush=True)
        with open(witness, "wb") as f:
            pickle.dump(dict(dimension=W.dimension, loops=W.loops, residual=W.trace_residual,
                             section=W.section), f)
        return
    with open(witness, "rb") as f:
        w = pickle.load(f)
    S, _, _, X = w["section"]
    W = WitnessSet(net, w["dimension"], S.image(X), w["loops"], w["residual"], 1, w["section"])
    V = move_witness_set(W, seed=args.move, processes=args.processes, verbose=True,
                         checkpoint=os.path.join(args.dir, "moved-%d" % args.move))
    print("moved to the section of seed %d: %d points, trace residual %.1e of a point, %.0f s"
          % (args.move, V.degree, V.trace_residual, time.time() - start), flush=True)


if __name__ == "__main__":
    main()
