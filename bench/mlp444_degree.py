"""
The degree of the neuromanifold of ``PolynomialMLP([4, 4, 4], activation=2)``
(dimension 28 in 40 coefficients; the modular slice is out of reach, its
Bezout number is about 1.2e11), or of another survey case (``--case KEY``,
one folder per case), by the two numerical routes of
``M.degree(cross_check=True)``, run step by step so that a killed run
resumes::

    python bench/mlp444_degree.py DIR            # monodromy on the seed-1 section
    python bench/mlp444_degree.py DIR --move 2   # then carried to the seed-2 section
    python bench/mlp444_degree.py DIR --record docs/frontier   # both into the frontier table

The first step writes the orbit to ``DIR/orbit-seed1.pkl`` after every
chunk of loops (``monodromy_degree(..., checkpoint=...)``) and, once the
trace test has certified it, the witness set to ``DIR/witness-seed1.pkl``;
the second carries that witness set to the section of another seed
(``move_witness_set``: one parameter homotopy per point, lost paths
tracked again with smaller steps, a trace test of its own there) and
writes ``DIR/witness-seed1-moved2.pkl``. Both print their progress; the
numbers of a run are in ``bench/results/mlp444_degree.md``. The third step
records the value, with its two certificates, as a long run of the
frontier table (``sage_neuro.survey.frontier.record_long_run``).
"""
import argparse
import os
import pickle
import time

#: the default case
MLP444 = "mlp:activation=2;widths=4-4-4"


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("dir", help="folder of the checkpoints and witness sets")
    p.add_argument("--move", type=int, default=None, metavar="SEED",
                   help="carry the certified witness set of seed 1 to the section of SEED")
    p.add_argument("--record", default=None, metavar="OUT_DIR",
                   help="record the two certified routes in the frontier table of OUT_DIR")
    p.add_argument("--processes", type=int, default=2)
    p.add_argument("--case", default=MLP444,
                   help="the survey case key (default %s); the record takes it from DIR" % MLP444)
    args = p.parse_args()
    from sage_neuro.invariants.monodromy import WitnessSet, monodromy_degree, move_witness_set
    from sage_neuro.survey.grid import Case
    os.makedirs(args.dir, exist_ok=True)
    witness = os.path.join(args.dir, "witness-seed1.pkl")
    start = time.time()
    if args.record is not None:
        return record(args.dir, args.record)
    if args.move is None:
        net = Case.from_key(args.case).architecture()
        W = monodromy_degree(net, seed=1, processes=args.processes, max_loops=100000, verbose=True,
                             checkpoint=os.path.join(args.dir, "orbit-seed1.pkl"))
        print("degree %d, trace residual %.1e of a point, %d loops, %.0f s"
              % (W.degree, W.trace_residual, W.loops, time.time() - start), flush=True)
        with open(witness, "wb") as f:
            pickle.dump(dict(dimension=W.dimension, loops=W.loops, residual=W.trace_residual,
                             section=W.section, seed=1, seconds=time.time() - start,
                             case=args.case), f)
        return
    with open(witness, "rb") as f:
        w = pickle.load(f)
    net = Case.from_key(case_of(w)).architecture()
    S, _, _, X = w["section"]
    W = WitnessSet(net, w["dimension"], S.image(X), w["loops"], w["residual"], 1, w["section"])
    V = move_witness_set(W, seed=args.move, processes=args.processes, verbose=True,
                         checkpoint=os.path.join(args.dir, "moved-%d" % args.move))
    print("moved to the section of seed %d: %d points, trace residual %.1e of a point, %.0f s"
          % (args.move, V.degree, V.trace_residual, time.time() - start), flush=True)
    with open(os.path.join(args.dir, "witness-seed1-moved%d.pkl" % args.move), "wb") as f:
        pickle.dump(dict(points=V.points, section=V.section, residual=V.trace_residual,
                         seed=args.move, seconds=time.time() - start), f)


def case_of(witness):
    # the case of a kept witness set (those kept before --case: MLP [4,4,4])
    return witness.get("case", MLP444)


def record(folder, out_dir):
    # the frontier row of the two certified witness sets (a resumed run
    # gives the seconds of its last part only: the pickles may carry the
    # total instead)
    from long_runs import record_confirmed
    from sage_neuro.survey.grid import Case
    routes = []
    for name in ("witness-seed1.pkl", "witness-seed1-moved2.pkl"):
        with open(os.path.join(folder, name), "rb") as f:
            w = pickle.load(f)
        routes.append((len(w["points"]) if "points" in w else len(w["section"][3]), w))
    (n1, w1), (n2, w2) = routes
    if n1 != n2:
        raise ArithmeticError("the two witness sets have %d and %d points" % (n1, n2))
    key = case_of(w1)
    case = Case.from_key(key)
    first = dict(value=n1, method="numerical", primes=[], seeds=[1],
                 route="monodromy of a linear section, certified by the trace test "
                       "(bench/mlp444_degree.py, %d loops)" % w1["loops"],
                 choices="a random complex slice, section and loops",
                 certificate="trace test: residual %.1e of a point" % w1["residual"],
                 seconds=round(w1.get("seconds", 0)) or None)
    second = dict(value=n2, method="numerical", primes=[], seeds=[1, 2],
                  route="witness set of seed 1 carried by a parameter homotopy to the random "
                        "section of seed 2, certified there by the trace test (residual %.1e of "
                        "a point)" % w2["residual"],
                  choices=None, certificate=None, seconds=round(w2.get("seconds", 0)) or None)
    for f in record_confirmed(out_dir, key, case, case.architecture(), "degree", first, second):
        print("wrote", f)


if __name__ == "__main__":
    main()
