r"""
Segre classes of subschemes of products of projective spaces, from
projective degrees counted by msolve.

Let ``Y = P^{n_1} x ... x P^{n_L}`` with Chow ring ``ZZ[H_1, ..., H_L] /
(H_i^{n_i + 1})`` and ``Z`` the subscheme cut out by multihomogeneous forms
``g_1, ..., g_r``. Let ``alpha`` be the componentwise largest multidegree
of the ``g_j``; the forms of ``I(Z)`` of multidegree ``alpha`` define a
rational map ``phi: Y --> P^M`` with base scheme ``Z``. On the blow-up
``pi: Y~ -> Y`` along ``Z`` with exceptional divisor ``E``, ``phi`` is
given by ``beta = pi^* alpha - E``, and Fulton's ``s(Z, Y) = sum_{k >= 1}
(-1)^(k-1) pi_* E^k`` gives, for every monomial ``w`` of codimension
``c``,

.. MATH::

    N_w = \int_{\tilde Y} \beta^c \, \pi^* (pt / w)
        = \int_Y (pt / w) \alpha^c - \int_Y (pt / w) \bigl((1 + \alpha)^c s(Z, Y)\bigr)_c ,

where ``pt / w`` is the monomial with ``w (pt / w)`` the class of a point.
The projective degree ``N_w`` is a count of points: on a general linear
subspace of class ``pt / w`` (dimension ``w_i`` in the ``i``-th factor),
the points outside ``Z`` where ``c`` general forms of ``I(Z)_alpha``
vanish. The codimension-``c`` part of ``s(Z, Y)`` enters the formula
through ``int (pt/w) s_c``, the coefficient of ``w``; the others are
known from smaller ``c``, so the counts give ``s(Z, Y)`` codimension by
codimension (Harris-Helmer, arXiv 1703.04866, which the Macaulay2 package
``SegreClasses`` implements with Groebner bases in Macaulay2).

Here every count is a zero-dimensional system in an affine chart of the
linear subspace, with ``1 - t R`` for a random combination ``R`` of the
``g_j`` (the points off ``Z``), solved by msolve over ``GF(p)``, all
systems side by side. The random choices (the subspaces, the charts, the
forms of ``I(Z)_alpha`` and ``R``) are made mod ``p`` from a seed;
each is bad only on a proper Zariski-closed subset of the choices, whose
degree is not bounded here, so no failure probability is claimed: two
seeds or two primes that agree confirm the class.

EXAMPLES:

The Segre class of a point of ``P^2`` (a reduced point: its class) and of
the fat point ``(x^2, y)`` (length 2)::

    sage: from sage_neuro.invariants.segre_class import segre_class
    sage: R.<x, y, z> = GF(32003)[]
    sage: segre_class([x, y], [[x, y, z]])
    H1^2
    sage: segre_class([x^2, y], [[x, y, z]])
    2*H1^2

Two lines with an embedded point where they meet: the conic ``xy = 0``
contributes ``2h / (1 + 2h) = 2h - 4h^2``, the residual point ``h^2``
(Fulton, *Intersection theory*, Proposition 9.2)::

    sage: segre_class([x^2 * y, x * y^2], [[x, y, z]])
    -3*H1^2 + 2*H1

A line of ``P^3`` has Segre class ``[L] - 2 [pt]`` (its normal bundle is
``O(1)^2``, and ``c(N)^{-1} = 1 - 2 h``)::

    sage: R.<x, y, z, w> = GF(32003)[]
    sage: segre_class([x, y], [[x, y, z, w]])
    -2*H1^3 + H1^2
"""

from itertools import combinations_with_replacement, product

from sage.misc.misc_c import prod

from sage.rings.finite_rings.finite_field_constructor import GF
from sage.rings.integer_ring import ZZ
from sage.rings.polynomial.polynomial_ring_constructor import PolynomialRing

from sage_neuro.validation import check_prime


