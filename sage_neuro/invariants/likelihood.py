r"""
Maximum likelihood degrees of neuromanifolds.

Read the coordinates ``f_1, ..., f_n`` of the function space (in the order
of :meth:`~sage_neuro.architectures.base.Architecture.monomial_basis`) as
unnormalised probabilities. For counts ``u = (u_1, ..., u_n)`` the
log-likelihood of the normalised distribution ``f / sum(f)`` is

    ``L_u(f) = sum_i u_i log f_i - u_+ log(sum_i f_i)``,  ``u_+ = sum_i u_i``,

and the *ML degree* of the neuromanifold ``M`` is the number of complex
critical points of ``L_u`` on the smooth part of the Zariski closure of
``M``, off the coordinate hyperplanes ``f_i = 0`` and the hyperplane
``sum_i f_i = 0``, for generic ``u`` (Catanese, Hosten, Khetan, Sturmfels,
"The maximum likelihood degree", arXiv:math/0406533; Huh-Sturmfels,
"Likelihood geometry", arXiv:1305.7462). ``L_u`` is invariant under
scaling, so on a cone (every neuromanifold whose last layer is linear) the
critical points form lines and are counted once each, i.e. on
``sum_i f_i = 1``: the ML degree of the projective variety.

Two routes:

1. **Parametric, on a coordinate slice** (:func:`likelihood_slice`,
   :func:`ml_degree_slice`), the route of the sliced ED degree
   (:mod:`sage_neuro.invariants.slicing`): the parameters outside
   ``d = dim M`` Jacobian pivot columns are fixed at random values, so that
   the sliced map ``G`` is dominant and generically ``b``-to-1. The
   critical equations ``J^T grad L_u(G) = 0`` are made polynomial with one
   unknown ``q_i = 1 / G_i`` per coordinate (``q_i G_i = 1`` removes the
   coordinate hyperplanes), the scale is fixed by ``sum_i G_i = 1`` (cones;
   otherwise ``s sum_i G_i = 1`` removes the sum hyperplane), and the points
   where the sliced Jacobian drops rank are removed by inverting one
   maximal minor with an extra unknown (Rabinowitsch). The number of
   solutions is ``b`` times the ML degree; ``b`` is counted on the same
   slice. Counted over ``GF(32003)`` for two seeds by libSingular
   in-process (small systems) or by two msolve processes side by side.
2. **Implicit** (:func:`ml_degree_implicit`): Lagrange likelihood equations
   on the implicit ideal ``I`` of the closure, over ``GF(p)``: with
   ``c = codim M`` random combinations ``h_1, ..., h_c`` of the generators
   of ``I``, the points of ``V(I)`` with ``sum_i f_i = 1`` (cones) and
   ``u_i - nu f_i = sum_k lambda_k f_i dh_k/df_i`` for all ``i``: the
   factor ``f_i`` keeps ``f_i != 0`` (as ``u_i != 0``), a maximal minor of
   the Jacobian of ``h``, inverted, removes the singular locus and the
   other components of ``V(h)``. No fiber to divide by.

The two routes share nothing but the mathematics; the tests check that
they agree, and that they reproduce the ML degrees of determinantal
varieties published by Hauenstein, Rodriguez and Sturmfels
(arXiv:1210.0198).

EXAMPLES:

The 3x3 matrices of rank at most 2 (a linear network with bottleneck 2)
have ML degree 10; the independence model (rank 1) has ML degree 1::

    sage: from sage_neuro import LinearNetwork
    sage: from sage_neuro.invariants.likelihood import ml_degree_slice
    sage: ml_degree_slice(LinearNetwork([3, 2, 3]))
    (10, [(10, 1), (10, 1)], 'Msolve')
    sage: ml_degree_slice(LinearNetwork([3, 1, 3]))[0]
    1
"""

import random

from sage.matrix.constructor import matrix
from sage.rings.finite_rings.finite_field_constructor import GF
from sage.rings.integer import Integer
from sage.rings.integer_ring import ZZ
from sage.rings.polynomial.polynomial_ring_constructor import PolynomialRing
from sage.rings.rational_field import QQ

from sage_neuro.constants import (LIKELIHOOD_RATIONAL_HEIGHT, POINT_SEARCHES, REDRAWS,
                                  SLICE_PRIME)
from sage_neuro.invariants.msolve import count_solutions, msolve_program
from sage_neuro.invariants.slice import CoordinateSlice
from sage_neuro.invariants.slicing import (DegenerateDraw, agreed_value, slice_pivots,
                                          squarefree_part)
