import numpy as np
import pytest

import dnn_helpers as dh


def test_relu_backward():
    np.testing.assert_array_equal(dh.relu_backward(np.array([[1.0, 2.0, 3.0]]), np.array([[-1.0, 0.0, 1.0]])),
                                  [[0.0, 0.0, 3.0]])


def test_sigmoid_and_tanh_backward_at_zero_and_far_out():
    dZ = dh.sigmoid_backward(np.array([[2.0, 1.0]]), np.array([[0.0, 800.0]]))
    np.testing.assert_allclose(dZ, [[0.5, 0.0]])
    np.testing.assert_allclose(dh.tanh_backward(np.array([[3.0]]), np.array([[0.0]])), [[3.0]])
    z = 0.7
    np.testing.assert_allclose(dh.tanh_backward(np.array([[1.0]]), np.array([[z]])), [[1 - np.tanh(z) ** 2]])


def test_linear_backward_hand_computed():
    A_prev, W, b = np.array([[1.0, 2.0], [3.0, 4.0]]), np.array([[1.0, -1.0]]), np.array([[0.5]])
    dA_prev, dW, db = dh.linear_backward(np.array([[1.0, 2.0]]), (A_prev, W, b))
    np.testing.assert_allclose(dW, [[2.5, 5.5]])
    np.testing.assert_allclose(db, [[1.5]])
    np.testing.assert_allclose(dA_prev, [[1.0, 2.0], [-1.0, -2.0]])


def test_weight_gradients_are_linear_backwards_dW_and_db_without_dA_prev():
    from dnn_helpers.backward import weight_gradients
    rng = np.random.default_rng(0)
    dZ = rng.standard_normal((2, 4))
    cache = (rng.standard_normal((3, 4)), rng.standard_normal((2, 3)), np.zeros((2, 1)))
    dW, db = weight_gradients(dZ, cache)
    _, dW_full, db_full = dh.linear_backward(dZ, cache)
    np.testing.assert_array_equal(dW, dW_full)
    np.testing.assert_array_equal(db, db_full)


def test_dZ_that_does_not_fit():
    with pytest.raises(ValueError, match=r"dZ has shape \(3, 4\), but this layer's Z is \(n\[l\], m\) = \(2, 4\)"):
        dh.linear_backward(np.ones((3, 4)), (np.ones((3, 4)), np.ones((2, 3)), np.zeros((2, 1))))


def test_dA_that_does_not_fit_Z():
    with pytest.raises(ValueError, match=r"dA has shape \(2, 3\) but the cached Z has shape \(2, 4\)"):
        dh.relu_backward(np.ones((2, 3)), np.ones((2, 4)))


def test_unknown_activation():
    cache = ((np.ones((3, 4)), np.ones((2, 3)), np.zeros((2, 1))), np.ones((2, 4)))
    with pytest.raises(ValueError, match="activation must be one of"):
        dh.linear_activation_backward(np.ones((2, 4)), cache, "leaky")


def forward_backward(dims, m, hidden, seed):
    rng = np.random.default_rng(seed)
    parameters = dh.initialize_parameters_deep(dims, seed=seed, method="xavier")
    for l in range(1, len(dims)):  # non-zero biases keep Z away from ReLU's kink at exactly 0
        parameters[f"b{l}"] = rng.normal(0, 0.5, parameters[f"b{l}"].shape)
    X, Y = rng.standard_normal((dims[0], m)), rng.integers(0, 2, (1, m))
    AL, caches = dh.L_model_forward(X, parameters, hidden)
    return parameters, X, Y, AL, caches, dh.L_model_backward(AL, Y, caches, hidden)


def test_grads_keys_and_shapes():
    parameters, X, _, _, _, grads = forward_backward([4, 3, 2, 1], 5, "relu", 0)
    assert set(grads) == {"dA0", "dA1", "dA2", "dW1", "db1", "dW2", "db2", "dW3", "db3"}
    for l in (1, 2, 3):
        assert grads[f"dW{l}"].shape == parameters[f"W{l}"].shape
        assert grads[f"db{l}"].shape == parameters[f"b{l}"].shape
    assert grads["dA0"].shape == X.shape


