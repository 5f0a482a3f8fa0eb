"""Batch normalization (notebook 16): values by hand, finite-difference gradients, the graph form, running averages
for prediction, dtypes, purity and teaching errors. RuntimeWarnings are errors here (pyproject's filterwarnings)."""

import numpy as np
import pytest

import dnn_helpers as dh
from dnn_helpers.batchnorm import CACHE_KEYS


def batch(n, m, seed=0, dtype=np.float64):
    """Z (n, m) with rows of different means and spreads, gamma and beta (n, 1) away from 1 and 0, and dout."""
    rng = np.random.default_rng(seed)
    Z = rng.normal(rng.normal(0, 3, (n, 1)), rng.uniform(0.5, 4, (n, 1)), (n, m))
    gamma = rng.uniform(0.5, 2, (n, 1)) * rng.choice([-1, 1], (n, 1))
    beta = rng.normal(0, 1, (n, 1))
    dout = rng.normal(0, 1, (n, m))
    return [array.astype(dtype) for array in (Z, gamma, beta, dout)]


SHAPES = [(1, 2), (3, 2), (1, 5), (4, 3), (5, 8), (2, 17)]


# --- forward --------------------------------------------------------------------------------------------------------

def test_forward_by_hand():
    # row 0: mean 3, deviations (-2, -1, 0, 3), biased variance (4 + 1 + 0 + 9) / 4 = 3.5; with epsilon = 0.5 the
    # divisor is sqrt(4) = 2, so Z_hat = (-1, -0.5, 0, 1.5); gamma 2, beta 1 give (-1, 0, 1, 4).
    # row 1: a constant row, variance 0: Z_hat = 0 and the output is beta = -1.
    Z = np.array([[1.0, 2.0, 3.0, 6.0], [2.0, 2.0, 2.0, 2.0]])
    gamma, beta = np.array([[2.0], [3.0]]), np.array([[1.0], [-1.0]])
    out, cache = dh.batchnorm_forward(Z, gamma, beta, epsilon=0.5)
    np.testing.assert_array_equal(out, [[-1.0, 0.0, 1.0, 4.0], [-1.0, -1.0, -1.0, -1.0]])
    np.testing.assert_array_equal(cache["mu"], [[3.0], [2.0]])
    np.testing.assert_array_equal(cache["var"], [[3.5], [0.0]])
    np.testing.assert_array_equal(cache["Z_hat"], [[-1.0, -0.5, 0.0, 1.5], [0.0, 0.0, 0.0, 0.0]])
    assert set(CACHE_KEYS) <= set(cache)


@pytest.mark.parametrize("n, m", SHAPES)
def test_forward_normalizes_each_row_over_the_batch(n, m):
    Z, gamma, beta, _ = batch(n, m, seed=n * 100 + m)
    out, cache = dh.batchnorm_forward(Z, gamma, beta, epsilon=1e-8)
    assert out.shape == (n, m) and cache["mu"].shape == cache["var"].shape == (n, 1)
    np.testing.assert_allclose(cache["mu"], Z.mean(axis=1, keepdims=True), rtol=1e-12, atol=1e-12)
    np.testing.assert_allclose(cache["var"], Z.var(axis=1, keepdims=True), rtol=1e-12)  # biased: divides by m
    # each row of Z_hat has mean 0 and variance 1 (up to epsilon), and out = gamma Z_hat + beta
    np.testing.assert_allclose(cache["Z_hat"].mean(axis=1), 0, atol=1e-12)
    np.testing.assert_allclose(cache["Z_hat"].var(axis=1), 1, rtol=1e-6)
    np.testing.assert_allclose(out, gamma * cache["Z_hat"] + beta, rtol=1e-15)


