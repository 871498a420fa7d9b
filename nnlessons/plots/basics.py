"""Figures for the first lessons (00-03): one neuron, weighted sums, biases, activations.

Every public function returns a matplotlib `Figure` built without pyplot (see
`nnlessons.plots.style`). A figure a lesson widget updates is a `LiveFigure` class
(`NeuronResponse`, `ContributionBars`, `DecisionLine`, `ActivationTangent`): the
widget calls its ``update(**values)``; the static function of the same name returns
its ``.fig``.
"""
from __future__ import annotations

from typing import Any, Callable, Sequence

import numpy as np
from matplotlib.colors import ListedColormap, to_rgba
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import FancyArrowPatch, Polygon
from matplotlib.ticker import MaxNLocator

from ..activations import (
    identity, identity_grad, leaky_relu, leaky_relu_grad, relu, relu_grad, sigmoid,
    sigmoid_grad, softmax, step, step_grad, tanh, tanh_grad,
)
from .beside import Beside, differing
from .live import LiveFigure
from .style import CLASS_COLORS, PALETTE, new_figure, number, signed, style_axes

__all__ = [
    "NeuronResponse", "neuron_response", "ContributionBars", "contribution_bars", "batch_product",
    "DecisionLine", "decision_line", "boundary_geometry", "bias_free_search", "bias_shift",
    "activation_curves", "ActivationTangent", "activation_tangent", "saturation", "softmax_bars",
    "stacked_linear_layers", "ACTIVATION_CHOICES",
]

LEAKY_ALPHA = 0.1
"""Leaky ReLU slope for negative z used in the figures (0.1 so the leak is visible;
`nnlessons.activations.leaky_relu` defaults to PyTorch's 0.01)."""


def _leaky(z):
    return leaky_relu(z, alpha=LEAKY_ALPHA)


def _leaky_grad(z):
    return leaky_relu_grad(z, alpha=LEAKY_ALPHA)


ACTIVATION_CHOICES: dict[str, tuple[str, Any, Any]] = {
    "sigmoid": ("sigmoid", sigmoid, sigmoid_grad),
    "tanh": ("tanh", tanh, tanh_grad),
    "relu": ("ReLU", relu, relu_grad),
    "leaky_relu": (f"leaky ReLU (α = {LEAKY_ALPHA})", _leaky, _leaky_grad),
    "step": ("step", step, step_grad),
    "identity": ("identity (no activation)", identity, identity_grad),
}
"""Activations the lesson figures and the activation widget offer:
name -> (label, f, f'), f and f' elementwise on numpy arrays."""


def _activation(name: str):
    try:
        return ACTIVATION_CHOICES[name]
    except KeyError:
        raise ValueError(
            f"unknown activation {name!r}: choose one of {', '.join(ACTIVATION_CHOICES)}"
        ) from None


# --------------------------------------------------------------------------- 00: one neuron
class NeuronResponse(LiveFigure):
    """A one-input neuron: z = w*x + b against x (left) and a = sigmoid(z) (right), the
    chosen input x marked on both. ``update(w, b, x)`` returns ``z``, ``a`` (at x) and
    the curves ``z_curve``, ``a_curve`` ((xs (201,), ys (201,)))."""

    def __init__(self, w: float = 1.0, b: float = 0.0, x: float = 1.0,
                 xlim: tuple[float, float] = (-5.0, 5.0), zlim: float = 20.0, dpi: int = 80):
        self.xs = np.linspace(xlim[0], xlim[1], 201)
        self.fig = new_figure(7.6, 3.0, dpi=dpi)
        ax_z, ax_a = self.fig.subplots(1, 2)
        style_axes(ax_z, "weighted sum  z = w·x + b", "input x", "z")
        style_axes(ax_a, "after a sigmoid  a = σ(z)", "input x", "output a = σ(w·x + b)")
        for ax in (ax_z, ax_a):
            ax.axhline(0, color=PALETTE["grey"], lw=0.8)
            ax.axvline(0, color=PALETTE["grey"], lw=0.8)
            ax.set_xlim(*xlim)
        ax_z.set_ylim(-zlim, zlim)
        ax_a.set_ylim(-0.05, 1.05)
        ax_a.axhline(0.5, color=PALETTE["grey"], lw=0.8, ls=":")
        (self.z_line,) = ax_z.plot(self.xs, self.xs, color=PALETTE["blue"], lw=2, label="z = w·x + b")
        (self.a_line,) = ax_a.plot(self.xs, self.xs, color=PALETTE["orange"], lw=2, label="σ(w·x + b)")
        # zorder 6: the input's dot is drawn over the legend and the text box when it reaches them
        (self.z_pt,) = ax_z.plot([x], [0], "o", color=PALETTE["vermillion"], ms=8, label="your input x", zorder=6)
        (self.a_pt,) = ax_a.plot([x], [0], "o", color=PALETTE["vermillion"], ms=8, label="your input x", zorder=6)
        legends = [ax.legend(loc="upper left", fontsize=8) for ax in (ax_z, ax_a)]
        self.z_txt, self.a_txt = (ax.text(0.97, 0.04, "", transform=ax.transAxes, ha="right", va="bottom",
                                          fontsize=9, bbox=dict(boxstyle="round", fc="white", ec=PALETTE["grey"]))
                                  for ax in (ax_z, ax_a))
        self.animated = [self.z_line, self.a_line, self.z_pt, self.a_pt, self.z_txt, self.a_txt, *legends]
        self.update(w=w, b=b, x=x)

    def update(self, w: float, b: float, x: float) -> dict[str, Any]:
        """Move the curves, the marked input and the texts to (w, b, x)."""
        z = w * self.xs + b
        a = sigmoid(z)
        z0 = w * x + b
        a0 = float(sigmoid(z0))
        self.z_line.set_ydata(z)
        self.a_line.set_ydata(a)
        self.z_pt.set_data([x], [z0])
        self.a_pt.set_data([x], [a0])
        self.z_txt.set_text(f"z = {number(w)} × {number(x)} {signed(b)} = {number(z0)}")
        self.a_txt.set_text(f"a = σ({number(z0)}) = {number(a0, 3)}")
        return dict(z=z0, a=a0, z_curve=(self.xs, z), a_curve=(self.xs, a))


def neuron_response(w: float = 1.0, b: float = 0.0, x: float = 1.0,
                    xlim: tuple[float, float] = (-5.0, 5.0)) -> Figure:
    """A one-input neuron: z = w*x + b against x (left), and a = sigmoid(z) (right).

    w, b: the weight and bias (floats); x: the input marked on both curves;
    xlim: the range of inputs drawn.
    """
    return NeuronResponse(float(w), float(b), float(x), xlim, dpi=100).fig


