"""
The ED degree with the linear output layer eliminated, against the critical
equations on the parameters, for networks whose output is ``V Psi(theta)``:
one layer of lightning self-attention with ``a = 1`` (``V`` the value
matrix, ``theta = (k, q)``) and an MLP with one hidden layer (``V = W_2``,
``theta`` the first layer)::

    python bench/linear_output_layer.py --timeout 600 > bench/results/linear_output_layer.md

Why the elimination counts the ED degree. For fixed ``theta`` the outputs
form the linear space ``C^m ⊗ W(theta)``, ``W`` the row space of
``Psi(theta)``; the closest point to the data ``U`` there is ``V Psi`` with
``V = U Psi^T G^{-1}``, ``G = Psi Psi^T``, at squared distance ``|U|^2 -
phi(theta)``, ``phi = tr(adj(G) Psi U^T U Psi^T) / det G``. So the ED
critical points are the critical points of ``phi`` off ``det G = 0``, minus
those where ``theta -> V Psi(theta)`` is not an immersion:

- attention, ``a = 1``, ``d_out = m >= 2`` (chart ``k_0 = q_0 = 1``): the
  differential is injective except on ``V = gamma k^T``, a family of
  dimension ``m + 2d - 2`` on which it has rank ``md + d - 1``, too small to
  carry a critical point for generic data when ``m >= 2`` (the argument of
  ``sage_neuro/invariants/attention_factor.py``); no guard is needed;
- an MLP ``[n, h, m]`` with ``m = h`` (chart ``w1_i_0 = 1``): the differential
  has a kernel where ``V`` is singular, and a critical point there needs one
  condition fewer, so isolated spurious solutions appear (``[3, 2, 2]``,
  ``x^2``: 306 instead of ``2 * 75``); the guard ``z det(G) det(Psi U^T) = 1``
  removes them. With ``m > h``, ``V`` drops rank only in codimension ``m -
  h + 1 >= 2`` while a critical point there loses one condition, so no guard
  is used (a dimension count, not a proof; ``[3, 2, 3]`` gives ``2 * 309``).
  Each critical point is counted ``h!`` times (the neuron permutations).

Both systems are counted by msolve mod 32003 (seed 1); the first column is
the value of ``M.ed_degree()``. The table shows the counts and seconds, or
the time-out.
"""
import argparse
import random
import time


def _rows(net, R, values):
    # the coordinates of mu at the parameters `values` (a dict name ->
    # element of R; the others 0)
    names = [str(g) for g in net.parameter_ring(R.base_ring()).gens()]
    point = [values.get(n, R.zero()) for n in names]
    return [f(point) for f in net.coordinate_functions(R.base_ring())]


def attention_psi(d, t, R):
    # Psi of one layer of attention with a = 1 on the chart k_0 = q_0 = 1:
    # row i is mu at V = e_i (one value row)
    from sage_neuro import LightningSelfAttention
    net = LightningSelfAttention(d, 1, 1, t)
    k = [R.one()] + [R("k%d" % i) for i in range(1, d)]
    q = [R.one()] + [R("q%d" % i) for i in range(1, d)]
    rows = []
    for i in range(d):
        values = {"q1_0_%d" % j: q[j] for j in range(d)}
        values.update({"k1_0_%d" % j: k[j] for j in range(d)})
        values["v1_0_%d" % i] = R.one()
        rows.append(_rows(net, R, values))
    return rows


def mlp_psi(n, h, r, R):
    # Psi of PolynomialMLP([n, h, 1], r) on the chart w1_i_0 = 1: row i is
    # mu at W_2 = e_i
    from sage_neuro import PolynomialMLP
    net = PolynomialMLP([n, h, 1], activation=r)
    rows = []
    for i in range(h):
        values = {}
        for a in range(h):
            values["w1_%d_0" % a] = R.one()
            values.update({"w1_%d_%d" % (a, j): R("a%d_%d" % (a, j)) for j in range(1, n)})
        values["w2_0_%d" % i] = R.one()
        rows.append(_rows(net, R, values))
    return rows


def eliminated_system(case, seed, prime):
    # the critical equations of phi on theta, with z det(G) [det(Psi U^T)] = 1
    from sage.all import GF, PolynomialRing, matrix
    K = GF(prime)
    if case[0] == "attention":
        _, d, m, t = case
        names = ["k%d" % i for i in range(1, d)] + ["q%d" % i for i in range(1, d)]
    else:
        _, n, h, m, r = case
        names = ["a%d_%d" % (a, j) for a in range(h) for j in range(1, n)]
    R = PolynomialRing(K, names + ["z"], order="degrevlex")
    Psi = matrix(R, attention_psi(d, t, R) if case[0] == "attention" else mlp_psi(n, h, r, R))
    rng = random.Random("linear output layer %s" % seed)
    U = matrix(K, m, Psi.ncols(), [K(rng.randrange(prime)) for _ in range(m * Psi.ncols())])
    G = Psi * Psi.transpose()
    D = G.det()
    h_num = (G.adjugate() * Psi * U.transpose() * U * Psi.transpose()).trace()
    guard = D
    if case[0] == "mlp" and m == Psi.nrows():
        guard *= (Psi * U.transpose()).det()
    theta = R.gens()[:-1]
    return ([D * h_num.derivative(x) - h_num * D.derivative(x) for x in theta]
            + [R.gens()[-1] * guard - 1])


