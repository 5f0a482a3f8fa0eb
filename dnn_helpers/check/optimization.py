"""The catalogue of dh.check for notebook 14_optimization: random_mini_batches, initialize_velocity/rmsprop/adam, the
momentum, RMSprop and Adam updates, bias_correction, learning-rate decay.

(How a catalogue is written: ``engine.exercise`` and ``engine.mistake``.)
"""

import numpy as np

from .engine import Case, compare, exercise, mistake, run_on_copy
from .inputs import seeded_rng, labels, network

NOTEBOOK = "14"
ORDER = ("random_mini_batches", "initialize_velocity", "update_parameters_with_momentum", "initialize_rmsprop",
         "update_parameters_with_rmsprop", "bias_correction", "initialize_adam", "update_parameters_with_adam",
         "inverse_time_decay", "exponential_decay", "step_decay")  # as the notebook teaches them

# --- 14: mini-batches -----------------------------------------------------------------------------------------------


def mini_batch_check(function, cases, runs, references):
    """A shuffle drawn another valid way: sizes, every example once, labels still with their examples, the seed."""
    for case, mine, ref in zip(cases, runs, references, strict=True):
        X, Y = case.args["X"], case.args["Y"]
        size = case.args.get("mini_batch_size", case.kwargs.get("mini_batch_size", 64))
        m = X.shape[1]
        batches = mine.output
        if not isinstance(batches, (list, tuple)) or any(not isinstance(b, tuple) or len(b) != 2 for b in batches):
            return "returns a list of (X_batch, Y_batch) pairs"
        sizes = [np.shape(b[0])[-1] if np.ndim(b[0]) == 2 else -1 for b in batches]
        expected = [np.shape(b[0])[1] for b in ref.output]
        if sizes != expected:
            if len(sizes) == len(expected) - 1 and m % size:
                return ("the last, smaller mini-batch (the m % mini_batch_size examples left over) is missing")
            if sorted(sizes) == sorted(expected):
                return "the full mini-batches come first, then the smaller one with the m % mini_batch_size left over"
            if all(np.shape(b[0])[::-1] == np.shape(e[0]) for b, e in zip(batches, ref.output, strict=False)):
                return ("each mini-batch is transposed: X[:, k:k + mini_batch_size] is (n_x, size), one column per "
                        "example")
            return f"the mini-batches have {sizes} examples, expected {expected} (m = {m}, size {size})"
        Xs = np.concatenate([b[0] for b in batches], axis=1)
        Ys = np.concatenate([b[1] for b in batches], axis=1)
        if Xs.shape[0] != X.shape[0] or Ys.shape[0] != Y.shape[0]:
            return "cut along the columns (the examples): X[:, k:k + mini_batch_size], Y[:, k:k + mini_batch_size]"
        order = [int(np.argmin(np.abs(X - Xs[:, [j]]).sum(axis=0))) for j in range(m)]
        if not np.array_equal(X[:, order], Xs):
            return "the mini-batches must hold the columns of X, each once"
        if sorted(order) != list(range(m)):
            return "every example must appear in exactly one mini-batch"
        if not np.array_equal(Y[:, order], Ys):
            return ("X and Y must be shuffled with the same permutation, or the labels no longer match "
                    "their examples")
        if m >= 10 and order == list(range(m)):
            return "shuffle the examples first: order = rng.permutation(m), then X[:, order] and Y[:, order]"
        again = run_on_copy(function, case)
        if compare(again.output, batches) is not None:
            return "the same seed must give the same shuffle: draw from np.random.default_rng(seed)"
    return None


@exercise("random_mini_batches", outputs=("mini_batches",), random=mini_batch_check,
          covers="m a multiple of the size or not, size 1, m = 1, a Generator seed, float32, inputs unchanged")
