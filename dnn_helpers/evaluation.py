"""Step 7 (notebook 07): predictions, how good they are, and parameters saved to disk and back."""

import zipfile

import numpy as np

from .validation import as_matrix, check_finite, check_labels, check_parameters
from .forward import L_model_forward


def predict_proba(X, parameters, hidden_activation="relu"):
    """The network's probability that y = 1 for each column of X (n_x, m). Returns (1, m)."""
    X = as_matrix(X, "X")
    check_finite(X, "X")
    AL, _ = L_model_forward(X, parameters, hidden_activation)
    return AL


def predict(X, parameters, hidden_activation="relu", threshold=0.5):
    """0/1 predictions (1, m) for X (n_x, m): 1 where the predicted probability is above ``threshold``."""
    if not 0 < threshold < 1:
        raise ValueError(f"threshold must be strictly between 0 and 1; got {threshold}")
    return (predict_proba(X, parameters, hidden_activation) > threshold).astype(np.int64)


def _labels_pair(Y, Y_pred):
    Y_pred = np.asarray(Y_pred)
    if Y_pred.ndim != 2 or Y_pred.shape[0] != 1:
        raise ValueError(f"Y_pred has shape {Y_pred.shape}, but it must be (1, m) like the output of predict")
    return check_labels(Y, Y_pred.shape[1]), check_labels(Y_pred, Y_pred.shape[1], "Y_pred")


def accuracy(Y, Y_pred):
    """Fraction of examples where the 0/1 prediction Y_pred (1, m) equals the label Y (1, m)."""
    Y, Y_pred = _labels_pair(Y, Y_pred)
    return float(np.mean(Y == Y_pred))


def confusion_matrix(Y, Y_pred):
    """2 x 2 counts [[true negatives, false positives], [false negatives, true positives]]."""
    Y, Y_pred = _labels_pair(Y, Y_pred)
    y, p = Y.ravel() == 1, Y_pred.ravel() == 1
    return np.array([[np.sum(~y & ~p), np.sum(~y & p)], [np.sum(y & ~p), np.sum(y & p)]])


def save_parameters(path, parameters):
    """Write parameters to ``path`` as an .npz file (exact values, no pickles), at exactly that path."""
    check_parameters(parameters)
    with open(path, "wb") as file:
        np.savez(file, **{name: np.asarray(value) for name, value in parameters.items()})


def load_parameters(path):
    """Read parameters written by ``save_parameters``; pickled objects are refused, never executed."""
    expected = "a parameters file written by save_parameters (an .npz archive of plain arrays W1, b1, ...)"
    if not zipfile.is_zipfile(path):
        open(path, "rb").close()  # a missing file raises FileNotFoundError here, as it should
        raise ValueError(f"{path} is not {expected}: it is not an .npz archive at all")
    try:
        with np.load(path, allow_pickle=False) as data:
            parameters = {name: data[name] for name in data.files}
    except ValueError as err:
        if "allow_pickle" in str(err):
            raise ValueError(f"{path} is not {expected}: it holds pickled Python objects, which are refused "
                             f"because loading them could run code") from None
        raise ValueError(f"{path} is not {expected}: {err}") from None
    except (OSError, EOFError, zipfile.BadZipFile) as err:
        raise ValueError(f"{path} is not {expected}: it is damaged ({err})") from None
    try:
        check_parameters(parameters, name=f"the parameters in {path}")
    except (TypeError, ValueError) as err:
        raise ValueError(str(err)) from None
    return parameters
