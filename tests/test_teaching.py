"""The teacher's guide names only what exists: in TEACHING.md's 50-minute plan, every section (§"…"), function
(`name`) and exercise number of a notebook's row is looked up in that notebook."""

import json
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
GUIDE = (ROOT / "TEACHING.md").read_text(encoding="utf-8")
PLAN = GUIDE[GUIDE.index("## A 50-minute class"):GUIDE.index("## Common questions")]
ROWS = {match.group(1): match.group(0) for match in re.finditer(r"^\| (\d\d) [^|]+\|.*$", PLAN, re.M)}
NOTEBOOKS = {path.name[:2]: path for path in sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))}


def sources(path):
    return ["".join(cell["source"]) for cell in json.loads(path.read_text(encoding="utf-8"))["cells"]]


def headings(path):
    return [line.lstrip("#").strip() for source in sources(path) for line in source.splitlines()
            if line.startswith("#")]


def exercise_numbers(path):
    """The numbers of the end-of-notebook exercises: under the "## Exercises" heading, in its cell or the cells after
    it (``make slides`` cuts a long heading cell into the heading and its reading text) up to the next "## "."""
    numbers, inside = set(), False
    for source in sources(path):
        if re.search(r"^#+ Exercises", source, re.M):
            inside = True
        elif re.match(r"#{1,2} ", source):
            inside = False
        if inside:
            numbers |= {int(n) for n in re.findall(r"^\s*(?:\*\*)?(\d+)\.(?:\*\*)?\s", source, re.M)}
    return numbers


def test_every_notebook_has_a_plan():
    assert sorted(ROWS) == sorted(NOTEBOOKS), "one row per notebook in the 50-minute plan"


@pytest.mark.parametrize("number", sorted(NOTEBOOKS))
def test_named_sections_functions_and_exercises_exist(number):
    row, path = ROWS[number], NOTEBOOKS[number]
    titles = headings(path)
    for section in re.findall(r'§"([^"]+)"', row):
        assert any(title.startswith(section) for title in titles), f"{path.name} has no section {section!r}"
    text = "\n".join(sources(path))
    for name in re.findall(r"`([A-Za-z_][\w.]*)`", row):
        assert re.search(rf"\b{re.escape(name.split('.')[-1])}\b", text), f"{path.name} never names `{name}`"
    for first, last in re.findall(r"Exercises? (\d+)(?:–(\d+))?", row):
        wanted = set(range(int(first), int(last or first) + 1))
        assert wanted <= exercise_numbers(path), f"{path.name} has no exercise(s) {sorted(wanted)}"
    if "the Exercises section" in row:
        assert any(title == "Exercises" for title in titles), f"{path.name} has no Exercises section"


def test_the_plan_fits_fifty_minutes():
    for number, row in ROWS.items():
        plan = row.split(" | ")[2]
        minutes = [int(m) for m in re.findall(r"(?:^|· )(\d+) ", plan)]
        assert sum(minutes) == 50, f"{number}: the plan adds up to {sum(minutes)} minutes"


def test_the_guide_states_the_true_rise_mechanics():
    """Full screen, Run All first (not Run All Above), Ctrl+Enter, speaker notes; no claim that zoom rescales."""
    start = GUIDE[GUIDE.index("## Before the first class"):GUIDE.index("## A 50-minute class")]
    assert "Run All Cells" in start and "Full screen slideshow" in start and "Ctrl+Enter" in start
    assert "**T**" in start and "Run All Above" in start and "reveal.js scales the slides" not in GUIDE


def outline(path):
    """[(heading level, title, slides from this heading up to the next one)] of a deck, from its slide metadata."""
    parts = []
    for cell in json.loads(path.read_text(encoding="utf-8"))["cells"]:
        source, kind = "".join(cell["source"]), cell.get("metadata", {}).get("slideshow", {}).get("slide_type")
        if cell["cell_type"] == "markdown" and re.match(r"#+ ", source):
            line = source.splitlines()[0]
            parts.append([len(line) - len(line.lstrip("#")), line.lstrip("# ").strip(), 0])
        if kind in ("slide", "subslide") and parts:
            parts[-1][2] += 1
    return parts


def section_slides(parts, name, named):
    """Slides of the section whose title starts with ``name``: up to the next heading of its level or higher, or
    the next heading the plan names by itself."""
    for index, (level, title, count) in enumerate(parts):
        if title.startswith(name):
            for deeper, sub, more in parts[index + 1:]:
                if deeper <= level or any(sub.startswith(other) for other in named):
                    break
                count += more
            return count
    return 0


@pytest.mark.parametrize("number", sorted(NOTEBOOKS))
def test_the_plan_follows_the_deck(number):
    """The slide count of the row is the deck's (within 3: a notebook's edit may move a sub-slide), and no item of
    the 50 minutes gives less than a minute to a slide of the sections it names."""
    if number not in ROWS:
        pytest.skip(f"no plan yet for {number} (test_every_notebook_has_a_plan says so)")
    row, path = ROWS[number], NOTEBOOKS[number]
    columns = [column.strip() for column in row.strip().strip("|").split(" | ")]
    kinds = [cell.get("metadata", {}).get("slideshow", {}).get("slide_type")
             for cell in json.loads(path.read_text(encoding="utf-8"))["cells"]]
    deck = kinds.count("slide") + kinds.count("subslide")
    assert abs(int(columns[1]) - deck) <= 3, f"{path.name}: the guide says {columns[1]} slides, the deck has {deck}"
    parts, named = outline(path), re.findall(r'§"([^"]+)"', row)
    for item in filter(None, re.split(r"(?:^| · )(?=\d+ )", columns[2])):
        minutes, sections = int(item.split()[0]), re.findall(r'§"([^"]+)"', item)
        slides = sum(section_slides(parts, name, named) for name in sections)
        assert slides <= minutes, f"{path.name}: {minutes} minutes for the {slides} slides of {sections}"
