"""Notebooks 13 and 14: the training loop of notebook 06 with the improvements switched on.

``improved_model`` is ``L_layer_model`` plus L2, dropout, mini-batches, momentum/RMSprop/Adam and a
learning-rate decay. It counts epochs (``num_epochs``), one epoch being one pass over the training set:

    for each epoch:   learning rate of this epoch (decay)
        for each mini-batch (shuffled anew each epoch; one batch of all m examples without mini_batch_size):
            forward (with dropout) -> cost (+ L2 term) -> gradients (through the masks, + (lambd/m) W) -> update
"""

from .forward import Parameters, hidden_activation_of
from .model import IterationCounter, overflow_as_teaching_error, prepare_training
from .optimizers import (check_decay, check_mini_batch_size, check_optimizer, decayed_learning_rate,
                         initialize_optimizer)
from .training import fit, package_steps
from .validation import check_beta, check_keep_prob, check_lambd, check_positive, checked, make_rngs


def _check_options(args):
    """The checks of improved_model's call, once: the data, the start and every option. The steps that the loop
    then calls run their bodies without checking again (``validation.checked``: they are parts of this call)."""
    args["hidden_activation"] = hidden_activation_of(args["parameters"], args["hidden_activation"])
    args["X"], args["Y"], _, args["parameters"] = prepare_training(
        args["X"], args["Y"], args["layers_dims"], args["learning_rate"], args["num_epochs"], args["seed"],
        args["initialization"], args["parameters"], "num_epochs", args["callback"])
    check_lambd(args["lambd"])
    check_keep_prob(args["keep_prob"])
    check_optimizer(args["optimizer"])
    check_mini_batch_size(args["mini_batch_size"])
    check_beta(args["beta1"], "beta1")
    check_beta(args["beta2"], "beta2")
    check_positive(args["epsilon"], "epsilon")
    check_decay(args["decay"], args["decay_rate"], args["time_interval"])
    args["callback"] = IterationCounter(args["callback"], args["hidden_activation"])   # counts the epochs


def _overflow_in_training(args):
    return overflow_as_teaching_error(args["learning_rate"], args["callback"], args["X"], args["lambd"])


def _trained(result, args, given):
    parameters, costs = result
    return Parameters(parameters, args["hidden_activation"]), costs   # a network that runs as trained


@checked(_check_options, after=_trained, context=_overflow_in_training)
def improved_model(X, Y, layers_dims, learning_rate=0.0075, num_epochs=3000, print_cost=False, *, seed=1,
                   initialization="xavier", hidden_activation=None, parameters=None, callback=None, lambd=0.0,
                   keep_prob=1.0, optimizer="gd", mini_batch_size=None, beta1=0.9, beta2=0.999, epsilon=1e-8,
                   decay=None, decay_rate=1.0, time_interval=1):
    """Train [LINEAR -> hidden_activation] x (L-1) -> LINEAR -> SIGMOID with the improvements of notebooks 13-14.

    X: (n_x, m); Y: (1, m) of 0/1; layers_dims: [n_x, n[1], ..., 1]; the first arguments as in ``L_layer_model``.
    lambd: L2 strength (cost + (lambd/2m) sum ||W||^2); keep_prob: inverted dropout on the hidden layers;
    optimizer: "gd", "momentum" (its beta is beta1), "rmsprop" (beta2) or "adam" (beta1, beta2, epsilon);
    mini_batch_size: shuffle and cut the m examples into batches of this size each epoch (the last one
    smaller); None is one batch of all m, so an epoch is then one update, as in ``L_layer_model``;
    decay: None, "inverse_time", "exponential" or "step" (see ``optimizers.decayed_learning_rate``, with
    decay_rate and time_interval), applied to learning_rate once per epoch.
    Shuffles and dropout masks come from ``seed`` too. callback(epoch, parameters, grads, cost) runs once per
    epoch (with the last mini-batch's grads). Returns (parameters, costs): costs holds num_epochs values, each
    the mean cost of the epoch's mini-batches (before their updates). With every option at its default the
    numbers are those of ``L_layer_model``.
    """
    return train_with_options(X, Y, parameters, learning_rate=learning_rate, num_epochs=num_epochs,
                              print_cost=print_cost, seed=seed, hidden_activation=hidden_activation,
                              callback=callback, lambd=lambd, keep_prob=keep_prob, optimizer=optimizer,
                              mini_batch_size=mini_batch_size, beta1=beta1, beta2=beta2, epsilon=epsilon,
                              decay=decay, decay_rate=decay_rate, time_interval=time_interval)


def train_with_options(X, Y, parameters, *, learning_rate, num_epochs, print_cost, seed, hidden_activation,
                       callback, lambd, keep_prob, optimizer, mini_batch_size, beta1, beta2, epsilon, decay,
                       decay_rate, time_interval):
    """The loop behind ``improved_model`` (its inputs checked there): ``training.fit`` with the package's steps.

    Returns (parameters, costs), the parameters a plain dict; costs holds one value per epoch: the mean over its
    mini-batches (weighted by their sizes) of the cost before each update. Shuffles and dropout masks come from
    two generators spawned from ``seed``. callback(epoch, parameters, grads, cost), if given, after each epoch.
    """
    shuffle_rng, dropout_rng = make_rngs(seed, 2)   # SeedSequence(seed).spawn(2) for an int seed
    steps = package_steps(hidden_activation, m=X.shape[1], lambd=lambd, keep_prob=keep_prob,
                          dropout_rng=dropout_rng, optimizer=optimizer, beta1=beta1, beta2=beta2, epsilon=epsilon)

    def learning_rate_of(epoch):
        return decayed_learning_rate(learning_rate, epoch, decay, decay_rate, time_interval)

    return fit(steps, X, Y, parameters, initialize_optimizer(parameters, optimizer), num_epochs, learning_rate_of,
               mini_batch_size=mini_batch_size, shuffle_rng=shuffle_rng, print_cost=print_cost, callback=callback)