def _mini_batch_cases():
    cases = []
    for n_x, m, size, seed in [(3, 20, 8, 1), (2, 12, 4, 2), (4, 1, 64, 3), (2, 5, 1, 4), (3, 30, 64, 5)]:
        X = np.arange(n_x * m, dtype=float).reshape(n_x, m) / 7 + seeded_rng(seed).standard_normal((n_x, m))
        cases.append(Case({"X": X, "Y": labels(m, seed), "mini_batch_size": size}, {"seed": seed}, m=m))
    X = seeded_rng(6).standard_normal((2, 9))
    cases.append(Case({"X": X, "Y": labels(9, 6), "mini_batch_size": 4}, {"seed": seeded_rng(6)}, m=9,
                      label="seed a Generator"))
    return cases


def _mini_batches_variant(X, Y, size=64, seed=0, shuffle=True, same=True, keep_last=True, rows=False):
    m = X.shape[1]
    rng = np.random.default_rng(seed)
    order = rng.permutation(m) if shuffle else np.arange(m)
    order_Y = order if same else rng.permutation(m)
    Xs, Ys = X[:, order], Y[:, order_Y]
    stop = m if keep_last else m - m % size
    if rows:
        return [(Xs[k:k + size], Ys[k:k + size]) for k in range(0, m, size)]
    return [(Xs[:, k:k + size], Ys[:, k:k + size]) for k in range(0, stop, size)]


@mistake("random_mini_batches", "shuffle the examples first: order = rng.permutation(m), then X[:, order] and "
                                "Y[:, order]")
def not_shuffled(X, Y, mini_batch_size=64, seed=0):
    return _mini_batches_variant(X, Y, mini_batch_size, seed, shuffle=False)


@mistake("random_mini_batches", "X and Y must be shuffled with the same permutation, or the labels no longer match "
                                "their examples")
def X_and_Y_shuffled_apart(X, Y, mini_batch_size=64, seed=0):
    return _mini_batches_variant(X, Y, mini_batch_size, seed, same=False)


@mistake("random_mini_batches", "the last, smaller mini-batch (the m % mini_batch_size examples left over) is missing")
def last_partial_batch_missing(X, Y, mini_batch_size=64, seed=0):
    return _mini_batches_variant(X, Y, mini_batch_size, seed, keep_last=False)


@mistake("random_mini_batches", "cut along the columns (the examples): X[:, k:k + mini_batch_size], "
                                "Y[:, k:k + mini_batch_size]")
def cut_along_rows(X, Y, mini_batch_size=64, seed=0):
    return _mini_batches_variant(X, Y, mini_batch_size, seed, rows=True)


# --- 14: optimizer states -------------------------------------------------------------------------------------------


def state_cases():
    cases = []
    for dims, m, seed in [([3, 4, 1], 5, 1), ([5, 4, 3, 1], 7, 2), ([1, 1], 1, 3)]:
        _, parameters = network(dims, m, seed)
        cases.append(Case({"parameters": parameters}))
    return cases


def _state_variant(parameters, keys="d", only_W=False, like=False):
    state = {}
    for key, value in parameters.items():
        if only_W and not key.startswith("W"):
            continue
        state[("d" + key) if keys == "d" else key] = value.copy() if like else np.zeros(value.shape, value.dtype)
    return state


STATE_MISTAKES = [
    ("keys_without_d_prefix", lambda parameters: _state_variant(parameters, keys=""),
     "the keys are those of grads, 'dW1', 'db1', ...: 'd' + the parameter's name"),
    ("no_state_for_biases", lambda parameters: _state_variant(parameters, only_W=True),
     "the biases need a state too: a zero array for every 'db{l}' as well"),
    ("state_starts_at_parameters", lambda parameters: _state_variant(parameters, like=True),
     "the state starts at zero (np.zeros_like(W)), not at the parameters' values"),
]
for _name in ("initialize_velocity", "initialize_rmsprop"):
    exercise(_name, outputs=("v" if _name == "initialize_velocity" else "s",),
             covers="1 to 2 layers, float32, inputs unchanged")(state_cases)
    for _called, _function, _sentence in STATE_MISTAKES:
        mistake(_name, _sentence, called=_called)(_function)


