"""Step 4 (notebook 04): backward propagation, the chain rule layer by layer.

Each function is the twin of one in ``forward`` and takes the cache that one returned.
Shapes: dA and dZ are shaped like A and Z; dW like W; db like b.
"""

import numpy as np

from .validation import as_matrix, check_activation, check_labels
from .activations import as_float, sigmoid
from .cost import clip_probabilities


def _same_shape(dA, Z):
    dA, Z = as_float(dA, "dA"), as_float(Z, "Z")
    if dA.shape != Z.shape:
        raise ValueError(f"dA has shape {dA.shape} but the cached Z has shape {Z.shape}; "
                         f"dA must be shaped like the layer's output A = g(Z), (n[l], m)")
    return dA, Z


def relu_backward(dA, Z):
    """dZ = dA * g'(Z) for ReLU: g'(Z) = 1 where Z > 0, else 0. dA, Z: (n[l], m) -> dZ (n[l], m)."""
    dA, Z = _same_shape(dA, Z)
    return np.where(Z > 0, dA, 0)


def sigmoid_backward(dA, Z):
    """dZ = dA * s (1 - s) with s = sigmoid(Z). dA, Z: (n[l], m) -> dZ (n[l], m)."""
    dA, Z = _same_shape(dA, Z)
    s, _ = sigmoid(Z)
    return dA * s * (1 - s)


def tanh_backward(dA, Z):
    """dZ = dA * (1 - tanh(Z)^2). dA, Z: (n[l], m) -> dZ (n[l], m)."""
    dA, Z = _same_shape(dA, Z)
    t = np.tanh(Z)
    return dA * (1 - t * t)


ACTIVATION_BACKWARD = {"relu": relu_backward, "sigmoid": sigmoid_backward, "tanh": tanh_backward}


def linear_backward(dZ, cache, need_dA_prev=True):
    """Gradients of the linear step Z = W A_prev + b, given dZ = dJ/dZ.

    dZ: (n[l], m); cache: (A_prev (n[l-1], m), W (n[l], n[l-1]), b (n[l], 1)).
    Returns dA_prev (n[l-1], m), dW (n[l], n[l-1]) and db (n[l], 1).
    need_dA_prev=False skips dA_prev (returns None): the first layer's dA0 is the gradient with respect to
    the data, which training never uses, and it costs as much as dW1.
    """
    A_prev, W, b = cache
    dZ = as_matrix(dZ, "dZ")
    if dZ.shape != (W.shape[0], A_prev.shape[1]):
        raise ValueError(f"dZ has shape {dZ.shape}, but this layer's Z is (n[l], m) = "
                         f"({W.shape[0]}, {A_prev.shape[1]}) (W is {W.shape}, A_prev is {A_prev.shape})")
    m = A_prev.shape[1]
    dW = dZ @ A_prev.T
    dW /= m  # in place: dividing into a new array would allocate a second (n[l], n[l-1]) matrix
    db = dZ.sum(axis=1, keepdims=True) / m
    dA_prev = W.T @ dZ if need_dA_prev else None
    return dA_prev, dW, db


def linear_activation_backward(dA, cache, activation, need_dA_prev=True):
    """Backward through one LINEAR -> ACTIVATION layer.

    dA: (n[l], m); cache: (linear_cache, Z) from ``linear_activation_forward``.
    Returns dA_prev (n[l-1], m), dW (n[l], n[l-1]), db (n[l], 1).
    """
    check_activation(activation)
    linear_cache, Z = cache
    dZ = ACTIVATION_BACKWARD[activation](dA, Z)
    return linear_backward(dZ, linear_cache, need_dA_prev)


def L_model_backward(AL, Y, caches, hidden_activation="relu"):
    """Gradients of the cost for [LINEAR -> hidden_activation] x (L-1) -> LINEAR -> SIGMOID.

    AL: (1, m) from ``L_model_forward``; Y: (1, m) of 0/1; caches: its list of L caches.
    Returns grads with "dA{l-1}", "dW{l}", "db{l}" for l = 1..L ("dA0" is the gradient with respect to X).
    Starts from dAL = -(Y / AL - (1 - Y) / (1 - AL)), with AL kept inside [eps, 1 - eps] so that a
    saturated output gives a finite gradient instead of a division by zero.
    """
    check_activation(hidden_activation, "hidden_activation")
    AL = as_matrix(AL, "AL")
    Y = check_labels(Y, AL.shape[1])
    L = len(caches)
    if L == 0:
        raise ValueError("caches is empty; pass the caches that L_model_forward returned")
    P = clip_probabilities(AL)
    dAL = -(Y / P - (1 - Y) / (1 - P))
    grads = {}
    dA = dAL
    for l in range(L, 0, -1):
        activation = "sigmoid" if l == L else hidden_activation
        dA_prev, dW, db = linear_activation_backward(dA, caches[l - 1], activation)
        grads[f"dA{l - 1}"], grads[f"dW{l}"], grads[f"db{l}"] = dA_prev, dW, db
        dA = dA_prev
    return grads
