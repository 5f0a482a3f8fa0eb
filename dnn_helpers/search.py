"""Notebook 17: hyperparameter search. Candidates on a log scale (a grid, or random), each trained and scored on a
validation split only, and the range narrowed around the best (coarse to fine).

A search tries candidate settings of the hyperparameters, say the learning rate alpha and the L2 strength lambda,
trains a network with each and keeps the one with the lowest **validation** cost. The test split plays no part:
it is used once, on the setting finally chosen. Both hyperparameters act by orders of magnitude (alpha = 0.01 and
0.02 are close, 0.01 and 1 are not), so candidates are spread evenly over log10(value):

- ``grid_candidates``: every combination of ``per_axis`` values per hyperparameter (per_axis ** d runs for d of them);
- ``random_candidates``: n settings, each hyperparameter drawn by ``sample_log_uniform``: n runs try n different
  values of every hyperparameter, where a grid of the same cost tries only n ** (1 / d) of each;
- ``run_search``: trains every candidate from each seed at once (``stacked.train_stacked``) and scores it by the
  median of its last epochs' validation cost (``stacked.median_of_last``), averaged over the seeds;
- ``narrow_range`` / ``narrow_ranges``: the range spanned by the best few candidates, widened by a factor on each
  side: the next, finer search looks there.

A candidate set is a dict {hyperparameter name: (n,) array}, one entry per run, named as ``train_stacked``'s
per-run options: "learning_rate", "lambd", "keep_prob", "beta1", "beta2", "decay_rate". So
``train_stacked(..., **candidates)`` trains them as they are.

The bodies of ``sample_log_uniform`` and ``narrow_range`` are the notebook's solution cells, line for line; their
input checks sit outside the maths, in ``validation.checked``.
"""

from typing import NamedTuple

import numpy as np

from .stacked import median_of_last, train_stacked, unstack
from .validation import as_number, check_count, check_seed, checked, describe, make_rng

__all__ = ["sample_log_uniform", "grid_candidates", "random_candidates", "run_search", "SearchResult",
           "narrow_range", "narrow_ranges", "HYPERPARAMETERS"]

# The per-run options of train_stacked that a search can vary, each with the range of values it accepts.
HYPERPARAMETERS = ("learning_rate", "lambd", "keep_prob", "beta1", "beta2", "decay_rate")


# --- input checks, outside the maths --------------------------------------------------------------------------------

def _check_bounds(low, high, name_low="low", name_high="high"):
    """low and high: finite numbers with 0 < low < high (a log scale has no place for 0 or a negative value)."""
    low = as_number(low, name_low, "a number > 0")
    high = as_number(high, name_high, "a number > 0")
    for name, value in ((name_low, low), (name_high, high)):
        if not np.isfinite(value) or value <= 0:
            raise ValueError(f"{name} must be a finite number > 0: a log scale has no place for 0 or a negative "
                             f"value; got {value}")
    if low >= high:
        raise ValueError(f"{name_low} must be below {name_high}: values are drawn between them; got "
                         f"{name_low} = {low:g}, {name_high} = {high:g}")
    return low, high


def _check_sample(args):
    """sample_log_uniform's arguments, checked (``validation.checked``); numpy takes them as they are."""
    _check_bounds(args["low"], args["high"])
    check_count(args["n"], "n", minimum=1)
    check_seed(args["seed"])


def _check_values_scores(values, scores):
    """values (n,) > 0 and finite, scores (n,) numbers (inf or nan for a diverged run): float arrays."""
    if isinstance(values, dict) or isinstance(scores, dict):
        raise TypeError("values and scores must be arrays (n,), one entry per candidate, not dicts: for a candidate "
                        "set {name: (n,) array} call narrow_ranges(candidates, scores)")
    values, scores = np.asarray(values), np.asarray(scores)
    for name, array in (("values", values), ("scores", scores)):
        if not (np.issubdtype(array.dtype, np.integer) or np.issubdtype(array.dtype, np.floating)):
            raise TypeError(f"{name} must be an array of numbers (n,), one per candidate; got {describe(array)}")
    if values.ndim != 1 or scores.shape != values.shape or values.size == 0:
        raise ValueError(f"values and scores must be two arrays (n,) of the same length, one entry per candidate "
                         f"(scores: each candidate's validation cost); got shapes {values.shape} and {scores.shape}")
    if not np.isfinite(values).all() or (values <= 0).any():
        raise ValueError("values must be finite numbers > 0 (hyperparameter values on a log scale); got "
                         f"{values[~np.isfinite(values) | (values <= 0)][:3].tolist()} among them")
    if np.isneginf(scores).any():
        raise ValueError("scores must be validation costs: -inf is not one (inf or nan marks a diverged run)")
    return values.astype(float), np.where(np.isnan(scores), np.inf, scores).astype(float)


