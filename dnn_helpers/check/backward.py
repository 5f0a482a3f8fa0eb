"""The catalogue of typical mistakes for the step functions of notebooks 01-07, and the inputs each is checked on.

Each ``@exercise`` builds the fixed inputs of one function; each ``@mistake`` is a small wrong implementation
with the sentence a teacher would say when a learner's outputs match its outputs on every input. Mistakes are
tried in the order written here, so the specific ones come before the general ones.
"""

import numpy as np

from .cost import compute_cost
from .exercises import Case, compare, exercise, explain_grads, explain_training, mistake, run
from .forward import L_model_forward
from .initialization import initialize_parameters, initialize_parameters_deep

# --- inputs ---------------------------------------------------------------------------------------------------------


def gen(seed):
    return np.random.default_rng(seed)


def network(dims, m, seed):
    """X (n_x, m) and parameters with xavier weights and nonzero biases (so that a missing + b shows)."""
    r = gen(seed)
    X = r.standard_normal((dims[0], m))
    parameters = {}
    for l in range(1, len(dims)):
        parameters[f"W{l}"] = r.standard_normal((dims[l], dims[l - 1])) / np.sqrt(dims[l - 1])
        parameters[f"b{l}"] = r.normal(0, 0.5, (dims[l], 1))
    return X, parameters


def labels(m, seed):
    """0/1 labels (1, m) with both classes present when m > 1."""
    Y = gen(seed).integers(0, 2, (1, m))
    if m > 1:
        Y[0, 0], Y[0, 1] = 0, 1
    return Y


ARCHITECTURES = [([3, 4, 1], 5, 1), ([5, 4, 3, 1], 7, 2), ([2, 3, 1], 1, 3), ([4, 1], 6, 4)]


def sigmoid_np(Z):
    E = np.exp(-np.abs(Z))
    return np.where(Z >= 0, 1 / (1 + E), E / (1 + E))


def relu_np(Z):
    return np.maximum(Z, 0)


ACT = {"relu": relu_np, "sigmoid": sigmoid_np, "tanh": np.tanh}
DERIV = {"relu": lambda Z: (Z > 0).astype(Z.dtype), "sigmoid": lambda Z: sigmoid_np(Z) * (1 - sigmoid_np(Z)),
         "tanh": lambda Z: 1 - np.tanh(Z) ** 2}


# --- 01: initialization -------------------------------------------------------------------------------------------


def random_weights_check(function, cases, runs, references, deep):
    """Initialization drawn another valid way: shapes, zero biases, the 0.01 scale, same seed -> same numbers."""
    for index, (case, mine, ref) in enumerate(zip(cases, runs, references, strict=False), start=1):
        problem = compare(mine.output, ref.output)
        if problem is None:
            continue
        got, expected = mine.output, ref.output
        if not isinstance(got, dict):
            return f"returns a {type(got).__name__}; return a dict {{'W1': ..., 'b1': ..., ...}}"
        missing = [key for key in expected if key not in got]
        if missing:
            return f"the dict is missing {', '.join(map(repr, missing))} (case {index}, {case.describe()})"
        extra = [key for key in got if key not in expected]
        if extra:
            return f"the dict has unexpected key(s) {', '.join(map(repr, extra))}; expected {list(expected)}"
        for key, value in expected.items():
            value_got = np.asarray(got[key])
            if value_got.shape != value.shape:
                if value_got.shape == value.shape[::-1]:
                    return (f"{key} has shape {value_got.shape}, expected {value.shape}: "
                            f"W[l] is (n[l], n[l-1]), b[l] is (n[l], 1)")
                return f"{key} has shape {value_got.shape}, expected {value.shape} ({case.describe()})"
            if key.startswith("b") and np.any(value_got != 0):
                return f"{key} is not zero: biases start at zero (the random weights already break the symmetry)"
        weights = np.concatenate([np.ravel(got[key]) for key in expected if key.startswith("W")])
        if not np.any(weights):
            return ("the weights are all zero: every unit of a layer would compute the same thing forever; "
                    "draw them at random (rng.standard_normal(shape) * 0.01)")
        if weights.size >= 200:
            std = float(np.std(weights))
            if not 0.008 < std < 0.012:
                return (f"the weights have standard deviation {std:.3g}, expected 0.01: small random numbers, "
                        f"rng.standard_normal(shape) * 0.01")
            if abs(float(np.mean(weights))) > 0.002:
                return (f"the weights have mean {float(np.mean(weights)):.3g}, expected about 0: draw from a "
                        f"normal distribution centered at 0 (standard_normal, not random)")
        again = run(function, case)
        if compare(again.output, got) is not None:
            return ("two calls with the same seed give different weights: draw from rng = "
                    "np.random.default_rng(seed), not from np.random's global state")
    return None


@exercise("initialize_parameters", outputs=("parameters",), float32=False,
          covers="shapes, zero biases, scale 0.01, same seed -> same numbers",
          random=lambda f, c, r, refs: random_weights_check(f, c, r, refs, deep=False))
def _init_cases():
    return [Case({"n_x": 3, "n_h": 4, "n_y": 1}, {"seed": 1}), Case({"n_x": 1, "n_h": 1, "n_y": 1}, {"seed": 2}),
            Case({"n_x": 5, "n_h": 2, "n_y": 3}, {"seed": 7}), Case({"n_x": 40, "n_h": 30, "n_y": 1}, {"seed": 3})]


def _as_two_layer(init_deep):
    def init(n_x, n_h, n_y, seed=1):
        return init_deep([n_x, n_h, n_y], seed)
    return init


def _deep_small(scale=0.01, zero_b=True, transpose=False, fresh_rng=False, skip_last=False):
    def init(layer_dims, seed=1):
        rng = np.random.default_rng(seed)
        parameters = {}
        L = len(layer_dims) - 1
        for l in range(1, L if skip_last else L + 1):
            if fresh_rng:
                rng = np.random.default_rng(seed)
            shape = (layer_dims[l], layer_dims[l - 1])
            W = rng.standard_normal(shape[::-1] if transpose else shape) * scale
            parameters[f"W{l}"] = W
            b_shape = (layer_dims[l], 1)
            parameters[f"b{l}"] = np.zeros(b_shape) if zero_b else rng.standard_normal(b_shape) * scale
        return parameters
    return init


INIT_MISTAKES = [
    (_deep_small(scale=0.0),
     "the weights are all zero: every unit of a layer would compute the same thing forever; "
     "draw them at random, rng.standard_normal(shape) * 0.01"),
    (_deep_small(scale=1.0),
     "the weights are 100 times too large: multiply the standard-normal draws by 0.01"),
    (_deep_small(transpose=True),
     "W[l] is transposed: it must be (n[l], n[l-1]), rows for this layer's units, columns for the inputs"),
    (_deep_small(zero_b=False),
     "the biases must start at zero (np.zeros((n[l], 1))): the random weights already break the symmetry"),
    (_deep_small(fresh_rng=True),
     "the generator is created again for every layer, so each layer starts the same stream of numbers: "
     "create rng = np.random.default_rng(seed) once, before the loop"),
    (_deep_small(skip_last=True),
     "the last layer is missing: loop over l = 1, ..., L with range(1, L + 1), where L = len(layer_dims) - 1"),
]
for _function, _sentence in INIT_MISTAKES:
    mistake("initialize_parameters", _sentence)(_as_two_layer(_function))


