r"""
The registry of survey invariants and checks, and the computation of one case.

Each entry maps a name to a function ``f(net, M, timeout)`` returning a
dictionary with ``value`` and the provenance fields (``method``,
``primes``, ``seeds``, ``route``, ``seconds``), computed with the public API
(:meth:`Neuromanifold.dimension`, :meth:`Neuromanifold.degree`, ...). A
function raises :class:`Unavailable` when the method it needs does not exist
in this version of sage-neuro (the checks of other modules plug in by name:
``singularities_are_subnetworks`` calls
``net.check_singularities_are_subnetworks()`` and ``generic_fiber_is_orbit``
calls ``net.check_generic_fiber_is_orbit()`` once they exist); such rows are
stored as ``unavailable``, not as failures.

New invariants are added with :func:`register_invariant`.

EXAMPLES::

    sage: from sage_neuro.survey.invariants import SURVEY_INVARIANTS, DEFAULT_INVARIANTS
    sage: DEFAULT_INVARIANTS
    ('expected_dimension', 'dimension', 'defect')
    sage: sorted(SURVEY_INVARIANTS)
    ['critical_point_counts', 'critical_points', 'defect', 'degree', 'degree_confirmation',
     'dimension', 'dimension_confirmation', 'ed_degree', 'ed_degree_confirmation',
     'expected_dimension', 'gd_singular_fraction', 'generic_ed_degree', 'generic_fiber_is_orbit',
     'real_walls', 'singular_components', 'singularities_are_subnetworks']
"""

import platform
import subprocess
import time

#: name -> (function, description)
SURVEY_INVARIANTS = {}

#: the cheap invariants computed when none are asked for
DEFAULT_INVARIANTS = ("expected_dimension", "dimension", "defect")


class Unavailable(Exception):
    r"""
    Raised by an invariant whose method does not exist in this sage-neuro.

    EXAMPLES::

        sage: from sage_neuro.survey.invariants import Unavailable
        sage: issubclass(Unavailable, Exception)
        True
    """


def register_invariant(name, function, description="", resumable=False):
    r"""
    Register the survey invariant ``name``.

    INPUT:

    - ``name`` -- a string (the name used by ``--invariants`` and in the database)
    - ``function`` -- ``f(net, M, timeout)`` returning a dictionary with
      ``value`` and optionally ``method``, ``primes``, ``seeds``, ``route``
    - ``description`` -- one line for ``sage-neuro survey --help``
    - ``resumable`` -- if ``True``, ``function`` takes a fourth argument, a
      :class:`SubResults` of the sub-results (e.g. one per seed) kept from
      earlier attempts, and keeps its own there as it finishes them

    EXAMPLES::

        sage: from sage_neuro.survey.invariants import register_invariant, SURVEY_INVARIANTS
        sage: register_invariant('parameters', lambda net, M, t: {'value': int(net.num_parameters()),
        ....:                    'method': 'proved'}, 'number of parameters')
        sage: 'parameters' in SURVEY_INVARIANTS
        True
        sage: del SURVEY_INVARIANTS['parameters']
    """
    if not isinstance(name, str) or not name.isidentifier():
        raise ValueError("invariant name must be an identifier, not %r" % (name,))
    if not callable(function):
        raise TypeError("function must be callable, not %r" % (function,))
    SURVEY_INVARIANTS[name] = (function, description)
    if resumable:
        RESUMABLE.add(name)
    else:
        RESUMABLE.discard(name)


#: the invariants whose functions take a :class:`SubResults` (see :func:`register_invariant`)
RESUMABLE = set()


class SubResults:
    r"""
    The sub-results of one invariant of one case (e.g. one per seed of a
    degree): those kept from earlier attempts, and a callback keeping new
    ones (the survey stores them, :meth:`~sage_neuro.survey.store.SurveyStore.record_partial`).

    INPUT:

    - ``known`` -- dictionary ``part -> value`` (JSON-able values)
    - ``keep`` -- ``None`` or a function ``keep(part, value)``

    EXAMPLES::

        sage: from sage_neuro.survey.invariants import SubResults
        sage: kept = []
        sage: S = SubResults({'seed=3': 5}, keep=lambda p, v: kept.append((p, v)))
        sage: S.get('seed=3'), S.get('seed=4')
        (5, None)
        sage: S.put('seed=4', 5); kept, S.get('seed=4'), S.reused
        ([('seed=4', 5)], 5, ['seed=3'])
    """

    def __init__(self, known=None, keep=None):
        self.known = dict(known or {})
        self.keep = keep
        self.reused = []
        self._earlier = set(self.known)

    def get(self, part):
        r"""
        Return the value kept for ``part``, or ``None``; the parts kept
        from earlier attempts that were asked for are listed in ``reused``.

        EXAMPLES::

            sage: from sage_neuro.survey.invariants import SubResults
            sage: SubResults().get('seed=1') is None
            True
        """
        if part in self._earlier and part not in self.reused:
            self.reused.append(part)
        return self.known.get(part)

    def put(self, part, value):
        r"""
        Keep ``value`` as the sub-result ``part``.

        EXAMPLES::

            sage: from sage_neuro.survey.invariants import SubResults
            sage: S = SubResults(); S.put('seed=1', 2); S.known
            {'seed=1': 2}
        """
        self.known[part] = value
        if self.keep is not None:
            self.keep(part, value)


