"""
Timing of the ED degree by monodromy in the data
(``sage_neuro.invariants.ed_monodromy.monodromy_ed_degree``), the route
``M.ed_degree()`` takes for MLPs whose critical system is too large for the
modular slice::

    python bench/bench_ed_monodromy.py 322 --seeds 1 2 3
    python bench/bench_ed_monodromy.py 333 --seeds 1 --state /tmp/ed-333-seed1.json --verbose

prints, per network and seed, the ED degree, loops, rounds, trace residual,
wall time and CPU time (``time.process_time`` of this process plus the CPU
of finished child processes; Sage import excluded). Networks: ``322`` is
``PolynomialMLP([3, 2, 2], activation=2)``, ``333`` is
``PolynomialMLP([3, 3, 3], activation=2)``. With ``--state FILE`` the state
of the run is written to ``FILE`` (JSON) after every round, and a run with
the same seed resumes from it (long runs on a shared machine).
"""
import argparse
import json
import os
import time

NETWORKS = {"322": [3, 2, 2], "333": [3, 3, 3]}


def cpu():
    t = os.times()
    return time.process_time() + t.children_user + t.children_system


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("networks", nargs="+", choices=sorted(NETWORKS))
    parser.add_argument("--seeds", nargs="+", type=int, default=[1])
    parser.add_argument("--state", default=None)
    parser.add_argument("--verbose", action="store_true")
    args = parser.parse_args()
    import sage.all  # noqa: F401
    from sage_neuro import PolynomialMLP
    from sage_neuro.invariants.ed_monodromy import monodromy_ed_degree
    for name in args.networks:
        for seed in args.seeds:
            net = PolynomialMLP(NETWORKS[name], activation=2)
            resume = None
            if args.state and os.path.exists(args.state):
                with open(args.state) as f:
                    resume = json.load(f)
                if resume.get("seed") != seed:
                    resume = None

            def keep(state):
                if args.state:
                    with open(args.state + ".tmp", "w") as f:
                        json.dump(state, f)
                    os.replace(args.state + ".tmp", args.state)
            t, c = time.perf_counter(), cpu()
            W = monodromy_ed_degree(net, seed=seed, verbose=args.verbose, progress=keep,
                                    resume=resume)
            print("%s seed %d: ED degree %s  loops %d  rounds %d  residual %.1e  wall %.1f s  "
                  "cpu %.1f s%s" % (name, seed, W.ed_degree, W.loops, W.rounds, W.trace_residual,
                                    time.perf_counter() - t, cpu() - c,
                                    "  (resumed)" if resume else ""), flush=True)


if __name__ == "__main__":
    main()
