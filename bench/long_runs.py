"""
What the long-run scripts share (``long_ed_degrees.py``,
``long_degrees.py``, ``generic_ed_degrees.py``, ``model_routes.py``): two
computations of one value per case, each kept in ``DIR/<case>.json`` as soon
as it is known (a killed run loses nothing finished, a rerun skips what is
there), the frontier row of a case whose two computations agree, and the
command line of the scripts that compute one value for two seeds.
"""
import json
import os
import time


def case_stem(folder, key):
    """
    The path in ``folder``, without extension, of the files of the survey
    case ``key`` (its ``:`` and ``;`` replaced, for file names).
    """
    return os.path.join(folder, key.replace(":", "_").replace(";", "_"))


def record_confirmed(out_dir, key, case, net, quantity, first, second, trivial=False):
    """
    Write the value of ``quantity`` of the case ``key`` computed as
    ``first`` and confirmed by ``second`` into the frontier table of
    ``out_dir`` as a long run, marked against its published value
    (``trivial``: the variety fills its space); return the paths written.
    """
    from sage_neuro.survey.frontier import record_long_run
    from sage_neuro.survey.literature import published_value
    published = published_value(case, quantity)
    mark = ("trivial" if trivial else "new" if published is None else
            "agrees" if published[0] == first["value"] else "DISAGREES")
    return record_long_run(out_dir, long_run_row(key, case, net, quantity, first, second, mark,
                                                 published))


def run_of(P, seconds):
    """
    The stored form of one computation: the value and provenance of the
    record ``P``, computed in ``seconds``.
    """
    return dict(value=int(P.value), seconds=round(seconds, 1), method=P.method,
                primes=list(P.primes or []), seeds=list(P.seeds or []), route=P.route,
                choices=P.choices, certificate=P.certificate)


def run_of_row(row, prefix=""):
    """
    The stored form (as :func:`run_of`) of the computation a row of the
    frontier table records first, or (``prefix="confirmation_"``) second.
    """
    def get(name):
        return row.get(prefix + name) or None
    return dict(value=int(get("value")), seconds=float(get("seconds") or 0), method=get("method"),
                primes=json.loads(get("primes") or "[]"), seeds=json.loads(get("seeds") or "[]"),
                route=get("route"), choices=get("choices"), certificate=get("certificate"))


def compute_runs(folder, key, names, compute, quantity, label):
    """
    Run ``compute(M, name)`` for every ``name`` of ``names`` not yet kept for
    the case ``key``, and keep its value with the provenance of ``quantity``
    (or the ``Provenance`` record ``compute`` returns, for a route that is
    not a method of ``M``).
    """
    from sage_neuro.provenance import Provenance
    from sage_neuro.survey.grid import Case
    path = case_stem(folder, key) + ".json"
    done = json.load(open(path)) if os.path.exists(path) else {"case": key, "runs": {}}
    for name in names:
        if name in done["runs"]:
            continue
        M = Case.from_key(key).architecture().neuromanifold()
        start = time.time()
        try:
            result = compute(M, name)
        except (TimeoutError, ArithmeticError, RuntimeError) as e:
            print("%s (%s): %s: %s" % (key, name, type(e).__name__, e), flush=True)
            continue
        P = result if isinstance(result, Provenance) else M.provenance(quantity)
        value = int(P.value)
        # another process may have kept other runs of this case meanwhile
        # (one process per seed): merge, do not overwrite
        if os.path.exists(path):
            done = json.load(open(path))
        done["runs"][name] = run_of(P, time.time() - start)
        with open(path + ".tmp", "w") as f:
            json.dump(done, f, indent=1)
        os.replace(path + ".tmp", path)
        print("%s (%s): %s %d in %.1f s" % (key, name, label, value, time.time() - start),
              flush=True)


def agreeing_runs(folder, first, second):
    """
    Yield ``(key, case, net, a, b)`` for every case of ``folder`` whose runs
    ``first`` and ``second`` agree (the others are reported, not yielded).
    """
    from sage_neuro.survey.grid import Case
    for name in sorted(os.listdir(folder)):
        if not name.endswith(".json"):
            continue
        done = json.load(open(os.path.join(folder, name)))
        runs = done["runs"]
        if first not in runs or second not in runs or runs[first]["value"] != runs[second]["value"]:
            print("%s: not recorded (runs %s)" % (done["case"], runs), flush=True)
            continue
        case = Case.from_key(done["case"])
        yield done["case"], case, case.architecture(), runs[first], runs[second]


def long_run_row(key, case, net, quantity, first, second, literature, published):
    """
    The frontier row (``sage_neuro.survey.frontier.COLUMNS``) of a value of
    the case ``key`` computed as ``first`` and confirmed by ``second``;
    ``published`` is ``None`` or ``(value, source)``.
    """
    from sage_neuro.survey.frontier import COLUMNS
    row = dict.fromkeys(COLUMNS)
    row.update(case=key, family=case.family, architecture=repr(net),
               parameters=int(net.num_parameters()), ambient=int(net.ambient_dimension()),
               quantity=quantity, value=first["value"], confirmation="confirmed",
               method=first["method"], primes=first["primes"], seeds=first["seeds"],
               route=first["route"], choices=first["choices"], certificate=first["certificate"],
               seconds=first["seconds"], confirmation_value=second["value"],
               confirmation_method=second["method"], confirmation_primes=second["primes"],
               confirmation_seeds=second["seeds"], confirmation_route=second["route"],
               literature=literature, published_value=None if published is None else published[0],
               source="" if published is None else published[1])
    return row


def record_agreeing(folder, out_dir, quantity, first="1", second="2", cases=None):
    """
    Write every case of ``folder`` (or of ``cases``) whose runs ``first``
    and ``second`` agree into the frontier table of ``out_dir`` as a long
    run of ``quantity``, with the published value where one is known.
    """
    for key, case, net, a, b in agreeing_runs(folder, first, second):
        if cases and key not in cases:
            continue
        for f in record_confirmed(out_dir, key, case, net, quantity, a, b):
            print("wrote", f)


def seeded_main(doc, quantity, label, compute, default_strategy, strategy_help):
    """
    The command line of a script computing ``quantity`` of survey cases for
    two seeds (``long_degrees.py``, ``long_ed_degrees.py``): ``DIR CASES``
    computes, ``DIR --record OUT_DIR`` records; ``compute(M, seed, timeout,
    strategy)`` returns the value.
    """
    import argparse
    p = argparse.ArgumentParser(description=doc.split("\n\n")[0])
    p.add_argument("dir", help="folder of the results, one JSON file per case")
    p.add_argument("cases", nargs="*", help="survey case keys, e.g. 'cnn:activation=2;filters=2-2-3'")
    p.add_argument("--timeout", type=float, default=1800.0, help="seconds per seed (default 1800)")
    p.add_argument("--seeds", nargs="+", default=["1", "2"],
                   help="the seeds to compute (default 1 2; one seed per process runs them "
                        "side by side)")
    p.add_argument("--strategy", default=default_strategy, help=strategy_help)
    p.add_argument("--record", default=None, metavar="OUT_DIR",
                   help="record the cases of DIR confirmed by both seeds in the frontier table of OUT_DIR")
    args = p.parse_args()
    import sage.all  # noqa: F401
    os.makedirs(args.dir, exist_ok=True)
    if args.record is not None:
        return record_agreeing(args.dir, args.record, quantity)
    for key in args.cases:
        compute_runs(args.dir, key, tuple(args.seeds),
                     lambda M, seed: compute(M, int(seed), args.timeout, args.strategy),
                     quantity, label)
