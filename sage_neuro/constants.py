r"""
Named constants of sage-neuro, each with the reason for its value.

Random choices over a finite field ``GF(p)`` fail (fall on a proper
subvariety: a vanishing minor, a non-transversal section) with probability
at most ``D/p`` for a polynomial condition of degree ``D``
(Schwartz-Zippel); the primes below are chosen for that bound and for the
engines that must handle them.

EXAMPLES::

    sage: from sage_neuro.constants import SLICE_PRIME, JACOBIAN_PRIME, CHECK_PRIME, FIBER_COUNT_PRIME
    sage: all(is_prime(p) for p in (SLICE_PRIME, JACOBIAN_PRIME, CHECK_PRIME, FIBER_COUNT_PRIME))
    True
    sage: previous_prime(2^29) == FIBER_COUNT_PRIME
    True
"""

#: Prime of the linear sections and critical equations (degree, ED degree,
#: multiplicities, modular checks of loss landscapes). Singular's and
#: Macaulay2's Groebner engines and msolve all run fastest on primes below
#: ``2^15``; 32003 is the largest prime they conventionally use. A slice of
#: degree ``d`` is non-generic with probability of order ``d/32003``; two
#: seeds must agree, and a non-generic draw is detected and redrawn.
SLICE_PRIME = 32003

#: Largest absolute value of the random integers that fix the parameters
#: of a coordinate slice over ``QQ`` (and of its sections and data,
#: :class:`~sage_neuro.invariants.slice.CoordinateSlice`): a draw of degree
#: ``d`` is special with probability about ``d/2001``, and integers of
#: four digits keep the coefficients of an exact Groebner basis small.
SLICE_RATIONAL_HEIGHT = 1000

#: Largest absolute value of the random nonzero integers of a coordinate
#: slice of the likelihood equations over ``QQ``
#: (:class:`~sage_neuro.invariants.likelihood.LikelihoodSlice`): its
#: Groebner bases are the costly exact computations (the 3x3 matrices of
#: rank 2 have 18 unknowns), so one-digit constants keep their coefficients
#: small; a special draw is detected (the seeds disagree) and redrawn.
LIKELIHOOD_RATIONAL_HEIGHT = 9

#: Largest absolute value of the random nonzero integers of the coordinate
#: slice on which implicit equations are eliminated over ``QQ``
#: (:func:`~sage_neuro.invariants.implicit.implicit_ideal`): the
#: elimination is exact and its coefficients grow with the constants, so
#: they stay of two digits; a special draw costs nothing in certainty (the
#: kernel is kept only when every generator vanishes on the full map) and
#: is redrawn.
IMPLICIT_RATIONAL_HEIGHT = 29

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

#: Prime of the point counts of gauge-fixed fibers
#: (:mod:`~sage_neuro.invariants.fiber_count`) and of the modular
#: singularity tests at random points of subnetwork images
#: (:func:`~sage_neuro.invariants.subnetwork_check.check_singularities_modular`):
#: the largest prime below ``2^29``. Singular treats larger characteristics
#: (e.g. ``2^31 - 1``) as coefficient rings rather than fields, and its
#: ``radical`` then fails; a random point or gauge of degree ``D`` is
#: special with probability of order ``D/536870909``.
FIBER_COUNT_PRIME = 536870909

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

#: Seconds an SQLite connection of a survey database waits for a lock held
#: by another survey (or by the status and report commands) before it
#: fails: a writer holds the lock only for one short transaction (a claim,
#: one finished case), so half a minute means a hung process, not traffic.
SURVEY_BUSY_TIMEOUT = 30.0

#: Seconds between two refreshes of the claims a running survey holds on
#: its cases in the database: often enough that
#: :data:`SURVEY_STALE_CLAIM` is many missed refreshes, rarely enough to
#: cost nothing.
SURVEY_CLAIM_HEARTBEAT = 20.0

#: Seconds after its last refresh at which a claim on a survey case is
#: stale and another survey may take the case over. A claim whose survey
#: process is gone (on the same machine) is stale at once; this bound
#: covers surveys on other machines sharing the file, and is ten missed
#: heartbeats, so a busy but living survey never loses its cases.
SURVEY_STALE_CLAIM = 10 * SURVEY_CLAIM_HEARTBEAT

#: Largest number of results kept in the cache of one network
#: (:mod:`sage_neuro.cache`): a network holds a few structures per prime
#: (term tables, Jacobian evaluators) and one entry per invariant, seed and
#: route asked for; a loop over many seeds must not grow memory without
#: bound, and the structures are rebuilt cheaply if dropped.
CACHE_SIZE = 256

