"""The learner's own network: dh.check saves each checked function (check/store.py) into my_network.py, dh.yours
binds the saved ones (a ✗ one too, named), dh.progress says where the learner stands. Nothing is saved unless a
folder was activated, and never into the course's notebooks/ folder."""

import numpy as np
import pytest

import dnn_helpers as dh
from dnn_helpers.check import store, yours

WRONG_LINEAR_BACKWARD = '''
import numpy as np


def linear_backward(dZ, cache):
    A_prev, W, b = cache
    m = A_prev.shape[1]
    dW = dZ @ A_prev.T            # 1/m missing
    db = dZ.sum(axis=1, keepdims=True) / m
    return W.T @ dZ, dW, db
'''

ACTIVATION_BACKWARD = '''
import numpy as np
import dnn_helpers as dh


def half(x):
    return 0.5 * x


def relu_backward(dA, Z):
    return dA * (Z > 0)


BACKWARD = {"relu": relu_backward, "sigmoid": dh.sigmoid_backward, "tanh": dh.tanh_backward}


def linear_activation_backward(dA, cache, activation):
    linear_cache, Z = cache
    dZ = BACKWARD[activation](dA, Z)
    return linear_backward(half(2 * dZ), linear_cache)
'''


def learner(tmp_path, source, namespace=None):
    """Define the functions of ``source`` as a notebook does (module ``__main__``, source readable by inspect)."""
    namespace = {"__name__": "__main__"} if namespace is None else namespace
    path = tmp_path / f"cell{len(list(tmp_path.glob('cell*.py')))}.py"
    path.write_text(source, encoding="utf-8")
    exec(compile(source, str(path), "exec"), namespace)  # noqa: S102 - the test's own learner code
    return namespace


@pytest.fixture
def folder(tmp_path):
    work = tmp_path / "exercises"
    work.mkdir()
    assert store.activate(work) == work / "my_network.py"
    yield work
    store.deactivate()


def test_nothing_is_saved_unless_activated(tmp_path, capsys):
    store.deactivate()
    ns = learner(tmp_path, WRONG_LINEAR_BACKWARD)
    assert store.record("linear_backward", ns["linear_backward"], False) == []
    assert list(tmp_path.glob("my_network.py")) == []
    forward, cost = dh.yours("L_model_forward", "compute_cost")
    assert forward is dh.L_model_forward and cost is dh.compute_cost
    assert capsys.readouterr().out == ("Building blocks: the package's L_model_forward, compute_cost "
                                       "(the complete course)\n")


def test_the_course_notebooks_folder_is_refused(capsys):
    assert store.activate(store.COURSE_NOTEBOOKS) is None and store.active_path() is None
    assert dh.progress(store.COURSE_NOTEBOOKS) == {}
    assert "not saved here" in capsys.readouterr().out
    assert not (store.COURSE_NOTEBOOKS / store.FILENAME).exists()


def test_a_checked_function_is_saved_and_bound_back(folder, tmp_path, capsys):
    ns = learner(tmp_path, "def linear_forward(A, W, b):\n    Z = W @ A + b\n    return Z, (A, W, b)\n")
    assert dh.check(ns["linear_forward"])
    text = (folder / "my_network.py").read_text(encoding="utf-8")
    assert "# linear_forward · ✓\n" in text and "def linear_forward(A, W, b):" in text
    assert [path.name for path in folder.iterdir()] == ["my_network.py"], "no temporary file left"
    capsys.readouterr()
    mine, package = dh.yours("linear_forward", "linear_backward")
    assert mine is not dh.linear_forward and mine.__module__ == "my_network" and package is dh.linear_backward
    line = capsys.readouterr().out
    assert line == ("Building blocks: yours linear_forward ✓ · the package's linear_backward (not written yet, 04)\n")
    A, W, b = np.ones((2, 3)), np.arange(4.0).reshape(2, 2), np.zeros((2, 1))
    assert np.array_equal(mine(A, W, b)[0], dh.linear_forward(A, W, b)[0])


def test_a_failing_function_is_used_and_named_by_the_ones_that_call_it(folder, tmp_path, capsys):
    ns = learner(tmp_path, WRONG_LINEAR_BACKWARD)
    assert not dh.check(ns["linear_backward"])
    ns = learner(tmp_path, ACTIVATION_BACKWARD, ns)
    assert dh.check(ns["linear_activation_backward"]), "judged alone, with the package's linear_backward"
    text = (folder / "my_network.py").read_text(encoding="utf-8")
    assert "\nBACKWARD = {'relu': relu_backward, 'sigmoid': dnn_helpers.backward.sigmoid_backward" in text
    assert "# half · unchecked" in text and "# relu_backward · unchecked" in text
    capsys.readouterr()
    function = dh.yours("linear_activation_backward")
    line = capsys.readouterr().out
    assert line.startswith("Building blocks: yours linear_activation_backward ✓ but uses your linear_backward ✗ (04)")
    rng = np.random.default_rng(0)
    A_prev, W, b, dA = rng.standard_normal((3, 5)), rng.standard_normal((2, 3)), np.zeros((2, 1)), np.ones((2, 5))
    Z = W @ A_prev + b
    _, dW, _ = function(dA, ((A_prev, W, b), Z), "relu")
    _, dW_ref, _ = dh.linear_activation_backward(dA, ((A_prev, W, b), Z), "relu")
    np.testing.assert_allclose(dW, 5 * dW_ref)               # the learner's wrong linear_backward really runs


