"""dh.check: every catalogued mistake gets its own sentence, right answers pass (also written other valid ways, in
float32 too), the general diagnoses fire, errors are one line, and the course notebooks' own functions pass."""

import ast
import contextlib
import copy
import inspect
import io
import json
import time
import types
import warnings
from pathlib import Path

import numpy as np
import pytest
import scipy.special

import dnn_helpers as dh
from dnn_helpers.check import engine
from dnn_helpers.check.engine import (LINE_WIDTH, CheckResult, bindable, build_cases, catalogue, converts_to_float64,
                                      diagnose, has_float32, message_lines, run_on_copy)

EXERCISES = catalogue()
MISTAKES = [(name, index) for name, exercise in EXERCISES.items() for index in range(len(exercise.mistakes))]


def mistake_id(name, index):
    """The test id of a catalogued mistake: the exercise and the mistake's function name, which says what it gets
    wrong (test_check_rules checks that every mistake has one)."""
    return f"{name}-{EXERCISES[name].mistakes[index].function.__name__}"
NOTEBOOKS = sorted((Path(__file__).resolve().parents[1] / "notebooks").glob("*.ipynb"))


def one_line(capsys, function, name=None):
    """Run check, assert it printed its message (one line of at most LINE_WIDTH characters, then indented lines for
    the fix and the Hint, each at most LINE_WIDTH characters); return the result."""
    result = dh.check(function, name)
    out = capsys.readouterr().out
    assert out == result.message + "\n", out
    first, *more = result.message.split("\n")
    assert len(first) <= LINE_WIDTH, result.message
    assert all(line.startswith("    ") and len(line) <= LINE_WIDTH for line in more), result.message
    return result


def flat(message):
    """The message as one sentence: its lines joined, the pointer to the Hint left out."""
    return " ".join(line.strip() for line in message.replace("(see the Hint under the exercise)", "")
                    .replace("; see the Hint under the exercise", "").split("\n")
                    if line.strip() != "see the Hint under the exercise").replace("  ", " ").strip()


# --- the catalogue --------------------------------------------------------------------------------------------------


def test_the_catalogue_is_large_enough():
    listed = ["initialize_parameters", "initialize_parameters_deep", "sigmoid", "relu", "tanh", "linear_forward",
              "linear_activation_forward", "L_model_forward", "compute_cost", "relu_backward", "sigmoid_backward",
              "tanh_backward", "linear_backward", "linear_activation_backward", "L_model_backward",
              "update_parameters", "two_layer_model", "L_layer_model", "predict", "accuracy", "gradient_check",
              "compute_cost_with_regularization", "L_model_backward_with_regularization", "dropout_forward",
              "dropout_backward", "random_mini_batches", "update_parameters_with_momentum",
              "update_parameters_with_rmsprop", "update_parameters_with_adam", "initialize_adam"]
    for name in listed:
        assert len(EXERCISES[name].mistakes) >= 3, name
    assert all(len(exercise.mistakes) >= 3 for exercise in EXERCISES.values())
    assert len(MISTAKES) >= 60


@pytest.mark.parametrize("name, index", MISTAKES, ids=[mistake_id(n, i) for n, i in MISTAKES])
def test_every_mistake_is_named_with_its_own_sentence(capsys, name, index):
    mistake = EXERCISES[name].mistakes[index]
    result = one_line(capsys, mistake.function, name)
    assert not result.passed
    assert result.message == message_lines("✗", name, mistake.sentence, hint=EXERCISES[name].hint)


def as_learners(function, monkeypatch):
    """The package's own function, made to look like a learner's: a copy with its own code object, outside the
    package, and no package function counted as a shortcut (the course's relu_backward calls activation_backward)."""
    monkeypatch.setattr(engine, "solution_codes", lambda name: frozenset())
    function = inspect.unwrap(function)
    copied = types.FunctionType(function.__code__.replace(co_filename="<learner>"), function.__globals__,
                                function.__name__, function.__defaults__, function.__closure__)
    copied.__kwdefaults__, copied.__module__ = function.__kwdefaults__, "__main__"
    return copied


@pytest.mark.parametrize("name", sorted(EXERCISES))
def test_every_reference_passes(capsys, monkeypatch, name):
    result = one_line(capsys, as_learners(EXERCISES[name].reference_function(), monkeypatch), name)
    assert result.passed, result.message
    assert result.message.startswith(f"✓ {name}: right on ")


@pytest.mark.parametrize("name", sorted(EXERCISES))
def test_one_check_is_fast(capsys, monkeypatch, name):
    function = as_learners(EXERCISES[name].reference_function(), monkeypatch)
    start = time.perf_counter()
    dh.check(function, name)
    assert time.perf_counter() - start < 3.0  # about 0.5 s for the slowest (gradient_check) on an idle machine


def verdicts_by_dtype(function, name):
    """The check's verdict (None = right) on the float64 cases alone and on the float32 cases alone."""
    exercise = EXERCISES[name]
    cases = build_cases(exercise)
    verdicts = []
    for wanted in (False, True):
        chosen = [case for case in cases if has_float32(list(case.args.values())) == wanted
                  and bindable(function, case) is None and case.same_as is None]
        assert chosen, f"{name} has no {'float32' if wanted else 'float64'} case"
        references = [run_on_copy(exercise.reference_function(), case) for case in chosen]
        runs = [run_on_copy(function, case) for case in chosen]
        verdict = diagnose(exercise, function, chosen, runs, references, converts_to_float64(function))
        verdicts.append(None if verdict is engine.DRAWN_ANOTHER_WAY else verdict)
    return verdicts


