"""The checks of dnn_helpers.validation, called on their own: each message names the argument, what it got and
what was expected; each conversion happens once and gives the right numbers."""

import os
from pathlib import Path

import numpy as np
import pytest

from dnn_helpers import validation as v


# --- arrays ---------------------------------------------------------------------------------------------------------

def test_as_array_converts_lists_ints_and_bools_once():
    out = v.as_array([[1, 2], [3, 4]], "X")
    assert type(out) is np.ndarray and out.dtype == np.float64 and out.tolist() == [[1.0, 2.0], [3.0, 4.0]]
    assert v.as_array(np.array([[True, False]]), "X").dtype == np.float64
    kept = v.as_array(np.array([[1, 0]]), "Y", keep_ints=True)
    assert kept.dtype.kind == "i"
    X32 = np.ones((2, 2), np.float32)
    assert v.as_array(X32, "X") is X32          # a float array is the same object: no copy


@pytest.mark.filterwarnings("ignore::PendingDeprecationWarning")
def test_as_array_turns_a_matrix_into_a_plain_array():
    M = np.matrix([[1.0, 2.0], [3.0, 4.0]])
    out = v.as_array(M, "X")
    assert type(out) is np.ndarray
    np.testing.assert_array_equal(out * out, [[1.0, 4.0], [9.0, 16.0]])   # elementwise now


@pytest.mark.parametrize("value, error, match", [
    (None, TypeError, r"X must be a numeric array; got None \(NoneType\)"),
    ("abc", TypeError, r"X must be a numeric array; got 'abc' \(str\)"),
    ({"a": 1}, TypeError, r"X must be a numeric array; got \{'a': 1\} \(dict\)"),
    ([[1.0, 2.0], [3.0]], TypeError, r"X must be a numeric array, e.g. a nested list whose rows all have the same "
                                     r"length; could not convert it"),
    ([[1.0, None]], TypeError, r"X must hold real numbers, but its dtype is object \(a ragged nested list, or one "
                               r"holding None or strings\?\)"),
    (np.array([["a"]]), TypeError, r"X must hold real numbers, but its dtype is <U1; convert it first, e.g. "
                                   r"X.astype\(float\)"),
    (np.ones((1, 2)) * 1j, TypeError, r"X must hold real numbers, but its dtype is complex128; use the real part"),
    (np.ma.masked_array([[1.0]], mask=[[True]]), TypeError, r"X is a masked array; fill or drop the masked values"),
])
def test_as_array_refuses_what_is_not_numbers(value, error, match):
    with pytest.raises(error, match=match):
        v.as_array(value, "X")


def test_as_matrix_dimensions_and_empty_arrays():
    with pytest.raises(ValueError, match=r"X must be 2-D, but it has shape \(3,\); the course keeps every matrix 2-D"):
        v.as_matrix(np.ones(3), "X")
    with pytest.raises(ValueError, match=r"X must have 3 dimension\(s\), but it has shape \(2, 2\)"):
        v.as_array(np.ones((2, 2)), "X", ndim=3)
    with pytest.raises(ValueError, match=r"X is empty \(shape \(2, 0\)\); it has m = 0 columns, i.e. no examples"):
        v.as_matrix(np.ones((2, 0)), "X")
    with pytest.raises(ValueError, match=r"X is empty \(shape \(0, 3\)\); it must hold at least one number"):
        v.as_matrix(np.ones((0, 3)), "X")
    assert v.as_array(np.ones((1, 0)), "Y", allow_empty=True).shape == (1, 0)


def test_check_finite_names_the_first_bad_value():
    X = np.ones((3, 4))
    X[2, 1], X[0, 3] = np.nan, np.inf
    with pytest.raises(ValueError, match=r"X contains 2 NaN or inf value\(s\), the first at row 0, column 3"):
        v.check_finite(X, "X")
    with pytest.raises(ValueError, match=r"g contains 1 NaN or inf value\(s\), the first at index \(1,\)"):
        v.check_finite(np.array([0.0, np.nan]), "g")
    v.check_finite(np.zeros((2, 2)), "X")   # no error


