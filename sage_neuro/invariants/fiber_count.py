r"""
Generic fiber = symmetry orbit, decided by counting points modulo a prime.

At a random point ``theta`` of ``GF(p)^N`` the fiber ``F = mu^{-1}(mu(theta))``
contains the orbit ``O`` of ``theta`` under the known symmetry group ``G``
(:meth:`Architecture.symmetries`), whose identity component ``G^0`` has
dimension ``s = symmetry_dimension()`` and whose orbit has ``k`` components
(:func:`~sage_neuro.invariants.identifiability.orbit_component_count`).
Instead of decomposing ``F`` (the route of
:func:`~sage_neuro.invariants.identifiability.check_generic_fiber_is_orbit`),
this module

1. reads the dimension of ``F`` at ``theta`` from the rank of the Jacobian
   of ``mu`` there, ``N - rank d mu(theta)``: larger than ``s`` means the
   fiber is larger than the orbit (the verdict ``no``); smaller means
   positive-dimensional stabilizers (undecided);
2. cuts ``F`` by a *gauge* (:func:`symmetry_gauge`): ``s`` affine-linear
   equations through ``theta`` that meet every ``G^0``-orbit near
   ``theta`` exactly once (a random linear form on the incoming weights of
   every neuron that can be rescaled; ``W R = W(theta) R`` for a random
   matrix ``R`` where ``GL`` acts on ``W``), so that the orbit meets the
   gauge in exactly ``k`` points (one per element of the finite part of
   ``G``, e.g. the neuron permutations);
3. counts the solutions of the gauge-fixed fiber system mod ``p`` with
   multiplicity (the ``GF(p)``-dimension of the quotient by the ideal, a
   Groebner basis in Singular).

If the gauged fiber is finite and its degree is exactly ``k``, then its
points are the ``k`` orbit points and each is a reduced point, i.e. a
smooth point of the fiber scheme: every component of ``F`` meeting the
gauge is an orbit component. A component of a generic fiber missing the
gauge would lie in the hypersurface where a gauge form vanishes on a row
(or where ``W R`` is singular); the fibers of ``mu`` restricted to that
hypersurface have dimension ``s - 1`` over generic points, so for generic
``theta`` every component of ``F`` (all of dimension ``N - dim M = s``)
meets the gauge. Hence ``F = O`` at ``theta``. If the gauged fiber has
more than ``k`` distinct points, ``F`` has points outside ``O``: the
verdict is ``no``. Other outcomes (positive-dimensional gauged fiber,
non-reduced or missing orbit points) leave the verdict undecided: ``theta``
was special or the gauge does not fit.

Everything is over ``GF(p)`` at random choices (``theta``, the gauge
forms), so the certainty is ``'modular'`` with the prime and the seed; no
bound on the chance of a special draw is known here (it needs the degree
of the loci where fibers jump), so ``failure_probability`` is ``None``.

EXAMPLES::

    sage: from sage_neuro import LinearNetwork, PolynomialMLP
    sage: from sage_neuro.invariants.fiber_count import count_generic_fiber
    sage: R = count_generic_fiber(LinearNetwork([3, 2, 3])); R.is_orbit, R.method
    (True, 'modular')
    sage: count_generic_fiber(PolynomialMLP([2, 2, 1], activation=3)).gauged_degree
    2
"""

import random as _random

from sage.rings.finite_rings.finite_field_constructor import GF
from sage.rings.integer import Integer

from sage_neuro.constants import FIBER_COUNT_PRIME
from sage_neuro.provenance import Provenance, stopwatch
from sage_neuro.validation import check_prime


def _rows(names, prefix):
    # the rows of a weight matrix named prefix + "<row>_<col>", in order
    rows = {}
    for n in names:
        if n.startswith(prefix):
            r, c = n[len(prefix):].split("_")
            rows.setdefault(int(r), []).append((int(c), n))
    return [[n for _, n in sorted(rows[r])] for r in sorted(rows)]


