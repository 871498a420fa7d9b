"""Figures for networks and losses: network diagrams, decision regions, loss curves and
contours, and a small computational-graph diagram whose values can be revealed step by step.

Each public ``*_figure`` / diagram function returns a matplotlib `Figure` (no pyplot).
The ``draw_*`` helpers draw into an existing Axes and return the artists, so a widget
can update them (set_data, set_text, set_color, ...) instead of rebuilding the figure.
"""
from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
from matplotlib.axes import Axes
from matplotlib.colors import LinearSegmentedColormap
from matplotlib.figure import Figure
from matplotlib.image import AxesImage
from matplotlib.lines import Line2D
from matplotlib.text import Text

from ..activations import relu, sigmoid, sigmoid_grad
from ..losses import binary_cross_entropy, binary_cross_entropy_grad, mse, mse_grad
from .style import CLASS_COLORS, PALETTE, SEQUENTIAL_CMAP, new_figure, style_axes

__all__ = [
    "CLASS_CMAP", "NetworkArtists", "draw_network", "update_network", "network_diagram",
    "draw_points", "draw_regions", "grid_points", "decision_regions",
    "hidden_space", "mse_grid", "loss_contour", "loss_landscape", "loss_curves",
    "classification_losses", "confidently_wrong_gradients",
    "GraphNode", "GraphArtists", "draw_expression_graph", "expression_graph",
]

#: p(class 1) from 0 (class 0's colour) through white (undecided) to 1 (class 1's colour).
CLASS_CMAP = LinearSegmentedColormap.from_list(
    "nnlessons_classes", [CLASS_COLORS[0], "#ffffff", CLASS_COLORS[1]])
POS_COLOR = PALETTE["vermillion"]   # positive weights
NEG_COLOR = PALETTE["blue"]         # negative weights
MARKERS = ["o", "^", "s", "D"]      # one marker shape per class (not colour alone)


# --------------------------------------------------------------------------- diagrams
@dataclass
class NetworkArtists:
    """The artists of a drawn dense network, keyed so they can be updated.

    ``edges[(l, i, j)]`` is the line of weight ``W{l}[i, j]`` (from unit i of layer l-1
    to unit j of layer l), ``edge_labels`` its value; ``bias_labels[(l, j)]`` shows
    ``b{l}[j]``; ``positions[l]`` is an array (n_l, 2) of node centres.
    """

    layer_sizes: list[int]
    positions: list[np.ndarray]
    edges: dict[tuple[int, int, int], Line2D] = field(default_factory=dict)
    edge_labels: dict[tuple[int, int, int], Text] = field(default_factory=dict)
    bias_labels: dict[tuple[int, int], Text] = field(default_factory=dict)


def _layer_sizes(params: Mapping[str, np.ndarray]) -> list[int]:
    sizes, l = [], 1
    while f"W{l}" in params:
        W = np.asarray(params[f"W{l}"])
        if l == 1:
            sizes.append(W.shape[0])
        sizes.append(W.shape[1])
        l += 1
    if not sizes:
        raise ValueError(
            "params has no 'W1': pass a dict W1, b1, ..., WL, bL as nnlessons.layers.init_params makes")
    return sizes


def _node_names(sizes: Sequence[int]) -> list[list[str]]:
    names = []
    for l, n in enumerate(sizes):
        if l == 0:
            names.append([f"$x_{i + 1}$" for i in range(n)])
        elif l == len(sizes) - 1:
            names.append([r"$\hat y$"] if n == 1 else [rf"$\hat y_{j + 1}$" for j in range(n)])
        else:
            sup = "" if len(sizes) == 3 else f"^{{({l})}}"
            names.append([rf"$h{sup}_{j + 1}$" for j in range(n)])
    return names


def _edge_style(w: float, scale: float) -> tuple[str, float]:
    return (POS_COLOR if w >= 0 else NEG_COLOR), 0.6 + 4.0 * min(abs(w) / scale, 1.0)


