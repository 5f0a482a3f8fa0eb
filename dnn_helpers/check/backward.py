"""The catalogue of dh.check for notebook 04_backward_propagation: relu_backward, sigmoid_backward, tanh_backward,
linear_backward, linear_activation_backward, L_model_backward.

(How a catalogue is written: ``engine.exercise`` and ``engine.mistake``.)
"""

import numpy as np

from ..forward import L_model_forward
from .cost import clip_to_eps
from .forward import EDGE
from .engine import Case, exercise, explain_grads, mistake
from .inputs import ACTIVATION_OF, ARCHITECTURES, DERIVATIVE_OF, seeded_rng, labels, network, sigmoid_np

NOTEBOOK = "04"

# --- 04: backward ---------------------------------------------------------------------------------------------------


def backward_activation_cases(seed, big=False):
    r = seeded_rng(seed)
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
def slope_1_at_Z_equal_0(dA, Z):
    return np.where(Z >= 0, dA, 0)


@mistake("relu_backward", "dZ[Z <= 0] = 0 on dA itself changes the caller's dA in place: "
                          "start from a copy, dZ = np.array(dA, copy=True)")
def dA_zeroed_in_place(dA, Z):
    dA[Z <= 0] = 0
    return dA


@mistake("relu_backward", "the mask is reversed: keep dA where Z > 0 (the unit was active), set dZ to 0 where Z <= 0")
def mask_reversed_below_0(dA, Z):
    return np.where(Z < 0, dA, 0)


@mistake("relu_backward", "the mask is reversed: keep dA where Z > 0 (the unit was active), set dZ to 0 where Z <= 0")
def mask_reversed_at_most_0(dA, Z):
    return np.where(Z <= 0, dA, 0)


@mistake("relu_backward", "the mask must come from Z (where Z > 0), not from dA")
def mask_taken_from_dA(dA, Z):
    return np.where(dA > 0, dA, 0)


@mistake("relu_backward", "this is g'(Z) alone: dZ = dA * g'(Z), multiply by dA")
def relu_slope_without_dA(dA, Z):
    return (Z > 0).astype(dA.dtype)


@mistake("relu_backward", "dA is multiplied by ReLU(Z) itself; it must be multiplied by its slope, 1 where Z > 0 "
                          "and 0 elsewhere")
def dA_times_relu_not_its_slope(dA, Z):
    return dA * np.maximum(Z, 0)


@exercise("sigmoid_backward", outputs=("dZ",), covers="Z = ±1000, m = 1, float32, inputs unchanged")
def _sigmoid_backward_cases():
    return backward_activation_cases(41, big=True)


@mistake("sigmoid_backward", "1 - s² is tanh's derivative; the sigmoid's is σ'(Z) = s (1 - s) with s = σ(Z)")
def tanh_derivative_instead_of_sigmoid(dA, Z):
    s = sigmoid_np(Z)
    return dA * (1 - s ** 2)


@mistake("sigmoid_backward", "σ'(Z) = s (1 - s) with s = σ(Z): the factor (1 - s) is missing")
def factor_1_minus_s_missing(dA, Z):
    return dA * sigmoid_np(Z)


@mistake("sigmoid_backward", "σ'(Z) = s (1 - s) with s = σ(Z), not Z (1 - Z): compute s = σ(Z) first")
def derivative_of_Z_not_of_sigmoid(dA, Z):
    return dA * Z * (1 - Z)


@mistake("sigmoid_backward", "σ'(Z) = s (1 - s): one factor is s itself, not (1 - s)²")
def one_minus_s_squared(dA, Z):
    s = sigmoid_np(Z)
    return dA * (1 - s) * (1 - s)


@mistake("sigmoid_backward", "σ'(Z) = s (1 - s): s · s is not the derivative")
def s_squared(dA, Z):
    s = sigmoid_np(Z)
    return dA * s * s


@mistake("sigmoid_backward", "this is σ'(Z) alone: dZ = dA * s (1 - s), multiply by dA")
def sigmoid_slope_without_dA(dA, Z):
    s = sigmoid_np(Z)
    return s * (1 - s)


@mistake("sigmoid_backward", "the sigmoid used here overflows at Z = -1000 (RuntimeWarning): compute s with the "
                             "stable sigmoid of notebook 02 (exp only of -|Z|)")
