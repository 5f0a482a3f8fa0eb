"""Interactive widgets for the notebooks: feel each step by moving a slider.

    from dnn_helpers import widgets
    widgets.activation_explorer()       # notebook 02: g(z) and g'(z)
    widgets.initialization_explorer()   # notebook 01: each layer's activations, vanishing or exploding
    widgets.learning_rate_explorer()    # notebook 05: the cost curve and the path over the cost's contours
    widgets.playground()                # notebooks 06 and 10: train a network, your own functions or ours

The module has three parts: compute (pure numpy, tested on numbers), draw (a matplotlib figure from those
numbers) and wire (ipywidgets controls that recompute and redraw into an Output, inline PNG, no ipympl).
Each factory returns an ``Explorer``, a VBox whose plain-text form is a readable line for a notebook opened
without a kernel.
"""

import html

import ipywidgets as w
import matplotlib.pyplot as plt
import numpy as np
from IPython.display import display

from .activations import ACTIVATION_FUNCTIONS
from .backward import ACTIVATION_BACKWARD, L_model_backward
from .cost import clip_probabilities, compute_cost
from .forward import L_model_forward, linear_activation_forward
from .initialization import initialize_parameters_deep
from .playground import DATASETS, Playground, StepFailed, parse_hidden_layers
from .update import update_parameters

ACTIVATIONS = ("sigmoid", "relu", "tanh")
INIT_METHODS = ("small", "xavier", "he", "large")

# ----------------------------------------------------------------------------------------------- compute


def activation_curves(name, z_max=5.0, n=401):
    """z from -z_max to z_max, g(z) and g'(z) from the package's activation and its backward step."""
    z = np.linspace(-z_max, z_max, n)
    g, _ = ACTIVATION_FUNCTIONS[name](z)
    dg = ACTIVATION_BACKWARD[name](np.ones_like(z), z)  # dZ = dA * g'(Z) with dA = 1
    return {"z": z, "g": g, "dg": dg}


def layer_activations(depth=5, width=100, method="xavier", activation="tanh", m=500, seed=1):
    """Push m standard-normal inputs (width, m) through ``depth`` layers of ``width`` units.

    Returns the list of each layer's activations A[1], ..., A[depth], each (width, m).
    """
    parameters = initialize_parameters_deep([width] * (depth + 1), seed=seed, method=method)
    A = np.random.default_rng(seed + 1).standard_normal((width, m))
    layers = []
    for l in range(1, depth + 1):
        A, _ = linear_activation_forward(A, parameters[f"W{l}"], parameters[f"b{l}"], activation)
        layers.append(A)
    return layers


