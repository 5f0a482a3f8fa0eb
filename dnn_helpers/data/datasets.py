"""Notebook 00 (and 06, 08, 09): the data, always as X (n_x, m) with one column per example and Y (1, m).

Generated 2-D sets for decision boundaries, and real data that ships with installed packages (nothing is
downloaded): scikit-learn's digits and breast-cancer tables, and the Seattle daily weather in vega-datasets.
"""

import csv
from importlib import resources

import numpy as np

from ..validation import (as_array, as_matrix, as_number, check_count, check_finite, check_layer_dims, check_positive,
                          make_rng)


def shape_table(layer_dims, m):
    """Rows (name, shape) of W[l], b[l], Z[l] and A[l] for each layer, A[0] = X first."""
    dims = check_layer_dims(layer_dims)
    check_count(m, "m", minimum=1)
    rows = [("A[0] = X", (dims[0], m))]
    for l in range(1, len(dims)):
        rows += [(f"W[{l}]", (dims[l], dims[l - 1])), (f"b[{l}]", (dims[l], 1)),
                 (f"Z[{l}]", (dims[l], m)), (f"A[{l}]", (dims[l], m))]
    return rows


def images_to_columns(images, scale=255.0):
    """Flatten images (m, h, w[, c]) into X (h*w*c, m), one column per image, divided by ``scale`` (> 0).

    Integer images (such as uint8 pixels 0..255) give float64; float32 images stay float32.
    """
    images = as_array(images, "images")
    if images.ndim not in (3, 4):
        raise ValueError(f"images has shape {images.shape}; expected (m, h, w) or (m, h, w, c), one image per "
                         f"leading index")
    scale = check_positive(scale, "scale")
    check_finite(images, "images")
    return images.reshape(images.shape[0], -1).T / scale


def _statistic(value, name, X):
    """mean or std given for standardize: a column (n_x, 1), in X's dtype."""
    value = as_array(value, name)
    n_x = X.shape[0]
    if value.shape != (n_x, 1):
        hint = (f"; use {name}.reshape(-1, 1): a 1-D {name} would be applied along the wrong axis"
                if value.shape == (n_x,) else "")
        raise ValueError(f"{name} has shape {value.shape}, but it must be a column (n_x, 1) = ({n_x}, 1), one "
                         f"value per feature (row) of X, as standardize returns it{hint}")
    check_finite(value, name)
    return value.astype(X.dtype, copy=False)


def standardize(X, mean=None, std=None):
    """Scale each row (feature) of X (n_x, m) to mean 0 and std 1; returns (X_std, mean, std), each (n_x, 1).

    Pass the training split's mean and std (both (n_x, 1)) when standardizing a test split, so that no test
    information leaks into training. A feature that never varies gets std 1. The result has X's dtype.
    """
    X = as_matrix(X, "X")
    check_finite(X, "X")
    if mean is None:
        mean = X.mean(axis=1, keepdims=True)
    else:
        mean = _statistic(mean, "mean", X)
    if std is None:
        std = X.std(axis=1, keepdims=True)
        std = np.where(std > 0, std, 1.0).astype(X.dtype, copy=False)
    else:
        std = _statistic(std, "std", X)
        if not (std > 0).all():
            raise ValueError(f"std must be positive for every feature; found {np.sum(std <= 0)} value(s) <= 0 "
                             f"(standardize gives a feature that never varies std 1)")
    return (X - mean) / std, mean, std


def train_test_split(X, Y, test_fraction=0.25, seed=0):
    """Shuffle the columns of X (n_x, m) and Y (1, m) and split them: returns X_train, Y_train, X_test, Y_test.

    test_fraction in (0, 1); both splits must hold at least one example. seed: a whole number >= 0 or a Generator.
    """
    X = as_matrix(X, "X")
    Y = as_array(Y, "Y", keep_ints=True)
    m = X.shape[1]
    if Y.ndim != 2 or Y.shape[1] != m:
        hint = "; use Y.reshape(1, -1)" if Y.shape == (m,) else ""
        raise ValueError(f"Y has shape {Y.shape}, but it must be (1, m) = (1, {m}): one label per column of X "
                         f"(X has shape {X.shape}){hint}")
    test_fraction = as_number(test_fraction, "test_fraction", "a number between 0 and 1")
    if not 0 < test_fraction < 1:
        raise ValueError(f"test_fraction must be between 0 and 1; got {test_fraction}")
    rng = make_rng(seed)
    n_test = int(round(m * test_fraction))
    if not 0 < n_test < m:
        raise ValueError(f"test_fraction {test_fraction} of m = {m} examples leaves {n_test} test and "
                         f"{m - n_test} training examples; each split needs at least one")
    order = rng.permutation(m)
    test, train = order[:n_test], order[n_test:]
    return X[:, train], Y[:, train], X[:, test], Y[:, test]


def _finish(points, labels, noise, rng):
    X = points.T + noise * rng.standard_normal(points.T.shape)
    return X, labels.reshape(1, -1).astype(np.int64)


MAX_EXAMPLES = 10_000_000   # generated examples: X (2, m) of that many columns is already 160 MB
MAX_NOISE = 100.0


def _generator_inputs(m, noise, seed):
    """Check m (at least 2, so that both classes appear), noise (>= 0) and seed; return (m, noise, rng)."""
    m = check_count(m, "m, the number of examples,", minimum=2)
    if m > MAX_EXAMPLES:
        raise ValueError(f"m, the number of examples, is {m:,}; these generated sets take at most {MAX_EXAMPLES:,} "
                         f"(X alone would be {16 * m / 1e9:.3g} GB)")
    noise = as_number(noise, "noise", "a number >= 0 (the spread of the Gaussian noise)")
    if not np.isfinite(noise) or not 0 <= noise <= MAX_NOISE:
        raise ValueError(f"noise, the spread of the Gaussian noise added to the points, must be a number from 0 "
                         f"(no noise) to {MAX_NOISE} (the shapes measure about 1; more noise hides them); got {noise}")
    return m, noise, make_rng(seed)


