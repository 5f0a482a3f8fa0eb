import numpy as np
import pytest

import dnn_helpers as dh


def test_two_layer_shapes_and_zero_biases():
    p = dh.initialize_parameters(3, 2, 1)
    assert {k: v.shape for k, v in p.items()} == {"W1": (2, 3), "b1": (2, 1), "W2": (1, 2), "b2": (1, 1)}
    assert not p["b1"].any() and not p["b2"].any()


def test_deep_shapes():
    p = dh.initialize_parameters_deep([5, 4, 3, 1])
    assert [p[f"W{l}"].shape for l in (1, 2, 3)] == [(4, 5), (3, 4), (1, 3)]
    assert [p[f"b{l}"].shape for l in (1, 2, 3)] == [(4, 1), (3, 1), (1, 1)]


def test_same_seed_same_numbers_and_no_global_state():
    np.random.seed(123)  # noqa: NPY002
    before = np.random.random()  # noqa: NPY002
    np.random.seed(123)  # noqa: NPY002
    a = dh.initialize_parameters_deep([4, 3, 1], seed=7)  # noqa: NPY002
    assert np.random.random() == before  # the global generator was not touched  # noqa: NPY002
    b = dh.initialize_parameters_deep([4, 3, 1], seed=7)
    c = dh.initialize_parameters_deep([4, 3, 1], seed=8)
    assert all(np.array_equal(a[k], b[k]) for k in a)
    assert not np.array_equal(a["W1"], c["W1"])


def test_small_is_standard_normal_times_001():
    W = dh.initialize_parameters_deep([4, 3, 1], seed=3)["W1"]
    expected = np.random.default_rng(3).standard_normal((3, 4)) * 0.01
    np.testing.assert_array_equal(W, expected)


@pytest.mark.parametrize("method, std", [("xavier", 1 / np.sqrt(400)), ("he", np.sqrt(2 / 400)), ("small", 0.01),
                                         ("large", 10.0)])
def test_scales(method, std):
    W = dh.initialize_parameters_deep([400, 300, 1], method=method)["W1"]
    assert abs(W.std() / std - 1) < 0.02


def test_zeros_and_dtype():
    p = dh.initialize_parameters_deep([3, 2, 1], method="zeros", dtype=np.float32)
    assert all(not v.any() and v.dtype == np.float32 for v in p.values())


def test_unknown_method():
    with pytest.raises(ValueError, match="method must be one of"):
        dh.initialize_parameters_deep([3, 1], method="glorot")


@pytest.mark.parametrize("dims, message", [([3], "at least two sizes"), ([3, 0, 1], r"layer_dims\[1\] is 0"),
                                           ([3, -2], r"layer_dims\[1\] is -2")])
def test_bad_layer_sizes(dims, message):
    with pytest.raises(ValueError, match=message):
        dh.initialize_parameters_deep(dims)


def test_non_integer_layer_size():
    with pytest.raises(TypeError, match=r"layer_dims\[1\] must be a whole number"):
        dh.initialize_parameters_deep([3, 2.5, 1])


def test_two_layer_names_its_arguments():
    with pytest.raises(ValueError, match="n_h must be at least 1"):
        dh.initialize_parameters(3, 0, 1)


def test_values_by_hand_from_the_generator():
    # W = standard normal draws (in row order, layer by layer) times the scale
    draws = np.random.default_rng(4).standard_normal(3 * 2 + 1 * 3)
    for method, scales in (("small", (0.01, 0.01)), ("xavier", (1 / np.sqrt(2), 1 / np.sqrt(3))),
                           ("he", (np.sqrt(2 / 2), np.sqrt(2 / 3))), ("large", (10.0, 10.0))):
        p = dh.initialize_parameters_deep([2, 3, 1], seed=4, method=method)
        np.testing.assert_allclose(p["W1"], draws[:6].reshape(3, 2) * scales[0], rtol=1e-15)
        np.testing.assert_allclose(p["W2"], draws[6:].reshape(1, 3) * scales[1], rtol=1e-15)
        assert p["b1"].shape == (3, 1) and not p["b1"].any() and not p["b2"].any()


