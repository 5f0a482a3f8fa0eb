"""Tests for dnn_helpers.search (notebook 17): log-uniform draws, grid and random candidates, run_search, narrowing;
the notebook's solution bodies equal the package's; the dh.check catalogue names every planted mistake."""

import ast
import contextlib
import io
import importlib
import inspect
import json
import textwrap
from pathlib import Path

import numpy as np
import pytest

import dnn_helpers as dh
from dnn_helpers import search
from dnn_helpers.check.engine import EXERCISES, judge
from dnn_helpers.stacked import median_of_last, train_stacked, unstack

catalogue = importlib.import_module("dnn_helpers.check.hyperparameter_search")
NOTEBOOK = Path(__file__).resolve().parents[1] / "notebooks" / "17_hyperparameter_search.ipynb"
RANGES = {"learning_rate": (1e-3, 10.0), "lambd": (1e-4, 1.0)}


@pytest.fixture(scope="module")
def moons():
    X, Y = dh.make_moons(40, noise=0.3, seed=1)
    X_val, Y_val = dh.make_moons(60, noise=0.3, seed=2)
    return X, Y, X_val, Y_val


# --- sample_log_uniform -------------------------------------------------------------------------------------------

def test_sample_log_uniform_values_shape_and_range():
    values = search.sample_log_uniform(1e-3, 10.0, 50, seed=0)
    assert values.shape == (50,) and values.dtype == np.float64
    assert values.min() >= 1e-3 and values.max() < 10.0
    expected = 10.0 ** np.random.default_rng(0).uniform(-3, 1, 50)
    np.testing.assert_allclose(values, expected, rtol=1e-12)


def test_sample_log_uniform_gives_each_decade_a_quarter():
    values = search.sample_log_uniform(1e-4, 1.0, 40_000, seed=5)
    shares = np.histogram(np.log10(values), bins=[-4, -3, -2, -1, 0])[0] / values.size
    np.testing.assert_allclose(shares, 0.25, atol=0.01)


def test_sample_log_uniform_seeds():
    same = search.sample_log_uniform(0.1, 1.0, 5, seed=3), search.sample_log_uniform(0.1, 1.0, 5, seed=3)
    np.testing.assert_array_equal(*same)
    assert not np.allclose(same[0], search.sample_log_uniform(0.1, 1.0, 5, seed=4))
    rng = np.random.default_rng(3)
    first, second = search.sample_log_uniform(0.1, 1.0, 5, rng), search.sample_log_uniform(0.1, 1.0, 5, rng)
    np.testing.assert_array_equal(first, same[0])           # a Generator from seed 3 draws what seed 3 draws
    assert not np.allclose(first, second)                   # and moves on


def test_sample_log_uniform_n_one_and_keywords():
    assert search.sample_log_uniform(low=2.0, high=3.0, n=1, seed=1).shape == (1,)


@pytest.mark.parametrize("args, error, words", [
    ((0.0, 1.0, 3), ValueError, "low must be a finite number > 0"),
    ((-1.0, 1.0, 3), ValueError, "low must be"),
    ((1e-3, np.inf, 3), ValueError, "high must be a finite number > 0"),
    ((1.0, 1.0, 3), ValueError, "low must be below high"),
    ((2.0, 1.0, 3), ValueError, "low must be below high"),
    (("0.1", 1.0, 3), TypeError, "low must be a number > 0"),
    ((True, 2.0, 3), TypeError, "low must be"),
    ((0.1, 1.0, 0), ValueError, "n must be at least 1"),
    ((0.1, 1.0, 2.5), TypeError, "n must be a whole number"),
    ((0.1, 1.0, 3, None), TypeError, "seed must be"),
    ((0.1, 1.0, 3, -1), ValueError, "seed must be"),
    ((0.1, 1.0), TypeError, "'n'"),
])
def test_sample_log_uniform_errors(args, error, words):
    with pytest.raises(error, match=None) as info:
        search.sample_log_uniform(*args)
    assert words in str(info.value)


# --- grid and random candidates -------------------------------------------------------------------------------------

