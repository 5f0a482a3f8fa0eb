"""The exercises edition (exercises/): generated from notebooks/, blank where the learner writes, and runnable.

- exercises/ is byte for byte what tools/make_exercises.py makes from notebooks/ now (no drift; the Expected output
  blocks are the course's stored outputs, so this also keeps them in sync);
- with the course's solutions put back, every course cell's code is the course notebook's, and the cells the
  generator adds (title, dh.progress(), exercise headings, Expected output) are marked as added;
- run top to bottom unfilled (in a temporary copy), an exercises notebook stops at its first exercise with ONE line
  (dh.NotWritten), and no cell before the first exercise fails;
- the learner's network end to end: the edition filled with the course's solutions runs 01 -> 07 in one temporary
  folder (a fresh kernel per notebook), saving each checked function; 06 and 07 then run on the learner's own
  functions and say so. With a 1/m missing in the learner's linear_backward (04), 06 and 07 print other costs and
  name linear_backward;
- nothing stored: no outputs, no execution counts.
"""

import importlib.util
import json
import os
import re
import shutil
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
EXERCISES = ROOT / "exercises"
CELL_TIMEOUT = 120

spec = importlib.util.spec_from_file_location("make_exercises", ROOT / "tools" / "make_exercises.py")
make_exercises = importlib.util.module_from_spec(spec)
spec.loader.exec_module(make_exercises)


def load(path):
    return json.loads(path.read_text(encoding="utf-8"))


def source(cell):
    return "".join(cell["source"])


def has_exercises(path):
    return any(cell["cell_type"] == "code" and make_exercises.solutions(source(cell)) for cell in load(path)["cells"])


def added(cell):
    return cell.get("metadata", {}).get(make_exercises.MARKER) == "added"


WITH_EXERCISES = [path for path in NOTEBOOKS if has_exercises(path)]


def test_exercises_are_what_the_generator_makes_now(tmp_path):
    make_exercises.build(tmp_path)
    expected = {path.name: path.read_bytes() for path in tmp_path.glob("*.ipynb")}
    stored = {path.name: path.read_bytes() for path in EXERCISES.glob("[0-9][0-9]_*.ipynb")}
    hint = "exercises/ is out of date with notebooks/: run `make exercises` and commit exercises/"
    assert sorted(stored) == sorted(expected), hint
    stale = [name for name in expected if stored[name] != expected[name]]
    assert not stale, f"{hint} ({', '.join(stale)} differ)"


def test_generator_is_deterministic(tmp_path):
    first, second = tmp_path / "a", tmp_path / "b"
    make_exercises.build(first)
    make_exercises.build(second)
    for path in first.glob("*.ipynb"):
        assert path.read_bytes() == (second / path.name).read_bytes(), path.name


