"""Step 6 (notebook 06): the training loop, forward -> cost -> backward -> update, repeated.

The loop checks the data once (shapes, labels, NaN/inf), then runs cheap steps: the bodies are notebook 06's text
and the checks are applied from outside (``validation.checked``), once per call, not once per iteration. Its
backward pass, ``model_gradients``, starts from dZ[L] = AL - Y (what the dAL formula and the sigmoid derivative
simplify to, and the same for a softmax output with one-hot labels: see ``output_layer``) and skips dA0, the
gradient with respect to the data, which training never uses. Its cost is the output layer's from the logits Z[L]
(``output_cost``). The trained parameters come back as ``Parameters``, which remember their activation.
"""

from contextlib import contextmanager

import numpy as np

from .validation import (as_matrix, as_parameters, check_activation, check_caches, check_choice, check_count,
                         check_finite, check_finite_parameters, check_layer_dims, check_positive, check_seed,
                         check_X_fits, checked, checked_outside, describe)
from .backward import BACKWARD, linear_activation_backward, linear_backward, weight_gradients
from .cost import compute_cost
from .forward import (L_model_forward, Parameters, asked_activation, hidden_activation_of,
                      linear_activation_forward)
from .initialization import INITIALIZATION_METHODS, initialize_parameters_deep
from .output_layer import output_cost, output_layer_for
from .update import update_parameters


def check_training_data(X, Y, layers_dims):
    """Return X (n_x, m) as floats, Y (n[L], m) in X's dtype and layers_dims as a list, or raise a teaching error.

    One output unit (layers_dims ending in 1) takes Y (1, m) of 0/1; K >= 2 output units (softmax) take
    one-hot Y (K, m).
    """
    dims = check_layer_dims(layers_dims, "layers_dims")
    X = as_matrix(X, "X")
    check_X_fits(X, dims[0], "layers_dims[0]")
    check_finite(X, "X")   # as_matrix has refused an empty X (m = 0) already
    Y = output_layer_for(dims[-1]).labels(Y, dims[-1], X.shape[1])
    return X, Y.astype(X.dtype, copy=False), dims


def _check_gradients(args):
    check_activation(args["hidden_activation"], "hidden_activation")
    check_caches(args["caches"])
    AL = args["AL"] = as_matrix(args["AL"], "AL")
    args["Y"] = output_layer_for(AL.shape[0]).labels(args["Y"], AL.shape[0], AL.shape[1])   # (n[L], m): one look
    if not 0 <= AL.min() <= AL.max() <= 1:
        raise ValueError(f"AL must hold the output layer's probabilities in [0, 1] (what L_model_forward returns); "
                         f"found values from {AL.min():.4g} to {AL.max():.4g}")


@checked(_check_gradients)
def model_gradients(AL, Y, caches, hidden_activation="relu"):
    """dW{l} and db{l} for every layer, from dZ[L] = AL - Y; no dA0 (training does not need it).

    Given in notebooks/06_training_loop.ipynb, for L_layer_model. AL, Y: (n[L], m); caches: from
    ``L_model_forward``. Same dW, db as ``L_model_backward``, with less work: it starts from dZ[L] = AL - Y (for a
    sigmoid with binary labels and for a softmax with one-hot labels alike) and skips the first layer's dA0, the
    gradient with respect to the data, which costs as much as dW1.
    """
    grads = {}
    L = len(caches)
    dZ = AL - Y
    for l in range(L, 0, -1):
        linear_cache, _ = caches[l - 1]
        if l == 1:
            grads["dW1"], grads["db1"] = weight_gradients(dZ, linear_cache)
        else:
            dA, grads[f"dW{l}"], grads[f"db{l}"] = linear_backward(dZ, linear_cache)
            dZ = BACKWARD[hidden_activation](dA, caches[l - 2][1])
    return grads


def starting_parameters(parameters, dims, dtype):
    """Check user-given starting parameters against layers_dims; return a copy in the data's dtype."""
    parameters, L = as_parameters(parameters)
    check_finite_parameters(parameters)
    shapes = [parameters[f"W{l}"].shape for l in range(1, L + 1)]
    wanted = [(dims[l], dims[l - 1]) for l in range(1, len(dims))]
    if shapes != wanted:
        raise ValueError(f"parameters has weight shapes {shapes}, but layers_dims {dims} needs {wanted}")
    return {name: np.array(value, dtype=dtype) for name, value in parameters.items()}


