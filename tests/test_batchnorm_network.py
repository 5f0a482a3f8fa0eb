"""The batch-normalized L-layer network (notebook 16): shapes, gradients against finite differences, the update of
gamma and beta, running averages, the batch of one, the stacked trainer against single runs, and teaching errors."""

import numpy as np
import pytest

import dnn_helpers as dh
from dnn_helpers import batchnorm_network as bn


def data(m=8, n_x=3, seed=4):
    rng = np.random.default_rng(seed)
    X = rng.normal(0, 1.5, (n_x, m))
    Y = (rng.uniform(size=(1, m)) < 0.5).astype(np.int64)
    Y[0, :2] = [0, 1]
    return X, Y


def moved(parameters, seed=0, spread=0.3):
    """gamma, beta and b away from 1, 0 and 0, so that a mistake cannot hide behind them (and no ReLU input is 0)."""
    rng = np.random.default_rng(seed)
    return {name: value + rng.normal(0, spread, value.shape) for name, value in parameters.items()}


# --- parameters and shapes ------------------------------------------------------------------------------------------

def test_initialize_shapes_and_scale():
    p = dh.initialize_bn_network([4, 5, 3, 1], seed=1)
    assert {name: value.shape for name, value in p.items()} == {
        "W1": (5, 4), "gamma1": (5, 1), "beta1": (5, 1), "W2": (3, 5), "gamma2": (3, 1), "beta2": (3, 1),
        "W3": (1, 3), "b3": (1, 1)}
    np.testing.assert_array_equal(p["gamma1"], 1)
    np.testing.assert_array_equal(p["beta2"], 0)
    plain = dh.initialize_bn_network([4, 5, 3, 1], seed=1, batchnorm=False)
    assert sorted(plain) == ["W1", "W2", "W3", "b1", "b2", "b3"]
    np.testing.assert_array_equal(plain["W2"], p["W2"])        # the same weights: only BN differs
    scaled = dh.initialize_bn_network([4, 5, 3, 1], seed=1, scale=3.0)
    np.testing.assert_allclose(scaled["W1"], 3 * p["W1"], rtol=1e-15)
    big = dh.initialize_bn_network([400, 300, 1], seed=0)
    assert abs(big["W1"].std() - np.sqrt(2 / 400)) < 0.002   # He's scale


def test_initialize_keeps_float32():
    p = dh.initialize_bn_network([3, 4, 1], seed=0, dtype=np.float32)
    assert all(value.dtype == np.float32 for value in p.values())


def test_forward_shapes_and_caches():
    X, _ = data()
    p = dh.initialize_bn_network([3, 5, 4, 1], seed=2)
    AL, caches = dh.bn_network_forward(X, p)
    assert AL.shape == (1, 8) and len(caches) == 3
    (A_prev, W, b), Z, bn_cache, Z_tilde = caches[0]
    assert A_prev is X and b is None and Z.shape == Z_tilde.shape == (5, 8)
    np.testing.assert_allclose(Z, p["W1"] @ X, rtol=1e-12)
    np.testing.assert_allclose(Z_tilde.mean(axis=1), 0, atol=1e-12)  # gamma 1, beta 0: normalized
    assert caches[-1][1].shape == (1, 8)
    assert np.isfinite(dh.output_cost(caches, np.ones((1, 8))))        # the last cache is L_model_forward's


def test_plain_network_equals_L_model_forward_and_backward():
    X, Y = data()
    p = moved(dh.initialize_bn_network([3, 5, 4, 1], seed=2, batchnorm=False))
    AL, caches = dh.bn_network_forward(X, p)
    AL_ref, caches_ref = dh.L_model_forward(X, p)
    np.testing.assert_allclose(AL, AL_ref, rtol=1e-12)
    grads, grads_ref = dh.bn_network_backward(AL, Y, caches), dh.L_model_backward(AL_ref, Y, caches_ref)
    for name in p:
        np.testing.assert_allclose(grads["d" + name], grads_ref["d" + name], rtol=1e-10, atol=1e-14)


