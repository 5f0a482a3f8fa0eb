"""Optimisers, mini-batches, decay schedules and L_layer_model's improvement options (notebook 14).

Expected numbers are worked out by hand in each test, not by calling the code under test.
"""

import math

import numpy as np
import pytest

import dnn_helpers as dh


def one_layer():
    """W1 (1, 2), b1 (1, 1) and gradients of the same shapes."""
    parameters = {"W1": np.array([[1.0, -2.0]]), "b1": np.array([[0.5]])}
    grads = {"dW1": np.array([[0.1, -0.2]]), "db1": np.array([[0.3]])}
    return parameters, grads


def copies(d):
    return {k: v.copy() for k, v in d.items()}


# --- single updates, by hand ----------------------------------------------------------------------------------------

def test_gd_step_by_hand():
    parameters, grads = one_layer()
    new, state = dh.optimizer_update(parameters, grads, {}, "gd", learning_rate=0.1)
    np.testing.assert_allclose(new["W1"], [[1 - 0.01, -2 + 0.02]], rtol=1e-15)
    np.testing.assert_allclose(new["b1"], [[0.5 - 0.03]], rtol=1e-15)
    assert state == {}


def test_momentum_two_steps_by_hand():
    parameters, grads = one_layer()
    saved_p, saved_g = copies(parameters), copies(grads)
    v = dh.initialize_velocity(parameters)
    assert all(np.array_equal(v[k], np.zeros_like(grads[k])) for k in grads)
    # step 1: v = 0.9 * 0 + 0.1 * g = [0.01, -0.02], [0.03]; W = W - 0.1 v
    p1, v1 = dh.update_parameters_with_momentum(parameters, grads, v, beta=0.9, learning_rate=0.1)
    np.testing.assert_allclose(v1["dW1"], [[0.01, -0.02]], rtol=1e-12)
    np.testing.assert_allclose(v1["db1"], [[0.03]], rtol=1e-12)
    np.testing.assert_allclose(p1["W1"], [[0.999, -1.998]], rtol=1e-12)
    np.testing.assert_allclose(p1["b1"], [[0.497]], rtol=1e-12)
    # step 2, same gradient: v = 0.9 * 0.01 + 0.1 * 0.1 = 0.019; W = 0.999 - 0.0019 = 0.9971
    p2, v2 = dh.update_parameters_with_momentum(p1, grads, v1, beta=0.9, learning_rate=0.1)
    np.testing.assert_allclose(v2["dW1"], [[0.019, -0.038]], rtol=1e-12)
    np.testing.assert_allclose(p2["W1"], [[0.9971, -1.9942]], rtol=1e-12)
    np.testing.assert_allclose(p2["b1"], [[0.497 - 0.0057]], rtol=1e-12)
    # pure: nothing given was modified
    assert all(np.array_equal(parameters[k], saved_p[k]) for k in parameters)
    assert all(np.array_equal(grads[k], saved_g[k]) for k in grads)
    assert all(not v[k].any() for k in v)


def test_rmsprop_first_step_by_hand():
    # s = 0.01 g^2, so sqrt(s) = 0.1 |g| and the step is 0.1 * g / (0.1 |g|) = sign(g) (up to epsilon)
    parameters, grads = one_layer()
    s = dh.initialize_rmsprop(parameters)
    new, s1 = dh.update_parameters_with_rmsprop(parameters, grads, s, beta2=0.99, learning_rate=0.1, epsilon=1e-8)
    np.testing.assert_allclose(s1["dW1"], [[1e-4, 4e-4]], rtol=1e-12)
    np.testing.assert_allclose(s1["db1"], [[9e-4]], rtol=1e-12)
    np.testing.assert_allclose(new["W1"], [[0.0, -1.0]], atol=1e-6)
    np.testing.assert_allclose(new["b1"], [[-0.5]], atol=1e-6)


def test_rmsprop_second_step_by_hand():
    # one weight: g = 1, then g = 3; beta2 = 0.5, learning rate 1, epsilon 0 in effect (1e-12)
    parameters = {"W1": np.array([[0.0]]), "b1": np.array([[0.0]])}
    s = dh.initialize_rmsprop(parameters)
    g1 = {"dW1": np.array([[1.0]]), "db1": np.array([[0.0]])}
    g2 = {"dW1": np.array([[3.0]]), "db1": np.array([[0.0]])}
    p1, s1 = dh.update_parameters_with_rmsprop(parameters, g1, s, 0.5, 1.0, epsilon=1e-12)
    # s1 = 0.5 * 1 = 0.5; W = -1 / sqrt(0.5) = -1.41421356
    np.testing.assert_allclose(p1["W1"], [[-1.41421356]], rtol=1e-8)
    p2, s2 = dh.update_parameters_with_rmsprop(p1, g2, s1, 0.5, 1.0, epsilon=1e-12)
    # s2 = 0.25 + 0.5 * 9 = 4.75; W = -1.41421356 - 3 / sqrt(4.75) = -1.41421356 - 1.37649440
    np.testing.assert_allclose(s2["dW1"], [[4.75]], rtol=1e-12)
    np.testing.assert_allclose(p2["W1"], [[-2.79070796]], rtol=1e-8)
    assert not p2["b1"].any()  # a zero gradient never moves (0 / (0 + epsilon) = 0)


