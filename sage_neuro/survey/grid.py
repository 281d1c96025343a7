r"""
Grids of small architectures for surveys.

A *case* is one architecture, named by a canonical key such as
``'mlp:activation=2;widths=3-2-1'`` (family, then ``name=value`` pairs in
alphabetical order; tuples are written with dashes). Keys identify the rows
of a survey database, so they never depend on the order in which a grid was
written.

A *grid spec* is a string of ``name=VALUES`` items separated by ``;``;
``VALUES`` is a comma-separated list of integers or ranges ``a..b``
(inclusive), or, for tuple-valued names, of dash-separated tuples. The
cases are all combinations (a Cartesian product). The names per family:

- ``linear``: ``input``, ``hidden``, ``output``, ``depth`` (number of
  hidden layers; every hidden width runs over ``hidden``), or explicit
  ``widths=4-2-3,3-2-3``
- ``mlp``: as ``linear``, plus ``activation`` (degree ``r`` of ``x^r``),
  ``bias`` (0 or 1) and ``generic`` (1: the activation is the polynomial
  of degree ``r`` with all lower coefficients nonzero of
  :func:`mlp_activation`, instead of ``x^r``)
- ``cnn``: ``filter`` (size of each filter), ``layers``, ``stride`` (one
  stride for all layers), ``activation`` (1: linear CNN), or explicit
  ``filters=2-2,3-2``
- ``attention``: ``d``, ``a``, ``dout``, ``t``, ``layers``

Without a spec each family has a default grid (:data:`DEFAULT_GRIDS`, at
least 20 cases each); the family ``all`` is the union of the four default
grids, the 100-case survey run by ``sage-neuro survey all``.

EXAMPLES::

    sage: from sage_neuro.survey.grid import grid_cases
    sage: cases = grid_cases('mlp', 'input=2..3;hidden=2;output=1;activation=2,3')
    sage: [c.key for c in cases]
    ['mlp:activation=2;widths=2-2-1',
     'mlp:activation=3;widths=2-2-1',
     'mlp:activation=2;widths=3-2-1',
     'mlp:activation=3;widths=3-2-1']
    sage: len(grid_cases('all')) >= 100
    True
"""

import itertools
import re

FAMILIES = ("linear", "mlp", "cnn", "attention")

#: The default grid of each family (a grid spec, see the module doc).
DEFAULT_GRIDS = {
    # 3x3x3 = 27 linear networks with one hidden layer
    "linear": "input=2..4;hidden=1..3;output=2..4;depth=1",
    # 2x3x2x2x... = 24 shallow MLPs plus 12 of depth two: degree 2 and 3
    "mlp": "input=2..3;hidden=1..3;output=1..2;depth=1;activation=2,3",
    # filters of sizes 2..3 on 1..3 layers, linear and quadratic: 28 CNNs
    "cnn": "filter=2..3;layers=1..3;activation=1,2",
    # 2x2x2x... = 24 one-layer attention networks
    "attention": "d=2..3;a=1..2;dout=1..2;t=2..4",
}

#: extra default cases of the ``mlp`` family (depth two), added to its grid
_MLP_DEEP = "input=2..3;hidden=2..3;output=1;depth=2;activation=2"

#: the names of the grid parameters of each family
GRID_NAMES = {
    "linear": ("input", "hidden", "output", "depth", "widths"),
    "mlp": ("input", "hidden", "output", "depth", "widths", "activation", "bias", "generic"),
    "cnn": ("filter", "layers", "stride", "activation", "filters"),
    "attention": ("d", "a", "dout", "t", "layers"),
}

_TUPLE_NAMES = ("widths", "filters")


