"""The catalogue of dh.check for notebook 13_regularization: L2 (l2_regularization_cost,
compute_cost_with_regularization, add_l2_gradients, L_model_backward_with_regularization) and dropout
(dropout_forward, dropout_backward, L_model_forward_with_dropout, L_model_backward_with_dropout).

(How a catalogue is written: ``engine.exercise`` and ``engine.mistake``.)
"""

import numpy as np

from ..forward import L_model_forward
from ..regularization import L_model_forward_with_dropout
from .backward import CLIP_SENTENCE, plain_backward, plain_linear_backward, saturated_case
from .engine import Case, compare, converts_to_float64, exercise, explain_grads, mistake, run_on_copy, values_close
from .inputs import ACTIVATION_OF, DERIVATIVE_OF, seeded_rng, labels, network

NOTEBOOK = "13"

# --- 13: L2 regularization ------------------------------------------------------------------------------------------


def l2_cases(with_AL):
    cases = []
    for (dims, m, seed), lambd in zip([([3, 4, 1], 5, 1), ([5, 4, 3, 1], 7, 2), ([2, 3, 1], 1, 3)], (0.7, 0.1, 2.0),
                                      strict=True):
        _, parameters = network(dims, m, seed)
        if with_AL:
            AL = seeded_rng(seed).uniform(0.05, 0.95, (1, m))
            cases.append(Case({"AL": AL, "Y": labels(m, seed), "parameters": parameters, "lambd": lambd}, m=m))
        else:
            cases.append(Case({"parameters": parameters, "lambd": lambd, "m": m}, m=m))
    return cases


@exercise("l2_regularization_cost", outputs=("L2 term",), covers="1 to 3 layers, m = 1, float32, inputs unchanged")
def _l2_cost_cases():
    return l2_cases(with_AL=False)


def _squares(parameters, kind="right"):
    """Σ_l ‖W[l]‖², or the sum that the L2 mistake ``kind`` (its name) takes instead."""
    L = len(parameters) // 2
    layers = {"only_last_layer": [L], "only_first_layer": [1], "last_layer_left_out": range(1, L)}.get(
        kind, range(1, L + 1))
    total = sum(float(np.sum(np.square(parameters[f"W{l}"]))) for l in layers)
    if kind == "biases_penalized":
        total += sum(float(np.sum(np.square(parameters[f"b{l}"]))) for l in range(1, L + 1))
    if kind == "absolute_values_L1":
        total = sum(float(np.sum(np.abs(parameters[f"W{l}"]))) for l in range(1, L + 1))
    if kind == "norm_not_squared":
        total = sum(float(np.linalg.norm(parameters[f"W{l}"])) for l in range(1, L + 1))
    if kind == "square_of_sum":
        total = sum(float(np.sum(parameters[f"W{l}"])) ** 2 for l in range(1, L + 1))
    return total


def _l2_cost_variant(parameters, lambd, m, kind):
    """(λ / 2m) Σ_l ‖W[l]‖² with the L2 mistake ``kind`` (its name)."""
    factor = {"half_missing": lambd / m, "not_divided_by_m": lambd / 2}.get(kind, lambd / (2 * m))
    return factor * _squares(parameters, kind)


L2_COST_MISTAKES = [
    ("half_missing", "the L2 term is (λ / 2m) Σ‖W[l]‖²: the 1/2 is missing"),
    ("not_divided_by_m", "the L2 term is (λ / 2m) Σ‖W[l]‖²: divide by m, the number of examples"),
    ("biases_penalized", "only the weights are penalized: leave the biases b[l] out of the sum of squares"),
    ("absolute_values_L1", "L2 squares the weights (np.sum(np.square(W))); the sum of |W| is the L1 penalty"),
    ("norm_not_squared", "‖W‖² is the sum of the squares of the weights; np.linalg.norm(W) is its square root"),
    ("only_last_layer", "the penalty sums over every layer l = 1, ..., L, not only the last one"),
    ("only_first_layer", "the penalty sums over every layer l = 1, ..., L, not only the first one"),
    ("last_layer_left_out", "the last layer's weights are left out: sum over l = 1, ..., L, range(1, L + 1)"),
    ("square_of_sum", "square each weight, then add them up: np.sum(np.square(W)), not np.sum(W) ** 2"),
]
for _called, _sentence in L2_COST_MISTAKES:
    mistake("l2_regularization_cost", _sentence, called=_called)(
        lambda parameters, lambd, m, kind=_called: _l2_cost_variant(parameters, lambd, m, kind))


