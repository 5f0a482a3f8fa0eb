"""The widgets without a browser: set each control to its ends and middle, click the buttons, check the numbers
and the pictures; the live loop runs on an asyncio loop of the test's own. (The notebooks' widget cells are tagged
nbval-ignore-output; these tests check them instead.) The engine's numbers are tested in test_playground.py,
the small explorers' in test_explorers.py and the playground's picture in test_playground_figure.py."""

import ast
import asyncio
import threading
import json
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402

import dnn_helpers as dh  # noqa: E402
from dnn_helpers.playground import engine as playground, widgets  # noqa: E402
from dnn_helpers.playground.widgets import READABLE  # noqa: E402

def ends_and_middle(control):
    """The control's minimum, middle and maximum values (options first, middle, last for a choice)."""
    if hasattr(control, "options"):
        options = [option[1] if isinstance(option, tuple) else option for option in control.options]
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
    explorer = factory()
    bundle = explorer._repr_mimebundle_()
    assert bundle["text/plain"] == READABLE
    assert "application/vnd.jupyter.widget-view+json" in bundle
    assert isinstance(explorer, widgets.w.VBox)


# ---------------------------------------------------------------------------------------------- activations




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


# ---------------------------------------------------------------------------------------------- playground

def test_the_playground_has_every_knob_and_buttons():
    pg = widgets.playground()
    assert set(pg.controls) == {"dataset", "noise", "test_fraction", "data_seed", "features", "hidden_layers",
                                "hidden_activation", "initialization", "seed", "learning_rate", "decay",
                                "decay_rate", "lambd", "keep_prob", "optimizer", "mini_batch_size"}
    assert list(pg.controls["features"]) == ["x1", "x2", "x1²", "x2²", "x1·x2", "sin x1", "sin x2"]
    assert list(pg.controls["hidden_activation"].options) == list(dh.activations.ACTIVATION_FUNCTIONS)
    assert list(pg.controls["dataset"].options) == ["moons", "circles", "spirals", "xor", "blobs"]
    assert list(pg.controls["optimizer"].options) == ["gd", "momentum", "rmsprop", "adam"]
    assert list(pg.buttons) == ["play", "pause", "step", "reset"]
    assert pg.engine.epoch == 0 and "Epoch 00,000" in pg.epoch_label.value
    assert pg.image.value[:8] == b"\x89PNG\r\n\x1a\n" and pg.frames == 1


@pytest.mark.parametrize("name", ["dataset", "noise", "test_fraction", "data_seed", "hidden_activation",
                                  "initialization", "seed", "learning_rate", "decay", "decay_rate", "lambd",
                                  "keep_prob", "optimizer", "mini_batch_size"])
def test_every_control_sets_the_engine_at_both_ends_and_the_middle(name):
    pg = widgets.playground()
    control = pg.controls[name]
    values = ends_and_middle(control) if not isinstance(control, widgets.w.BoundedIntText) else [0, 5, 9999]
    for value in values:
        pg.step()
        before = pg.engine.settings[name]
        control.value = value
        expected = widgets.control_value(name, control)
        assert pg.engine.settings[name] == expected
        assert not pg.status_is_error, pg.status_text
        assert pg.status_text.splitlines()[-1].startswith(f"epoch {pg.engine.epoch} · train cost")
        restarts = name in ("dataset", "noise", "test_fraction", "data_seed", "hidden_activation", "initialization",
                            "seed")
        assert (pg.engine.epoch == 0) == (restarts and expected != before)     # a new start, or training goes on
        assert pg.engine.train(2)                                              # and it trains


def test_a_learning_rate_move_continues_and_a_data_change_resets_the_picture():
    pg = widgets.playground()
    for _ in range(3):
        pg.step()
    picture = pg.image.value
    pg.controls["learning_rate"].value = 0.05
    assert pg.engine.epoch == 3 and pg.engine.learning_rate == 0.05
    assert "learning_rate changed: training continues from the current weights (epoch 3)" in pg.status_text
    pg.step()
    assert pg.engine.history["learning_rate"][-2:] == [0.3, 0.05]
    pg.controls["noise"].value = 0.4
    assert pg.engine.epoch == 0 and pg.image.value != picture
    assert "Epoch 00,000" in pg.epoch_label.value


