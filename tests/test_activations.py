import numpy as np
import pytest

import dnn_helpers as dh


def test_sigmoid_known_values():
    A, Z = dh.sigmoid(np.array([[0.0, 2.0, -2.0]]))
    np.testing.assert_allclose(A, [[0.5, 1 / (1 + np.exp(-2.0)), 1 / (1 + np.exp(2.0))]], rtol=1e-15)
    np.testing.assert_array_equal(Z, [[0.0, 2.0, -2.0]])


def test_sigmoid_never_overflows():
    A, _ = dh.sigmoid(np.array([[-1e4, -745.0, 0.0, 745.0, 1e4]]))  # RuntimeWarning is an error here
    np.testing.assert_array_equal(A[0, [0, 2, 4]], [0.0, 0.5, 1.0])
    assert np.isfinite(A).all()


def test_relu_and_tanh_values():
    Z = np.array([[-1.5, 0.0, 2.0]])
    np.testing.assert_array_equal(dh.relu(Z)[0], [[0.0, 0.0, 2.0]])
    np.testing.assert_allclose(dh.tanh(Z)[0], [[np.tanh(-1.5), 0.0, np.tanh(2.0)]])


@pytest.mark.parametrize("g", [dh.sigmoid, dh.relu, dh.tanh])
def test_dtype_and_shape_preserved(g):
    Z = np.linspace(-3, 3, 12, dtype=np.float32).reshape(3, 4)
    A, cache = g(Z)
    assert A.dtype == np.float32 and A.shape == (3, 4)
    assert cache is Z


@pytest.mark.parametrize("g", [dh.sigmoid, dh.relu, dh.tanh])
def test_integers_become_float(g):
    A, _ = g(np.array([[1, -1]]))
    assert A.dtype == np.float64


def test_non_numeric_rejected():
    with pytest.raises(TypeError, match="Z must hold numbers"):
        dh.sigmoid(np.array([["a", "b"]]))