def _check_training(args):
    """The checks of a training loop's call, once: data, settings, the start, and the callback's wrapper."""
    args["hidden_activation"] = hidden_activation_of(args["parameters"], asked_activation(args))
    args["X"], args["Y"], args["layers_dims"] = check_training_data(args["X"], args["Y"], args["layers_dims"])
    args["learning_rate"] = check_positive(args["learning_rate"], "learning_rate")
    check_steps(args["num_iterations"], "num_iterations")
    check_seed(args["seed"])
    check_choice(args["initialization"], INITIALIZATION_METHODS, "initialization")
    if args["parameters"] is not None:
        args["parameters"] = starting_parameters(args["parameters"], args["layers_dims"], args["X"].dtype)
    args["callback"] = IterationCounter(args["callback"], args["hidden_activation"])


class IterationCounter:
    """The callback a training loop calls after each iteration: it counts them (for the message of an overflow)
    and calls the learner's callback(i, parameters, grads, cost), if any, with parameters that run as trained."""

    def __init__(self, callback, hidden_activation):
        if callback is not None and not callable(callback):
            raise TypeError(f"callback must be a function callback(i, parameters, grads, cost) or None; "
                            f"got {describe(callback)}")
        self.callback = None if callback is None else checked_outside(callback)
        self.hidden_activation = hidden_activation
        self.done = 0

    def __len__(self):
        return self.done

    def __call__(self, i, parameters, grads, cost):
        self.done = i + 1
        if self.callback is not None:
            self.callback(i, Parameters(parameters, self.hidden_activation), grads, cost)


def _overflow_in_training(args):
    return overflow_as_teaching_error(args["learning_rate"], args["callback"], args["X"])


def _trained(result, args, given):
    parameters, costs = result
    return Parameters(parameters, args.get("hidden_activation", "relu")), costs   # a network that runs as trained


@checked(_check_training, after=_trained, context=_overflow_in_training)
def L_layer_model(X, Y, layers_dims, learning_rate=0.0075, num_iterations=3000, print_cost=False, *, seed=1,
                  initialization="xavier", hidden_activation="relu", parameters=None, callback=None):
    """Train [LINEAR -> hidden_activation] x (L-1) -> LINEAR -> SIGMOID by batch gradient descent.

    Taught in notebooks/06_training_loop.ipynb.
    X: (n_x, m), one column per example; Y: (1, m) of 0/1; layers_dims: [n_x, n[1], ..., 1].
    (With layers_dims ending in K >= 2 and one-hot Y (K, m), the output is a softmax: notebook 15.)
    initialization: a method of ``initialize_parameters_deep`` ("xavier", i.e. / sqrt(n[l-1]), by default);
    parameters: start from these instead (they are copied, never modified); hidden_activation: "relu" unless
    given, or unless the starting parameters record another (a "hidden_activation" entry, see ``Parameters``).
    callback(i, parameters, grads, cost), if given, is called after every iteration.
    Returns (parameters, costs): the trained parameters, in X's dtype, and the cost before each update
    (a list of num_iterations floats). print_cost prints it every 100 iterations and at the last one.
    L2, dropout, mini-batches, other optimisers and decay (notebooks 13-14) are ``improved_model``'s.
    """
    parameters, costs = parameters or initialize_parameters_deep(layers_dims, seed, initialization, X.dtype), []
    for i in range(num_iterations):
        AL, caches = L_model_forward(X, parameters, hidden_activation)
        cost = output_cost(caches, Y)
        grads = model_gradients(AL, Y, caches, hidden_activation)
        parameters = update_parameters(parameters, grads, learning_rate)
        costs.append(cost)
        if print_cost and (i % 100 == 0 or i == num_iterations - 1):
            print(f"Cost after iteration {i}: {cost:.4f}")
        if callback is not None:
            callback(i, parameters, grads, cost)
    return parameters, costs


def check_steps(num_steps, steps_name):
    """Return num_steps as an int, or raise unless it is a whole number from 1 to MAX_STEPS."""
    num_steps = check_count(num_steps, steps_name)
    if num_steps > MAX_STEPS:
        raise ValueError(f"{steps_name} is {num_steps:,}: more than the {MAX_STEPS:,} this loop takes (the course "
                         f"trains for 1,000 to 10,000; at a millisecond each, {num_steps:,} would take "
                         f"{num_steps / 3.15e10:.3g} years)")
    if num_steps == 0:
        raise ValueError(f"{steps_name} is 0: the network would not be trained at all; give at least 1")
    return num_steps


