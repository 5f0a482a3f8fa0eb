"""The catalogue of dh.check for notebook 07_prediction: predict, accuracy.

(How a catalogue is written: ``engine.exercise`` and ``engine.mistake``.)
"""

import numpy as np

from .engine import Case, exercise, mistake
from .forward import plain_forward
from .inputs import seeded_rng, labels, network

NOTEBOOK = "07"

# --- 07: prediction -------------------------------------------------------------------------------------------------


def predict_cases():
    cases = []
    for dims, m, seed in [([3, 4, 1], 40, 60), ([5, 4, 3, 1], 30, 61), ([2, 3, 1], 1, 62), ([4, 1], 24, 63)]:
        X, parameters = network(dims, m, seed)
        X = X * 2
        L = len(dims) - 1
        # center the output on 0.5, so that many predictions are close calls that any slip would flip
        AL = plain_forward(X, parameters)[0]
        Z = np.log(AL / (1 - AL))
        parameters[f"b{L}"] = parameters[f"b{L}"] - np.median(Z, axis=1, keepdims=True) + 0.05  # none at exactly 0.5
        cases.append(Case({"X": X, "parameters": parameters}, m=m))
    # a threshold other than 0.5 and a tanh network, each centered on its own threshold
    for (dims, m, seed), hidden, threshold in [(([3, 4, 1], 30, 64), "relu", 0.7), (([3, 5, 1], 30, 65), "tanh", 0.5)]:
        X, parameters = network(dims, m, seed)
        X = X * 2
        Z = plain_forward(X, parameters, hidden)[1][-1][1]
        parameters["b2"] = parameters["b2"] - np.median(Z, axis=1, keepdims=True) + np.log(threshold / (1 - threshold))
        parameters["b2"] = parameters["b2"] + 0.05
        kwargs = {"hidden_activation": hidden} if hidden != "relu" else {"threshold": threshold}
        cases.append(Case({"X": X, "parameters": parameters}, kwargs, m=m, label=f"{hidden}, threshold {threshold}"))
    # the output layer's weights and bias zero: AL is exactly 0.5, the threshold, and the course predicts 0
    X, parameters = network([3, 4, 1], 3, 66)
    parameters["W2"], parameters["b2"] = np.zeros_like(parameters["W2"]), np.zeros_like(parameters["b2"])
    cases.append(Case({"X": X, "parameters": parameters}, m=3, label="AL exactly at the threshold"))
    return cases


@exercise("predict", outputs=("predictions",),
          covers="1 to 3 layers, threshold 0.7, tanh, AL exactly at the threshold, m = 1, float32, inputs unchanged")
def _predict_cases():
    return predict_cases()


@mistake("predict", "these are the probabilities AL; turn them into 0/1 predictions: (AL > 0.5)")
def returns_probabilities(X, parameters, hidden_activation="relu", threshold=0.5):
    return plain_forward(X, parameters, hidden_activation)[0]


@mistake("predict", "the 0s and 1s are swapped: predict 1 where AL > threshold")
def zeros_and_ones_swapped(X, parameters, hidden_activation="relu", threshold=0.5):
    return (plain_forward(X, parameters, hidden_activation)[0] < threshold).astype(np.int64)


@mistake("predict", "the predictions are booleans (True/False): return 0/1 numbers, e.g. (AL > threshold).astype(int)")
def predictions_as_booleans(X, parameters, hidden_activation="relu", threshold=0.5):
    return plain_forward(X, parameters, hidden_activation)[0] > threshold


@mistake("predict", "the threshold is 0.5 (a probability), not 0: compare AL > 0.5")
def threshold_0_instead_of_0_5(X, parameters, hidden_activation="relu", threshold=0.5):
    return (plain_forward(X, parameters, hidden_activation)[0] > 0).astype(np.int64)


@mistake("predict", "the hidden layers use ReLU (hidden_activation); the sigmoid is only for the output layer: "
                    "use L_model_forward(X, parameters, hidden_activation)")
def hidden_layers_use_sigmoid(X, parameters, hidden_activation="relu", threshold=0.5):
    return (plain_forward(X, parameters, hidden="sigmoid")[0] > threshold).astype(np.int64)


@mistake("predict", "the predictions come out as a flat (m,) vector: keep them (1, m) like Y, no ravel or squeeze")
def predictions_flattened(X, parameters, hidden_activation="relu", threshold=0.5):
    return (plain_forward(X, parameters, hidden_activation)[0] > threshold).astype(np.int64).ravel()


@mistake("predict", "use the threshold argument: predictions = (AL > threshold); 0.5 is only its default")
def threshold_argument_ignored(X, parameters, hidden_activation="relu", threshold=0.5):
    return (plain_forward(X, parameters, hidden_activation)[0] > 0.5).astype(np.int64)


@mistake("predict", "hidden_activation is ignored: pass it on, L_model_forward(X, parameters, hidden_activation), "
                    "or a tanh network is run with ReLU")
def hidden_activation_ignored(X, parameters, hidden_activation="relu", threshold=0.5):
    return (plain_forward(X, parameters)[0] > threshold).astype(np.int64)


@mistake("predict", "predict 1 only where AL is above the threshold, AL > threshold: where AL equals the threshold "
                    "exactly, the course predicts 0 (>= predicts 1)")
def predicts_1_at_the_threshold(X, parameters, hidden_activation="relu", threshold=0.5):
    return (plain_forward(X, parameters, hidden_activation)[0] >= threshold).astype(np.int64)


def accuracy_cases():
    r = seeded_rng(70)
    cases = []
    for m in (10, 7, 1):
        cases.append(Case({"Y": labels(m, m), "Y_pred": r.integers(0, 2, (1, m))}, m=m))
    cases.append(Case({"Y": np.array([[1.0, 0.0, 1.0, 1.0]]), "Y_pred": np.array([[1, 1, 1, 0]])}, m=4))
    return cases


@exercise("accuracy", outputs=("accuracy",), covers="m = 1, int and float labels, inputs unchanged")
def _accuracy_cases():
    return accuracy_cases()


@mistake("accuracy", "this is a percentage: accuracy here is the fraction in [0, 1], np.mean(Y == Y_pred)")
def percentage_not_fraction(Y, Y_pred):
    return float(np.mean(Y == Y_pred) * 100)


@mistake("accuracy", "this is the error rate, the fraction of wrong predictions: accuracy counts the right ones")
def error_rate_not_accuracy(Y, Y_pred):
    return float(np.mean(Y != Y_pred))


@mistake("accuracy", "this is the number of right predictions: divide by m (np.mean) to get the fraction")
def count_not_fraction(Y, Y_pred):
    return float(np.sum(Y == Y_pred))


@mistake("accuracy", "this counts only the right 1s (Y · Y_pred): the right 0s count too, np.mean(Y == Y_pred)")
def counts_only_right_ones(Y, Y_pred):
    return float(np.sum(Y * Y_pred) / Y.shape[1])


@mistake("accuracy", "this is the share of predicted 1s: compare the predictions with the labels, Y == Y_pred")
def share_of_predicted_ones(Y, Y_pred):
    return float(np.mean(Y_pred))
