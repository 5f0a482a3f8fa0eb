"""The widgets without a browser: set each control to its ends and middle, click the buttons, check the numbers
and the figures. (The notebooks' widget cells are tagged nbval-ignore-output; these tests check them instead.)"""

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402

import dnn_helpers as dh  # noqa: E402
from dnn_helpers import widgets  # noqa: E402
from dnn_helpers.playground import Playground, parse_hidden_layers, running_line  # noqa: E402

READABLE = "Interactive widget: run this cell to use the sliders."


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


def ends_and_middle(control):
    """The control's minimum, middle and maximum values (options first, middle, last for a choice)."""
    if hasattr(control, "options"):
        options = list(control.options)
        return [options[0], options[len(options) // 2], options[-1]]
    if isinstance(control, widgets.w.FloatLogSlider):
        low, high = control.min, control.max
        return [control.base ** low, control.base ** ((low + high) / 2), control.base ** high]
    return [control.min, type(control.min)((control.min + control.max) / 2), control.max]


def line_data(fig, axis=0, line=0):
    return fig.axes[axis].lines[line].get_xydata()


# ---------------------------------------------------------------------------------------------- text form

@pytest.mark.parametrize("factory", [widgets.activation_explorer, widgets.initialization_explorer,
                                     widgets.learning_rate_explorer, widgets.playground])
def test_a_notebook_without_a_kernel_shows_a_readable_line(factory):
    explorer = factory(**({"iterations": 20} if factory is widgets.playground else {}))
    bundle = explorer._repr_mimebundle_()
    assert bundle["text/plain"] == READABLE
    assert "application/vnd.jupyter.widget-view+json" in bundle
    assert isinstance(explorer, widgets.w.VBox)


# ---------------------------------------------------------------------------------------------- activations

@pytest.mark.parametrize("name, slope_max, slope_left, slope_right", [("sigmoid", 0.25, 0, 0),
                                                                      ("relu", 1, 0, 1), ("tanh", 1, 0, 0)])
def test_activation_curves(name, slope_max, slope_left, slope_right):
    curves = widgets.activation_curves(name, z_max=10.0)
    assert curves["dg"].max() == pytest.approx(slope_max)
    assert curves["dg"][0] == pytest.approx(slope_left, abs=2e-4)
    assert curves["dg"][-1] == pytest.approx(slope_right, abs=2e-4)
    numerical = np.gradient(curves["g"], curves["z"])
    assert np.abs(numerical - curves["dg"])[curves["z"] != 0].max() < 0.06


def test_activation_explorer_every_choice_and_range():
    explorer = widgets.activation_explorer()
    control = explorer.controls["z_max"]
    for name in explorer.controls["activation"].options:
        explorer.controls["activation"].value = name
        for z_max in ends_and_middle(control):
            control.value = z_max
            g_line, dg_line = line_data(explorer.figure, 0), line_data(explorer.figure, 1)
            assert g_line[0, 0] == -z_max and g_line[-1, 0] == z_max
            np.testing.assert_allclose(dg_line[:, 1], widgets.activation_curves(name, z_max)["dg"])
            assert explorer.figure.axes[0].get_title() == f"{name}: g(z)"
            assert explorer.status_text.startswith(f"{name}: largest slope")


# ---------------------------------------------------------------------------------------------- initialisation

def test_initialization_makes_activations_vanish_explode_or_stay():
    stds = {(method, g): [A.std() for A in widgets.layer_activations(8, 100, method, g)]
            for method in ("small", "xavier", "he", "large") for g in ("relu", "tanh")}
    assert stds["small", "relu"][-1] < 1e-6 * stds["small", "relu"][0]          # vanishing
    assert stds["large", "relu"][-1] > 1e6 * stds["large", "relu"][0]           # exploding
    assert 0.3 < stds["he", "relu"][-1] < 3                                      # he keeps ReLU healthy
    assert stds["large", "tanh"][-1] > 0.99                                      # tanh saturates at +-1
    assert 0.05 < stds["xavier", "tanh"][-1] < 1


def test_initialization_explorer_every_control():
    explorer = widgets.initialization_explorer(width=20)
    for control in explorer.controls.values():
        for value in ends_and_middle(control):
            control.value = value
            depth = explorer.controls["depth"].value
            assert len(explorer.result["std"]) == depth
            assert len(explorer.figure.axes) == min(depth, 5) + 1                 # histograms + std per layer
            np.testing.assert_allclose(line_data(explorer.figure, -1)[:, 1], explorer.result["std"])
        control.value = ends_and_middle(control)[0]
    assert explorer.status_text.startswith("std of the activations: layer 1")


# ---------------------------------------------------------------------------------------------- learning rate

def test_descent_uses_the_course_steps_and_finds_the_minimum():
    x, y = widgets.logistic_problem()
    path, costs = widgets.descend(x, y, learning_rate=2.0, iterations=300)
    assert path.shape == (301, 2) and costs.shape == (301,)
    np.testing.assert_allclose(path[-1], [2.0973, -3.2354], atol=1e-3)
    J = widgets.cost_surface(x, y, np.array([path[-1, 0]]), np.array([path[-1, 1]]))
    assert J[0, 0] == pytest.approx(costs[-1])


def test_learning_rate_explorer_sane_tiny_and_huge():
    explorer = widgets.learning_rate_explorer(iterations=30)
    rate = explorer.controls["learning_rate"]
    verdicts = {}
    for value in [1.0, *ends_and_middle(rate)]:
        rate.value = value
        costs = explorer.result["costs"]
        verdicts[round(rate.value, 3)] = explorer.result["verdict"].split(":")[0]
        np.testing.assert_allclose(line_data(explorer.figure, 0, 0), explorer.result["path"])
        np.testing.assert_allclose(line_data(explorer.figure, 1)[:, 1], costs)
        if value == 1.0:
            assert np.all(np.diff(costs) < 0) and costs[-1] < 0.5                # a sane rate: falls every step
        if value == rate.base ** rate.max:
            assert costs[-1] > costs[0]                                          # a huge one: goes up
    assert verdicts == {1.0: "converging", 0.01: "slow", 0.562: "converging", 31.623: "diverging"}


def test_learning_rate_explorer_iterations_and_oscillation():
    explorer = widgets.learning_rate_explorer(learning_rate=10.0)
    assert explorer.result["verdict"].startswith("oscillating")
    for steps in ends_and_middle(explorer.controls["iterations"]):
        explorer.controls["iterations"].value = steps
        assert explorer.result["path"].shape == (steps + 1, 2)
        assert f"{steps} iterations" in explorer.status_text


# ---------------------------------------------------------------------------------------------- engine

def test_parse_hidden_layers():
    assert parse_hidden_layers("8, 4") == [8, 4]
    assert parse_hidden_layers(" 16 ;") == [16]
    assert parse_hidden_layers("") == []
    assert parse_hidden_layers((3, 2)) == [3, 2]
    for bad in ("8, x", "0", "-3", "2.5", "300", "1,1,1,1,1,1,1,1,1"):
        with pytest.raises(ValueError, match="hidden"):
            parse_hidden_layers(bad)


def test_engine_trains_records_and_is_deterministic():
    engine = Playground("moons", hidden_layers=(8, 8), learning_rate=0.3, record_every=10)
    assert engine.train(200)
    h = engine.history
    assert h["iteration"] == list(range(0, 200, 10))
    assert np.array(h["grad_norms"]).shape == (20, 3)
    assert h["train_cost"][-1] < 0.5 * h["train_cost"][0]
    assert engine.evaluate()["train_accuracy"] > 0.85
    again = Playground("moons", hidden_layers=(8, 8), learning_rate=0.3, record_every=10)
    again.train(200)
    assert again.history["train_cost"] == h["train_cost"]


def test_engine_matches_the_package_training_loop():
    engine = Playground("circles", hidden_layers="5", initialization="xavier", learning_rate=0.5, record_every=1)
    engine.train(30)
    X, Y = engine.X_train, engine.Y_train
    _, costs = dh.L_layer_model(X, Y, [2, 5, 1], learning_rate=0.5, num_iterations=30, seed=0)
    np.testing.assert_allclose(engine.history["train_cost"], costs, rtol=1e-10)


def test_engine_zeros_leave_the_weights_without_gradient():
    engine = Playground("moons", initialization="zeros", record_every=50)
    engine.train(100)
    assert np.all(np.array(engine.history["grad_norms"]) == 0)
    assert engine.evaluate()["train_cost"] == pytest.approx(np.log(2), abs=0.01)


def test_engine_rejects_unknown_or_uncallable_steps():
    with pytest.raises(TypeError, match="unknown step"):
        Playground(forward=dh.L_model_forward)
    with pytest.raises(TypeError, match="must be a function"):
        Playground(L_model_forward="mine")
    with pytest.raises(ValueError, match="dataset"):
        Playground("squares")


# ---------------------------------------------------------------------------------------------- playground

def test_playground_every_control_at_both_ends_and_the_middle():
    explorer = widgets.playground(iterations=20)
    for name, control in explorer.controls.items():
        if name in ("hidden_layers", "iterations"):
            continue
        start = control.value
        for value in ends_and_middle(control):
            control.value = value
            engine = explorer.result
            if name != "test_fraction":
                assert getattr(engine, name) == value
            assert engine.iteration == 20 and explorer.figure is not None
            assert "iteration 20" in explorer.status_text or "diverged" in explorer.status_text
        control.value = start
    for text, dims in (("", [2, 1]), ("3", [2, 3, 1]), ("16, 16, 16", [2, 16, 16, 16, 1])):
        explorer.controls["hidden_layers"].value = text
        assert explorer.result.layers_dims == dims
        assert len(explorer.figure.axes[2].lines) == len(dims) - 1               # one gradient norm per layer
    explorer.controls["hidden_layers"].value = "8"
    for steps in (10, 100):
        explorer.controls["iterations"].value = steps
        assert explorer.result.iteration == steps


def test_playground_test_fraction_splits_the_data():
    explorer = widgets.playground(iterations=10, test_fraction=0.5)
    assert explorer.result.X_test.shape == (2, 150)
    explorer.controls["test_fraction"].value = 0.1
    assert explorer.result.X_test.shape == (2, 30) and explorer.result.X_train.shape == (2, 270)


def test_train_more_lowers_the_cost_and_moves_the_boundary():
    explorer = widgets.playground(iterations=100, learning_rate=0.3)
    first_cost = explorer.result.evaluate()["train_cost"]
    first_P = explorer.result.grid()[2]
    explorer.buttons["train_more"].click()
    assert explorer.result.iteration == 200
    assert explorer.result.evaluate()["train_cost"] < first_cost
    assert np.abs(explorer.result.grid()[2] - first_P).max() > 0.05
    assert "iteration 200" in explorer.figure.axes[0].get_title()
    explorer.buttons["restart"].click()
    assert explorer.result.iteration == 100
    assert explorer.result.evaluate()["train_cost"] == pytest.approx(first_cost)


def test_a_huge_learning_rate_diverges_or_gets_worse():
    explorer = widgets.playground(iterations=200, learning_rate=10.0)
    engine = explorer.result
    costs = engine.history["train_cost"]
    assert engine.error is not None and "diverged" in engine.error or costs[-1] > costs[0]
    sane = widgets.playground(iterations=200, learning_rate=0.3).result.history["train_cost"]
    assert sane[-1] < 0.5 * sane[0]


def test_the_small_form_has_four_controls():
    explorer = widgets.playground(small=True, iterations=20)
    assert list(explorer.controls) == ["dataset", "hidden_layers", "learning_rate", "iterations"]
    explorer.controls["dataset"].value = "xor"
    assert explorer.result.dataset == "xor" and explorer.result.iteration == 20


def test_a_bad_hidden_layers_text_gets_a_message():
    explorer = widgets.playground(iterations=10)
    explorer.controls["hidden_layers"].value = "8, x"
    assert explorer.status_is_error and "hidden layer sizes must be whole numbers" in explorer.status_text
    explorer.buttons["train_more"].click()                                   # still a message, no traceback
    assert explorer.status_is_error


# ---------------------------------------------------------------------------------------------- learner's functions

def my_L_model_forward(X, parameters, hidden_activation="relu"):
    return dh.L_model_forward(X, parameters, hidden_activation)


def test_the_learners_functions_run_and_are_named():
    explorer = widgets.playground(iterations=30, L_model_forward=my_L_model_forward)
    first_line = explorer.status_text.splitlines()[0]
    assert first_line == ("Running: your L_model_forward, dnn_helpers.compute_cost, dnn_helpers.L_model_backward, "
                          "dnn_helpers.update_parameters")
    package = widgets.playground(iterations=30)
    assert explorer.result.history["train_cost"] == package.result.history["train_cost"]
    assert package.status_text.startswith("Running: dnn_helpers.L_model_forward, ")


def broken_forward(X, parameters, hidden_activation="relu"):
    return dh.L_model_forward(X, parameters, hidden_activation)[0] @ parameters["W9"]


def backward_without_dW1(AL, Y, caches, hidden_activation="relu"):
    grads = dh.L_model_backward(AL, Y, caches, hidden_activation)
    del grads["dW1"]
    return grads


def forward_with_a_wrong_shape(X, parameters, hidden_activation="relu"):
    AL, caches = dh.L_model_forward(X, parameters, hidden_activation)
    return AL.T, caches


@pytest.mark.parametrize("steps, expected", [
    ({"L_model_forward": broken_forward}, "your L_model_forward raised KeyError: 'W9'"),
    ({"L_model_backward": backward_without_dW1},
     "dnn_helpers.update_parameters raised ValueError: grads is missing 'dW1'"),
    ({"L_model_forward": forward_with_a_wrong_shape}, "your L_model_forward returned AL of shape"),
    ({"L_model_forward": lambda X, parameters, hidden_activation: X}, "not the pair (AL, caches)"),
    ({"compute_cost": lambda AL, Y: 1 / 0}, "your compute_cost raised ZeroDivisionError: division by zero"),
])
def test_a_broken_learners_function_gets_a_short_clear_message(steps, expected):
    explorer = widgets.playground(iterations=20, **steps)
    text = explorer.status_text
    assert explorer.status_is_error
    assert text.splitlines()[0] == running_line(explorer.result.steps)
    assert expected in text
    assert "Traceback" not in text and len(text.splitlines()) == 2
    explorer.buttons["train_more"].click()
    assert expected in explorer.status_text
