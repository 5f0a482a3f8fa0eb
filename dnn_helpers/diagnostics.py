"""Notebook 18 (when training goes wrong): measure a training run, and say what is wrong in one readable report.

Each measure answers one question a learner asks when a network does not learn:

* ``dead_relu_fractions(caches)``: how many ReLU units output 0 for every example (dead), layer by layer?
* ``gradient_norms(grads)``: do the gradients explode or vanish on their way down to the first layer?
* ``update_ratios(parameters, grads, learning_rate)``: how big is a step against the weights (about 1e-3)?
* ``learning_rate_range_test(X, Y, layers_dims)``: which learning rates lower the cost, which are too high?
* ``overfit_tiny_batch(X, Y, layers_dims)``: can the network learn 10 examples by heart (if not: a bug)?
* ``duplicate_fraction(X_train, X_test)``: leakage, test examples that are also training examples;
* ``label_disagreement(X, Y)``: label noise, examples whose label disagrees with their nearest neighbours.

``record_training`` trains with the package's steps (``L_model_forward``, a ``gradients`` function, by default
``model_gradients``, and ``update_parameters``) and records the measures as it goes; ``diagnose`` runs all of
the above on one run and returns a ``Report``: one line per finding, with the number measured, the threshold it
is judged against and the fix. Every function is pure; randomness comes only from ``seed``. The hidden layers
are ReLU (the course's default network).
"""

from dataclasses import dataclass, field

import numpy as np

from .forward import L_model_forward
from .gradcheck import gradient_check
from .initialization import INITIALIZATION_METHODS, initialize_parameters_deep
from .model import check_training_data, model_gradients
from .optimizers import initialize_adam, update_parameters_with_adam
from .output_layer import output_cost
from .update import update_parameters
from .validation import (as_matrix, as_parameters, check_caches, check_choice, check_count, check_finite,
                         check_positive, check_seed, checked, checked_outside, describe)

LN2 = float(np.log(2))   # the cost of predicting 0.5 for every example: a network that has learned nothing

# Thresholds of the report, each the line between "fine" and "look at this" (measured in notebook 18).
DEAD_THRESHOLD = 0.5          # fraction of a hidden layer's units dead at the end of the run
GRADIENT_SMALL = 1e-5         # ||dW[l]|| / ||W[l]|| at the start, the largest layer: vanishing below
GRADIENT_LARGE = 10.0         # ... exploding above
RATIO_HIGH = 3e-2             # update-to-weight ratio per step, median over the run: too large above
RATIO_LOW = 1e-5              # ... too small below (the rule of thumb: about 1e-3)
RATIO_FIRST = 1.0             # the first step, the largest layer: a step as large as the weights is too large
STUCK_MARGIN = 0.01           # a final cost within this of ln 2 is "stuck at ln 2"
INPUT_SCALE = 10.0            # a feature whose mean or standard deviation is larger than this is unscaled
GRADCHECK_BUG = 1e-3          # relative difference of the gradient check above which grads have a bug
OVERFIT_COST = 0.05           # the cost that learning 10 examples by heart must reach
NOISE_THRESHOLD = 0.15        # fraction of examples whose label disagrees with most of their 5 neighbours
GAP_THRESHOLD = 0.10          # train accuracy - test accuracy above this: overfitting


def _check_caches(caches):
    L = check_caches(caches)
    for l, cache in enumerate(caches, start=1):
        if not (isinstance(cache, (tuple, list)) and len(cache) == 2 and isinstance(cache[1], np.ndarray)
                and cache[1].ndim == 2):
            raise TypeError(f"caches[{l - 1}] must be a layer cache (linear_cache, Z) with Z (n[{l}], m), as "
                            f"L_model_forward returns it; got {describe(cache)}")
    return L


def _check_update(parameters, grads, learning_rate):
    _, L = as_parameters(parameters)
    if not isinstance(grads, dict):
        raise TypeError(f"grads must be the dict {{'dW1', 'db1', ...}} of a backward pass; got {describe(grads)}")
    for l in range(1, L + 1):
        if f"dW{l}" not in grads:
            raise ValueError(f"grads is missing 'dW{l}'; a {L}-layer network needs dW1 ... dW{L}")
        if np.shape(grads[f"dW{l}"]) != np.shape(parameters[f"W{l}"]):
            raise ValueError(f"grads['dW{l}'] has shape {np.shape(grads[f'dW{l}'])}, but W{l} is "
                             f"{np.shape(parameters[f'W{l}'])}; each gradient has its parameter's shape")
    check_positive(learning_rate, "learning_rate")


