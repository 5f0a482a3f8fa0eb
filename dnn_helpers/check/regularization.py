"""The catalogue of typical mistakes for notebooks 11, 13 and 14: the gradient check, L2 and dropout, mini-batches,
momentum, RMSprop, Adam and learning-rate decay. Written like ``mistakes``: inputs per ``@exercise``, then each
``@mistake`` (a wrong implementation and the sentence that names it), specific ones first.
"""

import numpy as np

from .backward import L_model_backward
from .cost import compute_cost
from .exercises import Case, compare, converts_to_float64, exercise, explain_grads, mistake, run, values_close
from .forward import L_model_forward
from .mistakes import ACT, CLIP_SENTENCE, DERIV, _backward, _lb, gen, labels, network, saturated_case
from .regularization import (L_model_backward_with_regularization, L_model_forward_with_dropout,
                             compute_cost_with_regularization)

# --- 11: gradient checking ------------------------------------------------------------------------------------------


def _cost_function(X, Y, hidden_activation="relu", given=None):

    def cost_function(parameters):
        return compute_cost(L_model_forward(X, parameters, hidden_activation)[0], Y)
    return given or cost_function


def _vector(parameters):
    L = len(parameters) // 2
    names = [name for l in range(1, L + 1) for name in (f"W{l}", f"b{l}")]
    return names, np.concatenate([np.ravel(parameters[name]).astype(float) for name in names])


def _unvector(theta, parameters, names):
    out, start = {}, 0
    for name in names:
        size = np.size(parameters[name])
        out[name] = theta[start:start + size].reshape(np.shape(parameters[name]))
        start += size
    return out


def _numerical(cost_function, parameters, epsilon=1e-6, one_sided=False, two=2, copy=True, plus_sign=False):
    names, theta = _vector(parameters)
    approx = np.zeros_like(theta)
    for i in range(theta.size):
        plus = theta.copy() if copy else theta
        minus = theta.copy() if copy else theta
        plus[i] += epsilon
        J_plus = cost_function(_unvector(plus, parameters, names))
        if one_sided:
            J_minus = cost_function(_unvector(theta if copy else minus, parameters, names))
            approx[i] = (J_plus - J_minus) / epsilon
            continue
        minus[i] -= epsilon
        J_minus = cost_function(_unvector(minus, parameters, names))
        approx[i] = ((J_plus + J_minus) if plus_sign else (J_plus - J_minus)) / (two * epsilon)
    return {"d" + name: value for name, value in _unvector(approx, parameters, names).items()}


def _relative(grad, approx, kind="right"):
    top = np.linalg.norm(grad + approx) if kind == "sum on top" else np.linalg.norm(grad - approx)
    if kind == "no denominator":
        return float(top)
    if kind == "grad only":
        return float(top / np.linalg.norm(grad))
    bottom = np.linalg.norm(grad) + np.linalg.norm(approx)
    if kind == "norm of sum":
        bottom = np.linalg.norm(grad + approx)
    if kind == "squared":
        return float(top ** 2 / (np.linalg.norm(grad) ** 2 + np.linalg.norm(approx) ** 2))
    return 0.0 if bottom == 0 else float(top / bottom)


def _near(reference_tol):
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
            grads["dW1"] = grads["dW1"] + gen(seed).normal(0, 0.05, grads["dW1"].shape)
        kwargs = {} if epsilon is None else {"epsilon": epsilon}
        cases.append(Case({"parameters": parameters, "grads": grads, "X": X, "Y": Y}, kwargs, m=m,
                          label="a bug in grads" if bug else "right grads", loose=_near(1e-4)))
    # a tanh network, a cost_function given (the L2-regularized cost) and a large epsilon, each with right grads
    X, parameters = network([3, 4, 1], 5, 6)
    Y = labels(5, 6)
    AL, caches = L_model_forward(X, parameters, "tanh")
    grads = {key: value for key, value in L_model_backward(AL, Y, caches, "tanh").items() if not key.startswith("dA")}
    cases.append(Case({"parameters": parameters, "grads": grads, "X": X, "Y": Y}, {"hidden_activation": "tanh"}, m=5,
                      label="tanh, right grads", loose=_near(1e-4)))
    X, parameters = network([3, 4, 1], 5, 7)
    Y = labels(5, 7)
    AL, caches = L_model_forward(X, parameters)
    grads = {key: value for key, value in L_model_backward_with_regularization(AL, Y, caches, 0.7).items()
             if not key.startswith("dA")}
    cases.append(Case({"parameters": parameters, "grads": grads, "X": X, "Y": Y},
                      {"cost_function": _regularized_cost(X, Y, 0.7)}, m=5,
                      label="cost_function the L2 cost, its right grads", loose=_near(1e-4)))
    X, parameters = network([2, 3, 1], 6, 8)
    Y = labels(6, 8)
    AL, caches = L_model_forward(X, parameters, "tanh")
    grads = {key: value for key, value in L_model_backward(AL, Y, caches, "tanh").items() if not key.startswith("dA")}
    cases.append(Case({"parameters": parameters, "grads": grads, "X": X, "Y": Y},
                      {"epsilon": 0.05, "hidden_activation": "tanh"}, m=6, label="epsilon 0.05, right grads",
                      loose=_near(1e-4)))
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


def _gradient_check(parameters, grads, X, Y, epsilon=1e-6, hidden_activation="relu", cost_function=None,
                    **numerical):
    approx = _numerical(_cost_function(X, Y, hidden_activation, cost_function), parameters, epsilon, **numerical)
    names, _ = _vector(parameters)
    grad = np.concatenate([np.ravel(grads["d" + name]) for name in names])
    return _relative(grad, np.concatenate([np.ravel(approx["d" + name]) for name in names]))


@mistake("gradient_check", "the one-sided difference (J(θ + ε) - J(θ)) / ε is only accurate to about ε: use the "
                           "two-sided (J(θ + ε) - J(θ - ε)) / (2ε), accurate to ε²")
def _(parameters, grads, X, Y, epsilon=1e-6, hidden_activation="relu", cost_function=None):
    return _gradient_check(parameters, grads, X, Y, epsilon, hidden_activation, cost_function, one_sided=True)


@mistake("gradient_check", "the two-sided difference divides by 2ε, the distance between θ - ε and θ + ε")
def _(parameters, grads, X, Y, epsilon=1e-6, hidden_activation="relu", cost_function=None):
    return _gradient_check(parameters, grads, X, Y, epsilon, hidden_activation, cost_function, two=1)


@mistake("gradient_check", "θ+ and θ- must be copies of θ (theta.copy()): as the same array, both nudges land on "
                           "θ itself and every difference comes out wrong")
def _(parameters, grads, X, Y, epsilon=1e-6, hidden_activation="relu", cost_function=None):
    return _gradient_check(parameters, grads, X, Y, epsilon, hidden_activation, cost_function, copy=False)


def _gradient_check_relative(kind):
    def check(parameters, grads, X, Y, epsilon=1e-6, hidden_activation="relu", cost_function=None):
        approx = _numerical(_cost_function(X, Y, hidden_activation, cost_function), parameters, epsilon)
        names, _ = _vector(parameters)
        grad = np.concatenate([np.ravel(grads["d" + name]) for name in names])
        return _relative(grad, np.concatenate([np.ravel(approx["d" + name]) for name in names]), kind)
    return check


RELATIVE_MISTAKES = [
    ("no denominator", "the difference must be relative: divide ‖grad - gradapprox‖ by ‖grad‖ + ‖gradapprox‖"),
    ("grad only", "the denominator is ‖grad‖ + ‖gradapprox‖, the sum of both norms"),
    ("norm of sum", "the denominator is ‖grad‖ + ‖gradapprox‖, the sum of the two norms, not the norm of the sum"),
    ("squared", "use the norms themselves (np.linalg.norm), not their squares"),
    ("sum on top", "the numerator is the norm of the difference, ‖grad - gradapprox‖"),
]
for _kind, _sentence in RELATIVE_MISTAKES:
    mistake("gradient_check", _sentence)(_gradient_check_relative(_kind))


@mistake("gradient_check", "cost_function is ignored: when it is given, the numerical gradient is the gradient of "
                           "that cost (e.g. the regularized one); build the default cost only when it is None")
def _(parameters, grads, X, Y, epsilon=1e-6, hidden_activation="relu", cost_function=None):
    return _gradient_check(parameters, grads, X, Y, epsilon, hidden_activation)


