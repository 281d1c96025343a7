r"""
Identifiability: is the generic fiber of ``mu`` exactly the orbit of the
known symmetry group (:meth:`Architecture.symmetries`)?

The check computes the fiber ``mu^{-1}(mu(theta))`` at a random rational
``theta`` with nonzero entries exactly over ``QQ`` (its minimal primes in
Macaulay2) and compares it with the orbit of ``theta``:

- the orbit lies in the fiber, because every symmetry listed by
  :meth:`Architecture.symmetries` preserves ``mu`` (by construction; this
  module does not re-check it);
- the orbit of a rational point is a finite union of ``k`` irreducible
  components defined over ``QQ`` and irreducible over the complex numbers
  (the translates of the orbit of the identity component of the group,
  an irreducible rational variety, by the finitely many components of the
  group: neuron permutations and, for non-monomial even or odd activations,
  sign changes), each of dimension ``symmetry_dimension()``;
- so if the fiber has dimension ``symmetry_dimension()``, is equidimensional
  and has exactly ``k`` minimal primes over ``QQ``, each of them *is* an
  orbit component (a ``QQ``-component containing an absolutely irreducible
  ``QQ``-component of the same dimension equals it), and the fiber equals
  the orbit as a set. This is exact over ``QQ`` for that ``theta``
  (Groebner bases, no floating point); that ``theta`` is generic is the
  random part.

Conversely a fiber of larger dimension, or with more components, shows
that the fiber at that ``theta`` is *not* its orbit. Neither verdict is a
proof for the *generic* fiber: fiber dimension is only upper
semicontinuous (the points with larger fibers form a closed set, which a
random point may hit), and the number of components of a fiber can change
on a closed set too. So the provenance is ``'exact_random'``: exact
arithmetic over ``QQ`` at one random choice, the point ``theta`` (recorded
with its seed). No bound on the chance of a bad ``theta`` is known here
(it would need the degree of the bad locus), so ``failure_probability`` is
``None``; a second ``seed`` is the cheap way to gain confidence.

With ``prove=True`` the dimension of the generic fiber is *proved*: it is
``N - dim M`` (``N`` parameters; fiber dimension theorem for the dominant
map onto the closure ``M``), with ``dim M`` the Krull dimension of the
implicit ideal over ``QQ`` (proved by substitution, see
:mod:`sage_neuro.invariants.implicit`). If it exceeds the dimension of the
symmetry group, which bounds the dimension of every orbit, the generic
fiber is not the orbit -- a proof (``'proved'``), e.g. for the
Alexander-Hirschowitz defective MLP ``[3, 2, 1]`` with ``t^2``. If the
fiber at ``theta`` is larger than that, ``theta`` was special and the
check is undecided (``is_orbit = None``; another seed decides). A
positive verdict stays ``'exact_random'``: the component count is still
read at ``theta``.

The number ``k`` of components of the group used here:

- linear networks, attention (``GL`` and torus actions): ``1``;
- MLPs with ``sigma = t^r``, ``r >= 2``: ``prod d_i!`` over the hidden
  layers (neuron permutations; sign changes lie in the rescaling torus);
  other polynomial activations: ``prod d_i!`` times ``2^{d_i}`` when
  ``sigma`` is even or odd (with bias, shifted monomials such as every
  quadratic count as ``t^r``). With skip connections the products run over
  the layers without skip (:meth:`~sage_neuro.architectures.mlp.PolynomialMLP.rescalable_layers`),
  times, for the ``D`` neurons of the skip layers, ``2^D`` (an even
  ``sigma``: sign changes of rows of ``W_i``) or, for ``sigma = t^r``, the
  number of Galois orbits of ``mu_r^D`` (rows times ``r``-th roots of unity;
  ``(3^D + 1)/2`` for ``r = 3``); unknown (``None``, verdict undecided)
  when rescalings extend through skip layers;
- CNNs: ``1`` (rescaling torus), times ``2^{L-1}`` for a non-monomial even
  or odd activation.

EXAMPLES::

    sage: from sage_neuro import PolynomialMLP
    sage: R = PolynomialMLP([1, 2, 1], activation='generic', activation_degree=4).check_generic_fiber_is_orbit()
    sage: R.is_orbit, R.fiber_dimension, R.fiber_components, R.orbit_components
    (True, 0, 2, 2)
"""

