r"""
Quantifier elimination with QEPCAD B: the one module of sage-neuro that
calls QEPCAD (through Sage's interface ``sage.interfaces.qepcad``, shipped
by the distribution ``passagemath-qepcad``).

The real image ``mu(R^N)`` of a polynomial map is the set of ``x`` with
``exists theta: x = mu(theta)``; cylindrical algebraic decomposition
eliminates the quantifier and returns a quantifier-free formula in ``x``
(Tarski-Seidenberg; Collins' algorithm as implemented in QEPCAD B,
Brown 2003). It is exact, and doubly exponential in the number of
variables, so it is used on small networks only, as the second route that
confirms :func:`~sage_neuro.invariants.real_boundary.semialgebraic_description`.

EXAMPLES:

The linear CNN ``(a x + b)(c x + d)`` gives the quadratics with a
nonnegative discriminant::

    sage: from sage_neuro import PolynomialCNN
    sage: from sage_neuro.invariants.qepcad import qepcad_available, real_image_formula
    sage: # optional - qepcad
    sage: qepcad_available()
    True
    sage: real_image_formula(PolynomialCNN([2, 2], activation=1))
    '4 c0_0 c0_2 - c0_1^2 <= 0'
"""

from sage.rings.polynomial.polynomial_ring_constructor import PolynomialRing
from sage.rings.rational_field import QQ


def qepcad_available():
    r"""
    Return whether QEPCAD B can be run (the distribution
    ``passagemath-qepcad`` is installed).

    EXAMPLES::

        sage: from sage_neuro.invariants.qepcad import qepcad_available
        sage: qepcad_available() in (True, False)
        True
    """
    try:
        from sage.features.qepcad import Qepcad
    except ImportError:
        return False
    return bool(Qepcad().is_present())


def _require_qepcad():
    if not qepcad_available():
        raise RuntimeError("QEPCAD B is not installed: install the distribution passagemath-qepcad "
                           "(pip install 'sage-neuro[passagemath]')")
    from sage.interfaces.qepcad import qepcad, qepcad_formula, qformula
    return qepcad, qepcad_formula, qformula


def _graph_ring(net):
    # coordinates and parameters in one ring, coordinate names first
    C = net.coordinate_ring()
    P = net.parameter_ring()
    T = PolynomialRing(QQ, list(C.variable_names()) + list(P.variable_names()))
    n = C.ngens()
    return T, T.gens()[:n], T.gens()[n:]


def real_image_formula(net, gauge=None):
    r"""
    Return a quantifier-free formula (QEPCAD's syntax, a string) in the
    coordinates of ``net.coordinate_ring()`` that holds exactly on the real
    image ``mu(R^N)``.

    The input is ``exists theta: x = mu(theta)``; with a ``gauge`` (a
    substitution of some parameters by constants, e.g. a cell of
    :func:`~sage_neuro.invariants.real_membership.gauge_cells` that every
    real orbit meets) the substituted map is eliminated instead.

    INPUT:

    - ``net`` -- an architecture
    - ``gauge`` -- (default ``None``) a dictionary parameter -> rational

    OUTPUT: a string; ``'TRUE'`` when the image is the whole space

    EXAMPLES:

    The rank-one binary quadratic forms ``v (w . x)^2`` (MLP ``[2, 1, 1]``,
    activation ``t^2``): the real image is the whole real cone
    ``b^2 = 4 a c``::

        sage: from sage_neuro import PolynomialMLP, PolynomialCNN
        sage: from sage_neuro.invariants.qepcad import real_image_formula
        sage: real_image_formula(PolynomialMLP([2, 1, 1]))  # optional - qepcad
        '4 c0_0 c0_2 - c0_1^2 = 0'

    A gauge substitution must be a dictionary of parameters::

        sage: real_image_formula(PolynomialCNN([2, 2], activation=1), gauge=[1])
        Traceback (most recent call last):
        ...
        TypeError: gauge must be a dictionary parameter -> rational, not [1]
    """
    # bad input is reported whether or not QEPCAD is installed
    if gauge is not None and not isinstance(gauge, dict):
        raise TypeError("gauge must be a dictionary parameter -> rational, not %r" % (gauge,))
    qepcad, qf, _ = _require_qepcad()
    T, xs, ts = _graph_ring(net)
    P = net.parameter_ring()
    to_T = P.hom(list(ts), T)
    sub = {to_T(P(k)): QQ(v) for k, v in (gauge or {}).items()}
    eqs = [x - to_T(f).subs(sub) for x, f in zip(xs, net.coordinate_functions())]
    free = [t for t in ts if t not in sub and any(e.degree(t) > 0 for e in eqs)]
    F = qf.and_(*[qf.atomic(e) for e in eqs])
    if free:
        F = qf.exists(free, F)
    answer = str(qepcad(F)).strip()
    if not answer:
        raise ArithmeticError("QEPCAD returned no formula for %r" % (net,))
    return answer