def logistic_problem(m=100, seed=0):
    """One feature x (1, m) and labels y (1, m): class 0 around x = 0.5, class 1 around x = 2.5.

    Logistic regression a = sigmoid(w x + b) has two parameters, so its cost is a surface over (w, b);
    x is not centred, so the surface is a long tilted valley (the minimum is near w = 2.1, b = -3.2).
    """
    y = (np.arange(m) >= m // 2).astype(np.int64).reshape(1, -1)
    x = np.random.default_rng(seed).standard_normal((1, m)) + np.where(y == 1, 2.5, 0.5)
    return x, y


def cost_surface(x, y, w_values, b_values):
    """J(w, b) on the grid: (len(b_values), len(w_values)), the cross-entropy of compute_cost, vectorised."""
    J = np.empty((len(b_values), len(w_values)))
    for i, b in enumerate(b_values):
        A, _ = ACTIVATION_FUNCTIONS["sigmoid"](np.outer(w_values, x) + b)  # (len(w_values), m): a row per w
        P = clip_probabilities(A)
        J[i] = -(y * np.log(P) + (1 - y) * np.log(1 - P)).mean(axis=1)
    return J


def descend(x, y, learning_rate, iterations, start=(-2.0, 4.0)):
    """Gradient descent on logistic regression with the course's own steps (a 1-layer network).

    Returns the path (iterations + 1, 2) of (w, b), start first, and the cost at each point (iterations + 1,).
    """
    parameters = {"W1": np.array([[start[0]]]), "b1": np.array([[start[1]]])}
    path, costs = [], []
    for i in range(iterations + 1):
        AL, caches = L_model_forward(x, parameters)
        costs.append(compute_cost(AL, y))
        path.append((parameters["W1"][0, 0], parameters["b1"][0, 0]))
        if i < iterations:
            parameters = update_parameters(parameters, L_model_backward(AL, y, caches), learning_rate)
    return np.array(path), np.array(costs)


def descent_verdict(costs, best=0.36):
    """One phrase for a cost curve: diverging, oscillating, slow or converging (best: the minimum cost)."""
    costs = np.asarray(costs)
    if len(costs) < 2:
        return "no steps yet: add iterations"
    if costs[-1] > costs[0]:
        return "diverging: the cost went up; the learning rate is too large"
    if np.any(np.diff(costs) > 1e-12):
        return "oscillating: the cost went up on some steps; the learning rate is near its limit"
    if costs[-1] - best > 0.5 * (costs[0] - best):
        return "slow: less than halfway down; try a larger learning rate or more iterations"
    return "converging: the cost falls at every step"


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
    ax.set(title=f"{method} initialisation, {activation}: spread of each layer's activations",
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


def draw_playground(engine, resolution=80):
    """Decision boundary, train and test cost, per-layer gradient norms. Raises StepFailed if the grid fails."""
    x1, x2, P = engine.grid(resolution)
    fig, (left, middle, right) = plt.subplots(1, 3, figsize=(14, 4.3), layout="constrained")
    left.contourf(x1, x2, P, levels=np.linspace(0, 1, 11), cmap="RdBu_r", alpha=0.6)
    left.contour(x1, x2, P, levels=[0.5], colors="k", linewidths=1.5)
    for X, Y, marker, label in ((engine.X_train, engine.Y_train, "o", "train"),
                                (engine.X_test, engine.Y_test, "^", "test")):
        left.scatter(X[0], X[1], c=Y.ravel(), cmap="RdBu_r", vmin=0, vmax=1, marker=marker, s=18,
                     edgecolors="k", linewidths=0.4, label=label)
    left.set(title=f"{engine.dataset}: decision boundary, iteration {engine.iteration}", xlabel="x1", ylabel="x2")
    left.legend(loc="lower right", fontsize=9)
    h = engine.history
    middle.plot(h["iteration"], h["train_cost"], label="train")
    middle.plot(h["iteration"], h["test_cost"], label="test", ls="--")
    middle.set(title="Cost", xlabel="iteration", ylabel="cost J")
    middle.legend()
    middle.grid(alpha=0.3)
    norms = np.array(h["grad_norms"], dtype=float).reshape(-1, len(engine.layers_dims) - 1)
    for l in range(norms.shape[1]):
        positive = np.where(norms[:, l] > 0, norms[:, l], np.nan)
        zero = " (all zero)" if np.all(norms[:, l] == 0) and len(norms) else ""
        right.plot(h["iteration"], positive, label=f"layer {l + 1}{zero}")
    right.set(title="Gradient norm ||dW[l]|| per layer", xlabel="iteration", ylabel="norm (log scale)")
    if np.any(norms > 0):
        right.set_yscale("log")
    right.legend(fontsize=8, ncol=2)
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


def _on_change(explorer, update):
    for control in explorer.controls.values():
        control.observe(lambda _change: update(), names="value")


def activation_explorer(activation="relu", z_max=5.0):
    """Pick sigmoid, ReLU or tanh and a z range: see g(z) and its derivative g'(z) side by side."""
    controls = {"activation": _choice(ACTIVATIONS, activation, "g", toggle=True),
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
    """Depth, width, initialisation method and activation -> a histogram of each layer's activations."""
    controls = {"depth": _slider(w.IntSlider, depth, 1, 10, 1, "layers"),
                "width": _slider(w.IntSlider, width, 10, 300, 10, "units per layer"),
                "method": _choice(INIT_METHODS, method, "initialisation"),
                "activation": _choice(ACTIVATIONS, activation, "activation")}
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


def playground(dataset="moons", noise=0.2, test_fraction=0.3, hidden_layers="8, 8", hidden_activation="relu",
               initialization="he", learning_rate=0.3, iterations=300, small=False, seed=0, **steps):
    """Train a network on a 2-D data set and watch the boundary, the costs and the gradient norms.

    Any control change starts again from scratch; "Train more" continues for ``iterations`` more steps.
    steps: your own L_model_forward, compute_cost, L_model_backward or update_parameters (the package's
    signatures), run in place of the package's; the status line says which functions are running.
    small=True shows only the data set, hidden layers, learning rate and iterations.
    """
    controls = {"dataset": _choice(list(DATASETS), dataset, "data"),
                "noise": _slider(w.FloatSlider, noise, 0.0, 0.5, 0.05, "noise"),
                "test_fraction": _slider(w.FloatSlider, test_fraction, 0.1, 0.5, 0.05, "test fraction"),
                "hidden_layers": w.Text(value=hidden_layers, description="hidden layers", continuous_update=False,
                                        placeholder="e.g. 8, 4", style=STYLE),
                "hidden_activation": _choice(("relu", "tanh", "sigmoid"), hidden_activation, "hidden activation"),
                "initialization": _choice(("zeros", *INIT_METHODS), initialization, "initialisation"),
                "learning_rate": _slider(w.FloatLogSlider, learning_rate, -3, 1, 0.1, "learning rate", base=10,
                                         readout_format=".3g"),
                "iterations": _slider(w.IntSlider, iterations, 10, 3000, 10, "iterations per run")}
    if small:
        controls = {name: controls[name] for name in ("dataset", "hidden_layers", "learning_rate", "iterations")}
        rows = [list(controls.values())[:2], list(controls.values())[2:]]
    else:
        rows = [[controls[n] for n in ("dataset", "noise", "test_fraction")],
                [controls[n] for n in ("hidden_layers", "hidden_activation", "initialization")],
                [controls["learning_rate"], controls["iterations"]]]
    wide = w.Layout(width="auto")
    buttons = {"restart": w.Button(description="Train from scratch", icon="refresh", layout=wide),
               "train_more": w.Button(description="Train more", icon="play", button_style="primary", layout=wide)}
    explorer = Explorer(controls, buttons, rows=rows)
    defaults = {"dataset": dataset, "noise": noise, "test_fraction": test_fraction, "hidden_layers": hidden_layers,
                "hidden_activation": hidden_activation, "initialization": initialization,
                "learning_rate": learning_rate}

    def value(name):
        return controls[name].value if name in controls else defaults[name]

    def run(fresh):
        try:
            if fresh or explorer.result is None:
                explorer.result = Playground(value("dataset"), value("noise"), value("test_fraction"),
                                             parse_hidden_layers(value("hidden_layers")),
                                             value("hidden_activation"), value("initialization"),
                                             value("learning_rate"), seed=seed, **steps)
        except (TypeError, ValueError) as err:  # e.g. "8, x" as hidden layers
            explorer.result = None
            explorer.say(str(err), error=True)
            explorer.clear()
            return
        engine = explorer.result
        engine.learning_rate = value("learning_rate")
        engine.train(controls["iterations"].value)
        summary = engine.summary()
        explorer.say(f"{engine.running}\n{summary}", error=not summary.startswith("iteration "))
        try:
            explorer.show(draw_playground(engine))
        except StepFailed as err:  # the learner's forward fails on the grid of points
            explorer.say(f"{engine.running}\n{err}", error=True)
            explorer.clear()
        except Exception as err:  # noqa: BLE001 - a short line in the widget, never a traceback wall
            explorer.say(f"{engine.running}\ncould not draw: {type(err).__name__}: {err}", error=True)
            explorer.clear()

    _on_change(explorer, lambda: run(fresh=True))
    buttons["restart"].on_click(lambda _button: run(fresh=True))
    buttons["train_more"].on_click(lambda _button: run(fresh=False))
    run(fresh=True)
    return explorer
