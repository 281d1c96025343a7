"""ED discriminant and ED degree at given data (sage_neuro.optimization.discriminant)."""
import pytest

from sage_neuro import LinearNetwork, PolynomialMLP
from sage_neuro.optimization.discriminant import ed_degree_at, ed_discriminant

PLANE = dict(base=[0, 1, 0], directions=[[1, 0, 0], [0, 0, 1]])


@pytest.fixture(scope="module")
def squares_disc():
    return ed_discriminant(PolynomialMLP([2, 1, 1]), **PLANE)


def test_squares_plane_two_routes(squares_disc):
    D = squares_disc
    f = D.parts["collision"]
    assert f.degree() == 6 and D.parts["infinity"] == 1
    # second route: discriminants of eliminants of two random linear forms
    E = ed_discriminant(PolynomialMLP([2, 1, 1]), route="eliminant", seed=3, **PLANE)
    assert E.polynomial() == f * D.parts["infinity"]
    assert D.provenance.method == "proved" and D.provenance.seconds >= 0
    assert E.provenance.method == "exact_random" and "linear forms" in E.provenance.choices


def test_seed_plane_separates_real_counts(squares_disc):
    # Kohn's two targets (10, 1, 9): 4 real, (3, 1, 2): 2 real lie on
    # the two sides of the collision curve
    f = squares_disc.parts["collision"]
    assert f(10, 9).sign() * f(3, 2).sign() == -1
    net = PolynomialMLP([2, 1, 1])
    assert [net.loss_critical_points(u).real_count for u in ([10, 1, 9], [3, 1, 2])] == [4, 2]


def test_ed_degree_drops_on_discriminant(squares_disc):
    net = PolynomialMLP([2, 1, 1])
    M = net.neuromanifold()
    assert squares_disc.parts["collision"](2, 2) == 0
    # exact (Singular, implicit) vs modular vs the parametric slice route
    for u, expected in (([10, 1, 9], 4), ([3, 1, 2], 4), ([2, 1, 2], 2)):
        assert ed_degree_at(net, u) == expected
        assert M.ed_degree(data=u, method="modular") == expected
        assert net.loss_critical_points(u).complex_count == expected
    assert M.ed_degree() == 4


def test_line_of_data():
    D = ed_discriminant(PolynomialMLP([2, 1, 1]), base=[0, 1, 9], directions=[[1, 0, 0]])
    f = D.parts["collision"]
    assert D.ring().ngens() == 1
    # the line q = 9 of the plane: the sextic restricted to it
    g = ed_discriminant(PolynomialMLP([2, 1, 1]), **PLANE).parts["collision"]
    s = D.ring().gen(0)
    assert f.degree() >= 1 and (g(s, 9).radical() / f).denominator() == 1


def test_rank_one_matrices():
    D = LinearNetwork([2, 1, 2]).neuromanifold().ed_discriminant()
    R = D.ring()
    u0, u1, u2, u3 = R.gens()
    assert D.parts["collision"] == 1
    assert D.parts["singular"] == u1 * u2 - u0 * u3 or D.parts["singular"] == u0 * u3 - u1 * u2
    q = ((u0 - u3) ** 2 + (u1 + u2) ** 2) * ((u0 + u3) ** 2 + (u1 - u2) ** 2)
    assert D.parts["infinity"] == q
    # on det u = 0 one critical point falls into the vertex
    assert ed_degree_at(LinearNetwork([2, 1, 2]), [1, 2, 2, 4]) == 1
    assert ed_degree_at(LinearNetwork([2, 1, 2]), [1, 2, 3, 4]) == 2


def test_bad_input():
    net = PolynomialMLP([2, 1, 1])
    with pytest.raises(ValueError, match="directions"):
        ed_discriminant(net, base=[0, 1, 0], directions=[])
    with pytest.raises(ValueError, match="base must have 3"):
        ed_discriminant(net, base=[0, 1], directions=[[1, 0, 0]])
    with pytest.raises(ValueError, match="route"):
        ed_discriminant(net, route="x")
    with pytest.raises(ValueError, match="data must have 3"):
        ed_degree_at(net, [1, 2])
