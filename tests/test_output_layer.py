"""The output layer (sigmoid + binary cross-entropy, softmax + categorical cross-entropy) and K classes."""

import numpy as np
import pytest

import dnn_helpers as dh
from dnn_helpers.output_layer import OUTPUT_LAYERS, output_gradient, output_layer_for
from dnn_helpers.playground import Playground


def test_softmax_columns_sum_to_one_and_known_values():
    Z = np.array([[1.0, 0.0], [2.0, 0.0], [3.0, 0.0]])
    A, cache = dh.softmax(Z)
    np.testing.assert_allclose(A.sum(axis=0), [1.0, 1.0])
    e = np.exp([1.0, 2.0, 3.0])
    np.testing.assert_allclose(A[:, 0], e / e.sum(), rtol=1e-15)
    np.testing.assert_allclose(A[:, 1], [1 / 3] * 3)
    assert cache is not None and cache.shape == Z.shape


def test_softmax_is_stable_for_huge_logits():
    A, _ = dh.softmax(np.array([[1000.0, -1000.0], [999.0, -1001.0]]))  # RuntimeWarning is an error here
    np.testing.assert_allclose(A[:, 0], [1 / (1 + np.exp(-1)), 1 / (1 + np.exp(1))])
    np.testing.assert_allclose(A[:, 1], A[:, 0])


def test_softmax_keeps_float32():
    A, _ = dh.softmax(np.ones((3, 2), dtype=np.float32))
    assert A.dtype == np.float32


def test_sigmoid_is_softmax_over_two_logits():
    z = np.array([[-3.0, 0.5, 2.0]])
    A, _ = dh.softmax(np.vstack([z, np.zeros_like(z)]))
    np.testing.assert_allclose(A[0], dh.sigmoid(z)[0][0], rtol=1e-14)


def test_one_hot():
    np.testing.assert_array_equal(dh.one_hot(np.array([[2, 0, 1]]), 3), [[0, 1, 0], [0, 0, 1], [1, 0, 0]])
    np.testing.assert_array_equal(dh.one_hot([1, 1], 2), [[0, 0], [1, 1]])
    with pytest.raises(ValueError, match=r"labels must lie in 0..2 for K = 3; found 0 to 3"):
        dh.one_hot([0, 3], 3)
    with pytest.raises(ValueError, match="K, the number of classes, must be a whole number of at least 2"):
        dh.one_hot([0, 1], 1)
    with pytest.raises(TypeError, match="labels must be whole class numbers"):
        dh.one_hot([0.5, 1.0], 2)


def test_categorical_cost_known_value_and_binary_case():
    AL = np.array([[0.7, 0.2], [0.2, 0.5], [0.1, 0.3]])
    Y = dh.one_hot([0, 1], 3)
    assert dh.categorical_cost(AL, Y) == pytest.approx(-(np.log(0.7) + np.log(0.5)) / 2, rel=1e-14)
    p = np.array([[0.9, 0.2, 0.6]])
    y = np.array([[1, 0, 0]])
    two = dh.categorical_cost(np.vstack([p, 1 - p]), np.vstack([y, 1 - y]))
    assert two == pytest.approx(dh.compute_cost(p, y), rel=1e-14)


def test_categorical_cost_is_finite_at_zero_probability():
    cost = dh.categorical_cost(np.array([[1.0, 0.0], [0.0, 1.0]]), dh.one_hot([1, 0], 2))
    assert np.isfinite(cost) and cost > 30


def test_categorical_cost_refuses_columns_that_do_not_sum_to_one():
    Y = dh.one_hot([0, 1, 2, 1], 3)
    sigmoid_per_unit = dh.sigmoid(np.array([[2.0, 0.0, -1.0, 0.5], [0.0, 1.0, 0.0, 3.0], [-1.0, 0.0, 2.0, 0.0]]))[0]
    with pytest.raises(ValueError, match=r"AL's columns must each sum to 1 \(a softmax output\); column 3 sums to "
                                         r"2\.075.*softmax"):
        dh.categorical_cost(sigmoid_per_unit, Y)
    rounded = np.array([[0.7, 0.2, 0.1, 0.3], [0.2, 0.5, 0.3, 0.3], [0.1, 0.3, 0.6, 0.4]], np.float32)
    assert np.isfinite(dh.categorical_cost(rounded, Y))     # float32 rounding of a sum of 1 is accepted


