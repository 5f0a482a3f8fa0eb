"""Notebook 14: mini-batches, momentum, RMSprop, Adam and learning-rate decay.

Every optimiser keeps a state per parameter, shaped like it (zeros at the start), and one update reads the
gradients, updates the state and then the parameters. With g = dW (or db), beta1, beta2 in [0, 1):

    gd        W := W - alpha g
    momentum  v := beta1 v + (1 - beta1) g                         W := W - alpha v
    rmsprop   s := beta2 s + (1 - beta2) g^2                       W := W - alpha g / (sqrt(s) + epsilon)
    adam      v and s as above, then the bias correction of step t (t = 1, 2, ...):
              v_hat = v / (1 - beta1^t), s_hat = s / (1 - beta2^t)  W := W - alpha v_hat / (sqrt(s_hat) + epsilon)

The functions are pure: they return new parameters and a new state and never modify their inputs. The new
parameters keep the "hidden_activation" entry of the old ones (``forward.Parameters``).
Randomness (the shuffle of the mini-batches) comes only from a ``seed`` argument (an int or a numpy Generator).
"""

from typing import Callable, NamedTuple

import numpy as np

from .forward import with_activation_of
from .update import update_parameters
from .validation import (as_array, as_grads, as_matrix, as_number, as_parameters, check_beta, check_choice,
                         check_count, check_nonnegative, check_positive, check_step, checked, make_rng)

__all__ = ["OPTIMIZERS", "DECAYS", "UpdateRule", "check_optimizer", "check_mini_batch_size", "check_decay",
           "random_mini_batches", "initialize_velocity", "initialize_rmsprop", "initialize_adam",
           "update_parameters_with_momentum", "update_parameters_with_rmsprop", "bias_correction",
           "update_parameters_with_adam", "initialize_optimizer", "optimizer_update", "inverse_time_decay",
           "exponential_decay", "step_decay", "decayed_learning_rate"]


# --- teaching errors for the options (the registries OPTIMIZERS and DECAYS are at the end of the module) ----------

def check_optimizer(optimizer):
    """optimizer is one of the names of OPTIMIZERS ("gd", "momentum", "rmsprop", "adam"); returns it."""
    return check_choice(optimizer, OPTIMIZERS, "optimizer")


def check_mini_batch_size(mini_batch_size):
    """None (one batch of all m examples) or a whole number at least 1."""
    if mini_batch_size is not None:
        return check_count(mini_batch_size, "mini_batch_size", minimum=1)
    return None


def check_decay(decay, decay_rate, time_interval=1):
    """decay is None or one of the names of DECAYS; decay_rate >= 0; time_interval a whole number >= 1."""
    check_choice(decay, DECAYS, "decay", allow_none=True)
    check_nonnegative(decay_rate, "decay_rate", " (0 means no decay)")
    check_count(time_interval, "time_interval", minimum=1)


# --- the checks, run once per outer call by ``validation.checked``; the bodies below are notebook 14's ----------

def _check_mini_batches(args):
    X = args["X"] = as_matrix(args["X"], "X")
    Y = args["Y"] = as_array(args["Y"], "Y", keep_ints=True)
    args["mini_batch_size"] = check_count(args["mini_batch_size"], "mini_batch_size", minimum=1)
    args["seed"] = make_rng(args["seed"])
    m = X.shape[1]
    if Y.ndim != 2 or Y.shape[1] != m:
        hint = ("; use Y.reshape(1, -1)" if Y.shape == (m,) else "; it looks transposed: use Y.T"
                if Y.ndim == 2 and Y.shape[0] == m else "")
        raise ValueError(f"Y has shape {Y.shape}, but it must be (1, m) = (1, {m}), or one-hot (K, m) = (K, {m}) for K "
                         f"classes: one label column per column of X{hint}")


def _check_parameters(args):
    args["parameters"], _ = as_parameters(args["parameters"])   # the arrays alone, without a "hidden_activation"


def _check_update(state_names, starter):
    """The check of an update: parameters, grads and each state in state_names shaped alike, learning_rate > 0,
    beta, beta1, beta2 in [0, 1), epsilon > 0, t = 1, 2, ..."""
    def check(args):
        args["parameters"], L = as_parameters(args["parameters"])
        args["grads"] = as_grads(args["grads"], args["parameters"], L)
        for name in state_names:
            args[name] = as_grads(args[name], args["parameters"], L, name, starter)
        args["learning_rate"] = check_positive(args["learning_rate"], "learning_rate")
        for name in ("beta", "beta1", "beta2"):
            if name in args:
                args[name] = check_beta(args[name], name)
        if "epsilon" in args:
            args["epsilon"] = check_positive(args["epsilon"], "epsilon")
        if "t" in args:
            args["t"] = check_step(args["t"])
    return check


