"""Your own network in the later notebooks: ``yours`` binds the functions you wrote and checked, ``progress``
says where you stand.

The functions come from ``my_network.py`` (see ``store``), which ``dh.check`` rewrites at each check in the
exercises edition. ``yours("L_model_forward", "compute_cost")`` returns, for each name, the function you saved,
or the package's when you have not written it yet or not checked it yet, and prints ONE line saying which is
which and why. A function that failed its check (✗) is still used: your training curve is then your network's,
and the line names the function to fix. Inside the loaded functions, a call to another exercise (e.g.
``L_model_forward`` calling ``linear_activation_forward``) reaches your saved version under the same rule.

In the complete course (``notebooks/``) nothing is saved, so every function is the package's and the line says so.
"""

import builtins
import types
from pathlib import Path

from . import store
from .engine import catalogue, exercise_notebooks

LEARNER_MODULE = "my_network"
WHY_NOT_YOURS = {None: "not written yet", "unchecked": "not checked yet"}


def package_version(name):
    """The package's own function for an exercise name: the reference its check compares with."""
    if name in catalogue():
        return catalogue()[name].reference_function()
    raise ValueError(f"{name!r} is not one of the course's exercises; they are {', '.join(exercise_notebooks())}")


def notebook_of(name):
    return exercise_notebooks().get(name, "??")


def in_use(block):
    """A saved block that ``yours`` runs: a checked exercise (✓ or ✗), or a helper or table of the learner's (an
    exercise's name saved only as something a checked function calls is not checked: the package's is used)."""
    return block.status in ("✓", "✗") or block.name not in exercise_notebooks()


def load(blocks, path):
    """Execute the saved blocks in use into one namespace whose other exercise names are the package's.
    Returns (namespace, {name: why a saved block could not be loaded}); such a block stays the package's."""
    namespace = {"__name__": LEARNER_MODULE, "__file__": str(path), "__builtins__": builtins}
    namespace.update({name: package_version(name) for name in exercise_notebooks()})
    failures = {}
    imports = ["import numpy as np", "import dnn_helpers as dh"]
    for block in blocks.values():
        imports += [line for line in block.imports if line not in imports]
    for line in imports:
        try:
            exec(compile(line, str(path), "exec"), namespace)  # noqa: S102 - an import line the store wrote
        except ImportError as err:
            failures[line] = f"{type(err).__name__}: {err}"
    ordered = [block for block in blocks.values() if block.kind != "table"]
    ordered += [block for block in blocks.values() if block.kind == "table"]
    for block in ordered:
        if in_use(block):
            padded = "\n" * max(block.line - 1, 0) + block.source     # line numbers of the file, in tracebacks
            before = namespace.get(block.name)
            try:
                exec(compile(padded, str(path), "exec"), namespace)  # noqa: S102 - the learner's own saved code
            except Exception as err:  # noqa: BLE001 - a hand-edited or broken block: reported, the package's used
                failures[block.name] = f"{type(err).__name__}: {err}"
                namespace[block.name] = before
    return namespace, failures


def is_learners(value):
    return isinstance(value, types.FunctionType) and value.__module__ == LEARNER_MODULE


def learner_functions_used(function, namespace, seen=None):
    """The names of the learner's saved functions that ``function`` calls, directly or not (through tables too)."""
    seen = set() if seen is None else seen
    for name in store.global_names(function.__code__):
        value = namespace.get(name)
        values = list(value.values()) if isinstance(value, dict) else list(value) if isinstance(
            value, (list, tuple)) else [value]
        for item in values:
            if is_learners(item) and item.__name__ not in seen:
                seen.add(item.__name__)
                learner_functions_used(item, namespace, seen)
    return seen


def status_phrase(name, blocks, namespace, failures=None, written=None):
    """(is it the learner's, the phrase for the status line). ``written``: name -> written in a notebook on disk."""
    block = blocks.get(name)
    if failures and name in failures:
        return False, f"{name} (saved, but it could not be loaded: {failures[name][:80]})"
    if block is None or not in_use(block):
        checked = block is not None or (written or {}).get(name, False)
        return False, f"{name} ({WHY_NOT_YOURS['unchecked' if checked else None]}, {notebook_of(name)})"
    failing = sorted((other for other in learner_functions_used(namespace[name], namespace)
                      if other != name and blocks.get(other) is not None and blocks[other].status == "✗"),
                     key=lambda other: notebook_of(other))
    phrase = f"{name} {block.status}"
    if block.status == "✗":
        phrase += f" (fails its check: fix it in {notebook_of(name)})"
    if failing:
        phrase += " but uses your " + ", ".join(f"{other} ✗ ({notebook_of(other)})" for other in failing)
    return True, phrase


