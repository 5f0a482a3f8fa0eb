"""Notebook 13: L2 regularisation and (inverted) dropout, two cures for overfitting.

L2 adds (lambd / 2m) sum_l ||W[l]||^2 to the cost (``lambd``: ``lambda`` is a Python keyword), so each
dW[l] gains (lambd / m) W[l]: every step shrinks the weights a little ("weight decay").

Inverted dropout keeps each hidden unit with probability keep_prob on each forward pass:
D[l] = (random numbers < keep_prob), A[l] := A[l] * D[l] / keep_prob (dividing keeps the expected value of A[l]).
Backward, the same mask: dA[l] := dA[l] * D[l] / keep_prob. The mask D[l] is kept in layer l's cache.
The masks come only from ``seed`` (an int or a numpy Generator): the same int seed gives the same masks, so the
cost is then a deterministic function of the parameters and can be gradient-checked.

The bodies of the functions that notebook 13 teaches are the notebook's text; their input checks run once per
outer call, through ``validation.checked``.
"""

import numpy as np

from .backward import L_model_backward, linear_activation_backward, linear_backward
from .cost import compute_cost
from .forward import (asked_activation, hidden_activation_of, linear_activation_forward, not_finite_error,
                      output_activation)
from .output_layer import output_gradient, output_layer_for
from .validation import (as_array, as_grads, as_matrix, as_parameters, as_probabilities, check_activation,
                         check_caches, check_count, check_keep_prob, check_labels, check_lambd, check_layer_cache,
                         check_X_fits, checked, describe, make_rng)

__all__ = ["l2_regularization_cost", "compute_cost_with_regularization",
           "add_l2_gradients", "L_model_backward_with_regularization", "dropout_forward", "dropout_backward",
           "L_model_forward_with_dropout", "L_model_backward_with_dropout", "output_layer_backward"]


# --- L2 regularization --------------------------------------------------------------------------------------------

def _check_l2(args):
    args["parameters"], L = as_parameters(args["parameters"])   # the arrays alone, without a "hidden_activation"
    args["lambd"] = check_lambd(args["lambd"])
    args["m"] = check_count(args["m"], "m, the number of training examples,", minimum=1)
    if "grads" in args:   # add_l2_gradients: each dW in its parameter's dtype; other keys (such as "dA0") kept
        args["grads"] = {**args["grads"], **as_grads(args["grads"], args["parameters"], L)}


@checked(_check_l2)
def l2_regularization_cost(parameters, lambd, m):
    """(lambd / 2m) * sum over layers of ||W[l]||^2 (the sum of the squares of all weights; no biases).

    Taught in notebooks/13_regularization.ipynb.
    parameters: {"W1": (n[1], n[0]), "b1", ...}; lambd >= 0; m >= 1, the number of training examples.
    Returns a Python float.
    """
    L = len(parameters) // 2
    squares = sum(float(np.sum(np.square(parameters[f"W{l}"]))) for l in range(1, L + 1))
    l2_cost = lambd / (2 * m) * squares
    return l2_cost


def _check_regularized_cost(args):
    AL = args["AL"] = as_probabilities(args["AL"])
    if AL.shape[0] != 1:
        raise ValueError(f"AL has shape {AL.shape}: compute_cost_with_regularization takes the one sigmoid output "
                         f"unit of notebook 13, AL (1, m); for K classes add l2_regularization_cost to "
                         f"categorical_cost")
    args["Y"] = check_labels(args["Y"], AL.shape[1])
    args["parameters"], _ = as_parameters(args["parameters"])
    args["lambd"] = check_lambd(args["lambd"])


@checked(_check_regularized_cost)
def compute_cost_with_regularization(AL, Y, parameters, lambd):
    """Cross-entropy of AL (1, m) against Y (1, m) plus the L2 term of ``l2_regularization_cost``.

    Taught in notebooks/13_regularization.ipynb."""
    cost = compute_cost(AL, Y) + l2_regularization_cost(parameters, lambd, AL.shape[1])
    return cost


@checked(_check_l2)
def add_l2_gradients(grads, parameters, lambd, m):
    """Return new grads with dW[l] + (lambd / m) W[l] for every layer (db unchanged); inputs are not modified.

    Taught in notebooks/13_regularization.ipynb.
    grads: {"dW1": (n[1], n[0]), "db1": (n[1], 1), ...} shaped like parameters {"W1", "b1", ...};
    lambd >= 0; m >= 1, the number of training examples. Other keys of grads (such as "dA0") are kept as given.
    """
    L = len(parameters) // 2
    new_grads = dict(grads)
    for l in range(1, L + 1):
        new_grads[f"dW{l}"] = grads[f"dW{l}"] + (lambd / m) * parameters[f"W{l}"]
    return new_grads


