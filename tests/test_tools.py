"""The repository's own tools: the Python version gate of `make`; make_exercises cannot destroy work."""

import importlib.util
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CHECK = ROOT / "tools" / "check_python.py"


def run_as(version):
    code = f"import sys; sys.version_info = {version!r}; sys.argv = ['check_python.py', 'lab']; " \
           f"exec(compile(open({str(CHECK)!r}).read(), 'check_python.py', 'exec'))"
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)


@pytest.mark.parametrize("version", [(3, 11, 7), (3, 12, 0), (3, 13, 1)])
def test_supported_pythons_pass_silently(version):
    result = run_as(version)
    assert result.returncode == 0 and result.stdout == result.stderr == ""


@pytest.mark.parametrize("version", [(3, 10, 12), (3, 14, 0), (3, 9, 1)])
def test_other_pythons_stop_with_one_line(version):
    result = run_as(version)
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1
    assert f"is Python {version[0]}.{version[1]}, but the course needs Python 3.11 to 3.13" in lines[0]
    assert "make PYTHON=python3.12 lab" in lines[0]


# --- tools/make_exercises.py cannot destroy work (each refusal tried on copies in a temporary folder) ---------------

spec = importlib.util.spec_from_file_location("make_exercises", ROOT / "tools" / "make_exercises.py")
make_exercises = importlib.util.module_from_spec(spec)
spec.loader.exec_module(make_exercises)

EXERCISE = ('def f(x):\n    """Doc."""\n    ### BEGIN SOLUTION\n    y = x + 1\n    ### END SOLUTION\n    return y')


def course_notebook(*code_cells):
    cells = [{"cell_type": "markdown", "id": "title", "metadata": {}, "source": "# 01 · Tiny\n\nText."},
             {"cell_type": "code", "id": "setup", "metadata": {}, "outputs": [], "execution_count": 1,
              "source": "%matplotlib inline\nimport dnn_helpers as dh"}]
    cells += [{"cell_type": "code", "id": f"c{k}", "metadata": {}, "execution_count": k + 2, "source": text,
               "outputs": [{"output_type": "stream", "name": "stdout", "text": "42\n"}]}
              for k, text in enumerate(code_cells)]
    return {"cells": cells, "metadata": {}, "nbformat": 4, "nbformat_minor": 5}


@pytest.fixture
def course(tmp_path):
    """A course folder with two notebooks and an empty output folder, both in tmp_path."""
    notebooks = tmp_path / "notebooks"
    notebooks.mkdir()
    (notebooks / "01_tiny.ipynb").write_text(json.dumps(course_notebook(EXERCISE, "dh.check(f)", "print(f(41))")))
    (notebooks / "02_more.ipynb").write_text(json.dumps(course_notebook("print(42)")).replace("01 · Tiny", "02 · More"))
    return notebooks, tmp_path / "exercises"


def snapshot(folder):
    return {path.name: path.read_bytes() for path in sorted(folder.glob("*"))} if folder.exists() else {}


def test_builds_the_edition_atomically_and_marks_what_it_generated(course):
    notebooks, out = course
    make_exercises.build(out, notebooks)
    edition = json.loads((out / "01_tiny.ipynb").read_text())
    assert edition["metadata"]["exercises_edition"]["generated_from"] == "notebooks/01_tiny.ipynb"
    text = "".join("".join(cell["source"]) for cell in edition["cells"])
    assert "y = x + 1" not in text and 'raise dh.NotWritten("f")' in text
    assert "#### Exercise 1.1 · `f`" in text and "**Expected output**" in text and "dh.progress()" in text
    assert sorted(path.name for path in out.iterdir()) == ["01_tiny.ipynb", "02_more.ipynb"], "no temporary file left"


@pytest.mark.parametrize("variant", ["### BEGIN SOLUTION (ten lines)", "## BEGIN SOLUTION", "#### BEGIN SOLUTION  "])
def test_nbgraders_marker_variants_are_blanked(course, variant):
    notebooks, out = course
    (notebooks / "01_tiny.ipynb").write_text(json.dumps(course_notebook(EXERCISE.replace("### BEGIN SOLUTION",
                                                                                          variant))))
    make_exercises.build(out, notebooks)
    assert "y = x + 1" not in (out / "01_tiny.ipynb").read_text()


