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


# -- fitting data sets of samples (fit_samples, training_experiment(data=...)) --

from sage_neuro.optimization.samples import (FunctionSpaceLoss, LikelihoodSampleLoss,  # noqa: E402
                                             SquaredSampleLoss, least_squares_fit,
                                             monomial_evaluation, sample_gram_matrix, sample_loss)
from sage_neuro.optimization.training import fit_samples  # noqa: E402


def _rank_one_weighted_minimum(c_star, residual, G, h):
    # closed form (Eckart-Young after the change of variables C -> C G^(1/2)):
    # min over rank-1 C of r + ||(C - C*) G^(1/2)||_F^2 = r + sigma_2(C* G^(1/2))^2
    w, V = numpy.linalg.eigh(G)
    root = V @ numpy.diag(numpy.sqrt(numpy.maximum(w, 0))) @ V.T
    s = numpy.linalg.svd(c_star.reshape(h, -1) @ root, compute_uv=False)
    return residual + float((s[1:] ** 2).sum())


def test_sample_losses_gradients_match_finite_differences():
    rng = numpy.random.default_rng(0)
    net = PolynomialMLP([2, 1, 2])
    X = rng.standard_normal((5, 2))
    n = int(net.ambient_dimension())
    c = numpy.abs(rng.standard_normal((3, n))) + 0.5     # positive outputs: inside the orthant
    X = numpy.abs(X)
    for L in (SquaredSampleLoss(net, X, rng.standard_normal((5, 2))),
              LikelihoodSampleLoss(net, X, rng.integers(0, 5, (5, 2)))):
        g = L.gradient(c)
        for j in range(n):
            e = numpy.zeros(n)
            e[j] = 1e-6
            fd = (L.value(c + e) - L.value(c - e)) / 2e-6
            assert numpy.allclose(fd, g[:, j], rtol=1e-5, atol=1e-6)


def test_squared_sample_loss_is_the_gram_quadratic_form():
    # L(c) = (c - c*)^T Q (c - c*) + r at every c, Q = I (x) Phi^T Phi / k
    rng = numpy.random.default_rng(1)
    net = PolynomialMLP([2, 1, 2])
    X, Y = rng.standard_normal((7, 2)), rng.standard_normal((7, 2))
    c_star, r = least_squares_fit(net, X, Y)
    Q = sample_gram_matrix(net, X)
    c = rng.standard_normal((4, int(net.ambient_dimension())))
    assert numpy.allclose(SquaredSampleLoss(net, X, Y).value(c),
                          FunctionSpaceLoss(numpy.tile(c_star, (4, 1)), weight=Q, offset=r).value(c))
    Phi = monomial_evaluation(net, X)
    assert Phi.shape == (7, 3) and numpy.linalg.matrix_rank(Q) == 6


def test_sample_minimum_equals_weighted_function_space_minimum():
    # linear network [2, 1, 2]: 2 x 2 matrices of rank <= 1, enough samples (k = 6 >= 2)
    net = LinearNetwork([2, 1, 2])
    rng = numpy.random.default_rng(3)
    X, Y = rng.standard_normal((6, 2)), rng.standard_normal((6, 2))
    E = fit_samples(net, X, Y, trials=6, steps=1500, lr=0.05, seed=0, progress=False)
    sample_min = float(E.loss.min())
    # second route: gradient descent in parameters on the weighted loss in function space
    c_star, r = least_squares_fit(net, X, Y)
    Q = sample_gram_matrix(net, X)
    th0 = numpy.random.default_rng(1).standard_normal((6, 4))
    R = gradient_descent(net, th0, None, 1500, lr=0.05,
                         loss=FunctionSpaceLoss(numpy.tile(c_star, (6, 1)), weight=Q, offset=r))
    function_min = float(R["loss"].min())
    closed = _rank_one_weighted_minimum(c_star, r, Q[:2, :2], 2)
    assert abs(sample_min - function_min) < 1e-9 and abs(sample_min - closed) < 1e-9
    assert sample_min > r + 1e-3          # the data are not fitted by a rank-one matrix
    assert E.provenance.method == "numerical" and "converged" in E.provenance.certificate
    assert E.provenance.certificate.startswith("Wilson 95% interval")
    assert "the data set (X, Y) of 6 samples given" in E.provenance.choices