def unstable_sigmoid_overflows(dA, Z):
    s = 1 / (1 + np.exp(-Z))
    return dA * s * (1 - s)


@mistake("sigmoid_backward", "σ'(Z) = s (1 - s), with a minus sign: s (1 + s) is not the derivative")
def s_times_1_plus_s(dA, Z):
    s = sigmoid_np(Z)
    return dA * s * (1 + s)


@exercise("tanh_backward", outputs=("dZ",), covers="Z = ±1000, m = 1, float32, inputs unchanged")
def _tanh_backward_cases():
    return backward_activation_cases(42, big=True)


@mistake("tanh_backward", "t (1 - t) is the sigmoid's derivative; tanh's is 1 - t² with t = np.tanh(Z)")
def sigmoid_derivative_instead_of_tanh(dA, Z):
    t = np.tanh(Z)
    return dA * t * (1 - t)


@mistake("tanh_backward", "tanh'(Z) = 1 - tanh(Z)², not 1 - Z²: compute t = np.tanh(Z) first")
def one_minus_Z_squared(dA, Z):
    return dA * (1 - Z ** 2)


@mistake("tanh_backward", "tanh'(Z) = 1 - tanh(Z)²: the square is missing")
def tanh_not_squared(dA, Z):
    return dA * (1 - np.tanh(Z))


@mistake("tanh_backward", "tanh'(Z) = 1 - tanh(Z)²: square tanh(Z) first, then subtract it from 1 (not (1 - tanh(Z))²)")
def one_minus_tanh_all_squared(dA, Z):
    return dA * (1 - np.tanh(Z)) ** 2


@mistake("tanh_backward", "tanh'(Z) = 1 - tanh(Z)²: the '1 -' is missing")
def one_minus_missing(dA, Z):
    return dA * np.tanh(Z) ** 2


@mistake("tanh_backward", "this is tanh'(Z) alone: dZ = dA * (1 - tanh(Z)²), multiply by dA")
def tanh_slope_without_dA(dA, Z):
    return 1 - np.tanh(Z) ** 2


@mistake("tanh_backward", "tanh'(Z) = 1 - tanh(Z)², with a minus sign")
def one_plus_tanh_squared(dA, Z):
    return dA * (1 + np.tanh(Z) ** 2)


def linear_backward_cases(seed):
    r = seeded_rng(seed)
    cases = []
    for n, n_prev, m in [(3, 4, 5), (2, 6, 3), (4, 3, 1), (1, 2, 7)]:
        cache = (r.standard_normal((n_prev, m)), r.standard_normal((n, n_prev)), r.standard_normal((n, 1)))
        cases.append(Case({"dZ": r.standard_normal((n, m)), "cache": cache}, m=m))
    return cases


@exercise("linear_backward", outputs=("dA_prev", "dW", "db"), covers="m = 1, float32, inputs unchanged")
def _linear_backward_cases():
    return linear_backward_cases(43)


@mistake("linear_backward", "dW is m times too large: the cost averages over m examples, so divide dZ·A_prevᵀ by m")
def dW_not_divided_by_m(dZ, cache):
    A_prev, W, b = cache
    m = A_prev.shape[1]
    return W.T @ dZ, dZ @ A_prev.T, dZ.sum(axis=1, keepdims=True) / m


@mistake("linear_backward", "db is m times too large: the cost averages over m examples, so divide the row sums of "
                            "dZ by m")
def db_not_divided_by_m(dZ, cache):
    A_prev, W, b = cache
    m = A_prev.shape[1]
    return W.T @ dZ, dZ @ A_prev.T / m, dZ.sum(axis=1, keepdims=True)


@mistake("linear_backward", "dA_prev = Wᵀ dZ is not divided by m: only dW and db average over the examples")
def dA_prev_divided_by_m(dZ, cache):
    A_prev, W, b = cache
    m = A_prev.shape[1]
    return W.T @ dZ / m, dZ @ A_prev.T / m, dZ.sum(axis=1, keepdims=True) / m


@mistake("linear_backward", "db sums all of dZ into one number: sum each row, np.sum(dZ, axis=1, keepdims=True) / m")
def db_sums_everything(dZ, cache):
    A_prev, W, b = cache
    m = A_prev.shape[1]
    return W.T @ dZ, dZ @ A_prev.T / m, np.sum(dZ) / m