@exercise("compute_cost_with_regularization", outputs=("cost",),
          covers="1 to 3 layers, m = 1, float32, inputs unchanged")
def _cost_l2_cases():
    return l2_cases(with_AL=True)


def _cross_entropy(AL, Y):
    eps = np.finfo(AL.dtype).eps
    P = np.clip(AL, eps, 1 - eps)
    return float(-np.sum(Y * np.log(P) + (1 - Y) * np.log(1 - P)) / AL.shape[1])


for _called, _sentence in L2_COST_MISTAKES:
    mistake("compute_cost_with_regularization", _sentence, called=f"l2_term_{_called}")(
        lambda AL, Y, parameters, lambd, kind=_called: _cross_entropy(AL, Y) + _l2_cost_variant(parameters, lambd,
                                                                                               AL.shape[1], kind))


@mistake("compute_cost_with_regularization", "the L2 term is added to the cost (it penalizes large weights), "
                                             "not subtracted")
def l2_term_subtracted(AL, Y, parameters, lambd):
    return _cross_entropy(AL, Y) - lambd / (2 * AL.shape[1]) * _squares(parameters)


@mistake("compute_cost_with_regularization", "m is the number of examples, AL.shape[1], not a size of W1")
def m_taken_from_W1(AL, Y, parameters, lambd):
    return _cross_entropy(AL, Y) + lambd / (2 * parameters["W1"].shape[1]) * _squares(parameters)


@mistake("compute_cost_with_regularization", "the L2 term is missing: add lambd / (2 m) · Σ_l ‖W[l]‖² (the sum of all "
                                             "squared weights) to the cross-entropy")
def l2_term_missing(AL, Y, parameters, lambd):
    return _cross_entropy(AL, Y)


@mistake("compute_cost_with_regularization", "lambd appears once: the L2 term is lambd / (2 m) · Σ_l ‖W[l]‖² (is it "
                                             "multiplied by lambd again?)")
def lambd_applied_twice(AL, Y, parameters, lambd):
    return _cross_entropy(AL, Y) + lambd * lambd / (2 * AL.shape[1]) * _squares(parameters)


@mistake("compute_cost_with_regularization", "this is only the L2 term: the cost is the cross-entropy plus it")
def only_the_l2_term(AL, Y, parameters, lambd):
    return lambd / (2 * AL.shape[1]) * _squares(parameters)


def l2_grads_cases():
    cases = []
    for (dims, m, seed), lambd in zip([([3, 4, 1], 5, 1), ([5, 4, 3, 1], 7, 2), ([2, 3, 1], 1, 3)], (0.7, 0.1, 2.0),
                                      strict=True):
        _, parameters = network(dims, m, seed)
        r = seeded_rng(seed + 7)
        grads = {"d" + key: r.standard_normal(value.shape) for key, value in parameters.items()}
        cases.append(Case({"grads": grads, "parameters": parameters, "lambd": lambd, "m": m}, m=m))
    return cases


@exercise("add_l2_gradients", outputs=("grads",), covers="1 to 3 layers, m = 1, float32, inputs unchanged")
def _add_l2_cases():
    return l2_grads_cases()


def _add_l2_variant(grads, parameters, lambd, m, factor=1.0, to_b=False, sign=1, skip_last=False):
    new = dict(grads)
    last = f"W{len(parameters) // 2}"
    for key, value in parameters.items():
        if skip_last and key == last:
            continue
        if key.startswith("W") or to_b:
            new["d" + key] = grads["d" + key] + sign * factor * (lambd / m) * value
    return new


