"""Gradient checking (notebooks 04 and 11): compare backpropagation with a two-sided difference.

For each parameter theta_i:  dJ/dtheta_i ~ (J(theta + eps e_i) - J(theta - eps e_i)) / (2 eps).
The check reports || grad - grad_approx || / (|| grad || + || grad_approx ||): about 1e-9 or less in float64
when the backward pass is right, 1e-3 or more when it has a bug.
"""

import numpy as np

from .cost import compute_cost
from .forward import (L_model_forward, Parameters, asked_activation, hidden_activation_of, recorded_activation,
                      with_activation_of)
from .output_layer import output_layer_for
from .validation import (ACTIVATION_KEY, as_array, as_grads, as_matrix, as_number, as_parameters, check_activation,
                         check_finite, check_positive, check_X_fits, checked, checked_outside, describe)

MAX_EPSILON = 1.0   # the step h of a difference quotient is small: 1e-4 to 1e-8 in float64


def _check_parameters_only(args):
    args["parameters"] = as_parameters(args["parameters"])[0]


def _keep_the_activation_in_the_layout(result, args, given):
    theta, layout = result
    activation = recorded_activation(given["parameters"])
    if activation is not None:
        layout.append((ACTIVATION_KEY, activation))
    return theta, layout


@checked(_check_parameters_only, after=_keep_the_activation_in_the_layout)
def parameters_to_vector(parameters):
    """Flatten W1, b1, ..., WL, bL into one float64 vector theta (n,); also return the layout to undo it.

    Given in notebooks/11_gradient_checking.ipynb.
    parameters: {"W1": (n[1], n[0]), "b1": (n[1], 1), ...}. layout: [("W1", (n[1], n[0])), ("b1", (n[1], 1)), ...],
    then ("hidden_activation", its name) if the parameters record one, so that the rebuilt network runs as trained.
    """
    L = len(parameters) // 2
    names = [name for l in range(1, L + 1) for name in (f"W{l}", f"b{l}")]
    layout = [(name, np.shape(parameters[name])) for name in names]
    theta = np.concatenate([np.asarray(parameters[name], dtype=np.float64).ravel() for name in names])
    return theta, layout


def _check_layout(layout):
    """The layout's (name, shape) pairs of the arrays, and the recorded hidden activation (or None)."""
    if (not isinstance(layout, (list, tuple)) or not layout
            or any(not isinstance(item, (list, tuple)) or len(item) != 2 for item in layout)):
        raise TypeError(f"layout must be the list of (name, shape) pairs that parameters_to_vector returned; "
                        f"got {describe(layout)}")
    activation = None
    if layout[-1][0] == ACTIVATION_KEY:
        activation = check_activation(layout[-1][1], f"the layout's {ACTIVATION_KEY!r}")
        layout = layout[:-1]
    pairs = []
    for name, shape in layout:
        if (not isinstance(name, str) or not isinstance(shape, (tuple, list))
                or not all(isinstance(n, (int, np.integer)) and n >= 1 for n in shape)):
            raise TypeError(f"layout must be the list of (name, shape) pairs that parameters_to_vector returned, "
                            f"such as ('W1', (3, 2)); got the pair {describe((name, shape))}")
        pairs.append((name, tuple(int(n) for n in shape)))
    if not pairs:
        raise TypeError("layout names no arrays; pass the layout that parameters_to_vector returned")
    return pairs, activation


def _check_vector(args):
    args["layout"], _ = _check_layout(args["layout"])
    theta = args["theta"] = as_array(args["theta"], "theta")
    if theta.ndim != 1:
        raise ValueError(f"theta must be a 1-D vector (n,) as parameters_to_vector returns it; got shape {theta.shape}")
    total = sum(int(np.prod(shape)) for _, shape in args["layout"])
    if theta.size != total:
        raise ValueError(f"theta has {theta.size} values but the layout holds {total}")


def _with_the_layouts_activation(parameters, args, given):
    _, activation = _check_layout(given["layout"])
    return parameters if activation is None else Parameters(parameters, activation)


@checked(_check_vector, after=_with_the_layouts_activation)
def vector_to_parameters(theta, layout):
    """Inverse of ``parameters_to_vector``: cut theta (n,) back into arrays of the layout's shapes.

    Given in notebooks/11_gradient_checking.ipynb. Returns {"W1": (n[1], n[0]), "b1": (n[1], 1), ...}, a
    ``Parameters`` with its "hidden_activation" entry if the layout keeps one.
    """
    parameters, start = {}, 0
    for name, shape in layout:
        size = int(np.prod(shape))
        parameters[name] = theta[start:start + size].reshape(shape)
        start += size
    return parameters


