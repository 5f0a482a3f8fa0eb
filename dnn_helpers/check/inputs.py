"""The inputs every catalogue builds its cases from: random networks, labels, and plain numpy activations.

Shared by the catalogues of dh.check (one module per notebook); nothing here is an exercise.
"""

import numpy as np



def seeded_rng(seed):
    """A fresh numpy Generator for ``seed``: every case builder draws its inputs from one."""
    return np.random.default_rng(seed)


def network(dims, m, seed):
    """X (n_x, m) and parameters with xavier weights and nonzero biases (so that a missing + b shows)."""
    r = seeded_rng(seed)
    X = r.standard_normal((dims[0], m))
    parameters = {}
    for l in range(1, len(dims)):
        parameters[f"W{l}"] = r.standard_normal((dims[l], dims[l - 1])) / np.sqrt(dims[l - 1])
        parameters[f"b{l}"] = r.normal(0, 0.5, (dims[l], 1))
    return X, parameters


def labels(m, seed):
    """0/1 labels (1, m) with both classes present when m > 1."""
    Y = seeded_rng(seed).integers(0, 2, (1, m))
    if m > 1:
        Y[0, 0], Y[0, 1] = 0, 1
    return Y


ARCHITECTURES = [([3, 4, 1], 5, 1), ([5, 4, 3, 1], 7, 2), ([2, 3, 1], 1, 3), ([4, 1], 6, 4)]


def sigmoid_np(Z):
    E = np.exp(-np.abs(Z))
    return np.where(Z >= 0, 1 / (1 + E), E / (1 + E))


def relu_np(Z):
    return np.maximum(Z, 0)


# Each activation and its derivative in plain numpy (no checks), by name: what the mistakes are written with.
ACTIVATION_OF = {"relu": relu_np, "sigmoid": sigmoid_np, "tanh": np.tanh}
DERIVATIVE_OF = {"relu": lambda Z: (Z > 0).astype(Z.dtype),
                 "sigmoid": lambda Z: sigmoid_np(Z) * (1 - sigmoid_np(Z)),
                 "tanh": lambda Z: 1 - np.tanh(Z) ** 2}
