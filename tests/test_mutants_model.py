"""Behaviour of dnn_helpers.model that one-token mutants changed without a test noticing (tools/mutate.py).

print_cost of two_layer_model, a start that records its activation, a float32 network with a numpy learning rate,
the names in the option errors, and the iteration that a diverged training names.
"""

import re

import numpy as np
import pytest

import dnn_helpers as dh


def moons_like(m=12, seed=0):
    rng = np.random.default_rng(seed)
    X = rng.standard_normal((2, m))
    return X, (X[0:1] * X[1:2] > 0).astype(int)


@pytest.mark.parametrize("print_cost, lines", [(False, []), (True, [0, 100, 149])])
def test_two_layer_model_prints_only_when_asked(capsys, print_cost, lines):
    X, Y = moons_like()
    dh.two_layer_model(X, Y, (2, 3, 1), learning_rate=0.1, num_iterations=150, print_cost=print_cost)
    printed = capsys.readouterr().out
    assert [int(i) for i in re.findall(r"Cost after iteration (\d+):", printed)] == lines
    assert len(printed.splitlines()) == len(lines)


def test_a_start_that_records_tanh_trains_as_tanh():
    X, Y = moons_like()
    plain = dh.initialize_parameters_deep([2, 4, 1], seed=3, method="xavier")
    trained, costs = dh.L_layer_model(X, Y, [2, 4, 1], 0.1, 20, parameters=dh.Parameters(plain, "tanh"))
    assert trained.hidden_activation == "tanh"
    expected, expected_costs = dh.L_layer_model(X, Y, [2, 4, 1], 0.1, 20, parameters=plain, hidden_activation="tanh")
    np.testing.assert_allclose(costs, expected_costs, rtol=1e-12)
    relu, relu_costs = dh.L_layer_model(X, Y, [2, 4, 1], 0.1, 20, parameters=plain)
    assert not np.allclose(costs, relu_costs)


def test_a_float32_network_stays_float32_with_a_numpy_learning_rate():
    X, Y = moons_like()
    trained, _ = dh.L_layer_model(X.astype(np.float32), Y, [2, 3, 1], learning_rate=np.float64(0.1), num_iterations=3)
    for name in ("W1", "b1", "W2", "b2"):
        assert trained[name].dtype == np.float32, name


def test_a_bad_initialization_is_named():
    X, Y = moons_like()
    with pytest.raises(ValueError, match=r"^initialization must be one of"):
        dh.L_layer_model(X, Y, [2, 3, 1], num_iterations=2, initialization="lecun")


def test_a_bad_learning_rate_of_improved_model_is_named():
    X, Y = moons_like()
    with pytest.raises(ValueError, match=r"^learning_rate must be a positive number; got -1"):
        dh.improved_model(X, Y, [2, 3, 1], learning_rate=-1.0, num_epochs=2)


@pytest.mark.parametrize("learning_rate", [1e3, 1e200])
def test_a_diverged_training_names_the_iterations_done(learning_rate):
    X, Y = moons_like(8)
    done = []
    with pytest.raises(ValueError, match=r"training diverged at iteration \d+") as error:
        dh.L_layer_model(X * 1e150, Y, [2, 3, 1], learning_rate=learning_rate, num_iterations=20,
                         callback=lambda i, parameters, grads, cost: done.append(i))
    assert done == list(range(len(done)))
    assert f"training diverged at iteration {len(done)}:" in str(error.value)


def test_two_layer_model_keeps_float32_with_a_numpy_learning_rate():
    X, Y = moons_like()
    trained, _ = dh.two_layer_model(X.astype(np.float32), Y, (2, 3, 1), learning_rate=np.float64(0.1),
                                    num_iterations=3)
    for name in ("W1", "b1", "W2", "b2"):
        assert trained[name].dtype == np.float32, name


@pytest.mark.parametrize("options, error, match", [
    ({"learning_rate": -1.0}, ValueError, r"^learning_rate must be a positive number; got -1"),
    ({"num_iterations": 2.5}, TypeError, r"^num_iterations must be a whole number"),
    ({"initialization": "lecun"}, ValueError, r"^initialization must be one of"),
])
def test_two_layer_model_names_a_bad_option(options, error, match):
    X, Y = moons_like()
    with pytest.raises(error, match=match):
        dh.two_layer_model(X, Y, (2, 3, 1), **{"num_iterations": 2, **options})


def test_improved_model_names_a_bad_callback_before_the_other_options():
    X, Y = moons_like()
    with pytest.raises(TypeError, match=r"^callback must be a function"):
        dh.improved_model(X, Y, [2, 3, 1], num_epochs=2, callback=5, lambd=-1.0)


def test_improved_model_calls_a_callback_each_epoch():
    X, Y = moons_like()
    epochs = []
    dh.improved_model(X, Y, [2, 3, 1], num_epochs=3, callback=lambda i, parameters, grads, cost: epochs.append(i))
    assert epochs == [0, 1, 2]


def test_model_gradients_of_a_softmax_output_with_k_not_m():
    rng = np.random.default_rng(2)
    parameters = dh.initialize_parameters_deep([2, 4, 3], seed=2, method="xavier")
    X = rng.standard_normal((2, 5))
    Y = dh.one_hot(np.array([0, 2, 1, 1, 0]), 3)
    AL, caches = dh.L_model_forward(X, parameters)
    grads = dh.model_gradients(AL, Y, caches)
    expected = dh.L_model_backward(AL, Y, caches)
    for key in ("dW1", "db1", "dW2", "db2"):
        np.testing.assert_allclose(grads[key], expected[key], rtol=1e-10, atol=1e-14)


def test_too_many_iterations_say_how_many_years():
    X, Y = moons_like()
    with pytest.raises(ValueError, match=r"num_iterations is 100,000,000,000: .* would take 3\.17 years"):
        dh.L_layer_model(X, Y, [2, 3, 1], num_iterations=10 ** 11)
