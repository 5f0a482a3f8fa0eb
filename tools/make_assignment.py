"""Prepare an nbgrader course folder from the course notebooks (`make assignment`; nbgrader: `make teacher`).

Usage: python tools/make_assignment.py [--out FOLDER] [notebooks/NN_name.ipynb ...]
       (default: build/nbgrader, every course notebook; the folder is rewritten, never notebooks/)

FOLDER gets:
- ``nbgrader_config.py``: the course id, the course folder as nbgrader's root, an exchange root inside it
  (``FOLDER/exchange``, so release_assignment never writes elsewhere), and feedback that reads offline (its
  formulas turned into MathML by ``nbgrader_math.MathML`` and no MathJax script from a CDN);
- ``source/NN_name/NN_name.ipynb`` for each notebook, ready for ``nbgrader generate_assignment NN_name``:
  - every cell with ``### BEGIN SOLUTION`` is an nbgrader solution cell (nbgrader blanks the marked lines);
  - every ``dh.check(fn)`` cell is an autograded test cell worth one point: it asserts that the check passed,
    so one wrong function costs one point (dh.check judges each function alone, with the package's versions of
    what it calls);
  - the answers are removed (the ``<details>`` blocks whose summary says "Answer"); hints stay;
  - links work in the student version: ``../images/x.png`` becomes ``images/x.png`` (the figure is copied next
    to the notebook), a link to another course notebook points to that assignment's folder
    (``../NN_other/NN_other.ipynb``, all notebooks are assignments), and a link to a file outside the course
    notebooks keeps only its text;
  - slide metadata and speaker notes are dropped (they are the teacher's).
Nothing here imports nbgrader: the folder is plain files; the guide (TEACHING.md) gives the nbgrader commands.
"""

import argparse
import json
import re
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
COURSE_ID = "dnn-step-by-step"
CHECK_CELL = re.compile(r"\s*dh\.check\((\w+)\)\s*")
ANSWER = re.compile(r"\n*<details>\s*<summary>[^<]*\banswers?\b[^<]*</summary>.*?</details>[ \t]*", re.S | re.I)
LINK = re.compile(r"(!?)\[([^\]]*)\]\(([^)\s]+)\)")
NOTEBOOK_NAME = re.compile(r"\d\d_\w+\.ipynb")
SOLUTION = "### BEGIN SOLUTION"
NOTE_TAG = "speaker-note"

CONFIG = '''"""nbgrader configuration of "Deep Neural Network, Step by Step" (written by tools/make_assignment.py)."""
import sys
from pathlib import Path

import nbgrader

c = get_config()  # noqa: F821 - nbgrader provides it
c.CourseDirectory.course_id = {course_id!r}
c.CourseDirectory.root = {root!r}
# The exchange lives inside the course folder: release_assignment and collect never write elsewhere.
c.Exchange.root = {exchange!r}
c.Exchange.path_includes_course = True

# Feedback that reads offline: formulas become MathML (rendered by the browser itself) and the page loads no
# MathJax from a CDN (tools/templates/base/mathjax.html.j2 replaces nbconvert's macro).
sys.path.insert(0, {tools!r})
from nbconvert.preprocessors import CSSHTMLHeaderPreprocessor  # noqa: E402
from nbgrader.preprocessors import GetGrades  # noqa: E402
from nbgrader_math import MathML  # noqa: E402

c.GenerateFeedback.preprocessors = [GetGrades, CSSHTMLHeaderPreprocessor, MathML]
c.HTMLExporter.extra_template_basedirs = [
    {templates!r}, str(Path(nbgrader.__file__).parent / "server_extensions" / "formgrader" / "templates")]
'''



def text_of(cell):
    source = cell.get("source", "")
    return source if isinstance(source, str) else "".join(source)


def nbgrader_metadata(grade_id, solution=False, grade=False, points=0):
    meta = {"grade": grade, "grade_id": grade_id, "locked": not solution, "schema_version": 3,
            "solution": solution, "task": False}
    if grade:
        meta["points"] = points
    return meta


def fix_links(source, names, images):
    """Rewrite the markdown links of ``source`` for a notebook at source/NN_name/NN_name.ipynb: figures to images/,
    course notebooks to their assignment folders, anything else outside the course folder to its text only.
    ``names``: the assignments' names; ``images``: a set that collects the figures to copy."""
    def link(match):
        bang, label, target = match.groups()
        path, _, anchor = target.partition("#")
        if re.match(r"[a-z]+:", path) or not path:
            return match.group(0)
        if path.startswith("../images/"):
            images.add(path[len("../images/"):])
            return f"{bang}[{label}](images/{path[len('../images/'):]}{'#' + anchor if anchor else ''})"
        if NOTEBOOK_NAME.fullmatch(path) and path[:-len(".ipynb")] in names:
            stem = path[:-len(".ipynb")]
            return f"[{label}](../{stem}/{path}{'#' + anchor if anchor else ''})"
        return label
    return LINK.sub(link, source)


