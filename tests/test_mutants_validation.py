"""Behaviour of dnn_helpers.validation that one-token mutants changed without a test noticing (tools/mutate.py)."""

import warnings
from contextlib import contextmanager

import numpy as np
import pytest

import dnn_helpers as dh
from dnn_helpers import validation


def small_parameters():
    return dh.initialize_parameters_deep([2, 3, 1], seed=0)


def test_the_activation_record_is_the_hidden_activation_entry():
    parameters = dict(small_parameters(), hidden_activation="tanh")
    checked, L = validation.as_parameters(parameters)
    assert L == 2 and sorted(checked) == ["W1", "W2", "b1", "b2"]
    assert dh.Parameters(small_parameters(), "tanh")["hidden_activation"] == "tanh"
    with pytest.raises(ValueError, match=r"parameters\['hidden_activation'\] must be one of"):
        validation.as_parameters(dict(small_parameters(), hidden_activation="sine"))


def test_a_checked_function_is_not_quiet_unless_asked():
    @validation.checked()
    def loud(x):
        return np.log(x)

    @validation.checked(quiet=True)
    def quiet(x):
        return np.log(x)

    with np.errstate(divide="warn"), pytest.warns(RuntimeWarning, match="divide by zero"):
        assert loud(np.array([0.0]))[0] == -np.inf
    with np.errstate(divide="raise"), pytest.raises(FloatingPointError):
        loud(np.array([0.0]))
    with np.errstate(divide="warn"), warnings.catch_warnings():
        warnings.simplefilter("error")          # quiet: no warning at all
        assert quiet(np.array([0.0]))[0] == -np.inf
    with np.errstate(divide="raise"), pytest.raises(FloatingPointError):
        quiet(np.array([0.0]))                  # a mode that raises keeps raising


def test_a_checked_function_runs_in_its_context():
    entered = []

    @contextmanager
    def watch(args):
        entered.append(args["x"])
        yield

    @validation.checked(context=watch)
    def body(x):
        return x * 2

    assert body(3) == 6
    assert entered == [3]


def test_describe_keeps_a_text_of_sixty_characters():
    text = "x" * 58                       # its repr, with the quotes, is 60 characters long
    assert validation.describe(text) == f"'{text}' (str)"
    longer = "y" * 59                     # 61 characters: cut to 57 and "..."
    assert validation.describe(longer) == "'" + "y" * 56 + "... (str)"


@pytest.mark.filterwarnings("ignore::PendingDeprecationWarning")
def test_as_array_turns_a_matrix_into_a_plain_array():
    value = validation.as_array(np.matrix([[1.0, 2.0], [3.0, 4.0]]), "X")
    assert type(value) is np.ndarray
    np.testing.assert_array_equal(value * value, [[1.0, 4.0], [9.0, 16.0]])   # elementwise, not a matrix product


@pytest.mark.parametrize("shape", [(2, 5), (1, 4), (5, 2), (1, 5, 1)])
def test_check_labels_wants_one_row_of_m(shape):
    with pytest.raises(ValueError, match=r"Y has shape .*\(1, m\) = \(1, 5\)"):
        validation.check_labels(np.zeros(shape), 5)


@pytest.mark.parametrize("b1", [np.zeros((3, 1, 1)), np.float64(0.0)])
def test_a_bias_that_is_not_2d_is_named(b1):
    parameters = dict(small_parameters(), b1=b1)
    with pytest.raises(ValueError, match=r"parameters\['b1'\] must be 2-D"):
        validation.as_parameters(parameters)


def test_check_parameters_names_the_parameters():
    with pytest.raises(TypeError, match=r"^parameters must be a dict"):
        validation.check_parameters([np.zeros((1, 1))])
    assert validation.check_parameters(small_parameters()) == 2


@pytest.mark.parametrize("check, name", [(validation.check_keep_prob, "keep_prob"), (validation.check_lambd, "lambd")])
def test_a_setting_that_is_not_a_number_is_named(check, name):
    with pytest.raises(TypeError, match=rf"^{name} must be a number"):
        check("0.5")


@pytest.mark.parametrize("size", [2.5, 2.0, True, "3", None])
def test_layer_sizes_must_be_whole_numbers(size):
    with pytest.raises(TypeError, match=r"layer_dims\[1\] must be a whole number of units"):
        validation.check_layer_dims([2, size, 1])
    assert validation.check_layer_dims([2, np.int64(3), 1]) == [2, 3, 1]


def counted_part(calls):
    @validation.checked(lambda args: calls.append(args["x"]))
    def part(x):
        return x
    return part


def test_a_callback_is_checked_as_an_outer_call_and_the_loop_then_is_not():
    calls = []
    part = counted_part(calls)

    @validation.checked()
    def loop(callback):
        part(1)          # a part of a checked call: not checked again
        callback()       # the caller's function: its calls are checked
        part(3)          # back inside the loop: not checked
        return "done"

    assert loop(validation.checked_outside(lambda: part(2))) == "done"
    assert calls == [2]
    part(4)              # an outer call after the loop: checked
    assert calls == [2, 4]


def test_a_callback_run_first_in_a_new_thread_leaves_the_checks_on():
    import threading
    calls, errors = [], []
    part = counted_part(calls)

    def work():
        try:
            validation.checked_outside(lambda: None)()
            part(5)
        except Exception as err:  # noqa: BLE001  (reported to the test's thread below)
            errors.append(err)

    thread = threading.Thread(target=work)
    thread.start()
    thread.join()
    assert errors == [] and calls == [5]


def test_check_labels_keeps_int_and_bool_labels():
    assert validation.check_labels(np.array([[0, 1, 1]]), 3).dtype.kind == "i"
    assert validation.check_labels(np.array([[False, True]]), 2).dtype == bool
    np.testing.assert_array_equal(validation.check_labels([[1]], 1), [[1]])    # one example is (1, 1), not transposed


def test_check_labels_shows_at_most_five_wrong_labels():
    with pytest.raises(ValueError, match=r"found \[2, 3, 4, 5, 6\]$"):
        validation.check_labels(np.array([[0, 1, 2, 3, 4, 5, 6, 7, 8]]), 9)


def test_a_linear_cache_names_its_bad_part():
    A, W = np.ones((2, 3)), np.ones((4, 2))
    with pytest.raises(TypeError, match=r"linear_cache's b must"):
        validation.check_linear_cache((A, W, "b"))
    with pytest.raises(ValueError, match=r"linear_cache's W must be 2-D"):
        validation.check_linear_cache((A, np.ones(2), np.ones((4, 1))))


def test_empty_labels_get_the_shape_message():
    with pytest.raises(ValueError, match=r"Y has shape \(0,\), but it must be \(1, m\) = \(1, 5\)"):
        validation.check_labels(np.array([]), 5)
