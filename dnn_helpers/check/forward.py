"""The catalogue of dh.check for notebook 02_forward_propagation: sigmoid, relu, tanh, linear_forward,
linear_activation_forward, L_model_forward.

(How a catalogue is written: ``engine.exercise`` and ``engine.mistake``.)
"""

import numpy as np

from .engine import Case, exercise, mistake
from .inputs import ACTIVATION_OF, ARCHITECTURES, seeded_rng, network, relu_np, sigmoid_np

NOTEBOOK = "02"

# --- 02: activations ------------------------------------------------------------------------------------------------

EDGE = np.array([[-1000.0, -30.0, -1.0, 0.0, 1.0, 30.0, 1000.0]])


def activation_cases(seed):
    r = seeded_rng(seed)
    return [Case({"Z": r.standard_normal((3, 4)) * 3}), Case({"Z": r.standard_normal((1, 1))}),
            Case({"Z": np.array([[-2.0, 0.0, 0.5], [0.0, -0.1, 3.0]])}, label="Z exactly 0"),
            Case({"Z": EDGE.copy()}, label="Z = ±1000"),
            Case({"Z": EDGE.astype(np.float32)}, label="Z = ±1000, float32")]


@exercise("sigmoid", outputs=("A", "Z"), covers="Z = ±1000 without overflow, float32, Z unchanged")
def _sigmoid_cases():
    return activation_cases(10)


@mistake("sigmoid", "np.exp(-Z) overflows at Z = -1000 (np.exp(1000) is inf, with a RuntimeWarning): use the "
                    "stable form that only ever takes exp of -|Z|: 1 / (1 + e^-Z) for Z >= 0, e^Z / (1 + e^Z) for "
                    "Z < 0 (np.where computes both branches everywhere, so take E = np.exp(-np.abs(Z)) first)")
def exp_of_minus_Z_overflows(Z):
    return 1 / (1 + np.exp(-Z)), Z


@mistake("sigmoid", "np.exp(Z) / (1 + np.exp(Z)) overflows at Z = 1000 (inf / inf = NaN): use the stable form that "
                    "only takes exp of -|Z|: 1 / (1 + e^-Z) for Z >= 0, e^Z / (1 + e^Z) for Z < 0")
def exp_Z_over_1_plus_exp_Z_overflows(Z):
    return np.exp(Z) / (1 + np.exp(Z)), Z


@mistake("sigmoid", "this is σ(-Z): the sigmoid is 1 / (1 + e^-Z), with a minus sign in the exponent")
def sigmoid_of_minus_Z(Z):
    return sigmoid_np(-Z), Z


@mistake("sigmoid", "1 / 1 + np.exp(-Z) is 1 + e^-Z (division comes first): write 1 / (1 + np.exp(-Z)), "
                    "in the stable form")
def parentheses_missing_around_denominator(Z):
    return 1 / 1 + np.exp(-Z), Z


@mistake("sigmoid", "the cache must be Z, the input, not A: the backward step takes the derivative at Z")
def sigmoid_caches_A_not_Z(Z):
    A = sigmoid_np(Z)
    return A, A


@exercise("relu", outputs=("A", "Z"), covers="Z exactly 0, float32, Z unchanged")
def _relu_cases():
    return activation_cases(11)


@mistake("relu", "np.max(Z, 0) is the largest value of each column (axis 0): ReLU is elementwise, np.maximum(0, Z)")
def np_max_instead_of_np_maximum(Z):
    return np.max(Z, 0), Z


@mistake("relu", "Z[Z < 0] = 0 changes the caller's Z (and the cache) in place: build a new array, "
                 "np.maximum(0, Z)")
def Z_zeroed_in_place(Z):
    Z[Z < 0] = 0
    return Z, Z


@mistake("relu", "Python's max compares whole arrays (and fails): use np.maximum(0, Z), which works elementwise")
def python_max_on_arrays(Z):
    return max(0, Z), Z


