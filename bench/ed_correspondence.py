"""
ED degrees from a witness set of the ED correspondence
(``sage_neuro.invariants.ed_monodromy.correspondence_ed_degree``), resumable::

    python bench/ed_correspondence.py DIR 'mlp:activation=2;widths=3-3-3' --seed 1

The orbit of the correspondence is kept round by round in
``DIR/<case>-<seed>.state.json`` (a killed run goes on from it); the result
(ED degree, degree of the correspondence, paths to infinity, trace
residual, seconds) is written to ``DIR/<case>-<seed>.json``. Two seeds of a
case that agree are long runs of the frontier table::

    python bench/ed_correspondence.py DIR 'cnn:activation=2;filters=2-3-3' --record docs/frontier [--seeds 1 3]

writes the ED degree (the first seed, confirmed by the second; default 1
and 2) and the degree of the correspondence, the generic ED degree (the
same), compared with the published values. With ``--modular LONG_DIR`` the
ED degree is confirmed instead by the modular count of the case that
``long_ed_degrees.py LONG_DIR CASE`` kept (its first seed): a second route,
not only a second seed.
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
    p.add_argument("--record", default=None, metavar="OUT_DIR",
                   help="record two seeds of the case in the frontier table of OUT_DIR")
    p.add_argument("--seeds", type=int, nargs=2, default=(1, 2),
                   help="the two seeds --record takes (default 1 2)")
    p.add_argument("--modular", default=None, metavar="LONG_DIR",
                   help="with --record: confirm the ED degree by the modular count kept in "
                        "LONG_DIR by long_ed_degrees.py")
    args = p.parse_args()
    import sage.all  # noqa: F401
    if args.record is not None:
        return record(args.dir, args.case, args.record, args.seeds, args.modular)
    from sage_neuro.invariants.ed_monodromy import correspondence_ed_degree
    from sage_neuro.survey.grid import Case
    os.makedirs(args.dir, exist_ok=True)
    stem = _stem(args.dir, args.case, args.seed)
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


def _stem(folder, case, seed):
    from long_runs import case_stem
    return "%s-%d" % (case_stem(folder, case), seed)


def record(folder, case, out_dir, seeds=(1, 2), modular=None):
    """
    Write the ED degree and the generic ED degree of ``case`` from the
    results of the two ``seeds`` in ``folder`` into the frontier table of
    ``out_dir``, when the two seeds agree; with ``modular`` (a folder of
    ``long_ed_degrees.py``), the ED degree is confirmed by the modular
    count kept there instead of the second seed.
    """
    from long_runs import case_stem, record_confirmed
    from sage_neuro.survey.grid import Case
    # a seed that has not finished confirms nothing (the modular count
    # may still confirm the ED degree of the first)
    results = {s: json.load(open(_stem(folder, case, s) + ".json")) for s in seeds
               if os.path.exists(_stem(folder, case, s) + ".json")}
    if seeds[0] not in results:
        print("%s: seed %d has no result in %s: nothing recorded" % (case, seeds[0], folder))
        return
    key = Case.from_key(case)
    net = key.architecture()
    for quantity, field, route in (
            ("ed_degree", "ed_degree", "monodromy on the ED correspondence cut by a generic affine "
             "space u + A x = c, certified by the trace test, then moved to the data"),
            ("generic_ed_degree", "correspondence_degree", "monodromy on the ED correspondence cut "
             "by a generic affine space u + A x = c, certified by the trace test")):
        a, b = ({"value": r[field], "seconds": r["seconds"], "method": "numerical", "primes": [],
                 "seeds": [r["seed"]], "route": route,
                 "choices": "a random complex affine space, pencil and loops",
                 "certificate": "trace test on the correspondence: residual %.1e; %d points of "
                                "the correspondence, %d paths to infinity on the way to the data"
                                % (r["trace_residual"], r["correspondence_degree"], r["at_infinity"])}
                if r is not None else None for r in (results[seeds[0]], results.get(seeds[1])))
        if quantity == "ed_degree" and modular is not None:
            with open(case_stem(modular, case) + ".json") as f:
                b = next(iter(json.load(f)["runs"].values()))
        if b is None:
            print("%s %s: seed %d has no result: not recorded" % (case, quantity, seeds[1]))
            continue
        if a["value"] != b["value"]:
            print("%s %s: the two runs disagree (%s, %s): not recorded"
                  % (case, quantity, a["value"], b["value"]))
            continue
        for f in record_confirmed(out_dir, case, key, net, quantity, a, b):
            print("wrote", f)


if __name__ == "__main__":
    main()
