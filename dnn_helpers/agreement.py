"""One shared check: does a function written in a notebook agree with the one in dnn_helpers?

``check_agreement(my_linear_forward, "linear_forward")`` calls both on random inputs of several shapes and
compares every array they return (shapes and values). It prints one verdict line, or raises an
AssertionError that says which case differs and how.
"""

import numpy as np


def _layers(rng, dims, m):
    import dnn_helpers as dh
    X = rng.standard_normal((dims[0], m))
    parameters = dh.initialize_parameters_deep(dims, seed=int(rng.integers(1000)), method="xavier")
    return X, parameters


def _cases(name, rng):
    """Argument tuples for ``name`` on several shapes."""
    import dnn_helpers as dh
    shapes = [(1, 1), (3, 4), (5, 2)]
    architectures = [([2, 1], 3), ([4, 3, 1], 5), ([5, 4, 3, 1], 7)]
    if name in ("sigmoid", "relu", "tanh"):
        return [(rng.standard_normal(s) * 3,) for s in shapes]
    if name in ("sigmoid_backward", "relu_backward", "tanh_backward"):
        return [(rng.standard_normal(s), rng.standard_normal(s)) for s in shapes]
    if name == "initialize_parameters":
        return [(2, 3, 1), (4, 5, 1, 7), (3, 1, 1, 42)]  # the last argument, where given, is the seed
    if name == "initialize_parameters_deep":
        return [(dims,) for dims, _ in architectures] + [(dims, 5) for dims, _ in architectures]
    if name in ("linear_forward", "linear_activation_forward"):
        cases = [(rng.standard_normal((n_prev, m)), rng.standard_normal((n, n_prev)), rng.standard_normal((n, 1)))
                 for n, n_prev, m in [(1, 1, 1), (3, 4, 5), (2, 6, 3)]]
        if name == "linear_forward":
            return cases
        return [case + (activation,) for case in cases for activation in ("relu", "sigmoid", "tanh")]
    if name in ("L_model_forward", "predict"):
        return [_layers(rng, dims, m) for dims, m in architectures]
    if name == "compute_cost":
        return [(rng.uniform(0.01, 0.99, (1, m)), rng.integers(0, 2, (1, m))) for m in (1, 4, 9)]
    if name in ("linear_backward", "linear_activation_backward"):
        cases = []
        for n, n_prev, m in [(1, 1, 1), (3, 4, 5), (2, 6, 3)]:
            cache = (rng.standard_normal((n_prev, m)), rng.standard_normal((n, n_prev)), rng.standard_normal((n, 1)))
            if name == "linear_backward":
                cases.append((rng.standard_normal((n, m)), cache))
            else:
                cases += [(rng.standard_normal((n, m)), (cache, rng.standard_normal((n, m))), activation)
                          for activation in ("relu", "sigmoid", "tanh")]
        return cases
    if name == "L_model_backward":
        cases = []
        for dims, m in architectures:
            X, parameters = _layers(rng, dims, m)
            AL, caches = dh.L_model_forward(X, parameters)
            cases.append((AL, rng.integers(0, 2, (1, m)), caches))
        return cases
    if name == "update_parameters":
        cases = []
        for dims, _ in architectures:
            parameters = dh.initialize_parameters_deep(dims, seed=int(rng.integers(1000)), method="xavier")
            grads = {"d" + key: rng.standard_normal(value.shape) for key, value in parameters.items()}
            cases.append((parameters, grads, 0.1))
        return cases
    raise ValueError(f"no agreement check is defined for {name!r}")


def _compare(mine, reference, where="output"):
    """Return a description of the first difference between two nested results, or None."""
    if isinstance(reference, dict):
        if not isinstance(mine, dict) or set(mine) != set(reference):
            keys = sorted(mine) if isinstance(mine, dict) else type(mine).__name__
            return f"{where}: expected a dict with keys {sorted(reference)}, got {keys}"
        for key in reference:
            problem = _compare(mine[key], reference[key], f"{where}[{key!r}]")
            if problem:
                return problem
        return None
    if isinstance(reference, (tuple, list)):
        if not isinstance(mine, (tuple, list)) or len(mine) != len(reference):
            return f"{where}: expected a sequence of {len(reference)} items, got {type(mine).__name__}"
        for index, (a, b) in enumerate(zip(mine, reference, strict=True)):
            problem = _compare(a, b, f"{where}[{index}]")
            if problem:
                return problem
        return None
    if isinstance(reference, str) or reference is None:
        return None if mine == reference else f"{where}: expected {reference!r}, got {mine!r}"
    mine_array, reference_array = np.asarray(mine), np.asarray(reference)
    if mine_array.shape != reference_array.shape:
        return f"{where}: shape {mine_array.shape}, expected {reference_array.shape}"
    if not np.allclose(mine_array, reference_array, rtol=1e-9, atol=1e-12):
        gap = np.max(np.abs(mine_array.astype(float) - reference_array.astype(float)))
        return f"{where}: values differ by up to {gap:.3g}"
    return None


def check_agreement(function, name, seed=0):
    """Run ``function`` and ``dnn_helpers.<name>`` on the same random inputs of several shapes; compare."""
    import dnn_helpers as dh
    cases = _cases(name, np.random.default_rng(seed))
    reference = getattr(dh, name)
    for index, args in enumerate(cases, start=1):
        problem = _compare(function(*args), reference(*args))
        if problem:
            shapes = [getattr(arg, "shape", arg) for arg in args if not isinstance(arg, (dict, list, tuple))]
            raise AssertionError(f"{function.__name__} disagrees with dnn_helpers.{name} in case {index} "
                                 f"(inputs {shapes}): {problem}")
    print(f"✓ {function.__name__} agrees with dnn_helpers.{name} on {len(cases)} cases")
