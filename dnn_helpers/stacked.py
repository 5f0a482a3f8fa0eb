"""Notebooks 14 and 17: many training runs at once, each the run ``improved_model`` makes on its own.

A study of optimizers repeats one training run over seeds and settings: notebook 14 sweeps learning rates from
many seeds and races the winners, notebook 17 searches learning rates and L2 strengths. On the course's small
networks a Python loop over the runs costs more than their arithmetic, so here K runs are trained together:
every parameter gets a leading run axis (W1 becomes (K, n[1], n[0]), b1 (K, n[1], 1)), ``@`` multiplies each
run's matrices separately, and the updates, elementwise, move all K runs in one line. Run k is

    improved_model(X, Y, layers_dims, learning_rate[k], num_epochs, seed=seeds[k], optimizer=optimizer,
                   mini_batch_size=mini_batch_size, beta1=beta1[k], beta2=beta2[k], epsilon=epsilon,
                   lambd=lambd[k], keep_prob=keep_prob[k], decay=decay, decay_rate=decay_rate[k],
                   time_interval=time_interval)

(or with its own data X[k], Y[k]), with its own starting weights, shuffles and dropout masks, all drawn from
its seed as ``improved_model`` draws them; tests/test_stacked.py checks the weights and costs against
``improved_model`` to 1e-10 for every optimizer, mini-batches, L2, dropout and each decay. What differs: one
sigmoid output unit only, and a run that diverges turns into inf/nan and is flagged in ``diverged`` instead of
raising, so that the other runs go on.
The cost recorded and the ``stacked_cost`` of a data set are the cross-entropy computed from the logits
(softplus), the true loss however saturated the output is.
"""

from typing import NamedTuple

import numpy as np

from .activations import ACTIVATIONS
from .initialization import initialize_parameters_deep
from .model import check_training_data
from .optimizers import OPTIMIZERS, check_decay, check_mini_batch_size, check_optimizer, decayed_learning_rate
from .output_layer import output_layer_for
from .validation import (check_activation, check_beta, check_count, check_keep_prob, check_lambd,
                         check_layer_dims, check_positive, check_seed, describe, make_rngs)

__all__ = ["StackedRuns", "train_stacked", "stacked_forward", "stacked_cost", "stacked_accuracy", "unstack",
           "median_of_last"]


class StackedRuns(NamedTuple):
    """What ``train_stacked`` returns for K runs trained num_epochs epochs.

    parameters: {"W1": (K, n[1], n[0]), "b1": (K, n[1], 1), ...}, the final weights, run k at index k;
    costs: (num_epochs, K), each epoch's mean training cost (before each mini-batch's update), as improved_model;
    validation_costs: (last epochs, K), the cost on the validation set after each of the last epochs (None
    without a validation set);
    diverged: (K,) bool, True for the runs whose weights or cost stopped being finite numbers.
    """

    parameters: dict
    costs: np.ndarray
    validation_costs: np.ndarray | None
    diverged: np.ndarray


# --- checks -------------------------------------------------------------------------------------------------------

def _per_run(value, K, name, check):
    """A number, or a sequence of K numbers (one per run), each passed through ``check``: an array (K,)."""
    values = np.atleast_1d(np.asarray(value, dtype=object))
    if values.ndim != 1 or values.size not in (1, K):
        raise ValueError(f"{name} must be one number or a sequence of K = {K} numbers (one per seed); "
                         f"got {describe(value)}")
    return np.array([check(v) for v in np.broadcast_to(values, (K,))], dtype=float)


def _check_seeds(seeds):
    if isinstance(seeds, (int, np.integer)) or not hasattr(seeds, "__len__") or len(seeds) == 0:
        raise TypeError(f"seeds must be a non-empty list of whole numbers >= 0, one per run (e.g. [1, 2, 3]); "
                        f"got {describe(seeds)}")
    for i, seed in enumerate(seeds):
        if isinstance(seed, np.random.Generator):
            raise TypeError(f"seeds[{i}] must be a whole number >= 0: each run draws its start and its shuffles "
                            f"from its own seed, as improved_model(seed=...) does; got {describe(seed)}")
    return [check_seed(seed, f"seeds[{i}]") for i, seed in enumerate(seeds)]


