r"""
Membership in the image of the parametrization: is a point ``f`` of the
function space a value ``mu(theta)``?

The neuromanifold is the image ``mu(R^N)``, a semialgebraic set; its
Zariski closure ``M`` can have more points, e.g. limits of ``mu`` along
parameters going to infinity. By Hilbert's Nullstellensatz, ``f`` has no
complex preimage iff the fiber ideal ``(mu(theta) - f)`` of the parameter
ring is the unit ideal, i.e. iff its reduced Groebner basis over ``QQ`` is
``{1}``. This is decided exactly (Sage's libSingular over ``QQ``).

The answer is about the *complex* image ``mu(C^N)``: ``False`` proves that
``f`` is not in ``mu(R^N)`` either; ``True`` says that ``f`` has a complex
preimage, which need not be real.

EXAMPLES:

For ``mu(w_1, w_2) = (w_2 w_1^2, w_2 w_1)`` (the CNN ``[1, 1]`` with
``sigma = t^2 + t``; the coefficients of ``x^2`` and ``x``) the limit
point ``(12, 0)`` of the closure is not a value of ``mu``::

    sage: from sage_neuro import PolynomialCNN
    sage: from sage_neuro.invariants.image_membership import in_image
    sage: R.<t> = QQ[]
    sage: net = PolynomialCNN([1, 1], activation=t^2 + t)
    sage: in_image(net, [12, 0])
    the point is NOT in mu(C^2) of PolynomialCNN([1, 1], activation=t^2 + t)  [proved; ... s]
    sage: bool(in_image(net, net.evaluate([2, 1])))
    True
"""

from sage.rings.integer import Integer
from sage.rings.rational_field import QQ

from sage_neuro.provenance import Provenance, stopwatch


class ImageMembership:
    r"""
    Whether a point of the function space lies in ``mu(C^N)``, with how it
    was decided. True in a boolean context iff it does.

    Attributes: ``net``, ``point`` (over ``QQ``), ``value`` (a bool),
    ``fiber_dimension`` (the dimension of ``mu^{-1}(point)`` over ``CC``,
    ``None`` when the fiber is empty), ``provenance`` (method ``'proved'``:
    a Groebner basis over ``QQ`` of the fiber ideal decides membership for
    this point, with no random choice).

    EXAMPLES::

        sage: from sage_neuro import PolynomialCNN
        sage: from sage_neuro.invariants.image_membership import in_image
        sage: R.<t> = QQ[]
        sage: m = in_image(PolynomialCNN([1, 1], activation=t^2 + t), [0, 0]); m
        the point is in mu(C^2) of PolynomialCNN([1, 1], activation=t^2 + t) (fiber of dimension 1)  [proved; ... s]
        sage: m.value, m.fiber_dimension, m.provenance.method
        (True, 1, 'proved')
    """

    def __init__(self, net, point, value, fiber_dimension, provenance):
        self.net = net
        self.point = point
        self.value = bool(value)
        self.fiber_dimension = fiber_dimension
        self.provenance = provenance

    def __bool__(self):
        return self.value

    def __repr__(self):
        where = "mu(C^%s) of %r" % (self.net.num_parameters(), self.net)
        if self.value:
            return "the point is in %s (fiber of dimension %s)  [%s]" % (
                where, self.fiber_dimension, self.provenance.summary())
        return "the point is NOT in %s  [%s]" % (where, self.provenance.summary())


def in_image(net, point):
    r"""
    Decide exactly whether the rational point ``point`` of the function
    space of ``net`` is a value ``mu(theta)``, ``theta`` complex: the
    fiber ideal ``(mu(theta) - point)`` is the unit ideal iff it is not
    (Nullstellensatz; Groebner basis over ``QQ``, libSingular).

    INPUT:

    - ``net`` -- an architecture
    - ``point`` -- a list of rationals, one per coordinate of
      ``net.coordinate_ring()``

    OUTPUT: an :class:`ImageMembership` (true in a boolean context iff the
    point is in ``mu(C^N)``)

    EXAMPLES:

    For the CNN ``[2, 2]`` with ``sigma = t^3 - 2 t^2 + 3 t`` the linear
    function ``sigma'(0) (w_2 * w_1) . x``, the limit of ``mu`` at
    ``(w_1 / c, c w_2)`` for ``c -> oo`` (the last three coordinates are
    the coefficients of ``x_2, x_1, x_0``), lies on the closure of the
    neuromanifold but is not a value of ``mu``; ``mu(1, 2, 1, 1)`` is, with
    a finite fiber::

        sage: from sage_neuro import PolynomialCNN
        sage: from sage_neuro.invariants.image_membership import in_image
        sage: from sage_neuro.invariants.multiplicity import boundary_limit_points
        sage: R.<t> = QQ[]
        sage: net = PolynomialCNN([2, 2], activation=t^3 - 2*t^2 + 3*t)
        sage: desc, p = boundary_limit_points(net, count=1)[1]; desc, p
        ('layers 1-2, bottom term, seed 0', [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, -54, -93, -18])
        sage: in_image(net, p).value
        False
        sage: m = in_image(net, net.evaluate([1, 2, 1, 1])); m.value, m.fiber_dimension
        (True, 0)

    Bad input::

        sage: in_image(net, [1, 2])
        Traceback (most recent call last):
        ...
        ValueError: point must have 15 entries (one per coordinate), got 2
        sage: in_image(net, [1/2 + I] + [0] * 14)
        Traceback (most recent call last):
        ...
        TypeError: point must have rational entries for an exact decision, got I + 1/2 at position 0
        sage: in_image('cnn', [1])
        Traceback (most recent call last):
        ...
        TypeError: net must be an Architecture (e.g. PolynomialCNN([2, 2], activation=t^3 + t)), not 'cnn'
    """
    from sage_neuro.architectures.base import Architecture
    from sage_neuro.validation import check_point
    if not isinstance(net, Architecture):
        raise TypeError("net must be an Architecture (e.g. PolynomialCNN([2, 2], activation=t^3 + t)), "
                        "not %r" % (net,))
    if hasattr(point, "list") and not isinstance(point, (list, tuple)):
        point = point.list()   # a Sage vector, e.g. net.evaluate(theta)
    point = check_point(point, net.ambient_dimension(), name="point")
    f = []
    for i, x in enumerate(point):
        try:
            f.append(QQ(x))
        except (TypeError, ValueError):
            raise TypeError("point must have rational entries for an exact decision, got %s at "
                            "position %d" % (x, i)) from None
    R = net.parameter_ring()
    with stopwatch() as t:
        I = R.ideal([g - v for g, v in zip(net.coordinate_functions(), f)])
        G = I.groebner_basis()
        empty = list(G) == [R.one()]
        dim = None if empty else Integer(R.ideal(G).dimension())
    prov = Provenance("in_image", not empty, "proved", seconds=t[0],
                      route="reduced Groebner basis over QQ of the fiber ideal (mu(theta) - point) "
                            "(libSingular); {1} iff no complex preimage (Nullstellensatz)",
                      certificate="the reduced Groebner basis over QQ of the fiber ideal is %s"
                                  % ("{1}" if empty else "not {1} (fiber of dimension %s)" % dim),
                      note="about mu(C^N): False also excludes mu(R^N); True allows a non-real fiber")
    return ImageMembership(net, f, not empty, dim, prov)
