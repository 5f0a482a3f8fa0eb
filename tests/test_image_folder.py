"""load_image_folder and load_image on folders of pictures that each test draws itself."""

import numpy as np
import pytest
from PIL import Image

import dnn_helpers as dh


def save(path, colour, size=(10, 6), mode="RGB"):
    """Write a plain picture of one colour; returns its path."""
    path.parent.mkdir(parents=True, exist_ok=True)
    Image.new(mode, size, colour).save(path)
    return path


@pytest.fixture
def two_classes(tmp_path):
    """cat/ holds 3 red pictures, not_cat/ holds 2 blue ones, in several formats and sizes."""
    save(tmp_path / "cat" / "c1.png", (255, 0, 0))
    save(tmp_path / "cat" / "c2.jpg", (255, 0, 0), size=(40, 30))
    save(tmp_path / "cat" / "c0.bmp", (255, 0, 0), size=(5, 5))
    save(tmp_path / "not_cat" / "n1.png", (0, 0, 255))
    save(tmp_path / "not_cat" / "n2.png", (0, 0, 255))
    return tmp_path


def test_subfolders_give_labels_classes_shapes_and_sorted_order(two_classes):
    X, Y, classes = dh.load_image_folder(two_classes, size=(8, 4))
    assert X.shape == (4 * 8 * 3, 5) and X.dtype == np.float64
    assert Y.shape == (1, 5) and Y.dtype == np.int64
    assert classes == ["cat", "not_cat"]          # positive = the second sub-folder in sorted order
    assert Y.tolist() == [[0, 0, 0, 1, 1]]        # cat/c0, c1, c2 then not_cat/n1, n2
    assert X.min() >= 0 and X.max() <= 1
    first = X[:, 0].reshape(4, 8, 3)              # a column reshapes back to (height, width, channels)
    np.testing.assert_allclose(first[..., 0], 1.0)
    np.testing.assert_allclose(first[..., 2], 0.0)
    np.testing.assert_allclose(X[:, 3].reshape(4, 8, 3)[..., 2], 1.0)
    X2, Y2, _ = dh.load_image_folder(two_classes, size=(8, 4))
    assert np.array_equal(X, X2) and np.array_equal(Y, Y2)


def test_positive_chooses_the_class(two_classes):
    _, Y, classes = dh.load_image_folder(two_classes, size=4, positive="cat")
    assert classes == ["not_cat", "cat"]
    assert Y.tolist() == [[1, 1, 1, 0, 0]]
    with pytest.raises(ValueError, match=r"positive must name one of the sub-folders \['cat', 'not_cat'\]"):
        dh.load_image_folder(two_classes, positive="dog")


def test_prefix_labels_case_insensitive(tmp_path):
    for name in ("cat_1.png", "Cat_2.png", "dog_1.png", "tree.png"):
        save(tmp_path / name, (9, 9, 9))
    X, Y, classes = dh.load_image_folder(tmp_path, size=(3, 3), positive_prefix="cat")
    assert classes == ["not_cat", "cat"]
    assert Y.tolist() == [[1, 1, 0, 0]]           # sorted: Cat_2, cat_1, dog_1, tree
    assert X.shape == (27, 4)
    with pytest.raises(ValueError, match="not both"):
        dh.load_image_folder(tmp_path, positive="cat", positive_prefix="cat")
    with pytest.raises(TypeError, match="positive_prefix must be a non-empty str"):
        dh.load_image_folder(tmp_path, positive_prefix="")


def test_grayscale_rgba_and_palette_inputs(tmp_path):
    save(tmp_path / "a" / "grey.png", 128, mode="L")
    Image.new("RGBA", (6, 6), (0, 0, 0, 0)).save(tmp_path / "a" / "transparent.png")
    save(tmp_path / "b" / "half.png", (255, 0, 0, 128), mode="RGBA")
    Image.new("RGB", (6, 6), (0, 255, 0)).convert("P").save(tmp_path / "b" / "palette.gif")
    X, Y, _ = dh.load_image_folder(tmp_path, size=(6, 6), mode="RGB")
    assert X.shape == (108, 4)
    np.testing.assert_allclose(X[:, 0], 128 / 255)                       # grey -> three equal channels
    np.testing.assert_allclose(X[:, 1], 1.0)                             # fully transparent -> white
    np.testing.assert_allclose(X[:, 2].reshape(6, 6, 3)[0, 0], [1.0, 127 / 255, 127 / 255], atol=0.01)
    np.testing.assert_allclose(X[:, 3].reshape(6, 6, 3)[0, 0], [0, 1, 0])
    Xg, _, _ = dh.load_image_folder(tmp_path, size=(6, 6), mode="L")
    assert Xg.shape == (36, 4)
    np.testing.assert_allclose(Xg[:, 0], 128 / 255)
    np.testing.assert_allclose(Xg[:, 1], 1.0)