@mistake("add_l2_gradients", "the gradient of (λ / 2m)‖W‖² is (λ / m) W: the 2 of the square cancels the 1/2")
def l2_gradient_divided_by_2m(grads, parameters, lambd, m):
    return _add_l2_variant(grads, parameters, lambd, m, factor=0.5)


@mistake("add_l2_gradients", "the last layer's dW[L] needs its (λ / m) W[L] too: every layer, l = 1, ..., L")
def last_layer_not_regularized(grads, parameters, lambd, m):
    return _add_l2_variant(grads, parameters, lambd, m, skip_last=True)


@mistake("add_l2_gradients", "the term is (λ / m) W[l]: divide by m")
def l2_gradient_not_divided_by_m(grads, parameters, lambd, m):
    return _add_l2_variant(grads, parameters, lambd, m, factor=m)


@mistake("add_l2_gradients", "db is unchanged: the biases are not penalized, only dW[l] gains (λ / m) W[l]")
def biases_regularized(grads, parameters, lambd, m):
    return _add_l2_variant(grads, parameters, lambd, m, to_b=True)


@mistake("add_l2_gradients", "the penalty's gradient is added, dW[l] + (λ / m) W[l], not subtracted")
def l2_gradient_subtracted(grads, parameters, lambd, m):
    return _add_l2_variant(grads, parameters, lambd, m, sign=-1)


@mistake("add_l2_gradients", "the caller's grads are changed: new_grads = grads is the same dict (not a copy), "
                             "and += changes the arrays even of a copied dict: build a new dict, "
                             "new_grads = {}, then new_grads[key] = grads[key] + (lambd / m) * W")
def grads_changed_in_place(grads, parameters, lambd, m):
    new = dict(grads)
    for key, value in parameters.items():
        if key.startswith("W"):
            new["d" + key] += lambd / m * value
    return new


def backward_l2_cases():
    cases = []
    for (dims, m, seed), lambd in zip([([3, 4, 1], 5, 1), ([5, 4, 3, 1], 7, 2), ([2, 3, 1], 1, 3)], (0.7, 0.1, 2.0),
                                      strict=True):
        X, parameters = network(dims, m, seed)
        AL, caches = L_model_forward(X, parameters)
        cases.append(Case({"AL": AL, "Y": labels(m, seed), "caches": caches, "lambd": lambd}, m=m))
    return cases


@exercise("L_model_backward_with_regularization", outputs=("grads",), explain=explain_grads, hint=False,
          covers="1 to 3 layers, m = 1, float32, inputs unchanged")
def _backward_l2_cases():
    return backward_l2_cases()


def _backward_l2_variant(AL, Y, caches, lambd, factor=1.0, to_b=False, sign=1, skip_last=False):
    grads = plain_backward(AL, Y, caches)
    m = AL.shape[1]
    for l, ((_, W, b), _) in enumerate(caches[:-1] if skip_last else caches, start=1):
        grads[f"dW{l}"] = grads[f"dW{l}"] + sign * factor * lambd / m * W
        if to_b:
            grads[f"db{l}"] = grads[f"db{l}"] + sign * factor * lambd / m * b
    return grads


@mistake("L_model_backward_with_regularization", "the L2 term is missing: each dW[l] gains (λ / m) W[l]")
def backward_l2_gradient_missing(AL, Y, caches, lambd, hidden_activation="relu"):
    return _backward_l2_variant(AL, Y, caches, lambd, factor=0.0)


@mistake("L_model_backward_with_regularization", "the gradient of (λ / 2m)‖W‖² is (λ / m) W: the 2 of the square "
                                                 "cancels the 1/2")
def backward_l2_gradient_divided_by_2m(AL, Y, caches, lambd, hidden_activation="relu"):
    return _backward_l2_variant(AL, Y, caches, lambd, factor=0.5)


@mistake("L_model_backward_with_regularization", "db is unchanged: the biases are not penalized")
def backward_biases_regularized(AL, Y, caches, lambd, hidden_activation="relu"):
    return _backward_l2_variant(AL, Y, caches, lambd, to_b=True)


@mistake("L_model_backward_with_regularization", "the penalty's gradient is added, dW[l] + (λ / m) W[l], "
                                                 "not subtracted")