@mistake("relu", "np.max(0, Z) takes the largest value of 0 along an axis; ReLU is elementwise: np.maximum(0, Z)")
def np_max_of_0_along_Z(Z):
    return np.max(0, Z), Z


@mistake("relu", "ReLU sets the negative values to 0; np.abs flips their sign instead: use np.maximum(0, Z)")
def absolute_value_instead_of_relu(Z):
    return np.abs(Z), Z


@mistake("relu", "this is ReLU's derivative (1 where Z > 0, else 0); ReLU itself keeps the value: np.maximum(0, Z)")
def relu_derivative_instead_of_relu(Z):
    return (Z > 0).astype(Z.dtype), Z


@mistake("relu", "np.minimum keeps the negative part; ReLU keeps the positive part: np.maximum(0, Z)")
def np_minimum_instead_of_np_maximum(Z):
    return np.minimum(Z, 0), Z


@mistake("relu", "this is a leaky ReLU (0.01 Z for Z < 0); the course's ReLU is exactly 0 there: np.maximum(0, Z)")
def leaky_relu_instead_of_relu(Z):
    return np.maximum(Z, 0.01 * Z), Z


@mistake("relu", "the cache must be Z, the input, not A: the backward step needs the sign of Z")
def relu_caches_A_not_Z(Z):
    A = np.maximum(Z, 0)
    return A, A


@exercise("tanh", outputs=("A", "Z"), covers="Z = ±1000, float32, Z unchanged")
def _tanh_cases():
    return activation_cases(12)


@mistake("tanh", "(e^Z - e^-Z) / (e^Z + e^-Z) overflows for large |Z| (inf / inf = NaN): use np.tanh(Z)")
def tanh_from_exponentials_overflows(Z):
    return (np.exp(Z) - np.exp(-Z)) / (np.exp(Z) + np.exp(-Z)), Z


@mistake("tanh", "this is the sigmoid, in (0, 1); tanh is in (-1, 1): np.tanh(Z) (= 2σ(2Z) - 1)")
def sigmoid_instead_of_tanh(Z):
    return sigmoid_np(Z), Z


@mistake("tanh", "2σ(Z) - 1 is tanh(Z / 2): tanh(Z) = 2σ(2Z) - 1, or simply np.tanh(Z)")
def two_sigmoid_minus_1_is_tanh_of_half_Z(Z):
    return 2 * sigmoid_np(Z) - 1, Z


@mistake("tanh", "(e^Z - e^-Z) / 2 is sinh; tanh divides by (e^Z + e^-Z): use np.tanh(Z)")
def sinh_instead_of_tanh(Z):
    with np.errstate(over="ignore"):
        return np.sinh(Z), Z


@mistake("tanh", "the cache must be Z, the input, not A: the backward step takes the derivative at Z")
def tanh_caches_A_not_Z(Z):
    A = np.tanh(Z)
    return A, A


# --- 02: forward propagation ----------------------------------------------------------------------------------------


def linear_cases(seed):
    r = seeded_rng(seed)
    cases = []
    for n, n_prev, m in [(3, 4, 5), (2, 6, 3), (1, 1, 1), (4, 2, 1)]:
        cases.append(Case({"A": r.standard_normal((n_prev, m)), "W": r.standard_normal((n, n_prev)),
                           "b": r.standard_normal((n, 1))}, m=m))
    return cases


@exercise("linear_forward", outputs=("Z", "cache"), parts={"cache": ("A", "W", "b")},
          covers="m = 1, float32, inputs unchanged")
def _linear_forward_cases():
    return linear_cases(20)


@mistake("linear_forward", "W * A multiplies elementwise (and needs equal shapes): Z = W A is a matrix product, "
                           "W @ A or np.dot(W, A)")
def elementwise_product_instead_of_matrix_product(A, W, b):
    Z = W * A + b
    return Z, (A, W, b)


@mistake("linear_forward", "Z = W A + b: the bias b is missing")
def bias_missing(A, W, b):
    return W @ A, (A, W, b)


