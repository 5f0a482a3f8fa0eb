"""dnn_helpers.stacked (notebooks 14 and 17): K runs trained at once are the runs improved_model makes one by one.

Each stacked run is compared with ``improved_model`` from the same seed and settings: the weights and every
epoch's cost to 1e-10, for each optimizer, mini-batches or not, L2, each decay, per-run learning rates and betas.
"""

import numpy as np
import pytest

import dnn_helpers as dh
from dnn_helpers.stacked import (median_of_last, stacked_accuracy, stacked_cost, stacked_forward, train_stacked,
                                 unstack)

X, Y = dh.make_spirals(90, noise=0.05, seed=3)
X_VAL, Y_VAL = dh.make_spirals(40, noise=0.05, seed=5)
DIMS = [2, 6, 4, 1]

CASES = {
    "batch gd": dict(optimizer="gd", rates=[1.0, 0.3]),
    "mini-batch gd, last batch partial": dict(optimizer="gd", mini_batch_size=32, rates=[1.0, 0.3]),
    "momentum, two betas": dict(optimizer="momentum", mini_batch_size=32, rates=[1.0, 0.3], beta1=[0.9, 0.5]),
    "momentum, batch": dict(optimizer="momentum", rates=[1.0, 3.0]),
    "rmsprop, two beta2": dict(optimizer="rmsprop", mini_batch_size=32, rates=[0.01, 0.03], beta2=[0.999, 0.99]),
    "adam": dict(optimizer="adam", mini_batch_size=32, rates=[0.01, 0.03]),
    "adam, beta1 = 0, epsilon": dict(optimizer="adam", mini_batch_size=16, rates=[0.01, 0.003], beta1=0.0,
                                     epsilon=1e-6),
    "gd, inverse-time decay": dict(optimizer="gd", mini_batch_size=32, rates=[1.0, 0.3], decay="inverse_time",
                                   decay_rate=[0.1, 0.5]),
    "momentum, exponential decay": dict(optimizer="momentum", mini_batch_size=32, rates=[1.0, 0.3],
                                        decay="exponential", decay_rate=0.05),
    "adam, step decay": dict(optimizer="adam", mini_batch_size=32, rates=[0.01, 0.03], decay="step", decay_rate=1.0,
                             time_interval=3),
    "adam, L2": dict(optimizer="adam", mini_batch_size=32, rates=[0.01, 0.03], lambd=[0.0, 0.7]),
    "gd, L2, one batch as big as m": dict(optimizer="gd", mini_batch_size=90, rates=[1.0, 0.3], lambd=0.3),
    "tanh hidden units, he start": dict(optimizer="momentum", mini_batch_size=32, rates=[0.3, 0.1],
                                        hidden_activation="tanh", initialization="he"),
}


def weights(parameters):
    """The arrays W1, b1, ... of a trained network (without the name of its hidden activation, if it holds one)."""
    return {name: value for name, value in parameters.items() if name[0] in "Wb"}


def one_run(options, k, seed, num_epochs, dtype=np.float64):
    """improved_model's run k of a case (the case's per-run lists read at k)."""
    options = dict(options)
    rate = options.pop("rates")[k]
    options = {name: value[k] if isinstance(value, list) else value for name, value in options.items()}
    return dh.improved_model(X.astype(dtype), Y, DIMS, rate, num_epochs, seed=seed, **options)


@pytest.mark.parametrize("case", CASES)
def test_each_stacked_run_is_the_improved_model_run_with_its_seed(case):
    options = dict(CASES[case])
    rates, seeds = options.pop("rates"), [2, 7]
    runs = train_stacked(X, Y, DIMS, rates, seeds, 8, **options)
    assert runs.costs.shape == (8, 2) and not runs.diverged.any()
    for k, seed in enumerate(seeds):
        parameters, costs = one_run(CASES[case], k, seed, 8)
        for name, value in weights(parameters).items():
            assert runs.parameters[name].shape == (2, *value.shape)
            np.testing.assert_allclose(runs.parameters[name][k], value, rtol=0, atol=1e-10, err_msg=f"{case}: {name}")
        np.testing.assert_allclose(runs.costs[:, k], costs, rtol=0, atol=1e-10, err_msg=f"{case}: costs")


