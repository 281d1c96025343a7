"""
Degrees of survey cases that take longer than the survey's 30 s, each
computed twice by the modular route (two seed sets of random sections), and
recorded as long runs of the frontier table::

    python bench/long_degrees.py DIR 'attention:a=2;d=3;dout=2;t=2' --strategy Determinantal
    python bench/long_degrees.py DIR --record docs/frontier

The first form computes ``M.degree(method='modular', seeds=(s,),
strategy=...)`` for ``s = 1`` and ``s = 2`` of every case (``--seeds``,
one process per seed runs them side by side; ``--timeout`` seconds each,
default 1800; ``--strategy`` of the section system, default ``Section``, a
coordinate slice of the parameters; ``Determinantal``: the model ``(V, K^T
Q)`` of one layer of attention) and keeps each result in
``DIR/<case>.json`` as soon as it is known, so that a killed run loses
nothing finished and a rerun skips what is there. The second form writes
every case of ``DIR`` whose two values agree into the frontier table
(``sage_neuro.survey.frontier.record_long_run``), with the published value
where one is known.
"""


def main():
    from long_runs import seeded_main
    seeded_main(__doc__, "degree", "degree",
                lambda M, seed, timeout, strategy: M.degree(
                    method="modular", seeds=(seed,), timeout=timeout, strategy=strategy),
                "Section",
                "how the section system is built (default Section; Determinantal: the model "
                "(V, K^T Q) of one layer of attention)")


if __name__ == "__main__":
    main()
