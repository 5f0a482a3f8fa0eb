"""Behaviour of dnn_helpers.training that one-token mutants changed without a test noticing (tools/mutate.py).

The loop is checked with steps whose numbers are known (a Steps bundle of small functions), then the package's
steps are compared with the functions they bundle: the plain forward/cost/backward, dropout, L2, and the
optimizers' default hyperparameters.
"""

import re

import numpy as np
import pytest

import dnn_helpers as dh
from dnn_helpers.model import model_gradients
from dnn_helpers.optimizers import initialize_optimizer
from dnn_helpers.output_layer import output_cost
from dnn_helpers.regularization import (L_model_forward_with_dropout, add_l2_gradients, l2_regularization_cost)
from dnn_helpers.training import Steps, fit, make_update, package_steps, train_epoch


def known_steps(seen, cost_of=lambda AL: float(AL[0].mean())):
    """forward returns the batch itself; the cost is its first row's mean; the update counts in state."""
    def forward(X, parameters):
        seen.append(X.shape[1])
        return X, None

    def cost(AL, Y, caches, parameters):
        return cost_of(AL)

    def backward(AL, Y, caches, parameters):
        return {"g": float(AL.sum())}

    def update(parameters, grads, state, learning_rate):
        return {"w": parameters["w"] - learning_rate * grads["g"]}, state + 1

    return Steps(forward, cost, backward, update)


def data(m=7, seed=0):
    rng = np.random.default_rng(seed)
    return rng.standard_normal((2, m)), (rng.random((1, m)) > 0.5).astype(float)


def test_one_batch_epoch_sees_all_examples_and_gives_that_batchs_own_cost():
    seen = []
    X, Y = np.ones((2, 3)), np.ones((1, 3))
    parameters, state, cost, grads = train_epoch(known_steps(seen, lambda AL: 0.1), X, Y, {"w": 1.0}, 0, 0.5)
    assert seen == [3] and state == 1
    assert cost == 0.1                       # the batch's own cost, not 0.1 * 3 / 3
    assert grads == {"g": 6.0} and parameters == {"w": 1.0 - 0.5 * 6.0}


def test_mini_batch_epoch_cost_is_the_size_weighted_mean_of_the_batch_costs():
    seen = []
    X, Y = data()
    parameters, state, cost, grads = train_epoch(known_steps(seen), X, Y, {"w": 0.0}, 0, 0.1, mini_batch_size=3,
                                                 shuffle_rng=np.random.default_rng(4))
    assert sorted(seen) == [1, 3, 3] and state == 3
    assert cost == pytest.approx(X[0].mean(), rel=1e-12)


def test_fit_appends_one_cost_per_epoch_to_the_callers_list_and_calls_back():
    seen, calls, rates = [], [], []
    X, Y = np.ones((2, 3)), np.ones((1, 3))
    costs = [9.0]

    def learning_rate_of(epoch):
        rates.append(epoch)
        return 0.5

    parameters, returned = fit(known_steps(seen), X, Y, {"w": 0.0}, 0, 3, learning_rate_of, costs=costs,
                               callback=lambda epoch, p, grads, cost: calls.append((epoch, p["w"], grads, cost)))
    assert returned is costs and costs == [9.0, 1.0, 1.0, 1.0]
    assert rates == [0, 1, 2]
    assert calls == [(0, -3.0, {"g": 6.0}, 1.0), (1, -6.0, {"g": 6.0}, 1.0), (2, -9.0, {"g": 6.0}, 1.0)]
    assert parameters == {"w": -9.0}


def test_fit_makes_a_new_cost_list_and_prints_nothing_by_default(capsys):
    X, Y = np.ones((2, 3)), np.ones((1, 3))
    _, costs = fit(known_steps([]), X, Y, {"w": 0.0}, 0, 2, lambda epoch: 0.1)
    assert costs == [1.0, 1.0]
    assert capsys.readouterr().out == ""


@pytest.mark.parametrize("mini_batch_size, unit", [(None, "iteration"), (2, "epoch")])
def test_fit_prints_every_100_epochs_and_the_last(capsys, mini_batch_size, unit):
    X, Y = np.ones((2, 3)), np.ones((1, 3))
    fit(known_steps([]), X, Y, {"w": 0.0}, 0, 250, lambda epoch: 0.0, mini_batch_size=mini_batch_size,
        shuffle_rng=np.random.default_rng(0), print_cost=True)
    printed = capsys.readouterr().out.splitlines()
    assert printed == [f"Cost after {unit} {epoch}: 1.0000" for epoch in (0, 100, 200, 249)]
    assert all(re.fullmatch(r"Cost after \w+ \d+: \d\.\d{4}", line) for line in printed)