def _check_grads_layout(args):
    layout = args["layout"] = _check_layout(args["layout"])[0]
    grads = args["grads"]
    if not isinstance(grads, dict):
        raise TypeError(f"grads must be a dict with keys 'dW1', 'db1', ...; got {describe(grads)}")
    for name, shape in layout:
        if "d" + name not in grads:
            raise ValueError(f"grads is missing {'d' + name!r}; the layout holds {', '.join(n for n, _ in layout)}")
        value = as_array(grads["d" + name], f"grads['d{name}']")
        if value.shape != shape:
            raise ValueError(f"grads['d{name}'] has shape {value.shape}, but {name} has shape {shape}; a gradient "
                             f"is shaped like its parameter")


@checked(_check_grads_layout)
def grads_to_vector(grads, layout):
    """Flatten dW1, db1, ..., dWL, dbL (each shaped like its parameter in ``layout``) in the same order as
    ``parameters_to_vector``; returns a float64 vector (n,). Given in notebooks/11_gradient_checking.ipynb."""
    return np.concatenate([np.asarray(grads["d" + name], dtype=np.float64).ravel() for name, _ in layout])


def check_epsilon(epsilon):
    """Return epsilon, the step h of the two-sided difference, as a float in (0, MAX_EPSILON]."""
    epsilon = check_positive(epsilon, "epsilon")
    if epsilon > MAX_EPSILON:
        raise ValueError(f"epsilon is the small step h of the two-sided difference (J(theta + h) - J(theta - h)) / 2h, "
                         f"e.g. 1e-6; got {epsilon:.3g}: a step above {MAX_EPSILON:g} does not measure a derivative "
                         f"(and theta + h may overflow)")
    return epsilon


def finite_cost(cost_function, source):
    """``cost_function`` as numerical_gradients calls it: on parameters that keep the activation ``source``
    records, its own package calls checked again, and its value a finite Python float or a teaching error."""
    outside = checked_outside(cost_function)

    def cost(parameters):
        value = outside(with_activation_of(source, parameters))
        if isinstance(value, np.ndarray) and value.size == 1:
            value = value.reshape(())
        value = as_number(value, "the value cost_function returned", "a number (the cost)")
        if not np.isfinite(value):
            raise ValueError(f"cost_function returned {value}; the cost must be finite at every nudged parameter "
                             f"(is epsilon small, e.g. 1e-6?)")
        return value
    return cost


def _check_numerical(args):
    if not callable(args["cost_function"]):
        raise TypeError(f"cost_function must be a function of the parameters dict that returns the cost; "
                        f"got {describe(args['cost_function'])}")
    args["epsilon"] = check_epsilon(args["epsilon"])
    args["cost_function"] = finite_cost(args["cost_function"], args["parameters"])
    args["parameters"] = as_parameters(args["parameters"])[0]


@checked(_check_numerical, quiet=True)
def numerical_gradients(cost_function, parameters, epsilon=1e-6):
    """Two-sided differences of cost_function(parameters) -> float, as a grads dict {"dW1", "db1", ...}.

    Taught in notebooks/11_gradient_checking.ipynb.
    parameters: {"W1": (n[1], n[0]), "b1": (n[1], 1), ...}; epsilon in (0, 1], the step h. Each "dW{l}"/"db{l}" is
    float64 and shaped like its parameter. Costs 2 n calls of cost_function for n parameters.
    """
    theta, layout = parameters_to_vector(parameters)
    approx = np.zeros_like(theta)
    for i in range(theta.size):
        plus, minus = theta.copy(), theta.copy()
        plus[i] += epsilon
        minus[i] -= epsilon
        J_plus = cost_function(vector_to_parameters(plus, layout))
        J_minus = cost_function(vector_to_parameters(minus, layout))
        approx[i] = (J_plus - J_minus) / (2 * epsilon)
    grads_approx = {"d" + name: value for name, value in vector_to_parameters(approx, layout).items()}
    return grads_approx


def _check_pair(args):
    grad, grad_approx = as_array(args["grad"], "grad"), as_array(args["grad_approx"], "grad_approx")
    if grad.shape != grad_approx.shape:
        raise ValueError(f"grad has shape {grad.shape} but grad_approx has shape {grad_approx.shape}; they must "
                         f"have the same shape (e.g. both (n,) from grads_to_vector): a (n,) against a (n, 1) "
                         f"would broadcast to (n, n) and compare every entry with every other")
    check_finite(grad, "grad")
    check_finite(grad_approx, "grad_approx")
    args["grad"], args["grad_approx"] = grad.astype(np.float64), grad_approx.astype(np.float64)


