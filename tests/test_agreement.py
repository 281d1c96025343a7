"""ED degrees and critical counts: exact (QQ) vs modular vs numerical."""
import pytest

from sage.rings.rational_field import QQ

from sage_neuro import LightningSelfAttention, LinearNetwork, PolynomialCNN, PolynomialMLP
from sage_neuro.optimization import loss_critical_points
from sage_neuro.optimization.discriminant import ed_degree_at
from sage_neuro.optimization.numerical import monodromy_critical_points, newton_critical_points


def _data(net):
    return [QQ(((i * 7) % 11) - 5) for i in range(net.ambient_dimension())]


@pytest.mark.parametrize("u, real", [([10, 1, 9], 4), ([3, 1, 2], 2)])
def test_squares_example_three_ways(u, real):
    net = PolynomialMLP([2, 1, 1])
    M = net.neuromanifold()
    ex = loss_critical_points(net, u)                       # exact, slice route, Sturm
    assert (ex.complex_count, ex.real_count) == (4, real)
    assert M.ed_degree(method="modular") == M.ed_degree(method="exact", seeds=(3,)) == 4
    assert ed_degree_at(net, u) == 4                        # exact, implicit route (Singular)
    mo = monodromy_critical_points(net, u, loops=2)         # numerical, no Groebner basis
    assert (mo["generic"], mo["complex"], mo["real"]) == (4, 4, real)
    nw = newton_critical_points(net, u, starts=200)
    assert (nw["complex"], nw["real"]) == (4, real)


def test_attention_exact_modular_numerical():
    net = LightningSelfAttention(2, 2, 1, 2)
    M = net.neuromanifold()
    u = _data(net)
    ed = M.ed_degree(method="modular")
    assert ed == M.ed_degree(method="exact", seeds=(3,))
    ex = loss_critical_points(net, u, slices=1)
    nu = loss_critical_points(net, u, slices=1, method="numerical")
    assert ex.complex_count == nu.complex_count == ed
    assert ex.real_count == nu.real_count


@pytest.mark.slow
@pytest.mark.parametrize("net, ed", [(PolynomialMLP([3, 1, 1]), 13), (PolynomialCNN([2, 2]), 14),
                                     (LinearNetwork([3, 2, 3]), 3)])
def test_monodromy_agrees(net, ed):
    u = _data(net)
    M = net.neuromanifold()
    assert M.ed_degree(method="modular") == M.ed_degree(method="exact", seeds=(3,)) == ed
    ex = loss_critical_points(net, u, slices=1)
    mo = monodromy_critical_points(net, u, loops=3)
    assert mo["generic"] == ex.complex_count == ed
    assert (mo["complex"], mo["real"]) == (ex.complex_count, ex.real_count)
