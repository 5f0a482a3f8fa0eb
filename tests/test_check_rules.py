"""dh.check's rules, each with a planted wrong version: one mistake gives one ✗ (isolation), no answer taken from the
package's own solution, every case a ✓ names is asserted, messages of at most 160 characters a line, numpy's global
state restored, any exception of the learner's reported (SystemExit too), a misnamed function told how to name it."""

import functools
import json
import re
import sys
import types
from pathlib import Path

import numpy as np
import pytest

import dnn_helpers as dh
import dnn_helpers.backward
from dnn_helpers import linear_backward as lb
from dnn_helpers.check import engine, exercise_notebooks, judge
from dnn_helpers.check.engine import EXERCISES, LINE_WIDTH, message_lines


def in_namespace(source, **extra):
    """Functions defined as a notebook defines them: in one globals dict (the notebook's namespace)."""
    namespace = {"np": np, "dh": dh, **extra}
    exec(source, namespace)  # noqa: S102 - the test's own code, as a notebook cell would run it
    return namespace


RIGHT_LINEAR_FORWARD = """
def linear_forward(A, W, b):
    return W @ A + b, (A, W, b)
"""
WRONG_LINEAR_FORWARD = """
def linear_forward(A, W, b):
    return W @ A, (A, W, b)
"""
LINEAR_ACTIVATION_FORWARD = """
def linear_activation_forward(A_prev, W, b, activation):
    Z, linear_cache = linear_forward(A_prev, W, b)
    A, Z = {"relu": dh.relu, "sigmoid": dh.sigmoid, "tanh": dh.tanh}[activation](Z)
    return A, (linear_cache, Z)
"""


# --- one mistake, one ✗ -----------------------------------------------------------------------------------------------


def test_a_wrong_earlier_function_does_not_make_the_next_one_wrong_and_is_named():
    namespace = in_namespace(WRONG_LINEAR_FORWARD + LINEAR_ACTIVATION_FORWARD)
    assert not judge(namespace["linear_forward"]).passed
    result = judge(namespace["linear_activation_forward"])
    assert result.passed, result.message
    first, second = result.message.split("\n")
    assert first.startswith("✓ linear_activation_forward: right on ")
    assert second == "    it uses your linear_forward, which fails its check: fix that first (dh.check(linear_forward))"


def test_a_right_earlier_function_adds_no_line():
    namespace = in_namespace(RIGHT_LINEAR_FORWARD + LINEAR_ACTIVATION_FORWARD)
    result = judge(namespace["linear_activation_forward"])
    assert result.passed and "\n" not in result.message


def test_isolation_reaches_the_learners_helpers_and_modules():
    """A helper of the learner's (not an exercise) that calls their wrong linear_forward is isolated too, and so is
    a function loaded from a module (the exercises edition saves the learner's functions to a .py file)."""
    helper = """
def layer(A_prev, W, b, activation):
    Z, linear_cache = linear_forward(A_prev, W, b)
    A, Z = {"relu": dh.relu, "sigmoid": dh.sigmoid, "tanh": dh.tanh}[activation](Z)
    return A, (linear_cache, Z)

def linear_activation_forward(A_prev, W, b, activation):
    return layer(A_prev, W, b, activation)
"""
    namespace = in_namespace(WRONG_LINEAR_FORWARD + helper)
    result = judge(namespace["linear_activation_forward"])
    assert result.passed and "it uses your linear_forward, which fails its check" in result.message
    module = types.ModuleType("my_network")
    module.__dict__.update({"np": np, "dh": dh})
    exec(WRONG_LINEAR_FORWARD + LINEAR_ACTIVATION_FORWARD, module.__dict__)  # noqa: S102
    result = judge(module.linear_activation_forward)
    assert result.passed and "it uses your linear_forward, which fails its check" in result.message
    assert module.linear_activation_forward.__globals__["linear_forward"] is module.linear_forward  # untouched


def test_an_earlier_function_not_written_yet_is_named():
    namespace = in_namespace("""
def linear_forward(A, W, b):
    raise NotImplementedError("write linear_forward")
""" + LINEAR_ACTIVATION_FORWARD)
    result = judge(namespace["linear_activation_forward"])
    assert result.passed and "it uses your linear_forward, which is not written yet" in result.message


def test_the_exercises_stub_stops_run_all_at_its_check():
    def linear_forward(A, W, b):
        raise dh.NotWritten("linear_forward")
    with pytest.raises(dh.NotWritten):
        dh.check(linear_forward)


