"""Behaviour of dnn_helpers.optimizers that one-token mutants changed without a test noticing (tools/mutate.py).

- A float32 network stays float32 through every update, even when the settings come as numpy float64 scalars or
  np.int64 step numbers (numpy 2 lets a numpy float64 scalar turn a float32 array into float64, so the checks hand
  the maths Python floats and ints) and the grads and states come as float64.
- The updates take parameters that record their hidden activation, and grads given as nested lists.
- The decay schedules return Python floats; the options are checked even when the schedule does not read them.
"""

import numpy as np
import pytest

import dnn_helpers as dh


def float32_network():
    parameters = dh.initialize_parameters_deep([3, 2, 1], seed=0, method="xavier", dtype=np.float32)
    assert parameters["W1"].dtype == np.float32
    return parameters


def float64_grads(parameters, seed=1):
    rng = np.random.default_rng(seed)
    return {"d" + name: rng.standard_normal(value.shape) for name, value in parameters.items()}


def float64_state(parameters, seed, positive=False):
    rng = np.random.default_rng(seed)
    state = {"d" + name: rng.standard_normal(value.shape) for name, value in parameters.items()}
    return {key: np.abs(value) for key, value in state.items()} if positive else state


def assert_float32(arrays):
    for name, value in arrays.items():
        assert value.dtype == np.float32, f"{name} is {value.dtype}"


def test_momentum_keeps_float32_with_numpy_scalars():
    parameters, grads = float32_network(), None
    grads = float64_grads(parameters)
    v = float64_state(parameters, 2)
    new, new_v = dh.update_parameters_with_momentum(parameters, grads, v, np.float64(0.9), np.float64(0.1))
    assert_float32(new)
    assert_float32(new_v)
    for name in ("W1", "b1", "W2", "b2"):
        expected_v = 0.9 * v["d" + name] + 0.1 * grads["d" + name]
        np.testing.assert_allclose(new_v["d" + name], expected_v, rtol=1e-5, atol=1e-6)
        np.testing.assert_allclose(new[name], parameters[name] - 0.1 * expected_v, rtol=1e-5, atol=1e-6)


def test_rmsprop_keeps_float32_with_numpy_scalars():
    parameters = float32_network()
    grads = float64_grads(parameters)
    s = float64_state(parameters, 3, positive=True)
    new, new_s = dh.update_parameters_with_rmsprop(parameters, grads, s, np.float64(0.99), np.float64(0.01),
                                                   epsilon=np.float64(1e-8))
    assert_float32(new)
    assert_float32(new_s)
    for name in ("W1", "b1", "W2", "b2"):
        g = grads["d" + name]
        expected_s = 0.99 * s["d" + name] + 0.01 * g * g
        np.testing.assert_allclose(new_s["d" + name], expected_s, rtol=1e-5, atol=1e-7)
        np.testing.assert_allclose(new[name], parameters[name] - 0.01 * g / (np.sqrt(expected_s) + 1e-8),
                                   rtol=1e-5, atol=1e-6)


def test_adam_keeps_float32_with_numpy_scalars_and_step():
    parameters = float32_network()
    grads = float64_grads(parameters)
    v, s = float64_state(parameters, 4), float64_state(parameters, 5, positive=True)
    new, new_v, new_s = dh.update_parameters_with_adam(parameters, grads, v, s, np.int64(3),
                                                       learning_rate=np.float64(0.01), beta1=np.float64(0.9),
                                                       beta2=np.float64(0.999), epsilon=np.float64(1e-8))
    for arrays in (new, new_v, new_s):
        assert_float32(arrays)
    for name in ("W1", "b1", "W2", "b2"):
        g = grads["d" + name]
        v_hat = (0.9 * v["d" + name] + 0.1 * g) / (1 - 0.9 ** 3)
        s_hat = (0.999 * s["d" + name] + 0.001 * g * g) / (1 - 0.999 ** 3)
        np.testing.assert_allclose(new[name], parameters[name] - 0.01 * v_hat / (np.sqrt(s_hat) + 1e-8),
                                   rtol=1e-5, atol=1e-6)