def draw_network(ax: Axes, layer_sizes: Sequence[int] | None = None,
                 params: Mapping[str, np.ndarray] | None = None, show_values: bool = True,
                 weight_scale: float = 3.0, label_at: float = 0.33) -> NetworkArtists:
    """Draw a dense network into ``ax``: one circle per unit, one line per weight.

    layer_sizes: [n_0, ..., n_L]; or give ``params`` (W{l} of shape (n_{l-1}, n_l),
    b{l} of shape (n_l,)) and the sizes are read from it. With params, a line's colour
    shows the weight's sign (vermillion +, blue -) and its width |w| (up to
    ``weight_scale``); with ``show_values`` each weight and bias is written on the diagram
    (weights ``label_at`` of the way along their line). Returns the `NetworkArtists`.
    """
    if layer_sizes is None:
        if params is None:
            raise ValueError("draw_network needs layer_sizes (e.g. [2, 2, 1]) or params")
        layer_sizes = _layer_sizes(params)
    sizes = [int(n) for n in layer_sizes]
    big = max(sizes)
    # layer l at x = l; its n units centred vertically, one unit apart
    positions = [np.column_stack([np.full(n, float(l)), (n - 1) / 2 - np.arange(n, dtype=np.float64)])
                 for l, n in enumerate(sizes)]
    art = NetworkArtists(sizes, positions)
    for l in range(1, len(sizes)):
        W = None if params is None else np.asarray(params[f"W{l}"], dtype=np.float64)
        for i, p0 in enumerate(positions[l - 1]):
            for j, p1 in enumerate(positions[l]):
                color, lw = (PALETTE["grey"], 1.2) if W is None else _edge_style(W[i, j], weight_scale)
                (line,) = ax.plot([p0[0], p1[0]], [p0[1], p1[1]], color=color, lw=lw, zorder=1,
                                  solid_capstyle="round")
                art.edges[(l, i, j)] = line
                if W is not None and show_values:
                    t = label_at
                    xy = (1 - t) * p0 + t * p1
                    art.edge_labels[(l, i, j)] = ax.text(
                        xy[0], xy[1], f"{W[i, j]:+.1f}", fontsize=8, ha="center", va="center", zorder=3,
                        bbox=dict(boxstyle="round,pad=0.15", fc="white", ec="none", alpha=0.85))
    names = _node_names(sizes)
    for l, pos in enumerate(positions):
        ax.scatter(pos[:, 0], pos[:, 1], s=650, c="white", edgecolors=PALETTE["black"], linewidths=1.5,
                   zorder=2)
        for j, (x, y) in enumerate(pos):
            ax.text(x, y, names[l][j], ha="center", va="center", fontsize=11, zorder=4)
            if l > 0 and params is not None and show_values:
                b = float(np.asarray(params[f"b{l}"])[j])
                art.bias_labels[(l, j)] = ax.text(x, y - 0.3, f"b={b:+.1f}", ha="center", va="top",
                                                  fontsize=8, color=PALETTE["black"], zorder=4)
    ax.set_xlim(-0.4, len(sizes) - 0.6)
    bottom = 0.65 if (params is not None and show_values) else 0.45  # room for the bias labels
    ax.set_ylim(-(big - 1) / 2 - bottom, (big - 1) / 2 + 0.45)
    ax.axis("off")
    return art


def update_network(art: NetworkArtists, params: Mapping[str, np.ndarray], weight_scale: float = 3.0) -> None:
    """Recolour, re-width and relabel the artists of `draw_network` for new ``params``."""
    for (l, i, j), line in art.edges.items():
        w = float(np.asarray(params[f"W{l}"])[i, j])
        color, lw = _edge_style(w, weight_scale)
        line.set_color(color)
        line.set_linewidth(lw)
        if (l, i, j) in art.edge_labels:
            art.edge_labels[(l, i, j)].set_text(f"{w:+.1f}")
    for (l, j), text in art.bias_labels.items():
        text.set_text(f"b={float(np.asarray(params[f'b{l}'])[j]):+.1f}")


