r"""
Critical points of the loss in parameter space: true ones and the spurious
ones caused by ``mu``.

The parameter critical points of ``L(theta) = ||mu(theta) - u||^2`` are the
zeros of ``grad L = 2 J^T (mu - u)``. Those where ``J`` has full rank map to
critical points of the distance on the smooth part of ``M`` (the *true*
ones, counted by
:func:`~sage_neuro.optimization.critical_points.loss_critical_points`); the
others lie in the critical locus ``Crit(mu)`` where ``J`` drops rank, and
are critical for ``L`` only because of the parametrization (*spurious*: for
example a dead neuron, ``w = 0``, makes the whole gradient vanish whatever
the data). Here the ideal of ``grad L`` is split exactly over ``QQ`` into
its minimal primes (Singular); a prime is spurious when it contains the
ideal of a component of ``Crit(mu)``
(:meth:`~sage_neuro.architectures.base.Architecture.jacobian_rank_drop_locus`),
and its image in function space (by elimination) is flagged when it lies
in the singular locus of ``M`` (:meth:`~sage_neuro.neuromanifold.Neuromanifold.singular_locus`).
Small cases only: the primary decomposition is over the full parameter
ring.

The *type in parameter space* of a real critical point with a real
preimage ``theta`` is read from the Hessian
``2 (J^T J + sum_k (mu_k - u_k) Hess mu_k)`` at ``theta``: it has (at
least) ``N - rank J`` zero eigenvalues along the fiber; the type is that of
the others (``'local min'``, ``'saddle'``, ``'local max'``), or
``'degenerate'`` when more eigenvalues vanish.

EXAMPLES::

    sage: from sage_neuro import PolynomialMLP
    sage: from sage_neuro.optimization.spurious import parameter_critical_locus
    sage: L = parameter_critical_locus(PolynomialMLP([2, 1, 1]), [10, 1, 9])
    sage: [(c.dimension, c.image_dimension, c.maps_to_singular) for c in L.spurious]
    [(1, 0, True), (1, 0, True)]
    sage: len(L.true), L.true_image_points
    (1, 4)
"""

import time

import numpy

from sage.rings.polynomial.polynomial_ring_constructor import PolynomialRing
from sage.rings.rational_field import QQ

from sage_neuro.provenance import Provenance, weakest
from sage_neuro.validation import check_point

#: relative tolerance for zero Hessian eigenvalues
TOLERANCE = 1e-8


class CriticalComponent:
    r"""
    One irreducible component (over ``QQ``) of the parameter critical points
    of the ED loss.

    Attributes: ``ideal`` (a prime ideal of the parameter ring),
    ``dimension``, ``image_ideal`` (the ideal of the closure of its image
    in function space), ``image_dimension``, ``image_degree`` (number of
    image points when ``image_dimension == 0``), ``spurious`` (it lies in
    ``Crit(mu)``), ``maps_to_singular`` (its image lies in the singular
    locus of ``M``).

    EXAMPLES::

        sage: from sage_neuro import LinearNetwork
        sage: from sage_neuro.optimization.spurious import parameter_critical_locus
        sage: L = parameter_critical_locus(LinearNetwork([2, 1, 2]), [3, 1, 2, 5])
        sage: L.spurious[0]
        spurious critical component of dimension 0 mapping to a point (singular point of M)
    """

    def __init__(self, ideal, dimension, image_ideal, image_dimension, image_degree, spurious,
                 maps_to_singular):
        self.ideal = ideal
        self.dimension = int(dimension)
        self.image_ideal = image_ideal
        self.image_dimension = int(image_dimension)
        self.image_degree = int(image_degree)
        self.spurious = bool(spurious)
        self.maps_to_singular = bool(maps_to_singular)

    def __repr__(self):
        img = ("a point" if self.image_degree == 1 else "%d points" % self.image_degree) \
            if self.image_dimension == 0 else "a variety of dimension %d" % self.image_dimension
        return "%s critical component of dimension %d mapping to %s%s" % (
            "spurious" if self.spurious else "true", self.dimension, img,
            " (singular point%s of M)" % ("" if self.image_dimension == 0 and self.image_degree == 1
                                          else "s") if self.maps_to_singular else "")


