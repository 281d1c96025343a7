r"""
Counts on models of the neuromanifold.

Several neuromanifolds are linearly isomorphic or birational to a variety with simpler
equations than the image of the parameters: the Hilbert-scheme model of
the hidden neurons of shallow MLPs (:mod:`~sage_neuro.invariants.mlp_hilbert`),
the subspace model of MLPs with a narrow first layer
(:mod:`~sage_neuro.invariants.mlp_subspace`),
the Segre, shared-factor and determinantal models of one layer of
attention (:mod:`~sage_neuro.invariants.attention_segre`,
:mod:`~sage_neuro.invariants.attention_factor`,
:mod:`~sage_neuro.invariants.attention_determinantal`). Each comes with a
certificate that it *is* a model of the network (an identity and the rank
of a linear map, over ``QQ``), and with systems over ``GF(p)`` whose
numbers of solutions are the degree or the ED degree. This module is the
one skeleton they share: check the certificate, count the systems of every
seed with msolve side by side, require the seeds to agree, and return the
record.

EXAMPLES::

    sage: from sage_neuro import PolynomialMLP
    sage: from sage_neuro.invariants.mlp_hilbert import hilbert_count
    sage: hilbert_count(PolynomialMLP([2, 2, 3], activation=2), 'degree')
    degree = 3  [modular: p = 32003, seeds (1, 2); ... s]
"""

from sage.rings.rational_field import QQ

from sage_neuro.provenance import Provenance, stopwatch

#: how many random rational points a model certificate tries before it
#: reports a rank below the number of unknowns: a rank at one point is a
#: lower bound for the generic rank, so a point where it drops is drawn again
MODEL_POINT_DRAWS = 3


def model_point(rng, k):
    r"""
    Return ``k`` random nonzero integers of absolute value at most 9, as
    rationals: a point of a model certificate (a zero weight can kill a
    whole output, e.g. of a deep narrow MLP, and drop a rank there).

    INPUT:

    - ``rng`` -- a ``random.Random``
    - ``k`` -- the number of coordinates

    OUTPUT: a list of ``k`` elements of ``QQ``

    EXAMPLES::

        sage: import random
        sage: from sage_neuro.invariants.model_counts import model_point
        sage: x = model_point(random.Random("a model point"), 50)
        sage: len(x), 0 in x, max(abs(v) for v in x) <= 9, x[0].parent()
        (50, False, True, Rational Field)
    """
    return [QQ(rng.choice((-1, 1)) * rng.randint(1, 9)) for _ in range(k)]


class LinearModelCertificate:
    r"""
    The verdict that a model ``psi`` of a network is linearly isomorphic to
    its neuromanifold: ``mu = L o psi`` identically (substitution over
    ``QQ``) and the linear map ``L`` is injective on the span of the
    products ``psi`` lives in (its rank over ``QQ``). The Segre,
    shared-factor and determinantal models of attention are certified this
    way (:func:`linear_model_certificate`).

    Attributes: ``net``, ``name`` (e.g. ``'Segre model'``), ``identity``,
    ``rank`` (of ``L``), ``dimension`` (of the span ``L`` must be injective
    on), ``holds`` (both checks pass), ``provenance`` (``'proved'``, or
    ``None`` when it does not hold).

    EXAMPLES::

        sage: from sage_neuro import LightningSelfAttention
        sage: from sage_neuro.invariants.attention_segre import segre_model_certificate
        sage: C = segre_model_certificate(LightningSelfAttention(2, 1, 1, 3))
        sage: C.holds, C.identity, C.rank, C.dimension, C.provenance.method
        (True, True, 6, 6, 'proved')
    """

    def __init__(self, net, name, identity, rank, dimension, seconds, route, certificate, shape,
                 formula="L o psi", note=""):
        from sage.rings.integer import Integer
        self.net, self.name, self.identity = net, name, bool(identity)
        self.rank, self.dimension = Integer(rank), Integer(dimension)
        self.holds = self.identity and self.rank == self.dimension
        self._shape, self._formula, self._note = shape, formula, note
        self.provenance = None
        if self.holds:
            self.provenance = Provenance(name.replace(" ", "_").replace("-", "_"), True, "proved",
                                         seconds=seconds, route=route, certificate=certificate)

    def __repr__(self):
        note = "; %s" % self._note if self._note else ""
        if self.holds:
            return "%s of %r: holds (L has rank %s = %s%s)" % (self.name, self.net, self.rank,
                                                               self._shape, note)
        return "%s of %r: does not hold (%s)" % (
            self.name, self.net, "mu is not %s" % self._formula if not self.identity else
            "L has rank %s < %s = %s: not injective" % (self.rank, self.dimension, self._shape))


