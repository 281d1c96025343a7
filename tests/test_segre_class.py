"""Segre classes in products of projective spaces from projective degrees,
against closed forms: complete intersections of points (Bezout), smooth
curves (the normal bundle), a nonreduced point (its length), and the empty
scheme ("no")."""
import os

import pytest

from sage.all import GF, PolynomialRing

from sage_neuro.invariants.segre_class import chow_ring, degree_of, segre_class, truncate


def test_points_and_their_lengths():
    R = PolynomialRing(GF(32003), "x,y,z")
    x, y, z = R.gens()
    H = chow_ring([2]).gen()
    # two conics meet in 4 points (Bezout); a fat point of length 3
    assert segre_class([x**2 - y * z, y**2 - x * z - z**2], [[x, y, z]]) == 4 * H**2
    assert segre_class([x**3, y], [[x, y, z]]) == 3 * H**2


def test_smooth_curves_by_their_normal_bundles():
    # s(C, Y) = [C] - deg(c_1(N)) [pt] for a smooth curve C of Y of dimension 3
    R = PolynomialRing(GF(32003), "x,y,z,w")
    x, y, z, w = R.gens()
    H = chow_ring([3]).gen()
    # the twisted cubic: deg N = 4 * 3 - 2 = 10
    cubic = [x * z - y**2, y * w - z**2, x * w - y * z]
    assert segre_class(cubic, [[x, y, z, w]]) == 3 * H**2 - 10 * H**3
    # a conic in a plane: deg N = 4 * 2 - 2 = 6
    assert segre_class([w, x * y - z**2], [[x, y, z, w]]) == 2 * H**2 - 6 * H**3


def test_the_diagonal_of_p1_x_p1_and_the_empty_scheme():
    R = PolynomialRing(GF(65521), "a0,a1,b0,b1")
    a0, a1, b0, b1 = R.gens()
    A = chow_ring([1, 1])
    H1, H2 = A.gens()
    # the diagonal has self-intersection 2
    assert segre_class([a0 * b1 - a1 * b0], [[a0, a1], [b0, b1]], seed=3) == H1 + H2 - 2 * H1 * H2
    assert segre_class([a0, a1], [[a0, a1], [b0, b1]]) == 0
    assert segre_class([R.zero()], [[a0, a1], [b0, b1]]) == 1      # Z = Y
    assert degree_of(truncate((H1 + H2) ** 3, [1, 1]), [1, 1]) == 0


def test_bad_input():
    R = PolynomialRing(GF(32003), "x,y,z")
    x, y, z = R.gens()
    with pytest.raises(ValueError, match="multihomogeneous"):
        segre_class([x - 1], [[x, y, z]])
    with pytest.raises(ValueError, match="blocks"):
        segre_class([x], [[x, y]])
    with pytest.raises(ValueError, match="nonempty"):
        segre_class([], [[x, y, z]])
    with pytest.raises(ValueError, match="dims"):
        chow_ring([])
    S = PolynomialRing(GF(4, "a"), "u,v")
    with pytest.raises(ValueError, match="prime field"):
        segre_class([S.gen(0)], [list(S.gens())])
    with pytest.raises(TimeoutError):
        segre_class([x * y], [[x, y, z]], timeout=0)


@pytest.mark.parametrize("filters,activation", [([2, 2], 2), ([3, 2], 2), ([2, 3, 2], 2),
                                                ([4, 3], 3), ([2, 2, 2, 2], 2)])
def test_euler_count_is_the_segre_veronese_formula(filters, activation):
    # chi of the complement of a smooth quadric section and a hyperplane
    # section on the parameters against the closed formula of the generic
    # ED degree (arXiv 1309.0049, Theorem 5.8), computed another way
    from sage_neuro import PolynomialCNN
    from sage_neuro.invariants.cnn_segre_veronese import cnn_generic_ed_degree
    from sage_neuro.invariants.segre_class import euler_ed_count
    L = len(filters)
    count = euler_ed_count([k - 1 for k in filters], [activation ** (L - 1 - i) for i in range(L)])
    assert count == cnn_generic_ed_degree(PolynomialCNN(filters, activation=activation))


def test_euler_characteristics_of_curves():
    # a smooth plane curve of degree e has chi = 3e - e^2; a node adds 1,
    # a cusp 2 (its Milnor number); a smooth curve of bidegree (a, b) on
    # P^1 x P^1 has chi = 2a + 2b - 2ab; "no": a constant is refused
    from sage_neuro.invariants.segre_class import hypersurface_euler_characteristic as chi
    R = PolynomialRing(GF(32003), "x,y,z")
    x, y, z = R.gens()
    for e in (1, 2, 4):
        assert chi(x**e + y**e + z**e, [[x, y, z]]) == 3 * e - e * e
    assert chi(y**2 * z - x**3 - x**2 * z, [[x, y, z]]) == 1
    assert chi((x**2 + y**2 - z**2) * (x - 2 * z), [[x, y, z]]) == 2 + 2 - 2  # conic and line, 2 points
    S = PolynomialRing(GF(32003), "a0,a1,b0,b1")
    a0, a1, b0, b1 = S.gens()
    f = a0**3 * b0 + a1**3 * b1 + a0 * a1**2 * b0 - 5 * a0**2 * a1 * b1
    assert chi(f, [[a0, a1], [b0, b1]]) == 2 * 3 + 2 * 1 - 2 * 3
    with pytest.raises(ValueError, match="nonconstant"):
        chi(S.one(), [[a0, a1], [b0, b1]])


def test_a_killed_run_resumes_from_its_checkpoint(tmp_path):
    # a run killed by SIGKILL after its first projective degrees resumes
    # with them and gives the class of a run without interruption
    import json
    import signal
    import subprocess
    import sys
    import time
    from sage_neuro import PolynomialCNN
    from sage_neuro.invariants.cnn_segre_veronese import aluffi_defect
    path = str(tmp_path / "segre.json")
    code = ("from sage.all import *; from sage_neuro import PolynomialCNN; "
            "from sage_neuro.invariants.cnn_segre_veronese import aluffi_defect; "
            "aluffi_defect(PolynomialCNN([4, 2]), processes=1, checkpoint=%r)" % path)
    proc = subprocess.Popen([sys.executable, "-c", code])
    try:
        while proc.poll() is None and not os.path.exists(path):
            time.sleep(0.02)
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait()
    kept = json.load(open(path))["counts"]
    assert 1 <= len(kept) < 7      # P^3 x P^1: 7 projective degrees
    whole = aluffi_defect(PolynomialCNN([4, 2]))
    assert aluffi_defect(PolynomialCNN([4, 2]), checkpoint=path) == whole
    assert whole[0] == 24
    assert len(json.load(open(path))["counts"]) == 7
    with pytest.raises(ValueError, match="holds the counts of other"):
        aluffi_defect(PolynomialCNN([4, 2]), seed=2, checkpoint=path)
