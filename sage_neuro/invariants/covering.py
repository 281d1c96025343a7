r"""
Covering numbers of neuromanifolds.

For a neuromanifold `M \subset \RR^n` (``n = M.ambient_dimension()``, the
Euclidean metric of the coefficient coordinates), a radius `r > 0` and a
scale `\varepsilon > 0`, the covering number
`N(M \cap B(0, r), \varepsilon)` is the least number of closed Euclidean
balls of radius `\varepsilon` whose union contains the real points of `M`
lying in the closed ball `B(0, r)`. When `\varepsilon \ge r` the single
ball `B(0, \varepsilon)` covers, so `N = 1`; every bound below is replaced
by `1` in that case.

Three rigorous upper bounds are implemented; :func:`covering_number_bound`
returns the smallest one that applies (``bound='min'``) and records which
one was attained in ``M.provenance('covering_number_bound')``.

``'volumetric'`` -- THEOREM (volumetric / packing bound). For every subset
`K` of a closed ball of radius `r` in a Euclidean space of dimension `s`
and every `\varepsilon > 0`,

.. MATH::

    N(K, \varepsilon) \le \left(1 + \frac{2r}{\varepsilon}\right)^s ,

with centres in `K`. R. Vershynin, *High-Dimensional Probability*,
Cambridge University Press 2018, Proposition 4.2.12 and Corollary 4.2.13
(`N(B_2^s, \varepsilon) \le (2/\varepsilon + 1)^s`; see also R. Vershynin,
*Introduction to the non-asymptotic analysis of random matrices*,
arXiv:1011.3027, Lemma 5.2), rescaled by `r`. Proof sketch: a maximal
`\varepsilon`-separated subset `S` of `K` is an `\varepsilon`-net of `K`;
the balls `B(s, \varepsilon/2)`, `s \in S`, are disjoint and lie in
`B(0, r + \varepsilon/2)`, so `|S| \le ((r + \varepsilon/2)/(\varepsilon/2))^s`.
Here `s = n`, the ambient dimension (exact: the number of coefficient
coordinates). No hypothesis on `M`.

``'span'`` -- the same theorem inside the affine linear span `A` of `M`.
`M \cap B(0, r) \subset A \cap B(0, r)`, and `A \cap B(0, r)` is a ball of
radius at most `r` in the Euclidean space `A` (centred at the foot of the
perpendicular from `0`), so the bound holds with `s = \dim A`. The span
is computed by :class:`~sage_neuro.invariants.span.LinearSpan`: linear
relations found at random rational points, each one then *proved* by
substituting the coordinate functions of ``mu``. Hence `M \subset A` is
proved, and `s` is an upper bound for the true span dimension even if the
sampling missed a relation: the bound is rigorous (provenance ``proved``).
It is much smaller than the ambient bound when the span is small (Kohn's
attention example spans 6 of its 40 coordinates).

``'low_rank'`` -- linear networks only. The neuromanifold of
``LinearNetwork([k0, ..., kL])`` consists of `m \times n` matrices
(`m = k_L`, `n = k_0`, coordinates = matrix entries, Euclidean metric =
Frobenius norm) of rank at most `k = \min_i k_i` (a product through a
layer of width `k_i` has rank at most `k_i`). PROPOSITION: for the set
`K = \{X : \operatorname{rank} X \le k, \|X\|_F \le r\}` and every
`\varepsilon > 0`,

.. MATH::

    N(K, \varepsilon) \le \left(1 + \frac{6r}{\varepsilon}\right)^{(m+n+1)k},

with centres in `K`. This is the singular-value-decomposition net argument
of E. J. Candès and Y. Plan, *Tight oracle inequalities for low-rank matrix
recovery from a minimal number of noisy random measurements*, IEEE Trans.
Inform. Theory 57(4), 2011, 2342--2359, Lemma 3.1 (stated there for matrices
of unit Frobenius norm, with base `9/\varepsilon`); the constants above are
for the ball and the proof is given here in full, so the bound does not rest
on the citation. Proof: write
`X = U \Sigma V^T` with `U \in O_{m,k}`, `V \in O_{n,k}` (orthonormal
columns; `k \le m, n`) and `\Sigma = \operatorname{diag}(\sigma)`,
`\|\sigma\|_2 = \|X\|_F \le r` (pad with zero singular values). Let
`\|U\|_{1,2} = \max_i \|u_i\|_2` (largest column norm); its unit ball `Q`
is a product of `k` Euclidean unit balls of `\RR^m`, and `O_{m,k} \subset Q`.
The volumetric argument in this norm gives a `\delta`-net of `O_{m,k}` with
centres in `O_{m,k}` and at most `(1 + 2/\delta)^{mk}` points (disjoint
`\delta/2`-balls inside `(1 + \delta/2)Q`); likewise for `O_{n,k}`, and a
`\varepsilon/3`-net of the ball of radius `r` in `\RR^k` with at most
`(1 + 6r/\varepsilon)^k` points. For net points `\bar U, \bar V`
(orthonormal columns) and `\bar\sigma` (`\|\bar\sigma\| \le r`),

.. MATH::

    \|X - \bar U \bar\Sigma \bar V^T\|_F
    \le \|(U - \bar U)\Sigma\|_F + \|\Sigma - \bar\Sigma\|_F
      + \|(V - \bar V)\bar\Sigma\|_F
    \le r\delta + \varepsilon/3 + r\delta ,

using `\|A V^T\|_F = \|A\|_F` and `\|\bar U A\|_F = \|A\|_F` for matrices
with orthonormal columns and `\|(U - \bar U)\Sigma\|_F^2 =
\sum_i \sigma_i^2 \|u_i - \bar u_i\|^2 \le \|U - \bar U\|_{1,2}^2 \|\sigma\|^2`.
With `\delta = \varepsilon/(3r)` the error is at most `\varepsilon` and the
number of centres `\bar U \bar\Sigma \bar V^T \in K` is at most
`(1 + 6r/\varepsilon)^{mk + nk + k}`. It beats the volumetric bound when
`(m+n+1)k` is well below `mn` (e.g. ``LinearNetwork([10, 2, 10])``: exponent
42 instead of 100), not for Kohn's `3 \times 4` rank-2 example
(16 > 12).

What is *not* implemented, and why (literature check of 2026-11-27). A
bound in terms of `\dim M` and a degree, such as those of Y. Zhang and
J. Kileel, *Covering number of real algebraic varieties and beyond:
improved bounds and applications*, arXiv:2311.05116 (v4, 2025: real
algebraic varieties of dimension `k` in `\RR^n` cut out by polynomials of
degree `\le d`; images of polynomial maps; semialgebraic sets), would give
`\log N(M \cap B(0, r), \varepsilon) = O(\dim M \cdot \log(d r/\varepsilon))`
(the shape quoted in Kohn's talk "Neuromanifolds"), improving the non-explicit constants of
Yomdin and Comte (*Tame geometry with application in smooth analysis*, LNM
1834, 2004, Theorem 3.5). The statements of those theorems *with their
constants and hypotheses* could not be retrieved: the copy of
https://arxiv.org/html/2311.05116v4 reachable from this project's build
environment holds only the title and abstract, and
the one secondary source found (T. Koshizuka and I. Sato, *Understanding
generalization in physics informed models through affine variety
dimensions*, Lemma B.2, quoting Zhang-Kileel for `(\beta, k)`-regular sets)
has the formula missing from its text. Rather than guess constants, this
module implements only bounds whose statements and proofs are given above.
None of them uses `\dim M` or a degree; the geometry of `M` enters only
through its span dimension and, for linear networks, the rank.

EXAMPLES::

    sage: from sage_neuro import LinearNetwork
    sage: from sage_neuro.invariants.covering import covering_number_bound
    sage: M = LinearNetwork([4, 2, 3]).neuromanifold()
    sage: covering_number_bound(M, 1/2)
    244140625
    sage: M.provenance('covering_number_bound').route
    "min over ['volumetric', 'span', 'low_rank']: attained by volumetric, span"
"""