class Case:
    r"""
    One architecture of a survey: a family and its parameters.

    INPUT:

    - ``family`` -- ``'linear'``, ``'mlp'``, ``'cnn'`` or ``'attention'``
    - ``params`` -- dictionary of integers and tuples of integers

    EXAMPLES::

        sage: from sage_neuro.survey.grid import Case
        sage: c = Case('linear', {'widths': (4, 2, 3)}); c
        Case('linear:widths=4-2-3')
        sage: Case.from_key(c.key) == c
        True
        sage: c.architecture()
        LinearNetwork([4, 2, 3])
    """

    def __init__(self, family, params):
        if family not in FAMILIES and family not in EXTRA_FAMILIES:
            raise ValueError("unknown family %r; available: %s"
                             % (family, ", ".join(FAMILIES + tuple(EXTRA_FAMILIES))))
        self.family = family
        self.params = {k: (tuple(int(x) for x in v) if isinstance(v, (tuple, list)) else int(v))
                       for k, v in params.items()}
        self.key = family + ":" + ";".join(
            "%s=%s" % (k, "-".join(str(x) for x in v) if isinstance(v, tuple) else v)
            for k, v in sorted(self.params.items()))

    @classmethod
    def from_key(cls, key):
        r"""
        Return the case whose key is ``key``.

        EXAMPLES::

            sage: from sage_neuro.survey.grid import Case
            sage: Case.from_key('cnn:activation=2;filters=2-2').params
            {'activation': 2, 'filters': (2, 2)}
            sage: Case.from_key('resnet:x=1')
            Traceback (most recent call last):
            ...
            ValueError: unknown family 'resnet'; available: linear, mlp, cnn, attention, skipmlp, circular, deepsets, permutation_equivariant
        """
        family, _, rest = key.partition(":")
        params = {}
        for item in filter(None, rest.split(";")):
            k, _, v = item.partition("=")
            params[k] = (tuple(int(x) for x in v.split("-"))
                         if k in _TUPLE_NAMES or k in EXTRA_TUPLE_NAMES else int(v))
        return cls(family, params)

    def architecture(self):
        r"""
        Return the architecture (this imports Sage: call it in the process
        that computes).

        EXAMPLES::

            sage: from sage_neuro.survey.grid import Case
            sage: Case('attention', {'d': 2, 'a': 2, 'dout': 1, 't': 2, 'layers': 1}).architecture()
            LightningSelfAttention(d=2, a=2, d_out=1, t=2)
        """
        p = self.params
        if self.family in EXTRA_FAMILIES:
            return extra_architecture(self.family, p)
        if self.family == "linear":
            from sage_neuro.architectures.linear import LinearNetwork
            return LinearNetwork(list(p["widths"]))
        if self.family == "mlp":
            from sage_neuro.architectures.mlp import PolynomialMLP
            return PolynomialMLP(list(p["widths"]), activation=mlp_activation(p),
                                 bias=bool(p.get("bias", 0)))
        if self.family == "cnn":
            from sage_neuro.architectures.cnn import PolynomialCNN
            f = list(p["filters"])
            strides = [p["stride"]] * len(f) if "stride" in p else None
            return PolynomialCNN(f, strides=strides, activation=p.get("activation", 2))
        from sage_neuro.architectures.attention import LightningSelfAttention
        return LightningSelfAttention(p["d"], p["a"], p["dout"], p["t"], layers=p.get("layers", 1))

    def __eq__(self, other):
        return isinstance(other, Case) and self.key == other.key

    def __hash__(self):
        return hash(self.key)

    def __repr__(self):
        return "Case(%r)" % self.key


def _parse_values(name, text, spec):
    out = []
    for item in text.split(","):
        item = item.strip()
        try:
            if name in _TUPLE_NAMES or name in EXTRA_TUPLE_NAMES:
                t = tuple(int(x) for x in item.split("-"))
                if not t or min(t) < 1:
                    raise ValueError
                out.append(t)
            elif ".." in item:
                a, b = (int(x) for x in item.split(".."))
                if a > b:
                    raise ValueError
                out.extend(range(a, b + 1))
            else:
                out.append(int(item))
        except ValueError:
            raise ValueError("bad grid %r: %s=%s; values must be integers, ranges a..b with a <= b%s"
                             % (spec, name, text, " or dash-separated tuples like 4-2-3"
                                if name in _TUPLE_NAMES else "")) from None
    flags = ("bias", "generic") + EXTRA_FLAGS
    lo = 0 if name in flags + ("depth",) else 1
    if any(not isinstance(v, tuple) and v < lo for v in out):
        raise ValueError("bad grid %r: %s must be integers >= %d" % (spec, name, lo))
    if name in flags and any(v > 1 for v in out):
        raise ValueError("bad grid %r: %s must be 0 or 1" % (spec, name))
    return out


