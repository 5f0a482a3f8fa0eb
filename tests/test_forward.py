import ast
import copy
import pickle
from pathlib import Path

import numpy as np
import pytest

import dnn_helpers as dh

A = np.array([[1.0, 2.0], [3.0, 4.0]])
W = np.array([[1.0, -1.0]])
b = np.array([[0.5]])


def test_linear_forward_value_and_cache():
    Z, cache = dh.linear_forward(A, W, b)
    np.testing.assert_array_equal(Z, [[-1.5, -1.5]])
    assert cache[0] is A and cache[1] is W and cache[2] is b


def test_linear_activation_forward_sigmoid():
    out, (linear_cache, Z) = dh.linear_activation_forward(A, W, b, "sigmoid")
    np.testing.assert_allclose(out, 1 / (1 + np.exp(1.5)) * np.ones((1, 2)))
    np.testing.assert_array_equal(Z, [[-1.5, -1.5]])
    assert linear_cache[0] is A


def test_L_model_forward_hand_computed():
    parameters = {"W1": np.array([[1.0, 0.0], [0.0, -1.0]]), "b1": np.zeros((2, 1)),
                  "W2": np.array([[1.0, 1.0]]), "b2": np.zeros((1, 1))}
    AL, caches = dh.L_model_forward(np.array([[1.0], [2.0]]), parameters)
    # Z1 = [1, -2] -> A1 = relu = [1, 0] -> Z2 = 1 -> AL = sigmoid(1)
    np.testing.assert_allclose(AL, [[1 / (1 + np.exp(-1.0))]], rtol=1e-15)
    assert len(caches) == 2
    np.testing.assert_array_equal(caches[0][1], [[1.0], [-2.0]])
    np.testing.assert_array_equal(caches[1][0][0], [[1.0], [0.0]])


@pytest.mark.parametrize("hidden", ["relu", "tanh", "sigmoid"])
def test_L_model_forward_shapes(hidden):
    p = dh.initialize_parameters_deep([5, 4, 3, 1], seed=2, method="xavier")
    X = np.random.default_rng(0).standard_normal((5, 7))
    AL, caches = dh.L_model_forward(X, p, hidden)
    assert AL.shape == (1, 7) and len(caches) == 3
    assert [c[1].shape for c in caches] == [(4, 7), (3, 7), (1, 7)]
    assert ((AL > 0) & (AL < 1)).all()


def test_float32_stays_float32():
    p = dh.initialize_parameters_deep([3, 2, 1], seed=1, dtype=np.float32)
    AL, _ = dh.L_model_forward(np.ones((3, 4), np.float32), p)
    assert AL.dtype == np.float32


def test_inputs_not_modified():
    p = dh.initialize_parameters_deep([3, 2, 1], seed=1)
    X = np.ones((3, 4))
    before = {k: v.copy() for k, v in p.items()}
    dh.L_model_forward(X, p)
    assert all(np.array_equal(p[k], before[k]) for k in p) and (X == 1).all()


def test_W_and_A_that_do_not_fit():
    with pytest.raises(ValueError, match=r"W has shape \(1, 2\), so it expects A with n\[l-1\] = 2 rows"):
        dh.linear_forward(np.ones((3, 2)), W, b)


def test_one_dimensional_b_is_refused():
    with pytest.raises(ValueError, match=r"b has shape \(1,\).*column \(n\[l\], 1\) = \(1, 1\)"):
        dh.linear_forward(A, W, np.array([0.5]))


def test_b_with_wrong_length():
    with pytest.raises(ValueError, match=r"b must be \(n\[l\], 1\) = \(1, 1\)"):
        dh.linear_forward(A, W, np.zeros((2, 1)))


def test_unknown_activation():
    with pytest.raises(ValueError, match="activation must be one of 'relu', 'sigmoid', 'tanh', 'leaky_relu', "
                                         "'softmax'; got 'relu6'"):
        dh.linear_activation_forward(A, W, b, "relu6")


def test_X_wrong_rows_and_transposed():
    p = dh.initialize_parameters_deep([3, 2, 1])
    with pytest.raises(ValueError, match=r"X has 5 rows but n_x.*is 3; X must be \(n_x, m\)"):
        dh.L_model_forward(np.ones((5, 4)), p)
    with pytest.raises(ValueError, match="looks transposed"):
        dh.L_model_forward(np.ones((4, 3)), p)


