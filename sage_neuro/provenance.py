r"""
Provenance of computed invariants.

Every invariant that sage-neuro computes is stored with a record saying how
it was obtained: ``'exact'`` (over QQ, a proof up to the correctness of the
software), ``'modular'`` (over GF(p): the prime and the random seeds are
recorded; such values are correct with high probability), or
``'numerical'`` (floating point), together with the wall time.

EXAMPLES::

    sage: from sage_neuro.provenance import Provenance
    sage: Provenance('degree', 6, 'modular', primes=(32003,), seeds=(1, 2), seconds=0.1)
    degree = 6  [modular: p = 32003, seeds (1, 2); 0.10 s]
"""

import time
from contextlib import contextmanager

METHODS = ("exact", "modular", "numerical")


class Provenance:
    r"""
    How one invariant was obtained.

    INPUT:

    - ``name`` -- the invariant's name, e.g. ``'degree'``
    - ``value`` -- its value
    - ``method`` -- ``'exact'``, ``'modular'`` or ``'numerical'``
    - ``primes``, ``seeds`` -- for modular and randomized computations
    - ``seconds`` -- wall time
    - ``route`` -- a short description of the algorithm
    - ``note`` -- free text (probability bounds, caveats)

    EXAMPLES::

        sage: from sage_neuro.provenance import Provenance
        sage: P = Provenance('dimension', 10, 'exact', route='Jacobian rank over QQ')
        sage: P.method, P.value
        ('exact', 10)
        sage: P.as_dict()['route']
        'Jacobian rank over QQ'
    """

    def __init__(self, name, value, method, primes=(), seeds=(), seconds=None,
                 route="", note=""):
        if method not in METHODS:
            raise ValueError("method must be one of %s, not %r" % (METHODS, method))
        self.name = name
        self.value = value
        self.method = method
        self.primes = tuple(primes)
        self.seeds = tuple(seeds)
        self.seconds = seconds
        self.route = route
        self.note = note

    def as_dict(self):
        r"""
        Return the record as a JSON-friendly dictionary.

        EXAMPLES::

            sage: from sage_neuro.provenance import Provenance
            sage: sorted(Provenance('degree', 2, 'exact').as_dict())
            ['method', 'name', 'note', 'primes', 'route', 'seconds', 'seeds', 'value']

        Real and rational values are not truncated to integers::

            sage: Provenance('log_covering_number_bound', RR(36.5), 'exact').as_dict()['value']
            36.5
            sage: Provenance('x', 1/3, 'exact').as_dict()['value']
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
        return {"name": self.name, "value": v, "method": self.method,
                "primes": [int(p) for p in self.primes],
                "seeds": [int(s) for s in self.seeds],
                "seconds": None if self.seconds is None else round(float(self.seconds), 4),
                "route": self.route, "note": self.note}

    def summary(self):
        r"""
        Return a one-line description of the method.

        EXAMPLES::

            sage: from sage_neuro.provenance import Provenance
            sage: Provenance('degree', 2, 'exact', seconds=0.5).summary()
            'exact; 0.50 s'
        """
        s = self.method
        if self.primes:
            s += ": p = " + ", ".join(str(p) for p in self.primes)
        if self.seeds:
            s += (", " if self.primes else ": ") + "seeds " + str(self.seeds)
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
