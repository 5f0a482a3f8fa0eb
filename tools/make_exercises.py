"""Write the exercises edition: exercises/NN_name.ipynb from every notebooks/NN_name.ipynb.

Usage: python tools/make_exercises.py [OUT_DIR]        (default: exercises/, beside notebooks/)

In a course notebook, the body of each function the learner writes sits between nbgrader's markers
``### BEGIN SOLUTION`` and ``### END SOLUTION`` (nbgrader's variants are accepted: any number of ``#``, text after
the marker such as ``### BEGIN SOLUTION (ten lines)``). Here each such region becomes, indented like the region,

    # YOUR CODE HERE (≈ N lines)
    raise dh.NotWritten("sigmoid")

with N the number of non-blank, non-comment lines of the course's answer. ``dh.NotWritten`` shows as one line, and
``dh.check`` lets it through, so Run All stops at the first function not written yet, with one line.

What else the edition adds, cell by cell:
- a new first cell (holding the title) saying what the edition is, how to check, and where the solutions are;
- right after the first code cell that imports dnn_helpers as dh (the set-up cell), ``dh.progress()``: it
  starts saving each function the learner checks into ``my_network.py`` beside the notebooks (later notebooks
  train with them, ``dh.yours``) and prints where the learner stands;
- before each exercise cell, a heading "Exercise 4.4 · linear_backward" (notebook number, then the exercise's
  order in the notebook);
- after each cell whose printed numbers the learner should compare, an "Expected output" block with the course
  notebook's stored text output. The rule: in a notebook with exercises, every code cell after its first
  exercise that prints text, except the ``dh.check(...)`` lines (they judge for themselves) and the cells whose
  output is not reproducible (tag ``nbval-ignore-output``); a cell tagged ``expected-output`` always gets one, a
  cell tagged ``no-expected-output`` never.
Outputs and execution counts are cleared, slideshow metadata is dropped, cell ids are kept (the added cells get
ids derived from their neighbour's). Notebooks without exercises are copied cleared, so the edition is the whole
course. The same input always gives the same bytes.

Safety (the tool must not destroy work): every source is read and validated before anything is written; each
file is written atomically (a temporary file, then os.replace); the output folder may not be a source folder
(``notebooks/``, resolved through symlinks) nor inside it; a file in the output folder is overwritten or deleted
only when this tool generated it (the ``exercises_edition`` entry of its metadata names it by its own file name,
so a learner's ``03_cost_function-Copy1.ipynb`` or ``my_network.py`` is never touched). A malformed notebook, a
merge-conflict marker, a marker without its END, an END without BEGIN, or nested markers stop the run with one
line naming the file and the cell, exit status 1, and nothing written.

Why this script and not nbgrader's ``ClearSolutions`` preprocessor: ClearSolutions only swaps each region for a
fixed stub (no "≈ N lines" hint, no message naming the function), refuses regions in cells without nbgrader's
cell metadata unless reconfigured, and would add nbgrader and its dependencies (a database layer, a server
extension) to requirements.txt for what is one regular expression. This file needs only the standard library and
the course's package (its one atomic write, ``dnn_helpers.check.store.write_atomically``), also rewrites the first
cell, and has the inverse (``fill``) that the tests use to put the solutions back.
The markers stay nbgrader's own, so a teacher can still run nbgrader on ``notebooks/``.
"""

import json
import re
import sys
from pathlib import Path

from dnn_helpers.check.store import write_atomically

ROOT = Path(__file__).resolve().parents[1]
SOURCE_DIR = ROOT / "notebooks"
BEGIN = re.compile(r"^[ \t]*#+[ \t]*BEGIN SOLUTION\b.*$")
END = re.compile(r"^[ \t]*#+[ \t]*END SOLUTION\b.*$")
REGION = re.compile(r"^([ \t]*)#+[ \t]*BEGIN SOLUTION\b[^\n]*\n(.*?)^[ \t]*#+[ \t]*END SOLUTION\b[^\n]*(\n|\Z)",
                    re.M | re.S)
STUB = re.compile(r'^([ \t]*)# YOUR CODE HERE \(≈ \d+ lines?\)\n[ \t]*raise dh\.NotWritten\("\w*"\)[ \t]*(\n|\Z)', re.M)
DEF = re.compile(r"^[ \t]*def ([A-Za-z_]\w*)\(", re.M)
CHECK_CELL = re.compile(r"^dh\.check\(\w+(, *\"\w+\")?\)$")
CONFLICT = re.compile(r"^(<<<<<<< |=======$|>>>>>>> )", re.M)
EDITION_CELL_ID = "exercises-edition"
PROGRESS_CELL_ID = "exercises-progress"
MARKER = "exercises_edition"         # notebook metadata key: {"generated_from": "notebooks/NN_x.ipynb"}
ADDED = {MARKER: "added"}            # the metadata of a cell this tool adds (not in the course notebook)


