"""Behaviour of dnn_helpers.forward that one-token mutants changed without a test noticing (tools/mutate.py).

A bias given as np.matrix (whose + would turn Z into a matrix) comes back as a plain array in Z and in the cache,
and the default hidden activation that help() shows is "relu".
"""

import inspect

import numpy as np
import pytest

import dnn_helpers as dh


def inputs(seed=0):
    rng = np.random.default_rng(seed)
    return rng.standard_normal((3, 4)), rng.standard_normal((2, 3)), rng.standard_normal((2, 1))


@pytest.mark.filterwarnings("ignore::PendingDeprecationWarning")
def test_linear_forward_turns_a_matrix_bias_into_an_array():
    A, W, b = inputs()
    Z, cache = dh.linear_forward(A, W, np.matrix(b))
    assert type(Z) is np.ndarray and type(cache[2]) is np.ndarray
    np.testing.assert_allclose(Z, W @ A + b)


@pytest.mark.filterwarnings("ignore::PendingDeprecationWarning")
def test_layer_forward_turns_a_matrix_bias_into_an_array():
    A, W, b = inputs()
    A_out, ((_, _, b_cached), Z) = dh.linear_activation_forward(A, W, np.matrix(b), "tanh")
    assert type(A_out) is np.ndarray and type(Z) is np.ndarray and type(b_cached) is np.ndarray
    np.testing.assert_allclose(A_out, np.tanh(W @ A + b))


def test_the_default_hidden_activation_shown_is_relu():
    assert inspect.signature(dh.L_model_forward).parameters["hidden_activation"].default == "relu"
