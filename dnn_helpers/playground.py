"""The playground's engine (notebook 10): train a small network on a 2-D data set, step by step, and record
what happens: train and test cost, per-layer gradient norms, and the decision boundary on a grid.

Pure numpy, no widgets and no drawing (``dnn_helpers.widgets`` draws it and wires the sliders), so every
number can be tested. The four step functions can be the learner's own, with the package's signatures:

    L_model_forward(X, parameters, hidden_activation) -> (AL, caches)
    compute_cost(AL, Y) -> float
    L_model_backward(AL, Y, caches, hidden_activation) -> grads
    update_parameters(parameters, grads, learning_rate) -> parameters

A step that fails never shows a traceback: training stops and ``Playground.error`` holds one short line
that names the function, the exception type and its message.
"""

import numpy as np

from . import datasets
from .backward import L_model_backward
from .cost import compute_cost
from .forward import L_model_forward
from .initialization import initialize_parameters_deep
from .update import update_parameters

DATASETS = {"moons": datasets.make_moons, "circles": datasets.make_circles, "xor": datasets.make_xor,
            "spirals": datasets.make_spirals, "blobs": datasets.make_blobs}
PACKAGE_STEPS = {"L_model_forward": L_model_forward, "compute_cost": compute_cost,
                 "L_model_backward": L_model_backward, "update_parameters": update_parameters}
# Where each step's input comes from, to point at the learner's function when a package step chokes on it.
INPUT_FROM = {"compute_cost": "L_model_forward", "L_model_backward": "L_model_forward",
              "update_parameters": "L_model_backward", "L_model_forward": "update_parameters"}


def make_data(dataset="moons", noise=0.2, test_fraction=0.3, m=300, seed=0):
    """A generated 2-D set, shuffled and split: returns X_train (2, m_train), Y_train, X_test, Y_test."""
    if dataset not in DATASETS:
        raise ValueError(f"dataset must be one of {', '.join(map(repr, DATASETS))}; got {dataset!r}")
    X, Y = DATASETS[dataset](m=m, noise=noise, seed=seed)
    return datasets.train_test_split(X, Y, test_fraction=test_fraction, seed=seed)


def parse_hidden_layers(text):
    """"8, 4" -> [8, 4], the sizes of the hidden layers; "" -> [] (no hidden layer: logistic regression)."""
    if not isinstance(text, str):
        return [int(size) for size in text]
    sizes = []
    for part in text.replace(";", ",").split(","):
        part = part.strip()
        if not part:
            continue
        if not part.isdigit() or int(part) < 1:
            raise ValueError(f"hidden layer sizes must be whole numbers of at least 1, separated by commas "
                             f"(e.g. 8, 4); got {part!r}")
        sizes.append(int(part))
    if len(sizes) > 8 or any(size > 256 for size in sizes):
        raise ValueError("the playground takes at most 8 hidden layers of at most 256 units each")
    return sizes


def describe(function, name):
    """"dnn_helpers.L_model_forward" for the package's function, "your L_model_forward" for any other."""
    return f"dnn_helpers.{name}" if function is PACKAGE_STEPS[name] else f"your {name}"


def resolve_steps(steps):
    """The four step functions: the package's, replaced by any given in ``steps`` (name -> function)."""
    unknown = sorted(set(steps) - set(PACKAGE_STEPS))
    if unknown:
        raise TypeError(f"unknown step function(s) {', '.join(unknown)}; the playground accepts "
                        f"{', '.join(PACKAGE_STEPS)}")
    resolved = dict(PACKAGE_STEPS)
    for name, function in steps.items():
        if function is not None:
            if not callable(function):
                raise TypeError(f"{name} must be a function; got {type(function).__name__}")
            resolved[name] = function
    return resolved


def running_line(steps):
    """"Running: your L_model_forward, dnn_helpers.compute_cost, ..." for the resolved step functions."""
    return "Running: " + ", ".join(describe(steps[name], name) for name in PACKAGE_STEPS)


class StepFailed(Exception):
    """A step function raised or returned something unusable; str() is one short line for the learner."""


