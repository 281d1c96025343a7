"""
The two representations of the sliced map of a monodromy
(``sage_neuro.invariants.monodromy.sliced_map``) timed against each other:
the term table of ``mu`` on the slice of seed 1, and the network itself
evaluated at sample inputs with forward differentiation. For each survey
case: the number of terms and of sample inputs, milliseconds per point of
``system(B, X)`` (the sliced values and Jacobian) in batches of 1 and 60
points under one BLAS thread (as the tracker runs), and the representation
that ``sliced_map`` keeps::

    python bench/bench_sliced_map.py > bench/results/sliced_map.md
"""
import sys
import time

#: the cases timed (keys of sage_neuro.survey.grid.Case)
CASES = ("mlp:activation=2;widths=2-2-2-2-1", "cnn:activation=2;filters=2-2-2-2",
         "mlp:activation=2;widths=2-2-2-2-2-1", "attention:a=1;d=2;dout=2;layers=2;t=2",
         "attention:a=2;d=2;dout=2;layers=2;t=2")

#: largest term table built for the timing (coordinates x terms x 16 bytes)
TERM_TABLE_BYTES = 2 ** 31


def per_point(M, B, X, seconds=1.0):
    # milliseconds per point of M.system(B, X), repeated for `seconds`
    M.system(B, X)
    start, n = time.perf_counter(), 0
    while time.perf_counter() - start < seconds:
        M.system(B, X)
        n += 1
    return 1000 * (time.perf_counter() - start) / n / len(X)


def main(cases=CASES):
    from sage_neuro.invariants.monodromy import one_blas_thread, pivot_slice, sliced_map
    from sage_neuro.survey.grid import Case
    print("| case | terms | sample inputs | terms: ms/point (1, 60) | network: ms/point (1, 60) "
          "| kept |")
    print("|---|---|---|---|---|---|")
    with one_blas_thread():
        for key in cases:
            sliced, crandn = pivot_slice(Case.from_key(key).architecture(), 1)
            T = len(sliced.complex_terms()[0])
            E = sliced_map(sliced, "network")
            B, X = crandn(E.d, E.n), crandn(60, E.d)
            if E.n * T * 16 <= TERM_TABLE_BYTES:
                S = sliced_map(sliced, "terms")
                terms = "%.3f, %.3f" % (per_point(S, B, X[:1]), per_point(S, B, X))
            else:
                terms = "- (table of %.1f GB)" % (E.n * T * 16 / 2 ** 30)
            network = "%.3f, %.3f" % (per_point(E, B, X[:1]), per_point(E, B, X))
            print("| %s | %d | %d | %s | %s | %s |" % (key, T, E.inputs, terms, network,
                                                        sliced_map(sliced).representation),
                  flush=True)


if __name__ == "__main__":
    main(sys.argv[1:] or CASES)