def symmetry_gauge(net, theta, seed=0):
    r"""
    Return a gauge of the continuous symmetries of ``net`` through the
    point ``theta``: a list of ``symmetry_dimension()`` affine-linear
    polynomials in ``net.parameter_ring(K)`` (``K`` the field of
    ``theta``) vanishing at ``theta``, on which the identity component of
    the symmetry group acts with at most one point per orbit near
    ``theta``; ``None`` when no gauge is known for the architecture.

    The gauges (random coefficients from ``seed``):

    - MLPs with ``sigma = t^r``, ``r >= 2``, no bias, no skip connection:
      a random linear form on the incoming weights of each hidden neuron
      (one rescaling per neuron);
    - linear networks and MLPs with ``sigma = t`` without bias:
      ``W_i R_i = W_i(theta) R_i`` with a random ``d_{i-1} x d_i`` matrix
      ``R_i`` (``GL(d_i)`` at each hidden layer; needs ``d_i <= d_{i-1}``);
    - CNNs with a monomial activation: a random linear form on each filter
      but the last;
    - attention, layer by layer (``a_l <= d_{l-1}``, ``d_l <= d_{l-1}``):
      ``V_l R = V_l(theta) R`` (not in the last layer), ``K_l R' =
      K_l(theta) R'``, and a random linear form on ``Q_l`` (on ``V_L`` in
      the last layer); one layer with ``a > d``: ``K = K(theta)``, ``(a -
      d) d`` random linear forms on ``Q`` (the matrices fixing ``K`` move
      ``Q`` in an affine space of that dimension) and one on ``V``;
    - no continuous symmetry (``symmetry_dimension() == 0``): no equation.

    INPUT:

    - ``net`` -- an architecture
    - ``theta`` -- a point (list of elements of a field), one entry per parameter
    - ``seed`` -- seed of the random coefficients

    OUTPUT: a list of polynomials, or ``None``

    EXAMPLES::

        sage: from sage_neuro import PolynomialMLP, LinearNetwork
        sage: from sage_neuro.invariants.fiber_count import symmetry_gauge
        sage: K = GF(101); th = [K(k) for k in range(1, 7)]
        sage: G = symmetry_gauge(PolynomialMLP([2, 2, 1]), th); len(G), [g(*th) for g in G]
        (2, [0, 0])
        sage: len(symmetry_gauge(LinearNetwork([3, 2, 3]), [K(k) for k in range(1, 13)]))
        4
        sage: symmetry_gauge(LinearNetwork([2, 3, 2]), [K(k) for k in range(1, 13)]) is None
        True
        sage: symmetry_gauge(PolynomialMLP([2, 2, 1]), [1, 2])
        Traceback (most recent call last):
        ...
        ValueError: theta must have 6 entries (one per parameter), got 2
    """
    from sage_neuro.architectures.attention import LightningSelfAttention
    from sage_neuro.architectures.cnn import PolynomialCNN
    from sage_neuro.architectures.linear import LinearNetwork
    from sage_neuro.architectures.mlp import PolynomialMLP
    N = int(net.num_parameters())
    if len(theta) != N:
        raise ValueError("theta must have %d entries (one per parameter), got %d" % (N, len(theta)))
    K = theta[0].parent()
    P = net.parameter_ring(K)
    names = P.variable_names()
    x = dict(zip(names, P.gens()))
    at = dict(zip(names, theta))
    rng = _random.Random(int(seed) + 7919)
    bound = min(int(K.characteristic()) - 1, 2 ** 30) if K.characteristic() else 1000

    def coeff():
        return K(rng.randint(1, bound))

    def form(block):
        # a random linear form on the block, minus its value at theta
        c = [coeff() for _ in block]
        return sum(ci * (x[n] - at[n]) for ci, n in zip(c, block))

    def gl_gauge(rows):
        # W R = W(theta) R for a random (columns x rows) matrix R: GL acting
        # on the left of W is fixed when W(theta) R is invertible
        r, c = len(rows), len(rows[0])
        if r > c:
            return None
        R = [[coeff() for _ in range(r)] for _ in range(c)]
        return [sum(R[k][b] * (x[rows[a][k]] - at[rows[a][k]]) for k in range(c))
                for a in range(r) for b in range(r)]

    if net.symmetry_dimension() == 0:
        return []
    out = []
    if isinstance(net, (PolynomialMLP, LinearNetwork)):
        if isinstance(net, PolynomialMLP) and (net.skip_layers() or net.has_bias()):
            return None
        linear = isinstance(net, LinearNetwork) or (net.has_monomial_activation()
                                                    and net.activation_degree() == 1)
        if not linear and not (net.has_monomial_activation() and net.activation_degree() >= 2):
            return None
        for i in range(1, len(net.widths()) - 1):
            rows = _rows(names, "w%d_" % i)
            if linear:
                g = gl_gauge(rows)
                if g is None:
                    return None
                out += g
            else:
                out += [form(row) for row in rows]
    elif isinstance(net, PolynomialCNN):
        if not net.is_monomial_activation():
            return None
        for i in range(1, len(net.filters())):
            out.append(form([n for n in names if n.startswith("f%d_" % i)]))
    elif isinstance(net, LightningSelfAttention):
        L = 1
        while _rows(names, "k%d_" % (L + 1)):
            L += 1

        def flat(prefix):
            return [n for row in _rows(names, prefix) for n in row]
        K1 = _rows(names, "k1_")
        if L == 1 and len(K1) > len(K1[0]):
            # a > d: GL(a) moves K onto K(theta); what fixes K moves Q within
            # Q + {N : K^T N = 0}, an affine space of dimension (a - d) d,
            # cut by as many random linear forms on Q
            a, d = len(K1), len(K1[0])
            out = [x[n] - at[n] for n in flat("k1_")]
            out += [form(flat("q1_")) for _ in range((a - d) * d)]
            out.append(form(flat("v1_")))
        else:
            # layer by layer: V_l R fixes c_l h_l (GL(d_l) between layers
            # times the rescaling), K_l R fixes c_l^-1 g_l, a form on Q_l
            # then fixes c_l (Q_l -> g_l^-T Q_l h_(l-1)^-1); the last layer:
            # a form on V_L fixes c_L and K_L R fixes g_L
            for l in range(1, L + 1):
                if l < L:
                    g = gl_gauge(_rows(names, "v%d_" % l))
                    if g is None:
                        return None
                    out += g
                g = gl_gauge(_rows(names, "k%d_" % l))
                if g is None:
                    return None
                out += g
                out.append(form(flat("q%d_" % l)) if l < L else form(flat("v%d_" % l)))
    else:
        return None
    if len(out) != net.symmetry_dimension():
        return None
    return out


