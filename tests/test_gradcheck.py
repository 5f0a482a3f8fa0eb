import numpy as np
import pytest

import dnn_helpers as dh


def test_vector_round_trip():
    params = dh.initialize_parameters_deep([3, 2, 1], seed=1)
    theta, layout = dh.parameters_to_vector(params)
    assert theta.shape == (3 * 2 + 2 + 2 + 1,)
    assert [name for name, _ in layout] == ["W1", "b1", "W2", "b2"]
    back = dh.vector_to_parameters(theta, layout)
    assert all(np.array_equal(back[k], params[k]) for k in params)


def test_vector_of_wrong_length():
    _, layout = dh.parameters_to_vector(dh.initialize_parameters_deep([3, 2, 1]))
    with pytest.raises(ValueError, match="theta has 3 values but the layout holds 11"):
        dh.vector_to_parameters(np.zeros(3), layout)


def test_numerical_gradient_of_a_quadratic():
    params = {"W1": np.array([[1.0, -2.0]]), "b1": np.array([[3.0]])}
    grads = dh.numerical_gradients(lambda p: float((p["W1"] ** 2).sum() + 5 * p["b1"][0, 0]), params)
    np.testing.assert_allclose(grads["dW1"], [[2.0, -4.0]], atol=1e-8)
    np.testing.assert_allclose(grads["db1"], [[5.0]], atol=1e-8)


def test_relative_difference():
    assert dh.relative_difference(np.zeros(3), np.zeros(3)) == 0.0
    assert dh.relative_difference(np.array([1.0, 0.0]), np.array([0.0, 0.0])) == 1.0


def make(seed=0):
    rng = np.random.default_rng(seed)
    params = dh.initialize_parameters_deep([4, 3, 1], seed=seed, method="xavier")
    params["b1"] = rng.normal(0, 0.5, (3, 1))
    X, Y = rng.standard_normal((4, 5)), rng.integers(0, 2, (1, 5))
    AL, caches = dh.L_model_forward(X, params)
    return params, dh.L_model_backward(AL, Y, caches), X, Y


def test_correct_backprop_passes():
    assert dh.gradient_check(*make()) < 1e-7


def test_planted_bug_is_found():
    params, grads, X, Y = make()
    grads["db1"] = grads["db1"] * 2  # a classic bug: a wrong factor in db
    assert dh.gradient_check(params, grads, X, Y) > 1e-3


def test_grads_must_match_parameters():
    params, grads, X, Y = make()
    del grads["dW2"]
    with pytest.raises(ValueError, match="grads is missing 'dW2'"):
        dh.gradient_check(params, grads, X, Y)