def test_stub_counts_the_solution_lines_and_keeps_the_indentation():
    cell = ('def f(x):\n    """Doc."""\n    ### BEGIN SOLUTION\n    y = x + 1   # one\n\n    # a comment\n'
            '    y = 2 * y\n    ### END SOLUTION\n    return y')
    blank = make_exercises.blank(cell)
    assert blank == ('def f(x):\n    """Doc."""\n    # YOUR CODE HERE (≈ 2 lines)\n'
                     '    raise dh.NotWritten("f")\n    return y')
    assert make_exercises.fill(blank, make_exercises.solutions(cell)) == cell


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_solutions_put_back_give_the_course_notebook(path):
    edition = load(EXERCISES / path.name)
    course = make_exercises.plain_cells(load(path))           # the slides' speaker notes are not in the edition
    first, *cells = edition["cells"]
    assert first["id"] == make_exercises.EDITION_CELL_ID and added(first)
    assert f"../notebooks/{path.name}" in source(first), "the first cell links the full solutions"
    assert edition["metadata"][make_exercises.MARKER]["generated_from"] == f"notebooks/{path.name}"
    cells = [cell for cell in cells if not added(cell)]
    title, _, rest = source(course[0]).partition("\n")
    assert source(first).startswith(f"{title} (exercises edition)\n")
    if rest.strip():
        assert source(cells[0]) == rest.lstrip("\n")
        cells = cells[1:]
    assert len(cells) == len(course) - 1
    for mine, theirs in zip(cells, course[1:], strict=True):
        assert (mine["cell_type"], mine.get("id")) == (theirs["cell_type"], theirs.get("id"))
        if theirs["cell_type"] == "code":
            regions = make_exercises.solutions(source(theirs))
            assert make_exercises.fill(source(mine), regions) == source(theirs), theirs.get("id")
            assert "BEGIN SOLUTION" not in source(mine) and "END SOLUTION" not in source(mine)
        else:
            assert source(mine) == source(theirs)
        assert "slideshow" not in mine.get("metadata", {})


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_each_exercise_is_numbered_and_progress_runs_first(path):
    cells = load(EXERCISES / path.name)["cells"]
    code = [index for index, cell in enumerate(cells) if cell["cell_type"] == "code"]
    if "import dnn_helpers as dh" in source(cells[code[0]]):
        assert source(cells[code[1]]).startswith("dh.progress()"), "dh.progress() right after the set-up cell"
        assert all("dh.yours(" not in source(cells[i]) for i in code[:1]), "the store is active before dh.yours"
    stubs = [index for index, cell in enumerate(cells) if cell["cell_type"] == "code"
             and make_exercises.STUB.search(source(cell))]
    number = int(path.name[:2])
    for k, index in enumerate(stubs, start=1):
        name = make_exercises.DEF.findall(source(cells[index]))[-1]
        assert source(cells[index - 1]) == f"#### Exercise {number}.{k} · `{name}`", source(cells[index - 1])


def test_expected_output_is_the_course_output():
    """Notebook 06: the training print of the moons run is given under its cell, as the course printed it."""
    course = load(ROOT / "notebooks" / "06_training_loop.ipynb")["cells"]
    cells = load(EXERCISES / "06_training_loop.ipynb")["cells"]
    training = next(cell for cell in course if "print_cost=True)" in source(cell) and cell["cell_type"] == "code")
    printed = make_exercises.printed_text(training)
    assert "Cost after iteration 100:" in printed
    index = next(i for i, cell in enumerate(cells) if cell.get("id") == training["id"])
    block = source(cells[index + 1])
    assert block.startswith("**Expected output**") and printed.rstrip() in block
    checks = [i for i, cell in enumerate(cells) if source(cell).startswith("dh.check(")]
    assert all(not source(cells[i + 1]).startswith("**Expected output**") for i in checks), "no block under checks"


@pytest.mark.parametrize("path", sorted(EXERCISES.glob("[0-9][0-9]_*.ipynb")), ids=lambda p: p.stem)
def test_nothing_stored(path):
    notebook = load(path)
    assert "widgets" not in notebook["metadata"]
    for cell in notebook["cells"]:
        if cell["cell_type"] == "code":
            assert cell["outputs"] == [] and cell["execution_count"] is None, source(cell)[:80]


# --- running the edition -------------------------------------------------------------------------------------------


