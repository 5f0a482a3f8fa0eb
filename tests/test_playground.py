"""The playground's engine (dnn_helpers.playground.engine), without a display: resumable training, settings that
continue or reset, features, the improvements against improved_model, and one-line messages for the learner."""

import numpy as np
import pytest

import dnn_helpers as dh
from dnn_helpers.playground import engine as playground
from dnn_helpers.playground.engine import (DEFAULTS, FEATURES, Playground, expand_features, parse_features,
                                    parse_hidden_layers, running_line)

IMPROVEMENTS = [
    {},
    {"optimizer": "momentum"},
    {"optimizer": "rmsprop", "learning_rate": 0.01},
    {"optimizer": "adam", "learning_rate": 0.01},
    {"mini_batch_size": 32},
    {"mini_batch_size": 64, "optimizer": "adam", "learning_rate": 0.01},
    {"lambd": 0.7},
    {"keep_prob": 0.8},
    {"lambd": 0.3, "keep_prob": 0.9, "mini_batch_size": 50, "optimizer": "rmsprop", "learning_rate": 0.005},
    {"decay": "inverse_time", "decay_rate": 0.05},
    {"decay": "exponential", "decay_rate": 0.01, "optimizer": "momentum"},
    {"decay": "step", "decay_rate": 0.5, "time_interval": 5},
    {"hidden_activation": "tanh", "initialization": "xavier"},
]


def same_parameters(a, b):
    """The same arrays W1, b1, ... (a tanh engine's parameters also hold "hidden_activation", checked elsewhere)."""
    a, b = ({name: value for name, value in p.items() if name != "hidden_activation"} for p in (a, b))
    assert sorted(a) == sorted(b)
    for name in a:
        np.testing.assert_array_equal(a[name], b[name], err_msg=name)


def improved_model_of(engine, epochs, parameters=None, **override):
    """improved_model with the engine's settings on the engine's data."""
    s = {**engine.settings, **override}
    options = {name: s[name] for name in ("lambd", "keep_prob", "optimizer", "mini_batch_size", "beta1", "beta2",
                                          "epsilon", "decay", "decay_rate", "time_interval")}
    return dh.improved_model(engine.X_train, engine.Y_train, engine.layers_dims, s["learning_rate"], epochs,
                             seed=s["seed"], initialization=s["initialization"],
                             hidden_activation=s["hidden_activation"], parameters=parameters, **options)


# --------------------------------------------------------------------------------------------- the same numbers

@pytest.mark.parametrize("settings", IMPROVEMENTS, ids=lambda s: ",".join(f"{k}={v}" for k, v in s.items()) or "gd")
def test_every_optimizer_and_regularizer_matches_improved_model(settings):
    engine = Playground(**settings)
    engine.train(12)
    parameters, costs = improved_model_of(engine, 12)
    same_parameters(engine.parameters, parameters)
    assert engine.history["cost"] == costs
    assert engine.history["epoch"] == list(range(12))


@pytest.mark.parametrize("settings", [{}, {"mini_batch_size": 32, "optimizer": "adam", "keep_prob": 0.8,
                                           "learning_rate": 0.01, "decay": "inverse_time"}])
def test_pause_and_resume_gives_the_weights_of_an_uninterrupted_run(settings):
    whole = Playground(**settings)
    whole.train(40)
    pieces = Playground(**settings)
    for n in (1, 9, 0, 17, 13):
        assert pieces.train(n)
    assert pieces.epoch == whole.epoch == 40
    same_parameters(pieces.parameters, whole.parameters)
    assert pieces.history == whole.history
    assert pieces.updates == whole.updates == 40 * (1 if not settings else 7)


def test_the_default_run_learns_the_moons():
    engine = Playground()
    engine.train(300)
    result = engine.evaluate()
    assert result["train_accuracy"] > 0.95 and result["test_accuracy"] > 0.9
    h = engine.history
    assert len(h["epoch"]) == 300 and np.array(h["grad_norms"]).shape == (300, 3)
    assert h["train_cost"] == h["cost"]       # full batch, no L2, no dropout: the objective is the train cost
    assert h["test_cost"][-1] < 0.5 * h["test_cost"][0]


# --------------------------------------------------------------------------------------------- settings