def check_invariants(names):
    r"""
    Check a list of invariant names (or a comma-separated string) and
    return it as a tuple; ``None`` gives :data:`DEFAULT_INVARIANTS`.

    EXAMPLES::

        sage: from sage_neuro.survey.invariants import check_invariants
        sage: check_invariants('dimension, degree')
        ('dimension', 'degree')
        sage: check_invariants('dimension,genus')
        Traceback (most recent call last):
        ...
        ValueError: unknown invariant 'genus'; choose among critical_point_counts, critical_points, ...
    """
    if names is None:
        return DEFAULT_INVARIANTS
    if isinstance(names, str):
        names = [s.strip() for s in names.split(",") if s.strip()]
    names = tuple(names)
    if not names:
        raise ValueError("invariants must name at least one invariant; choose among %s"
                         % ", ".join(sorted(SURVEY_INVARIANTS)))
    for n in names:
        if n not in SURVEY_INVARIANTS:
            raise ValueError("unknown invariant %r; choose among %s" % (n, ", ".join(sorted(SURVEY_INVARIANTS))))
    return names


#: the provenance fields a survey row stores besides the value
ROW_FIELDS = ("method", "primes", "seeds", "route", "seconds", "choices",
              "failure_probability", "certificate")


def certainty_of(provenance):
    r"""
    Return the level of certainty (a key of
    :data:`~sage_neuro.provenance.CERTAINTY`) of a provenance record.

    Records that still carry the old label ``'exact'`` are classified by
    what their computation did: exact arithmetic over ``QQ`` resting on
    random choices (seeds recorded: a random point, slice or data) is
    ``'exact_random'``; exact arithmetic over ``QQ`` without random choices
    is a certificate for the object itself, ``'proved'``.

    INPUT:

    - ``provenance`` -- a :class:`~sage_neuro.provenance.Provenance`

    OUTPUT: a string

    EXAMPLES::

        sage: from sage_neuro.provenance import Provenance
        sage: from sage_neuro.survey.invariants import certainty_of
        sage: certainty_of(Provenance('degree', 6, 'modular', primes=(32003,), seeds=(1, 2)))
        'modular'

    Records of the old kind (any object with ``method``, ``seeds`` and
    ``choices``)::

        sage: from types import SimpleNamespace
        sage: certainty_of(SimpleNamespace(method='exact', seeds=(1,), choices=''))   # a random slice
        'exact_random'
        sage: certainty_of(SimpleNamespace(method='exact', seeds=(), choices=''))     # an ideal over QQ
        'proved'
        sage: certainty_of(SimpleNamespace(method='sampled', seeds=(), choices=''))
        Traceback (most recent call last):
        ...
        ValueError: certainty must be one of 'proved', 'exact_random', 'modular', 'numerical', not 'sampled'
    """
    from sage_neuro.provenance import check_certainty
    if provenance.method == "exact":
        return "exact_random" if provenance.seeds or provenance.choices else "proved"
    return check_certainty(provenance.method)


def row_fields(provenance):
    r"""
    Return the fields of a survey row taken from a provenance record: the
    level of certainty (:func:`certainty_of`), primes, seeds, route, wall
    time, random choices, failure probability and certificate.

    INPUT:

    - ``provenance`` -- a :class:`~sage_neuro.provenance.Provenance`

    OUTPUT: a dictionary with the keys :data:`ROW_FIELDS`

    EXAMPLES::

        sage: from sage_neuro.provenance import Provenance
        sage: from sage_neuro.survey.invariants import row_fields
        sage: r = row_fields(Provenance('dimension', 10, 'modular', primes=(8388593,), seeds=(0,),
        ....:                           choices='a random point', failure_probability=1e-5))
        sage: r['method'], r['primes'], r['choices'], r['failure_probability']
        ('modular', [8388593], 'a random point', 1e-05)
    """
    d = provenance.as_dict()
    out = {k: d[k] for k in ROW_FIELDS}
    out["method"] = certainty_of(provenance)
    if out["method"] == "exact_random" and provenance.method == "exact" and not out["choices"]:
        out["choices"] = "random choices from the seeds %s (%s)" % (tuple(out["seeds"]), out["route"])
    return out


def _from_provenance(M, name):
    return row_fields(M.provenance(name))


def _dimension(net, M, timeout):
    out = {"value": int(M.dimension())}
    out.update(_from_provenance(M, "dimension"))
    return out