def test_two_functions_that_call_each_other_do_not_loop():
    namespace = in_namespace("""
def relu(Z):
    return (relu_backward(np.ones_like(Z), Z) * Z, Z) if Z.ndim == 2 else (Z, Z)

def relu_backward(dA, Z):
    return dA * (relu(Z)[0] > 0)
""")
    assert isinstance(judge(namespace["relu"]).passed, bool)


# --- no shortcut ------------------------------------------------------------------------------------------------------


def _direct(dZ, cache):
    return dh.linear_backward(dZ, cache)


def _module_attribute(dZ, cache):
    return dnn_helpers.backward.linear_backward(dZ, cache)


def _alias(dZ, cache):
    return lb(dZ, cache)


def _through_a_later_step(dZ, cache):
    A_prev, W, b = cache
    Z = W @ A_prev + b
    return dh.linear_activation_backward(dZ * (Z > 0) + dZ * (Z <= 0), ((A_prev, W, b), np.abs(Z) + 1), "relu")


SHORTCUTS = [
    ("linear_backward", _direct), ("linear_backward", _module_attribute), ("linear_backward", _alias),
    ("linear_backward", functools.partial(dh.linear_backward)), ("linear_backward", lambda dZ, cache: lb(dZ, cache)),
    ("linear_backward", _through_a_later_step),
    ("relu_backward", lambda dA, Z: dh.activation_backward(dA, Z, "relu")),
    ("initialize_parameters", lambda n_x, n_h, n_y, seed=1: dh.initialize_parameters_deep([n_x, n_h, n_y], seed)),
    ("update_parameters_with_adam", lambda parameters, grads, v, s, t, learning_rate=0.01, beta1=0.9, beta2=0.999,
     epsilon=1e-8: dh.update_parameters_with_adam(parameters, grads, v, s, t, learning_rate, beta1, beta2, epsilon)),
]


@pytest.mark.parametrize("name, function", SHORTCUTS, ids=[f"{n}-{i}" for i, (n, _) in enumerate(SHORTCUTS)])
def test_an_answer_from_the_packages_solution_is_refused(name, function):
    result = judge(function, name)
    assert not result.passed
    assert "package's own" in result.message and ("write the computation yourself" in result.message
                                                   or "not yours" in result.message)


@pytest.mark.parametrize("name", sorted(EXERCISES))
def test_the_packages_own_function_is_refused(name):
    result = judge(EXERCISES[name].reference_function(), name)
    assert not result.passed and "this is the package's own function" in result.message


def test_intended_calls_to_earlier_steps_are_accepted():
    namespace = in_namespace("""
def linear_activation_forward(A_prev, W, b, activation):
    Z, linear_cache = dh.linear_forward(A_prev, W, b)
    A, Z = {"relu": dh.relu, "sigmoid": dh.sigmoid, "tanh": dh.tanh}[activation](Z)
    return A, (linear_cache, Z)

def sigmoid_backward(dA, Z):
    s = dh.sigmoid(Z)[0]
    return dA * s * (1 - s)

def L_model_forward(X, parameters, hidden_activation="relu"):
    A, caches, L = X, [], len(parameters) // 2
    for l in range(1, L + 1):
        A, cache = dh.linear_activation_forward(A, parameters[f"W{l}"], parameters[f"b{l}"],
                                                hidden_activation if l < L else "sigmoid")
        caches.append(cache)
    return A, caches
""")
    for name in ("linear_activation_forward", "sigmoid_backward", "L_model_forward"):
        result = judge(namespace[name])
        assert result.passed, result.message


# --- a ✓ tells the truth: each class, with a planted wrong version ---------------------------------------------------


def _cost_clipped_at(eps):
    def compute_cost(AL, Y):
        P = np.clip(AL, eps, 1 - eps)
        return float(-np.mean(Y * np.log(P) + (1 - Y) * np.log(1 - P)))
    return compute_cost