def monomial_activation_reason(net, model, exponent=None):
    r"""
    Return ``None`` if the network ``net`` (a ``PolynomialMLP``) has the
    activation ``c t^r`` with ``r >= 2`` (or ``r = exponent``), no bias and
    no skip connections, the hypotheses every model of an MLP with a
    monomial activation shares; else the reason, naming ``model``.

    INPUT:

    - ``net`` -- a ``PolynomialMLP``
    - ``model`` -- the model's name, e.g. ``'product model'``
    - ``exponent`` -- (default ``None``: any ``r >= 2``) the exponent the
      model needs

    OUTPUT: ``None`` or a string

    EXAMPLES::

        sage: from sage_neuro import PolynomialMLP
        sage: from sage_neuro.invariants.model_counts import monomial_activation_reason
        sage: monomial_activation_reason(PolynomialMLP([2, 2, 1], activation=3), 'power model') is None
        True
        sage: monomial_activation_reason(PolynomialMLP([2, 2, 1], activation=3), 'product model', 2)
        'the product model needs a monomial activation c t^2, not t^3'
        sage: R.<t> = QQ[]
        sage: monomial_activation_reason(PolynomialMLP([2, 2, 1], activation=t^2 + t), 'power model')
        'the power model needs a monomial activation c t^r with r >= 2, not t^2 + t'
        sage: monomial_activation_reason(PolynomialMLP([2, 2, 1], bias=True), 'power model')
        'the power model needs a network without bias or skip connections'
    """
    sigma = net.activation()
    r = sigma.degree()
    if not net.has_monomial_activation() or (r < 2 if exponent is None else r != exponent):
        return "the %s needs a monomial activation %s, not %s" % (
            model, "c t^r with r >= 2" if exponent is None else "c t^%s" % exponent, sigma)
    if net.has_bias() or net.skip_layers():
        return "the %s needs a network without bias or skip connections" % model
    return None


def linear_model_certificate(net, name, R, Phi, images, products, route, certificate, shape,
                             formula="L o psi", note="", dimension=None):
    r"""
    Return the :class:`LinearModelCertificate` of a model with ring ``R``
    and coordinates ``Phi`` (elements of ``R``, in the order of the
    network's coordinates): ``identity`` is whether substituting
    ``images`` (polynomials in the parameters, one per generator of ``R``)
    into ``Phi`` gives the coordinate functions of ``mu``; ``rank`` is the
    rank over ``QQ`` of the coefficients of ``Phi`` on ``products`` (the
    matrix of ``L``), to be compared with ``dimension``.

    INPUT:

    - ``net`` -- the network
    - ``name`` -- the model's name, e.g. ``'Segre model'``
    - ``R``, ``Phi`` -- the model's ring over ``QQ`` and coordinates
    - ``images`` -- the parameter polynomials the generators of ``R`` stand for
    - ``products`` -- the monomials of ``R`` that ``Phi`` is linear in
    - ``route``, ``certificate`` -- the texts of the provenance record (``%(rank)s``
      in ``certificate`` becomes the rank)
    - ``shape`` -- how ``len(products)`` is made up, for the verdict
    - ``formula``, ``note`` -- what ``mu`` must equal, and a remark on the
      model, for the verdict
    - ``dimension`` -- (default ``len(products)``) the rank ``L`` needs to
      be injective where the model lives (smaller than ``len(products)``
      when ``Phi`` only sees a quotient of their span)

    OUTPUT: a :class:`LinearModelCertificate`

    EXAMPLES::

        sage: from sage_neuro import LinearNetwork
        sage: from sage_neuro.invariants.model_counts import linear_model_certificate
        sage: net = LinearNetwork([2, 1, 1])     # mu = (v w0, v w1): the model m -> m
        sage: R.<m0, m1> = QQ[]
        sage: P = net.parameter_ring(); w0, w1, v = P.gens()
        sage: linear_model_certificate(net, 'product model', R, [m0, m1], [w0 * v, w1 * v],
        ....:                          [m0, m1], 'substitution', 'rank 2', '2')
        product model of LinearNetwork([2, 1, 1]): holds (L has rank 2 = 2)
        sage: linear_model_certificate(net, 'product model', R, [m0, m0], [w0 * v, w1 * v],
        ....:                          [m0, m1], 'substitution', 'rank 1', '2')
        product model of LinearNetwork([2, 1, 1]): does not hold (mu is not L o psi)
    """
    from sage.matrix.constructor import matrix
    from sage.rings.rational_field import QQ
    with stopwatch() as seconds:
        P = net.parameter_ring()
        psi = R.hom([P(x) for x in images], P)
        identity = all(psi(f) == m for f, m in zip(Phi, net.coordinate_functions()))
        rank = matrix(QQ, [[f.monomial_coefficient(m) for m in products] for f in Phi]).rank()
    if dimension is None:
        dimension = len(products)
    return LinearModelCertificate(net, name, identity, rank, dimension, seconds[0], route,
                                  certificate % {"rank": rank}, shape, formula=formula, note=note)


