r"""
Provenance of computed values, and the vocabulary of certainty.

Every value that sage-neuro computes is stored with a record saying how
certain it is. There are four levels, used by every provenance record,
survey row and command-line or JSON output:

- ``'proved'`` -- a certificate over ``QQ`` (or over ``ZZ``) that holds for
  the object itself, not for a sample of it: e.g. an implicit ideal whose
  generators are substituted back into ``mu``, a Krull dimension of an exact
  ideal, an orbit-dimension argument. Correct up to the correctness of the
  software. The record's ``certificate`` says what was shown.
- ``'exact_random'`` -- exact arithmetic over ``QQ`` at random choices (a
  random point, a random slice, random data): the answer is right unless a
  choice fell on a proper Zariski-closed set. ``choices`` says which choices
  were made, and ``failure_probability`` bounds the chance of a bad one
  where a bound is known (``None`` otherwise).
- ``'modular'`` -- arithmetic over ``GF(p)`` at random choices: ``primes``
  and ``seeds`` are recorded; right unless the prime or a choice is bad;
  ``failure_probability`` as above.
- ``'numerical'`` -- floating point; ``certificate`` says what was checked
  (e.g. the trace test and its residual for a monodromy witness set).

EXAMPLES::

    sage: from sage_neuro.provenance import Provenance
    sage: Provenance('degree', 6, 'modular', primes=(32003,), seeds=(1, 2), seconds=0.1)
    degree = 6  [modular: p = 32003, seeds (1, 2); 0.10 s]
"""

import time
from contextlib import contextmanager

#: the levels of certainty, strongest first, with their meaning
CERTAINTY = {
    "proved": "a certificate over QQ that holds for the object itself, not for a sample",
    "exact_random": "exact arithmetic over QQ at random choices (which ones: `choices`; "
                    "chance of a bad choice: `failure_probability`)",
    "modular": "arithmetic over GF(p) at random choices (prime and seeds recorded)",
    "numerical": "floating point, with the certificate stated in `certificate`",
}

#: the levels in order, strongest first
METHODS = tuple(CERTAINTY)


def check_certainty(method):
    r"""
    Return ``method`` if it is one of the levels of :data:`CERTAINTY`, else
    raise a ``ValueError`` naming the levels.

    EXAMPLES::

        sage: from sage_neuro.provenance import check_certainty
        sage: check_certainty('modular')
        'modular'
        sage: check_certainty('sampled')
        Traceback (most recent call last):
        ...
        ValueError: certainty must be one of 'proved', 'exact_random', 'modular', 'numerical', not 'sampled'
    """
    if method not in CERTAINTY:
        raise ValueError("certainty must be one of %s, not %r"
                         % (", ".join(repr(m) for m in METHODS), method))
    return method


def weakest(*methods):
    r"""
    Return the weakest of the given levels of certainty: a value computed
    from several others is only as certain as the least certain of them.

    EXAMPLES::

        sage: from sage_neuro.provenance import weakest
        sage: weakest('proved', 'modular', 'exact_random')
        'modular'
        sage: weakest('proved')
        'proved'
    """
    for m in methods:
        check_certainty(m)
    return max(methods, key=METHODS.index)