@mistake("linear_backward", "db has shape (n[l],) instead of (n[l], 1): keep the column with "
                            "np.sum(dZ, axis=1, keepdims=True)")
def db_without_keepdims(dZ, cache):
    A_prev, W, b = cache
    m = A_prev.shape[1]
    return W.T @ dZ, dZ @ A_prev.T / m, dZ.sum(axis=1) / m


@mistake("linear_backward", "db sums over the wrong axis: sum over the examples (the columns), axis=1")
def db_sums_over_units(dZ, cache):
    A_prev, W, b = cache
    m = A_prev.shape[1]
    return W.T @ dZ, dZ @ A_prev.T / m, dZ.sum(axis=0, keepdims=True) / m


@mistake("linear_backward", "m is the number of examples, the columns: m = A_prev.shape[1], not shape[0]")
def m_taken_from_rows(dZ, cache):
    A_prev, W, b = cache
    m = A_prev.shape[0]
    return W.T @ dZ, dZ @ A_prev.T / m, dZ.sum(axis=1, keepdims=True) / m


@mistake("linear_backward", "dW is transposed: dW = dZ·A_prevᵀ / m has the shape of W, (n[l], n[l-1])")
def dW_transposed(dZ, cache):
    A_prev, W, b = cache
    m = A_prev.shape[1]
    return W.T @ dZ, A_prev @ dZ.T / m, dZ.sum(axis=1, keepdims=True) / m


def layer_backward_cases(seed):
    r = seeded_rng(seed)
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


def plain_linear_backward(dZ, cache):
    A_prev, W, b = cache
    m = A_prev.shape[1]
    return W.T @ dZ, dZ @ A_prev.T / m, dZ.sum(axis=1, keepdims=True) / m


@mistake("linear_activation_backward", "the activations are swapped: 'relu' must use relu_backward and 'sigmoid' "
                                       "sigmoid_backward")
def relu_and_sigmoid_backward_swapped(dA, cache, activation):
    linear_cache, Z = cache
    name = {"relu": "sigmoid", "sigmoid": "relu", "tanh": "tanh"}[activation]
    return plain_linear_backward(dA * DERIVATIVE_OF[name](Z), linear_cache)


@mistake("linear_activation_backward", "the activation's derivative is skipped: first dZ = g'-backward(dA, Z), "
                                       "then linear_backward(dZ, linear_cache)")
def activation_derivative_skipped(dA, cache, activation):
    return plain_linear_backward(dA, cache[0])


TANH_BACKWARD = ("activation = 'tanh' falls into another branch: use tanh_backward when it is 'tanh' "
                 "(one branch per activation, or a dict of the three functions)")


def backward_with_tanh_as(dA, cache, activation, tanh_as):
    linear_cache, Z = cache
    return plain_linear_backward(dA * DERIVATIVE_OF[tanh_as if activation == "tanh" else activation](Z), linear_cache)


@mistake("linear_activation_backward", TANH_BACKWARD)
def tanh_derivative_taken_as_relu(dA, cache, activation):
    return backward_with_tanh_as(dA, cache, activation, "relu")


@mistake("linear_activation_backward", TANH_BACKWARD)
def tanh_derivative_taken_as_sigmoid(dA, cache, activation):
    return backward_with_tanh_as(dA, cache, activation, "sigmoid")


@mistake("linear_activation_backward", "activation is ignored: use the backward function it names")
def activation_ignored_always_relu(dA, cache, activation):
    linear_cache, Z = cache
    return plain_linear_backward(dA * DERIVATIVE_OF["relu"](Z), linear_cache)


@mistake("linear_activation_backward", "the activation's backward takes (dA, Z) in that order: "
                                       "dZ = relu_backward(dA, Z), not relu_backward(Z, dA)")
def backward_arguments_swapped(dA, cache, activation):
    linear_cache, Z = cache
    return plain_linear_backward(Z * DERIVATIVE_OF[activation](dA), linear_cache)


@mistake("linear_activation_backward", "dA_prev is the first output of linear_backward(dZ, linear_cache), "
                                       "W.T @ dZ: return it, not dZ")
def returns_dZ_as_dA_prev(dA, cache, activation):
    linear_cache, Z = cache
    dZ = dA * DERIVATIVE_OF[activation](Z)
    _, dW, db = plain_linear_backward(dZ, linear_cache)
    return dZ, dW, db


