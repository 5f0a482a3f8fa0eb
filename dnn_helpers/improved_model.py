"""Notebooks 13 and 14: the training loop of notebook 06 with the improvements switched on.

``improved_model`` is ``L_layer_model`` plus L2, dropout, mini-batches, momentum/RMSprop/Adam and a
learning-rate decay. It counts epochs (``num_epochs``), one epoch being one pass over the training set:

    for each epoch:   learning rate of this epoch (decay)
        for each mini-batch (shuffled anew each epoch; one batch of all m examples without mini_batch_size):
            forward (with dropout) -> cost (+ L2 term) -> gradients (through the masks, + (lambd/m) W) -> update
"""

from .forward import Parameters, hidden_activation_of
from .model import overflow_as_teaching_error, prepare_training
from .optimizers import (check_decay, check_mini_batch_size, check_optimizer, decayed_learning_rate,
                         initialize_optimizer)
from .training import fit, package_steps
from .validation import check_beta, check_keep_prob, check_lambd, check_positive, make_rngs


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
    hidden_activation = hidden_activation_of(parameters, hidden_activation)   # given, or the start's, or relu
    X, Y, _, parameters = prepare_training(X, Y, layers_dims, learning_rate, num_epochs, seed, initialization,
                                           parameters, "num_epochs", callback)
    check_lambd(lambd)
    check_keep_prob(keep_prob)
    check_optimizer(optimizer)
    check_mini_batch_size(mini_batch_size)
    check_beta(beta1, "beta1")
    check_beta(beta2, "beta2")
    check_positive(epsilon, "epsilon")
    check_decay(decay, decay_rate, time_interval)
    return train_with_options(X, Y, parameters, learning_rate=learning_rate, num_epochs=num_epochs,
                              print_cost=print_cost, seed=seed, hidden_activation=hidden_activation,
                              callback=callback, lambd=lambd, keep_prob=keep_prob, optimizer=optimizer,
                              mini_batch_size=mini_batch_size, beta1=beta1, beta2=beta2, epsilon=epsilon,
                              decay=decay, decay_rate=decay_rate, time_interval=time_interval)


def train_with_options(X, Y, parameters, *, learning_rate, num_epochs, print_cost, seed, hidden_activation,
                       callback, lambd, keep_prob, optimizer, mini_batch_size, beta1, beta2, epsilon, decay,
                       decay_rate, time_interval):
    """The loop behind ``improved_model`` (its inputs checked there): ``training.fit`` with the package's steps.

    Returns (parameters, costs); costs holds one value per epoch: the mean over its mini-batches (weighted by
    their sizes) of the cost before each update. Shuffles and dropout masks come from two generators spawned
    from ``seed``.
    """
    shuffle_rng, dropout_rng = make_rngs(seed, 2)   # SeedSequence(seed).spawn(2) for an int seed
    steps = package_steps(hidden_activation, m=X.shape[1], lambd=lambd, keep_prob=keep_prob,
                          dropout_rng=dropout_rng, optimizer=optimizer, beta1=beta1, beta2=beta2, epsilon=epsilon)
    costs = []

    def learning_rate_of(epoch):
        return decayed_learning_rate(learning_rate, epoch, decay, decay_rate, time_interval)

    def each_epoch(epoch, parameters, grads, cost):   # the callback sees a network that runs as trained
        callback(epoch, Parameters(parameters, hidden_activation), grads, cost)

    with overflow_as_teaching_error(learning_rate, costs, X, lambd):
        parameters, costs = fit(steps, X, Y, parameters, initialize_optimizer(parameters, optimizer), num_epochs,
                                learning_rate_of, mini_batch_size=mini_batch_size, shuffle_rng=shuffle_rng,
                                costs=costs, print_cost=print_cost, callback=None if callback is None else each_epoch)
    return Parameters(parameters, hidden_activation), costs
