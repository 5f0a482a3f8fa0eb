"""Helpers shared by several test files: data sets, random networks, the textbook training loop, figure clean-up.

Fixtures are used by name (``def test_x(moons): ...``); the plain helpers are imported where a test builds its own
inputs: ``from conftest import random_network``.
"""

import sys

import numpy as np
import pytest

import dnn_helpers as dh
from dnn_helpers.training import Steps, fit


# --- data -------------------------------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def moons():
    """160 two-moons points with noise 0.2 (seed 1): X (2, 160), Y (1, 160). Do not modify them in place."""
    return dh.make_moons(160, noise=0.2, seed=1)


@pytest.fixture(scope="module")
def clean_moons():
    """120 two-moons points with little noise, 0.1 (seed 0), that small networks learn well: X (2, 120), Y (1, 120)."""
    return dh.make_moons(120, noise=0.1, seed=0)


# --- networks ---------------------------------------------------------------------------------------------------------

def random_network(dims, seed=0, m=5, method="xavier", bias_scale=0.5):
    """(parameters, X, Y): weights from ``initialize_parameters_deep(dims, seed, method)``, nonzero biases drawn from
    N(0, bias_scale²) (so that no unit sits exactly at ReLU's kink; bias_scale=0 keeps them zero), then X (n_x, m)
    standard normal and Y (1, m) of 0/1, all from one Generator seeded with ``seed``."""
    rng = np.random.default_rng(seed)
    parameters = dh.initialize_parameters_deep(list(dims), seed=seed, method=method)
    for l in range(1, len(dims)):
        parameters[f"b{l}"] = rng.normal(0, bias_scale, (dims[l], 1))
    X, Y = rng.standard_normal((dims[0], m)), rng.integers(0, 2, (1, m))
    return parameters, X, Y


def _textbook_loop(X, Y, dims, rate, iterations, seed, gradients=dh.L_model_backward):
    """Notebook 06's loop from the textbook step functions (forward, compute_cost, the given gradients, plain
    gradient descent), run by the package's one training loop with those four steps swapped in (training.fit),
    to compare the package's loops with. Returns (parameters, costs)."""
    steps = Steps(forward=lambda X, parameters: dh.L_model_forward(X, parameters),
                  cost=lambda AL, Y, caches, parameters: dh.compute_cost(AL, Y),
                  backward=lambda AL, Y, caches, parameters: gradients(AL, Y, caches),
                  update=lambda parameters, grads, state, rate: (dh.update_parameters(parameters, grads, rate), state))
    parameters = dh.initialize_parameters_deep(dims, seed=seed, method="xavier")
    return fit(steps, X, Y, parameters, {}, iterations, lambda epoch: rate)


@pytest.fixture
def textbook_loop():
    return _textbook_loop


# --- figures ----------------------------------------------------------------------------------------------------------

@pytest.fixture(autouse=True)
def close_figures():
    """Every test closes the matplotlib figures it opened (a test that never imported pyplot costs nothing)."""
    yield
    pyplot = sys.modules.get("matplotlib.pyplot")
    if pyplot is not None:
        pyplot.close("all")
