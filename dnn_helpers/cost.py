"""Step 3 (notebook 03): the binary cross-entropy cost.

J = -(1/m) sum_i [ y(i) log a(i) + (1 - y(i)) log(1 - a(i)) ]
"""

import numpy as np

from .validation import as_matrix, check_labels


def clip_probabilities(AL):
    """Keep AL inside [eps, 1 - eps] (eps = the dtype's machine epsilon) so that log and 1/AL stay finite.

    A sigmoid output can round to exactly 0.0 or 1.0; the clip changes nothing else (as scikit-learn does).
    """
    eps = np.finfo(AL.dtype).eps
    return np.clip(AL, eps, 1 - eps)


def compute_cost(AL, Y):
    """Binary cross-entropy of predictions AL (1, m) in [0, 1] against labels Y (1, m) of 0/1.

    Returns a Python float; finite even where AL is exactly 0 or 1.
    """
    AL = as_matrix(AL, "AL")
    if AL.shape[0] != 1:
        raise ValueError(f"AL has shape {AL.shape}, but it must be (1, m): one probability per example")
    Y = check_labels(Y, AL.shape[1])
    if not ((AL >= 0) & (AL <= 1)).all():
        raise ValueError("AL must hold probabilities in [0, 1] (the sigmoid output); "
                         f"found values from {np.nanmin(AL):.4g} to {np.nanmax(AL):.4g}")
    m = AL.shape[1]
    P = clip_probabilities(AL)
    cost = -(Y @ np.log(P).T + (1 - Y) @ np.log(1 - P).T) / m
    return float(cost.item())