# --------------------------------------------------------------------------- 01: weighted sum
class ContributionBars(LiveFigure):
    """How much each input adds to a neuron's weighted sum. Left: the neuron, each input's
    edge as wide as |w_i| (vermillion positive, blue negative, grey zero); right: a bar per
    contribution w_i * x_i (coloured by its sign) and one for the total z = x . w (black).

    x, w: (n,) inputs and weights; ylim: the bars' y-range +-ylim (default: fits these
    contributions; a widget passes the largest |z| its sliders allow).
    weighted_sum: a learner's (x, w) -> z drawn as the total instead of the package's sum;
    where it parts from the package's, the package's total is outlined (dashed) and the
    learner's bar is marked with a cross (nothing extra while they agree).
    ``update(w, x)`` returns ``contributions`` (n,), ``z`` (the total drawn),
    ``package_z`` (the package's sum) and ``bar_heights`` (n + 1,)."""

    def __init__(self, x: Sequence[float], w: Sequence[float], ylim: float | None = None, dpi: int = 80,
                 weighted_sum: Callable | None = None):
        x = np.asarray(x, dtype=np.float64)
        w = np.asarray(w, dtype=np.float64)
        if x.shape != w.shape or x.ndim != 1:
            raise ValueError(f"x and w must be 1-D with one weight per input; got shapes {x.shape} and {w.shape}")
        n = len(x)
        self.fig = new_figure(8.4, 3.3, dpi=dpi)
        ax_net, ax_bar = self.fig.subplots(1, 2, width_ratios=[1.0, 1.5])
        self._draw_neuron(ax_net, n)
        # -- the bars: contributions coloured by sign (in update); the total in black
        labels = [f"$w_{i + 1} x_{i + 1}$" for i in range(n)] + ["total $z$"]
        self.bars = list(ax_bar.bar(np.arange(n + 1), np.zeros(n + 1),
                                    color=[PALETTE["grey"]] * n + [PALETTE["black"]], width=0.65))
        ax_bar.axhline(0, color=PALETTE["black"], lw=0.8)
        ax_bar.axvline(n - 0.5, color=PALETTE["grey"], lw=0.8, ls=":")
        ax_bar.set_xticks(np.arange(n + 1), labels)
        style_axes(ax_bar, r"contributions $w_i x_i$ and their sum $z = \mathbf{w} \cdot \mathbf{x}$", "",
                   "contribution to $z$")
        ax_bar.grid(False, axis="x")
        self.ylim = ylim if ylim is not None else max(1.0, 1.15 * float(np.sum(np.abs(w * x))))
        ax_bar.set_ylim(-self.ylim, self.ylim)
        self.bar_txts = [ax_bar.text(i, 0, "", ha="center", fontsize=9) for i in range(n + 1)]
        self.weighted_sum = weighted_sum
        self.beside = BesideBar(ax_bar, self.bars[-1])
        # drawn in this order: edges, then the nodes over them, then the labels
        self.animated = (self.edges + self.nodes + self.w_txts + self.x_txts + [self.z_node_txt]
                         + self.bars + self.bar_txts + self.beside.artists)
        self.update(w=w, x=x)

    def _draw_neuron(self, ax, n: int) -> None:
        """The neuron diagram: n input nodes, their edges, one output node (artists kept)."""
        ax.set_title("a neuron with 3 inputs" if n == 3 else f"a neuron with {n} inputs")
        ax.set_xlim(-0.3, 1.45)
        ax.set_ylim(-0.6, n - 0.4)
        ax.axis("off")
        ys = np.arange(n)[::-1].astype(float)
        y_out = (n - 1) / 2
        self.edges, self.w_txts, self.x_txts, self.nodes = [], [], [], []
        for i in range(n):
            (edge,) = ax.plot([0.0, 1.0], [ys[i], y_out], lw=2, solid_capstyle="round", zorder=1)
            self.edges.append(edge)
            self.nodes += ax.plot([0.0], [ys[i]], "o", ms=24, mfc="white", mec=PALETTE["black"], zorder=2)
            self.x_txts.append(ax.text(0.0, ys[i], "", ha="center", va="center", fontsize=8, zorder=3))
            mid = (0.45, ys[i] + 0.45 * (y_out - ys[i]))
            self.w_txts.append(ax.text(*mid, "", ha="center", va="bottom", fontsize=9, zorder=3,
                                       bbox=dict(boxstyle="round,pad=0.15", fc="white", ec="none", alpha=0.8)))
            ax.text(-0.27, ys[i], f"x{i + 1}", ha="right", va="center", fontsize=10)
        self.nodes += ax.plot([1.0], [y_out], "o", ms=34, mfc=PALETTE["yellow"], mec=PALETTE["black"], zorder=2)
        self.nodes.append(ax.text(1.0, y_out, "Σ", ha="center", va="center", fontsize=14, zorder=3))
        self.z_node_txt = ax.text(1.36, y_out, "", ha="left", va="center", fontsize=10)
        ax.text(0.0, -0.55, "inputs", ha="center", fontsize=9, color=PALETTE["grey"])
        ax.text(0.55, -0.55, "line width = |weight|\nvermillion +, blue −", ha="left", va="bottom",
                fontsize=8, color=PALETTE["black"], alpha=0.7)

    def update(self, w: Sequence[float], x: Sequence[float]) -> dict[str, Any]:
        """Move edges, labels and bars to weights w (n,) and inputs x (n,)."""
        w = np.asarray(w, dtype=np.float64)
        x = np.asarray(x, dtype=np.float64)
        contrib = w * x
        package_z = float(np.sum(contrib))
        z = package_z if self.weighted_sum is None else _number_of(self.weighted_sum(x, w))
        heights = np.append(contrib, z)
        pad = 0.03 * self.ylim
        differ = bool(differing(z, package_z))
        for i, (edge, wt, xt) in enumerate(zip(self.edges, self.w_txts, self.x_txts)):
            edge.set_linewidth(0.5 + 3.0 * abs(w[i]))
            edge.set_color(PALETTE["vermillion"] if w[i] > 0 else PALETTE["blue"] if w[i] < 0 else PALETTE["grey"])
            wt.set_text(f"w{i + 1} = {number(w[i])}")
            xt.set_text(number(x[i], 1))
        self.z_node_txt.set_text(f"z = {number(z)}")
        for i, (bar, txt, h) in enumerate(zip(self.bars, self.bar_txts, heights)):
            if i < len(contrib):
                bar.set_color(PALETTE["vermillion"] if h >= 0 else PALETTE["blue"])
            shown = self._clip(h)
            bar.set_height(shown)
            txt.set_text(number(h) if np.isfinite(h) else str(h))
            at = shown
            if differ and i == len(contrib):  # clear of the package's outline
                at = max(shown, self._clip(package_z)) if h >= 0 else min(shown, self._clip(package_z))
            txt.set_position((bar.get_x() + bar.get_width() / 2, at + (pad if h >= 0 else -pad)))
            txt.set_va("bottom" if h >= 0 else "top")
        self.beside.show(self._clip(z), self._clip(package_z), differ)
        return dict(contributions=contrib, z=z, package_z=package_z, bar_heights=heights)

    def _clip(self, h: float) -> float:
        """A bar's drawn height: h within the y-range (nan drawn as 0)."""
        return float(np.clip(np.nan_to_num(h, nan=0.0), -self.ylim, self.ylim))


def _number_of(value) -> float:
    """A learner's weighted sum of one example as a float (a 0-d or 1-element array too)."""
    return float(np.asarray(value, dtype=np.float64).reshape(()))


class BesideBar:
    """The package's bar beside a learner's: a dashed outline of the package's height
    over the learner's `bar`, and a cross on the top of the learner's bar; hidden while
    they agree. Lines, not patches (the axes' patches stay the bars). ``artists``: both."""

    def __init__(self, ax, bar):
        x0, width = bar.get_x(), bar.get_width()
        self.xs = np.array([x0, x0, x0 + width, x0 + width]) + np.array([-1, -1, 1, 1]) * 0.08
        (self.outline,) = ax.plot([], [], color=PALETTE["black"], lw=1.6, ls=(0, (3, 2)), alpha=0.8,
                                  zorder=bar.get_zorder() + 0.1, label="_package", visible=False)
        (self.mark,) = ax.plot([], [], ls="", marker="X", ms=11, mew=1.2, mfc=PALETTE["orange"], mec=PALETTE["black"],
                               zorder=bar.get_zorder() + 0.2, label="_differs", visible=False)
        self.centre = x0 + width / 2
        self.artists = [self.outline, self.mark]

    def show(self, got: float, expected: float, differ: bool) -> None:
        """Outline the package's height `expected` and mark the learner's `got` when `differ`."""
        for artist in self.artists:
            artist.set_visible(bool(differ))
        if differ:
            self.outline.set_data(self.xs, [0.0, expected, expected, 0.0])
            self.mark.set_data([self.centre], [got])


