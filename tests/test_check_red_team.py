"""dh.check on natural first-attempt mistakes written without looking at the catalogue (a red team of the checker).

Each function below is a mistake a learner makes on a first attempt, over every notebook with exercises. Each must
get a ✗ (none wrongly passed) whose line names a cause, not only "differs from the reference".
"""

import numpy as np
import pytest

import dnn_helpers as dh
from dnn_helpers.check.engine import judge


def sigmoid_np(Z):
    return 1 / (1 + np.exp(-np.clip(Z, -500, 500)))


# --- 01 -------------------------------------------------------------------------------------------------------------


def init_global_randn(n_x, n_h, n_y, seed=1):
    np.random.seed(seed)  # noqa: NPY002 - the mistake
    return {"W1": np.random.randn(n_h, n_x) * 0.01, "b1": np.zeros((n_h, 1)),  # noqa: NPY002
            "W2": np.random.randn(n_y, n_h) * 0.01, "b2": np.zeros((n_y, 1))}  # noqa: NPY002


def init_deep_flat_bias(layer_dims, seed=1):
    rng = np.random.default_rng(seed)
    parameters = {}
    for l in range(1, len(layer_dims)):
        parameters[f"W{l}"] = rng.standard_normal((layer_dims[l], layer_dims[l - 1])) * 0.01
        parameters[f"b{l}"] = np.zeros(layer_dims[l])
    return parameters


def init_deep_missing_last_layer(layer_dims, seed=1):
    rng = np.random.default_rng(seed)
    parameters = {}
    for l in range(1, len(layer_dims) - 1):
        parameters[f"W{l}"] = rng.standard_normal((layer_dims[l], layer_dims[l - 1])) * 0.01
        parameters[f"b{l}"] = np.zeros((layer_dims[l], 1))
    return parameters


def init_two_layer_W2_transposed(n_x, n_h, n_y, seed=1):
    rng = np.random.default_rng(seed)
    return {"W1": rng.standard_normal((n_h, n_x)) * 0.01, "b1": np.zeros((n_h, 1)),
            "W2": rng.standard_normal((n_h, n_y)) * 0.01, "b2": np.zeros((n_y, 1))}


# --- 02 -------------------------------------------------------------------------------------------------------------


def sigmoid_sign_flipped(Z):
    return 1 / (1 + np.exp(np.clip(Z, -500, 500))), Z


def sigmoid_naive_overflows(Z):
    return 1 / (1 + np.exp(-Z)), Z


def relu_max_not_maximum(Z):
    return np.max(Z, 0), Z


def tanh_returns_only_A(Z):
    return np.tanh(Z)


def linear_forward_no_bias(A, W, b):
    return np.dot(W, A), (A, W, b)


def linear_activation_forward_always_relu(A_prev, W, b, activation):
    Z = W @ A_prev + b
    return np.maximum(Z, 0), ((A_prev, W, b), Z)


def L_model_forward_len_parameters(X, parameters, hidden_activation="relu"):
    caches, A = [], X
    L = len(parameters)
    for l in range(1, L):
        A, cache = dh.linear_activation_forward(A, parameters[f"W{l}"], parameters[f"b{l}"], hidden_activation)
        caches.append(cache)
    AL, cache = dh.linear_activation_forward(A, parameters[f"W{L}"], parameters[f"b{L}"], "sigmoid")
    caches.append(cache)
    return AL, caches


def L_model_forward_relu_output(X, parameters, hidden_activation="relu"):
    caches, A = [], X
    L = len(parameters) // 2
    for l in range(1, L + 1):
        A, cache = dh.linear_activation_forward(A, parameters[f"W{l}"], parameters[f"b{l}"], hidden_activation)
        caches.append(cache)
    return A, caches


# --- 03 -------------------------------------------------------------------------------------------------------------


def compute_cost_no_minus(AL, Y):
    P = np.clip(AL, 1e-12, 1 - 1e-12)
    return float(np.sum(Y * np.log(P) + (1 - Y) * np.log(1 - P)) / Y.shape[1])


def compute_cost_no_mean(AL, Y):
    P = np.clip(AL, np.finfo(AL.dtype).eps, 1 - np.finfo(AL.dtype).eps)
    return float(-np.sum(Y * np.log(P) + (1 - Y) * np.log(1 - P)))


def compute_cost_clip_1e15(AL, Y):
    P = np.clip(AL, 1e-15, 1 - 1e-15)
    return float(-np.mean(Y * np.log(P) + (1 - Y) * np.log(1 - P)))


def compute_cost_array_11(AL, Y):
    P = np.clip(AL, np.finfo(AL.dtype).eps, 1 - np.finfo(AL.dtype).eps)
    m = Y.shape[1]
    return -(Y @ np.log(P).T + (1 - Y) @ np.log(1 - P).T) / m


