"""A batch-normalized L-layer network (notebook 16_batch_normalization): the course's network with a batch
normalization layer between each hidden layer's LINEAR and its ReLU.

    [LINEAR -> BN -> RELU] x (L-1) -> LINEAR -> SIGMOID (one output unit; softmax for K >= 2)

parameters: W1 (n[1], n[0]), gamma1 (n[1], 1), beta1 (n[1], 1), ..., W{L-1}, gamma{L-1}, beta{L-1},
WL (n[L], n[L-1]), bL (n[L], 1). A hidden layer has no b: batch normalization subtracts the batch mean, which removes
any constant added to Z, and beta takes the bias's place (Ioffe & Szegedy 2015, section 3.2). With batchnorm=False
the same functions run the plain network (W{l}, b{l} for every layer), so that the two differ only in BN.
running: {"mean1": (n[1], 1), "var1": (n[1], 1), ...}, the moving averages of the batch statistics that the
inference mode uses (``batchnorm.update_running``); an empty dict for a plain network.

The gradients follow the course's convention (notebook 04): dZ is per example, and dW, db, dgamma, dbeta are the
derivatives of the mean cost J = (1/m) sum_i L_i (batchnorm_backward's sums over the batch, divided by m).
``train_bn_stacked`` runs many such networks at once (a leading run axis), for the studies of notebook 16; each of
its runs equals ``bn_network_model`` with the same seed, learning rate and scale. All functions are pure.
"""

import numpy as np

from .activations import relu
from .backward import linear_backward, relu_backward
from .batchnorm import batchnorm_backward, batchnorm_forward, batchnorm_inference, update_running
from .forward import linear_forward
from .gradcheck import relative_difference
from .output_layer import output_gradient, output_layer_for
from .validation import (as_matrix, check_beta, check_choice, check_count, check_finite, check_float_dtype,
                         check_layer_dims, check_positive, check_X_fits, describe, make_rng)

MODES = ("train", "inference")


# --- input checks (outside the maths) -----------------------------------------------------------------------------

def bn_layers(parameters):
    """Check a BN (or plain) network's parameters dict; return (L, batchnorm): its number of layers and kind.
    Notebook 16 (notebooks/16_batch_normalization.ipynb)."""
    if not isinstance(parameters, dict) or "W1" not in parameters:
        raise TypeError(f"parameters must be the dict that initialize_bn_network returned (W1, gamma1, beta1, ...); "
                        f"got {describe(parameters)}")
    L = sum(1 for key in parameters if key.startswith("W"))
    batchnorm = "gamma1" in parameters
    hidden = ("gamma", "beta") if batchnorm else ("b",)
    expected = [f"{name}{l}" for l in range(1, L) for name in ("W", *hidden)] + [f"W{L}", f"b{L}"]
    if sorted(parameters) != sorted(expected):
        raise ValueError(f"parameters has the keys {sorted(parameters)}, but a {'BN' if batchnorm else 'plain'} "
                         f"network of {L} layers has {sorted(expected)}; build it with initialize_bn_network")
    for l in range(1, L + 1):
        W = as_matrix(parameters[f"W{l}"], f"W{l}")
        check_finite(W, f"W{l}")
        if l > 1 and W.shape[1] != parameters[f"W{l - 1}"].shape[0]:
            raise ValueError(f"W{l} has shape {W.shape}, but W{l - 1} has {parameters[f'W{l - 1}'].shape[0]} rows: "
                             f"W{l} must be (n[{l}], n[{l - 1}])")
        for name in (hidden if l < L else ("b",)):
            value = as_matrix(parameters[f"{name}{l}"], f"{name}{l}")
            if value.shape != (W.shape[0], 1):
                raise ValueError(f"{name}{l} has shape {value.shape}, but it must be (n[{l}], 1) = ({W.shape[0]}, 1)")
            check_finite(value, f"{name}{l}")
    return L, batchnorm


