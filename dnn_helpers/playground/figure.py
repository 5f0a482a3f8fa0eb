"""The playground's picture (notebook 10), drawn with matplotlib from a ``playground.Playground``.

One figure, built once per data set and network shape, then updated in place many times a second: every
update only sets the data of the artists already drawn (``set_data``, ``set_linewidths``, ``set_colors``...)
and renders them to PNG bytes (``png()``), which ``widgets`` shows in an ipywidgets Image. The parts that do not
move (axes, ticks, labels) are rendered once into a background that each frame starts from (blitting), and
drawn again only when an axis range has to grow.

    left   the network, as TensorFlow Playground draws it: each input feature and each unit as a small map of
           what it computes over the input plane, the weights as lines (blue positive, orange negative,
           width by size); a dead unit (the same output for every training point) is faded and crossed
    middle the decision boundary: P(y = 1) over the plane, training points (circles) and test points (triangles)
    right  train and test cost per epoch; ||dW[l]|| per layer (log scale)
"""

import io

import matplotlib
import matplotlib.pyplot as plt
import PIL.Image
import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.collections import LineCollection
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle
from matplotlib.transforms import Bbox

from ..output_layer import THRESHOLD
from .engine import StepFailed

MAX_UNITS_DRAWN = 8  # per layer; a wider layer shows its first 8 units and "+N more"
POSITIVE, NEGATIVE = "#2a6fdb", "#f28e2b"
CMAP = "RdBu_r"  # blue for y = 0 (low), red for y = 1 (high)
UNIT_RESOLUTION, BOUNDARY_RESOLUTION = 24, 60  # pixels a side: a unit's map (drawn once), the boundary
UNIT_HALF_SIDE = 0.36  # half the side of a unit's map, in the diagram's units (one row apart)
COLORMAP = matplotlib.colormaps[CMAP]
MAX_CURVE_POINTS = 400


def nice_ceiling(value):
    """The smallest of 1, 2, 5 times a power of 10 that is >= value (for axis ranges that rarely change)."""
    if not np.isfinite(value) or value <= 0:
        return 1.0
    power = 10.0 ** np.floor(np.log10(value))
    for factor in (1, 2, 5, 10):
        if factor * power >= value * (1 - 1e-12):
            return float(factor * power)
    return float(10 * power)


def thin(values, limit=MAX_CURVE_POINTS):
    """Every k-th entry (and the last) so that at most about ``limit`` are drawn."""
    step = max(1, int(np.ceil(len(values) / limit)))
    return values[::step] if (len(values) - 1) % step == 0 else values[::step] + values[-1:]


def unit_limits(image):
    """Color limits for one unit's map: symmetric around 0 if it takes both signs, else from 0 to its max."""
    low, high = float(np.min(image)), float(np.max(image))
    if not (np.isfinite(low) and np.isfinite(high)):
        return -1.0, 1.0
    if low < 0 < high or high <= 0:
        bound = max(abs(low), abs(high), 1e-12)
        return -bound, bound
    return 0.0, max(high, 1e-12)


def unit_colors(values, faded=False):
    """RGBA bytes (n, n, 4) of one unit's map (n, n) over the plane, row 0 at the top (x2 highest); a dead unit
    faded towards white."""
    low, high = unit_limits(values)
    rgba = COLORMAP((values[::-1] - low) / (high - low), bytes=True)
    if faded:
        rgba = (0.25 * rgba + 0.75 * 255).astype(np.uint8)
    return rgba


def boundary_colors(P):
    """RGBA bytes of P(y = 1) on the grid, three quarters opaque (the points show through)."""
    rgba = COLORMAP(P, bytes=True)
    rgba[..., 3] = 191
    return rgba


