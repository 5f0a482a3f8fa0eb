"""Step 5 (notebook 05): one step of gradient descent, W[l] := W[l] - alpha dW[l], b[l] := b[l] - alpha db[l]."""

import numpy as np

from .forward import with_activation_of
from .validation import as_grads, as_parameters, check_positive, checked


def _check_update(args):
    args["parameters"], L = as_parameters(args["parameters"])
    args["grads"] = as_grads(args["grads"], args["parameters"], L)    # each in its parameter's dtype
    args["learning_rate"] = check_positive(args["learning_rate"], "learning_rate")


def _finite_update(new_parameters, args, given):
    for name, value in new_parameters.items():
        if not np.isfinite(value).all():
            raise ValueError(f"learning_rate = {args['learning_rate']:.3g} times the gradient d{name} overflowed: the "
                             f"new {name} holds inf or NaN; learning_rate must be a small positive number such as "
                             f"0.01 (and grads finite)")
    return with_activation_of(given["parameters"], new_parameters)     # a tanh network stays a tanh network


@checked(_check_update, after=_finite_update, quiet=True)
def update_parameters(parameters, grads, learning_rate):
    """One gradient-descent step: a new dict {"W1": W1 - learning_rate * dW1, "b1": ..., ...}.

    Taught in notebooks/05_update_parameters.ipynb.
    parameters: {"W1": (n[1], n[0]), "b1": (n[1], 1), ..., "WL", "bL"};
    grads: {"dW1": (n[1], n[0]), "db1": (n[1], 1), ...}, each exactly the shape of its parameter (extra keys such
    as "dA0" are ignored); learning_rate: alpha > 0. The inputs are not modified.
    Returns {"W1", "b1", ...} of the same shapes and dtypes as parameters, with the "hidden_activation" entry of
    parameters if they have one (see ``forward.Parameters``).
    W - alpha dW is written over the new array alpha dW: one new array per parameter, not two (for a large W1 the
    second allocation costs more than the arithmetic).
    """
    new_parameters = {}
    for name, value in parameters.items():
        step = learning_rate * grads["d" + name]
        new_parameters[name] = np.subtract(value, step, out=step)
    return new_parameters