@mistake("linear_forward", "Z = W A + b: b is subtracted instead of added")
def bias_subtracted(A, W, b):
    return W @ A - b, (A, W, b)


@mistake("linear_forward", "the cache must be (A, W, b) in this order: linear_backward unpacks A_prev, W, b = cache")
def cache_in_wrong_order(A, W, b):
    return W @ A + b, (W, A, b)


@mistake("linear_forward", "the cache must hold all three of (A, W, b): linear_backward needs A for dW "
                           "and W for dA_prev")
def cache_missing_an_input(A, W, b):
    return W @ A + b, (A, W)


@mistake("linear_forward", "the cache must be the inputs (A, W, b), not Z: the backward step needs A and W")
def cache_holds_Z_not_inputs(A, W, b):
    Z = W @ A + b
    return Z, (Z, W, b)


def layer_cases(seed):
    r = seeded_rng(seed)
    cases = []
    for (n, n_prev, m), activation in zip([(3, 4, 5), (2, 6, 3), (1, 1, 1), (3, 2, 4), (2, 3, 1), (4, 3, 2)],
                                          ["relu", "sigmoid", "relu", "tanh", "sigmoid", "relu"], strict=False):
        cases.append(Case({"A_prev": r.standard_normal((n_prev, m)), "W": r.standard_normal((n, n_prev)),
                           "b": r.standard_normal((n, 1)), "activation": activation}, m=m))
    return cases


@exercise("linear_activation_forward", outputs=("A", "cache"),
          parts={"cache": ("linear_cache", "Z"), "linear_cache": ("A_prev", "W", "b")},
          covers="relu, sigmoid and tanh, m = 1, float32, inputs unchanged")
def _linear_activation_forward_cases():
    return layer_cases(21)


@mistake("linear_activation_forward", "the activations are swapped: 'relu' must apply ReLU and 'sigmoid' the sigmoid")
def relu_and_sigmoid_swapped(A_prev, W, b, activation):
    Z = W @ A_prev + b
    g = {"relu": sigmoid_np, "sigmoid": relu_np, "tanh": np.tanh}[activation]
    return g(Z), ((A_prev, W, b), Z)


TANH_FORWARD = ("activation = 'tanh' falls into another branch: apply np.tanh when it is 'tanh' "
                "(one branch per activation, or a dict of the three functions)")


def forward_with_tanh_as(A_prev, W, b, activation, tanh_as):
    Z = W @ A_prev + b
    g = {"relu": relu_np, "sigmoid": sigmoid_np, "tanh": tanh_as}[activation]
    return g(Z), ((A_prev, W, b), Z)


@mistake("linear_activation_forward", TANH_FORWARD)
def tanh_computed_as_relu(A_prev, W, b, activation):
    return forward_with_tanh_as(A_prev, W, b, activation, relu_np)


@mistake("linear_activation_forward", TANH_FORWARD)
def tanh_computed_as_sigmoid(A_prev, W, b, activation):
    return forward_with_tanh_as(A_prev, W, b, activation, sigmoid_np)


@mistake("linear_activation_forward", "activation is ignored: apply the function it names (ReLU, sigmoid or tanh)")
def activation_ignored_always_relu(A_prev, W, b, activation):
    Z = W @ A_prev + b
    return relu_np(Z), ((A_prev, W, b), Z)


@mistake("linear_activation_forward", "A is Z: the activation g(Z) is not applied")
def activation_not_applied(A_prev, W, b, activation):
    Z = W @ A_prev + b
    return Z, ((A_prev, W, b), Z)


@mistake("linear_activation_forward", "the activation cache must be Z, not A: the backward step takes g'(Z)")
def activation_cache_holds_A_not_Z(A_prev, W, b, activation):
    Z = W @ A_prev + b
    A = ACTIVATION_OF[activation](Z)
    return A, ((A_prev, W, b), A)


