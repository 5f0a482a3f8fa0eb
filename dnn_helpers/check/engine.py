"""``check(function)``: does a learner's function do what the course's does? If not, name the likely mistake.

``dh.check(linear_backward)`` runs the learner's ``linear_backward`` and ``dnn_helpers.linear_backward`` on the
same fixed inputs (several shapes, m = 1, float32, the edge cases the notebooks teach, options with values other
than their defaults, every argument by position and by keyword), each on its own copy, and prints its verdict::

    ✓ linear_backward: right on 8 cases (m = 1, float32, inputs unchanged)
    ✗ linear_backward: dW is m times too large: the cost averages over m examples, so divide dZ·A_prevᵀ by m

One line of at most ``LINE_WIDTH`` characters, then, where needed, indented lines: the fix, a pointer to the notebook's
Hint, and the learner's earlier functions that this one uses and that fail their own checks. A wrong answer never
raises; any exception of the learner's (SystemExit too, not KeyboardInterrupt, not the exercises edition's
``store.NotWritten`` stub, which stops Run All at its check) is reported with the input shapes of the case.
``check`` returns a ``CheckResult`` (``passed``, ``message``, ``name``; truthy when passed) and hands it to
``store.record`` (which saves the learner's function in the exercises edition); ``judge`` gives the same verdict
without printing or recording. In a notebook the lines are printed once: a cell ending in ``dh.check(fn)`` shows
them and no second ``Out[]`` copy.

Three rules before any comparison:
- one mistake, one ✗ (``isolate``): the function runs with the package's versions of the other exercise functions it
  names (in its globals, a notebook's or a module's, through the learner's helpers and tables too); those of the
  learner's that fail their own checks are named on an extra line ("it uses your linear_forward, which fails its
  check: fix that first");
- no shortcut (``solution_codes``, ``SHORTCUTS``): a function whose run enters the package's own solution of the
  same exercise (seen by a profile hook, whatever the route: dh.x, a module attribute, an alias, a partial, a
  lambda, a later step that contains it) is ✗, and so is the package's function itself;
- the signature (``missing_options``, ``signature_problem``): a parameter named otherwise is ✗; an option the
  learner's version lacks altogether (e.g. hidden_activation) leaves out the cases that pass it, and the ✓ says so.

How a wrong answer is named, first match wins:
1. not written yet (``NotImplementedError``);
2. the catalogue (one module per notebook: ``initialization``, ``forward``, ..., ``many_classes``): typical wrong
   implementations, each with the sentence a teacher would say; the learner's outputs (or exception) must match
   the mistake's on every case, and the same inputs must be modified in place;
3. functions that draw random numbers: np.random's global state, a seed ignored, a Generator seed refused;
4. any other exception: its type, message, the input shapes of the case and a nudge for the common ones (the order
   of a product, broadcasting, an unpacked tuple, a dropout mask from the wrong layer);
5. an argument written as a literal: the answer is the course's for another value of one argument (``LITERALS``);
6. random functions drawn another valid way: what must hold whatever the draws (shapes, the 0.01 scale, zero
   biases, the keep rate, one mask per example and unit, A * D / keep_prob, every example once with its label);
7. general diagnoses that need no catalogue: outputs in the wrong order, missing outputs or cache, a cache or list
   of the wrong length, missing or extra dict keys, (n,) instead of (n, 1), transposed, a wrong shape, booleans for
   0/1, the right numbers times a constant (m, 1/m, m², 2, 100, another size than m, ...) or with the wrong sign,
   rounded, 1 - the right value, log base 10, an input returned unchanged, an update's step of the wrong size, wrong
   only where Z < 0 (or > 0, or = 0), NaN or inf and its cause, a RuntimeWarning, an input modified in place,
   float32 turned into float64;
8. the exercise's own explanation (``Exercise.explain``): where a training loop's costs part from the course's,
   which layer's gradients go wrong first, a cost at the edges against -ln(eps), a nudge never undone, an
   optimizer's average fitted as a·old + b·g against β and 1 - β;
9. only then: "... differs from the reference by up to X in case k (inputs ...)".
After a right answer: two outputs that are one array in memory, and a call whose arguments passed by keyword (or by
position) gives another answer, are ✗.

Choices that keep right answers written another way passing (a check must never fail a correct variant):
- values are compared with a tolerance scaled by the largest value (1e-6, 2e-4 for float32 inputs), so a loop, a
  reordered sum, np.dot or @, sum/m or mean all agree; where several answers are right (a gradient-check difference
  that is only noise) the case says what is acceptable (``Case.accepts``); at the edges the course's clip is exact
  (eps = np.finfo(AL.dtype).eps, as the notebooks teach it);
- a RuntimeWarning counts in the float64 cases, where the course teaches its edge cases (sigmoid at ±1000); in
  float32 a clip at ±500 before np.exp may overflow harmlessly, and a right answer keeps its verdict;
- float32 in, float64 out is named when the learner's code converts on purpose (dtype=float, astype(np.float64),
  np.asarray(Z, float), ...); float64 that comes in implicitly (np.zeros(shape) in a loop version, np.power(beta, t))
  is tolerated, so that a right answer has the same verdict on float64 and float32 inputs;
- functions that draw random numbers get the same seed as the reference, as an int and as a Generator; drawn
  exactly as the course does they must agree exactly; drawn another valid way, the ✓ says that only what holds
  whatever the draws was checked, and that the numbers will differ from the notebook's.

The learner's function runs on private copies, with its printing silenced, its warnings recorded (never raised,
even where warnings are errors) and numpy's global state (random state, np.seterr, print options) restored; one
check takes well under a second.
"""

import contextlib
import copy
import difflib
import functools
import inspect
import io
import os
import re
import sys
import textwrap
import tokenize
import types
import warnings
from dataclasses import dataclass, field

import numpy as np

from .. import (activations, backward, cost, evaluation, forward, gradcheck, improved_model, initialization, model,
                optimizers, output_layer, regularization, update)
from . import store

# Where the reference of an exercise is found: the package function of the same name, in the step modules.
REFERENCE_MODULES = (activations, initialization, forward, cost, backward, update, model, evaluation, output_layer,
                     gradcheck, regularization, optimizers, improved_model)

# --- what a check returns ---------------------------------------------------------------------------------------


@dataclass
class CheckResult:
    """The verdict of ``check``: ``passed`` (also the truth value) and the one-line ``message`` it printed."""

    passed: bool
    message: str
    name: str | None = None
    _just_printed: bool = field(default=False, repr=False, compare=False)
    failing: dict = field(default_factory=dict, repr=False, compare=False)  # the learner's functions it uses that fail

    def __bool__(self):
        return self.passed

    def _ipython_display_(self):
        # check() has already printed the line: as a cell's last expression, show nothing more.
        if self._just_printed:
            self._just_printed = False
        else:
            print(repr(self))


# --- what the catalogue modules declare ---------------------------------------------------------------------------


@dataclass
class Case:
    """One call: ``args`` (name -> value, passed by position, in order) and ``kwargs`` (passed by keyword).

    m: the number of examples (to name a factor of m); label: what the case is for (edge cases);
    accepts: a predicate (learner output, reference output) -> bool used instead of exact comparison
    (for an edge case where several answers are right, e.g. how far a cost at AL = 0 is clipped).
    """

    args: dict
    kwargs: dict = field(default_factory=dict)
    m: int | None = None
    label: str = ""
    accepts: object = None
    finite_only: bool = False  # for matching mistakes here, only whether the outputs are finite counts
    same_as: int | None = None  # the same call as case ``same_as``, its arguments passed another way

    def inputs_text(self):
        parts = [f"{name} {describe_value(value)}" for name, value in {**self.args, **self.kwargs}.items()]
        text = "inputs " + ", ".join(parts)
        return f"{text} [{self.label}]" if self.label else text


@dataclass
class Mistake:
    function: object
    sentence: str


@dataclass
class Exercise:
    """A function the learner writes: how to call it, what it returns, and its typical mistakes."""

    name: str
    cases: object                       # () -> list[Case], fresh deterministic inputs
    outputs: tuple = ()                 # names of the returned items (a tuple) or of the single output
    parts: dict = field(default_factory=dict)   # names of the items inside a returned tuple, e.g. cache
    covers: str = "m = 1, inputs unchanged"
    float32: bool = True                # also run the first cases with float32 inputs
    reference: object = None            # default: the dnn_helpers function of the same name
    random: object = None               # (learner, cases, runs, references) -> sentence or None: what must hold
                                        # when the draws differ from the course's (exact equality failed)
    compare_first: tuple = ()           # outputs to compare first (an optimizer's new state explains its step)
    explain: object = None              # (learner's output, reference's, case) -> sentence or None, before
                                        # falling back to "differs from the reference"
    mistakes: list = field(default_factory=list)
    notebook: str = ""                  # the notebook that teaches it ("04"), from its catalogue's NOTEBOOK
    rank: int = 0                       # its place in the notebook (the catalogue's ORDER, else the order written)
    hint: bool = True                   # the notebook has a Hint under the exercise
    by_keyword: bool = True             # also call the first case with every argument by keyword (and by position)
    error_hints: list = field(default_factory=list)  # (keys, hint) for exceptions, before the general HINTS

    def reference_function(self):
        if self.reference is not None:
            return self.reference
        for module in REFERENCE_MODULES:
            if hasattr(module, self.name):
                return getattr(module, self.name)
        raise LookupError(f"no dnn_helpers function is named {self.name!r}")


