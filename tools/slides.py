"""Make every course notebook a RISE slide deck (`make slides`): slideshow metadata on every cell, speaker notes.

Usage: python tools/slides.py [--check] [notebooks/NN_name.ipynb ...]   (default: every notebook)

The deck follows the notebook's own rhythm, so it is decided from the cells, with a hand-written plan per
notebook (``NOTES``, ``BREAKS``) for what the rhythm cannot say:

- the title cell opens the deck; the set-up cell (imports) is skipped;
- every "## " section starts a new slide; a "**Check by hand.**" (and each exercise block) a sub-slide;
- code stays on the slide of the prose before it, so a cell and its output are shown together;
- hints and answers (``<details>``) are fragments: ask the class first, then reveal;
- a cell that would push a slide past the 1024x768 budget starts a sub-slide instead (``SLIDE_BUDGET`` in
  estimated pixels: text lines, code lines, output lines, figure heights);
- speaker notes from ``NOTES`` are inserted as "notes" cells (shown only in RISE's speaker view, key T) after
  the cell whose text starts with the given anchor; earlier generated notes are replaced, so a re-run is a
  no-op. ``BREAKS`` forces a sub-slide before a cell starting with the anchor.

--check exits 1, naming the notebook, if any notebook differs from what this would write (the test runs it).
The exercises edition drops all of it (tools/make_exercises.py): it stays a plain notebook.
"""

import base64
import json
import math
import re
import struct
import sys
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parents[1]
SLIDE_BUDGET = 700       # estimated pixels of content per slide (1024 x 768, minus margins and controls)
CELL_CAP = 800           # a cell estimated taller than this overflows a slide on its own: split it (the estimate
                         # is coarse: `make ui` measures the real slides)
TEXT_WIDTH = 120         # characters per line of prose on a 1024 px slide
PX = {"prose": 22, "prose_math": 26, "heading": 44, "math": 48, "code": 19, "output": 19, "cell": 18}
RISE = {"width": 1024, "height": 768, "scroll": False, "start_slideshow_at": "beginning", "slideNumber": True,
        "transition": "none", "theme": "simple"}
NOTE_TAG = "speaker-note"  # metadata.course.generated of the notes cells this tool writes
IMAGE = re.compile(r"!\[[^\]]*\]\(([^)]+\.png)\)")  # a markdown figure

# Speaker notes: (anchor = the start of a cell's text, the cue for the teacher). One or two per notebook.
NOTES = {
    "00_notation_and_data": [
        ("## ", "Start from the picture of one column = one example; ask what shape X has for 209 cat photos "
                "of 64×64×3 pixels before showing the table."),
    ],
    "01_initialization": [
        ("## ", "Ask: if every weight starts at 0, what does every hidden unit compute? Let the class answer "
                "before running the symmetry demo."),
    ],
    "02_forward_propagation": [
        ("## ", "Run the sigmoid at ±1000 live: the naive formula warns, the stable one does not. Ask why "
                "exp(-|z|) can never overflow."),
    ],
    "03_cost_function": [
        ("## ", "Ask what the cost of a coin-flip prediction (0.5 everywhere) is before showing ln 2."),
    ],
    "04_backward_propagation": [
        ("## Where the backward pass starts", "Step through the derivation one fragment at a time; ask the class "
                                              "to guess dZ[L] before the last line."),
        ("## Is it right?", "Run the gradient check live; ask what size of relative difference means a bug."),
    ],
    "05_update_parameters": [
        ("## ", "Ask the class to predict what α = 3 will do before running the sweep."),
    ],
    "06_training_loop": [
        ("## ", "Run the moons training live and watch the cost print; ask when to stop."),
    ],
    "07_prediction": [
        ("## ", "Ask: is 99 % accuracy good? Then show the base rate and the confusion matrix."),
    ],
    "08_application_images": [
        ("## ", "Ask which model will win on the photos before the comparison cell; compare with the spread "
                "over splits, not one number."),
    ],
    "09_application_weather": [
        ("## ", "Ask what the 'same as today' baseline scores before training anything."),
    ],
    "10_playground": [
        ("## ", "Drive the playground live: press play, pause, change the learning rate, resume; switch on x1² "
                "on the circles."),
    ],
    "11_gradient_checking": [
        ("## ", "Ask why the two-sided difference is better than the one-sided one; then plant the bug live."),
    ],
    "12_initialization_methods": [
        ("## ", "Ask what happens to the activations' spread layer by layer with ×0.01 weights."),
    ],
    "13_regularization": [
        ("## ", "Ask which gap regularization should close (train vs validation) before showing the results; "
                "point at the spread over draws."),
    ],
    "14_optimization": [
        ("## ", "Ask the class to bet on a winner before the race; then show the spread over seeds."),
    ],
    "15_many_classes": [
        ("## Why the backward pass", "Step through the derivation; ask what happens to the sum over k when y is "
                                     "one-hot."),
    ],
}

# Cells that open a sub-slide: a hand check, an exercise block, the closing links.
SUBSLIDE_STARTS = ["**Check by hand", "### ", "[←"]

# Forced sub-slide starts (anchor = the start of a cell's text), where a slide is better split by meaning.
BREAKS = {}

# Steps of a derivation shown one at a time (anchor = the start of a markdown cell): a fragment where it fits.
FRAGMENTS = {
    "04_backward_propagation": ["2. **Through the linear step.**", "**Where the $\\frac1m$ goes.**"],
}


def text(cell):
    return cell.source if isinstance(cell.source, str) else "".join(cell.source)


def png_height(data, width_limit=900):
    """Displayed height in pixels of a base64 PNG shown at most ``width_limit`` wide."""
    raw = base64.b64decode(data[:100])
    width, height = struct.unpack(">II", raw[16:24])
    return height * min(1.0, width_limit / width)