def _finite_update(result, args, given):
    """The new parameters (first of the result) must be finite: a learning rate such as 1e308 overflows them.
    They keep the "hidden_activation" record of the parameters given (``forward.Parameters``)."""
    new_parameters, *states = result
    for name, value in new_parameters.items():
        if not np.isfinite(value).all():
            raise ValueError(f"the update overflowed: the new {name} holds inf or NaN (learning_rate = "
                             f"{args['learning_rate']:.3g}); learning_rate must be a small positive number such as "
                             f"0.01, and the gradients finite")
    return (with_activation_of(given["parameters"], new_parameters), *states)


def _check_bias_correction(args):
    args["beta"] = check_beta(args["beta"])
    args["t"] = check_step(args["t"])
    is_array = isinstance(args["average"], (np.ndarray, list, tuple))
    args["average"] = (as_array(args["average"], "average") if is_array
                       else as_number(args["average"], "average"))


# --- mini-batches -------------------------------------------------------------------------------------------------

@checked(_check_mini_batches)
def random_mini_batches(X, Y, mini_batch_size=64, seed=0):
    """Shuffle the columns of X (n_x, m) and Y (1, m) (or one-hot Y (K, m)) together and cut them into mini-batches.

    Taught in notebooks/14_optimization.ipynb.
    Returns a list of (X_batch (n_x, size), Y_batch (n_y, size)): floor(m / mini_batch_size) full batches, then
    one last, smaller batch with the m % mini_batch_size examples left over (if any). Every example appears in
    exactly one batch. The same seed (an int, or a numpy Generator) gives the same shuffle.
    """
    m = X.shape[1]
    order = np.random.default_rng(seed).permutation(m)
    X_shuffled, Y_shuffled = X[:, order], Y[:, order]
    mini_batches = [(X_shuffled[:, k:k + mini_batch_size], Y_shuffled[:, k:k + mini_batch_size])
                    for k in range(0, m, mini_batch_size)]
    return mini_batches


# --- optimizer states ---------------------------------------------------------------------------------------------

@checked(_check_parameters)
def initialize_velocity(parameters):
    """Momentum's state v: {"dW1": zeros (n[1], n[0]) like W1, "db1": zeros (n[1], 1) like b1, ...}.

    Taught in notebooks/14_optimization.ipynb."""
    v = {"d" + name: np.zeros_like(value) for name, value in parameters.items()}
    return v


@checked(_check_parameters)
def initialize_rmsprop(parameters):
    """RMSprop's state s: {"dW1": zeros (n[1], n[0]) like W1, "db1": zeros (n[1], 1) like b1, ...}.

    Taught in notebooks/14_optimization.ipynb."""
    s = {"d" + name: np.zeros_like(value) for name, value in parameters.items()}
    return s


@checked(_check_parameters)
def initialize_adam(parameters):
    """Adam's two states (v, s), each {"dW1": zeros like W1, "db1": zeros like b1, ...}.

    Taught in notebooks/14_optimization.ipynb."""
    v, s = initialize_velocity(parameters), initialize_rmsprop(parameters)
    return v, s


# --- one update of each optimizer ---------------------------------------------------------------------------------
# Shapes: parameters {"W1": (n[1], n[0]), "b1": (n[1], 1), ...}; grads and every state {"dW1", "db1", ...}, each
# exactly the shape of its parameter (the check casts them to the parameter's dtype). Each update returns new dicts
# of the same shapes and the parameters' dtype; the inputs are not modified.

@checked(_check_update(("v",), "initialize_velocity"), after=_finite_update, quiet=True)
def update_parameters_with_momentum(parameters, grads, v, beta, learning_rate):
    """v := beta v + (1 - beta) g; W := W - learning_rate v, for g = dW (and db).

    Taught in notebooks/14_optimization.ipynb.
    parameters: {"W1": (n[1], n[0]), "b1": (n[1], 1), ...}; grads and v: {"dW1", "db1", ...} shaped like them;
    beta in [0, 1) (0: plain gradient descent); learning_rate > 0. Returns (parameters, v), both new dicts.
    """
    new_parameters, new_v = {}, {}
    for name, value in parameters.items():
        key = "d" + name
        new_v[key] = beta * v[key] + (1 - beta) * grads[key]
        new_parameters[name] = value - learning_rate * new_v[key]
    return new_parameters, new_v