class GaugedFiberCount:
    r"""
    The result of :func:`count_generic_fiber`, read like an
    :class:`~sage_neuro.invariants.identifiability.OrbitCheck`.

    Attributes: ``net``, ``theta`` (the point over ``GF(p)``), ``seed``,
    ``prime``, ``fiber_dimension`` (``N - rank d mu(theta)``),
    ``orbit_dimension`` (``symmetry_dimension()``), ``orbit_components``
    (``k``), ``gauged_dimension`` and ``gauged_degree`` (of the gauge-fixed
    fiber system, ``None`` when not computed), ``gauged_points`` (its number
    of distinct points, when computed), ``is_orbit`` (``True``, ``False``
    or ``None``), ``reason``, ``provenance``, ``method`` (``'modular'``).

    EXAMPLES::

        sage: from sage_neuro import PolynomialMLP
        sage: from sage_neuro.invariants.fiber_count import count_generic_fiber
        sage: count_generic_fiber(PolynomialMLP([3, 2, 1]))
        generic fiber of PolynomialMLP([3, 2, 1], activation=2) is NOT the symmetry orbit: fiber dimension 3 > orbit dimension 2  [modular: ...]
    """

    def __init__(self, net, theta, seed, prime, fdim, orbit_dim, orbit_comps, gdim, gdeg,
                 gpoints, seconds, note=""):
        self.net, self.theta, self.seed, self.prime = net, theta, seed, prime
        self.fiber_dimension = Integer(fdim)
        self.orbit_dimension = Integer(orbit_dim)
        self.orbit_components = None if orbit_comps is None else Integer(orbit_comps)
        self.gauged_dimension, self.gauged_degree, self.gauged_points = gdim, gdeg, gpoints
        k = self.orbit_components
        if fdim > orbit_dim:
            self.is_orbit, self.reason = False, "fiber dimension %s > orbit dimension %s" % (fdim, orbit_dim)
        elif fdim < orbit_dim:
            self.is_orbit = None
            self.reason = ("undecided: fiber dimension %s < group dimension %s (positive-dimensional "
                           "stabilizers)" % (fdim, orbit_dim))
        elif gdim is None:
            self.is_orbit, self.reason = None, "undecided: %s" % note
        elif gdim > 0:
            self.is_orbit = None
            self.reason = ("undecided: the gauge meets the fiber in dimension %s (theta special or "
                           "the gauge does not fit)" % gdim)
        elif gdeg == k:
            self.is_orbit = True
            self.reason = ("fiber of dimension %s; the gauge-fixed fiber has degree %s = the %s "
                           "points of the orbit in the gauge, all reduced" % (fdim, gdeg, k))
        elif gpoints is not None and gpoints > k:
            self.is_orbit = False
            self.reason = ("the gauge-fixed fiber has %s points, the orbit %s (fiber of dimension %s "
                           "with more components than the orbit)" % (gpoints, k, fdim))
        else:
            self.is_orbit = None
            self.reason = ("undecided: the gauge-fixed fiber has degree %s and %s points, the orbit "
                           "%s points (theta special?)" % (gdeg, gpoints, k))
        self.method = "modular"
        self.provenance = Provenance(
            "generic_fiber_is_orbit", self.is_orbit, "modular", primes=(prime,), seeds=(seed,),
            seconds=seconds,
            route="gauge-fixed fiber counted mod p (Groebner basis in Singular), fiber dimension "
                  "from the Jacobian rank of mu at theta",
            choices="theta uniform in GF(%d)^* and the gauge's random coefficients, seed %s"
                    % (prime, seed),
            certificate=self.reason, note=note)

    def __repr__(self):
        verb = {True: "is", False: "is NOT", None: "may or may not be"}[self.is_orbit]
        return "generic fiber of %r %s the symmetry orbit: %s  [%s]" % (
            self.net, verb, self.reason, self.provenance.summary())