def check_running(running, parameters, L):
    """Check the running averages against the BN network's parameters: mean{l}, var{l} (n[l], 1) for l < L.
    Notebook 16 (notebooks/16_batch_normalization.ipynb)."""
    if not isinstance(running, dict):
        raise TypeError(f"running must be the dict of running averages (mean1, var1, ...) that bn_network_model or "
                        f"initialize_running returned; got {describe(running)}")
    for l in range(1, L):
        for name in ("mean", "var"):
            if f"{name}{l}" not in running:
                raise ValueError(f"running has no {name}{l}: inference mode normalizes layer {l} with the running "
                                 f"averages; pass the running dict that training returned")


def check_steps(steps):
    """Return the pair (batchnorm_forward, batchnorm_backward) to use: the package's for None, else the given two.
    Notebook 16 (notebooks/16_batch_normalization.ipynb)."""
    if steps is None:
        return batchnorm_forward, batchnorm_backward
    if not isinstance(steps, (tuple, list)) or len(steps) != 2 or not all(callable(step) for step in steps):
        raise TypeError(f"steps must be None or a pair of functions (batchnorm_forward, batchnorm_backward); "
                        f"got {describe(steps)}")
    return steps[0], steps[1]


def check_bn_data(X, Y, parameters, L):
    X = as_matrix(X, "X")
    check_X_fits(X, parameters["W1"].shape[1], f"n_x, the number of columns of W1 {parameters['W1'].shape},")
    check_finite(X, "X")
    n_L = parameters[f"W{L}"].shape[0]
    Y = output_layer_for(n_L).labels(Y, n_L, X.shape[1])
    return X, Y


# --- the network, one run -----------------------------------------------------------------------------------------

def initialize_bn_network(layers_dims, seed=1, scale=1.0, batchnorm=True, dtype=np.float64):
    """Initialize a network [LINEAR -> BN -> RELU] x (L-1) -> LINEAR -> output (or, batchnorm=False, without BN).

    layers_dims: [n_x, n[1], ..., n[L]]; seed: a whole number >= 0 or a Generator; scale > 0 multiplies He's
    sqrt(2 / n[l-1]) (1: He, notebook 12); dtype: a float type.
    Returns W{l} (n[l], n[l-1]) = N(0, 1) * scale * sqrt(2 / n[l-1]) for every layer; with BN gamma{l} = 1 and
    beta{l} = 0 (n[l], 1) for l < L, and bL = 0 (n[L], 1); without BN b{l} = 0 (n[l], 1) for every layer.
    Notebook 16 (notebooks/16_batch_normalization.ipynb).
    Notebook 16 (notebooks/16_batch_normalization.ipynb).
    """
    dims = check_layer_dims(layers_dims, "layers_dims")
    scale = check_positive(scale, "scale")
    dtype = check_float_dtype(dtype)
    rng = make_rng(seed)
    parameters, L = {}, len(dims) - 1
    for l in range(1, L + 1):
        W = rng.standard_normal((dims[l], dims[l - 1])) * (scale * np.sqrt(2.0 / dims[l - 1]))
        parameters[f"W{l}"] = W.astype(dtype)
        if l < L and batchnorm:
            parameters[f"gamma{l}"] = np.ones((dims[l], 1), dtype)
            parameters[f"beta{l}"] = np.zeros((dims[l], 1), dtype)
        else:
            parameters[f"b{l}"] = np.zeros((dims[l], 1), dtype)
    return parameters


def initialize_running(parameters):
    """The running averages before training: mean{l} = 0 and var{l} = 1 (n[l], 1) for each BN layer l < L.
    Notebook 16 (notebooks/16_batch_normalization.ipynb)."""
    L, batchnorm = bn_layers(parameters)
    running = {}
    for l in range(1, L if batchnorm else 1):
        n = parameters[f"W{l}"].shape[0]
        running[f"mean{l}"] = np.zeros((n, 1), parameters[f"W{l}"].dtype)
        running[f"var{l}"] = np.ones((n, 1), parameters[f"W{l}"].dtype)
    return running