def chow_ring(dims):
    r"""
    Return the polynomial ring ``ZZ[H1, ..., HL]`` in which the classes of
    ``P^{n_1} x ... x P^{n_L}`` are written (reduced by
    :func:`truncate`: ``H_i^{n_i + 1} = 0``).

    INPUT:

    - ``dims`` -- the dimensions ``(n_1, ..., n_L)``, positive integers

    OUTPUT: a polynomial ring over ``ZZ``

    EXAMPLES::

        sage: from sage_neuro.invariants.segre_class import chow_ring
        sage: chow_ring([2, 1])
        Multivariate Polynomial Ring in H1, H2 over Integer Ring
        sage: chow_ring([2, 0])
        Traceback (most recent call last):
        ...
        ValueError: dims must be positive integers (the dimensions of the projective spaces), not [2, 0]
    """
    if not dims or any(int(n) != n or n < 1 for n in dims):
        raise ValueError("dims must be positive integers (the dimensions of the projective "
                         "spaces), not %r" % (list(dims),))
    # multivariate also for one factor, so that monomials are exponent tuples
    return PolynomialRing(ZZ, len(dims), ["H%d" % (i + 1) for i in range(len(dims))],
                          order="deglex")


def truncate(a, dims):
    r"""
    Return the class ``a`` with every monomial ``H^e`` with some ``e_i >
    n_i`` removed (the relations ``H_i^{n_i + 1} = 0``).

    INPUT:

    - ``a`` -- an element of :func:`chow_ring` of ``dims``
    - ``dims`` -- the dimensions ``(n_1, ..., n_L)``

    OUTPUT: an element of the same ring

    EXAMPLES::

        sage: from sage_neuro.invariants.segre_class import chow_ring, truncate
        sage: A = chow_ring([2, 1]); H1, H2 = A.gens()
        sage: truncate((1 + H1 + H2)^3, [2, 1])
        3*H1^2*H2 + 3*H1^2 + 6*H1*H2 + 3*H1 + 3*H2 + 1
    """
    A = a.parent()
    return A({e: c for e, c in a.dict().items() if all(k <= n for k, n in zip(e, dims))})


def degree_of(a, dims):
    r"""
    Return ``int_Y a``: the coefficient of the class of a point
    ``H1^{n_1} ... HL^{n_L}``.

    INPUT:

    - ``a`` -- an element of :func:`chow_ring` of ``dims``
    - ``dims`` -- the dimensions ``(n_1, ..., n_L)``

    OUTPUT: an integer

    EXAMPLES::

        sage: from sage_neuro.invariants.segre_class import chow_ring, degree_of
        sage: A = chow_ring([1, 1]); H1, H2 = A.gens()
        sage: degree_of((H1 + H2)^2, [1, 1])        # P^1 x P^1 in O(1, 1) has degree 2
        2
    """
    point = tuple(int(n) for n in dims)
    return ZZ(sum(c for e, c in a.dict().items() if tuple(e) == point))


def _multidegrees(f, blocks):
    # the multidegrees in the blocks of the monomials of f (one for a
    # multihomogeneous f)
    index = {str(v): i for i, b in enumerate(blocks) for v in b}
    gens = f.parent().gens()
    return {tuple(sum(e for v, e in zip(gens, m) if index.get(str(v)) == i)
                  for i in range(len(blocks))) for m in f.exponents()}


def _tangent_class(dims):
    # c(T_Y) = prod_i (1 + H_i)^(n_i + 1)
    A = chow_ring(dims)
    tangent = A.one()
    for n, x in zip(dims, A.gens()):
        tangent *= (1 + x) ** (n + 1)
    return tangent


def _milnor_class(s, D, dims):
    # Aluffi's c(T_Y) (1 + D)^{-1} (s^vee (x) O(D)) for the Segre class s of
    # the singular scheme of a hypersurface of class D
    A = chow_ring(dims)
    s, D, d = A(s), A(D), sum(dims)
    twisted = A.zero()
    for e, c in s.dict().items():
        twisted += (-1) ** sum(e) * c * A.monomial(*e) * _series_inverse(D, d) ** sum(e)
    return truncate(_tangent_class(dims) * _series_inverse(D, d) * truncate(twisted, dims), dims)


def _series_inverse(x, d):
    # (1 + x)^(-1) up to codimension d, x of positive codimension
    return sum((-x) ** k for k in range(d + 1))


