"""Behaviour of dnn_helpers.output_layer that one-token mutants changed without a test noticing (tools/mutate.py).

The tolerance on a softmax output's column sums (100 K machine epsilons, K the number of rows), the clip of a
saturated categorical cost (which then agrees with compute_cost at K = 2), and the sigmoid output's dAL.
"""

import numpy as np
import pytest

import dnn_helpers as dh
from dnn_helpers.output_layer import binary_dA, output_layer_for

EPS = np.finfo(np.float64).eps


def four_class_output(excess):
    """AL (4, 2): column 0 sums to exactly 1 + excess (excess a multiple of eps), column 1 to exactly 1."""
    AL = np.full((4, 2), 0.25)
    AL[3, 0] += excess
    assert AL[:, 0].sum() - 1 == excess
    return AL, dh.one_hot([0, 3], 4)


@pytest.mark.parametrize("excess", [0.0, 100 * EPS, 399 * EPS, 400 * EPS])
def test_categorical_cost_accepts_columns_within_100_K_eps_of_one(excess):
    AL, Y = four_class_output(excess)
    assert dh.categorical_cost(AL, Y) == pytest.approx(np.log(4), rel=1e-12)


@pytest.mark.parametrize("excess", [402 * EPS, 2000 * EPS])
def test_categorical_cost_refuses_columns_further_than_100_K_eps_from_one(excess):
    AL, Y = four_class_output(excess)
    with pytest.raises(ValueError, match="column 0 sums to"):
        dh.categorical_cost(AL, Y)


def test_saturated_categorical_cost_is_clipped_like_compute_cost():
    AL = np.array([[1.0, 0.0, 0.3], [0.0, 1.0, 0.7]])
    Y = dh.one_hot([0, 1, 1], 2)
    cost = dh.categorical_cost(AL, Y)
    assert 0 < cost
    assert cost == pytest.approx(dh.compute_cost(AL[1:], Y[1:]), rel=1e-12)
    perfect = dh.categorical_cost(Y, Y)
    assert perfect == pytest.approx(-np.log(1 - EPS), rel=1e-6) and perfect > 0


def test_binary_dA_is_the_derivative_of_the_cross_entropy():
    AL = np.array([[0.2, 0.7, 0.9, 0.4]])
    Y = np.array([[0.0, 1.0, 0.0, 1.0]])
    expected = -(Y / AL - (1 - Y) / (1 - AL))
    np.testing.assert_allclose(binary_dA(AL, Y), expected, rtol=1e-12)
    np.testing.assert_allclose(binary_dA(AL, Y), [[1 / 0.8, -1 / 0.7, 1 / 0.1, -1 / 0.4]], rtol=1e-12)
    assert output_layer_for(1).dA is binary_dA


def test_binary_dA_of_a_saturated_output_is_finite_and_points_the_right_way():
    dA = binary_dA(np.array([[0.0, 1.0, 0.0, 1.0]]), np.array([[1.0, 0.0, 0.0, 1.0]]))
    np.testing.assert_allclose(dA, [[-1 / EPS, 1 / EPS, 1 / (1 - EPS), -1 / (1 - EPS)]], rtol=1e-9)