# --- 04 -------------------------------------------------------------------------------------------------------------


def relu_backward_at_zero(dA, Z):
    return dA * (Z >= 0)


def sigmoid_backward_missing_one_minus(dA, Z):
    s = sigmoid_np(Z)
    return dA * s


def tanh_backward_no_square(dA, Z):
    return dA * (1 - np.tanh(Z))


def linear_backward_db_no_axis(dZ, cache):
    A_prev, W, b = cache
    m = A_prev.shape[1]
    return W.T @ dZ, dZ @ A_prev.T / m, np.sum(dZ) / m


def linear_backward_W_not_transposed(dZ, cache):
    A_prev, W, b = cache
    m = A_prev.shape[1]
    return np.dot(W, dZ), dZ @ A_prev.T / m, np.sum(dZ, axis=1, keepdims=True) / m


def linear_activation_backward_swapped(dA, cache, activation):
    linear_cache, Z = cache
    dZ = dh.sigmoid_backward(dA, Z) if activation == "relu" else dh.relu_backward(dA, Z)
    return dh.linear_backward(dZ, linear_cache)


def L_model_backward_dAL_sign(AL, Y, caches, hidden_activation="relu"):
    grads, L = {}, len(caches)
    P = np.clip(AL, 1e-12, 1 - 1e-12)
    dA = Y / P - (1 - Y) / (1 - P)
    grads[f"dA{L - 1}"], grads[f"dW{L}"], grads[f"db{L}"] = dh.linear_activation_backward(dA, caches[L - 1], "sigmoid")
    for l in range(L - 1, 0, -1):
        grads[f"dA{l - 1}"], grads[f"dW{l}"], grads[f"db{l}"] = dh.linear_activation_backward(
            grads[f"dA{l}"], caches[l - 1], hidden_activation)
    return grads


def L_model_backward_hidden_ignored(AL, Y, caches, hidden_activation="relu"):
    grads, L = {}, len(caches)
    P = np.clip(AL, np.finfo(AL.dtype).eps, 1 - np.finfo(AL.dtype).eps)
    dA = -(Y / P - (1 - Y) / (1 - P))
    grads[f"dA{L - 1}"], grads[f"dW{L}"], grads[f"db{L}"] = dh.linear_activation_backward(dA, caches[L - 1], "sigmoid")
    for l in range(L - 1, 0, -1):
        grads[f"dA{l - 1}"], grads[f"dW{l}"], grads[f"db{l}"] = dh.linear_activation_backward(
            grads[f"dA{l}"], caches[l - 1], "relu")
    return grads


# --- 05-07 ----------------------------------------------------------------------------------------------------------


def update_parameters_plus(parameters, grads, learning_rate):
    return {key: value + learning_rate * grads["d" + key] for key, value in parameters.items()}


def update_parameters_only_W(parameters, grads, learning_rate):
    return {key: value - learning_rate * grads["d" + key] if key.startswith("W") else value
            for key, value in parameters.items()}


def two_layer_model_fixed_rate(X, Y, layers_dims, learning_rate=0.0075, num_iterations=3000, print_cost=False):
    parameters = dh.initialize_parameters(*layers_dims, seed=1)
    costs = []
    for _ in range(num_iterations):
        A1, cache1 = dh.linear_activation_forward(X, parameters["W1"], parameters["b1"], "relu")
        A2, cache2 = dh.linear_activation_forward(A1, parameters["W2"], parameters["b2"], "sigmoid")
        costs.append(dh.compute_cost(A2, Y))
        dA2 = -(Y / A2 - (1 - Y) / (1 - A2))
        dA1, dW2, db2 = dh.linear_activation_backward(dA2, cache2, "sigmoid")
        _, dW1, db1 = dh.linear_activation_backward(dA1, cache1, "relu")
        parameters = dh.update_parameters(parameters, {"dW1": dW1, "db1": db1, "dW2": dW2, "db2": db2}, 0.0075)
    return parameters, costs


def L_layer_model_update_dropped(X, Y, layers_dims, learning_rate=0.0075, num_iterations=3000, print_cost=False):
    parameters = dh.initialize_parameters_deep(layers_dims, seed=1, method="xavier")
    costs = []
    for _ in range(num_iterations):
        AL, caches = dh.L_model_forward(X, parameters)
        costs.append(dh.compute_cost(AL, Y))
        grads = dh.L_model_backward(AL, Y, caches)
        dh.update_parameters(parameters, grads, learning_rate)
    return parameters, costs