@exercise("initialize_parameters_deep", outputs=("parameters",), float32=False,
          covers="shapes, zero biases, scale 0.01, same seed -> same numbers",
          random=lambda f, c, r, refs: random_weights_check(f, c, r, refs, deep=True))
def _init_deep_cases():
    return [Case({"layer_dims": [3, 4, 1]}, {"seed": 1}), Case({"layer_dims": [5, 4, 3, 1]}, {"seed": 2}),
            Case({"layer_dims": [1, 1]}, {"seed": 3}), Case({"layer_dims": [30, 20, 10, 1]}, {"seed": 4})]


for _function, _sentence in INIT_MISTAKES:
    mistake("initialize_parameters_deep", _sentence)(_function)


@mistake("initialize_parameters_deep", "the loop misses layer 1: range(1, L + 1) starts at 1 and includes L")
def _(layer_dims, seed=1):
    rng = np.random.default_rng(seed)
    parameters = {}
    for l in range(2, len(layer_dims)):
        parameters[f"W{l}"] = rng.standard_normal((layer_dims[l], layer_dims[l - 1])) * 0.01
        parameters[f"b{l}"] = np.zeros((layer_dims[l], 1))
    return parameters


# --- 02: activations ------------------------------------------------------------------------------------------------

EDGE = np.array([[-1000.0, -30.0, -1.0, 0.0, 1.0, 30.0, 1000.0]])


def activation_cases(seed):
    r = gen(seed)
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
def _(Z):
    return 1 / (1 + np.exp(-Z)), Z


@mistake("sigmoid", "np.exp(Z) / (1 + np.exp(Z)) overflows at Z = 1000 (inf / inf = NaN): use the stable form that "
                    "only takes exp of -|Z|: 1 / (1 + e^-Z) for Z >= 0, e^Z / (1 + e^Z) for Z < 0")
def _(Z):
    return np.exp(Z) / (1 + np.exp(Z)), Z


@mistake("sigmoid", "this is σ(-Z): the sigmoid is 1 / (1 + e^-Z), with a minus sign in the exponent")
def _(Z):
    return sigmoid_np(-Z), Z


@mistake("sigmoid", "1 / 1 + np.exp(-Z) is 1 + e^-Z (division comes first): write 1 / (1 + np.exp(-Z)), "
                    "in the stable form")
def _(Z):
    return 1 / 1 + np.exp(-Z), Z


@mistake("sigmoid", "the cache must be Z, the input, not A: the backward step takes the derivative at Z")
def _(Z):
    A = sigmoid_np(Z)
    return A, A


@exercise("relu", outputs=("A", "Z"), covers="Z exactly 0, float32, Z unchanged")
def _relu_cases():
    return activation_cases(11)


@mistake("relu", "np.max(Z, 0) is the largest value of each column (axis 0): ReLU is elementwise, np.maximum(0, Z)")
def _(Z):
    return np.max(Z, 0), Z


@mistake("relu", "Z[Z < 0] = 0 changes the caller's Z (and the cache) in place: build a new array, "
                 "np.maximum(0, Z)")
def _(Z):
    Z[Z < 0] = 0
    return Z, Z


@mistake("relu", "Python's max compares whole arrays (and fails): use np.maximum(0, Z), which works elementwise")
def _(Z):
    return max(0, Z), Z


@mistake("relu", "np.max(0, Z) takes the largest value of 0 along an axis; ReLU is elementwise: np.maximum(0, Z)")
def _(Z):
    return np.max(0, Z), Z


@mistake("relu", "ReLU sets the negative values to 0; np.abs flips their sign instead: use np.maximum(0, Z)")
def _(Z):
    return np.abs(Z), Z


@mistake("relu", "this is ReLU's derivative (1 where Z > 0, else 0); ReLU itself keeps the value: np.maximum(0, Z)")
def _(Z):
    return (Z > 0).astype(Z.dtype), Z


@mistake("relu", "np.minimum keeps the negative part; ReLU keeps the positive part: np.maximum(0, Z)")
def _(Z):
    return np.minimum(Z, 0), Z


@mistake("relu", "this is a leaky ReLU (0.01 Z for Z < 0); the course's ReLU is exactly 0 there: np.maximum(0, Z)")
def _(Z):
    return np.maximum(Z, 0.01 * Z), Z


@mistake("relu", "the cache must be Z, the input, not A: the backward step needs the sign of Z")
def _(Z):
    A = np.maximum(Z, 0)
    return A, A


@exercise("tanh", outputs=("A", "Z"), covers="Z = ±1000, float32, Z unchanged")
def _tanh_cases():
    return activation_cases(12)


@mistake("tanh", "(e^Z - e^-Z) / (e^Z + e^-Z) overflows for large |Z| (inf / inf = NaN): use np.tanh(Z)")
def _(Z):
    return (np.exp(Z) - np.exp(-Z)) / (np.exp(Z) + np.exp(-Z)), Z


@mistake("tanh", "this is the sigmoid, in (0, 1); tanh is in (-1, 1): np.tanh(Z) (= 2σ(2Z) - 1)")
def _(Z):
    return sigmoid_np(Z), Z


@mistake("tanh", "2σ(Z) - 1 is tanh(Z / 2): tanh(Z) = 2σ(2Z) - 1, or simply np.tanh(Z)")
def _(Z):
    return 2 * sigmoid_np(Z) - 1, Z


@mistake("tanh", "(e^Z - e^-Z) / 2 is sinh; tanh divides by (e^Z + e^-Z): use np.tanh(Z)")
def _(Z):
    with np.errstate(over="ignore"):
        return np.sinh(Z), Z


@mistake("tanh", "the cache must be Z, the input, not A: the backward step takes the derivative at Z")
def _(Z):
    A = np.tanh(Z)
    return A, A


# --- 02: forward propagation ----------------------------------------------------------------------------------------


def linear_cases(seed):
    r = gen(seed)
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
def _(A, W, b):
    Z = W * A + b
    return Z, (A, W, b)


@mistake("linear_forward", "Z = W A + b: the bias b is missing")
def _(A, W, b):
    return W @ A, (A, W, b)


@mistake("linear_forward", "Z = W A + b: b is subtracted instead of added")
def _(A, W, b):
    return W @ A - b, (A, W, b)


@mistake("linear_forward", "the cache must be (A, W, b) in this order: linear_backward unpacks A_prev, W, b = cache")
def _(A, W, b):
    return W @ A + b, (W, A, b)


@mistake("linear_forward", "the cache must hold all three of (A, W, b): linear_backward needs A for dW "
                           "and W for dA_prev")
def _(A, W, b):
    return W @ A + b, (A, W)


@mistake("linear_forward", "the cache must be the inputs (A, W, b), not Z: the backward step needs A and W")
def _(A, W, b):
    Z = W @ A + b
    return Z, (Z, W, b)


def layer_cases(seed):
    r = gen(seed)
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
def _(A_prev, W, b, activation):
    Z = W @ A_prev + b
    g = {"relu": sigmoid_np, "sigmoid": relu_np, "tanh": np.tanh}[activation]
    return g(Z), ((A_prev, W, b), Z)