import random as _random

from sage.arith.misc import factorial, gcd
from sage.rings.integer import Integer
from sage.rings.rational_field import QQ

from sage_neuro.provenance import Provenance, stopwatch


def _parity(sigma):
    # 'even', 'odd' or None for a univariate polynomial
    c = list(sigma)
    if all(x == 0 for x in c[1::2]):
        return "even"
    if all(x == 0 for x in c[0::2]):
        return "odd"
    return None


def orbit_component_count(net):
    r"""
    Return the number of irreducible components of the orbit of a generic
    parameter point under the known symmetry group (see the module
    documentation for the count per family).

    EXAMPLES::

        sage: from sage_neuro import PolynomialMLP, PolynomialCNN, LinearNetwork
        sage: from sage_neuro.invariants.identifiability import orbit_component_count
        sage: orbit_component_count(PolynomialMLP([3, 2, 3, 1]))
        12
        sage: R.<t> = QQ[]
        sage: orbit_component_count(PolynomialMLP([2, 2, 1], activation=t^3 + t))
        8
        sage: orbit_component_count(PolynomialCNN([2, 2, 2], activation=t^4 + t^2))
        4
        sage: orbit_component_count(LinearNetwork([4, 2, 3]))
        1
        sage: orbit_component_count(PolynomialMLP([2, 2, 2], skip=True))
        4
        sage: orbit_component_count(PolynomialMLP([2, 2, 2], activation=3, skip=True))
        5
        sage: orbit_component_count(PolynomialMLP([3, 2, 2, 1], activation=3, skip=True)) is None
        True
    """
    from sage_neuro.architectures.mlp import PolynomialMLP
    from sage_neuro.architectures.cnn import PolynomialCNN
    if isinstance(net, PolynomialMLP):
        if net.has_monomial_activation() and net.activation_degree() == 1:
            return Integer(1)
        w = net.widths()
        k = Integer(1)
        torus = net.rescaling_center() is not None
        skips = net.skip_layers()
        if torus and any(i - 1 in net.rescalable_layers() for i in skips):
            # rescalings extended through skip layers: the group
            # {(lambda, mu) : mu^r = lambda} has r^(neurons) components
            # over CC, whose orbits need not be defined over QQ
            return None
        par = _parity(net.activation())
        for i in net.rescalable_layers():
            k *= factorial(w[i])
            if par is not None and not torus:
                k *= Integer(2) ** w[i]
        D = sum(w[i] for i in skips)
        if D and net.has_monomial_activation():
            # rows of W_i at skip layers times r-th roots of unity; Galois
            # (the units u of Z/r, zeta -> zeta^u) joins them into orbits
            # over QQ, counted by Burnside on (Z/r)^D
            r = int(net.activation_degree())
            units = [u for u in range(1, r + 1) if gcd(u, r) == 1]
            k *= Integer(sum(gcd(u - 1, r) ** D for u in units)) / len(units)
        elif D and par == "even":
            # sign changes of the rows of W_i at skip layers
            k *= Integer(2) ** D
        return k
    if isinstance(net, PolynomialCNN):
        if net.is_monomial_activation():
            return Integer(1)
        par = _parity(net.activation())
        return Integer(2) ** (len(net.filters()) - 1) if par is not None else Integer(1)
    return Integer(1)


