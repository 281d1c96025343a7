r"""
The Hilbert-scheme model of a shallow MLP with a monomial activation: the
hidden neurons as an unordered set of points.

A network ``PolynomialMLP([n, h, k], activation=r)`` (``sigma(t) = t^r``,
``r >= 2``) computes

.. MATH::

    f_s(X) = \sum_{j=1}^h w_{sj} \, (l_j \cdot X)^r, \qquad s = 1, \dots, k,

so every output lies in the span ``V`` of the powers ``l_1^r, ..., l_h^r``.
Dehomogenize ``l_j = l_{j0} (1, p_j)`` with points ``p_j`` of ``C^{n-1}``
(coordinates ``x_1, ..., x_{n-1}``). The functional ``g -> sum_j c_j
g(p_j)`` on polynomials of degree at most ``r`` has the form ``sum_j c_j
((1, p_j) . X)^r`` as its *polar*: the coefficient of ``X^alpha`` is the
multinomial ``binom(r, alpha)`` times the value on the dehomogenized
monomial. So ``V`` is the space of polar forms of the functionals on the
algebra ``A = C[x]/I`` of the ideal ``I`` of the ``h`` points, and ``V``
depends on the points only through ``I``, a point of the Hilbert scheme of
``h`` points. The permutations of the hidden neurons, which make the
parametrization ``h!``-to-one up to rescaling, are gone.

Where ``A`` has the basis ``B = {1, x_1, ..., x_{h-1}}``, ``I`` is given by
the normal forms on ``B`` of the monomials of degree 2 (a border basis);
the multiplication matrices ``M_i`` by ``x_i`` on ``B`` commute, and the
normal form of ``x^e`` is ``prod M_i^{e_i}`` applied to ``1``. A functional
is given by its values ``t = (l(1), l(x_1), ...)`` on ``B``. Two charts are
affine spaces:

- ``h = 2`` (any ``n >= 2``): ``x_m = a_m + a'_m x_1`` for ``m >= 2`` and
  ``x_1^2 = b + b' x_1``, free coordinates (``2(n - 1)``, the dimension of
  the Hilbert scheme of 2 points in ``C^{n-1}``);
- ``h = n = 3``: ``x^2 = a . (1, x, y)``, ``xy = b . (1, x, y)``, ``y^2 = c
  . (1, x, y)``; the multiplication matrices commute if and only if
  ``a_1, b_1, c_1`` are the quadrics of :func:`hilbert_chart` in the free
  ``a_2, a_3, b_2, b_3, c_2, c_3`` (the chart of the Hilbert scheme of 3
  points in the plane is ``A^6``).

The model is ``psi(T, chart) = (polar forms of the columns of T)``, ``T`` an
``h x k`` matrix; it has ``hk + (n-1)h`` unknowns, the number of parameters
minus the ``h`` rescalings. Its image is the neuromanifold up to closure:

- (image inside) commuting multiplication matrices define an ideal ``I``
  with ``A = span(B)``; for generic chart points ``I`` is radical, ``h``
  distinct points ``p_j``, every functional on ``A`` is ``sum_j c_j
  ev(p_j)``, and its polar form is ``sum_j c_j ((1, p_j) . X)^r``, the
  output of a network;
- (generic points reached) for parameters with ``l_{j0} != 0`` and points
  on which ``B`` is a basis of the functions (a nonzero Vandermonde-type
  determinant), the ideal of the points has normal forms on ``B``, and
  ``f_s`` is the polar form of ``sum_j w_{sj} l_{j0}^r ev(p_j)``.

The differential of ``psi`` is injective where ``T`` has rank ``h`` and the
polar forms of the functionals on ``A`` determine the multiplication (the
rows of ``T`` and of the normal forms of the degree-2 monomials times ``T``
are among the coordinates when ``r = 2``; for ``r >= 3`` the certificate
checks the rank of the differential at a random point). So for ``k >= h``
the critical points of the distance on the model with ``T`` of full rank
are the ED critical points of the neuromanifold (:func:`hilbert_ed_system`),
without the factor ``h!`` of the coordinate slice of the parameters.
:func:`hilbert_model_certificate` checks the commutation identically, the
substitution at a random rational point and the rank of the differential,
over ``QQ``.

On ``[3, 2, 2]`` with ``x^2`` one seed takes 2 s (ED degree 75), against
20 s for the coordinate slice of the parameters (150 points, twice the ED
degree); on ``[3, 3, 3]``, where the slice runs out of memory, see
``bench/results/ed_mlp333.md``.

EXAMPLES::

    sage: from sage_neuro import PolynomialMLP
    sage: from sage_neuro.invariants.mlp_hilbert import hilbert_model_certificate, hilbert_count
    sage: net = PolynomialMLP([3, 2, 2], activation=2)
    sage: hilbert_model_certificate(net)
    Hilbert-scheme model of PolynomialMLP([3, 2, 2], activation=2): holds (8 unknowns, differential of rank 8)
    sage: hilbert_count(net, 'ed_degree').value
    75
"""

