import numpy as np
import pytest

import dnn_helpers as dh


def test_vector_round_trip():
    params = dh.initialize_parameters_deep([3, 2, 1], seed=1)
    theta, layout = dh.parameters_to_vector(params)
    assert theta.shape == (3 * 2 + 2 + 2 + 1,)
    assert [name for name, _ in layout] == ["W1", "b1", "W2", "b2"]
    back = dh.vector_to_parameters(theta, layout)
    assert all(np.array_equal(back[k], params[k]) for k in params)


def test_vector_of_wrong_length():
    _, layout = dh.parameters_to_vector(dh.initialize_parameters_deep([3, 2, 1]))
    with pytest.raises(ValueError, match="theta has 3 values but the layout holds 11"):
        dh.vector_to_parameters(np.zeros(3), layout)


def test_numerical_gradient_of_a_quadratic():
    params = {"W1": np.array([[1.0, -2.0]]), "b1": np.array([[3.0]])}
    grads = dh.numerical_gradients(lambda p: float((p["W1"] ** 2).sum() + 5 * p["b1"][0, 0]), params)
    np.testing.assert_allclose(grads["dW1"], [[2.0, -4.0]], atol=1e-8)
    np.testing.assert_allclose(grads["db1"], [[5.0]], atol=1e-8)


def test_relative_difference():
    assert dh.relative_difference(np.zeros(3), np.zeros(3)) == 0.0
    assert dh.relative_difference(np.array([1.0, 0.0]), np.array([0.0, 0.0])) == 1.0


def make(seed=0):
    rng = np.random.default_rng(seed)
    params = dh.initialize_parameters_deep([4, 3, 1], seed=seed, method="xavier")
    params["b1"] = rng.normal(0, 0.5, (3, 1))
    X, Y = rng.standard_normal((4, 5)), rng.integers(0, 2, (1, 5))
    AL, caches = dh.L_model_forward(X, params)
    return params, dh.L_model_backward(AL, Y, caches), X, Y


def test_correct_backprop_passes():
    assert dh.gradient_check(*make()) < 1e-7


def test_planted_bug_is_found():
    params, grads, X, Y = make()
    grads["db1"] = grads["db1"] * 2  # a classic bug: a wrong factor in db
    assert dh.gradient_check(params, grads, X, Y) > 1e-3


def test_grads_must_match_parameters():
    params, grads, X, Y = make()
    del grads["dW2"]
    with pytest.raises(ValueError, match="grads is missing 'dW2'"):
        dh.gradient_check(params, grads, X, Y)


# --- values by hand and error paths (issue 9: tests that catch a wrong change) ---------------------------------------

def test_relative_difference_scales_by_the_sum_of_the_norms():
    # || [1, 2] - [1, 2.5] || = 0.5; || [1, 2] || + || [1, 2.5] || = sqrt(5) + sqrt(7.25)
    expected = 0.5 / (5 ** 0.5 + 7.25 ** 0.5)
    assert dh.relative_difference(np.array([1.0, 2.0]), np.array([1.0, 2.5])) == pytest.approx(expected, rel=1e-14)
    assert dh.relative_difference(np.array([[3.0], [4.0]]), np.array([[0.0], [0.0]])) == 1.0
    assert dh.relative_difference(np.array([2.0, 0.0]), np.array([-2.0, 0.0])) == 1.0
    # scale-free: the same relative error at a thousandth of the size gives the same number
    small = dh.relative_difference(np.array([1e-3, 2e-3]), np.array([1e-3, 2.5e-3]))
    assert small == pytest.approx(expected, rel=1e-12)
    assert isinstance(small, float)


def test_relative_difference_of_identical_gradients_is_zero_and_lists_are_fine():
    assert dh.relative_difference([1.0, -2.0], [1.0, -2.0]) == 0.0
    assert dh.relative_difference([[1, 2]], np.array([[1.0, 2.0]])) == 0.0