class SourceError(ValueError):
    """A source notebook this tool refuses: the message names the file (and the cell)."""


def code_lines(body):
    """How many lines of the body are code: not blank, not a comment."""
    return sum(1 for line in body.splitlines() if line.strip() and not line.strip().startswith("#"))


def function_of(source, position):
    """The name of the last function defined above ``position`` in ``source``, or None."""
    names = DEF.findall(source[:position])
    return names[-1] if names else None


def check_markers(source, where):
    """Refuse a marker that is not a clean BEGIN ... END pair: unterminated, END without BEGIN, nested, or the
    words "BEGIN SOLUTION"/"END SOLUTION" on a line that is not a marker comment."""
    open_line = None
    for number, line in enumerate(source.split("\n"), start=1):
        if BEGIN.match(line):
            if open_line is not None:
                raise SourceError(f"{where}: line {number} opens a solution inside the one opened at line {open_line} "
                                  "(nested markers)")
            open_line = number
        elif END.match(line):
            if open_line is None:
                raise SourceError(f"{where}: line {number} ends a solution that no BEGIN SOLUTION opened")
            open_line = None
        elif "BEGIN SOLUTION" in line or "END SOLUTION" in line:
            raise SourceError(f"{where}: line {number} mentions a solution marker but is not one "
                              "('### BEGIN SOLUTION' alone on its line)")
    if open_line is not None:
        raise SourceError(f"{where}: the solution opened at line {open_line} has no END SOLUTION")


def blank(source):
    """Replace every marked region of a code cell's source by the stub the learner fills in."""
    def stub(match):
        indent, body, end = match.group(1), match.group(2), match.group(3)
        n = code_lines(body)
        name = function_of(source, match.start()) or ""
        return (f"{indent}# YOUR CODE HERE (≈ {n} line{'s' if n != 1 else ''})\n"
                f'{indent}raise dh.NotWritten("{name}"){end}')
    return REGION.sub(stub, source)


def solutions(source):
    """The marked regions of a course cell, markers included, in order."""
    return [match.group(0) for match in REGION.finditer(source)]


def fill(source, regions):
    """The inverse of ``blank``: put the course's regions back in place of the stubs, in order."""
    regions = iter(regions)
    return STUB.sub(lambda match: next(regions), source)


def text_of(cell):
    source = cell.get("source", "")
    return ("".join(source) if isinstance(source, list) else str(source)).replace("\r\n", "\n")


def exercise_names(notebook):
    """The functions the learner writes in a notebook, in order."""
    names = []
    for cell in notebook["cells"]:
        text = text_of(cell)
        if cell["cell_type"] == "code":
            names += [function_of(text, match.start()) for match in REGION.finditer(text)]
    return list(dict.fromkeys(name for name in names if name))


def edition_cell(path, title, names):
    """The first cell of an exercises notebook: the title, what this edition is, and where the solutions are."""
    course = f"../notebooks/{path.name}"
    if names:
        listed = ", ".join(f"`{name}`" for name in names)
        text = (f"{title} (exercises edition)\n\n"
                f"This is the **exercises edition** of notebook {path.name[:2]}: you write its functions "
                f"({listed}). In each exercise cell, replace `# YOUR CODE HERE (≈ N lines)` and the "
                "`raise dh.NotWritten(...)` line under it with your code; N is how many lines the course's "
                "answer takes.\n\n"
                "**How to check.** Under each exercise there is a collapsed **Hint**, then a cell `dh.check(fn)`. "
                "Run it: it calls your function and the package's on fixed inputs and edge cases and prints one "
                "line, ✓ when they agree, or ✗ naming the likely mistake. Each checked function is saved in "
                "`my_network.py` beside these notebooks, and the later notebooks train and predict with it "
                "(`dh.yours`). Under the cells that print numbers, **Expected output** shows what the course "
                "prints.\n\n"
                f"**Full solutions**, with every output: [{course}]({course}).")
    else:
        text = (f"{title} (exercises edition)\n\n"
                f"This is the exercises edition of notebook {path.name[:2]}. It has no function for you to "
                "write: run it cell by cell (the outputs are cleared) and try the exercises at the end.\n\n"
                f"**Full version**, with every output: [{course}]({course}).")
    return {"cell_type": "markdown", "id": EDITION_CELL_ID, "metadata": dict(ADDED), "source": text}