def test_bias_correction_values():
    # an average of a constant g started at 0 is (1 - beta^t) g: the correction gives g back exactly
    assert dh.bias_correction(0.1, 0.9, 1) == pytest.approx(1.0, rel=1e-15)
    assert dh.bias_correction(0.19, 0.9, 2) == pytest.approx(1.0, rel=1e-14)
    assert dh.bias_correction(0.271, 0.9, 3) == pytest.approx(1.0, rel=1e-14)
    assert dh.bias_correction(0.001, 0.999, 1) == pytest.approx(1.0, rel=1e-12)
    # large t: 1 - beta^t -> 1, the correction fades away
    assert dh.bias_correction(2.0, 0.9, 1000) == pytest.approx(2.0, rel=1e-15)
    np.testing.assert_allclose(dh.bias_correction(np.array([[0.5, 1.0]]), 0.5, 1), [[1.0, 2.0]])


def test_adam_first_step_is_learning_rate_times_sign():
    # t = 1: v_hat = g and s_hat = g^2, so the step is learning_rate * g / |g| = 0.1 * sign(g)
    parameters, grads = one_layer()
    v, s = dh.initialize_adam(parameters)
    new, v1, s1 = dh.update_parameters_with_adam(parameters, grads, v, s, 1, learning_rate=0.1)
    np.testing.assert_allclose(v1["dW1"], [[0.01, -0.02]], rtol=1e-12)
    np.testing.assert_allclose(s1["dW1"], [[1e-5, 4e-5]], rtol=1e-9)
    np.testing.assert_allclose(new["W1"], [[0.9, -1.9]], atol=1e-6)
    np.testing.assert_allclose(new["b1"], [[0.4]], atol=1e-6)


def test_adam_second_step_by_hand():
    parameters = {"W1": np.array([[0.0]]), "b1": np.array([[0.0]])}
    v, s = dh.initialize_adam(parameters)
    g1 = {"dW1": np.array([[1.0]]), "db1": np.array([[0.0]])}
    g2 = {"dW1": np.array([[3.0]]), "db1": np.array([[0.0]])}
    p1, v1, s1 = dh.update_parameters_with_adam(parameters, g1, v, s, 1, 0.1, 0.9, 0.999, 1e-8)
    p2, v2, s2 = dh.update_parameters_with_adam(p1, g2, v1, s1, 2, 0.1, 0.9, 0.999, 1e-8)
    # v2 = 0.9 * 0.1 + 0.1 * 3 = 0.39, s2 = 0.999 * 0.001 + 0.001 * 9 = 0.009999
    assert v2["dW1"][0, 0] == pytest.approx(0.39, rel=1e-12)
    assert s2["dW1"][0, 0] == pytest.approx(0.009999, rel=1e-12)
    # v_hat = 0.39 / 0.19, s_hat = 0.009999 / (1 - 0.998001) = 0.009999 / 0.001999
    v_hat, s_hat = 0.39 / 0.19, 0.009999 / 0.001999
    step2 = 0.1 * v_hat / (math.sqrt(s_hat) + 1e-8)
    assert step2 == pytest.approx(0.0917781, rel=1e-6)
    assert p2["W1"][0, 0] == pytest.approx(-0.1 - step2, rel=1e-7)


def test_optimizer_update_counts_adam_steps():
    parameters, grads = one_layer()
    state = dh.initialize_optimizer(parameters, "adam")
    assert state["t"] == 0 and set(state) == {"v", "s", "t"}
    parameters, state = dh.optimizer_update(parameters, grads, state, "adam", 0.1)
    parameters, state = dh.optimizer_update(parameters, grads, state, "adam", 0.1)
    assert state["t"] == 2
    # a constant gradient: each corrected step is 0.1 * sign(g), twice
    np.testing.assert_allclose(parameters["W1"], [[0.8, -1.8]], atol=1e-6)
    assert set(dh.initialize_optimizer(parameters, "momentum")) == {"v"}
    assert set(dh.initialize_optimizer(parameters, "rmsprop")) == {"s"}
    assert dh.initialize_optimizer(parameters, "gd") == {}


def test_optimizers_keep_float32():
    parameters = {k: v.astype(np.float32) for k, v in one_layer()[0].items()}
    grads = {k: v.astype(np.float32) for k, v in one_layer()[1].items()}
    for name in ("gd", "momentum", "rmsprop", "adam"):
        new, _ = dh.optimizer_update(parameters, grads, dh.initialize_optimizer(parameters, name), name, 0.1)
        assert all(value.dtype == np.float32 for value in new.values()), name


# --- mini-batches ---------------------------------------------------------------------------------------------------

def numbered(m):
    """X whose column j holds j and 10 j, Y of alternating labels: easy to follow through a shuffle."""
    j = np.arange(m, dtype=float)
    return np.vstack([j, 10 * j]), (np.arange(m) % 2).reshape(1, -1)


def test_mini_batch_sizes_with_a_last_partial_batch():
    X, Y = numbered(10)
    batches = dh.random_mini_batches(X, Y, 4, seed=0)
    assert [b[0].shape for b in batches] == [(2, 4), (2, 4), (2, 2)]
    assert [b[1].shape for b in batches] == [(1, 4), (1, 4), (1, 2)]