def test_grid_candidates_every_combination_on_a_log_scale():
    grid = search.grid_candidates(RANGES, 3)
    assert list(grid) == ["learning_rate", "lambd"] and all(v.shape == (9,) for v in grid.values())
    np.testing.assert_allclose(grid["learning_rate"], np.repeat([1e-3, 0.1, 10.0], 3))   # the first varies slowest
    np.testing.assert_allclose(grid["lambd"], np.tile([1e-4, 1e-2, 1.0], 3))
    pairs = set(zip(grid["learning_rate"].round(12), grid["lambd"].round(12), strict=True))
    assert len(pairs) == 9


def test_grid_candidates_one_per_axis_is_the_geometric_middle():
    grid = search.grid_candidates({"lambd": (1e-4, 100.0)}, 1)
    np.testing.assert_allclose(grid["lambd"], [0.1])


def test_random_candidates_draw_each_hyperparameter_in_turn():
    candidates = search.random_candidates(RANGES, 6, seed=2)
    rng = np.random.default_rng(2)
    np.testing.assert_array_equal(candidates["learning_rate"], search.sample_log_uniform(1e-3, 10.0, 6, rng))
    np.testing.assert_array_equal(candidates["lambd"], search.sample_log_uniform(1e-4, 1.0, 6, rng))
    assert len(np.unique(candidates["learning_rate"])) == 6
    again = search.random_candidates(RANGES, 6, seed=2)
    assert all(np.array_equal(candidates[k], again[k]) for k in RANGES)


@pytest.mark.parametrize("ranges, error, words", [
    ({}, TypeError, "non-empty dict"),
    ([(1e-3, 1.0)], TypeError, "non-empty dict"),
    ({"alpha": (1e-3, 1.0)}, ValueError, "'alpha'"),
    ({"lambd": (1e-3,)}, TypeError, "a pair (low, high)"),
    ({"lambd": (0.0, 1.0)}, ValueError, "ranges['lambd'] low must be a finite number > 0"),
    ({"lambd": (1.0, 0.1)}, ValueError, "must be below"),
])
def test_candidate_ranges_errors(ranges, error, words):
    for make in (lambda: search.grid_candidates(ranges, 2), lambda: search.random_candidates(ranges, 2)):
        with pytest.raises(error) as info:
            make()
        assert words in str(info.value)


def test_candidate_counts_errors():
    with pytest.raises(ValueError, match="per_axis must be at least 1"):
        search.grid_candidates(RANGES, 0)
    with pytest.raises(ValueError, match="per_axis \\*\\* d"):
        search.grid_candidates(RANGES, 1000)
    with pytest.raises(TypeError, match="n must be a whole number"):
        search.random_candidates(RANGES, 2.0)


# --- narrow_range ----------------------------------------------------------------------------------------------------

def test_narrow_range_hand_values():
    values, scores = np.array([1e-3, 1e-2, 0.1, 1.0, 10.0]), np.array([0.7, 0.5, 0.3, 0.25, np.inf])
    np.testing.assert_allclose(search.narrow_range(values, scores, 2, 2.0), (0.05, 2.0))
    np.testing.assert_allclose(search.narrow_range(values, scores, 1, 2.0), (0.5, 2.0))
    np.testing.assert_allclose(search.narrow_range(values, scores, 2, 1.0), (0.1, 1.0))
    np.testing.assert_allclose(search.narrow_range(values, scores, keep=5, margin=10.0), (1e-4, 100.0))
    low, high = search.narrow_range(values, scores)
    assert isinstance(low, float) and isinstance(high, float)
    np.testing.assert_allclose((low, high), (5e-4, 2.0))          # keep = 4, margin = 2 by default


def test_narrow_range_nan_counts_as_diverged_and_inputs_stay():
    values, scores = np.array([0.1, 1.0, 10.0]), np.array([np.nan, 0.4, 0.3])
    kept = values.copy(), scores.copy()
    np.testing.assert_allclose(search.narrow_range(values, scores, 2, 1.0), (1.0, 10.0))
    np.testing.assert_array_equal(values, kept[0])
    np.testing.assert_array_equal(scores, kept[1])
    np.testing.assert_allclose(search.narrow_range([0.1, 1.0], [2, 1], 1, 1.0), (1.0, 1.0))   # lists and ints
    np.testing.assert_allclose(search.narrow_range([0.5], [0.3], 1, 2.0), (0.25, 1.0))       # one candidate