def L_model_backward_with_regularization(AL, Y, caches, lambd, hidden_activation="relu"):
    """``L_model_backward``'s grads for the L2-regularized cost: each dW[l] gains (lambd / m) W[l].

    AL: (1, m); Y: (1, m) of 0/1; caches: the L caches of ``L_model_forward``; lambd >= 0.
    Returns "dA{l-1}" (n[l-1], m), "dW{l}" (n[l], n[l-1]), "db{l}" (n[l], 1). The weights are read from the caches
    (each linear cache holds W[l]).
    """
    lambd = check_lambd(lambd)
    L = check_caches(caches)
    grads = L_model_backward(AL, Y, caches, hidden_activation)
    parameters = {}
    for l in range(1, L + 1):
        (_, W, b), _ = check_layer_cache(caches[l - 1], f"caches[{l - 1}]")
        parameters[f"W{l}"], parameters[f"b{l}"] = W, b
    return add_l2_gradients(grads, parameters, lambd, np.shape(AL)[1])


# --- inverted dropout ---------------------------------------------------------------------------------------------

def _check_dropout_forward(args):
    args["keep_prob"] = check_keep_prob(args["keep_prob"])
    args["A"] = as_matrix(args["A"], "A")
    args["seed"] = make_rng(args["seed"])   # a whole number >= 0 or a Generator (which moves on)


@checked(_check_dropout_forward)
def dropout_forward(A, keep_prob, seed=0):
    """Keep each entry of A (n[l], m) with probability keep_prob and scale the kept ones by 1 / keep_prob.

    Taught in notebooks/13_regularization.ipynb.
    Returns (A * D / keep_prob, D): the dropped-out A (n[l], m), in A's dtype, and D the boolean mask (n[l], m),
    True where a unit is kept. seed: a whole number >= 0 or a numpy Generator (a Generator moves on, so two calls
    give two different masks).
    """
    D = np.random.default_rng(seed).random(A.shape) < keep_prob
    A_dropped = A * D / keep_prob
    return A_dropped, D


def _check_dropout_backward(args):
    args["keep_prob"] = check_keep_prob(args["keep_prob"])
    dA = args["dA"] = as_matrix(args["dA"], "dA")
    D = as_array(args["D"], "the mask D", keep_ints=True)
    if D.shape != dA.shape:
        raise ValueError(f"the mask D has shape {D.shape} but dA has shape {dA.shape}; "
                         f"use the mask from this layer's cache")
    if D.dtype != bool:
        if not np.isin(D, (0, 1)).all():
            raise ValueError("the mask D must hold only True/False (or 1/0), as dropout_forward returns it")
        D = D.astype(bool)
    args["D"] = D


@checked(_check_dropout_backward)
def dropout_backward(dA, D, keep_prob):
    """The gradient through dropout: dA * D / keep_prob, with the same mask D as the forward pass.

    Taught in notebooks/13_regularization.ipynb.
    dA: (n[l], m); D: the boolean mask (n[l], m) that ``dropout_forward`` returned; keep_prob in (0, 1], the same
    as forward. Returns dA (n[l], m) in dA's dtype.
    """
    dA_through = dA * D / keep_prob
    return dA_through


def _check_dropout_network(args):
    args["hidden_activation"] = hidden_activation_of(args["parameters"], asked_activation(args))
    args["keep_prob"] = check_keep_prob(args["keep_prob"])
    args["parameters"], _ = as_parameters(args["parameters"])
    parameters = args["parameters"]
    X = args["X"] = as_matrix(args["X"], "X")
    check_X_fits(X, parameters["W1"].shape[1], f"n_x, the number of columns of W1 {parameters['W1'].shape},")
    args["seed"] = make_rng(args["seed"])


def _finite_output(result, args, given):
    if not np.isfinite(result[0]).all():
        raise not_finite_error(args["X"], args["parameters"])
    return result