def test_mini_batches_hold_every_column_once_with_its_label():
    X, Y = numbered(23)
    batches = dh.random_mini_batches(X, Y, 5, seed=3)
    columns = np.concatenate([b[0][0] for b in batches])
    assert sorted(columns.tolist()) == list(range(23))
    assert not np.array_equal(columns, np.arange(23))  # shuffled
    for X_b, Y_b in batches:
        np.testing.assert_array_equal(X_b[1], 10 * X_b[0])                 # the columns stayed whole
        np.testing.assert_array_equal(Y_b[0], X_b[0].astype(int) % 2)       # and kept their labels


def test_mini_batches_deterministic_by_seed():
    X, Y = numbered(30)
    a = dh.random_mini_batches(X, Y, 8, seed=7)
    b = dh.random_mini_batches(X, Y, 8, seed=7)
    c = dh.random_mini_batches(X, Y, 8, seed=8)
    assert all(np.array_equal(p[0], q[0]) for p, q in zip(a, b, strict=True))
    assert not all(np.array_equal(p[0], q[0]) for p, q in zip(a, c, strict=True))


def test_mini_batch_edge_sizes():
    X, Y = numbered(6)
    assert [b[0].shape[1] for b in dh.random_mini_batches(X, Y, 6, seed=0)] == [6]
    assert [b[0].shape[1] for b in dh.random_mini_batches(X, Y, 100, seed=0)] == [6]
    assert [b[0].shape[1] for b in dh.random_mini_batches(X, Y, 1, seed=0)] == [1] * 6
    assert [b[0].shape[1] for b in dh.random_mini_batches(X, Y, 5, seed=0)] == [5, 1]


def test_mini_batches_do_not_modify_inputs():
    X, Y = numbered(9)
    X0, Y0 = X.copy(), Y.copy()
    dh.random_mini_batches(X, Y, 4, seed=1)
    assert np.array_equal(X, X0) and np.array_equal(Y, Y0)


# --- decay schedules ------------------------------------------------------------------------------------------------

def test_inverse_time_decay():
    assert dh.inverse_time_decay(0.1, 0, 0.5) == 0.1
    assert dh.inverse_time_decay(0.1, 4, 0.5) == pytest.approx(0.1 / 3, rel=1e-15)   # 1 + 0.5 * 4 = 3
    assert dh.decayed_learning_rate(0.1, 4, "inverse_time", 0.5) == pytest.approx(0.1 / 3, rel=1e-15)


def test_exponential_decay_halves_every_ln2_over_rate_epochs():
    rate = math.log(2)
    assert dh.exponential_decay(0.1, 1, rate) == pytest.approx(0.05, rel=1e-12)
    assert dh.exponential_decay(0.1, 2, rate) == pytest.approx(0.025, rel=1e-12)
    assert dh.decayed_learning_rate(0.1, 3, "exponential", rate) == pytest.approx(0.0125, rel=1e-12)


def test_step_decay_is_constant_within_each_interval():
    rates = [dh.decayed_learning_rate(0.1, epoch, "step", 1.0, time_interval=10) for epoch in range(25)]
    assert rates[:10] == [0.1] * 10
    assert rates[10:20] == [pytest.approx(0.05)] * 10       # 0.1 / (1 + 1)
    assert rates[20] == pytest.approx(0.1 / 3)              # 0.1 / (1 + 2)


def test_no_decay_and_zero_rate_keep_the_learning_rate():
    assert dh.decayed_learning_rate(0.1, 50) == 0.1
    for decay in ("inverse_time", "exponential", "step"):
        assert dh.decayed_learning_rate(0.1, 50, decay, 0.0) == pytest.approx(0.1, rel=1e-15)


# --- the improvements in training (more in test_improved_model.py; moons: conftest's 160 points) ----------------

def test_bad_inputs_to_the_functions():
    parameters, grads = one_layer()
    with pytest.raises(ValueError, match=r"beta must be in \[0, 1\)"):
        dh.update_parameters_with_momentum(parameters, grads, dh.initialize_velocity(parameters), 1.0, 0.1)
    with pytest.raises(ValueError, match="learning_rate must be a positive number"):
        dh.update_parameters_with_rmsprop(parameters, grads, dh.initialize_rmsprop(parameters), 0.9, -0.1)
    with pytest.raises(ValueError, match=r"t, the step number, counts from 1 \(the first update is t = 1\); got 0"):
        dh.update_parameters_with_adam(parameters, grads, *dh.initialize_adam(parameters), 0)
    with pytest.raises(ValueError, match="grads is missing 'db1'"):
        dh.optimizer_update(parameters, {"dW1": grads["dW1"]}, {}, "gd", 0.1)
    with pytest.raises(ValueError, match="optimizer must be one of"):
        dh.initialize_optimizer(parameters, "Adam")
    with pytest.raises(ValueError, match="mini_batch_size must be at least 1"):
        dh.random_mini_batches(*numbered(5), 0)
    with pytest.raises(ValueError, match=r"Y has shape \(1, 4\), but it must be \(1, m\) = \(1, 5\)"):
        dh.random_mini_batches(numbered(5)[0], np.zeros((1, 4)), 2)
    with pytest.raises(ValueError, match="decay must be None or one of"):
        dh.decayed_learning_rate(0.1, 3, "cosine")


