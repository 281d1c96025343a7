r"""
Published values of invariants of neuromanifolds, as closed formulas with
their sources, to mark which computed survey values agree with the
literature and which no source recorded here covers.

Only formulas whose published statement covers the case exactly are used
(activation ``x^r``, no bias; stride one where the source says so):

- linear networks ``[n_0, ..., n_L]``: the ``n_L x n_0`` matrices of rank
  at most ``r = min n_i``; dimension ``r (m + n - r)``, degree of the
  determinantal variety (Harris-Tu), ED degree ``binomial(min(m, n), r)``
  (Eckart-Young; Draisma-Horobet-Ottaviani-Sturmfels-Thomas, arXiv
  1309.0049, Example 2.3);
- shallow MLPs ``[n, k, 1]`` with ``x^2``: the symmetric ``n x n`` matrices
  of rank at most ``k`` (Kileel-Trager-Bruna, arXiv 1905.12207); dimension
  ``k n - k(k-1)/2`` and the degree of Harris-Tu (Topology 23 (1984));
- shallow MLPs ``[n, k, 1]`` with ``x^r``, ``r >= 3``: the ``k``-th secant
  variety of the Veronese variety, dimension ``min(k n, binomial(n+r-1, r))``
  except the four exceptions of Alexander-Hirschowitz (J. Algebraic Geom.
  4 (1995)); for ``n = 2`` (the rational normal curve) the degree
  ``binomial(r - k + 1, k)`` of the ``(k+1)``-minors of a Hankel matrix
  (Eisenbud, Amer. J. Math. 110 (1988));
- MLPs ``[n, 1, ..., 1, 1]`` with ``x^r`` (every function ``c L^R``,
  ``R = r^(L-1)``): the Veronese variety, dimension ``n``, degree
  ``R^(n-1)``; ``[3, 3, 1]`` with ``x^3``: the hypersurface of the Aronhold
  invariant, degree 4;
- CNNs with filters ``k_1, ..., k_L`` and ``x^r``: dimension
  ``sum k_i - L + 1`` (linear, any strides: Kohn-Montufar-Shahverdi-Trager,
  arXiv 2304.05752; ``r >= 2``: Shahverdi-Marchetti-Kohn, arXiv
  2410.00722) and the degree of arXiv 2410.00722, stated for stride one
  and compared for larger strides too (so that a strided degree agreeing
  with it is not counted as new);
- generic ED degrees (a generic inner product: the sum of the polar
  degrees) of smooth models, by the Chern class formula of
  Draisma-Horobet-Ottaviani-Sturmfels-Thomas (arXiv 1309.0049, Theorem
  5.8) on the Segre-Veronese variety ``P^{n_1} x ... x P^{n_s}`` in
  ``O(d_1, ..., d_s)``
  (:func:`~sage_neuro.invariants.cnn_segre_veronese.segre_veronese_generic_ed_degree`): CNNs with
  ``x^r``, whose neuromanifold is the Segre-Veronese variety of the filters
  in ``O(r^(L-1), ..., r, 1)``, the count of critical points for a generic
  large dataset of Shahverdi-Marchetti-Kohn (arXiv 2410.00722; ``r = 1``:
  the Segre variety, Shahverdi, arXiv 2401.16613), stride one and compared
  for larger strides; MLPs ``[n, 1, w_2, ..., k]`` with ``x^r`` (every
  function ``gamma L^R``): ``P^(k-1) x P^(n-1)`` in ``O(1, R)``, for
  ``n = 2``, ``k = 1`` the rational normal curve of degree ``R``, ``3R -
  2``; their dimension and degree too (``n + k - 1``, ``binom(k + n -
  2, k - 1) R^(n-1)``).

- binary MLPs ``[2, h, 1, ..., 1, k]`` with ``x^r`` and ``2h >= r + 1``
  (the hidden layer gives every binary form ``g`` of degree ``r``: Sylvester),
  whose functions are ``w g^R``, ``R = r^(L-2)``, ``w`` in ``C^k``: the
  coincident root locus of the forms ``l_1^R ... l_r^R`` (for ``k > 1`` its
  Segre product with ``P^(k-1)``), dimension ``k + r`` and the degree of
  Hilbert's formula (times ``binom(k - 1 + r, r)``;
  :func:`coincident_root_locus_degree`;
  Hilbert, Math. Ann. 30 (1887); Fehér-Némethi-Rimányi, "Coincident root
  loci of binary forms", Michigan Math. J. (2006)).

A variety that fills its ambient space has degree and ED degree 1: such
values are trivial, not new.

EXAMPLES::

    sage: from sage_neuro.survey.grid import Case
    sage: from sage_neuro.survey.literature import published_value
    sage: published_value(Case('cnn', {'filters': (2, 2), 'activation': 2}), 'degree')
    (4, 'Shahverdi-Marchetti-Kohn, arXiv 2410.00722 (degree)')
    sage: published_value(Case('mlp', {'widths': (2, 2, 1), 'activation': 4}), 'degree')
    (3, 'secant variety of the rational normal curve: Eisenbud, Amer. J. Math. 110 (1988)')
    sage: published_value(Case('mlp', {'widths': (3, 2, 2), 'activation': 3}), 'degree') is None
    True
"""