def bn_network_forward(X, parameters, mode="train", running=None, epsilon=1e-5, steps=None):
    """Forward pass of the BN network (or of the plain one, if the parameters hold no gamma).

    X: (n_x, m); mode "train" normalizes each hidden layer with this batch's mean and variance
    (``batchnorm_forward``), "inference" with the running averages (``batchnorm_inference``; running required).
    Returns AL (n[L], m) and caches: for each hidden layer ((A_prev, W, b or None), Z, bn_cache or None, Z_tilde),
    Z = W A_prev (+ b) (n[l], m) and Z_tilde its normalized, scaled and shifted version (the ReLU's input; Z itself
    without BN); for the last layer ((A_prev, W, b), ZL) as in ``L_model_forward``, so ``output_cost`` works.
    steps: None (the package's) or your own pair (batchnorm_forward, batchnorm_backward) of notebook 16.
    Notebook 16 (notebooks/16_batch_normalization.ipynb).
    """
    L, batchnorm = bn_layers(parameters)
    check_choice(mode, MODES, "mode")
    bn_forward, _ = check_steps(steps)
    X = as_matrix(X, "X")
    check_X_fits(X, parameters["W1"].shape[1], f"n_x, the number of columns of W1 {parameters['W1'].shape},")
    check_finite(X, "X")
    if batchnorm and mode == "inference":
        if running is None:
            raise ValueError("mode='inference' needs running, the running averages that training returned: the "
                             "batch's own statistics would make each example's output depend on the others")
        check_running(running, parameters, L)
    A, caches = X, []
    for l in range(1, L):
        W = parameters[f"W{l}"]
        if batchnorm:
            Z = W @ A
            gamma, beta = parameters[f"gamma{l}"], parameters[f"beta{l}"]
            if mode == "train":
                Z_tilde, bn_cache = bn_forward(Z, gamma, beta, epsilon)
            else:
                Z_tilde = batchnorm_inference(Z, gamma, beta, running[f"mean{l}"], running[f"var{l}"], epsilon)
                bn_cache = None
            linear_cache = (A, W, None)
        else:
            Z, linear_cache = linear_forward(A, W, parameters[f"b{l}"])
            Z_tilde, bn_cache = Z, None
        caches.append((linear_cache, Z, bn_cache, Z_tilde))
        A, _ = relu(Z_tilde)
    ZL, linear_cache = linear_forward(A, parameters[f"W{L}"], parameters[f"b{L}"])
    AL, _ = output_layer_for(ZL.shape[0]).forward(ZL)
    caches.append((linear_cache, ZL))
    return AL, caches


def bn_network_cost(X, Y, parameters, mode="train", running=None, epsilon=1e-5, steps=None):
    """The output layer's cost from the logits (binary or categorical cross-entropy) of the forward pass.
    Notebook 16 (notebooks/16_batch_normalization.ipynb)."""
    L, _ = bn_layers(parameters)
    X, Y = check_bn_data(X, Y, parameters, L)
    _, caches = bn_network_forward(X, parameters, mode, running, epsilon, steps)
    ZL = caches[-1][1]
    return output_layer_for(ZL.shape[0]).cost_from_logits(ZL, Y)