# --- gradients ------------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("dims, m", [([3, 5, 4, 1], 8), ([3, 4, 1], 2), ([3, 6, 5, 4, 1], 7), ([3, 4, 3], 6)])
def test_gradient_check_of_the_whole_network(dims, m):
    X, Y = data(m)
    if dims[-1] > 1:
        Y = dh.one_hot(np.arange(m).reshape(1, -1) % dims[-1], dims[-1])
    p = moved(dh.initialize_bn_network(dims, seed=3))
    assert dh.bn_gradient_check(X, Y, p) < 1e-7


def test_backward_against_finite_differences_entry_by_entry():
    X, Y = data(6)
    p = moved(dh.initialize_bn_network([3, 4, 3, 1], seed=5))
    AL, caches = dh.bn_network_forward(X, p)
    grads = dh.bn_network_backward(AL, Y, caches)
    h = 1e-6
    for name in ("gamma1", "beta2", "W1", "b3"):
        for index in np.ndindex(p[name].shape):
            plus, minus = dict(p), dict(p)
            plus[name], minus[name] = p[name].copy(), p[name].copy()
            plus[name][index] += h
            minus[name][index] -= h
            numeric = (dh.bn_network_cost(X, Y, plus) - dh.bn_network_cost(X, Y, minus)) / (2 * h)
            assert abs(grads["d" + name][index] - numeric) < 1e-7, (name, index)


def test_dgamma_dbeta_are_the_mean_costs_derivatives():
    """The network divides batchnorm_backward's sums by m, as dW and db average over the m examples."""
    X, Y = data(8)
    p = moved(dh.initialize_bn_network([3, 4, 1], seed=6))
    AL, caches = dh.bn_network_forward(X, p)
    grads = dh.bn_network_backward(AL, Y, caches)
    dZ_tilde = dh.relu_backward(p["W2"].T @ (AL - Y), caches[0][3])
    _, dgamma, dbeta = dh.batchnorm_backward(dZ_tilde, caches[0][2])
    np.testing.assert_allclose(grads["dgamma1"], dgamma / 8, rtol=1e-12)
    np.testing.assert_allclose(grads["dbeta1"], dbeta / 8, rtol=1e-12)


def test_gradient_check_fails_for_a_wrong_batchnorm_backward():
    X, Y = data(8)
    p = moved(dh.initialize_bn_network([3, 5, 4, 1], seed=3))

    def constant_statistics(dout, cache):
        return cache["gamma"] * dout / cache["std"], *dh.batchnorm_backward(dout, cache)[1:]

    assert dh.bn_gradient_check(X, Y, p, steps=(dh.batchnorm_forward, constant_statistics)) > 1e-3


def test_steps_run_the_given_functions():
    X, Y = data(8)
    p = dh.initialize_bn_network([3, 4, 1], seed=3)
    calls = []

    def forward(Z, gamma, beta, epsilon=1e-5):
        calls.append("forward")
        return dh.batchnorm_forward(Z, gamma, beta, epsilon)

    def backward(dout, cache):
        calls.append("backward")
        return dh.batchnorm_backward(dout, cache)

    AL, caches = dh.bn_network_forward(X, p, steps=(forward, backward))
    dh.bn_network_backward(AL, Y, caches, steps=(forward, backward))
    assert calls == ["forward", "backward"]


# --- update, running averages, prediction -------------------------------------------------------------------------

def test_update_moves_every_parameter_gamma_and_beta_included():
    X, Y = data(8)
    p = moved(dh.initialize_bn_network([3, 4, 1], seed=7))
    AL, caches = dh.bn_network_forward(X, p)
    grads = dh.bn_network_backward(AL, Y, caches)
    before = {name: value.copy() for name, value in p.items()}
    new = dh.update_bn_parameters(p, grads, 0.5)
    for name in p:
        np.testing.assert_allclose(new[name], p[name] - 0.5 * grads["d" + name], rtol=1e-15)
        np.testing.assert_array_equal(p[name], before[name])          # pure
    assert dh.bn_network_cost(X, Y, dh.update_bn_parameters(p, grads, 0.01)) < dh.bn_network_cost(X, Y, p)


