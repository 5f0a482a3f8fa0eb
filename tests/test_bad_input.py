"""Bad input to the steps gets a teaching error, never a wrong answer: one test per class of bad input, each written
as a learner's mistake (arrays, dicts of arrays, optimizer states, caches, scalars, seeds, dtypes, the training loops).
The learning tools' bad input (the playground's settings, the explorers, the data loaders): test_bad_input_tools.py.

Every mistake must end in a teaching error (TypeError/ValueError whose message names the argument, what it
got and what was expected) or in the right answer after a single conversion: never a raw numpy/Python error,
never a silent wrong answer, never a modified input.
"""

import numpy as np
import pytest

import dnn_helpers as dh
from conftest import random_network


def net(dims=(3, 4, 1), seed=0):
    """xavier weights and zero biases: conftest's random network without its data."""
    return random_network(dims, seed, bias_scale=0)[0]


def grads_of(parameters, m=5, seed=0):
    rng = np.random.default_rng(seed)
    X = rng.standard_normal((parameters["W1"].shape[1], m))
    Y = rng.integers(0, 2, (1, m))
    AL, caches = dh.L_model_forward(X, parameters)
    return dh.L_model_backward(AL, Y, caches), X, Y


# --- arrays: nested lists, ints, bools, np.matrix, strings, ragged lists, empty m ---------------------------------

def test_parameters_as_nested_lists_work_after_one_conversion():
    # a learner types the parameters by hand
    parameters = {"W1": [[1.0, 2.0]], "b1": [[0.5]]}
    grads = {"dW1": [[0.1, -0.2]], "db1": [[1]]}
    new = dh.update_parameters(parameters, grads, 0.5)
    np.testing.assert_allclose(new["W1"], [[0.95, 2.1]])
    np.testing.assert_allclose(new["b1"], [[0.0]])
    assert all(type(value) is np.ndarray and value.dtype == np.float64 for value in new.values())
    AL, _ = dh.L_model_forward([[1.0], [2.0]], parameters)
    assert AL.shape == (1, 1)


def test_integer_grads_are_converted_not_a_ufunc_error():
    parameters = {"W1": np.array([[1.0, 2.0]]), "b1": np.array([[0.5]])}
    grads = {"dW1": np.array([[1, -2]]), "db1": np.array([[1]])}
    new = dh.update_parameters(parameters, grads, 0.5)
    np.testing.assert_allclose(new["W1"], [[0.5, 3.0]])
    for optimizer in ("momentum", "rmsprop", "adam"):
        state = dh.initialize_optimizer(parameters, optimizer)
        new, _ = dh.optimizer_update(parameters, grads, state, optimizer, 0.1)
        assert new["W1"].dtype == np.float64


def test_integer_parameters_become_float_and_are_updated_correctly():
    # int weights with in-place arithmetic would truncate 0.95 to 0; the update must give floats
    parameters = {"W1": np.array([[1, 2]]), "b1": np.array([[0]])}
    grads = {"dW1": np.array([[0.1, -0.2]]), "db1": np.array([[1.0]])}
    new = dh.update_parameters(parameters, grads, 0.5)
    np.testing.assert_allclose(new["W1"], [[0.95, 2.1]])
    assert parameters["W1"].dtype.kind == "i"  # input untouched


