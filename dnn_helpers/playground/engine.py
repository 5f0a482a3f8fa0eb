"""The playground's engine (notebook 10): a network on a 2-D data set, trained an epoch at a time, that can be
paused, resumed and re-tuned in the middle of a run.

Pure numpy, no widgets and no drawing (``playground.figure`` draws it and ``playground.widgets``
wires the buttons and sliders), so every number can be tested.

    engine = Playground("circles", features=("x1", "x2"), hidden_layers=(4,), learning_rate=0.3)
    engine.train(100)                  # 100 epochs
    engine.set(learning_rate=0.03)     # a training setting: continues from the current weights
    engine.train(100)
    engine.set(features=("x1²", "x2²"))  # the data or the network: starts again from fresh weights

An epoch is one pass over the training set, as in ``improved_model``: the learning rate of the epoch (decay),
then one update per mini-batch (one batch of all m without ``mini_batch_size``), with dropout and L2 if asked for
and the optimizer's state carried from update to update. With the same settings and seed the numbers are those
of ``improved_model``; training 30 epochs and then 70 gives the same weights as 100 in one go.

The four step functions can be the learner's own, with the package's signatures:

    L_model_forward(X, parameters, hidden_activation) -> (AL, caches)
    compute_cost(AL, Y) -> cost, a number
    L_model_backward(AL, Y, caches, hidden_activation) -> grads
    update_parameters(parameters, grads, learning_rate) -> parameters

Dropout (keep_prob < 1) runs the package's dropout forward and backward steps, and momentum, RMSprop and Adam
the package's updates, in place of the plain steps (``running`` says which functions run). A step that fails
never shows a traceback: training stops and ``Playground.error`` holds one short line that names the
function and what went wrong (with ``dh.check``'s diagnosis of the learner's function, when it has one).
"""

import contextlib
import functools
import io
import threading

import numpy as np

from ..data import datasets
from ..backward import L_model_backward
from ..cost import compute_cost
from ..check import check
from ..forward import L_model_forward, Parameters, linear_activation_forward, linear_forward
from ..initialization import INITIALIZATION_METHODS, initialize_parameters_deep
from ..optimizers import (DECAYS, check_mini_batch_size, check_optimizer, decayed_learning_rate,
                         initialize_optimizer)
from ..output_layer import output_cost, output_layer_for
from ..regularization import add_l2_gradients, l2_regularization_cost
from ..training import package_steps, train_epoch
from ..update import update_parameters
from ..validation import (as_number, check_activation, check_beta, check_choice, check_count, check_keep_prob,
                         check_lambd, check_nonnegative, check_positive, checked, describe)

DATASETS = {"moons": datasets.make_moons, "circles": datasets.make_circles, "spirals": datasets.make_spirals,
            "xor": datasets.make_xor, "blobs": datasets.make_blobs}
# The input features, each a function of the two coordinates (rows of the 2-D data).
FEATURES = {"x1": lambda x1, x2: x1, "x2": lambda x1, x2: x2, "x1²": lambda x1, x2: x1 * x1,
            "x2²": lambda x1, x2: x2 * x2, "x1·x2": lambda x1, x2: x1 * x2,
            "sin x1": lambda x1, x2: np.sin(x1), "sin x2": lambda x1, x2: np.sin(x2)}
PACKAGE_STEPS = {"L_model_forward": L_model_forward, "compute_cost": compute_cost,
                 "L_model_backward": L_model_backward, "update_parameters": update_parameters}
# Where each step's input comes from, to point at the learner's function when a package step chokes on it.
INPUT_FROM = {"compute_cost": "L_model_forward", "L_model_backward": "L_model_forward",
              "update_parameters": "L_model_backward", "L_model_forward": "update_parameters"}

# Which settings start the network again (the data it sees or its shape change) and which continue from the
# current weights (how it learns).
DATA_SETTINGS = ("dataset", "noise", "test_fraction", "m", "data_seed", "features")
NETWORK_SETTINGS = ("hidden_layers", "hidden_activation", "initialization", "seed")
TRAINING_SETTINGS = ("learning_rate", "decay", "decay_rate", "time_interval", "lambd", "keep_prob", "optimizer",
                     "mini_batch_size", "beta1", "beta2", "epsilon", "record_every")