def test_missing_parameter_key():
    p = dh.initialize_parameters_deep([3, 2, 1])
    del p["b2"]
    with pytest.raises(ValueError, match="parameters"):
        dh.L_model_forward(np.ones((3, 4)), p)


def test_parameters_that_do_not_chain():
    p = dh.initialize_parameters_deep([3, 2, 1])
    p["W2"] = np.ones((1, 5))
    with pytest.raises(ValueError, match=r"W2 must be \(n\[2\], n\[1\]\) = \(1, 2\)"):
        dh.L_model_forward(np.ones((3, 4)), p)


def test_non_numeric_X():
    p = dh.initialize_parameters_deep([2, 1])
    with pytest.raises(TypeError, match="X must hold real numbers"):
        dh.L_model_forward(np.array([["a", "b"], ["c", "d"]]), p)


def test_X_must_be_2d():
    p = dh.initialize_parameters_deep([3, 1])
    with pytest.raises(ValueError, match=r"X must be 2-D"):
        dh.L_model_forward(np.ones(3), p)


def test_linear_activation_forward_names_A_prev():
    with pytest.raises(ValueError, match=r"so it expects A_prev with n\[l-1\] = 2 rows, but A_prev has shape \(3, 2\)"):
        dh.linear_activation_forward(np.ones((3, 2)), W, b, "relu")


def test_one_layer_network_is_logistic_regression():
    AL, caches = dh.L_model_forward(np.array([[2.0, -1.0]]), {"W1": np.array([[1.5]]), "b1": np.array([[-1.0]])})
    np.testing.assert_allclose(AL, 1 / (1 + np.exp(-np.array([[2.0, -2.5]]))), rtol=1e-15)
    assert len(caches) == 1
    np.testing.assert_array_equal(caches[0][1], [[2.0, -2.5]])


def test_three_layers_hand_computed_with_tanh():
    parameters = {"W1": np.array([[1.0], [-1.0]]), "b1": np.array([[0.0], [0.5]]),
                  "W2": np.array([[2.0, 1.0]]), "b2": np.array([[0.25]]),
                  "W3": np.array([[-1.0]]), "b3": np.array([[0.5]])}
    AL, caches = dh.L_model_forward(np.array([[0.5]]), parameters, "tanh")
    A1 = np.tanh(np.array([[0.5], [0.0]]))
    A2 = np.tanh(2 * A1[0] + A1[1] + 0.25)
    np.testing.assert_allclose(AL, 1 / (1 + np.exp(A2 - 0.5)).reshape(1, 1), rtol=1e-14)
    assert [c[1].shape for c in caches] == [(2, 1), (1, 1), (1, 1)]


def test_remembered_activation_is_used_and_checked():
    from dnn_helpers.forward import Parameters, hidden_activation_of
    remembered = Parameters({"W1": np.array([[1.0]]), "b1": np.array([[0.0]])}, "tanh")
    assert hidden_activation_of(remembered) == "tanh"
    assert hidden_activation_of(remembered, "tanh") == "tanh"
    assert hidden_activation_of({}, None) == "relu" and hidden_activation_of({}, "sigmoid") == "sigmoid"
    with pytest.raises(ValueError, match="trained with hidden_activation='tanh', but hidden_activation='relu' was "
                                         "asked for; leave it out to use 'tanh'"):
        hidden_activation_of(remembered, "relu")
    with pytest.raises(ValueError, match="hidden_activation must be one of"):
        hidden_activation_of({}, "elu")
    with pytest.raises(ValueError, match="hidden_activation must be one of"):
        Parameters({}, "elu")


def test_parameters_default_to_relu_and_b_is_named():
    from dnn_helpers.forward import Parameters
    assert Parameters({"W1": np.array([[1.0]]), "b1": np.array([[0.0]])}).hidden_activation == "relu"
    with pytest.raises(ValueError, match=r"b must be 2-D, but it has shape \(1,\)"):
        dh.linear_forward(A, W, [0.5])


# --- a network keeps its hidden activation (forward.Parameters): every route of issue 18 ------------------------

def _tanh_network():
    """A small tanh network trained on separable points, and those points: tanh and ReLU predict it differently."""
    rng = np.random.default_rng(3)
    X = rng.standard_normal((2, 40))
    Y = (X[0] * X[1] > 0).astype(float).reshape(1, -1)
    parameters, _ = dh.L_layer_model(X, Y, [2, 6, 4, 1], learning_rate=0.5, num_iterations=150, seed=2,
                                     hidden_activation="tanh")
    return parameters, X, Y


