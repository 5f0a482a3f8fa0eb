"""Notebook 14: mini-batches, momentum, RMSprop, Adam and learning-rate decay.

Every optimiser keeps a state per parameter, shaped like it (zeros at the start), and one update reads the
gradients, updates the state and then the parameters. With g = dW (or db), beta1, beta2 in [0, 1):

    gd        W := W - alpha g
    momentum  v := beta1 v + (1 - beta1) g                         W := W - alpha v
    rmsprop   s := beta2 s + (1 - beta2) g^2                       W := W - alpha g / (sqrt(s) + epsilon)
    adam      v and s as above, then the bias correction of step t (t = 1, 2, ...):
              v_hat = v / (1 - beta1^t), s_hat = s / (1 - beta2^t)  W := W - alpha v_hat / (sqrt(s_hat) + epsilon)

The functions are pure: they return new parameters and a new state and never modify their inputs.
Randomness (the shuffle of the mini-batches) comes only from a ``seed`` argument (an int or a numpy Generator).
"""

import numpy as np

from .validation import as_matrix, check_count, check_parameters, check_positive
from .update import check_grads, update_parameters

OPTIMIZERS = ("gd", "momentum", "rmsprop", "adam")
DECAYS = ("inverse_time", "exponential", "step")


# --- teaching errors for the options --------------------------------------------------------------------------

def check_optimizer(optimizer):
    if optimizer not in OPTIMIZERS:
        raise ValueError(f"optimizer must be one of {', '.join(map(repr, OPTIMIZERS))}; got {optimizer!r}")


def check_beta(beta, name="beta"):
    """beta is an exponential-average weight: a number in [0, 1) (0 keeps no memory; 1 would never move)."""
    if isinstance(beta, bool) or not isinstance(beta, (int, float, np.integer, np.floating)):
        raise TypeError(f"{name} must be a number in [0, 1); got {type(beta).__name__}")
    if not 0 <= beta < 1:
        raise ValueError(f"{name} must be in [0, 1), e.g. 0.9 (average over about 1 / (1 - {name}) steps); "
                         f"got {beta}")


def check_mini_batch_size(mini_batch_size):
    """None (one batch of all m examples) or a whole number at least 1."""
    if mini_batch_size is not None:
        check_count(mini_batch_size, "mini_batch_size", minimum=1)


def check_decay(decay, decay_rate, time_interval=1):
    """decay is None or one of DECAYS; decay_rate >= 0; time_interval a whole number >= 1."""
    if decay is not None and decay not in DECAYS:
        raise ValueError(f"decay must be None or one of {', '.join(map(repr, DECAYS))}; got {decay!r}")
    if isinstance(decay_rate, bool) or not isinstance(decay_rate, (int, float, np.integer, np.floating)):
        raise TypeError(f"decay_rate must be a number; got {type(decay_rate).__name__}")
    if not np.isfinite(decay_rate) or decay_rate < 0:
        raise ValueError(f"decay_rate must be 0 or more (0 means no decay); got {decay_rate}")
    check_count(time_interval, "time_interval", minimum=1)


# --- mini-batches -------------------------------------------------------------------------------------------------

def random_mini_batches(X, Y, mini_batch_size=64, seed=0):
    """Shuffle the columns of X (n_x, m) and Y (1, m) together and cut them into mini-batches.

    Returns a list of (X_batch (n_x, size), Y_batch (1, size)): floor(m / mini_batch_size) full batches, then
    one last, smaller batch with the m % mini_batch_size examples left over (if any). Every example appears in
    exactly one batch. The same seed (an int, or a numpy Generator) gives the same shuffle.
    """
    X = as_matrix(X, "X")
    Y = np.asarray(Y)
    check_count(mini_batch_size, "mini_batch_size", minimum=1)
    m = X.shape[1]
    if Y.ndim != 2 or Y.shape[1] != m:
        raise ValueError(f"Y has shape {Y.shape}, but it must be (1, m) = (1, {m}): one label per column of X")
    order = np.random.default_rng(seed).permutation(m)
    X_shuffled, Y_shuffled = X[:, order], Y[:, order]
    return [(X_shuffled[:, k:k + mini_batch_size], Y_shuffled[:, k:k + mini_batch_size])
            for k in range(0, m, mini_batch_size)]


# --- optimiser states ---------------------------------------------------------------------------------------------

def _zeros_like_grads(parameters):
    return {"d" + name: np.zeros_like(value) for name, value in parameters.items()}


def initialize_velocity(parameters):
    """Momentum's state v: {"dW1": zeros like W1, "db1": zeros like b1, ...}."""
    check_parameters(parameters)
    return _zeros_like_grads(parameters)


def initialize_rmsprop(parameters):
    """RMSprop's state s: {"dW1": zeros like W1, "db1": zeros like b1, ...}."""
    check_parameters(parameters)
    return _zeros_like_grads(parameters)


def initialize_adam(parameters):
    """Adam's two states (v, s), each {"dW1": zeros like W1, "db1": zeros like b1, ...}."""
    check_parameters(parameters)
    return _zeros_like_grads(parameters), _zeros_like_grads(parameters)


def _check_update(parameters, grads, learning_rate):
    L = check_parameters(parameters)
    check_grads(parameters, grads, L)
    check_positive(learning_rate, "learning_rate")


# --- one update of each optimiser ---------------------------------------------------------------------------------

def update_parameters_with_momentum(parameters, grads, v, beta, learning_rate):
    """v := beta v + (1 - beta) g; W := W - learning_rate v. Returns (parameters, v), both new dicts."""
    _check_update(parameters, grads, learning_rate)
    check_beta(beta)
    new_parameters, new_v = {}, {}
    for name, value in parameters.items():
        key = "d" + name
        new_v[key] = beta * v[key] + (1 - beta) * grads[key]
        new_parameters[name] = value - learning_rate * new_v[key]
    return new_parameters, new_v


