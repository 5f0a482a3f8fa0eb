"""The output layer and its loss, one pluggable piece (notebooks 02-04 for sigmoid, 15 for softmax).

An output kind pairs the last layer's activation with the cross-entropy that matches it:

- "sigmoid": one unit, AL (1, m) = P(y = 1), binary cross-entropy, labels Y (1, m) of 0/1, predict AL > THRESHOLD (0.5);
- "softmax": K >= 2 units, AL (K, m) whose columns sum to 1, categorical cross-entropy
  J = -(1/m) sum_i sum_k Y_ki log AL_ki, one-hot labels Y (K, m), predict the most probable class.

For both, the derivative of each example's loss with respect to the last layer's Z is simply AL - Y
(``output_gradient``): dZ[L] = AL - Y, and the 1/m of the cost's average comes in ``linear_backward``.
The kind is read from the number of output units n[L]: 1 is sigmoid, 2 or more is softmax (``output_layer_for``).

Each kind has two costs: ``cost(AL, Y)`` from the probabilities (clipped away from 0 and 1, so it caps the loss
once AL saturates), and ``cost_from_logits(ZL, Y)`` from the last layer's Z (softplus for one sigmoid unit,
log-sum-exp for softmax), the true loss at any saturation, whose derivative is the AL - Y above.
The training loops report the second one (``output_cost``).
"""

from typing import Callable, NamedTuple

import numpy as np

from .activations import sigmoid
from .cost import clip_probabilities, compute_cost, compute_cost_from_logits
from .validation import as_matrix, check_labels, checked


def _check_logits(args):
    args["Z"] = as_matrix(args["Z"], "Z")


@checked(_check_logits)
def softmax(Z):
    """Column-wise softmax: A_k = exp(Z_k) / sum_j exp(Z_j) for each column of Z (K, m). Returns (A, Z).

    Taught in notebooks/15_many_classes.ipynb.
    The column maximum is subtracted first (softmax(Z - c) = softmax(Z)), so exp never overflows.
    """
    E = np.exp(Z - Z.max(axis=0, keepdims=True))
    A = E / E.sum(axis=0, keepdims=True)
    return A, Z


def _check_classes(args):
    labels, K = np.asarray(args["labels"]), args["K"]
    if labels.ndim == 2 and labels.shape[0] == 1:
        labels = labels[0]
    if labels.ndim != 1:
        raise ValueError(f"labels has shape {labels.shape}; one_hot takes a row (1, m) or a vector (m,) of classes")
    if isinstance(K, bool) or not isinstance(K, (int, np.integer)) or K < 2:
        raise ValueError(f"K, the number of classes, must be a whole number of at least 2; got {K!r}")
    if labels.dtype.kind not in "iu" and not (labels.dtype.kind == "f" and np.all(labels == np.round(labels))):
        raise TypeError(f"labels must be whole class numbers 0..{K - 1}; got dtype {labels.dtype}")
    if labels.size and (labels.min() < 0 or labels.max() >= K):
        raise ValueError(f"labels must lie in 0..{K - 1} for K = {K}; found {labels.min():g} to {labels.max():g}")
    args["labels"] = labels.astype(np.int64)   # whole-number floats such as 2.0 become indices


@checked(_check_classes)
def one_hot(labels, K):
    """Labels (m,) or (1, m) of classes 0..K-1 -> Y (K, m) with Y[k, i] = 1 where labels[i] == k.

    Taught in notebooks/15_many_classes.ipynb."""
    labels = np.asarray(labels).reshape(-1)
    Y = np.zeros((K, labels.size))
    Y[labels, np.arange(labels.size)] = 1
    return Y


def check_one_hot(Y, K, m, name="Y"):
    """Return Y as a float (K, m) one-hot array, or raise a teaching error."""
    Y = as_matrix(Y, name)
    if Y.shape == (1, m):
        raise ValueError(f"{name} has shape {Y.shape}: a row of class numbers; a softmax output with K = {K} "
                         f"units needs one-hot labels (K, m) = ({K}, {m}): use dh.one_hot({name}, {K})")
    if Y.shape != (K, m):
        raise ValueError(f"{name} has shape {Y.shape}, but it must be (K, m) = ({K}, {m}): one one-hot column "
                         f"per example")
    if not (np.isin(Y, (0, 1)).all() and (Y.sum(axis=0) == 1).all()):
        raise ValueError(f"{name} must be one-hot: each column holds a single 1 and K - 1 zeros")
    return Y


def _check_softmax_output(args):
    AL = args["AL"] = as_matrix(args["AL"], "AL")
    args["Y"] = check_one_hot(args["Y"], AL.shape[0], AL.shape[1])
    if not ((AL >= 0) & (AL <= 1)).all():
        raise ValueError("AL must hold probabilities in [0, 1] (the softmax output); "
                         f"found values from {np.nanmin(AL):.4g} to {np.nanmax(AL):.4g}")
    off = np.abs(AL.sum(axis=0) - 1)
    if off.size and off.max() > 100 * AL.shape[0] * np.finfo(AL.dtype).eps:
        column = int(off.argmax())
        raise ValueError(f"AL's columns must each sum to 1 (a softmax output); column {column} sums to "
                         f"{AL[:, column].sum():.4g}: did the output layer apply a sigmoid to its K units instead "
                         f"of a softmax?")