def test_too_few_samples_do_not_measure_the_distance_to_the_function():
    # one sample: Q is singular, the rank-one model interpolates the sample
    # exactly, yet the target function is at positive distance from M
    net = LinearNetwork([2, 1, 2])
    g = numpy.array([[2.0, 1.0], [-1.0, 3.0]])            # a rank-2 target function x -> g x
    X = numpy.array([[1.0, 2.0]])
    Y = X @ g.T
    Q = sample_gram_matrix(net, X)
    assert numpy.linalg.matrix_rank(Q) == 2 < 4
    E = fit_samples(net, X, Y, trials=4, steps=1500, lr=0.02, seed=0, progress=False)
    assert E.loss.min() < 1e-10
    # ED distance from g to the rank-one matrices (Eckart-Young): sigma_2(g)^2 > 0
    R = gradient_descent(net, numpy.random.default_rng(2).standard_normal((4, 4)),
                         numpy.tile(g.reshape(-1), (4, 1)), 1500, lr=0.05)
    s2 = numpy.linalg.svd(g, compute_uv=False)[1] ** 2
    assert abs(R["loss"].min() - s2) < 1e-8 and s2 > 1
    # with enough samples (the Gram matrix of many generic inputs) the sample
    # minimum is positive again: the closed form of the weighted problem
    X6 = numpy.random.default_rng(5).standard_normal((6, 2))
    E6 = fit_samples(net, X6, X6 @ g.T, trials=4, steps=1500, lr=0.05, seed=0, progress=False)
    closed = _rank_one_weighted_minimum(g.reshape(-1), 0.0, sample_gram_matrix(net, X6)[:2, :2], 2)
    assert closed > 1e-2 and abs(E6.loss.min() - closed) < 1e-8


def test_realizable_target_fitted_and_unrealizable_not():
    net = PolynomialMLP([2, 1, 1])                       # f = w2 (a x0 + b x1)^2
    theta_star = [1, -2, 3]                               # w1 = (1, -2), w2 = 3
    X = numpy.random.default_rng(7).standard_normal((6, 2))
    Y = numpy.array([[3 * (a - 2 * b) ** 2] for a, b in X])
    F = NumericMap(net)
    assert numpy.allclose(monomial_evaluation(net, X) @ F.values(numpy.array([theta_star], float))[0],
                          Y[:, 0])
    E = fit_samples(net, X, Y, trials=6, steps=2000, lr=0.02, seed=0, progress=False)
    assert E.loss.min() < 1e-10
    # x0 x1 is no square times a constant: the fit stays at positive loss
    Y2 = numpy.array([[a * b] for a, b in X])
    E2 = fit_samples(net, X, Y2, trials=6, steps=2000, lr=0.02, seed=0, progress=False)
    assert E2.loss.min() > 1e-3


def test_fit_samples_seeded_and_reproducible():
    net = PolynomialMLP([2, 2, 1])
    X = numpy.random.default_rng(0).standard_normal((8, 2))
    Y = numpy.random.default_rng(1).standard_normal((8, 1))
    a = fit_samples(net, X, Y, trials=5, steps=150, seed=3, progress=False)
    b = net.training_experiment(trials=5, steps=150, seed=3, progress=False, data=(X, Y))
    c = fit_samples(net, X, Y, trials=5, steps=150, seed=4, progress=False)
    assert a == b and not a == c
    assert numpy.array_equal(a.loss, b.loss) and a.provenance.seeds == (3,)
    assert not a == training_experiment(net, trials=5, steps=150, seed=3, progress=False)


def test_likelihood_over_outputs_closed_form():
    # [2, 1, 2]: p_ji = f_i(x_j) / sum_l f_l(x_j) = w2_i / (w2_0 + w2_1) does not
    # depend on x_j; the maximum likelihood estimate is the column sums over the total
    net = LinearNetwork([2, 1, 2])
    X = [[1, 0], [0, 1], [1, 1]]
    Y = numpy.array([[3, 1], [5, 3], [2, 2]])
    E = fit_samples(net, X, Y, loss="likelihood", trials=10, steps=800, seed=0, progress=False)
    inside = ~E.outside
    assert 0 < inside.sum() < 10
    col = Y.sum(axis=0)
    ml = -float((col * numpy.log(col / col.sum())).sum())
    assert numpy.allclose(E.loss[inside], ml, atol=1e-9)
    L = LikelihoodSampleLoss(net, X, Y)
    P = L.probabilities(NumericMap(net).values(E.theta[inside]))
    assert numpy.allclose(P[:, :, 0], col / col.sum(), atol=1e-6)
    # the loss is above the saturated value: the model is not the full simplex at each sample
    assert ml > L.saturated_value() + 1e-3


def test_likelihood_over_samples_and_runs_outside_the_orthant():
    # one output: p_j = f(x_j) / sum_l f(x_l); LinearNetwork([3, 1]) at the unit
    # vectors is every positive distribution on 3 states: the MLE is Y / sum(Y)
    net = LinearNetwork([3, 1])
    Y = [[1], [2], [5]]
    E = fit_samples(net, numpy.eye(3), Y, loss="likelihood", trials=12, steps=800, seed=0,
                    progress=False)
    L = sample_loss(net, numpy.eye(3), Y, loss="likelihood")
    inside = ~E.outside
    assert inside.any() and E.outside.any()
    assert numpy.allclose(E.loss[inside], L.saturated_value(), atol=1e-9)
    p = E.theta[inside] / E.theta[inside].sum(axis=1, keepdims=True)
    assert numpy.allclose(p, numpy.array([1, 2, 5]) / 8.0, atol=1e-6)
    # runs starting with mixed signs are reported, never moved, never counted
    assert numpy.array_equal(E.theta[E.outside], E.theta0[E.outside])
    assert not E.singular[E.outside].any() and E.inside_count() == int(inside.sum())
    assert "outside the positive orthant" in repr(E) and "outside" in E.provenance.note
    assert E.provenance.value == (int(E.singular.sum()), int(inside.sum()))