def _check_data(X, Y, dims, K):
    """X (n_x, m), Y (1, m) for every run, or X (K, n_x, m), Y (K, 1, m), one data set per run: checked, as floats."""
    if np.ndim(X) != 3:
        return check_training_data(X, Y, dims)[:2]
    X, Y = np.asarray(X), np.asarray(Y)
    if len(X) != K or np.ndim(Y) != 3 or len(Y) != K:
        raise ValueError(f"X with 3 axes holds one data set per run: X (K, n_x, m) and Y (K, 1, m) with K = {K} "
                         f"(one per seed); got X {X.shape}, Y {np.shape(Y)}")
    pairs = [check_training_data(X_k, Y_k, dims)[:2] for X_k, Y_k in zip(X, Y, strict=True)]
    return np.stack([X_k for X_k, _ in pairs]), np.stack([Y_k for _, Y_k in pairs])


def _check_stacked(parameters):
    """(L, K) of stacked parameters {"W1": (K, n[1], n[0]), "b1": (K, n[1], 1), ...}."""
    if not isinstance(parameters, dict) or "W1" not in parameters:
        raise TypeError(f"parameters must be the stacked dict {{'W1': (K, n[1], n[0]), 'b1': (K, n[1], 1), ...}} "
                        f"of train_stacked(...).parameters; got {describe(parameters)}")
    L = len(parameters) // 2
    K = np.shape(parameters["W1"])[0]
    for l in range(1, L + 1):
        W, b = parameters.get(f"W{l}"), parameters.get(f"b{l}")
        if W is None or b is None or np.ndim(W) != 3 or np.ndim(b) != 3 or len(W) != K or len(b) != K:
            raise ValueError(f"parameters must hold W{l} (K, n[{l}], n[{l - 1}]) and b{l} (K, n[{l}], 1) for "
                             f"every layer, all with the same K = {K} runs first; got W{l} {np.shape(W)}, "
                             f"b{l} {np.shape(b)}")
    return L, K


# --- forward, cost and gradients of K networks at once --------------------------------------------------------------

def _forward(X, parameters, L, g, dropout=None):
    """[X, A1, ..., A(L-1), Z(L)] for K networks; X is (n_x, m) shared by all runs, or (K, n_x, m) one per run.

    dropout: None, or (keep_prob (K, 1, 1), one Generator per run): then each hidden output A[l] becomes
    A[l] * D[l] / keep_prob with D[l] = (uniform draws < keep_prob), drawn as ``dropout_forward`` draws them, and
    the list is followed by the pairs (g(Z[l]) before the mask, D[l]) for the backward pass.
    """
    A, undropped = [X], []
    for l in range(1, L + 1):
        Z = parameters[f"W{l}"] @ A[-1] + parameters[f"b{l}"]
        if l == L:
            A.append(Z)
        elif dropout is None:
            A.append(g(Z)[0])
        else:
            keep_prob, generators = dropout
            G = g(Z)[0]
            D = np.stack([rng.random(G.shape[1:]) for rng in generators]) < keep_prob
            A.append(G * D / keep_prob)
            undropped.append((G, D))
    return A if dropout is None else (A, undropped)


def _softplus_cost(Z, Y):
    """Each run's mean cross-entropy (K,) from its logits Z (K, 1, m): log(1 + e^Z) - Y Z, stable for any Z."""
    return (np.logaddexp(0, Z) - Y * Z).mean(axis=(-2, -1))