def test_resizing_stretches_to_width_by_height(tmp_path):
    image = Image.new("L", (20, 10), 0)
    image.paste(255, (10, 0, 20, 10))                  # right half white
    image.save(tmp_path / "halves.png")
    save(tmp_path / "other.png", 0, mode="L")
    X, _, _ = dh.load_image_folder(tmp_path, size=(4, 2), mode="L", positive_prefix="halves")
    picture = X[:, 0].reshape(2, 4)
    np.testing.assert_allclose(picture[:, 0], 0.0)
    np.testing.assert_allclose(picture[:, -1], 1.0)
    x = dh.load_image(tmp_path / "halves.png", size=(4, 2), mode="L")
    assert x.shape == (8, 1)
    np.testing.assert_array_equal(x[:, 0], X[:, 0])


def test_dtype_float32(two_classes):
    X, _, _ = dh.load_image_folder(two_classes, size=4, dtype=np.float32)
    assert X.dtype == np.float32


def test_corrupt_file_is_named(two_classes):
    (two_classes / "cat" / "broken.jpg").write_bytes(b"this is not a JPEG")
    with pytest.raises(ValueError, match=r"'broken\.jpg' is not a readable image.*skip_bad=True") as info:
        dh.load_image_folder(two_classes)
    assert str(two_classes) not in str(info.value)   # the file's name, not its full path (no machine paths)


def test_truncated_image_is_named(two_classes):
    good = (two_classes / "cat" / "c2.jpg").read_bytes()
    (two_classes / "cat" / "half.jpg").write_bytes(good[: len(good) // 2])
    with pytest.raises(ValueError, match=r"'half\.jpg' is not a readable image"):
        dh.load_image_folder(two_classes)


def test_skip_bad_lists_the_skipped_files(two_classes):
    (two_classes / "cat" / "broken.jpg").write_bytes(b"junk")
    (two_classes / "not_cat" / "notes.txt").write_text("not a picture")
    (two_classes / "not_cat" / ".DS_Store").write_bytes(b"\x00\x01")   # hidden: ignored, not skipped
    X, Y, classes, skipped = dh.load_image_folder(two_classes, size=4, skip_bad=True)
    assert skipped == ["cat/broken.jpg", "not_cat/notes.txt"]
    assert X.shape == (48, 5) and Y.tolist() == [[0, 0, 0, 1, 1]]


def test_skip_bad_that_leaves_one_class_is_an_error(tmp_path):
    save(tmp_path / "a" / "ok.png", 0, mode="L")
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "bad.png").write_bytes(b"junk")
    with pytest.raises(ValueError, match=r"after skipping 1 unreadable file\(s\) \['b/bad.png'\]"):
        dh.load_image_folder(tmp_path, skip_bad=True)


def test_empty_folder(tmp_path):
    with pytest.raises(ValueError, match="exactly two sub-folders.*found 0"):
        dh.load_image_folder(tmp_path)
    with pytest.raises(ValueError, match="holds no files"):
        dh.load_image_folder(tmp_path, positive_prefix="cat")


def test_one_class_folder(tmp_path):
    save(tmp_path / "cat" / "c1.png", 0, mode="L")
    with pytest.raises(ValueError, match=r"exactly two sub-folders.*found 1: \['cat'\]"):
        dh.load_image_folder(tmp_path)
    (tmp_path / "not_cat").mkdir()
    with pytest.raises(ValueError, match="'not_cat' holds no files, so there is only one class"):
        dh.load_image_folder(tmp_path)


def test_one_class_by_prefix(tmp_path):
    save(tmp_path / "cat_1.png", 0, mode="L")
    save(tmp_path / "cat_2.png", 0, mode="L")
    with pytest.raises(ValueError, match="all of the 2 files .* start with 'cat', so there is only one class"):
        dh.load_image_folder(tmp_path, positive_prefix="cat")
    with pytest.raises(ValueError, match="none of the 2 files"):
        dh.load_image_folder(tmp_path, positive_prefix="dog")


def test_three_subfolders(tmp_path):
    for name in ("a", "b", "c"):
        save(tmp_path / name / "x.png", 0, mode="L")
    with pytest.raises(ValueError, match=r"found 3: \['a', 'b', 'c'\]"):
        dh.load_image_folder(tmp_path)


def test_missing_path_and_file_path(tmp_path):
    with pytest.raises(FileNotFoundError, match="does not exist"):
        dh.load_image_folder(tmp_path / "nowhere")
    file = save(tmp_path / "one.png", 0, mode="L")
    with pytest.raises(NotADirectoryError, match="is a file, not a folder"):
        dh.load_image_folder(file)
    with pytest.raises(FileNotFoundError, match="does not exist"):
        dh.load_image(tmp_path / "nowhere.png")
    with pytest.raises(TypeError, match="path must be a folder name"):
        dh.load_image_folder(42)


@pytest.mark.parametrize("size, error, match", [
    ((64,), TypeError, r"size must be \(width, height\)"),
    ("64", TypeError, r"size must be \(width, height\)"),
    ((64.0, 64), TypeError, "two whole numbers"),
    ((0, 64), ValueError, "at least 1 x 1"),
])
def test_bad_size(two_classes, size, error, match):
    with pytest.raises(error, match=match):
        dh.load_image_folder(two_classes, size=size)


def test_bad_mode(two_classes):
    with pytest.raises(ValueError, match=r"mode must be 'RGB' .* or 'L'.*got 'CMYK'"):
        dh.load_image_folder(two_classes, mode="CMYK")