import random

from sage.arith.misc import binomial
from sage.matrix.constructor import matrix
from sage.rings.finite_rings.finite_field_constructor import GF
from sage.rings.integer import Integer
from sage.rings.polynomial.polynomial_ring_constructor import PolynomialRing
from sage.rings.rational_field import QQ

from sage_neuro.constants import SLICE_PRIME
from sage_neuro.invariants.model_counts import distance_to_random_data, monomial_activation_reason
from sage_neuro.provenance import Provenance, stopwatch


def hilbert_model_applies(net):
    r"""
    Return ``(True, reason)`` if ``net`` is a network ``PolynomialMLP([n, h,
    k], activation=r)`` with ``sigma(t) = c t^r``, ``r >= 2`` (no bias, no
    skip) whose Hilbert-scheme model is defined and generically immersive:
    ``h = 2 <= n`` or ``h = n = 3``, and ``k >= h``; else ``(False, reason)``
    naming the hypothesis that fails.

    INPUT:

    - ``net`` -- an architecture

    OUTPUT: a pair ``(bool, str)``

    EXAMPLES::

        sage: from sage_neuro import PolynomialMLP, LinearNetwork
        sage: from sage_neuro.invariants.mlp_hilbert import hilbert_model_applies
        sage: hilbert_model_applies(PolynomialMLP([3, 3, 3], activation=2))
        (True, 'PolynomialMLP([3, 3, 3], activation=2): h = n = 3, k = 3 >= h')
        sage: hilbert_model_applies(PolynomialMLP([3, 3, 2], activation=2))[1]
        'the Hilbert-scheme model needs k >= h output neurons (else its differential is nowhere injective), not k = 2 < h = 3'
        sage: hilbert_model_applies(PolynomialMLP([4, 3, 3], activation=2))[1]
        'the Hilbert-scheme model needs h = 2 <= n or h = n = 3 (charts that are affine spaces), not n = 4, h = 3'
        sage: hilbert_model_applies(PolynomialMLP([3, 2, 2], activation=3))[0]
        True
        sage: R.<t> = QQ[]
        sage: hilbert_model_applies(PolynomialMLP([3, 2, 2], activation=t^2 + t))[1]
        'the Hilbert-scheme model needs a monomial activation c t^r with r >= 2, not t^2 + t'
        sage: hilbert_model_applies(LinearNetwork([2, 2, 2]))[1]
        'the Hilbert-scheme model is a PolynomialMLP with two layers, not LinearNetwork([2, 2, 2])'
    """
    from sage_neuro.architectures.mlp import PolynomialMLP
    if not isinstance(net, PolynomialMLP) or net.depth() != 2:
        return False, ("the Hilbert-scheme model is a PolynomialMLP with two layers, not %r"
                       % (net,))
    why = monomial_activation_reason(net, "Hilbert-scheme model")
    if why is not None:
        return False, why
    n, h, k = net.widths()
    if not (h == 2 <= n or h == n == 3):
        return False, ("the Hilbert-scheme model needs h = 2 <= n or h = n = 3 (charts that are "
                       "affine spaces), not n = %s, h = %s" % (n, h))
    if k < h:
        return False, ("the Hilbert-scheme model needs k >= h output neurons (else its "
                       "differential is nowhere injective), not k = %s < h = %s" % (k, h))
    return True, "%r: %s, k = %s >= h" % (net, "h = 2 <= n" if h == 2 else "h = n = 3", k)