def test_check_labels():
    assert v.check_labels(np.array([[0, 1, 1]]), 3).dtype.kind == "i"
    with pytest.raises(ValueError, match=r"Y has shape \(3,\), but labels must be a row \(1, m\) = \(1, 3\); use "
                                         r"Y.reshape\(1, -1\)"):
        v.check_labels(np.array([0, 1, 1]), 3)
    with pytest.raises(ValueError, match=r"Y has shape \(3, 1\): it looks transposed"):
        v.check_labels(np.zeros((3, 1)), 3)
    with pytest.raises(ValueError, match=r"Y must hold only 0 and 1 for binary classification; found \[2\]"):
        v.check_labels(np.array([[0, 2, 1]]), 3)
    with pytest.raises(ValueError, match=r"Y contains NaN or inf; every label must be 0 or 1"):
        v.check_labels(np.array([[0, np.nan]]), 2)


def test_as_probabilities_points_to_a_forgotten_sigmoid():
    with pytest.raises(ValueError, match=r"AL must hold probabilities in \[0, 1\] \(the sigmoid output\), but it holds "
                                         r"2 value\(s\) outside, e.g. -0.5; did you forget the output layer's sigmoid"):
        v.as_probabilities(np.array([[-0.5, 0.5, 3.0]]))
    with pytest.raises(ValueError, match=r"1 value\(s\) outside, e.g. nan"):
        v.as_probabilities(np.array([[np.nan, 0.5]]))
    np.testing.assert_array_equal(v.as_probabilities([[0, 1]]), [[0.0, 1.0]])


def test_check_X_fits_spots_a_transposed_X():
    with pytest.raises(ValueError, match=r"X has 5 rows but n_x is 2; X must be \(n_x, m\), one column per example. "
                                         r"It looks transposed"):
        v.check_X_fits(np.ones((5, 2)), 2, "n_x")


# --- dicts of arrays -----------------------------------------------------------------------------------------------

def params():
    return {"W1": np.ones((3, 2)), "b1": np.zeros((3, 1)), "W2": np.ones((1, 3)), "b2": np.zeros((1, 1))}


def test_as_parameters_converts_and_counts_layers():
    checked, L = v.as_parameters({"W1": [[1, 2]], "b1": [[0]]})
    assert L == 1 and checked["W1"].dtype == np.float64 and checked["W1"].shape == (1, 2)
    p = params()
    checked, L = v.as_parameters(p)
    assert L == 2 and all(checked[k] is p[k] for k in p)  # floats are not copied
    assert v.check_parameters(p) == 2


@pytest.mark.parametrize("change, error, match", [
    (lambda p: p.pop("b2"), ValueError, r"parameters is missing 'b2'; a 2-layer network needs W1, b1, ..., W2, b2"),
    (lambda p: p.update(w1=1), ValueError, r"parameters has unexpected key\(s\) \['w1'\]"),
    (lambda p: p.update(W2=np.ones((1, 4))), ValueError, r"parameters\['W2'\] has shape \(1, 4\), but layer 1 has 3 "
                                                         r"units, so W2 must be \(n\[2\], n\[1\]\) = \(1, 3\)"),
    (lambda p: p.update(b1=np.zeros((1, 3))), ValueError, r"parameters\['b1'\] has shape \(1, 3\), but W1 is "
                                                          r"\(3, 2\), so b1 must be \(n\[1\], 1\) = \(3, 1\)"),
    (lambda p: p.update(b1=np.zeros(3)), ValueError, r"parameters\['b1'\] is 1-D \(shape \(3,\)\).*"
                                                     r"b.reshape\(-1, 1\)"),
    (lambda p: p.update(W1=np.array([["a", "b"]] * 3)), TypeError, r"parameters\['W1'\] must hold real numbers"),
])
def test_bad_parameters(change, error, match):
    p = params()
    change(p)
    with pytest.raises(error, match=match):
        v.as_parameters(p)


def test_parameters_that_are_not_a_dict_or_empty():
    with pytest.raises(TypeError, match=r"parameters must be a dict with keys 'W1', 'b1', ..., 'WL', 'bL'; got "
                                        r"\[1, 2\] \(list\)"):
        v.as_parameters([1, 2])
    with pytest.raises(ValueError, match=r"parameters is empty; expected 'W1', 'b1', ..., 'WL', 'bL'"):
        v.as_parameters({})