def image_height(link, width_limit=900):
    """Displayed height of a figure that markdown links to (``../images/name.png``), from its PNG header."""
    path = (ROOT / "notebooks" / link).resolve()
    raw = path.read_bytes()[:24] if path.exists() else b""
    if len(raw) < 24:
        return 400
    width, height = struct.unpack(">II", raw[16:24])
    return height * min(1.0, width_limit / width)


def estimate(cell):
    """Estimated height in pixels of a cell with its outputs on a 1024 x 768 slide."""
    source = text(cell)
    if cell.cell_type == "markdown":
        if source.startswith("<details>"):
            return PX["heading"]          # collapsed: one summary line
        height = PX["cell"]
        for line in visible_lines(source):
            image = IMAGE.search(line)
            if image:
                height += image_height(image.group(1))
            elif line.startswith("#"):
                height += PX["heading"]
            elif line.strip().startswith("$$") and line.strip().endswith("$$") and len(line.strip()) > 2:
                height += PX["math"] + (16 if "frac" in line or "sum" in line else 0)
            elif line.strip().startswith("$$") or line.strip().endswith("$$"):
                height += PX["math"] / 2 + (16 if "frac" in line or "sum" in line else 0)
            elif "$" in line:
                height += PX["prose_math"] * max(1, math.ceil(len(line) / TEXT_WIDTH))
            else:
                height += PX["prose"] * max(1, math.ceil(len(line) / TEXT_WIDTH))
        return height
    height = PX["cell"] + PX["code"] * len(source.splitlines())
    for output in cell.get("outputs", []):
        if output.get("output_type") == "stream":
            height += PX["output"] * len(output.get("text", "").splitlines())
        data = output.get("data", {})
        if "image/png" in data:
            height += png_height(data["image/png"])
        elif "text/plain" in data:
            height += PX["output"] * len(data["text/plain"].splitlines())
        if output.get("output_type") == "error":
            height += PX["output"] * 4
    return height


def visible_lines(source):
    """The lines of markdown that a slide shows: a collapsed <details> block shows only its summary line."""
    shown, collapsed = [], False
    for line in source.splitlines():
        if line.strip().startswith("<details>"):
            collapsed = True
            shown.append("Answer")
        if not collapsed:
            shown.append(line)
        if "</details>" in line:
            collapsed = False
    return shown


def is_setup(cell):
    return cell.cell_type == "code" and "%matplotlib inline" in text(cell)


def starts(cell, anchors):
    return any(text(cell).startswith(anchor) for anchor in anchors)


def plan(nb, name):
    """Set metadata.slideshow.slide_type on every cell of ``nb`` (in place) and insert the speaker notes."""
    nb.cells = [cell for cell in nb.cells if cell.metadata.get("course", {}).get("generated") != NOTE_TAG]
    for anchor, note in NOTES.get(name, []):
        for index, cell in enumerate(nb.cells):
            if text(cell).startswith(anchor):
                note_cell = nbformat.v4.new_markdown_cell(f"**Speaker note.** {note}")
                note_cell.metadata["course"] = {"generated": NOTE_TAG}
                note_cell.id = f"note-{len(anchor)}-{index}"
                nb.cells.insert(index + 1, note_cell)
                break
        else:
            raise ValueError(f"{name}: no cell starts with the speaker-note anchor {anchor!r}")
    used = 0
    for index, cell in enumerate(nb.cells):
        source = text(cell)
        if cell.metadata.get("course", {}).get("generated") == NOTE_TAG:
            kind = "notes"
        elif index == 0:
            kind = "slide"
        elif is_setup(cell):
            kind = "skip"
        elif cell.cell_type == "markdown" and source.startswith("## "):
            kind = "slide"
        elif cell.cell_type == "markdown" and (source.startswith("<details>")
                                               or starts(cell, FRAGMENTS.get(name, []))):
            kind = "fragment"
        elif cell.cell_type == "markdown" and starts(cell, SUBSLIDE_STARTS + BREAKS.get(name, [])):
            kind = "subslide"
        else:
            kind = "-"
        height = 0 if kind in ("notes", "skip") else estimate(cell)
        if kind in ("-", "fragment") and used + height > SLIDE_BUDGET:
            kind = "subslide"
        if kind in ("slide", "subslide"):
            used = height
        elif kind not in ("notes", "skip"):
            used += height
        cell.metadata["slideshow"] = {"slide_type": kind}
    nb.metadata["rise"] = dict(RISE)
    return nb


def render(path):
    nb = nbformat.read(path, as_version=4)
    plan(nb, path.stem)
    return nbformat.writes(nb) + "\n"


def decks(paths):
    """Slide counts per notebook: (slides, sub-slides) from the written metadata."""
    counts = {}
    for path in paths:
        nb = json.loads(Path(path).read_text(encoding="utf-8"))
        kinds = [cell["metadata"].get("slideshow", {}).get("slide_type") for cell in nb["cells"]]
        counts[Path(path).stem] = (kinds.count("slide"), kinds.count("subslide"))
    return counts


def main(arguments):
    check = "--check" in arguments
    paths = [Path(a) for a in arguments if a != "--check"] or sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
    stale = []
    for path in paths:
        new = render(path)
        if path.read_text(encoding="utf-8") != new:
            stale.append(path)
            if not check:
                path.write_text(new, encoding="utf-8")
    if check and stale:
        sys.exit("slide metadata out of date in " + ", ".join(p.name for p in stale) + ": run make slides")
    if not check:
        for stem, (slides, subslides) in decks(paths).items():
            print(f"{stem}: {slides} slides + {subslides} sub-slides")


if __name__ == "__main__":
    main(sys.argv[1:])