def test_a_seed_repeated_at_several_rates_gives_each_rate_its_own_run():
    rates = [0.01, 0.03, 0.1]
    runs = train_stacked(X, Y, DIMS, rates, [4, 4, 4], 5, optimizer="adam", mini_batch_size=32)
    for k, rate in enumerate(rates):
        parameters, _ = dh.improved_model(X, Y, DIMS, rate, 5, seed=4, optimizer="adam", mini_batch_size=32)
        np.testing.assert_allclose(runs.parameters["W2"][k], parameters["W2"], rtol=0, atol=1e-10)
    assert not np.allclose(runs.parameters["W2"][0], runs.parameters["W2"][1])


def test_float32_in_float32_out_and_close_to_the_float32_run():
    runs = train_stacked(X.astype(np.float32), Y, DIMS, [0.01], [3], 4, optimizer="adam", mini_batch_size=32)
    parameters, costs = one_run(dict(optimizer="adam", mini_batch_size=32, rates=[0.01]), 0, 3, 4, np.float32)
    assert all(value.dtype == np.float32 for value in runs.parameters.values())
    assert runs.costs.dtype == np.float32
    for name, value in weights(parameters).items():
        np.testing.assert_allclose(runs.parameters[name][0], value, rtol=0, atol=1e-5)
    np.testing.assert_allclose(runs.costs[:, 0], costs, rtol=1e-5)


def test_validation_costs_are_the_cost_of_the_weights_after_each_of_the_last_epochs():
    seen = []
    parameters, _ = dh.improved_model(X, Y, DIMS, 0.03, 6, seed=5, optimizer="adam", mini_batch_size=32,
                                      callback=lambda epoch, p, grads, cost: seen.append(dict(p)))
    runs = train_stacked(X, Y, DIMS, 0.03, [5], 6, optimizer="adam", mini_batch_size=32,
                         validation=(X_VAL, Y_VAL), validation_last=3)
    assert runs.validation_costs.shape == (3, 1)
    for row, p in zip(runs.validation_costs, seen[-3:], strict=True):
        expected = dh.compute_cost(dh.L_model_forward(X_VAL, p)[0], Y_VAL)
        assert abs(row[0] - expected) < 1e-10
    every = train_stacked(X, Y, DIMS, 0.03, [5], 6, optimizer="adam", mini_batch_size=32, validation=(X_VAL, Y_VAL))
    assert every.validation_costs.shape == (6, 1)
    np.testing.assert_allclose(every.validation_costs[-3:], runs.validation_costs, rtol=0, atol=1e-12)
    assert train_stacked(X, Y, DIMS, 0.03, [5], 2).validation_costs is None


def test_a_diverging_run_is_flagged_and_the_others_train_on():
    leaky = dict(optimizer="gd", hidden_activation="leaky_relu")        # leaky units never die: they blow up
    runs = train_stacked(X, Y, DIMS, [100.0, 0.1], [1, 1], 12, **leaky)
    assert runs.diverged.tolist() == [True, False]
    assert np.isinf(runs.costs[-1, 0]) and np.isfinite(runs.costs[:, 1]).all()
    assert np.isinf(stacked_cost(X, Y, runs.parameters, "leaky_relu")[0])
    assert stacked_accuracy(X, Y, runs.parameters, "leaky_relu")[0] == 0.0     # nan outputs count as wrong
    parameters, costs = dh.improved_model(X, Y, DIMS, 0.1, 12, seed=1, **leaky)
    np.testing.assert_allclose(runs.costs[:, 1], costs, rtol=0, atol=1e-10)
    with pytest.raises(ValueError, match="training diverged"):     # improved_model stops on the diverging run
        dh.improved_model(X, Y, DIMS, 100.0, 12, seed=1, **leaky)