@mistake("linear_activation_backward", "the derivative is taken at A = g(Z) instead of Z: the activation cache is Z")
def derivative_taken_at_A(dA, cache, activation):
    linear_cache, Z = cache
    return plain_linear_backward(dA * DERIVATIVE_OF[activation](ACTIVATION_OF[activation](Z)), linear_cache)


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
                accepts=finite_grads, finite_only=True)


def finite_grads(got, expected):
    if not isinstance(got, dict) or set(got) != set(expected):
        return False
    return all(np.shape(got[key]) == np.shape(value) and np.isfinite(np.asarray(got[key], dtype=float)).all()
               for key, value in expected.items())


@exercise("L_model_backward", outputs=("grads",), explain=explain_grads,
          covers="1 to 3 layers, AL exactly 0 or 1, m = 1, float32, inputs unchanged")
def _L_model_backward_cases():
    return backward_cases()


def plain_backward(AL, Y, caches, hidden="relu", dAL=None, last="sigmoid", shift=0, stop=0):
    L = len(caches)
    P = np.clip(AL, np.finfo(AL.dtype).eps, 1 - np.finfo(AL.dtype).eps)
    dA = -(Y / P - (1 - Y) / (1 - P)) if dAL is None else dAL
    grads = {}
    for l in range(L, stop, -1):
        linear_cache, Z = caches[l - 1]
        dZ = dA * DERIVATIVE_OF[last if l == L else hidden](Z)
        dA, grads[f"dW{l}"], grads[f"db{l}"] = plain_linear_backward(dZ, linear_cache)
        grads[f"dA{l - 1 + shift}"] = dA
    return grads


@mistake("L_model_backward", "AL - Y is already dZ[L]: passing it through sigmoid_backward multiplies by σ'(Z) twice; "
                             "start from dAL = -(Y / AL - (1 - Y) / (1 - AL)), or use dZ[L] = AL - Y directly")
def AL_minus_Y_through_sigmoid_backward(AL, Y, caches, hidden_activation="relu"):
    return plain_backward(AL, Y, caches, hidden_activation, dAL=AL - Y)


@mistake("L_model_backward", CLIP_SENTENCE)
def dAL_not_clipped(AL, Y, caches, hidden_activation="relu"):
    return plain_backward(AL, Y, caches, hidden_activation, dAL=-(Y / AL - (1 - Y) / (1 - AL)))


@mistake("L_model_backward", "the gradients have the wrong sign: dAL = -(Y / AL - (1 - Y) / (1 - AL)), "
                             "with the minus sign in front")
def dAL_sign_flipped(AL, Y, caches, hidden_activation="relu"):
    P = clip_to_eps(AL)
    return plain_backward(AL, Y, caches, hidden_activation, dAL=Y / P - (1 - Y) / (1 - P))


@mistake("L_model_backward", "the output layer is LINEAR -> SIGMOID: use the sigmoid's backward for layer L "
                             "and ReLU's for the hidden layers")
def output_layer_backward_as_relu(AL, Y, caches, hidden_activation="relu"):
    return plain_backward(AL, Y, caches, hidden_activation, last="relu")


@mistake("L_model_backward", "the hidden layers are LINEAR -> RELU: use relu_backward for layers 1 to L-1, "
                             "the sigmoid's only for layer L")
def hidden_layers_backward_as_sigmoid(AL, Y, caches, hidden_activation="relu"):
    return plain_backward(AL, Y, caches, "sigmoid")


@mistake("L_model_backward", "hidden_activation is ignored: the hidden layers' backward must use the activation it "
                             "names (relu_backward by default, tanh_backward when asked)")
def hidden_activation_ignored(AL, Y, caches, hidden_activation="relu"):
    return plain_backward(AL, Y, caches, "relu")


@mistake("L_model_backward", "dA_prev belongs to the layer below: store it as grads['dA' + str(l - 1)] "
                             "(dA0, ..., dA{L-1})")
def dA_stored_under_wrong_layer(AL, Y, caches, hidden_activation="relu"):
    return plain_backward(AL, Y, caches, hidden_activation, shift=1)


@mistake("L_model_backward", "layer 1 is missing: the loop must go down to l = 1, range(L, 0, -1)")
def layer_1_missing(AL, Y, caches, hidden_activation="relu"):
    return plain_backward(AL, Y, caches, hidden_activation, stop=1)
