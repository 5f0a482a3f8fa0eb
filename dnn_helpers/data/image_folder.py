"""Notebook 08: your own images. A folder of pictures becomes X (n_x, m) and Y (1, m), ready for the network.

Two ways to say which pictures are the positive class (y = 1):

* sub-folders: ``photos/cat/*.jpg`` and ``photos/not_cat/*.jpg``; the sub-folder names are the class names,
  and the positive class is ``positive`` (a sub-folder name) or else the second name in sorted order;
* a file-name prefix: ``photos/cat_01.jpg``, ``photos/dog_07.png``, ... with ``positive_prefix="cat"``:
  the files whose names start with "cat" are 1, all others 0.

Every picture is converted to ``mode`` ("RGB": 3 colour channels, or "L": 1 grey channel; a transparent
background becomes white), turned upright if its EXIF data says the camera was rotated, and stretched to
``size`` = (width, height) pixels. Files are read in sorted order, so the same folder gives the same X.
Hidden files and folders (names starting with ".", such as .DS_Store or .ipynb_checkpoints) are ignored.
A file or sub-folder whose real location is outside the folder (a symbolic link pointing elsewhere) is never
read: it raises a ValueError naming it (or is skipped and listed with skip_bad=True).

Pixel values become floats in [0, 1]: 8-bit pictures are divided by 255, 16-bit ones (PNG mode "I;16") by
65535, and float pictures (TIFF mode "F") are taken as they are if in [0, 1] (or divided by 255 if in [0, 255]).
"""

import os
from pathlib import Path

import numpy as np

from ..validation import check_float_dtype, describe

MODES = {"RGB": 3, "L": 1}
HIGH_DEPTH = {"I;16": 65535.0, "I;16L": 65535.0, "I;16B": 65535.0, "I;16N": 65535.0, "I": 65535.0}


MAX_PIXELS = 2048 * 2048   # per picture: a column of X that large (times 3 colours) is already 100 MB in float64


def _check_size(size):
    """Return size as (width, height), two whole numbers >= 1 (an int n means (n, n))."""
    if isinstance(size, (int, np.integer)) and not isinstance(size, bool):
        size = (size, size)
    if (isinstance(size, (str, bytes)) or not hasattr(size, "__len__") or len(size) != 2
            or any(isinstance(s, bool) or not isinstance(s, (int, np.integer)) for s in size)):
        raise TypeError(f"size must be (width, height), two whole numbers of pixels such as (64, 64); got {size!r}")
    if min(size) < 1:
        raise ValueError(f"size must be at least 1 x 1 pixels; got {tuple(size)}")
    width, height = int(size[0]), int(size[1])
    if width * height > MAX_PIXELS:
        raise ValueError(f"size {(width, height)} is {width * height:,} pixels per picture, more than the "
                         f"{MAX_PIXELS:,} (e.g. 2048 x 2048) this loader takes: each picture becomes one column of X "
                         f"with that many rows times 3 colours; small sizes such as (64, 64) train well")
    return width, height


def _check_mode(mode):
    if not isinstance(mode, str) or mode not in MODES:
        raise ValueError(f"mode must be 'RGB' (colour, 3 channels) or 'L' (grey, 1 channel); got {mode!r}")
    return mode


def _check_folder(path, name="path"):
    if not isinstance(path, (str, os.PathLike)):
        raise TypeError(f"{name} must be a folder name (a str or pathlib.Path); got {type(path).__name__}")
    folder = Path(path)
    if not folder.exists():
        raise FileNotFoundError(f"{name} {str(folder)!r} does not exist; give the folder that holds your images")
    if not folder.is_dir():
        raise NotADirectoryError(f"{name} {str(folder)!r} is a file, not a folder; give the folder that holds "
                                 f"your images (use load_image for a single picture)")
    return folder


def _visible(folder):
    """The entries of ``folder`` in sorted order, without hidden ones."""
    return sorted((entry for entry in folder.iterdir() if not entry.name.startswith(".")), key=lambda e: e.name)


class OutsideFolderError(ValueError):
    """A file or sub-folder whose real path leaves the folder being loaded (a symbolic link out)."""


def _check_inside(entry, folder):
    """Raise OutsideFolderError unless ``entry``'s real path (links followed) is inside ``folder``."""
    root, real = folder.resolve(), entry.resolve()
    if real != root and root not in real.parents:
        raise OutsideFolderError(f"{entry.relative_to(folder).as_posix()!r} is a link to something outside the "
                                 f"folder {folder.name!r}; only pictures inside the folder are read. Copy the "
                                 f"picture into the folder, or pass skip_bad=True to skip such files")