def test_forward_cost_and_accuracy_match_the_single_network_tools():
    runs = train_stacked(X, Y, DIMS, [0.3, 1.0, 3.0], [1, 2, 3], 6, optimizer="momentum", mini_batch_size=32)
    Z = stacked_forward(X_VAL, runs.parameters)
    assert Z.shape == (3, 1, X_VAL.shape[1])
    costs, accuracies = stacked_cost(X_VAL, Y_VAL, runs.parameters), stacked_accuracy(X_VAL, Y_VAL, runs.parameters)
    assert costs.shape == accuracies.shape == (3,)
    for k in range(3):
        parameters = unstack(runs.parameters, k)
        AL = dh.L_model_forward(X_VAL, parameters)[0]
        assert abs(costs[k] - dh.compute_cost(AL, Y_VAL)) < 1e-10
        assert accuracies[k] == dh.accuracy(Y_VAL, dh.predict(X_VAL, parameters))


def test_unstack_copies_one_run_and_names_a_wrong_index():
    runs = train_stacked(X, Y, DIMS, 0.3, [1, 2], 1)
    one = unstack(runs.parameters, 1)
    assert sorted(one) == ["W1", "W2", "W3", "b1", "b2", "b3"] and one["W1"].shape == (6, 2)
    one["W1"][0, 0] = 99.0
    assert runs.parameters["W1"][1, 0, 0] != 99.0
    with pytest.raises(ValueError, match="k = 2 but parameters hold K = 2 runs"):
        unstack(runs.parameters, 2)
    with pytest.raises(ValueError, match=r"W1 \(K, n\[1\], n\[0\]\).*got W1 \(6, 2\)"):
        unstack(one, 0)                                   # one run's parameters are not a stack
    with pytest.raises(TypeError, match="stacked dict"):
        unstack([one], 0)


def test_inputs_are_not_modified():
    X_copy, Y_copy = X.copy(), Y.copy()
    rates = np.array([0.3, 1.0])
    runs = train_stacked(X, Y, DIMS, rates, [1, 2], 3, optimizer="adam", mini_batch_size=32)
    saved = {name: value.copy() for name, value in runs.parameters.items()}
    stacked_cost(X, Y, runs.parameters)
    unstack(runs.parameters, 0)
    assert np.array_equal(X, X_copy) and np.array_equal(Y, Y_copy) and rates.tolist() == [0.3, 1.0]
    assert all(np.array_equal(saved[name], runs.parameters[name]) for name in saved)


def test_median_of_last_is_robust_to_one_spike_and_counts_nan_as_inf():
    costs = np.array([[0.9, 0.5], [0.2, 0.4], [0.1, np.nan], [5.0, np.nan], [0.1, np.nan]])
    assert median_of_last(costs, 3).tolist() == [0.1, np.inf]
    assert median_of_last(costs, 1).tolist() == [0.1, np.inf]
    assert median_of_last(costs[:, :1], 5).tolist() == [0.2]
    with pytest.raises(ValueError, match="at least last = 6 epochs"):
        median_of_last(costs, 6)
    with pytest.raises(ValueError, match=r"\(num_epochs, K\)"):
        median_of_last(costs[:, 0], 2)


@pytest.mark.parametrize("kwargs, error, message", [
    (dict(seeds=3), TypeError, "seeds must be a non-empty list"),
    (dict(seeds=[]), TypeError, "seeds must be a non-empty list"),
    (dict(seeds=[1, -2]), ValueError, r"seeds\[1\] must be a whole number >= 0"),
    (dict(seeds=[np.random.default_rng(0)]), TypeError, r"seeds\[0\] must be a whole number"),
    (dict(learning_rate=[0.1, 0.2, 0.3]), ValueError, "one number or a sequence of K = 2"),
    (dict(learning_rate=[0.1, -0.2]), ValueError, "learning_rate must be a positive number; got -0.2"),
    (dict(beta1=[0.9, 1.0]), ValueError, r"beta1 must be in \[0, 1\)"),
    (dict(lambd=-1.0), ValueError, "lambd"),
    (dict(decay="linear"), ValueError, "decay must be None or one of"),
    (dict(optimizer="sgd"), ValueError, "optimizer must be one of"),
    (dict(mini_batch_size=0), ValueError, "mini_batch_size must be at least 1"),
    (dict(num_epochs=0), ValueError, "num_epochs must be at least 1"),
    (dict(layers_dims=[2, 4, 2]), ValueError, "layers_dims must end in 1"),
    (dict(layers_dims=[3, 4, 1]), ValueError, "layers_dims"),
    (dict(validation=X_VAL), TypeError, r"validation must be None or a pair \(X_val, Y_val\)"),
    (dict(validation=(X_VAL, Y_VAL), validation_last=9), ValueError, "validation_last = 9 is more than num_epochs"),
    (dict(hidden_activation="swish"), ValueError, "hidden_activation must be one of"),
])
def test_bad_arguments_get_a_clear_error(kwargs, error, message):
    arguments = dict(X=X, Y=Y, layers_dims=DIMS, learning_rate=0.1, seeds=[1, 2], num_epochs=3)
    arguments.update(kwargs)
    with pytest.raises(error, match=message):
        train_stacked(**arguments)


