r"""
The ED degree of polynomial CNNs from their Segre-Veronese variety, where
the neuromanifold is transversal to the isotropic quadric.

A network ``PolynomialCNN([k_1, ..., k_L], activation=t^r)`` with stride
one computes a polynomial whose coefficients ``mu(w)`` are multihomogeneous
of degrees ``(r^{L-1}, ..., r, 1)`` in the filters ``(w_1, ..., w_L)``. Its
parameters, up to rescaling the filters, form ``Y = P^{k_1 - 1} x ... x
P^{k_L - 1}``, and the neuromanifold's Zariski closure ``X`` is the image of
``Y`` (Shahverdi-Marchetti-Kohn, arXiv 2410.00722: the parametrization is
regular and an isomorphism almost everywhere). For a generic inner product
``Q`` the ED degree of ``X`` is the generic ED degree of the Segre-Veronese
variety ``Y`` in ``O(r^{L-1}, ..., r, 1)``, which Chern classes give
(:func:`segre_veronese_generic_ed_degree`; arXiv 2410.00722, and Draisma,
Horobet, Ottaviani, Sturmfels, Thomas, arXiv 1309.0049, Theorem 5.8).

**When the standard inner product gives the same count.** By Theorem 5.4 of
arXiv 1309.0049, the ED degree of ``X`` for the inner product ``Q`` is the
sum of its polar degrees (the generic ED degree) as soon as the conormal
variety ``N_X`` misses the diagonal ``Delta(Q) = {(x, Q x)}``. Here ``Q`` is
the identity on the coefficients and ``F(w) = mu(w) . mu(w)``, so ``grad F =
2 J(w)^T mu(w)``. Let

.. MATH::

    Z = \{ w \in Y : J(w)^T \mu(w) = 0 \},

the points where ``Y`` meets the isotropic quadric ``{F = 0}`` without
being transversal to it. If ``Z`` is empty then:

- ``mu`` has no base point on ``Y`` (``mu(w) = 0`` puts ``w`` in ``Z``), so
  it is a morphism ``Y -> P^N`` and ``X = mu(Y)``, ``Y`` being complete;
- every point ``(x, v)`` of ``N_X`` is a limit of conormal vectors ``v_n``
  at smooth points ``x_n = mu(w_n)``, ``v_n^T J(w_n) = 0``; a limit point
  ``w`` of the ``w_n`` (``Y`` is compact) has ``mu(w) = x`` and ``v^T J(w)
  = 0``, a closed condition. A point ``(x, x)`` of ``N_X cap Delta(Q)``
  would therefore give a point ``w`` of ``Z``;

so ``N_X cap Delta(Q)`` is empty and the ED degree is the generic one.

**The certificate.** ``Z`` is empty over ``QQbar`` as soon as it is empty
over the algebraic closure of ``GF(p)``: the equations have integer
coefficients, and a point over a number field, rescaled block by block so
that each block has a coordinate that is a unit at a prime above ``p``,
reduces to a point mod that prime. :func:`isotropic_tangency` covers ``Y``
by the disjoint strata ``w_{j,0} = ... = w_{j,a_j - 1} = 0, w_{j,a_j} = 1``
(one per choice of ``a = (a_1, ..., a_L)``), writes ``J^T mu = 0`` in the
remaining coordinates of each, and has msolve compute its Groebner basis
over ``GF(p)`` (exact linear algebra): ``{1}`` on every stratum shows ``Z``
empty. The verdict needs no random choice, so the ED degree it gives is
``'proved'`` (resting on the theorem of arXiv 2410.00722 for the generic
count).

Where a stratum has points mod ``p`` the certificate says so and proves
nothing: the ED degree may then be smaller than the generic one. CNN ``[2,
3, 2]`` is such a case (24 points on the first stratum; ED degree 2914
against 2962), CNN ``[2, 3, 3]`` is transversal (ED degree 10794, found
twice by monodromy on the ED correspondence before this route).

EXAMPLES::

    sage: from sage_neuro import PolynomialCNN
    sage: from sage_neuro.invariants.cnn_segre_veronese import isotropic_tangency
    sage: isotropic_tangency(PolynomialCNN([2, 2, 3]))
    isotropic tangency of PolynomialCNN([2, 2, 3]) mod 32003: empty on all 12 strata (transversal)
    sage: isotropic_tangency(PolynomialCNN([2, 3, 2]))
    isotropic tangency of PolynomialCNN([2, 3, 2]) mod 32003: 24 points on the stratum (0, 0, 0) (not shown transversal)
    sage: PolynomialCNN([2, 2, 3]).neuromanifold().ed_degree()
    1012
"""