def _expected_dimension(net, M, timeout):
    # parameters minus the dimension of the symmetry group's generic orbit,
    # capped by the ambient dimension; the orbit dimension is a closed count
    # except for linear networks, where it is the rank of the infinitesimal
    # action at one random rational point (see symmetry_dimension), proved
    # below when that rank reaches an upper bound
    from sage_neuro.architectures.linear import LinearNetwork
    value = int(net.expected_dimension())
    route = "parameters minus the dimension of the known symmetry group, capped by the ambient dimension"
    if not isinstance(net, LinearNetwork):
        return {"value": value, "method": "proved", "route": route,
                "certificate": "closed count of the symmetry group of %s (symmetry_dimension)"
                               % type(net).__name__}
    # The rank of the infinitesimal action at one point is a lower bound
    # for its generic rank, the generic orbit dimension. Upper bounds: the
    # number of rows sum k_i^2 (the dimension of prod GL(k_i)); and with one
    # hidden layer [n, k, m], the kernel {X : X W_1 = 0, W_2 X = 0} =
    # Hom(C^k / im W_1, ker W_2) has dimension >= (k - min(k, n)) (k - min(k, m))
    # at every point. A point reaching an upper bound proves the value.
    w = [int(x) for x in net.widths()]
    orbit = int(net.symmetry_dimension())
    bounds = [(sum(k ** 2 for k in w[1:-1]), "the dimension of prod GL(k_i)")]
    if len(w) == 3:
        n, k, m = w
        bounds.append((k ** 2 - (k - min(k, n)) * (k - min(k, m)),
                       "k^2 minus the dimension (k - min(k, n))(k - min(k, m)) of the smallest "
                       "stabilizer Hom(C^k / im W_1, ker W_2)"))
    for bound, why in bounds:
        if orbit == bound:
            return {"value": value, "method": "proved", "route": route,
                    "certificate": "the infinitesimal action of prod GL(k_i) has rank %d at a "
                                   "rational point, which is an upper bound for its generic rank "
                                   "(%s): the generic orbit has dimension %d" % (orbit, why, orbit)}
    # Otherwise the generic rank is the size of a nonzero minor of a matrix
    # whose entries are linear in the coordinates of the random point, each
    # drawn from 201 values: by Schwartz-Zippel the minor vanishes there with
    # probability at most (its degree)/201 <= (sum k_i^2)/201.
    from sage.rings.rational_field import QQ
    return {"value": value, "method": "exact_random", "route": route,
            "choices": "rank over QQ of the infinitesimal action of prod GL(k_i) at the random "
                       "integer point of entries in [-100, 100] drawn with seed 0",
            "failure_probability": float(min(QQ(1), QQ(bounds[0][0]) / 201))}


def _defect(net, M, timeout):
    e = _expected_dimension(net, M, timeout)
    out = _dimension(net, M, timeout)
    out["value"] = e["value"] - out["value"]
    out["route"] = "expected dimension minus dimension (%s)" % out["route"]
    from sage_neuro.provenance import weakest
    out["method"] = weakest(e["method"], out["method"])
    if e.get("failure_probability") is not None:
        fp = out.get("failure_probability")
        out["failure_probability"] = None if fp is None else min(1.0, fp + e["failure_probability"])
        out["choices"] = "; ".join(c for c in (out.get("choices"), e.get("choices")) if c)
    out["seconds"] = 0.0
    return out


def _degree(net, M, timeout):
    out = {"value": int(M.degree(timeout=timeout))}
    out.update(_from_provenance(M, "degree"))
    return out


def _ed_degree(net, M, timeout):
    out = {"value": int(M.ed_degree(timeout=timeout))}
    out.update(_from_provenance(M, "ed_degree"))
    return out


def _generic_ed_degree(net, M, timeout):
    out = {"value": int(M.generic_ed_degree(timeout=timeout))}
    out.update(_from_provenance(M, "generic_ed_degree"))
    return out


def _singular_components(net, M, timeout):
    if not hasattr(M, "singular_locus"):
        raise Unavailable("Neuromanifold.singular_locus does not exist in this sage-neuro")
    comps = M.singular_locus(timeout=timeout)
    out = {"value": [[int(V.dimension()), int(V.degree())] for V in comps]}
    out.update(_from_provenance(M, "singular_locus"))
    return out


def orbit_verdict(check):
    r"""
    Return the survey row of a check whether the generic fiber is the
    symmetry orbit (an
    :class:`~sage_neuro.invariants.identifiability.OrbitCheck`): its
    verdict ``True``, ``False`` or ``None`` (undecided) and how certain it is.

    The fiber is computed exactly over ``QQ`` at one random rational point,
    so the verdict is ``'exact_random'`` (unless the check reports a
    stronger level itself); the certificate is the check's reason.

    INPUT:

    - ``check`` -- an :class:`~sage_neuro.invariants.identifiability.OrbitCheck`

    OUTPUT: a dictionary with ``value`` and the keys of :data:`ROW_FIELDS`

    EXAMPLES::

        sage: from sage_neuro import PolynomialMLP
        sage: from sage_neuro.survey.invariants import orbit_verdict
        sage: r = orbit_verdict(PolynomialMLP([3, 2, 1], activation=2).check_generic_fiber_is_orbit())
        sage: r['value'], r['method'], r['certificate']
        (False, 'exact_random', 'fiber dimension 3 > orbit dimension 2')
        sage: r['choices']
        'the parameter point theta = (...) (nonzero integers in [-9, 9], seed 0)'
    """
    out = {"value": None if check.is_orbit is None else bool(check.is_orbit)}
    out.update(row_fields(check.provenance))
    out["certificate"] = check.reason
    return out


