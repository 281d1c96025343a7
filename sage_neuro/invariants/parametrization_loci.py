r"""
The loci of a parametrization ``mu`` that contain the singular points of
its image coming from ``mu`` itself: the rank-drop locus of ``d mu``, the
double-point locus, the set over which ``mu`` is not proper, and sampled
limit points of ``mu`` at infinity (the boundary). The route to
``Sing(M)`` of :mod:`~sage_neuro.invariants.parametrization_certificate`
checks each of them against the subnetworks; see the documentation of
:mod:`~sage_neuro.invariants.multiplicity` for the mathematics.

EXAMPLES::

    sage: from sage_neuro import PolynomialCNN
    sage: from sage_neuro.invariants.parametrization_loci import double_point_locus
    sage: len(double_point_locus(PolynomialCNN([2, 2], activation=3))) > 0
    True
"""

from sage.rings.integer import Integer
from sage.rings.polynomial.polynomial_ring_constructor import PolynomialRing
from sage.rings.rational_field import QQ


class LocusComponent:
    r"""
    An irreducible component of a locus in the parameter space of ``net``
    (the rank-drop locus of ``d mu`` or the double-point locus of ``mu``).

    Attributes: ``kind`` (``'rank drop'`` or ``'double point'``), ``ideal``
    (a prime ideal of ``net.parameter_ring()``), ``dimension``,
    ``image_dimension`` (of the closure of its image under ``mu``, exact).

    EXAMPLES::

        sage: from sage_neuro import PolynomialCNN
        sage: from sage_neuro.invariants.parametrization_loci import double_point_locus
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
        sage: from sage_neuro.invariants.parametrization_loci import image_dimension
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
        sage: from sage_neuro.invariants.parametrization_loci import rank_drop_locus
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
        sage: from sage_neuro.invariants.parametrization_loci import double_point_locus
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
        sage: from sage_neuro.invariants.parametrization_loci import nonproper_locus
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
        sage: from sage_neuro.invariants.parametrization_loci import boundary_limit_points
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
