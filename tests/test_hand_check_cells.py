"""Every "check by hand" cell of notebooks 01-04, 11 and 15 prints ✓ for the notebook's own code and ✗ for the
wrong code it is there to catch.

Each case reads the check cell's source from the notebook (by cell id, so the test follows the notebook), runs
the notebook's own definition cells and a small set-up in a fresh namespace, then plants a wrong version of the
learner's function (a typical first attempt) and runs the check cell again. No notebook is run in full.
"""

import contextlib
import io
import json
import warnings
from functools import cache
from pathlib import Path

import numpy as np
import pytest

import dnn_helpers as dh

NOTEBOOKS = Path(__file__).resolve().parents[1] / "notebooks"


@cache
def cells_of(notebook):
    cells = json.loads((NOTEBOOKS / f"{notebook}.ipynb").read_text(encoding="utf-8"))["cells"]
    return {cell.get("id"): "".join(cell["source"]) for cell in cells if cell["cell_type"] == "code"}


def source(notebook, cell_id):
    cells = cells_of(notebook)
    assert cell_id in cells, f"{notebook} has no code cell with id {cell_id!r}: update this test"
    return cells[cell_id]


def run(notebook, check_id, definitions, setup, wrong=None):
    """The printed output of the check cell, after the definition cells, the set-up and the planted code."""
    namespace = {"np": np, "dh": dh}
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed), warnings.catch_warnings(), np.errstate(all="ignore"):
        warnings.simplefilter("ignore")        # a wrong version may overflow: only its verdict matters here
        for cell_id in definitions:
            exec(source(notebook, cell_id), namespace)
        exec(setup, namespace)
        if wrong is not None:
            exec(wrong, namespace)
        exec(source(notebook, check_id), namespace)
    return printed.getvalue()


def deep(W, b):
    """A wrong initialize_parameters_deep for notebook 01: W and b written as the given expressions."""
    return (f"def initialize_parameters_deep(layer_dims, seed=1):\n"
            f"    rng = np.random.default_rng(seed)\n"
            f"    parameters = {{}}\n"
            f"    for l in range(1, len(layer_dims)):\n"
            f"        n, n_prev = layer_dims[l], layer_dims[l - 1]\n"
            f"        parameters[f'W{{l}}'] = {W}\n"
            f"        parameters[f'b{{l}}'] = {b}\n"
            f"    return parameters\n")


NAIVE = "def cross_entropy_naive(AL, Y):\n    return float({} / AL.shape[1])\n"
NO_ONE_MINUS_Y = NAIVE.format("-(Y @ np.log(AL).T).item()")
NO_MINUS = NAIVE.format("(Y @ np.log(AL).T + (1 - Y) @ np.log(1 - AL).T).item()")
NO_ONE_OVER_M = NAIVE.replace(" / AL.shape[1]", "").format("-(Y @ np.log(AL).T + (1 - Y) @ np.log(1 - AL).T).item()")