def _singular_certainty(cert, M, timeout):
    # how certain the relation is: the singular locus it compares, the
    # containments (Groebner bases over QQ, or over GF(p) on the modular
    # route), and the dimension of M that decides which subnetwork images
    # are proper (modular unless it agrees with the exact Krull dimension)
    from sage_neuro.provenance import weakest
    sp = cert.singular_provenance
    fields = row_fields(sp)
    field = getattr(cert, "containment_field", "QQ")
    levels = [fields["method"], "proved" if field == "QQ" else "modular"]
    notes = ["Sing(M): %s (%s)" % (sp.route, fields["method"]),
             "containments by Groebner bases over %s" % field]
    if sp.note:
        # e.g. the candidates route, which assumes Sing inside the subnetworks unless it proves it
        notes.insert(1, "on Sing(M): %s" % sp.note)
    if fields["method"] == "proved" and field == "QQ":
        from sage_neuro.invariants.implicit import ideal_dimension_degree
        try:
            M.provenance("ideal")
            exact = int(ideal_dimension_degree(M.ideal(timeout=timeout), timeout=timeout)[0])
        except KeyError:
            # no implicit ideal: Sing(M) came from a full-rank Jacobian of mu
            # over QQ (mu dominant) when it is empty, else nothing is known here
            exact = int(M.ambient_dimension()) if not cert.singular_components else None
        if exact is None:
            levels.append("modular")
            notes.append("dim M (which subnetwork images are proper) is modular")
        elif exact == int(M.dimension()):
            notes.append("proper subnetwork images: dimension < dim M = %d (Krull dimension of "
                         "the implicit ideal)" % exact)
        else:
            levels.append("modular")
            notes.append("dim M mod p (%s) differs from the Krull dimension %d" % (M.dimension(), exact))
    # the cross-check is a second route, not part of the verdict's proof
    notes.append("modular cross-check of the images in Sing(M) at random points, seeds %s: %s"
                 % (tuple(int(s) for s in cert.seeds),
                    "agrees" if cert.is_consistent() else "DISAGREES with the containments"))
    fields["method"] = weakest(*levels)
    if fields["method"] == "proved":
        fields["choices"], fields["failure_probability"] = "", None
    fields["certificate"] = "; ".join(notes)
    fields["seconds"] = None
    return fields


def singularity_verdict(cert, M=None, timeout=None):
    r"""
    Return the survey row of a comparison of the singular locus with the
    subnetwork images: the relation of the certificate (``'equal'``,
    ``'Sing contains subnetworks'``, ``'Sing inside subnetworks'`` or
    ``'incomparable'``) and how certain it is.

    For a :class:`~sage_neuro.invariants.subnetwork_check.SubnetworkCertificate`
    the relation is as certain as the weakest of its parts: the singular
    locus (the Jacobian criterion on the implicit ideal over ``QQ`` is a
    proof; the candidates route is modular), the ideal containments (over
    ``QQ``: proved; over ``GF(p)``: modular), and the dimension of ``M``
    that decides which subnetwork images are proper (compared here with the
    Krull dimension of the implicit ideal when that is known exactly). A
    certificate of another kind (the parametrization certificate) reports
    its own level.

    INPUT:

    - ``cert`` -- a certificate with a ``relation()`` method
    - ``M`` -- the neuromanifold (default: that of ``cert.net``)
    - ``timeout`` -- seconds per Macaulay2 call

    OUTPUT: a dictionary with ``value`` and the keys of :data:`ROW_FIELDS`

    EXAMPLES::

        sage: from sage_neuro import PolynomialMLP
        sage: from sage_neuro.survey.invariants import singularity_verdict
        sage: r = singularity_verdict(PolynomialMLP([3, 2, 1]).check_singularities_are_subnetworks())
        sage: r['value'], r['method']
        ('equal', 'proved')
        sage: singularity_verdict(PolynomialMLP([2, 2, 1]).check_singularities_are_subnetworks())['value']
        'Sing inside subnetworks'

    The parametrization certificate of a CNN with a generic cubic
    activation, which rests on multiplicities modulo a prime::

        sage: from sage_neuro import PolynomialCNN
        sage: R.<t> = QQ[]
        sage: net = PolynomialCNN([2, 2], activation=t^3 - 2*t^2 + 3*t)
        sage: r = singularity_verdict(net.check_singularities_are_subnetworks(method='parametrization'))
        sage: r['value'], r['method'], r['primes']
        ('Sing inside subnetworks', 'modular', [32003])
    """
    M = cert.net.neuromanifold() if M is None else M
    out = {"value": str(cert.relation())}
    if hasattr(cert, "singular_provenance"):
        out.update(_singular_certainty(cert, M, timeout))
    else:
        from sage_neuro.provenance import check_certainty
        prime = getattr(cert, "prime", None)
        proved = getattr(cert, "image_containment_proved", lambda: False)()
        out.update(method=check_certainty(cert.method), primes=[int(prime)] if prime else [],
                   seeds=[int(s) for s in getattr(cert, "seeds", ())],
                   route="%s of the singular points in the image of mu" % type(cert).__name__,
                   seconds=None, failure_probability=None,
                   choices="multiplicities of M at random points of the loci and subnetwork images",
                   certificate="rank-drop and double-point loci of mu compared with the subnetworks "
                               "over QQ; Sing inside subnetworks on the image %s"
                               % ("proved (the non-proper locus of mu was computed)" if proved
                                  else "shown where mu is proper, boundary points tested"))
    return out


