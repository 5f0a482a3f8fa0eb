"""dh.check for notebook 16 (dnn_helpers/check/batch_normalization.py): each catalogued mistake of batchnorm_forward
and batchnorm_backward gets ✗ with its own sentence, right answers written another way get ✓, and a shortcut is
refused."""

import types

import numpy as np
import pytest

import dnn_helpers as dh
from dnn_helpers.check import batch_normalization, engine

NAMES = ("batchnorm_forward", "batchnorm_backward")
EXERCISES = engine.catalogue()
MISTAKES = [(name, index) for name in NAMES for index in range(len(EXERCISES[name].mistakes))]


def as_learner(function, name):
    """The function as if the learner had written it in a notebook under the exercise's name."""
    return types.FunctionType(function.__code__.replace(co_filename="<learner>"), function.__globals__, name,
                              function.__defaults__, function.__closure__)


def test_catalogue_registered_for_notebook_16():
    assert batch_normalization.NOTEBOOK == "16"
    for name in NAMES:
        assert EXERCISES[name].notebook == "16"
        assert len(EXERCISES[name].mistakes) >= 5
    assert list(engine.exercise_notebooks()).index("batchnorm_forward") < list(
        engine.exercise_notebooks()).index("batchnorm_backward")


@pytest.mark.parametrize("name, index", MISTAKES,
                         ids=[EXERCISES[n].mistakes[i].function.__name__ for n, i in MISTAKES])
def test_every_mistake_gets_a_cross_naming_it(name, index):
    mistake = EXERCISES[name].mistakes[index]
    result = engine.judge(as_learner(mistake.function, name), name)
    assert not result.passed
    first_words = mistake.sentence.split(":")[0][:40]
    assert first_words in result.message, result.message


def forward_loop(Z, gamma, beta, epsilon=1e-5):
    n, m = Z.shape
    mu = np.zeros((n, 1), Z.dtype)
    var = np.zeros((n, 1), Z.dtype)
    for k in range(n):
        mu[k, 0] = Z[k].mean()
        var[k, 0] = np.var(Z[k])
    std = np.sqrt(var + epsilon)
    Z_hat = (Z - mu) / std
    cache = {"Z_hat": Z_hat, "Z_centered": Z - mu, "mu": mu, "var": var, "std": std, "gamma": gamma,
             "epsilon": epsilon}
    return gamma * Z_hat + beta, cache


def forward_mean_var(Z, gamma, beta, epsilon=1e-5):
    mu = Z.mean(axis=1, keepdims=True)
    var = Z.var(axis=1, keepdims=True)
    Z_hat = (Z - mu) / np.sqrt(var + epsilon)
    cache = {"Z_hat": Z_hat, "Z_centered": Z - mu, "mu": mu, "var": var, "std": np.sqrt(var + epsilon),
             "gamma": gamma, "epsilon": epsilon}
    return gamma * Z_hat + beta, cache


def backward_paper(dout, cache):
    """The paper's four lines: dx_hat, dvar, dmu, dx."""
    Z_hat, Zc, std, gamma = cache["Z_hat"], cache["Z_centered"], cache["std"], cache["gamma"]
    m = dout.shape[1]
    dZ_hat = dout * gamma
    dvar = np.sum(dZ_hat * Zc, axis=1, keepdims=True) * -0.5 * std ** -3
    dmu = np.sum(-dZ_hat / std, axis=1, keepdims=True) + dvar * np.mean(-2 * Zc, axis=1, keepdims=True)
    dZ = dZ_hat / std + dvar * 2 * Zc / m + dmu / m
    return dZ, np.sum(dout * Z_hat, axis=1, keepdims=True), np.sum(dout, axis=1, keepdims=True)


def backward_means(dout, cache):
    Z_hat, std, gamma = cache["Z_hat"], cache["std"], cache["gamma"]
    dbeta = dout.sum(axis=1, keepdims=True)
    dgamma = (dout * Z_hat).sum(axis=1, keepdims=True)
    dZ = gamma / std * (dout - dout.mean(axis=1, keepdims=True) - Z_hat * (dout * Z_hat).mean(axis=1, keepdims=True))
    return dZ, dgamma, dbeta


@pytest.mark.parametrize("function, name", [(forward_loop, "batchnorm_forward"),
                                            (forward_mean_var, "batchnorm_forward"),
                                            (backward_paper, "batchnorm_backward"),
                                            (backward_means, "batchnorm_backward")])
def test_right_answers_written_another_way_pass(function, name):
    result = engine.judge(as_learner(function, name), name)
    assert result.passed, result.message


def test_the_package_function_is_a_shortcut():
    def batchnorm_forward(Z, gamma, beta, epsilon=1e-5):
        return dh.batchnorm_forward(Z, gamma, beta, epsilon)

    result = engine.judge(as_learner(batchnorm_forward, "batchnorm_forward"), "batchnorm_forward")
    assert not result.passed
    assert not engine.judge(dh.batchnorm_backward, "batchnorm_backward").passed


def test_a_literal_epsilon_is_not_passed():
    def batchnorm_forward(Z, gamma, beta, epsilon=1e-5):
        return forward_mean_var(Z, gamma, beta, 1e-5)

    assert not engine.judge(as_learner(batchnorm_forward, "batchnorm_forward"), "batchnorm_forward").passed


def test_float64_output_for_float32_input_is_not_passed():
    def batchnorm_forward(Z, gamma, beta, epsilon=1e-5):
        return forward_mean_var(Z.astype(np.float64), gamma.astype(np.float64), beta.astype(np.float64), epsilon)

    assert not engine.judge(as_learner(batchnorm_forward, "batchnorm_forward"), "batchnorm_forward").passed
