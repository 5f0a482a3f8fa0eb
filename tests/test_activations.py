import numpy as np
import pytest

import dnn_helpers as dh
from dnn_helpers.activations import ACTIVATIONS, Activation


def test_sigmoid_known_values():
    A, Z = dh.sigmoid(np.array([[0.0, 2.0, -2.0]]))
    np.testing.assert_allclose(A, [[0.5, 1 / (1 + np.exp(-2.0)), 1 / (1 + np.exp(2.0))]], rtol=1e-15)
    np.testing.assert_array_equal(Z, [[0.0, 2.0, -2.0]])


def test_sigmoid_never_overflows():
    A, _ = dh.sigmoid(np.array([[-1e4, -745.0, 0.0, 745.0, 1e4]]))  # RuntimeWarning is an error here
    np.testing.assert_array_equal(A[0, [0, 2, 4]], [0.0, 0.5, 1.0])
    assert np.isfinite(A).all()


def test_relu_and_tanh_values():
    Z = np.array([[-1.5, 0.0, 2.0]])
    np.testing.assert_array_equal(dh.relu(Z)[0], [[0.0, 0.0, 2.0]])
    np.testing.assert_allclose(dh.tanh(Z)[0], [[np.tanh(-1.5), 0.0, np.tanh(2.0)]])


@pytest.mark.parametrize("g", [dh.sigmoid, dh.relu, dh.tanh])
def test_dtype_and_shape_preserved(g):
    Z = np.linspace(-3, 3, 12, dtype=np.float32).reshape(3, 4)
    A, cache = g(Z)
    assert A.dtype == np.float32 and A.shape == (3, 4)
    assert cache is Z


@pytest.mark.parametrize("g", [dh.sigmoid, dh.relu, dh.tanh])
def test_integers_become_float(g):
    A, _ = g(np.array([[1, -1]]))
    assert A.dtype == np.float64


def test_non_numeric_rejected():
    with pytest.raises(TypeError, match="Z must hold numbers"):
        dh.sigmoid(np.array([["a", "b"]]))


def test_leaky_relu_values_and_dtype():
    Z = np.array([[-2.0, 0.0, 3.0]], dtype=np.float32)
    A, cache = dh.leaky_relu(Z)
    np.testing.assert_allclose(A, [[-0.02, 0.0, 3.0]], rtol=1e-6)
    assert A.dtype == np.float32 and cache is Z


@pytest.mark.parametrize("name", sorted(ACTIVATIONS))
def test_table_derivatives_agree_with_finite_differences(name):
    entry = ACTIVATIONS[name]
    Z = np.array([[-2.5, -0.7, 0.3, 1.9]])
    h = 1e-6
    numeric = (entry.forward(Z + h)[0] - entry.forward(Z - h)[0]) / (2 * h)
    np.testing.assert_allclose(entry.derivative(Z), numeric, rtol=1e-6, atol=1e-9)
    np.testing.assert_allclose(entry.derivative_from_output(entry.forward(Z)[0]), numeric, rtol=1e-6, atol=1e-9)


@pytest.mark.parametrize("name", sorted(ACTIVATIONS))
def test_every_activation_of_the_table_trains_and_backpropagates(name):
    X, Y = dh.make_moons(60, noise=0.1, seed=0)
    parameters = dh.initialize_parameters_deep([2, 4, 3, 1], seed=3, method="xavier")
    rng = np.random.default_rng(0)
    parameters.update({f"b{l}": rng.normal(0, 0.3, parameters[f"b{l}"].shape) for l in (1, 2, 3)})  # no Z at a kink
    AL, caches = dh.L_model_forward(X, parameters, name)
    grads = dh.L_model_backward(AL, Y, caches, name)
    fast = dh.model_gradients(AL, Y, caches, name)
    for key in fast:
        np.testing.assert_allclose(grads[key], fast[key], rtol=1e-9, atol=1e-12)
    assert dh.gradient_check(parameters, grads, X, Y, hidden_activation=name) < 1e-7
    _, costs = dh.L_layer_model(X, Y, [2, 4, 3, 1], learning_rate=0.3, num_iterations=30, hidden_activation=name)
    assert costs[-1] < costs[0]


def test_a_new_activation_is_one_table_entry(monkeypatch, tmp_path):
    """Adding an activation is one entry in activations.ACTIVATIONS: forward, backward, the training loops, the
    gradient check, dropout and save/load all read the table (here a softplus, added only there)."""
    softplus = Activation(lambda Z: (np.logaddexp(0, Z), Z), lambda Z: dh.sigmoid(Z)[0], lambda A: -np.expm1(-A))
    monkeypatch.setitem(ACTIVATIONS, "softplus", softplus)
    X, Y = dh.make_moons(40, noise=0.1, seed=0)
    parameters = dh.initialize_parameters_deep([2, 4, 3, 1], seed=3, method="xavier")
    AL, caches = dh.L_model_forward(X, parameters, "softplus")
    grads = dh.L_model_backward(AL, Y, caches, "softplus")
    fast = dh.model_gradients(AL, Y, caches, "softplus")
    for key in fast:
        np.testing.assert_allclose(grads[key], fast[key], rtol=1e-9, atol=1e-12)
    assert dh.gradient_check(parameters, grads, X, Y, hidden_activation="softplus") < 1e-7
    trained, costs = dh.L_layer_model(X, Y, [2, 4, 1], learning_rate=0.3, num_iterations=20,
                                      hidden_activation="softplus")
    assert costs[-1] < costs[0] and trained.hidden_activation == "softplus"
    _, costs = dh.improved_model(X, Y, [2, 4, 1], learning_rate=0.1, num_epochs=5, hidden_activation="softplus",
                                 keep_prob=0.8, optimizer="adam", mini_batch_size=16)
    assert len(costs) == 5
    dh.save_parameters(tmp_path / "softplus.npz", trained)
    assert dh.load_parameters(tmp_path / "softplus.npz").hidden_activation == "softplus"


def test_derivatives_at_exactly_zero_follow_one_convention():
    """At the kink Z = 0 the table takes the left slope: ReLU' = 0 and leaky ReLU' = 0.01, from Z and from A."""
    Z = np.zeros((1, 2))
    expected = {"relu": 0.0, "leaky_relu": 0.01, "sigmoid": 0.25, "tanh": 1.0}
    for name, slope in expected.items():
        entry = ACTIVATIONS[name]
        np.testing.assert_array_equal(entry.derivative(Z), np.full((1, 2), slope), err_msg=name)
        np.testing.assert_array_equal(entry.derivative_from_output(entry.forward(Z)[0]), np.full((1, 2), slope),
                                      err_msg=name)


def test_sigmoid_uses_the_right_branch_on_each_side_of_zero():
    Z = np.array([[-0.5, 0.5, 0.9, 40.0, -40.0]])
    np.testing.assert_allclose(dh.sigmoid(Z)[0], 1 / (1 + np.exp(-Z)), rtol=1e-15)


def test_leaky_relu_between_zero_and_one():
    np.testing.assert_allclose(dh.leaky_relu(np.array([[0.5, -0.5]]))[0], [[0.5, -0.005]], rtol=1e-15)
