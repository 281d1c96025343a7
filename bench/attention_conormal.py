"""
The ED degree of one layer of lightning self-attention with ``d = 3``,
``a = 2``, ``d_out = 1`` (``sage_neuro.invariants.attention_conormal``),
and the second route to its step 2: the polar degrees of the neuromanifold
counted on the network itself mod p, against those of ``P^2 x D_2`` from
their Chern-Mather classes::

    python bench/attention_conormal.py DIR [--seeds 1 2] [--timeout 3600]
    python bench/attention_conormal.py DIR --table bench/results/attention_conormal.md
    python bench/attention_conormal.py DIR --record docs/frontier

The first form computes the ED degree records of ``t = 2, 3, 4`` at two
primes of the tangency certificate (``DIR/ed``) and the ten polar-degree
counts per seed (``DIR``), each kept as soon as it is known (a rerun skips
what is there; a killed run loses only the computation under way). The
second form writes the table, the third the ED degrees whose two records
agree into the frontier table.
"""
import argparse
import json
import os
import time

CODIMENSIONS = list(range(10))
TOKENS = (2, 3, 4)
# the primes of the two tangency certificates of each ED degree
PRIMES = (32003, 65521)


def keep(path, record):
    with open(path + ".tmp", "w") as f:
        json.dump(record, f, indent=1)
    os.replace(path + ".tmp", path)


def case_key(t):
    return "attention:a=2;d=3;dout=1;t=%d" % t


def compute(folder, seeds, timeout):
    from long_runs import compute_runs
    from sage_neuro import LightningSelfAttention
    from sage_neuro.constants import SLICE_PRIME
    from sage_neuro.invariants.attention_conormal import (conormal_transversal_ed_degree_record,
                                                          polar_degree_count)
    os.makedirs(os.path.join(folder, "ed"), exist_ok=True)

    def record(M, name):
        return conormal_transversal_ed_degree_record(M.architecture(), prime=int(name[1:]),
                                                     timeout=timeout)
    for t in TOKENS:
        compute_runs(os.path.join(folder, "ed"), case_key(t), ["p%d" % p for p in PRIMES],
                     record, "ed_degree", "ED degree")
    net = LightningSelfAttention(3, 2, 1, 2)
    # the small counts first: a long one does not hold back the others
    for c in sorted(CODIMENSIONS, key=lambda c: abs(c - 5), reverse=True):
        for seed in seeds:
            path = os.path.join(folder, "polar_c%d_s%d.json" % (c, seed))
            if os.path.exists(path):
                continue
            start = time.time()
            try:
                value = polar_degree_count(net, c, seed=seed, timeout=timeout)
            except TimeoutError:
                print("codimension %d, seed %d: no answer in %s s" % (c, seed, timeout), flush=True)
                continue
            keep(path, {"codimension": c, "seed": seed, "prime": int(SLICE_PRIME),
                        "value": int(value), "seconds": time.time() - start})
            print("codimension %d, seed %d: %d in %.1f s" % (c, seed, value, time.time() - start),
                  flush=True)


def load(folder, name):
    path = os.path.join(folder, name)
    return json.load(open(path)) if os.path.exists(path) else None


