"""Draw the course's static diagrams into images/ (run by `make images`).

Usage: python tools/make_images.py

Writes images/network_architecture.png, images/layer_forward_backward.png and images/shape_table.png.
The output is deterministic: the Agg backend, a fixed dpi and no "Software" metadata give the same bytes on
every run, so regenerating the images leaves git clean unless a drawing changed.
"""

from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
from matplotlib.patches import Circle, FancyArrowPatch, FancyBboxPatch  # noqa: E402

import dnn_helpers as dh  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
IMAGES = ROOT / "images"
DPI = 100
FORWARD, BACKWARD, CACHE = "#1f5fa8", "#b5402a", "#5a5a5a"
plt.rcParams.update({"font.size": 13, "font.family": "DejaVu Sans"})


def save(fig, name):
    IMAGES.mkdir(exist_ok=True)
    path = IMAGES / name
    fig.savefig(path, dpi=DPI, metadata={"Software": None}, facecolor="white", bbox_inches="tight", pad_inches=0.2)
    plt.close(fig)
    print(f"images/{name}: {path.stat().st_size / 1000:.0f} kB")


def arrow(ax, start, end, color="black", style="-|>", lw=1.6, linestyle="-", shrink=0):
    ax.add_patch(FancyArrowPatch(start, end, arrowstyle=style, mutation_scale=16, color=color, lw=lw,
                                 linestyle=linestyle, shrinkA=shrink, shrinkB=shrink))


def box(ax, center, text, color, width, height=0.9, size=13, fill="white"):
    x, y = center
    ax.add_patch(FancyBboxPatch((x - width / 2, y - height / 2), width, height,
                                boxstyle="round,pad=0.05,rounding_size=0.15", edgecolor=color, facecolor=fill, lw=1.8))
    ax.text(x, y, text, ha="center", va="center", fontsize=size, color="black")


# ---------------------------------------------------------------------------------------------------------
# 1. The L-layer network as columns of units
# ---------------------------------------------------------------------------------------------------------

def unit_positions(n_units, x, spread=0.85):
    top = (n_units - 1) * spread / 2
    return [(x, top - i * spread) for i in range(n_units)]


def network_architecture():
    fig, ax = plt.subplots(figsize=(12, 6.2))
    ax.set_xlim(-1.4, 11.6)
    ax.set_ylim(-3.9, 4.4)
    ax.set_aspect("equal")
    ax.axis("off")

    # (x position, units drawn, fill colour, label under the column)
    columns = [
        (0.0, 5, "#e8e8e8", "input\n$A^{[0]} = X$\n$n^{[0]} = n_x$ units"),
        (2.4, 4, "#d6e4f5", "layer 1\n$A^{[1]}$\n$n^{[1]}$ units"),
        (4.6, 4, "#d6e4f5", "layer 2\n$A^{[2]}$\n$n^{[2]}$ units"),
        (7.2, 3, "#d6e4f5", "layer $L{-}1$\n$A^{[L-1]}$\n$n^{[L-1]}$ units"),
        (9.4, 1, "#f8dccf", "layer $L$\n$A^{[L]}$\n$n^{[L]} = 1$ unit"),
    ]
    positions = [unit_positions(n, x) for x, n, _, _ in columns]

    # connections: every unit to every unit of the next drawn column (the gap 2 -> L-1 is "...")
    for left, right in ((0, 1), (1, 2), (3, 4)):
        for p in positions[left]:
            for q in positions[right]:
                ax.plot([p[0], q[0]], [p[1], q[1]], color="#9aa7b8", lw=0.8, zorder=1)
    for p in positions[2]:
        ax.plot([p[0], p[0] + 0.8], [p[1], p[1] * 0.6], color="#9aa7b8", lw=0.8, zorder=1)
    for q in positions[3]:
        ax.plot([q[0] - 0.8, q[0]], [q[1] * 0.8, q[1]], color="#9aa7b8", lw=0.8, zorder=1)
    ax.text(5.9, 0, "$\\cdots$", ha="center", va="center", fontsize=26)

    for (x, _, colour, label), units in zip(columns, positions, strict=True):
        for p in units:
            ax.add_patch(Circle(p, 0.27, facecolor=colour, edgecolor="#333333", lw=1.3, zorder=3))
        ax.text(x, -2.55, label, ha="center", va="top", fontsize=12.5, linespacing=1.5)
    ax.text(0, positions[0][-1][1] - 0.55, "$\\vdots$", ha="center", va="center", fontsize=16)

    # weights and biases on the connections between columns
    for (x_left, x_right, l) in ((0.0, 2.4, "1"), (2.4, 4.6, "2"), (7.2, 9.4, "L")):
        ax.text((x_left + x_right) / 2, 2.3, f"$W^{{[{l}]}},\\ b^{{[{l}]}}$", ha="center", va="center",
                fontsize=14, color=FORWARD, bbox={"facecolor": "white", "edgecolor": "none", "pad": 1})

    # the two kinds of layer
    ax.annotate("", xy=(7.55, 2.95), xytext=(2.05, 2.95),
                arrowprops={"arrowstyle": "-", "color": FORWARD, "lw": 1.5})
    for x in (2.05, 7.55):
        ax.plot([x, x], [2.8, 2.95], color=FORWARD, lw=1.5)
    ax.text(4.8, 3.15, "[LINEAR → RELU] × (L − 1)", ha="center", va="bottom", fontsize=14, color=FORWARD,
            weight="bold")
    ax.text(9.4, 3.15, "LINEAR → SIGMOID", ha="center", va="bottom", fontsize=14, color=BACKWARD, weight="bold")

    # input and output
    arrow(ax, (9.75, 0), (10.55, 0), lw=2)
    ax.text(10.65, 0, "$\\hat{y} = A^{[L]}$", ha="left", va="center", fontsize=16)
    ax.text(10.65, -0.6, "P(y = 1 | x)", ha="left", va="center", fontsize=12, color="#444444")
    ax.text(-0.55, 0, "$X$", ha="right", va="center", fontsize=17)
    ax.text(5.1, 4.2, "An L-layer network: X → [LINEAR → RELU] × (L − 1) → LINEAR → SIGMOID → ŷ", ha="center",
            va="center", fontsize=15)
    save(fig, "network_architecture.png")


