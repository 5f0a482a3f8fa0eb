"""Step 4 (notebook 04): backward propagation, the chain rule layer by layer.

Each function is the twin of one in ``forward`` and takes the cache that one returned.
Shapes: dA and dZ are shaped like A and Z; dW like W; db like b.

Notebook 04's convention: dA and dZ hold each example's own derivative, column i = dL(i)/dA and dL(i)/dZ of that
example's loss L(i) (which is m times dJ/dZ, J being the mean of the m losses); dW and db are the cost's,
dJ/dW and dJ/db, and the 1/m of the mean comes in once, in ``linear_backward``.
"""

from functools import partial

from .activations import ACTIVATIONS, as_float
from .cost import clip_probabilities
from .forward import hidden_activation_of
from .output_layer import output_gradient, output_layer_for
from .validation import as_matrix, check_activation, check_caches, check_layer_cache, check_linear_cache


def _same_shape(dA, Z):
    dA, Z = as_float(dA, "dA"), as_float(Z, "Z")
    if dA.shape != Z.shape:
        raise ValueError(f"dA has shape {dA.shape} but the cached Z has shape {Z.shape}; "
                         f"dA must be shaped like the layer's output A = g(Z), (n[l], m)")
    return dA, Z


def activation_backward(dA, Z, activation):
    """dZ = dA * g'(Z) for any activation of the table ``activations.ACTIVATIONS``. dA, Z: (n[l], m)."""
    check_activation(activation)
    dA, Z = _same_shape(dA, Z)
    return dA * ACTIVATIONS[activation].derivative(Z)


def relu_backward(dA, Z):
    """dZ = dA * g'(Z) for ReLU: g'(Z) = 1 where Z > 0, else 0. dA, Z: (n[l], m) -> dZ (n[l], m)."""
    return activation_backward(dA, Z, "relu")


def sigmoid_backward(dA, Z):
    """dZ = dA * s (1 - s) with s = sigmoid(Z). dA, Z: (n[l], m) -> dZ (n[l], m)."""
    return activation_backward(dA, Z, "sigmoid")


def tanh_backward(dA, Z):
    """dZ = dA * (1 - tanh(Z)^2). dA, Z: (n[l], m) -> dZ (n[l], m)."""
    return activation_backward(dA, Z, "tanh")


ACTIVATION_BACKWARD = {name: partial(activation_backward, activation=name) for name in ACTIVATIONS}


def linear_backward(dZ, cache, need_dA_prev=True):
    """Gradients of the linear step Z = W A_prev + b, given dZ, each example's dL(i)/dZ (= m dJ/dZ).

    dZ: (n[l], m), column i the derivative of example i's own loss;
    cache: (A_prev (n[l-1], m), W (n[l], n[l-1]), b (n[l], 1)).
    Returns dA_prev (n[l-1], m) = W^T dZ, per example as dZ; dW = (1/m) dZ A_prev^T (n[l], n[l-1]) and
    db = (1/m) sum_i dZ[:, i] (n[l], 1), the derivatives of the mean cost J.
    need_dA_prev=False skips dA_prev (returns None): the first layer's dA0 is the gradient with respect to
    the data, which training never uses, and it costs as much as dW1.
    """
    A_prev, W, b = check_linear_cache(cache)
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

    dA: (n[l], m), each example's dL(i)/dA (notebook 04's convention);
    cache: (linear_cache, Z) from ``linear_activation_forward``.
    Returns dA_prev (n[l-1], m), dW (n[l], n[l-1]), db (n[l], 1).
    """
    linear_cache, Z = check_layer_cache(cache)
    dZ = activation_backward(dA, Z, activation)
    return linear_backward(dZ, linear_cache, need_dA_prev)


def L_model_backward(AL, Y, caches, hidden_activation=None):
    """Gradients of the cost for [LINEAR -> hidden_activation] x (L-1) -> LINEAR -> SIGMOID.

    AL: (1, m) from ``L_model_forward``; Y: (1, m) of 0/1; caches: its list of L caches.
    Returns grads with "dA{l-1}", "dW{l}", "db{l}" for l = 1..L ("dA0" is the gradient with respect to X).
    Starts from dAL = -(Y / AL - (1 - Y) / (1 - AL)), with AL kept inside [eps, 1 - eps] so that a
    saturated output gives a finite gradient instead of a division by zero.
    With a softmax output (AL (K, m), one-hot Y (K, m)) it starts from dZ[L] = AL - Y (see ``output_layer``).
    hidden_activation: "relu" unless given (it must be the one the forward pass used).
    """
    hidden_activation = hidden_activation_of(None, hidden_activation)
    AL = as_matrix(AL, "AL")
    output = output_layer_for(AL.shape[0])
    Y = output.labels(Y, AL.shape[0], AL.shape[1]).astype(AL.dtype, copy=False)
    if not ((AL >= 0) & (AL <= 1)).all():
        raise ValueError(f"AL must hold the {output.name} output's probabilities in [0, 1]; found values from "
                         f"{AL.min():.4g} to {AL.max():.4g}: did the last layer skip its {output.name}?")
    L = check_caches(caches)
    grads = {}
    if output.name == "sigmoid":
        P = clip_probabilities(AL)
        dAL = -(Y / P - (1 - Y) / (1 - P))
        dA_prev, dW, db = linear_activation_backward(dAL, caches[L - 1], "sigmoid")
    else:
        dA_prev, dW, db = linear_backward(output_gradient(AL, Y), caches[L - 1][0])
    grads[f"dA{L - 1}"], grads[f"dW{L}"], grads[f"db{L}"] = dA_prev, dW, db
    for l in range(L - 1, 0, -1):
        dA_prev, dW, db = linear_activation_backward(grads[f"dA{l}"], caches[l - 1], hidden_activation)
        grads[f"dA{l - 1}"], grads[f"dW{l}"], grads[f"db{l}"] = dA_prev, dW, db
    return grads
