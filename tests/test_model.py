import warnings

import numpy as np
import pytest
from sklearn.exceptions import ConvergenceWarning
from sklearn.neural_network import MLPClassifier

import dnn_helpers as dh
from dnn_helpers.model import check_training_data


@pytest.fixture(scope="module")
def moons():
    return dh.make_moons(120, noise=0.1, seed=0)


def test_same_as_the_textbook_loop(moons, textbook_loop):
    X, Y = moons
    params, costs = dh.L_layer_model(X, Y, [2, 5, 3, 1], learning_rate=0.3, num_iterations=50, seed=4)
    ref_params, ref_costs = textbook_loop(X, Y, [2, 5, 3, 1], 0.3, 50, 4)
    np.testing.assert_allclose(costs, ref_costs, rtol=1e-12)
    for key in params:
        np.testing.assert_allclose(params[key], ref_params[key], rtol=1e-10, atol=1e-13)


def test_learns_the_moons(moons):
    X, Y = moons
    params, costs = dh.L_layer_model(X, Y, [2, 8, 4, 1], learning_rate=0.5, num_iterations=1500)
    assert len(costs) == 1500 and costs[-1] < 0.1 < 0.6 < costs[0]
    assert dh.accuracy(Y, dh.predict(X, params)) > 0.97


def test_deterministic(moons):
    X, Y = moons
    a = dh.L_layer_model(X, Y, [2, 4, 1], num_iterations=20, seed=3)
    b = dh.L_layer_model(X, Y, [2, 4, 1], num_iterations=20, seed=3)
    assert a[1] == b[1] and all(np.array_equal(a[0][k], b[0][k]) for k in a[0])


def test_inputs_untouched_and_start_parameters_copied(moons):
    X, Y = moons
    X0, start = X.copy(), dh.initialize_parameters_deep([2, 4, 1], seed=2)
    saved = {k: v.copy() for k, v in start.items()}
    dh.L_layer_model(X, Y, [2, 4, 1], num_iterations=5, parameters=start)
    assert np.array_equal(X, X0) and all(np.array_equal(start[k], saved[k]) for k in start)


def test_float32_trains_in_float32(moons):
    X, Y = moons
    params, costs = dh.L_layer_model(X.astype(np.float32), Y, [2, 4, 1], learning_rate=0.5, num_iterations=200)
    assert all(v.dtype == np.float32 for v in params.values())
    assert costs[-1] < costs[0]


def test_print_cost_every_100(moons, capsys):
    X, Y = moons
    _, costs = dh.L_layer_model(X, Y, [2, 3, 1], num_iterations=201, print_cost=True)
    lines = capsys.readouterr().out.splitlines()
    assert lines == [f"Cost after iteration {i}: {costs[i]:.4f}" for i in (0, 100, 200)]
    _, costs = dh.L_layer_model(X, Y, [2, 3, 1], num_iterations=150, print_cost=True)
    assert capsys.readouterr().out.splitlines()[-1] == f"Cost after iteration 149: {costs[149]:.4f}"


def test_callback_sees_every_iteration(moons):
    X, Y = moons
    seen = []
    dh.L_layer_model(X, Y, [2, 3, 1], num_iterations=7, callback=lambda i, p, g, c: seen.append((i, set(g))))
    assert [i for i, _ in seen] == list(range(7))
    assert seen[0][1] == {"dW1", "db1", "dW2", "db2"}


def test_saturation_produces_no_nan():
    X = np.array([[-50.0, -40.0, 40.0, 50.0]])
    Y = np.array([[0, 0, 1, 1]])
    params, costs = dh.L_layer_model(X, Y, [1, 2, 1], learning_rate=0.01, num_iterations=200,
                                     initialization="large", seed=0)
    AL = dh.predict_proba(X, params)
    assert ((AL == 0) | (AL == 1)).any()  # the output did saturate
    assert np.isfinite(costs).all() and all(np.isfinite(v).all() for v in params.values())


def test_divergence_is_a_teaching_error():
    X = np.array([[-50.0, -40.0, 40.0, 50.0]])
    Y = np.array([[0, 1, 0, 1]])
    with pytest.raises(ValueError, match=r"training diverged at iteration \d+.*learning_rate 1000.0 may be too large"
                                         r".*X holds values up to 50.*standardize X"):
        dh.L_layer_model(X, Y, [1, 2, 1], learning_rate=1000.0, num_iterations=500, initialization="large")


