"""Step 2b (notebook 02): forward propagation, [LINEAR -> RELU] x (L-1) -> LINEAR -> SIGMOID.

Every step returns a cache that its backward twin in ``backward`` needs:
linear cache (A_prev, W, b); activation cache Z; together (linear_cache, Z) for one layer.
The last layer is the output kind of ``output_layer`` (sigmoid for one output unit, softmax for K >= 2).
"""

from .activations import ACTIVATIONS
from .output_layer import output_layer_for
from .validation import as_matrix, as_parameters, check_activation, check_X_fits


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


def linear_forward(A, W, b):
    """Z = W A + b.

    A: (n[l-1], m) activations of the previous layer; W: (n[l], n[l-1]); b: (n[l], 1).
    Returns Z (n[l], m) and the cache (A, W, b).
    """
    A, W, b = check_linear_inputs(A, W, b)
    Z = W @ A + b
    return Z, (A, W, b)


def linear_activation_forward(A_prev, W, b, activation):
    """A = g(W A_prev + b) for g = "relu", "sigmoid" or "tanh".

    A_prev: (n[l-1], m); W: (n[l], n[l-1]); b: (n[l], 1).
    Returns A (n[l], m) and the cache (linear_cache, Z) with linear_cache = (A_prev, W, b).
    """
    check_activation(activation)
    A_prev, W, b = check_linear_inputs(A_prev, W, b, A_name="A_prev")
    Z, linear_cache = linear_forward(A_prev, W, b)
    A, Z = ACTIVATIONS[activation].forward(Z)
    return A, (linear_cache, Z)


def L_model_forward(X, parameters, hidden_activation=None):
    """Forward pass of an L-layer network: [LINEAR -> hidden_activation] x (L-1) -> LINEAR -> SIGMOID.

    X: (n_x, m), one column per example; parameters: {"W1", "b1", ..., "WL", "bL"}.
    hidden_activation: "relu" unless given, or unless the parameters were trained or saved with another
    (see ``hidden_activation_of``). With K >= 2 output units the last layer is a softmax instead.
    Returns AL (n[L], m), the predicted probabilities ((1, m) for one output unit), and caches, a list of
    L caches (one per layer, caches[l-1] for layer l).
    """
    hidden_activation = hidden_activation_of(parameters, hidden_activation)
    parameters, L = as_parameters(parameters)   # nested lists and int arrays converted once
    X = as_matrix(X, "X")
    W1 = parameters["W1"]
    check_X_fits(X, W1.shape[1], f"n_x, the number of columns of W1 {W1.shape},")
    A = X
    caches = []
    for l in range(1, L):
        A, cache = linear_activation_forward(A, parameters[f"W{l}"], parameters[f"b{l}"], hidden_activation)
        caches.append(cache)
    WL, bL = parameters[f"W{L}"], parameters[f"b{L}"]
    Z, linear_cache = linear_forward(A, WL, bL)
    A, Z = output_layer_for(WL.shape[0]).forward(Z)     # sigmoid for one output unit, softmax for K >= 2
    caches.append((linear_cache, Z))
    return A, caches


class Parameters(dict):
    """A parameters dict (W1, b1, ..., WL, bL) that remembers the hidden activation it was trained with.

    The training loops return one, ``load_parameters`` gives one back, and ``L_model_forward`` (so also
    ``predict``) uses its activation: a network trained with tanh cannot silently be run with ReLU.
    """

    def __init__(self, values, hidden_activation="relu"):
        super().__init__(values)
        check_activation(hidden_activation, "hidden_activation")
        self.hidden_activation = hidden_activation


def hidden_activation_of(parameters, hidden_activation=None):
    """The hidden activation to run ``parameters`` with: the one asked for, checked against the one they
    remember (``Parameters``); "relu" when neither says."""
    remembered = getattr(parameters, "hidden_activation", None)
    if hidden_activation is None:
        return remembered or "relu"
    check_activation(hidden_activation, "hidden_activation")
    if remembered is not None and remembered != hidden_activation:
        raise ValueError(f"these parameters were trained with hidden_activation={remembered!r}, but "
                         f"hidden_activation={hidden_activation!r} was asked for; leave it out to use "
                         f"{remembered!r}, the one they were trained with")
    return hidden_activation
