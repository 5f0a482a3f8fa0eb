import numpy as np
import pytest

import dnn_helpers as dh

GENERATORS = [dh.make_moons, dh.make_circles, dh.make_spirals, dh.make_xor, dh.make_blobs]


@pytest.mark.parametrize("make", GENERATORS)
def test_generated_sets_shape_labels_and_seed(make):
    X, Y = make(m=101, seed=3)
    assert X.shape == (2, 101) and Y.shape == (1, 101)
    assert set(np.unique(Y)) == {0, 1}
    X2, Y2 = make(m=101, seed=3)
    assert np.array_equal(X, X2) and np.array_equal(Y, Y2)
    assert not np.array_equal(X, make(m=101, seed=4)[0])


def test_moons_are_balanced_and_separable_shapes():
    X, Y = dh.make_moons(200, noise=0.0, seed=0)
    assert Y.sum() == 100
    top = X[:, Y[0] == 0]
    np.testing.assert_allclose(np.hypot(*top), 1.0)  # the top moon lies on the unit circle


def test_shape_table():
    rows = dh.shape_table([5, 3, 1], m=7)
    assert rows[0] == ("A[0] = X", (5, 7))
    assert dict(rows)["W[1]"] == (3, 5) and dict(rows)["b[2]"] == (1, 1) and dict(rows)["A[2]"] == (1, 7)
    assert len(rows) == 1 + 4 * 2


def test_images_to_columns_keeps_each_image_in_one_column():
    images = np.arange(2 * 3 * 4 * 3).reshape(2, 3, 4, 3)
    X = dh.images_to_columns(images, scale=1.0)
    assert X.shape == (36, 2)
    np.testing.assert_array_equal(X[:, 1], images[1].ravel())
    with pytest.raises(ValueError, match=r"expected \(m, h, w\)"):
        dh.images_to_columns(np.ones((3, 4)))


def test_standardize_uses_given_statistics():
    X = np.array([[1.0, 2.0, 3.0], [5.0, 5.0, 5.0]])
    Xs, mean, std = dh.standardize(X)
    np.testing.assert_allclose(Xs.mean(axis=1), 0, atol=1e-15)
    np.testing.assert_allclose(Xs[0].std(), 1)
    np.testing.assert_array_equal(Xs[1], 0)  # a constant feature gets std 1, not a division by zero
    test, _, _ = dh.standardize(np.array([[4.0], [5.0]]), mean, std)
    np.testing.assert_allclose(test, [[(4 - 2) / np.std([1, 2, 3])], [0.0]])


def test_train_test_split_partitions_columns():
    X = np.arange(20.0).reshape(2, 10)
    Y = (np.arange(10) % 2).reshape(1, -1)
    X_train, Y_train, X_test, Y_test = dh.train_test_split(X, Y, test_fraction=0.3, seed=1)
    assert X_train.shape == (2, 7) and X_test.shape == (2, 3)
    assert sorted(np.r_[X_train[0], X_test[0]]) == list(X[0])
    np.testing.assert_array_equal(Y_test[0], X_test[0] % 2)
    with pytest.raises(ValueError, match="test_fraction"):
        dh.train_test_split(X, Y, test_fraction=1.5)


def test_digits_binary():
    images, Y = dh.load_digits_binary(positive=3, negative=8)
    assert images.shape[1:] == (8, 8) and Y.shape == (1, images.shape[0])
    assert 300 < images.shape[0] < 400 and 0 < Y.mean() < 1
    _, Y_all = dh.load_digits_binary(positive=7)
    assert Y_all.shape == (1, 1797) and Y_all.sum() == 179


def test_breast_cancer():
    X, Y = dh.load_breast_cancer_data()
    assert X.shape == (30, 569) and Y.shape == (1, 569) and Y.sum() == 212


def test_seattle_weather_is_read_offline():
    dates, columns = dh.load_seattle_weather()
    assert len(dates) == 1461 and str(dates[0]) == "2012-01-01" and str(dates[-1]) == "2015-12-31"
    assert columns["precipitation"][1] == pytest.approx(10.9)
    assert set(columns) == {"precipitation", "temp_max", "temp_min", "wind", "weather"}


