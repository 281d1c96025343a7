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
  for some theta' != theta}`` (:func:`~sage_neuro.invariants.parametrization_loci.double_point_locus`: the ideal of
  ``mu(t) = mu(s)`` saturated by the diagonal, ``s`` eliminated, minimal
  primes over ``QQ``), and
- the points of ``M`` over which ``mu`` is not proper (the *boundary*:
  limits of parameters going to infinity, e.g. ``M \ mu(C^n)``).

The checker :func:`~sage_neuro.invariants.parametrization_certificate.check_singularities_by_parametrization` proves the
first two parts of ``Sing \subseteq`` subnetworks exactly (each locus
component lies, as an ideal over ``QQ``, in a subnetwork's parameter
subspace or in ``mu^{-1}(0)``), tests ``Sing \supseteq`` subnetworks by
multiplicities at random points of each subnetwork image (modular), and
*tests* the boundary, for CNNs, by multiplicities at random limit points
``lim_{c \to \infty} mu(c w_1, c^{-r} w_2, \dots)`` (modular; a test,
not a proof that every boundary point was seen). With ``nonproper=True``
it also computes the set ``S`` over which ``mu`` is not proper
(:func:`~sage_neuro.invariants.parametrization_loci.nonproper_locus`, exact; seconds for CNN ``[2, 2]``) and adds the
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


# the loci of the parametrization and the certificate of the route to
# Sing(M) live in modules of their own; their names stay importable here
from sage_neuro.invariants.parametrization_loci import (  # noqa: E402,F401
    LocusComponent, boundary_limit_points, double_point_locus, image_dimension,
    nonproper_locus, rank_drop_locus)
from sage_neuro.invariants.parametrization_certificate import (  # noqa: E402,F401
    ParametrizationCertificate, check_singularities_by_parametrization)
