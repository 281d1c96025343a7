r"""
The ED discriminant of a neuromanifold and the ED degree at given data.

For a neuromanifold ``M`` (closure ``X``, ideal ``I`` in the coefficient
coordinates ``x``) and data ``u``, the *ED correspondence* is the set of
pairs ``(x, u)`` with ``x`` a smooth point of ``X`` and ``u - x`` normal to
``X`` at ``x``: the ideal

    ``E = (I + minors(c + 1, [Jac(I) ; x - u])) : (I + minors(c, Jac(I)))^oo``

(``c`` the codimension). Over a general ``u`` its fiber is ``EDdeg(M)``
reduced points. The *ED discriminant* here is the hypersurface of the
data where the number of distinct critical points on the smooth part of
``X`` drops, so that the real count can change only across it. It has
three parts (each possibly empty):

- ``'collision'`` -- two critical points collide (the fiber of ``E`` is not
  reduced: the Jacobian in ``x`` of the generators of ``E`` drops below
  rank ``n``);
- ``'infinity'`` -- a critical point escapes to infinity (the closure of
  ``E`` in ``P^n x data`` meets the hyperplane at infinity; computed by
  homogenizing a Groebner basis of ``E`` in ``x``);
- ``'singular'`` -- a critical point falls into the singular locus of
  ``X`` (the closure of ``E`` meets it), e.g. the vertex of a cone.

For the 2x2 matrices of rank one, the 'collision' part has no hypersurface
component: on the complex quartic ``((u0 - u3)^2 + (u1 + u2)^2)((u0 +
u3)^2 + (u1 - u2)^2) = 0`` both critical points escape to infinity, and on
``det u = 0`` one of them falls into the vertex.
It is computed here exactly over ``QQ``
for small cases, with the data either free (``n`` variables ``u0, u1,
...``) or restricted to a line or plane ``u = u_0 + s v_1 (+ t v_2)``, where
it is a polynomial in ``s`` (and ``t``): a plane curve for Kohn's
picture.

Two routes, both in exact arithmetic over ``QQ``:

- ``'branch'`` (default; Macaulay2 ``edDiscriminant``): the three parts
  above, each by elimination of ``x``; the hypersurface part of each is the
  gcd of the generators of its elimination ideal;
- ``'eliminant'`` (Macaulay2 ``edEliminant``, then Sage): the eliminant
  ``e(y)`` of a random linear form ``y = l(x)`` on the fibers, a polynomial
  in ``y`` over the data ring; its discriminant in ``y`` vanishes where two
  critical points collide or escape to infinity, and where two critical
  points share the value of ``l``; that last factor depends on ``l``, so
  the gcd over two random forms is kept. It does not see the 'singular'
  part: it is the independent check of the 'collision' and 'infinity'
  parts.

The ``'branch'`` route makes no random choice: its provenance is
``'proved'``. The ``'eliminant'`` route rests on the two random forms (a
factor of both spurious discriminants could survive the gcd):
``'exact_random'``, the forms recorded in ``choices``.

The radical (squarefree part) is returned, normalized to a primitive
integer polynomial with positive leading coefficient.

EXAMPLES:

Kohn's example: the quadrics ``w (a x + b y)^2``, coordinates
``(w a^2, 2 w a b, w b^2)``, on the plane of data ``(p, 1, q)``::

    sage: from sage_neuro import PolynomialMLP
    sage: from sage_neuro.optimization.discriminant import ed_discriminant
    sage: D = ed_discriminant(PolynomialMLP([2, 1, 1]), base=[0, 1, 0], directions=[[1, 0, 0], [0, 0, 1]])
    sage: D.parts
    {'collision': 32*s^6 - 240*s^5*t + ... + 256, 'infinity': 1, 'singular': s*t - 1}
    sage: D.parts['collision'](10, 9).sign() != D.parts['collision'](3, 2).sign()
    True
"""

import random
import time

from sage.arith.misc import gcd
from sage.rings.integer import Integer
from sage.rings.polynomial.polynomial_ring_constructor import PolynomialRing
from sage.rings.rational_field import QQ
from sage.rings.finite_rings.finite_field_constructor import GF

from sage_neuro.constants import SLICE_PRIME
from sage_neuro.m2 import session
from sage_neuro.provenance import Provenance
from sage_neuro.validation import check_method, check_point

#: the routes of :func:`ed_discriminant`
ROUTES = ("branch", "eliminant")

#: the parts of the discriminant of the route ``'branch'``
PARTS = ("collision", "infinity", "singular")



