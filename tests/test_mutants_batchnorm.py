"""Behaviour of dnn_helpers.batchnorm that one-token mutants changed without a test noticing (tools/mutate.py).

Inputs converted once (nested lists, np.matrix, a numpy epsilon that would promote float32), the transposed-Z
hint only where it fits, the row that a negative variance is named by, and the names in update_running's errors.
"""

import numpy as np
import pytest

import dnn_helpers as dh


def inputs(n=3, m=4, seed=0, dtype=np.float64):
    rng = np.random.default_rng(seed)
    return (rng.standard_normal((n, m)).astype(dtype), rng.standard_normal((n, 1)).astype(dtype),
            rng.standard_normal((n, 1)).astype(dtype))


def test_backward_takes_dout_as_nested_lists():
    Z, gamma, beta = inputs()
    _, cache = dh.batchnorm_forward(Z, gamma, beta)
    dout = np.arange(12.0).reshape(3, 4)
    expected = dh.batchnorm_backward(dout, cache)
    got = dh.batchnorm_backward(dout.tolist(), cache)
    for g, e in zip(got, expected, strict=True):
        assert type(g) is np.ndarray
        np.testing.assert_allclose(g, e, rtol=1e-12)


@pytest.mark.filterwarnings("ignore::PendingDeprecationWarning")
def test_forward_gives_plain_arrays_for_a_matrix_gamma_and_beta():
    Z, gamma, beta = inputs()
    out, cache = dh.batchnorm_forward(Z, np.matrix(gamma), np.matrix(beta))
    assert type(out) is np.ndarray and type(cache["gamma"]) is np.ndarray
    expected, _ = dh.batchnorm_forward(Z, gamma, beta)
    np.testing.assert_allclose(out, expected, rtol=1e-12)


def test_forward_takes_gamma_and_beta_as_nested_lists():
    Z, gamma, beta = inputs()
    out, cache = dh.batchnorm_forward(Z, gamma.tolist(), beta.tolist())
    assert type(cache["gamma"]) is np.ndarray
    np.testing.assert_allclose(out, dh.batchnorm_forward(Z, gamma, beta)[0], rtol=1e-12)


def test_a_float32_layer_stays_float32_with_a_numpy_float64_epsilon():
    Z, gamma, beta = inputs(dtype=np.float32)
    out, cache = dh.batchnorm_forward(Z, gamma, beta, epsilon=np.float64(1e-5))
    assert out.dtype == np.float32 and cache["std"].dtype == np.float32
    assert type(cache["epsilon"]) is float and cache["epsilon"] == 1e-5


def test_the_transposed_hint_appears_only_for_a_column_of_m_entries():
    Z, gamma, beta = inputs(n=3, m=4)
    with pytest.raises(ValueError, match="it looks transposed"):
        dh.batchnorm_forward(Z, np.ones((4, 1)), beta)
    with pytest.raises(ValueError, match=r"must be \(n, 1\) = \(3, 1\), one scale per unit \(row of Z\)\.$"):
        dh.batchnorm_forward(Z, np.ones((5, 1)), beta)


@pytest.mark.parametrize("call", ["update_running", "batchnorm_inference"])
def test_a_negative_variance_is_named_by_its_first_negative_row(call):
    running_var = np.array([[0.0], [-2.0], [-3.0]])
    zeros = np.zeros((3, 1))
    with pytest.raises(ValueError, match=r"^running_var must hold variances, numbers >= 0, but row 1 holds -2;"):
        if call == "update_running":
            dh.update_running(zeros, running_var, zeros, np.ones((3, 1)))
        else:
            Z, gamma, beta = inputs()
            dh.batchnorm_inference(Z, gamma, beta, zeros, running_var)


@pytest.mark.parametrize("position, name", [(0, "running_mean"), (1, "running_var"), (2, "mu"), (3, "var")])
def test_update_running_names_a_missing_argument(position, name):
    args = [np.zeros((2, 1)), np.ones((2, 1)), np.zeros((2, 1)), np.ones((2, 1))]
    args[position] = None
    with pytest.raises(TypeError, match=f"^{name} must be a numeric array"):
        dh.update_running(*args)


@pytest.mark.parametrize("position, name", [(1, "running_var"), (2, "mu"), (3, "var")])
def test_update_running_names_an_argument_of_the_wrong_shape(position, name):
    args = [np.zeros((2, 1)), np.ones((2, 1)), np.zeros((2, 1)), np.ones((2, 1))]
    args[position] = np.ones((3, 1))
    with pytest.raises(ValueError, match=rf"^{name} has shape \(3, 1\), but running_mean is \(2, 1\)"):
        dh.update_running(*args)


@pytest.mark.parametrize("position, name", [(0, "running_mean"), (1, "running_var"), (2, "mu"), (3, "var")])
def test_update_running_names_an_argument_holding_nan(position, name):
    args = [np.zeros((2, 1)), np.ones((2, 1)), np.zeros((2, 1)), np.ones((2, 1))]
    args[position] = np.array([[1.0], [np.nan]])
    with pytest.raises(ValueError, match=f"^{name} "):
        dh.update_running(*args)