class Playground:
    """Training state of one network on one data set; ``train(n)`` runs n more steps of gradient descent.

    history: "iteration", "train_cost", "test_cost" (lists) and "grad_norms" (list of L norms ||dW[l]||),
    recorded every ``record_every`` iterations, before that iteration's update.
    """

    def __init__(self, dataset="moons", noise=0.2, test_fraction=0.3, hidden_layers=(8, 8),
                 hidden_activation="relu", initialization="he", learning_rate=0.1, m=300, seed=0,
                 record_every=10, **steps):
        self.steps = resolve_steps(steps)
        self.dataset, self.noise, self.hidden_activation = dataset, noise, hidden_activation
        self.X_train, self.Y_train, self.X_test, self.Y_test = make_data(dataset, noise, test_fraction, m, seed)
        self.layers_dims = [2, *parse_hidden_layers(hidden_layers), 1]
        self.initialization, self.seed = initialization, seed
        self.learning_rate, self.record_every = learning_rate, record_every
        self.reset()

    def reset(self):
        """Start again from freshly initialised parameters (same seed, same numbers)."""
        self.parameters = initialize_parameters_deep(self.layers_dims, seed=self.seed, method=self.initialization)
        self.iteration = 0
        self.history = {"iteration": [], "train_cost": [], "test_cost": [], "grad_norms": []}
        self.error = None

    @property
    def running(self):
        return running_line(self.steps)

    def _call(self, name, *args):
        function = self.steps[name]
        try:
            return function(*args)
        except FloatingPointError as err:
            raise StepFailed(f"Training diverged at iteration {self.iteration}: {err} in "
                             f"{describe(function, name)}. The learning rate {self.learning_rate:g} is too "
                             f"large for this network and data; try one 3 to 10 times smaller.") from None
        except Exception as err:  # noqa: BLE001 - a learner's function may raise anything; report it briefly
            message = f"{describe(function, name)} raised {type(err).__name__}: {err}"
            source = INPUT_FROM[name]
            if function is PACKAGE_STEPS[name] and self.steps[source] is not PACKAGE_STEPS[source]:
                message += f" (its input came from your {source})"
            raise StepFailed(message) from None

    def _forward(self, X):
        result = self._call("L_model_forward", X, self.parameters, self.hidden_activation)
        if not (isinstance(result, tuple) and len(result) == 2):
            raise StepFailed(f"{describe(self.steps['L_model_forward'], 'L_model_forward')} returned "
                             f"{type(result).__name__}, not the pair (AL, caches)")
        AL, caches = result
        if np.shape(AL) != (1, X.shape[1]):
            raise StepFailed(f"{describe(self.steps['L_model_forward'], 'L_model_forward')} returned AL of "
                             f"shape {np.shape(AL)}; expected (1, m) = (1, {X.shape[1]})")
        return AL, caches

    def _cost(self, AL, Y):
        cost = self._call("compute_cost", AL, Y)
        if not np.isfinite(cost):
            raise StepFailed(f"Training diverged at iteration {self.iteration}: the cost is {cost}. The learning "
                             f"rate {self.learning_rate:g} is too large; try one 3 to 10 times smaller.")
        return float(cost)

    def _step(self):
        AL, caches = self._forward(self.X_train)
        cost = self._cost(AL, self.Y_train)
        grads = self._call("L_model_backward", AL, self.Y_train, caches, self.hidden_activation)
        record = self.iteration % self.record_every == 0
        if record:
            test_cost = self._cost(self._forward(self.X_test)[0], self.Y_test)
        parameters = self._call("update_parameters", self.parameters, grads, self.learning_rate)
        if record:  # after the update call, which has checked that grads holds every dW{l}
            norms = [float(np.linalg.norm(grads[f"dW{l}"])) for l in range(1, len(self.layers_dims))]
            for key, value in (("iteration", self.iteration), ("train_cost", cost), ("test_cost", test_cost),
                               ("grad_norms", norms)):
                self.history[key].append(value)
        self.parameters = parameters
        self.iteration += 1

    def train(self, iterations):
        """Run ``iterations`` more steps. Returns True, or False with ``error`` set if a step failed."""
        if self.error is not None:
            return False
        try:
            with np.errstate(over="raise", invalid="raise", divide="raise"):
                for _ in range(iterations):
                    self._step()
        except StepFailed as err:
            self.error = str(err)
            return False
        return True

    def evaluate(self):
        """{"train_cost", "test_cost", "train_accuracy", "test_accuracy"} of the current parameters."""
        result = {}
        with np.errstate(over="raise", invalid="raise", divide="raise"):
            for split, X, Y in (("train", self.X_train, self.Y_train), ("test", self.X_test, self.Y_test)):
                AL, _ = self._forward(X)
                result[f"{split}_cost"] = self._cost(AL, Y)
                result[f"{split}_accuracy"] = float(np.mean((np.asarray(AL) > 0.5) == (Y == 1)))
        return result

    def summary(self):
        """One line: the iteration and the current costs and accuracies (or the error)."""
        if self.error is not None:
            return self.error
        try:
            r = self.evaluate()
        except StepFailed as err:
            return str(err)
        return (f"iteration {self.iteration} · train cost {r['train_cost']:.4f} · test cost {r['test_cost']:.4f}"
                f" · train accuracy {100 * r['train_accuracy']:.1f}% · test accuracy {100 * r['test_accuracy']:.1f}%")

    def grid(self, resolution=80, margin=0.5):
        """x1 (n, n), x2 (n, n) over the data's range and the network's probability P(y = 1) at each point."""
        X = np.hstack([self.X_train, self.X_test])
        lo, hi = X.min(axis=1) - margin, X.max(axis=1) + margin
        x1, x2 = np.meshgrid(np.linspace(lo[0], hi[0], resolution), np.linspace(lo[1], hi[1], resolution))
        with np.errstate(over="raise", invalid="raise", divide="raise"):
            AL, _ = self._forward(np.vstack([x1.ravel(), x2.ravel()]))
        return x1, x2, np.asarray(AL).reshape(x1.shape)
