r"""
Singularities and subnetworks: a checker of the statement
"the singular locus of a neuromanifold is the union of the neuromanifolds
of its subnetworks", with a certificate.

The subnetworks' neuromanifolds are computed *inside* the function space of
the network itself: a subnetwork is a linear subspace of the parameters
(the outgoing weights of a removed MLP neuron, the last row of a key and
query matrix, the first or last tap of a CNN filter set to zero; for an
MLP with identity skip connections the residual branch of a neuron, whose
identity path survives, see :func:`residual_subnetwork_embeddings`), and its
image is the Zariski closure of ``mu`` restricted to that subspace, whose
ideal is computed over ``QQ`` by elimination in Macaulay2 (in coordinates
on the linear span of the neuromanifold). Doing so needs no identification
of function spaces: a CNN whose first tap is zero computes a shifted
function of the shorter subnetwork, which lives in a different function
space. The zero function (the network with all neurons of a layer removed)
is included as the *zero network*.

Both the components of the singular locus and the subnetwork images are
prime ideals; for primes ``P, Q``, ``V(Q) \subseteq V(P)`` iff
``P \subseteq Q``, decided by Groebner bases over ``QQ`` in Macaulay2
(``idealContainments``). The verdicts (see :class:`SubnetworkCertificate`):

- ``Sing(M) \supseteq`` subnetworks: every proper subnetwork image (of
  dimension ``< dim M``) lies in a component of the singular locus;
- ``Sing(M) \subseteq`` subnetworks: every component of the singular locus
  lies in some subnetwork image;
- *equal*: both; then ``Sing(M)`` and the union of the proper subnetwork
  images are the same set, i.e. their ideals have the same radical.

The containments are decided by Groebner bases over ``QQ``, with no random
choice; the certificate is as certain as the singular locus it compares
(see :mod:`sage_neuro.provenance`): ``'proved'`` when that came from the
Jacobian criterion on the implicit ideal over ``QQ``; ``'modular'`` when it
came from ``GF(p)`` or from the subnetwork candidates route of
:meth:`~sage_neuro.neuromanifold.Neuromanifold.singular_locus`, which
checks the candidates at random points mod ``p`` and, except for linear
networks (where homogeneity proves it), *assumes* ``Sing \subseteq``
subnetworks -- the certificate then says so).
As an independent second check, each proper subnetwork image is also tested
to lie in the singular locus by the rank of the Jacobian of the implicit
equations at random points of the image over ``GF(p)``.

EXAMPLES::

    sage: from sage_neuro import LinearNetwork
    sage: C = LinearNetwork([3, 2, 2, 3]).check_singularities_are_subnetworks()
    sage: C.relation()
    'equal'
    sage: C.method
    'proved'
"""

from sage.matrix.constructor import matrix
from sage.modules.free_module_element import vector
from sage.rings.finite_rings.finite_field_constructor import GF
from sage.rings.integer import Integer
from sage.rings.polynomial.polynomial_ring_constructor import PolynomialRing
from sage.rings.rational_field import QQ

from sage_neuro.constants import CHECK_PRIME, SLICE_PRIME
from sage_neuro.m2 import session
from sage_neuro.provenance import stopwatch



class SubnetworkImage:
    r"""
    The neuromanifold of a subnetwork, as a subvariety of the function space
    of the network: the closure of ``mu(L)`` for a linear subspace ``L`` of
    the parameters.

    Attributes: ``label`` (a string), ``sub`` (the subnetwork architecture,
    ``None`` for the zero network), ``substitution`` (the images of the
    network's parameters in ``sub.parameter_ring()``), ``ideal`` (a prime
    ideal of ``net.coordinate_ring()``), ``dimension``, ``verified`` (whether
    ``mu`` restricted to ``L`` was checked, polynomial by polynomial, to
    compute exactly the functions of ``sub``).

    EXAMPLES::

        sage: from sage_neuro import LinearNetwork
        sage: from sage_neuro.invariants.subnetwork_check import subnetwork_images
        sage: [S] = subnetwork_images(LinearNetwork([3, 2, 3]), include_zero=False)
        sage: S
        SubnetworkImage LinearNetwork([3, 1, 3]) of dimension 5
        sage: S.verified, len(S.ideal.gens())
        (True, 9)
    """

    def __init__(self, label, sub, substitution, ideal, dimension, verified):
        self.label = label
        self.sub = sub
        self.substitution = substitution
        self.ideal = ideal
        self.dimension = Integer(dimension)
        self.verified = verified

    def __repr__(self):
        return "SubnetworkImage %s of dimension %s" % (self.label, self.dimension)


def _by_name(net, sub):
    # the parameters of sub that are also parameters of net (same name) are
    # kept, the others of net are set to zero: removes the last neuron of a
    # layer (MLP, linear, attention) or the last tap of a filter (CNN)
    S = sub.parameter_ring()
    names = S.variable_names()
    return [S.gen(names.index(x)) if x in names else S.zero()
            for x in net.parameter_ring().variable_names()]


def _cnn_first_tap(net, sub, i):
    # filter i of sub is filter i of net without its first tap
    S = sub.parameter_ring()
    names = S.variable_names()
    out = []
    for x in net.parameter_ring().variable_names():
        layer, tap = x[1:].split("_")
        if int(layer) == i + 1:
            tap = int(tap)
            out.append(S.zero() if tap == 0 else S.gen(names.index("f%s_%d" % (layer, tap - 1))))
        else:
            out.append(S.gen(names.index(x)))
    return out


