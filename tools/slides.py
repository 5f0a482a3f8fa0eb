"""Make every course notebook a RISE slide deck (`make slides`): slideshow metadata on every cell, speaker notes.

Usage: python tools/slides.py [--check] [notebooks/NN_name.ipynb ...]   (default: every notebook)

One source for two readers. The notebook keeps the full reading text for self-study; the slideshow shows what a
lecturer presents: headlines, formulas, figures, short code with its output. The deck is decided from the cells,
with a hand-written plan per notebook (``NOTES``, ``BREAKS``, ``FRAGMENTS``) for what the rules cannot say:

- the title cell opens the deck, the links under it; the set-up cell (imports) and other plumbing code are
  skipped (``is_plumbing``: imports only, a long helper definition that prints nothing and holds no exercise, or a
  plotting helper: put the drawing code of a figure in a ``def plot_...`` cell and the slide shows the short call
  and its figure);
- a long markdown cell (more than ``WORDS`` words a slide shows, ``prose_words``: inline formulas count one word,
  display formulas, figures and collapsed hints none) is cut at its paragraphs (``split_long_cells``): headings,
  display formulas, figures, tables, short lists and short sentences stay on the slide; the long paragraphs (and
  a hint or answer after one) become cells marked reading text, skipped; slide material for more than one slide
  becomes one cell per paragraph, so that the planner can start a sub-slide between them; a title keeps the links
  under it;
- reading text is skipped on slides: such a cut-off part, and a prose-only cell of more than ``WORDS`` words; it
  stays in the notebook for self-study (``skip``, not ``notes``: the exercises edition keeps skipped cells and drops
  notes);
- every "## " section starts a new slide; a "### " heading, a "**Check by hand.**" and the closing links a
  sub-slide;
- code stays on the slide of the prose before it, so a cell and its output are shown together, and a lead-in
  (a short cell ending with ":") is never separated from the code or figure after it;
- fragments: hints and answers (``<details>``: ask the class first, then reveal), the steps of a derivation (a
  formula cell after another formula cell of the same slide, and the anchors in ``FRAGMENTS``) and conclusions
  (a short cell starting "So", "Hence", "Therefore" or "**Conclusion" after code or a formula);
- a cell that would push a slide past the 1024x768 budget or past ``SLIDE_WORDS`` words of prose starts a
  sub-slide instead (``SLIDE_BUDGET``, estimated pixels at the course theme's sizes, notebooks/rise.css: 24 px
  text, 20 px code, wrapped at the slide's width);
- speaker notes from ``NOTES`` are inserted as raw "notes" cells after the cell whose text starts with the given
  anchor (raw, so that RISE's speaker view, key T, shows each note once: a markdown cell would show its source and
  its rendering); earlier generated notes are replaced, so a re-run is a no-op. ``BREAKS`` forces a sub-slide
  before a cell starting with the anchor.

The theme itself is notebooks/rise.css (RISE loads it from the notebook's folder) with reveal.js's "white" theme,
whose fonts ship inside the RISE package (no web-font fetch); reveal's arrows are off, so nothing sits under them.
--check exits 1, naming the notebook, if any notebook differs from what this would write (the test runs it).
The exercises edition drops the slide metadata and the notes (tools/make_exercises.py): it stays a plain notebook.
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
SLIDE_BUDGET = 700       # estimated pixels of content per slide (768 minus the slide number and a margin)
CELL_CAP = 740           # a cell estimated taller than this cannot share a slide, and reading text that tall leaves it
WORDS = 60               # a markdown cell with more words of prose than this is reading text (at most ~60 a slide)
SLIDE_WORDS = 60         # words of prose a slide shows at most: a cell that would pass it starts a sub-slide
SHORT = 20               # a sentence this short stays on the slide when its long cell is cut
TEXT_WIDTH = 90          # characters of 24 px prose per line on a 1024 px slide (measured: 85-95)
CODE_WIDTH = 78          # characters of 20 px code per line (longer lines wrap, see rise.css)
HELPER_LINES = 12        # a definition longer than this that prints nothing and holds no exercise is plumbing
PX = {"prose": 33, "prose_math": 38, "h1": 62, "h2": 54, "h3": 46, "math": 64, "math_tall": 86, "code": 26,
      "output": 26, "cell": 14, "summary": 48, "figure": 14, "table_row": 40}
RISE = {"width": 1024, "height": 768, "scroll": False, "start_slideshow_at": "beginning", "slideNumber": True,
        "transition": "none", "theme": "white", "controls": False, "progress": True, "center": False}
NOTE_TAG = "speaker-note"  # metadata.course.generated of the notes cells this tool writes
SPLIT_TAG = "split"        # metadata.course.generated of a later slide part of a split cell
READING_TAG = "reading"    # metadata.course.generated of a split cell's reading text (skipped on slides)
IMAGE = re.compile(r"!\[[^\]]*\]\(([^)]+\.png)\)")  # a markdown figure
DISPLAY_MATH = re.compile(r"\$\$.*?\$\$", re.S)
DETAILS = re.compile(r"<details>.*?</details>", re.S)
CONCLUSION = re.compile(r"(\*\*)?(So|Hence|Therefore|Conclusion|In short)\b")
SOLUTION = "### BEGIN SOLUTION"

# Speaker notes: (anchor = the start of a cell's text, the cue for the teacher): one for each demo and question.
NOTES = {
    "00_notation_and_data": [
        ("## The shape table", "Ask: 209 photos of 64×64×3 pixels, what shape is X? Let the class answer, then "
                               "show the table: (12288, 209)."),
    ],
    "01_initialization": [
        ("## Why not start from zeros?", "Ask: if every weight starts at 0, what does every hidden unit compute? "
                                         "Let the class answer before running the symmetry demo."),
    ],
    "02_forward_propagation": [
        ("## The activation functions", "Ask what 1 / (1 + exp(-z)) gives at z = -1000; run the naive and the "
                                        "stable sigmoid. Then ask why exp(-|z|) can never overflow."),
    ],
    "03_cost_function": [
        ("## The coin-flip guess costs", "Ask what the cost of a coin-flip prediction (0.5 everywhere) is before "
                                         "showing ln 2 = 0.693."),
    ],
    "04_backward_propagation": [
        ("## Where the backward pass starts", "The derivation is on the sub-slides below (down arrow); ask the "
                                              "class to guess dZ[L] before the last step."),
        ("## Is it right?", "Ask: how would you know your gradients are right without trusting your derivation? "
                            "Run the gradient check live; ask what size of relative difference means a bug."),
    ],
    "05_update_parameters": [
        ("## One step lowers the cost", "Ask the class to predict what α = 3 will do before running the sweep."),
    ],
    "06_training_loop": [
        ("## The loop", "Run the moons training live and watch the cost print; ask when to stop."),
    ],
    "07_prediction": [
        ("## The confusion matrix", "Ask: is 95 % accuracy good? Then show the base rate and the confusion "
                                    "matrix."),
    ],
    "08_application_images": [
        ("## Part 3", "Ask which model will win on the photos, and by how much; compare with the spread over "
                      "splits, not one number."),
    ],
    "09_application_weather": [
        ("## Baselines first", "Ask what the 'same as today' baseline scores before training anything."),
    ],
    "10_playground": [
        ("## The live playground", "Run the playground cell here with Ctrl+Enter: press play, pause, change the "
                                   "learning rate, resume; switch on x1² on the circles. Ask whether a network with "
                                   "no hidden layer can separate the circles."),
    ],
    "11_gradient_checking": [
        ("## A planted bug", "Ask which parameter holds the bug before running the per-parameter check."),
    ],
    "12_initialization_methods": [
        ("## Activations layer by layer", "Ask what happens to the activations' spread after ten layers with "
                                          "×0.01 weights."),
    ],
    "13_regularization": [
        ("## Side by side", "Ask which gap regularization should close (train vs validation) before showing the "
                            "results; point at the spread over draws."),
    ],
    "14_optimization": [
        ("## Each optimizer's path", "Ask the class to bet on a winner before showing the paths; the fair race "
                                     "over seeds is in 'The race, made fair'."),
    ],
    "15_many_classes": [
        ("## Why the backward pass", "Step through the derivation; ask what happens to the sum over k when y is "
                                     "one-hot."),
        ("## Which digits does it confuse?", "Ask which digits it will confuse before showing the 10×10 matrix."),
    ],
    "17_hyperparameter_search": [
        ("## Why a log scale", "Ask: drawing uniformly between 0.0001 and 100, how often is the rate below 0.01? "
                               "(about one in ten thousand). Then run the count by decade."),
        ("## Scoring on the validation split", "Ask which hyperparameter will matter more, alpha or lambda, before "
                                               "showing the landscape."),
        ("## Grid against random, repeated", "Ask the class to bet, grid or random, at 9, 16 and 25 runs; show the "
                                             "window counts first, then the qualities over 8 repeats."),
        ("## How much does the chosen setting vary?", "Ask: if we ran the same search again with another seed, would "
                                                      "we get the same lambda? Then show the picks on the landscape."),
        ("## The test split, once", "Ask why the test split was not used until now, and what its accuracy would "
                                    "mean if we had chosen on it."),
    ],
    "16_batch_normalization": [
        ("## Normalize each unit over the mini-batch", "Ask: over which axis are the mean and variance taken, the "
                                                       "units or the examples? Then run the hand check live."),
        ("## The backward pass on the computational graph", "Walk the table from node 9 up to node 1; ask why a "
                                                            "node used twice adds its gradients."),
        ("## At prediction time: running averages", "Ask what a batch of one example gives in train mode before "
                                                    "running the two examples; then show the running averages."),
        ("## A BN layer inside the L-layer network", "Ask why the bias b is dropped; run the gradient check, then "
                                                     "the planted mistake that treats mu and var as constants."),
        ("## The payoff, measured", "Ask the class to guess the range of learning rates with and without BN "
                                    "before showing the table over five seeds."),
        ("## The initial scale", "Ask what a factor 3 on He's scale does after six layers (3^6 ≈ 700) before "
                                 "showing the spreads; then the tuned results."),
        ("## BN and the mini-batch size", "Ask which batch size BN cannot work with, and why (the variance of "
                                          "one example is 0)."),
    ],
    "18_when_training_goes_wrong": [
        ("## A run that works", "Keep this run on the board: every planted problem below changes one thing in it."),
        ("## 1 · A network that cannot learn 10 examples", "Ask: train longer, change the learning rate, or look for "
                                                           "a bug? Then run the 10-example test."),
        ("## 2 · A cost stuck at ln 2", "Ask why 0.693 and not another number (-ln 0.5); then ask which measurement "
                                        "tells the three runs apart before showing the table."),
        ("## 3 · Dead ReLUs", "Ask what a unit that is negative on every example receives as gradient (0), and so "
                              "whether it can come back."),
        ("## 4 · Exploding and vanishing gradients", "Ask the class to guess the factor for c = 2 and 10 layers "
                                                     "(2^9 = 512) before showing the plot."),
        ("## 5 · A learning rate too high or too low", "Ask where the class would put the rate on the range-test plot "
                                                       "before showing the suggestion."),
        ("## 6 · The update-to-weight ratio", "Ask: is 1e-3 a law? Show that this problem trains at 1e-2 too, and "
                                              "that the first step is the one to watch."),
        ("## 7 · Label noise, and leakage", "Ask how one could find wrong labels without looking at all 300; then "
                                            "ask what a test accuracy on seen examples measures."),
        ("## 8 · A wrong sign in backward", "Ask what a learner does when the cost rises (lowers the rate); run "
                                            "three rates, then the gradient check."),
        ("## One call: a report on your own run", "Run the report live on a learner's suggestion of a planted "
                                                  "problem, and read the lines aloud: number, threshold, fix."),
    ],
}

# Cells that open a sub-slide: a sub-heading, a hand check, the closing links.
SUBSLIDE_STARTS = ["**Check by hand", "### ", "[←"]

# Forced sub-slide starts (anchor = the start of a cell's text), where a slide is better split by meaning.
BREAKS = {
    # measured in Chromium: the tool estimates this exercise cell, its hint and the check before it at one slide;
    # they reach 860 px
    "13_regularization": ["from dnn_helpers import linear_activation_backward"],
}

# Steps of a derivation shown one at a time (anchor = the start of a markdown cell): a fragment where it fits.
FRAGMENTS = {
    "04_backward_propagation": ["2. **Through the linear step.**", "**Where the $\\frac1m$ goes.**"],
}


def text(cell):
    return cell.source if isinstance(cell.source, str) else "".join(cell.source)


def png_size(raw):
    """(width, height) from the first 24 bytes of a PNG."""
    return struct.unpack(">II", raw[16:24])


FIGURE_WIDTH, FIGURE_HEIGHT = 980, 380   # the largest figure on a slide (rise.css: max-height 380px)
FIGURE_CAPS = [(14, 260), (10, 320)]     # rise.css: below a cell of at least 14 (10) code lines, 260 (320) px


def png_height(data, width_limit=FIGURE_WIDTH, height_limit=FIGURE_HEIGHT):
    """Displayed height in pixels of a base64 PNG shown at most ``width_limit`` wide and ``height_limit`` high."""
    width, height = png_size(base64.b64decode(data[:100]))
    return min(height_limit, height * min(1.0, width_limit / width))


def image_height(link, width_limit=FIGURE_WIDTH, height_limit=FIGURE_HEIGHT):
    """Displayed height of a figure that markdown links to (``../images/name.png``), from its PNG header."""
    path = (ROOT / "notebooks" / link).resolve()
    raw = path.read_bytes()[:24] if path.exists() else b""
    if len(raw) < 24:
        return 400
    width, height = png_size(raw)
    return min(height_limit, height * min(1.0, width_limit / width))


INLINE = re.compile(r"\$[^$\n]+\$|`[^`\n]+`")           # inline math or code: one word on screen
HIDDEN = re.compile(r"!\[[^\]]*\]\([^)]*\)|\]\([^)]*\)|<[^>\n]+>")  # a figure, a link's target, an HTML tag


def prose_words(source):
    """Words a slide shows of a markdown cell: display formulas, figures, link targets, HTML tags and collapsed
    hints do not count, an inline formula or code span counts as one word."""
    shown = INLINE.sub(" x ", DETAILS.sub("", DISPLAY_MATH.sub("", source)))
    return len(re.findall(r"[A-Za-z0-9]+(?:['’-][A-Za-z0-9]+)*", HIDDEN.sub(" ", shown)))


def wrapped(line, width):
    return max(1, math.ceil(len(line) / width))


def estimate(cell):
    """Estimated height in pixels of a cell with its outputs on a 1024 x 768 slide, at the theme's sizes."""
    source = text(cell)
    if cell.cell_type == "raw":
        return 0
    if cell.cell_type == "markdown":
        if source.startswith("<details>"):
            return PX["summary"]          # collapsed: one summary line
        height = PX["cell"]
        for line in visible_lines(source):
            stripped = line.strip()
            image = IMAGE.search(line)
            tall = any(word in line for word in ("frac", "sum", "begin", "underbrace", "sqrt"))
            if image:
                height += image_height(image.group(1))
            elif line.startswith("# "):
                height += PX["h1"]
            elif line.startswith("## "):
                height += PX["h2"] * wrapped(line, 50)
            elif line.startswith("#"):
                height += PX["h3"] * wrapped(line, 60)
            elif stripped.startswith("|"):
                height += PX["table_row"] if not set(stripped) <= set("|-: ") else 0
            elif stripped.startswith("$$") and stripped.endswith("$$") and len(stripped) > 2:
                height += PX["math_tall" if tall else "math"]
            elif stripped.startswith("$$") or stripped.endswith("$$"):
                height += (PX["math_tall" if tall else "math"]) / 2
            elif not stripped:
                height += 8
            elif "$" in line:
                height += PX["prose_math"] * wrapped(line, TEXT_WIDTH)
            else:
                height += PX["prose"] * wrapped(line, TEXT_WIDTH)
        return height
    height = PX["cell"] + PX["code"] * sum(wrapped(line, CODE_WIDTH) for line in source.splitlines()
                                           if SOLUTION[4:] not in line and "### END SOLUTION" not in line)
    n_lines = len(source.splitlines())
    cap = next((px for lines, px in FIGURE_CAPS if n_lines >= lines), FIGURE_HEIGHT)
    for output in cell.get("outputs", []):
        if output.get("output_type") == "stream":
            height += PX["output"] * sum(wrapped(line, CODE_WIDTH) for line in output.get("text", "").splitlines())
        data = output.get("data", {})
        if "image/png" in data:
            height += png_height(data["image/png"], height_limit=cap) + PX["figure"]
        elif "application/vnd.jupyter.widget-view+json" in data:
            height += 560
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