def test_as_grads_shapes_keys_and_int_conversion():
    p = {k: value.astype(np.float32) for k, value in params().items()}
    grads = {"dW1": np.ones((3, 2), int), "db1": np.zeros((3, 1)), "dW2": np.ones((1, 3)), "db2": [[1]], "dA0": 5}
    checked = v.as_grads(grads, p, 2)
    assert set(checked) == {"dW1", "db1", "dW2", "db2"}          # extra keys left out
    assert checked["dW1"].dtype == np.float32                   # ints take the parameter's dtype
    assert checked["db2"].dtype == np.float32 and checked["db2"].shape == (1, 1)
    with pytest.raises(ValueError, match=r"grads is missing 'dW2'; L_model_backward's grads holds dW1, db1, ..., "
                                         r"dW2, db2"):
        v.as_grads({"dW1": np.ones((3, 2)), "db1": np.zeros((3, 1))}, p, 2)
    with pytest.raises(ValueError, match=r"grads is missing 'db1'; L_model_backward's grads holds dW1, db1$"):
        v.as_grads({"dW1": np.ones((3, 2))}, {"W1": p["W1"], "b1": p["b1"]}, 1)
    with pytest.raises(ValueError, match=r"grads\['dW1'\] has shape \(2, 3\), but W1 has shape \(3, 2\) \(it looks "
                                         r"transposed\); a gradient is shaped like its parameter"):
        v.as_grads(dict(grads, dW1=np.ones((2, 3))), p, 2)
    with pytest.raises(TypeError, match=r"grads must be a dict with keys 'dW1', 'db1', ...; got None"):
        v.as_grads(None, p, 2)


def test_as_grads_for_an_optimizer_state_names_its_starter():
    p = params()
    state = {"dW1": np.zeros((3, 2)), "db1": np.zeros(3), "dW2": np.zeros((1, 3)), "db2": np.zeros((1, 1))}
    with pytest.raises(ValueError, match=r"v\['db1'\] has shape \(3,\), but b1 has shape \(3, 1\); each entry of v is "
                                         r"shaped like its parameter"):
        v.as_grads(state, p, 2, "v", starter="initialize_velocity")
    with pytest.raises(ValueError, match=r"v is missing 'dW1'; v \(start it with initialize_velocity\(parameters\)\)"):
        v.as_grads({}, p, 2, "v", starter="initialize_velocity")


# --- caches ----------------------------------------------------------------------------------------------------------

def test_cache_structures():
    A, W, b = np.ones((2, 4)), np.ones((3, 2)), np.zeros((3, 1))
    Z = W @ A + b
    linear_cache, Zc = v.check_layer_cache(((A, W, b), Z))
    assert linear_cache[1] is W and Zc is Z
    with pytest.raises(TypeError, match=r"linear_cache must be the tuple \(A_prev, W, b\) that linear_forward "
                                        r"returned; got a tuple of 2 item\(s\)"):
        v.check_linear_cache((A, W))
    with pytest.raises(ValueError, match=r"linear_cache holds A_prev \(2, 4\), W \(3, 3\) and b \(3, 1\), which do "
                                         r"not fit together"):
        v.check_linear_cache((A, np.ones((3, 3)), b))
    with pytest.raises(TypeError, match=r"cache must be the pair \(linear_cache, Z\) that linear_activation_forward "
                                        r"returned"):
        v.check_layer_cache((A, W, b))
    with pytest.raises(ValueError, match=r"cache\[1\] \(Z\) has shape \(3, 3\), but the linear cache makes Z "
                                         r"\(n\[l\], m\) = \(3, 4\)"):
        v.check_layer_cache(((A, W, b), np.ones((3, 3))))
    assert v.check_caches([1, 2, 3]) == 3
    with pytest.raises(ValueError, match="caches is empty; pass the caches that L_model_forward returned"):
        v.check_caches([])
    with pytest.raises(TypeError, match=r"caches must be the list of caches that L_model_forward returned; got None"):
        v.check_caches(None)


# --- scalars ----------------------------------------------------------------------------------------------------------

def test_numbers_come_back_as_python_floats():
    for value in (np.float64(0.5), np.float32(0.5), np.array(0.5), 0.5):
        out = v.check_positive(value, "learning_rate")
        assert type(out) is float and out == 0.5
    assert type(v.check_count(np.int64(3), "m")) is int
    assert v.check_beta(0) == 0.0                     # beta = 0 is valid (no memory)
    assert v.check_keep_prob(1) == 1.0 and v.check_lambd(0) == 0.0
    assert v.check_nonnegative(0, "decay_rate") == 0.0
    assert v.check_step(np.int64(1)) == 1