@mistake("gradient_check", "the default cost ignores hidden_activation: compute it with "
                           "L_model_forward(X, p, hidden_activation), or a tanh network is checked as a ReLU one")
def _(parameters, grads, X, Y, epsilon=1e-6, hidden_activation="relu", cost_function=None):
    return _gradient_check(parameters, grads, X, Y, epsilon, "relu", cost_function)


ORDER_SENTENCE = ("grads is flattened in another order than the numerical gradient (its own dict order, which "
                  "backprop fills from layer L down, or sorted keys): flatten both with the parameters' layout, "
                  "grads_to_vector(grads, layout)")
for _order in (list, sorted):
    @mistake("gradient_check", ORDER_SENTENCE)
    def _(parameters, grads, X, Y, epsilon=1e-6, hidden_activation="relu", cost_function=None, order=_order):
        approx = _numerical(_cost_function(X, Y, hidden_activation, cost_function), parameters, epsilon)
        names, _ = _vector(parameters)
        grad = np.concatenate([np.ravel(value) for key, value in order(grads.items()) if not key.startswith("dA")])
        return _relative(grad, np.concatenate([np.ravel(approx["d" + name]) for name in names]))


@mistake("gradient_check", "epsilon is ignored: nudge each parameter by the epsilon argument, θ ± epsilon")
def _(parameters, grads, X, Y, epsilon=1e-6, hidden_activation="relu", cost_function=None):
    return _gradient_check(parameters, grads, X, Y, 1e-7, hidden_activation, cost_function)


@exercise("numerical_gradients", outputs=("grads_approx",), float32=False,
          covers="1 and 2 hidden layers, epsilon 1e-6 and 1e-4, inputs unchanged")
def _numerical_gradients_cases():
    cases = []
    for dims, m, seed, epsilon in [([3, 4, 1], 5, 1, None), ([2, 3, 2, 1], 4, 2, 1e-4), ([2, 1], 1, 3, None)]:
        X, parameters = network(dims, m, seed)
        kwargs = {} if epsilon is None else {"epsilon": epsilon}
        cases.append(Case({"cost_function": _cost_function(X, labels(m, seed)), "parameters": parameters}, kwargs,
                          loose=lambda got, expected: compare(got, expected) is None or _close_dicts(got, expected)))
    return cases


@mistake("numerical_gradients", "the numerical gradient is all zero: θ+ and θ- must be two separate copies of θ "
                                "(theta.copy() for each), or the + ε and - ε nudges land on one array and cancel")
def _(cost_function, parameters, epsilon=1e-6):
    return {"d" + name: np.zeros(np.shape(value)) for name, value in parameters.items()}


@mistake("numerical_gradients", "the nudges accumulate: copy θ inside the loop, for each i (theta_plus = theta.copy(); "
                                "theta_plus[i] += epsilon), so that only parameter i moves")
def _(cost_function, parameters, epsilon=1e-6):
    names, theta = _vector(parameters)
    plus, minus, approx = theta.copy(), theta.copy(), np.zeros_like(theta)
    for i in range(theta.size):
        plus[i] += epsilon
        minus[i] -= epsilon
        approx[i] = (cost_function(_unvector(plus, parameters, names))
                     - cost_function(_unvector(minus, parameters, names))) / (2 * epsilon)
    return {"d" + name: value for name, value in _unvector(approx, parameters, names).items()}


def _close_dicts(got, expected):
    return set(got) == set(expected) and all(
        np.shape(got[k]) == np.shape(expected[k]) and np.allclose(got[k], expected[k], rtol=1e-4, atol=1e-7)
        for k in expected)


@mistake("numerical_gradients", "the one-sided difference (J(θ + ε) - J(θ)) / ε is only accurate to about ε: use "
                                "the two-sided (J(θ + ε) - J(θ - ε)) / (2ε)")
def _(cost_function, parameters, epsilon=1e-6):
    return _numerical(cost_function, parameters, epsilon, one_sided=True)


@mistake("numerical_gradients", "the two-sided difference divides by 2ε, the distance between θ - ε and θ + ε")
def _(cost_function, parameters, epsilon=1e-6):
    return _numerical(cost_function, parameters, epsilon, two=1)


@mistake("numerical_gradients", "θ+ and θ- must be copies of θ (theta.copy()): as the same array, both nudges land "
                                "on θ itself and every difference comes out wrong")
def _(cost_function, parameters, epsilon=1e-6):
    return _numerical(cost_function, parameters, epsilon, copy=False)


@mistake("numerical_gradients", "the two-sided difference subtracts: (J(θ + ε) - J(θ - ε)) / (2ε)")
def _(cost_function, parameters, epsilon=1e-6):
    return _numerical(cost_function, parameters, epsilon, plus_sign=True)


@mistake("numerical_gradients", "the keys must be those of grads, 'dW1', 'db1', ...: 'd' + the parameter's name")
def _(cost_function, parameters, epsilon=1e-6):
    return {key[1:]: value for key, value in _numerical(cost_function, parameters, epsilon).items()}


@exercise("relative_difference", outputs=("difference",), float32=False,
          covers="equal, different and all-zero gradients, inputs unchanged")
def _relative_difference_cases():
    r = gen(80)
    grad = r.standard_normal(12)
    return [Case({"grad": grad, "grad_approx": grad + r.normal(0, 0.1, 12)}),
            Case({"grad": grad * 3, "grad_approx": grad}),
            Case({"grad": r.standard_normal(5), "grad_approx": r.standard_normal(5)}),
            Case({"grad": np.zeros(4), "grad_approx": np.zeros(4)}, label="both zero")]


def _guarded(grad, grad_approx, kind):
    """A wrong formula written with the zero guard (0.0 when both gradients are zero)."""
    if not np.any(grad) and not np.any(grad_approx):
        return 0.0
    return _relative(grad, grad_approx, kind)


for _kind, _sentence in RELATIVE_MISTAKES:
    mistake("relative_difference", _sentence)(lambda grad, grad_approx, kind=_kind: _relative(grad, grad_approx, kind))
    mistake("relative_difference", _sentence)(lambda grad, grad_approx, kind=_kind: _guarded(grad, grad_approx, kind))


@mistake("relative_difference", "when both gradients are zero the difference is 0 (0 / 0 would be NaN): "
                                "return 0.0 if the denominator is 0")
def _(grad, grad_approx):
    return float(np.linalg.norm(grad - grad_approx) / (np.linalg.norm(grad) + np.linalg.norm(grad_approx)))


# --- 13: L2 regularization ------------------------------------------------------------------------------------------


def l2_cases(with_AL):
    cases = []
    for (dims, m, seed), lambd in zip([([3, 4, 1], 5, 1), ([5, 4, 3, 1], 7, 2), ([2, 3, 1], 1, 3)], (0.7, 0.1, 2.0),
                                      strict=True):
        _, parameters = network(dims, m, seed)
        if with_AL:
            AL = gen(seed).uniform(0.05, 0.95, (1, m))
            cases.append(Case({"AL": AL, "Y": labels(m, seed), "parameters": parameters, "lambd": lambd}, m=m))
        else:
            cases.append(Case({"parameters": parameters, "lambd": lambd, "m": m}, m=m))
    return cases


@exercise("l2_regularization_cost", outputs=("L2 term",), covers="1 to 3 layers, m = 1, float32, inputs unchanged")
def _l2_cost_cases():
    return l2_cases(with_AL=False)


def _squares(parameters, kind="W"):
    L = len(parameters) // 2
    layers = {"W": range(1, L + 1), "last": [L], "first": [1], "all but last": range(1, L)}.get(kind, range(1, L + 1))
    total = sum(float(np.sum(np.square(parameters[f"W{l}"]))) for l in layers)
    if kind == "Wb":
        total += sum(float(np.sum(np.square(parameters[f"b{l}"]))) for l in range(1, L + 1))
    if kind == "abs":
        total = sum(float(np.sum(np.abs(parameters[f"W{l}"]))) for l in range(1, L + 1))
    if kind == "norm":
        total = sum(float(np.linalg.norm(parameters[f"W{l}"])) for l in range(1, L + 1))
    if kind == "square of sum":
        total = sum(float(np.sum(parameters[f"W{l}"])) ** 2 for l in range(1, L + 1))
    return total


