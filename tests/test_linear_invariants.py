"""
Invariants of linear networks computed by sage-neuro against the closed
formulas (determinantal varieties): dimension, degree, ED degree and
singular locus of every m x n case with m * n <= 25, every bottleneck, and
some deeper networks.  Cases expected to take more than ~5 s are marked
``slow`` (``make test-slow``).  Timings are printed (``pytest -s``) and
appended to ``tests/timings_linear.txt``.
"""
import time
from math import comb
from pathlib import Path

import pytest
from formulas import determinantal_degree

from sage_neuro.all import LinearNetwork, QQ, matrix, PolynomialRing

TIMINGS = Path(__file__).with_name("timings_linear.txt")


def cases():
    out = []
    for n in range(1, 26):
        for m in range(1, 26):
            if m * n > 25:
                continue
            for r in range(1, min(m, n) + 1):
                out.append([n, r, m])
    out += [[5, 2, 4, 3], [2, 4, 3, 5], [4, 3, 5, 2], [3, 5, 2, 4], [5, 2, 3, 5], [2, 3, 2], [4, 3, 6]]
    return out


def is_slow(w):
    n, m, r = w[0], w[-1], min(w)
    if r == min(m, n):
        return m * n > 20
    # the singular-locus route needs the implicit ideal (M2 ker), slow for
    # deep parametrizations and large ambient spaces
    return m * n > 16 or len(w) > 3


PARAMS = [pytest.param(w, marks=pytest.mark.slow) if is_slow(w) else w for w in cases()]


@pytest.mark.parametrize("widths", PARAMS, ids=lambda w: "-".join(map(str, w)))
def test_linear_invariants(widths):
    net = LinearNetwork(widths)
    n, m, r = widths[0], widths[-1], min(widths)
    M = net.neuromanifold()
    times = {}
    t = time.time(); dim = M.dimension(); times["dim"] = time.time() - t
    assert dim == r * (m + n - r)
    # parameters minus the generic orbit dimension of the hidden-layer
    # groups: the fibers contain the orbits
    assert net.expected_dimension() >= dim
    t = time.time(); deg = M.degree(); times["degree"] = time.time() - t
    assert deg == determinantal_degree(m, n, r)
    t = time.time(); ed = M.ed_degree(); times["ed"] = time.time() - t
    assert ed == comb(min(m, n), r)
    t = time.time(); sing = M.singular_locus(); times["sing"] = time.time() - t
    if r == min(m, n):
        assert sing == []
    else:
        assert len(sing) == 1
        V = sing[0]
        C = V.ideal().ring()
        X = matrix(C, m, n, C.gens())
        assert V.ideal() == C.ideal(X.minors(r))
        assert V.dimension() == (r - 1) * (m + n - r + 1)
        if M.provenance("singular_locus").method == "modular":
            # candidates route: both inclusions must be established
            assert "proved by homogeneity" in M.provenance("singular_locus").note
    for name in ("degree", "ed_degree", "singular_locus"):
        assert M.provenance(name).method in ("proved", "modular")
    line = "%-14s dim %.2fs degree %.2fs ed %.2fs sing %.2fs (%s)" % (
        widths, times["dim"], times["degree"], times["ed"], times["sing"],
        M.provenance("singular_locus").method)
    print(line)
    with TIMINGS.open("a") as f:
        f.write(line + "\n")