def test_float32_is_the_float64_numbers_rounded():
    p64 = dh.initialize_parameters_deep([4, 3, 1], seed=2, method="he")
    p32 = dh.initialize_parameters_deep([4, 3, 1], seed=2, method="he", dtype=np.float32)
    for k in p64:
        assert p32[k].dtype == np.float32
        np.testing.assert_array_equal(p32[k], p64[k].astype(np.float32))


@pytest.mark.parametrize("dtype", [np.int32, np.int64, np.uint8, bool, "int16"])
def test_integer_dtype_is_a_teaching_error_not_zero_weights(dtype):
    with pytest.raises(TypeError, match=r"dtype must be a float type such as np.float64 or np.float32; got .*whole "
                                        r"numbers would round"):
        dh.initialize_parameters_deep([3, 2, 1], dtype=dtype)


def test_the_two_layer_initializer_is_notebook_01s_float64_recipe():
    two, deep = dh.initialize_parameters(3, 2, 1, seed=7), dh.initialize_parameters_deep([3, 2, 1], seed=7)
    assert all(two[k].dtype == np.float64 and np.array_equal(two[k], deep[k]) for k in deep)
    with pytest.raises(TypeError, match=r"dtype"):
        dh.initialize_parameters(3, 2, 1, dtype=np.float32)     # float32: initialize_parameters_deep(dtype=...)


@pytest.mark.parametrize("seed, error, match", [
    (None, TypeError, r"seed must be a whole number >= 0 \(e.g. 0\) or a numpy Generator; got None"),
    (-1, ValueError, r"seed must be a whole number >= 0 .*got -1"),
    (0.5, TypeError, r"got 0.5 \(float\)"),
    ("1", TypeError, r"got '1' \(str\)"),
])
def test_odd_seeds(seed, error, match):
    with pytest.raises(error, match=match):
        dh.initialize_parameters_deep([3, 2, 1], seed=seed)


def test_a_generator_seed_moves_on_and_an_unknown_method_draws_nothing():
    rng = np.random.default_rng(0)
    a = dh.initialize_parameters_deep([2, 2, 1], seed=rng)
    b = dh.initialize_parameters_deep([2, 2, 1], seed=rng)
    assert not np.array_equal(a["W1"], b["W1"])
    np.testing.assert_array_equal(a["W1"], dh.initialize_parameters_deep([2, 2, 1], seed=0)["W1"])
    before = rng.bit_generator.state
    with pytest.raises(ValueError, match=r"method must be one of 'small', 'xavier', 'he', 'large', 'zeros'; "
                                         r"got 'Xavier'"):
        dh.initialize_parameters_deep([2, 2, 1], seed=rng, method="Xavier")
    assert rng.bit_generator.state == before


def test_zeros_method_gives_zero_weights():
    p = dh.initialize_parameters_deep([3, 2, 1], method="zeros")
    assert not any(p[k].any() for k in p)


def test_documented_defaults():
    p = dh.initialize_parameters_deep([2, 3, 1])
    q = dh.initialize_parameters_deep([2, 3, 1], seed=1, method="small", dtype=np.float64)
    assert all(np.array_equal(p[k], q[k]) and p[k].dtype == np.float64 for k in p)
    r = dh.initialize_parameters(2, 3, 1)
    assert all(np.array_equal(r[k], q[k]) for k in q)


def test_weight_scale_by_hand():
    from dnn_helpers.initialization import weight_scale
    assert weight_scale("small", 50) == 0.01 and weight_scale("large", 50) == 10.0
    assert weight_scale("zeros", 50) == 0.0
    assert weight_scale("xavier", 4) == 0.5 and weight_scale("he", 8) == 0.5
    with pytest.raises(ValueError, match=r"method must be one of 'small', 'xavier', 'he', 'large', 'zeros'; "
                                         r"got 'lecun'"):
        weight_scale("lecun", 4)


@pytest.mark.parametrize("sizes, name", [((0, 3, 1), "n_x"), ((2, 0, 1), "n_h"), ((2, 3, 0), "n_y")])
def test_initialize_parameters_names_the_bad_size(sizes, name):
    with pytest.raises(ValueError, match=rf"^{name} must be at least 1; got 0$"):
        dh.initialize_parameters(*sizes)
