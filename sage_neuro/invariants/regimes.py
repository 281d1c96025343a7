r"""
Regimes of the real neuromanifold of a linear convolutional network (LCN):
thick or thin, real filling or not, closed or not in the Euclidean topology.

The function space of an LCN with filters of sizes ``k_1, ..., k_L`` and
strides ``s_1, ..., s_L`` is the set of end-to-end filters
``w_L * ... * w_1``; for stride one these are the real polynomials (binary
forms) of degree ``d = sum (k_i - 1)`` that factor over ``R`` into factors
of degrees ``k_i - 1`` (Kohn-Merkh-Montufar-Trager, arXiv 2108.01538); with
larger strides the factors are sparse (Kohn-Montufar-Shahverdi-Trager,
arXiv 2304.05752). The three regimes are decided here from the
parametrization, not from those theorems (the tests compare with them):

- :func:`is_thick` -- nonempty interior in the function space ``R^n``: iff
  the image has dimension ``n``. ``True`` is proved by a rational parameter
  where the Jacobian of ``mu`` has rank ``n`` (``mu`` is then open there);
  ``False`` by the rank of the symbolic Jacobian over the fraction field
  (exact), which is the dimension of the image.
- :func:`is_real_filling` -- equal to the real points of its Zariski
  closure. Stride one only: membership of a real binary form depends only
  on its number ``r`` of real roots (counted with multiplicity, the root at
  infinity included), since a real factorization distributes the real roots
  and the pairs of complex-conjugate roots among the factors; so the image
  is decided by one exact membership test
  (:func:`~sage_neuro.invariants.real_membership.real_membership`) per
  ``r = d, d - 2, ...``. ``True`` also needs the closure to be the whole
  space (thick).
- :func:`is_euclidean_closed` -- ``mu`` is multihomogeneous (checked by
  substitution: ``mu(.., c w_i, ..) = c^{e_i} mu`` with ``e_i > 0``) and
  ``mu(w) = 0`` only if some filter ``w_i`` is zero (the minimal primes of
  the ideal of the coordinate functions are the ideals ``(w_i)``, exact over
  ``QQ``); then the image is ``{0} cup R_{>0} K`` (or ``R K``) for the
  compact set ``K = mu(S x ... x S)`` of values on unit filters, which does
  not contain ``0``: a cone over a compact set avoiding ``0`` is closed.

EXAMPLES::

    sage: from sage_neuro import PolynomialCNN
    sage: from sage_neuro.invariants.regimes import is_thick, is_real_filling, is_euclidean_closed
    sage: net = PolynomialCNN([2, 2], activation=1)
    sage: is_thick(net)[0], is_real_filling(net)[0], is_euclidean_closed(net)[0]
    (True, False, True)
"""

from sage.rings.integer import Integer
from sage.rings.polynomial.polynomial_ring_constructor import PolynomialRing
from sage.rings.rational_field import QQ

from sage_neuro.provenance import Provenance, stopwatch


def _check_lcn(net, what):
    # the regimes are implemented for 1-D CNNs; linear ones for the
    # filling test, monomial activations for the closedness proof
    from sage_neuro.architectures.cnn import PolynomialCNN
    if not isinstance(net, PolynomialCNN):
        raise NotImplementedError("%s is implemented for convolutional networks (PolynomialCNN, e.g. "
                                  "PolynomialCNN([2, 2], activation=1)), not %r" % (what, net))
    if net.output_length() != 1:
        raise NotImplementedError("%s is implemented for one output (output_length=1), not %s"
                                  % (what, net.output_length()))