def test_a_learning_rate_change_continues_from_the_current_weights():
    engine = Playground()
    engine.train(50)
    before = {name: value.copy() for name, value in engine.parameters.items()}
    assert engine.set(learning_rate=0.05) == "continue"
    assert engine.epoch == 50 and len(engine.history["epoch"]) == 50
    same_parameters(engine.parameters, before)
    engine.train(3)
    expected, _ = improved_model_of(engine, 3, parameters=before, learning_rate=0.05)
    same_parameters(engine.parameters, expected)
    assert engine.history["learning_rate"][49:] == [0.3, 0.05, 0.05, 0.05]


@pytest.mark.parametrize("change", [{"lambd": 0.1}, {"keep_prob": 0.7}, {"mini_batch_size": 16},
                                    {"decay": "exponential"}, {"beta1": 0.5}])
def test_regularization_and_optimizer_settings_continue(change):
    engine = Playground()
    engine.train(20)
    before = {name: value.copy() for name, value in engine.parameters.items()}
    assert engine.set(**change) == "continue"
    same_parameters(engine.parameters, before)
    assert engine.epoch == 20
    assert engine.train(2) and engine.epoch == 22


def test_an_optimizer_change_keeps_the_weights_and_starts_its_averages_at_zero():
    engine = Playground(optimizer="momentum")
    engine.train(10)
    before = {name: value.copy() for name, value in engine.parameters.items()}
    assert engine.set(optimizer="adam") == "continue"
    same_parameters(engine.parameters, before)
    assert engine.optimizer_state["t"] == 0
    assert all(np.all(v == 0) for v in engine.optimizer_state["v"].values())
    engine.train(1)
    assert engine.optimizer_state["t"] == 1


@pytest.mark.parametrize("change", [{"dataset": "circles"}, {"noise": 0.3}, {"test_fraction": 0.5},
                                    {"data_seed": 4}, {"m": 200}, {"features": ("x1", "x2", "x1·x2")}])
def test_a_data_change_resets(change):
    engine = Playground()
    points = engine.points_train.copy()
    engine.train(20)
    assert engine.set(**change) == "reset"
    assert engine.epoch == 0 and engine.history["epoch"] == [] and engine.updates == 0
    fresh = dh.initialize_parameters_deep(engine.layers_dims, seed=0, method="he")
    same_parameters(engine.parameters, fresh)
    if "features" not in change:
        assert engine.points_train.shape != points.shape or not np.array_equal(engine.points_train, points)


@pytest.mark.parametrize("change, dims", [({"hidden_layers": "3"}, [2, 3, 1]), ({"hidden_layers": ""}, [2, 1]),
                                          ({"hidden_activation": "tanh"}, [2, 8, 8, 1]),
                                          ({"initialization": "xavier"}, [2, 8, 8, 1]),
                                          ({"seed": 7}, [2, 8, 8, 1])])
def test_a_network_change_resets_and_keeps_the_data(change, dims):
    engine = Playground()
    points = engine.points_train.copy()
    engine.train(20)
    assert engine.set(**change) == "reset"
    assert engine.epoch == 0 and engine.layers_dims == dims
    np.testing.assert_array_equal(engine.points_train, points)
    s = engine.settings
    same_parameters(engine.parameters, dh.initialize_parameters_deep(dims, seed=s["seed"], method=s["initialization"]))


def test_the_same_value_changes_nothing_and_a_bad_one_leaves_the_state_alone():
    engine = Playground()
    engine.train(5)
    assert engine.set(learning_rate=0.3, noise=0.2) == "unchanged"
    with pytest.raises(ValueError, match="learning_rate must be a positive number; got -1"):
        engine.set(noise=0.4, learning_rate=-1)
    assert engine.settings["noise"] == 0.2 and engine.epoch == 5