from itertools import product
from math import comb, factorial

from sage.rings.finite_rings.finite_field_constructor import GF
from sage.rings.integer import Integer
from sage.rings.polynomial.polynomial_ring_constructor import PolynomialRing

from sage_neuro.constants import SLICE_PRIME
from sage_neuro.provenance import Provenance, stopwatch


def segre_veronese_generic_ed_degree(dims, degrees):
    r"""
    Return the generic ED degree of the Segre-Veronese variety ``P^{n_1} x
    ... x P^{n_s}`` embedded by ``O(d_1, ..., d_s)``: for a smooth variety
    ``X`` of dimension ``m`` (transversal to the isotropic quadric, as for
    a generic inner product) it is ``sum_i (-1)^i (2^(m+1-i) - 1) deg
    c_i(X)``, ``deg c_i(X) = int c_i(T_X) H^(m-i)`` (arXiv 1309.0049, Theorem
    5.8), with ``c(T_X) = prod_j (1 + h_j)^(n_j + 1)`` and ``H = sum_j d_j
    h_j``.

    INPUT:

    - ``dims`` -- the dimensions ``n_j >= 0`` of the factors
    - ``degrees`` -- the degrees ``d_j >= 1``

    OUTPUT: an integer

    EXAMPLES:

    The rational normal curve of degree ``d`` (``3d - 2``), the quadric
    surface ``P^1 x P^1`` (6), the ``3 x 3`` matrices of rank 1 (39, with a
    generic inner product instead of the 3 singular value pairs of
    Eckart-Young), and the CNN of filters ``(3, 3)`` with ``x^2``, the
    Segre-Veronese ``P^2 x P^2`` in ``O(2, 1)``::

        sage: from sage_neuro.invariants.cnn_segre_veronese import segre_veronese_generic_ed_degree
        sage: [segre_veronese_generic_ed_degree([1], [d]) for d in (1, 2, 3, 4)]
        [1, 4, 7, 10]
        sage: segre_veronese_generic_ed_degree([1, 1], [1, 1])
        6
        sage: segre_veronese_generic_ed_degree([2, 2], [1, 1])
        39
        sage: segre_veronese_generic_ed_degree([2, 2], [2, 1])
        219
        sage: segre_veronese_generic_ed_degree([1, 2], [1, 1, 1])
        Traceback (most recent call last):
        ...
        ValueError: dims and degrees must have the same length, not [1, 2] and [1, 1, 1]
    """
    dims, degrees = [int(n) for n in dims], [int(d) for d in degrees]
    if len(dims) != len(degrees):
        raise ValueError("dims and degrees must have the same length, not %s and %s"
                         % (dims, degrees))
    m = sum(dims)
    total = 0
    for i in range(m + 1):
        # int c_i H^(m-i): c_i takes h^e (|e| = i) with coefficient
        # prod binom(n_j + 1, e_j), H^(m-i) the complement h^(n-e)
        deg_ci = 0
        for e in product(*[range(n + 1) for n in dims]):
            if sum(e) != i:
                continue
            term, rest = factorial(m - i), 1
            for n, d, ej in zip(dims, degrees, e):
                term *= comb(n + 1, ej) * d ** (n - ej)
                rest *= factorial(n - ej)
            deg_ci += term // rest
        total += (-1) ** i * (2 ** (m + 1 - i) - 1) * deg_ci
    return total