def _check_applies(net):
    applies, why = hilbert_model_applies(net)
    if not applies:
        raise ValueError(why)


def hilbert_chart(n, h, r=2, base_ring=QQ):
    r"""
    Return the chart of the Hilbert scheme of ``h`` points in ``C^{n-1}``
    where ``B = {1, x_1, ..., x_{h-1}}`` is a basis of the quotient algebra
    (``h = 2 <= n`` or ``h = n = 3``): a polynomial ring ``C`` in the free
    coordinates, the multiplication matrices by ``x_1, ..., x_{n-1}`` on
    ``B``, and the normal forms on ``B`` of all monomials of degree at most
    ``r``.

    INPUT:

    - ``n``, ``h`` -- integers with ``h = 2 <= n`` or ``h = n = 3``
    - ``r`` -- (default 2) the largest degree of the normal forms
    - ``base_ring`` -- (default ``QQ``) a field

    OUTPUT: a triple ``(C, mult, nf)``: ``mult`` is the list of the ``n - 1``
    multiplication matrices (column ``i``: the normal form of ``x`` times the
    ``i``-th element of ``B``), ``nf`` maps each exponent tuple ``e`` (of
    length ``n - 1``, degree at most ``r``) to the list of the ``h``
    coefficients of the normal form of ``x^e`` on ``B``, elements of ``C``

    EXAMPLES::

        sage: from sage_neuro.invariants.mlp_hilbert import hilbert_chart
        sage: C, mult, nf = hilbert_chart(3, 3)
        sage: C.variable_names()
        ('a2', 'a3', 'b2', 'b3', 'c2', 'c3')
        sage: nf[(2, 0)]
        [a3*b2 - a2*b3 + b3^2 - a3*c3, a2, a3]
        sage: mult[0] * mult[1] == mult[1] * mult[0]
        True
        sage: C, mult, nf = hilbert_chart(3, 2, r=3)
        sage: C.variable_names(), nf[(0, 1)], nf[(1, 1)]
        (('a2', 'a2p', 'b', 'bp'), [a2, a2p], [a2p*b, a2p*bp + a2])
        sage: nf[(3, 0)]
        [b*bp, bp^2 + b]
        sage: hilbert_chart(4, 3)
        Traceback (most recent call last):
        ...
        ValueError: the charts are affine spaces for h = 2 <= n or h = n = 3, not n = 4, h = 3
    """
    if not (h == 2 <= n or h == n == 3):
        raise ValueError("the charts are affine spaces for h = 2 <= n or h = n = 3, not n = %s, "
                         "h = %s" % (n, h))
    if h == 3:
        C = PolynomialRing(base_ring, ["a2", "a3", "b2", "b3", "c2", "c3"])
        a2, a3, b2, b3, c2, c3 = C.gens()
        # the multiplication matrices by x and y on (1, x, y) commute exactly
        # when these three quadrics hold (Hilbert scheme chart = A^6)
        b1 = a3 * c2 - b3 * b2
        a1 = b2 * a3 + b3 ** 2 - a2 * b3 - a3 * c3
        c1 = b2 ** 2 + b3 * c2 - c2 * a2 - c3 * b2
        one, zero = C.one(), C.zero()
        mult = [matrix(C, [[zero, one, zero], [a1, a2, a3], [b1, b2, b3]]).transpose(),
                matrix(C, [[zero, zero, one], [b1, b2, b3], [c1, c2, c3]]).transpose()]
    else:
        names = []
        for m in range(2, n):
            names += ["a%d" % m, "a%dp" % m]
        C = PolynomialRing(base_ring, names + ["b", "bp"])
        b, bp = C.gens()[-2:]
        # x_1 on (1, x_1): x_1 * x_1 = b + b' x_1; x_m = a_m + a'_m x_1
        M1 = matrix(C, [[0, 1], [b, bp]]).transpose()
        mult = [M1] + [C.gen(2 * (m - 2)) + C.gen(2 * (m - 2) + 1) * M1 for m in range(2, n)]
    one = matrix(C, h, 1, [1] + [0] * (h - 1))
    nf = {}
    for e in _exponents(n - 1, r):
        v = one
        for M, k in zip(mult, e):
            v = M ** k * v
        nf[e] = list(v.column(0))
    return C, mult, nf


