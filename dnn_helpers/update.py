"""Step 5 (notebook 05): one step of gradient descent, W[l] := W[l] - alpha dW[l], b[l] := b[l] - alpha db[l]."""

import numpy as np

from .validation import check_parameters, check_positive


def check_grads(parameters, grads, L):
    """Raise a teaching error if grads lacks a dW/db of the same shape as each W/b."""
    if not isinstance(grads, dict):
        raise TypeError(f"grads must be a dict with keys 'dW1', 'db1', ...; got {type(grads).__name__}")
    for l in range(1, L + 1):
        for name in (f"W{l}", f"b{l}"):
            key = "d" + name
            if key not in grads:
                listing = "dW1, db1" if L == 1 else f"dW1, db1, ..., dW{L}, db{L}"
                raise ValueError(f"grads is missing {key!r}; L_model_backward returns {listing}")
            shape = getattr(grads[key], "shape", None)
            if shape != parameters[name].shape:
                raise ValueError(f"grads[{key!r}] has shape {shape}, but {name} has shape "
                                 f"{parameters[name].shape}; a gradient is shaped like its parameter")


def update_parameters(parameters, grads, learning_rate):
    """Return new parameters after one gradient-descent step; the inputs are not modified.

    parameters: {"W1": (n[1], n[0]), "b1": (n[1], 1), ...}; grads: {"dW1", "db1", ...} of the same shapes.
    Same as {name: W - learning_rate * grads["d" + name]}, but writing the result over the temporary
    alpha dW instead of allocating a second large array (that allocation costs more than the arithmetic).
    """
    L = check_parameters(parameters)
    check_grads(parameters, grads, L)
    check_positive(learning_rate, "learning_rate")
    new_parameters = {}
    for name, value in parameters.items():
        step = learning_rate * grads["d" + name]                       # alpha dW, a new array
        new_parameters[name] = np.subtract(value, step, out=step)      # W - alpha dW, written over it
    return new_parameters