TANH_FORWARD = ("activation = 'tanh' falls into another branch: apply np.tanh when it is 'tanh' "
                "(one branch per activation, or a dict of the three functions)")
for _other in (relu_np, sigmoid_np):
    @mistake("linear_activation_forward", TANH_FORWARD)
    def _(A_prev, W, b, activation, other=_other):
        Z = W @ A_prev + b
        g = {"relu": relu_np, "sigmoid": sigmoid_np, "tanh": other}[activation]
        return g(Z), ((A_prev, W, b), Z)


@mistake("linear_activation_forward", "activation is ignored: apply the function it names (ReLU, sigmoid or tanh)")
def _(A_prev, W, b, activation):
    Z = W @ A_prev + b
    return relu_np(Z), ((A_prev, W, b), Z)


@mistake("linear_activation_forward", "A is Z: the activation g(Z) is not applied")
def _(A_prev, W, b, activation):
    Z = W @ A_prev + b
    return Z, ((A_prev, W, b), Z)


@mistake("linear_activation_forward", "the activation cache must be Z, not A: the backward step takes g'(Z)")
def _(A_prev, W, b, activation):
    Z = W @ A_prev + b
    A = ACT[activation](Z)
    return A, ((A_prev, W, b), A)


@mistake("linear_activation_forward", "the cache must be (linear_cache, activation_cache), in this order")
def _(A_prev, W, b, activation):
    Z = W @ A_prev + b
    return ACT[activation](Z), (Z, (A_prev, W, b))


@mistake("linear_activation_forward", "the cache must be nested, (linear_cache, Z) = ((A_prev, W, b), Z), "
                                      "not one flat tuple")
def _(A_prev, W, b, activation):
    Z = W @ A_prev + b
    return ACT[activation](Z), (A_prev, W, b, Z)


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


def _forward(X, parameters, hidden="relu", last="sigmoid", layers=None, keep_last_cache=True):
    L = len(parameters) // 2
    A, caches = X, []
    for l in range(1, (layers or L) + 1):
        W, b = parameters[f"W{l}"], parameters[f"b{l}"]
        Z = W @ A + b
        cache = ((A, W, b), Z)
        A = ACT[last if l == L else hidden](Z)
        if l < L or keep_last_cache:
            caches.append(cache)
    return A, caches


@mistake("L_model_forward", "the output layer uses hidden_activation too: layer L is always LINEAR -> SIGMOID "
                            "(a probability in (0, 1)); only layers 1 to L-1 use hidden_activation")
def _(X, parameters, hidden_activation="relu"):
    return _forward(X, parameters, hidden_activation, last=hidden_activation)


@mistake("L_model_forward", "the output layer must use the sigmoid (a probability in (0, 1)); "
                            "only the hidden layers use ReLU")
def _(X, parameters, hidden_activation="relu"):
    return _forward(X, parameters, hidden_activation, last="relu")


@mistake("L_model_forward", "the hidden layers must use ReLU (hidden_activation); only the output layer "
                            "uses the sigmoid")
def _(X, parameters, hidden_activation="relu"):
    return _forward(X, parameters, "sigmoid")


@mistake("L_model_forward", "hidden_activation is ignored: the hidden layers must use the activation it names "
                            "(ReLU by default, tanh when asked)")
def _(X, parameters, hidden_activation="relu"):
    return _forward(X, parameters, "relu")


@mistake("L_model_forward", "the output layer is missing: loop over l = 1, ..., L (L = len(parameters) // 2), "
                            "the last one with the sigmoid")
def _(X, parameters, hidden_activation="relu"):
    L = len(parameters) // 2
    A, caches = X, []
    for l in range(1, L):
        W, b = parameters[f"W{l}"], parameters[f"b{l}"]
        Z = W @ A + b
        caches.append(((A, W, b), Z))
        A = ACT[hidden_activation](Z)
    return A, caches


@mistake("L_model_forward", "the output layer's cache is missing: append a cache for each of the L layers")
def _(X, parameters, hidden_activation="relu"):
    return _forward(X, parameters, hidden_activation, keep_last_cache=False)


@mistake("L_model_forward", "parameters holds two entries per layer (W and b): L = len(parameters) // 2")
def _(X, parameters, hidden_activation="relu"):
    L = len(parameters)
    A = X
    for l in range(1, L + 1):
        A = parameters[f"W{l}"] @ A + parameters[f"b{l}"]
    return A, []


# --- 03: cost -----------------------------------------------------------------------------------------------------


def _big_finite(got, expected):
    return np.isfinite(float(np.asarray(got))) and float(np.asarray(got)) > 5 and np.ndim(got) == 0


def cost_cases():
    r = gen(30)
    cases = []
    for m in (4, 9, 1):
        Y = labels(m, 31 + m)
        cases.append(Case({"AL": r.uniform(0.05, 0.95, (1, m)), "Y": Y}, m=m))
    cases.append(Case({"AL": np.array([[0.8, 0.3, 0.6]]), "Y": np.array([[1.0, 0.0, 0.0]])}, m=3, label="float labels"))
    cases.append(Case({"AL": np.array([[0.0, 1.0, 0.2, 0.7]]), "Y": np.array([[0, 1, 0, 1]])}, m=4,
                      label="AL exactly 0 or 1, right", finite_only=True))
    cases.append(Case({"AL": np.array([[1.0, 0.0]]), "Y": np.array([[0, 1]])}, m=2, label="AL exactly 0 or 1, wrong",
                      loose=_big_finite, finite_only=True))
    return cases


@exercise("compute_cost", outputs=("cost",), covers="AL exactly 0 or 1, m = 1, float32, inputs unchanged")
def _compute_cost_cases():
    return cost_cases()


def _clip(AL):
    eps = np.finfo(AL.dtype).eps
    return np.clip(AL, eps, 1 - eps)


@mistake("compute_cost", "the cost is negative: J = -(1/m) Σ [y log a + (1 - y) log(1 - a)] starts with a minus sign")
def _(AL, Y):
    P = _clip(AL)
    return float(np.sum(Y * np.log(P) + (1 - Y) * np.log(1 - P)) / AL.shape[1])


@mistake("compute_cost", "the cost is m times too large: average over the m examples, divide the sum by m")
def _(AL, Y):
    P = _clip(AL)
    return float(-np.sum(Y * np.log(P) + (1 - Y) * np.log(1 - P)))


@mistake("compute_cost", "the (1 - y) log(1 - a) term is missing: examples with y = 0 must cost something too")
def _(AL, Y):
    P = _clip(AL)
    return float(-np.sum(Y * np.log(P)) / AL.shape[1])


@mistake("compute_cost", "log(0) at AL exactly 0 or 1 gives NaN or inf: clip AL into [eps, 1 - eps] first, "
                         "eps = np.finfo(AL.dtype).eps")
def _(AL, Y):
    return float(-np.sum(Y * np.log(AL) + (1 - Y) * np.log(1 - AL)) / AL.shape[1])


@mistake("compute_cost", "the second term is weighted by (1 - y): (1 - Y) log(1 - AL), so that examples with "
                         "y = 0 cost -log(1 - a)")
def _(AL, Y):
    P = _clip(AL)
    return float(-np.sum(Y * np.log(P) + Y * np.log(1 - P)) / AL.shape[1])