def test_documented_defaults():
    for make, explicit in ((dh.make_moons, dict(m=200, noise=0.1, seed=0)),
                           (dh.make_circles, dict(m=200, noise=0.05, factor=0.5, seed=0)),
                           (dh.make_spirals, dict(m=200, noise=0.05, turns=1.5, seed=0)),
                           (dh.make_xor, dict(m=200, noise=0.1, seed=0)),
                           (dh.make_blobs, dict(m=200, noise=0.3, seed=0))):
        X, Y = make()
        X2, Y2 = make(**explicit)
        np.testing.assert_array_equal(X, X2)
        np.testing.assert_array_equal(Y, Y2)
        assert Y.sum() == 100 or make is dh.make_xor              # both classes, half each (xor: by quadrant)


@pytest.mark.parametrize("call, error, match", [
    (lambda: dh.images_to_columns(np.ones((2, 3, 3)), scale=0), ValueError, "scale must be a positive number; got 0.0"),
    (lambda: dh.images_to_columns(np.ones((3, 3))), ValueError, r"images has shape \(3, 3\); expected \(m, h, w\)"),
    (lambda: dh.images_to_columns(np.full((1, 2, 2), np.nan)), ValueError, r"images contains 4 NaN or inf"),
    (lambda: dh.standardize(np.ones((2, 3)), np.zeros((2, 1)), np.zeros((2, 1))), ValueError,
     r"std must be positive for every feature; found 2 value\(s\) <= 0"),
    (lambda: dh.standardize(np.ones((2, 3)), np.zeros((3, 1))), ValueError,
     r"mean has shape \(3, 1\), but it must be a column \(n_x, 1\) = \(2, 1\)"),
    (lambda: dh.standardize(np.array([[1.0, np.inf]])), ValueError, r"X contains 1 NaN or inf"),
    (lambda: dh.train_test_split(np.ones((2, 10)), np.zeros((1, 10)), test_fraction=1), ValueError,
     "test_fraction must be between 0 and 1; got 1.0"),
    (lambda: dh.train_test_split(np.ones((2, 10)), np.zeros((1, 10)), test_fraction="0.2"), TypeError,
     r"test_fraction must be a number between 0 and 1; got '0.2' \(str\)"),
    (lambda: dh.make_moons(noise=-0.1), ValueError, r"noise, the spread of the Gaussian noise .* got -0.1"),
    (lambda: dh.make_moons(m=100.0), TypeError, r"m, the number of examples, must be a whole number"),
    (lambda: dh.make_spirals(turns=float("inf")), ValueError, "turns must be a positive number; got inf"),
    (lambda: dh.make_circles(factor=0), ValueError, r"factor, the inner circle's radius .* must be in \(0, 1\)"),
    (lambda: dh.load_digits_binary(positive="7"), TypeError, r"positive must be a digit 0..9; got '7'"),
    (lambda: dh.load_digits_binary(positive=3, negative=-1), ValueError, r"negative must be a digit 0..9; got -1"),
])
def test_bad_arguments_are_teaching_errors(call, error, match):
    with pytest.raises(error, match=match):
        call()


def test_train_test_split_keeps_each_label_with_its_column():
    X = np.arange(20.0).reshape(2, 10)
    Y = (np.arange(10) % 2).reshape(1, -1)
    X_train, Y_train, X_test, Y_test = dh.train_test_split(X, Y, test_fraction=0.3, seed=2)
    assert X_train.shape == (2, 7) and X_test.shape == (2, 3) and Y_test.shape == (1, 3)
    np.testing.assert_array_equal(Y_train[0], X_train[0].astype(int) % 2)
    np.testing.assert_array_equal(Y_test[0], X_test[0].astype(int) % 2)
    assert Y_train.dtype == Y.dtype                                  # integer labels stay integers


def test_standardize_by_hand_and_float32():
    X = np.array([[1.0, 3.0], [2.0, 2.0]], dtype=np.float32)
    X_std, mean, std = dh.standardize(X)
    np.testing.assert_allclose(X_std, [[-1.0, 1.0], [0.0, 0.0]])    # constant feature: std 1
    np.testing.assert_allclose(mean, [[2.0], [2.0]])
    np.testing.assert_allclose(std, [[1.0], [1.0]])
    assert X_std.dtype == np.float32
    X_test = np.array([[5.0], [2.0]], dtype=np.float32)
    np.testing.assert_allclose(dh.standardize(X_test, mean, std)[0], [[3.0], [0.0]])