def is_plumbing(cell):
    """Code a slide need not show: imports only, or a helper definition that prints nothing, draws nothing and
    holds no exercise, when it is long or is a plotting helper (the notebook keeps it, and Run All runs it)."""
    if cell.cell_type != "code":
        return False
    source = text(cell)
    lines = [line for line in source.splitlines() if line.strip() and not line.strip().startswith("#")]
    if lines and all(re.match(r"(import|from) \w", line) for line in lines):
        return True
    draws = re.search(r"\b(plt|ax|axes|fig)\.", source)     # a plotting helper: the slide shows its call
    return (bool(lines) and lines[0].startswith(("def ", "class ", "@")) and (len(lines) > HELPER_LINES or draws)
            and SOLUTION not in source and not cell.get("outputs"))


def starts(cell, anchors):
    return any(text(cell).startswith(anchor) for anchor in anchors)


def has_figure_or_formula(source):
    return bool(IMAGE.search(source) or DISPLAY_MATH.search(source))


def has_figure(cell):
    return any("image/png" in output.get("data", {}) for output in cell.get("outputs", []))


def is_too_tall(cell):
    """Code taller than any slide that shows no figure (a long helper with a printout): it stays in the notebook.
    A figure's cell stays on its slide even when too tall (then `make slides` names it: shorten it by hand)."""
    return (cell.cell_type == "code" and SOLUTION not in text(cell) and not has_figure(cell)
            and estimate(cell) > CELL_CAP)


