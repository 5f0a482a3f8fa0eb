"""Bad input to the learning tools gets a teaching error naming the argument: the playground's settings and grid, the
explorers' controls, the image-folder loader and the generated data sets (the steps' bad input: test_bad_input.py)."""

import numpy as np
import pytest

import dnn_helpers as dh


@pytest.mark.parametrize("text, error, match", [
    (b"8, 4", TypeError, r"hidden_layers must be a text such as \"8, 4\" or a list of sizes such as \[8, 4\]; "
                         r"got b'8, 4' \(bytes\)"),
    ({8: 4}, TypeError, r"got \{8: 4\} \(dict\)"),
    (None, TypeError, r"got None \(NoneType\)"),
    ([8, "4"], TypeError, r"hidden_layers must list whole numbers of units such as \[8, 4\]; got '4' \(str\)"),
    ([8, 4.0], TypeError, r"got 4.0 \(float\)"),
    ("9" * 5000, ValueError, r"at most 8 hidden layers of at most 256 units each; got a layer of 5000 digits"),
    ("8, ²", ValueError, r"written with the digits 0-9 and separated by commas \(e.g. 8, 4\); got '²' \(str\)"),
    ("8, ٣", ValueError, r"written with the digits 0-9"),
    ("8, -2", ValueError, r"got '-2' \(str\)"),
    ("8, 0", ValueError, r"whole numbers of at least 1"),
])
def test_parse_hidden_layers_refuses_what_is_not_a_list_of_sizes(text, error, match):
    from dnn_helpers.playground import parse_hidden_layers
    with pytest.raises(error, match=match):
        parse_hidden_layers(text)


def test_parse_hidden_layers_takes_texts_lists_and_arrays():
    from dnn_helpers.playground import parse_hidden_layers
    assert parse_hidden_layers(" 8 ; 4 ,") == [8, 4] and parse_hidden_layers("") == []
    assert parse_hidden_layers((8, np.int64(4))) == [8, 4] and parse_hidden_layers(np.array([3])) == [3]
    assert parse_hidden_layers("256") == [256]
    with pytest.raises(ValueError, match="at most 256 units"):
        parse_hidden_layers("257")


@pytest.mark.parametrize("features", [None, 5, [["x1"]], b"x1", [1, 2]])
def test_features_of_the_wrong_kind(features):
    from dnn_helpers.playground import parse_features
    with pytest.raises(TypeError, match=r"features must be a feature name or a list of them"):
        parse_features(features)


@pytest.mark.parametrize("resolution, margin, error, match", [
    (-1, 0.5, ValueError, r"resolution, the number of grid points along each axis, must be at least 2; got -1"),
    (1, 0.5, ValueError, r"must be at least 2; got 1"),
    (10 ** 6, 0.5, ValueError, r"must be at most 1000; got 1000000"),
    (2.5, 0.5, TypeError, r"resolution, the number of grid points along each axis, must be a whole number "
                          r"\(at least 2\); got 2.5"),
    (10, -1.0, ValueError, r"margin, the space added around the data, must be at least 0 and at most 100; got -1"),
    (10, float("nan"), ValueError, r"margin, the space added around the data, must be"),
])
def test_the_playground_grid_refuses_a_bad_resolution_or_margin(resolution, margin, error, match):
    from dnn_helpers.playground import Playground
    engine = Playground(hidden_layers=(3,))
    with pytest.raises(error, match=match):
        engine.grid(resolution=resolution, margin=margin)
    x1, x2, P = engine.grid(resolution=3, margin=0.0)
    assert x1.shape == x2.shape == P.shape == (3, 3)


def test_an_image_folder_resized_to_a_huge_size_is_refused(tmp_path):
    with pytest.raises(ValueError, match=r"size \(40000, 40000\) is 1,600,000,000 pixels per picture, more than the "
                                         r"4,194,304 \(e.g. 2048 x 2048\) this loader takes"):
        dh.load_image_folder(tmp_path, size=(40000, 40000))
    with pytest.raises(ValueError, match=r"size \(4097, 1024\) is 4,195,328 pixels"):
        dh.load_image_folder(tmp_path, size=(4097, 1024))


@pytest.mark.parametrize("factory, options, error, match", [
    ("activation_explorer", dict(activation="softmax"), ValueError,
     r"activation must be one of 'relu', 'sigmoid', 'tanh', 'leaky_relu'; got 'softmax'"),
    ("activation_explorer", dict(z_max=0.5), ValueError, r"z_max must be a number from 1 to 10"),
    ("initialization_explorer", dict(method="glorot"), ValueError, r"method must be one of"),
    ("initialization_explorer", dict(activation=None), ValueError, r"activation must be one of"),
    ("initialization_explorer", dict(depth=0), ValueError, r"depth must be a whole number from 1 to 10"),
    ("initialization_explorer", dict(width="100"), TypeError, r"width must be a whole number"),
    ("learning_rate_explorer", dict(learning_rate=100.0), ValueError, r"learning_rate must be a number from 0.01"),
    ("learning_rate_explorer", dict(learning_rate="fast"), TypeError, r"learning_rate must be a number from 0.01"),
    ("learning_rate_explorer", dict(iterations=1000), ValueError, r"iterations must be a whole number from 1 to 200"),
])
def test_the_explorers_refuse_values_their_controls_cannot_show(factory, options, error, match):
    import matplotlib
    matplotlib.use("Agg")
    from dnn_helpers import widgets
    with pytest.raises(error, match=match):
        getattr(widgets, factory)(**options)


@pytest.mark.parametrize("make, options, match", [
    ("make_moons", dict(noise=1e308), r"noise, the spread of the Gaussian noise added to the points, must be a number "
                                      r"from 0 \(no noise\) to 100"),
    ("make_blobs", dict(noise=float("inf")), r"must be a number from 0 \(no noise\) to 100"),
    ("make_circles", dict(m=10 ** 12), r"m, the number of examples, is 1,000,000,000,000; these generated sets take "
                                       r"at most 10,000,000"),
    ("make_spirals", dict(turns=1e308), r"turns must be a number of turns above 0 and at most 1000"),
])
def test_generated_sets_refuse_absurd_sizes(make, options, match):
    with pytest.raises(ValueError, match=match):
        getattr(dh, make)(**options)


def test_explorer_helpers_refuse_absurd_ranges():
    from dnn_helpers import explorers
    for options, match in ((dict(z_max=1e308), r"z_max, the half-width of the range of z, must be at most 1000"),
                           (dict(z_max=float("inf")), r"z_max must be a positive number"),
                           (dict(n=10 ** 9), r"n, the number of points, must be at most 100,000"),
                           (dict(name="softmax"), r"name must be one of")):
        with pytest.raises(ValueError, match=match):
            explorers.activation_curves(**{"name": "relu", **options})
    with pytest.raises(ValueError, match=r"depth must be a whole number from 1 to 100; got 100,000,000,000,000"):
        explorers.layer_activations(depth=10 ** 14)
    with pytest.raises(ValueError, match=r"iterations must be a whole number from 0 to 100,000"):
        explorers.descend(np.ones((1, 2)), np.array([[0, 1]]), 0.1, 10 ** 20)
