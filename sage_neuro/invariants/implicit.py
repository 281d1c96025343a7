r"""
The implicit equations of a neuromanifold and the ideals derived from them,
computed exactly over ``QQ`` in Macaulay2.

EXAMPLES::

    sage: from sage_neuro import LinearNetwork
    sage: from sage_neuro.invariants.implicit import implicit_ideal
    sage: implicit_ideal(LinearNetwork([2, 1, 2]))
    Ideal (c0_1*c1_0 - c0_0*c1_1) of Multivariate Polynomial Ring in c0_0, c0_1, c1_0, c1_1 over Rational Field
"""

from sage.rings.finite_rings.finite_field_constructor import GF
from sage.rings.integer import Integer
from sage.matrix.constructor import matrix

from sage_neuro.invariants.dimension import jacobian_evaluator
from sage_neuro.invariants.slice import CoordinateSlice
from sage_neuro.m2 import session
from sage_neuro.constants import CHECK_PRIME, IMPLICIT_RATIONAL_HEIGHT


def implicit_ideal(net, timeout=None, use_span=True, sliced=True):
    r"""
    Return the ideal of the Zariski closure of the image of ``mu`` (the
    kernel of the parametrization), by elimination in Macaulay2 over ``QQ``.

    With ``use_span`` (default) the affine linear span of the image is found
    first (exactly, see :mod:`sage_neuro.invariants.span`) and the
    elimination runs in coordinates on the span only; the ideal is its
    linear relations plus the lifted equations.

    INPUT:

    - ``net`` -- an architecture
    - ``timeout`` -- seconds (raises ``M2TimeoutError`` past it)
    - ``use_span`` -- boolean (default ``True``)
    - ``sliced`` -- boolean (default ``True``): eliminate on a coordinate
      slice of the parameters (a
      :class:`~sage_neuro.invariants.slice.CoordinateSlice` keeping the
      pivots of :func:`~sage_neuro.invariants.slicing.slice_pivots`, the
      others fixed at random nonzero integers of absolute value at most
      :data:`~sage_neuro.constants.IMPLICIT_RATIONAL_HEIGHT`; seeds 1, 2,
      3 in turn); the result is used only when every generator is
      proved to vanish on the full parametrization, which makes it the
      ideal of the image (otherwise, or with ``sliced=False``, the full
      elimination runs). 6x4 matrices of rank <= 2: 0.2 s instead of
      minutes.

    OUTPUT: an ideal of ``net.coordinate_ring()``

    EXAMPLES::

        sage: from sage_neuro import LinearNetwork, LightningSelfAttention
        sage: from sage_neuro.invariants.implicit import implicit_ideal
        sage: len(implicit_ideal(LinearNetwork([4, 2, 3])).gens())
        4
        sage: implicit_ideal(LinearNetwork([4, 2, 3]), sliced=False) == implicit_ideal(LinearNetwork([4, 2, 3]))
        True
        sage: I = implicit_ideal(LightningSelfAttention(2, 2, 1, 2))
        sage: sorted(g.degree() for g in I.gens())[-3:]
        [1, 1, 4]
    """
    C = net.coordinate_ring()
    span = None
    if use_span:
        from sage_neuro.invariants.span import LinearSpan
        span = LinearSpan(net)
        if span.dimension() == C.ngens():
            span = None
    if span is None:
        R, F = C, net.coordinate_functions()
    else:
        R, F = span.reduced_ring(), span.reduced_coordinate_functions()
    gens = _kernel(net, F, R, timeout, sliced)
    return C.ideal(gens) if span is None else span.lift_ideal(R.ideal(gens))