def test_dZL_is_AL_minus_Y():
    _, _, Y, AL, caches, _ = forward_backward([3, 2, 1], 6, "relu", 1)
    dAL = -(Y / AL - (1 - Y) / (1 - AL))
    np.testing.assert_allclose(dh.sigmoid_backward(dAL, caches[-1][1]), AL - Y, atol=1e-12)


@pytest.mark.parametrize("hidden", ["relu", "tanh", "sigmoid"])
def test_training_gradients_equal_full_backward(hidden):
    _, _, Y, AL, caches, grads = forward_backward([6, 5, 4, 1], 8, hidden, 2)
    fast = dh.model_gradients(AL, Y, caches, hidden)
    assert "dA0" not in fast
    for key, value in fast.items():
        np.testing.assert_allclose(value, grads[key], atol=1e-12)


@pytest.mark.parametrize("hidden", ["relu", "tanh", "sigmoid"])
@pytest.mark.parametrize("seed", range(8))
def test_gradient_check_random_architectures(hidden, seed):
    rng = np.random.default_rng(100 + seed)
    dims = [int(n) for n in rng.integers(1, 6, size=rng.integers(2, 5))] + [1]
    parameters, X, Y, _, _, grads = forward_backward(dims, int(rng.integers(1, 7)), hidden, seed)
    assert dh.gradient_check(parameters, grads, X, Y, hidden_activation=hidden) < 1e-7


def test_saturated_output_gives_finite_gradients():
    parameters = {"W1": np.array([[100.0]]), "b1": np.zeros((1, 1)), "W2": np.array([[100.0]]), "b2": np.zeros((1, 1))}
    X, Y = np.array([[5.0, 5.0]]), np.array([[1, 0]])
    AL, caches = dh.L_model_forward(X, parameters)
    assert AL[0, 0] == 1.0  # saturated exactly
    grads = dh.L_model_backward(AL, Y, caches)
    assert all(np.isfinite(g).all() for g in grads.values())


def test_one_layer_network_by_hand_and_the_saturated_textbook_gradient():
    """Logistic regression (L = 1). Example 1 is saturated and wrong (Z = 500, AL = 1.0 exactly, y = 0): the
    textbook dAL * s(1 - s) gives dZ = 0 there (the gradient vanishes), where the training loop's AL - Y gives 1."""
    parameters = {"W1": np.array([[100.0]]), "b1": np.zeros((1, 1))}
    X, Y = np.array([[5.0, 0.0]]), np.array([[0, 1]])
    AL, caches = dh.L_model_forward(X, parameters)
    np.testing.assert_array_equal(AL, [[1.0, 0.5]])
    grads = dh.L_model_backward(AL, Y, caches)
    assert set(grads) == {"dA0", "dW1", "db1"}
    np.testing.assert_array_equal(grads["dW1"], [[0.0]])       # (0 * 5 + (-0.5) * 0) / 2
    np.testing.assert_array_equal(grads["db1"], [[-0.25]])     # (0 - 0.5) / 2
    np.testing.assert_array_equal(grads["dA0"], [[0.0, -50.0]])
    fast = dh.model_gradients(AL, Y, caches)
    np.testing.assert_array_equal(fast["dW1"], [[2.5]])
    np.testing.assert_array_equal(fast["db1"], [[0.25]])


def test_two_layers_by_hand():
    parameters = {"W1": np.array([[1.0], [-2.0]]), "b1": np.array([[0.0], [1.0]]),
                  "W2": np.array([[0.5, -1.0]]), "b2": np.zeros((1, 1))}
    X, Y = np.array([[1.0, -1.0]]), np.array([[1, 0]])
    AL, caches = dh.L_model_forward(X, parameters)
    # Z1 = [[1, -1], [-1, 3]] -> A1 = [[1, 0], [0, 3]]; Z2 = [0.5, -3]
    dZ2 = AL - Y
    grads = dh.L_model_backward(AL, Y, caches)
    np.testing.assert_allclose(grads["dW2"], dZ2 @ np.array([[1.0, 0.0], [0.0, 3.0]]).T / 2, rtol=1e-12)
    np.testing.assert_allclose(grads["db2"], dZ2.sum(keepdims=True) / 2, rtol=1e-12)
    dZ1 = np.array([[0.5], [-1.0]]) @ dZ2 * np.array([[1.0, 0.0], [0.0, 1.0]])
    np.testing.assert_allclose(grads["dW1"], dZ1 @ X.T / 2, rtol=1e-12)
    np.testing.assert_allclose(grads["db1"], dZ1.sum(axis=1, keepdims=True) / 2, rtol=1e-12)
    np.testing.assert_allclose(grads["dA0"], parameters["W1"].T @ dZ1, rtol=1e-12)