def backward_l2_gradient_subtracted(AL, Y, caches, lambd, hidden_activation="relu"):
    return _backward_l2_variant(AL, Y, caches, lambd, sign=-1)


@mistake("L_model_backward_with_regularization", "the last layer's dW[L] needs its (λ / m) W[L] too: every layer, "
                                                 "l = 1, ..., L")
def backward_last_layer_not_regularized(AL, Y, caches, lambd, hidden_activation="relu"):
    return _backward_l2_variant(AL, Y, caches, lambd, skip_last=True)


@mistake("L_model_backward_with_regularization", "the term is (λ / m) W[l]: divide by m, the number of examples")
def backward_l2_gradient_not_divided_by_m(AL, Y, caches, lambd, hidden_activation="relu"):
    return _backward_l2_variant(AL, Y, caches, lambd, factor=AL.shape[1])


# --- 13: dropout ----------------------------------------------------------------------------------------------------


def shared_mask(D, layer=""):
    """The sentence if every example (column) or every unit (row) of a mask is dropped the same way, else None."""
    D = np.asarray(D)
    if D.ndim != 2 or D.shape[0] < 3 or D.shape[1] < 3 or D.all() or not D.any():
        return None
    if (D == D[:, :1]).all():
        return (f"one mask{layer} is shared by every example (each column of D is the same): draw one random number "
                f"per unit and per example, rng.random(A.shape) < keep_prob")
    if (D == D[:1, :]).all():
        return (f"one mask{layer} is shared by every unit (each row of D is the same): draw one random number per unit "
                f"and per example, rng.random(A.shape) < keep_prob")
    return None


def dropout_check(function, cases, runs, references):
    """Masks drawn another valid way: D is 0/1 and shaped like A, A = A * D / keep_prob, the keep rate, the seed."""
    for case, mine in zip(cases, runs, strict=True):
        A, keep_prob = case.args["A"], case.args["keep_prob"]
        out = mine.output
        if not (isinstance(out, tuple) and len(out) == 2):
            return "returns (A, D): the dropped-out activations and the mask, to keep in the cache"
        A_out, D = np.asarray(out[0]), np.asarray(out[1])
        if D.shape != A.shape or A_out.shape != A.shape:
            return f"A and D must both have A's shape {A.shape}; got {A_out.shape} and {D.shape}"
        if not np.isin(D, (0, 1)).all():
            return "D must be a mask of 0s and 1s (True/False): D = rng.random(A.shape) < keep_prob"
        right = A * D / keep_prob
        if values_close(A_out, A * D) and not values_close(A * D, right):
            return ("inverted dropout divides the kept values by keep_prob, so that the expected value of A "
                    "stays the same: A * D / keep_prob")
        if values_close(A_out, A * D * keep_prob) and not values_close(A * D * keep_prob, right):
            return "divide by keep_prob (A * D / keep_prob), do not multiply by it"
        if keep_prob < 1 and values_close(A_out, A * D / (1 - keep_prob)) and not values_close(right, A_out):
            return "divide by keep_prob, the probability of keeping a unit, not by 1 - keep_prob"
        if not values_close(A_out, right):
            return "the output must be A * D / keep_prob, with the mask D it returns"
        if A_out.dtype != A.dtype and converts_to_float64(function):
            return f"A is {A_out.dtype} for {A.dtype} inputs: keep the input's dtype (float32 in, float32 out)"
        shared = shared_mask(D)
        if shared:
            return shared
        if D.size >= 1000:
            rate = float(np.mean(D))
            if abs(rate - keep_prob) > 0.05:
                hint = (": a unit is kept where the random number is below keep_prob" if
                        abs(rate - (1 - keep_prob)) < 0.05 else "")
                return f"the mask keeps {rate:.0%} of the units, expected keep_prob = {keep_prob:.0%}{hint}"
            again = run_on_copy(function, case)
            if compare(again.output, out, strict_dtype=False) is not None:
                return "the same seed must give the same mask: draw from np.random.default_rng(seed)"
    return None