L2_COST_MISTAKES = [
    (lambda p, lambd, m: lambd / m * _squares(p),
     "the L2 term is (λ / 2m) Σ‖W[l]‖²: the 1/2 is missing"),
    (lambda p, lambd, m: lambd / 2 * _squares(p),
     "the L2 term is (λ / 2m) Σ‖W[l]‖²: divide by m, the number of examples"),
    (lambda p, lambd, m: lambd / (2 * m) * _squares(p, "Wb"),
     "only the weights are penalized: leave the biases b[l] out of the sum of squares"),
    (lambda p, lambd, m: lambd / (2 * m) * _squares(p, "abs"),
     "L2 squares the weights (np.sum(np.square(W))); the sum of |W| is the L1 penalty"),
    (lambda p, lambd, m: lambd / (2 * m) * _squares(p, "norm"),
     "‖W‖² is the sum of the squares of the weights; np.linalg.norm(W) is its square root"),
    (lambda p, lambd, m: lambd / (2 * m) * _squares(p, "last"),
     "the penalty sums over every layer l = 1, ..., L, not only the last one"),
    (lambda p, lambd, m: lambd / (2 * m) * _squares(p, "first"),
     "the penalty sums over every layer l = 1, ..., L, not only the first one"),
    (lambda p, lambd, m: lambd / (2 * m) * _squares(p, "all but last"),
     "the last layer's weights are left out: sum over l = 1, ..., L, range(1, L + 1)"),
    (lambda p, lambd, m: lambd / (2 * m) * _squares(p, "square of sum"),
     "square each weight, then add them up: np.sum(np.square(W)), not np.sum(W) ** 2"),
]
for _function, _sentence in L2_COST_MISTAKES:
    mistake("l2_regularization_cost", _sentence)(_function)


@exercise("compute_cost_with_regularization", outputs=("cost",),
          covers="1 to 3 layers, m = 1, float32, inputs unchanged")
def _cost_l2_cases():
    return l2_cases(with_AL=True)


def _cross_entropy(AL, Y):
    eps = np.finfo(AL.dtype).eps
    P = np.clip(AL, eps, 1 - eps)
    return float(-np.sum(Y * np.log(P) + (1 - Y) * np.log(1 - P)) / AL.shape[1])


for _function, _sentence in L2_COST_MISTAKES:
    mistake("compute_cost_with_regularization", _sentence)(
        lambda AL, Y, parameters, lambd, f=_function: _cross_entropy(AL, Y) + f(parameters, lambd, AL.shape[1]))


@mistake("compute_cost_with_regularization", "the L2 term is added to the cost (it penalizes large weights), "
                                             "not subtracted")
def _(AL, Y, parameters, lambd):
    return _cross_entropy(AL, Y) - lambd / (2 * AL.shape[1]) * _squares(parameters)


@mistake("compute_cost_with_regularization", "m is the number of examples, AL.shape[1], not a size of W1")
def _(AL, Y, parameters, lambd):
    return _cross_entropy(AL, Y) + lambd / (2 * parameters["W1"].shape[1]) * _squares(parameters)


@mistake("compute_cost_with_regularization", "the L2 term is missing: add lambd / (2 m) · Σ_l ‖W[l]‖² (the sum of all "
                                             "squared weights) to the cross-entropy")
def _(AL, Y, parameters, lambd):
    return _cross_entropy(AL, Y)


@mistake("compute_cost_with_regularization", "lambd appears once: the L2 term is lambd / (2 m) · Σ_l ‖W[l]‖² (is it "
                                             "multiplied by lambd again?)")
def _(AL, Y, parameters, lambd):
    return _cross_entropy(AL, Y) + lambd * lambd / (2 * AL.shape[1]) * _squares(parameters)


@mistake("compute_cost_with_regularization", "this is only the L2 term: the cost is the cross-entropy plus it")
def _(AL, Y, parameters, lambd):
    return lambd / (2 * AL.shape[1]) * _squares(parameters)


def l2_grads_cases():
    cases = []
    for (dims, m, seed), lambd in zip([([3, 4, 1], 5, 1), ([5, 4, 3, 1], 7, 2), ([2, 3, 1], 1, 3)], (0.7, 0.1, 2.0),
                                      strict=True):
        _, parameters = network(dims, m, seed)
        r = gen(seed + 7)
        grads = {"d" + key: r.standard_normal(value.shape) for key, value in parameters.items()}
        cases.append(Case({"grads": grads, "parameters": parameters, "lambd": lambd, "m": m}, m=m))
    return cases


@exercise("add_l2_gradients", outputs=("grads",), covers="1 to 3 layers, m = 1, float32, inputs unchanged")
def _add_l2_cases():
    return l2_grads_cases()


def _add_l2(grads, parameters, lambd, m, factor=1.0, to_b=False, sign=1, skip_last=False):
    new = dict(grads)
    last = f"W{len(parameters) // 2}"
    for key, value in parameters.items():
        if skip_last and key == last:
            continue
        if key.startswith("W") or to_b:
            new["d" + key] = grads["d" + key] + sign * factor * (lambd / m) * value
    return new


@mistake("add_l2_gradients", "the gradient of (λ / 2m)‖W‖² is (λ / m) W: the 2 of the square cancels the 1/2")
def _(grads, parameters, lambd, m):
    return _add_l2(grads, parameters, lambd, m, factor=0.5)


@mistake("add_l2_gradients", "the last layer's dW[L] needs its (λ / m) W[L] too: every layer, l = 1, ..., L")
def _(grads, parameters, lambd, m):
    return _add_l2(grads, parameters, lambd, m, skip_last=True)


@mistake("add_l2_gradients", "the term is (λ / m) W[l]: divide by m")
def _(grads, parameters, lambd, m):
    return _add_l2(grads, parameters, lambd, m, factor=m)


@mistake("add_l2_gradients", "db is unchanged: the biases are not penalized, only dW[l] gains (λ / m) W[l]")
def _(grads, parameters, lambd, m):
    return _add_l2(grads, parameters, lambd, m, to_b=True)


@mistake("add_l2_gradients", "the penalty's gradient is added, dW[l] + (λ / m) W[l], not subtracted")
def _(grads, parameters, lambd, m):
    return _add_l2(grads, parameters, lambd, m, sign=-1)


@mistake("add_l2_gradients", "the caller's grads are changed: new_grads = grads is the same dict (not a copy), "
                             "and += changes the arrays even of a copied dict: build a new dict, "
                             "new_grads = {}, then new_grads[key] = grads[key] + (lambd / m) * W")
def _(grads, parameters, lambd, m):
    new = dict(grads)
    for key, value in parameters.items():
        if key.startswith("W"):
            new["d" + key] += lambd / m * value
    return new


def backward_l2_cases():
    cases = []
    for (dims, m, seed), lambd in zip([([3, 4, 1], 5, 1), ([5, 4, 3, 1], 7, 2), ([2, 3, 1], 1, 3)], (0.7, 0.1, 2.0),
                                      strict=True):
        X, parameters = network(dims, m, seed)
        AL, caches = L_model_forward(X, parameters)
        cases.append(Case({"AL": AL, "Y": labels(m, seed), "caches": caches, "lambd": lambd}, m=m))
    return cases


@exercise("L_model_backward_with_regularization", outputs=("grads",), explain=explain_grads,
          covers="1 to 3 layers, m = 1, float32, inputs unchanged")
def _backward_l2_cases():
    return backward_l2_cases()


def _backward_l2(AL, Y, caches, lambd, factor=1.0, to_b=False, sign=1, skip_last=False):
    grads = _backward(AL, Y, caches)
    m = AL.shape[1]
    for l, ((_, W, b), _) in enumerate(caches[:-1] if skip_last else caches, start=1):
        grads[f"dW{l}"] = grads[f"dW{l}"] + sign * factor * lambd / m * W
        if to_b:
            grads[f"db{l}"] = grads[f"db{l}"] + sign * factor * lambd / m * b
    return grads


@mistake("L_model_backward_with_regularization", "the L2 term is missing: each dW[l] gains (λ / m) W[l]")
def _(AL, Y, caches, lambd, hidden_activation="relu"):
    return _backward_l2(AL, Y, caches, lambd, factor=0.0)


@mistake("L_model_backward_with_regularization", "the gradient of (λ / 2m)‖W‖² is (λ / m) W: the 2 of the square "
                                                 "cancels the 1/2")
def _(AL, Y, caches, lambd, hidden_activation="relu"):
    return _backward_l2(AL, Y, caches, lambd, factor=0.5)


@mistake("L_model_backward_with_regularization", "db is unchanged: the biases are not penalized")
def _(AL, Y, caches, lambd, hidden_activation="relu"):
    return _backward_l2(AL, Y, caches, lambd, to_b=True)


