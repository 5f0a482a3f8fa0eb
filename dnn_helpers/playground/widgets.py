"""Interactive widgets for the notebooks: feel each step by moving a slider (drawing and wiring only).

    from dnn_helpers.playground import widgets   # or: from dnn_helpers import widgets
    widgets.activation_explorer()       # notebook 02: g(z) and g'(z)
    widgets.initialization_explorer()   # notebook 01: each layer's activations, vanishing or exploding
    widgets.learning_rate_explorer()    # notebook 05: the cost curve and the path over the cost's contours
    widgets.playground()                # notebooks 06 and 10: live training, every knob, every neuron

The numbers come from pure modules tested without a display: ``explorers`` (the three small explorers) and
``engine`` (the playground's engine); ``figure`` draws the playground. This module draws the
small explorers (a matplotlib figure into an Output, inline PNG, no ipympl) and wires ipywidgets controls.

The playground trains live without blocking the kernel: Play starts an asyncio task on the kernel's event loop
that trains a slice of epochs (as many as fit before the next frame, at most the chosen speed), redraws the
picture (about 8 frames a second) and then awaits a short sleep, which hands the loop back to the kernel:
button clicks, slider moves and other cells' executions are handled between two slices.
"""

import asyncio
import html
import time

import ipywidgets as w
import matplotlib.pyplot as plt
import numpy as np
from IPython.display import display

from ..activations import ACTIVATION_FUNCTIONS
from .explorers import (ACTIVATION_NAMES, EXPLORED_INIT_METHODS, activation_curves, cost_surface, descend,
                        descent_verdict, layer_activations, logistic_problem)
from ..initialization import INITIALIZATION_METHODS
from .engine import DATASETS, FEATURES, Playground
from .figure import PlaygroundFigure, draw_playground
from ..optimizers import DECAYS, OPTIMIZERS
from ..validation import as_number, check_choice, check_count

__all__ = ["activation_explorer", "initialization_explorer", "learning_rate_explorer", "playground",
           "PlaygroundWidget", "Explorer", "draw_playground", "activation_curves", "layer_activations",
           "logistic_problem", "cost_surface", "descend", "descent_verdict"]

READABLE = "Interactive widget: run this cell to use the sliders."

# ------------------------------------------------------------------------------------------------- draw


def draw_activation(name, z_max=5.0):
    curves = activation_curves(name, z_max)
    fig, (left, right) = plt.subplots(1, 2, figsize=(10, 4), layout="constrained")
    left.plot(curves["z"], curves["g"], color="tab:blue", lw=2)
    left.set(title=f"{name}: g(z)", xlabel="z", ylabel="g(z)")
    right.plot(curves["z"], curves["dg"], color="tab:orange", lw=2)
    right.set(title=f"{name}: g'(z), max {curves['dg'].max():.2f}", xlabel="z", ylabel="g'(z)")
    for ax in (left, right):
        ax.axhline(0, color="gray", lw=0.8)
        ax.axvline(0, color="gray", lw=0.8)
        ax.grid(alpha=0.3)
    return fig


def draw_initialization(layers, method, activation):
    depth = len(layers)
    shown = sorted(set(np.linspace(1, depth, min(depth, 5)).round().astype(int)))
    fig = plt.figure(figsize=(11, 6.5), layout="constrained")
    grid = fig.add_gridspec(2, len(shown))
    for k, l in enumerate(shown):
        ax = fig.add_subplot(grid[0, k])
        ax.hist(layers[l - 1].ravel(), bins=40, color="tab:blue")
        ax.set_title(f"layer {l}, std {layers[l - 1].std():.2g}", fontsize=11)
        ax.set_yticks([])
        ax.tick_params(axis="x", labelsize=9)
        ax.set_xlabel("activation value", fontsize=10)
    ax = fig.add_subplot(grid[1, :])
    stds = [A.std() for A in layers]
    ax.semilogy(range(1, depth + 1), stds, "o-", lw=2)
    ax.axhspan(0.1, 10, color="tab:green", alpha=0.12, label="a healthy range")
    ax.set(title=f"{method} initialization, {activation}: spread of each layer's activations",
           xlabel="layer l", ylabel="std of A[l] (log scale)", xticks=range(1, depth + 1))
    ax.legend(loc="best")
    return fig


