r"""
Local multiplicities of a neuromanifold from its parametrization, and a
route to "Sing(M) = subnetworks" that never computes the implicit ideal.

**Multiplicity at a point.** Let ``M`` be the Zariski closure of the image
of ``mu``, of dimension ``d`` and degree ``deg M`` (that of its projective
closure; for cones the projective degree). For a point ``f`` of ``M`` and
an affine linear space ``L = f + V`` through ``f`` with ``V`` a random
subspace of codimension ``d``,

.. MATH::

    \deg M = \operatorname{mult}_f(M) + \#\bigl((M \cap L) \setminus \{f\}\bigr):

``V`` meets neither the tangent cone of ``M`` at ``f`` nor ``M`` at
infinity, and the other intersection points are simple points of ``M`` in
general position. These other points are counted in the parameters: on
the coordinate slice of :mod:`~sage_neuro.invariants.slicing` (all
parameters when ``mu`` is generically finite, ``dim M`` = number of
parameters, the case of CNNs with a non-monomial activation; otherwise the
parameters outside :func:`~sage_neuro.invariants.slicing.slice_pivots`
fixed at *random* constants -- the image of the slice is dense in ``M``,
and ``f`` itself need not lie on it), the system

.. MATH::

    \ell_i(\mu(t) - f) = 0 \ (i = 1, \dots, d), \qquad
    z \, \ell_0(\mu(t) - f) = 1

(the extra variable ``z`` removes the points over ``f``, Rabinowitsch) has
``b \cdot \#((M \cap L) \setminus \{f\})`` solutions, ``b`` the generic
fiber size of the slice. So ``mult_f(M) = deg M - count / b``; it is
counted by Sage's libSingular over ``GF(p)`` (``modular``: the seeds must
agree). A point of ``M`` is singular iff its multiplicity is ``> 1``; a
point outside ``M`` gets multiplicity ``0``, so the same count decides
whether a point (e.g. a limit of parameters going to infinity) lies on
the closure.

**The route to Sing(M).** A point ``f = mu(theta)`` at which ``mu`` is
proper, whose fiber is one point and where ``d mu`` is injective is a
smooth point of ``M`` (``mu`` is a local isomorphism onto the germ of
``M``). So, for generically finite ``mu``, ``Sing(M)`` lies in the union of

- the image of the *rank-drop locus* of ``d mu``
  (:func:`~sage_neuro.invariants.critical.jacobian_rank_drop_locus`,
  minimal primes over ``QQ`` in Macaulay2),
- the image of the *double-point locus* ``{theta : mu(theta) = mu(theta')
  for some theta' != theta}`` (:func:`double_point_locus`: the ideal of
  ``mu(t) = mu(s)`` saturated by the diagonal, ``s`` eliminated, minimal
  primes over ``QQ``), and
- the points of ``M`` over which ``mu`` is not proper (the *boundary*:
  limits of parameters going to infinity, e.g. ``M \ mu(C^n)``).

The checker :func:`check_singularities_by_parametrization` proves the
first two parts of ``Sing \subseteq`` subnetworks exactly (each locus
component lies, as an ideal over ``QQ``, in a subnetwork's parameter
subspace or in ``mu^{-1}(0)``), tests ``Sing \supseteq`` subnetworks by
multiplicities at random points of each subnetwork image (modular), and
*tests* the boundary, for CNNs, by multiplicities at random limit points
``lim_{c \to \infty} mu(c w_1, c^{-r} w_2, \dots)`` (modular; a test,
not a proof that every boundary point was seen). With ``nonproper=True``
it also computes the set ``S`` over which ``mu`` is not proper
(:func:`nonproper_locus`, exact; seconds for CNN ``[2, 2]``) and adds the
components of ``mu^{-1}(S)`` to the loci: then ``Sing(M) \cap mu(C^n)
\subseteq`` subnetwork images is proved, the boundary included. Whether a
limit point is a value of ``mu`` at all is decided exactly
(:func:`~sage_neuro.invariants.image_membership.in_image`: the fiber
ideal is ``(1)`` over ``QQ`` iff the point has no complex preimage). The
neuromanifold is the image ``mu(R^n)``, not its closure, so the
certificate gives two relations: ``relation('image')`` (the default)
compares ``Sing(M) \cap mu(C^n)`` with the subnetworks -- limit points
outside ``mu(C^n)`` are dropped, those inside still count -- and
``relation('closure')`` compares all of ``Sing(M)``.

**What comes out for CNNs** with a generic activation of degree ``>= 3``,
``sigma(0) = 0`` (filters ``[2, 2]``, ``[2, 3]``, ``[3, 2]``, ``[2, 2]``
with strides ``[2, 1]``; ``sigma = t^3 - 2 t^2 + 3 t`` and
``t^3 + t^2``), with the one-tap-zero subnetworks (first or last tap of
a filter zero):

- *On the image* (``relation() == 'Sing inside subnetworks'`` in all
  these cases): ``Sing(M) \cap mu(C^n)`` lies *strictly* inside the union
  of the sparse subnetwork images. Away from the untested boundary
  points it is the zero function (the vertex,
  of multiplicity ``deg M``) together with, for stride 1, the double
  points of *shifted* sparse filter pairs: zero taps at opposite ends,
  ``w_1 = (0, a)``, ``w_2 = (c, 0)`` and ``w_1 = (a, 0)``,
  ``w_2 = (0, c)`` (``[2, 2]``), both computing ``c sigma(a x_1)``; there
  ``M`` has two smooth branches (multiplicity 2), and this set lies in
  two subnetwork images. With stride 2 there are no such coincidences
  and the image is singular only at ``0``. The one-tap-zero subnetwork
  images themselves are *generically smooth* (multiplicity 1), so the
  statement "Sing = subnetworks" of Kohn's talk holds only as an inclusion.
- *On the closure*, where ``mu`` is not proper: the limits of top terms
  (``w_1 -> oo``; the network with activation ``t^r``) are smooth
  points; when ``sigma'(0) != 0`` the limits of bottom terms
  (``w_1 -> 0``, ``w_2 -> oo``; the *linear* functions
  ``sigma'(0) (w_2 * w_1) . x``) are *extra* singular points, in no
  subnetwork image, of multiplicity ``2`` for ``[2, 2]`` and ``3`` for
  ``[2, 3]``, ``[3, 2]`` (the number of ways to split the end-to-end
  filter into the two filters); so ``relation('closure')`` is
  ``'incomparable'`` for stride 1. With stride 2, or ``sigma'(0) = 0``
  (``sigma = t^3 + t^2``), they are smooth and both relations agree.
  None of the sampled limit points is a value of ``mu`` (exact). For the
  linear ones there is a reason: the top-degree part of ``mu(theta)``
  vanishes only where ``mu(theta) = 0`` (every coordinate of ``mu`` lies
  in the radical of the ideal of its top-degree coordinates, checked in
  the tests), and a nonzero linear function has no top-degree part.

EXAMPLES:

The ``3 x 3`` matrices of rank at most 2 are a cubic hypersurface whose
multiplicity at a matrix of rank 1 is 2::

    sage: from sage_neuro import LinearNetwork
    sage: from sage_neuro.invariants.multiplicity import local_multiplicity
    sage: net = LinearNetwork([3, 2, 3])
    sage: m = local_multiplicity(net, [1, 2, 3, 0, 0, 0, 1, 1, 1, 0, 0, 0]); m
    multiplicity 2 of LinearNetwork([3, 2, 3]) at mu(theta)  [modular: p = 32003, seeds (1, 2); ... s]
    sage: m.is_singular(), local_multiplicity(net, net.random_parameters(seed=3)).value
    (True, 1)
"""

import random

from sage.matrix.constructor import matrix
from sage.rings.finite_rings.finite_field_constructor import GF
from sage.rings.integer import Integer
from sage.rings.polynomial.polynomial_ring_constructor import PolynomialRing
from sage.rings.rational_field import QQ