def test_divergence_on_standardized_data_does_not_blame_the_scale():
    from dnn_helpers.model import overflow_as_teaching_error
    X = np.array([[-1.2, -1.0, 1.0, 1.2]])
    with pytest.raises(ValueError, match="iteration 2: .*learning_rate 5.0 may be too large") as caught:
        with overflow_as_teaching_error(5.0, [0.7, 0.6], X):
            np.exp(np.array([1000.0]))
    assert "standardize" not in str(caught.value) and "lambd" not in str(caught.value)


def test_divergence_from_a_huge_lambd_names_lambd():
    X = np.array([[-1.2, -1.0, 1.0, 1.2]])
    Y = np.array([[0, 1, 0, 1]])
    with pytest.raises(ValueError, match=r"lambd = 100000.0.*try a lambd below 40"):
        dh.improved_model(X, Y, [1, 3, 1], learning_rate=0.1, num_epochs=500, lambd=1e5)


def test_two_layer_model_uses_small_init(moons):
    X, Y = moons
    params, costs = dh.two_layer_model(X, Y, (2, 6, 1), learning_rate=1.0, num_iterations=300)
    assert np.isclose(costs[0], np.log(2), atol=1e-3)  # x 0.01 weights: a coin-flip start
    assert costs[-1] < 0.5
    with pytest.raises(ValueError, match=r"\(n_x, n_h, n_y\)"):
        dh.two_layer_model(X, Y, [2, 3, 3, 1])


def test_zero_iterations_is_a_teaching_error(moons):
    X, Y = moons
    with pytest.raises(ValueError, match="num_iterations is 0: the network would not be trained at all"):
        dh.L_layer_model(X, Y, [2, 3, 1], num_iterations=0, seed=5)
    with pytest.raises(ValueError, match="num_epochs is 0"):
        dh.improved_model(X, Y, [2, 3, 1], num_epochs=0)


def test_no_examples_is_a_teaching_error():
    with pytest.raises(ValueError, match=r"m = 0"):
        dh.L_layer_model(np.zeros((2, 0)), np.zeros((1, 0)), [2, 3, 1], num_iterations=5)


@pytest.mark.parametrize("kwargs, error, message", [
    (dict(learning_rate=0), ValueError, "learning_rate must be a positive number; got 0"),
    (dict(learning_rate=-1.0), ValueError, "learning_rate must be a positive number"),
    (dict(num_iterations=-5), ValueError, "num_iterations must be at least 0; got -5"),
    (dict(num_iterations=2.5), TypeError, "num_iterations must be a whole number"),
    (dict(hidden_activation="elu"), ValueError, "hidden_activation must be one of"),
])
def test_bad_settings(moons, kwargs, error, message):
    X, Y = moons
    with pytest.raises(error, match=message):
        dh.L_layer_model(X, Y, [2, 3, 1], **kwargs)


def test_X_rows_do_not_match_layers_dims(moons):
    X, Y = moons
    with pytest.raises(ValueError, match=r"X has 2 rows but layers_dims\[0\] is 12288; X must be \(n_x, m\)"):
        dh.L_layer_model(X, Y, [12288, 3, 1])


def test_X_transposed(moons):
    X, Y = moons
    with pytest.raises(ValueError, match="looks transposed"):
        dh.L_layer_model(X.T, Y, [2, 3, 1])


@pytest.mark.parametrize("bad", [np.nan, np.inf])
def test_nan_or_inf_in_X(moons, bad):
    X, Y = moons
    X = X.copy()
    X[1, 7] = bad
    with pytest.raises(ValueError, match="X contains 1 NaN or inf value.*row 1, column 7"):
        dh.L_layer_model(X, Y, [2, 3, 1])


def test_nan_in_Y(moons):
    X, Y = moons
    Y = Y.astype(float)
    Y[0, 3] = np.nan
    with pytest.raises(ValueError, match="Y contains NaN or inf"):
        dh.L_layer_model(X, Y, [2, 3, 1])


def test_Y_not_binary_or_wrong_shape(moons):
    X, Y = moons
    with pytest.raises(ValueError, match="only 0 and 1"):
        dh.L_layer_model(X, Y * 2 - 1, [2, 3, 1])
    with pytest.raises(ValueError, match=r"reshape\(1, -1\)"):
        dh.L_layer_model(X, Y.ravel(), [2, 3, 1])


def test_non_numeric_X(moons):
    _, Y = moons
    with pytest.raises(TypeError, match="X must hold .*numbers"):
        dh.L_layer_model(np.full((2, 120), "x"), Y, [2, 3, 1])


