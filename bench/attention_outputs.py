"""
Degree and ED degree of one layer of lightning self-attention with ``a = 1``
as the number ``d_out`` of value rows grows, each by two routes: the
shared-factor model (``sage_neuro/invariants/attention_factor.py``, seeds 1
and 2) against the multidegree of ``mu`` (degree) and the coordinate slice
of the parameters (ED degree, seeds 1 and 2)::

    python bench/attention_outputs.py --d 2 --outputs 2 3 4 5 --tokens 2 3

prints a markdown table (values and seconds of each route).
"""
import argparse
import time


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--d", type=int, default=2, help="token dimension (default 2)")
    p.add_argument("--outputs", type=int, nargs="+", default=[2, 3, 4, 5],
                   help="values of d_out (default 2 3 4 5)")
    p.add_argument("--tokens", type=int, nargs="+", default=[2, 3], help="values of t (default 2 3)")
    p.add_argument("--timeout", type=float, default=600.0, help="seconds per count (default 600)")
    args = p.parse_args()
    import sage.all  # noqa: F401
    from sage_neuro import LightningSelfAttention
    from sage_neuro.invariants.attention_factor import shared_factor_count

    def timed(f):
        t0 = time.time()
        v = f()
        return v, time.time() - t0

    print("| d_out | t | dimension | degree: model | degree: multidegree | ED degree: model "
          "| ED degree: slice |")
    print("|---|---|---|---|---|---|---|")
    for m in args.outputs:
        for t in args.tokens:
            net = LightningSelfAttention(args.d, 1, m, t)
            M = net.neuromanifold()
            deg, s1 = timed(lambda: shared_factor_count(net, "degree", timeout=args.timeout).value)
            mdeg, s2 = timed(lambda: M.degree(method="multidegree"))
            ed, s3 = timed(lambda: shared_factor_count(net, "ed_degree",
                                                       timeout=args.timeout).value)
            sl, s4 = timed(lambda: M.ed_degree(method="modular", strategy="Rabinowitsch",
                                               cross_check=False, timeout=args.timeout))
            print("| %d | %d | %s | %s (%.1f s) | %s (%.1f s) | %s (%.1f s) | %s (%.1f s) |"
                  % (m, t, M.dimension(), deg, s1, mdeg, s2, ed, s3, sl, s4), flush=True)


if __name__ == "__main__":
    main()