def residual_subnetwork_embeddings(net):
    r"""
    Return the subnetworks of an MLP with skip connections as linear
    subspaces of its own parameters: triples ``(label, net, substitution)``
    as in :func:`subnetwork_embeddings`, ``substitution`` giving each
    parameter of ``net`` as itself or ``0``.

    A skip layer computes ``x_i = sigma(W_i x_{i-1} + b_i) + x_{i-1}``;
    neuron ``j`` of it is the residual branch ``sigma(W_i[j] x_{i-1} +
    b_i[j])`` next to the identity path ``x_{i-1, j}``, which no choice of
    parameters removes. So the subnetworks of a residual MLP are:

    - for neuron ``j`` of a skip layer ``i``: its branch removed, row ``j``
      of ``W_i`` and ``b_i[j]`` zero; the identity path stays (and the
      branch leaves the constant ``sigma(0)``, zero when ``sigma(0) = 0``);
    - for neuron ``j`` of a hidden layer ``i`` without skip: the neuron
      removed as in a plain MLP, row ``j`` of ``W_i``, ``b_i[j]`` and
      column ``j`` of ``W_{i+1}`` zero (if layer ``i + 1`` has a skip, its
      identity path in coordinate ``j`` then carries ``sigma(0)``).

    Every neuron is listed (permutations of neurons are not symmetries of
    a skip layer); equal images are merged by :func:`subnetwork_images`.
    The architecture in each triple is ``net`` itself: these subnetworks
    are not networks of the same family.

    INPUT:

    - ``net`` -- a :class:`~sage_neuro.architectures.mlp.PolynomialMLP`
      with skip connections

    OUTPUT: a list of triples

    EXAMPLES::

        sage: from sage_neuro import PolynomialMLP
        sage: from sage_neuro.invariants.subnetwork_check import residual_subnetwork_embeddings
        sage: for label, _, phi in residual_subnetwork_embeddings(PolynomialMLP([2, 2, 1], skip=True)):
        ....:     print(label, phi)
        residual branch of neuron 0 of skip layer 1 removed [0, 0, w1_1_0, w1_1_1, w2_0_0, w2_0_1]
        residual branch of neuron 1 of skip layer 1 removed [w1_0_0, w1_0_1, 0, 0, w2_0_0, w2_0_1]
        sage: residual_subnetwork_embeddings(PolynomialMLP([2, 2, 1]))
        Traceback (most recent call last):
        ...
        ValueError: net must be a PolynomialMLP with skip connections, got PolynomialMLP([2, 2, 1], activation=2)
    """
    from sage_neuro.architectures.mlp import PolynomialMLP
    if not (isinstance(net, PolynomialMLP) and net.skip_layers()):
        raise ValueError("net must be a PolynomialMLP with skip connections, got %r" % (net,))
    P = net.parameter_ring()
    names = P.variable_names()
    w = net.widths()
    out = []
    for i in range(1, len(w) - 1):
        skip = i in net.skip_layers()
        for j in range(w[i]):
            zero = {"w%d_%d_%d" % (i, j, c) for c in range(w[i - 1])} | {"b%d_%d" % (i, j)}
            if skip:
                label = "residual branch of neuron %d of skip layer %d removed" % (j, i)
            else:
                zero |= {"w%d_%d_%d" % (i + 1, k, j) for k in range(w[i + 1])}
                label = "neuron %d of hidden layer %d removed" % (j, i)
            out.append((label, net, [P.zero() if x in zero else P.gen(k)
                                     for k, x in enumerate(names)]))
    return out


def subnetwork_embeddings(net):
    r"""
    Return the subnetworks of ``net`` (:meth:`Architecture.subnetworks`) as
    linear subspaces of its parameters: a list of triples ``(label, sub,
    substitution)``, ``substitution`` giving each parameter of ``net`` as
    a parameter of ``sub`` or ``0``.

    For CNNs each shortened filter gives two subspaces: its last tap zero
    (the subnetwork on the first inputs) and its first tap zero (a shifted
    copy). For MLPs with skip connections see
    :func:`residual_subnetwork_embeddings` (a removed neuron of a skip layer
    keeps its identity path).

    EXAMPLES::

        sage: from sage_neuro import PolynomialCNN, LinearNetwork
        sage: from sage_neuro.invariants.subnetwork_check import subnetwork_embeddings
        sage: [(l, s) for l, _, s in subnetwork_embeddings(PolynomialCNN([2, 2]))]
        [('PolynomialCNN([1, 2]) (last tap of filter 1 zero)', [f1_0, 0, f2_0, f2_1]),
         ('PolynomialCNN([1, 2]) (first tap of filter 1 zero)', [0, f1_0, f2_0, f2_1]),
         ('PolynomialCNN([2, 1]) (last tap of filter 2 zero)', [f1_0, f1_1, f2_0, 0]),
         ('PolynomialCNN([2, 1]) (first tap of filter 2 zero)', [f1_0, f1_1, 0, f2_0])]
        sage: subnetwork_embeddings(LinearNetwork([2, 1, 2]))
        []
    """
    from sage_neuro.architectures.cnn import PolynomialCNN
    from sage_neuro.architectures.mlp import PolynomialMLP
    if isinstance(net, PolynomialMLP) and net.skip_layers():
        return residual_subnetwork_embeddings(net)
    out = []
    for sub in net.subnetworks():
        if isinstance(net, PolynomialCNN):
            i = [j for j, (a, b) in enumerate(zip(net.filters(), sub.filters())) if a != b][0]
            out.append(("%r (last tap of filter %d zero)" % (sub, i + 1), sub, _by_name(net, sub)))
            out.append(("%r (first tap of filter %d zero)" % (sub, i + 1), sub,
                        _cnn_first_tap(net, sub, i)))
        else:
            out.append((repr(sub), sub, _by_name(net, sub)))
    return out