def cnn_generic_ed_degree(net):
    r"""
    Return the generic ED degree of the neuromanifold of
    ``PolynomialCNN(filters, activation=r)`` with stride one, ``r >= 2``: that
    of the Segre-Veronese variety ``P^{k_1 - 1} x ... x P^{k_L - 1}`` in
    ``O(r^{L-1}, ..., r, 1)`` (Shahverdi-Marchetti-Kohn, arXiv 2410.00722).

    INPUT:

    - ``net`` -- a network for which :func:`cnn_ed_formula_applies`

    OUTPUT: an Integer

    EXAMPLES::

        sage: from sage_neuro import PolynomialCNN
        sage: from sage_neuro.invariants.cnn_segre_veronese import cnn_generic_ed_degree
        sage: [cnn_generic_ed_degree(PolynomialCNN(k)) for k in ([3, 3], [2, 3, 2], [3, 3, 3])]
        [219, 2962, 287505]
        sage: cnn_generic_ed_degree(PolynomialCNN([2, 2], strides=[2, 2]))
        Traceback (most recent call last):
        ...
        ValueError: the Segre-Veronese formula of the ED degree needs stride one, not strides (2, 2)
    """
    _check_formula_applies(net)
    k, r, L = net.filters(), Integer(net.activation()), net.depth()
    return Integer(segre_veronese_generic_ed_degree([kj - 1 for kj in k],
                                                    [r ** (L - 1 - j) for j in range(L)]))


def cnn_ed_formula_applies(net):
    r"""
    Return ``(True, reason)`` if ``net`` is ``PolynomialCNN(filters,
    activation=r)`` with an integer ``r >= 2``, stride one and one output,
    the networks whose generic ED degree is the Segre-Veronese formula of
    arXiv 2410.00722 (:func:`cnn_generic_ed_degree`); else ``(False,
    reason)`` naming the hypothesis that fails.

    INPUT:

    - ``net`` -- an architecture

    OUTPUT: a pair ``(bool, str)``

    EXAMPLES::

        sage: from sage_neuro import PolynomialCNN, LinearNetwork
        sage: from sage_neuro.invariants.cnn_segre_veronese import cnn_ed_formula_applies
        sage: cnn_ed_formula_applies(PolynomialCNN([2, 3]))
        (True, 'PolynomialCNN([2, 3]): stride one and the activation t^2')
        sage: cnn_ed_formula_applies(PolynomialCNN([2, 3], activation=1))[1]
        'the Segre-Veronese formula of the ED degree needs an activation t^r with r >= 2, not 1'
        sage: cnn_ed_formula_applies(PolynomialCNN([2, 3], output_length=2))[1]
        'the Segre-Veronese formula of the ED degree needs one output, not 2'
        sage: cnn_ed_formula_applies(LinearNetwork([2, 1, 2]))[1]
        'the Segre-Veronese formula of the ED degree is for a PolynomialCNN, not LinearNetwork([2, 1, 2])'
    """
    from sage_neuro.architectures.cnn import PolynomialCNN
    name = "the Segre-Veronese formula of the ED degree"
    if not isinstance(net, PolynomialCNN):
        return False, "%s is for a PolynomialCNN, not %r" % (name, net)
    r = net.activation()
    if not isinstance(r, Integer) or r < 2:
        return False, "%s needs an activation t^r with r >= 2, not %s" % (name, r)
    if any(s != 1 for s in net.strides()):
        return False, "%s needs stride one, not strides %s" % (name, tuple(net.strides()))
    if net.output_length() != 1:
        return False, "%s needs one output, not %s" % (name, net.output_length())
    return True, "%r: stride one and the activation t^%s" % (net, r)


def _check_formula_applies(net):
    applies, why = cnn_ed_formula_applies(net)
    if not applies:
        raise ValueError(why)


