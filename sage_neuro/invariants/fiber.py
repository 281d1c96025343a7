r"""
Fibers of the parametrization: ``mu^{-1}(mu(theta))`` over the complex
numbers, as ideals of the parameter ring with their decomposition.

EXAMPLES::

    sage: from sage_neuro import LinearNetwork
    sage: F = LinearNetwork([2, 1, 2]).fiber([1, 2, 3, 4])
    sage: F.ideal()
    Ideal (w1_0_0*w2_0_0 - 3, w1_0_1*w2_0_0 - 6, w1_0_0*w2_1_0 - 4, w1_0_1*w2_1_0 - 8) of Multivariate Polynomial Ring in w1_0_0, w1_0_1, w2_0_0, w2_1_0 over Rational Field
"""

from sage.rings.integer import Integer
from sage.rings.rational_field import QQ

from sage_neuro.schemes import Subvariety
from sage_neuro.validation import check_point


class Fiber(Subvariety):
    r"""
    The fiber of ``mu`` through a rational parameter point, a closed
    subscheme of the parameter space (a :class:`~sage_neuro.schemes.Subvariety`,
    so Sage's scheme methods apply).

    INPUT:

    - ``net`` -- an architecture
    - ``theta`` -- a parameter point with rational entries
    - ``timeout`` -- seconds for Macaulay2 calls

    EXAMPLES::

        sage: from sage_neuro import LinearNetwork
        sage: F = LinearNetwork([2, 1, 2]).fiber([1, 2, 3, 4]); F
        Fiber of LinearNetwork([2, 1, 2]) through (1, 2, 3, 4)
        sage: LinearNetwork([2, 1, 2]).fiber([1, 2, 3])
        Traceback (most recent call last):
        ...
        ValueError: theta must have 4 entries (one per parameter), got 3

    As a Sage scheme: its components over ``QQ`` and a rational point::

        sage: F = LinearNetwork([1, 1, 1]).fiber([0, 0])
        sage: [C.defining_ideal().gens() for C in F.irreducible_components()]
        [[w2_0_0], [w1_0_0]]
        sage: F.point([0, 5])
        (0, 5)
    """

    def __init__(self, net, theta, timeout=None):
        theta = check_point(theta, net.num_parameters())
        try:
            self._theta = [QQ(t) for t in theta]
        except (TypeError, ValueError):
            raise TypeError("theta must have rational entries for an exact fiber, got %r" % (theta,))
        self._net = net
        self._timeout = timeout
        self._components = None
        self._primary = None
        P = net.parameter_ring()
        F = net.coordinate_functions()
        Subvariety.__init__(self, P.ideal([f - f(*self._theta) for f in F]))

    def __repr__(self):
        return "Fiber of %r through %s" % (self._net, tuple(self._theta))

    def ideal(self):
        r"""
        Return the ideal ``(mu(w) - mu(theta))`` of the parameter ring.

        EXAMPLES::

            sage: from sage_neuro import LinearNetwork
            sage: LinearNetwork([1, 1, 1]).fiber([2, 3]).ideal()
            Ideal (w1_0_0*w2_0_0 - 6) of Multivariate Polynomial Ring in w1_0_0, w2_0_0 over Rational Field
        """
        return self._ideal

    def dimension(self):
        r"""
        Return the dimension of the fiber (over the complex numbers).

        EXAMPLES::

            sage: from sage_neuro import LinearNetwork
            sage: LinearNetwork([4, 2, 3]).fiber(list(range(1, 15))).dimension()
            4
        """
        from sage_neuro.invariants.implicit import ideal_dimension_degree
        return ideal_dimension_degree(self.ideal(), timeout=self._timeout)[0]

    def components(self):
        r"""
        Return the irreducible components of the fiber, as prime ideals
        (minimal primes of :meth:`ideal`).

        EXAMPLES::

            sage: from sage_neuro import LinearNetwork
            sage: len(LinearNetwork([2, 1, 2]).fiber([0, 0, 0, 0]).components())
            2
        """
        if self._components is None:
            from sage_neuro.invariants.implicit import minimal_primes
            self._components = minimal_primes(self.ideal(), timeout=self._timeout)
        return list(self._components)

    def number_of_components(self):
        r"""
        Return the number of irreducible components over ``QQ`` (the
        minimal primes of :meth:`ideal`; a component over ``QQ`` may split
        into Galois-conjugate components over the complex numbers).

        EXAMPLES::

            sage: from sage_neuro import PolynomialMLP
            sage: PolynomialMLP([2, 2, 1], activation=3).fiber([1, 2, 3, 5, 1, 1]).number_of_components()
            2
        """
        return Integer(len(self.components()))

    def primary_decomposition(self, embedded=True):
        r"""
        Return a primary decomposition of :meth:`ideal` (Macaulay2 over
        ``QQ``): a list of triples ``(Q, P, is_embedded)`` with ``Q`` a
        primary ideal, ``P`` its associated prime and ``is_embedded``
        whether ``P`` strictly contains another associated prime.

        INPUT:

        - ``embedded`` -- (default ``True``) include the embedded
          components; with ``False`` only those of the minimal primes

        EXAMPLES::

            sage: from sage_neuro import LinearNetwork
            sage: F = LinearNetwork([1, 1, 1]).fiber([0, 0])
            sage: sorted((str(Q.gens()), e) for Q, P, e in F.primary_decomposition())
            [('[w1_0_0]', False), ('[w2_0_0]', False)]
            sage: D = LinearNetwork([2, 1, 2]).fiber([0, 0, 0, 0]).primary_decomposition()
            sage: sorted((len(P.gens()), e) for Q, P, e in D)
            [(2, False), (2, False)]
        """
        if self._primary is None:
            from sage_neuro.m2 import session
            S = session()
            I = self.ideal()
            R = I.ring()
            L = S.call("primaryComponents", S.ideal(I), ring=R, timeout=self._timeout)
            self._primary = [(R.ideal(q), R.ideal(p), bool(e)) for q, p, e in L]
        return [c for c in self._primary if embedded or not c[2]]