@pytest.mark.parametrize("settings, match", [
    ({"dataset": "squares"}, "dataset must be one of 'moons', 'circles', 'spirals', 'xor', 'blobs'; got 'squares'"),
    ({"hidden_activation": "swish"}, "hidden_activation must be one of 'relu'"),
    ({"optimizer": "sgd"}, "optimizer must be one of 'gd', 'momentum', 'rmsprop', 'adam'; got 'sgd'"),
    ({"keep_prob": 0}, r"keep_prob, the probability of keeping a hidden unit, must be in \(0, 1\] .*got 0"),
    ({"lambd": -0.1}, "lambd, the L2 regularization strength, must be 0 or more .*got -0.1"),
    ({"mini_batch_size": 0}, "mini_batch_size must be at least 1; got 0"),
    ({"decay": "linear"}, "decay must be None or one of 'inverse_time', 'exponential', 'step'"),
    ({"beta1": 1.0}, r"beta1 must be in \[0, 1\), e.g. 0.9 .*got 1"),
    ({"features": ()}, "choose at least one input feature"),
    ({"features": ("x3",)}, "unknown feature"),
    ({"seed": -1}, "seed must be at least 0; got -1"),
    ({"record_every": 0}, "record_every is how many epochs apart the history records the costs"),
    ({"hidden_layers": "8, x"}, "hidden layer sizes must be whole numbers"),
])
def test_a_wrong_setting_gets_a_teaching_error(settings, match):
    with pytest.raises(ValueError, match=match):
        Playground(**settings)


def test_wrong_types_and_names_get_a_teaching_error():
    with pytest.raises(TypeError, match="learning_rate must be a number > 0; got '0.1' \\(str\\)"):
        Playground(learning_rate="0.1")
    with pytest.raises(TypeError, match="unknown setting 'lr'"):
        Playground(lr=0.1)
    with pytest.raises(TypeError, match="unknown setting 'forward'.* your own step functions can be passed as "
                                        "L_model_forward, compute_cost, L_model_backward, update_parameters"):
        Playground(forward=dh.L_model_forward)
    with pytest.raises(TypeError, match="L_model_forward must be a function; got str"):
        Playground(L_model_forward="mine")
    with pytest.raises(TypeError, match=r"epochs must be a whole number \(at least 0\); got 1.5 \(float\)"):
        Playground().train(1.5)


def test_record_every_keeps_one_entry_every_so_many_epochs():
    engine = Playground(record_every=10)
    engine.train(35)
    assert engine.history["epoch"] == [0, 10, 20, 30]
    every = Playground()
    every.train(35)
    assert engine.history["cost"] == every.history["cost"][::10]
    assert engine.set(record_every=5) == "continue"


def test_parse_hidden_layers():
    assert parse_hidden_layers("8, 4") == [8, 4]
    assert parse_hidden_layers(" 16 ;") == [16]
    assert parse_hidden_layers("") == []
    assert parse_hidden_layers((3, 2)) == [3, 2]
    for bad in ("8, x", "0", "-3", "2.5", "300", "1,1,1,1,1,1,1,1,1"):
        with pytest.raises(ValueError, match="hidden"):
            parse_hidden_layers(bad)
    with pytest.raises(TypeError, match="hidden_layers must be a text"):
        parse_hidden_layers(8)


# --------------------------------------------------------------------------------------------- features

def test_features_expand_correctly():
    X = np.array([[0.0, 1.0, -2.0], [3.0, -0.5, 0.25]])
    expanded = expand_features(X, tuple(FEATURES))
    x1, x2 = X
    expected = np.vstack([x1, x2, x1 ** 2, x2 ** 2, x1 * x2, np.sin(x1), np.sin(x2)])
    np.testing.assert_array_equal(expanded, expected)
    np.testing.assert_array_equal(expand_features(X, ("x2²",)), [x2 ** 2])
    assert parse_features(["sin x2", "x1"]) == ("x1", "sin x2")
    assert parse_features("x1·x2") == ("x1·x2",)


def test_the_network_sees_the_chosen_features():
    engine = Playground(features=("x1", "x1²", "sin x2"))
    assert engine.layers_dims == [3, 8, 8, 1]
    np.testing.assert_array_equal(engine.X_train, expand_features(engine.points_train, ("x1", "x1²", "sin x2")))
    np.testing.assert_array_equal(engine.X_test[1], engine.points_test[0] ** 2)
    x1, x2 = engine.plane(5)
    outputs = engine.unit_outputs(5)
    np.testing.assert_allclose(outputs[0][1], x1 ** 2)
    np.testing.assert_allclose(outputs[0][2], np.sin(x2))


def test_squares_make_the_circles_separable_without_a_hidden_layer():
    flat = Playground("circles", noise=0.1, features=("x1", "x2"), hidden_layers=())
    squares = Playground("circles", noise=0.1, features=("x1²", "x2²"), hidden_layers=())
    flat.train(300)
    squares.train(300)
    assert flat.evaluate()["test_accuracy"] < 0.7       # a line cannot separate two rings
    assert squares.evaluate()["test_accuracy"] > 0.95   # a circle is a line in (x1², x2²)