# --- each option on its own, against a hand-computed step (issue 9: tests that catch a wrong change) ----------------

def first_step(optimizer, **options):
    """improved_model for one epoch of one batch from known parameters, and the plain gradient at the start."""
    X = np.array([[1.0, -2.0, 0.5, 3.0], [0.5, 1.0, -1.0, 2.0]])
    Y = np.array([[1, 0, 0, 1]])
    start = {"W1": np.array([[0.2, -0.4], [0.6, 0.1]]), "b1": np.array([[0.1], [-0.2]]),
             "W2": np.array([[0.5, -0.3]]), "b2": np.array([[0.05]])}
    AL, caches = dh.L_model_forward(X, start)
    grads = dh.L_model_backward(AL, Y, caches)
    trained, costs = dh.improved_model(X, Y, [2, 2, 1], 0.1, 1, parameters=start, optimizer=optimizer, **options)
    return start, grads, trained, costs, dh.compute_cost(AL, Y)


def test_momentum_alone_takes_a_momentum_step_not_a_gd_step():
    # v = (1 - beta1) g = 0.1 g at the first step, so W moves by 0.1 * 0.1 g (plain gd would move by 0.1 g)
    start, grads, trained, costs, cost = first_step("momentum")
    for name in start:
        np.testing.assert_allclose(trained[name], start[name] - 0.1 * 0.1 * grads["d" + name], rtol=1e-12)
    assert costs == [pytest.approx(cost, rel=1e-12)]
    _, _, half, _, _ = first_step("momentum", beta1=0.5)   # beta1 is momentum's beta
    np.testing.assert_allclose(half["W1"], start["W1"] - 0.1 * 0.5 * grads["dW1"], rtol=1e-12)


def test_rmsprop_alone_takes_an_rmsprop_step():
    # s = (1 - beta2) g^2 = 0.001 g^2, so the step is 0.1 g / (sqrt(0.001) |g| + eps)
    start, grads, trained, _, _ = first_step("rmsprop")
    for name in start:
        g = grads["d" + name]
        np.testing.assert_allclose(trained[name], start[name] - 0.1 * g / (np.sqrt(0.001 * g * g) + 1e-8),
                                   rtol=1e-10)
    _, _, other, _, _ = first_step("rmsprop", beta2=0.5, epsilon=1e-3)   # beta2 and epsilon are used
    g = grads["dW1"]
    np.testing.assert_allclose(other["W1"], start["W1"] - 0.1 * g / (np.sqrt(0.5 * g * g) + 1e-3), rtol=1e-10)


def test_adam_alone_takes_an_adam_step():
    # t = 1: v_hat = g, s_hat = g^2, so the step is 0.1 g / (|g| + eps)
    start, grads, trained, _, _ = first_step("adam")
    for name in start:
        g = grads["d" + name]
        np.testing.assert_allclose(trained[name], start[name] - 0.1 * g / (np.abs(g) + 1e-8), rtol=1e-10,
                                   atol=1e-15)
    _, _, other, _, _ = first_step("adam", epsilon=0.01)
    g = grads["dW1"]
    np.testing.assert_allclose(other["W1"], start["W1"] - 0.1 * g / (np.abs(g) + 0.01), rtol=1e-10)


def test_gd_alone_takes_a_gd_step():
    start, grads, trained, _, _ = first_step("gd")
    for name in start:
        np.testing.assert_allclose(trained[name], start[name] - 0.1 * grads["d" + name], rtol=1e-12)


def test_optimizer_update_routes_each_name_to_its_own_update():
    parameters, grads = one_layer()
    g = grads["dW1"]
    expected = {"gd": parameters["W1"] - 0.1 * g,
                "momentum": parameters["W1"] - 0.1 * 0.1 * g,                   # v = (1 - 0.9) g
                "rmsprop": parameters["W1"] - 0.1 * g / (np.sqrt(0.001) * np.abs(g) + 1e-8),
                "adam": parameters["W1"] - 0.1 * np.sign(g) * np.abs(g) / (np.abs(g) + 1e-8)}
    for name, W in expected.items():
        new, state = dh.optimizer_update(parameters, grads, dh.initialize_optimizer(parameters, name), name, 0.1)
        np.testing.assert_allclose(new["W1"], W, rtol=1e-10, err_msg=name)
    _, state = dh.optimizer_update(parameters, grads, dh.initialize_optimizer(parameters, "momentum"), "momentum",
                                   0.1, beta1=0.5)
    np.testing.assert_allclose(state["v"]["dW1"], 0.5 * g, rtol=1e-12)
    _, state = dh.optimizer_update(parameters, grads, dh.initialize_optimizer(parameters, "rmsprop"), "rmsprop",
                                   0.1, beta2=0.5)
    np.testing.assert_allclose(state["s"]["dW1"], 0.5 * g * g, rtol=1e-12)