def _cost_and_gradients(X, Y, parameters, L, activation, lambd, m_total, dropout=None):
    """Each run's cost (K,) and its grads {"dW1": (K, n[1], n[0]), ...} on the batch X, Y (columns are examples).

    As improved_model: dZ[L] = sigmoid(Z[L]) - Y, dW = dZ A_prev^T / size, db = sum(dZ) / size, then
    dZ_prev = W^T dZ * g'(A_prev) (with dropout, W^T dZ * D / keep_prob * g'(A_prev before its mask)); with L2
    (lambd (K, 1, 1)), + (lambd / m) W and its term in the cost.
    """
    if dropout is None:
        A = _forward(X, parameters, L, activation.forward)
        undropped = [(G, None) for G in A[1:-1]]
    else:
        A, undropped = _forward(X, parameters, L, activation.forward, dropout)
    size, ZL = A[0].shape[-1], A[-1]
    cost = _softplus_cost(ZL, Y)
    dZ = output_layer_for(1).forward(ZL)[0] - Y
    grads = {}
    for l in range(L, 0, -1):
        grads[f"dW{l}"] = dZ @ A[l - 1].swapaxes(-1, -2) / size
        grads[f"db{l}"] = dZ.sum(axis=-1, keepdims=True) / size
        if l > 1:
            dA = parameters[f"W{l}"].swapaxes(-1, -2) @ dZ
            G, D = undropped[l - 2]
            if D is not None:
                dA = dA * D / dropout[0]
            dZ = dA * activation.derivative_from_output(G)
    if lambd is not None:
        squares = sum(np.square(parameters[f"W{l}"]).sum(axis=(1, 2)) for l in range(1, L + 1))
        cost = cost + lambd[:, 0, 0] / (2 * m_total) * squares
        for l in range(1, L + 1):
            grads[f"dW{l}"] = grads[f"dW{l}"] + (lambd / m_total) * parameters[f"W{l}"]
    return cost, grads


# --- the updates, as optimizers.py writes them, for K runs (alpha, beta1, beta2: (K, 1, 1)) -----------------------
# One function per name of optimizers.OPTIMIZERS, each (W, g, key, state, alpha, beta1, beta2, epsilon, t) -> new W,
# moving the state's averages state["v"][key], state["s"][key] in place (t: the step number, for Adam).

def _gd_update(W, g, key, state, alpha, beta1, beta2, epsilon, t):
    return W - alpha * g


def _momentum_update(W, g, key, state, alpha, beta1, beta2, epsilon, t):
    state["v"][key] = beta1 * state["v"][key] + (1 - beta1) * g
    return W - alpha * state["v"][key]


def _rmsprop_update(W, g, key, state, alpha, beta1, beta2, epsilon, t):
    state["s"][key] = beta2 * state["s"][key] + (1 - beta2) * g * g
    return W - alpha * g / (np.sqrt(state["s"][key]) + epsilon)


def _adam_update(W, g, key, state, alpha, beta1, beta2, epsilon, t):
    state["v"][key] = beta1 * state["v"][key] + (1 - beta1) * g
    state["s"][key] = beta2 * state["s"][key] + (1 - beta2) * g * g
    v_hat = state["v"][key] / (1 - beta1 ** t)
    s_hat = state["s"][key] / (1 - beta2 ** t)
    return W - alpha * v_hat / (np.sqrt(s_hat) + epsilon)


STACKED_UPDATES = {"gd": _gd_update, "momentum": _momentum_update, "rmsprop": _rmsprop_update, "adam": _adam_update}
assert set(STACKED_UPDATES) == set(OPTIMIZERS), "every optimizer of the registry has its stacked update"


def _update(optimizer, parameters, grads, state, alpha, beta1, beta2, epsilon, t):
    update = STACKED_UPDATES[optimizer]
    return {name: update(W, grads["d" + name], "d" + name, state, alpha, beta1, beta2, epsilon, t)
            for name, W in parameters.items()}


# --- the training loop --------------------------------------------------------------------------------------------

