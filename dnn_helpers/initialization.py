"""Step 1 (notebook 01): initialize the parameters W1, b1, ..., WL, bL.

Wl has shape (n[l], n[l-1]) and bl has shape (n[l], 1). Randomness comes only from ``seed``: the same
seed gives the same numbers, and nothing touches numpy's global random state.
"""

import numpy as np

from .validation import check_choice, check_count, check_float_dtype, check_layer_dims, make_rng

METHODS = ("small", "xavier", "he", "large", "zeros")


def weight_scale(method, n_prev):
    """The factor that multiplies standard-normal draws for a layer with n_prev inputs."""
    check_choice(method, METHODS, "method")
    if method == "small":
        return 0.01                      # the classic recipe: small random numbers
    if method == "xavier":
        return 1.0 / np.sqrt(n_prev)     # keeps the variance of Z near that of A_prev
    if method == "he":
        return np.sqrt(2.0 / n_prev)     # the same for ReLU, which zeroes half of its inputs
    if method == "large":
        return 10.0                      # for the lesson on exploding activations
    return 0.0                           # "zeros", for the lesson on symmetry


def initialize_parameters_deep(layer_dims, seed=1, method="small", dtype=np.float64):
    """Initialize an L-layer network.

    layer_dims: [n_x, n[1], ..., n[L]], the number of units in each layer, input first.
    seed: a whole number >= 0 or a numpy Generator; dtype: a float type (np.float64 or np.float32).
    method: "small" (N(0, 1) x 0.01), "xavier" (N(0, 1) / sqrt(n[l-1])), "he" (N(0, 1) x sqrt(2 / n[l-1])),
        "large" (N(0, 1) x 10) or "zeros".
    Returns {"W1": (n[1], n_x), "b1": (n[1], 1), ..., "WL": (n[L], n[L-1]), "bL": (n[L], 1)}, biases zero.
    """
    dims = check_layer_dims(layer_dims)
    dtype = check_float_dtype(dtype)
    rng = make_rng(seed)
    parameters = {}
    for l in range(1, len(dims)):
        scale = weight_scale(method, dims[l - 1])
        W = rng.standard_normal((dims[l], dims[l - 1])) * scale
        parameters[f"W{l}"] = np.asarray(W, dtype=dtype)
        parameters[f"b{l}"] = np.zeros((dims[l], 1), dtype=dtype)
    return parameters


def initialize_parameters(n_x, n_h, n_y, seed=1, method="small", dtype=np.float64):
    """Initialize a 2-layer network LINEAR -> RELU -> LINEAR -> SIGMOID.

    Returns {"W1": (n_h, n_x), "b1": (n_h, 1), "W2": (n_y, n_h), "b2": (n_y, 1)}.
    """
    for name, size in (("n_x", n_x), ("n_h", n_h), ("n_y", n_y)):
        check_count(size, name, minimum=1)
    return initialize_parameters_deep([n_x, n_h, n_y], seed=seed, method=method, dtype=dtype)