def test_categorical_cost_teaching_errors():
    with pytest.raises(ValueError, match=r"use dh.one_hot\(Y, 3\)"):
        dh.categorical_cost(np.full((3, 2), 1 / 3), np.array([[0, 2]]))
    with pytest.raises(ValueError, match="must be one-hot"):
        dh.categorical_cost(np.full((2, 2), 0.5), np.array([[1, 1], [1, 0]]))
    with pytest.raises(ValueError, match=r"probabilities in \[0, 1\] \(the softmax output\)"):
        dh.categorical_cost(np.array([[2.0], [-1.0]]), dh.one_hot([0], 2))


def test_output_kind_follows_the_number_of_output_units():
    assert output_layer_for(1).name == "sigmoid" and output_layer_for(10).name == "softmax"
    assert set(OUTPUT_LAYERS) == {"sigmoid", "softmax"}
    np.testing.assert_allclose(output_gradient(np.array([[0.2, 0.9]]), np.array([[0, 1]])), [[0.2, -0.1]], rtol=1e-15)


@pytest.fixture(scope="module")
def three_blobs():
    rng = np.random.default_rng(0)
    centers = np.array([[0, 0], [3, 0], [0, 3]])
    labels = rng.integers(0, 3, 150)
    X = (centers[labels] + rng.normal(0, 0.5, (150, 2))).T
    return X, dh.one_hot(labels, 3), labels


def test_softmax_network_forward_backward_gradient_check(three_blobs):
    X, Y, _ = three_blobs
    parameters = dh.initialize_parameters_deep([2, 5, 4, 3], seed=1, method="xavier")
    AL, caches = dh.L_model_forward(X[:, :20], parameters, "tanh")
    assert AL.shape == (3, 20)
    np.testing.assert_allclose(AL.sum(axis=0), 1.0)
    grads = dh.L_model_backward(AL, Y[:, :20], caches, "tanh")
    fast = dh.model_gradients(AL, Y[:, :20], caches, "tanh")
    for key in fast:
        np.testing.assert_allclose(grads[key], fast[key], atol=1e-14)

    def cost(p):
        return dh.categorical_cost(dh.L_model_forward(X[:, :20], p, "tanh")[0], Y[:, :20])

    numeric = dh.numerical_gradients(cost, parameters)
    for key in numeric:
        np.testing.assert_allclose(grads[key], numeric[key], rtol=1e-5, atol=1e-8)


def test_softmax_training_predict_accuracy_confusion(three_blobs):
    X, Y, labels = three_blobs
    parameters, costs = dh.L_layer_model(X, Y, [2, 8, 3], learning_rate=0.5, num_iterations=300, seed=2)
    assert costs[0] == pytest.approx(np.log(3), abs=0.3) and costs[-1] < 0.15
    predictions = dh.predict(X, parameters)
    assert predictions.shape == (1, 150) and predictions.dtype == np.int64
    assert dh.accuracy(labels.reshape(1, -1), predictions) > 0.95
    assert dh.accuracy(Y, predictions) == dh.accuracy(labels.reshape(1, -1), predictions)
    counts = dh.confusion_matrix(Y, predictions)
    assert counts.shape == (3, 3) and counts.sum() == 150
    np.testing.assert_array_equal(counts.sum(axis=1), np.bincount(labels, minlength=3))


def test_confusion_matrix_for_k_classes():
    counts = dh.confusion_matrix(np.array([[0, 1, 2, 2, 1]]), np.array([[0, 2, 2, 1, 1]]))
    np.testing.assert_array_equal(counts, [[1, 0, 0], [0, 1, 1], [0, 1, 1]])
    assert dh.confusion_matrix(np.array([[0, 1]]), np.array([[0, 1]]), K=4).shape == (4, 4)
    with pytest.raises(ValueError, match="class 2 occurs"):
        dh.confusion_matrix(np.array([[0, 2]]), np.array([[0, 1]]), K=2)


def test_trained_parameters_remember_their_activation(three_blobs, tmp_path):
    X, Y, _ = three_blobs
    parameters, _ = dh.L_layer_model(X, Y, [2, 6, 3], learning_rate=0.5, num_iterations=20, seed=2,
                                     hidden_activation="tanh")
    assert isinstance(parameters, dh.Parameters) and parameters.hidden_activation == "tanh"
    assert sorted(parameters) == ["W1", "W2", "b1", "b2", "hidden_activation"]   # a non-relu net holds its activation
    with_tanh = dh.predict_proba(X, parameters)
    np.testing.assert_array_equal(with_tanh, dh.L_model_forward(X, dict(parameters), "tanh")[0])
    with pytest.raises(ValueError, match=r"trained with hidden_activation='tanh', but hidden_activation='relu'"):
        dh.predict(X, parameters, hidden_activation="relu")
    path = tmp_path / "model.npz"
    dh.save_parameters(path, parameters)
    loaded = dh.load_parameters(path)
    assert loaded.hidden_activation == "tanh" and sorted(loaded) == ["W1", "W2", "b1", "b2", "hidden_activation"]
    np.testing.assert_array_equal(dh.predict_proba(X, loaded), with_tanh)


