"""Behaviour of dnn_helpers.initialization that one-token mutants changed without a test noticing (tools/mutate.py).

weight_scale refuses a layer without inputs, or a size that is not a whole number, naming n_prev.
"""

import numpy as np
import pytest

from dnn_helpers.initialization import weight_scale


@pytest.mark.parametrize("method", ["xavier", "he", "small"])
def test_weight_scale_needs_at_least_one_input(method):
    with pytest.raises(ValueError, match=r"n_prev must be at least 1; got 0"):
        weight_scale(method, 0)


def test_weight_scale_needs_a_whole_number_of_inputs():
    with pytest.raises(TypeError, match=r"n_prev must be a whole number"):
        weight_scale("he", 2.5)


def test_weight_scale_of_one_input():
    assert weight_scale("xavier", 1) == 1.0
    assert weight_scale("he", np.int64(2)) == 1.0