def make_moons(m=200, noise=0.1, seed=0):
    """Two interleaving half circles. Returns X (2, m), Y (1, m)."""
    m, noise, rng = _generator_inputs(m, noise, seed)
    n_top = m // 2
    t = rng.uniform(0, np.pi, m)
    top = np.arange(m) < n_top
    points = np.where(top[:, None], np.c_[np.cos(t), np.sin(t)], np.c_[1 - np.cos(t), 0.5 - np.sin(t)])
    return _finish(points, ~top, noise, rng)


def make_circles(m=200, noise=0.05, factor=0.5, seed=0):
    """A small circle (y = 1, radius ``factor`` in (0, 1)) inside a large one (y = 0). Returns X (2, m), Y (1, m)."""
    m, noise, rng = _generator_inputs(m, noise, seed)
    factor = as_number(factor, "factor", "a number in (0, 1)")
    if not 0 < factor < 1:
        raise ValueError(f"factor, the inner circle's radius relative to the outer one, must be in (0, 1); "
                         f"got {factor}")
    inner = np.arange(m) >= m // 2
    t = rng.uniform(0, 2 * np.pi, m)
    radius = np.where(inner, factor, 1.0)
    points = np.c_[radius * np.cos(t), radius * np.sin(t)]
    return _finish(points, inner, noise, rng)


def make_spirals(m=200, noise=0.05, turns=1.5, seed=0):
    """Two interleaved spirals of ``turns`` (> 0) turns each. Returns X (2, m), Y (1, m)."""
    m, noise, rng = _generator_inputs(m, noise, seed)
    turns = check_positive(turns, "turns")
    if turns > 1000:
        raise ValueError(f"turns must be a number of turns above 0 and at most 1000 (1.5 makes a classic spiral); "
                         f"got {turns}")
    second = np.arange(m) >= m // 2
    t = rng.uniform(0.25, 1, m) * turns * 2 * np.pi
    angle = t + np.where(second, np.pi, 0)
    points = np.c_[t * np.cos(angle), t * np.sin(angle)] / (turns * 2 * np.pi)
    return _finish(points, second, noise, rng)


def make_xor(m=200, noise=0.1, seed=0):
    """Points in four quadrants; y = 1 where x1 and x2 have different signs. Returns X (2, m), Y (1, m)."""
    m, noise, rng = _generator_inputs(m, noise, seed)
    points = rng.uniform(-1, 1, (m, 2))
    labels = (points[:, 0] > 0) != (points[:, 1] > 0)
    return _finish(points, labels, noise, rng)


def make_blobs(m=200, noise=0.3, seed=0):
    """Two Gaussian blobs around (-1, -1) (y = 0) and (1, 1) (y = 1), spread ``noise``. Returns X (2, m), Y (1, m)."""
    m, noise, rng = _generator_inputs(m, noise, seed)
    second = np.arange(m) >= m // 2
    centres = np.where(second[:, None], 1.0, -1.0) * np.ones((m, 2))
    return _finish(centres, second, noise, rng)


def load_digits_binary(positive=7, negative=None):
    """scikit-learn's 8x8 handwritten digits (1,797 images) as a binary task.

    y = 1 for the digit ``positive``; y = 0 for ``negative`` if given (e.g. 3 vs 8), else for every other digit.
    Returns images (m, 8, 8) with values 0..16, and Y (1, m).
    """
    for name, digit in (("positive", positive), ("negative", negative)):
        if digit is None and name == "negative":
            continue
        if isinstance(digit, bool) or not isinstance(digit, (int, np.integer)):
            raise TypeError(f"{name} must be a digit 0..9; got {digit!r}")
        if not 0 <= digit <= 9:
            raise ValueError(f"{name} must be a digit 0..9; got {digit} (no such digit: every label would be 0)")
    if negative is not None and negative == positive:
        raise ValueError(f"negative must differ from positive; both are {positive}")
    from sklearn.datasets import load_digits
    digits = load_digits()
    keep = np.ones(len(digits.target), bool) if negative is None else np.isin(digits.target, (positive, negative))
    Y = (digits.target[keep] == positive).astype(np.int64).reshape(1, -1)
    return digits.images[keep], Y


def load_breast_cancer_data():
    """scikit-learn's breast-cancer table: X (30, 569) of measurements, Y (1, 569) with 1 = malignant."""
    from sklearn.datasets import load_breast_cancer
    data = load_breast_cancer()
    return data.data.T.copy(), (data.target == 0).astype(np.int64).reshape(1, -1)


def load_seattle_weather():
    """Seattle daily weather 2012-2015 from the vega-datasets package (read from its CSV; no download).

    Returns dates (m,) as numpy datetime64[D] and a dict of columns (m,): precipitation (mm), temp_max,
    temp_min (degrees C), wind (m/s) and weather (a word such as "rain" or "sun").
    """
    path = resources.files("vega_datasets") / "_data" / "seattle-weather.csv"
    with path.open(newline="") as file:
        rows = list(csv.DictReader(file))
    dates = np.array([row["date"].replace("/", "-") for row in rows], dtype="datetime64[D]")
    columns = {name: np.array([float(row[name]) for row in rows])
               for name in ("precipitation", "temp_max", "temp_min", "wind")}
    columns["weather"] = np.array([row["weather"] for row in rows])
    for name in ("precipitation", "temp_max", "temp_min", "wind"):
        check_finite(columns[name].reshape(1, -1), name)
    return dates, columns