def test_fit_interrupt_returns_finished_runs(capsys):
    net = LinearNetwork([2, 1, 1])
    X, Y = numpy.array([[1., 0.], [0., 1.]]), numpy.array([[1.], [2.]])
    F = NumericMap(net)
    calls = [0]
    orig = F.jacobians

    def flaky(theta):
        calls[0] += 1
        if calls[0] == 15:
            raise KeyboardInterrupt
        return orig(theta)
    F.jacobians = flaky
    R = gradient_descent(net, numpy.ones((2, 3)), None, 50, progress=True, F=F,
                         loss=SquaredSampleLoss(net, X, Y))
    assert R["interrupted"] and R["steps_done"] == 14
    assert numpy.all(numpy.isfinite(R["loss"])) and "interrupted" in capsys.readouterr().err


def test_fit_samples_bad_input():
    net = PolynomialMLP([2, 1, 1])
    X = [[1, 0], [0, 1]]
    with pytest.raises(ValueError, match="X and Y must have the same number of rows"):
        fit_samples(net, X, [[1]])
    with pytest.raises(ValueError, match="X must have 2 columns"):
        fit_samples(net, [[1, 0, 0]], [[1]])
    with pytest.raises(ValueError, match="Y must have 1 columns"):
        fit_samples(net, X, [[1, 2], [3, 4]])
    with pytest.raises(ValueError, match="Y must hold nonnegative counts.*entry \\(1, 0\\)"):
        fit_samples(net, X, [[1], [-2]], loss="likelihood")
    with pytest.raises(ValueError, match="not all zero"):
        fit_samples(net, X, [[0], [0]], loss="likelihood")
    with pytest.raises(ValueError, match="loss must be one of 'squared', 'likelihood'"):
        fit_samples(net, X, [[1], [2]], loss="kl")
    with pytest.raises(ValueError, match="X must be a nonempty 2-dimensional"):
        fit_samples(net, [1, 0], [[1]])
    with pytest.raises(ValueError, match="data must be a pair"):
        training_experiment(net, data=[[1, 0], [0, 1], [1, 1]])
    with pytest.raises(ValueError, match="lr"):
        fit_samples(net, X, [[1], [2]], lr=0)
    with pytest.raises(ValueError, match="init_scale"):
        fit_samples(net, X, [[1], [2]], init_scale=-1)
    with pytest.raises(ValueError, match="finite"):
        fit_samples(net, [[1, float("nan")], [0, 1]], [[1], [2]])


def test_loss_needs_data_and_sample_fit_plot(tmp_path):
    from sage_neuro.reports.plots import plot_sample_fit
    net = LinearNetwork([2, 1, 2])
    with pytest.raises(ValueError, match="pass data=\\(X, Y\\)"):
        training_experiment(net, trials=2, steps=5, loss="likelihood")
    E = training_experiment(net, trials=6, steps=300, seed=1, progress=False, loss="likelihood",
                            data=([[1, 0], [0, 1]], [[3, 1], [6, 2]]))
    assert E.loss_name == "likelihood" and E.inside_count() > 0
    # the fitted probabilities at the best run: the column frequencies (9/12, 3/12)
    assert numpy.allclose(E.fitted(), [[0.75, 0.25], [0.75, 0.25]], atol=1e-6)
    assert (tmp_path / "fit.png").exists() is False
    plot_sample_fit(E, str(tmp_path / "fit.png"))
    assert (tmp_path / "fit.png").stat().st_size > 0
    with pytest.raises(ValueError, match="experiment must fit a data set"):
        plot_sample_fit(training_experiment(net, trials=2, steps=5, progress=False),
                        str(tmp_path / "no.png"))


@pytest.mark.slow
def test_contrast_on_samples_measured():
    # the measurement stated in fit_samples' documentation
    out = []
    for net in (PolynomialMLP([2, 2, 1]), PolynomialCNN([3, 2])):
        X = numpy.random.default_rng(0).standard_normal((12, int(net._input_dimension())))
        Y = numpy.random.default_rng(1).standard_normal((12, 1))
        out.append(fit_samples(net, X, Y, trials=100, steps=2000, seed=0, progress=False))
    mlp, cnn = out
    assert int(mlp.singular.sum()) == 9 and int(cnn.singular.sum()) == 0
    c_star, r = least_squares_fit(PolynomialMLP([2, 2, 1]), mlp.data[0], mlp.data[1])
    assert abs(mlp.loss.min() - r) < 1e-6 and abs(r - 0.350) < 1e-3
    assert numpy.all(mlp.loss[mlp.singular] > r + 1e-6)
    assert mlp.confidence_interval()[0] > cnn.confidence_interval()[1]
