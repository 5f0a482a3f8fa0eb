"""The package's shape: imports only go down (steps -> model -> improvements -> dh.check -> the playground), no cycle,
no import hidden inside a function, one activation table and one output-layer table that every module reads, and
the package's docstring lists the steps in course order. Sub-packages (the learning tools: data/, check/,
playground/) count: their modules are named 'check.engine', 'playground.widgets', ..."""

import ast
import re
from pathlib import Path

import dnn_helpers as dh

PACKAGE = Path(dh.__file__).parent


def module_name(path):
    """'forward', 'check.engine', 'check' (a sub-package's __init__): the dotted name inside dnn_helpers."""
    parts = list(path.relative_to(PACKAGE).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def module_path(module):
    path = PACKAGE.joinpath(*module.split("."))
    return path / "__init__.py" if path.is_dir() else path.with_suffix(".py")


MODULES = sorted(module_name(path) for path in PACKAGE.rglob("*.py") if path != PACKAGE / "__init__.py")

# The course's layers, bottom to top: a module may import only from its own layer or the ones below. A sub-package
# named here is one layer as a whole (its modules may import each other, without a cycle): dh.check sits above the
# steps and the improvements it checks, and below the playground that shows its verdicts.
LAYERS = [
    {"activations", "validation"},
    {"initialization", "cost", "output_layer", "forward", "backward", "update", "batchnorm", "data"},
    {"model", "evaluation", "gradcheck", "batchnorm_network"},
    {"regularization", "optimizers", "training", "improved_model", "stacked", "search", "diagnostics"},
    {"check"},
    {"playground"},
]


def layer_of(module):
    for index, layer in enumerate(LAYERS):
        if module in layer or module.split(".")[0] in layer:
            return index
    raise AssertionError(f"dnn_helpers/{module} is in no layer of this test: add it to LAYERS")


def resolve(module, level, target):
    """The dotted name (inside dnn_helpers) of ``from <level dots><target> import ...`` written in ``module``."""
    package = module.split(".") if module_path(module).name == "__init__.py" else module.split(".")[:-1]
    base = package[:len(package) - (level - 1)] if level > 1 else package
    return ".".join(base + ([target] if target else []))


def imports(module):
    """(package modules imported at the top level, imports found inside functions or classes)."""
    tree = ast.parse(module_path(module).read_text(encoding="utf-8"))
    top, hidden = set(), []
    for node in tree.body:
        if isinstance(node, ast.ImportFrom) and node.level >= 1:
            base = resolve(module, node.level, node.module)
            for alias in node.names:
                inner = f"{base}.{alias.name}" if base else alias.name
                top.add(inner if module_path(inner).exists() else base)  # from . import store / from .x import y
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            hidden += [f"{module}.{node.name}" for inner in ast.walk(node)
                       if inner is not node and (isinstance(inner, ast.ImportFrom) and inner.level >= 1
                                                 or isinstance(inner, (ast.Import, ast.ImportFrom)) and any(
                                                     alias.name.startswith("dnn_helpers") for alias in inner.names)
                                                 or isinstance(inner, ast.ImportFrom) and inner.level == 0
                                                 and (inner.module or "").startswith("dnn_helpers"))]
    return top - {module}, hidden


def test_every_module_has_a_layer():
    for module in MODULES:
        layer_of(module)


def test_imports_only_go_down():
    upward = [f"{module} imports {target}" for module in MODULES for target in imports(module)[0]
              if layer_of(target) > layer_of(module)]
    assert not upward, upward


def test_no_import_cycle():
    graph = {module: imports(module)[0] for module in MODULES}
    state = {}

    def visit(module, path):
        if state.get(module) == "done":
            return
        assert state.get(module) != "open", f"import cycle: {' -> '.join(path + [module])}"
        state[module] = "open"
        for target in graph[module]:
            visit(target, path + [module])
        state[module] = "done"

    for module in MODULES:
        visit(module, [])


def test_no_package_import_hidden_inside_a_function():
    """A package import inside a function hides a cycle. (Heavy third-party libraries, e.g. scikit-learn for the
    data loaders, may be imported where they are used, so that `import dnn_helpers` stays fast.)"""
    hidden = [name for module in MODULES for name in imports(module)[1]]
    assert not hidden, f"imports inside functions (move them to the top): {hidden}"


def test_the_package_root_is_never_imported_from_inside():
    for module in MODULES:
        tree = ast.parse(module_path(module).read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            absolute = isinstance(node, ast.ImportFrom) and node.level == 0 and (node.module or "") == "dnn_helpers"
            plain = isinstance(node, ast.Import) and any(alias.name == "dnn_helpers" for alias in node.names)
            assert not (absolute or plain), f"{module} imports the package root (line {node.lineno})"


def test_activation_names_live_only_in_the_table():
    """No module but activations.py lists the activation names itself: adding one is one table entry."""
    listed = re.compile(r"""\(\s*["'](relu|sigmoid|tanh)["']\s*,\s*["'](relu|sigmoid|tanh)["']""")
    offenders = [module for module in MODULES if module != "activations" and not module.startswith("check")
                 and listed.search(module_path(module).read_text(encoding="utf-8"))]
    assert not offenders, f"modules that list activation names instead of reading activations.ACTIVATIONS: {offenders}"


def test_sub_packages_are_seen():
    """The checker's modules are in the graph, with their imports resolved inside and outside the sub-package."""
    assert {"check", "check.engine", "check.backward", "check.regularization"} <= set(MODULES)
    top, _ = imports("check.regularization")
    assert {"regularization", "forward", "check.backward", "check.engine", "check.inputs"} <= top
    assert "check.store" in imports("check.engine")[0]
    assert layer_of("optimizers") < layer_of("check.engine") < layer_of("playground.widgets")


SUB_PACKAGES = {"data", "check", "playground"}   # the learning tools; the steps are the top-level modules


def test_the_learning_tools_are_sub_packages_and_the_steps_are_not():
    packages = {path.parent.name for path in PACKAGE.glob("*/__init__.py")}
    assert packages == SUB_PACKAGES
    tools = {"data.datasets", "data.image_folder", "check.engine", "playground.engine", "playground.widgets"}
    assert tools <= set(MODULES)
    assert not {"datasets", "image_folder", "widgets", "explorers", "playground_figure"} & set(MODULES)


def test_the_package_docstring_lists_the_steps_in_course_order():
    """dnn_helpers/__init__'s docstring is the map a reader sees first: one row per notebook, in order, naming every
    step module (each top-level module but validation) and every sub-package."""
    text = dh.__doc__
    rows = re.findall(r"^    (\d\d) [^\n]*", text, re.M)
    assert rows == sorted(rows) and len(rows) == len(set(rows)) and rows[0] == "01", rows
    table = text[text.index("    01 "):text.index("Beneath")]
    steps = {module for module in MODULES if "." not in module and module not in SUB_PACKAGES} - {"validation"}
    missing = {module for module in steps if not re.search(rf"\b{module}\b", table)}
    assert not missing, f"step modules missing from the docstring's table: {sorted(missing)}"
    assert all(f"    {package}/ " in text for package in SUB_PACKAGES)
    for module in ("validation", "ACTIVATIONS", "OUTPUT_LAYERS"):
        assert module in text