@exercise("dropout_forward", outputs=("A", "D"),
          covers="keep_prob 0.8, 0.5 and 1, int and Generator seeds, float32, inputs unchanged",
          random=dropout_check)
def _dropout_forward_cases():
    r = seeded_rng(90)
    return [Case({"A": np.abs(r.standard_normal((4, 5))), "keep_prob": 0.8}, {"seed": 1}),
            Case({"A": np.abs(r.standard_normal((1, 1))) + 0.1, "keep_prob": 0.5}, {"seed": 2}),
            Case({"A": np.abs(r.standard_normal((3, 6))), "keep_prob": 1.0}, {"seed": 3}, label="keep_prob 1"),
            Case({"A": np.abs(r.standard_normal((50, 40))) + 0.1, "keep_prob": 0.7}, {"seed": 4}),
            Case({"A": np.abs(r.standard_normal((6, 7))) + 0.1, "keep_prob": 0.6}, {"seed": seeded_rng(5)},
                 label="seed a Generator")]


def _dropout_variant(A, keep_prob, seed, compare_keep="<", scale="divide", apply=True):
    U = np.random.default_rng(seed).random(A.shape)
    D = U < keep_prob if compare_keep == "<" else U > keep_prob
    out = A * D if apply else A
    return (out / keep_prob if scale == "divide" else out * keep_prob if scale == "multiply" else out), D


@mistake("dropout_forward", "inverted dropout divides the kept values by keep_prob, so that the expected value of A "
                            "stays the same: A * D / keep_prob")
def not_divided_by_keep_prob(A, keep_prob, seed=0):
    return _dropout_variant(A, keep_prob, seed, scale="none")


@mistake("dropout_forward", "a unit is kept where the random number is below keep_prob: D = rng.random(A.shape) < "
                            "keep_prob (with > it keeps only 1 - keep_prob of them)")
def mask_reversed(A, keep_prob, seed=0):
    return _dropout_variant(A, keep_prob, seed, compare_keep=">")


@mistake("dropout_forward", "divide by keep_prob (A * D / keep_prob), do not multiply by it")
def multiplied_by_keep_prob(A, keep_prob, seed=0):
    return _dropout_variant(A, keep_prob, seed, scale="multiply")


@mistake("dropout_forward", "divide by keep_prob, the probability of keeping a unit, not by 1 - keep_prob")
def divided_by_drop_probability(A, keep_prob, seed=0):
    D = np.random.default_rng(seed).random(A.shape) < keep_prob
    with np.errstate(divide="ignore", invalid="ignore"):
        return A * D / (1 - keep_prob), D


@mistake("dropout_forward", "the mask is never applied: A * D / keep_prob")
def mask_not_applied(A, keep_prob, seed=0):
    return _dropout_variant(A, keep_prob, seed, apply=False)


@mistake("dropout_forward", "A *= D changes the caller's A in place: write A = A * D / keep_prob")
def A_changed_in_place(A, keep_prob, seed=0):
    D = np.random.default_rng(seed).random(A.shape) < keep_prob
    A *= D
    A /= keep_prob
    return A, D


@exercise("dropout_backward", outputs=("dA",), covers="keep_prob 0.8, 0.5 and 1, float32, inputs unchanged")
def _dropout_backward_cases():
    r = seeded_rng(91)
    cases = []
    for shape, keep_prob in [((4, 5), 0.8), ((1, 1), 0.5), ((3, 6), 1.0), ((2, 7), 0.6)]:
        D = r.random(shape) < keep_prob
        if shape == (1, 1):
            D[:] = True
        cases.append(Case({"dA": r.standard_normal(shape), "D": D, "keep_prob": keep_prob}))
    return cases


@mistake("dropout_backward", "the gradient goes through the same scaling as the forward pass: dA * D / keep_prob")
def backward_not_divided_by_keep_prob(dA, D, keep_prob):
    return dA * D


@mistake("dropout_backward", "divide by keep_prob (dA * D / keep_prob), do not multiply by it")
def backward_multiplied_by_keep_prob(dA, D, keep_prob):
    return dA * D * keep_prob