def parse_grid(family, spec):
    r"""
    Parse the grid spec ``spec`` of ``family`` into a dictionary
    ``name -> list of values``.

    INPUT:

    - ``family`` -- ``'linear'``, ``'mlp'``, ``'cnn'`` or ``'attention'``
    - ``spec`` -- a grid spec (see the module doc)

    OUTPUT: a dictionary of lists

    EXAMPLES::

        sage: from sage_neuro.survey.grid import parse_grid
        sage: parse_grid('attention', 'd=2..3; a=1,2')
        {'a': [1, 2], 'd': [2, 3]}
        sage: parse_grid('mlp', 'widths=3-2-1,2-2-1')
        {'widths': [(3, 2, 1), (2, 2, 1)]}
        sage: parse_grid('mlp', 'width=3')
        Traceback (most recent call last):
        ...
        ValueError: bad grid 'width=3': unknown name 'width' for family 'mlp'; allowed: input, hidden, output, depth, widths, activation, bias, generic
        sage: parse_grid('mlp', 'hidden=3..1')
        Traceback (most recent call last):
        ...
        ValueError: bad grid 'hidden=3..1': hidden=3..1; values must be integers, ranges a..b with a <= b
    """
    names = dict(GRID_NAMES, **EXTRA_GRID_NAMES)
    if family not in names:
        raise ValueError("unknown family %r; available: %s"
                         % (family, ", ".join(FAMILIES + ("all",) + tuple(EXTRA_FAMILIES))))
    if not isinstance(spec, str):
        raise TypeError("grid must be a string like 'input=2..3;hidden=1,2', not %r" % (spec,))
    out = {}
    for item in filter(None, (s.strip() for s in spec.split(";"))):
        m = re.fullmatch(r"([a-z]+)\s*=\s*(.+)", item)
        if not m:
            raise ValueError("bad grid %r: %r is not of the form name=values" % (spec, item))
        name, text = m.groups()
        if name not in names[family]:
            raise ValueError("bad grid %r: unknown name %r for family %r; allowed: %s"
                             % (spec, name, family, ", ".join(names[family])))
        if name in out:
            raise ValueError("bad grid %r: %s given twice" % (spec, name))
        out[name] = _parse_values(name, text, spec)
    if not out:
        raise ValueError("bad grid %r: empty; give name=values items separated by ';'" % (spec,))
    return dict(sorted(out.items()))


def _product(d):
    names = sorted(d)
    for values in itertools.product(*(d[n] for n in names)):
        yield dict(zip(names, values))


def _dense_cases(family, g):
    extra = {k: v for k, v in g.items() if k in ("activation", "bias", "generic")}
    if "widths" in g:
        shapes = g["widths"]
    else:
        shape = {k: g.get(k, [2]) for k in ("input", "hidden", "output")}
        shape["depth"] = g.get("depth", [1])
        shapes = []
        for s in _product(shape):
            for hidden in itertools.product(shape["hidden"], repeat=s["depth"]):
                w = (s["input"],) + hidden + (s["output"],)
                if w not in shapes:
                    shapes.append(w)
    for w in shapes:
        for e in _product(extra):
            yield Case(family, dict(widths=w, **e))


def _cnn_cases(g):
    extra = {k: v for k, v in g.items() if k in ("activation", "stride")}
    if "filters" in g:
        shapes = g["filters"]
    else:
        shapes = [f for L in g.get("layers", [2])
                  for f in itertools.product(g.get("filter", [2]), repeat=L)]
    for f in shapes:
        for e in _product(extra):
            yield Case("cnn", dict(filters=f, **e))


