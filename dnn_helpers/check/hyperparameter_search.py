"""The catalogue of dh.check for notebook 17_hyperparameter_search: sample_log_uniform and narrow_range.

Each ``@exercise`` builds the fixed inputs of one function; each ``@mistake`` is a small wrong implementation
with the sentence a teacher would say when a learner's outputs match its outputs on every input. Mistakes are
tried in the order written here, so the specific ones come before the general ones.
"""

import numpy as np

from .. import search
from .engine import Case, compare, exercise, mistake, run_on_copy

NOTEBOOK = "17"
ORDER = ("sample_log_uniform", "narrow_range")  # as the notebook teaches them

LOG_SCALE = "draw the exponent: 10.0 ** rng.uniform(np.log10(low), np.log10(high), n)"

# --- 17: sample_log_uniform -------------------------------------------------------------------------------------------


def log_uniform_check(function, cases, runs, references):
    """A draw made another valid way (other numbers from the same seed): what must hold whatever the draws."""
    for case, mine in zip(cases, runs, strict=True):
        given = {**case.args, **case.kwargs}
        low, high, n = given["low"], given["high"], given["n"]
        values = mine.output
        if not isinstance(values, np.ndarray) or values.shape != (n,):
            got = f"shape {values.shape}" if isinstance(values, np.ndarray) else type(values).__name__
            return f"returns an array (n,) = ({n},), one value per draw; got {got}"
        if not np.isfinite(values).all() or values.min() < low or values.max() > high:
            return f"every value must lie between low = {low:g} and high = {high:g}"
        again = run_on_copy(function, case)
        if not isinstance(given["seed"], np.random.Generator) and compare(again.output, values) is not None:
            return "the same seed must give the same draw: draw from rng = np.random.default_rng(seed)"
    big = Case({"low": 1e-4, "high": 1.0, "n": 4000}, {"seed": 11})
    values = np.asarray(run_on_copy(function, big).output, dtype=float)
    if values.shape != (4000,) or not np.isfinite(values).all() or (values <= 0).any():
        return "returns n finite values > 0 for low = 1e-4, high = 1, n = 4000"
    shares = np.histogram(np.log10(values), bins=[-4, -3, -2, -1, 0])[0] / values.size
    if np.abs(shares - 0.25).max() > 0.04:
        return (f"each decade must get the same share of the draws: 4000 draws from 1e-4 to 1 put "
                f"{', '.join(f'{s:.0%}' for s in shares)} in its four decades, not 25 % each\n{LOG_SCALE}")
    if np.all(np.diff(values) >= 0):
        return "the draws come out sorted: return them in the order drawn (random search pairs the i-th of each)"
    other = run_on_copy(function, Case({"low": 1e-4, "high": 1.0, "n": 4000}, {"seed": 12})).output
    if compare(other, values) is None:
        return "a different seed gives the same numbers: draw from rng = np.random.default_rng(seed)"
    return None


@exercise("sample_log_uniform", outputs=("values",), reference=search.sample_log_uniform, random=log_uniform_check,
          float32=False, covers="n = 1, a range inside one decade, a Generator seed, inputs unchanged")
def _sample_cases():
    return [Case({"low": 1e-3, "high": 10.0, "n": 8}, {"seed": 0}),
            Case({"low": 1e-4, "high": 0.1, "n": 6}, {"seed": 3}),
            Case({"low": 0.5, "high": 2.0, "n": 5}, {"seed": 1}, label="inside one decade"),
            Case({"low": 1e-3, "high": 10.0, "n": 1}, {"seed": 2}, label="n = 1"),
            Case({"low": 2e-5, "high": 3.0, "n": 7}, {"seed": np.random.default_rng(4)}, label="seed a Generator")]


@mistake("sample_log_uniform", "draws uniformly between low and high, not on a log scale: from 1e-3 to 10, 90 % of "
                               f"such draws land in [1, 10]\n{LOG_SCALE}")
def uniform_on_a_linear_scale(low, high, n, seed=0):
    return np.random.default_rng(seed).uniform(low, high, n)