class OrbitCheck:
    r"""
    The result of :func:`check_generic_fiber_is_orbit`.

    Attributes: ``net``, ``theta`` (the rational point used), ``seed``
    (``None`` when ``theta`` was given),
    ``fiber_dimension``, ``component_dimensions`` (of the minimal primes),
    ``fiber_components`` (their number, over ``QQ``), ``orbit_dimension``
    (``symmetry_dimension()``, the dimension of the group), ``orbit_components``
    (:func:`orbit_component_count`), ``is_orbit`` (``True`` / ``False`` /
    ``None`` when undecided: the fiber is smaller than the group, whose
    stabilizers are then positive-dimensional, or ``theta`` was found
    special), ``generic_fiber_dimension`` (proved, with ``prove=True``;
    else ``None``),
    ``reason`` (a sentence), ``provenance`` (a
    :class:`~sage_neuro.provenance.Provenance`), ``method`` (its level of
    certainty, ``provenance.method``).

    EXAMPLES::

        sage: from sage_neuro import PolynomialMLP
        sage: R = PolynomialMLP([3, 2, 1]).check_generic_fiber_is_orbit(); R
        generic fiber of PolynomialMLP([3, 2, 1], activation=2) is NOT the symmetry orbit: fiber dimension 3 > orbit dimension 2  [exact_random: seeds (0,); random: the parameter point theta = ...; ... s]
        sage: R.method, R.provenance.is_proved()
        ('exact_random', False)
        sage: P = PolynomialMLP([3, 2, 1]).check_generic_fiber_is_orbit(prove=True)
        sage: P.is_orbit, P.generic_fiber_dimension, P.provenance.method
        (False, 3, 'proved')
        sage: P.provenance.certificate
        'generic fiber dimension 8 - dim M = 8 - 5 = 3 (dim M: Krull dimension of the implicit ideal over QQ) > 2 = dimension of the symmetry group, which bounds every orbit'
    """

    def __init__(self, net, theta, seed, fdim, cdims, orbit_dim, orbit_comps, seconds,
                 image_dimension=None):
        self.net = net
        self.theta = theta
        self.seed = seed
        self.fiber_dimension = Integer(fdim)
        self.component_dimensions = [Integer(c) for c in cdims]
        self.fiber_components = Integer(len(cdims))
        self.orbit_dimension = Integer(orbit_dim)
        self.orbit_components = None if orbit_comps is None else Integer(orbit_comps)
        if self.fiber_dimension > self.orbit_dimension:
            self.is_orbit = False
            self.reason = "fiber dimension %s > orbit dimension %s" % (fdim, orbit_dim)
        elif self.fiber_dimension < self.orbit_dimension:
            # the orbit lies in the fiber: the group has positive-dimensional
            # stabilizers and its orbit dimension is not known here
            self.is_orbit = None
            self.reason = ("undecided: fiber dimension %s < group dimension %s (positive-dimensional "
                           "stabilizers; the orbit dimension is not computed)" % (fdim, orbit_dim))
        elif any(c != fdim for c in cdims):
            self.is_orbit = False
            self.reason = "the fiber has components of dimensions %s (not equidimensional)" % sorted(cdims)
        elif orbit_comps is None:
            self.is_orbit = None
            self.reason = ("undecided: fiber and group have dimension %s, the fiber %d components; "
                           "the number of components of the orbit is not known" % (fdim, len(cdims)))
        elif len(cdims) != orbit_comps:
            self.is_orbit = False
            self.reason = "the fiber has %d components over QQ, the orbit %s" % (len(cdims), orbit_comps)
        else:
            self.is_orbit = True
            self.reason = ("fiber and orbit have dimension %s and %s components, all of that "
                           "dimension" % (fdim, orbit_comps))
        method, certificate, note = "exact_random", "", "exact over QQ at theta; that theta is generic is not proved"
        self.generic_fiber_dimension = None
        if image_dimension is not None:
            # proved: the generic fiber of mu onto its closure M has dimension N - dim M
            N = Integer(net.num_parameters())
            g = self.generic_fiber_dimension = N - Integer(image_dimension)
            if g > self.orbit_dimension:
                self.is_orbit = False
                self.reason = "generic fiber dimension %s > orbit dimension %s" % (g, orbit_dim)
                method = "proved"
                certificate = ("generic fiber dimension %s - dim M = %s - %s = %s (dim M: Krull "
                               "dimension of the implicit ideal over QQ) > %s = dimension of the "
                               "symmetry group, which bounds every orbit"
                               % (N, N, image_dimension, g, orbit_dim))
                note = "the fiber at theta has dimension %s" % fdim
            elif self.fiber_dimension > g:
                self.is_orbit = None
                self.reason = ("undecided: theta is special, its fiber has dimension %s > %s, the "
                               "proved generic fiber dimension; use another seed" % (fdim, g))
            else:
                note += "; the generic fiber dimension %s is proved (N - dim M)" % g
        # exact over QQ at theta, but the verdict is about the generic fiber:
        # theta may lie on the closed set where fibers jump (see the module
        # documentation), and no bound on that chance is known here
        self.provenance = Provenance("generic_fiber_is_orbit", self.is_orbit, method,
                                     seeds=(seed,) if seed is not None else (), seconds=seconds,
                                     route="minimal primes of the fiber over QQ at a random rational "
                                           "point (Macaulay2), compared with the symmetry orbit",
                                     choices="the parameter point theta = %s%s" % (
                                         tuple(theta), " (given)" if seed is None else
                                         " (nonzero integers in [-9, 9], seed %s)" % seed),
                                     failure_probability=None, certificate=certificate,
                                     note=note)
        # the level of certainty of the verdict, as on the other certificates
        self.method = method

    def __repr__(self):
        verb = {True: "is", False: "is NOT", None: "may or may not be"}[self.is_orbit]
        return "generic fiber of %r %s the symmetry orbit: %s  [%s]" % (
            self.net, verb, self.reason, self.provenance.summary())


