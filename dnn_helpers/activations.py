"""Step 2a (notebook 02): the activation functions g(Z), and the one table that every module reads.

Each function takes Z of any shape and returns ``(A, Z)``: the activation, same shape and dtype as Z, and Z
itself, kept as the cache that the backward step differentiates at. ``ACTIVATIONS`` maps each name to its
forward function and its derivative, written two ways: from the cached Z (``backward``) and from the output
A = g(Z) (the training loop, which already has A). Adding an activation is one entry here.
"""

from typing import Callable, NamedTuple

import numpy as np


def as_float(Z):
    """Z as a numpy array of floats: integers become float64, float32 stays float32; anything else is refused.

    Given in notebooks/02_forward_propagation.ipynb; every activation starts from it (``validation.as_array`` ends
    with it too).
    """
    Z = np.asarray(Z)
    if Z.dtype.kind not in "fiub":
        raise TypeError(f"Z must hold numbers, but its dtype is {Z.dtype}")
    return Z if Z.dtype.kind == "f" else Z.astype(np.float64)


def sigmoid(Z):
    """sigma(Z) = 1 / (1 + exp(-Z)), elementwise, without overflow for any Z. Returns (A, Z).

    Taught in notebooks/02_forward_propagation.ipynb. exp is only ever taken of -|Z| <= 0, so it never overflows:
    for Z >= 0 we use 1 / (1 + e^-Z), and for Z < 0 the equal form e^Z / (1 + e^Z).
    """
    Z = as_float(Z)
    E = np.exp(-np.abs(Z))
    A = 1 / (1 + E)
    A = np.where(Z >= 0, A, E * A)
    return A, Z


def relu(Z):
    """ReLU(Z) = max(0, Z), elementwise. Returns (A, Z). Taught in notebooks/02_forward_propagation.ipynb."""
    Z = as_float(Z)
    A = np.maximum(Z, 0)
    return A, Z


def tanh(Z):
    """tanh(Z) = (e^Z - e^-Z) / (e^Z + e^-Z), elementwise, in (-1, 1). Returns (A, Z).

    Taught in notebooks/02_forward_propagation.ipynb.
    """
    Z = as_float(Z)
    A = np.tanh(Z)
    return A, Z


LEAKY_SLOPE = 0.01


def leaky_relu(Z):
    """Leaky ReLU(Z) = Z where Z > 0, else 0.01 Z, elementwise: a ReLU whose units never stop learning."""
    Z = as_float(Z)
    return np.where(Z > 0, Z, Z * Z.dtype.type(LEAKY_SLOPE)), Z


def _slopes(mask, dtype):
    """1 where mask, LEAKY_SLOPE elsewhere, in ``dtype``."""
    return np.where(mask, dtype.type(1), dtype.type(LEAKY_SLOPE))


class Activation(NamedTuple):
    """One activation g: forward Z -> (A, Z); g'(Z) from the cached Z; g'(Z) from the output A = g(Z)."""

    forward: Callable
    derivative: Callable
    derivative_from_output: Callable


def _sigmoid_derivative(Z):
    s = sigmoid(Z)[0]
    return s * (1 - s)


def _tanh_derivative(Z):
    t = np.tanh(Z)
    return 1 - t * t


ACTIVATIONS = {
    "relu": Activation(relu, lambda Z: Z > 0, lambda A: A > 0),
    "sigmoid": Activation(sigmoid, _sigmoid_derivative, lambda A: A * (1 - A)),
    "tanh": Activation(tanh, _tanh_derivative, lambda A: 1 - A * A),
    "leaky_relu": Activation(leaky_relu, lambda Z: _slopes(Z > 0, Z.dtype), lambda A: _slopes(A > 0, A.dtype)),
}
ACTIVATION_FUNCTIONS = {name: entry.forward for name, entry in ACTIVATIONS.items()}