@mistake("dropout_backward", "divide by keep_prob, the probability of keeping a unit, not by 1 - keep_prob")
def backward_divided_by_drop_probability(dA, D, keep_prob):
    with np.errstate(divide="ignore", invalid="ignore"):
        return dA * D / (1 - keep_prob)


@mistake("dropout_backward", "the dropped units get no gradient: multiply by the same mask D as the forward pass")
def backward_mask_not_applied(dA, D, keep_prob):
    return dA / keep_prob


@mistake("dropout_backward", "use the mask D itself (the units that were kept), not its complement 1 - D")
def backward_mask_complemented(dA, D, keep_prob):
    return dA * (1 - D) / keep_prob


@mistake("dropout_backward", "dA *= D changes the caller's dA in place: write dA = dA * D / keep_prob")
def dA_changed_in_place(dA, D, keep_prob):
    dA *= D
    dA /= keep_prob
    return dA


def forward_dropout_check(function, cases, runs, references):
    """Masks drawn another valid way: the masks it returns must explain its AL, each keeping about keep_prob."""
    for case, mine in zip(cases, runs, strict=True):
        out = mine.output
        if not (isinstance(out, tuple) and len(out) == 2 and isinstance(out[1], list)):
            return "returns (AL, caches), with caches a list of one cache per layer"
        X, parameters = case.args["X"], case.args["parameters"]
        keep_prob = case.args.get("keep_prob", case.kwargs.get("keep_prob", 0.5))
        hidden = case.kwargs.get("hidden_activation", "relu")
        L = len(parameters) // 2
        if len(out[1]) != L or any(not isinstance(c, tuple) or len(c) != 3 for c in out[1]):
            return f"caches must hold one (linear_cache, Z, D) per layer ({L} here)"
        A = X
        for l, (_, _, D) in enumerate(out[1], start=1):
            Z = parameters[f"W{l}"] @ A + parameters[f"b{l}"]
            A = ACTIVATION_OF[hidden if l < L else "sigmoid"](Z)
            if l < L:
                if D is None or np.shape(D) != A.shape:
                    return f"layer {l}'s cache must hold its mask D, shaped like A[{l}]"
                if shared_mask(D, f" (layer {l}'s)"):
                    return shared_mask(D, f" (layer {l}'s)")
                A = A * D / keep_prob
            elif D is not None:
                return "the output layer is never dropped: its D is None"
        if not values_close(np.asarray(out[0]), A):
            return "AL does not follow from the masks in the caches: A[l] = g(Z[l]) * D[l] / keep_prob"
    return None


@exercise("L_model_forward_with_dropout", outputs=("AL", "caches"), float32=False, random=forward_dropout_check,
          covers="1 and 2 hidden layers, keep_prob 0.7 and 1, tanh, int and Generator seeds, m = 1, inputs unchanged")
def _forward_dropout_cases():
    cases = []
    for dims, m, seed, keep_prob in [([3, 4, 1], 6, 1, 0.7), ([5, 4, 3, 1], 7, 2, 0.5), ([2, 3, 1], 1, 3, 0.8),
                                     ([3, 5, 4, 1], 5, 4, 1.0)]:
        X, parameters = network(dims, m, seed)
        cases.append(Case({"X": X, "parameters": parameters, "keep_prob": keep_prob}, {"seed": seed}, m=m))
    X, parameters = network([4, 6, 5, 1], 8, 5)
    cases.append(Case({"X": X, "parameters": parameters, "keep_prob": 0.6}, {"seed": 5, "hidden_activation": "tanh"},
                      m=8, label="tanh"))
    cases.append(Case({"X": X, "parameters": parameters, "keep_prob": 0.6}, {"seed": seeded_rng(6)}, m=8,
                      label="seed a Generator"))
    return cases