#: Up to this multihomogeneous Bezout number of the degree slice system,
#: ``M.degree()`` counts on the modular slice; beyond it, by monodromy. The
#: cost of a Groebner basis grows with what it must discard at infinity,
#: which the Bezout number measures; path tracking costs per point of the
#: answer, not per Bezout point. Measured CPU seconds (modular: both seeds,
#: msolve processes included; numerical: monodromy and trace test):
#: CNN [2,3,3] x^2 (Bezout 960, degree 480) 2.7 against 10.5; MLP [3,2,2]
#: x^3 (5670, degree 192) 5.1 against 2.1; MLP [3,2,3,1] x^2 (8960,
#: degree 45) 9.8 against 2.3; MLP [3,3,3] x^2 (320320, degree 30) 5.9
#: against 0.42. Above the threshold the modular route only won where both
#: take well under a second (linear [5,3,5], Bezout 54264: 0.27 s against
#: 0.5 s; MLP [2,2,2,2] x^2, 26880: 0.13 s against 0.24 s), so the
#: threshold sits between the CNN and the MLP crossovers; it was 100000,
#: which sent the MLPs above to msolve past a 30 s survey limit.
MODULAR_BEZOUT = 5000

#: Batches of at least this many monodromy paths are split over worker
#: processes (:func:`~sage_neuro.invariants.monodromy.monodromy_degree`):
#: forking a pool costs about 0.1 s and each batch pays a transfer of its
#: start and end points, while 2,000 paths of MLP [4,4,4] x^2 cost several
#: CPU seconds; smaller networks (MLP [3,3,3] x^2: at most 60 paths per
#: batch) never start a pool.
MONODROMY_PARALLEL_PATHS = 2000

#: A smaller batch is split over the worker processes too when the paths
#: tracked in-process so far predict at least this many seconds for it: the
#: paths of two layers of lightning self-attention (880 coefficients of
#: degree 9) cost about a second each, so 80 of them are worth a pool.
MONODROMY_PARALLEL_SECONDS = 2.0

#: Largest number of monodromy paths tracked together in one numpy batch
#: (:func:`~sage_neuro.invariants.monodromy.monodromy_degree`); larger
#: batches are tracked in pieces of this size. The Jacobians of a batch take
#: ``paths * d^2 * 16`` bytes, several copies at once: 30,000 paths of MLP
#: [4,4,4] x^2 (d = 28) would hold gigabytes, while the throughput no
#: longer grows past a thousand paths (measured on MLP [4,4,4] x^2, one
#: segment of a loop: 133 paths per CPU second at 200 paths, 145 at 1,000,
#: 162 at 2,000).
MONODROMY_BATCH_PATHS = 2000

#: A monodromy round with more pending (point, loop) pairs than this is
#: run in chunks of this many pairs; after each chunk the new points join
#: the orbit and a checkpoint is written (``checkpoint=`` of
#: :func:`~sage_neuro.invariants.monodromy.monodromy_degree`), so that a
#: killed run loses at most one chunk: 4,000 loops of MLP [4,4,4] x^2 are
#: 12,000 tracked segments, about 1.5 CPU minutes.
MONODROMY_CHUNK_LOOPS = 4000

#: The monodromies of the degree and of the ED degree start from a random
#: point of the parameter slice where the Jacobian has at most this
#: condition number (the first of up to :data:`MONODROMY_START_TRIES`
#: draws, or the best of them,
#: :func:`~sage_neuro.invariants.monodromy.well_conditioned_start`): the tracker
#: asks Newton for corrections of 1e-6 relative, which a condition number
#: ``c`` spoils at about ``c * 1e-16``. Deep networks have much worse
#: points: on MLP [2,2,2,2,2,1] x^2 the condition number at random
#: points ranges from 1e4 to 1e16, and from a start at 5e10 every path of
#: every loop was lost, from one at 2e5 none.
MONODROMY_START_CONDITION = 1e8

#: A slice of ``mu`` with at least this many terms (after folding the
#: fixed parameters in) is evaluated in monodromy by the network itself at
#: sample inputs (:func:`~sage_neuro.invariants.monodromy.sliced_map`):
#: MLP [2,2,2,2,2,1] x^2 (43062 terms) and two layers of lightning
#: self-attention (31424 and 425728 terms), while every other monodromy of
#: the frontier grid has at most a few thousand.
MONODROMY_EVALUATION_TERMS = 10000

#: The number of random start points a monodromy tries
#: (:data:`MONODROMY_START_CONDITION`).
MONODROMY_START_TRIES = 40