def train_stacked(X, Y, layers_dims, learning_rate, seeds, num_epochs, *, optimizer="gd", mini_batch_size=None,
                  beta1=0.9, beta2=0.999, epsilon=1e-8, lambd=0.0, keep_prob=1.0, decay=None, decay_rate=1.0,
                  time_interval=1, initialization="xavier", hidden_activation="relu", validation=None,
                  validation_last=None):
    """Train K = len(seeds) networks at once; run k is improved_model(..., seed=seeds[k]) with run k's settings.

    X: (n_x, m) and Y: (1, m) of 0/1, the data of every run; or X (K, n_x, m) and Y (K, 1, m), run k's data
    X[k], Y[k] (e.g. K draws of a data set, all with the same m). layers_dims: [n_x, n[1], ..., 1] (one sigmoid
    output unit). seeds: K whole numbers, one per run (repeat a seed to run it at several settings).
    learning_rate, beta1, beta2, lambd, keep_prob, decay_rate: one number for every run, or a sequence of K (one
    per run).
    optimizer, mini_batch_size, epsilon, decay, time_interval, initialization, hidden_activation: as in
    ``improved_model``, the same for every run. validation: None or (X_val (n_x, m_val), Y_val (1, m_val)),
    whose cost is recorded after each of the last ``validation_last`` epochs (None: after every epoch).
    Returns a ``StackedRuns``: parameters {"W1": (K, n[1], n[0]), ...}, costs (num_epochs, K),
    validation_costs (validation_last or num_epochs, K) or None, diverged (K,). A diverging run is not an error:
    its numbers become inf or nan (its costs inf) while the others train on.
    """
    dims = check_layer_dims(layers_dims, "layers_dims")
    if dims[-1] != 1:
        raise ValueError(f"train_stacked trains one sigmoid output unit: layers_dims must end in 1; got "
                         f"{dims[-1]} (for softmax, train with improved_model one run at a time)")
    seeds = _check_seeds(seeds)
    K = len(seeds)
    X, Y = _check_data(X, Y, dims, K)
    num_epochs = check_count(num_epochs, "num_epochs", minimum=1)
    check_optimizer(optimizer)
    check_activation(hidden_activation, "hidden_activation")
    check_mini_batch_size(mini_batch_size)
    epsilon = check_positive(epsilon, "epsilon")
    rates = _per_run(learning_rate, K, "learning_rate", lambda v: check_positive(v, "learning_rate"))
    decay_rates = _per_run(decay_rate, K, "decay_rate", lambda v: check_decay(decay, v, time_interval) or v)
    lambds = _per_run(lambd, K, "lambd", check_lambd)
    keep_probs = _per_run(keep_prob, K, "keep_prob", check_keep_prob)
    column = (K, 1, 1)
    beta1 = _per_run(beta1, K, "beta1", lambda v: check_beta(v, "beta1")).reshape(column).astype(X.dtype)
    beta2 = _per_run(beta2, K, "beta2", lambda v: check_beta(v, "beta2")).reshape(column).astype(X.dtype)
    if validation is not None:
        if not isinstance(validation, tuple) or len(validation) != 2:
            raise TypeError(f"validation must be None or a pair (X_val, Y_val); got {describe(validation)}")
        X_val, Y_val, _ = check_training_data(*validation, dims)
    if validation_last is not None:
        validation_last = check_count(validation_last, "validation_last", minimum=1)
        if validation_last > num_epochs:
            raise ValueError(f"validation_last = {validation_last} is more than num_epochs = {num_epochs}: the "
                             f"validation cost is recorded after each of the last validation_last epochs")
    return _train(X, Y, dims, seeds, num_epochs, optimizer, mini_batch_size, rates, beta1, beta2,
                  X.dtype.type(epsilon), lambds, keep_probs, decay, decay_rates, time_interval, initialization,
                  hidden_activation, None if validation is None else (X_val, Y_val), validation_last or num_epochs)