@pytest.mark.parametrize("call, error, match", [
    (lambda: v.check_positive(0, "learning_rate"), ValueError, "learning_rate must be a positive number; got 0.0"),
    (lambda: v.check_positive(-1e-3, "alpha"), ValueError, "alpha must be a positive number; got -0.001"),
    (lambda: v.check_positive(float("inf"), "epsilon"), ValueError, "epsilon must be a positive number; got inf"),
    (lambda: v.check_positive(np.array([0.1]), "learning_rate"), TypeError,
     r"learning_rate must be a number > 0; got an array of shape \(1,\)"),
    (lambda: v.check_positive(True, "learning_rate"), TypeError, r"learning_rate must be a number > 0; got True"),
    (lambda: v.check_nonnegative(-1, "decay_rate", " (0 means no decay)"), ValueError,
     r"decay_rate must be 0 or more \(0 means no decay\); got -1.0"),
    (lambda: v.check_count(2.0, "m"), TypeError, r"m must be a whole number \(at least 0\); got 2.0 \(float\)"),
    (lambda: v.check_count(0, "m", minimum=1), ValueError, "m must be at least 1; got 0"),
    (lambda: v.check_beta(1.0), ValueError, r"beta must be in \[0, 1\), e.g. 0.9 .*got 1.0"),
    (lambda: v.check_beta(-0.1, "beta2"), ValueError, r"beta2 must be in \[0, 1\).*got -0.1"),
    (lambda: v.check_beta(float("nan")), ValueError, r"beta must be in \[0, 1\).*got nan"),
    (lambda: v.check_keep_prob(0), ValueError, r"keep_prob, the probability of keeping a hidden unit, must be in "
                                               r"\(0, 1\] \(1: no dropout; 0 would drop every unit\); got 0.0"),
    (lambda: v.check_keep_prob(1.5), ValueError, r"must be in \(0, 1\].*got 1.5"),
    (lambda: v.check_keep_prob(float("nan")), ValueError, r"must be in \(0, 1\].*got nan"),
    (lambda: v.check_lambd(-0.1), ValueError, r"lambd, the L2 regularization strength, must be 0 or more"),
    (lambda: v.check_lambd(float("inf")), ValueError, r"lambd, the L2 regularization strength.*got inf"),
    (lambda: v.check_step(0), ValueError, r"t, the step number, counts from 1 \(the first update is t = 1\); got 0"),
    (lambda: v.check_step(-2), ValueError, r"t, the step number, counts from 1"),
    (lambda: v.check_step(True), TypeError, r"t, the step number, must be a whole number counting from 1; got True"),
])
def test_bad_scalars(call, error, match):
    with pytest.raises(error, match=match):
        call()


def test_choices():
    optimizers, decays = ("gd", "momentum", "rmsprop", "adam"), ("inverse_time", "exponential", "step")
    assert v.check_choice("adam", optimizers, "optimizer") == "adam"
    assert v.check_choice(None, decays, "decay", allow_none=True) is None
    with pytest.raises(ValueError, match=r"optimizer must be one of 'gd', 'momentum', 'rmsprop', 'adam'; got 'Adam'"):
        v.check_choice("Adam", optimizers, "optimizer")
    with pytest.raises(ValueError, match=r"decay must be None or one of 'inverse_time', 'exponential', 'step'; got 3"):
        v.check_choice(3, decays, "decay", allow_none=True)
    with pytest.raises(ValueError, match=r"optimizer must be one of .*; got None"):
        v.check_choice(None, optimizers, "optimizer")
    with pytest.raises(ValueError, match=r"activation must be one of 'relu', 'sigmoid', 'tanh'.*got \['relu'\]"):
        v.check_activation(["relu"])


# --- seeds -----------------------------------------------------------------------------------------------------------