def segre_class(generators, blocks, seed=1, timeout=None, processes=None, checkpoint=None,
                verbose=False):
    r"""
    Return the Segre class ``s(Z, Y)`` of the subscheme ``Z`` cut out by
    multihomogeneous ``generators`` in the product ``Y`` of the projective
    spaces of the coordinate ``blocks``, from its projective degrees
    counted mod ``p`` (module documentation).

    INPUT:

    - ``generators`` -- polynomials over ``GF(p)``, ``p < 2^31``,
      multihomogeneous in the blocks
    - ``blocks`` -- lists of the generators of their ring, one list per
      factor ``P^{n_i}`` (``n_i + 1`` coordinates, ``n_i >= 1``), covering
      all of them
    - ``seed`` -- (default ``1``) the seed of the random choices
    - ``timeout`` -- (default ``None``) seconds for all counts together;
      ``TimeoutError`` when they do not finish
    - ``processes`` -- (default ``None``) msolve processes side by side,
      as in :func:`~sage_neuro.invariants.msolve.count_solutions`
    - ``checkpoint`` -- (default ``None``) a file name: every projective
      degree is written there as soon as it is counted, and a call with the
      same file counts only the degrees it lacks, so a run stopped by a
      time-out, an interrupt or a kill loses no finished count. The file
      also records the prime, the seed, the blocks and a SHA-256 digest of
      the generators, and a file of another computation is refused
      (``ValueError``).
    - ``verbose`` -- (default ``False``) print each projective degree as it
      is counted

    OUTPUT: an element of :func:`chow_ring` of ``(n_1, ..., n_L)``: the
    monomial ``H^e`` has codimension ``sum(e)``

    EXAMPLES:

    Two points of ``P^1 x P^1`` and a curve of bidegree ``(1, 1)`` (a
    smooth conic, normal bundle of degree 2)::

        sage: from sage_neuro.invariants.segre_class import segre_class
        sage: R.<a0, a1, b0, b1> = GF(32003)[]
        sage: segre_class([a0*b1 - a1*b0, a0*b0 - a1*b1], [[a0, a1], [b0, b1]])
        2*H1*H2
        sage: segre_class([a0*b0 - a1*b1], [[a0, a1], [b0, b1]])
        -2*H1*H2 + H1 + H2

    Bad input::

        sage: segre_class([a0*b1 - a1], [[a0, a1], [b0, b1]])
        Traceback (most recent call last):
        ...
        ValueError: generators must be multihomogeneous in the blocks, not a0*b1 - a1
        sage: segre_class([a0], [[a0, a1], [b0]])
        Traceback (most recent call last):
        ...
        ValueError: blocks must be lists of at least two generators of the ring, covering all of them, not [[a0, a1], [b0]]
        sage: segre_class([a0*b1], [[a0, a1], [b0, b1]], timeout=0)
        Traceback (most recent call last):
        ...
        TimeoutError: msolve did not finish within 0 seconds

    A checkpoint keeps the projective degrees; a second call counts only
    those the file lacks (here the last one, as after a run stopped before
    it finished)::

        sage: import json, os, tempfile
        sage: path = os.path.join(tempfile.mkdtemp(), "segre.json")
        sage: segre_class([a0*b0 - a1*b1], [[a0, a1], [b0, b1]], checkpoint=path, verbose=True,
        ....:             processes=1)
        projective degree N_(0, 1) = 0 (1 of 3 counted, 0 from the checkpoint)
        projective degree N_(1, 0) = 0 (2 of 3 counted, 0 from the checkpoint)
        projective degree N_(1, 1) = 0 (3 of 3 counted, 0 from the checkpoint)
        -2*H1*H2 + H1 + H2
        sage: state = json.load(open(path)); del state["counts"]["1,1"]
        sage: json.dump(state, open(path, "w"))
        sage: segre_class([a0*b0 - a1*b1], [[a0, a1], [b0, b1]], checkpoint=path, verbose=True)
        projective degree N_(1, 1) = 0 (1 of 1 counted, 2 from the checkpoint)
        -2*H1*H2 + H1 + H2
        sage: segre_class([a0*b0 - a1*b1], [[a0, a1], [b0, b1]], seed=2, checkpoint=path)
        Traceback (most recent call last):
        ...
        ValueError: checkpoint ... holds the counts of other generators, blocks, prime or seed
    """
    generators = list(generators)
    if not generators:
        raise ValueError("generators must be a nonempty list of polynomials")
    R = generators[0].parent()
    K = R.base_ring()
    if not (K.is_finite() and K.is_prime_field()):
        raise ValueError("generators must be polynomials over a prime field GF(p), p < 2^31, "
                         "not over %s" % (K,))
    p = check_prime(K.order())
    gens = list(R.gens())
    blocks = [list(b) for b in blocks]
    if (any(len(b) < 2 for b in blocks) or sorted(map(str, sum(blocks, [])))
            != sorted(map(str, gens))):
        raise ValueError("blocks must be lists of at least two generators of the ring, "
                         "covering all of them, not %r" % (blocks,))
    gs = [R(g) for g in generators if g != 0]
    dims = [len(b) - 1 for b in blocks]
    A = chow_ring(dims)
    if not gs:
        # Z = Y
        return A.one()
    degrees = []
    for g in gs:
        ds = _multidegrees(g, blocks)
        if len(ds) != 1:
            raise ValueError("generators must be multihomogeneous in the blocks, not %s" % (g,))
        degrees.append(ds.pop())
    d = sum(dims)
    alpha = [max(dg[i] for dg in degrees) for i in range(len(blocks))]
    H = A.gens()
    a = sum(k * h for k, h in zip(alpha, H))
    F = GF(p)
    import random
    rng = random.Random(int(seed))

    def rand():
        return F(rng.randrange(1, p))

    # the counts: for each monomial w (codimension c >= 1), the points off
    # Z of c general forms of I(Z)_alpha on a general linear subspace of
    # dimension w_i in the i-th factor, in an affine chart
    monomials = [w for w in product(*[range(n + 1) for n in dims]) if 0 < sum(w)]
    systems = []
    for w in monomials:
        names = ["y%d_%d" % (i, k) for i in range(len(blocks)) for k in range(w[i])] + ["t"]
        S = PolynomialRing(F, names, order="degrevlex")
        ys = S.gens()
        image, pos = {}, 0
        for i, b in enumerate(blocks):
            free = [S.one()] + list(ys[pos:pos + w[i]])
            pos += w[i]
            for v in b:
                image[v] = sum(rand() * y for y in free)
        sub = R.hom([image[v] for v in gens], S)
        pulled = [sub(g) for g in gs]
        # a general form of I(Z)_alpha: the sum of the g_j times general
        # forms of multidegree alpha - deg g_j (random coefficients on all
        # monomials of that multidegree)
        lin = [[sub(v) for v in b] for b in blocks]
        monomials_of = {}
        for dg in set(degrees):
            parts = [[prod(c) for c in combinations_with_replacement(lin[i], k - dg[i])]
                     for i, k in enumerate(alpha)]
            monomials_of[dg] = [prod(m) for m in product(*parts)]

        def general(pulled=pulled):
            return sum(sum(rand() * m for m in monomials_of[dg]) * g
                       for g, dg in zip(pulled, degrees))
        eqs = [general() for _ in range(sum(w))]
        t = ys[-1]
        eqs.append(1 - t * sum(rand() * g for g in pulled))
        systems.append(eqs)
    counts = _checkpointed_counts(systems, monomials, checkpoint,
                                  _checkpoint_key(gs, blocks, p, seed),
                                  timeout, processes, verbose)
    # solve for s(Z, Y) codimension by codimension
    s = A.zero()
    for c in range(1, d + 1):
        known = s
        for w in monomials:
            if sum(w) != c:
                continue
            dual = A.monomial(*[n - k for n, k in zip(dims, w)])
            expected = degree_of(truncate(dual * a ** c, dims), dims)
            correction = degree_of(truncate(dual * (1 + a) ** c * known, dims), dims)
            coefficient = expected - counts[w] - correction
            if coefficient:
                s += coefficient * A.monomial(*w)
    return s