def grid_cases(family, spec=None):
    r"""
    Return the cases of the grid ``spec`` of ``family`` (default: its
    default grid), in a fixed order without repetitions.

    INPUT:

    - ``family`` -- ``'linear'``, ``'mlp'``, ``'cnn'``, ``'attention'`` or
      ``'all'`` (the union of the default grids; takes no spec)
    - ``spec`` -- a grid spec or ``None``

    OUTPUT: a list of :class:`Case`

    EXAMPLES::

        sage: from sage_neuro.survey.grid import grid_cases
        sage: [len(grid_cases(f)) for f in ('linear', 'mlp', 'cnn', 'attention', 'all')]
        [27, 32, 28, 24, 111]
        sage: grid_cases('cnn', 'filters=2-2;stride=1,2')
        [Case('cnn:filters=2-2;stride=1'), Case('cnn:filters=2-2;stride=2')]
        sage: grid_cases('resnet')
        Traceback (most recent call last):
        ...
        ValueError: unknown family 'resnet'; available: linear, mlp, cnn, attention, all, skipmlp, circular, deepsets, permutation_equivariant
        sage: grid_cases('all', 'd=2')
        Traceback (most recent call last):
        ...
        ValueError: the family 'all' is the union of the default grids and takes no --grid
    """
    if family == "all":
        if spec is not None:
            raise ValueError("the family 'all' is the union of the default grids and takes no --grid")
        return [c for f in FAMILIES for c in grid_cases(f)]
    if family in EXTRA_FAMILIES:
        return extra_cases(family, spec)
    if family not in FAMILIES:
        raise ValueError("unknown family %r; available: %s"
                         % (family, ", ".join(FAMILIES + ("all",) + tuple(EXTRA_FAMILIES))))
    specs = [spec] if spec is not None else [DEFAULT_GRIDS[family]]
    if spec is None and family == "mlp":
        specs.append(_MLP_DEEP)
    cases = []
    for s in specs:
        g = parse_grid(family, s)
        if family in ("linear", "mlp"):
            new = _dense_cases(family, g)
        elif family == "cnn":
            new = _cnn_cases(g)
        else:
            full = {k: g.get(k, [v]) for k, v in (("d", 2), ("a", 2), ("dout", 1), ("t", 2))}
            if "layers" in g:
                full["layers"] = g["layers"]
            new = (Case("attention", p) for p in _product(full))
        for c in new:
            if c not in cases:
                cases.append(c)
    return cases


# -- families outside the default 'all' survey: skip connections and
#    lower-order terms, equivariant networks -----------------------------------

#: default grids of the extra families (not part of ``all``): MLPs with and
#: without identity skip connections, ``sigma = t^r`` against ``t^r + ... + t``
#: (``lower=1``; the skip cases need equal consecutive widths and are left out
#: otherwise), and the equivariant families of
#: :func:`~sage_neuro.invariants.equivariance.comparison_examples`
EXTRA_FAMILIES = {
    "skipmlp": "widths=1-1-2,2-2-1,2-2-2,3-2-1,2-3-2;activation=2,3;skip=0,1;lower=0,1",
    "circular": "n=3;filters=2-2,2;activation=1,2;pool=0,1",
    "deepsets": "n=2;phi=2-1,1-2;rho=1-1,2-1",
    "permutation_equivariant": "n=2;widths=1-1-1,1-2-1;bias=0,1",
}

#: the grid parameters of the extra families
EXTRA_GRID_NAMES = {
    "skipmlp": ("widths", "activation", "skip", "lower", "bias"),
    "circular": ("n", "filters", "activation", "pool", "bias"),
    "deepsets": ("n", "phi", "rho", "activation", "bias"),
    "permutation_equivariant": ("n", "widths", "activation", "bias"),
}

#: tuple-valued and 0/1-valued names of the extra families
EXTRA_TUPLE_NAMES = ("phi", "rho")
EXTRA_FLAGS = ("skip", "lower", "pool")


