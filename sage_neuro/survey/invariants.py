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
    ['defect', 'degree', 'dimension', 'ed_degree', 'expected_dimension', 'generic_fiber_is_orbit',
     'singular_components', 'singularities_are_subnetworks']
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


def register_invariant(name, function, description=""):
    r"""
    Register the survey invariant ``name``.

    INPUT:

    - ``name`` -- a string (the name used by ``--invariants`` and in the database)
    - ``function`` -- ``f(net, M, timeout)`` returning a dictionary with
      ``value`` and optionally ``method``, ``primes``, ``seeds``, ``route``
    - ``description`` -- one line for ``sage-neuro survey --help``

    EXAMPLES::

        sage: from sage_neuro.survey.invariants import register_invariant, SURVEY_INVARIANTS
        sage: register_invariant('parameters', lambda net, M, t: {'value': int(net.num_parameters()),
        ....:                    'method': 'exact'}, 'number of parameters')
        sage: 'parameters' in SURVEY_INVARIANTS
        True
        sage: del SURVEY_INVARIANTS['parameters']
    """
    if not isinstance(name, str) or not name.isidentifier():
        raise ValueError("invariant name must be an identifier, not %r" % (name,))
    if not callable(function):
        raise TypeError("function must be callable, not %r" % (function,))
    SURVEY_INVARIANTS[name] = (function, description)


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
        ValueError: unknown invariant 'genus'; choose among defect, degree, ...
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


def _from_provenance(M, name):
    p = M.provenance(name).as_dict()
    return {k: p[k] for k in ("method", "primes", "seeds", "route", "seconds")}


def _dimension(net, M, timeout):
    out = {"value": int(M.dimension())}
    out.update(_from_provenance(M, "dimension"))
    return out


def _expected_dimension(net, M, timeout):
    return {"value": int(net.expected_dimension()), "method": "exact",
            "route": "parameters minus the dimension of the known symmetry group, capped by the ambient dimension"}


def _defect(net, M, timeout):
    out = _dimension(net, M, timeout)
    out["value"] = int(net.expected_dimension()) - out["value"]
    out["route"] = "expected dimension minus dimension (%s)" % out["route"]
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


def _singular_components(net, M, timeout):
    if not hasattr(M, "singular_locus"):
        raise Unavailable("Neuromanifold.singular_locus does not exist in this sage-neuro")
    comps = M.singular_locus(timeout=timeout)
    out = {"value": [[int(V.dimension()), int(V.degree())] for V in comps]}
    try:
        out.update(_from_provenance(M, "singular_locus"))
    except KeyError:
        out["method"] = "exact"
    return out


def _check(method_name):
    def run(net, M, timeout):
        check = getattr(net, method_name, None)
        if check is None:
            raise Unavailable("%s.%s does not exist in this sage-neuro" % (type(net).__name__, method_name))
        try:
            cert = check(timeout=timeout)
        except TypeError:
            cert = check()
        # a certificate object or a plain boolean: store the verdict, keep the
        # method the certificate declares
        verdict = cert
        for attr in ("holds", "verdict", "result", "value"):
            if hasattr(cert, attr):
                verdict = getattr(cert, attr)
                verdict = verdict() if callable(verdict) else verdict
                break
        out = {"value": bool(verdict), "route": "%s()" % method_name}
        method = getattr(cert, "method", None)
        out["method"] = method if method in ("exact", "modular", "numerical") else "exact"
        return out
    return run


register_invariant("expected_dimension", _expected_dimension,
                   "parameters minus symmetries, capped by the ambient dimension")
register_invariant("dimension", _dimension, "dimension (Jacobian rank mod p)")
register_invariant("defect", _defect, "expected dimension minus dimension")
register_invariant("degree", _degree, "degree (random linear section mod p)")
register_invariant("ed_degree", _ed_degree, "generic Euclidean distance degree (mod p)")
register_invariant("singular_components", _singular_components,
                   "[dimension, degree] of each component of the singular locus")
register_invariant("singularities_are_subnetworks", _check("check_singularities_are_subnetworks"),
                   "net.check_singularities_are_subnetworks()")
register_invariant("generic_fiber_is_orbit", _check("check_generic_fiber_is_orbit"),
                   "net.check_generic_fiber_is_orbit()")


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


def compute_case(case_key, invariants, time_limit=None, emit=None):
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
            r = dict(SURVEY_INVARIANTS[name][0](net, M, left))
            r.setdefault("seconds", time.perf_counter() - t0)
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