@exercise("initialize_adam", outputs=("v", "s"), covers="1 to 2 layers, float32, inputs unchanged")
def _adam_state_cases():
    return state_cases()


for _called, _function, _sentence in STATE_MISTAKES:
    mistake("initialize_adam", _sentence, called=f"both_{_called}")(
        lambda parameters, f=_function: (f(parameters), f(parameters)))


@mistake("initialize_adam", "Adam keeps two states: return (v, s), two dicts of zeros")
def returns_one_state(parameters):
    return _state_variant(parameters)


# --- 14: the updates ------------------------------------------------------------------------------------------------


def explain_average(mine, case, states):
    """Fit the learner's new state as a·old + b·g (or g²): name the weights it used instead of β and 1 - β."""
    grads = case.args["grads"]
    for item, name, beta, power in states:
        old_state, new_state = case.args[name], mine[item]
        old = np.concatenate([np.ravel(old_state[key]) for key in grads])
        g = np.concatenate([np.ravel(grads[key]) for key in grads]) ** power
        got = np.concatenate([np.ravel(new_state[key]) for key in grads])
        (a, b), *_ = np.linalg.lstsq(np.stack([old, g], axis=1), got, rcond=None)
        if not np.allclose(a * old + b * g, got, rtol=1e-6, atol=1e-9):
            continue
        if np.isclose(a, beta) and np.isclose(b, 1 - beta):
            continue
        term = "dW" if power == 1 else "dW²"
        return (f"{name} = {a:.4g} {name} + {b:.4g} {term}, but the average is β {name} + (1 - β) {term} = "
                f"{beta:.4g} {name} + {1 - beta:.4g} {term} (β = {beta:g})")
    return None


def update_cases(states=1, t=False, epsilon=False):
    cases = []
    for (dims, m, seed), (beta, rate) in zip([([3, 4, 1], 5, 1), ([5, 4, 3, 1], 7, 2), ([1, 1], 1, 3)],
                                             [(0.9, 0.1), (0.8, 0.01), (0.95, 0.5)], strict=True):
        _, parameters = network(dims, m, seed)
        r = seeded_rng(seed + 50)
        grads = {"d" + key: r.standard_normal(value.shape) for key, value in parameters.items()}
        grads["db1"][0, 0] = 0.0                                  # a zero gradient with a zero state: 0 / eps
        v = {key: r.normal(0, 0.1, value.shape) for key, value in grads.items()}
        s = {key: r.uniform(0, 0.1, value.shape) for key, value in grads.items()}
        s["db1"][0, 0] = 0.0
        v["db1"][0, 0] = 0.0                                      # (a zero state stays zero)
        if states == 1 and not epsilon:
            args = {"parameters": parameters, "grads": grads, "v": v, "beta": beta, "learning_rate": rate}
        elif states == 1:
            args = {"parameters": parameters, "grads": grads, "s": s, "beta2": 1 - (1 - beta) / 10,
                    "learning_rate": rate}
        else:
            args = {"parameters": parameters, "grads": grads, "v": v, "s": s, "t": [1, 2, 10][seed - 1],
                    "learning_rate": rate}
        cases.append(Case(args))
    return cases


@exercise("update_parameters_with_momentum", outputs=("parameters", "v"), compare_first=(1,),
          explain=lambda mine, ref, case: explain_average(mine, case, [(1, "v", case.args["beta"], 1)]),
          covers="a nonzero velocity, 1 to 3 layers, float32, inputs unchanged")
def _momentum_cases():
    return update_cases()


def _momentum_variant(parameters, grads, v, beta, learning_rate, kind="right"):
    new_parameters, new_v = {}, {}
    for key, value in parameters.items():
        g = grads["d" + key]
        old = v["d" + key]
        averages = {"velocity_without_1_minus_beta": beta * old + g, "betas_swapped": (1 - beta) * old + beta * g,
                    "averages_squared_gradients": beta * old + (1 - beta) * g * g}
        new_v["d" + key] = averages.get(kind, beta * old + (1 - beta) * g)
        step = {"steps_with_raw_gradient": g, "steps_with_old_velocity": old}.get(kind, new_v["d" + key])
        uphill = kind == "step_goes_uphill"
        new_parameters[key] = value + learning_rate * step if uphill else value - learning_rate * step
    if kind == "returns_old_velocity":
        return new_parameters, v
    return new_parameters, new_v


