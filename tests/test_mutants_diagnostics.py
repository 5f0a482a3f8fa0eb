"""Behaviour of dnn_helpers.diagnostics that one-token mutants changed without a test noticing (tools/mutate.py).

record_training's documented defaults, the refusals of gradients that are not dicts or miss a dW, and a
learner's gradients function whose package calls check their inputs again.
"""

import numpy as np
import pytest

import dnn_helpers as dh
from dnn_helpers import diagnostics


def data(m=20, seed=0):
    rng = np.random.default_rng(seed)
    X = rng.standard_normal((2, m))
    return X, (X[0:1] * X[1:2] > 0).astype(int)


def test_record_training_defaults_are_0_0075_seed_1_and_every_10():
    X, Y = data()
    default = diagnostics.record_training(X, Y, [2, 4, 1], num_iterations=25)
    explicit = diagnostics.record_training(X, Y, [2, 4, 1], learning_rate=0.0075, num_iterations=25, seed=1,
                                           every=10)
    assert default.costs == explicit.costs
    assert default.iterations == explicit.iterations == [0, 10, 20, 24]
    assert default.learning_rate == 0.0075


def test_update_ratios_refuses_grads_missing_a_dW():
    parameters = dh.initialize_parameters_deep([2, 3, 1])
    grads = {"dW1": np.zeros((3, 2)), "db1": np.zeros((3, 1))}
    with pytest.raises(ValueError, match="^grads is missing 'dW2'"):
        diagnostics.update_ratios(parameters, grads, 0.1)


def test_gradient_norms_refuses_a_dict_without_dW1():
    with pytest.raises(TypeError, match="^grads must be the dict"):
        diagnostics.gradient_norms({"db1": np.zeros((3, 1))})


def test_a_gradients_function_that_returns_no_dict_is_refused():
    X, Y = data()
    with pytest.raises(TypeError, match=r"^gradients\(AL, Y, caches\) must return a dict"):
        diagnostics.record_training(X, Y, [2, 4, 1], num_iterations=3, gradients=lambda AL, Y, caches: [1, 2])


def test_a_learners_gradients_function_has_its_package_calls_checked():
    X, Y = data()
    with pytest.raises(ValueError, match="hidden_activation"):
        diagnostics.record_training(X, Y, [2, 4, 1], num_iterations=3,
                                    gradients=lambda AL, Y, caches: dh.L_model_backward(AL, Y, caches, "tanhh"))


def test_record_training_runs_1000_iterations_by_default():
    X, Y = data()
    assert len(diagnostics.record_training(X, Y, [2, 3, 1]).costs) == 1000


def test_the_report_states_the_thresholds_that_notebook_18_teaches():
    X, Y = data()
    run = diagnostics.record_training(X, Y, [2, 4, 1], num_iterations=25)
    thresholds = {finding.name: finding.threshold for finding in diagnostics._run_findings(run)}
    assert thresholds["not stuck at ln 2"] == "at least 0.01 away"
    assert thresholds["dead ReLUs"] == "50%"
    assert thresholds["gradients flow"] == "1e-05 to 10"
    assert thresholds["update-to-weight ratio"] == "median 1e-05 to 3e-02 (about 1e-3), first step 1"
    X_test, Y_test = data(seed=1)
    gap = diagnostics._test_findings(X, Y, X_test, Y_test, run)[1]
    assert gap.threshold == "a gap of 10%"
    check = diagnostics._gradcheck_finding(X, Y, [2, 4, 1], 1, dh.model_gradients)
    assert check.threshold == "0.001" and check.ok


def test_range_test_defaults_are_100_iterations_and_seed_1():
    X, Y = data()
    default = diagnostics.learning_rate_range_test(X, Y, [2, 3, 1], rates=[0.01, 0.3])
    explicit = diagnostics.learning_rate_range_test(X, Y, [2, 3, 1], rates=[0.01, 0.3], num_iterations=100, seed=1)
    np.testing.assert_array_equal(default.final_costs, explicit.final_costs)
    other = diagnostics.learning_rate_range_test(X, Y, [2, 3, 1], rates=[0.01, 0.3], num_iterations=101, seed=0)
    assert not np.array_equal(default.final_costs, other.final_costs)


