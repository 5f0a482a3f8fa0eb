"""improved_model's own loop (notebooks 13-14): each option on its own against a hand-computed epoch.

The optimizer updates, the mini-batches and the regularization helpers are tested in test_optimizers.py and
test_regularization.py; here: the loop that combines them (which branch runs, what each epoch records).
"""

import inspect

import numpy as np
import pytest

import dnn_helpers as dh
from dnn_helpers.improved_model import train_with_options
from dnn_helpers.training import package_steps

X = np.array([[1.0, -2.0, 0.5, 3.0], [0.5, 1.0, -1.0, 2.0]])
Y = np.array([[1, 0, 0, 1]])
START = {"W1": np.array([[0.2, -0.4], [0.6, 0.1]]), "b1": np.array([[0.1], [-0.2]]),
         "W2": np.array([[0.5, -0.3]]), "b2": np.array([[0.05]])}


def plain_cost_and_grads(parameters, X=X, Y=Y):
    AL, caches = dh.L_model_forward(X, parameters)
    return dh.compute_cost(AL, Y), dh.L_model_backward(AL, Y, caches)


def test_the_documented_defaults():
    defaults = {name: p.default for name, p in inspect.signature(dh.improved_model).parameters.items()
                if p.default is not inspect.Parameter.empty}
    assert defaults == dict(learning_rate=0.0075, num_epochs=3000, print_cost=False, seed=1, initialization="xavier",
                            hidden_activation=None, parameters=None, callback=None, lambd=0.0, keep_prob=1.0,
                            optimizer="gd", mini_batch_size=None, beta1=0.9, beta2=0.999, epsilon=1e-8, decay=None,
                            decay_rate=1.0, time_interval=1)


@pytest.mark.parametrize("lambd", [0.5, 3.0])
def test_l2_alone_adds_its_term_to_the_cost_and_its_gradient(lambd):
    """lambd below 1 counts too: J = cross-entropy + (lambd / 2m) sum ||W||^2 and dW gets + (lambd / m) W."""
    trained, costs = dh.improved_model(X, Y, [2, 2, 1], 0.1, 1, parameters=START, lambd=lambd)
    cost, grads = plain_cost_and_grads(START)
    squares = np.sum(START["W1"] ** 2) + np.sum(START["W2"] ** 2)
    assert costs == [pytest.approx(cost + lambd / (2 * 4) * squares, rel=1e-14)]
    for l in (1, 2):
        step = grads[f"dW{l}"] + lambd / 4 * START[f"W{l}"]
        np.testing.assert_allclose(trained[f"W{l}"], START[f"W{l}"] - 0.1 * step, rtol=1e-14)
        np.testing.assert_allclose(trained[f"b{l}"], START[f"b{l}"] - 0.1 * grads[f"db{l}"], rtol=1e-14)


def test_keep_prob_one_is_no_dropout_and_numbers_equal_the_plain_loop():
    plain, plain_costs = dh.L_layer_model(X, Y, [2, 2, 1], 0.1, 3, parameters=START)
    same, same_costs = dh.improved_model(X, Y, [2, 2, 1], 0.1, 3, parameters=START, keep_prob=1.0)
    assert same_costs == plain_costs
    assert all(np.array_equal(same[k], plain[k]) for k in plain)


def test_dropout_changes_the_step():
    plain, _ = dh.improved_model(X, Y, [2, 2, 1], 0.1, 1, parameters=START)
    dropped, _ = dh.improved_model(X, Y, [2, 2, 1], 0.1, 1, parameters=START, keep_prob=0.5, seed=0)
    assert not np.array_equal(plain["W1"], dropped["W1"])