class ParameterCriticalLocus:
    r"""
    The critical points of the ED loss in parameter space, split into true
    and spurious components: returned by :func:`parameter_critical_locus`.

    Attributes: ``components``, ``true``, ``spurious`` (lists of
    :class:`CriticalComponent`; components are irreducible over ``QQ``, so
    one may carry several conjugate function-space points), ``true_image_points`` (number of distinct
    function-space points of the true components, when all map to points),
    ``target``, ``provenance``.

    EXAMPLES::

        sage: from sage_neuro import LinearNetwork
        sage: from sage_neuro.optimization.spurious import parameter_critical_locus
        sage: parameter_critical_locus(LinearNetwork([2, 1, 2]), [3, 1, 2, 5])
        Critical points of the loss in parameter space: 1 true components (2 function-space points), 1 spurious (1 mapping to singular points of M) [proved...]
    """

    def __init__(self, components, target, provenance):
        self.components = components
        self.true = [c for c in components if not c.spurious]
        self.spurious = [c for c in components if c.spurious]
        self.target = tuple(target)
        self.provenance = provenance
        if all(c.image_dimension == 0 for c in self.true):
            self.true_image_points = sum(c.image_degree for c in self.true)
        else:
            self.true_image_points = None

    def __repr__(self):
        return ("Critical points of the loss in parameter space: %d true components (%s "
                "function-space points), %d spurious (%d mapping to singular points of M) [%s]"
                % (len(self.true), self.true_image_points, len(self.spurious),
                   sum(1 for c in self.spurious if c.maps_to_singular), self.provenance.summary()))


def parameter_critical_locus(net, target, timeout=None):
    r"""
    Return the components of the critical points of the ED loss
    ``||mu(theta) - target||^2`` in parameter space, exactly over ``QQ``,
    each marked true or spurious and with its image in function space (see
    the module documentation). The provenance is ``'proved'`` unless the
    singular locus of ``M`` used for ``maps_to_singular`` is weaker
    (e.g. ``'modular'`` from the candidates route); then it is that.

    INPUT:

    - ``net`` -- an architecture (small: the decomposition is over the full
      parameter ring)
    - ``target`` -- a rational point of the function space
    - ``timeout`` -- seconds for the Macaulay2 computations (critical locus
      of ``mu``, singular locus of ``M``)

    OUTPUT: a :class:`ParameterCriticalLocus`

    EXAMPLES:

    For Kohn's example, the true critical points form one component
    over ``QQ`` (the rescaling orbits over the 4 critical points, which are
    conjugate over ``QQ``); the spurious ones are ``a = b = 0`` and
    ``w = 0, (a, b) isotropic for u``; both map to the vertex::

        sage: from sage_neuro import PolynomialMLP
        sage: from sage_neuro.optimization.spurious import parameter_critical_locus
        sage: L = parameter_critical_locus(PolynomialMLP([2, 1, 1]), [3, 1, 2])
        sage: sorted(sorted(str(g) for g in c.ideal.gens()) for c in L.spurious)
        [['3*w1_0_0^2 + 2*w1_0_0*w1_0_1 + 2*w1_0_1^2', 'w2_0_0'], ['w1_0_0', 'w1_0_1']]
    """
    t0 = time.time()
    n = int(net.ambient_dimension())
    u = [QQ(x) for x in check_point(target, n, name="target")]
    P = net.parameter_ring()
    F = net.coordinate_functions()
    gens = P.gens()
    grad = [sum(f.derivative(g) * (f - c) for f, c in zip(F, u)) for g in gens]
    I = P.ideal(grad)
    primes = I.minimal_associated_primes()
    drops = [c.ideal() for c in net.jacobian_rank_drop_locus(timeout=timeout)]
    M = net.neuromanifold()
    sing = [S.ideal() for S in M.singular_locus(timeout=timeout)]
    C = M.ideal().ring()
    # the graph of mu, to eliminate the parameters
    names = [str(g) for g in gens] + [str(c) for c in C.gens()]
    G = PolynomialRing(QQ, names, order="degrevlex")
    toG = P.hom(G.gens()[:len(gens)], G)
    cG = G.gens()[len(gens):]
    back = G.hom([0] * len(gens) + list(C.gens()), C)
    comps = []
    for Q in primes:
        QG = Q.groebner_basis()
        spurious = any(all(Q.reduce(g) == 0 for g in D.gens()) for D in drops)
        J = G.ideal([toG(q) for q in Q.gens()] + [cG[k] - toG(F[k]) for k in range(n)])
        E = J.elimination_ideal(G.gens()[:len(gens)])
        img = C.ideal([back(e) for e in E.gens()])
        idim = img.dimension()
        ideg = img.vector_space_dimension() if idim == 0 else 0
        on_sing = any(all(img.reduce(g) == 0 for g in S.gens()) for S in sing)
        del QG
        comps.append(CriticalComponent(Q, Q.dimension(), img, idim, ideg, spurious, on_sing))
    # the decomposition, the rank-drop locus and the images are exact over QQ
    # with no random choice; the flag 'maps to a singular point' is only as
    # certain as the singular locus it compares with
    sing_prov = M.provenance("singular_locus")
    prov = Provenance("parameter_critical_locus", len(comps), weakest("proved", sing_prov.method),
                      seconds=time.time() - t0,
                      route="minimal primes of the ideal of grad L over QQ (Singular); spurious: "
                            "containing a component of the Jacobian rank-drop locus; images by "
                            "elimination; singular: containing a component of Sing(M)",
                      certificate="minimal primes over QQ of grad L and of the rank-drop locus; "
                                  "Sing(M): %s" % sing_prov.method,
                      note="singular locus: %s" % sing_prov.summary())
    return ParameterCriticalLocus(comps, u, prov)