def contribution_bars(x: Sequence[float], w: Sequence[float]) -> Figure:
    """How much each input adds to a neuron's weighted sum (see `ContributionBars`).

    x, w: (n,) inputs and weights.
    """
    return ContributionBars(x, w, dpi=100).fig


def batch_product(X: np.ndarray, w: np.ndarray) -> Figure:
    """A batch through one neuron, drawn as the equation  X @ w = z  with every number:
    X (m, n) one example per row, w (n,) the weights, z (m,) one weighted sum per example.
    Cells are coloured by value (red positive, blue negative; a colour bar gives the scale)."""
    X = np.asarray(X, dtype=np.float64)
    w = np.asarray(w, dtype=np.float64)
    if X.ndim != 2 or w.shape != (X.shape[1],):
        raise ValueError(f"X must be (m, n) and w (n,); got {X.shape} and {w.shape}")
    z = X @ w
    m, n = X.shape
    rows = max(m, n)
    fig = new_figure(0.55 * (n + 6) + 0.6, 0.55 * rows + 1.1, dpi=100)
    ax = fig.add_subplot()
    ax.set_title("a batch: one weighted sum per row,  X @ w = z", fontsize=11)
    vmax = max(np.abs(X).max(), np.abs(w).max(), np.abs(z).max(), 1e-9)
    cmap = "RdBu_r"
    x_w, x_z = n + 1.0, n + 3.0  # left edges of the w and z columns
    for A, left, name in ((X, 0.0, f"X  ({m} × {n})"), (w[:, None], x_w, f"w  ({n},)"),
                          (z[:, None], x_z, f"z  ({m},)")):
        r, c = A.shape
        im = ax.imshow(A, cmap=cmap, vmin=-vmax, vmax=vmax, extent=(left, left + c, r, 0),
                       interpolation="nearest")
        ax.add_patch(Polygon([(left, 0), (left + c, 0), (left + c, r), (left, r)], closed=True,
                             fill=False, ec=PALETTE["black"], lw=1))
        for (i, j), v in np.ndenumerate(A):
            ax.text(left + j + 0.5, i + 0.5, f"{v:.1f}", ha="center", va="center", fontsize=9,
                    color="white" if abs(v) > 0.6 * vmax else "black")
        ax.text(left + c / 2, -0.25, name, ha="center", va="bottom", fontsize=10)
    ax.text(n + 0.5, n / 2, "@", ha="center", va="center", fontsize=16)
    ax.text(n + 2.5, n / 2, "=", ha="center", va="center", fontsize=16)
    for i in range(m):
        ax.text(-0.15, i + 0.5, f"example {i + 1}", ha="right", va="center", fontsize=8)
    for j in range(n):
        ax.text(j + 0.5, m + 0.15, f"x{j + 1}", ha="center", va="top", fontsize=8)
    ax.set_xlim(-1.9, x_z + 1.2)
    ax.set_ylim(rows + 0.7, -1.0)
    ax.set_aspect("equal")
    ax.axis("off")
    fig.colorbar(im, ax=ax, shrink=0.6, pad=0.02, label="value (red +, blue −)")
    return fig


# --------------------------------------------------------------------------- 02: bias
def _clip_halfplane(w: np.ndarray, b: float, box: tuple[float, float, float, float]
                    ) -> tuple[np.ndarray, np.ndarray]:
    """The part of the box (x1min, x1max, x2min, x2max) where w . p + b > 0, as polygon
    vertices (k, 2) (k = 0 if empty), and the boundary segment inside the box (2, 2)
    (or (0, 2) if the line misses the box)."""
    x0, x1, y0, y1 = box
    corners = np.array([[x0, y0], [x1, y0], [x1, y1], [x0, y1]])
    vals = corners @ w + b
    poly, cuts = [], []
    for i in range(4):
        p, q = corners[i], corners[(i + 1) % 4]
        vp, vq = vals[i], vals[(i + 1) % 4]
        if vp > 0:
            poly.append(p)
        if (vp > 0) != (vq > 0):
            t = vp / (vp - vq)
            cut = p + t * (q - p)
            poly.append(cut)
            cuts.append(cut)
    return np.array(poly).reshape(-1, 2), np.array(cuts).reshape(-1, 2)


def _normal_arrow(w: np.ndarray, b: float, box: tuple[float, float, float, float], seg: np.ndarray
                  ) -> tuple[np.ndarray, float] | None:
    """Where to draw w as an arrow normal to the line w . x + b = 0: its start (2,) on the
    line (the foot of the perpendicular from the origin, -b w / ||w||^2, or, when that is
    outside the box, the middle of the visible segment `seg`) and a scale 1, 1/2, 1/4 or
    1/8: the largest that keeps the tip inside the box. None when w = 0 or no line shows."""
    norm2 = float(w @ w)
    if norm2 == 0.0 or len(seg) < 2:
        return None
    lo, hi = np.array([box[0], box[2]]) + 0.1, np.array([box[1], box[3]]) - 0.1
    start = -b * w / norm2
    if np.any(start < lo) or np.any(start > hi):
        start = seg.mean(axis=0)
    scale = 1.0
    while scale > 1 / 8 and (np.any(start + scale * w < lo) or np.any(start + scale * w > hi)):
        scale /= 2
    return start, scale


def _origin_side(b: float, norm: float) -> str:
    """What the origin's signed distance b/||w|| says, in words."""
    d = b / norm
    if round(d, 2) == 0:
        return "the line passes through the origin"
    side = "class-1 side (z > 0)" if d > 0 else "class-0 side (z < 0)"
    return f"{number(abs(d))} from the line,\n  on the {side}"