def is_thick(net, seed=0):
    r"""
    Decide whether the real image of ``mu`` has nonempty interior in the
    function space ``R^n`` (``n = net.ambient_dimension()``).

    INPUT:

    - ``net`` -- a :class:`~sage_neuro.architectures.cnn.PolynomialCNN`
    - ``seed`` -- (default 0) seed of the rational parameter of the rank test

    OUTPUT: a pair ``(value, provenance)``; the value is proved either way

    EXAMPLES:

    Stride one is thick, a stride ``> 1`` before the last layer is thin::

        sage: from sage_neuro import PolynomialCNN
        sage: from sage_neuro.invariants.regimes import is_thick
        sage: is_thick(PolynomialCNN([3, 2], activation=1))
        (True, is_thick = True  [proved; ... s])
        sage: v, P = is_thick(PolynomialCNN([2, 2], strides=[2, 1], activation=1)); v
        False
        sage: P.certificate
        'the symbolic Jacobian has rank 3 < 4 (exact, over the fraction field): the image has dimension 3'
        sage: is_thick(PolynomialCNN([2, 2], activation=1, output_length=2))
        Traceback (most recent call last):
        ...
        NotImplementedError: is_thick is implemented for one output (output_length=1), not 2
    """
    _check_lcn(net, "is_thick")
    n = net.ambient_dimension()
    with stopwatch() as t:
        theta = net.random_parameters(seed=seed)
        r = net.jacobian(theta).rank()
        if r == n:
            value, cert = True, ("the Jacobian of mu at the rational parameter %s has rank %d = n: mu is "
                                 "open there (inverse function theorem)" % (list(theta), n))
        else:
            rs = net.jacobian().rank()
            value = rs == n
            cert = ("the symbolic Jacobian has rank %d %s %d (exact, over the fraction field): the image "
                    "has dimension %d" % (rs, "=" if value else "<", n, rs))
    return value, Provenance("is_thick", value, "proved", seconds=t[0],
                             route="rank of the Jacobian of mu", certificate=cert)