# --- right answers written other valid ways ----------------------------------------------------------------------


def _sigmoid_expit(Z):
    return scipy.special.expit(Z), Z


def _sigmoid_tanh(Z):
    return 0.5 * (1 + np.tanh(Z / 2)), Z


def _sigmoid_clipped(Z):
    return 1 / (1 + np.exp(-np.clip(Z, -500, 500))), Z


def _sigmoid_silenced(Z):
    with np.errstate(over="ignore"):
        return 1 / (1 + np.exp(-Z)), Z


def _relu_product(Z):
    return Z * (Z > 0), Z


def _relu_where(Z):
    return np.where(Z > 0, Z, 0), Z


def _relu_copy(Z):
    A = Z.copy()
    A[A < 0] = 0
    return A, Z


def _tanh_exp(Z):
    E = np.exp(-2 * np.abs(Z))
    return np.sign(Z) * (1 - E) / (1 + E), Z


def _tanh_sigmoid(Z):
    return 2 * dh.sigmoid(2 * Z)[0] - 1, Z


def _linear_forward_dot(A, W, b):
    return np.dot(W, A) + b, (A, W, b)


def _linear_forward_loop(A, W, b):
    Z = np.zeros((W.shape[0], A.shape[1]), dtype=A.dtype)
    for i in range(W.shape[0]):
        for j in range(A.shape[1]):
            Z[i, j] = np.sum(W[i, :] * A[:, j]) + b[i, 0]
    return Z, (A, W, b)


def _linear_activation_forward_if(A_prev, W, b, activation):
    Z, linear_cache = dh.linear_forward(A_prev, W, b)
    if activation == "sigmoid":
        A, activation_cache = dh.sigmoid(Z)
    elif activation == "relu":
        A, activation_cache = dh.relu(Z)
    else:
        A, activation_cache = dh.tanh(Z)
    return A, (linear_cache, activation_cache)


def _linear_activation_forward_plain(A_prev, W, b, activation):
    Z = np.dot(W, A_prev) + b
    A = {"relu": np.maximum(Z, 0), "sigmoid": scipy.special.expit(Z), "tanh": np.tanh(Z)}[activation]
    return A, ((A_prev, W, b), Z)


def _L_model_forward_classic(X, parameters):
    caches, A = [], X
    L = len(parameters) // 2
    for l in range(1, L):
        A, cache = dh.linear_activation_forward(A, parameters["W" + str(l)], parameters["b" + str(l)], "relu")
        caches.append(cache)
    AL, cache = dh.linear_activation_forward(A, parameters["W" + str(L)], parameters["b" + str(L)], "sigmoid")
    caches.append(cache)
    return AL, caches


def _L_model_forward_loop(X, parameters, hidden_activation="relu"):
    A, caches = X, []
    L = len(parameters) // 2
    for l in range(1, L + 1):
        activation = "sigmoid" if l == L else hidden_activation
        A, cache = dh.linear_activation_forward(A, parameters[f"W{l}"], parameters[f"b{l}"], activation)
        caches.append(cache)
    return A, caches


def _cost_mean(AL, Y):
    eps = np.finfo(AL.dtype).eps
    P = np.clip(AL, eps, 1 - eps)
    return float(-np.mean(Y * np.log(P) + (1 - Y) * np.log(1 - P)))


def _cost_dot(AL, Y):
    m = Y.shape[1]
    eps = np.finfo(AL.dtype).eps
    P = np.clip(AL, eps, 1 - eps)
    return np.squeeze(-(np.dot(Y, np.log(P).T) + np.dot(1 - Y, np.log(1 - P).T)) / m)


def _relu_backward_copy(dA, Z):
    dZ = np.array(dA, copy=True)
    dZ[Z <= 0] = 0
    return dZ


def _relu_backward_product(dA, Z):
    return dA * (Z > 0)


def _sigmoid_backward_expit(dA, Z):
    s = scipy.special.expit(Z)
    return dA * s * (1 - s)


def _sigmoid_backward_own(dA, Z):
    s, _ = dh.sigmoid(Z)
    return dA * (s - s ** 2)


def _tanh_backward_square(dA, Z):
    return dA * (1 - np.square(np.tanh(Z)))


def _tanh_backward_power(dA, Z):
    return dA * (1 - np.tanh(Z) ** 2)


def _linear_backward_dot(dZ, cache):
    A_prev, W, b = cache
    m = A_prev.shape[1]
    return np.dot(W.T, dZ), 1 / m * np.dot(dZ, A_prev.T), np.mean(dZ, axis=1, keepdims=True)


def _linear_backward_loop(dZ, cache):
    A_prev, W, b = cache
    m = dZ.shape[1]
    dW = np.zeros_like(W)
    db = np.zeros_like(b)
    for i in range(m):
        dW += np.outer(dZ[:, i], A_prev[:, i]) / m
        db += dZ[:, [i]] / m
    return W.T @ dZ, dW, db