def _verdict_of_check(net, method, timeout, verdict):
    # run the architecture's check `method` and read its certificate with `verdict`
    check = getattr(net, method, None)
    if check is None:
        raise Unavailable("%s.%s does not exist in this sage-neuro" % (type(net).__name__, method))
    out = verdict(check(timeout=timeout))
    out["route"] = "%s(): %s" % (method, out["route"])
    return out


#: share of the time left in a case that the exact route of a conjecture
#: check may use after its modular route has answered: the rest is kept
#: for the other check of the case, so that a slow Groebner basis over
#: ``QQ`` never costs the modular verdicts
EXACT_SHARE = 0.4


def modular_singularity_verdict(check):
    r"""
    Return the survey row of a
    :class:`~sage_neuro.invariants.subnetwork_check.ModularSubnetworkCheck`:
    the value ``'not all subnetworks in Sing'`` when a subnetwork image
    has a smooth random point (the conjecture fails), else ``None``
    (undecided), with the multiplicities as certificate.

    EXAMPLES::

        sage: from sage_neuro import PolynomialMLP
        sage: from sage_neuro.invariants.subnetwork_check import check_singularities_modular
        sage: from sage_neuro.survey.invariants import modular_singularity_verdict
        sage: r = modular_singularity_verdict(check_singularities_modular(PolynomialMLP([2, 2, 1])))
        sage: r['value'], r['method'], r['primes'], r['seeds']
        ('not all subnetworks in Sing', 'modular', [32003], [1, 2])
    """
    return {"value": check.relation(), "method": "modular", "primes": [int(check.prime)],
            "seeds": [int(s) for s in check.seeds],
            "route": "check_singularities_modular(): multiplicity of M at a random point of each "
                     "proper subnetwork image, from the parametrization mod p (Sing(M) inside "
                     "the subnetworks is not examined)",
            "seconds": round(float(check.seconds), 3),
            "choices": "random rational points of the subnetwork images; slices and linear "
                       "spaces of the multiplicity counts mod p",
            "failure_probability": None, "certificate": check.certificate()}


def combine_verdicts(modular, exact, agree):
    r"""
    Return the survey row of a conjecture check from its modular row and
    the row of its exact route (or the error that stopped it, a string).

    The exact row is kept when it decides (``value`` not ``None``) and
    does not contradict the modular one (``agree(modular value, exact
    value)``), with the modular verdict noted as a second route; a
    contradiction gives the value ``None`` and both certificates; else the
    modular row is kept, with the fate of the exact route noted.

    EXAMPLES::

        sage: from sage_neuro.survey.invariants import combine_verdicts
        sage: m = {'value': False, 'method': 'modular', 'certificate': 'fiber dimension 3 > 2', 'route': 'r'}
        sage: same = lambda a, b: a is None or a == b
        sage: combine_verdicts(m, 'M2TimeoutError: ...', same)['certificate']
        'fiber dimension 3 > 2; the exact route did not finish (M2TimeoutError: ...)'
        sage: e = dict(m, value=False, method='proved', certificate='dimension')
        sage: r = combine_verdicts(m, e, same); r['method'], r['certificate']
        ('proved', 'dimension; modular route agrees: fiber dimension 3 > 2')
        sage: r = combine_verdicts(m, dict(e, value=True), same); r['value'], r['method']
        (None, 'modular')
    """
    if isinstance(exact, str):
        out = dict(modular)
        out["certificate"] = "%s; the exact route did not finish (%s)" % (modular["certificate"], exact)
        return out
    if exact["value"] is None:
        out = dict(modular)
        out["certificate"] = "%s; the exact route is undecided (%s)" % (modular["certificate"],
                                                                       exact["certificate"])
        return out
    if agree(modular["value"], exact["value"]):
        out = dict(exact)
        out["certificate"] = "%s; modular route %s: %s" % (
            exact["certificate"], "agrees" if modular["value"] is not None else "undecided",
            modular["certificate"])
        return out
    out = dict(modular)
    out["value"] = None
    out["certificate"] = "CONFLICT: exact route %r (%s: %s), modular route %r (%s)" % (
        exact["value"], exact["method"], exact["certificate"], modular["value"],
        modular["certificate"])
    return out


def _exact_row(net, method, timeout, verdict):
    # the exact route's row, or why it stopped (M2 timeout, error); an
    # alarm stops the Sage side too (Groebner bases, expansions), which the
    # Macaulay2 timeout does not reach, so the modular verdict survives
    from cysignals.alarm import AlarmInterrupt, alarm, cancel_alarm
    try:
        if timeout is not None:
            alarm(timeout)
        return _verdict_of_check(net, method, timeout, verdict)
    except Unavailable:
        raise
    except AlarmInterrupt:
        return "its share of %.0f s of the time left ran out" % timeout
    except Exception as exc:  # a timeout or failure of the exact route keeps the modular verdict
        return "%s: %s" % (type(exc).__name__, str(exc)[:200])
    finally:
        cancel_alarm()


