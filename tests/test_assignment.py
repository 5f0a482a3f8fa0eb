"""Grading with nbgrader (`make assignment`, tools/make_assignment.py): the course folder it writes, and one round
generate -> a submission with one wrong function -> autograde -> feedback, when nbgrader is installed
(`make teacher`); without nbgrader that round is skipped, saying so."""

import importlib.util
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))
import make_assignment  # noqa: E402  (tools/ is not a package)
import nbgrader_math  # noqa: E402

NOTEBOOK = ROOT / "notebooks" / "04_backward_propagation.ipynb"
HAS_NBGRADER = importlib.util.find_spec("nbgrader") is not None


def check_cells(path):
    return [c for c in json.loads(path.read_text(encoding="utf-8"))["cells"]
            if c["cell_type"] == "code" and make_assignment.CHECK_CELL.fullmatch("".join(c["source"]))]


@pytest.fixture(scope="module")
def course(tmp_path_factory):
    out = tmp_path_factory.mktemp("course")
    summary = make_assignment.write_course(out, sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb")))
    return out, summary


def test_one_point_per_checked_function(course):
    out, summary = course
    for path in sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb")):
        expected = [make_assignment.CHECK_CELL.fullmatch("".join(c["source"])).group(1) for c in check_cells(path)]
        assert summary[path.stem] == expected
        notebook = json.loads((out / "source" / path.stem / path.name).read_text(encoding="utf-8"))
        grades = [c["metadata"]["nbgrader"] for c in notebook["cells"]
                  if c["metadata"].get("nbgrader", {}).get("grade")]
        assert [g["points"] for g in grades] == [1] * len(expected)
        assert [g["grade_id"] for g in grades] == [f"check-{name}" for name in expected]
        solutions = [c for c in notebook["cells"] if "### BEGIN SOLUTION" in "".join(c["source"])]
        assert all(c["metadata"]["nbgrader"]["solution"] for c in solutions)
    assert summary["04_backward_propagation"] == ["relu_backward", "sigmoid_backward", "tanh_backward",
                                                  "linear_backward", "linear_activation_backward",
                                                  "L_model_backward"]


def test_answers_removed_links_resolve_and_no_slides(course):
    out, summary = course
    for name in summary:
        folder = out / "source" / name
        notebook = json.loads((folder / f"{name}.ipynb").read_text(encoding="utf-8"))
        assert "rise" not in notebook["metadata"]
        for cell in notebook["cells"]:
            source = "".join(cell["source"])
            assert not re.search(r"<summary>[^<]*answer", source, re.I), f"{name}: an answer is handed out"
            assert "slideshow" not in cell["metadata"]
            assert cell["metadata"].get("course", {}).get("generated") != "speaker-note"
            if cell["cell_type"] != "markdown":
                continue
            for target in re.findall(r"\]\(([^)\s]+)\)", source):
                path = target.partition("#")[0]
                if re.match(r"[a-z]+:", path):
                    continue
                # the student version sits at release/NN/NN.ipynb, next to the other assignments' folders
                assert (folder / path).resolve().exists(), f"{name}: broken link {target}"


def test_config_keeps_the_exchange_inside_and_feedback_offline(course):
    out, _ = course
    config = (out / "nbgrader_config.py").read_text(encoding="utf-8")
    assert f"c.Exchange.root = {str(out / 'exchange')!r}" in config and (out / "exchange").is_dir()
    assert "MathML" in config and "http" not in config
    macro = (ROOT / "tools" / "templates" / "base" / "mathjax.html.j2").read_text(encoding="utf-8")
    assert str(ROOT / "tools" / "templates") in config
    assert "macro mathjax" in macro and "<script" not in macro and "http" not in macro


def test_the_course_folder_is_never_notebooks():
    with pytest.raises(ValueError, match="outside notebooks"):
        make_assignment.write_course(ROOT / "notebooks" / "x", [NOTEBOOK])


def test_feedback_formulas_become_mathml():
    out = nbgrader_math.markdown_with_mathml("cost $J$ and `$x$ in code`\n\n$$dW = \\frac1m dZ A^T$$")
    assert out.count("<math") == 2 and "`$x$ in code`" in out and "$J$" not in out


def nbgrader(folder, *args):
    """Run nbgrader from this Python's environment in the course folder (alembic must be on PATH)."""
    env = dict(os.environ, PATH=os.pathsep.join([str(Path(sys.executable).parent), os.environ.get("PATH", "")]),
               OPENBLAS_NUM_THREADS="1")
    result = subprocess.run([str(Path(sys.executable).parent / "nbgrader"), *args], cwd=folder, env=env,
                            capture_output=True, text=True, timeout=900)
    assert result.returncode == 0, result.stderr[-3000:]
    return result


@pytest.mark.skipif(not HAS_NBGRADER, reason="nbgrader is not installed: it is a teacher's extra (make teacher)")
def test_one_wrong_function_costs_exactly_one_point(tmp_path):
    """generate_assignment, then a submission whose linear_backward forgets the 1/m, autograde and feedback:
    5 of 6 points, the lost point on linear_backward, and a feedback page with MathML and no web request."""
    from nbgrader.api import Gradebook

    make_assignment.write_course(tmp_path, [NOTEBOOK])
    name = NOTEBOOK.stem
    nbgrader(tmp_path, "generate_assignment", name, "--force")
    release = tmp_path / "release" / name
    assert (release / "images" / "layer_forward_backward.png").exists()
    student = json.loads((release / NOTEBOOK.name).read_text(encoding="utf-8"))
    assert sum("raise NotImplementedError" in "".join(c["source"]) for c in student["cells"]) == 6
    source = (tmp_path / "source" / name / NOTEBOOK.name).read_text(encoding="utf-8")
    wrong = source.replace("    dW = dZ @ A_prev.T / m\\n", "    dW = dZ @ A_prev.T\\n")
    assert wrong != source, "the planted mistake must change linear_backward"
    submission = tmp_path / "submitted" / "student1" / name
    submission.mkdir(parents=True)
    (submission / NOTEBOOK.name).write_text(wrong, encoding="utf-8")
    nbgrader(tmp_path, "autograde", name, "--create", "--force")
    with Gradebook(f"sqlite:///{tmp_path / 'gradebook.db'}") as gradebook:
        submitted = gradebook.find_submission(name, "student1")
        scores = {grade.name: grade.score for notebook in submitted.notebooks for grade in notebook.grades}
        assert (submitted.score, submitted.max_score) == (5.0, 6.0), scores
    assert scores["check-linear_backward"] == 0.0
    nbgrader(tmp_path, "generate_feedback", name, "--force")
    page = (tmp_path / "feedback" / "student1" / name / f"{name}.html").read_text(encoding="utf-8")
    assert page.count("<math") > 20 and "<script" not in page
