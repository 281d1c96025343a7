r"""
The degree of a neuromanifold from the multidegree of its parametrization.

Let ``mu`` be multihomogeneous in blocks of parameters ``theta_1, ...,
theta_k`` (one weight matrix, filter, query, key or value matrix each) of
sizes ``n_1, ..., n_k``: every term of ``mu`` has degree ``e_b >= 1`` in
block ``b``. Then ``mu`` induces a rational map

.. MATH::

    \varphi : \mathbb{P}^{n_1 - 1} \times \cdots \times \mathbb{P}^{n_k - 1}
    \dashrightarrow \mathbb{P}(\overline{M}) \subset \mathbb{P}^{n - 1}.

If ``varphi`` has no base points (``mu(theta) = 0`` only when some block
``theta_b`` is zero) and is generically finite (the cone ``M`` has
dimension ``m + 1``, ``m = sum_b (n_b - 1)``), the pull-back of a
hyperplane class is ``sum_b e_b h_b`` and

.. MATH::

    \deg \overline{M} \cdot \deg \varphi = \int (e_1 h_1 + \cdots + e_k h_k)^m
    = \binom{m}{n_1 - 1, \ldots, n_k - 1} \prod_b e_b^{n_b - 1},

``deg varphi`` the number of points of a generic fiber of ``varphi``
(Fulton, *Intersection theory*, Prop. 4.4 and Ex. 8.3.14). This is the
structure of one layer of lightning self-attention with ``a = 1`` (linear
in ``q``, ``k`` and ``V``; Henry-Marchetti-Kohn, arXiv 2408.17221), of
linear networks and polynomial MLPs with one hidden neuron, and of products
of Segre type in general.

:func:`multidegree_degree` checks the three hypotheses and divides:

- multihomogeneity, from the terms of ``mu``;
- the dimension ``m + 1``, by the rank of the Jacobian of ``mu`` at a
  random point mod ``p``: a lower bound for the generic rank, and ``m + 1``
  is an upper bound, so equality proves it;
- no base points: the saturation of the ideal of the coordinates of ``mu``
  by the product of the block ideals is the unit ideal (Singular, over
  ``QQ``: a proof);
- ``deg varphi``: the points ``theta'`` with ``mu(theta') = lambda
  mu(theta)``, one affine chart per block, at a random point ``theta`` mod
  ``p``, counted by a Groebner basis (distinct points, all reduced).

The value is ``'modular'``: the fiber count is made at one random point mod
``p`` (the other steps are proofs).

EXAMPLES::

    sage: from sage_neuro import LightningSelfAttention, LinearNetwork
    sage: from sage_neuro.invariants.multidegree import multidegree_degree
    sage: C = multidegree_degree(LightningSelfAttention(3, 1, 1, 2)); C
    degree 45 of LightningSelfAttention(d=3, a=1, d_out=1, t=2): multidegree 90 / fiber 2  [modular: ...]
    sage: C.value == LightningSelfAttention(3, 1, 1, 2).neuromanifold().degree(method='modular')
    True
    sage: multidegree_degree(LinearNetwork([4, 1, 3])).value == binomial(5, 2)   # a Segre variety
    True
"""

import random
import time

from sage.arith.misc import multinomial
from sage.rings.finite_rings.finite_field_constructor import GF
from sage.rings.integer import Integer
from sage.rings.polynomial.polynomial_ring_constructor import PolynomialRing
from sage.rings.rational_field import QQ

from sage_neuro.constants import FIBER_COUNT_PRIME
from sage_neuro.provenance import Provenance