def bn_network_backward(AL, Y, caches, steps=None):
    """Backward pass of the BN network, from dZ[L] = AL - Y (train-mode caches of ``bn_network_forward``).

    AL: (n[L], m); Y: (1, m) of 0/1 or one-hot (K, m). Returns grads of the mean cost: dW{l} (n[l], n[l-1]),
    dgamma{l}, dbeta{l} (n[l], 1) for a BN layer (db{l} for a plain one), dbL (n[L], 1).
    Through a BN layer: dZ_tilde = dA * relu'(Z_tilde); dZ, dgamma, dbeta = batchnorm_backward(dZ_tilde, bn_cache);
    dgamma / m and dbeta / m (its sums over the batch, as dW and db average over the m examples).
    steps: None (the package's) or your own pair (batchnorm_forward, batchnorm_backward).
    Notebook 16 (notebooks/16_batch_normalization.ipynb).
    """
    _, bn_backward = check_steps(steps)
    if not isinstance(caches, list) or len(caches) < 1:
        raise TypeError(f"caches must be the list that bn_network_forward returned; got {describe(caches)}")
    AL = as_matrix(AL, "AL")
    Y = output_layer_for(AL.shape[0]).labels(Y, AL.shape[0], AL.shape[1])
    L, m = len(caches), AL.shape[1]
    grads = {}
    dZ = output_gradient(AL, Y.astype(AL.dtype, copy=False))      # 0/1 labels must not turn float32 into float64
    dA, grads[f"dW{L}"], grads[f"db{L}"] = linear_backward(dZ, caches[L - 1][0])
    for l in range(L - 1, 0, -1):
        (A_prev, W, b), _, bn_cache, Z_tilde = caches[l - 1]
        dZ_tilde = relu_backward(dA, Z_tilde)
        if b is None:
            if bn_cache is None:
                raise ValueError(f"layer {l}'s cache has no batch-norm cache: the backward pass needs the caches of "
                                 f"bn_network_forward in mode='train'")
            dZ, dgamma, dbeta = bn_backward(dZ_tilde, bn_cache)
            grads[f"dgamma{l}"], grads[f"dbeta{l}"] = dgamma / m, dbeta / m
            grads[f"dW{l}"] = dZ @ A_prev.T / m
            dA = W.T @ dZ if l > 1 else None
        else:
            dA, grads[f"dW{l}"], grads[f"db{l}"] = linear_backward(dZ_tilde, (A_prev, W, b))
    return grads


def update_bn_parameters(parameters, grads, learning_rate):
    """One step of gradient descent on every parameter, gamma and beta included: p - learning_rate * dp.

    parameters: the dict of ``initialize_bn_network``; grads: the dict of ``bn_network_backward`` (a "d" + name for
    each name, same shapes); learning_rate > 0. Returns a new dict; the inputs are not modified.
    Notebook 16 (notebooks/16_batch_normalization.ipynb).
    """
    bn_layers(parameters)
    learning_rate = check_positive(learning_rate, "learning_rate")
    if not isinstance(grads, dict):
        raise TypeError(f"grads must be the dict that bn_network_backward returned; got {describe(grads)}")
    new = {}
    for name, value in parameters.items():
        if "d" + name not in grads:
            raise ValueError(f"grads has no d{name}: every parameter, gamma and beta included, needs its gradient")
        grad = as_matrix(grads["d" + name], "d" + name)
        if grad.shape != value.shape:
            raise ValueError(f"d{name} has shape {grad.shape}, but {name} is {value.shape}")
        new[name] = value - learning_rate * grad
    return new


def update_running_averages(running, caches, momentum=0.9):
    """The running averages after one training step: ``update_running`` on each BN layer's batch mean and variance.

    running: {"mean{l}", "var{l}"} (n[l], 1); caches: train-mode caches of ``bn_network_forward``; momentum in [0, 1).
    Returns a new dict (the same, empty, for a plain network).
    Notebook 16 (notebooks/16_batch_normalization.ipynb).
    """
    momentum = check_beta(momentum, "momentum")
    new = dict(running)
    for l, cache in enumerate(caches[:-1], start=1):
        bn_cache = cache[2]
        if bn_cache is not None:
            new[f"mean{l}"], new[f"var{l}"] = update_running(running[f"mean{l}"], running[f"var{l}"],
                                                             bn_cache["mu"], bn_cache["var"], momentum)
    return new