def _checkpoint_key(generators, blocks, p, seed):
    # what a checkpoint file of segre_class belongs to: the prime, the seed,
    # the blocks, and a digest of the generators (their text can run to
    # megabytes, and the file is rewritten after every count)
    import hashlib
    text = "\n".join(sorted(map(str, generators)))
    return {"prime": int(p), "seed": int(seed), "blocks": [list(map(str, b)) for b in blocks],
            "generators_sha256": hashlib.sha256(text.encode()).hexdigest()}


def _checkpointed_counts(systems, monomials, checkpoint, key, timeout, processes, verbose):
    # the projective degrees of segre_class, those in the checkpoint file
    # taken from it and the others counted and written there one by one
    # (an atomic rename each time: a kill leaves the last complete file)
    import json
    import os
    from sage_neuro.invariants.msolve import count_solutions
    known = {}
    if checkpoint is not None and os.path.exists(checkpoint):
        with open(checkpoint) as f:
            state = json.load(f)
        if state.get("key") != json.loads(json.dumps(key)):
            raise ValueError("checkpoint %s holds the counts of other generators, blocks, "
                             "prime or seed" % (checkpoint,))
        known = {tuple(int(e) for e in w.split(",")): int(n) for w, n in state["counts"].items()}
    todo = [k for k, w in enumerate(monomials) if w not in known]
    counts = dict(known)

    def done(i, n):
        w = monomials[todo[i]]
        counts[w] = int(n)
        if checkpoint is not None:
            state = {"key": key, "counts": {",".join(map(str, v)): c for v, c in counts.items()}}
            with open(checkpoint + ".tmp", "w") as f:
                json.dump(state, f)
            os.replace(checkpoint + ".tmp", checkpoint)
        if verbose:
            print("projective degree N_%s = %s (%d of %d counted, %d from the checkpoint)"
                  % (w, n, len(counts) - len(known), len(todo), len(known)), flush=True)
    if todo:
        count_solutions([systems[k] for k in todo], timeout=timeout, processes=processes,
                        done=done)
    return counts