def test_running_averages_follow_update_running():
    X, _ = data(8)
    p = dh.initialize_bn_network([3, 4, 2, 1], seed=8)
    running = dh.initialize_running(p)
    assert sorted(running) == ["mean1", "mean2", "var1", "var2"]
    _, caches = dh.bn_network_forward(X, p)
    new = dh.update_running_averages(running, caches, momentum=0.8)
    np.testing.assert_allclose(new["mean1"], 0.2 * caches[0][2]["mu"], rtol=1e-15)
    np.testing.assert_allclose(new["var2"], 0.8 + 0.2 * caches[1][2]["var"], rtol=1e-15)
    np.testing.assert_array_equal(running["var1"], 1)                  # pure


def test_a_batch_of_one_train_mode_is_the_same_for_every_example_inference_is_not():
    """The test of why train-mode BN is wrong at prediction time: one example alone gives beta in every BN layer,
    so every example gets the same output; the running averages give each its own, the same as in a batch."""
    X, Y = dh.make_moons(64, noise=0.2, seed=0)
    p, running, _ = dh.bn_network_model(X, Y, [2, 8, 8, 1], learning_rate=0.3, num_epochs=15, mini_batch_size=16,
                                        seed=1)
    alone_train = np.array([dh.bn_network_forward(X[:, [i]], p, "train")[0][0, 0] for i in range(64)])
    assert np.unique(alone_train).size == 1
    together = dh.bn_network_forward(X, p, "inference", running)[0]
    alone = np.hstack([dh.bn_network_forward(X[:, [i]], p, "inference", running)[0] for i in range(64)])
    np.testing.assert_allclose(alone, together, rtol=1e-12)
    assert np.unique(np.round(alone, 6)).size > 30
    assert dh.accuracy(Y, dh.bn_predict(X, p, running)) > 0.8 > np.mean((alone_train > 0.5) == Y[0])
    # a batch of two: the train-mode output of example 0 depends on its partner
    partners = [dh.bn_network_forward(X[:, [0, j]], p, "train")[0][0, 0] for j in range(1, 10)]
    assert max(partners) - min(partners) > 0.01


def test_model_learns_and_reports_costs():
    X, Y = dh.make_moons(128, noise=0.2, seed=3)
    seen = []
    p, running, costs = dh.bn_network_model(X, Y, [2, 8, 8, 8, 1], learning_rate=0.3, num_epochs=20,
                                            mini_batch_size=32, seed=0, callback=lambda e, *_: seen.append(e))
    assert costs.shape == (20,) and costs[-1] < 0.5 * costs[0] and seen == list(range(20))
    assert dh.accuracy(Y, dh.bn_predict(X, p, running)) > 0.9


def test_model_diverging_is_a_clear_error():
    X, Y = dh.make_moons(64, noise=0.2, seed=3)
    with pytest.raises(ValueError, match=r"diverged in epoch 0: the logits are not finite; learning_rate = 1e\+300"):
        dh.bn_network_model(X, Y, [2, 8, 8, 8, 1], learning_rate=1e300, num_epochs=20, mini_batch_size=16, seed=0,
                            batchnorm=False)


# --- the stacked trainer --------------------------------------------------------------------------------------------

