"""Every notebook is a slide deck (issue: classroom walkthroughs): slideshow metadata on every cell, speaker notes,
no slide over the size budget of a 1024x768 screen, and the plan in sync with tools/slides.py."""

import json
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))
import slides  # noqa: E402  (tools/ is not a package)

NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
KINDS = {"slide", "subslide", "fragment", "skip", "notes", "-"}


def cells(path):
    return json.loads(path.read_text(encoding="utf-8"))["cells"]


def kind(cell):
    return cell.get("metadata", {}).get("slideshow", {}).get("slide_type")


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_every_cell_has_slideshow_metadata(path):
    missing = [index for index, cell in enumerate(cells(path)) if kind(cell) not in KINDS]
    assert not missing, f"{path.name}: cells {missing} have no slide type; run make slides"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_deck_shape(path):
    kinds = [kind(cell) for cell in cells(path)]
    assert kinds[0] == "slide", "the title opens the deck"
    setup = [i for i, c in enumerate(cells(path)) if c["cell_type"] == "code" and "%matplotlib inline" in
             "".join(c["source"])]
    assert setup and kinds[setup[0]] == "skip", "the set-up cell is skipped"
    n_slides = kinds.count("slide") + kinds.count("subslide")
    assert 8 <= n_slides <= 45, f"{path.name}: {n_slides} slides"
    assert kinds.count("notes") >= 1, f"{path.name}: no speaker note"
    rise = json.loads(path.read_text(encoding="utf-8"))["metadata"]["rise"]
    assert (rise["width"], rise["height"], rise["scroll"]) == (1024, 768, False)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_no_slide_over_the_size_budget(path):
    """Estimated heights (prose, math, code, output lines, figures): a slide of several cells fits the 1024x768
    budget, and no single cell is so tall that no slide can hold it (split such a cell). The estimate is coarse
    (it overrates prose); `make ui` measures every slide in a real browser."""
    nb = nbformat.read(path, as_version=4)
    slides_seen, current = [], []
    for cell in nb.cells:
        slide_type = cell.metadata["slideshow"]["slide_type"]
        if slide_type in ("skip", "notes"):
            continue
        if slide_type in ("slide", "subslide") and current:
            slides_seen.append(current)
            current = []
        current.append((slides.text(cell)[:50], slides.estimate(cell)))
    slides_seen.append(current)
    crowded = [[t for t, _ in cells] for cells in slides_seen
               if len(cells) > 1 and sum(h for _, h in cells) > slides.SLIDE_BUDGET]
    assert not crowded, f"{path.name}: slides of several cells over {slides.SLIDE_BUDGET} px: {crowded}"
    tall = [(t, round(h)) for cells in slides_seen for t, h in cells if h > slides.CELL_CAP]
    assert not tall, f"{path.name}: cells too tall for one slide (over {slides.CELL_CAP} px estimated): {tall}"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_code_stays_with_its_output_and_hints_are_fragments(path):
    for cell in cells(path):
        source = "".join(cell["source"])
        if cell["cell_type"] == "markdown" and source.startswith("<details>"):
            assert kind(cell) in ("fragment", "subslide"), f"{path.name}: a hint or answer that is not a fragment"
        if cell["cell_type"] == "code" and "%matplotlib inline" not in source:
            assert kind(cell) in ("-", "subslide"), f"{path.name}: a code cell of type {kind(cell)}"


def test_the_plan_is_in_sync_with_the_tool():
    result = subprocess.run([sys.executable, str(ROOT / "tools" / "slides.py"), "--check"], capture_output=True,
                            text=True)
    assert result.returncode == 0, result.stderr


def test_the_exercises_edition_stays_plain():
    for path in sorted((ROOT / "exercises").glob("*.ipynb")):
        notebook = json.loads(path.read_text(encoding="utf-8"))
        assert "rise" not in notebook["metadata"]
        for cell in notebook["cells"]:
            assert "slideshow" not in cell.get("metadata", {}), f"{path.name}: slide metadata"
            assert cell.get("metadata", {}).get("course", {}).get("generated") != slides.NOTE_TAG, \
                f"{path.name}: a speaker note"


def test_the_planner_splits_a_long_slide_and_keeps_notes_idempotent():
    nb = nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_markdown_cell("# 99 · Title"),
        nbformat.v4.new_code_cell("%matplotlib inline\nimport numpy as np"),
        nbformat.v4.new_markdown_cell("## A section\n" + "word " * 30),
        *[nbformat.v4.new_code_cell("\n".join(f"x{i} = {i}" for i in range(15))) for _ in range(3)],
        nbformat.v4.new_markdown_cell("<details><summary>Hint</summary>\n\nthink\n\n</details>"),
    ])
    slides.NOTES["99_test"] = [("## A section", "Ask something.")]
    try:
        slides.plan(nb, "99_test")
        kinds = [c.metadata["slideshow"]["slide_type"] for c in nb.cells]
        assert kinds == ["slide", "skip", "slide", "notes", "-", "subslide", "-", "fragment"]
        once = nbformat.writes(nb)
        slides.plan(nb, "99_test")
        assert nbformat.writes(nb) == once
    finally:
        del slides.NOTES["99_test"]