def is_reading(cell):
    """Reading text: long prose that stays in the notebook but leaves the slide."""
    if cell.cell_type != "markdown":
        return False
    source = text(cell)
    if source.startswith(("#", "<details>", "[←", "|")) or prose_words(source) <= WORDS:
        return False
    return not has_figure_or_formula(source) or estimate(cell) > CELL_CAP


def is_lead_in(cell):
    """A short markdown cell that introduces the code or figure after it ("... by hand:")."""
    source = text(cell).rstrip()
    return cell.cell_type == "markdown" and source.endswith(":") and prose_words(source) <= WORDS


def paragraphs(source):
    """A markdown cell's blocks, split at blank lines outside display formulas and code fences."""
    blocks, current, fence, math, details = [], [], False, False, 0
    for line in source.split("\n"):
        stripped = line.strip()
        if stripped.startswith("```"):
            fence = not fence
        if not fence and stripped.count("$$") % 2:
            math = not math
        details += line.count("<details>") - line.count("</details>")
        if not stripped and not fence and not math and not details:
            if current:
                blocks.append("\n".join(current))
            current = []
        else:
            current.append(line)
    if current:
        blocks.append("\n".join(current))
    return blocks


def is_slide_block(block):
    """A block of a long cell that a lecturer shows: a heading, the links, a formula, a figure, a table, a list of
    at most ``WORDS`` words or a short sentence (at most ``SHORT`` words); the rest is reading text (a hint or an
    answer, ``<details>``, goes with the block before it: ``split_point``)."""
    words = prose_words(block)
    return (block.startswith(("#", "[←", "|")) or has_figure_or_formula(block) or words <= SHORT
            or (bool(re.match(r"(- |\* |\d+\. )", block)) and words <= WORDS))