def test_forward_does_not_depend_on_the_rows_scale_and_shift():
    """Z_hat is the same for a Z W-scaled and shifted per row (the paper's invariance), up to epsilon."""
    Z, gamma, beta, _ = batch(3, 6)
    out, _ = dh.batchnorm_forward(Z, gamma, beta, epsilon=1e-12)
    moved, _ = dh.batchnorm_forward(Z * np.array([[5.0], [0.1], [30.0]]) - 7.0, gamma, beta, epsilon=1e-12)
    np.testing.assert_allclose(moved, out, rtol=1e-9, atol=1e-9)


# --- backward -------------------------------------------------------------------------------------------------------

def mean_loss(Z, gamma, beta, weights, epsilon):
    """J = (1/m) sum_i L_i with L_i = sum_k w[k, i] out[k, i] + 0.5 out[k, i]^2: each example's own loss."""
    out, _ = dh.batchnorm_forward(Z, gamma, beta, epsilon)
    return np.sum(weights * out + 0.5 * out ** 2) / Z.shape[1]


def numerical_gradient(f, x, h=1e-6):
    """Central differences of the scalar f() with respect to every entry of x (modified in place, then restored)."""
    grad = np.zeros_like(x)
    for index in np.ndindex(*x.shape):
        saved = x[index]
        x[index] = saved + h
        plus = f()
        x[index] = saved - h
        minus = f()
        x[index] = saved
        grad[index] = (plus - minus) / (2 * h)
    return grad


@pytest.mark.parametrize("backward", [dh.batchnorm_backward, dh.batchnorm_backward_graph])
@pytest.mark.parametrize("n, m", SHAPES)
def test_backward_matches_finite_differences_of_the_mean_loss(backward, n, m):
    """dZ = m dJ/dZ (each example's derivative, as dout); dgamma, dbeta = m dJ/dgamma, m dJ/dbeta (the paper's sums)."""
    Z, gamma, beta, weights = batch(n, m, seed=7 * n + m)
    epsilon = 1e-3
    out, cache = dh.batchnorm_forward(Z, gamma, beta, epsilon)
    dout = weights + out  # each example's dL_i/dout_i, i.e. m dJ/dout
    dZ, dgamma, dbeta = backward(dout, cache)
    assert dZ.shape == (n, m) and dgamma.shape == dbeta.shape == (n, 1)
    J = lambda: mean_loss(Z, gamma, beta, weights, epsilon)  # noqa: E731 (reads the arrays being perturbed)
    for analytic, numeric in ((dZ, m * numerical_gradient(J, Z)), (dgamma, m * numerical_gradient(J, gamma)),
                              (dbeta, m * numerical_gradient(J, beta))):
        scale = np.linalg.norm(analytic) + np.linalg.norm(numeric)
        assert np.linalg.norm(analytic - numeric) <= 1e-7 * scale + 1e-9, (analytic, numeric)


def test_backward_compact_formula_as_written():
    """dZ = (1/m) gamma / std (m dout - sum dout - Z_hat sum(dout Z_hat)); dgamma, dbeta the paper's sums."""
    Z, gamma, beta, dout = batch(4, 9, seed=3)
    _, cache = dh.batchnorm_forward(Z, gamma, beta)
    m, Z_hat, std = 9, cache["Z_hat"], np.sqrt(Z.var(axis=1, keepdims=True) + 1e-5)
    expected = gamma / std / m * (m * dout - dout.sum(axis=1, keepdims=True)
                                  - Z_hat * (dout * Z_hat).sum(axis=1, keepdims=True))
    dZ, dgamma, dbeta = dh.batchnorm_backward(dout, cache)
    np.testing.assert_allclose(dZ, expected, rtol=1e-10, atol=1e-12)
    np.testing.assert_allclose(dgamma, (dout * Z_hat).sum(axis=1, keepdims=True), rtol=1e-12)
    np.testing.assert_allclose(dbeta, dout.sum(axis=1, keepdims=True), rtol=1e-12)


