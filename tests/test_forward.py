import numpy as np
import pytest

import dnn_helpers as dh

A = np.array([[1.0, 2.0], [3.0, 4.0]])
W = np.array([[1.0, -1.0]])
b = np.array([[0.5]])


def test_linear_forward_value_and_cache():
    Z, cache = dh.linear_forward(A, W, b)
    np.testing.assert_array_equal(Z, [[-1.5, -1.5]])
    assert cache[0] is A and cache[1] is W and cache[2] is b


def test_linear_activation_forward_sigmoid():
    out, (linear_cache, Z) = dh.linear_activation_forward(A, W, b, "sigmoid")
    np.testing.assert_allclose(out, 1 / (1 + np.exp(1.5)) * np.ones((1, 2)))
    np.testing.assert_array_equal(Z, [[-1.5, -1.5]])
    assert linear_cache[0] is A


def test_L_model_forward_hand_computed():
    parameters = {"W1": np.array([[1.0, 0.0], [0.0, -1.0]]), "b1": np.zeros((2, 1)),
                  "W2": np.array([[1.0, 1.0]]), "b2": np.zeros((1, 1))}
    AL, caches = dh.L_model_forward(np.array([[1.0], [2.0]]), parameters)
    # Z1 = [1, -2] -> A1 = relu = [1, 0] -> Z2 = 1 -> AL = sigmoid(1)
    np.testing.assert_allclose(AL, [[1 / (1 + np.exp(-1.0))]], rtol=1e-15)
    assert len(caches) == 2
    np.testing.assert_array_equal(caches[0][1], [[1.0], [-2.0]])
    np.testing.assert_array_equal(caches[1][0][0], [[1.0], [0.0]])


@pytest.mark.parametrize("hidden", ["relu", "tanh", "sigmoid"])
def test_L_model_forward_shapes(hidden):
    p = dh.initialize_parameters_deep([5, 4, 3, 1], seed=2, method="xavier")
    X = np.random.default_rng(0).standard_normal((5, 7))
    AL, caches = dh.L_model_forward(X, p, hidden)
    assert AL.shape == (1, 7) and len(caches) == 3
    assert [c[1].shape for c in caches] == [(4, 7), (3, 7), (1, 7)]
    assert ((AL > 0) & (AL < 1)).all()


def test_float32_stays_float32():
    p = dh.initialize_parameters_deep([3, 2, 1], seed=1, dtype=np.float32)
    AL, _ = dh.L_model_forward(np.ones((3, 4), np.float32), p)
    assert AL.dtype == np.float32


def test_inputs_not_modified():
    p = dh.initialize_parameters_deep([3, 2, 1], seed=1)
    X = np.ones((3, 4))
    before = {k: v.copy() for k, v in p.items()}
    dh.L_model_forward(X, p)
    assert all(np.array_equal(p[k], before[k]) for k in p) and (X == 1).all()


def test_W_and_A_that_do_not_fit():
    with pytest.raises(ValueError, match=r"W has shape \(1, 2\), so it expects A with n\[l-1\] = 2 rows"):
        dh.linear_forward(np.ones((3, 2)), W, b)


def test_one_dimensional_b_is_refused():
    with pytest.raises(ValueError, match=r"b has shape \(1,\).*column \(n\[l\], 1\) = \(1, 1\)"):
        dh.linear_forward(A, W, np.array([0.5]))


def test_b_with_wrong_length():
    with pytest.raises(ValueError, match=r"b must be \(n\[l\], 1\) = \(1, 1\)"):
        dh.linear_forward(A, W, np.zeros((2, 1)))


def test_unknown_activation():
    with pytest.raises(ValueError, match="activation must be one of 'relu', 'sigmoid', 'tanh', 'leaky_relu'; "
                                         "got 'softmax'"):
        dh.linear_activation_forward(A, W, b, "softmax")


def test_X_wrong_rows_and_transposed():
    p = dh.initialize_parameters_deep([3, 2, 1])
    with pytest.raises(ValueError, match=r"X has 5 rows but n_x.*is 3; X must be \(n_x, m\)"):
        dh.L_model_forward(np.ones((5, 4)), p)
    with pytest.raises(ValueError, match="looks transposed"):
        dh.L_model_forward(np.ones((4, 3)), p)