def _verify(net, sub, phi):
    # exact check that mu_net(phi) is mu_sub with the monomials matched by
    # name (the last-tap / last-neuron subspaces); None when not applicable
    basis = [str(m) for m in net.monomial_basis()]
    sbasis = [str(m) for m in sub.monomial_basis()]
    if not set(sbasis) <= set(basis) or net.num_outputs() != sub.num_outputs():
        return None
    F = net.coordinate_functions()
    G = sub.coordinate_functions()
    nb, ns = len(basis), len(sbasis)
    for i in range(int(net.num_outputs())):
        for k, m in enumerate(basis):
            f = F[i * nb + k](*phi)
            g = G[i * ns + sbasis.index(m)] if m in sbasis else 0
            if f != g:
                return False
    return True


def _image_ideal(M, phi, timeout=None):
    # the closure of mu(L), eliminated in coordinates on the span of M
    from sage_neuro.invariants.implicit import ideal_dimension_degree
    net = M.architecture()
    span = M._span()
    F = net.coordinate_functions()
    G = [F[j](*phi) for j in span.free_coordinates()]
    R = span.reduced_ring()
    S = session()
    P = phi[0].parent()
    # coordinates constant on the image give linear generators; only the
    # others are eliminated (a constant would reach M2 as an integer)
    const = [k for k, g in enumerate(G) if g.is_constant()]
    gens = [R.gen(k) - g.constant_coefficient() for k, g in enumerate(G) if k in const]
    var = [k for k in range(len(G)) if k not in const]
    if var:
        Rv = PolynomialRing(QQ, [R.variable_names()[k] for k in var], order="degrevlex")
        L = S.polys([P(G[k]) for k in var], P)
        Jv = S.call("implicitIdeal", L, S.ring(Rv), timeout=timeout, ring=Rv)
        back = Rv.hom([R.gen(k) for k in var], R)
        gens += [back(g) for g in Jv]
    I = span.lift_ideal(R.ideal(gens))
    return I, ideal_dimension_degree(I, timeout=timeout)[0]


def proper_subnetworks(net, measure, depth=3):
    r"""
    Walk the subnetworks of ``net`` (:func:`subnetwork_embeddings`) and
    return those whose image has dimension below ``dim M``; a subnetwork
    whose image fills ``M`` is walked into, up to ``depth`` levels.

    INPUT:

    - ``net`` -- an architecture
    - ``measure`` -- a function of the substitution ``total`` (the images
      of the parameters of ``net``) returning ``(dimension, data)`` of the
      subnetwork's image, or ``None`` to skip it (e.g. a repeated image)
    - ``depth`` -- how many neurons/taps may be removed in a row

    OUTPUT: a list of tuples ``(label, sub, total, prefix, dimension,
    data)``, ``prefix`` the label of the full-dimensional subnetwork it
    lies in (``None`` at the first level)

    EXAMPLES::

        sage: from sage_neuro import LinearNetwork
        sage: from sage_neuro.invariants.subnetwork_check import proper_subnetworks
        sage: [(l, d) for l, _, _, _, d, _ in proper_subnetworks(LinearNetwork([3, 2, 3]),
        ....:                                                       lambda total: (5, None))]
        [('LinearNetwork([3, 1, 3])', 5)]
    """
    d = net.neuromanifold().dimension()
    out = []
    frontier = [(None, net, list(net.parameter_ring().gens()))]
    for _ in range(int(depth)):
        nxt = []
        for prefix, cur, phi0 in frontier:
            for label, sub, phi in subnetwork_embeddings(cur):
                total = [g(*phi) for g in phi0]
                if prefix is not None:
                    label = "%s in %s" % (label, prefix)
                got = measure(total)
                if got is None:
                    continue
                if got[0] >= d:
                    nxt.append((label, sub, total))
                else:
                    out.append((label, sub, total, prefix) + tuple(got))
        frontier = nxt
        if not frontier:
            break
    return out


def subnetwork_images(net, timeout=None, include_zero=True, depth=3):
    r"""
    Return the proper subnetwork images of ``net``: the
    :class:`SubnetworkImage` of each subnetwork, and, when a subnetwork's
    image fills the neuromanifold (same dimension), those of its own
    subnetworks (up to ``depth`` neurons removed), plus the zero network.
    Images of full dimension are left out; repeated ideals are listed once.

    INPUT:

    - ``net`` -- an architecture (MLPs with skip connections: see
      :func:`residual_subnetwork_embeddings`)
    - ``timeout`` -- seconds per Macaulay2 call
    - ``include_zero`` -- (default ``True``) add the zero function
    - ``depth`` -- how many neurons/taps may be removed in a row

    OUTPUT: a list of :class:`SubnetworkImage`

    EXAMPLES::

        sage: from sage_neuro import PolynomialCNN
        sage: from sage_neuro.invariants.subnetwork_check import subnetwork_images
        sage: [(S.label, S.dimension) for S in subnetwork_images(PolynomialCNN([2, 2]))]
        [('PolynomialCNN([1, 2]) (last tap of filter 1 zero)', 2),
         ('PolynomialCNN([1, 2]) (first tap of filter 1 zero)', 2),
         ('PolynomialCNN([2, 1]) (last tap of filter 2 zero)', 2),
         ('PolynomialCNN([2, 1]) (first tap of filter 2 zero)', 2),
         ('zero network', 0)]
    """
    M = net.neuromanifold()
    C = net.coordinate_ring()
    seen = []

    def measure(total):
        # the image's ideal and dimension; None for a repeated image
        I, dim = _image_ideal(M, total, timeout=timeout)
        if any(I == J for J in seen):
            return None
        seen.append(I)
        return dim, I
    out = [SubnetworkImage(label, sub, total, I, dim,
                           _verify(net, sub, total) if prefix is None and sub is not net else None)
           for label, sub, total, prefix, dim, I in proper_subnetworks(net, measure, depth)]
    if include_zero:
        Z = C.ideal(list(C.gens()))
        if not any(Z == S.ideal for S in out):
            out.append(SubnetworkImage("zero network", None, [], Z, 0, None))
    return out


