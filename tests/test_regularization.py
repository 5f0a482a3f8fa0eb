"""L2 regularization and inverted dropout (notebook 13): values by hand, gradient checks, teaching errors."""

import numpy as np
import pytest

import dnn_helpers as dh
from conftest import random_network


def network(dims, seed=0, m=7):
    """Random He parameters with nonzero biases (no unit at a ReLU kink) and data: conftest's random_network."""
    return random_network(dims, seed, m, method="he", bias_scale=0.3)


ARCHITECTURES = [[3, 1], [4, 5, 1], [3, 6, 4, 1], [2, 5, 5, 3, 1]]


# --- L2 -------------------------------------------------------------------------------------------------------------

def test_l2_cost_by_hand():
    parameters = {"W1": np.array([[1.0, 2.0]]), "b1": np.array([[100.0]]),
                  "W2": np.array([[3.0]]), "b2": np.array([[-7.0]])}
    # (0.5 / (2 * 4)) * (1 + 4 + 9) = 0.875; the biases do not count
    assert dh.l2_regularization_cost(parameters, 0.5, 4) == pytest.approx(0.875, rel=1e-15)
    assert dh.l2_regularization_cost(parameters, 0.0, 4) == 0.0


def test_regularized_cost_adds_the_l2_term():
    parameters, X, Y = network([4, 5, 1])
    AL, _ = dh.L_model_forward(X, parameters)
    expected = dh.compute_cost(AL, Y) + 0.3 / (2 * 7) * (np.sum(parameters["W1"] ** 2) + np.sum(parameters["W2"] ** 2))
    assert dh.compute_cost_with_regularization(AL, Y, parameters, 0.3) == pytest.approx(expected, rel=1e-12)


def test_l2_gradients_by_hand_and_pure():
    parameters = {"W1": np.array([[1.0, -2.0]]), "b1": np.array([[3.0]])}
    grads = {"dW1": np.array([[0.5, 0.5]]), "db1": np.array([[0.25]]), "dA0": np.ones((2, 4))}
    new = dh.add_l2_gradients(grads, parameters, lambd=0.8, m=4)
    np.testing.assert_allclose(new["dW1"], [[0.5 + 0.2, 0.5 - 0.4]], rtol=1e-15)   # + (0.8 / 4) W
    assert new["db1"] is grads["db1"] and new["dA0"] is grads["dA0"]
    np.testing.assert_array_equal(grads["dW1"], [[0.5, 0.5]])


@pytest.mark.parametrize("dims", ARCHITECTURES)
@pytest.mark.parametrize("lambd", [0.1, 2.0])
def test_l2_gradient_check(dims, lambd):
    parameters, X, Y = network(dims, seed=len(dims))
    AL, caches = dh.L_model_forward(X, parameters)
    grads = dh.L_model_backward_with_regularization(AL, Y, caches, lambd)

    def cost(p):
        return dh.compute_cost_with_regularization(dh.L_model_forward(X, p)[0], Y, p, lambd)
    assert dh.gradient_check(parameters, grads, X, Y, cost_function=cost) < 1e-7


def test_l2_with_lambd_zero_is_plain_backward():
    parameters, X, Y = network([3, 4, 1])
    AL, caches = dh.L_model_forward(X, parameters)
    plain = dh.L_model_backward(AL, Y, caches)
    l2 = dh.L_model_backward_with_regularization(AL, Y, caches, 0.0)
    assert all(np.array_equal(plain[k], l2[k]) for k in plain)


# --- dropout --------------------------------------------------------------------------------------------------------

def test_dropout_backward_by_hand():
    dA = np.array([[1.0, 2.0], [3.0, 4.0]])
    D = np.array([[True, False], [False, True]])
    np.testing.assert_array_equal(dh.dropout_backward(dA, D, 0.5), [[2.0, 0.0], [0.0, 8.0]])