def _check_narrow(args):
    """narrow_range's arguments, checked in place (``validation.checked``): values and scores as float arrays, a nan
    score as inf."""
    values, scores = _check_values_scores(args["values"], args["scores"])
    keep = check_count(args["keep"], "keep", minimum=1)
    if keep > values.size:
        raise ValueError(f"keep = {keep} is more than the {values.size} candidates scored")
    if not np.isfinite(scores).any():
        raise ValueError("every candidate diverged (all scores are inf or nan): there is no best region to narrow "
                         "to; try smaller learning rates")
    margin = as_number(args["margin"], "margin", "a number >= 1")     # as a float
    if not np.isfinite(margin) or margin < 1:
        raise ValueError(f"margin is the factor by which the range is widened on each side (on a log scale): a "
                         f"number >= 1 (1: exactly the best candidates' span, 2: a factor 2 beyond it); got {margin}")
    args.update(values=values, scores=scores, keep=keep, margin=margin)


def _check_ranges(ranges, name="ranges"):
    """{hyperparameter name: (low, high)}, names among HYPERPARAMETERS, 0 < low < high: {name: (low, high)} floats."""
    if not isinstance(ranges, dict) or not ranges:
        raise TypeError(f"{name} must be a non-empty dict {{hyperparameter: (low, high)}}, e.g. "
                        f"{{'learning_rate': (1e-3, 10), 'lambd': (1e-3, 10)}}; got {describe(ranges)}")
    checked = {}
    for key, bounds in ranges.items():
        if key not in HYPERPARAMETERS:
            raise ValueError(f"{name} has the key {key!r}; a search varies train_stacked's per-run options: "
                             f"{', '.join(HYPERPARAMETERS)}")
        if not isinstance(bounds, (tuple, list)) or len(bounds) != 2:
            raise TypeError(f"{name}[{key!r}] must be a pair (low, high); got {describe(bounds)}")
        checked[key] = _check_bounds(*bounds, f"{name}[{key!r}] low", f"{name}[{key!r}] high")
    return checked


def _check_candidates(candidates):
    """{name: (n,) values}, names among HYPERPARAMETERS, every entry the same n >= 1: {name: (n,) float array}."""
    if not isinstance(candidates, dict) or not candidates:
        raise TypeError(f"candidates must be a non-empty dict {{hyperparameter: (n,) array of values}}, as "
                        f"grid_candidates and random_candidates return; got {describe(candidates)}")
    checked, lengths = {}, set()
    for key, values in candidates.items():
        if key not in HYPERPARAMETERS:
            raise ValueError(f"candidates has the key {key!r}; a search varies train_stacked's per-run options: "
                             f"{', '.join(HYPERPARAMETERS)}")
        values = np.asarray(values)
        if values.ndim != 1 or values.size == 0 or not (np.issubdtype(values.dtype, np.integer)
                                                        or np.issubdtype(values.dtype, np.floating)):
            raise ValueError(f"candidates[{key!r}] must be a 1-D array of numbers (n,), one per run; got "
                             f"{describe(values)}")
        if not np.isfinite(values).all():
            raise ValueError(f"candidates[{key!r}] holds a value that is not a finite number")
        checked[key] = values.astype(float)
        lengths.add(values.size)
    if len(lengths) != 1:
        raise ValueError(f"every entry of candidates must have the same length n (one value per run); got lengths "
                         f"{ {key: values.size for key, values in checked.items()} }")
    return checked