@mistake("L_model_backward_with_regularization", "the penalty's gradient is added, dW[l] + (λ / m) W[l], "
                                                 "not subtracted")
def _(AL, Y, caches, lambd, hidden_activation="relu"):
    return _backward_l2(AL, Y, caches, lambd, sign=-1)


@mistake("L_model_backward_with_regularization", "the last layer's dW[L] needs its (λ / m) W[L] too: every layer, "
                                                 "l = 1, ..., L")
def _(AL, Y, caches, lambd, hidden_activation="relu"):
    return _backward_l2(AL, Y, caches, lambd, skip_last=True)


@mistake("L_model_backward_with_regularization", "the term is (λ / m) W[l]: divide by m, the number of examples")
def _(AL, Y, caches, lambd, hidden_activation="relu"):
    return _backward_l2(AL, Y, caches, lambd, factor=AL.shape[1])


# --- 13: dropout ----------------------------------------------------------------------------------------------------


def dropout_check(function, cases, runs, references):
    """Masks drawn another valid way: D is 0/1 and shaped like A, A = A * D / keep_prob, the keep rate, the seed."""
    for case, mine in zip(cases, runs, strict=True):
        A, keep_prob = case.args["A"], case.args["keep_prob"]
        out = mine.output
        if not (isinstance(out, tuple) and len(out) == 2):
            return "returns (A, D): the dropped-out activations and the mask, to keep in the cache"
        A_out, D = np.asarray(out[0]), np.asarray(out[1])
        if D.shape != A.shape or A_out.shape != A.shape:
            return f"A and D must both have A's shape {A.shape}; got {A_out.shape} and {D.shape}"
        if not np.isin(D, (0, 1)).all():
            return "D must be a mask of 0s and 1s (True/False): D = rng.random(A.shape) < keep_prob"
        right = A * D / keep_prob
        if values_close(A_out, A * D) and not values_close(A * D, right):
            return ("inverted dropout divides the kept values by keep_prob, so that the expected value of A "
                    "stays the same: A * D / keep_prob")
        if values_close(A_out, A * D * keep_prob) and not values_close(A * D * keep_prob, right):
            return "divide by keep_prob (A * D / keep_prob), do not multiply by it"
        if keep_prob < 1 and values_close(A_out, A * D / (1 - keep_prob)) and not values_close(right, A_out):
            return "divide by keep_prob, the probability of keeping a unit, not by 1 - keep_prob"
        if not values_close(A_out, right):
            return "the output must be A * D / keep_prob, with the mask D it returns"
        if A_out.dtype != A.dtype and converts_to_float64(function):
            return f"A is {A_out.dtype} for {A.dtype} inputs: keep the input's dtype (float32 in, float32 out)"
        if D.size >= 1000:
            rate = float(np.mean(D))
            if abs(rate - keep_prob) > 0.05:
                hint = (": a unit is kept where the random number is below keep_prob" if
                        abs(rate - (1 - keep_prob)) < 0.05 else "")
                return f"the mask keeps {rate:.0%} of the units, expected keep_prob = {keep_prob:.0%}{hint}"
            again = run(function, case)
            if compare(again.output, out, strict_dtype=False) is not None:
                return "the same seed must give the same mask: draw from np.random.default_rng(seed)"
    return None


@exercise("dropout_forward", outputs=("A", "D"),
          covers="keep_prob 0.8, 0.5 and 1, int and Generator seeds, float32, inputs unchanged",
          random=dropout_check)
def _dropout_forward_cases():
    r = gen(90)
    return [Case({"A": np.abs(r.standard_normal((4, 5))), "keep_prob": 0.8}, {"seed": 1}),
            Case({"A": np.abs(r.standard_normal((1, 1))) + 0.1, "keep_prob": 0.5}, {"seed": 2}),
            Case({"A": np.abs(r.standard_normal((3, 6))), "keep_prob": 1.0}, {"seed": 3}, label="keep_prob 1"),
            Case({"A": np.abs(r.standard_normal((50, 40))) + 0.1, "keep_prob": 0.7}, {"seed": 4}),
            Case({"A": np.abs(r.standard_normal((6, 7))) + 0.1, "keep_prob": 0.6}, {"seed": gen(5)},
                 label="seed a Generator")]


def _dropout(A, keep_prob, seed, compare_keep="<", scale="divide", apply=True):
    U = np.random.default_rng(seed).random(A.shape)
    D = U < keep_prob if compare_keep == "<" else U > keep_prob
    out = A * D if apply else A
    return (out / keep_prob if scale == "divide" else out * keep_prob if scale == "multiply" else out), D


@mistake("dropout_forward", "inverted dropout divides the kept values by keep_prob, so that the expected value of A "
                            "stays the same: A * D / keep_prob")
def _(A, keep_prob, seed=0):
    return _dropout(A, keep_prob, seed, scale="none")


@mistake("dropout_forward", "a unit is kept where the random number is below keep_prob: D = rng.random(A.shape) < "
                            "keep_prob (with > it keeps only 1 - keep_prob of them)")
def _(A, keep_prob, seed=0):
    return _dropout(A, keep_prob, seed, compare_keep=">")


@mistake("dropout_forward", "divide by keep_prob (A * D / keep_prob), do not multiply by it")
def _(A, keep_prob, seed=0):
    return _dropout(A, keep_prob, seed, scale="multiply")


@mistake("dropout_forward", "divide by keep_prob, the probability of keeping a unit, not by 1 - keep_prob")
def _(A, keep_prob, seed=0):
    D = np.random.default_rng(seed).random(A.shape) < keep_prob
    with np.errstate(divide="ignore", invalid="ignore"):
        return A * D / (1 - keep_prob), D


@mistake("dropout_forward", "the mask is never applied: A * D / keep_prob")
def _(A, keep_prob, seed=0):
    return _dropout(A, keep_prob, seed, apply=False)


@mistake("dropout_forward", "A *= D changes the caller's A in place: write A = A * D / keep_prob")
def _(A, keep_prob, seed=0):
    D = np.random.default_rng(seed).random(A.shape) < keep_prob
    A *= D
    A /= keep_prob
    return A, D


@exercise("dropout_backward", outputs=("dA",), covers="keep_prob 0.8, 0.5 and 1, float32, inputs unchanged")
def _dropout_backward_cases():
    r = gen(91)
    cases = []
    for shape, keep_prob in [((4, 5), 0.8), ((1, 1), 0.5), ((3, 6), 1.0), ((2, 7), 0.6)]:
        D = r.random(shape) < keep_prob
        if shape == (1, 1):
            D[:] = True
        cases.append(Case({"dA": r.standard_normal(shape), "D": D, "keep_prob": keep_prob}))
    return cases


@mistake("dropout_backward", "the gradient goes through the same scaling as the forward pass: dA * D / keep_prob")
def _(dA, D, keep_prob):
    return dA * D


@mistake("dropout_backward", "divide by keep_prob (dA * D / keep_prob), do not multiply by it")
def _(dA, D, keep_prob):
    return dA * D * keep_prob


@mistake("dropout_backward", "divide by keep_prob, the probability of keeping a unit, not by 1 - keep_prob")
def _(dA, D, keep_prob):
    with np.errstate(divide="ignore", invalid="ignore"):
        return dA * D / (1 - keep_prob)


@mistake("dropout_backward", "the dropped units get no gradient: multiply by the same mask D as the forward pass")
def _(dA, D, keep_prob):
    return dA / keep_prob


@mistake("dropout_backward", "use the mask D itself (the units that were kept), not its complement 1 - D")
def _(dA, D, keep_prob):
    return dA * (1 - D) / keep_prob


@mistake("dropout_backward", "dA *= D changes the caller's dA in place: write dA = dA * D / keep_prob")
def _(dA, D, keep_prob):
    dA *= D
    dA /= keep_prob
    return dA