def test_beta_zero_is_valid_and_keeps_no_memory():
    parameters, grads = one_layer()
    # momentum with beta = 0: v = g, the plain gradient step
    new, v = dh.update_parameters_with_momentum(parameters, grads, dh.initialize_velocity(parameters), 0, 0.1)
    np.testing.assert_allclose(new["W1"], [[0.99, -1.98]], rtol=1e-12)
    np.testing.assert_allclose(v["db1"], [[0.3]], rtol=1e-12)
    # rmsprop with beta2 = 0: s = g^2, the step is 0.1 * sign(g) (up to epsilon)
    new, s = dh.update_parameters_with_rmsprop(parameters, grads, dh.initialize_rmsprop(parameters), 0.0, 0.1)
    np.testing.assert_allclose(s["dW1"], [[0.01, 0.04]], rtol=1e-12)
    np.testing.assert_allclose(new["W1"], [[0.9, -1.9]], rtol=1e-6)
    # adam with beta1 = beta2 = 0: no correction needed (1 - 0^t = 1)
    new, v, s = dh.update_parameters_with_adam(parameters, grads, *dh.initialize_adam(parameters), 3, 0.1, 0.0, 0.0)
    np.testing.assert_allclose(new["b1"], [[0.4]], rtol=1e-6)
    assert dh.bias_correction(0.25, 0.0, 1) == 0.25


def test_old_state_is_remembered():
    # momentum's second step with a zero gradient still moves: v = beta v
    parameters, grads = one_layer()
    v = {"dW1": np.array([[1.0, 2.0]]), "db1": np.array([[-1.0]])}
    zero = {k: np.zeros_like(g) for k, g in grads.items()}
    new, v1 = dh.update_parameters_with_momentum(parameters, zero, v, 0.5, 0.1)
    np.testing.assert_allclose(v1["dW1"], [[0.5, 1.0]], rtol=1e-12)
    np.testing.assert_allclose(new["W1"], [[0.95, -2.1]], rtol=1e-12)
    s = {"dW1": np.array([[4.0, 1.0]]), "db1": np.array([[1.0]])}
    new, s1 = dh.update_parameters_with_rmsprop(parameters, grads, s, 0.5, 1.0, epsilon=1e-12)
    # s1 = 0.5 s + 0.5 g^2 = [2.005, 0.52], [0.545]; W = W - g / sqrt(s1)
    np.testing.assert_allclose(s1["dW1"], [[2.005, 0.52]], rtol=1e-12)
    np.testing.assert_allclose(new["W1"], [[1 - 0.1 / np.sqrt(2.005), -2 + 0.2 / np.sqrt(0.52)]], rtol=1e-10)


def test_epsilon_matters_for_tiny_gradients():
    # g = 3e-8 is close to epsilon = 1e-8: the step is 0.1 * 3e-8 / (3e-8 + 1e-8) = 0.075 (and 0.15 with - epsilon)
    parameters = {"W1": np.array([[0.0]]), "b1": np.array([[0.0]])}
    grads = {"dW1": np.array([[3e-8]]), "db1": np.array([[-3e-8]])}
    new, _, _ = dh.update_parameters_with_adam(parameters, grads, *dh.initialize_adam(parameters), 1, 0.1)
    np.testing.assert_allclose(new["W1"], [[-0.075]], rtol=1e-9)
    np.testing.assert_allclose(new["b1"], [[0.075]], rtol=1e-9)
    # rmsprop with beta2 = 0.75: s = 0.25 g^2, sqrt(s) = 1.5e-8; step = 0.1 * 3e-8 / (1.5e-8 + 1e-8) = 0.12
    new, _ = dh.update_parameters_with_rmsprop(parameters, grads, dh.initialize_rmsprop(parameters), 0.75, 0.1)
    np.testing.assert_allclose(new["W1"], [[-0.12]], rtol=1e-9)


def test_adam_bias_correction_uses_t_for_both_averages():
    # t = 2, beta1 = 0.5, beta2 = 0.75, a state that is not zero: every term of the formula matters
    parameters = {"W1": np.array([[1.0]]), "b1": np.array([[0.0]])}
    grads = {"dW1": np.array([[2.0]]), "db1": np.array([[0.0]])}
    v = {"dW1": np.array([[1.0]]), "db1": np.array([[0.0]])}
    s = {"dW1": np.array([[4.0]]), "db1": np.array([[0.0]])}
    new, v1, s1 = dh.update_parameters_with_adam(parameters, grads, v, s, 2, 0.1, 0.5, 0.75, 1e-8)
    # v = 0.5 + 1 = 1.5; s = 3 + 1 = 4; v_hat = 1.5 / 0.75 = 2; s_hat = 4 / 0.4375; step = 0.1 * 2 / sqrt(s_hat)
    assert v1["dW1"][0, 0] == pytest.approx(1.5, rel=1e-15)
    assert s1["dW1"][0, 0] == pytest.approx(4.0, rel=1e-15)
    step = 0.1 * 2 / (math.sqrt(4 / 0.4375) + 1e-8)
    assert new["W1"][0, 0] == pytest.approx(1 - step, rel=1e-12)
    assert not new["b1"].any()


def test_bias_correction_by_hand_and_its_errors():
    assert dh.bias_correction(0.5, 0.5, 1) == pytest.approx(1.0, rel=1e-15)
    assert dh.bias_correction(0.75, 0.5, 2) == pytest.approx(1.0, rel=1e-15)
    assert dh.bias_correction(3.0, 0.5, 2) == pytest.approx(4.0, rel=1e-15)
    np.testing.assert_array_equal(dh.bias_correction([[1, 2]], 0.5, 1), [[2.0, 4.0]])   # a list: as an array
    with pytest.raises(ValueError, match=r"t, the step number, counts from 1"):
        dh.bias_correction(1.0, 0.9, 0)
    with pytest.raises(ValueError, match=r"beta must be in \[0, 1\)"):
        dh.bias_correction(1.0, 1.0, 1)
    with pytest.raises(TypeError, match=r"average must be a number; got 'x' \(str\)"):
        dh.bias_correction("x", 0.9, 1)


