r"""
Invariants of neuromanifolds: each module computes one kind of invariant
and returns a value with its :class:`~sage_neuro.provenance.Provenance`.
"""