def table(folder, out):
    from sage_neuro.invariants.attention_determinantal import determinantal_chern_mather
    from sage_neuro.invariants.polar_degrees import (polar_degrees, segre_product_chern_mather,
                                                     veronese_chern_mather)
    m, c = segre_product_chern_mather([(2, 2, veronese_chern_mather(2, 1)),
                                       determinantal_chern_mather(3, 2)])
    # polar_degrees lists int h_1^(9-i) ...: codimension c of x is entry 9 - c
    expected = list(reversed(polar_degrees(m, c)))
    seeds = sorted({int(f.split("_s")[1].split(".")[0]) for f in os.listdir(folder)
                    if f.startswith("polar_c") and f.endswith(".json")})
    title = __doc__.strip().split("\n\n")[0].replace("\n", " ").replace("``", "`")
    lines = ["# Attention d = 3, a = 2, d_out = 1: the ED degree and the polar degrees", "",
             title.rstrip(":") + ".", "",
             "Written by `python bench/attention_conormal.py DIR --table FILE` from the runs "
             "of `python bench/attention_conormal.py DIR` (sage-neuro, 2-core Intel Xeon). "
             "A dash: not counted (time-out or not run).", "",
             "## The ED degree", "",
             "Tangency certificate mod each prime; the seconds include the polar degrees of "
             "`P^2 x D_2` and the fibers over rank 1 (other computations sharing the cores).", "",
             "| t | " + " | ".join("ED degree, p = %d" % p for p in PRIMES) + " |",
             "|---|" + "---|" * len(PRIMES)]
    from long_runs import case_stem
    for t in TOKENS:
        done = load(os.path.join(folder, "ed"), os.path.basename(case_stem("", case_key(t)))
                    + ".json")
        runs = done["runs"] if done else {}
        cells = []
        for p in PRIMES:
            r = runs.get("p%d" % p)
            cells.append("%s [%s, %.1f s]" % (r["value"], r["method"], r["seconds"]) if r
                         else "-")
        lines.append("| %d | %s |" % (t, " | ".join(cells)))
    lines += ["", "## Polar degrees: the neuromanifold X against P^2 x D_2", "",
              "Codimension `c` of the linear space `x` lies in; the hyperplane lies in a "
              "random `P^(c+1)`. Counts mod 32003 (`polar_degree_count`), seconds in brackets.",
              "",
              "| c | P^2 x D_2 | " + " | ".join("X, seed %d" % s for s in seeds) + " | agree |",
              "|---|---|" + "---|" * len(seeds) + "---|"]
    total, complete = 0, True
    for c in CODIMENSIONS:
        runs = [load(folder, "polar_c%d_s%d.json" % (c, s)) for s in seeds]
        cells = ["%d [%.1f s]" % (r["value"], r["seconds"]) if r else "-" for r in runs]
        values = [r["value"] for r in runs if r is not None]
        # agreement: at least two seeds counted, all equal to the Chern-Mather value
        verdict = ("NO" if any(x != expected[c] for x in values) else
                   "yes" if len(values) >= 2 else "-")
        complete = complete and verdict == "yes"
        total += expected[c]
        lines.append("| %d | %d | %s | %s |" % (c, expected[c], " | ".join(cells), verdict))
    lines += ["", "Sum over `c` for `P^2 x D_2`: %d, the generic ED degree. %s" % (
        total, "Every polar degree is counted on at least two seeds and agrees." if complete
        else "Every count that finished agrees; a dash in the last column: fewer than two "
             "seeds counted."), ""]
    with open(out, "w") as f:
        f.write("\n".join(lines))


def record_generic(folder, out_dir, seeds=(1, 2)):
    """
    Write the generic ED degree of every ``t`` into the frontier table of
    ``out_dir``: proved (``conormal_generic_ed_degree_record``), confirmed
    by the sum of the polar degrees counted on the network for ``seeds``,
    when every codimension was counted on each seed and the sums agree.
    """
    from long_runs import record_confirmed, run_of
    from sage_neuro import LightningSelfAttention
    from sage_neuro.constants import SLICE_PRIME
    from sage_neuro.invariants.attention_conormal import conormal_generic_ed_degree_record
    from sage_neuro.survey.grid import Case
    sums, seconds = [], 0.0
    for seed in seeds:
        runs = [load(folder, "polar_c%d_s%d.json" % (c, seed)) for c in CODIMENSIONS]
        if any(r is None for r in runs):
            print("generic ED degree: seed %d has not every polar degree, not recorded" % seed)
            return
        sums.append(sum(r["value"] for r in runs))
        seconds += sum(r["seconds"] for r in runs)
    if len(set(sums)) != 1:
        print("generic ED degree: the seeds disagree (%s), not recorded" % (sums,))
        return
    second = dict(value=sums[0], seconds=round(seconds, 1), method="modular",
                  primes=[int(SLICE_PRIME)], seeds=list(seeds),
                  route="the sum of the polar degrees of the neuromanifold, each counted on the "
                        "network (polar_degree_count, rank M = 2, Rabinowitsch), one count per "
                        "codimension and seed",
                  choices="per seed: random linear spaces of points and of hyperplanes, affine "
                          "charts and Rabinowitsch form mod p",
                  certificate=None)
    for t in TOKENS:
        key = case_key(t)
        case = Case.from_key(key)
        net = LightningSelfAttention(3, 2, 1, t)
        start = time.time()
        P = conormal_generic_ed_degree_record(net)
        first = run_of(P, time.time() - start)
        for f in record_confirmed(out_dir, key, case, net, "generic_ed_degree", first, second):
            print("wrote", f)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder")
    parser.add_argument("--seeds", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--timeout", type=float, default=3600)
    parser.add_argument("--table")
    parser.add_argument("--record", metavar="OUT_DIR")
    args = parser.parse_args()
    if args.table:
        table(args.folder, args.table)
    elif args.record:
        from long_runs import record_agreeing
        record_agreeing(os.path.join(args.folder, "ed"), args.record, "ed_degree",
                        first="p%d" % PRIMES[0], second="p%d" % PRIMES[1])
        record_generic(args.folder, args.record)
    else:
        compute(args.folder, args.seeds, args.timeout)


if __name__ == "__main__":
    main()