def test_two_mini_batches_epoch_cost_is_their_size_weighted_mean():
    """Batches of 3 and 1 examples: the epoch cost is (3 J_a + 1 J_b) / 4, each J at the parameters of its update."""
    rate = 0.5
    trained, costs = dh.improved_model(X, Y, [2, 2, 1], rate, 1, parameters=START, mini_batch_size=3, seed=2)
    first, second = dh.random_mini_batches(X, Y, 3, np.random.default_rng(np.random.SeedSequence(2).spawn(2)[0]))
    assert first[0].shape[1] == 3 and second[0].shape[1] == 1
    cost_a, grads_a = plain_cost_and_grads(START, *first)
    middle = dh.update_parameters(START, grads_a, rate)
    cost_b, grads_b = plain_cost_and_grads(middle, *second)
    assert costs == [pytest.approx((3 * cost_a + cost_b) / 4, rel=1e-13)]
    end = dh.update_parameters(middle, grads_b, rate)
    for key in end:
        np.testing.assert_allclose(trained[key], end[key], rtol=1e-13)


def test_callback_gets_each_epoch_its_cost_and_the_last_grads():
    seen = []
    _, costs = dh.improved_model(X, Y, [2, 2, 1], 0.1, 3, parameters=START,
                                 callback=lambda epoch, p, g, c: seen.append((epoch, sorted(g), c)))
    assert [s[0] for s in seen] == [0, 1, 2] and [s[2] for s in seen] == costs
    assert seen[0][1] == ["dW1", "dW2", "db1", "db2"]


def test_print_cost_with_mini_batches_names_epochs_and_prints_the_last(capsys):
    _, costs = dh.improved_model(X, Y, [2, 2, 1], 0.1, 102, print_cost=True, parameters=START, mini_batch_size=4)
    assert capsys.readouterr().out.splitlines() == [f"Cost after epoch {i}: {costs[i]:.4f}" for i in (0, 100, 101)]
    _, costs = dh.improved_model(X, Y, [2, 2, 1], 0.1, 2, print_cost=True, parameters=START)
    assert capsys.readouterr().out.splitlines() == [f"Cost after iteration {i}: {costs[i]:.4f}" for i in (0, 1)]


def test_trained_parameters_remember_the_activation():
    trained, _ = dh.improved_model(X, Y, [2, 2, 1], 0.1, 1, parameters=START, hidden_activation="tanh")
    assert isinstance(trained, dh.Parameters) and trained.hidden_activation == "tanh"
    AL, caches = dh.L_model_forward(X, START, "tanh")
    grads = dh.L_model_backward(AL, Y, caches, "tanh")
    np.testing.assert_allclose(trained["W1"], START["W1"] - 0.1 * grads["dW1"], rtol=1e-14)


def test_zero_epochs_is_named():
    with pytest.raises(ValueError, match="num_epochs is 0: the network would not be trained at all; give at least 1"):
        dh.improved_model(X, Y, [2, 2, 1], 0.1, 0)


# --- improved_model with the options (moons: conftest's 160 points) -------------------------------------------------

DEFAULTS = dict(lambd=0.0, keep_prob=1.0, optimizer="gd", mini_batch_size=None, beta1=0.9, beta2=0.999,
                epsilon=1e-8, decay=None, decay_rate=1.0, time_interval=1)


def test_default_path_unchanged(moons, textbook_loop):
    X, Y = moons
    params, costs = dh.improved_model(X, Y, [2, 6, 3, 1], 0.2, 60, seed=5)
    ref_params, ref_costs = textbook_loop(X, Y, [2, 6, 3, 1], 0.2, 60, 5, gradients=dh.model_gradients)
    assert costs == pytest.approx(ref_costs, rel=0, abs=1e-12)   # reported from the logits: compute_cost's to 1e-12
    assert all(np.array_equal(params[k], ref_params[k]) for k in params)


def test_default_path_ignores_unused_betas(moons):
    X, Y = moons
    a = dh.improved_model(X, Y, [2, 4, 1], 0.2, 30, seed=2)
    b = dh.improved_model(X, Y, [2, 4, 1], 0.2, 30, seed=2, beta1=0.5, beta2=0.5, epsilon=1e-4)
    assert a[1] == b[1]