def _as_tanh(X, parameters):
    weights = {key: value for key, value in parameters.items() if key != "hidden_activation"}
    return dh.L_model_forward(X, weights, "tanh")[0]


def test_a_tanh_network_holds_its_activation_in_the_dict():
    parameters, X, _ = _tanh_network()
    assert isinstance(parameters, dh.Parameters) and parameters.hidden_activation == "tanh"
    assert parameters["hidden_activation"] == "tanh"
    assert len(parameters) // 2 == 3     # the classic L = len(parameters) // 2 still counts the layers
    tanh, relu = _as_tanh(X, parameters), dh.L_model_forward(X, dh.initialize_parameters_deep([2, 1]))[0]
    assert tanh.shape == relu.shape
    weights = {key: value for key, value in parameters.items() if key != "hidden_activation"}
    assert np.abs(dh.L_model_forward(X, weights)[0] - tanh).max() > 0.01   # run as ReLU, it would be another network


@pytest.mark.parametrize("route", ["copy", "dict", "copy.copy", "deepcopy", "pickle", "comprehension"])
def test_every_copy_predicts_as_tanh(route):
    parameters, X, _ = _tanh_network()
    copied = {"copy": lambda p: p.copy(), "dict": dict, "copy.copy": copy.copy, "deepcopy": copy.deepcopy,
              "pickle": lambda p: pickle.loads(pickle.dumps(p)),
              "comprehension": lambda p: {key: value for key, value in p.items()}}[route](parameters)
    np.testing.assert_array_equal(dh.predict_proba(X, copied), _as_tanh(X, parameters))
    with pytest.raises(ValueError, match="trained with hidden_activation='tanh', but hidden_activation='relu'"):
        dh.predict(X, copied, hidden_activation="relu")


def test_copies_of_parameters_are_parameters():
    parameters, _, _ = _tanh_network()
    for copied in (parameters.copy(), copy.copy(parameters), copy.deepcopy(parameters)):
        assert type(copied) is dh.Parameters and copied.hidden_activation == "tanh"
    relu = dh.Parameters(dh.initialize_parameters_deep([2, 3, 1], seed=0))
    assert "hidden_activation" not in relu and relu.copy().hidden_activation == "relu"
    assert copy.deepcopy(relu).hidden_activation == "relu"   # a ReLU network stays the plain W1, b1, ... dict


def test_a_hand_written_loop_continuing_from_update_parameters_stays_tanh():
    parameters, X, Y = _tanh_network()
    expected = {key: value for key, value in parameters.items() if key != "hidden_activation"}
    for _ in range(3):
        AL, caches = dh.L_model_forward(X, parameters)
        grads = dh.L_model_backward(AL, Y, caches, "tanh")
        parameters = dh.update_parameters(parameters, grads, 0.1)
        AL_ref, caches_ref = dh.L_model_forward(X, expected, "tanh")
        expected = dh.update_parameters(expected, dh.L_model_backward(AL_ref, Y, caches_ref, "tanh"), 0.1)
    assert parameters["hidden_activation"] == "tanh"
    np.testing.assert_array_equal(dh.predict_proba(X, parameters), _as_tanh(X, expected))


@pytest.mark.parametrize("optimizer", ["gd", "momentum", "rmsprop", "adam"])
def test_optimizer_updates_keep_the_activation(optimizer):
    parameters, X, Y = _tanh_network()
    AL, caches = dh.L_model_forward(X, parameters)
    grads = dh.L_model_backward(AL, Y, caches, "tanh")
    state = dh.initialize_optimizer(parameters, optimizer)
    updated, _ = dh.optimizer_update(parameters, grads, state, optimizer, 0.01)
    assert updated["hidden_activation"] == "tanh" and isinstance(updated, dh.Parameters)
    v, s = dh.initialize_adam(parameters)
    assert "dhidden_activation" not in v and sorted(v) == ["dW1", "dW2", "dW3", "db1", "db2", "db3"]
    for result in (dh.update_parameters_with_momentum(parameters, grads, v, 0.9, 0.01)[0],
                   dh.update_parameters_with_rmsprop(parameters, grads, s, 0.9, 0.01)[0],
                   dh.update_parameters_with_adam(parameters, grads, v, s, 1)[0]):
        assert result.hidden_activation == "tanh"