def network(seed=2):
    rng = np.random.default_rng(seed)
    X, Y = rng.standard_normal((3, 5)), np.array([[0, 1, 1, 0, 1]])
    return X, Y, dh.initialize_parameters_deep([3, 4, 1], seed=seed)


def test_package_steps_by_default_are_the_plain_forward_cost_backward_and_gradient_descent():
    X, Y, parameters = network()
    steps = package_steps("tanh", m=10)
    AL, caches = steps.forward(X, parameters)
    expected_AL, expected_caches = dh.L_model_forward(X, parameters, "tanh")
    np.testing.assert_array_equal(AL, expected_AL)
    assert all(len(cache) == 2 for cache in caches) and len(caches) == len(expected_caches)
    assert steps.cost(AL, Y, caches, parameters) == output_cost(expected_caches, Y)
    grads = steps.backward(AL, Y, caches, parameters)
    expected_grads = model_gradients(AL, Y, caches, "tanh")
    assert grads.keys() == expected_grads.keys()
    for key in grads:
        np.testing.assert_array_equal(grads[key], expected_grads[key])
    updated, _ = steps.update(parameters, grads, initialize_optimizer(parameters, "gd"), 0.1)
    expected = dh.update_parameters(parameters, grads, 0.1)
    for key in ("W1", "b1", "W2", "b2"):
        np.testing.assert_array_equal(updated[key], expected[key])


def test_package_steps_with_keep_prob_one_runs_no_dropout():
    X, _, parameters = network()
    AL, caches = package_steps("relu", m=5, keep_prob=1.0, dropout_rng=np.random.default_rng(0)).forward(X, parameters)
    np.testing.assert_array_equal(AL, dh.L_model_forward(X, parameters)[0])
    assert all(len(cache) == 2 for cache in caches)


def test_package_steps_with_keep_prob_below_one_runs_dropout_with_the_given_generator():
    X, _, parameters = network()
    AL, caches = package_steps("relu", m=5, keep_prob=0.5, dropout_rng=np.random.default_rng(3)).forward(X, parameters)
    expected_AL, _ = L_model_forward_with_dropout(X, parameters, 0.5, np.random.default_rng(3), "relu")
    np.testing.assert_array_equal(AL, expected_AL)
    assert all(len(cache) == 3 for cache in caches)
    assert not np.array_equal(AL, dh.L_model_forward(X, parameters)[0])


def test_package_steps_with_l2_add_the_whole_training_sets_term():
    X, Y, parameters = network()
    steps = package_steps("relu", m=10, lambd=0.7)
    AL, caches = steps.forward(X, parameters)
    cost = steps.cost(AL, Y, caches, parameters)
    assert cost == pytest.approx(output_cost(caches, Y) + l2_regularization_cost(parameters, 0.7, 10), rel=1e-12)
    assert cost > output_cost(caches, Y)
    grads = steps.backward(AL, Y, caches, parameters)
    expected = add_l2_gradients(model_gradients(AL, Y, caches, "relu"), parameters, 0.7, 10)
    for key in expected:
        np.testing.assert_allclose(grads[key], expected[key], rtol=1e-12)


def run(steps, optimizer, epochs=3):
    X, Y, parameters = network()
    trained, _ = fit(steps, X, Y, parameters, initialize_optimizer(parameters, optimizer), epochs, lambda e: 0.05)
    return trained


@pytest.mark.parametrize("optimizer", ["momentum", "rmsprop", "adam"])
def test_default_hyperparameters_are_0_9_0_999_and_1e_8(optimizer):
    explicit = run(package_steps("relu", m=5, optimizer=optimizer, beta1=0.9, beta2=0.999, epsilon=1e-8), optimizer)
    default = run(package_steps("relu", m=5, optimizer=optimizer), optimizer)
    steps = package_steps("relu", m=5)
    made = run(Steps(steps.forward, steps.cost, steps.backward, make_update(optimizer)), optimizer)
    for key in explicit:
        np.testing.assert_array_equal(default[key], explicit[key])
        np.testing.assert_array_equal(made[key], explicit[key])


def test_epsilon_default_matters_for_small_gradients():
    # the check above is sharp: another epsilon changes adam's steps
    other = run(package_steps("relu", m=5, optimizer="adam", epsilon=2e-8), "adam")
    default = run(package_steps("relu", m=5, optimizer="adam"), "adam")
    assert any(not np.array_equal(other[key], default[key]) for key in default)