@pytest.mark.parametrize("dims, message", [([2], "at least two sizes"), ([2, 0, 1], r"layers_dims\[1\] is 0"),
                                           ([2, 3, 2], r"one-hot labels.*use dh.one_hot\(Y, 2\)")])
def test_bad_layers_dims(moons, dims, message):
    X, Y = moons
    with pytest.raises(ValueError, match=message):
        dh.L_layer_model(X, Y, dims)


def test_start_parameters_must_fit(moons):
    X, Y = moons
    with pytest.raises(ValueError, match="needs"):
        dh.L_layer_model(X, Y, [2, 3, 1], parameters=dh.initialize_parameters_deep([2, 4, 1]))


def test_one_example_two_steps_by_hand():
    """m = 1 trains (one example is enough data); the first step from zero weights is -rate * (AL - y) x."""
    X, Y = np.array([[0.5], [1.0]]), np.array([[1]])
    start = {"W1": np.zeros((1, 2)), "b1": np.zeros((1, 1))}
    params, costs = dh.L_layer_model(X, Y, [2, 1], learning_rate=0.5, num_iterations=2, parameters=start)
    # step 1: AL = 0.5, dZ = -0.5 -> W = 0.5 * 0.5 * [0.5, 1] = [0.125, 0.25], b = 0.25; then z = 0.5625
    z = 0.125 * 0.5 + 0.25 * 1.0 + 0.25
    assert costs == pytest.approx([np.log(2), np.log1p(np.exp(-z))], rel=1e-14)
    dZ = 1 / (1 + np.exp(-z)) - 1
    np.testing.assert_allclose(params["W1"], [[0.125 - 0.5 * dZ * 0.5, 0.25 - 0.5 * dZ]], rtol=1e-14)
    np.testing.assert_allclose(params["b1"], [[0.25 - 0.5 * dZ]], rtol=1e-14)
    assert params.hidden_activation == "relu"


def test_model_gradients_by_hand():
    parameters = {"W1": np.array([[1.0], [-2.0]]), "b1": np.array([[0.0], [1.0]]),
                  "W2": np.array([[0.5, -1.0]]), "b2": np.zeros((1, 1))}
    X, Y = np.array([[1.0, -1.0]]), np.array([[1, 0]])
    AL, caches = dh.L_model_forward(X, parameters)
    grads = dh.model_gradients(AL, Y, caches)
    assert set(grads) == {"dW1", "db1", "dW2", "db2"}
    dZ2 = AL - Y
    A1 = np.array([[1.0, 0.0], [0.0, 3.0]])   # relu of Z1 = [[1, -1], [-1, 3]]
    np.testing.assert_allclose(grads["dW2"], dZ2 @ A1.T / 2, rtol=1e-12)
    dZ1 = np.array([[0.5], [-1.0]]) @ dZ2 * (A1 > 0)
    np.testing.assert_allclose(grads["dW1"], dZ1 @ X.T / 2, rtol=1e-12)
    np.testing.assert_allclose(grads["db1"], dZ1.sum(axis=1, keepdims=True) / 2, rtol=1e-12)


def test_start_parameters_in_the_data_dtype_and_exact_message():
    X, Y = np.array([[0.5, 1.0], [1.0, -1.0]], np.float32), np.array([[1, 0]])
    start = dh.initialize_parameters_deep([2, 3, 1], seed=1)
    params, _ = dh.L_layer_model(X, Y, [2, 3, 1], num_iterations=1, parameters=start)
    assert all(value.dtype == np.float32 for value in params.values())
    with pytest.raises(ValueError, match=r"parameters has weight shapes \[\(4, 2\), \(1, 4\)\], but layers_dims "
                                         r"\[2, 3, 1\] needs \[\(3, 2\), \(1, 3\)\]"):
        dh.L_layer_model(X, Y, [2, 3, 1], parameters=dh.initialize_parameters_deep([2, 4, 1]))


def test_callback_that_is_not_a_function():
    X, Y = np.array([[0.5, 1.0]]), np.array([[1, 0]])
    with pytest.raises(TypeError, match=r"callback must be a function callback\(i, parameters, grads, cost\) or "
                                        r"None; got 5 \(int\)"):
        dh.L_layer_model(X, Y, [1, 1], num_iterations=1, callback=5)


