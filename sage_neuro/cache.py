r"""
One cache per network, with keys that name every argument of a result.

A value computed at random choices (seeds, a prime, random data) or by a
particular route (method, counting engine, construction strategy) is only
the answer to that question: a second seed must really recompute, or the
agreement of two seeds proves nothing. The cache of a network is a
:class:`ComputationCache` whose keys are :class:`CacheKey` objects listing
the invariant, method, seeds, prime, engine, strategy and data; the
structures that do not depend on random choices (term tables, Jacobian
evaluators) are keyed by what they do depend on (the prime).

The cache of a network is found with :func:`cache_of`; it lives exactly as
long as the network object (two equal networks built separately have two
caches, so that timings of a new object are those of a first computation).
Each cache is bounded (least recently used entries are dropped first).

EXAMPLES::

    sage: from sage_neuro import LinearNetwork
    sage: from sage_neuro.cache import cache_of, CacheKey
    sage: net = LinearNetwork([4, 2, 3])
    sage: C = cache_of(net); C is cache_of(net)
    True
    sage: k = CacheKey('degree', method='modular', seeds=(1, 2), prime=32003)
    sage: C.lookup(k, lambda: 6)
    6
    sage: k in C, CacheKey('degree', method='modular', seeds=(3, 4), prime=32003) in C
    (True, False)
"""

import weakref
from collections import OrderedDict

from sage_neuro.constants import CACHE_SIZE


class CacheKey:
    r"""
    The key of one cached result: the invariant (or structure) and every
    argument that can change it.

    INPUT:

    - ``invariant`` -- a name, e.g. ``'degree'`` or ``'term_table'``
    - ``method`` -- the route (``'modular'``, ``'numerical'``, ...), or ``None``
    - ``seeds`` -- the seeds of the random choices (a tuple)
    - ``prime`` -- the characteristic of the arithmetic (``0``: ``QQ``), or ``None``
    - ``engine`` -- what counts points (``'Singular'``, ``'Msolve'``, ...), or ``None``
    - ``strategy`` -- how the system is built, or ``None``
    - ``data`` -- a data point (a tuple), or ``None``
    - ``extra`` -- any further hashable argument (a tuple)

    EXAMPLES::

        sage: from sage_neuro.cache import CacheKey
        sage: k = CacheKey('dimension', method='modular', seeds=(0,), prime=8388593); k
        CacheKey('dimension', method='modular', seeds=(0,), prime=8388593)
        sage: k == CacheKey('dimension', method='modular', seeds=[0], prime=8388593)
        True
        sage: k.question()
        ('dimension', None, ())
    """

    __slots__ = ("invariant", "method", "seeds", "prime", "engine", "strategy", "data", "extra")

    def __init__(self, invariant, method=None, seeds=(), prime=None, engine=None, strategy=None,
                 data=None, extra=()):
        if not isinstance(invariant, str):
            raise TypeError("invariant must be a string, not %r" % (invariant,))
        self.invariant = invariant
        self.method = method
        self.seeds = tuple(int(s) for s in seeds)
        self.prime = None if prime is None else int(prime)
        self.engine = engine
        self.strategy = strategy
        self.data = None if data is None else tuple(data)
        self.extra = tuple(extra)

    def _tuple(self):
        return (self.invariant, self.method, self.seeds, self.prime, self.engine, self.strategy,
                self.data, self.extra)

    def __eq__(self, other):
        return isinstance(other, CacheKey) and self._tuple() == other._tuple()

    def __hash__(self):
        return hash(self._tuple())

    def question(self):
        r"""
        Return what the key asks, without how it is answered: the
        invariant, the data and the extra arguments. Two results of the same
        question by different seeds or routes must agree.

        EXAMPLES::

            sage: from sage_neuro.cache import CacheKey
            sage: a = CacheKey('degree', method='modular', seeds=(1, 2))
            sage: b = CacheKey('degree', method='numerical', seeds=(1,))
            sage: a.question() == b.question(), a == b
            (True, False)
        """
        return (self.invariant, self.data, self.extra)

    def __repr__(self):
        parts = [repr(self.invariant)]
        for name in self.__slots__[1:]:
            v = getattr(self, name)
            if v not in (None, ()):
                parts.append("%s=%r" % (name, v))
        return "CacheKey(%s)" % ", ".join(parts)