def test_option_loop_with_default_options_is_the_plain_loop(moons):
    X, Y = moons
    params, costs = dh.improved_model(X, Y, [2, 6, 3, 1], 0.2, 40, seed=5)
    start = dh.initialize_parameters_deep([2, 6, 3, 1], seed=5, method="xavier")
    other, other_costs = train_with_options(X, Y.astype(float), start, learning_rate=0.2, num_epochs=40,
                                            print_cost=False, seed=5, hidden_activation="relu", callback=None,
                                            **DEFAULTS)
    assert costs == other_costs
    assert all(np.array_equal(params[k], other[k]) for k in params)


def test_one_mini_batch_of_everything_is_batch_gd(moons):
    X, Y = moons
    params, costs = dh.improved_model(X, Y, [2, 5, 1], 0.2, 30, seed=1)
    batch, batch_costs = dh.improved_model(X, Y, [2, 5, 1], 0.2, 30, seed=1, mini_batch_size=X.shape[1])
    np.testing.assert_allclose(batch_costs, costs, rtol=1e-10)
    for k in params:
        np.testing.assert_allclose(batch[k], params[k], rtol=1e-9, atol=1e-12)


@pytest.mark.parametrize("optimizer, rate", [("gd", 0.5), ("momentum", 0.5), ("rmsprop", 0.005), ("adam", 0.01)])
def test_every_optimizer_learns_the_moons_with_mini_batches(moons, optimizer, rate):
    X, Y = moons
    params, costs = dh.improved_model(X, Y, [2, 8, 4, 1], rate, 150, seed=1, optimizer=optimizer,
                                     mini_batch_size=32)
    assert len(costs) == 150 and costs[-1] < 0.5 * costs[0]
    assert dh.accuracy(Y, dh.predict(X, params)) > 0.85


def test_options_are_deterministic_by_seed(moons):
    X, Y = moons
    kwargs = dict(optimizer="adam", mini_batch_size=16, keep_prob=0.8, lambd=0.1, decay="inverse_time",
                  decay_rate=0.01)
    a = dh.improved_model(X, Y, [2, 6, 1], 0.01, 20, seed=3, **kwargs)
    b = dh.improved_model(X, Y, [2, 6, 1], 0.01, 20, seed=3, **kwargs)
    c = dh.improved_model(X, Y, [2, 6, 1], 0.01, 20, seed=4, **kwargs)
    assert a[1] == b[1] and all(np.array_equal(a[0][k], b[0][k]) for k in a[0])
    assert a[1] != c[1]


def test_l2_keeps_the_weights_smaller(moons):
    X, Y = moons
    plain, _ = dh.improved_model(X, Y, [2, 10, 1], 0.5, 300, seed=1)
    shrunk, costs = dh.improved_model(X, Y, [2, 10, 1], 0.5, 300, seed=1, lambd=2.0)
    norm = lambda p: sum(float(np.sum(p[k] ** 2)) for k in p if k.startswith("W"))  # noqa: E731
    assert norm(shrunk) < 0.8 * norm(plain)
    # the recorded cost includes the L2 term
    AL, _ = dh.L_model_forward(X, shrunk)
    assert costs[-1] > dh.compute_cost(AL, Y)


def test_decay_slows_the_steps(moons):
    X, Y = moons
    seen = []
    dh.improved_model(X, Y, [2, 4, 1], 0.3, 5, seed=1, decay="inverse_time", decay_rate=1.0,
                     callback=lambda i, p, g, c: seen.append(i))
    assert seen == [0, 1, 2, 3, 4]
    fast = dh.improved_model(X, Y, [2, 4, 1], 0.3, 100, seed=1)[1]
    slow = dh.improved_model(X, Y, [2, 4, 1], 0.3, 100, seed=1, decay="inverse_time", decay_rate=1.0)[1]
    assert fast[1] == slow[1] and slow[-1] > fast[-1]   # same first step (epoch 0), then smaller ones


