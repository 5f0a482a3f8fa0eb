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


# --- the folder's boundary: links out of it are never read ------------------------------------------------------

def test_a_link_to_a_picture_outside_the_folder_is_refused_and_named(two_classes, tmp_path_factory):
    outside = save(tmp_path_factory.mktemp("elsewhere") / "secret.png", (0, 255, 0))
    (two_classes / "cat" / "c9.png").symlink_to(outside)
    with pytest.raises(ValueError, match=r"'cat/c9.png' is a link to something outside the folder"):
        dh.load_image_folder(two_classes, size=4)
    X, Y, _, skipped = dh.load_image_folder(two_classes, size=4, skip_bad=True)
    assert skipped == ["cat/c9.png"] and X.shape == (48, 5) and Y.tolist() == [[0, 0, 0, 1, 1]]


def test_a_link_to_a_picture_inside_the_folder_is_read(two_classes):
    (two_classes / "cat" / "c9.png").symlink_to(two_classes / "not_cat" / "n1.png")
    X, Y, _ = dh.load_image_folder(two_classes, size=4)
    assert X.shape == (48, 6)
    np.testing.assert_allclose(X[:, 3].reshape(4, 4, 3)[0, 0], [0, 0, 1])  # c9 (the 4th in sorted order) is blue


def test_a_class_folder_that_links_outside_is_refused(tmp_path, tmp_path_factory):
    elsewhere = tmp_path_factory.mktemp("elsewhere")
    save(elsewhere / "x.png", (0, 255, 0))
    save(tmp_path / "cat" / "c1.png", (255, 0, 0))
    (tmp_path / "not_cat").symlink_to(elsewhere, target_is_directory=True)
    for skip_bad in (False, True):
        with pytest.raises(ValueError, match=r"'not_cat' is a link to something outside the folder"):
            dh.load_image_folder(tmp_path, size=4, skip_bad=skip_bad)


def test_a_link_out_with_positive_prefix_and_a_dangling_link(tmp_path, tmp_path_factory):
    outside = save(tmp_path_factory.mktemp("elsewhere") / "cat_secret.png", (0, 255, 0))
    save(tmp_path / "cat_1.png", (255, 0, 0))
    save(tmp_path / "dog_1.png", (0, 0, 255))
    (tmp_path / "cat_2.png").symlink_to(outside)
    with pytest.raises(ValueError, match=r"'cat_2.png' is a link to something outside the folder"):
        dh.load_image_folder(tmp_path, size=2, positive_prefix="cat")
    (tmp_path / "cat_2.png").unlink()
    (tmp_path / "cat_3.png").symlink_to(tmp_path / "missing.png")  # dangling: named, not silently lost
    with pytest.raises(ValueError, match=r"'cat_3.png' is not a readable image"):
        dh.load_image_folder(tmp_path, size=2, positive_prefix="cat")


# --- 16-bit and float pictures are scaled to [0, 1] ---------------------------------------------------------------

def test_16_bit_png_is_scaled_by_65535(tmp_path):
    grey = np.array([[0, 65535], [32768, 6553]], dtype=np.uint16)
    Image.fromarray(grey).save(tmp_path / "deep.png")
    assert Image.open(tmp_path / "deep.png").mode == "I;16"
    x = dh.load_image(tmp_path / "deep.png", size=(2, 2), mode="L")
    np.testing.assert_allclose(x.ravel(), [0, 1, 32768 / 65535, 6553 / 65535], atol=1e-6)
    rgb = dh.load_image(tmp_path / "deep.png", size=(2, 2), mode="RGB").reshape(2, 2, 3)
    np.testing.assert_allclose(rgb[1, 0], [32768 / 65535] * 3, atol=1e-6)  # grey becomes three equal channels


def test_float_tiff_is_kept_in_zero_one(tmp_path):
    values = np.array([[0.0, 0.25], [0.5, 1.0]], dtype=np.float32)
    Image.fromarray(values).save(tmp_path / "f.tif")
    assert Image.open(tmp_path / "f.tif").mode == "F"
    np.testing.assert_allclose(dh.load_image(tmp_path / "f.tif", size=2, mode="L").ravel(), [0, 0.25, 0.5, 1],
                               atol=1e-7)
    Image.fromarray(values * 255).save(tmp_path / "g.tif")   # a float picture in 0..255
    np.testing.assert_allclose(dh.load_image(tmp_path / "g.tif", size=2, mode="L").ravel(), [0, 0.25, 0.5, 1],
                               atol=1e-6)


def test_float_tiff_out_of_range_is_named(tmp_path):
    Image.fromarray(np.array([[-3.0, 700.0]], dtype=np.float32)).save(tmp_path / "odd.tif")
    with pytest.raises(ValueError, match=r"'odd.tif' is a float picture with values from -3 to 700"):
        dh.load_image(tmp_path / "odd.tif", size=2)


def test_16_bit_pictures_in_a_folder(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    Image.fromarray(np.full((3, 3), 65535, np.uint16)).save(tmp_path / "a" / "white.png")
    Image.fromarray(np.full((3, 3), 16384, np.uint16)).save(tmp_path / "b" / "dark.png")
    X, Y, _ = dh.load_image_folder(tmp_path, size=3, mode="L")
    np.testing.assert_allclose(X[:, 0], 1.0)
    np.testing.assert_allclose(X[:, 1], 16384 / 65535, rtol=1e-6)


@pytest.mark.parametrize("dtype", [np.int32, np.uint8, "int64", None])
def test_integer_dtype_is_a_teaching_error(two_classes, dtype):
    with pytest.raises(TypeError, match=r"dtype must be a float type such as np.float64 or np.float32"):
        dh.load_image_folder(two_classes, size=4, dtype=dtype)
    with pytest.raises(TypeError, match=r"dtype must be a float type"):
        dh.load_image(two_classes / "cat" / "c1.png", size=4, dtype=dtype)


def test_skip_bad_and_positive_of_the_wrong_type(two_classes):
    with pytest.raises(TypeError, match=r"skip_bad must be True or False; got 'yes' \(str\)"):
        dh.load_image_folder(two_classes, skip_bad="yes")
    with pytest.raises(TypeError, match=r"positive must be the name of a sub-folder \(a str\); got 1 \(int\)"):
        dh.load_image_folder(two_classes, positive=1)