def _exponents(m, r):
    # exponent tuples of length m and degree at most r, by degree
    out = []
    for d in range(r + 1):
        out += [tuple(e) for e in _compositions(d, m)]
    return out


def _compositions(d, m):
    # tuples of m nonnegative integers with sum d
    if m == 0:
        return [[]] if d == 0 else []
    return [[i] + rest for i in range(d, -1, -1) for rest in _compositions(d - i, m - 1)]


def hilbert_model_map(net, base_ring=QQ):
    r"""
    Return ``(R, T, Phi)``: the polynomial ring ``R`` of the model (the
    entries ``t{i}_{r}`` of ``T``, then the chart coordinates of
    :func:`hilbert_chart`), the ``h x k`` matrix ``T`` over ``R``, and the
    network's coordinate functions of the polar forms of the columns of
    ``T``, in the order of
    :meth:`~sage_neuro.architectures.base.Architecture.coordinate_names`.

    INPUT:

    - ``net`` -- a network for which :func:`hilbert_model_applies`
    - ``base_ring`` -- (default ``QQ``) the field of ``R``

    OUTPUT: a tuple ``(R, T, Phi)``

    EXAMPLES::

        sage: from sage_neuro import PolynomialMLP
        sage: from sage_neuro.invariants.mlp_hilbert import hilbert_model_map
        sage: R, T, Phi = hilbert_model_map(PolynomialMLP([2, 2, 2], activation=2))
        sage: T
        [t0_0 t0_1]
        [t1_0 t1_1]
        sage: Phi[:3]
        [t0_0, 2*t1_0, t0_0*b + t1_0*bp]
    """
    _check_applies(net)
    from sage_neuro.cache import CacheKey, cache_of
    R, T, Phi = cache_of(net).lookup(CacheKey("hilbert_model", prime=0),
                                     lambda: _model_over_QQ(net))
    if base_ring is not QQ:
        R = R.change_ring(base_ring)
        T, Phi = T.change_ring(R), [R(f) for f in Phi]
    return R, T, Phi


def _model_over_QQ(net):
    n, h, k = net.widths()
    r = net.activation().degree()
    C, _, nf = hilbert_chart(n, h, r)
    tnames = ["t%d_%d" % (i, s) for i in range(h) for s in range(k)]
    R = PolynomialRing(QQ, tnames + list(C.variable_names()))
    T = matrix(R, h, k, [R(x) for x in tnames])
    emb = C.hom([R(x) for x in C.variable_names()], R)
    X = PolynomialRing(R, ["x%d" % i for i in range(n)])
    xs = X.gens()
    outputs = []
    for s in range(k):
        f = X.zero()
        for e, coeffs in nf.items():
            if sum(e) > r:
                continue
            # the monomial X^alpha with alpha = (r - |e|, e), weighted by the
            # multinomial binom(r, alpha): the polar form of the functional
            alpha = (r - sum(e),) + e
            weight, rest = Integer(1), r
            for a in alpha:
                weight *= binomial(rest, a)
                rest -= a
            value = sum(emb(c) * T[i, s] for i, c in enumerate(coeffs))
            mono = X.one()
            for x, a in zip(xs, alpha):
                mono *= x ** a
            f += weight * value * mono
        outputs.append(f)
    return R, T, net.output_coordinates(outputs)