#: Up to this multihomogeneous Bezout number of the ED critical system on
#: the coordinate slice (:func:`~sage_neuro.invariants.ed_monodromy.critical_bezout`),
#: ``M.ed_degree()`` counts on the modular slice; beyond it, by monodromy
#: on the ED correspondence (``method='correspondence'``; until 2026-12-05
#: monodromy in the data, whose trace test cannot pass where critical
#: points escape to infinity: CNN [2,3,2] x^2 stops at 2913 of 2914 points,
#: which the correspondence certifies in 127 s, and MLP [3,2,2] x^2 takes
#: 7 s there against 13.5 s CPU in the data). Measured (loaded 2-core machine, wall / CPU): CNN [3,3] x^2
#: (Bezout 345) modular 2 s; MLP [2,2,3] x^2 (1257) 0.35 s; MLP [3,2,2]
#: x^2 (52945) modular 43 s wall, monodromy 13.5 s CPU. When every block
#: of parameters enters ``mu`` linearly (linear networks) the Groebner
#: basis does not pay for the Bezout number: linear [5,2,5] (3379489)
#: takes 0.41 s modular and 7 s CPU by monodromy, so such networks always
#: go to the modular slice. It was 20000, which sent MLP [3,2,1] x^3
#: (15625, ED degree 207) to Macaulay2 and msolve for more than 240 s wall
#: where monodromy takes 5.8 s CPU (15 s wall on the loaded machine); MLP
#: [2,2,2,1] x^2 (16803) takes 0.2 s by either route.
MODULAR_ED_BEZOUT = 10000

#: Up to this Bezout number of the ED critical system, ``M.ed_degree()``
#: confirms a modular value by monodromy without being asked: the
#: monodromy of such small systems takes well under a second
#: (linear [3,1,3]: 0.3 s CPU).
ED_CROSS_CHECK_BEZOUT = 100
#: Seconds (wall) given to that unasked-for confirmation: a check predicted
#: cheap that takes longer is dropped (the value keeps its own provenance,
#: the note says the check did not finish). Twenty times the 0.3 s of
#: linear [3,1,3], for a machine whose cores are shared; the monodromy of
#: the lightning self-attention (d=2, a=1, d_out=1, t=3) (Bezout number 85,
#: ED degree 10, modular 0.55 s CPU) did not close its trace test in 60 s,
#: which used up whole 30 s survey cases before this bound.
ED_CROSS_CHECK_SECONDS = 6.0

#: Seconds (wall) that ``M.ed_degree()`` 'auto' gives the Milnor route of a
#: CNN of stride one that touches the isotropic quadric (generic ED degree
#: minus Milnor numbers, ``invariants/cnn_segre_veronese.py``) before it
#: tries the parametric routes: CNN [2,3,2] x^2 takes 4-6 s there against
#: 754 s by monodromy, [4,4] x^2 94 s; where the locus is
#: positive-dimensional, msolve may run much longer before saying so
#: (CNN [5,5] x^2: no answer in 900 s).
MILNOR_ED_SECONDS = 180.0

#: How many random linear sections of complementary dimension are tried to
#: find a point with nonzero coordinates of a variety over ``GF(p)`` (e.g. to
#: choose a minor of a Jacobian that does not vanish on the variety): a
#: zero-dimensional section has a ``GF(p)``-rational point with probability
#: about ``1 - 1/e`` (always for a linear space), so 30 tries all fail with
#: probability below ``0.37^30 < 1e-12``.
POINT_SEARCHES = 30

#: A gradient-descent run counts as converged (in the certificate of a
#: training experiment) when the norm of its final gradient in the
#: parameters is below this times ``1 + |loss|``: float64 gradients of
#: losses of order one are accurate to about ``1e-8`` to ``1e-10``, so
#: ``1e-6`` separates a stationary end point from a run still moving
#: without being defeated by rounding.
CONVERGED_GRADIENT = 1e-6

#: Random rational lines carrying the sample points of
#: ``invariants.real_boundary``: each line meets every wall of a
#: full-dimensional image in its real roots and gives one sample per
#: interval between them; a wall is seen separating when two samples differ
#: only in its sign. Three lines met every wall and every cell of the linear
#: CNNs [2, 2], [2, 2, 2], [3, 2] in the tests, at a cost of one exact real
#: membership (0.05-0.5 s) per sample.
BOUNDARY_LINES = 3

#: ... and up to this many lines while they still show sign vectors of the
#: candidates not seen before (two lines in a row without a new one stop the
#: sampling): the CNN [1, 1] with sigma = t^2 + t (image: the four open
#: quadrants and the origin) needed a fourth line for its fourth quadrant.
BOUNDARY_LINES_MAX = 12

#: ``semialgebraic_description(confirm='auto')`` runs QEPCAD B only up to
#: this many parameters: cylindrical algebraic decomposition is doubly
#: exponential in the number of variables (parameters plus coordinates).
#: Measured: linear CNN [2, 2] (4 parameters, 3 coordinates) 0.2 s;
#: [3, 2] (5 parameters, 4 coordinates) 83 s.
QEPCAD_MAX_PARAMETERS = 4

#: Denominators ``q`` of the steps ``s = 1/q`` at which the points ``f + s d`` and ``f - s d`` of a line
#: through a singular point ``f`` inside the Zariski closure are tested
#: exactly for membership in the real image
#: (:mod:`~sage_neuro.invariants.singular_type`): three decades resolve a
#: branch that ends at ``f`` from one that merely narrows there, and each
#: test is one exact fiber decision (a fraction of a second for small
#: networks), so more steps only cost time.
PROBE_DENOMINATORS = (10, 100, 1000)
