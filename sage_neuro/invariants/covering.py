r"""
Covering numbers of neuromanifolds.

For a neuromanifold `M \subset \RR^n` (``n = M.ambient_dimension()``), a
radius `r > 0` and a scale `\varepsilon > 0`, the covering number
`N(M \cap B(0, r), \varepsilon)` is the least number of closed Euclidean
balls of radius `\varepsilon` whose union contains the real points of `M`
lying in the closed ball `B(0, r)`.

THEOREM USED (volumetric / packing bound). For every subset `K` of the
closed ball `B(0, r) \subset \RR^n` and every `\varepsilon > 0`,

.. MATH::

    N(K, \varepsilon) \le \left(1 + \frac{2r}{\varepsilon}\right)^n ,

and the balls may even be centred at points of `K`. This is the covering
bound for the Euclidean ball, R. Vershynin, *High-Dimensional Probability*,
Cambridge University Press 2018, Proposition 4.2.12 and Corollary 4.2.13
(`N(B_2^n, \varepsilon) \le (2/\varepsilon + 1)^n`; see also R. Vershynin,
*Introduction to the non-asymptotic analysis of random matrices*,
arXiv:1011.3027, Lemma 5.2), rescaled by `r`. Proof sketch: a maximal
`\varepsilon`-separated subset `S` of `K` is an `\varepsilon`-net of `K`;
the balls `B(s, \varepsilon/2)`, `s \in S`, are disjoint and lie in
`B(0, r + \varepsilon/2)`, so comparing volumes gives
`|S| \le ((r + \varepsilon/2)/(\varepsilon/2))^n`. When
`\varepsilon \ge r` the single ball `B(0, \varepsilon)` already covers, so
`N = 1`. Hypotheses: none on `M` beyond `M \subset \RR^n`.

What is *not* implemented, and why. The sharper, dimension-sensitive bounds
of Y. Zhang and J. Kileel, *Covering number of real algebraic varieties and
beyond: improved bounds and applications*, arXiv:2311.05116 (for a variety
of dimension `k` in `\RR^n` cut out by polynomials of degree `\le d`, and
for images of polynomial maps), give
`\log N(M \cap B(0, r), \varepsilon) = O(k \log(d\, r / \varepsilon))`
with `k = M.dimension()` and `d` a degree bound (the shape quoted in the
seed talk: `O(\dim \cdot \log(\deg/\varepsilon))`), improving the
non-explicit constants of Yomdin and Comte (*Tame geometry with application
in smooth analysis*, LNM 1834, 2004). The exact constants of those theorems
could not be retrieved and checked while this module was written (only the
abstract and secondary citations were available), so they are not
implemented: this module returns only a bound whose statement could be
verified. It depends on the ambient dimension `n` only, so for
`\dim M < n` it is far from sharp as `\varepsilon \to 0`
(`n \log(1/\varepsilon)` instead of `\dim M \cdot \log(1/\varepsilon)`).

EXAMPLES::

    sage: from sage_neuro import LinearNetwork
    sage: from sage_neuro.invariants.covering import covering_number_bound
    sage: M = LinearNetwork([4, 2, 3]).neuromanifold()
    sage: covering_number_bound(M, 1/2)
    244140625
"""

import numbers

from sage.rings.integer import Integer
from sage.rings.rational_field import QQ
from sage.rings.real_mpfi import RealIntervalField
from sage.rings.real_mpfr import RealField

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


def covering_number_bound(M, eps, radius=1):
    r"""
    Return a rigorous upper bound for the covering number
    `N(M \cap B(0, \mathrm{radius}), \mathrm{eps})`.

    The bound is `\lfloor (1 + 2\,\mathrm{radius}/\mathrm{eps})^n \rfloor`
    with `n` the ambient dimension, and `1` when ``eps >= radius``; see the
    module documentation for the theorem (Vershynin, *High-Dimensional
    Probability*, Corollary 4.2.13, rescaled) and for why the
    dimension-sensitive bounds of Zhang-Kileel (arXiv:2311.05116) are not
    used. Taking the floor is valid because a covering number is an integer.
    The centres of the balls can be taken on `M`.

    INPUT:

    - ``M`` -- a neuromanifold (anything with ``ambient_dimension()``)
    - ``eps`` -- a positive real number, the radius of the covering balls
    - ``radius`` -- a positive real number (default ``1``), the radius of
      the ball about the origin in which `M` is covered

    Exact rationals (and Python floats, read exactly) give an exact result;
    other real numbers (e.g. elements of ``RR`` or ``RIF``) are handled with interval
    arithmetic, and the result is then rounded up so that it stays an
    upper bound.

    OUTPUT: a Sage ``Integer``

    EXAMPLES::

        sage: from sage_neuro import LinearNetwork
        sage: from sage_neuro.invariants.covering import covering_number_bound
        sage: M = LinearNetwork([4, 2, 3]).neuromanifold()   # rank <= 2 in R^(3x4)
        sage: covering_number_bound(M, 1/10)
        7355827511386641
        sage: covering_number_bound(M, 1/10) == 21^12
        True
        sage: covering_number_bound(M, 1/2, radius=1/4)
        1
        sage: covering_number_bound(M, RR(2).sqrt(), radius=3)
        431122931
        sage: covering_number_bound(M, 0)
        Traceback (most recent call last):
        ...
        ValueError: eps must be a positive real number, not 0
        sage: covering_number_bound(M, 1/2, radius=-1)
        Traceback (most recent call last):
        ...
        ValueError: radius must be a positive real number, not -1

    The bound dominates the volumetric lower bound `(r/\varepsilon)^n`
    for the full space (all `2 \times 2` matrices)::

        sage: F = LinearNetwork([2, 2]).neuromanifold()
        sage: covering_number_bound(F, 1/10, radius=2) >= 20^4
        True
    """
    n = _ambient(M)
    eps = _check_positive_real(eps, "eps")
    radius = _check_positive_real(radius, "radius")
    if radius <= eps:
        return Integer(1)
    x = (1 + 2 * radius / eps) ** n
    if x.parent() is QQ:
        return Integer(x.floor())
    return Integer(x.upper().floor())


def log_covering_number_bound(M, eps, radius=1):
    r"""
    Return an upper bound for the natural logarithm of
    `N(M \cap B(0, \mathrm{radius}), \mathrm{eps})`.

    This is `n \log(1 + 2\,\mathrm{radius}/\mathrm{eps})` (and `0` when
    ``eps >= radius``), computed with interval arithmetic and rounded up,
    from the same theorem as :func:`covering_number_bound`. It avoids huge
    integers when `n` is large or ``eps`` tiny.

    INPUT:

    - ``M`` -- a neuromanifold (anything with ``ambient_dimension()``)
    - ``eps`` -- a positive real number
    - ``radius`` -- a positive real number (default ``1``)

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
        sage: log_covering_number_bound(M, 2)
        0
        sage: log_covering_number_bound(M, -1)
        Traceback (most recent call last):
        ...
        ValueError: eps must be a positive real number, not -1
    """
    n = _ambient(M)
    eps = _check_positive_real(eps, "eps")
    radius = _check_positive_real(radius, "radius")
    if radius <= eps:
        return Integer(0)
    value = n * (1 + 2 * _RIF(radius) / _RIF(eps)).log()
    return _RR_UP(value.upper())