def predict_literal_threshold(X, parameters, hidden_activation="relu", threshold=0.5):
    AL, _ = dh.L_model_forward(X, parameters, hidden_activation)
    return (AL > 0.5).astype(int)


def predict_booleans(X, parameters, hidden_activation="relu", threshold=0.5):
    AL, _ = dh.L_model_forward(X, parameters, hidden_activation)
    return AL > threshold


def accuracy_percent(Y, Y_pred):
    return float(np.mean(Y == Y_pred) * 100)


# --- 11 -------------------------------------------------------------------------------------------------------------


def numerical_gradients_literal_epsilon(cost_function, parameters, epsilon=1e-6):
    grads = {}
    for name, value in parameters.items():
        approx = np.zeros_like(value, dtype=float)
        for index in np.ndindex(value.shape):
            plus = {k: v.copy() for k, v in parameters.items()}
            minus = {k: v.copy() for k, v in parameters.items()}
            plus[name][index] += 1e-7
            minus[name][index] -= 1e-7
            approx[index] = (cost_function(plus) - cost_function(minus)) / (2 * 1e-7)
        grads["d" + name] = approx
    return grads


def numerical_gradients_one_sided(cost_function, parameters, epsilon=1e-6):
    grads = {}
    for name, value in parameters.items():
        approx = np.zeros_like(value, dtype=float)
        for index in np.ndindex(value.shape):
            plus = {k: v.copy() for k, v in parameters.items()}
            plus[name][index] += epsilon
            approx[index] = (cost_function(plus) - cost_function(parameters)) / epsilon
        grads["d" + name] = approx
    return grads


def numerical_gradients_not_put_back(cost_function, parameters, epsilon=1e-6):
    grads, work = {}, {k: v.astype(float) for k, v in parameters.items()}
    for name, value in work.items():
        approx = np.zeros_like(value)
        for index in np.ndindex(value.shape):
            value[index] += epsilon
            J_plus = cost_function(work)
            value[index] -= epsilon
            J_minus = cost_function(work)
            approx[index] = (J_plus - J_minus) / (2 * epsilon)
        grads["d" + name] = approx
    return grads


def relative_difference_one_norm(grad, grad_approx):
    return float(np.linalg.norm(grad - grad_approx) / np.linalg.norm(grad))


def gradient_check_hidden_ignored(parameters, grads, X, Y, epsilon=1e-6, hidden_activation="relu",
                                  cost_function=None):
    def cost(p):
        return dh.compute_cost(dh.L_model_forward(X, p)[0], Y)
    approx = dh.numerical_gradients(cost_function or cost, parameters, epsilon)
    keys = [k for k in approx]
    grad = np.concatenate([np.ravel(grads[k]) for k in keys])
    grad_approx = np.concatenate([np.ravel(approx[k]) for k in keys])
    return dh.relative_difference(grad, grad_approx)


# --- 13 -------------------------------------------------------------------------------------------------------------


def l2_cost_with_biases(parameters, lambd, m):
    return lambd / (2 * m) * sum(float(np.sum(np.square(value))) for value in parameters.values())


def dropout_forward_wrong_comparison(A, keep_prob, seed=0):
    D = (np.random.default_rng(seed).random(A.shape) > keep_prob).astype(A.dtype)
    return A * D / keep_prob, D


def dropout_forward_global_seed(A, keep_prob, seed=0):
    np.random.seed(seed)  # noqa: NPY002 - the mistake
    D = (np.random.rand(*A.shape) < keep_prob).astype(A.dtype)  # noqa: NPY002
    return A * D / keep_prob, D


def dropout_forward_one_mask_for_all_examples(A, keep_prob, seed=0):
    D = (np.random.default_rng(seed).random((A.shape[0], 1)) < keep_prob).astype(A.dtype)
    return A * D / keep_prob, np.broadcast_to(D, A.shape).copy()


def dropout_backward_no_scale(dA, D, keep_prob):
    return dA * D


def L_model_backward_with_regularization_no_m(AL, Y, caches, lambd, hidden_activation="relu"):
    grads = dh.L_model_backward(AL, Y, caches, hidden_activation)
    for l in range(1, len(caches) + 1):
        W = caches[l - 1][0][1]
        grads[f"dW{l}"] = grads[f"dW{l}"] + lambd * W
    return grads


# --- 14 -------------------------------------------------------------------------------------------------------------


def mini_batches_two_permutations(X, Y, mini_batch_size=64, seed=0):
    rng = np.random.default_rng(seed)
    m = X.shape[1]
    X_s, Y_s = X[:, rng.permutation(m)], Y[:, rng.permutation(m)]
    return [(X_s[:, k:k + mini_batch_size], Y_s[:, k:k + mini_batch_size]) for k in range(0, m, mini_batch_size)]