# ---------------------------------------------------------------------------------------------------------
# 2. One layer, forward above and backward below, joined by the cache
# ---------------------------------------------------------------------------------------------------------

def layer_forward_backward():
    fig, ax = plt.subplots(figsize=(13, 6.4))
    ax.set_xlim(0, 13)
    ax.set_ylim(0, 6.4)
    ax.axis("off")

    y_forward, y_cache, y_backward = 5.0, 3.2, 1.15
    ax.text(0.15, y_forward + 0.95, "forward (layer l)", fontsize=14, color=FORWARD, weight="bold")
    box(ax, (1.1, y_forward), "$A^{[l-1]}$", FORWARD, 1.4, size=16)
    box(ax, (4.5, y_forward), "$Z^{[l]} = W^{[l]} A^{[l-1]} + b^{[l]}$", FORWARD, 4.0, size=15)
    box(ax, (8.6, y_forward), "$A^{[l]} = g^{[l]}(Z^{[l]})$", FORWARD, 3.1, size=15)
    box(ax, (11.8, y_forward), "$A^{[l]}$", FORWARD, 1.4, size=16)
    arrow(ax, (1.85, y_forward), (2.45, y_forward), FORWARD)
    arrow(ax, (6.55, y_forward), (7.0, y_forward), FORWARD)
    ax.text(1.1, y_forward - 0.7, "$(n^{[l-1]}, m)$", ha="center", va="top", fontsize=11, color="#444444")
    ax.text(11.8, y_forward - 0.7, "$(n^{[l]}, m)$", ha="center", va="top", fontsize=11, color="#444444")
    arrow(ax, (10.2, y_forward), (11.05, y_forward), FORWARD)
    ax.text(11.8, y_forward + 0.65, "to layer l + 1", ha="center", va="bottom", fontsize=11, color=FORWARD)

    cache_text = "cache = ( linear_cache = $(A^{[l-1]}, W^{[l]}, b^{[l]})$,   activation_cache = $Z^{[l]}$ )"
    box(ax, (6.5, y_cache), cache_text, CACHE, 10.4, height=0.8, size=13.5, fill="#f3f3f3")
    for x in (4.5, 8.6):
        arrow(ax, (x, y_forward - 0.5), (x, y_cache + 0.45), CACHE, linestyle="--", lw=1.4)
    for x, top in ((4.1, 0.85), (8.6, 0.62)):
        arrow(ax, (x, y_cache - 0.45), (x, y_backward + top), CACHE, linestyle="--", lw=1.4)
    ax.text(12.3, y_cache - 0.55, "stored on the way forward,\nread on the way back", ha="right", va="top",
            fontsize=11, color=CACHE)

    ax.text(0.15, y_backward + 0.95, "backward (layer l)", fontsize=14, color=BACKWARD, weight="bold")
    box(ax, (11.8, y_backward), "$dA^{[l]}$", BACKWARD, 1.4, size=16)
    box(ax, (8.6, y_backward), "$dZ^{[l]} = dA^{[l]} \\odot g'^{[l]}(Z^{[l]})$", BACKWARD, 3.6, size=14)
    box(ax, (4.1, y_backward),
        "$dW^{[l]} = \\frac{1}{m}\\, dZ^{[l]} A^{[l-1]T}$\n"
        "$db^{[l]} = \\frac{1}{m} \\sum_{i} dZ^{[l](i)}$\n"
        "$dA^{[l-1]} = W^{[l]T} dZ^{[l]}$", BACKWARD, 3.9, height=1.55, size=13.5)
    box(ax, (1.1, y_backward), "$dA^{[l-1]}$", BACKWARD, 1.4, size=16)
    arrow(ax, (11.05, y_backward), (10.45, y_backward), BACKWARD)
    arrow(ax, (6.75, y_backward), (6.1, y_backward), BACKWARD)
    arrow(ax, (2.1, y_backward), (1.85, y_backward), BACKWARD)
    ax.text(11.8, y_backward - 0.65, "from layer l + 1", ha="center", va="top", fontsize=11, color=BACKWARD)
    ax.text(1.1, y_backward - 0.65, "to layer l − 1", ha="center", va="top", fontsize=11, color=BACKWARD)
    ax.set_title("One layer: the forward step keeps a cache that its backward step needs", fontsize=15)
    save(fig, "layer_forward_backward.png")