from sage_neuro.provenance import Provenance, stopwatch

#: the engines counting the points of a likelihood system over ``GF(p)``
ENGINES = ("Auto", "Singular", "Msolve")

#: the methods of :func:`ml_degree`: ``'modular'`` over ``GF(32003)``,
#: ``'exact_random'`` over ``QQ`` (random slice and counts)
METHODS = ("modular", "exact_random")

#: the routes of :func:`ml_degree`
ROUTES = ("slice", "implicit")

#: up to this many unknowns ``'Auto'`` counts in-process with libSingular,
#: beyond with msolve. Measured (two seeds; the second figures on the shared
#: machine under load): the quadrics of rank <= 2 in three variables (MLP
#: ``[3, 2, 1]``, 12 unknowns) 0.28 s in Singular, 0.77 s in msolve
#: (process starts); CNN ``[3, 2]`` with ``x^2`` (14 unknowns, cubic
#: coordinates) 16 s against 2 s; 3x3 matrices of rank 2 (18 unknowns)
#: 0.05 s against 0.06 s per count on an idle machine, 3x4 (22) 0.33 s
#: against 0.10 s, 3x5 (28) 8.2 s against 0.6 s
SINGULAR_UNKNOWNS = 12


def check_counts(counts, length, name="data"):
    r"""
    Return ``counts`` as a list of positive Sage integers, checking that it
    has ``length`` entries.

    Counts of observations are positive integers; a zero count would put
    the data on a coordinate hyperplane, where the likelihood equations
    change.

    INPUT:

    - ``counts`` -- a list or tuple of positive integers
    - ``length`` -- the number of coordinates
    - ``name`` -- the argument's name, for error messages

    OUTPUT: a list of ``Integer``

    EXAMPLES::

        sage: from sage_neuro.invariants.likelihood import check_counts
        sage: check_counts([3, 1, 2], 3)
        [3, 1, 2]
        sage: check_counts([3, -1, 2], 3)
        Traceback (most recent call last):
        ...
        ValueError: data must be positive integers (counts of observations); entry 1 is -1
        sage: check_counts([3, 1/2, 2], 3, name='u')
        Traceback (most recent call last):
        ...
        ValueError: u must be positive integers (counts of observations); entry 1 is 1/2
        sage: check_counts([3, 1], 3)
        Traceback (most recent call last):
        ...
        ValueError: data must have 3 entries (one count per coordinate), got 2
        sage: check_counts('abc', 3)
        Traceback (most recent call last):
        ...
        TypeError: data must be a list of 3 positive integers, not 'abc'
    """
    if isinstance(counts, (str, bytes)) or not hasattr(counts, "__iter__"):
        raise TypeError("%s must be a list of %d positive integers, not %r"
                        % (name, length, counts))
    counts = list(counts)
    if len(counts) != length:
        raise ValueError("%s must have %d entries (one count per coordinate), got %d"
                         % (name, length, len(counts)))
    out = []
    for i, c in enumerate(counts):
        if type(c).__module__ == "numpy" and hasattr(c, "item"):
            c = c.item()
        ok = not isinstance(c, (bool, str, bytes))
        if ok:
            try:
                ok = c in ZZ and ZZ(c) > 0
            except (TypeError, ValueError, ArithmeticError):
                ok = False
        if not ok:
            raise ValueError("%s must be positive integers (counts of observations); entry %d "
                             "is %s" % (name, i, c))
        out.append(ZZ(c))
    return out


def _check_coordinates(net):
    # the likelihood needs every coordinate to be a nonzero function
    for name, f in zip(net.coordinate_names(), net.coordinate_functions()):
        if f == 0:
            raise ValueError("the neuromanifold lies in the coordinate hyperplane %s = 0, where "
                             "the log-likelihood is not defined" % name)