def draw_descent(x, y, w_values, b_values, J, path, costs, learning_rate):
    fig, (left, right) = plt.subplots(1, 2, figsize=(11, 4.5), layout="constrained")
    contours = left.contour(w_values, b_values, J, levels=np.geomspace(J.min() + 0.005, J.max(), 14),
                            cmap="viridis")
    left.clabel(contours, fontsize=8, fmt="%.2f")
    left.plot(path[:, 0], path[:, 1], "o-", color="tab:red", ms=3, lw=1.2, label="gradient descent")
    left.plot(*path[0], "ks", ms=7, label="start")
    left.set(xlim=(w_values[0], w_values[-1]), ylim=(b_values[0], b_values[-1]), xlabel="w", ylabel="b",
             title=f"Path over the cost J(w, b), learning rate {learning_rate:.3g}")
    left.legend(loc="upper right", fontsize=9)
    right.plot(costs, "o-", ms=3, color="tab:red")
    right.set(title=descent_verdict(costs, J.min()).split(":")[0] + f", final cost {costs[-1]:.4f}",
              xlabel="iteration", ylabel="cost J")
    right.grid(alpha=0.3)
    return fig



# ------------------------------------------------------------------------------------------------- wire


class Explorer(w.VBox):
    """A VBox of controls, a status line and a plot. Its text form is one readable line, which is what a
    notebook shows for the widget when it is opened without a running kernel.

    controls: name -> control widget; buttons: name -> Button; figure: the last figure drawn (closed);
    result: the last numbers computed (for tests and for the curious).
    """

    def __init__(self, controls, buttons=None, rows=None, **kwargs):
        self.controls, self.buttons = controls, buttons or {}
        self.status = w.HTML()
        self.output = w.Output()
        self.figure, self.result = None, None
        self.status_text, self.status_is_error = "", False
        rows = rows or [list(controls.values())]
        boxes = [w.HBox(row) for row in rows] + ([w.HBox(list(self.buttons.values()))] if self.buttons else [])
        super().__init__(boxes + [self.status, self.output], **kwargs)

    def __repr__(self):
        return "Interactive widget: run this cell to use the sliders."

    def show(self, fig):
        """Draw fig into the output area (as an inline PNG) and close it."""
        self.figure = fig
        if _in_ipython():  # outside a kernel (plain pytest) there is nowhere to draw
            with self.output:
                self.output.clear_output(wait=True)
                display(fig)
        plt.close(fig)

    def clear(self):
        """Empty the output area (after an error, so that no stale picture is left)."""
        self.figure = None
        if _in_ipython():
            self.output.clear_output()

    def say(self, text, error=False):
        """Show text (lines) in the status line, in red if error; status_text keeps it as plain text."""
        self.status_text, self.status_is_error = text, error
        color = "#b00020" if error else "#333333"
        lines = html.escape(text).replace("\n", "<br>")
        self.status.value = f'<span style="color:{color}; font-family:monospace">{lines}</span>'


def _in_ipython():
    try:
        from IPython import get_ipython
    except ImportError:  # pragma: no cover - IPython comes with ipywidgets
        return False
    return get_ipython() is not None


STYLE = {"description_width": "initial"}  # show each control's whole label


def _slider(kind, value, minimum, maximum, step, description, **kwargs):
    return kind(value=value, min=minimum, max=maximum, step=step, description=description,
                continuous_update=False, style=STYLE, **kwargs)


def _choice(options, value, description, toggle=False):
    kind = w.ToggleButtons if toggle else w.Dropdown
    return kind(options=options, value=value, description=description, style=STYLE,
                **({} if toggle else {"layout": w.Layout(width="max-content")}))


def _in_range(value, name, low, high, whole=False):
    """value checked to lie on its control's range [low, high] (a teaching error, never a widget's TraitError)."""
    value = check_count(value, name) if whole else as_number(value, name, f"a number from {low:g} to {high:g}")
    if not low <= value <= high:
        raise ValueError(f"{name} must be {'a whole number' if whole else 'a number'} from {low:g} to {high:g} (the "
                         f"range of its slider); got {value:g}")
    return value


def _on_change(explorer, update):
    for control in explorer.controls.values():
        control.observe(lambda _change: update(), names="value")