@checked(_check_update(("s",), "initialize_rmsprop"), after=_finite_update, quiet=True)
def update_parameters_with_rmsprop(parameters, grads, s, beta2, learning_rate, epsilon=1e-8):
    """s := beta2 s + (1 - beta2) g^2; W := W - learning_rate g / (sqrt(s) + epsilon), for g = dW (and db).

    Taught in notebooks/14_optimization.ipynb.
    parameters: {"W1": (n[1], n[0]), "b1": (n[1], 1), ...}; grads and s: {"dW1", "db1", ...} shaped like them;
    beta2 in [0, 1); learning_rate > 0; epsilon > 0. Returns (parameters, s), both new dicts.
    """
    new_parameters, new_s = {}, {}
    for name, value in parameters.items():
        key = "d" + name
        g = grads[key]
        new_s[key] = beta2 * s[key] + (1 - beta2) * g * g
        new_parameters[name] = value - learning_rate * g / (np.sqrt(new_s[key]) + epsilon)
    return new_parameters, new_s


@checked(_check_bias_correction)
def bias_correction(average, beta, t):
    """average / (1 - beta^t): undoes the pull towards the zeros that the average started from.

    Taught in notebooks/14_optimization.ipynb.
    average: a number or an array of any shape (returned in the same shape); beta in [0, 1); t = 1, 2, ...
    """
    corrected = average / (1 - beta ** t)
    return corrected


@checked(_check_update(("v", "s"), "initialize_adam"), after=_finite_update, quiet=True)
def update_parameters_with_adam(parameters, grads, v, s, t, learning_rate=0.01, beta1=0.9, beta2=0.999,
                                epsilon=1e-8):
    """One Adam step; t is this step's number, counting from 1.

    Taught in notebooks/14_optimization.ipynb.
    v := beta1 v + (1 - beta1) g; s := beta2 s + (1 - beta2) g^2;
    W := W - learning_rate v_hat / (sqrt(s_hat) + epsilon), with v_hat = v / (1 - beta1^t), s_hat = s / (1 - beta2^t).
    parameters: {"W1": (n[1], n[0]), "b1": (n[1], 1), ...}; grads, v and s: {"dW1", "db1", ...} shaped like them;
    beta1, beta2 in [0, 1); learning_rate > 0; epsilon > 0. Returns (parameters, v, s), new dicts.
    """
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


# --- one interface for the training loop: every update rule has the same signature ------------------------------
# step(parameters, grads, state, learning_rate, beta1, beta2, epsilon) -> (parameters, state), where state is the
# one dict the rule keeps (its keys: state_keys; start(parameters) makes the first one). Momentum's beta is beta1.

class UpdateRule(NamedTuple):
    """One optimizer of OPTIMIZERS: what its state holds, its starting state, and one step."""

    state_keys: tuple
    start: Callable
    step: Callable


def gd_step(parameters, grads, state, learning_rate, beta1, beta2, epsilon):
    """Plain gradient descent (``update_parameters``); no state."""
    return update_parameters(parameters, grads, learning_rate), state


def momentum_step(parameters, grads, state, learning_rate, beta1, beta2, epsilon):
    """``update_parameters_with_momentum`` with beta = beta1; state {"v"}."""
    parameters, v = update_parameters_with_momentum(parameters, grads, state["v"], beta1, learning_rate)
    return parameters, {"v": v}


def rmsprop_step(parameters, grads, state, learning_rate, beta1, beta2, epsilon):
    """``update_parameters_with_rmsprop`` (beta2, epsilon); state {"s"}."""
    parameters, s = update_parameters_with_rmsprop(parameters, grads, state["s"], beta2, learning_rate, epsilon)
    return parameters, {"s": s}


def adam_step(parameters, grads, state, learning_rate, beta1, beta2, epsilon):
    """``update_parameters_with_adam``; state {"v", "s", "t"}, t the number of steps taken so far."""
    t = check_count(state["t"], "state['t']") + 1
    parameters, v, s = update_parameters_with_adam(parameters, grads, state["v"], state["s"], t, learning_rate,
                                                   beta1, beta2, epsilon)
    return parameters, {"v": v, "s": s, "t": t}


def _start_without_state(parameters):
    as_parameters(parameters)
    return {}


def _start_adam(parameters):
    v, s = initialize_adam(parameters)
    return {"v": v, "s": s, "t": 0}