DEFAULTS = {"dataset": "moons", "noise": 0.2, "test_fraction": 0.3, "m": 300, "data_seed": 0,
            "features": ("x1", "x2"), "hidden_layers": (8, 8), "hidden_activation": "relu", "initialization": "he",
            "seed": 0, "learning_rate": 0.3, "decay": None, "decay_rate": 0.01, "time_interval": 100,
            "lambd": 0.0, "keep_prob": 1.0, "optimizer": "gd", "mini_batch_size": None, "beta1": 0.9,
            "beta2": 0.999, "epsilon": 1e-8, "record_every": 1}
MAX_LAYERS, MAX_UNITS = 8, 256


# --- the settings, each checked with a teaching message ---------------------------------------------------------

def _in_range(value, name, low, high, low_open=False, meaning=""):
    """A number (``as_number``) inside the range that the playground's slider spans, low to high."""
    value = as_number(value, name)
    too_low = value <= low if low_open else value < low
    if not np.isfinite(value) or too_low or value > high:
        raise ValueError(f"{name}{meaning} must be {'above' if low_open else 'at least'} {low:g} and at most "
                         f"{high:g}; got {value:g}")
    return value


def _count_up_to(value, name, low, high):
    """A whole number (``check_count``) from low to high."""
    value = check_count(value, name, minimum=low)
    if value > high:
        raise ValueError(f"{name} must be at most {high}; got {value}")
    return value


def parse_hidden_layers(text):
    """"8, 4" -> [8, 4], the sizes of the hidden layers; "" -> [] (no hidden layer: logistic regression).

    Also takes a list or tuple of whole numbers, e.g. (8, 4).
    """
    if not isinstance(text, str):
        if not isinstance(text, (list, tuple, np.ndarray)) or (isinstance(text, np.ndarray) and text.ndim != 1):
            raise TypeError(f"hidden_layers must be a text such as \"8, 4\" or a list of sizes such as [8, 4]; "
                            f"got {describe(text)}")
        for part in text:
            if isinstance(part, bool) or not isinstance(part, (int, np.integer)):
                raise TypeError(f"hidden_layers must list whole numbers of units such as [8, 4]; got {describe(part)} "
                                f"in {describe(text)}")
        return parse_hidden_layers(", ".join(str(int(part)) for part in text))
    sizes = []
    for part in text.replace(";", ",").split(","):
        part = part.strip()
        if not part:
            continue
        if not (part.isascii() and part.isdigit()) or int(part[:6]) < 1:
            raise ValueError(f"hidden layer sizes must be whole numbers of at least 1, written with the digits 0-9 "
                             f"and separated by commas (e.g. 8, 4); got {describe(part)}")
        if len(part) > 6:   # int() of thousands of digits is slow, then refused: the size is far too large anyway
            raise ValueError(f"the playground takes at most {MAX_LAYERS} hidden layers of at most {MAX_UNITS} units "
                             f"each; got a layer of {len(part)} digits")
        sizes.append(int(part))
    if len(sizes) > MAX_LAYERS or any(size > MAX_UNITS for size in sizes):
        raise ValueError(f"the playground takes at most {MAX_LAYERS} hidden layers of at most {MAX_UNITS} units each")
    return sizes


def parse_features(features):
    """The input features, checked, in the order of FEATURES: ("x1²", "x1") -> ("x1", "x1²")."""
    if isinstance(features, str):
        features = [features]
    if not isinstance(features, (list, tuple, set, frozenset)) or not all(isinstance(f, str) for f in features):
        raise TypeError(f"features must be a feature name or a list of them, e.g. (\"x1\", \"x2\"), from "
                        f"{', '.join(FEATURES)}; got {describe(features)}")
    features = list(features)
    unknown = [name for name in features if name not in FEATURES]
    if unknown:
        raise ValueError(f"unknown feature(s) {', '.join(map(repr, unknown))}; the features are "
                         f"{', '.join(FEATURES)}")
    if not features:
        raise ValueError("choose at least one input feature (x1 and x2 are the usual two)")
    return tuple(name for name in FEATURES if name in features)