@pytest.mark.parametrize("args, error, words", [
    (([0.1, 1.0], [0.3, 0.2], 3), ValueError, "keep = 3 is more than the 2 candidates"),
    (([0.1, 1.0], [0.3, 0.2], 0), ValueError, "keep must be at least 1"),
    (([0.1, 1.0], [0.3, 0.2], 1, 0.5), ValueError, "margin is the factor"),
    (([0.1, 1.0], [0.3, 0.2], 1, "2"), TypeError, "margin must be a number >= 1"),
    (([0.1, 1.0], [0.3], 1), ValueError, "same length"),
    (([0.1, 1.0], [np.inf, np.nan], 1), ValueError, "every candidate diverged"),
    (([0.0, 1.0], [0.3, 0.2], 1), ValueError, "values must be finite numbers > 0 (hyperparameter values on a log "
                                              "scale); got [0.0] among them"),
    (([0.1, 1.0], [-np.inf, 0.2], 1), ValueError, "-inf"),
    (({"lambd": [0.1]}, [0.3], 1), TypeError, "narrow_ranges"),
    ((["a", "b"], [0.3, 0.2], 1), TypeError, "values must be an array of numbers"),
    (([0.1, 1.0], ["a", "b"], 1), TypeError, "scores must be an array of numbers"),
    (([0.1, 1.0], [True, False], 1), TypeError, "scores must be an array of numbers"),
    (([], [], 1), ValueError, "two arrays (n,) of the same length"),
])
def test_narrow_range_errors(args, error, words):
    with pytest.raises(error) as info:
        search.narrow_range(*args)
    assert words in str(info.value)


def test_narrow_ranges_every_hyperparameter():
    candidates = {"learning_rate": np.array([0.01, 0.1, 1.0]), "lambd": np.array([1.0, 0.01, 0.1])}
    box = search.narrow_ranges(candidates, np.array([0.5, 0.2, 0.3]), keep=2, margin=2.0)
    np.testing.assert_allclose(box["learning_rate"], (0.05, 2.0))
    np.testing.assert_allclose(box["lambd"], (0.005, 0.2))
    with pytest.raises(ValueError, match="same length"):
        search.narrow_ranges({"learning_rate": [0.1, 1.0], "lambd": [0.1]}, [0.1, 0.2])


# --- run_search -----------------------------------------------------------------------------------------------------

def test_run_search_scores_are_the_validation_medians(moons):
    X, Y, X_val, Y_val = moons
    candidates = {"learning_rate": np.array([0.05, 0.5, 1.0]), "lambd": np.array([0.0, 0.1, 1.0])}
    result = search.run_search(X, Y, X_val, Y_val, [2, 5, 1], candidates, 30, seeds=[3, 4], last=5)
    runs = train_stacked(X, Y, [2, 5, 1], np.repeat(candidates["learning_rate"], 2), [3, 4] * 3, 30,
                         lambd=np.repeat(candidates["lambd"], 2), validation=(X_val, Y_val), validation_last=5)
    expected = median_of_last(runs.validation_costs, 5).reshape(3, 2).mean(axis=1)
    np.testing.assert_allclose(result.scores, expected, rtol=1e-12)
    assert result.best == int(np.argmin(expected)) and result.runs == 6
    assert result.setting == {k: float(v[result.best]) for k, v in candidates.items()}
    best_run = unstack(runs.parameters, 2 * result.best)
    assert all(np.allclose(result.parameters[k], best_run[k], rtol=0, atol=1e-12) for k in best_run)


def test_run_search_equals_improved_model_per_candidate(moons):
    X, Y, X_val, Y_val = moons
    candidates = {"lambd": np.array([0.0, 0.3])}
    result = search.run_search(X, Y, X_val, Y_val, [2, 4, 1], candidates, 12, seeds=[7], last=1, learning_rate=0.3)
    for i, lambd in enumerate(candidates["lambd"]):
        parameters, _ = dh.improved_model(X, Y, [2, 4, 1], 0.3, 12, seed=7, lambd=lambd)
        score = float(dh.stacked_cost(X_val, Y_val, {k: v[None] for k, v in parameters.items()})[0])
        assert result.scores[i] == pytest.approx(score, rel=1e-9)