def test_save_records_an_explicit_activation_and_output(tmp_path):
    parameters = dh.initialize_parameters_deep([2, 3, 1], seed=0)
    path = tmp_path / "plain.npz"
    dh.save_parameters(path, parameters, hidden_activation="leaky_relu")
    with np.load(path) as data:
        assert str(data["hidden_activation"]) == "leaky_relu" and str(data["output"]) == "sigmoid"
    assert dh.load_parameters(path).hidden_activation == "leaky_relu"


def test_a_file_whose_output_kind_contradicts_its_shapes_is_refused(tmp_path):
    parameters = dh.initialize_parameters_deep([2, 3, 1], seed=0)
    path = tmp_path / "liar.npz"
    np.savez(path, **parameters, hidden_activation=np.array("relu"), output=np.array("softmax"))
    with pytest.raises(ValueError, match="says its output is 'softmax', but W2 has 1 rows"):
        dh.load_parameters(path)


def test_a_file_with_an_unknown_activation_is_refused(tmp_path):
    parameters = dh.initialize_parameters_deep([2, 3, 1], seed=0)
    path = tmp_path / "odd.npz"
    np.savez(path, **parameters, hidden_activation=np.array("swish"))
    with pytest.raises(ValueError, match="hidden_activation must be one of"):
        dh.load_parameters(path)


def test_old_files_without_metadata_load_as_relu(tmp_path):
    parameters = dh.initialize_parameters_deep([2, 3, 1], seed=0)
    path = tmp_path / "old.npz"
    np.savez(path, **parameters)
    assert dh.load_parameters(path).hidden_activation == "relu"


def test_one_hot_edge_cases_and_messages():
    np.testing.assert_array_equal(dh.one_hot(np.array([0.0, 2.0]), 3), [[1, 0], [0, 0], [0, 1]])   # whole floats
    np.testing.assert_array_equal(dh.one_hot(np.array([[1]]), 2), [[0], [1]])
    assert dh.one_hot(np.array([], dtype=np.int64), 3).shape == (3, 0)
    with pytest.raises(ValueError, match=r"labels has shape \(2, 2\); one_hot takes a row \(1, m\) or a vector"):
        dh.one_hot(np.array([[0, 1], [1, 0]]), 3)
    with pytest.raises(ValueError, match=r"labels must lie in 0..2 for K = 3; found -1 to 0"):
        dh.one_hot([0, -1], 3)
    for K in (True, 2.0):
        with pytest.raises(ValueError, match=rf"must be a whole number of at least 2; got {K!r}"):
            dh.one_hot([0, 1], K)
    assert dh.one_hot([0, 1], np.int64(2)).shape == (2, 2)
    with pytest.raises(TypeError, match=r"labels must be whole class numbers 0..1; got dtype float64"):
        dh.one_hot([0.5, 1.0], 2)


def test_check_one_hot_shapes_and_values():
    from dnn_helpers.output_layer import check_one_hot
    with pytest.raises(ValueError, match=r"Y has shape \(2, 3\), but it must be \(K, m\) = \(2, 2\): one one-hot "
                                         r"column per example"):
        check_one_hot(np.ones((2, 3)), 2, 2)
    with pytest.raises(ValueError, match="Y must be one-hot: each column holds a single 1 and K - 1 zeros"):
        check_one_hot(np.array([[0.5, 1.0], [0.5, 0.0]]), 2, 2)   # columns sum to 1, but not 0/1 values
    np.testing.assert_array_equal(check_one_hot(np.array([[1, 0, 0], [0, 1, 1]]), 2, 3), [[1, 0, 0], [0, 1, 1]])