@pytest.mark.filterwarnings("ignore::PendingDeprecationWarning")  # np.matrix itself warns
def test_np_matrix_stays_elementwise():
    # np.matrix makes * a matrix product: converted once to a plain array, results are those of ndarrays
    X = np.matrix([[1.0, -2.0, 3.0], [0.5, 0.5, -1.0]])
    Y = np.matrix([[1, 0, 1]])
    parameters = net((2, 2, 1))
    AL, caches = dh.L_model_forward(X, parameters)
    AL_plain, _ = dh.L_model_forward(np.asarray(X), parameters)
    assert type(AL) is np.ndarray
    np.testing.assert_array_equal(AL, AL_plain)
    assert dh.compute_cost(np.matrix(AL), Y) == dh.compute_cost(AL_plain, np.asarray(Y))
    dA = np.matrix([[1.0, 2.0], [3.0, 4.0]])
    out = dh.dropout_backward(dA, np.ones((2, 2), bool), 0.5)
    np.testing.assert_allclose(out, [[2.0, 4.0], [6.0, 8.0]])   # elementwise, not dA @ D
    grads = {"dW1": np.matrix(np.ones((2, 2))), "db1": np.matrix(np.ones((2, 1))),
             "dW2": np.matrix(np.ones((1, 2))), "db2": np.matrix(np.ones((1, 1)))}
    v = dh.initialize_velocity(parameters)
    new, v1 = dh.update_parameters_with_momentum(parameters, grads, v, 0.9, 1.0)
    assert all(type(value) is np.ndarray for value in list(new.values()) + list(v1.values()))
    np.testing.assert_allclose(new["W1"], parameters["W1"] - 0.1)


def test_strings_ragged_lists_and_none_are_teaching_errors():
    with pytest.raises(TypeError, match=r"X must hold real numbers, but its dtype is <U1"):
        dh.L_model_forward(np.array([["a", "b"]]), net((1, 1)))
    with pytest.raises(TypeError, match=r"parameters\['W1'\] must be a numeric array.*same length"):
        dh.update_parameters({"W1": [[1.0, 2.0], [3.0]], "b1": [[0.0], [0.0]]}, {}, 0.1)
    with pytest.raises(TypeError, match=r"parameters\['W1'\] must be a numeric array; got None"):
        dh.initialize_velocity({"W1": None, "b1": np.zeros((1, 1))})
    with pytest.raises(TypeError, match=r"X must hold real numbers, but its dtype is complex128; use the real"):
        dh.standardize(np.ones((2, 3)) * 1j)


def test_empty_data_is_a_teaching_error_not_nan():
    X, Y = np.zeros((2, 0)), np.zeros((1, 0))
    for call in (lambda: dh.standardize(X), lambda: dh.random_mini_batches(X, Y, 4),
                 lambda: dh.dropout_forward(X, 0.5), lambda: dh.compute_cost(np.zeros((1, 0)), Y),
                 lambda: dh.L_model_forward(X, net((2, 1))), lambda: dh.L_layer_model(X, Y, [2, 1], 0.1, 5)):
        with pytest.raises(ValueError, match=r"m = 0|no examples|no columns|is empty"):
            call()


def test_an_empty_test_split_is_refused():
    X, Y = dh.make_moons(10, seed=0)
    with pytest.raises(ValueError, match=r"test_fraction 0.01 of m = 10 examples leaves 0 test and 10 training"):
        dh.train_test_split(X, Y, test_fraction=0.01)


# --- dicts of arrays: parameters, grads ---------------------------------------------------------------------------

def test_missing_and_misshaped_grads_are_named():
    parameters = net()
    grads, _, _ = grads_of(parameters)
    del grads["db2"]
    with pytest.raises(ValueError, match=r"grads is missing 'db2'; L_model_backward's grads holds dW1, db1, ..., dW2"):
        dh.update_parameters(parameters, grads, 0.1)
    grads, _, _ = grads_of(parameters)
    grads["dW1"] = grads["dW1"].T
    with pytest.raises(ValueError, match=r"grads\['dW1'\] has shape \(3, 4\), but W1 has shape \(4, 3\) \(it looks "
                                         r"transposed\)"):
        dh.update_parameters(parameters, grads, 0.1)


