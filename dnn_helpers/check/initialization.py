"""The catalogue of dh.check for notebook 01_initialization: initialize_parameters, initialize_parameters_deep.

(How a catalogue is written: ``engine.exercise`` and ``engine.mistake``.)
"""

import numpy as np

from .engine import Case, compare, exercise, mistake, run_on_copy

NOTEBOOK = "01"

# --- 01: initialization -------------------------------------------------------------------------------------------


def random_weights_check(function, cases, runs, references, deep):
    """Initialization drawn another valid way: shapes, zero biases, the 0.01 scale, same seed -> same numbers."""
    for index, (case, mine, ref) in enumerate(zip(cases, runs, references, strict=False), start=1):
        problem = compare(mine.output, ref.output)
        if problem is None:
            continue
        got, expected = mine.output, ref.output
        if not isinstance(got, dict):
            return f"returns a {type(got).__name__}; return a dict {{'W1': ..., 'b1': ..., ...}}"
        missing = [key for key in expected if key not in got]
        if missing:
            return f"the dict is missing {', '.join(map(repr, missing))} (case {index}, {case.inputs_text()})"
        extra = [key for key in got if key not in expected]
        if extra:
            return f"the dict has unexpected key(s) {', '.join(map(repr, extra))}; expected {list(expected)}"
        for key, value in expected.items():
            value_got = np.asarray(got[key])
            if value_got.shape != value.shape:
                if value_got.shape == value.shape[::-1]:
                    return (f"{key} has shape {value_got.shape}, expected {value.shape}: "
                            f"W[l] is (n[l], n[l-1]), b[l] is (n[l], 1)")
                return f"{key} has shape {value_got.shape}, expected {value.shape} ({case.inputs_text()})"
            if key.startswith("b") and np.any(value_got != 0):
                return f"{key} is not zero: biases start at zero (the random weights already break the symmetry)"
        weights = np.concatenate([np.ravel(got[key]) for key in expected if key.startswith("W")])
        if not np.any(weights):
            return ("the weights are all zero: every unit of a layer would compute the same thing forever; "
                    "draw them at random (rng.standard_normal(shape) * 0.01)")
        if weights.size >= 200:
            std = float(np.std(weights))
            if not 0.008 < std < 0.012:
                return (f"the weights have standard deviation {std:.3g}, expected 0.01: small random numbers, "
                        f"rng.standard_normal(shape) * 0.01")
            if abs(float(np.mean(weights))) > 0.002:
                return (f"the weights have mean {float(np.mean(weights)):.3g}, expected about 0: draw from a "
                        f"normal distribution centered at 0 (standard_normal, not random)")
        again = run_on_copy(function, case)
        if compare(again.output, got) is not None:
            return ("two calls with the same seed give different weights: draw from rng = "
                    "np.random.default_rng(seed), not from np.random's global state")
    return None


@exercise("initialize_parameters", outputs=("parameters",), float32=False,
          covers="shapes, zero biases, scale 0.01, int and Generator seeds, same seed -> same numbers",
          random=lambda f, c, r, refs: random_weights_check(f, c, r, refs, deep=False))
def _init_cases():
    return [Case({"n_x": 3, "n_h": 4, "n_y": 1}, {"seed": 1}), Case({"n_x": 1, "n_h": 1, "n_y": 1}, {"seed": 2}),
            Case({"n_x": 5, "n_h": 2, "n_y": 3}, {"seed": 7}), Case({"n_x": 40, "n_h": 30, "n_y": 1}, {"seed": 3}),
            Case({"n_x": 3, "n_h": 5, "n_y": 2}, {"seed": np.random.default_rng(8)}, label="seed a Generator")]


def _as_two_layer(init_deep):
    def init(n_x, n_h, n_y, seed=1):
        return init_deep([n_x, n_h, n_y], seed)
    return init


def _deep_small(scale=0.01, zero_b=True, transpose=False, fresh_rng=False, skip_last=False):
    def init(layer_dims, seed=1):
        rng = np.random.default_rng(seed)
        parameters = {}
        L = len(layer_dims) - 1
        for l in range(1, L if skip_last else L + 1):
            if fresh_rng:
                rng = np.random.default_rng(seed)
            shape = (layer_dims[l], layer_dims[l - 1])
            W = rng.standard_normal(shape[::-1] if transpose else shape) * scale
            parameters[f"W{l}"] = W
            b_shape = (layer_dims[l], 1)
            parameters[f"b{l}"] = np.zeros(b_shape) if zero_b else rng.standard_normal(b_shape) * scale
        return parameters
    return init


INIT_MISTAKES = [
    ("weights_all_zero", _deep_small(scale=0.0),
     "the weights are all zero: every unit of a layer would compute the same thing forever; "
     "draw them at random, rng.standard_normal(shape) * 0.01"),
    ("weights_not_scaled_by_0_01", _deep_small(scale=1.0),
     "the weights are 100 times too large: multiply the standard-normal draws by 0.01"),
    ("W_transposed", _deep_small(transpose=True),
     "W[l] is transposed: it must be (n[l], n[l-1]), rows for this layer's units, columns for the inputs"),
    ("random_biases", _deep_small(zero_b=False),
     "the biases must start at zero (np.zeros((n[l], 1))): the random weights already break the symmetry"),
    ("generator_created_per_layer", _deep_small(fresh_rng=True),
     "the generator is created again for every layer, so each layer starts the same stream of numbers: "
     "create rng = np.random.default_rng(seed) once, before the loop"),
    ("last_layer_missing", _deep_small(skip_last=True),
     "the last layer is missing: loop over l = 1, ..., L with range(1, L + 1), where L = len(layer_dims) - 1"),
]
for _called, _function, _sentence in INIT_MISTAKES:
    mistake("initialize_parameters", _sentence, called=_called)(_as_two_layer(_function))


@exercise("initialize_parameters_deep", outputs=("parameters",), float32=False,
          covers="shapes, zero biases, scale 0.01, int and Generator seeds, same seed -> same numbers",
          random=lambda f, c, r, refs: random_weights_check(f, c, r, refs, deep=True))
def _init_deep_cases():
    return [Case({"layer_dims": [3, 4, 1]}, {"seed": 1}), Case({"layer_dims": [5, 4, 3, 1]}, {"seed": 2}),
            Case({"layer_dims": [1, 1]}, {"seed": 3}), Case({"layer_dims": [30, 20, 10, 1]}, {"seed": 4}),
            Case({"layer_dims": [4, 3, 2, 1]}, {"seed": np.random.default_rng(5)}, label="seed a Generator")]


for _called, _function, _sentence in INIT_MISTAKES:
    mistake("initialize_parameters_deep", _sentence, called=_called)(_function)


@mistake("initialize_parameters_deep", "the loop misses layer 1: range(1, L + 1) starts at 1 and includes L")
def layer_1_missing(layer_dims, seed=1):
    rng = np.random.default_rng(seed)
    parameters = {}
    for l in range(2, len(layer_dims)):
        parameters[f"W{l}"] = rng.standard_normal((layer_dims[l], layer_dims[l - 1])) * 0.01
        parameters[f"b{l}"] = np.zeros((layer_dims[l], 1))
    return parameters
