"""Notebook 16's "check by hand" cells print ✓ for the notebook's own batchnorm_forward / batchnorm_backward and ✗ for
the wrong code each is there to catch. Cells are found by their first line (so the test follows the notebook); the
notebook's own definition cells run in a fresh namespace, then a typical wrong version is planted and the check
cell run again. No notebook is run in full."""

import contextlib
import io
import json
import warnings
from functools import cache
from pathlib import Path

import numpy as np
import pytest

import dnn_helpers as dh

NOTEBOOK = Path(__file__).resolve().parents[1] / "notebooks" / "16_batch_normalization.ipynb"


@cache
def code_cells():
    cells = json.loads(NOTEBOOK.read_text(encoding="utf-8"))["cells"]
    return ["".join(cell["source"]) for cell in cells if cell["cell_type"] == "code"]


def cell(starting):
    found = [source for source in code_cells() if source.startswith(starting)]
    assert len(found) == 1, f"16_batch_normalization has {len(found)} code cells starting {starting!r}: fix this test"
    return found[0]


DEFINITIONS = ("def batchnorm_forward(", "def batchnorm_backward(", "def bn_finite_differences(")
SET_UP = ("rng = np.random.default_rng(1)\nZ_g, gamma_g",    # the graph cell: the batch the compact check uses
          "small = dh.initialize_bn_network(")                # the small network of the whole-network check

def wrong_forward(statistics, Z_hat):
    """A learner's batchnorm_forward whose mean and variance lines and Z_hat line are the given (wrong) ones."""
    return f"""
def batchnorm_forward(Z, gamma, beta, epsilon=1e-5):
    {statistics}
    std = np.sqrt(var + epsilon)
    Z_hat = {Z_hat}
    return gamma * Z_hat + beta, {{"Z_hat": Z_hat, "Z_centered": Z - mu, "mu": mu, "var": var, "std": std,
                                  "gamma": gamma, "epsilon": epsilon}}
"""


WRONG_FORWARD = {
    "variance divided by m - 1": wrong_forward(
        "mu = Z.mean(axis=1, keepdims=True)\n"
        "    var = Z.var(axis=1, keepdims=True, ddof=1) if Z.shape[1] > 1 else np.zeros_like(mu)", "(Z - mu) / std"),
    "statistics over the wrong axis": wrong_forward(
        "mu = Z.mean(axis=0, keepdims=True)\n    var = Z.var(axis=0, keepdims=True)", "(Z - mu) / std"),
    "mean not subtracted": wrong_forward(
        "mu = Z.mean(axis=1, keepdims=True)\n    var = Z.var(axis=1, keepdims=True)", "Z / std"),
    "keepdims missing": wrong_forward("mu = Z.mean(axis=1)\n    var = Z.var(axis=1)", "(Z.T - mu).T / std"),
}

WRONG_BACKWARD = {
    "sums over the wrong axis": """
def batchnorm_backward(dout, cache):
    Z_hat, std, gamma, m = cache["Z_hat"], cache["std"], cache["gamma"], dout.shape[1]
    dbeta = np.sum(dout, axis=0, keepdims=True)
    dgamma = np.sum(dout * Z_hat, axis=0, keepdims=True)
    return gamma / std / m * (m * dout - dbeta - Z_hat * dgamma), dgamma, dbeta
""",
    "mean and variance treated as constants": """
def batchnorm_backward(dout, cache):
    dgamma = np.sum(dout * cache["Z_hat"], axis=1, keepdims=True)
    return cache["gamma"] * dout / cache["std"], dgamma, np.sum(dout, axis=1, keepdims=True)
""",
    "path through the variance missing": """
def batchnorm_backward(dout, cache):
    Z_hat, std, gamma, m = cache["Z_hat"], cache["std"], cache["gamma"], dout.shape[1]
    dbeta = np.sum(dout, axis=1, keepdims=True)
    dgamma = np.sum(dout * Z_hat, axis=1, keepdims=True)
    return gamma / std / m * (m * dout - dbeta), dgamma, dbeta
""",
    "dgamma and dbeta averaged": """
def batchnorm_backward(dout, cache):
    Z_hat, std, gamma, m = cache["Z_hat"], cache["std"], cache["gamma"], dout.shape[1]
    dbeta = np.sum(dout, axis=1, keepdims=True)
    dgamma = np.sum(dout * Z_hat, axis=1, keepdims=True)
    return gamma / std / m * (m * dout - dbeta - Z_hat * dgamma), dgamma / m, dbeta / m
""",
}

CHECKS = [  # (the check cell's first characters, the wrong versions it must catch)
    ("out_small, cache_small = batchnorm_forward(", ("variance divided by m - 1", "statistics over the wrong axis",
                                                     "mean not subtracted", "keepdims missing")),
    ("rng = np.random.default_rng(0)\nZ_demo", ("statistics over the wrong axis", "mean not subtracted")),
    ("compact = batchnorm_backward(", tuple(WRONG_BACKWARD)),
    ("gamma_1, beta_1 = ", ("mean not subtracted",)),
    # (a backward whose shapes are wrong stops the network's run with an error there: dh.check names it first)
    ("rng = np.random.default_rng(4)\nX_few", tuple(m for m in WRONG_BACKWARD if m != "sums over the wrong axis")),
]


def run(check, wrong=None):
    """What the check cell prints (only it), after the definitions, the set-up and the planted code."""
    namespace = {"np": np, "dh": dh}
    printed = io.StringIO()
    with warnings.catch_warnings(), np.errstate(all="ignore"):
        warnings.simplefilter("ignore")
        with contextlib.redirect_stdout(io.StringIO()):
            for start in (*DEFINITIONS, *SET_UP):
                exec(cell(start), namespace)
            if wrong is not None:
                exec(wrong, namespace)
        with contextlib.redirect_stdout(printed):
            exec(cell(check), namespace)
    return printed.getvalue()


@pytest.mark.parametrize("check", [check for check, _ in CHECKS])
def test_the_notebooks_own_code_gets_only_ticks(check):
    printed = run(check)
    assert "✓" in printed and "✗" not in printed, printed


@pytest.mark.parametrize("check, mistake", [(check, mistake) for check, mistakes in CHECKS for mistake in mistakes])
def test_a_planted_mistake_gets_a_cross(check, mistake):
    wrong = {**WRONG_FORWARD, **WRONG_BACKWARD}[mistake]
    printed = run(check, wrong)
    first_verdict = next(line for line in printed.splitlines() if line.startswith(("✓", "✗")))
    assert first_verdict.startswith("✗"), printed