class PlaygroundFigure:
    """The figure of one playground; ``update(engine)`` redraws it from the engine's current state and returns
    True (or False if the engine's forward pass fails on the plane, with ``error`` set).

    It rebuilds itself (new axes) only when the data or the network's shape changed.
    """

    def __init__(self, figsize=(13.5, 5.4), dpi=72, pyplot=False):
        self.figsize, self.dpi, self.pyplot = figsize, dpi, pyplot
        self.background = None
        self.animated = []
        self.figure = None
        self.structure = None
        self.error = None

    # -- building

    def _structure(self, engine):
        return (tuple(engine.layers_dims), engine.settings["features"], id(engine.points_train))

    def build(self, engine):
        if self.pyplot:  # for a notebook cell: plt.show() displays it
            fig = plt.figure(figsize=self.figsize, dpi=self.dpi)
        else:  # for the widget: a canvas of its own, which pyplot never displays or keeps
            fig = Figure(figsize=self.figsize, dpi=self.dpi)
            FigureCanvasAgg(fig)
        self.animated, self.background, self.curves_stale = [], None, False
        self.figure, self.structure = fig, self._structure(engine)
        self._build_network(fig.add_axes((0.005, 0.02, 0.50, 0.93)), engine)
        self._build_boundary(fig.add_axes((0.535, 0.11, 0.25, 0.78)), engine)
        self._build_curves(fig.add_axes((0.835, 0.60, 0.155, 0.30)), fig.add_axes((0.835, 0.11, 0.155, 0.30)),
                           engine)
        return fig

    def _build_network(self, ax, engine):
        """Every unit's map is a block of one mosaic image (one image to resample per frame, not one per unit)."""
        dims = engine.layers_dims
        features = engine.settings["features"]
        shown = [min(n, MAX_UNITS_DRAWN) for n in dims]
        rows = max(shown)
        self.net_ax = ax
        box = ax.get_position()
        ratio = (box.width * self.figsize[0]) / (box.height * self.figsize[1])
        dx = float(np.clip((ratio * (rows + 0.5) - 1.4) / max(len(dims) - 1, 1), 1.3, 2.6))
        ax.set_xlim(-0.9, (len(dims) - 1) * dx + 0.5)
        ax.set_ylim(rows - 0.35, -0.85)
        ax.set_aspect("equal", adjustable="box", anchor="C")
        ax.axis("off")
        # unit centers: column c at x = c dx, rows centered vertically
        self.centers = [[(c * dx, (rows - n) / 2 + k) for k in range(n)] for c, n in enumerate(shown)]
        self.lines = []
        for l in range(1, len(dims)):
            segments = [((x0 + UNIT_HALF_SIDE, y0), (x1 - UNIT_HALF_SIDE, y1))
                        for (x1, y1) in self.centers[l] for (x0, y0) in self.centers[l - 1]]
            collection = LineCollection(segments, linewidths=0.5, colors=POSITIVE, alpha=0.8, zorder=1)
            ax.add_collection(collection)
            self.lines.append(self._moving(collection))
        # the mosaic: one image holding every unit's map, transparent between units
        if self.pyplot:  # a figure to show once: an image in the axes, UNIT_RESOLUTION pixels a side per unit
            self.unit_size = UNIT_RESOLUTION
            ppu = self.unit_size / (2 * UNIT_HALF_SIDE)
            width = int(round(((len(dims) - 1) * dx + 2 * UNIT_HALF_SIDE) * ppu)) + 1
            height = int(round((rows - 1 + 2 * UNIT_HALF_SIDE) * ppu)) + 1
            self.blocks = [[(int(round(y * ppu)), int(round(x * ppu))) for (x, y) in column]
                           for column in self.centers]
            self.mosaic = np.zeros((height, width, 4), np.uint8)
            half = UNIT_HALF_SIDE
            self.units_image = ax.imshow(self.mosaic, interpolation="bilinear", zorder=2, origin="upper",
                                         extent=(-half, -half + width / ppu, -half + height / ppu, -half))
        else:  # frames: a figure image at the screen's pixels, one pixel per pixel, so nothing is resampled
            ax.apply_aspect()
            to_pixels = ax.transData.transform
            self.unit_size = int(round(abs(to_pixels((2 * UNIT_HALF_SIDE, 0))[0] - to_pixels((0, 0))[0])))
            corners = [[(int(round(px - self.unit_size / 2)), int(round(py + self.unit_size / 2)))
                        for px, py in to_pixels(np.array(column, float).reshape(-1, 2))] for column in self.centers]
            left = min(x for column in corners for x, _ in column)
            top = max(y for column in corners for _, y in column)
            right = max(x for column in corners for x, _ in column) + self.unit_size
            bottom = min(y for column in corners for _, y in column) - self.unit_size
            self.blocks = [[(top - y, x - left) for x, y in column] for column in corners]
            self.mosaic = np.zeros((top - bottom, right - left, 4), np.uint8)
            self.units_image = self.figure.figimage(self.mosaic, xo=left, yo=bottom, origin="upper", zorder=2)
        self._moving(self.units_image)
        self.dead_marks = [[self._moving(ax.text(x, y, "✕", color="black", fontsize=16, ha="center", va="center",
                                                 zorder=3, visible=False)) for (x, y) in column]
                           for column in self.centers[1:-1]]
        for c, n in enumerate(dims):
            if c == 0:
                label = "input"
            elif c == len(dims) - 1:
                label = "output"
            else:
                label = f"layer {c}\n{n} unit{'s' if n > 1 else ''}"
            ax.text(c * dx, -0.5, label, ha="center", va="bottom", fontsize=9)
            if n > shown[c]:
                ax.text(c * dx, self.centers[c][-1][1] + 0.42, f"+{n - shown[c]} more", ha="center", va="top",
                        fontsize=8)
        for name, (x, y) in zip(features, self.centers[0], strict=True):
            ax.text(x - UNIT_HALF_SIDE - 0.06, y, name, ha="right", va="center", fontsize=9)
        self.dead_text = self._moving(ax.text((len(dims) - 1) * dx, rows - 0.4, "", ha="center", va="bottom",
                                              fontsize=8, color="#555"))

    def _build_boundary(self, ax, engine):
        x1, x2 = engine.plane(2)
        extent = (x1.min(), x1.max(), x2.min(), x2.max())
        self.boundary_ax = ax
        self.P = np.full((2, 2), THRESHOLD)   # undecided everywhere until the first picture
        self.boundary = self._moving(ax.imshow(boundary_colors(self.P), extent=extent, origin="lower",
                                               interpolation="bilinear", aspect="auto"))
        for points, Y, marker, label in ((engine.points_train, engine.Y_train, "o", "train"),
                                         (engine.points_test, engine.Y_test, "^", "test")):
            self._moving(ax.scatter(points[0], points[1], c=Y.ravel(), cmap=CMAP, vmin=0, vmax=1, marker=marker,
                                    s=16, edgecolors="k", linewidths=0.4, label=label))  # drawn over the boundary
        ax.set_xlim(extent[0], extent[1])
        ax.set_ylim(extent[2], extent[3])
        ax.set_xlabel("x1", fontsize=9)
        ax.set_ylabel("x2", fontsize=9, labelpad=1)
        ax.tick_params(labelsize=8)
        ax.legend(loc="lower right", bbox_to_anchor=(1.0, 1.0), ncol=2, fontsize=8, frameon=False, borderaxespad=0.1)
        self.title = self._moving(ax.set_title("", fontsize=10, loc="left"))

    def _build_curves(self, cost_ax, grad_ax, engine):
        self.cost_ax, self.grad_ax = cost_ax, grad_ax
        self.train_line = self._moving(cost_ax.plot([], [], color="tab:blue", lw=1.5, label="train")[0])
        self.test_line = self._moving(cost_ax.plot([], [], color="tab:red", lw=1.5, ls="--", label="test")[0])
        cost_ax.set_title("cost", fontsize=10)
        cost_ax.legend(fontsize=8, loc="upper right")
        cost_ax.tick_params(labelsize=8)
        cost_ax.grid(alpha=0.3)
        L = len(engine.layers_dims) - 1
        colors = plt.get_cmap("viridis")(np.linspace(0, 0.9, L))
        self.grad_lines = [self._moving(grad_ax.plot([], [], color=colors[l], lw=1.2, label=f"layer {l + 1}")[0])
                           for l in range(L)]
        grad_ax.set_yscale("log")
        self.limits = None
        self._set_limits((100.0, 1.0, 1e-3, 1.0))
        grad_ax.set_title("gradient norm ||dW[l]||", fontsize=10)
        grad_ax.set_xlabel("epoch", fontsize=9)
        grad_ax.tick_params(labelsize=8)
        grad_ax.grid(alpha=0.3)
        grad_ax.legend(fontsize=7, loc="lower left", ncol=2 if L > 3 else 1)

    # -- updating

    def update(self, engine):
        """Set every artist's data from the engine; returns True, or False with ``error`` if the forward pass
        failed on the plane."""
        if self.figure is None or self.structure != self._structure(engine):
            self.build(engine)
        self.error = None
        try:
            _, _, P = engine.grid(BOUNDARY_RESOLUTION)
        except StepFailed as err:
            self.error, P = str(err), None
        if P is not None:
            self.P = P
            self.boundary.set_data(boundary_colors(P))
        self._update_network(engine)
        self._update_curves(engine)
        title = f"epoch {engine.epoch}"
        if engine.history["test_cost"]:
            title += f" · test cost {engine.history['test_cost'][-1]:.3f}"
        self.title.set_text(title)
        return self.error is None

    def _update_network(self, engine):
        size = self.unit_size
        outputs = engine.unit_outputs(size)
        dead = [np.zeros(len(column), bool) for column in self.centers]
        dead[1:-1] = [flags[:len(column)] for flags, column in zip(engine.dead_units(), self.centers[1:-1],
                                                                     strict=True)]
        for maps, blocks, faded in zip(outputs, self.blocks, dead, strict=True):
            for values, (top, left), fade in zip(maps, blocks, faded, strict=False):
                self.mosaic[top:top + size, left:left + size] = unit_colors(values, fade)
        self.units_image.set_data(self.mosaic)
        for l, collection in enumerate(self.lines, start=1):
            W = engine.weights[f"W{l}"]
            n_out, n_in = len(self.centers[l]), len(self.centers[l - 1])
            shown = np.asarray(W)[:n_out, :n_in].ravel()  # row by row: the order the segments were made in
            scale = max(float(np.abs(W).max()), 1e-12)
            collection.set_linewidths(0.3 + 3.2 * np.abs(shown) / scale)
            collection.set_colors([POSITIVE if value >= 0 else NEGATIVE for value in shown])
        count = sum(int(flags.sum()) for flags in engine.dead_units())
        for marks, flags in zip(self.dead_marks, dead[1:-1], strict=True):
            for mark, flag in zip(marks, flags, strict=True):
                mark.set_visible(bool(flag))
        self.dead_text.set_text(f"{count} dead unit{'s' if count != 1 else ''} ✕" if count else "")

    def _update_curves(self, engine):
        h = engine.history
        epochs = thin(h["epoch"])
        index = thin(list(range(len(h["epoch"]))))
        self.train_line.set_data(epochs, [h["train_cost"][i] for i in index])
        self.test_line.set_data(epochs, [h["test_cost"][i] for i in index])
        norms = np.array([h["grad_norms"][i] for i in index], dtype=float).reshape(len(index), len(self.grad_lines))
        for l, line in enumerate(self.grad_lines):
            values = norms[:, l] if norms.shape[1] > l else np.array([])
            line.set_data(epochs, np.where(values > 0, values, np.nan))
        # axis ranges that grow in steps (1, 2, 5 x 10^k), so that the background (ticks) is rarely redrawn
        right, top, low, high = self.limits
        if epochs:
            right = max(right, nice_ceiling(epochs[-1]))
            costs = np.array(h["train_cost"] + h["test_cost"], dtype=float)
            costs = costs[np.isfinite(costs)]
            if len(costs):
                top = max(top, nice_ceiling(costs.max()))
            positive = norms[np.isfinite(norms) & (norms > 0)]
            if len(positive):
                low = min(low, 10.0 ** np.floor(np.log10(positive.min())))
                high = max(high, 10.0 ** np.ceil(np.log10(positive.max())))
        self._set_limits((right, top, low, high))

    def _set_limits(self, limits):
        if limits != self.limits:
            right, top, low, high = limits
            self.cost_ax.set_xlim(0, right)
            self.cost_ax.set_ylim(0, top)
            self.grad_ax.set_xlim(0, right)
            self.grad_ax.set_ylim(low, high)
            self.limits, self.curves_stale = limits, True

    def _curves_area(self):
        """The screen area of the two curve panels with their ticks, labels and titles: the figure's right part,
        from the end of the boundary's panel."""
        width, height = self.figure.bbox.width, self.figure.bbox.height
        left = self.boundary_ax.get_position().x1 * width + 8
        return Bbox([[left, 0], [width, height]])

    def _moving(self, artist):
        """Mark an artist as one that changes every frame: not part of the background, drawn by png()."""
        if not self.pyplot:
            artist.set_animated(True)
            self.animated.append(artist)
        return artist

    def render(self):
        """Draw the frame into the canvas: the background (rendered again only if it is stale), then every
        moving artist in order."""
        canvas = self.figure.canvas
        if self.background is None:
            canvas.draw()  # everything but the animated artists
            self.background = canvas.copy_from_bbox(self.figure.bbox)
        else:
            canvas.restore_region(self.background)
            if self.curves_stale:  # new axis ranges: draw only the two curve panels again, over white
                renderer = canvas.get_renderer()
                area = self._curves_area()
                blank = Rectangle((area.x0, area.y0), area.width, area.height, transform=None, facecolor="white",
                                  edgecolor="none")
                blank.set_figure(self.figure)
                blank.draw(renderer)
                for ax in (self.cost_ax, self.grad_ax):
                    ax.draw(renderer)  # its animated curves are left out, as in canvas.draw()
                self.background = canvas.copy_from_bbox(self.figure.bbox)
        self.curves_stale = False
        renderer = canvas.get_renderer()
        for artist in self.animated:
            artist.draw(renderer)

    def png(self):
        """The current frame as PNG bytes (fast compression: a frame lives a fraction of a second)."""
        if self.pyplot:
            buffer = io.BytesIO()
            self.figure.savefig(buffer, format="png", dpi=self.dpi)
            return buffer.getvalue()
        self.render()
        image = PIL.Image.frombuffer("RGBA", self.figure.canvas.get_width_height(),
                                     self.figure.canvas.buffer_rgba(), "raw", "RGBA", 0, 1)
        buffer = io.BytesIO()
        image.convert("RGB").save(buffer, format="png", compress_level=1)
        return buffer.getvalue()


def draw_playground(engine, figsize=(13.5, 5.4), dpi=100):
    """A pyplot figure of the engine's current state, for a notebook cell: ``draw_playground(engine)``, then
    ``plt.show()``."""
    drawing = PlaygroundFigure(figsize, dpi, pyplot=True)
    drawing.update(engine)
    return drawing.figure