def activation_explorer(activation="relu", z_max=5.0):
    """Pick sigmoid, ReLU or tanh and a z range: see g(z) and its derivative g'(z) side by side."""
    check_choice(activation, ACTIVATION_NAMES, "activation")
    z_max = _in_range(z_max, "z_max", 1.0, 10.0)
    controls = {"activation": _choice(ACTIVATION_NAMES, activation, "g", toggle=True),
                "z_max": _slider(w.FloatSlider, z_max, 1.0, 10.0, 0.5, "z range ±")}
    explorer = Explorer(controls)

    def update():
        name, zm = controls["activation"].value, controls["z_max"].value
        explorer.result = activation_curves(name, zm)
        dg = explorer.result["dg"]
        explorer.say(f"{name}: largest slope g'(z) = {dg.max():.4f}; at z = ±{zm:g} the slope is "
                     f"{dg[0]:.4f} (left) and {dg[-1]:.4f} (right)")
        explorer.show(draw_activation(name, zm))

    _on_change(explorer, update)
    update()
    return explorer


def initialization_explorer(depth=6, width=100, method="xavier", activation="tanh"):
    """Depth, width, initialization method and activation -> a histogram of each layer's activations."""
    depth, width = _in_range(depth, "depth", 1, 10, whole=True), _in_range(width, "width", 10, 300, whole=True)
    check_choice(method, EXPLORED_INIT_METHODS, "method")
    check_choice(activation, ACTIVATION_NAMES, "activation")
    controls = {"depth": _slider(w.IntSlider, depth, 1, 10, 1, "layers"),
                "width": _slider(w.IntSlider, width, 10, 300, 10, "units per layer"),
                "method": _choice(EXPLORED_INIT_METHODS, method, "initialization"),
                "activation": _choice(ACTIVATION_NAMES, activation, "activation")}
    explorer = Explorer(controls, rows=[[controls["depth"], controls["width"]],
                                        [controls["method"], controls["activation"]]])

    def update():
        c = {name: control.value for name, control in controls.items()}
        layers = layer_activations(c["depth"], c["width"], c["method"], c["activation"])
        explorer.result = {"std": [float(A.std()) for A in layers]}
        first, last = explorer.result["std"][0], explorer.result["std"][-1]
        explorer.say(f"std of the activations: layer 1 {first:.3g}, layer {c['depth']} {last:.3g}")
        explorer.show(draw_initialization(layers, c["method"], c["activation"]))

    _on_change(explorer, update)
    update()
    return explorer


def learning_rate_explorer(learning_rate=1.0, iterations=30):
    """Learning rate and iterations -> gradient descent on a 2-parameter logistic regression: the path of
    (w, b) over the cost's contours, and the cost curve."""
    learning_rate = _in_range(learning_rate, "learning_rate", 0.01, 10 ** 1.5)
    iterations = _in_range(iterations, "iterations", 1, 200, whole=True)
    x, y = logistic_problem()
    w_values, b_values = np.linspace(-3, 7, 81), np.linspace(-10, 5, 81)
    J = cost_surface(x, y, w_values, b_values)
    controls = {"learning_rate": _slider(w.FloatLogSlider, learning_rate, -2, 1.5, 0.1, "learning rate",
                                         base=10, readout_format=".3g"),
                "iterations": _slider(w.IntSlider, iterations, 1, 200, 1, "iterations")}
    explorer = Explorer(controls)

    def update():
        rate, steps = controls["learning_rate"].value, controls["iterations"].value
        path, costs = descend(x, y, rate, steps)
        explorer.result = {"path": path, "costs": costs, "verdict": descent_verdict(costs, J.min())}
        explorer.say(f"learning rate {rate:.3g}, {steps} iterations: cost {costs[0]:.4f} -> {costs[-1]:.4f}; "
                     f"{explorer.result['verdict']}")
        explorer.show(draw_descent(x, y, w_values, b_values, J, path, costs, rate))

    _on_change(explorer, update)
    update()
    return explorer


# ------------------------------------------------------------------------------------------------- playground

SPEEDS = {"10 epochs/s": 10, "30 epochs/s": 30, "100 epochs/s": 100, "300 epochs/s": 300, "1000 epochs/s": 1000,
          "as fast as it goes": None}
LAMBDAS = (0.0, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1.0, 3.0, 10.0)
BATCHES = {"all": None, "8": 8, "16": 16, "32": 32, "64": 64, "128": 128}
FRAME_RATE = 8  # redraws per second while training


def _dropdown(options, value, description, width="max-content"):
    return w.Dropdown(options=options, value=value, description=description, style=STYLE,
                      layout=w.Layout(width=width))


def batch_label(size):
    return "all" if size is None else str(size)