def test_relative_difference_refuses_mismatched_shapes_and_nan():
    g = np.arange(1.0, 4.0)
    with pytest.raises(ValueError, match=r"grad has shape \(3,\) but grad_approx has shape \(3, 1\); they must have "
                                         r"the same shape .* would broadcast to \(n, n\)"):
        dh.relative_difference(g, g.reshape(-1, 1))
    with pytest.raises(ValueError, match=r"grad has shape \(1, 3\) but grad_approx has shape \(3,\)"):
        dh.relative_difference(g.reshape(1, -1), g)
    with pytest.raises(ValueError, match=r"grad_approx contains 1 NaN or inf value\(s\)"):
        dh.relative_difference(g, np.array([1.0, np.nan, 3.0]))


def test_numerical_gradients_are_two_sided_with_the_given_epsilon():
    # J = W^3: the two-sided difference is 3 W^2 + eps^2 exactly (the one-sided one would be 3 W^2 + 3 W eps + ...)
    params = {"W1": np.array([[2.0]]), "b1": np.array([[0.0]])}
    grads = dh.numerical_gradients(lambda p: float(p["W1"][0, 0] ** 3), params, epsilon=1e-2)
    assert grads["dW1"][0, 0] == pytest.approx(12 + 1e-4, rel=1e-9)
    assert grads["db1"][0, 0] == 0.0
    assert grads["dW1"].shape == (1, 1) and grads["dW1"].dtype == np.float64


def test_numerical_gradients_refuses_a_bad_cost_function():
    params = {"W1": np.array([[2.0]]), "b1": np.array([[0.0]])}
    with pytest.raises(TypeError, match=r"cost_function must be a function of the parameters dict"):
        dh.numerical_gradients(None, params)
    with pytest.raises(TypeError, match=r"the value cost_function returned must be a number \(the cost\); got None"):
        dh.numerical_gradients(lambda p: None, params)
    with pytest.raises(ValueError, match=r"cost_function returned nan; the cost must be finite"):
        dh.numerical_gradients(lambda p: float("nan"), params)
    with pytest.raises(ValueError, match=r"epsilon must be a positive number; got -1e-06"):
        dh.numerical_gradients(lambda p: 0.0, params, epsilon=-1e-6)
    # a (1, 1) array is a number too
    grads = dh.numerical_gradients(lambda p: p["W1"] * 3, params)
    assert grads["dW1"][0, 0] == pytest.approx(3.0, rel=1e-8)


def test_vector_helpers_refuse_bad_inputs():
    params = dh.initialize_parameters_deep([3, 2, 1], seed=1)
    theta, layout = dh.parameters_to_vector(params)
    with pytest.raises(ValueError, match=r"theta must be a 1-D vector \(n,\) as parameters_to_vector returns it; got "
                                         r"shape \(11, 1\)"):
        dh.vector_to_parameters(theta.reshape(-1, 1), layout)
    with pytest.raises(TypeError, match=r"layout must be the list of \(name, shape\) pairs"):
        dh.vector_to_parameters(theta, None)
    grads = {"d" + k: np.ones_like(v) for k, v in params.items()}
    np.testing.assert_array_equal(dh.grads_to_vector(grads, layout), np.ones(11))
    grads["dW2"] = np.ones((2, 1))
    with pytest.raises(ValueError, match=r"grads\['dW2'\] has shape \(2, 1\), but W2 has shape \(1, 2\)"):
        dh.grads_to_vector(grads, layout)
    del grads["db1"]
    with pytest.raises(ValueError, match=r"grads is missing 'db1'"):
        dh.grads_to_vector(grads, layout)