EXERCISES = {}


def exercise(name, **options):
    """Decorator for a case builder: registers the exercise ``name`` (its notebook: the module's ``NOTEBOOK``).

    A catalogue (one module per notebook) decorates, for each function the notebook teaches, a builder of its fixed
    inputs with ``@exercise``, then its typical mistakes with ``@mistake``.
    """
    def register(builder):
        module = getattr(builder, "__globals__", {})
        options.setdefault("notebook", module.get("NOTEBOOK", ""))
        order = module.get("ORDER", ())   # the notebook's teaching order, where the catalogue is written otherwise
        options.setdefault("rank", order.index(name) if name in order else len(EXERCISES))
        EXERCISES[name] = Exercise(name, builder, **options)
        return builder
    return register


def mistake(name, sentence, called=None):
    """Decorator for a wrong implementation of ``name``; the sentence is what ``check`` says when the learner's
    outputs match the mistake's on every input. Mistakes are tried in the order they are registered, so a catalogue
    writes the specific ones before the general ones.

    A mistake is a function named after what it gets wrong (``dW_not_divided_by_m``), so that its test id reads as
    the mistake. One that a table or a factory makes (a lambda, a closure) is given its name here: ``called``.
    """
    def register(function):
        if called is not None:
            function.__name__ = function.__qualname__ = called
        EXERCISES[name].mistakes.append(Mistake(function, sentence))
        return function
    return register


def catalogue():
    """All exercises, name -> Exercise. The catalogue modules (one per notebook: ``check.initialization``, ...,
    ``check.many_classes``) register themselves when they are imported, which ``dnn_helpers.check`` does."""
    return EXERCISES


def exercise_notebooks():
    """{exercise name: the notebook number that teaches it, e.g. "04"}, notebook by notebook, in teaching order."""
    order = sorted(EXERCISES.values(), key=lambda item: (item.notebook, item.rank))
    return {item.name: item.notebook for item in order}


# --- running a function on a case ---------------------------------------------------------------------------------


@dataclass
class Outcome:
    output: object = None
    error: BaseException | None = None
    warnings: tuple = ()
    mutated: tuple = ()
    shortcut: object = None   # the package function (code object) of the same exercise that the call entered


def run_on_copy(function, case, watch=frozenset()):
    """Call ``function`` on a private copy of the case; record output, exception, RuntimeWarnings, mutated inputs.

    watch: ids of the code objects of the package's own solution of this exercise; the first one entered is recorded
    in ``Outcome.shortcut`` (seen at run time by a profile hook, so an alias, a module attribute, a partial or a
    lambda around the package's function are all seen).
    """
    args, kwargs = copy.deepcopy(case.args), copy.deepcopy(case.kwargs)
    result = Outcome()
    entered = []

    def profile(frame, event, arg):
        if event == "call" and id(frame.f_code) in watch and not entered:
            entered.append(frame.f_code)

    with warnings.catch_warnings(record=True) as caught, contextlib.redirect_stdout(io.StringIO()), \
            contextlib.redirect_stderr(io.StringIO()), \
            np.errstate(over="warn", divide="warn", invalid="warn", under="ignore"):
        warnings.simplefilter("always")
        previous = sys.getprofile()
        if watch:
            sys.setprofile(profile)
        try:
            result.output = function(*args.values(), **kwargs)
        except (KeyboardInterrupt, store.NotWritten):  # the exercises edition's stub: Run All stops at its check
            raise
        except BaseException as err:  # noqa: BLE001 - a learner's error (SystemExit included) is reported, never raised
            result.error = err
        finally:
            if watch:
                sys.setprofile(previous)
    result.shortcut = entered[0] if entered else None  # the code object itself, for its name
    result.warnings = tuple(str(w.message) for w in caught if issubclass(w.category, RuntimeWarning))
    given = {**case.args, **case.kwargs}
    result.mutated = tuple(path for name, value in {**args, **kwargs}.items()
                           for path in changed(value, given[name], name))
    return result


def changed(value, original, path):
    """Paths inside ``value`` that differ from ``original`` (an in-place modification)."""
    if isinstance(original, np.ndarray):
        same = (isinstance(value, np.ndarray) and value.shape == original.shape
                and np.array_equal(value, original, equal_nan=original.dtype.kind in "fc"))
        return [] if same else [path]
    if isinstance(original, dict):
        if not isinstance(value, dict) or set(value) != set(original):
            return [path]
        return [p for key in original for p in changed(value[key], original[key], f"{path}[{key!r}]")]
    if isinstance(original, (list, tuple)):
        if not isinstance(value, (list, tuple)) or len(value) != len(original):
            return [path]
        return [p for i, (v, o) in enumerate(zip(value, original, strict=False)) for p in changed(v, o, f"{path}[{i}]")]
    return []


def bindable(function, case):
    """None if ``function`` can be called with the case's arguments, else why not (its signature)."""
    try:
        signature = inspect.signature(function)
    except (TypeError, ValueError):
        return None
    try:
        signature.bind(*case.args.values(), **case.kwargs)
    except TypeError:
        return f"{getattr(function, '__name__', 'function')}{signature}"
    return None


def missing_options(function, exercise):
    """The course's optional parameters (those with a default) that the learner's function does not have at all,
    while every parameter it has is named as in the course's: the cases that pass them are left out, and the ✓ line
    says so. (A parameter with another name is not "missing": ``signature_problem`` names it.)"""
    try:
        mine = inspect.signature(function).parameters
    except (TypeError, ValueError):
        return set()
    reference = inspect.signature(exercise.reference_function()).parameters
    if set(mine) - set(reference) or any(p.kind is inspect.Parameter.VAR_KEYWORD for p in mine.values()):
        return set()
    return {name for name, parameter in reference.items()
            if name not in mine and parameter.default is not inspect.Parameter.empty}


def signature_problem(function, exercise, cases):
    """Why the learner's parameters do not fit how the course calls the function (a parameter renamed, missing,
    or in another order), or None. No case is ever skipped: a case the function cannot take is a ✗."""
    for case in cases:
        if bindable(function, case) is None:
            continue
        mine = list(inspect.signature(function).parameters)
        wanted = list(case.args) + list(case.kwargs)
        course = f"{exercise.name}({', '.join(wanted)})"
        for index, expected in enumerate(wanted):
            if expected not in mine:
                got = f"is named {mine[index]}" if index < len(mine) else "is missing"
                return (f"its parameter {expected} {got}: the course calls it as {course}, also by keyword: "
                        f"name its parameters as in the exercise")
        return f"its parameters are ({', '.join(mine)}), but the course calls it as {course}"
    return None


# --- comparing two results ----------------------------------------------------------------------------------------


@dataclass
class Problem:
    path: tuple
    kind: str          # "type", "length", "keys", "shape", "dtype", "values", "nonfinite"
    got: object
    expected: object
    detail: str = ""


def tolerance(expected):
    dtype = getattr(expected, "dtype", None)
    return 2e-4 if dtype == np.float32 else 1e-6


def is_scalar(value):
    return isinstance(value, (int, float, np.number, bool, np.bool_)) or (
        isinstance(value, np.ndarray) and value.ndim == 0)


def values_close(got, expected, tol=None):
    """Arrays of one shape, equal within a tolerance scaled by the largest expected value."""
    got, expected = np.asarray(got), np.asarray(expected)
    if got.shape != expected.shape:
        return False
    if expected.dtype.kind in "iu":  # 0/1 predictions, labels: numbers, not booleans (True/False)
        return got.dtype.kind in "iuf" and np.array_equal(got, expected)
    if expected.dtype.kind == "b":   # a mask: 0/1 or True/False alike
        return got.dtype.kind in "biuf" and np.array_equal(got, expected)
    if got.dtype.kind not in "biuf":
        return False
    tol = tolerance(expected) if tol is None else tol
    if got.dtype == np.float32 or expected.dtype == np.float32:
        tol = max(tol, 2e-4)
    with np.errstate(all="ignore"):
        finite = np.isfinite(expected)
        if not np.array_equal(finite, np.isfinite(got)):
            return False
        if not np.array_equal(got[~finite], expected[~finite], equal_nan=True):
            return False
        if not finite.any():
            return True
        scale = float(np.max(np.abs(expected[finite]))) or 1.0
        return bool(np.allclose(got[finite], expected[finite], rtol=tol, atol=tol * scale * 1e-2 + 1e-300))


def has_float32(value):
    """Whether a value, or any array inside a dict, list or tuple of them, is float32."""
    if isinstance(value, np.ndarray):
        return value.dtype == np.float32
    if isinstance(value, dict):
        return any(has_float32(v) for v in value.values())
    if isinstance(value, (list, tuple)):
        return any(has_float32(v) for v in value)
    return False


def case_tolerance(case):
    """2e-4 when the case's inputs are float32 (its sums round at about 1e-7 per term), else None (by dtype)."""
    return 2e-4 if has_float32(list(case.args.values())) else None


