"""The catalogue of dh.check for notebook 11_gradient_checking: numerical_gradients, relative_difference,
gradient_check.

(How a catalogue is written: ``engine.exercise`` and ``engine.mistake``.)
"""

import numpy as np

from ..backward import L_model_backward
from ..cost import compute_cost
from ..forward import L_model_forward
from ..regularization import L_model_backward_with_regularization, compute_cost_with_regularization
from .engine import Case, compare, exercise, mistake
from .inputs import seeded_rng, labels, network

NOTEBOOK = "11"
ORDER = ("numerical_gradients", "relative_difference", "gradient_check")  # as the notebook teaches them

# --- 11: gradient checking ------------------------------------------------------------------------------------------


def _cost_function(X, Y, hidden_activation="relu", given=None):

    def cost_function(parameters):
        return compute_cost(L_model_forward(X, parameters, hidden_activation)[0], Y)
    return given or cost_function


def _flatten(parameters):
    L = len(parameters) // 2
    names = [name for l in range(1, L + 1) for name in (f"W{l}", f"b{l}")]
    return names, np.concatenate([np.ravel(parameters[name]).astype(float) for name in names])


def _unflatten(theta, parameters, names):
    out, start = {}, 0
    for name in names:
        size = np.size(parameters[name])
        out[name] = theta[start:start + size].reshape(np.shape(parameters[name]))
        start += size
    return out


def _numerical_variant(cost_function, parameters, epsilon=1e-6, one_sided=False, two=2, copy=True, plus_sign=False):
    names, theta = _flatten(parameters)
    approx = np.zeros_like(theta)
    for i in range(theta.size):
        plus = theta.copy() if copy else theta
        minus = theta.copy() if copy else theta
        plus[i] += epsilon
        J_plus = cost_function(_unflatten(plus, parameters, names))
        if one_sided:
            J_minus = cost_function(_unflatten(theta if copy else minus, parameters, names))
            approx[i] = (J_plus - J_minus) / epsilon
            continue
        minus[i] -= epsilon
        J_minus = cost_function(_unflatten(minus, parameters, names))
        approx[i] = ((J_plus + J_minus) if plus_sign else (J_plus - J_minus)) / (two * epsilon)
    return {"d" + name: value for name, value in _unflatten(approx, parameters, names).items()}


def _relative_variant(grad, approx, kind="right"):
    top = np.linalg.norm(grad + approx) if kind == "numerator_not_norm_of_difference" else np.linalg.norm(grad - approx)
    if kind == "difference_not_relative":
        return float(top)
    if kind == "denominator_only_norm_of_grad":
        return float(top / np.linalg.norm(grad))
    bottom = np.linalg.norm(grad) + np.linalg.norm(approx)
    if kind == "denominator_norm_of_sum":
        bottom = np.linalg.norm(grad + approx)
    if kind == "squared_norms":
        return float(top ** 2 / (np.linalg.norm(grad) ** 2 + np.linalg.norm(approx) ** 2))
    if kind == "L1_norm_instead_of_euclidean":
        top, bottom = np.sum(np.abs(grad - approx)), np.sum(np.abs(grad)) + np.sum(np.abs(approx))
    return 0.0 if bottom == 0 else float(top / bottom)


def _within_relative(reference_tol):
    """Loose comparison for numbers that carry finite-difference noise."""
    def close(got, expected):
        got, expected = float(np.asarray(got)), float(np.asarray(expected))
        if expected < 1e-6:                      # right gradients: any tiny value is right
            return 0 <= got < max(1e-7, 100 * expected)
        return abs(got - expected) <= reference_tol * expected
    return close