class IsotropicTangency:
    r"""
    The verdict of :func:`isotropic_tangency`: whether the locus ``Z`` of
    filters where the neuromanifold touches the isotropic quadric is empty
    mod ``p`` (module documentation).

    Attributes: ``net``, ``prime``, ``strata`` (the pairs ``(a, count)`` of
    the strata decided, in order: ``a`` the positions of the leading
    coordinates set to 1, ``count`` the number of points of ``Z`` on it mod
    ``p`` with multiplicity, or ``None`` for a positive-dimensional part),
    ``total`` (the number of strata), ``transversal`` (``True`` when every
    stratum is empty: ``Z`` is empty over ``QQbar``, a proof; ``False``
    when a stratum has points mod ``p``, which proves nothing over
    ``QQ``), ``length`` (the number of points of the whole locus mod ``p``
    with multiplicity, when every stratum was decided and is finite; else
    ``None``) and ``seconds``.

    EXAMPLES::

        sage: from sage_neuro import PolynomialCNN
        sage: from sage_neuro.invariants.cnn_segre_veronese import isotropic_tangency
        sage: T = isotropic_tangency(PolynomialCNN([2, 3])); T
        isotropic tangency of PolynomialCNN([2, 3]) mod 32003: empty on all 6 strata (transversal)
        sage: T.transversal, T.total, T.length, T.prime
        (True, 6, 0, 32003)
        sage: T = isotropic_tangency(PolynomialCNN([3, 2])); T.transversal, T.strata, T.length
        (False, (((0, 0), 8),), None)
    """

    def __init__(self, net, prime, strata, total, seconds):
        self.net, self.prime, self.strata = net, prime, tuple(strata)
        self.total, self.seconds = total, seconds
        self.transversal = len(self.strata) == total and all(c == 0 for _, c in self.strata)
        complete = len(self.strata) == total and all(c is not None for _, c in self.strata)
        self.length = sum(c for _, c in self.strata) if complete else None

    def certificate(self):
        r"""
        Return what was shown, as a sentence.

        OUTPUT: a string

        EXAMPLES::

            sage: from sage_neuro import PolynomialCNN
            sage: from sage_neuro.invariants.cnn_segre_veronese import isotropic_tangency
            sage: isotropic_tangency(PolynomialCNN([2, 2])).certificate()
            'J^T mu = 0 has no point on P^1 x P^1: Groebner basis {1} mod 32003 on each of its 4 strata (msolve); a point over QQbar would reduce to one mod p'
            sage: isotropic_tangency(PolynomialCNN([2, 2], strides=[2, 2])).certificate()
            'J^T mu = 0 has 8 points mod 32003 on the stratum (0, 0) of P^1 x P^1: transversality not shown'
        """
        space = " x ".join("P^%d" % (len(b) - 1) for b in self.net.filter_vectors())
        if self.transversal:
            return ("J^T mu = 0 has no point on %s: Groebner basis {1} mod %d on each of its %d "
                    "strata (msolve); a point over QQbar would reduce to one mod p"
                    % (space, self.prime, self.total))
        a, count = next((a, c) for a, c in self.strata if c != 0)
        return ("J^T mu = 0 has %s mod %d on the stratum %s of %s: transversality not shown"
                % (_points(count), self.prime, a, space))

    def __repr__(self):
        head = "isotropic tangency of %r mod %d: " % (self.net, self.prime)
        if self.transversal:
            return head + "empty on all %d strata (transversal)" % self.total
        a, count = next((a, c) for a, c in self.strata if c != 0)
        return head + "%s on the stratum %s (not shown transversal)" % (_points(count), a)


def _points(count):
    return "a positive-dimensional set of points" if count is None else "%d points" % count