def compare(got, expected, path=(), strict_dtype=True, tol=None):
    """The first way ``got`` differs from ``expected`` (nested tuples, lists, dicts, arrays, numbers), or None."""
    if isinstance(expected, dict):
        if not isinstance(got, dict):
            return Problem(path, "type", got, expected)
        missing = [key for key in expected if key not in got]
        extra = [key for key in got if key not in expected  # an extra dA{L} beside dA0, ... is harmless
                 and not (str(key).startswith("dA") and any(str(k).startswith("dA") for k in expected))]
        if missing or extra:
            return Problem(path, "keys", missing, extra)
        for key in expected:
            problem = compare(got[key], expected[key], path + (key,), strict_dtype, tol)
            if problem:
                return problem
        return None
    if isinstance(expected, list) and expected and all(is_scalar(item) for item in expected):
        expected = np.asarray(expected, dtype=float)  # a list of numbers, e.g. costs: an array of them is as good
        if isinstance(got, (list, tuple)) and all(is_scalar(item) for item in got):
            got = np.asarray(got, dtype=float)
        if isinstance(got, np.ndarray) and got.shape != expected.shape:
            return Problem(path, "length" if got.ndim == 1 else "shape", list(got), list(expected))
        strict_dtype = False
    elif isinstance(expected, (tuple, list)):
        if not isinstance(got, (tuple, list)):
            return Problem(path, "type", got, expected)
        if len(got) != len(expected):
            return Problem(path, "length", got, expected)
        for index, (a, b) in enumerate(zip(got, expected, strict=False)):
            problem = compare(a, b, path + (index,), strict_dtype, tol)
            if problem:
                return problem
        return None
    if expected is None:
        return None if got is None else Problem(path, "type", got, expected)
    if isinstance(expected, str):
        return None if isinstance(got, str) and got == expected else Problem(path, "type", got, expected)
    if isinstance(got, (dict, tuple, list, str)) or got is None:
        if isinstance(got, list) and not is_scalar(expected):  # a list of numbers for an array
            return Problem(path, "type", got, expected, "a list")
        return Problem(path, "type", got, expected)
    if is_scalar(expected) and not isinstance(expected, np.ndarray):
        got_array = np.asarray(got)
        if got_array.ndim != 0:
            return Problem(path, "shape", got, expected)
        low = isinstance(got, np.float32) or tol is not None
        scalar_tol = max(tol or 0, 2e-4) if low else 1e-6
        if not (values_close(got_array.astype(float), float(expected), tol=scalar_tol)
                or abs(float(got_array) - float(expected)) <= (1e-6 if low else 1e-10)):
            kind = "nonfinite" if not np.isfinite(got_array.astype(float)) else "values"
            return Problem(path, kind, got, expected)
        return None
    got_array, expected_array = np.asarray(got), np.asarray(expected)
    if got_array.shape != expected_array.shape:
        return Problem(path, "shape", got_array, expected_array)
    if not values_close(got_array, expected_array, tol):
        finite = got_array.dtype.kind not in "fc" or np.isfinite(got_array).all()
        return Problem(path, "values" if finite else "nonfinite", got_array, expected_array)
    if strict_dtype and expected_array.dtype.kind == "f" and got_array.dtype != expected_array.dtype:
        return Problem(path, "dtype", got_array, expected_array)
    return None


def same_outcome(a, b, case):
    """Do two runs agree (outputs within tolerance, dtype aside; same inputs modified; both warned or not)?"""
    if (a.error is None) != (b.error is None):
        return False
    if a.error is not None:
        return type(a.error) is type(b.error) and str(a.error) == str(b.error)
    if (b.warnings and not a.warnings) or set(a.mutated) != set(b.mutated):
        return False  # a (the learner) may warn where the mistake b does not: the value mistake is the same
    if case.finite_only:  # an edge case where right answers differ (how far AL is clipped): NaN/inf or not
        return all_finite(a.output) == all_finite(b.output)
    if compare(a.output, b.output, strict_dtype=False, tol=case_tolerance(case)) is None:
        return True
    if case.accepts is not None:  # two answers that are both acceptable at this edge case
        try:
            return bool(case.accepts(a.output, b.output)) and bool(case.accepts(b.output, a.output))
        except Exception:  # noqa: BLE001
            return False
    return False


def all_finite(value):
    try:
        return bool(np.isfinite(np.asarray(value, dtype=float)).all())
    except (TypeError, ValueError):
        return True


# --- naming things in messages -------------------------------------------------------------------------------------


def describe_value(value):
    if isinstance(value, np.ndarray):
        return str(value.shape) + (" float32" if value.dtype == np.float32 else "")
    if isinstance(value, dict):
        keys = list(value)
        return "{" + (", ".join(keys) if len(keys) <= 6 else ", ".join(keys[:4]) + ", ...") + "}"
    if isinstance(value, (list, tuple)):
        if len(value) <= 6 and all(isinstance(v, (int, np.integer)) for v in value):
            return str(list(value))                                    # layer sizes: show them
        return f"[{len(value)} items]"
    if isinstance(value, float):
        return f"= {value:g}"
    if callable(value):
        return "(a function)"
    return f"= {value!r}"


def shape_of(value):
    """How a result looks in a message: 'shape (3, 4)', 'a tuple of 2 items', "a dict with keys ['W1']", ..."""
    if isinstance(value, np.ndarray):
        return f"shape {value.shape}"
    if isinstance(value, dict):
        return f"a dict with keys {list(value)}"
    if isinstance(value, (tuple, list)):
        return f"a {type(value).__name__} of {len(value)} items"
    return "a number" if is_scalar(value) else f"a {type(value).__name__}"


def path_name(exercise, path):
    """'dW', 'cache[1]', "grads['dW1']", 'output' for a path into the result."""
    if not path:
        return exercise.outputs[0] if len(exercise.outputs) == 1 else "the result"
    first, rest = path[0], path[1:]
    if isinstance(first, int) and len(exercise.outputs) > 1 and first < len(exercise.outputs):
        name = exercise.outputs[first]
    elif isinstance(first, str):
        name = (exercise.outputs[0] if len(exercise.outputs) == 1 else "the result") + f"[{first!r}]"
    else:
        name = (exercise.outputs[0] if len(exercise.outputs) == 1 else "the result") + f"[{first}]"
    for step in rest:
        parts = exercise.parts.get(name)
        if isinstance(step, int) and parts and step < len(parts):
            name = parts[step]
        else:
            name += f"[{step!r}]" if isinstance(step, str) else f"[{step}]"
    return name


def describe_outputs(exercise):
    return "(" + ", ".join(exercise.outputs) + ")" if len(exercise.outputs) > 1 else exercise.outputs[0]


# --- the general diagnoses ----------------------------------------------------------------------------------------


def ratio(got, expected):
    """c if got is c * expected (c not 1), else None."""
    got, expected = np.asarray(got, dtype=float), np.asarray(expected, dtype=float)
    if got.shape != expected.shape or not np.isfinite(got).all():
        return None
    denominator = float(np.sum(expected * expected))
    if denominator == 0:
        return None
    c = float(np.sum(got * expected)) / denominator
    if abs(c - 1) < 1e-6 or c == 0:
        return None
    return c if values_close(got, c * expected, tol=1e-5) else None


def factor_phrase(c, m):
    """'m times too large (m = 5)', 'the wrong sign', '2 times too large', ..."""
    if np.isclose(c, -1):
        return "has the wrong sign"
    sign = "" if c > 0 else " with the wrong sign"
    size = abs(c)
    if m and m > 1:
        if np.isclose(size, m, rtol=1e-5):
            return f"is m times too large{sign} (m = {m} here): divide by m, the number of examples"
        if np.isclose(size, 1 / m, rtol=1e-5):
            return f"is m times too small{sign} (m = {m} here): divide by m only once"
        if np.isclose(size, m * m, rtol=1e-5):
            return f"is m² times too large{sign} (m = {m} here): divide by m, do not multiply"
        if np.isclose(size, 1 / (m * m), rtol=1e-5):
            return f"is m² times too small{sign} (m = {m} here): divide by m only once"
    if abs(size - 1) < 0.01:  # "1 times too small" says nothing: say by how much
        return f"is {abs(size - 1):.2%} too {'large' if size > 1 else 'small'}{sign}"
    if size > 1:
        return f"is {size:.4g} times too large{sign}"
    return f"is {1 / size:.4g} times too small{sign}"


