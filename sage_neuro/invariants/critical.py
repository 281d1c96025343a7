r"""
Critical points of the parametrization: where the Jacobian of ``mu`` drops rank.

A parameter ``theta`` is a critical point of ``mu`` when the rank of the
Jacobian ``J(theta)`` is smaller than its generic rank ``d`` (the dimension
of the neuromanifold). The critical points form the variety of the
``d x d`` minors of the symbolic Jacobian; :func:`jacobian_rank_drop_locus`
returns its irreducible components (minimal primes over ``QQ``), each with
its dimension and the dimension of its image under ``mu``.

Route (all in Macaulay2, package function ``rankDropComponents``, exact over
``QQ``):

1. ``d`` is taken from ``net.neuromanifold().dimension()`` (the Jacobian rank
   at a random point over ``GF(p)``) and then *verified* in Macaulay2 as the
   rank of the symbolic Jacobian over the fraction field of the parameter
   ring; a mismatch raises an error;
2. the ``d x d`` minors of the Jacobian are formed in Macaulay2 (not in Sage)
   and decomposed into minimal primes;
3. for each prime ``P`` the dimension of the closure of ``mu(V(P))`` is the
   rank of the differential of ``mu`` restricted to the tangent space of
   ``V(P)`` at a generic point, i.e. over the fraction field of ``R/P``:
   ``rank [Jac(P); Jac(mu)] - rank Jac(P)`` computed over ``R/P``. In
   characteristic 0, ``V(P)`` is generically smooth and ``mu|V(P)`` is
   generically submersive onto its image, so this is exact (no random point).

The result is proved (provenance ``'proved'``); the random point of step 1
only proposes ``d``.

EXAMPLES::

    sage: from sage_neuro import LinearNetwork
    sage: from sage_neuro.invariants.critical import jacobian_rank_drop_locus
    sage: comps = jacobian_rank_drop_locus(LinearNetwork([2, 1, 2]))
    sage: sorted(C.ideal().gens() for C in comps)
    [[w2_1_0, w2_0_0], [w1_0_1, w1_0_0]]
    sage: [(C.dimension(), C.image_dimension()) for C in comps]
    [(2, 0), (2, 0)]
"""

from sage.rings.integer import Integer

from sage_neuro.m2 import session
from sage_neuro.provenance import Provenance, stopwatch
from sage_neuro.schemes import Subvariety

#: the Macaulay2 strategies of ``minors`` that may be asked for
MINORS_STRATEGIES = (None, "Bareiss", "Cofactor")


