r"""
Singularity bias: where does gradient descent end?

Gradient descent (numpy, float64) on the ED loss
``L(theta) = ||mu(theta) - u||^2`` (function-space coordinates of
:meth:`~sage_neuro.architectures.base.Architecture.monomial_basis`) from
random initializations ``theta_0 ~ N(0, init_scale^2)`` and random data
``u ~ N(0, 1)``, all trials run together as one vectorised batch. Each trial
keeps its own step size: a step that increases the loss is undone and the
step size halved (plain gradient descent otherwise).

An end point ``theta`` is on the *critical locus of mu* (where the Jacobian
drops rank; for MLPs and CNNs the subnetworks: a dead neuron or filter,
or neurons made parallel) when the ``d``-th singular value of the Jacobian
(``d = dim M``) is below ``rank_tolerance`` times the largest one; its
image is then (numerically) a point of a subnetwork, typically a singular
point of ``M``. The fraction of such runs is reported with its Wilson
score interval. Whether singular points *attract* gradient descent is the
question (the dictionary of neuroalgebraic geometry, arXiv:2501.18915,
expects yes for MLPs, no for CNNs).

Data sets of samples: :func:`fit_samples` (or ``training_experiment(net,
data=(X, Y), loss=...)``) runs the same descent on the squared loss
``(1/k) sum_j ||f_theta(x_j) - y_j||^2`` or the likelihood (cross-entropy)
loss of counts ``Y`` at input samples ``X``, with the same end-point
analysis. Both losses are functions of ``mu(theta)`` through the values of
the monomial basis at the samples (:mod:`sage_neuro.optimization.samples`):
the squared loss is a quadratic form in ``mu(theta)`` with the Gram matrix
of the monomial basis at the samples, so with enough generic samples its
minimum over the parameters is that of a weighted ED problem in function
space. Runs where a probability of the likelihood loss is not positive are
reported as *outside the positive orthant*.

Everything is seeded (``numpy.random.default_rng([seed, trial])`` per
trial): the same call gives the same numbers. Progress goes to stderr; an
interrupt (Ctrl-C) stops the descent and returns the runs as they are,
marked ``interrupted``.

EXAMPLES::

    sage: from sage_neuro import PolynomialMLP
    sage: from sage_neuro.optimization.training import training_experiment
    sage: E = training_experiment(PolynomialMLP([2, 2, 1]), trials=20, steps=300, seed=1, progress=False)
    sage: E.trials, 0 <= E.fraction_singular() <= 1
    (20, True)
    sage: E == training_experiment(PolynomialMLP([2, 2, 1]), trials=20, steps=300, seed=1, progress=False)
    True
"""

import sys
import time

import numpy

from sage_neuro.provenance import Provenance
from sage_neuro.statistics import wilson_interval
from sage_neuro.validation import check_positive_int


