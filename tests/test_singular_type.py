"""The local type of a point of the neuromanifold (sage_neuro.invariants.singular_type):
smooth, node-like, cusp-like, other -- for one-layer lightning self-attention
(2, 2, 1, 2), where Henry-Marchetti-Kohn (arXiv 2408.17221) show that real singular
points are nodal or cuspidal and that cusps = boundary points = images of Jacobian
rank drops.

In the free coordinates of the linear span (c1_5, c1_10, c1_12, c1_13, c1_15, c1_19)
a function of the network is a pair of binary quadratic forms
q0 = c1_10 X^2 + c1_5 XY + c1_13 Y^2 and q1 = (c1_12 - c1_5) X^2 + (c1_15 - c1_13) XY
+ c1_19 Y^2 with a common linear factor (v . x) (the pair is sym(v a0), sym(v a1) for
the value vector v and the columns a_k of K^T Q): the closure is the resultant
hypersurface, the singular locus the proportional pairs. Over the reals a proportional
pair q1 = lam q0 is a node when q0 has two real factors, a cusp when q0 is a square,
and off the real image when q0 is definite."""
import pytest

from sage.matrix.constructor import matrix
from sage.rings.polynomial.polynomial_ring_constructor import PolynomialRing
from sage.rings.rational_field import QQ

from sage_neuro import LightningSelfAttention, PolynomialCNN
from sage_neuro.invariants.singular_type import (TYPES, point_from_span_coordinates,
                                                 probe_lines, singular_point_type, tangent_cone)
from sage_neuro.invariants.span import LinearSpan

NET = LightningSelfAttention(2, 2, 1, 2)
M = NET.neuromanifold()


def forms(q0, q1):
    """The point of the function space of the pair of forms (coefficients of X^2, XY, Y^2)."""
    return point_from_span_coordinates(NET, [q0[1], q0[0], q1[0] + q0[1], q0[2], q1[1] + q0[2], q1[2]])


def test_closure_is_the_resultant():
    # closed formula: the implicit equation on the span is the resultant of q0, q1
    S = LinearSpan(NET)
    R = S.reduced_ring()
    c5, c10, c12, c13, c15, c19 = R.gens()
    (g,) = [h for h in (S.to_reduced(f) for f in M.ideal().gens()) if h != 0]
    # the resultant as the determinant of the Sylvester matrix (Sage's
    # resultant over a polynomial base ring goes through a library call that
    # aborts and falls back, printing a fatal-error trace into the test log)
    a, b = (c10, c5, c13), (c12 - c5, c15 - c13, c19)
    res = matrix(R, [[a[0], a[1], a[2], 0], [0, a[0], a[1], a[2]],
                     [b[0], b[1], b[2], 0], [0, b[0], b[1], b[2]]]).det()
    assert g == res or g == -res


def _in_singular_locus(f):
    return any(all(h(*f) == 0 for h in V.ideal().gens()) for V in M.singular_locus())


def test_node_cusp_smooth_and_complex_points():
    node = forms((0, 1, 0), (0, 2, 0))           # q0 = XY, q1 = 2 XY
    cusp = forms((1, 0, 0), (0, 0, 0))           # q0 = X^2, q1 = 0
    smooth = forms((1, 1, 0), (1, 0, 0))         # XY + X^2 and X^2: one common factor
    off = forms((1, 0, 1), (1, 0, 1))            # q0 = q1 = X^2 + Y^2: complex factor only
    T = M.singular_point_type(node)
    assert T.type == "node-like" and T.branches == 2 and T.provenance.method == "proved"
    assert T.multiplicity == 2 and T.rank_drop_preimages() is False
    # the tangent cone: two real hyperplanes
    assert len(T.cone_components) == 2
    assert all(P.gens()[0].degree() == 1 for P in T.cone_components)
    # along the singular locus the real image stays on both sides
    d = forms((0, 0, 1), (0, 0, 2))              # q1 = 2 q0 stays proportional
    [(_, sides)] = probe_lines(NET, node, [d], ideal=M.ideal)
    assert all(v == "real image" for _, v in sides)
    C = M.singular_point_type(cusp, probes=[forms((0, 0, 1), (0, 0, 0))])   # q0 = X^2 + s Y^2
    assert C.type == "cusp-like" and C.rank_drop_preimages() is True
    assert C.membership.verdict == "real image" and C.multiplicity == 2
    # the tangent cone is a double hyperplane: one linear component
    assert len(C.cone_components) == 1 and C.cone_components[0].gens()[0].degree() == 1
    ((_, sides),) = C.probes
    assert {v for s, v in sides if s < 0} == {"real image"}
    assert {v for s, v in sides if s > 0} == {"complex image"}
    S = M.singular_point_type(smooth)
    assert S.type == "smooth" and S.jacobian_rank == S.codimension == 35
    O = M.singular_point_type(off)
    assert O.type == "other" and O.membership.verdict == "complex image"
    assert O.provenance.method == "proved" and O.preimages == []
    # the tangent cone at a definite pair: one quadric, irreducible over QQ
    assert len(O.cone_components) == 1 and O.cone_components[0].gens()[0].degree() == 2
    # second route: the Jacobian criterion against the singular locus of M
    assert _in_singular_locus(node) and _in_singular_locus(cusp) and _in_singular_locus(off)
    assert not _in_singular_locus(smooth)
    assert set(TYPES) >= {T.type, C.type, S.type, O.type}


@pytest.mark.slow
def test_cusps_are_boundary_points_and_rank_drops_along_the_singular_locus():
    # the line q0 = q1 = X^2 + t XY + Y^2 of the singular locus: nodes for |t| > 2,
    # cusps at t = +-2, off the real image for |t| < 2 (it leaves and re-enters M)
    d = forms((0, 1, 0), (0, 1, 0))
    for t in (QQ(-3), QQ(-2), QQ(0), QQ(1), QQ(2), QQ(5) / 2):
        f = forms((1, t, 1), (1, t, 1))
        T = M.singular_point_type(f, probes=[d])
        expected = "node-like" if abs(t) > 2 else ("cusp-like" if abs(t) == 2 else "other")
        assert T.type == expected, (t, T)
        in_image = T.membership.verdict == "real image"
        assert in_image == (abs(t) >= 2)
        # cusp <=> every real preimage a Jacobian rank drop <=> a branch ends here
        ends = any((all(v == "real image" for s, v in sides if s > 0)
                    and not any(v == "real image" for s, v in sides if s < 0))
                   or (all(v == "real image" for s, v in sides if s < 0)
                       and not any(v == "real image" for s, v in sides if s > 0))
                   for _, sides in probe_lines(NET, f, [d], ideal=M.ideal))
        if in_image:
            assert (T.type == "cusp-like") == T.rank_drop_preimages() == ends
    # the default probes find the cusp q0 = X^2, q1 = 0 unaided
    assert M.singular_point_type(forms((1, 0, 0), (0, 0, 0))).type == "cusp-like"


def test_smooth_closure_and_bad_points():
    # the linear CNN [2, 2]: the closure is the whole space, every point smooth
    net = PolynomialCNN([2, 2], activation=1)
    T = singular_point_type(net, [1, 0, 1])
    assert T.type == "smooth" and T.membership.verdict == "complex image"
    with pytest.raises(ValueError, match="Zariski closure"):
        M.singular_point_type(forms((1, 1, 1), (1, 2, 3)))
    R = PolynomialRing(QQ, "x,y")
    x, y = R.gens()
    with pytest.raises(ValueError, match="not on the variety"):
        tangent_cone(R.ideal([y - x**2]), [1, 2])