class RankDropComponent(Subvariety):
    r"""
    An irreducible component of the locus of parameters where the Jacobian of
    ``mu`` has rank smaller than its generic rank: a closed subscheme of the
    parameter space (a :class:`~sage_neuro.schemes.Subvariety`).

    INPUT:

    - ``net`` -- the architecture
    - ``ideal`` -- the prime ideal of the component, in ``net.parameter_ring()``
    - ``dimension`` -- its Krull dimension
    - ``image_dimension`` -- the dimension of the closure of its image under ``mu``
    - ``provenance`` -- a :class:`~sage_neuro.provenance.Provenance` record

    EXAMPLES::

        sage: from sage_neuro import LinearNetwork
        sage: from sage_neuro.invariants.critical import RankDropComponent
        sage: net = LinearNetwork([2, 1, 2])
        sage: P = net.parameter_ring()
        sage: C = RankDropComponent(net, P.ideal(P.gens()[:2]), 2, 0)
        sage: C
        Jacobian rank drop component of dimension 2, image dimension 0: Ideal (w1_0_0, w1_0_1) of ...
        sage: C.dimension(), C.image_dimension(), C.fiber_dimension()
        (2, 0, 2)
        sage: C.intersection(RankDropComponent(net, P.ideal(P.gens()[2:]), 2, 0)).dimension()
        0
    """

    def __init__(self, net, ideal, dimension, image_dimension, provenance=None):
        Subvariety.__init__(self, ideal, provenance)
        self._net = net
        self._dimension = Integer(dimension)
        self._image_dimension = Integer(image_dimension)

    def __repr__(self):
        s = str(self._ideal)
        if len(s) > 120 or " of Multivariate" in s:
            s = s.split(" of Multivariate")[0] + " of ..."
        return ("Jacobian rank drop component of dimension %s, image dimension %s: %s"
                % (self._dimension, self._image_dimension, s))

    def architecture(self):
        r"""
        Return the architecture whose parameters this component lives in.

        EXAMPLES::

            sage: from sage_neuro import LinearNetwork
            sage: from sage_neuro.invariants.critical import jacobian_rank_drop_locus
            sage: net = LinearNetwork([2, 1, 2])
            sage: jacobian_rank_drop_locus(net)[0].architecture() is net
            True
        """
        return self._net

    def ideal(self):
        r"""
        Return the prime ideal of the component in the parameter ring.

        OUTPUT: an ideal of ``net.parameter_ring()``

        EXAMPLES::

            sage: from sage_neuro import LinearNetwork
            sage: from sage_neuro.invariants.critical import jacobian_rank_drop_locus
            sage: I = jacobian_rank_drop_locus(LinearNetwork([2, 1, 2]))[0].ideal()
            sage: I.ring() is LinearNetwork([2, 1, 2]).parameter_ring()
            True
        """
        return self._ideal

    def dimension(self):
        r"""
        Return the dimension of the component (a Sage Integer).

        OUTPUT: the Krull dimension of ``R/P``

        EXAMPLES::

            sage: from sage_neuro import LinearNetwork
            sage: from sage_neuro.invariants.critical import jacobian_rank_drop_locus
            sage: jacobian_rank_drop_locus(LinearNetwork([2, 1, 2]))[0].dimension()
            2
        """
        return self._dimension

    def image_dimension(self):
        r"""
        Return the dimension of the Zariski closure of ``mu`` of the component.

        OUTPUT: a Sage Integer, exact (the rank of the differential of ``mu``
        restricted to the component, over the fraction field of ``R/P``; see
        the module documentation)

        EXAMPLES::

            sage: from sage_neuro import LinearNetwork
            sage: from sage_neuro.invariants.critical import jacobian_rank_drop_locus
            sage: C = jacobian_rank_drop_locus(LinearNetwork([2, 1, 2]))[0]
            sage: C.image_dimension()     # mu sends the component to the zero matrix
            0
        """
        return self._image_dimension

    def fiber_dimension(self):
        r"""
        Return the dimension of the generic fiber of ``mu`` restricted to the
        component: ``dimension() - image_dimension()``.

        OUTPUT: a Sage Integer

        EXAMPLES::

            sage: from sage_neuro import LinearNetwork
            sage: from sage_neuro.invariants.critical import jacobian_rank_drop_locus
            sage: jacobian_rank_drop_locus(LinearNetwork([2, 1, 2]))[0].fiber_dimension()
            2
        """
        return self._dimension - self._image_dimension

    def provenance(self):
        r"""
        Return how the component was obtained (a
        :class:`~sage_neuro.provenance.Provenance` record, or ``None``).

        OUTPUT: the record of the whole computation: method ``'proved'``,
        the certificate, wall time, route, and in ``note`` the prime and
        seed of the proposed generic rank

        EXAMPLES::

            sage: from sage_neuro import LinearNetwork
            sage: from sage_neuro.invariants.critical import jacobian_rank_drop_locus
            sage: rec = jacobian_rank_drop_locus(LinearNetwork([2, 1, 2]))[0].provenance()
            sage: rec.method
            'proved'
            sage: rec.certificate
            'generic rank d = 3 of the symbolic Jacobian over Frac(R); minimal primes of its d x d minors over QQ'
        """
        return self._provenance