def test_sigmoid_output_predicts_above_one_half():
    predict = OUTPUT_LAYERS["sigmoid"].predict
    predictions = predict(np.array([[0.2, 0.5, 0.5000001, 0.7]]))
    np.testing.assert_array_equal(predictions, [[0, 0, 1, 1]])
    assert predictions.dtype == np.int64
    np.testing.assert_array_equal(OUTPUT_LAYERS["softmax"].predict(np.array([[0.1, 0.7], [0.9, 0.3]])), [[1, 0]])
    assert OUTPUT_LAYERS["softmax"].predict(np.array([[0.2], [0.8]])).shape == (1, 1)


def test_softmax_of_a_single_class_row_and_a_single_column():
    A, _ = dh.softmax(np.array([[3.0, -2.0, 0.5]]))
    np.testing.assert_array_equal(A, [[1.0, 1.0, 1.0]])
    A, _ = dh.softmax(np.array([[0.0], [np.log(3.0)]]))
    np.testing.assert_allclose(A, [[0.25], [0.75]], rtol=1e-15)


def test_softmax_backward_by_hand():
    parameters = {"W1": np.array([[1.0], [-1.0]]), "b1": np.zeros((2, 1))}
    X, Y = np.array([[0.0, np.log(3.0) / 2]]), dh.one_hot([0, 1], 2)
    AL, caches = dh.L_model_forward(X, parameters)
    np.testing.assert_allclose(AL, [[0.5, 0.75], [0.5, 0.25]], rtol=1e-14)
    grads = dh.L_model_backward(AL, Y, caches)
    dZ = np.array([[-0.5, 0.75], [0.5, -0.75]])
    np.testing.assert_allclose(grads["dW1"], dZ @ X.T / 2, rtol=1e-14)
    np.testing.assert_allclose(grads["db1"], [[0.125], [-0.125]], rtol=1e-14)
    np.testing.assert_allclose(grads["dA0"], parameters["W1"].T @ dZ, rtol=1e-14)


# --- the costs from the logits, and what the training loops report ---

def test_categorical_cost_from_logits_equals_the_probability_form_where_nothing_saturates():
    rng = np.random.default_rng(4)
    Z = rng.normal(scale=3.0, size=(5, 300))
    Y = dh.one_hot(rng.integers(0, 5, 300), 5)
    cost = dh.categorical_cost_from_logits(Z, Y)
    assert isinstance(cost, float)
    assert cost == pytest.approx(dh.categorical_cost(dh.softmax(Z)[0], Y), abs=1e-12)


def test_categorical_cost_from_logits_hand_value_and_two_classes_is_softplus():
    Z = np.array([[0.0, 2.0], [0.0, -1.0], [0.0, 0.5]])
    Y = dh.one_hot([1, 0], 3)
    expected = (np.log(3.0) + (np.log(np.exp(2.0) + np.exp(-1.0) + np.exp(0.5)) - 2.0)) / 2
    assert dh.categorical_cost_from_logits(Z, Y) == pytest.approx(expected, rel=1e-14)
    z = np.array([[1.5, -3.0, 7.0]])      # softmax over (z, 0) is sigmoid(z): the same cost as one unit
    y = np.array([[1, 0, 0]])
    two = dh.categorical_cost_from_logits(np.vstack([z, np.zeros_like(z)]), np.vstack([y, 1 - y]))
    assert two == pytest.approx(dh.compute_cost_from_logits(z, y), rel=1e-13)


@pytest.mark.parametrize("gap", [20.0, 40.0, 60.0])
def test_categorical_cost_from_logits_near_saturation_value_and_gradient(gap):
    """The true loss at logit gaps of 20 to 60, and finite differences against (softmax(Z) - Y) / m."""
    Z = np.array([[gap, 0.0, 0.3 * gap], [0.0, gap, 0.0], [-gap, 0.5 * gap, 0.0]])
    Y = dh.one_hot([1, 1, 2], 3)          # column 0 wrong by the full gap; column 1 right; column 2 a tie
    A = dh.softmax(Z)[0]
    true_losses = [gap + np.log1p(np.exp(-gap) + np.exp(-2 * gap)), np.log1p(np.exp(-gap) + np.exp(-0.5 * gap)),
                   np.log(np.exp(0.3 * gap) + 2.0)]
    assert dh.categorical_cost_from_logits(Z, Y) == pytest.approx(np.mean(true_losses), rel=1e-12)
    m, h = Z.shape[1], 1e-4
    numeric = np.zeros_like(Z)
    for index in np.ndindex(*Z.shape):
        up, down = Z.copy(), Z.copy()
        up[index] += h
        down[index] -= h
        numeric[index] = (dh.categorical_cost_from_logits(up, Y) - dh.categorical_cost_from_logits(down, Y)) / (2 * h)
    np.testing.assert_allclose(numeric, (A - Y) / m, rtol=1e-6, atol=1e-9)
    if gap >= 40:   # the clipped probability form caps column 0's loss at 36.04 instead of about gap
        assert dh.categorical_cost(A, Y) < np.mean(true_losses) - (gap - 37) / m