def _check_grads(grads):
    if not isinstance(grads, dict) or "dW1" not in grads:
        raise TypeError(f"grads must be the dict {{'dW1', 'db1', ...}} of a backward pass; got {describe(grads)}")


# --- the measures ---------------------------------------------------------------------------------------------------

@checked(lambda args: _check_caches(args["caches"]), quiet=True)
def dead_relu_fractions(caches):
    """The fraction of dead units in each hidden layer (taught in notebooks/18_when_training_goes_wrong.ipynb).

    caches: the list that L_model_forward(X, parameters) returns; caches[l-1] = ((A_prev, W, b), Z), Z (n[l], m).
    A ReLU unit is dead on this batch when its Z <= 0 for every one of the m examples: it outputs 0 and passes no
    gradient back, so gradient descent cannot revive it.
    Returns an array (L-1,): for each hidden layer l = 1, ..., L-1, the fraction of its n[l] units that are dead.
    """
    fractions = np.array([np.mean(np.all(Z <= 0, axis=1)) for _, Z in caches[:-1]])
    return fractions


@checked(lambda args: _check_grads(args["grads"]), quiet=True)
def gradient_norms(grads):
    """The size of each layer's weight gradient, ||dW[l]|| (Frobenius norm), l = 1, ..., L (notebook 18).

    grads: {"dW1": (n[1], n[0]), "db1", ..., "dWL", "dbL"} (other keys such as "dA0" are ignored).
    Returns an array (L,). Growing fast toward l = 1: exploding gradients; shrinking toward l = 1: vanishing.
    """
    L = len([key for key in grads if key.startswith("dW")])
    norms = np.array([np.linalg.norm(grads[f"dW{l}"]) for l in range(1, L + 1)])
    return norms


@checked(lambda args: _check_update(args["parameters"], args["grads"], args["learning_rate"]), quiet=True)
def update_ratios(parameters, grads, learning_rate):
    """How large one gradient-descent step is against the weights, layer by layer (taught in
    notebooks/18_when_training_goes_wrong.ipynb).

    parameters: {"W1": (n[1], n[0]), "b1", ..., "WL", "bL"}; grads: {"dW1", "db1", ...} of the same shapes;
    learning_rate: alpha > 0.
    Returns an array (L,): ||alpha dW[l]|| / ||W[l]|| (Frobenius norms), l = 1, ..., L. About 1e-3 is the rule of
    thumb; 1e-1 rewrites the weights in a few steps, 1e-6 barely moves them. nan where W[l] and dW[l] are both 0.
    """
    L = len(parameters) // 2
    ratios = np.array([np.linalg.norm(learning_rate * grads[f"dW{l}"]) / np.linalg.norm(parameters[f"W{l}"])
                       for l in range(1, L + 1)])
    return ratios


# --- a recorded training run --------------------------------------------------------------------------------------

@dataclass
class TrainingRecord:
    """What ``record_training`` saw. costs: one per iteration (until a divergence); iterations: those where the
    measures were taken; dead (k, L-1), grad_norms (k, L), ratios (k, L): one row per recorded iteration;
    diverged_at: the iteration where the cost or the weights stopped being finite (None if never);
    parameters: the last finite parameters; learning_rate: the step size used."""

    costs: list
    iterations: list
    dead: np.ndarray
    grad_norms: np.ndarray
    ratios: np.ndarray
    diverged_at: int | None
    parameters: dict
    learning_rate: float

    def __repr__(self):
        status = "finite" if self.diverged_at is None else f"diverged at iteration {self.diverged_at}"
        return (f"TrainingRecord({len(self.costs)} iterations, {len(self.iterations)} recorded, {status}, "
                f"first cost {self.costs[0]:.4g}, last {self.costs[-1]:.4g})" if self.costs else
                "TrainingRecord(no finite cost)")