# --- candidates on a log scale ---------------------------------------------------------------------------------------

@checked(_check_sample)
def sample_log_uniform(low, high, n, seed=0):
    """n values drawn at random, evenly on a log scale between low and high (notebook 17's exercise,
    notebooks/17_hyperparameter_search).

    log10 of each value is uniform on [log10(low), log10(high)): each decade (1e-3 to 1e-2, 1e-2 to 1e-1, ...) gets
    the same share of the draws, as much as a decade of a linear draw gets where its values are largest.
    low, high: numbers with 0 < low < high. n: a whole number >= 1. seed: an int >= 0 or a numpy Generator
    (which moves on: two calls with one Generator give two different draws).
    Returns an array (n,) of float64 in [low, high).
    """
    rng = np.random.default_rng(seed)
    exponents = rng.uniform(np.log10(low), np.log10(high), n)
    return 10.0 ** exponents


def grid_candidates(ranges, per_axis):
    """Every combination of per_axis values per hyperparameter, each axis evenly spaced on a log scale (notebook 17).

    ranges: {name: (low, high)}, e.g. {"learning_rate": (1e-3, 10), "lambd": (1e-3, 10)}; names among
    HYPERPARAMETERS. per_axis: a whole number >= 1 (1 gives each range's geometric middle).
    Returns {name: (per_axis ** d,) array} for d = len(ranges); the first name varies slowest. The ends of each
    range are included (np.geomspace).
    """
    ranges = _check_ranges(ranges)
    per_axis = check_count(per_axis, "per_axis", minimum=1)
    if per_axis ** len(ranges) > 100_000:
        raise ValueError(f"per_axis = {per_axis} over {len(ranges)} hyperparameters is {per_axis ** len(ranges)} "
                         f"training runs: the cost of a grid grows as per_axis ** d")
    axes = [np.sqrt([low * high]) if per_axis == 1 else np.geomspace(low, high, per_axis)
            for low, high in ranges.values()]
    mesh = np.meshgrid(*axes, indexing="ij")
    return {name: mesh[axis].ravel() for axis, name in enumerate(ranges)}


def random_candidates(ranges, n, seed=0):
    """n settings drawn at random, each hyperparameter log-uniform in its range (notebook 17).

    ranges: {name: (low, high)} as in ``grid_candidates``. n: a whole number >= 1. seed: an int >= 0 or a numpy
    Generator; one generator draws the hyperparameters in the order of ``ranges`` (all n values of the first, then
    the second's), each with ``sample_log_uniform``. Returns {name: (n,) array}.
    """
    ranges = _check_ranges(ranges)
    rng = make_rng(seed)                      # n is checked by sample_log_uniform
    return {name: sample_log_uniform(low, high, n, rng) for name, (low, high) in ranges.items()}


# --- running a search -------------------------------------------------------------------------------------------------

class SearchResult(NamedTuple):
    """What ``run_search`` returns for n candidates, each trained from S seeds (notebook 17).

    candidates: {name: (n,)}, the settings tried; scores: (n,), each candidate's validation score (the median of its
    last epochs' validation cost, averaged over its S seeds; inf if a run diverged); best: the index of the lowest
    score; setting: {name: float}, the best candidate; runs: n * S, the training runs the search cost;
    parameters: the best candidate's network trained from the first seed ({"W1": (n[1], n[0]), ...}), for the
    final test.
    """

    candidates: dict
    scores: np.ndarray
    best: int
    setting: dict
    runs: int
    parameters: dict


