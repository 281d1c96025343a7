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
empty. It first tries fewer unknowns: ``F`` is a quadratic form in the
last filter whose matrix, the Gram matrix of the shifts of the last hidden
polynomial, is symmetric Toeplitz, so the palindromic and antipalindromic
parts of the last filter can be decided apart (the reversal split of
:func:`isotropic_tangency`). The verdict needs no random choice, so the ED
degree it gives is ``'proved'``. The generic count is that of the
Segre-Veronese variety because ``mu`` is birational (arXiv 2410.00722) and
unramified (:func:`ramification_locus`, checked with the certificate): it
is then an Euler characteristic on ``Y`` (next section, with ``Q'``).

Where a stratum has points mod ``p`` the certificate says so and proves
nothing: the ED degree may then be smaller than the generic one. CNN ``[2,
3, 2]`` is such a case (24 points on the first stratum; ED degree 2914
against 2962), CNN ``[2, 3, 3]`` is transversal (ED degree 10794, found
twice by monodromy on the ED correspondence before this route).

**Tangency from a dilated filter.** A filter ``e_0 + c e_g`` before the
last splits the network into ``g`` interleaved copies on the inputs of
each residue mod ``g``; two copies of the same size, weighted ``w'`` and
``sqrt(-1) w'`` by the last filter, give an exact point of ``Z``
(:func:`dilated_tangency`, proof in its documentation). This needs a filter
of size at least 4 before the last, or one of size 3 and a last filter of
even size (:func:`dilation_applies`): CNN ``[3, 2]``, ``[2, 3, 2]``, ``[3,
2, 2]`` and ``[5, 5]`` touch the quadric over ``QQbar``. In every CNN of
stride one decided so far (38, with two, three and four layers and
``t^2`` or ``t^3``; ``bench/results/cnn_transversal.md``), the locus is
empty mod ``p`` exactly when no filter can be dilated: the transversal
CNNs are those whose filters before the last have size 2, or size at most
3 with a last filter of odd size. That this holds for every CNN is a
conjecture; it would make CNN ``[3, 3, 3]`` transversal, of ED degree
287505.

**How far the ED degree drops.** Where ``Z`` is finite, the ED degree is
the generic one minus the sum of the Milnor numbers ``mu_z`` of the
hypersurface ``{F = 0}`` of ``Y`` at the points ``z`` of ``Z``
(:func:`milnor_ed_degree_record`), provided that ``mu : Y -> P^N`` is
unramified: ``[J | mu]`` has rank ``dim Y + 1`` at every point of ``Y``
(:func:`ramification_locus`, proved mod ``p`` as above; it holds for
every CNN of stride one tried, ``[3, 3, 3]`` and ``[5, 5]`` included). The
proof, with ``d = dim Y``, ``Q`` the isotropic quadric, ``Q'`` a generic
quadric and ``H`` a generic hyperplane:

- ``mu`` is finite (no base point, ``Y`` complete) and birational onto
  ``X`` (arXiv 2410.00722). It need not be injective: shifting a filter
  with a zero at its end to the next layer does not change ``mu``, so
  ``X`` is singular along such images. Since ``mu`` is unramified, the
  Nash blow-up of ``X`` is dominated by ``Y`` with ``T_Y`` as its
  tautological bundle, and the Gonzalez-Sprinberg-Verdier formula with the
  birational invariance of Segre classes (Fulton, Proposition 4.2) gives
  the local Euler obstruction ``Eu_X(x) = #mu^{-1}(x)``: ``Eu_X =
  mu_* 1_Y``.
- By Maxim-Rodriguez-Wang (arXiv 1901.05550), ``EDdeg(X) = (-1)^d
  chi(Eu_X|_{X - (Q u H)})``, which is therefore ``(-1)^d chi(Y - ({F = 0}
  u mu^* H))``; the same with ``Q'`` gives the generic ED degree, computed
  on the smooth ``Y`` with its smooth sections ``{F' = 0}``, ``mu^* H``:
  the Chern-class formula of :func:`segre_veronese_generic_ed_degree`.
- The two differ only in ``chi({F = 0})`` against ``chi({F' = 0})`` (the
  sections by ``H`` are smooth and of the same classes in both). A
  hypersurface of the smooth ``Y`` whose singular points ``Z`` are
  isolated has ``chi({F = 0}) = chi({F' = 0}) + (-1)^d sum_z mu_z``
  (Parusinski's generalized Milnor number), so ``EDdeg(X) = gED(X) -
  sum_z mu_z``.

:func:`milnor_defect` counts the Milnor numbers mod ``p`` (lengths of the
Jacobian algebra, by msolve): their sum over ``QQbar`` for all but
finitely many ``p``, so the value is ``'modular'``. CNN ``[2, 3, 2]``:
``2962 - 48 = 2914`` in about 10 s, against 754 s by monodromy; the same
count holds on the nine tangent CNNs whose ED degree was also counted on
their parameters (``bench/results/cnn_transversal.md``). The length
:attr:`IsotropicTangency.length` of ``Z`` stratum by stratum undercounts
it where a point lies on a smaller stratum, whose equations set
coordinates of the chart to zero (32 for ``[2, 3, 2]``).

**Along curves and surfaces.** The last step holds for any singular
locus once the Milnor numbers are replaced by Aluffi's Milnor class, which
the Segre class of the singular scheme of ``{F = 0}`` determines
(:func:`aluffi_defect`, :func:`aluffi_ed_degree_record`). CNN ``[4, 3]``
touches the quadric along a curve; the formula gives ``1412 - 80 = 1332``,
the ED degree counted on its parameters.

EXAMPLES::

    sage: from sage_neuro import PolynomialCNN
    sage: from sage_neuro.invariants.cnn_segre_veronese import isotropic_tangency
    sage: isotropic_tangency(PolynomialCNN([2, 2, 3]))
    isotropic tangency of PolynomialCNN([2, 2, 3]) mod 32003: empty on all 15 strata (transversal)
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
from sage_neuro.validation import check_prime


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
    ``None``), ``split`` (``True`` when the systems decided are those of
    the reversal split of :func:`isotropic_tangency`, labelled ``(part,
    stratum of the filters before the last, strata of the parts)``),
    ``space`` (the product of the projective spaces of the blocks, such as
    ``'P^1 x P^2'``) and ``seconds``.

    EXAMPLES::

        sage: from sage_neuro import PolynomialCNN
        sage: from sage_neuro.invariants.cnn_segre_veronese import isotropic_tangency
        sage: T = isotropic_tangency(PolynomialCNN([2, 3])); T
        isotropic tangency of PolynomialCNN([2, 3]) mod 32003: empty on all 5 strata (transversal)
        sage: T.transversal, T.total, T.length, T.prime, T.split, T.space
        (True, 5, 0, 32003, True, 'P^1 x P^2')
        sage: T.strata[0]
        (('-', (0,), (0,)), 0)
        sage: T = isotropic_tangency(PolynomialCNN([2, 3]), all_strata=True)
        sage: T.transversal, T.total, T.split
        (True, 6, False)
        sage: T = isotropic_tangency(PolynomialCNN([3, 2])); T.transversal, T.strata, T.length
        (False, (((0, 0), 8),), None)
    """

    def __init__(self, net, prime, strata, total, seconds, split=False, space=None):
        self.net, self.prime, self.strata = net, prime, tuple(strata)
        # the product of projective spaces the locus lives in, for the
        # certificate (the filters of a CNN, the matrices of attention)
        self.space = space
        self.total, self.seconds, self.split = total, seconds, split
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
            'J^T mu = 0 has no point on P^1 x P^1: the last filter splits into its palindromic and antipalindromic parts (the Gram matrix of its shifts is symmetric Toeplitz), Groebner basis {1} mod 32003 for each of the 3 systems of the parts on the strata (msolve); a point over QQbar would reduce to one mod p'
            sage: isotropic_tangency(PolynomialCNN([2, 2]), all_strata=True).certificate()
            'J^T mu = 0 has no point on P^1 x P^1: Groebner basis {1} mod 32003 on each of its 4 strata (msolve); a point over QQbar would reduce to one mod p'
            sage: isotropic_tangency(PolynomialCNN([2, 2], strides=[2, 2])).certificate()
            'J^T mu = 0 has 8 points mod 32003 on the stratum (0, 0) of P^1 x P^1: transversality not shown'
        """
        space = self.space
        if self.transversal and self.split:
            return ("J^T mu = 0 has no point on %s: the last filter splits into its palindromic "
                    "and antipalindromic parts (the Gram matrix of its shifts is symmetric "
                    "Toeplitz), Groebner basis {1} mod %d for each of the %d systems of the "
                    "parts on the strata (msolve); a point over QQbar would reduce to one mod p"
                    % (space, self.prime, self.total))
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

    **The reversal split.** ``mu`` is linear in the last filter, ``mu =
    A(w') w_L``, so ``F = w_L^T T(w') w_L`` with ``T = A^T A`` the Gram
    matrix of the shifts of the last hidden polynomial. With stride one,
    shifting the variables permutes the monomials, so ``T`` is symmetric
    Toeplitz and commutes with the reversal of ``w_L``: ``F = F_+(w', s) +
    F_-(w', a)`` for the palindromic and antipalindromic parts ``s``, ``a``
    of ``w_L``. A point of ``Z`` has ``T_+ s = 0``, ``T_- a = 0`` and
    ``grad_{w'} (F_+ + F_-) = 0``: with ``a = 0`` (the part ``'+'``), ``s =
    0`` (``'-'``), or both nonzero (``'+-'``, ``a = tau a'`` with ``a'``
    normalized and ``lam = tau^2``). Each part is stratified as above, and
    its equations (the derivatives in the free coordinates only) are among
    those of ``Z``, so Groebner bases ``{1}`` for all of them prove ``Z``
    empty, with one or two unknowns fewer than the strata of ``Y``
    (CNN ``[3, 2, 3]``: about 15 s against 140 s). Where a part has
    solutions, or ``all_strata`` is asked, the strata of ``Y`` are decided.

    INPUT:

    - ``net`` -- a :class:`~sage_neuro.architectures.cnn.PolynomialCNN`
      with a monomial activation (any strides and output length: the
      coordinates are multihomogeneous in the filters), or one layer of
      :class:`~sage_neuro.architectures.attention.LightningSelfAttention`
      (linear in each of ``Q``, ``K``, ``V``; with ``a = 1`` their
      projective spaces map onto the neuromanifold without base points
      where the locus is empty, :mod:`~sage_neuro.invariants.attention_segre`)
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
        (True, 10)
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
        ValueError: net must be a PolynomialCNN with a monomial activation (its filters are the blocks of multihomogeneous coordinates) or one layer of LightningSelfAttention (its matrices Q, K, V), not PolynomialMLP([2, 2, 1], activation=2)
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
    from sage_neuro.invariants.msolve import count_solutions
    _multihomogeneous_blocks(net)
    prime = check_prime(prime)
    with stopwatch() as seconds:
        end = None if timeout is None else time.time() + timeout
        R = net.parameter_ring(GF(prime))
        mu = net.coordinate_functions(GF(prime))
        F = sum(c ** 2 for c in mu)
        # grad F = 2 J^T mu, and 2 is a unit mod p
        equations = [F.derivative(v) for v in R.gens()]
        blocks = _multihomogeneous_blocks(net, R.gens())
        split = None if all_strata else _reversal_split(R, mu, blocks)
        if split is not None:
            decided = []
            for label, system in split:
                left = None if end is None else max(0, end - time.time())
                count = count_solutions([system], timeout=left, processes=1,
                                        positive_dimensional="none")[0]
                decided.append((label, count))
                if count != 0:
                    # a solution of the weaker split systems need not be a
                    # point of Z: decide the strata themselves
                    split = None
                    break
        if split is None:
            strata = list(product(*[range(len(b)) for b in blocks]))
            decided = []
            for a in strata:
                kind, system = stratum_system(R, blocks, a, equations)
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
        total = len(strata) if split is None else len(split)
    space = " x ".join("P^%d" % (len(b) - 1) for b in blocks)
    return IsotropicTangency(net, int(prime), decided, total, seconds[0], split=split is not None,
                             space=space)


def _reversal_split(R, mu, blocks):
    # the systems of the reversal split (documentation of isotropic_tangency)
    # as a list of (label, system), label = (part, stratum of the filters
    # before the last, strata of the parts); None when the Gram matrix of
    # the last filter does not commute with the reversal (a stride > 1)
    from sage.matrix.constructor import matrix
    from sage.modules.free_module_element import vector
    last, before = blocks[-1], blocks[:-1]
    k = len(last)
    if not before:
        return None
    columns = [[m.derivative(v) for m in mu] for v in last]
    T = matrix(R, k, k, lambda i, j: sum(x * y for x, y in zip(columns[i], columns[j])))
    plus = [vector(R, [1 if j in (i, k - 1 - i) else 0 for j in range(k)])
            for i in range((k + 1) // 2)]
    minus = [vector(R, [1 if j == i else -1 if j == k - 1 - i else 0 for j in range(k)])
             for i in range(k // 2)]
    if any(u * T * v != 0 for u in plus for v in minus):
        return None
    parts = {"+": matrix(R, [[u * T * v for v in plus] for u in plus]),
             "-": matrix(R, [[u * T * v for v in minus] for u in minus]) if minus else None}
    earlier = [v for b in before for v in b]
    systems = []
    for part in ("-", "+", "+-"):
        if "-" in part and not minus:
            continue
        sizes = [len(plus) if c == "+" else len(minus) for c in part]
        for a in product(*[range(len(b)) for b in before]):
            ones = [b[aj] for b, aj in zip(before, a)]
            zeros = [b[i] for b, aj in zip(before, a) for i in range(aj)]
            free = [v for v in earlier if v not in ones and v not in zeros]
            for c in product(*[range(n) for n in sizes]):
                names = [str(v) for v in free]
                names += ["y%d_%d" % (j, i) for j, (n, cj) in enumerate(zip(sizes, c))
                          for i in range(cj + 1, n)]
                names += ["lam"] if len(part) == 2 else []
                S = PolynomialRing(R.base_ring(), names, order="degrevlex")
                point = [S.one() if v in ones else S.zero() if v in zeros else S(str(v))
                         if v in earlier else S.zero() for v in R.gens()]
                vectors = [vector(S, [S.zero() if i < cj else S.one() if i == cj
                                      else S("y%d_%d" % (j, i)) for i in range(n)])
                           for j, (n, cj) in enumerate(zip(sizes, c))]
                system, gradient = [], [S.zero()] * len(free)
                for j, (sign, x) in enumerate(zip(part, vectors)):
                    G = parts[sign].apply_map(lambda e: e(*point), S)
                    system += list(G * x)
                    form = x * G * x
                    # on the mixed part lam = tau^2 weighs the antipalindromic
                    # half a = tau a' against the palindromic one
                    weight = S("lam") if j == 1 else S.one()
                    gradient = [g + weight * form.derivative(S(str(v)))
                                for g, v in zip(gradient, free)]
                system = [e for e in system + gradient if e != 0]
                if any(e.is_constant() for e in system):
                    continue
                systems.append(((part, a, c), system))
    return systems


def _multihomogeneous_blocks(net, gens=None):
    # the blocks of parameters in which the coordinates of mu are
    # multihomogeneous, as lists of generators of `gens` (of
    # net.parameter_ring() when None): the filters of a CNN with a monomial
    # activation, the matrices Q, K, V of one layer of attention (mu is
    # linear in each)
    from sage_neuro.architectures.attention import LightningSelfAttention
    if isinstance(net, LightningSelfAttention) and net.depth() == 1:
        if gens is None:
            gens = net.parameter_ring().gens()
        return [list(W.list()) for W in net.weight_matrices(gens)[0]]
    from sage_neuro.architectures.cnn import PolynomialCNN
    if not isinstance(net, PolynomialCNN) or not net.is_monomial_activation():
        raise ValueError("net must be a PolynomialCNN with a monomial activation (its filters "
                         "are the blocks of multihomogeneous coordinates) or one layer of "
                         "LightningSelfAttention (its matrices Q, K, V), not %r" % (net,))
    if gens is None:
        gens = net.parameter_ring().gens()
    return [list(b) for b in net.filter_vectors(gens)]


def _check_monomial_cnn(net):
    from sage_neuro.architectures.cnn import PolynomialCNN
    if not isinstance(net, PolynomialCNN) or not net.is_monomial_activation():
        raise ValueError("net must be a PolynomialCNN (its filters are the blocks of "
                         "multihomogeneous coordinates)%s, not %r"
                         % ("" if not isinstance(net, PolynomialCNN)
                            else " with a monomial activation", net))


def stratum_system(R, blocks, a, equations):
    r"""
    Return the equations on one stratum of a product of projective spaces,
    in its free coordinates.

    The coordinates of each block are ordered; the stratum ``a`` of a point
    is the tuple of the positions of the first nonzero coordinate of each
    block. On it those coordinates are 1 and the ones before them 0, so the
    strata cover the product, each an affine space: a set given by
    multihomogeneous equations is empty if and only if it is empty on every
    stratum.

    INPUT:

    - ``R`` -- a polynomial ring
    - ``blocks`` -- lists of generators of ``R``, one per projective space
    - ``a`` -- a tuple of positions, one per block
    - ``equations`` -- polynomials of ``R``, multihomogeneous in the blocks

    OUTPUT: a pair ``(kind, system)``: ``('system', polynomials)`` over a
    new ring of the free coordinates, or, without a system to solve,
    ``('empty', None)`` when a nonzero constant shows the stratum empty,
    ``('point', None)`` when no coordinate is free and every equation
    vanishes, ``('all', None)`` when they all vanish on the whole stratum

    EXAMPLES::

        sage: from sage_neuro.invariants.cnn_segre_veronese import stratum_system
        sage: R.<x0, x1, y0, y1> = GF(101)[]
        sage: blocks = [[x0, x1], [y0, y1]]
        sage: stratum_system(R, blocks, (0, 0), [x0 * y1 - x1 * y0])
        ('system', [-x1 + y1])
        sage: stratum_system(R, blocks, (1, 0), [x0 * y1 - x1 * y0])
        ('empty', None)
        sage: stratum_system(R, blocks, (1, 1), [x0 * y1 - x1 * y0])
        ('point', None)
    """
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
        'J^T mu = 0 has no point on P^2 x P^2: the last filter splits ...; rank [J | mu] = dim Y + 1 at every point of Y = P^2 x P^2: ...'
        sage: transversal_ed_degree_record(PolynomialCNN([2, 2], activation=1))
        Traceback (most recent call last):
        ...
        ValueError: the Segre-Veronese formula of the ED degree needs an activation t^r with r >= 2, not 1
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
    # the generic count is that of the Segre-Veronese variety when mu is
    # unramified (its Euler characteristic on Y, module documentation)
    U = ramification_locus(net, prime=T.prime, timeout=timeout)
    if not U.unramified:
        raise ArithmeticError("the generic ED degree of %r is not shown to be the Segre-Veronese "
                              "count: %s" % (net, U.certificate()))
    k, r, L = net.filters(), net.activation(), net.depth()
    degrees = ", ".join(str(r ** (L - 1 - j)) for j in range(L))
    space = " x ".join("P^%d" % (kj - 1) for kj in k)
    return Provenance(
        "ed_degree", cnn_generic_ed_degree(net), "proved", primes=(T.prime,),
        seconds=T.seconds + U.seconds,
        route="the generic ED degree of the Segre-Veronese variety %s in O(%s) (Chern classes: "
              "arXiv 1309.0049, Theorem 5.8; Shahverdi-Marchetti-Kohn, arXiv 2410.00722; mu "
              "unramified), the ED degree since the neuromanifold is transversal to the "
              "isotropic quadric (arXiv 1309.0049, Theorem 5.4)" % (space, degrees),
        certificate="%s; %s" % (T.certificate(), U.certificate()),
        note="; ".join(x for x in (choice, "%d strata decided by msolve" % T.total) if x))


class DilatedTangency:
    r"""
    An exact point of the isotropic tangency locus ``Z`` of a CNN, built
    from a dilated filter (:func:`dilated_tangency`).

    Attributes: ``net``, ``layer`` (the index ``i`` of the dilated filter
    ``w_i = e_0 + c e_g``), ``dilation`` (``g``), ``classes`` (the two
    classes ``a, b`` of shifts mod ``g`` of the last filter that carry
    ``w'`` and ``sqrt(-1) w'``), ``field`` (the number field of the point),
    ``minimal_polynomial`` (of ``c`` over ``QQ``) and ``filters`` (the
    point, one vector per filter).

    EXAMPLES::

        sage: from sage_neuro import PolynomialCNN
        sage: from sage_neuro.invariants.cnn_segre_veronese import dilated_tangency
        sage: W = dilated_tangency(PolynomialCNN([3, 2])); W
        a point of J^T mu = 0 for PolynomialCNN([3, 2]): filter 1 dilated by 2, c^4 + 4*c^2 + 1 = 0
        sage: W.filters
        ((1, 0, c), (1, i))
    """

    def __init__(self, net, layer, dilation, classes, minimal_polynomial, field, filters):
        self.net, self.layer, self.dilation, self.classes = net, layer, dilation, classes
        self.minimal_polynomial, self.field, self.filters = minimal_polynomial, field, filters

    def certificate(self):
        r"""
        Return what was shown, as a sentence.

        OUTPUT: a string

        EXAMPLES::

            sage: from sage_neuro import PolynomialCNN
            sage: from sage_neuro.invariants.cnn_segre_veronese import dilated_tangency
            sage: dilated_tangency(PolynomialCNN([4, 3])).certificate()
            'J^T mu vanishes exactly at w = ((1, 0, 0, c), (1, i, 0)) over QQ(c, i), c^4 + 4*c^2 + 1 = 0 (filter 1 dilated by 3, shifts 0 and 1 mod 3 of the last filter): the neuromanifold touches the isotropic quadric'
        """
        return ("J^T mu vanishes exactly at w = %s over QQ(c, i), %s = 0 (filter %d dilated by %d, "
                "shifts %d and %d mod %d of the last filter): the neuromanifold touches the "
                "isotropic quadric" % (self.filters, self.minimal_polynomial, self.layer + 1,
                                       self.dilation, self.classes[0], self.classes[1],
                                       self.dilation))

    def __repr__(self):
        return ("a point of J^T mu = 0 for %r: filter %d dilated by %d, %s = 0"
                % (self.net, self.layer + 1, self.dilation, self.minimal_polynomial))


def dilation_applies(net):
    r"""
    Return ``(True, reason)`` if :func:`dilated_tangency` builds a point of
    the isotropic tangency locus of ``net``: a CNN of stride one and one
    output with an activation ``t^r``, ``r >= 2``, with a filter before the
    last one of size at least 4, or of size 3 and a last filter of even size;
    else ``(False, reason)``.

    INPUT:

    - ``net`` -- an architecture

    OUTPUT: a pair ``(bool, str)``

    EXAMPLES::

        sage: from sage_neuro import PolynomialCNN
        sage: from sage_neuro.invariants.cnn_segre_veronese import dilation_applies
        sage: dilation_applies(PolynomialCNN([3, 2]))
        (True, 'PolynomialCNN([3, 2]): filter 1 dilated by 2 splits the last filter into shifts 0 and 1 mod 2')
        sage: dilation_applies(PolynomialCNN([3, 3]))[1]
        'no filter before the last can be dilated: that needs one of size 4 or more and a last filter of size 2 or more, or one of size 3 and a last filter of even size'
    """
    applies, why = cnn_ed_formula_applies(net)
    if not applies:
        return False, why
    found = _dilation(net.filters())
    if found is None:
        return False, ("no filter before the last can be dilated: that needs one of size 4 or "
                       "more and a last filter of size 2 or more, or one of size 3 and a last "
                       "filter of even size")
    i, g, a, b = found
    return True, ("%r: filter %d dilated by %d splits the last filter into shifts %d and %d mod %d"
                  % (net, i + 1, g, a, b, g))


def _dilation(k):
    # the first (layer i, dilation g, classes a < b) with two classes of
    # shifts of the last filter mod g of the same positive size
    for i, ki in enumerate(k[:-1]):
        for g in range(2, ki):
            sizes = [len(range(c, k[-1], g)) for c in range(g)]
            for a in range(g):
                for b in range(a + 1, g):
                    if sizes[a] == sizes[b] > 0:
                        return i, g, a, b
    return None


def dilated_tangency(net):
    r"""
    Return an exact point of ``Z = {w : J(w)^T mu(w) = 0}`` (module
    documentation) for a CNN with a filter that can be dilated, proving over
    ``QQbar`` that the neuromanifold touches the isotropic quadric.

    **The construction.** Take ``w_i = e_0 + c e_g`` for a filter ``i`` of
    size ``k_i > g >= 2`` before the last, ``e_0`` for the other filters
    before the last. The outputs ``g_0, g_1, ...`` of layer ``L - 1`` then
    split by the residue of their index mod ``g``: ``g_j`` is a polynomial in
    the inputs ``x_s`` with ``s = j`` mod ``g``, and ``g_{j+1}`` is ``g_j``
    with every index raised by one. Shifting indices maps monomials to
    monomials, so it preserves the inner product of coefficients, and
    polynomials in disjoint sets of variables are orthogonal. Let two classes
    ``a, b`` of shifts of the last filter mod ``g`` have the same size ``m``,
    ``G(c)`` the ``m x m`` Gram matrix of ``g_a, g_{a+g}, ...``, and put
    ``w'`` on the shifts of class ``a``, ``sqrt(-1) w'`` on those of class
    ``b`` and zero elsewhere in the last filter. Then ``mu . mu = (1 + i^2)
    w'^T G w' = 0``; the derivatives in the last filter are ``G w'``, ``i G
    w'``, and inner products of ``mu`` with polynomials in the other classes,
    zero; every derivative in an earlier filter is a sum of products with a
    nonconstant factor in the variables of one class, so its inner product
    with ``mu`` is ``(1 + i^2)`` times that within class ``a``, zero. Hence
    ``w`` lies in ``Z`` when ``G(c) w' = 0``: ``c`` is a root of ``det
    G(c)`` (not constant: ``G(0) = 1``) and ``w'`` spans the kernel.

    The point is built over ``QQ(c, i)`` and ``J^T mu`` is evaluated there
    exactly; the construction applies when :func:`dilation_applies`. In
    every CNN computed so far (``bench/results/cnn_transversal.md``) the
    locus is empty mod ``p`` exactly when no filter can be dilated in this
    way.

    INPUT:

    - ``net`` -- a network for which :func:`dilation_applies`

    OUTPUT: a :class:`DilatedTangency`; ``ValueError`` if the construction
    does not apply

    EXAMPLES::

        sage: from sage_neuro import PolynomialCNN
        sage: from sage_neuro.invariants.cnn_segre_veronese import (dilated_tangency,
        ....:                                                       isotropic_tangency)
        sage: dilated_tangency(PolynomialCNN([2, 3, 2]))
        a point of J^T mu = 0 for PolynomialCNN([2, 3, 2]): filter 2 dilated by 2, c^4 + 4*c^2 + 1 = 0
        sage: isotropic_tangency(PolynomialCNN([2, 3, 2])).transversal
        False
        sage: dilated_tangency(PolynomialCNN([2, 3, 3]))
        Traceback (most recent call last):
        ...
        ValueError: no filter before the last can be dilated: that needs one of size 4 or more and a last filter of size 2 or more, or one of size 3 and a last filter of even size
        sage: dilated_tangency(PolynomialCNN([3, 2], strides=[2, 2]))
        Traceback (most recent call last):
        ...
        ValueError: the Segre-Veronese formula of the ED degree needs stride one, not strides (2, 2)
    """
    from sage.matrix.constructor import matrix
    from sage.rings.number_field.number_field import NumberField
    from sage.rings.rational_field import QQ
    applies, why = dilation_applies(net)
    if not applies:
        raise ValueError(why)
    k = list(net.filters())
    i, g, a, b = _dilation(k)
    R = net.parameter_ring(QQ)
    blocks = [list(v) for v in net.filter_vectors(R.gens())]
    mu = net.coordinate_functions(QQ)

    def point(ring, c, last):
        # the filters before the last: e_0, and e_0 + c e_g for filter i
        values = {}
        for j, block in enumerate(blocks[:-1]):
            for s, v in enumerate(block):
                values[v] = ring(1 if s == 0 else (c if (j == i and s == g) else 0))
        for s, v in enumerate(blocks[-1]):
            values[v] = ring(last[s])
        return [values[v] for v in R.gens()]

    P = PolynomialRing(QQ, "c")
    shifts = list(range(a, k[-1], g))
    columns = []
    for s in shifts:
        unit = [1 if t == s else 0 for t in range(k[-1])]
        x = point(P, P.gen(), unit)
        columns.append([f(*x) for f in mu])
    G = matrix(P, [[sum(u * v for u, v in zip(cu, cv)) for cv in columns] for cu in columns])
    # G(0) is the identity (e_0 filters), so det G is a nonzero polynomial
    # of positive degree unless every filter is e_0; take its factor of
    # least degree
    D = G.det()
    if D.degree() < 1:
        raise ArithmeticError("det G(c) = %s has no root" % D)
    f = min((h for h, _ in D.factor()), key=lambda h: h.degree()).monic()
    x = PolynomialRing(QQ, "x").gen()
    if f.degree() == 1:
        K = NumberField(x ** 2 + 1, "i")
        c, imag = K(-f[0]), K.gen()
    else:
        K0 = NumberField(f.change_variable_name("x"), "c")
        roots = (x ** 2 + 1).change_ring(K0).roots()
        if roots:
            K, c, imag = K0, K0.gen(), roots[0][0]
        else:
            K = K0.extension(x ** 2 + 1, "i")
            c, imag = K(K0.gen()), K.gen()
    kernel = G.apply_map(lambda e: e(c), K).right_kernel_matrix()
    if kernel.nrows() == 0:
        raise ArithmeticError("G(c) is invertible at the root c of %s" % f)
    w = kernel.row(0)
    last = [0] * k[-1]
    for t, s in enumerate(shifts):
        last[s] = w[t]
        last[s - a + b] = imag * w[t]
    x = point(K, c, last)
    mu_x = [h(*x) for h in mu]
    gradient = [sum(h.derivative(v)(*x) * m for h, m in zip(mu, mu_x)) for v in R.gens()]
    if any(e != 0 for e in gradient):
        raise ArithmeticError("J^T mu does not vanish at the dilated point %s" % x)
    filters = tuple(tuple(x[R.gens().index(v)] for v in block) for block in blocks)
    return DilatedTangency(net, i, g, (a, b), f, K, filters)


def milnor_defect(net, prime=SLICE_PRIME, timeout=None, processes=None):
    r"""
    Return the sum of the Milnor numbers of the hypersurface ``{F = 0}`` of
    ``Y`` (``F = mu . mu``, ``Y`` the product of the projective spaces of the
    filters) at the points of the isotropic tangency locus ``Z``, computed
    mod ``prime``.

    In an affine chart of ``Y`` with local equation ``f`` of ``F``, the
    Milnor number of ``{f = 0}`` at an isolated singular point ``z`` is the
    length of the Jacobian algebra ``O_z/(df)``; the points of ``Z`` are the
    critical points of ``f`` on ``f = 0``. Since ``f`` vanishes at the
    isolated point ``z`` of ``{df = 0}``, ``f^k`` lies in ``(df) O_z`` for
    ``k`` large (at ``k = dim Y`` by Briancon-Skoda), so the length of
    ``O/(df, f^k)``, which is concentrated on ``Z``, grows with ``k`` up to
    the sum of the Milnor numbers; two equal lengths at ``k`` and ``k + 1``
    show it reached (then ``f^k`` lies in ``(df) + f^(k+1) O_z``, hence in
    ``(df) O_z`` by Nakayama's lemma). For each stratum of ``Y`` with points
    of ``Z`` (:func:`isotropic_tangency`), the chart ``w_{j, a_j} = 1``
    contains the stratum, and the lengths at the points where the
    coordinates ``w_{j, i}``, ``i < a_j``, vanish come from msolve's counts
    with and without ``z g - 1`` for products ``g`` of these coordinates
    (inclusion and exclusion). The systems of all strata for ``k = 1, 2``
    run side by side, further ``k`` where needed. The result is a count mod
    ``p`` without random choice: for all but finitely many primes it is the
    sum over ``QQbar``.

    Where ``Z`` is finite and ``mu`` unramified, the ED degree falls short
    of the generic one (:func:`cnn_generic_ed_degree`) by exactly this sum
    (module documentation; :func:`milnor_ed_degree_record`).

    INPUT:

    - ``net`` -- a :class:`~sage_neuro.architectures.cnn.PolynomialCNN` with
      a monomial activation
    - ``prime`` -- (default ``32003``) a prime below ``2^31``
    - ``timeout`` -- (default ``None``) seconds for all msolve computations
      together
    - ``processes`` -- (default ``None``) msolve processes side by side, as
      in :func:`~sage_neuro.invariants.msolve.count_solutions`

    OUTPUT: an Integer; ``ArithmeticError`` if ``Z`` or the critical locus
    of ``f`` in a chart is positive-dimensional

    EXAMPLES:

    CNN ``[3, 2]`` has 8 points of ``Z``, each of Milnor number 1, and ED
    degree 71 = 79 - 8; a transversal CNN has none::

        sage: from sage_neuro import PolynomialCNN
        sage: from sage_neuro.invariants.cnn_segre_veronese import (milnor_defect,
        ....:                                                       cnn_generic_ed_degree)
        sage: net = PolynomialCNN([3, 2])
        sage: milnor_defect(net), cnn_generic_ed_degree(net), net.neuromanifold().ed_degree()
        (8, 79, 71)
        sage: milnor_defect(PolynomialCNN([2, 3]))
        0
        sage: milnor_defect(PolynomialCNN([4, 3]))
        Traceback (most recent call last):
        ...
        ArithmeticError: the isotropic tangency locus of PolynomialCNN([4, 3]) is positive-dimensional on the stratum (0, 0) mod 32003
    """
    import time
    from itertools import combinations
    from sage.misc.misc_c import prod
    from sage_neuro.invariants.msolve import count_solutions
    end = None if timeout is None else time.time() + timeout
    T = isotropic_tangency(net, prime=prime, timeout=timeout, all_strata=True)
    R = net.parameter_ring(GF(Integer(prime)))
    F = sum(c ** 2 for c in net.coordinate_functions(GF(Integer(prime))))
    blocks = net.filter_vectors(R.gens())
    charts = []
    for a, count in T.strata:
        if count == 0:
            continue
        if count is None:
            raise ArithmeticError("the isotropic tangency locus of %r is positive-dimensional on "
                                  "the stratum %s mod %d" % (net, a, prime))
        ones = [b[aj] for b, aj in zip(blocks, a)]
        free = [v for v in R.gens() if v not in ones]
        zeros = [b[i] for b, aj in zip(blocks, a) for i in range(aj)]
        S = PolynomialRing(R.base_ring(), [str(v) for v in free] + ["z"], order="degrevlex")
        z = S.gen(len(free))
        f = F(*[S(1) if v in ones else S.gen(free.index(v)) for v in R.gens()])
        jacobian = [f.derivative(S.gen(i)) for i in range(len(free))]
        excluded = [(prod(g), (-1) ** m) for m in range(len(zeros) + 1)
                    for g in combinations([S.gen(free.index(v)) for v in zeros], m)]
        charts.append((f, jacobian, z, excluded))

    def lengths(tasks):
        # the lengths of O/(df, f^k) at the points of each stratum, for the
        # pairs (chart, k) in tasks; z = 1/g keeps the points where g does
        # not vanish, and z = 0 is a dummy where nothing is excluded
        systems, owner = [], []
        for t, (c, k) in enumerate(tasks):
            f, jacobian, z, excluded = charts[c]
            for g, sign in excluded:
                systems.append(jacobian + [f ** k, z * g - 1 if g != 1 else z])
                owner.append((t, sign))
        counts = count_solutions(systems, processes=processes,
                                 timeout=None if end is None else max(0, end - time.time()))
        out = [0] * len(tasks)
        for (t, sign), n in zip(owner, counts):
            out[t] += sign * n
        return out

    todo = list(range(len(charts)))
    first = lengths([(c, k) for c in todo for k in (1, 2)])
    previous = {c: first[2 * i] for i, c in enumerate(todo)}
    now = {c: first[2 * i + 1] for i, c in enumerate(todo)}
    k, total = 2, Integer(0)
    while True:
        total += sum(n for c, n in now.items() if n == previous[c])
        todo = [c for c in todo if now[c] != previous[c]]
        if not todo:
            return total
        k += 1
        previous, now = now, dict(zip(todo, lengths([(c, k) for c in todo])))


class RamificationLocus:
    r"""
    The verdict of :func:`ramification_locus`: whether the parametrization
    ``mu : Y -> P^N`` of a CNN has a point where it is not an immersion (or
    a base point), over the algebraic closure of ``GF(p)``.

    Attributes: ``net``, ``prime``, ``total`` (the number of systems: a
    stratum of ``Y`` times a stratum of the kernel vector), ``unramified``
    (``True`` when every system has Groebner basis ``{1}``: ``mu`` is
    unramified on ``Y`` over ``QQbar``, a proof), ``witness`` (the first
    pair ``(a, c)`` of strata with points, else ``None``) and ``seconds``.

    EXAMPLES::

        sage: from sage_neuro import PolynomialCNN
        sage: from sage_neuro.invariants.cnn_segre_veronese import ramification_locus
        sage: U = ramification_locus(PolynomialCNN([3, 2])); U
        ramification locus of PolynomialCNN([3, 2]) mod 32003: empty on all 24 strata (mu is unramified)
        sage: U.unramified, U.witness, U.total
        (True, None, 24)
    """

    def __init__(self, net, prime, total, witness, seconds):
        self.net, self.prime, self.total = net, prime, total
        self.witness, self.seconds = witness, seconds
        self.unramified = witness is None

    def certificate(self):
        r"""
        Return what was shown, as a sentence.

        OUTPUT: a string

        EXAMPLES::

            sage: from sage_neuro import PolynomialCNN
            sage: from sage_neuro.invariants.cnn_segre_veronese import ramification_locus
            sage: ramification_locus(PolynomialCNN([2, 2])).certificate()
            'rank [J | mu] = dim Y + 1 at every point of Y = P^1 x P^1: Groebner basis {1} mod 32003 for each of the 12 pairs of strata of a point and a kernel vector (msolve); a point over QQbar would reduce to one mod p'
            sage: ramification_locus(PolynomialCNN([2, 2], activation=1)).certificate()
            'rank [J | mu] < dim Y + 1 mod 32003 on the stratum (0, 0) of Y = P^1 x P^1, kernel vector stratum 0: mu is not shown unramified'
        """
        space = " x ".join("P^%d" % (len(b) - 1) for b in _multihomogeneous_blocks(self.net))
        if self.unramified:
            return ("rank [J | mu] = dim Y + 1 at every point of Y = %s: Groebner basis {1} mod %d "
                    "for each of the %d pairs of strata of a point and a kernel vector (msolve); "
                    "a point over QQbar would reduce to one mod p" % (space, self.prime, self.total))
        a, c = self.witness
        return ("rank [J | mu] < dim Y + 1 mod %d on the stratum %s of Y = %s, kernel vector "
                "stratum %d: mu is not shown unramified" % (self.prime, a, space, c))

    def __repr__(self):
        head = "ramification locus of %r mod %d: " % (self.net, self.prime)
        if self.unramified:
            return head + "empty on all %d strata (mu is unramified)" % self.total
        return head + "points on the strata %s (not shown unramified)" % (self.witness,)


def ramification_locus(net, prime=SLICE_PRIME, timeout=None, processes=None):
    r"""
    Decide whether the parametrization ``mu`` of a CNN, seen as a map from
    ``Y = P^{k_1 - 1} x ... x P^{k_L - 1}`` to ``P^N``, is unramified (an
    immersion without base points) at every point of ``Y``, over the
    algebraic closure of ``GF(prime)``.

    At a point ``w`` of ``Y`` in the chart ``w_{j, a_j} = 1`` (the stratum
    ``a`` of :func:`isotropic_tangency`), the local coordinates are all the
    other entries of the filters, including those that vanish on the
    stratum, and ``mu`` is unramified at ``w`` if and only if the ``N x
    (dim Y + 1)`` matrix ``[J | mu]`` of the derivatives in these
    coordinates and of ``mu`` itself has full rank (``mu(w) = 0``, a base
    point, makes its last column vanish). A kernel vector ``v`` is
    normalized by its first nonzero entry (a stratum of ``P^{dim Y}``), so
    every pair of strata is one polynomial system, and msolve decides
    whether it has a solution. A point over ``QQbar`` reduces to one mod
    ``p`` (as in the module documentation: ``Y`` is complete and the
    condition closed), so an empty locus mod ``p`` proves it empty over
    ``QQbar``.

    INPUT:

    - ``net`` -- a :class:`~sage_neuro.architectures.cnn.PolynomialCNN` with
      a monomial activation, or one layer of
      :class:`~sage_neuro.architectures.attention.LightningSelfAttention`
      (``Y`` the product of the projective spaces of ``Q``, ``K``, ``V``)
    - ``prime`` -- (default ``32003``) a prime below ``2^31``
    - ``timeout`` -- (default ``None``) seconds for all systems together
    - ``processes`` -- (default ``None``: one per core) msolve processes
      side by side

    OUTPUT: a :class:`RamificationLocus`

    EXAMPLES:

    Polynomial CNNs of stride one are unramified; a linear one is not
    (``P^1 x P^1 -> P^2``, the product of two linear forms, is symmetric
    in them and ramified where they are proportional)::

        sage: from sage_neuro import PolynomialCNN
        sage: from sage_neuro.invariants.cnn_segre_veronese import ramification_locus
        sage: [ramification_locus(PolynomialCNN(k)).unramified for k in ([2, 3], [3, 3], [2, 3, 2])]
        [True, True, True]
        sage: ramification_locus(PolynomialCNN([2, 2], activation=1)).unramified
        False

    One layer of attention with ``a = 1`` is ramified on ``P(q) x P(k) x
    P(V)`` (where the rows of ``V`` are multiples of ``k``)::

        sage: from sage_neuro import LightningSelfAttention
        sage: ramification_locus(LightningSelfAttention(d=2, a=1, d_out=2, t=2)).unramified
        False

    Bad input::

        sage: ramification_locus(PolynomialCNN([2, 2]), prime=6)
        Traceback (most recent call last):
        ...
        ValueError: prime must be a prime below 2^31, not 6
        sage: ramification_locus(PolynomialCNN([2, 3, 2]), timeout=0)
        Traceback (most recent call last):
        ...
        TimeoutError: msolve did not finish within 0 seconds
    """
    import os
    from sage_neuro.invariants.msolve import count_solutions
    _multihomogeneous_blocks(net)
    prime = check_prime(prime)
    with stopwatch() as seconds:
        R = net.parameter_ring(GF(prime))
        mu = net.coordinate_functions(GF(prime))
        blocks = _multihomogeneous_blocks(net, R.gens())
        dim = sum(len(b) - 1 for b in blocks)
        strata = list(product(*[range(len(b)) for b in blocks]))
        systems, labels, witness = [], [], None
        for a in strata:
            ones = [b[aj] for b, aj in zip(blocks, a)]
            zeros = [b[i] for b, aj in zip(blocks, a) for i in range(aj)]
            local = [v for v in R.gens() if v not in ones]
            free = [v for v in local if v not in zeros]
            for c in range(dim + 1):
                S = PolynomialRing(R.base_ring(), ["u%d" % i for i in range(len(free))]
                                   + ["v%d" % i for i in range(c + 1, dim + 1)],
                                   order="degrevlex")
                u, rest = S.gens()[:len(free)], S.gens()[len(free):]
                v = [S.zero()] * c + [S.one()] + list(rest)
                point = [S.one() if x in ones else S.zero() if x in zeros
                         else u[free.index(x)] for x in R.gens()]
                columns = [[m.derivative(x)(*point) for m in mu] for x in local]
                columns.append([m(*point) for m in mu])
                system = [e for e in (sum(v[j] * columns[j][i] for j in range(dim + 1))
                                      for i in range(len(mu))) if e != 0]
                if any(e.is_constant() for e in system):
                    continue
                if not system:
                    # every entry vanishes identically: the whole stratum is ramified
                    witness = witness or (a, c)
                    continue
                systems.append(system)
                labels.append((a, c))
        if witness is None and systems:
            counts = count_solutions(systems, timeout=timeout,
                                     processes=processes or os.cpu_count() or 1,
                                     positive_dimensional="none")
            witness = next((l for l, n in zip(labels, counts) if n != 0), None)
    return RamificationLocus(net, int(prime), len(strata) * (dim + 1), witness, seconds[0])


def _unramified_drop(net, prime, timeout, formula, drop):
    # what the Milnor and Aluffi routes share: mu shown unramified mod
    # prime (else ArithmeticError naming the formula), then drop(seconds
    # left); returns the ramification verdict, drop's result, the seconds,
    # the generic ED degree and the words for the Segre-Veronese variety
    import time
    _check_formula_applies(net)
    prime = check_prime(prime)
    with stopwatch() as seconds:
        end = None if timeout is None else time.time() + timeout
        U = ramification_locus(net, prime=prime, timeout=timeout)
        if not U.unramified:
            raise ArithmeticError("the %s formula of the ED degree of %r needs mu "
                                  "unramified: %s" % (formula, net, U.certificate()))
        result = drop(None if end is None else max(0, end - time.time()))
    k, r, L = net.filters(), net.activation(), net.depth()
    space = " x ".join("P^%d" % (kj - 1) for kj in k)
    degrees = ", ".join(str(r ** (L - 1 - j)) for j in range(L))
    return U, result, seconds[0], cnn_generic_ed_degree(net), space, degrees


def milnor_ed_degree_record(net, prime=SLICE_PRIME, timeout=None, choice=""):
    r"""
    Return the :class:`~sage_neuro.provenance.Provenance` of the ED degree
    of the neuromanifold of a CNN of stride one that touches the isotropic
    quadric at finitely many points: the generic ED degree minus the sum of
    the Milnor numbers of the section ``{F = 0}`` of ``Y`` at these points
    (module documentation, *How far the ED degree drops*).

    The hypotheses are checked mod ``prime``: the parametrization is
    unramified (:func:`ramification_locus`, a proof) and the tangency locus
    is finite (a proof as well: a positive-dimensional locus over
    ``QQbar`` would have a positive-dimensional reduction). The Milnor
    numbers are counted mod ``prime`` (:func:`milnor_defect`), which is
    their sum over ``QQbar`` for all but finitely many primes: the value is
    ``'modular'``, with no random choice.

    INPUT:

    - ``net`` -- a network for which :func:`cnn_ed_formula_applies`
    - ``prime`` -- (default ``32003``) a prime below ``2^31``
    - ``timeout`` -- (default ``None``) seconds for all of it
    - ``choice`` -- (default ``''``) why this route was taken, for the note

    OUTPUT: a ``Provenance`` record; ``ArithmeticError`` when a hypothesis
    is not shown (``mu`` ramified mod ``p``, or a positive-dimensional
    locus)

    EXAMPLES:

    CNN ``[2, 3, 2]`` touches the quadric at 32 points of total Milnor
    number 48, so its ED degree is ``2962 - 48 = 2914``, the number that
    monodromy on its ED correspondence certified with a trace test::

        sage: from sage_neuro import PolynomialCNN
        sage: from sage_neuro.invariants.cnn_segre_veronese import milnor_ed_degree_record
        sage: P = milnor_ed_degree_record(PolynomialCNN([2, 2, 3]))     # transversal: no drop
        sage: P.value, P.method
        (1012, 'modular')
        sage: P = milnor_ed_degree_record(PolynomialCNN([3, 2])); P
        ed_degree = 71  [modular: p = 32003; ... s]
        sage: P.certificate
        'rank [J | mu] = dim Y + 1 at every point of Y = P^2 x P^1: ... mod p; J^T mu = 0 at finitely many points of Y mod 32003, of total Milnor number 8 (79 - 8 = 71)'
        sage: milnor_ed_degree_record(PolynomialCNN([4, 3]))
        Traceback (most recent call last):
        ...
        ArithmeticError: the isotropic tangency locus of PolynomialCNN([4, 3]) is positive-dimensional on the stratum (0, 0) mod 32003
        sage: milnor_ed_degree_record(PolynomialCNN([2, 2], activation=1))
        Traceback (most recent call last):
        ...
        ValueError: the Segre-Veronese formula of the ED degree needs an activation t^r with r >= 2, not 1
    """
    U, defect, seconds, generic, space, degrees = _unramified_drop(
        net, prime, timeout, "Milnor",
        lambda left: milnor_defect(net, prime=prime, timeout=left))
    return Provenance(
        "ed_degree", generic - defect, "modular", primes=(int(prime),), seconds=seconds,
        route="the generic ED degree of the Segre-Veronese variety %s in O(%s) (arXiv "
              "1309.0049, Theorem 5.8; arXiv 2410.00722) minus the Milnor numbers of the "
              "isotropic section of the parameters, which holds for an unramified "
              "parametrization (the ED degree as an Euler characteristic, Maxim-Rodriguez-Wang, "
              "arXiv 1901.05550; Parusinski's Milnor number)" % (space, degrees),
        certificate="%s; J^T mu = 0 at finitely many points of Y mod %d, of total Milnor "
                    "number %d (%d - %d = %d)" % (U.certificate(), prime, defect, generic,
                                                  defect, generic - defect),
        note="; ".join(x for x in (choice, "no random choice: the Milnor numbers are counted "
                                           "mod p") if x))


def aluffi_defect(net, prime=SLICE_PRIME, seed=1, timeout=None, processes=None, checkpoint=None,
                  verbose=False):
    r"""
    Return ``(defect, s)``: how far the ED degree of a CNN of stride one
    falls short of its generic ED degree, from the Segre class ``s =
    s(Z, Y)`` of the singular scheme ``Z`` of the isotropic section ``{F =
    0}`` of ``Y`` (``F = mu . mu``), whatever the dimension of ``Z``.

    **The formula.** With ``d = dim Y``, ``D`` the class of ``{F = 0}``
    (``O(2 r^{L-1}, ..., 2r, 2)``), ``h`` the pullback of a hyperplane
    (``O(r^{L-1}, ..., r, 1)``) and ``Q'`` a generic quadric, the module
    documentation gives ``gED(X) - EDdeg(X) = (-1)^d (chi(D - H) - chi(D' -
    H))`` for an unramified ``mu`` (``D = {F = 0}``, ``D'`` its smooth
    deformation by ``Q'``, ``H = mu^* H``). Aluffi's Milnor class of a
    hypersurface of a smooth variety (Aluffi, *Chern classes for singular
    hypersurfaces*, Trans. AMS 351, 1999, Theorem I.4) is

    .. MATH::

        c_{SM}(D) - c_{SM}(D') = c(T_Y) \, c(\mathcal{O}(D))^{-1} \cap
        \bigl(s(Z, Y)^\vee \otimes \mathcal{O}(D)\bigr),

    where ``a^vee`` changes the sign of the parts of odd codimension and
    ``a (x) O(D)`` divides the part of codimension ``i`` by ``c(O(D))^i``.
    It restricts to a generic ``H`` (Segre classes commute with generic
    sections), so

    .. MATH::

        gED(X) - EDdeg(X) = (-1)^d \int_Y c(T_Y) (1 + h)^{-1} (1 + D)^{-1}
        \cap \bigl(s(Z, Y)^\vee \otimes \mathcal{O}(D)\bigr).

    For finitely many points ``s(Z, Y)`` is the sum of their Milnor numbers
    times the class of a point, and this is :func:`milnor_defect`; here
    ``Z`` may have components of any dimension. The Segre class is
    computed mod ``prime`` from projective degrees at random choices
    (:func:`~sage_neuro.invariants.segre_class.segre_class`).

    INPUT:

    - ``net`` -- a :class:`~sage_neuro.architectures.cnn.PolynomialCNN` with
      a monomial activation
    - ``prime`` -- (default ``32003``) a prime below ``2^31``
    - ``seed`` -- (default ``1``) the seed of the random choices
    - ``timeout`` -- (default ``None``) seconds for all counts together
    - ``processes`` -- (default ``None``) msolve processes side by side
    - ``checkpoint``, ``verbose`` -- (default ``None``, ``False``) a file
      that keeps each projective degree as it is counted, so that a rerun
      after a time-out, an interrupt or a kill counts only the missing ones;
      print each as it is counted
      (:func:`~sage_neuro.invariants.segre_class.segre_class`)

    OUTPUT: a pair (Integer, element of
    :func:`~sage_neuro.invariants.segre_class.chow_ring`)

    EXAMPLES:

    The 8 points of CNN ``[3, 2]`` (Milnor number 1 each), and CNN ``[4,
    2]``, whose 24 points have total Milnor number 24::

        sage: from sage_neuro import PolynomialCNN
        sage: from sage_neuro.invariants.cnn_segre_veronese import aluffi_defect
        sage: aluffi_defect(PolynomialCNN([3, 2]))
        (8, 8*H1^2*H2)
        sage: aluffi_defect(PolynomialCNN([4, 2]))[0]
        24

    A transversal CNN has ``Z`` empty::

        sage: aluffi_defect(PolynomialCNN([2, 3]))
        (0, 0)

    CNN ``[4, 3]`` touches the quadric along a curve, where the Milnor
    route stops; the defect 80 is the drop from the generic ED degree 1412
    to the ED degree 1332 counted on the parameters::

        sage: aluffi_defect(PolynomialCNN([4, 3]))        # long time (1-2 minutes)
        (80, 16*H1^3*H2^2 + 8*H1^3*H2)
        sage: aluffi_defect(PolynomialCNN([2, 2], activation=1))
        Traceback (most recent call last):
        ...
        ValueError: the Segre-Veronese formula of the ED degree needs an activation t^r with r >= 2, not 1
    """
    from sage_neuro.invariants.segre_class import milnor_class_degree, segre_class
    _check_formula_applies(net)
    prime = check_prime(prime)
    K = GF(Integer(prime))
    R = net.parameter_ring(K)
    F = sum(c ** 2 for c in net.coordinate_functions(K))
    blocks = [list(b) for b in net.filter_vectors(R.gens())]
    s = segre_class([F.derivative(v) for v in R.gens()], blocks, seed=seed, timeout=timeout,
                    processes=processes, checkpoint=checkpoint, verbose=verbose)
    L, r = len(blocks), net.activation()
    dims = [len(b) - 1 for b in blocks]
    return milnor_class_degree(s, dims, [r ** (L - 1 - i) for i in range(L)]), s


def aluffi_ed_degree_record(net, prime=SLICE_PRIME, seed=1, timeout=None, choice="",
                            checkpoint=None, verbose=False):
    r"""
    Return the :class:`~sage_neuro.provenance.Provenance` of the ED degree
    of the neuromanifold of a CNN of stride one with an unramified
    parametrization: the generic ED degree minus :func:`aluffi_defect`,
    whatever the dimension of the isotropic tangency locus.

    The parametrization is shown unramified mod ``prime``
    (:func:`ramification_locus`, a proof); the Segre class is counted mod
    ``prime`` at random choices from ``seed``, so the value is
    ``'modular'`` (prime and seed recorded). A second prime or seed that
    agrees confirms it.

    INPUT:

    - ``net`` -- a network for which :func:`cnn_ed_formula_applies`
    - ``prime`` -- (default ``32003``) a prime below ``2^31``
    - ``seed`` -- (default ``1``) the seed of the random choices
    - ``timeout`` -- (default ``None``) seconds for all of it
    - ``choice`` -- (default ``''``) why this route was taken, for the note
    - ``checkpoint``, ``verbose`` -- as in :func:`aluffi_defect`: a file
      keeping each projective degree as it is counted, and progress

    OUTPUT: a ``Provenance`` record; ``ArithmeticError`` when ``mu`` is not
    shown unramified

    EXAMPLES::

        sage: from sage_neuro import PolynomialCNN
        sage: from sage_neuro.invariants.cnn_segre_veronese import aluffi_ed_degree_record
        sage: P = aluffi_ed_degree_record(PolynomialCNN([3, 2])); P
        ed_degree = 71  [modular: p = 32003, seeds (1,); ... s]
        sage: P.certificate
        'rank [J | mu] = dim Y + 1 at every point of Y = P^2 x P^1: ... mod p; Segre class of the singular scheme of the isotropic section mod 32003: 8*H1^2*H2, Milnor class of degree 8 (79 - 8 = 71)'
        sage: aluffi_ed_degree_record(PolynomialCNN([3, 2]), prime=65521, seed=2).value
        71
    """
    U, (defect, s), seconds, generic, space, degrees = _unramified_drop(
        net, prime, timeout, "Aluffi",
        lambda left: aluffi_defect(net, prime=prime, seed=seed, timeout=left,
                                   checkpoint=checkpoint, verbose=verbose))
    return Provenance(
        "ed_degree", generic - defect, "modular", primes=(int(prime),), seeds=(int(seed),),
        seconds=seconds,
        route="the generic ED degree of the Segre-Veronese variety %s in O(%s) (arXiv "
              "1309.0049, Theorem 5.8; arXiv 2410.00722) minus the degree of Aluffi's Milnor "
              "class of the isotropic section of the parameters, from the Segre class of its "
              "singular scheme (projective degrees counted by msolve), which holds for an "
              "unramified parametrization (the ED degree as an Euler characteristic, "
              "Maxim-Rodriguez-Wang, arXiv 1901.05550)" % (space, degrees),
        certificate="%s; Segre class of the singular scheme of the isotropic section mod %d: "
                    "%s, Milnor class of degree %d (%d - %d = %d)"
                    % (U.certificate(), prime, s, defect, generic, defect, generic - defect),
        choices="random linear subspaces, affine charts and forms of the ideal mod p (seed %d) "
                "for the projective degrees; a choice is bad only on a proper closed subset"
                % seed,
        note=choice)


def aluffi_count(net, invariant="ed_degree", seeds=(1, 2), prime=SLICE_PRIME, timeout=None):
    r"""
    Return the :class:`~sage_neuro.provenance.Provenance` of the ED degree
    of a CNN of stride one by :func:`aluffi_ed_degree_record`, once per
    seed; the record of the first seed lists the others as its
    confirmations, and seeds that disagree raise
    :class:`~sage_neuro.invariants.slicing.DegenerateDraw` (an
    ``ArithmeticError``). This is ``M.ed_degree(strategy='Aluffi')``.

    INPUT:

    - ``net`` -- a network for which :func:`cnn_ed_formula_applies`, with an
      unramified parametrization
    - ``invariant`` -- (default ``'ed_degree'``) the only one this route
      gives
    - ``seeds`` -- (default ``(1, 2)``) seeds of the random choices of the
      projective degrees, one computation each
    - ``prime`` -- (default ``32003``) a prime below ``2^31``
    - ``timeout`` -- (default ``None``) seconds for all of it

    OUTPUT: a ``Provenance`` record (``'modular'``)

    EXAMPLES::

        sage: from sage_neuro import PolynomialCNN
        sage: from sage_neuro.invariants.cnn_segre_veronese import aluffi_count
        sage: P = aluffi_count(PolynomialCNN([3, 2])); P.value, P.seeds
        (71, (1,))
        sage: [(c.value, c.seeds) for c in P.confirmations]
        [(71, (2,))]
        sage: M = PolynomialCNN([3, 2]).neuromanifold()
        sage: M.ed_degree(strategy='Aluffi', seeds=(3,))
        71
        sage: aluffi_count(PolynomialCNN([3, 2]), 'degree')
        Traceback (most recent call last):
        ...
        ValueError: the Aluffi route gives the invariant 'ed_degree' only, not 'degree'
    """
    import time
    from sage_neuro.invariants.slicing import agreed_value
    if invariant != "ed_degree":
        raise ValueError("the Aluffi route gives the invariant 'ed_degree' only, not %r"
                         % (invariant,))
    if not seeds:
        raise ValueError("seeds must be a nonempty tuple of integers, not %r" % (seeds,))
    end = None if timeout is None else time.time() + timeout
    records = []
    for seed in seeds:
        left = None if end is None else max(0, end - time.time())
        records.append(aluffi_ed_degree_record(net, prime=prime, seed=seed, timeout=left))
    # seeds that disagree raise DegenerateDraw, as for every count by seeds
    agreed_value(tuple(seeds), [(P.value, 1) for P in records], count="Aluffi ED degree")
    first = records[0]
    for other in records[1:]:
        first = first.confirmed_by(other)
    return first