def progress_cell():
    return {"cell_type": "code", "id": PROGRESS_CELL_ID, "metadata": dict(ADDED), "outputs": [],
            "execution_count": None,
            "source": "dh.progress()   # saves each function you check into my_network.py here; shows where you stand"}


def heading_cell(cell_id, number, names):
    listed = ", ".join(f"`{name}`" for name in names)
    return {"cell_type": "markdown", "id": f"{cell_id}-exercise"[:64], "metadata": dict(ADDED),
            "source": f"#### Exercise {number} · {listed}"}


def printed_text(cell):
    """The text a course cell printed (stdout and plain-text results), or "" (also for errors and rich output)."""
    parts = []
    for output in cell.get("outputs", []):
        if output.get("output_type") == "stream" and output.get("name") == "stdout":
            parts.append(text_of({"source": output.get("text", "")}))
        elif output.get("output_type") == "execute_result" and "text/plain" in output.get("data", {}):
            if "image/png" not in output["data"] and "text/html" not in output["data"]:
                parts.append(text_of({"source": output["data"]["text/plain"]}) + "\n")
        elif output.get("output_type") == "error":
            return ""
    return "".join(parts)


def wants_expected_output(cell, after_first_exercise):
    tags = cell.get("metadata", {}).get("tags", [])
    if "no-expected-output" in tags or "nbval-ignore-output" in tags or "raises-exception" in tags:
        return False
    if not printed_text(cell).strip():
        return False
    if "expected-output" in tags:
        return True
    return after_first_exercise and not CHECK_CELL.match(text_of(cell).strip())


def expected_cell(cell_id, text):
    fence = "````" if "```" in text else "```"
    return {"cell_type": "markdown", "id": f"{cell_id}-expected"[:64], "metadata": dict(ADDED),
            "source": f"**Expected output** (the course's):\n\n{fence}text\n{text.rstrip()}\n{fence}"}


def plain_cells(notebook):
    """The cells of a course notebook without the slides' speaker notes (cells of slide type "notes")."""
    return [cell for cell in notebook["cells"]
            if cell.get("metadata", {}).get("slideshow", {}).get("slide_type") != "notes"]


def clean_metadata(metadata):
    return {key: value for key, value in metadata.items() if key not in ("slideshow", "execution", "collapsed")}


def read_source(path):
    """The course notebook at ``path`` as a dict, validated; SourceError naming the file otherwise."""
    try:
        raw = path.read_bytes().decode("utf-8")
    except (OSError, UnicodeDecodeError) as err:
        raise SourceError(f"{path}: cannot be read as UTF-8 text ({err})") from None
    conflict = CONFLICT.search(raw)
    if conflict:
        line = raw[:conflict.start()].count("\n") + 1
        raise SourceError(f"{path}: merge-conflict marker at line {line}; resolve the conflict first")
    try:
        notebook = json.loads(raw)
    except json.JSONDecodeError as err:
        raise SourceError(f"{path}: not a valid notebook (JSON error at line {err.lineno}: {err.msg})") from None
    cells = notebook.get("cells") if isinstance(notebook, dict) else None
    if not isinstance(cells, list) or not all(isinstance(c, dict) and c.get("cell_type") in
                                              ("code", "markdown", "raw") for c in cells):
        raise SourceError(f"{path}: not a valid notebook (no list of cells with a cell_type)")
    if not cells or cells[0]["cell_type"] != "markdown" or not text_of(cells[0]).startswith("# "):
        raise SourceError(f"{path}: the first cell must be markdown starting with its title '# NN · ...'")
    for index, cell in enumerate(cells):
        if cell["cell_type"] == "code":
            check_markers(text_of(cell), f"{path}, cell {index} ({cell.get('id', 'no id')})")
    return notebook


