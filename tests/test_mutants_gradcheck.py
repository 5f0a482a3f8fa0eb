"""Behaviour of dnn_helpers.gradcheck that one-token mutants changed without a test noticing (tools/mutate.py).

A layout that records the hidden activation, layouts with a bad pair, and the gradient check of a softmax output
whose last hidden layer has another width than the number of classes.
"""

import warnings

import numpy as np
import pytest

import dnn_helpers as dh


def tanh_network(dims=(2, 3, 1), seed=0):
    return dh.Parameters(dh.initialize_parameters_deep(list(dims), seed=seed, method="xavier"), "tanh")


def test_a_recorded_activation_travels_through_the_vector_and_back():
    parameters = tanh_network()
    theta, layout = dh.parameters_to_vector(parameters)
    assert theta.shape == (2 * 3 + 3 + 3 * 1 + 1,)
    assert [tuple(pair) for pair in layout] == [("W1", (3, 2)), ("b1", (3, 1)), ("W2", (1, 3)), ("b2", (1, 1)),
                                                ("hidden_activation", "tanh")]
    back = dh.vector_to_parameters(theta, layout)
    assert isinstance(back, dh.Parameters)
    assert back.hidden_activation == "tanh"
    for name in ("W1", "b1", "W2", "b2"):
        np.testing.assert_array_equal(back[name], parameters[name])
    X = np.array([[0.5, -1.0, 2.0], [1.5, 0.25, -0.75]])
    np.testing.assert_array_equal(dh.L_model_forward(X, back)[0], dh.L_model_forward(X, parameters)[0])
    # the tanh network is not the relu one: the record matters
    plain = {name: parameters[name] for name in ("W1", "b1", "W2", "b2")}
    assert not np.allclose(dh.L_model_forward(X, plain)[0], dh.L_model_forward(X, back)[0])


def test_a_plain_layout_gives_a_plain_dict():
    parameters = dh.initialize_parameters_deep([2, 3, 1], seed=0)
    theta, layout = dh.parameters_to_vector(parameters)
    back = dh.vector_to_parameters(theta, layout)
    assert type(back) is dict
    assert sorted(back) == ["W1", "W2", "b1", "b2"]


def test_grads_to_vector_skips_the_recorded_activation():
    parameters = tanh_network()
    _, layout = dh.parameters_to_vector(parameters)
    grads = {f"d{name}": np.full(parameters[name].shape, float(k)) for k, name in enumerate(("W1", "b1", "W2", "b2"))}
    vector = dh.grads_to_vector(grads, layout)
    np.testing.assert_array_equal(vector, [0.0] * 6 + [1.0] * 3 + [2.0] * 3 + [3.0])


@pytest.mark.parametrize("layout, size", [
    ([(1, (3, 2))], 6),                     # a name that is not a string
    ([("W1", (2.0, 3))], 6),                # a size that is not a whole number
    ([("W1", (3, 0))], 0),                  # a size below 1
    ([("W1", (3, -2))], 0),
    ([("W1", "tanh")], 4),                  # a shape that is not a tuple
    ([("hidden_activation", "relu")], 0),   # only the activation, no arrays
])
def test_a_bad_layout_is_refused(layout, size):
    with pytest.raises(TypeError, match="layout"):
        dh.vector_to_parameters(np.zeros(size), layout)


def test_a_layout_naming_a_bad_activation_is_refused():
    _, layout = dh.parameters_to_vector(dh.initialize_parameters_deep([2, 3, 1], seed=0))
    with pytest.raises((ValueError, TypeError), match="sine"):
        dh.vector_to_parameters(np.zeros(13), [*layout, ("hidden_activation", "sine")])


def softmax_case(seed=3):
    """Softmax output with K = 3 classes after a hidden layer of 5 units (5 != 3), m = 6."""
    rng = np.random.default_rng(seed)
    parameters = dh.initialize_parameters_deep([4, 5, 3], seed=seed, method="xavier")
    parameters["b1"] = rng.normal(0, 0.5, (5, 1))
    X = rng.standard_normal((4, 6))
    Y = dh.one_hot(np.array([0, 1, 2, 2, 1, 0]), 3)
    AL, caches = dh.L_model_forward(X, parameters)
    return parameters, dh.L_model_backward(AL, Y, caches), X, Y