def shuffled_batches(rng, m, mini_batch_size):
    """One epoch's mini-batches: a permutation of the m examples cut into m // mini_batch_size index arrays of
    mini_batch_size each; the m % mini_batch_size left over (a different few each epoch) wait for the next epoch, so
    that no batch norm sees a batch smaller than asked (a leftover of one example would give a variance of 0).
    Notebook 16 (notebooks/16_batch_normalization.ipynb)."""
    order = rng.permutation(m)
    count = m // mini_batch_size
    return [order[k * mini_batch_size:(k + 1) * mini_batch_size] for k in range(count)]


def bn_network_model(X, Y, layers_dims, learning_rate=0.1, num_epochs=50, mini_batch_size=32, seed=0,
                     batchnorm=True, scale=1.0, momentum=0.9, epsilon=1e-5, callback=None, steps=None):
    """Train the BN network (or the plain one) with mini-batch gradient descent.

    X: (n_x, m); Y: (1, m) of 0/1 or one-hot (K, m); layers_dims: [n_x, ..., n[L]]; seed: the weights
    (``initialize_bn_network``), then each epoch's shuffle, from one Generator; scale: the initial weights' factor
    on He's; momentum: the running averages' (``update_running``). callback(epoch, parameters, running) after each
    epoch, if given; steps: None or your own (batchnorm_forward, batchnorm_backward).
    Returns (parameters, running, costs): costs (num_epochs,) holds each epoch's mean train-mode mini-batch cost.
    Raises ValueError if the training diverges (a learning rate too large).
    Notebook 16 (notebooks/16_batch_normalization.ipynb).
    """
    dims = check_layer_dims(layers_dims, "layers_dims")
    learning_rate = check_positive(learning_rate, "learning_rate")
    num_epochs = check_count(num_epochs, "num_epochs", minimum=1)
    mini_batch_size = check_count(mini_batch_size, "mini_batch_size", minimum=1)
    rng = make_rng(seed)
    dtype = as_matrix(X, "X").dtype
    parameters = initialize_bn_network(dims, rng, scale, batchnorm, dtype if dtype.kind == "f" else np.float64)
    X, Y = check_bn_data(X, Y, parameters, len(dims) - 1)
    if mini_batch_size > X.shape[1]:
        raise ValueError(f"mini_batch_size is {mini_batch_size}, but X holds only m = {X.shape[1]} examples")
    running = initialize_running(parameters)
    output, costs = output_layer_for(dims[-1]), []
    for epoch in range(num_epochs):
        epoch_costs = []
        for batch in shuffled_batches(rng, X.shape[1], mini_batch_size):
            with np.errstate(over="ignore", invalid="ignore"):
                AL, caches = bn_network_forward(X[:, batch], parameters, "train", epsilon=epsilon, steps=steps)
                if not np.isfinite(caches[-1][1]).all():
                    raise ValueError(f"the training diverged in epoch {epoch}: the logits are not finite; "
                                     f"learning_rate = {learning_rate} is too large for this network")
                epoch_costs.append(output.cost_from_logits(caches[-1][1], Y[:, batch]))
                grads = bn_network_backward(AL, Y[:, batch], caches, steps)
                parameters = update_bn_parameters(parameters, grads, learning_rate)
            running = update_running_averages(running, caches, momentum)
        costs.append(float(np.mean(epoch_costs)))
        if callback is not None:
            callback(epoch, parameters, running)
    return parameters, running, np.array(costs)


def bn_predict(X, parameters, running, epsilon=1e-5):
    """Predictions of a trained BN network in inference mode: 0/1 (1, m) for one output unit, else classes (1, m).
    Notebook 16 (notebooks/16_batch_normalization.ipynb)."""
    AL, _ = bn_network_forward(X, parameters, "inference", running, epsilon)
    return output_layer_for(AL.shape[0]).predict(AL)


