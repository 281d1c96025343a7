r"""
Checks of user input, shared by all architectures.

Each check raises ``TypeError`` (wrong kind of object) or ``ValueError``
(right kind, wrong value) with a message naming the argument and what is
allowed, so that bad input never reaches Macaulay2.

EXAMPLES::

    sage: from sage_neuro.validation import check_widths
    sage: check_widths([4, 2, 3])
    (4, 2, 3)
    sage: check_widths([4, 0, 3])
    Traceback (most recent call last):
    ...
    ValueError: widths must be positive integers; got 0 at position 1
"""

import numbers

from sage.rings.integer import Integer
from sage.rings.integer_ring import ZZ
from sage.rings.real_double import RDF
from sage.rings.complex_double import CDF


def check_positive_int(value, name, minimum=1):
    r"""
    Return ``value`` as a Sage Integer, checking it is an integer >= ``minimum``.

    INPUT:

    - ``value`` -- the object to check
    - ``name`` -- the argument's name, used in error messages
    - ``minimum`` -- the smallest allowed value (default 1)

    OUTPUT: a Sage ``Integer``

    EXAMPLES::

        sage: from sage_neuro.validation import check_positive_int
        sage: check_positive_int(3, 'd')
        3
        sage: check_positive_int(2.5, 'd')
        Traceback (most recent call last):
        ...
        TypeError: d must be an integer, not 2.5... (...)
        sage: check_positive_int(-1, 'd')
        Traceback (most recent call last):
        ...
        ValueError: d must be an integer >= 1, not -1
    """
    if isinstance(value, bool) or not isinstance(value, (numbers.Integral, Integer)):
        if not (hasattr(value, "parent") and value in ZZ and value.parent() is ZZ):
            raise TypeError("%s must be an integer, not %r (%s)" % (name, value, type(value).__name__))
    value = Integer(value)
    if value < minimum:
        raise ValueError("%s must be an integer >= %s, not %s" % (name, minimum, value))
    return value


def check_widths(widths, name="widths", minimum_length=2):
    r"""
    Check a list of layer widths (input first) and return it as a tuple of
    Sage Integers.

    INPUT:

    - ``widths`` -- a list or tuple of positive integers
    - ``name`` -- the argument's name for error messages
    - ``minimum_length`` -- fewest entries allowed (default 2: input, output)

    OUTPUT: a tuple of ``Integer``

    EXAMPLES::

        sage: from sage_neuro.validation import check_widths
        sage: check_widths((5, 2, 4, 3))
        (5, 2, 4, 3)
        sage: check_widths([3])
        Traceback (most recent call last):
        ...
        ValueError: widths must list at least 2 widths (input first, output last); got [3]
        sage: check_widths('423')
        Traceback (most recent call last):
        ...
        TypeError: widths must be a list or tuple of positive integers, not '423'
    """
    if isinstance(widths, (str, bytes)) or not hasattr(widths, "__iter__"):
        raise TypeError("%s must be a list or tuple of positive integers, not %r" % (name, widths))
    widths = list(widths)
    if len(widths) < minimum_length:
        raise ValueError("%s must list at least %d widths (input first, output last); got %r"
                         % (name, minimum_length, widths))
    out = []
    for i, w in enumerate(widths):
        if isinstance(w, bool) or not (isinstance(w, (numbers.Integral, Integer)) or
                                       (hasattr(w, "parent") and w in ZZ)):
            raise TypeError("%s must be positive integers; got %r at position %d" % (name, w, i))
        if w < 1:
            raise ValueError("%s must be positive integers; got %s at position %d" % (name, w, i))
        out.append(Integer(w))
    return tuple(out)


def check_point(theta, length, name="theta"):
    r"""
    Check a parameter (or function-space) point and return it as a list.

    The entries may be Python or Sage numbers, or elements of any Sage ring;
    the point must have exactly ``length`` entries.

    INPUT:

    - ``theta`` -- a list, tuple, vector or numpy array
    - ``length`` -- the required number of entries
    - ``name`` -- the argument's name for error messages

    OUTPUT: a list

    EXAMPLES::

        sage: from sage_neuro.validation import check_point
        sage: check_point([1, 2/3], 2)
        [1, 2/3]
        sage: check_point([1, 2], 3)
        Traceback (most recent call last):
        ...
        ValueError: theta must have 3 entries (one per parameter), got 2
        sage: check_point([1, 'a'], 2)
        Traceback (most recent call last):
        ...
        TypeError: theta must contain numbers; entry 1 is 'a'
    """
    if isinstance(theta, (str, bytes)) or not hasattr(theta, "__iter__"):
        raise TypeError("%s must be a list of %d numbers, not %r" % (name, length, theta))
    theta = list(theta)
    if len(theta) != length:
        raise ValueError("%s must have %d entries (one per %s), got %d"
                         % (name, length, "parameter" if name == "theta" else "coordinate",
                            len(theta)))
    for i, t in enumerate(theta):
        if type(t).__module__ == "numpy" and hasattr(t, "item"):
            # numpy scalars do not combine with Sage elements; use Python's
            theta[i] = t = t.item()
        if isinstance(t, (str, bytes, bool)) or not (isinstance(t, numbers.Number) or hasattr(t, "parent")):
            raise TypeError("%s must contain numbers; entry %d is %r" % (name, i, t))
        # Python numbers become Sage elements, which polynomials accept
        if isinstance(t, float):
            theta[i] = RDF(t)
        elif isinstance(t, complex):
            theta[i] = CDF(t)
        elif isinstance(t, numbers.Integral) and not hasattr(t, "parent"):
            theta[i] = Integer(t)
    return theta