def _in_singular_locus(M, image, points, seed):
    # rank of the Jacobian of the implicit equations of M at random points
    # of the image over GF(p): < codim at every point <=> (whp) in Sing
    K = GF(CHECK_PRIME)
    I = M.ideal()
    C = I.ring()
    CK = C.change_ring(K)
    # constant entries (the linear relations of the span) need no evaluation
    derivs = [[(lambda d: d.constant_coefficient() if d.is_constant() else d)(CK(f).derivative(x))
               for x in CK.gens()] for f in I.gens()]
    codim = M.ambient_dimension() - M.dimension()
    if image.sub is None:
        pts = [[K(0)] * C.ngens()]
    else:
        net = M.architecture()
        F = net.coordinate_functions()
        pts = []
        for i in range(points):
            th = image.sub.random_parameters(seed=seed + i, bound=10**6)
            full = [g(*th) for g in image.substitution]
            pts.append([K(f(*full)) for f in F])
    return all(matrix(K, [[dd if dd.parent() is K else dd(*x) for dd in row] for row in derivs]).rank()
               < codim for x in pts)


def relation(contains, inside):
    r"""
    Name the relation of ``Sing(M)`` and the union of the subnetwork images
    from the two containments ``Sing(M) \supseteq`` subnetworks
    (``contains``) and ``Sing(M) \subseteq`` subnetworks (``inside``).

    EXAMPLES::

        sage: from sage_neuro.invariants.subnetwork_check import relation
        sage: relation(True, True), relation(False, True)
        ('equal', 'Sing inside subnetworks')
    """
    if contains and inside:
        return "equal"
    if contains:
        return "Sing contains subnetworks"
    if inside:
        return "Sing inside subnetworks"
    return "incomparable"


class SubnetworkCertificate:
    r"""
    The result of :func:`check_singularities_are_subnetworks`: the ideals
    compared and every containment between them, with how it was proved.

    Attributes:

    - ``net`` -- the architecture
    - ``singular_components`` -- the prime ideals of the components of
      ``Sing(M)`` (as returned by ``M.singular_locus``)
    - ``singular_dimensions`` -- their dimensions
    - ``singular_provenance`` -- the :class:`~sage_neuro.provenance.Provenance`
      of the singular locus
    - ``images`` -- the proper :class:`SubnetworkImage` objects
    - ``image_in_singular`` -- for each image, the indices of the components
      of ``Sing(M)`` containing it (exact, ``P \subseteq Q`` over ``QQ``)
    - ``singular_in_image`` -- for each component, the indices of the
      images containing it
    - ``cross_check`` -- for each image, whether the Jacobian of ``M``'s
      equations drops rank at random points of it over ``GF(p)``
      (``p = CHECK_PRIME``, the seeds in ``seeds``)
    - ``method`` -- the level of certainty (:mod:`sage_neuro.provenance`)
      of the singular locus, hence of the verdict: ``'proved'`` or
      ``'modular'``
    - ``seconds`` -- wall time of the check (without the singular locus)

    EXAMPLES::

        sage: from sage_neuro import PolynomialCNN
        sage: C = PolynomialCNN([2, 2]).check_singularities_are_subnetworks()
        sage: C.relation(), C.method
        ('Sing inside subnetworks', 'proved')
        sage: print(C)
        Singular locus vs subnetworks of PolynomialCNN([2, 2]): Sing inside subnetworks  [proved]
          Sing(M): 1 components (proved; ... s; Jacobian criterion (Minors) and minimal primes over QQ)
          subnetwork PolynomialCNN([1, 2]) (last tap of filter 1 zero) (dim 2) is NOT in Sing(M) (modular cross-check: False)
          ...
          subnetwork zero network (dim 0) lies in Sing component 0 (modular cross-check: True)
          Sing component 0 (dim 1) lies in subnetwork PolynomialCNN([1, 2]) (last tap of filter 1 zero)
          containments: ...
    """

    def __init__(self, net, singular_components, singular_provenance, images,
                 image_in_singular, singular_in_image, cross_check, seeds, seconds):
        self.net = net
        self.singular_components = singular_components
        self.singular_provenance = singular_provenance
        self.images = images
        self.image_in_singular = image_in_singular
        self.singular_in_image = singular_in_image
        self.cross_check = cross_check
        self.seeds = tuple(seeds)
        self.seconds = seconds
        self.method = singular_provenance.method

    def is_consistent(self):
        r"""
        Return whether the modular cross-check agrees with the exact
        containments (a subnetwork image lies in ``Sing(M)`` exactly when
        the Jacobian of the implicit equations drops rank at its random
        points).

        EXAMPLES::

            sage: from sage_neuro import LinearNetwork
            sage: LinearNetwork([3, 2, 2, 3]).check_singularities_are_subnetworks().is_consistent()
            True
        """
        return all(bool(w) == c for w, c in zip(self.image_in_singular, self.cross_check))

    def singular_contains_subnetworks(self):
        r"""
        Return whether every proper subnetwork image lies in ``Sing(M)``.

        EXAMPLES::

            sage: from sage_neuro import PolynomialMLP
            sage: C = PolynomialMLP([2, 2, 1]).check_singularities_are_subnetworks()
            sage: C.singular_contains_subnetworks(), C.singular_contained_in_subnetworks()
            (False, True)
        """
        return all(bool(c) for c in self.image_in_singular)

    def singular_contained_in_subnetworks(self):
        r"""
        Return whether every component of ``Sing(M)`` lies in a subnetwork
        image (true when ``Sing(M)`` is empty).

        EXAMPLES::

            sage: from sage_neuro import LinearNetwork
            sage: LinearNetwork([3, 2, 2, 3]).check_singularities_are_subnetworks().singular_contained_in_subnetworks()
            True
        """
        return all(bool(c) for c in self.singular_in_image)

    def is_equal(self):
        r"""
        Return whether ``Sing(M)`` equals the union of the proper subnetwork
        images as a set (equal radicals of their ideals).

        EXAMPLES::

            sage: from sage_neuro import LinearNetwork
            sage: LinearNetwork([3, 2, 2, 3]).check_singularities_are_subnetworks().is_equal()
            True
        """
        return self.singular_contains_subnetworks() and self.singular_contained_in_subnetworks()

    def relation(self):
        r"""
        Return ``'equal'``, ``'Sing contains subnetworks'``, ``'Sing inside
        subnetworks'`` or ``'incomparable'``.

        EXAMPLES::

            sage: from sage_neuro import PolynomialMLP
            sage: PolynomialMLP([2, 2, 1]).check_singularities_are_subnetworks().relation()
            'Sing inside subnetworks'
        """
        return relation(self.singular_contains_subnetworks(),
                        self.singular_contained_in_subnetworks())

    def lines(self):
        r"""
        Return the certificate as a list of lines of text.

        EXAMPLES::

            sage: from sage_neuro import LinearNetwork
            sage: LinearNetwork([3, 2, 2, 3]).check_singularities_are_subnetworks().lines()[0]
            'Singular locus vs subnetworks of LinearNetwork([3, 2, 2, 3]): equal  [proved]'
        """
        out = ["Singular locus vs subnetworks of %r: %s  [%s]" % (self.net, self.relation(), self.method)]
        if not self.is_consistent():
            out.append("  WARNING: the modular cross-check disagrees with the exact containments")
        sp = self.singular_provenance
        out.append("  Sing(M): %d components (%s; %s)" % (len(self.singular_components), sp.summary(), sp.route))
        if sp.note:
            out.append("  note on Sing(M): %s" % sp.note)
        for S, where, cc in zip(self.images, self.image_in_singular, self.cross_check):
            if where:
                out.append("  subnetwork %s (dim %s) lies in Sing component %s (modular cross-check: %s)"
                           % (S.label, S.dimension, ", ".join(map(str, where)), cc))
            else:
                out.append("  subnetwork %s (dim %s) is NOT in Sing(M) (modular cross-check: %s)"
                           % (S.label, S.dimension, cc))
        for k, where in enumerate(self.singular_in_image):
            if where:
                out.append("  Sing component %d (dim %s) lies in subnetwork %s"
                           % (k, self.singular_dimensions[k], self.images[where[0]].label))
            else:
                out.append("  Sing component %d (dim %s) lies in NO subnetwork image"
                           % (k, self.singular_dimensions[k]))
        out.append("  containments: Groebner bases over %s in Macaulay2 (idealContainments); "
                   "cross-check over GF(%d), seeds %s; %.2f s"
                   % (getattr(self, "containment_field", "QQ"), CHECK_PRIME, self.seeds, self.seconds))
        return out

    def __repr__(self):
        return "\n".join(self.lines())

    def as_dict(self):
        r"""
        Return a JSON-friendly summary.

        EXAMPLES::

            sage: from sage_neuro import LinearNetwork
            sage: d = LinearNetwork([3, 2, 2, 3]).check_singularities_are_subnetworks().as_dict()
            sage: d['relation'], d['singular_components'], d['subnetworks']
            ('equal', 1, 2)
        """
        return {"relation": self.relation(), "method": self.method,
                "singular_components": len(self.singular_components),
                "subnetworks": len(self.images),
                "seconds": round(float(self.seconds), 3)}