@pytest.mark.parametrize("n, m", SHAPES + [(3, 1), (6, 50), (20, 64)])
def test_graph_equals_compact(n, m):
    Z, gamma, beta, dout = batch(n, m, seed=n + 31 * m)
    _, cache = dh.batchnorm_forward(Z, gamma, beta)
    compact_grads, graph_grads = dh.batchnorm_backward(dout, cache), dh.batchnorm_backward_graph(dout, cache)
    for compact, graph in zip(compact_grads, graph_grads, strict=True):
        np.testing.assert_allclose(graph, compact, rtol=0, atol=1e-12)


def test_backward_gradient_sums_to_zero_per_row():
    """out does not change when a row of Z is shifted, so each row of dZ sums to 0."""
    Z, gamma, beta, dout = batch(5, 11, seed=2)
    _, cache = dh.batchnorm_forward(Z, gamma, beta)
    dZ, _, _ = dh.batchnorm_backward(dout, cache)
    np.testing.assert_allclose(dZ.sum(axis=1), 0, atol=1e-12)


def test_batch_of_one_in_train_mode_is_finite_and_flat():
    Z, gamma, beta, dout = batch(3, 1)
    out, cache = dh.batchnorm_forward(Z, gamma, beta)  # no RuntimeWarning (they are errors here)
    np.testing.assert_array_equal(out, beta)
    for backward in (dh.batchnorm_backward, dh.batchnorm_backward_graph):
        dZ, dgamma, dbeta = backward(dout, cache)
        np.testing.assert_array_equal(dZ, np.zeros((3, 1)))  # out = beta whatever Z holds
        np.testing.assert_array_equal(dgamma, np.zeros((3, 1)))
        np.testing.assert_array_equal(dbeta, dout)


# --- dtypes and purity ----------------------------------------------------------------------------------------------

@pytest.mark.parametrize("n, m", [(1, 2), (4, 3), (7, 33)])
def test_float32_in_float32_out_and_close_to_float64(n, m):
    Z, gamma, beta, dout = batch(n, m, seed=5)
    Z32, gamma32, beta32, dout32 = (array.astype(np.float32) for array in (Z, gamma, beta, dout))
    out32, cache32 = dh.batchnorm_forward(Z32, gamma32, beta32)
    out64, cache64 = dh.batchnorm_forward(Z32.astype(np.float64), gamma32.astype(np.float64),
                                          beta32.astype(np.float64))
    assert out32.dtype == np.float32
    assert all(cache32[key].dtype == np.float32 for key in CACHE_KEYS if key != "epsilon")
    np.testing.assert_allclose(out32, out64, rtol=1e-4, atol=1e-5)
    for backward in (dh.batchnorm_backward, dh.batchnorm_backward_graph):
        grads32 = backward(dout32, cache32)
        grads64 = backward(dout32.astype(np.float64), cache64)
        for g32, g64 in zip(grads32, grads64, strict=True):
            assert g32.dtype == np.float32
            np.testing.assert_allclose(g32, g64, rtol=1e-3, atol=1e-4)
    mean, var = dh.update_running(np.zeros((n, 1), np.float32), np.ones((n, 1), np.float32),
                                  cache32["mu"], cache32["var"])
    assert mean.dtype == var.dtype == np.float32
    assert dh.batchnorm_inference(Z32, gamma32, beta32, mean, var).dtype == np.float32


def test_inputs_are_never_modified():
    Z, gamma, beta, dout = batch(4, 6)
    running_mean, running_var = np.zeros((4, 1)), np.ones((4, 1))
    arrays = (Z, gamma, beta, dout, running_mean, running_var)
    copies = [array.copy() for array in arrays]
    _, cache = dh.batchnorm_forward(Z, gamma, beta)
    cache_copies = {key: np.copy(value) for key, value in cache.items()}
    dh.batchnorm_backward(dout, cache)
    dh.batchnorm_backward_graph(dout, cache)
    new_mean, new_var = dh.update_running(running_mean, running_var, cache["mu"], cache["var"])
    dh.batchnorm_inference(Z, gamma, beta, new_mean, new_var)
    for array, copy in zip(arrays, copies, strict=True):
        np.testing.assert_array_equal(array, copy)
    for key, value in cache.items():
        np.testing.assert_array_equal(value, cache_copies[key])
    assert new_mean is not running_mean and new_var is not running_var


