"""Step 3 (notebook 03): the binary cross-entropy cost.

J = -(1/m) sum_i [ y(i) log a(i) + (1 - y(i)) log(1 - a(i)) ]

``compute_cost`` takes the probabilities a = sigmoid(z), the learner's first step; once a rounds to 0 or 1 the
clip caps each loss (at 36.04 in float64). ``compute_cost_from_logits`` takes the logits z themselves:
with log a = -softplus(-z) and log(1 - a) = -softplus(z), each loss is softplus(z) - y z, the true loss at any z.
The training loops report that one.
"""

import numpy as np

from .validation import as_matrix, check_labels, checked


def clip_probabilities(AL):
    """Keep AL inside [eps, 1 - eps] (eps = the dtype's machine epsilon) so that log and 1/AL stay finite.

    A sigmoid output can round to exactly 0.0 or 1.0; the clip changes nothing else (as scikit-learn does).
    """
    eps = np.finfo(AL.dtype).eps
    return np.clip(AL, eps, 1 - eps)


def _check_cost(args):
    AL = args["AL"] = as_matrix(args["AL"], "AL")
    if AL.shape[0] != 1:
        raise ValueError(f"AL has shape {AL.shape}, but it must be (1, m): one probability per example")
    args["Y"] = check_labels(args["Y"], AL.shape[1])
    if not ((AL >= 0) & (AL <= 1)).all():
        raise ValueError("AL must hold probabilities in [0, 1] (the sigmoid output); "
                         f"found values from {np.nanmin(AL):.4g} to {np.nanmax(AL):.4g}")


@checked(_check_cost)
def compute_cost(AL, Y):
    """Binary cross-entropy of predictions AL (1, m) in [0, 1] against labels Y (1, m) of 0/1.

    Taught in notebooks/03_cost_function.ipynb. Returns a Python float; finite even where AL is exactly 0 or 1
    (the clip to [eps, 1 - eps], as ``clip_probabilities``).
    """
    m = AL.shape[1]
    eps = np.finfo(AL.dtype).eps
    P = np.clip(AL, eps, 1 - eps)
    cost = -(Y @ np.log(P).T + (1 - Y) @ np.log(1 - P).T) / m
    return float(cost.item())


def _check_logits(args):
    ZL = args["ZL"] = as_matrix(args["ZL"], "ZL")
    if ZL.shape[0] != 1:
        raise ValueError(f"ZL has shape {ZL.shape}, but it must be (1, m): the one output unit's logit per example")
    args["Y"] = check_labels(args["Y"], ZL.shape[1])
    if not np.isfinite(ZL).all():
        raise ValueError("ZL contains NaN or inf: the logits must be finite numbers (did the training diverge?)")


@checked(_check_logits)
def compute_cost_from_logits(ZL, Y):
    """Binary cross-entropy computed from the last layer's logits ZL (1, m) (AL = sigmoid(ZL)), labels Y (1, m).

    J = (1/m) sum_i [ softplus(z(i)) - y(i) z(i) ], softplus(z) = log(1 + e^z) written np.logaddexp(0, z):
    no overflow and no clip, so it is the true loss however large |z| is, and its derivative with respect to
    each z(i) is (sigmoid(z(i)) - y(i)) / m, the AL - Y that backprop uses. Equals ``compute_cost(sigmoid(ZL), Y)``
    wherever sigmoid(ZL) does not round to 0 or 1. Returns a Python float. Notebook 03 writes it as cost_from_logits.
    """
    losses = np.logaddexp(0, ZL) - Y * ZL
    return float(losses.sum() / ZL.shape[1])