def test_a_transposed_dW_never_broadcasts_a_row_W_into_a_square():
    # W (1, 2) - alpha * dW (2, 1) would broadcast to (2, 2)
    parameters = {"W1": np.array([[1.0, -2.0]]), "b1": np.array([[0.5]])}
    grads = {"dW1": np.array([[0.1], [-0.2]]), "db1": np.array([[0.3]])}
    for optimizer in ("gd", "momentum", "rmsprop", "adam"):
        with pytest.raises(ValueError, match=r"grads\['dW1'\] has shape \(2, 1\), but W1 has shape \(1, 2\)"):
            dh.optimizer_update(parameters, grads, dh.initialize_optimizer(parameters, optimizer), optimizer, 0.1)


def test_a_1d_bias_is_refused_with_the_fix():
    parameters = {"W1": np.ones((3, 2)), "b1": np.zeros(3)}
    with pytest.raises(ValueError, match=r"parameters\['b1'\] is 1-D \(shape \(3,\)\).*b.reshape\(-1, 1\)"):
        dh.initialize_adam(parameters)


def test_parameters_that_are_not_a_dict():
    with pytest.raises(TypeError, match=r"parameters must be a dict with keys 'W1', 'b1', ..., 'WL', 'bL'; "
                                        r"got a list of 2 item\(s\)"):
        dh.update_parameters([np.ones((1, 2)), np.ones((1, 1))], {}, 0.1)


# --- optimizer states ---------------------------------------------------------------------------------------------

def test_a_1d_velocity_never_turns_b_into_a_square():
    parameters = net((2, 3, 1))
    grads, _, _ = grads_of(parameters)
    v = dh.initialize_velocity(parameters)
    v["db1"] = np.zeros(3)       # a learner's np.zeros(n) instead of np.zeros((n, 1))
    with pytest.raises(ValueError, match=r"v\['db1'\] has shape \(3,\), but b1 has shape \(3, 1\).*shaped like"):
        dh.update_parameters_with_momentum(parameters, grads, v, 0.9, 0.1)
    s = dh.initialize_rmsprop(parameters)
    s["dW2"] = np.zeros((3, 1))
    with pytest.raises(ValueError, match=r"s\['dW2'\] has shape \(3, 1\), but W2 has shape \(1, 3\) \(it looks "
                                         r"transposed\)"):
        dh.update_parameters_with_rmsprop(parameters, grads, s, 0.9, 0.1)
    v, s = dh.initialize_adam(parameters)
    del s["db2"]
    with pytest.raises(ValueError, match=r"s is missing 'db2'; s \(start it with initialize_adam\(parameters\)\)"):
        dh.update_parameters_with_adam(parameters, grads, v, s, 1)


def test_an_optimizer_state_of_the_wrong_kind():
    parameters = net((2, 1))
    grads, _, _ = grads_of(parameters)
    with pytest.raises(ValueError, match=r"state must be the dict that initialize_optimizer\(parameters, 'adam'\) "
                                         r"returned \(with 'v', 's', 't'\)"):
        dh.optimizer_update(parameters, grads, dh.initialize_optimizer(parameters, "momentum"), "adam", 0.1)
    with pytest.raises(TypeError, match=r"v must be a dict with keys 'dW1', 'db1', ...; got None"):
        dh.update_parameters_with_momentum(parameters, grads, None, 0.9, 0.1)


# --- caches -------------------------------------------------------------------------------------------------------

def test_caches_of_the_wrong_structure():
    parameters = net((2, 3, 1))
    X, Y = np.ones((2, 4)), np.array([[0, 1, 0, 1]])
    AL, caches = dh.L_model_forward(X, parameters)
    with pytest.raises(ValueError, match="caches is empty; pass the caches that L_model_forward returned"):
        dh.L_model_backward_with_regularization(AL, Y, [], 0.1)
    with pytest.raises(ValueError, match="caches is empty"):
        dh.L_model_backward_with_dropout(AL, Y, [], 0.5)
    with pytest.raises(TypeError, match=r"caches\[0\] must be \(linear_cache, Z, D\) as L_model_forward_with_dropout "
                                        r"returns it"):
        dh.L_model_backward_with_dropout(AL, Y, caches, 0.5)   # plain caches have no masks