def _compare(M, P, Q, images, points, seed, timeout):
    # (image_in, sing_in, cross, sing_dims): which subnetwork images lie in
    # which singular components and back, by ideal containment in Macaulay2
    # (P_k <= Q_j  <=>  image j inside component k), the modular cross-check
    # of each image, and the dimensions of the components
    from sage_neuro.invariants.implicit import ideal_dimension_degree
    if P and images:
        S = session()
        names_P = [S.ideal(J) for J in P]
        names_Q = [S.ideal(J) for J in Q]
        table = S.call("idealContainments", names_P, names_Q, timeout=timeout)
        back = S.call("idealContainments", names_Q, names_P, timeout=timeout)
    else:
        table = [[False] * len(images) for _ in P]
        back = [[False] * len(P) for _ in images]
    image_in = [[k for k in range(len(P)) if table[k][j]] for j in range(len(images))]
    sing_in = [[j for j in range(len(images)) if back[j][k]] for k in range(len(P))]
    cross = [_in_singular_locus(M, Sb, points, seed) if M.dimension() < M.ambient_dimension()
             else False for Sb in images]
    sing_dims = [ideal_dimension_degree(J, timeout=timeout)[0] for J in P]
    return image_in, sing_in, cross, sing_dims


def _check_modular(net, timeout=None, seed=0, points=2):
    from sage_neuro.provenance import Provenance
    M = net.neuromanifold()
    K = GF(SLICE_PRIME)
    S = session()
    with stopwatch() as t0:
        I = M.ideal(timeout=timeout)
        Cp = I.ring().change_ring(K)
        comps = S.call("singularComponentsModular", S.ideal(I), SLICE_PRIME, ring=Cp, timeout=timeout)
        P = [Cp.ideal(g) for g in comps]
    prov = Provenance("singular_locus", P, "modular", primes=(SLICE_PRIME,), seconds=t0[0],
                      route="Jacobian criterion (all minors) on the implicit ideal over QQ, minimal "
                            "primes over GF(%d)" % SLICE_PRIME)
    with stopwatch() as t:
        images = subnetwork_images(net, timeout=timeout)
        Q = [Cp.ideal([Cp(g) for g in Sb.ideal.gens()]) for Sb in images]
        image_in, sing_in, cross, sing_dims = _compare(M, P, Q, images, points, seed, timeout)
    C = SubnetworkCertificate(net, P, prov, images, image_in, sing_in, cross,
                              range(seed, seed + points), t[0])
    C.singular_dimensions = sing_dims
    C.containment_field = "GF(%d)" % SLICE_PRIME
    return C


