"""Figures for networks (lesson 04): network diagrams, decision regions over 2-D points,
and what a hidden layer does to the points.

`NetworkDiagram` and `HiddenSpace` are `LiveFigure`s (constructor draws, ``update(params)``
moves the artists and returns what is shown); `network_diagram` and `hidden_space` are
their static figures. `grid_points`, `draw_points`, `draw_regions` and `decision_regions`
draw labelled points and a classifier's regions (other lessons use them too).
"""
from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

import contourpy
import numpy as np
from matplotlib.axes import Axes
from matplotlib.colors import LinearSegmentedColormap, Normalize
from matplotlib.figure import Figure
from matplotlib.lines import Line2D

from ..activations import relu, sigmoid
from ..layers import dense_forward
from .beside import FAINT_ALPHA, Beside, differing
from .bilinear import BilinearImage
from .live import LiveFigure
from .style import CLASS_COLORS, PALETTE, new_figure, style_axes

__all__ = [
    "CLASS_CMAP", "NetworkDiagram", "network_diagram", "weight_text",
    "draw_points", "draw_regions", "grid_points", "decision_regions", "boundary_xy",
    "HiddenSpace", "hidden_space",
]

#: p(class 1) from 0 (class 0's colour) through white (undecided) to 1 (class 1's colour).
CLASS_CMAP = LinearSegmentedColormap.from_list(
    "nnlessons_classes", [CLASS_COLORS[0], "#ffffff", CLASS_COLORS[1]])
POS_COLOR = PALETTE["vermillion"]   # positive weights
NEG_COLOR = PALETTE["blue"]         # negative weights
ZERO_COLOR = PALETTE["grey"]        # a weight of 0 is neither
MARKERS = ["o", "^", "s", "D"]      # one marker shape per class (not colour alone)


# --------------------------------------------------------------------------- diagrams
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


def weight_text(w: float) -> str:
    """A weight or bias as the diagrams write it: "+1.5", "-0.3", and "0.0" for zero (no sign)."""
    w = round(float(w), 1)
    return "0.0" if w == 0 else f"{w:+.1f}"


def _edge_style(w: float, scale: float) -> tuple[str, float]:
    """(colour, line width) of a weight's line: vermillion +, blue -, thin grey for 0 (as shown)."""
    if weight_text(w) == "0.0":
        return ZERO_COLOR, 0.6
    return (POS_COLOR if w > 0 else NEG_COLOR), 0.6 + 4.0 * min(abs(w) / scale, 1.0)


