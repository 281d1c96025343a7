r"""
Equivariant networks against the unconstrained ones.

A group-equivariant architecture (circular convolutions, DeepSets,
permutation-equivariant layers) is a weight-sharing subfamily of the fully
connected network with the same widths (:meth:`~sage_neuro.architectures.equivariant.EquivariantArchitecture.unconstrained_architecture`),
so its neuromanifold lies inside that network's neuromanifold and inside
the linear space of equivariant functions. :func:`equivariant_comparison`
computes, for both architectures, the number of parameters, the symmetry
dimension, the expected dimension, the dimension and (optionally) the
degree of the neuromanifold, each value with its provenance; the atlas
shows the table.

EXAMPLES::

    sage: from sage_neuro.architectures.circular import CircularCNN
    sage: from sage_neuro.invariants.equivariance import equivariant_comparison
    sage: C = equivariant_comparison(CircularCNN(2, [2, 2]))
    sage: print(C)
    architecture                            params  symmetries  ambient  equivariant  expected  dimension  degree
    CircularCNN(2, [2, 2])                       4           1        6            3         3          3       1
    PolynomialMLP([2, 2, 2], activation=2)       8           2        6            6         6          6       1
"""

from sage.rings.integer import Integer

from sage_neuro.provenance import Provenance, stopwatch

#: the columns of a comparison, in order
COLUMNS = ("params", "symmetries", "ambient", "equivariant", "expected", "dimension", "degree")


class EquivariantComparison:
    r"""
    The invariants of an equivariant architecture and of its unconstrained
    counterpart, side by side.

    Rows ``'equivariant'`` and ``'unconstrained'``, each a dictionary with
    the keys of :data:`COLUMNS` (``'equivariant'``: the dimension of the
    space of equivariant functions; for the unconstrained network the
    ambient dimension) and ``'architecture'``; :meth:`provenance` gives the
    records of the computed values.

    EXAMPLES::

        sage: from sage_neuro.architectures.deepsets import DeepSetsNetwork
        sage: C = DeepSetsNetwork(2, [1, 1], [1, 1], bias=True).equivariant_comparison()
        sage: C.row('equivariant')['dimension'], C.row('unconstrained')['dimension']
        (3, 6)
    """

    def __init__(self, rows, records):
        self._rows = rows
        self._records = records

    def row(self, which):
        r"""
        Return the row ``which`` (``'equivariant'`` or ``'unconstrained'``)
        as a dictionary.

        EXAMPLES::

            sage: from sage_neuro.architectures.circular import CircularCNN
            sage: C = CircularCNN(2, [2], activation=1).equivariant_comparison(degree=False)
            sage: C.row('unconstrained')['architecture'], C.row('unconstrained')['degree']
            ('PolynomialMLP([2, 2], activation=1)', None)
            sage: C.row('other')
            Traceback (most recent call last):
            ...
            ValueError: which must be 'equivariant' or 'unconstrained', not 'other'
        """
        if which not in self._rows:
            raise ValueError("which must be 'equivariant' or 'unconstrained', not %r" % (which,))
        return dict(self._rows[which])

    def provenance(self, which, name):
        r"""
        Return the :class:`~sage_neuro.provenance.Provenance` of the value
        ``name`` (``'dimension'`` or ``'degree'``) of the row ``which``.

        EXAMPLES::

            sage: from sage_neuro.architectures.circular import CircularCNN
            sage: C = CircularCNN(2, [2, 2]).equivariant_comparison()
            sage: C.provenance('equivariant', 'degree').method
            'modular'
        """
        key = (which, name)
        if key not in self._records:
            raise ValueError("no record for %r of the %r row; recorded: %s"
                             % (name, which, sorted(self._records)))
        return self._records[key]

    def is_subfamily_consistent(self):
        r"""
        Return whether the computed values respect the inclusions: the
        equivariant neuromanifold lies in the unconstrained one and in the
        equivariant functions, so its dimension is at most both.

        EXAMPLES::

            sage: from sage_neuro.architectures.circular import CircularCNN
            sage: CircularCNN(2, [2, 2]).equivariant_comparison(degree=False).is_subfamily_consistent()
            True
        """
        e, u = self._rows["equivariant"], self._rows["unconstrained"]
        return e["dimension"] <= u["dimension"] and e["dimension"] <= e["equivariant"]

    def as_dict(self):
        r"""
        Return the comparison as a JSON-friendly dictionary: the two rows
        and the provenance records.

        EXAMPLES::

            sage: from sage_neuro.architectures.circular import CircularCNN
            sage: d = CircularCNN(2, [2]).equivariant_comparison(degree=False).as_dict()
            sage: sorted(d), d['rows']['equivariant']['dimension']
            (['provenance', 'rows'], 2)
        """
        rows = {k: {c: (None if v is None else (v if isinstance(v, str) else int(v)))
                    for c, v in r.items()} for k, r in self._rows.items()}
        prov = {"%s.%s" % k: p.as_dict() for k, p in self._records.items()}
        return {"rows": rows, "provenance": prov}

    def __repr__(self):
        names = [self._rows[k]["architecture"] for k in ("equivariant", "unconstrained")]
        width = max(len(s) for s in names) + 2
        lines = ["architecture".ljust(width) + "  ".join(c.rjust(6) if len(c) < 6 else c
                                                         for c in COLUMNS)]
        for k in ("equivariant", "unconstrained"):
            r = self._rows[k]
            cells = []
            for c in COLUMNS:
                v = r[c]
                cells.append(("-" if v is None else str(v)).rjust(max(6, len(c))))
            lines.append(r["architecture"].ljust(width) + "  ".join(cells))
        return "\n".join(lines)


