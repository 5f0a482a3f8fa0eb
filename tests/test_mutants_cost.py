"""Behaviour of dnn_helpers.cost that one-token mutants changed without a test noticing (tools/mutate.py).

clip_probabilities (used by the backward pass and the explorers) keeps AL inside [eps, 1 - eps] and changes
nothing else.
"""

import numpy as np

from dnn_helpers.cost import clip_probabilities


def test_clip_probabilities_keeps_inside_eps_and_one_minus_eps():
    for dtype in (np.float64, np.float32):
        eps = np.finfo(dtype).eps
        AL = np.array([[0.0, 0.25, 0.5, 1.0]], dtype=dtype)
        P = clip_probabilities(AL)
        assert P.dtype == dtype
        np.testing.assert_array_equal(P, np.array([[eps, 0.25, 0.5, 1 - eps]], dtype=dtype))
        assert P[0, 3] < 1 and P[0, 0] > 0