def momentum_without_one_minus_beta(parameters, grads, v, beta, learning_rate):
    v = {key: beta * v[key] + grads[key] for key in v}
    return {key: value - learning_rate * v["d" + key] for key, value in parameters.items()}, v


def rmsprop_no_sqrt(parameters, grads, s, beta2, learning_rate, epsilon=1e-8):
    s = {key: beta2 * s[key] + (1 - beta2) * grads[key] ** 2 for key in s}
    return {key: value - learning_rate * grads["d" + key] / (s["d" + key] + epsilon)
            for key, value in parameters.items()}, s


def adam_without_bias_correction(parameters, grads, v, s, t, learning_rate=0.01, beta1=0.9, beta2=0.999,
                                 epsilon=1e-8):
    v = {key: beta1 * v[key] + (1 - beta1) * grads[key] for key in v}
    s = {key: beta2 * s[key] + (1 - beta2) * grads[key] ** 2 for key in s}
    new = {key: value - learning_rate * v["d" + key] / (np.sqrt(s["d" + key]) + epsilon)
           for key, value in parameters.items()}
    return new, v, s


def bias_correction_no_power(average, beta, t):
    return average / (1 - beta)


def step_decay_no_floor(learning_rate0, epoch, decay_rate, time_interval):
    return learning_rate0 / (1 + decay_rate * epoch / time_interval)


# --- 15 -------------------------------------------------------------------------------------------------------------


def softmax_no_shift(Z):
    E = np.exp(Z)
    return E / E.sum(axis=0, keepdims=True), Z


def softmax_over_rows(Z):
    E = np.exp(Z - Z.max(axis=1, keepdims=True))
    return E / E.sum(axis=1, keepdims=True), Z


def one_hot_transposed(labels, K):
    Y = np.zeros((np.size(labels), K))
    Y[np.arange(np.size(labels)), np.ravel(labels)] = 1
    return Y


def categorical_cost_no_mean(AL, Y):
    return float(-np.sum(Y * np.log(np.clip(AL, 1e-12, 1))))


RED_TEAM = [
    ("initialize_parameters", init_global_randn), ("initialize_parameters_deep", init_deep_flat_bias),
    ("initialize_parameters_deep", init_deep_missing_last_layer),
    ("initialize_parameters", init_two_layer_W2_transposed),
    ("sigmoid", sigmoid_sign_flipped), ("sigmoid", sigmoid_naive_overflows), ("relu", relu_max_not_maximum),
    ("tanh", tanh_returns_only_A), ("linear_forward", linear_forward_no_bias),
    ("linear_activation_forward", linear_activation_forward_always_relu),
    ("L_model_forward", L_model_forward_len_parameters), ("L_model_forward", L_model_forward_relu_output),
    ("compute_cost", compute_cost_no_minus), ("compute_cost", compute_cost_no_mean),
    ("compute_cost", compute_cost_clip_1e15), ("compute_cost", compute_cost_array_11),
    ("relu_backward", relu_backward_at_zero), ("sigmoid_backward", sigmoid_backward_missing_one_minus),
    ("tanh_backward", tanh_backward_no_square), ("linear_backward", linear_backward_db_no_axis),
    ("linear_backward", linear_backward_W_not_transposed),
    ("linear_activation_backward", linear_activation_backward_swapped),
    ("L_model_backward", L_model_backward_dAL_sign), ("L_model_backward", L_model_backward_hidden_ignored),
    ("update_parameters", update_parameters_plus), ("update_parameters", update_parameters_only_W),
    ("two_layer_model", two_layer_model_fixed_rate), ("L_layer_model", L_layer_model_update_dropped),
    ("predict", predict_literal_threshold), ("predict", predict_booleans), ("accuracy", accuracy_percent),
    ("numerical_gradients", numerical_gradients_literal_epsilon),
    ("numerical_gradients", numerical_gradients_one_sided),
    ("numerical_gradients", numerical_gradients_not_put_back),
    ("relative_difference", relative_difference_one_norm), ("gradient_check", gradient_check_hidden_ignored),
    ("l2_regularization_cost", l2_cost_with_biases), ("dropout_forward", dropout_forward_wrong_comparison),
    ("dropout_forward", dropout_forward_global_seed), ("dropout_forward", dropout_forward_one_mask_for_all_examples),
    ("dropout_backward", dropout_backward_no_scale),
    ("L_model_backward_with_regularization", L_model_backward_with_regularization_no_m),
    ("random_mini_batches", mini_batches_two_permutations),
    ("update_parameters_with_momentum", momentum_without_one_minus_beta),
    ("update_parameters_with_rmsprop", rmsprop_no_sqrt),
    ("update_parameters_with_adam", adam_without_bias_correction), ("bias_correction", bias_correction_no_power),
    ("step_decay", step_decay_no_floor), ("softmax", softmax_no_shift), ("softmax", softmax_over_rows),
    ("one_hot", one_hot_transposed), ("categorical_cost", categorical_cost_no_mean),
]