def euler_ed_count(dims, degrees):
    r"""
    Return ``(-1)^d chi(Y - (D' u H))`` for ``Y = P^{n_1} x ... x P^{n_L}``,
    ``H`` a general member of ``O(h)``, ``h = sum_i degrees_i H_i``, and
    ``D'`` a smooth member of ``O(2h)`` meeting ``H`` transversally: ``(-1)^d
    int c(T_Y) (1 + h)^{-1} (1 + 2h)^{-1}``.

    For a map ``mu: Y -> P^N`` of multidegree ``degrees``, unramified and
    birational onto its image ``X``, this is the generic ED degree of
    ``X`` (Maxim-Rodriguez-Wang, arXiv 1901.05550, with ``Eu_X = mu_* 1_Y``,
    :mod:`~sage_neuro.invariants.cnn_segre_veronese`; ``D'`` the pullback of
    a general quadric).

    INPUT:

    - ``dims`` -- the dimensions ``(n_1, ..., n_L)``
    - ``degrees`` -- the degrees of ``mu`` in the factors, positive integers

    OUTPUT: an integer

    EXAMPLES:

    The Segre-Veronese formula of CNN ``[3, 2]`` with ``t^2`` (``P^2 x P^1``
    in ``O(2, 1)``), and the ``3 x 3`` matrices of rank one (``P^2 x P^2``
    in ``O(1, 1)``, generic ED degree 39)::

        sage: from sage_neuro.invariants.segre_class import euler_ed_count
        sage: euler_ed_count([2, 1], [2, 1]), euler_ed_count([2, 2], [1, 1])
        (79, 39)
    """
    A, d = chow_ring(dims), sum(dims)
    h = sum(k * x for k, x in zip(degrees, A.gens()))
    kernel = _tangent_class(dims) * _series_inverse(h, d) * _series_inverse(2 * h, d)
    return (-1) ** d * degree_of(truncate(kernel, dims), dims)


def milnor_class_degree(s, dims, degrees):
    r"""
    Return ``chi(D - H) - chi(D' - H)`` up to the sign ``(-1)^d``, for a
    hypersurface ``D`` of class ``2h`` of ``Y = P^{n_1} x ... x P^{n_L}``
    whose singular scheme has Segre class ``s``, ``D'`` a smooth member of
    the same class and ``H`` a general member of ``O(h)``, ``h = sum_i
    degrees_i H_i``: by Aluffi's formula for the Milnor class (Aluffi,
    *Chern classes for singular hypersurfaces*, Trans. AMS 351, 1999,
    Theorem I.4), restricted to ``H``,

    .. MATH::

        (-1)^d \int_Y c(T_Y) (1 + h)^{-1} (1 + D)^{-1} \cap
        \bigl(s^\vee \otimes \mathcal{O}(D)\bigr), \qquad D = 2h,

    where ``a^vee`` changes the sign of the parts of odd codimension and
    ``a (x) O(D)`` divides the part of codimension ``i`` by ``(1 + D)^i``.
    Subtracted from :func:`euler_ed_count`, it gives ``(-1)^d chi(Y - (D u
    H))``.

    INPUT:

    - ``s`` -- an element of :func:`chow_ring` of ``dims`` (e.g. from
      :func:`segre_class`)
    - ``dims`` -- the dimensions ``(n_1, ..., n_L)``
    - ``degrees`` -- positive integers, ``h = sum_i degrees_i H_i``

    OUTPUT: an integer

    EXAMPLES:

    At isolated points, the sum of their Milnor numbers (the coefficient of
    the class of a point)::

        sage: from sage_neuro.invariants.segre_class import chow_ring, milnor_class_degree
        sage: H1, H2 = chow_ring([2, 1]).gens()
        sage: milnor_class_degree(8 * H1^2 * H2, [2, 1], [2, 1])
        8
        sage: milnor_class_degree(0 * H1, [2, 1], [2, 1])
        0
    """
    A, d = chow_ring(dims), sum(dims)
    h = sum(k * x for k, x in zip(degrees, A.gens()))
    restricted = _milnor_class(s, 2 * h, dims) * _series_inverse(h, d)
    return (-1) ** d * degree_of(truncate(restricted, dims), dims)