def bn_gradient_check(X, Y, parameters, epsilon=1e-6, steps=None):
    """Relative difference between ``bn_network_backward``'s gradients and two-sided differences of the train-mode
    cost, over every parameter (W, gamma, beta, b). X: (n_x, m); Y: (1, m) or one-hot (K, m); epsilon > 0.
    steps: None (the package's) or your own pair (batchnorm_forward, batchnorm_backward), checked together.
    Returns a float: about 1e-9 or less in float64 when the backward pass is right, 1e-3 or more with a bug.
    Notebook 16 (notebooks/16_batch_normalization.ipynb)."""
    L, _ = bn_layers(parameters)
    X, Y = check_bn_data(X, Y, parameters, L)
    epsilon = check_positive(epsilon, "epsilon")
    parameters = {name: np.asarray(value, np.float64) for name, value in parameters.items()}
    X = X.astype(np.float64)
    AL, caches = bn_network_forward(X, parameters, steps=steps)
    grads = bn_network_backward(AL, Y, caches, steps)
    exact, approx = [], []
    for name in sorted(parameters):
        for index in np.ndindex(parameters[name].shape):
            costs = []
            for sign in (1, -1):
                nudged = dict(parameters)
                nudged[name] = parameters[name].copy()
                nudged[name][index] += sign * epsilon
                costs.append(bn_network_cost(X, Y, nudged, steps=steps))
            approx.append((costs[0] - costs[1]) / (2 * epsilon))
            exact.append(grads["d" + name][index])
    return relative_difference(np.array(exact), np.array(approx))


# --- many runs at once, for the studies of notebook 16 ------------------------------------------------------------

def bn_stacked_forward(X, parameters, running, mode, epsilon=1e-5, keep=False):
    """The forward pass of R stacked networks (one sigmoid output unit): X (n_x, m) or (R, n_x, m); parameters with
    a leading run axis (W{l} (R, n[l], n[l-1]), ...). Returns ZL (R, 1, m) and, with keep, the hidden layers'
    [(A_prev, Z, Z_hat, std, A)] for the backward pass (and the batch statistics [(mu, var)]).
    Notebook 16 (notebooks/16_batch_normalization.ipynb)."""
    L = sum(1 for key in parameters if key.startswith("W"))
    batchnorm = "gamma1" in parameters
    A, layers, stats = X, [], []
    for l in range(1, L):
        Z = parameters[f"W{l}"] @ A
        Z_hat = std = None
        if batchnorm:
            if mode == "train":
                mu = Z.mean(axis=-1, keepdims=True)
                var = ((Z - mu) ** 2).mean(axis=-1, keepdims=True)
                stats.append((mu, var))
            else:
                mu, var = running[f"mean{l}"], running[f"var{l}"]
            std = np.sqrt(var + epsilon)
            Z_hat = (Z - mu) / std
            Z_tilde = parameters[f"gamma{l}"] * Z_hat + parameters[f"beta{l}"]
        else:
            Z_tilde = Z + parameters[f"b{l}"]
        A_new = np.maximum(Z_tilde, 0)
        if keep:
            layers.append((A, Z_tilde, Z_hat, std))
        A = A_new
    ZL = parameters[f"W{L}"] @ A + parameters[f"b{L}"]
    return ZL, layers, stats, A


def bn_stacked_cost(ZL, Y):
    """Binary cross-entropy from the logits ZL (R, 1, m) against Y (1, m): one cost per run, (R,) (NaN if diverged).
    Notebook 16 (notebooks/16_batch_normalization.ipynb)."""
    with np.errstate(over="ignore", invalid="ignore"):
        return (np.logaddexp(0, ZL) - Y * ZL).mean(axis=(1, 2))