# --- scalars ------------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("rate", [0, -0.01, float("inf"), float("nan")])
def test_learning_rate_not_positive(rate):
    parameters = net((2, 1))
    grads, _, _ = grads_of(parameters)
    with pytest.raises(ValueError, match=r"learning_rate must be a positive number; got"):
        dh.update_parameters_with_adam(parameters, grads, *dh.initialize_adam(parameters), 1, rate)


def test_epsilon_zero_is_a_teaching_error_not_a_zero_division():
    parameters = {"W1": np.array([[1.0]]), "b1": np.array([[0.0]])}
    with pytest.raises(ValueError, match="epsilon must be a positive number; got 0.0"):
        dh.numerical_gradients(lambda p: float(p["W1"][0, 0] ** 2), parameters, epsilon=0)
    with pytest.raises(ValueError, match="epsilon must be a positive number; got 0.0"):
        dh.update_parameters_with_rmsprop(parameters, {"dW1": [[1.0]], "db1": [[0.0]]},
                                          dh.initialize_rmsprop(parameters), 0.9, 0.1, epsilon=0)


def test_t_zero_in_bias_correction():
    with pytest.raises(ValueError, match=r"t, the step number, counts from 1 .*got 0: the bias correction"):
        dh.bias_correction(np.ones((2, 1)), 0.9, 0)
    with pytest.raises(TypeError, match=r"t, the step number, must be a whole number counting from 1; got 1.0"):
        dh.bias_correction(np.ones((2, 1)), 0.9, 1.0)


def test_keep_prob_and_lambd_out_of_range():
    with pytest.raises(ValueError, match=r"keep_prob, the probability of keeping a hidden unit, must be in \(0, 1\]"):
        dh.dropout_backward(np.ones((2, 2)), np.ones((2, 2), bool), 1.5)
    with pytest.raises(ValueError, match=r"lambd, the L2 regularization strength, must be 0 or more"):
        dh.add_l2_gradients(grads_of(net())[0], net(), -1.0, 5)
    with pytest.raises(ValueError, match=r"m, the number of training examples, must be at least 1; got 0"):
        dh.l2_regularization_cost(net(), 0.1, 0)


def test_bool_and_string_scalars():
    with pytest.raises(TypeError, match=r"learning_rate must be a number > 0; got True \(bool\)"):
        dh.update_parameters(net((2, 1)), grads_of(net((2, 1)))[0], True)
    with pytest.raises(TypeError, match=r"beta must be a number in \[0, 1\); got '0.9' \(str\)"):
        dh.update_parameters_with_momentum(net((2, 1)), grads_of(net((2, 1)))[0],
                                           dh.initialize_velocity(net((2, 1))), "0.9", 0.1)


def test_generator_arguments_out_of_range():
    with pytest.raises(ValueError, match=r"noise, the spread of the Gaussian noise .* got nan"):
        dh.make_moons(noise=float("nan"))
    with pytest.raises(ValueError, match=r"turns must be a positive number; got 0.0"):
        dh.make_spirals(turns=0)
    with pytest.raises(ValueError, match=r"m, the number of examples, must be at least 2; got 1"):
        dh.make_circles(1)
    with pytest.raises(ValueError, match=r"factor, the inner circle's radius relative to the outer one"):
        dh.make_circles(factor=1.5)
    with pytest.raises(ValueError, match=r"positive must be a digit 0..9; got 10 \(no such digit"):
        dh.load_digits_binary(positive=10)
    with pytest.raises(ValueError, match=r"negative must differ from positive; both are 3"):
        dh.load_digits_binary(positive=3, negative=3)