def test_an_unchecked_exercise_stays_the_packages_and_the_line_says_why(folder, tmp_path, capsys):
    ns = learner(tmp_path, "import numpy as np\n\n\ndef relu(Z):\n    return np.maximum(Z, 0), Z\n\n\n"
                           "def twice(Z):\n    return relu(Z)[0] * 2\n")
    store.record("twice_not_an_exercise", ns["twice"], True)   # saves twice, and relu as a dependency
    assert store.read()["relu"].status == "unchecked"
    capsys.readouterr()
    assert dh.yours("relu") is dh.relu
    assert capsys.readouterr().out == "Building blocks: the package's relu (not checked yet, 02)\n"


def test_progress_says_where_the_learner_stands_and_what_to_fix_first(folder, tmp_path, capsys):
    learner_ns = learner(tmp_path, WRONG_LINEAR_BACKWARD)
    dh.check(learner_ns["linear_backward"])
    (folder / "02_forward_propagation.ipynb").write_text(
        '{"cells": [{"cell_type": "code", "source": ["def relu(Z):\\n", "    return Z\\n"]},'
        ' {"cell_type": "code", "source": "def tanh(Z):\\n    raise dh.NotWritten(\\"tanh\\")\\n"}]}')
    capsys.readouterr()
    statuses = dh.progress(folder)
    out = capsys.readouterr().out
    assert statuses["linear_backward"] == "✗" and statuses["relu"] == "written, not checked"
    assert statuses["tanh"] == statuses["sigmoid"] == "not written"
    assert "  02: sigmoid ·, relu ○, tanh ·," in out and "linear_backward ✗" in out
    assert out.splitlines()[-1].startswith("Fix first: linear_backward in notebook 04: linear_backward: dW is")


def test_progress_on_a_fresh_folder_says_what_to_write_next(folder, capsys):
    dh.progress(folder)
    assert capsys.readouterr().out.splitlines()[-1] == "Next: write initialize_parameters in notebook 01"


def test_progress_sends_a_new_learner_to_the_first_notebook_not_to_given_code(folder, capsys):
    """Notebook 14 gives its decay functions written out: they are not where a new learner starts."""
    (folder / "14_optimization.ipynb").write_text(
        '{"cells": [{"cell_type": "code", "source": "def inverse_time_decay(learning_rate0, epoch, decay_rate):\\n'
        '    return learning_rate0 / (1 + decay_rate * epoch)\\n"}]}')
    statuses = dh.progress(folder)
    assert statuses["inverse_time_decay"] == "written, not checked"
    assert capsys.readouterr().out.splitlines()[-1] == "Next: write initialize_parameters in notebook 01"


def test_progress_is_not_displayed_again_under_its_summary(folder, capsys):
    """The exercises edition ends a cell with dh.progress(): Jupyter would show the raw dict of every exercise."""
    from IPython.core.interactiveshell import InteractiveShell
    shell = InteractiveShell.instance()
    try:
        shell.user_ns.update(dh=dh, folder=folder)
        capsys.readouterr()
        shell.run_cell("dh.progress(folder)")
        out = capsys.readouterr().out
    finally:
        InteractiveShell.clear_instance()
    assert "Next: write initialize_parameters" in out
    assert "'initialize_parameters': 'not written'" not in out and "{" not in out


def test_a_hand_edited_block_is_skipped_and_the_others_still_load(folder, tmp_path):
    ns = learner(tmp_path, "def linear_forward(A, W, b):\n    return W @ A + b, (A, W, b)\n")
    dh.check(ns["linear_forward"])
    path = folder / "my_network.py"
    path.write_text(path.read_text(encoding="utf-8") + "\n\n# x\n# store: {not json\ndef x():\n    pass\n",
                    encoding="utf-8")
    assert list(store.read()) == ["linear_forward"]


def test_not_written_shows_as_one_line():
    error = dh.NotWritten("linear_backward")
    assert isinstance(error, NotImplementedError)
    assert error._render_traceback_() == [f"✗ {error}"] and str(error).startswith("linear_backward is not written yet")


def test_an_unknown_name_is_refused_with_the_list():
    with pytest.raises(ValueError, match="'linear_fwd' is not one of the course's exercises; they are "):
        yours.yours("linear_fwd")


def test_a_broken_saved_block_falls_back_to_the_package_and_says_so(folder, tmp_path, capsys):
    ns = learner(tmp_path, "def linear_forward(A, W, b):\n    return W @ A + b, (A, W, b)\n")
    dh.check(ns["linear_forward"])
    path = folder / "my_network.py"
    path.write_text(path.read_text(encoding="utf-8").replace("def linear_forward(A, W, b):",
                                                             "def linear_forward(A, W, b)"), encoding="utf-8")
    capsys.readouterr()
    assert dh.yours("linear_forward") is dh.linear_forward
    line = capsys.readouterr().out
    assert line.startswith("Building blocks: the package's linear_forward (saved, but it could not be loaded: "
                           "SyntaxError"), line


def test_a_folder_it_cannot_write_gives_a_note_not_a_crash(folder, tmp_path, capsys):
    ns = learner(tmp_path, "def linear_forward(A, W, b):\n    return W @ A + b, (A, W, b)\n")
    (folder / "my_network.py").mkdir()                       # a folder where the file should be: cannot write
    result = dh.check(ns["linear_forward"])
    out = capsys.readouterr().out
    assert result and out.splitlines()[0].startswith("✓ linear_forward")
    assert "linear_forward was not saved in" in out


def test_the_line_tells_not_written_from_not_checked(folder, capsys):
    (folder / "03_cost_function.ipynb").write_text(
        '{"cells": [{"cell_type": "code", "source": "def compute_cost(AL, Y):\\n    return 0.0\\n"}]}')
    capsys.readouterr()
    dh.yours("compute_cost", "update_parameters")
    assert capsys.readouterr().out == ("Building blocks: the package's compute_cost (not checked yet, 03), "
                                       "update_parameters (not written yet, 05)\n")