class DecisionLine(LiveFigure):
    """A step neuron over labelled 2-D points: the decision line w . x + b = 0, the
    half-plane it calls class 1 (shaded), the weight vector w drawn as an arrow normal to
    the line (pointing to the class-1 side), the origin and its distance b/||w|| to the
    line, where the line crosses the x2 axis, and (beside the plot) the numbers.

    X: (m, 2) points; y: (m,) labels in {0, 1}; w: (2,); b: the bias; box: the drawn
    region (x1min, x1max, x2min, x2max); readout: draw the numbers (``info``) beside the
    plot (a widget may show them as HTML instead: text is the slowest thing to redraw).
    ``update(w, b)`` returns ``accuracy``, ``predictions`` (m,), ``line`` ((xs, ys) of the
    drawn segment), ``intercept`` (-b/w2 or None), ``slope`` (-w1/w2 or None), ``norm``
    (||w||), ``origin_distance`` (b/||w||, the origin's signed distance; None if w = 0),
    ``foot`` (2,) (the line's point nearest the origin, or None), ``arrow`` ((start, end)
    of the drawn w, or None), ``arrow_scale`` (1, or 1/2 ... when w is drawn shortened to
    fit), ``distances`` (m,) (each point's signed distance (w . x + b)/||w||) and ``info``.

    A learner's functions, drawn instead of the package's (nothing extra while they agree):
    neuron: (x (k, 2), w, b) -> z (k,), called once per update on the points and a grid
    over the box: it decides the points' classes (the accuracy) and the shaded region;
    where it parts from the package's, its region is drawn on the grid and the points it
    classifies otherwise are ringed. boundary_line: (w, b) -> (slope, intercept), the
    drawn line (when w2 != 0); where it parts, the package's line is drawn faint beside
    it and the learner's is crossed."""

    GRID = 101  # the learner's region is drawn on a GRID x GRID grid over the box

    def __init__(self, X: np.ndarray, y: np.ndarray, w: Sequence[float], b: float,
                 box: tuple[float, float, float, float] = (-1.0, 5.0, -1.0, 5.0), dpi: int = 80,
                 title: str = "decision line  w1·x1 + w2·x2 + b = 0", readout: bool = True,
                 neuron: Callable | None = None, boundary_line: Callable | None = None):
        self.X, self.y, w = _check_points(X, y, w)
        self.box = box
        self.neuron, self.boundary_line = neuron, boundary_line
        self.fig = new_figure(8.0 if readout else 7.3, 5.0, dpi=dpi)  # the side panel: legend (and numbers)
        ax, side = self.fig.subplots(1, 2, width_ratios=[1.0, 0.55 if readout else 0.45])
        style_axes(ax, title, "input x1", "input x2")
        ax.set_xlim(box[0], box[1])
        ax.set_ylim(box[2], box[3])
        ax.set_aspect("equal")
        ax.axhline(0, color=PALETTE["grey"], lw=0.8)
        ax.axvline(0, color=PALETTE["grey"], lw=0.8)
        self.shade = Polygon(np.zeros((3, 2)), closed=True, fc=CLASS_COLORS[1], alpha=0.15, ec="none",
                             label="the neuron says class 1 (z > 0)")
        ax.add_patch(self.shade)
        self.points = [ax.scatter(*self.X[self.y == k].T, s=22, c=CLASS_COLORS[k], marker=("o", "^")[k],
                                  edgecolors="white", linewidths=0.5, label=f"class {k}", zorder=3)
                       for k in (0, 1)]
        (self.line,) = ax.plot([], [], color=PALETTE["black"], lw=2.2, label="decision line (z = 0)", zorder=4)
        (self.to_line,) = ax.plot([], [], color=PALETTE["green"], lw=2, ls=":", zorder=4,
                                  label="origin → line: distance |b| / ‖w‖")
        self.arrow = FancyArrowPatch((0, 0), (1, 1), arrowstyle="-|>", mutation_scale=16, lw=2.2,
                                     color=PALETTE["purple"], zorder=5)
        ax.add_patch(self.arrow)
        self.arrow_txt = ax.text(0, 0, "", color=PALETTE["purple"], fontsize=11, fontweight="bold",
                                 ha="center", va="center", zorder=5)
        # hollow and under the origin's marker, so the origin shows when the line passes through it
        (self.cross,) = ax.plot([], [], "D", color=PALETTE["black"], mfc="none", mew=1.5, ms=12,
                                label="where it crosses the x2 axis", zorder=5)
        self.points += ax.plot([0], [0], "P", color=PALETTE["black"], ms=8, label="origin (0, 0)", zorder=6)
        arrow_key = Line2D([], [], color=PALETTE["purple"], lw=2.2, marker=">", markevery=[1],
                           label="weight vector w (normal to the line)")
        handles, _ = ax.get_legend_handles_labels()
        side.axis("off")
        side.legend(handles=handles[:4] + [arrow_key] + handles[4:], loc="upper left", fontsize=8,
                    borderaxespad=0.0, frameon=False)
        self.info = side.text(0.0, 0.0, "", transform=side.transAxes, ha="left", va="bottom", fontsize=9,
                              bbox=dict(boxstyle="round", fc="white", ec=PALETTE["grey"]), zorder=6,
                              visible=readout)
        self.region, self.class_marks = self._draw_yours(ax)
        self.beside = Beside(ax, self.line)
        # drawn in this order, so the points stay on top of the shading
        self.animated = [self.shade, self.region, *self.points, self.line, self.to_line, self.arrow,
                         self.arrow_txt, self.cross, self.info, self.class_marks, *self.beside.artists]
        self.update(w=w, b=b)

    def _draw_yours(self, ax) -> tuple:
        """The learner's class-1 region (an image over the box) and the rings round the points
        their neuron classifies otherwise: both hidden until a learner's neuron differs."""
        x0, x1, y0, y1 = self.box
        g1, g2 = np.meshgrid(np.linspace(x0, x1, self.GRID), np.linspace(y0, y1, self.GRID))
        self.grid = np.column_stack([g1.ravel(), g2.ravel()])  # (GRID**2, 2), rows in image order
        colours = ListedColormap([(0.0, 0.0, 0.0, 0.0), to_rgba(CLASS_COLORS[1], 0.15)])
        region = ax.imshow(np.zeros((self.GRID, self.GRID)), origin="lower", extent=self.box, cmap=colours,
                           vmin=0.0, vmax=1.0, interpolation="bilinear", zorder=self.shade.get_zorder(),
                           visible=False)
        ax.set_xlim(x0, x1)
        ax.set_ylim(y0, y1)
        (marks,) = ax.plot([], [], ls="", marker="o", ms=10, mew=1.4, mfc="none", color=PALETTE["black"], zorder=7,
                           label="_differs", visible=False)  # rings: the point's class stays visible
        return region, marks

    def update(self, w: Sequence[float], b: float) -> dict[str, Any]:
        """Move the line, the shading, the arrow and the texts to weights w (2,) and bias b."""
        from ..neuron import neuron

        w = np.asarray(w, dtype=np.float64)
        b = float(b)
        X, y, box = self.X, self.y, self.box
        if self.neuron is None:
            pred = neuron(X, w, b, activation="step").astype(np.int64)
        else:
            pred = self._yours_classes(w, b)
        acc = float(np.mean(pred == y))
        poly, seg = _clip_halfplane(w, b, box)
        shaded = len(poly) >= 3 and not self.region.get_visible()  # else the learner's region is drawn
        self.shade.set_xy(poly if shaded else np.full((3, 2), np.nan))
        intercept = -b / w[1] if w[1] != 0 else None
        slope = -w[0] / w[1] if w[1] != 0 else None
        if self.boundary_line is not None and w[1] != 0:
            slope, intercept, seg = self._yours_line(w, b, seg, slope, intercept)
        else:
            self.beside.hide()
        self.line.set_data(seg[:, 0], seg[:, 1])
        on_axis = intercept is not None and box[2] <= intercept <= box[3]
        self.cross.set_data([0.0] if on_axis else [], [intercept] if on_axis else [])
        norm = float(np.hypot(*w))
        foot = -b * w / norm ** 2 if norm > 0 else None
        self.to_line.set_data(*(np.array([[0.0, 0.0], foot]).T if foot is not None else ([], [])))
        placed = _normal_arrow(w, b, box, seg)
        self.arrow.set_visible(placed is not None)
        self.arrow_txt.set_visible(placed is not None)
        arrow = None
        if placed is not None:
            start, scale = placed
            arrow = (start, start + scale * w)
            self.arrow.set_positions(tuple(arrow[0]), tuple(arrow[1]))
            along = np.array([-w[1], w[0]]) / norm  # the line's direction: beside the shaft,
            centre = np.array([box[0] + box[1], box[2] + box[3]]) / 2
            along *= 1.0 if along @ (centre - arrow[0]) >= 0 else -1.0  # on the side toward the middle
            self.arrow_txt.set_position(tuple(arrow[0] + 0.6 * (arrow[1] - arrow[0]) + 0.3 * along))
            self.arrow_txt.set_text("w" if scale == 1 else f"w/{round(1 / scale)}")
        if w[1] != 0:
            eq = f"line: x2 = {number(slope)}·x1 {signed(intercept)}"
        elif w[0] != 0:
            eq = f"line: x1 = {number(-b / w[0])} (vertical)"
        else:
            eq = "w = 0: no line, z = b everywhere"
        info = f"z = {number(w[0])}·x1 {signed(w[1])}·x2 {signed(b)}\n{eq}\n"
        if norm > 0:
            info += f"‖w‖ = {number(norm)}\norigin: b/‖w‖ = {number(b / norm)}\n  {_origin_side(b, norm)}\n"
        info += f"accuracy: {acc:.0%}"
        self.info.set_text(info)
        return dict(accuracy=acc, predictions=pred, line=(seg[:, 0].copy(), seg[:, 1].copy()),
                    intercept=intercept, slope=slope, norm=norm,
                    origin_distance=b / norm if norm > 0 else None, foot=foot, arrow=arrow,
                    arrow_scale=placed[1] if placed is not None else None,
                    distances=(X @ w + b) / norm if norm > 0 else None, info=info)


    def _yours_classes(self, w: np.ndarray, b: float) -> np.ndarray:
        """The learner's neuron on the points and the grid (one call): the points' classes
        (m,) by its z > 0; where its classes part from the package's, its region is drawn
        (the package's shading hidden) and the points classified otherwise are ringed."""
        m = len(self.X)
        P = np.vstack([self.X, self.grid])
        z = np.asarray(self.neuron(P, w, b), dtype=np.float64).reshape(-1)
        yours, package = z > 0, P @ w + b > 0
        differ = bool(np.any(yours != package))
        self.region.set_visible(differ)
        self.class_marks.set_visible(differ)
        if differ:
            self.region.set_data(yours[m:].reshape(self.GRID, self.GRID).astype(np.float64))
            apart = yours[:m] != package[:m]
            self.class_marks.set_data(self.X[apart, 0], self.X[apart, 1])
        return yours[:m].astype(np.int64)

    def _yours_line(self, w: np.ndarray, b: float, seg: np.ndarray, slope: float, intercept: float):
        """The learner's (slope, intercept) for (w, b) and the segment to draw: the package's
        `seg` while they agree, else the learner's line in the box, with the package's faint."""
        got = np.asarray(self.boundary_line(w, b), dtype=np.float64).reshape(-1)
        if not differing(got, [slope, intercept]).any():
            self.beside.hide()
            return float(got[0]), float(got[1]), seg
        mine = (_clip_halfplane(np.array([got[0], -1.0]), float(got[1]), self.box)[1]
                if np.all(np.isfinite(got)) else np.empty((0, 2)))
        self.beside.faint.set_data(seg[:, 0], seg[:, 1])
        along = mine[0] + np.linspace(0.1, 0.9, 5)[:, None] * (mine[1] - mine[0]) if len(mine) == 2 else mine
        self.beside.marks.set_data(along[:, 0], along[:, 1])
        self.beside.faint.set_visible(True)
        self.beside.marks.set_visible(True)
        return float(got[0]), float(got[1]), mine