# --- seeds --------------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("seed, error, match", [
    (None, TypeError, r"seed must be a whole number >= 0 \(e.g. 0\) or a numpy Generator; got None.*"
                      r"seed=np.random.default_rng\(\)"),
    (-1, ValueError, r"seed must be a whole number >= 0 .*got -1"),
    (1.5, TypeError, r"seed must be a whole number >= 0 .*got 1.5 \(float\)"),
    ("42", TypeError, r"seed must be a whole number >= 0 .*got '42' \(str\)"),
    (True, TypeError, r"seed must be a whole number >= 0 .*got True \(bool\)"),
    (np.random.RandomState(0), TypeError, r"not the legacy RandomState"),
])
def test_odd_seeds_everywhere(seed, error, match):
    X, Y = dh.make_moons(20, seed=0)
    calls = [lambda: dh.initialize_parameters_deep([2, 1], seed=seed),
             lambda: dh.initialize_parameters(2, 3, 1, seed=seed),
             lambda: dh.make_moons(seed=seed), lambda: dh.make_spirals(seed=seed), lambda: dh.make_xor(seed=seed),
             lambda: dh.make_circles(seed=seed), lambda: dh.make_blobs(seed=seed),
             lambda: dh.train_test_split(X, Y, seed=seed), lambda: dh.random_mini_batches(X, Y, 4, seed=seed),
             lambda: dh.dropout_forward(X, 0.5, seed=seed),
             lambda: dh.L_model_forward_with_dropout(X, net((2, 3, 1)), 0.5, seed=seed)]
    for call in calls:
        with pytest.raises(error, match=match):
            call()


def test_a_generator_seed_is_used_and_moves_on():
    rng = np.random.default_rng(5)
    first, second = dh.make_moons(10, seed=rng), dh.make_moons(10, seed=rng)
    assert not np.array_equal(first[0], second[0])
    np.testing.assert_array_equal(dh.make_moons(10, seed=np.random.default_rng(5))[0], first[0])
    np.testing.assert_array_equal(dh.make_moons(10, seed=np.int64(3))[0], dh.make_moons(10, seed=3)[0])


# --- dtypes -------------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("dtype", [np.int32, "int64", np.uint8, bool, None, "banana"])
def test_integer_dtype_for_initialization(dtype):
    with pytest.raises(TypeError, match=r"dtype must be a float type such as np.float64 or np.float32"):
        dh.initialize_parameters_deep([3, 2, 1], dtype=dtype)


def test_float32_stays_float32_with_int_labels_and_numpy_scalars():
    X, Y = dh.make_moons(40, seed=0)                      # Y is int64
    X32 = X.astype(np.float32)
    parameters = dh.initialize_parameters_deep([2, 3, 1], seed=0, dtype=np.float32)
    grads, _, _ = grads_of(parameters)
    grads = {k: v.astype(np.float32) for k, v in grads.items()}
    rate, beta = np.float64(0.1), np.float64(0.9)          # numpy float64 scalars
    assert all(v.dtype == np.float32 for v in dh.update_parameters(parameters, grads, rate).values())
    for optimizer in ("momentum", "rmsprop", "adam"):
        new, state = dh.optimizer_update(parameters, grads, dh.initialize_optimizer(parameters, optimizer),
                                         optimizer, rate, beta, np.float64(0.999), np.float64(1e-8))
        assert all(v.dtype == np.float32 for v in new.values()), optimizer
    AL, caches = dh.L_model_forward_with_dropout(X32, parameters, np.float64(0.8), seed=0)
    assert AL.dtype == np.float32
    dropout_grads = dh.L_model_backward_with_dropout(AL, Y, caches, np.float64(0.8))
    assert all(v.dtype == np.float32 for v in dropout_grads.values())
    l2 = dh.add_l2_gradients(grads, parameters, np.float64(0.7), 40)
    assert all(v.dtype == np.float32 for v in l2.values())
    X_std, mean, std = dh.standardize(X32, X.mean(axis=1, keepdims=True), X.std(axis=1, keepdims=True))
    assert X_std.dtype == np.float32
    assert dh.images_to_columns(np.ones((2, 3, 3), np.float32), np.float64(2.0)).dtype == np.float32