def test_gradient_check_of_a_softmax_output_wider_or_narrower_than_its_hidden_layer():
    parameters, grads, X, Y = softmax_case()
    assert dh.gradient_check(parameters, grads, X, Y) < 1e-7
    grads["dW2"] = grads["dW2"] * 1.5
    assert dh.gradient_check(parameters, grads, X, Y) > 1e-3


def quadratic(p):
    return float((p["W1"] ** 2).sum() + (p["b1"] ** 2).sum())


def test_epsilon_up_to_one_is_a_step():
    parameters = {"W1": np.array([[1.0, -2.0]]), "b1": np.array([[0.5]])}
    grads = dh.numerical_gradients(quadratic, parameters, epsilon=1.0)    # exact for a quadratic at any step
    np.testing.assert_allclose(grads["dW1"], [[2.0, -4.0]], rtol=1e-12)
    np.testing.assert_allclose(grads["db1"], [[1.0]], rtol=1e-12)
    with pytest.raises(ValueError, match=r"epsilon"):
        dh.numerical_gradients(quadratic, parameters, epsilon=1.5)


def test_vector_to_parameters_takes_a_list():
    parameters = dh.initialize_parameters_deep([2, 1, 1], seed=0)
    theta, layout = dh.parameters_to_vector(parameters)
    back = dh.vector_to_parameters(theta.tolist(), layout)
    for name in ("W1", "b1", "W2", "b2"):
        np.testing.assert_array_equal(back[name], parameters[name])


@pytest.mark.parametrize("swap", [False, True])
def test_relative_difference_is_computed_in_float64(swap):
    grad = np.array([1.0, 1e-4], dtype=np.float32)
    approx = np.array([1.0, 2e-4], dtype=np.float32)
    if swap:
        grad, approx = approx, grad
    g, a = grad.astype(np.float64), approx.astype(np.float64)
    expected = float(np.linalg.norm(g - a) / (np.linalg.norm(g) + np.linalg.norm(a)))
    assert dh.relative_difference(grad, approx) == expected
    assert dh.relative_difference(grad.tolist(), approx.tolist()) == expected


def tanh_case():
    rng = np.random.default_rng(4)
    parameters = tanh_network((3, 4, 1), seed=4)
    X, Y = rng.standard_normal((3, 5)), np.array([[0, 1, 1, 0, 1]])
    AL, caches = dh.L_model_forward(X, parameters)
    return parameters, dh.L_model_backward(AL, Y, caches, "tanh"), X, Y


def test_gradient_check_of_a_network_that_records_tanh():
    parameters, grads, X, Y = tanh_case()
    assert dh.gradient_check(parameters, grads, X, Y) < 1e-7
    # a cost_function of its own gets the parameters with their record, so it runs tanh too
    assert dh.gradient_check(parameters, grads, X, Y,
                             cost_function=lambda p: dh.compute_cost(dh.L_model_forward(X, p)[0], Y)) < 1e-7


def test_a_softmax_gradient_check_uses_the_cost_function_given():
    parameters, grads, X, Y = softmax_case()
    doubled = {key: 2 * value for key, value in grads.items()}

    def twice(p):
        return 2 * dh.categorical_cost(dh.L_model_forward(X, p)[0], Y)

    assert dh.gradient_check(parameters, doubled, X, Y, cost_function=twice) < 1e-7
    assert dh.gradient_check(parameters, grads, X, Y, cost_function=twice) > 0.1


def test_a_gradient_check_that_is_not_finite_is_a_teaching_error():
    parameters, grads, X, Y = tanh_case()
    w0 = float(parameters["W1"][0, 0])

    def cliff(p):   # +-1e308 on the two sides of W1[0, 0]: the difference overflows to inf
        return 1e308 * float(np.sign(p["W1"][0, 0] - w0))

    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with pytest.raises(ValueError, match=r"the gradient check gave nan"):
            dh.gradient_check(parameters, grads, X, Y, cost_function=cliff)