from math import comb, factorial

from sage_neuro.invariants.cnn_segre_veronese import segre_veronese_generic_ed_degree

#: the quantities of the frontier table
QUANTITIES = ("dimension", "defect", "degree", "ed_degree", "critical_points",
              "generic_ed_degree")

#: Alexander-Hirschowitz: (n variables, degree r, rank k) whose secant
#: variety has dimension one less than expected
_AH_EXCEPTIONS = {(3, 4, 5), (4, 4, 9), (5, 3, 7), (5, 4, 14)}


def determinantal_degree(m, n, r):
    r"""
    Return the degree of the variety of ``m x n`` matrices of rank at most
    ``r`` (Harris-Tu; Fulton, Intersection Theory, Example 14.4.11).

    EXAMPLES::

        sage: from sage_neuro.survey.literature import determinantal_degree
        sage: determinantal_degree(3, 3, 2), determinantal_degree(2, 3, 1)
        (3, 3)
    """
    from sage_neuro.invariants.attention_determinantal import rank_locus_degree
    return int(rank_locus_degree(m, n, r))


def symmetric_determinantal_degree(n, r):
    r"""
    Return the degree of the variety of symmetric ``n x n`` matrices of rank
    at most ``r`` (Harris-Tu, Topology 23 (1984)).

    EXAMPLES::

        sage: from sage_neuro.survey.literature import symmetric_determinantal_degree
        sage: symmetric_determinantal_degree(2, 1), symmetric_determinantal_degree(3, 1), symmetric_determinantal_degree(3, 2)
        (2, 4, 3)
    """
    num, den = 1, 1
    for j in range(n - r):
        num *= comb(n + j, n - r - j)
        den *= comb(2 * j + 1, j)
    return num // den


def coincident_root_locus_degree(parts):
    r"""
    Return the degree of the coincident root locus ``X_lambda`` of binary
    forms ``l_1^{lambda_1} ... l_k^{lambda_k}`` (``l_i`` linear forms), by
    Hilbert's formula ``k! / prod_j m_j! * prod_i lambda_i``, ``m_j`` the
    number of parts equal to ``j`` (Hilbert, Math. Ann. 30 (1887);
    Fehér-Némethi-Rimányi, "Coincident root loci of binary forms", Michigan
    Math. J. (2006)). Its dimension is ``k`` (projective). Macaulay2's
    package ``CoincidentRootLoci`` gives the same degrees.

    INPUT:

    - ``parts`` -- a non-empty list of positive integers, the partition
      ``lambda``

    OUTPUT: an integer

    EXAMPLES::

        sage: from sage_neuro.survey.literature import coincident_root_locus_degree
        sage: coincident_root_locus_degree([4])        # the rational normal curve of degree 4
        4
        sage: coincident_root_locus_degree([2, 1, 1])  # the discriminant of binary quartics
        6
        sage: coincident_root_locus_degree([2, 2])     # squares of binary quadrics
        4
        sage: coincident_root_locus_degree([])
        Traceback (most recent call last):
        ...
        ValueError: parts must be a non-empty list of positive integers, not []
    """
    parts = list(parts)
    if not parts or any(int(x) != x or x < 1 for x in parts):
        raise ValueError("parts must be a non-empty list of positive integers, not %r" % (parts,))
    value = factorial(len(parts))
    for j in set(parts):
        value //= factorial(parts.count(j))
    for x in parts:
        value *= int(x)
    return value