def check_singularities_are_subnetworks(net, method="exact", timeout=None, seed=0, points=2):
    r"""
    Decide whether the singular locus of the neuromanifold of ``net`` equals,
    contains or is contained in the union of its proper subnetwork images,
    and return a :class:`SubnetworkCertificate`.

    INPUT:

    - ``net`` -- an architecture (MLPs with skip connections: see
      :func:`residual_subnetwork_embeddings`)
    - ``method`` -- how ``Sing(M)`` is obtained (the algorithm; the
      certainty of the result is ``C.method``): ``'exact'`` (default:
      over ``QQ`` with no random choice, certainty ``'proved'``: the
      whole space if ``mu`` is dominant, else the Jacobian criterion over
      ``QQ``, ``M.singular_locus(method='jacobian')``), ``'modular'`` (the
      Jacobian criterion on the exact implicit ideal, decomposed over
      ``GF(SLICE_PRIME)``; the subnetwork ideals are reduced mod ``p`` and
      the containments decided there -- correct for all but finitely many
      primes), ``'candidates'``
      (``M.singular_locus(method='candidates')``: modular, and it assumes
      ``Sing \subseteq`` subnetworks, so only the other inclusion is
      informative), ``'auto'`` (whatever ``M.singular_locus()`` computes
      by default, or has computed already) or ``'parametrization'`` (no
      implicit ideal: multiplicities, rank-drop and double-point loci of
      ``mu``, for generically finite ``mu``; returns a
      :class:`~sage_neuro.invariants.parametrization_certificate.ParametrizationCertificate`,
      see :func:`~sage_neuro.invariants.parametrization_certificate.check_singularities_by_parametrization`)
    - ``timeout`` -- seconds per Macaulay2 call (``M2TimeoutError`` past it;
      the session stays usable)
    - ``seed`` -- first seed of the random points of the modular cross-check
    - ``points`` -- random points per subnetwork image in the cross-check

    OUTPUT: a :class:`SubnetworkCertificate`

    EXAMPLES::

        sage: from sage_neuro import LightningSelfAttention, PolynomialMLP
        sage: from sage_neuro.invariants.subnetwork_check import check_singularities_are_subnetworks
        sage: C = check_singularities_are_subnetworks(LightningSelfAttention(2, 2, 1, 2))
        sage: C.relation(), [S.dimension for S in C.images]
        ('equal', [4, 0])
        sage: check_singularities_are_subnetworks(PolynomialMLP([2, 2, 1]), method='fast')
        Traceback (most recent call last):
        ...
        ValueError: method must be one of 'exact', 'modular', 'candidates', 'auto', 'parametrization', not 'fast'

    CNNs with a generic activation of degree 3, where the implicit ideal is
    out of reach; the relation on the neuromanifold (the image of ``mu``)
    and on its Zariski closure, whose extra singular boundary points are
    not values of ``mu``::

        sage: from sage_neuro import PolynomialCNN
        sage: R.<t> = QQ[]
        sage: C = PolynomialCNN([2, 2], activation=t^3 - 2*t^2 + 3*t).check_singularities_are_subnetworks(method='parametrization')
        sage: C.relation(), C.relation(where='closure'), C.method
        ('Sing inside subnetworks', 'incomparable', 'modular')
    """
    from sage_neuro.architectures.base import Architecture
    from sage_neuro.validation import check_method
    if not isinstance(net, Architecture):
        raise TypeError("net must be an Architecture (e.g. LinearNetwork([4, 2, 3])), not %r" % (net,))
    check_method(method, ("exact", "modular", "candidates", "auto", "parametrization"))
    if method == "parametrization":
        from sage_neuro.invariants.multiplicity import check_singularities_by_parametrization
        return check_singularities_by_parametrization(net, seed=seed, points=points, timeout=timeout)
    M = net.neuromanifold()
    if method == "modular":
        return _check_modular(net, timeout=timeout, seed=seed, points=points)
    if method == "auto":
        sing = M.singular_locus(timeout=timeout, seed=seed)
    elif method == "exact":
        from sage_neuro.invariants.dimension import jacobian_rank
        dominant = jacobian_rank(net, seed=seed, prime=0)[0] == M.ambient_dimension()
        # all minors: FastMinors keeps only some of them, which gives a
        # superset of the singular locus
        sing = M.singular_locus(method="auto" if dominant else "jacobian", timeout=timeout,
                                strategy="Minors")
    else:
        sing = M.singular_locus(method="candidates", timeout=timeout, seed=seed)
    prov = M.provenance("singular_locus")
    P = [V.ideal() for V in sing]
    with stopwatch() as t:
        images = subnetwork_images(net, timeout=timeout)
        image_in, sing_in, cross, sing_dims = _compare(M, P, [Sb.ideal for Sb in images], images,
                                                       points, seed, timeout)
    C = SubnetworkCertificate(net, P, prov, images, image_in, sing_in, cross,
                              range(seed, seed + points), t[0])
    C.singular_dimensions = sing_dims
    return C


