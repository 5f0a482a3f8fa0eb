"""Step 2b (notebook 02): forward propagation, [LINEAR -> RELU] x (L-1) -> LINEAR -> SIGMOID.

Every step returns a cache that its backward twin in ``backward`` needs:
linear cache (A_prev, W, b); activation cache Z; together (linear_cache, Z) for one layer.
The last layer is the output kind of ``output_layer`` (sigmoid for one output unit, softmax for K >= 2).
The bodies are notebook 02's text; their input checks are applied from outside (``validation.checked``), once per
outer call.
"""

from collections.abc import Mapping

import numpy as np

from .activations import ACTIVATIONS
from .output_layer import OUTPUT_LAYERS, output_layer_for
from .validation import (ACTIVATION_KEY, as_matrix, as_parameters, check_activation, check_choice, check_finite,
                         check_finite_parameters, check_X_fits, checked, describe)



class LayerFunctions(Mapping):
    """name -> function for every activation a layer can have: the hidden ones of ``activations.ACTIVATIONS``
    (read at each lookup, so that a new entry there is one here too), then the output layer's kinds.
    ``pick(name, entry)`` gives the function of a table entry: its forward here, its backward in ``backward``."""

    def __init__(self, pick):
        self.pick = pick

    def __getitem__(self, name):
        entry = ACTIVATIONS.get(name) or OUTPUT_LAYERS[name]
        return self.pick(name, entry)

    def __iter__(self):
        return iter({**ACTIVATIONS, **OUTPUT_LAYERS})

    def __len__(self):
        return len({**ACTIVATIONS, **OUTPUT_LAYERS})


FORWARD = LayerFunctions(lambda name, entry: entry.forward)   # notebook 02 writes {"relu": relu, ...} by hand


def check_linear_inputs(A, W, b, A_name="A"):
    """Check that W (n[l], n[l-1]), A (n[l-1], m) and b (n[l], 1) fit together; return them as arrays."""
    A, W = as_matrix(A, A_name), as_matrix(W, "W")
    if getattr(b, "ndim", None) == 1:
        raise ValueError(f"b has shape {b.shape}, but it must be a column (n[l], 1) = ({W.shape[0]}, 1); "
                         f"a 1-D b would broadcast the wrong way: use b.reshape(-1, 1)")
    b = as_matrix(b, "b")
    if W.shape[1] != A.shape[0]:
        raise ValueError(f"W has shape {W.shape}, so it expects {A_name} with n[l-1] = {W.shape[1]} rows, "
                         f"but {A_name} has shape {A.shape}; {A_name} must be (n[l-1], m), one column per example")
    if b.shape != (W.shape[0], 1):
        raise ValueError(f"b has shape {b.shape}, but W has {W.shape[0]} rows, so b must be (n[l], 1) = "
                         f"({W.shape[0]}, 1), one bias per unit of the layer")
    return A, W, b


def _check_linear(args):
    args["A"], args["W"], args["b"] = check_linear_inputs(args["A"], args["W"], args["b"])


@checked(_check_linear)
def linear_forward(A, W, b):
    """Z = W A + b. Taught in notebooks/02_forward_propagation.ipynb.

    A: (n[l-1], m) activations of the previous layer; W: (n[l], n[l-1]); b: (n[l], 1).
    Returns Z (n[l], m) and the cache (A, W, b).
    """
    Z = W @ A + b
    cache = (A, W, b)
    return Z, cache


def _check_layer(args):
    check_choice(args["activation"], FORWARD, "activation")
    args["A_prev"], args["W"], args["b"] = check_linear_inputs(args["A_prev"], args["W"], args["b"], "A_prev")


@checked(_check_layer)
def linear_activation_forward(A_prev, W, b, activation):
    """A = g(W A_prev + b) for g = "relu", "sigmoid", "tanh", "leaky_relu" or "softmax" (``FORWARD``).

    Taught in notebooks/02_forward_propagation.ipynb.
    A_prev: (n[l-1], m); W: (n[l], n[l-1]); b: (n[l], 1).
    Returns A (n[l], m) and the cache (linear_cache, Z) with linear_cache = (A_prev, W, b).
    """
    Z, linear_cache = linear_forward(A_prev, W, b)
    A, activation_cache = FORWARD[activation](Z)
    cache = (linear_cache, activation_cache)
    return A, cache


def output_activation(parameters):
    """The last layer's activation, read from its number of units n[L]: "sigmoid" for one, "softmax" for K >= 2.

    Given in notebooks/02_forward_propagation.ipynb (which has one output unit; notebook 15 has ten).
    """
    L = len(parameters) // 2
    return output_layer_for(parameters[f"W{L}"].shape[0]).name


def _check_network(args):
    args["hidden_activation"] = hidden_activation_of(args["parameters"], asked_activation(args))
    args["parameters"], _ = as_parameters(args["parameters"])   # nested lists and int arrays converted once
    args["X"] = X = as_matrix(args["X"], "X")
    W1 = args["parameters"]["W1"]
    check_X_fits(X, W1.shape[1], f"n_x, the number of columns of W1 {W1.shape},")


def _finite_output(result, args, given):
    AL, caches = result    # AL and Z[L] (n[L], m): a cheap look; a NaN or an overflow never leaves without a word
    if not (np.isfinite(AL).all() and np.isfinite(caches[-1][1]).all()):
        raise not_finite_error(args["X"], args["parameters"])
    return result


