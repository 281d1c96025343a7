r"""
The neuromanifold of an architecture: the image of its parametrization
``mu`` in the function space, with its invariants.

Every invariant is computed (never looked up) and stored with a
:class:`~sage_neuro.provenance.Provenance` record saying how certain it is
(``'proved'``, ``'exact_random'``, ``'modular'`` or ``'numerical'``, see
:mod:`sage_neuro.provenance`); see :meth:`Neuromanifold.provenance`.
Invariant methods take ``method=``:

- ``'exact'``: over ``QQ`` -- the implicit ideal by elimination in Macaulay2
  and its dimension, degree and singular locus (``'proved'``); ED degree by
  the parametric critical equations over ``QQ`` for random rational slices
  and data (``'exact_random'``);
- ``'modular'``: over ``GF(p)``, correct with high probability; the prime
  and the seeds are recorded; two seeds must agree;
- ``'numerical'``: monodromy with a trace test (the degree);
- ``'auto'``: the route predicted to be fastest (the degree: by the
  Bezout number of the slice system), its choice recorded.

Each result is kept in the network's cache (:mod:`sage_neuro.cache`) under
every argument that changes it: another seed, prime, engine or route
recomputes, and the latest record lists the agreeing others as
``confirmations``.

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

from sage_neuro.cache import CacheKey, cache_of
from sage_neuro.provenance import Provenance, stopwatch
from sage_neuro.schemes import Subvariety
from sage_neuro.validation import check_method


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
        # the latest record of each invariant asked of this neuromanifold;
        # every result itself lives in the network's cache under a key
        # naming all its arguments (sage_neuro.cache)
        self._records = {}
        self._cache = cache_of(net)

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
        Return how the invariant ``name`` was last obtained (a
        :class:`~sage_neuro.provenance.Provenance`, listing as
        ``confirmations`` the other computations of the same value by other
        seeds or routes), or the dictionary of all latest records if
        ``name`` is ``None``.

        EXAMPLES::

            sage: from sage_neuro import LinearNetwork
            sage: M = LinearNetwork([3, 2, 3]).neuromanifold()
            sage: _ = M.dimension(method='exact')
            sage: M.provenance('dimension').method
            'proved'
            sage: M.provenance('ed_degree')
            Traceback (most recent call last):
            ...
            KeyError: "ed_degree has not been computed yet; computed: ['dimension', 'ideal']"

        A second seed recomputes, and the record lists the first::

            sage: M.degree(method='modular', seeds=(1, 2)), M.degree(method='modular', seeds=(5, 6))
            (3, 3)
            sage: P = M.provenance('degree'); P.seeds, [c.seeds for c in P.confirmations]
            ((5, 6), [(1, 2)])
        """
        if name is None:
            return dict(self._records)
        if name not in self._records:
            raise KeyError("%s has not been computed yet; computed: %s" % (name, sorted(self._records)))
        return self._records[name]

    def record(self, provenance):
        r"""
        Keep ``provenance`` as the latest record of its invariant: for
        values computed outside this class (covering-number bounds, real
        membership) that :meth:`provenance` should show. Return its value.

        INPUT:

        - ``provenance`` -- a :class:`~sage_neuro.provenance.Provenance`

        EXAMPLES::

            sage: from sage_neuro import LinearNetwork
            sage: from sage_neuro.provenance import Provenance
            sage: M = LinearNetwork([2, 1, 2]).neuromanifold()
            sage: M.record(Provenance('euler_characteristic', 2, 'proved', certificate='by hand'))
            2
            sage: M.provenance('euler_characteristic').certificate
            'by hand'
            sage: M.record(2)
            Traceback (most recent call last):
            ...
            TypeError: provenance must be a Provenance record, not 2
        """
        if not isinstance(provenance, Provenance):
            raise TypeError("provenance must be a Provenance record, not %r" % (provenance,))
        self._records[provenance.name] = provenance
        return provenance.value

    def _answer(self, key, compute):
        # the value under `key`: from the network's cache, or computed by
        # compute() (a Provenance); the record kept as the latest lists the
        # agreeing answers to the same question by other seeds or routes
        record = self._cache.lookup(key, compute)
        latest = record
        for _, other in self._cache.answers(key):
            if not (isinstance(other, Provenance) and other.name == record.name):
                continue
            try:
                numeric = Integer(other.value) == other.value and Integer(record.value) == record.value
            except (TypeError, ValueError, ArithmeticError):
                numeric = False
            if not numeric:
                continue
            if other.value == record.value:
                latest = latest.confirmed_by(other)
            else:
                # two computations of one generic value disagree: one of
                # them drew a bad choice (or a route is wrong); say so
                import warnings
                conflict = ("disagrees with %s = %s [%s]"
                            % (other.name, other.value, other.summary()))
                warnings.warn("%s = %s [%s] %s" % (record.name, record.value, record.summary(),
                                                   conflict), RuntimeWarning, stacklevel=3)
                latest = Provenance(**dict(latest.__dict__, note="; ".join(
                    t for t in (latest.note, conflict) if t)))
        self._records[record.name] = latest
        return latest.value

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
        computed exactly over ``QQ`` by elimination in Macaulay2 (on a
        coordinate slice, every generator then substituted into ``mu``:
        ``'proved'``).

        INPUT:

        - ``timeout`` -- seconds; past it a ``M2TimeoutError`` is raised and
          the Macaulay2 session stays usable

        EXAMPLES::

            sage: from sage_neuro import LinearNetwork
            sage: M = LinearNetwork([4, 2, 3]).neuromanifold()
            sage: I = M.ideal()
            sage: sorted(f.degree() for f in I.gens())
            [3, 3, 3, 3]
            sage: M.provenance('ideal').method
            'proved'
        """
        def compute():
            from sage_neuro.invariants.implicit import implicit_ideal
            with stopwatch() as t:
                I = implicit_ideal(self._net, timeout=timeout)
            return Provenance("ideal", I, "proved", seconds=t[0],
                              route="Macaulay2 ker of the parametrization over QQ",
                              certificate="kernel of the parametrization over QQ (when eliminated "
                                          "on a coordinate slice, every generator is substituted "
                                          "into mu and vanishes)")
        return self._answer(CacheKey("ideal", method="exact", prime=0), compute)

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
          ``mu`` at a random point over ``GF(p)``, ``p = 8388593``; a lower
          bound for the generic rank, equal to it unless the point falls on
          a maximal minor, with probability at most ``deg(minor)/p``) or
          ``'exact'`` (the Krull dimension of the implicit ideal over
          ``QQ``, checked against the Jacobian rank at a rational point, a
          proven lower bound: ``'proved'``)
        - ``seed`` -- seed of the random point; another seed recomputes

        EXAMPLES::

            sage: from sage_neuro import LinearNetwork
            sage: M = LinearNetwork([5, 2, 4, 3]).neuromanifold()
            sage: M.dimension()
            12
            sage: M.provenance('dimension').route
            'rank of the Jacobian of mu at a random point, by forward differentiation at random inputs'
            sage: M.dimension(seed=1), M.provenance('dimension').seeds, len(M.provenance('dimension').confirmations)
            (12, (1,), 1)
            sage: M.dimension(method='numerical')
            Traceback (most recent call last):
            ...
            ValueError: method must be one of 'exact', 'modular', not 'numerical'
        """
        check_method(method, ("exact", "modular"))
        from sage_neuro.invariants.dimension import jacobian_rank

        def modular():
            from sage_neuro.invariants.dimension import has_evaluation
            with stopwatch() as t:
                r, p, _ = jacobian_rank(self._net, seed=seed)
            how = (", by forward differentiation at random inputs" if has_evaluation(self._net)
                   else ", from the expanded coefficients")
            return Provenance("dimension", r, "modular", primes=(p,), seeds=(seed,), seconds=t[0],
                              route="rank of the Jacobian of mu at a random point" + how,
                              choices="a random parameter point mod p (and random inputs)",
                              note="a lower bound for the generic rank; equal unless the point "
                                   "lies on a maximal minor")

        def exact():
            from sage_neuro.invariants.implicit import ideal_dimension_degree
            with stopwatch() as t:
                lower = jacobian_rank(self._net, seed=seed, prime=0)[0]
                r = ideal_dimension_degree(self.ideal())[0]
            if r < lower:
                raise ArithmeticError("inconsistent: ideal dimension %s < Jacobian rank %s" % (r, lower))
            return Provenance("dimension", r, "proved", seconds=t[0], seeds=(seed,),
                              route="Krull dimension of the implicit ideal over QQ",
                              certificate="Krull dimension of the proved implicit ideal; the "
                                          "Jacobian rank %s at a rational point is a lower bound"
                                          % lower)
        if method == "modular":
            from sage_neuro.constants import JACOBIAN_PRIME
            key = CacheKey("dimension", method="modular", seeds=(seed,), prime=JACOBIAN_PRIME)
            return self._answer(key, modular)
        return self._answer(CacheKey("dimension", method="exact", seeds=(seed,), prime=0), exact)

    def is_defective(self):
        r"""
        Return whether the dimension is smaller than the expected dimension.

        EXAMPLES::

            sage: from sage_neuro import LinearNetwork
            sage: LinearNetwork([4, 2, 3]).neuromanifold().is_defective()
            False
        """
        return self.dimension() < self._net.expected_dimension()

    def degree(self, method="auto", seeds=(1, 2), timeout=None, engine="Auto", strategy=None,
               cross_check=None, closed_form=True):
        r"""
        Return the degree of the Zariski closure (for cones: of the
        projective variety).

        INPUT:

        - ``method`` -- one of

          - ``'auto'`` (default): the route predicted to be faster, chosen
            by the multihomogeneous Bezout number ``B`` of the degree slice
            system (see :func:`~sage_neuro.invariants.slicing.slice_pivots`):
            ``'modular'`` while ``B`` is at most
            :data:`~sage_neuro.constants.MODULAR_BEZOUT` (a Groebner basis
            pays for the Bezout points at infinity) or ``mu`` is linear in
            every block of parameters (linear networks), else ``'numerical'``
            (path tracking pays per point of the answer); the choice and
            its reason are recorded in the provenance. A neuromanifold whose
            dimension is the number of coordinates is dense in the function
            space: its degree 1 is read from the dimension, without a
            slice system (``'proved'``: a Jacobian rank mod ``p`` at a point
            is a lower bound for the generic rank over ``QQ``); where
            a closed formula is proved for a model of the neuromanifold,
            ``'formula'`` (below) comes before any slice, then ``'power'``
            for an MLP whose last hidden layer is one neuron
          - ``'modular'``: count of a random linear section over
            ``GF(32003)``, on a gauge-fixing coordinate slice of the
            parameters, see :mod:`sage_neuro.invariants.slicing`; all
            ``seeds`` must agree; non-generic draws are redrawn
          - ``'numerical'``: monodromy and trace test in complex floating
            point, see :mod:`sage_neuro.invariants.monodromy` (MLP
            ``[3, 3, 3]`` with ``x^2``: under a second)
          - ``'exact'``: the degree of the implicit ideal over ``QQ``
            (``'proved'``)
          - ``'multidegree'``: when ``mu`` is multihomogeneous in its
            blocks of parameters, without base points and generically
            finite on the product of their projective spaces (one layer of
            attention with ``a = 1``, networks with one hidden neuron): the
            multidegree of ``mu`` divided by its generic fiber, see
            :mod:`sage_neuro.invariants.multidegree` (``'modular'``; a
            ``ValueError`` names the hypothesis that fails)
          - ``'formula'``: a closed formula proved for a model of the
            neuromanifold, after the model's certificate over ``QQ``
            (``'proved'``): the top Segre class of the subspace variety of
            an MLP whose first hidden layer is narrower than its input
            (:func:`~sage_neuro.invariants.mlp_subspace.subspace_degree`),
            the degree ``binom(2m - 2, m - 1) / 2`` of the products of two
            quadrics for ``PolynomialMLP([n, h, 2, 1], activation=2)``, ``h
            >= n >= 3``
            (:func:`~sage_neuro.invariants.mlp_product.product_degree`),
            the degree of the Segre product of one layer of lightning
            self-attention with ``a >= 2``, ``t >= 2``
            (:func:`~sage_neuro.invariants.attention_determinantal.determinantal_degree`),
            and with ``a = 1``, ``t >= 2``
            (:func:`~sage_neuro.invariants.attention_segre.segre_degree`,
            :func:`~sage_neuro.invariants.attention_factor.shared_factor_degree`);
            a ``ValueError`` says why none applies
          - ``'power'``: for ``PolynomialMLP([n, ..., 1, k],
            activation=c t^r)``, whose outputs are ``w (x) g^r`` with ``g``
            the output of the subnetwork without the last layer: ``binom(k
            - 1 + m, k - 1) r^m`` times the degree of the subnetwork, ``m``
            its dimension minus one (``(w, g) -> w (x) g^r`` is an
            embedding pulling ``O(1)`` back to ``O(1, r)``; after its
            certificate over ``QQ``), as certain as the subnetwork's degree
            and dimension (:mod:`sage_neuro.invariants.mlp_power`);
            ``'auto'`` takes it where it applies and no closed formula does

        - ``seeds`` -- seeds of the random slices (``'numerical'``: the
          first); other seeds recompute
        - ``timeout`` -- seconds per Macaulay2 or msolve call (``'multidegree'``: for
          its Groebner bases in Sage, ``TimeoutError``)
        - ``engine`` -- for ``'modular'``: what counts the points of the
          slice: ``'Auto'`` (default: Sage's libSingular in-process for
          Bezout number at most
          :data:`~sage_neuro.invariants.slicing.SINGULAR_BEZOUT`, else msolve
          processes side by side for the seeds, else Macaulay2),
          ``'Singular'``, ``'ParallelMsolve'``, ``'Msolve'`` (Macaulay2's
          Msolve package), ``'F4'`` or ``'Buchberger'``
        - ``strategy`` -- how the slice system is built: ``'Section'`` (a
          coordinate slice of the parameters), or ``'Determinantal'``: a
          section of the model ``(V, M = K^T Q)`` of one layer of lightning
          self-attention with ``a >= 2`` and ``a >= d - 1``, counted by
          msolve (:mod:`sage_neuro.invariants.attention_determinantal`;
          method ``'modular'``), or ``'Hilbert'``: a section of the
          Hilbert-scheme model of the hidden neurons of ``PolynomialMLP([n, h,
          k], activation=r)`` (``sigma = c t^r``, ``r >= 2``) with ``h = 2 <= n``
          or ``h = n = 3``, ``k >= h``
          (:mod:`sage_neuro.invariants.mlp_hilbert`; method ``'modular'``),
          or ``'SharedFactor'``: a section of the model of one layer of
          lightning self-attention with ``a = 1``, ``d_out >= 2`` whose
          quadrics share a linear factor
          (:mod:`sage_neuro.invariants.attention_factor`; method
          ``'modular'``), or ``'Subspace'``: a section of the model
          ``g([I | a] X)`` of an MLP whose first hidden layer is narrower
          than its input (:mod:`sage_neuro.invariants.mlp_subspace`; method
          ``'modular'``), or ``'Product'``: a section of the model ``Q Q'``
          of ``PolynomialMLP([n, h, 2, 1], activation=2)`` with ``h >= n >=
          3`` (:mod:`sage_neuro.invariants.mlp_product`; method
          ``'modular'``); the counting engine was called
          ``strategy`` before, which still works with a deprecation warning
        - ``cross_check`` -- ``True``: compute the value by the second
          route too (``'modular'`` and ``'numerical'``) and record the
          confirmation; after a numerical value whose slice system is too
          large for the modular route (Bezout number above
          :data:`~sage_neuro.constants.MODULAR_BEZOUT`) the second route is
          the witness set carried to the random section of ``seeds[1]`` and
          certified there by its own trace test
          (:func:`~sage_neuro.invariants.monodromy.move_witness_set`);
          ``False``: not; ``None`` (default): when it is cheap, i.e. the
          modular slice is counted in-process (Bezout number at most
          ``SINGULAR_BEZOUT``: milliseconds) after a numerical value or a
          closed formula
        - ``closed_form`` -- (default ``True``) whether ``'auto'`` answers
          with a proved closed formula (``'formula'``) or from the degree
          of a subnetwork (``'power'``) where one applies; ``False`` asks
          ``'auto'`` for a route computed on the network's own parameters,
          e.g. to confirm a formula

        EXAMPLES::

            sage: from sage_neuro import LinearNetwork, PolynomialMLP
            sage: M = LinearNetwork([4, 2, 3]).neuromanifold()
            sage: M.degree(), M.degree(method='exact')
            (6, 6)
            sage: P = M.provenance('degree'); P.method, P.route
            ('proved', 'degree of the implicit ideal over QQ')
            sage: [c.method for c in P.confirmations]
            ['modular']
            sage: LinearNetwork([5, 3, 5]).neuromanifold().degree()  # long time
            50
            sage: M.degree(method='numerical')
            6
            sage: M.provenance('degree').route
            'monodromy of a linear section, certified by the trace test'

        The default route of a large slice system is monodromy::

            sage: N = PolynomialMLP([3, 3, 3], activation=2).neuromanifold()
            sage: N.degree()
            30
            sage: P = N.provenance('degree'); P.method, P.note
            ('numerical', 'auto: Bezout number 320320 of the slice system > 5000: monodromy; ...')

        One layer of lightning self-attention with ``a = 1`` is linear in
        ``q``, ``k`` and ``V``; its degree is a multinomial coefficient
        divided by the generic fiber::

            sage: from sage_neuro import LightningSelfAttention
            sage: A = LightningSelfAttention(3, 1, 2, 2).neuromanifold()
            sage: A.degree(method='multidegree'), multinomial(2, 2, 5)
            (756, 756)
            sage: A.provenance('degree').certificate
            'multidegree 756 = multinomial(2, 2, 5) * 1^2 * 1^2 * 1^5; no base points ...'

        Closed formulas, each after its certificate; the same values as the
        modular sections::

            sage: B = LightningSelfAttention(3, 2, 1, 2).neuromanifold()
            sage: B.degree(method='formula'), B.degree(method='modular', cross_check=False)
            (108, 108)
            sage: B.provenance('degree').method
            'modular'
            sage: N.degree(method='formula')
            Traceback (most recent call last):
            ...
            ValueError: no closed formula for the degree of PolynomialMLP(...): ...

        A dense neuromanifold has degree 1::

            sage: D = LinearNetwork([2, 2, 2]).neuromanifold()
            sage: D.degree(), D.provenance('degree').route
            (1, 'the closure of the neuromanifold is the whole function space (dimension = number of coordinates)')
        """
        check_method(method, ("auto", "exact", "modular", "numerical", "multidegree", "formula",
                              "power"))
        from sage_neuro.invariants.slicing import ENGINES
        if strategy in ENGINES["degree"]:
            import warnings
            warnings.warn("degree(strategy=%r) is deprecated: strategy now says how the slice "
                          "system is built, engine what counts its points; use engine=%r"
                          % (strategy, strategy), DeprecationWarning, stacklevel=2)
            engine, strategy = strategy, None
        seeds = _seed_tuple(seeds)
        if cross_check not in (None, True, False):
            raise ValueError("cross_check must be True, False or None (when cheap), not %r"
                             % (cross_check,))
        choice, bezout, done = "", None, False
        if strategy in _DEGREE_MODELS:
            method = _model_method(strategy, method, engine)
        if method == "auto" and engine == "Auto" and strategy is None and not cross_check:
            value = self._dense_answer("degree")
            if value is not None:
                return value
        if method == "auto" and engine == "Auto" and strategy is None and closed_form:
            # a proved closed formula takes a certificate over QQ, no
            # system (attention d = 3, a = 2, d_out = 2: 18 minutes of
            # sections against a second)
            record, why = _degree_formula_choice(self._net)
            if record is not None:
                value = self._degree_by("formula", seeds, timeout, engine, strategy,
                                        "auto: %s: closed formula" % why)
                method, done = "formula", True
        if method == "auto" and engine == "Auto" and strategy is None and closed_form:
            # the outputs are r-th powers of a smaller network's, times a
            # vector: the degree from the subnetwork's (MLP [3, 3, 2, 1, 1]:
            # over a proved formula, where the slice of the parameters has
            # no route)
            from sage_neuro.invariants.mlp_power import power_model_applies
            applies, why = power_model_applies(self._net)
            if applies:
                value = self._degree_by("power", seeds, timeout, engine, strategy,
                                        "auto: %s: power of the subnetwork" % why)
                method, done = "power", True
        if method == "auto" and engine == "Auto" and strategy is None:
            # the multidegree needs no slice system: a Groebner basis of
            # one fiber point instead of one of all section points (CNN
            # [5,5] strides [2,2] x^2: under a second against a minute)
            from sage_neuro.invariants.multidegree import multidegree_applies
            applies, why = multidegree_applies(self._net, seed=seeds[0])
            if applies:
                try:
                    value = self._degree_by("multidegree", seeds, timeout, engine, strategy,
                                            "auto: %s: multidegree of mu" % why)
                    method, done = "multidegree", True
                except (ValueError, ArithmeticError) as e:
                    # base points or a fiber that is not reduced: the slice
                    choice = "multidegree route not taken (%s); " % e
        if method == "auto":
            from sage_neuro.constants import MODULAR_BEZOUT
            from sage_neuro.invariants.slicing import parameter_blocks, slice_pivots
            bezout = slice_pivots(self._net, seed=seeds[0])[1]
            # mu linear in every block of parameters (linear networks): the
            # Bezout number overstates the cost of the modular count, which
            # msolve finishes in about a second where monodromy is no faster
            multilinear = all(int(e) == 1 for e in parameter_blocks(self._net)[1])
            if engine != "Auto" or bezout <= MODULAR_BEZOUT or multilinear:
                method = "modular"
                choice += ("auto: engine %r given: modular slice" % engine if engine != "Auto"
                           else "auto: Bezout number %s of the slice system %s: modular slice"
                           % (bezout, "<= %s" % MODULAR_BEZOUT if bezout <= MODULAR_BEZOUT
                              else "(mu linear in every block)"))
            else:
                method = "numerical"
                choice += ("auto: Bezout number %s of the slice system > %s: monodromy"
                           % (bezout, MODULAR_BEZOUT))
        if not done:
            value = self._degree_by(method, seeds, timeout, engine, strategy, choice)
        if cross_check is not False and method in ("modular", "numerical", "multidegree", "formula",
                                                   "power"):
            other = "numerical" if method == "modular" else "modular"
            if cross_check is None:
                from sage_neuro.invariants.slicing import SINGULAR_BEZOUT, slice_pivots
                if bezout is None:
                    bezout = slice_pivots(self._net, seed=seeds[0])[1]
                cheap = other == "modular" and bezout <= SINGULAR_BEZOUT
            if cross_check or cheap:
                first = self._records["degree"]
                if other == "modular" and cross_check and method == "numerical":
                    from sage_neuro.constants import MODULAR_BEZOUT
                    from sage_neuro.invariants.slicing import slice_pivots
                    if bezout is None:
                        bezout = slice_pivots(self._net, seed=seeds[0])[1]
                    if bezout > MODULAR_BEZOUT and len(seeds) > 1:
                        other = "moved"
                self._degree_by(other, seeds, timeout, "Auto", None,
                                "cross-check of the %s route" % method)
                # the route asked for stays the latest record, confirmed
                key = self._degree_key(method, seeds, engine, strategy)
                value = self._answer(key, lambda: first)
        return value

    def _dense_answer(self, name):
        # 'auto' on a neuromanifold whose dimension is the number of
        # coordinates: its closure is the whole function space, of degree 1
        # (for cones: projective space) and ED degree 1 (the only critical
        # point of the distance from u is u), known without a slice system.
        # This is a proof, not a sample: a Jacobian rank mod p at one point
        # is a lower bound for the generic rank over QQ (the point lifts to
        # an integer point, whose minors reduce mod p to the ones computed),
        # and the number of coordinates is an upper bound.
        n = self._net.ambient_dimension()
        if self.dimension() != n:
            return None
        D = self._records["dimension"]

        def compute():
            return Provenance(name, Integer(1), "proved", seconds=0.0,
                              route="the closure of the neuromanifold is the whole function "
                                    "space (dimension = number of coordinates)",
                              certificate="%s (%s) = number of coordinates %s: a Jacobian rank "
                                          "mod p at a point is a lower bound for the generic "
                                          "rank over QQ (the point lifts to an integer point)"
                                          % (D.route, D.summary(), n),
                              note="auto: dimension %s = number of coordinates %s: no slice "
                                   "system" % (D.value, n))
        return self._answer(CacheKey(name, method="proved", seeds=D.seeds,
                                     prime=D.primes[0] if D.primes else None,
                                     strategy="dense"), compute)

    def _degree_key(self, method, seeds, engine, strategy):
        # every argument that changes the degree's computation
        from sage_neuro.invariants.slicing import SLICE_PRIME
        if method == "modular":
            return CacheKey("degree", method="modular", seeds=seeds, prime=SLICE_PRIME,
                            engine=engine, strategy=strategy or "Section")
        if method == "numerical":
            return CacheKey("degree", method="numerical", seeds=seeds[:1])
        if method == "moved":
            return CacheKey("degree", method="numerical", seeds=seeds[:2], strategy="moved section")
        if method == "multidegree":
            from sage_neuro.constants import FIBER_COUNT_PRIME
            return CacheKey("degree", method="modular", seeds=seeds[:1], prime=FIBER_COUNT_PRIME,
                            strategy="multidegree")
        if method == "formula":
            return CacheKey("degree", method="proved", strategy="formula")
        if method == "power":
            return CacheKey("degree", seeds=seeds, strategy="power")
        return CacheKey("degree", method="exact", prime=0)

    def _degree_by(self, method, seeds, timeout, engine, strategy, choice):
        # the degree by one route, through the cache; `choice` says why the
        # route was taken (recorded in the note of a new computation)
        def modular():
            if strategy in _DEGREE_MODELS:
                return _with_choice(_count_on_model(strategy, self._net, "degree", seeds,
                                                    timeout), choice)
            from sage_neuro.invariants.slicing import count_on_slices
            with stopwatch() as t:
                C = count_on_slices(self._net, "degree", seeds=seeds, timeout=timeout,
                                    engine=engine, strategy=strategy)
            note = "; ".join(x for x in (
                choice, "(section points, fiber points) per seed: %s" % C.counts,
                "".join("redrawn after %s; " % r for r in C.redrawn).rstrip("; ")) if x)
            return Provenance("degree", C.value, "modular", primes=(C.prime,), seeds=C.seeds,
                              seconds=t[0], route="linear section on a coordinate slice (%s)" % C.engine,
                              choices="per seed: random fixed parameters, section and fiber point",
                              note=note)

        def witness_set():
            from sage_neuro.invariants.monodromy import monodromy_degree
            with stopwatch() as t:
                W = monodromy_degree(self._net, seed=seeds[0], timeout=timeout)
            return W, t[0]

        def numerical():
            W, seconds = self._cache.lookup(CacheKey("witness_set", seeds=seeds[:1]), witness_set)
            t = [seconds]
            return Provenance("degree", W.degree, "numerical", seeds=(seeds[0],), seconds=t[0],
                              route="monodromy of a linear section, certified by the trace test",
                              choices="a random complex slice, section and loops",
                              certificate="trace test: residual %.1e of a point" % W.trace_residual,
                              note="; ".join(x for x in (choice, "%d loops, trace residual %.1e"
                                                         % (W.loops, W.trace_residual)) if x))

        def exact():
            from sage_neuro.invariants.implicit import ideal_dimension_degree
            with stopwatch() as t:
                value = ideal_dimension_degree(self.ideal(timeout=timeout), timeout=timeout)[1]
            return Provenance("degree", value, "proved", seconds=t[0],
                              route="degree of the implicit ideal over QQ",
                              certificate="degree of the proved implicit ideal")
        def moved():
            # the witness set of seeds[0] carried to the section of seeds[1]
            from sage_neuro.invariants.monodromy import move_witness_set
            W, _ = self._cache.lookup(CacheKey("witness_set", seeds=seeds[:1]), witness_set)
            with stopwatch() as t:
                V = move_witness_set(W, seeds[1])
            return Provenance("degree", V.degree, "numerical", seeds=seeds[:2], seconds=t[0],
                              route="witness set of seed %d carried by a parameter homotopy to "
                                    "the random section of seed %d, certified there by the trace test"
                                    % seeds[:2],
                              choices="a second random complex section and trace-test pencil",
                              certificate="trace test on the second section: residual %.1e of a point"
                                          % V.trace_residual,
                              note=choice)
        def formula():
            return _degree_formula(self._net, choice)

        def power():
            from sage_neuro.invariants.mlp_power import power_degree_record
            return power_degree_record(self._net, seeds=seeds, timeout=timeout, choice=choice)

        def multidegree():
            from sage_neuro.invariants.multidegree import multidegree_degree
            P = multidegree_degree(self._net, seed=seeds[0], timeout=timeout).provenance
            return Provenance(**dict(P.__dict__, note=choice or P.note))
        compute = {"modular": modular, "numerical": numerical, "exact": exact, "moved": moved,
                   "multidegree": multidegree, "formula": formula, "power": power}[method]
        return self._answer(self._degree_key(method, seeds, engine, strategy), compute)

    def ed_degree(self, method="auto", seeds=(1, 2), data=None, timeout=None,
                  strategy="Rabinowitsch", engine="Auto", cross_check=None, closed_form=True):
        r"""
        Return the Euclidean distance degree: the number of complex critical
        points of ``x -> sum_i (x_i - u_i)^2`` on the smooth part of the
        neuromanifold, for generic data ``u`` (or for the given ``data``).

        The inner product is the standard one on the coefficient
        coordinates of :meth:`Architecture.monomial_basis` (not the
        Bombieri-Weyl one). The ED degree is invariant under the symmetries
        of the parametrization: both routes count critical points of the
        function space, not of the parameters (the modular route divides by
        the fiber of the slice, the numerical one compares image points).

        INPUT:

        - ``method`` -- one of

          - ``'auto'`` (default): the route predicted to be faster, by the
            multihomogeneous Bezout number ``B`` of the critical system on
            the slice (:func:`~sage_neuro.invariants.ed_monodromy.critical_bezout`):
            ``'modular'`` while ``B`` is at most
            :data:`~sage_neuro.constants.MODULAR_ED_BEZOUT` or when every
            block of parameters enters ``mu`` linearly, else
            ``'correspondence'`` (its trace test holds also where critical
            points escape to infinity, which stops ``'numerical'``); the
            choice and its reason are recorded in the provenance note. A
            neuromanifold whose dimension is the number of coordinates is
            dense in the function space: its ED degree 1
            is read from the dimension, without a critical system
            (``'proved'``: a Jacobian rank mod ``p`` at a point is a lower
            bound for the generic rank over ``QQ``). A polynomial CNN of
            stride one transversal to the isotropic quadric has the
            generic ED degree of its Segre-Veronese variety (``'proved'``;
            :mod:`~sage_neuro.invariants.cnn_segre_veronese`), and one layer
            of lightning self-attention with ``a = d_out = 1``, ``d <= 3``,
            that of the Segre product of the symmetric matrices of rank at
            most 2 with ``P^{d-1}``
            (:func:`~sage_neuro.invariants.attention_segre.segre_transversal_ed_degree_record`);
            with ``d_out = 1`` and ``d = 3``, ``a = 2`` (or ``a >= d``,
            ``d <= 3``), that of ``P^2 x D_2`` (``D_2`` the ``3 x 3``
            matrices of rank at most 2; ``P^{d-1} x P^{d^2-1}``), which the
            symmetrization keeps
            (:func:`~sage_neuro.invariants.attention_conormal.conormal_transversal_ed_degree_record`).
            ``'auto'`` takes these first where their certificates hold
          - ``'modular'``: parametric critical equations over
            ``GF(32003)`` on a gauge-fixing coordinate slice, spurious points
            removed; all ``seeds`` agree
          - ``'exact'``: the same over ``QQ`` at one random rational slice
            and data per seed (``'exact_random'``)
          - ``'numerical'``: monodromy in the data from a critical point
            built backwards (parameters first, data = image + normal
            vector), certified by a trace test; see
            :mod:`sage_neuro.invariants.ed_monodromy`
          - ``'correspondence'``: monodromy on the ED correspondence cut
            by a generic affine space, certified by a trace test that holds
            where the one in the data cannot (critical points escaping to
            infinity), then moved to the data
            (:func:`~sage_neuro.invariants.ed_monodromy.correspondence_ed_degree`);
            ``'numerical'`` certainty, more paths

        - ``seeds`` -- seeds of the random slices and data (``'numerical'``:
          the first); other seeds recompute, non-generic draws are redrawn
        - ``data`` -- a point of the function space (rational), or ``None``
          for random data; with data, the number of *distinct* critical
          points is returned (smaller on the ED discriminant; see
          :func:`~sage_neuro.optimization.discriminant.ed_degree_at`)
        - ``timeout`` -- seconds per Macaulay2 call (``'numerical'``: for
          the whole monodromy)
        - ``strategy`` -- how the critical system is built, i.e. how the
          points where the sliced Jacobian drops rank are removed:
          ``'Rabinowitsch'`` (default: an extra variable inverting a cheap
          maximal minor), ``'RabinowitschFactors'`` (one extra variable per
          irreducible factor of that minor; counted by msolve), ``'Saturate'``
          (saturation by that minor) or ``'Determinant'`` (saturation by the
          determinant of the Jacobian times a random matrix; much slower);
          or ``'Segre'``: not a slice of the parameters but the Segre
          model ``S ⊗ q`` of one layer of lightning self-attention with
          ``a = d_out = 1`` and ``d`` 2 or 3 (critical equations with the
          kernel of ``S`` as an unknown, counted by msolve; see
          :mod:`sage_neuro.invariants.attention_segre`), which ``'auto'``
          takes where it applies; or ``'Determinantal'``: the model ``(V, M =
          K^T Q)`` of one layer of lightning self-attention with ``a >= 2``
          and ``a >= d - 1`` (``rank M <= a`` free or ``det M = 0``; see
          :mod:`sage_neuro.invariants.attention_determinantal`); or
          ``'Hilbert'``: the Hilbert-scheme model of the hidden neurons of
          ``PolynomialMLP([n, h, k], activation=r)`` (``sigma = c t^r``, ``r >=
          2``), ``h = 2 <= n`` or ``h = n = 3``, ``k >= h`` (no factor ``h!`` of
          the neuron permutations; see
          :mod:`sage_neuro.invariants.mlp_hilbert`), which ``'auto'`` takes
          where it applies; or ``'SharedFactor'``: the model ``(S_1, ...,
          S_m) ⊗ q`` of one layer of lightning self-attention with ``a =
          1``, ``d_out = m >= 2``, whose quadrics share a linear factor (see
          :mod:`sage_neuro.invariants.attention_factor`), which ``'auto'``
          takes where it applies; or ``'Subspace'``: the model ``g([I | a]
          X)`` of ``PolynomialMLP([n, w_1, ..., k])`` with ``w_1 < n``, the
          functions of ``w_1`` linear forms (see
          :mod:`sage_neuro.invariants.mlp_subspace`), which ``'auto'`` takes
          where it applies, before the Hilbert-scheme model; or
          ``'Product'``: the model ``Q Q'`` of ``PolynomialMLP([n, h, 2, 1],
          activation=2)`` with ``h >= n >= 3``, the products of two quadrics
          (see :mod:`sage_neuro.invariants.mlp_product`), which ``'auto'``
          takes where it applies; or ``'Aluffi'``: for a polynomial CNN of
          stride one, the generic ED degree minus the degree of Aluffi's
          Milnor class of the isotropic section of the filters, from the
          Segre class of its singular scheme, one count per seed (any
          dimension of the tangency locus; see
          :func:`~sage_neuro.invariants.cnn_segre_veronese.aluffi_count`);
          ``'auto'`` does not take it, the parametric count being faster
          where both answer
        - ``engine`` -- what counts the points of the ``'Rabinowitsch'``
          system: ``'Auto'`` (default: the system built in Sage and
          counted by msolve processes side by side, ``'ParallelMsolve'``;
          without msolve, Macaulay2's F4), ``'ParallelMsolve'``,
          ``'Msolve'`` (in Macaulay2), ``'F4'`` or ``'Buchberger'``
        - ``cross_check`` -- ``True``: compute the value by the second
          route too (``'modular'`` and ``'numerical'``) and record the
          confirmation; ``False``: not; ``None`` (default): when it is
          predicted cheap, i.e. the Bezout number is at most
          :data:`~sage_neuro.constants.ED_CROSS_CHECK_BEZOUT`, within
          :data:`~sage_neuro.constants.ED_CROSS_CHECK_SECONDS` (a check
          that does not finish in time is dropped and the note says so)
        - ``closed_form`` -- (default ``True``) whether ``'auto'`` may take
          the generic ED degree of a transversal CNN or attention layer;
          ``False`` computes on the network's own parameters or model (a
          confirmation)

        EXAMPLES::

            sage: from sage_neuro import LinearNetwork
            sage: M = LinearNetwork([3, 2, 3]).neuromanifold()
            sage: M.ed_degree(), M.ed_degree(method='exact', seeds=(3,))
            (3, 3)
            sage: P = M.provenance('ed_degree'); P.method, P.choices
            ('exact_random', 'per seed: a random rational coordinate slice and random rational data')
            sage: [c.method for c in P.confirmations]
            ['modular']
            sage: M.ed_degree(method='numerical')
            3
            sage: P = M.provenance('ed_degree'); P.method, P.certificate
            ('numerical', 'trace test: residual ... of a point')
            sage: M.ed_degree(method='correspondence')
            3
            sage: M.provenance('ed_degree').certificate
            'trace test on 39 points of the ED correspondence: residual ... of a point; 36 paths to infinity'
            sage: LinearNetwork([5, 2, 5]).neuromanifold().ed_degree()
            10
            sage: M.ed_degree(data=[1, 2])
            Traceback (most recent call last):
            ...
            ValueError: data must have 9 entries (one per coordinate), got 2
            sage: M.ed_degree(strategy='Milnor')
            Traceback (most recent call last):
            ...
            ValueError: strategy for ed_degree must be one of ('Rabinowitsch', 'Saturate', 'Determinant', 'RabinowitschFactors') (slices of the parameters) or ('Segre', 'Aluffi', 'Determinantal', 'Hilbert', 'Product', 'SharedFactor', 'Subspace') (models), not 'Milnor'

        A tiny system is confirmed by the second route without being asked::

            sage: N = LinearNetwork([3, 1, 3]).neuromanifold()
            sage: N.ed_degree()
            3
            sage: P = N.provenance('ed_degree'); P.note
            'auto: Bezout number ... of the critical system ...: modular slice; ...'
            sage: [c.method for c in P.confirmations]
            ['numerical']

        A dense neuromanifold has ED degree 1 (the data are their own
        closest point)::

            sage: D = LinearNetwork([2, 2, 2]).neuromanifold()
            sage: D.ed_degree(), D.provenance('ed_degree').method
            (1, 'proved')
            sage: D.provenance('ed_degree').certificate
            'rank of the Jacobian of mu at a random point, ... = number of coordinates 4: ...'
            sage: LinearNetwork([2, 1, 2]).neuromanifold().ed_degree()    # 2 x 2 of rank 1: not dense
            2

        A polynomial CNN transversal to the isotropic quadric has the generic
        ED degree of its Segre-Veronese variety, proved; ``closed_form=False``
        counts on its parameters instead::

            sage: from sage_neuro import PolynomialCNN
            sage: C = PolynomialCNN([3, 3]).neuromanifold()
            sage: C.ed_degree(), C.provenance('ed_degree').method
            (219, 'proved')
            sage: C.ed_degree(closed_form=False), C.provenance('ed_degree').method
            (219, 'modular')

        One that touches the quadric at finitely many points has the generic
        ED degree (79) minus the Milnor numbers of the quadric's section
        there (8), counted mod ``p``::

            sage: C = PolynomialCNN([3, 2]).neuromanifold()
            sage: C.ed_degree(), C.provenance('ed_degree').method
            (71, 'modular')
            sage: C.provenance('ed_degree').certificate
            '... of total Milnor number 8 (79 - 8 = 71)'

        Lightning self-attention with ``a = d_out = 1`` is transversal, for
        every number of tokens: the generic ED degree of the Segre product,
        proved, and the count on the Segre model agrees::

            sage: from sage_neuro import LightningSelfAttention
            sage: A = LightningSelfAttention(2, 1, 1, 3).neuromanifold()
            sage: A.ed_degree(), A.provenance('ed_degree').method
            (10, 'proved')
            sage: A.ed_degree(closed_form=False), A.provenance('ed_degree').method
            (10, 'modular')
        """
        check_method(method, ("auto", "exact", "modular", "numerical", "correspondence"))
        from sage_neuro.invariants.slicing import STRATEGIES
        if strategy not in STRATEGIES["ed_degree"] + _ED_MODELS:
            raise ValueError("strategy for ed_degree must be one of %s (slices of the "
                             "parameters) or %s (models), not %r"
                             % (STRATEGIES["ed_degree"], _ED_MODELS, strategy))
        if cross_check not in (None, True, False):
            raise ValueError("cross_check must be True, False or None (when cheap), not %r"
                             % (cross_check,))
        if data is not None:
            # distinct critical points at these data (fewer on the ED discriminant)
            from sage_neuro.optimization.discriminant import ed_degree_at
            if method in ("numerical", "correspondence"):
                raise ValueError("method=%r counts for generic data only; with data "
                                 "use method 'modular' or 'exact'" % method)
            return ed_degree_at(self, data, method="modular" if method == "auto" else method,
                                timeout=timeout)
        seeds = _seed_tuple(seeds)
        choice, bezout = "", None
        if (method == "auto" and engine == "Auto" and strategy == "Rabinowitsch"
                and not cross_check):
            value = self._dense_answer("ed_degree")
            if value is not None:
                return value
            if closed_form:
                with stopwatch() as spent:
                    value, choice = self._transversal_answer(timeout)
                if value is not None:
                    return value
                if timeout is not None:
                    # the next route has what is left of the caller's time
                    timeout = max(0, timeout - spent[0])
        if method == "auto" and engine == "Auto" and strategy == "Rabinowitsch":
            model = _ed_model_choice(self._net)
            if model is not None:
                method, (strategy, model_choice) = "modular", model
                choice = "; ".join(x for x in (choice, model_choice) if x)
        if strategy in _ED_MODELS:
            method = _model_method(strategy, method, engine)
        if method == "auto" or cross_check is None:
            from sage_neuro.constants import MODULAR_ED_BEZOUT
            from sage_neuro.invariants.ed_monodromy import critical_bezout
            bezout, multilinear = critical_bezout(self._net, seed=seeds[0])
        if method == "auto":
            if multilinear or bezout <= MODULAR_ED_BEZOUT:
                method = "modular"
                route = ("auto: Bezout number %s of the critical system %s: modular slice"
                         % (bezout, "(mu linear in every block)" if multilinear
                            else "<= %s" % MODULAR_ED_BEZOUT))
            else:
                method = "correspondence"
                route = ("auto: Bezout number %s of the critical system > %s: monodromy on "
                         "the ED correspondence" % (bezout, MODULAR_ED_BEZOUT))
            choice = "; ".join(x for x in (choice, route) if x)
        value = self._ed_degree_by(method, seeds, timeout, strategy, engine, choice)
        if cross_check is not False and method in ("modular", "numerical", "correspondence"):
            from sage_neuro.constants import ED_CROSS_CHECK_BEZOUT, ED_CROSS_CHECK_SECONDS
            if cross_check or bezout <= ED_CROSS_CHECK_BEZOUT:
                first = self._records["ed_degree"]
                other = "numerical" if method == "modular" else "modular"
                # a check nobody asked for gets a bounded budget: it is run
                # because it is predicted cheap, and must not use up the
                # time of the caller (a survey case) when it is not
                budget = timeout if cross_check else (
                    ED_CROSS_CHECK_SECONDS if timeout is None
                    else min(timeout, ED_CROSS_CHECK_SECONDS))
                try:
                    self._ed_degree_by(other, seeds, budget, "Rabinowitsch", "Auto",
                                       "cross-check of the %s route" % method)
                except TimeoutError:
                    if cross_check:
                        raise
                    self._records["ed_degree"] = Provenance(**dict(first.__dict__, note="; ".join(
                        t for t in (first.note, "the cross-check by the %s route did not finish "
                                    "within %s s: not confirmed" % (other, budget)) if t)))
                    return value
                # the route asked for stays the latest record, confirmed
                value = self._answer(self._ed_degree_key(method, seeds, strategy, engine),
                                     lambda: first)
        return value

    def _transversal_answer(self, timeout):
        # 'auto' on a polynomial CNN of stride one: (the ED degree, '') when
        # the neuromanifold is shown transversal to the isotropic quadric
        # (then it is the generic ED degree of the Segre-Veronese variety,
        # proved) or touches it at finitely many points (the generic one
        # minus their Milnor numbers, modular), else (None, why not) for the
        # note of the next route
        from sage_neuro.constants import SLICE_PRIME
        from sage_neuro.invariants.cnn_segre_veronese import (cnn_ed_formula_applies,
                                                              dilation_applies,
                                                              isotropic_tangency,
                                                              transversal_ed_degree_record)
        applies, _ = cnn_ed_formula_applies(self._net)
        if not applies:
            return self._attention_transversal_answer(timeout)
        # a dilated filter gives an exact point of the tangency locus: no
        # stratum needs deciding (msolve ran 900 s on CNN [5, 5] without an
        # answer where the point takes a tenth of a second)
        dilated, why = dilation_applies(self._net)
        if dilated:
            return self._milnor_answer(timeout, "auto: the neuromanifold touches the isotropic "
                                                "quadric (%s; dilated_tangency gives the point)"
                                                % why)
        # the verdict is kept either way: a tangent CNN must not decide its
        # strata again on every call before reaching its cached ED degree
        T = self._cache.lookup(CacheKey("isotropic_tangency", prime=SLICE_PRIME),
                               lambda: isotropic_tangency(self._net, timeout=timeout))
        key = CacheKey("ed_degree", method="proved", prime=SLICE_PRIME, strategy="transversal")
        try:
            value = self._answer(key, lambda: transversal_ed_degree_record(
                self._net, tangency=T, choice="auto: a CNN of stride one with the "
                                              "activation t^%s" % self._net.activation()))
        except ArithmeticError as e:
            return self._milnor_answer(timeout, "auto: %s" % e)
        return value, ""

    def _attention_transversal_answer(self, timeout):
        # 'auto' on one layer of attention with a = d_out = 1, d <= 3 (the
        # Segre product) or d_out = 1 with d = 3, a = 2 or a >= d, d <= 3
        # (P^{d-1} x D_a): (the ED
        # degree, '') when the neuromanifold is shown transversal to the
        # isotropic quadric (the generic ED degree of the product, proved),
        # else (None, why not) for the note of the next route
        from sage_neuro.constants import SLICE_PRIME
        from sage_neuro.invariants.attention_conormal import (
            conormal_transversal_applies, conormal_transversal_ed_degree_record)
        from sage_neuro.invariants.attention_segre import (segre_transversal_applies,
                                                           segre_transversal_ed_degree_record)
        record = None
        for applies, route in ((segre_transversal_applies, segre_transversal_ed_degree_record),
                               (conormal_transversal_applies,
                                conormal_transversal_ed_degree_record)):
            ok, why = applies(self._net)
            if ok:
                record = route
                break
        if record is None:
            return None, ""
        key = CacheKey("ed_degree", method="proved", prime=SLICE_PRIME, strategy="transversal")
        try:
            value = self._answer(key, lambda: record(self._net, timeout=timeout,
                                                     choice="auto: %s" % why))
        except ArithmeticError as e:
            return None, "auto: %s" % e
        except TimeoutError:
            return None, "auto: the tangency locus was not decided within %s s" % timeout
        return value, ""

    def _milnor_answer(self, timeout, tangent):
        # the Milnor route of a CNN that touches the isotropic quadric, within
        # MILNOR_ED_SECONDS: (the ED degree, '') or (None, why not); a
        # hypothesis that fails is kept, so that the next call goes straight
        # to the parametric routes
        from sage_neuro.constants import MILNOR_ED_SECONDS, SLICE_PRIME
        from sage_neuro.invariants.cnn_segre_veronese import milnor_ed_degree_record
        key = CacheKey("ed_degree", method="modular", prime=SLICE_PRIME, strategy="Milnor")
        refused = CacheKey("milnor_route", prime=SLICE_PRIME)
        why = self._cache.get(refused)
        if why is not None:
            return None, "%s; %s" % (tangent, why)
        budget = MILNOR_ED_SECONDS if timeout is None else min(timeout, MILNOR_ED_SECONDS)
        try:
            value = self._answer(key, lambda: milnor_ed_degree_record(
                self._net, timeout=budget, choice=tangent + ": the generic ED degree minus "
                                                            "the Milnor numbers"))
        except ArithmeticError as e:
            why = "the Milnor route does not apply: %s" % e
            self._cache.put(refused, why)
            return None, "%s; %s" % (tangent, why)
        except TimeoutError:
            return None, ("%s; the Milnor route did not finish within %s s"
                          % (tangent, budget))
        return value, ""

    def _ed_degree_key(self, method, seeds, strategy, engine):
        # every argument that changes the ED degree's computation
        from sage_neuro.invariants.slicing import SLICE_PRIME
        if method in ("numerical", "correspondence"):
            return CacheKey("ed_degree", method=method, seeds=seeds[:1])
        prime = SLICE_PRIME if method == "modular" else 0
        return CacheKey("ed_degree", method=method, seeds=seeds, prime=prime, engine=engine,
                        strategy=strategy)

    def _ed_degree_by(self, method, seeds, timeout, strategy, engine, choice):
        # the ED degree by one route, through the cache; `choice` says why
        # the route was taken (recorded in the note of a new computation)
        def numerical():
            from sage_neuro.invariants.ed_monodromy import monodromy_ed_degree
            with stopwatch() as t:
                W = monodromy_ed_degree(self._net, seed=seeds[0], timeout=timeout)
            return Provenance("ed_degree", W.ed_degree, "numerical", seeds=(seeds[0],),
                              seconds=t[0],
                              route="monodromy in the data from a critical point built "
                                    "backwards, certified by the trace test",
                              choices="a random complex slice, start point, normal vector "
                                      "and loops",
                              certificate="trace test: residual %.1e of a point" % W.trace_residual,
                              note="; ".join(x for x in (choice, "%d loops, %d rounds, trace "
                                                         "residual %.1e" % (W.loops, W.rounds,
                                                                            W.trace_residual))
                                             if x))

        def on_model():
            return _with_choice(_count_on_model(strategy, self._net, "ed_degree", seeds,
                                                timeout), choice)

        def sliced():
            from sage_neuro.invariants.slicing import SLICE_PRIME, count_on_slices
            prime = SLICE_PRIME if method == "modular" else 0
            with stopwatch() as t:
                C = count_on_slices(self._net, "ed_degree", seeds=seeds, prime=prime,
                                    timeout=timeout, strategy=strategy, engine=engine)
            note = "; ".join(x for x in (
                choice, "(critical points, fiber points) per seed: %s" % C.counts,
                "".join("redrawn after %s; " % r for r in C.redrawn).rstrip("; ")) if x)
            route = ("parametric critical equations on a coordinate slice, rank-drop locus "
                     "removed (%s, %s)" % (C.strategy, C.engine))
            if prime:
                return Provenance("ed_degree", C.value, "modular", primes=(prime,), seeds=C.seeds,
                                  seconds=t[0], route=route, note=note,
                                  choices="per seed: a coordinate slice and data mod p")
            return Provenance("ed_degree", C.value, "exact_random", seeds=C.seeds, seconds=t[0],
                              route=route, note=note,
                              choices="per seed: a random rational coordinate slice and random "
                                      "rational data")

        def correspondence():
            W, seconds = self._correspondence_witness(seeds[0], timeout)
            return Provenance("ed_degree", W.ed_degree, "numerical", seeds=(seeds[0],),
                              seconds=seconds,
                              route="monodromy on the ED correspondence cut by a generic affine "
                                    "space, certified by the trace test, then a homotopy to "
                                    "the data",
                              choices="a random complex slice, start point, normal vector, "
                                      "affine space of the correspondence and loops",
                              certificate="trace test on %d points of the ED correspondence: "
                                          "residual %.1e of a point; %d paths to infinity"
                                          % (W.correspondence_degree, W.trace_residual,
                                             W.at_infinity),
                              note="; ".join(x for x in (choice, "%d loops, %d rounds; the ED "
                                                         "correspondence has degree %d"
                                                         % (W.loops, W.rounds,
                                                            W.correspondence_degree)) if x))

        compute = {"numerical": numerical, "correspondence": correspondence}.get(
            method, on_model if strategy in _ED_MODELS else sliced)
        return self._answer(self._ed_degree_key(method, seeds, strategy, engine), compute)

    def _correspondence_witness(self, seed, timeout):
        # one run of correspondence_ed_degree per seed serves both values it
        # gives: the ED degree (method 'correspondence') and the degree of
        # the correspondence (generic_ed_degree, method 'numerical')
        # (its time is that of the run, also when the other value reuses it)
        from sage_neuro.invariants.ed_monodromy import correspondence_ed_degree

        def run():
            with stopwatch() as t:
                W = correspondence_ed_degree(self._net, seed=seed, timeout=timeout)
            return W, t[0]
        return self._cache.lookup(
            CacheKey("ed_correspondence_witness", method="numerical", seeds=(seed,)), run)

    def generic_ed_degree(self, method="modular", seeds=(1, 2), timeout=None):
        r"""
        Return the ED degree for a generic inner product: the number of
        complex critical points of ``x -> (x - u)^T Q (x - u)`` on the smooth
        part of the neuromanifold, for a generic symmetric matrix ``Q`` and
        generic data ``u``.

        It bounds :meth:`ed_degree` (the standard inner product) from
        above; the gap measures how special the coefficient coordinates are
        for ``M`` (its tangency to the isotropic quadric). For a cone it is
        the sum of the polar degrees of ``M``, the degree of its ED
        correspondence (Draisma, Horobet, Ottaviani, Sturmfels, Thomas,
        arXiv:1309.0049, Theorem 5.4).

        INPUT:

        - ``method`` -- ``'modular'`` (default): the critical equations
          ``J^T Q (mu - u)`` on coordinate slices over ``GF(32003)`` with a
          random symmetric ``Q`` and random data per seed, the rank-drop
          locus removed, counted by msolve and divided by the fiber of the
          slice; all seeds agree. ``'numerical'``: the number of points of
          a witness set of the ED correspondence cut by a generic affine
          space, certified by the trace test
          (:func:`~sage_neuro.invariants.ed_monodromy.correspondence_ed_degree`,
          first seed)
        - ``seeds`` -- the random seeds
        - ``timeout`` -- seconds per msolve call (``'numerical'``: for the
          whole computation)

        EXAMPLES:

        The 3 x 3 matrices of rank 1 have 3 critical points (Eckart-Young)
        but 39 for a generic inner product, by both routes::

            sage: from sage_neuro import LinearNetwork
            sage: M = LinearNetwork([3, 1, 3]).neuromanifold()
            sage: M.ed_degree(), M.generic_ed_degree()
            (3, 39)
            sage: M.generic_ed_degree(method='numerical')
            39
            sage: P = M.provenance('generic_ed_degree'); P.method, [c.method for c in P.confirmations]
            ('numerical', ['modular'])
            sage: M.generic_ed_degree(method='exact')
            Traceback (most recent call last):
            ...
            ValueError: method must be one of 'modular', 'numerical', not 'exact'

        A smooth quadric surface (the 2 x 2 matrices of rank 1) has generic
        ED degree ``2 (1 + 1 + 1) = 6``::

            sage: LinearNetwork([2, 1, 2]).neuromanifold().generic_ed_degree()
            6
        """
        check_method(method, ("modular", "numerical"))
        seeds = _seed_tuple(seeds)
        from sage_neuro.invariants.slicing import SLICE_PRIME

        def numerical():
            W, seconds = self._correspondence_witness(seeds[0], timeout)
            return Provenance("generic_ed_degree", W.correspondence_degree, "numerical",
                              seeds=(seeds[0],), seconds=seconds,
                              route="monodromy on the ED correspondence cut by a generic affine "
                                    "space u + A x = c",
                              choices="a random complex slice, start point, normal vector, "
                                      "affine space and loops",
                              certificate="trace test along a pencil of parallel affine spaces: "
                                          "residual %.1e of a point" % W.trace_residual,
                              note="%d loops, %d rounds" % (W.loops, W.rounds))

        def modular():
            from sage_neuro.invariants.slicing import count_on_slices
            with stopwatch() as t:
                C = count_on_slices(self._net, "ed_degree", seeds=seeds, prime=SLICE_PRIME,
                                    timeout=timeout, engine="ParallelMsolve",
                                    inner_product="generic")
            return Provenance("generic_ed_degree", C.value, "modular", primes=(SLICE_PRIME,),
                              seeds=C.seeds, seconds=t[0],
                              route="parametric critical equations J^T Q (mu - u) on a "
                                    "coordinate slice, rank-drop locus removed (Rabinowitsch, "
                                    "ParallelMsolve)",
                              choices="per seed: a coordinate slice, data and a symmetric "
                                      "matrix Q mod p",
                              note="(critical points, fiber points) per seed: %s" % (C.counts,))
        if method == "numerical":
            return self._answer(CacheKey("generic_ed_degree", method=method, seeds=seeds[:1]),
                                numerical)
        return self._answer(CacheKey("generic_ed_degree", method=method, seeds=seeds,
                                     prime=SLICE_PRIME), modular)

    def singular_locus(self, strategy="Minors", timeout=None, method="auto", seed=0):
        r"""
        Return the irreducible components of the singular locus of the
        Zariski closure, as :class:`~sage_neuro.schemes.Subvariety` objects:
        Sage affine subschemes of the function space with ``ideal()``,
        ``dimension()``, ``degree()`` and the provenance of the singular
        locus.

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
          space and the answer is ``[]`` (``'proved'``); otherwise
          ``'jacobian'`` when the dimension of the linear span is at most 8,
          else ``'candidates'`` (the route taken is recorded in the
          provenance).

        For a cone, the vertex counts as singular unless the cone is a
        linear space.

        INPUT:

        - ``strategy`` -- ``'Minors'`` or ``'FastMinors'`` (route ``'jacobian'``)
        - ``timeout`` -- seconds per Macaulay2 call
        - ``method`` -- ``'auto'``, ``'jacobian'`` or ``'candidates'``
        - ``seed`` -- seed of the random points of the modular checks

        EXAMPLES::

            sage: from sage_neuro import LinearNetwork
            sage: M = LinearNetwork([4, 2, 3]).neuromanifold()
            sage: S = M.singular_locus()
            sage: [(V.dimension(), V.degree()) for V in S]
            [(6, 10)]

        Here the linear span is 12-dimensional, so ``'auto'`` took the
        candidates route, and says so::

            sage: P = M.provenance('singular_locus'); P.method, P.route
            ('modular', 'auto: span dimension 12 > 8: the candidates route (not the Jacobian criterion), see the note; candidates: neuromanifolds of the subnetworks')
            sage: P.certificate
            'Sing inside the candidates: proved by homogeneity...'
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
        key = CacheKey("singular_locus", method=method, seeds=(seed,), strategy=strategy)
        return list(self._answer(key, lambda: self._singular_locus(strategy, timeout, method, seed)))

    def _singular_locus(self, strategy, timeout, method, seed):
        # the Provenance of the singular locus by the route `method`
        from sage_neuro.invariants.dimension import jacobian_rank
        n = self.ambient_dimension()
        choice = ""
        with stopwatch() as t:
            if method == "auto":
                if jacobian_rank(self._net, seed=seed, prime=0)[0] == n:
                    method = "whole"
                elif self._span().dimension() <= 8:
                    method = "jacobian"
                    choice = "auto: span dimension %s <= 8: Jacobian criterion" % self._span().dimension()
                else:
                    method = "candidates"
                    choice = ("auto: span dimension %s > 8: the candidates route (not the "
                              "Jacobian criterion), see the note" % self._span().dimension())
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
                    comps = [Subvariety(span.lift_ideal(P)) for P in
                             singular_components(J, strategy=strategy, timeout=timeout)]
                else:
                    comps = [Subvariety(P) for P in singular_components(I, strategy=strategy,
                                                                        timeout=timeout)]
            else:
                from sage_neuro.invariants.implicit import singular_candidates
                comps, note = singular_candidates(self, seed=seed, timeout=timeout)
                proof = self._net._singular_inclusion_proof(self, comps, seed=seed)
                unproved = "Sing inside the union of the candidates: not proved by this route"
                if proof is not None:
                    note = note.replace(unproved, proof)
                comps = [Subvariety(P) for P in comps]
        route = "; ".join(x for x in (choice, {
            "whole": "Jacobian of mu of full rank at a rational point: the closure is the whole "
                     "(smooth) space",
            "jacobian": "Jacobian criterion (%s) and minimal primes over QQ" % strategy,
            "candidates": "candidates: neuromanifolds of the subnetworks"}[method]) if x)
        if method == "whole":
            return Provenance("singular_locus", [], "proved", seconds=t[0], seeds=(seed,), route=route,
                              certificate="the Jacobian of mu has rank %s = the ambient dimension "
                                          "at a rational point" % n)
        if method == "jacobian":
            return Provenance("singular_locus", comps, "proved", seconds=t[0], route=route,
                              certificate="Jacobian criterion on the proved implicit ideal, minimal "
                                          "primes over QQ")
        from sage_neuro.constants import CHECK_PRIME
        return Provenance("singular_locus", comps, "modular", seconds=t[0], primes=(CHECK_PRIME,),
                          seeds=(seed,), route=route, note=note,
                          choices="random points of each candidate mod p (each is checked to be "
                                  "singular there)",
                          certificate=proof if proof is not None else unproved)

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

    def ml_degree(self, method="modular", seeds=(1, 2), data=None, route="slice",
                  engine="Auto", timeout=None):
        r"""
        Return the maximum likelihood degree: the number of complex critical
        points of ``L(f) = sum_i u_i log f_i - u_+ log(sum_i f_i)`` on the
        smooth part of the Zariski closure, off the hyperplanes ``f_i = 0``
        and ``sum_i f_i = 0``, for generic counts ``u`` (the coordinates, in
        the order of :meth:`Architecture.monomial_basis`, read as
        unnormalised probabilities; on a cone, lines are counted once). See
        :mod:`sage_neuro.invariants.likelihood`.

        INPUT:

        - ``method`` -- ``'modular'`` (default: over ``GF(32003)``, two
          seeds that must agree) or ``'exact_random'`` (over ``QQ`` at a
          random slice and counts)
        - ``seeds`` -- seeds of the random slices and counts
        - ``data`` -- counts (positive integers), or ``None``; with data
          the number of distinct critical points is returned
        - ``route`` -- ``'slice'`` (default: likelihood equations on a
          coordinate slice of the parameters) or ``'implicit'`` (Lagrange
          equations on :meth:`ideal`)
        - ``engine`` -- what counts the solutions: ``'Auto'``,
          ``'Singular'`` or ``'Msolve'``
        - ``timeout`` -- seconds for msolve and Macaulay2 calls

        EXAMPLES:

        3x3 matrices of rank at most 2 (Hauenstein-Rodriguez-Sturmfels,
        arXiv:1210.0198) and the Hardy-Weinberg curve ``w (a x + b y)^2``::

            sage: from sage_neuro import LinearNetwork, PolynomialMLP
            sage: M = LinearNetwork([3, 2, 3]).neuromanifold()
            sage: M.ml_degree(), M.ml_degree(route='implicit')
            (10, 10)
            sage: P = M.provenance('ml_degree'); P.method, len(P.confirmations)
            ('modular', 1)
            sage: PolynomialMLP([2, 1, 1]).neuromanifold().ml_degree()
            1
            sage: M.ml_degree(data=[1, 2, 3, 4, 5, 6, 7, 8, -9])
            Traceback (most recent call last):
            ...
            ValueError: data must be positive integers (counts of observations); entry 8 is -9
        """
        from sage_neuro.invariants.likelihood import ml_degree
        if data is not None:
            return ml_degree(self, method=method, seeds=seeds, data=data, route=route,
                             engine=engine, timeout=timeout)[0]

        def compute():
            record = ml_degree(self, method=method, seeds=seeds, route=route, engine=engine,
                               timeout=timeout)[1]
            return Provenance(**dict(record.__dict__, name="ml_degree"))
        # both routes answer one question: the second confirms the first
        key = CacheKey("ml_degree", method=method, seeds=seeds, engine=engine, strategy=route)
        return self._answer(key, compute)

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

    def real_boundary(self, seed=0, lines=None, timeout=None):
        r"""
        Return the walls of the real neuromanifold inside the real points
        of its Zariski closure: hypersurfaces (irreducible polynomials of
        the coordinate ring) from the images of the critical points and of
        the non-proper locus of ``mu``, each kept when it separates image
        from non-image at sample points decided exactly by
        :meth:`contains`. See
        :func:`~sage_neuro.invariants.real_boundary.real_boundary`; the
        record is ``self.provenance('real_boundary')`` (``'exact_random'``:
        the sample lines are the random choices).

        INPUT:

        - ``seed`` -- (default 0) seed of the sample lines
        - ``lines`` -- (default ``constants.BOUNDARY_LINES``) number of lines
        - ``timeout`` -- (default ``None``) seconds for Macaulay2

        OUTPUT: a :class:`~sage_neuro.invariants.real_boundary.RealBoundary`

        EXAMPLES:

        Quadratics with real roots: the wall is the discriminant::

            sage: from sage_neuro import PolynomialCNN
            sage: M = PolynomialCNN([2, 2], activation=1).neuromanifold()
            sage: M.real_boundary().walls()
            [c0_1^2 - 4*c0_0*c0_2]
            sage: M.provenance('real_boundary').method
            'exact_random'
            sage: M.real_boundary(seed=1/2)
            Traceback (most recent call last):
            ...
            TypeError: seed must be an integer, not 1/2
        """
        from sage_neuro.invariants.real_boundary import real_boundary
        seed = _integer_seed(seed)

        def compute():
            return real_boundary(self._net, ideal=self.ideal, seed=seed, lines=lines,
                                 timeout=timeout)
        B = self._cache.lookup(CacheKey("real_boundary", seeds=(seed,), extra=(lines,)), compute)
        self._records["real_boundary"] = B.provenance
        return B

    def semialgebraic_description(self, seed=0, lines=None, confirm="auto", timeout=None):
        r"""
        Return the real neuromanifold as the real points of its Zariski
        closure intersected with sign conditions on the walls of
        :meth:`real_boundary`, cell by cell (each sign vector realized by
        samples tested with :meth:`contains`), confirmed by quantifier
        elimination with QEPCAD B on small networks (then ``'proved'``).
        See :func:`~sage_neuro.invariants.real_boundary.semialgebraic_description`.

        INPUT:

        - ``seed``, ``lines``, ``timeout`` -- as for :meth:`real_boundary`
        - ``confirm`` -- (default ``'auto'``) run QEPCAD: ``True``,
          ``False``, or ``'auto'`` (installed and at most
          ``constants.QEPCAD_MAX_PARAMETERS`` parameters)

        OUTPUT: a :class:`~sage_neuro.invariants.real_boundary.SemialgebraicDescription`

        EXAMPLES::

            sage: from sage_neuro import PolynomialCNN
            sage: M = PolynomialCNN([2, 2], activation=1).neuromanifold()
            sage: # optional - qepcad
            sage: D = M.semialgebraic_description(); D.conditions(), D.confirmed
            ([['c0_1^2 - 4*c0_0*c0_2 > 0']], True)
            sage: M.provenance('semialgebraic_description').method
            'proved'
        """
        from sage_neuro.invariants.real_boundary import semialgebraic_description
        seed = _integer_seed(seed)
        B = self.real_boundary(seed=seed, lines=lines, timeout=timeout)

        def compute():
            return semialgebraic_description(self._net, confirm=confirm, boundary=B, seed=seed)
        D = self._cache.lookup(CacheKey("semialgebraic_description", seeds=(seed,),
                                        extra=(lines, confirm)), compute)
        self._records["semialgebraic_description"] = D.provenance
        return D

    def singular_point_type(self, point, probes=None, seed=0):
        r"""
        Return the local type of the neuromanifold at the rational point
        ``point`` of its Zariski closure: ``'smooth'``, ``'node-like'``
        (several smooth real branches of ``mu(R^N)`` cross there),
        ``'cusp-like'`` (a real branch ends there: a boundary point of
        ``mu(R^N)``, every real preimage a Jacobian rank drop) or
        ``'other'``, with the tangent cone, the real fiber and the lines
        through the point that decided it. See
        :func:`~sage_neuro.invariants.singular_type.singular_point_type`.

        INPUT:

        - ``point`` -- a list of rationals on the Zariski closure
        - ``probes`` -- (default ``None``) directions of lines through the
          point tested for a boundary (only lines inside the closure count)
        - ``seed`` -- seed of the random choices

        OUTPUT: a :class:`~sage_neuro.invariants.singular_type.SingularPointType`

        EXAMPLES:

        Lightning self-attention ``(2, 2, 1, 2)`` at a node (two crossing
        real branches, Henry-Marchetti-Kohn, arXiv 2408.17221)::

            sage: from sage_neuro import LightningSelfAttention
            sage: from sage_neuro.invariants.singular_type import point_from_span_coordinates
            sage: net = LightningSelfAttention(2, 2, 1, 2)
            sage: M = net.neuromanifold()
            sage: T = M.singular_point_type(point_from_span_coordinates(net, [1, 0, 1, 0, 2, 0]))
            sage: T.type, T.branches, T.provenance.method
            ('node-like', 2, 'proved')
        """
        from sage_neuro.invariants.singular_type import singular_point_type
        return singular_point_type(self._net, point, ideal=self.ideal, probes=probes, seed=seed)

    def real_slice(self, base, directions, ranges=None, steps=9, seed=0):
        r"""
        Return the real points of the Zariski closure in the affine slice
        ``base + t_1 d_1 + ... + t_k d_k`` (``k = 2`` or ``3``), sampled on
        a grid, each decided exactly for membership in the real image
        ``mu(R^N)``, with the singular locus sampled and boundary points
        marked; ``.plot(filename)`` writes a PNG. See
        :func:`~sage_neuro.invariants.real_slice.real_slice`.

        INPUT:

        - ``base`` -- a rational point of the function space
        - ``directions`` -- two or three rational vectors
        - ``ranges`` -- a ``(low, high)`` pair per direction (default ``(-2, 2)``)
        - ``steps`` -- grid values per coordinate (default 9)
        - ``seed`` -- seed of the real-point searches (speed only)

        OUTPUT: a :class:`~sage_neuro.invariants.real_slice.RealSlice`

        EXAMPLES:

        Quadratics ``x^2 + t1 x + t2`` with real roots (``t1^2 >= 4 t2``)::

            sage: from sage_neuro import PolynomialCNN
            sage: M = PolynomialCNN([2, 2], activation=1).neuromanifold()
            sage: S = M.real_slice([1, 0, 0], [[0, 1, 0], [0, 0, 1]], ranges=[(-2, 2), (0, 1)], steps=3)
            sage: [(t, v) for t, v in S.samples if t[0] == 0]
            [((0, 0), True), ((0, 1/2), False), ((0, 1), False)]
            sage: M.real_slice([1, 0, 0], [[0, 1, 0]])
            Traceback (most recent call last):
            ...
            ValueError: directions must be 2 or 3 vectors (a 2- or 3-dimensional slice), got 1
        """
        from sage_neuro.invariants.real_slice import real_slice
        return real_slice(self._net, base, directions, ranges=ranges, steps=steps, seed=seed)


#: the strategies that count the degree on a model of the neuromanifold
#: instead of a slice of its parameters; the ED degree has the Segre model too
_DEGREE_MODELS = ("Determinantal", "Hilbert", "Product", "SharedFactor", "Subspace")
_ED_MODELS = ("Segre", "Aluffi") + _DEGREE_MODELS


def _count_on_model(strategy, net, invariant, seeds, timeout):
    # the record of `invariant` counted on the model named `strategy`
    if strategy == "Segre":
        from sage_neuro.invariants.attention_segre import segre_ed_degree
        return segre_ed_degree(net, seeds=seeds, timeout=timeout)
    if strategy == "Aluffi":
        from sage_neuro.invariants.cnn_segre_veronese import aluffi_count
        return aluffi_count(net, invariant, seeds=seeds, timeout=timeout)
    if strategy == "Determinantal":
        from sage_neuro.invariants.attention_determinantal import determinantal_count as count
    elif strategy == "Hilbert":
        from sage_neuro.invariants.mlp_hilbert import hilbert_count as count
    elif strategy == "Subspace":
        from sage_neuro.invariants.mlp_subspace import subspace_count as count
    elif strategy == "Product":
        from sage_neuro.invariants.mlp_product import product_count as count
    else:
        from sage_neuro.invariants.attention_factor import shared_factor_count as count
    return count(net, invariant, seeds=seeds, timeout=timeout)


def _ed_model_choice(net):
    # (strategy, choice) of the model 'auto' counts the ED degree on, or
    # None; the first that applies:
    # - Segre: half the points of the parameter slice (no swap v <-> k),
    #   cubic equations instead of quintic ones;
    # - Subspace: free coordinates, as many as the dimension (no neuron
    #   permutations or rescalings of any layer), no Jacobian minor to
    #   invert; 7 times faster than Hilbert on [3, 2, 2] x^2;
    # - Hilbert: the slice counts every critical point h! times (the
    #   permutations of the hidden neurons), the model once;
    # - Product: once (the pencil of the two factors and a quadratic form
    #   on it), against the permutations of both hidden layers and the
    #   rotations of (P_1, P_2) on the slice; 2m - 1 unknowns;
    # - SharedFactor: no gauge group GL(1)^2 to slice and no Jacobian minor
    #   to invert, cubic equations on the model
    from sage_neuro.invariants.attention_factor import shared_factor_model_applies
    from sage_neuro.invariants.attention_segre import segre_ed_applies
    from sage_neuro.invariants.mlp_hilbert import hilbert_model_applies
    from sage_neuro.invariants.mlp_product import product_model_applies
    from sage_neuro.invariants.mlp_subspace import subspace_model_applies
    from sage_neuro.invariants.msolve import msolve_program
    applies, why = segre_ed_applies(net)     # checks msolve itself
    if applies:
        return "Segre", "auto: %s: the Segre model" % why
    if msolve_program() is None:
        return None
    for strategy, test, name in (("Subspace", subspace_model_applies, "the subspace model"),
                                 ("Hilbert", hilbert_model_applies, "the Hilbert-scheme model"),
                                 ("Product", product_model_applies, "the product model"),
                                 ("SharedFactor", shared_factor_model_applies,
                                  "the shared-factor model")):
        applies, why = test(net)
        if applies:
            return strategy, "auto: %s: %s" % (why, name)
    return None


def _model_method(strategy, method, engine):
    # the models (_ED_MODELS) are counted by msolve over GF(p): 'auto' means
    # 'modular', nothing else goes
    if method == "auto":
        method = "modular"
    if method != "modular" or engine not in ("Auto", "ParallelMsolve"):
        raise ValueError("strategy %r is counted by msolve over GF(p) (method 'modular', engine "
                         "'Auto' or 'ParallelMsolve'), not by method %r, engine %r"
                         % (strategy, method, engine))
    return method


def _degree_formula_choice(net):
    # (record, why) of the proved closed formula of the degree of `net`, or
    # (None, the reasons of all) when none applies; decided once per network
    # ('auto' asks, then the formula route; the subspace test takes a
    # Jacobian rank)
    from sage_neuro.cache import CacheKey, cache_of
    return cache_of(net).lookup(CacheKey("degree_formula"), lambda: _first_formula(net))


def _first_formula(net):
    from sage_neuro.invariants.attention_determinantal import (determinantal_degree_applies,
                                                               determinantal_degree_record)
    from sage_neuro.invariants.attention_factor import (shared_factor_degree_record,
                                                        shared_factor_model_applies)
    from sage_neuro.invariants.attention_segre import segre_degree_record, segre_model_applies
    from sage_neuro.invariants.mlp_product import product_degree_record, product_model_applies
    from sage_neuro.invariants.mlp_subspace import subspace_degree_record, subspace_model_applies
    reasons = []
    for applies, record in ((lambda: subspace_model_applies(net, "degree"), subspace_degree_record),
                            (lambda: product_model_applies(net), product_degree_record),
                            (lambda: determinantal_degree_applies(net), determinantal_degree_record),
                            (lambda: segre_model_applies(net), segre_degree_record),
                            (lambda: shared_factor_model_applies(net), shared_factor_degree_record)):
        ok, why = applies()
        if ok:
            return record, why
        reasons.append(why)
    return None, "; ".join(reasons)


def _degree_formula(net, choice):
    # the proved closed formula of the degree, behind its model's certificate
    record, why = _degree_formula_choice(net)
    if record is None:
        raise ValueError("no closed formula for the degree of %r: %s" % (net, why))
    return record(net, choice)


def _with_choice(P, choice):
    # the record P with why its route was taken in front of its note
    return Provenance(**dict(P.__dict__, note="; ".join(x for x in (choice, P.note) if x)))


def _seed_tuple(seeds):
    # the seeds of an invariant computed on random choices: a non-empty tuple
    seeds = tuple(int(s) for s in seeds)
    if not seeds:
        raise ValueError("seeds must be a non-empty list of integers, not ()")
    return seeds


def _integer_seed(seed):
    # seeds are integers (Python's random module refuses the rest)
    from sage.rings.integer_ring import ZZ
    if seed not in ZZ:
        raise TypeError("seed must be an integer, not %s" % (seed,))
    return int(seed)
