"""Formulas as MathML in nbgrader's feedback pages, so that they read offline (no MathJax from a CDN).

``MathML`` is an nbconvert preprocessor: in every markdown cell it replaces ``$$...$$`` (display) and ``$...$``
(inline) with MathML from latex2mathml (a pinned teacher's extra, requirements-teacher.txt); browsers render
MathML themselves. Code spans and fenced code are left alone; a formula latex2mathml cannot read stays as TeX.
The course folder's nbgrader_config.py (tools/make_assignment.py) puts it on GenerateFeedback.
"""

import re

from latex2mathml.converter import convert
from nbconvert.preprocessors import Preprocessor
from traitlets import Bool

CODE = re.compile(r"```.*?```|`[^`\n]*`", re.S)
MATH = re.compile(r"(?<!\\)\$\$(.+?)\$\$|(?<![\\$])\$(?!\s)([^$\n]+?)(?<!\s)\$(?!\$)", re.S)


def to_mathml(tex, display):
    """MathML for ``tex`` (display or inline), or None when latex2mathml cannot read it."""
    try:
        return convert(tex.strip(), display="block" if display else "inline")
    except Exception:  # noqa: BLE001 - latex2mathml raises many kinds; the TeX then stays as written
        return None


def markdown_with_mathml(source):
    """``source`` with its formulas replaced by MathML, code spans untouched."""
    pieces, last = [], 0
    for code in CODE.finditer(source):
        pieces.append(_convert(source[last:code.start()]))
        pieces.append(code.group(0))
        last = code.end()
    pieces.append(_convert(source[last:]))
    return "".join(pieces)


def _convert(text):
    def replace(match):
        display = match.group(1) is not None
        mathml = to_mathml(match.group(1) if display else match.group(2), display)
        if mathml is None:
            return match.group(0)
        return f"\n\n{mathml}\n\n" if display else mathml
    return MATH.sub(replace, text)


class MathML(Preprocessor):
    """Markdown formulas to MathML (see the module's docstring)."""

    enabled = Bool(True).tag(config=True)   # nbconvert's preprocessors are off unless enabled

    def preprocess_cell(self, cell, resources, index):
        if cell.cell_type == "markdown":
            cell.source = markdown_with_mathml(cell.source)
        return cell, resources