def status_line(names, blocks, namespace, active, failures=None, written=None):
    if not active:
        return f"Building blocks: the package's {', '.join(names)} (the complete course)"
    mine, package = [], []
    for name in names:
        is_mine, phrase = status_phrase(name, blocks, namespace, failures, written)
        (mine if is_mine else package).append(phrase)
    parts = []
    if mine:
        parts.append("yours " + ", ".join(mine))
    if package:
        parts.append("the package's " + ", ".join(package))
    return "Building blocks: " + " · ".join(parts)


def yours(*names):
    """Your saved function for each exercise name, else the package's; prints one line saying which and why.

    Returns the function itself for one name, a tuple for several (in the order given), e.g.
    ``L_model_forward, compute_cost = dh.yours("L_model_forward", "compute_cost")``.
    """
    if not names:
        raise TypeError("yours() needs at least one exercise name, e.g. dh.yours('L_model_forward')")
    for name in names:
        if not isinstance(name, str) or name not in exercise_notebooks():
            raise ValueError(f"yours(): {name!r} is not one of the course's exercises; "
                             f"they are {', '.join(exercise_notebooks())}")
    path = store.active_path()
    blocks = store.read(path) if path is not None else {}
    namespace, failures = load(blocks, path)
    written = store.written_in_notebooks(path.parent) if path is not None else {}
    print(status_line(names, blocks, namespace, path is not None, failures, written))
    functions = tuple(namespace[name] for name in names)
    return functions[0] if len(functions) == 1 else functions


# --- where do I stand -----------------------------------------------------------------------------------------


class Statuses(dict):
    """{function name: status} as ``progress`` returns it. Jupyter shows nothing for it when it ends a cell:
    ``progress`` has already printed the summary, and the raw dict of ~50 names under it only hides it."""

    def _ipython_display_(self):
        pass


def progress(folder="."):
    """Start saving your checked functions next to this notebook (``folder``, default the current one) and print
    which of them are written and ✓, notebook by notebook, and what to do next. Returns {name: status}
    (a ``Statuses`` dict, which a notebook does not display again under the summary)."""
    path = store.activate(folder)
    if path is None:
        print(f"Your network: not saved here ({Path(folder).resolve().name}/ is the complete course, or not a "
              "folder); open the exercises edition to write your own.")
        return Statuses()
    blocks = store.read(path)
    written = store.written_in_notebooks(path.parent)
    statuses = Statuses()
    for name in exercise_notebooks():
        block = blocks.get(name)
        if block is not None and block.kind == "exercise" and block.status in ("✓", "✗"):
            statuses[name] = block.status
        elif written.get(name) or block is not None:
            statuses[name] = "written, not checked"
        else:
            statuses[name] = "not written"
    by_notebook = {}
    for name, notebook in exercise_notebooks().items():
        by_notebook.setdefault(notebook, []).append(name)
    started = [nb for nb, names in by_notebook.items() if any(statuses[n] != "not written" for n in names)]
    print(f"Your network ({path}): ✓ passed its check, ✗ failed it, ○ written but not checked, · not written")
    for notebook in started:
        marks = {"✓": "✓", "✗": "✗", "written, not checked": "○", "not written": "·"}
        print(f"  {notebook}: " + ", ".join(f"{name} {marks[statuses[name]]}" for name in by_notebook[notebook]))
    untouched = [nb for nb in by_notebook if nb not in started]
    if untouched:
        print(f"  not started: notebooks {', '.join(untouched)}")
    failing = [name for name in exercise_notebooks() if statuses[name] == "✗"]
    in_course_order = sorted(exercise_notebooks(), key=exercise_notebooks().get)   # stable: a notebook's own order
    to_do = [name for name in in_course_order if statuses[name] != "✓"]
    if failing:
        first = failing[0]
        print(f"Fix first: {first} in notebook {notebook_of(first)}: {blocks[first].message}")
    elif not to_do:
        print("Every function is yours and ✓.")
    elif statuses[to_do[0]] == "written, not checked":
        print(f"Next: run dh.check({to_do[0]}) in notebook {notebook_of(to_do[0])}")
    else:
        print(f"Next: write {to_do[0]} in notebook {notebook_of(to_do[0])}")
    return statuses