# numpy makes a new array for every intermediate result. glibc's malloc serves blocks above 128 KB from fresh
# pages and hands them back when they are freed, so each training step would pay for its page faults again (half
# the run time in a virtual machine). Freeing one block of 24 MB raises glibc's adaptive thresholds (up to
# 32 MB), after which freed memory is kept for reuse. Other allocators ignore it; it costs one allocation.
_SCRATCH_FLOATS = 3_000_000


def _train(X, Y, dims, seeds, num_epochs, optimizer, mini_batch_size, rates, beta1, beta2, epsilon, lambds,
           keep_probs, decay, decay_rates, time_interval, initialization, hidden_activation, validation,
           validation_last):
    """The loop behind ``train_stacked`` (its inputs checked there)."""
    np.empty(_SCRATCH_FLOATS)                                 # allocated and freed at once: see above
    activation = ACTIVATIONS[hidden_activation]
    K, m, L = len(seeds), X.shape[-1], len(dims) - 1
    starts = [initialize_parameters_deep(dims, seed=seed, method=initialization, dtype=X.dtype) for seed in seeds]
    parameters = {name: np.stack([start[name] for start in starts]) for name in starts[0]}
    generators = [make_rngs(seed, 2) for seed in seeds]       # improved_model's shuffle and dropout generators
    shufflers = [shuffler for shuffler, _ in generators]
    dropout = None if (keep_probs == 1).all() else (keep_probs.reshape(K, 1, 1).astype(X.dtype),
                                                     [dropper for _, dropper in generators])
    state = {"v": {"d" + n: np.zeros_like(p) for n, p in parameters.items()},
             "s": {"d" + n: np.zeros_like(p) for n, p in parameters.items()}}
    lambd = lambds.reshape(K, 1, 1).astype(X.dtype) if (lambds > 0).any() else None
    schedules = {}                                            # one learning-rate schedule per (alpha0, k) pair
    for rate, k in zip(rates, decay_rates, strict=True):
        schedules[rate, k] = None
    costs = np.zeros((num_epochs, K), dtype=X.dtype)
    validation_costs = None if validation is None else np.zeros((validation_last, K), dtype=X.dtype)
    size = m if mini_batch_size is None else mini_batch_size
    t = 0
    with np.errstate(all="ignore"):                           # a diverging run turns into inf/nan; the rest go on
        for epoch in range(num_epochs):
            for rate, k in schedules:
                schedules[rate, k] = decayed_learning_rate(rate, epoch, decay, k, time_interval)
            alpha = np.array([schedules[pair] for pair in zip(rates, decay_rates, strict=True)],
                             dtype=X.dtype).reshape(K, 1, 1)
            if mini_batch_size is None:
                X_epoch, Y_epoch = X, Y                       # one batch of all m, shared by every run
            else:
                order = np.stack([rng.permutation(m) for rng in shufflers])      # (K, m): each run's shuffle
                if X.ndim == 2:                               # the same data for every run
                    X_epoch, Y_epoch = X[:, order].swapaxes(0, 1), Y[:, order].swapaxes(0, 1)
                else:                                         # run k's own data X[k], Y[k]
                    X_epoch = np.take_along_axis(X, order[:, None, :], axis=2)
                    Y_epoch = np.take_along_axis(Y, order[:, None, :], axis=2)
            for start in range(0, m, size):
                X_batch, Y_batch = X_epoch[..., start:start + size], Y_epoch[..., start:start + size]
                cost, grads = _cost_and_gradients(X_batch, Y_batch, parameters, L, activation, lambd, m, dropout)
                t += 1
                parameters = _update(optimizer, parameters, grads, state, alpha, beta1, beta2, epsilon, t)
                costs[epoch] += cost * X_batch.shape[-1]      # the epoch's cost: sum of cost x size, over m
            costs[epoch] /= m
            if validation is not None and epoch >= num_epochs - validation_last:
                validation_costs[epoch - num_epochs] = stacked_cost(*validation, parameters, hidden_activation)
    diverged = ~np.isfinite(costs).all(axis=0)
    for W in parameters.values():
        diverged |= ~np.isfinite(W).all(axis=(1, 2))
    costs[:, diverged] = np.where(np.isfinite(costs[:, diverged]), costs[:, diverged], np.inf)
    return StackedRuns(parameters, costs, validation_costs, diverged)


