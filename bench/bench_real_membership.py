"""Wall time of exact real membership (sage_neuro.invariants.real_membership)
for lightning self-attention (2, 2, 1, 2): rational points of the real image
(values at random rational parameters) and points of the complex image only.
Run: PYTHONPATH=. sage -python bench/bench_real_membership.py"""
import time

from sage_neuro.all import LightningSelfAttention, QQ, matrix, vector
from sage_neuro.invariants.real_membership import real_membership


def main():
    net = LightningSelfAttention(2, 2, 1, 2)
    real_membership(net, net.evaluate(net.random_parameters(seed=99)))   # warm-up (imports)
    rows = []
    for seed in range(10):
        f = net.evaluate(net.random_parameters(seed=seed))
        start = time.perf_counter()
        m = real_membership(net, f)
        rows.append(("value at random rational theta, seed %d" % seed, m.verdict,
                     time.perf_counter() - start))
    # complex-only points: L(Re T) for complex rank-one tensors T with Im T in ker L
    cols = []
    for i in range(2):
        for j in range(4):
            v = [0, 0]
            v[i] = 1
            M = [0, 0, 0, 0]
            M[j] = 1
            cols.append(list(net.evaluate([1, 0, 0, 1, M[0], M[2], M[1], M[3]] + v)))
    L = matrix(QQ, cols).transpose()
    K1, K2 = L.right_kernel().basis()
    for al, be in [(1, 0), (0, 1), (1, 1), (1, -1), (2, 1), (1, 2)]:
        k = al * K1 + be * K2
        f = list(L * vector(QQ, list(k[4:]) + [-x for x in k[:4]]))
        start = time.perf_counter()
        m = real_membership(net, f)
        rows.append(("complex-only point (%d, %d)" % (al, be), m.verdict, time.perf_counter() - start))
    for name, verdict, sec in rows:
        print("%-45s %-14s %.3f s" % (name, verdict, sec))


if __name__ == "__main__":
    main()