def _kernel(net, F, R, timeout, sliced):
    # Elimination on a coordinate slice first; its result is kept only when
    # Macaulay2 has proved it (every generator vanishes on the full map).
    # Macaulay2 builds the slice from the values of the fixed parameters,
    # drawn here as for every other slice.
    S = session()
    L = S.polys(F, net.parameter_ring())
    if sliced:
        from sage_neuro.invariants.slicing import slice_pivots
        kept, _ = slice_pivots(net)
        for seed in (1, 2, 3):
            sl = CoordinateSlice.random(net, kept, seed, 0, height=IMPLICIT_RATIONAL_HEIGHT,
                                        nonzero=True)
            gens, proved = S.call("implicitIdealSliced", L, sl.kept, sl.fixed_values, S.ring(R),
                                  timeout=timeout, ring=R)
            if proved:
                return gens
    return S.call("implicitIdeal", L, S.ring(R), timeout=timeout, ring=R)


def ideal_dimension_degree(I, timeout=None):
    r"""
    Return ``(dimension, degree)`` of an ideal, from Macaulay2.

    For a homogeneous ideal this is the affine dimension of the cone and the
    degree of the projective variety.

    EXAMPLES::

        sage: from sage_neuro.invariants.implicit import ideal_dimension_degree
        sage: R.<x,y,z> = QQ[]
        sage: ideal_dimension_degree(R.ideal([x*z - y^2]))
        (2, 2)
    """
    S = session()
    d, e = S.call("idealInvariants", S.ideal(I), timeout=timeout)
    return Integer(d), Integer(e)


def singular_components(I, strategy="Minors", timeout=None):
    r"""
    Return the minimal primes of the singular locus of the prime ideal ``I``
    (Jacobian criterion), as a list of Sage ideals.

    INPUT:

    - ``I`` -- a prime ideal of a polynomial ring over ``QQ``
    - ``strategy`` -- ``'Minors'`` (all minors of size ``codim I``) or
      ``'FastMinors'`` (good minors chosen by Macaulay2's FastMinors)

    EXAMPLES::

        sage: from sage_neuro.invariants.implicit import singular_components
        sage: R.<x,y,z> = QQ[]
        sage: singular_components(R.ideal([x*z - y^2]))
        [Ideal (z, y, x) of Multivariate Polynomial Ring in x, y, z over Rational Field]
    """
    if strategy not in ("Minors", "FastMinors"):
        raise ValueError("strategy must be 'Minors' or 'FastMinors', not %r" % (strategy,))
    S = session()
    R = I.ring()
    comps = S.call("singularComponents", S.ideal(I), ring=R, timeout=timeout,
                   options={"Strategy": '"%s"' % strategy})
    return [R.ideal(g) for g in comps]


def minimal_primes(I, timeout=None):
    r"""
    Return the minimal primes of ``I`` (computed in Macaulay2).

    EXAMPLES::

        sage: from sage_neuro.invariants.implicit import minimal_primes
        sage: R.<x,y> = QQ[]
        sage: sorted(minimal_primes(R.ideal([x*y])))
        [Ideal (y) of Multivariate Polynomial Ring in x, y over Rational Field, Ideal (x) of Multivariate Polynomial Ring in x, y over Rational Field]
    """
    S = session()
    R = I.ring()
    comps = S.call("minimalPrimeComponents", S.ideal(I), ring=R, timeout=timeout)
    return [R.ideal(g) for g in comps]




def _same_coordinates(net, sub):
    # coordinate c{i}_{k} of sub means the same monomial as in net
    B, Bs = [str(m) for m in net.monomial_basis()], [str(m) for m in sub.monomial_basis()]
    return len(Bs) <= len(B) and Bs == B[:len(Bs)] and \
        sub.coordinate_ring().ngens() <= net.coordinate_ring().ngens()


