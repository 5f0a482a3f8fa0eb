"""The catalogue of dh.check for notebook 15_many_classes: one_hot, softmax, categorical_cost.

(How a catalogue is written: ``engine.exercise`` and ``engine.mistake``.)
"""

import numpy as np

from .cost import explain_edges
from .engine import Case, exercise, mistake
from .inputs import seeded_rng

NOTEBOOK = "15"

# --- one_hot ----------------------------------------------------------------------------------------------------------


@exercise("one_hot", outputs=("Y",), covers="K classes with some absent, m = 1, labels unchanged", float32=False)
def _one_hot_cases():
    return [Case({"labels": np.array([[2, 0, 1, 2]]), "K": 3}, m=4),
            Case({"labels": seeded_rng(40).integers(0, 10, (1, 12)), "K": 10}, m=12),
            Case({"labels": np.array([[3]]), "K": 5}, m=1, label="m = 1"),
            Case({"labels": np.array([[0, 0, 1]]), "K": 4}, m=3, label="classes 2 and 3 absent")]


@mistake("one_hot", "Y is (m, K), one row per example: the course keeps examples in columns, Y[k, i] = 1 for "
                    "example i of class k, so Y is (K, m)")
def examples_in_rows(labels, K):
    labels = np.asarray(labels).reshape(-1)
    return np.eye(K)[labels]


@mistake("one_hot", "K was taken as the largest label + 1: with a class absent from the labels Y is too short; "
                    "use the K you are given")
def K_from_largest_label(labels, K):
    labels = np.asarray(labels).reshape(-1)
    Y = np.zeros((labels.max() + 1, labels.size))
    Y[labels, np.arange(labels.size)] = 1
    return Y


OFF_BY_ONE = "the 1s are off by one class: class k goes in row k (rows 0..K-1), not row k + 1 or k - 1"


def one_hot_shifted(labels, K, shift):
    labels = np.asarray(labels).reshape(-1)
    Y = np.zeros((K, labels.size))
    Y[(labels + shift) % K, np.arange(labels.size)] = 1
    return Y


@mistake("one_hot", OFF_BY_ONE)
def ones_one_row_down(labels, K):
    return one_hot_shifted(labels, K, 1)


@mistake("one_hot", OFF_BY_ONE)
def ones_one_row_up(labels, K):
    return one_hot_shifted(labels, K, -1)


@mistake("one_hot", "every column of a row is set: Y[labels, :] = 1 fills whole rows; set one entry per example "
                    "with Y[labels, np.arange(m)] = 1")
def whole_rows_set(labels, K):
    labels = np.asarray(labels).reshape(-1)
    Y = np.zeros((K, labels.size))
    Y[labels, :] = 1
    return Y


# --- softmax ----------------------------------------------------------------------------------------------------------


def _logits(seed, shape, scale=2.0):
    return seeded_rng(seed).standard_normal(shape) * scale


@exercise("softmax", outputs=("A", "Z"), covers="logits of ±1000 without overflow, m = 1, float32, Z unchanged")
def _softmax_cases():
    return [Case({"Z": _logits(41, (4, 5))}, m=5),
            Case({"Z": _logits(42, (10, 3), 5.0)}, m=3),
            Case({"Z": _logits(43, (3, 1))}, m=1, label="m = 1"),
            Case({"Z": np.array([[1000.0, -1000.0], [999.0, -1001.0], [998.0, -1000.5]])}, m=2,
                 label="logits of ±1000"),
            # logits of both signs in one column: a shift by anything but the column's maximum overflows
            Case({"Z": np.array([[1000.0, -5.0, 3.0], [-1000.0, 2.0, 3.0], [0.0, 1000.0, -1000.0]])}, m=3,
                 label="mixed-sign logits of ±1000"),
            Case({"Z": np.array([[80.0, -80.0], [-80.0, 80.0], [1.0, 0.0]], np.float32)}, m=2,
                 label="mixed-sign logits of ±80, float32")]


@mistake("softmax", "subtract each column's maximum, not its minimum: Z - Z.min(...) makes the logits larger, and exp "
                    "overflows where a column holds large logits of both signs")
def shifted_by_the_column_minimum(Z):
    with np.errstate(over="ignore", invalid="ignore"):
        E = np.exp(Z - Z.min(axis=0, keepdims=True))
        return E / E.sum(axis=0, keepdims=True), Z


@mistake("softmax", "np.exp overflows at logits of 1000 (inf / inf = NaN): subtract each column's maximum first, "
                    "Z - Z.max(axis=0, keepdims=True), which leaves the probabilities unchanged")
def maximum_not_subtracted(Z):
    E = np.exp(Z)
    return E / E.sum(axis=0, keepdims=True), Z


@mistake("softmax", "the sum runs over the whole array: divide each column by its own sum, "
                    "E.sum(axis=0, keepdims=True), so that every column sums to 1")
