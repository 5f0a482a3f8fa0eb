"""The trust check of notebook 08, as a test: one gradient step of ours equals one of scikit-learn's."""

import warnings

import numpy as np
import pytest
from sklearn.exceptions import ConvergenceWarning
from sklearn.neural_network import MLPClassifier

import dnn_helpers as dh


@pytest.mark.parametrize("dims", [[6, 1], [6, 5, 1], [6, 5, 4, 3, 1], [6, 3], [6, 5, 4], [6, 5, 4, 10]])
def test_one_step_matches_mlpclassifier(dims):
    """One output unit: sigmoid + binary cross-entropy; K >= 3 units: softmax + categorical (notebook 15)."""
    rng = np.random.default_rng(0)
    K = dims[-1]
    X = rng.standard_normal((6, 40))
    classes = rng.integers(0, max(K, 2), 40)
    classes[:K] = np.arange(K)  # every class present, so that scikit-learn sizes its output layer K
    Y = classes.reshape(1, -1) if K == 1 else dh.one_hot(classes, K)
    start = dh.initialize_parameters_deep(dims, seed=2, method="xavier")
    ours, costs = dh.L_layer_model(X, Y, dims, learning_rate=0.1, num_iterations=1, parameters=start)
    clf = MLPClassifier(hidden_layer_sizes=dims[1:-1], activation="relu", solver="sgd", batch_size=40,
                        momentum=0.0, nesterovs_momentum=False, alpha=0.0, learning_rate_init=0.1,
                        shuffle=False, warm_start=True, max_iter=1, n_iter_no_change=np.inf, random_state=0)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        clf.fit(X.T, classes)
        L = len(dims) - 1
        clf.coefs_ = [start[f"W{l}"].T.copy() for l in range(1, L + 1)]
        clf.intercepts_ = [start[f"b{l}"].ravel().copy() for l in range(1, L + 1)]
        clf.fit(X.T, classes)
    assert abs(clf.loss_ - costs[0]) < 1e-12
    for l in range(1, L + 1):
        np.testing.assert_allclose(clf.coefs_[l - 1].T, ours[f"W{l}"], rtol=0, atol=1e-12)
        np.testing.assert_allclose(clf.intercepts_[l - 1].reshape(-1, 1), ours[f"b{l}"], rtol=0, atol=1e-12)