def _forward_with_dropout_variant(X, parameters, keep_prob=0.5, seed=0, fresh=False, last=False, before=False,
                                  scale=True, hidden="relu"):
    """L_model_forward_with_dropout with one of its typical mistakes switched on."""
    L = len(parameters) // 2
    rng = np.random.default_rng(seed)
    A, caches = X, []
    for l in range(1, L + 1):
        W, b = parameters[f"W{l}"], parameters[f"b{l}"]
        A_prev = A
        Z = W @ A_prev + b
        D = None
        if l < L or last:
            generator = np.random.default_rng(seed) if fresh else rng
            D = generator.random(Z.shape) < keep_prob
        Z_used = Z * D / keep_prob if before and D is not None else Z
        A = ACTIVATION_OF[hidden if l < L else "sigmoid"](Z_used)
        if D is not None and not before:
            A = A * D / keep_prob if scale else A * D
        caches.append(((A_prev, W, b), Z_used, D))
    return A, caches


@mistake("L_model_forward_with_dropout", "the output layer is never dropped (its D is None): dropout applies to the "
                                         "hidden layers 1, ..., L-1 only")
def output_layer_dropped(X, parameters, keep_prob=0.5, seed=0, hidden_activation="relu"):
    return _forward_with_dropout_variant(X, parameters, keep_prob, seed, last=True, hidden=hidden_activation)


@mistake("L_model_forward_with_dropout", "every layer gets the same random numbers: create rng = "
                                         "np.random.default_rng(seed) once, before the loop, and pass rng on")
def generator_created_per_layer(X, parameters, keep_prob=0.5, seed=0, hidden_activation="relu"):
    return _forward_with_dropout_variant(X, parameters, keep_prob, seed, fresh=True, hidden=hidden_activation)


@mistake("L_model_forward_with_dropout", "drop the activations A[l] = g(Z[l]), after the activation, not Z[l]")
def Z_dropped_not_A(X, parameters, keep_prob=0.5, seed=0, hidden_activation="relu"):
    return _forward_with_dropout_variant(X, parameters, keep_prob, seed, before=True, hidden=hidden_activation)


@mistake("L_model_forward_with_dropout", "inverted dropout divides the kept values by keep_prob: A * D / keep_prob")
def network_not_divided_by_keep_prob(X, parameters, keep_prob=0.5, seed=0, hidden_activation="relu"):
    return _forward_with_dropout_variant(X, parameters, keep_prob, seed, scale=False, hidden=hidden_activation)


def backward_dropout_cases():
    cases = []
    for dims, m, seed, keep_prob in [([3, 4, 1], 6, 1, 0.7), ([5, 4, 3, 1], 7, 2, 0.5), ([2, 3, 1], 1, 3, 0.8)]:
        X, parameters = network(dims, m, seed)
        AL, caches = L_model_forward_with_dropout(X, parameters, keep_prob, seed)
        cases.append(Case({"AL": AL, "Y": labels(m, seed), "caches": caches, "keep_prob": keep_prob}, m=m,
                          accepts=_masked_or_not_masked(caches, keep_prob)))
    X, parameters = network([4, 5, 3, 1], 6, 4)
    AL, caches = L_model_forward_with_dropout(X, parameters, 0.6, 4, "tanh")
    cases.append(Case({"AL": AL, "Y": labels(6, 4), "caches": caches, "keep_prob": 0.6}, {"hidden_activation": "tanh"},
                      m=6, label="tanh", accepts=_masked_or_not_masked(caches, 0.6)))
    case = saturated_case(lambda X, parameters: L_model_forward_with_dropout(X, parameters, 0.8, 7))
    case.args["keep_prob"] = 0.8
    cases.append(case)
    return cases


def _masked_or_not_masked(caches, keep_prob):
    """dW and db exact; dA[l] stored either before or after its layer's mask (the classic stores it masked)."""
    def close(got, expected):
        if not isinstance(got, dict) or set(got) != set(expected):
            return False
        for key, value in expected.items():
            if compare(got[key], value) is None:
                continue
            l = int(key[2:])
            if not key.startswith("dA") or l == 0 or caches[l - 1][2] is None:
                return False
            if compare(got[key], value * caches[l - 1][2] / keep_prob) is not None:
                return False
        return True
    return close


