"""The hand-check cells of notebooks 05, 06 and 07 fail for the wrong code they are there to catch.

For each notebook, one kernel runs the course notebook's cells up to its hand checks (skipping figures and
dh.check lines), once with the course's function (every hand check prints ✓), then with each planted mistake
(the function's cell replaced): the hand check aimed at that mistake prints ✗.
"""

import os
import re
from pathlib import Path

import nbformat
import numpy as np
import pytest
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parents[1] / "notebooks"

WRONG_UPDATES = {
    "in place": ('''def update_parameters(parameters, grads, learning_rate):
    for name in parameters:
        parameters[name] -= learning_rate * grads["d" + name]
    return parameters''', "✗ update_parameters changed its input"),
    "sign": ('''def update_parameters(parameters, grads, learning_rate):
    return {name: value + learning_rate * grads["d" + name] for name, value in parameters.items()}''',
             "✗ the cost went up"),
    "no step": ('''def update_parameters(parameters, grads, learning_rate):
    return {name: value.copy() for name, value in parameters.items()}''', "✗ mismatch"),
}

WRONG_LOOPS = {
    "parameters never updated": ("parameters = update_parameters(parameters, grads, learning_rate)",
                                 "update_parameters(parameters, grads, learning_rate)",
                                 "✗ the cost hardly moved from the start"),
    "cost recorded after the update": ("        parameters = update_parameters(parameters, grads, learning_rate)",
                                       "        parameters = update_parameters(parameters, grads, learning_rate)\n"
                                       "        cost = compute_cost(L_model_forward(X, parameters)[0], Y)",
                                       "✗ the first recorded cost is not the cost of the starting parameters"),
}

WRONG_PREDICTS = {
    "booleans": ("Y_pred = (AL > threshold).astype(np.int64)", "Y_pred = AL > threshold", "not integers"),
    ">= instead of >": ("Y_pred = (AL > threshold).astype(np.int64)", "Y_pred = (AL >= threshold).astype(np.int64)",
                        "✗ mismatch"),
    "threshold ignored": ("Y_pred = (AL > threshold).astype(np.int64)", "Y_pred = (AL > 0.5).astype(np.int64)",
                          "✗ the threshold does not act as it should"),
}


class Kernel:
    """One kernel running a course notebook's cells in its folder."""

    def __init__(self, name):
        self.notebook = nbformat.read(ROOT / name, as_version=4)
        self.client = NotebookClient(self.notebook, timeout=120, kernel_name="python3",
                                     resources={"metadata": {"path": str(ROOT)}})

    def cell(self, start):
        hits = [cell for cell in self.notebook.cells if cell.cell_type == "code" and cell.source.startswith(start)]
        assert len(hits) == 1, start
        return hits[0].source

    def run(self, source):
        cell = nbformat.v4.new_code_cell(source)
        self.client.execute_cell(cell, 0)
        return "".join(output.get("text", "") for output in cell.outputs)

    def run_until(self, start):
        for cell in self.notebook.cells:
            if cell.cell_type != "code" or "plt.show()" in cell.source or cell.source.startswith("dh.check("):
                continue
            self.run(cell.source)
            if cell.source.startswith(start):
                return


@pytest.fixture
def kernel(request):
    kernel = Kernel(request.param)
    with kernel.client.setup_kernel(env={**os.environ, "OPENBLAS_NUM_THREADS": "1"}):
        yield kernel


@pytest.mark.parametrize("kernel", ["05_update_parameters.ipynb"], indirect=True)
def test_05_hand_checks_catch_a_wrong_update(kernel):
    hand, untouched = kernel.cell('parameters = {"W1": np.array([[1.0, 2.0]])'), kernel.cell('print(f"old W1 still')
    step = kernel.cell("X, Y = dh.make_moons(300, noise=0.2, seed=0)\nparameters = dh.initialize_parameters_deep")
    kernel.run_until("X, Y = dh.make_moons(300")
    right = kernel.run(hand) + kernel.run(untouched) + kernel.run(step)
    assert right.count("✓") == 3 and "✗" not in right, right
    for name, (function, caught) in WRONG_UPDATES.items():
        kernel.run(function)
        printed = kernel.run(hand) + kernel.run(untouched) + kernel.run(step)
        assert caught in printed, (name, printed)


@pytest.mark.parametrize("kernel", ["06_training_loop.ipynb"], indirect=True)
def test_06_hand_check_compares_with_the_starting_cost(kernel):
    loop = kernel.cell("def L_layer_model(")
    train, hand = kernel.cell("X, Y = dh.make_moons(300"), kernel.cell("start = dh.initialize_parameters_deep(")
    kernel.run_until("start = dh.initialize_parameters_deep(")
    kernel.run(train)
    right = kernel.run(hand)
    assert right.count("✓") == 2 and "✗" not in right, right
    for name, (old, new, caught) in WRONG_LOOPS.items():
        assert old in loop
        kernel.run(loop.replace(old, new))
        kernel.run(train)
        printed = kernel.run(hand)
        assert caught in printed, (name, printed)
        if name == "parameters never updated":                   # the old test, "below ln 2", would have passed it
            assert float(re.search(r"final cost (\d\.\d+)", printed).group(1)) < np.log(2), printed


@pytest.mark.parametrize("kernel", ["07_prediction.ipynb"], indirect=True)
def test_07_hand_checks_catch_a_wrong_predict(kernel):
    predict = kernel.cell("def predict(")
    hand, table = kernel.cell('tiny = {"W1": np.array([[1.0, -1.0]])'), kernel.cell("positives = []")
    kernel.run_until("positives = []")
    right = kernel.run(hand) + kernel.run(table)
    assert right.count("✓") == 3 and "✗" not in right, right
    for name, (old, new, caught) in WRONG_PREDICTS.items():
        assert old in predict
        kernel.run(predict.replace(old, new))
        printed = kernel.run(hand) + kernel.run(table)
        assert caught in printed, (name, printed)