def parameter_hessian_eigenvalues(net, theta, target):
    r"""
    Return the sorted eigenvalues of the Hessian of
    ``L = ||mu(theta) - target||^2`` in parameter space at the real point
    ``theta``, and the rank of the Jacobian there.

    OUTPUT: a pair ``(eigenvalues, rank)``

    EXAMPLES::

        sage: from sage_neuro import LinearNetwork
        sage: from sage_neuro.optimization.spurious import parameter_hessian_eigenvalues
        sage: e, r = parameter_hessian_eigenvalues(LinearNetwork([1, 1, 1]), [2, 3], [6])
        sage: [round(x, 6) for x in e], r
        ([0.0, 26.0], 1)
    """
    from sage.rings.real_double import RDF
    theta = [RDF(x) for x in check_point(theta, net.num_parameters())]
    u = numpy.array([float(x) for x in check_point(target, net.ambient_dimension(), name="target")])
    F = net.coordinate_functions()
    gens = net.parameter_ring().gens()
    J = numpy.array([[float(f.derivative(g)(*theta)) for g in gens] for f in F])
    r = numpy.array([float(f(*theta)) for f in F]) - u
    H = J.T @ J
    for k, f in enumerate(F):
        if r[k] != 0:
            H = H + r[k] * numpy.array([[float(f.derivative(a).derivative(b)(*theta)) for b in gens]
                                        for a in gens])
    eigs = numpy.linalg.eigvalsh(2 * (H + H.T) / 2)
    sv = numpy.linalg.svd(J, compute_uv=False)
    rank = int((sv > TOLERANCE * max(1.0, sv.max() if sv.size else 1.0)).sum())
    return tuple(sorted(float(e) for e in eigs)), rank


def parameter_type(eigenvalues, fiber_dimension):
    r"""
    Return the type in parameter space from the Hessian eigenvalues, when
    ``fiber_dimension`` of them vanish along the fiber of ``mu``.

    EXAMPLES::

        sage: from sage_neuro.optimization.spurious import parameter_type
        sage: parameter_type([0.0, 1.0, 2.0], 1), parameter_type([-1.0, 0.0, 2.0], 1), parameter_type([0.0, 0.0, 2.0], 1)
        ('local min', 'saddle', 'degenerate')
    """
    e = sorted(eigenvalues, key=abs)
    scale = max([1.0] + [abs(x) for x in e])
    zero = sum(1 for x in e if abs(x) <= TOLERANCE * scale * 1e3)
    if zero > fiber_dimension:
        return "degenerate"
    rest = e[fiber_dimension:]
    if all(x > 0 for x in rest):
        return "local min"
    if all(x < 0 for x in rest):
        return "local max"
    return "saddle"