def test_relative_differences_by_parameter_and_errors():
    grads = {"dW1": np.array([[1.0, 2.0]]), "db1": np.array([[1.0]])}
    approx = {"dW1": np.array([[1.0, 2.5]]), "db1": np.array([[1.0]])}
    out = dh.relative_differences(grads, approx)
    assert out["W1"] == pytest.approx(0.5 / (5 ** 0.5 + 7.25 ** 0.5), rel=1e-14) and out["b1"] == 0.0
    with pytest.raises(ValueError, match=r"grads is missing 'db1', which grads_approx holds"):
        dh.relative_differences({"dW1": grads["dW1"]}, approx)
    with pytest.raises(ValueError, match=r"grads_approx is empty"):
        dh.relative_differences(grads, {})


def test_gradient_check_refuses_bad_data():
    params, grads, X, Y = make()
    with pytest.raises(ValueError, match=r"X has 5 rows but n_x, the number of columns of W1 \(3, 4\), is 4"):
        dh.gradient_check(params, grads, X.T, Y)
    with pytest.raises(ValueError, match=r"X contains 1 NaN or inf"):
        dh.gradient_check(params, grads, np.where(X == X[0, 0], np.nan, X), Y)
    with pytest.raises(ValueError, match=r"Y must hold only 0 and 1"):
        dh.gradient_check(params, grads, X, Y * 2)
    with pytest.raises(ValueError, match=r"epsilon must be a positive number; got 0.0"):
        dh.gradient_check(params, grads, X, Y, epsilon=0)
    with pytest.raises(ValueError, match=r"hidden_activation must be one of"):
        dh.gradient_check(params, grads, X, Y, hidden_activation="elu")
    grads["dW1"] = grads["dW1"].T
    with pytest.raises(ValueError, match=r"grads\['dW1'\] has shape \(4, 3\), but W1 has shape \(3, 4\)"):
        dh.gradient_check(params, grads, X, Y)


def test_gradient_check_with_a_custom_cost_function():
    params = {"W1": np.array([[1.0, -2.0]]), "b1": np.array([[3.0]])}
    grads = {"dW1": np.array([[2.0, -4.0]]), "db1": np.array([[5.0]])}
    cost = lambda p: float((p["W1"] ** 2).sum() + 5 * p["b1"][0, 0])  # noqa: E731
    X, Y = np.ones((2, 3)), np.array([[0, 1, 0]])
    assert dh.gradient_check(params, grads, X, Y, cost_function=cost) < 1e-9
    grads["db1"] = np.array([[6.0]])
    # || [0, 0, 1] || / (|| [2, -4, 6] || + || [2, -4, 5] ||) = 1 / (sqrt(56) + sqrt(45))
    assert dh.gradient_check(params, grads, X, Y, cost_function=cost) == pytest.approx(1 / (56 ** 0.5 + 45 ** 0.5),
                                                                                         rel=1e-6)


def test_default_epsilon_is_1e_minus_6():
    # J = W^3 at W = 0: the two-sided difference is epsilon^2 exactly
    params = {"W1": np.array([[0.0]]), "b1": np.array([[0.0]])}
    grads = dh.numerical_gradients(lambda p: float(p["W1"][0, 0] ** 3), params)
    assert grads["dW1"][0, 0] == pytest.approx(1e-12, rel=1e-6)


def test_grads_to_vector_needs_a_dict():
    _, layout = dh.parameters_to_vector(dh.initialize_parameters_deep([3, 2, 1], seed=1))
    with pytest.raises(TypeError, match=r"grads must be a dict with keys 'dW1', 'db1', ...; got a list of 4 item"):
        dh.grads_to_vector([np.ones((2, 3)), np.ones((2, 1)), np.ones((1, 2)), np.ones((1, 1))], layout)


def test_gradient_check_uses_its_default_epsilon():
    # J = W^3 at W = 0: the numerical gradient is epsilon^2 = 1e-12, which backprop's 1e-12 then matches exactly
    params = {"W1": np.array([[0.0]]), "b1": np.array([[0.0]])}
    grads = {"dW1": np.array([[1e-12]]), "db1": np.array([[0.0]])}
    cube = lambda p: float(p["W1"][0, 0] ** 3)  # noqa: E731
    assert dh.gradient_check(params, grads, np.ones((1, 2)), np.array([[0, 1]]), cost_function=cube) < 1e-6
    # with epsilon = 2e-6 it is 4e-12: | 1 - 4 | / (1 + 4) = 0.6
    assert dh.gradient_check(params, grads, np.ones((1, 2)), np.array([[0, 1]]), epsilon=2e-6,
                             cost_function=cube) == pytest.approx(0.6, rel=1e-6)