class LikelihoodSlice:
    r"""
    The likelihood equations of a network on a coordinate slice of its
    parameters (see the module documentation, route 1).

    Attributes:

    - ``ring`` -- the polynomial ring of the unknowns: ``t0, ..., t(d-1)``
      (the kept parameters), ``q0, ..., q(n-1)`` (``q_i = 1 / G_i``), ``z``
      (the inverse of the rank-drop minor) and, for a neuromanifold that is
      not a cone, ``s`` (the inverse of ``sum_i G_i``)
    - ``equations`` -- the critical equations
    - ``fiber`` -- the equations ``G(t) = G(base)`` of the fiber of the
      sliced map through a random point (in a ring of the ``t`` unknowns
      alone)
    - ``coordinates`` -- the sliced coordinate functions ``G_i`` (in ``ring``)
    - ``counts`` -- the data ``u`` (in the base field)
    - ``slice`` -- the :class:`~sage_neuro.invariants.slice.CoordinateSlice`
      of the seed (nonzero constants; over ``QQ`` of absolute value at most
      :data:`~sage_neuro.constants.LIKELIHOOD_RATIONAL_HEIGHT`), whose
      random stream the counts and random points continue
    - ``kept``, ``constants`` -- the kept parameters, and the values of all
      parameters on the slice (those of the kept ones are ``None``)
    - ``is_cone`` -- whether the scale was fixed by ``sum_i G_i = 1``

    INPUT:

    - ``net`` -- an architecture
    - ``kept`` -- the parameters kept free (indices into the parameters;
      their Jacobian columns must be independent at a generic point)
    - ``seed`` -- seed of the slice constants, the counts (if not given) and
      the random point of the fiber and of the minor
    - ``field`` -- ``GF(p)`` or ``QQ`` (then the constants are small random
      nonzero integers, see ``slice``, and the counts random integers in
      ``1..100``)
    - ``counts`` -- the data ``u`` (positive integers), or ``None`` for
      random ones

    EXAMPLES::

        sage: from sage_neuro import PolynomialMLP
        sage: from sage_neuro.invariants.likelihood import LikelihoodSlice
        sage: from sage_neuro.invariants.slicing import slice_pivots
        sage: net = PolynomialMLP([2, 1, 1])          # w (a x + b y)^2
        sage: L = LikelihoodSlice(net, slice_pivots(net)[0], 1, QQ, counts=[3, 4, 5])
        sage: L.ring.variable_names(), L.is_cone
        (('t0', 't1', 'q0', 'q1', 'q2', 'z'), True)
        sage: len(L.equations), L.ring.ideal(L.equations).vector_space_dimension()
        (7, 2)
        sage: Rt = L.fiber[0].parent(); Rt
        Multivariate Polynomial Ring in t0, t1 over Rational Field
        sage: Rt.ideal(L.fiber).vector_space_dimension()     # (a, b) and (-a, -b)
        2
        sage: L.slice
        coordinate slice of PolynomialMLP([2, 1, 1], activation=2) keeping 2 of 3 parameters over QQ
    """

    def __init__(self, net, kept, seed, field, counts=None):
        _check_coordinates(net)
        N, n, d = int(net.num_parameters()), int(net.ambient_dimension()), len(kept)
        if d == 0:
            raise ValueError("the neuromanifold is a point: it has no likelihood equations")
        self.kept = [int(j) for j in kept]
        self.is_cone = bool(net.is_cone())
        p = field.characteristic()
        # the slice of the seed, nonzero constants (a vanishing one may put
        # a coordinate in a hyperplane G_i = 0); small ones over QQ
        self.slice = CoordinateSlice.random(net, self.kept, seed, p, nonzero=True,
                                            height=LIKELIHOOD_RATIONAL_HEIGHT)
        rng = self.slice.stream()
        constant = self.slice.drawer(rng)
        draw = lambda: field(constant())  # noqa: E731
        names = (["t%d" % i for i in range(d)] + ["q%d" % i for i in range(n)] + ["z"]
                 + ([] if self.is_cone else ["s"]))
        R = PolynomialRing(field, names, order="degrevlex")
        self.ring = R
        t, q, z = R.gens()[:d], R.gens()[d:d + n], R.gen(d + n)
        consts = [None] * N
        for j, c in zip(self.slice.fixed, self.slice.fixed_values):
            consts[j] = field(c)
        self.constants = consts
        # the coordinate functions on the slice, read from its restriction
        # of the term table of mu (the t unknowns come first in R)
        keys, rows = self.slice.restriction()
        pad = (0,) * (R.ngens() - d)
        G = [R({keys[k] + pad: c for k, c in row.items() if c}) for row in rows]
        self.coordinates = G
        if counts is None:
            counts = ([rng.randrange(1, p) for _ in range(n)] if p
                      else [rng.randint(1, 100) for _ in range(n)])
        u = [field(c) for c in counts]
        if any(c == 0 for c in u):
            raise DegenerateDraw("a count vanishes modulo %s" % p)
        self.counts = u
        up = sum(u)
        S = sum(G)
        J = [[g.derivative(x) for x in t] for g in G]
        # a maximal minor of the sliced Jacobian: d rows independent at a
        # random point, the sparsest rows first (a cheaper determinant)
        point = [draw() for _ in range(d)]
        at = list(point) + [0] * (R.ngens() - d)
        order = sorted(range(n), key=lambda i: (sum(1 for e in J[i] if e), i))
        Jp = matrix(field, [[J[i][j](*at) for i in order] for j in range(d)])
        pivots = Jp.pivots()
        if len(pivots) < d:
            raise DegenerateDraw("the sliced Jacobian has rank %d < %d at a random point: "
                                 "dependent kept parameters or a non-generic draw"
                                 % (len(pivots), d))
        # squarefree: the same zeros, a smaller equation z * minor = 1
        minor = squarefree_part(matrix(R, [J[order[c]] for c in pivots]).det())
        if self.is_cone:
            # L is constant on lines: fix the scale
            grad = [sum(u[i] * q[i] * J[i][j] for i in range(n))
                    - up * sum(J[i][j] for i in range(n)) for j in range(d)]
            extra = [S - 1]
        else:
            s = R.gen(d + n + 1)
            grad = [sum(u[i] * q[i] * J[i][j] for i in range(n))
                    - up * s * sum(J[i][j] for i in range(n)) for j in range(d)]
            extra = [s * S - 1]
        self.equations = grad + [q[i] * G[i] - 1 for i in range(n)] + extra + [z * minor - 1]
        base = [draw() for _ in range(d)]
        at = list(base) + [0] * (R.ngens() - d)
        # in a ring of the t unknowns alone, where the fiber is finite
        # (multivariate also for d = 1: the same ideal interface)
        Rt = PolynomialRing(field, d, names[:d], order="degrevlex")
        self.fiber = [Rt(g - g(*at)) for g in G if g.degree() > 0] or [Rt.zero()]

    def __repr__(self):
        return ("Likelihood equations on a coordinate slice: %d unknowns, %d equations"
                % (self.ring.ngens(), len(self.equations)))