def diagnose_problem(exercise, case, index, problem, runs):
    """The sentence for the first difference between the learner's result and the reference."""
    where = f"in case {index} ({case.inputs_text()})"
    name = path_name(exercise, problem.path)
    got, expected = problem.got, problem.expected
    if problem.kind == "keys":
        missing, extra = got, expected
        if missing:
            listed = ", ".join(map(repr, missing))
            return f"{name} is missing the key(s) {listed} {where}"
        return f"{name} has unexpected key(s) {', '.join(map(repr, extra))} {where}"
    if problem.kind == "type":
        if problem.path == () and isinstance(expected, tuple) and not isinstance(got, (tuple, list)):
            if compare(got, expected[0], strict_dtype=False) is None:
                return (f"returns only {exercise.outputs[0]}; return all of {describe_outputs(exercise)}"
                        + (": the backward step needs the cache" if "cache" in exercise.outputs else ""))
            return f"returns {shape_of(got)}, but it must return {describe_outputs(exercise)}"
        if isinstance(expected, dict):
            return f"{name} must be a dict with keys {list(expected)}; got {shape_of(got)}"
        if got is None:
            return f"{name} is None {where}: did you forget a return statement or an assignment?"
        return f"{name} should be {shape_of(expected)}, but it is {shape_of(got)} {where}"
    if problem.kind == "length":
        if problem.path == () and len(exercise.outputs) == len(expected):
            return (f"returns {len(got)} items; it must return {len(expected)}: {describe_outputs(exercise)}")
        parts = exercise.parts.get(name)
        hint = f" ({', '.join(parts)})" if parts and len(parts) == len(expected) else ""
        if name == "caches":
            hint = " (one cache per layer)"
        return f"{name} has {len(got)} item{'s' * (len(got) != 1)}, expected {len(expected)}{hint} {where}"
    if problem.kind == "shape":
        got_shape = np.shape(got)
        expected_shape = np.shape(expected)
        if expected_shape == () and got_shape in ((1, 1), (1,)):
            return (f"{name} is an array of shape {got_shape}; return a plain number, "
                    f"e.g. float(x.item()) or np.squeeze(x)")
        if len(got_shape) == 1 and len(expected_shape) == 2 and got_shape[0] in expected_shape and \
                1 in expected_shape and np.size(got) == np.size(expected):
            return (f"{name} has shape {got_shape}, expected {expected_shape}: keep it 2-D, e.g. "
                    f"np.sum(..., axis=1, keepdims=True) or .reshape{expected_shape}")
        if len(expected_shape) == 2 and got_shape == expected_shape[::-1]:
            if values_close(np.asarray(got).T, expected):
                return f"{name} is transposed: its shape is {got_shape}, expected {expected_shape}"
            return (f"{name} has shape {got_shape}, expected {expected_shape}: check which matrix is transposed "
                    f"and the order of the product")
        return f"{name} has shape {got_shape}, expected {expected_shape} {where}"
    if problem.kind == "dtype":
        return (f"{name} is {np.asarray(got).dtype} for {expected.dtype} inputs: keep the input's dtype "
                f"(float32 in, float32 out): avoid dtype=float or np.float64 in np.asarray/np.zeros/astype")
    if problem.kind == "nonfinite":
        text = f"{name} contains NaN or inf {where}"
        warned = next((w for r in runs if (w := r.warnings)), None)
        if warned:
            return text + f" (RuntimeWarning: {warned[0]}){warning_hint(warned[0])}"
        return (text + "\na log of 0, a division by 0 or an exp that overflows: keep probabilities inside "
                       "[eps, 1 - eps] (np.clip, eps = np.finfo(dtype).eps) and take exp only of numbers <= 0")
    # values
    if np.asarray(got).dtype == bool and np.asarray(expected).dtype.kind in "iu":
        return (f"{name} holds booleans (True/False) {where}: return 0/1 numbers, e.g. (AL > threshold).astype(int)")
    return value_problem(name, got, expected, case, where) or largest_gap_sentence(name, got, expected, where)


def is_slip_factor(c, m):
    """Is c a factor a learner's slip explains (sign, m, 1/m, 2, 1/2, 100, log base 10)?"""
    candidates = [-1, 2, 0.5, 100, 0.01, np.log(10), 1 / np.log(10), -2, -0.5]
    if m and m > 1:
        candidates += [m, 1 / m, -m, -1 / m, m * m, 1 / (m * m)]
    return any(np.isclose(c, k, rtol=1e-5) for k in candidates)


def divided_by_another_size(c, case):
    """"is divided by n (the number of rows) instead of m" when c = m / n for another size n of an input array."""
    m = case.m
    if not m or not c or np.isclose(c, 1):
        return None
    sizes = {size for _, value in flat_inputs({**case.args, **case.kwargs}) for size in np.shape(value)}
    for size in sorted(sizes - {m, 1}):
        if np.isclose(c, m / size, rtol=1e-6):
            return (f"is divided by {size} (another size of the inputs) instead of m = {m}, the number of examples "
                    f"(the columns, Y.shape[1])")
        if np.isclose(c, size / m, rtol=1e-6) and size > m:
            return f"is {size / m:.4g} times too large: divide by m = {m}, the number of examples (the columns)"
    return None


def value_problem(name, got, expected, case, where):
    """Name how the values differ: a factor, the sign, 1 - the answer, an input unchanged, the step's size,
    or where (by the sign of an input) the entries are wrong; else by how much."""
    got_array, expected_array = np.asarray(got, dtype=float), np.asarray(expected, dtype=float)
    if np.isclose(abs(float(np.sum(got_array) / (np.sum(expected_array) or 1))), np.log(10), rtol=1e-4) or \
            np.isclose(abs(float(np.sum(got_array) / (np.sum(expected_array) or 1))), 1 / np.log(10), rtol=1e-4):
        if ratio(got_array, expected_array) is not None or got_array.ndim == 0:
            return f"{name} uses the logarithm to base 10 {where}: np.log is the natural logarithm the course uses"
    if got_array.ndim == 0:
        c = float(got_array) / float(expected_array) if float(expected_array) else 0.0
        wrong_count = divided_by_another_size(c, case)
        if wrong_count:
            return f"{name} {wrong_count} {where}"
        if c and is_slip_factor(c, case.m):
            return f"{name} {factor_phrase(c, case.m)} {where}"
    else:
        c = ratio(got_array, expected_array)
        if c is not None:
            return f"{name} {divided_by_another_size(c, case) or factor_phrase(c, case.m)} {where}"
    for digits in range(0, 7):
        rounded = np.round(expected_array, digits)
        if got_array.shape == expected_array.shape and np.array_equal(got_array, rounded) \
                and not values_close(rounded, expected_array):
            return f"{name} is rounded to {digits} decimals {where}: return the full value (round only when printing)"
    if got_array.size and not np.any(expected_array) and got_array.shape == expected_array.shape:
        return f"{name} must be all zeros {where}: np.zeros_like(...), the state an average starts from"
    if np.ptp(expected_array) > 0 and values_close(got_array, 1 - expected_array, 1e-5):
        return f"{name} is 1 - the right value {where}: the two cases (or the sign in the exponent) are swapped"
    inputs = flat_inputs(case.args)
    for input_name, value in inputs:
        if np.shape(value) == got_array.shape and np.array_equal(value, got) and not values_close(value, expected):
            return f"{name} is the input {input_name}, unchanged {where}"
    key = name.split("[")[-1] if "[" in name else None
    for input_name, value in sorted(inputs, key=lambda item: not (key and item[0].endswith("[" + key))):
        if np.shape(value) != got_array.shape or values_close(value, expected):
            continue
        step = ratio(got_array - value, expected_array - value)
        if step is not None and (not key or input_name.endswith("[" + key)):
            return f"{name}: the step from {input_name} {factor_phrase(step, None)} {where}"
    if got_array.ndim == 2:
        for input_name, value in sorted(inputs, key=lambda item: item[0] != "Z"):
            if np.shape(value) != got_array.shape or "[" in input_name:
                continue
            with np.errstate(all="ignore"):
                bad = ~np.isclose(got_array, expected_array, rtol=1e-5, atol=1e-8 * (np.abs(expected_array).max() or 1))
            for text, region in (("< 0", value < 0), ("> 0", value > 0), ("= 0 exactly", value == 0),
                                 ("<= 0", value <= 0), (">= 0", value >= 0)):
                if bad.any() and not (bad & ~region).any() and (~region).any():
                    return f"{name} is wrong where {input_name} {text} (and right elsewhere) {where}"
    return None


def largest_gap_sentence(name, got, expected, where):
    gap = np.max(np.abs(np.asarray(got, dtype=float) - np.asarray(expected, dtype=float)))
    return f"{name} differs from the reference by up to {gap:.3g} {where}"


def explain_training(mine, ref, case=None):
    """For a training loop (parameters, costs): where do the learner's costs part from the course's?"""
    try:
        got, expected = np.asarray(mine[1], dtype=float), np.asarray(ref[1], dtype=float)
    except (TypeError, ValueError, IndexError):
        return None
    if got.shape != expected.shape or got.ndim != 1 or got.size < 2:
        return None
    apart = np.flatnonzero(~np.isclose(got, expected, rtol=1e-6, atol=1e-9))
    if apart.size == 0:
        return "the costs are right but the final parameters are not: the last update is missing or wrong"
    k = int(apart[0])
    if k == 0:
        digits = next((d for d in range(4, 12) if f"{got[0]:.{d}g}" != f"{expected[0]:.{d}g}"), 12)
        return (f"the very first cost is already wrong ({got[0]:.{digits}g} instead of {expected[0]:.{digits}g}), "
                f"before any "
                f"update: the forward pass or the cost is wrong")
    if np.allclose(got, got[0]):
        return ("the cost never changes: the parameters never move: initialize them once, before the loop, and "
                "keep what update_parameters returns (parameters = update_parameters(...))")
    if got[-1] > got[0] and expected[-1] < expected[0]:
        return (f"the cost goes up ({got[0]:.4g} -> {got[-1]:.4g}) instead of down: the steps climb the cost, "
                f"so a sign is flipped in dZ or in the update")
    return (f"the first cost is right but the costs part from iteration {k} on: the forward pass and the cost "
            f"are right, so the gradients or the update are wrong")