MOMENTUM_MISTAKES = [
    ("velocity_without_1_minus_beta",
     "the course's momentum is an average: v = β v + (1 - β) dW (the (1 - β) factor is missing)"),
    ("betas_swapped", "β weighs the old velocity: v = β v + (1 - β) dW, not (1 - β) v + β dW"),
    ("steps_with_raw_gradient",
     "the step uses the velocity: W = W - learning_rate * v, not the raw gradient"),
    ("averages_squared_gradients",
     "momentum averages the gradients themselves, v = β v + (1 - β) dW; the squares are RMSprop's"),
    ("steps_with_old_velocity", "update v first, then step with the new v"),
    ("step_goes_uphill", "the step goes uphill: W = W - learning_rate * v, with a minus sign"),
    ("returns_old_velocity", "return the new velocity: the next step starts from it"),
]
for _called, _sentence in MOMENTUM_MISTAKES:
    mistake("update_parameters_with_momentum", _sentence, called=_called)(
        lambda parameters, grads, v, beta, learning_rate, kind=_called: _momentum_variant(parameters, grads, v, beta,
                                                                                learning_rate, kind))


@mistake("update_parameters_with_momentum", "-= or += change the caller's arrays in place: build new arrays, "
                                            "v = beta * v + ..., W = W - ...")
def momentum_updates_in_place(parameters, grads, v, beta, learning_rate):
    for key in parameters:
        v["d" + key] *= beta
        v["d" + key] += (1 - beta) * grads["d" + key]
        parameters[key] -= learning_rate * v["d" + key]
    return parameters, v


@exercise("update_parameters_with_rmsprop", outputs=("parameters", "s"), compare_first=(1,),
          explain=lambda mine, ref, case: explain_average(mine, case, [(1, "s", case.args["beta2"], 2)]),
          covers="a nonzero state, a zero gradient, small gradients, epsilon not the default, 1 to 3 layers, float32, "
                 "inputs unchanged")
def _rmsprop_cases():
    return update_cases(epsilon=True) + [tiny_gradients_case(states=1), options_case(states=1)]


def tiny_gradients_case(states):
    """Small gradients from a zero state: √s is then not much larger than epsilon, so that epsilon inside the square
    root (√(s + ε) instead of √s + ε) changes the step, while √(s + ε²) stays within the tolerance."""
    r = seeded_rng(97)
    parameters = {"W1": r.choice([-1, 1], (3, 2)) * r.uniform(1, 2, (3, 2)), "b1": r.uniform(1, 2, (3, 1))}
    scale = 0.1 if states == 1 else 1e-3
    grads = {"d" + key: r.choice([-1, 1], value.shape) * r.uniform(0.7, 1.4, value.shape) * scale
             for key, value in parameters.items()}
    zeros = {key: np.zeros_like(value) for key, value in grads.items()}
    if states == 1:
        args = {"parameters": parameters, "grads": grads, "s": zeros, "beta2": 0.999, "learning_rate": 0.001}
    else:
        args = {"parameters": parameters, "grads": grads, "v": zeros, "s": dict(zeros), "t": 1,
                "learning_rate": 0.01}
    return Case(args, label="small gradients")