class HilbertModelCertificate:
    r"""
    The verdict of :func:`hilbert_model_certificate`: whether the
    Hilbert-scheme model holds for a network, with the checks behind it.

    EXAMPLES::

        sage: from sage_neuro import PolynomialMLP
        sage: from sage_neuro.invariants.mlp_hilbert import hilbert_model_certificate
        sage: C = hilbert_model_certificate(PolynomialMLP([2, 2, 3], activation=2))
        sage: C.holds, C.rank, C.unknowns
        (True, 8, 8)
    """

    def __init__(self, net, commute, identity, rank, unknowns, seconds):
        self.network = net
        self.commute = commute
        self.identity = identity
        self.rank = Integer(rank)
        self.unknowns = Integer(unknowns)
        self.holds = commute and identity and rank == unknowns
        self.provenance = Provenance(
            "hilbert_model", self.holds, "proved", seconds=seconds,
            route="commutation of the multiplication matrices of the chart, identically over "
                  "QQ; mu = psi at a random rational point; rank of the differential of psi "
                  "there over QQ",
            certificate="multiplication matrices commute: %s; mu(theta) = psi(T, chart) at "
                        "the interpolated chart point: %s; differential of rank %s of %s "
                        "unknowns" % (commute, identity, rank, unknowns))

    def __repr__(self):
        if self.holds:
            return ("Hilbert-scheme model of %r: holds (%s unknowns, differential of rank %s)"
                    % (self.network, self.unknowns, self.rank))
        return ("Hilbert-scheme model of %r: does not hold (%s)"
                % (self.network, self.provenance.certificate))


def hilbert_model_certificate(net, seed=0):
    r"""
    Check the Hilbert-scheme model of ``net`` over ``QQ``: that the
    multiplication matrices of the chart commute identically (so every chart
    point is an ideal with quotient basis ``B``, and the normal forms are
    well defined), that ``mu(theta) = psi(T,
    chart)`` at a random rational parameter point ``theta`` and the chart
    point interpolated from its hidden neurons, and that the differential of
    ``psi`` there has rank equal to the number of unknowns (so the image has
    the dimension of the neuromanifold, which it lies in; see the module
    documentation for the argument).

    INPUT:

    - ``net`` -- a network for which :func:`hilbert_model_applies`
    - ``seed`` -- (default 0) seed of the rational point

    OUTPUT: a :class:`HilbertModelCertificate` (its ``provenance`` is
    ``'proved'``)

    EXAMPLES::

        sage: from sage_neuro import PolynomialMLP
        sage: from sage_neuro.invariants.mlp_hilbert import hilbert_model_certificate
        sage: C = hilbert_model_certificate(PolynomialMLP([3, 3, 3], activation=2)); C
        Hilbert-scheme model of PolynomialMLP([3, 3, 3], activation=2): holds (15 unknowns, differential of rank 15)
        sage: C.rank == PolynomialMLP([3, 3, 3], activation=2).neuromanifold().dimension()
        True
    """
    _check_applies(net)
    with stopwatch() as seconds:
        n, h, k = net.widths()
        R, T, Phi = hilbert_model_map(net)
        C, mult, nf = hilbert_chart(n, h, net.activation().degree())
        commute = all(A * B == B * A for A in mult for B in mult)
        rng = random.Random("Hilbert model point %s" % seed)
        while True:
            theta = [QQ(rng.randint(-9, 9)) for _ in range(net.num_parameters())]
            point = _chart_point(net, theta, nf, C)
            if point is not None:
                break
        values = dict(zip(R.gens(), point))
        P = net.parameter_ring()
        at_theta = {g: v for g, v in zip(P.gens(), theta)}
        identity = ([QQ(f.subs(values)) for f in Phi]
                    == [QQ(f.subs(at_theta)) for f in net.coordinate_functions()])
        J = matrix(QQ, [[QQ(f.derivative(x).subs(values)) for x in R.gens()] for f in Phi])
        rank = J.rank()
    return HilbertModelCertificate(net, commute, identity, rank, R.ngens(), seconds[0])