def _share(timeout, start):
    # seconds the exact route may use
    if timeout is None:
        return None
    return max(1.0, EXACT_SHARE * (timeout - (time.perf_counter() - start)))


def _singularities_are_subnetworks(net, M, timeout):
    from sage_neuro.invariants.subnetwork_check import check_singularities_modular
    start = time.perf_counter()
    modular = modular_singularity_verdict(check_singularities_modular(net))

    def agree(m, e):
        # 'not all subnetworks in Sing' iff the exact relation lacks Sing >= subnetworks
        return (m is not None) == (e in ("Sing inside subnetworks", "incomparable"))
    exact = _exact_row(net, "check_singularities_are_subnetworks", _share(timeout, start),
                       lambda cert: singularity_verdict(cert, M, _share(timeout, start)))
    return combine_verdicts(modular, exact, agree)


def _generic_fiber_is_orbit(net, M, timeout):
    from sage_neuro.invariants.fiber_count import count_generic_fiber
    start = time.perf_counter()
    modular = orbit_verdict(count_generic_fiber(net))
    modular["route"] = "count_generic_fiber(): %s" % modular["route"]
    exact = _exact_row(net, "check_generic_fiber_is_orbit", _share(timeout, start), orbit_verdict)
    return combine_verdicts(modular, exact, lambda m, e: m is None or m == e)


register_invariant("expected_dimension", _expected_dimension,
                   "parameters minus symmetries, capped by the ambient dimension")
register_invariant("dimension", _dimension, "dimension (Jacobian rank mod p)")
register_invariant("defect", _defect, "expected dimension minus dimension")
register_invariant("degree", _degree, "degree (random linear section mod p)")
register_invariant("ed_degree", _ed_degree,
                   "generic Euclidean distance degree (mod p, or monodromy when cheaper)")
register_invariant("generic_ed_degree", _generic_ed_degree,
                   "ED degree for a generic inner product (mod p with a random symmetric matrix)")
register_invariant("singular_components", _singular_components,
                   "[dimension, degree] of each component of the singular locus")
register_invariant("singularities_are_subnetworks", _singularities_are_subnetworks,
                   "relation of Sing(M) and the subnetwork images (multiplicities mod p, then "
                   "net.check_singularities_are_subnetworks() within the time left)")
register_invariant("generic_fiber_is_orbit", _generic_fiber_is_orbit,
                   "whether the fiber at a random point is the symmetry orbit (gauge-fixed count "
                   "mod p, then net.check_generic_fiber_is_orbit() within the time left)")


def _real_walls(net, M, timeout):
    # the number of walls of the real image in the real points of its closure
    B = M.real_boundary(timeout=timeout)
    out = {"value": len(B.walls())}
    out.update(_from_provenance(M, "real_boundary"))
    return out


register_invariant("real_walls", _real_walls,
                   "number of hypersurfaces separating the real image from the rest of the closure's "
                   "real points (M.real_boundary())")


def _critical_point_counts(net, M, timeout):
    # true and spurious critical points of the ED loss on three random
    # integer data sets (exact decomposition in parameter space)
    from sage_neuro.optimization.spurious import critical_point_counts
    from sage_neuro.provenance import weakest
    rows = critical_point_counts(net, seeds=(0, 1, 2), timeout=timeout)
    return {"value": [{k: v for k, v in r.items() if k != "method"} for r in rows],
            "method": weakest(*[r["method"] for r in rows]), "seeds": [0, 1, 2],
            "route": "parameter_critical_locus: minimal primes of grad L over QQ, spurious = in "
                     "the rank-drop locus of mu; data entries uniform in [-9, 9]"}


def _gd_singular_fraction(net, M, timeout):
    # the fraction of gradient-descent runs (ED loss to Gaussian data, 40
    # random starts, 1000 steps) ending where the Jacobian of mu drops rank
    from sage_neuro.optimization.training import training_experiment
    E = training_experiment(net, trials=40, steps=1000, seed=0, progress=False)
    lo, hi = E.confidence_interval()
    return {"value": {"fraction": E.fraction_singular(), "runs": int(E.inside_count()),
                      "wilson95": [lo, hi]},
            "method": "numerical", "seeds": [0],
            "route": "training_experiment(trials=40, steps=1000, seed=0): rank of the Jacobian of "
                     "mu at the end point, sigma_d / sigma_1 < 1e-3"}


register_invariant("critical_point_counts", _critical_point_counts,
                   "true and spurious critical points of the ED loss, complex and real, on 3 data sets")
register_invariant("gd_singular_fraction", _gd_singular_fraction,
                   "fraction of 40 gradient-descent runs ending on the critical locus of mu")


# -- second computations (frontier table): each value confirmed by another
# random choice or another route, stored as a row of its own so that a
# resumed survey keeps whichever of the two already finished

#: seeds of the second computations (disjoint from the first ones: the
#: dimension's 0, the degree's and ED degree's (1, 2))
CONFIRMATION_SEEDS = {"dimension": (1,), "degree": (3, 4), "ed_degree": (3, 4), "critical_points": (5,)}


def _dimension_confirmation(net, M, timeout):
    out = {"value": int(M.dimension(seed=CONFIRMATION_SEEDS["dimension"][0]))}
    out.update(_from_provenance(M, "dimension"))
    return out