def explain_grads(mine, ref, case):
    """For a grads dict: which layer's gradients go wrong first, counting down from the output layer."""
    if not (isinstance(mine, dict) and isinstance(ref, dict) and set(mine) == set(ref)):
        return None
    layers = sorted({int(key[2:]) for key in ref if key[:2] in ("dW", "db")}, reverse=True)
    tol = case_tolerance(case)
    wrong = [l for l in layers if compare(mine[f"dW{l}"], ref[f"dW{l}"], tol=tol) is not None
             or compare(mine[f"db{l}"], ref[f"db{l}"], tol=tol) is not None]
    if not wrong:
        return None
    top, L = wrong[0], layers[0]
    if top == L:
        return (f"the output layer's gradients dW{L}, db{L} are already wrong: check dAL = -(Y / AL - (1 - Y) / "
                f"(1 - AL)) and the sigmoid's backward for layer {L}")
    return (f"the gradients of layers {top + 1} to {L} are right but layer {top}'s are wrong: check the dA passed "
            f"down to layer {top} and the hidden layers' backward step")


def arrays_in(value, path=()):
    """(path, array) for every numpy array inside ``value``, through dicts, lists and tuples, in order; the path is
    the keys and indices that lead to it."""
    if isinstance(value, np.ndarray):
        return [(path, value)]
    items = value.items() if isinstance(value, dict) else enumerate(value) if isinstance(value, (list, tuple)) else ()
    return [found for key, item in items for found in arrays_in(item, path + (key,))]


def flat_inputs(args):
    """(name, array) for every array in the arguments, inside dicts, lists and tuples too: "parameters['W1']"."""
    return [(name + "".join(f"[{key!r}]" for key in path), array)
            for name, value in args.items() for path, array in arrays_in(value)]


def order_problem(exercise, got, expected):
    """If the items are right but returned in another order, say which (also a list, e.g. caches, reversed)."""
    if isinstance(got, (tuple, list)) and isinstance(expected, tuple) and len(got) == len(expected):
        for index, (item, want) in enumerate(zip(got, expected, strict=True)):
            if (isinstance(item, list) and isinstance(want, list) and len(item) == len(want) > 1
                    and compare(item, want, strict_dtype=False) is not None
                    and compare(item[::-1], want, strict_dtype=False) is None):
                name = exercise.outputs[index] if len(exercise.outputs) == len(expected) else f"item {index}"
                return f"{name} is in reverse order: {name}[l - 1] belongs to layer l, first layer first"
    if not (isinstance(got, (tuple, list)) and isinstance(expected, tuple) and len(got) == len(expected) > 1):
        return None
    order = []
    for item in got:
        matches = [j for j, e in enumerate(expected) if j not in order and compare(item, e, strict_dtype=False) is None]
        if not matches:
            return None
        order.append(matches[0])
    if order == list(range(len(expected))):
        return None
    names = exercise.outputs if len(exercise.outputs) == len(expected) else [f"item {j}" for j in range(len(got))]
    return (f"returns its outputs in the wrong order: ({', '.join(names[j] for j in order)}) "
            f"instead of {describe_outputs(exercise)}")


# --- the check ----------------------------------------------------------------------------------------------------


def as_float32(value):
    if isinstance(value, np.ndarray):  # float64 and integer (labels) arrays become float32
        return value.astype(np.float32) if value.dtype.kind in "fiu" else value
    if isinstance(value, dict):
        return {key: as_float32(v) for key, v in value.items()}
    if isinstance(value, tuple):
        return tuple(as_float32(v) for v in value)
    if isinstance(value, list):
        return [as_float32(v) for v in value]
    return value


def build_cases(exercise):
    cases = exercise.cases()
    if exercise.float32:
        extra = []
        for case in cases[:2]:
            args = {name: as_float32(value) for name, value in case.args.items()}
            label = ", ".join(filter(None, [case.label, "float32"]))
            extra.append(Case(args, dict(case.kwargs), case.m, label, case.accepts, case.finite_only))
        cases = cases + extra
    if exercise.by_keyword:
        cases = cases + passed_both_ways(exercise, cases[0])
    return cases


def passed_both_ways(exercise, case):
    """The case again with every argument passed by keyword, and with every argument passed by position, each
    where the course's function takes it that way (its parameters, in order, have the case's names)."""
    names = list(case.args) + list(case.kwargs)
    parameters = list(inspect.signature(exercise.reference_function()).parameters.values())[:len(names)]
    if [parameter.name for parameter in parameters] != names or any(
            parameter.kind is not inspect.Parameter.POSITIONAL_OR_KEYWORD for parameter in parameters):
        return []
    label = ", ".join(filter(None, [case.label, "{} by {}"]))
    variants = [Case({}, {**case.args, **case.kwargs}, case.m, label.format("arguments", "keyword"), case.accepts,
                     case.finite_only, same_as=0)]
    if case.kwargs:
        variants.append(Case({**case.args, **case.kwargs}, {}, case.m, label.format("arguments", "position"),
                             case.accepts, case.finite_only, same_as=0))
    return variants


def diagnose(exercise, function, cases, runs, references, strict_dtype=True):
    """The one sentence naming what is wrong, or None if every case is right.

    strict_dtype: a float64 result for float32 inputs counts as wrong (see ``converts_to_float64``).
    """
    for mine in runs:
        if isinstance(mine.error, NotImplementedError):
            inner = raised_in(mine.error)
            if inner and inner != getattr(function, "__name__", inner):
                return (f"{inner}, which it calls, is not written yet: write it first and check it with "
                        f"dh.check({inner})")
            return "not written yet: replace the raise NotImplementedError line with your code"
    wrong = [i for i, (case, mine, ref) in enumerate(zip(cases, runs, references, strict=False))
             if not agrees_with_reference(mine, ref, case, strict_dtype)]
    if not wrong:
        return None
    # 1. the catalogue (a mistake may also raise the learner's exception)
    for entry in exercise.mistakes:
        if all(same_outcome(mine, run_on_copy(entry.function, case), case)
               for case, mine in zip(cases, runs, strict=False)):
            return entry.sentence
    # 2. functions that draw random numbers: np.random's global state, a seed ignored, a Generator refused
    if exercise.random is not None:
        sentence = seed_problem(function, exercise.reference_function(), cases, runs, references)
        if sentence:
            return sentence
    # 3. an exception, in one line
    for case, mine in zip(cases, runs, strict=False):
        if mine.error is not None:
            err = mine.error
            text = str(err).strip().splitlines()[0] if str(err).strip() else ""
            inner = learner_frame(err, function)
            where = f" in {inner}, which it calls (check it first: dh.check({inner}))" if inner else ""
            hint = hint_for(err, exercise.error_hints)
            head = f"raised {type(err).__name__}{where} on {case.inputs_text()}"
            room = LINE_WIDTH - len(head) - len(exercise.name) - 8   # the whole first line fits, the error's text last
            text = textwrap.shorten(text, max(room, 40), placeholder=" ...") if text else ""
            return head + (f": {text}" if text else "") + (f"\n{hint[2:]}" if hint else "")
    # 4. an argument written as a literal in the code: the answer is the one for another value of that argument
    sentence = ignored_argument(exercise, cases, runs, wrong)
    if sentence:
        return sentence
    # 5. random functions drawn another valid way: what must hold whatever the draws
    if exercise.random is not None:
        sentence = exercise.random(function, cases, runs, references) or side_effects(cases, runs)
        return sentence or DRAWN_ANOTHER_WAY
    return diagnose_without_catalogue(exercise, cases, runs, references, wrong)


# Values a learner may write into the code instead of using the argument (besides the argument's default).
LITERALS = {"beta": (0.9,), "beta1": (0.9,), "beta2": (0.999, 0.9), "epsilon": (1e-8, 1e-7, 1e-6),
            "keep_prob": (0.5, 0.8), "learning_rate": (0.0075, 0.01, 0.1), "lambd": (0.7, 0.1), "threshold": (0.5,),
            "decay_rate": (1.0,), "hidden_activation": ("relu",), "activation": ("relu", "sigmoid"),
            "time_interval": (1000, 1)}


def ignored_argument(exercise, cases, runs, wrong):
    """"ignores its argument x" when, on a wrong case, the learner's answer is the course's answer for another value
    of one argument (its default, or a value often written as a literal), or None."""
    reference = exercise.reference_function()
    defaults = {name: parameter.default for name, parameter in inspect.signature(reference).parameters.items()
                if parameter.default is not inspect.Parameter.empty}
    for index in wrong:
        case, mine = cases[index], runs[index]
        if mine.error is not None:
            continue
        for where in ("args", "kwargs"):
            for name, value in getattr(case, where).items():
                if not isinstance(value, (int, float, str)) or isinstance(value, bool) or name == "seed":
                    continue
                for literal in dict.fromkeys([defaults.get(name), *LITERALS.get(name, ())]):
                    if literal is None or literal == value or type(literal) is not type(value) and isinstance(
                            literal, str) != isinstance(value, str):
                        continue
                    other = copy.copy(case)
                    setattr(other, where, {**getattr(case, where), name: literal})
                    ref = run_on_copy(reference, other)
                    if ref.error is None and compare(mine.output, ref.output, strict_dtype=False,
                                                     tol=case_tolerance(case)) is None:
                        return (f"gives the answer for {name} = {literal!r} when {name} = {value!r} (case "
                                f"{index + 1}): {name} is ignored (a value written in the code?) or its cases are "
                                f"swapped: use the argument as given")
    return None