# --- running averages and prediction --------------------------------------------------------------------------------

def test_update_running_by_hand():
    mean, var = dh.update_running(np.array([[0.0], [1.0]]), np.array([[1.0], [2.0]]),
                                  np.array([[2.0], [-1.0]]), np.array([[3.0], [0.0]]), momentum=0.75)
    # 0.75 * old + 0.25 * batch
    np.testing.assert_allclose(mean, [[0.5], [0.5]], rtol=1e-15)
    np.testing.assert_allclose(var, [[1.5], [1.5]], rtol=1e-15)
    same_mean, same_var = dh.update_running(np.array([[4.0]]), np.array([[2.0]]), np.array([[9.0]]),
                                            np.array([[5.0]]), momentum=0.0)
    assert same_mean[0, 0] == 9.0 and same_var[0, 0] == 5.0  # momentum 0 keeps only this batch


def test_running_averages_converge_to_the_data_statistics():
    rng = np.random.default_rng(1)
    true_mean, true_std = np.array([[2.0], [-5.0], [0.5]]), np.array([[1.0], [3.0], [0.2]])
    gamma, beta = np.ones((3, 1)), np.zeros((3, 1))
    running_mean, running_var = np.zeros((3, 1)), np.ones((3, 1))
    for _ in range(300):
        Z = true_mean + true_std * rng.standard_normal((3, 64))
        _, cache = dh.batchnorm_forward(Z, gamma, beta)
        running_mean, running_var = dh.update_running(running_mean, running_var, cache["mu"], cache["var"], 0.9)
    np.testing.assert_allclose(running_mean, true_mean, atol=0.15 * true_std.max())
    np.testing.assert_allclose(running_var, true_std ** 2, rtol=0.25)


def test_inference_with_the_batch_statistics_equals_train_mode():
    Z, gamma, beta, _ = batch(4, 10, seed=8)
    out, cache = dh.batchnorm_forward(Z, gamma, beta, epsilon=1e-3)
    np.testing.assert_allclose(dh.batchnorm_inference(Z, gamma, beta, cache["mu"], cache["var"], epsilon=1e-3),
                               out, rtol=1e-12, atol=1e-12)


def test_inference_is_the_affine_transform_of_algorithm_2():
    Z, gamma, beta, _ = batch(3, 5, seed=4)
    mean, var = np.array([[1.0], [-2.0], [0.0]]), np.array([[4.0], [0.25], [9.0]])
    scale = gamma / np.sqrt(var + 1e-5)
    np.testing.assert_allclose(dh.batchnorm_inference(Z, gamma, beta, mean, var),
                               scale * Z + (beta - scale * mean), rtol=1e-12, atol=1e-12)


def test_a_batch_of_one_needs_the_running_averages():
    """Train mode normalizes with the batch's own statistics: one example is its own mean, so every input gives
    beta. Inference mode uses the running averages: the output depends on the input, and equals that example's
    column of the whole batch's output."""
    Z, gamma, beta, _ = batch(3, 40, seed=6)
    running_mean, running_var = Z.mean(axis=1, keepdims=True), Z.var(axis=1, keepdims=True)
    whole = dh.batchnorm_inference(Z, gamma, beta, running_mean, running_var)
    first, second = Z[:, :1], Z[:, 1:2]
    assert not np.allclose(first, second)
    train_first, _ = dh.batchnorm_forward(first, gamma, beta)
    train_second, _ = dh.batchnorm_forward(second, gamma, beta)
    np.testing.assert_array_equal(train_first, beta)  # all beta, whatever the input: wrong at prediction time
    np.testing.assert_array_equal(train_second, beta)
    test_first = dh.batchnorm_inference(first, gamma, beta, running_mean, running_var)
    test_second = dh.batchnorm_inference(second, gamma, beta, running_mean, running_var)
    np.testing.assert_allclose(test_first, whole[:, :1], rtol=1e-12)
    np.testing.assert_allclose(test_second, whole[:, 1:2], rtol=1e-12)
    assert np.abs(test_first - test_second).max() > 0.1


