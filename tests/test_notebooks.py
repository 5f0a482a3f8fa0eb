"""The notebooks as files: numbering, titles, links, stored outputs. (nbval re-runs them and compares.)

The same rules, where they apply, hold for the exercises edition in exercises/ (generated from notebooks/ by
tools/make_exercises.py; tests/test_exercises_edition.py checks the generation itself): same numbering, titles,
links and images that resolve from there, short cells, and no stored outputs at all.
"""

import json
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
EXERCISES = sorted((ROOT / "exercises").glob("*.ipynb"))
BOTH = NOTEBOOKS + EXERCISES
MAX_CODE_LINES = 15
LINK = re.compile(r"\]\(([^)\s]+\.ipynb)\)")
IMAGE = re.compile(r"!\[[^\]]*\]\(([^)\s]+)\)")
# "notebook 04", "Notebook 12", "notebooks 01–05", "notebooks 13 and 14": every number must name a notebook.
REFERENCE = re.compile(r"\b[Nn]otebooks?\s+(\d\d(?:\s*(?:,|and|or|to|–|-)\s*\d\d)*)\b")


def load(path):
    return json.loads(path.read_text(encoding="utf-8"))


def source(cell):
    return "".join(cell["source"])


def tags(cell):
    return cell.get("metadata", {}).get("tags", [])


def code_cells(nb):
    return [cell for cell in nb["cells"] if cell["cell_type"] == "code" and source(cell).strip()]


def markdown(nb):
    return "\n".join(source(cell) for cell in nb["cells"] if cell["cell_type"] == "markdown")


def test_numbering_is_contiguous_from_00():
    numbers = [int(path.name[:2]) for path in NOTEBOOKS]
    assert numbers == list(range(len(NOTEBOOKS)))
    assert all(re.fullmatch(r"\d\d_[a-z0-9_]+\.ipynb", path.name) for path in NOTEBOOKS)


def test_exercises_edition_has_every_notebook():
    assert [path.name for path in EXERCISES] == [path.name for path in NOTEBOOKS], "run `make exercises`"


def test_every_notebook_reference_names_a_notebook_that_exists():
    existing = {path.name[:2] for path in NOTEBOOKS}
    texts = {path.relative_to(ROOT).as_posix(): markdown(load(path)) for path in BOTH}
    texts["README.md"] = (ROOT / "README.md").read_text(encoding="utf-8")
    missing = [f"{where}: {match.group(0)!r}" for where, text in texts.items() for match in REFERENCE.finditer(text)
               if set(re.findall(r"\d\d", match.group(1))) - existing]
    assert not missing, "references to a notebook that does not exist:\n" + "\n".join(missing)


def test_readme_course_map_links_every_notebook():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    linked = set(re.findall(r"\((notebooks/[^)\s]+\.ipynb)\)", readme))
    assert linked == {f"notebooks/{path.name}" for path in NOTEBOOKS}


def siblings(path):
    return NOTEBOOKS if path in NOTEBOOKS else EXERCISES


def edition_id(path):
    return f"{path.parent.name}/{path.stem}"


@pytest.mark.parametrize("path", BOTH, ids=edition_id)
class TestNotebook:
    def test_title_cell_and_kernel(self, path):
        nb = load(path)
        first = nb["cells"][0]
        assert first["cell_type"] == "markdown"
        assert source(first).startswith(f"# {path.name[:2]} ")
        assert nb["metadata"]["kernelspec"]["name"] == "python3"
        assert "widgets" not in nb["metadata"]

    def test_links_to_previous_and_next(self, path):
        text = markdown(load(path))
        links = set(LINK.findall(text))
        same_edition = siblings(path)
        index = same_edition.index(path)
        if index > 0:
            assert same_edition[index - 1].name in links
        if index < len(same_edition) - 1:
            assert same_edition[index + 1].name in links
        for link in links:
            assert (path.parent / link).exists(), link

    def test_image_links_resolve(self, path):
        for link in IMAGE.findall(markdown(load(path))):
            if not link.startswith(("http:", "https:", "data:", "attachment:")):
                assert (path.parent / link).exists(), link

    def test_executed_in_order_from_a_fresh_kernel(self, path):
        counts = [cell["execution_count"] for cell in code_cells(load(path))]
        if path in EXERCISES:                    # the learner runs it: nothing stored
            assert set(counts) <= {None}
        else:
            assert counts == list(range(1, len(counts) + 1))

    def test_first_code_cell_sets_inline_plots(self, path):
        assert source(code_cells(load(path))[0]).lstrip().startswith("%matplotlib inline")

    def test_short_cells_that_do_not_end_with_a_semicolon(self, path):
        for cell in code_cells(load(path)):
            lines = [line for line in source(cell).splitlines() if line.strip()]
            code = [line for line in lines if line.strip() not in ("### BEGIN SOLUTION", "### END SOLUTION")]
            assert len(code) <= MAX_CODE_LINES, source(cell)[:80]   # nbgrader's two marker lines do not count
            assert not lines[-1].rstrip().endswith(";"), lines[-1]

    def test_outputs_are_clean(self, path):
        for cell in code_cells(load(path)):
            if path in EXERCISES:
                assert not cell.get("outputs"), f"stored output in the exercises edition: {source(cell)[:80]}"
            for output in cell.get("outputs", []):
                kind = output["output_type"]
                if kind == "error":
                    assert "raises-exception" in tags(cell), f"error output in: {source(cell)[:80]}"
                if kind == "stream":
                    assert output["name"] == "stdout", f"stderr in: {source(cell)[:80]}"
                data = output.get("data", {})
                assert "image/svg+xml" not in data
                if "application/vnd.jupyter.widget-view+json" in data:
                    assert "nbval-ignore-output" in tags(cell), "widget cells need the nbval-ignore-output tag"
                text = "".join(output.get("text", "")) + "".join(data.get("text/plain", ""))
                assert not re.search(r"at 0x[0-9a-fA-F]{4,}", text), "memory address"
                assert not re.search(r"np\.(float|int)\d+\(", text), "numpy scalar repr: print with an f-string"
                if kind == "execute_result":  # a figure's own display carries "<Figure size ...>" beside its PNG
                    assert not re.search(r"<Figure size|<matplotlib\.", text), "end plotting cells with plt.show()"
                assert not re.search(r"/tmp/|/home/|/root/|/work/|site-packages", text), "machine path"

    def test_small_file(self, path):
        assert path.stat().st_size < 2_000_000