# (notebook, check cell, definition cells, set-up, {name of the mistake: code that plants it})
CASES = [
    ("01_initialization", "05fff852", ["be78ee52"], "", {
        "biases random": """
def initialize_parameters_deep(layer_dims, seed=1):
    rng = np.random.default_rng(seed)
    p = {}
    for l in range(1, len(layer_dims)):
        p[f"W{l}"] = rng.standard_normal((layer_dims[l], layer_dims[l - 1])) * 0.01
        p[f"b{l}"] = rng.standard_normal((layer_dims[l], 1)) * 0.01
    return p
""",
        "no x 0.01": deep("rng.standard_normal((n, n_prev))", "np.zeros((n, 1))"),
        "uniform in [0, 0.01)": deep("rng.random((n, n_prev)) * 0.01", "np.zeros((n, 1))"),
        "W transposed": deep("rng.standard_normal((n_prev, n)) * 0.01", "np.zeros((n, 1))"),
        "b 1-D": deep("rng.standard_normal((n, n_prev)) * 0.01", "np.zeros(n)"),
    }),
    ("01_initialization", "0afe3ab8", ["6d8e35c1", "be78ee52"], "", {
        "W2 drawn first": """
def initialize_parameters(n_x, n_h, n_y, seed=1):
    rng = np.random.default_rng(seed)
    W2 = rng.standard_normal((n_y, n_h)) * 0.01
    W1 = rng.standard_normal((n_h, n_x)) * 0.01
    return {"W1": W1, "b1": np.zeros((n_h, 1)), "W2": W2, "b2": np.zeros((n_y, 1))}
""",
        "seed ignored": """
def initialize_parameters(n_x, n_h, n_y, seed=1):
    rng = np.random.default_rng(1)
    return {"W1": rng.standard_normal((n_h, n_x)) * 0.01, "b1": np.zeros((n_h, 1)),
            "W2": rng.standard_normal((n_y, n_h)) * 0.01, "b2": np.zeros((n_y, 1))}
""",
    }),
    ("02_forward_propagation", "c29e3838", ["as-float", "93a064b6", "6d3d1e52", "tanh"], "", {
        "sigmoid with exp(+z)": "def sigmoid(Z):\n    Z = as_float(Z)\n    return 1 / (1 + np.exp(Z)), Z\n",
        "relu as abs": "def relu(Z):\n    Z = as_float(Z)\n    return np.abs(Z), Z\n",
        "tanh as 2 sigma(z) - 1": "def tanh(Z):\n    Z = as_float(Z)\n    return 2 / (1 + np.exp(-Z)) - 1, Z\n",
    }),
    ("02_forward_propagation", "4d04028d", ["28159bc4"], "", {
        "b forgotten": "def linear_forward(A, W, b):\n    return W @ A, (A, W, b)\n",
        "W transposed": "def linear_forward(A, W, b):\n    return W.T @ A + b, (A, W, b)\n",
    }),
    ("02_forward_propagation", "5eda9cd6",
     ["as-float", "93a064b6", "6d3d1e52", "tanh", "28159bc4", "9171a014"],
     "A = np.array([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]])\nW = np.array([[1.0, 0.0], [0.5, -1.0]])\n"
     "b = np.array([[1.0], [2.0]])\n", {
        "activation ignored": """
def linear_activation_forward(A_prev, W, b, activation):
    Z, linear_cache = linear_forward(A_prev, W, b)
    return relu(Z)[0], (linear_cache, Z)
""",
        "activation applied to A_prev": """
def linear_activation_forward(A_prev, W, b, activation):
    g = {"relu": relu, "sigmoid": sigmoid, "tanh": tanh}[activation]
    Z, linear_cache = linear_forward(g(A_prev)[0], W, b)
    return Z, (linear_cache, Z)
""",
    }),
    ("02_forward_propagation", "0026c103",
     ["as-float", "93a064b6", "6d3d1e52", "tanh", "28159bc4", "9171a014", "d3781800"], "", {
        "relu on the output layer": """
def L_model_forward(X, parameters, hidden_activation="relu"):
    A, caches = X, []
    for l in range(1, len(parameters) // 2 + 1):
        A, cache = linear_activation_forward(A, parameters[f"W{l}"], parameters[f"b{l}"], "relu")
        caches.append(cache)
    return A, caches
""",
        "sigmoid in every layer": """
def L_model_forward(X, parameters, hidden_activation="relu"):
    A, caches = X, []
    for l in range(1, len(parameters) // 2 + 1):
        A, cache = linear_activation_forward(A, parameters[f"W{l}"], parameters[f"b{l}"], "sigmoid")
        caches.append(cache)
    return A, caches
""",
    }),
    ("03_cost_function", "e101fa9e", ["9b5ad7e3"], "", {
        "the (1 - y) term missing": NO_ONE_MINUS_Y,
        "the minus sign missing": NO_MINUS,
        "no 1/m": NO_ONE_OVER_M,
    }),
    ("03_cost_function", "9a364dce", ["9b5ad7e3"], "", {
        "no 1/m": NO_ONE_OVER_M,
        "the (1 - y) term missing": NO_ONE_MINUS_Y,
    }),
    ("03_cost_function", "efd16f4c", ["4ae45610"],
     "AL_extreme, _ = dh.sigmoid(np.array([[40.0, -800.0, 0.85]]))\nAL = np.array([[0.8, 0.9, 0.4]])\n"
     "Y = np.array([[1, 1, 0]])\nby_hand = -(np.log(0.8) + np.log(0.9) + np.log(0.6)) / 3\n", {
        "clip at 1e-15": """
def compute_cost(AL, Y):
    P = np.clip(AL, 1e-15, 1 - 1e-15)
    return float(-(Y @ np.log(P).T + (1 - Y) @ np.log(1 - P).T).item() / AL.shape[1])
""",
        "no clip": """
def compute_cost(AL, Y):
    return float(-(Y @ np.log(AL).T + (1 - Y) @ np.log(1 - AL).T).item() / AL.shape[1])
""",
        "float32's epsilon for every dtype": """
def compute_cost(AL, Y):
    eps = np.finfo(np.float32).eps
    P = np.clip(AL, eps, 1 - eps)
    return float(-(Y @ np.log(P).T + (1 - Y) @ np.log(1 - P).T).item() / AL.shape[1])
""",
    }),
    ("03_cost_function", "cost-logits-6", ["4ae45610", "cost-logits-4"],
     "AL = np.array([[0.8, 0.9, 0.4]])\nY = np.array([[1, 1, 0]])\n"
     "by_hand = -(np.log(0.8) + np.log(0.9) + np.log(0.6)) / 3\nz_gap, y_gap = np.array([[60.0]]), np.array([[0]])\n", {
        "through the clipped probabilities": "def cost_from_logits(ZL, Y):\n"
                                             "    return compute_cost(dh.sigmoid(ZL)[0], Y)\n",
        "- y z forgotten": "def cost_from_logits(ZL, Y):\n"
                           "    return float(np.sum(np.logaddexp(0, ZL)) / ZL.shape[1])\n",
        "softplus(-z) for every label": "def cost_from_logits(ZL, Y):\n"
                                        "    return float(np.sum(np.logaddexp(0, -ZL)) / ZL.shape[1])\n",
    }),
    ("04_backward_propagation", "71f13433", ["ef538783", "e7bcc7d3", "4fd69901"], "", {
        "sigmoid': the (1 - s) missing": "def sigmoid_backward(dA, Z):\n    return dA * dh.sigmoid(Z)[0]\n",
        "relu': 1 at z = 0": "def relu_backward(dA, Z):\n    return dA * (Z >= 0)\n",
        "tanh': dA ignored": "def tanh_backward(dA, Z):\n    return 1 - np.tanh(Z) ** 2\n",
    }),
    ("04_backward_propagation", "81d9b970", ["8ede4ce8"], "", {
        "db 1-D": """
def linear_backward(dZ, cache):
    A_prev, W, b = cache
    m = A_prev.shape[1]
    return W.T @ dZ, dZ @ A_prev.T / m, dZ.sum(axis=1) / m
""",
        "no 1/m": """
def linear_backward(dZ, cache):
    A_prev, W, b = cache
    return W.T @ dZ, dZ @ A_prev.T, dZ.sum(axis=1, keepdims=True)
""",
        "dW transposed": """
def linear_backward(dZ, cache):
    A_prev, W, b = cache
    m = A_prev.shape[1]
    return W.T @ dZ, (dZ @ A_prev.T / m).T, dZ.sum(axis=1, keepdims=True) / m
""",
    }),
    ("04_backward_propagation", "ee26ea7b", ["ef538783", "e7bcc7d3", "4fd69901", "8ede4ce8",
                                             "d9dc7c60"],
     "A_prev = np.array([[1.0, 2.0, 3.0], [0.0, 1.0, -1.0]])\nW = np.array([[2.0, -1.0]])\n", {
        "activation ignored": """
def linear_activation_backward(dA, cache, activation):
    linear_cache, Z = cache
    return linear_backward(dA, linear_cache)
""",
        "db 1-D": """
def linear_activation_backward(dA, cache, activation):
    (A_prev, W, b), Z = cache
    dZ = relu_backward(dA, Z)
    return W.T @ dZ, dZ @ A_prev.T / A_prev.shape[1], dZ.mean(axis=1)
""",
    }),
    ("04_backward_propagation", "e20385fe", [],
     "rng = np.random.default_rng(1)\nX = rng.standard_normal((3, 5))\nY = np.array([[1, 0, 1, 1, 0]])\n"
     "parameters = dh.initialize_parameters_deep([3, 4, 3, 1], seed=2, method='xavier')\n"
     "AL, caches = dh.L_model_forward(X, parameters)\ngrads = dh.L_model_backward(AL, Y, caches)\n", {
        "db without 1/m (from a wrong L_model_backward)": "grads = {k: v * (X.shape[1] if k.startswith('db') else 1) "
                                                          "for k, v in grads.items()}\n",
        "dW2 twice too large": "grads = dict(grads, dW2=2 * grads['dW2'])\n",
    }),
    ("11_gradient_checking", "c6b16578", ["775d03c7"], "", {
        "one-sided written two-sided": "def one_sided(J, theta, epsilon):\n"
                                       "    return (J(theta + epsilon) - J(theta - epsilon)) / (2 * epsilon)\n",
        "two-sided without the 2": "def two_sided(J, theta, epsilon):\n"
                                   "    return (J(theta + epsilon) - J(theta - epsilon)) / epsilon\n",
    }),
    ("11_gradient_checking", "6b7ce968", ["2ffd754c"], "", {
        "flattened column by column": """
def parameters_to_vector(parameters):
    names = [name for l in range(1, len(parameters) // 2 + 1) for name in (f"W{l}", f"b{l}")]
    layout = [(name, np.shape(parameters[name])) for name in names]
    return np.concatenate([np.asarray(parameters[name]).ravel(order="F") for name in names]), layout
""",
        "the biases first": """
def parameters_to_vector(parameters):
    L = len(parameters) // 2
    names = [f"b{l}" for l in range(1, L + 1)] + [f"W{l}" for l in range(1, L + 1)]
    layout = [(name, np.shape(parameters[name])) for name in names]
    return np.concatenate([np.asarray(parameters[name]).ravel() for name in names]), layout
""",
    }),
    ("11_gradient_checking", "7127cc01", ["2ffd754c", "9dac6b1c", "450afee6"], "", {
        "one-sided differences": """
def numerical_gradients(cost_function, parameters, epsilon=1e-6):
    theta, layout = parameters_to_vector(parameters)
    approx = np.zeros_like(theta)
    for i in range(theta.size):
        plus = theta.copy()
        plus[i] += epsilon
        approx[i] = (cost_function(vector_to_parameters(plus, layout))
                     - cost_function(vector_to_parameters(theta, layout))) / epsilon
    return {"d" + name: value for name, value in vector_to_parameters(approx, layout).items()}
""",
        "plus and minus not copied": """
def numerical_gradients(cost_function, parameters, epsilon=1e-6):
    theta, layout = parameters_to_vector(parameters)
    approx = np.zeros_like(theta)
    for i in range(theta.size):
        plus, minus = theta, theta
        plus[i] += epsilon
        minus[i] -= epsilon
        approx[i] = (cost_function(vector_to_parameters(plus, layout))
                     - cost_function(vector_to_parameters(minus, layout))) / (2 * epsilon)
    return {"d" + name: value for name, value in vector_to_parameters(approx, layout).items()}
""",
    }),
    ("15_many_classes", "many-classes-10", ["many-classes-07"], "", {
        "transposed (m, K)": "def one_hot(labels, K):\n    labels = np.asarray(labels).reshape(-1)\n"
                             "    return np.eye(K)[labels]\n",
        "one 1 per class instead of per example": "def one_hot(labels, K):\n"
                                                  "    labels = np.asarray(labels).reshape(-1)\n"
                                                  "    Y = np.zeros((K, labels.size))\n"
                                                  "    Y[np.arange(labels.size), labels] = 1\n    return Y\n",
    }),
    ("15_many_classes", "many-classes-17", ["many-classes-14"], "", {
        "no shift": "def softmax(Z):\n    E = np.exp(Z)\n    return E / E.sum(axis=0, keepdims=True), Z\n",
        "shifted by the column minimum": "def softmax(Z):\n    E = np.exp(Z - Z.min(axis=0, keepdims=True))\n"
                                         "    return E / E.sum(axis=0, keepdims=True), Z\n",
        "shifted by the global maximum": "def softmax(Z):\n    E = np.exp(Z - Z.max())\n"
                                         "    return E / E.sum(axis=0, keepdims=True), Z\n",
        "normalised over rows": "def softmax(Z):\n    E = np.exp(Z - Z.max(axis=0, keepdims=True))\n"
                                "    return E / E.sum(axis=1, keepdims=True), Z\n",
    }),
    ("15_many_classes", "many-classes-27", ["many-classes-07", "many-classes-24"], "", {
        "no 1/m": "def categorical_cost(AL, Y):\n    return float(-np.sum(Y * np.log(AL)))\n",
        "the binary formula for every class": "def categorical_cost(AL, Y):\n"
                                              "    return float(-np.sum(Y * np.log(AL) + (1 - Y) * np.log(1 - AL)) "
                                              "/ Y.shape[1])\n",
    }),
    ("15_many_classes", "many-classes-logits-4", ["many-classes-07", "many-classes-14", "many-classes-24",
                                                  "many-classes-logits-2"],
     "AL_small = np.array([[0.7, 0.2], [0.2, 0.5], [0.1, 0.3]])\n", {
        "through the clipped probabilities": "def categorical_cost_from_logits(ZL, Y):\n"
                                             "    return categorical_cost(softmax(ZL)[0], Y)\n",
        "the true class's logit not subtracted": "def categorical_cost_from_logits(ZL, Y):\n"
                                                 "    c = ZL.max(axis=0, keepdims=True)\n"
                                                 "    return float(np.sum(c + np.log(np.exp(ZL - c).sum(axis=0))) "
                                                 "/ ZL.shape[1])\n",
    }),
    ("15_many_classes", "many-classes-32", ["many-classes-07", "many-classes-14", "many-classes-24"], "", {
        "the binary formula for every class": "def categorical_cost(AL, Y):\n"
                                              "    return float(-np.sum(Y * np.log(AL) + (1 - Y) * np.log(1 - AL)) "
                                              "/ Y.shape[1])\n",
        "softmax without the division": "def softmax(Z):\n    return np.exp(Z - Z.max(axis=0, keepdims=True)), Z\n",
    }),
    ("15_many_classes", "many-classes-jacobian-2", ["many-classes-07", "many-classes-14"],
     "z = np.array([[1.5], [-0.3], [0.8], [0.1]])\ny = one_hot(np.array([[2]]), 4)\nh = 1e-6\n", {
        "normalised over rows": "def softmax(Z):\n    E = np.exp(Z - Z.max(axis=0, keepdims=True))\n"
                                "    return E / E.sum(axis=1, keepdims=True), Z\n",
        "softmax without the division": "def softmax(Z):\n    return np.exp(Z - Z.max(axis=0, keepdims=True)), Z\n",
    }),
]

