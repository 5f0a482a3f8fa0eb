"""The catalogue of dh.check for notebook 06_training_loop: two_layer_model, L_layer_model.

(How a catalogue is written: ``engine.exercise`` and ``engine.mistake``.)
"""

import numpy as np

from ..cost import compute_cost
from ..initialization import initialize_parameters, initialize_parameters_deep
from .backward import plain_backward
from .engine import Case, exercise, explain_training, mistake
from .forward import plain_forward
from .inputs import ACTIVATION_OF, DERIVATIVE_OF, seeded_rng, sigmoid_np

NOTEBOOK = "06"

# --- 06: training loops -------------------------------------------------------------------------------------------


def training_data(n_x, m, seed):
    r = seeded_rng(seed)
    X = r.standard_normal((n_x, m))
    Y = (X[0:1] * X[1:2] + 0.3 * r.standard_normal((1, m)) > 0).astype(np.int64)
    return X, Y


@exercise("two_layer_model", outputs=("parameters", "costs"), float32=False, explain=explain_training,
          covers="parameters and every cost after 25 and 40 iterations")
def _two_layer_cases():
    X, Y = training_data(2, 12, 50)
    X2, Y2 = training_data(3, 1, 51)
    return [Case({"X": X, "Y": Y, "layers_dims": (2, 5, 1), "learning_rate": 0.5, "num_iterations": 25}, m=12),
            Case({"X": X2, "Y": Y2, "layers_dims": (3, 2, 1), "learning_rate": 0.1, "num_iterations": 40}, m=1)]


def _two_layer_variant(X, Y, layers_dims, learning_rate=0.0075, num_iterations=3000, seed=1, sign=1, hidden="relu",
                       every=1, update=True, ascend=False, skip_derivative=False, cost_after=False, twice=False):
    parameters = initialize_parameters(*layers_dims, seed=seed)
    costs = []
    m = X.shape[1]
    for i in range(num_iterations):
        W1, b1, W2, b2 = (parameters[k] for k in ("W1", "b1", "W2", "b2"))
        Z1 = W1 @ X + b1
        A1 = ACTIVATION_OF[hidden](Z1)
        A2 = sigmoid_np(W2 @ A1 + b2)
        cost = compute_cost(A2, Y)
        dZ2 = (A2 - Y) * sign * (A2 * (1 - A2) if twice else 1)
        dW2, db2 = dZ2 @ A1.T / m, dZ2.sum(axis=1, keepdims=True) / m
        dZ1 = (W2.T @ dZ2) * (1 if skip_derivative else DERIVATIVE_OF[hidden](Z1))
        dW1, db1 = dZ1 @ X.T / m, dZ1.sum(axis=1, keepdims=True) / m
        step = -learning_rate if not ascend else learning_rate
        if update:
            parameters = {"W1": W1 + step * dW1, "b1": b1 + step * db1, "W2": W2 + step * dW2, "b2": b2 + step * db2}
        if cost_after:
            A1_after = ACTIVATION_OF[hidden](parameters["W1"] @ X + parameters["b1"])
            cost = compute_cost(sigmoid_np(parameters["W2"] @ A1_after + parameters["b2"]), Y)
        if i % every == 0:
            costs.append(cost)
    return parameters, costs