def _binary_form_with_real_roots(d, r):
    # a real form of degree d with exactly r real roots, all simple:
    # (z - 1)...(z - r) (z^2 + 1)...(z^2 + (d - r)/2)
    z = PolynomialRing(QQ, "z").gen()
    p = 1
    for j in range(1, r + 1):
        p *= z - j
    for j in range(1, (d - r) // 2 + 1):
        p *= z ** 2 + j
    return p


def is_real_filling(net, seed=0):
    r"""
    Decide whether the real image of the linear CNN ``net`` (stride one)
    equals the real points of its Zariski closure.

    Whether a binary form of degree ``d`` factors over ``R`` into forms of
    degrees ``k_i - 1`` depends only on its number ``r`` of real roots
    (with multiplicity, ``r = d, d - 2, ...``): the real roots and the
    conjugate pairs are distributed among the factors. So the image is the
    union of the sets ``{r(f) = r}`` for the admissible ``r``, and one
    exact membership test per ``r`` decides it; the forms tested are
    ``(z - 1)...(z - r) (z^2 + 1)...``.

    INPUT:

    - ``net`` -- a linear :class:`~sage_neuro.architectures.cnn.PolynomialCNN`
      (``activation=1``) with strides ``1`` before every filter of size
      ``> 1`` (then the end-to-end filter is a dense product)
    - ``seed`` -- (default 0) passed to the membership tests

    OUTPUT: a pair ``(value, provenance)``; the provenance's note lists the
    numbers of real roots found in the image

    EXAMPLES:

    Filling iff at most one filter size is even (one odd-degree factor)::

        sage: from sage_neuro import PolynomialCNN
        sage: from sage_neuro.invariants.regimes import is_real_filling
        sage: v, P = is_real_filling(PolynomialCNN([3, 2], activation=1)); v
        True
        sage: v, P = is_real_filling(PolynomialCNN([2, 2], activation=1)); v, P.note
        (False, 'numbers of real roots in the image: [2]; not: [0]')

    A stride before a filter of size 1 (a scalar) keeps the product dense::

        sage: is_real_filling(PolynomialCNN([3, 1], strides=[3, 1], activation=1))[0]
        True

    What is missing is named::

        sage: is_real_filling(PolynomialCNN([2, 2], strides=[2, 1], activation=1))
        Traceback (most recent call last):
        ...
        NotImplementedError: is_real_filling needs strides 1 (the real-root count argument is for dense factorizations), not (2, 1)
        sage: is_real_filling(PolynomialCNN([2, 2], activation=2))
        Traceback (most recent call last):
        ...
        NotImplementedError: is_real_filling is implemented for linear CNNs (activation=1), not activation 2
    """
    from sage_neuro.invariants.real_membership import real_membership
    _check_lcn(net, "is_real_filling")
    if net.activation() != 1:
        raise NotImplementedError("is_real_filling is implemented for linear CNNs (activation=1), not "
                                  "activation %s" % net.activation())
    # the end-to-end filter is w_1(x) w_2(x^{s_1}) w_3(x^{s_1 s_2}) ...: a
    # dense factorization iff every filter of size > 1 comes after strides 1
    # (a filter of size 1 is a scalar, whatever stride precedes it)
    ks, ss = net.filters(), net.strides()
    if any(ks[l] > 1 and any(s != 1 for s in ss[:l]) for l in range(len(ks))):
        raise NotImplementedError("is_real_filling needs strides 1 (the real-root count argument is for "
                                  "dense factorizations), not %s" % (tuple(net.strides()),))
    with stopwatch() as t:
        thick, _ = is_thick(net, seed=seed)
        d = net.ambient_dimension() - 1
        inside, outside = [], []
        for r in range(d, -1, -2):
            p = _binary_form_with_real_roots(d, r)
            m = real_membership(net, [p[i] for i in range(d + 1)], seed=seed)
            (inside if m.verdict == "real image" else outside).append(r)
        value = thick and not outside
    cert = ("membership of a binary form depends only on its number r of real roots; one exact "
            "membership test (real_membership, proved) per r; the closure is %s"
            % ("the whole space (thick)" if thick else "a proper subvariety"))
    return value, Provenance("is_real_filling", value, "proved", seconds=t[0],
                             route="exact real membership of one form per number of real roots",
                             certificate=cert,
                             note="numbers of real roots in the image: %s; not: %s" % (inside, outside))


def is_euclidean_closed(net):
    r"""
    Decide whether the real image of ``mu`` is closed in the Euclidean
    topology, for CNNs whose parametrization is multihomogeneous in the
    filters with ``mu(w) = 0`` only when a filter vanishes (linear CNNs,
    any strides; monomial activations).

    The proof: with ``w_i = c_i u_i``, ``|u_i| = 1``, ``mu(w) =
    prod c_i^{e_i} mu(u)``, so the image is the cone ``R K`` (or
    ``R_{>=0} K``) over the compact set ``K`` of values on unit filters,
    and ``0`` is not in ``K``. Both hypotheses are checked exactly.

    INPUT:

    - ``net`` -- a :class:`~sage_neuro.architectures.cnn.PolynomialCNN`

    OUTPUT: a pair ``(value, provenance)``

    EXAMPLES::

        sage: from sage_neuro import PolynomialCNN
        sage: from sage_neuro.invariants.regimes import is_euclidean_closed
        sage: v, P = is_euclidean_closed(PolynomialCNN([3, 2], strides=[2, 1], activation=1)); v
        True
        sage: P.certificate
        'mu is homogeneous of degrees (1, 1) in the filters (substitution) and the minimal primes of (mu) are the ideals of the filters: the image is a cone over a compact set avoiding 0'

    A non-monomial activation has no such cone structure; that is what is
    missing::

        sage: R.<t> = QQ[]
        sage: is_euclidean_closed(PolynomialCNN([2, 2], activation=t^2 + t))
        Traceback (most recent call last):
        ...
        NotImplementedError: is_euclidean_closed needs a parametrization homogeneous in each filter (a monomial activation); mu is not homogeneous in filter 1
    """
    _check_lcn(net, "is_euclidean_closed")
    P = net.parameter_ring()
    F = net.coordinate_functions()
    filters = net.filter_vectors()
    S = PolynomialRing(P, "c")
    c = S.gen()
    with stopwatch() as t:
        degrees = []
        for i, w in enumerate(filters):
            sub = {v: c * v for v in w}
            scaled = [S(f.subs(sub)) if f else S(0) for f in F]
            es = set()
            for f, g in zip(F, scaled):
                if f == 0:
                    continue
                if g.is_monomial() or len(g.monomials()) == 1:
                    e = g.degree()
                    if g != f * c ** e:
                        es.add(None)
                    es.add(e)
                else:
                    es.add(None)
            if None in es or len(es) != 1 or min(es) <= 0:
                raise NotImplementedError("is_euclidean_closed needs a parametrization homogeneous in "
                                          "each filter (a monomial activation); mu is not homogeneous "
                                          "in filter %d" % (i + 1))
            degrees.append(Integer(es.pop()))
        primes = P.ideal([f for f in F if f]).minimal_associated_primes()
        filter_ideals = [P.ideal(w) for w in filters]
        value = all(any(Q <= prime for Q in filter_ideals) for prime in primes)
    if not value:
        raise NotImplementedError("is_euclidean_closed could not decide: mu vanishes off the filter "
                                  "hyperplanes (minimal primes %s)" % primes)
    cert = ("mu is homogeneous of degrees %s in the filters (substitution) and the minimal primes of "
            "(mu) are the ideals of the filters: the image is a cone over a compact set avoiding 0"
            % (tuple(degrees),))
    return True, Provenance("is_euclidean_closed", True, "proved", seconds=t[0],
                            route="cone over the values on unit filters", certificate=cert)
