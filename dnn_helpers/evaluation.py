"""Step 7 (notebook 07): predictions, how good they are, and parameters saved to disk and back.

Binary networks (one output unit) predict 0/1 with a threshold on P(y = 1); K-class networks (softmax,
notebook 15) predict the most probable class 0..K-1. Both give a row (1, m) of class numbers, which
``accuracy`` and ``confusion_matrix`` compare with the labels (a row of classes, or one-hot (K, m)).
A saved file records the hidden activation and the output kind, and a loaded network runs with them.
"""

import zipfile

import numpy as np

from .forward import L_model_forward, Parameters, asked_activation, hidden_activation_of
from .output_layer import THRESHOLD, output_layer_for
from .validation import (ACTIVATION_KEY, as_matrix, as_parameters, as_number, check_activation, check_finite,
                         check_finite_parameters, check_parameters, check_path, check_X_fits, checked)

META_KEYS = (ACTIVATION_KEY, "output")


def _check_network_inputs(args):
    """X (n_x, m) and a network: finite numbers that fit together; the hidden activation settled."""
    args["hidden_activation"] = hidden_activation_of(args["parameters"], asked_activation(args))
    X = args["X"] = as_matrix(args["X"], "X")
    check_finite(X, "X")
    parameters = args["parameters"] = as_parameters(args["parameters"])[0]
    check_finite_parameters(parameters)
    check_X_fits(X, parameters["W1"].shape[1], f"n_x, the number of columns of W1 {parameters['W1'].shape},")


@checked(_check_network_inputs)
def predict_proba(X, parameters, hidden_activation="relu"):
    """The network's probabilities for each column of X (n_x, m): (1, m) = P(y = 1), or (K, m) for softmax.

    hidden_activation: left out, the one the parameters record, else "relu" (as in ``L_model_forward``).
    """
    AL, _ = L_model_forward(X, parameters, hidden_activation)
    return AL


def _check_prediction(args):
    threshold = args["threshold"]
    if isinstance(threshold, bool) or not isinstance(threshold, (int, float, np.integer, np.floating)):
        raise TypeError(f"threshold must be a number strictly between 0 and 1; got {threshold!r}")
    args["threshold"] = as_number(threshold, "threshold")
    if not 0 < args["threshold"] < 1:
        raise ValueError(f"threshold must be strictly between 0 and 1; got {threshold}")
    _check_network_inputs(args)


@checked(_check_prediction)
def predict(X, parameters, hidden_activation="relu", threshold=THRESHOLD):
    """Predicted classes (1, m) for X (n_x, m). Taught in notebooks/07_prediction.ipynb.

    One output unit: 1 where P(y = 1) is above ``threshold``, else 0. K >= 2 (softmax, notebook 15): the most
    probable class 0..K-1 (threshold is not used). hidden_activation: as in ``L_model_forward``.
    """
    AL, _ = L_model_forward(X, parameters, hidden_activation)
    Y_pred = (AL > threshold).astype(np.int64) if len(AL) == 1 else AL.argmax(axis=0, keepdims=True)
    return Y_pred


MAX_CLASSES = 1000   # a K x K confusion matrix of counts; a label of 10**9 is a mistake, not a class


def as_class_row(Y, name):
    """Labels as a row (1, m) of whole class numbers 0..MAX_CLASSES-1: a (1, m) row as is, a one-hot (K, m) as its
    argmax."""
    Y = as_matrix(Y, name)
    if Y.shape[0] > MAX_CLASSES:
        raise ValueError(f"{name} has shape {Y.shape}: as one-hot labels (K, m) that is K = {Y.shape[0]} classes, "
                         f"more than the {MAX_CLASSES} these functions take; labels are (1, m) or one-hot (K, m)")
    if Y.shape[0] > 1:
        if not (np.isin(Y, (0, 1)).all() and (Y.sum(axis=0) == 1).all()):
            raise ValueError(f"{name} has shape {Y.shape}: a (K, m) label array must be one-hot (a single 1 per "
                             f"column); give a row (1, m) of class numbers otherwise")
        return Y.argmax(axis=0).reshape(1, -1)
    if not np.isfinite(Y).all() or (Y != np.round(Y)).any() or (Y < 0).any():
        raise ValueError(f"{name} must hold class numbers 0, 1, 2, ... (0/1 for binary); found "
                         f"{np.unique(Y[~np.isfinite(Y) | (Y != np.round(Y)) | (Y < 0)])[:5].tolist()}")
    if Y.max() >= MAX_CLASSES:
        raise ValueError(f"{name} holds the class number {Y.max():.6g}; class numbers run 0, 1, ..., K - 1 with at "
                         f"most {MAX_CLASSES} classes (K x K counts): is {name} a column of values rather than labels?")
    return Y.astype(np.int64)


def _labels_pair(Y, Y_pred):
    Y, Y_pred = as_class_row(Y, "Y"), as_class_row(Y_pred, "Y_pred")
    if Y.shape != Y_pred.shape:
        raise ValueError(f"Y has {Y.shape[1]} examples but Y_pred has {Y_pred.shape[1]}; both must be (1, m) "
                         f"for the same m examples")
    return Y, Y_pred  # as_matrix has refused empty labels (m = 0) already


def _check_label_pair(args):
    args["Y"], args["Y_pred"] = _labels_pair(args["Y"], args["Y_pred"])   # rows (1, m) of class numbers


