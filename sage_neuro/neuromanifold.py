r"""
The neuromanifold of an architecture: the image of its parametrization
``mu`` in the function space, with its invariants.

Every invariant is computed (never looked up) and stored with a
:class:`~sage_neuro.provenance.Provenance` record, see :meth:`Neuromanifold.provenance`.
Invariant methods take ``method=``:

- ``'exact'``: over ``QQ`` -- the implicit ideal by elimination in Macaulay2
  and its dimension, degree and singular locus; ED degree by the parametric
  critical equations over ``QQ`` for random rational data;
- ``'modular'``: over ``GF(p)``, correct with high probability; the prime
  and the seeds are recorded; two seeds must agree.

For homogeneous networks (no bias, monomial activations) the neuromanifold
is a cone: :meth:`~Neuromanifold.dimension` is the affine dimension of the
cone and :meth:`~Neuromanifold.degree` the degree of the projective variety
(the two degrees agree).

EXAMPLES::

    sage: from sage_neuro import LinearNetwork
    sage: M = LinearNetwork([4, 2, 3]).neuromanifold()
    sage: M.dimension(), M.degree(), M.ed_degree()
    (10, 6, 3)
    sage: M.provenance('degree').method
    'modular'
"""

from sage.rings.integer import Integer

from sage_neuro.provenance import Provenance, stopwatch
from sage_neuro.validation import check_method


class SubVariety:
    r"""
    A subvariety of the function space given by a prime ideal: a component
    of a singular locus, or a neuromanifold's closure.

    EXAMPLES::

        sage: from sage_neuro.neuromanifold import SubVariety
        sage: R.<x,y,z> = QQ[]
        sage: V = SubVariety(R.ideal([x, y])); V
        SubVariety of dimension 1 and degree 1 defined by Ideal (x, y) of Multivariate Polynomial Ring in x, y, z over Rational Field
    """

    def __init__(self, ideal):
        self._ideal = ideal
        self._dd = None

    def ideal(self):
        r"""
        Return the (prime) ideal.

        EXAMPLES::

            sage: from sage_neuro.neuromanifold import SubVariety
            sage: R.<x,y> = QQ[]
            sage: SubVariety(R.ideal([x])).ideal()
            Ideal (x) of Multivariate Polynomial Ring in x, y over Rational Field
        """
        return self._ideal

    def _dimdeg(self):
        if self._dd is None:
            from sage_neuro.invariants.implicit import ideal_dimension_degree
            self._dd = ideal_dimension_degree(self._ideal)
        return self._dd

    def dimension(self):
        r"""
        Return the dimension (affine dimension of the cone for homogeneous ideals).

        EXAMPLES::

            sage: from sage_neuro.neuromanifold import SubVariety
            sage: R.<x,y> = QQ[]
            sage: SubVariety(R.ideal([x])).dimension()
            1
        """
        return self._dimdeg()[0]

    def degree(self):
        r"""
        Return the degree.

        EXAMPLES::

            sage: from sage_neuro.neuromanifold import SubVariety
            sage: R.<x,y> = QQ[]
            sage: SubVariety(R.ideal([x^2 - y])).degree()
            2
        """
        return self._dimdeg()[1]

    def scheme(self):
        r"""
        Return the affine subscheme of the function space.

        EXAMPLES::

            sage: from sage_neuro.neuromanifold import SubVariety
            sage: R.<x,y> = QQ[]
            sage: SubVariety(R.ideal([x])).scheme()
            Closed subscheme of Affine Space of dimension 2 over Rational Field defined by:
              x
        """
        from sage.schemes.affine.affine_space import AffineSpace
        R = self._ideal.ring()
        return AffineSpace(R).subscheme(self._ideal)

    def __repr__(self):
        return "SubVariety of dimension %s and degree %s defined by %s" % (
            self.dimension(), self.degree(), self._ideal)


