"""A tiny mutation tester: does a one-token change to a module make its tests fail? (not run by CI)

    OPENBLAS_NUM_THREADS=1 .venv/bin/python tools/mutate.py optimizers [--tests tests/test_optimizers.py ...]

For each mutant of ``dnn_helpers/<module>.py`` (an operator, a comparison, a constant, a bool operator, an option
string, a negated ``if``, a deleted ``raise``), a forked child imports the package with the mutated module (served
from memory by an import hook: nothing is written to the repository) and runs the tests with ``-x``. A mutant is
killed when the tests fail (or time out), and survives when they pass. Prints the survivors (line and change)
and the kill rate. Default tests: those of the files tests/test_<name>.py, tests/test_mutants_<name>.py and
tests/test_bad_input.py that exist (<name> is the module's last part). A module of a sub-package is named with dots
or slashes (``playground.engine`` or ``playground/engine``).
"""

import argparse
import ast
import copy
import importlib.abc
import importlib.util
import io
import os
import re
import signal
import sys
import tempfile
import time
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

BINOPS = {ast.Add: ast.Sub, ast.Sub: ast.Add, ast.Mult: ast.Div, ast.Div: ast.Mult, ast.Pow: ast.Mult,
          ast.FloorDiv: ast.Div, ast.MatMult: ast.Mult, ast.Mod: ast.FloorDiv}
CMPOPS = {ast.Lt: ast.LtE, ast.LtE: ast.Lt, ast.Gt: ast.GtE, ast.GtE: ast.Gt, ast.Eq: ast.NotEq,
          ast.NotEq: ast.Eq, ast.In: ast.NotIn, ast.NotIn: ast.In, ast.Is: ast.IsNot, ast.IsNot: ast.Is}
OPTION = re.compile(r"^[a-z][a-z_0-9]*$")


def docstring_nodes(tree):
    """The Constant nodes that are docstrings (never mutated)."""
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.FunctionDef, ast.ClassDef, ast.AsyncFunctionDef)) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                found.add(id(first.value))
    return found


def in_fstring(tree):
    return {id(child) for node in ast.walk(tree) if isinstance(node, ast.JoinedStr) for child in ast.walk(node)}


def mutation_sites(tree):
    """(node index in ast.walk order, kind, description) for every one-token change."""
    skip = docstring_nodes(tree) | in_fstring(tree)
    # strings inside raise statements are messages: not options
    messages = {id(child) for node in ast.walk(tree) if isinstance(node, ast.Raise) for child in ast.walk(node)}
    exported = [node for node in ast.walk(tree) if isinstance(node, ast.Assign)
                and any(isinstance(t, ast.Name) and t.id == "__all__" for t in node.targets)]
    messages |= {id(child) for node in exported for child in ast.walk(node)}
    sites = []
    for index, node in enumerate(ast.walk(tree)):
        line = getattr(node, "lineno", 0)
        if isinstance(node, ast.BinOp) and type(node.op) in BINOPS:
            sites.append((index, "binop", line, f"{type(node.op).__name__} -> {BINOPS[type(node.op)].__name__}"))
        elif isinstance(node, ast.AugAssign) and type(node.op) in BINOPS:
            sites.append((index, "augop", line, f"{type(node.op).__name__}= -> {BINOPS[type(node.op)].__name__}="))
        elif isinstance(node, ast.Compare):
            for k, op in enumerate(node.ops):
                if type(op) in CMPOPS:
                    sites.append((index, f"cmp{k}", line, f"{type(op).__name__} -> {CMPOPS[type(op)].__name__}"))
        elif isinstance(node, ast.BoolOp):
            other = "Or" if isinstance(node.op, ast.And) else "And"
            sites.append((index, "boolop", line, f"{type(node.op).__name__} -> {other}"))
        elif isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.Not, ast.USub)):
            sites.append((index, "unary", line, f"drop {type(node.op).__name__}"))
        elif isinstance(node, ast.If):
            sites.append((index, "negate_if", line, "if x -> if not x"))
        elif isinstance(node, ast.IfExp):
            sites.append((index, "negate_ifexp", line, "a if x else b -> a if not x else b"))
        elif isinstance(node, ast.Raise):
            sites.append((index, "delete_raise", line, "raise ... -> pass"))
        elif isinstance(node, ast.Constant) and id(node) not in skip:
            value = node.value
            if isinstance(value, bool):
                sites.append((index, "const", line, f"{value} -> {not value}"))
            elif isinstance(value, (int, float)) and value is not None:
                sites.append((index, "const", line, f"{value!r} -> {mutate_number(value)!r}"))
            elif isinstance(value, str) and id(node) not in messages and OPTION.match(value):
                sites.append((index, "const", line, f"{value!r} -> {value + '_x'!r}"))
    return sites