def _check_gradients(gradients):
    """The backward pass to run: ``model_gradients`` by default; a learner's own function runs as an outer call, so
    that the package functions it calls check their inputs (the runs below check theirs once, at the entry)."""
    gradients = model_gradients if gradients is None else gradients
    if not callable(gradients):
        raise TypeError(f"gradients must be a function (AL, Y, caches) -> grads, such as dh.model_gradients or "
                        f"your L_model_backward; got {describe(gradients)}")
    return gradients if gradients is model_gradients else checked_outside(gradients)


def _check_returned(grads, parameters):
    """The grads that a ``gradients`` function returned on the first iteration: every dW, db of the right shape."""
    if not isinstance(grads, dict):
        raise TypeError(f"gradients(AL, Y, caches) must return a dict {{'dW1', 'db1', ...}}; it returned "
                        f"{describe(grads)}")
    for name, value in parameters.items():
        if np.shape(grads.get("d" + name)) != value.shape:
            got = "nothing" if "d" + name not in grads else f"shape {np.shape(grads['d' + name])}"
            raise ValueError(f"gradients(AL, Y, caches) returned {got} for 'd{name}', but {name} is {value.shape}: "
                             f"each gradient has its parameter's shape")


def _start(X, Y, layers_dims, seed, initialization, parameters):
    """Checked data and the starting parameters (copied) for a run."""
    X, Y, dims = check_training_data(X, Y, layers_dims)
    if dims[-1] != 1:
        raise ValueError(f"layers_dims must end in 1 (one sigmoid output unit, binary labels); got {dims}")
    check_seed(seed)
    if parameters is None:
        check_choice(initialization, INITIALIZATION_METHODS, "initialization")
        return X, Y, dims, initialize_parameters_deep(dims, seed=seed, method=initialization, dtype=X.dtype)
    weights, L = as_parameters(parameters)
    wanted = [(dims[l], dims[l - 1]) for l in range(1, len(dims))]
    if [weights[f"W{l}"].shape for l in range(1, L + 1)] != wanted:
        raise ValueError(f"parameters has weight shapes {[weights[f'W{l}'].shape for l in range(1, L + 1)]}, but "
                         f"layers_dims {dims} needs {wanted}")
    return X, Y, dims, {name: np.array(value, dtype=X.dtype) for name, value in weights.items()}


def _finite(parameters):
    return all(np.isfinite(value).all() for value in parameters.values())


@checked()   # the steps it runs check their inputs once, here, not at every iteration
def record_training(X, Y, layers_dims, learning_rate=0.0075, num_iterations=1000, *, seed=1,
                    initialization="xavier", parameters=None, gradients=None, every=10):
    """Train by batch gradient descent, as ``L_layer_model`` does, and record the measures (notebook 18).

    X: (n_x, m); Y: (1, m) of 0/1; layers_dims: [n_x, n[1], ..., 1] (ReLU hidden layers); learning_rate > 0;
    seed and initialization: the start, as in ``initialize_parameters_deep`` (or ``parameters`` to start from);
    gradients(AL, Y, caches) -> grads: the backward pass (default ``model_gradients``; pass your own
    L_model_backward to measure it); every: record dead_relu_fractions, gradient_norms and update_ratios every
    ``every`` iterations (and at the first one).
    A divergence does not raise: the run stops at the first non-finite cost or weight (``diverged_at``).
    Returns a ``TrainingRecord``.
    """
    gradients = _check_gradients(gradients)
    learning_rate = check_positive(learning_rate, "learning_rate")
    num_iterations = check_count(num_iterations, "num_iterations", minimum=1)
    every = check_count(every, "every", minimum=1)
    X, Y, dims, parameters = _start(X, Y, layers_dims, seed, initialization, parameters)
    costs, iterations, dead, norms, ratios, diverged_at = [], [], [], [], [], None
    with np.errstate(over="ignore", invalid="ignore", divide="ignore", under="ignore"):
        for i in range(num_iterations):
            try:
                AL, caches = L_model_forward(X, parameters)
                cost = output_cost(caches, Y)
            except ValueError:   # the package names an AL or a ZL that overflowed to NaN or inf: a divergence
                diverged_at = i
                break
            if not np.isfinite(cost):
                diverged_at = i
                break
            grads = gradients(AL, Y, caches)
            if i == 0:
                _check_returned(grads, parameters)
            costs.append(float(cost))
            if i % every == 0 or i == num_iterations - 1:
                iterations.append(i)
                dead.append(dead_relu_fractions(caches))
                norms.append(gradient_norms(grads))
                ratios.append(update_ratios(parameters, grads, learning_rate))
            try:
                new_parameters = update_parameters(parameters, grads, learning_rate)
            except ValueError:   # update_parameters names a step that overflowed to inf: a divergence
                new_parameters = None
            if new_parameters is None or not _finite(new_parameters):
                diverged_at = i + 1
                break
            parameters = new_parameters
    L = len(dims) - 1
    records = len(iterations)   # (records, L - 1): no columns at all for a network without a hidden layer
    return TrainingRecord(costs, iterations, np.array(dead).reshape(records, L - 1),
                          np.array(norms).reshape(records, L), np.array(ratios).reshape(records, L), diverged_at,
                          parameters, learning_rate)