def check_method(method, allowed):
    r"""
    Check the ``method=`` argument of an invariant.

    EXAMPLES::

        sage: from sage_neuro.validation import check_method
        sage: check_method('exact', ('exact', 'modular'))
        'exact'
        sage: check_method('fast', ('exact', 'modular'))
        Traceback (most recent call last):
        ...
        ValueError: method must be one of 'exact', 'modular', not 'fast'
    """
    if method not in allowed:
        raise ValueError("method must be one of %s, not %r"
                         % (", ".join(repr(a) for a in allowed), method))
    return method


def check_timeout(timeout, name="timeout"):
    r"""
    Check a ``timeout=`` argument: ``None`` (no limit) or a positive number
    of seconds, returned as a float.

    EXAMPLES::

        sage: from sage_neuro.validation import check_timeout
        sage: check_timeout(None), check_timeout(3)
        (None, 3.0)
        sage: check_timeout(-1)
        Traceback (most recent call last):
        ...
        ValueError: timeout must be None or a positive number of seconds, not -1
    """
    if timeout is None:
        return None
    try:
        value = float(timeout)
    except (TypeError, ValueError):
        value = None
    if value is None or not value > 0 or value != value:
        raise ValueError("%s must be None or a positive number of seconds, not %r" % (name, timeout))
    return value


def check_prime(prime, bound=2 ** 31, name="prime"):
    r"""
    Check a prime argument for msolve (which works mod primes below
    ``2^31``), returned as an Integer.

    EXAMPLES::

        sage: from sage_neuro.validation import check_prime
        sage: check_prime(32003)
        32003
        sage: check_prime(4)
        Traceback (most recent call last):
        ...
        ValueError: prime must be a prime below 2^31, not 4
    """
    from sage.rings.integer import Integer
    try:
        value = Integer(prime)
    except (TypeError, ValueError):
        raise ValueError("%s must be a prime below 2^%d, not %r" % (name, bound.bit_length() - 1,
                                                                     prime))
    if not (value.is_prime() and value < bound):
        raise ValueError("%s must be a prime below 2^%d, not %s" % (name, bound.bit_length() - 1,
                                                                     prime))
    return value


def check_rational_point(point, length, name="point"):
    r"""
    Check a point meant for an exact decision and return it as a list of
    rationals: exactly ``length`` entries, each an integer or a fraction
    (no floating-point numbers, no irrational or symbolic entries).

    INPUT:

    - ``point`` -- a list, tuple or Sage vector
    - ``length`` -- the required number of entries
    - ``name`` -- the argument's name for error messages

    OUTPUT: a list of elements of ``QQ``

    EXAMPLES::

        sage: from sage_neuro.validation import check_rational_point
        sage: check_rational_point(vector([1, 2/3]), 2)
        [1, 2/3]
        sage: check_rational_point([1, 2], 3)
        Traceback (most recent call last):
        ...
        ValueError: point must have 3 entries (one per coordinate), got 2
        sage: check_rational_point([AA(2).sqrt(), 0], 2)
        Traceback (most recent call last):
        ...
        TypeError: point must have rational entries (integers or fractions) for an exact decision, got 1.414213562373095? at position 0
        sage: check_rational_point([0.5, 0], 2)
        Traceback (most recent call last):
        ...
        TypeError: point must have rational entries (integers or fractions) for an exact decision, got the floating-point number 0.5... at position 0
    """
    from sage.rings.rational_field import QQ
    if hasattr(point, "list") and not isinstance(point, (list, tuple)):
        point = point.list()   # a Sage vector, e.g. net.evaluate(theta)
    point = check_point(point, length, name=name)
    f = []
    for i, x in enumerate(point):
        exact = not hasattr(x, "parent") or x.parent().is_exact()
        if isinstance(x, float) or not exact:
            raise TypeError("%s must have rational entries (integers or fractions) for an exact "
                            "decision, got the floating-point number %s at position %d" % (name, x, i))
        try:
            f.append(QQ(x))
        except (TypeError, ValueError):
            raise TypeError("%s must have rational entries (integers or fractions) for an exact "
                            "decision, got %s at position %d" % (name, x, i)) from None
    return f