@pytest.mark.parametrize("batchnorm", [True, False])
def test_stacked_runs_equal_single_runs(batchnorm):
    X, Y = dh.make_moons(70, noise=0.2, seed=2)
    dims = [2, 6, 5, 4, 1]
    runs = [{"seed": 3, "learning_rate": 0.1, "scale": 1.0}, {"seed": 4, "learning_rate": 0.3, "scale": 2.0}]
    result = dh.train_bn_stacked(X, Y, dims, runs, num_epochs=4, mini_batch_size=16, batchnorm=batchnorm,
                                 record=X)
    for r, run in enumerate(runs):
        p, running, costs = dh.bn_network_model(X, Y, dims, run["learning_rate"], 4, 16, run["seed"], batchnorm,
                                                run["scale"])
        np.testing.assert_allclose(result["costs"][r], costs, rtol=1e-10)
        for name in p:
            np.testing.assert_allclose(result["parameters"][name][r], p[name], rtol=1e-9, atol=1e-12)
        for name in running:
            np.testing.assert_allclose(result["running"][name][r], running[name], rtol=1e-9, atol=1e-12)
        cost, accuracy = dh.bn_stacked_evaluate(X, Y, result)
        np.testing.assert_allclose(cost[r], dh.bn_network_cost(X, Y, p, "inference", running), rtol=1e-9)
        assert accuracy[r] == dh.accuracy(Y, dh.bn_predict(X, p, running))
    assert result["stats"].shape == (2, 4, 3, 2) and (result["stats"][..., 1] > 0).all()


def test_stacked_diverged_runs_become_nan_without_a_warning():
    X, Y = dh.make_moons(64, noise=0.2, seed=3)
    runs = [{"seed": 0, "learning_rate": 1e300}, {"seed": 0, "learning_rate": 0.1}]
    result = dh.train_bn_stacked(X, Y, [2, 8, 8, 8, 1], runs, num_epochs=3, mini_batch_size=16, batchnorm=False)
    cost, accuracy = dh.bn_stacked_evaluate(X, Y, result)
    assert np.isnan(cost[0]) and np.isnan(accuracy[0]) and np.isfinite(cost[1])


def test_leftover_examples_wait_for_the_next_epoch():
    batches = bn.shuffled_batches(np.random.default_rng(0), 10, 4)
    assert [len(b) for b in batches] == [4, 4] and len(set(np.concatenate(batches))) == 8


# --- teaching errors --------------------------------------------------------------------------------------------

def test_errors():
    X, Y = data(8)
    p = dh.initialize_bn_network([3, 4, 1], seed=0)
    with pytest.raises(ValueError, match="mode='inference' needs running"):
        dh.bn_network_forward(X, p, "inference")
    with pytest.raises(ValueError, match="mode must be"):
        dh.bn_network_forward(X, p, "predict")
    with pytest.raises(ValueError, match="running has no mean1"):
        dh.bn_network_forward(X, p, "inference", {})
    with pytest.raises(TypeError, match="parameters must be"):
        dh.bn_network_forward(X, [1, 2])
    bad = dict(p)
    del bad["beta1"]
    with pytest.raises(ValueError, match="keys"):
        dh.bn_network_forward(X, bad)
    bad = dict(p, gamma1=np.ones(4))
    with pytest.raises(ValueError, match="gamma1"):
        dh.bn_network_forward(X, bad)
    with pytest.raises(ValueError, match="W1"):
        dh.bn_network_forward(X[:2], p)
    with pytest.raises(TypeError, match="steps must be"):
        dh.bn_network_forward(X, p, steps=dh.batchnorm_forward)
    with pytest.raises(ValueError, match="mini_batch_size is 20"):
        dh.bn_network_model(X, Y, [3, 4, 1], mini_batch_size=20)
    with pytest.raises(ValueError, match="learning_rate"):
        dh.update_bn_parameters(p, {"d" + k: v for k, v in p.items()}, -1)
    with pytest.raises(ValueError, match="dgamma1"):
        dh.update_bn_parameters(p, {"dW1": p["W1"]}, 0.1)
    with pytest.raises(ValueError, match="end in 1"):
        dh.train_bn_stacked(X, Y, [3, 4, 2], [{"seed": 0}])
    with pytest.raises(TypeError, match="runs must be"):
        dh.train_bn_stacked(X, Y, [3, 4, 1], [])
    with pytest.raises(ValueError, match=r"\['lr'\]"):
        dh.train_bn_stacked(X, Y, [3, 4, 1], [{"seed": 0, "lr": 0.5}], mini_batch_size=4)
    with pytest.raises(ValueError, match="record"):
        dh.train_bn_stacked(X, Y, [3, 4, 1], [{"seed": 0}], mini_batch_size=4, record=X[:2])
    with pytest.raises(TypeError, match="result must be"):
        dh.bn_stacked_evaluate(X, Y, {"costs": None})
    with pytest.raises(ValueError, match="W1"):
        dh.bn_stacked_evaluate(X[:2], Y, dh.train_bn_stacked(X, Y, [3, 4, 1], [{"seed": 0}], 1, 4))
    with pytest.raises(ValueError, match="scale"):
        dh.initialize_bn_network([3, 4, 1], scale=0)
    _, caches = dh.bn_network_forward(X, p, "inference", dh.initialize_running(p))
    with pytest.raises(ValueError, match="mode='train'"):
        dh.bn_network_backward(np.full((1, 8), 0.5), Y, caches)