def _rmsprop_variant(parameters, grads, s, beta2, learning_rate, epsilon=1e-8, kind="right"):
    new_parameters, new_s = {}, {}
    with np.errstate(all="ignore") if kind != "epsilon_missing" else np.errstate():
        for key, value in parameters.items():
            g = grads["d" + key]
            old = s["d" + key]
            g2 = g if kind == "gradients_not_squared" else g * g
            new_s["d" + key] = ((1 - beta2) * old + beta2 * g2 if kind == "betas_swapped" else beta2 * old + g2
                                if kind == "s_without_1_minus_beta2" else beta2 * old + (1 - beta2) * g2)
            root = old if kind == "divides_by_old_s" else new_s["d" + key]
            denominator = {"square_root_missing": root + epsilon, "epsilon_missing": np.sqrt(root),
                           "epsilon_inside_square_root": np.sqrt(root + epsilon)}.get(kind, np.sqrt(root) + epsilon)
            step = g / denominator
            uphill = kind == "step_goes_uphill"
            new_parameters[key] = value + learning_rate * step if uphill else value - learning_rate * step
    return new_parameters, new_s


RMSPROP_MISTAKES = [
    ("gradients_not_squared", "s averages the squared gradients: s = β2 s + (1 - β2) dW², square dW"),
    ("betas_swapped", "β2 weighs the old state: s = β2 s + (1 - β2) dW², not (1 - β2) s + β2 dW²"),
    ("s_without_1_minus_beta2",
     "s is an average: s = β2 s + (1 - β2) dW² (the (1 - β2) factor is missing)"),
    ("square_root_missing",
     "divide by the square root of s: W = W - learning_rate * dW / (np.sqrt(s) + epsilon)"),
    ("epsilon_missing",
     "add epsilon to the denominator, np.sqrt(s) + epsilon: where s is 0 the step is 0 / 0 = NaN"),
    ("divides_by_old_s", "update s first, then divide by the square root of the new s"),
    ("epsilon_inside_square_root",
     "epsilon goes outside the square root, dW / (np.sqrt(s) + epsilon): np.sqrt(s + epsilon) adds "
     "√ε = 1e-4, which shrinks the steps of small gradients"),
    ("step_goes_uphill",
     "the step goes uphill: W = W - learning_rate * dW / (np.sqrt(s) + epsilon), with a minus sign"),
]
for _called, _sentence in RMSPROP_MISTAKES:
    mistake("update_parameters_with_rmsprop", _sentence, called=_called)(
        lambda parameters, grads, s, beta2, learning_rate, epsilon=1e-8, kind=_called: _rmsprop_variant(
            parameters, grads, s, beta2, learning_rate, epsilon, kind))


@exercise("bias_correction", outputs=("corrected",), covers="t = 1, 2 and 10, float32, inputs unchanged")
def _bias_correction_cases():
    r = seeded_rng(95)
    return [Case({"average": r.standard_normal((3, 4)), "beta": 0.9, "t": 1}),
            Case({"average": r.standard_normal((2, 1)), "beta": 0.999, "t": 2}),
            Case({"average": r.standard_normal((1, 3)), "beta": 0.8, "t": 10})]


BIAS_MISTAKES = [
    ("multiplied_not_divided", lambda average, beta, t: average * (1 - beta ** t),
     "divide by (1 - β^t), do not multiply"),
    ("one_plus_beta_power_t", lambda average, beta, t: average / (1 + beta ** t),
     "the correction divides by 1 - β^t, with a minus: at t = 1 that is 1 - β, small, so the early averages grow"),
    ("beta_times_t", lambda average, beta, t: average / (1 - beta * t),
     "the correction is 1 - β^t, β to the power t (beta ** t), not β times t"),
    ("one_minus_beta_all_to_power_t", lambda average, beta, t: average / (1 - beta) ** t,
     "the correction is 1 - β^t: only β is raised to the power t"),
    ("beta_not_raised_to_t", lambda average, beta, t: average / (1 - beta),
     "the correction is 1 - β^t: raise β to the power t (beta ** t), so that it fades as t grows"),
    ("power_t_plus_1", lambda average, beta, t: average / (1 - beta ** (t + 1)),
     "t counts from 1: the first step divides by 1 - β"),
    ("power_t_minus_1", lambda average, beta, t: _divide(average, 1 - beta ** (t - 1)),
     "t counts from 1 and the correction is 1 - β^t: at t = 1 it divides by 1 - β"),
]