# --- teaching errors ------------------------------------------------------------------------------------------------

GOOD_Z, GOOD_GAMMA, GOOD_BETA, GOOD_DOUT = batch(3, 4)


@pytest.mark.parametrize("Z, gamma, beta, epsilon, error, words", [
    (np.ones(4), GOOD_GAMMA, GOOD_BETA, 1e-5, ValueError, ["Z must be 2-D", "(4,)"]),
    (np.ones((3, 4, 1)), GOOD_GAMMA, GOOD_BETA, 1e-5, ValueError, ["Z must be 2-D", "(3, 4, 1)"]),
    (np.ones((3, 0)), GOOD_GAMMA, GOOD_BETA, 1e-5, ValueError, ["Z is empty", "m = 0"]),
    ("Z", GOOD_GAMMA, GOOD_BETA, 1e-5, TypeError, ["Z must be a numeric array"]),
    (np.where(np.eye(3, 4) > 0, np.nan, 1.0), GOOD_GAMMA, GOOD_BETA, 1e-5, ValueError, ["Z contains", "NaN"]),
    (GOOD_Z, np.ones(3), GOOD_BETA, 1e-5, ValueError, ["gamma has shape (3,)", "(n, 1) = (3, 1)", "reshape(-1, 1)"]),
    (GOOD_Z, np.ones((4, 1)), GOOD_BETA, 1e-5, ValueError, ["gamma has shape (4, 1)", "(n, 1) = (3, 1)",
                                                             "transposed"]),
    (GOOD_Z, np.ones((1, 3)), GOOD_BETA, 1e-5, ValueError, ["gamma has shape (1, 3)", "(n, 1) = (3, 1)"]),
    (GOOD_Z, GOOD_GAMMA, np.zeros((3, 2)), 1e-5, ValueError, ["beta has shape (3, 2)", "(n, 1) = (3, 1)"]),
    (GOOD_Z, GOOD_GAMMA, np.array([[0.0], [np.inf], [0.0]]), 1e-5, ValueError, ["beta contains", "inf"]),
    (GOOD_Z, GOOD_GAMMA, GOOD_BETA, 0.0, ValueError, ["epsilon must be a positive number", "0.0"]),
    (GOOD_Z, GOOD_GAMMA, GOOD_BETA, -1e-5, ValueError, ["epsilon must be a positive number"]),
    (GOOD_Z, GOOD_GAMMA, GOOD_BETA, float("nan"), ValueError, ["epsilon must be a positive number"]),
    (GOOD_Z, GOOD_GAMMA, GOOD_BETA, "1e-5", TypeError, ["epsilon must be a number > 0"]),
])
def test_forward_and_inference_errors(Z, gamma, beta, epsilon, error, words):
    calls = [lambda: dh.batchnorm_forward(Z, gamma, beta, epsilon),
             lambda: dh.batchnorm_inference(Z, gamma, beta, np.zeros((3, 1)), np.ones((3, 1)), epsilon)]
    for call in calls:
        with pytest.raises(error) as info:
            call()
        assert all(word in str(info.value) for word in words), str(info.value)


def test_forward_refuses_a_variance_that_overflows_without_a_warning():
    Z = np.array([[3e19, -3e19, 0.0]], dtype=np.float32)  # its squares overflow float32
    with pytest.raises(ValueError, match="too spread out for float32"):
        dh.batchnorm_forward(Z, np.ones((1, 1), np.float32), np.zeros((1, 1), np.float32))