@mistake("compute_cost", "the second term is (1 - y) log(1 - a): the log of 1 - AL, the probability of class 0")
def _(AL, Y):
    P = _clip(AL)
    return float(-np.sum(Y * np.log(P) + (1 - Y) * np.log(P)) / AL.shape[1])


@mistake("compute_cost", "the cost is a (1, 1) array: return a plain number, float(cost.item()) or np.squeeze(cost)")
def _(AL, Y):
    P = _clip(AL)
    return -(Y @ np.log(P).T + (1 - Y) @ np.log(1 - P).T) / AL.shape[1]


@mistake("compute_cost", "log is taken of the wrong thing: it is y log(a) + (1 - y) log(1 - a), the log of the "
                         "predictions AL, weighted by the labels Y")
def _(AL, Y):
    P = _clip(AL)
    with np.errstate(all="ignore"):
        return float(-np.sum(P * np.log(Y) + (1 - P) * np.log(1 - Y)) / AL.shape[1])


# --- 04: backward ---------------------------------------------------------------------------------------------------


def backward_activation_cases(seed, big=False):
    r = gen(seed)
    cases = [Case({"dA": r.standard_normal((3, 4)), "Z": r.standard_normal((3, 4)) * 2}),
             Case({"dA": r.standard_normal((1, 1)), "Z": r.standard_normal((1, 1))}),
             Case({"dA": r.standard_normal((2, 3)), "Z": np.array([[-1.0, 0.0, 2.0], [0.0, 0.5, -0.5]])},
                  label="Z exactly 0")]
    if big:
        cases.append(Case({"dA": r.standard_normal((1, 7)), "Z": EDGE.copy()}, label="Z = ±1000"))
    return cases


@exercise("relu_backward", outputs=("dZ",), covers="Z exactly 0, m = 1, float32, inputs unchanged")
def _relu_backward_cases():
    return backward_activation_cases(40)


@mistake("relu_backward", "at Z = 0 the course takes ReLU's slope as 0: keep dA only where Z > 0 (not Z >= 0)")
def _(dA, Z):
    return np.where(Z >= 0, dA, 0)


@mistake("relu_backward", "dZ[Z <= 0] = 0 on dA itself changes the caller's dA in place: "
                          "start from a copy, dZ = np.array(dA, copy=True)")
def _(dA, Z):
    dA[Z <= 0] = 0
    return dA


@mistake("relu_backward", "the mask is reversed: keep dA where Z > 0 (the unit was active), set dZ to 0 where Z <= 0")
def _(dA, Z):
    return np.where(Z < 0, dA, 0)


@mistake("relu_backward", "the mask is reversed: keep dA where Z > 0 (the unit was active), set dZ to 0 where Z <= 0")
def _(dA, Z):
    return np.where(Z <= 0, dA, 0)


@mistake("relu_backward", "the mask must come from Z (where Z > 0), not from dA")
def _(dA, Z):
    return np.where(dA > 0, dA, 0)


@mistake("relu_backward", "this is g'(Z) alone: dZ = dA * g'(Z), multiply by dA")
def _(dA, Z):
    return (Z > 0).astype(dA.dtype)


@mistake("relu_backward", "dA is multiplied by ReLU(Z) itself; it must be multiplied by its slope, 1 where Z > 0 "
                          "and 0 elsewhere")
def _(dA, Z):
    return dA * np.maximum(Z, 0)


@exercise("sigmoid_backward", outputs=("dZ",), covers="Z = ±1000, m = 1, float32, inputs unchanged")
def _sigmoid_backward_cases():
    return backward_activation_cases(41, big=True)


@mistake("sigmoid_backward", "1 - s² is tanh's derivative; the sigmoid's is σ'(Z) = s (1 - s) with s = σ(Z)")
def _(dA, Z):
    s = sigmoid_np(Z)
    return dA * (1 - s ** 2)


@mistake("sigmoid_backward", "σ'(Z) = s (1 - s) with s = σ(Z): the factor (1 - s) is missing")
def _(dA, Z):
    return dA * sigmoid_np(Z)


@mistake("sigmoid_backward", "σ'(Z) = s (1 - s) with s = σ(Z), not Z (1 - Z): compute s = σ(Z) first")
def _(dA, Z):
    return dA * Z * (1 - Z)


@mistake("sigmoid_backward", "σ'(Z) = s (1 - s): one factor is s itself, not (1 - s)²")
def _(dA, Z):
    s = sigmoid_np(Z)
    return dA * (1 - s) * (1 - s)


@mistake("sigmoid_backward", "σ'(Z) = s (1 - s): s · s is not the derivative")
def _(dA, Z):
    s = sigmoid_np(Z)
    return dA * s * s


@mistake("sigmoid_backward", "this is σ'(Z) alone: dZ = dA * s (1 - s), multiply by dA")
def _(dA, Z):
    s = sigmoid_np(Z)
    return s * (1 - s)


@mistake("sigmoid_backward", "the sigmoid used here overflows at Z = -1000 (RuntimeWarning): compute s with the "
                             "stable sigmoid of notebook 02 (exp only of -|Z|)")
def _(dA, Z):
    s = 1 / (1 + np.exp(-Z))
    return dA * s * (1 - s)


@mistake("sigmoid_backward", "σ'(Z) = s (1 - s), with a minus sign: s (1 + s) is not the derivative")
def _(dA, Z):
    s = sigmoid_np(Z)
    return dA * s * (1 + s)


@exercise("tanh_backward", outputs=("dZ",), covers="Z = ±1000, m = 1, float32, inputs unchanged")
def _tanh_backward_cases():
    return backward_activation_cases(42, big=True)


@mistake("tanh_backward", "t (1 - t) is the sigmoid's derivative; tanh's is 1 - t² with t = np.tanh(Z)")
def _(dA, Z):
    t = np.tanh(Z)
    return dA * t * (1 - t)


@mistake("tanh_backward", "tanh'(Z) = 1 - tanh(Z)², not 1 - Z²: compute t = np.tanh(Z) first")
def _(dA, Z):
    return dA * (1 - Z ** 2)


@mistake("tanh_backward", "tanh'(Z) = 1 - tanh(Z)²: the square is missing")
def _(dA, Z):
    return dA * (1 - np.tanh(Z))


@mistake("tanh_backward", "tanh'(Z) = 1 - tanh(Z)²: square tanh(Z) first, then subtract it from 1 (not (1 - tanh(Z))²)")
def _(dA, Z):
    return dA * (1 - np.tanh(Z)) ** 2


@mistake("tanh_backward", "tanh'(Z) = 1 - tanh(Z)²: the '1 -' is missing")
def _(dA, Z):
    return dA * np.tanh(Z) ** 2


@mistake("tanh_backward", "this is tanh'(Z) alone: dZ = dA * (1 - tanh(Z)²), multiply by dA")
def _(dA, Z):
    return 1 - np.tanh(Z) ** 2


@mistake("tanh_backward", "tanh'(Z) = 1 - tanh(Z)², with a minus sign")
def _(dA, Z):
    return dA * (1 + np.tanh(Z) ** 2)


def linear_backward_cases(seed):
    r = gen(seed)
    cases = []
    for n, n_prev, m in [(3, 4, 5), (2, 6, 3), (4, 3, 1), (1, 2, 7)]:
        cache = (r.standard_normal((n_prev, m)), r.standard_normal((n, n_prev)), r.standard_normal((n, 1)))
        cases.append(Case({"dZ": r.standard_normal((n, m)), "cache": cache}, m=m))
    return cases