def divergence_message(learning_rate, X, lambd=0.0):
    from dnn_helpers.model import overflow_as_teaching_error
    with pytest.raises(ValueError, match=r"training diverged at iteration 0: the numbers overflowed") as caught:
        with overflow_as_teaching_error(learning_rate, [], X, lambd):
            np.exp(np.array([1000.0]))
    return str(caught.value)


def test_divergence_names_the_scale_only_above_10():
    assert "X holds values up to 10.5: inputs on a large scale" in divergence_message(0.1, np.array([[-10.5, 1.0]]))
    assert "standardize" not in divergence_message(0.1, np.array([[-10.0, 1.0]]))
    assert "standardize" not in divergence_message(0.1, None)


def test_divergence_names_lambd_only_when_a_step_overshoots_zero():
    X = np.zeros((2, 4))   # m = 4
    message = divergence_message(0.5, X, lambd=12.0)   # 1 - 0.5 * 12 / 4 = -0.5
    assert ("each step multiplies the weights by 1 - learning_rate * lambd / m = -0.5: with lambd = 12.0 the L2 "
            "term overshoots zero and grows; try a lambd below 8") in message
    assert "lambd" not in divergence_message(0.5, X, lambd=8.0)    # exactly 1 - 1 = 0: no overshoot
    assert "lambd" not in divergence_message(0.5, X)
    assert "lambd" not in divergence_message(10.0, X)    # learning_rate / m > 1, but no L2 at all


def defaults(function):
    import inspect
    return {name: p.default for name, p in inspect.signature(function).parameters.items()
            if p.default is not inspect.Parameter.empty}


def test_the_documented_defaults():
    """The defaults the notebooks and the README promise (learning_rate 0.0075, 3000 iterations, seed 1, ...)."""
    assert defaults(dh.L_layer_model) == dict(learning_rate=0.0075, num_iterations=3000, print_cost=False, seed=1,
                                              initialization="xavier", hidden_activation="relu", parameters=None,
                                              callback=None)
    assert defaults(dh.two_layer_model) == dict(learning_rate=0.0075, num_iterations=3000, print_cost=False, seed=1,
                                                initialization="small")


def test_two_layer_model_is_notebook_06s_written_out_loop():
    """Its steps written out (notebook 06): the cost of A2 (compute_cost), dZ2 = A2 - Y, the same numbers as the
    step functions run by hand; one sigmoid output unit only."""
    X, Y = np.array([[0.5, -1.0, 2.0], [1.0, 0.0, -0.5]]), np.array([[1, 0, 1]])
    params, costs = dh.two_layer_model(X, Y, [2, 3, 1], learning_rate=0.2, num_iterations=3, seed=4)
    p, by_hand = dh.initialize_parameters(2, 3, 1, seed=4), []
    for _ in range(3):
        AL, caches = dh.L_model_forward(X, p)
        by_hand.append(dh.compute_cost(AL, Y))
        p = dh.update_parameters(p, dh.L_model_backward(AL, Y, caches), 0.2)
    np.testing.assert_allclose(costs, by_hand, rtol=1e-12)
    assert all(np.allclose(params[k], p[k], rtol=1e-12, atol=1e-15) for k in p)
    with pytest.raises(ValueError, match=r"two_layer_model has one sigmoid output unit: n_y must be 1"):
        dh.two_layer_model(X, dh.one_hot(Y, 2), [2, 3, 2])


def test_two_layer_model_names_layers_dims():
    X, Y = np.array([[0.5, -1.0]]), np.array([[1, 0]])
    with pytest.raises(ValueError, match=r"layers_dims\[1\] is 0"):
        dh.two_layer_model(X, Y, [1, 0, 1])


def test_training_gradients_skip_dA0():
    """model_gradients never computes dA0 = W1^T dZ1 (the gradient with respect to the data, as costly as dW1)."""
    class NoTranspose(np.ndarray):
        @property
        def T(self):
            raise AssertionError("W1.T was read: dA0 computed")

    parameters = dh.initialize_parameters_deep([2, 3, 2, 1], seed=0)
    X, Y = np.array([[0.5, -1.0], [1.0, 2.0]]), np.array([[1, 0]])
    AL, caches = dh.L_model_forward(X, parameters)
    (A0, W1, b1), Z1 = caches[0]
    caches[0] = ((A0, W1.view(NoTranspose), b1), Z1)
    grads = dh.model_gradients(AL, Y, caches)
    assert set(grads) == {"dW1", "db1", "dW2", "db2", "dW3", "db3"}
    with pytest.raises(AssertionError, match="W1.T was read"):
        dh.L_model_backward(AL, Y, caches)        # the full backward does compute dA0: the spy sees it