def test_a_feature_toggle_changes_the_inputs_and_the_picture():
    pg = widgets.playground(dataset="circles", hidden_layers="")
    picture = pg.image.value
    pg.controls["features"]["x1²"].value = True
    assert pg.engine.settings["features"] == ("x1", "x2", "x1²") and pg.engine.layers_dims == [3, 1]
    assert pg.image.value != picture
    for name in ("x1", "x2"):
        pg.controls["features"][name].value = False
    pg.controls["features"]["x1²"].value = False                               # the last one: refused
    assert pg.controls["features"]["x1²"].value is True
    assert pg.status_is_error and pg.status_text.endswith("choose at least one input feature (x1 and x2 are the "
                                                          "usual two)")
    assert pg.engine.settings["features"] == ("x1²",)


def test_step_and_reset():
    pg = widgets.playground()
    pg.step()
    pg.buttons["step"].click()
    assert pg.engine.epoch == 2 and "Epoch 00,002" in pg.epoch_label.value and pg.frames == 3
    first = dh.initialize_parameters_deep([2, 8, 8, 1], seed=0, method="he")
    pg.buttons["reset"].click()
    assert pg.engine.epoch == 0
    for name in first:
        np.testing.assert_array_equal(pg.engine.parameters[name], first[name])


def test_play_outside_a_kernel_says_so():
    pg = widgets.playground()
    pg.buttons["play"].click()
    assert not pg.playing and pg.engine.epoch == 0
    assert "Play needs a running Jupyter kernel; Step trains one epoch anywhere." in pg.status_text


def test_play_trains_live_while_other_work_runs_and_pause_stops_it():
    pg = widgets.playground(speed="as fast as it goes")
    other = []

    async def another_cell():
        while len(other) < 20:
            other.append(pg.engine.epoch)
            await asyncio.sleep(0.01)

    async def session():
        pg.buttons["play"].click()
        assert pg.playing and pg.buttons["play"].disabled and not pg.buttons["pause"].disabled
        await another_cell()
        await asyncio.sleep(0.5)
        pg.controls["learning_rate"].value = 0.1                              # mid-run: continues
        epoch = pg.engine.epoch
        await asyncio.sleep(0.5)
        assert pg.engine.epoch > epoch > 0
        pg.buttons["pause"].click()
        stopped = pg.engine.epoch
        await asyncio.sleep(0.3)
        assert pg.engine.epoch == stopped and not pg.playing
        await asyncio.sleep(0.05)
        return epoch, stopped

    frames = pg.frames
    epoch, stopped = asyncio.run(session())
    assert other[-1] > other[0]                     # training went on between the other work's steps
    assert len(set(other)) > 5
    assert pg.frames - frames >= 3                  # the picture was redrawn while training
    assert pg.engine.history["learning_rate"][-1] == 0.1
    assert pg.task.done()


def test_play_stops_with_one_line_when_a_learners_function_fails():
    pg = widgets.playground(compute_cost=lambda AL, Y: None)

    async def session():
        pg.play()
        await _until(lambda: not pg.playing)
        await asyncio.sleep(0.05)

    asyncio.run(session())
    assert not pg.playing and pg.buttons["play"].disabled is False
    assert pg.status_is_error
    assert "your compute_cost returned None; it must return the cost, one number" in pg.status_text
    assert "Traceback" not in pg.status_text