def _linear_activation_backward_if(dA, cache, activation):
    linear_cache, activation_cache = cache
    if activation == "relu":
        dZ = dh.relu_backward(dA, activation_cache)
    elif activation == "sigmoid":
        dZ = dh.sigmoid_backward(dA, activation_cache)
    else:
        dZ = dh.tanh_backward(dA, activation_cache)
    return dh.linear_backward(dZ, linear_cache)


def _linear_activation_backward_table(dA, cache, activation):
    backward = {"relu": _relu_backward_product, "sigmoid": _sigmoid_backward_expit, "tanh": _tanh_backward_square}
    return _linear_backward_dot(backward[activation](dA, cache[1]), cache[0])


def _L_model_backward_classic(AL, Y, caches):
    grads = {}
    L = len(caches)
    AL = np.clip(AL, 1e-15, 1 - 1e-15)  # another clip than the course's eps: right too
    dAL = -(np.divide(Y, AL) - np.divide(1 - Y, 1 - AL))
    grads["dA" + str(L - 1)], grads["dW" + str(L)], grads["db" + str(L)] = dh.linear_activation_backward(
        dAL, caches[L - 1], "sigmoid")
    for l in reversed(range(L - 1)):
        dA_prev, dW, db = dh.linear_activation_backward(grads["dA" + str(l + 1)], caches[l], "relu")
        grads["dA" + str(l)], grads["dW" + str(l + 1)], grads["db" + str(l + 1)] = dA_prev, dW, db
    return grads


def _L_model_backward_dZ(AL, Y, caches, hidden_activation="relu"):
    grads = {}
    L = len(caches)
    linear_cache, _ = caches[L - 1]
    grads[f"dA{L - 1}"], grads[f"dW{L}"], grads[f"db{L}"] = dh.linear_backward(AL - Y, linear_cache)
    for l in range(L - 1, 0, -1):
        grads[f"dA{l - 1}"], grads[f"dW{l}"], grads[f"db{l}"] = dh.linear_activation_backward(
            grads[f"dA{l}"], caches[l - 1], hidden_activation)
    return grads


