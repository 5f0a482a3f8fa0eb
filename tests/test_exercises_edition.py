"""The exercises edition (exercises/): generated from notebooks/, blank where the learner writes, and runnable.

- exercises/ is byte for byte what tools/make_exercises.py makes from notebooks/ now (no drift);
- with the course's solutions put back, every cell's code is the course notebook's (the generator changed
  nothing else; nbval re-executes notebooks/ itself, so this structural test suffices);
- run top to bottom unfilled (one kernel for all, its namespace emptied before each notebook), an exercises
  notebook stops at an exercise with NotImplementedError, and no cell before its first exercise fails;
- nothing stored: no outputs, no execution counts.
"""

import importlib.util
import json
import os
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
EXERCISES = ROOT / "exercises"
CELL_TIMEOUT = 60

spec = importlib.util.spec_from_file_location("make_exercises", ROOT / "tools" / "make_exercises.py")
make_exercises = importlib.util.module_from_spec(spec)
spec.loader.exec_module(make_exercises)


def load(path):
    return json.loads(path.read_text(encoding="utf-8"))


def source(cell):
    return "".join(cell["source"])


def has_exercises(path):
    return any(cell["cell_type"] == "code" and make_exercises.solutions(source(cell)) for cell in load(path)["cells"])


WITH_EXERCISES = [path for path in NOTEBOOKS if has_exercises(path)]


def test_exercises_are_what_the_generator_makes_now(tmp_path):
    make_exercises.build(tmp_path)
    expected = {path.name: path.read_bytes() for path in tmp_path.glob("*.ipynb")}
    stored = {path.name: path.read_bytes() for path in EXERCISES.glob("*.ipynb")}
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
                     '    raise NotImplementedError("write the body of f, then run dh.check(f)")\n    return y')
    assert make_exercises.fill(blank, make_exercises.solutions(cell)) == cell


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_solutions_put_back_give_the_course_notebook(path):
    edition = load(EXERCISES / path.name)
    course = make_exercises.plain_cells(load(path))           # the slides' speaker notes are not in the edition
    first, *cells = edition["cells"]
    assert first["id"] == make_exercises.EDITION_CELL_ID
    assert f"../notebooks/{path.name}" in source(first), "the first cell links the full solutions"
    assert len(cells) == len(course)
    title, _, rest = source(course[0]).partition("\n")
    assert source(first).startswith(f"{title} (exercises edition)\n")
    assert source(cells[0]) == rest.lstrip("\n")
    for mine, theirs in zip(cells[1:], course[1:], strict=True):
        assert (mine["cell_type"], mine.get("id")) == (theirs["cell_type"], theirs.get("id"))
        if theirs["cell_type"] == "code":
            regions = make_exercises.solutions(source(theirs))
            assert make_exercises.fill(source(mine), regions) == source(theirs), theirs.get("id")
            assert "BEGIN SOLUTION" not in source(mine) and "END SOLUTION" not in source(mine)
        else:
            assert source(mine) == source(theirs)
        assert "slideshow" not in mine.get("metadata", {})


@pytest.mark.parametrize("path", sorted(EXERCISES.glob("*.ipynb")), ids=lambda p: p.stem)
def test_nothing_stored(path):
    notebook = load(path)
    assert "widgets" not in notebook["metadata"]
    for cell in notebook["cells"]:
        if cell["cell_type"] == "code":
            assert cell["outputs"] == [] and cell["execution_count"] is None, source(cell)[:80]


@pytest.fixture(scope="module")
def kernel():
    """One kernel for all the exercises notebooks (starting one and importing numpy, matplotlib and dnn_helpers
    per notebook would double the time); each notebook starts from an emptied namespace (``reset``)."""
    from jupyter_client.manager import KernelManager

    env = {**os.environ, "OPENBLAS_NUM_THREADS": "1"}          # no thread fight with other processes on 2 cores
    manager = KernelManager(kernel_name="python3")
    manager.start_kernel(cwd=str(EXERCISES), env=env)
    yield manager
    manager.shutdown_kernel(now=True)


RESET = """import warnings as _warnings, numpy as _np, matplotlib.pyplot as _plt
_plt.close("all"); _np.seterr(all="warn", under="ignore"); _warnings.resetwarnings()
%reset -f"""


@pytest.mark.parametrize("path", WITH_EXERCISES, ids=lambda p: p.stem)
def test_unfilled_notebook_stops_at_an_exercise(path, kernel):
    """Run the cells in order until the first error: it must be an exercise's NotImplementedError.

    Not necessarily the first exercise's: ``dh.check(fn)`` reports an unwritten function in one line (✗) without
    raising, so the run stops at the first cell that *uses* an unwritten function. Every check cell run before it
    must have printed its one ✗ line, and no cell before the first exercise may fail.
    """
    import nbformat
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError

    notebook = nbformat.read(EXERCISES / path.name, as_version=4)
    stub_cells = [index for index, cell in enumerate(notebook.cells)
                  if cell.cell_type == "code" and make_exercises.STUB.search(cell.source)]
    messages = {match.group(1) for index in stub_cells
                for match in re.finditer(r'raise NotImplementedError\("(.*)"\)', notebook.cells[index].source)}
    client = NotebookClient(notebook, km=kernel, timeout=CELL_TIMEOUT, record_timing=False)
    failed = None
    with client.setup_kernel():
        client.execute_cell(nbformat.v4.new_code_cell(RESET), -1)
        for index, cell in enumerate(notebook.cells):
            if cell.cell_type != "code":
                continue
            try:
                client.execute_cell(cell, index)
            except CellExecutionError as error:
                failed = (index, error)
                break
        client.kc.stop_channels()
    assert failed is not None, "the unfilled notebook ran to the end: no exercise raised NotImplementedError"
    index, error = failed
    assert index >= stub_cells[0], f"cell {index} failed before the first exercise (cell {stub_cells[0]})"
    assert error.ename == "NotImplementedError", f"cell {index} raised {error.ename}: {error.evalue}"
    assert error.evalue in messages, f"NotImplementedError that no exercise stub raises: {error.evalue}"
    unwritten = {name for message in messages for name in re.findall(r"^write the body of (\w+),", message)}
    for cell in notebook.cells[:index]:
        called = re.fullmatch(r"dh\.check\((\w+)\)", cell.source.strip()) if cell.cell_type == "code" else None
        if called and called.group(1) in unwritten:
            printed = "".join(output.get("text", "") for output in cell.outputs)
            assert printed.startswith("✗") and printed.count("\n") == 1, f"{cell.source}: {printed!r}"
