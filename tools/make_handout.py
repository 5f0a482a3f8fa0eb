"""Export each slide deck to one self-contained HTML handout that opens offline (`make handout`).

Usage: python tools/make_handout.py [--out FOLDER] [notebooks/NN_name.ipynb ...]
       (default: build/handout, every course notebook; never writes into notebooks/)

The handout is what the slideshow shows, slide after slide (tools/slides.py's plan): the cells marked "skip" (the
reading text, the set-up and plumbing code) and the speaker notes are left out, the solution markers
(``### BEGIN/END SOLUTION``) are removed from the code, each slide starts on a new printed page, hints and answers
stay folded. Stored outputs are shown as they are (nothing is executed). Everything is inside the one file:
figures (``../images/*.png`` and plots) as data URIs, formulas as MathML (tools/nbgrader_math.py; no MathJax),
no script and no stylesheet from the web (tools/templates/base/mathjax.html.j2 replaces nbconvert's MathJax
macro). The full notebook stays the self-study text.
"""

import argparse
import base64
import copy
import re
import sys
from pathlib import Path

import nbformat
from nbconvert import HTMLExporter

from nbgrader_math import markdown_with_mathml

ROOT = Path(__file__).resolve().parents[1]
MARKER = re.compile(r"^[ \t]*### (BEGIN|END) SOLUTION[ \t]*\n?", re.M)
BREAK = "<div class='handout-slide-break'></div>"
FIGURE = re.compile(r"(!\[[^\]]*\]\()\.\./images/([\w.-]+\.png)\)")
STYLE = """<style>
.handout-slide-break { break-before: page; border-top: 2px solid #bbb; margin: 1.5em 0 0.5em; }
body { font-size: 18px; }
.jp-InputPrompt, .jp-OutputPrompt { display: none; }
</style>"""


def inline_figure(match):
    """A markdown link to ../images/name.png as the figure itself (a data URI: the handout is one file)."""
    data = base64.b64encode((ROOT / "images" / match.group(2)).read_bytes()).decode("ascii")
    return f"{match.group(1)}data:image/png;base64,{data})"


def handout_notebook(notebook):
    """A copy of ``notebook`` with only what the slides show, a page break before each slide, no solution markers,
    formulas as MathML and the course's figures inlined."""
    notebook = copy.deepcopy(notebook)
    cells = [nbformat.v4.new_markdown_cell(STYLE)]
    for index, cell in enumerate(notebook.cells):
        kind = cell.metadata.get("slideshow", {}).get("slide_type", "-")
        if kind in ("skip", "notes"):
            continue
        if kind in ("slide", "subslide") and index > 0:
            cells.append(nbformat.v4.new_markdown_cell(BREAK))
        if cell.cell_type == "code":
            cell.source = MARKER.sub("", cell.source)
        elif cell.cell_type == "markdown":
            cell.source = FIGURE.sub(inline_figure, markdown_with_mathml(cell.source))
        cells.append(cell)
    notebook.cells = cells
    notebook.metadata.pop("widgets", None)
    return notebook


def export(path, out):
    """Write ``out/NN_name.html`` for the notebook at ``path``; returns the file written."""
    path = Path(path).resolve()
    notebook = handout_notebook(nbformat.read(path, as_version=4))
    exporter = HTMLExporter(template_name="handout", embed_images=True, exclude_input_prompt=True,
                            exclude_output_prompt=True,
                            extra_template_basedirs=[str(ROOT / "tools" / "templates")])
    html, _ = exporter.from_notebook_node(notebook, resources={"metadata": {"path": str(path.parent),
                                                                             "name": path.stem}})
    target = Path(out) / f"{path.stem}.html"
    target.write_text(html, encoding="utf-8")
    return target


def web_references(html):
    """The http(s) addresses that the page would fetch (script, stylesheet, image or frame sources)."""
    return re.findall(r"""<(?:script|link|img|iframe|source)\b[^>]*?(?:src|href)=["'](https?://[^"']+)""", html,
                      re.I) + re.findall(r"""@import\s+(?:url\()?["']?(https?://[^"')]+)""", html, re.I)


def main(arguments):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=str(ROOT / "build" / "handout"))
    parser.add_argument("notebooks", nargs="*")
    args = parser.parse_args(arguments)
    out = Path(args.out).resolve()
    if out == (ROOT / "notebooks").resolve() or (ROOT / "notebooks").resolve() in out.parents:
        sys.exit(f"--out is {out}: handouts are written outside notebooks/")
    out.mkdir(parents=True, exist_ok=True)
    paths = [Path(p) for p in args.notebooks] or sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
    for path in paths:
        target = export(path, out)
        html = target.read_text(encoding="utf-8")
        fetched = web_references(html)
        if fetched:
            sys.exit(f"{target}: the handout would fetch {fetched[:3]} (it must open offline)")
        print(f"{target}: {len(html) // 1024} KB, {html.count('handout-slide-break') - 1} slides, offline")


if __name__ == "__main__":
    main(sys.argv[1:])