def _chart_point(net, theta, nf, C):
    # the model's unknowns (T, chart) for the parameters theta, or None when
    # theta is special (a hidden row with l_j0 = 0, points on which B is not
    # a basis of the functions)
    n, h, k = net.widths()
    W1, W2 = net.weight_matrices(theta)
    if any(W1[j, 0] == 0 for j in range(h)):
        return None
    pts = [[W1[j, i] / W1[j, 0] for i in range(1, n)] for j in range(h)]
    # evaluation of the basis B = (1, x_1, ..., x_{h-1}) at the points
    E = matrix(QQ, [[QQ(1)] + p[:h - 1] for p in pts])
    if E.det() == 0:
        return None
    # chart coordinates: the normal form coefficients c of x^e solve E c = (p^e)_j
    coords = {}
    for e, coeffs in nf.items():
        c = E.solve_right(matrix(QQ, [[_power(p, e)] for p in pts])).column(0)
        for f, v in zip(coeffs, c):
            if f in C.gens():
                coords[f] = v
    point = []
    # T: column s is the functional sum_j w_sj c l_j0^r ev(p_j) on B, for
    # the activation c t^r
    sigma = net.activation()
    r, c = sigma.degree(), sigma.leading_coefficient()
    for i in range(h):
        for s in range(k):
            point.append(sum(W2[s, j] * c * W1[j, 0] ** r * E[j, i] for j in range(h)))
    chart = [coords.get(g) for g in C.gens()]
    if any(v is None for v in chart):
        return None
    # the chart point must reproduce every normal form (the points lie on the ideal)
    for e, coeffs in nf.items():
        values = [QQ(f.subs(dict(zip(C.gens(), chart)))) for f in coeffs]
        if any(sum(v * E[j, i] for i, v in enumerate(values)) != _power(pts[j], e)
               for j in range(h)):
            return None
    return point + chart


def _power(p, e):
    out = QQ(1)
    for x, a in zip(p, e):
        out *= x ** a
    return out


def _over_prime(net, prime):
    # (K, R, T, Phi, unknowns, z): the model over K = GF(prime) in a ring with
    # one more variable z, for z det(T_h) = 1 (T_h: the first h columns)
    K = GF(prime)
    R0, T0, Phi0 = hilbert_model_map(net, base_ring=K)
    names = list(R0.variable_names()) + ["z"]
    R = PolynomialRing(K, names, len(names), order="degrevlex")
    emb = R0.hom(R.gens()[:-1], R)
    T = T0.apply_map(emb)
    return K, R, T, [emb(f) for f in Phi0], list(R.gens()[:-1]), R.gens()[-1]


def _full_rank(T, z):
    # off this equation T has rank h, where the differential of psi is injective
    h = T.nrows()
    return z * T.matrix_from_columns(range(h)).det() - 1


def hilbert_ed_system(net, seed=1, prime=SLICE_PRIME):
    r"""
    Return the ED critical system of the Hilbert-scheme model over
    ``GF(prime)`` at random data drawn from ``seed`` (standard inner product
    on the network's coordinates): the partial derivatives of the distance
    in ``T`` and the chart coordinates, and ``z det(T_h) - 1`` (``T_h``: the
    first ``h`` columns of ``T``), which removes the points where ``T`` has
    rank below ``h`` (and, for special data only, critical points with
    ``det T_h = 0``). Its number of solutions is the ED degree.

    INPUT:

    - ``net`` -- a network for which :func:`hilbert_model_applies`
    - ``seed`` -- (default 1) seed of the data
    - ``prime`` -- (default :data:`~sage_neuro.constants.SLICE_PRIME`) a prime

    OUTPUT: a list of polynomials over ``GF(prime)``

    EXAMPLES::

        sage: from sage_neuro import PolynomialMLP
        sage: from sage_neuro.invariants.mlp_hilbert import hilbert_ed_system
        sage: E = hilbert_ed_system(PolynomialMLP([2, 2, 2], activation=2))
        sage: len(E), E[0].parent().ngens()
        (7, 7)
        sage: E[0].parent().ideal(E).vector_space_dimension()     # [2, 2, 2] fills its space
        1
    """
    _, _, T, Phi, unknowns, z = _over_prime(net, prime)
    distance = distance_to_random_data(Phi, "Hilbert ED data %s" % seed, prime)[0]
    return [distance.derivative(x) for x in unknowns] + [_full_rank(T, z)]