@exercise("linear_backward", outputs=("dA_prev", "dW", "db"), covers="m = 1, float32, inputs unchanged")
def _linear_backward_cases():
    return linear_backward_cases(43)


@mistake("linear_backward", "dW is m times too large: the cost averages over m examples, so divide dZ·A_prevᵀ by m")
def _(dZ, cache):
    A_prev, W, b = cache
    m = A_prev.shape[1]
    return W.T @ dZ, dZ @ A_prev.T, dZ.sum(axis=1, keepdims=True) / m


@mistake("linear_backward", "db is m times too large: the cost averages over m examples, so divide the row sums of "
                            "dZ by m")
def _(dZ, cache):
    A_prev, W, b = cache
    m = A_prev.shape[1]
    return W.T @ dZ, dZ @ A_prev.T / m, dZ.sum(axis=1, keepdims=True)


@mistake("linear_backward", "dA_prev = Wᵀ dZ is not divided by m: only dW and db average over the examples")
def _(dZ, cache):
    A_prev, W, b = cache
    m = A_prev.shape[1]
    return W.T @ dZ / m, dZ @ A_prev.T / m, dZ.sum(axis=1, keepdims=True) / m


@mistake("linear_backward", "db sums all of dZ into one number: sum each row, np.sum(dZ, axis=1, keepdims=True) / m")
def _(dZ, cache):
    A_prev, W, b = cache
    m = A_prev.shape[1]
    return W.T @ dZ, dZ @ A_prev.T / m, np.sum(dZ) / m


@mistake("linear_backward", "db has shape (n[l],) instead of (n[l], 1): keep the column with "
                            "np.sum(dZ, axis=1, keepdims=True)")
def _(dZ, cache):
    A_prev, W, b = cache
    m = A_prev.shape[1]
    return W.T @ dZ, dZ @ A_prev.T / m, dZ.sum(axis=1) / m


@mistake("linear_backward", "db sums over the wrong axis: sum over the examples (the columns), axis=1")
def _(dZ, cache):
    A_prev, W, b = cache
    m = A_prev.shape[1]
    return W.T @ dZ, dZ @ A_prev.T / m, dZ.sum(axis=0, keepdims=True) / m


@mistake("linear_backward", "m is the number of examples, the columns: m = A_prev.shape[1], not shape[0]")
def _(dZ, cache):
    A_prev, W, b = cache
    m = A_prev.shape[0]
    return W.T @ dZ, dZ @ A_prev.T / m, dZ.sum(axis=1, keepdims=True) / m


@mistake("linear_backward", "dW is transposed: dW = dZ·A_prevᵀ / m has the shape of W, (n[l], n[l-1])")
def _(dZ, cache):
    A_prev, W, b = cache
    m = A_prev.shape[1]
    return W.T @ dZ, A_prev @ dZ.T / m, dZ.sum(axis=1, keepdims=True) / m


def layer_backward_cases(seed):
    r = gen(seed)
    cases = []
    for (n, n_prev, m), activation in zip([(3, 4, 5), (2, 6, 3), (1, 2, 1), (3, 2, 4), (2, 3, 6), (1, 3, 1)],
                                          ["relu", "sigmoid", "relu", "tanh", "relu", "sigmoid"], strict=False):
        cache = ((r.standard_normal((n_prev, m)), r.standard_normal((n, n_prev)), r.standard_normal((n, 1))),
                 r.standard_normal((n, m)))
        cases.append(Case({"dA": r.standard_normal((n, m)), "cache": cache, "activation": activation}, m=m))
    return cases


@exercise("linear_activation_backward", outputs=("dA_prev", "dW", "db"),
          covers="relu, sigmoid and tanh, m = 1, float32, inputs unchanged")
def _linear_activation_backward_cases():
    return layer_backward_cases(44)


def _lb(dZ, cache):
    A_prev, W, b = cache
    m = A_prev.shape[1]
    return W.T @ dZ, dZ @ A_prev.T / m, dZ.sum(axis=1, keepdims=True) / m


@mistake("linear_activation_backward", "the activations are swapped: 'relu' must use relu_backward and 'sigmoid' "
                                       "sigmoid_backward")
def _(dA, cache, activation):
    linear_cache, Z = cache
    name = {"relu": "sigmoid", "sigmoid": "relu", "tanh": "tanh"}[activation]
    return _lb(dA * DERIV[name](Z), linear_cache)


@mistake("linear_activation_backward", "the activation's derivative is skipped: first dZ = g'-backward(dA, Z), "
                                       "then linear_backward(dZ, linear_cache)")
def _(dA, cache, activation):
    return _lb(dA, cache[0])


TANH_BACKWARD = ("activation = 'tanh' falls into another branch: use tanh_backward when it is 'tanh' "
                 "(one branch per activation, or a dict of the three functions)")
for _other in ("relu", "sigmoid"):
    @mistake("linear_activation_backward", TANH_BACKWARD)
    def _(dA, cache, activation, other=_other):
        linear_cache, Z = cache
        return _lb(dA * DERIV[other if activation == "tanh" else activation](Z), linear_cache)


@mistake("linear_activation_backward", "activation is ignored: use the backward function it names")
def _(dA, cache, activation):
    linear_cache, Z = cache
    return _lb(dA * DERIV["relu"](Z), linear_cache)


@mistake("linear_activation_backward", "the activation's backward takes (dA, Z) in that order: "
                                       "dZ = relu_backward(dA, Z), not relu_backward(Z, dA)")
def _(dA, cache, activation):
    linear_cache, Z = cache
    return _lb(Z * DERIV[activation](dA), linear_cache)


@mistake("linear_activation_backward", "dA_prev is the first output of linear_backward(dZ, linear_cache), "
                                       "W.T @ dZ: return it, not dZ")
def _(dA, cache, activation):
    linear_cache, Z = cache
    dZ = dA * DERIV[activation](Z)
    _, dW, db = _lb(dZ, linear_cache)
    return dZ, dW, db


@mistake("linear_activation_backward", "the derivative is taken at A = g(Z) instead of Z: the activation cache is Z")
def _(dA, cache, activation):
    linear_cache, Z = cache
    return _lb(dA * DERIV[activation](ACT[activation](Z)), linear_cache)


CLIP_SENTENCE = ("dAL = -(Y / AL - (1 - Y) / (1 - AL)) divides by zero where AL is exactly 0 or 1 (a saturated "
                 "sigmoid) and the gradients become NaN: clip first, P = np.clip(AL, eps, 1 - eps) with "
                 "eps = np.finfo(AL.dtype).eps, and use P in dAL")


def backward_cases():
    cases = []
    for dims, m, seed in ARCHITECTURES:
        X, parameters = network(dims, m, seed)
        AL, caches = L_model_forward(X, parameters)
        cases.append(Case({"AL": AL, "Y": labels(m, seed), "caches": caches}, m=m))
    X, parameters = network([3, 4, 2, 1], 4, 5)
    AL, caches = L_model_forward(X, parameters, "tanh")
    cases.append(Case({"AL": AL, "Y": labels(4, 5), "caches": caches}, {"hidden_activation": "tanh"}, m=4,
                      label="tanh"))
    cases.append(saturated_case())
    return cases