from sage_neuro.cache import CacheKey, cache_of
from sage_neuro.invariants.slicing import (SLICE_PRIME, DegenerateDraw, degree_slices,
                                           singular_degree_count, singular_point_counts,
                                           slice_pivots, with_redraws)
from sage_neuro.provenance import Provenance, stopwatch


class LocalMultiplicity:
    r"""
    The multiplicity of a neuromanifold at one point, with how it was counted.

    Attributes: ``value`` (a Sage Integer; ``0`` when the point is not on
    the closure ``M``), ``net``, ``point`` (the point of the function space,
    over ``QQ``), ``degree`` (``deg M``), ``fiber_size`` (``b``), ``counts``
    (per seed: the number of slice points over ``(M \cap L) \setminus
    \{f\}``), ``provenance``.

    EXAMPLES::

        sage: from sage_neuro import LinearNetwork
        sage: from sage_neuro.invariants.multiplicity import local_multiplicity
        sage: m = local_multiplicity(LinearNetwork([2, 1, 2]), [0, 0, 0, 0])
        sage: m.value, m.degree, m.counts, m.provenance.method
        (2, 2, [0, 0], 'modular')
    """

    def __init__(self, net, point, value, degree, fiber_size, counts, provenance, label="mu(theta)"):
        self.net = net
        self.point = point
        self.value = Integer(value)
        self.degree = Integer(degree)
        self.fiber_size = Integer(fiber_size)
        self.counts = list(counts)
        self.provenance = provenance
        self.label = label

    def is_singular(self):
        r"""
        Return whether the point is a singular point of ``M``
        (multiplicity ``> 1``).

        EXAMPLES::

            sage: from sage_neuro import LinearNetwork
            sage: from sage_neuro.invariants.multiplicity import local_multiplicity
            sage: local_multiplicity(LinearNetwork([2, 1, 2]), [1, 2, 3, 4]).is_singular()
            False
        """
        return self.value > 1

    def is_on_neuromanifold(self):
        r"""
        Return whether the point lies on the closure ``M`` (multiplicity ``>= 1``).

        EXAMPLES::

            sage: from sage_neuro import LinearNetwork
            sage: from sage_neuro.invariants.multiplicity import local_multiplicity
            sage: local_multiplicity(LinearNetwork([2, 1, 2]), point=[1, 0, 0, 1]).is_on_neuromanifold()
            False
        """
        return self.value >= 1

    def __repr__(self):
        return "multiplicity %s of %r at %s  [%s]" % (self.value, self.net, self.label,
                                                     self.provenance.summary())


def _section_count(net, kept, f, seed, K):
    # points t of the coordinate slice of `seed` (the slice whose degree and
    # fiber size _degree_and_fiber counts) with mu(t) in f + V, mu(t) != f;
    # V a random codim-len(kept) subspace
    piece = degree_slices(net, kept, (seed,), K)[0]
    n = singular_point_counts([piece.punctured_section(f, seed)])[0]
    if n < 0:
        raise DegenerateDraw("the punctured linear section is not zero-dimensional (seed %s)"
                             % seed)
    return Integer(n)