def count_generic_fiber(net, seed=0, prime=FIBER_COUNT_PRIME):
    r"""
    Decide whether the fiber of ``mu`` at a random point mod ``prime`` is
    the symmetry orbit, by the dimension of the fiber and the number of
    points of the gauge-fixed fiber (see the module documentation).

    INPUT:

    - ``net`` -- an architecture
    - ``seed`` -- seed of the point ``theta`` and of the gauge
    - ``prime`` -- (default ``FIBER_COUNT_PRIME``) a prime below ``2^29``

    OUTPUT: a :class:`GaugedFiberCount`

    EXAMPLES::

        sage: from sage_neuro import PolynomialCNN
        sage: from sage_neuro.architectures.attention import LightningSelfAttention
        sage: from sage_neuro.invariants.fiber_count import count_generic_fiber
        sage: count_generic_fiber(PolynomialCNN([2, 3])).is_orbit
        True

    One attention layer with ``d = 2, a = 1``: the fiber has two components
    (``Q`` and ``K`` swapped up to the symmetries), the orbit one::

        sage: R = count_generic_fiber(LightningSelfAttention(2, 1, 1, 2)); R.is_orbit, R.gauged_points
        (False, 2)
        sage: count_generic_fiber(PolynomialCNN([2, 3]), prime=10)
        Traceback (most recent call last):
        ...
        ValueError: prime must be a prime below 2^29, not 10
    """
    from sage_neuro.architectures.base import Architecture
    from sage_neuro.invariants.dimension import jacobian_at
    from sage_neuro.invariants.identifiability import orbit_component_count
    if not isinstance(net, Architecture):
        raise TypeError("net must be an Architecture (e.g. LinearNetwork([4, 2, 3])), not %r" % (net,))
    prime = check_prime(prime, bound=2 ** 29)
    K = GF(prime)
    N = int(net.num_parameters())
    rng = _random.Random(int(seed))
    with stopwatch() as t:
        theta = [K(rng.randint(1, prime - 1)) for _ in range(N)]
        F = [f for f in net.coordinate_functions(K) if f != 0]
        P = net.parameter_ring(K)
        fdim = N - jacobian_at(net, theta, K).rank()
        s = net.symmetry_dimension()
        k = orbit_component_count(net)
        gdim = gdeg = gpoints = None
        note = ""
        if fdim == s:
            gauge = symmetry_gauge(net, theta, seed=seed)
            if gauge is None:
                note = "no gauge of the symmetries of %r is known" % (net,)
            elif k is None:
                note = "the number of components of the orbit is not known"
            else:
                I = P.ideal([f - f(*theta) for f in F] + gauge)
                gdim = Integer(I.dimension())
                if gdim == 0:
                    gdeg = Integer(I.vector_space_dimension())
                    if gdeg != k:
                        gpoints = Integer(I.radical().vector_space_dimension())
    return GaugedFiberCount(net, theta, seed, prime, fdim, s, k, gdim, gdeg, gpoints, t[0], note)