def network_diagram(layer_sizes: Sequence[int] | None = None, params: Mapping[str, np.ndarray] | None = None,
                    title: str | None = None, width: float = 4.5, height: float = 3.0) -> Figure:
    """A Figure of a dense network (see `draw_network`), with a legend for the weight colours.

    layer_sizes: [n_0, ..., n_L], e.g. [2, 2, 1]; or ``params`` to show the weights.
    """
    fig = new_figure(width, height)
    ax = fig.add_subplot()
    art = draw_network(ax, layer_sizes, params)
    sizes = art.layer_sizes
    n_w = sum(a * b for a, b in zip(sizes[:-1], sizes[1:]))
    n_b = sum(sizes[1:])
    ax.set_title(title or f"A {'-'.join(map(str, sizes))} network: {n_w} weights + {n_b} biases")
    if params is not None:
        ax.legend(handles=[Line2D([], [], color=POS_COLOR, lw=3, label="positive weight"),
                           Line2D([], [], color=NEG_COLOR, lw=3, label="negative weight")],
                  loc="lower center", bbox_to_anchor=(0.5, -0.12), ncol=2, fontsize=8, frameon=False)
    return fig


# ------------------------------------------------------------------ decision regions
def grid_points(extent: Sequence[float] = (-2.5, 2.5, -2.5, 2.5), resolution: int = 60) -> np.ndarray:
    """Points of a ``resolution`` x ``resolution`` grid over extent = (x1min, x1max, x2min, x2max).

    Returns an array (resolution**2, 2), rows in image order (x2 rising with the row
    index, x1 fastest), so ``p.reshape(resolution, resolution)`` is an image for
    ``imshow(origin="lower", extent=extent)``.
    """
    x0, x1, y0, y1 = map(float, extent)
    gx = np.linspace(x0, x1, resolution)
    gy = np.linspace(y0, y1, resolution)
    XX, YY = np.meshgrid(gx, gy)
    return np.column_stack([XX.ravel(), YY.ravel()])


def draw_points(ax: Axes, X: np.ndarray, y: np.ndarray, size: float = 28) -> list:
    """Scatter 2-D points X (m, 2) coloured and shaped by their integer class y (m,)."""
    X, y = np.asarray(X, dtype=np.float64), np.asarray(y)
    arts = []
    for k in np.unique(y):
        k = int(k)
        sel = y == k
        arts.append(ax.scatter(X[sel, 0], X[sel, 1], s=size, c=CLASS_COLORS[k % len(CLASS_COLORS)],
                               marker=MARKERS[k % len(MARKERS)], edgecolors=PALETTE["black"],
                               linewidths=0.6, label=f"class {k}", zorder=3))
    return arts


def draw_regions(ax: Axes, proba: np.ndarray, extent: Sequence[float]) -> AxesImage:
    """Show p(class 1) on a grid, an array (r, r) from `grid_points`, as an image (update with set_data)."""
    return ax.imshow(np.asarray(proba), origin="lower", extent=tuple(extent), cmap=CLASS_CMAP,
                     vmin=0.0, vmax=1.0, alpha=0.55, interpolation="bilinear", aspect="auto", zorder=1)