@pytest.mark.parametrize("backward", [dh.batchnorm_backward, dh.batchnorm_backward_graph])
def test_backward_errors(backward):
    _, cache = dh.batchnorm_forward(GOOD_Z, GOOD_GAMMA, GOOD_BETA)
    with pytest.raises(ValueError, match=r"dout has shape \(4, 3\), but the layer's output is \(n, m\) = \(3, 4\)"):
        backward(GOOD_DOUT.T, cache)
    with pytest.raises(ValueError, match="dout must be 2-D"):
        backward(GOOD_DOUT[0], cache)
    with pytest.raises(ValueError, match="dout contains 1 NaN"):
        backward(np.where(np.eye(3, 4) * np.arange(4) == 2, np.nan, GOOD_DOUT), cache)
    with pytest.raises(TypeError, match="cache must be the dict that batchnorm_forward returned"):
        backward(GOOD_DOUT, (GOOD_Z, GOOD_GAMMA, GOOD_BETA))
    with pytest.raises(TypeError, match="cache must be the dict that batchnorm_forward returned"):
        backward(GOOD_DOUT, {key: value for key, value in cache.items() if key != "std"})


def test_update_running_errors():
    mean, var = np.zeros((3, 1)), np.ones((3, 1))
    for momentum in (1.0, -0.1, 1.5):
        with pytest.raises(ValueError, match=r"momentum must be in \[0, 1\)"):
            dh.update_running(mean, var, mean, var, momentum)
    with pytest.raises(TypeError, match="momentum must be a number"):
        dh.update_running(mean, var, mean, var, "0.9")
    with pytest.raises(ValueError, match=r"running_mean has shape \(3, 2\), but it must be a column \(n, 1\)"):
        dh.update_running(np.zeros((3, 2)), var, mean, var)
    with pytest.raises(ValueError, match=r"mu has shape \(4, 1\), but running_mean is \(3, 1\)"):
        dh.update_running(mean, var, np.zeros((4, 1)), var)
    with pytest.raises(ValueError, match=r"running_var has shape \(1, 3\)"):
        dh.update_running(mean, var.T, mean, var)
    with pytest.raises(ValueError, match="var must hold variances, numbers >= 0, but row 1 holds -0.5"):
        dh.update_running(mean, var, mean, np.array([[1.0], [-0.5], [2.0]]))
    with pytest.raises(ValueError, match="running_var must hold variances"):
        dh.update_running(mean, -var, mean, var)
    with pytest.raises(ValueError, match="mu contains 1 NaN"):
        dh.update_running(mean, var, np.array([[0.0], [np.nan], [0.0]]), var)


def test_inference_errors():
    with pytest.raises(ValueError, match=r"running_mean has shape \(3,\), but it must be a column"):
        dh.batchnorm_inference(GOOD_Z, GOOD_GAMMA, GOOD_BETA, np.zeros(3), np.ones((3, 1)))
    with pytest.raises(ValueError, match=r"running_var has shape \(2, 1\), but Z has n = 3 rows"):
        dh.batchnorm_inference(GOOD_Z, GOOD_GAMMA, GOOD_BETA, np.zeros((3, 1)), np.ones((2, 1)))
    with pytest.raises(ValueError, match="running_var must hold variances, numbers >= 0, but row 2 holds -1"):
        dh.batchnorm_inference(GOOD_Z, GOOD_GAMMA, GOOD_BETA, np.zeros((3, 1)), np.array([[1.0], [1.0], [-1.0]]))
    with pytest.raises(ValueError, match="running_mean contains 1 NaN"):
        dh.batchnorm_inference(GOOD_Z, GOOD_GAMMA, GOOD_BETA, np.array([[np.nan], [0.0], [0.0]]), np.ones((3, 1)))