def forward_dropout_check(function, cases, runs, references):
    """Masks drawn another valid way: the masks it returns must explain its AL, each keeping about keep_prob."""
    for case, mine in zip(cases, runs, strict=True):
        out = mine.output
        if not (isinstance(out, tuple) and len(out) == 2 and isinstance(out[1], list)):
            return "returns (AL, caches), with caches a list of one cache per layer"
        X, parameters = case.args["X"], case.args["parameters"]
        keep_prob = case.args.get("keep_prob", case.kwargs.get("keep_prob", 0.5))
        L = len(parameters) // 2
        if len(out[1]) != L or any(not isinstance(c, tuple) or len(c) != 3 for c in out[1]):
            return f"caches must hold one (linear_cache, Z, D) per layer ({L} here)"
        A = X
        for l, (_, _, D) in enumerate(out[1], start=1):
            Z = parameters[f"W{l}"] @ A + parameters[f"b{l}"]
            A = ACT["relu" if l < L else "sigmoid"](Z)
            if l < L:
                if D is None or np.shape(D) != A.shape:
                    return f"layer {l}'s cache must hold its mask D, shaped like A[{l}]"
                A = A * D / keep_prob
            elif D is not None:
                return "the output layer is never dropped: its D is None"
        if not values_close(np.asarray(out[0]), A):
            return "AL does not follow from the masks in the caches: A[l] = g(Z[l]) * D[l] / keep_prob"
    return None


@exercise("L_model_forward_with_dropout", outputs=("AL", "caches"), float32=False, random=forward_dropout_check,
          covers="1 and 2 hidden layers, keep_prob 0.7 and 1, m = 1, inputs unchanged")
def _forward_dropout_cases():
    cases = []
    for dims, m, seed, keep_prob in [([3, 4, 1], 6, 1, 0.7), ([5, 4, 3, 1], 7, 2, 0.5), ([2, 3, 1], 1, 3, 0.8),
                                     ([3, 5, 4, 1], 5, 4, 1.0)]:
        X, parameters = network(dims, m, seed)
        cases.append(Case({"X": X, "parameters": parameters, "keep_prob": keep_prob}, {"seed": seed}, m=m))
    return cases


def _fwd_dropout(X, parameters, keep_prob=0.5, seed=0, fresh=False, last=False, before=False, scale=True):
    """L_model_forward_with_dropout with one of its typical mistakes switched on."""
    L = len(parameters) // 2
    rng = np.random.default_rng(seed)
    A, caches = X, []
    for l in range(1, L + 1):
        W, b = parameters[f"W{l}"], parameters[f"b{l}"]
        A_prev = A
        Z = W @ A_prev + b
        D = None
        if l < L or last:
            generator = np.random.default_rng(seed) if fresh else rng
            D = generator.random(Z.shape) < keep_prob
        Z_used = Z * D / keep_prob if before and D is not None else Z
        A = ACT["relu" if l < L else "sigmoid"](Z_used)
        if D is not None and not before:
            A = A * D / keep_prob if scale else A * D
        caches.append(((A_prev, W, b), Z_used, D))
    return A, caches


@mistake("L_model_forward_with_dropout", "the output layer is never dropped (its D is None): dropout applies to the "
                                         "hidden layers 1, ..., L-1 only")
def _(X, parameters, keep_prob=0.5, seed=0, hidden_activation="relu"):
    return _fwd_dropout(X, parameters, keep_prob, seed, last=True)


@mistake("L_model_forward_with_dropout", "every layer gets the same random numbers: create rng = "
                                         "np.random.default_rng(seed) once, before the loop, and pass rng on")
def _(X, parameters, keep_prob=0.5, seed=0, hidden_activation="relu"):
    return _fwd_dropout(X, parameters, keep_prob, seed, fresh=True)


@mistake("L_model_forward_with_dropout", "drop the activations A[l] = g(Z[l]), after the activation, not Z[l]")
def _(X, parameters, keep_prob=0.5, seed=0, hidden_activation="relu"):
    return _fwd_dropout(X, parameters, keep_prob, seed, before=True)


@mistake("L_model_forward_with_dropout", "inverted dropout divides the kept values by keep_prob: A * D / keep_prob")
def _(X, parameters, keep_prob=0.5, seed=0, hidden_activation="relu"):
    return _fwd_dropout(X, parameters, keep_prob, seed, scale=False)


def backward_dropout_cases():
    cases = []
    for dims, m, seed, keep_prob in [([3, 4, 1], 6, 1, 0.7), ([5, 4, 3, 1], 7, 2, 0.5), ([2, 3, 1], 1, 3, 0.8)]:
        X, parameters = network(dims, m, seed)
        AL, caches = L_model_forward_with_dropout(X, parameters, keep_prob, seed)
        cases.append(Case({"AL": AL, "Y": labels(m, seed), "caches": caches, "keep_prob": keep_prob}, m=m,
                          loose=_masked_or_not(caches, keep_prob)))
    case = saturated_case(lambda X, parameters: L_model_forward_with_dropout(X, parameters, 0.8, 7))
    case.args["keep_prob"] = 0.8
    cases.append(case)
    return cases


def _masked_or_not(caches, keep_prob):
    """dW and db exact; dA[l] stored either before or after its layer's mask (the classic stores it masked)."""
    def close(got, expected):
        if not isinstance(got, dict) or set(got) != set(expected):
            return False
        for key, value in expected.items():
            if compare(got[key], value) is None:
                continue
            l = int(key[2:])
            if not key.startswith("dA") or l == 0 or caches[l - 1][2] is None:
                return False
            if compare(got[key], value * caches[l - 1][2] / keep_prob) is not None:
                return False
        return True
    return close


@exercise("L_model_backward_with_dropout", outputs=("grads",), explain=explain_grads,
          covers="1 and 2 hidden layers, AL exactly 0 or 1, m = 1, float32, inputs unchanged")
def _backward_dropout_cases():
    return backward_dropout_cases()


def _bwd_dropout(AL, Y, caches, keep_prob, use_mask=True, scale=True, wrong_layer=False, last="sigmoid",
                 clip=True):
    P = np.clip(AL, np.finfo(AL.dtype).eps, 1 - np.finfo(AL.dtype).eps) if clip else AL
    dA = -(Y / P - (1 - Y) / (1 - P))
    grads, L = {}, len(caches)
    for l in range(L, 0, -1):
        linear_cache, Z, D = caches[l - 1]
        mask = caches[l - 2][2] if wrong_layer and l > 1 else D
        if mask is not None and use_mask and not (wrong_layer and l == L):
            dA = dA * mask / keep_prob if scale else dA * mask
        dZ = dA * DERIV[last if l == L else "relu"](Z)
        dA, grads[f"dW{l}"], grads[f"db{l}"] = _lb(dZ, linear_cache)
        grads[f"dA{l - 1}"] = dA
    return grads


@mistake("L_model_backward_with_dropout", CLIP_SENTENCE)
def _(AL, Y, caches, keep_prob, hidden_activation="relu"):
    return _bwd_dropout(AL, Y, caches, keep_prob, clip=False)


@mistake("L_model_backward_with_dropout", "the output layer is LINEAR -> SIGMOID: use the sigmoid's backward for "
                                          "layer L, ReLU's for the hidden layers")
def _(AL, Y, caches, keep_prob, hidden_activation="relu"):
    return _bwd_dropout(AL, Y, caches, keep_prob, last="relu")


@mistake("L_model_backward_with_dropout", "the masks are ignored: each hidden layer's dA[l] goes through its mask, "
                                          "dA[l] * D[l] / keep_prob, before the layer's backward step")
def _(AL, Y, caches, keep_prob, hidden_activation="relu"):
    return _bwd_dropout(AL, Y, caches, keep_prob, use_mask=False)


@mistake("L_model_backward_with_dropout", "after the mask, divide by keep_prob too: dA[l] * D[l] / keep_prob, as in "
                                          "the forward pass")
def _(AL, Y, caches, keep_prob, hidden_activation="relu"):
    return _bwd_dropout(AL, Y, caches, keep_prob, scale=False)


@mistake("L_model_backward_with_dropout", "each layer's dA[l] goes through that layer's own mask D[l] (from cache l), "
                                          "not the mask of the layer below")
def _(AL, Y, caches, keep_prob, hidden_activation="relu"):
    return _bwd_dropout(AL, Y, caches, keep_prob, wrong_layer=True)


# --- 14: mini-batches -----------------------------------------------------------------------------------------------


