r"""
Named constants of sage-neuro, each with the reason for its value.

Random choices over a finite field ``GF(p)`` fail (fall on a proper
subvariety: a vanishing minor, a non-transversal section) with probability
at most ``D/p`` for a polynomial condition of degree ``D``
(Schwartz-Zippel); the primes below are chosen for that bound and for the
engines that must handle them.

EXAMPLES::

    sage: from sage_neuro.constants import SLICE_PRIME, JACOBIAN_PRIME, CHECK_PRIME
    sage: all(is_prime(p) for p in (SLICE_PRIME, JACOBIAN_PRIME, CHECK_PRIME))
    True
"""

#: Prime of the linear sections and critical equations (degree, ED degree,
#: multiplicities, modular checks of loss landscapes). Singular's and
#: Macaulay2's Groebner engines and msolve all run fastest on primes below
#: ``2^15``; 32003 is the largest prime they conventionally use. A slice of
#: degree ``d`` is non-generic with probability of order ``d/32003``; two
#: seeds must agree, and a non-generic draw is detected and redrawn.
SLICE_PRIME = 32003

#: Prime of Jacobian ranks (dimensions, pivots): ranks are computed with
#: numpy in float64, where products of two residues below ``2^23`` stay exact
#: (``2^46 < 2^53``); the largest prime below ``2^23`` makes a random point
#: fall on the rank-drop locus (a minor of degree ``D``) with probability at
#: most ``D/8388593``.
JACOBIAN_PRIME = 8388593

#: Prime of the cross-checks of ideals at random points (singular loci by
#: candidates, subnetwork checks): the Mersenne prime ``2^31 - 1``, the
#: largest that Singular's and Macaulay2's word-size fields accept, so that
#: a second check is as unlikely as possible to share a failure with the
#: first.
CHECK_PRIME = 2**31 - 1

#: How many coordinate slices (parameters of an independent set fixed at
#: small integers) are tried for a quick real witness before the complete
#: search for real points of a fiber runs
#: (:mod:`~sage_neuro.invariants.real_membership`): each costs one small
#: zero-dimensional solve, a real solution proves membership, and for a
#: value of ``mu`` at generic real parameters the first slice usually has
#: one; a slice without real solution proves nothing, so more tries only
#: delay the complete method.
REAL_WITNESS_SLICES = 3

#: Seconds a worker process (survey case, engine subprocess) may run past
#: its time limit before it is killed: enough for Macaulay2 or msolve to
#: answer an interrupt and for the worker to report the timeout itself.
GRACE = 5.0

#: How many times a non-generic random draw (:class:`~sage_neuro.invariants.slicing.DegenerateDraw`)
#: is redrawn with fresh seeds before the computation gives up: each draw
#: fails with probability of order ``degree/p``, so three failures in a row
#: mean the failure is not chance.
REDRAWS = 2