def lower_order_activation(r):
    r"""
    Return ``t^r + t^(r-1) + ... + t``, the activation of ``lower=1`` in the
    ``skipmlp`` grid: degree ``r``, ``sigma(0) = 0``, every lower term
    present (neither even nor odd, and for ``r >= 2`` no rescaling
    symmetry without bias).

    EXAMPLES::

        sage: from sage_neuro.survey.grid import lower_order_activation
        sage: lower_order_activation(3)
        t^3 + t^2 + t
    """
    from sage_neuro.architectures.activation import activation_ring
    t = activation_ring().gen()
    return sum(t ** k for k in range(1, int(r) + 1))


def extra_architecture(family, p):
    r"""
    Return the architecture of the case ``p`` (a dictionary of grid
    parameters) of an extra family (:data:`EXTRA_FAMILIES`).

    EXAMPLES::

        sage: from sage_neuro.survey.grid import extra_architecture
        sage: extra_architecture('skipmlp', {'widths': (2, 2, 1), 'activation': 2, 'skip': 1, 'lower': 1})
        PolynomialMLP([2, 2, 1], activation=t^2 + t, skip=True)
        sage: extra_architecture('circular', {'n': 3, 'filters': (2,), 'pool': 1})
        CircularCNN(3, [2], pooling='sum')
        sage: extra_architecture('deepsets', {'n': 2, 'phi': (2, 1), 'rho': (1, 1)})
        DeepSetsNetwork(2, [2, 1], [1, 1])
        sage: extra_architecture('resnet', {})
        Traceback (most recent call last):
        ...
        ValueError: family must be one of skipmlp, circular, deepsets, permutation_equivariant, not 'resnet'
    """
    if family not in EXTRA_FAMILIES:
        raise ValueError("family must be one of %s, not %r" % (", ".join(EXTRA_FAMILIES), family))
    r = p.get("activation", 2)
    bias = bool(p.get("bias", 0))
    if family == "skipmlp":
        from sage_neuro.architectures.mlp import PolynomialMLP
        act = lower_order_activation(r) if p.get("lower", 0) and r > 1 else r
        return PolynomialMLP(list(p["widths"]), activation=act, bias=bias,
                             skip=bool(p.get("skip", 0)))
    if family == "circular":
        from sage_neuro.architectures.circular import CircularCNN
        return CircularCNN(p["n"], list(p["filters"]), activation=r,
                           pooling="sum" if p.get("pool", 0) else None, bias=bias)
    from sage_neuro.architectures.deepsets import DeepSetsNetwork, PermutationEquivariantNetwork
    if family == "deepsets":
        return DeepSetsNetwork(p["n"], list(p["phi"]), list(p["rho"]), activation=r, bias=bias)
    return PermutationEquivariantNetwork(p["n"], list(p["widths"]), activation=r, bias=bias)


def extra_cases(family, spec=None):
    r"""
    Return the cases of the grid ``spec`` (default: :data:`EXTRA_FAMILIES`)
    of an extra family; cases that do not define an architecture (a skip
    connection without equal consecutive widths, a filter that does not
    fit) are left out.

    EXAMPLES::

        sage: from sage_neuro.survey.grid import extra_cases, grid_cases
        sage: [c.key for c in extra_cases('skipmlp', 'widths=2-2-1,3-2-1;skip=0,1')]
        ['skipmlp:skip=0;widths=2-2-1',
         'skipmlp:skip=0;widths=3-2-1',
         'skipmlp:skip=1;widths=2-2-1']
        sage: len(grid_cases('skipmlp')), len(grid_cases('circular'))
        (32, 8)
    """
    g = parse_grid(family, spec if spec is not None else EXTRA_FAMILIES[family])
    out = []
    for p in _product(g):
        c = Case(family, p)
        try:
            c.architecture()
        except ValueError:
            continue
        if c not in out:
            out.append(c)
    return out