def decision_line(X: np.ndarray, y: np.ndarray, w: Sequence[float], b: float = 0.0,
                  box: tuple[float, float, float, float] = (-1.0, 5.0, -1.0, 5.0),
                  title: str | None = None) -> Figure:
    """A neuron's decision line over labelled 2-D points (see `DecisionLine`).

    X: (m, 2) points; y: (m,) labels in {0, 1}; w: (2,) weights; b: the bias; box: the
    drawn region (x1min, x1max, x2min, x2max). The neuron says class 1 where
    w . x + b > 0 (shaded).
    """
    w = np.asarray(w, dtype=np.float64)
    return DecisionLine(X, y, w, float(b), box, dpi=100,
                        title=title or f"w = ({w[0]:g}, {w[1]:g}),  b = {float(b):g}").fig


def boundary_geometry(w: Sequence[float] = (1.0, 2.0), b: float = -4.0,
                      points: Sequence[Sequence[float]] = ((3.0, 3.0), (2.5, -0.5)),
                      box: tuple[float, float, float, float] = (-1.5, 4.5, -1.5, 4.0)) -> Figure:
    """The geometry of one neuron's line w . x + b = 0: w is normal to it and points to the
    side where z > 0; a point x lies at the signed distance (w . x + b) / ||w|| from it
    (positive on w's side), and the origin at b / ||w||.

    w: (2,) weights (not both 0); b: the bias; points: a few (x1, x2) points to measure;
    box: the drawn region (x1min, x1max, x2min, x2max).
    """
    w = np.asarray(w, dtype=np.float64)
    pts = np.asarray(points, dtype=np.float64).reshape(-1, 2)
    norm = float(np.hypot(*w)) if w.shape == (2,) else 0.0
    if norm == 0.0:
        raise ValueError(f"w must be 2 weights, not both zero (a zero w draws no line); got {w.tolist()}")
    b = float(b)
    fig = new_figure(5.6, 5.6, dpi=100)
    ax = fig.add_subplot()
    style_axes(ax, "w is normal to the line; z / ‖w‖ is a signed distance", "input x1", "input x2")
    ax.set_xlim(box[0], box[1])
    ax.set_ylim(box[2], box[3])
    ax.set_aspect("equal")
    ax.axhline(0, color=PALETTE["grey"], lw=0.8)
    ax.axvline(0, color=PALETTE["grey"], lw=0.8)
    poly, seg = _clip_halfplane(w, b, box)
    if len(poly) >= 3:
        ax.add_patch(Polygon(poly, closed=True, fc=CLASS_COLORS[1], alpha=0.15, ec="none",
                             label="z = w·x + b > 0 (class 1)"))
    ax.plot(seg[:, 0], seg[:, 1], color=PALETTE["black"], lw=2.2, label="the line z = 0", zorder=4)
    along = np.array([-w[1], w[0]]) / norm  # the line's direction
    foot = -b * w / norm ** 2
    ax.plot([0, foot[0]], [0, foot[1]], color=PALETTE["green"], lw=2, ls=":", zorder=4,
            label="origin → line")
    left = along if along[0] < 0 else -along  # label the origin's distance on its left
    ax.text(*(foot / 2 + 0.15 * left), f"b/‖w‖ = {number(b / norm)}", color=PALETTE["green"], fontsize=9,
            ha="right", va="center", zorder=6)
    placed = _normal_arrow(w, b, box, seg)
    if placed is not None:
        start, scale = placed
        ax.add_patch(FancyArrowPatch(tuple(start), tuple(start + scale * w), arrowstyle="-|>",
                                     mutation_scale=16, lw=2.2, color=PALETTE["purple"], zorder=5))
        ax.text(*(start + 0.6 * scale * w + 0.25 * along), "w" if scale == 1 else f"w/{round(1 / scale)}",
                color=PALETTE["purple"], fontsize=12, fontweight="bold", ha="center", va="center")
    for p in pts:
        d = float(p @ w + b) / norm
        q = p - d * w / norm  # the point's foot on the line
        ax.plot([p[0], q[0]], [p[1], q[1]], color=PALETTE["black"], lw=1.2, ls="--", zorder=4)
        ax.plot([p[0]], [p[1]], "o", color=PALETTE["black"], ms=7, zorder=6)
        up = d * w[1] >= 0  # the dashed segment runs down from the point: label it above, else below
        label = f"x = ({p[0]:g}, {p[1]:g})\nd = {signed(d).replace(' ', '')}".replace("-", "−")
        ax.text(p[0] + 0.1, p[1] + (0.1 if up else -0.1), label, fontsize=9, ha="left",
                va="bottom" if up else "top", zorder=6,
                bbox=dict(boxstyle="round,pad=0.2", fc="white", ec="none", alpha=0.85))
    ax.plot([0], [0], "P", color=PALETTE["black"], ms=8, label="origin", zorder=6)
    ax.plot([], [], color=PALETTE["black"], lw=1.2, ls="--", label="x → line: d = (w·x + b)/‖w‖")
    fig.legend(loc="outside lower center", ncols=2, fontsize=8)
    return fig


