"""improved_model's own loop (notebooks 13-14): each option on its own against a hand-computed epoch.

The optimizer updates, the mini-batches and the regularization helpers are tested in test_optimizers.py and
test_regularization.py; here: the loop that combines them (which branch runs, what each epoch records).
"""

import inspect

import numpy as np
import pytest

import dnn_helpers as dh

X = np.array([[1.0, -2.0, 0.5, 3.0], [0.5, 1.0, -1.0, 2.0]])
Y = np.array([[1, 0, 0, 1]])
START = {"W1": np.array([[0.2, -0.4], [0.6, 0.1]]), "b1": np.array([[0.1], [-0.2]]),
         "W2": np.array([[0.5, -0.3]]), "b2": np.array([[0.05]])}


def plain_cost_and_grads(parameters, X=X, Y=Y):
    AL, caches = dh.L_model_forward(X, parameters)
    return dh.compute_cost(AL, Y), dh.L_model_backward(AL, Y, caches)


def test_the_documented_defaults():
    defaults = {name: p.default for name, p in inspect.signature(dh.improved_model).parameters.items()
                if p.default is not inspect.Parameter.empty}
    assert defaults == dict(learning_rate=0.0075, num_epochs=3000, print_cost=False, seed=1, initialization="xavier",
                            hidden_activation="relu", parameters=None, callback=None, lambd=0.0, keep_prob=1.0,
                            optimizer="gd", mini_batch_size=None, beta1=0.9, beta2=0.999, epsilon=1e-8, decay=None,
                            decay_rate=1.0, time_interval=1)


@pytest.mark.parametrize("lambd", [0.5, 3.0])
def test_l2_alone_adds_its_term_to_the_cost_and_its_gradient(lambd):
    """lambd below 1 counts too: J = cross-entropy + (lambd / 2m) sum ||W||^2 and dW gets + (lambd / m) W."""
    trained, costs = dh.improved_model(X, Y, [2, 2, 1], 0.1, 1, parameters=START, lambd=lambd)
    cost, grads = plain_cost_and_grads(START)
    squares = np.sum(START["W1"] ** 2) + np.sum(START["W2"] ** 2)
    assert costs == [pytest.approx(cost + lambd / (2 * 4) * squares, rel=1e-14)]
    for l in (1, 2):
        step = grads[f"dW{l}"] + lambd / 4 * START[f"W{l}"]
        np.testing.assert_allclose(trained[f"W{l}"], START[f"W{l}"] - 0.1 * step, rtol=1e-14)
        np.testing.assert_allclose(trained[f"b{l}"], START[f"b{l}"] - 0.1 * grads[f"db{l}"], rtol=1e-14)


def test_keep_prob_one_is_no_dropout_and_numbers_equal_the_plain_loop():
    plain, plain_costs = dh.L_layer_model(X, Y, [2, 2, 1], 0.1, 3, parameters=START)
    same, same_costs = dh.improved_model(X, Y, [2, 2, 1], 0.1, 3, parameters=START, keep_prob=1.0)
    assert same_costs == plain_costs
    assert all(np.array_equal(same[k], plain[k]) for k in plain)


def test_dropout_changes_the_step():
    plain, _ = dh.improved_model(X, Y, [2, 2, 1], 0.1, 1, parameters=START)
    dropped, _ = dh.improved_model(X, Y, [2, 2, 1], 0.1, 1, parameters=START, keep_prob=0.5, seed=0)
    assert not np.array_equal(plain["W1"], dropped["W1"])


def test_two_mini_batches_epoch_cost_is_their_size_weighted_mean():
    """Batches of 3 and 1 examples: the epoch cost is (3 J_a + 1 J_b) / 4, each J at the parameters of its update."""
    rate = 0.5
    trained, costs = dh.improved_model(X, Y, [2, 2, 1], rate, 1, parameters=START, mini_batch_size=3, seed=2)
    first, second = dh.random_mini_batches(X, Y, 3, np.random.default_rng(np.random.SeedSequence(2).spawn(2)[0]))
    assert first[0].shape[1] == 3 and second[0].shape[1] == 1
    cost_a, grads_a = plain_cost_and_grads(START, *first)
    middle = dh.update_parameters(START, grads_a, rate)
    cost_b, grads_b = plain_cost_and_grads(middle, *second)
    assert costs == [pytest.approx((3 * cost_a + cost_b) / 4, rel=1e-13)]
    end = dh.update_parameters(middle, grads_b, rate)
    for key in end:
        np.testing.assert_allclose(trained[key], end[key], rtol=1e-13)


def test_callback_gets_each_epoch_its_cost_and_the_last_grads():
    seen = []
    _, costs = dh.improved_model(X, Y, [2, 2, 1], 0.1, 3, parameters=START,
                                 callback=lambda epoch, p, g, c: seen.append((epoch, sorted(g), c)))
    assert [s[0] for s in seen] == [0, 1, 2] and [s[2] for s in seen] == costs
    assert seen[0][1] == ["dW1", "dW2", "db1", "db2"]


def test_print_cost_with_mini_batches_names_epochs_and_prints_the_last(capsys):
    _, costs = dh.improved_model(X, Y, [2, 2, 1], 0.1, 102, print_cost=True, parameters=START, mini_batch_size=4)
    assert capsys.readouterr().out.splitlines() == [f"Cost after epoch {i}: {costs[i]:.4f}" for i in (0, 100, 101)]
    _, costs = dh.improved_model(X, Y, [2, 2, 1], 0.1, 2, print_cost=True, parameters=START)
    assert capsys.readouterr().out.splitlines() == [f"Cost after iteration {i}: {costs[i]:.4f}" for i in (0, 1)]


def test_trained_parameters_remember_the_activation():
    trained, _ = dh.improved_model(X, Y, [2, 2, 1], 0.1, 1, parameters=START, hidden_activation="tanh")
    assert isinstance(trained, dh.Parameters) and trained.hidden_activation == "tanh"
    AL, caches = dh.L_model_forward(X, START, "tanh")
    grads = dh.L_model_backward(AL, Y, caches, "tanh")
    np.testing.assert_allclose(trained["W1"], START["W1"] - 0.1 * grads["dW1"], rtol=1e-14)


def test_zero_epochs_is_named():
    with pytest.raises(ValueError, match="num_epochs is 0: the network would not be trained at all; give at least 1"):
        dh.improved_model(X, Y, [2, 2, 1], 0.1, 0)
