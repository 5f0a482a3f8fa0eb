"""Behaviour of dnn_helpers.improved_model that one-token mutants changed without a test noticing
(tools/mutate.py).

The callback's parameters run with the network's hidden activation, and a diverged training names its epoch.
"""

import numpy as np
import pytest

import dnn_helpers as dh


def data(m=16, seed=0):
    rng = np.random.default_rng(seed)
    X = rng.standard_normal((2, m))
    return X, (X[0:1] * X[1:2] > 0).astype(int)


def test_the_callbacks_parameters_run_as_tanh_in_a_tanh_network():
    X, Y = data()
    seen = []
    trained, _ = dh.improved_model(X * 5, Y, [2, 6, 1], learning_rate=0.5, num_epochs=4, hidden_activation="tanh",
                                   callback=lambda epoch, p, grads, cost: seen.append(dh.predict_proba(X * 5, p)))
    assert len(seen) == 4
    final = dh.predict_proba(X * 5, trained)
    np.testing.assert_allclose(seen[-1], final, rtol=1e-12)
    plain = {key: value for key, value in trained.items() if key.startswith(("W", "b"))}
    assert not np.allclose(final, dh.predict_proba(X * 5, plain, hidden_activation="relu"))


def test_a_diverged_training_names_its_epoch():
    X, Y = data()
    with pytest.raises(ValueError, match=r"^training diverged at iteration \d+: "):
        dh.improved_model(X * 1e3, Y, [2, 6, 1], learning_rate=1e12, num_epochs=50)
