"""
ED degrees of survey cases that take longer than the survey's 30 s, each
computed twice by the modular route (two seed sets of random slices and
data), and recorded as long runs of the frontier table::

    python bench/long_ed_degrees.py DIR 'attention:a=1;d=3;dout=1;t=2' 'cnn:activation=2;filters=2-2-3'
    python bench/long_ed_degrees.py DIR --record docs/frontier

The first form computes ``M.ed_degree(method='modular', seeds=(s,))`` for
``s = 1`` and ``s = 2`` of every case (``--timeout`` seconds each, default
1800) and keeps each result in ``DIR/<case>.json`` as soon as it is known,
so that a killed run loses nothing finished and a rerun skips what is
there. The second form writes every case of ``DIR`` whose two values agree
into the frontier table (``sage_neuro.survey.frontier.record_long_run``),
with the published value where one is known.
"""
import argparse
import json
import os
import time


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("dir", help="folder of the results, one JSON file per case")
    p.add_argument("cases", nargs="*", help="survey case keys, e.g. 'cnn:activation=2;filters=2-2-3'")
    p.add_argument("--timeout", type=float, default=1800.0, help="seconds per seed (default 1800)")
    p.add_argument("--record", default=None, metavar="OUT_DIR",
                   help="record the cases of DIR confirmed by both seeds in the frontier table of OUT_DIR")
    args = p.parse_args()
    import sage.all  # noqa: F401
    os.makedirs(args.dir, exist_ok=True)
    if args.record is not None:
        return record(args.dir, args.record)
    from sage_neuro.survey.grid import Case
    for key in args.cases:
        path = os.path.join(args.dir, key.replace(":", "_").replace(";", "_") + ".json")
        done = json.load(open(path)) if os.path.exists(path) else {"case": key, "runs": {}}
        for seed in (1, 2):
            if str(seed) in done["runs"]:
                continue
            M = Case.from_key(key).architecture().neuromanifold()
            start = time.time()
            try:
                value = int(M.ed_degree(method="modular", seeds=(seed,), timeout=args.timeout,
                                        cross_check=False))
            except (TimeoutError, ArithmeticError, RuntimeError) as e:
                print("%s seed %d: %s: %s" % (key, seed, type(e).__name__, e), flush=True)
                continue
            P = M.provenance("ed_degree")
            done["runs"][str(seed)] = dict(value=value, seconds=round(time.time() - start, 1),
                                           method=P.method, primes=list(P.primes or []),
                                           seeds=list(P.seeds or []), route=P.route,
                                           choices=P.choices, certificate=P.certificate)
            with open(path + ".tmp", "w") as f:
                json.dump(done, f, indent=1)
            os.replace(path + ".tmp", path)
            print("%s seed %d: ED degree %d in %.0f s" % (key, seed, value, time.time() - start),
                  flush=True)


def record(folder, out_dir):
    from sage_neuro.survey.frontier import COLUMNS, record_long_run
    from sage_neuro.survey.grid import Case
    from sage_neuro.survey.literature import published_value
    for name in sorted(os.listdir(folder)):
        if not name.endswith(".json"):
            continue
        done = json.load(open(os.path.join(folder, name)))
        runs = done["runs"]
        if set(runs) != {"1", "2"} or runs["1"]["value"] != runs["2"]["value"]:
            print("%s: not recorded (runs %s)" % (done["case"], runs), flush=True)
            continue
        case = Case.from_key(done["case"])
        net = case.architecture()
        first, second = runs["1"], runs["2"]
        published = published_value(case, "ed_degree")
        row = dict.fromkeys(COLUMNS)
        row.update(case=done["case"], family=case.family, architecture=repr(net),
                   parameters=int(net.num_parameters()), ambient=int(net.ambient_dimension()),
                   quantity="ed_degree", value=first["value"], confirmation="confirmed",
                   method=first["method"], primes=first["primes"], seeds=first["seeds"],
                   route=first["route"], choices=first["choices"],
                   certificate=first["certificate"], seconds=first["seconds"],
                   confirmation_value=second["value"], confirmation_method=second["method"],
                   confirmation_primes=second["primes"], confirmation_seeds=second["seeds"],
                   confirmation_route=second["route"],
                   literature=("new" if published is None else
                               "agrees" if published[0] == first["value"] else "DISAGREES"),
                   published_value=None if published is None else published[0],
                   source="" if published is None else published[1])
        for f in record_long_run(out_dir, row):
            print("wrote", f)


if __name__ == "__main__":
    main()