def test_a_bad_hidden_layers_text_gets_a_message():
    pg = widgets.playground()
    pg.controls["hidden_layers"].value = "8, x"
    assert pg.status_is_error and "hidden layer sizes must be whole numbers" in pg.status_text
    assert pg.engine.layers_dims == [2, 8, 8, 1]
    pg.buttons["step"].click()                                             # still trains the last valid network
    assert pg.engine.epoch == 1
    pg.controls["hidden_layers"].value = "16, 16, 16"
    assert pg.engine.layers_dims == [2, 16, 16, 16, 1] and not pg.status_is_error


def test_the_small_form_has_three_controls():
    pg = widgets.playground(small=True)
    assert list(pg.controls) == ["dataset", "hidden_layers", "learning_rate"]
    pg.controls["dataset"].value = "xor"
    assert pg.engine.dataset == "xor" and pg.engine.epoch == 0


def test_iterations_trains_before_showing():
    pg = widgets.playground(iterations=25, optimizer="adam", learning_rate=0.01, mini_batch_size=32)
    assert pg.engine.epoch == 25 and pg.controls["mini_batch_size"].value == "32"
    assert pg.controls["optimizer"].value == "adam"


def my_L_model_forward(X, parameters, hidden_activation="relu"):
    return dh.L_model_forward(X, parameters, hidden_activation)


def test_the_learners_functions_run_and_are_named():
    pg = widgets.playground(L_model_forward=my_L_model_forward)
    first_line = pg.status_text.splitlines()[0]
    assert first_line == ("Running: your L_model_forward, dnn_helpers.compute_cost, dnn_helpers.L_model_backward, "
                          "dnn_helpers.update_parameters")
    pg.step()
    assert not pg.status_is_error
    package = widgets.playground()
    package.step()
    np.testing.assert_allclose(pg.engine.history["cost"], package.engine.history["cost"], rtol=1e-12)
    assert package.status_text.startswith("Running: dnn_helpers.L_model_forward, ")


def test_dh_checks_line_is_shown_for_the_learners_function(monkeypatch):
    monkeypatch.setattr(playground, "check", lambda function, name=None: type("R", (), {
        "passed": True, "message": f"✓ {name}: right on 5 cases"})())
    pg = widgets.playground(L_model_forward=my_L_model_forward)
    assert pg.status_text.splitlines()[1] == "dh.check: ✓ L_model_forward: right on 5 cases"


@pytest.mark.parametrize("steps, expected", [
    ({"L_model_forward": lambda X, parameters, hidden_activation: X}, "not the pair (AL, caches)"),
    ({"compute_cost": lambda AL, Y: np.mean(AL, keepdims=True)}, "returned an array of shape (1, 1)"),
])
def test_a_broken_learners_function_gets_a_short_clear_message(steps, expected):
    pg = widgets.playground(**steps)
    pg.buttons["step"].click()
    assert pg.status_is_error
    assert expected in pg.status_text.splitlines()[-1]
    assert "Traceback" not in pg.status_text and pg.engine.epoch == 0
    pg.buttons["step"].click()
    assert expected in pg.status_text


def test_notebook_10s_widget_cells_work():
    """The cells of notebook 10 tagged nbval-ignore-output (their output is a live widget), run here instead."""
    nb = json.loads((Path(__file__).resolve().parents[1] / "notebooks" / "10_playground.ipynb").read_text("utf-8"))
    code = ["".join(cell["source"]) for cell in nb["cells"] if cell["cell_type"] == "code"
            and not "".join(cell["source"]).startswith("%")]
    ignored = ["".join(cell["source"]) for cell in nb["cells"]
               if "nbval-ignore-output" in cell.get("metadata", {}).get("tags", [])]
    namespace = {"dh": dh, "np": np, "plt": plt, "widgets": widgets, "Playground": playground.Playground}
    for source in code:  # the notebook's own function definitions (only the defs: nothing is trained here)
        definitions = [node for node in ast.parse(source).body if isinstance(node, ast.FunctionDef)]
        exec(compile(ast.Module(definitions, type_ignores=[]), "notebook 10", "exec"), namespace)  # noqa: S102
    results = []
    for source in ignored:
        *body, last = source.splitlines()
        exec("\n".join(body), namespace)  # noqa: S102
        results.append(eval(last, namespace))  # noqa: S307 - the cell's last expression, as the notebook shows it
    assert len(results) == 4
    widgets_shown = [result for result in results if isinstance(result, widgets.PlaygroundWidget)]
    assert len(widgets_shown) == 3
    assert results[1] is None and namespace["pg"].engine.epoch == 0        # the print cell
    plain, mine, broken = widgets_shown
    assert not plain.status_is_error and not mine.status_is_error
    assert mine.status_text.startswith("Running: your L_model_forward, ")
    broken.buttons["step"].click()
    assert broken.status_is_error and "(its input came from your L_model_forward)" in broken.status_text