def check_setting(name, value):
    """The value of one setting, checked (and normalized: "8, 4" -> (8, 4)); a teaching error if it is wrong."""
    if name == "dataset":
        return check_choice(value, DATASETS, "dataset")
    if name == "noise":
        return _in_range(value, "noise", 0, 2, meaning=", the spread of the points around their shape,")
    if name == "test_fraction":
        return _in_range(value, "test_fraction", 0.05, 0.9, meaning=", the share of the points kept for testing,")
    if name == "m":
        return _count_up_to(value, "m", 20, 5000)
    if name in ("seed", "data_seed"):
        return check_count(value, name)
    if name == "features":
        return parse_features(value)
    if name == "hidden_layers":
        return tuple(parse_hidden_layers(value))
    if name == "hidden_activation":
        return check_activation(value, "hidden_activation")
    if name == "initialization":
        return check_choice(value, INITIALIZATION_METHODS, "initialization")
    if name in ("learning_rate", "epsilon"):
        return check_positive(value, name)
    if name == "decay":
        return check_choice(value, DECAYS, "decay", allow_none=True)
    if name == "decay_rate":
        return check_nonnegative(value, "decay_rate", " (0 means no decay)")
    if name == "time_interval":
        return check_count(value, "time_interval", minimum=1)
    if name == "lambd":
        return check_lambd(value)
    if name == "keep_prob":
        return check_keep_prob(value)
    if name == "optimizer":
        return check_optimizer(value)
    if name == "mini_batch_size":
        return check_mini_batch_size(value)
    if name in ("beta1", "beta2"):
        return check_beta(value, name)
    if name == "record_every":
        if isinstance(value, bool) or not isinstance(value, (int, np.integer)) or value < 1:
            raise ValueError(f"record_every is how many epochs apart the history records the costs: a whole "
                             f"number of at least 1 (1: every epoch); got {value!r}")
        return int(value)
    raise TypeError(f"unknown setting {name!r}; the settings are {', '.join(DEFAULTS)}, and your own step "
                    f"functions can be passed as {', '.join(PACKAGE_STEPS)}")


# --- data -----------------------------------------------------------------------------------------------------

def expand_features(X, features):
    """The rows of the chosen features of points X (2, m): returns (len(features), m), in the order given."""
    x1, x2 = X[0], X[1]
    return np.vstack([FEATURES[name](x1, x2) for name in features])


def make_data(dataset="moons", noise=0.2, test_fraction=0.3, m=300, seed=0):
    """A generated 2-D set, shuffled and split: returns X_train (2, m_train), Y_train, X_test, Y_test (floats)."""
    dataset = check_setting("dataset", dataset)
    X, Y = DATASETS[dataset](m=m, noise=noise, seed=seed)
    X_train, Y_train, X_test, Y_test = datasets.train_test_split(X, Y, test_fraction=test_fraction, seed=seed)
    return X_train, Y_train.astype(float), X_test, Y_test.astype(float)


# --- the learner's functions ----------------------------------------------------------------------------------

def whose(function, name):
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


def running_line(steps, keep_prob=1.0, optimizer="gd"):
    """"Running: your L_model_forward, dnn_helpers.compute_cost, ..." for the functions that really run."""
    names = []
    for name in PACKAGE_STEPS:
        if keep_prob < 1 and name in ("L_model_forward", "L_model_backward"):
            names.append(f"dnn_helpers.{name}_with_dropout")
        elif optimizer != "gd" and name == "update_parameters":
            names.append(f"dnn_helpers.update_parameters_with_{optimizer}")
        else:
            names.append(whose(steps[name], name))
    return "Running: " + ", ".join(names)


def check_diagnosis(function, name):
    """``dh.check``'s one line about a learner's function (e.g. "✗ compute_cost: ..."), or None when there is no
    check for it (no exercise of that name)."""
    try:
        with contextlib.redirect_stdout(io.StringIO()):
            result = check(function, name)
    except Exception:  # noqa: BLE001 - a diagnosis is a bonus: never let it break the playground
        return None
    message = str(getattr(result, "message", "")).strip()
    if "there is no check" in message or not message:
        return None
    return message.splitlines()[0]


def first_not_finite(values):
    """The first entry ("dW2", ...) of a dict whose value is a numeric array holding NaN or inf, e.g. "dW2", or
    None (entries that are not numeric arrays are left for the package's checks to name)."""
    for key, value in values.items():
        value = np.asarray(value) if isinstance(value, (np.ndarray, np.generic, float, int)) else None
        if value is not None and value.dtype.kind in "fc" and not np.isfinite(value).all():
            return key
    return None


def one_at_a_time(method):
    """Run ``method`` holding the engine's lock: a setting changed from one thread (JupyterLab sends widget
    messages to a kernel subshell, a thread of its own) waits for the epoch another thread is training."""
    @functools.wraps(method)
    def locked(self, *args, **kwargs):
        with self.lock:
            return method(self, *args, **kwargs)
    return locked


@checked()
def train_epoch_unchecked(steps, X, Y, parameters, state, learning_rate, mini_batch_size, shuffle_rng):
    """``training.train_epoch`` as one checked call: the package's steps inside it run their bodies without
    checking their inputs again (the engine made them). Not for the learner's steps, whose calls of package
    functions must keep their teaching errors."""
    return train_epoch(steps, X, Y, parameters, state, learning_rate, mini_batch_size, shuffle_rng)