def _one_neuron_first(n, k, R, quantity):
    # MLP [n, 1, ..., k] with x^r, R = r^(hidden layers): every function is
    # gamma L^R (gamma in C^k, L a linear form), the cone over the
    # Segre-Veronese variety P^(k-1) x P^(n-1) in O(1, R) (k = 1: the
    # Veronese variety v_R(P^(n-1))), up to the diagonal rescaling of the
    # monomials, which keeps dimension, degree and the generic ED degree
    if quantity == "generic_ed_degree":
        if n == 2 and k == 1:
            src = "rational normal curve of degree %d: 3d + 2g - 2 (arXiv:1309.0049)" % R
        else:
            src = ("Segre-Veronese variety P^%d x P^%d in O(1, %d): Chern classes, arXiv "
                   "1309.0049, Theorem 5.8" % (k - 1, n - 1, R))
        return segre_veronese_generic_ed_degree([k - 1, n - 1], [1, R]), src
    if quantity not in ("dimension", "degree"):
        return None
    if k == 1:
        src = "Veronese variety (classical; Harris, Algebraic Geometry, Example 18.13)"
    else:
        src = ("Segre-Veronese variety P^%d x P^%d in O(1, %d) (classical; Harris, Algebraic "
               "Geometry, Examples 18.13 and 19.2)" % (k - 1, n - 1, R))
    # dimension (k - 1) + (n - 1) + 1, degree binom(k + n - 2, k - 1) R^(n - 1)
    if quantity == "dimension":
        return n + k - 1, src
    return comb(k + n - 2, k - 1) * R ** (n - 1), src


def _mlp(case, quantity):
    p = case.params
    w = p["widths"]
    if p.get("bias", 0) or p.get("generic", 0):
        return None
    r = p.get("activation", 2)
    if w[1] == 1 and (len(w) >= 3 or quantity != "generic_ed_degree"):
        found = _one_neuron_first(w[0], w[-1], r ** (len(w) - 2), quantity)
        if found is not None:
            return found
    if (w[0] == 2 and len(w) >= 4 and all(x == 1 for x in w[2:-1]) and 2 * w[1] >= r + 1
            and quantity in ("dimension", "degree")):
        # every binary r-form is a sum of w[1] r-th powers (Sylvester), and
        # the functions are its powers g^R: the forms l_1^R ... l_r^R, times
        # a vector of C^k (the Segre product with P^(k-1))
        R, k = r ** (len(w) - 3), w[-1]
        src = ("coincident root locus of (l_1 ... l_%d)^%d: Hilbert's formula (Math. Ann. 30, "
               "1887; Feher-Nemethi-Rimanyi, Michigan Math. J. 2006)" % (r, R))
        if k > 1:
            src += ("; its Segre product with P^%d, of degree binom(%d, %d) times (classical: "
                    "the Segre product of varieties of dimensions a, b and degrees d, e has "
                    "degree binom(a + b, a) d e)" % (k - 1, k - 1 + r, r))
        if quantity == "dimension":
            return k + r, src
        return comb(k - 1 + r, r) * coincident_root_locus_degree([R] * r), src
    if w[-1] != 1:
        return None
    if len(w) != 3:
        return None
    n, k = w[0], w[1]
    if (n, k, r) == (3, 3, 3) and quantity == "degree":
        return 4, "the Aronhold invariant of ternary cubics (classical)"
    ambient = comb(n + r - 1, r)
    if r == 2:
        k = min(k, n)
        src = "symmetric determinantal variety: Harris-Tu, Topology 23 (1984); arXiv 1905.12207"
        if quantity == "dimension":
            return k * n - k * (k - 1) // 2, src
        if quantity == "degree":
            return symmetric_determinantal_degree(n, k), src
        return None
    if r >= 3 and quantity == "dimension":
        return (min(k * n, ambient) - ((n, r, k) in _AH_EXCEPTIONS),
                "secant variety of the Veronese variety: Alexander-Hirschowitz, J. Algebraic Geom. 4 (1995)")
    if r >= 3 and n == 2 and quantity == "degree" and 2 * k <= r:
        return comb(r - k + 1, k), ("secant variety of the rational normal curve: Eisenbud, "
                                    "Amer. J. Math. 110 (1988)")
    return None