GENERIC = ("differs from the reference", "could not be compared")


@pytest.mark.parametrize("name, function", RED_TEAM, ids=[function.__name__ for _, function in RED_TEAM])
def test_a_natural_mistake_is_refused_and_named(name, function):
    result = judge(function, name)
    assert not result.passed, result.message
    assert not any(text in result.message for text in GENERIC), result.message


# --- a second batch, written after the fixes of the first, to measure how the classes generalise -------------------


def initialize_parameters_random_biases(n_x, n_h, n_y, seed=1):
    rng = np.random.default_rng(seed)
    return {"W1": rng.standard_normal((n_h, n_x)) * 0.01, "b1": rng.standard_normal((n_h, 1)) * 0.01,
            "W2": rng.standard_normal((n_y, n_h)) * 0.01, "b2": rng.standard_normal((n_y, 1)) * 0.01}


def tanh_from_sigmoid_wrong(Z):
    return 2 * sigmoid_np(Z) - 1, Z


def linear_forward_elementwise(A, W, b):
    return W * A + b, (A, W, b)


def linear_activation_forward_cache_order(A_prev, W, b, activation):
    Z = W @ A_prev + b
    A = {"relu": np.maximum(Z, 0), "sigmoid": sigmoid_np(Z), "tanh": np.tanh(Z)}[activation]
    return A, (Z, (A_prev, W, b))


def compute_cost_uses_Y_shape_0(AL, Y):
    eps = np.finfo(AL.dtype).eps
    P = np.clip(AL, eps, 1 - eps)
    return float(-np.sum(Y * np.log(P) + (1 - Y) * np.log(1 - P)) / Y.shape[0])


def relu_backward_returns_mask(dA, Z):
    return (Z > 0).astype(dA.dtype)


def linear_backward_db_mean_over_rows(dZ, cache):
    A_prev, W, b = cache
    m = A_prev.shape[1]
    return W.T @ dZ, dZ @ A_prev.T / m, np.mean(dZ, axis=0, keepdims=True)


def linear_activation_backward_order(dA, cache, activation):
    linear_cache, Z = cache
    dA_prev, dW, db = dh.linear_backward(dA, linear_cache)
    return dA_prev * (Z > 0) if activation == "relu" else dA_prev, dW, db


def L_model_backward_keys_off_by_one(AL, Y, caches, hidden_activation="relu"):
    grads, L = {}, len(caches)
    P = np.clip(AL, np.finfo(AL.dtype).eps, 1 - np.finfo(AL.dtype).eps)
    dA = -(Y / P - (1 - Y) / (1 - P))
    for l in range(L, 0, -1):
        dA, grads[f"dW{l - 1}"], grads[f"db{l - 1}"] = dh.linear_activation_backward(
            dA, caches[l - 1], "sigmoid" if l == L else hidden_activation)
        grads[f"dA{l - 1}"] = dA
    return grads


def update_parameters_in_place(parameters, grads, learning_rate):
    for key in parameters:
        parameters[key] -= learning_rate * grads["d" + key]
    return parameters


def accuracy_rounds(Y, Y_pred):
    return round(float(np.mean(Y == Y_pred)), 2)


def relative_difference_no_norm(grad, grad_approx):
    return float(np.sum(np.abs(grad - grad_approx)) / (np.sum(np.abs(grad)) + np.sum(np.abs(grad_approx))))


def compute_cost_with_regularization_no_m(AL, Y, parameters, lambd):
    L = len(parameters) // 2
    l2 = lambd / 2 * sum(float(np.sum(np.square(parameters[f"W{l}"]))) for l in range(1, L + 1))
    return dh.compute_cost(AL, Y) + l2


def add_l2_gradients_to_biases(grads, parameters, lambd, m):
    new = dict(grads)
    for key, value in parameters.items():
        new["d" + key] = grads["d" + key] + lambd / m * value
    return new


def dropout_backward_complement(dA, D, keep_prob):
    return dA * (1 - D) / keep_prob


def mini_batches_drop_last(X, Y, mini_batch_size=64, seed=0):
    permutation = np.random.default_rng(seed).permutation(X.shape[1])
    X, Y = X[:, permutation], Y[:, permutation]
    full = X.shape[1] // mini_batch_size
    return [(X[:, k * mini_batch_size:(k + 1) * mini_batch_size], Y[:, k * mini_batch_size:(k + 1) * mini_batch_size])
            for k in range(full)]