def test_print_cost_says_epoch_with_mini_batches(moons, capsys):
    X, Y = moons
    dh.improved_model(X, Y, [2, 3, 1], 0.1, 101, print_cost=True, mini_batch_size=64)
    lines = capsys.readouterr().out.splitlines()
    assert [line.split(":")[0] for line in lines] == ["Cost after epoch 0", "Cost after epoch 100"]


def test_float32_with_adam_and_dropout(moons):
    X, Y = moons
    params, costs = dh.improved_model(X.astype(np.float32), Y, [2, 6, 1], 0.01, 30, optimizer="adam",
                                     keep_prob=0.9, mini_batch_size=40)
    assert all(value.dtype == np.float32 for value in params.values())
    assert np.isfinite(costs).all()


# --- teaching errors ------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("option, message", [
    (dict(keep_prob=0.0), r"keep_prob.*must be in \(0, 1\].*got 0.0"),
    (dict(keep_prob=1.5), r"keep_prob.*must be in \(0, 1\].*got 1.5"),
    (dict(lambd=-0.1), r"lambd.*must be 0 or more.*got -0.1"),
    (dict(mini_batch_size=0), r"mini_batch_size must be at least 1; got 0"),
    (dict(optimizer="sgd"), r"optimizer must be one of 'gd', 'momentum', 'rmsprop', 'adam'; got 'sgd'"),
    (dict(beta1=1.0), r"beta1 must be in \[0, 1\).*got 1.0"),
    (dict(beta2=-0.5), r"beta2 must be in \[0, 1\).*got -0.5"),
    (dict(epsilon=0.0), r"epsilon must be a positive number; got 0.0"),
    (dict(decay="linear"), r"decay must be None or one of 'inverse_time', 'exponential', 'step'; got 'linear'"),
    (dict(decay="step", decay_rate=-1.0), r"decay_rate must be 0 or more.*got -1.0"),
    (dict(decay="step", time_interval=0), r"time_interval must be at least 1; got 0"),
])
def test_bad_options_are_teaching_errors(moons, option, message):
    X, Y = moons
    with pytest.raises(ValueError, match=message):
        dh.improved_model(X, Y, [2, 3, 1], 0.1, 5, **option)


@pytest.mark.parametrize("option", [dict(keep_prob="0.5"), dict(lambd=None), dict(mini_batch_size=32.0),
                                    dict(beta1="0.9"), dict(decay_rate="fast")])
def test_options_of_the_wrong_type(moons, option):
    X, Y = moons
    with pytest.raises(TypeError):
        dh.improved_model(X, Y, [2, 3, 1], 0.1, 5, **option)


def test_exponential_decay_never_reaches_zero(moons):
    assert 0 < dh.exponential_decay(0.1, 10_000, 1.0) < 1e-300
    X, Y = moons
    _, costs = dh.improved_model(X, Y, [2, 3, 1], 0.1, 800, decay="exponential", decay_rate=1.0)
    assert len(costs) == 800 and np.isfinite(costs).all()


# --- K classes through every option ---------------------------------------------------------------------------

def _blobs(K, m=60, seed=0):
    rng = np.random.default_rng(seed)
    labels = rng.integers(0, K, m)
    centers = np.array([[np.cos(2 * np.pi * k / K), np.sin(2 * np.pi * k / K)] for k in range(K)]).T * 2
    X = centers[:, labels] + 0.6 * rng.standard_normal((2, m))
    return X, labels


def _binary_and_two_class_start(seed=4):
    """A binary network [2, 5, 4, 1] and the K = 2 softmax network that computes the same probabilities: its last
    layer has rows -w/2 and w/2 (biases -b/2 and b/2), since softmax([-z/2, z/2])[1] = sigmoid(z)."""
    binary = dh.initialize_parameters_deep([2, 5, 4, 1], seed=seed, method="he")
    binary["b3"] = np.array([[0.3]])
    two = dict(binary)
    two["W3"] = np.vstack([-binary["W3"] / 2, binary["W3"] / 2])
    two["b3"] = np.vstack([-binary["b3"] / 2, binary["b3"] / 2])
    return binary, two