def test_bias_correction_keeps_float32_and_takes_lists():
    average = np.array([0.5, -1.0], dtype=np.float32)
    corrected = dh.bias_correction(average, np.float64(0.5), np.int64(2))
    assert corrected.dtype == np.float32
    np.testing.assert_allclose(corrected, [0.5 / 0.75, -1.0 / 0.75], rtol=1e-6)
    np.testing.assert_allclose(dh.bias_correction([1.0, 2.0], 0.5, 1), [2.0, 4.0])
    assert dh.bias_correction(0.3, 0.5, 1) == pytest.approx(0.6)


@pytest.mark.parametrize("optimizer", ["momentum", "rmsprop", "adam"])
def test_updates_keep_the_recorded_activation(optimizer):
    plain = dh.initialize_parameters_deep([3, 2, 1], seed=0, method="xavier")
    parameters = dh.Parameters(plain, "tanh")
    grads = float64_grads(plain)
    state = dh.initialize_optimizer(parameters, optimizer)
    new, _ = dh.optimizer_update(parameters, grads, state, optimizer, 0.1)
    assert isinstance(new, dh.Parameters) and new.hidden_activation == "tanh"
    expected, _ = dh.optimizer_update(plain, grads, dh.initialize_optimizer(plain, optimizer), optimizer, 0.1)
    for name in ("W1", "b1", "W2", "b2"):
        np.testing.assert_array_equal(new[name], expected[name])
        assert not np.array_equal(new[name], plain[name])


@pytest.mark.parametrize("optimizer", ["momentum", "rmsprop", "adam"])
def test_updates_take_grads_as_nested_lists(optimizer):
    parameters = dh.initialize_parameters_deep([3, 2, 1], seed=0, method="xavier")
    grads = float64_grads(parameters)
    listed = {key: value.tolist() for key, value in grads.items()}
    state = dh.initialize_optimizer(parameters, optimizer)
    new, _ = dh.optimizer_update(parameters, listed, state, optimizer, 0.1)
    expected, _ = dh.optimizer_update(parameters, grads, state, optimizer, 0.1)
    for name in ("W1", "b1", "W2", "b2"):
        np.testing.assert_array_equal(new[name], expected[name])


@pytest.mark.parametrize("decay, expected", [("inverse_time", 0.1 / 4), ("step", 0.1 / 2),
                                             ("exponential", 0.1 * np.exp(-3.0))])
def test_a_decayed_rate_is_a_python_float(decay, expected):
    # a numpy scalar would turn a float32 network into float64 at its next update
    rate = dh.decayed_learning_rate(np.float32(0.1), np.int64(3), decay, np.float32(1.0), time_interval=np.int64(2))
    assert type(rate) is float
    assert rate == pytest.approx(expected, rel=1e-6)
    for schedule in (dh.inverse_time_decay, dh.exponential_decay):
        assert type(schedule(np.float32(0.1), np.int64(3), np.float32(1.0))) is float
    assert type(dh.step_decay(np.float32(0.1), np.int64(3), np.float32(1.0), np.int64(2))) is float


@pytest.mark.parametrize("decay", [None, "inverse_time", "exponential"])
def test_the_decay_options_are_checked_even_when_unread(decay):
    with pytest.raises(ValueError, match=r"time_interval must be at least 1; got 0"):
        dh.decayed_learning_rate(0.1, 3, decay, 1.0, time_interval=0)
    with pytest.raises(ValueError, match=r"decay_rate must be 0 or more"):
        dh.decayed_learning_rate(0.1, 3, decay, -1.0)


def test_check_decay_defaults_to_a_time_interval_of_one():
    from dnn_helpers.optimizers import check_decay
    assert check_decay("step", 0.5) is None
    assert check_decay(None, 0.0) is None


@pytest.mark.parametrize("start", [dh.initialize_velocity, dh.initialize_rmsprop,
                                   lambda parameters: dh.initialize_adam(parameters)[1]])
def test_a_state_holds_only_the_gradients_keys(start):
    parameters = dh.Parameters(dh.initialize_parameters_deep([3, 2, 1], seed=0), "tanh")
    state = start(parameters)
    assert sorted(state) == ["dW1", "dW2", "db1", "db2"]
    for name in ("W1", "b1", "W2", "b2"):
        np.testing.assert_array_equal(state["d" + name], np.zeros(parameters[name].shape))


def test_bias_correction_names_a_bad_average():
    with pytest.raises(TypeError, match=r"^average must be a numeric array"):
        dh.bias_correction([[1.0, 2.0], [3.0]], 0.5, 1)