def split_point(source, title=False):
    """How a long markdown cell is cut: a list of (text, shown) runs of its blocks, the shown ones for the slide
    and the others reading text; or None when the cell stays whole (short enough, or all of one kind). A cell too
    tall for a slide whose blocks are all for the slide is cut after its heading. ``title`` is kept for callers."""
    if source.startswith("<details>"):
        return None
    cell = nbformat.v4.new_markdown_cell(source)
    fits = estimate(cell) <= CELL_CAP
    if fits and prose_words(source) <= WORDS:
        return None
    blocks = paragraphs(source)
    if not any(block.startswith(("#", "[←", "|")) or has_figure_or_formula(block) for block in blocks):
        return None     # prose only: all of it is reading text (``is_reading``) or none
    runs = []
    for position, block in enumerate(blocks):
        if block.startswith("<details>"):   # a hint or an answer goes with the question or text before it
            shown = bool(runs) and runs[-1][1]
        else:
            shown = is_slide_block(block) and not (block.startswith("[←") and position > 1)  # links: under the title
        if runs and runs[-1][1] == shown:
            runs[-1] = (runs[-1][0] + "\n\n" + block, shown)
        else:
            runs.append((block, shown))
    if any(shown and prose_words(run) > WORDS for run, shown in runs):
        # slide material for more than one slide: one cell per block, so that the planner can start a sub-slide
        runs = [(block, shown) for run, shown in runs for block in (paragraphs(run) if shown else [run])]
    if len(runs) > 1:
        return runs
    lines = source.split("\n")
    if fits or not lines[0].startswith("#") or len(lines) < 3:
        return None
    body = "\n".join(lines[1:]).strip("\n")
    return [(lines[0], True), (body, True)] if body.strip() else None