def _architecture(obj):
    return obj.architecture() if hasattr(obj, "architecture") else obj


def data_family(net, base=None, directions=None):
    r"""
    Return ``(D, U)``: the ring ``D`` of the data parameters and the list
    ``U`` of the ``n`` data coordinates as polynomials in ``D``.

    INPUT:

    - ``net`` -- an architecture
    - ``base``, ``directions`` -- ``None`` (free data: ``D = QQ[u0, ...]``)
      or a point and a list of one or two direction vectors (the line
      ``base + s v1`` or the plane ``base + s v1 + t v2``)

    EXAMPLES::

        sage: from sage_neuro import PolynomialMLP
        sage: from sage_neuro.optimization.discriminant import data_family
        sage: data_family(PolynomialMLP([2, 1, 1]), [0, 1, 0], [[1, 0, 0], [0, 0, 1]])
        (Multivariate Polynomial Ring in s, t over Rational Field, [s, 1, t])
        sage: data_family(PolynomialMLP([2, 1, 1]), [0, 1, 0], [])
        Traceback (most recent call last):
        ...
        ValueError: directions must be a list of 1 or 2 vectors, got 0
    """
    n = int(net.ambient_dimension())
    if base is None and directions is None:
        D = PolynomialRing(QQ, ["u%d" % i for i in range(n)])
        return D, list(D.gens())
    base = [QQ(x) for x in check_point(base, n, name="base")]
    if directions is None or not isinstance(directions, (list, tuple)) or not 1 <= len(directions) <= 2:
        raise ValueError("directions must be a list of 1 or 2 vectors, got %s"
                         % (len(directions) if isinstance(directions, (list, tuple)) else directions))
    V = [[QQ(x) for x in check_point(v, n, name="direction")] for v in directions]
    D = PolynomialRing(QQ, "s") if len(V) == 1 else PolynomialRing(QQ, 2, ["s", "t"])
    U = [D(base[i]) + sum(V[j][i] * D.gen(j) for j in range(len(V))) for i in range(n)]
    return D, U


def _normalize(f):
    f = f.parent()(f)
    if f == 0:
        return f
    f = f.radical() if f.degree() > 0 else f.parent()(1)
    f = f / f.content() if hasattr(f, "content") else f
    f = f * f.denominator() if hasattr(f, "denominator") else f
    c = f.lc()
    return f if c > 0 else -f


class EDDiscriminant:
    r"""
    The ED discriminant of a neuromanifold over a family of data: returned
    by :func:`ed_discriminant`.

    INPUT:

    - ``polynomial`` -- the squarefree polynomial in the data ring
    - ``U`` -- the data coordinates as polynomials of the data ring
    - ``provenance`` -- a :class:`~sage_neuro.provenance.Provenance`
    - ``parts`` -- (route ``'branch'``) a dictionary: ``'collision'``,
      ``'infinity'``, ``'singular'`` -> the squarefree polynomial of that
      part (``1`` if it has no hypersurface part)

    EXAMPLES::

        sage: from sage_neuro import LinearNetwork
        sage: D = LinearNetwork([2, 1, 2]).neuromanifold().ed_discriminant(); D
        ED discriminant of degree 6 in Multivariate Polynomial Ring in u0, u1, u2, u3 over Rational Field [proved...]
        sage: D.parts['collision'], D.parts['singular']
        (1, u1*u2 - u0*u3)
        sage: D.parts['infinity'].factor()
        (u0^2 + u1^2 - 2*u1*u2 + u2^2 + 2*u0*u3 + u3^2) * (u0^2 + u1^2 + 2*u1*u2 + u2^2 - 2*u0*u3 + u3^2)
    """

    def __init__(self, polynomial, U, provenance, parts=None):
        self.parts = dict(parts or {})
        self._f = polynomial
        self._U = list(U)
        self.provenance = provenance

    def polynomial(self):
        r"""
        Return the squarefree polynomial defining the discriminant.

        EXAMPLES::

            sage: from sage_neuro import LinearNetwork
            sage: LinearNetwork([2, 1, 2]).neuromanifold().ed_discriminant().polynomial().degree()
            6
        """
        return self._f

    def ring(self):
        r"""
        Return the ring of the data parameters.

        EXAMPLES::

            sage: from sage_neuro import LinearNetwork
            sage: D = LinearNetwork([2, 1, 2]).neuromanifold().ed_discriminant()
            sage: D.ring() is D.polynomial().parent(), D.ring().ngens()
            (True, 4)
        """
        return self._f.parent()

    def data(self, point):
        r"""
        Return the data point ``u`` at the parameter values ``point``.

        EXAMPLES::

            sage: from sage_neuro import PolynomialMLP
            sage: D = PolynomialMLP([2, 1, 1]).neuromanifold().ed_discriminant(base=[0, 1, 0], directions=[[1, 0, 0], [0, 0, 1]])
            sage: D.data([10, 9])
            [10, 1, 9]
        """
        point = check_point(point, self.ring().ngens(), name="point")
        return [f(*point) for f in self._U]

    def __call__(self, point):
        point = check_point(point, self.ring().ngens(), name="point")
        return self._f(*point)

    def sign(self, point):
        r"""
        Return the sign (``-1``, ``0`` or ``1``) of the discriminant at the
        rational parameter values ``point``.

        EXAMPLES::

            sage: from sage_neuro import PolynomialMLP
            sage: D = PolynomialMLP([2, 1, 1]).neuromanifold().ed_discriminant(base=[0, 1, 0], directions=[[1, 0, 0], [0, 0, 1]])
            sage: D.sign([2, 2]), D.sign([10, 9]) != D.sign([3, 2])
            (0, True)
        """
        return Integer(self(point).sign())

    def __repr__(self):
        return "ED discriminant of degree %d in %s [%s]" % (
            self._f.degree(), self.ring(), self.provenance.summary())


