"""The ED degree of polynomial CNNs from the Segre-Veronese formula, where
the neuromanifold is shown transversal to the isotropic quadric: against
the modular count on the network's own parameters, the generic ED degree
by monodromy, the published formula, and cases where the certificate
fails ("no")."""
import csv
import os

import pytest

from sage_neuro import PolynomialCNN, PolynomialMLP
from sage_neuro.invariants.cnn_segre_veronese import (aluffi_defect, aluffi_ed_degree_record,
                                                      cnn_ed_formula_applies,
                                                      cnn_generic_ed_degree, dilated_tangency,
                                                      dilation_applies, isotropic_tangency,
                                                      milnor_defect,
                                                      milnor_ed_degree_record,
                                                      ramification_locus,
                                                      segre_veronese_generic_ed_degree,
                                                      transversal_ed_degree_record)

HERE = os.path.dirname(os.path.abspath(__file__))


def test_formula_against_closed_forms():
    # the rational normal curve of degree d: 3 d - 2; P^1 x P^1: 6; P^n in
    # O(1): 1; the Segre variety of 3 x 3 rank one matrices: 39
    assert [segre_veronese_generic_ed_degree([1], [d]) for d in range(1, 6)] == [1, 4, 7, 10, 13]
    assert segre_veronese_generic_ed_degree([1, 1], [1, 1]) == 6
    assert segre_veronese_generic_ed_degree([4], [1]) == 1
    assert segre_veronese_generic_ed_degree([2, 2], [1, 1]) == 39
    # the Veronese varieties v_d(P^n): ((2d - 1)^(n+1) - (d - 1)^(n+1)) / d
    # for a generic inner product (arXiv 1309.0049)
    for n in (1, 2, 3):
        for d in (1, 2, 3):
            assert segre_veronese_generic_ed_degree([n], [d]) == (
                ((2 * d - 1) ** (n + 1) - (d - 1) ** (n + 1)) // d)


@pytest.mark.parametrize("filters", [[2, 2], [2, 3], [3, 3], [2, 2, 2]])
def test_transversal_cnns_agree_with_the_modular_count(filters):
    net = PolynomialCNN(filters)
    M = net.neuromanifold()
    value = M.ed_degree()
    P = M.provenance("ed_degree")
    assert P.method == "proved"
    assert "isotropic quadric" in P.route and "Groebner basis {1}" in P.certificate
    assert value == cnn_generic_ed_degree(net)
    # a second route on the network's own parameters
    assert M.ed_degree(method="modular", cross_check=False) == value


def test_cubic_activation():
    net = PolynomialCNN([2, 3], activation=3)
    assert isotropic_tangency(net).transversal
    M = net.neuromanifold()
    assert M.ed_degree() == cnn_generic_ed_degree(net) == segre_veronese_generic_ed_degree(
        [1, 2], [3, 1])
    assert M.ed_degree(method="modular", cross_check=False) == M.ed_degree()


def test_second_prime():
    T = isotropic_tangency(PolynomialCNN([2, 2, 3]), prime=65521)
    assert T.transversal and T.prime == 65521 and T.total == 15 and T.split


@pytest.mark.parametrize("filters,activation", [([2, 3], 2), ([3, 3], 2), ([2, 2, 3], 2),
                                                ([2, 2, 2], 3), ([3, 5], 2)])
def test_reversal_split_against_the_strata(filters, activation):
    # two routes to one verdict: the palindromic and antipalindromic parts
    # of the last filter, and the strata of all the filters
    net = PolynomialCNN(filters, activation=activation)
    split, plain = isotropic_tangency(net), isotropic_tangency(net, all_strata=True)
    assert split.split and not plain.split
    assert split.transversal and plain.transversal and plain.length == 0
    assert {label[0] for label, _ in split.strata} == {"+", "-", "+-"}


def test_reversal_split_of_cnn_323():
    # [3, 2, 3]: transversal on the parts of the last filter (about 15 s),
    # the generic 23682 that the frontier table has from the strata of all
    # filters at two primes (140 s each)
    row = _frontier_value("cnn:activation=2;filters=3-2-3", "ed_degree")
    T = isotropic_tangency(PolynomialCNN([3, 2, 3]))
    assert T.split and T.transversal
    P = transversal_ed_degree_record(PolynomialCNN([3, 2, 3]), tangency=T)
    assert P.value == int(row["value"]) == 23682 and P.method == "proved"


def test_reversal_split_falls_back_on_tangent_and_strided_cnns():
    # "no": the split systems of a tangent CNN have solutions, and the
    # strata then find the points; a strided CNN has no split (its Gram
    # matrix is not Toeplitz)
    T = isotropic_tangency(PolynomialCNN([2, 3, 2]))
    assert not T.split and not T.transversal
    T = isotropic_tangency(PolynomialCNN([2, 2], strides=[2, 2]))
    assert not T.split and not T.transversal


def test_strided_cnns_are_not_shown_transversal():
    # "no": the ED degree of [2, 2] with stride 2 is 6, the generic one 14;
    # the locus has points mod p and 'auto' takes a computed route
    net = PolynomialCNN([2, 2], strides=[2, 2])
    T = isotropic_tangency(net)
    assert not T.transversal and T.strata[-1][1] > 0
    M = net.neuromanifold()
    assert M.ed_degree() == 6
    assert M.provenance("ed_degree").method != "proved"
    assert not cnn_ed_formula_applies(net)[0]


def test_tangent_three_layer_cnn():
    # "no": [2, 3, 2] has ED degree 2914 (frontier table, two seeds mod p)
    # against the generic 2962, and the certificate fails
    net = PolynomialCNN([2, 3, 2])
    T = isotropic_tangency(net)
    assert not T.transversal
    assert T.strata == (((0, 0, 0), 24),)
    with pytest.raises(ArithmeticError, match="not shown to be the generic one"):
        transversal_ed_degree_record(net)
    assert cnn_generic_ed_degree(net) == 2962


def test_closed_form_false_computes_on_the_parameters():
    M = PolynomialCNN([2, 2]).neuromanifold()
    assert M.ed_degree(closed_form=False) == 14
    assert M.provenance("ed_degree").method == "modular"


def test_bad_input_and_timeout():
    with pytest.raises(ValueError, match="net must be a PolynomialCNN"):
        isotropic_tangency(PolynomialMLP([2, 2, 1]))
    with pytest.raises(ValueError, match="prime must be a prime below 2"):
        isotropic_tangency(PolynomialCNN([2, 2]), prime=2 ** 31 + 11)
    with pytest.raises(ValueError, match="needs an activation t"):
        transversal_ed_degree_record(PolynomialCNN([2, 2], activation=1))
    with pytest.raises(TimeoutError):
        isotropic_tangency(PolynomialCNN([2, 2, 3]), timeout=0)
    assert isotropic_tangency(PolynomialCNN([2, 2, 3])).transversal


def _frontier_value(case, quantity):
    with open(os.path.join(HERE, "..", "docs", "frontier", "results.csv")) as f:
        for row in csv.DictReader(f):
            if row["case"] == case and row["quantity"] == quantity:
                return row
    return None


@pytest.mark.slow
def test_cnn_233_against_monodromy():
    # the ED degree 10794 of [2, 3, 3] was found by monodromy on the ED
    # correspondence with two seeds (frontier table); the certificate takes
    # a few seconds on the parts of the last filter
    row = _frontier_value("cnn:activation=2;filters=2-3-3", "ed_degree")
    assert row is not None
    numerical = [int(row[p + "value"]) for p in ("", "confirmation_")
                 if row[p + "method"] == "numerical"]
    assert numerical == [10794]
    M = PolynomialCNN([2, 3, 3]).neuromanifold()
    assert M.ed_degree() == numerical[0]
    assert M.provenance("ed_degree").method == "proved"


@pytest.mark.parametrize("filters, strides", [([2, 2], [1, 1]), ([2, 3], [1, 1]), ([3, 2], [1, 1]),
                                              ([3, 3], [1, 1]), ([2, 2, 2], [1, 1, 1]),
                                              ([2, 2], [2, 2])])
def test_macaulay2_over_QQ_agrees(filters, strides):
    # a second route: the package's isotropicTangency decides every stratum
    # by a Groebner basis over QQ itself (no reduction mod p)
    from sage_neuro.m2 import session
    net = PolynomialCNN(filters, strides=strides)
    S = session()
    blocks, pos = [], 0
    for k in filters:
        blocks.append(list(range(pos, pos + k)))
        pos += k
    over_QQ = S.call("isotropicTangency", S.polys(net.coordinate_functions()), blocks, timeout=600)
    T = isotropic_tangency(net, all_strata=True)
    assert (over_QQ == []) == T.transversal
    # the strata with points mod p are those with points over QQbar here
    assert sorted(tuple(a) for a in over_QQ) == sorted(a for a, c in T.strata if c != 0)


def test_the_verdict_is_decided_once(monkeypatch):
    # "no" for [3, 2]: a dilated filter shows it tangent without msolve, and
    # 'auto' takes another route; the transversal [2, 2] decides its strata
    # once over two calls
    import sage_neuro.invariants.cnn_segre_veronese as module
    calls = []
    decide = module.isotropic_tangency
    monkeypatch.setattr(module, "isotropic_tangency",
                        lambda *a, **k: calls.append(1) or decide(*a, **k))
    M = PolynomialCNN([3, 2]).neuromanifold()
    value = M.ed_degree()
    P = M.provenance("ed_degree")
    assert P.method != "proved" and "touches the isotropic quadric" in P.note
    assert value < cnn_generic_ed_degree(PolynomialCNN([3, 2]))
    # the Milnor route decided the strata once, with all of them
    assert len(calls) == 1
    assert M.ed_degree() == value
    assert len(calls) == 1
    del calls[:]
    M = PolynomialCNN([2, 2]).neuromanifold()
    assert M.ed_degree() == M.ed_degree() == 14
    assert len(calls) == 1


def _vanishes(net, filters):
    # J^T mu at the point, from the coordinate functions (a second
    # evaluation, independent of the one inside dilated_tangency)
    R = net.parameter_ring()
    mu = net.coordinate_functions()
    F = sum(f ** 2 for f in mu)
    values = dict(zip([v for b in net.filter_vectors(R.gens()) for v in b],
                      [x for b in filters for x in b]))
    point = [values[v] for v in R.gens()]
    return all(F.derivative(v)(*point) == 0 for v in R.gens())


@pytest.mark.parametrize("filters,activation", [([3, 2], 2), ([4, 3], 2), ([3, 4], 2),
                                                ([2, 3, 2], 2), ([3, 2, 2], 2), ([3, 2], 3)])
def test_dilated_filters_give_exact_tangency_points(filters, activation):
    # "no" by two routes: the exact point over QQ(c, i), and msolve's
    # stratum with points mod p
    net = PolynomialCNN(filters, activation=activation)
    W = dilated_tangency(net)
    assert _vanishes(net, W.filters)
    assert any(x != 0 for x in W.filters[-1])
    assert W.minimal_polynomial(W.filters[W.layer][W.dilation]) == 0
    assert not isotropic_tangency(net).transversal


@pytest.mark.parametrize("filters", [[2, 3], [3, 3], [3, 5], [2, 2, 3], [2, 3, 3]])
def test_without_a_dilation_the_cnn_is_transversal(filters):
    # the cases computed so far: the locus is empty mod p exactly when no
    # filter can be dilated
    net = PolynomialCNN(filters)
    assert not dilation_applies(net)[0]
    with pytest.raises(ValueError, match="can be dilated"):
        dilated_tangency(net)
    assert isotropic_tangency(net).transversal


def test_dilation_bad_input():
    with pytest.raises(ValueError, match="stride one"):
        dilated_tangency(PolynomialCNN([3, 2], strides=[1, 2]))
    with pytest.raises(ValueError, match="PolynomialCNN"):
        dilated_tangency(PolynomialMLP([2, 2, 1]))
    with pytest.raises(ValueError, match="r >= 2"):
        dilated_tangency(PolynomialCNN([3, 2], activation=1))


@pytest.mark.parametrize("filters,activation", [([3, 2], 2), ([3, 4], 2), ([4, 2], 2),
                                                ([3, 2], 3), ([4, 2], 3)])
def test_milnor_route_against_the_count_on_the_parameters(filters, activation):
    # the generic ED degree minus the Milnor numbers (the route 'auto'
    # takes) against the ED degree counted mod p on the parameters, a
    # second route that knows nothing of the quadric
    net = PolynomialCNN(filters, activation=activation)
    drop = milnor_defect(net)
    assert drop > 0
    P = milnor_ed_degree_record(net)
    assert P.value == cnn_generic_ed_degree(net) - drop
    assert P.method == "modular" and P.primes == (32003,) and "unramified" in P.route
    M = net.neuromanifold()
    assert M.ed_degree() == P.value
    assert M.provenance("ed_degree").method == "modular"
    assert M.ed_degree(closed_form=False) == P.value


@pytest.mark.parametrize("filters,activation", [([2, 3], 2), ([3, 3], 2), ([3, 2], 2),
                                                ([2, 3, 2], 2), ([3, 2, 2], 2), ([2, 2, 2], 3),
                                                ([4, 4], 2)])
def test_stride_one_cnns_are_unramified(filters, activation):
    U = ramification_locus(PolynomialCNN(filters, activation=activation))
    assert U.unramified and U.witness is None
    assert "Groebner basis {1}" in U.certificate()


def test_ramified_parametrizations_no():
    # "no": a linear CNN of stride one multiplies its filters, ramified
    # where one factor divides the other (a kernel vector of the
    # differential); with stride 2 the product has no common factor to
    # trade and the map is unramified
    for net in (PolynomialCNN([2, 2], activation=1), PolynomialCNN([3, 3], activation=1),
                PolynomialCNN([2, 3], activation=1)):
        U = ramification_locus(net)
        assert not U.unramified and "not shown unramified" in U.certificate()
    assert ramification_locus(PolynomialCNN([2, 2], activation=1, strides=[2, 1])).unramified
    assert ramification_locus(PolynomialCNN([3, 2]), prime=65521).unramified
    with pytest.raises(ValueError, match="PolynomialCNN"):
        ramification_locus(PolynomialMLP([2, 2, 1]))
    with pytest.raises(TimeoutError):
        ramification_locus(PolynomialCNN([2, 3, 2]), timeout=0)


def test_milnor_route_no_and_second_prime():
    # a positive-dimensional locus ([4, 3]) is refused; a second prime gives
    # the same value for [4, 2] with t^3
    with pytest.raises(ArithmeticError, match="positive-dimensional"):
        milnor_ed_degree_record(PolynomialCNN([4, 3]))
    with pytest.raises(ValueError, match="stride one"):
        milnor_ed_degree_record(PolynomialCNN([3, 2], strides=[2, 1]))
    net = PolynomialCNN([4, 2], activation=3)
    assert milnor_ed_degree_record(net, prime=65521).value == milnor_ed_degree_record(net).value


def test_milnor_defect_no_and_bad_input():
    assert milnor_defect(PolynomialCNN([2, 3])) == 0
    with pytest.raises(ArithmeticError, match="positive-dimensional"):
        milnor_defect(PolynomialCNN([4, 3]))
    with pytest.raises(ValueError, match="PolynomialCNN"):
        milnor_defect(PolynomialMLP([2, 2, 1]))
    with pytest.raises(TimeoutError):
        milnor_defect(PolynomialCNN([3, 2]), timeout=0)
    assert milnor_defect(PolynomialCNN([3, 2])) == 8


def test_milnor_defect_of_a_three_layer_cnn():
    # [2, 3, 2]: Milnor numbers summing to 48, the drop from the generic 2962
    # to the ED degree 2914 of the frontier table (monodromy on the ED
    # correspondence and two seed sets mod p); the length of the locus
    # stratum by stratum undercounts it
    net = PolynomialCNN([2, 3, 2])
    row = _frontier_value("cnn:activation=2;filters=2-3-2", "ed_degree")
    assert milnor_defect(net) == 48 == cnn_generic_ed_degree(net) - int(row["value"])
    assert isotropic_tangency(net, all_strata=True).length == 32
    M = net.neuromanifold()
    assert M.ed_degree() == 2914
    assert "Milnor" in M.provenance("ed_degree").route


@pytest.mark.slow
def test_milnor_defect_of_cnn_322():
    # Milnor numbers summing to 96 = 6778 - 6682 (about 20 s)
    net = PolynomialCNN([3, 2, 2])
    row = _frontier_value("cnn:activation=2;filters=3-2-2", "ed_degree")
    assert milnor_defect(net) == 96 == cnn_generic_ed_degree(net) - int(row["value"])


@pytest.mark.parametrize("filters,activation", [([3, 2], 2), ([4, 2], 2), ([3, 2], 3)])
def test_aluffi_defect_is_the_milnor_number_where_the_locus_is_finite(filters, activation):
    # at isolated points the Segre class of the singular scheme is the sum
    # of the Milnor numbers times a point: the two routes share no code
    # (projective degrees against lengths of Jacobian algebras)
    net = PolynomialCNN(filters, activation=activation)
    defect, s = aluffi_defect(net)
    assert defect == milnor_defect(net) > 0
    assert len(s.monomials()) == 1 and s.degree() == sum(filters) - len(filters)


def test_aluffi_route_no_and_bad_input():
    # "no": a transversal CNN has an empty singular scheme (defect 0); a
    # strided CNN is refused; a second prime and seed agree
    defect, s = aluffi_defect(PolynomialCNN([2, 3]))
    assert defect == 0 and s == 0
    P = aluffi_ed_degree_record(PolynomialCNN([2, 2, 3]))
    assert P.value == cnn_generic_ed_degree(PolynomialCNN([2, 2, 3])) == 1012
    with pytest.raises(ValueError, match="stride one"):
        aluffi_ed_degree_record(PolynomialCNN([3, 2], strides=[2, 1]))
    with pytest.raises(ValueError, match="PolynomialCNN"):
        aluffi_defect(PolynomialMLP([2, 2, 1]))
    with pytest.raises(TimeoutError):
        aluffi_defect(PolynomialCNN([3, 4]), timeout=0)
    net = PolynomialCNN([4, 2])
    a, b = aluffi_ed_degree_record(net), aluffi_ed_degree_record(net, prime=65521, seed=2)
    assert a.value == b.value == 324
    assert (a.method, a.primes, a.seeds, b.primes, b.seeds) == ("modular", (32003,), (1,),
                                                                 (65521,), (2,))


def test_aluffi_strategy_of_the_neuromanifold():
    # M.ed_degree(strategy='Aluffi') against 'auto' (the Milnor route here:
    # the locus of CNN [4, 2] is finite), with the second seed recorded as
    # the confirmation; "no": a network that is not a CNN, another method
    M = PolynomialCNN([4, 2]).neuromanifold()
    assert M.ed_degree(strategy="Aluffi") == 324
    P = M.provenance("ed_degree")
    assert P.method == "modular" and "Aluffi" in P.route and P.seeds == (1,)
    assert [(c.value, c.seeds) for c in P.confirmations] == [(324, (2,))]
    N = PolynomialCNN([4, 2]).neuromanifold()
    assert N.ed_degree() == 324 and "Milnor" in N.provenance("ed_degree").note
    with pytest.raises(ValueError, match="for a PolynomialCNN"):
        PolynomialMLP([2, 2, 1]).neuromanifold().ed_degree(strategy="Aluffi")
    with pytest.raises(ValueError, match="counted by msolve"):
        M.ed_degree(strategy="Aluffi", method="numerical")


@pytest.mark.slow
@pytest.mark.parametrize("filters,defect", [([4, 3], 80), ([5, 2], 144)])
def test_aluffi_route_where_the_locus_is_a_curve(filters, defect):
    # CNN [4, 3] and [5, 2] touch the quadric along curves, where the
    # Milnor route stops; the drop is that from the generic ED degree to
    # the one counted on the parameters (the frontier table, confirmed
    # twice), 1-2 minutes each
    net = PolynomialCNN(filters)
    with pytest.raises(ArithmeticError, match="positive-dimensional"):
        milnor_defect(net)
    row = _frontier_value("cnn:activation=2;filters=%d-%d" % tuple(filters), "ed_degree")
    assert aluffi_defect(net)[0] == defect == cnn_generic_ed_degree(net) - int(row["value"])
