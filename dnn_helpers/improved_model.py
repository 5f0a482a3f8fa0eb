"""Notebooks 13 and 14: the training loop of notebook 06 with the improvements switched on.

``L_layer_model`` hands over to ``train_with_options`` only when an improvement is asked for (L2, dropout,
mini-batches, an optimiser other than plain gradient descent, or a learning-rate decay), so its plain loop
stays as it is. One epoch is one pass over the training set:

    for each epoch:   learning rate of this epoch (decay)
        for each mini-batch (shuffled anew each epoch; one batch of all m examples without mini_batch_size):
            forward (with dropout) -> cost (+ L2 term) -> gradients (through the masks, + (lambd/m) W) -> update
"""

import numpy as np

from .cost import compute_cost
from .forward import L_model_forward
from .model import diverging_raises, model_gradients
from .optimizers import decayed_learning_rate, initialize_optimizer, optimizer_update, random_mini_batches
from .regularization import (L_model_backward_with_dropout, L_model_forward_with_dropout, add_l2_gradients,
                             l2_regularization_cost)


def batch_cost_and_gradients(X, Y, parameters, hidden_activation, lambd, keep_prob, rng, m):
    """Cost and grads of one (mini-)batch X (n_x, size), Y (1, size), with dropout and L2 if asked for.

    m is the size of the whole training set: the L2 term (lambd / 2m) sum ||W||^2 belongs to the whole
    objective, so a mini-batch adds the same term and the same (lambd / m) W as the full batch would.
    """
    if keep_prob < 1:
        AL, caches = L_model_forward_with_dropout(X, parameters, keep_prob, rng, hidden_activation)
        grads = L_model_backward_with_dropout(AL, Y, caches, keep_prob, hidden_activation)
    else:
        AL, caches = L_model_forward(X, parameters, hidden_activation)
        grads = model_gradients(AL, Y, caches, hidden_activation)
    cost = compute_cost(AL, Y)
    if lambd > 0:
        cost += l2_regularization_cost(parameters, lambd, m)
        grads = add_l2_gradients(grads, parameters, lambd, m)
    return cost, grads


def train_with_options(X, Y, parameters, *, learning_rate, num_iterations, print_cost, seed, hidden_activation,
                       callback, lambd, keep_prob, optimizer, mini_batch_size, beta1, beta2, epsilon, decay,
                       decay_rate, time_interval):
    """The loop behind ``L_layer_model`` when options are set (they are checked there). Returns (parameters, costs).

    costs holds one value per epoch: the mean over its mini-batches (weighted by their sizes) of the cost
    before each update. Shuffles and dropout masks come from two generators spawned from ``seed``.
    """
    shuffle_seed, dropout_seed = np.random.SeedSequence(seed).spawn(2)
    shuffle_rng, dropout_rng = np.random.default_rng(shuffle_seed), np.random.default_rng(dropout_seed)
    state = initialize_optimizer(parameters, optimizer)
    m, costs = X.shape[1], []
    unit = "iteration" if mini_batch_size is None else "epoch"
    with diverging_raises(learning_rate, costs):
        for epoch in range(num_iterations):
            rate = decayed_learning_rate(learning_rate, epoch, decay, decay_rate, time_interval)
            batches = [(X, Y)] if mini_batch_size is None else random_mini_batches(X, Y, mini_batch_size,
                                                                                   shuffle_rng)
            batch_costs = []
            for X_batch, Y_batch in batches:
                cost, grads = batch_cost_and_gradients(X_batch, Y_batch, parameters, hidden_activation, lambd,
                                                       keep_prob, dropout_rng, m)
                parameters, state = optimizer_update(parameters, grads, state, optimizer, rate, beta1, beta2,
                                                     epsilon)
                batch_costs.append(cost * X_batch.shape[1])
            epoch_cost = cost if len(batches) == 1 else sum(batch_costs) / m
            costs.append(epoch_cost)
            if print_cost and (epoch % 100 == 0 or epoch == num_iterations - 1):
                print(f"Cost after {unit} {epoch}: {epoch_cost:.4f}")
            if callback is not None:
                callback(epoch, parameters, grads, epoch_cost)
    return parameters, costs