def assignment_notebook(notebook, names, images):
    """The nbgrader source version of a course notebook (a dict): solution cells, one-point check cells, no
    answers, links that work in the student version. Returns (notebook, the names of the graded functions)."""
    cells, graded = [], []
    for cell in notebook["cells"]:
        metadata = {key: value for key, value in cell.get("metadata", {}).items() if key not in ("slideshow",)}
        if metadata.get("course", {}).get("generated") == NOTE_TAG:
            continue
        source = text_of(cell)
        new = {**cell, "metadata": metadata}
        if cell["cell_type"] == "markdown":
            source = fix_links(ANSWER.sub("", source), names, images)
            if not source.strip():
                continue
            new["source"] = source
        elif cell["cell_type"] == "code":
            check = CHECK_CELL.fullmatch(source)
            if SOLUTION in source:
                metadata["nbgrader"] = nbgrader_metadata(f"solution-{cell.get('id', len(cells))}", solution=True)
            elif check:
                name = check.group(1)
                graded.append(name)
                new["source"] = (f"# Autograded: 1 point for {name} (dh.check judges it alone)\n"
                                 f"result = dh.check({name})\n"
                                 f"assert result.passed, result.message")
                metadata["nbgrader"] = nbgrader_metadata(f"check-{name}", grade=True, points=1)
        cells.append(new)
    duplicates = {name for name in graded if graded.count(name) > 1}
    if duplicates:
        raise ValueError(f"dh.check is called twice for {sorted(duplicates)}: one test cell per function, please")
    metadata = {key: value for key, value in notebook.get("metadata", {}).items()
                if key not in ("rise", "widgets", "celltoolbar")}
    return {**notebook, "metadata": metadata, "cells": cells}, graded


def write_course(out, paths):
    """Write the nbgrader course folder ``out`` for the notebooks ``paths``; returns {assignment: graded names}."""
    out = Path(out).resolve()
    notebooks_dir = (ROOT / "notebooks").resolve()
    if out == notebooks_dir or notebooks_dir in out.parents or out == ROOT:
        raise ValueError(f"--out is {out}: the course folder must be outside notebooks/ and not the repository itself")
    names = {Path(path).stem for path in paths}
    if (out / "source").exists():
        shutil.rmtree(out / "source")
    summary = {}
    for path in paths:
        path = Path(path)
        notebook = json.loads(path.read_text(encoding="utf-8"))
        images = set()
        new, graded = assignment_notebook(notebook, names, images)
        folder = out / "source" / path.stem
        folder.mkdir(parents=True)
        (folder / path.name).write_text(json.dumps(new, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
        for image in sorted(images):
            (folder / "images").mkdir(exist_ok=True)
            shutil.copy2(path.parent.parent / "images" / image, folder / "images" / image)
        summary[path.stem] = graded
    (out / "exchange").mkdir(parents=True, exist_ok=True)
    templates = ROOT / "tools" / "templates"   # base/mathjax.html.j2: no MathJax from a CDN
    (out / "nbgrader_config.py").write_text(CONFIG.format(
        course_id=COURSE_ID, root=str(out), exchange=str(out / "exchange"), tools=str(ROOT / "tools"),
        templates=str(templates)), encoding="utf-8")
    return summary


def main(arguments):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=str(ROOT / "build" / "nbgrader"))
    parser.add_argument("notebooks", nargs="*")
    args = parser.parse_args(arguments)
    paths = [Path(p) for p in args.notebooks] or sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
    summary = write_course(args.out, paths)
    points = sum(len(graded) for graded in summary.values())
    print(f"nbgrader course folder {Path(args.out).resolve()}: {len(summary)} assignments, {points} points "
          f"(one per checked function)")
    for name, graded in summary.items():
        print(f"  {name}: {len(graded)} point(s){': ' + ', '.join(graded) if graded else ''}")
    print(f"next: cd {Path(args.out).resolve()} && nbgrader generate_assignment 04_backward_propagation "
          f"(TEACHING.md, 'Grading with nbgrader')")


if __name__ == "__main__":
    main(sys.argv[1:])