# --- the trust check of notebooks 08 and 15: one step of ours equals one of scikit-learn's ---------------------------

@pytest.mark.parametrize("dims", [[6, 1], [6, 5, 1], [6, 5, 4, 3, 1], [6, 3], [6, 5, 4], [6, 5, 4, 10]])
def test_one_step_matches_mlpclassifier(dims):
    """One output unit: sigmoid + binary cross-entropy; K >= 3 units: softmax + categorical (notebook 15)."""
    rng = np.random.default_rng(0)
    K = dims[-1]
    X = rng.standard_normal((6, 40))
    classes = rng.integers(0, max(K, 2), 40)
    classes[:K] = np.arange(K)  # every class present, so that scikit-learn sizes its output layer K
    Y = classes.reshape(1, -1) if K == 1 else dh.one_hot(classes, K)
    start = dh.initialize_parameters_deep(dims, seed=2, method="xavier")
    ours, costs = dh.L_layer_model(X, Y, dims, learning_rate=0.1, num_iterations=1, parameters=start)
    clf = MLPClassifier(hidden_layer_sizes=dims[1:-1], activation="relu", solver="sgd", batch_size=40,
                        momentum=0.0, nesterovs_momentum=False, alpha=0.0, learning_rate_init=0.1,
                        shuffle=False, warm_start=True, max_iter=1, n_iter_no_change=np.inf, random_state=0)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        clf.fit(X.T, classes)
        L = len(dims) - 1
        clf.coefs_ = [start[f"W{l}"].T.copy() for l in range(1, L + 1)]
        clf.intercepts_ = [start[f"b{l}"].ravel().copy() for l in range(1, L + 1)]
        clf.fit(X.T, classes)
    assert abs(clf.loss_ - costs[0]) < 1e-12
    for l in range(1, L + 1):
        np.testing.assert_allclose(clf.coefs_[l - 1].T, ours[f"W{l}"], rtol=0, atol=1e-12)
        np.testing.assert_allclose(clf.intercepts_[l - 1].reshape(-1, 1), ours[f"b{l}"], rtol=0, atol=1e-12)


def test_model_gradients_take_saturated_and_constant_outputs():
    """AL exactly 0 or 1 (a saturated sigmoid) and an AL the same for every example are outputs of a forward pass."""
    X, Y = np.array([[1.0, 2.0, 3.0]]), np.array([[0, 1, 1]])
    parameters = {"W1": np.array([[0.5]]), "b1": np.array([[0.0]])}
    _, caches = dh.L_model_forward(X, parameters)
    for AL in (np.array([[0.0, 1.0, 1.0]]), np.array([[0.5, 0.5, 0.5]]), np.array([[1.0, 1.0, 1.0]]),
               np.array([[0.0, 0.0, 0.0]])):
        grads = dh.model_gradients(AL, Y, caches)
        np.testing.assert_allclose(grads["dW1"], (AL - Y) @ X.T / 3, rtol=1e-14)
    with pytest.raises(ValueError, match=r"found values from 0 to 1.5"):
        dh.model_gradients(np.array([[0.0, 1.5, 1.0]]), Y, caches)
    with pytest.raises(ValueError, match=r"found values from -0.5 to 1"):
        dh.model_gradients(np.array([[-0.5, 1.0, 1.0]]), Y, caches)


def test_the_largest_number_of_steps_is_ten_million():
    X, Y = np.ones((1, 2)), np.array([[0, 1]])
    with pytest.raises(ValueError, match=r"num_iterations is 10,000,001: more than the 10,000,000 this loop takes"):
        dh.L_layer_model(X, Y, [1, 1], 0.1, 10_000_001)
    with pytest.raises(ValueError, match=r"num_epochs is 10,000,001: more than the 10,000,000"):
        dh.improved_model(X, Y, [1, 1], 0.1, 10_000_001)
    with pytest.raises(ValueError, match=r"seed must be a whole number >= 0"):   # 10,000,000 itself passes that check
        dh.L_layer_model(X, Y, [1, 1], 0.1, 10_000_000, seed=-1)


def test_float_labels_in_the_datas_dtype_are_not_copied():
    X, Y = np.ones((2, 3)), np.array([[0.0, 1.0, 1.0]])
    assert check_training_data(X, Y, [2, 1])[1] is Y
    assert check_training_data(X.astype(np.float32), Y, [2, 1])[1].dtype == np.float32