OPTIONS = [dict(), dict(keep_prob=0.7), dict(lambd=0.5), dict(mini_batch_size=80), dict(optimizer="momentum"),
           dict(optimizer="rmsprop"), dict(optimizer="adam", decay="exponential", decay_rate=0.05),
           dict(optimizer="adam", keep_prob=0.8, lambd=0.2, mini_batch_size=100, decay="step"),
           dict(hidden_activation="tanh", keep_prob=0.9)]


@pytest.mark.parametrize("options", OPTIONS, ids=lambda o: ",".join(f"{k}={v}" for k, v in o.items()) or "plain")
def test_two_softmax_classes_agree_with_the_binary_path(options):
    """At K = 2 the first epoch agrees with the binary network where the maths says it must: the cost (without
    the L2 term, which counts the halved rows differently), every hidden layer's gradient and update (so the
    same dropout masks and shuffle), and the last layer's gradient (class 1's row gets the binary dW, class 0's
    its negative)."""
    X, labels = _blobs(2)
    Y = labels.reshape(1, -1)
    binary, two = _binary_and_two_class_start()
    dims = {"binary": [2, 5, 4, 1], "two": [2, 5, 4, 2]}
    seen = {}
    for name, start, labels_of in (("binary", binary, Y), ("two", two, dh.one_hot(labels, 2))):
        grads_seen = []
        trained, costs = dh.improved_model(X, labels_of, dims[name], 0.05, 1, seed=7, parameters=start,
                                           callback=lambda e, p, g, c, seen=grads_seen: seen.append(g), **options)
        seen[name] = trained, costs, grads_seen[0]
    (binary_trained, binary_costs, g1), (two_trained, two_costs, g2) = seen["binary"], seen["two"]
    lambd = options.get("lambd", 0.0)
    l2_gap = lambd / (2 * X.shape[1]) * (np.sum(binary["W3"] ** 2) / 2 - np.sum(binary["W3"] ** 2))
    assert two_costs[0] == pytest.approx(binary_costs[0] + l2_gap, rel=1e-12)
    for key in ("dW1", "db1", "dW2", "db2"):
        np.testing.assert_allclose(g2[key], g1[key], rtol=1e-10, atol=1e-14, err_msg=key)
    for key in ("W1", "b1", "W2", "b2"):
        np.testing.assert_allclose(two_trained[key], binary_trained[key], rtol=1e-10, atol=1e-14, err_msg=key)
    l2_last = lambd / X.shape[1] * (two["W3"][1] - binary["W3"][0])      # the L2 pull of the halved row
    np.testing.assert_allclose(g2["dW3"][1], g1["dW3"][0] + l2_last, rtol=1e-10, atol=1e-14)
    np.testing.assert_allclose(g2["dW3"][0] + g2["dW3"][1], lambd / X.shape[1] * (two["W3"][0] + two["W3"][1]),
                               atol=1e-14)
    assert g2["dW3"].shape == (2, 4) and g1["dW3"].shape == (1, 4)


def test_two_softmax_classes_predict_as_the_binary_network():
    X, labels = _blobs(2)
    binary, two = _binary_and_two_class_start()
    P_binary, P_two = dh.predict_proba(X, binary), dh.predict_proba(X, two)
    np.testing.assert_allclose(P_two[1:], P_binary, rtol=1e-12)
    np.testing.assert_array_equal(dh.predict(X, two), dh.predict(X, binary))
    A_binary, _ = dh.L_model_forward_with_dropout(X, binary, 0.6, seed=3)
    A_two, _ = dh.L_model_forward_with_dropout(X, two, 0.6, seed=3)
    np.testing.assert_allclose(A_two[1:], A_binary, rtol=1e-12)
    np.testing.assert_allclose(A_two.sum(axis=0), 1.0, rtol=1e-12)