def test_dropout_forward_masks_and_scales():
    A = np.full((50, 400), 3.0)
    A_drop, D = dh.dropout_forward(A, 0.8, seed=0)
    assert D.dtype == bool and D.shape == A.shape
    assert abs(D.mean() - 0.8) < 0.01                      # about keep_prob of the units are kept
    np.testing.assert_allclose(A_drop[D], 3.0 / 0.8)       # kept ones scaled by 1 / keep_prob
    assert not A_drop[~D].any()                            # dropped ones are 0
    assert abs(A_drop.mean() - 3.0) < 0.05                 # so the mean is about unchanged ("inverted" dropout)
    assert np.array_equal(A, np.full((50, 400), 3.0))      # input untouched


def test_dropout_forward_by_seed_and_generator():
    A = np.ones((4, 6))
    assert np.array_equal(dh.dropout_forward(A, 0.5, seed=3)[1], dh.dropout_forward(A, 0.5, seed=3)[1])
    rng = np.random.default_rng(3)
    first, second = dh.dropout_forward(A, 0.5, rng)[1], dh.dropout_forward(A, 0.5, rng)[1]
    assert np.array_equal(first, dh.dropout_forward(A, 0.5, seed=3)[1]) and not np.array_equal(first, second)


def test_keep_prob_one_keeps_everything():
    parameters, X, _ = network([3, 6, 4, 1])
    A_drop, D = dh.dropout_forward(X, 1.0, seed=0)
    assert D.all() and np.array_equal(A_drop, X)
    AL, caches = dh.L_model_forward_with_dropout(X, parameters, keep_prob=1.0, seed=0)
    np.testing.assert_allclose(AL, dh.L_model_forward(X, parameters)[0], rtol=1e-15)


def test_dropout_caches_keep_the_masks():
    parameters, X, _ = network([3, 6, 4, 1], m=5)
    AL, caches = dh.L_model_forward_with_dropout(X, parameters, keep_prob=0.6, seed=1)
    assert AL.shape == (1, 5) and len(caches) == 3
    assert [c[2].shape for c in caches[:-1]] == [(6, 5), (4, 5)]
    assert caches[-1][2] is None                                  # the output layer is never dropped
    linear_cache_2 = caches[1][0]
    A1 = np.maximum(caches[0][1], 0)                              # relu(Z1)
    np.testing.assert_allclose(linear_cache_2[0], A1 * caches[0][2] / 0.6)   # layer 2 saw the dropped A1


def test_dropout_is_deterministic_by_seed():
    parameters, X, _ = network([3, 6, 4, 1])
    a = dh.L_model_forward_with_dropout(X, parameters, 0.5, seed=2)[0]
    b = dh.L_model_forward_with_dropout(X, parameters, 0.5, seed=2)[0]
    c = dh.L_model_forward_with_dropout(X, parameters, 0.5, seed=9)[0]
    assert np.array_equal(a, b) and not np.array_equal(a, c)


@pytest.mark.parametrize("dims", ARCHITECTURES)
@pytest.mark.parametrize("hidden_activation", ["relu", "tanh"])
def test_dropout_gradient_check_with_a_fixed_mask(dims, hidden_activation):
    parameters, X, Y = network(dims, seed=len(dims))
    keep_prob, seed = 0.7, 5   # the same seed every call: the same masks, so the cost is a function of parameters

    def cost(p):
        return dh.compute_cost(dh.L_model_forward_with_dropout(X, p, keep_prob, seed, hidden_activation)[0], Y)
    AL, caches = dh.L_model_forward_with_dropout(X, parameters, keep_prob, seed, hidden_activation)
    grads = dh.L_model_backward_with_dropout(AL, Y, caches, keep_prob, hidden_activation)
    assert dh.gradient_check(parameters, grads, X, Y, cost_function=cost) < 1e-7