def split_long_cells(nb):
    """Cut each long markdown cell into runs of slide material and reading text (in place; the reading runs are
    marked ``READING_TAG`` and leave the slides; a no-op on a split notebook: each run is of one kind)."""
    cells = []
    for index, cell in enumerate(nb.cells):
        runs = split_point(text(cell), index == 0) if cell.cell_type == "markdown" else None
        if runs is None:
            cells.append(cell)
            continue
        base = (cell.get("id") or f"cell{index}")[:56]
        for number, (body, shown) in enumerate(runs):
            piece = cell if number == 0 else nbformat.v4.new_markdown_cell(body)
            piece.source = body
            course = {key: value for key, value in cell.metadata.get("course", {}).items() if key != "generated"}
            if not shown:
                course["generated"] = READING_TAG
            elif number:
                course["generated"] = SPLIT_TAG
            if course:
                piece.metadata["course"] = course
            else:
                piece.metadata.pop("course", None)
            if number:
                piece.id = f"{base}-{number}"
            cells.append(piece)
    for previous, cell in zip(cells, cells[1:], strict=False):   # an answer cut off earlier after a shown question
        course = cell.metadata.get("course", {})
        if (text(cell).startswith("<details>") and course.get("generated") == READING_TAG
                and previous.metadata.get("course", {}).get("generated") != READING_TAG and not is_reading(previous)):
            course["generated"] = SPLIT_TAG
    nb.cells = cells