def _update_deepcopy(parameters, grads, learning_rate):
    parameters = copy.deepcopy(parameters)
    for l in range(1, len(parameters) // 2 + 1):
        parameters["W" + str(l)] -= learning_rate * grads["dW" + str(l)]
        parameters["b" + str(l)] -= learning_rate * grads["db" + str(l)]
    return parameters


def _update_comprehension(parameters, grads, learning_rate):
    return {name: value - learning_rate * grads["d" + name] for name, value in parameters.items()}


def _init_deep_normal(layer_dims, seed=1):
    rng = np.random.default_rng(seed)
    parameters = {}
    for l in range(1, len(layer_dims)):
        parameters["W" + str(l)] = rng.normal(0, 0.01, (layer_dims[l], layer_dims[l - 1]))
        parameters["b" + str(l)] = np.zeros((layer_dims[l], 1))
    return parameters


def _init_deep_other_order(layer_dims, seed=1):
    """Valid, but drawn in another order (each W transposed from a (n[l-1], n[l]) draw): checked by its properties."""
    rng = np.random.default_rng(seed)
    parameters = {}
    for l in range(1, len(layer_dims)):
        parameters[f"W{l}"] = (rng.standard_normal((layer_dims[l - 1], layer_dims[l])) * 0.01).T
        parameters[f"b{l}"] = np.zeros((layer_dims[l], 1))
    return parameters


def _init_two_layer_deep(n_x, n_h, n_y, seed=1):
    return _init_deep_other_order([n_x, n_h, n_y], seed)


def _init_two_layer_normal(n_x, n_h, n_y, seed=1):
    return _init_deep_normal([n_x, n_h, n_y], seed)


def _predict_loop(X, parameters):
    AL, _ = dh.L_model_forward(X, parameters)
    p = np.zeros((1, X.shape[1]))
    for i in range(AL.shape[1]):
        p[0, i] = 1 if AL[0, i] > 0.5 else 0
    return p


def _predict_round(X, parameters):
    return np.round(dh.L_model_forward(X, parameters)[0])


def _accuracy_sum(Y, Y_pred):
    return np.sum(Y == Y_pred) / Y.shape[1]


def _accuracy_mean(Y, Y_pred):
    return (Y == Y_pred).mean()


def _two_layer_dZ(X, Y, layers_dims, learning_rate=0.0075, num_iterations=3000, seed=1):
    parameters = dh.initialize_parameters(*layers_dims, seed=seed)
    costs = []
    for _ in range(num_iterations):
        A1, cache1 = dh.linear_activation_forward(X, parameters["W1"], parameters["b1"], "relu")
        A2, cache2 = dh.linear_activation_forward(A1, parameters["W2"], parameters["b2"], "sigmoid")
        costs.append(dh.compute_cost(A2, Y))
        dA2 = -(np.divide(Y, A2) - np.divide(1 - Y, 1 - A2))
        dA1, dW2, db2 = dh.linear_activation_backward(dA2, cache2, "sigmoid")
        _, dW1, db1 = dh.linear_activation_backward(dA1, cache1, "relu")
        parameters = dh.update_parameters(parameters, {"dW1": dW1, "db1": db1, "dW2": dW2, "db2": db2},
                                          learning_rate)
    return parameters, costs


def _L_layer_loop(X, Y, layers_dims, learning_rate=0.0075, num_iterations=3000, print_cost=False):
    parameters = dh.initialize_parameters_deep(layers_dims, seed=1, method="xavier")
    costs = []
    for i in range(num_iterations):
        AL, caches = dh.L_model_forward(X, parameters)
        costs.append(dh.compute_cost(AL, Y))
        parameters = dh.update_parameters(parameters, dh.L_model_backward(AL, Y, caches), learning_rate)
        if print_cost and i % 100 == 0:
            print(i, costs[-1])
    return parameters, np.array(costs)


def _dropout_binomial(A, keep_prob, seed=0):
    """Valid, with the mask drawn another way: checked by its properties."""
    D = np.random.default_rng(seed).binomial(1, keep_prob, A.shape).astype(bool)
    return A * D / keep_prob, D


def _dropout_uniform(A, keep_prob, seed=0):
    D = np.random.default_rng(seed).uniform(size=A.shape) < keep_prob
    return np.multiply(A, D) / keep_prob, D


def _mini_batches_choice(X, Y, mini_batch_size=64, seed=0):
    """Valid, with another shuffle (choice without replacement): checked by its properties."""
    m = X.shape[1]
    order = np.random.default_rng(seed).choice(m, m, replace=False)
    batches = []
    for k in range(m // mini_batch_size):
        batches.append((X[:, order][:, k * mini_batch_size:(k + 1) * mini_batch_size],
                        Y[:, order][:, k * mini_batch_size:(k + 1) * mini_batch_size]))
    if m % mini_batch_size:
        batches.append((X[:, order][:, m // mini_batch_size * mini_batch_size:],
                        Y[:, order][:, m // mini_batch_size * mini_batch_size:]))
    return batches


def _mini_batches_shuffle(X, Y, mini_batch_size=64, seed=0):
    order = np.arange(X.shape[1])
    np.random.default_rng(seed).shuffle(order)
    return [(X[:, order[k:k + mini_batch_size]], Y[:, order[k:k + mini_batch_size]])
            for k in range(0, X.shape[1], mini_batch_size)]


def _momentum_loop(parameters, grads, v, beta, learning_rate):
    parameters, v = copy.deepcopy(parameters), copy.deepcopy(v)
    for l in range(1, len(parameters) // 2 + 1):
        for p in ("W", "b"):
            v[f"d{p}{l}"] = beta * v[f"d{p}{l}"] + (1 - beta) * grads[f"d{p}{l}"]
            parameters[f"{p}{l}"] = parameters[f"{p}{l}"] - learning_rate * v[f"d{p}{l}"]
    return parameters, v


def _rmsprop_epsilon_inside(parameters, grads, s, beta2, learning_rate, epsilon=1e-8):
    new_s = {k: beta2 * s[k] + (1 - beta2) * np.square(g) for k, g in grads.items()}
    return {k: w - learning_rate * grads["d" + k] / np.sqrt(new_s["d" + k] + epsilon ** 2)
            for k, w in parameters.items()}, new_s


def _adam_loop(parameters, grads, v, s, t, learning_rate=0.01, beta1=0.9, beta2=0.999, epsilon=1e-8):
    new_p, new_v, new_s = {}, {}, {}
    for name, W in parameters.items():
        g = grads["d" + name]
        new_v["d" + name] = beta1 * v["d" + name] + (1 - beta1) * g
        new_s["d" + name] = beta2 * s["d" + name] + (1 - beta2) * np.power(g, 2)
        v_corrected = new_v["d" + name] / (1 - np.power(beta1, t))
        s_corrected = new_s["d" + name] / (1 - np.power(beta2, t))
        new_p[name] = W - learning_rate * v_corrected / (np.sqrt(s_corrected) + epsilon)
    return new_p, new_v, new_s


def _l2_cost_loop(parameters, lambd, m):
    total = 0.0
    for l in range(1, len(parameters) // 2 + 1):
        total += np.sum(parameters[f"W{l}"] ** 2)
    return lambd * total / (2 * m)


def _l2_cost_norm(parameters, lambd, m):
    return lambd / (2 * m) * sum(np.linalg.norm(W) ** 2 for k, W in parameters.items() if k.startswith("W"))


VARIANTS = {
    "sigmoid": [_sigmoid_expit, _sigmoid_tanh, _sigmoid_clipped, _sigmoid_silenced],
    "relu": [_relu_product, _relu_where, _relu_copy],
    "tanh": [_tanh_exp, _tanh_sigmoid],
    "linear_forward": [_linear_forward_dot, _linear_forward_loop],
    "linear_activation_forward": [_linear_activation_forward_if, _linear_activation_forward_plain],
    "L_model_forward": [_L_model_forward_classic, _L_model_forward_loop],
    "compute_cost": [_cost_mean, _cost_dot],
    "relu_backward": [_relu_backward_copy, _relu_backward_product],
    "sigmoid_backward": [_sigmoid_backward_expit, _sigmoid_backward_own],
    "tanh_backward": [_tanh_backward_square, _tanh_backward_power],
    "linear_backward": [_linear_backward_dot, _linear_backward_loop],
    "linear_activation_backward": [_linear_activation_backward_if, _linear_activation_backward_table],
    "L_model_backward": [_L_model_backward_classic, _L_model_backward_dZ],
    "update_parameters": [_update_deepcopy, _update_comprehension],
    "initialize_parameters": [_init_two_layer_deep, _init_two_layer_normal],
    "initialize_parameters_deep": [_init_deep_normal, _init_deep_other_order],
    "two_layer_model": [_two_layer_dZ],
    "L_layer_model": [_L_layer_loop],
    "predict": [_predict_loop, _predict_round],
    "accuracy": [_accuracy_sum, _accuracy_mean],
    "dropout_forward": [_dropout_binomial, _dropout_uniform],
    "random_mini_batches": [_mini_batches_choice, _mini_batches_shuffle],
    "update_parameters_with_momentum": [_momentum_loop],
    "update_parameters_with_rmsprop": [_rmsprop_epsilon_inside],
    "update_parameters_with_adam": [_adam_loop],
    "l2_regularization_cost": [_l2_cost_loop, _l2_cost_norm],
}
VARIANT_CASES = [(name, f) for name, functions in VARIANTS.items() for f in functions]


@pytest.mark.parametrize("name, function", VARIANT_CASES, ids=[f.__name__ for _, f in VARIANT_CASES])
def test_right_answers_written_another_valid_way_pass(capsys, name, function):
    result = one_line(capsys, function, name)
    assert result.passed, result.message


FLOAT32_CASES = [(name, EXERCISES[name].reference_function()) for name in sorted(EXERCISES) if EXERCISES[name].float32]
FLOAT32_CASES += [(name, f) for name, f in VARIANT_CASES if EXERCISES[name].float32]


@pytest.mark.parametrize("name, function", FLOAT32_CASES,
                         ids=[f"{name}-{getattr(f, '__name__', name)}" for name, f in FLOAT32_CASES])
def test_a_right_answer_gets_the_same_verdict_in_float64_and_float32(name, function):
    assert verdicts_by_dtype(function, name) == [None, None]


def test_float32_turned_into_float64_is_named(capsys):
    def relu(Z):
        Z = np.asarray(Z, dtype=float)
        return np.maximum(Z, 0), Z

    message = one_line(capsys, relu).message
    assert "float64 for float32 inputs" in message
    assert verdicts_by_dtype(relu, "relu")[0] is None  # right in float64, wrong only in float32


# --- the general diagnoses ------------------------------------------------------------------------------------------


def plain_linear_backward(dZ, cache):
    A_prev, W, b = cache
    m = A_prev.shape[1]
    return W.T @ dZ, dZ @ A_prev.T / m, dZ.sum(axis=1, keepdims=True) / m


def test_keepdims(capsys):
    def linear_backward(dZ, cache):
        dA_prev, dW, db = plain_linear_backward(dZ, cache)
        return dA_prev, dW, np.mean(dZ, axis=1)
    message = one_line(capsys, linear_backward).message
    assert "db has shape" in message and "keepdims=True" in message


def test_transposed(capsys):
    def linear_forward(A, W, b):
        return (W @ A + b).T, (A, W, b)
    assert "Z is transposed" in one_line(capsys, linear_forward).message


def test_right_numbers_times_a_constant(capsys):
    def linear_forward(A, W, b):
        return 3 * (W @ A + b), (A, W, b)

    def linear_backward(dZ, cache):
        dA_prev, dW, db = plain_linear_backward(dZ, cache)
        return dA_prev, dW * cache[0].shape[1] ** 2, db
    assert "Z is 3 times too large" in one_line(capsys, linear_forward).message
    assert "dW is m² times too large" in one_line(capsys, linear_backward).message


def test_wrong_sign(capsys):
    def linear_backward(dZ, cache):
        dA_prev, dW, db = plain_linear_backward(dZ, cache)
        return -dA_prev, dW, db
    assert "dA_prev has the wrong sign" in one_line(capsys, linear_backward).message


def test_input_modified_in_place(capsys):
    def update_parameters_with_momentum(parameters, grads, v, beta, learning_rate):
        v = {key: beta * v[key] + (1 - beta) * grads[key] for key in v}
        parameters = {key: parameters[key] - learning_rate * v["d" + key] for key in parameters}
        grads["dW1"] *= 1  # touches nothing
        grads["dW1"][0, 0] = 7.0
        return parameters, v
    message = one_line(capsys, update_parameters_with_momentum).message
    assert "modifies its input grads['dW1'] in place" in message


def test_outputs_in_the_wrong_order(capsys):
    def linear_backward(dZ, cache):
        dA_prev, dW, db = plain_linear_backward(dZ, cache)
        return db, dW, dA_prev
    assert "wrong order: (db, dW, dA_prev) instead of (dA_prev, dW, db)" in one_line(capsys, linear_backward).message


def test_missing_cache(capsys):
    def linear_forward(A, W, b):
        return W @ A + b
    message = one_line(capsys, linear_forward).message
    assert "returns only Z; return all of (Z, cache)" in message


def test_incomplete_cache(capsys):
    def linear_activation_forward(A_prev, W, b, activation):
        Z = W @ A_prev + b
        A = {"relu": np.maximum(Z, 0), "sigmoid": 1 / (1 + np.exp(-Z)), "tanh": np.tanh(Z)}[activation]
        return A, ((A_prev, W, b),)
    assert "cache has 1 item, expected 2 (linear_cache, Z)" in one_line(capsys, linear_activation_forward).message


def test_missing_dict_keys(capsys):
    def L_model_backward(AL, Y, caches, hidden_activation="relu"):
        grads = _L_model_backward_dZ(AL, Y, caches, hidden_activation)
        return {key: value for key, value in grads.items() if key != "dA0"}
    assert "grads is missing the key(s) 'dA0'" in one_line(capsys, L_model_backward).message


def test_wrong_shape(capsys):
    def linear_forward(A, W, b):
        Z = W @ A + b
        return np.vstack([Z, Z]), (A, W, b)
    assert "Z has shape (6, 5), expected (3, 5)" in one_line(capsys, linear_forward).message


def test_nan_and_runtime_warning_at_the_edge(capsys):
    def tanh(Z):
        return (np.exp(2 * Z) - 1) / (np.exp(2 * Z) + 1), Z
    with warnings.catch_warnings():
        warnings.simplefilter("error")          # nothing may escape from the learner's function
        message = one_line(capsys, tanh).message
    assert "NaN or inf" in message and "Z = ±1000" in message and "RuntimeWarning" in message


def test_runtime_warning_alone(capsys):
    def tanh_backward(dA, Z):
        return dA / np.cosh(Z) ** 2
    message = one_line(capsys, tanh_backward).message
    assert "RuntimeWarning (overflow encountered in cosh)" in message


def test_one_minus_the_answer_and_log_base_10(capsys):
    def accuracy(Y, Y_pred):
        return 1 - np.mean(Y == Y_pred) if Y.shape[1] > 1 else float(np.mean(Y != Y_pred))

    def compute_cost(AL, Y):
        P = np.clip(AL, 1e-12, 1 - 1e-12)
        return float(-np.mean(Y * np.log10(P) + (1 - Y) * np.log10(1 - P)))
    assert "error rate" in one_line(capsys, accuracy).message
    assert "logarithm to base 10" in one_line(capsys, compute_cost).message


def test_the_size_of_an_update_step(capsys):
    def update_parameters(parameters, grads, learning_rate):
        return {key: value - 0.5 * learning_rate * grads["d" + key] for key, value in parameters.items()}
    message = one_line(capsys, update_parameters).message
    assert "the step from parameters['W1'] is 2 times too small" in message


def test_wrong_only_where_Z_is_negative(capsys):
    def relu(Z):
        return np.where(Z > 0, Z, 0.1), Z
    assert "A is wrong where Z < 0" in one_line(capsys, relu).message


def test_an_input_returned_unchanged(capsys):
    def dropout_backward(dA, D, keep_prob):
        return dA
    assert "dA is the input dA, unchanged" in one_line(capsys, dropout_backward).message


def test_values_differ_is_the_last_resort(capsys):
    def linear_forward(A, W, b):
        return W @ A + b + np.arange((W @ A).size).reshape(W.shape[0], -1) ** 2, (A, W, b)
    message = one_line(capsys, linear_forward).message
    assert "Z differs from the reference by up to" in message and "in case 1 (inputs A (4, 5), W (3, 4)" in message


def test_random_functions_drawn_another_way_are_checked_by_their_properties(capsys):
    def initialize_parameters_deep(layer_dims, seed=1):
        rng = np.random.default_rng()  # ignores the seed
        return {key: value for l in range(1, len(layer_dims)) for key, value in
                ((f"W{l}", rng.standard_normal((layer_dims[l], layer_dims[l - 1])) * 0.01),
                 (f"b{l}", np.zeros((layer_dims[l], 1))))}

    def dropout_forward(A, keep_prob, seed=0):
        D = np.random.default_rng(seed).random(A.shape) < 1 - keep_prob
        return A * D / keep_prob, D

    def random_mini_batches(X, Y, mini_batch_size=64, seed=0):
        rng = np.random.default_rng(seed)
        order, order_Y = rng.permutation(X.shape[1]), rng.permutation(X.shape[1])
        return [(X[:, order[k:k + mini_batch_size]], Y[:, order_Y[k:k + mini_batch_size]])
                for k in range(0, X.shape[1], mini_batch_size)]
    assert "same seed give different weights" in one_line(capsys, initialize_parameters_deep).message
    message = one_line(capsys, dropout_forward).message
    assert "% of the units, expected keep_prob = 70%: a unit is kept where the random number is below" in message
    assert "the same permutation" in one_line(capsys, random_mini_batches).message


# --- errors, names, the result --------------------------------------------------------------------------------------


def test_an_exception_is_one_line_with_the_input_shapes(capsys):
    def linear_forward(A, W, b):
        return A @ W + b, (A, W, b)
    result = one_line(capsys, linear_forward)
    assert not result.passed
    assert result.message.startswith("✗ linear_forward: raised ValueError on inputs A (4, 5), W (3, 4), b (3, 1): "
                                     "matmul")
    assert result.message.split("\n")[1].startswith("    check the order of the matrix product")


def test_not_written_yet(capsys):
    def sigmoid(Z):
        # YOUR CODE HERE (≈ 4 lines)
        raise NotImplementedError("write the body of sigmoid, then run dh.check(sigmoid)")
    result = one_line(capsys, sigmoid)
    assert result.message == ("✗ sigmoid: not written yet: replace the raise NotImplementedError line "
                              "with your code (see the Hint under the exercise)")


def test_not_written_yet_names_the_function_that_is_missing(capsys):
    def relu(Z):
        raise NotImplementedError("write the body of relu, then run dh.check(relu)")

    def linear_activation_forward(A_prev, W, b, activation):
        Z = W @ A_prev + b
        A, Z = relu(Z) if activation == "relu" else dh.sigmoid(Z) if activation == "sigmoid" else dh.tanh(Z)
        return A, ((A_prev, W, b), Z)
    message = one_line(capsys, linear_activation_forward).message
    assert flat(message) == ("✗ linear_activation_forward: relu, which it calls, is not written yet: write it first "
                             "and check it with dh.check(relu)")


def test_unknown_name_and_wrong_signature_are_one_line(capsys):
    def my_relu(Z):
        return np.maximum(Z, 0), Z

    def relu(Z, alpha):
        return np.maximum(Z, 0), Z
    assert one_line(capsys, my_relu).message == ('✗ my_relu: there is no check for a function of this name: '
                                                 'say which exercise it is, e.g. '
                                                 'dh.check(my_relu, "relu")\n    close names: relu')
    assert one_line(capsys, my_relu, "relu").passed
    assert "its parameters are (Z, alpha), but the course calls it as relu(Z)" in one_line(capsys, relu).message


def test_the_result(capsys):
    def relu(Z):
        return np.maximum(Z, 0), Z
    result = dh.check(relu)
    assert isinstance(result, CheckResult) and result and result.passed
    assert repr(result) == f"CheckResult(passed=True, message={result.message!r}, name='relu')"
    capsys.readouterr()
    result._ipython_display_()                       # right after check: nothing more (one line in a notebook)
    assert capsys.readouterr().out == ""
    result._ipython_display_()                       # shown again later: its repr
    assert capsys.readouterr().out == repr(result) + "\n"


def test_the_learner_gets_copies_and_prints_nothing(capsys):
    seen = []

    def linear_forward(A, W, b):
        print("debugging output")
        seen.append(A)
        return W @ A + b, (A, W, b)
    assert one_line(capsys, linear_forward).passed
    assert len({id(a) for a in seen}) == len(seen)


# --- the course notebooks' own functions pass --------------------------------------------------------------------


def notebook_functions():
    """(notebook, name) of each exercise: a function with a checked name in a cell with the solution markers."""
    found = []
    for path in NOTEBOOKS:
        cells = [cell for cell in json.loads(path.read_text())["cells"] if cell["cell_type"] == "code"]
        for cell in cells:
            source = "".join(cell["source"])
            try:
                tree = ast.parse(source)
            except SyntaxError:
                continue
            for node in tree.body:
                if isinstance(node, ast.FunctionDef) and node.name in EXERCISES:
                    parameters = [arg.arg for arg in node.args.args]
                    wanted = list(inspect.signature(EXERCISES[node.name].reference_function()).parameters)
                    if "### BEGIN SOLUTION" in source and parameters[:2] == wanted[:2]:
                        found.append((path.name, node.name))
    return found


def notebook_namespace(notebook):
    """Every top-level def, import and plain assignment of the notebook's code cells, run in order."""
    namespace = {"np": np, "dh": dh}
    cells = [cell for cell in json.loads((NOTEBOOKS[0].parent / notebook).read_text())["cells"]
             if cell["cell_type"] == "code"]
    for cell in cells:
        source = "".join(cell["source"])
        python = "\n".join("" if line.lstrip().startswith(("%", "!")) else line for line in source.split("\n"))
        try:
            tree = ast.parse(python)                  # a magic (%matplotlib inline) is not Python: left out
        except SyntaxError:
            continue
        for node in tree.body:
            calls = [n for n in ast.walk(node) if isinstance(n, ast.Call)]
            constant = isinstance(node, ast.Assign) and all(ast.unparse(n.func) == "dh.yours" for n in calls)
            if isinstance(node, (ast.FunctionDef, ast.Import, ast.ImportFrom)) or constant:
                try:
                    with warnings.catch_warnings(), contextlib.redirect_stdout(io.StringIO()):
                        warnings.simplefilter("ignore")
                        exec(compile(ast.Module([node], []), notebook, "exec"), namespace)
                except Exception:  # noqa: BLE001 - a data cell that needs what we skipped
                    pass
    return namespace


NOTEBOOK_FUNCTIONS = notebook_functions()


@pytest.mark.parametrize("notebook, name", NOTEBOOK_FUNCTIONS, ids=[f"{n[:2]}-{f}" for n, f in NOTEBOOK_FUNCTIONS])
def test_the_notebooks_own_functions_pass(capsys, notebook, name):
    namespace = notebook_namespace(notebook)
    result = one_line(capsys, namespace[name], name)
    assert result.passed, f"{notebook}: {result.message}"


# --- seeds, saturated outputs, small gradients ------------------------------------------------------------------------


def test_np_random_seed_is_named_and_the_global_state_is_restored(capsys):
    legacy = np.random  # the legacy global-state API, written the way a learner would (the mistake itself)

    def initialize_parameters(n_x, n_h, n_y, seed=1):
        legacy.seed(seed)
        return {"W1": legacy.randn(n_h, n_x) * 0.01, "b1": np.zeros((n_h, 1)),
                "W2": legacy.randn(n_y, n_h) * 0.01, "b2": np.zeros((n_y, 1))}
    legacy.seed(123)
    expected = legacy.random()
    legacy.seed(123)
    message = one_line(capsys, initialize_parameters).message
    assert "np.random's global state" in message and "rng = np.random.default_rng(seed)" in message
    assert legacy.random() == expected  # dh.check leaves np.random's global state as it found it


def test_a_hard_coded_seed_is_named(capsys):
    def dropout_forward(A, keep_prob, seed=0):
        D = np.random.default_rng(0).random(A.shape) < keep_prob
        return A * D / keep_prob, D
    assert "a different seed gives the same numbers" in one_line(capsys, dropout_forward).message


def test_a_seed_that_cannot_be_a_generator_is_named(capsys):
    def random_mini_batches(X, Y, mini_batch_size=64, seed=0):
        rng = np.random.default_rng(int(seed))
        order = rng.permutation(X.shape[1])
        return [(X[:, order[k:k + mini_batch_size]], Y[:, order[k:k + mini_batch_size]])
                for k in range(0, X.shape[1], mini_batch_size)]
    message = one_line(capsys, random_mini_batches).message
    assert "fails when seed is a numpy Generator" in message


def test_an_unclipped_dAL_is_named_at_a_saturated_output(capsys):
    def L_model_backward(AL, Y, caches, hidden_activation="relu"):
        grads, L = {}, len(caches)
        dA = -(Y / AL - (1 - Y) / (1 - AL))
        for l in range(L, 0, -1):
            dA, grads[f"dW{l}"], grads[f"db{l}"] = dh.linear_activation_backward(
                dA, caches[l - 1], "sigmoid" if l == L else hidden_activation)
            grads[f"dA{l - 1}"] = dA
        return grads
    assert "clip first" in one_line(capsys, L_model_backward).message


def test_epsilon_inside_the_square_root_is_named(capsys):
    def update_parameters_with_rmsprop(parameters, grads, s, beta2, learning_rate, epsilon=1e-8):
        new_s = {k: beta2 * s[k] + (1 - beta2) * g ** 2 for k, g in grads.items()}
        return {k: w - learning_rate * grads["d" + k] / np.sqrt(new_s["d" + k] + epsilon)
                for k, w in parameters.items()}, new_s
    assert "epsilon goes outside the square root" in one_line(capsys, update_parameters_with_rmsprop).message


def test_predict_uses_threshold_and_hidden_activation_and_is_strict_at_the_threshold(capsys):
    def predict(X, parameters, hidden_activation="relu", threshold=0.5):
        return (dh.L_model_forward(X, parameters, hidden_activation)[0] >= threshold).astype(int)
    assert "AL > threshold" in one_line(capsys, predict).message


def test_gradient_check_uses_cost_function_hidden_activation_and_epsilon(capsys):
    def gradient_check(parameters, grads, X, Y, epsilon=1e-6, hidden_activation="relu", cost_function=None):
        def cost(p):
            return dh.compute_cost(dh.L_model_forward(X, p, hidden_activation)[0], Y)
        _, layout = dh.parameters_to_vector(parameters)
        approx = dh.numerical_gradients(cost, parameters, epsilon)
        return dh.relative_difference(dh.grads_to_vector(grads, layout), dh.grads_to_vector(approx, layout))
    assert "cost_function is ignored" in one_line(capsys, gradient_check).message


def test_a_cache_unpacked_in_the_wrong_order_is_named(capsys):
    def linear_activation_backward(dA, cache, activation):
        Z, linear_cache = cache
        dZ = np.array(dA, copy=True)
        dZ[np.asarray(Z) <= 0] = 0  # the learner's own relu_backward, given the linear cache as Z
        return dh.linear_backward(dZ, linear_cache)
    message = one_line(capsys, linear_activation_backward).message
    assert "linear_cache, Z = cache" in message


def test_a_training_loop_that_initializes_inside_the_loop_is_named(capsys):
    def L_layer_model(X, Y, layers_dims, learning_rate=0.0075, num_iterations=3000, print_cost=False):
        costs = []
        for _ in range(num_iterations):
            parameters = dh.initialize_parameters_deep(layers_dims, seed=1, method="xavier")
            AL, caches = dh.L_model_forward(X, parameters)
            costs.append(dh.compute_cost(AL, Y))
            parameters = dh.update_parameters(parameters, dh.L_model_backward(AL, Y, caches), learning_rate)
        return parameters, costs
    assert "initialize them once, before the loop" in one_line(capsys, L_layer_model).message


def test_an_error_inside_the_learners_earlier_function_names_that_function(capsys):
    def dropout_forward(A, keep_prob, seed=0):
        raise TypeError("seed must be an int")

    def L_model_forward_with_dropout(X, parameters, keep_prob=0.5, seed=0, hidden_activation="relu"):
        rng = np.random.default_rng(seed)
        A, caches, L = X, [], len(parameters) // 2
        for l in range(1, L + 1):
            A, (linear_cache, Z) = dh.linear_activation_forward(A, parameters[f"W{l}"], parameters[f"b{l}"],
                                                                hidden_activation if l < L else "sigmoid")
            D = None
            if l < L:
                A, D = dropout_forward(A, keep_prob, rng)
            caches.append((linear_cache, Z, D))
        return A, caches
    message = one_line(capsys, L_model_forward_with_dropout).message
    assert "raised TypeError in dropout_forward, which it calls (check it first: dh.check(dropout_forward))" in message