def test_run_search_is_deterministic_and_a_diverged_run_is_not_picked(moons):
    X, Y, X_val, Y_val = moons
    candidates = {"learning_rate": np.array([0.1, 1e300])}
    first = search.run_search(X, Y, X_val, Y_val, [2, 3, 1], candidates, 10, seeds=[0], last=2)
    second = search.run_search(X, Y, X_val, Y_val, [2, 3, 1], candidates, 10, seeds=[0], last=2)
    np.testing.assert_array_equal(first.scores, second.scores)
    assert np.isfinite(first.scores[0]) and first.scores[1] == np.inf and first.best == 0


@pytest.mark.parametrize("change, error, words", [
    (dict(candidates={"learning_rate": [0.1]}, learning_rate=0.2), ValueError, "both a candidate"),
    (dict(candidates={"lambd": [0.1]}), TypeError, "needs a learning rate"),
    (dict(validation=None), TypeError, "run_search sets validation itself"),
    (dict(num_epochs=3), ValueError, "fewer than last = 5"),
    (dict(seeds=3), TypeError, "seeds must be a non-empty list"),
    (dict(seeds=[np.random.default_rng(0)]), TypeError, "seeds[0] must be a whole number"),
    (dict(candidates={"alpha": [0.1]}), ValueError, "'alpha'"),
    (dict(candidates={"learning_rate": [0.1, 0.2], "lambd": [0.1]}), ValueError, "same length"),
    (dict(candidates={"learning_rate": [np.nan]}), ValueError, "not a finite number"),
    (dict(candidates=[0.1]), TypeError, "candidates must be a non-empty dict"),
    (dict(candidates={"learning_rate": [[0.1]]}), ValueError, "must be a 1-D array of numbers"),
    (dict(candidates={"learning_rate": []}), ValueError, "must be a 1-D array of numbers"),
    (dict(candidates={"learning_rate": ["fast"]}), ValueError, "must be a 1-D array of numbers"),
    (dict(num_epochs=0), ValueError, "num_epochs must be at least 1"),
    (dict(last=0), ValueError, "ValueError: last must be at least 1"),
    (dict(validation_last=3), TypeError, "run_search sets validation_last itself"),
])
def test_run_search_errors(moons, change, error, words):
    X, Y, X_val, Y_val = moons
    arguments = dict(candidates={"learning_rate": [0.1]}, num_epochs=10, seeds=[0], last=5)
    arguments.update(change)
    with pytest.raises(error) as info:
        search.run_search(X, Y, X_val, Y_val, [2, 3, 1], **arguments)
    assert words in f"{type(info.value).__name__}: {info.value}"


# --- one text per idea: the notebook's solution bodies are the package's ---------------------------------------------

def notebook_function(name):
    """The source of the function ``name`` defined in a code cell of notebook 17."""
    for cell in json.loads(NOTEBOOK.read_text(encoding="utf-8"))["cells"]:
        source = "".join(cell["source"])
        if cell["cell_type"] == "code" and f"def {name}(" in source:
            return source
    raise AssertionError(f"notebook 17 defines no {name}")


def body_lines(source, name):
    """The statements of function ``name`` after its docstring, marker lines dropped, dedented."""
    tree = ast.parse(textwrap.dedent(source))
    function = next(node for node in ast.walk(tree) if isinstance(node, ast.FunctionDef) and node.name == name)
    lines = textwrap.dedent(source).splitlines()
    start = function.body[1].lineno if ast.get_docstring(function) else function.body[0].lineno
    kept = [line for line in lines[start - 1:function.end_lineno] if "SOLUTION" not in line]
    return textwrap.dedent("\n".join(kept)).strip()


@pytest.mark.parametrize("name", ["sample_log_uniform", "narrow_range"])
def test_notebook_solution_body_is_the_package_body(name):
    package = (Path(__file__).resolve().parents[1] / "dnn_helpers" / "search.py").read_text(encoding="utf-8")
    assert body_lines(notebook_function(name), name) == body_lines(package, name)
    assert inspect.signature(getattr(search, name)) == inspect.signature(
        _compiled(notebook_function(name), name))


def _compiled(source, name):
    namespace = {"np": np}
    exec(compile(source, str(NOTEBOOK), "exec"), namespace)      # noqa: S102 - the notebook's own cell
    return namespace[name]


def test_docstrings_name_notebook_17():
    for name in search.__all__:
        doc = inspect.getdoc(getattr(search, name)) or ""
        assert "notebook 17" in doc or name in ("HYPERPARAMETERS",), name


# --- dh.check's catalogue ---------------------------------------------------------------------------------------------