def test_overfit_test_defaults_are_10_examples_200_iterations_0_03_and_seed_1():
    X, Y = data(m=40)
    default = diagnostics.overfit_tiny_batch(X, Y, [2, 4, 1])
    explicit = diagnostics.overfit_tiny_batch(X, Y, [2, 4, 1], m=10, num_iterations=200, learning_rate=0.03, seed=1)
    assert len(default.costs) == 200
    assert default.costs == explicit.costs
    other = diagnostics.overfit_tiny_batch(X, Y, [2, 4, 1], seed=0)
    assert default.costs != other.costs


def test_duplicates_agree_to_within_1e_9_of_the_datas_scale_by_default():
    X_train = np.array([[1.0, 0.5], [0.25, -1.0]])
    X_test = np.array([[1.0 + 0.9e-9, 0.5 + 1.5e-9], [0.25, -1.0]])   # the scale is 1: one within 1e-9, one not
    assert diagnostics.duplicate_fraction(X_train, X_test) == 0.5
    assert diagnostics.duplicate_fraction(X_train, X_test, tol=2e-9) == 1.0


def test_label_noise_is_measured_on_standardized_features():
    # feature 0: large and irrelevant, the classes interleaved along it; feature 1: tiny and separating them
    m = 40
    Y = (np.arange(m) % 2).reshape(1, m)
    X = np.vstack([np.linspace(-1000.0, 1000.0, m), np.where(Y[0] == 1, 1e-3, -1e-3)])
    assert diagnostics.label_disagreement(X, Y) == 0.0


def test_report_lines_show_costs_with_three_decimals_and_tiny_differences_as_below():
    X, Y = data()
    run = diagnostics.record_training(X, Y, [2, 4, 1], num_iterations=25)
    down = diagnostics._run_findings(run)[0]
    assert down.measured == f"from {run.costs[0]:.3f} to {run.costs[-1]:.3f}"
    check = diagnostics._gradcheck_finding(X, Y, [2, 4, 1], 1, dh.model_gradients)
    assert check.measured.startswith("relative difference below 1e-07 ")


def test_gradient_check_standardizes_large_and_constant_features():
    X, Y = data()
    X = np.vstack([X * 1e4, np.full((1, X.shape[1]), 7.0)])
    check = diagnostics._gradcheck_finding(X, Y, [3, 4, 1], 1, dh.model_gradients)
    assert check.ok and check.measured.startswith("relative difference below 1e-07 ")


def test_gradient_check_runs_up_to_3000_parameters():
    rng = np.random.default_rng(0)
    X, Y = rng.standard_normal((2999, 10)), np.array([[0, 1] * 5])
    check = diagnostics._gradcheck_finding(X, Y, [2999, 1], 1, dh.model_gradients)
    assert check.measured.startswith("relative difference ") and check.ok
    X = rng.standard_normal((3000, 10))
    skipped = diagnostics._gradcheck_finding(X, Y, [3000, 1], 1, dh.model_gradients)
    assert skipped.measured == "skipped: too many inputs for a quick check"


def test_diagnose_defaults_are_0_0075_1000_iterations_and_seed_1():
    X, Y = data()
    report = diagnostics.diagnose(X, Y, [2, 3, 1])
    assert report.record.learning_rate == 0.0075 and len(report.record.costs) == 1000
    explicit = diagnostics.record_training(X, Y, [2, 3, 1], 0.0075, 1000, seed=1)
    assert report.record.costs == explicit.costs


def test_update_ratios_names_a_bad_learning_rate():
    parameters = dh.initialize_parameters_deep([2, 3, 1])
    grads = {"dW1": np.zeros((3, 2)), "dW2": np.zeros((1, 3))}
    with pytest.raises(ValueError, match="^learning_rate must be a positive number"):
        diagnostics.update_ratios(parameters, grads, -1.0)


def test_label_noise_is_measured_from_20_examples():
    X, Y = data(m=20)
    assert diagnostics._noise_finding(X, Y).measured.endswith("of the labels disagree with most of their 5 nearest "
                                                              "neighbours")
    assert diagnostics._noise_finding(*data(m=19)).measured == "skipped: fewer than 20 examples"