def insert_notes(nb, name):
    nb.cells = [cell for cell in nb.cells if cell.metadata.get("course", {}).get("generated") != NOTE_TAG]
    for anchor, note in NOTES.get(name, []):
        for index, cell in enumerate(nb.cells):
            if text(cell).startswith(anchor):
                note_cell = nbformat.v4.new_raw_cell(f"Speaker note. {note}")
                note_cell.metadata["course"] = {"generated": NOTE_TAG}
                note_cell.id = f"note-{len(anchor)}-{index}"
                nb.cells.insert(index + 1, note_cell)
                break
        else:
            raise ValueError(f"{name}: no cell starts with the speaker-note anchor {anchor!r}")


def kind_of(cell, index, name, previous):
    """The slide type a cell asks for by itself (before the size budget); ``previous`` is the last shown cell."""
    source = text(cell)
    if cell.metadata.get("course", {}).get("generated") == NOTE_TAG:
        return "notes"
    if index == 0:
        return "slide"
    if (is_setup(cell) or is_plumbing(cell) or is_reading(cell) or is_too_tall(cell)
            or cell.metadata.get("course", {}).get("generated") == READING_TAG):
        return "skip"
    if starts(cell, BREAKS.get(name, [])):
        return "subslide"       # a forced break, before a code cell too
    if cell.cell_type != "markdown":
        return "-"
    if source.startswith("## "):
        return "slide"
    if (source.startswith("<details><summary>Answer") and previous is not None
            and re.fullmatch(r"#+ [^\n]*", text(previous).strip())):
        return "skip"           # answers to questions left in the reading text: self-study, not the slide
    if source.startswith("<details>") or starts(cell, FRAGMENTS.get(name, [])):
        return "fragment"
    if source.startswith("[←") and previous is not None and text(previous).startswith("# "):
        return "-"              # the links under the title stay on the title slide
    if starts(cell, SUBSLIDE_STARTS):
        return "subslide"
    after_formula = previous is not None and previous.cell_type == "markdown" and DISPLAY_MATH.search(text(previous))
    if after_formula and DISPLAY_MATH.fullmatch(source.strip()):
        return "fragment"       # the next step of a derivation
    after_result = previous is not None and (previous.cell_type == "code" or after_formula)
    if after_result and CONCLUSION.match(source) and prose_words(source) <= WORDS:
        return "fragment"       # a conclusion: ask first, then show
    return "-"