def run_search(X_train, Y_train, X_val, Y_val, layers_dims, candidates, num_epochs, seeds=(0,), last=10,
               **options):
    """Train every candidate from each seed and score it on the validation split only (notebook 17).

    X_train (n_x, m), Y_train (1, m): the training split; X_val (n_x, m_val), Y_val (1, m_val): the validation split.
    layers_dims: [n_x, ..., 1]. candidates: {name: (n,) values}, e.g. from ``grid_candidates`` or
    ``random_candidates``. num_epochs: epochs per run. seeds: S whole numbers; every candidate is trained from each
    (the same starts for every candidate, so that their scores differ by their settings, not by their luck).
    last: the number of final epochs whose validation cost the score takes the median of (one late spike barely
    moves it). options: ``train_stacked``'s other options, the same for every run (optimizer, mini_batch_size, ...;
    a hyperparameter not in candidates, e.g. learning_rate=0.5).
    Returns a ``SearchResult``: candidates, scores (n,), best, setting, runs = n * S, parameters.
    The test split is not an argument: it has no part in choosing.
    """
    candidates = _check_candidates(candidates)
    if isinstance(seeds, (int, np.integer)) or not hasattr(seeds, "__len__") or len(seeds) == 0:
        raise TypeError(f"seeds must be a non-empty list of whole numbers >= 0 (every candidate is trained from "
                        f"each); got {describe(seeds)}")
    seeds = [check_count(seed, f"seeds[{i}]", minimum=0) for i, seed in enumerate(seeds)]
    num_epochs = check_count(num_epochs, "num_epochs", minimum=1)
    last = check_count(last, "last", minimum=1)
    if num_epochs < last:
        raise ValueError(f"num_epochs = {num_epochs} is fewer than last = {last}: the score is the median of the "
                         f"last {last} epochs' validation cost")
    both = sorted(set(candidates) & set(options))
    if both:
        raise ValueError(f"{both[0]} is both a candidate hyperparameter and a fixed option: give it once")
    if "learning_rate" not in candidates and "learning_rate" not in options:
        raise TypeError("run_search needs a learning rate: vary it in candidates, or fix it (learning_rate=...)")
    for name in ("validation", "validation_last"):
        if name in options:
            raise TypeError(f"run_search sets {name} itself: pass the validation split as X_val, Y_val")
    n, S = len(next(iter(candidates.values()))), len(seeds)
    per_run = {name: np.repeat(values, S) for name, values in candidates.items()}  # run i * S + j: candidate i, seed j
    learning_rate = per_run.pop("learning_rate") if "learning_rate" in per_run else options.pop("learning_rate")
    runs = train_stacked(X_train, Y_train, layers_dims, learning_rate, seeds * n, num_epochs,
                         validation=(X_val, Y_val), validation_last=last, **per_run, **options)
    scores = median_of_last(runs.validation_costs, last).reshape(n, S).mean(axis=1)
    best = int(np.argmin(scores))
    setting = {name: float(values[best]) for name, values in candidates.items()}
    return SearchResult(candidates, scores, best, setting, n * S, unstack(runs.parameters, best * S))


# --- coarse to fine --------------------------------------------------------------------------------------------------

@checked(_check_narrow)
def narrow_range(values, scores, keep=4, margin=2.0):
    """The range (low, high) where the next, finer search looks, for one hyperparameter (notebook 17's exercise,
    notebooks/17_hyperparameter_search).

    values: (n,) the hyperparameter's value in each candidate (> 0); scores: (n,) each candidate's validation cost
    (lower is better; inf for a diverged run). keep: how many of the best candidates to span (1 <= keep <= n).
    margin: a factor >= 1 by which the range is widened on each side, on a log scale (low / margin, high * margin).
    Returns (low, high), two floats: the smallest and the largest value among the keep lowest-scoring candidates,
    divided and multiplied by margin. The new range may reach beyond the old one: a best candidate at the edge
    says the optimum may lie outside.
    """
    best = values[np.argsort(scores)[:keep]]
    low, high = best.min() / margin, best.max() * margin
    return float(low), float(high)


def narrow_ranges(candidates, scores, keep=4, margin=2.0):
    """``narrow_range`` for every hyperparameter of a candidate set (notebook 17).

    candidates: {name: (n,)}; scores: (n,) as in ``SearchResult.scores``. Returns {name: (low, high)}, ready for
    ``random_candidates`` or ``grid_candidates``. Where the keep best share one value (a grid axis), low and high
    are that value divided and multiplied by margin.
    """
    candidates = _check_candidates(candidates)
    return {name: narrow_range(values, scores, keep, margin) for name, values in candidates.items()}