def singular_candidates(M, seed=0, points=3, timeout=None):
    r"""
    Return ``(components, note)``: the candidate components of the singular
    locus of the neuromanifold ``M`` -- the closures of the neuromanifolds of
    the subnetworks of smaller dimension, maximal under inclusion, each given
    by its exact ideal over ``QQ`` -- and a note saying what was checked.

    Each candidate is checked to lie in the singular locus: the Jacobian of
    the implicit equations of ``M`` has rank smaller than the codimension at
    ``points`` random points of the candidate over ``GF(CHECK_PRIME)``
    (a candidate failing the check is dropped). The reverse inclusion
    (singular locus inside the candidates) is not proved here.

    INPUT:

    - ``M`` -- a :class:`~sage_neuro.neuromanifold.Neuromanifold`
    - ``seed`` -- seed of the random points
    - ``points`` -- number of random points per candidate
    - ``timeout`` -- seconds per Macaulay2 call

    EXAMPLES::

        sage: from sage_neuro import LinearNetwork
        sage: from sage_neuro.invariants.implicit import singular_candidates
        sage: comps, note = singular_candidates(LinearNetwork([3, 2, 3]).neuromanifold())
        sage: [len(P.gens()) for P in comps], note[:40]
        ([9], 'candidate [3, 1, 3] in Sing: Jacobian of')
    """
    net = M.architecture()
    d = M.dimension()
    n = M.ambient_dimension()
    I = M.ideal(timeout=timeout)
    K = GF(CHECK_PRIME)
    C = I.ring()
    CK = C.change_ring(K)
    jac_at = jacobian_evaluator([CK(f) for f in I.gens()], CHECK_PRIME)
    cands = []
    for sub in net.subnetworks():
        Ms = sub.neuromanifold()
        if Ms.dimension() >= d:
            cands.extend((s, s.neuromanifold()) for s in sub.subnetworks()
                         if s.neuromanifold().dimension() < d)
        else:
            cands.append((sub, Ms))
    if not all(sub is None or _same_coordinates(net, sub) for sub, _ in cands):
        # the subnetworks live in another function space (CNNs with shorter
        # filters have shorter inputs): take their images inside this one
        from sage_neuro.invariants.subnetwork_check import subnetwork_images
        cands = [(img.sub, img) for img in subnetwork_images(net, timeout=timeout, include_zero=False)
                 if img.dimension < d]
    if net.is_homogeneous():
        # the vertex of the cone (also the image of the zero network): it is
        # singular unless M is a linear space, and it stays in the answer only
        # when no other component contains it
        cands.append((None, None))
    comps, notes = [], []
    for sub, Ms in cands:
        if sub is None:
            P = C.ideal(list(C.gens()))
            pts = [[K(0)] * n]
        elif not hasattr(Ms, "substitution"):
            P = C.ideal([C(g) for g in Ms.ideal(timeout=timeout).gens()])
            Fs = sub.coordinate_functions(K)
            pts = [[f(*th) for f in Fs] for th in
                   (sub.random_parameters(K, seed=seed + i, bound=1000) for i in range(points))]
        else:
            # a SubnetworkImage: its ideal is in C, its points are mu at the
            # substituted parameters
            P = Ms.ideal
            F = net.coordinate_functions()
            pts = []
            for i in range(points):
                th = sub.random_parameters(seed=seed + i, bound=10**6)
                full = [g(*th) for g in Ms.substitution]
                pts.append([K(f(*full)) for f in F])
        if any(P == Q for Q in comps):
            continue
        ok = True
        for x in pts:
            J = matrix(K, jac_at(x).tolist())
            if J.rank() >= n - d:
                ok = False
        if ok:
            comps.append(P)
            notes.append("candidate %s in Sing: Jacobian of the %d implicit equations has rank < "
                         "codim %d at %d random points of it over GF(%d), seeds %d..%d"
                         % ("the vertex" if sub is None else sub._repr_args(), len(I.gens()),
                            n - d, len(pts), CHECK_PRIME, seed, seed + len(pts) - 1))
    # keep the maximal candidates
    maximal = [P for P in comps if not any(Q != P and Q.gens() and all(q in P for q in Q.gens()) and
                                            not all(p in Q for p in P.gens()) for Q in comps)]
    notes.append("Sing inside the union of the candidates: not proved by this route")
    return maximal, "; ".join(notes)