def ed_discriminant(obj, base=None, directions=None, route="branch", seed=0, timeout=None):
    r"""
    Return the ED discriminant of the neuromanifold of ``obj`` (an
    architecture or a neuromanifold) over free data or a line / plane of
    data, exactly over ``QQ``.

    See the module documentation for the two routes. The neuromanifold's
    implicit ideal is needed (small cases).

    INPUT:

    - ``obj`` -- an architecture or its neuromanifold
    - ``base``, ``directions`` -- as in :func:`data_family` (default: free data)
    - ``route`` -- ``'branch'`` (default) or ``'eliminant'``
    - ``seed`` -- seed of the random linear forms of ``'eliminant'``
    - ``timeout`` -- seconds per Macaulay2 call

    OUTPUT: an :class:`EDDiscriminant`

    EXAMPLES:

    The 2x2 matrices of rank one (see the module documentation); the two
    routes agree on the parts the eliminant sees::

        sage: from sage_neuro import LinearNetwork
        sage: from sage_neuro.optimization.discriminant import ed_discriminant
        sage: a = ed_discriminant(LinearNetwork([2, 1, 2]))
        sage: b = ed_discriminant(LinearNetwork([2, 1, 2]), route='eliminant')
        sage: b.polynomial() == a.parts['collision'] * a.parts['infinity']
        True
        sage: ed_discriminant(LinearNetwork([2, 1, 2]), route='bad')
        Traceback (most recent call last):
        ...
        ValueError: route must be one of 'branch', 'eliminant', not 'bad'
    """
    if route not in ROUTES:
        raise ValueError("route must be one of %s, not %r" % (", ".join("'%s'" % r for r in ROUTES), route))
    net = _architecture(obj)
    M = net.neuromanifold()
    D, U = data_family(net, base, directions)
    t0 = time.time()
    I = M.ideal(timeout=timeout)
    note = ""
    parts = {}
    if I.is_zero():
        # the whole space: one critical point (the data itself), no discriminant
        f = D(1)
    else:
        S = session()
        Iname = S.ideal(I)
        D1 = D
        if D.ngens() == 1:
            # a line: the bridge sends rings of two or more variables; t is unused
            D = PolynomialRing(QQ, 2, ["s", "t"])
        Uname = S.polys([D(f(D.gen(0))) if D1 is not D else f for f in U], D)
        if route == "branch":
            lists = S.call("edDiscriminant", Iname, Uname, ring=D, timeout=timeout)
            for name, gens in zip(PARTS, lists):
                g = D(0)
                for h in gens:
                    g = gcd(g, D(h))
                parts[name] = _normalize(g)
            f = D(1)
            for g in parts.values():
                f *= g
        else:
            rnd = random.Random(seed)
            n = int(net.ambient_dimension())
            Ds = PolynomialRing(D, "y")
            f, forms = D(0), []
            for _ in range(2):
                c = [rnd.randint(1, 97) for _ in range(n)]
                co = S.call("edEliminant", Iname, Uname, c, ring=D, timeout=timeout)
                e = Ds([D(x) for x in co])
                f = gcd(f, D(e.discriminant()))
                forms.append(c)
            note = "linear forms %s" % forms
    if I.is_zero():
        D1 = D
    if D1 is not D:
        # back to the univariate ring of the line
        back = lambda g: _normalize(D1(g(D1.gen(0), 0)))
        f = back(f)
        parts = {k: back(g) for k, g in parts.items()}
        D = D1
    f = _normalize(f)
    # only the eliminant route draws (its linear forms are in the note)
    drawn = bool(note)
    prov = Provenance("ed_discriminant", f, "exact_random" if drawn else "proved",
                      seeds=(seed,) if drawn else (),
                      seconds=time.time() - t0, choices=note,
                      certificate="" if drawn else
                      "elimination over QQ of the collision, infinity and singular parts of the "
                      "ED correspondence",
                      route=("branch locus of the ED correspondence (Jacobian in x of its "
                             "ideal drops rank), x eliminated, Macaulay2 over QQ"
                             if route == "branch" else
                             "gcd over two random linear forms of the discriminants of their "
                             "eliminants on the ED correspondence (Macaulay2 elimination, "
                             "Sage discriminant) over QQ"),
                      note=note)
    return EDDiscriminant(f, U, prov, parts)