SEED_SENTENCE = ("use rng = np.random.default_rng(seed) (it takes an int or a Generator), then draw from rng "
                 "(rng.standard_normal, rng.random, rng.permutation)")


def seed_of(case):
    return case.kwargs.get("seed", case.args.get("seed"))


def global_state_used(function, case):
    """Does a call change np.random's global state (np.random.seed, np.random.randn, ...)? The state is restored."""
    saved = np.random.get_state()  # noqa: NPY002 - the legacy global state is what is looked for
    try:
        np.random.seed(20240601)  # noqa: NPY002
        before = np.random.get_state()  # noqa: NPY002
        run_on_copy(function, case)
        after = np.random.get_state()  # noqa: NPY002
        return not (np.array_equal(before[1], after[1]) and before[2:] == after[2:])
    finally:
        np.random.set_state(saved)  # noqa: NPY002


def with_seed(case, seed):
    kwargs, args = dict(case.kwargs), dict(case.args)
    (kwargs if "seed" in kwargs else args)["seed"] = seed
    return Case(args, kwargs, case.m, case.label, case.accepts, case.finite_only)


def seed_problem(function, reference, cases, runs, references):
    """For a function that draws random numbers from its ``seed`` argument: the sentence if it draws from
    np.random's global state, ignores the seed (a hard-coded one), or refuses a Generator as seed; else None."""
    seeded = [(case, mine, ref) for case, mine, ref in zip(cases, runs, references, strict=False)
              if seed_of(case) is not None]
    if not seeded:
        return None
    int_cases = [item for item in seeded if isinstance(seed_of(item[0]), (int, np.integer))]
    if int_cases and global_state_used(function, int_cases[0][0]):
        return ("draws from np.random's global state (np.random.seed, randn, rand, permutation): its numbers are not "
                "the course's, and a Generator seed fails\n" + SEED_SENTENCE)
    for case, mine, _ in seeded:
        if isinstance(seed_of(case), np.random.Generator) and mine.error is not None \
                and learner_frame(mine.error, function) is None:  # (an error in another function is named as such)
            error = textwrap.shorten(f"{type(mine.error).__name__}: {mine.error}", 60, placeholder=" ...")
            return (f"fails when seed is a numpy Generator ({error}), as the course passes one too\n"
                    + SEED_SENTENCE)
    # a seed written into the code: on every case where the course's numbers change with the seed, the learner's
    # do not (a structural mistake changes with the seed somewhere, and is named by what follows)
    ignored = 0
    for case, mine, ref in int_cases:
        if mine.error is not None or ref.error is not None:
            return None
        other = with_seed(case, int(seed_of(case)) + 1000)
        other_ref, again = run_on_copy(reference, other), run_on_copy(function, other)
        if other_ref.error is not None or compare(other_ref.output, ref.output, strict_dtype=False) is None:
            continue
        if again.error is not None or compare(again.output, mine.output, strict_dtype=False) is not None:
            return None
        ignored += 1
    if ignored:
        return ("a different seed gives the same numbers: the seed argument is ignored (a seed written into the "
                "code?)\n" + SEED_SENTENCE)
    return None


HINTS = [
    (("not aligned", "matmul", "core dimension"), "check the order of the matrix product and which matrix is "
                                                  "transposed: W is (n[l], n[l-1]), A is (n[l-1], m)"),
    (("could not be broadcast",), "these shapes do not fit elementwise: a column (n, 1) stretches along the m "
                                  "examples, a (1, n) row or an (n,) vector does not"),
    (("'tuple'",), "a function returned a tuple: unpack it first, e.g. A, cache = linear_activation_forward(...)"),
    (("truth value of an array",), "if and max() see a whole array: use np.maximum or np.where, elementwise"),
    (("inhomogeneous", "setting an array element with a sequence"),
     "a tuple went where an array was expected: unpack each cache in its order, linear_cache, Z = cache "
     "(linear_cache = (A_prev, W, b)), and pass arrays, not tuples"),
    (("expects A_prev with",), "each layer's input is the previous layer's output: start with A = X and feed every "
                               "layer the A the layer below returned (A_prev = A)"),
    (("dA must be shaped like the layer's output",), "each layer's dA is the dA_prev that the layer above returned: "
                                                     "update dA in the loop, going down from layer L"),
    (("list index out of range",), "caches has one entry per layer: layer l's is caches[l - 1], for l = 1, ..., L"),
]


def hint_for(err, first=()):
    """A nudge for the errors that learners meet most (shapes of a product, broadcasting, tuples, ...); ``first``:
    the exercise's own (keys, hint) pairs, tried before the general ones."""
    text = f"{type(err).__name__} {err}"
    for keys, hint in [*first, *HINTS]:
        if any(key in text for key in keys):
            return f": {hint}"
    if isinstance(err, KeyError):
        return ": a dict has no such key: the names are W1, b1, ... and dW1, db1, ... with layers counted from 1"
    return ""


def learner_frame(err, function):
    """The name of the learner's other function where ``err`` was raised (a function of theirs that this one calls,
    outside numpy and dnn_helpers), or None when it was raised in ``function`` itself or in a library."""
    libraries = tuple(os.path.dirname(module.__file__) + os.sep for module in (np, activations))
    own = getattr(function, "__name__", None)
    tb, name = err.__traceback__, None
    while tb is not None:
        code = tb.tb_frame.f_code
        if not code.co_filename.startswith(libraries) and "site-packages" not in code.co_filename \
                and not code.co_filename.endswith((".pyx", ".pxd")) and code.co_name.isidentifier():
            name = code.co_name
        tb = tb.tb_next
    return name if name and name != own and name.isidentifier() and name in EXERCISES else None


def raised_in(err):
    """The name of the function whose frame raised ``err`` (the innermost one)."""
    tb, name = err.__traceback__, None
    while tb is not None:
        name = tb.tb_frame.f_code.co_name
        tb = tb.tb_next
    return name


def converts_to_float64(function):
    """Does the learner's code turn numbers into float64 on purpose (dtype=float, astype(np.float64), ...)?

    A float64 result for float32 inputs is named only then. float64 that comes in implicitly (np.zeros(shape) in a
    loop version, numpy's scalar rules such as np.power(beta, t)) is tolerated: those are right answers written
    another way, and their verdict must not depend on the dtype of the inputs. Without source: strict.
    """
    try:
        source = inspect.getsource(function)
    except (OSError, TypeError):
        return True
    return bool(FLOAT64.search(code_only(source)))


def code_only(source):
    """The source without its comments and string literals (a docstring may well say "float64")."""
    try:
        tokens = list(tokenize.generate_tokens(io.StringIO(textwrap.dedent(source)).readline))
    except (tokenize.TokenError, IndentationError, SyntaxError):
        return source
    return " ".join(token.string for token in tokens if token.type not in (tokenize.COMMENT, tokenize.STRING))


FLOAT64 = re.compile(r"float64|np\.double|float_\b|dtype\s*=\s*(float|\"float\"|'float')\b"
                     r"|astype\(\s*(float|\"float\")\b|np\.array\(.*,\s*float\s*\)|np\.asarray\(.*,\s*float\s*\)")


def agrees_with_reference(mine, ref, case, strict_dtype=True):
    # A RuntimeWarning counts in the float64 cases (the edge cases the course teaches); in float32 a right answer
    # written for float64 (e.g. a clip at ±500 before exp) may overflow harmlessly, and its verdict must not change.
    warned = mine.warnings and case_tolerance(case) is None
    if mine.error is not None or warned or mine.mutated:
        return False
    if case.accepts is not None:
        try:
            return bool(case.accepts(mine.output, ref.output))
        except Exception:  # noqa: BLE001
            return False
    return compare(mine.output, ref.output, strict_dtype=strict_dtype, tol=case_tolerance(case)) is None


def diagnose_without_catalogue(exercise, cases, runs, references, wrong):
    """Diagnoses that need no catalogue, on the first case that is wrong."""
    # values and structure first (a wrong value explains more than a side effect)
    for index in wrong:
        case, mine, ref = cases[index], runs[index], references[index]
        if case.accepts is not None:
            continue
        swapped = order_problem(exercise, mine.output, ref.output)
        if swapped:
            return swapped
        problem = first_problem(exercise, mine.output, ref.output, case)
        if problem and problem.kind != "dtype":
            return problem_sentence(exercise, case, index + 1, problem, mine, ref)
    for index in wrong:
        case, mine, ref = cases[index], runs[index], references[index]
        if case.accepts is not None and not agrees_with_reference(mine, ref, case, False) \
                and not mine.warnings and not mine.mutated:
            return edge_problem(exercise, case, index + 1, mine, ref)
    sentence = side_effects([cases[i] for i in wrong], [runs[i] for i in wrong], [i + 1 for i in wrong])
    if sentence:
        return sentence
    for index in wrong:
        case, mine, ref = cases[index], runs[index], references[index]
        problem = compare(mine.output, ref.output, tol=case_tolerance(case))
        if problem:
            return diagnose_problem(exercise, case, index + 1, problem, [mine])
    return "differs from the reference"