class NumericMap:
    r"""
    ``mu`` and its Jacobian evaluated in floating point on a batch of
    parameter points (rows of an array), from the terms of the coordinate
    functions.

    INPUT:

    - ``net`` -- an architecture

    EXAMPLES::

        sage: import numpy
        sage: from sage_neuro import LinearNetwork
        sage: from sage_neuro.optimization.training import NumericMap
        sage: F = NumericMap(LinearNetwork([2, 1, 2]))
        sage: F.values(numpy.array([[1., 2., 3., 4.]])).tolist()
        [[3.0, 6.0, 4.0, 8.0]]
        sage: F.jacobians(numpy.array([[1., 2., 3., 4.]]))[0].tolist()
        [[3.0, 0.0, 1.0, 0.0], [0.0, 3.0, 2.0, 0.0], [4.0, 0.0, 0.0, 1.0], [0.0, 4.0, 0.0, 2.0]]
    """

    def __init__(self, net):
        rows, exps, coefs = [], [], []
        for i, f in enumerate(net.coordinate_functions()):
            for e, c in f.dict().items():
                rows.append(i)
                exps.append(tuple(e))
                coefs.append(float(c))
        self.n = int(net.ambient_dimension())
        self.N = int(net.num_parameters())
        self.E = numpy.array(exps, dtype=numpy.int64).reshape(len(exps), self.N)
        self.coef = numpy.array(coefs)
        # one-hot matrix summing the terms of each coordinate
        self.S = numpy.zeros((len(rows), self.n))
        self.S[numpy.arange(len(rows)), rows] = 1.0

    def _monomials(self, theta, E):
        # theta: (T, N); E: (terms, N) -> (T, terms)
        return numpy.prod(theta[:, None, :] ** E[None, :, :], axis=2)

    def values(self, theta):
        r"""
        Return ``mu(theta)`` for each row of ``theta`` (an array ``(T, N)``),
        as an array ``(T, n)``.

        EXAMPLES::

            sage: import numpy
            sage: from sage_neuro import LinearNetwork
            sage: from sage_neuro.optimization.training import NumericMap
            sage: NumericMap(LinearNetwork([1, 1, 1])).values(numpy.array([[2., 3.]])).tolist()
            [[6.0]]
        """
        return (self._monomials(theta, self.E) * self.coef) @ self.S

    def hessians(self, theta):
        r"""
        Return the second derivatives of ``mu`` at the rows of ``theta``: an
        array ``(T, n, N, N)``.

        EXAMPLES::

            sage: import numpy
            sage: from sage_neuro import LinearNetwork
            sage: from sage_neuro.optimization.training import NumericMap
            sage: NumericMap(LinearNetwork([1, 1, 1])).hessians(numpy.array([[2., 3.]])).tolist()
            [[[[0.0, 1.0], [1.0, 0.0]]]]
        """
        T = theta.shape[0]
        H = numpy.zeros((T, self.n, self.N, self.N), dtype=theta.dtype)
        for i in range(self.N):
            for j in range(i, self.N):
                Ei = self.E.copy()
                Ei[:, i] -= 1
                Ei[:, j] -= 1
                factor = self.E[:, i] * (self.E[:, j] - (1 if i == j else 0))
                sel = (factor != 0) & (Ei >= 0).all(axis=1)
                if not sel.any():
                    continue
                terms = self._monomials(theta, Ei[sel]) * (self.coef[sel] * factor[sel])
                H[:, :, i, j] = terms @ self.S[sel]
                H[:, :, j, i] = H[:, :, i, j]
        return H

    def jacobians(self, theta):
        r"""
        Return the Jacobians of ``mu`` at the rows of ``theta``: an array
        ``(T, n, N)``.

        EXAMPLES::

            sage: import numpy
            sage: from sage_neuro import LinearNetwork
            sage: from sage_neuro.optimization.training import NumericMap
            sage: NumericMap(LinearNetwork([1, 1, 1])).jacobians(numpy.array([[2., 3.]])).tolist()
            [[[3.0, 2.0]]]
        """
        T = theta.shape[0]
        J = numpy.zeros((T, self.n, self.N), dtype=theta.dtype)
        for j in range(self.N):
            ej = self.E[:, j]
            sel = ej > 0
            if not sel.any():
                continue
            Ej = self.E[sel].copy()
            Ej[:, j] -= 1
            terms = self._monomials(theta, Ej) * (self.coef[sel] * ej[sel])
            J[:, :, j] = terms @ self.S[sel]
        return J