def _vdim(system):
    # points with multiplicity of a zero-dimensional system, -1 otherwise
    I = system[0].parent().ideal(system)
    if I.dimension() != 0:
        return -1
    return Integer(I.vector_space_dimension())


def _count(systems, engine, timeout):
    # [number of solutions] of each system, by the engine; DegenerateDraw if
    # one is not zero-dimensional
    if engine == "Msolve":
        try:
            return count_solutions(systems, timeout=timeout)
        except ArithmeticError:
            raise DegenerateDraw("a likelihood system is not zero-dimensional: a non-generic "
                                 "draw; try other seeds") from None
    out = [_vdim(s) for s in systems]
    if any(c < 0 for c in out):
        raise DegenerateDraw("a likelihood system is not zero-dimensional: a non-generic draw; "
                             "try other seeds")
    return out


def distinct_image_points(L, seed=0):
    r"""
    Return the number of distinct function-space points ``G(t)`` over the
    solutions of the likelihood system ``L`` (a :class:`LikelihoodSlice`):
    the degree of the squarefree part of the characteristic polynomial of
    multiplication by a random linear form ``l(G)`` on the quotient ring
    (its roots are the values of ``l`` at the image points).

    For special counts the critical points may collide or have
    multiplicity; this counts them once each (the ``b`` parameter points
    over each image point included).

    INPUT:

    - ``L`` -- a :class:`LikelihoodSlice`
    - ``seed`` -- seed of the linear form

    OUTPUT: an Integer

    EXAMPLES::

        sage: from sage_neuro import PolynomialMLP
        sage: from sage_neuro.invariants.likelihood import LikelihoodSlice, distinct_image_points
        sage: from sage_neuro.invariants.slicing import slice_pivots
        sage: net = PolynomialMLP([2, 1, 1])
        sage: L = LikelihoodSlice(net, slice_pivots(net)[0], 1, GF(32003), counts=[3, 4, 5])
        sage: distinct_image_points(L)       # 2 parameter points, one distribution
        1
    """
    R = L.ring
    K = R.base_ring()
    I = R.ideal(L.equations)
    if I.dimension() != 0:
        raise DegenerateDraw("the likelihood system is not zero-dimensional")
    rng = random.Random(int(seed))
    form = sum(K(rng.randint(1, 97)) * g for g in L.coordinates)
    e = _characteristic_polynomial(I, form)
    return Integer((e // e.gcd(e.derivative())).degree())


def _characteristic_polynomial(I, form):
    # the characteristic polynomial of multiplication by form on R / I
    gb = I.groebner_basis()
    basis = I.normal_basis()
    index = {m: k for k, m in enumerate(basis)}
    K = I.ring().base_ring()
    rows = []
    for m in basis:
        r = (form * m).reduce(gb)
        row = [K.zero()] * len(basis)
        for c, mon in zip(r.coefficients(), r.monomials()):
            row[index[mon]] = c
        rows.append(row)
    return matrix(K, rows).charpoly()


def ml_degree_slice(net, seeds=(1, 2), prime=SLICE_PRIME, data=None, engine="Auto", timeout=None):
    r"""
    Return ``(value, counts, engine)``: the ML degree of the neuromanifold
    of ``net`` by the parametric route on coordinate slices (one per seed;
    all must agree), ``counts`` the pairs ``(a, b)`` of each seed
    (``value = a / b``: ``a`` solutions of the likelihood system, ``b``
    points of a generic fiber of the slice), ``engine`` what counted.

    INPUT:

    - ``net`` -- an architecture
    - ``seeds`` -- seeds of the slices and counts
    - ``prime`` -- a prime for ``GF(prime)``, or ``0`` for ``QQ``
    - ``data`` -- counts ``u`` (positive integers), or ``None`` for random
      ones; with data the number of *distinct* critical points in function
      space is returned (fewer on the ML discriminant), ``b = 1``
    - ``engine`` -- one of :data:`ENGINES`: ``'Auto'`` (libSingular up to
      :data:`SINGULAR_UNKNOWNS` unknowns, else msolve when it is installed),
      ``'Singular'`` or ``'Msolve'`` (prime fields only)
    - ``timeout`` -- seconds for the msolve processes

    OUTPUT: a tuple ``(Integer, list of pairs, str)``

    A non-generic draw raises
    :class:`~sage_neuro.invariants.slicing.DegenerateDraw`.

    EXAMPLES::

        sage: from sage_neuro import LinearNetwork, PolynomialMLP
        sage: from sage_neuro.invariants.likelihood import ml_degree_slice
        sage: ml_degree_slice(LinearNetwork([4, 2, 3]))      # 3x4 matrices of rank <= 2
        (26, [(26, 1), (26, 1)], 'Msolve')
        sage: ml_degree_slice(LinearNetwork([3, 2, 3]), seeds=(3,), prime=0)
        (10, [(10, 1)], 'Singular')
        sage: ml_degree_slice(PolynomialMLP([2, 1, 1]))      # Hardy-Weinberg curve
        (1, [(2, 2), (2, 2)], 'Singular')
        sage: ml_degree_slice(LinearNetwork([3, 2, 3]), data=[3, 1, 4, 1, 5, 9, 2, 6, 5])[0]
        10

    Counts that form a matrix of rank 2 lie on the model (the ML estimate
    is the data itself): one critical point fewer, as the implicit route
    confirms::

        sage: from sage_neuro.invariants.likelihood import ml_degree_implicit
        sage: u = [1, 2, 3, 4, 5, 6, 7, 8, 9]
        sage: ml_degree_slice(LinearNetwork([3, 2, 3]), data=u)[0]
        9
        sage: ml_degree_implicit(LinearNetwork([3, 2, 3]).neuromanifold().ideal(), data=u)
        9
        sage: ml_degree_slice(LinearNetwork([3, 2, 3]), engine='F4')
        Traceback (most recent call last):
        ...
        ValueError: engine must be one of ('Auto', 'Singular', 'Msolve'), not 'F4'
    """
    if engine not in ENGINES:
        raise ValueError("engine must be one of %s, not %r" % (ENGINES, engine))
    n = len(net.coordinate_functions())
    if data is not None:
        data = check_counts(data, n)
    field = QQ if prime == 0 else GF(prime)
    kept, _ = slice_pivots(net, seed=seeds[0])
    systems = [LikelihoodSlice(net, kept, seed, field, counts=data) for seed in seeds]
    unknowns = systems[0].ring.ngens()
    if engine == "Auto":
        engine = ("Msolve" if prime != 0 and unknowns > SINGULAR_UNKNOWNS
                  and msolve_program() is not None else "Singular")
    if engine == "Msolve" and prime == 0:
        raise ValueError("engine 'Msolve' counts over prime fields only; use prime != 0 or "
                         "engine='Singular'")
    if data is not None:
        # distinct function-space points for these counts
        values = [distinct_image_points(L, seed=s) for L, s in zip(systems, seeds)]
        pairs = [(v, Integer(1)) for v in values]
        engine = "Singular"
    else:
        # the fibers are small systems in the t unknowns alone: in-process
        a = _count([L.equations for L in systems], engine, timeout)
        b = _count([L.fiber for L in systems], "Singular", timeout)
        pairs = [(Integer(x), Integer(y)) for x, y in zip(a, b)]
    value, pairs = agreed_value(tuple(seeds), pairs, count="likelihood count",
                                values_name="ML degrees", hint=": a non-generic draw")
    return value, pairs, engine


def implicit_likelihood_system(ideal, seed=1, prime=SLICE_PRIME, is_cone=None, data=None):
    r"""
    Return the Lagrange likelihood equations of the variety of the prime
    ``ideal`` over ``GF(prime)`` (route 2 of the module documentation): a
    list of polynomials in the coordinates, ``lam0, ..., lam(c-1)`` (one
    multiplier per random combination ``h_k`` of the generators, ``c`` the
    codimension), ``nu`` and ``z`` (the inverse of a maximal minor of the
    Jacobian of ``h``), whose solutions are the critical points.

    INPUT:

    - ``ideal`` -- a prime ideal over ``QQ`` (or ``GF(p)``) in the
      coordinates ``f_1, ..., f_n``, e.g. ``M.ideal()``
    - ``seed`` -- seed of the counts, the combinations ``h_k`` and the
      random point that chooses the minor
    - ``prime`` -- the prime
    - ``is_cone`` -- whether the variety is a cone (default: whether the
      ideal is homogeneous)
    - ``data`` -- counts, or ``None`` for random ones

    OUTPUT: a list of polynomials over ``GF(prime)``

    EXAMPLES::

        sage: from sage_neuro.invariants.likelihood import implicit_likelihood_system
        sage: R = PolynomialRing(QQ, 'p', 4)
        sage: E = implicit_likelihood_system(R.ideal([R.0 * R.3 - R.1 * R.2]), data=[3, 1, 2, 5])
        sage: E[0].parent().variable_names(), len(E)
        (('p0', 'p1', 'p2', 'p3', 'lam0', 'nu', 'z'), 7)
        sage: E[0].parent().ideal(E).vector_space_dimension()     # the independence model
        1
    """
    R0 = ideal.ring()
    n = R0.ngens()
    K = GF(prime)
    rng = random.Random(int(seed))
    if is_cone is None:
        is_cone = ideal.is_homogeneous()
    u = check_counts(data, n) if data is not None else [rng.randrange(1, prime) for _ in range(n)]
    u = [K(c) for c in u]
    gens = [g for g in ideal.gens() if g != 0]
    R1 = PolynomialRing(K, R0.variable_names(), order="degrevlex")
    gens = [R1(g) for g in gens]
    I1 = R1.ideal(gens)
    c = n - I1.dimension()
    names = list(R0.variable_names()) + ["lam%d" % k for k in range(c)] + ["nu", "z"]
    R = PolynomialRing(K, names, order="degrevlex")
    f = R.gens()[:n]
    lam = R.gens()[n:n + c]
    nu, z = R.gen(n + c), R.gen(n + c + 1)
    G = [R(g) for g in gens]
    h = [sum(K(rng.randrange(1, prime)) * g for g in G) for _ in range(c)]
    Jh = [[hk.derivative(fi) for fi in f] for hk in h]
    # a c x c minor of Jac(h) that does not vanish at a random point of the
    # variety (a rational point of a random affine section)
    point = _random_point(I1, rng, prime)
    at = list(point) + [0] * (c + 2)
    Jp = matrix(K, [[Jh[k][i](*at) for i in range(n)] for k in range(c)])
    cols = Jp.pivots()
    if len(cols) < c:
        raise DegenerateDraw("the Jacobian of the random combinations has rank %d < codim %d at "
                             "a random point of the variety" % (len(cols), c))
    minor = matrix(R, [[Jh[k][i] for i in cols] for k in range(c)]).det() if c else R.one()
    S = sum(f)
    if is_cone:
        lagrange = [u[i] - nu * f[i] - sum(lam[k] * f[i] * Jh[k][i] for k in range(c))
                    for i in range(n)]
        extra = [S - 1]
    else:
        # nu plays the part of 1 / sum(f)
        up = sum(u)
        lagrange = [u[i] - up * nu * f[i] - sum(lam[k] * f[i] * Jh[k][i] for k in range(c))
                    for i in range(n)]
        extra = [nu * S - 1]
    return G + lagrange + extra + [z * minor - 1]


def ml_degree_implicit(ideal, seed=1, prime=SLICE_PRIME, is_cone=None, data=None, engine="Auto",
                       timeout=None):
    r"""
    Return the ML degree of the variety of the prime ``ideal`` by the
    Lagrange likelihood equations on the ideal itself, over ``GF(prime)``
    (route 2 of the module documentation).

    INPUT:

    - ``ideal``, ``seed``, ``prime``, ``is_cone``, ``data`` -- as for
      :func:`implicit_likelihood_system`, which builds the equations
    - ``engine`` -- one of :data:`ENGINES` (``'Auto'``: libSingular up to
      :data:`SINGULAR_UNKNOWNS` unknowns, else msolve)
    - ``timeout`` -- seconds for msolve

    OUTPUT: an Integer, the number of solutions (with multiplicity) of the
    Lagrange system

    EXAMPLES:

    The determinant of a 3x3 matrix (rank <= 2, ML degree 10) and the 2x2
    minors (rank 1, the independence model)::

        sage: from sage_neuro.invariants.likelihood import ml_degree_implicit
        sage: R = PolynomialRing(QQ, 'p', 9)
        sage: P = matrix(R, 3, 3, R.gens())
        sage: ml_degree_implicit(R.ideal([P.det()]))
        10
        sage: ml_degree_implicit(R.ideal(P.minors(2)))
        1

    A curve that is not a cone, ``f_2 = f_1^2``: on it ``L = u_1 log x +
    u_2 log x^2 - u_+ log(x + x^2) = u_2 log x - u_+ log(1 + x)`` has the
    one critical point ``x = u_2 / u_1``::

        sage: S.<x, y> = QQ[]
        sage: ml_degree_implicit(S.ideal([y - x^2]))
        1
    """
    if engine not in ENGINES:
        raise ValueError("engine must be one of %s, not %r" % (ENGINES, engine))
    system = implicit_likelihood_system(ideal, seed=seed, prime=prime, is_cone=is_cone, data=data)
    return _count([system], _implicit_engine(system, engine), timeout)[0]


def _implicit_engine(system, engine):
    # 'Auto': libSingular for small systems, msolve beyond
    if engine == "Auto":
        return ("Msolve" if system[0].parent().ngens() > SINGULAR_UNKNOWNS
                and msolve_program() is not None else "Singular")
    return engine


def _random_point(I, rng, p):
    # a point of V(I) over GF(p) with nonzero coordinates: a rational point
    # of a random affine section of complementary dimension (see
    # POINT_SEARCHES for how many sections are tried)
    R = I.ring()
    K = R.base_ring()
    dim = I.dimension()
    for _ in range(POINT_SEARCHES):
        lines = [sum(K(rng.randrange(p)) * x for x in R.gens()) - K(rng.randrange(p))
                 for _ in range(dim)]
        J = I + R.ideal(lines)
        if J.dimension() != 0:
            continue
        for pt in J.variety():
            if all(pt[x] != 0 for x in R.gens()):
                return [pt[x] for x in R.gens()]
    raise DegenerateDraw("no point of the variety over GF(%d) with nonzero coordinates was found "
                         "in %d random sections" % (p, POINT_SEARCHES))


def ml_degree(M, method="modular", seeds=(1, 2), data=None, route="slice", engine="Auto",
              timeout=None):
    r"""
    Return the ML degree of the neuromanifold ``M`` with its
    :class:`~sage_neuro.provenance.Provenance` record: a pair
    ``(value, record)``.

    INPUT:

    - ``M`` -- a :class:`~sage_neuro.neuromanifold.Neuromanifold`
    - ``method`` -- ``'modular'`` (default: over ``GF(32003)``) or
      ``'exact_random'`` (the slice route over ``QQ``: random rational
      slice and counts; libSingular, small cases only: the 3x4 matrices of
      rank 2 already take tens of seconds)
    - ``seeds`` -- the seeds; all must agree. A non-generic draw is
      redrawn with the next seeds (at most
      :data:`~sage_neuro.constants.REDRAWS` times) and recorded
    - ``data`` -- counts (positive integers), or ``None`` for generic ones;
      with data, the number of distinct critical points (the implicit
      route counts them with multiplicity)
    - ``route`` -- ``'slice'`` (default: parametric, no implicit ideal) or
      ``'implicit'`` (Lagrange equations on ``M.ideal()``; ``'modular'``
      only)
    - ``engine`` -- one of :data:`ENGINES`
    - ``timeout`` -- seconds for the msolve processes and Macaulay2

    OUTPUT: a pair ``(Integer, Provenance)``

    EXAMPLES::

        sage: from sage_neuro import LinearNetwork
        sage: from sage_neuro.invariants.likelihood import ml_degree
        sage: M = LinearNetwork([3, 2, 3]).neuromanifold()
        sage: ml_degree(M)
        (10, ml_degree = 10  [modular: p = 32003, seeds (1, 2); ...])
        sage: ml_degree(M, route='implicit')[0]
        10
        sage: ml_degree(M, method='exact_random', seeds=(4,))[1].method
        'exact_random'
        sage: ml_degree(M, route='numerical')
        Traceback (most recent call last):
        ...
        ValueError: route must be one of ('slice', 'implicit'), not 'numerical'
        sage: ml_degree(M, method='exact')
        Traceback (most recent call last):
        ...
        ValueError: method must be one of 'modular', 'exact_random', not 'exact'
    """
    from sage_neuro.validation import check_method
    check_method(method, METHODS)
    if route not in ROUTES:
        raise ValueError("route must be one of %s, not %r" % (ROUTES, route))
    if route == "implicit" and method != "modular":
        raise ValueError("the implicit route counts over GF(p) only: method='modular'")
    net = M.architecture()
    _check_coordinates(net)
    n = len(net.coordinate_functions())
    if data is not None:
        data = check_counts(data, n)
    seeds = tuple(int(s) for s in seeds)
    if not seeds:
        raise ValueError("seeds must list at least one seed")
    prime = SLICE_PRIME if method == "modular" else 0
    redrawn = []
    with stopwatch() as watch:
        for attempt in range(REDRAWS + 1):
            try:
                if route == "slice":
                    value, pairs, used = ml_degree_slice(net, seeds=seeds, prime=prime, data=data,
                                                         engine=engine, timeout=timeout)
                else:
                    I = M.ideal(timeout=timeout)
                    if engine not in ENGINES:
                        raise ValueError("engine must be one of %s, not %r" % (ENGINES, engine))
                    # the seeds' systems side by side (msolve: one process each)
                    systems = [implicit_likelihood_system(I, seed=s, prime=prime,
                                                          is_cone=net.is_cone(), data=data)
                               for s in seeds]
                    used = _implicit_engine(systems[0], engine)
                    values = _count(systems, used, timeout)
                    if len(set(values)) != 1:
                        raise DegenerateDraw("the seeds %s gave different counts %s"
                                             % (seeds, values))
                    value, pairs = values[0], values
                break
            except DegenerateDraw as exc:
                if attempt == REDRAWS:
                    raise
                redrawn.append("seeds %s: %s" % (seeds, exc))
                seeds = tuple(s + len(seeds) for s in seeds)
    if route == "slice":
        how = ("likelihood equations J^T grad L(G) = 0 on a coordinate slice of the parameters, "
               "1/G_i as unknowns, %srank-drop locus removed by a Rabinowitsch variable (%s)"
               % ("scale fixed by sum G = 1, " if net.is_cone() else "", used))
        note = "(solutions, fiber points) per seed: %s" % (pairs,)
    else:
        how = ("Lagrange likelihood equations on the implicit ideal, codim-many random "
               "combinations of its generators, a maximal minor of their Jacobian inverted (%s)"
               % used)
        note = "solutions per seed: %s" % (pairs,)
    if data is not None:
        note += "; distinct critical points in function space for the counts %s" % (data,)
    note += "".join("; redrawn after %s" % r for r in redrawn)
    choices = "coordinate slice, counts" if data is None else "coordinate slice"
    if route == "implicit":
        choices = "combinations of the generators, counts" if data is None else "combinations"
    record = Provenance("ml_degree", value, method, primes=(prime,) if prime else (), seeds=seeds,
                        seconds=watch[0], route=how, note=note, choices=choices)
    return value, record
