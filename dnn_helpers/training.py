"""One training loop, for ``improved_model`` (notebooks 13-14) and the playground (notebook 10).

An epoch is one pass over the training set: the learning rate of the epoch (decay), then one update per
mini-batch (shuffled anew each epoch; one batch of all m examples without mini_batch_size):

    for each epoch:
        for each mini-batch X, Y:
            AL, caches = forward(X, parameters)
            cost = cost(AL, Y, caches, parameters)
            grads = backward(AL, Y, caches, parameters)
            parameters, state = update(parameters, grads, state, learning_rate)

The four steps come in a ``Steps`` bundle, so that a caller swaps any of them (fastai's learner, in four
functions): ``package_steps`` builds the package's, with L2, dropout and an optimizer of ``OPTIMIZERS`` switched
on; the playground puts the learner's own functions in. ``train_epoch`` runs one epoch (the playground calls it
once per epoch, so that it can pause); ``fit`` runs ``num_epochs`` of them and records the costs. The classic
``L_layer_model`` of notebook 06 keeps its own loop, as the learner writes it.
"""

from typing import Callable, NamedTuple

from .forward import L_model_forward
from .model import model_gradients
from .optimizers import OPTIMIZERS, random_mini_batches
from .output_layer import output_cost
from .regularization import (L_model_backward_with_dropout, L_model_forward_with_dropout, add_l2_gradients,
                             l2_regularization_cost)

__all__ = ["Steps", "package_steps", "train_epoch", "fit"]


class Steps(NamedTuple):
    """The four steps of one update, each a function:

    forward(X, parameters) -> (AL, caches); cost(AL, Y, caches, parameters) -> the batch's cost (a float);
    backward(AL, Y, caches, parameters) -> grads {"dW1", "db1", ...};
    update(parameters, grads, state, learning_rate) -> (parameters, state), state being the optimizer's dict.
    """

    forward: Callable
    cost: Callable
    backward: Callable
    update: Callable


def package_steps(hidden_activation, *, m, lambd=0.0, keep_prob=1.0, dropout_rng=None, optimizer="gd", beta1=0.9,
                  beta2=0.999, epsilon=1e-8):
    """The package's steps, with the improvements of notebooks 13-14 (their inputs checked by the caller).

    keep_prob < 1: inverted dropout on the hidden layers, masks drawn from ``dropout_rng`` (a numpy Generator);
    lambd > 0: the L2 term (lambd / 2m) sum ||W||^2 in the cost and (lambd / m) W in each dW, where m is the size
    of the whole training set (a mini-batch adds the same term as the full batch would); optimizer: a name of
    ``OPTIMIZERS`` (momentum's beta is beta1). The cost is the output layer's cost from the logits Z[L]
    (``output_cost``): the true loss at any saturation.
    """
    if keep_prob < 1:
        def forward(X, parameters):
            return L_model_forward_with_dropout(X, parameters, keep_prob, dropout_rng, hidden_activation)

        def gradients(AL, Y, caches):
            return L_model_backward_with_dropout(AL, Y, caches, keep_prob, hidden_activation)
    else:
        def forward(X, parameters):
            return L_model_forward(X, parameters, hidden_activation)

        def gradients(AL, Y, caches):
            return model_gradients(AL, Y, caches, hidden_activation)

    def cost(AL, Y, caches, parameters):
        cost = output_cost(caches, Y)
        if lambd:   # lambd >= 0 (checked): 0 is no L2 term at all
            cost += l2_regularization_cost(parameters, lambd, m)
        return cost

    def backward(AL, Y, caches, parameters):
        grads = gradients(AL, Y, caches)
        if lambd:
            grads = add_l2_gradients(grads, parameters, lambd, m)
        return grads

    return Steps(forward, cost, backward, make_update(optimizer, beta1, beta2, epsilon))


def make_update(optimizer, beta1=0.9, beta2=0.999, epsilon=1e-8):
    """update(parameters, grads, state, learning_rate) -> (parameters, state) for the optimizer named ``optimizer``
    of ``OPTIMIZERS``, with its hyperparameters fixed."""
    step = OPTIMIZERS[optimizer].step

    def update(parameters, grads, state, learning_rate):
        return step(parameters, grads, state, learning_rate, beta1, beta2, epsilon)
    return update


def train_epoch(steps, X, Y, parameters, state, learning_rate, mini_batch_size=None, shuffle_rng=None):
    """One epoch: one update per mini-batch of X (n_x, m), Y (n[L], m). Returns (parameters, state, cost, grads).

    cost is the epoch's: the batch's own cost for one batch, else the mean of the batches' costs (each taken
    before its update) weighted by their sizes; grads are the last batch's.
    """
    batches = [(X, Y)] if mini_batch_size is None else random_mini_batches(X, Y, mini_batch_size, shuffle_rng)
    weighted_costs = []
    for X_batch, Y_batch in batches:
        AL, caches = steps.forward(X_batch, parameters)
        cost = steps.cost(AL, Y_batch, caches, parameters)
        grads = steps.backward(AL, Y_batch, caches, parameters)
        parameters, state = steps.update(parameters, grads, state, learning_rate)
        weighted_costs.append(cost * X_batch.shape[1])
    epoch_cost = cost if len(batches) == 1 else sum(weighted_costs) / X.shape[1]
    return parameters, state, epoch_cost, grads


def fit(steps, X, Y, parameters, state, num_epochs, learning_rate_of, *, mini_batch_size=None, shuffle_rng=None,
        costs=None, print_cost=False, callback=None):
    """Train ``num_epochs`` epochs; returns (parameters, costs), one cost per epoch (``train_epoch``'s).

    learning_rate_of(epoch) gives each epoch's learning rate (the decay); costs: the list to append to (the
    caller's, to watch it grow), a new one if None; print_cost prints every 100 epochs and the last;
    callback(epoch, parameters, grads, cost) runs after each epoch, with the last batch's grads.
    """
    costs = [] if costs is None else costs
    unit = "iteration" if mini_batch_size is None else "epoch"   # one batch: an epoch is one iteration
    shown = {0, num_epochs - 1} | set(range(0, num_epochs, 100)) if print_cost else set()
    for epoch in range(num_epochs):
        parameters, state, cost, grads = train_epoch(steps, X, Y, parameters, state, learning_rate_of(epoch),
                                                     mini_batch_size, shuffle_rng)
        costs.append(cost)
        if epoch in shown:
            print(f"Cost after {unit} {epoch}: {cost:.4f}")
        if callback is not None:   # e.g. the recording of a run, or a plot that grows
            callback(epoch, parameters, grads, cost)
    return parameters, costs