def test_dropout_backward_with_keep_prob_one_is_plain_backward():
    parameters, X, Y = network([3, 6, 4, 1])
    AL, caches = dh.L_model_forward_with_dropout(X, parameters, 1.0, seed=0)
    grads = dh.L_model_backward_with_dropout(AL, Y, caches, 1.0)
    AL2, caches2 = dh.L_model_forward(X, parameters)
    plain = dh.L_model_backward(AL2, Y, caches2)
    assert set(grads) == set(plain)
    for k in plain:
        np.testing.assert_allclose(grads[k], plain[k], rtol=1e-12, atol=1e-15)


def test_dropout_in_training_matches_the_step_functions():
    """One epoch of L_layer_model(keep_prob=...) is one step with the dropout forward and backward."""
    X, Y = dh.make_moons(40, noise=0.2, seed=0)
    dims = [2, 5, 3, 1]
    seen = []
    dh.improved_model(X, Y, dims, 0.1, 1, seed=4, keep_prob=0.5, callback=lambda i, p, g, c: seen.append((g, c)))
    grads, cost = seen[0]
    parameters = dh.initialize_parameters_deep(dims, seed=4, method="xavier")
    _, dropout_seed = np.random.SeedSequence(4).spawn(2)   # the loop's dropout stream (see improved_model)
    AL, caches = dh.L_model_forward_with_dropout(X, parameters, 0.5, np.random.default_rng(dropout_seed))
    expected = dh.L_model_backward_with_dropout(AL, Y, caches, 0.5)
    assert cost == pytest.approx(dh.compute_cost(AL, Y), rel=1e-12)
    for k in ("dW1", "db1", "dW2", "db2", "dW3", "db3"):
        np.testing.assert_allclose(grads[k], expected[k], rtol=1e-10, atol=1e-14)


# --- teaching errors ------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("keep_prob", [0, 0.0, -0.2, 1.01, 2])
def test_bad_keep_prob(keep_prob):
    parameters, X, _ = network([3, 4, 1])
    with pytest.raises(ValueError, match=r"keep_prob, the probability of keeping a hidden unit, must be in \(0, 1\]"):
        dh.L_model_forward_with_dropout(X, parameters, keep_prob)
    with pytest.raises(ValueError, match=r"must be in \(0, 1\]"):
        dh.dropout_forward(X, keep_prob)


def test_bad_keep_prob_type():
    with pytest.raises(TypeError, match=r"keep_prob must be a number in \(0, 1\]; got '0.5' \(str\)"):
        dh.dropout_forward(np.ones((2, 2)), "0.5")


def test_negative_lambd():
    parameters, X, Y = network([3, 4, 1])
    AL, caches = dh.L_model_forward(X, parameters)
    with pytest.raises(ValueError, match=r"lambd, the L2 regularization strength, must be 0 or more.*got -1"):
        dh.L_model_backward_with_regularization(AL, Y, caches, -1)
    with pytest.raises(ValueError, match="must be 0 or more"):
        dh.compute_cost_with_regularization(AL, Y, parameters, -0.5)
    with pytest.raises(ValueError, match="must be 0 or more"):
        dh.l2_regularization_cost(parameters, float("nan"), 7)


def test_mask_of_the_wrong_shape():
    with pytest.raises(ValueError, match=r"the mask D has shape \(2, 3\) but dA has shape \(3, 2\)"):
        dh.dropout_backward(np.ones((3, 2)), np.ones((2, 3), bool), 0.5)


def test_relative_differences_point_to_the_parameter():
    parameters, X, Y = network([3, 4, 1])
    AL, caches = dh.L_model_forward(X, parameters)
    grads = dh.L_model_backward(AL, Y, caches)
    grads["db2"] = grads["db2"] * 7    # a planted bug in one place
    approx = dh.numerical_gradients(lambda p: dh.compute_cost(dh.L_model_forward(X, p)[0], Y), parameters)
    differences = dh.relative_differences(grads, approx)
    assert list(differences) == ["W1", "b1", "W2", "b2"]
    assert max(differences, key=differences.get) == "b2" and differences["b2"] > 0.5
    assert all(differences[k] < 1e-7 for k in ("W1", "b1", "W2"))