def batch_options(size):
    """The mini-batch sizes on the slider (labels), with ``size`` among them."""
    sizes = sorted({*(v for v in BATCHES.values() if v is not None), *([size] if size is not None else [])})
    return ["all", *map(str, sizes)]


def playground_controls(settings, small=False):
    """name -> control for the engine's settings (small: data set, hidden layers and learning rate only)."""
    c = {
        "dataset": _dropdown(list(DATASETS), settings["dataset"], "data"),
        "noise": _slider(w.FloatSlider, settings["noise"], 0.0, 0.5, 0.05, "noise"),
        "test_fraction": _slider(w.FloatSlider, settings["test_fraction"], 0.1, 0.5, 0.05, "test share"),
        "data_seed": w.BoundedIntText(value=settings["data_seed"], min=0, max=9999, description="data seed",
                                      style=STYLE, layout=w.Layout(width="150px")),
        "features": {name: w.ToggleButton(value=name in settings["features"], description=name,
                                          layout=w.Layout(width="70px")) for name in FEATURES},
        "hidden_layers": w.Text(value=", ".join(map(str, settings["hidden_layers"])), description="hidden layers",
                                continuous_update=False, placeholder="e.g. 8, 4", style=STYLE,
                                layout=w.Layout(width="230px")),
        "hidden_activation": _dropdown(list(ACTIVATION_FUNCTIONS), settings["hidden_activation"], "activation"),
        "initialization": _dropdown(list(INITIALIZATION_METHODS), settings["initialization"], "initialization"),
        "seed": w.BoundedIntText(value=settings["seed"], min=0, max=9999, description="weight seed", style=STYLE,
                                 layout=w.Layout(width="160px")),
        "learning_rate": _slider(w.FloatLogSlider, settings["learning_rate"], -4, 1, 0.1, "learning rate",
                                 base=10, readout_format=".3g"),
        "decay": _dropdown(["none", *DECAYS], settings["decay"] or "none", "decay"),
        "decay_rate": _slider(w.FloatLogSlider, settings["decay_rate"], -4, 0, 0.1, "decay rate", base=10,
                              readout_format=".3g"),
        "lambd": w.SelectionSlider(options=[(f"{value:g}", value) for value in LAMBDAS],
                                   value=min(LAMBDAS, key=lambda v: abs(v - settings["lambd"])),
                                   description="L2 λ", continuous_update=False, style=STYLE),
        "keep_prob": _slider(w.FloatSlider, settings["keep_prob"], 0.5, 1.0, 0.05, "keep_prob"),
        "optimizer": w.ToggleButtons(options=list(OPTIMIZERS), value=settings["optimizer"], description="optimizer",
                                     style={**STYLE, "button_width": "96px"}),
        "mini_batch_size": w.SelectionSlider(options=batch_options(settings["mini_batch_size"]),
                                             value=batch_label(settings["mini_batch_size"]),
                                             description="mini-batch", continuous_update=False, style=STYLE),
    }
    if small:
        return {name: c[name] for name in ("dataset", "hidden_layers", "learning_rate")}
    return c


def control_value(name, control):
    """The engine's value for a control (the features' toggles give the tuple of those switched on)."""
    if name == "features":
        return tuple(feature for feature, toggle in control.items() if toggle.value)
    if name == "decay":
        return None if control.value == "none" else control.value
    if name == "mini_batch_size":
        return None if control.value == "all" else int(control.value)
    return control.value


