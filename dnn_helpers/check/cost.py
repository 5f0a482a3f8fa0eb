"""The catalogue of dh.check for notebook 03_cost_function: compute_cost.

(How a catalogue is written: ``engine.exercise`` and ``engine.mistake``.)
"""

import numpy as np

from .engine import Case, exercise, mistake
from .inputs import seeded_rng, labels

NOTEBOOK = "03"

# --- 03: cost -----------------------------------------------------------------------------------------------------


def cost_cases():
    r = seeded_rng(30)
    cases = []
    for m in (4, 9, 1):
        Y = labels(m, 31 + m)
        cases.append(Case({"AL": r.uniform(0.05, 0.95, (1, m)), "Y": Y}, m=m))
    cases.append(Case({"AL": np.array([[0.8, 0.3, 0.6]]), "Y": np.array([[1.0, 0.0, 0.0]])}, m=3, label="float labels"))
    # At the edges the course's cost is exact: a confident mistake costs -ln(eps), eps = np.finfo(AL.dtype).eps
    # (36.04 in float64, 15.94 in float32); a clip at a fixed 1e-15 costs 34.54, and in float32 1 - 1e-15 is 1.
    for dtype in (np.float64, np.float32):
        suffix = ", float32" if dtype == np.float32 else ""
        cases.append(Case({"AL": np.array([[0.0, 1.0, 0.2, 0.7]], dtype), "Y": np.array([[0, 1, 0, 1]])}, m=4,
                          label="AL exactly 0 or 1, right" + suffix, finite_only=True))
        cases.append(Case({"AL": np.array([[1.0, 0.0]], dtype), "Y": np.array([[0, 1]])}, m=2,
                          label="AL exactly 0 or 1, wrong" + suffix, finite_only=True))
    return cases


def explain_edges(mine, ref, case):
    """At AL exactly 0 or 1: the cost the course's clip gives, -ln(eps) per confident mistake, and the learner's."""
    if "exactly 0" not in case.label:
        return None
    eps = np.finfo(case.args["AL"].dtype).eps
    got = float(np.asarray(mine, dtype=float))
    if not np.isfinite(got):
        return (f"the cost is {got} at AL exactly 0 or 1 in {case.args['AL'].dtype}: clip AL into [eps, 1 - eps] "
                f"with eps = np.finfo(AL.dtype).eps, so that float32 gets its own eps")
    return (f"the cost is {got:.4g} at AL exactly 0 or 1, the course's {float(ref):.4g}: a confident mistake costs "
            f"-ln(eps) = {-np.log(eps):.4g}, eps = np.finfo(AL.dtype).eps, not a fixed number")


@exercise("compute_cost", outputs=("cost",), explain=explain_edges,
          covers="AL exactly 0 or 1 (the course's clip, float64 and float32), m = 1, float32, inputs unchanged")
def _compute_cost_cases():
    return cost_cases()


def clip_to_eps(AL):
    eps = np.finfo(AL.dtype).eps
    return np.clip(AL, eps, 1 - eps)


@mistake("compute_cost", "the cost is negative: J = -(1/m) Σ [y log a + (1 - y) log(1 - a)] starts with a minus sign")
def minus_sign_missing(AL, Y):
    P = clip_to_eps(AL)
    return float(np.sum(Y * np.log(P) + (1 - Y) * np.log(1 - P)) / AL.shape[1])


@mistake("compute_cost", "the cost is m times too large: average over the m examples, divide the sum by m")
def summed_not_averaged_over_m(AL, Y):
    P = clip_to_eps(AL)
    return float(-np.sum(Y * np.log(P) + (1 - Y) * np.log(1 - P)))


@mistake("compute_cost", "the (1 - y) log(1 - a) term is missing: examples with y = 0 must cost something too")
def second_term_missing(AL, Y):
    P = clip_to_eps(AL)
    return float(-np.sum(Y * np.log(P)) / AL.shape[1])


@mistake("compute_cost", "log(0) at AL exactly 0 or 1 gives NaN or inf: clip AL into [eps, 1 - eps] first, "
                         "eps = np.finfo(AL.dtype).eps")
def log_of_zero_not_clipped(AL, Y):
    return float(-np.sum(Y * np.log(AL) + (1 - Y) * np.log(1 - AL)) / AL.shape[1])


@mistake("compute_cost", "the second term is weighted by (1 - y): (1 - Y) log(1 - AL), so that examples with "
                         "y = 0 cost -log(1 - a)")
def second_term_weighted_by_y(AL, Y):
    P = clip_to_eps(AL)
    return float(-np.sum(Y * np.log(P) + Y * np.log(1 - P)) / AL.shape[1])


@mistake("compute_cost", "the second term is (1 - y) log(1 - a): the log of 1 - AL, the probability of class 0")
def second_term_takes_log_of_AL(AL, Y):
    P = clip_to_eps(AL)
    return float(-np.sum(Y * np.log(P) + (1 - Y) * np.log(P)) / AL.shape[1])


@mistake("compute_cost", "the cost is a (1, 1) array: return a plain number, float(cost.item()) or np.squeeze(cost)")
def returns_1_by_1_array(AL, Y):
    P = clip_to_eps(AL)
    return -(Y @ np.log(P).T + (1 - Y) @ np.log(1 - P).T) / AL.shape[1]


@mistake("compute_cost", "log is taken of the wrong thing: it is y log(a) + (1 - y) log(1 - a), the log of the "
                         "predictions AL, weighted by the labels Y")
def log_of_labels_not_predictions(AL, Y):
    P = clip_to_eps(AL)
    with np.errstate(all="ignore"):
        return float(-np.sum(P * np.log(Y) + (1 - P) * np.log(1 - Y)) / AL.shape[1])