def test_crlf_line_endings_are_blanked(course):
    notebooks, out = course
    (notebooks / "01_tiny.ipynb").write_text(json.dumps(course_notebook(EXERCISE.replace("\n", "\r\n"))))
    make_exercises.build(out, notebooks)
    assert "y = x + 1" not in (out / "01_tiny.ipynb").read_text()


BROKEN = {
    "no END": (EXERCISE.replace("    ### END SOLUTION\n", ""), "has no END SOLUTION"),
    "END without BEGIN": (EXERCISE.replace("    ### BEGIN SOLUTION\n", ""), "no BEGIN SOLUTION opened"),
    "nested": (EXERCISE.replace("    y = x + 1\n", "    ### BEGIN SOLUTION\n    y = x + 1\n"), "nested markers"),
    "a marker inside a line": (EXERCISE.replace("    y = x + 1\n", "    y = 1  # BEGIN SOLUTION here\n"),
                               "is not one"),
}


@pytest.mark.parametrize("name", BROKEN)
def test_broken_markers_stop_everything_naming_the_file_and_the_cell(course, capsys, name):
    notebooks, out = course
    text, reason = BROKEN[name]
    (notebooks / "02_more.ipynb").write_text(json.dumps(course_notebook(text)).replace("01 · Tiny", "02 · More"))
    with pytest.raises(make_exercises.SourceError, match=reason) as error:
        make_exercises.build(out, notebooks)
    assert "02_more.ipynb, cell 2 (c0)" in str(error.value)
    assert snapshot(out) == {}, "nothing written, not even the valid 01"


@pytest.mark.parametrize("damage", ["{ not json", "<<<<<<< HEAD\n{}\n=======\n{}\n>>>>>>> other\n"])
def test_a_malformed_notebook_gives_one_line_exit_1_and_nothing_written(course, capsys, monkeypatch, damage):
    notebooks, out = course
    make_exercises.build(out, notebooks)
    before = snapshot(out)
    (notebooks / "02_more.ipynb").write_text(damage)
    monkeypatch.setattr(make_exercises, "SOURCE_DIR", notebooks)
    assert make_exercises.main([str(out)]) == 1
    error = capsys.readouterr().err
    assert error.count("\n") == 1 and "02_more.ipynb" in error
    assert ("merge-conflict" in error) == ("<<<<<<<" in damage)
    assert snapshot(out) == before


def test_refuses_to_write_into_a_source_folder_even_through_a_symlink(course, capsys, monkeypatch):
    notebooks, out = course
    before = snapshot(notebooks)
    monkeypatch.setattr(make_exercises, "SOURCE_DIR", notebooks)
    assert make_exercises.main([str(notebooks)]) == 1
    assert "refusing to write" in capsys.readouterr().err
    link = notebooks.parent / "link"
    link.symlink_to(notebooks, target_is_directory=True)
    assert make_exercises.main([str(link)]) == 1
    assert make_exercises.main([str(notebooks / "sub")]) == 1
    with pytest.raises(make_exercises.SourceError):
        make_exercises.build(ROOT / "notebooks")                  # the repository's own course folder
    assert snapshot(notebooks) == before


def test_only_files_it_generated_are_overwritten_or_deleted(course):
    notebooks, out = course
    make_exercises.build(out, notebooks)
    shutil.copy(out / "01_tiny.ipynb", out / "01_tiny-Copy1.ipynb")          # JupyterLab's copy keeps the metadata
    (out / "my_network.py").write_text("# the learner's functions\n")
    (notebooks / "02_more.ipynb").unlink()
    make_exercises.build(out, notebooks)
    assert sorted(path.name for path in out.iterdir()) == ["01_tiny-Copy1.ipynb", "01_tiny.ipynb", "my_network.py"]
    (out / "01_tiny.ipynb").write_text(json.dumps(course_notebook("print(1)")))   # not generated: a learner's file
    with pytest.raises(make_exercises.SourceError, match="not generated by this tool"):
        make_exercises.build(out, notebooks)
    assert "print(1)" in (out / "01_tiny.ipynb").read_text()