# The optimizers by the name that the option string gives: improved_model, the training loop, stacked runs and the
# playground read their names and rules from here.
OPTIMIZERS = {
    "gd": UpdateRule((), _start_without_state, gd_step),
    "momentum": UpdateRule(("v",), lambda parameters: {"v": initialize_velocity(parameters)}, momentum_step),
    "rmsprop": UpdateRule(("s",), lambda parameters: {"s": initialize_rmsprop(parameters)}, rmsprop_step),
    "adam": UpdateRule(("v", "s", "t"), _start_adam, adam_step),
}


def initialize_optimizer(parameters, optimizer="gd"):
    """The starting state of ``optimizer``: {} for gd, {"v"}, {"s"} or {"v", "s", "t": 0} for adam."""
    return OPTIMIZERS[check_optimizer(optimizer)].start(parameters)


def optimizer_update(parameters, grads, state, optimizer, learning_rate, beta1=0.9, beta2=0.999, epsilon=1e-8):
    """One step of ``optimizer``; returns (parameters, state), both new. Momentum's beta is beta1.

    parameters: {"W1": (n[1], n[0]), "b1": (n[1], 1), ...}; grads {"dW1", "db1", ...} shaped like them;
    state: what ``initialize_optimizer(parameters, optimizer)`` returned (or the last call's state).
    """
    rule = OPTIMIZERS[check_optimizer(optimizer)]
    if not isinstance(state, dict) or any(key not in state for key in rule.state_keys):
        wanted = ", ".join(map(repr, rule.state_keys)) or "no keys"
        raise ValueError(f"state must be the dict that initialize_optimizer(parameters, {optimizer!r}) returned "
                         f"(with {wanted}); got {state if not isinstance(state, dict) else sorted(state)!r}")
    return rule.step(parameters, grads, state, learning_rate, beta1, beta2, epsilon)


# --- learning-rate decay (epoch counts from 0) --------------------------------------------------------------------

def _check_decay_inputs(args):
    args["learning_rate0"] = check_positive(args["learning_rate0"], "learning_rate0")
    args["epoch"] = check_count(args["epoch"], "epoch")
    args["decay_rate"] = check_nonnegative(args["decay_rate"], "decay_rate", " (0 means no decay)")
    if "time_interval" in args:
        args["time_interval"] = check_count(args["time_interval"], "time_interval", minimum=1)


def _not_zero(learning_rate, args, given):
    return max(learning_rate, np.finfo(float).tiny)   # an underflow stays at the smallest float, never 0


@checked(_check_decay_inputs)
def inverse_time_decay(learning_rate0, epoch, decay_rate):
    """alpha = alpha0 / (1 + decay_rate * epoch). Taught in notebooks/14_optimization.ipynb."""
    return learning_rate0 / (1 + decay_rate * epoch)


@checked(_check_decay_inputs, after=_not_zero)
def exponential_decay(learning_rate0, epoch, decay_rate):
    """alpha = alpha0 * exp(-decay_rate * epoch); never exactly 0 (an underflow stays at the smallest float).

    Taught in notebooks/14_optimization.ipynb."""
    return learning_rate0 * float(np.exp(-decay_rate * epoch))


@checked(_check_decay_inputs)
def step_decay(learning_rate0, epoch, decay_rate, time_interval):
    """alpha = alpha0 / (1 + decay_rate * floor(epoch / time_interval)): constant for time_interval epochs.

    Taught in notebooks/14_optimization.ipynb."""
    return learning_rate0 / (1 + decay_rate * (epoch // time_interval))


# The schedules by the name that the option string gives, each called as (learning_rate0, epoch, decay_rate,
# time_interval); only step_decay reads time_interval.
DECAYS = {
    "inverse_time": lambda learning_rate0, epoch, decay_rate, time_interval:
        inverse_time_decay(learning_rate0, epoch, decay_rate),
    "exponential": lambda learning_rate0, epoch, decay_rate, time_interval:
        exponential_decay(learning_rate0, epoch, decay_rate),
    "step": step_decay,
}


def decayed_learning_rate(learning_rate0, epoch, decay=None, decay_rate=1.0, time_interval=1):
    """The learning rate of ``epoch`` (0, 1, ...) under schedule ``decay`` (None: always learning_rate0)."""
    learning_rate0 = check_positive(learning_rate0, "learning_rate0")
    check_count(epoch, "epoch")
    check_decay(decay, decay_rate, time_interval)
    if decay is None:
        return learning_rate0
    return DECAYS[decay](learning_rate0, epoch, decay_rate, time_interval)