class Neuromanifold:
    r"""
    The image of the parametrization of ``net`` (its Zariski closure where
    ideals are concerned).

    INPUT:

    - ``net`` -- an :class:`~sage_neuro.architectures.base.Architecture`

    EXAMPLES::

        sage: from sage_neuro import LinearNetwork
        sage: M = LinearNetwork([2, 1, 2]).neuromanifold(); M
        Neuromanifold of LinearNetwork([2, 1, 2]) in a 4-dimensional function space
        sage: M.ideal()
        Ideal (c0_1*c1_0 - c0_0*c1_1) of Multivariate Polynomial Ring in c0_0, c0_1, c1_0, c1_1 over Rational Field
    """

    def __init__(self, net):
        self._net = net
        self._records = {}
        self._ideal = None

    def __repr__(self):
        return "Neuromanifold of %r in a %d-dimensional function space" % (
            self._net, self.ambient_dimension())

    def architecture(self):
        r"""
        Return the architecture whose image this is.

        EXAMPLES::

            sage: from sage_neuro import LinearNetwork
            sage: LinearNetwork([3, 1]).neuromanifold().architecture()
            LinearNetwork([3, 1])
        """
        return self._net

    # -- bookkeeping -----------------------------------------------------------

    def provenance(self, name=None):
        r"""
        Return how the invariant ``name`` was obtained (a
        :class:`~sage_neuro.provenance.Provenance`), or the dictionary of all
        records if ``name`` is ``None``.

        EXAMPLES::

            sage: from sage_neuro import LinearNetwork
            sage: M = LinearNetwork([3, 2, 3]).neuromanifold()
            sage: _ = M.dimension(method='exact')
            sage: M.provenance('dimension').method
            'exact'
            sage: M.provenance('ed_degree')
            Traceback (most recent call last):
            ...
            KeyError: "ed_degree has not been computed yet; computed: ['dimension', 'ideal']"
        """
        if name is None:
            return dict(self._records)
        if name not in self._records:
            raise KeyError("%s has not been computed yet; computed: %s" % (name, sorted(self._records)))
        return self._records[name]

    def _record(self, name, value, method, **kw):
        self._records[name] = Provenance(name, value, method, **kw)
        return value

    def _cached(self, name, method):
        rec = self._records.get(name)
        if rec is not None and (method is None or rec.method == method):
            return rec.value
        return None

    # -- invariants -----------------------------------------------------------

    def _span(self):
        if getattr(self, "_linear_span", None) is None:
            from sage_neuro.invariants.span import LinearSpan
            self._linear_span = LinearSpan(self._net)
        return self._linear_span

    def linear_span_dimension(self):
        r"""
        Return the dimension of the affine linear span of the neuromanifold
        (exact: sampled relations proved by substitution).

        EXAMPLES::

            sage: from sage_neuro import LightningSelfAttention
            sage: M = LightningSelfAttention(2, 2, 1, 2).neuromanifold()
            sage: M.ambient_dimension(), M.linear_span_dimension()
            (40, 6)
        """
        return self._span().dimension()

    def ambient_dimension(self):
        r"""
        Return the dimension of the function space.

        EXAMPLES::

            sage: from sage_neuro import LinearNetwork
            sage: LinearNetwork([4, 2, 3]).neuromanifold().ambient_dimension()
            12
        """
        return self._net.ambient_dimension()

    def ideal(self, timeout=None):
        r"""
        Return the ideal of the Zariski closure of the neuromanifold,
        computed exactly over ``QQ`` by elimination in Macaulay2.

        INPUT:

        - ``timeout`` -- seconds; past it a ``M2TimeoutError`` is raised and
          the Macaulay2 session stays usable

        EXAMPLES::

            sage: from sage_neuro import LinearNetwork
            sage: I = LinearNetwork([4, 2, 3]).neuromanifold().ideal()
            sage: sorted(f.degree() for f in I.gens())
            [3, 3, 3, 3]
        """
        if self._ideal is None:
            from sage_neuro.invariants.implicit import implicit_ideal
            with stopwatch() as t:
                I = implicit_ideal(self._net, timeout=timeout)
            self._ideal = I
            self._record("ideal", I, "exact", seconds=t[0], route="Macaulay2 ker of the parametrization over QQ")
        return self._ideal

    def scheme(self, projective=False):
        r"""
        Return the Zariski closure as a Sage subscheme: affine by default;
        with ``projective=True`` (cones only, see ``Architecture.is_cone``) the projective
        variety whose affine cone is the neuromanifold.

        EXAMPLES::

            sage: from sage_neuro import LinearNetwork
            sage: M = LinearNetwork([2, 1, 2]).neuromanifold()
            sage: M.scheme()
            Closed subscheme of Affine Space of dimension 4 over Rational Field defined by:
              c0_1*c1_0 - c0_0*c1_1
            sage: M.scheme(projective=True).dimension()
            2
        """
        I = self.ideal()
        R = I.ring()
        if projective:
            if not self._net.is_cone():
                raise ValueError("projective=True needs a neuromanifold that is a cone; that of %r is not" % self._net)
            from sage.schemes.projective.projective_space import ProjectiveSpace
            return ProjectiveSpace(R).subscheme(I)
        from sage.schemes.affine.affine_space import AffineSpace
        return AffineSpace(R).subscheme(I)

    def dimension(self, method="modular", seed=0):
        r"""
        Return the dimension of the neuromanifold (for cones: of the affine cone).

        INPUT:

        - ``method`` -- ``'modular'`` (default: rank of the Jacobian of
          ``mu`` at a random point over ``GF(p)``, ``p = 8388593``; wrong
          with probability at most ``deg(minor)/p``) or ``'exact'`` (the
          Krull dimension of the implicit ideal over ``QQ``, checked against
          the Jacobian rank at a rational point, a proven lower bound)
        - ``seed`` -- seed of the random point

        EXAMPLES::

            sage: from sage_neuro import LinearNetwork
            sage: M = LinearNetwork([5, 2, 4, 3]).neuromanifold()
            sage: M.dimension()
            12
            sage: M.provenance('dimension').route
            'rank of the Jacobian of mu at a random point, by forward differentiation at random inputs'
            sage: M.dimension(method='numerical')
            Traceback (most recent call last):
            ...
            ValueError: method must be one of 'exact', 'modular', not 'numerical'
        """
        check_method(method, ("exact", "modular"))
        cached = self._cached("dimension", method)
        if cached is not None:
            return cached
        from sage_neuro.invariants.dimension import jacobian_rank
        with stopwatch() as t:
            if method == "modular":
                r, p, _ = jacobian_rank(self._net, seed=seed)
            else:
                lower = jacobian_rank(self._net, seed=seed, prime=0)[0]
                from sage_neuro.invariants.implicit import ideal_dimension_degree
                r = ideal_dimension_degree(self.ideal())[0]
                if r < lower:
                    raise ArithmeticError("inconsistent: ideal dimension %s < Jacobian rank %s" % (r, lower))
        if method == "modular":
            from sage_neuro.invariants.dimension import has_evaluation
            how = (", by forward differentiation at random inputs" if has_evaluation(self._net)
                   else ", from the expanded coefficients")
            return self._record("dimension", r, "modular", primes=(p,), seeds=(seed,), seconds=t[0],
                                route="rank of the Jacobian of mu at a random point" + how)
        return self._record("dimension", r, "exact", seconds=t[0],
                            route="Krull dimension of the implicit ideal over QQ")

    def is_defective(self):
        r"""
        Return whether the dimension is smaller than the expected dimension.

        EXAMPLES::

            sage: from sage_neuro import LinearNetwork
            sage: LinearNetwork([4, 2, 3]).neuromanifold().is_defective()
            False
        """
        return self.dimension() < self._net.expected_dimension()

    def degree(self, method="modular", seeds=(1, 2), timeout=None, strategy="Auto"):
        r"""
        Return the degree of the Zariski closure (for cones: of the
        projective variety).

        INPUT:

        - ``method`` -- ``'modular'`` (default: count of a random linear
          section over ``GF(32003)``, on a gauge-fixing coordinate slice of
          the parameters, see :mod:`sage_neuro.invariants.slicing`; all
          ``seeds`` must agree) or ``'exact'`` (degree of the implicit ideal
          over ``QQ``) or ``'numerical'`` (monodromy and trace test in
          complex floating point, see :mod:`sage_neuro.invariants.monodromy`;
          reaches networks the other routes cannot, e.g. the MLP
          ``[3, 3, 3]`` with ``x^2`` in seconds)
        - ``seeds`` -- seeds of the random slices (``'numerical'``: the first)
        - ``timeout`` -- seconds per Macaulay2 call
        - ``strategy`` -- for ``'modular'``: the engine counting the points
          of the slice: ``'Auto'`` (default: Sage's libSingular in-process
          for small slices, multihomogeneous Bezout number at most
          :data:`~sage_neuro.invariants.slicing.SINGULAR_BEZOUT`, else
          msolve processes run side by side for the seeds, else Macaulay2
          with msolve or F4), ``'Singular'``, ``'ParallelMsolve'``,
          ``'Msolve'`` (Macaulay2's Msolve package), ``'F4'`` or
          ``'Buchberger'``

        EXAMPLES::

            sage: from sage_neuro import LinearNetwork
            sage: M = LinearNetwork([4, 2, 3]).neuromanifold()
            sage: M.degree(), M.degree(method='exact')
            (6, 6)
            sage: M.provenance('degree').route
            'degree of the implicit ideal over QQ'
            sage: LinearNetwork([5, 3, 5]).neuromanifold().degree()  # long time
            50
            sage: M.degree(method='numerical')
            6
            sage: M.provenance('degree').route
            'monodromy of a linear section, certified by the trace test'
        """
        check_method(method, ("exact", "modular", "numerical"))
        cached = self._cached("degree", method)
        if cached is not None:
            return cached
        if method == "numerical":
            return self._numerical_degree(seeds[0])
        redrawn = []
        with stopwatch() as t:
            if method == "modular":
                from sage_neuro.invariants.slicing import sliced_count, SLICE_PRIME, DegenerateDraw
                # a non-generic draw (probability of order degree / p) is
                # redrawn with the next seeds, at most twice, and recorded
                for attempt in range(3):
                    try:
                        value, counts, engine = sliced_count(self._net, "degree", seeds=seeds,
                                                             timeout=timeout, strategy=strategy)
                        break
                    except DegenerateDraw as e:
                        if attempt == 2:
                            raise
                        redrawn.append("seeds %s: %s" % (tuple(seeds), e))
                        seeds = tuple(int(s) + len(seeds) for s in seeds)
            else:
                from sage_neuro.invariants.implicit import ideal_dimension_degree
                value = ideal_dimension_degree(self.ideal(timeout=timeout), timeout=timeout)[1]
        if method == "modular":
            return self._record("degree", value, "modular", primes=(SLICE_PRIME,), seeds=seeds,
                                seconds=t[0], route="linear section on a coordinate slice (%s)" % engine,
                                note="(section points, fiber points) per seed: %s%s" % (
                                    counts, "".join("; redrawn after %s" % r for r in redrawn)))
        return self._record("degree", value, "exact", seconds=t[0], route="degree of the implicit ideal over QQ")

    def ed_degree(self, method="modular", seeds=(1, 2), data=None, timeout=None,
                  strategy="Rabinowitsch", engine="Auto"):
        r"""
        Return the Euclidean distance degree: the number of complex critical
        points of ``x -> sum_i (x_i - u_i)^2`` on the smooth part of the
        neuromanifold, for generic data ``u`` (or for the given ``data``).

        The inner product is the standard one on the coefficient
        coordinates of :meth:`Architecture.monomial_basis` (not the
        Bombieri-Weyl one).

        INPUT:

        - ``method`` -- ``'modular'`` (default: parametric critical
          equations over ``GF(32003)`` on a gauge-fixing coordinate slice,
          spurious points removed by saturation; all ``seeds`` agree) or
          ``'exact'`` (the same over ``QQ``, random rational slice and data)
        - ``seeds`` -- seeds of the random slices and data
        - ``data`` -- a point of the function space (rational), or ``None``
          for random data; with data, the number of *distinct* critical
          points is returned (smaller on the ED discriminant; see
          :func:`~sage_neuro.optimization.discriminant.ed_degree_at`)
        - ``timeout`` -- seconds per Macaulay2 call
        - ``strategy`` -- how the points where the sliced Jacobian drops rank
          are removed: ``'Rabinowitsch'`` (default: an extra variable
          inverting a cheap maximal minor), ``'Saturate'`` (saturation by
          that minor) or ``'Determinant'`` (saturation by the determinant of
          the Jacobian times a random matrix; much slower)
        - ``engine`` -- what counts the points of the ``'Rabinowitsch'``
          system: ``'Auto'`` (default: msolve when it works, else
          Macaulay2's F4), ``'Msolve'``, ``'F4'`` or ``'Buchberger'``

        EXAMPLES::

            sage: from sage_neuro import LinearNetwork
            sage: M = LinearNetwork([3, 2, 3]).neuromanifold()
            sage: M.ed_degree(), M.ed_degree(method='exact', seeds=(3,))
            (3, 3)
            sage: LinearNetwork([5, 2, 5]).neuromanifold().ed_degree()
            10
            sage: M.ed_degree(data=[1, 2])
            Traceback (most recent call last):
            ...
            ValueError: data must have 9 entries (one per coordinate), got 2
        """
        check_method(method, ("exact", "modular"))
        if data is not None:
            # distinct critical points at these data (fewer on the ED discriminant)
            from sage_neuro.optimization.discriminant import ed_degree_at
            return ed_degree_at(self, data, method=method, timeout=timeout)
        else:
            cached = self._cached("ed_degree", method)
            if cached is not None:
                return cached
        from sage_neuro.invariants.slicing import sliced_count, SLICE_PRIME
        prime = SLICE_PRIME if method == "modular" else 0
        with stopwatch() as t:
            value, counts, used = sliced_count(self._net, "ed_degree", seeds=seeds, prime=prime,
                                               timeout=timeout, data=data, strategy=strategy,
                                               engine=engine)
        if data is not None:
            return value
        return self._record("ed_degree", value, method, primes=(prime,) if prime else (), seeds=seeds,
                            seconds=t[0], route="parametric critical equations on a coordinate slice, rank-drop locus removed (%s, %s)" % (strategy, used),
                            note="(critical points, fiber points) per seed: %s" % counts)

    def singular_locus(self, strategy="Minors", timeout=None, method="auto", seed=0):
        r"""
        Return the irreducible components of the singular locus of the
        Zariski closure, as :class:`SubVariety` objects (each with ``ideal()``,
        ``scheme()``, ``dimension()``, ``degree()``).

        Routes (``method``):

        - ``'jacobian'`` -- exact over ``QQ``: the Jacobian criterion on the
          implicit ideal (all minors, or FastMinors) and minimal primes;
        - ``'candidates'`` -- the neuromanifolds of the subnetworks
          (:meth:`Architecture.subnetworks`) of smaller dimension are the
          candidate components; their ideals are computed exactly; each is
          checked to lie in the singular locus by the rank of the Jacobian
          of the implicit equations at random points of the candidate over
          ``GF(p)`` (``modular``). That the singular locus lies in the union
          of the candidates is proved where the architecture knows how (linear
          networks: by homogeneity, see
          :mod:`sage_neuro.invariants.homogeneity`) and otherwise recorded as
          not proved in the provenance note;
        - ``'auto'`` (default) -- if the Jacobian of ``mu`` has full rank
          ``ambient_dimension()`` at a rational point, the closure is the whole
          space and the answer is ``[]`` (exact); otherwise ``'jacobian'`` when
          the ambient dimension is at most 8, else ``'candidates'``.

        For a cone, the vertex counts as singular unless the cone is a
        linear space.

        INPUT:

        - ``strategy`` -- ``'Minors'`` or ``'FastMinors'`` (route ``'jacobian'``)
        - ``timeout`` -- seconds per Macaulay2 call
        - ``method`` -- ``'auto'``, ``'jacobian'`` or ``'candidates'``
        - ``seed`` -- seed of the random points of the modular checks

        EXAMPLES::

            sage: from sage_neuro import LinearNetwork
            sage: S = LinearNetwork([4, 2, 3]).neuromanifold().singular_locus()
            sage: [(V.dimension(), V.degree()) for V in S]
            [(6, 10)]
            sage: LinearNetwork([3, 3, 2]).neuromanifold().singular_locus()
            []
            sage: M = LinearNetwork([4, 2, 3]).neuromanifold()
            sage: [V.dimension() for V in M.singular_locus(method='candidates')]
            [6]
            sage: M.provenance('singular_locus').method
            'modular'
            sage: 'proved by homogeneity' in M.provenance('singular_locus').note
            True
            sage: M.singular_locus(method='bad')
            Traceback (most recent call last):
            ...
            ValueError: method must be one of 'auto', 'jacobian', 'candidates', not 'bad'
        """
        if method not in ("auto", "jacobian", "candidates"):
            raise ValueError("method must be one of 'auto', 'jacobian', 'candidates', not %r" % (method,))
        rec = self._records.get("singular_locus")
        if rec is not None and method == "auto":
            return list(rec.value)
        from sage_neuro.invariants.dimension import jacobian_rank
        n = self.ambient_dimension()
        with stopwatch() as t:
            if method == "auto":
                if jacobian_rank(self._net, seed=seed, prime=0)[0] == n:
                    method = "whole"
                else:
                    method = "jacobian" if self._span().dimension() <= 8 else "candidates"
            if method == "whole":
                comps = []
            elif method == "jacobian":
                from sage_neuro.invariants.implicit import singular_components
                I = self.ideal(timeout=timeout)
                span = self._span()
                if span.dimension() < n:
                    # the same variety in coordinates on its linear span:
                    # far fewer Jacobian minors
                    R = span.reduced_ring()
                    J = R.ideal([g for g in (span.to_reduced(f) for f in I.gens()) if g != 0])
                    comps = [SubVariety(span.lift_ideal(P)) for P in
                             singular_components(J, strategy=strategy, timeout=timeout)]
                else:
                    comps = [SubVariety(P) for P in singular_components(I, strategy=strategy,
                                                                        timeout=timeout)]
            else:
                from sage_neuro.invariants.implicit import singular_candidates
                comps, note = singular_candidates(self, seed=seed, timeout=timeout)
                proof = self._net._singular_inclusion_proof(self, comps, seed=seed)
                if proof is not None:
                    note = note.replace("Sing inside the union of the candidates: not proved by this route",
                                        proof)
                comps = [SubVariety(P) for P in comps]
        if method == "whole":
            self._record("singular_locus", [], "exact", seconds=t[0],
                         route="Jacobian of mu of full rank at a rational point: "
                               "the closure is the whole (smooth) space")
        elif method == "jacobian":
            self._record("singular_locus", comps, "exact", seconds=t[0],
                         route="Jacobian criterion (%s) and minimal primes over QQ" % strategy)
        else:
            from sage_neuro.invariants.implicit import CHECK_PRIME
            self._record("singular_locus", comps, "modular", seconds=t[0], primes=(CHECK_PRIME,),
                         seeds=(seed,), route="candidates: neuromanifolds of the subnetworks",
                         note=note)
        return list(comps)

    def covering_number_bound(self, eps, radius=1, bound="min"):
        r"""
        Return an upper bound for the number of balls of radius ``eps``
        needed to cover the real points of the neuromanifold inside the
        ball of radius ``radius`` about the origin.

        ``bound`` is ``'min'`` (default: the smallest applicable bound),
        ``'volumetric'``, ``'span'`` or ``'low_rank'``; see
        :func:`sage_neuro.invariants.covering.covering_number_bound` for
        the theorems used. The bound attained is recorded in
        ``self.provenance('covering_number_bound')``.

        EXAMPLES::

            sage: from sage_neuro import LinearNetwork
            sage: M = LinearNetwork([4, 2, 3]).neuromanifold()
            sage: M.covering_number_bound(1/10) == 21^12
            True
            sage: M.covering_number_bound(1/10, bound='low_rank') == 61^16
            True
        """
        from sage_neuro.invariants.covering import covering_number_bound
        return covering_number_bound(self, eps, radius, bound=bound)

    def ed_discriminant(self, base=None, directions=None, route="branch", seed=0, timeout=None):
        r"""
        Return the ED discriminant: the data where two critical points of
        the squared distance collide, over free data or over the line /
        plane ``base + s v1 (+ t v2)`` of data (see
        :func:`sage_neuro.optimization.discriminant.ed_discriminant`).

        EXAMPLES::

            sage: from sage_neuro import PolynomialMLP
            sage: M = PolynomialMLP([2, 1, 1]).neuromanifold()
            sage: D = M.ed_discriminant(base=[0, 1, 0], directions=[[1, 0, 0], [0, 0, 1]])
            sage: D.parts['collision'].degree(), D.parts['singular']
            (6, s*t - 1)
            sage: M.ed_degree(data=[2, 1, 2])
            2
        """
        from sage_neuro.optimization.discriminant import ed_discriminant
        return ed_discriminant(self, base=base, directions=directions, route=route, seed=seed,
                               timeout=timeout)

    def voronoi_cell(self, point, radius=0.1, samples=400, seed=0, mean=None, scale=1.0):
        r"""
        Return the Voronoi cell of the real point ``point`` of the
        neuromanifold under the Euclidean loss on the coefficient
        coordinates: its dimension (exact at smooth points: the
        codimension; numerical at singular points) and a Monte Carlo
        estimate, with a 95% Wilson interval, of the probability that data
        ``u ~ N(mean, scale^2 I)`` (default mean: the point) has its nearest
        point within ``radius`` of ``point``. See
        :mod:`sage_neuro.invariants.voronoi`.

        INPUT:

        - ``point`` -- a point of the function space lying on the neuromanifold
        - ``radius``, ``samples``, ``seed``, ``mean``, ``scale`` -- of the
          Monte Carlo estimate (``samples=0``: dimension only)

        OUTPUT: a :class:`~sage_neuro.invariants.voronoi.VoronoiCell`

        EXAMPLES::

            sage: from sage_neuro import LinearNetwork
            sage: M = LinearNetwork([2, 1, 2]).neuromanifold()
            sage: V = M.voronoi_cell([1, 2, 2, 4], samples=20); V.is_smooth, V.dimension
            (True, 1)
            sage: M.voronoi_cell([1, 2, 2, 5])
            Traceback (most recent call last):
            ...
            ValueError: point is not on the set: equation c0_1*c1_0 - c0_0*c1_1 takes the value -1 there
        """
        from sage_neuro.invariants.voronoi import ParametrizedSet
        return ParametrizedSet(self._net).voronoi_cell(point, radius=radius, samples=samples, seed=seed,
                                                       mean=mean, scale=scale)

    def _numerical_degree(self, seed):
        # the degree by monodromy (sage_neuro.invariants.monodromy)
        from sage_neuro.invariants.monodromy import monodromy_degree
        with stopwatch() as t:
            W = monodromy_degree(self._net, seed=seed)
        return self._record("degree", W.degree, "numerical", seeds=(seed,), seconds=t[0],
                            route="monodromy of a linear section, certified by the trace test",
                            note="%d loops, trace residual %.1e" % (W.loops, W.trace_residual))

    def multiplicity_at(self, theta=None, seeds=(1, 2), point=None):
        r"""
        Return the multiplicity of the neuromanifold at ``mu(theta)`` (or at
        the function-space point ``point``), counted from the parametrization
        over ``GF(32003)`` without the implicit ideal: ``1`` at smooth
        points, ``> 1`` at singular ones, ``0`` off the closure. See
        :func:`sage_neuro.invariants.multiplicity.local_multiplicity`.

        OUTPUT: a :class:`~sage_neuro.invariants.multiplicity.LocalMultiplicity`
        (``.value``, ``.is_singular()``, ``.provenance``)

        EXAMPLES::

            sage: from sage_neuro import LinearNetwork
            sage: M = LinearNetwork([3, 2, 3]).neuromanifold()
            sage: M.multiplicity_at([1, 2, 3, 0, 0, 0, 1, 1, 1, 0, 0, 0]).value
            2
        """
        from sage_neuro.invariants.multiplicity import local_multiplicity
        return local_multiplicity(self._net, theta, seeds=seeds, point=point)

    def contains(self, point, seed=0):
        r"""
        Decide exactly where the rational point ``point`` (coordinates in
        the order of ``net.monomial_basis()``) lies: ``'real image'``
        (a value of ``mu`` on real parameters, with a real witness),
        ``'complex image'`` (only on complex parameters), ``'closure'``
        (on the Zariski closure, not a value of ``mu``) or ``'outside'``.
        See :func:`~sage_neuro.invariants.real_membership.real_membership`.

        INPUT:

        - ``point`` -- a list or vector of rationals
        - ``seed`` -- (default 0) seed of the random choices of the search
          for real points (speed only, never the verdict)

        OUTPUT: a :class:`~sage_neuro.invariants.real_membership.RealMembership`
        (``.verdict``, ``.witness``, ``.provenance``)

        EXAMPLES:

        ``(a x + b)(c x + d)``: real roots, complex roots::

            sage: from sage_neuro import PolynomialCNN
            sage: M = PolynomialCNN([2, 2], activation=1).neuromanifold()
            sage: M.contains([1, 0, -4]).verdict, M.contains([1, 0, 4]).verdict
            ('real image', 'complex image')
        """
        from sage_neuro.invariants.real_membership import real_membership
        return real_membership(self._net, point, ideal=self.ideal, seed=seed)

    def is_thick(self, seed=0):
        r"""
        Return whether the real neuromanifold has nonempty interior in the
        function space (convolutional networks; proved by Jacobian ranks).
        See :func:`~sage_neuro.invariants.regimes.is_thick`; the proof is in
        ``self.provenance('is_thick')``.

        EXAMPLES::

            sage: from sage_neuro import PolynomialCNN
            sage: M = PolynomialCNN([2, 2], strides=[2, 1], activation=1).neuromanifold()
            sage: M.is_thick(), M.provenance('is_thick').method
            (False, 'proved')
        """
        from sage_neuro.invariants.regimes import is_thick
        value, prov = is_thick(self._net, seed=seed)
        self._records["is_thick"] = prov
        return value

    def is_real_filling(self, seed=0):
        r"""
        Return whether the real neuromanifold equals the real points of its
        Zariski closure (linear CNNs with stride one; exact membership of one
        form per number of real roots). See
        :func:`~sage_neuro.invariants.regimes.is_real_filling`.

        EXAMPLES::

            sage: from sage_neuro import PolynomialCNN
            sage: PolynomialCNN([3, 3], activation=1).neuromanifold().is_real_filling()
            True
        """
        from sage_neuro.invariants.regimes import is_real_filling
        value, prov = is_real_filling(self._net, seed=seed)
        self._records["is_real_filling"] = prov
        return value

    def is_euclidean_closed(self):
        r"""
        Return whether the real neuromanifold is closed in the Euclidean
        topology (convolutional networks with monomial activations: a cone
        over a compact set). See
        :func:`~sage_neuro.invariants.regimes.is_euclidean_closed`.

        EXAMPLES::

            sage: from sage_neuro import PolynomialCNN
            sage: PolynomialCNN([2, 2, 2], activation=1).neuromanifold().is_euclidean_closed()
            True
        """
        from sage_neuro.invariants.regimes import is_euclidean_closed
        value, prov = is_euclidean_closed(self._net)
        self._records["is_euclidean_closed"] = prov
        return value