def _divide(a, b):
    with np.errstate(divide="ignore", invalid="ignore"):
        return a / b
for _called, _function, _sentence in BIAS_MISTAKES:
    mistake("bias_correction", _sentence, called=_called)(_function)


@exercise("update_parameters_with_adam", outputs=("parameters", "v", "s"), compare_first=(1, 2),
          explain=lambda mine, ref, case: explain_average(mine, case, [(1, "v", case.kwargs.get("beta1", 0.9), 1),
                                                                      (2, "s", case.kwargs.get("beta2", 0.999), 2)]),
          covers="t = 1, 2 and 10, beta1, beta2 and epsilon not the defaults, a zero gradient, small gradients, "
                 "float32, inputs unchanged")
def _adam_cases():
    return update_cases(states=2) + [tiny_gradients_case(states=2), options_case(states=2)]


def options_case(states):
    """The optional hyperparameters passed with values other than their defaults, so that a version with β1, β2 or ε
    written into the code as literals is seen. The parameters and states start at zero and the gradients are tiny
    (√s << ε), so that the step depends on ε itself: √s + ε and √(s + ε²), both right, agree to 1e-7."""
    r = seeded_rng(98)
    zeros = {"W1": np.zeros((3, 2)), "b1": np.zeros((3, 1))}
    grads = {"d" + key: r.choice([-1, 1], value.shape) * r.uniform(1, 2, value.shape) * 1e-9
             for key, value in zeros.items()}
    state = {"d" + key: value for key, value in zeros.items()}
    if states == 1:
        return Case({"parameters": zeros, "grads": grads, "s": state, "beta2": 0.99, "learning_rate": 0.01},
                    {"epsilon": 1e-2}, label="epsilon 1e-2")
    return Case({"parameters": zeros, "grads": grads, "v": state, "s": dict(state), "t": 3, "learning_rate": 0.01},
                {"beta1": 0.8, "beta2": 0.99, "epsilon": 1e-2}, label="beta1 0.8, beta2 0.99, epsilon 1e-2")


def _adam_variant(parameters, grads, v, s, t, learning_rate=0.01, beta1=0.9, beta2=0.999, epsilon=1e-8, kind="right"):
    new_parameters, new_v, new_s = {}, {}, {}
    for key, value in parameters.items():
        k = "d" + key
        g = grads[k]
        new_v[k] = beta1 * v[k] + (g if kind == "v_without_1_minus_beta1" else (1 - beta1) * g)
        new_s[k] = beta2 * s[k] + (1 - beta2) * (g if kind == "gradients_not_squared" else g * g)
        if kind == "bias_correction_missing":
            v_hat, s_hat = new_v[k], new_s[k]
        elif kind == "corrected_with_t_plus_1":
            v_hat, s_hat = new_v[k] / (1 - beta1 ** (t + 1)), new_s[k] / (1 - beta2 ** (t + 1))
        elif kind == "s_averaged_with_beta1":
            new_s[k] = beta1 * s[k] + (1 - beta1) * g * g
            v_hat, s_hat = new_v[k] / (1 - beta1 ** t), new_s[k] / (1 - beta2 ** t)
        elif kind == "s_weighted_with_beta1":
            new_s[k] = beta1 * s[k] + (1 - beta1) * g * g
            v_hat, s_hat = new_v[k] / (1 - beta1 ** t), new_s[k] / (1 - beta1 ** t)
        elif kind == "steps_with_uncorrected_v":
            v_hat, s_hat = new_v[k], new_s[k] / (1 - beta2 ** t)
        elif kind == "divides_by_uncorrected_s":
            v_hat, s_hat = new_v[k] / (1 - beta1 ** t), new_s[k]
        else:
            v_hat = new_v[k] / (1 - beta1 ** t)
            s_hat = new_s[k] / (1 - (beta1 if kind == "s_corrected_with_beta1" else beta2) ** t)
        numerator = g if kind == "steps_with_raw_gradient" else v_hat
        with np.errstate(all="ignore"):
            step = numerator / (np.sqrt(s_hat) + epsilon)
            if kind == "square_root_missing":
                step = numerator / (s_hat + epsilon)
            if kind == "epsilon_inside_square_root":
                step = numerator / np.sqrt(s_hat + epsilon)
            if kind == "epsilon_outside_denominator":
                step = numerator / np.sqrt(s_hat) + epsilon
        uphill = kind == "step_goes_uphill"
        new_parameters[key] = value + learning_rate * step if uphill else value - learning_rate * step
        if kind == "returns_corrected_state":
            new_v[k], new_s[k] = v_hat, s_hat
    return new_parameters, new_v, new_s