# --- defaults and the remaining refusals (found by tools/mutate.py) -------------------------------------------------

def same_arrays(a, b):
    return sorted(a) == sorted(b) and all(np.array_equal(a[key], b[key]) for key in a)


def test_defaults_are_the_documented_ones():
    X, Y = dh.make_moons(64, noise=0.2, seed=1)
    dims = [2, 4, 3, 1]
    assert same_arrays(dh.initialize_bn_network(dims), dh.initialize_bn_network(dims, 1, 1.0, True, np.float64))
    p, running, costs = dh.bn_network_model(X, Y, dims, num_epochs=2)
    p2, running2, costs2 = dh.bn_network_model(X, Y, dims, 0.1, 2, 32, 0, True, 1.0, 0.9, 1e-5)
    assert same_arrays(p, p2) and same_arrays(running, running2) and np.array_equal(costs, costs2)
    AL, caches = dh.bn_network_forward(X, p)
    AL2, _ = dh.bn_network_forward(X, p, "train", None, 1e-5)
    assert np.array_equal(AL, AL2)
    assert np.array_equal(dh.bn_predict(X, p, running), dh.bn_predict(X, p, running, 1e-5))
    assert dh.bn_network_cost(X, Y, p) == dh.bn_network_cost(X, Y, p, "train", None, 1e-5)
    assert same_arrays(dh.update_running_averages(running, caches), dh.update_running_averages(running, caches, 0.9))
    small_X, small_Y = data(6)
    q = moved(dh.initialize_bn_network([3, 4, 1], seed=2))
    assert dh.bn_gradient_check(small_X, small_Y, q) == dh.bn_gradient_check(small_X, small_Y, q, 1e-6)
    result = dh.train_bn_stacked(X, Y, dims, [{"seed": 0}], num_epochs=2)
    result2 = dh.train_bn_stacked(X, Y, dims, [{"seed": 0, "learning_rate": 0.1, "scale": 1.0}], 2, 32, True, 0.9,
                                  1e-5)
    assert np.array_equal(result["costs"], result2["costs"]) and np.array_equal(result["costs"][0], costs)
    evaluated = dh.bn_stacked_evaluate(X, Y, result)
    assert all(np.array_equal(a, b) for a, b in zip(evaluated, dh.bn_stacked_evaluate(X, Y, result, 1e-5),
                                                      strict=True))


def test_one_batch_of_all_examples_is_allowed():
    X, Y = dh.make_moons(16, noise=0.2, seed=1)
    _, _, costs = dh.bn_network_model(X, Y, [2, 4, 1], num_epochs=3, mini_batch_size=16)
    result = dh.train_bn_stacked(X, Y, [2, 4, 1], [{"seed": 0}], num_epochs=3, mini_batch_size=16)
    np.testing.assert_allclose(result["costs"][0], costs, rtol=1e-10)
    with pytest.raises(ValueError, match="mini_batch_size is 17"):
        dh.train_bn_stacked(X, Y, [2, 4, 1], [{"seed": 0}], mini_batch_size=17)


