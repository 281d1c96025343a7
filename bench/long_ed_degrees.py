"""
ED degrees of survey cases that take longer than the survey's 30 s, each
computed twice by the modular route (two seed sets of random slices and
data), and recorded as long runs of the frontier table::

    python bench/long_ed_degrees.py DIR 'attention:a=1;d=3;dout=1;t=2' 'cnn:activation=2;filters=2-2-3'
    python bench/long_ed_degrees.py DIR --record docs/frontier

The first form computes ``M.ed_degree(method='modular', seeds=(s,))`` for
``s = 1`` and ``s = 2`` of every case (``--seeds``; ``--timeout`` seconds each, default
1800; ``--strategy`` of the critical system, default ``Rabinowitsch``) and keeps each result in ``DIR/<case>.json`` as soon as it is known,
so that a killed run loses nothing finished and a rerun skips what is
there. The second form writes every case of ``DIR`` whose two values agree
into the frontier table (``sage_neuro.survey.frontier.record_long_run``),
with the published value where one is known.
"""


def main():
    from long_runs import seeded_main
    seeded_main(__doc__, "ed_degree", "ED degree",
                lambda M, seed, timeout, strategy: M.ed_degree(
                    method="modular", seeds=(seed,), timeout=timeout, cross_check=False,
                    strategy=strategy),
                "Rabinowitsch",
                "how the critical system removes the rank-drop locus (default Rabinowitsch; "
                "RabinowitschFactors: one variable per factor of the minor; Segre, "
                "Determinantal, SharedFactor: the models of one layer of attention; Hilbert: the "
                "model of the hidden neurons of a shallow MLP with activation t^r; Subspace: the "
                "functions of fewer linear forms, an MLP with a narrow first layer)")


if __name__ == "__main__":
    main()