def classify_in_parameter_space(net, census):
    r"""
    Add to each real critical point of ``census`` (a
    :class:`~sage_neuro.optimization.critical_points.CriticalPointCensus`
    of the ED loss) the attributes ``parameter_hessian_eigenvalues`` and
    ``parameter_type`` (``'no real preimage'`` when the preimage on the
    slice is not real); return ``census``.

    EXAMPLES::

        sage: from sage_neuro import PolynomialMLP
        sage: from sage_neuro.optimization.spurious import classify_in_parameter_space
        sage: net = PolynomialMLP([2, 1, 1])
        sage: C = classify_in_parameter_space(net, net.loss_critical_points([10, 1, 9]))
        sage: [(P.type, P.parameter_type) for P in C.points]
        [('local min', 'local min'), ('local min', 'local min'), ('saddle', 'saddle'), ('saddle', 'saddle')]
    """
    for P in census.points:
        if not P.real_preimage:
            P.parameter_hessian_eigenvalues = None
            P.parameter_type = "no real preimage"
            continue
        theta = [z.real for z in P.parameters]
        eigs, rank = parameter_hessian_eigenvalues(net, theta, census.target)
        P.parameter_hessian_eigenvalues = eigs
        P.parameter_type = parameter_type(eigs, int(net.num_parameters()) - rank)
    return census


def _real_point_count(ideal):
    # real points of a zero-dimensional ideal over QQ (triangular
    # decomposition in Singular, then real roots)
    from sage.rings.real_mpfr import RR
    return len(ideal.variety(RR))


def critical_point_counts(net, seeds=(0, 1, 2), bound=9, timeout=None):
    r"""
    Count the true and spurious critical points of the ED loss of ``net``
    in function space, for random integer data sets, with
    :func:`parameter_critical_locus`.

    For each seed a target ``u`` with entries uniform in ``[-bound,
    bound]`` is drawn (Python's ``random.Random(seed)``). The counts per
    data set: ``true`` / ``true_real`` (distinct function-space points of
    the true components, complex and real), ``spurious_components`` (the
    components in the rank-drop locus of ``mu``, over ``QQ``),
    ``spurious`` / ``spurious_real`` (distinct function-space points of the
    spurious components that map to points; ``None`` when one maps to a
    positive-dimensional set) and ``spurious_on_singular`` (spurious
    components whose image lies in ``Sing(M)``). Distinct prime ideals of
    points have disjoint zero sets, so the points are counted by the
    degrees of the distinct image ideals; real points by the real solutions
    of each.

    INPUT:

    - ``net`` -- a small architecture (the decomposition is over the whole
      parameter ring)
    - ``seeds`` -- the seeds of the data sets
    - ``bound`` -- the range of the entries of the data
    - ``timeout`` -- seconds per Macaulay2 call

    OUTPUT: a list of dictionaries, one per seed (with the keys above,
    ``seed``, ``target`` and ``method``, the certainty of
    :func:`parameter_critical_locus`)

    EXAMPLES::

        sage: from sage_neuro import PolynomialMLP
        sage: from sage_neuro.optimization.spurious import critical_point_counts
        sage: [c] = critical_point_counts(PolynomialMLP([1, 1, 2], skip=True), seeds=[0])
        sage: c['true'], c['true_real'], c['spurious_components'], c['spurious'], c['method']
        (2, 2, 1, 1, 'proved')
        sage: critical_point_counts(PolynomialMLP([1, 1, 2]), seeds=[])
        Traceback (most recent call last):
        ...
        ValueError: seeds must be a nonempty list of integers, got []
    """
    import random as _random
    seeds = list(seeds)
    if not seeds or not all(isinstance(s, int) or hasattr(s, "is_integer") for s in seeds):
        raise ValueError("seeds must be a nonempty list of integers, got %r" % (seeds,))
    n = int(net.ambient_dimension())
    out = []
    for seed in seeds:
        rng = _random.Random(int(seed))
        u = [rng.randint(-int(bound), int(bound)) for _ in range(n)]
        L = parameter_critical_locus(net, u, timeout=timeout)
        row = {"seed": int(seed), "target": u, "method": L.provenance.method,
               "spurious_components": len(L.spurious),
               "spurious_on_singular": sum(1 for c in L.spurious if c.maps_to_singular)}
        for name, comps in (("true", L.true), ("spurious", L.spurious)):
            if any(c.image_dimension > 0 for c in comps):
                row[name] = row[name + "_real"] = None
                continue
            ideals = []
            for c in comps:
                if not any(c.image_ideal == J for J in ideals):
                    ideals.append(c.image_ideal)
            row[name] = sum(int(J.vector_space_dimension()) for J in ideals)
            row[name + "_real"] = sum(_real_point_count(J) for J in ideals)
        out.append(row)
    return out
