"""Gradient checking (notebooks 04 and 11): compare backpropagation with a two-sided difference.

For each parameter theta_i:  dJ/dtheta_i ~ (J(theta + eps e_i) - J(theta - eps e_i)) / (2 eps).
The check reports || grad - grad_approx || / (|| grad || + || grad_approx ||): about 1e-9 or less in float64
when the backward pass is right, 1e-3 or more when it has a bug.
"""

import numpy as np

from .validation import check_parameters
from .cost import compute_cost
from .forward import L_model_forward
from .update import check_grads


def parameters_to_vector(parameters):
    """Flatten W1, b1, ..., WL, bL into one float64 vector theta (n,); also return the layout to undo it."""
    L = check_parameters(parameters)
    names = [name for l in range(1, L + 1) for name in (f"W{l}", f"b{l}")]
    layout = [(name, np.shape(parameters[name])) for name in names]
    theta = np.concatenate([np.asarray(parameters[name], dtype=np.float64).ravel() for name in names])
    return theta, layout


def vector_to_parameters(theta, layout):
    """Inverse of ``parameters_to_vector``: cut theta (n,) back into arrays of the layout's shapes."""
    total = sum(int(np.prod(shape)) for _, shape in layout)
    if theta.size != total:
        raise ValueError(f"theta has {theta.size} values but the layout holds {total}")
    parameters, start = {}, 0
    for name, shape in layout:
        size = int(np.prod(shape))
        parameters[name] = theta[start:start + size].reshape(shape)
        start += size
    return parameters


def grads_to_vector(grads, layout):
    """Flatten dW1, db1, ..., dWL, dbL in the same order as ``parameters_to_vector``."""
    return np.concatenate([np.asarray(grads["d" + name], dtype=np.float64).ravel() for name, _ in layout])


def numerical_gradients(cost_function, parameters, epsilon=1e-6):
    """Two-sided differences of cost_function(parameters) -> float, as a grads dict {"dW1", "db1", ...}."""
    theta, layout = parameters_to_vector(parameters)
    approx = np.zeros_like(theta)
    for i in range(theta.size):
        plus, minus = theta.copy(), theta.copy()
        plus[i] += epsilon
        minus[i] -= epsilon
        J_plus = cost_function(vector_to_parameters(plus, layout))
        J_minus = cost_function(vector_to_parameters(minus, layout))
        approx[i] = (J_plus - J_minus) / (2 * epsilon)
    return {"d" + name: value for name, value in vector_to_parameters(approx, layout).items()}


def relative_difference(grad, grad_approx):
    """|| grad - grad_approx || / (|| grad || + || grad_approx ||), 0 when both are 0."""
    denominator = np.linalg.norm(grad) + np.linalg.norm(grad_approx)
    return 0.0 if denominator == 0 else float(np.linalg.norm(grad - grad_approx) / denominator)


def relative_differences(grads, grads_approx):
    """The relative difference for each parameter: {"W1": ..., "b1": ..., ...}; the largest points to the bug."""
    return {key[1:]: relative_difference(np.asarray(grads[key], dtype=np.float64), grads_approx[key])
            for key in grads_approx}


def gradient_check(parameters, grads, X, Y, epsilon=1e-6, hidden_activation="relu", cost_function=None):
    """Relative difference between ``grads`` (from backprop) and the numerical gradient of the cost.

    parameters: {"W1", "b1", ...}; grads: {"dW1", "db1", ...} of the same shapes; X (n_x, m); Y (1, m).
    cost_function(parameters) -> float defaults to compute_cost(L_model_forward(X, parameters)[0], Y).
    All in float64.
    """
    L = check_parameters(parameters)
    check_grads(parameters, grads, L)
    X = np.asarray(X, dtype=np.float64)
    if cost_function is None:
        def cost_function(p):
            return compute_cost(L_model_forward(X, p, hidden_activation)[0], Y)
    _, layout = parameters_to_vector(parameters)
    approx = numerical_gradients(cost_function, parameters, epsilon)
    return relative_difference(grads_to_vector(grads, layout), grads_to_vector(approx, layout))