def saturated_case(forward=None):
    """A case whose AL is exactly 0 and exactly 1 (a saturated sigmoid, Y the opposite label in two columns).

    Where AL is exactly 0 or 1, σ'(Z) is 0, so a clipped dAL gives finite gradients whatever the clip (or AL - Y
    directly): any finite grads are right; NaN or inf (an unclipped 1 / AL) is wrong.
    """
    X, parameters = network([3, 4, 1], 6, 21)
    parameters["W2"] = parameters["W2"] * 2000
    AL, caches = (forward or L_model_forward)(X, parameters)
    return Case({"AL": AL, "Y": labels(6, 21), "caches": caches}, m=6, label="AL exactly 0 or 1",
                loose=finite_grads, finite_only=True)


def finite_grads(got, expected):
    if not isinstance(got, dict) or set(got) != set(expected):
        return False
    return all(np.shape(got[key]) == np.shape(value) and np.isfinite(np.asarray(got[key], dtype=float)).all()
               for key, value in expected.items())


@exercise("L_model_backward", outputs=("grads",), explain=explain_grads,
          covers="1 to 3 layers, AL exactly 0 or 1, m = 1, float32, inputs unchanged")
def _L_model_backward_cases():
    return backward_cases()


def _backward(AL, Y, caches, hidden="relu", dAL=None, last="sigmoid", shift=0, stop=0):
    L = len(caches)
    P = np.clip(AL, np.finfo(AL.dtype).eps, 1 - np.finfo(AL.dtype).eps)
    dA = -(Y / P - (1 - Y) / (1 - P)) if dAL is None else dAL
    grads = {}
    for l in range(L, stop, -1):
        linear_cache, Z = caches[l - 1]
        dZ = dA * DERIV[last if l == L else hidden](Z)
        dA, grads[f"dW{l}"], grads[f"db{l}"] = _lb(dZ, linear_cache)
        grads[f"dA{l - 1 + shift}"] = dA
    return grads


@mistake("L_model_backward", "AL - Y is already dZ[L]: passing it through sigmoid_backward multiplies by σ'(Z) twice; "
                             "start from dAL = -(Y / AL - (1 - Y) / (1 - AL)), or use dZ[L] = AL - Y directly")
def _(AL, Y, caches, hidden_activation="relu"):
    return _backward(AL, Y, caches, hidden_activation, dAL=AL - Y)


@mistake("L_model_backward", CLIP_SENTENCE)
def _(AL, Y, caches, hidden_activation="relu"):
    return _backward(AL, Y, caches, hidden_activation, dAL=-(Y / AL - (1 - Y) / (1 - AL)))


@mistake("L_model_backward", "the gradients have the wrong sign: dAL = -(Y / AL - (1 - Y) / (1 - AL)), "
                             "with the minus sign in front")
def _(AL, Y, caches, hidden_activation="relu"):
    P = _clip(AL)
    return _backward(AL, Y, caches, hidden_activation, dAL=Y / P - (1 - Y) / (1 - P))


@mistake("L_model_backward", "the output layer is LINEAR -> SIGMOID: use the sigmoid's backward for layer L "
                             "and ReLU's for the hidden layers")
def _(AL, Y, caches, hidden_activation="relu"):
    return _backward(AL, Y, caches, hidden_activation, last="relu")


@mistake("L_model_backward", "the hidden layers are LINEAR -> RELU: use relu_backward for layers 1 to L-1, "
                             "the sigmoid's only for layer L")
def _(AL, Y, caches, hidden_activation="relu"):
    return _backward(AL, Y, caches, "sigmoid")


@mistake("L_model_backward", "hidden_activation is ignored: the hidden layers' backward must use the activation it "
                             "names (relu_backward by default, tanh_backward when asked)")
def _(AL, Y, caches, hidden_activation="relu"):
    return _backward(AL, Y, caches, "relu")


@mistake("L_model_backward", "dA_prev belongs to the layer below: store it as grads['dA' + str(l - 1)] "
                             "(dA0, ..., dA{L-1})")
def _(AL, Y, caches, hidden_activation="relu"):
    return _backward(AL, Y, caches, hidden_activation, shift=1)


@mistake("L_model_backward", "layer 1 is missing: the loop must go down to l = 1, range(L, 0, -1)")
def _(AL, Y, caches, hidden_activation="relu"):
    return _backward(AL, Y, caches, hidden_activation, stop=1)


# --- 05: update ---------------------------------------------------------------------------------------------------


def update_cases():
    cases = []
    for (dims, m, seed), rate in zip(ARCHITECTURES, (0.1, 0.5, 0.01, 1.2), strict=False):
        _, parameters = network(dims, m, seed)
        r = gen(seed + 100)
        grads = {"d" + key: r.standard_normal(value.shape) for key, value in parameters.items()}
        if seed % 2 == 0:  # as L_model_backward returns them, with dA0, ..., dA{L-1}, which update nothing
            L = len(dims) - 1
            grads.update({f"dA{l}": r.standard_normal((dims[l], m)) for l in range(L)})
        cases.append(Case({"parameters": parameters, "grads": grads, "learning_rate": rate}))
    return cases


@exercise("update_parameters", outputs=("parameters",), covers="1 to 3 layers, float32, inputs unchanged")
def _update_cases():
    return update_cases()


@mistake("update_parameters", "loop over the parameters, not over grads: grads also holds dA0, dA1, ..., which are "
                              "not parameters (new_parameters[name] = W - learning_rate * grads['d' + name])")
def _(parameters, grads, learning_rate):
    return {key[1:]: parameters[key[1:]] - learning_rate * value for key, value in grads.items()}


@mistake("update_parameters", "the step goes uphill: W := W - learning_rate * dW, with a minus sign")
def _(parameters, grads, learning_rate):
    return {key: value + learning_rate * grads["d" + key] for key, value in parameters.items()}


@mistake("update_parameters", "the step must be learning_rate * dW: the learning rate is missing")
def _(parameters, grads, learning_rate):
    return {key: value - grads["d" + key] for key, value in parameters.items()}


@mistake("update_parameters", "the biases are not updated: b[l] := b[l] - learning_rate * db[l] too")
def _(parameters, grads, learning_rate):
    return {key: value - learning_rate * grads["d" + key] if key.startswith("W") else value.copy()
            for key, value in parameters.items()}


@mistake("update_parameters", "this changes the caller's parameters in place (W -= ..., or parameters['W1'] = ... "
                              "on the dict it was given), so the old values are lost: build a new dict, "
                              "new_parameters[name] = W - learning_rate * dW")
def _(parameters, grads, learning_rate):
    for key in parameters:
        parameters[key] -= learning_rate * grads["d" + key]
    return parameters


@mistake("update_parameters", "the last layer is not updated: loop over l = 1, ..., L, range(1, L + 1)")
def _(parameters, grads, learning_rate):
    L = len(parameters) // 2
    new = {key: value.copy() for key, value in parameters.items()}
    for l in range(1, L):
        new[f"W{l}"] = parameters[f"W{l}"] - learning_rate * grads[f"dW{l}"]
        new[f"b{l}"] = parameters[f"b{l}"] - learning_rate * grads[f"db{l}"]
    return new