def run(path, cwd, stop_at=None, kernel=None):
    """Run the notebook at ``path`` cell by cell, up to and including the first code cell whose source contains
    ``stop_at`` (all cells if None): in a fresh kernel whose folder is ``cwd``, or in ``kernel`` (a started
    KernelManager) after emptying its namespace. Returns (notebook, index of the cell that raised or None, the
    CellExecutionError or None)."""
    notebook = nbformat.read(path, as_version=4)
    env = {**os.environ, "OPENBLAS_NUM_THREADS": "1"}        # no thread fight with other processes on 2 cores
    client = NotebookClient(notebook, km=kernel, timeout=CELL_TIMEOUT, kernel_name="python3", record_timing=False,
                            resources={"metadata": {"path": str(cwd)}})
    with client.setup_kernel(**({} if kernel else {"env": env, "cwd": str(cwd)})):
        if kernel is not None:
            client.execute_cell(nbformat.v4.new_code_cell(RESET), -1)
        try:
            for index, cell in enumerate(notebook.cells):
                if cell.cell_type != "code":
                    continue
                try:
                    client.execute_cell(cell, index)
                except CellExecutionError as error:
                    return notebook, index, error
                if stop_at is not None and stop_at in cell.source:
                    break
        finally:
            if kernel is not None:
                client.kc.stop_channels()
    return notebook, None, None


RESET = """import warnings as _warnings, numpy as _np, matplotlib.pyplot as _plt
_plt.close("all"); _np.seterr(all="warn", under="ignore"); _warnings.resetwarnings()
%reset -f"""


def printed(cell):
    return "".join(output.get("text", "") for output in cell.outputs if output.get("output_type") == "stream")


def printed_by(notebook, fragment):
    return next(printed(cell) for cell in notebook.cells if cell.cell_type == "code" and fragment in cell.source)


@pytest.fixture(scope="module")
def shared(tmp_path_factory):
    """One kernel for the unfilled runs (a kernel per notebook would double the time), in a temporary copy of the
    edition: dh.progress() saves there, never into exercises/."""
    from jupyter_client.manager import KernelManager

    folder = tmp_path_factory.mktemp("unfilled")
    for path in EXERCISES.glob("[0-9][0-9]_*.ipynb"):
        shutil.copy(path, folder / path.name)
    manager = KernelManager(kernel_name="python3")
    manager.start_kernel(cwd=str(folder), env={**os.environ, "OPENBLAS_NUM_THREADS": "1"})
    yield folder, manager
    manager.shutdown_kernel(now=True)


@pytest.mark.parametrize("path", WITH_EXERCISES, ids=lambda p: p.stem)
def test_unfilled_notebook_stops_at_an_unwritten_function_with_one_line(path, shared):
    """Run All with every blank left stops at the first cell that calls an unwritten function, with dh.NotWritten
    shown as one line (no traceback, no cascade). No cell before the first exercise fails. A dh.check of an
    unwritten function that ran before prints one ✗ line (or, when dh.check lets NotWritten through, is the stop)."""
    folder, manager = shared
    notebook, index, error = run(folder / path.name, folder, kernel=manager)
    stubs = [i for i, cell in enumerate(notebook.cells)
             if cell.cell_type == "code" and make_exercises.STUB.search(cell.source)]
    unwritten = [make_exercises.DEF.findall(notebook.cells[i].source)[-1] for i in stubs]
    assert index is not None, "the unfilled notebook ran to the end: no exercise raised"
    assert index > stubs[0], f"cell {index} failed before the first exercise (cell {stubs[0]})"
    assert error.ename == "NotWritten", f"cell {index} raised {error.ename}: {error.evalue}"
    assert any(error.evalue.startswith(f"{name} is not written yet") for name in unwritten), error.evalue
    shown = [output for output in notebook.cells[index].outputs if output.get("output_type") == "error"]
    assert len(shown) == 1 and shown[0]["traceback"] == [f"✗ {error.evalue}"], shown
    for cell in notebook.cells[:index]:
        called = re.fullmatch(r"dh\.check\((\w+)\)", cell.source.strip()) if cell.cell_type == "code" else None
        if called and called.group(1) in unwritten:
            text = printed(cell)
            assert text.startswith(f"✗ {called.group(1)}") and text.count("\n") <= 2, f"{cell.source}: {text!r}"
    assert not (folder / "my_network.py").exists() or "NotWritten" not in (folder / "my_network.py").read_text()