@checked(_check_dropout_network, after=_finite_output)
def L_model_forward_with_dropout(X, parameters, keep_prob=0.5, seed=0, hidden_activation="relu"):
    """``L_model_forward`` with inverted dropout on the outputs of the hidden layers 1..L-1.

    Taught in notebooks/13_regularization.ipynb.
    X: (n_x, m); parameters: {"W1": (n[1], n_x), "b1": (n[1], 1), ...}; keep_prob in (0, 1]; seed: a whole number
    >= 0 or a numpy Generator; hidden_activation: as in ``L_model_forward`` (left out: the one the parameters
    record, else "relu"). The output layer is the one of ``output_layer`` (``output_activation``: sigmoid for one unit,
    softmax for K >= 2), never dropped. Returns AL (n[L], m) and L caches (linear_cache, Z, D), where D (n[l], m)
    is the mask applied to the layer's output A[l] (None for the output layer).
    """
    L = len(parameters) // 2
    rng = np.random.default_rng(seed)
    A, caches = X, []
    for l in range(1, L + 1):
        activation = hidden_activation if l < L else output_activation(parameters)
        A, (linear_cache, Z) = linear_activation_forward(A, parameters[f"W{l}"], parameters[f"b{l}"], activation)
        D = None
        if l < L:
            A, D = dropout_forward(A, keep_prob, rng)
        caches.append((linear_cache, Z, D))
    return A, caches


def output_layer_backward(AL, Y, cache):
    """The output layer's step backward: (dA_prev, dW, db) of layer L from the cost, cache (linear_cache, Z[L]).

    Given in notebooks/13_regularization.ipynb. An elementwise output (one sigmoid unit) starts from its piece's
    dAL (``output_layer``: -(Y / AL - (1 - Y) / (1 - AL)), notebook 04) and goes back through the sigmoid; softmax
    couples its units, so it starts from dZ[L] = AL - Y (notebook 15).
    """
    output = output_layer_for(AL.shape[0])
    if output.dA is not None:
        return linear_activation_backward(output.dA(AL, Y), cache, output.name)
    return linear_backward(output_gradient(AL, Y), cache[0])


def _check_dropout_backward_pass(args):
    check_activation(args["hidden_activation"], "hidden_activation")
    args["keep_prob"] = check_keep_prob(args["keep_prob"])
    AL = args["AL"] = as_probabilities(args["AL"])
    output = output_layer_for(AL.shape[0])
    args["Y"] = np.asarray(output.labels(args["Y"], AL.shape[0], AL.shape[1]), dtype=AL.dtype)
    caches = args["caches"]
    L = check_caches(caches)
    checked_caches = []
    for l in range(1, L + 1):
        cache = caches[l - 1]
        if not isinstance(cache, (tuple, list)) or len(cache) != 3:
            raise TypeError(f"caches[{l - 1}] must be (linear_cache, Z, D) as L_model_forward_with_dropout returns "
                            f"it; got {describe(cache)}")
        linear_cache, Z = check_layer_cache(cache[:2], f"caches[{l - 1}]")
        if (cache[2] is None) != (l == L):
            raise ValueError(f"caches[{l - 1}] has {'no' if cache[2] is None else 'a'} dropout mask, but "
                             f"L_model_forward_with_dropout masks every hidden layer and never the output layer")
        checked_caches.append((linear_cache, Z, cache[2]))
    if checked_caches[-1][1].shape != AL.shape:
        raise ValueError(f"AL has shape {AL.shape}, but the last cache's Z has shape {checked_caches[-1][1].shape}; "
                         f"pass the AL and caches of the same forward pass")
    args["caches"] = checked_caches


@checked(_check_dropout_backward_pass)
def L_model_backward_with_dropout(AL, Y, caches, keep_prob, hidden_activation="relu"):
    """Gradients for ``L_model_forward_with_dropout``: as ``L_model_backward``, but each hidden layer's dA[l]
    first goes through the layer's mask, dA[l] * D[l] / keep_prob.

    Taught in notebooks/13_regularization.ipynb.
    AL: (1, m) probabilities in [0, 1] and Y: (1, m) of 0/1, or AL (K, m) (softmax) and one-hot Y (K, m);
    caches: the L caches (linear_cache, Z, D) of ``L_model_forward_with_dropout``; keep_prob: the same as forward.
    Returns "dA{l-1}" (n[l-1], m), "dW{l}" (n[l], n[l-1]), "db{l}" (n[l], 1) for l = 1..L, in AL's dtype.
    """
    grads, L = {}, len(caches)
    for l in range(L, 0, -1):
        linear_cache, Z, D = caches[l - 1]
        if l == L:
            dA, grads[f"dW{l}"], grads[f"db{l}"] = output_layer_backward(AL, Y, (linear_cache, Z))
        else:
            dA = dropout_backward(dA, D, keep_prob)
            dA, grads[f"dW{l}"], grads[f"db{l}"] = linear_activation_backward(dA, (linear_cache, Z),
                                                                              hidden_activation)
        grads[f"dA{l - 1}"] = dA
    return grads