def decide_equivalence(net, formula, polynomials_and_signs, walls=()):
    r"""
    Decide with QEPCAD whether the quantifier-free ``formula`` (QEPCAD's
    syntax, in the coordinates of ``net``) agrees with a union of sign
    conditions off the walls: the sentence
    ``forall x: prod(walls) /= 0 ==> (formula <==> D(x))`` where ``D`` is
    the disjunction over ``polynomials_and_signs`` (a list of conjunctions,
    each a list of pairs ``(polynomial, sign)`` with sign in ``-1, 0, 1``).

    INPUT:

    - ``net`` -- an architecture (for its coordinate names)
    - ``formula`` -- a string in QEPCAD's syntax
    - ``polynomials_and_signs`` -- a list of lists of pairs ``(g, s)``, ``g``
      in ``net.coordinate_ring()``
    - ``walls`` -- (default ``()``) polynomials off whose zeros the
      agreement is asked

    OUTPUT: ``True`` or ``False`` (the truth of the sentence)

    EXAMPLES::

        sage: from sage_neuro import PolynomialCNN
        sage: from sage_neuro.invariants.qepcad import decide_equivalence
        sage: net = PolynomialCNN([2, 2], activation=1)
        sage: x0, x1, x2 = net.coordinate_ring().gens()
        sage: g = x1^2 - 4*x0*x2
        sage: # optional - qepcad
        sage: decide_equivalence(net, '4 c0_0 c0_2 - c0_1^2 <= 0', [[(g, 1)]], walls=[g])
        True
        sage: decide_equivalence(net, '4 c0_0 c0_2 - c0_1^2 <= 0', [[(g, -1)]], walls=[g])
        False

    A formula without variables (the whole space, no walls)::

        sage: decide_equivalence(net, 'TRUE', [[]]), decide_equivalence(net, 'TRUE', [])  # optional - qepcad
        (True, False)
    """
    qepcad, qf, qformula = _require_qepcad()
    C = net.coordinate_ring()
    names = list(C.variable_names())
    ops = {-1: "<", 0: "=", 1: ">"}
    disjuncts = []
    for conj in polynomials_and_signs:
        atoms = [qf.atomic(C(g), ops[int(s)]) for g, s in conj]
        disjuncts.append(qf.and_(*atoms) if atoms else qf.atomic(C.zero()))
    if not disjuncts:
        D = qf.atomic(C.one())          # 1 = 0: false
    elif len(disjuncts) == 1:
        D = disjuncts[0]
    else:
        D = qf.or_(*disjuncts)
    import re
    constant = {"TRUE": True, "FALSE": False}.get(formula)
    walls = [C(w) for w in walls]
    if constant is not None and not walls and not D.vars:
        # nothing to quantify (QEPCAD needs a variable): D is 0 = 0 or 1 = 0
        return constant == (D.formula.strip("[] ") == "0 = 0")
    text = {"TRUE": "0 = 0", "FALSE": "1 = 0"}.get(formula, formula)
    # a variable name is a whole word of the formula (c0_1 is not in c0_10)
    in_formula = frozenset(v for v in names if re.search(r"\b%s\b" % re.escape(v), text))
    phi = qformula("[%s]" % text, in_formula)
    body = qf.iff(phi, D)
    if walls:
        body = qf.implies(qf.and_(*[qf.atomic(w, "/=") for w in walls]), body)
    variables = [C(v) for v in names if v in set(body.vars)]
    if not variables:
        body = qf.and_(body, qf.atomic(C.gen(0), "=", C.gen(0)))
        variables = [C.gen(0)]
    sentence = qf.forall(variables, body)
    answer = str(qepcad(sentence)).strip()
    if answer not in ("TRUE", "FALSE"):
        raise ArithmeticError("QEPCAD did not decide the sentence: %s" % answer)
    return answer == "TRUE"