def distance_to_random_data(Phi, label, prime):
    r"""
    Return ``(distance, rng)``: the squared distance ``sum_i (Phi_i -
    u_i)^2`` from random data ``u`` over ``GF(prime)``, drawn from
    ``random.Random(label)``, and that generator (for further random
    choices of the same system). The ED critical systems of the models
    are the partial derivatives of this distance, plus the model's own
    equations; the label names the model and the seed, so that each model
    draws its own data.

    INPUT:

    - ``Phi`` -- the coordinates of a model, polynomials over ``GF(prime)``
    - ``label`` -- a string, e.g. ``'Hilbert ED data 1'``
    - ``prime`` -- the prime

    OUTPUT: a pair (polynomial, ``random.Random``)

    EXAMPLES::

        sage: from sage_neuro.invariants.model_counts import distance_to_random_data
        sage: R.<x, y> = GF(101)[]
        sage: distance, rng = distance_to_random_data([x, x * y], 'example 1', 101)
        sage: distance == distance_to_random_data([x, x * y], 'example 1', 101)[0]
        True
        sage: distance.degree(), [distance.derivative(v).degree() for v in (x, y)]
        (4, [3, 3])
    """
    import random
    from sage.rings.finite_rings.finite_field_constructor import GF
    K = GF(prime)
    rng = random.Random(label)
    data = [K(rng.randrange(prime)) for _ in Phi]
    return sum((f - u) ** 2 for f, u in zip(Phi, data)), rng


def formula_record(net, certify, formula, route, label, choice=""):
    r"""
    Return the ``'proved'`` :class:`~sage_neuro.provenance.Provenance` of
    a degree given by a closed formula for a model of the neuromanifold:
    the model's certificate ``certify(net)`` must hold, then ``formula()``
    is the value.

    INPUT:

    - ``net`` -- an architecture
    - ``certify`` -- a function of ``net`` returning a certificate with
      ``holds`` and ``provenance`` (e.g. a :class:`LinearModelCertificate`)
    - ``formula`` -- a function of no argument returning the degree
    - ``route`` -- the route, naming the formula
    - ``label`` -- the model's name, in front of its certificate
    - ``choice`` -- (default ``''``) why this route was taken, for the note

    OUTPUT: a ``Provenance`` record; ``ArithmeticError`` when the
    certificate does not hold

    EXAMPLES::

        sage: from sage_neuro import LightningSelfAttention
        sage: from sage_neuro.invariants.model_counts import formula_record
        sage: from sage_neuro.invariants.attention_determinantal import determinantal_model_certificate
        sage: formula_record(LightningSelfAttention(2, 2, 1, 2), determinantal_model_certificate,
        ....:                lambda: 4, 'binom(4, 1)', 'determinantal model')
        degree = 4  [proved; ... s]
        sage: formula_record(LightningSelfAttention(2, 2, 1, 1), determinantal_model_certificate,
        ....:                lambda: 4, 'binom(4, 1)', 'determinantal model')
        Traceback (most recent call last):
        ...
        ArithmeticError: not computed: determinantal model of LightningSelfAttention(d=2, a=2, d_out=1, t=1): does not hold (...)
    """
    with stopwatch() as seconds:
        C = certify(net)
        if not C.holds:
            raise ArithmeticError("not computed: %r" % (C,))
        value = formula()
    return Provenance("degree", value, "proved", seconds=seconds[0], route=route,
                      certificate="%s: %s" % (label, C.provenance.certificate), note=choice)