def mutate_number(value):
    if value == 0:
        return 1 if isinstance(value, int) else 1.0
    if value == 1:
        return 0 if isinstance(value, int) else 2.0
    return value + 1 if isinstance(value, int) else value * 2


def apply(tree, index, kind):
    """A mutated copy of ``tree``: the change ``kind`` at the node of walk index ``index``."""
    tree = copy.deepcopy(tree)
    node = list(ast.walk(tree))[index]
    if kind == "binop" or kind == "augop":
        node.op = BINOPS[type(node.op)]()
    elif kind.startswith("cmp"):
        k = int(kind[3:])
        node.ops[k] = CMPOPS[type(node.ops[k])]()
    elif kind == "boolop":
        node.op = ast.Or() if isinstance(node.op, ast.And) else ast.And()
    elif kind == "unary":
        replace(tree, node, node.operand)
    elif kind in ("negate_if", "negate_ifexp"):
        node.test = ast.UnaryOp(op=ast.Not(), operand=node.test)
    elif kind == "delete_raise":
        replace(tree, node, ast.Pass())
    elif kind == "const":
        value = node.value
        node.value = (not value if isinstance(value, bool) else value + "_x" if isinstance(value, str)
                      else mutate_number(value))
    return ast.fix_missing_locations(tree)


def replace(tree, old, new):
    for parent in ast.walk(tree):
        for field, value in ast.iter_fields(parent):
            if value is old:
                setattr(parent, field, new)
                return
            if isinstance(value, list):
                for i, item in enumerate(value):
                    if item is old:
                        value[i] = new
                        return


class Served(importlib.abc.MetaPathFinder, importlib.abc.Loader):
    """Serves ``fullname`` from ``source`` (the mutant), so the package on disk is never touched."""

    def __init__(self, fullname, source, path):
        self.fullname, self.source, self.path = fullname, source, path

    def find_spec(self, fullname, path=None, target=None):
        if fullname == self.fullname:
            return importlib.util.spec_from_loader(fullname, self, origin=str(self.path))
        return None

    def create_module(self, spec):
        return None

    def exec_module(self, module):
        module.__file__ = str(self.path)
        exec(compile(self.source, str(self.path), "exec"), module.__dict__)


# the package-wide tests of bad input, run against every module (test_adversarial.py is their old name)
BAD_INPUT_TESTS = ("tests/test_bad_input.py", "tests/test_adversarial.py")
PYTEST_OPTIONS = ["-q", "-o", "addopts=", "-p", "no:cacheprovider", "-p", "no:nbval", "-W", "error::RuntimeWarning",
                  "--no-header"]


class FailedTests:
    """A pytest plugin that writes the node ids of the failing tests, one a line, to the file ``out``."""

    def __init__(self, out):
        self.out = out

    def pytest_runtest_logreport(self, report):
        if report.failed:
            self.out.write(report.nodeid + "\n")


def failing_tests(tests, timeout):
    """The node ids of the tests that fail on the unmutated package (run in a child, like the mutants), or None
    when pytest could not run them at all (a collection error, a crash, a timeout)."""
    with tempfile.NamedTemporaryFile("w+", suffix=".txt") as record:
        pid = os.fork()
        if pid == 0:
            sink = io.StringIO()
            try:
                import pytest
                with open(record.name, "w") as out, redirect_stdout(sink), redirect_stderr(sink):
                    code = pytest.main([*tests, *PYTEST_OPTIONS], plugins=[FailedTests(out)])
            except BaseException:
                code = 3
            os._exit(int(code) if int(code) in (0, 1) else 2)
        code = wait(pid, timeout)
        return None if code == 2 else Path(record.name).read_text().splitlines()