def test_mini_batch_l2_uses_the_whole_training_set_size():
    from dnn_helpers.training import package_steps
    rng = np.random.default_rng(0)
    X, Y = rng.standard_normal((3, 8)), rng.integers(0, 2, (1, 8))
    params = dh.initialize_parameters_deep([3, 4, 1], seed=1, method="xavier")
    steps = package_steps("relu", m=100, lambd=0.7)
    AL, caches = steps.forward(X, params)
    cost, grads = steps.cost(AL, Y, caches, params), steps.backward(AL, Y, caches, params)
    AL, caches = dh.L_model_forward(X, params)
    plain = dh.model_gradients(AL, Y, caches)
    squares = sum(np.sum(params[f"W{l}"] ** 2) for l in (1, 2))
    assert cost == pytest.approx(dh.compute_cost(AL, Y) + 0.7 / (2 * 100) * squares, rel=1e-12)
    np.testing.assert_allclose(grads["dW1"], plain["dW1"] + 0.7 / 100 * params["W1"], rtol=1e-12)


def test_one_mini_batch_of_everything_equals_batch_training_with_l2():
    X, Y = dh.make_moons(64, noise=0.2, seed=2)
    full, full_costs = dh.improved_model(X, Y, [2, 5, 1], 0.3, 30, lambd=0.5)
    batched, batched_costs = dh.improved_model(X, Y, [2, 5, 1], 0.3, 30, lambd=0.5, mini_batch_size=64)
    np.testing.assert_allclose(batched_costs, full_costs, rtol=1e-10)
    np.testing.assert_allclose(batched["W1"], full["W1"], rtol=1e-9, atol=1e-12)


# --- error paths called on their own, and values by hand (issue 9: tests that catch a wrong change) ---------------

def test_dropout_backward_by_hand_with_a_mask_of_ones_and_zeros():
    dA = np.array([[1.0, 2.0], [3.0, 4.0]])
    out = dh.dropout_backward(dA, np.array([[1, 0], [0, 1]]), 0.8)
    np.testing.assert_allclose(out, [[1.25, 0.0], [0.0, 5.0]], rtol=1e-15)
    np.testing.assert_allclose(dh.dropout_backward(dA, np.ones((2, 2), bool), 1), dA, rtol=0)


@pytest.mark.parametrize("keep_prob", [1.5, 0, -1, float("nan")])
def test_dropout_backward_refuses_keep_prob_outside_0_1(keep_prob):
    with pytest.raises(ValueError, match=r"keep_prob, the probability of keeping a hidden unit, must be in \(0, 1\]"):
        dh.dropout_backward(np.ones((2, 2)), np.ones((2, 2), bool), keep_prob)


def test_dropout_forward_by_hand_with_a_known_generator():
    A = np.array([[1.0, 2.0, 3.0, 4.0]])
    draws = np.random.default_rng(11).random((1, 4))
    out, D = dh.dropout_forward(A, 0.5, seed=11)
    np.testing.assert_array_equal(D, draws < 0.5)
    np.testing.assert_allclose(out, A * (draws < 0.5) / 0.5, rtol=1e-15)
    assert D.dtype == bool


def test_dropout_caches_must_have_masks_on_hidden_layers_only():
    parameters, X, Y = network([3, 4, 1])
    AL, caches = dh.L_model_forward_with_dropout(X, parameters, 0.5, seed=0)
    (lin1, Z1, D1), (lin2, Z2, D2) = caches
    with pytest.raises(ValueError, match=r"caches\[0\] has no dropout mask, but L_model_forward_with_dropout masks "
                                         r"every hidden layer and never the output layer"):
        dh.L_model_backward_with_dropout(AL, Y, [(lin1, Z1, None), (lin2, Z2, D2)], 0.5)
    with pytest.raises(ValueError, match=r"caches\[1\] has a dropout mask"):
        dh.L_model_backward_with_dropout(AL, Y, [(lin1, Z1, D1), (lin2, Z2, np.ones_like(Z2, bool))], 0.5)
    with pytest.raises(ValueError, match=r"AL has shape \(1, 3\), but the last cache's Z has shape \(1, 7\)"):
        dh.L_model_backward_with_dropout(AL[:, :3], Y[:, :3], caches, 0.5)
    with pytest.raises(ValueError, match=r"keep_prob, the probability of keeping a hidden unit, must be in \(0, 1\]"):
        dh.L_model_backward_with_dropout(AL, Y, caches, 1.5)
    with pytest.raises(ValueError, match=r"hidden_activation must be one of"):
        dh.L_model_backward_with_dropout(AL, Y, caches, 0.5, "elu")


