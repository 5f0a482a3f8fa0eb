"""Step 5 (notebook 05): one step of gradient descent, W[l] := W[l] - alpha dW[l], b[l] := b[l] - alpha db[l]."""

import numpy as np

from .forward import with_activation_of
from .validation import as_grads, as_parameters, check_grads, check_positive

__all__ = ["update_parameters", "check_grads"]


def update_parameters(parameters, grads, learning_rate):
    """Return new parameters after one gradient-descent step; the inputs are not modified.

    parameters: {"W1": (n[1], n[0]), "b1": (n[1], 1), ..., "WL", "bL"};
    grads: {"dW1": (n[1], n[0]), "db1": (n[1], 1), ...}, each exactly the shape of its parameter (extra keys such
    as "dA0" are ignored); learning_rate: alpha > 0.
    Returns {"W1", "b1", ...} of the same shapes and dtypes as parameters, with the "hidden_activation" entry of
    parameters if they have one (see ``forward.Parameters``).
    Same as {name: W - learning_rate * grads["d" + name]}, but writing the result over the temporary
    alpha dW instead of allocating a second large array (that allocation costs more than the arithmetic).
    """
    weights, L = as_parameters(parameters)
    grads = as_grads(grads, weights, L)
    learning_rate = check_positive(learning_rate, "learning_rate")
    new_parameters = {}
    for name, value in weights.items():
        step = np.multiply(learning_rate, grads["d" + name], dtype=value.dtype)  # alpha dW, a new array
        new_parameters[name] = np.subtract(value, step, out=step)      # W - alpha dW, written over it
    return with_activation_of(parameters, new_parameters)   # a tanh network stays a tanh network
