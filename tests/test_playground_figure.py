"""The playground's picture (dnn_helpers.playground.figure): every artist shows the engine's numbers, frames are
updated in place (the figure is rebuilt only for new data or a new network), and a frame is a PNG."""

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402

from dnn_helpers.playground import figure as pf  # noqa: E402
from dnn_helpers.playground import Playground  # noqa: E402


def drawn(engine):
    figure = pf.PlaygroundFigure()
    assert figure.update(engine)
    return figure


def test_every_unit_map_is_its_output_over_the_plane():
    engine = Playground(hidden_layers=(3, 2), features=("x1", "x2", "x1²"))
    engine.train(20)
    figure = drawn(engine)
    size = figure.unit_size
    assert 20 <= size <= 80                                   # one map pixel per screen pixel
    outputs = engine.unit_outputs(size)
    dead = [np.zeros(3, bool), *engine.dead_units(), np.zeros(1, bool)]
    for maps, blocks, flags in zip(outputs, figure.blocks, dead, strict=True):
        assert len(blocks) == len(maps)
        for values, (top, left), flag in zip(maps, blocks, flags, strict=True):
            low, high = pf.unit_limits(values)
            expected = pf.COLORMAP((values[::-1] - low) / (high - low), bytes=True).astype(float)
            if flag:
                expected = 0.25 * expected + 0.75 * 255  # a dead unit is faded
            np.testing.assert_allclose(figure.mosaic[top:top + size, left:left + size], expected, atol=1)
    assert [len(column) for column in figure.centers] == [3, 3, 2, 1]


def test_weights_are_drawn_by_sign_and_size():
    engine = Playground(hidden_layers=(3,))
    engine.train(5)
    figure = drawn(engine)
    W1 = engine.parameters["W1"]
    widths = figure.lines[0].get_linewidths()
    np.testing.assert_allclose(widths, 0.3 + 3.2 * np.abs(W1).ravel() / np.abs(W1).max())
    colors = figure.lines[0].get_colors()
    positive = matplotlib.colors.to_rgba(pf.POSITIVE, alpha=0.8)
    negative = matplotlib.colors.to_rgba(pf.NEGATIVE, alpha=0.8)
    for weight, color in zip(W1.ravel(), colors, strict=True):
        np.testing.assert_allclose(color, positive if weight >= 0 else negative)


def test_dead_units_are_crossed_and_counted():
    engine = Playground(hidden_layers=(4,), seed=1)
    engine.parameters["b1"][1] = -100.0
    figure = drawn(engine)
    flags = engine.dead_units()[0]
    assert flags[1]
    assert [mark.get_visible() for mark in figure.dead_marks[0]] == flags.tolist()
    count = int(flags.sum())
    assert figure.dead_text.get_text() == f"{count} dead unit{'s' if count != 1 else ''} ✕"
    top, left = figure.blocks[1][1]
    size = figure.unit_size
    assert figure.mosaic[top:top + size, left:left + size, :3].min() >= 191                      # faded


def test_a_wide_layer_shows_its_first_units_and_says_how_many_more():
    engine = Playground(hidden_layers=(20,))
    figure = drawn(engine)
    assert [len(column) for column in figure.centers] == [2, 8, 1]
    assert "+12 more" in [text.get_text() for text in figure.net_ax.texts]


def test_curves_and_boundary_show_the_history_and_the_grid():
    engine = Playground()
    engine.train(30)
    figure = drawn(engine)
    np.testing.assert_array_equal(figure.train_line.get_xdata(), engine.history["epoch"])
    np.testing.assert_array_equal(figure.test_line.get_ydata(), engine.history["test_cost"])
    norms = np.array(engine.history["grad_norms"])
    for l, line in enumerate(figure.grad_lines):
        np.testing.assert_array_equal(line.get_ydata(), norms[:, l])
    _, _, P = engine.grid(pf.BOUNDARY_RESOLUTION)
    np.testing.assert_array_equal(figure.P, P)
    np.testing.assert_array_equal(figure.boundary.get_array(), pf.boundary_colors(P))
    assert figure.title.get_text() == f"epoch 30 · test cost {engine.history['test_cost'][-1]:.3f}"


def test_a_long_history_is_thinned_for_drawing_but_keeps_its_ends():
    assert pf.thin(list(range(10))) == list(range(10))
    thinned = pf.thin(list(range(1001)), limit=100)
    assert thinned[0] == 0 and thinned[-1] == 1000 and len(thinned) <= 102
    assert pf.thin(list(range(1002)), limit=100)[-1] == 1001


def test_axis_ranges_grow_in_nice_steps():
    assert [pf.nice_ceiling(v) for v in (0.7, 1.0, 1.3, 3, 7, 101, 0)] == [1, 1, 2, 5, 10, 200, 1]


def test_frames_update_in_place_and_rebuild_only_for_new_data_or_network():
    engine = Playground()
    figure = drawn(engine)
    fig, first = figure.figure, figure.png()
    assert first[:8] == b"\x89PNG\r\n\x1a\n"
    backgrounds = []
    draw = fig.canvas.draw
    fig.canvas.draw = lambda: (backgrounds.append(1), draw())[1]
    engine.train(3)
    figure.update(engine)
    second = figure.png()
    assert figure.figure is fig and second != first and backgrounds == []     # blitted over the background
    engine.set(learning_rate=0.01)
    figure.update(engine)
    assert figure.figure is fig
    engine.train(150)                                                          # past 100 epochs: the x range grows
    figure.update(engine)
    figure.png()
    assert figure.limits[0] == 200 and backgrounds == []        # only the curve panels were drawn again
    again = pf.PlaygroundFigure()
    again.update(engine)
    again.png()
    assert bytes(again.figure.canvas.buffer_rgba()) == bytes(fig.canvas.buffer_rgba())  # as if drawn from scratch
    engine.set(hidden_layers=(3,))
    figure.update(engine)
    assert figure.figure is not fig and [len(column) for column in figure.centers] == [2, 3, 1]
    engine.set(noise=0.3)
    rebuilt = figure.figure
    figure.update(engine)
    assert figure.figure is not rebuilt


def test_a_failing_forward_pass_leaves_the_boundary_and_says_why():
    engine = Playground()
    figure = drawn(engine)
    engine.steps["L_model_forward"] = lambda X, parameters, hidden_activation: X
    assert figure.update(engine) is False
    assert "not the pair (AL, caches)" in figure.error


def test_draw_playground_is_a_pyplot_figure_for_a_notebook():
    engine = Playground()
    engine.train(5)
    fig = pf.draw_playground(engine)
    assert fig in [plt.figure(n) for n in plt.get_fignums()]
    assert len(fig.axes) == 4
    assert not any(artist.get_animated() for ax in fig.axes for artist in ax.get_children())
