r"""
Subvarieties of function and parameter spaces as Sage schemes.

Singular loci, their components, fibers of ``mu`` and rank-drop loci are
returned as :class:`Subvariety` objects: closed subschemes of an affine
space in Sage's sense (``AlgebraicScheme_subscheme_affine``), so that
``irreducible_components()``, ``intersection()``, ``union()``,
``dimension()``, ``rational_points()``, ``Jacobian()`` and the rest of
Sage's scheme API work on them, with two additions: the degree (of the
projective closure, computed in Macaulay2) and the provenance of the
computation that produced them.

EXAMPLES::

    sage: from sage_neuro.schemes import Subvariety
    sage: R.<x,y,z> = QQ[]
    sage: V = Subvariety(R.ideal([x*z - y^2])); V
    Closed subscheme of Affine Space of dimension 3 over Rational Field defined by:
      -y^2 + x*z
    sage: V.dimension(), V.degree()
    (2, 2)
    sage: W = V.intersection(Subvariety(R.ideal([x])))
    sage: [C.defining_ideal() for C in W.irreducible_components()]
    [Ideal (y, x) of Multivariate Polynomial Ring in x, y, z over Rational Field]
"""

from sage.rings.integer import Integer
from sage.schemes.affine.affine_space import AffineSpace
from sage.schemes.affine.affine_subscheme import AlgebraicScheme_subscheme_affine_field


class Subvariety(AlgebraicScheme_subscheme_affine_field):
    r"""
    The closed subscheme of the affine space with coordinate ring
    ``ideal.ring()`` defined by ``ideal``, with the provenance of its
    computation.

    INPUT:

    - ``ideal`` -- an ideal of a polynomial ring over a field
    - ``provenance`` -- optional :class:`~sage_neuro.provenance.Provenance`
      of the computation that produced it

    EXAMPLES::

        sage: from sage_neuro.schemes import Subvariety
        sage: from sage_neuro.provenance import Provenance
        sage: R.<a,b> = QQ[]
        sage: V = Subvariety(R.ideal([a*b]), Provenance('fiber', None, 'proved'))
        sage: V.provenance().method
        'proved'
        sage: len(V.irreducible_components())
        2
        sage: V.rational_points(bound=1)
        [(-1, 0), (0, -1), (0, 0), (0, 1), (1, 0)]
        sage: Subvariety([a])
        Traceback (most recent call last):
        ...
        TypeError: ideal must be an ideal of a polynomial ring, not [a]
    """

    def __init__(self, ideal, provenance=None):
        try:
            R = ideal.ring()
            gens = ideal.gens()
        except AttributeError:
            raise TypeError("ideal must be an ideal of a polynomial ring, not %r" % (ideal,))
        AlgebraicScheme_subscheme_affine_field.__init__(self, AffineSpace(R), list(gens))
        self._ideal = ideal
        self._provenance = provenance
        self._dimension_degree = None

    def ideal(self):
        r"""
        Return the defining ideal (the same as ``defining_ideal()``).

        EXAMPLES::

            sage: from sage_neuro.schemes import Subvariety
            sage: R.<x,y> = QQ[]
            sage: Subvariety(R.ideal([x])).ideal()
            Ideal (x) of Multivariate Polynomial Ring in x, y over Rational Field
        """
        return self._ideal

    def provenance(self):
        r"""
        Return the provenance record of the computation that produced this
        subvariety, or ``None``.

        EXAMPLES::

            sage: from sage_neuro.schemes import Subvariety
            sage: R.<x,y> = QQ[]
            sage: Subvariety(R.ideal([x])).provenance() is None
            True
        """
        return self._provenance

    def _dimension_and_degree(self):
        if self._dimension_degree is None:
            from sage_neuro.invariants.implicit import ideal_dimension_degree
            self._dimension_degree = ideal_dimension_degree(self._ideal)
        return self._dimension_degree

    def dimension(self):
        r"""
        Return the Krull dimension (for a homogeneous ideal: of the affine cone).

        EXAMPLES::

            sage: from sage_neuro.schemes import Subvariety
            sage: R.<x,y> = QQ[]
            sage: Subvariety(R.ideal([x])).dimension()
            1
        """
        return self._dimension_and_degree()[0]

    def degree(self):
        r"""
        Return the degree of the projective closure (for a homogeneous
        ideal: of the projective variety), computed in Macaulay2.

        EXAMPLES::

            sage: from sage_neuro.schemes import Subvariety
            sage: R.<x,y> = QQ[]
            sage: Subvariety(R.ideal([x^2 - y])).degree()
            2
        """
        return Integer(self._dimension_and_degree()[1])

    def scheme(self):
        r"""
        Return ``self``: a subvariety is already a Sage scheme (kept for
        code written when it was not).

        EXAMPLES::

            sage: from sage_neuro.schemes import Subvariety
            sage: R.<x,y> = QQ[]
            sage: V = Subvariety(R.ideal([x])); V.scheme() is V
            True
        """
        return self