@mistake("sample_log_uniform", "returns the exponents log10(value), not the values: raise 10 to them, "
                               "10.0 ** exponents")
def returns_the_exponents(low, high, n, seed=0):
    return np.random.default_rng(seed).uniform(np.log10(low), np.log10(high), n)


@mistake("sample_log_uniform", "mixes bases: exponents of 10 (np.log10) raised with np.exp. Use 10.0 ** with "
                               "np.log10 (or np.exp with np.log)")
def log10_exponents_raised_with_exp(low, high, n, seed=0):
    return np.exp(np.random.default_rng(seed).uniform(np.log10(low), np.log10(high), n))


@mistake("sample_log_uniform", "np.log is the natural logarithm: with 10.0 ** exponents, draw between np.log10(low) "
                               "and np.log10(high)")
def natural_log_exponents_raised_with_10(low, high, n, seed=0):
    return 10.0 ** np.random.default_rng(seed).uniform(np.log(low), np.log(high), n)


@mistake("sample_log_uniform", "low and high are used as exponents: draw between np.log10(low) and np.log10(high), "
                               "then 10.0 ** exponents")
def low_and_high_used_as_exponents(low, high, n, seed=0):
    return 10.0 ** np.random.default_rng(seed).uniform(low, high, n)


@mistake("sample_log_uniform", "the bounds are swapped: rng.uniform(a, b, n) needs a <= b, so the first bound is "
                               "the smaller exponent, np.log10(low), then np.log10(high)")
def bounds_swapped(low, high, n, seed=0):
    return 10.0 ** np.random.default_rng(seed).uniform(np.log10(high), np.log10(low), n)


@mistake("sample_log_uniform", "the draws are sorted: random search pairs the i-th alpha with the i-th lambda, so "
                               "sorting ties large alphas to large lambdas; return them in the order drawn")
def draws_sorted(low, high, n, seed=0):
    return np.sort(10.0 ** np.random.default_rng(seed).uniform(np.log10(low), np.log10(high), n))


@mistake("sample_log_uniform", "evenly spaced values (np.geomspace) are a grid, not a random draw: draw the "
                               f"exponents with the generator\n{LOG_SCALE}")
def evenly_spaced_grid_instead_of_draws(low, high, n, seed=0):
    return np.geomspace(low, high, n)


@mistake("sample_log_uniform", "draws only powers of ten (whole exponents, rng.integers): draw real exponents with "
                               "rng.uniform(np.log10(low), np.log10(high), n)")
def whole_exponents_only(low, high, n, seed=0):
    rng = np.random.default_rng(seed)
    return 10.0 ** rng.integers(int(np.ceil(np.log10(low))), int(np.floor(np.log10(high))) + 1, n)


@mistake("sample_log_uniform", "returns one value, not n: rng.uniform(np.log10(low), np.log10(high), n) draws n "
                               "exponents")
def one_value_instead_of_n(low, high, n, seed=0):
    return 10.0 ** np.random.default_rng(seed).uniform(np.log10(low), np.log10(high))


# --- 17: narrow_range -------------------------------------------------------------------------------------------------


@exercise("narrow_range", outputs=("low", "high"), reference=search.narrow_range, float32=False,
          covers="keep = 1 and keep = n, margin 1, a diverged run's inf score, inputs unchanged")
def _narrow_cases():
    cases = []
    for n, keep, margin, seed in [(8, 3, 2.0, 1), (10, 4, 3.0, 2), (6, 6, 1.5, 3), (5, 1, 2.5, 4), (7, 2, 1.0, 5)]:
        rng = np.random.default_rng(seed + 170)
        values = 10.0 ** rng.uniform(-3, 1, n)
        scores = rng.uniform(0.2, 0.8, n)
        scores[int(rng.integers(n))] = np.inf                # a diverged run
        label = {3: "keep = n", 4: "keep = 1", 5: "margin 1"}.get(seed, "")
        cases.append(Case({"values": values, "scores": scores, "keep": keep, "margin": margin}, label=label))
    return cases


def _best(values, scores, keep):
    return values[np.argsort(scores)[:keep]]


