import math

import numpy as np
import pytest

import dnn_helpers as dh


def test_hand_computed_value():
    AL, Y = np.array([[0.8, 0.9, 0.4]]), np.array([[1, 1, 0]])
    expected = -(math.log(0.8) + math.log(0.9) + math.log(0.6)) / 3
    assert dh.compute_cost(AL, Y) == pytest.approx(expected, rel=1e-14)
    assert isinstance(dh.compute_cost(AL, Y), float)


def test_coin_flip_costs_ln2():
    assert dh.compute_cost(np.full((1, 6), 0.5), np.array([[0, 1, 0, 1, 1, 0]])) == pytest.approx(math.log(2))


def test_finite_when_AL_is_exactly_0_or_1():
    right = dh.compute_cost(np.array([[0.0, 1.0]]), np.array([[0, 1]]))
    wrong = dh.compute_cost(np.array([[0.0, 1.0]]), np.array([[1, 0]]))
    assert right == pytest.approx(0.0, abs=1e-12)
    assert math.isfinite(wrong) and wrong > 30


def test_float32():
    cost = dh.compute_cost(np.array([[0.3, 1.0]], np.float32), np.array([[0, 1]]))
    assert math.isfinite(cost) and cost == pytest.approx(-math.log(0.7) / 2, rel=1e-5)


@pytest.mark.parametrize("Y, message", [
    (np.array([0, 1, 1]), r"Y has shape \(3,\), but labels must be a row \(1, m\)"),
    (np.array([[0], [1], [1]]), "looks transposed"),
    (np.array([[0, 1]]), r"it must be \(1, m\) = \(1, 3\)"),
    (np.array([[0, 2, 1]]), r"only 0 and 1.*\[2\]"),
    (np.array([[0, np.nan, 1]]), "NaN or inf"),
])
def test_bad_labels(Y, message):
    with pytest.raises(ValueError, match=message):
        dh.compute_cost(np.array([[0.2, 0.5, 0.7]]), Y)


def test_AL_outside_0_1():
    with pytest.raises(ValueError, match=r"probabilities in \[0, 1\]"):
        dh.compute_cost(np.array([[1.2, 0.5]]), np.array([[1, 0]]))


def test_AL_not_a_row():
    with pytest.raises(ValueError, match=r"AL has shape \(2, 1\), but it must be \(1, m\)"):
        dh.compute_cost(np.array([[0.2], [0.5]]), np.array([[1, 0]]))


def test_non_numeric_labels():
    with pytest.raises(TypeError, match="Y must hold real numbers"):
        dh.compute_cost(np.array([[0.2, 0.5]]), np.array([["yes", "no"]]))