import numbers

from sage.rings.integer import Integer
from sage.rings.rational_field import QQ
from sage.rings.real_mpfi import RealIntervalField
from sage.rings.real_mpfr import RealField

from sage_neuro.provenance import Provenance, stopwatch

_RIF = RealIntervalField(256)
_RR_UP = RealField(53, rnd='RNDU')


def _check_positive_real(value, name):
    r"""
    Return ``value`` as an exact rational or, failing that, as a real
    interval, after checking that it is a positive finite real number.

    INPUT:

    - ``value`` -- the object to check
    - ``name`` -- the argument's name, used in error messages

    OUTPUT: an element of ``QQ`` or of a ``RealIntervalField``

    EXAMPLES::

        sage: from sage_neuro.invariants.covering import _check_positive_real
        sage: _check_positive_real(1/3, 'eps')
        1/3
        sage: _check_positive_real(0.5, 'eps')
        1/2
        sage: _check_positive_real(RIF(2).sqrt(), 'eps')
        1.414213562373095?
        sage: _check_positive_real(0, 'eps')
        Traceback (most recent call last):
        ...
        ValueError: eps must be a positive real number, not 0
        sage: _check_positive_real('1', 'eps')
        Traceback (most recent call last):
        ...
        TypeError: eps must be a real number, not '1' (str)
    """
    if (isinstance(value, (bool, str, bytes)) or value is None
            or not (isinstance(value, numbers.Number) or hasattr(value, "parent"))):
        raise TypeError("%s must be a real number, not %r (%s)"
                        % (name, value, type(value).__name__))
    if isinstance(value, float):
        x = value
        if x != x or x in (float("inf"), float("-inf")):
            raise ValueError("%s must be a positive real number, not %r" % (name, value))
        result = QQ(x.as_integer_ratio()[0]) / QQ(x.as_integer_ratio()[1])
    else:
        try:
            result = QQ(value)
        except (TypeError, ValueError, ArithmeticError):
            if isinstance(value, numbers.Complex) and not isinstance(value, numbers.Real):
                raise TypeError("%s must be a real number, not %r (%s)"
                                % (name, value, type(value).__name__))
            try:
                result = _RIF(value)
            except (TypeError, ValueError, ArithmeticError):
                raise TypeError("%s must be a real number, not %r (%s)"
                                % (name, value, type(value).__name__))
            if result.lower().is_infinity() or result.upper().is_infinity() or result.is_NaN():
                raise ValueError("%s must be a positive real number, not %r" % (name, value))
    if not result > 0:
        raise ValueError("%s must be a positive real number, not %s" % (name, value))
    return result


