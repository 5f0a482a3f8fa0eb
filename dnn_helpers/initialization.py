"""Step 1 (notebook 01): initialize the parameters W1, b1, ..., WL, bL.

Wl has shape (n[l], n[l-1]) and bl has shape (n[l], 1). Randomness comes only from ``seed``: the same
seed gives the same numbers, and nothing touches numpy's global random state. The bodies are the notebooks' text;
their input checks are applied from outside (``validation.checked``).
"""

import numpy as np

from .validation import check_choice, check_count, check_float_dtype, check_layer_dims, check_seed, checked

INITIALIZATION_METHODS = ("small", "xavier", "he", "large", "zeros")


def _check_method(args):
    check_choice(args["method"], INITIALIZATION_METHODS, "method")
    args["n_prev"] = check_count(args["n_prev"], "n_prev", minimum=1)


@checked(_check_method)
def weight_scale(method, n_prev):
    """The factor that multiplies standard-normal draws for a layer with n_prev inputs.

    Taught in notebooks/12_initialization_methods.ipynb. "small": 0.01, the classic recipe; "xavier":
    1 / sqrt(n_prev), which keeps the variance of Z near that of A_prev; "he": sqrt(2 / n_prev), the same for
    ReLU, which zeroes half of its inputs; "large": 10, for the lesson on exploding activations; "zeros", for the
    lesson on symmetry.
    """
    scales = {"zeros": 0.0, "small": 0.01, "large": 10.0,
              "xavier": 1.0 / np.sqrt(n_prev), "he": np.sqrt(2.0 / n_prev)}
    return scales[method]


def _check_deep(args):
    args["layer_dims"] = check_layer_dims(args["layer_dims"])
    args["dtype"] = check_float_dtype(args["dtype"])
    check_seed(args["seed"])
    check_choice(args["method"], INITIALIZATION_METHODS, "method")


@checked(_check_deep)
def initialize_parameters_deep(layer_dims, seed=1, method="small", dtype=np.float64):
    """Initialize an L-layer network. Taught in notebooks/01_initialization.ipynb.

    layer_dims: [n_x, n[1], ..., n[L]], the number of units in each layer, input first.
    seed: a whole number >= 0 or a numpy Generator; dtype: a float type (np.float64 or np.float32).
    method: "small" (N(0, 1) x 0.01), "xavier" (N(0, 1) / sqrt(n[l-1])), "he" (N(0, 1) x sqrt(2 / n[l-1])),
        "large" (N(0, 1) x 10) or "zeros" (see ``weight_scale``).
    Returns {"W1": (n[1], n_x), "b1": (n[1], 1), ..., "WL": (n[L], n[L-1]), "bL": (n[L], 1)}, biases zero.
    """
    rng = np.random.default_rng(seed)
    parameters = {}
    L = len(layer_dims) - 1
    for l in range(1, L + 1):
        scale = weight_scale(method, layer_dims[l - 1])
        parameters[f"W{l}"] = (rng.standard_normal((layer_dims[l], layer_dims[l - 1])) * scale).astype(dtype)
        parameters[f"b{l}"] = np.zeros((layer_dims[l], 1), dtype=dtype)
    return parameters


def _check_sizes(args):
    for name in ("n_x", "n_h", "n_y"):
        args[name] = check_count(args[name], name, minimum=1)
    check_seed(args["seed"])


@checked(_check_sizes)
def initialize_parameters(n_x, n_h, n_y, seed=1):
    """Initialize a 2-layer network LINEAR -> RELU -> LINEAR -> SIGMOID with small random weights (x 0.01).

    Taught in notebooks/01_initialization.ipynb. Returns {"W1": (n_h, n_x), "b1": (n_h, 1), "W2": (n_y, n_h),
    "b2": (n_y, 1)}, in float64; the same numbers as ``initialize_parameters_deep([n_x, n_h, n_y], seed)``.
    For other scales or float32, use ``initialize_parameters_deep(..., method=..., dtype=...)``.
    """
    rng = np.random.default_rng(seed)
    W1 = rng.standard_normal((n_h, n_x)) * 0.01
    b1 = np.zeros((n_h, 1))
    W2 = rng.standard_normal((n_y, n_h)) * 0.01
    b2 = np.zeros((n_y, 1))
    return {"W1": W1, "b1": b1, "W2": W2, "b2": b2}
