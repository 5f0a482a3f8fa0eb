"""Behaviour of dnn_helpers.batchnorm_network that one-token mutants changed without a test noticing
(tools/mutate.py).

The argument that each refusal names, the documented defaults (50 epochs, epsilon 1e-5, no kept layers), and the
accuracies of bn_stacked_evaluate, one per run, as each run's own bn_predict gives them.
"""

import inspect

import numpy as np
import pytest

import dnn_helpers as dh
from dnn_helpers.batchnorm_network import bn_stacked_forward


def data(m=32, seed=0):
    rng = np.random.default_rng(seed)
    X = rng.standard_normal((2, m))
    return X, (X[0:1] + X[1:2] > 0).astype(float)


def bn_network(seed=1):
    X, Y = data()
    parameters = dh.initialize_bn_network([2, 3, 1], seed=seed)
    return X, Y, parameters


def refusals():
    X, Y, parameters = bn_network()
    _, caches = dh.bn_network_forward(X, parameters)
    running = dh.initialize_running(parameters)
    runs = [{"seed": 0, "learning_rate": 0.1, "scale": 1.0}]
    return [
        (lambda: dh.initialize_bn_network(None), TypeError, "layers_dims"),
        (lambda: dh.initialize_bn_network([2, 3, 1], scale=-1.0), ValueError, "scale"),
        (lambda: dh.update_bn_parameters(parameters, {}, learning_rate=-1.0), ValueError, "learning_rate"),
        (lambda: dh.update_running_averages(running, caches, momentum=1.5), ValueError, "momentum"),
        (lambda: dh.bn_network_model(X, Y, None), TypeError, "layers_dims"),
        (lambda: dh.bn_network_model(X, Y, [2, 3, 1], learning_rate=-1.0), ValueError, "learning_rate"),
        (lambda: dh.bn_network_model(X, Y, [2, 3, 1], num_epochs=0), ValueError, "num_epochs"),
        (lambda: dh.bn_network_model(X, Y, [2, 3, 1], mini_batch_size=0), ValueError, "mini_batch_size"),
        (lambda: dh.bn_gradient_check(X, Y, parameters, epsilon=-1.0), ValueError, "epsilon"),
        (lambda: dh.train_bn_stacked(X, Y, [2, 3, 1], runs, mini_batch_size=0), ValueError, "mini_batch_size"),
        (lambda: dh.train_bn_stacked(X, Y, [2, 3, 1], runs, momentum=1.5), ValueError, "momentum"),
        (lambda: dh.train_bn_stacked(X, Y, [2, 3, 1], runs, epsilon=-1.0), ValueError, "epsilon"),
    ]


@pytest.mark.parametrize("index", range(12))
def test_each_refusal_names_its_argument(index):
    call, error, name = refusals()[index]
    with pytest.raises(error, match=f"^{name} must "):
        call()


def test_bn_network_model_trains_50_epochs_by_default():
    X, Y = data()
    _, _, costs = dh.bn_network_model(X, Y, [2, 3, 1])
    assert costs.shape == (50,)


def test_train_bn_stacked_trains_50_epochs_by_default():
    X, Y = data()
    result = dh.train_bn_stacked(X, Y, [2, 3, 1], [{"seed": 0, "learning_rate": 0.1, "scale": 1.0}])
    assert np.asarray(result["costs"]).shape[-1] == 50


def test_bn_predict_shows_epsilon_1e_5():
    assert inspect.signature(dh.bn_predict).parameters["epsilon"].default == 1e-5


def stacked(R=2, m=32):
    X, Y = data(m)
    runs = [{"seed": r, "learning_rate": 0.05 * (r + 1), "scale": 1.0} for r in range(R)]
    return X, Y, dh.train_bn_stacked(X, Y, [2, 3, 1], runs, num_epochs=3, mini_batch_size=8)


def test_stacked_forward_defaults_to_epsilon_1e_5_and_keeps_no_layers():
    X, _, result = stacked()
    default = bn_stacked_forward(X, result["parameters"], result["running"], "train")
    explicit = bn_stacked_forward(X, result["parameters"], result["running"], "train", 1e-5, False)
    np.testing.assert_array_equal(default[0], explicit[0])
    assert default[1] == [] and explicit[1] == []


def test_stacked_evaluate_gives_each_runs_own_accuracy():
    X, Y = data(m=40, seed=5)
    _, _, result = stacked(R=3)
    _, accuracies = dh.bn_stacked_evaluate(X, Y, result)
    own = []
    for r in range(3):
        parameters = {name: value[r] for name, value in result["parameters"].items()}
        running = {name: value[r] for name, value in result["running"].items()}
        own.append(float((dh.bn_predict(X, parameters, running) == Y).mean()))
    np.testing.assert_allclose(accuracies, own, rtol=1e-12)
    assert len(set(own)) > 1      # the runs differ, so a mean over the runs would not pass


def test_a_record_of_the_wrong_width_is_named_record():
    X, Y = data()
    with pytest.raises(ValueError, match="^record has 3 rows"):
        dh.train_bn_stacked(X, Y, [2, 3, 1], [{"seed": 0, "learning_rate": 0.1, "scale": 1.0}], num_epochs=1,
                            mini_batch_size=8, record=np.ones((3, 4)))


def test_stacked_evaluate_needs_only_the_parameters_and_the_running_averages():
    X, Y, result = stacked()
    full = dh.bn_stacked_evaluate(X, Y, result)
    only = dh.bn_stacked_evaluate(X, Y, {"parameters": result["parameters"], "running": result["running"]})
    for a, b in zip(full, only, strict=True):
        np.testing.assert_array_equal(a, b)