def test_plain_dicts_stay_plain_after_updates():
    parameters = dh.initialize_parameters_deep([2, 3, 1], seed=0)
    grads = {"d" + key: np.ones_like(value) for key, value in parameters.items()}
    updated = dh.update_parameters(parameters, grads, 0.1)
    assert type(updated) is dict and sorted(updated) == ["W1", "W2", "b1", "b2"]
    v = dh.initialize_velocity(parameters)
    assert type(dh.update_parameters_with_momentum(parameters, grads, v, 0.9, 0.1)[0]) is dict


@pytest.mark.parametrize("route", ["copy", "dict"])
def test_save_and_load_of_a_copy_is_tanh(tmp_path, route):
    parameters, X, _ = _tanh_network()
    path = tmp_path / "tanh.npz"
    dh.save_parameters(path, parameters.copy() if route == "copy" else dict(parameters))
    with np.load(path) as data:
        assert str(data["hidden_activation"]) == "tanh" and "W1" in data.files and len(data.files) == 8
    loaded = dh.load_parameters(path)
    assert loaded.hidden_activation == "tanh" and loaded["hidden_activation"] == "tanh"
    np.testing.assert_array_equal(dh.predict_proba(X, loaded), _as_tanh(X, parameters))
    with pytest.raises(ValueError, match="trained with hidden_activation='tanh', but hidden_activation='relu'"):
        dh.load_parameters(path, hidden_activation="relu")


def test_an_old_file_without_the_record(tmp_path):
    parameters, X, _ = _tanh_network()
    path = tmp_path / "old.npz"
    np.savez(path, **{key: value for key, value in parameters.items() if key != "hidden_activation"})
    old = dh.load_parameters(path)
    assert old.hidden_activation == "relu" and "hidden_activation" not in old   # the only kind files held then
    told = dh.load_parameters(path, hidden_activation="tanh")
    np.testing.assert_array_equal(dh.predict_proba(X, told), _as_tanh(X, parameters))
    with pytest.raises(ValueError, match="hidden_activation must be one of"):
        dh.load_parameters(path, hidden_activation="swish")


def test_training_continues_with_the_start_activation():
    parameters, X, Y = _tanh_network()
    continued, _ = dh.L_layer_model(X, Y, [2, 6, 4, 1], learning_rate=0.5, num_iterations=5, parameters=parameters)
    told, _ = dh.L_layer_model(X, Y, [2, 6, 4, 1], learning_rate=0.5, num_iterations=5, parameters=dict(parameters),
                               hidden_activation="tanh")
    assert continued.hidden_activation == "tanh"
    for key in told:
        np.testing.assert_array_equal(continued[key], told[key])
    with pytest.raises(ValueError, match="trained with hidden_activation='tanh', but hidden_activation='relu'"):
        dh.L_layer_model(X, Y, [2, 6, 4, 1], num_iterations=5, parameters=parameters, hidden_activation="relu")
    for optimizer in ("momentum", "adam"):
        improved, _ = dh.improved_model(X, Y, [2, 6, 4, 1], 0.01, 3, parameters=parameters, optimizer=optimizer,
                                        keep_prob=0.8, mini_batch_size=16)
        assert improved["hidden_activation"] == "tanh"


def test_callbacks_see_a_network_that_runs_as_trained():
    _, X, Y = _tanh_network()
    seen = []

    def watch(i, parameters, grads, cost):
        seen.append(float(np.max(np.abs(dh.predict_proba(X, parameters) - _as_tanh(X, parameters)))))

    dh.L_layer_model(X, Y, [2, 4, 1], 0.3, 3, hidden_activation="tanh", callback=watch)
    dh.improved_model(X, Y, [2, 4, 1], 0.3, 3, hidden_activation="tanh", callback=watch, optimizer="adam")
    assert seen == [0.0] * 6