def gradcheck_cases():
    cases = []
    for dims, m, seed, bug, epsilon in [([3, 4, 1], 5, 1, False, None), ([3, 4, 1], 5, 1, True, None),
                                        ([2, 3, 2, 1], 4, 2, True, None), ([2, 3, 1], 1, 3, False, 1e-3),
                                        ([2, 3, 1], 6, 4, True, 1e-4)]:
        X, parameters = network(dims, m, seed)
        Y = labels(m, seed)
        AL, caches = L_model_forward(X, parameters)
        grads = {key: value for key, value in L_model_backward(AL, Y, caches).items() if not key.startswith("dA")}
        if bug:
            grads["db1"] = grads["db1"] * 3
            grads["dW1"] = grads["dW1"] + seeded_rng(seed).normal(0, 0.05, grads["dW1"].shape)
        kwargs = {} if epsilon is None else {"epsilon": epsilon}
        cases.append(Case({"parameters": parameters, "grads": grads, "X": X, "Y": Y}, kwargs, m=m,
                          label="a bug in grads" if bug else "right grads", accepts=_within_relative(1e-4)))
    # a tanh network, a cost_function given (the L2-regularized cost) and a large epsilon, each with right grads
    X, parameters = network([3, 4, 1], 5, 6)
    Y = labels(5, 6)
    AL, caches = L_model_forward(X, parameters, "tanh")
    grads = {key: value for key, value in L_model_backward(AL, Y, caches, "tanh").items() if not key.startswith("dA")}
    cases.append(Case({"parameters": parameters, "grads": grads, "X": X, "Y": Y}, {"hidden_activation": "tanh"}, m=5,
                      label="tanh, right grads", accepts=_within_relative(1e-4)))
    X, parameters = network([3, 4, 1], 5, 7)
    Y = labels(5, 7)
    AL, caches = L_model_forward(X, parameters)
    grads = {key: value for key, value in L_model_backward_with_regularization(AL, Y, caches, 0.7).items()
             if not key.startswith("dA")}
    cases.append(Case({"parameters": parameters, "grads": grads, "X": X, "Y": Y},
                      {"cost_function": _regularized_cost(X, Y, 0.7)}, m=5,
                      label="cost_function the L2 cost, its right grads", accepts=_within_relative(1e-4)))
    X, parameters = network([2, 3, 1], 6, 8)
    Y = labels(6, 8)
    AL, caches = L_model_forward(X, parameters, "tanh")
    grads = {key: value for key, value in L_model_backward(AL, Y, caches, "tanh").items() if not key.startswith("dA")}
    cases.append(Case({"parameters": parameters, "grads": grads, "X": X, "Y": Y},
                      {"epsilon": 0.05, "hidden_activation": "tanh"}, m=6, label="epsilon 0.05, right grads",
                      accepts=_within_relative(1e-4)))
    return cases


def _regularized_cost(X, Y, lambd):
    def cost_function(parameters):
        return compute_cost_with_regularization(L_model_forward(X, parameters)[0], Y, parameters, lambd)
    return cost_function


@exercise("gradient_check", outputs=("difference",), float32=False,
          covers="right and buggy gradients, epsilon 1e-6 to 0.05, tanh, a cost_function given, m = 1, "
                 "inputs unchanged")
def _gradient_check_cases():
    return gradcheck_cases()


def _gradient_check_variant(parameters, grads, X, Y, epsilon=1e-6, hidden_activation="relu", cost_function=None,
                            **numerical):
    cost = _cost_function(X, Y, hidden_activation, cost_function)
    approx = _numerical_variant(cost, parameters, epsilon, **numerical)
    names, _ = _flatten(parameters)
    grad = np.concatenate([np.ravel(grads["d" + name]) for name in names])
    return _relative_variant(grad, np.concatenate([np.ravel(approx["d" + name]) for name in names]))


@mistake("gradient_check", "the one-sided difference (J(θ + ε) - J(θ)) / ε is only accurate to about ε: use the "
                           "two-sided (J(θ + ε) - J(θ - ε)) / (2ε), accurate to ε²")
def one_sided_difference(parameters, grads, X, Y, epsilon=1e-6, hidden_activation="relu", cost_function=None):
    return _gradient_check_variant(parameters, grads, X, Y, epsilon, hidden_activation, cost_function, one_sided=True)