def equivariant_comparison(net, degree=True, method="modular", timeout=None):
    r"""
    Return the :class:`EquivariantComparison` of the equivariant
    architecture ``net`` with its unconstrained counterpart.

    INPUT:

    - ``net`` -- an
      :class:`~sage_neuro.architectures.equivariant.EquivariantArchitecture`
    - ``degree`` -- (default ``True``) also compute both degrees (the
      unconstrained degree is the expensive value: MLP ``[3, 3, 3]`` with
      ``t^2`` has degree 30, about 6 s)
    - ``method`` -- (default ``'modular'``) the route, passed as it is to
      :meth:`~sage_neuro.neuromanifold.Neuromanifold.dimension` and
      :meth:`~sage_neuro.neuromanifold.Neuromanifold.degree` (which name
      the routes they allow)
    - ``timeout`` -- seconds per Macaulay2 call

    OUTPUT: an :class:`EquivariantComparison`

    EXAMPLES::

        sage: from sage_neuro.architectures.deepsets import DeepSetsNetwork
        sage: from sage_neuro.invariants.equivariance import equivariant_comparison
        sage: C = equivariant_comparison(DeepSetsNetwork(2, [1, 2], [2, 1]))
        sage: C.row('equivariant')['dimension'], C.row('unconstrained')['dimension']
        (1, 3)
        sage: equivariant_comparison(DeepSetsNetwork(2, [1, 2], [2, 1]), method='numerical')
        Traceback (most recent call last):
        ...
        ValueError: method must be one of ..., not 'numerical'
        sage: from sage_neuro import PolynomialMLP
        sage: equivariant_comparison(PolynomialMLP([2, 2, 1]))
        Traceback (most recent call last):
        ...
        TypeError: net must be an equivariant architecture (CircularCNN, DeepSetsNetwork, PermutationEquivariantNetwork), not PolynomialMLP([2, 2, 1], activation=2)
    """
    from sage_neuro.architectures.equivariant import EquivariantArchitecture
    if not isinstance(net, EquivariantArchitecture):
        raise TypeError("net must be an equivariant architecture (CircularCNN, DeepSetsNetwork, "
                        "PermutationEquivariantNetwork), "
                        "not %r" % (net,))
    rows, records = {}, {}
    for which, arch in (("equivariant", net), ("unconstrained", net.unconstrained_architecture())):
        M = arch.neuromanifold()
        if which == "equivariant":
            with stopwatch() as t:
                eq = net.equivariant_space_dimension()
            records[(which, "equivariant")] = Provenance(
                "equivariant_space_dimension", eq, "proved", seconds=t[0],
                route="orbits of the group on the coordinates (output, monomial)",
                certificate="the group permutes the coordinates; equivariant functions are "
                            "constant on the orbits")
        else:
            eq = arch.ambient_dimension()
        row = {"architecture": repr(arch), "params": arch.num_parameters(),
               "symmetries": arch.symmetry_dimension(), "ambient": arch.ambient_dimension(),
               "equivariant": eq, "expected": arch.expected_dimension(),
               "dimension": M.dimension(method=method), "degree": None}
        records[(which, "dimension")] = M.provenance("dimension")
        if degree:
            row["degree"] = M.degree(method=method, timeout=timeout)
            records[(which, "degree")] = M.provenance("degree")
        rows[which] = {k: (v if v is None or isinstance(v, str) else Integer(v)) for k, v in row.items()}
    return EquivariantComparison(rows, records)


def comparison_examples():
    r"""
    Return the equivariant architectures whose comparison with the
    unconstrained network (degrees included) is shown in the atlas: one or
    more of each family, small enough that the unconstrained degree is
    computed in seconds (the unconstrained MLP grows with the group: the
    DeepSets ``(2, [3, 2], [2, 1])`` is compared with the MLP ``[6, 4, 1]``,
    whose degree takes minutes).

    OUTPUT: a list of
    :class:`~sage_neuro.architectures.equivariant.EquivariantArchitecture`

    EXAMPLES::

        sage: from sage_neuro.invariants.equivariance import comparison_examples
        sage: for net in comparison_examples(): print(net)
        CircularCNN(3, [2, 2], activation=1)
        CircularCNN(3, [2], pooling='sum')
        CircularCNN(3, [3], activation=3, pooling='sum')
        DeepSetsNetwork(2, [2, 1], [1, 1])
        PermutationEquivariantNetwork(2, [1, 1, 1])
        PermutationEquivariantNetwork(2, [1, 1, 1], bias=True)
    """
    from sage_neuro.architectures.circular import CircularCNN
    from sage_neuro.architectures.deepsets import DeepSetsNetwork, PermutationEquivariantNetwork
    return [CircularCNN(3, [2, 2], activation=1), CircularCNN(3, [2], pooling="sum"),
            CircularCNN(3, [3], activation=3, pooling="sum"), DeepSetsNetwork(2, [2, 1], [1, 1]),
            PermutationEquivariantNetwork(2, [1, 1, 1]),
            PermutationEquivariantNetwork(2, [1, 1, 1], bias=True)]
