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
