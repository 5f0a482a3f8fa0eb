"""One text per step: each function a course notebook defines has the same body as the package's of that name.

For every function defined at the top level of a code cell of notebooks/NN_*.ipynb whose name is a function of
the dnn_helpers package, the body of the notebook's definition and the body of the package's are compared as
syntax trees: comments, formatting and the docstring do not count (the package's docstring names the notebook that
teaches it); the signature and the decorators do not count either (the package's input checks live in
``validation.checked``, applied as a decorator to the public entry points, so that the body is the maths alone).
"""

import ast
import importlib
import inspect
import json
import pkgutil
import textwrap
from pathlib import Path

import pytest

import dnn_helpers

NOTEBOOKS = Path(__file__).resolve().parent.parent / "notebooks"

# The justified exceptions, at most 3 across the course: (notebook prefix, function name) -> why it differs.
ALLOWED = {
    ("04", "L_model_backward"): "notebook 04 writes the seed's binary start dAL = -(Y/AL - (1-Y)/(1-AL)) through the "
                                "sigmoid; the package asks the output layer for its start, so that the softmax output "
                                "of notebook 15 starts from dZ[L] = AL - Y (one backward for both, bit-identical)",
}


def package_functions():
    """{name: function} for every function defined in a module of dnn_helpers (the first module wins)."""
    found = {}
    for info in sorted(pkgutil.walk_packages(dnn_helpers.__path__, "dnn_helpers."), key=lambda i: i.name):
        module = importlib.import_module(info.name)
        for name, value in vars(module).items():
            if inspect.isfunction(value) and value.__module__ == info.name and not name.startswith("_"):
                found.setdefault(name, value)
    return found


def body_text(definition):
    """The body of a FunctionDef as a comparable string, without its docstring."""
    body = definition.body
    if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant) \
            and isinstance(body[0].value.value, str):
        body = body[1:]
    return ast.dump(ast.Module(body=body, type_ignores=[]))


def notebook_definitions():
    """(notebook prefix, cell index, FunctionDef) for every top-level def in the course notebooks' code cells."""
    for path in sorted(NOTEBOOKS.glob("[0-9][0-9]_*.ipynb")):
        for index, cell in enumerate(json.loads(path.read_text())["cells"]):
            if cell["cell_type"] != "code":
                continue
            lines = "".join(cell["source"]).splitlines()
            source = "\n".join("" if line.lstrip().startswith(("%", "!")) else line for line in lines)
            for node in ast.parse(source).body:
                if isinstance(node, ast.FunctionDef):
                    yield path.name[:2], index, node


def differing():
    functions = package_functions()
    different = []
    for prefix, index, definition in notebook_definitions():
        function = functions.get(definition.name)
        if function is None:
            continue
        package = ast.parse(textwrap.dedent(inspect.getsource(inspect.unwrap(function)))).body[0]
        if body_text(package) != body_text(definition):
            different.append((prefix, definition.name, f"notebook {prefix} cell {index} vs {function.__module__}"))
    return different


def test_the_allow_list_is_short_and_explained():
    assert len(ALLOWED) <= 3
    assert all(isinstance(reason, str) and len(reason) > 20 for reason in ALLOWED.values())


def test_notebook_bodies_are_the_package_bodies():
    different = differing()
    unexplained = [f"{name} ({where})" for prefix, name, where in different if (prefix, name) not in ALLOWED]
    assert not unexplained, (f"{len(unexplained)} notebook function(s) differ from the package's: "
                             + "; ".join(unexplained))


@pytest.mark.parametrize("key", sorted(ALLOWED))
def test_each_allowed_exception_still_differs(key):
    assert key in {(prefix, name) for prefix, name, _ in differing()}, f"{key} is the same now: drop it from ALLOWED"


def test_each_taught_function_names_its_notebook():
    functions = package_functions()
    teaching = {}
    for prefix, _, definition in notebook_definitions():
        if definition.name in functions:
            teaching.setdefault(definition.name, []).append(prefix)
    missing = [f"{functions[name].__module__}.{name} (defined in notebook(s) {', '.join(prefixes)})"
               for name, prefixes in teaching.items()
               if not any(f"notebooks/{prefix}_" in (functions[name].__doc__ or "") for prefix in prefixes)]
    assert not missing, "docstrings that do not name the notebook that teaches them: " + ", ".join(sorted(missing))
