"""Step 2a (notebook 02): the activation functions g(Z).

Each takes Z of any shape and returns ``(A, Z)``: the activation, same shape and dtype as Z, and Z itself,
kept as the cache that the backward step differentiates at. Their derivatives live in ``backward``.
"""

import numpy as np


def as_float(Z, name="Z"):
    Z = np.asarray(Z)
    if Z.dtype.kind not in "fiub":
        raise TypeError(f"{name} must hold numbers, but its dtype is {Z.dtype}")
    return Z if Z.dtype.kind == "f" else Z.astype(np.float64)


def sigmoid(Z):
    """sigma(Z) = 1 / (1 + exp(-Z)), elementwise, without overflow for any Z.

    exp is only ever taken of -|Z| <= 0, so it never overflows: for Z >= 0 we use 1 / (1 + e^-Z), and for
    Z < 0 the equal form e^Z / (1 + e^Z).
    """
    Z = as_float(Z)
    E = np.exp(-np.abs(Z))
    A = 1 / (1 + E)
    A = np.where(Z >= 0, A, E * A)
    return A, Z


def relu(Z):
    """ReLU(Z) = max(0, Z), elementwise."""
    Z = as_float(Z)
    return np.maximum(Z, 0), Z


def tanh(Z):
    """tanh(Z) = (e^Z - e^-Z) / (e^Z + e^-Z), elementwise, in (-1, 1)."""
    Z = as_float(Z)
    return np.tanh(Z), Z


ACTIVATION_FUNCTIONS = {"sigmoid": sigmoid, "relu": relu, "tanh": tanh}