def test_dropout_backward_of_the_model_by_hand_for_one_hidden_unit():
    # X (1, 2), one hidden ReLU unit with its mask [1, 0], keep_prob 0.5, a sigmoid output
    parameters = {"W1": np.array([[2.0]]), "b1": np.array([[0.0]]), "W2": np.array([[1.0]]), "b2": np.array([[0.0]])}
    X, Y = np.array([[1.0, 3.0]]), np.array([[1, 0]])
    A1 = np.array([[2.0, 6.0]])
    D1 = np.array([[True, False]])
    A1_dropped = A1 * D1 / 0.5                                # [[4, 0]]
    AL = 1 / (1 + np.exp(-A1_dropped))                        # sigmoid([4, 0])
    caches = [((X, parameters["W1"], parameters["b1"]), A1, D1),
              ((A1_dropped, parameters["W2"], parameters["b2"]), A1_dropped, None)]
    grads = dh.L_model_backward_with_dropout(AL, Y, caches, 0.5)
    dZ2 = AL - Y                                              # the sigmoid and the cross-entropy together
    np.testing.assert_allclose(grads["dW2"], dZ2 @ A1_dropped.T / 2, rtol=1e-12)
    np.testing.assert_allclose(grads["db2"], dZ2.sum(axis=1, keepdims=True) / 2, rtol=1e-12)
    dA1 = parameters["W2"].T @ dZ2 * D1 / 0.5                 # through the mask, scaled
    dZ1 = dA1 * (A1 > 0)
    np.testing.assert_allclose(grads["dW1"], dZ1 @ X.T / 2, rtol=1e-12)
    np.testing.assert_allclose(grads["dA0"], parameters["W1"].T @ dZ1, rtol=1e-12)


def test_l2_helpers_by_hand_with_m_and_lambd_that_are_not_1():
    parameters = {"W1": np.array([[1.0, 2.0]]), "b1": np.array([[5.0]]), "W2": np.array([[3.0]]),
                  "b2": np.array([[7.0]])}
    # (lambd / 2m) (1 + 4 + 9) = (0.6 / 8) 14 = 1.05; biases not included
    assert dh.l2_regularization_cost(parameters, 0.6, 4) == pytest.approx(1.05, rel=1e-14)
    grads = {"dW1": np.array([[0.5, 0.5]]), "db1": np.array([[1.0]]), "dW2": np.array([[0.0]]),
             "db2": np.array([[2.0]]), "dA0": np.array([[9.0]])}
    new = dh.add_l2_gradients(grads, parameters, 0.6, 4)
    np.testing.assert_allclose(new["dW1"], [[0.5 + 0.15, 0.5 + 0.3]], rtol=1e-14)   # + (0.6 / 4) W
    np.testing.assert_allclose(new["dW2"], [[0.45]], rtol=1e-14)
    assert new["db1"] is grads["db1"] or np.array_equal(new["db1"], grads["db1"])
    np.testing.assert_array_equal(new["db2"], [[2.0]])
    np.testing.assert_array_equal(new["dA0"], [[9.0]])
    np.testing.assert_array_equal(grads["dW1"], [[0.5, 0.5]])                      # input untouched