class PlaygroundWidget(w.VBox):
    """The live playground: buttons, an epoch counter, the controls, a status line and the picture.

    engine: the ``Playground`` it trains; drawing: its ``PlaygroundFigure``; controls: setting name -> control
    ("features": feature name -> ToggleButton); buttons: "play", "pause", "step", "reset".
    ``play()``/``pause()``/``step()``/``reset()`` do what the buttons do; ``frames`` counts the redraws.
    """

    def __init__(self, engine, small=False, speed="300 epochs/s", frame_rate=FRAME_RATE):
        self.engine, self.small, self.frame_rate = engine, small, frame_rate
        self.drawing = PlaygroundFigure()
        self.controls = playground_controls(engine.settings, small)
        self.buttons = {"play": w.Button(description="Play", icon="play", button_style="success",
                                         layout=w.Layout(width="90px")),
                        "pause": w.Button(description="Pause", icon="pause", disabled=True,
                                          layout=w.Layout(width="90px")),
                        "step": w.Button(description="Step", icon="step-forward", layout=w.Layout(width="90px"),
                                         tooltip="one epoch"),
                        "reset": w.Button(description="Reset", icon="refresh", layout=w.Layout(width="90px"),
                                          tooltip="fresh weights, epoch 0")}
        self.speed = _dropdown(list(SPEEDS), speed, "speed")
        self.epoch_label = w.HTML()
        self.epoch_label.add_class("dnn-epoch")
        self.status = w.HTML()
        self.status.add_class("dnn-status")
        self.image = w.Image(format="png", layout=w.Layout(max_width="100%", height="auto"))
        self.image.add_class("dnn-picture")
        self.playing, self.frames, self.task, self._reverting = False, 0, None, False
        self._run_number = 0   # each Play starts run number n + 1; a run stops when the number moves on
        self.status_text, self.status_is_error, self.message = "", False, None
        self._checks = self._check_lines()
        super().__init__(self._rows())
        for name, control in self.controls.items():
            for toggle in (control.values() if isinstance(control, dict) else [control]):
                toggle.observe(lambda change, name=name: self._changed(name, change), names="value")
        self.buttons["play"].on_click(lambda _button: self.play())
        self.buttons["pause"].on_click(lambda _button: self.pause())
        self.buttons["step"].on_click(lambda _button: self.step())
        self.buttons["reset"].on_click(lambda _button: self.reset())
        self.redraw()

    def __repr__(self):
        return READABLE

    def _rows(self):
        c = self.controls
        top = w.HBox([*self.buttons.values(), self.epoch_label, self.speed],
                     layout=w.Layout(align_items="center", flex_flow="row wrap"))
        wrap = w.Layout(flex_flow="row wrap", align_items="center")
        if self.small:
            rows = [w.HBox(list(c.values()), layout=wrap)]
        else:
            rows = [w.HBox([c[n] for n in ("dataset", "noise", "test_fraction", "data_seed")], layout=wrap),
                    w.HBox([w.Label("features"), *c["features"].values()], layout=wrap),
                    w.HBox([c[n] for n in ("hidden_layers", "hidden_activation", "initialization", "seed")],
                           layout=wrap),
                    w.HBox([c[n] for n in ("learning_rate", "decay", "decay_rate")], layout=wrap),
                    w.HBox([c[n] for n in ("lambd", "keep_prob", "mini_batch_size")], layout=wrap),
                    w.HBox([c["optimizer"]], layout=wrap)]
        return [top, *rows, self.status, self.image]

    # -- what the learner sees

    def _check_lines(self):
        """dh.check's line for each of the learner's own functions (none when dh.check is not there)."""
        lines = []
        for name in self.engine.learners_steps:
            diagnosis = self.engine.diagnosis(name)
            if diagnosis:
                lines.append(f"dh.check: {diagnosis}")
        return lines

    def say(self, text, error=False):
        """Show text (lines) in the status line, in red if error; status_text keeps it as plain text."""
        self.status_text, self.status_is_error = text, error
        color = "#b00020" if error else "#333333"
        lines = html.escape(text).replace("\n", "<br>")
        self.status.value = f'<span style="color:{color}; font-family:monospace">{lines}</span>'

    def redraw(self):
        """Update the picture, the epoch counter and the status line from the engine."""
        engine = self.engine
        with engine.lock:   # the picture and the lines of one state, never half of a reset from another thread
            self.epoch_label.value = (f'<span style="font-size:1.3em; font-family:monospace; margin:0 1em">'
                                      f"Epoch {engine.epoch:06,d}</span>")
            try:
                drawn = self.drawing.update(engine)
                self.image.value = self.drawing.png()
                self.frames += 1
            except Exception as err:  # noqa: BLE001 - a short line in the widget, never a traceback wall
                drawn = False
                self.drawing.error = f"could not draw: {type(err).__name__}: {err}"
            lines = [engine.running, *self._checks]
            if self.message:
                lines.append(self.message)
            error = engine.error or (None if drawn else self.drawing.error)
            lines.append(error or engine.summary())
        self.say("\n".join(lines), error=bool(error))

    def _buttons(self):
        self.buttons["play"].disabled = self.playing
        self.buttons["pause"].disabled = not self.playing
        self.buttons["step"].disabled = self.playing

    # -- the buttons

    def play(self):
        """Start training live (an asyncio task on the running event loop: the kernel's)."""
        if self.playing:
            return
        if self.engine.error:
            self.redraw()
            return
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            self.message = "Play needs a running Jupyter kernel; Step trains one epoch anywhere."
            self.redraw()
            return
        self.message = None
        self.playing = True
        self._run_number += 1
        self._buttons()
        self.task = loop.create_task(self._run(self._run_number))

    def pause(self):
        """Stop after the current epoch and draw where training stands."""
        self.playing = False
        self._run_number += 1   # the running task stops at its next look, even if Play is pressed again at once
        self._buttons()
        self.redraw()

    def step(self):
        """One epoch, then redraw."""
        self.message = None
        self.engine.train(1)
        self.redraw()

    def reset(self):
        """Fresh weights from the seed, epoch 0 (the settings stay)."""
        self.engine.reset()
        self.message = None
        self.redraw()

    def _running(self, number):
        return self.playing and self._run_number == number

    async def _run(self, number):
        """Train while this run is the current one. JupyterLab may deliver a slider's change on another thread
        (a kernel subshell): the engine's lock makes a data reset wait for the current epoch, and the run goes
        on training the new data (a reset does not stop it)."""
        frame = 1.0 / self.frame_rate
        last, budget = time.perf_counter(), 0.0
        next_frame = last + frame
        try:
            while self._running(number):
                now = time.perf_counter()
                speed = SPEEDS[self.speed.value]
                budget = min(budget + (now - last) * (speed or 1e9), (speed or 1e9) * frame)
                last = now
                while self._running(number) and budget >= 1 and time.perf_counter() < next_frame:
                    budget -= 1
                    if not self.engine.train(1) and self._running(number):
                        self.playing = False
                if time.perf_counter() >= next_frame or not self._running(number):
                    drawn = time.perf_counter()
                    self.redraw()
                    # the next frame `frame` after this one started, or later on a slow (busy) machine: at least
                    # as much time for training as the drawing took
                    next_frame = drawn + max(frame, 2 * (time.perf_counter() - drawn))
                # hand the loop back to the kernel: clicks, slider moves and other cells run now
                wait = 0.002 if speed is None else max(0.002, min(frame, (1 - budget) / speed))
                await asyncio.sleep(min(wait, max(0.002, next_frame - time.perf_counter())))
        except Exception as err:  # noqa: BLE001 - never a traceback from a background task
            self.message = f"training stopped: {type(err).__name__}: {err}"
        if self._run_number != number:   # paused, or a newer run took over: that one owns the buttons
            return
        self.playing = False
        self._buttons()
        self.redraw()

    # -- the controls

    def _changed(self, name, change):
        if self._reverting:
            return
        control = self.controls[name]
        value = control_value(name, control)
        try:
            what = self.engine.set(**{name: value})
        except (TypeError, ValueError) as err:  # e.g. "8, x" as hidden layers, or every feature switched off
            if name == "features":  # switch the toggle back: the features stay the last valid choice
                self._reverting = True
                change["owner"].value = change["old"]
                self._reverting = False
            self.message = None
            self.say("\n".join([self.engine.running, *self._checks, str(err)]), error=True)
            return
        self.message = None
        if what == "continue" and self.engine.epoch:
            self.message = f"{name} changed: training continues from the current weights (epoch {self.engine.epoch})"
        self.redraw()


def playground(dataset="moons", noise=0.2, test_fraction=0.3, hidden_layers="8, 8", hidden_activation="relu",
               initialization="he", learning_rate=0.3, iterations=0, small=False, seed=0, **settings):
    """The live playground: Play, Pause, Step and Reset; every setting of the course on a control.

    The first arguments, and any setting of ``playground.Playground`` (features, lambd, keep_prob, optimizer,
    mini_batch_size, decay, decay_rate, data_seed, ...), set where the controls start; iterations: epochs to
    train before showing it. Changing the learning rate, the regularization or the optimizer continues from the
    current weights; changing the data or the network starts again.
    Your own L_model_forward, compute_cost, L_model_backward or update_parameters (the package's signatures)
    run in place of the package's; the status line says which functions are running (and what ``dh.check``
    says about yours). small=True shows only the data set, the hidden layers and the learning rate.
    """
    speed = settings.pop("speed", "300 epochs/s")
    engine = Playground(dataset, noise, test_fraction, hidden_layers, hidden_activation, initialization,
                        learning_rate, seed=seed, **settings)
    if iterations:
        engine.train(iterations)
    return PlaygroundWidget(engine, small=small, speed=speed)