def gradient_descent(net, theta0, targets, steps, lr=0.01, record_every=0, progress=False,
                     F=None, loss=None):
    r"""
    Run gradient descent on ``||mu(theta) - u||^2`` (or on ``loss(mu(theta))``)
    for a batch of starting points and targets.

    INPUT:

    - ``net`` -- an architecture
    - ``theta0`` -- array ``(T, N)`` of starting points
    - ``targets`` -- array ``(T, n)`` of data points (ignored if ``loss`` is given)
    - ``steps`` -- number of steps
    - ``lr`` -- initial step size (halved for a trial whenever its step
      would increase its loss or leave the domain of the loss; that step is
      then not taken)
    - ``record_every`` -- if positive, keep ``theta`` every so many steps
    - ``progress`` -- print progress to stderr
    - ``loss`` -- (optional) a loss of the function-space point with methods
      ``value(c)`` and ``gradient(c)`` on arrays ``(T, n)``, e.g. from
      :mod:`sage_neuro.optimization.samples`; default the ED loss to ``targets``

    OUTPUT: a dictionary with ``theta`` (end points), ``loss``,
    ``grad_norm`` (of the gradient in ``theta``), ``values`` (``mu`` at the
    end points), ``lr`` (final step sizes), ``trajectory`` (list of
    arrays, if recorded), ``steps_done``, ``interrupted``, ``jacobian``

    A run whose loss is not finite at its start (outside the domain of the
    loss) never moves: no step from it can be compared.

    EXAMPLES::

        sage: import numpy
        sage: from sage_neuro import LinearNetwork
        sage: from sage_neuro.optimization.training import gradient_descent
        sage: R = gradient_descent(LinearNetwork([1, 1, 1]), numpy.array([[1., 1.]]), numpy.array([[4.]]), 500, lr=0.05)
        sage: round(R['loss'][0], 8), round(float(numpy.prod(R['theta'][0])), 6)
        (0.0, 4.0)
    """
    from sage_neuro.optimization.samples import FunctionSpaceLoss
    F = F or NumericMap(net)
    theta = numpy.array(theta0, dtype=float)
    if loss is None:
        loss = FunctionSpaceLoss(targets)
    T = theta.shape[0]
    rate = numpy.full(T, float(lr))
    c = F.values(theta)
    value = loss.value(c)
    traj = [theta.copy()] if record_every else []
    interrupted = False
    done = 0
    tick = max(1, steps // 10)
    try:
        for k in range(steps):
            J = F.jacobians(theta)
            g = numpy.einsum("tij,ti->tj", J, loss.gradient(c))
            with numpy.errstate(invalid="ignore", over="ignore"):
                new = theta - rate[:, None] * g
                cn = F.values(new)
                vn = loss.value(cn)
                ok = numpy.isfinite(vn) & (vn <= value)
            theta[ok], c[ok], value[ok] = new[ok], cn[ok], vn[ok]
            rate[~ok] /= 2
            done = k + 1
            if record_every and done % record_every == 0:
                traj.append(theta.copy())
            if progress and done % tick == 0:
                print("gradient descent: step %d/%d, median loss %.3g"
                      % (done, steps, float(numpy.median(value))), file=sys.stderr, flush=True)
    except KeyboardInterrupt:
        interrupted = True
        print("gradient descent interrupted at step %d/%d; returning the runs so far"
              % (done, steps), file=sys.stderr, flush=True)
    J = F.jacobians(theta)
    g = numpy.einsum("tij,ti->tj", J, loss.gradient(c))
    return {"theta": theta, "loss": value, "grad_norm": numpy.linalg.norm(g, axis=1),
            "values": c,
            "lr": rate, "trajectory": traj, "steps_done": done, "interrupted": interrupted,
            "jacobian": J}


class TrainingExperiment:
    r"""
    The outcome of :func:`training_experiment` or :func:`fit_samples`.

    Attributes: ``net``, ``trials``, ``steps``, ``seed``, ``dimension``
    (``d``, the generic rank of the Jacobian), ``theta0``, ``targets``
    (function-space targets of the ED loss, ``None`` for a data set),
    ``data`` (the pair ``(X, Y)`` or ``None``), ``loss_name``
    (``'ed'``, ``'squared'`` or ``'likelihood'``), ``theta`` (end points),
    ``values`` (``mu`` at the end points), ``loss``, ``grad_norm``,
    ``singular_values`` (of the Jacobian at the
    end points, decreasing), ``rank_ratio`` (the ``d``-th singular value
    over the largest), ``outside`` (boolean array: the loss is not defined
    at the run's point -- a probability of the likelihood loss is not
    positive), ``singular`` (boolean array: the end point is on the
    critical locus of ``mu``; always ``False`` for runs outside),
    ``converged`` (final gradient norm below ``CONVERGED_GRADIENT (1 +
    |loss|)``), ``interrupted``, ``provenance``.

    The fraction on the critical locus and its Wilson interval are taken
    over the runs inside the domain of the loss.

    INPUT:

    - ``net``, ``data`` (the dictionary of :func:`gradient_descent`),
      ``theta0``, ``targets``, ``steps``, ``seed``, ``dimension``,
      ``rank_tolerance``, ``seconds``
    - ``loss_name`` -- (default ``'ed'``) the loss
    - ``samples`` -- (default ``None``) the data set ``(X, Y)``
    - ``route`` -- (optional) the description of the loss for the provenance

    EXAMPLES::

        sage: from sage_neuro import PolynomialCNN
        sage: E = PolynomialCNN([2, 2]).training_experiment(trials=10, steps=200, seed=0, progress=False)
        sage: E
        Training experiment on PolynomialCNN([2, 2]): 10 runs of 200 steps (seed 0): ... on the critical locus of mu, 95% interval [...]; ... at the zero function
    """

    def __init__(self, net, data, theta0, targets, steps, seed, dimension, rank_tolerance,
                 seconds, loss_name="ed", samples=None, route=None):
        from sage_neuro.constants import CONVERGED_GRADIENT
        self.net = net
        self.theta0 = theta0
        self.targets = targets
        self.data = samples
        self.loss_name = loss_name
        self.steps = steps
        self.seed = seed
        self.dimension = dimension
        self.rank_tolerance = rank_tolerance
        self.theta = data["theta"]
        self.values = data["values"]
        self.loss = data["loss"]
        self.grad_norm = data["grad_norm"]
        self.interrupted = data["interrupted"]
        self.steps_done = data["steps_done"]
        self.trials = int(self.theta.shape[0])
        self.outside = ~numpy.isfinite(self.loss)
        self.singular_values = numpy.linalg.svd(data["jacobian"], compute_uv=False)
        d = dimension
        top = self.singular_values[:, 0]
        self.rank_ratio = numpy.where(top > 0, self.singular_values[:, d - 1] / numpy.where(top > 0, top, 1), 0.0)
        self.singular = (self.rank_ratio < rank_tolerance) & ~self.outside
        with numpy.errstate(invalid="ignore"):
            self.converged = (self.grad_norm < CONVERGED_GRADIENT * (1 + numpy.abs(self.loss))) & ~self.outside
        # the trivial singular point: the zero function (a dead layer or
        # filter), measured against the size of the targets or outputs
        if targets is not None:
            scale = numpy.linalg.norm(targets, axis=1)
        else:
            scale = numpy.full(self.trials, float(numpy.linalg.norm(samples[1])))
        norms = numpy.linalg.norm(data["values"], axis=1)
        self.zero_function = (norms < 1e-6 * numpy.maximum(1.0, scale)) & ~self.outside
        k, m = int(self.singular.sum()), self.inside_count()
        lo, hi = wilson_interval(k, m)
        inside = ~self.outside
        gn = self.grad_norm[inside]
        if route is None:
            route = ("batch gradient descent (numpy float64) on ||mu(theta) - u||^2, theta0 ~ "
                     "N(0, s^2), u ~ N(0, 1), step halved when the loss would increase")
        self.provenance = Provenance(
            "training_experiment", (k, m), "numerical", seeds=(seed,), seconds=seconds,
            route=route,
            choices=("%d initializations theta0 and targets u (numpy seed %s)" % (self.trials, seed)
                     if samples is None else "%d initializations theta0 (numpy seed %s); the data "
                     "set (X, Y) of %d samples given" % (self.trials, seed, samples[0].shape[0])),
            certificate="Wilson 95%% interval [%.3f, %.3f] for the fraction of runs ending at "
                        "sigma_d / sigma_1 < %g; %d of %d runs converged (final gradient norm "
                        "< %g (1 + |loss|)); final gradient norm median %.3g, max %.3g"
                        % (lo, hi, rank_tolerance, int(self.converged.sum()), m, CONVERGED_GRADIENT,
                           float(numpy.median(gn)) if m else float("nan"),
                           float(gn.max()) if m else float("nan")),
            note="end point on the critical locus of mu when sigma_d / sigma_1 < %g (d = %d); "
                 "%d of %d runs (%d at the zero function), Wilson 95%% interval [%.3f, %.3f]%s%s"
                 % (rank_tolerance, d, k, m, int(self.zero_function.sum()), lo, hi,
                    "; %d of %d runs outside the positive orthant (loss undefined), not counted"
                    % (int(self.outside.sum()), self.trials) if self.outside.any() else "",
                    "; interrupted after %d steps" % self.steps_done if self.interrupted else ""))

    def inside_count(self):
        r"""
        Return the number of runs at which the loss is defined (all of
        them, except for the likelihood loss where some probability is not
        positive).

        OUTPUT: an integer

        EXAMPLES::

            sage: from sage_neuro import LinearNetwork
            sage: E = LinearNetwork([2, 2]).training_experiment(trials=5, steps=50, progress=False)
            sage: E.inside_count()
            5
        """
        return int((~self.outside).sum())

    def best_run(self):
        r"""
        Return the index of the run with the smallest final loss (among the
        runs inside the domain of the loss).

        OUTPUT: an integer; a ``ValueError`` if every run is outside

        EXAMPLES::

            sage: from sage_neuro import LinearNetwork
            sage: E = LinearNetwork([2, 1, 2]).training_experiment(trials=5, steps=50, progress=False)
            sage: bool(E.loss[E.best_run()] == E.loss.min())
            True
        """
        if not self.inside_count():
            raise ValueError("no run is inside the domain of the loss")
        return int(numpy.nanargmin(self.loss))

    def fitted(self, run=None):
        r"""
        Return what the network of a run predicts at the samples: the
        values ``f_i(x_j)`` (array ``k x h``) for the squared loss, the
        probabilities ``p_ji`` (``k x h``) for the likelihood loss.

        INPUT:

        - ``run`` -- (default: :meth:`best_run`) index of the run

        OUTPUT: a float array ``k x h`` (``nan`` outside the positive orthant)

        EXAMPLES::

            sage: from sage_neuro import LinearNetwork
            sage: from sage_neuro.optimization.training import fit_samples
            sage: E = fit_samples(LinearNetwork([2, 1]), [[1, 0], [0, 1]], [[1], [3]], loss='likelihood', trials=8, steps=300, progress=False)
            sage: [round(float(p), 6) for p in E.fitted()[:, 0]]
            [0.25, 0.75]
            sage: LinearNetwork([2, 2]).training_experiment(trials=2, steps=5, progress=False).fitted()
            Traceback (most recent call last):
            ...
            ValueError: fitted values need a data set: this experiment fits targets in function space
        """
        if self.data is None:
            raise ValueError("fitted values need a data set: this experiment fits targets in "
                             "function space")
        from sage_neuro.optimization.samples import sample_loss
        run = self.best_run() if run is None else int(run)
        L = sample_loss(self.net, self.data[0], self.data[1], loss=self.loss_name)
        c = self.values[run:run + 1]
        out = L.probabilities(c) if self.loss_name == "likelihood" else L.outputs(c)
        return out[0].T

    def fraction_singular(self):
        r"""
        Return the fraction of runs ending on the critical locus of ``mu``.

        EXAMPLES::

            sage: from sage_neuro import LinearNetwork
            sage: E = LinearNetwork([2, 2]).training_experiment(trials=5, steps=50, progress=False)
            sage: E.fraction_singular()
            0.0
        """
        m = self.inside_count()
        return float(self.singular.sum()) / m if m else float("nan")

    def confidence_interval(self, z=1.959963984540054):
        r"""
        Return the Wilson score interval of :meth:`fraction_singular`.

        EXAMPLES::

            sage: from sage_neuro import LinearNetwork
            sage: E = LinearNetwork([2, 2]).training_experiment(trials=5, steps=50, progress=False)
            sage: [round(x, 3) for x in E.confidence_interval()]
            [0.0, 0.434]
        """
        return wilson_interval(int(self.singular.sum()), self.inside_count(), z)

    def __eq__(self, other):
        return (isinstance(other, TrainingExperiment) and self.net == other.net
                and self.loss_name == other.loss_name
                and numpy.array_equal(self.theta0, other.theta0)
                and numpy.array_equal(self.theta, other.theta)
                and (self.targets is None) == (other.targets is None)
                and (self.targets is None or numpy.array_equal(self.targets, other.targets))
                and (self.data is None) == (other.data is None)
                and (self.data is None or all(numpy.array_equal(a, b)
                                              for a, b in zip(self.data, other.data))))

    def __repr__(self):
        lo, hi = self.confidence_interval()
        what = "" if self.loss_name == "ed" else " (%s loss on %d samples)" % (
            self.loss_name, self.data[0].shape[0])
        return ("Training experiment on %r%s: %d runs of %d steps (seed %s): %d (%.1f%%) end on "
                "the critical locus of mu, 95%% interval [%.3f, %.3f]; %d at the zero function%s%s"
                % (self.net, what, self.trials, self.steps, self.seed, int(self.singular.sum()),
                   100 * self.fraction_singular(), lo, hi, int(self.zero_function.sum()),
                   "; %d outside the positive orthant" % int(self.outside.sum())
                   if self.outside.any() else "",
                   " (interrupted)" if self.interrupted else ""))

    def plot(self, filename, title=None):
        r"""
        Save a PNG: the histogram of ``log10(sigma_d / sigma_1)`` at the end
        points (the threshold dashed) and the final losses.

        EXAMPLES::

            sage: import os
            sage: from sage_neuro import LinearNetwork
            sage: E = LinearNetwork([2, 1, 2]).training_experiment(trials=8, steps=50, progress=False)
            sage: os.path.getsize(E.plot(os.path.join(tmp_dir(), 't.png'))) > 0
            True
        """
        from sage_neuro.reports.plots import plot_experiments
        return plot_experiments([self], filename, title=title)


def _positive_number(value, name):
    # Sage reals and rationals as well as Python numbers
    try:
        x = None if isinstance(value, (bool, str)) else float(value)
    except (TypeError, ValueError):
        x = None
    if x is None or not (x > 0 and numpy.isfinite(x)):
        raise ValueError("%s must be a positive number, got %r" % (name, value))
    return x


def _check_run_settings(trials, steps, lr, init_scale):
    trials = check_positive_int(trials, "trials")
    steps = check_positive_int(steps, "steps")
    return int(trials), int(steps), _positive_number(lr, "lr"), _positive_number(init_scale, "init_scale")


def training_experiment(net, trials=100, steps=2000, seed=0, lr=0.01, init_scale=1.0,
                        rank_tolerance=1e-3, progress=True, data=None, loss=None):
    r"""
    Run gradient descent from random initializations, on the ED loss to
    random data in function space or on a loss of a data set of samples,
    and report how many runs end on the critical locus of ``mu`` (see the
    module documentation).

    INPUT:

    - ``net`` -- an architecture
    - ``trials`` -- (default ``100``) number of runs
    - ``steps`` -- (default ``2000``) gradient steps per run
    - ``seed`` -- (default ``0``) seed of the initializations and data
    - ``lr`` -- (default ``0.01``) initial step size
    - ``init_scale`` -- (default ``1``) standard deviation of ``theta_0``
    - ``rank_tolerance`` -- (default ``1e-3``) threshold on
      ``sigma_d / sigma_1``
    - ``progress`` -- (default ``True``) print progress to stderr
    - ``data`` -- (default ``None``: a Gaussian target ``u ~ N(0, 1)`` in
      function space per run, ED loss) a pair ``(X, Y)`` of input samples
      (``k x d0``) and outputs (``k x h``): every run fits this data set
      (see :func:`fit_samples`)
    - ``loss`` -- with ``data``: ``'squared'`` (the default) or
      ``'likelihood'``; without ``data`` only ``None`` (the ED loss)

    OUTPUT: a :class:`TrainingExperiment`

    EXAMPLES::

        sage: from sage_neuro import PolynomialMLP
        sage: from sage_neuro.optimization.training import training_experiment
        sage: E = training_experiment(PolynomialMLP([2, 1, 1]), trials=10, steps=100, seed=2, progress=False)
        sage: E.provenance.method, E.provenance.seeds
        ('numerical', (2,))
        sage: X = [[1, 0], [0, 1], [1, 1], [1, -1]]
        sage: training_experiment(PolynomialMLP([2, 1, 1]), trials=4, steps=100, progress=False, data=(X, [[1], [4], [9], [1]]))
        Training experiment on PolynomialMLP([2, 1, 1], activation=2) (squared loss on 4 samples): 4 runs of 100 steps (seed 0): ...
        sage: training_experiment(PolynomialMLP([2, 1, 1]), trials=0)
        Traceback (most recent call last):
        ...
        ValueError: trials must be an integer >= 1, not 0
        sage: training_experiment(PolynomialMLP([2, 1, 1]), data=X)
        Traceback (most recent call last):
        ...
        ValueError: data must be a pair (X, Y) of input samples and outputs, got a list of length 4
        sage: training_experiment(PolynomialMLP([2, 1, 1]), loss='likelihood')
        Traceback (most recent call last):
        ...
        ValueError: loss is a loss of a data set: pass data=(X, Y) with loss='likelihood' (without data the loss is the ED loss to Gaussian targets)
    """
    if data is not None:
        if not (isinstance(data, (tuple, list)) and len(data) == 2):
            raise ValueError("data must be a pair (X, Y) of input samples and outputs, got %s"
                             % ("a %s of length %d" % (type(data).__name__, len(data))
                                if hasattr(data, "__len__") else repr(data)))
        return fit_samples(net, data[0], data[1], loss="squared" if loss is None else loss,
                           trials=trials, steps=steps,
                           seed=seed, lr=lr, init_scale=init_scale,
                           rank_tolerance=rank_tolerance, progress=progress)
    if loss is not None:
        raise ValueError("loss is a loss of a data set: pass data=(X, Y) with loss=%r (without data "
                         "the loss is the ED loss to Gaussian targets)" % (loss,))
    trials, steps, lr, init_scale = _check_run_settings(trials, steps, lr, init_scale)
    t0 = time.time()
    N, n = int(net.num_parameters()), int(net.ambient_dimension())
    theta0 = numpy.empty((trials, N))
    targets = numpy.empty((trials, n))
    for i in range(trials):
        rng = numpy.random.default_rng([int(seed), i])
        theta0[i] = init_scale * rng.standard_normal(N)
        targets[i] = rng.standard_normal(n)
    d = int(net.neuromanifold().dimension())
    if progress:
        print("training experiment on %r: %d runs, %d steps, seed %s"
              % (net, trials, steps, seed), file=sys.stderr, flush=True)
    data = gradient_descent(net, theta0, targets, steps, lr=lr, progress=progress)
    return TrainingExperiment(net, data, theta0, targets, steps, seed, d, rank_tolerance,
                              time.time() - t0)


def fit_samples(net, X, Y, loss="squared", trials=20, steps=2000, seed=0, lr=0.01,
                init_scale=1.0, rank_tolerance=1e-3, progress=True):
    r"""
    Fit the data set ``(X, Y)`` by gradient descent on the parameters from
    random initializations, and analyse the end points as
    :func:`training_experiment` does.

    The losses (:mod:`sage_neuro.optimization.samples`) are functions of the
    function-space point ``mu(theta)``: ``'squared'``,
    ``(1/k) sum_j ||f_theta(x_j) - y_j||^2``, a quadratic form in
    ``mu(theta)`` (the Gram matrix of the monomial basis at the samples;
    :func:`~sage_neuro.optimization.samples.sample_gram_matrix`), and
    ``'likelihood'``, the cross-entropy ``-sum_j sum_i Y_ji log p_ji`` of
    nonnegative counts with ``p_ji = f_i(x_j) / sum_l f_l(x_j)`` (for one
    output: ``p_j = f(x_j) / sum_l f(x_l)``, a distribution over the
    samples; see :class:`~sage_neuro.optimization.samples.LikelihoodSampleLoss`).
    The gradient in ``theta`` is the Jacobian of ``mu`` (from
    :class:`NumericMap`) applied to the gradient in ``mu(theta)``.

    Runs with ``theta_0 ~ N(0, init_scale^2)`` (seeded per run by
    ``numpy.random.default_rng([seed, run])``); a step that would increase
    the loss, or leave the positive orthant of the likelihood loss, is not
    taken and the run's step size halved. Runs that *start* outside the
    positive orthant (loss undefined) are not moved, and are reported in
    ``outside`` and in the provenance, not counted in the fraction on the
    critical locus.

    The singularity-bias contrast holds on data sets too. Measured (12
    inputs and outputs drawn from ``N(0, 1)`` with seeds 0 and 1, squared
    loss, 100 runs of 2000 steps, seed 0; 7 s and 11 s): MLP ``[2, 2, 1]``
    (whose neuromanifold is all binary quadratics, so the least-squares
    residual 0.350 is reachable) 9 of 100 runs end on the critical locus,
    all above that residual (Wilson 95%: [0.048, 0.162]); CNN ``[3, 2]``
    0 of 100 ([0, 0.037]). Few runs are stationary after 2000 steps (3 and
    0 of 100 below the gradient tolerance of the certificate): the fraction
    is that of runs drifting towards the critical locus, as in
    :func:`singularity_bias_contrast`.

    INPUT:

    - ``net`` -- an architecture
    - ``X`` -- input samples, an array ``k x d0``
    - ``Y`` -- outputs, ``k x h`` (nonnegative counts for the likelihood loss)
    - ``loss`` -- ``'squared'`` (default) or ``'likelihood'``
    - ``trials``, ``steps``, ``seed``, ``lr``, ``init_scale``,
      ``rank_tolerance``, ``progress`` -- as in :func:`training_experiment`

    OUTPUT: a :class:`TrainingExperiment` (``targets`` is ``None``, ``data``
    the pair ``(X, Y)`` as float arrays)

    EXAMPLES:

    A realizable target: ``Y = f_theta*(X)`` for ``f_theta* = 2 (x0 - x1)^2``::

        sage: from sage_neuro import PolynomialMLP
        sage: from sage_neuro.optimization.training import fit_samples
        sage: X = [[1, 0], [0, 1], [1, 1], [1, -1], [2, 1]]
        sage: Y = [[2 * (a - b)**2] for a, b in X]
        sage: E = fit_samples(PolynomialMLP([2, 1, 1]), X, Y, trials=6, steps=1500, seed=0, lr=0.02, progress=False)
        sage: bool(E.loss.min() < 1e-10), E.provenance.method
        (True, 'numerical')

    Counts over two output classes, fitted by the likelihood loss::

        sage: from sage_neuro import LinearNetwork
        sage: E = fit_samples(LinearNetwork([2, 1, 2]), [[1, 0], [0, 1]], [[3, 1], [5, 3]], loss='likelihood', trials=6, steps=500, progress=False)
        sage: E.inside_count() + int(E.outside.sum()) == 6
        True

    Bad input::

        sage: fit_samples(PolynomialMLP([2, 1, 1]), X, Y[:3])
        Traceback (most recent call last):
        ...
        ValueError: X and Y must have the same number of rows (samples), got 5 and 3
    """
    from sage_neuro.optimization.samples import sample_loss
    trials, steps, lr, init_scale = _check_run_settings(trials, steps, lr, init_scale)
    L = sample_loss(net, X, Y, loss=loss)
    t0 = time.time()
    N = int(net.num_parameters())
    theta0 = numpy.empty((trials, N))
    for i in range(trials):
        theta0[i] = init_scale * numpy.random.default_rng([int(seed), i]).standard_normal(N)
    d = int(net.neuromanifold().dimension())
    k = L.X.shape[0]
    if progress:
        print("fitting %d samples with %r (%s loss): %d runs, %d steps, seed %s"
              % (k, net, loss, trials, steps, seed), file=sys.stderr, flush=True)
    res = gradient_descent(net, theta0, None, steps, lr=lr, progress=progress, loss=L)
    route = ("batch gradient descent (numpy float64) on the %s loss of %d samples, "
             "theta0 ~ N(0, %g^2), step halved when the loss would increase%s"
             % (loss, k, init_scale, " or a probability would leave the positive orthant"
                if loss == "likelihood" else ""))
    return TrainingExperiment(net, res, theta0, None, steps, seed, d, rank_tolerance,
                              time.time() - t0, loss_name=loss, samples=(L.X, L.Y), route=route)


#: the small examples of the singularity-bias contrast (similar sizes)
CONTRAST = ("PolynomialMLP([2, 2, 1])", "PolynomialCNN([3, 2])")


def singularity_bias_contrast(trials=100, steps=3000, seed=0, filename=None, progress=True):
    r"""
    Run :func:`training_experiment` on the small MLP ``[2, 2, 1]`` and CNN
    ``[3, 2]`` (activation ``x^2``) with the same seed and settings, and
    optionally save the comparison plot.

    The MLP's neuromanifold is the whole space of binary quadratics, so every
    target can be fitted exactly; yet a positive fraction of runs ends with
    the two neurons parallel (the subnetwork ``[2, 1, 1]``) at positive loss.
    Measured (seed 0, 100 runs, 3000 steps): MLP 24 of 100 on the critical
    locus (Wilson 95%: [0.167, 0.332]), none at the zero function; CNN
    0 of 100 ([0, 0.037]). The fraction of the MLP grows slowly with the
    number of steps (19, 22, 24 of 100 after 1500, 2000, 3000 steps: runs
    creeping towards the subnetwork). Other measurements (same settings):
    MLP ``[2, 1, 1]`` 0, ``[3, 2, 1]`` 3, ``[2, 2, 2]`` 10 of 100; CNN
    ``[2, 2]`` 6 of 100, all at the zero function (a dead first filter:
    a spurious critical point of the loss, a local minimum in parameter
    space for data in an open set), CNN ``[2, 2, 2]`` 4 of 100.

    INPUT:

    - ``trials``, ``steps``, ``seed``, ``progress`` -- as in :func:`training_experiment`
    - ``filename`` -- (optional) path of the PNG

    OUTPUT: the pair of :class:`TrainingExperiment` (MLP, CNN)

    EXAMPLES::

        sage: from sage_neuro.optimization.training import singularity_bias_contrast
        sage: mlp, cnn = singularity_bias_contrast(trials=30, steps=1000, progress=False)
        sage: mlp.fraction_singular() > cnn.fraction_singular()
        True
    """
    from sage_neuro import PolynomialCNN, PolynomialMLP
    out = [training_experiment(net, trials=trials, steps=steps, seed=seed, progress=progress)
           for net in (PolynomialMLP([2, 2, 1], activation=2), PolynomialCNN([3, 2], activation=2))]
    if filename:
        from sage_neuro.reports.plots import plot_experiments
        plot_experiments(out, filename, title="Singularity bias: MLP [2,2,1] vs CNN [3,2], "
                                              "%d runs of %d steps, seed %s" % (trials, steps, seed))
    return tuple(out)