def test_l2_helpers_refuse_bad_inputs():
    parameters, X, Y = network([3, 4, 1])
    AL, caches = dh.L_model_forward(X, parameters)
    grads = dh.L_model_backward(AL, Y, caches)
    with pytest.raises(ValueError, match=r"m, the number of training examples, must be at least 1; got 0"):
        dh.add_l2_gradients(grads, parameters, 0.1, 0)
    with pytest.raises(TypeError, match=r"m, the number of training examples, must be a whole number"):
        dh.l2_regularization_cost(parameters, 0.1, 7.0)
    del grads["dW2"]
    with pytest.raises(ValueError, match=r"grads is missing 'dW2'"):
        dh.add_l2_gradients(grads, parameters, 0.1, 7)
    with pytest.raises(TypeError, match=r"lambd must be a number >= 0; got None"):
        dh.l2_regularization_cost(parameters, None, 7)
    with pytest.raises(ValueError, match=r"caches is empty"):
        dh.L_model_backward_with_regularization(AL, Y, [], 0.1)
    with pytest.raises(ValueError, match=r"lambd, the L2 regularization strength, must be 0 or more"):
        dh.L_model_backward_with_regularization(AL, Y, caches, float("-inf"))


def test_regularized_backward_adds_lambd_over_m_times_W():
    parameters, X, Y = network([3, 4, 1])
    AL, caches = dh.L_model_forward(X, parameters)
    plain = dh.L_model_backward(AL, Y, caches)
    grads = dh.L_model_backward_with_regularization(AL, Y, caches, 0.7)
    for l in (1, 2):
        np.testing.assert_allclose(grads[f"dW{l}"], plain[f"dW{l}"] + 0.7 / 7 * parameters[f"W{l}"], rtol=1e-12)
        np.testing.assert_array_equal(grads[f"db{l}"], plain[f"db{l}"])
    cost = dh.compute_cost_with_regularization(AL, Y, parameters, 0.7)
    squares = sum(float(np.sum(parameters[f"W{l}"] ** 2)) for l in (1, 2))
    assert cost == pytest.approx(dh.compute_cost(AL, Y) + 0.7 / 14 * squares, rel=1e-12)


def test_documented_defaults():
    parameters, X, _ = network([3, 4, 1])
    np.testing.assert_array_equal(dh.dropout_forward(X, 0.5)[1], dh.dropout_forward(X, 0.5, seed=0)[1])
    AL, caches = dh.L_model_forward_with_dropout(X, parameters)
    AL2, caches2 = dh.L_model_forward_with_dropout(X, parameters, 0.5, 0, "relu")
    np.testing.assert_array_equal(AL, AL2)
    np.testing.assert_array_equal(caches[0][2], caches2[0][2])
    assert 0.2 < caches[0][2].mean() < 0.8


def test_forward_with_dropout_names_a_bad_activation():
    parameters, X, _ = network([3, 4, 1])
    with pytest.raises(ValueError, match=r"^hidden_activation must be one of 'relu', 'sigmoid', 'tanh'"):
        dh.L_model_forward_with_dropout(X, parameters, 0.5, 0, "elu")


def test_dropout_backward_on_three_layers_with_keep_prob_one_is_plain_backprop():
    """Three layers (two hidden, both masked): with keep_prob = 1 every mask is 1 and the gradients are
    L_model_backward's, layer by layer."""
    X, Y = dh.make_moons(30, noise=0.1, seed=2)
    parameters = dh.initialize_parameters_deep([2, 5, 4, 1], seed=6, method="xavier")
    AL, caches = dh.L_model_forward_with_dropout(X, parameters, keep_prob=1.0, seed=0)
    assert [cache[2] is None for cache in caches] == [False, False, True]
    grads = dh.L_model_backward_with_dropout(AL, Y, caches, keep_prob=1.0)
    reference = dh.L_model_backward(*dh.L_model_forward(X, parameters)[:1], Y, dh.L_model_forward(X, parameters)[1])
    for key in ("dW1", "db1", "dW2", "db2", "dW3", "db3"):
        np.testing.assert_allclose(grads[key], reference[key], rtol=1e-12, atol=1e-15)