def hypersurface_euler_characteristic(f, blocks, seed=1, timeout=None, processes=None,
                                      checkpoint=None, verbose=False):
    r"""
    Return the topological Euler characteristic of the hypersurface ``{f =
    0}`` of a product ``Y`` of projective spaces, from Aluffi's formula for
    its Chern-Schwartz-MacPherson class (Aluffi, *Chern classes for singular
    hypersurfaces*, Trans. AMS 351, 1999, Theorem I.4):

    .. MATH::

        \chi(D) = \int_Y c(T_Y) \frac{D}{1 + D}
                + \int_Y c(T_Y) (1 + D)^{-1} \cap
                  \bigl(s(J, Y)^\vee \otimes \mathcal{O}(D)\bigr),

    the first term for a smooth member of the class ``D`` of ``f``, the
    second for the singular scheme ``J`` (the partial derivatives of
    ``f``; :func:`segre_class`, counted mod ``p`` at random choices from
    ``seed``).

    INPUT:

    - ``f`` -- a nonconstant multihomogeneous polynomial over ``GF(p)``
    - ``blocks`` -- the coordinates of the factors, as in :func:`segre_class`
    - ``seed``, ``timeout``, ``processes``, ``checkpoint``, ``verbose`` --
      as in :func:`segre_class` (the checkpoint keeps the projective
      degrees of the singular scheme)

    OUTPUT: an integer

    EXAMPLES:

    Plane cubics: smooth (a torus), nodal (a sphere with two points
    glued), cuspidal (a sphere); two lines, and a double line (a line)::

        sage: from sage_neuro.invariants.segre_class import hypersurface_euler_characteristic as chi
        sage: R.<x, y, z> = GF(32003)[]
        sage: [chi(g, [[x, y, z]]) for g in (x^3 + y^3 + z^3, y^2*z - x^3 - x^2*z, y^2*z - x^3)]
        [0, 1, 2]
        sage: chi(x*y, [[x, y, z]]), chi(x^2, [[x, y, z]])
        (3, 2)

    A curve of bidegree ``(2, 2)`` on ``P^1 x P^1`` (an elliptic curve)::

        sage: R.<a0, a1, b0, b1> = GF(32003)[]
        sage: chi(a0^2*b0^2 + a1^2*b1^2 + 3*a0*a1*b0*b1 + a0^2*b1^2 - a1^2*b0^2,
        ....:     [[a0, a1], [b0, b1]])
        0
        sage: chi(a0 - 1, [[a0, a1], [b0, b1]])
        Traceback (most recent call last):
        ...
        ValueError: f must be a nonconstant multihomogeneous polynomial in the blocks, not a0 - 1
    """
    blocks = [list(b) for b in blocks]
    R = f.parent()
    degs = _multidegrees(f, blocks)
    if len(degs) != 1 or sum(next(iter(degs))) == 0:
        raise ValueError("f must be a nonconstant multihomogeneous polynomial in the blocks, "
                         "not %s" % (f,))
    s = segre_class([f.derivative(v) for v in R.gens()], blocks, seed=seed, timeout=timeout,
                    processes=processes, checkpoint=checkpoint, verbose=verbose)
    dims = [len(b) - 1 for b in blocks]
    D = sum(k * x for k, x in zip(next(iter(degs)), s.parent().gens()))
    smooth = degree_of(truncate(_tangent_class(dims) * D * _series_inverse(D, sum(dims)), dims),
                       dims)
    return smooth + degree_of(_milnor_class(s, D, dims), dims)