def test_optimizer_updates_refuse_a_transposed_gradient_or_state():
    parameters, grads = one_layer()
    flipped = dict(grads, dW1=grads["dW1"].T)
    with pytest.raises(ValueError, match=r"grads\['dW1'\] has shape \(2, 1\), but W1 has shape \(1, 2\)"):
        dh.update_parameters_with_momentum(parameters, flipped, dh.initialize_velocity(parameters), 0.9, 0.1)
    with pytest.raises(ValueError, match=r"grads\['dW1'\] has shape \(2, 1\), but W1 has shape \(1, 2\)"):
        dh.update_parameters_with_rmsprop(parameters, flipped, dh.initialize_rmsprop(parameters), 0.9, 0.1)
    with pytest.raises(ValueError, match=r"grads\['dW1'\] has shape \(2, 1\), but W1 has shape \(1, 2\)"):
        dh.update_parameters_with_adam(parameters, flipped, *dh.initialize_adam(parameters), 1)
    v, s = dh.initialize_adam(parameters)
    v["dW1"] = v["dW1"].T
    with pytest.raises(ValueError, match=r"v\['dW1'\] has shape \(2, 1\), but W1 has shape \(1, 2\)"):
        dh.update_parameters_with_adam(parameters, grads, v, s, 1)
    v, s = dh.initialize_adam(parameters)
    s["db1"] = np.zeros(1)
    with pytest.raises(ValueError, match=r"s\['db1'\] has shape \(1,\), but b1 has shape \(1, 1\)"):
        dh.update_parameters_with_adam(parameters, grads, v, s, 1)


@pytest.mark.parametrize("call, error, match", [
    (lambda p, g: dh.update_parameters_with_momentum(p, g, dh.initialize_velocity(p), 0.9, 0), ValueError,
     "learning_rate must be a positive number; got 0.0"),
    (lambda p, g: dh.update_parameters_with_momentum(p, g, dh.initialize_velocity(p), -0.1, 0.1), ValueError,
     r"beta must be in \[0, 1\)"),
    (lambda p, g: dh.update_parameters_with_rmsprop(p, g, dh.initialize_rmsprop(p), 1.0, 0.1), ValueError,
     r"beta2 must be in \[0, 1\)"),
    (lambda p, g: dh.update_parameters_with_rmsprop(p, g, dh.initialize_rmsprop(p), 0.9, 0.1, -1e-8), ValueError,
     "epsilon must be a positive number; got -1e-08"),
    (lambda p, g: dh.update_parameters_with_adam(p, g, *dh.initialize_adam(p), 1, 0.1, 1.0), ValueError,
     r"beta1 must be in \[0, 1\)"),
    (lambda p, g: dh.update_parameters_with_adam(p, g, *dh.initialize_adam(p), 1, 0.1, 0.9, -0.5), ValueError,
     r"beta2 must be in \[0, 1\)"),
    (lambda p, g: dh.update_parameters_with_adam(p, g, *dh.initialize_adam(p), 1, 0.1, epsilon=0), ValueError,
     "epsilon must be a positive number; got 0.0"),
    (lambda p, g: dh.update_parameters_with_adam(p, g, *dh.initialize_adam(p), 0), ValueError,
     r"t, the step number, counts from 1"),
    (lambda p, g: dh.update_parameters_with_adam(p, g, *dh.initialize_adam(p), 2.0), TypeError,
     r"t, the step number, must be a whole number"),
    (lambda p, g: dh.update_parameters_with_adam(p, g, *dh.initialize_adam(p), 1, -0.01), ValueError,
     "learning_rate must be a positive number"),
    (lambda p, g: dh.optimizer_update(p, g, {"v": dh.initialize_velocity(p), "s": dh.initialize_rmsprop(p), "t": -1},
                                      "adam", 0.1), ValueError, r"state\['t'\] must be at least 0; got -1"),
    (lambda p, g: dh.optimizer_update(p, g, None, "gd", 0.1), ValueError,
     r"state must be the dict that initialize_optimizer\(parameters, 'gd'\) returned \(with no keys\); got None"),
    (lambda p, g: dh.optimizer_update(p, g, {}, "rmsprop", 0.1), ValueError,
     r"state must be the dict that initialize_optimizer\(parameters, 'rmsprop'\) returned \(with 's'\); got \[\]"),
    (lambda p, g: dh.initialize_velocity({"W1": p["W1"]}), ValueError, r"parameters is missing 'b1'"),
    (lambda p, g: dh.initialize_rmsprop([]), TypeError, r"parameters must be a dict"),
    (lambda p, g: dh.initialize_adam({"W1": p["W1"], "b1": np.zeros((2, 1))}), ValueError,
     r"parameters\['b1'\] has shape \(2, 1\), but W1 is \(1, 2\)"),
    (lambda p, g: dh.initialize_optimizer({}, "gd"), ValueError, r"parameters is empty"),
])
def test_the_error_paths_of_the_optimizer_helpers(call, error, match):
    with pytest.raises(error, match=match):
        call(*one_layer())


