import numpy as np
import pytest

import dnn_helpers as dh

NAMES = ["sigmoid", "relu", "tanh", "relu_backward", "sigmoid_backward", "tanh_backward", "initialize_parameters",
         "initialize_parameters_deep", "linear_forward", "linear_activation_forward", "L_model_forward",
         "compute_cost", "linear_backward", "linear_activation_backward", "L_model_backward", "update_parameters",
         "predict"]


@pytest.mark.parametrize("name", NAMES)
def test_package_agrees_with_itself(name, capsys):
    dh.check_agreement(getattr(dh, name), name)
    assert capsys.readouterr().out.startswith(f"✓ {name} agrees with dnn_helpers.{name} on ")


def test_a_wrong_value_is_caught():
    def linear_forward(A, W, b):
        Z = W @ A  # forgot b
        return Z, (A, W, b)
    with pytest.raises(AssertionError, match=r"linear_forward disagrees .* values differ"):
        dh.check_agreement(linear_forward, "linear_forward")


def test_a_wrong_shape_is_caught():
    def compute_cost(AL, Y):
        return -np.mean(Y * np.log(AL) + (1 - Y) * np.log(1 - AL), axis=0)  # per example, not a number
    with pytest.raises(AssertionError, match="shape"):
        dh.check_agreement(compute_cost, "compute_cost")


def test_a_missing_key_is_caught():
    def update_parameters(parameters, grads, learning_rate):
        return {"W1": parameters["W1"]}
    with pytest.raises(AssertionError, match="keys"):
        dh.check_agreement(update_parameters, "update_parameters")


def test_unknown_name():
    with pytest.raises(ValueError, match="no agreement check is defined for 'softmax'"):
        dh.check_agreement(lambda z: z, "softmax")