class NetworkDiagram(LiveFigure):
    """A dense network: one circle per unit, one line per weight.

    layer_sizes: [n_0, ..., n_L]; or give ``params`` (W{l} of shape (n_{l-1}, n_l),
    b{l} of shape (n_l,)) and the sizes are read from it. With params, a line's colour
    shows the weight's sign (vermillion +, blue -, grey 0) and its width |w| (up to
    ``weight_scale``); with ``show_values`` each weight and bias is written on the diagram
    (weights ``label_at`` of the way along their line). ax: draw into this Axes (part of
    a bigger figure) instead of a new figure.

    ``edges[(l, i, j)]`` is the line of weight ``W{l}[i, j]`` (unit i of layer l-1 to unit j
    of layer l), ``edge_labels`` its text, ``bias_labels[(l, j)]`` the text of ``b{l}[j]``.
    ``update(params)`` recolours and relabels them and returns ``edge_labels``,
    ``bias_labels`` (key -> text shown) and ``edge_colors`` (key -> colour).
    """

    def __init__(self, layer_sizes: Sequence[int] | None = None, params: Mapping[str, np.ndarray] | None = None,
                 show_values: bool = True, weight_scale: float = 3.0, label_at: float = 0.33,
                 ax: Axes | None = None, width: float = 4.5, height: float = 3.0, dpi: int = 100):
        if layer_sizes is None:
            if params is None:
                raise ValueError("a network diagram needs layer_sizes (e.g. [2, 2, 1]) or params")
            layer_sizes = _layer_sizes(params)
        self.sizes = [int(n) for n in layer_sizes]
        self.weight_scale = weight_scale
        if ax is None:
            self.fig = new_figure(width, height, dpi=dpi)
            ax = self.fig.add_subplot()
        else:
            self.fig = ax.figure
        self.ax = ax
        big = max(self.sizes)
        # layer l at x = l; its n units centred vertically, one unit apart
        self.positions = [np.column_stack([np.full(n, float(l)), (n - 1) / 2 - np.arange(n, dtype=np.float64)])
                          for l, n in enumerate(self.sizes)]
        self.edges, self.edge_labels, self.bias_labels = {}, {}, {}
        labelled = params is not None and show_values
        for l in range(1, len(self.sizes)):
            for i, p0 in enumerate(self.positions[l - 1]):
                for j, p1 in enumerate(self.positions[l]):
                    (self.edges[(l, i, j)],) = ax.plot([p0[0], p1[0]], [p0[1], p1[1]], color=PALETTE["grey"],
                                                       lw=1.2, zorder=1, solid_capstyle="round")
                    if labelled:
                        xy = (1 - label_at) * p0 + label_at * p1
                        self.edge_labels[(l, i, j)] = ax.text(
                            xy[0], xy[1], "", fontsize=8, ha="center", va="center", zorder=3,
                            bbox=dict(boxstyle="round,pad=0.15", fc="white", ec="none", alpha=0.85))
        names = _node_names(self.sizes)
        nodes = []   # drawn over the lines, so they move with them in a live view
        for l, pos in enumerate(self.positions):
            # markers of a Line2D, not a scatter: Agg stamps one rendered circle per unit
            nodes.append(ax.plot(pos[:, 0], pos[:, 1], linestyle="none", marker="o", markersize=np.sqrt(650),
                                 markerfacecolor="white", markeredgecolor=PALETTE["black"],
                                 markeredgewidth=1.5, zorder=2)[0])
            for j, (x, y) in enumerate(pos):
                nodes.append(ax.text(x, y, names[l][j], ha="center", va="center", fontsize=11, zorder=4))
                if l > 0 and labelled:
                    self.bias_labels[(l, j)] = ax.text(x, y - 0.3, "", ha="center", va="top", fontsize=8,
                                                       color=PALETTE["black"], zorder=4)
        ax.set_xlim(-0.4, len(self.sizes) - 0.6)
        bottom = 0.65 if labelled else 0.45  # room for the bias labels
        ax.set_ylim(-(big - 1) / 2 - bottom, (big - 1) / 2 + 0.45)
        ax.axis("off")
        self.animated = [*self.edges.values(), *self.edge_labels.values(), *nodes, *self.bias_labels.values()]
        if params is not None:
            self.update(params)

    def update(self, params: Mapping[str, np.ndarray]) -> dict[str, Any]:
        """Recolour, re-width and relabel the lines and texts for new ``params``."""
        colors, labels, biases = {}, {}, {}
        for (l, i, j), line in self.edges.items():
            w = float(np.asarray(params[f"W{l}"])[i, j])
            color, lw = _edge_style(w, self.weight_scale)
            line.set_color(color)
            line.set_linewidth(lw)
            colors[(l, i, j)] = color
            if (l, i, j) in self.edge_labels:
                labels[(l, i, j)] = weight_text(w)
                self.edge_labels[(l, i, j)].set_text(labels[(l, i, j)])
        for (l, j), text in self.bias_labels.items():
            biases[(l, j)] = f"b={weight_text(np.asarray(params[f'b{l}'])[j])}"
            text.set_text(biases[(l, j)])
        return dict(edge_labels=labels, bias_labels=biases, edge_colors=colors)


def network_diagram(layer_sizes: Sequence[int] | None = None, params: Mapping[str, np.ndarray] | None = None,
                    title: str | None = None, width: float = 4.5, height: float = 3.0) -> Figure:
    """A Figure of a dense network (see `NetworkDiagram`), with a legend for the weight colours.

    layer_sizes: [n_0, ..., n_L], e.g. [2, 2, 1]; or ``params`` to show the weights.
    """
    live = NetworkDiagram(layer_sizes, params, width=width, height=height)
    sizes = live.sizes
    n_w = sum(a * b for a, b in zip(sizes[:-1], sizes[1:]))
    n_b = sum(sizes[1:])
    live.ax.set_title(title or f"A {'-'.join(map(str, sizes))} network: {n_w} weights + {n_b} biases")
    if params is not None:
        live.ax.legend(handles=[Line2D([], [], color=POS_COLOR, lw=3, label="positive weight"),
                                Line2D([], [], color=NEG_COLOR, lw=3, label="negative weight")],
                       loc="lower center", bbox_to_anchor=(0.5, -0.12), ncol=2, fontsize=8, frameon=False)
    return live.fig


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