def test_stacked_forward_names_a_wrong_shape():
    runs = train_stacked(X, Y, DIMS, 0.3, [1], 1)
    with pytest.raises(ValueError, match=r"X has shape \(3, 5\), but the networks take \(n_x, m\) = \(2, m\)"):
        stacked_forward(np.zeros((3, 5)), runs.parameters)
    broken = dict(runs.parameters, W2=runs.parameters["W2"][0])
    with pytest.raises(ValueError, match=r"W2 \(K, n\[2\], n\[1\]\)"):
        stacked_cost(X, Y, broken)


@pytest.mark.parametrize("optimizer, size", [("gd", None), ("adam", 32)])
def test_dropout_runs_are_the_improved_model_runs(optimizer, size):
    """Each run draws its masks from its own seed, as improved_model does; keep_prob 1 in the stack is no dropout."""
    keep = [0.8, 1.0, 0.5]
    runs = train_stacked(X, Y, DIMS, 0.03, [1, 2, 3], 6, optimizer=optimizer, mini_batch_size=size, keep_prob=keep,
                         lambd=[0.0, 0.3, 0.3])
    for k, (seed, keep_prob, lambd) in enumerate(zip([1, 2, 3], keep, [0.0, 0.3, 0.3], strict=True)):
        parameters, costs = dh.improved_model(X, Y, DIMS, 0.03, 6, seed=seed, optimizer=optimizer,
                                              mini_batch_size=size, keep_prob=keep_prob, lambd=lambd)
        for name, value in weights(parameters).items():
            np.testing.assert_allclose(runs.parameters[name][k], value, rtol=0, atol=1e-10, err_msg=name)
        np.testing.assert_allclose(runs.costs[:, k], costs, rtol=0, atol=1e-10)


def test_each_run_can_have_its_own_data_set():
    draws = [dh.make_spirals(90, noise=0.05, seed=seed) for seed in (11, 12)]
    X_runs, Y_runs = np.stack([X_d for X_d, _ in draws]), np.stack([Y_d for _, Y_d in draws])
    runs = train_stacked(X_runs, Y_runs, DIMS, [1.0, 0.3], [1, 1], 5, mini_batch_size=32)
    for k, (X_d, Y_d) in enumerate(draws):
        parameters, costs = dh.improved_model(X_d, Y_d, DIMS, [1.0, 0.3][k], 5, seed=1, mini_batch_size=32)
        np.testing.assert_allclose(runs.parameters["W1"][k], parameters["W1"], rtol=0, atol=1e-10)
        np.testing.assert_allclose(runs.costs[:, k], costs, rtol=0, atol=1e-10)
        one = stacked_cost(X_runs, Y_runs, runs.parameters)[k]
        assert abs(one - dh.compute_cost(dh.L_model_forward(X_d, parameters)[0], Y_d)) < 1e-10
        assert stacked_accuracy(X_runs, Y_runs, runs.parameters)[k] == dh.accuracy(Y_d, dh.predict(X_d, parameters))
    with pytest.raises(ValueError, match=r"one data set per run: X \(K, n_x, m\) and Y \(K, 1, m\) with K = 3"):
        train_stacked(X_runs, Y_runs, DIMS, 0.1, [1, 2, 3], 2)
    with pytest.raises(ValueError, match=r"Y has shape \(1, 5\), but it must be \(1, m\) = \(1, 90\)"):
        stacked_cost(X_runs, np.zeros((1, 5)), runs.parameters)