@pytest.mark.parametrize("name", ["sample_log_uniform", "narrow_range"])
def test_the_notebook_solution_passes_its_check(name):
    result = judge(_compiled(notebook_function(name), name), name)
    assert result.passed, result.message


@pytest.mark.parametrize("name", ["sample_log_uniform", "narrow_range"])
def test_catalogue_has_five_mistakes_or_more(name):
    assert EXERCISES[name].notebook == "17" and catalogue.NOTEBOOK == "17"
    assert len(EXERCISES[name].mistakes) >= 5


@pytest.mark.parametrize("name, entry", [(name, entry) for name in ("sample_log_uniform", "narrow_range")
                                         for entry in EXERCISES[name].mistakes],
                         ids=lambda value: getattr(getattr(value, "function", None), "__name__", value))
def test_each_planted_mistake_is_named(name, entry):
    result = judge(entry.function, name)
    assert not result.passed
    assert entry.sentence.splitlines()[0][:60] in result.message


def _linear(low, high, n, seed=0):
    rng = np.random.default_rng(seed)
    return low + (high - low) * rng.random(n)


def _natural_log(low, high, n, seed=0):
    rng = np.random.default_rng(seed)
    return np.exp(rng.uniform(np.log(low), np.log(high), n))


def _power(low, high, n, seed=0):
    rng = np.random.default_rng(seed)
    return low * (high / low) ** rng.random(n)


def _other_draw(low, high, n, seed=0):
    rng = np.random.default_rng(seed)
    rng.random()                                    # another valid draw: skips one number
    return 10.0 ** rng.uniform(np.log10(low), np.log10(high), n)


def _global_state(low, high, n, seed=0):
    return 10.0 ** np.random.uniform(np.log10(low), np.log10(high), n)   # noqa: NPY002 - the mistake planted


def _loop_narrow(values, scores, keep=4, margin=2.0):
    order = sorted(range(len(values)), key=lambda i: scores[i])[:keep]
    best = [values[i] for i in order]
    return min(best) / margin, max(best) * margin


def _keep_ignored(values, scores, keep=4, margin=2.0):
    best = values[np.argsort(scores)[:4]]
    return best.min() / margin, best.max() * margin


@pytest.mark.parametrize("function, name, passes, words", [
    (_natural_log, "sample_log_uniform", True, "right on"),
    (_power, "sample_log_uniform", True, "right on"),
    (_other_draw, "sample_log_uniform", True, "right on"),
    (_loop_narrow, "narrow_range", True, "right on"),
    (_linear, "sample_log_uniform", False, "not on a log scale"),
    (_global_state, "sample_log_uniform", False, "global state"),
    (_keep_ignored, "narrow_range", False, "keep is ignored"),
])
def test_variants_and_natural_mistakes(function, name, passes, words):
    result = judge(function, name)
    assert result.passed is passes and words in result.message, result.message


# --- the notebook's hand-check cells print ✗ for the wrong code they are there to catch ---------------------------

def hand_check_output(marker, **functions):
    """Run the code cell of notebook 17 whose source contains ``marker`` with the given functions; its printout."""
    cell = next("".join(c["source"]) for c in json.loads(NOTEBOOK.read_text(encoding="utf-8"))["cells"]
                if c["cell_type"] == "code" and marker in "".join(c["source"]))
    namespace = {"np": np, "dh": dh, "ranges": {"learning_rate": (1e-4, 100.0), "lambd": (1e-3, 10.0)}, **functions}
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        exec(compile(cell, str(NOTEBOOK), "exec"), namespace)     # noqa: S102 - the notebook's own cell
    return printed.getvalue()


def _sorted_draws(low, high, n, seed=0):
    return np.sort(search.sample_log_uniform(low, high, n, seed))


def _log_of_the_linear_ends(low, high, n, seed=0):
    return 10.0 ** np.random.default_rng(seed).uniform(np.log10(low), np.log10(high) + 0.1, n)


@pytest.mark.parametrize("wrong", [_linear, _sorted_draws, _log_of_the_linear_ends, _global_state])
def test_the_decade_count_cell_catches_wrong_draws(wrong):
    right = hand_check_output("a quarter per decade", sample_log_uniform=search.sample_log_uniform.__wrapped__)
    assert "✓ a quarter per decade" in right
    assert "✗" in hand_check_output("a quarter per decade", sample_log_uniform=wrong)


