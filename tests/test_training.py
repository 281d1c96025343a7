"""Singularity-bias experiments by gradient descent (sage_neuro.optimization.training)."""
import numpy
import pytest

from sage_neuro import LinearNetwork, PolynomialCNN, PolynomialMLP
from sage_neuro.optimization.training import (NumericMap, gradient_descent, singularity_bias_contrast,
                                              training_experiment)
from sage_neuro.statistics import wilson_interval


def test_numeric_map_agrees_with_exact_jacobian():
    for net in (PolynomialMLP([2, 2, 1]), PolynomialCNN([2, 2]), LinearNetwork([3, 2, 2])):
        theta = net.random_parameters(seed=4)
        F = NumericMap(net)
        T = numpy.array([[float(x) for x in theta]])
        assert numpy.allclose(F.values(T)[0], [float(x) for x in net.evaluate(theta)])
        J = numpy.array([[float(x) for x in row] for row in net.jacobian(theta).rows()])
        assert numpy.allclose(F.jacobians(T)[0], J)


def test_wilson():
    lo, hi = wilson_interval(24, 100)
    assert lo < 0.24 < hi and abs(lo - 0.1670) < 1e-3 and abs(hi - 0.3317) < 1e-3
    assert wilson_interval(0, 10)[0] == 0.0 and abs(wilson_interval(10, 10)[1] - 1.0) < 1e-12


def test_seeded_and_reproducible():
    net = PolynomialMLP([2, 2, 1])
    a = training_experiment(net, trials=12, steps=200, seed=5, progress=False)
    b = net.training_experiment(trials=12, steps=200, seed=5, progress=False)
    c = training_experiment(net, trials=12, steps=200, seed=6, progress=False)
    assert a == b and not a == c
    assert numpy.array_equal(a.singular, b.singular)
    assert a.provenance.method == "numerical" and a.provenance.seeds == (5,)


def test_linear_regression_converges_to_eckart_young():
    # LinearNetwork [2, 2] is the whole space: GD reaches the target
    net = LinearNetwork([2, 2])
    E = training_experiment(net, trials=8, steps=400, seed=0, lr=0.1, progress=False)
    assert numpy.all(E.loss < 1e-10) and E.fraction_singular() == 0.0


def test_progress_and_interrupt(capsys, monkeypatch):
    net = PolynomialMLP([2, 1, 1])
    F = NumericMap(net)
    calls = [0]
    orig = F.jacobians

    def flaky(theta):
        calls[0] += 1
        if calls[0] == 30:
            raise KeyboardInterrupt
        return orig(theta)
    F.jacobians = flaky
    th = numpy.ones((3, 3))
    u = numpy.ones((3, 3))
    R = gradient_descent(net, th, u, 100, progress=True, F=F)
    err = capsys.readouterr().err
    assert R["interrupted"] and R["steps_done"] == 29
    assert "step 20/100" in err and "interrupted" in err


def test_bad_input():
    with pytest.raises(ValueError, match="trials"):
        training_experiment(PolynomialMLP([2, 1, 1]), trials=0)
    with pytest.raises(ValueError, match="lr"):
        training_experiment(PolynomialMLP([2, 1, 1]), trials=2, lr=-1)


def test_contrast_small():
    mlp, cnn = singularity_bias_contrast(trials=40, steps=1500, seed=0, progress=False)
    # MLP: runs stuck with parallel neurons at positive loss, not at the zero function
    stuck = mlp.singular & ~mlp.zero_function
    assert stuck.sum() >= 4 and numpy.all(mlp.loss[stuck] > 1e-6)
    assert cnn.fraction_singular() < mlp.fraction_singular()


@pytest.mark.slow
def test_contrast_measured(tmp_path):
    mlp, cnn = singularity_bias_contrast(trials=100, steps=3000, seed=0, progress=False,
                                         filename=str(tmp_path / "bias.png"))
    assert mlp.confidence_interval()[0] > cnn.confidence_interval()[1]
    assert (tmp_path / "bias.png").exists()