def test_the_cost_at_the_edges_is_the_courses_in_float64_and_float32():
    assert judge(_cost_clipped_at(None), "compute_cost").passed is False  # no clip: inf
    message = judge(_cost_clipped_at(1e-15), "compute_cost").message
    assert "34.54" in message and "36.04" in message   # float64: a fixed clip costs 34.54, the course's 36.04

    def compute_cost(AL, Y):     # the course's clip, but float64's eps in float32: 1 - 2.2e-16 rounds to 1
        eps = np.finfo(float).eps
        P = np.clip(AL, eps, 1 - eps)
        return float(-np.mean(Y * np.log(P) + (1 - Y) * np.log(1 - P)))
    result = judge(compute_cost)
    assert not result.passed and "float32" in result.message

    def compute_cost(AL, Y):     # right: eps of AL's dtype
        eps = np.finfo(AL.dtype).eps
        P = np.clip(AL, eps, 1 - eps)
        return float(-np.mean(Y * np.log(P) + (1 - Y) * np.log(1 - P)))
    assert judge(compute_cost).passed


def test_predictions_are_numbers_not_booleans():
    def predict(X, parameters, hidden_activation="relu", threshold=0.5):
        return dh.L_model_forward(X, parameters, hidden_activation)[0] > threshold
    assert "booleans" in judge(predict).message

    def predict(X, parameters, hidden_activation="relu", threshold=0.5):
        return (dh.L_model_forward(X, parameters, hidden_activation)[0] > threshold) * 1.0
    assert judge(predict).passed


def _numerical(step):
    def numerical_gradients(cost_function, parameters, epsilon=1e-6):
        grads = {}
        for name, value in parameters.items():
            approx = np.zeros(value.shape)
            for index in np.ndindex(value.shape):
                plus = {k: v.copy() for k, v in parameters.items()}
                minus = {k: v.copy() for k, v in parameters.items()}
                plus[name][index] += step(epsilon)
                minus[name][index] -= step(epsilon)
                approx[index] = (cost_function(plus) - cost_function(minus)) / (2 * step(epsilon))
            grads["d" + name] = approx
        return grads
    return numerical_gradients


def test_arguments_that_change_the_answer_are_passed_with_other_values():
    assert judge(_numerical(lambda epsilon: epsilon)).passed
    assert "epsilon" in judge(_numerical(lambda epsilon: 1e-7)).message

    def update_parameters_with_rmsprop(parameters, grads, s, beta2, learning_rate, epsilon=1e-8):
        s = {k: beta2 * s[k] + (1 - beta2) * grads[k] ** 2 for k in s}
        return {k: w - learning_rate * grads["d" + k] / (np.sqrt(s["d" + k]) + 1e-8)
                for k, w in parameters.items()}, s
    assert "epsilon is ignored" in judge(update_parameters_with_rmsprop).message

    def update_parameters_with_adam(parameters, grads, v, s, t, learning_rate=0.01, beta1=0.9, beta2=0.999,
                                    epsilon=1e-8):
        new_p, new_v, new_s = {}, {}, {}
        for k, w in parameters.items():
            g = grads["d" + k]
            new_v["d" + k] = beta1 * v["d" + k] + (1 - beta1) * g
            new_s["d" + k] = 0.999 * s["d" + k] + 0.001 * g * g
            v_hat, s_hat = new_v["d" + k] / (1 - beta1 ** t), new_s["d" + k] / (1 - 0.999 ** t)
            new_p[k] = w - learning_rate * v_hat / (np.sqrt(s_hat) + epsilon)
        return new_p, new_v, new_s
    assert "beta2 is ignored" in judge(update_parameters_with_adam).message


def _forward_dropout(hidden_from_argument=True, per_example=True):
    def L_model_forward_with_dropout(X, parameters, keep_prob=0.5, seed=0, hidden_activation="relu"):
        rng = np.random.default_rng(seed)
        A, caches, L = X, [], len(parameters) // 2
        for l in range(1, L + 1):
            hidden = hidden_activation if hidden_from_argument else "relu"
            A, (linear_cache, Z) = dh.linear_activation_forward(A, parameters[f"W{l}"], parameters[f"b{l}"],
                                                                hidden if l < L else "sigmoid")
            D = None
            if l < L:
                D = rng.random(A.shape if per_example else (A.shape[0], 1)) < keep_prob
                D = np.broadcast_to(D, A.shape).copy()
                A = A * D / keep_prob
            caches.append((linear_cache, Z, D))
        return A, caches
    return L_model_forward_with_dropout


def test_dropout_uses_hidden_activation_and_one_mask_per_example():
    assert judge(_forward_dropout()).passed
    assert "hidden_activation is ignored" in judge(_forward_dropout(hidden_from_argument=False)).message

    def dropout_forward(A, keep_prob, seed=0):
        D = np.random.default_rng(seed).random((A.shape[0], 1)) < keep_prob
        return A * D / keep_prob, np.broadcast_to(D, A.shape).copy()
    assert "shared by every example" in judge(dropout_forward).message


