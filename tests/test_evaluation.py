import pickle

import numpy as np
import pytest

import dnn_helpers as dh


@pytest.fixture
def params():
    return {"W1": np.array([[1.0, -1.0]]), "b1": np.array([[0.0]])}


def test_predict_threshold_and_shape(params):
    X = np.array([[2.0, 0.0, 0.1], [0.0, 2.0, 0.0]])  # Z = 2, -2, 0.1
    np.testing.assert_array_equal(dh.predict(X, params), [[1, 0, 1]])
    np.testing.assert_array_equal(dh.predict(X, params, threshold=0.6), [[1, 0, 0]])
    np.testing.assert_allclose(dh.predict_proba(X, params), 1 / (1 + np.exp(-np.array([[2.0, -2.0, 0.1]]))))


def test_predict_checks_nan(params):
    with pytest.raises(ValueError, match="X contains 1 NaN"):
        dh.predict(np.array([[np.nan], [0.0]]), params)


def test_predict_bad_threshold(params):
    with pytest.raises(ValueError, match="threshold must be strictly between 0 and 1"):
        dh.predict(np.ones((2, 1)), params, threshold=1.5)


def test_accuracy_and_confusion_matrix():
    Y, P = np.array([[1, 1, 0, 0, 1]]), np.array([[1, 0, 0, 1, 1]])
    assert dh.accuracy(Y, P) == pytest.approx(0.6)
    np.testing.assert_array_equal(dh.confusion_matrix(Y, P), [[1, 1], [1, 2]])


def test_accuracy_shape_mismatch():
    with pytest.raises(ValueError, match="Y has 3 examples but Y_pred has 2; both must be"):
        dh.accuracy(np.array([[1, 0, 1]]), np.array([[1, 0]]))


def test_save_load_exact_round_trip(tmp_path):
    params = dh.initialize_parameters_deep([4, 3, 1], seed=3, method="he")
    path = tmp_path / "model.npz"
    dh.save_parameters(path, params)
    loaded = dh.load_parameters(path)
    assert set(loaded) == set(params)
    assert all(np.array_equal(loaded[k], params[k]) and loaded[k].dtype == params[k].dtype for k in params)


def test_save_keeps_the_exact_path(tmp_path):
    dh.save_parameters(tmp_path / "weights.bin", dh.initialize_parameters_deep([2, 1]))
    assert (tmp_path / "weights.bin").exists() and not (tmp_path / "weights.bin.npz").exists()


def test_pickled_file_is_refused(tmp_path):
    path = tmp_path / "evil.npz"
    np.savez(path, W1=np.array([object()], dtype=object), b1=np.zeros((1, 1)))
    with pytest.raises(ValueError, match="not a parameters file.*holds pickled Python objects, which are refused"):
        dh.load_parameters(path)
    plain_pickle = tmp_path / "evil.pkl"
    plain_pickle.write_bytes(pickle.dumps({"W1": np.ones((1, 1))}))
    with pytest.raises(ValueError, match="not a parameters file.*not an .npz archive at all"):
        dh.load_parameters(plain_pickle)


def test_corrupt_file(tmp_path):
    path = tmp_path / "broken.npz"
    dh.save_parameters(path, dh.initialize_parameters_deep([3, 2, 1]))
    path.write_bytes(path.read_bytes()[:-60])  # cut off the end, as an interrupted copy would
    with pytest.raises(ValueError, match="broken.npz is not a parameters file"):
        dh.load_parameters(path)


def test_file_with_wrong_arrays(tmp_path):
    path = tmp_path / "other.npz"
    np.savez(path, weights=np.ones(3))
    with pytest.raises(ValueError, match="unexpected key"):
        dh.load_parameters(path)


def test_missing_file(tmp_path):
    with pytest.raises(FileNotFoundError):
        dh.load_parameters(tmp_path / "nothing.npz")
