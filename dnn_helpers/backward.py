"""Step 4 (notebook 04): backward propagation, the chain rule layer by layer.

Each function is the twin of one in ``forward`` and takes the cache that one returned.
Shapes: dA and dZ are shaped like A and Z; dW like W; db like b.

Notebook 04's convention: dA and dZ hold each example's own derivative, column i = dL(i)/dA and dL(i)/dZ of that
example's loss L(i) (which is m times dJ/dZ, J being the mean of the m losses); dW and db are the cost's,
dJ/dW and dJ/db, and the 1/m of the mean comes in once, in ``linear_backward``.
The bodies are notebook 04's text; their input checks are applied from outside (``validation.checked``), once per
outer call.
"""

import numpy as np

from .activations import ACTIVATIONS, sigmoid
from .forward import LayerFunctions, hidden_activation_of
from .output_layer import output_gradient, output_layer_for
from .validation import (as_array, as_matrix, check_activation, check_caches, check_choice, check_layer_cache,
                         check_linear_cache, checked)


def _check_dA_Z(args):
    dA, Z = as_array(args["dA"], "dA", allow_empty=True), as_array(args["Z"], "Z", allow_empty=True)
    if dA.shape != Z.shape:
        raise ValueError(f"dA has shape {dA.shape} but the cached Z has shape {Z.shape}; "
                         f"dA must be shaped like the layer's output A = g(Z), (n[l], m)")
    args["dA"], args["Z"] = dA, Z


@checked(_check_dA_Z)
def relu_backward(dA, Z):
    """dZ = dA * g'(Z) for ReLU: g'(Z) = 1 where Z > 0, else 0. dA, Z: (n[l], m) -> dZ (n[l], m).

    Taught in notebooks/04_backward_propagation.ipynb.
    """
    dZ = np.where(Z > 0, dA, 0.0)
    return dZ


@checked(_check_dA_Z)
def sigmoid_backward(dA, Z):
    """dZ = dA * s (1 - s) with s = sigmoid(Z). dA, Z: (n[l], m) -> dZ (n[l], m).

    Taught in notebooks/04_backward_propagation.ipynb.
    """
    s, _ = sigmoid(Z)
    dZ = dA * (s * (1 - s))
    return dZ


@checked(_check_dA_Z)
def tanh_backward(dA, Z):
    """dZ = dA * (1 - tanh(Z)^2). dA, Z: (n[l], m) -> dZ (n[l], m).

    Taught in notebooks/04_backward_propagation.ipynb.
    """
    t = np.tanh(Z)
    dZ = dA * (1 - t * t)
    return dZ


def _check_activation_backward(args):
    check_activation(args["activation"])
    _check_dA_Z(args)


@checked(_check_activation_backward)
def activation_backward(dA, Z, activation):
    """dZ = dA * g'(Z) for any activation of the table ``activations.ACTIVATIONS`` (g' from the cached Z)."""
    return dA * ACTIVATIONS[activation].derivative(Z)


_WRITTEN_OUT = {"relu": relu_backward, "sigmoid": sigmoid_backward, "tanh": tanh_backward}

# name -> backward function dZ = f(dA, Z): the ones written out above, else the table's derivative.
BACKWARD = LayerFunctions(lambda name, entry: _WRITTEN_OUT.get(name) or (
    lambda dA, Z: activation_backward(dA, Z, name)))


def _check_linear_backward(args):
    A_prev, W, b = args["cache"] = check_linear_cache(args["cache"])
    dZ = args["dZ"] = as_matrix(args["dZ"], "dZ")
    if dZ.shape != (W.shape[0], A_prev.shape[1]):
        raise ValueError(f"dZ has shape {dZ.shape}, but this layer's Z is (n[l], m) = "
                         f"({W.shape[0]}, {A_prev.shape[1]}) (W is {W.shape}, A_prev is {A_prev.shape})")


@checked(_check_linear_backward)
def linear_backward(dZ, cache):
    """Gradients of the linear step Z = W A_prev + b, given dZ, each example's dL(i)/dZ (= m dJ/dZ).

    Taught in notebooks/04_backward_propagation.ipynb.
    dZ: (n[l], m), column i the derivative of example i's own loss;
    cache: (A_prev (n[l-1], m), W (n[l], n[l-1]), b (n[l], 1)).
    Returns dA_prev (n[l-1], m) = W^T dZ, per example as dZ; dW = (1/m) dZ A_prev^T (n[l], n[l-1]) and
    db = (1/m) sum_i dZ[:, i] (n[l], 1), the derivatives of the mean cost J.
    """
    A_prev, W, b = cache
    m = A_prev.shape[1]
    dW = dZ @ A_prev.T / m
    db = dZ.sum(axis=1, keepdims=True) / m
    dA_prev = W.T @ dZ
    return dA_prev, dW, db