def test_vector_to_parameters_names_theta():
    _, layout = dh.parameters_to_vector(dh.initialize_parameters_deep([3, 2, 1], seed=1))
    with pytest.raises(TypeError, match=r"^theta must be a numeric array; got None"):
        dh.vector_to_parameters(None, layout)


def test_relative_difference_names_a_nan_in_grad_and_the_dicts():
    with pytest.raises(ValueError, match=r"^grad contains 1 NaN or inf value\(s\)"):
        dh.relative_difference(np.array([np.inf, 1.0]), np.array([1.0, 1.0]))
    with pytest.raises(TypeError, match=r"^grads must be a dict with keys 'dW1', 'db1', ...; got None"):
        dh.relative_differences(None, {"dW1": np.ones((1, 1))})
    with pytest.raises(TypeError, match=r"^grads_approx must be a dict with keys 'dW1', 'db1', ...; got \[\]"):
        dh.relative_differences({"dW1": np.ones((1, 1))}, [])


@pytest.mark.parametrize("layout", [[], [("W1", (1, 2), 0)], ["W1"], "W1"])
def test_a_layout_that_is_not_name_shape_pairs(layout):
    with pytest.raises(TypeError, match=r"^layout must be the list of \(name, shape\) pairs that parameters_to_vector "
                                        r"returned"):
        dh.vector_to_parameters(np.zeros(2), layout)


def test_relative_difference_names_each_argument_that_is_not_an_array():
    with pytest.raises(TypeError, match=r"^grad must be a numeric array; got None"):
        dh.relative_difference(None, np.ones(2))
    with pytest.raises(TypeError, match=r"^grad_approx must be a numeric array; got 'x'"):
        dh.relative_difference(np.ones(2), "x")


@pytest.mark.parametrize("epsilon", [1e308, 2.0])
def test_a_huge_epsilon_is_a_teaching_error_not_a_warning(epsilon):
    """Issue 18: epsilon = 1e308 gave a RuntimeWarning (theta + h overflowed); now a ValueError names epsilon."""
    import warnings
    parameters = dh.initialize_parameters_deep([2, 3, 1], seed=0)
    X, Y = np.array([[0.5, -1.0], [1.0, 2.0]]), np.array([[1, 0]])
    AL, caches = dh.L_model_forward(X, parameters)
    grads = dh.L_model_backward(AL, Y, caches)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with pytest.raises(ValueError, match=r"epsilon is the small step h .* e.g. 1e-6; got"):
            dh.gradient_check(parameters, grads, X, Y, epsilon=epsilon)
        with pytest.raises(ValueError, match=r"epsilon is the small step h"):
            dh.numerical_gradients(lambda p: dh.compute_cost(dh.L_model_forward(X, p)[0], Y), parameters, epsilon)


def test_a_cost_that_overflows_at_a_nudge_is_a_teaching_error_not_a_warning():
    import warnings
    parameters = {"W1": np.array([[1e308]]), "b1": np.zeros((1, 1))}
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with pytest.raises(ValueError, match=r"cost_function returned inf; the cost must be finite"):
            dh.numerical_gradients(lambda p: float(p["W1"][0, 0] * 10), parameters, 1e-3)


def test_a_tanh_network_keeps_its_activation_in_the_cost_functions_hands():
    parameters = dh.forward.Parameters(dh.initialize_parameters_deep([2, 3, 1], seed=0), "tanh")
    seen = []
    dh.numerical_gradients(lambda p: seen.append(dh.forward.recorded_activation(p)) or 0.0, parameters)
    assert set(seen) == {"tanh"}