@checked(_check_softmax_output)
def categorical_cost(AL, Y):
    """Categorical cross-entropy of AL (K, m), columns summing to 1, against one-hot Y (K, m). Returns a float.

    Taught in notebooks/15_many_classes.ipynb. AL is clipped into [eps, 1 - eps], as ``compute_cost`` does."""
    m = Y.shape[1]
    eps = np.finfo(AL.dtype).eps
    P = np.clip(AL, eps, 1 - eps)
    cost = -np.sum(Y * np.log(P)) / m
    return float(cost)


def _check_logits_and_labels(args):
    ZL = args["ZL"] = as_matrix(args["ZL"], "ZL")
    args["Y"] = check_one_hot(args["Y"], ZL.shape[0], ZL.shape[1])
    if not np.isfinite(ZL).all():
        raise ValueError("ZL contains NaN or inf: the logits must be finite numbers (did the training diverge?)")


@checked(_check_logits_and_labels)
def categorical_cost_from_logits(ZL, Y):
    """Categorical cross-entropy computed from the logits ZL (K, m) (AL = softmax(ZL)), one-hot Y (K, m).

    Taught in notebooks/15_many_classes.ipynb.
    log AL_ki = Z_ki - logsumexp_j Z_ji, so J = (1/m) sum_i [ logsumexp_k Z_ki - sum_k Y_ki Z_ki ], with the
    column maximum c taken out of the log-sum-exp (logsumexp(z) = c + log sum exp(z - c)): no overflow, no clip,
    the true loss at any saturation; its derivative with respect to Z is (softmax(ZL) - Y) / m. Equals
    ``categorical_cost(softmax(ZL), Y)`` wherever no probability rounds to 0. Returns a Python float.
    """
    c = ZL.max(axis=0, keepdims=True)                                  # (1, m) column maxima
    log_sum_exp = c + np.log(np.exp(ZL - c).sum(axis=0, keepdims=True))
    return float((log_sum_exp.sum() - np.sum(Y * ZL)) / ZL.shape[1])


def _binary_labels(Y, K, m):
    return check_labels(Y, m)


THRESHOLD = 0.5   # a sigmoid output predicts class 1 where P(y = 1) = AL is above it


def predict_binary(AL, threshold=THRESHOLD):
    """The sigmoid output's prediction: 1 where AL (1, m) is above ``threshold``, else 0 (int64 (1, m))."""
    return (AL > threshold).astype(np.int64)


def binary_dA(AL, Y):
    """dAL = -(Y / AL - (1 - Y) / (1 - AL)), the derivative of the binary cross-entropy with respect to the
    sigmoid output AL (1, m) (notebook 04), with AL clipped into [eps, 1 - eps] as the cost clips it."""
    P = clip_probabilities(AL)
    return -(Y / P - (1 - Y) / (1 - P))


class OutputLayer(NamedTuple):
    """forward Z -> (AL, Z); cost(AL, Y) -> float; labels(Y, K, m) -> checked Y; predict(AL) -> classes (1, m);
    cost_from_logits(ZL, Y) -> float, the same cost from the last layer's Z; dA(AL, Y) -> dAL, the cost's
    derivative with respect to AL for an elementwise output (sigmoid), whose backward then runs through its
    activation's derivative; None for softmax, whose units are coupled: its backward starts from
    dZ[L] = AL - Y (``output_gradient``)."""

    name: str
    forward: Callable
    cost: Callable
    labels: Callable
    predict: Callable
    cost_from_logits: Callable
    dA: Callable | None


OUTPUT_LAYERS = {
    "sigmoid": OutputLayer("sigmoid", sigmoid, compute_cost, _binary_labels, predict_binary,
                           compute_cost_from_logits, binary_dA),
    "softmax": OutputLayer("softmax", softmax, categorical_cost, check_one_hot,
                           lambda AL: AL.argmax(axis=0).reshape(1, -1), categorical_cost_from_logits, None),
}


def output_layer_for(n_L):
    """The output kind for n[L] output units: sigmoid for 1, softmax for 2 or more."""
    return OUTPUT_LAYERS["sigmoid" if n_L == 1 else "softmax"]


def output_gradient(AL, Y):
    """dZ[L] = AL - Y, for sigmoid + binary and softmax + categorical cross-entropy alike (before the 1/m)."""
    return AL - Y


def output_cost(caches, Y):
    """The cost that the training loops report: the output layer's cost from the logits ZL (n[L], m) that
    ``L_model_forward`` (or its dropout twin) cached last, caches[-1][1]. Y: (1, m) of 0/1, or one-hot (K, m)."""
    if not isinstance(caches, (list, tuple)) or not caches:
        raise TypeError(f"caches must be the non-empty list that L_model_forward returns; got {type(caches).__name__}")
    ZL = as_matrix(caches[-1][1], "caches[-1][1] (the last layer's Z)")
    return output_layer_for(ZL.shape[0]).cost_from_logits(ZL, Y)