@checked(_check_label_pair)
def accuracy(Y, Y_pred):
    """Fraction (a float in [0, 1]) of the m examples whose prediction Y_pred (1, m) equals the label Y.

    Taught in notebooks/07_prediction.ipynb. Y: (1, m) of classes, or one-hot (K, m) (read as its classes).
    """
    fraction = float(np.mean(Y_pred == Y))
    return fraction


def confusion_matrix(Y, Y_pred, K=None):
    """K x K counts: row = true class, column = predicted class (K = 2: [[TN, FP], [FN, TP]]).

    Y: (1, m) classes or one-hot (K, m); Y_pred: (1, m) classes. K defaults to the number of classes seen
    (at least 2).
    """
    Y, Y_pred = _labels_pair(Y, Y_pred)
    seen = int(max(Y.max(), Y_pred.max())) + 1
    if K is None:
        K = max(2, seen)
    elif isinstance(K, bool) or not isinstance(K, (int, np.integer)) or K < seen:
        raise ValueError(f"K must be a whole number of classes covering every label; got {K!r}, "
                         f"but class {seen - 1} occurs")
    elif K > MAX_CLASSES:
        raise ValueError(f"K is {K}, but a confusion matrix here has at most {MAX_CLASSES} classes (K x K counts)")
    counts = np.zeros((K, K), dtype=np.int64)
    np.add.at(counts, (Y.ravel(), Y_pred.ravel()), 1)
    return counts


def save_parameters(path, parameters, hidden_activation=None):
    """Write parameters to ``path`` as an .npz file (exact values, no pickles), at exactly that path.

    The file also records the hidden activation (given, or the one ``parameters`` remember, else "relu")
    and the output kind ("sigmoid" or "softmax"), so that ``load_parameters`` gives back a network that runs
    as it was trained.
    """
    path = check_path(path, "path", "a file name such as 'parameters.npz'")
    activation = hidden_activation_of(parameters, hidden_activation)
    weights, L = as_parameters(parameters)
    check_finite_parameters(weights)
    output = output_layer_for(weights[f"W{L}"].shape[0]).name
    arrays = {name: np.asarray(value) for name, value in weights.items()}
    with open(path, "wb") as file:
        np.savez(file, **arrays, hidden_activation=np.array(activation), output=np.array(output))


def load_parameters(path, hidden_activation=None):
    """Read parameters written by ``save_parameters``; pickled objects are refused, never executed.

    Returns ``Parameters``: the dict W1, b1, ..., WL, bL and its "hidden_activation" entry, the one the file
    records. hidden_activation, if given, must agree with the file's record; it names the activation of a file
    written before files recorded one (such a file, given no hidden_activation, loads as a ReLU network).
    """
    if hidden_activation is not None:
        check_activation(hidden_activation, "hidden_activation")
    expected = "a parameters file written by save_parameters (an .npz archive of plain arrays W1, b1, ...)"
    path = check_path(path, "path", "the name of a file written by save_parameters")
    if not zipfile.is_zipfile(path):
        open(path, "rb").close()  # a missing file raises FileNotFoundError here, as it should
        raise ValueError(f"{path} is not {expected}: it is not an .npz archive at all")
    try:
        with np.load(path, allow_pickle=False) as data:
            arrays = {name: data[name] for name in data.files}
    except ValueError as err:
        if "allow_pickle" in str(err):
            raise ValueError(f"{path} is not {expected}: it holds pickled Python objects, which are refused "
                             f"because loading them could run code") from None
        raise ValueError(f"{path} is not {expected}: {err}") from None
    except (OSError, EOFError, zipfile.BadZipFile, TypeError, MemoryError, KeyError) as err:
        raise ValueError(f"{path} is not {expected}: it is damaged ({type(err).__name__}: {err})") from None
    meta = {key: arrays.pop(key) for key in META_KEYS if key in arrays}
    for key, value in meta.items():
        if value.shape != () or value.dtype.kind != "U":
            raise ValueError(f"{path} is not {expected}: its {key!r} entry is not a name")
    parameters = {name: value for name, value in arrays.items()}
    try:
        L = check_parameters(parameters, name=f"the parameters in {path}")
        check_finite_parameters(parameters, name=f"the parameters in {path}")
        for name, value in parameters.items():
            if value.dtype.kind != "f":
                raise ValueError(f"the parameters in {path}: {name} has dtype {value.dtype}; weights must be floats")
        if ACTIVATION_KEY in meta:
            loaded = Parameters(parameters, str(meta[ACTIVATION_KEY]))
            Parameters(loaded, hidden_activation)   # refuses a hidden_activation that contradicts the file
        else:   # a file from before the record: ReLU, the only activation files held then, unless told otherwise
            loaded = Parameters(parameters, hidden_activation)   # None: ReLU
    except (TypeError, ValueError) as err:
        raise ValueError(f"{path}: {err}" if str(path) not in str(err) else str(err)) from None
    if "output" in meta and str(meta["output"]) != output_layer_for(parameters[f"W{L}"].shape[0]).name:
        raise ValueError(f"{path} says its output is {str(meta['output'])!r}, but W{L} has "
                         f"{parameters[f'W{L}'].shape[0]} rows, which is a "
                         f"{output_layer_for(parameters[f'W{L}'].shape[0]).name} output")
    return loaded