def _is_file(entry):
    """A file, or a link that is not a folder (a dangling link is kept, so that it is named, not silently lost)."""
    return entry.is_file() or (entry.is_symlink() and not entry.is_dir())


def _read(file, size, mode):
    """One picture as an array (height, width, channels) of floats in [0, 1]; raises ValueError naming it."""
    from PIL import Image, ImageOps, UnidentifiedImageError

    try:
        with Image.open(file) as image:
            image.draft(None, (max(size), max(size)))  # lets a large JPEG decode at a reduced size: much faster
            image = ImageOps.exif_transpose(image)
            image.load()
            if image.mode in HIGH_DEPTH or image.mode == "F":
                grey = _high_depth_grey(image, file)    # one channel of floats in [0, 1]
                grey = grey.resize(size, Image.Resampling.BILINEAR)
                array = np.clip(np.asarray(grey, dtype=np.float64), 0.0, 1.0)
                return np.repeat(array.reshape(size[1], size[0], 1), MODES[mode], axis=2)
            if image.mode in ("RGBA", "LA", "PA") or (image.mode == "P" and "transparency" in image.info):
                rgba = image.convert("RGBA")
                image = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
                image.alpha_composite(rgba)     # transparent pixels become white, not black
            image = image.convert(mode).resize(size, Image.Resampling.BILINEAR)
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError) as err:
        reason = str(err).replace(repr(str(file))[1:-1], file.name).replace(str(file), file.name)  # no full path
        raise ValueError(f"{file.name!r} is not a readable image ({type(err).__name__}: {reason}); remove it "
                         f"from the folder, or pass skip_bad=True to skip such files") from None
    array = np.asarray(image, dtype=np.float64) / 255.0
    return array.reshape(size[1], size[0], MODES[mode])


def _high_depth_grey(image, file):
    """A 16-bit (or 32-bit integer) or float grey picture as a Pillow "F" image with values in [0, 1]."""
    from PIL import Image

    values = np.asarray(image, dtype=np.float64)
    if not np.isfinite(values).all():
        raise ValueError(f"{file.name!r} holds NaN or infinite pixel values")
    if image.mode in HIGH_DEPTH:
        top = HIGH_DEPTH[image.mode]
        if values.min() < 0 or values.max() > top:
            raise ValueError(f"{file.name!r} has pixel values from {values.min():g} to {values.max():g}, outside the "
                             f"0..65535 of a 16-bit picture")
    elif values.min() >= 0 and values.max() <= 1:
        top = 1.0
    elif values.min() >= 0 and values.max() <= 255:
        top = 255.0
    else:
        raise ValueError(f"{file.name!r} is a float picture with values from {values.min():g} to {values.max():g}; "
                         f"expected values in [0, 1] (or [0, 255])")
    return Image.fromarray((values / top).astype(np.float32), mode="F")


def load_image(file, size=(64, 64), mode="RGB", dtype=np.float64):
    """One picture as a column x (n_x, 1), n_x = height * width * channels, values in [0, 1].

    The same conversion as ``load_image_folder``, so x can go straight into ``predict``; to look at it as
    the network sees it: ``x.reshape(height, width, channels)`` (squeeze the last axis for mode "L").
    """
    if not isinstance(file, (str, os.PathLike)):
        raise TypeError(f"file must be a file name (a str or pathlib.Path); got {type(file).__name__}")
    file = Path(file)
    if not file.is_file():
        raise FileNotFoundError(f"file {str(file)!r} does not exist or is not a file")
    dtype = check_float_dtype(dtype)
    array = _read(file, _check_size(size), _check_mode(mode))
    return array.reshape(-1, 1).astype(dtype, copy=False)