class StepFailed(Exception):
    """A step function raised or returned something unusable; str() is one short line for the learner."""


# --- the engine -----------------------------------------------------------------------------------------------

class Playground:
    """Training state of one network on one data set; ``train(n)`` runs n more epochs.

    Settings (all keyword arguments; see DEFAULTS): the data (dataset, noise, test_fraction, m, data_seed,
    features), the network (hidden_layers, hidden_activation, initialization, seed: of the weights, the
    shuffles and the dropout masks) and the training (learning_rate, decay, decay_rate, time_interval, lambd,
    keep_prob, optimizer, mini_batch_size, beta1, beta2, epsilon, record_every). ``set(**settings)`` changes
    them: a training setting continues from the current weights, any other starts again.

    history, one entry every ``record_every`` epochs (lists): "epoch"; "cost", the epoch's cost as
    ``improved_model`` reports it (mean over its mini-batches, with the L2 term, through the dropout masks);
    "train_cost" and "test_cost", the cross-entropy of the whole train and test sets at the start of the
    epoch; "grad_norms", ||dW[l]|| of each layer at the epoch's last update; "learning_rate", the epoch's.
    """

    def __init__(self, dataset="moons", noise=0.2, test_fraction=0.3, hidden_layers=(8, 8),
                 hidden_activation="relu", initialization="he", learning_rate=0.3, **settings):
        steps = {name: settings.pop(name) for name in list(settings) if name in PACKAGE_STEPS}
        self.steps = resolve_steps(steps)
        given = dict(dataset=dataset, noise=noise, test_fraction=test_fraction, hidden_layers=hidden_layers,
                     hidden_activation=hidden_activation, initialization=initialization,
                     learning_rate=learning_rate, **settings)
        self.settings = {name: check_setting(name, given.get(name, default)) for name, default in DEFAULTS.items()}
        for name in given:
            check_setting(name, given[name])  # an unknown name raises
        self._diagnoses = {}
        self.lock = threading.RLock()   # one_at_a_time: a reset never lands in the middle of an epoch
        self._make_data()
        self.reset()

    def __getattr__(self, name):  # engine.learning_rate, engine.dataset, ...: the settings, read-only
        settings = self.__dict__.get("settings", {})
        if name in settings:
            return settings[name]
        raise AttributeError(f"{type(self).__name__} has no attribute {name!r}")

    # -- settings

    @one_at_a_time
    def set(self, **changes):
        """Change settings. Returns "continue" (training settings only: the weights stay) or "reset" (the data
        or the network changed: new data if asked, fresh weights, epoch 0). Nothing changes if one is wrong."""
        checked = {name: check_setting(name, value) for name, value in changes.items()}
        changed = {name: value for name, value in checked.items() if value != self.settings[name]}
        if not changed:
            return "unchanged"
        old_optimizer = self.settings["optimizer"]
        self.settings.update(changed)
        if any(name in DATA_SETTINGS for name in changed):
            self._make_data()
        if any(name in DATA_SETTINGS or name in NETWORK_SETTINGS for name in changed):
            self.reset()
            return "reset"
        if self.settings["optimizer"] != old_optimizer:
            # a new optimizer starts its own averages from zero, from the current weights
            self.optimizer_state = initialize_optimizer(self.weights, self.settings["optimizer"])
        self.error = None  # e.g. a smaller learning rate after a divergence: try again from where it stopped
        return "continue"

    def _make_data(self):
        s = self.settings
        self.points_train, self.Y_train, self.points_test, self.Y_test = make_data(
            s["dataset"], s["noise"], s["test_fraction"], s["m"], s["data_seed"])
        self.X_train = expand_features(self.points_train, s["features"])
        self.X_test = expand_features(self.points_test, s["features"])

    @property
    def layers_dims(self):
        return [len(self.settings["features"]), *self.settings["hidden_layers"], 1]

    @property
    def parameters(self):
        """The network being trained, W1, b1, ..., WL, bL, as ``Parameters`` that know their hidden activation
        (a tanh network holds "hidden_activation": "tanh"), so that it predicts, saves and copies as trained. The
        step functions get the plain arrays (``weights``), as in the notebooks."""
        return Parameters(self.weights, self.settings["hidden_activation"])

    @one_at_a_time
    def reset(self):
        """Start again from freshly initialized weights (same seed, same numbers), epoch 0, no history."""
        s = self.settings
        self.weights = initialize_parameters_deep(self.layers_dims, seed=s["seed"], method=s["initialization"])
        self.optimizer_state = initialize_optimizer(self.weights, s["optimizer"])
        shuffle_seed, dropout_seed = np.random.SeedSequence(s["seed"]).spawn(2)
        self._shuffle_rng, self._dropout_rng = np.random.default_rng(shuffle_seed), np.random.default_rng(dropout_seed)
        self.epoch, self.updates = 0, 0
        self.history = {"epoch": [], "cost": [], "train_cost": [], "test_cost": [], "grad_norms": [],
                        "learning_rate": []}
        self.error = None
        self.last_grads = None

    @property
    def running(self):
        return running_line(self.steps, self.settings["keep_prob"], self.settings["optimizer"])

    @property
    def learners_steps(self):
        """The names of the steps that are the learner's own functions."""
        return [name for name, function in self.steps.items() if function is not PACKAGE_STEPS[name]]

    def diagnosis(self, name):
        """``dh.check``'s line about the learner's function ``name`` (cached), or None."""
        if name not in self._diagnoses:
            self._diagnoses[name] = check_diagnosis(self.steps[name], name)
        return self._diagnoses[name]

    # -- one step function, called with its failures turned into one line

    def _fail(self, name, message):
        """StepFailed with the message and, for the learner's function, dh.check's diagnosis if it has one."""
        if self.steps[name] is not PACKAGE_STEPS[name]:
            diagnosis = self.diagnosis(name)
            if diagnosis and diagnosis.startswith("✗"):
                message += f". dh.check says: {diagnosis}"
        return StepFailed(message)

    def _diverged(self, detail):
        """StepFailed naming the cause the numbers point at: λ, the learning rate, or (before any update) the
        learner's functions or the data."""
        s, m = self.settings, self.X_train.shape[1]
        rate, lambd = s["learning_rate"], s["lambd"]
        if self.updates == 0:
            mine = self.learners_steps
            look = (f"look at your {', '.join(mine)}" if mine else "the data or the first weights are too large")
            return StepFailed(f"The numbers blew up at epoch 0, before the first update, so the learning rate is "
                              f"not the cause: {look} ({detail}).")
        if rate * lambd / m > 1:
            return StepFailed(f"Training diverged at epoch {self.epoch}: {detail}. lambd = {lambd:g} is too large "
                              f"for the learning rate {rate:g}: each step multiplies the weights by 1 - "
                              f"learning_rate * lambd / m = {1 - rate * lambd / m:.3g}, which overshoots zero and "
                              f"grows; try a lambd below {m / rate:.3g}.")
        return StepFailed(f"Training diverged at epoch {self.epoch}: {detail}. The learning rate {rate:g} is too "
                          f"large for this network and data; try one 3 to 10 times smaller.")

    def _package_result(self, name, args):
        """What the package's own step gives for the same inputs (None if it fails too): the yardstick that says
        whether a learner's function or the training is to blame."""
        try:
            with np.errstate(over="raise", invalid="raise", divide="raise"):
                return PACKAGE_STEPS[name](*args)
        except Exception:  # noqa: BLE001 - the package's step failing too means the inputs are to blame
            return None

    def _learners_fault(self, name, args, finite):
        """True if ``name`` is the learner's function and the package's step, on the same inputs, gives a result
        that ``finite`` accepts."""
        if self.steps[name] is PACKAGE_STEPS[name]:
            return False
        result = self._package_result(name, args)
        return result is not None and finite(result)

    def _call(self, name, *args):
        function = self.steps[name]
        try:
            return function(*args)
        except FloatingPointError as err:
            if self._learners_fault(name, args, lambda result: True):
                raise self._fail(name, f"your {name} hit a floating-point error ({err}) on inputs that "
                                       f"dnn_helpers.{name} computes without one") from None
            raise self._diverged(f"{err} in {whose(function, name)}") from None
        except Exception as err:  # noqa: BLE001 - a learner's function may raise anything; report it briefly
            message = f"{whose(function, name)} raised {type(err).__name__}: {err}"
            source = INPUT_FROM[name]
            if function is PACKAGE_STEPS[name] and self.steps[source] is not PACKAGE_STEPS[source]:
                message += f" (its input came from your {source})"
                raise self._fail(source, message) from None
            raise self._fail(name, message) from None

    def _forward(self, X, parameters=None):
        parameters = self.weights if parameters is None else parameters
        result = self._call("L_model_forward", X, parameters, self.settings["hidden_activation"])
        who = whose(self.steps["L_model_forward"], "L_model_forward")
        if not (isinstance(result, tuple) and len(result) == 2):
            raise self._fail("L_model_forward", f"{who} returned {type(result).__name__}, not the pair (AL, caches)")
        AL, caches = result
        if np.shape(AL) != (1, X.shape[1]):
            raise self._fail("L_model_forward", f"{who} returned AL of shape {np.shape(AL)}; expected (1, m) = "
                                                f"(1, {X.shape[1]})")
        return np.asarray(AL), caches

    def _cost(self, AL, Y, caches=None):
        if caches is not None and all(self.steps[name] is PACKAGE_STEPS[name]
                                      for name in ("L_model_forward", "compute_cost")):
            return output_cost(caches, Y)   # the package's cost from the logits: the true loss at any saturation
        cost = self._call("compute_cost", AL, Y)
        who = whose(self.steps["compute_cost"], "compute_cost")
        if cost is None:
            raise self._fail("compute_cost", f"{who} returned None; it must return the cost, one number "
                                             f"(is `return cost` missing?)")
        shape = np.shape(cost)
        if shape == (1, 1) or shape == (1,):
            raise self._fail("compute_cost", f"{who} returned an array of shape {shape}; the cost is one number: "
                                             f"return np.squeeze(cost) or float(cost)")
        if shape != ():
            raise self._fail("compute_cost", f"{who} returned an array of shape {shape}; the cost is one number, "
                                             f"the mean of the m losses (np.mean, or np.sum(...) / m)")
        if isinstance(cost, (bool, np.bool_)) or not isinstance(cost, (int, float, np.number, np.ndarray)):
            raise self._fail("compute_cost", f"{who} returned {type(cost).__name__} {cost!r}; it must return "
                                             f"the cost, one number")
        try:
            cost = float(cost)
        except (TypeError, ValueError):
            raise self._fail("compute_cost", f"{who} returned {cost!r}, which is not a number") from None
        if not np.isfinite(cost):
            if self._learners_fault("compute_cost", (AL, Y), lambda result: np.isfinite(result)):
                raise self._fail("compute_cost", f"{who} returned {cost} where dnn_helpers.compute_cost gives a "
                                                 f"finite cost for the same AL and Y (a log(0)? keep AL inside "
                                                 f"[eps, 1 - eps] with np.clip)")
            raise self._diverged(f"the cost is {cost}")
        return cost

    def _finite_result(self, name, result, args):
        """Raise if the learner's step ``name`` returned a dict holding NaN or inf where the package's step, on the
        same inputs, gives finite numbers (its fault); then training diverged (the inputs' fault)."""
        bad = first_not_finite(result)
        if bad is None:
            return
        who = whose(self.steps[name], name)
        if self._learners_fault(name, args, lambda package: first_not_finite(package) is None):
            raise self._fail(name, f"{who} returned {bad} holding NaN or inf, where dnn_helpers.{name} gives finite "
                                   f"numbers for the same inputs")
        raise self._diverged(f"{who} returned {bad} holding NaN or inf")

    def _whole_set_cost(self, X, Y):
        AL, caches = self._forward(X)
        return self._cost(AL, Y, caches)

    # -- training

    def _steps(self):
        """The four steps of an update (``training.Steps``) under the current settings: the package's, with the
        improvements switched on; any step that is the learner's own goes through ``_call`` and its checks. Each
        update is kept at once (weights, optimizer state, grads), so that a failure later in the epoch leaves the
        last good weights."""
        s = self.settings
        activation, lambd, keep_prob = s["hidden_activation"], s["lambd"], s["keep_prob"]
        steps = package_steps(activation, m=self.X_train.shape[1], lambd=lambd, keep_prob=keep_prob,
                              dropout_rng=self._dropout_rng, optimizer=s["optimizer"], beta1=s["beta1"],
                              beta2=s["beta2"], epsilon=s["epsilon"])
        learners = self.learners_steps
        if learners:
            steps = steps._replace(cost=self._learners_cost(steps.cost),
                                   update=self._learners_update(steps.update))
            if keep_prob == 1:   # dropout runs the package's own dropout steps in place of forward and backward
                steps = steps._replace(forward=lambda X, parameters: self._forward(X, parameters),
                                       backward=self._learners_backward(steps.backward))
        else:
            steps = steps._replace(cost=self._finite_cost(steps.cost))
        update = steps.update

        def update_and_keep(parameters, grads, state, learning_rate):
            self.weights, self.optimizer_state = update(parameters, grads, state, learning_rate)
            self.last_grads = grads
            self.updates += 1
            return self.weights, self.optimizer_state
        return steps._replace(update=update_and_keep)

    def _finite_cost(self, cost_step):
        def cost(AL, Y, caches, parameters):
            value = float(cost_step(AL, Y, caches, parameters))
            if not np.isfinite(value):
                raise self._diverged(f"the cost is {value}")
            return value
        return cost

    def _learners_cost(self, cost_step):
        """The cost through ``_cost`` (the learner's compute_cost, checked), plus the package's L2 term."""
        lambd, m = self.settings["lambd"], self.X_train.shape[1]

        def cost(AL, Y, caches, parameters):
            value = self._cost(AL, Y, caches)
            if lambd > 0:
                value += l2_regularization_cost(parameters, lambd, m)
            return value
        return cost

    def _learners_backward(self, backward_step):
        """The learner's L_model_backward (or the package's), checked, plus the package's L2 gradients."""
        s = self.settings
        activation, lambd, m = s["hidden_activation"], s["lambd"], self.X_train.shape[1]

        def backward(AL, Y, caches, parameters):
            grads = self._call("L_model_backward", AL, Y, caches, activation)
            if not isinstance(grads, dict):
                who = whose(self.steps["L_model_backward"], "L_model_backward")
                raise self._fail("L_model_backward", f"{who} returned {type(grads).__name__}, not the dict "
                                                     f"of gradients")
            self._finite_result("L_model_backward", grads, (AL, Y, caches, activation))
            if lambd > 0:
                grads = add_l2_gradients(grads, parameters, lambd, m)
            return grads
        return backward

    def _learners_update(self, package_step):
        """The learner's update_parameters for gradient descent; for the other optimizers the package's update,
        whose complaint about the grads points at the learner's L_model_backward."""
        s = self.settings

        def update_parameters(parameters, grads, state, learning_rate):
            new = self._call("update_parameters", parameters, grads, learning_rate)
            if not isinstance(new, dict):
                raise self._fail("update_parameters", f"your update_parameters returned {type(new).__name__}"
                                                      f", not the dict of parameters")
            self._finite_result("update_parameters", new, (parameters, grads, learning_rate))
            return new, state

        def package_update(parameters, grads, state, learning_rate):
            try:
                return package_step(parameters, grads, state, learning_rate)
            except (ValueError, TypeError) as err:
                message = f"dnn_helpers.update_parameters_with_{s['optimizer']} raised {type(err).__name__}: {err}"
                if "L_model_backward" in self.learners_steps and s["keep_prob"] == 1:
                    message += " (its input came from your L_model_backward)"
                    raise self._fail("L_model_backward", message) from None
                raise StepFailed(message) from None
        return update_parameters if s["optimizer"] == "gd" else package_update

    def _epoch(self):
        s = self.settings
        rate = decayed_learning_rate(s["learning_rate"], self.epoch, s["decay"], s["decay_rate"], s["time_interval"])
        record = self.epoch % s["record_every"] == 0
        if record:
            test_cost = self._whole_set_cost(self.X_test, self.Y_test)
            plain = s["mini_batch_size"] is None and s["keep_prob"] == 1 and s["lambd"] == 0
            train_cost = None if plain else self._whole_set_cost(self.X_train, self.Y_train)
        # one epoch of the training loop, as improved_model runs it (the update step keeps each update); the
        # package's own steps on the engine's own arrays run unchecked, as inside improved_model
        run_epoch = train_epoch if self.learners_steps else train_epoch_unchecked
        *_, epoch_cost, _ = run_epoch(self._steps(), self.X_train, self.Y_train, self.weights,
                                      self.optimizer_state, rate, s["mini_batch_size"], self._shuffle_rng)
        if record:
            norms = [float(np.linalg.norm(self.last_grads[f"dW{l}"])) for l in range(1, len(self.layers_dims))]
            for key, value in (("epoch", self.epoch), ("cost", epoch_cost),
                               ("train_cost", epoch_cost if train_cost is None else train_cost),
                               ("test_cost", test_cost), ("grad_norms", norms), ("learning_rate", rate)):
                self.history[key].append(value)
        self.epoch += 1

    @one_at_a_time
    def train(self, epochs=1):
        """Run ``epochs`` more epochs. Returns True, or False with ``error`` set if a step failed (then training
        stays stopped until a reset or a change of a training setting)."""
        epochs = _count_up_to(epochs, "epochs", 0, 10_000_000)
        if self.error is not None:
            return False
        try:
            with np.errstate(over="raise", invalid="raise", divide="raise"):
                for _ in range(epochs):
                    self._epoch()
        except StepFailed as err:
            self.error = str(err)
            return False
        except FloatingPointError as err:
            self.error = str(self._diverged(str(err)))
            return False
        except (ValueError, TypeError) as err:  # a package step refused what the learner's step gave it
            who = ", ".join(f"your {name}" for name in self.learners_steps)
            self.error = f"{type(err).__name__}: {err}" + (f" (with {who})" if who else "")
            return False
        return True

    # -- what to show

    @one_at_a_time
    def evaluate(self):
        """{"train_cost", "test_cost", "train_accuracy", "test_accuracy"} of the current parameters."""
        result = {}
        with np.errstate(over="raise", invalid="raise", divide="raise"):
            for split, X, Y in (("train", self.X_train, self.Y_train), ("test", self.X_test, self.Y_test)):
                AL, caches = self._forward(X)
                result[f"{split}_cost"] = self._cost(AL, Y, caches)
                result[f"{split}_accuracy"] = float(np.mean(output_layer_for(1).predict(AL) == Y))
        return result

    @one_at_a_time
    def summary(self):
        """One line: the epoch and the current costs and accuracies (or the error)."""
        if self.error is not None:
            return self.error
        try:
            r = self.evaluate()
        except (StepFailed, FloatingPointError) as err:
            return str(err)
        return (f"epoch {self.epoch} · train cost {r['train_cost']:.3f} · test cost {r['test_cost']:.3f}"
                f" · train accuracy {100 * r['train_accuracy']:.0f}% · test accuracy {100 * r['test_accuracy']:.0f}%")

    def plane(self, resolution=50, margin=0.5):
        """x1 (n, n), x2 (n, n) for n = resolution (2 to 1000): a grid over the data's range (both splits) plus
        a margin (a number from 0 to 100)."""
        resolution = _count_up_to(resolution, "resolution, the number of grid points along each axis,", 2, 1000)
        margin = _in_range(margin, "margin", 0, 100, meaning=", the space added around the data,")
        points = np.hstack([self.points_train, self.points_test])
        lo, hi = points.min(axis=1) - margin, points.max(axis=1) + margin
        return np.meshgrid(np.linspace(lo[0], hi[0], resolution), np.linspace(lo[1], hi[1], resolution))

    @one_at_a_time
    def grid(self, resolution=50, margin=0.5):
        """x1, x2 (n, n) over the data's range and the network's probability P(y = 1) at each point (the step
        forward, so the learner's own if given)."""
        x1, x2 = self.plane(resolution, margin)
        X = expand_features(np.vstack([x1.ravel(), x2.ravel()]), self.settings["features"])
        with np.errstate(over="raise", invalid="raise", divide="raise"):
            AL, _ = self._forward(X)
        return x1, x2, AL.reshape(x1.shape)

    @one_at_a_time
    def unit_outputs(self, resolution=24, margin=0.5):
        """What every unit computes over the input plane: a list, input features first, then each layer's
        outputs A[l], each (n[l], resolution, resolution); the last is the output P(y = 1)."""
        x1, x2 = self.plane(resolution, margin)
        A = expand_features(np.vstack([x1.ravel(), x2.ravel()]), self.settings["features"])
        return [layer.reshape(-1, *x1.shape) for layer in self.layer_outputs(A)]

    def layer_outputs(self, X):
        """[X, A[1], ..., A[L]] for inputs X (n_x, m), with the package's steps (no dropout)."""
        L = len(self.layers_dims) - 1
        layers = [X]
        with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
            for l in range(1, L):
                A, _ = linear_activation_forward(layers[-1], self.weights[f"W{l}"], self.weights[f"b{l}"],
                                                 self.settings["hidden_activation"])
                layers.append(A)
            Z, _ = linear_forward(layers[-1], self.weights[f"W{L}"], self.weights[f"b{L}"])
            layers.append(output_layer_for(Z.shape[0]).forward(Z)[0])   # the output layer's own piece
        return layers

    @one_at_a_time
    def dead_units(self):
        """For each hidden layer, a boolean array (n[l],): True where the unit gives the same output for every
        training example (a dead ReLU unit gives 0): it passes no information, and no gradient, on."""
        hidden = self.layer_outputs(self.X_train)[1:-1]
        return [np.ptp(A, axis=1) == 0 for A in hidden]
