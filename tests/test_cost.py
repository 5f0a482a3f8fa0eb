import math

import numpy as np
import pytest

import dnn_helpers as dh


def test_hand_computed_value():
    AL, Y = np.array([[0.8, 0.9, 0.4]]), np.array([[1, 1, 0]])
    expected = -(math.log(0.8) + math.log(0.9) + math.log(0.6)) / 3
    assert dh.compute_cost(AL, Y) == pytest.approx(expected, rel=1e-14)
    assert isinstance(dh.compute_cost(AL, Y), float)


def test_coin_flip_costs_ln2():
    assert dh.compute_cost(np.full((1, 6), 0.5), np.array([[0, 1, 0, 1, 1, 0]])) == pytest.approx(math.log(2))


def test_finite_when_AL_is_exactly_0_or_1():
    right = dh.compute_cost(np.array([[0.0, 1.0]]), np.array([[0, 1]]))
    wrong = dh.compute_cost(np.array([[0.0, 1.0]]), np.array([[1, 0]]))
    assert right == pytest.approx(0.0, abs=1e-12)
    assert math.isfinite(wrong) and wrong > 30


def test_float32():
    cost = dh.compute_cost(np.array([[0.3, 1.0]], np.float32), np.array([[0, 1]]))
    assert math.isfinite(cost) and cost == pytest.approx(-math.log(0.7) / 2, rel=1e-5)


@pytest.mark.parametrize("Y, message", [
    (np.array([0, 1, 1]), r"Y has shape \(3,\), but labels must be a row \(1, m\)"),
    (np.array([[0], [1], [1]]), "looks transposed"),
    (np.array([[0, 1]]), r"it must be \(1, m\) = \(1, 3\)"),
    (np.array([[0, 2, 1]]), r"only 0 and 1.*\[2\]"),
    (np.array([[0, np.nan, 1]]), "NaN or inf"),
])
def test_bad_labels(Y, message):
    with pytest.raises(ValueError, match=message):
        dh.compute_cost(np.array([[0.2, 0.5, 0.7]]), Y)


def test_AL_outside_0_1():
    with pytest.raises(ValueError, match=r"probabilities in \[0, 1\]"):
        dh.compute_cost(np.array([[1.2, 0.5]]), np.array([[1, 0]]))


def test_AL_not_a_row():
    with pytest.raises(ValueError, match=r"AL has shape \(2, 1\), but it must be \(1, m\)"):
        dh.compute_cost(np.array([[0.2], [0.5]]), np.array([[1, 0]]))


def test_non_numeric_labels():
    with pytest.raises(TypeError, match="Y must hold real numbers"):
        dh.compute_cost(np.array([[0.2, 0.5]]), np.array([["yes", "no"]]))


# --- the cost from the logits (what the training loops report) ---

def test_cost_from_logits_equals_the_probability_form_where_nothing_saturates():
    rng = np.random.default_rng(3)
    Z = rng.normal(scale=4.0, size=(1, 500))
    Y = (rng.random((1, 500)) < 0.5).astype(np.int64)
    from_logits = dh.compute_cost_from_logits(Z, Y)
    assert isinstance(from_logits, float)
    assert from_logits == pytest.approx(dh.compute_cost(dh.sigmoid(Z)[0], Y), abs=1e-12)


def test_cost_from_logits_hand_values():
    # softplus(0) = ln 2; for y = 1 and z = ln 3: softplus(z) - z = ln(4/3) = -ln(3/4) = -ln sigmoid(ln 3)
    Z, Y = np.array([[0.0, math.log(3.0)]]), np.array([[0, 1]])
    assert dh.compute_cost_from_logits(Z, Y) == pytest.approx((math.log(2) + math.log(4 / 3)) / 2, rel=1e-14)


@pytest.mark.parametrize("gap", [20.0, 36.0, 45.0, 60.0])
def test_cost_from_logits_is_the_true_loss_where_the_clip_caps_it(gap):
    Z, Y = np.array([[gap, -gap]]), np.array([[0, 1]])         # both confidently wrong by a logit gap
    assert dh.compute_cost_from_logits(Z, Y) == pytest.approx(gap + math.log1p(math.exp(-gap)), rel=1e-14)
    clipped = dh.compute_cost(dh.sigmoid(Z)[0], Y)
    assert clipped <= -math.log(np.finfo(np.float64).eps) + 1e-9   # the clip caps it at 36.04
    if gap >= 40:
        assert dh.compute_cost_from_logits(Z, Y) - clipped > gap - 36.1


@pytest.mark.parametrize("gap", [20.0, 40.0, 60.0])
def test_cost_from_logits_gradient_is_A_minus_Y_near_saturation(gap):
    """Finite differences of the logit cost against (sigmoid(Z) - Y) / m at logit gaps of 20 to 60."""
    Z = np.array([[gap, -gap, gap, -gap, 0.5 * gap]])
    Y = np.array([[0, 1, 1, 0, 0]])
    m, h = Z.shape[1], 1e-4
    analytic = (dh.sigmoid(Z)[0] - Y) / m
    numeric = np.zeros_like(Z)
    clipped_numeric = np.zeros_like(Z)
    for i in range(m):
        up, down = Z.copy(), Z.copy()
        up[0, i] += h
        down[0, i] -= h
        numeric[0, i] = (dh.compute_cost_from_logits(up, Y) - dh.compute_cost_from_logits(down, Y)) / (2 * h)
        clipped_numeric[0, i] = (dh.compute_cost(dh.sigmoid(up)[0], Y)
                                 - dh.compute_cost(dh.sigmoid(down)[0], Y)) / (2 * h)
    np.testing.assert_allclose(numeric, analytic, rtol=1e-6, atol=1e-9)
    # the clipped cost is flat where sigmoid rounds to 0 or 1, while A - Y keeps its full size there
    if gap >= 40:
        assert abs(clipped_numeric[0, 0]) < 1e-9 < abs(analytic[0, 0])


def test_cost_from_logits_float32_and_no_overflow():
    Z = np.array([[1000.0, -1000.0, 0.3]], np.float32)
    cost = dh.compute_cost_from_logits(Z, np.array([[0, 1, 1]]))   # warnings are errors in this test suite
    assert cost == pytest.approx((2000.0 + math.log1p(math.exp(-0.3))) / 3, rel=1e-6)


@pytest.mark.parametrize("Z, Y, error, message", [
    (np.zeros((2, 3)), np.array([[0, 1, 1]]), ValueError, r"ZL has shape \(2, 3\), but it must be \(1, m\)"),
    (np.array([[0.0, np.inf]]), np.array([[0, 1]]), ValueError, "ZL contains NaN or inf"),
    (np.zeros((1, 3)), np.array([[0, 2, 1]]), ValueError, r"only 0 and 1"),
    (np.zeros((1, 3)), np.array([[0, 1]]), ValueError, r"it must be \(1, m\) = \(1, 3\)"),
])
def test_cost_from_logits_teaching_errors(Z, Y, error, message):
    with pytest.raises(error, match=message):
        dh.compute_cost_from_logits(Z, Y)
