"""The numbers behind the small explorers (dnn_helpers.playground.explorers), without widgets."""

import numpy as np
import pytest

from dnn_helpers.playground import explorers


@pytest.mark.parametrize("name, slope_max, slope_left, slope_right", [("sigmoid", 0.25, 0, 0),
                                                                      ("relu", 1, 0, 1), ("tanh", 1, 0, 0)])
def test_activation_curves(name, slope_max, slope_left, slope_right):
    curves = explorers.activation_curves(name, z_max=10.0)
    assert curves["dg"].max() == pytest.approx(slope_max)
    assert curves["dg"][0] == pytest.approx(slope_left, abs=2e-4)
    assert curves["dg"][-1] == pytest.approx(slope_right, abs=2e-4)
    numerical = np.gradient(curves["g"], curves["z"])
    assert np.abs(numerical - curves["dg"])[curves["z"] != 0].max() < 0.06


def test_initialization_makes_activations_vanish_explode_or_stay():
    stds = {(method, g): [A.std() for A in explorers.layer_activations(8, 100, method, g)]
            for method in ("small", "xavier", "he", "large") for g in ("relu", "tanh")}
    assert stds["small", "relu"][-1] < 1e-6 * stds["small", "relu"][0]          # vanishing
    assert stds["large", "relu"][-1] > 1e6 * stds["large", "relu"][0]           # exploding
    assert 0.3 < stds["he", "relu"][-1] < 3                                      # he keeps ReLU healthy
    assert stds["large", "tanh"][-1] > 0.99                                      # tanh saturates at +-1
    assert 0.05 < stds["xavier", "tanh"][-1] < 1


def test_descent_uses_the_course_steps_and_finds_the_minimum():
    x, y = explorers.logistic_problem()
    path, costs = explorers.descend(x, y, learning_rate=2.0, iterations=300)
    assert path.shape == (301, 2) and costs.shape == (301,)
    np.testing.assert_allclose(path[-1], [2.0973, -3.2354], atol=1e-3)
    J = explorers.cost_surface(x, y, np.array([path[-1, 0]]), np.array([path[-1, 1]]))
    assert J[0, 0] == pytest.approx(costs[-1])


def test_the_explorers_offer_every_activation_of_the_package():
    from dnn_helpers.activations import ACTIVATION_FUNCTIONS
    assert explorers.ACTIVATION_NAMES == tuple(ACTIVATION_FUNCTIONS)
    for name in explorers.ACTIVATION_NAMES:
        curves = explorers.activation_curves(name, z_max=3.0, n=61)
        g, _ = ACTIVATION_FUNCTIONS[name](curves["z"])
        np.testing.assert_array_equal(curves["g"], g)


def test_descent_verdicts():
    assert explorers.descent_verdict([0.7]).startswith("no steps yet")
    assert explorers.descent_verdict([0.7, 0.9]).startswith("diverging")
    assert explorers.descent_verdict([0.7, 0.5, 0.6, 0.4]).startswith("oscillating")
    assert explorers.descent_verdict([0.7, 0.65, 0.6], best=0.36).startswith("slow")
    assert explorers.descent_verdict([0.7, 0.5, 0.4], best=0.36).startswith("converging")