@exercise("L_model_backward_with_dropout", outputs=("grads",), explain=explain_grads,
          covers="1 and 2 hidden layers, tanh, AL exactly 0 or 1, m = 1, float32, inputs unchanged",
          error_hints=[(("could not be broadcast", "the mask D has shape"),
                        "a mask from the wrong layer: dA[l] goes through D[l], the mask in caches[l - 1] (the layer "
                        "whose output is A[l]), before layer l's backward step")])
def _backward_dropout_cases():
    return backward_dropout_cases()


def _backward_with_dropout_variant(AL, Y, caches, keep_prob, use_mask=True, scale=True, wrong_layer=False,
                                   last="sigmoid", clip=True, hidden="relu"):
    P = np.clip(AL, np.finfo(AL.dtype).eps, 1 - np.finfo(AL.dtype).eps) if clip else AL
    dA = -(Y / P - (1 - Y) / (1 - P))
    grads, L = {}, len(caches)
    for l in range(L, 0, -1):
        linear_cache, Z, D = caches[l - 1]
        mask = caches[l - 2][2] if wrong_layer and l > 1 else D
        if mask is not None and use_mask and not (wrong_layer and l == L):
            dA = dA * mask / keep_prob if scale else dA * mask
        dZ = dA * DERIVATIVE_OF[last if l == L else hidden](Z)
        dA, grads[f"dW{l}"], grads[f"db{l}"] = plain_linear_backward(dZ, linear_cache)
        grads[f"dA{l - 1}"] = dA
    return grads


@mistake("L_model_backward_with_dropout", CLIP_SENTENCE)
def dAL_not_clipped(AL, Y, caches, keep_prob, hidden_activation="relu"):
    return _backward_with_dropout_variant(AL, Y, caches, keep_prob, clip=False, hidden=hidden_activation)


@mistake("L_model_backward_with_dropout", "the output layer is LINEAR -> SIGMOID: use the sigmoid's backward for "
                                          "layer L, ReLU's for the hidden layers")
def output_layer_backward_as_relu(AL, Y, caches, keep_prob, hidden_activation="relu"):
    return _backward_with_dropout_variant(AL, Y, caches, keep_prob, last="relu", hidden=hidden_activation)


@mistake("L_model_backward_with_dropout", "the masks are ignored: each hidden layer's dA[l] goes through its mask, "
                                          "dA[l] * D[l] / keep_prob, before the layer's backward step")
def masks_ignored(AL, Y, caches, keep_prob, hidden_activation="relu"):
    return _backward_with_dropout_variant(AL, Y, caches, keep_prob, use_mask=False, hidden=hidden_activation)


@mistake("L_model_backward_with_dropout", "after the mask, divide by keep_prob too: dA[l] * D[l] / keep_prob, as in "
                                          "the forward pass")
def masked_gradient_not_divided_by_keep_prob(AL, Y, caches, keep_prob, hidden_activation="relu"):
    return _backward_with_dropout_variant(AL, Y, caches, keep_prob, scale=False, hidden=hidden_activation)


@mistake("L_model_backward_with_dropout", "each layer's dA[l] goes through that layer's own mask D[l] (from cache l), "
                                          "not the mask of the layer below")
def mask_of_another_layer(AL, Y, caches, keep_prob, hidden_activation="relu"):
    return _backward_with_dropout_variant(AL, Y, caches, keep_prob, wrong_layer=True, hidden=hidden_activation)


@mistake("L_model_backward_with_dropout", "hidden_activation is ignored: the hidden layers' backward must use the "
                                          "activation it names (tanh_backward when asked)")
def hidden_activation_ignored_in_dropout_backward(AL, Y, caches, keep_prob, hidden_activation="relu"):
    return _backward_with_dropout_variant(AL, Y, caches, keep_prob)


@mistake("L_model_forward_with_dropout", "hidden_activation is ignored: the hidden layers use the activation it names "
                                         "(tanh when asked), the output layer the sigmoid")
def hidden_activation_ignored_in_dropout_forward(X, parameters, keep_prob=0.5, seed=0, hidden_activation="relu"):
    return _forward_with_dropout_variant(X, parameters, keep_prob, seed)
