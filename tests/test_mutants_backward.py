"""Behaviour of dnn_helpers.backward that one-token mutants changed without a test noticing (tools/mutate.py).

Empty arrays through the activation backwards, activation_backward's values and its refusal of unknown names, the
written-out functions of notebook 04 behind BACKWARD, leaky_relu through a layer, caches given as lists, a dA of
the wrong shape that numpy would broadcast, and a hidden_activation of None.
"""

import numpy as np
import pytest

import dnn_helpers as dh
from dnn_helpers import backward


def layer(n_prev=3, n=2, m=4, seed=0, activation="relu"):
    rng = np.random.default_rng(seed)
    A_prev, W, b = rng.standard_normal((n_prev, m)), rng.standard_normal((n, n_prev)), rng.standard_normal((n, 1))
    _, cache = dh.linear_activation_forward(A_prev, W, b, activation)
    return cache, rng.standard_normal((n, m))


@pytest.mark.parametrize("function", [dh.relu_backward, dh.sigmoid_backward, dh.tanh_backward])
def test_activation_backwards_take_empty_arrays(function):
    dZ = function(np.zeros((2, 0)), np.zeros((2, 0)))
    assert dZ.shape == (2, 0)


@pytest.mark.parametrize("activation", ["relu", "sigmoid", "tanh", "leaky_relu"])
def test_activation_backward_is_dA_times_the_derivative(activation):
    Z = np.array([[-2.0, -0.5, 0.5, 2.0]])
    dA = np.array([[1.5, -2.0, 3.0, 0.25]])
    s = 1 / (1 + np.exp(-Z))
    derivative = {"relu": (Z > 0) * 1.0, "sigmoid": s * (1 - s), "tanh": 1 - np.tanh(Z) ** 2,
                  "leaky_relu": np.where(Z > 0, 1.0, 0.01)}[activation]
    np.testing.assert_allclose(dh.activation_backward(dA, Z, activation), dA * derivative, rtol=1e-12)


def test_activation_backward_refuses_an_unknown_activation():
    with pytest.raises(ValueError, match="activation"):
        dh.activation_backward(np.ones((1, 2)), np.ones((1, 2)), "relux")


@pytest.mark.parametrize("name", ["relu", "sigmoid", "tanh"])
def test_backward_table_uses_notebook_04s_written_out_functions(name):
    assert backward.BACKWARD[name] is getattr(dh, f"{name}_backward")


def test_leaky_relu_layer_backward_runs_through_the_table_derivative():
    cache, dA = layer(activation="leaky_relu")
    (A_prev, W, _), Z = cache
    dZ = dA * np.where(Z > 0, 1.0, 0.01)
    dA_prev, dW, db = dh.linear_activation_backward(dA, cache, "leaky_relu")
    m = A_prev.shape[1]
    np.testing.assert_allclose(dW, dZ @ A_prev.T / m, rtol=1e-12)
    np.testing.assert_allclose(db, dZ.sum(axis=1, keepdims=True) / m, rtol=1e-12)
    np.testing.assert_allclose(dA_prev, W.T @ dZ, rtol=1e-12)


def test_linear_backward_takes_a_cache_of_nested_lists():
    (A_prev, W, b), _ = layer()[0]
    dZ = np.arange(8.0).reshape(2, 4)
    expected = dh.linear_backward(dZ, (A_prev, W, b))
    got = dh.linear_backward(dZ, (A_prev.tolist(), W.tolist(), b.tolist()))
    for g, e in zip(got, expected, strict=True):
        assert isinstance(g, np.ndarray)
        np.testing.assert_allclose(g, e)


def test_layer_backward_takes_a_cache_of_nested_lists():
    cache, dA = layer()
    (A_prev, W, b), Z = cache
    expected = dh.linear_activation_backward(dA, cache, "relu")
    got = dh.linear_activation_backward(dA, ((A_prev.tolist(), W.tolist(), b.tolist()), Z.tolist()), "relu")
    for g, e in zip(got, expected, strict=True):
        assert isinstance(g, np.ndarray)
        np.testing.assert_allclose(g, e)


def test_layer_backward_refuses_a_dA_that_numpy_would_broadcast():
    cache, dA = layer(n=3)
    with pytest.raises(ValueError, match=r"dA has shape \(1, 4\) but the cached Z has shape \(3, 4\)"):
        dh.linear_activation_backward(dA[:1], cache, "relu")


def test_network_backward_takes_hidden_activation_none_as_relu():
    rng = np.random.default_rng(1)
    parameters = dh.initialize_parameters_deep([3, 4, 1], seed=2)
    X, Y = rng.standard_normal((3, 5)), np.array([[0, 1, 1, 0, 1]])
    AL, caches = dh.L_model_forward(X, parameters)
    expected = dh.L_model_backward(AL, Y, caches, "relu")
    got = dh.L_model_backward(AL, Y, caches, hidden_activation=None)
    assert got.keys() == expected.keys()
    for key in expected:
        np.testing.assert_allclose(got[key], expected[key])