def count_on_model(model, build, seeds, fiber=None, timeout=None, count="model count"):
    r"""
    Return ``(value, pairs)``: the number of solutions of the system
    ``build(seed)`` divided by that of ``fiber(seed)`` (``None``: fibers of
    one point), the same for every seed, once the certificate ``model`` of
    the model the systems live on holds. All systems are solved by msolve
    side by side (:func:`~sage_neuro.invariants.msolve.count_solutions`).

    This is the one skeleton of the model routes (the Hilbert-scheme model
    of shallow MLPs, the Segre and determinantal models of attention):
    a count on a model is only as good as the proof that the model is the
    neuromanifold, so the proof is checked first.

    INPUT:

    - ``model`` -- a certificate with an attribute ``holds`` (e.g.
      :func:`~sage_neuro.invariants.mlp_hilbert.hilbert_model_certificate`)
    - ``build`` -- a function of a seed returning a zero-dimensional system
      over ``GF(p)``
    - ``seeds`` -- the seeds, one system each
    - ``fiber`` -- (default ``None``) a function of a seed returning the
      system of a generic fiber, or ``None``
    - ``timeout`` -- seconds for the msolve processes (``TimeoutError``)
    - ``count`` -- what the systems count, for the error messages

    OUTPUT: a pair ``(value, pairs)``, ``pairs`` the list of ``(points,
    fiber points)`` per seed; ``ArithmeticError`` when the model does not
    hold, :class:`~sage_neuro.invariants.slicing.DegenerateDraw` when a
    fiber count does not divide its count or two seeds disagree

    EXAMPLES::

        sage: from sage_neuro import PolynomialMLP, LightningSelfAttention
        sage: from sage_neuro.invariants.model_counts import count_on_model
        sage: from sage_neuro.invariants.mlp_hilbert import (hilbert_model_certificate,
        ....:                                                hilbert_degree_system)
        sage: net = PolynomialMLP([2, 2, 3], activation=2)
        sage: count_on_model(hilbert_model_certificate(net),
        ....:                lambda s: hilbert_degree_system(net, seed=s), (1, 2))
        (3, [(3, 1), (3, 1)])
        sage: net.neuromanifold().degree()
        3

    A model that does not hold is refused before anything is counted (one
    token: the linear map of the Segre model is not injective)::

        sage: from sage_neuro.invariants.attention_segre import segre_model_certificate
        sage: count_on_model(segre_model_certificate(LightningSelfAttention(3, 1, 1, 1)),
        ....:                None, (1,))
        Traceback (most recent call last):
        ...
        ArithmeticError: not counted: Segre model of LightningSelfAttention(d=3, a=1, d_out=1, t=1): does not hold ...
    """
    from sage_neuro.invariants.msolve import count_solutions
    from sage_neuro.invariants.slicing import agreed_value
    if not model.holds:
        raise ArithmeticError("not counted: %r" % (model,))
    seeds = tuple(int(s) for s in seeds)
    systems = [build(s) for s in seeds]
    if fiber is not None:
        systems += [fiber(s) for s in seeds]
    counts = count_solutions(systems, timeout=timeout)
    if fiber is None:
        pairs = [(c, 1) for c in counts]
    else:
        pairs = list(zip(counts[:len(seeds)], counts[len(seeds):]))
    return agreed_value(seeds, pairs, count=count)