class MultidegreeCertificate:
    r"""
    The result of :func:`multidegree_degree`.

    Attributes: ``value`` (the degree, a Sage Integer), ``net``, ``blocks``
    (names of the blocks), ``sizes``, ``degrees`` (of ``mu`` in each
    block), ``intersection_number`` (the multidegree, ``deg M * deg
    varphi``), ``fiber_points`` (``deg varphi``), ``rank`` (the Jacobian
    rank mod ``p``), ``prime``, ``seed``, ``provenance``.

    EXAMPLES::

        sage: from sage_neuro import PolynomialMLP
        sage: from sage_neuro.invariants.multidegree import multidegree_degree
        sage: C = multidegree_degree(PolynomialMLP([3, 1, 2], activation=3))
        sage: C.blocks, C.sizes, C.degrees, C.intersection_number, C.fiber_points
        (['w1', 'w2'], [3, 2], [3, 1], 27, 1)
    """

    def __init__(self, net, blocks, sizes, degrees, intersection, fiber, rank, prime, seed,
                 seconds):
        self.net, self.blocks, self.sizes, self.degrees = net, blocks, sizes, degrees
        self.intersection_number = Integer(intersection)
        self.fiber_points = Integer(fiber)
        self.value = self.intersection_number // self.fiber_points
        self.rank, self.prime, self.seed = rank, prime, seed
        self.provenance = Provenance(
            "degree", self.value, "modular", primes=(prime,), seeds=(seed,), seconds=seconds,
            route="multidegree of the parametrization on a product of projective spaces, "
                  "divided by its generic fiber",
            choices="the point of the fiber count and its affine charts, uniform mod p (seed %s)"
                    % seed,
            certificate="multidegree %s = multinomial%s * %s; no base points (saturation "
                        "over QQ is the unit ideal); dimension %s proved by the Jacobian rank; "
                        "%s reduced fiber point(s) mod %s"
                        % (intersection, tuple(s - 1 for s in sizes),
                           " * ".join("%s^%s" % (e, s - 1) for e, s in zip(degrees, sizes)),
                           rank, fiber,
                           prime))

    def __repr__(self):
        return "degree %s of %r: multidegree %s / fiber %s  [%s]" % (
            self.value, self.net, self.intersection_number, self.fiber_points,
            self.provenance.summary())


def _cheap_hypotheses(net, seed, prime):
    # (reason, names, blocks, degrees, rank): reason is None when mu is
    # multihomogeneous in its blocks and generically finite on the product
    # of their projective spaces, else why not. Kept in the network's
    # cache: 'auto' asks multidegree_applies, then multidegree_degree
    from sage_neuro.cache import CacheKey, cache_of
    from sage_neuro.constants import JACOBIAN_PRIME
    from sage_neuro.invariants.dimension import jacobian_rank
    from sage_neuro.invariants.slicing import block_degree_vectors

    def build():
        blocks, vectors = block_degree_vectors(net)
        degrees = [int(e) for e in vectors[-1]] if vectors else [1] * len(blocks)
        names = net.parameter_ring().variable_names()
        names = [names[b[0]].split("_")[0] for b in blocks]
        if len(vectors) > 1:
            return ("%r is not multihomogeneous in its blocks of parameters (a term has "
                    "degrees %s, another %s): the multidegree route does not apply"
                    % (net, list(vectors[0]), list(vectors[-1])), names, blocks,
                    [max(v[b] for v in vectors) for b in range(len(blocks))], None)
        m = sum(len(b) - 1 for b in blocks)
        rank = jacobian_rank(net, seed=seed, prime=prime)[0]
        if rank != m + 1:
            return ("the multidegree route needs mu generically finite on the product of the "
                    "projective spaces of its blocks: dimension %s of the neuromanifold (Jacobian "
                    "rank mod %s) against 1 + sum(n_b - 1) = %s" % (rank, prime, m + 1),
                    names, blocks, degrees, rank)
        return None, names, blocks, degrees, rank
    return cache_of(net).lookup(CacheKey("multidegree_hypotheses", seeds=(int(seed),), prime=prime),
                                build)


def _no_base_points(net, blocks):
    # the coordinates of mu vanish only where some block vanishes:
    # (mu) : (prod of the block ideals)^infinity = (1), over QQ
    R = net.parameter_ring(QQ)
    x = R.gens()
    I = R.ideal([f for f in net.coordinate_functions(QQ) if f != 0])
    J = R.ideal(1)
    for b in blocks:
        J = J * R.ideal([x[j] for j in b])
    return I.saturation(J)[0].is_one()


def _fiber_points(net, blocks, prime, seed):
    # (degree, distinct points) of {theta' : mu(theta') = lambda mu(theta),
    # one random affine chart per block} at a random theta mod p
    K = GF(prime)
    rng = random.Random(int(seed))
    N = int(net.num_parameters())
    theta = [K(rng.randrange(1, prime)) for _ in range(N)]
    mu = [f for f in net.coordinate_functions(K)]
    target = [f(*theta) for f in mu]
    names = list(net.parameter_ring().variable_names()) + ["lambda_"]
    S = PolynomialRing(K, names, order="degrevlex")
    y, lam = S.gens()[:N], S.gens()[N]
    eqs = [f(*y) - lam * t for f, t in zip(mu, target)]
    for b in blocks:
        eqs.append(sum(K(rng.randrange(1, prime)) * y[j] for j in b) - 1)
    I = S.ideal(eqs)
    if I.dimension() != 0:
        return None, None
    return Integer(I.vector_space_dimension()), Integer(I.radical().vector_space_dimension())