def decision_regions(predict_proba: Callable[[np.ndarray], np.ndarray], X: np.ndarray, y: np.ndarray,
                     title: str = "Decision regions", extent: Sequence[float] | None = None,
                     resolution: int = 120, width: float = 4.2, height: float = 3.6,
                     ax: Axes | None = None) -> Figure:
    """Decision regions of a binary classifier over labelled 2-D points.

    predict_proba: maps points (m, 2) to p(class 1) (m,). X (m, 2), y (m,) in {0, 1}.
    The background shows p(class 1) (class 0's colour below 0.5, class 1's above) and
    the black line is the boundary p = 0.5. The accuracy on (X, y) is in the title.
    Draws into ``ax`` when given, else into a new Figure; returns the Figure.
    """
    X = np.asarray(X, dtype=np.float64)
    if extent is None:
        pad = 0.5
        extent = (X[:, 0].min() - pad, X[:, 0].max() + pad, X[:, 1].min() - pad, X[:, 1].max() + pad)
    if ax is None:
        fig = new_figure(width, height)
        ax = fig.add_subplot()
    else:
        fig = ax.figure
    G = grid_points(extent, resolution)
    P = np.asarray(predict_proba(G), dtype=np.float64).reshape(resolution, resolution)
    draw_regions(ax, P, extent)
    gx = np.linspace(extent[0], extent[1], resolution)
    gy = np.linspace(extent[2], extent[3], resolution)
    if P.min() < 0.5 < P.max():
        ax.contour(gx, gy, P, levels=[0.5], colors=PALETTE["black"], linewidths=1.2, zorder=2)
    draw_points(ax, X, y)
    acc = float(np.mean((np.asarray(predict_proba(X)).reshape(-1) > 0.5) == (np.asarray(y) == 1)))
    style_axes(ax, f"{title}\naccuracy {acc:.0%}", "$x_1$", "$x_2$", grid=False)
    ax.set_xlim(extent[0], extent[1])
    ax.set_ylim(extent[2], extent[3])
    # below the axes, where it cannot hide a cluster of points
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.16), ncol=2, fontsize=8, frameon=False)
    return fig


def hidden_space(X: np.ndarray, y: np.ndarray, params: Mapping[str, np.ndarray],
                 title: str = "What the hidden layer does", resolution: int = 120) -> Figure:
    """Two panels for a 2-2-1 network (ReLU hidden layer, sigmoid output): its decision
    regions over the inputs X (m, 2), and the same points as the hidden layer sees them,
    h = relu(X W1 + b1) (m, 2), where the output unit only has to draw a straight line.

    params: W1 (2, 2), b1 (2,), W2 (2, 1), b2 (1,); y (m,) in {0, 1}.
    """
    W1, b1 = np.asarray(params["W1"], dtype=np.float64), np.asarray(params["b1"], dtype=np.float64)
    W2, b2 = np.asarray(params["W2"], dtype=np.float64), np.asarray(params["b2"], dtype=np.float64)
    if W1.shape != (2, 2) or W2.shape != (2, 1):
        raise ValueError(f"hidden_space draws a 2-2-1 network: W1 must be (2, 2) and W2 (2, 1), "
                         f"got {W1.shape} and {W2.shape}")

    def out(H):
        return sigmoid(H @ W2[:, 0] + b2[0])

    fig = new_figure(8.4, 3.7)
    ax_in, ax_h = fig.subplots(1, 2)
    decision_regions(lambda P: out(relu(P @ W1 + b1)), X, y, ax=ax_in, resolution=resolution,
                     title="Input space: the network's regions")
    H = relu(np.asarray(X, dtype=np.float64) @ W1 + b1)
    hi = max(float(H.max()) + 0.4, 1.0)
    decision_regions(out, H, y, ax=ax_h, resolution=resolution, extent=(-0.3, hi, -0.3, hi),
                     title="Hidden space: one straight line separates")
    ax_h.set_xlabel("$h_1$")
    ax_h.set_ylabel("$h_2$")
    fig.suptitle(title)
    return fig