def model_count(net, invariant, name, certify, systems, seeds, prime, timeout=None, route=None,
                choices=None, fiber=None):
    r"""
    Return the :class:`~sage_neuro.provenance.Provenance` of ``invariant``
    of the neuromanifold of ``net`` counted on a model: the certificate
    ``certify(net)`` first, then the systems ``systems[invariant](net,
    seed=s, prime=prime)`` of every seed (divided by ``fiber(net, seed=s,
    prime=prime)`` when given), solved by msolve side by side
    (:func:`count_on_model`).

    INPUT:

    - ``net`` -- an architecture the model applies to (the caller checks)
    - ``invariant`` -- a key of ``systems``
    - ``name`` -- the model's name, e.g. ``'Hilbert-scheme model'``
    - ``certify`` -- a function of ``net`` returning the model's
      certificate (attributes ``holds`` and ``provenance``)
    - ``systems`` -- a dictionary from invariants to functions ``(net,
      seed, prime)`` returning a system over ``GF(prime)``
    - ``seeds`` -- the seeds, one system each
    - ``prime`` -- a prime ``< 2^31``
    - ``timeout`` -- seconds for the msolve processes (``TimeoutError``)
    - ``route``, ``choices`` -- dictionaries from invariants to the texts
      of the record (default: the equations on the model; data or section
      per seed)
    - ``fiber`` -- ``None`` or a function ``(net, seed, prime)`` returning
      the system of a generic fiber of the model's parametrization

    OUTPUT: a ``Provenance`` record (``'modular'``); ``ValueError`` for an
    invariant without system or without msolve

    EXAMPLES::

        sage: from sage_neuro import PolynomialMLP
        sage: from sage_neuro.invariants.model_counts import model_count
        sage: from sage_neuro.invariants.mlp_hilbert import (hilbert_model_certificate,
        ....:                                                hilbert_degree_system)
        sage: net = PolynomialMLP([2, 2, 3], activation=2)
        sage: P = model_count(net, 'degree', 'Hilbert-scheme model', hilbert_model_certificate,
        ....:                 {'degree': hilbert_degree_system}, (1, 2), 32003); P
        degree = 3  [modular: p = 32003, seeds (1, 2); ... s]
        sage: P.route, P.note
        ('a random affine-linear section on the Hilbert-scheme model', 'points per seed: [3, 3]')
        sage: model_count(net, 'ed_degree', 'Hilbert-scheme model', hilbert_model_certificate,
        ....:             {'degree': hilbert_degree_system}, (1, 2), 32003)
        Traceback (most recent call last):
        ...
        ValueError: invariant must be 'degree', not 'ed_degree'
    """
    from sage_neuro.invariants.msolve import msolve_program
    if invariant not in systems:
        raise ValueError("invariant must be %s, not %r"
                         % (" or ".join(repr(k) for k in systems), invariant))
    if msolve_program() is None:
        raise ValueError("the %s is counted by msolve, which is not installed" % name)
    seeds = tuple(int(s) for s in seeds)
    build = systems[invariant]
    with stopwatch() as seconds:
        model = certify(net)
        value, pairs = count_on_model(
            model, lambda s: build(net, seed=s, prime=prime), seeds,
            fiber=None if fiber is None else (lambda s: fiber(net, seed=s, prime=prime)),
            timeout=timeout, count="%s %s count" % (name, invariant))
    ed = invariant == "ed_degree"
    default_route = "%s on the %s" % ("critical equations" if ed else
                                      "a random affine-linear section", name)
    default_choices = "per seed: %s mod p" % ("data" if ed else "the section")
    if fiber is None:
        note = "points per seed: %s" % [a for a, _ in pairs]
    else:
        note = "(points, fiber points) per seed: %s" % pairs
    return Provenance(invariant, value, "modular", primes=(prime,), seeds=seeds,
                      seconds=seconds[0],
                      route=(route or {}).get(invariant, default_route),
                      choices=(choices or {}).get(invariant, default_choices),
                      certificate="%s: %s" % (name, model.provenance.certificate),
                      note=note)