@pytest.mark.filterwarnings("error")
def test_an_overflowing_gradient_norm_is_inf_without_a_warning():
    norms = diagnostics.gradient_norms({"dW1": np.full((2, 2), 1e200), "dW2": np.ones((1, 2))})
    assert np.isinf(norms[0]) and norms[1] == pytest.approx(np.sqrt(2))


@pytest.mark.parametrize("option, error, name", [({"learning_rate": -1.0}, ValueError, "learning_rate"),
                                                 ({"num_iterations": 0}, ValueError, "num_iterations"),
                                                 ({"every": 0}, ValueError, "every")])
def test_record_training_names_a_bad_option(option, error, name):
    X, Y = data()
    with pytest.raises(error, match=f"^{name} must"):
        diagnostics.record_training(X, Y, [2, 3, 1], **option)


@pytest.mark.parametrize("option, name", [({"m": 0}, "m"), ({"learning_rate": -1.0}, "learning_rate"),
                                          ({"num_iterations": 0}, "num_iterations")])
def test_overfit_test_names_a_bad_option(option, name):
    X, Y = data()
    with pytest.raises(ValueError, match=f"^{name} must"):
        diagnostics.overfit_tiny_batch(X, Y, [2, 3, 1], **option)


def test_duplicates_are_found_in_every_block_of_test_columns():
    rng = np.random.default_rng(0)
    X_train = rng.standard_normal((2, 300))
    assert diagnostics.duplicate_fraction(X_train, X_train[:, ::-1]) == 1.0


def test_label_noise_names_a_bad_k():
    X, Y = data()
    with pytest.raises(ValueError, match="^k must be at least 1"):
        diagnostics.label_disagreement(X, Y, k=0)


def test_a_finding_line_is_ticked_when_fine_and_crossed_with_its_fix_when_not():
    fine = diagnostics.Finding("dead ReLUs", "layer 1: 0% dead", "50%", True, "a fix")
    bad = diagnostics.Finding("dead ReLUs", "layer 1: 80% dead", "50%", False, "a fix")
    assert fine.lines() == ["✓ dead ReLUs: layer 1: 0% dead (threshold 50%)"]
    assert bad.lines() == ["✗ dead ReLUs: layer 1: 80% dead (threshold 50%)", "    fix: a fix"]


def test_gradient_check_runs_on_5_standardized_examples():
    X, Y = data()
    X = X * 50 + 3
    seen = []

    def gradients(AL, Y, caches):
        seen.append(caches[0][0][0])          # layer 1's A_prev: the inputs the check used
        return dh.model_gradients(AL, Y, caches)

    assert diagnostics._gradcheck_finding(X, Y, [2, 4, 1], 1, gradients).ok
    X5 = seen[0]
    assert X5.shape == (2, 5)
    np.testing.assert_allclose(X5.mean(axis=1), 0, atol=1e-12)
    np.testing.assert_allclose(X5.std(axis=1), 1, rtol=1e-12)


def test_inputs_up_to_a_scale_of_10_count_as_scaled():
    assert diagnostics._input_finding(np.array([[10.0, 10.0], [0.0, 1.0]])).ok
    assert not diagnostics._input_finding(np.array([[10.5, 10.5], [0.0, 1.0]])).ok


def test_a_tiny_number_at_its_threshold_is_shown_not_called_below():
    assert diagnostics._small(1e-7, 1e-7) == "1e-07"
    assert diagnostics._small(0.9e-7, 1e-7) == "below 1e-07"


def test_a_zero_start_is_weights_that_stopped_moving_not_steps_too_large():
    X, Y = data()
    zeros = {name: np.zeros_like(value) for name, value in dh.initialize_parameters_deep([2, 3, 1]).items()}
    run = diagnostics.record_training(X, Y, [2, 3, 1], num_iterations=5, parameters=zeros)
    ratio = {finding.name: finding for finding in diagnostics._run_findings(run)}["update-to-weight ratio"]
    assert not ratio.ok and ratio.fix.startswith("a layer's weights stopped moving")


def test_update_ratios_refuses_grads_that_are_not_a_dict():
    parameters = dh.initialize_parameters_deep([2, 3, 1])
    with pytest.raises(TypeError, match="^grads must be the dict"):
        diagnostics.update_ratios(parameters, [np.zeros((3, 2)), np.zeros((1, 3))], 0.1)