def run_tests(fullname, source, path, tests, timeout, deselect=()):
    """0 if the tests pass with the mutant (it survives), 1 if they fail, 2 on a timeout or a crash."""
    pid = os.fork()
    if pid == 0:  # the child: import the package with the mutant, run the tests, exit with pytest's code
        sys.meta_path.insert(0, Served(fullname, source, path))
        sink = io.StringIO()
        try:
            import pytest
            with redirect_stdout(sink), redirect_stderr(sink):
                code = pytest.main([*tests, "-x", *PYTEST_OPTIONS,
                                    *(option for nodeid in deselect for option in ("--deselect", nodeid))])
        except BaseException:
            code = 3
        os._exit(int(code) if int(code) in (0, 1) else 1)
    code = wait(pid, timeout)
    return 1 if code == 2 else code


def wait(pid, timeout):
    """The child's exit code (0, 1 or 2), or 2 after killing it at the timeout."""
    deadline = time.monotonic() + timeout
    while True:
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            code = os.waitstatus_to_exitcode(status)   # negative: killed by a signal (a crash)
            return code if code in (0, 1) else 2
        if time.monotonic() > deadline:
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
            return 2
        time.sleep(0.02)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("module", help="a module of dnn_helpers, e.g. optimizers")
    parser.add_argument("--tests", nargs="+", help="test files (default: tests/test_<name>.py, "
                        "tests/test_mutants_<name>.py and tests/test_bad_input.py, those that exist)")
    parser.add_argument("--timeout", type=float, default=120.0, help="seconds per mutant (a timeout kills it)")
    parser.add_argument("--verbose", action="store_true", help="print the running count after each mutant")
    parser.add_argument("--lines", type=int, nargs="+", help="only the mutants on these lines (e.g. to re-check "
                                                             "the survivors of a full run after adding tests)")
    args = parser.parse_args()
    os.chdir(ROOT)
    sys.path.insert(0, str(ROOT))
    dotted = args.module.removesuffix(".py").replace("/", ".").removeprefix("dnn_helpers.")
    path = ROOT / "dnn_helpers" / (dotted.replace(".", "/") + ".py")
    if not path.exists():
        sys.exit(f"no module {path.relative_to(ROOT)}: name a module of dnn_helpers, e.g. optimizers")
    name = dotted.rsplit(".", 1)[-1]
    tests = args.tests or [t for t in (f"tests/test_{name}.py", f"tests/test_mutants_{name}.py", *BAD_INPUT_TESTS)
                           if (ROOT / t).exists()]
    if not tests:
        sys.exit(f"no tests found for {dotted}: name them with --tests")
    import numpy  # noqa: F401  (warm the parent so that each fork starts fast)
    import pytest  # noqa: F401
    tree = ast.parse(path.read_text())
    fullname = f"dnn_helpers.{dotted}"
    broken = failing_tests(tests, args.timeout)
    if broken is None:
        sys.exit(f"the tests {tests} cannot run (a collection error or a timeout): fix them first")
    if broken:
        print(f"left out: {len(broken)} test(s) that fail without any mutation (fix them): {' '.join(broken)}",
              flush=True)
    if run_tests(fullname, ast.unparse(tree), path, tests, args.timeout, broken) != 0:
        sys.exit(f"the tests {tests} fail without any mutation: fix them first")
    sites = mutation_sites(tree)
    if args.lines:
        sites = [site for site in sites if site[2] in args.lines]
    survivors, killed = [], 0
    for index, kind, line, change in sites:
        try:
            source = ast.unparse(apply(tree, index, kind))
        except Exception:  # noqa: BLE001  (a mutation that cannot be written is skipped)
            continue
        if run_tests(fullname, source, path, tests, args.timeout, broken):
            killed += 1
        else:
            survivors.append((line, change))
            print(f"survived: {path.relative_to(ROOT)}:{line}: {change}", flush=True)
        if args.verbose:
            print(f"[{killed + len(survivors)}/{len(sites)}] {killed} killed", flush=True)
    total = killed + len(survivors)
    print(f"{dotted}: {killed} of {total} mutants killed ({100 * killed / max(total, 1):.1f} %) "
          f"by {' '.join(tests)}" + (f" ({len(broken)} failing test(s) left out)" if broken else ""))


if __name__ == "__main__":
    main()