def mlp_activation(params):
    r"""
    Return the activation of the MLP case with parameters ``params``: the
    degree ``r = params['activation']`` (default 2), as ``x^r``, or with
    ``params['generic'] = 1`` the polynomial
    ``x^r - 2 x^(r-1) + 3 x^(r-2) - ... +- r x`` (no constant term: the
    network stays homogeneous in no variable but keeps ``0`` fixed; all
    coefficients nonzero and distinct in absolute value, so no monomial
    symmetry of ``x^r`` survives).

    INPUT:

    - ``params`` -- the parameters of a case of the family ``mlp``

    OUTPUT: an integer or a univariate polynomial over ``QQ``

    EXAMPLES::

        sage: from sage_neuro.survey.grid import mlp_activation
        sage: mlp_activation({'activation': 3})
        3
        sage: mlp_activation({'activation': 3, 'generic': 1})
        t^3 - 2*t^2 + 3*t
        sage: mlp_activation({'activation': 1, 'generic': 1})
        Traceback (most recent call last):
        ...
        ValueError: a generic activation needs activation >= 2, not 1
    """
    r = int(params.get("activation", 2))
    if not params.get("generic", 0):
        return r
    if r < 2:
        raise ValueError("a generic activation needs activation >= 2, not %d" % r)
    from sage.rings.rational_field import QQ
    t = QQ["t"].gen()
    return sum((-1) ** j * (j + 1) * t ** (r - j) for j in range(r))


#: The frontier grid: architectures beyond the published tables (see
#: ``docs/frontier/README.md``): family -> grid specs, whose union
#: :func:`frontier_cases` returns.
FRONTIER_GRIDS = {
    "mlp": (
        # shallow, cubic and quartic activations, one and two outputs
        "input=2..3;hidden=1..3;output=1..2;depth=1;activation=3",
        "input=2;hidden=2..3;output=1..2;depth=1;activation=4",
        # depth two, three and four with narrow layers
        "input=2..3;hidden=1..2;output=1..2;depth=2;activation=2",
        "input=2;hidden=1..2;output=1;depth=2;activation=3",
        "input=2;hidden=1..2;output=1;depth=3;activation=2",
        "widths=2-1-1-1-1-1,2-2-1-1-1-1,2-2-2-2-2-1;activation=2",
        # generic (non-monomial) activations
        "input=2..3;hidden=1..2;output=1;depth=1;activation=2,3;generic=1",
        "input=2;hidden=1..2;output=1;depth=2;activation=2;generic=1",
    ),
    "cnn": (
        # filters up to 5, strides 1 to 3, quadratic and cubic
        "filters=2-2,2-3,3-2,3-3,2-4,4-2,2-5,5-2;activation=2,3;stride=2",
        "filters=2-2,2-3,3-3;activation=2;stride=3",
        "filters=2-2-2,2-2-3;activation=2;stride=1,2",
    ),
    "attention": (
        # one layer with d, a up to 3; two layers where the shapes allow
        "d=2..3;a=1..3;dout=1..2;t=2",
        "d=2;a=1..2;dout=2;t=2;layers=2",
    ),
}


def frontier_cases(families=None):
    r"""
    Return the cases of the frontier grid (:data:`FRONTIER_GRIDS`), in a
    fixed order without repetitions.

    INPUT:

    - ``families`` -- ``None`` (all) or a list of family names

    OUTPUT: a list of :class:`Case`

    EXAMPLES::

        sage: from sage_neuro.survey.grid import frontier_cases
        sage: cases = frontier_cases()
        sage: len(cases) >= 80, sorted({c.family for c in cases})
        (True, ['attention', 'cnn', 'mlp'])
        sage: max(len(c.params['widths']) for c in cases if c.family == 'mlp') - 2
        4
        sage: frontier_cases(['resnet'])
        Traceback (most recent call last):
        ...
        ValueError: unknown frontier family 'resnet'; available: mlp, cnn, attention
    """
    families = list(FRONTIER_GRIDS) if families is None else list(families)
    for f in families:
        if f not in FRONTIER_GRIDS:
            raise ValueError("unknown frontier family %r; available: %s" % (f, ", ".join(FRONTIER_GRIDS)))
    out = []
    for f in families:
        for spec in FRONTIER_GRIDS[f]:
            for c in grid_cases(f, spec):
                if c not in out:
                    out.append(c)
    return out