def prepare_training(X, Y, layers_dims, learning_rate, num_steps, seed, initialization, parameters, steps_name,
                     callback=None):
    """The checks and the start shared by every training loop: (X, Y, dims, starting parameters).

    The hidden activation is the caller's, already settled by ``hidden_activation_of`` (given, or the start's)."""
    X, Y, dims = check_training_data(X, Y, layers_dims)
    check_positive(learning_rate, "learning_rate")
    check_steps(num_steps, steps_name)
    check_seed(seed)
    if callback is not None and not callable(callback):
        raise TypeError(f"callback must be a function callback(i, parameters, grads, cost) or None; "
                        f"got {describe(callback)}")
    if parameters is None:
        parameters = initialize_parameters_deep(dims, seed=seed, method=initialization, dtype=X.dtype)
    else:
        parameters = starting_parameters(parameters, dims, X.dtype)
    return X, Y, dims, parameters


MAX_STEPS = 10_000_000   # iterations or epochs: more is a typo (3e6 for 3000?), not a plan


@contextmanager
def overflow_as_teaching_error(learning_rate, progress=None, X=None, lambd=0.0):
    """Turn a floating-point overflow during training into a teaching error instead of inf/nan weights.

    progress: anything whose len() is the number of iterations done (the costs so far, an ``IterationCounter``).
    The message names the likely causes it can see: the learning rate, inputs on a large scale, a large lambd.
    """
    try:
        with np.errstate(over="raise", invalid="raise", divide="raise"):
            yield
    except FloatingPointError as err:
        causes = [f"the learning_rate {learning_rate} may be too large for this network and data (try one 3 to "
                  f"10 times smaller)"]
        scale = float(np.max(np.abs(X))) if X is not None and X.size else 0.0
        if scale > 10:
            causes.append(f"X holds values up to {scale:.3g}: inputs on a large scale make every step huge; "
                          f"standardize X first (dh.standardize)")
        m = X.shape[1] if X is not None and X.ndim == 2 else 1
        if learning_rate * lambd / m > 1:
            causes.append(f"each step multiplies the weights by 1 - learning_rate * lambd / m = "
                          f"{1 - learning_rate * lambd / m:.3g}: with lambd = {lambd} the L2 term overshoots "
                          f"zero and grows; try a lambd below {m / learning_rate:.3g}")
        where = "" if progress is None else f" at iteration {len(progress)}"
        raise ValueError(f"training diverged{where}: the numbers overflowed ({err}). " + "; ".join(causes)) from None



def _check_two_layers(args):
    dims = check_layer_dims(args["layers_dims"], "layers_dims")
    if len(dims) != 3:
        raise ValueError(f"layers_dims must be (n_x, n_h, n_y) for a 2-layer model; got {dims}")
    if dims[2] != 1:
        raise ValueError(f"layers_dims is {dims}, but two_layer_model has one sigmoid output unit: n_y must be 1; "
                         f"for K classes use L_layer_model with layers_dims ending in K (notebook 15)")
    args["X"], args["Y"], args["layers_dims"] = check_training_data(args["X"], args["Y"], dims)
    args["learning_rate"] = check_positive(args["learning_rate"], "learning_rate")
    check_steps(args["num_iterations"], "num_iterations")
    check_seed(args["seed"])
    check_choice(args["initialization"], INITIALIZATION_METHODS, "initialization")


def _overflow_in_two_layers(args):
    return overflow_as_teaching_error(args["learning_rate"], None, args["X"])


@checked(_check_two_layers, after=_trained, context=_overflow_in_two_layers)
def two_layer_model(X, Y, layers_dims, learning_rate=0.0075, num_iterations=3000, print_cost=False, *, seed=1,
                    initialization="small"):
    """Train LINEAR -> RELU -> LINEAR -> SIGMOID; layers_dims = (n_x, n_h, 1). Returns (parameters, costs).

    Taught in notebooks/06_training_loop.ipynb, every step written out: the backward pass starts from
    dZ2 = A2 - Y. Initialised x 0.01 by default (the numbers of ``initialize_parameters(n_x, n_h, 1)``).
    """
    parameters, costs = initialize_parameters_deep(layers_dims, seed=seed, method=initialization, dtype=X.dtype), []
    for i in range(num_iterations):
        A1, cache1 = linear_activation_forward(X, parameters["W1"], parameters["b1"], "relu")
        A2, cache2 = linear_activation_forward(A1, parameters["W2"], parameters["b2"], "sigmoid")
        cost = compute_cost(A2, Y)
        dA1, dW2, db2 = linear_backward(A2 - Y, cache2[0])
        _, dW1, db1 = linear_activation_backward(dA1, cache1, "relu")
        parameters = update_parameters(parameters, {"dW1": dW1, "db1": db1, "dW2": dW2, "db2": db2}, learning_rate)
        costs.append(cost)
        if print_cost and (i % 100 == 0 or i == num_iterations - 1):
            print(f"Cost after iteration {i}: {cost:.4f}")
    return parameters, costs