def test_seeds_are_passed_as_int_and_as_a_generator():
    def dropout_forward(A, keep_prob, seed=0):
        rng = np.random.default_rng(int(seed))  # int(Generator) fails
        D = rng.random(A.shape) < keep_prob
        return A * D / keep_prob, D
    message = judge(dropout_forward).message
    assert "Generator" in message

    def random_mini_batches(X, Y, mini_batch_size=64, seed=0):
        permutation = np.random.default_rng(seed).permutation(X.shape[1])
        X, Y = X[:, permutation], Y[:, permutation]
        return [(X[:, k:k + mini_batch_size], Y[:, k:k + mini_batch_size])
                for k in range(0, X.shape[1], mini_batch_size)]
    assert judge(random_mini_batches).passed


def test_softmax_sees_mixed_sign_logits():
    def softmax(Z):
        E = np.exp(Z - Z.min(axis=0, keepdims=True))
        return E / E.sum(axis=0, keepdims=True), Z
    assert not judge(softmax).passed

    def softmax(Z):
        E = np.exp(Z - Z.max(axis=0, keepdims=True))
        return E / E.sum(axis=0, keepdims=True), Z
    assert judge(softmax).passed


def test_a_renamed_parameter_is_named_and_no_case_is_skipped_silently():
    def update_parameters(parameters, grads, lr):
        return {k: w - lr * grads["d" + k] for k, w in parameters.items()}
    message = judge(update_parameters).message
    assert "its parameter learning_rate is named lr" in message

    def predict(X, parameters, threshold=0.5):   # hidden_activation missing altogether: said on the ✓ line
        return (dh.L_model_forward(X, parameters)[0] > threshold).astype(int)
    result = judge(predict)
    assert result.passed and "not tried: hidden_activation" in result.message


def test_arguments_passed_by_keyword_and_by_position_agree():
    def dropout_forward(A, seed=0, keep_prob=0.5):   # parameters in another order: by keyword it is right
        D = np.random.default_rng(seed).random(A.shape) < keep_prob
        return A * D / keep_prob, D
    assert not judge(dropout_forward).passed


def test_a_gradient_check_nudge_never_put_back_is_not_called_a_factor_of_1():
    def numerical_gradients(cost_function, parameters, epsilon=1e-6):
        work = {k: v.astype(float).copy() for k, v in parameters.items()}
        grads = {}
        for name, value in work.items():
            approx = np.zeros(value.shape)
            for index in np.ndindex(value.shape):
                value[index] += epsilon
                J_plus = cost_function(work)
                value[index] -= 2 * epsilon
                J_minus = cost_function(work)          # θ is never put back: every later entry is off by -ε
                approx[index] = (J_plus - J_minus) / (2 * epsilon)
            grads["d" + name] = approx
        return grads
    message = judge(numerical_gradients).message
    assert not message.startswith("✓") and "1 times" not in message
    assert "undone" in message or "put back" in message or "copies" in message


# --- messages ---------------------------------------------------------------------------------------------------------


MISTAKES = [(name, index) for name, exercise in EXERCISES.items() for index in range(len(exercise.mistakes))]


def test_every_catalogued_mistake_is_named_after_what_it_gets_wrong():
    """A mistake's function name is its test id: two words or more in snake case (``dW_not_divided_by_m``), never
    ``_`` or a lambda, never a numbered copy (``..._2``); no two mistakes of one exercise share a name. Mistakes made
    by a table or a factory get theirs from ``mistake(..., called=...)``."""
    bad, seen = [], {}
    for name, exercise in EXERCISES.items():
        labels = [mistake.function.__name__ for mistake in exercise.mistakes]
        stems = [re.sub(r"_\d+$", "", label) for label in labels]
        for mistake, label, stem in zip(exercise.mistakes, labels, stems, strict=True):
            numbered = stem != label and stems.count(stem) > 1      # dz_not_averaged, dz_not_averaged_2
            if not re.fullmatch(r"[A-Za-z][A-Za-z0-9]*(_[A-Za-z0-9]+)+", label) or numbered:
                bad.append(f"{name}: {label!r} ({mistake.sentence[:50]}...)")
            seen.setdefault((name, label), []).append(mistake.sentence[:50])
    assert not bad, f"mistakes without a descriptive name: {bad}"
    twice = {key: sentences for key, sentences in seen.items() if len(sentences) > 1}
    assert not twice, f"two mistakes of one exercise share a name: {twice}"