def singularity_summary(net, timeout=20, max_parameters=20):
    r"""
    Return the atlas columns on singularities and identifiability of
    ``net``: ``{'sing_components': number of components of Sing(M),
    'sing_vs_subnetworks': the relation of
    :meth:`SubnetworkCertificate.relation` with its method,
    'fiber_is_orbit': 'yes'/'no' with the fiber dimension, component
    count and certainty (``check_generic_fiber_is_orbit(prove=True)``: a
    'no' by dimension is ``proved``)}``; a part that fails or passes ``timeout`` seconds in a
    Macaulay2 call reads ``'timeout'`` or ``'error'`` (the session stays
    usable). ``Sing(M)`` is the one of ``M.singular_locus()``'s default route.
    Networks with more than ``max_parameters`` parameters are skipped (the
    exact fiber and singular locus computations grow fast).

    EXAMPLES::

        sage: from sage_neuro import LinearNetwork, PolynomialMLP
        sage: from sage_neuro.invariants.subnetwork_check import singularity_summary
        sage: S = singularity_summary(LinearNetwork([3, 2, 2, 3]))
        sage: S['sing_components'], S['sing_vs_subnetworks'], S['fiber_is_orbit']
        (1, 'equal (modular)', 'yes (dim 8, 1 comp.; exact_random)')
        sage: singularity_summary(PolynomialMLP([3, 2, 1]))['fiber_is_orbit']
        'no (dim 3, 1 comp.; proved)'
    """
    from sage_neuro.m2 import M2TimeoutError
    from sage_neuro.invariants.identifiability import check_generic_fiber_is_orbit
    if net.num_parameters() > max_parameters:
        msg = "skipped (> %d parameters)" % max_parameters
        return {"sing_components": msg, "sing_vs_subnetworks": msg, "fiber_is_orbit": msg}
    out = {}
    try:
        C = check_singularities_are_subnetworks(net, method="auto", timeout=timeout)
        out["sing_components"] = len(C.singular_components)
        out["sing_vs_subnetworks"] = "%s (%s)" % (C.relation(), C.method)
    except M2TimeoutError:
        out["sing_components"] = out["sing_vs_subnetworks"] = "timeout"
    except Exception as exc:  # one column of the atlas; the table goes on
        out["sing_components"] = out["sing_vs_subnetworks"] = "error: %s" % type(exc).__name__
    try:
        # the implicit ideal that proves the generic fiber dimension is
        # usually at hand already (the singular locus used it)
        try:
            R = check_generic_fiber_is_orbit(net, timeout=timeout, prove=True)
        except M2TimeoutError:
            R = check_generic_fiber_is_orbit(net, timeout=timeout)
        out["fiber_is_orbit"] = "%s (dim %s, %s comp.; %s)" % (
            {True: "yes", False: "no", None: "undecided"}[R.is_orbit], R.fiber_dimension,
            R.fiber_components, R.method)
    except M2TimeoutError:
        out["fiber_is_orbit"] = "timeout"
    except Exception as exc:
        out["fiber_is_orbit"] = "error: %s" % type(exc).__name__
    return out



class ModularSubnetworkCheck:
    r"""
    The result of :func:`check_singularities_modular`: the multiplicity of
    the neuromanifold at random points of each proper subnetwork image.

    Attributes: ``net``, ``images`` (triples ``(label, dimension,
    multiplicity)``, the multiplicity a
    :class:`~sage_neuro.invariants.multiplicity.LocalMultiplicity` at a
    random point of the image, ``None`` for an image whose point was not
    counted because an earlier one already decided the verdict),
    ``seeds``, ``prime``, ``seconds``, ``method`` (``'modular'``).

    The inclusion ``Sing(M) \supseteq`` subnetworks is decided: ``Sing(M)``
    is closed, so a subnetwork image lies in it iff its random point is
    singular (multiplicity ``> 1``), and a random point of multiplicity
    ``1`` is a smooth point of ``M``. The other inclusion is not examined
    (:meth:`singular_contained_in_subnetworks` is ``None``): the verdict
    on the conjecture is decided only when some subnetwork image is smooth.

    EXAMPLES::

        sage: from sage_neuro import PolynomialCNN
        sage: from sage_neuro.invariants.subnetwork_check import check_singularities_modular
        sage: C = check_singularities_modular(PolynomialCNN([2, 2])); C
        Singular locus vs subnetworks of PolynomialCNN([2, 2]) by multiplicities mod 32003: the subnetwork images are not all singular ...
          PolynomialCNN([1, 2]) (last tap of filter 1 zero) (dim 2): multiplicity 1 at a random point (smooth)
          ...
        sage: C.relation(), C.singular_contained_in_subnetworks()
        ('not all subnetworks in Sing', None)
    """

    def __init__(self, net, images, seeds, prime, seconds):
        self.net, self.images, self.seeds, self.prime = net, images, tuple(seeds), prime
        self.seconds = seconds
        self.method = "modular"

    def singular_contains_subnetworks(self):
        r"""
        Return whether every proper subnetwork image lies in ``Sing(M)``
        (multiplicity ``> 1`` at its random point).

        EXAMPLES::

            sage: from sage_neuro import LinearNetwork
            sage: from sage_neuro.invariants.subnetwork_check import check_singularities_modular
            sage: check_singularities_modular(LinearNetwork([3, 2, 2, 3])).singular_contains_subnetworks()
            True
        """
        return all(m is not None and m.value > 1 for _, _, m in self.images)

    def singular_contained_in_subnetworks(self):
        r"""
        Return ``None``: this route does not examine whether ``Sing(M)``
        lies in the subnetwork images.

        EXAMPLES::

            sage: from sage_neuro import LinearNetwork
            sage: from sage_neuro.invariants.subnetwork_check import check_singularities_modular
            sage: check_singularities_modular(LinearNetwork([3, 2, 3])).singular_contained_in_subnetworks() is None
            True
        """
        return None

    def relation(self):
        r"""
        Return ``'not all subnetworks in Sing'`` when a subnetwork image
        has a smooth random point (the conjecture fails), else ``None``
        (undecided: every subnetwork image is singular, the other inclusion
        is not examined).

        EXAMPLES::

            sage: from sage_neuro import PolynomialMLP
            sage: from sage_neuro.invariants.subnetwork_check import check_singularities_modular
            sage: check_singularities_modular(PolynomialMLP([2, 2, 1])).relation()
            'not all subnetworks in Sing'
        """
        return None if self.singular_contains_subnetworks() else "not all subnetworks in Sing"

    def certificate(self):
        r"""
        Return a one-line summary of the multiplicities found.

        EXAMPLES::

            sage: from sage_neuro import LinearNetwork
            sage: from sage_neuro.invariants.subnetwork_check import check_singularities_modular
            sage: check_singularities_modular(LinearNetwork([3, 2, 3])).certificate()
            'multiplicity at a random point mod 32003, seeds (1, 2): LinearNetwork([3, 1, 3]) (dim 5) 2; zero network (dim 0) 3'
        """
        return "multiplicity at a random point mod %d, seeds %s: %s" % (
            self.prime, self.seeds, "; ".join(
                "%s (dim %s) %s" % (l, d, "not counted" if m is None else m.value)
                for l, d, m in self.images))

    def __repr__(self):
        rel = self.relation()
        out = ["Singular locus vs subnetworks of %r by multiplicities mod %d: %s  [modular; %.2f s]"
               % (self.net, self.prime,
                  "the subnetwork images are not all singular (the conjecture fails)" if rel else
                  "every subnetwork image is singular; Sing inside subnetworks not examined",
                  self.seconds)]
        for l, d, m in self.images:
            out.append("  %s (dim %s): %s" % (
                l, d, "not counted" if m is None else "multiplicity %s at a random point (%s)"
                % (m.value, "singular" if m.value > 1 else "smooth")))
        return "\n".join(out)