@mistake("linear_activation_forward", "the cache must be (linear_cache, activation_cache), in this order")
def caches_in_wrong_order(A_prev, W, b, activation):
    Z = W @ A_prev + b
    return ACTIVATION_OF[activation](Z), (Z, (A_prev, W, b))


@mistake("linear_activation_forward", "the cache must be nested, (linear_cache, Z) = ((A_prev, W, b), Z), "
                                      "not one flat tuple")
def cache_flat_not_nested(A_prev, W, b, activation):
    Z = W @ A_prev + b
    return ACTIVATION_OF[activation](Z), (A_prev, W, b, Z)


def forward_cases():
    cases = []
    for dims, m, seed in ARCHITECTURES:
        X, parameters = network(dims, m, seed)
        cases.append(Case({"X": X, "parameters": parameters}, m=m))
    X, parameters = network([3, 4, 2, 1], 4, 5)
    cases.append(Case({"X": X, "parameters": parameters}, {"hidden_activation": "tanh"}, m=4, label="tanh"))
    return cases


@exercise("L_model_forward", outputs=("AL", "caches"), covers="1 to 3 layers, m = 1, float32, inputs unchanged")
def _L_model_forward_cases():
    return forward_cases()


def plain_forward(X, parameters, hidden="relu", last="sigmoid", layers=None, keep_last_cache=True):
    L = len(parameters) // 2
    A, caches = X, []
    for l in range(1, (layers or L) + 1):
        W, b = parameters[f"W{l}"], parameters[f"b{l}"]
        Z = W @ A + b
        cache = ((A, W, b), Z)
        A = ACTIVATION_OF[last if l == L else hidden](Z)
        if l < L or keep_last_cache:
            caches.append(cache)
    return A, caches


@mistake("L_model_forward", "the output layer uses hidden_activation too: layer L is always LINEAR -> SIGMOID "
                            "(a probability in (0, 1)); only layers 1 to L-1 use hidden_activation")
def output_layer_uses_hidden_activation_too(X, parameters, hidden_activation="relu"):
    return plain_forward(X, parameters, hidden_activation, last=hidden_activation)


@mistake("L_model_forward", "the output layer must use the sigmoid (a probability in (0, 1)); "
                            "only the hidden layers use ReLU")
def output_layer_uses_relu(X, parameters, hidden_activation="relu"):
    return plain_forward(X, parameters, hidden_activation, last="relu")


@mistake("L_model_forward", "the hidden layers must use ReLU (hidden_activation); only the output layer "
                            "uses the sigmoid")
def hidden_layers_use_sigmoid(X, parameters, hidden_activation="relu"):
    return plain_forward(X, parameters, "sigmoid")


@mistake("L_model_forward", "hidden_activation is ignored: the hidden layers must use the activation it names "
                            "(ReLU by default, tanh when asked)")
def hidden_activation_ignored(X, parameters, hidden_activation="relu"):
    return plain_forward(X, parameters, "relu")


@mistake("L_model_forward", "the output layer is missing: loop over l = 1, ..., L (L = len(parameters) // 2), "
                            "the last one with the sigmoid")
def output_layer_missing(X, parameters, hidden_activation="relu"):
    L = len(parameters) // 2
    A, caches = X, []
    for l in range(1, L):
        W, b = parameters[f"W{l}"], parameters[f"b{l}"]
        Z = W @ A + b
        caches.append(((A, W, b), Z))
        A = ACTIVATION_OF[hidden_activation](Z)
    return A, caches


@mistake("L_model_forward", "the output layer's cache is missing: append a cache for each of the L layers")
def output_layer_cache_missing(X, parameters, hidden_activation="relu"):
    return plain_forward(X, parameters, hidden_activation, keep_last_cache=False)


@mistake("L_model_forward", "parameters holds two entries per layer (W and b): L = len(parameters) // 2")
def L_counted_as_len_parameters(X, parameters, hidden_activation="relu"):
    L = len(parameters)
    A = X
    for l in range(1, L + 1):
        A = parameters[f"W{l}"] @ A + parameters[f"b{l}"]
    return A, []
