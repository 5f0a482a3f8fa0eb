"""The catalogue of dh.check for notebook 18_when_training_goes_wrong: dead_relu_fractions, update_ratios.

Each ``@exercise`` builds the fixed inputs of one function; each ``@mistake`` is a small wrong implementation with the
sentence a teacher would say when a learner's outputs match its outputs on every input. Mistakes are tried in the
order written here, so the specific ones come before the general ones.
"""

import numpy as np

from .. import diagnostics
from ..backward import L_model_backward
from ..forward import L_model_forward
from .engine import Case, exercise, mistake
from .inputs import labels, network, seeded_rng

NOTEBOOK = "18"
ORDER = ("dead_relu_fractions", "update_ratios")  # as the notebook teaches them

# --- dead_relu_fractions --------------------------------------------------------------------------------------------


def _caches(dims, m, seed, dead=(), zero=(), half=()):
    """The caches of a forward pass in which some units of layer 1 are planted: dead (a large negative bias), exactly
    zero on every example (a zero row and bias: Z = 0, a dead ReLU too), or dead on about half of the examples."""
    X, parameters = network(dims, m, seed)
    for l, j in dead:
        parameters[f"b{l}"][j, 0] = -50.0
    for l, j in zero:
        parameters[f"W{l}"][j, :] = 0.0
        parameters[f"b{l}"][j, 0] = 0.0
    for l, j in half:
        parameters[f"b{l}"][j, 0] = 0.0
        parameters[f"W{l}"][j, :] = seeded_rng(seed + 50).standard_normal(dims[l - 1])
    return L_model_forward(X, parameters)[1]


@exercise("dead_relu_fractions", outputs=("fractions",), float32=False, reference=diagnostics.dead_relu_fractions,
          covers="1 to 3 hidden layers, units dead, alive, dead on some examples only, Z exactly 0, m = 1")
def _dead_relu_fractions_cases():
    return [
        Case({"caches": _caches([3, 6, 5, 1], 8, 1, dead=[(1, 0), (1, 3), (2, 1)], zero=[(1, 4)], half=[(2, 2)])},
             label="dead, zero and half-dead units"),
        Case({"caches": _caches([2, 4, 1], 5, 2, dead=[(1, 2)], zero=[(1, 0)])}, label="one hidden layer"),
        Case({"caches": _caches([4, 5, 4, 3, 1], 6, 3, dead=[(2, 0), (2, 1), (3, 2)], half=[(1, 1)])},
             label="three hidden layers"),
        Case({"caches": _caches([3, 5, 4, 1], 1, 4, zero=[(2, 3)])}, m=1, label="m = 1"),
        Case({"caches": _caches([3, 6, 4, 1], 7, 5)}, label="no planted unit"),
    ]


def _dead(caches, test=lambda Z: np.all(Z <= 0, axis=1), which=slice(None, -1)):
    return np.array([np.mean(test(Z)) for _, Z in caches[which]])


@mistake("dead_relu_fractions", "a unit is dead when its Z <= 0 on every example (np.all over axis=1), not the "
                                "fraction of zero outputs in the layer: one dead unit is a whole row")
def fraction_of_zero_outputs_not_of_units(caches):
    return _dead(caches, lambda Z: Z <= 0)


@mistake("dead_relu_fractions", "np.any counts a unit that is 0 on a single example: a dead unit is <= 0 on every "
                                "example, np.all(Z <= 0, axis=1)")
def dead_on_any_example_instead_of_all(caches):
    return _dead(caches, lambda Z: np.any(Z <= 0, axis=1))


@mistake("dead_relu_fractions", "the output layer is a sigmoid, not a ReLU: leave out the last cache (caches[:-1]), "
                                "so the answer has L - 1 entries")
def output_layer_included(caches):
    return _dead(caches, which=slice(None))


@mistake("dead_relu_fractions", "Z = 0 counts as dead (the ReLU outputs 0 and its derivative is 0 there): use "
                                "Z <= 0, not Z < 0")