def _ambient(M):
    r"""
    Return ``M.ambient_dimension()`` as a Sage Integer, or raise ``TypeError``.

    EXAMPLES::

        sage: from sage_neuro import LinearNetwork
        sage: from sage_neuro.invariants.covering import _ambient
        sage: _ambient(LinearNetwork([4, 2, 3]).neuromanifold())
        12
        sage: _ambient(5)
        Traceback (most recent call last):
        ...
        TypeError: M must be a neuromanifold (an object with ambient_dimension()), not 5 (Integer)
    """
    if not callable(getattr(M, "ambient_dimension", None)):
        raise TypeError("M must be a neuromanifold (an object with ambient_dimension()), not %r (%s)"
                        % (M, type(M).__name__))
    return Integer(M.ambient_dimension())


BOUNDS = ("volumetric", "span", "low_rank")

_THEOREMS = {
    "volumetric": "Vershynin, High-Dimensional Probability (2018), Cor. 4.2.13, in the ambient space",
    "span": "Vershynin, High-Dimensional Probability (2018), Cor. 4.2.13, in the affine span of M",
    "low_rank": "SVD net argument of Candes-Plan, IEEE Trans. Inf. Theory 57 (2011), Lemma 3.1, for the ball",
}


class CoveringBound:
    r"""
    One upper bound for `N(M \cap B(0, r), \varepsilon)` of the form
    `\lfloor (1 + c\, r/\varepsilon)^e \rfloor` (or `1` when
    `\varepsilon \ge r`), with the theorem it comes from and its inputs.

    Built by :func:`covering_number_bounds`; see the module documentation
    for the theorems.

    INPUT:

    - ``name`` -- one of :data:`BOUNDS`
    - ``constant``, ``exponent`` -- `c` and `e`
    - ``eps``, ``radius`` -- as checked by :func:`_check_positive_real`
    - ``inputs`` -- dictionary: input name -> ``(value, how it was obtained)``

    EXAMPLES::

        sage: from sage_neuro.invariants.covering import CoveringBound
        sage: B = CoveringBound('volumetric', 2, 12, 1/10, 1, {'n': (12, 'proved')}); B
        volumetric bound (1 + 2*r/eps)^12 = 7355827511386641 (r = 1, eps = 1/10)
        sage: B.value == 21^12, B.exponent, B.formula()
        (True, 12, '(1 + 2*r/eps)^12')
        sage: B.log_value()
        36.5342692526811
    """

    def __init__(self, name, constant, exponent, eps, radius, inputs):
        self.name = name
        self.constant = Integer(constant)
        self.exponent = Integer(exponent)
        self.eps = eps
        self.radius = radius
        self.inputs = dict(inputs)
        self.theorem = _THEOREMS[name]
        if radius <= eps:
            self.value = Integer(1)
        else:
            x = (1 + self.constant * radius / eps) ** self.exponent
            self.value = Integer(x.floor() if x.parent() is QQ else x.upper().floor())

    def formula(self):
        r"""
        Return the formula as a string in ``r`` and ``eps``.

        EXAMPLES::

            sage: from sage_neuro.invariants.covering import CoveringBound
            sage: CoveringBound('low_rank', 6, 16, 1/2, 1, {}).formula()
            '(1 + 6*r/eps)^16'
        """
        return "(1 + %s*r/eps)^%s" % (self.constant, self.exponent)

    def log_value(self):
        r"""
        Return an upper bound for the natural logarithm of the bound,
        `e \log(1 + c\, r/\varepsilon)` rounded up (``0`` when
        `\varepsilon \ge r`): it avoids huge integers.

        OUTPUT: an element of ``RealField(53)`` rounded up, or the Integer ``0``

        EXAMPLES::

            sage: from sage_neuro.invariants.covering import CoveringBound
            sage: CoveringBound('span', 2, 6, 10^-100, 1, {}).log_value()
            1385.70993887979
            sage: CoveringBound('span', 2, 6, 2, 1, {}).log_value()
            0
        """
        if self.radius <= self.eps:
            return Integer(0)
        value = self.exponent * (1 + self.constant * _RIF(self.radius) / _RIF(self.eps)).log()
        return _RR_UP(value.upper())

    def __repr__(self):
        return "%s bound %s = %s (r = %s, eps = %s)" % (
            self.name, self.formula(), self.value, self.radius, self.eps)


