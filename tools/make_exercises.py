"""Write the exercises edition: exercises/NN_name.ipynb from every notebooks/NN_name.ipynb.

Usage: python tools/make_exercises.py [OUT_DIR]        (default: exercises/, beside notebooks/)

In a course notebook, the body of each function the learner writes sits between nbgrader's markers
``### BEGIN SOLUTION`` and ``### END SOLUTION``. Here each such region becomes, indented like the region,

    # YOUR CODE HERE (≈ N lines)
    raise NotImplementedError("write the body of sigmoid, then run dh.check(sigmoid)")

with N the number of non-blank, non-comment lines of the course's answer. Outputs and execution counts are
cleared, slideshow metadata is dropped, cell ids are kept, and a new first cell (holding the title) says that
this is the exercises edition, how to check each function and where the full solutions are. Notebooks without
exercises are copied cleared, so the edition is the whole course. The same input always gives the same bytes.

Why this script and not nbgrader's ``ClearSolutions`` preprocessor: ClearSolutions only swaps each region for a
fixed stub (no "≈ N lines" hint, no message naming the function), refuses regions in cells without nbgrader's
cell metadata unless reconfigured, and would add nbgrader and its dependencies (a database layer, a server
extension) to requirements.txt for what is one regular expression. This file needs only the standard library,
also rewrites the first cell, and has the inverse (``fill``) that the tests use to put the solutions back.
The markers stay nbgrader's own, so a teacher can still run nbgrader on ``notebooks/``.
"""

import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
REGION = re.compile(r"^([ \t]*)### BEGIN SOLUTION[ \t]*\n(.*?)^[ \t]*### END SOLUTION[ \t]*(\n|\Z)", re.M | re.S)
STUB = re.compile(r"^([ \t]*)# YOUR CODE HERE \(≈ \d+ lines?\)\n[ \t]*raise NotImplementedError\(.*\)[ \t]*(\n|\Z)",
                  re.M)
DEF = re.compile(r"^[ \t]*def ([A-Za-z_]\w*)\(", re.M)
EDITION_CELL_ID = "exercises-edition"


def code_lines(body):
    """How many lines of the body are code: not blank, not a comment."""
    return sum(1 for line in body.splitlines() if line.strip() and not line.strip().startswith("#"))


def function_of(source, position):
    """The name of the last function defined above ``position`` in ``source``, or None."""
    names = DEF.findall(source[:position])
    return names[-1] if names else None


def blank(source):
    """Replace every marked region of a code cell's source by the stub the learner fills in."""
    def stub(match):
        indent, body, end = match.group(1), match.group(2), match.group(3)
        n = code_lines(body)
        name = function_of(source, match.start())
        task = f"write the body of {name}, then run dh.check({name})" if name else "write this part"
        return (f"{indent}# YOUR CODE HERE (≈ {n} line{'s' if n != 1 else ''})\n"
                f'{indent}raise NotImplementedError("{task}"){end}')
    return REGION.sub(stub, source)


def solutions(source):
    """The marked regions of a course cell, markers included, in order."""
    return [match.group(0) for match in REGION.finditer(source)]


def fill(source, regions):
    """The inverse of ``blank``: put the course's regions back in place of the stubs, in order."""
    regions = iter(regions)
    return STUB.sub(lambda match: next(regions), source)


def exercise_names(notebook):
    """The functions the learner writes in a notebook, in order."""
    names = []
    for cell in notebook["cells"]:
        text = "".join(cell["source"])
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
                "`raise NotImplementedError(...)` line under it with your code; N is how many lines the course's "
                "answer takes.\n\n"
                "**How to check.** Under each exercise there is a collapsed **Hint**, then a cell `dh.check(fn)`. "
                "Run it: it calls your function and the package's on fixed inputs and edge cases and prints one "
                "line, ✓ when they agree, or ✗ naming the likely mistake. Run the cells in order: later cells "
                "use your functions.\n\n"
                f"**Full solutions**, with every output: [{course}]({course}).")
    else:
        text = (f"{title} (exercises edition)\n\n"
                f"This is the exercises edition of notebook {path.name[:2]}. It has no function for you to "
                "write: run it cell by cell (the outputs are cleared) and try the exercises at the end.\n\n"
                f"**Full version**, with every output: [{course}]({course}).")
    return {"cell_type": "markdown", "id": EDITION_CELL_ID, "metadata": {}, "source": text}


def plain_cells(notebook):
    """The cells of a course notebook without the slides' speaker notes (cells of slide type "notes")."""
    return [cell for cell in notebook["cells"]
            if cell.get("metadata", {}).get("slideshow", {}).get("slide_type") != "notes"]


def clean_metadata(metadata):
    return {key: value for key, value in metadata.items() if key not in ("slideshow", "execution", "collapsed")}


def exercises_notebook(path):
    """The exercises edition of the course notebook at ``path``, as a dict ready for ``dumps``."""
    notebook = json.loads(path.read_text(encoding="utf-8"))
    cells = []
    for cell in plain_cells(notebook):
        text = "".join(cell["source"])
        new = {key: value for key, value in cell.items() if key not in ("outputs", "execution_count")}
        new["metadata"] = clean_metadata(cell.get("metadata", {}))
        if cell["cell_type"] == "code":
            new.update(source=blank(text), outputs=[], execution_count=None)
        else:
            new["source"] = text
        cells.append(new)
    title, _, rest = cells[0]["source"].partition("\n")
    if not title.startswith("# "):
        raise ValueError(f"{path.name}: the first cell must start with its title '# NN · ...'")
    cells[0]["source"] = rest.lstrip("\n")
    cells.insert(0, edition_cell(path, title, exercise_names(notebook)))
    metadata = {key: value for key, value in notebook["metadata"].items()
                if key not in ("widgets", "rise", "celltoolbar")}
    return {**notebook, "metadata": metadata, "cells": cells}


def dumps(notebook):
    """nbformat's own layout (indent 1, sorted keys, sources as lists of lines), so the bytes are stable."""
    cells = [{**cell, "source": cell["source"].splitlines(keepends=True)} for cell in notebook["cells"]]
    return json.dumps({**notebook, "cells": cells}, indent=1, sort_keys=True, ensure_ascii=False) + "\n"


def build(out_dir, notebooks_dir=ROOT / "notebooks"):
    """Write every exercises notebook into ``out_dir`` and remove stale ones; return the paths written."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    sources = sorted(Path(notebooks_dir).glob("[0-9][0-9]_*.ipynb"))
    written = []
    for path in sources:
        target = out_dir / path.name
        target.write_bytes(dumps(exercises_notebook(path)).encode("utf-8"))
        written.append(target)
    for stale in set(out_dir.glob("[0-9][0-9]_*.ipynb")) - set(written):
        stale.unlink()
    return written


def main(argv):
    out_dir = Path(argv[0]) if argv else ROOT / "exercises"
    for path in build(out_dir):
        print(f"{path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}")


if __name__ == "__main__":
    main(sys.argv[1:])
