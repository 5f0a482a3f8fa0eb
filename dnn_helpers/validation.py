"""Cheap input checks shared by every step, so that bad input gets a teaching error, never a wrong answer.

Each check raises ``TypeError`` or ``ValueError`` whose message names the argument, says what it got and
what the course expects, in the course's notation (X is (n_x, m): one column per example).
"""

import re

import numpy as np

ACTIVATIONS = ("relu", "sigmoid", "tanh")


def as_matrix(value, name):
    """Return ``value`` as a 2-D float array; int and bool arrays become float64, floats keep their dtype."""
    if not isinstance(value, np.ndarray):
        try:
            value = np.asarray(value)
        except (TypeError, ValueError) as err:  # ragged lists and the like
            raise TypeError(f"{name} must be a 2-D numeric array; could not convert it ({err})") from None
    if value.dtype.kind not in "fiub":
        raise TypeError(f"{name} must hold numbers, but its dtype is {value.dtype}; "
                        f"convert it first, e.g. {name}.astype(float)")
    if value.ndim != 2:
        raise ValueError(f"{name} must be 2-D, but it has shape {value.shape}; "
                         f"the course keeps every matrix 2-D, e.g. a vector of m values as (1, m)")
    if value.dtype.kind != "f":
        value = value.astype(np.float64)
    return value


def check_finite(value, name):
    """Raise if ``value`` holds NaN or inf (costs one pass over the data: call it once per model call)."""
    if not np.isfinite(value).all():
        bad = np.argwhere(~np.isfinite(value))
        row, col = bad[0]
        raise ValueError(f"{name} contains {len(bad)} NaN or inf value(s), the first at row {row}, column {col}; "
                         f"remove or impute them before training")


def check_activation(activation, name="activation"):
    if activation not in ACTIVATIONS:
        raise ValueError(f"{name} must be one of {', '.join(map(repr, ACTIVATIONS))}; got {activation!r}")


def check_positive(value, name):
    if isinstance(value, bool) or not isinstance(value, (int, float, np.integer, np.floating)):
        raise TypeError(f"{name} must be a number; got {type(value).__name__}")
    if not np.isfinite(value) or value <= 0:
        raise ValueError(f"{name} must be a positive number; got {value}")


def check_count(value, name, minimum=0):
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)):
        raise TypeError(f"{name} must be a whole number; got {value!r}")
    if value < minimum:
        raise ValueError(f"{name} must be at least {minimum}; got {value}")


def check_layer_dims(layer_dims, name="layer_dims"):
    """Return ``layer_dims`` as a list of ints [n_x, n[1], ..., n[L]]; at least two sizes, each at least 1."""
    if isinstance(layer_dims, (str, bytes)) or not hasattr(layer_dims, "__len__"):
        raise TypeError(f"{name} must be a list of layer sizes like [n_x, n_h, 1]; got {layer_dims!r}")
    dims = list(layer_dims)
    if len(dims) < 2:
        raise ValueError(f"{name} must list at least two sizes, the input n_x and the output n[L]; got {dims}")
    for index, size in enumerate(dims):
        if isinstance(size, bool) or not isinstance(size, (int, np.integer)):
            raise TypeError(f"{name}[{index}] must be a whole number of units; got {size!r}")
        if size < 1:
            raise ValueError(f"{name}[{index}] is {size}, but every layer needs at least 1 unit")
    return [int(size) for size in dims]


def check_labels(Y, m, name="Y"):
    """Return Y as a float (1, m) array of 0/1 labels, one column per example of X."""
    Y = np.asarray(Y) if not isinstance(Y, np.ndarray) else Y
    if Y.dtype.kind not in "fiub":
        raise TypeError(f"{name} must hold 0/1 labels, but its dtype is {Y.dtype}")
    if Y.ndim == 1 and Y.shape[0] == m:
        raise ValueError(f"{name} has shape {Y.shape}, but labels must be a row (1, m) = (1, {m}); "
                         f"use {name}.reshape(1, -1)")
    if Y.shape == (m, 1) and m != 1:
        raise ValueError(f"{name} has shape {Y.shape}: it looks transposed; labels must be (1, m) = (1, {m}), "
                         f"one column per example; use {name}.T")
    if Y.shape != (1, m):
        raise ValueError(f"{name} has shape {Y.shape}, but it must be (1, m) = (1, {m}): one label per column of X")
    if not np.isfinite(Y).all():
        raise ValueError(f"{name} contains NaN or inf; every label must be 0 or 1")
    if not np.isin(Y, (0, 1)).all():
        found = np.unique(Y[~np.isin(Y, (0, 1))])[:5]
        raise ValueError(f"{name} must hold only 0 and 1 for binary classification; found {found.tolist()}")
    return Y


_KEY = re.compile(r"^([Wb])([1-9][0-9]*)$")


def check_parameters(parameters, name="parameters"):
    """Check a ``W1, b1, ..., WL, bL`` dict: keys, 2-D shapes that chain. Return L, the number of layers."""
    if not isinstance(parameters, dict):
        raise TypeError(f"{name} must be a dict with keys 'W1', 'b1', ..., 'WL', 'bL'; got {type(parameters).__name__}")
    bad = [key for key in parameters if not (isinstance(key, str) and _KEY.match(key))]
    if bad:
        raise ValueError(f"{name} has unexpected key(s) {bad}; expected only 'W1', 'b1', ..., 'WL', 'bL'")
    if not parameters:
        raise ValueError(f"{name} is empty; expected 'W1', 'b1', ..., 'WL', 'bL'")
    L = max(int(_KEY.match(key).group(2)) for key in parameters)
    for l in range(1, L + 1):
        for key in (f"W{l}", f"b{l}"):
            if key not in parameters:
                raise ValueError(f"{name} is missing {key!r}; a {L}-layer network needs W1, b1, ..., W{L}, b{L}")
    previous = None
    for l in range(1, L + 1):
        W = as_matrix(parameters[f"W{l}"], f"{name}['W{l}']")
        b = as_matrix(parameters[f"b{l}"], f"{name}['b{l}']")
        if b.shape != (W.shape[0], 1):
            raise ValueError(f"{name}['b{l}'] has shape {b.shape}, but W{l} is {W.shape}, so b{l} must be "
                             f"(n[{l}], 1) = ({W.shape[0]}, 1)")
        if previous is not None and W.shape[1] != previous:
            raise ValueError(f"{name}['W{l}'] has shape {W.shape}, but layer {l - 1} has {previous} units, "
                             f"so W{l} must be (n[{l}], n[{l - 1}]) = ({W.shape[0]}, {previous})")
        previous = W.shape[0]
    return L


def check_X_fits(X, n_x, source, name="X"):
    """Raise a teaching error if X does not have n_x rows (the input size that ``source`` names)."""
    if X.shape[0] != n_x:
        hint = (" It looks transposed: did you pass (m, n_x)? Use X.T." if X.shape[1] == n_x
                else "")
        raise ValueError(f"{name} has {X.shape[0]} rows but {source} is {n_x}; {name} must be (n_x, m), "
                         f"one column per example.{hint}")