def divided_by_sum_of_all_columns(Z):
    E = np.exp(Z - Z.max(axis=0, keepdims=True))
    return E / E.sum(), Z


@mistake("softmax", "the sum runs over the whole array: divide each column by its own sum, "
                    "E.sum(axis=0, keepdims=True), so that every column sums to 1")
def whole_array_max_and_sum(Z):
    E = np.exp(Z - Z.max())
    return E / E.sum(), Z


@mistake("softmax", "the sums (or maxima) run along the rows: an example is a column, so use axis=0 "
                    "(with keepdims=True), not axis=1")
def sums_along_rows(Z):
    E = np.exp(Z - Z.max(axis=1, keepdims=True))
    return E / E.sum(axis=1, keepdims=True), Z


@mistake("softmax", "the maximum is taken over the whole array: it works until one column's logits are far below "
                    "another's (exp underflows to 0 and the column becomes 0 / 0); subtract each column's own "
                    "maximum, Z.max(axis=0, keepdims=True)")
def whole_array_maximum_subtracted(Z):
    E = np.exp(Z - Z.max())
    with np.errstate(all="ignore"):
        return E / E.sum(axis=0, keepdims=True), Z


@mistake("softmax", "the cache is Z, the input (as for every activation): return (A, Z), not the exponentials")
def cache_holds_exponentials_not_Z(Z):
    E = np.exp(Z - Z.max(axis=0, keepdims=True))
    return E / E.sum(axis=0, keepdims=True), E


@mistake("softmax", "the probabilities are not normalized: after np.exp, divide by the column sums")
def not_normalized(Z):
    return np.exp(Z - Z.max(axis=0, keepdims=True)), Z


# --- categorical_cost -------------------------------------------------------------------------------------------------


def _probabilities(seed, K, m):
    E = np.exp(seeded_rng(seed).standard_normal((K, m)))
    return E / E.sum(axis=0, keepdims=True)


def _labels(seed, K, m):
    Y = np.zeros((K, m))
    Y[seeded_rng(seed).integers(0, K, m), np.arange(m)] = 1
    return Y


@exercise("categorical_cost", outputs=("cost",), explain=explain_edges,
          covers="probabilities exactly 0 or 1 (the course's clip, float64 and float32), m = 1, float32, "
                 "inputs unchanged")
def _categorical_cost_cases():
    return [Case({"AL": _probabilities(44, 3, 5), "Y": _labels(45, 3, 5)}, m=5),
            Case({"AL": _probabilities(46, 10, 7), "Y": _labels(47, 10, 7)}, m=7),
            Case({"AL": _probabilities(48, 4, 1), "Y": _labels(49, 4, 1)}, m=1, label="m = 1"),
            Case({"AL": np.array([[1.0, 0.2], [0.0, 0.8]]), "Y": np.array([[1, 0], [0, 1]])}, m=2,
                 label="a probability exactly 1, right"),
            Case({"AL": np.array([[1.0], [0.0]]), "Y": np.array([[0], [1]])}, m=1,
                 label="a probability exactly 0 on the true class", finite_only=True),
            Case({"AL": np.array([[1.0, 0.0], [0.0, 1.0]], np.float32), "Y": np.array([[0, 0], [1, 1]])}, m=2,
                 label="probabilities exactly 0 and 1, float32", finite_only=True)]


def clip_to_eps(AL):
    eps = np.finfo(AL.dtype).eps
    return np.clip(AL, eps, 1 - eps)


@mistake("categorical_cost", "the cost is negative: J = -(1/m) Σ Y log AL starts with a minus sign")
def minus_sign_missing(AL, Y):
    return float(np.sum(Y * np.log(clip_to_eps(AL))) / Y.shape[1])


@mistake("categorical_cost", "the cost is m times too large: average over the m examples, divide the sum by m")
def summed_not_averaged_over_m(AL, Y):
    return float(-np.sum(Y * np.log(clip_to_eps(AL))))


@mistake("categorical_cost", "this is the binary cross-entropy summed over the K rows: with one-hot labels only the "
                             "true class's term -log a_k counts; drop the (1 - Y) log(1 - AL) part")
def binary_cross_entropy_over_K_rows(AL, Y):
    P = clip_to_eps(AL)
    return float(-np.sum(Y * np.log(P) + (1 - Y) * np.log(1 - P)) / Y.shape[1])


@mistake("categorical_cost", "log(0) where a probability is exactly 0 gives inf or NaN: clip AL into "
                             "[eps, 1 - eps] first, eps = np.finfo(AL.dtype).eps")
def log_of_zero_not_clipped(AL, Y):
    with np.errstate(all="ignore"):
        return float(-np.sum(Y * np.log(AL)) / Y.shape[1])


@mistake("categorical_cost", "the cost is divided by K as well: average over the m examples only (the sum over "
                             "the K classes has one non-zero term per example)")
def divided_by_K_too(AL, Y):
    return float(-np.mean(Y * np.log(clip_to_eps(AL))))