@checked(_check_pair)
def relative_difference(grad, grad_approx):
    """|| grad - grad_approx || / (|| grad || + || grad_approx ||), 0 when both are 0.

    Taught in notebooks/11_gradient_checking.ipynb.
    grad, grad_approx: arrays of the same shape (e.g. two vectors (n,) from ``grads_to_vector``). Returns a float:
    about 1e-9 or less when backprop is right, 1e-3 or more when it has a bug.
    """
    denominator = np.linalg.norm(grad) + np.linalg.norm(grad_approx)
    difference = 0.0 if denominator == 0 else float(np.linalg.norm(grad - grad_approx) / denominator)
    return difference


def relative_differences(grads, grads_approx):
    """The relative difference for each parameter: {"W1": ..., "b1": ..., ...}; the largest points to the bug.

    grads and grads_approx: {"dW1", "db1", ...}; every key of grads_approx must be in grads, with the same shape.
    """
    for name, value in (("grads", grads), ("grads_approx", grads_approx)):
        if not isinstance(value, dict):
            raise TypeError(f"{name} must be a dict with keys 'dW1', 'db1', ...; got {describe(value)}")
    if not grads_approx:
        raise ValueError("grads_approx is empty; pass the dict that numerical_gradients returned")
    missing = [key for key in grads_approx if key not in grads]
    if missing:
        raise ValueError(f"grads is missing {missing[0]!r}, which grads_approx holds; pass backprop's grads for "
                         f"the same parameters")
    return {key[1:]: relative_difference(grads[key], grads_approx[key]) for key in grads_approx}


def _check_gradient_check(args):
    given = args["parameters"]
    args["hidden_activation"] = hidden_activation_of(given, asked_activation(args))
    weights, L = as_parameters(given)
    as_grads(args["grads"], weights, L)
    X = args["X"] = as_matrix(args["X"], "X").astype(np.float64)
    check_X_fits(X, weights["W1"].shape[1], f"n_x, the number of columns of W1 {weights['W1'].shape},")
    check_finite(X, "X")
    output = output_layer_for(weights[f"W{L}"].shape[0])
    Y = args["Y"] = output.labels(args["Y"], weights[f"W{L}"].shape[0], X.shape[1])
    args["epsilon"] = check_epsilon(args["epsilon"])
    if args["cost_function"] is None and output.name != "sigmoid":   # K classes (notebook 15): categorical_cost
        activation = args["hidden_activation"]
        args["cost_function"] = lambda p: output.cost(L_model_forward(X, p, activation)[0], Y)
    if args["cost_function"] is not None:
        args["cost_function"] = finite_cost(args["cost_function"], given)
    args["parameters"] = weights


def _finite_difference(difference, args, given):
    if not np.isfinite(difference):
        raise ValueError(f"the gradient check gave {difference}: the cost was not finite at some nudged parameter "
                         f"(epsilon = {args['epsilon']:.3g}; use a small one such as 1e-6)")
    return difference


@checked(_check_gradient_check, after=_finite_difference, quiet=True)
def gradient_check(parameters, grads, X, Y, epsilon=1e-6, hidden_activation="relu", cost_function=None):
    """Relative difference between ``grads`` (from backprop) and the numerical gradient of the cost.

    Taught in notebooks/11_gradient_checking.ipynb.
    parameters: {"W1", "b1", ...}; grads: {"dW1", "db1", ...} of the same shapes; X (n_x, m); Y (1, m) of 0/1,
    or one-hot (K, m) for a softmax output; epsilon in (0, 1]. cost_function(parameters) -> float defaults to
    compute_cost(L_model_forward(X, parameters)[0], Y) (the categorical cost for K >= 2 output units).
    hidden_activation: left out, the one the parameters record, else "relu". All in float64. Returns a float (see
    ``relative_difference``).
    """
    if cost_function is None:
        def cost_function(p):
            return compute_cost(L_model_forward(X, p, hidden_activation)[0], Y)
    _, layout = parameters_to_vector(parameters)
    approx = numerical_gradients(cost_function, parameters, epsilon)
    difference = relative_difference(grads_to_vector(grads, layout), grads_to_vector(approx, layout))
    return difference