# --- 06: training loops -------------------------------------------------------------------------------------------


def training_data(n_x, m, seed):
    r = gen(seed)
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


def _two_layer(X, Y, layers_dims, learning_rate=0.0075, num_iterations=3000, seed=1, sign=1, hidden="relu",
               every=1, update=True, ascend=False, skip_derivative=False, cost_after=False, twice=False):
    parameters = initialize_parameters(*layers_dims, seed=seed)
    costs = []
    m = X.shape[1]
    for i in range(num_iterations):
        W1, b1, W2, b2 = (parameters[k] for k in ("W1", "b1", "W2", "b2"))
        Z1 = W1 @ X + b1
        A1 = ACT[hidden](Z1)
        A2 = sigmoid_np(W2 @ A1 + b2)
        cost = compute_cost(A2, Y)
        dZ2 = (A2 - Y) * sign * (A2 * (1 - A2) if twice else 1)
        dW2, db2 = dZ2 @ A1.T / m, dZ2.sum(axis=1, keepdims=True) / m
        dZ1 = (W2.T @ dZ2) * (1 if skip_derivative else DERIV[hidden](Z1))
        dW1, db1 = dZ1 @ X.T / m, dZ1.sum(axis=1, keepdims=True) / m
        step = -learning_rate if not ascend else learning_rate
        if update:
            parameters = {"W1": W1 + step * dW1, "b1": b1 + step * db1, "W2": W2 + step * dW2, "b2": b2 + step * db2}
        if cost_after:
            cost = compute_cost(sigmoid_np(parameters["W2"] @ ACT[hidden](parameters["W1"] @ X + parameters["b1"])
                                           + parameters["b2"]), Y)
        if i % every == 0:
            costs.append(cost)
    return parameters, costs


@mistake("two_layer_model", "A2 - Y is already dZ2: passing it through the sigmoid's backward multiplies by "
                            "σ'(Z2) twice; use dZ2 = A2 - Y directly, or start from "
                            "dA2 = -(Y / A2 - (1 - Y) / (1 - A2))")
def _(X, Y, layers_dims, learning_rate=0.0075, num_iterations=3000, print_cost=False):
    return _two_layer(X, Y, layers_dims, learning_rate, num_iterations, twice=True)


@mistake("two_layer_model", "the hidden layer's backward step skips ReLU's derivative: dZ1 = dA1 * g'(Z1), "
                            "linear_activation_backward(dA1, cache1, 'relu')")
def _(X, Y, layers_dims, learning_rate=0.0075, num_iterations=3000, seed=1):
    return _two_layer(X, Y, layers_dims, learning_rate, num_iterations, seed, skip_derivative=True)


@mistake("two_layer_model", "costs[i] is the cost of the forward pass of iteration i, before its update: append the "
                            "cost you computed from A2")
def _(X, Y, layers_dims, learning_rate=0.0075, num_iterations=3000, seed=1):
    return _two_layer(X, Y, layers_dims, learning_rate, num_iterations, seed, cost_after=True)


@mistake("two_layer_model", "the parameters never change: keep the result, parameters = update_parameters(parameters, "
                            "grads, learning_rate)")
def _(X, Y, layers_dims, learning_rate=0.0075, num_iterations=3000, seed=1):
    return _two_layer(X, Y, layers_dims, learning_rate, num_iterations, seed, update=False)


@mistake("two_layer_model", "dZ2 = A2 - Y, not Y - A2: with the sign flipped every step climbs the cost")
def _(X, Y, layers_dims, learning_rate=0.0075, num_iterations=3000, seed=1):
    return _two_layer(X, Y, layers_dims, learning_rate, num_iterations, seed, sign=-1)


@mistake("two_layer_model", "the hidden layer is LINEAR -> RELU: use 'relu' for layer 1 (forward and backward), "
                            "the sigmoid only for layer 2")
def _(X, Y, layers_dims, learning_rate=0.0075, num_iterations=3000, seed=1):
    return _two_layer(X, Y, layers_dims, learning_rate, num_iterations, seed, hidden="sigmoid")


@mistake("two_layer_model", "learning_rate is ignored: pass the function's learning_rate to update_parameters "
                            "(not a fixed number)")
def _(X, Y, layers_dims, learning_rate=0.0075, num_iterations=3000, seed=1):
    return _two_layer(X, Y, layers_dims, 0.0075, num_iterations, seed)


@mistake("two_layer_model", "costs must hold the cost of every iteration (append it inside the loop each time), "
                            "not only every 100th")
def _(X, Y, layers_dims, learning_rate=0.0075, num_iterations=3000, seed=1):
    return _two_layer(X, Y, layers_dims, learning_rate, num_iterations, seed, every=100)


@exercise("L_layer_model", outputs=("parameters", "costs"), float32=False, explain=explain_training,
          covers="parameters and every cost after 20 and 30 iterations")
def _L_layer_cases():
    X, Y = training_data(2, 12, 52)
    X2, Y2 = training_data(3, 1, 53)
    return [Case({"X": X, "Y": Y, "layers_dims": [2, 4, 3, 1], "learning_rate": 0.3, "num_iterations": 20}, m=12),
            Case({"X": X2, "Y": Y2, "layers_dims": [3, 2, 1], "learning_rate": 0.1, "num_iterations": 30}, m=1)]


def _L_layer(X, Y, layers_dims, learning_rate=0.0075, num_iterations=3000, method="xavier", update=True,
             every=1, sign=1, hidden="relu"):
    parameters = initialize_parameters_deep(layers_dims, seed=1, method=method)
    costs = []
    for i in range(num_iterations):
        AL, caches = _forward(X, parameters, hidden)
        cost = compute_cost(AL, Y)
        grads = _backward(AL, Y, caches, hidden, dAL=-(Y / AL - (1 - Y) / (1 - AL)) * sign)
        if update:
            parameters = {key: value - learning_rate * grads["d" + key] for key, value in parameters.items()}
        if i % every == 0:
            costs.append(cost)
    return parameters, costs


@mistake("L_layer_model", "the hidden layers are LINEAR -> RELU (the sigmoid is only for the output layer), in the "
                          "forward and in the backward pass")
def _(X, Y, layers_dims, learning_rate=0.0075, num_iterations=3000, print_cost=False):
    return _L_layer(X, Y, layers_dims, learning_rate, num_iterations, hidden="sigmoid")


@mistake("L_layer_model", "the parameters never change: keep the result, parameters = update_parameters(parameters, "
                          "grads, learning_rate)")
def _(X, Y, layers_dims, learning_rate=0.0075, num_iterations=3000, print_cost=False):
    return _L_layer(X, Y, layers_dims, learning_rate, num_iterations, update=False)


@mistake("L_layer_model", "the course starts from xavier weights here (initialization='xavier', N(0, 1) / "
                          "sqrt(n[l-1])): pass method=initialization to initialize_parameters_deep")
def _(X, Y, layers_dims, learning_rate=0.0075, num_iterations=3000, print_cost=False):
    return _L_layer(X, Y, layers_dims, learning_rate, num_iterations, method="small")


@mistake("L_layer_model", "learning_rate is ignored: pass the function's learning_rate to update_parameters "
                          "(not a fixed number)")
