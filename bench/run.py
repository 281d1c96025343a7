"""
Benchmark: naive Macaulay2 routes vs NumericalImplicitization vs sage-neuro.

Run ``.venv/bin/python bench/run.py`` (or ``make bench``).  For every
network of the ladder, in one process and one Macaulay2 session:

(a) naive: ``naiveDegree`` (M2 ``ker`` of the parametrization over QQ, then
    ``dim``/``degree``) and ``naiveEDDegree`` (all maximal minors of the
    augmented Jacobian of the implicit ideal + saturation, over GF(32003));
(b) numerical: ``numericalImageInvariants`` (NumericalImplicitization's
    numericalImageDim / numericalImageDegree);
(c) sage-neuro: ``M.dimension()``, ``M.degree()``, ``M.ed_degree()``,
    ``M.singular_locus()`` with their default routes.

Each call has a time limit (the bridge's ``timeout=``, which restarts
Macaulay2).  Results go to ``bench/results/<family>.md`` and ``.csv``.
Other families: add a function returning (name, net) pairs to FAMILIES.

Degree ladders (``bench/run.py degree``, or ``degree-long`` for the rows
that need long limits): MLPs, CNNs and attention, degree only, by (a)
``naiveDegree``, (b) ``numericalImageInvariants``, (c) sage-neuro's
monodromy route (``M.degree(method='numerical')``) and its modular slice
route; results in ``bench/results/degree.{md,csv,png}``.
"""
import sys
import time
from pathlib import Path

from sage_neuro.all import LinearNetwork, GF, QQ
from sage_neuro.m2 import session

LIMIT = 30          # seconds per naive / numerical call
OUT = Path(__file__).parent / "results"


def linear_ladder():
    for w in ([3, 1, 3], [4, 2, 3], [4, 1, 4], [4, 2, 4], [4, 3, 4], [5, 2, 4, 3],
              [5, 1, 5], [5, 2, 5], [4, 3, 6], [5, 3, 5], [5, 4, 5]):
        yield str(w), LinearNetwork(w)


FAMILIES = {"linear": linear_ladder}

from bench_degree import degree_main  # noqa: E402  (the degree ladders live there)
from common import timed, write_tables  # noqa: E402



def naive(net):
    S = session()
    F = S.polys(net.coordinate_functions(), net.parameter_ring())
    C = net.coordinate_ring()
    (dd, sec) = timed(lambda: S.call("naiveDegree", F, S.ring(C), timeout=LIMIT))
    deg = dd[1] if isinstance(dd, list) else dd
    # ED: needs the implicit ideal; mod p as in the package's naiveEDDegree
    K = GF(32003)
    FK = S.polys(net.coordinate_functions(K), net.parameter_ring(K))
    CK = net.coordinate_ring(K)

    def ed():
        gens = S.call("implicitIdeal", FK, S.ring(CK), ring=CK, timeout=LIMIT)
        if not gens:
            return 1
        return S.call("naiveEDDegree", S.ideal(CK.ideal(gens)), timeout=LIMIT, options={"Seed": 1})
    (e, esec) = timed(ed)
    return deg, sec, e, esec


def numerical(net):
    S = session()
    F = S.polys(net.coordinate_functions(), net.parameter_ring())
    v, sec = timed(lambda: S.call("numericalImageInvariants", F, net.ambient_dimension(),
                                  timeout=LIMIT, options={"Seed": 1}))
    if isinstance(v, list):
        return v[0], v[1], sec
    return v, v, sec


def ours(net):
    M = net.neuromanifold()
    d, ds = timed(M.dimension)
    g, gs = timed(lambda: M.degree(timeout=2 * LIMIT))
    e, es = timed(lambda: M.ed_degree(timeout=4 * LIMIT))
    s, ss = timed(lambda: M.singular_locus(timeout=2 * LIMIT))
    sing = len(s) if isinstance(s, list) else s
    prov = M.provenance("singular_locus").method if isinstance(s, list) else "-"
    return d, ds, g, gs, e, es, sing, ss, prov


def ratio(a, b):
    return "%.1f" % (a / b) if b > 0 else "-"


def run(family):
    rows = []
    t0 = time.time()
    for name, net in FAMILIES[family]():
        nd, nds, ne, nes = naive(net)
        md, mg, ms = numerical(net)
        d, ds, g, gs, e, es, sing, ss, prov = ours(net)
        row = dict(network=name, dim=d, dim_s=round(ds, 2), degree=g, degree_s=round(gs, 2),
                   ed=e, ed_s=round(es, 2), sing_components=sing, sing_s=round(ss, 2), sing_method=prov,
                   naive_degree=nd, naive_degree_s=round(nds, 2), naive_ed=ne, naive_ed_s=round(nes, 2),
                   num_dim=md, num_degree=mg, num_s=round(ms, 2),
                   speedup_degree=ratio(nds, gs), speedup_ed=ratio(nes, es), speedup_num=ratio(ms, gs + ds))
        rows.append(row)
        print(row, flush=True)
        write(family, rows, t0)
    return rows


def write(family, rows, t0):
    write_tables(OUT, family, rows, "%s networks: sage-neuro vs naive M2 vs NumericalImplicitization" % family,
                 "Time limit %d s per naive/numerical call ('timeout' = not finished). "
                 "Times in seconds, one process, one M2 session. naive degree: M2 ker over QQ + degree; "
                 "naive ED: ker mod 32003 + naiveEDDegree (minors + saturation); numerical: "
                 "NumericalImplicitization numericalImageDim/numericalImageDegree; sage-neuro: default "
                 "routes (speedup = naive time / sage-neuro time, a lower bound when naive timed out). "
                 "Total bench time %.0f s." % (LIMIT, time.time() - t0))

if __name__ == "__main__":
    for fam in (sys.argv[1:] or list(FAMILIES) + ["degree"]):
        if fam.startswith("degree"):
            degree_main(fam)
        else:
            run(fam)