# --- tests a learner runs before (or instead of) a long training run ---------------------------------------------

@dataclass
class RangeTest:
    """The learning-rate range test: rates (k,), final_costs (k,) after num_iterations from the same start
    (inf where the run diverged), first_cost, and suggested: the rate with the lowest final cost divided by 3,
    a margin below the edge where the cost starts to rise."""

    rates: np.ndarray
    final_costs: np.ndarray
    first_cost: float
    suggested: float

    def __repr__(self):
        best = self.rates[np.argmin(self.final_costs)]
        return (f"RangeTest({len(self.rates)} rates from {self.rates[0]:.0e} to {self.rates[-1]:.0e}: lowest final "
                f"cost at {best:.2g}; suggested learning_rate {self.suggested:.2g})")


@checked()   # the steps it runs check their inputs once, here, not at every iteration
def learning_rate_range_test(X, Y, layers_dims, rates=None, num_iterations=100, *, seed=1, initialization="xavier",
                             gradients=None):
    """Train ``num_iterations`` from the same start at each rate and compare the final costs (notebook 18).

    X: (n_x, m); Y: (1, m); layers_dims: [n_x, ..., 1]; rates: increasing learning rates (default 1e-4 to 10, two
    per decade). Too low: the cost barely moves; too high: it rises or diverges (inf).
    Returns a ``RangeTest``.
    """
    rates = np.logspace(-4, 1, 11) if rates is None else np.asarray(rates, dtype=float)
    if rates.ndim != 1 or rates.size < 2 or not np.all(np.isfinite(rates)) or np.any(rates <= 0) \
            or np.any(np.diff(rates) <= 0):
        raise ValueError(f"rates must be at least two increasing learning rates > 0 (e.g. np.logspace(-4, 1, 11)); "
                         f"got {describe(rates)}")
    finals, first = [], None
    for rate in rates:
        run = record_training(X, Y, layers_dims, float(rate), num_iterations, seed=seed, initialization=initialization,
                              gradients=gradients, every=num_iterations)
        first = run.costs[0] if run.costs else np.inf
        finals.append(np.inf if run.diverged_at is not None else run.costs[-1])
    finals = np.array(finals)
    suggested = float(rates[np.argmin(finals)] / 3)
    return RangeTest(rates, finals, float(first), suggested)


@dataclass
class OverfitTest:
    """Can the network learn m examples by heart? final_cost after the run, accuracy on those examples,
    passed: final_cost < OVERFIT_COST and every example right."""

    costs: list
    final_cost: float
    accuracy: float
    passed: bool

    def __repr__(self):
        verdict = "learns them by heart" if self.passed else "cannot learn them: look for a bug"
        return (f"OverfitTest(final cost {self.final_cost:.3f}, accuracy {self.accuracy:.0%}: {verdict})")