# ---------------------------------------------------------------------------------------------------------
# 3. The shape table for layer_dims [12288, 20, 7, 5, 1]
# ---------------------------------------------------------------------------------------------------------

LAYER_DIMS = [12288, 20, 7, 5, 1]
M_STANDIN = 999_983  # a number that is not a layer size: shape_table wants an int m; we print it as "m"


def show(shape):
    return "(" + ", ".join("m" if n == M_STANDIN else f"{n:,}" for n in shape) + ")"


def shape_table_image():
    rows = dict(dh.shape_table(LAYER_DIMS, M_STANDIN))
    L = len(LAYER_DIMS) - 1
    header = ["layer l", "n[l]", "W[l]", "b[l]", "Z[l] and A[l]", "parameters"]
    general = ["", "", "(n[l], n[l−1])", "(n[l], 1)", "(n[l], m)", "n[l]·n[l−1] + n[l]"]
    body = [["0 (input)", f"{LAYER_DIMS[0]:,}", "", "", "A[0] = X: " + show(rows["A[0] = X"]), ""]]
    total = 0
    for l in range(1, L + 1):
        W, b = rows[f"W[{l}]"], rows[f"b[{l}]"]
        assert rows[f"Z[{l}]"] == rows[f"A[{l}]"]
        count = W[0] * W[1] + b[0]
        total += count
        kind = "sigmoid" if l == L else "relu"
        body.append([f"{l} ({kind})", f"{LAYER_DIMS[l]:,}", show(W), show(b), show(rows[f"A[{l}]"]), f"{count:,}"])
    body.append(["total", "", "", "", "", f"{total:,}"])

    widths = [1.7, 1.0, 1.9, 1.3, 2.5, 1.9]
    lefts = [sum(widths[:i]) for i in range(len(widths))]
    n_rows = len(body) + 2
    fig, ax = plt.subplots(figsize=(11, 0.55 * n_rows + 1.3))
    ax.set_xlim(0, sum(widths))
    ax.set_ylim(-n_rows + 0.4, 1.2)
    ax.axis("off")

    def line(y, cells, **style):
        for left, width, text in zip(lefts, widths, cells, strict=True):
            ax.text(left + width / 2, y, text, ha="center", va="center", **style)

    line(0, header, fontsize=13.5, weight="bold")
    line(-1, general, fontsize=12, color=FORWARD, style="italic")
    ax.axhline(-0.5, color="black", lw=1.2)
    ax.axhline(-1.5, color="black", lw=0.8)
    for index, cells in enumerate(body):
        y = -2 - index
        if index % 2 == 0:
            ax.axhspan(y - 0.5, y + 0.5, color="#f1f4f9", zorder=0)
        line(y, cells, fontsize=13, weight="bold" if cells[0] == "total" else "normal")
    ax.axhline(-1.5 - len(body) + 1, color="black", lw=0.8)
    ax.set_title(f"Shapes for layer_dims = {LAYER_DIMS} and m examples (one column per example)",
                 fontsize=14.5, pad=8)
    save(fig, "shape_table.png")


if __name__ == "__main__":
    network_architecture()
    layer_forward_backward()
    shape_table_image()