def check_generic_fiber_is_orbit(net, theta=None, seed=0, timeout=None, prove=False):
    r"""
    Decide, at a random rational parameter point, whether the fiber of
    ``mu`` is exactly the orbit of the known symmetry group (see the module
    documentation for the argument).

    INPUT:

    - ``net`` -- an architecture
    - ``theta`` -- (default: random nonzero integers in ``[-9, 9]`` from
      ``seed``) a rational parameter point
    - ``seed`` -- seed of the random point
    - ``timeout`` -- seconds per Macaulay2 call
    - ``prove`` -- (default ``False``) also compute ``dim M`` from the
      implicit ideal over ``QQ``, which proves the generic fiber dimension
      and, when it exceeds the group dimension, the negative verdict (see
      the module documentation); costs the implicit ideal

    OUTPUT: an :class:`OrbitCheck`

    EXAMPLES::

        sage: from sage_neuro import LinearNetwork, PolynomialCNN
        sage: from sage_neuro.invariants.identifiability import check_generic_fiber_is_orbit
        sage: check_generic_fiber_is_orbit(LinearNetwork([3, 2, 3])).is_orbit
        True
        sage: check_generic_fiber_is_orbit(PolynomialCNN([2, 2])).is_orbit
        True
        sage: check_generic_fiber_is_orbit(LinearNetwork([2, 3, 2]))   # GL(3) with 1-dimensional stabilizers
        generic fiber of LinearNetwork([2, 3, 2]) is the symmetry orbit: fiber and orbit have dimension 8 and 1 components, all of that dimension ...

    The linear CNN with two filters of size 2 multiplies two linear
    polynomials; swapping their roots is a symmetry that
    :meth:`~sage_neuro.architectures.cnn.PolynomialCNN.symmetries` does not
    list, and the check finds it::

        sage: check_generic_fiber_is_orbit(PolynomialCNN([2, 2], activation=1))
        generic fiber of PolynomialCNN([2, 2], activation=1) is NOT the symmetry orbit: the fiber has 2 components over QQ, the orbit 1 ...
        sage: check_generic_fiber_is_orbit(PolynomialCNN([2, 2]), theta=[1, 2])
        Traceback (most recent call last):
        ...
        ValueError: theta must have 4 entries (one per parameter), got 2
    """
    from sage_neuro.architectures.base import Architecture
    from sage_neuro.invariants.fiber import Fiber
    from sage_neuro.invariants.implicit import ideal_dimension_degree
    if not isinstance(net, Architecture):
        raise TypeError("net must be an Architecture (e.g. LinearNetwork([4, 2, 3])), not %r" % (net,))
    drawn = theta is None
    if drawn:
        rng = _random.Random(int(seed))
        choices = [k for k in range(-9, 10) if k != 0]
        theta = [QQ(rng.choice(choices)) for _ in range(int(net.num_parameters()))]
    with stopwatch() as t:
        F = Fiber(net, theta, timeout=timeout)
        fdim = F.dimension()
        cdims = [ideal_dimension_degree(P, timeout=timeout)[0] for P in F.components()]
        image_dim = None
        if prove:
            I = net.neuromanifold().ideal(timeout=timeout)
            image_dim = ideal_dimension_degree(I, timeout=timeout)[0]
    return OrbitCheck(net, F._theta, seed if drawn else None, fdim, cdims, net.symmetry_dimension(),
                      orbit_component_count(net), t[0], image_dimension=image_dim)