def _degree_and_fiber(net, kept, seed, K):
    # (deg M, generic slice fiber) of one seed, kept in the network's cache
    # under every argument that changes it
    def count():
        a, b = singular_degree_count(net, kept, seed, K)
        if b == 0 or a % b:
            raise DegenerateDraw("slice count %s is not a multiple of the fiber size %s "
                                 "(seed %s): a non-generic draw; try other seeds" % (a, b, seed))
        return (a // b, b)
    key = CacheKey("degree_and_fiber", method="modular", seeds=(seed,), prime=K.characteristic(),
                   engine="Singular", extra=(tuple(int(j) for j in kept),))
    return cache_of(net).lookup(key, count)


def local_multiplicity(net, theta=None, seeds=(1, 2), prime=SLICE_PRIME, point=None):
    r"""
    Return the multiplicity of the neuromanifold ``M`` of ``net`` at
    ``f = mu(theta)`` (or at the function-space point ``point``), computed
    from the parametrization over ``GF(prime)`` (see the module
    documentation): ``deg M`` minus the number of other points of ``M`` on
    a random affine linear space of codimension ``dim M`` through ``f``.

    The value is ``1`` at smooth points of ``M``, ``> 1`` at singular ones
    and ``0`` at points not on ``M``. It is modular: correct unless a
    random draw (slice constants, linear space, prime) is special; all
    ``seeds`` must give the same value.

    INPUT:

    - ``net`` -- an architecture
    - ``theta`` -- a rational parameter point (or give ``point``)
    - ``seeds`` -- seeds of the random slices; all must agree
    - ``prime`` -- the prime of the counts
    - ``point`` -- a rational point of the function space instead of ``theta``

    OUTPUT: a :class:`LocalMultiplicity`

    EXAMPLES:

    A rank-one ``2 x 2`` matrix is a smooth point of the quadric cone
    ``det = 0``, the zero matrix its vertex::

        sage: from sage_neuro import LinearNetwork, PolynomialCNN
        sage: from sage_neuro.invariants.multiplicity import local_multiplicity
        sage: net = LinearNetwork([2, 1, 2])
        sage: local_multiplicity(net, [1, 2, 3, 4]).value, local_multiplicity(net, [0, 0, 0, 0]).value
        (1, 2)

    The monomial CNN ``[2, 2]`` with ``t^2`` is a cone over a smooth
    Segre-Veronese variety of degree 4, singular only at its vertex (a
    filter tap set to zero gives a smooth point)::

        sage: cnn = PolynomialCNN([2, 2])
        sage: [local_multiplicity(cnn, th).value for th in ([1, 2, 3, 5], [1, 0, 3, 5], [0, 0, 1, 1])]
        [1, 1, 4]

    Bad input::

        sage: local_multiplicity(net, [1, 2, 3])
        Traceback (most recent call last):
        ...
        ValueError: theta must have 4 entries (one per parameter), got 3
        sage: local_multiplicity(net)
        Traceback (most recent call last):
        ...
        ValueError: give exactly one of theta (a parameter point) and point (a point of the function space)
        sage: local_multiplicity(net, [1, 2, 3, 4], seeds=())
        Traceback (most recent call last):
        ...
        ValueError: seeds must be a non-empty list of integers, not ()
    """
    from sage_neuro.architectures.base import Architecture
    from sage_neuro.validation import check_point, check_positive_int
    if not isinstance(net, Architecture):
        raise TypeError("net must be an Architecture (e.g. LinearNetwork([3, 2, 3])), not %r" % (net,))
    if (theta is None) == (point is None):
        raise ValueError("give exactly one of theta (a parameter point) and point "
                         "(a point of the function space)")
    seeds = tuple(seeds) if hasattr(seeds, "__iter__") else ()
    if not seeds:
        raise ValueError("seeds must be a non-empty list of integers, not %r" % (seeds,))
    prime = check_positive_int(prime, "prime", minimum=3)
    if not prime.is_prime():
        raise ValueError("prime must be a prime number, not %s" % prime)
    if theta is not None:
        theta = [QQ(x) for x in check_point(theta, net.num_parameters())]
        f = [g(*theta) for g in net.coordinate_functions()]
        label = "mu(theta)"
    else:
        f = [QQ(x) for x in check_point(point, net.ambient_dimension(), name="point")]
        label = "a point of the function space"
    K = GF(prime)
    fK = [K(x) for x in f]
    def counts_for(seeds):
        # one draw: the multiplicity from every seed; a disagreement or a
        # non-integral quotient is a non-generic draw, redrawn below
        kept = slice_pivots(net, seed=seeds[0])[0]
        values, counts, degrees = [], [], set()
        for seed in seeds:
            deg, b = _degree_and_fiber(net, kept, seed, K)
            degrees.add(deg)
            c = _section_count(net, kept, fK, seed, K)
            if c % b:
                raise DegenerateDraw("the punctured section count %s is not a multiple of the "
                                     "fiber size %s (seed %s)" % (c, b, seed))
            values.append(deg - c // b)
            counts.append(c)
        if len(set(values)) != 1 or values[0] < 0 or len(degrees) != 1:
            raise DegenerateDraw("the seeds %s gave multiplicities %s" % (seeds, values))
        return kept, values, counts, deg, b

    with stopwatch() as t:
        (kept, values, counts, deg, b), seeds, redrawn = with_redraws(counts_for, seeds)
    route = ("deg M minus the points of M on a random affine linear space of codimension "
             "dim M through the point, counted on a coordinate slice (%d of %d parameters free) "
             "with a Rabinowitsch variable removing the fiber over the point; libSingular"
             % (len(kept), net.num_parameters()))
    prov = Provenance("multiplicity", values[0], "modular", primes=(prime,), seeds=seeds,
                      seconds=t[0], route=route,
                      choices="per seed: the constants of the coordinate slice and the affine "
                              "linear space through the point, over GF(%d)" % prime,
                      note="deg M = %s, generic slice fiber %s, section counts %s%s" % (
                          deg, b, counts, "".join("; redrawn after %s" % r for r in redrawn)))
    return LocalMultiplicity(net, f, values[0], deg, b, counts, prov, label=label)


# -- parameter-space loci ------------------------------------------------------


class LocusComponent:
    r"""
    An irreducible component of a locus in the parameter space of ``net``
    (the rank-drop locus of ``d mu`` or the double-point locus of ``mu``).

    Attributes: ``kind`` (``'rank drop'`` or ``'double point'``), ``ideal``
    (a prime ideal of ``net.parameter_ring()``), ``dimension``,
    ``image_dimension`` (of the closure of its image under ``mu``, exact).

    EXAMPLES::

        sage: from sage_neuro import PolynomialCNN
        sage: from sage_neuro.invariants.multiplicity import double_point_locus
        sage: R.<t> = QQ[]
        sage: C = double_point_locus(PolynomialCNN([2, 2], activation=t^3 + t^2 + t))
        sage: C[0]
        double point component of dimension 2 (image dimension 0): [f1_0, f1_1]
        sage: C[0].kind, C[0].dimension, C[0].image_dimension
        ('double point', 2, 0)
    """

    def __init__(self, net, kind, ideal, dimension, image_dimension):
        self.net = net
        self.kind = kind
        self.ideal = ideal
        self.dimension = Integer(dimension)
        self.image_dimension = Integer(image_dimension)

    def __repr__(self):
        return "%s component of dimension %s (image dimension %s): %s" % (
            self.kind, self.dimension, self.image_dimension, list(self.ideal.gens()))


def _rank_over_domain(rows, P):
    # rank over Frac(R/P), P prime: fraction-free Gaussian elimination with
    # every entry reduced modulo a Groebner basis of P
    G = P.groebner_basis()
    rows = [[e.reduce(G) for e in r] for r in rows]
    rank = 0
    ncols = len(rows[0]) if rows else 0
    for j in range(ncols):
        piv = next((i for i, r in enumerate(rows) if r[j] != 0), None)
        if piv is None:
            continue
        pr = rows.pop(piv)
        rank += 1
        rows = [[(pr[j] * r[k] - r[j] * pr[k]).reduce(G) for k in range(ncols)] for r in rows]
        rows = [r for r in rows if any(e != 0 for e in r)]
    return rank


def image_dimension(net, P):
    r"""
    Return the dimension of the closure of ``mu(V(P))`` for a prime ideal
    ``P`` of ``net.parameter_ring()``: the rank of ``[Jac(P); Jac(mu)]``
    minus the rank of ``Jac(P)`` over the fraction field of ``R/P`` (exact
    over ``QQ``: in characteristic 0, ``V(P)`` is generically smooth and
    ``mu`` restricted to it generically submersive onto its image).

    INPUT:

    - ``net`` -- an architecture
    - ``P`` -- a prime ideal of ``net.parameter_ring()``

    OUTPUT: a Sage Integer

    EXAMPLES::

        sage: from sage_neuro import PolynomialCNN
        sage: from sage_neuro.invariants.multiplicity import image_dimension
        sage: net = PolynomialCNN([2, 2], activation=1)
        sage: R = net.parameter_ring()
        sage: image_dimension(net, R.ideal([R('f1_1')])), image_dimension(net, R.ideal(R.gens()[:2]))
        (2, 0)
    """
    R = net.parameter_ring()
    if P.ring() is not R:
        raise ValueError("P must be an ideal of net.parameter_ring(), not of %s" % P.ring())
    x = R.gens()
    JF = [[f.derivative(v) for v in x] for f in net.coordinate_functions()]
    JP = [[g.derivative(v) for v in x] for g in P.gens()]
    return Integer(_rank_over_domain(JP + JF, P) - _rank_over_domain(JP, P))


def rank_drop_locus(net, timeout=None):
    r"""
    Return the components of the locus where ``d mu`` drops below its
    generic rank, as :class:`LocusComponent` objects (exact over ``QQ``,
    Macaulay2's ``rankDropComponents`` through
    :func:`~sage_neuro.invariants.critical.jacobian_rank_drop_locus`).

    INPUT:

    - ``net`` -- an architecture
    - ``timeout`` -- seconds for the Macaulay2 call

    OUTPUT: a list of :class:`LocusComponent`

    EXAMPLES::

        sage: from sage_neuro import PolynomialCNN
        sage: from sage_neuro.invariants.multiplicity import rank_drop_locus
        sage: R.<t> = QQ[]
        sage: rank_drop_locus(PolynomialCNN([2, 2], activation=t^3 + t^2 + t))
        [rank drop component of dimension 2 (image dimension 0): [f1_0, f1_1],
         rank drop component of dimension 2 (image dimension 0): [f2_0, f2_1]]
    """
    from sage_neuro.invariants.critical import jacobian_rank_drop_locus
    R = net.parameter_ring()
    out = [LocusComponent(net, "rank drop", R.ideal(C.ideal().interreduced_basis()), C.dimension(),
                          C.image_dimension())
           for C in jacobian_rank_drop_locus(net, timeout=timeout)]
    return sorted(out, key=lambda C: (-C.dimension, C.image_dimension, str(C.ideal.gens())))


def double_point_locus(net):
    r"""
    Return the components of the double-point locus of ``mu``: the closure
    of the set of ``theta`` with ``mu(theta) = mu(theta')`` for some
    ``theta' != theta``, as :class:`LocusComponent` objects.

    Route (exact over ``QQ``, Sage's libSingular): the ideal of
    ``mu(t) = mu(s)`` in ``2n`` variables is saturated by the ideal of the
    diagonal ``t = s``, ``s`` is eliminated and the result split into
    minimal primes; image dimensions by :func:`image_dimension`.
    Positive-dimensional fibers are double points too, so this is meant
    for generically finite ``mu`` (else it is the whole space).

    INPUT:

    - ``net`` -- an architecture

    OUTPUT: a list of :class:`LocusComponent`

    EXAMPLES:

    For the CNN ``[2, 2]`` with a generic cubic activation the double
    points are the zero functions and the pairs ``(w_1, w_2) = ((a, 0),
    (0, c))``, ``((0, a), (c, 0))``, both computing ``c sigma(a x_1)``::

        sage: from sage_neuro import PolynomialCNN
        sage: from sage_neuro.invariants.multiplicity import double_point_locus
        sage: R.<t> = QQ[]
        sage: [(C.ideal.gens(), C.image_dimension) for C in double_point_locus(PolynomialCNN([2, 2], activation=t^3 - 2*t^2 + 3*t))]
        [([f1_0, f1_1], 0), ([f2_0, f2_1], 0), ([f1_0, f2_1], 2), ([f1_1, f2_0], 2)]
    """
    R = net.parameter_ring()
    names = list(R.variable_names())
    n = len(names)
    T = PolynomialRing(QQ, names + ["%s_dp" % x for x in names], order="degrevlex")
    ts, ss = T.gens()[:n], T.gens()[n:]
    F = net.coordinate_functions()
    I = T.ideal([g(*ts) - g(*ss) for g in F])
    diagonal = T.ideal([a - b for a, b in zip(ts, ss)])
    J = I.saturation(diagonal)[0]
    if J.is_one():
        return []
    E = J.elimination_ideal(list(ss))
    back = T.hom(list(R.gens()) + [R.zero()] * n, R)
    E = R.ideal([back(g) for g in E.gens()])
    out = []
    for P in E.minimal_associated_primes():
        P = R.ideal(P.interreduced_basis())
        out.append(LocusComponent(net, "double point", P, P.dimension(), image_dimension(net, P)))
    # the order of Singular's primes is not canonical
    return sorted(out, key=lambda C: (-C.dimension, C.image_dimension, str(C.ideal.gens())))


def nonproper_locus(net):
    r"""
    Return ``(S, components)``: the ideal ``S`` (in
    ``net.coordinate_ring()``) of the points of the closure of ``M`` over
    which ``mu`` is not proper, and the minimal primes of ``mu^{-1}(S)``
    as :class:`LocusComponent` objects of kind ``'non-proper'``.

    Route (exact over ``QQ``, Sage's libSingular): the graph of ``mu`` is
    closed in ``P^n x A^m`` (each coordinate homogenized with one new
    variable ``h``, the ideal saturated by ``h``); its points at infinity
    (``h = 0``, saturated by the irrelevant ideal of the parameters) are
    projected to ``A^m``. Off ``V(S)`` the map ``mu`` is proper. The cost
    grows fast: CNN ``[2, 2]`` 1-2 s, ``[2, 3]`` minutes.

    INPUT:

    - ``net`` -- an architecture

    OUTPUT: a pair (ideal, list of :class:`LocusComponent`)

    EXAMPLES:

    For the CNN ``[2, 2]`` with a generic cubic activation ``mu`` fails to
    be proper over the pure cubic limits and over the linear functions;
    only the zero function of these is a value of ``mu``, whose preimage is
    ``w_1 = 0`` or ``w_2 = 0``::

        sage: from sage_neuro import PolynomialCNN
        sage: from sage_neuro.invariants.multiplicity import nonproper_locus
        sage: R.<t> = QQ[]
        sage: S, comps = nonproper_locus(PolynomialCNN([2, 2], activation=t^3 - 2*t^2 + 3*t))
        sage: [P.dimension() for P in S.minimal_associated_primes()]
        [3, 3]
        sage: comps
        [non-proper component of dimension 2 (image dimension 0): [f1_0, f1_1],
         non-proper component of dimension 2 (image dimension 0): [f2_0, f2_1]]
    """
    R = net.parameter_ring()
    names = list(R.variable_names())
    n = len(names)
    F = net.coordinate_functions()
    m = len(F)
    T = PolynomialRing(QQ, names + ["h_np"] + ["y_np%d" % i for i in range(m)], order="degrevlex")
    theta, h, ys = T.gens()[:n], T.gen(n), T.gens()[n + 1:]
    equations = []
    for f, y in zip(F, ys):
        d = f.total_degree()
        homogenized = sum(c * T.monomial(*(list(e) + [d - sum(e)] + [0] * m))
                          for e, c in f.dict().items())
        equations.append(homogenized - y * h ** d)
    graph = T.ideal(equations).saturation(T.ideal([h]))[0]
    at_infinity = (graph + T.ideal([h])).saturation(T.ideal(list(theta)))[0]
    S = at_infinity.elimination_ideal(list(theta) + [h])
    C = net.coordinate_ring()
    S_C = C.ideal([T.hom([C.zero()] * (n + 1) + list(C.gens()), C)(g) for g in S.gens()])
    pullback = R.ideal([T.hom([R.zero()] * (n + 1) + list(F), R)(g) for g in S.gens()])
    out = []
    if not pullback.is_one():
        for P in pullback.minimal_associated_primes():
            P = R.ideal(P.interreduced_basis())
            out.append(LocusComponent(net, "non-proper", P, P.dimension(), image_dimension(net, P)))
    return S_C, sorted(out, key=lambda Z: (-Z.dimension, Z.image_dimension, str(Z.ideal.gens())))


# -- Sing(M) versus subnetworks, from the parametrization ---------------------


def _random_point_on(P, seed):
    # a random rational point of V(P) when P is generated by affine-linear
    # forms (the loci met here: coordinate subspaces), else None
    R = P.ring()
    gens = [g for g in P.gens() if g != 0]
    if any(g.degree() > 1 for g in gens):
        return None
    n = R.ngens()
    rng = random.Random(int(seed))
    if not gens:
        return [QQ(rng.randint(-9, 9)) for _ in range(n)]
    A = matrix(QQ, [[g.monomial_coefficient(x) for x in R.gens()] for g in gens])
    rhs = [-g.constant_coefficient() for g in gens]
    base = A.solve_right(matrix(QQ, len(gens), 1, rhs)).column(0)
    K = A.right_kernel_matrix()
    v = base
    for row in K.rows():
        v = v + QQ(rng.choice([-1, 1]) * rng.randint(1, 9)) * row
    return list(v)


def boundary_limit_points(net, seed=0, count=2):
    r"""
    Return points of the closure of the neuromanifold of the CNN ``net``
    that are limits of ``mu`` along parameters going to infinity:
    ``lim_{c -> oo} mu(..., c w_i, c^{-r} w_{i+1}, ...)`` at random rational
    ``theta`` (``r`` the degree of the activation; the limit replaces the
    activation after layer ``i`` by its leading term, the ``top term``) and
    ``lim_{c -> 0} mu(..., c w_i, c^{-s} w_{i+1}, ...)`` (``s`` the lowest
    degree of a term of ``sigma``: the ``bottom term`` replaces it),
    for each pair of consecutive layers. For a non-monomial activation
    with ``sigma(0) = 0`` these points are in general not values of
    ``mu``, and the map is not proper over them.

    INPUT:

    - ``net`` -- a :class:`~sage_neuro.architectures.cnn.PolynomialCNN`
    - ``seed`` -- first seed of the random parameters
    - ``count`` -- points per pair of layers

    OUTPUT: a list of pairs ``(description, point)``, ``point`` a list of
    rationals in the coordinates of ``net.coordinate_ring()``

    EXAMPLES::

        sage: from sage_neuro import PolynomialCNN
        sage: from sage_neuro.invariants.multiplicity import boundary_limit_points
        sage: R.<t> = QQ[]
        sage: boundary_limit_points(PolynomialCNN([1, 1], activation=t^2 + t), count=1)
        [('layers 1-2, top term, seed 0', [12, 0]), ('layers 1-2, bottom term, seed 0', [0, 6])]

    Here ``mu(w_1, w_2) = (w_2 w_1^2, w_2 w_1)`` (the coefficients of
    ``x^2`` and ``x``); the limits keep one of the two terms, points of
    the closure which ``mu`` does not reach::

        sage: net = PolynomialCNN([1, 1], activation=t^2 + t)
        sage: net.coordinate_functions(), net.random_parameters(seed=0)
        ([f1_0^2*f2_0, f1_0*f2_0], [2, 3])
    """
    from sage_neuro.architectures.cnn import PolynomialCNN
    if not isinstance(net, PolynomialCNN):
        raise TypeError("net must be a PolynomialCNN, not %r" % (net,))
    sigma = net.activation()
    top = net._activation_degree()
    # the lowest power of t in sigma (1 when sigma'(0) != 0); monomials have no bottom end
    low = Integer(min(e for e in sigma.exponents() if e > 0)) if not isinstance(sigma, Integer) else top
    C = PolynomialRing(QQ, "c").fraction_field()
    c = C.gen()
    names = net.parameter_ring().variable_names()
    layer = [int(x[1:].split("_")[0]) for x in names]
    F = net.coordinate_functions()
    ends = [("top", top)] + ([("bottom", low)] if low != top else [])
    out = []
    for i in range(1, len(net.filters())):
        for end, r in ends:
            for k in range(int(count)):
                th = net.random_parameters(seed=seed + k)
                if end == "bottom":
                    # c -> 0 is c' = 1/c -> oo
                    scaled = [C(v) * (c ** (-1) if l == i else c ** r if l == i + 1 else 1)
                              for v, l in zip(th, layer)]
                else:
                    scaled = [C(v) * (c if l == i else c ** (-r) if l == i + 1 else 1)
                              for v, l in zip(th, layer)]
                point = []
                for g in F:
                    q = g(*scaled)
                    num, den = q.numerator(), q.denominator()
                    if num.degree() > den.degree():
                        raise ArithmeticError("mu diverges along the scaling of layers %d-%d" % (i, i + 1))
                    point.append(num.leading_coefficient() / den.leading_coefficient()
                                 if num.degree() == den.degree() and num != 0 else QQ(0))
                out.append(("layers %d-%d, %s term, seed %d" % (i, i + 1, end, seed + k), point))
    return out


def map_image_multiplicity(G, point, seed=1, prime=SLICE_PRIME):
    r"""
    Return the multiplicity at ``point`` of the closure of the image of the
    polynomial map ``G`` (a list of polynomials over ``QQ`` in ``m``
    variables, generically finite: image of dimension ``m``), over
    ``GF(prime)``: ``(a - c) / b`` with ``a`` the points of a random affine
    section of codimension ``m``, ``c`` those of a random one through
    ``point`` (the fiber over ``point`` removed) and ``b`` the generic fiber,
    all counted in the parameters by libSingular. ``0`` means ``point``
    is not on the closure; ``None`` that ``G`` is not generically finite.

    Used to decide whether a point (e.g. a singular boundary point of a
    neuromanifold) lies on the closure of a subnetwork's image, the map
    ``mu`` restricted to the subnetwork's parameter subspace.

    INPUT:

    - ``G`` -- a non-empty list of polynomials in one polynomial ring over ``QQ``
    - ``point`` -- a list of ``len(G)`` rationals
    - ``seed``, ``prime`` -- of the random sections

    OUTPUT: a Sage Integer or ``None``

    EXAMPLES:

    The cuspidal cubic ``(s^2, s^3)``: multiplicity 2 at the cusp, 1 at
    ``(1, 1)``, 0 off the curve::

        sage: from sage_neuro.invariants.multiplicity import map_image_multiplicity
        sage: S.<s> = QQ[]
        sage: [map_image_multiplicity([s^2, s^3], p) for p in ([0, 0], [1, 1], [1, 2])]
        [2, 1, 0]
        sage: S.<s, u> = QQ[]
        sage: map_image_multiplicity([s*u, s^2*u^2], [1, 1]) is None
        True
    """
    if not G:
        raise ValueError("G must be a non-empty list of polynomials")
    P = G[0].parent()
    m = P.ngens()
    if len(point) != len(G):
        raise ValueError("point must have %d entries (one per polynomial of G), got %d"
                         % (len(G), len(point)))
    K = GF(prime)
    rng = random.Random(1000003 * int(seed) + 29)
    p = K.characteristic()

    def draw():
        return K(rng.randrange(1, p))
    T = PolynomialRing(K, ["t%d" % i for i in range(m)] + ["z"], order="degrevlex")
    ts = T.gens()[:m]
    GK = [P(g).change_ring(K)(*ts) if m > 1 else P(g).change_ring(K)(ts[0]) for g in G]
    at = [draw() for _ in ts] + [T.zero()]
    J = matrix(K, [[g.derivative(v)(*at) for v in ts] for g in GK])
    if J.rank() < m:
        return None
    fK = [K(QQ(x)) for x in point]

    def count(eqs, rabinowitsch=False):
        # z is only used by the punctured section; elsewhere it is set to 0
        I = T.ideal(eqs if rabinowitsch else eqs + [T.gen(m)])
        if I.dimension() > 0:
            raise ArithmeticError("a section is not zero-dimensional (seed %s)" % seed)
        return Integer(I.vector_space_dimension()) if I.dimension() == 0 else Integer(0)
    a = count([sum(draw() * g for g in GK) - draw() for _ in range(m)])
    base = [draw() for _ in ts] + [T.zero()]
    b = count([g - g(*base) for g in GK])
    H = [g - fj for g, fj in zip(GK, fK)]
    c = count([sum(draw() * h for h in H) for _ in range(m)]
              + [T.gen(m) * sum(draw() * h for h in H) - 1], rabinowitsch=True)
    if b == 0 or (a - c) % b:
        raise ArithmeticError("section counts %s, %s not compatible with fiber size %s (seed %s)"
                              % (a, c, b, seed))
    return Integer((a - c) // b)


def _check_where(where):
    # the two sets whose singular points are compared with the subnetworks
    if where not in ("image", "closure"):
        raise ValueError("where must be 'image' (the neuromanifold mu(C^n)) or 'closure' (its "
                         "Zariski closure), not %r" % (where,))
    return where


class ParametrizationCertificate:
    r"""
    The result of :func:`check_singularities_by_parametrization`: how the
    singular locus of a generically finite neuromanifold compares with its
    subnetwork images, without the implicit ideal.

    Two sets are compared with the subnetworks (see :meth:`relation`): the
    singular points of the Zariski closure ``M`` that lie in the image
    ``mu(C^n)`` (``where='image'``, the default: the neuromanifold is the
    image of ``mu``), and all singular points of ``M``
    (``where='closure'``). They differ by the boundary points that are not
    values of ``mu``, decided exactly by
    :func:`~sage_neuro.invariants.image_membership.in_image`.

    Attributes:

    - ``net``, ``degree`` (``deg M``, modular), ``prime``, ``seeds``
    - ``subnetworks`` -- list of triples ``(label, zeroed, multiplicities)``:
      the parameters set to zero by each subnetwork (``None`` for the zero
      network) and the multiplicities of ``M`` at random points of its image
    - ``loci`` -- the :class:`LocusComponent` objects of the rank-drop and
      double-point loci (exact over ``QQ``), each with two more attributes:
      ``subnetworks`` (labels of the subnetworks whose parameter subspace
      contains it, or ``'zero network'`` when ``mu`` vanishes on it: exact
      ideal membership over ``QQ``) and ``multiplicity`` (of ``M`` at the
      image of a random point of it, modular; ``None`` when no rational
      point was drawn)
    - ``boundary`` -- quadruples ``(description, multiplicity, subnetworks,
      in_image)`` at limit points of ``mu`` (:func:`boundary_limit_points`;
      CNNs only); ``subnetworks`` lists, for singular ones, the subnetworks
      whose image closure contains the point
      (:func:`map_image_multiplicity` ``>= 1``, modular); ``in_image``
      says whether the point is a value of ``mu`` over ``CC`` (exact)
    - ``image_memberships`` -- the
      :class:`~sage_neuro.invariants.image_membership.ImageMembership`
      records behind ``in_image``, with their provenance
    - ``seconds``, ``timings`` (per part)

    EXAMPLES::

        sage: from sage_neuro import PolynomialCNN
        sage: from sage_neuro.invariants.multiplicity import check_singularities_by_parametrization
        sage: R.<t> = QQ[]
        sage: C = check_singularities_by_parametrization(PolynomialCNN([2, 2], activation=t^3 - 2*t^2 + 3*t))
        sage: C.relation(), C.relation(where='closure'), C.method
        ('Sing inside subnetworks', 'incomparable', 'modular')
        sage: [(Z.ideal.gens(), Z.multiplicity) for Z in C.singular_loci()]
        [([f1_0, f1_1], 24), ([f2_0, f2_1], 24), ([f1_0, f2_1], 2), ([f1_1, f2_0], 2)]
        sage: [Z.kind for Z in C.loci]
        ['rank drop and double point', 'rank drop and double point', 'double point', 'double point']

    So, where ``mu`` is proper, ``Sing(M)`` is the zero function together
    with the closure of the functions ``c sigma(a x_1)``: the images of the
    two filter pairs with *different* zero taps, ``((0, a), (c, 0))`` and
    ``((a, 0), (0, c))``, which compute the same function. The subnetwork
    images (one tap zero) are generically smooth. On the boundary, the
    linear functions ``sigma'(0) (w_2 * w_1) . x`` (limits with ``w_1 -> 0``,
    ``w_2 -> oo``) are singular points of the closure, in no subnetwork
    image; they are not values of ``mu``, so the neuromanifold's singular
    points lie (strictly) inside the subnetwork images::

        sage: [ms for _, _, ms in C.subnetworks]
        [[1, 1], [1, 1], [1, 1], [1, 1], [24]]
        sage: [(d, m, subs, inside) for d, m, subs, inside in C.boundary if m > 1]
        [('layers 1-2, bottom term, seed 0', 2, [], False), ('layers 1-2, bottom term, seed 1', 2, [], False)]
        sage: C.image_memberships[2].provenance.method
        'proved'
    """

    method = "modular"

    def __init__(self, net, degree, subnetworks, loci, boundary, prime, seeds, seconds, timings,
                 image_memberships=(), nonproper=None):
        self.net = net
        self.degree = degree
        self.subnetworks = subnetworks
        self.loci = loci
        self.boundary = boundary
        self.prime = prime
        self.seeds = tuple(seeds)
        self.seconds = seconds
        self.timings = timings
        self.image_memberships = list(image_memberships)
        self.nonproper = nonproper

    def singular_contains_subnetworks(self):
        r"""
        Return whether ``M`` is singular (multiplicity ``> 1``) at every
        sampled point of every proper subnetwork image (modular). The
        sampled points are values of ``mu``, so the answer is the same on
        the image and on the closure.

        EXAMPLES::

            sage: from sage_neuro import PolynomialCNN
            sage: from sage_neuro.invariants.multiplicity import check_singularities_by_parametrization
            sage: R.<t> = QQ[]
            sage: C = check_singularities_by_parametrization(PolynomialCNN([2, 2], activation=t^3 + t^2 + t))
            sage: C.singular_contains_subnetworks()
            False
        """
        return all(all(m > 1 for m in ms) for _, _, ms in self.subnetworks)

    def loci_in_subnetworks(self):
        r"""
        Return whether every component of the rank-drop and double-point
        loci lies in a subnetwork's parameter subspace or in ``mu^{-1}(0)``
        (exact over ``QQ``).

        EXAMPLES::

            sage: from sage_neuro import PolynomialCNN
            sage: from sage_neuro.invariants.multiplicity import check_singularities_by_parametrization
            sage: R.<t> = QQ[]
            sage: check_singularities_by_parametrization(PolynomialCNN([2, 2], activation=t^3 + t^2 + t)).loci_in_subnetworks()
            True
        """
        return all(bool(Z.subnetworks) for Z in self.loci)

    def image_containment_proved(self):
        r"""
        Return whether ``Sing(M) \cap mu(C^n) \subseteq`` subnetwork
        images is proved exactly: the locus where ``mu`` is not proper was
        computed (``nonproper=True``) and every locus component, its
        preimage included, lies in a subnetwork or in ``mu^{-1}(0)``.

        EXAMPLES::

            sage: from sage_neuro import PolynomialCNN
            sage: from sage_neuro.invariants.multiplicity import check_singularities_by_parametrization
            sage: R.<t> = QQ[]
            sage: net = PolynomialCNN([2, 2], activation=t^3 - 2*t^2 + 3*t)
            sage: check_singularities_by_parametrization(net).image_containment_proved()
            False
            sage: check_singularities_by_parametrization(net, nonproper=True).image_containment_proved()
            True
        """
        return self.nonproper is not None and self.loci_in_subnetworks()

    def boundary_singular(self, where="image"):
        r"""
        Return the sampled boundary points at which ``M`` is singular (their
        descriptions); empty when the test found none. With
        ``where='image'`` (default) only those that are values of ``mu``
        over ``CC`` (exact), with ``where='closure'`` all of them.

        EXAMPLES::

            sage: from sage_neuro import PolynomialCNN
            sage: from sage_neuro.invariants.multiplicity import check_singularities_by_parametrization
            sage: R.<t> = QQ[]
            sage: C = check_singularities_by_parametrization(PolynomialCNN([2, 2], activation=t^3 + t^2 + t))
            sage: C.boundary_singular(), C.boundary_singular(where='closure')
            ([], ['layers 1-2, bottom term, seed 0', 'layers 1-2, bottom term, seed 1'])
            sage: check_singularities_by_parametrization(PolynomialCNN([2, 2], activation=t^3 + t^2)).boundary_singular('closure')
            []
            sage: C.boundary_singular('interior')
            Traceback (most recent call last):
            ...
            ValueError: where must be 'image' (the neuromanifold mu(C^n)) or 'closure' (its Zariski closure), not 'interior'
        """
        closure = _check_where(where) == "closure"
        return [d for d, m, _, inside in self.boundary if m > 1 and (closure or inside)]

    def singular_contained_in_subnetworks(self, where="image"):
        r"""
        Return whether ``Sing(M) \subseteq`` subnetworks was shown: every
        locus component lies in a subnetwork (exact) and every sampled
        singular boundary point -- with ``where='image'`` (default) only
        those that are values of ``mu`` (exact) -- lies in a subnetwork
        image (a test; boundary points not sampled are assumed smooth, off
        the image or in a subnetwork image).

        EXAMPLES::

            sage: from sage_neuro import PolynomialCNN
            sage: from sage_neuro.invariants.multiplicity import check_singularities_by_parametrization
            sage: R.<t> = QQ[]
            sage: C = check_singularities_by_parametrization(PolynomialCNN([2, 2], activation=t^3 + t^2 + t))
            sage: C.singular_contained_in_subnetworks(), C.singular_contained_in_subnetworks('closure')
            (True, False)
            sage: check_singularities_by_parametrization(PolynomialCNN([2, 2], activation=t^3 + t^2)).singular_contained_in_subnetworks('closure')
            True
        """
        closure = _check_where(where) == "closure"
        return self.loci_in_subnetworks() and all(subs for _, m, subs, inside in self.boundary
                                                  if m > 1 and (closure or inside))

    def singular_loci(self):
        r"""
        Return the locus components whose image lies in ``Sing(M)``:
        multiplicity ``> 1`` at the image of a random point (modular).
        ``Sing(M) \cap mu(C^n)`` at points where ``mu`` is proper is the
        union of these images and of singular proper subsets of the
        other components' images (which this test does not see).

        EXAMPLES::

            sage: from sage_neuro import PolynomialCNN
            sage: from sage_neuro.invariants.multiplicity import check_singularities_by_parametrization
            sage: R.<t> = QQ[]
            sage: C = check_singularities_by_parametrization(PolynomialCNN([2, 2], strides=[2, 1], activation=t^3 + t^2 + t))
            sage: [Z.image_dimension for Z in C.singular_loci()]
            [0, 0]
        """
        return [Z for Z in self.loci if Z.multiplicity is not None and Z.multiplicity > 1]

    def relation(self, where="image"):
        r"""
        Return ``'equal'``, ``'Sing contains subnetworks'``, ``'Sing inside
        subnetworks'`` or ``'incomparable'``.

        INPUT:

        - ``where`` -- ``'image'`` (default): compare the singular points
          of ``M`` that lie in the neuromanifold ``mu(C^n)`` (sampled
          boundary points that are not values of ``mu`` are dropped, an
          exact decision; those that are still count); ``'closure'``:
          compare all singular points of the Zariski closure ``M``

        EXAMPLES:

        With ``sigma'(0) != 0`` the closure has singular linear functions
        on its boundary, in no subnetwork image, which are not values of
        ``mu``; without a linear term in ``sigma`` they are smooth::

            sage: from sage_neuro import PolynomialCNN
            sage: from sage_neuro.invariants.multiplicity import check_singularities_by_parametrization
            sage: R.<t> = QQ[]
            sage: C = check_singularities_by_parametrization(PolynomialCNN([2, 2], activation=t^3 + t^2 + t))
            sage: C.relation(), C.relation(where='closure')
            ('Sing inside subnetworks', 'incomparable')
            sage: C = check_singularities_by_parametrization(PolynomialCNN([2, 2], activation=t^3 + t^2))
            sage: C.relation(), C.relation('closure')
            ('Sing inside subnetworks', 'Sing inside subnetworks')
        """
        from sage_neuro.invariants.subnetwork_check import relation
        return relation(self.singular_contains_subnetworks(),
                        self.singular_contained_in_subnetworks(where))

    def lines(self):
        r"""
        Return the certificate as a list of lines of text, each part marked
        ``[proved]``, ``[modular]`` or ``[test]``/``[assumed]``. The first
        line gives both relations (:meth:`relation`): on the image and on
        the closure.

        EXAMPLES::

            sage: from sage_neuro import PolynomialCNN
            sage: from sage_neuro.invariants.multiplicity import check_singularities_by_parametrization
            sage: R.<t> = QQ[]
            sage: print(check_singularities_by_parametrization(PolynomialCNN([2, 2], activation=t^3 + t^2 + t)))
            Sing(M) vs subnetworks of PolynomialCNN([2, 2], activation=t^3 + t^2 + t) by the parametrization: Sing inside subnetworks on the image mu(C^4); incomparable on the closure
              deg M = 24 [modular: p = 32003, seeds (1, 2)]; mu generically finite (dim M = 4 parameters)
              subnetwork PolynomialCNN([1, 2], activation=t^3 + t^2 + t) (last tap of filter 1 zero): multiplicities [1, 1] -> NOT in Sing [modular]
              ...
              zero network: multiplicities [24] -> in Sing [modular]
              rank drop and double point [f1_0, f1_1] (dim 2, image dim 0): in ..., zero network [proved]; multiplicity 24 -> in Sing [modular]
              ...
              double point [f1_0, f2_1] (dim 2, image dim 2): in PolynomialCNN([1, 2], activation=t^3 + t^2 + t) (first tap of filter 1 zero), PolynomialCNN([2, 1], activation=t^3 + t^2 + t) (last tap of filter 2 zero) [proved]; multiplicity 2 -> in Sing [modular]
              ...
              boundary (limits of mu at infinity) layers 1-2, top term, seed 0: multiplicity 1 [modular test]; in mu(C^4): no [proved]
              ...
              boundary (limits of mu at infinity) layers 1-2, bottom term, seed 0: multiplicity 2 -> in Sing of the closure, in NO subnetwork image [modular test]; in mu(C^4): no -> not a point of the image [proved]
              ...
              proved: Sing(M) outside the boundary lies in the images of the loci above (mu is a local isomorphism elsewhere) [proved]
              proved: 4 of the 4 sampled boundary points have no complex preimage (fiber ideal = (1) over QQ) [proved]
              assumed: boundary points of other kinds than those sampled are smooth, not in mu(C^4) or in a subnetwork image (sampled: 4, singular: 2, singular and in mu(C^4): 0)
              times: ...
        """
        n = self.net.num_parameters()
        out = ["Sing(M) vs subnetworks of %r by the parametrization: %s on the image mu(C^%s); "
               "%s on the closure" % (self.net, self.relation("image"), n, self.relation("closure")),
               "  deg M = %s [modular: p = %s, seeds %s]; mu generically finite (dim M = %s parameters)"
               % (self.degree, self.prime, self.seeds, n)]
        for label, _, ms in self.subnetworks:
            out.append("  %s: multiplicities %s -> %s [modular]"
                       % (label if label == "zero network" else "subnetwork " + label, ms,
                          "in Sing" if all(m > 1 for m in ms) else "NOT in Sing"))
        for Z in self.loci:
            where = "in " + ", ".join(Z.subnetworks) if Z.subnetworks else "in NO subnetwork"
            mult = ("multiplicity %s -> %s [modular]" % (Z.multiplicity, "in Sing" if Z.multiplicity > 1
                                                          else "generically smooth")
                    if Z.multiplicity is not None else "multiplicity not sampled (nonlinear component)")
            out.append("  %s %s (dim %s, image dim %s): %s [proved]; %s"
                       % (Z.kind, list(Z.ideal.gens()), Z.dimension, Z.image_dimension, where, mult))
        for d, m, subs, inside in self.boundary:
            where = ""
            if m > 1:
                where = " -> in Sing of the closure, %s" % ("in " + ", ".join(subs) if subs
                                                            else "in NO subnetwork image")
            member = "yes" if inside else "no -> not a point of the image" if m > 1 else "no"
            out.append("  boundary (limits of mu at infinity) %s: multiplicity %s%s [modular test]; "
                       "in mu(C^%s): %s [proved]" % (d, m, where, n, member))
        out.append("  proved: Sing(M) outside the boundary lies in the images of the loci above "
                   "(mu is a local isomorphism elsewhere) [proved]")
        if self.nonproper is not None:
            out.append("  proved: mu is proper off the %d-dimensional set S (%d generators), whose "
                       "preimage is among the loci above, so Sing(M) in mu(C^%s) lies in their images "
                       "%s[proved]" % (self.nonproper.dimension(), len(self.nonproper.gens()), n,
                                      "and in subnetwork images " if self.image_containment_proved()
                                      else ""))
        if self.boundary:
            outside = sum(1 for b in self.boundary if not b[3])
            out.append("  proved: %d of the %d sampled boundary points have no complex preimage "
                       "(fiber ideal = (1) over QQ) [proved]" % (outside, len(self.boundary)))
            if self.nonproper is not None:
                out.append("  assumed, for the closure only: boundary points of other kinds than those "
                           "sampled are smooth or in a subnetwork image (sampled: %d, singular: %d)"
                           % (len(self.boundary), len(self.boundary_singular("closure"))))
            else:
                out.append("  assumed: boundary points of other kinds than those sampled are smooth, "
                           "not in mu(C^%s) or in a subnetwork image (sampled: %d, singular: %d, "
                           "singular and in mu(C^%s): %d)"
                           % (n, len(self.boundary), len(self.boundary_singular("closure")),
                              n, len(self.boundary_singular("image"))))
        else:
            out.append("  assumed: mu is proper over Sing(M) (boundary not tested for %s)"
                       % type(self.net).__name__)
        out.append("  times: " + ", ".join("%s %.2f s" % kv for kv in self.timings.items()))
        return out

    def __repr__(self):
        return "\n".join(self.lines())

    def as_dict(self):
        r"""
        Return a JSON-friendly summary: ``relation`` is the one on the
        image, ``relation_closure`` the one on the closure; ``boundary``
        lists ``[description, multiplicity, subnetworks, in_image]``.

        EXAMPLES::

            sage: from sage_neuro import PolynomialCNN
            sage: from sage_neuro.invariants.multiplicity import check_singularities_by_parametrization
            sage: R.<t> = QQ[]
            sage: d = check_singularities_by_parametrization(PolynomialCNN([2, 2], activation=t^3 + t^2 + t)).as_dict()
            sage: d['relation'], d['relation_closure'], d['singular_loci'], d['boundary_singular'], d['boundary_singular_closure']
            ('Sing inside subnetworks',
             'incomparable',
             [[[2, 0], 'f1_0, f1_1'], [[2, 0], 'f2_0, f2_1'], [[2, 2], 'f1_0, f2_1'], [[2, 2], 'f1_1, f2_0']],
             0,
             2)
            sage: d['boundary'][2], d['in_image_method']
            (['layers 1-2, bottom term, seed 0', 2, [], False], 'proved')
        """
        return {"relation": self.relation("image"), "relation_closure": self.relation("closure"),
                "method": self.method, "degree": int(self.degree),
                "subnetworks_in_sing": [[label, [int(m) for m in ms]] for label, _, ms in self.subnetworks],
                "singular_loci": [[[int(Z.dimension), int(Z.image_dimension)],
                                   ", ".join(str(g) for g in Z.ideal.gens())] for Z in self.singular_loci()],
                "boundary": [[d, int(m), list(subs), bool(inside)] for d, m, subs, inside in self.boundary],
                "boundary_singular": len(self.boundary_singular("image")),
                "boundary_singular_closure": len(self.boundary_singular("closure")),
                "in_image_method": "proved",
                "seconds": round(float(self.seconds), 3)}


def _progress(verbose, what, seconds):
    if verbose:
        print("  done: %s (%.2f s)" % (what, seconds), flush=True)


def _merge_locus(loci, Z):
    # one entry per ideal: a component found by two routes gets both kinds
    same = next((Y for Y in loci if Y.ideal == Z.ideal), None)
    if same is None:
        loci.append(Z)
    elif Z.kind not in same.kind:
        same.kind += " and " + Z.kind


def check_singularities_by_parametrization(net, seeds=(1, 2), prime=SLICE_PRIME, points=2,
                                           seed=0, timeout=None, boundary_points=2, verbose=False,
                                           nonproper=False):
    r"""
    Compare ``Sing(M)`` with the subnetwork images of ``net`` without the
    implicit ideal, for a generically finite parametrization (``dim M`` =
    number of parameters: CNNs with a non-monomial activation), and return
    a :class:`ParametrizationCertificate`.

    Parts (see the module documentation):

    (a) *subnetworks in Sing*: multiplicity of ``M`` at ``points`` random
        points of each subnetwork image (first/last tap of a filter zero,
        :func:`~sage_neuro.invariants.subnetwork_check.subnetwork_embeddings`)
        and at the zero function (modular);
    (b) *Sing in subnetworks*: the rank-drop locus of ``d mu`` and the
        double-point locus (minimal primes over ``QQ``) are each shown, by
        exact ideal membership, to lie in a subnetwork's parameter subspace
        or in ``mu^{-1}(0)``; outside these loci and the boundary, ``mu`` is
        a local isomorphism onto ``M``, so ``M`` is smooth there (exact).
        The multiplicity at a random point of each component's image says
        which of them are singular (modular);
    (c) the *boundary*, where ``mu`` is not proper: tested (not proved) by
        multiplicities at limit points (:func:`boundary_limit_points`,
        CNNs only; for other families it is assumed); whether each limit
        point is a value of ``mu`` at all is decided exactly
        (:func:`~sage_neuro.invariants.image_membership.in_image`), which
        separates the relation on the image ``mu(C^n)`` from the one on the
        closure (:meth:`ParametrizationCertificate.relation`).

    INPUT:

    - ``net`` -- an architecture with generically finite ``mu``
    - ``seeds``, ``prime`` -- of the multiplicity counts
    - ``points`` -- random points per subnetwork image
    - ``seed`` -- first seed of the random points
    - ``timeout`` -- seconds for the Macaulay2 call of the rank-drop locus
    - ``boundary_points`` -- limit points per pair of layers (``0``: none)
    - ``verbose`` -- print one line per part as it finishes (the larger
      cases take tens of seconds; every part can be interrupted)
    - ``nonproper`` -- also compute where ``mu`` is not proper
      (:func:`nonproper_locus`; seconds for CNN ``[2, 2]``, minutes beyond)
      and add the components of its preimage to the loci: then ``Sing(M)
      \cap mu(C^n)`` inside the loci' images is *proved*, the boundary is
      no longer assumed (:meth:`ParametrizationCertificate.image_containment_proved`)

    OUTPUT: a :class:`ParametrizationCertificate`

    EXAMPLES::

        sage: from sage_neuro import PolynomialCNN
        sage: from sage_neuro.invariants.multiplicity import check_singularities_by_parametrization
        sage: R.<t> = QQ[]
        sage: C = check_singularities_by_parametrization(PolynomialCNN([2, 2], activation=t^2 + t))
        sage: C.relation(), C.relation('closure'), C.degree
        ('Sing inside subnetworks', 'incomparable', 9)
        sage: _ = check_singularities_by_parametrization(PolynomialCNN([2, 2], strides=[2, 1], activation=t^2 + t), verbose=True)
          done: subnetwork multiplicities (... s)
          done: rank-drop locus (... s)
          done: double-point locus (... s)
          done: containments and locus multiplicities (... s)
          done: boundary test (... s)
        sage: check_singularities_by_parametrization(PolynomialCNN([2, 2]))
        Traceback (most recent call last):
        ...
        ValueError: net must have a generically finite parametrization (dim M = 3 < 4 parameters); the parametrization route needs finite generic fibers
    """
    from sage_neuro.architectures.base import Architecture
    from sage_neuro.architectures.cnn import PolynomialCNN
    from sage_neuro.invariants.image_membership import in_image
    from sage_neuro.invariants.subnetwork_check import subnetwork_embeddings
    if not isinstance(net, Architecture):
        raise TypeError("net must be an Architecture (e.g. PolynomialCNN([2, 2], activation=t^3 + t)), "
                        "not %r" % (net,))
    M = net.neuromanifold()
    d = M.dimension()
    n = net.num_parameters()
    if d != n:
        raise ValueError("net must have a generically finite parametrization (dim M = %s < %s "
                         "parameters); the parametrization route needs finite generic fibers" % (d, n))
    R = net.parameter_ring()
    F = net.coordinate_functions()
    timings = {}

    def mult(theta=None, point=None):
        return local_multiplicity(net, theta, seeds=seeds, prime=prime, point=point)

    with stopwatch() as total:
        with stopwatch() as t:
            subs, phis = [], []
            for label, sub, phi in subnetwork_embeddings(net):
                phis.append(phi)
                zeroed = [j for j, g in enumerate(phi) if g == 0]
                ms = []
                for k in range(int(points)):
                    th = sub.random_parameters(seed=seed + k)
                    ms.append(mult([g(*th) for g in phi]).value)
                subs.append((label, zeroed, ms))
            zero = mult([0] * int(n))
            subs.append(("zero network", None, [zero.value]))
        timings["subnetworks"] = t[0]
        _progress(verbose, "subnetwork multiplicities", t[0])
        with stopwatch() as t:
            loci = rank_drop_locus(net, timeout=timeout)
        timings["rank drop locus"] = t[0]
        _progress(verbose, "rank-drop locus", t[0])
        with stopwatch() as t:
            for Z in double_point_locus(net):
                _merge_locus(loci, Z)
        timings["double point locus"] = t[0]
        _progress(verbose, "double-point locus", t[0])
        S = None
        if nonproper:
            with stopwatch() as t:
                S, components = nonproper_locus(net)
                for Z in components:
                    _merge_locus(loci, Z)
            timings["non-proper locus"] = t[0]
            _progress(verbose, "non-proper locus", t[0])
        with stopwatch() as t:
            for k, Z in enumerate(loci):
                G = Z.ideal.groebner_basis()
                Z.subnetworks = [label for label, zeroed, _ in subs
                                 if zeroed is not None and all(R.gen(j).reduce(G) == 0 for j in zeroed)]
                if all(f.reduce(G) == 0 for f in F):
                    Z.subnetworks.append("zero network")
                th = _random_point_on(Z.ideal, seed + k)
                Z.multiplicity = mult(th).value if th is not None else None
        timings["containments and locus multiplicities"] = t[0]
        _progress(verbose, "containments and locus multiplicities", t[0])
        with stopwatch() as t:
            boundary, memberships = [], []
            if isinstance(net, PolynomialCNN) and boundary_points:
                for desc, p in boundary_limit_points(net, seed=seed, count=boundary_points):
                    m = mult(point=p).value
                    member = in_image(net, p)
                    memberships.append(member)
                    inside = []
                    if m > 1:
                        if all(x == 0 for x in p):
                            inside.append("zero network")
                        for (label, _, _), phi in zip(subs, phis):
                            G = [f(*phi) for f in F]
                            if all(g.is_constant() for g in G):
                                continue
                            v = map_image_multiplicity(G, p, seed=seeds[0], prime=prime)
                            if v is not None and v >= 1:
                                inside.append(label)
                    boundary.append((desc, m, inside, member.value))
        timings["boundary test"] = t[0]
        _progress(verbose, "boundary test", t[0])
    return ParametrizationCertificate(net, zero.degree, subs, loci, boundary, prime, seeds, total[0],
                                      timings, image_memberships=memberships, nonproper=S)