def _(X, Y, layers_dims, learning_rate=0.0075, num_iterations=3000, print_cost=False):
    return _L_layer(X, Y, layers_dims, 0.0075, num_iterations)


@mistake("L_layer_model", "the course starts from xavier weights here (initialization='xavier', N(0, 1) / "
                          "sqrt(n[l-1])): pass method=initialization to initialize_parameters_deep")
def _(X, Y, layers_dims, learning_rate=0.0075, num_iterations=3000, print_cost=False):
    return _L_layer(X, Y, layers_dims, learning_rate, num_iterations, method="he")


@mistake("L_layer_model", "costs must hold the cost of every iteration (append it inside the loop each time), "
                          "not only every 100th")
def _(X, Y, layers_dims, learning_rate=0.0075, num_iterations=3000, print_cost=False):
    return _L_layer(X, Y, layers_dims, learning_rate, num_iterations, every=100)


@mistake("L_layer_model", "the gradients have the wrong sign, so every step climbs the cost: "
                          "dAL = -(Y / AL - (1 - Y) / (1 - AL))")
def _(X, Y, layers_dims, learning_rate=0.0075, num_iterations=3000, print_cost=False):
    return _L_layer(X, Y, layers_dims, learning_rate, num_iterations, sign=-1)


# --- 07: prediction -------------------------------------------------------------------------------------------------


def predict_cases():
    cases = []
    for dims, m, seed in [([3, 4, 1], 40, 60), ([5, 4, 3, 1], 30, 61), ([2, 3, 1], 1, 62), ([4, 1], 24, 63)]:
        X, parameters = network(dims, m, seed)
        X = X * 2
        L = len(dims) - 1
        # center the output on 0.5, so that many predictions are close calls that any slip would flip
        AL = _forward(X, parameters)[0]
        Z = np.log(AL / (1 - AL))
        parameters[f"b{L}"] = parameters[f"b{L}"] - np.median(Z, axis=1, keepdims=True) + 0.05  # none at exactly 0.5
        cases.append(Case({"X": X, "parameters": parameters}, m=m))
    # a threshold other than 0.5 and a tanh network, each centered on its own threshold
    for (dims, m, seed), hidden, threshold in [(([3, 4, 1], 30, 64), "relu", 0.7), (([3, 5, 1], 30, 65), "tanh", 0.5)]:
        X, parameters = network(dims, m, seed)
        X = X * 2
        Z = _forward(X, parameters, hidden)[1][-1][1]
        parameters["b2"] = parameters["b2"] - np.median(Z, axis=1, keepdims=True) + np.log(threshold / (1 - threshold))
        parameters["b2"] = parameters["b2"] + 0.05
        kwargs = {"hidden_activation": hidden} if hidden != "relu" else {"threshold": threshold}
        cases.append(Case({"X": X, "parameters": parameters}, kwargs, m=m, label=f"{hidden}, threshold {threshold}"))
    # the output layer's weights and bias zero: AL is exactly 0.5, the threshold, and the course predicts 0
    X, parameters = network([3, 4, 1], 3, 66)
    parameters["W2"], parameters["b2"] = np.zeros_like(parameters["W2"]), np.zeros_like(parameters["b2"])
    cases.append(Case({"X": X, "parameters": parameters}, m=3, label="AL exactly at the threshold"))
    return cases


@exercise("predict", outputs=("predictions",),
          covers="1 to 3 layers, threshold 0.7, tanh, AL exactly at the threshold, m = 1, float32, inputs unchanged")
def _predict_cases():
    return predict_cases()


@mistake("predict", "these are the probabilities AL; turn them into 0/1 predictions: (AL > 0.5)")
def _(X, parameters, hidden_activation="relu", threshold=0.5):
    return _forward(X, parameters, hidden_activation)[0]


@mistake("predict", "the 0s and 1s are swapped: predict 1 where AL > threshold")
def _(X, parameters, hidden_activation="relu", threshold=0.5):
    return (_forward(X, parameters, hidden_activation)[0] < threshold).astype(np.int64)


@mistake("predict", "the threshold is 0.5 (a probability), not 0: compare AL > 0.5")
def _(X, parameters, hidden_activation="relu", threshold=0.5):
    return (_forward(X, parameters, hidden_activation)[0] > 0).astype(np.int64)


@mistake("predict", "the hidden layers use ReLU (hidden_activation); the sigmoid is only for the output layer: "
                    "use L_model_forward(X, parameters, hidden_activation)")
def _(X, parameters, hidden_activation="relu", threshold=0.5):
    return (_forward(X, parameters, hidden="sigmoid")[0] > threshold).astype(np.int64)


@mistake("predict", "the predictions come out as a flat (m,) vector: keep them (1, m) like Y, no ravel or squeeze")
def _(X, parameters, hidden_activation="relu", threshold=0.5):
    return (_forward(X, parameters, hidden_activation)[0] > threshold).astype(np.int64).ravel()


@mistake("predict", "use the threshold argument: predictions = (AL > threshold); 0.5 is only its default")
def _(X, parameters, hidden_activation="relu", threshold=0.5):
    return (_forward(X, parameters, hidden_activation)[0] > 0.5).astype(np.int64)


@mistake("predict", "hidden_activation is ignored: pass it on, L_model_forward(X, parameters, hidden_activation), "
                    "or a tanh network is run with ReLU")
def _(X, parameters, hidden_activation="relu", threshold=0.5):
    return (_forward(X, parameters)[0] > threshold).astype(np.int64)


@mistake("predict", "predict 1 only where AL is above the threshold, AL > threshold: where AL equals the threshold "
                    "exactly, the course predicts 0 (>= predicts 1)")
def _(X, parameters, hidden_activation="relu", threshold=0.5):
    return (_forward(X, parameters, hidden_activation)[0] >= threshold).astype(np.int64)


def accuracy_cases():
    r = gen(70)
    cases = []
    for m in (10, 7, 1):
        cases.append(Case({"Y": labels(m, m), "Y_pred": r.integers(0, 2, (1, m))}, m=m))
    cases.append(Case({"Y": np.array([[1.0, 0.0, 1.0, 1.0]]), "Y_pred": np.array([[1, 1, 1, 0]])}, m=4))
    return cases


@exercise("accuracy", outputs=("accuracy",), covers="m = 1, int and float labels, inputs unchanged")
def _accuracy_cases():
    return accuracy_cases()


@mistake("accuracy", "this is a percentage: accuracy here is the fraction in [0, 1], np.mean(Y == Y_pred)")
def _(Y, Y_pred):
    return float(np.mean(Y == Y_pred) * 100)


@mistake("accuracy", "this is the error rate, the fraction of wrong predictions: accuracy counts the right ones")
def _(Y, Y_pred):
    return float(np.mean(Y != Y_pred))


@mistake("accuracy", "this is the number of right predictions: divide by m (np.mean) to get the fraction")
def _(Y, Y_pred):
    return float(np.sum(Y == Y_pred))


@mistake("accuracy", "this counts only the right 1s (Y · Y_pred): the right 0s count too, np.mean(Y == Y_pred)")
def _(Y, Y_pred):
    return float(np.sum(Y * Y_pred) / Y.shape[1])


@mistake("accuracy", "this is the share of predicted 1s: compare the predictions with the labels, Y == Y_pred")
def _(Y, Y_pred):
    return float(np.mean(Y_pred))