def _linear_network_shape(M):
    r"""
    Return ``(m, n, k)`` -- rows, columns and rank bound of the end-to-end
    matrices -- if ``M`` is the neuromanifold of a linear network, else ``None``.

    EXAMPLES::

        sage: from sage_neuro import LinearNetwork, PolynomialMLP
        sage: from sage_neuro.invariants.covering import _linear_network_shape
        sage: _linear_network_shape(LinearNetwork([4, 2, 3]).neuromanifold())
        (3, 4, 2)
        sage: _linear_network_shape(PolynomialMLP([2, 2, 1]).neuromanifold()) is None
        True
    """
    from sage_neuro.architectures.linear import LinearNetwork
    net = getattr(M, "architecture", lambda: None)()
    if not isinstance(net, LinearNetwork):
        return None
    w = net.widths()
    return Integer(w[-1]), Integer(w[0]), Integer(min(w))


def _check_bound(bound):
    r"""
    Check the ``bound=`` argument.

    EXAMPLES::

        sage: from sage_neuro.invariants.covering import _check_bound
        sage: _check_bound('span')
        'span'
        sage: _check_bound('best')
        Traceback (most recent call last):
        ...
        ValueError: bound must be one of 'min', 'volumetric', 'span', 'low_rank', not 'best'
    """
    allowed = ("min",) + BOUNDS
    if not isinstance(bound, str) or bound not in allowed:
        raise ValueError("bound must be one of %s, not %r"
                         % (", ".join(repr(a) for a in allowed), bound))
    return bound