def isotropic_tangency(net, prime=SLICE_PRIME, timeout=None, all_strata=False):
    r"""
    Decide whether ``J(w)^T mu(w) = 0`` has a point ``w`` in the product of
    the projective spaces of the filters of a CNN, over the algebraic
    closure of ``GF(prime)``: stratum by stratum (module documentation),
    the largest first, stopping at the first stratum with points (unless
    ``all_strata``).

    An empty locus proves that the neuromanifold is transversal to the
    isotropic quadric of the standard inner product, so that its ED degree
    is its generic ED degree.

    INPUT:

    - ``net`` -- a :class:`~sage_neuro.architectures.cnn.PolynomialCNN`
      with a monomial activation (any strides and output length: the
      coordinates are multihomogeneous in the filters)
    - ``prime`` -- (default ``32003``) a prime below ``2^31``
    - ``timeout`` -- (default ``None``) seconds for all strata together
    - ``all_strata`` -- (default ``False``) decide every stratum, so that
      :attr:`IsotropicTangency.length` is the number of points of the
      whole locus mod ``p`` (with multiplicity) where it is finite

    OUTPUT: an :class:`IsotropicTangency`

    A time-out raises ``TimeoutError`` (the msolve process is killed; the
    next call works).

    EXAMPLES:

    Two-layer CNNs of stride one are transversal, strided ones are not (ED
    degree 6 against the generic 14 of ``[2, 2]`` with stride 2)::

        sage: from sage_neuro import PolynomialCNN, PolynomialMLP
        sage: from sage_neuro.invariants.cnn_segre_veronese import isotropic_tangency
        sage: T = isotropic_tangency(PolynomialCNN([3, 3])); T.transversal, T.total
        (True, 9)
        sage: T = isotropic_tangency(PolynomialCNN([2, 2], strides=[2, 2])); T.transversal, T.strata
        (False, (((0, 0), 8),))
        sage: isotropic_tangency(PolynomialCNN([2, 2]), prime=65521).transversal
        True

    The whole locus, stratum by stratum: 8 points of ``[2, 2]`` with
    stride 2, here as many as its ED degree falls short of the generic one
    (6 against 14). This is no rule: ``[2, 3, 2]`` has 32 points against a
    gap of 48::

        sage: T = isotropic_tangency(PolynomialCNN([2, 2], strides=[2, 2]), all_strata=True)
        sage: T.strata, T.length
        ((((0, 0), 8), ((0, 1), 0), ((1, 0), 0), ((1, 1), 0)), 8)
        sage: isotropic_tangency(PolynomialMLP([2, 2, 1]))
        Traceback (most recent call last):
        ...
        ValueError: net must be a PolynomialCNN (its filters are the blocks of multihomogeneous coordinates), not PolynomialMLP([2, 2, 1], activation=2)
        sage: isotropic_tangency(PolynomialCNN([2, 2]), prime=4)
        Traceback (most recent call last):
        ...
        ValueError: prime must be a prime below 2^31, not 4
        sage: isotropic_tangency(PolynomialCNN([2, 2, 3]), timeout=0)
        Traceback (most recent call last):
        ...
        TimeoutError: msolve did not finish within 0 seconds
        sage: isotropic_tangency(PolynomialCNN([2, 2, 3])).transversal
        True
    """
    import time
    from sage_neuro.architectures.cnn import PolynomialCNN
    from sage_neuro.invariants.msolve import count_solutions
    if not isinstance(net, PolynomialCNN) or not net.is_monomial_activation():
        raise ValueError("net must be a PolynomialCNN (its filters are the blocks of "
                         "multihomogeneous coordinates)%s, not %r"
                         % ("" if not isinstance(net, PolynomialCNN)
                            else " with a monomial activation", net))
    prime = Integer(prime)
    if not (prime.is_prime() and prime < 2 ** 31):
        raise ValueError("prime must be a prime below 2^31, not %s" % prime)
    with stopwatch() as seconds:
        end = None if timeout is None else time.time() + timeout
        R = net.parameter_ring(GF(prime))
        mu = net.coordinate_functions(GF(prime))
        F = sum(c ** 2 for c in mu)
        # grad F = 2 J^T mu, and 2 is a unit mod p
        equations = [F.derivative(v) for v in R.gens()]
        blocks = net.filter_vectors(R.gens())
        strata = list(product(*[range(len(b)) for b in blocks]))
        decided = []
        for a in strata:
            kind, system = _on_stratum(R, blocks, a, equations)
            if kind != "system":
                count = {"empty": 0, "point": 1, "all": None}[kind]
            else:
                left = None if end is None else max(0, end - time.time())
                try:
                    count = count_solutions([system], timeout=left, processes=1)[0]
                except ArithmeticError:
                    count = None
            decided.append((a, count))
            if count != 0 and not all_strata:
                break
    return IsotropicTangency(net, int(prime), decided, len(strata), seconds[0])


def _on_stratum(R, blocks, a, equations):
    # the equations on the stratum a (w_{j,i} = 0 for i < a_j, w_{j,a_j} = 1)
    # in its free coordinates: ('system', polynomials), or without msolve
    # ('empty', None) when a nonzero constant shows the stratum empty,
    # ('point', None) when no coordinate is free and all equations vanish,
    # ('all', None) when they vanish on the whole stratum
    values, free = {}, []
    for b, aj in zip(blocks, a):
        for i, v in enumerate(b):
            if i < aj:
                values[v] = 0
            elif i == aj:
                values[v] = 1
            else:
                free.append(v)
    if not free:
        vals = [e(*[values[v] for v in R.gens()]) for e in equations]
        return ("point" if all(x == 0 for x in vals) else "empty"), None
    T = PolynomialRing(R.base_ring(), [str(v) for v in free], order="degrevlex")
    images = [T(values[v]) if v in values else T.gen(free.index(v)) for v in R.gens()]
    system = [e for e in (e(*images) for e in equations) if e != 0]
    if any(e.is_constant() for e in system):
        return "empty", None
    if not system:
        return "all", None
    return "system", system