TWO_LAYER_MISTAKES = [   # (name, what the loop does otherwise: _two_layer_variant's options, sentence)
    ("A2_minus_Y_through_sigmoid_backward", {"twice": True},
     "A2 - Y is already dZ2: passing it through the sigmoid's backward multiplies by σ'(Z2) twice; use dZ2 = A2 - Y "
     "directly, or start from dA2 = -(Y / A2 - (1 - Y) / (1 - A2))"),
    ("relu_derivative_skipped", {"skip_derivative": True},
     "the hidden layer's backward step skips ReLU's derivative: dZ1 = dA1 * g'(Z1), "
     "linear_activation_backward(dA1, cache1, 'relu')"),
    ("cost_recorded_after_update", {"cost_after": True},
     "costs[i] is the cost of the forward pass of iteration i, before its update: append the cost you computed "
     "from A2"),
    ("update_result_discarded", {"update": False},
     "the parameters never change: keep the result, parameters = update_parameters(parameters, grads, learning_rate)"),
    ("dZ2_sign_flipped", {"sign": -1}, "dZ2 = A2 - Y, not Y - A2: with the sign flipped every step climbs the cost"),
    ("hidden_layer_uses_sigmoid", {"hidden": "sigmoid"},
     "the hidden layer is LINEAR -> RELU: use 'relu' for layer 1 (forward and backward), the sigmoid only for layer 2"),
    ("learning_rate_ignored", {"learning_rate": 0.0075},
     "learning_rate is ignored: pass the function's learning_rate to update_parameters (not a fixed number)"),
    ("cost_recorded_every_100_iterations", {"every": 100},
     "costs must hold the cost of every iteration (append it inside the loop each time), not only every 100th"),
]
for _called, _options, _sentence in TWO_LAYER_MISTAKES:
    mistake("two_layer_model", _sentence, called=_called)(
        lambda X, Y, layers_dims, learning_rate=0.0075, num_iterations=3000, print_cost=False, *, seed=1,
        options=_options: _two_layer_variant(X, Y, layers_dims, **{"learning_rate": learning_rate, "seed": seed,
                                                                   "num_iterations": num_iterations, **options}))


@exercise("L_layer_model", outputs=("parameters", "costs"), float32=False, explain=explain_training,
          covers="parameters and every cost after 20 and 30 iterations")
def _L_layer_cases():
    X, Y = training_data(2, 12, 52)
    X2, Y2 = training_data(3, 1, 53)
    return [Case({"X": X, "Y": Y, "layers_dims": [2, 4, 3, 1], "learning_rate": 0.3, "num_iterations": 20}, m=12),
            Case({"X": X2, "Y": Y2, "layers_dims": [3, 2, 1], "learning_rate": 0.1, "num_iterations": 30}, m=1)]


def _L_layer_variant(X, Y, layers_dims, learning_rate=0.0075, num_iterations=3000, method="xavier", update=True,
                     every=1, sign=1, hidden="relu"):
    parameters = initialize_parameters_deep(layers_dims, seed=1, method=method)
    costs = []
    for i in range(num_iterations):
        AL, caches = plain_forward(X, parameters, hidden)
        cost = compute_cost(AL, Y)
        grads = plain_backward(AL, Y, caches, hidden, dAL=-(Y / AL - (1 - Y) / (1 - AL)) * sign)
        if update:
            parameters = {key: value - learning_rate * grads["d" + key] for key, value in parameters.items()}
        if i % every == 0:
            costs.append(cost)
    return parameters, costs


XAVIER = ("the course starts from xavier weights here (initialization='xavier', N(0, 1) / sqrt(n[l-1])): pass "
          "method=initialization to initialize_parameters_deep")
L_LAYER_MISTAKES = [   # (name, what the loop does otherwise: _L_layer_variant's options, sentence)
    ("deep_hidden_layers_use_sigmoid", {"hidden": "sigmoid"},
     "the hidden layers are LINEAR -> RELU (the sigmoid is only for the output layer), in the forward and in the "
     "backward pass"),
    ("deep_update_result_discarded", {"update": False},
     "the parameters never change: keep the result, parameters = update_parameters(parameters, grads, learning_rate)"),
    ("deep_small_random_weights", {"method": "small"}, XAVIER),
    ("deep_learning_rate_ignored", {"learning_rate": 0.0075},
     "learning_rate is ignored: pass the function's learning_rate to update_parameters (not a fixed number)"),
    ("deep_he_weights", {"method": "he"}, XAVIER),
    ("deep_cost_recorded_every_100_iterations", {"every": 100},
     "costs must hold the cost of every iteration (append it inside the loop each time), not only every 100th"),
    ("deep_dAL_sign_flipped", {"sign": -1},
     "the gradients have the wrong sign, so every step climbs the cost: dAL = -(Y / AL - (1 - Y) / (1 - AL))"),
]
for _called, _options, _sentence in L_LAYER_MISTAKES:
    mistake("L_layer_model", _sentence, called=_called)(
        lambda X, Y, layers_dims, learning_rate=0.0075, num_iterations=3000, print_cost=False, options=_options:
        _L_layer_variant(X, Y, layers_dims, **{"learning_rate": learning_rate, "num_iterations": num_iterations,
                                               **options}))