def draw_points(ax: Axes, X: np.ndarray, y: np.ndarray, size: float = 28) -> list[Line2D]:
    """Draw 2-D points X (m, 2) coloured and shaped by their integer class y (m,): one
    Line2D of markers per class (move them with ``set_data``), `size` in points² as for
    a scatter. Markers, not a scatter: Agg renders the marker once and stamps it, several
    times faster to redraw in a live figure."""
    X, y = np.asarray(X, dtype=np.float64), np.asarray(y)
    arts = []
    for k in np.unique(y):
        k = int(k)
        sel = y == k
        arts.append(ax.plot(X[sel, 0], X[sel, 1], linestyle="none", marker=MARKERS[k % len(MARKERS)],
                            markersize=np.sqrt(size), markerfacecolor=CLASS_COLORS[k % len(CLASS_COLORS)],
                            markeredgecolor=PALETTE["black"], markeredgewidth=0.6, label=f"class {k}",
                            zorder=3)[0])
    return arts


def draw_regions(ax: Axes, proba: np.ndarray, extent: Sequence[float]) -> BilinearImage:
    """Show p(class 1) on a grid, an array (r, r) from `grid_points`, as an image (update
    with set_data): bilinear, as ``imshow(origin="lower", interpolation="bilinear")`` would
    draw it, in a third of the time (`BilinearImage`)."""
    image = BilinearImage(ax, cmap=CLASS_CMAP, norm=Normalize(0.0, 1.0), alpha=0.55, origin="lower",
                          interpolation="bilinear", zorder=1)
    image.set_data(np.asarray(proba))
    ax.add_image(image)
    image.set_extent(tuple(extent))   # as imshow: the axes' data limits take it in
    return image


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
    ax.plot(*boundary_xy(P, extent), color=PALETTE["black"], lw=1.2, zorder=2)
    draw_points(ax, X, y)
    acc = float(np.mean((np.asarray(predict_proba(X)).reshape(-1) > 0.5) == (np.asarray(y) == 1)))
    style_axes(ax, f"{title}\naccuracy {acc:.0%}", "$x_1$", "$x_2$", grid=False)
    ax.set_xlim(extent[0], extent[1])
    ax.set_ylim(extent[2], extent[3])
    # below the axes, where it cannot hide a cluster of points
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.16), ncol=2, fontsize=8, frameon=False)
    return fig


def boundary_xy(proba: np.ndarray, extent: Sequence[float], level: float = 0.5) -> tuple[np.ndarray, np.ndarray]:
    """The decision boundary p = `level` of p(class 1) on a grid (an array (r, r) in the
    order of `grid_points` over `extent`), as (xs, ys) for one line (pieces separated by nan)."""
    P = np.asarray(proba, dtype=np.float64)
    gx = np.linspace(extent[0], extent[1], P.shape[1])
    gy = np.linspace(extent[2], extent[3], P.shape[0])
    pieces = contourpy.contour_generator(gx, gy, P).lines(level)
    if not pieces:
        return np.array([np.nan]), np.array([np.nan])
    xy = np.concatenate([np.vstack([piece, [np.nan, np.nan]]) for piece in pieces])
    return xy[:, 0], xy[:, 1]


# ------------------------------------------------------------------- hidden space
_HIDDEN_LIMITS = (1.5, 2.5, 4.0, 6.0, 10.0, 16.0, 25.0, 40.0)


def _two_layer(params: Mapping[str, np.ndarray]) -> tuple[np.ndarray, ...]:
    W1, b1 = np.asarray(params["W1"], dtype=np.float64), np.asarray(params["b1"], dtype=np.float64)
    W2, b2 = np.asarray(params["W2"], dtype=np.float64), np.asarray(params["b2"], dtype=np.float64)
    if W1.shape != (2, 2) or W2.shape != (2, 1):
        raise ValueError(f"the hidden space is drawn for a 2-2-1 network: W1 must be (2, 2) and W2 (2, 1), "
                         f"got {W1.shape} and {W2.shape}")
    return W1, b1, W2[:, 0], float(b2[0])