# --------------------------------------------------------------------------------------------- what is shown

def test_unit_outputs_are_each_layers_activations_over_the_plane():
    engine = Playground(hidden_layers=(5, 3))
    engine.train(30)
    outputs = engine.unit_outputs(7)
    assert [o.shape for o in outputs] == [(2, 7, 7), (5, 7, 7), (3, 7, 7), (1, 7, 7)]
    x1, x2, P = engine.grid(7)
    np.testing.assert_allclose(outputs[-1][0], P, rtol=1e-12)
    A1 = np.maximum(engine.parameters["W1"] @ np.vstack([x1.ravel(), x2.ravel()]) + engine.parameters["b1"], 0)
    np.testing.assert_allclose(outputs[1].reshape(5, -1), A1, rtol=1e-12)


def test_dead_units_are_those_with_one_output_for_every_training_point():
    engine = Playground(hidden_layers=(4, 3), seed=3)
    A1 = np.maximum(engine.parameters["W1"] @ engine.X_train + engine.parameters["b1"], 0)
    A2 = np.maximum(engine.parameters["W2"] @ A1 + engine.parameters["b2"], 0)
    expected = [A1.max(axis=1) == 0, A2.max(axis=1) == 0]  # ReLU: dead when 0 for every training point
    assert [flags.tolist() for flags in engine.dead_units()] == [flags.tolist() for flags in expected]
    engine.parameters["b1"][2] = -100.0     # unit 2 of layer 1: W x + b < 0 everywhere, ReLU gives 0
    assert engine.dead_units()[0].tolist() == [*expected[0][:2].tolist(), True, expected[0][3]]
    zeros = Playground(hidden_layers=(4, 3), initialization="zeros")
    assert all(flags.all() for flags in zeros.dead_units())
    tanh = Playground(hidden_layers=(4,), hidden_activation="tanh")
    assert not tanh.dead_units()[0].any()


def test_summary_rounds_to_what_holds():
    engine = Playground()
    engine.train(10)
    assert engine.summary().startswith("epoch 10 · train cost 0.")
    assert engine.summary().endswith("%")


# --------------------------------------------------------------------------------------------- learner's functions

def my_forward(X, parameters, hidden_activation="relu"):
    L = len(parameters) // 2
    A, caches = X, []
    for l in range(1, L + 1):
        A, cache = dh.linear_activation_forward(A, parameters[f"W{l}"], parameters[f"b{l}"],
                                                hidden_activation if l < L else "sigmoid")
        caches.append(cache)
    return A, caches


def my_update(parameters, grads, learning_rate):
    return {name: value - learning_rate * grads["d" + name] for name, value in parameters.items()}


def test_the_learners_functions_give_the_packages_numbers():
    mine = Playground(L_model_forward=my_forward, update_parameters=my_update,
                      compute_cost=lambda AL, Y: dh.compute_cost(AL, Y))
    package = Playground()
    mine.train(30)
    package.train(30)
    np.testing.assert_allclose(mine.history["cost"], package.history["cost"], rtol=1e-10)
    assert mine.running == ("Running: your L_model_forward, your compute_cost, dnn_helpers.L_model_backward, "
                            "your update_parameters")
    assert mine.learners_steps == ["L_model_forward", "compute_cost", "update_parameters"]


def test_the_running_line_names_what_the_improvements_run():
    engine = Playground(keep_prob=0.8, optimizer="adam", L_model_forward=my_forward)
    assert engine.running == ("Running: dnn_helpers.L_model_forward_with_dropout, dnn_helpers.compute_cost, "
                              "dnn_helpers.L_model_backward_with_dropout, dnn_helpers.update_parameters_with_adam")
    assert running_line(engine.steps) == ("Running: your L_model_forward, dnn_helpers.compute_cost, "
                                          "dnn_helpers.L_model_backward, dnn_helpers.update_parameters")
    assert engine.train(3)


def broken_forward(X, parameters, hidden_activation="relu"):
    return dh.L_model_forward(X, parameters, hidden_activation)[0] @ parameters["W9"]


def backward_without_dW1(AL, Y, caches, hidden_activation="relu"):
    grads = dh.L_model_backward(AL, Y, caches, hidden_activation)
    del grads["dW1"]
    return grads