@pytest.mark.parametrize("name, index", MISTAKES)
def test_every_catalogued_mistakes_lines_are_short(name, index):
    result = judge(EXERCISES[name].mistakes[index].function, name)
    first, *more = result.message.split("\n")
    assert len(first) <= LINE_WIDTH and len(more) <= 2, result.message
    assert all(line.startswith("    ") and len(line) <= LINE_WIDTH for line in more), result.message


def test_a_long_sentence_is_cut_at_a_colon_into_a_second_line():
    text = message_lines("✗", "f", "x" * 100 + ": " + "y" * 100)
    assert text == "✗ f: " + "x" * 100 + "\n    " + "y" * 100


def test_a_misnamed_function_is_told_how_to_name_it():
    def my_relu(Z):
        return np.maximum(Z, 0), Z
    assert judge(my_relu).message == ('✗ my_relu: there is no check for a function of this name: '
                                      'say which exercise it is, e.g. '
                                      'dh.check(my_relu, "relu")\n    close names: relu')
    message = judge(lambda Z: Z).message
    assert message.startswith("✗ <lambda>: there is no check for a function of this name")
    assert "close names" not in message
    assert len(judge(lambda Z: Z, "linear_forwrd").message.split("\n")[1]) < 80   # a few names, not 45


def test_something_that_is_not_a_function_is_told_so():
    assert judge(42).message == "✗ check: dh.check needs the function itself, e.g. dh.check(relu); it got int 42"
    assert "it got NoneType None" in judge(None, "relu").message


def test_the_hint_is_pointed_to():
    assert "see the Hint under the exercise" in judge(lambda Z: (Z, Z), "relu").message


# --- exceptions and global state ------------------------------------------------------------------------------------


@pytest.mark.parametrize("error", [SystemExit(3), ValueError("bad"), ZeroDivisionError(), RecursionError()])
def test_any_exception_of_the_learners_is_one_line(error):
    def relu(Z):
        raise error
    result = judge(relu)
    assert not result.passed and type(error).__name__ in result.message


def test_keyboard_interrupt_is_not_swallowed():
    def relu(Z):
        raise KeyboardInterrupt
    with pytest.raises(KeyboardInterrupt):
        judge(relu)


def test_numpys_global_state_is_restored():
    def relu(Z):
        np.random.seed(7)  # noqa: NPY002 - what a learner may do
        np.random.rand()   # noqa: NPY002
        np.seterr(all="raise")
        np.set_printoptions(precision=2, suppress=True)
        return np.maximum(Z, 0), Z
    random_state, errors, printing = np.random.get_state(), np.geterr(), np.get_printoptions()  # noqa: NPY002
    judge(relu)
    assert np.array_equal(np.random.get_state()[1], random_state[1])  # noqa: NPY002
    assert np.geterr() == errors and np.get_printoptions() == printing
    assert sys.getprofile() is None


def test_exercise_notebooks_say_where_each_function_is_taught():
    notebooks = exercise_notebooks()
    assert len(notebooks) == len(EXERCISES) >= 45   # 45 in notebooks 01-15, and those of the notebooks after them
    assert notebooks["linear_backward"] == "04" and notebooks["softmax"] == "15" and notebooks["step_decay"] == "14"
    assert list(notebooks.values()) == sorted(notebooks.values())
    assert list(notebooks)[:2] == ["initialize_parameters", "initialize_parameters_deep"]
    taught = []   # the exercises of the course's notebooks, in the order of their solution cells
    for path in sorted((Path(dh.__file__).parents[1] / "notebooks").glob("*.ipynb")):
        for cell in json.loads(path.read_text(encoding="utf-8"))["cells"]:
            source = "".join(cell["source"])
            if cell["cell_type"] == "code" and "### BEGIN SOLUTION" in source:
                taught += [name for name in re.findall(r"^def (\w+)\(", source, re.M)
                           if name in notebooks and name not in taught and notebooks[name] == path.name[:2]]
    assert [name for name in notebooks if name in taught] == taught


def test_check_hands_its_verdict_to_the_store(monkeypatch, capsys):
    seen = []
    monkeypatch.setattr(engine.store, "record", lambda name, function, result: seen.append((name, result.passed)))

    def relu(Z):
        return np.maximum(Z, 0), Z
    dh.check(relu)
    assert seen == [("relu", True)]
    dh.check(relu, "no_such_exercise")
    assert seen == [("relu", True)]