def test_gradcheck_vectors_rebuild_a_tanh_network():
    parameters, X, Y = _tanh_network()
    theta, layout = dh.parameters_to_vector(parameters)
    assert layout[-1] == ("hidden_activation", "tanh") and theta.size == 6 * 2 + 6 + 4 * 6 + 4 + 4 + 1
    rebuilt = dh.vector_to_parameters(theta, layout)
    assert rebuilt.hidden_activation == "tanh"
    np.testing.assert_array_equal(dh.predict_proba(X, rebuilt), _as_tanh(X, parameters))
    AL, caches = dh.L_model_forward(X, parameters)
    grads = dh.L_model_backward(AL, Y, caches, "tanh")
    assert "dhidden_activation" not in grads
    np.testing.assert_array_equal(dh.grads_to_vector(grads, layout), dh.grads_to_vector(grads, layout[:-1]))
    assert dh.gradient_check(parameters, grads, X, Y) < 1e-7      # the check runs the network as tanh
    relu_grads = dh.L_model_backward(AL, Y, caches, "relu")
    assert dh.gradient_check(parameters, relu_grads, X, Y) > 1e-3
    approx = dh.numerical_gradients(lambda p: dh.compute_cost(dh.L_model_forward(X, p)[0], Y), parameters)
    assert sorted(approx) == sorted(key for key in grads if not key.startswith("dA"))
    with pytest.raises(ValueError, match="layout's 'hidden_activation' must be one of"):
        dh.vector_to_parameters(theta, [*layout[:-1], ("hidden_activation", "swish")])


def test_the_dropout_forward_reads_the_activation():
    parameters, X, _ = _tanh_network()
    AL, _ = dh.L_model_forward_with_dropout(X, parameters, keep_prob=1.0, seed=0)
    np.testing.assert_allclose(AL, _as_tanh(X, parameters), rtol=1e-12)
    with pytest.raises(ValueError, match="trained with hidden_activation='tanh'"):
        dh.L_model_forward_with_dropout(X, parameters, 0.5, 0, "relu")


def test_a_recorded_activation_is_checked_and_parameters_refuse_nonsense():
    weights = dh.initialize_parameters_deep([2, 3, 1], seed=0)
    with pytest.raises(ValueError, match=r"parameters\['hidden_activation'\] must be one of"):
        dh.L_model_forward(np.ones((2, 3)), {**weights, "hidden_activation": "swish"})
    with pytest.raises(ValueError, match=r"parameters\['hidden_activation'\] must be one of"):
        dh.predict(np.ones((2, 3)), {**weights, "hidden_activation": 3})
    with pytest.raises(ValueError, match="unexpected key"):
        dh.predict(np.ones((2, 3)), {**weights, "activation": "tanh"})
    with pytest.raises(TypeError, match="Parameters takes a dict W1, b1, ..., WL, bL; got 'W1' \\(str\\)"):
        dh.Parameters("W1")
    with pytest.raises(ValueError, match="values is missing 'b2'"):
        dh.Parameters({"W1": np.ones((1, 1)), "b1": np.zeros((1, 1)), "W2": np.ones((1, 1))})
    explicit = {**weights, "hidden_activation": "relu"}
    assert dh.Parameters(explicit).hidden_activation == "relu"
    with pytest.raises(ValueError, match="trained with hidden_activation='relu', but hidden_activation='tanh'"):
        dh.Parameters(explicit, "tanh")


# --- the output layer lives only in output_layer ----------------------------------------------------------------

PACKAGE = Path(dh.__file__).parent
OUTPUT_NAMES = {"sigmoid", "softmax"}
FORWARD_STEPS = {"linear_activation_forward", "activation_forward"}


def last_layer_applications(tree):
    """(line, what) for each place that applies a sigmoid or softmax itself: a call of sigmoid(...)/softmax(...),
    ACTIVATIONS["sigmoid"] and the like, a forward step given "sigmoid"/"softmax", or `... if l < L else "sigmoid"`."""
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            name = node.func.id if isinstance(node.func, ast.Name) else getattr(node.func, "attr", None)
            if name in OUTPUT_NAMES:
                found.append((node.lineno, f"calls {name}()"))
            if name in FORWARD_STEPS and any(isinstance(arg, ast.Constant) and arg.value in OUTPUT_NAMES
                                             for arg in [*node.args, *(k.value for k in node.keywords)]):
                found.append((node.lineno, f"{name}(..., a literal output activation)"))
        elif (isinstance(node, ast.Subscript) and isinstance(node.slice, ast.Constant)
              and node.slice.value in OUTPUT_NAMES):
            found.append((node.lineno, f"looks up [{node.slice.value!r}]"))
        elif isinstance(node, ast.IfExp) and any(isinstance(branch, ast.Constant) and branch.value in OUTPUT_NAMES
                                                 for branch in (node.body, node.orelse)):
            found.append((node.lineno, "chooses a literal output activation in an if-expression"))
    return sorted(found)