def hilbert_degree_system(net, seed=1, prime=SLICE_PRIME):
    r"""
    Return the points of the Hilbert-scheme model on a random affine linear
    section of the function space, of codimension the number of unknowns,
    over ``GF(prime)``: ``A Phi = b`` for a random matrix ``A`` and vector
    ``b`` drawn from ``seed``, and ``z det(T_h) - 1``. The model is
    injective where ``T`` has rank ``h`` and its image contains a dense open
    subset of the neuromanifold (a cone), so the number of solutions is the
    degree.

    INPUT:

    - ``net`` -- a network for which :func:`hilbert_model_applies`
    - ``seed`` -- (default 1) seed of the section
    - ``prime`` -- (default :data:`~sage_neuro.constants.SLICE_PRIME`) a prime

    OUTPUT: a list of polynomials over ``GF(prime)``

    EXAMPLES::

        sage: from sage_neuro import PolynomialMLP
        sage: from sage_neuro.invariants.mlp_hilbert import hilbert_degree_system
        sage: net = PolynomialMLP([3, 2, 2], activation=2)
        sage: E = hilbert_degree_system(net)
        sage: E[0].parent().ideal(E).vector_space_dimension() == net.neuromanifold().degree()
        True
    """
    K, R, T, Phi, unknowns, z = _over_prime(net, prime)
    rng = random.Random("Hilbert degree section %s" % seed)
    section = [sum(K(rng.randrange(prime)) * f for f in Phi) - K(rng.randrange(prime))
               for _ in unknowns]
    return section + [_full_rank(T, z)]


def hilbert_count(net, invariant, seeds=(1, 2), prime=SLICE_PRIME, timeout=None):
    r"""
    Return the :class:`~sage_neuro.provenance.Provenance` of ``invariant``
    (``'ed_degree'`` or ``'degree'``) of the neuromanifold counted on the
    Hilbert-scheme model (:func:`hilbert_ed_system`, resp.
    :func:`hilbert_degree_system`), one msolve process per seed side by
    side; all seeds must agree.

    INPUT:

    - ``net`` -- a network for which :func:`hilbert_model_applies`
    - ``invariant`` -- ``'ed_degree'`` or ``'degree'``
    - ``seeds`` -- (default ``(1, 2)``) seeds of the data (resp. sections)
    - ``prime`` -- (default :data:`~sage_neuro.constants.SLICE_PRIME`) a prime ``< 2^31``
    - ``timeout`` -- seconds for the msolve processes (``TimeoutError``)

    OUTPUT: a ``Provenance`` record (``'modular'``)

    EXAMPLES::

        sage: from sage_neuro import PolynomialMLP
        sage: from sage_neuro.invariants.mlp_hilbert import hilbert_count
        sage: net = PolynomialMLP([2, 2, 3], activation=2)
        sage: P = hilbert_count(net, 'ed_degree'); P
        ed_degree = ...  [modular: p = 32003, seeds (1, 2); ... s]
        sage: P.value == net.neuromanifold().ed_degree(strategy='Rabinowitsch', cross_check=False)
        True
        sage: hilbert_count(net, 'dimension')
        Traceback (most recent call last):
        ...
        ValueError: invariant must be 'ed_degree' or 'degree', not 'dimension'
    """
    from sage_neuro.invariants.model_counts import model_count
    if invariant not in ("ed_degree", "degree"):
        raise ValueError("invariant must be 'ed_degree' or 'degree', not %r" % (invariant,))
    _check_applies(net)
    what = "on the Hilbert-scheme model of the hidden neurons (no neuron permutations), det T_h != 0"
    return model_count(net, invariant, "Hilbert-scheme model", hilbert_model_certificate,
                       {"ed_degree": hilbert_ed_system, "degree": hilbert_degree_system},
                       seeds, prime, timeout=timeout,
                       route={"ed_degree": "critical equations " + what,
                              "degree": "a random affine linear section " + what})