def initialize_velocity_ones(parameters):
    return {"d" + key: np.ones_like(value) for key, value in parameters.items()}


def momentum_updates_with_grads(parameters, grads, v, beta, learning_rate):
    v = {key: beta * v[key] + (1 - beta) * grads[key] for key in v}
    return {key: value - learning_rate * grads["d" + key] for key, value in parameters.items()}, v


def adam_sqrt_of_v(parameters, grads, v, s, t, learning_rate=0.01, beta1=0.9, beta2=0.999, epsilon=1e-8):
    new_p, new_v, new_s = {}, {}, {}
    for key, value in parameters.items():
        g = grads["d" + key]
        new_v["d" + key] = beta1 * v["d" + key] + (1 - beta1) * g
        new_s["d" + key] = beta2 * s["d" + key] + (1 - beta2) * g * g
        v_hat = new_v["d" + key] / (1 - beta1 ** t)
        s_hat = new_s["d" + key] / (1 - beta2 ** t)
        new_p[key] = value - learning_rate * v_hat / np.sqrt(s_hat + epsilon)
    return new_p, new_v, new_s


def inverse_time_decay_epoch_plus_one(learning_rate0, epoch, decay_rate):
    return learning_rate0 / (1 + decay_rate * (epoch + 1))


def exponential_decay_base_2(learning_rate0, epoch, decay_rate):
    return learning_rate0 * 2 ** (-decay_rate * epoch)


def one_hot_off_by_one(labels, K):
    Y = np.zeros((K, np.size(labels)))
    Y[np.ravel(labels) - 1, np.arange(np.size(labels))] = 1
    return Y


def categorical_cost_binary_formula(AL, Y):
    eps = np.finfo(AL.dtype).eps
    P = np.clip(AL, eps, 1 - eps)
    return float(-np.sum(Y * np.log(P) + (1 - Y) * np.log(1 - P)) / Y.shape[1])


def two_layer_model_costs_after_update(X, Y, layers_dims, learning_rate=0.0075, num_iterations=3000,
                                       print_cost=False):
    parameters = dh.initialize_parameters(*layers_dims, seed=1)
    costs = []
    for _ in range(num_iterations):
        A1, cache1 = dh.linear_activation_forward(X, parameters["W1"], parameters["b1"], "relu")
        A2, cache2 = dh.linear_activation_forward(A1, parameters["W2"], parameters["b2"], "sigmoid")
        dA2 = -(Y / A2 - (1 - Y) / (1 - A2))
        dA1, dW2, db2 = dh.linear_activation_backward(dA2, cache2, "sigmoid")
        _, dW1, db1 = dh.linear_activation_backward(dA1, cache1, "relu")
        parameters = dh.update_parameters(parameters, {"dW1": dW1, "db1": db1, "dW2": dW2, "db2": db2},
                                          learning_rate)
        costs.append(dh.compute_cost(dh.L_model_forward(X, parameters)[0], Y))
    return parameters, costs


def L_model_backward_with_dropout_wrong_layer_mask(AL, Y, caches, keep_prob, hidden_activation="relu"):
    P = np.clip(AL, np.finfo(AL.dtype).eps, 1 - np.finfo(AL.dtype).eps)
    dA = -(Y / P - (1 - Y) / (1 - P))
    grads, L = {}, len(caches)
    for l in range(L, 0, -1):
        linear_cache, Z, D = caches[l - 1]
        if l < L:
            dA = dA * caches[l - 2][2] / keep_prob if l > 1 else dA * D / keep_prob
        dA, grads[f"dW{l}"], grads[f"db{l}"] = dh.linear_activation_backward(
            dA, (linear_cache, Z), "sigmoid" if l == L else hidden_activation)
        grads[f"dA{l - 1}"] = dA
    return grads


SECOND_BATCH = [
    ("initialize_parameters", initialize_parameters_random_biases), ("tanh", tanh_from_sigmoid_wrong),
    ("linear_forward", linear_forward_elementwise),
    ("linear_activation_forward", linear_activation_forward_cache_order),
    ("compute_cost", compute_cost_uses_Y_shape_0), ("relu_backward", relu_backward_returns_mask),
    ("linear_backward", linear_backward_db_mean_over_rows),
    ("linear_activation_backward", linear_activation_backward_order),
    ("L_model_backward", L_model_backward_keys_off_by_one), ("update_parameters", update_parameters_in_place),
    ("accuracy", accuracy_rounds), ("relative_difference", relative_difference_no_norm),
    ("compute_cost_with_regularization", compute_cost_with_regularization_no_m),
    ("add_l2_gradients", add_l2_gradients_to_biases), ("dropout_backward", dropout_backward_complement),
    ("random_mini_batches", mini_batches_drop_last), ("initialize_velocity", initialize_velocity_ones),
    ("update_parameters_with_momentum", momentum_updates_with_grads),
    ("update_parameters_with_adam", adam_sqrt_of_v), ("inverse_time_decay", inverse_time_decay_epoch_plus_one),
    ("exponential_decay", exponential_decay_base_2), ("one_hot", one_hot_off_by_one),
    ("categorical_cost", categorical_cost_binary_formula), ("two_layer_model", two_layer_model_costs_after_update),
    ("L_model_backward_with_dropout", L_model_backward_with_dropout_wrong_layer_mask),
]