@checked(_check_network, after=_finite_output, quiet=True)
def L_model_forward(X, parameters, hidden_activation="relu"):
    """Forward pass of an L-layer network: [LINEAR -> hidden_activation] x (L-1) -> LINEAR -> SIGMOID.

    Taught in notebooks/02_forward_propagation.ipynb.
    X: (n_x, m), one column per example; parameters: {"W1", "b1", ..., "WL", "bL"} (and the name of the hidden
    activation under "hidden_activation" for a trained or loaded network, see ``Parameters``).
    hidden_activation: left out, the one the parameters record, else "relu"; giving another than they record is
    refused. With K >= 2 output units the last layer is a softmax instead (``output_activation``, notebook 15).
    Returns AL (n[L], m), the predicted probabilities ((1, m) for one output unit), and caches, a list of
    L caches (one per layer, caches[l-1] for layer l). NaN or inf in the output is a teaching error.
    """
    L = len(parameters) // 2
    A = X
    caches = []
    for l in range(1, L + 1):
        activation = hidden_activation if l < L else output_activation(parameters)
        A, cache = linear_activation_forward(A, parameters[f"W{l}"], parameters[f"b{l}"], activation)
        caches.append(cache)
    return A, caches


def not_finite_error(X, parameters):
    """The teaching error for a forward pass whose output holds NaN or inf: it names the input that holds one."""
    try:
        check_finite(X, "X")
        check_finite_parameters(parameters)
    except ValueError as err:
        return ValueError(f"the output AL holds NaN: {err}")
    return ValueError("the output AL holds NaN or comes from an infinite Z[L]: the numbers overflowed on the way "
                      "through the layers (inputs or weights far too large?); standardize X, or train again with a "
                      "smaller learning_rate")


# --- the network and its hidden activation ------------------------------------------------------------------------
#
# A trained network is more than its arrays: a tanh network run with ReLU gives wrong answers without a word.
# ReLU is the course's default: a dict of W1, b1, ..., WL, bL alone is a ReLU network. A network with another
# hidden activation says so in the dict itself, parameters["hidden_activation"] = "tanh" (validation.ACTIVATION_KEY),
# so that every copy keeps it: p.copy(), dict(p), copy.deepcopy(p), {k: v for k, v in p.items()}, pickles. The
# package's updates and optimizers carry it over, save_parameters writes it and load_parameters reads it back,
# parameters_to_vector's layout keeps it for vector_to_parameters, the training loops' callbacks and the
# playground's parameters hold it. The classic L = len(parameters) // 2 still counts the layers with the one extra
# entry. A dict that records an activation refuses to be run with another. Only the default is left unwritten, so
# that a ReLU network's dict stays the plain W1, b1, ... of the notebooks (a ``Parameters`` remembers "relu" as an
# attribute too, to refuse being run with another).

class Parameters(dict):
    """A parameters dict W1, b1, ..., WL, bL that knows its hidden activation (``p.hidden_activation``).

    Parameters(values, hidden_activation=None): the activation given, else the one ``values`` record, else
    "relu"; a given one that contradicts the record is refused. Any other activation than "relu" is written into
    the dict as its "hidden_activation" entry, which every copy keeps. The training loops and
    ``load_parameters`` return one; ``p.copy()`` and ``copy.copy(p)`` are Parameters too.
    """

    def __init__(self, values, hidden_activation=None):
        if not isinstance(values, dict):
            raise TypeError(f"Parameters takes a dict W1, b1, ..., WL, bL; got {describe(values)}")
        activation = hidden_activation_of(values, hidden_activation)
        as_parameters(values, "values")
        super().__init__(values)
        self._hidden_activation = activation
        if self._hidden_activation != "relu":
            self[ACTIVATION_KEY] = self._hidden_activation

    @property
    def hidden_activation(self):
        """The name of the hidden activation: the dict's entry if it has one, else the one it was built with."""
        return self.get(ACTIVATION_KEY, self.__dict__.get("_hidden_activation", "relu"))

    def copy(self):
        """A shallow copy that is still ``Parameters`` (a dict's copy() would be a plain dict)."""
        return Parameters(self, self.hidden_activation)

    __copy__ = copy


def recorded_activation(parameters):
    """The hidden activation that ``parameters`` record (their "hidden_activation" entry, checked, or the one a
    ``Parameters`` was built with), or None for a plain dict without the entry."""
    if not isinstance(parameters, dict):
        return None
    if ACTIVATION_KEY in parameters:
        return check_activation(parameters[ACTIVATION_KEY], f"parameters[{ACTIVATION_KEY!r}]")
    return parameters.hidden_activation if isinstance(parameters, Parameters) else None


def asked_activation(args):
    """The hidden_activation a checked call was given, or None when the caller left it to its default (then the
    one the parameters record wins)."""
    return args["hidden_activation"] if "hidden_activation" in args.passed else None


def hidden_activation_of(parameters, hidden_activation=None):
    """The hidden activation to run ``parameters`` with: the one asked for, checked against the one they
    record (``recorded_activation``); "relu" when neither says."""
    recorded = recorded_activation(parameters)
    if hidden_activation is None:
        return recorded or "relu"
    check_activation(hidden_activation, "hidden_activation")
    if recorded is not None and recorded != hidden_activation:
        raise ValueError(f"these parameters were trained with hidden_activation={recorded!r}, but "
                         f"hidden_activation={hidden_activation!r} was asked for; leave it out to use "
                         f"{recorded!r}, the one they were trained with (parameters[{ACTIVATION_KEY!r}])")
    return hidden_activation


def with_activation_of(source, parameters):
    """``parameters`` (new arrays computed from ``source``) carrying the hidden activation that ``source``
    records: a ``Parameters`` if it records one, else ``parameters`` unchanged. Every update goes through it."""
    recorded = recorded_activation(source)
    return parameters if recorded is None else Parameters(parameters, recorded)
