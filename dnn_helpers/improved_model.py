"""Notebooks 13 and 14: the training loop of notebook 06 with the improvements switched on.

``improved_model`` is ``L_layer_model`` plus L2, dropout, mini-batches, momentum/RMSprop/Adam and a
learning-rate decay. It counts epochs (``num_epochs``), one epoch being one pass over the training set:

    for each epoch:   learning rate of this epoch (decay)
        for each mini-batch (shuffled anew each epoch; one batch of all m examples without mini_batch_size):
            forward (with dropout) -> cost (+ L2 term) -> gradients (through the masks, + (lambd/m) W) -> update
"""

from .forward import L_model_forward, Parameters, hidden_activation_of
from .model import diverging_raises, model_gradients, prepare_training
from .output_layer import output_cost
from .optimizers import (check_beta, check_decay, check_mini_batch_size, check_optimizer, decayed_learning_rate,
                         initialize_optimizer, optimizer_update, random_mini_batches)
from .regularization import (L_model_backward_with_dropout, L_model_forward_with_dropout, add_l2_gradients,
                             check_keep_prob, check_lambd, l2_regularization_cost)
from .validation import check_positive, make_rngs


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
    cost = output_cost(caches, Y)   # from the logits Z[L] (softplus / log-sum-exp): the true loss at any saturation
    if lambd:   # lambd >= 0 (checked): 0 is no L2 term at all
        cost += l2_regularization_cost(parameters, lambd, m)
        grads = add_l2_gradients(grads, parameters, lambd, m)
    return cost, grads


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
    """The loop behind ``improved_model`` (its inputs checked there). Returns (parameters, costs).

    costs holds one value per epoch: the mean over its mini-batches (weighted by their sizes) of the cost
    before each update. Shuffles and dropout masks come from two generators spawned from ``seed``.
    """
    shuffle_rng, dropout_rng = make_rngs(seed, 2)   # SeedSequence(seed).spawn(2) for an int seed
    state = initialize_optimizer(parameters, optimizer)
    m, costs = X.shape[1], []
    unit = "iteration" if mini_batch_size is None else "epoch"
    with diverging_raises(learning_rate, costs, X, lambd):
        for epoch in range(num_epochs):
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
            if print_cost and (epoch % 100 == 0 or epoch == num_epochs - 1):
                print(f"Cost after {unit} {epoch}: {epoch_cost:.4f}")
            if callback is not None:
                callback(epoch, Parameters(parameters, hidden_activation), grads, epoch_cost)
    return Parameters(parameters, hidden_activation), costs