def seed_by_seed(compute, seeds, parts):
    r"""
    Return the survey row of a value computed once per seed by
    ``compute(seed)`` (a row: ``value`` and the fields of
    :data:`ROW_FIELDS`), all seeds agreeing; the rows of the seeds kept in
    ``parts`` (a :class:`SubResults`, parts ``'seed=S'``) are reused, each
    new one is kept as soon as it is done.

    INPUT:

    - ``compute`` -- a function of one seed returning a row
    - ``seeds`` -- list of integers
    - ``parts`` -- a :class:`SubResults`

    OUTPUT: a row; its ``seeds`` are all the seeds, ``seconds`` their sum,
    ``method`` the weakest of theirs; raises ``ValueError`` if two seeds
    disagree

    EXAMPLES::

        sage: from sage_neuro.survey.invariants import SubResults, seed_by_seed
        sage: calls = []
        sage: def f(s):
        ....:     calls.append(s); return {'value': 6, 'method': 'modular', 'seeds': [s], 'seconds': 1.0}
        sage: P = SubResults({'seed=3': {'value': 6, 'method': 'modular', 'seeds': [3], 'seconds': 2.0}})
        sage: r = seed_by_seed(f, (3, 4), P)
        sage: calls, r['value'], r['seeds'], r['seconds'] == 3, r['note']
        ([4], 6, [3, 4], True, 'seed 3 resumed from a stored sub-result')
        sage: seed_by_seed(lambda s: {'value': s, 'method': 'modular', 'seeds': [s]}, (1, 2), SubResults())
        Traceback (most recent call last):
        ...
        ValueError: the seeds disagree: {1: 1, 2: 2}
    """
    from sage_neuro.provenance import weakest
    rows = {}
    for s in seeds:
        part = "seed=%d" % s
        r = parts.get(part)
        if r is None:
            r = dict(compute(s))
            parts.put(part, r)
        rows[s] = r
    values = {s: r["value"] for s, r in rows.items()}
    if len(set(values.values())) != 1:
        raise ValueError("the seeds disagree: %s" % values)
    first = rows[seeds[0]]
    out = dict(first)
    out["seeds"] = [int(x) for r in rows.values() for x in (r.get("seeds") or [])]
    out["method"] = weakest(*(r["method"] for r in rows.values()))
    out["seconds"] = sum(r.get("seconds") or 0.0 for r in rows.values())
    if parts.reused:
        out["note"] = "%s resumed from a stored sub-result" % ", ".join(
            p.replace("=", " ") for p in parts.reused)
    return out


def _confirmation_on_other_seeds(name):
    # the invariant `name` of the neuromanifold (degree, ed_degree) computed
    # again, one seed of CONFIRMATION_SEEDS at a time (resumable)
    # a closed formula takes no seeds: the value is confirmed by a computed
    # route; a dense neuromanifold's value is proved by 'auto' from its
    # dimension alone, the same proof on every call: its confirmation counts
    # the points of a section mod p instead, a route that does not use it
    options = {"closed_form": False}

    def confirm(net, M, timeout, parts):
        dense = M.dimension() == net.ambient_dimension()
        method = {"method": "modular"} if dense else {}

        def one(seed):
            out = {"value": int(getattr(M, name)(seeds=(seed,), timeout=timeout, **options,
                                                 **method))}
            out.update(_from_provenance(M, name))
            return out
        return seed_by_seed(one, CONFIRMATION_SEEDS[name], parts)
    return confirm


def random_target(net, seed):
    r"""
    Return the random rational point of the function space of ``net`` used
    as generic data by the survey: integers in ``[-20, 20]`` drawn with
    ``seed``.

    INPUT:

    - ``net`` -- an architecture
    - ``seed`` -- an integer

    OUTPUT: a list of ``net.ambient_dimension()`` rationals

    EXAMPLES::

        sage: from sage_neuro import LinearNetwork
        sage: from sage_neuro.survey.invariants import random_target
        sage: u = random_target(LinearNetwork([2, 1, 2]), 5); len(u), u == random_target(LinearNetwork([2, 1, 2]), 5)
        (4, True)
    """
    import random
    from sage.rings.rational_field import QQ
    rng = random.Random(int(seed))
    return [QQ(rng.randint(-20, 20)) for _ in range(int(net.ambient_dimension()))]


def _critical_points(net, M, timeout):
    # the number of complex critical points of the squared distance from
    # random data, counted over QQ on one slice: for generic data the ED
    # degree, here by a route independent of the modular ED slice
    from sage_neuro.optimization import loss_critical_points
    seed = CONFIRMATION_SEEDS["critical_points"][0]
    u = random_target(net, seed)
    C = loss_critical_points(net, u, seed=seed, slices=1, timeout=timeout)
    out = {"value": int(C.complex_count)}
    out.update(row_fields(C.provenance))
    out["choices"] = "; ".join(x for x in (out.get("choices"), "data u: integers in [-20, 20] "
                                           "drawn with seed %d (random_target)" % seed) if x)
    out["certificate"] = "; ".join(x for x in (out.get("certificate"), "%d real critical points at u"
                                               % int(C.real_count)) if x)
    return out