# --- silent wrong answers that used to happen ---------------------------------------------------------------------

def test_relative_difference_refuses_shapes_that_broadcast():
    g = np.array([1.0, 2.0, 3.0])
    with pytest.raises(ValueError, match=r"grad has shape \(3,\) but grad_approx has shape \(3, 1\); they must "
                                         r"have the same shape"):
        dh.relative_difference(g, g.reshape(-1, 1))   # used to give 0.46 for identical gradients


def test_standardize_with_a_1d_mean_on_square_X():
    X = np.arange(9.0).reshape(3, 3)
    mean, std = X.mean(axis=1), X.std(axis=1)
    with pytest.raises(ValueError, match=r"mean has shape \(3,\), but it must be a column \(n_x, 1\) = \(3, 1\).*"
                                         r"mean.reshape\(-1, 1\)"):
        dh.standardize(X, mean, std.reshape(-1, 1))
    with pytest.raises(ValueError, match=r"std has shape \(3,\).*std.reshape\(-1, 1\)"):
        dh.standardize(X, mean.reshape(-1, 1), std)


def test_train_test_split_refuses_surplus_labels():
    X, Y = np.ones((2, 10)), np.zeros((1, 12))
    with pytest.raises(ValueError, match=r"Y has shape \(1, 12\), but it must be \(1, m\) = \(1, 10\)"):
        dh.train_test_split(X, Y)
    with pytest.raises(ValueError, match=r"use Y.reshape\(1, -1\)"):
        dh.train_test_split(X, np.zeros(10))


def test_dropout_backward_refuses_a_numeric_mask():
    with pytest.raises(ValueError, match=r"the mask D must hold only True/False"):
        dh.dropout_backward(np.ones((2, 2)), np.full((2, 2), 0.5), 0.5)


def test_AL_outside_0_1_in_the_dropout_backward_is_a_forgotten_sigmoid():
    X, Y = dh.make_moons(10, seed=0)
    parameters = net((2, 3, 1))
    AL, caches = dh.L_model_forward_with_dropout(X, parameters, 0.8, seed=0)
    with pytest.raises(ValueError, match=r"AL must hold probabilities in \[0, 1\].*did you forget the output layer's "
                                         r"sigmoid"):
        dh.L_model_backward_with_dropout(caches[-1][1], Y, caches, 0.8)   # Z[L] instead of A[L]


# --- nothing given is modified ------------------------------------------------------------------------------------

def test_inputs_are_never_modified():
    parameters = net((2, 3, 1))
    grads, X, Y = grads_of(parameters)
    saved = {k: v.copy() for k, v in parameters.items()}, {k: v.copy() for k, v in grads.items()}
    state = dh.initialize_optimizer(parameters, "adam")
    dh.optimizer_update(parameters, grads, state, "adam", 0.1)
    dh.add_l2_gradients(grads, parameters, 0.5, 5)
    dh.update_parameters(parameters, grads, 0.1)
    assert all(np.array_equal(parameters[k], saved[0][k]) for k in parameters)
    assert all(np.array_equal(grads[k], saved[1][k]) for k in grads)
    assert state["t"] == 0 and not any(state["v"][k].any() for k in state["v"])


# --- the core steps (notebooks 02-07) --------------------------------------------------------------------------------