@pytest.mark.parametrize("options", OPTIONS[1:], ids=lambda o: ",".join(f"{k}={v}" for k, v in o.items()))
def test_three_classes_learn_with_every_option(options):
    X, labels = _blobs(3, m=150)
    Y = dh.one_hot(labels, 3)
    rate = {"rmsprop": 0.01, "adam": 0.05}.get(options.get("optimizer"), 0.3)
    parameters, costs = dh.improved_model(X, Y, [2, 8, 3], rate, 60, seed=1, **options)
    assert parameters["W2"].shape == (3, 8) and len(costs) == 60 and np.isfinite(costs).all()
    assert costs[-1] < 0.8 * costs[0]
    P = dh.predict_proba(X, parameters)
    np.testing.assert_allclose(P.sum(axis=0), 1.0, rtol=1e-12)
    assert dh.accuracy(labels.reshape(1, -1), dh.predict(X, parameters)) > 0.8


def test_three_classes_mini_batches_cover_every_example_once():
    X, labels = _blobs(3, m=50)
    Y = dh.one_hot(labels, 3)
    batches = dh.random_mini_batches(X, Y, 16, seed=2)
    assert [b[1].shape for b in batches] == [(3, 16), (3, 16), (3, 16), (3, 2)]
    X_all, Y_all = np.hstack([b[0] for b in batches]), np.hstack([b[1] for b in batches])
    order = np.lexsort(X_all)
    np.testing.assert_array_equal(X_all[:, order], X[:, np.lexsort(X)])
    np.testing.assert_array_equal(Y_all[:, order], Y[:, np.lexsort(X)])


@pytest.mark.parametrize("keep_prob, lambd", [(1.0, 0.0), (0.7, 0.0), (1.0, 0.8), (0.6, 0.3)])
def test_three_classes_are_gradient_checked(keep_prob, lambd):
    """The gradients improved_model steps with, for a softmax output with dropout and L2, against a two-sided
    difference of the same cost (the same masks: a fresh Generator from the same seed for every evaluation)."""
    X, labels = _blobs(3, m=12, seed=5)
    Y = dh.one_hot(labels, 3)
    parameters = dh.initialize_parameters_deep([2, 4, 3, 3], seed=2, method="he")

    def cost_and_gradients(p):   # one batch of the training loop's steps, with fresh masks from the same seed
        steps = package_steps("tanh", m=20, lambd=lambd, keep_prob=keep_prob, dropout_rng=np.random.default_rng(9))
        AL, caches = steps.forward(X, p)
        return steps.cost(AL, Y, caches, p), steps.backward(AL, Y, caches, p)

    def cost(p):
        return cost_and_gradients(p)[0]

    _, grads = cost_and_gradients(parameters)
    approx = dh.numerical_gradients(cost, parameters, 1e-6)
    _, layout = dh.parameters_to_vector(parameters)
    assert dh.relative_difference(dh.grads_to_vector(grads, layout), dh.grads_to_vector(approx, layout)) < 1e-7


def test_one_batch_epochs_report_the_batch_cost_itself(moons):
    """An epoch of one batch reports that batch's cost, bit for bit L_layer_model's; a mini-batch larger than m
    is one shuffled batch of everything, whose cost equals it to rounding (the columns' order changes the sums)."""
    X, Y = moons
    _, plain = dh.L_layer_model(X, Y, [2, 5, 1], 0.3, 40, seed=3)
    _, one_batch = dh.improved_model(X, Y, [2, 5, 1], 0.3, 40, seed=3)
    _, shuffled_whole = dh.improved_model(X, Y, [2, 5, 1], 0.3, 40, seed=3, mini_batch_size=10 ** 6)
    assert one_batch == plain
    np.testing.assert_allclose(shuffled_whole, plain, rtol=1e-12)