# ------------------------------------------------------------------------- losses
def mse_grid(x: np.ndarray, y: np.ndarray, w_range: Sequence[float] = (-1.0, 5.0),
             b_range: Sequence[float] = (-2.0, 4.0), n: int = 81) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The MSE of the line y ~ w * x + b for every (w, b) on an n x n grid.

    x, y: data (m,). Returns (Wg, Bg, L), each (n, n): w varies along columns, b along rows.
    """
    x, y = np.asarray(x, dtype=np.float64), np.asarray(y, dtype=np.float64)
    ws = np.linspace(*w_range, n)
    bs = np.linspace(*b_range, n)
    Wg, Bg = np.meshgrid(ws, bs)
    # mean over data of (w x + b - y)^2, expanded so it costs O(n^2), not O(n^2 m)
    sxx, sx, sy, sxy, syy = (x * x).mean(), x.mean(), y.mean(), (x * y).mean(), (y * y).mean()
    L = Wg ** 2 * sxx + 2 * Wg * Bg * sx + Bg ** 2 - 2 * Wg * sxy - 2 * Bg * sy + syy
    return Wg, Bg, L


def loss_contour(Wg: np.ndarray, Bg: np.ndarray, L: np.ndarray, ax: Axes | None = None,
                 title: str = "The loss landscape: MSE(w, b)", levels: int = 14,
                 xlabel: str = "weight $w$", ylabel: str = "bias $b$", colorbar: bool = True) -> Figure:
    """Filled contours of a loss over a (w, b) grid (as `mse_grid` returns), log-spaced levels.

    Wg, Bg, L: arrays (n, n). The grid's minimum is marked with a star.
    Draws into ``ax`` when given, else into a new Figure; returns the Figure.
    """
    if ax is None:
        fig = new_figure(4.2, 3.6)
        ax = fig.add_subplot()
    else:
        fig = ax.figure
    lo, hi = float(L.min()), float(L.max())
    lev = np.geomspace(max(lo, 1e-3) * 1.05, hi, levels)
    cs = ax.contourf(Wg, Bg, L, levels=np.concatenate([[lo], lev]), cmap=SEQUENTIAL_CMAP, alpha=0.85)
    ax.contour(Wg, Bg, L, levels=lev, colors="white", linewidths=0.5, alpha=0.6)
    k = np.unravel_index(np.argmin(L), L.shape)
    ax.plot(Wg[k], Bg[k], marker="*", ms=13, color=PALETTE["yellow"], mec=PALETTE["black"], ls="none",
            label="minimum", zorder=4)
    if colorbar:
        fig.colorbar(cs, ax=ax, label="loss", format="%.3g")
    style_axes(ax, title, xlabel, ylabel, grid=False)
    return fig


def loss_landscape(x: np.ndarray, y: np.ndarray, w_range: Sequence[float] = (-1.0, 5.0),
                   b_range: Sequence[float] = (-2.0, 4.0)) -> Figure:
    """The MSE of y ~ w x + b over (w, b), twice: as a 3-D surface and as contours.

    x, y: data (m,). The surface is a bowl (MSE is quadratic in w and b) with one lowest point.
    """
    Wg, Bg, L = mse_grid(x, y, w_range, b_range, n=61)
    fig = new_figure(9.0, 3.8)
    ax3 = fig.add_subplot(1, 2, 1, projection="3d")
    ax3.plot_surface(Wg, Bg, L, cmap=SEQUENTIAL_CMAP, linewidth=0, antialiased=True, alpha=0.95)
    ax3.set_title("MSE(w, b) as a surface: a bowl")
    ax3.set_xlabel("weight $w$")
    ax3.set_ylabel("bias $b$")
    ax3.set_zlabel("MSE")
    ax3.view_init(elev=28, azim=-125)
    ax3.set_box_aspect(None, zoom=0.85)  # keep the z label inside the figure
    ax2 = fig.add_subplot(1, 2, 2)
    loss_contour(Wg, Bg, L, ax=ax2, title="The same bowl from above: contours")
    ax2.legend(loc="upper left", fontsize=8)
    return fig


def classification_losses() -> Figure:
    """The loss of one example against its predicted probability p of class 1:
    binary cross-entropy -log p (y = 1) and -log(1 - p) (y = 0), and MSE (p - y)^2."""
    p = np.linspace(0.001, 0.999, 400)
    fig = new_figure(5.2, 3.4)
    ax = fig.add_subplot()
    style_axes(ax, "Loss of one example with label y", "predicted probability of class 1, $p$", "loss")
    bce1 = [binary_cross_entropy(np.array([q]), np.array([1.0])) for q in p]
    bce0 = [binary_cross_entropy(np.array([q]), np.array([0.0])) for q in p]
    ax.plot(p, bce1, lw=2.2, color=PALETTE["blue"], label=r"cross-entropy, $y=1$: $-\log p$")
    ax.plot(p, bce0, lw=2.2, color=PALETTE["orange"], label=r"cross-entropy, $y=0$: $-\log(1-p)$")
    ax.plot(p, [mse(np.array([q]), np.array([1.0])) for q in p], lw=2, ls="--", color=PALETTE["blue"],
            label=r"MSE, $y=1$: $(p-1)^2$")
    ax.plot(p, [mse(np.array([q]), np.array([0.0])) for q in p], lw=2, ls="--", color=PALETTE["orange"],
            label=r"MSE, $y=0$: $p^2$")
    ax.set_ylim(0, 5)
    ax.legend(fontsize=8, loc="upper center")
    return fig


def confidently_wrong_gradients() -> Figure:
    """dLoss/dz for a sigmoid output p = sigmoid(z) with label y = 1, against z:
    with MSE it is 2 (p - 1) p (1 - p), which vanishes when the neuron is confidently
    wrong (z very negative); with cross-entropy it is p - 1, close to -1 there."""
    z = np.linspace(-8, 8, 400)
    p = sigmoid(z)
    ones = np.ones_like(p)
    n = len(z)  # the *_grad functions are of the mean; multiply by n for one example each
    g_mse = n * mse_grad(p, ones) * sigmoid_grad(z)
    g_bce = n * binary_cross_entropy_grad(p, ones) * sigmoid_grad(z)
    fig = new_figure(5.2, 3.4)
    ax = fig.add_subplot()
    style_axes(ax, "Gradient for a class-1 example: dLoss/dz", "$z$ (the neuron is wrong for $z < 0$)",
               "dLoss/dz")
    ax.axvspan(-8, -3, color=PALETTE["grey"], alpha=0.15, lw=0)
    ax.text(-5.5, -0.55, "confidently\nwrong", ha="center", fontsize=9)
    ax.plot(z, g_bce, lw=2.2, color=PALETTE["blue"], label=r"cross-entropy: $p - 1$")
    ax.plot(z, g_mse, lw=2.2, ls="--", color=PALETTE["vermillion"], label=r"MSE: $2(p-1)\,p(1-p)$")
    ax.axhline(0, color=PALETTE["black"], lw=0.8)
    ax.set_xlim(-8, 8)
    ax.legend(fontsize=8, loc="lower right")
    return fig


def loss_curves(histories: Mapping[str, Sequence[float]], title: str = "Loss during training",
                xlabel: str = "step", log: bool = True, ax: Axes | None = None,
                ylim: Sequence[float] | None = None,
                x_values: Mapping[str, Sequence[float]] | None = None) -> Figure:
    """Loss curves, one line per named history (a sequence of losses, one per step/epoch).

    x_values: optional name -> the x position of each loss (e.g. epochs); default 0, 1, 2, ...

    Non-finite or huge losses (a diverging run) are clipped to the top of the plot so
    the curve shows where it left. Draws into ``ax`` when given; returns the Figure.
    """
    if ax is None:
        fig = new_figure(5.0, 3.2)
        ax = fig.add_subplot()
    else:
        fig = ax.figure
    style_axes(ax, title, xlabel, "loss")
    for name, h in histories.items():
        h = np.asarray(h, dtype=np.float64)
        xs = np.arange(len(h)) if x_values is None or name not in x_values else np.asarray(x_values[name])
        ax.plot(xs, np.where(np.isfinite(h), h, np.nan), lw=2, label=name)
    if log:
        ax.set_yscale("log")
    if ylim is not None:
        ax.set_ylim(*ylim)
    ax.legend(fontsize=8)
    return fig


# ------------------------------------------------------------- computational graphs
@dataclass
class GraphNode:
    """One node of a small expression graph: its name, the operation that made it
    (``""`` for an input), the names of its inputs, and its (x, y) place on the drawing."""

    name: str
    op: str
    inputs: tuple[str, ...]
    xy: tuple[float, float]


@dataclass
class GraphArtists:
    """Texts of a drawn expression graph: ``values[name]`` (forward value, above the node)
    and ``grads[name]`` (backward gradient, below it), plus the node boxes."""

    values: dict[str, Text] = field(default_factory=dict)
    grads: dict[str, Text] = field(default_factory=dict)
    boxes: dict[str, Text] = field(default_factory=dict)


def draw_expression_graph(ax: Axes, nodes: Sequence[GraphNode]) -> GraphArtists:
    """Draw nodes (boxes labelled with name and op) and arrows from inputs to outputs.

    Value and gradient texts start empty; set them with ``set_text`` (see `GraphArtists`).
    """
    pos = {n.name: n.xy for n in nodes}
    art = GraphArtists()
    for n in nodes:
        for src in n.inputs:
            ax.annotate("", xy=n.xy, xytext=pos[src], zorder=1,
                        arrowprops=dict(arrowstyle="-|>", color=PALETTE["grey"], lw=1.3,
                                        shrinkA=17, shrinkB=17))
    for n in nodes:
        label = n.name if not n.op else f"{n.name}\n{n.op}"
        fc = "#eeeeee" if not n.op else "white"
        art.boxes[n.name] = ax.text(*n.xy, label, ha="center", va="center", fontsize=10, zorder=3,
                                    bbox=dict(boxstyle="round,pad=0.35", fc=fc, ec=PALETTE["black"], lw=1.2))
        off = 0.38 if n.op else 0.26  # two-line boxes are taller
        # a white backing keeps the numbers readable where an arrow passes behind them
        backing = dict(boxstyle="square,pad=0.1", fc="white", ec="none", alpha=0.85)
        art.values[n.name] = ax.text(n.xy[0], n.xy[1] + off, "", ha="center", va="bottom", fontsize=10,
                                     color=PALETTE["blue"], fontweight="bold", zorder=3, bbox=backing)
        art.grads[n.name] = ax.text(n.xy[0], n.xy[1] - off, "", ha="center", va="top", fontsize=10,
                                    color=PALETTE["vermillion"], fontweight="bold", zorder=3, bbox=backing)
    xs = [n.xy[0] for n in nodes]
    ys = [n.xy[1] for n in nodes]
    ax.set_xlim(min(xs) - 0.6, max(xs) + 0.6)
    ax.set_ylim(min(ys) - 0.8, max(ys) + 0.8)
    ax.axis("off")
    return art


def expression_graph(nodes: Sequence[GraphNode], values: Mapping[str, float] | None = None,
                     grads: Mapping[str, float] | None = None,
                     title: str = "A computational graph") -> Figure:
    """A Figure of an expression graph with optional forward values (blue, above each
    node) and gradients dL/d(node) (vermillion, below each node)."""
    xs = [n.xy[0] for n in nodes]
    fig = new_figure(1.2 * (max(xs) - min(xs) + 1.4), 3.0)
    ax = fig.add_subplot()
    art = draw_expression_graph(ax, nodes)
    for k, v in (values or {}).items():
        art.values[k].set_text(f"{v:.3g}")
    for k, g in (grads or {}).items():
        art.grads[k].set_text(f"grad {g:.3g}")
    ax.set_title(title)
    ax.legend(handles=[Line2D([], [], color=PALETTE["blue"], lw=0, marker="s", label="forward value"),
                       Line2D([], [], color=PALETTE["vermillion"], lw=0, marker="s", label="gradient dL/d(node)")],
              loc="lower center", ncol=2, fontsize=8, frameon=False, bbox_to_anchor=(0.5, -0.08))
    return fig