def test_more_refusals():
    X, Y = data(8)
    p = dh.initialize_bn_network([3, 4, 2, 1], seed=0)
    with pytest.raises(TypeError, match="parameters must be"):
        dh.bn_network_forward(X, {"gamma1": p["gamma1"]})
    bad = dict(p, W2=np.ones((2, 5)))
    with pytest.raises(ValueError, match=r"W2 has shape \(2, 5\), but W1 has 4 rows"):
        dh.bn_network_forward(X, bad)
    with pytest.raises(TypeError, match="running must be the dict"):
        dh.bn_network_forward(X, p, "inference", [1])
    AL, caches = dh.bn_network_forward(X, p)
    for wrong in ([], (caches,), "caches"):
        with pytest.raises(TypeError, match="caches must be the list"):
            dh.bn_network_backward(AL, Y, wrong)
    with pytest.raises(TypeError, match="grads must be the dict"):
        dh.update_bn_parameters(p, [1], 0.1)
    with pytest.raises(ValueError, match="layers_dims"):
        dh.initialize_bn_network([3, 0, 1])


def test_shapes_of_every_layer_are_checked_and_one_layer_works():
    X, Y = data(8)
    p = dh.initialize_bn_network([3, 4, 1], seed=0)
    with pytest.raises(ValueError, match=r"b2 has shape \(2, 1\), but it must be \(n\[2\], 1\) = \(1, 1\)"):
        dh.bn_network_forward(X, dict(p, b2=np.zeros((2, 1))))
    with pytest.raises(ValueError, match=r"gamma1 has shape \(3, 1\), but it must be \(n\[1\], 1\) = \(4, 1\)"):
        dh.bn_network_forward(X, dict(p, gamma1=np.ones((3, 1))))
    AL, caches = dh.bn_network_forward(X, p)
    grads = dh.bn_network_backward(AL, Y, caches)
    with pytest.raises(ValueError, match=r"dW1 has shape \(3, 4\), but W1 is \(4, 3\)"):
        dh.update_bn_parameters(p, dict(grads, dW1=grads["dW1"].T), 0.1)
    logistic = dh.initialize_bn_network([3, 1], seed=0)               # no hidden layer: plain logistic regression
    AL, caches = dh.bn_network_forward(X, logistic)
    assert len(caches) == 1 and sorted(dh.bn_network_backward(AL, Y, caches)) == ["dW1", "db1"]


def test_whole_number_inputs_train_in_float64():
    X, Y = dh.make_moons(32, noise=0.2, seed=1)
    p, _, _ = dh.bn_network_model(np.round(X * 10).astype(np.int64), Y, [2, 4, 1], num_epochs=1, mini_batch_size=8)
    assert all(value.dtype == np.float64 for value in p.values())
    p32, _, _ = dh.bn_network_model(X.astype(np.float32), Y, [2, 4, 1], num_epochs=1, mini_batch_size=8)
    assert all(value.dtype == np.float32 for value in p32.values())


def test_stacked_evaluate_checks_the_labels():
    X, Y = dh.make_moons(32, noise=0.2, seed=1)
    result = dh.train_bn_stacked(X, Y, [2, 4, 1], [{"seed": 0}], num_epochs=1, mini_batch_size=8)
    with pytest.raises(ValueError, match="Y"):
        dh.bn_stacked_evaluate(X, Y + 1, result)