def strict_inequality_misses_z_exactly_zero(caches):
    return _dead(caches, lambda Z: np.all(Z < 0, axis=1))


@mistake("dead_relu_fractions", "the number of dead units, not their fraction: divide by n[l], the number of units "
                                "(np.mean of the booleans does it)")
def counts_dead_units_instead_of_fraction(caches):
    return np.array([np.sum(np.all(Z <= 0, axis=1)) for _, Z in caches[:-1]], dtype=float)


@mistake("dead_relu_fractions", "np.all over axis=0 asks whether every unit is dead on an example: a unit is a row, "
                                "so take np.all(Z <= 0, axis=1)")
def all_over_the_units_axis_0(caches):
    return _dead(caches, lambda Z: np.all(Z <= 0, axis=0))


@mistake("dead_relu_fractions", "that is the fraction of units alive: a dead unit has Z <= 0 on every example")
def fraction_alive_instead_of_dead(caches):
    return 1 - _dead(caches)


@mistake("dead_relu_fractions", "only the first example is looked at: a dead unit is <= 0 on all m examples, "
                                "np.all(Z <= 0, axis=1)")
def first_example_only(caches):
    return _dead(caches, lambda Z: Z[:, 0] <= 0)


@mistake("dead_relu_fractions", "A_prev, the first item of a layer's linear cache, is the previous layer's output: "
                                "take Z, the layer cache's second item (cache = ((A_prev, W, b), Z))")
def previous_layers_output_a_prev(caches):
    return np.array([np.mean(np.all(linear_cache[0] <= 0, axis=1)) for linear_cache, _ in caches[:-1]])


# --- update_ratios ------------------------------------------------------------------------------------------------


def _update_case(dims, examples, seed, learning_rate, tanh=False, **options):
    X, parameters = network(dims, examples, seed)
    AL, caches = L_model_forward(X, parameters)
    grads = L_model_backward(AL, labels(examples, seed), caches)   # dA0, dA1, ... included, as backward gives them
    if tanh:
        parameters = {**parameters, "hidden_activation": "tanh"}
    return Case({"parameters": parameters, "grads": grads, "learning_rate": learning_rate}, **options)


@exercise("update_ratios", outputs=("ratios",), float32=False, reference=diagnostics.update_ratios,
          covers="1 to 3 layers, learning rates 0.01 to 2, grads with dA keys, a tanh network's dict, m = 1")
def _update_ratios_cases():
    return [
        _update_case([3, 5, 4, 1], 6, 1, 0.5),
        _update_case([2, 3, 1], 4, 2, 0.01),
        _update_case([4, 6, 5, 3, 1], 5, 3, 2.0, label="three hidden layers"),
        _update_case([3, 1], 7, 4, 1.3, label="one layer"),
        _update_case([3, 4, 1], 1, 5, 0.3, m=1, label="m = 1"),
        _update_case([3, 4, 2, 1], 5, 6, 0.7, tanh=True, label="the dict of a tanh network"),
    ]


def _ratios(parameters, grads, learning_rate, ratio):
    L = len(parameters) // 2
    return np.array([ratio(parameters[f"W{l}"], learning_rate * grads[f"dW{l}"], parameters[f"b{l}"],
                           learning_rate * grads[f"db{l}"]) for l in range(1, L + 1)])


@mistake("update_ratios", "the learning rate belongs in the numerator: the step is learning_rate * dW, so the ratio "
                          "is ||learning_rate * dW|| / ||W||")
def learning_rate_left_out(parameters, grads, learning_rate):
    return _ratios(parameters, grads, 1.0, lambda W, step, b, step_b: np.linalg.norm(step) / np.linalg.norm(W))


@mistake("update_ratios", "L = len(parameters) counts every W and b: the network has L = len(parameters) // 2 "
                          "layers")