def transversal_ed_degree_record(net, prime=SLICE_PRIME, timeout=None, choice="", tangency=None):
    r"""
    Return the :class:`~sage_neuro.provenance.Provenance` of the ED degree
    of the neuromanifold of ``net`` when :func:`isotropic_tangency` shows it
    transversal to the isotropic quadric: the generic ED degree
    :func:`cnn_generic_ed_degree`, ``'proved'`` (module documentation).

    INPUT:

    - ``net`` -- a network for which :func:`cnn_ed_formula_applies`
    - ``prime`` -- (default ``32003``) the prime of the certificate
    - ``timeout`` -- (default ``None``) seconds for the certificate
    - ``choice`` -- (default ``''``) why this route was taken, for the note
    - ``tangency`` -- (default ``None``) the verdict of
      :func:`isotropic_tangency` for ``net`` when it is already known (then
      ``prime`` and ``timeout`` are not used), else it is decided here

    OUTPUT: a ``Provenance`` record; ``ArithmeticError`` when the locus has
    points mod ``prime`` (the certificate does not hold)

    EXAMPLES::

        sage: from sage_neuro import PolynomialCNN
        sage: from sage_neuro.invariants.cnn_segre_veronese import (isotropic_tangency,
        ....:                                                       transversal_ed_degree_record)
        sage: P = transversal_ed_degree_record(PolynomialCNN([3, 3])); P
        ed_degree = 219  [proved: p = 32003; ... s]
        sage: P.certificate
        'J^T mu = 0 has no point on P^2 x P^2: Groebner basis {1} mod 32003 on each of its 9 strata (msolve); a point over QQbar would reduce to one mod p'
        sage: transversal_ed_degree_record(PolynomialCNN([2, 2], strides=[2, 2]))
        Traceback (most recent call last):
        ...
        ValueError: the Segre-Veronese formula of the ED degree needs stride one, not strides (2, 2)
        sage: transversal_ed_degree_record(PolynomialCNN([2, 3, 2]))
        Traceback (most recent call last):
        ...
        ArithmeticError: the ED degree of PolynomialCNN([2, 3, 2]) is not shown to be the generic one: J^T mu = 0 has 24 points mod 32003 on the stratum (0, 0, 0) of P^1 x P^2 x P^1: transversality not shown

    A verdict already decided is not decided again::

        sage: T = isotropic_tangency(PolynomialCNN([2, 2]), prime=65521)
        sage: transversal_ed_degree_record(PolynomialCNN([2, 2]), tangency=T).primes
        (65521,)
        sage: transversal_ed_degree_record(PolynomialCNN([2, 3]), tangency=T)
        Traceback (most recent call last):
        ...
        ValueError: tangency must be the verdict for PolynomialCNN([2, 3]), not for PolynomialCNN([2, 2])
    """
    _check_formula_applies(net)
    if tangency is None:
        T = isotropic_tangency(net, prime=prime, timeout=timeout)
    elif tangency.net != net:
        raise ValueError("tangency must be the verdict for %r, not for %r" % (net, tangency.net))
    else:
        T = tangency
    if not T.transversal:
        raise ArithmeticError("the ED degree of %r is not shown to be the generic one: %s"
                              % (net, T.certificate()))
    k, r, L = net.filters(), net.activation(), net.depth()
    degrees = ", ".join(str(r ** (L - 1 - j)) for j in range(L))
    space = " x ".join("P^%d" % (kj - 1) for kj in k)
    return Provenance(
        "ed_degree", cnn_generic_ed_degree(net), "proved", primes=(T.prime,), seconds=T.seconds,
        route="the generic ED degree of the Segre-Veronese variety %s in O(%s) (Chern classes: "
              "arXiv 1309.0049, Theorem 5.8; Shahverdi-Marchetti-Kohn, arXiv 2410.00722), the "
              "ED degree since the neuromanifold is transversal to the isotropic quadric "
              "(arXiv 1309.0049, Theorem 5.4)" % (space, degrees),
        certificate=T.certificate(),
        note="; ".join(x for x in (choice, "%d strata decided by msolve" % T.total) if x))