def mini_batch_check(function, cases, runs, references):
    """A shuffle drawn another valid way: sizes, every example once, labels still with their examples, the seed."""
    for case, mine, ref in zip(cases, runs, references, strict=True):
        X, Y = case.args["X"], case.args["Y"]
        size = case.args.get("mini_batch_size", case.kwargs.get("mini_batch_size", 64))
        m = X.shape[1]
        batches = mine.output
        if not isinstance(batches, (list, tuple)) or any(not isinstance(b, tuple) or len(b) != 2 for b in batches):
            return "returns a list of (X_batch, Y_batch) pairs"
        sizes = [np.shape(b[0])[-1] if np.ndim(b[0]) == 2 else -1 for b in batches]
        expected = [np.shape(b[0])[1] for b in ref.output]
        if sizes != expected:
            if len(sizes) == len(expected) - 1 and m % size:
                return ("the last, smaller mini-batch (the m % mini_batch_size examples left over) is missing")
            if sorted(sizes) == sorted(expected):
                return "the full mini-batches come first, then the smaller one with the m % mini_batch_size left over"
            if all(np.shape(b[0])[::-1] == np.shape(e[0]) for b, e in zip(batches, ref.output, strict=False)):
                return ("each mini-batch is transposed: X[:, k:k + mini_batch_size] is (n_x, size), one column per "
                        "example")
            return f"the mini-batches have {sizes} examples, expected {expected} (m = {m}, size {size})"
        Xs = np.concatenate([b[0] for b in batches], axis=1)
        Ys = np.concatenate([b[1] for b in batches], axis=1)
        if Xs.shape[0] != X.shape[0] or Ys.shape[0] != Y.shape[0]:
            return "cut along the columns (the examples): X[:, k:k + mini_batch_size], Y[:, k:k + mini_batch_size]"
        order = [int(np.argmin(np.abs(X - Xs[:, [j]]).sum(axis=0))) for j in range(m)]
        if not np.array_equal(X[:, order], Xs):
            return "the mini-batches must hold the columns of X, each once"
        if sorted(order) != list(range(m)):
            return "every example must appear in exactly one mini-batch"
        if not np.array_equal(Y[:, order], Ys):
            return ("X and Y must be shuffled with the same permutation, or the labels no longer match "
                    "their examples")
        if m >= 10 and order == list(range(m)):
            return "shuffle the examples first: order = rng.permutation(m), then X[:, order] and Y[:, order]"
        again = run(function, case)
        if compare(again.output, batches) is not None:
            return "the same seed must give the same shuffle: draw from np.random.default_rng(seed)"
    return None


@exercise("random_mini_batches", outputs=("mini_batches",), random=mini_batch_check,
          covers="m a multiple of the size or not, size 1, m = 1, a Generator seed, float32, inputs unchanged")
def _mini_batch_cases():
    cases = []
    for n_x, m, size, seed in [(3, 20, 8, 1), (2, 12, 4, 2), (4, 1, 64, 3), (2, 5, 1, 4), (3, 30, 64, 5)]:
        X = np.arange(n_x * m, dtype=float).reshape(n_x, m) / 7 + gen(seed).standard_normal((n_x, m))
        cases.append(Case({"X": X, "Y": labels(m, seed), "mini_batch_size": size}, {"seed": seed}, m=m))
    X = gen(6).standard_normal((2, 9))
    cases.append(Case({"X": X, "Y": labels(9, 6), "mini_batch_size": 4}, {"seed": gen(6)}, m=9,
                      label="seed a Generator"))
    return cases


def _batches(X, Y, size=64, seed=0, shuffle=True, same=True, keep_last=True, rows=False):
    m = X.shape[1]
    rng = np.random.default_rng(seed)
    order = rng.permutation(m) if shuffle else np.arange(m)
    order_Y = order if same else rng.permutation(m)
    Xs, Ys = X[:, order], Y[:, order_Y]
    stop = m if keep_last else m - m % size
    if rows:
        return [(Xs[k:k + size], Ys[k:k + size]) for k in range(0, m, size)]
    return [(Xs[:, k:k + size], Ys[:, k:k + size]) for k in range(0, stop, size)]


@mistake("random_mini_batches", "shuffle the examples first: order = rng.permutation(m), then X[:, order] and "
                                "Y[:, order]")
def _(X, Y, mini_batch_size=64, seed=0):
    return _batches(X, Y, mini_batch_size, seed, shuffle=False)


@mistake("random_mini_batches", "X and Y must be shuffled with the same permutation, or the labels no longer match "
                                "their examples")
def _(X, Y, mini_batch_size=64, seed=0):
    return _batches(X, Y, mini_batch_size, seed, same=False)


@mistake("random_mini_batches", "the last, smaller mini-batch (the m % mini_batch_size examples left over) is missing")
def _(X, Y, mini_batch_size=64, seed=0):
    return _batches(X, Y, mini_batch_size, seed, keep_last=False)


@mistake("random_mini_batches", "cut along the columns (the examples): X[:, k:k + mini_batch_size], "
                                "Y[:, k:k + mini_batch_size]")
def _(X, Y, mini_batch_size=64, seed=0):
    return _batches(X, Y, mini_batch_size, seed, rows=True)


# --- 14: optimizer states -------------------------------------------------------------------------------------------


def state_cases():
    cases = []
    for dims, m, seed in [([3, 4, 1], 5, 1), ([5, 4, 3, 1], 7, 2), ([1, 1], 1, 3)]:
        _, parameters = network(dims, m, seed)
        cases.append(Case({"parameters": parameters}))
    return cases


def _zeros(parameters, keys="d", only_W=False, like=False):
    state = {}
    for key, value in parameters.items():
        if only_W and not key.startswith("W"):
            continue
        state[("d" + key) if keys == "d" else key] = value.copy() if like else np.zeros(value.shape, value.dtype)
    return state


STATE_MISTAKES = [
    (lambda p: _zeros(p, keys=""), "the keys are those of grads, 'dW1', 'db1', ...: 'd' + the parameter's name"),
    (lambda p: _zeros(p, only_W=True), "the biases need a state too: a zero array for every 'db{l}' as well"),
    (lambda p: _zeros(p, like=True), "the state starts at zero (np.zeros_like(W)), not at the parameters' values"),
]
for _name in ("initialize_velocity", "initialize_rmsprop"):
    exercise(_name, outputs=("v" if _name == "initialize_velocity" else "s",),
             covers="1 to 2 layers, float32, inputs unchanged")(state_cases)
    for _function, _sentence in STATE_MISTAKES:
        mistake(_name, _sentence)(_function)


@exercise("initialize_adam", outputs=("v", "s"), covers="1 to 2 layers, float32, inputs unchanged")
def _adam_state_cases():
    return state_cases()


for _function, _sentence in STATE_MISTAKES:
    mistake("initialize_adam", _sentence)(lambda p, f=_function: (f(p), f(p)))


@mistake("initialize_adam", "Adam keeps two states: return (v, s), two dicts of zeros")
def _(parameters):
    return _zeros(parameters)


# --- 14: the updates ------------------------------------------------------------------------------------------------


def explain_average(mine, case, states):
    """Fit the learner's new state as a·old + b·g (or g²): name the weights it used instead of β and 1 - β."""
    grads = case.args["grads"]
    for item, name, beta, power in states:
        old_state, new_state = case.args[name], mine[item]
        old = np.concatenate([np.ravel(old_state[key]) for key in grads])
        g = np.concatenate([np.ravel(grads[key]) for key in grads]) ** power
        got = np.concatenate([np.ravel(new_state[key]) for key in grads])
        (a, b), *_ = np.linalg.lstsq(np.stack([old, g], axis=1), got, rcond=None)
        if not np.allclose(a * old + b * g, got, rtol=1e-6, atol=1e-9):
            continue
        if np.isclose(a, beta) and np.isclose(b, 1 - beta):
            continue
        term = "dW" if power == 1 else "dW²"
        return (f"{name} = {a:.4g} {name} + {b:.4g} {term}, but the average is β {name} + (1 - β) {term} = "
                f"{beta:.4g} {name} + {1 - beta:.4g} {term} (β = {beta:g})")
    return None


def update_cases(states=1, t=False, epsilon=False):
    cases = []
    for (dims, m, seed), (beta, rate) in zip([([3, 4, 1], 5, 1), ([5, 4, 3, 1], 7, 2), ([1, 1], 1, 3)],
                                             [(0.9, 0.1), (0.8, 0.01), (0.95, 0.5)], strict=True):
        _, parameters = network(dims, m, seed)
        r = gen(seed + 50)
        grads = {"d" + key: r.standard_normal(value.shape) for key, value in parameters.items()}
        grads["db1"][0, 0] = 0.0                                  # a zero gradient with a zero state: 0 / eps
        v = {key: r.normal(0, 0.1, value.shape) for key, value in grads.items()}
        s = {key: r.uniform(0, 0.1, value.shape) for key, value in grads.items()}
        s["db1"][0, 0] = 0.0
        v["db1"][0, 0] = 0.0                                      # (a zero state stays zero)
        if states == 1 and not epsilon:
            args = {"parameters": parameters, "grads": grads, "v": v, "beta": beta, "learning_rate": rate}
        elif states == 1:
            args = {"parameters": parameters, "grads": grads, "s": s, "beta2": 1 - (1 - beta) / 10,
                    "learning_rate": rate}
        else:
            args = {"parameters": parameters, "grads": grads, "v": v, "s": s, "t": [1, 2, 10][seed - 1],
                    "learning_rate": rate}
        cases.append(Case(args))
    return cases


