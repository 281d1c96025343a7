"""
ED degrees from a witness set of the ED correspondence
(``sage_neuro.invariants.ed_monodromy.correspondence_ed_degree``), resumable::

    python bench/ed_correspondence.py DIR 'mlp:activation=2;widths=3-3-3' --seed 1

The orbit of the correspondence is kept round by round in
``DIR/<case>-<seed>.state.json`` (a killed run goes on from it); the result
(ED degree, degree of the correspondence, paths to infinity, trace
residual, seconds) is written to ``DIR/<case>-<seed>.json``.
"""
import argparse
import json
import os
import time


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("dir", help="folder of the states and results")
    p.add_argument("case", help="survey case key, e.g. 'mlp:activation=2;widths=3-3-3'")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--timeout", type=float, default=None, help="seconds (default: none)")
    args = p.parse_args()
    import sage.all  # noqa: F401
    from sage_neuro.invariants.ed_monodromy import correspondence_ed_degree
    from sage_neuro.survey.grid import Case
    os.makedirs(args.dir, exist_ok=True)
    stem = os.path.join(args.dir, "%s-%d" % (args.case.replace(":", "_").replace(";", "_"),
                                             args.seed))
    state_path = stem + ".state.json"
    resume = json.load(open(state_path)) if os.path.exists(state_path) else None

    def keep(state):
        with open(state_path + ".tmp", "w") as f:
            json.dump(state, f)
        os.replace(state_path + ".tmp", state_path)
    net = Case.from_key(args.case).architecture()
    start = time.time()
    W = correspondence_ed_degree(net, seed=args.seed, verbose=True, timeout=args.timeout,
                                 progress=keep, resume=resume)
    result = dict(case=args.case, seed=args.seed, ed_degree=int(W.ed_degree),
                  correspondence_degree=int(W.correspondence_degree),
                  at_infinity=int(W.at_infinity), singular=int(W.singular),
                  trace_residual=float(W.trace_residual), loops=int(W.loops),
                  rounds=int(W.rounds), seconds=round(time.time() - start, 1),
                  resumed=resume is not None)
    with open(stem + ".json", "w") as f:
        json.dump(result, f, indent=1)
    print(json.dumps(result), flush=True)


if __name__ == "__main__":
    main()