class ComputationCache:
    r"""
    A bounded mapping from :class:`CacheKey` to computed results, least
    recently used entries dropped first.

    INPUT:

    - ``maxsize`` -- the largest number of entries (default
      :data:`~sage_neuro.constants.CACHE_SIZE`)

    EXAMPLES::

        sage: from sage_neuro.cache import ComputationCache, CacheKey
        sage: C = ComputationCache(maxsize=2)
        sage: for s in range(3):
        ....:     _ = C.lookup(CacheKey('x', seeds=(s,)), lambda: s)
        sage: len(C), CacheKey('x', seeds=(0,)) in C
        (2, False)
        sage: C.get('x')
        Traceback (most recent call last):
        ...
        TypeError: cache keys are CacheKey objects, not 'x'
    """

    def __init__(self, maxsize=CACHE_SIZE):
        if int(maxsize) < 1:
            raise ValueError("maxsize must be a positive integer, not %r" % (maxsize,))
        self.maxsize = int(maxsize)
        self._entries = OrderedDict()

    @staticmethod
    def _check(key):
        if not isinstance(key, CacheKey):
            raise TypeError("cache keys are CacheKey objects, not %r" % (key,))
        return key

    def get(self, key, default=None):
        r"""
        Return the result stored under ``key``, or ``default``.

        EXAMPLES::

            sage: from sage_neuro.cache import ComputationCache, CacheKey
            sage: ComputationCache().get(CacheKey('degree')) is None
            True
        """
        self._check(key)
        if key in self._entries:
            self._entries.move_to_end(key)
            return self._entries[key]
        return default

    def put(self, key, value):
        r"""
        Store ``value`` under ``key`` and return it.

        EXAMPLES::

            sage: from sage_neuro.cache import ComputationCache, CacheKey
            sage: C = ComputationCache()
            sage: C.put(CacheKey('degree', seeds=(1,)), 6), C.get(CacheKey('degree', seeds=(1,)))
            (6, 6)
        """
        self._entries[self._check(key)] = value
        self._entries.move_to_end(key)
        while len(self._entries) > self.maxsize:
            self._entries.popitem(last=False)
        return value

    def lookup(self, key, compute):
        r"""
        Return the result under ``key``, computing it with ``compute()``
        (and storing it) when it is not there.

        EXAMPLES::

            sage: from sage_neuro.cache import ComputationCache, CacheKey
            sage: C = ComputationCache(); calls = []
            sage: f = lambda: calls.append(1) or 5
            sage: C.lookup(CacheKey('x'), f), C.lookup(CacheKey('x'), f), len(calls)
            (5, 5, 1)
        """
        self._check(key)
        if key in self._entries:
            self._entries.move_to_end(key)
            return self._entries[key]
        return self.put(key, compute())

    def answers(self, key):
        r"""
        Return the stored ``(key, result)`` pairs that answer the same
        question as ``key`` (see :meth:`CacheKey.question`), oldest first,
        ``key`` itself excluded.

        EXAMPLES::

            sage: from sage_neuro.cache import ComputationCache, CacheKey
            sage: C = ComputationCache()
            sage: _ = C.put(CacheKey('degree', seeds=(1,)), 6)
            sage: _ = C.put(CacheKey('dimension', seeds=(1,)), 10)
            sage: C.answers(CacheKey('degree', seeds=(3,)))
            [(CacheKey('degree', seeds=(1,)), 6)]
        """
        q = self._check(key).question()
        return [(k, v) for k, v in self._entries.items() if k != key and k.question() == q]

    def clear(self):
        r"""
        Remove every entry.

        EXAMPLES::

            sage: from sage_neuro.cache import ComputationCache, CacheKey
            sage: C = ComputationCache(); _ = C.put(CacheKey('x'), 1); C.clear(); len(C)
            0
        """
        self._entries.clear()

    def __contains__(self, key):
        return self._check(key) in self._entries

    def __len__(self):
        return len(self._entries)

    def __repr__(self):
        return "cache of %d results (at most %d)" % (len(self._entries), self.maxsize)


# the caches by network identity: a network object owns its cache for its
# lifetime, nothing is written into the network itself
_CACHES = {}


def cache_of(net):
    r"""
    Return the :class:`ComputationCache` of the network object ``net``,
    created on first use and dropped with the object.

    INPUT:

    - ``net`` -- an architecture (any object that supports weak references)

    EXAMPLES::

        sage: from sage_neuro import LinearNetwork
        sage: from sage_neuro.cache import cache_of
        sage: a, b = LinearNetwork([2, 1, 2]), LinearNetwork([2, 1, 2])
        sage: cache_of(a) is cache_of(a), cache_of(a) is cache_of(b)
        (True, False)
    """
    ident = id(net)
    entry = _CACHES.get(ident)
    if entry is not None and entry[0]() is net:
        return entry[1]
    try:
        ref = weakref.ref(net)
    except TypeError:
        raise TypeError("net must be an architecture object, not %r" % (net,)) from None
    cache = ComputationCache()
    _CACHES[ident] = (ref, cache)
    weakref.finalize(net, _CACHES.pop, ident, None)
    return cache