def problem_sentence(exercise, case, number, problem, mine, ref):
    """diagnose_problem's sentence, or the exercise's own explanation where that would only say "differs"."""
    sentence = diagnose_problem(exercise, case, number, problem, [mine])
    generic = "differs from the reference" in sentence or problem.kind == "nonfinite"
    if problem.kind in ("values", "nonfinite") and generic and exercise.explain:
        try:
            better = exercise.explain(mine.output, ref.output, case)
        except Exception:  # noqa: BLE001 - an explanation is a bonus, never a crash
            better = None
        if better:
            where = f" (case {number}, {case.inputs_text()})"
            return better + (where if len(better) + len(where) <= 2 * LINE_WIDTH - 40 else f" (case {number})")
    return sentence


def first_problem(exercise, got, expected, case):
    """compare(), but the outputs named in ``exercise.compare_first`` (an optimizer's state) are compared first."""
    tol = case_tolerance(case)
    if isinstance(got, tuple) and isinstance(expected, tuple) and len(got) == len(expected):
        for item in exercise.compare_first:
            problem = compare(got[item], expected[item], (item,), tol=tol)
            if problem and problem.kind != "dtype":
                return problem
    return compare(got, expected, tol=tol)


def warning_hint(text):
    """A nudge for the RuntimeWarnings of the course's edge cases."""
    if "overflow" in text and ("exp" in text or "cosh" in text or "sinh" in text):
        return "; exp overflows for large arguments: only ever take np.exp of -|Z| (the stable form), or use np.tanh"
    if "in log" in text:
        return "; keep AL inside [eps, 1 - eps] (np.clip, eps = np.finfo(AL.dtype).eps) before log or 1 / AL"
    return ""


def side_effects(cases, runs, numbers=None):
    """A RuntimeWarning or an input modified in place, or None."""
    numbers = numbers or range(1, len(cases) + 1)
    for number, case, mine in zip(numbers, cases, runs, strict=False):
        if mine.warnings and case_tolerance(case) is None:
            return (f"a RuntimeWarning ({mine.warnings[0]}) in case {number} ({case.inputs_text()}): "
                    f"the course's version stays finite and silent there" + warning_hint(mine.warnings[0]))
    for mine in runs:
        if mine.mutated:
            return (f"modifies its input {', '.join(mine.mutated)} in place: build new arrays "
                    f"(x = x - ..., not x -= ...; copy before changing)")
    return None


def edge_problem(exercise, case, index, mine, ref):
    """A case where several answers are right (``Case.accepts``) and the learner's is none of them."""
    output, name = mine.output, exercise.outputs[0]
    values = np.asarray(output, dtype=float) if is_scalar(output) or isinstance(output, np.ndarray) else None
    if values is not None and not np.isfinite(values).all():
        return f"{name} is not finite in case {index} ({case.inputs_text()})"
    if values is not None and values.ndim == 0 and is_scalar(ref.output):
        return (f"{name} is {float(values):.3g} where the course's is {float(ref.output):.3g}, in case {index} "
                f"({case.inputs_text()})")
    problem = first_problem(exercise, output, ref.output, case)
    if problem is not None:
        return problem_sentence(exercise, case, index, problem, mine, ref)
    return f"wrong in case {index} ({case.inputs_text()})"


DRAWN_ANOTHER_WAY = "drawn another way"  # diagnose(): right in all that holds whatever the random draws


# --- what the learner's function calls: the package's solution (a shortcut), the learner's earlier functions -----

# Package functions that compute an exercise's answer without entering its reference (besides the reference itself).
SHORTCUTS = {
    "relu_backward": (backward.activation_backward, *activations.ACTIVATIONS["relu"][1:]),
    "sigmoid_backward": (backward.activation_backward, *activations.ACTIVATIONS["sigmoid"][1:]),
    "tanh_backward": (backward.activation_backward, *activations.ACTIVATIONS["tanh"][1:]),
    "initialize_parameters": (initialization.initialize_parameters_deep,),
    "initialize_parameters_deep": (initialization.initialize_parameters,),
    "L_model_forward": (regularization.L_model_forward_with_dropout,),
    "L_model_backward": (model.model_gradients, regularization.L_model_backward_with_regularization,
                         regularization.L_model_backward_with_dropout),
    "two_layer_model": (model.L_layer_model, improved_model.improved_model),
    "L_layer_model": (model.two_layer_model, improved_model.improved_model),
    "update_parameters": (optimizers.optimizer_update,),
    "update_parameters_with_momentum": (optimizers.optimizer_update,),
    "update_parameters_with_rmsprop": (optimizers.optimizer_update,),
    "update_parameters_with_adam": (optimizers.optimizer_update,),
    "initialize_velocity": (optimizers.initialize_optimizer, optimizers.initialize_rmsprop, optimizers.initialize_adam),
    "initialize_rmsprop": (optimizers.initialize_optimizer, optimizers.initialize_velocity, optimizers.initialize_adam),
    "initialize_adam": (optimizers.initialize_optimizer,),
    "inverse_time_decay": (optimizers.decayed_learning_rate,),
    "exponential_decay": (optimizers.decayed_learning_rate,),
    "step_decay": (optimizers.decayed_learning_rate,),
    "compute_cost_with_regularization": (),
    "categorical_cost": (),
}


def unwrapped(function):
    while isinstance(function, functools.partial):
        function = function.func
    return function


def is_package_function(function):
    """Is ``function`` (or what a partial wraps) one of the course's own step functions (dnn_helpers, not dh.check)?"""
    module = getattr(unwrapped(function), "__module__", None) or ""
    return module == "dnn_helpers" or (module.startswith("dnn_helpers.") and not module.startswith(__package__ + "."))


def solution_codes(name):
    """The ids of the code objects of the package's solution of exercise ``name``: entering one is a shortcut.
    (Ids, not the code objects: two code objects with the same instructions compare equal.)"""
    codes = set()
    for function in (EXERCISES[name].reference_function(), *SHORTCUTS.get(name, ())):
        function = unwrapped(function)
        for layer in (function, inspect.unwrap(function)):
            code = getattr(layer, "__code__", None)
            if code is not None:
                codes.add(id(code))
    return frozenset(codes)


def code_names(code):
    """The global names a code object (and the functions nested in it) reads."""
    names = set(code.co_names)
    for const in code.co_consts:
        if isinstance(const, types.CodeType):
            names |= code_names(const)
    return names


def learner_function(value):
    return isinstance(value, types.FunctionType) and not is_package_function(value)


def isolate(function, own):
    """A copy of the learner's ``function`` that calls the package's version of every other exercise it names.

    Returns (the copy, {exercise name: the learner's function it replaced}). The learner's helpers that it calls
    (functions of the same namespace, a notebook's globals or a module's) are copied the same way, recursively,
    so that the verdict is about ``function`` alone: one mistake, one ✗.
    """
    if not learner_function(function):
        return function, {}
    source = function.__globals__
    patched, copies, replaced = dict(source), {}, {}

    def rebind(original):
        if original in copies:
            return copies[original]
        new = types.FunctionType(original.__code__, patched, original.__name__, original.__defaults__,
                                 original.__closure__)
        new.__kwdefaults__, new.__qualname__ = original.__kwdefaults__, original.__qualname__
        new.__module__, new.__doc__ = original.__module__, original.__doc__
        new.__dict__.update(original.__dict__)
        copies[original] = new
        for name in code_names(original.__code__):
            value = source.get(name)
            if isinstance(value, dict) and any(learner_function(item) and item.__name__ in EXERCISES
                                               for item in value.values()):
                patched[name] = {key: isolated_table_entry(item, own, replaced) for key, item in value.items()}
                continue   # a table of the learner's functions, e.g. {"relu": relu_backward, ...}
            if not learner_function(value) or name == own:
                continue
            if name in EXERCISES:
                patched[name] = EXERCISES[name].reference_function()
                replaced.setdefault(name, value)
            elif value.__globals__ is source:
                patched[name] = rebind(value)
        return new

    return rebind(function), replaced


def isolated_table_entry(item, own, replaced):
    """An entry of a table of the learner's functions: the package's version if it is another exercise's."""
    if learner_function(item) and item.__name__ in EXERCISES and item.__name__ != own:
        replaced.setdefault(item.__name__, item)
        return EXERCISES[item.__name__].reference_function()
    return item


_judging = set()  # exercise names being judged, so that two functions that call each other do not loop
_verdicts = {}    # within one check: (name, function) -> the verdict of an earlier function of the learner's


def shared_outputs(exercise, mine, ref):
    """Two outputs that are one array in memory (e.g. Adam's v and s built as one dict), where the course's are two:
    updating one would change the other."""
    if mine.error is not None or ref.error is not None:
        return None
    theirs = dict(arrays_in(ref.output))
    items = arrays_in(mine.output)
    for i, (path_a, a) in enumerate(items):
        for path_b, b in items[i + 1:]:
            if a.size and np.shares_memory(a, b) and path_a in theirs and path_b in theirs \
                    and not np.shares_memory(theirs[path_a], theirs[path_b]):
                return (f"{path_name(exercise, path_a)} and {path_name(exercise, path_b)} are one array in memory: "
                        f"build each separately (e.g. np.zeros_like for each), or updating one changes the other")
    return None


def passed_another_way(cases, runs):
    """A call whose arguments are passed by keyword (or by position) must give what the same call gives otherwise."""
    for number, (case, mine) in enumerate(zip(cases, runs, strict=False), start=1):
        if case.same_as is None or same_outcome(mine, runs[case.same_as], case):
            continue
        how = "by keyword" if not case.args else "by position"
        got = f"raises {type(mine.error).__name__}: {mine.error}" if mine.error is not None else "gives another answer"
        return (f"{got} when its arguments are passed {how} (case {number}, {case.inputs_text()}): the course passes "
                f"them both ways, so keep the exercise's parameter names and order")
    return None