@exercise("update_parameters_with_momentum", outputs=("parameters", "v"), compare_first=(1,),
          explain=lambda mine, ref, case: explain_average(mine, case, [(1, "v", case.args["beta"], 1)]),
          covers="a nonzero velocity, 1 to 3 layers, float32, inputs unchanged")
def _momentum_cases():
    return update_cases()


def _momentum(parameters, grads, v, beta, learning_rate, kind="right"):
    new_parameters, new_v = {}, {}
    for key, value in parameters.items():
        g = grads["d" + key]
        old = v["d" + key]
        new_v["d" + key] = {"no 1-beta": beta * old + g, "swapped": (1 - beta) * old + beta * g,
                            "squared": beta * old + (1 - beta) * g * g}.get(kind, beta * old + (1 - beta) * g)
        step = {"gradient": g, "old v": old}.get(kind, new_v["d" + key])
        new_parameters[key] = value + learning_rate * step if kind == "sign" else value - learning_rate * step
    if kind == "old state":
        return new_parameters, v
    return new_parameters, new_v


MOMENTUM_MISTAKES = [
    ("no 1-beta", "the course's momentum is an average: v = β v + (1 - β) dW (the (1 - β) factor is missing)"),
    ("swapped", "β weighs the old velocity: v = β v + (1 - β) dW, not (1 - β) v + β dW"),
    ("gradient", "the step uses the velocity: W = W - learning_rate * v, not the raw gradient"),
    ("squared", "momentum averages the gradients themselves, v = β v + (1 - β) dW; the squares are RMSprop's"),
    ("old v", "update v first, then step with the new v"),
    ("sign", "the step goes uphill: W = W - learning_rate * v, with a minus sign"),
    ("old state", "return the new velocity: the next step starts from it"),
]
for _kind, _sentence in MOMENTUM_MISTAKES:
    mistake("update_parameters_with_momentum", _sentence)(
        lambda parameters, grads, v, beta, learning_rate, kind=_kind: _momentum(parameters, grads, v, beta,
                                                                                learning_rate, kind))


@mistake("update_parameters_with_momentum", "-= or += change the caller's arrays in place: build new arrays, "
                                            "v = beta * v + ..., W = W - ...")
def _(parameters, grads, v, beta, learning_rate):
    for key in parameters:
        v["d" + key] *= beta
        v["d" + key] += (1 - beta) * grads["d" + key]
        parameters[key] -= learning_rate * v["d" + key]
    return parameters, v


@exercise("update_parameters_with_rmsprop", outputs=("parameters", "s"), compare_first=(1,),
          explain=lambda mine, ref, case: explain_average(mine, case, [(1, "s", case.args["beta2"], 2)]),
          covers="a nonzero state, a zero gradient, small gradients, 1 to 3 layers, float32, inputs unchanged")
def _rmsprop_cases():
    return update_cases(epsilon=True) + [tiny_gradients_case(states=1)]


def tiny_gradients_case(states):
    """Small gradients from a zero state: √s is then not much larger than epsilon, so that epsilon inside the square
    root (√(s + ε) instead of √s + ε) changes the step, while √(s + ε²) stays within the tolerance."""
    r = gen(97)
    parameters = {"W1": r.choice([-1, 1], (3, 2)) * r.uniform(1, 2, (3, 2)), "b1": r.uniform(1, 2, (3, 1))}
    scale = 0.1 if states == 1 else 1e-3
    grads = {"d" + key: r.choice([-1, 1], value.shape) * r.uniform(0.7, 1.4, value.shape) * scale
             for key, value in parameters.items()}
    zeros = {key: np.zeros_like(value) for key, value in grads.items()}
    if states == 1:
        args = {"parameters": parameters, "grads": grads, "s": zeros, "beta2": 0.999, "learning_rate": 0.001}
    else:
        args = {"parameters": parameters, "grads": grads, "v": zeros, "s": dict(zeros), "t": 1,
                "learning_rate": 0.01}
    return Case(args, label="small gradients")


def _rmsprop(parameters, grads, s, beta2, learning_rate, epsilon=1e-8, kind="right"):
    new_parameters, new_s = {}, {}
    with np.errstate(all="ignore") if kind != "no epsilon" else np.errstate():
        for key, value in parameters.items():
            g = grads["d" + key]
            old = s["d" + key]
            g2 = g if kind == "not squared" else g * g
            new_s["d" + key] = ((1 - beta2) * old + beta2 * g2 if kind == "swapped" else beta2 * old + g2
                                if kind == "no 1-beta2" else beta2 * old + (1 - beta2) * g2)
            root = old if kind == "old s" else new_s["d" + key]
            denominator = {"no sqrt": root + epsilon, "no epsilon": np.sqrt(root),
                           "epsilon inside": np.sqrt(root + epsilon)}.get(kind, np.sqrt(root) + epsilon)
            step = g / denominator
            new_parameters[key] = value + learning_rate * step if kind == "sign" else value - learning_rate * step
    return new_parameters, new_s


RMSPROP_MISTAKES = [
    ("not squared", "s averages the squared gradients: s = β2 s + (1 - β2) dW², square dW"),
    ("swapped", "β2 weighs the old state: s = β2 s + (1 - β2) dW², not (1 - β2) s + β2 dW²"),
    ("no 1-beta2", "s is an average: s = β2 s + (1 - β2) dW² (the (1 - β2) factor is missing)"),
    ("no sqrt", "divide by the square root of s: W = W - learning_rate * dW / (np.sqrt(s) + epsilon)"),
    ("no epsilon", "add epsilon to the denominator, np.sqrt(s) + epsilon: where s is 0 the step is 0 / 0 = NaN"),
    ("old s", "update s first, then divide by the square root of the new s"),
    ("epsilon inside", "epsilon goes outside the square root, dW / (np.sqrt(s) + epsilon): np.sqrt(s + epsilon) adds "
                       "√ε = 1e-4, which shrinks the steps of small gradients"),
    ("sign", "the step goes uphill: W = W - learning_rate * dW / (np.sqrt(s) + epsilon), with a minus sign"),
]
for _kind, _sentence in RMSPROP_MISTAKES:
    mistake("update_parameters_with_rmsprop", _sentence)(
        lambda parameters, grads, s, beta2, learning_rate, epsilon=1e-8, kind=_kind: _rmsprop(
            parameters, grads, s, beta2, learning_rate, epsilon, kind))


@exercise("bias_correction", outputs=("corrected",), covers="t = 1, 2 and 10, float32, inputs unchanged")
def _bias_correction_cases():
    r = gen(95)
    return [Case({"average": r.standard_normal((3, 4)), "beta": 0.9, "t": 1}),
            Case({"average": r.standard_normal((2, 1)), "beta": 0.999, "t": 2}),
            Case({"average": r.standard_normal((1, 3)), "beta": 0.8, "t": 10})]


BIAS_MISTAKES = [
    (lambda average, beta, t: average * (1 - beta ** t), "divide by (1 - β^t), do not multiply"),
    (lambda average, beta, t: average / (1 + beta ** t), "the correction divides by 1 - β^t, with a minus: at t = 1 "
                                                         "that is 1 - β, small, so the early averages grow"),
    (lambda average, beta, t: average / (1 - beta * t), "the correction is 1 - β^t, β to the power t (beta ** t), "
                                                        "not β times t"),
    (lambda average, beta, t: average / (1 - beta) ** t, "the correction is 1 - β^t: only β is raised to the power t"),
    (lambda average, beta, t: average / (1 - beta ** (t + 1)), "t counts from 1: the first step divides by 1 - β"),
    (lambda average, beta, t: _divide(average, 1 - beta ** (t - 1)), "t counts from 1 and the correction is "
                                                                      "1 - β^t: at t = 1 it divides by 1 - β"),
]


def _divide(a, b):
    with np.errstate(divide="ignore", invalid="ignore"):
        return a / b
for _function, _sentence in BIAS_MISTAKES:
    mistake("bias_correction", _sentence)(_function)


