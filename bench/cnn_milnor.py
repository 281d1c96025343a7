"""
ED degrees of polynomial CNNs of stride one that touch the isotropic
quadric, through the Milnor route (``milnor_ed_degree_record`` in
``sage_neuro.invariants.cnn_segre_veronese``: the generic ED degree minus
the Milnor numbers of the quadric's section, for an unramified
parametrization), at two primes::

    python bench/cnn_milnor.py DIR [--case KEY]... [--timeout 900]
    python bench/cnn_milnor.py DIR --table bench/results/cnn_milnor.md [--record docs/frontier]

The first form computes every case (the tangent CNNs of ``CASES``, or
those named) mod 32003 and mod 65521, one after the other, and keeps each
result in ``DIR/<case>.json`` as soon as it is known (a rerun skips what is
there). The second form writes the table, with the ED degree the frontier
table has from another route next to it; with ``--record`` it writes the
cases that the frontier table does not have yet, confirmed by the second
prime.
"""
import argparse
import os

HERE = os.path.dirname(os.path.abspath(__file__))
PRIMES = ("32003", "65521")
HEADER = """# ED degrees of tangent polynomial CNNs through their Milnor numbers

Written by `python bench/cnn_milnor.py DIR --table FILE` from the runs of
`python bench/cnn_milnor.py DIR` (sage-neuro, 2-core Intel Xeon). A CNN
of stride one with `t^r` whose parametrization is unramified (checked mod
p, a proof over `QQbar`) and whose tangency locus with the isotropic
quadric is finite has ED degree the generic one of its Segre-Veronese
variety minus the sum of the Milnor numbers of the quadric's section of
the parameters at that locus (proof in the documentation of
`sage_neuro.invariants.cnn_segre_veronese`). The sum is counted mod each
prime (`milnor_defect`), so the value is modular; the two primes are two
computations. The last columns compare it with the ED degree the frontier
table has from another route (the ED system on the parameters mod p, or
monodromy on the ED correspondence). The seconds were measured with other
computations sharing the two cores (CNN `[3, 2, 2]` takes 19 s alone).
Not in the table: `[5, 3]` and `[5, 4]`, whose loci are positive-dimensional
mod p (the route refuses them).

"""
CASES = (["cnn:activation=2;filters=%s" % f for f in
          ("3-2", "3-4", "4-2", "4-4", "4-5", "5-3", "5-4", "5-5",
           "2-3-2", "3-2-2", "3-3-2", "2-4-2", "4-2-2", "2-3-4", "3-2-4")]
         + ["cnn:activation=3;filters=%s" % f for f in
            ("3-2", "3-4", "4-2", "4-3", "4-4", "5-2", "2-3-2", "3-2-2")])


def compute(folder, keys, timeout):
    from long_runs import compute_runs
    from sage_neuro.invariants.cnn_segre_veronese import milnor_ed_degree_record
    for key in keys:
        compute_runs(folder, key, PRIMES,
                     lambda M, prime: milnor_ed_degree_record(
                         M.architecture(), prime=int(prime), timeout=timeout),
                     "ed_degree", "ED degree (Milnor route)")


def table(folder, out, record_dir):
    from cnn_transversal import drop_table
    new = drop_table(
        folder, out, record_dir, HEADER,
        "| CNN | activation | generic ED degree | sum of Milnor numbers | ED degree mod %s | "
        "mod %s | seconds (mod %s) | ED degree in the frontier table (other route) | agrees |"
        % (PRIMES + PRIMES[:1]), PRIMES, "Milnor",
        lambda generic, first: "-" if first is None else generic - first["value"])
    print("wrote", out, "(%d new values recorded)" % new)


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("dir", help="folder of the runs, one JSON file per case")
    p.add_argument("--case", action="append", default=[], help="a survey key (default: %s ...)"
                   % CASES[0])
    p.add_argument("--timeout", type=float, default=900.0, help="seconds per prime (default 900)")
    p.add_argument("--table", default=None, metavar="FILE", help="write the table")
    p.add_argument("--record", default=None, metavar="OUT_DIR",
                   help="with --table: record the cases new to this frontier table")
    args = p.parse_args()
    import sage.all  # noqa: F401
    os.makedirs(args.dir, exist_ok=True)
    if args.table is not None:
        return table(args.dir, args.table, args.record)
    compute(args.dir, args.case or CASES, args.timeout)


if __name__ == "__main__":
    main()