@pytest.mark.parametrize("name, function", SECOND_BATCH, ids=[function.__name__ for _, function in SECOND_BATCH])
def test_a_natural_mistake_of_the_second_batch_is_refused_and_named(name, function):
    result = judge(function, name)
    assert not result.passed, result.message
    assert not any(text in result.message for text in GENERIC), result.message


# --- a third batch, written after the fixes of the second; four of them turned out to be right answers ---------


def third_sigmoid(Z):
    return np.exp(Z) / (1 + np.exp(Z)), Z


def third_relu(Z):
    A = Z.copy()
    A[A < 0] = 0
    return A, A


def third_tanh(Z):
    return np.tanh(Z), np.tanh(Z)


def third_linear_forward(A, W, b):
    return W @ A + b.T, (A, W, b)


def third_linear_activation_forward(A_prev, W, b, activation):
    Z = W @ A_prev + b
    A = np.maximum(Z, 0) if activation == "relu" else 1 / (1 + np.exp(-Z))
    return A, ((A_prev, W, b), Z)


def third_L_model_forward(X, parameters, hidden_activation="relu"):
    A, caches, L = X, [], len(parameters) // 2
    for l in range(1, L):
        A, cache = dh.linear_activation_forward(A, parameters[f"W{l}"], parameters[f"b{l}"], hidden_activation)
        caches.append(cache)
    AL, cache = dh.linear_activation_forward(A, parameters[f"W{L}"], parameters[f"b{L}"], "sigmoid")
    return AL, caches


def third_compute_cost(AL, Y):
    eps = np.finfo(AL.dtype).eps
    P = np.clip(AL, eps, 1 - eps)
    return float(-np.mean(Y * np.log(P) + Y * np.log(1 - P)))


def third_sigmoid_backward(dA, Z):
    s = 1 / (1 + np.exp(-Z))
    return dA * s * (1 - s)


def third_tanh_backward(dA, Z):
    return dA * (1 - np.tanh(Z) ** 2) / 2


def third_linear_backward(dZ, cache):
    A_prev, W, b = cache
    m = A_prev.shape[1]
    return W.T @ dZ / m, dZ @ A_prev.T / m, np.sum(dZ, axis=1, keepdims=True) / m


def third_update_parameters(parameters, grads, learning_rate):
    return {k: v - learning_rate * grads["d" + k] / 2 for k, v in parameters.items()}


def third_predict(X, parameters, hidden_activation="relu", threshold=0.5):
    AL, _ = dh.L_model_forward(X, parameters, hidden_activation)
    return (AL > threshold).astype(int).tolist()


def third_accuracy(Y, Y_pred):
    return float(np.sum(Y == Y_pred) / Y.size * 100) / 100 + 0.0 if Y.size > 1 else float(Y[0, 0] == Y_pred[0, 0])


def third_gradient_check(parameters, grads, X, Y, epsilon=1e-6, hidden_activation="relu", cost_function=None):
    def cost(p):
        return dh.compute_cost(dh.L_model_forward(X, p, hidden_activation)[0], Y)
    approx = dh.numerical_gradients(cost_function or cost, parameters, 1e-6)
    keys = list(approx)
    g = np.concatenate([np.ravel(grads[k]) for k in keys])
    a = np.concatenate([np.ravel(approx[k]) for k in keys])
    return dh.relative_difference(g, a)


def third_compute_cost_with_regularization(AL, Y, parameters, lambd):
    m = Y.shape[1]
    L = len(parameters) // 2
    return dh.compute_cost(AL, Y) + lambd / (2 * m) * sum(float(np.sum(parameters[f"W{l}"] ** 2)) for l in range(1, L))


def third_add_l2_gradients(grads, parameters, lambd, m):
    new = dict(grads)
    for k, v in parameters.items():
        if k.startswith("W"):
            new["d" + k] = grads["d" + k] + lambd * v / (2 * m)
    return new


def third_dropout_backward(dA, D, keep_prob):
    return dA * D / (1 - keep_prob) if keep_prob < 1 else dA * D