def weight_gradients(dZ, cache):
    """dW = (1/m) dZ A_prev^T and db = (1/m) sum_i dZ[:, i], without dA_prev: ``linear_backward`` for the first
    layer of a training loop, whose dA0 (the gradient with respect to the data) costs as much as dW1 and is never
    used. dZ: (n[l], m); cache: (A_prev, W, b). Returns (dW, db); dW is divided in place (no second array)."""
    A_prev = cache[0]
    m = A_prev.shape[1]
    dW = dZ @ A_prev.T
    dW /= m
    return dW, dZ.sum(axis=1, keepdims=True) / m


def _check_layer_backward(args):
    check_choice(args["activation"], BACKWARD, "activation")
    linear_cache, Z = args["cache"] = check_layer_cache(args["cache"])
    args["dA"] = as_array(args["dA"], "dA")
    if args["dA"].shape != Z.shape:
        raise ValueError(f"dA has shape {args['dA'].shape} but the cached Z has shape {Z.shape}; "
                         f"dA must be shaped like the layer's output A = g(Z), (n[l], m)")


@checked(_check_layer_backward)
def linear_activation_backward(dA, cache, activation):
    """Backward through one LINEAR -> ACTIVATION layer. Taught in notebooks/04_backward_propagation.ipynb.

    dA: (n[l], m), each example's dL(i)/dA (notebook 04's convention);
    cache: (linear_cache, Z) from ``linear_activation_forward``.
    Returns dA_prev (n[l-1], m), dW (n[l], n[l-1]), db (n[l], 1).
    """
    linear_cache, Z = cache
    dZ = BACKWARD[activation](dA, Z)
    dA_prev, dW, db = linear_backward(dZ, linear_cache)
    return dA_prev, dW, db


def _check_network_backward(args):
    args["hidden_activation"] = hidden_activation_of(None, args["hidden_activation"])
    AL = args["AL"] = as_matrix(args["AL"], "AL")
    output = output_layer_for(AL.shape[0])
    args["Y"] = output.labels(args["Y"], AL.shape[0], AL.shape[1]).astype(AL.dtype, copy=False)
    if not ((AL >= 0) & (AL <= 1)).all():
        raise ValueError(f"AL must hold the {output.name} output's probabilities in [0, 1]; found values from "
                         f"{AL.min():.4g} to {AL.max():.4g}: did the last layer skip its {output.name}?")
    check_caches(args["caches"])


@checked(_check_network_backward)
def L_model_backward(AL, Y, caches, hidden_activation="relu"):
    """Gradients of the cost for [LINEAR -> hidden_activation] x (L-1) -> LINEAR -> SIGMOID.

    Taught in notebooks/04_backward_propagation.ipynb, for one sigmoid output unit; the package asks the output
    layer for its start (``output_layer``), so that the softmax output of notebook 15 starts from dZ[L] = AL - Y.
    AL: (1, m) from ``L_model_forward``; Y: (1, m) of 0/1; caches: its list of L caches.
    Returns grads with "dA{l-1}", "dW{l}", "db{l}" for l = 1..L ("dA0" is the gradient with respect to X).
    Starts from dAL = -(Y / AL - (1 - Y) / (1 - AL)), with AL kept inside [eps, 1 - eps] so that a
    saturated output gives a finite gradient instead of a division by zero.
    hidden_activation: "relu" unless given (it must be the one the forward pass used).
    """
    grads = {}
    L = len(caches)
    output = output_layer_for(len(AL))
    if output.dA is None:   # softmax (notebook 15): its units are coupled; the backward starts from dZ[L] = AL - Y
        dA_prev, dW, db = linear_backward(output_gradient(AL, Y), caches[L - 1][0])
    else:                   # sigmoid: dAL = -(Y / AL - (1 - Y) / (1 - AL)), AL clipped into [eps, 1 - eps]
        dA_prev, dW, db = linear_activation_backward(output.dA(AL, Y), caches[L - 1], output.name)
    grads[f"dA{L - 1}"], grads[f"dW{L}"], grads[f"db{L}"] = dA_prev, dW, db
    for l in range(L - 1, 0, -1):
        dA_prev, dW, db = linear_activation_backward(grads[f"dA{l}"], caches[l - 1], hidden_activation)
        grads[f"dA{l - 1}"], grads[f"dW{l}"], grads[f"db{l}"] = dA_prev, dW, db
    return grads