@mistake("gradient_check", "the two-sided difference divides by 2ε, the distance between θ - ε and θ + ε")
def divided_by_epsilon_not_2_epsilon(parameters, grads, X, Y, epsilon=1e-6, hidden_activation="relu",
                                     cost_function=None):
    return _gradient_check_variant(parameters, grads, X, Y, epsilon, hidden_activation, cost_function, two=1)


@mistake("gradient_check", "θ+ and θ- must be copies of θ (theta.copy()): as the same array, both nudges land on "
                           "θ itself and every difference comes out wrong")
def nudges_on_theta_itself(parameters, grads, X, Y, epsilon=1e-6, hidden_activation="relu", cost_function=None):
    return _gradient_check_variant(parameters, grads, X, Y, epsilon, hidden_activation, cost_function, copy=False)


def _gradient_check_relative(kind):
    def check(parameters, grads, X, Y, epsilon=1e-6, hidden_activation="relu", cost_function=None):
        approx = _numerical_variant(_cost_function(X, Y, hidden_activation, cost_function), parameters, epsilon)
        names, _ = _flatten(parameters)
        grad = np.concatenate([np.ravel(grads["d" + name]) for name in names])
        return _relative_variant(grad, np.concatenate([np.ravel(approx["d" + name]) for name in names]), kind)
    return check


RELATIVE_MISTAKES = [
    ("difference_not_relative",
     "the difference must be relative: divide ‖grad - gradapprox‖ by ‖grad‖ + ‖gradapprox‖"),
    ("denominator_only_norm_of_grad", "the denominator is ‖grad‖ + ‖gradapprox‖, the sum of both norms"),
    ("denominator_norm_of_sum",
     "the denominator is ‖grad‖ + ‖gradapprox‖, the sum of the two norms, not the norm of the sum"),
    ("squared_norms", "use the norms themselves (np.linalg.norm), not their squares"),
    ("numerator_not_norm_of_difference",
     "the numerator is the norm of the difference, ‖grad - gradapprox‖"),
    ("L1_norm_instead_of_euclidean",
     "‖·‖ is the Euclidean norm, np.linalg.norm (the square root of the sum of squares), not the sum of the "
     "absolute values"),
]
for _called, _sentence in RELATIVE_MISTAKES:
    mistake("gradient_check", _sentence, called=_called)(_gradient_check_relative(_called))


@mistake("gradient_check", "cost_function is ignored: when it is given, the numerical gradient is the gradient of "
                           "that cost (e.g. the regularized one); build the default cost only when it is None")
def cost_function_ignored(parameters, grads, X, Y, epsilon=1e-6, hidden_activation="relu",
                          cost_function=None):
    return _gradient_check_variant(parameters, grads, X, Y, epsilon, hidden_activation)


@mistake("gradient_check", "the default cost ignores hidden_activation: compute it with "
                           "L_model_forward(X, p, hidden_activation), or a tanh network is checked as a ReLU one")
def default_cost_ignores_hidden_activation(parameters, grads, X, Y, epsilon=1e-6, hidden_activation="relu",
                                           cost_function=None):
    return _gradient_check_variant(parameters, grads, X, Y, epsilon, "relu", cost_function)


ORDER_SENTENCE = ("grads is flattened in another order than the numerical gradient (its own dict order, which "
                  "backprop fills from layer L down, or sorted keys): flatten both with the parameters' layout, "
                  "grads_to_vector(grads, layout)")


def check_with_grads_in_order(parameters, grads, X, Y, epsilon, hidden_activation, cost_function, order):
    approx = _numerical_variant(_cost_function(X, Y, hidden_activation, cost_function), parameters, epsilon)
    names, _ = _flatten(parameters)
    grad = np.concatenate([np.ravel(value) for key, value in order(grads.items()) if not key.startswith("dA")])
    return _relative_variant(grad, np.concatenate([np.ravel(approx["d" + name]) for name in names]))