def network(case):
    # the network of a case ('attention', d, m, t) or ('mlp', n, h, m, r)
    from sage_neuro import LightningSelfAttention, PolynomialMLP
    if case[0] == "attention":
        _, d, m, t = case
        return LightningSelfAttention(d, 1, m, t)
    _, n, h, m, r = case
    return PolynomialMLP([n, h, m], activation=r)


def parameter_system(case, seed, prime):
    # J^T (mu - u) on the chart of the parameters; the MLP with the guard
    # z det(W_2) prod (w1_i_1 - w1_j_1) = 1 (V singular, equal neurons)
    from sage.all import GF, PolynomialRing, matrix, prod
    K = GF(prime)
    net = network(case)
    if case[0] == "attention":
        m = case[2]
        chart = {"q1_0_0", "k1_0_0"}
    else:
        _, n, h, m, r = case
        chart = {"w1_%d_0" % a for a in range(h)}
    names = [str(g) for g in net.parameter_ring(K).gens()]
    free = [x for x in names if x not in chart]
    guarded = case[0] == "mlp"
    R = PolynomialRing(K, free + (["z"] if guarded else []), order="degrevlex")
    point = [R.one() if x in chart else R(x) for x in names]
    mu = [f(point) for f in net.coordinate_functions(K)]
    rng = random.Random("linear output layer %s" % seed)
    u = [K(rng.randrange(prime)) for _ in mu]
    equations = [sum(f.derivative(R(x)) * (f - c) for f, c in zip(mu, u)) for x in free]
    if guarded:
        W2 = matrix(R, m, h, [R("w2_%d_%d" % (i, j)) for i in range(m) for j in range(h)])
        guard = W2.matrix_from_rows(range(h)).det() if m >= h else R.one()
        guard *= prod(R("w1_%d_1" % a) - R("w1_%d_1" % b) for a in range(h) for b in range(a + 1, h))
        equations.append(R("z") * guard - 1)
    return equations


def count(system, timeout):
    from common import timed
    from sage_neuro.invariants.msolve import count_solutions
    value, seconds = timed(lambda: count_solutions([system], timeout=timeout,
                                                   positive_dimensional="none")[0])
    value = {None: "positive-dimensional", "timeout": "no answer"}.get(value, value)
    return "%s (%.1f s)" % (value, seconds)


CASES = [("attention", 2, 2, 2), ("attention", 2, 3, 3), ("attention", 3, 2, 2),
         ("mlp", 2, 2, 2, 2), ("mlp", 3, 2, 2, 2), ("mlp", 3, 2, 3, 2), ("mlp", 3, 2, 2, 3)]
# the cases whose ED degree M.ed_degree() finds in seconds
KNOWN = {("attention", 2, 2, 2), ("attention", 2, 3, 3), ("mlp", 2, 2, 2, 2),
         ("mlp", 3, 2, 2, 2), ("mlp", 3, 2, 3, 2)}


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--timeout", type=float, default=600.0, help="seconds per count (default 600)")
    p.add_argument("--prime", type=int, default=32003)
    args = p.parse_args()
    import sage.all  # noqa: F401
    import platform
    from sage_neuro import __version__
    print("# The ED degree with the linear output layer eliminated\n")
    print("Measured %s UTC, sage-neuro %s, %s, `python bench/linear_output_layer.py --timeout %g`; "
          "see the docstring of the script for the two systems.\n"
          % (time.strftime("%Y-%m-%d %H:%M", time.gmtime()), __version__, platform.machine(),
             args.timeout))
    print("| network | M.ed_degree() | eliminated: unknowns, count | parameters: unknowns, count |")
    print("|---|---|---|---|")
    for case in CASES:
        net = network(case)
        known = str(net.neuromanifold().ed_degree()) if case in KNOWN else "(not in seconds)"
        E, P = eliminated_system(case, 1, args.prime), parameter_system(case, 1, args.prime)
        print("| %r | %s | %d, %s | %d, %s |" % (
            net, known, E[0].parent().ngens(), count(E, args.timeout),
            P[0].parent().ngens(), count(P, args.timeout)), flush=True)


if __name__ == "__main__":
    main()