def test_no_module_but_output_layer_applies_the_output_activation():
    """Every forward pass ends with output_layer's piece (output_layer_for(n[L]).forward): no other module of
    the package applies a sigmoid or a softmax to the last layer. (activations.py defines sigmoid; the checker's
    catalogues in check/ write learners' wrong versions on purpose.)"""
    offenders = []
    for path in sorted(PACKAGE.rglob("*.py")):
        relative = path.relative_to(PACKAGE).as_posix()
        if relative in ("activations.py", "output_layer.py") or relative.startswith("check/"):
            continue
        tree = ast.parse(path.read_text())
        for node in ast.walk(tree):   # the derivatives of a layer recompute its g(Z); two_layer_model is notebook
            if isinstance(node, ast.FunctionDef) and (node.name.endswith("_backward")   # 06's written-out exercise,
                                                      or (relative, node.name) == ("model.py", "two_layer_model")):
                node.body = []        # one sigmoid unit by definition (it refuses n_y != 1)
        found = last_layer_applications(tree)
        offenders += [f"{relative}:{line}: {what}" for line, what in found]
    assert offenders == []


def test_the_scan_finds_what_it_looks_for():
    source = '''
A = sigmoid(Z)
B = np.softmax(Z)
C = ACTIVATIONS["sigmoid"].forward(Z)
D = linear_activation_forward(A, W, b, "sigmoid")
E = linear_activation_forward(A, W, b, activation="softmax")
act = hidden if l < L else "sigmoid"
F = linear_activation_forward(A, W, b, "relu")
'''
    found = last_layer_applications(ast.parse(source))
    assert [line for line, _ in found] == [2, 3, 4, 5, 6, 7]


def test_the_dropout_forward_ends_with_a_softmax_for_K_units():
    parameters = dh.initialize_parameters_deep([2, 4, 3], seed=1, method="he")
    X = np.random.default_rng(0).standard_normal((2, 7))
    AL, caches = dh.L_model_forward_with_dropout(X, parameters, keep_prob=0.6, seed=2)
    np.testing.assert_allclose(AL.sum(axis=0), 1.0, rtol=1e-12)
    np.testing.assert_allclose(AL, dh.softmax(caches[-1][1])[0], rtol=1e-12)
    assert caches[-1][2] is None and AL.shape == (3, 7)
    plain, _ = dh.L_model_forward_with_dropout(X, parameters, keep_prob=1.0, seed=2)
    np.testing.assert_allclose(plain, dh.L_model_forward(X, parameters)[0], rtol=1e-12)


def test_a_nan_in_X_is_named_not_returned():
    X = np.array([[1.0, np.nan], [0.5, 2.0]])
    parameters = {"W1": np.array([[1.0, -1.0]]), "b1": np.array([[0.5]])}
    with pytest.raises(ValueError, match=r"the output AL holds NaN: X contains 1 NaN or inf value\(s\), the first at "
                                         r"row 0, column 1"):
        dh.L_model_forward(X, parameters)


def test_parameters_rebuilt_without_their_state_are_relu():
    """A Parameters made without __init__ (as unpickling an object saved by an older version does) and without the
    entry is a ReLU network, the course's default."""
    rebuilt = dh.Parameters.__new__(dh.Parameters)
    rebuilt.update({"W1": np.ones((1, 2)), "b1": np.zeros((1, 1))})
    assert rebuilt.hidden_activation == "relu"
    rebuilt["hidden_activation"] = "tanh"
    assert rebuilt.hidden_activation == "tanh"


@pytest.mark.parametrize("W1", [np.inf, -np.inf, 1e300])
def test_infinite_or_overflowing_weights_are_a_teaching_error_not_a_warning(W1):
    """Issue 18: inf weights (or weights whose products overflow) give a ValueError that names the cause, or a finite
    answer (-inf weights on all-positive X: the ReLU zeroes them), and no RuntimeWarning reaches the learner, whatever
    the BLAS kernel makes of inf - inf."""
    import warnings
    parameters = dh.initialize_parameters_deep([3, 4, 1], seed=0)
    parameters["W1"] = np.full_like(parameters["W1"], W1)
    parameters["W2"] = np.array([[1e300, -1e300, 1e300, -1e300]])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        if W1 == -np.inf:
            AL, _ = dh.L_model_forward(np.ones((3, 5)), parameters)
            np.testing.assert_array_equal(AL, 0.5)
            return
        expected = r"parameters\['W1'\] contains 12 NaN or inf" if np.isinf(W1) else "the numbers overflowed"
        with pytest.raises(ValueError, match=expected):
            dh.L_model_forward(np.ones((3, 5)), parameters)