class Provenance:
    r"""
    How one value was obtained.

    INPUT:

    - ``name`` -- the invariant's name, e.g. ``'degree'``
    - ``value`` -- its value
    - ``method`` -- the level of certainty, a key of :data:`CERTAINTY`
    - ``primes``, ``seeds`` -- for modular and randomized computations
    - ``seconds`` -- wall time
    - ``route`` -- a short description of the algorithm
    - ``note`` -- free text (counts per seed, redraws, caveats)
    - ``choices`` -- which random choices the value rests on (a string)
    - ``failure_probability`` -- an upper bound for the probability that a
      random choice was bad, or ``None`` if no bound is known
    - ``certificate`` -- what was shown (for ``'proved'`` and ``'numerical'``)
    - ``confirmations`` -- other records of the same value (second seeds,
      second routes) that agree with it

    EXAMPLES::

        sage: from sage_neuro.provenance import Provenance
        sage: P = Provenance('dimension', 10, 'proved', route='Krull dimension of the implicit ideal',
        ....:                certificate='implicit ideal proved by substitution')
        sage: P.method, P.value
        ('proved', 10)
        sage: P.as_dict()['certificate']
        'implicit ideal proved by substitution'
        sage: Q = Provenance('dimension', 10, 'modular', primes=(8388593,), seeds=(0,),
        ....:                choices='a random point of the parameters', failure_probability=1e-5)
        sage: Q.summary()
        'modular: p = 8388593, seeds (0,); random: a random point of the parameters; P(bad choice) <= 1e-05'

    The old label ``'exact'`` said "over ``QQ``" without saying whether
    the value was proved or rested on a random choice; it is refused::

        sage: Provenance('degree', 6, 'exact')
        Traceback (most recent call last):
        ...
        ValueError: certainty must be one of 'proved', 'exact_random', 'modular', 'numerical', not 'exact'
    """

    def __init__(self, name, value, method, primes=(), seeds=(), seconds=None,
                 route="", note="", choices="", failure_probability=None, certificate="",
                 confirmations=()):
        check_certainty(method)
        self.name = name
        self.value = value
        self.method = method
        self.primes = tuple(primes)
        self.seeds = tuple(seeds)
        self.seconds = seconds
        self.route = route
        self.note = note
        self.choices = choices
        self.failure_probability = failure_probability
        self.certificate = certificate
        self.confirmations = tuple(confirmations)

    @property
    def certainty(self):
        r"""
        The level of certainty (the same as ``method``).

        EXAMPLES::

            sage: from sage_neuro.provenance import Provenance
            sage: Provenance('degree', 2, 'proved').certainty
            'proved'
        """
        return self.method

    def is_proved(self):
        r"""
        Return whether the value is proved for the object (not sampled).

        EXAMPLES::

            sage: from sage_neuro.provenance import Provenance
            sage: Provenance('degree', 2, 'proved').is_proved()
            True
            sage: Provenance('degree', 2, 'modular', primes=(32003,)).is_proved()
            False
        """
        return self.method == "proved"

    def confirmed_by(self, other):
        r"""
        Return a copy of this record that lists ``other`` (a record of the
        same value by another seed or route) among its confirmations.

        Raises ``ValueError`` if the values differ.

        EXAMPLES::

            sage: from sage_neuro.provenance import Provenance
            sage: a = Provenance('degree', 30, 'numerical', seeds=(1,), certificate='trace test')
            sage: b = Provenance('degree', 30, 'modular', primes=(32003,), seeds=(1, 2))
            sage: a.confirmed_by(b).as_dict()['confirmations'][0]['method']
            'modular'
            sage: a.confirmed_by(Provenance('degree', 29, 'modular'))
            Traceback (most recent call last):
            ...
            ValueError: degree: 30 is not confirmed by a value 29
        """
        if other.value != self.value:
            raise ValueError("%s: %s is not confirmed by a value %s" % (self.name, self.value, other.value))
        kw = dict(self.__dict__)
        kw["confirmations"] = self.confirmations + (other,)
        return Provenance(**kw)

    def as_dict(self):
        r"""
        Return the record as a JSON-friendly dictionary.

        EXAMPLES::

            sage: from sage_neuro.provenance import Provenance
            sage: sorted(Provenance('degree', 2, 'proved').as_dict())
            ['certificate', 'choices', 'confirmations', 'failure_probability', 'method', 'name',
             'note', 'primes', 'route', 'seconds', 'seeds', 'value']

        Real and rational values are not truncated to integers::

            sage: Provenance('log_covering_number_bound', RR(36.5), 'proved').as_dict()['value']
            36.5
            sage: Provenance('x', 1/3, 'proved').as_dict()['value']
            '1/3'
        """
        v = self.value
        if isinstance(v, (list, tuple)):
            v = "%d components" % len(v)
        else:
            try:
                iv = int(v)
                if iv == v:
                    v = iv
                elif hasattr(v, "parent") and v.parent().is_exact():
                    v = str(v)
                else:
                    v = float(v)
            except (TypeError, ValueError, ArithmeticError, AttributeError):
                v = str(v) if len(str(v)) < 200 else type(v).__name__
        fp = self.failure_probability
        return {"name": self.name, "value": v, "method": self.method,
                "primes": [int(p) for p in self.primes],
                "seeds": [int(s) for s in self.seeds],
                "seconds": None if self.seconds is None else round(float(self.seconds), 4),
                "route": self.route, "note": self.note, "choices": self.choices,
                "failure_probability": None if fp is None else float(fp),
                "certificate": self.certificate,
                "confirmations": [c.as_dict() for c in self.confirmations]}

    def summary(self):
        r"""
        Return a one-line description of how certain the value is.

        EXAMPLES::

            sage: from sage_neuro.provenance import Provenance
            sage: Provenance('degree', 2, 'proved', seconds=0.5).summary()
            'proved; 0.50 s'
            sage: Provenance('degree', 4, 'numerical', certificate='trace test, residual 1e-12').summary()
            'numerical: trace test, residual 1e-12'
        """
        s = self.method
        parts = []
        if self.primes:
            parts.append("p = " + ", ".join(str(p) for p in self.primes))
        if self.seeds:
            parts.append("seeds " + str(self.seeds))
        if self.method in ("numerical",) and self.certificate:
            parts.append(self.certificate)
        if parts:
            s += ": " + ", ".join(parts)
        if self.choices:
            s += "; random: " + self.choices
        if self.failure_probability is not None:
            s += "; P(bad choice) <= %.3g" % self.failure_probability
        if self.confirmations:
            s += "; confirmed by %d more" % len(self.confirmations)
        if self.seconds is not None:
            s += "; %.2f s" % self.seconds
        return s

    def __repr__(self):
        return "%s = %s  [%s]" % (self.name, self.value, self.summary())


@contextmanager
def stopwatch():
    r"""
    Context manager measuring wall time: yields a list whose first entry is
    set to the elapsed seconds on exit.

    EXAMPLES::

        sage: from sage_neuro.provenance import stopwatch
        sage: with stopwatch() as t:
        ....:     _ = sum(range(10))
        sage: t[0] >= 0
        True
    """
    box = [None]
    start = time.perf_counter()
    try:
        yield box
    finally:
        box[0] = time.perf_counter() - start