# --- using the K trained networks ---------------------------------------------------------------------------------

def stacked_forward(X, parameters, hidden_activation="relu"):
    """The logits Z[L] (K, 1, m) of K stacked networks on the same data X (n_x, m), or each on its X[k] (K, n_x, m)."""
    L, K = _check_stacked(parameters)
    X = np.asarray(X)
    n_x = parameters["W1"].shape[2]
    if X.ndim not in (2, 3) or X.shape[-2] != n_x or X.ndim == 3 and len(X) != K:
        raise ValueError(f"X has shape {X.shape}, but the networks take (n_x, m) = ({n_x}, m), one column per "
                         f"example, or one such set per network, (K, n_x, m) = ({K}, {n_x}, m)")
    g = ACTIVATIONS[check_activation(hidden_activation, "hidden_activation")].forward
    with np.errstate(all="ignore"):                           # a diverged run's nan stays a nan
        return _forward(X, parameters, L, g)[-1]


def stacked_cost(X, Y, parameters, hidden_activation="relu"):
    """Each network's cross-entropy (K,) on X (n_x, m), Y (1, m) (or X[k] (K, n_x, m), Y[k] (K, 1, m)), from its
    logits; inf for a diverged run."""
    Z = stacked_forward(X, parameters, hidden_activation)
    with np.errstate(all="ignore"):
        cost = _softplus_cost(Z, _labels_like(Y, Z))
    return np.where(np.isfinite(cost), cost, np.inf)


def stacked_accuracy(X, Y, parameters, hidden_activation="relu"):
    """Each network's fraction (K,) of the m examples it classifies right (output > 0.5) on X, Y as in
    ``stacked_cost``; an example whose output is not a finite number counts as wrong."""
    Z = stacked_forward(X, parameters, hidden_activation)
    right = ((Z > 0) == (_labels_like(Y, Z) == 1)) & np.isfinite(Z)
    return right.mean(axis=(1, 2))


def _labels_like(Y, Z):
    """Y (1, m) for every network, or (K, 1, m) one row per network, as an array that broadcasts with Z (K, 1, m)."""
    Y = np.asarray(Y, dtype=Z.dtype)
    if Y.shape not in ((1, Z.shape[2]), Z.shape):
        raise ValueError(f"Y has shape {Y.shape}, but it must be (1, m) = (1, {Z.shape[2]}), one label per "
                         f"example, or {Z.shape}, one row per network")
    return Y


def unstack(parameters, k):
    """Run k's parameters {"W1": (n[1], n[0]), "b1": (n[1], 1), ...}, copies, for predict and the other tools."""
    _, K = _check_stacked(parameters)
    k = check_count(k, "k", minimum=0)
    if k >= K:
        raise ValueError(f"k = {k} but parameters hold K = {K} runs (k = 0 to {K - 1})")
    return {name: value[k].copy() for name, value in parameters.items()}


def median_of_last(costs, last=10):
    """Each run's median cost over its last ``last`` epochs: (K,) from costs (num_epochs, K); nan counts as inf.

    A robust score of where a run ended: one late spike moves a last-epoch cost a lot and this median little.
    """
    costs = np.asarray(costs, dtype=float)
    last = check_count(last, "last", minimum=1)
    if costs.ndim != 2 or costs.shape[0] < last:
        raise ValueError(f"costs must be (num_epochs, K) with at least last = {last} epochs; got shape {costs.shape}")
    tail = costs[-last:]
    return np.median(np.where(np.isnan(tail), np.inf, tail), axis=0)
