r"""
Conserved quantities of gradient flow, found by linear algebra.

For the ED loss ``L(theta) = ||mu(theta) - u||^2`` the gradient is
``grad L = 2 J^T (mu - u)`` (``J`` the Jacobian of ``mu``). A polynomial
``P`` in the parameters is a first integral of the gradient flow
``theta' = -grad L`` for **all** data ``u`` exactly when

    ``D_k(P) = sum_i (d mu_k / d theta_i) (d P / d theta_i) = 0``   for every coordinate ``k``

(``grad P . grad L = 2 sum_k (mu_k - u_k) D_k(P)`` vanishes for all ``u``
iff every ``D_k(P)`` vanishes; the same holds for the squared loss on
samples, whose gradient is ``2 J^T V^T (V mu - y)``, as soon as the
evaluation matrix ``V`` has full column rank). The conditions are linear
in the coefficients of ``P``: the first integrals of degree at most
``degree`` (without constant term) are the kernel of one matrix, computed
exactly over ``QQ`` (``method='exact'``) or over ``GF(p)``
(``'modular'``). This finds, e.g., the entries of
``W_{i+1}^T W_{i+1} - W_i W_i^T`` for linear networks and the balances
``||incoming weights||^2 - r (outgoing weight)^2`` of hidden neurons with
activation ``x^r`` (the Noether charges of the rescaling symmetries).

Along a numerical gradient-descent run the quantities drift only by the
discretization error (``O(lr)`` in total over a run of fixed length):
:meth:`FlowInvariants.drift` measures it.

EXAMPLES::

    sage: from sage_neuro import LinearNetwork
    sage: from sage_neuro.optimization.flow_invariants import gradient_flow_invariants
    sage: I = gradient_flow_invariants(LinearNetwork([2, 1, 2]), degree=2)
    sage: I.polynomials(), I.provenance.method
    ([w1_0_0^2 + w1_0_1^2 - w2_0_0^2 - w2_1_0^2], 'proved')
"""

import time

import numpy

from sage.matrix.constructor import matrix
from sage.rings.finite_rings.finite_field_constructor import GF
from sage.rings.rational_field import QQ

from sage_neuro.constants import SLICE_PRIME
from sage_neuro.provenance import Provenance
from sage_neuro.validation import check_method, check_positive_int



class FlowInvariants:
    r"""
    A basis of the polynomial first integrals of the gradient flow of the
    ED loss (for all data) up to a degree: returned by
    :func:`gradient_flow_invariants`.

    INPUT:

    - ``net`` -- the architecture
    - ``polys`` -- the basis (reduced echelon form, leading coefficient 1)
    - ``degree`` -- the degree bound
    - ``provenance`` -- a :class:`~sage_neuro.provenance.Provenance`

    EXAMPLES::

        sage: from sage_neuro import PolynomialMLP
        sage: I = PolynomialMLP([2, 1, 1]).gradient_flow_invariants(degree=2); I
        1 polynomial first integral of the gradient flow of PolynomialMLP([2, 1, 1], activation=2) up to degree 2 [proved...]
        sage: I.polynomials()
        [w1_0_0^2 + w1_0_1^2 - 2*w2_0_0^2]
    """

    def __init__(self, net, polys, degree, provenance):
        self.net = net
        self._polys = list(polys)
        self.degree = degree
        self.provenance = provenance

    def polynomials(self):
        r"""
        Return the basis of first integrals, polynomials in the parameter ring.

        EXAMPLES::

            sage: from sage_neuro import LinearNetwork
            sage: len(LinearNetwork([2, 2, 2]).gradient_flow_invariants().polynomials())
            3
        """
        return list(self._polys)

    def __len__(self):
        return len(self._polys)

    def values(self, theta):
        r"""
        Return the values of the first integrals at the parameter points
        ``theta`` (an array ``(T, N)`` or one point): an array ``(T, m)``.

        EXAMPLES::

            sage: from sage_neuro import LinearNetwork
            sage: I = LinearNetwork([2, 1, 2]).gradient_flow_invariants()
            sage: I.values([1, 2, 3, 4]).tolist()
            [[-20.0]]
        """
        th = numpy.atleast_2d(numpy.array(theta, dtype=float))
        out = numpy.zeros((th.shape[0], len(self._polys)))
        for j, P in enumerate(self._polys):
            for e, c in P.dict().items():
                out[:, j] += float(c) * numpy.prod(th ** numpy.array(e, dtype=float), axis=1)
        return out

    def drift(self, trajectory):
        r"""
        Return the largest change of each first integral along recorded
        runs, relative to ``1 + max |value|``: a list of floats.

        INPUT:

        - ``trajectory`` -- a list of arrays ``(T, N)`` (as recorded by
          :func:`~sage_neuro.optimization.training.gradient_descent` with
          ``record_every``)

        EXAMPLES::

            sage: import numpy
            sage: from sage_neuro import LinearNetwork
            sage: from sage_neuro.optimization.training import gradient_descent
            sage: net = LinearNetwork([2, 1, 2])
            sage: I = net.gradient_flow_invariants()
            sage: rng = numpy.random.default_rng(int(0))
            sage: R = gradient_descent(net, rng.standard_normal((4, 4)), rng.standard_normal((4, 4)), 2000, lr=1e-3, record_every=100)
            sage: max(I.drift(R['trajectory'])) < 1e-2
            True
        """
        vals = numpy.array([self.values(th) for th in trajectory])  # (steps, T, m)
        change = numpy.abs(vals - vals[0]).max(axis=(0, 1))
        scale = 1 + numpy.abs(vals).max(axis=(0, 1))
        return [float(x) for x in change / scale]

    def __repr__(self):
        m = len(self._polys)
        return "%d polynomial first integral%s of the gradient flow of %r up to degree %d [%s]" % (
            m, "" if m == 1 else "s", self.net, self.degree, self.provenance.summary())