@pytest.mark.parametrize("call, name", [
    (lambda X, Y: dh.initialize_bn_network("abc"), "layers_dims"),
    (lambda X, Y: dh.initialize_bn_network([2, 3, 1], scale=-1), "scale"),
    (lambda X, Y: dh.update_bn_parameters(dh.initialize_bn_network([2, 3, 1]), {}, 0), "learning_rate"),
    (lambda X, Y: dh.update_running_averages({}, [], momentum=1.5), "momentum"),
    (lambda X, Y: dh.bn_network_model(X, Y, "abc"), "layers_dims"),
    (lambda X, Y: dh.bn_network_model(X, Y, [2, 3, 1], learning_rate=0), "learning_rate"),
    (lambda X, Y: dh.bn_network_model(X, Y, [2, 3, 1], num_epochs=0), "num_epochs"),
    (lambda X, Y: dh.bn_network_model(X, Y, [2, 3, 1], mini_batch_size=0), "mini_batch_size"),
    (lambda X, Y: dh.bn_gradient_check(X, Y, dh.initialize_bn_network([2, 3, 1]), epsilon=0), "epsilon"),
    (lambda X, Y: dh.train_bn_stacked(X, Y, "abc", [{"seed": 0}]), "layers_dims"),
    (lambda X, Y: dh.train_bn_stacked(X, Y, [2, 3, 1], [{"seed": 0}], num_epochs=0), "num_epochs"),
    (lambda X, Y: dh.train_bn_stacked(X, Y, [2, 3, 1], [{"seed": 0}], mini_batch_size=0), "mini_batch_size"),
    (lambda X, Y: dh.train_bn_stacked(X, Y, [2, 3, 1], [{"seed": 0}], mini_batch_size=8, momentum=1), "momentum"),
    (lambda X, Y: dh.train_bn_stacked(X, Y, [2, 3, 1], [{"seed": 0}], mini_batch_size=8, epsilon=0), "epsilon"),
])
def test_each_error_names_its_argument(call, name):
    X, Y = dh.make_moons(16, noise=0.2, seed=1)
    with pytest.raises((TypeError, ValueError), match=name):
        call(X, Y)


# --- batchnorm.py's messages name the argument at fault (survivors of tools/mutate.py batchnorm) --------------------

@pytest.mark.parametrize("position, name", [(1, "running_var"), (2, "mu"), (3, "var")])
def test_update_running_names_the_column_of_the_wrong_shape_or_value(position, name):
    columns = [np.zeros((3, 1)), np.ones((3, 1)), np.zeros((3, 1)), np.ones((3, 1))]
    wrong = list(columns)
    wrong[position] = np.ones((2, 1))
    with pytest.raises(ValueError, match=rf"^{name} has shape \(2, 1\)"):
        dh.update_running(*wrong)
    wrong = list(columns)
    wrong[position] = np.array([[np.nan], [1.0], [1.0]])
    with pytest.raises(ValueError, match=name):
        dh.update_running(*wrong)


def test_a_variance_of_zero_is_a_variance_and_a_negative_one_is_named():
    new_mean, new_var = dh.update_running(np.zeros((2, 1)), np.zeros((2, 1)), np.ones((2, 1)), np.zeros((2, 1)))
    np.testing.assert_array_equal(new_var, 0)
    with pytest.raises(ValueError, match=r"running_var must hold variances, numbers >= 0, but row 1 holds -1"):
        dh.update_running(np.zeros((2, 1)), np.array([[0.0], [-1.0]]), np.ones((2, 1)), np.zeros((2, 1)))
    with pytest.raises(ValueError, match=r"^running_mean has shape \(2, 2\)"):
        dh.update_running(np.zeros((2, 2)), np.zeros((2, 1)), np.ones((2, 1)), np.zeros((2, 1)))


def test_forward_keeps_float32_with_a_numpy_epsilon_and_names_a_transposed_gamma():
    Z = np.random.default_rng(0).normal(size=(3, 5)).astype(np.float32)
    column = np.ones((3, 1), np.float32)
    out, _ = dh.batchnorm_forward(Z, column, column, np.float64(1e-5))
    assert out.dtype == np.float32
    with pytest.raises(ValueError, match="it looks transposed"):
        dh.batchnorm_forward(Z, np.ones((5, 1)), column)
    with pytest.raises(ValueError, match="^gamma has shape") as error:
        dh.batchnorm_forward(Z, np.ones((4, 1)), column)
    assert "transposed" not in str(error.value)          # (4, 1) is neither (3, 1) nor the transposed (5, 1)
    with pytest.raises(ValueError, match="^beta has shape"):
        dh.batchnorm_forward(Z, column, np.ones((4, 1)))
    _, cache = dh.batchnorm_forward(Z, column, column)
    with pytest.raises(ValueError, match="^dout has shape"):
        dh.batchnorm_backward(np.ones((2, 5)), cache)