def _labelled_files(folder, positive, positive_prefix):
    """The list of (file, label) pairs in sorted order and the class names [negative, positive]."""
    if positive_prefix is not None:
        if positive is not None:
            raise ValueError("give either positive (a sub-folder name) or positive_prefix (a file-name prefix), "
                             "not both")
        if not isinstance(positive_prefix, str) or not positive_prefix:
            raise TypeError(f"positive_prefix must be a non-empty str such as 'cat'; got {positive_prefix!r}")
        files = [entry for entry in _visible(folder) if _is_file(entry)]
        if not files:
            raise ValueError(f"the folder {folder.name!r} holds no files; with positive_prefix the images must be "
                             f"directly inside it (e.g. cat_01.jpg, dog_01.jpg)")
        prefix = positive_prefix.lower()
        labelled = [(file, int(file.name.lower().startswith(prefix))) for file in files]
        classes = [f"not_{positive_prefix}", positive_prefix]
        count = sum(label for _, label in labelled)
        if count in (0, len(labelled)):
            which = "none" if count == 0 else "all"
            raise ValueError(f"{which} of the {len(labelled)} files in {folder.name!r} start with "
                             f"{positive_prefix!r}, so there is only one class; binary classification needs "
                             f"examples of both (files starting with {positive_prefix!r} and others)")
        return labelled, classes

    subfolders = [entry for entry in _visible(folder) if entry.is_dir()]
    names = [sub.name for sub in subfolders]
    if len(subfolders) != 2:
        found = f"found {len(subfolders)}" + (f": {names}" if subfolders else "")
        raise ValueError(f"the folder {folder.name!r} must hold exactly two sub-folders, one per class (e.g. cat/ "
                         f"and not_cat/); {found}. Or put the images directly in it and pass "
                         f"positive_prefix='cat' to label files by the start of their names")
    for sub in subfolders:
        _check_inside(sub, folder)    # a class folder that links elsewhere is refused, even with skip_bad
    if positive is None:
        positive = names[1]
    if positive not in names:
        raise ValueError(f"positive must name one of the sub-folders {names}; got {positive!r}")
    classes = [names[0] if positive == names[1] else names[1], positive]
    labelled = []
    for sub in subfolders:
        files = [entry for entry in _visible(sub) if _is_file(entry)]
        if not files:
            raise ValueError(f"the sub-folder {sub.name!r} holds no files, so there is only one class; put "
                             f"the images of class {sub.name!r} into it")
        labelled += [(file, int(sub.name == positive)) for file in files]
    return labelled, classes


def load_image_folder(path, size=(64, 64), mode="RGB", *, positive=None, positive_prefix=None, skip_bad=False,
                      dtype=np.float64):
    """Load a folder of pictures as a binary classification set.

    path: a folder with two sub-folders (one per class), or, with ``positive_prefix``, the pictures themselves.
    size: (width, height) in pixels that every picture is stretched to (an int n means (n, n)).
    mode: "RGB" (3 channels) or "L" (grey, 1 channel).
    positive: the sub-folder whose pictures are y = 1 (default: the second sub-folder name in sorted order).
    positive_prefix: label by file name instead: names starting with it (any case) are 1, the others 0.
    skip_bad: if False (default), a file that is not a readable image raises a ValueError naming it;
        if True, such files are left out and listed in a fourth return value.

    Returns X (n_x, m) with n_x = height * width * channels and values in [0, 1], one column per picture
    (``X[:, i].reshape(height, width, channels)`` shows picture i again); Y (1, m) of 0/1 (int64);
    classes = [negative class name, positive class name]; and, only when skip_bad=True, skipped: the list of
    the files left out (as paths relative to ``path``).
    """
    folder = _check_folder(path)
    size, mode = _check_size(size), _check_mode(mode)
    dtype = check_float_dtype(dtype)
    if not isinstance(skip_bad, (bool, np.bool_)):
        raise TypeError(f"skip_bad must be True or False; got {describe(skip_bad)}")
    if positive is not None and not isinstance(positive, str):
        raise TypeError(f"positive must be the name of a sub-folder (a str); got {describe(positive)}")
    labelled, classes = _labelled_files(folder, positive, positive_prefix)
    columns, labels, skipped = [], [], []
    for file, label in labelled:
        try:
            _check_inside(file, folder)
            columns.append(_read(file, size, mode).reshape(-1))
        except ValueError:
            if not skip_bad:
                raise
            skipped.append(file.relative_to(folder).as_posix())
            continue
        labels.append(label)
    if len(set(labels)) < 2:
        raise ValueError(f"after skipping {len(skipped)} unreadable file(s) {skipped}, only "
                         f"{len(labels)} image(s) of {len(set(labels))} class(es) are left; binary "
                         f"classification needs readable images of both classes {classes}")
    X = np.stack(columns, axis=1).astype(dtype, copy=False)
    Y = np.array(labels, dtype=np.int64).reshape(1, -1)
    return (X, Y, classes, skipped) if skip_bad else (X, Y, classes)