def _cnn(case, quantity):
    p = case.params
    k, r = p["filters"], p.get("activation", 2)
    L = len(k)
    if quantity == "dimension":
        return sum(k) - L + 1, ("Kohn-Montufar-Shahverdi-Trager, arXiv 2304.05752" if r == 1 else
                                "Shahverdi-Marchetti-Kohn, arXiv 2410.00722")
    if quantity == "degree" and r >= 2:
        # stated for stride one; for larger strides compared as a prediction
        # (a strided value that agrees is not counted as new)
        num, den = factorial(sum(k) - L), 1
        for j in range(L):
            num *= r ** ((L - 1 - j) * (k[j] - 1))
            den *= factorial(k[j] - 1)
        stride = p.get("stride", 1)
        return num // den, "Shahverdi-Marchetti-Kohn, arXiv 2410.00722 (degree%s)" % (
            "" if stride == 1 else "; the formula of stride one, compared for stride %d" % stride)
    if quantity == "generic_ed_degree":
        stride = p.get("stride", 1)
        value = segre_veronese_generic_ed_degree([ki - 1 for ki in k],
                                                 [r ** (L - 1 - j) for j in range(L)])
        if r == 1:
            src = "Segre variety of the filters: Shahverdi, arXiv 2401.16613"
        else:
            src = ("Segre-Veronese variety of the filters in O(r^(L-1), ..., 1): "
                   "Shahverdi-Marchetti-Kohn, arXiv 2410.00722 (critical points for a generic "
                   "large dataset); Chern classes, arXiv 1309.0049, Theorem 5.8%s"
                   % ("" if stride == 1 else
                      "; the formula of stride one, compared for stride %d" % stride))
        return value, src
    return None


def _linear(case, quantity):
    w = case.params["widths"]
    n, m, r = w[0], w[-1], min(w)
    src = "determinantal variety (Eckart-Young; arXiv 1309.0049, Example 2.3)"
    if quantity == "dimension":
        return r * (m + n - r), src
    if quantity == "degree":
        return determinantal_degree(m, n, r), src
    if quantity in ("ed_degree", "critical_points"):
        return comb(min(m, n), r), src
    return None


def published_value(case, quantity):
    r"""
    Return ``(value, source)`` of the published value of ``quantity`` for
    ``case``, or ``None`` if no formula recorded here covers it.

    INPUT:

    - ``case`` -- a :class:`~sage_neuro.survey.grid.Case`
    - ``quantity`` -- one of :data:`QUANTITIES`

    OUTPUT: a pair or ``None``

    EXAMPLES::

        sage: from sage_neuro.survey.grid import Case
        sage: from sage_neuro.survey.literature import published_value
        sage: published_value(Case('linear', {'widths': (3, 2, 3)}), 'ed_degree')
        (3, 'determinantal variety (Eckart-Young; arXiv 1309.0049, Example 2.3)')
        sage: published_value(Case('mlp', {'widths': (3, 2, 1), 'activation': 2}), 'degree')
        (3, 'symmetric determinantal variety: Harris-Tu, Topology 23 (1984); arXiv 1905.12207')
        sage: published_value(Case('mlp', {'widths': (5, 7, 1), 'activation': 3}), 'dimension')[0]
        34
        sage: published_value(Case('linear', {'widths': (2, 2)}), 'genus')
        Traceback (most recent call last):
        ...
        ValueError: quantity must be one of dimension, defect, degree, ed_degree, critical_points, generic_ed_degree, not 'genus'

    Generic ED degrees of the Segre-Veronese models: a CNN and an MLP whose
    first hidden layer has one neuron (``(a x + b y)^4`` times a vector of
    ``C^2``)::

        sage: published_value(Case('cnn', {'filters': (2, 3, 2), 'activation': 2}), 'generic_ed_degree')
        (2962, 'Segre-Veronese variety of the filters in O(r^(L-1), ..., 1): Shahverdi-Marchetti-Kohn, arXiv 2410.00722 (critical points for a generic large dataset); Chern classes, arXiv 1309.0049, Theorem 5.8')
        sage: published_value(Case('mlp', {'widths': (2, 1, 1, 2), 'activation': 2}), 'generic_ed_degree')
        (30, 'Segre-Veronese variety P^1 x P^1 in O(1, 4): Chern classes, arXiv 1309.0049, Theorem 5.8')
        sage: published_value(Case('mlp', {'widths': (3, 2, 1), 'activation': 3}), 'generic_ed_degree') is None
        True
    """
    if quantity not in QUANTITIES:
        raise ValueError("quantity must be one of %s, not %r" % (", ".join(QUANTITIES), quantity))
    if quantity == "defect":
        return None
    family = {"mlp": _mlp, "cnn": _cnn, "linear": _linear}.get(case.family)
    return None if family is None else family(case, quantity)
