"""Behaviour of dnn_helpers.regularization that one-token mutants changed without a test noticing (tools/mutate.py).

Dropout with keep_prob = 1 is the plain network, forward and backward, bit for bit, for a sigmoid and a softmax
output; dropout's backward pass of a softmax output agrees with finite differences of the cost under the same mask;
and a unit is kept exactly when its uniform draw lies below keep_prob.
"""

import numpy as np
import pytest

import dnn_helpers as dh


def network(dims, seed=0):
    rng = np.random.default_rng(seed + 100)
    parameters = dh.initialize_parameters_deep(list(dims), seed=seed, method="xavier")
    for l in range(1, len(dims)):
        parameters[f"b{l}"] = rng.normal(0, 0.5, (dims[l], 1))
    return parameters


def data(n_x, m, K, seed=0):
    rng = np.random.default_rng(seed)
    X = rng.standard_normal((n_x, m))
    labels = rng.integers(0, max(K, 2), m)
    return X, (labels.reshape(1, m) if K == 1 else dh.one_hot(labels, K))


@pytest.mark.parametrize("dims", [(3, 4, 1), (3, 4, 5, 3), (3, 5, 2)])
def test_keep_prob_one_is_the_plain_network(dims):
    parameters = network(dims)
    X, Y = data(dims[0], 6, dims[-1])
    AL, caches = dh.L_model_forward(X, parameters)
    AL_d, caches_d = dh.L_model_forward_with_dropout(X, parameters, keep_prob=1.0, seed=4)
    np.testing.assert_array_equal(AL_d, AL)
    grads = dh.L_model_backward(AL, Y, caches)
    grads_d = dh.L_model_backward_with_dropout(AL_d, Y, caches_d, keep_prob=1.0)
    for l in range(1, len(dims)):
        np.testing.assert_allclose(grads_d[f"dW{l}"], grads[f"dW{l}"], rtol=1e-12, atol=1e-15)
        np.testing.assert_allclose(grads_d[f"db{l}"], grads[f"db{l}"], rtol=1e-12, atol=1e-15)


def test_keep_prob_one_with_a_saturated_sigmoid_output():
    parameters = network((2, 3, 1))
    parameters["W2"] = np.array([[30.0, 30.0, 30.0]])
    parameters["b2"] = np.array([[10.0]])
    X = np.array([[1.0, 2.0, -1.0], [0.5, 1.0, 2.0]])
    Y = np.array([[0, 1, 0]])
    AL, caches = dh.L_model_forward(X, parameters)
    AL_d, caches_d = dh.L_model_forward_with_dropout(X, parameters, keep_prob=1.0, seed=0)
    grads = dh.L_model_backward(AL, Y, caches)
    grads_d = dh.L_model_backward_with_dropout(AL_d, Y, caches_d, keep_prob=1.0)
    for key in ("dW2", "db2", "dW1", "db1"):
        np.testing.assert_array_equal(grads_d[key], grads[key])


@pytest.mark.parametrize("dims, keep_prob", [((3, 4, 1), 0.7), ((3, 5, 3), 0.6), ((3, 4, 4, 2), 0.8)])
def test_dropout_backward_matches_finite_differences_under_the_same_mask(dims, keep_prob):
    parameters = network(dims, seed=1)
    X, Y = data(dims[0], 7, dims[-1], seed=2)
    output = "compute_cost" if dims[-1] == 1 else "categorical_cost"

    def cost(p):
        return getattr(dh, output)(dh.L_model_forward_with_dropout(X, p, keep_prob, seed=5)[0], Y)

    AL, caches = dh.L_model_forward_with_dropout(X, parameters, keep_prob, seed=5)
    masks = [cache[2] for cache in caches[:-1]]
    assert all(mask.dtype == bool for mask in masks) and not all(mask.all() for mask in masks)
    grads = dh.L_model_backward_with_dropout(AL, Y, caches, keep_prob)
    approx = dh.numerical_gradients(cost, parameters)
    _, layout = dh.parameters_to_vector(parameters)
    difference = dh.relative_difference(dh.grads_to_vector(grads, layout), dh.grads_to_vector(approx, layout))
    assert difference < 1e-7


def test_a_unit_is_kept_when_its_draw_is_below_keep_prob():
    draws = np.random.default_rng(7).random((2, 3))
    A = np.arange(1.0, 7.0).reshape(2, 3)
    # keep_prob equal to one of the draws: that unit is dropped (draw < keep_prob is false), smaller draws are kept
    keep_prob = float(draws[0, 1])
    A_out, D = dh.dropout_forward(A, keep_prob, seed=7)
    np.testing.assert_array_equal(D, draws < keep_prob)
    assert not D[0, 1]
    np.testing.assert_allclose(A_out, np.where(draws < keep_prob, A / keep_prob, 0.0))