def failing_dependencies(replaced):
    """{name: (through, what)} for the learner's earlier functions that this one uses, directly or through other
    functions of theirs (``through``, the names between), and that fail their own check or are not written yet."""
    failing = {}
    for name, function in replaced.items():
        if name in _judging:
            continue
        try:
            if (name, function) not in _verdicts:
                _verdicts[(name, function)] = judge(function, name)
            result = _verdicts[(name, function)]
        except store.NotWritten:
            failing.setdefault(name, ((), "is not written yet"))
            continue
        if not result.passed:
            what = "is not written yet" if "not written yet" in result.message else "fails its check"
            failing.setdefault(name, ((), what))
        for inner, (through, what) in result.failing.items():
            failing.setdefault(inner, ((name, *through), what))
    return failing


def dependency_lines(failing):
    """The lines that name them: one per function, or one line for them all when there are more than two."""
    if len(failing) > 2:
        names = ", ".join(failing)
        return [f"it uses your {names}, which fail their checks: fix those first"]
    return [f"it uses your {name}" + (f" (through your {', '.join(through)})" if through else "")
            + f", which {what}: fix that first (dh.check({name}))" for name, (through, what) in failing.items()]


# --- the one line ---------------------------------------------------------------------------------------------------

LINE_WIDTH = 160
HINT_POINTER = "see the Hint under the exercise"


def split_line(text):
    """(first line, the rest) with the first line at most LINE_WIDTH characters, cut after a colon or semicolon (else a
    comma, else before a parenthesis) outside parentheses and brackets."""
    if len(text) <= LINE_WIDTH:
        return text, ""
    depth, outside = 0, []
    for char in text[:LINE_WIDTH]:
        depth += (char in "([{") - (char in ")]}")
        outside.append(depth == 0)
    for marks in (("; ", ": "), (", ",), (" (",)):
        cuts = [index for index in range(70, LINE_WIDTH - 1) if outside[index] and text[index:index + 2] in marks]
        if cuts:
            cut = cuts[-1]
            rest = text[cut + 1:] if text[cut:cut + 2] == " (" else text[cut + 2:]
            return text[:cut].rstrip(":;, "), rest.strip()
    cut = text.rfind(" ", 0, LINE_WIDTH)
    return text[:cut], text[cut + 1:]


def message_lines(symbol, name, sentence, extra=(), hint=False):
    """The printed message: one line of at most LINE_WIDTH characters, then indented lines for the fix, the Hint and
    the learner's functions this one uses that fail their own checks."""
    sentence, _, fix = sentence.partition("\n")
    first, rest = split_line(f"{symbol} {name}: {sentence}")
    more = [line for line in (rest, fix) if line]
    if len(more) == 2 and len(more[0]) + len(more[1]) + 2 <= LINE_WIDTH - 4:
        more = [f"{more[0]}: {more[1]}"]
    if hint:
        if more and len(more[0]) + len(HINT_POINTER) + 2 <= LINE_WIDTH - 4:
            more[0] = f"{more[0]}; {HINT_POINTER}"
        elif len(first) + len(HINT_POINTER) + 3 <= LINE_WIDTH:
            first = f"{first} ({HINT_POINTER})"
        else:
            more.append(HINT_POINTER)
    more += list(extra)
    more = [textwrap.shorten(line, LINE_WIDTH - 4, placeholder=" ...") for line in more]
    return "\n".join([first] + ["    " + line for line in more])


# --- the check ----------------------------------------------------------------------------------------------------


@contextlib.contextmanager
def numpy_state_kept():
    """Whatever the learner's code does to numpy's global state (the legacy random state, np.seterr,
    np.set_printoptions) is undone when the check ends."""
    random_state, errors, printing = np.random.get_state(), np.geterr(), np.get_printoptions()  # noqa: NPY002
    try:
        yield
    finally:
        np.random.set_state(random_state)  # noqa: NPY002
        np.seterr(**errors)
        np.set_printoptions(**printing)


def check(function, name=None):
    """Run ``function`` against the course's reference on fixed inputs; print its verdict; return a CheckResult.

    name: the exercise's name (default: ``function.__name__``), e.g. ``check(my_relu, "relu")``.
    The verdict is also handed to ``store.record`` (which saves the learner's function in the exercises edition).
    """
    result = judge(function, name)
    print(result.message)
    result._just_printed = True
    if result.name is not None:
        for note in store.record(result.name, function, result) or ():
            print(f"    {note}")
    return result


def judge(function, name=None):
    """``check``'s verdict, printed nowhere and recorded nowhere (for dh.progress and the dependency lines)."""
    name = name or getattr(function, "__name__", None)
    exercises = catalogue()
    if not callable(function):
        shown = textwrap.shorten(repr(function), 40, placeholder="...")
        return check_result(False, None, f"dh.check needs the function itself, e.g. dh.check(relu); it got "
                                          f"{type(function).__name__} {shown}", shown_name=str(name or "check"))
    if name not in exercises:
        return unknown_name(function, name)
    exercise_ = exercises[name]
    if is_package_function(function):
        where = getattr(unwrapped(function), "__module__", "dnn_helpers")
        return check_result(False, name, f"this is the package's own function ({where}), not yours: "
                                          f"dh.check judges the {name} you write in the notebook")
    cases = build_cases(exercise_)
    missing = missing_options(function, exercise_)
    missing &= {name for case in cases for name in (*case.args, *case.kwargs)}   # only those the course passes
    cases = [case for case in cases if not missing & (set(case.args) | set(case.kwargs))]
    problem = signature_problem(function, exercise_, cases)
    if problem:
        return check_result(False, name, problem, hint=exercise_.hint)
    isolated, replaced = isolate(function, name)
    _judging.add(name)
    try:
        with numpy_state_kept():
            passed, sentence = verdict_on_cases(name, function, isolated, exercise_, cases)
        failing = failing_dependencies(replaced)
        extra = dependency_lines(failing)
        if passed and missing:
            options = ", ".join(sorted(missing))
            extra.insert(0, f"not tried: {options} (your function has no such parameter; the course passes it)")
    finally:
        _judging.discard(name)
        if not _judging:
            _verdicts.clear()
    result = check_result(passed, name, sentence, extra, hint=exercise_.hint and not passed)
    result.failing = failing
    return result


def unknown_name(function, name):
    """A function whose name is no exercise's (my_relu, a lambda): how to name the exercise, and close names."""
    shown = name if isinstance(name, str) and name.isidentifier() else "your_function"
    close = difflib.get_close_matches(str(name), list(EXERCISES), n=3, cutoff=0.5)
    close += [known for known in EXERCISES if isinstance(name, str) and known in name and known not in close]
    example = close[0] if close else "relu"
    sentence = (f'there is no check for a function of this name: say which exercise it is, e.g. '
                f'dh.check({shown}, "{example}")')
    extra = [f"close names: {', '.join(close[:3])}"] if close else []
    return check_result(False, None, sentence, extra, shown_name=str(name))


def check_result(passed, name, sentence, extra=(), hint=False, shown_name=None):
    """The CheckResult of a verdict: ✓ or ✗, the name, the sentence and the extra lines (``message_lines``)."""
    symbol = "✓" if passed else "✗"
    return CheckResult(passed, message_lines(symbol, shown_name or name, sentence, extra, hint), name)


def verdict_on_cases(name, function, isolated, exercise_, cases):
    """(passed, sentence): the learner's (isolated) function on every case, against the reference."""
    references = [run_on_copy(exercise_.reference_function(), case) for case in cases]
    for case, ref in zip(cases, references, strict=False):
        if ref.error is not None:  # a broken case is this module's bug, not the learner's
            raise RuntimeError(f"check({name}): the reference failed on {case.inputs_text()}: {ref.error!r}")
    watch = solution_codes(name)
    runs = [run_on_copy(isolated, case, watch) for case in cases]
    entered = next((mine.shortcut for mine in runs if mine.shortcut is not None), None)
    if entered is not None:
        return False, (f"its answer comes from the package's own {entered.co_name} (the course's solution), not "
                       f"from your code: write the computation yourself")
    base = [index for index, case in enumerate(cases) if case.same_as is None]
    try:
        sentence = diagnose(exercise_, isolated, [cases[i] for i in base], [runs[i] for i in base],
                            [references[i] for i in base], converts_to_float64(function))
    except Exception as err:  # noqa: BLE001 - a check never raises on a wrong answer
        sentence = f"its result could not be compared with the course's ({type(err).__name__}: {err})"
    if sentence is None or sentence is DRAWN_ANOTHER_WAY:
        sentence = passed_another_way(cases, runs) or sentence
    if sentence is None or sentence is DRAWN_ANOTHER_WAY:
        sentence = shared_outputs(exercise_, runs[0], references[0]) or sentence
    if sentence is None:
        return True, f"right on {len(cases)} cases ({exercise_.covers})"
    if sentence is DRAWN_ANOTHER_WAY:
        return True, (f"right on {len(cases)} cases in all that holds whatever the random draws ({exercise_.covers}); "
                      f"its draws are not the course's, so its numbers will differ from the notebook's")
    return False, sentence