async def _until(condition, seconds=20.0):
    """Wait (yielding to the loop) until condition() holds or the time is up; returns condition()."""
    deadline = asyncio.get_running_loop().time() + seconds
    while not condition() and asyncio.get_running_loop().time() < deadline:
        await asyncio.sleep(0.01)
    return condition()


def test_a_data_change_from_another_thread_while_playing_keeps_playing():
    """JupyterLab delivers widget messages to a kernel subshell, a thread of its own: the noise slider's change
    (a reset) arrives while the Play task trains on the kernel's loop. It must wait for the epoch in progress,
    start again on the new data and go on playing (before the engine's lock, a reset in the middle of an epoch
    stopped the run 1 time in 4)."""
    pg = widgets.playground(speed="as fast as it goes")
    moved = []

    def move_noise():
        for value in (0.3, 0.1, 0.25):
            pg.controls["noise"].value = value        # _changed runs here, on this thread
            moved.append((pg.engine.epoch, pg.engine.settings["noise"]))

    async def session():
        pg.play()
        assert await _until(lambda: pg.engine.epoch > 3)
        mover = threading.Thread(target=move_noise)
        mover.start()
        assert await _until(lambda: not mover.is_alive(), 120)
        assert await _until(lambda: pg.engine.epoch > 5)       # training went on, on the new data
        playing, error = pg.playing, pg.engine.error
        pg.pause()
        return playing, error

    playing, error = asyncio.run(session())
    assert playing and error is None and pg.message is None
    assert [noise for _, noise in moved] == [0.3, 0.1, 0.25] and pg.engine.settings["noise"] == 0.25
    s = pg.engine.settings                                     # the run trains the last change's data
    expected = playground.make_data(s["dataset"], 0.25, s["test_fraction"], s["m"], s["data_seed"])[0]
    np.testing.assert_array_equal(pg.engine.points_train, expected)
    assert pg.engine.history["epoch"][0] == 0                 # from epoch 0 again
    assert not pg.buttons["play"].disabled and pg.buttons["pause"].disabled


def test_a_data_change_on_the_loop_while_playing_keeps_playing():
    pg = widgets.playground(speed="as fast as it goes")

    async def session():
        pg.play()
        assert await _until(lambda: pg.engine.epoch > 3)
        pg.controls["noise"].value = 0.35
        assert pg.engine.epoch == 0
        assert await _until(lambda: pg.engine.epoch > 3)
        return pg.playing and pg.engine.error is None

    assert asyncio.run(session())
    pg.pause()


def test_pause_then_play_at_once_leaves_one_run():
    pg = widgets.playground(speed="as fast as it goes")

    async def session():
        pg.play()
        first = pg.task
        assert await _until(lambda: pg.engine.epoch > 2)
        pg.pause()
        pg.play()                                             # before the first run looked again
        assert await _until(first.done)                       # the first run ended; the second one trains
        epoch = pg.engine.epoch
        assert await _until(lambda: pg.engine.epoch > epoch + 2)
        assert pg.playing and not pg.task.done()
        pg.pause()
        await _until(pg.task.done)
        return pg.task.done()

    assert asyncio.run(session())
    assert not pg.playing and not pg.buttons["play"].disabled