@exercise("update_parameters_with_adam", outputs=("parameters", "v", "s"), compare_first=(1, 2),
          explain=lambda mine, ref, case: explain_average(mine, case, [(1, "v", case.kwargs.get("beta1", 0.9), 1),
                                                                      (2, "s", case.kwargs.get("beta2", 0.999), 2)]),
          covers="t = 1, 2 and 10, a zero gradient, small gradients, float32, inputs unchanged")
def _adam_cases():
    return update_cases(states=2) + [tiny_gradients_case(states=2)]


def _adam(parameters, grads, v, s, t, learning_rate=0.01, beta1=0.9, beta2=0.999, epsilon=1e-8, kind="right"):
    new_parameters, new_v, new_s = {}, {}, {}
    for key, value in parameters.items():
        k = "d" + key
        g = grads[k]
        new_v[k] = beta1 * v[k] + (g if kind == "no 1-beta" else (1 - beta1) * g)
        new_s[k] = beta2 * s[k] + (1 - beta2) * (g if kind == "not squared" else g * g)
        if kind == "no correction":
            v_hat, s_hat = new_v[k], new_s[k]
        elif kind == "t + 1":
            v_hat, s_hat = new_v[k] / (1 - beta1 ** (t + 1)), new_s[k] / (1 - beta2 ** (t + 1))
        elif kind == "beta1 in s":
            new_s[k] = beta1 * s[k] + (1 - beta1) * g * g
            v_hat, s_hat = new_v[k] / (1 - beta1 ** t), new_s[k] / (1 - beta2 ** t)
        elif kind == "beta1 for s average":
            new_s[k] = beta1 * s[k] + (1 - beta1) * g * g
            v_hat, s_hat = new_v[k] / (1 - beta1 ** t), new_s[k] / (1 - beta1 ** t)
        elif kind == "uncorrected v":
            v_hat, s_hat = new_v[k], new_s[k] / (1 - beta2 ** t)
        elif kind == "uncorrected s":
            v_hat, s_hat = new_v[k] / (1 - beta1 ** t), new_s[k]
        else:
            v_hat = new_v[k] / (1 - beta1 ** t)
            s_hat = new_s[k] / (1 - (beta1 if kind == "beta1 for s" else beta2) ** t)
        numerator = g if kind == "gradient" else v_hat
        with np.errstate(all="ignore"):
            step = numerator / (np.sqrt(s_hat) + epsilon)
            if kind == "no sqrt":
                step = numerator / (s_hat + epsilon)
            if kind == "epsilon inside":
                step = numerator / np.sqrt(s_hat + epsilon)
            if kind == "epsilon outside":
                step = numerator / np.sqrt(s_hat) + epsilon
        new_parameters[key] = value + learning_rate * step if kind == "sign" else value - learning_rate * step
        if kind == "corrected state":
            new_v[k], new_s[k] = v_hat, s_hat
    return new_parameters, new_v, new_s


ADAM_MISTAKES = [
    ("no correction", "the bias correction is missing: v̂ = v / (1 - β1^t), ŝ = s / (1 - β2^t), then step with them"),
    ("t + 1", "t counts the steps from 1: the correction is 1 - β^t with this step's t, not t + 1"),
    ("beta1 in s", "s has its own β: s = β2 s + (1 - β2) dW² (β1 is v's)"),
    ("beta1 for s average", "s has its own β: s = β2 s + (1 - β2) dW² and ŝ = s / (1 - β2^t); β1 is v's"),
    ("uncorrected v", "the step uses the plain v: correct it too, v̂ = v / (1 - β1^t), and step with "
                      "v̂ / (np.sqrt(ŝ) + ε) (the early steps are 1 / (1 - β1^t) times too small)"),
    ("uncorrected s", "the step uses the plain s: correct it too, ŝ = s / (1 - β2^t), and step with "
                      "v̂ / (np.sqrt(ŝ) + ε)"),
    ("epsilon inside", "epsilon goes outside the square root, v̂ / (np.sqrt(ŝ) + epsilon): np.sqrt(ŝ + epsilon) adds "
                       "√ε = 1e-4, which shrinks the steps of small gradients"),
    ("corrected state", "return v and s themselves, not the corrected v̂ and ŝ: the correction is recomputed from the "
                        "plain averages at every step"),
    ("beta1 for s", "s is corrected with its own β: ŝ = s / (1 - β2^t)"),
    ("no 1-beta", "v is an average: v = β1 v + (1 - β1) dW (the (1 - β1) factor is missing)"),
    ("no sqrt", "divide by the square root of ŝ: W = W - α v̂ / (np.sqrt(ŝ) + ε)"),
    ("not squared", "s averages the squared gradients: s = β2 s + (1 - β2) dW²"),
    ("gradient", "the step uses the corrected average v̂, not the raw gradient: W = W - α v̂ / (√ŝ + ε)"),
    ("sign", "the step goes uphill: W = W - learning_rate * v̂ / (np.sqrt(ŝ) + epsilon), with a minus sign"),
    ("epsilon outside", "epsilon belongs in the denominator, v̂ / (np.sqrt(ŝ) + epsilon) (mind the parentheses): "
                        "where ŝ is 0 the step is 0 / 0 = NaN"),
]
for _kind, _sentence in ADAM_MISTAKES:
    mistake("update_parameters_with_adam", _sentence)(
        lambda parameters, grads, v, s, t, learning_rate=0.01, beta1=0.9, beta2=0.999, epsilon=1e-8, kind=_kind:
        _adam(parameters, grads, v, s, t, learning_rate, beta1, beta2, epsilon, kind))


# --- 14: learning-rate decay ----------------------------------------------------------------------------------------


def decay_cases(interval=False):
    cases = []
    for rate0, epoch, decay_rate in [(0.1, 0, 1.0), (0.5, 3, 0.3), (0.01, 10, 2.0), (0.2, 7, 0.5)]:
        args = {"learning_rate0": rate0, "epoch": epoch, "decay_rate": decay_rate}
        if interval:
            args["time_interval"] = 3
        cases.append(Case(args))
    return cases


exercise("inverse_time_decay", outputs=("learning_rate",), float32=False, covers="epoch 0 to 10")(decay_cases)
exercise("exponential_decay", outputs=("learning_rate",), float32=False, covers="epoch 0 to 10")(decay_cases)
exercise("step_decay", outputs=("learning_rate",), float32=False,
         covers="epoch 0 to 10, time_interval 3")(lambda: decay_cases(interval=True))

for _name, _function, _sentence in [
    ("inverse_time_decay", lambda learning_rate0, epoch, decay_rate: learning_rate0 / (1 + decay_rate) * epoch,
     "α = α0 / (1 + decay_rate * epoch): put the whole denominator in parentheses"),
    ("inverse_time_decay", lambda learning_rate0, epoch, decay_rate: learning_rate0 * (1 + decay_rate * epoch),
     "α = α0 / (1 + decay_rate * epoch): divide, the rate must shrink"),
    ("inverse_time_decay", lambda learning_rate0, epoch, decay_rate: learning_rate0 / (1 + epoch),
     "decay_rate is missing: α = α0 / (1 + decay_rate * epoch)"),
    ("exponential_decay", lambda learning_rate0, epoch, decay_rate: learning_rate0 * float(np.exp(decay_rate * epoch)),
     "α = α0 exp(-decay_rate * epoch): the exponent is negative, the rate must shrink"),
    ("exponential_decay", lambda learning_rate0, epoch, decay_rate: learning_rate0 * decay_rate ** epoch,
     "α = α0 exp(-decay_rate * epoch): decay_rate is in the exponent of e, not the base"),
    ("exponential_decay", lambda learning_rate0, epoch, decay_rate: float(np.exp(-decay_rate * epoch)),
     "α = α0 exp(-decay_rate * epoch): multiply by the starting rate α0"),
    ("step_decay", lambda learning_rate0, epoch, decay_rate, time_interval:
     learning_rate0 / (1 + decay_rate * epoch / time_interval),
     "the rate changes in steps: use the whole number of intervals, epoch // time_interval"),
    ("step_decay", lambda learning_rate0, epoch, decay_rate, time_interval:
     learning_rate0 / (1 + decay_rate * epoch),
     "the rate changes once every time_interval epochs: α0 / (1 + decay_rate * (epoch // time_interval))"),
    ("step_decay", lambda learning_rate0, epoch, decay_rate, time_interval:
     learning_rate0 / (1 + decay_rate) * (epoch // time_interval),
     "α = α0 / (1 + decay_rate * (epoch // time_interval)): put the whole denominator in parentheses"),
]:
    mistake(_name, _sentence)(_function)