ADAM_MISTAKES = [
    ("bias_correction_missing",
     "the bias correction is missing: v̂ = v / (1 - β1^t), ŝ = s / (1 - β2^t), then step with them"),
    ("corrected_with_t_plus_1",
     "t counts the steps from 1: the correction is 1 - β^t with this step's t, not t + 1"),
    ("s_averaged_with_beta1", "s has its own β: s = β2 s + (1 - β2) dW² (β1 is v's)"),
    ("s_weighted_with_beta1",
     "s has its own β: s = β2 s + (1 - β2) dW² and ŝ = s / (1 - β2^t); β1 is v's"),
    ("steps_with_uncorrected_v",
     "the step uses the plain v: correct it too, v̂ = v / (1 - β1^t), and step with "
     "v̂ / (np.sqrt(ŝ) + ε) (the early steps are 1 / (1 - β1^t) times too small)"),
    ("divides_by_uncorrected_s",
     "the step uses the plain s: correct it too, ŝ = s / (1 - β2^t), and step with "
     "v̂ / (np.sqrt(ŝ) + ε)"),
    ("epsilon_inside_square_root",
     "epsilon goes outside the square root, v̂ / (np.sqrt(ŝ) + epsilon): np.sqrt(ŝ + epsilon) adds "
     "√ε = 1e-4, which shrinks the steps of small gradients"),
    ("returns_corrected_state",
     "return v and s themselves, not the corrected v̂ and ŝ: the correction is recomputed from the "
     "plain averages at every step"),
    ("s_corrected_with_beta1", "s is corrected with its own β: ŝ = s / (1 - β2^t)"),
    ("v_without_1_minus_beta1",
     "v is an average: v = β1 v + (1 - β1) dW (the (1 - β1) factor is missing)"),
    ("square_root_missing", "divide by the square root of ŝ: W = W - α v̂ / (np.sqrt(ŝ) + ε)"),
    ("gradients_not_squared", "s averages the squared gradients: s = β2 s + (1 - β2) dW²"),
    ("steps_with_raw_gradient",
     "the step uses the corrected average v̂, not the raw gradient: W = W - α v̂ / (√ŝ + ε)"),
    ("step_goes_uphill",
     "the step goes uphill: W = W - learning_rate * v̂ / (np.sqrt(ŝ) + epsilon), with a minus sign"),
    ("epsilon_outside_denominator",
     "epsilon belongs in the denominator, v̂ / (np.sqrt(ŝ) + epsilon) (mind the parentheses): "
     "where ŝ is 0 the step is 0 / 0 = NaN"),
]
for _called, _sentence in ADAM_MISTAKES:
    mistake("update_parameters_with_adam", _sentence, called=_called)(
        lambda parameters, grads, v, s, t, learning_rate=0.01, beta1=0.9, beta2=0.999, epsilon=1e-8, kind=_called:
        _adam_variant(parameters, grads, v, s, t, learning_rate, beta1, beta2, epsilon, kind))


# --- 14: learning-rate decay ----------------------------------------------------------------------------------------


def decay_cases(interval=False):
    cases = []
    for rate0, epoch, decay_rate in [(0.1, 0, 1.0), (0.5, 3, 0.3), (0.01, 10, 2.0), (0.2, 7, 0.5)]:
        args = {"learning_rate0": rate0, "epoch": epoch, "decay_rate": decay_rate}
        if interval:
            args["time_interval"] = 3
        cases.append(Case(args))
    return cases