def forward_with_a_wrong_shape(X, parameters, hidden_activation="relu"):
    AL, caches = dh.L_model_forward(X, parameters, hidden_activation)
    return AL.T, caches


def forward_without_sigmoid(X, parameters, hidden_activation="relu"):
    L = len(parameters) // 2
    A, caches = X, []
    for l in range(1, L + 1):
        A, cache = dh.linear_activation_forward(A, parameters[f"W{l}"], parameters[f"b{l}"], "tanh")
        caches.append(cache)
    return A, caches


def overflowing_forward(X, parameters, hidden_activation="relu"):
    AL, caches = dh.L_model_forward(X, parameters, hidden_activation)
    return AL * np.exp(np.full_like(AL, 1000.0)) / np.exp(np.full_like(AL, 1000.0)), caches


@pytest.mark.parametrize("steps, expected", [
    ({"L_model_forward": broken_forward}, "your L_model_forward raised KeyError: 'W9'"),
    ({"L_model_forward": forward_with_a_wrong_shape}, "your L_model_forward returned AL of shape (90, 1); "
                                                      "expected (1, m) = (1, 90)"),
    ({"L_model_forward": lambda X, parameters, hidden_activation: X}, "not the pair (AL, caches)"),
    ({"L_model_forward": forward_without_sigmoid}, "dnn_helpers.compute_cost raised ValueError"),
    ({"L_model_forward": overflowing_forward},
     "your L_model_forward hit a floating-point error (overflow encountered in exp) on inputs that "
     "dnn_helpers.L_model_forward computes without one"),
    ({"compute_cost": lambda AL, Y: 1 / 0}, "your compute_cost raised ZeroDivisionError: division by zero"),
    ({"compute_cost": lambda AL, Y: None}, "your compute_cost returned None; it must return the cost, one number"),
    ({"compute_cost": lambda AL, Y: -(Y * np.log(AL) + (1 - Y) * np.log(1 - AL))},
     "your compute_cost returned an array of shape (1, 90); the cost is one number, the mean of the m losses"),
    ({"compute_cost": lambda AL, Y: np.mean(AL, keepdims=True)},
     "your compute_cost returned an array of shape (1, 1); the cost is one number: return np.squeeze(cost)"),
    ({"compute_cost": lambda AL, Y: "0.5"}, "your compute_cost returned str '0.5'; it must return the cost"),
    ({"compute_cost": lambda AL, Y: np.inf}, "your compute_cost returned inf where dnn_helpers.compute_cost gives a "
                                             "finite cost for the same AL and Y"),
    ({"compute_cost": lambda AL, Y: np.nan}, "your compute_cost returned nan where dnn_helpers.compute_cost"),
    ({"compute_cost": lambda AL, Y: float(np.mean(np.log(AL - AL)))},
     "your compute_cost hit a floating-point error (divide by zero encountered in log) on inputs that "
     "dnn_helpers.compute_cost computes without one"),
    ({"L_model_backward": lambda AL, Y, caches, hidden_activation: {
        **dh.L_model_backward(AL, Y, caches, hidden_activation), "dW2": np.full((8, 8), np.nan)}},
     "your L_model_backward returned dW2 holding NaN or inf, where dnn_helpers.L_model_backward gives finite "
     "numbers for the same inputs"),
    ({"update_parameters": lambda parameters, grads, learning_rate: {
        **dh.update_parameters(parameters, grads, learning_rate), "b1": np.full((8, 1), np.inf)}},
     "your update_parameters returned b1 holding NaN or inf, where dnn_helpers.update_parameters gives finite"),
    ({"L_model_backward": backward_without_dW1}, "dnn_helpers.update_parameters raised ValueError"),
    ({"L_model_backward": lambda AL, Y, caches, hidden_activation: None}, "your L_model_backward returned "
                                                                           "NoneType, not the dict of gradients"),
    ({"update_parameters": lambda parameters, grads, learning_rate: None}, "your update_parameters returned "
                                                                            "NoneType, not the dict of parameters"),
])
def test_a_broken_learners_function_gets_one_short_line(steps, expected):
    engine = Playground(**steps)
    assert engine.train(5) is False
    assert expected in engine.error
    assert "\n" not in engine.error and "Traceback" not in engine.error
    assert engine.epoch == 0
    assert engine.train(5) is False                    # stays stopped, same line
    assert expected in engine.error and engine.summary() == engine.error


