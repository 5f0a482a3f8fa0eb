import io
import pickle
import re
import zipfile

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


@pytest.mark.parametrize("threshold, error, message", [
    (True, TypeError, "threshold must be a number strictly between 0 and 1; got True"),
    ("0.5", TypeError, "threshold must be a number strictly between 0 and 1; got '0.5'"),
    (0, ValueError, "threshold must be strictly between 0 and 1; got 0"),
    (1.0, ValueError, r"threshold must be strictly between 0 and 1; got 1.0"),
])
def test_predict_threshold_must_be_a_number_inside_0_1(params, threshold, error, message):
    with pytest.raises(error, match=message):
        dh.predict(np.ones((2, 1)), params, threshold=threshold)


def test_predict_with_numpy_thresholds_and_a_softmax_network():
    X = np.array([[2.0, 0.0, 0.1], [0.0, 2.0, 0.0]])
    params = {"W1": np.array([[1.0, -1.0]]), "b1": np.array([[0.0]])}
    np.testing.assert_array_equal(dh.predict(X, params, threshold=np.float32(0.52)), [[1, 0, 1]])
    np.testing.assert_array_equal(dh.predict(X, params, threshold=np.float64(0.53)), [[1, 0, 0]])
    three = {"W1": np.array([[1.0, 0.0], [0.0, 1.0], [0.0, 0.0]]), "b1": np.array([[0.0], [0.0], [0.5]])}
    predictions = dh.predict(X, three, threshold=0.9)   # the most probable class: the threshold is not used
    np.testing.assert_array_equal(predictions, [[0, 1, 2]])
    assert predictions.dtype == np.int64
    np.testing.assert_array_equal(dh.predict(np.array([[0.0], [-1.0]]), three), [[2]])   # one example


def test_labels_that_are_not_class_numbers():
    with pytest.raises(ValueError, match=r"Y must hold class numbers 0, 1, 2, ... \(0/1 for binary\); found "
                                         r"\[-1.0, 0.5\]"):
        dh.accuracy(np.array([[0, 0.5, -1, 1]]), np.array([[0, 1, 1, 1]]))
    with pytest.raises(ValueError, match=r"Y_pred must hold class numbers .*found \[nan\]"):
        dh.accuracy(np.array([[0, 1]]), np.array([[0, np.nan]]))
    with pytest.raises(ValueError, match=r"Y has shape \(2, 2\): a \(K, m\) label array must be one-hot"):
        dh.accuracy(np.array([[1, 1], [0, 1]]), np.array([[0, 1]]))
    with pytest.raises(ValueError, match="must be one-hot"):
        dh.accuracy(np.array([[0.5, 1], [0.5, 0]]), np.array([[0, 1]]))   # columns sum to 1, but not 0/1


def test_accuracy_with_one_hot_labels_and_float_rows():
    one_hot = np.array([[1, 0, 0], [0, 0, 1], [0, 1, 0]])   # classes 0, 2, 1
    assert dh.accuracy(one_hot, np.array([[0, 2, 2]])) == pytest.approx(2 / 3)
    assert dh.accuracy(np.array([[1.0, 0.0, 1.0]]), np.array([[1, 0, 0]])) == pytest.approx(2 / 3)
    assert dh.accuracy(np.array([[1]]), np.array([[1]])) == 1.0   # one example


def test_confusion_matrix_K_checks():
    np.testing.assert_array_equal(dh.confusion_matrix(np.array([[0, 1, 1]]), np.array([[1, 1, 0]]), K=2),
                                  [[0, 1], [1, 1]])
    np.testing.assert_array_equal(dh.confusion_matrix(np.array([[0, 0]]), np.array([[0, 0]])), [[2, 0], [0, 0]])
    np.testing.assert_array_equal(dh.confusion_matrix(np.array([[0]]), np.array([[1]]), K=np.int64(3)),
                                  [[0, 1, 0], [0, 0, 0], [0, 0, 0]])
    for K in (True, 2.0):
        with pytest.raises(ValueError, match=rf"K must be a whole number of classes covering every label; "
                                             rf"got {K!r}, but class 1 occurs"):
            dh.confusion_matrix(np.array([[0, 1]]), np.array([[0, 1]]), K=K)


def test_files_whose_metadata_or_weights_are_wrong(tmp_path):
    parameters = dh.initialize_parameters_deep([2, 1], seed=0)
    path = tmp_path / "odd.npz"
    np.savez(path, **parameters, hidden_activation=np.array(["relu", "tanh"]))
    with pytest.raises(ValueError, match="odd.npz is not a parameters file.*its 'hidden_activation' entry is not "
                                         "a name"):
        dh.load_parameters(path)
    np.savez(path, **parameters, output=np.array(3))
    with pytest.raises(ValueError, match="its 'output' entry is not a name"):
        dh.load_parameters(path)
    np.savez(path, W1=np.ones((1, 2), dtype=np.int64), b1=np.zeros((1, 1)))
    with pytest.raises(ValueError, match="the parameters in .*odd.npz: W1 has dtype int64; weights must be floats"):
        dh.load_parameters(path)