def test_a_cache_of_the_wrong_structure_is_named_not_unpacked():
    parameters = net((2, 3, 1))
    X = np.ones((2, 4))
    _, caches = dh.L_model_forward(X, parameters)
    with pytest.raises(TypeError, match=r"linear_cache must be the tuple \(A_prev, W, b\) that linear_forward "
                                        r"returned; got a tuple of 2 item\(s\)"):
        dh.linear_backward(np.ones((3, 4)), caches[0][0][:2])
    with pytest.raises(TypeError, match=r"cache must be the pair \(linear_cache, Z\) that linear_activation_forward "
                                        r"returned"):
        dh.linear_activation_backward(np.ones((3, 4)), caches[0][0], "relu")   # the linear cache alone
    with pytest.raises(ValueError, match=r"hidden_activation must be one of"):
        dh.model_gradients(np.full((1, 4), 0.5), np.ones((1, 4)), caches, "elu")
    with pytest.raises(ValueError, match=r"caches is empty"):
        dh.model_gradients(np.full((1, 4), 0.5), np.ones((1, 4)), [])


def test_training_from_parameters_typed_as_lists():
    X, Y = dh.make_moons(20, seed=0)
    start = {k: value.tolist() for k, value in net((2, 3, 1)).items()}
    trained, costs = dh.L_layer_model(X, Y, [2, 3, 1], 0.1, 3, parameters=start)
    reference, reference_costs = dh.L_layer_model(X, Y, [2, 3, 1], 0.1, 3, parameters=net((2, 3, 1)))
    assert costs == reference_costs
    assert all(np.array_equal(trained[k], reference[k]) for k in reference)


def test_callback_and_paths_of_the_wrong_kind(tmp_path):
    X, Y = dh.make_moons(20, seed=0)
    with pytest.raises(TypeError, match=r"callback must be a function callback\(i, parameters, grads, cost\) or None; "
                                        r"got 5 \(int\)"):
        dh.L_layer_model(X, Y, [2, 3, 1], 0.1, 3, callback=5)
    with pytest.raises(TypeError, match=r"callback must be a function"):
        dh.improved_model(X, Y, [2, 3, 1], 0.1, 3, callback="print")
    with pytest.raises(TypeError, match=r"path must be a file name such as 'parameters.npz' \(a str or pathlib.Path\); "
                                        r"got None"):
        dh.save_parameters(None, net())
    with pytest.raises(TypeError, match=r"path must be the name of a file written by save_parameters"):
        dh.load_parameters(3)


def test_seed_none_when_training():
    X, Y = dh.make_moons(20, seed=0)
    with pytest.raises(TypeError, match=r"seed must be a whole number >= 0 \(e.g. 0\) or a numpy Generator; got None"):
        dh.L_layer_model(X, Y, [2, 3, 1], 0.1, 3, seed=None)
    with pytest.raises(TypeError, match=r"seed must be a whole number >= 0"):
        dh.two_layer_model(X, Y, [2, 3, 1], 0.1, 3, seed=None)
    with pytest.raises(TypeError, match=r"seed must be a whole number >= 0"):
        dh.L_layer_model(X, Y, [2, 3, 1], 0.1, 3, seed=None, parameters=net((2, 3, 1)))


def test_nan_weights_are_refused_not_predicted_as_zeros(tmp_path):
    parameters = net((2, 3, 1))
    parameters["W2"] = parameters["W2"].copy()
    parameters["W2"][0, 1] = np.nan           # what a diverged run leaves behind
    X = np.ones((2, 4))
    with pytest.raises(ValueError, match=r"parameters\['W2'\] contains 1 NaN or inf value\(s\); the network's numbers "
                                         r"blew up"):
        dh.predict(X, parameters)
    with pytest.raises(ValueError, match=r"parameters\['W2'\] contains 1 NaN or inf"):
        dh.L_layer_model(X, np.array([[0, 1, 0, 1]]), [2, 3, 1], 0.1, 3, parameters=parameters)
    np.savez(tmp_path / "nan.npz", **parameters)
    with pytest.raises(ValueError, match=r"the parameters in .*nan.npz\['W2'\] contains 1 NaN or inf"):
        dh.load_parameters(tmp_path / "nan.npz")