def test_optimizer_states_start_at_zero_shaped_like_the_parameters():
    parameters = dh.initialize_parameters_deep([3, 2, 1], seed=0)
    states = (dh.initialize_velocity(parameters), dh.initialize_rmsprop(parameters), *dh.initialize_adam(parameters))
    for state in states:
        assert set(state) == {"dW1", "db1", "dW2", "db2"}
        assert all(state["d" + k].shape == parameters[k].shape and not state["d" + k].any() for k in parameters)
    v, s = dh.initialize_adam(parameters)
    assert v["dW1"] is not s["dW1"]


def test_decay_helpers_check_their_inputs():
    assert dh.step_decay(0.1, 9, 1.0, 10) == 0.1 and dh.step_decay(0.1, 10, 1.0, 10) == pytest.approx(0.05)
    with pytest.raises(ValueError, match="learning_rate0 must be a positive number; got 0.0"):
        dh.inverse_time_decay(0, 1, 0.5)
    with pytest.raises(ValueError, match="epoch must be at least 0; got -1"):
        dh.exponential_decay(0.1, -1, 0.5)
    with pytest.raises(ValueError, match=r"decay_rate must be 0 or more \(0 means no decay\); got -0.5"):
        dh.step_decay(0.1, 1, -0.5, 2)
    with pytest.raises(ValueError, match="time_interval must be at least 1; got 0"):
        dh.step_decay(0.1, 1, 0.5, 0)
    with pytest.raises(TypeError, match=r"epoch must be a whole number \(at least 0\); got 1.5"):
        dh.decayed_learning_rate(0.1, 1.5)
    with pytest.raises(ValueError, match=r"mini_batch_size must be at least 1; got 0"):
        from dnn_helpers.optimizers import check_mini_batch_size
        check_mini_batch_size(0)
    from dnn_helpers.optimizers import check_mini_batch_size
    assert check_mini_batch_size(None) is None and check_mini_batch_size(np.int64(8)) == 8


def test_decay_is_applied_per_epoch_in_training(moons):
    # two epochs, inverse-time decay with rate 1: the second step uses 0.1 / 2
    X, Y = moons
    start = dh.initialize_parameters_deep([2, 3, 1], seed=0, method="xavier")
    one, _ = dh.improved_model(X, Y, [2, 3, 1], 0.1, 1, parameters=start)
    AL, caches = dh.L_model_forward(X, one)
    g = dh.L_model_backward(AL, Y, caches)
    two, _ = dh.improved_model(X, Y, [2, 3, 1], 0.1, 2, parameters=start, decay="inverse_time", decay_rate=1.0)
    np.testing.assert_allclose(two["W1"], one["W1"] - 0.05 * g["dW1"], rtol=1e-10, atol=1e-15)


def test_print_cost_prints_the_last_epoch_that_is_not_a_multiple_of_100(moons, capsys):
    X, Y = moons
    _, costs = dh.improved_model(X, Y, [2, 3, 1], 0.1, 150, print_cost=True)
    lines = capsys.readouterr().out.splitlines()
    assert lines == [f"Cost after iteration {i}: {costs[i]:.4f}" for i in (0, 100, 149)]


def test_mini_batch_epoch_cost_is_the_size_weighted_mean(moons):
    # 160 examples in batches of 100 and 60: the epoch cost weighs each batch's cost by its size
    X, Y = moons
    start = dh.initialize_parameters_deep([2, 3, 1], seed=0, method="xavier")
    _, costs = dh.improved_model(X, Y, [2, 3, 1], 1e-12, 1, parameters=start, mini_batch_size=100, seed=0)
    AL, _ = dh.L_model_forward(X, start)
    assert costs[0] == pytest.approx(dh.compute_cost(AL, Y), rel=1e-9)   # a tiny step: the mean over all examples


def test_seed_none_and_a_generator_seed_in_improved_model(moons):
    X, Y = moons
    with pytest.raises(TypeError, match=r"seed must be a whole number >= 0 \(e.g. 0\) or a numpy Generator; got None"):
        dh.improved_model(X, Y, [2, 3, 1], 0.1, 2, seed=None)
    start = dh.initialize_parameters_deep([2, 3, 1], seed=0)
    with pytest.raises(TypeError, match=r"seed must be a whole number >= 0"):
        dh.improved_model(X, Y, [2, 3, 1], 0.1, 2, seed=None, parameters=start, mini_batch_size=32)
    a = dh.improved_model(X, Y, [2, 3, 1], 0.1, 3, parameters=start, mini_batch_size=32,
                          seed=np.random.default_rng(4))
    b = dh.improved_model(X, Y, [2, 3, 1], 0.1, 3, parameters=start, mini_batch_size=32,
                          seed=np.random.default_rng(4))
    assert a[1] == b[1]