# The filled run stops these notebooks after the cells that use the learner's functions (the sweeps and figures
# after them run the same code as the course notebook, which nbval runs in full).
STOP = {"05_update_parameters": "print(f\"cost before", "06_training_loop": "start = dh.initialize_parameters_deep("}


@pytest.fixture(scope="module")
def filled(tmp_path_factory):
    """The exercises edition 01-07 filled with the course's solutions, run in order in one folder."""
    folder = tmp_path_factory.mktemp("learner")
    for path in NOTEBOOKS[1:8]:
        edition = load(EXERCISES / path.name)
        regions = [region for cell in load(path)["cells"] if cell["cell_type"] == "code"
                   for region in make_exercises.solutions(source(cell))]
        for cell in edition["cells"]:
            if cell["cell_type"] == "code":
                count = len(make_exercises.STUB.findall(source(cell)))
                cell["source"] = make_exercises.fill(source(cell), regions[:count])
                regions = regions[count:]
        assert not regions, path.name
        (folder / path.name).write_text(json.dumps(edition), encoding="utf-8")
    results = {}
    for path in NOTEBOOKS[1:8]:
        results[path.stem] = run(folder / path.name, folder, stop_at=STOP.get(path.stem))
    return folder, results


def test_the_filled_edition_runs_01_to_07_and_saves_the_learners_network(filled):
    folder, results = filled
    failed = {name: (index, error.ename, error.evalue[:200]) for name, (_, index, error) in results.items() if error}
    assert not failed, failed
    network = (folder / "my_network.py").read_text(encoding="utf-8")
    for name in ("linear_backward", "L_model_forward", "compute_cost", "update_parameters", "L_layer_model", "predict"):
        assert f"# {name} · ✓\n" in network, name
    assert "\nBACKWARD = {" in network, "04's table of backward functions is saved with the functions"
    line = printed_by(results["06_training_loop"][0], "dh.yours(")
    assert line.startswith("Building blocks: yours ") and "the package's" not in line, line
    assert "L_model_backward ✓" in line and "update_parameters ✓" in line


def test_a_mistake_in_04_changes_06_and_07_and_is_named(filled, tmp_path):
    folder, results = filled
    for path in folder.iterdir():
        shutil.copy(path, tmp_path / path.name)
    notebook = load(tmp_path / "04_backward_propagation.ipynb")
    bodies = [cell for cell in notebook["cells"] if source(cell).startswith("def linear_backward(")]
    assert len(bodies) == 1
    body = source(bodies[0])
    assert body.count("/ m") >= 1
    bodies[0]["source"] = re.sub(r"dW = (.*?)\s*/ m", r"dW = \1", body, count=1)    # 1/m missing in dW
    assert bodies[0]["source"] != body
    (tmp_path / "04_backward_propagation.ipynb").write_text(json.dumps(notebook), encoding="utf-8")
    nb04, _, error = run(tmp_path / "04_backward_propagation.ipynb", tmp_path, stop_at="dh.check(linear_backward)")
    assert error is None, error
    assert printed_by(nb04, "dh.check(linear_backward)").startswith("✗ linear_backward")

    nb06, _, error = run(tmp_path / "06_training_loop.ipynb", tmp_path, stop_at="print_cost=True")
    assert error is None, error
    line = printed_by(nb06, "dh.yours(")
    assert "uses your linear_backward ✗ (04)" in line, line
    right = printed_by(results["06_training_loop"][0], "print_cost=True")
    wrong = printed_by(nb06, "print_cost=True")
    assert "Cost after iteration 100:" in right and wrong != right, (right, wrong)

    nb07, _, error = run(tmp_path / "07_prediction.ipynb", tmp_path, stop_at="print(f\"cost after")
    assert error is None, error
    assert "linear_backward ✗ (04)" in printed_by(nb07, "dh.yours(")
    assert printed_by(nb07, "print(f\"cost after") != printed_by(results["07_prediction"][0], "print(f\"cost after")