def test_categorical_cost_from_logits_float32_and_teaching_errors():
    Z = np.array([[1000.0, 0.0], [-1000.0, 0.0]], np.float32)
    assert dh.categorical_cost_from_logits(Z, dh.one_hot([1, 0], 2)) == pytest.approx((2000.0 + np.log(2)) / 2)
    with pytest.raises(ValueError, match=r"must be \(K, m\) = \(2, 2\)"):
        dh.categorical_cost_from_logits(Z, np.eye(3))
    with pytest.raises(ValueError, match="ZL contains NaN or inf"):
        dh.categorical_cost_from_logits(np.array([[np.nan, 0.0], [0.0, 0.0]]), dh.one_hot([1, 0], 2))


def test_each_output_kind_pairs_its_logit_cost():
    assert OUTPUT_LAYERS["sigmoid"].cost_from_logits is dh.compute_cost_from_logits
    assert OUTPUT_LAYERS["softmax"].cost_from_logits is dh.categorical_cost_from_logits


def test_output_cost_reads_the_last_layers_Z_with_or_without_dropout():
    rng = np.random.default_rng(5)
    X = rng.normal(size=(3, 40))
    Y = (rng.random((1, 40)) < 0.5).astype(np.int64)
    parameters = dh.initialize_parameters_deep([3, 4, 1], seed=2)
    AL, caches = dh.L_model_forward(X, parameters)
    assert dh.output_cost(caches, Y) == pytest.approx(dh.compute_cost(AL, Y), abs=1e-12)
    AL, caches = dh.L_model_forward_with_dropout(X, parameters, keep_prob=0.7, seed=1)
    assert dh.output_cost(caches, Y) == pytest.approx(dh.compute_cost(AL, Y), abs=1e-12)
    with pytest.raises(TypeError, match="caches must be the non-empty list"):
        dh.output_cost([], Y)


def test_training_loops_report_the_cost_from_the_logits():
    """Unsaturated: the same costs as the probability form to 1e-12. Saturated (a logit gap of 60, wrong):
    the true loss, 60 per wrong example, where the clipped form would report 36.04."""
    rng = np.random.default_rng(6)
    X = rng.normal(size=(2, 30))
    Y = (X[:1] + X[1:] > 0).astype(np.int64)
    parameters, costs = dh.L_layer_model(X, Y, [2, 3, 1], learning_rate=0.1, num_iterations=5, seed=1)
    replay = dh.initialize_parameters_deep([2, 3, 1], seed=1, method="xavier")
    for cost in costs:
        AL, caches = dh.L_model_forward(X, replay)
        assert cost == pytest.approx(dh.compute_cost(AL, Y), abs=1e-12)
        replay = dh.update_parameters(replay, dh.model_gradients(AL, Y, caches, "relu"), 0.1)
    X1, Y1 = np.array([[1.0, -1.0]]), np.array([[0, 1]])
    start = {"W1": np.array([[60.0]]), "b1": np.array([[0.0]])}
    _, costs = dh.L_layer_model(X1, Y1, [1, 1], learning_rate=1e-9, num_iterations=1, parameters=start)
    assert costs[0] == pytest.approx(60.0, rel=1e-9)
    _, costs = dh.improved_model(X1, Y1, [1, 1], learning_rate=1e-9, num_epochs=1, parameters=start, lambd=2.0)
    assert costs[0] == pytest.approx(60.0 + 2.0 / (2 * 2) * 60.0 ** 2, rel=1e-9)   # + (lambd / 2m) ||W||^2


def test_the_playground_reports_the_cost_from_the_logits():
    engine = Playground(hidden_layers=(4,))
    engine.weights = {name: 300 * value for name, value in engine.weights.items()}   # saturate the output
    AL, caches = dh.L_model_forward(engine.X_test, engine.weights, engine.settings["hidden_activation"])
    result = engine.evaluate()
    assert result["test_cost"] == dh.output_cost(caches, engine.Y_test)
    assert result["test_cost"] > dh.compute_cost(AL, engine.Y_test) + 1.0   # the clip would have hidden this