@pytest.mark.parametrize("path", [0, 1, True, 2.5])
def test_a_number_is_not_a_path_nor_a_file_descriptor(path):
    # open(0, "wb") would write the archive over standard input
    with pytest.raises(TypeError, match=r"path must be a file name such as 'parameters.npz'"):
        dh.save_parameters(path, net())


def test_a_nan_in_X_is_named_by_the_forward_pass():
    parameters = net()
    X = np.ones((3, 4))
    X[1, 2] = np.nan
    with pytest.raises(ValueError, match=r"the output AL holds NaN: X contains 1 NaN or inf value\(s\), the first at "
                                         r"row 1, column 2"):
        dh.L_model_forward(X, parameters)
    bad = dict(parameters, W2=np.full_like(parameters["W2"], np.nan))
    with pytest.raises(ValueError, match=r"the output AL holds NaN: parameters\['W2'\] contains"):
        dh.L_model_forward(np.ones((3, 4)), bad)
    with pytest.raises(ValueError, match=r"the output AL holds NaN: X contains"):
        dh.L_model_forward_with_dropout(X, parameters, 0.5, 0)
    # Z1 = W1 X is inf itself, so W2's products are +inf and -inf and their sum is NaN in any summation order (a
    # finite Z1 = 3e300 left it to the BLAS kernel: an FMA kernel summed the overflowing products to -inf, not NaN)
    huge = dict(parameters, W1=np.full_like(parameters["W1"], 1e300), W2=np.array([[1e300, -1e300, 1e300, -1e300]]))
    with np.errstate(over="ignore", invalid="ignore"), pytest.raises(ValueError, match="the numbers overflowed"):
        dh.L_model_forward(np.full((3, 4), 1e300), huge)


@pytest.mark.parametrize("label, match", [(10 ** 9, r"Y holds the class number 1e\+09; class numbers run 0, 1, ..., "
                                                    r"K - 1 with at most 1000 classes"),
                                          (1e20, r"Y holds the class number 1e\+20"), (1000, r"class number 1000")])
def test_confusion_matrix_with_a_huge_label(label, match):
    with pytest.raises(ValueError, match=match):
        dh.confusion_matrix(np.array([[0, label]]), np.array([[0, 1]]))
    with pytest.raises(ValueError, match=match.replace("Y holds", "Y_pred holds")):
        dh.accuracy(np.array([[0, 1]]), np.array([[0, label]]))
    assert dh.confusion_matrix(np.array([[0, 999]]), np.array([[0, 1]])).shape == (1000, 1000)
    with pytest.raises(ValueError, match=r"K is 1001, but a confusion matrix here has at most 1000 classes"):
        dh.confusion_matrix(np.array([[0, 1]]), np.array([[0, 1]]), K=1001)


@pytest.mark.parametrize("call", ["L_layer_model", "improved_model"])
def test_a_number_of_steps_no_one_could_wait_for(call):
    X, Y = np.ones((3, 4)), np.array([[0, 1, 0, 1]])
    with pytest.raises(ValueError, match=r"is 100,000,000,000,000,000,000: more than the 10,000,000 this loop takes"):
        getattr(dh, call)(X, Y, [3, 1], 0.1, 10 ** 20)


def test_model_gradients_refuses_what_is_not_a_forward_pass_output():
    parameters = net()
    X, Y = np.ones((3, 4)), np.array([[0, 1, 0, 1]])
    AL, caches = dh.L_model_forward(X, parameters)
    for bad in (AL * 1e308, AL - 2, np.full_like(AL, np.inf)):
        with np.errstate(over="ignore"), pytest.raises(ValueError, match=r"AL must hold the output layer's "
                                                                         r"probabilities in \[0, 1\]"):
            dh.model_gradients(bad, Y, caches)
    with pytest.raises(ValueError, match=r"Y must hold only 0 and 1"):
        dh.model_gradients(AL, Y * 1e308, caches)
    with pytest.raises(TypeError, match=r"AL must be a numeric array"):
        dh.model_gradients("AL", Y, caches)