@mistake("gradient_check", ORDER_SENTENCE)
def grads_flattened_in_dict_order(parameters, grads, X, Y, epsilon=1e-6, hidden_activation="relu",
                                  cost_function=None):
    return check_with_grads_in_order(parameters, grads, X, Y, epsilon, hidden_activation, cost_function, list)


@mistake("gradient_check", ORDER_SENTENCE)
def grads_flattened_in_sorted_key_order(parameters, grads, X, Y, epsilon=1e-6, hidden_activation="relu",
                                        cost_function=None):
    return check_with_grads_in_order(parameters, grads, X, Y, epsilon, hidden_activation, cost_function, sorted)


@mistake("gradient_check", "epsilon is ignored: nudge each parameter by the epsilon argument, θ ± epsilon")
def epsilon_ignored(parameters, grads, X, Y, epsilon=1e-6, hidden_activation="relu",
                    cost_function=None):
    return _gradient_check_variant(parameters, grads, X, Y, 1e-7, hidden_activation, cost_function)


@exercise("numerical_gradients", outputs=("grads_approx",), float32=False, explain=lambda *a: explain_numerical(*a),
          covers="1 and 2 hidden layers, epsilon 1e-6, 1e-4 and 0.3, tanh, inputs unchanged")
def _numerical_gradients_cases():
    cases = []
    for dims, m, seed, epsilon in [([3, 4, 1], 5, 1, None), ([2, 3, 2, 1], 4, 2, 1e-4), ([2, 1], 1, 3, None)]:
        X, parameters = network(dims, m, seed)
        kwargs = {} if epsilon is None else {"epsilon": epsilon}
        cases.append(Case({"cost_function": _cost_function(X, labels(m, seed)), "parameters": parameters}, kwargs,
                          accepts=lambda got, expected: compare(got, expected) is None or _close_dicts(got, expected)))
    # a large epsilon: the two-sided difference then differs from the true gradient by ~ε², so the answer depends on
    # epsilon, and a version that ignores it (or nudges by another amount) is seen
    X, parameters = network([3, 4, 1], 5, 4)
    cases.append(Case({"cost_function": _cost_function(X, labels(5, 4), "tanh"), "parameters": parameters},
                      {"epsilon": 0.3}, label="epsilon 0.3, where the answer depends on epsilon"))
    return cases


def explain_numerical(mine, ref, case):
    """Wrong entries that start after the first right ones: a nudge of θ was not undone before the next entry."""
    if not (isinstance(mine, dict) and set(mine) == set(ref)):
        return None
    names = list(ref)
    got = np.concatenate([np.ravel(np.asarray(mine[k], dtype=float)) for k in names])
    expected = np.concatenate([np.ravel(np.asarray(ref[k], dtype=float)) for k in names])
    if got.shape != expected.shape:
        return None
    bad = ~np.isclose(got, expected, rtol=1e-4, atol=1e-7)
    if bad.any() and not bad[0]:
        right = int(np.argmax(bad))
        return (f"only the first {right} entr{'y is' if right == 1 else 'ies are'} right: each nudge of θ must be "
                f"undone (or made on a fresh copy of θ) before the next entry is nudged")
    return None


@mistake("numerical_gradients", "the numerical gradient is all zero: θ+ and θ- must be two separate copies of θ "
                                "(theta.copy() for each), or the + ε and - ε nudges land on one array and cancel")
def all_zero_gradient(cost_function, parameters, epsilon=1e-6):
    return {"d" + name: np.zeros(np.shape(value)) for name, value in parameters.items()}


@mistake("numerical_gradients", "the nudges accumulate: copy θ inside the loop, for each i (theta_plus = theta.copy(); "
                                "theta_plus[i] += epsilon), so that only parameter i moves")
def nudges_accumulate(cost_function, parameters, epsilon=1e-6):
    names, theta = _flatten(parameters)
    plus, minus, approx = theta.copy(), theta.copy(), np.zeros_like(theta)
    for i in range(theta.size):
        plus[i] += epsilon
        minus[i] -= epsilon
        approx[i] = (cost_function(_unflatten(plus, parameters, names))
                     - cost_function(_unflatten(minus, parameters, names))) / (2 * epsilon)
    return {"d" + name: value for name, value in _unflatten(approx, parameters, names).items()}