@mistake("narrow_range", "keeps the worst candidates: np.argsort(scores) lists the lowest score (the best) first, "
                         "so take its first keep entries, np.argsort(scores)[:keep]")
def keeps_the_worst_candidates(values, scores, keep=4, margin=2.0):
    worst = values[np.argsort(scores)[len(scores) - keep:]]
    return float(worst.min() / margin), float(worst.max() * margin)


@mistake("narrow_range", "takes the first keep candidates in the order they were tried, not the best: order them "
                         "by score, values[np.argsort(scores)[:keep]]")
def first_keep_candidates_not_the_best(values, scores, keep=4, margin=2.0):
    first = values[:keep]
    return float(first.min() / margin), float(first.max() * margin)


@mistake("narrow_range", "sorts the values instead of the scores: the best candidates are those with the lowest "
                         "scores, values[np.argsort(scores)[:keep]]")
def sorts_the_values_not_the_scores(values, scores, keep=4, margin=2.0):
    smallest = np.sort(values)[:keep]
    return float(smallest.min() / margin), float(smallest.max() * margin)


@mistake("narrow_range", "the range is not widened: divide the low end by margin and multiply the high end by it")
def range_not_widened_by_margin(values, scores, keep=4, margin=2.0):
    best = _best(values, scores, keep)
    return float(best.min()), float(best.max())


@mistake("narrow_range", "margin is a factor on a log scale: low / margin and high * margin, not low - margin and "
                         "high + margin")
def margin_added_not_multiplied(values, scores, keep=4, margin=2.0):
    best = _best(values, scores, keep)
    return float(best.min() - margin), float(best.max() + margin)


@mistake("narrow_range", "the range shrinks instead of widening: divide the low end by margin and multiply the "
                         "high end by it")
def margin_applied_inwards(values, scores, keep=4, margin=2.0):
    best = _best(values, scores, keep)
    return float(best.min() * margin), float(best.max() / margin)


@mistake("narrow_range", "spans only the single best candidate: keep the keep best, values[np.argsort(scores)[:keep]], "
                         "and take their smallest and largest value")
def only_the_single_best(values, scores, keep=4, margin=2.0):
    best = values[np.argmin(scores)]
    return float(best / margin), float(best * margin)


@mistake("narrow_range", "keeps one candidate too many: np.argsort(scores)[:keep] already holds keep indices")
def one_candidate_too_many(values, scores, keep=4, margin=2.0):
    best = _best(values, scores, keep + 1)
    return float(best.min() / margin), float(best.max() * margin)


@mistake("narrow_range", "returns the range of the values' positions (indices), not of the values: index values "
                         "with them, values[np.argsort(scores)[:keep]]")
def indices_instead_of_values(values, scores, keep=4, margin=2.0):
    best = np.argsort(scores)[:keep]
    return float(best.min() / margin), float(best.max() * margin)


@mistake("narrow_range", "returns the range of the best scores, not of their values: index values with the order, "
                         "values[np.argsort(scores)[:keep]]")
def range_of_the_scores_not_the_values(values, scores, keep=4, margin=2.0):
    best = np.sort(scores)[:keep]
    return float(best.min() / margin), float(best.max() * margin)


@mistake("sample_log_uniform", "only low is taken to log10: draw between np.log10(low) and np.log10(high), both ends "
                               "as exponents")
def only_low_taken_to_log10(low, high, n, seed=0):
    return 10.0 ** np.random.default_rng(seed).uniform(np.log10(low), high, n)


@mistake("narrow_range", "spans all the candidates, not the keep best: take the smallest and largest of best = "
                         "values[np.argsort(scores)[:keep]]")
def spans_all_the_candidates(values, scores, keep=4, margin=2.0):
    return float(values.min() / margin), float(values.max() * margin)


@mistake("narrow_range", "best[0] and best[-1] are the best and the keep-th best candidate, not the smallest and the "
                         "largest value: take best.min() and best.max()")
def first_and_last_best_not_min_and_max(values, scores, keep=4, margin=2.0):
    best = _best(values, scores, keep)
    return float(best[0] / margin), float(best[-1] * margin)