exercise("inverse_time_decay", outputs=("learning_rate",), float32=False, hint=False,
         covers="epoch 0 to 10")(decay_cases)
exercise("exponential_decay", outputs=("learning_rate",), float32=False, hint=False,
         covers="epoch 0 to 10")(decay_cases)
exercise("step_decay", outputs=("learning_rate",), float32=False, hint=False,
         covers="epoch 0 to 10, time_interval 3")(lambda: decay_cases(interval=True))

for _name, _called, _function, _sentence in [
    ("inverse_time_decay", "denominator_not_in_parentheses",
     lambda learning_rate0, epoch, decay_rate: learning_rate0 / (1 + decay_rate) * epoch,
     "α = α0 / (1 + decay_rate * epoch): put the whole denominator in parentheses"),
    ("inverse_time_decay", "multiplied_not_divided",
     lambda learning_rate0, epoch, decay_rate: learning_rate0 * (1 + decay_rate * epoch),
     "α = α0 / (1 + decay_rate * epoch): divide, the rate must shrink"),
    ("inverse_time_decay", "decay_rate_missing", lambda learning_rate0, epoch, decay_rate: learning_rate0 / (1 + epoch),
     "decay_rate is missing: α = α0 / (1 + decay_rate * epoch)"),
    ("inverse_time_decay", "denominator_squared",
     lambda learning_rate0, epoch, decay_rate: learning_rate0 / (1 + decay_rate * epoch) ** 2,
     "α = α0 / (1 + decay_rate * epoch): the denominator is not squared"),
    ("exponential_decay", "exponent_positive",
     lambda learning_rate0, epoch, decay_rate: learning_rate0 * float(np.exp(decay_rate * epoch)),
     "α = α0 exp(-decay_rate * epoch): the exponent is negative, the rate must shrink"),
    ("exponential_decay", "decay_rate_as_base",
     lambda learning_rate0, epoch, decay_rate: learning_rate0 * decay_rate ** epoch,
     "α = α0 exp(-decay_rate * epoch): decay_rate is in the exponent of e, not the base"),
    ("exponential_decay", "starting_rate_missing",
     lambda learning_rate0, epoch, decay_rate: float(np.exp(-decay_rate * epoch)),
     "α = α0 exp(-decay_rate * epoch): multiply by the starting rate α0"),
    ("exponential_decay", "base_2_not_e",
     lambda learning_rate0, epoch, decay_rate: learning_rate0 * 2.0 ** (-decay_rate * epoch),
     "α = α0 exp(-decay_rate * epoch): the base is e (np.exp), not 2"),
    ("exponential_decay", "base_10_not_e",
     lambda learning_rate0, epoch, decay_rate: learning_rate0 * 10.0 ** (-decay_rate * epoch),
     "α = α0 exp(-decay_rate * epoch): the base is e (np.exp), not 10"),
    ("step_decay", "epochs_not_whole_intervals", lambda learning_rate0, epoch, decay_rate, time_interval:
     learning_rate0 / (1 + decay_rate * epoch / time_interval),
     "the rate changes in steps: use the whole number of intervals, epoch // time_interval"),
    ("step_decay", "time_interval_ignored", lambda learning_rate0, epoch, decay_rate, time_interval:
     learning_rate0 / (1 + decay_rate * epoch),
     "the rate changes once every time_interval epochs: α0 / (1 + decay_rate * (epoch // time_interval))"),
    ("step_decay", "denominator_not_in_parentheses", lambda learning_rate0, epoch, decay_rate, time_interval:
     learning_rate0 / (1 + decay_rate) * (epoch // time_interval),
     "α = α0 / (1 + decay_rate * (epoch // time_interval)): put the whole denominator in parentheses"),
]:
    mistake(_name, _sentence, called=_called)(_function)