# --- one atomic write for the repository: the learner's store and both notebook tools -----------------------------

def load_tool(name):
    spec = importlib.util.spec_from_file_location(name, ROOT / "tools" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_tools_and_the_store_share_one_atomic_write():
    from dnn_helpers.check import store
    assert make_exercises.write_atomically is store.write_atomically
    assert load_tool("make_outputs").write_atomically is store.write_atomically


def test_an_interrupted_write_leaves_the_old_file_whole_and_no_temporary_file(tmp_path, monkeypatch):
    from dnn_helpers.check import store
    target = tmp_path / "notebook.ipynb"
    target.write_text("old\n")
    store.write_atomically(target, "new é\n")
    assert target.read_bytes() == "new é\n".encode() and oct(target.stat().st_mode & 0o777) == "0o644"
    store.write_atomically(target, b"bytes\r\n")
    assert target.read_bytes() == b"bytes\r\n"

    def interrupted(source, destination):
        raise KeyboardInterrupt
    monkeypatch.setattr(store.os, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        store.write_atomically(target, "half")
    assert target.read_bytes() == b"bytes\r\n" and [path.name for path in tmp_path.iterdir()] == ["notebook.ipynb"]


def test_make_outputs_writes_what_nbformat_writes(tmp_path, monkeypatch):
    import nbformat
    make_outputs = load_tool("make_outputs")
    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("print('é')")])
    path = tmp_path / "01_tiny.ipynb"
    nbformat.write(notebook, path)
    expected = path.read_bytes()

    class Client:                          # no kernel: the run is not what this test is about
        def __init__(self, notebook, **options):
            self.notebook = notebook

        def execute(self):
            self.notebook.metadata["widgets"] = {"state": {}}
    monkeypatch.setattr(make_outputs, "NotebookClient", Client)
    path.write_text(json.dumps(json.loads(expected), indent=4))        # another layout of the same notebook
    make_outputs.execute(path)
    assert path.read_bytes() == expected and [item.name for item in tmp_path.iterdir()] == ["01_tiny.ipynb"]


# --- the Makefile -----------------------------------------------------------------------------------------------------

def test_every_make_target_is_phony_and_mutate_is_one():
    """Each target that names no file is in .PHONY (else a file called `test` or `slides` would stop it)."""
    text = (ROOT / "Makefile").read_text()
    targets = set(re.findall(r"^([A-Za-z][\w-]*):(?!=)", text, re.M))
    phony = set(re.search(r"^\.PHONY:(.*)$", text, re.M).group(1).split())
    assert targets - phony == set(), f"targets missing from .PHONY: {sorted(targets - phony)}"
    assert phony - targets == set(), f".PHONY names no target: {sorted(phony - targets)}"
    assert {"mutate", "slides", "test", "outputs", "exercises"} <= targets


@pytest.mark.parametrize("argv", [["--out", "x"], ["-o"], ["a", "b"], ["--help-me"]])
def test_make_exercises_refuses_options_and_extra_arguments_before_writing(argv, capsys, monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    assert make_exercises.main(argv) == 2
    assert "takes one output folder and no options" in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("flag", ["-h", "--help"])
def test_make_exercises_help_prints_the_usage_and_writes_nothing(flag, capsys, monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    assert make_exercises.main([flag]) == 0
    assert capsys.readouterr().out.startswith("Usage: python tools/make_exercises.py [OUT_DIR]")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("argv", [["--help"], ["--timeout", "5"], ["notebooks/"]])
def test_make_outputs_refuses_what_is_not_a_notebook(argv):
    with pytest.raises(SystemExit) as stop:
        load_tool("make_outputs").main(argv)
    assert stop.value.code != 0 and stop.value.code is not None