def update_parameters_with_rmsprop(parameters, grads, s, beta2, learning_rate, epsilon=1e-8):
    """s := beta2 s + (1 - beta2) g^2; W := W - learning_rate g / (sqrt(s) + epsilon). Returns (parameters, s)."""
    _check_update(parameters, grads, learning_rate)
    check_beta(beta2, "beta2")
    check_positive(epsilon, "epsilon")
    new_parameters, new_s = {}, {}
    for name, value in parameters.items():
        key = "d" + name
        g = grads[key]
        new_s[key] = beta2 * s[key] + (1 - beta2) * g * g
        new_parameters[name] = value - learning_rate * g / (np.sqrt(new_s[key]) + epsilon)
    return new_parameters, new_s


def bias_correction(average, beta, t):
    """average / (1 - beta^t): undoes the pull towards the zeros that the average started from (t >= 1)."""
    check_count(t, "t", minimum=1)
    return average / (1 - beta ** t)


def update_parameters_with_adam(parameters, grads, v, s, t, learning_rate=0.01, beta1=0.9, beta2=0.999,
                                epsilon=1e-8):
    """One Adam step; t is this step's number, counting from 1.

    v := beta1 v + (1 - beta1) g; s := beta2 s + (1 - beta2) g^2;
    W := W - learning_rate v_hat / (sqrt(s_hat) + epsilon), with v_hat = v / (1 - beta1^t), s_hat = s / (1 - beta2^t).
    Returns (parameters, v, s), new dicts.
    """
    _check_update(parameters, grads, learning_rate)
    check_beta(beta1, "beta1")
    check_beta(beta2, "beta2")
    check_positive(epsilon, "epsilon")
    check_count(t, "t", minimum=1)
    new_parameters, new_v, new_s = {}, {}, {}
    for name, value in parameters.items():
        key = "d" + name
        g = grads[key]
        new_v[key] = beta1 * v[key] + (1 - beta1) * g
        new_s[key] = beta2 * s[key] + (1 - beta2) * g * g
        v_hat = bias_correction(new_v[key], beta1, t)
        s_hat = bias_correction(new_s[key], beta2, t)
        new_parameters[name] = value - learning_rate * v_hat / (np.sqrt(s_hat) + epsilon)
    return new_parameters, new_v, new_s


# --- one interface for the training loop --------------------------------------------------------------------------

def initialize_optimizer(parameters, optimizer="gd"):
    """The starting state of ``optimizer``: {} for gd, {"v"}, {"s"} or {"v", "s", "t": 0} for adam."""
    check_optimizer(optimizer)
    if optimizer == "momentum":
        return {"v": initialize_velocity(parameters)}
    if optimizer == "rmsprop":
        return {"s": initialize_rmsprop(parameters)}
    if optimizer == "adam":
        v, s = initialize_adam(parameters)
        return {"v": v, "s": s, "t": 0}
    check_parameters(parameters)
    return {}


def optimizer_update(parameters, grads, state, optimizer, learning_rate, beta1=0.9, beta2=0.999, epsilon=1e-8):
    """One step of ``optimizer``; returns (parameters, state), both new. Momentum's beta is beta1."""
    check_optimizer(optimizer)
    if optimizer == "gd":
        return update_parameters(parameters, grads, learning_rate), state
    if optimizer == "momentum":
        parameters, v = update_parameters_with_momentum(parameters, grads, state["v"], beta1, learning_rate)
        return parameters, {"v": v}
    if optimizer == "rmsprop":
        parameters, s = update_parameters_with_rmsprop(parameters, grads, state["s"], beta2, learning_rate, epsilon)
        return parameters, {"s": s}
    t = state["t"] + 1
    parameters, v, s = update_parameters_with_adam(parameters, grads, state["v"], state["s"], t, learning_rate,
                                                   beta1, beta2, epsilon)
    return parameters, {"v": v, "s": s, "t": t}


# --- learning-rate decay (epoch counts from 0) --------------------------------------------------------------------

def inverse_time_decay(learning_rate0, epoch, decay_rate):
    """alpha = alpha0 / (1 + decay_rate * epoch)."""
    return learning_rate0 / (1 + decay_rate * epoch)


def exponential_decay(learning_rate0, epoch, decay_rate):
    """alpha = alpha0 * exp(-decay_rate * epoch); never exactly 0 (an underflow stays at the smallest float)."""
    return max(learning_rate0 * float(np.exp(-decay_rate * epoch)), np.finfo(float).tiny)


def step_decay(learning_rate0, epoch, decay_rate, time_interval):
    """alpha = alpha0 / (1 + decay_rate * floor(epoch / time_interval)): constant for time_interval epochs."""
    return learning_rate0 / (1 + decay_rate * (epoch // time_interval))


def decayed_learning_rate(learning_rate0, epoch, decay=None, decay_rate=1.0, time_interval=1):
    """The learning rate of ``epoch`` (0, 1, ...) under schedule ``decay`` (None: always learning_rate0)."""
    check_positive(learning_rate0, "learning_rate0")
    check_count(epoch, "epoch")
    check_decay(decay, decay_rate, time_interval)
    if decay == "inverse_time":
        return inverse_time_decay(learning_rate0, epoch, decay_rate)
    if decay == "exponential":
        return exponential_decay(learning_rate0, epoch, decay_rate)
    if decay == "step":
        return step_decay(learning_rate0, epoch, decay_rate, time_interval)
    return learning_rate0