def test_update_names_a_gradient_that_is_not_an_array():
    _, _, parameters = bn_network()
    grads = {"d" + name: np.zeros_like(value) for name, value in parameters.items()}
    grads["dgamma1"] = None
    with pytest.raises(TypeError, match="^dgamma1 must be a numeric array"):
        dh.update_bn_parameters(parameters, grads, 0.1)


def test_a_misfit_weight_matrix_names_both_layers():
    _, _, parameters = bn_network()
    parameters["W2"] = np.ones((1, 4))
    with pytest.raises(ValueError, match=r"^W2 has shape \(1, 4\), but W1 has 3 rows: W2 must be \(n\[2\], n\[1\]\)"):
        dh.bn_predict(np.ones((2, 5)), parameters, dh.initialize_running(parameters))


def test_recorded_statistics_are_the_train_mode_hidden_layers_of_each_run():
    X, Y = data()
    X_rec = data(m=12, seed=7)[0]
    runs = [{"seed": r, "learning_rate": 0.1, "scale": 1.0} for r in range(2)]
    result = dh.train_bn_stacked(X, Y, [2, 3, 4, 1], runs, num_epochs=2, mini_batch_size=8, record=X_rec)
    assert result["stats"].shape == (2, 2, 2, 2)
    for r in range(2):
        parameters = {name: value[r] for name, value in result["parameters"].items()}
        _, caches = dh.bn_network_forward(X_rec, parameters, "train")
        for l in (1, 2):
            A = caches[l][0][0]       # layer l+1's A_prev: the output of hidden layer l
            np.testing.assert_allclose(result["stats"][r, -1, l - 1], [A.mean(), A.std()], rtol=1e-10)


def test_a_logit_of_exactly_zero_predicts_class_0_as_bn_predict_does():
    X, Y, result = stacked()
    result["parameters"]["W2"] = np.zeros_like(result["parameters"]["W2"])
    result["parameters"]["b2"] = np.zeros_like(result["parameters"]["b2"])
    _, accuracies = dh.bn_stacked_evaluate(X, Y, result)
    np.testing.assert_allclose(accuracies, [np.mean(Y == 0)] * 2, rtol=1e-12)
    parameters = {name: value[0] for name, value in result["parameters"].items()}
    running = {name: value[0] for name, value in result["running"].items()}
    assert not dh.bn_predict(X, parameters, running).any()


@pytest.mark.parametrize("batchnorm, kind", [(True, "BN"), (False, "plain")])
def test_a_wrong_key_names_the_kind_of_network(batchnorm, kind):
    parameters = dh.initialize_bn_network([2, 3, 1], batchnorm=batchnorm)
    parameters["extra"] = np.ones((1, 1))
    with pytest.raises(ValueError, match=f"but a {kind} network of 2 layers has"):
        dh.bn_predict(np.ones((2, 4)), parameters, dh.initialize_running(parameters))


def test_train_bn_stacked_names_its_arguments():
    X, Y = data()
    runs = [{"seed": 0, "learning_rate": 0.1, "scale": 1.0}]
    with pytest.raises(TypeError, match="^layers_dims must "):
        dh.train_bn_stacked(X, Y, None, runs)
    with pytest.raises(ValueError, match="^num_epochs must "):
        dh.train_bn_stacked(X, Y, [2, 3, 1], runs, num_epochs=0)
    with pytest.raises(ValueError, match="layers_dims must end in 1, not 2$"):
        dh.train_bn_stacked(X, Y, [2, 3, 2], runs)
    with pytest.raises(TypeError, match="^record must be a numeric array"):
        dh.train_bn_stacked(X, Y, [2, 3, 1], runs, record="X")
    with pytest.raises(ValueError, match="^record "):
        dh.train_bn_stacked(X, Y, [2, 3, 1], runs, record=np.full((2, 3), np.nan))


def test_a_run_without_a_seed_uses_seed_0():
    X, Y = data()
    given = dh.train_bn_stacked(X, Y, [2, 3, 1], [{"seed": 0}], num_epochs=2, mini_batch_size=8)
    left_out = dh.train_bn_stacked(X, Y, [2, 3, 1], [{}], num_epochs=2, mini_batch_size=8)
    np.testing.assert_array_equal(given["costs"], left_out["costs"])
    other = dh.train_bn_stacked(X, Y, [2, 3, 1], [{"seed": 1}], num_epochs=2, mini_batch_size=8)
    assert not np.array_equal(given["costs"], other["costs"])


@pytest.mark.parametrize("batchnorm, keys", [(True, {"mean1", "var1", "mean2", "var2"}), (False, set())])
def test_stacked_running_averages_are_kept_for_the_hidden_bn_layers_only(batchnorm, keys):
    X, Y = data()
    result = dh.train_bn_stacked(X, Y, [2, 3, 4, 1], [{"seed": 0}], num_epochs=1, mini_batch_size=8,
                                 batchnorm=batchnorm)
    assert set(result["running"]) == keys


def test_a_deep_network_whose_logits_overflow_first_is_named_a_divergence():
    # with this learning rate the logits overflow while the hidden layers are still finite
    X, Y = data()
    with pytest.raises(ValueError, match="^the training diverged in epoch 0: the logits are not finite"):
        dh.bn_network_model(X, Y, [2, 3, 3, 1], learning_rate=1e100, num_epochs=5, mini_batch_size=8,
                            batchnorm=False)
