"""Behaviour of dnn_helpers.evaluation that one-token mutants changed without a test noticing (tools/mutate.py).

A network that records tanh predicts with tanh, parameters given as nested lists predict as arrays do, and the
default hidden activation that help() shows is "relu".
"""

import inspect

import numpy as np
import pytest

import dnn_helpers as dh


def network(seed=3):
    rng = np.random.default_rng(seed)
    parameters = dh.initialize_parameters_deep([3, 5, 1], seed=seed)
    parameters["W1"] = parameters["W1"] * 100      # large enough that tanh and ReLU give different outputs
    return rng.standard_normal((3, 6)), parameters


def test_a_dict_that_records_tanh_predicts_with_tanh():
    X, parameters = network()
    recorded = {**parameters, "hidden_activation": "tanh"}
    tanh_AL, _ = dh.L_model_forward(X, parameters, "tanh")
    relu_AL, _ = dh.L_model_forward(X, parameters, "relu")
    assert not np.allclose(tanh_AL, relu_AL)
    np.testing.assert_allclose(dh.predict_proba(X, recorded), tanh_AL, rtol=1e-12)
    np.testing.assert_array_equal(dh.predict(X, recorded), (tanh_AL > 0.5).astype(int))


def test_parameters_as_nested_lists_predict_as_arrays_do():
    X, parameters = network()
    as_lists = {key: value.tolist() for key, value in parameters.items()}
    np.testing.assert_allclose(dh.predict_proba(X, as_lists), dh.predict_proba(X, parameters), rtol=1e-12)
    np.testing.assert_array_equal(dh.predict(X, as_lists), dh.predict(X, parameters))


@pytest.mark.parametrize("function", [dh.predict_proba, dh.predict])
def test_the_default_hidden_activation_shown_is_relu(function):
    assert inspect.signature(function).parameters["hidden_activation"].default == "relu"