def layers_counted_as_entries(parameters, grads, learning_rate):
    L = len(parameters)
    return np.array([np.linalg.norm(learning_rate * grads[f"dW{l}"]) / np.linalg.norm(parameters[f"W{l}"])
                     for l in range(1, L + 1)])


@mistake("update_ratios", "the ratio is upside down: the step's norm goes on top, ||learning_rate * dW|| / ||W||")
def ratio_upside_down(parameters, grads, learning_rate):
    return _ratios(parameters, grads, learning_rate,
                   lambda W, step, b, step_b: np.linalg.norm(W) / np.linalg.norm(step))


@mistake("update_ratios", "use the norms themselves (np.linalg.norm), not their squares")
def squared_norms(parameters, grads, learning_rate):
    return _ratios(parameters, grads, learning_rate,
                   lambda W, step, b, step_b: np.linalg.norm(step) ** 2 / np.linalg.norm(W) ** 2)


@mistake("update_ratios", "np.linalg.norm(M, 2) is the largest singular value: the ratio uses the Frobenius norm, "
                          "np.linalg.norm(M) with no ord")
def spectral_norm_ord_2(parameters, grads, learning_rate):
    return _ratios(parameters, grads, learning_rate,
                   lambda W, step, b, step_b: np.linalg.norm(step, 2) / np.linalg.norm(W, 2))


@mistake("update_ratios", "the mean of entry-by-entry ratios |step| / |W| is not the ratio of the norms: "
                          "||learning_rate * dW|| / ||W||, one division per layer")
def mean_of_entrywise_ratios(parameters, grads, learning_rate):
    return _ratios(parameters, grads, learning_rate, lambda W, step, b, step_b: np.mean(np.abs(step) / np.abs(W)))


@mistake("update_ratios", "the mean absolute values are not norms: use np.linalg.norm (the square root of the sum of "
                          "squares) of the step and of W")
def mean_absolute_values_instead_of_norms(parameters, grads, learning_rate):
    return _ratios(parameters, grads, learning_rate,
                   lambda W, step, b, step_b: np.mean(np.abs(step)) / np.mean(np.abs(W)))


@mistake("update_ratios", "divide by the weights before the step, ||W||, not by the updated W - learning_rate * dW")
def updated_weights_in_the_denominator(parameters, grads, learning_rate):
    return _ratios(parameters, grads, learning_rate,
                   lambda W, step, b, step_b: np.linalg.norm(step) / np.linalg.norm(W - step))


@mistake("update_ratios", "weights only: the ratio compares learning_rate * dW with W, leave the biases out")
def biases_included(parameters, grads, learning_rate):
    return _ratios(parameters, grads, learning_rate,
                   lambda W, step, b, step_b: np.sqrt(np.sum(step ** 2) + np.sum(step_b ** 2))
                   / np.sqrt(np.sum(W ** 2) + np.sum(b ** 2)))


@mistake("update_ratios", "the ratios come in the order of the layers, l = 1, ..., L (not from L down, as backward "
                          "fills grads)")
def layers_in_backward_order(parameters, grads, learning_rate):
    return _reference_ratios(parameters, grads, learning_rate)[::-1]


@mistake("update_ratios", "the last layer is missing: range(1, L + 1) goes through every layer, l = 1, ..., L")
def last_layer_left_out(parameters, grads, learning_rate):
    return _reference_ratios(parameters, grads, learning_rate)[:-1]


@mistake("update_ratios", "count the layers from parameters (len(parameters) // 2): grads also holds dA0, dA1, ..., "
                          "so len(grads) // 2 is too many")
def layers_counted_from_grads(parameters, grads, learning_rate):
    L = len(grads) // 2
    return np.array([np.linalg.norm(learning_rate * grads[f"dW{l}"]) / np.linalg.norm(parameters[f"W{l}"])
                     for l in range(1, L + 1)])


def _reference_ratios(parameters, grads, learning_rate):
    return _ratios(parameters, grads, learning_rate,
                   lambda W, step, b, step_b: np.linalg.norm(step) / np.linalg.norm(W))