register_invariant("dimension_confirmation", _dimension_confirmation,
                   "dimension again, at another random point (seed 1)")
register_invariant("degree_confirmation", _confirmation_on_other_seeds("degree"),
                   "degree again, on other random slices (seeds 3, 4; resumable seed by seed)",
                   resumable=True)
register_invariant("ed_degree_confirmation", _confirmation_on_other_seeds("ed_degree"),
                   "ED degree again, on other random slices and data (seeds 3, 4; resumable seed by seed)",
                   resumable=True)
register_invariant("critical_points", _critical_points,
                   "complex critical points of the squared distance from random data, over QQ "
                   "(the ED degree by a second route)")


_SOFTWARE = {}


def software_versions():
    r"""
    Return the versions of sage-neuro, SageMath, Macaulay2 and Python of
    this process (Macaulay2's from ``M2 --version``, or ``None`` if missing).

    EXAMPLES::

        sage: from sage_neuro.survey.invariants import software_versions
        sage: sorted(software_versions())
        ['macaulay2', 'python', 'sage', 'sage_neuro']
    """
    if not _SOFTWARE:
        import sage_neuro
        from sage.version import version as sage_version
        try:
            from sage_neuro.m2 import m2_command
            m2 = subprocess.run([m2_command(), "--version"], capture_output=True, text=True,
                                timeout=30).stdout.strip() or None
        except Exception:
            m2 = None
        _SOFTWARE.update(sage_neuro=sage_neuro.__version__, sage=sage_version,
                         macaulay2=m2, python=platform.python_version())
    return dict(_SOFTWARE)


def compute_case(case_key, invariants, time_limit=None, emit=None, partials=None, keep=None):
    r"""
    Compute the ``invariants`` of the case ``case_key`` in this process.

    Each Macaulay2 call gets the time left of ``time_limit`` (seconds for
    the whole case) as its timeout; invariants not started in time are
    recorded as ``timeout``. Errors are recorded per invariant.

    INPUT:

    - ``case_key`` -- the key of a :class:`~sage_neuro.survey.grid.Case`
    - ``invariants`` -- names from :data:`SURVEY_INVARIANTS`
    - ``time_limit`` -- seconds, or ``None``
    - ``emit`` -- optional callback receiving each result as it is done
    - ``partials`` -- sub-results kept from earlier attempts,
      ``invariant -> {part: value}``, for the resumable invariants
      (:func:`register_invariant`)
    - ``keep`` -- optional callback ``keep(invariant, part, value)``
      receiving each new sub-result

    OUTPUT: a triple ``(architecture repr or None, list of result
    dictionaries, software versions)``

    EXAMPLES::

        sage: from sage_neuro.survey.invariants import compute_case
        sage: arch, res, sw = compute_case('linear:widths=4-2-3', ['dimension', 'defect', 'degree'])
        sage: arch, [(r['invariant'], r['status'], r['value']) for r in res]
        ('LinearNetwork([4, 2, 3])', [('dimension', 'ok', 10), ('defect', 'ok', 0), ('degree', 'ok', 6)])
        sage: res[2]['method'], res[2]['primes']
        ('modular', [32003])
        sage: compute_case('linear:widths=4-0-3', ['dimension'])[1][0]['error']
        'ValueError: widths must be positive integers; got 0 at position 1'
    """
    from sage_neuro.survey.grid import Case
    from sage_neuro.m2 import M2TimeoutError
    start = time.perf_counter()
    results = []

    def put(r):
        results.append(r)
        if emit is not None:
            emit(r)

    try:
        net = Case.from_key(case_key).architecture()
        arch, M = repr(net), net.neuromanifold()
    except Exception as exc:
        for name in invariants:
            put({"invariant": name, "status": "failed", "error": "%s: %s" % (type(exc).__name__, exc)})
        return None, results, software_versions()
    for name in invariants:
        left = None if time_limit is None else time_limit - (time.perf_counter() - start)
        if left is not None and left <= 0:
            put({"invariant": name, "status": "timeout",
                 "error": "the case's time limit of %s s was used up before it started" % time_limit})
            continue
        t0 = time.perf_counter()
        try:
            if name in RESUMABLE:
                parts = SubResults((partials or {}).get(name),
                                   None if keep is None else (lambda p, v, n=name: keep(n, p, v)))
                r = dict(SURVEY_INVARIANTS[name][0](net, M, left, parts))
            else:
                r = dict(SURVEY_INVARIANTS[name][0](net, M, left))
            if r.get("seconds") is None:
                r["seconds"] = time.perf_counter() - t0
            r.update(invariant=name, status="ok")
        except Unavailable as exc:
            r = {"invariant": name, "status": "unavailable", "error": str(exc)}
        except (M2TimeoutError, TimeoutError) as exc:
            r = {"invariant": name, "status": "timeout", "seconds": time.perf_counter() - t0,
                 "error": "%s: %s" % (type(exc).__name__, exc)}
        except Exception as exc:
            r = {"invariant": name, "status": "failed", "seconds": time.perf_counter() - t0,
                 "error": "%s: %s" % (type(exc).__name__, exc)}
        put(r)
    return arch, results, software_versions()