def test_a_package_step_that_chokes_points_at_the_learners_function():
    engine = Playground(L_model_forward=forward_without_sigmoid)
    engine.train(1)
    assert engine.error.startswith("dnn_helpers.compute_cost raised ValueError: ")
    assert "(its input came from your L_model_forward)" in engine.error


def test_a_training_setting_change_clears_the_error_and_continues():
    engine = Playground(compute_cost=lambda AL, Y: np.inf)
    assert not engine.train(1)
    engine.set(learning_rate=0.1)
    assert engine.error is None


def test_dh_check_diagnoses_the_learners_function(monkeypatch):
    seen = []

    class Result:
        passed, message = False, "✗ compute_cost: returns None: is `return cost` missing?"

    def fake_check(function, name=None):
        seen.append(name)
        print("printed by check")
        return Result()

    monkeypatch.setattr(playground, "check", fake_check)
    engine = Playground(compute_cost=lambda AL, Y: None)
    engine.train(1)
    assert engine.error == ("your compute_cost returned None; it must return the cost, one number (is `return cost` "
                            "missing?). dh.check says: ✗ compute_cost: returns None: is `return cost` missing?")
    assert seen == ["compute_cost"]


def test_the_real_dh_check_names_the_mistake_in_the_playground():
    engine = Playground(compute_cost=lambda AL, Y: float(-np.sum(Y * np.log(AL) + (1 - Y) * np.log(1 - AL))))
    engine.train(1)
    message = engine.diagnosis("compute_cost")
    assert message.startswith("✗ compute_cost: ") and "m times too large" in message


def test_without_a_check_of_that_name_the_message_stands_alone(monkeypatch):
    class Result:
        passed, message = False, "✗ compute_cost: there is no check for a function of this name"

    monkeypatch.setattr(playground, "check", lambda function, name=None: Result())
    engine = Playground(compute_cost=lambda AL, Y: None)
    engine.train(1)
    assert engine.error.endswith("(is `return cost` missing?)")
    assert engine.diagnosis("compute_cost") is None


def test_defaults_are_the_documented_ones():
    engine = Playground()
    assert engine.settings == {**DEFAULTS, "hidden_layers": (8, 8)}
    assert engine.learning_rate == 0.3 and engine.dataset == "moons"
    with pytest.raises(AttributeError):
        engine.no_such_setting  # noqa: B018


def test_a_huge_lambda_is_named_not_the_learning_rate():
    engine = Playground(lambd=1e6)
    assert engine.train(50) is False
    assert "lambd = 1e+06 is too large for the learning rate 0.3" in engine.error
    assert "try a lambd below 700" in engine.error and "The learning rate" not in engine.error


def test_a_blow_up_before_the_first_update_does_not_blame_the_learning_rate():
    def exploding_cost(AL, Y):
        with np.errstate(over="raise"):
            return float(np.exp(np.float64(1000.0)))

    engine = Playground(compute_cost=exploding_cost)
    assert engine.train(1) is False        # the package's compute_cost copes with the same AL and Y: the learner's
    assert engine.error.startswith("your compute_cost hit a floating-point error (overflow encountered in exp) on "
                                   "inputs that dnn_helpers.compute_cost computes without one")

    def nan_forward(X, parameters, hidden_activation="relu"):
        AL, caches = dh.L_model_forward(X, parameters, hidden_activation)
        return np.full_like(AL, np.nan), caches

    both = Playground(L_model_forward=nan_forward, compute_cost=exploding_cost)
    assert both.train(1) is False          # the package's compute_cost fails too on a NaN AL: the inputs' fault
    assert both.error.startswith("The numbers blew up at epoch 0, before the first update, so the learning rate is "
                                 "not the cause: look at your L_model_forward, compute_cost")


def test_the_playgrounds_parameters_run_as_trained():
    engine = Playground(hidden_activation="tanh", hidden_layers=(5,))
    engine.train(30)
    parameters = engine.parameters
    assert parameters["hidden_activation"] == "tanh" and "hidden_activation" not in engine.weights
    np.testing.assert_array_equal(dh.predict_proba(engine.X_test, dict(parameters)),
                                  dh.L_model_forward(engine.X_test, engine.weights, "tanh")[0])
    assert Playground().parameters.hidden_activation == "relu" and "hidden_activation" not in Playground().parameters