#: up to this ambient dimension :func:`ed_degree_at` uses the implicit ideal by default
IMPLICIT_LIMIT = 10


def ed_degree_at(obj, data, method="exact", timeout=None, route="auto"):
    r"""
    Return the number of *distinct* complex critical points of the squared
    distance from ``data`` on the smooth part of the neuromanifold: the ED
    degree at the given data (smaller than the generic one on the ED
    discriminant, where critical points collide).

    Computed on the ED correspondence at ``u = data`` (see the module
    documentation) in Singular: the degree of the radical of the
    zero-dimensional critical ideal; over ``QQ`` (``'exact'``) or over
    ``GF(32003)`` (``'modular'``; the data reduced mod p). The implicit
    ideal is needed (small cases).

    INPUT:

    - ``obj`` -- an architecture or its neuromanifold
    - ``data`` -- a rational point of the function space
    - ``method`` -- ``'exact'`` (default) or ``'modular'``
    - ``timeout`` -- seconds for the implicit ideal
    - ``route`` -- ``'implicit'`` (the above), ``'slice'`` (the number of
      distinct function-space points of
      :func:`~sage_neuro.optimization.critical_points.loss_critical_points`,
      over ``QQ``, two slices; no implicit ideal needed) or ``'auto'``
      (default: ``'implicit'`` up to ambient dimension
      :data:`IMPLICIT_LIMIT` or for ``'modular'``, else ``'slice'``)

    EXAMPLES:

    Kohn's example: 4 critical points for general data, 2 on the cusp
    ``(2, 1, 2)`` of its discriminant::

        sage: from sage_neuro import PolynomialMLP
        sage: from sage_neuro.optimization.discriminant import ed_degree_at
        sage: net = PolynomialMLP([2, 1, 1])
        sage: ed_degree_at(net, [10, 1, 9]), ed_degree_at(net, [2, 1, 2]), ed_degree_at(net, [2, 1, 2], method='modular')
        (4, 2, 2)
        sage: ed_degree_at(net, [2, 1, 2], route='slice')
        2
    """
    check_method(method, ("exact", "modular"))
    if route not in ("auto", "implicit", "slice"):
        raise ValueError("route must be one of 'auto', 'implicit', 'slice', not %r" % (route,))
    net = _architecture(obj)
    n = int(net.ambient_dimension())
    u = [QQ(x) for x in check_point(data, n, name="data")]
    if route == "auto":
        route = "implicit" if n <= IMPLICIT_LIMIT or method == "modular" else "slice"
    if route == "slice":
        from sage_neuro.optimization.critical_points import loss_critical_points
        return loss_critical_points(net, u, timeout=timeout).complex_count
    I = net.neuromanifold().ideal(timeout=timeout)
    if I.is_zero():
        return Integer(1)
    K = QQ if method == "exact" else GF(SLICE_PRIME)
    R = I.ring().change_ring(K)
    I = R.ideal([R(g) for g in I.gens()])
    x = R.gens()
    c = I.codimension() if hasattr(I, "codimension") else n - I.dimension()
    from sage.matrix.constructor import matrix
    JI = matrix(R, [[g.derivative(v) for v in x] for g in I.gens()])
    aug = JI.stack(matrix(R, [[x[i] - K(u[i]) for i in range(n)]]))
    crit = I + R.ideal(aug.minors(c + 1))
    sing = I + R.ideal(JI.minors(c))
    E = crit.saturation(sing)[0]
    return Integer(E.radical().vector_space_dimension())