def exercises_notebook(path, notebook=None):
    """The exercises edition of the course notebook at ``path``, as a dict ready for ``dumps``."""
    notebook = read_source(path) if notebook is None else notebook
    names = exercise_names(notebook)
    cells, seen_exercise, number, progress_added = [], False, 0, False
    for cell in plain_cells(notebook):
        text = text_of(cell)
        new = {key: value for key, value in cell.items() if key not in ("outputs", "execution_count")}
        new["metadata"] = clean_metadata(cell.get("metadata", {}))
        cell_id = cell.get("id", f"cell{len(cells)}")
        if cell["cell_type"] == "code":
            in_cell = [function_of(text, match.start()) or "this part" for match in REGION.finditer(text)]
            if in_cell:
                number += 1
                cells.append(heading_cell(cell_id, f"{path.name[:2].lstrip('0') or '0'}.{number}",
                                          list(dict.fromkeys(in_cell))))
                seen_exercise = True
            new.update(source=blank(text), outputs=[], execution_count=None)
            cells.append(new)
            if not progress_added and re.search(r"^import dnn_helpers as dh$", text, re.M):
                cells.append(progress_cell())
                progress_added = True
            if wants_expected_output(cell, seen_exercise):
                cells.append(expected_cell(cell_id, printed_text(cell)))
        else:
            new["source"] = text
            cells.append(new)
    title, _, rest = cells[0]["source"].partition("\n")
    cells[0]["source"] = rest.lstrip("\n")
    if not cells[0]["source"].strip():
        del cells[0]                                 # the title cell held only the title: it moves to the new cell
    cells.insert(0, edition_cell(path, title, names))
    metadata = {key: value for key, value in notebook.get("metadata", {}).items()
                if key not in ("widgets", "rise", "celltoolbar")}
    metadata[MARKER] = {"generated_from": f"notebooks/{path.name}", "by": "tools/make_exercises.py"}
    return {**notebook, "metadata": metadata, "cells": cells}


def dumps(notebook):
    """nbformat's own layout (indent 1, sorted keys, sources as lists of lines), so the bytes are stable."""
    cells = [{**cell, "source": cell["source"].splitlines(keepends=True)} for cell in notebook["cells"]]
    return json.dumps({**notebook, "cells": cells}, indent=1, sort_keys=True, ensure_ascii=False) + "\n"


def generated_here(path):
    """True when ``path`` is a notebook this tool wrote under this very name (a copy made by JupyterLab keeps the
    metadata but not the name, so it is not ours). Older editions are recognised by their first cell's id."""
    try:
        notebook = json.loads(path.read_text(encoding="utf-8"))
        marker = notebook.get("metadata", {}).get(MARKER)
        if marker is not None:
            return Path(marker.get("generated_from", "")).name == path.name
        cells = notebook.get("cells", [])
        return bool(cells) and cells[0].get("id") == EDITION_CELL_ID and re.fullmatch(r"\d\d_\w+\.ipynb", path.name)
    except (OSError, ValueError, AttributeError):
        return False


def check_output_dir(out_dir, notebooks_dir):
    out, source = Path(out_dir).resolve(), Path(notebooks_dir).resolve()
    for protected in {source, SOURCE_DIR.resolve()}:
        if out == protected or out.is_relative_to(protected):
            raise SourceError(f"{out_dir}: refusing to write the exercises edition into the course's source folder "
                              f"{protected} (the argument is the OUTPUT folder, e.g. exercises/)")


def build(out_dir, notebooks_dir=SOURCE_DIR):
    """Write every exercises notebook into ``out_dir`` and remove the stale ones it generated earlier; return the
    paths written. Raises SourceError (nothing written) on a refused source or output folder."""
    check_output_dir(out_dir, notebooks_dir)
    out_dir = Path(out_dir)
    sources = sorted(Path(notebooks_dir).glob("[0-9][0-9]_*.ipynb"))
    editions = {out_dir / path.name: dumps(exercises_notebook(path)).encode("utf-8") for path in sources}
    for target in editions:
        if target.exists() and not generated_here(target):
            raise SourceError(f"{target}: exists and was not generated by this tool; move it away first")
    out_dir.mkdir(parents=True, exist_ok=True)
    for target, data in editions.items():
        if not target.exists() or target.read_bytes() != data:
            write_atomically(target, data)
    for stale in sorted(set(out_dir.glob("[0-9][0-9]_*.ipynb")) - set(editions)):
        if generated_here(stale):
            stale.unlink()
    return list(editions)


def main(argv):
    if argv[:1] in (["-h"], ["--help"]):
        print(__doc__.split("\n\n")[1])                       # the usage line
        return 0
    if len(argv) > 1 or any(arg.startswith("-") for arg in argv):
        print(f"make_exercises: takes one output folder and no options, e.g. exercises/; got {' '.join(argv)}",
              file=sys.stderr)
        return 2
    out_dir = Path(argv[0]) if argv else ROOT / "exercises"
    try:
        written = build(out_dir, SOURCE_DIR)
    except SourceError as err:
        print(f"make_exercises: {err}", file=sys.stderr)
        return 1
    for path in written:
        print(path.resolve().relative_to(ROOT) if path.resolve().is_relative_to(ROOT) else path)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