def third_dropout_forward(A, keep_prob, seed=0):
    rng = np.random.default_rng(seed)
    D = rng.random(A.shape) <= keep_prob
    return A * D / keep_prob, D


def third_random_mini_batches(X, Y, mini_batch_size=64, seed=0):
    m = X.shape[1]
    return [(X[:, k:k + mini_batch_size], Y[:, k:k + mini_batch_size]) for k in range(0, m, mini_batch_size)]


def third_initialize_adam(parameters):
    v = {"d" + k: np.zeros_like(w) for k, w in parameters.items()}
    return v, v


def third_update_parameters_with_momentum(parameters, grads, v, beta, learning_rate):
    v = {k: beta * v[k] + (1 - beta) * grads[k] for k in v}
    return {k: w - learning_rate * v["d" + k] for k, w in parameters.items()}, grads


def third_bias_correction(average, beta, t):
    return average / (1 - beta ** t) if t > 1 else average


def third_inverse_time_decay(learning_rate0, epoch, decay_rate):
    return learning_rate0 / (1 + decay_rate * epoch) ** 2


def third_step_decay(learning_rate0, epoch, decay_rate, time_interval):
    return learning_rate0 / (1 + decay_rate * np.floor(epoch / time_interval + 1))


def third_one_hot(labels, K):
    return np.eye(K)[np.ravel(labels)].T.astype(int)


def third_softmax(Z):
    E = np.exp(Z - Z.max(axis=0, keepdims=True))
    return E / E.sum(), Z


def third_categorical_cost(AL, Y):
    eps = np.finfo(AL.dtype).eps
    return float(-np.sum(Y * np.log(np.clip(AL, eps, 1 - eps))) / Y.shape[0])


def third_L_model_backward_with_regularization(AL, Y, caches, lambd, hidden_activation="relu"):
    grads = dh.L_model_backward(AL, Y, caches, hidden_activation)
    m = AL.shape[1]
    for l in range(1, len(caches) + 1):
        grads[f"dW{l}"] = grads[f"dW{l}"] + lambd / m * caches[l - 1][0][1]
        grads[f"db{l}"] = grads[f"db{l}"] + lambd / m * caches[l - 1][0][2]
    return grads


def third_initialize_rmsprop(parameters):
    return {"d" + k: np.zeros(w.shape) for k, w in parameters.items()}


THIRD_BATCH = [
    ("sigmoid", third_sigmoid),
    ("relu", third_relu),
    ("tanh", third_tanh),
    ("linear_forward", third_linear_forward),
    ("linear_activation_forward", third_linear_activation_forward),
    ("L_model_forward", third_L_model_forward),
    ("compute_cost", third_compute_cost),
    ("sigmoid_backward", third_sigmoid_backward),
    ("tanh_backward", third_tanh_backward),
    ("linear_backward", third_linear_backward),
    ("update_parameters", third_update_parameters),
    ("predict", third_predict),
    ("gradient_check", third_gradient_check),
    ("compute_cost_with_regularization", third_compute_cost_with_regularization),
    ("add_l2_gradients", third_add_l2_gradients),
    ("dropout_backward", third_dropout_backward),
    ("random_mini_batches", third_random_mini_batches),
    ("initialize_adam", third_initialize_adam),
    ("update_parameters_with_momentum", third_update_parameters_with_momentum),
    ("bias_correction", third_bias_correction),
    ("inverse_time_decay", third_inverse_time_decay),
    ("step_decay", third_step_decay),
    ("softmax", third_softmax),
    ("categorical_cost", third_categorical_cost),
    ("L_model_backward_with_regularization", third_L_model_backward_with_regularization),
]
RIGHT_AFTER_ALL = [
    ("accuracy", third_accuracy),
    ("dropout_forward", third_dropout_forward),
    ("one_hot", third_one_hot),
    ("initialize_rmsprop", third_initialize_rmsprop),
]


@pytest.mark.parametrize("name, function", THIRD_BATCH, ids=[function.__name__ for _, function in THIRD_BATCH])
def test_a_natural_mistake_of_the_third_batch_is_refused_and_named(name, function):
    result = judge(function, name)
    assert not result.passed, result.message
    assert not any(text in result.message for text in GENERIC), result.message


@pytest.mark.parametrize("name, function", RIGHT_AFTER_ALL, ids=[function.__name__ for _, function in RIGHT_AFTER_ALL])
def test_answers_that_look_wrong_but_are_right_pass(name, function):
    """An accuracy computed in percent and divided back, a mask drawn with <= keep_prob (equal with probability 0),
    an int one-hot matrix, an optimizer state built with np.zeros(shape): right answers written another way."""
    assert judge(function, name).passed