def _check_points(X, y, w):
    X = np.asarray(X, dtype=np.float64)
    y = np.asarray(y)
    w = np.asarray(w, dtype=np.float64)
    if X.ndim != 2 or X.shape[1] != 2 or y.shape != (len(X),):
        raise ValueError(f"X must be (m, 2) points and y (m,) labels; got {X.shape} and {y.shape}")
    if w.shape != (2,):
        raise ValueError(f"w must hold 2 weights (w1, w2), got shape {w.shape}")
    return X, y, w


def bias_free_search(X: np.ndarray, y: np.ndarray, w: Sequence[float], b: float,
                     n_angles: int = 720) -> Figure:
    """Why some data needs a bias: the best any line through the origin can do.

    Left: the accuracy of the neuron step(w . x) (no bias) for every direction of w
    (angle 0-360 degrees, `n_angles` of them), against the accuracy of the given
    neuron step(w . x + b). Right: the points, the best bias-free line, and the given line.
    X: (m, 2); y: (m,) in {0, 1}; w: (2,); b: a float.
    """
    from ..neuron import neuron

    X, y, w = _check_points(X, y, w)
    angles = np.linspace(0.0, 360.0, n_angles, endpoint=False)
    dirs = np.stack([np.cos(np.radians(angles)), np.sin(np.radians(angles))], axis=1)
    accs = np.array([np.mean(neuron(X, d, 0.0, activation="step") == y) for d in dirs])
    best = int(np.argmax(accs))
    acc_b = float(np.mean(neuron(X, w, float(b), activation="step") == y))
    fig = new_figure(9.6, 3.9, dpi=100)
    ax_a, ax_p = fig.subplots(1, 2, width_ratios=[1.25, 1.0])
    style_axes(ax_a, "every line through the origin (no bias)", "direction of w (degrees)", "accuracy")
    ax_a.plot(angles, accs, color=PALETTE["vermillion"], lw=2, label="no bias: step(w·x)")
    ax_a.axhline(acc_b, color=PALETTE["green"], lw=2, ls="--",
                 label=f"with bias b = {float(b):g}: {acc_b:.0%}")
    ax_a.plot([angles[best]], [accs[best]], "o", color=PALETTE["vermillion"], mec=PALETTE["black"], ms=8,
              label=f"best without bias: {accs[best]:.0%}")
    ax_a.set_xlim(0, 360)
    ax_a.set_xticks(range(0, 361, 90))
    ax_a.set_ylim(0, 1.05)
    ax_a.legend(loc="lower center", fontsize=8)
    style_axes(ax_p, "best line without a bias vs one with", "input x1", "input x2")
    box = (-1.0, 5.0, -1.0, 5.0)
    for k, m in ((0, "o"), (1, "^")):
        pts = X[y == k]
        ax_p.scatter(pts[:, 0], pts[:, 1], s=16, c=CLASS_COLORS[k], marker=m, edgecolors="white",
                     linewidths=0.4, label=f"class {k}", zorder=3)
    _, seg0 = _clip_halfplane(dirs[best], 0.0, box)
    _, seg1 = _clip_halfplane(w, float(b), box)
    ax_p.plot(seg0[:, 0], seg0[:, 1], color=PALETTE["vermillion"], lw=2, label="best, no bias")
    ax_p.plot(seg1[:, 0], seg1[:, 1], color=PALETTE["green"], lw=2, ls="--", label=f"with bias b = {float(b):g}")
    ax_p.plot([0], [0], "P", color=PALETTE["black"], ms=8, label="origin")
    ax_p.set_xlim(box[0], box[1])
    ax_p.set_ylim(box[2], box[3])
    ax_p.set_aspect("equal")
    ax_p.legend(loc="upper center", bbox_to_anchor=(0.5, -0.14), ncols=3, fontsize=8)
    return fig


def bias_shift(w: float = 2.0, biases: Sequence[float] = (-4.0, -2.0, 0.0, 2.0, 4.0),
               xlim: tuple[float, float] = (-5.0, 5.0)) -> Figure:
    """The bias slides a neuron's response along the input axis: sigmoid(w*x + b) for
    one weight w and several biases; each curve crosses 0.5 at its threshold x = -b / w.
    The curves go from black (the first bias) to light grey (the last): the colour follows b."""
    if w == 0:
        raise ValueError("w = 0 makes every curve flat; give a non-zero weight")
    xs = np.linspace(xlim[0], xlim[1], 301)
    fig = new_figure(6.4, 3.6, dpi=100)
    ax = fig.add_subplot()
    style_axes(ax, f"same weight w = {w:g}, different biases b", "input x", "output σ(w·x + b)")
    ax.axhline(0.5, color=PALETTE["grey"], lw=0.8, ls=":")
    ax.axvline(0, color=PALETTE["grey"], lw=0.8)
    greys = np.linspace(0.0, 0.62, len(biases))  # black (first bias) to light grey (last)
    for b, g in zip(biases, greys):
        c = (g, g, g)
        ax.plot(xs, sigmoid(w * xs + b), color=c, lw=2, label=f"b = {b:g}")
        ax.plot([-b / w], [0.5], "o", color=c, ms=6)
    ax.set_xlim(*xlim)
    ax.legend(title="dots: threshold x = −b/w", fontsize=8, title_fontsize=8, loc="lower right")
    return fig



# --------------------------------------------------------------------------- 03: activations
_YLIMS = {"sigmoid": (-0.15, 1.15), "tanh": (-1.2, 1.2), "step": (-0.15, 1.15),
          "relu": (-2.5, 8.0), "leaky_relu": (-2.5, 8.0), "identity": (-8.0, 8.0)}


def activation_curves(names: Sequence[str] = ("step", "sigmoid", "tanh", "relu", "leaky_relu", "identity"),
                      zlim: float = 5.0) -> Figure:
    """Each activation f(z) (solid blue) and its derivative f'(z) (dashed orange), one panel
    per name. Where both are equal (the step and ReLU for z < 0) the derivative is drawn
    thinner on top of f, so both show.

    names: keys of `ACTIVATION_CHOICES`; zlim: z is drawn over [-zlim, zlim].
    The step's derivative is 0 everywhere except at 0, where it does not exist; its value
    at 0 is step(0) = 0 (filled dot), the jump to 1 starts just after (open dot).
    """
    names = list(names)
    for n in names:
        _activation(n)
    cols = min(3, len(names))
    rows = int(np.ceil(len(names) / cols))
    fig = new_figure(3.1 * cols, 2.6 * rows + 0.3, dpi=100)
    axes = np.atleast_1d(fig.subplots(rows, cols, squeeze=False)).ravel()
    z = np.linspace(-zlim, zlim, 401)
    for ax, name in zip(axes, names):
        label, f, df = _activation(name)
        style_axes(ax, label, "z", "f(z), f′(z)" if ax in axes[::cols] else "")
        ax.axhline(0, color=PALETTE["grey"], lw=0.8)
        ax.axvline(0, color=PALETTE["grey"], lw=0.8)
        fz, dz = f(z), df(z)
        if name == "step":  # draw the jump as a jump, not as a steep line
            fz = np.where(np.isclose(z, 0.0), np.nan, fz)
        ax.plot(z, fz, color=PALETTE["blue"], lw=3.2, label="f(z)", zorder=2)
        ax.plot(z, dz, color=PALETTE["orange"], lw=1.6, ls="--", label="f′(z)", zorder=3)
        if name == "step":
            ax.plot([0.0], [0.0], "o", color=PALETTE["blue"], ms=6, zorder=4)
            ax.plot([0.0], [1.0], "o", mfc="white", mec=PALETTE["blue"], mew=1.5, ms=6, zorder=4)
        lo = min(np.nanmin(fz), np.nanmin(dz), 0.0)
        hi = max(np.nanmax(fz), np.nanmax(dz))
        pad = 0.12 * (hi - lo)
        ax.set_ylim(lo - pad, hi + pad)
        ax.set_xlim(-zlim, zlim)
    for ax in axes[len(names):]:
        ax.axis("off")
    axes[0].legend(loc="upper left", fontsize=8)
    fig.suptitle("activation functions f (solid) and their derivatives f′ (dashed)")
    return fig