def train_bn_stacked(X, Y, layers_dims, runs, num_epochs=50, mini_batch_size=32, batchnorm=True, momentum=0.9,
                     epsilon=1e-5, record=None):
    """Train R networks at once, one per entry of ``runs``, each exactly as ``bn_network_model`` would.

    X: (n_x, m); Y: (1, m) of 0/1 (one sigmoid output unit); runs: a list of dicts {"seed", "learning_rate",
    "scale"}; the other arguments as in ``bn_network_model``, shared by every run. A run whose numbers overflow
    (a learning rate too large) becomes NaN and stays so, without a warning.
    record: None, or X_rec (n_x, m_rec): after each epoch, the mean and the standard deviation of each hidden layer's
    activations A[l] on X_rec (train mode: X_rec's own batch statistics), as stats (R, num_epochs, L-1, 2).
    Returns {"parameters": W{l} (R, n[l], n[l-1]), ..., "running": {"mean{l}": (R, n[l], 1), ...},
    "costs": (R, num_epochs) each epoch's mean mini-batch cost, "stats": (R, num_epochs, L-1, 2) or None}.
    Notebook 16 (notebooks/16_batch_normalization.ipynb).
    """
    dims = check_layer_dims(layers_dims, "layers_dims")
    X = as_matrix(X, "X").astype(np.float64)
    check_X_fits(X, dims[0], f"layers_dims[0] = {dims[0]}")
    check_finite(X, "X")
    if dims[-1] != 1:
        raise ValueError(f"train_bn_stacked trains one sigmoid output unit: layers_dims must end in 1, not {dims[-1]}")
    Y = output_layer_for(1).labels(Y, 1, X.shape[1]).astype(np.float64)
    if not isinstance(runs, (list, tuple)) or not runs or not all(isinstance(run, dict) for run in runs):
        raise TypeError(f"runs must be a non-empty list of dicts {{'seed', 'learning_rate', 'scale'}}; "
                        f"got {describe(runs)}")
    num_epochs = check_count(num_epochs, "num_epochs", minimum=1)
    mini_batch_size = check_count(mini_batch_size, "mini_batch_size", minimum=1)
    if mini_batch_size > X.shape[1]:
        raise ValueError(f"mini_batch_size is {mini_batch_size}, but X holds only m = {X.shape[1]} examples")
    momentum = check_beta(momentum, "momentum")
    epsilon = check_positive(epsilon, "epsilon")
    for run in runs:
        unknown = sorted(set(run) - {"seed", "learning_rate", "scale"})
        if unknown:
            raise ValueError(f"a run has the key(s) {unknown}; each run is a dict with 'seed', 'learning_rate' and "
                             f"'scale' (the others are shared arguments of train_bn_stacked)")
    rngs, starts, rates = [], [], []
    for run in runs:
        rng = make_rng(run.get("seed", 0), "a run's seed")
        starts.append(initialize_bn_network(dims, rng, run.get("scale", 1.0), batchnorm))
        rates.append(check_positive(run.get("learning_rate", 0.1), "a run's learning_rate"))
        rngs.append(rng)
    R, L, m = len(runs), len(dims) - 1, X.shape[1]
    parameters = {name: np.stack([start[name] for start in starts]) for name in starts[0]}
    running = {f"{name}{l}": np.full((R, dims[l], 1), 0.0 if name == "mean" else 1.0)
               for l in range(1, L if batchnorm else 1) for name in ("mean", "var")}
    rate = np.array(rates).reshape(R, 1, 1)
    costs = np.empty((R, num_epochs))
    stats = np.empty((R, num_epochs, L - 1, 2)) if record is not None else None
    X_rec = None if record is None else as_matrix(record, "record").astype(np.float64)
    if X_rec is not None:
        check_X_fits(X_rec, dims[0], f"layers_dims[0] = {dims[0]}", name="record")
        check_finite(X_rec, "record")
    XT = X.T
    with np.errstate(all="ignore"):
        for epoch in range(num_epochs):
            plans = [shuffled_batches(rng, m, mini_batch_size) for rng in rngs]
            epoch_costs = []
            for k in range(len(plans[0])):
                index = np.stack([plan[k] for plan in plans])            # (R, b)
                Xb = np.swapaxes(XT[index], 1, 2)                        # (R, n_x, b)
                Yb = Y[0][index][:, None, :]                             # (R, 1, b)
                ZL, layers, batch_stats, A = bn_stacked_forward(Xb, parameters, running, "train", epsilon, keep=True)
                epoch_costs.append(bn_stacked_cost(ZL, Yb))
                b = index.shape[1]
                grads = {}
                AL = 0.5 * (1 + np.tanh(0.5 * ZL))                       # sigmoid, overflow-free
                dZ = AL - Yb
                grads[f"dW{L}"] = dZ @ np.swapaxes(A, 1, 2) / b
                grads[f"db{L}"] = dZ.sum(axis=-1, keepdims=True) / b
                dA = np.swapaxes(parameters[f"W{L}"], 1, 2) @ dZ
                for l in range(L - 1, 0, -1):
                    A_prev, Z_tilde, Z_hat, std = layers[l - 1]
                    dZt = dA * (Z_tilde > 0)
                    if batchnorm:
                        dbeta = dZt.sum(axis=-1, keepdims=True)
                        dgamma = (dZt * Z_hat).sum(axis=-1, keepdims=True)
                        dZt = parameters[f"gamma{l}"] / std / b * (b * dZt - dbeta - Z_hat * dgamma)
                        grads[f"dgamma{l}"], grads[f"dbeta{l}"] = dgamma / b, dbeta / b
                    else:
                        grads[f"db{l}"] = dZt.sum(axis=-1, keepdims=True) / b
                    grads[f"dW{l}"] = dZt @ np.swapaxes(A_prev, 1, 2) / b
                    if l > 1:
                        dA = np.swapaxes(parameters[f"W{l}"], 1, 2) @ dZt
                parameters = {name: value - rate * grads["d" + name] for name, value in parameters.items()}
                for l, (mu, var) in enumerate(batch_stats, start=1):
                    running[f"mean{l}"] = momentum * running[f"mean{l}"] + (1 - momentum) * mu
                    running[f"var{l}"] = momentum * running[f"var{l}"] + (1 - momentum) * var
            costs[:, epoch] = np.mean(epoch_costs, axis=0)
            if X_rec is not None:
                _, layers, _, A = bn_stacked_forward(X_rec, parameters, running, "train", epsilon, keep=True)
                hidden = [layer[0] for layer in layers[1:]] + [A]        # A[1], ..., A[L-1]
                for l, A_l in enumerate(hidden):
                    stats[:, epoch, l, 0] = A_l.mean(axis=(1, 2))
                    stats[:, epoch, l, 1] = A_l.std(axis=(1, 2))
    return {"parameters": parameters, "running": running, "costs": costs, "stats": stats}


def bn_stacked_evaluate(X, Y, result, epsilon=1e-5):
    """Cost and accuracy of each of ``train_bn_stacked``'s networks on X (n_x, m), Y (1, m), in inference mode
    (running averages). Returns (costs (R,), accuracies (R,)); a diverged run has cost NaN and accuracy NaN.
    Notebook 16 (notebooks/16_batch_normalization.ipynb)."""
    if not isinstance(result, dict) or not {"parameters", "running"} <= set(result):
        raise TypeError(f"result must be the dict that train_bn_stacked returned; got {describe(result)}")
    X = as_matrix(X, "X").astype(np.float64)
    check_X_fits(X, result["parameters"]["W1"].shape[2], "n_x, the number of columns of W1")
    Y = output_layer_for(1).labels(Y, 1, X.shape[1])
    with np.errstate(all="ignore"):
        ZL, _, _, _ = bn_stacked_forward(X, result["parameters"], result["running"], "inference", epsilon)
        costs = bn_stacked_cost(ZL, Y)
        accuracies = ((ZL > 0) == (Y == 1)).mean(axis=(1, 2))
    accuracies = np.where(np.isfinite(costs), accuracies, np.nan)
    return costs, accuracies
