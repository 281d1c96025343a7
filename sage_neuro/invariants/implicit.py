r"""
The implicit equations of a neuromanifold and the ideals derived from them,
computed exactly over ``QQ`` in Macaulay2.

EXAMPLES::

    sage: from sage_neuro import LinearNetwork
    sage: from sage_neuro.invariants.implicit import implicit_ideal
    sage: implicit_ideal(LinearNetwork([2, 1, 2]))
    Ideal (c0_1*c1_0 - c0_0*c1_1) of Multivariate Polynomial Ring in c0_0, c0_1, c1_0, c1_1 over Rational Field
"""

from sage.rings.integer import Integer

from sage_neuro.m2 import session


def implicit_ideal(net, timeout=None):
    r"""
    Return the ideal of the Zariski closure of the image of ``mu`` (the
    kernel of the parametrization), by elimination in Macaulay2 over ``QQ``.

    INPUT:

    - ``net`` -- an architecture
    - ``timeout`` -- seconds (raises ``M2TimeoutError`` past it)

    OUTPUT: an ideal of ``net.coordinate_ring()``

    EXAMPLES::

        sage: from sage_neuro import LinearNetwork
        sage: from sage_neuro.invariants.implicit import implicit_ideal
        sage: len(implicit_ideal(LinearNetwork([4, 2, 3])).gens())
        4
    """
    S = session()
    L = S.polys(net.coordinate_functions(), net.parameter_ring())
    C = net.coordinate_ring()
    gens = S.call("implicitIdeal", L, S.ring(C), timeout=timeout, ring=C)
    return C.ideal(gens)


def ideal_dimension_degree(I, timeout=None):
    r"""
    Return ``(dimension, degree)`` of an ideal, from Macaulay2.

    For a homogeneous ideal this is the affine dimension of the cone and the
    degree of the projective variety.

    EXAMPLES::

        sage: from sage_neuro.invariants.implicit import ideal_dimension_degree
        sage: R.<x,y,z> = QQ[]
        sage: ideal_dimension_degree(R.ideal([x*z - y^2]))
        (2, 2)
    """
    S = session()
    d, e = S.call("idealInvariants", S.ideal(I), timeout=timeout)
    return Integer(d), Integer(e)


def singular_components(I, strategy="Minors", timeout=None):
    r"""
    Return the minimal primes of the singular locus of the prime ideal ``I``
    (Jacobian criterion), as a list of Sage ideals.

    INPUT:

    - ``I`` -- a prime ideal of a polynomial ring over ``QQ``
    - ``strategy`` -- ``'Minors'`` (all minors of size ``codim I``) or
      ``'FastMinors'`` (good minors chosen by Macaulay2's FastMinors)

    EXAMPLES::

        sage: from sage_neuro.invariants.implicit import singular_components
        sage: R.<x,y,z> = QQ[]
        sage: singular_components(R.ideal([x*z - y^2]))
        [Ideal (z, y, x) of Multivariate Polynomial Ring in x, y, z over Rational Field]
    """
    if strategy not in ("Minors", "FastMinors"):
        raise ValueError("strategy must be 'Minors' or 'FastMinors', not %r" % (strategy,))
    S = session()
    R = I.ring()
    comps = S.call("singularComponents", S.ideal(I), ring=R, timeout=timeout,
                   options={"Strategy": '"%s"' % strategy})
    return [R.ideal(g) for g in comps]


def minimal_primes(I, timeout=None):
    r"""
    Return the minimal primes of ``I`` (computed in Macaulay2).

    EXAMPLES::

        sage: from sage_neuro.invariants.implicit import minimal_primes
        sage: R.<x,y> = QQ[]
        sage: sorted(minimal_primes(R.ideal([x*y])))
        [Ideal (y) of Multivariate Polynomial Ring in x, y over Rational Field, Ideal (x) of Multivariate Polynomial Ring in x, y over Rational Field]
    """
    S = session()
    R = I.ring()
    comps = S.call("minimalPrimeComponents", S.ideal(I), ring=R, timeout=timeout)
    return [R.ideal(g) for g in comps]