def jacobian_rank_drop_locus(net, timeout=None, seed=0, strategy="Cofactor"):
    r"""
    Return the irreducible components of the locus of parameters where the
    Jacobian of ``mu`` has rank smaller than its generic rank ``d``.

    The ideal of the locus is generated by the ``d x d`` minors of the
    symbolic Jacobian ``net.jacobian()``; they are formed and decomposed into
    minimal primes in Macaulay2 over ``QQ``. The generic rank ``d`` is
    proposed by ``net.neuromanifold().dimension(seed=seed)`` (modular) and
    verified exactly in Macaulay2. See the module documentation for the
    route and why the image dimensions are exact.

    INPUT:

    - ``net`` -- an architecture
    - ``timeout`` -- seconds for the Macaulay2 call (``M2TimeoutError`` past it)
    - ``seed`` -- seed of the random point proposing ``d``
    - ``strategy`` -- ``'Cofactor'`` (default), ``'Bareiss'`` or ``None``
      (Macaulay2's default choice): the strategy of Macaulay2's ``minors``.
      Cofactor is the faster one measured here: the 4455 minors of size 8
      of the Jacobian of ``LinearNetwork([3, 2, 3])`` take 2.0 s against
      6.9 s by Bareiss; the minimal primes then take about 45 s

    OUTPUT: a list of :class:`RankDropComponent` (empty when the rank never
    drops, e.g. when ``d = 0``)

    EXAMPLES::

        sage: from sage_neuro import LinearNetwork, PolynomialCNN
        sage: from sage_neuro.invariants.critical import jacobian_rank_drop_locus
        sage: comps = jacobian_rank_drop_locus(LinearNetwork([2, 1, 2]))
        sage: len(comps), comps[0].provenance().method
        (2, 'proved')
        sage: [(C.dimension(), C.image_dimension()) for C in jacobian_rank_drop_locus(PolynomialCNN([2, 2]))]
        [(2, 0), (2, 0)]
        sage: C, = jacobian_rank_drop_locus(PolynomialCNN([2, 2], activation=1), strategy=None)
        sage: C.ideal().gens(), C.image_dimension()
        ([f1_1*f2_0 - f1_0*f2_1], 2)
        sage: jacobian_rank_drop_locus(LinearNetwork([2, 2]))
        []
        sage: jacobian_rank_drop_locus("not a network")
        Traceback (most recent call last):
        ...
        TypeError: net must be an Architecture (e.g. LinearNetwork([2, 1, 2])), not <class 'str'>
        sage: jacobian_rank_drop_locus(LinearNetwork([2, 1, 2]), strategy='Fast')
        Traceback (most recent call last):
        ...
        ValueError: strategy must be one of (None, 'Bareiss', 'Cofactor'), not 'Fast'
    """
    from sage_neuro.architectures.base import Architecture
    if not isinstance(net, Architecture):
        raise TypeError("net must be an Architecture (e.g. LinearNetwork([2, 1, 2])), not %s"
                        % type(net))
    if strategy not in MINORS_STRATEGIES:
        raise ValueError("strategy must be one of %s, not %r" % (MINORS_STRATEGIES, strategy))
    M = net.neuromanifold()
    with stopwatch() as t:
        d = Integer(M.dimension(seed=seed))
        rec_d = M.provenance("dimension")
        P = net.parameter_ring()
        F = net.coordinate_functions()
        if d == 0 or all(f == 0 for f in F):
            raw = []
        else:
            S = session()
            L = S.polys(F, P)
            options = None if strategy is None else {"Strategy": '"%s"' % strategy}
            raw = S.call("rankDropComponents", L, int(d), ring=P, timeout=timeout,
                         options=options)
    # the random point mod p only proposes d; Macaulay2 verifies it as the
    # rank over Frac(R) before forming the minors, so nothing rests on it
    rec = Provenance(
        "jacobian_rank_drop_locus", raw, "proved", seconds=t[0],
        route="Macaulay2 rankDropComponents: generic rank d = %s (proposed by the Jacobian "
              "rank at a random point mod p, verified as the rank over Frac(R)), minimal primes "
              "of the d x d minors over QQ, image dimensions as ranks over Frac(R/P)" % d,
        certificate="generic rank d = %s of the symbolic Jacobian over Frac(R); minimal primes "
                    "of its d x d minors over QQ" % d,
        note="components of the locus rank J(theta) < d; d proposed mod p = %s, seed %s"
             % (", ".join(map(str, rec_d.primes)) or "-", ", ".join(map(str, rec_d.seeds)) or "-"))
    return [RankDropComponent(net, P.ideal([P(g) for g in gens]), dim, edim, rec)
            for gens, dim, edim in raw]