def _make_bound(M, name, eps, radius, required):
    r"""
    Return the :class:`CoveringBound` ``name`` for ``M``, or ``None`` when it
    does not apply to ``M`` (``ValueError`` instead when ``required``).
    """
    if name == "volumetric":
        n = _ambient(M)
        return CoveringBound(name, 2, n, eps, radius, {
            "ambient_dimension": (n, "proved: number of coefficient coordinates")})
    if name == "span":
        if not callable(getattr(M, "linear_span_dimension", None)):
            if required:
                raise ValueError("bound='span' needs a neuromanifold with linear_span_dimension(), not %r" % (M,))
            return None
        s = Integer(M.linear_span_dimension())
        return CoveringBound(name, 2, s, eps, radius, {
            "linear_span_dimension": (s, "proved: an upper bound, every affine relation found at random points proved by substituting mu")})
    shape = _linear_network_shape(M)
    if shape is None:
        if required:
            raise ValueError("bound='low_rank' applies only to neuromanifolds of a LinearNetwork, not %r" % (M,))
        return None
    m, n, k = shape
    return CoveringBound(name, 6, (m + n + 1) * k, eps, radius, {
        "rows": (m, "proved: output width"), "columns": (n, "proved: input width"),
        "rank_bound": (k, "proved: smallest width (rank of a product <= width of each factor)")})


def covering_number_bounds(M, eps, radius=1):
    r"""
    Return every implemented upper bound for
    `N(M \cap B(0, \mathrm{radius}), \mathrm{eps})` that applies to ``M``,
    in the order of :data:`BOUNDS`.

    INPUT:

    - ``M`` -- a neuromanifold (anything with ``ambient_dimension()``;
      ``linear_span_dimension()`` enables ``'span'``, a ``LinearNetwork``
      architecture enables ``'low_rank'``)
    - ``eps`` -- a positive real number, the radius of the covering balls
    - ``radius`` -- a positive real number (default ``1``)

    OUTPUT: a list of :class:`CoveringBound`

    EXAMPLES::

        sage: from sage_neuro import LinearNetwork, LightningSelfAttention
        sage: from sage_neuro.invariants.covering import covering_number_bounds
        sage: for B in covering_number_bounds(LinearNetwork([4, 2, 3]).neuromanifold(), 1/10):
        ....:     print(B.name, B.formula(), B.value == (1 + B.constant*10)^B.exponent)
        volumetric (1 + 2*r/eps)^12 True
        span (1 + 2*r/eps)^12 True
        low_rank (1 + 6*r/eps)^16 True
        sage: A = LightningSelfAttention(2, 2, 1, 2).neuromanifold()
        sage: [(B.name, B.exponent) for B in covering_number_bounds(A, 1/10)]
        [('volumetric', 40), ('span', 6)]
        sage: covering_number_bounds(A, 0)
        Traceback (most recent call last):
        ...
        ValueError: eps must be a positive real number, not 0
    """
    _ambient(M)
    eps = _check_positive_real(eps, "eps")
    radius = _check_positive_real(radius, "radius")
    out = []
    for name in BOUNDS:
        B = _make_bound(M, name, eps, radius, required=False)
        if B is not None:
            out.append(B)
    return out


def _selected(M, eps, radius, bound):
    bound = _check_bound(bound)
    _ambient(M)
    eps = _check_positive_real(eps, "eps")
    radius = _check_positive_real(radius, "radius")
    if bound == "min":
        return covering_number_bounds(M, eps, radius), bound
    return [_make_bound(M, bound, eps, radius, required=True)], bound