def gradient_flow_invariants(net, degree=2, method="exact"):
    r"""
    Return a basis of the polynomial first integrals of degree at most
    ``degree`` (no constant term) of the gradient flow of the ED loss, valid
    for all data (see the module documentation).

    INPUT:

    - ``net`` -- an architecture
    - ``degree`` -- (default ``2``) the degree bound
    - ``method`` -- the algorithm: ``'exact'`` (default: kernel over
      ``QQ``; certainty ``'proved'``) or ``'modular'`` (over ``GF(32003)``;
      the basis is then over that field; certainty ``'modular'``)

    OUTPUT: a :class:`FlowInvariants`

    EXAMPLES:

    Linear networks: the entries of ``W2^T W2 - W1 W1^T``; none of degree
    one; the modular kernel has the same dimension::

        sage: from sage_neuro import LinearNetwork
        sage: from sage_neuro.optimization.flow_invariants import gradient_flow_invariants
        sage: len(gradient_flow_invariants(LinearNetwork([3, 2, 2]), degree=1))
        0
        sage: I = gradient_flow_invariants(LinearNetwork([3, 2, 2]))
        sage: len(I), len(gradient_flow_invariants(LinearNetwork([3, 2, 2]), method='modular'))
        (3, 3)
        sage: gradient_flow_invariants(LinearNetwork([3, 2, 2]), method='bad')
        Traceback (most recent call last):
        ...
        ValueError: method must be one of 'exact', 'modular', not 'bad'
    """
    check_method(method, ("exact", "modular"))
    degree = check_positive_int(degree, "degree")
    t0 = time.time()
    K = QQ if method == "exact" else GF(SLICE_PRIME)
    P = net.parameter_ring(K)
    F = net.coordinate_functions(K)
    gens = P.gens()
    dF = [[f.derivative(g) for g in gens] for f in F]
    # monomials of degree 1..degree
    monos = []
    for d in range(1, int(degree) + 1):
        monos += sorted((P.monomial(*e) for e in _exponents(len(gens), d)), reverse=True)
    cols = []
    keys = {}
    for m in monos:
        dm = [m.derivative(g) for g in gens]
        col = {}
        for k, row in enumerate(dF):
            Dk = sum(a * b for a, b in zip(row, dm) if a != 0 and b != 0)
            if Dk == 0:
                continue
            for e, c in Dk.dict().items():
                key = keys.setdefault((k, e), len(keys))
                col[key] = c
        cols.append(col)
    A = matrix(K, len(keys), len(monos), {(r, j): c for j, col in enumerate(cols)
                                          for r, c in col.items()}, sparse=True)
    B = A.right_kernel_matrix(basis="echelon") if A.nrows() else matrix.identity(K, len(monos))
    polys = [sum(c * m for c, m in zip(row, monos)) for row in B.rows()]
    # leading coefficient 1, highest degree first
    polys = [p / p.lc() for p in polys if p != 0]
    polys.sort(key=lambda p: (-p.degree(), p.lm()), reverse=False)
    # over QQ the kernel is the space of first integrals itself (no random
    # choice); mod p its dimension can only grow, for finitely many primes
    prov = Provenance("gradient_flow_invariants", len(polys),
                      "proved" if method == "exact" else "modular",
                      primes=(SLICE_PRIME,) if method == "modular" else (), seconds=time.time() - t0,
                      certificate="kernel over QQ of the linear conditions" if method == "exact" else "",
                      route="kernel of the linear conditions sum_i d_i mu_k d_i P = 0 for all "
                            "coordinates k, on the %d monomials of degree 1..%d (%s)"
                            % (len(monos), degree, "QQ" if method == "exact" else "GF(p)"))
    return FlowInvariants(net, polys, int(degree), prov)


def _exponents(n, d):
    # all exponent vectors of length n and total degree d
    if n == 1:
        yield (d,)
        return
    for a in range(d, -1, -1):
        for rest in _exponents(n - 1, d - a):
            yield (a,) + rest