def test_l2_backward_names_the_last_cache_of_a_softmax_network():
    parameters = network((3, 4, 3))
    X, Y = data(3, 6, 3)
    AL, caches = dh.L_model_forward(X, parameters)
    bad = [caches[0], (caches[1][0], caches[1][1][:2])]
    with pytest.raises(ValueError, match=r"caches\[1\]"):
        dh.L_model_backward_with_regularization(AL, Y, bad, 0.1)


def test_dropout_backward_names_the_bad_cache():
    parameters = network((3, 4, 5, 1))
    X, Y = data(3, 6, 1)
    AL, caches = dh.L_model_forward_with_dropout(X, parameters, 0.8, seed=0)
    linear_cache, Z, D = caches[0]
    with pytest.raises(ValueError, match=r"caches\[0\]"):
        dh.L_model_backward_with_dropout(AL, Y, [(linear_cache, Z[:2], D), *caches[1:]], 0.8)


def test_dropout_backward_names_the_shape_of_the_last_z():
    parameters = network((3, 4, 5, 1))
    X, Y = data(3, 6, 1)
    AL, caches = dh.L_model_forward_with_dropout(X, parameters, 0.8, seed=0)
    with pytest.raises(ValueError, match=r"AL has shape \(1, 4\), but the last cache's Z has shape \(1, 6\)"):
        dh.L_model_backward_with_dropout(AL[:, :4], Y[:, :4], caches, 0.8)


def test_the_l2_cost_of_notebook_13_refuses_a_softmax_output():
    parameters = network((3, 4, 3))
    X, Y = data(3, 6, 3)
    AL, _ = dh.L_model_forward(X, parameters)
    with pytest.raises(ValueError, match=r"AL has shape \(3, 6\).*add l2_regularization_cost"):
        dh.compute_cost_with_regularization(AL, Y, parameters, 0.1)


def float32_network(dims=(3, 4, 1)):
    return {key: value.astype(np.float32) for key, value in network(dims).items()}


def test_l2_results_are_python_floats_and_keep_float32():
    parameters = float32_network()
    cost = dh.l2_regularization_cost(parameters, np.float64(0.1), np.int64(6))
    assert type(cost) is float
    W = [parameters["W1"].astype(np.float64), parameters["W2"].astype(np.float64)]
    assert cost == pytest.approx(0.1 / 12 * sum(float(np.sum(w * w)) for w in W), rel=1e-6)
    X, Y = data(3, 6, 1)
    AL, _ = dh.L_model_forward(X, network((3, 4, 1)))
    total = dh.compute_cost_with_regularization(AL, Y, network((3, 4, 1)), np.float64(0.1))
    assert type(total) is float
    grads = {f"d{key}": np.ones(value.shape) for key, value in parameters.items()}    # float64 grads
    new = dh.add_l2_gradients(dict(grads, dA0=np.zeros((3, 6))), parameters, np.float64(0.3), np.int64(6))
    for l in (1, 2):
        assert new[f"dW{l}"].dtype == np.float32
        np.testing.assert_allclose(new[f"dW{l}"], 1 + 0.05 * parameters[f"W{l}"], rtol=1e-6)
    np.testing.assert_array_equal(new["dA0"], np.zeros((3, 6)))


def test_add_l2_gradients_takes_lists():
    parameters = network((3, 4, 1))
    grads = {f"d{key}": np.ones(value.shape) for key, value in parameters.items()}
    listed = {key: value.tolist() for key, value in parameters.items()}
    new = dh.add_l2_gradients(grads, listed, 0.3, 6)
    for l in (1, 2):
        np.testing.assert_allclose(new[f"dW{l}"], 1 + 0.05 * parameters[f"W{l}"], rtol=1e-12)


def test_dropout_keeps_float32_with_a_numpy_keep_prob():
    A = np.ones((3, 4), dtype=np.float32)
    A_out, D = dh.dropout_forward(A, np.float64(0.8), seed=1)
    assert A_out.dtype == np.float32
    dA = dh.dropout_backward(np.ones((3, 4), dtype=np.float32), D, np.float64(0.8))
    assert dA.dtype == np.float32
    np.testing.assert_allclose(dA, D / 0.8, rtol=1e-6)


def test_dropout_forward_runs_the_recorded_activation():
    plain = network((3, 4, 1))
    parameters = dh.Parameters(plain, "tanh")
    X, _ = data(3, 6, 1)
    AL, _ = dh.L_model_forward_with_dropout(X, parameters, keep_prob=1.0, seed=0)
    np.testing.assert_array_equal(AL, dh.L_model_forward(X, parameters)[0])
    assert not np.allclose(AL, dh.L_model_forward(X, plain)[0])


def test_dropout_forward_takes_parameters_as_lists():
    parameters = network((3, 4, 1))
    listed = {key: value.tolist() for key, value in parameters.items()}
    X, _ = data(3, 6, 1)
    AL, _ = dh.L_model_forward_with_dropout(X, listed, keep_prob=0.7, seed=2)
    np.testing.assert_array_equal(AL, dh.L_model_forward_with_dropout(X, parameters, keep_prob=0.7, seed=2)[0])
