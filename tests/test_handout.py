"""The handout (`make handout`, tools/make_handout.py): one self-contained HTML per deck that opens offline, with
what the slides show and nothing the slides hide."""

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))
import make_handout  # noqa: E402  (tools/ is not a package)

NOTEBOOK = ROOT / "notebooks" / "04_backward_propagation.ipynb"


def test_the_handout_of_a_deck_is_one_offline_file(tmp_path):
    target = make_handout.export(NOTEBOOK, tmp_path)
    html = target.read_text(encoding="utf-8")
    assert make_handout.web_references(html) == [], "the handout must fetch nothing from the web"
    assert "<script src=" not in html and "mathjax" not in html.lower().replace("no mathjax", "")
    cells = json.loads(NOTEBOOK.read_text(encoding="utf-8"))["cells"]
    kinds = [cell["metadata"].get("slideshow", {}).get("slide_type") for cell in cells]
    assert html.count('class="handout-slide-break"') == kinds.count("slide") + kinds.count("subslide") - 1
    plots = sum("image/png" in output.get("data", {}) for cell, kind in zip(cells, kinds, strict=True)
                if kind not in ("skip", "notes") for output in cell.get("outputs", []))
    figures = sum("../images/" in "".join(cell["source"]) for cell, kind in zip(cells, kinds, strict=True)
                  if kind not in ("skip", "notes") and cell["cell_type"] == "markdown")
    assert plots + figures >= 2 and html.count("src=\"data:image/png;base64,") == plots + figures
    assert "../images/" not in html
    assert html.count("<math") > 20, "formulas as MathML"
    assert "BEGIN SOLUTION" not in html and "END SOLUTION" not in html
    assert "%matplotlib inline" not in html, "the skipped set-up cell is not in the handout"
    assert "Speaker note" not in html


def test_the_handout_is_never_written_into_notebooks():
    try:
        make_handout.main(["--out", str(ROOT / "notebooks" / "handout"), str(NOTEBOOK)])
    except SystemExit as stop:
        assert "outside notebooks" in str(stop)
    else:
        raise AssertionError("make_handout wrote into notebooks/")
    assert not (ROOT / "notebooks" / "handout").exists()
