import numpy as np
import pytest

import dnn_helpers as dh


def setup():
    parameters = {"W1": np.array([[1.0, 2.0]]), "b1": np.array([[0.5]])}
    grads = {"dW1": np.array([[0.1, -0.2]]), "db1": np.array([[1.0]])}
    return parameters, grads


def test_one_step_hand_computed_and_pure():
    parameters, grads = setup()
    new = dh.update_parameters(parameters, grads, 0.5)
    np.testing.assert_allclose(new["W1"], [[0.95, 2.1]])
    np.testing.assert_allclose(new["b1"], [[0.0]])
    np.testing.assert_array_equal(parameters["W1"], [[1.0, 2.0]])  # input untouched
    assert new is not parameters


def test_extra_grads_keys_are_ignored():
    parameters, grads = setup()
    grads["dA0"] = np.ones((2, 3))
    assert set(dh.update_parameters(parameters, grads, 0.1)) == {"W1", "b1"}


def test_float32_stays_float32():
    parameters = {k: v.astype(np.float32) for k, v in setup()[0].items()}
    grads = {k: v.astype(np.float32) for k, v in setup()[1].items()}
    assert dh.update_parameters(parameters, grads, 0.1)["W1"].dtype == np.float32


@pytest.mark.parametrize("rate", [0, -0.1, float("nan")])
def test_learning_rate_must_be_positive(rate):
    with pytest.raises(ValueError, match="learning_rate must be a positive number"):
        dh.update_parameters(*setup(), rate)


def test_learning_rate_must_be_a_number():
    with pytest.raises(TypeError, match="learning_rate must be a number"):
        dh.update_parameters(*setup(), "0.1")


def test_missing_grads_key():
    parameters, grads = setup()
    del grads["db1"]
    with pytest.raises(ValueError, match="grads is missing 'db1'"):
        dh.update_parameters(parameters, grads, 0.1)


def test_grads_with_wrong_shape():
    parameters, grads = setup()
    grads["dW1"] = np.ones((2, 1))
    with pytest.raises(ValueError, match=r"grads\['dW1'\] has shape \(2, 1\), but W1 has shape \(1, 2\)"):
        dh.update_parameters(parameters, grads, 0.1)


def test_missing_parameter_key():
    parameters, grads = setup()
    parameters["W2"] = np.ones((1, 1))
    with pytest.raises(ValueError, match="parameters is missing 'b2'"):
        dh.update_parameters(parameters, grads, 0.1)


def test_unexpected_parameter_key():
    parameters, grads = setup()
    parameters["w1"] = np.ones((1, 1))
    with pytest.raises(ValueError, match=r"unexpected key\(s\) \['w1'\]"):
        dh.update_parameters(parameters, grads, 0.1)


def test_the_step_is_learning_rate_times_the_gradient_in_every_layer():
    parameters = {"W1": np.array([[1.0, 2.0], [3.0, 4.0]]), "b1": np.array([[0.5], [-0.5]]),
                  "W2": np.array([[1.0, -1.0]]), "b2": np.array([[2.0]])}
    grads = {"dW1": np.array([[1.0, -1.0], [0.5, 2.0]]), "db1": np.array([[2.0], [4.0]]),
             "dW2": np.array([[-3.0, 1.0]]), "db2": np.array([[8.0]])}
    new = dh.update_parameters(parameters, grads, 0.25)
    np.testing.assert_allclose(new["W1"], [[0.75, 2.25], [2.875, 3.5]], rtol=1e-15)
    np.testing.assert_allclose(new["b1"], [[0.0], [-1.5]], rtol=1e-15)
    np.testing.assert_allclose(new["W2"], [[1.75, -1.25]], rtol=1e-15)
    np.testing.assert_allclose(new["b2"], [[0.0]], atol=1e-15)
    assert set(new) == {"W1", "b1", "W2", "b2"}


def test_dtype_follows_the_parameters():
    parameters, grads = setup()
    p32 = {k: v.astype(np.float32) for k, v in parameters.items()}
    g32 = {k: v.astype(np.float32) for k, v in grads.items()}
    assert all(v.dtype == np.float32 for v in dh.update_parameters(p32, grads, np.float64(0.1)).values())
    assert all(v.dtype == np.float64 for v in dh.update_parameters(parameters, g32, 0.1).values())
    np.testing.assert_allclose(dh.update_parameters(parameters, g32, 0.5)["W1"], [[0.95, 2.1]], rtol=1e-7)


def test_transposed_gradient_is_refused_not_broadcast():
    parameters, grads = setup()
    grads["dW1"] = grads["dW1"].T
    with pytest.raises(ValueError, match=r"grads\['dW1'\] has shape \(2, 1\), but W1 has shape \(1, 2\) \(it looks "
                                         r"transposed\)"):
        dh.update_parameters(parameters, grads, 0.1)


def test_grads_that_are_not_a_dict():
    parameters, grads = setup()
    with pytest.raises(TypeError, match=r"grads must be a dict with keys 'dW1', 'db1', ...; got a list"):
        dh.update_parameters(parameters, list(grads.values()), 0.1)


def test_a_learning_rate_so_large_that_the_step_overflows_is_a_teaching_error_not_a_warning():
    import warnings
    p = {"W1": np.ones((2, 3)), "b1": np.zeros((2, 1))}
    g = {"dW1": np.full((2, 3), 10.0), "db1": np.ones((2, 1))}
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with pytest.raises(ValueError, match=r"learning_rate = 1e\+308 times the gradient dW1 overflowed"):
            dh.update_parameters(p, g, 1e308)


def test_float64_grads_keep_a_float32_network_float32():
    p = {"W1": np.ones((2, 3), np.float32), "b1": np.zeros((2, 1), np.float32)}
    g = {"dW1": np.ones((2, 3)), "db1": np.ones((2, 1))}
    new = dh.update_parameters(p, g, 0.5)
    assert new["W1"].dtype == np.float32 and new["b1"].dtype == np.float32
    np.testing.assert_array_equal(new["W1"], 0.5)