def saturation(zlim: float = 10.0, threshold: float = 0.01) -> Figure:
    """Where sigmoid (left) and tanh (right) saturate: each function (solid blue) and its
    derivative (dashed orange) against z, with the regions where the derivative is below
    `threshold` shaded (there a gradient barely moves the weights)."""
    z = np.linspace(-zlim, zlim, 801)
    fig = new_figure(8.4, 3.4, dpi=100)
    axes = fig.subplots(1, 2)
    for ax, (name, f, df, peak, lim) in zip(axes, (
            ("σ", sigmoid, sigmoid_grad, "at most 0.25", (-0.1, 1.1)),
            ("tanh", tanh, tanh_grad, "at most 1", (-1.1, 1.1)))):
        style_axes(ax, f"{name}: flat for large |z|", "z = w·x + b", "value" if ax is axes[0] else "")
        ax.axhline(0, color=PALETTE["grey"], lw=0.8)
        ax.plot(z, f(z), color=PALETTE["blue"], lw=2, label=f"{name}(z)")
        ax.plot(z, df(z), color=PALETTE["orange"], lw=2, ls="--", label=f"{name}′(z)  ({peak})")
        ax.fill_between(z, *lim, where=df(z) < threshold, color=PALETTE["grey"], alpha=0.25, lw=0,
                        label=f"{name}′(z) < {threshold:g}: saturated")
        ax.set_xlim(-zlim, zlim)
        ax.set_ylim(*lim)
        ax.legend(loc="upper left" if name == "σ" else "lower right", fontsize=8)  # off the curves
    fig.suptitle("saturation: large |z| makes the slope vanish")
    return fig


def softmax_bars(z: Sequence[float], labels: Sequence[str] | None = None) -> Figure:
    """Softmax turns scores into probabilities: the scores z (k,) and 2z (left), and
    softmax(z), softmax(2z) (right): scaled scores give a sharper distribution.
    One colour per set of scores in both panels (green z, purple 2z)."""
    z = np.asarray(z, dtype=np.float64)
    if z.ndim != 1:
        raise ValueError(f"z must be one vector of scores (k,), got shape {z.shape}")
    k = len(z)
    labels = list(labels) if labels is not None else [f"class {i}" for i in range(k)]
    fig = new_figure(8.4, 3.2, dpi=100)
    ax_z, ax_p = fig.subplots(1, 2)
    pos = np.arange(k)
    wdt = 0.38
    colours = {"z": PALETTE["green"], "2z": PALETTE["purple"]}
    for key, scores, shift in (("z", z, -wdt / 2), ("2z", 2 * z, wdt / 2)):
        ax_z.bar(pos + shift, scores, wdt, color=colours[key], label=key)
    ax_z.axhline(0, color=PALETTE["black"], lw=0.8)
    style_axes(ax_z, "scores (logits) z, and the same scores doubled", "", "score")
    ax_z.set_xticks(pos, labels)
    ax_z.legend(fontsize=8, loc="upper right")
    for key, scores, shift, note in (("z", z, -wdt / 2, ""), ("2z", 2 * z, wdt / 2, ": sharper")):
        p = softmax(scores)
        bars = ax_p.bar(pos + shift, p, wdt, color=colours[key], label=f"softmax({key}){note}")
        for bar, v in zip(bars, p):
            ax_p.text(bar.get_x() + bar.get_width() / 2, v + 0.02, f"{v:.2f}", ha="center", fontsize=8)
    style_axes(ax_p, "probabilities: positive, sum to 1", "", "probability")
    ax_p.set_xticks(pos, labels)
    ax_p.set_ylim(0, 1.1)
    ax_p.legend(fontsize=8, loc="upper right")
    return fig


def stacked_linear_layers(hidden: int = 8, n_nets: int = 3, seed: int = 0) -> Figure:
    """Why networks need activations: random 1 -> hidden -> hidden -> 1 networks drawn as
    functions of their input x. Without an activation (left) every one is a straight line;
    with ReLU between the layers (right) they bend. (Blues and black: in lesson 03 orange
    means a derivative.)"""
    from ..layers import dense_forward

    rng = np.random.default_rng(seed)
    x = np.linspace(-3, 3, 301)[:, None]
    fig = new_figure(8.4, 3.3, dpi=100)
    ax_lin, ax_relu = fig.subplots(1, 2)
    style_axes(ax_lin, "3 linear layers, no activation", "input x", "network output")
    style_axes(ax_relu, "the same layers with ReLU between them", "input x", "network output")
    sizes = [1, hidden, hidden, 1]
    for k in range(n_nets):
        Ws = [rng.normal(0, np.sqrt(2.0 / a), size=(a, b_)) for a, b_ in zip(sizes[:-1], sizes[1:])]
        bs = [rng.normal(0, 1.0, size=b_) for b_ in sizes[1:]]
        for ax, act in ((ax_lin, identity), (ax_relu, relu)):
            h = x
            for i, (W, b) in enumerate(zip(Ws, bs)):
                h, _ = dense_forward(h, W, b)
                if i < len(Ws) - 1:
                    h = act(h)
            ax.plot(x[:, 0], h[:, 0], lw=2, color=NETWORK_COLORS[k % len(NETWORK_COLORS)],
                    label=f"network {k + 1}")
    ax_lin.legend(fontsize=8)
    return fig


NETWORK_COLORS = [PALETTE[k] for k in ("blue", "sky", "black")]


_SLOPE_LIMITS = (0.1, 0.2, 0.3, 0.5, 0.8, 1.2, 2.0, 3.4)
"""The slope panel's y-ranges (+-): a few fixed levels, so the axis stays put while w is
dragged within a level (and the curve visibly grows) and changes only between levels."""


def _slope_limit(name: str, w: float) -> float:
    """The slope panel's range for activation `name` and weight w: the smallest level
    that holds the steepest slope |w| * max|f'| with a margin."""
    _, _, df = _activation(name)
    peak = abs(w) * float(np.max(np.abs(df(np.linspace(-20.0, 20.0, 4001)))))
    return next((lim for lim in _SLOPE_LIMITS if peak <= 0.9 * lim), 1.1 * peak)