def _close_dicts(got, expected):
    return set(got) == set(expected) and all(
        np.shape(got[k]) == np.shape(expected[k]) and np.allclose(got[k], expected[k], rtol=1e-4, atol=1e-7)
        for k in expected)


NUMERICAL_MISTAKES = [   # (name, sentence, what the loop does otherwise: _numerical_variant's options)
    ("one_sided_numerical_gradient", "the one-sided difference (J(θ + ε) - J(θ)) / ε is only accurate to about ε: use "
                                     "the two-sided (J(θ + ε) - J(θ - ε)) / (2ε)", {"one_sided": True}),
    ("numerical_gradient_divided_by_epsilon", "the two-sided difference divides by 2ε, the distance between θ - ε and "
                                              "θ + ε", {"two": 1}),
    ("numerical_nudges_on_theta_itself", "θ+ and θ- must be copies of θ (theta.copy()): as the same array, both "
                                         "nudges land on θ itself and every difference comes out wrong",
     {"copy": False}),
    ("two_sided_difference_adds", "the two-sided difference subtracts: (J(θ + ε) - J(θ - ε)) / (2ε)",
     {"plus_sign": True}),
]
for _called, _sentence, _options in NUMERICAL_MISTAKES:
    mistake("numerical_gradients", _sentence, called=_called)(
        lambda cost_function, parameters, epsilon=1e-6, options=_options: _numerical_variant(cost_function, parameters,
                                                                                             epsilon, **options))


@mistake("numerical_gradients", "the keys must be those of grads, 'dW1', 'db1', ...: 'd' + the parameter's name")
def keys_without_d_prefix(cost_function, parameters, epsilon=1e-6):
    return {key[1:]: value for key, value in _numerical_variant(cost_function, parameters, epsilon).items()}


@exercise("relative_difference", outputs=("difference",), float32=False,
          covers="equal, different and all-zero gradients, inputs unchanged")
def _relative_difference_cases():
    r = seeded_rng(80)
    grad = r.standard_normal(12)
    return [Case({"grad": grad, "grad_approx": grad + r.normal(0, 0.1, 12)}),
            Case({"grad": grad * 3, "grad_approx": grad}),
            Case({"grad": r.standard_normal(5), "grad_approx": r.standard_normal(5)}),
            Case({"grad": np.zeros(4), "grad_approx": np.zeros(4)}, label="both zero")]


def _with_zero_guard(grad, grad_approx, kind):
    """A wrong formula written with the zero guard (0.0 when both gradients are zero)."""
    if not np.any(grad) and not np.any(grad_approx):
        return 0.0
    return _relative_variant(grad, grad_approx, kind)


def _without_zero_guard(grad, grad_approx, kind):
    """A wrong formula written without the zero guard (NaN when both gradients are zero): the formula is named."""
    if not np.any(grad) and not np.any(grad_approx):
        return float("nan")
    return _relative_variant(grad, grad_approx, kind)


for _called, _sentence in RELATIVE_MISTAKES:
    mistake("relative_difference", _sentence, called=_called)(
        lambda grad, grad_approx, kind=_called: _relative_variant(grad, grad_approx, kind))
    mistake("relative_difference", _sentence, called=f"{_called}_zero_when_both_zero")(
        lambda grad, grad_approx, kind=_called: _with_zero_guard(grad, grad_approx, kind))
    mistake("relative_difference", _sentence, called=f"{_called}_nan_when_both_zero")(
        lambda grad, grad_approx, kind=_called: _without_zero_guard(grad, grad_approx, kind))


@mistake("relative_difference", "when both gradients are zero the difference is 0 (0 / 0 would be NaN): "
                                "return 0.0 if the denominator is 0")
def nan_when_both_zero(grad, grad_approx):
    return float(np.linalg.norm(grad - grad_approx) / (np.linalg.norm(grad) + np.linalg.norm(grad_approx)))