def test_seeds_and_generators():
    assert v.check_seed(np.int64(7)) == 7 and type(v.check_seed(np.int64(7))) is int
    rng = np.random.default_rng(0)
    assert v.check_seed(rng) is rng and v.make_rng(rng) is rng
    np.testing.assert_array_equal(v.make_rng(3).random(3), np.random.default_rng(3).random(3))
    a, b = v.make_rngs(5, 2)
    children = np.random.SeedSequence(5).spawn(2)
    np.testing.assert_array_equal(a.random(2), np.random.default_rng(children[0]).random(2))
    np.testing.assert_array_equal(b.random(2), np.random.default_rng(children[1]).random(2))
    assert len(v.make_rngs(np.random.default_rng(1), 3)) == 3
    with pytest.raises(TypeError, match=r"seed must be a whole number >= 0 \(e.g. 0\) or a numpy Generator; got None"):
        v.make_rngs(None, 2)
    with pytest.raises(ValueError, match=r"data_seed must be a whole number >= 0.*got -3"):
        v.make_rng(-3, "data_seed")


# --- dtypes and paths -------------------------------------------------------------------------------------------------

def test_float_dtypes():
    assert v.check_float_dtype(np.float32) == np.float32
    assert v.check_float_dtype("float64") == np.float64
    with pytest.raises(TypeError, match=r"dtype must be a float type such as np.float64 or np.float32; got int32: "
                                        r"whole numbers would round"):
        v.check_float_dtype(np.int32)
    with pytest.raises(TypeError, match=r"dtype must be a float type .*; got None"):
        v.check_float_dtype(None)
    with pytest.raises(TypeError, match=r"dtype must be a float type .*; got 'banana' \(str\)"):
        v.check_float_dtype("banana")


def test_paths(tmp_path):
    assert v.check_path(tmp_path / "a.npz") == os.fspath(tmp_path / "a.npz")
    assert v.check_path("a.npz") == "a.npz"
    with pytest.raises(TypeError, match=r"path must be a file or folder name \(a str or pathlib.Path\); got 3 \(int\)"):
        v.check_path(3)
    with pytest.raises(TypeError, match=r"folder must be a folder \(a str or pathlib.Path\); got ''"):
        v.check_path("", "folder", "a folder")
    assert isinstance(Path(v.check_path(Path("x"))), Path)


def test_layer_dims():
    assert v.check_layer_dims(np.array([3, 2, 1])) == [3, 2, 1]
    with pytest.raises(ValueError, match=r"layer_dims must be a flat list of layer sizes.*got shape \(1, 3\)"):
        v.check_layer_dims(np.array([[3, 2, 1]]))
    with pytest.raises(TypeError, match=r"layer_dims must be a list of layer sizes like \[n_x, n_h, 1\]; got 5"):
        v.check_layer_dims(5)
    with pytest.raises(ValueError, match=r"layer_dims must list at least two sizes"):
        v.check_layer_dims([3])
    with pytest.raises(ValueError, match=r"layer_dims\[1\] is 0, but every layer needs at least 1 unit"):
        v.check_layer_dims([3, 0, 1])


def test_describe_is_short_and_on_one_line():
    assert v.describe(np.ones((2, 3))) == "an array of shape (2, 3) and dtype float64"
    assert v.describe((np.ones(2), np.ones(2))) == "a tuple of 2 item(s)"
    long = v.describe(list(range(100)))
    assert len(long) < 80 and long.endswith("... (list)")
    assert "\n" not in v.describe("a\nb c")


# --- the decorator ---------------------------------------------------------------------------------------------------

def test_checked_runs_the_checks_once_per_outer_call():
    calls = []

    def check_inner(args):
        calls.append("inner")
        args["x"] = float(args["x"])

    @v.checked(check_inner)
    def inner(x):
        return x

    @v.checked(lambda args: calls.append("outer"), after=lambda result, args, given: result + 1)
    def outer(x, callback=None):
        return inner(x) + (callback(x) if callback else 0)

    assert inner(2) == 2.0 and isinstance(inner(2), float) and calls == ["inner", "inner"]
    calls.clear()
    assert outer(2) == 3 and calls == ["outer"]                      # the part is not re-checked; after runs once
    calls.clear()
    assert outer(2, v.checked_outside(inner)) == 5 and calls == ["outer", "inner"]   # a caller's function is
    assert inner.__wrapped__(3) == 3                                                 # checked again


def test_checked_depth_recovers_after_an_error():
    @v.checked(lambda args: None)
    def boom(x):
        raise RuntimeError("inside")

    @v.checked(lambda args: args.__setitem__("x", v.check_positive(args["x"], "x")))
    def positive(x):
        return x

    with pytest.raises(RuntimeError):
        boom(1)
    with pytest.raises(ValueError, match="x must be a positive number"):
        positive(-1)                                                 # checked again: the depth went back to 0
