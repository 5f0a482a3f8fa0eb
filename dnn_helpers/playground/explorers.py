"""The numbers behind the small explorers of notebooks 01, 02 and 05 (pure numpy; ``widgets`` draws them).

    activation_curves(name)            notebook 02: g(z) and g'(z) of an activation from the package's steps
    layer_activations(depth, width)    notebook 01: each layer's activations at initialization
    logistic_problem, cost_surface,    notebook 05: gradient descent on a 2-parameter logistic regression,
    descend, descent_verdict           its cost surface and a verdict on the cost curve
"""

import numpy as np

from ..activations import ACTIVATION_FUNCTIONS
from ..backward import L_model_backward, linear_activation_backward
from ..cost import clip_probabilities, compute_cost
from ..forward import L_model_forward, linear_activation_forward
from ..initialization import INITIALIZATION_METHODS, initialize_parameters_deep
from ..output_layer import output_layer_for
from ..update import update_parameters
from ..validation import check_activation, check_count, check_positive

ACTIVATION_NAMES = tuple(ACTIVATION_FUNCTIONS)  # the names of the package's activation table, in its order: the choices
EXPLORED_INIT_METHODS = tuple(method for method in INITIALIZATION_METHODS if method != "zeros")  # zeros: nothing to see


def activation_curves(name, z_max=5.0, n=401):
    """z from -z_max to z_max, g(z) and g'(z) from the package's activation and its backward step.

    name: an activation of ``activations.ACTIVATIONS``; z_max: a number in (0, 1000]; n: 2 to 100,000 points.
    """
    check_activation(name, "name")
    z_max = check_positive(z_max, "z_max")
    if z_max > 1000:
        raise ValueError(f"z_max, the half-width of the range of z, must be at most 1000 (5 shows every activation's "
                         f"shape); got {z_max}")
    n = check_count(n, "n, the number of points,", minimum=2)
    if n > 100_000:
        raise ValueError(f"n, the number of points, must be at most 100,000; got {n:,}")
    z = np.linspace(-z_max, z_max, n)
    # one unit with w = 1, b = 0, so that Z = z; backward with dA = 1 gives dA_prev = w dZ = g'(z)
    g, cache = linear_activation_forward(z.reshape(1, -1), np.ones((1, 1)), np.zeros((1, 1)), name)
    dg, _, _ = linear_activation_backward(np.ones((1, n)), cache, name)
    return {"z": z, "g": g.ravel(), "dg": dg.ravel()}


def layer_activations(depth=5, width=100, method="xavier", activation="tanh", m=500, seed=1):
    """Push m standard-normal inputs (width, m) through ``depth`` layers of ``width`` units.

    Returns the list of each layer's activations A[1], ..., A[depth], each (width, m). depth: 1 to 100 layers;
    width: 1 to 2000 units; m: 1 to 100,000 inputs (initialization and activation are checked by their steps).
    """
    for value, name, largest in ((depth, "depth", 100), (width, "width", 2000), (m, "m", 100_000)):
        if check_count(value, name, minimum=1) > largest:
            raise ValueError(f"{name} must be a whole number from 1 to {largest:,}; got {value:,}")
    parameters = initialize_parameters_deep([width] * (depth + 1), seed=seed, method=method)
    A = np.random.default_rng(seed + 1).standard_normal((width, m))
    layers = []
    for l in range(1, depth + 1):
        A, _ = linear_activation_forward(A, parameters[f"W{l}"], parameters[f"b{l}"], activation)
        layers.append(A)
    return layers


def logistic_problem(m=100, seed=0):
    """One feature x (1, m) and labels y (1, m): class 0 around x = 0.5, class 1 around x = 2.5.

    Logistic regression a = sigmoid(w x + b) has two parameters, so its cost is a surface over (w, b);
    x is not centred, so the surface is a long tilted valley (the minimum is near w = 2.1, b = -3.2).
    """
    y = (np.arange(m) >= m // 2).astype(np.int64).reshape(1, -1)
    x = np.random.default_rng(seed).standard_normal((1, m)) + np.where(y == 1, 2.5, 0.5)
    return x, y


def cost_surface(x, y, w_values, b_values):
    """J(w, b) on the grid: (len(b_values), len(w_values)), the cross-entropy of compute_cost, vectorised."""
    J = np.empty((len(b_values), len(w_values)))
    for i, b in enumerate(b_values):
        A, _ = output_layer_for(1).forward(np.outer(w_values, x) + b)  # (len(w_values), m): a row per w
        P = clip_probabilities(A)
        J[i] = -(y * np.log(P) + (1 - y) * np.log(1 - P)).mean(axis=1)
    return J


def descend(x, y, learning_rate, iterations, start=(-2.0, 4.0)):
    """Gradient descent on logistic regression with the course's own steps (a 1-layer network).

    Returns the path (iterations + 1, 2) of (w, b), start first, and the cost at each point (iterations + 1,).
    """
    learning_rate = check_positive(learning_rate, "learning_rate")
    if check_count(iterations, "iterations") > 100_000:
        raise ValueError(f"iterations must be a whole number from 0 to 100,000; got {iterations:,}")
    parameters = {"W1": np.array([[start[0]]]), "b1": np.array([[start[1]]])}
    path, costs = [], []
    for i in range(iterations + 1):
        AL, caches = L_model_forward(x, parameters)
        costs.append(compute_cost(AL, y))
        path.append((parameters["W1"][0, 0], parameters["b1"][0, 0]))
        if i < iterations:
            parameters = update_parameters(parameters, L_model_backward(AL, y, caches), learning_rate)
    return np.array(path), np.array(costs)


def descent_verdict(costs, best=0.36):
    """One phrase for a cost curve: diverging, oscillating, slow or converging (best: the minimum cost)."""
    costs = np.asarray(costs)
    if len(costs) < 2:
        return "no steps yet: add iterations"
    if costs[-1] > costs[0]:
        return "diverging: the cost went up; the learning rate is too large"
    if np.any(np.diff(costs) > 1e-12):
        return "oscillating: the cost went up on some steps; the learning rate is near its limit"
    if costs[-1] - best > 0.5 * (costs[0] - best):
        return "slow: less than halfway down; try a larger learning rate or more iterations"
    return "converging: the cost falls at every step"
