"""Notebook 13: L2 regularisation and (inverted) dropout, two cures for overfitting.

L2 adds (lambd / 2m) sum_l ||W[l]||^2 to the cost (``lambd``: ``lambda`` is a Python keyword), so each
dW[l] gains (lambd / m) W[l]: every step shrinks the weights a little ("weight decay").

Inverted dropout keeps each hidden unit with probability keep_prob on each forward pass:
D[l] = (random numbers < keep_prob), A[l] := A[l] * D[l] / keep_prob (dividing keeps the expected value of A[l]).
Backward, the same mask: dA[l] := dA[l] * D[l] / keep_prob. The mask D[l] is kept in layer l's cache.
The masks come only from ``seed`` (an int or a numpy Generator): the same int seed gives the same masks, so the
cost is then a deterministic function of the parameters and can be gradient-checked.
"""

import numpy as np

from .validation import as_matrix, check_activation, check_labels, check_parameters, check_X_fits
from .backward import L_model_backward, linear_activation_backward
from .cost import clip_probabilities, compute_cost
from .forward import linear_activation_forward


def check_lambd(lambd):
    if isinstance(lambd, bool) or not isinstance(lambd, (int, float, np.integer, np.floating)):
        raise TypeError(f"lambd must be a number; got {type(lambd).__name__}")
    if not np.isfinite(lambd) or lambd < 0:
        raise ValueError(f"lambd, the L2 regularisation strength, must be 0 or more (0: no regularisation); "
                         f"got {lambd}")


def check_keep_prob(keep_prob):
    if isinstance(keep_prob, bool) or not isinstance(keep_prob, (int, float, np.integer, np.floating)):
        raise TypeError(f"keep_prob must be a number; got {type(keep_prob).__name__}")
    if not 0 < keep_prob <= 1:
        raise ValueError(f"keep_prob, the probability of keeping a hidden unit, must be in (0, 1] "
                         f"(1: no dropout; 0 would drop every unit); got {keep_prob}")


# --- L2 regularisation --------------------------------------------------------------------------------------------

def l2_regularization_cost(parameters, lambd, m):
    """(lambd / 2m) * sum over layers of ||W[l]||^2 (the sum of the squares of all weights; no biases)."""
    L = check_parameters(parameters)
    check_lambd(lambd)
    squares = sum(float(np.sum(np.square(parameters[f"W{l}"]))) for l in range(1, L + 1))
    return lambd / (2 * m) * squares


def compute_cost_with_regularization(AL, Y, parameters, lambd):
    """Cross-entropy of AL (1, m) against Y (1, m), plus the L2 term of ``l2_regularization_cost``."""
    return compute_cost(AL, Y) + l2_regularization_cost(parameters, lambd, np.shape(AL)[1])


def add_l2_gradients(grads, parameters, lambd, m):
    """Return new grads with dW[l] + (lambd / m) W[l] for every layer (db unchanged); inputs are not modified."""
    L = check_parameters(parameters)
    check_lambd(lambd)
    new_grads = dict(grads)
    for l in range(1, L + 1):
        new_grads[f"dW{l}"] = grads[f"dW{l}"] + (lambd / m) * parameters[f"W{l}"]
    return new_grads


def L_model_backward_with_regularization(AL, Y, caches, lambd, hidden_activation="relu"):
    """``L_model_backward``'s grads for the L2-regularised cost: each dW[l] gains (lambd / m) W[l].

    The weights are read from the caches (each linear cache holds W[l]).
    """
    grads = L_model_backward(AL, Y, caches, hidden_activation)
    parameters = {}
    for l, ((_, W, b), _) in enumerate(caches, start=1):
        parameters[f"W{l}"], parameters[f"b{l}"] = W, b
    return add_l2_gradients(grads, parameters, lambd, np.shape(AL)[1])


# --- inverted dropout ---------------------------------------------------------------------------------------------

def dropout_forward(A, keep_prob, seed=0):
    """Keep each entry of A (n[l], m) with probability keep_prob and scale the kept ones by 1 / keep_prob.

    Returns (A * D / keep_prob, D) with D the boolean mask (n[l], m), True where a unit is kept.
    seed: an int or a numpy Generator (a Generator moves on, so two calls give two different masks).
    """
    check_keep_prob(keep_prob)
    A = as_matrix(A, "A")
    D = np.random.default_rng(seed).random(A.shape) < keep_prob
    return A * D / keep_prob, D


def dropout_backward(dA, D, keep_prob):
    """The gradient through dropout: dA * D / keep_prob, with the same mask D as the forward pass."""
    check_keep_prob(keep_prob)
    dA = as_matrix(dA, "dA")
    if np.shape(D) != dA.shape:
        raise ValueError(f"the mask D has shape {np.shape(D)} but dA has shape {dA.shape}; "
                         f"use the mask from this layer's cache")
    return dA * D / keep_prob


def L_model_forward_with_dropout(X, parameters, keep_prob=0.5, seed=0, hidden_activation="relu"):
    """``L_model_forward`` with inverted dropout on the outputs of the hidden layers 1..L-1.

    X: (n_x, m); parameters: {"W1", "b1", ...}. Returns AL (1, m) and L caches (linear_cache, Z, D), where D is
    the mask applied to the layer's output A[l] (None for the output layer, which is never dropped).
    """
    check_activation(hidden_activation, "hidden_activation")
    check_keep_prob(keep_prob)
    L = check_parameters(parameters)
    X = as_matrix(X, "X")
    check_X_fits(X, parameters["W1"].shape[1], f"n_x, the number of columns of W1 {parameters['W1'].shape},")
    rng = np.random.default_rng(seed)
    A, caches = X, []
    for l in range(1, L + 1):
        activation = hidden_activation if l < L else "sigmoid"
        A, (linear_cache, Z) = linear_activation_forward(A, parameters[f"W{l}"], parameters[f"b{l}"], activation)
        D = None
        if l < L:
            A, D = dropout_forward(A, keep_prob, rng)
        caches.append((linear_cache, Z, D))
    return A, caches


def L_model_backward_with_dropout(AL, Y, caches, keep_prob, hidden_activation="relu"):
    """Gradients for ``L_model_forward_with_dropout``: as ``L_model_backward``, but each hidden layer's dA[l]
    first goes through the layer's mask, dA[l] * D[l] / keep_prob. Returns "dA{l-1}", "dW{l}", "db{l}"."""
    check_activation(hidden_activation, "hidden_activation")
    check_keep_prob(keep_prob)
    AL = as_matrix(AL, "AL")
    Y = check_labels(Y, AL.shape[1])
    P = clip_probabilities(AL)
    dA = -(Y / P - (1 - Y) / (1 - P))
    grads = {}
    for l in range(len(caches), 0, -1):
        linear_cache, Z, D = caches[l - 1]
        if D is not None:
            dA = dropout_backward(dA, D, keep_prob)
        activation = "sigmoid" if l == len(caches) else hidden_activation
        dA, grads[f"dW{l}"], grads[f"db{l}"] = linear_activation_backward(dA, (linear_cache, Z), activation)
        grads[f"dA{l - 1}"] = dA
    return grads