def _tiny_batch(Y, m, seed):
    """The columns of m examples drawn with ``seed``, half from each class where the data has enough of both."""
    rng = np.random.default_rng(seed)
    ones, zeros = np.flatnonzero(Y[0] > 0.5), np.flatnonzero(Y[0] <= 0.5)
    n_ones = min(len(ones), max(m // 2, m - len(zeros)))
    chosen = np.concatenate([rng.choice(ones, n_ones, replace=False), rng.choice(zeros, min(m - n_ones, len(zeros)),
                                                                                   replace=False)])
    return np.sort(chosen)


@checked()   # the steps it runs check their inputs once, here, not at every iteration
def overfit_tiny_batch(X, Y, layers_dims, m=10, num_iterations=200, learning_rate=0.03, *, seed=1,
                       initialization="xavier", gradients=None):
    """Train on ``m`` examples only (drawn with ``seed``, half of each class), with Adam, and see whether the cost
    goes to 0 (notebook 18).

    A network with more parameters than examples must learn 10 examples by heart. If it cannot, the bug is in
    the code or in the data handed to it, not in the choice of hyperparameters.
    X: (n_x, m_all); Y: (1, m_all); gradients(AL, Y, caches) -> grads (default ``model_gradients``).
    Returns an ``OverfitTest``.
    """
    gradients = _check_gradients(gradients)
    m = check_count(m, "m", minimum=1)
    learning_rate = check_positive(learning_rate, "learning_rate")
    num_iterations = check_count(num_iterations, "num_iterations", minimum=1)
    X, Y, dims, parameters = _start(X, Y, layers_dims, seed, initialization, None)
    chosen = _tiny_batch(Y, m, seed)
    X, Y = X[:, chosen], Y[:, chosen]
    v, s = initialize_adam(parameters)
    costs = []
    with np.errstate(over="ignore", invalid="ignore", divide="ignore", under="ignore"):
        for t in range(1, num_iterations + 1):
            try:
                AL, caches = L_model_forward(X, parameters)
                costs.append(float(output_cost(caches, Y)))
                grads = gradients(AL, Y, caches)
                if t == 1:
                    _check_returned(grads, parameters)
                new_parameters, v, s = update_parameters_with_adam(parameters, grads, v, s, t, learning_rate)
            except ValueError:   # an output or a step that overflowed (named by the package): keep the last ones
                if t == 1:
                    raise
                break
            if not (np.isfinite(costs[-1]) and _finite(new_parameters)):
                break
            parameters = new_parameters
        AL, caches = L_model_forward(X, parameters)   # the last finite parameters
        final = float(output_cost(caches, Y))
    accuracy = float(np.mean((AL > 0.5) == (Y > 0.5)))
    return OverfitTest(costs, final, accuracy, bool(final < OVERFIT_COST and accuracy == 1.0))


# --- the data: leakage and label noise ------------------------------------------------------------------------------

def _pairwise_distances(A, B):
    """Squared Euclidean distances (m_A, m_B) between the columns of A (n, m_A) and B (n, m_B)."""
    return np.maximum(np.sum(A ** 2, axis=0)[:, None] + np.sum(B ** 2, axis=0)[None, :] - 2 * A.T @ B, 0)


def duplicate_fraction(X_train, X_test, tol=1e-9):
    """Leakage: the fraction of test examples (columns of X_test) that are also in X_train (notebook 18).

    X_train: (n_x, m_train); X_test: (n_x, m_test). Two examples are the same when every feature agrees to within
    tol times the data's scale. A test example seen in training measures memory, not generalization.
    Returns a float in [0, 1].
    """
    X_train, X_test = as_matrix(X_train, "X_train"), as_matrix(X_test, "X_test")
    check_finite(X_train, "X_train")
    check_finite(X_test, "X_test")
    if X_train.shape[0] != X_test.shape[0]:
        raise ValueError(f"X_train has {X_train.shape[0]} rows (features) but X_test has {X_test.shape[0]}; both "
                         f"must be (n_x, m), one column per example")
    scale = max(float(np.max(np.abs(X_train))), 1e-300)
    seen = np.zeros(X_test.shape[1], dtype=bool)
    for start in range(0, X_test.shape[1], 256):   # blocks of test columns, to keep the memory small
        block = X_test[:, start:start + 256]
        gaps = np.max(np.abs(block[:, :, None] - X_train[:, None, :]), axis=0)   # (block, m_train)
        seen[start:start + 256] = np.any(gaps <= tol * scale, axis=1)
    return float(np.mean(seen))


def label_disagreement(X, Y, k=5):
    """Label noise: the fraction of examples whose label differs from the majority of their k nearest neighbours
    (Euclidean, on standardized features; the example itself left out) (notebook 18).

    X: (n_x, m); Y: (1, m) of 0/1; k: an odd number of neighbours, 1 <= k < m. Clean data leaves only the
    examples near the class boundary; flipped labels add about their own fraction.
    Returns a float in [0, 1].
    """
    X = as_matrix(X, "X")
    check_finite(X, "X")
    m = X.shape[1]
    k = check_count(k, "k", minimum=1)
    if k % 2 == 0 or k >= m:
        raise ValueError(f"k must be an odd number of neighbours below m = {m} (so that a majority exists); got {k}")
    Y = check_training_data(X, Y, [X.shape[0], 1])[1]
    std = X.std(axis=1, keepdims=True)
    Xs = (X - X.mean(axis=1, keepdims=True)) / np.where(std > 0, std, 1)
    distances = _pairwise_distances(Xs, Xs)
    np.fill_diagonal(distances, np.inf)
    neighbours = np.argsort(distances, axis=1, kind="stable")[:, :k]
    majority = np.mean(Y[0, neighbours], axis=1) > 0.5
    return float(np.mean(majority != (Y[0] > 0.5)))


# --- one call: the report ---------------------------------------------------------------------------------------

@dataclass
class Finding:
    """One line of a report: what was measured (a sentence with the number), the threshold it was judged against,
    whether it is fine, and the fix when it is not."""

    name: str
    measured: str
    threshold: str
    ok: bool
    fix: str = ""

    def lines(self):
        mark = "✓" if self.ok else "✗"
        first = f"{mark} {self.name}: {self.measured} (threshold {self.threshold})"
        return [first] if self.ok or not self.fix else [first, f"    fix: {self.fix}"]


@dataclass
class Report:
    """What ``diagnose`` found: ``findings`` (a list of ``Finding``), ``problems`` (the names of those not fine)
    and ``record`` (the ``TrainingRecord`` of the run). Printed, one line per finding, problems first."""

    findings: list
    record: TrainingRecord = field(repr=False, default=None)

    @property
    def problems(self):
        return [finding.name for finding in self.findings if not finding.ok]

    def __str__(self):
        bad = [finding for finding in self.findings if not finding.ok]
        good = [finding for finding in self.findings if finding.ok]
        head = (f"Training report: {len(bad)} problem{'s' if len(bad) != 1 else ''} found in "
                f"{len(self.findings)} checks" if bad else f"Training report: no problem found in "
                                                          f"{len(self.findings)} checks")
        return "\n".join([head] + [line for finding in bad + good for line in finding.lines()])

    __repr__ = __str__

    def __contains__(self, name):
        return name in self.problems


def _cost(value):
    """A cost for a report line: three decimals, or a power of ten when a run has blown it up."""
    return f"{value:.3f}" if abs(value) < 1000 else f"{value:.1e}"


def _small(value, threshold):
    """A tiny number as a verdict against its threshold (its digits are rounding noise)."""
    return f"below {threshold:.0e}" if value < threshold else f"{value:.2g}"


def _input_finding(X):
    means, stds = np.abs(X.mean(axis=1)), X.std(axis=1)
    scale = float(max(means.max(), stds.max()))
    feature = int(np.argmax(np.maximum(means, stds)))
    return Finding("inputs scaled", f"largest feature mean or std {scale:.3g} (feature {feature})",
                   f"{INPUT_SCALE:g}", scale <= INPUT_SCALE,
                   "standardize each feature (row) of X with the training split's mean and std (dh.standardize)")


def _gradcheck_finding(X, Y, dims, seed, gradients):
    """The gradient check of notebook 11 on a copy of the network sized down to 5 examples, in float64. The
    inputs are standardized: the check is about the code, and large inputs would put ReLU kinks within epsilon."""
    chosen = _tiny_batch(Y, 5, seed)
    X5, Y5 = X[:, chosen].astype(np.float64), Y[:, chosen]
    std = X5.std(axis=1, keepdims=True)
    X5 = (X5 - X5.mean(axis=1, keepdims=True)) / np.where(std > 0, std, 1)
    small = [dims[0]] + [min(n, 6) for n in dims[1:-1]] + [1]
    if sum(small[l] * (small[l - 1] + 1) for l in range(1, len(small))) > 3000:
        return Finding("gradient check", "skipped: too many inputs for a quick check", "-", True)
    parameters = initialize_parameters_deep(small, seed=seed, method="xavier")
    rng = np.random.default_rng(seed)
    for l in range(1, len(small)):   # nonzero biases, so that the check covers them and no ReLU input sits at 0
        parameters[f"b{l}"] = rng.normal(0, 0.3, (small[l], 1))
    AL, caches = L_model_forward(X5, parameters)
    grads = gradients(AL, Y5, caches)
    difference = gradient_check(parameters, grads, X5, Y5)
    return Finding("gradient check", f"relative difference {_small(difference, 1e-7)} (your gradients against "
                                     f"finite differences, 5 examples)", f"{GRADCHECK_BUG:g}",
                   difference <= GRADCHECK_BUG,
                   "the backward pass has a bug: find the parameter with dh.relative_differences (notebook 11)")


@checked()   # the steps it runs check their inputs once, here, not at every iteration
def diagnose(X, Y, layers_dims, learning_rate=0.0075, num_iterations=1000, *, seed=1, initialization="xavier",
             parameters=None, gradients=None, X_test=None, Y_test=None):
    """Train once, measure everything notebook 18 teaches, and return a readable ``Report`` (notebook 18).

    X: (n_x, m); Y: (1, m) of 0/1; layers_dims: [n_x, n[1], ..., 1] (ReLU hidden layers); learning_rate,
    num_iterations, seed, initialization, parameters: the run, as in ``L_layer_model``; gradients(AL, Y, caches):
    your backward pass (default ``model_gradients``); X_test (n_x, m_test), Y_test (1, m_test): a test split, for
    the leakage and overfitting checks.
    The checks: inputs scaled, gradient check, learning 10 examples by heart, the cost going down (not diverging,
    not stuck at ln 2), dead ReLUs, exploding or vanishing gradients, the update-to-weight ratio, label noise
    and, with a test split, leakage and overfitting. ``print(report)`` shows one line per check.
    """
    gradients = _check_gradients(gradients)
    X, Y, dims = check_training_data(X, Y, layers_dims)
    run = record_training(X, Y, dims, learning_rate, num_iterations, seed=seed, initialization=initialization,
                          parameters=parameters, gradients=gradients)
    findings = [_input_finding(X), _gradcheck_finding(X, Y, dims, seed, gradients)]
    tiny = overfit_tiny_batch(X, Y, dims, seed=seed, gradients=gradients)
    findings.append(Finding("learns 10 examples by heart",
                            f"cost {tiny.final_cost:.3f}, {tiny.accuracy:.0%} right after {len(tiny.costs)} Adam steps",
                            f"{OVERFIT_COST:g}", tiny.passed,
                            "a network that cannot learn 10 examples has a bug in its code or its data: check the "
                            "gradients, and look at the 10 inputs and labels it is given"))
    findings += _run_findings(run)
    findings.append(_noise_finding(X, Y))
    if X_test is not None and Y_test is not None:
        findings += _test_findings(X, Y, X_test, Y_test, run)
    return Report(findings, run)


def _run_findings(run):
    findings = []
    first, last = run.costs[0], run.costs[-1]
    if run.diverged_at is not None:
        findings.append(Finding("cost goes down", f"diverged at iteration {run.diverged_at} (learning_rate "
                                                  f"{run.learning_rate:g})", "finite", False,
                                "the learning rate is too high: run dh.learning_rate_range_test and take a rate "
                                "3 to 10 times below where the cost blows up"))
    else:
        rose = last > first + 1e-3
        findings.append(Finding("cost goes down", f"from {_cost(first)} to {_cost(last)}", "lower at the end",
                                last < first - 1e-3,
                                "the cost rose: a learning rate too high, or, if the gradient check fails too, a wrong "
                                "sign in the backward pass" if rose else
                                "the cost did not move: see the lines on ln 2, dead ReLUs and the gradients"))
    stuck = abs(last - LN2) < STUCK_MARGIN
    findings.append(Finding("not stuck at ln 2", f"final cost {_cost(last)}, ln 2 = {LN2:.3f}",
                            f"at least {STUCK_MARGIN:g} away", not stuck,
                            "the network predicts 0.5 for everything: look at the dead ReLUs, the initialization "
                            "(not zeros, not 0.01 in a deep network: he or xavier) and the scale of the inputs"))
    dead = run.dead[-1] if run.dead.size else np.zeros(0)
    worst = int(np.argmax(dead)) if dead.size else 0
    value = float(dead[worst]) if dead.size else 0.0
    where = f"layer {worst + 1}: {value:.0%} of its units dead at the end" if dead.size else "no hidden layer"
    findings.append(Finding("dead ReLUs", where,
                            f"{DEAD_THRESHOLD:.0%}", value <= DEAD_THRESHOLD,
                            "units that output 0 for every example never recover: a smaller learning rate, he "
                            "initialization, or biases that start at 0 (not negative)"))
    norms = run.grad_norms[0]
    if np.all(norms == 0):
        findings.append(Finding("gradients flow", "every ||dW|| is 0 at the start", "nonzero", False,
                                "no gradient reaches the weights: a zero (or dead) start; use he or xavier "
                                "initialization"))
    else:
        relative = run.ratios[0] / run.learning_rate   # ||dW[l]|| / ||W[l]|| per layer (nan or inf where W[l] = 0)
        relative = float(np.max(relative[np.isfinite(relative)])) if np.isfinite(relative).any() else np.inf
        kind = "vanishing" if relative < GRADIENT_SMALL else "exploding" if relative > GRADIENT_LARGE else "fine"
        findings.append(Finding("gradients flow", f"largest ||dW[l]|| / ||W[l]|| at the start {relative:.1e} ({kind})",
                                f"{GRADIENT_SMALL:.0e} to {GRADIENT_LARGE:g}", kind == "fine",
                                "standardize unscaled inputs first (see that line); else the initial weight scale is "
                                "wrong for this depth: use he initialization, sqrt(2 / n[l-1]), for ReLU layers"))
    finite = np.where(np.isfinite(run.ratios), run.ratios, 0.0)   # 0 / 0 (an all-zero layer) counts as no step
    first, medians = float(np.max(finite[0])), np.median(finite, axis=0)
    high, low = float(np.max(medians)), float(np.min(medians))
    measured = f"median per step {low:.1e} to {high:.1e} over the layers, first step up to {first:.1e}"
    if first > RATIO_FIRST or high > RATIO_HIGH:
        verdict, fix = False, "steps too large for the weights: lower the learning rate (dh.learning_rate_range_test)"
    elif low == 0:
        verdict, fix = False, "a layer's weights stopped moving: see the lines on dead ReLUs and the gradients"
    elif low < RATIO_LOW:
        verdict, fix = False, "steps too small to move the weights: raise the learning rate"
    else:
        verdict, fix = True, ""
    findings.append(Finding("update-to-weight ratio", measured,
                            f"median {RATIO_LOW:.0e} to {RATIO_HIGH:.0e} (about 1e-3), first step {RATIO_FIRST:g}",
                            verdict, fix))
    return findings


def _noise_finding(X, Y):
    if X.shape[1] < 20:
        return Finding("label noise", "skipped: fewer than 20 examples", "-", True)
    value = label_disagreement(X, Y)
    return Finding("label noise", f"{value:.0%} of the labels disagree with most of their 5 nearest neighbours",
                   f"{NOISE_THRESHOLD:.0%}", value <= NOISE_THRESHOLD,
                   "look at the examples whose label disagrees (wrong labels?): clean them, or expect the network to "
                   "learn the noise")


def _test_findings(X, Y, X_test, Y_test, run):
    X_test = as_matrix(X_test, "X_test")
    Y_test = check_training_data(X_test, Y_test, [X.shape[0], 1])[1]
    duplicated = duplicate_fraction(X, X_test)
    findings = [Finding("no leakage", f"{duplicated:.0%} of the test examples are also training examples", "0%",
                        duplicated == 0, "remove duplicates before splitting (or split by source), so that the "
                                         "test set is new to the network")]
    AL_train = L_model_forward(X, run.parameters)[0]
    AL_test = L_model_forward(X_test.astype(X.dtype), run.parameters)[0]
    train = float(np.mean((AL_train > 0.5) == (Y > 0.5)))
    test = float(np.mean((AL_test > 0.5) == (Y_test > 0.5)))
    findings.append(Finding("train and test agree", f"train accuracy {train:.0%}, test {test:.0%}",
                            f"a gap of {GAP_THRESHOLD:.0%}", train - test <= GAP_THRESHOLD,
                            "the network learns the training set's noise: L2 or dropout (notebook 13), more data, "
                            "or a smaller network"))
    return findings