class ActivationTangent(LiveFigure):
    """An activation applied to a neuron, f(w*x + b), with its tangent line at x0 (top) and
    its slope d/dx f(w*x + b) = w * f'(w*x + b) (bottom), whose range follows the
    activation and |w| (the sigmoid's slope, at most w/4, is not a flat line).

    activation: a key of `ACTIVATION_CHOICES`; xlim: the inputs drawn; readout: draw the
    numbers (``info``) in the plot (a widget may show them as HTML instead: text is the
    slowest thing to redraw).
    ``update(activation, w, b, x0)`` returns ``z0``, ``f0``, ``fprime0`` (f'(z0)), ``slope0``
    (w * f'(z0)), ``f_curve``, ``slope_curve``, ``tangent`` ((xs, ys) pairs) and ``info``."""

    POINTS = 401  # inputs drawn across the x-range

    def __init__(self, activation: str = "sigmoid", w: float = 1.0, b: float = 0.0, x0: float = 1.0,
                 xlim: tuple[float, float] = (-5.0, 5.0), dpi: int = 80, readout: bool = True,
                 functions: dict[str, tuple[Callable, Callable]] | None = None):
        _activation(activation)
        self.functions = dict(functions or {})  # activation -> (f, f'): a learner's, drawn beside ours
        self.xlim = xlim
        self.xs = np.linspace(xlim[0], xlim[1], self.POINTS)
        self.fig = new_figure(6.4, 4.6, dpi=dpi)
        self.ax_f, self.ax_d = self.fig.subplots(2, 1, sharex=True, height_ratios=[1.5, 1.0])
        style_axes(self.ax_f, "", "", "f(w·x + b)")
        style_axes(self.ax_d, "its slope  d/dx f(w·x + b) = w·f′(w·x + b)", "input x", "")
        # fixed, so tick labels of another activation (−1.0, 8) never clip it; the slope's label is
        # plain static text (its axis is redrawn with each frame, so the fewer texts there the better)
        self.ax_f.yaxis.set_label_coords(-0.1, 0.5)
        self.ax_d.text(-0.1, 0.5, "slope", transform=self.ax_d.transAxes, rotation=90, ha="center",
                       va="center", fontsize=self.ax_f.yaxis.label.get_fontsize())
        self.ax_d.yaxis.set_major_locator(MaxNLocator(nbins=4, symmetric=True))
        zero_lines = [ax.axhline(0, color=PALETTE["grey"], lw=0.8) for ax in (self.ax_f, self.ax_d)]
        zero_lines += [ax.axvline(0, color=PALETTE["grey"], lw=0.8) for ax in (self.ax_f, self.ax_d)]
        self.ax_f.set_xlim(*xlim)
        self.slope_limit = None  # the slope panel's y-range +-slope_limit, set by update
        (self.f_line,) = self.ax_f.plot(self.xs, self.xs, color=PALETTE["blue"], lw=2.8, label="f(w·x + b)")
        (self.tan_line,) = self.ax_f.plot([], [], color=PALETTE["vermillion"], lw=1.5, ls="--",
                                          label="tangent at x₀")
        (self.f_pt,) = self.ax_f.plot([], [], "o", color=PALETTE["vermillion"], ms=7)
        (self.d_line,) = self.ax_d.plot(self.xs, self.xs, color=PALETTE["orange"], lw=2, label="slope")
        (self.d_pt,) = self.ax_d.plot([], [], "o", color=PALETTE["vermillion"], ms=7, label="slope at x₀")
        legend = self.ax_f.legend(loc="upper left", fontsize=8)
        self.beside_f, self.beside_d = Beside(self.ax_f, self.f_line), Beside(self.ax_d, self.d_line)
        self.info = self.ax_f.text(0.98, 0.04, "", transform=self.ax_f.transAxes, ha="right", va="bottom",
                                   fontsize=9, bbox=dict(boxstyle="round", fc="white", ec=PALETTE["grey"], alpha=0.9),
                                   visible=readout)
        # the slope panel's y-axis (ticks, labels, grid), its zero lines and its frame (drawn over
        # the grid) change with its range: redrawn with the curves, so a new range needs no full render
        # (listed in drawing order: under the curves, as in a full render)
        self.animated = [self.ax_d.yaxis, zero_lines[1], zero_lines[3], self.f_line, self.tan_line, self.f_pt,
                         self.d_line, self.d_pt, legend, self.info, *self.ax_d.spines.values(),
                         *self.beside_f.artists, *self.beside_d.artists]
        self.name = None
        self.update(activation=activation, w=w, b=b, x0=x0)
        self.background_stale = False  # nothing rendered yet

    def _set_activation(self, name: str) -> None:
        """Switch to activation `name`: the title and the y-range change (static parts)."""
        label, _, _ = _activation(name)
        self.name = name
        self.ax_f.set_title(f"{label}:  f(w·x + b) and its tangent at x₀")
        self.ax_f.set_ylim(*_YLIMS[name])
        self.background_stale = True

    def update(self, activation: str, w: float, b: float, x0: float, points: int | None = None) -> dict[str, Any]:
        """Move the curves, the tangent and the texts to (activation, w, b, x0); `points`:
        how many inputs to draw (fewer for a slow learner's function; default `POINTS`)."""
        if activation != self.name:
            self._set_activation(activation)
        _, f_ref, df_ref = _activation(self.name)
        f, df = self.functions.get(self.name, (f_ref, df_ref))
        n = points or self.POINTS
        xs = self.xs if n == self.POINTS else np.linspace(self.xlim[0], self.xlim[1], n)
        z0 = w * x0 + b
        zs = np.append(w * xs + b, z0)  # the curve's inputs and the tangent point: one call each
        fz, dfz = np.asarray(f(zs), dtype=float), np.asarray(df(zs), dtype=float)
        fx, slope = fz[:-1], w * dfz[:-1]
        if (f, df) != (f_ref, df_ref):  # a learner's: the package's beside it where they part
            self.beside_f.show(xs, fx, f_ref(zs)[:-1])
            self.beside_d.show(xs, slope, w * df_ref(zs)[:-1])
        if self.name == "step":
            jump = np.flatnonzero(np.diff(fx) != 0)
            fx = fx.copy()
            fx[jump] = np.nan  # no vertical segment at the jump
        f0 = float(fz[-1])
        d0 = float(dfz[-1])
        s0 = w * d0
        span = np.array([xs[0], xs[-1]])
        self.f_line.set_data(xs, fx)
        self.tan_line.set_data(span, f0 + s0 * (span - x0))
        self.f_pt.set_data([x0], [f0])
        self.d_line.set_data(xs, slope)
        self.d_pt.set_data([x0], [s0])
        limit = _slope_limit(self.name, w)
        if (f, df) != (f_ref, df_ref):  # a learner's slope may be steeper: keep it in view (up to 50)
            steepest = float(np.nanmax(np.abs(slope[np.isfinite(slope)]), initial=0.0))
            if steepest > 0.9 * limit:
                limit = next((lim for lim in _SLOPE_LIMITS if steepest <= 0.9 * lim), min(1.1 * steepest, 50.0))
        if limit != self.slope_limit:  # a new range: only when |w| crosses a level
            self.slope_limit = limit
            self.ax_d.set_ylim(-limit, limit)
        info = (f"z₀ = w·x₀ + b = {number(z0)}\nf(z₀) = {number(f0, 3)},  f′(z₀) = {number(d0, 3)}\n"
                f"slope at x₀ = w·f′(z₀) = {number(s0, 3)}")
        self.info.set_text(info)
        return dict(z0=z0, f0=f0, fprime0=d0, slope0=s0, f_curve=(xs, fz[:-1]), slope_curve=(xs, slope),
                    tangent=(span, f0 + s0 * (span - x0)), info=info)


def activation_tangent(name: str = "sigmoid", w: float = 1.0, b: float = 0.0, x: float = 1.0) -> Figure:
    """An activation applied to a neuron, f(w*x + b), with its tangent line at input x (top)
    and its slope w * f'(w*x + b) (bottom) (see `ActivationTangent`).
    name: a key of `ACTIVATION_CHOICES`."""
    return ActivationTangent(name, float(w), float(b), float(x), dpi=100).fig