def plan(nb, name):
    """Set metadata.slideshow.slide_type on every cell of ``nb`` (in place), split long heading cells and insert
    the speaker notes."""
    split_long_cells(nb)
    insert_notes(nb, name)
    kinds, heights, words, previous = [], [], [], None
    for index, cell in enumerate(nb.cells):
        kind = kind_of(cell, index, name, previous)
        kinds.append(kind)
        shown = kind not in ("notes", "skip")
        heights.append(estimate(cell) if shown else 0)
        words.append(prose_words(text(cell)) if shown and cell.cell_type == "markdown" else 0)
        if shown:
            previous = cell
    used, said, start = 0, 0, None
    for index in range(len(nb.cells)):
        kind, height, count = kinds[index], heights[index], words[index]
        if kind in ("notes", "skip"):
            continue
        full = used + height > SLIDE_BUDGET or said + count > SLIDE_WORDS
        if kind in ("-", "fragment") and full and start is not None:
            lead = [i for i in range(start + 1, index) if kinds[i] not in ("notes", "skip")]
            if (lead and is_lead_in(nb.cells[lead[-1]]) and kinds[lead[-1]] == "-"
                    and heights[lead[-1]] + height <= SLIDE_BUDGET and words[lead[-1]] + count <= SLIDE_WORDS):
                kinds[lead[-1]] = "subslide"    # the lead-in moves to the new slide with its code
                used, said = heights[lead[-1]] + height, words[lead[-1]] + count
                start = lead[-1]
                continue
            kind = kinds[index] = "subslide"
        if kind in ("slide", "subslide"):
            used, said, start = height, count, index
        else:
            used += height
            said += count
    for cell, kind in zip(nb.cells, kinds, strict=True):
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
        for path in paths:
            for index, cell in enumerate(nbformat.read(path, as_version=4).cells):
                shown = cell.metadata.get("slideshow", {}).get("slide_type") not in ("skip", "notes")
                if shown and estimate(cell) > CELL_CAP:
                    print(f"  {path.stem} cell {index} is taller than a slide (about {estimate(cell):.0f} px): "
                          f"shorten it by hand: {text(cell)[:50]!r}")


if __name__ == "__main__":
    main(sys.argv[1:])
