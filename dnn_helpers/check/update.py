"""The catalogue of dh.check for notebook 05_update_parameters: update_parameters.

(How a catalogue is written: ``engine.exercise`` and ``engine.mistake``.)
"""

from .engine import Case, exercise, mistake
from .inputs import ARCHITECTURES, seeded_rng, network

NOTEBOOK = "05"

# --- 05: update ---------------------------------------------------------------------------------------------------


def update_cases():
    cases = []
    for (dims, m, seed), rate in zip(ARCHITECTURES, (0.1, 0.5, 0.01, 1.2), strict=False):
        _, parameters = network(dims, m, seed)
        r = seeded_rng(seed + 100)
        grads = {"d" + key: r.standard_normal(value.shape) for key, value in parameters.items()}
        if seed % 2 == 0:  # as L_model_backward returns them, with dA0, ..., dA{L-1}, which update nothing
            L = len(dims) - 1
            grads.update({f"dA{l}": r.standard_normal((dims[l], m)) for l in range(L)})
        cases.append(Case({"parameters": parameters, "grads": grads, "learning_rate": rate}))
    return cases


@exercise("update_parameters", outputs=("parameters",), covers="1 to 3 layers, float32, inputs unchanged")
def _update_cases():
    return update_cases()


@mistake("update_parameters", "loop over the parameters, not over grads: grads also holds dA0, dA1, ..., which are "
                              "not parameters (new_parameters[name] = W - learning_rate * grads['d' + name])")
def loops_over_grads(parameters, grads, learning_rate):
    return {key[1:]: parameters[key[1:]] - learning_rate * value for key, value in grads.items()}


@mistake("update_parameters", "the step goes uphill: W := W - learning_rate * dW, with a minus sign")
def step_goes_uphill(parameters, grads, learning_rate):
    return {key: value + learning_rate * grads["d" + key] for key, value in parameters.items()}


@mistake("update_parameters", "the step must be learning_rate * dW: the learning rate is missing")
def learning_rate_missing(parameters, grads, learning_rate):
    return {key: value - grads["d" + key] for key, value in parameters.items()}


@mistake("update_parameters", "the biases are not updated: b[l] := b[l] - learning_rate * db[l] too")
def biases_not_updated(parameters, grads, learning_rate):
    return {key: value - learning_rate * grads["d" + key] if key.startswith("W") else value.copy()
            for key, value in parameters.items()}


@mistake("update_parameters", "this changes the caller's parameters in place (W -= ..., or parameters['W1'] = ... "
                              "on the dict it was given), so the old values are lost: build a new dict, "
                              "new_parameters[name] = W - learning_rate * dW")
def parameters_changed_in_place(parameters, grads, learning_rate):
    for key in parameters:
        parameters[key] -= learning_rate * grads["d" + key]
    return parameters


@mistake("update_parameters", "the last layer is not updated: loop over l = 1, ..., L, range(1, L + 1)")
def last_layer_not_updated(parameters, grads, learning_rate):
    L = len(parameters) // 2
    new = {key: value.copy() for key, value in parameters.items()}
    for l in range(1, L):
        new[f"W{l}"] = parameters[f"W{l}"] - learning_rate * grads[f"dW{l}"]
        new[f"b{l}"] = parameters[f"b{l}"] - learning_rate * grads[f"db{l}"]
    return new