def check_singularities_modular(net, seed=1, seeds=(1, 2), depth=3, stop_at_smooth=True):
    r"""
    Test the inclusion ``Sing(M) \supseteq`` subnetworks at random points:
    the multiplicity of ``M`` (counted from the parametrization mod ``p``,
    :func:`~sage_neuro.invariants.multiplicity.local_multiplicity`) at a
    random rational point of each proper subnetwork image and at the zero
    function. Needs neither the implicit ideal nor the subnetwork ideals:
    the subnetworks are the parameter subspaces of
    :func:`subnetwork_embeddings` (followed ``depth`` levels down while an
    image has the full dimension, as in :func:`subnetwork_images`), their
    dimensions Jacobian ranks mod ``JACOBIAN_PRIME``.

    INPUT:

    - ``net`` -- an architecture
    - ``seed`` -- seed of the random points of the images
    - ``seeds`` -- seeds of the multiplicity counts (all must agree)
    - ``depth`` -- how many neurons/taps may be removed in a row
    - ``stop_at_smooth`` -- (default ``True``) stop counting at the first
      smooth image (it decides the verdict)

    OUTPUT: a :class:`ModularSubnetworkCheck`

    EXAMPLES::

        sage: from sage_neuro import PolynomialMLP
        sage: from sage_neuro.invariants.subnetwork_check import check_singularities_modular
        sage: C = check_singularities_modular(PolynomialMLP([2, 2, 2], activation=3))
        sage: [(l, d, m.value) for l, d, m in C.images], C.relation()
        ([('PolynomialMLP([2, 1, 2], activation=3)', 3, 3), ('zero network', 0, 6)], None)
        sage: check_singularities_modular(PolynomialMLP([2, 2, 2]), depth=0)
        Traceback (most recent call last):
        ...
        ValueError: depth must be an integer >= 1, not 0
    """
    import random
    from sage_neuro.architectures.base import Architecture
    from sage_neuro.constants import JACOBIAN_PRIME
    from sage_neuro.invariants.dimension import jacobian_at
    from sage_neuro.invariants.multiplicity import local_multiplicity
    from sage_neuro.validation import check_positive_int
    if not isinstance(net, Architecture):
        raise TypeError("net must be an Architecture (e.g. LinearNetwork([4, 2, 3])), not %r" % (net,))
    depth = check_positive_int(depth, "depth")
    d = net.neuromanifold().dimension()
    K = GF(JACOBIAN_PRIME)
    rng = random.Random(int(seed))

    def measure(total):
        # the image's dimension: Jacobian rank of mu o phi at a random
        # point mod p (phi is linear: chain rule)
        S = total[0].parent()
        dphi = matrix(K, [[K(g.monomial_coefficient(v)) if g != 0 else K(0)
                           for v in S.gens()] for g in total])
        pt = list(dphi * vector(K, [rng.randint(1, JACOBIAN_PRIME - 1) for _ in range(S.ngens())]))
        return Integer((jacobian_at(net, pt, K) * dphi).rank()), None
    with stopwatch() as t:
        found = [(label, dim, total)
                 for label, _, total, _, dim, _ in proper_subnetworks(net, measure, depth)]
        images = []
        decided = False
        for label, dim, total in found:
            if decided:
                images.append((label, dim, None))
                continue
            S = total[0].parent()
            th = [QQ(rng.choice([k for k in range(-99, 100) if k])) for _ in range(S.ngens())]
            full = [QQ(g(*th)) if g != 0 else QQ(0) for g in total]
            m = local_multiplicity(net, full, seeds=seeds)
            images.append((label, dim, m))
            decided = stop_at_smooth and m.value <= 1
        if not any(l == "zero network" for l, _, _ in images) and d > 0:
            m = None if decided else local_multiplicity(net, [QQ(0)] * int(net.num_parameters()),
                                                        seeds=seeds)
            images.append(("zero network", Integer(0), m))
    return ModularSubnetworkCheck(net, images, seeds, SLICE_PRIME, t[0])