def _record(M, name, value, bounds, bound, key, seconds):
    r"""
    Store the provenance of a covering bound on ``M`` (if ``M`` keeps records).
    """
    if not callable(getattr(M, "record", None)):
        return
    best = min(key(B) for B in bounds)
    attained = [B.name for B in bounds if key(B) == best]
    if bound == "min":
        route = "min over %s: attained by %s" % ([B.name for B in bounds], ", ".join(attained))
    else:
        route = "bound=%r" % bound
    parts = []
    for B in bounds:
        ins = "; ".join("%s = %s (%s)" % (k, v, how) for k, (v, how) in B.inputs.items())
        parts.append("%s: %s [%s] from %s" % (B.name, B.formula(), ins, B.theorem))
    note = "r = %s, eps = %s. " % (bounds[0].radius, bounds[0].eps) + " | ".join(parts)
    # a theorem applied to proved inputs: no random choice survives (the
    # span's relations are found at random points but each is proved, and a
    # missed relation only makes the bound larger)
    certificate = "; ".join("%s: %s" % (B.name, B.theorem) for B in bounds if key(B) == best)
    M.record(Provenance(name, value, "proved", seconds=seconds, route=route, note=note,
                        certificate=certificate))


def covering_number_bound(M, eps, radius=1, bound="min"):
    r"""
    Return a rigorous upper bound for the covering number
    `N(M \cap B(0, \mathrm{radius}), \mathrm{eps})`.

    The bounds (module documentation for the theorems and proofs), with
    `r` = ``radius`` and `\varepsilon` = ``eps``:

    - ``'volumetric'`` -- `(1 + 2r/\varepsilon)^n`, `n` the ambient
      dimension (Vershynin, *High-Dimensional Probability*, Cor. 4.2.13);
    - ``'span'`` -- `(1 + 2r/\varepsilon)^s`, `s` the dimension of the
      affine linear span of `M` (the same theorem inside the span);
    - ``'low_rank'`` -- linear networks only: `(1 + 6r/\varepsilon)^{(m+n+1)k}`
      for `m \times n` matrices of rank `\le k` (the SVD net argument of
      Candès-Plan, IEEE Trans. Inf. Theory 57 (2011), Lemma 3.1, redone
      for the ball);
    - ``'min'`` (default) -- the smallest of those that apply.

    Each is floored (a covering number is an integer) and replaced by `1`
    when ``eps >= radius``. Each is a theorem applied to proved inputs (no
    modular step, no unproved random choice), so the provenance method is
    ``'proved'``; ``M.provenance('covering_number_bound')``
    names the bound attained, every candidate's formula and inputs, and the
    wall time. Dimension-and-degree bounds (Zhang-Kileel, arXiv:2311.05116)
    are not used: their constants could not be verified (module documentation).

    INPUT:

    - ``M`` -- a neuromanifold (anything with ``ambient_dimension()``)
    - ``eps`` -- a positive real number, the radius of the covering balls
    - ``radius`` -- a positive real number (default ``1``), the radius of
      the ball about the origin in which `M` is covered
    - ``bound`` -- ``'min'`` (default), ``'volumetric'``, ``'span'`` or
      ``'low_rank'``

    Exact rationals (and Python floats, read exactly) give an exact result;
    other real numbers (e.g. elements of ``RR`` or ``RIF``) are handled with
    interval arithmetic, and the result is rounded up so that it stays an
    upper bound.

    OUTPUT: a Sage ``Integer``

    EXAMPLES::

        sage: from sage_neuro import LinearNetwork, LightningSelfAttention
        sage: from sage_neuro.invariants.covering import covering_number_bound
        sage: M = LinearNetwork([4, 2, 3]).neuromanifold()   # rank <= 2 in R^(3x4)
        sage: covering_number_bound(M, 1/10)
        7355827511386641
        sage: covering_number_bound(M, 1/10) == 21^12
        True
        sage: covering_number_bound(M, 1/10, bound='low_rank') == 61^16
        True
        sage: covering_number_bound(M, 1/2, radius=1/4)
        1
        sage: covering_number_bound(M, RR(2).sqrt(), radius=3)
        431122931

    A thin linear network, where the rank bound wins (exponent
    `(10 + 10 + 1) \cdot 2 = 42` instead of `100`)::

        sage: W = LinearNetwork([10, 2, 10]).neuromanifold()
        sage: covering_number_bound(W, 1/10) == 61^42
        True
        sage: W.provenance('covering_number_bound').route
        "min over ['volumetric', 'span', 'low_rank']: attained by low_rank"

    Kohn's attention example spans 6 of its 40 coordinates::

        sage: A = LightningSelfAttention(2, 2, 1, 2).neuromanifold()
        sage: covering_number_bound(A, 1/10) == 21^6
        True
        sage: A.provenance('covering_number_bound').method
        'proved'
        sage: A.provenance('covering_number_bound').certificate
        'span: ...'
        sage: covering_number_bound(A, 1/10, bound='low_rank')
        Traceback (most recent call last):
        ...
        ValueError: bound='low_rank' applies only to neuromanifolds of a LinearNetwork, not Neuromanifold of LightningSelfAttention(d=2, a=2, d_out=1, t=2) in a 40-dimensional function space

    Bad input::

        sage: covering_number_bound(M, 0)
        Traceback (most recent call last):
        ...
        ValueError: eps must be a positive real number, not 0
        sage: covering_number_bound(M, 1/2, radius=-1)
        Traceback (most recent call last):
        ...
        ValueError: radius must be a positive real number, not -1
        sage: covering_number_bound(M, 1/2, bound='zhang_kileel')
        Traceback (most recent call last):
        ...
        ValueError: bound must be one of 'min', 'volumetric', 'span', 'low_rank', not 'zhang_kileel'

    Every bound dominates the volumetric lower bound `(r/\varepsilon)^n`
    for the full space (all `2 \times 2` matrices)::

        sage: F = LinearNetwork([2, 2]).neuromanifold()
        sage: all(covering_number_bound(F, 1/10, radius=2, bound=b) >= 20^4
        ....:     for b in ('min', 'volumetric', 'span', 'low_rank'))
        True
    """
    with stopwatch() as t:
        bounds, bound = _selected(M, eps, radius, bound)
        value = min(B.value for B in bounds)
    _record(M, "covering_number_bound", value, bounds, bound, lambda B: B.value, t[0])
    return value


