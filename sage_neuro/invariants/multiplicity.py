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
not a proof that every boundary point was seen).

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

from sage_neuro.invariants.slicing import SLICE_PRIME, _singular_degree_count, slice_pivots
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
    # slice points t (kept parameters free, the others random constants)
    # with mu(t) in f + V, mu(t) != f; V a random codim-len(kept) subspace
    rng = random.Random(1000003 * int(seed) + 17)
    p = K.characteristic()

    def draw():
        return K(rng.randrange(1, p))
    n = int(net.num_parameters())
    T = PolynomialRing(K, ["t%d" % i for i in range(len(kept))] + ["z"], order="degrevlex")
    position = {j: i for i, j in enumerate(kept)}
    point = [T.gen(position[j]) if j in position else draw() for j in range(n)]
    G = [g(point) - fj for g, fj in zip(net.coordinate_functions(K), f)]
    eqs = [sum(draw() * g for g in G) for _ in kept]
    eqs.append(T.gen(len(kept)) * sum(draw() * g for g in G) - 1)
    I = T.ideal(eqs)
    if I.dimension() > 0:
        raise ArithmeticError("the punctured linear section is not zero-dimensional "
                              "(seed %s): a non-generic draw; try other seeds" % seed)
    return Integer(I.vector_space_dimension()) if I.dimension() == 0 else Integer(0)


_DEGREE_CACHE = {}


def _degree_and_fiber(net, kept, seed, K):
    key = (net, tuple(kept), int(seed), K.characteristic())
    if key not in _DEGREE_CACHE:
        a, b = _singular_degree_count(net, kept, seed, K)
        if b == 0 or a % b:
            raise ArithmeticError("slice count %s is not a multiple of the fiber size %s "
                                  "(seed %s): a non-generic draw; try other seeds" % (a, b, seed))
        _DEGREE_CACHE[key] = (a // b, b)
    return _DEGREE_CACHE[key]


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
    with stopwatch() as t:
        kept = slice_pivots(net, seed=seeds[0])[0]
        values, counts = [], []
        for seed in seeds:
            deg, b = _degree_and_fiber(net, kept, seed, K)
            c = _section_count(net, kept, fK, seed, K)
            if c % b:
                raise ArithmeticError("the punctured section count %s is not a multiple of the "
                                      "fiber size %s (seed %s): a non-generic draw" % (c, b, seed))
            values.append(deg - c // b)
            counts.append(c)
        if len(set(values)) != 1 or values[0] < 0:
            raise ArithmeticError("the seeds %s gave multiplicities %s; a non-generic draw "
                                  "(rerun with other seeds)" % (seeds, values))
    route = ("deg M minus the points of M on a random affine linear space of codimension "
             "dim M through the point, counted on a coordinate slice (%d of %d parameters free) "
             "with a Rabinowitsch variable removing the fiber over the point; libSingular"
             % (len(kept), net.num_parameters()))
    prov = Provenance("multiplicity", values[0], "modular", primes=(prime,), seeds=seeds,
                      seconds=t[0], route=route,
                      note="deg M = %s, generic slice fiber %s, section counts %s" % (deg, b, counts))
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
        [rank drop component of dimension 2 (image dimension 0): [f2_1, f2_0],
         rank drop component of dimension 2 (image dimension 0): [f1_1, f1_0]]
    """
    from sage_neuro.invariants.critical import jacobian_rank_drop_locus
    return [LocusComponent(net, "rank drop", C.ideal(), C.dimension(), C.image_dimension())
            for C in jacobian_rank_drop_locus(net, timeout=timeout)]


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