def test_missing_parameter_key():
    p = dh.initialize_parameters_deep([3, 2, 1])
    del p["b2"]
    with pytest.raises(ValueError, match="parameters"):
        dh.L_model_forward(np.ones((3, 4)), p)


def test_parameters_that_do_not_chain():
    p = dh.initialize_parameters_deep([3, 2, 1])
    p["W2"] = np.ones((1, 5))
    with pytest.raises(ValueError, match=r"W2 must be \(n\[2\], n\[1\]\) = \(1, 2\)"):
        dh.L_model_forward(np.ones((3, 4)), p)


def test_non_numeric_X():
    p = dh.initialize_parameters_deep([2, 1])
    with pytest.raises(TypeError, match="X must hold real numbers"):
        dh.L_model_forward(np.array([["a", "b"], ["c", "d"]]), p)


def test_X_must_be_2d():
    p = dh.initialize_parameters_deep([3, 1])
    with pytest.raises(ValueError, match=r"X must be 2-D"):
        dh.L_model_forward(np.ones(3), p)


def test_linear_activation_forward_names_A_prev():
    with pytest.raises(ValueError, match=r"so it expects A_prev with n\[l-1\] = 2 rows, but A_prev has shape \(3, 2\)"):
        dh.linear_activation_forward(np.ones((3, 2)), W, b, "relu")


def test_one_layer_network_is_logistic_regression():
    AL, caches = dh.L_model_forward(np.array([[2.0, -1.0]]), {"W1": np.array([[1.5]]), "b1": np.array([[-1.0]])})
    np.testing.assert_allclose(AL, 1 / (1 + np.exp(-np.array([[2.0, -2.5]]))), rtol=1e-15)
    assert len(caches) == 1
    np.testing.assert_array_equal(caches[0][1], [[2.0, -2.5]])


def test_three_layers_hand_computed_with_tanh():
    parameters = {"W1": np.array([[1.0], [-1.0]]), "b1": np.array([[0.0], [0.5]]),
                  "W2": np.array([[2.0, 1.0]]), "b2": np.array([[0.25]]),
                  "W3": np.array([[-1.0]]), "b3": np.array([[0.5]])}
    AL, caches = dh.L_model_forward(np.array([[0.5]]), parameters, "tanh")
    A1 = np.tanh(np.array([[0.5], [0.0]]))
    A2 = np.tanh(2 * A1[0] + A1[1] + 0.25)
    np.testing.assert_allclose(AL, 1 / (1 + np.exp(A2 - 0.5)).reshape(1, 1), rtol=1e-14)
    assert [c[1].shape for c in caches] == [(2, 1), (1, 1), (1, 1)]


def test_remembered_activation_is_used_and_checked():
    from dnn_helpers.forward import Parameters, hidden_activation_of
    remembered = Parameters({"W1": np.array([[1.0]]), "b1": np.array([[0.0]])}, "tanh")
    assert hidden_activation_of(remembered) == "tanh"
    assert hidden_activation_of(remembered, "tanh") == "tanh"
    assert hidden_activation_of({}, None) == "relu" and hidden_activation_of({}, "sigmoid") == "sigmoid"
    with pytest.raises(ValueError, match="trained with hidden_activation='tanh', but hidden_activation='relu' was "
                                         "asked for; leave it out to use 'tanh'"):
        hidden_activation_of(remembered, "relu")
    with pytest.raises(ValueError, match="hidden_activation must be one of"):
        hidden_activation_of({}, "elu")
    with pytest.raises(ValueError, match="hidden_activation must be one of"):
        Parameters({}, "elu")


def test_parameters_default_to_relu_and_b_is_named():
    from dnn_helpers.forward import Parameters
    assert Parameters({"W1": np.array([[1.0]]), "b1": np.array([[0.0]])}).hidden_activation == "relu"
    with pytest.raises(ValueError, match=r"b must be 2-D, but it has shape \(1,\)"):
        dh.linear_forward(A, W, [0.5])