def multidegree_applies(net, seed=1, prime=FIBER_COUNT_PRIME):
    r"""
    Return ``(applies, reason)``: whether ``mu`` is multihomogeneous in its
    blocks and generically finite on the product of their projective
    spaces (the cheap hypotheses of :func:`multidegree_degree`: the terms of
    ``mu`` and one Jacobian rank mod ``prime``; the base points are not
    examined).

    EXAMPLES::

        sage: from sage_neuro import LightningSelfAttention, LinearNetwork
        sage: from sage_neuro.invariants.multidegree import multidegree_applies
        sage: multidegree_applies(LightningSelfAttention(2, 1, 1, 2))
        (True, 'mu multihomogeneous in 3 blocks and generically finite on their projective spaces')
        sage: multidegree_applies(LinearNetwork([3, 2, 3]))[0]
        False
    """
    reason, _, blocks, _, _ = _cheap_hypotheses(net, seed, prime)
    if reason is not None:
        return False, reason
    return True, ("mu multihomogeneous in %d blocks and generically finite on their projective "
                  "spaces" % len(blocks))


def multidegree_degree(net, seed=1, prime=FIBER_COUNT_PRIME, timeout=None):
    r"""
    Return the :class:`MultidegreeCertificate` of the degree of the
    neuromanifold of ``net`` from the multidegree of ``mu`` (see the module
    documentation); ``ValueError`` when a hypothesis fails.

    INPUT:

    - ``net`` -- an architecture whose ``mu`` is multihomogeneous in its
      blocks of parameters, without base points and generically finite on
      the product of their projective spaces
    - ``seed`` -- seed of the random point of the fiber count (a point
      where the count is not reduced is redrawn, up to five times)
    - ``prime`` -- the prime of the Jacobian rank and of the fiber count
    - ``timeout`` -- ``None`` or seconds; past them the Groebner bases are
      interrupted and ``TimeoutError`` is raised (the next call works)

    OUTPUT: a :class:`MultidegreeCertificate`; ``.value`` is the degree

    EXAMPLES::

        sage: from sage_neuro import LightningSelfAttention, LinearNetwork, PolynomialMLP
        sage: from sage_neuro.invariants.multidegree import multidegree_degree
        sage: multidegree_degree(LightningSelfAttention(2, 1, 2, 2)).value
        20
        sage: multidegree_degree(LightningSelfAttention(2, 2, 1, 2))
        Traceback (most recent call last):
        ...
        ValueError: the multidegree route needs mu generically finite on the product of the projective spaces of its blocks: dimension 5 of the neuromanifold (Jacobian rank mod 536870909) against 1 + sum(n_b - 1) = 8
        sage: multidegree_degree(PolynomialMLP([2, 2, 1], activation=2, bias=True))
        Traceback (most recent call last):
        ...
        ValueError: PolynomialMLP([2, 2, 1], activation=2, bias=True) is not multihomogeneous ...
    """
    from cysignals.alarm import AlarmInterrupt, alarm, cancel_alarm
    from sage_neuro.validation import check_timeout
    timeout = check_timeout(timeout)
    if timeout is None:
        return _multidegree_degree(net, seed, prime)
    # the Groebner bases run in this process (libSingular): an alarm
    # interrupts them where Sage's own interrupt (Ctrl-C) would
    alarm(float(timeout))
    try:
        return _multidegree_degree(net, seed, prime)
    except AlarmInterrupt:
        raise TimeoutError("the multidegree route for %r did not finish within %s seconds"
                           % (net, timeout)) from None
    finally:
        cancel_alarm()


def _multidegree_degree(net, seed, prime):
    start = time.perf_counter()
    reason, names, blocks, degrees, rank = _cheap_hypotheses(net, seed, prime)
    if reason is not None:
        raise ValueError(reason)
    sizes = [len(b) for b in blocks]
    if not _no_base_points(net, blocks):
        raise ValueError("mu of %r vanishes at points where no block is zero (base points): the "
                         "multidegree route does not apply" % (net,))
    intersection = multinomial(*[s - 1 for s in sizes])
    for e, s in zip(degrees, sizes):
        intersection *= Integer(e) ** (s - 1)
    for attempt in range(5):
        total, distinct = _fiber_points(net, blocks, prime, int(seed) + 1000 * attempt)
        if total is not None and total == distinct:
            break
    else:
        raise ArithmeticError("the fiber of the multidegree route at five random points mod %s was "
                              "not finite and reduced" % prime)
    if intersection % distinct:
        raise ArithmeticError("the multidegree %s is not divisible by the fiber count %s mod %s: "
                              "a hypothesis failed unseen" % (intersection, distinct, prime))
    return MultidegreeCertificate(net, names, sizes, degrees, intersection, distinct, rank, prime,
                                  seed, time.perf_counter() - start)