def test_AL_outside_0_1_is_a_forgotten_sigmoid():
    parameters = {"W1": np.array([[1.0]]), "b1": np.zeros((1, 1))}
    _, caches = dh.L_model_forward(np.array([[1.0, 2.0]]), parameters)
    with pytest.raises(ValueError, match=r"probabilities in \[0, 1\]; found values from 0.2 to 1.5: did the last "
                                         r"layer skip its sigmoid\?"):
        dh.L_model_backward(np.array([[1.5, 0.2]]), np.array([[0, 1]]), caches)
    with pytest.raises(ValueError, match=r"found values from -0.1 to 0.2"):
        dh.L_model_backward(np.array([[-0.1, 0.2]]), np.array([[0, 1]]), caches)
    grads = dh.L_model_backward(np.array([[0.0, 1.0]]), np.array([[0, 1]]), caches)  # the ends are allowed
    assert all(np.isfinite(g).all() for g in grads.values())


def test_empty_caches_is_a_teaching_error():
    with pytest.raises(ValueError, match="caches is empty; pass the caches that L_model_forward returned"):
        dh.L_model_backward(np.array([[0.2, 0.9]]), np.array([[0, 1]]), [])


@pytest.mark.parametrize("caches, error, message", [
    (None, TypeError, r"caches must be the list of caches that L_model_forward returned; got None"),
    ({"W1": 1}, TypeError, r"caches must be the list of caches that L_model_forward returned; got \{'W1': 1\}"),
    ([], ValueError, r"caches is empty; pass the caches that L_model_forward returned"),
])
def test_L_model_backward_names_what_caches_it_got(caches, error, message):
    with pytest.raises(error, match=message):
        dh.L_model_backward(np.array([[0.3, 0.8]]), np.array([[0, 1]]), caches)


@pytest.mark.parametrize("hidden", ["relu", "tanh"])
def test_softmax_output_gradients_match_finite_differences(hidden):
    """With K = 3 output units (softmax, one-hot Y) and m = 5 examples (K != m), every dW, db and dA0 of
    L_model_backward is the finite-difference derivative of the categorical cost (dA0 per example: m dJ/dX)."""
    rng = np.random.default_rng(7)
    dims, m = [4, 5, 3], 5
    parameters = dh.initialize_parameters_deep(dims, seed=3)
    X = rng.standard_normal((4, m))
    Y = dh.one_hot(np.array([0, 2, 1, 2, 0]), 3)

    def cost():
        AL, _ = dh.L_model_forward(X, parameters, hidden)
        return dh.categorical_cost(AL, Y)

    AL, caches = dh.L_model_forward(X, parameters, hidden)
    grads = dh.L_model_backward(AL, Y, caches, hidden)
    fast = dh.model_gradients(AL, Y, caches, hidden)
    for name, array, scale in [(n, parameters[n], 1) for n in ("W1", "b1", "W2", "b2")] + [("A0", X, m)]:
        numeric = np.zeros_like(array)
        for index in np.ndindex(array.shape):
            saved = array[index]
            array[index] = saved + 1e-6
            plus = cost()
            array[index] = saved - 1e-6
            minus = cost()
            array[index] = saved
            numeric[index] = (plus - minus) / 2e-6
        np.testing.assert_allclose(grads[f"d{name}"], scale * numeric, rtol=1e-5, atol=1e-8)
        if name != "A0":
            np.testing.assert_allclose(fast[f"d{name}"], grads[f"d{name}"], atol=1e-12)