RIGHT = [pytest.param(case, id=f"{case[0][:2]}-{case[1]}") for case in CASES]
WRONG = [pytest.param(case, mistake, id=f"{case[0][:2]}-{case[1]}-{mistake}") for case in CASES for mistake in case[4]]


@pytest.mark.parametrize("case", RIGHT)
def test_the_notebooks_code_gets_a_tick(case):
    notebook, check_id, definitions, setup, _ = case
    printed = run(notebook, check_id, definitions, setup)
    assert "✓" in printed and "✗" not in printed, printed


@pytest.mark.parametrize("case, mistake", WRONG)
def test_the_wrong_code_gets_a_cross(case, mistake):
    notebook, check_id, definitions, setup, wrong = case
    printed = run(notebook, check_id, definitions, setup, wrong[mistake])
    assert "✗" in printed and "✓" not in printed, f"{mistake}: {printed}"


def test_every_hand_check_cell_of_these_notebooks_is_covered():
    """A ✓-printing cell that judges the learner's code and is not listed here would go untested."""
    demos = {  # cells whose ✓ judges the package, a figure's data or an experiment, not code the learner wrote
        "01_initialization": {"9161bd67", "check-initialize-parameters"},
        "04_backward_propagation": {"7f905982", "66c4a78e"},
        "11_gradient_checking": {"c4b8edae", "a7be50e9", "56af10d6"},
        "15_many_classes": {"many-classes-22", "many-classes-34", "many-classes-49", "many-classes-reliability-4"},
    }
    covered = {(case[0], case[1]) for case in CASES}
    for notebook in ("01_initialization", "02_forward_propagation", "03_cost_function", "04_backward_propagation",
                     "11_gradient_checking", "15_many_classes"):
        for cell_id, text in cells_of(notebook).items():
            if "✓" in text and "dh.check(" not in text and cell_id not in demos.get(notebook, set()):
                assert (notebook, cell_id) in covered, f"{notebook} cell {cell_id} prints ✓ but has no case here"