def test_save_records_what_the_parameters_remember(tmp_path):
    parameters = dh.Parameters(dh.initialize_parameters_deep([2, 3, 4], seed=0), "tanh")
    path = tmp_path / "remembered.npz"
    dh.save_parameters(path, parameters)
    with np.load(path) as data:
        assert str(data["hidden_activation"]) == "tanh" and str(data["output"]) == "softmax"
    loaded = dh.load_parameters(path)
    assert loaded.hidden_activation == "tanh" and sorted(loaded) == ["W1", "W2", "b1", "b2", "hidden_activation"]


def test_a_damaged_archive_and_an_unreadable_array(tmp_path):
    path = tmp_path / "damaged.npz"
    np.savez(path, W1=np.ones((1, 2)), b1=np.zeros((1, 1)))
    raw = bytearray(path.read_bytes())
    one = raw.find(np.float64(1.0).tobytes())
    raw[one + 7] = 0x40   # 1.0 becomes 2.0 inside W1.npy: the zip's CRC no longer matches
    path.write_bytes(bytes(raw))
    with pytest.raises(ValueError, match=r"damaged.npz is not a parameters file .*: it is damaged \(BadZipFile: "):
        dh.load_parameters(path)
    cut = tmp_path / "cut.npz"
    with zipfile.ZipFile(cut, "w") as archive:
        buffer = io.BytesIO()
        np.save(buffer, np.ones((1, 2)))
        archive.writestr("W1.npy", buffer.getvalue()[:-8])   # the array's last value is missing
    with pytest.raises(ValueError, match=r"cut.npz is not a parameters file written by save_parameters \(an .npz "
                                         r"archive of plain arrays W1, b1, ...\): (?!it is damaged)"):
        dh.load_parameters(cut)


def test_predict_at_exactly_the_threshold_is_0(params):
    """P(y = 1) = 0.5 exactly (Z = 0) is not above 0.5: class 0, as the docstring says."""
    np.testing.assert_array_equal(dh.predict(np.array([[0.0, 1.0], [0.0, 1.0]]), params), [[0, 0]])
    np.testing.assert_array_equal(dh.predict(np.array([[0.0], [0.0]]), params, threshold=0.25), [[1]])


def test_one_hot_labels_of_up_to_a_thousand_classes():
    Y = np.eye(1000)[:, [3, 999, 0]]
    assert dh.accuracy(Y, np.array([[3, 999, 1]])) == pytest.approx(2 / 3)
    with pytest.raises(ValueError, match=r"Y has shape \(1001, 3\): as one-hot labels \(K, m\) that is K = 1001 "
                                         r"classes, more than the 1000 these functions take"):
        dh.accuracy(np.eye(1001)[:, [3, 1000, 0]], np.array([[3, 1000, 1]]))


def test_a_file_whose_output_record_contradicts_its_last_layer(tmp_path):
    parameters = dh.initialize_parameters_deep([2, 3, 1], seed=0)
    path = tmp_path / "contradiction.npz"
    np.savez(path, **parameters, hidden_activation=np.array("relu"), output=np.array("softmax"))
    with pytest.raises(ValueError, match=r"says its output is 'softmax', but W2 has 1 rows, which is a sigmoid output"):
        dh.load_parameters(path)
    np.savez(path, **parameters, hidden_activation=np.array("relu"), output=np.array("sigmoid"))
    assert sorted(dh.load_parameters(path)) == ["W1", "W2", "b1", "b2"]


def test_load_parameters_checks_the_activation_it_is_told(tmp_path):
    path = tmp_path / "old.npz"
    np.savez(path, **dh.initialize_parameters_deep([2, 3, 1], seed=0))
    assert dh.load_parameters(path).hidden_activation == "relu"
    assert dh.load_parameters(path, hidden_activation="tanh")["hidden_activation"] == "tanh"
    with pytest.raises(ValueError, match=r"^hidden_activation must be one of 'relu', 'sigmoid', 'tanh', 'leaky_relu'; "
                                         r"got 'swish'$"):
        dh.load_parameters(path, hidden_activation="swish")
    recorded = tmp_path / "tanh.npz"
    dh.save_parameters(recorded, dh.Parameters(dh.initialize_parameters_deep([2, 3, 1], seed=0), "tanh"))
    with pytest.raises(ValueError, match=rf"^{re.escape(str(recorded))}: these parameters were trained with "
                                         r"hidden_activation='tanh', but hidden_activation='relu' was asked for"):
        dh.load_parameters(recorded, hidden_activation="relu")
    np.savez(path, W1=np.ones((3, 2)), b1=np.zeros((2, 1)))
    with pytest.raises(ValueError) as caught:
        dh.load_parameters(path)
    assert str(caught.value).count(str(path)) == 1          # the file named once


def test_confusion_matrix_with_K_a_thousand():
    assert dh.confusion_matrix(np.array([[0, 1]]), np.array([[0, 1]]), K=1000).shape == (1000, 1000)