def test_documented_defaults():
    X, Y = numbered(150)
    default = dh.random_mini_batches(X, Y)
    assert [b[0].shape[1] for b in default] == [64, 64, 22]                        # mini_batch_size=64
    np.testing.assert_array_equal(default[0][0], dh.random_mini_batches(X, Y, 64, seed=0)[0][0])   # seed=0
    parameters = {"W1": np.array([[0.0]]), "b1": np.array([[0.0]])}
    grads = {"dW1": np.array([[2.0]]), "db1": np.array([[0.0]])}
    new, _, _ = dh.update_parameters_with_adam(parameters, grads, *dh.initialize_adam(parameters), 1)
    assert new["W1"][0, 0] == pytest.approx(-0.01, rel=1e-6)                       # learning_rate=0.01
    assert dh.decayed_learning_rate(0.1, 4, "inverse_time") == pytest.approx(0.02)   # decay_rate=1.0
    assert dh.decayed_learning_rate(0.1, 4, "step", 0.5) == pytest.approx(0.1 / 3)   # time_interval=1
    assert dh.initialize_optimizer(parameters) == {}                                # optimizer="gd"


def test_mini_batches_with_a_1d_Y_say_how_to_fix_it():
    X, Y = numbered(5)
    with pytest.raises(ValueError, match=r"Y has shape \(5,\), but it must be \(1, m\) = \(1, 5\), or one-hot "
                                         r"\(K, m\) = \(K, 5\) for K classes: one label column per column of X; "
                                         r"use Y.reshape\(1, -1\)$"):
        dh.random_mini_batches(X, Y.ravel(), 2)
    with pytest.raises(ValueError, match=r"one label column per column of X$"):
        dh.random_mini_batches(X, np.zeros((2, 4)), 2)
    with pytest.raises(ValueError, match=r"one label column per column of X; it looks transposed: use Y.T$"):
        dh.random_mini_batches(X, np.zeros((5, 2)), 2)
    with pytest.raises(TypeError, match=r"seed must be a whole number >= 0"):
        dh.random_mini_batches(X, Y, 2, seed=None)


def test_a_wrong_state_names_the_function_that_starts_it():
    parameters, grads = one_layer()
    with pytest.raises(ValueError, match=r"v is missing 'dW1'; v \(start it with initialize_velocity\(parameters\)\)"):
        dh.update_parameters_with_momentum(parameters, grads, {}, 0.9, 0.1)
    with pytest.raises(ValueError, match=r"s is missing 'dW1'; s \(start it with initialize_rmsprop\(parameters\)\)"):
        dh.update_parameters_with_rmsprop(parameters, grads, {}, 0.9, 0.1)
    with pytest.raises(ValueError, match=r"v is missing 'dW1'; v \(start it with initialize_adam\(parameters\)\)"):
        dh.update_parameters_with_adam(parameters, grads, {}, dh.initialize_rmsprop(parameters), 1)
    with pytest.raises(ValueError, match=r"s is missing 'dW1'; s \(start it with initialize_adam\(parameters\)\)"):
        dh.update_parameters_with_adam(parameters, grads, dh.initialize_velocity(parameters), {}, 1)


def test_decayed_learning_rate_checks_the_starting_rate():
    with pytest.raises(ValueError, match=r"^learning_rate0 must be a positive number; got -0.1$"):
        dh.decayed_learning_rate(-0.1, 3)
    with pytest.raises(TypeError, match=r"^learning_rate0 must be a number > 0; got None"):
        dh.decayed_learning_rate(None, 3, "step")
    assert dh.decayed_learning_rate(np.float32(0.5), 0) == 0.5


def test_time_interval_is_checked_even_without_step_decay():
    with pytest.raises(ValueError, match=r"^time_interval must be at least 1; got 0$"):
        dh.decayed_learning_rate(0.1, 3, None, 1.0, 0)
    with pytest.raises(ValueError, match=r"^time_interval must be at least 1; got 0$"):
        dh.decayed_learning_rate(0.1, 3, "exponential", 1.0, 0)


def test_mini_batches_keep_integer_labels():
    X, Y = numbered(6)
    assert all(Y_b.dtype == Y.dtype for _, Y_b in dh.random_mini_batches(X, Y, 4, seed=0))
    X_b, _ = dh.random_mini_batches(X.astype(np.float32), Y, 4, seed=0)[0]
    assert X_b.dtype == np.float32


@pytest.mark.parametrize("update", ["momentum", "rmsprop", "adam"])
def test_a_huge_learning_rate_is_a_teaching_error_not_a_warning(update):
    """Issue 18: learning_rate = 1e308 overflows the new weights; the learner reads what went wrong instead of a
    RuntimeWarning and inf weights."""
    import warnings
    parameters = dh.initialize_parameters_deep([2, 3, 1], seed=1, method="xavier")
    grads = {"d" + name: np.full_like(value, 100.0) for name, value in parameters.items()}
    v, s = dh.initialize_adam(parameters)
    calls = {"momentum": lambda: dh.update_parameters_with_momentum(parameters, grads, v, 0.9, 1e308),
             "rmsprop": lambda: dh.update_parameters_with_rmsprop(parameters, grads, s, 0.9, 1e308),
             "adam": lambda: dh.update_parameters_with_adam(parameters, grads, v, s, 1, 1e308)}
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with pytest.raises(ValueError, match=r"the update overflowed: the new W1 holds inf or NaN \(learning_rate = "
                                             r"1e\+308\); learning_rate must be a small positive number"):
            calls[update]()