@pytest.mark.parametrize("wrong", [_linear, _sorted_draws])
def test_the_candidates_cell_catches_wrong_draws(wrong):
    right = hand_check_output("the same candidates as dh.random_candidates",
                              sample_log_uniform=search.sample_log_uniform.__wrapped__)
    assert "✓ the same candidates" in right
    assert "✗" in hand_check_output("the same candidates as dh.random_candidates", sample_log_uniform=wrong)


@pytest.mark.parametrize("wrong", ["keeps_the_worst_candidates", "range_not_widened_by_margin",
                                   "margin_applied_inwards", "only_the_single_best", "one_candidate_too_many"])
def test_the_narrow_range_hand_check_catches_planted_mistakes(wrong):
    right = hand_check_output("the hand values, and dh.narrow_range", narrow_range=search.narrow_range.__wrapped__)
    assert "✓ the hand values" in right
    assert "✗" in hand_check_output("the hand values, and dh.narrow_range", narrow_range=getattr(catalogue, wrong))


@pytest.mark.parametrize("name", ["learning_rate", "lambd", "keep_prob", "beta1", "beta2", "decay_rate"])
def test_every_per_run_option_of_train_stacked_can_be_searched(moons, name):
    X, Y, X_val, Y_val = moons
    candidates = search.grid_candidates({name: (0.2, 0.8)}, 2)
    np.testing.assert_allclose(candidates[name], [0.2, 0.8])
    fixed = {} if name == "learning_rate" else {"learning_rate": 0.3}
    options = {"optimizer": "adam"} if name.startswith("beta") else {"decay": "inverse_time"} \
        if name == "decay_rate" else {}
    result = search.run_search(X, Y, X_val, Y_val, [2, 3, 1], candidates, 4, seeds=[1], last=1, **fixed, **options)
    runs = train_stacked(X, Y, [2, 3, 1], candidates.get("learning_rate", 0.3), [1, 1], 4,
                         validation=(X_val, Y_val), validation_last=1,
                         **{key: value for key, value in candidates.items() if key != "learning_rate"}, **options)
    np.testing.assert_allclose(result.scores, runs.validation_costs[-1], rtol=1e-12)


def test_grid_size_limit_and_default_seed():
    assert search.grid_candidates({"lambd": (1e-3, 1.0)}, 100_000)["lambd"].shape == (100_000,)
    with pytest.raises(ValueError, match="100001 training runs"):
        search.grid_candidates({"lambd": (1e-3, 1.0)}, 100_001)
    with pytest.raises(ValueError, match="100489 training runs"):
        search.grid_candidates(RANGES, 317)                       # 317 ** 2
    default, zero = search.random_candidates(RANGES, 3), search.random_candidates(RANGES, 3, seed=0)
    assert all(np.array_equal(default[k], zero[k]) for k in RANGES)
    np.testing.assert_array_equal(search.sample_log_uniform(0.1, 1.0, 3), search.sample_log_uniform(0.1, 1.0, 3, 0))


def test_run_search_defaults_and_the_shortest_run(moons):
    X, Y, X_val, Y_val = moons
    candidates = {"learning_rate": np.array([0.2, 2.0])}
    default = search.run_search(X, Y, X_val, Y_val, [2, 3, 1], candidates, 14)
    runs = train_stacked(X, Y, [2, 3, 1], candidates["learning_rate"], [0, 0], 14, validation=(X_val, Y_val))
    np.testing.assert_allclose(default.scores, median_of_last(runs.validation_costs, 10), rtol=1e-12)  # last 10, seed 0
    shortest = search.run_search(X, Y, X_val, Y_val, [2, 3, 1], candidates, 5, last=5)   # num_epochs == last is fine
    assert shortest.runs == 2


def test_narrow_ranges_defaults():
    candidates = {"learning_rate": 10.0 ** np.arange(-4, 2), "lambd": 10.0 ** np.arange(1, -5, -1)}
    scores = np.array([0.6, 0.5, 0.4, 0.3, 0.2, 0.1])
    box = search.narrow_ranges(candidates, scores)
    np.testing.assert_allclose(box["learning_rate"], (1e-2 / 2, 10.0 * 2))      # keep = 4, margin = 2
    np.testing.assert_allclose(box["lambd"], (1e-4 / 2, 0.1 * 2))