def log_covering_number_bound(M, eps, radius=1, bound="min"):
    r"""
    Return an upper bound for the natural logarithm of
    `N(M \cap B(0, \mathrm{radius}), \mathrm{eps})`.

    The same bounds as :func:`covering_number_bound` (``bound=`` selects
    one, default the smallest), as `e \log(1 + c\,\mathrm{radius}/\mathrm{eps})`
    computed with interval arithmetic and rounded up (``0`` when
    ``eps >= radius``). It avoids huge integers when the exponent is large
    or ``eps`` tiny. The provenance is stored as ``'log_covering_number_bound'``.

    INPUT:

    - ``M`` -- a neuromanifold (anything with ``ambient_dimension()``)
    - ``eps`` -- a positive real number
    - ``radius`` -- a positive real number (default ``1``)
    - ``bound`` -- ``'min'`` (default), ``'volumetric'``, ``'span'`` or
      ``'low_rank'``

    OUTPUT: an element of ``RealField(53)`` (rounded up), an upper bound;
    the Integer ``0`` when ``eps >= radius``

    EXAMPLES::

        sage: from sage_neuro import LinearNetwork
        sage: from sage_neuro.invariants.covering import (
        ....:     covering_number_bound, log_covering_number_bound)
        sage: M = LinearNetwork([4, 2, 3]).neuromanifold()
        sage: L = log_covering_number_bound(M, 1/10); L
        36.5342692526811
        sage: L >= RR(covering_number_bound(M, 1/10)).log()
        True
        sage: log_covering_number_bound(M, 10^-100)
        2771.41987775958
        sage: L = log_covering_number_bound(M, 10^-100, bound='low_rank'); L
        3712.80430029813
        sage: abs(L - 16 * RealField(200)(1 + 6 * 10^100).log()) < 1e-10
        True
        sage: log_covering_number_bound(M, 2)
        0
        sage: log_covering_number_bound(M, -1)
        Traceback (most recent call last):
        ...
        ValueError: eps must be a positive real number, not -1
    """
    with stopwatch() as t:
        bounds, bound = _selected(M, eps, radius, bound)
        value = min(B.log_value() for B in bounds)
    _record(M, "log_covering_number_bound", value, bounds, bound, lambda B: B.log_value(), t[0])
    return value