def _line_in_box(w: np.ndarray, b: float, box: Sequence[float]) -> tuple[list[float], list[float]]:
    """The part of the line w . p + b = 0 inside box (x0, x1, y0, y1): ([xa, xb], [ya, yb]), or nan."""
    x0, x1, y0, y1 = box
    corners = np.array([[x0, y0], [x1, y0], [x1, y1], [x0, y1]])
    vals = corners @ w + b
    cuts = [corners[k] + vals[k] / (vals[k] - vals[k - 3]) * (corners[k - 3] - corners[k])
            for k in range(4) if (vals[k] > 0) != (vals[k - 3] > 0)]
    if len(cuts) < 2:
        return [np.nan], [np.nan]
    return [cuts[0][0], cuts[1][0]], [cuts[0][1], cuts[1][1]]


class HiddenSpace(LiveFigure):
    """What the hidden layer of a 2-2-1 network (ReLU hidden units, sigmoid output) does.

    Left, the input space: p(class 1) over the inputs, the boundary p = 0.5 and the points
    X (m, 2) with their labels y (m,) in {0, 1}. Middle, the hidden space: the same points
    where the hidden layer puts them, h = relu(X W1 + b1), and the output neuron's own
    straight line w2 . h + b2 = 0 (with p(class 1) over that plane). With ``diagram``, the
    network and its weights on the right.

    params: W1 (2, 2), b1 (2,), W2 (2, 1), b2 (1,). extent: the input space drawn;
    resolution: the grid of the backgrounds is resolution x resolution.
    dense_forward: a learner's (X (k, n_in), W, b) -> Z (k, n_out), used for both layers
    (one call per layer: the grid, the points and the hidden plane's grid batched) instead
    of the package's. Where its network parts from the package's, the package's boundary
    and output line are drawn faint, the points it classifies otherwise are ringed and the
    package's hidden points are drawn hollow and faint (nothing extra while they agree).
    ``update(params, resolution=None, package_only=False)`` (a coarser grid for a slow
    learner's function; the package's network alone) returns ``params``, ``proba``
    (resolution, resolution), ``accuracy``, ``accuracy_text``, ``hidden`` (m, 2),
    ``hidden_limit`` (the hidden axes end there), ``output_line`` ((2,), (2,)) in the hidden
    space and ``boundary`` (xs, ys) in the input space, ``resolution``, and the diagram's
    texts when it is drawn.
    """

    def __init__(self, X: np.ndarray, y: np.ndarray, params: Mapping[str, np.ndarray], diagram: bool = True,
                 extent: Sequence[float] = (-2.2, 2.2, -2.2, 2.2), resolution: int = 40, dpi: int = 80,
                 title: str | None = None, dense_forward: Callable | None = None):
        self.X, self.y = np.asarray(X, dtype=np.float64), np.asarray(y)
        self.extent, self.resolution = tuple(extent), resolution
        self.dense_forward = dense_forward
        self.grids: dict[int, np.ndarray] = {resolution: grid_points(extent, resolution)}
        self.fig = new_figure(11.0 if diagram else 8.4, 3.9, dpi=dpi)
        axes = self.fig.subplots(1, 3 if diagram else 2, width_ratios=[1.0, 1.0, 1.05] if diagram else None)
        self.ax_in, self.ax_h = axes[0], axes[1]
        blank = np.full((resolution, resolution), 0.5)
        # input space
        self.image_in = draw_regions(self.ax_in, blank, extent)
        (self.boundary,) = self.ax_in.plot([], [], color=PALETTE["black"], lw=1.2, zorder=2)
        self.points_in = draw_points(self.ax_in, self.X, self.y)   # over the regions, which change
        style_axes(self.ax_in, "", "$x_1$", "$x_2$", grid=False)
        self.ax_in.set_xlim(extent[:2])
        self.ax_in.set_ylim(extent[2:])
        self.ax_in.set_title("Input space: the network's regions", fontsize=10)
        self.acc_text = self.ax_in.text(0.02, 0.02, "", transform=self.ax_in.transAxes, ha="left", va="bottom",
                                        fontsize=10, fontweight="bold", zorder=6,
                                        bbox=dict(boxstyle="round", fc="white", ec=PALETTE["grey"], alpha=0.9))
        # hidden space
        self.image_h = draw_regions(self.ax_h, blank, (0, 1, 0, 1))
        (self.out_line,) = self.ax_h.plot([], [], color=PALETTE["black"], lw=2, zorder=2,
                                          label="the output neuron's line")
        self.points_h = draw_points(self.ax_h, self.X, self.y)
        style_axes(self.ax_h, "", "$h_1$", "$h_2$", grid=False)
        self.ax_h.set_ylabel("$h_2$", labelpad=9)          # clear of the tick labels (it used to sit on them)
        self.ax_h.set_title("Hidden space: the points at $(h_1, h_2)$", fontsize=10)
        self.ax_h.set_aspect("equal")
        self.classes = [self.y == k for k in np.unique(self.y)]
        # one legend for both panels, above them, off the data
        self.fig.legend(handles=[*self.points_h, self.out_line], loc="outside lower center", ncol=3, fontsize=8,
                        frameon=False)
        self.hidden_limit = None
        self.diagram = None
        self.beside_in, self.beside_h = Beside(self.ax_in, self.boundary), Beside(self.ax_h, self.out_line)
        self.rings = self.ax_in.plot([], [], ls="", marker="o", ms=10, mew=1.4, mfc="none", color=PALETTE["black"],
                                     zorder=4, label="_differs", visible=False)[0]
        self.package_h = self.ax_h.plot([], [], ls="", marker="o", ms=6, mew=1.2, mfc="none", alpha=FAINT_ALPHA + 0.2,
                                        color=PALETTE["black"], zorder=2.5, label="_package", visible=False)[0]
        animated = [self.image_in, self.boundary, *self.points_in, self.acc_text, self.image_h, self.out_line,
                    *self.points_h, *self.beside_in.artists, self.rings, *self.beside_h.artists, self.package_h]
        if diagram:
            self.diagram = NetworkDiagram([2, 2, 1], params, ax=axes[2])
            axes[2].set_title("The network: ReLU hidden units, sigmoid output\n"
                              "(vermillion +, blue −, grey 0)", fontsize=10)
            animated += self.diagram.animated
        if title:
            self.fig.suptitle(title)
        self.animated = animated
        self.update(params)

    def _hidden_axes(self, H: np.ndarray) -> float:
        """Fit the hidden axes to the points: a few fixed sizes, changed only when the points
        leave them or fill less than a third of them (each change redraws the whole figure)."""
        top = max(float(np.max(H)) * 1.08, 1.0)
        if self.hidden_limit is not None and top / 3 <= self.hidden_limit and top <= self.hidden_limit:
            return self.hidden_limit        # still a good fit: keep the axes (no full redraw)
        limit = next((v for v in _HIDDEN_LIMITS if v >= top), _HIDDEN_LIMITS[-1])
        if limit != self.hidden_limit:
            self.hidden_limit = limit
            lo = -0.08 * limit
            self.ax_h.set_xlim(lo, limit)
            self.ax_h.set_ylim(lo, limit)
            self.background_stale = True
        return self.hidden_limit

    def update(self, params: Mapping[str, np.ndarray], resolution: int | None = None,
               package_only: bool = False) -> dict[str, Any]:
        """Redraw both spaces (and the diagram) for new 2-2-1 ``params``, on a resolution x
        resolution grid (default: the constructor's); `package_only`: draw the package's
        network even when a learner's dense_forward was given."""
        W1, b1, w2, b2 = _two_layer(params)
        r = resolution or self.resolution
        if r not in self.grids:
            self.grids[r] = grid_points(self.extent, r)
        mine = None if package_only else self.dense_forward
        net = self._forward(mine or _package_dense, params, self.grids[r], r)
        self.image_in.set_data(net["proba"])
        self.boundary.set_data(*boundary_xy(net["proba"], self.extent))
        shown = f"accuracy {net['accuracy']:.0%}"
        self.acc_text.set_text(shown)
        self.image_h.set_data(net["plane"])
        self.image_h.set_extent(net["box"])
        package = self._forward(_package_dense, params, self.grids[r], r, net["box"]) if mine else None
        parts = self._beside(net, package)
        line = boundary_xy(net["plane"], net["box"]) if parts else _line_in_box(w2, b2, net["box"])  # yours: p = 0.5
        self.out_line.set_data(*line)
        for pts, sel in zip(self.points_h, self.classes):
            pts.set_data(*net["H"][sel].T)
        out = dict(params={k: np.asarray(v, dtype=np.float64).copy() for k, v in params.items()},
                   proba=net["proba"], accuracy=net["accuracy"], accuracy_text=shown, hidden=net["H"],
                   hidden_limit=self.hidden_limit, output_line=line, boundary=self.boundary.get_data(), resolution=r)
        if self.diagram is not None:
            out.update(self.diagram.update(params))
        return out

    def _forward(self, dense: Callable, params: Mapping[str, np.ndarray], grid: np.ndarray, r: int,
                 box: Sequence[float] | None = None) -> dict[str, Any]:
        """The network by `dense` (X, W, b) -> Z, one call per layer: layer 1 on the grid
        (r*r, 2) and the points (m, 2), layer 2 on their hidden values and a grid over the
        hidden plane (its `box`: fitted to the hidden points when None). Returns ``proba``
        (r, r), ``H`` (m, 2), ``accuracy``, ``plane`` (r, r: p over the hidden plane), ``box``
        and ``zX`` (m,) logits."""
        W1, b1, W2, b2 = (np.asarray(params[k], dtype=np.float64) for k in ("W1", "b1", "W2", "b2"))
        n, m = len(grid), len(self.X)
        A = relu(np.asarray(dense(np.vstack([grid, self.X]), W1, b1), dtype=np.float64))
        if box is None:
            limit = self._hidden_axes(A[n:])
            box = (-0.08 * limit, limit, -0.08 * limit, limit)
        g = np.linspace(box[0], box[1], r)
        G = np.column_stack([a.ravel() for a in np.meshgrid(g, g)])
        Z = np.asarray(dense(np.vstack([A, G]), W2, b2), dtype=np.float64)[:, 0]
        p = sigmoid(Z)
        plane = p[n + m:].reshape(r, r)
        return dict(proba=p[:n].reshape(r, r), H=A[n:], zX=Z[n:n + m], box=box, plane=plane,
                    accuracy=float(np.mean((p[n:n + m] > 0.5) == (self.y == 1))))

    def _beside(self, net: dict[str, Any], package: dict[str, Any] | None) -> bool:
        """The package's network faint beside a learner's where they part (hidden otherwise);
        whether they part."""
        parts = package is not None and any(differing(net[k], package[k]).any() for k in ("proba", "H", "zX"))
        for artist in (*self.beside_in.artists, self.rings, *self.beside_h.artists, self.package_h):
            artist.set_visible(parts)
        if not parts:
            return False
        self.beside_in.faint.set_data(*boundary_xy(package["proba"], self.extent))
        self.beside_h.faint.set_data(*boundary_xy(package["plane"], package["box"]))
        apart = (net["zX"] > 0) != (package["zX"] > 0)
        self.rings.set_data(self.X[apart, 0], self.X[apart, 1])
        moved = differing(net["H"], package["H"]).any(axis=1)
        self.package_h.set_data(package["H"][moved, 0], package["H"][moved, 1])
        for marks in (self.beside_in.marks, self.beside_h.marks):
            marks.set_data([], [])
        return True


def _package_dense(X: np.ndarray, W: np.ndarray, b: np.ndarray) -> np.ndarray:
    """The package's dense layer as exercise 04's ``dense_forward(X, W, b)`` -> Z."""
    return dense_forward(X, W, b)[0]


def hidden_space(X: np.ndarray, y: np.ndarray, params: Mapping[str, np.ndarray],
                 title: str = "What the hidden layer does", resolution: int = 120) -> Figure:
    """Two panels for a 2-2-1 network (ReLU hidden layer, sigmoid output): its decision
    regions over the inputs X (m, 2), and the same points as the hidden layer sees them,
    h = relu(X W1 + b1) (m, 2), where the output unit only has to draw a straight line.

    params: W1 (2, 2), b1 (2,), W2 (2, 1), b2 (1,); y (m,) in {0, 1}.
    """
    X = np.asarray(X, dtype=np.float64)
    pad = 0.5
    extent = (X[:, 0].min() - pad, X[:, 0].max() + pad, X[:, 1].min() - pad, X[:, 1].max() + pad)
    return HiddenSpace(X, y, params, diagram=False, extent=extent, resolution=resolution, dpi=100,
                       title=title).fig
