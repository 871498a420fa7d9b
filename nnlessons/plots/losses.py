"""Figures for losses (lesson 05): the MSE of a line fit over (w, b) as contours and as a
bowl, fitting a line by hand (`LineFit`, a `LiveFigure`), and how MSE and cross-entropy
treat a classifier's probability and its gradient.
"""
from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Callable

import numpy as np
from matplotlib.axes import Axes
from matplotlib.collections import LineCollection
from matplotlib.figure import Figure

from ..activations import sigmoid, sigmoid_grad
from ..losses import binary_cross_entropy, binary_cross_entropy_grad, mse, mse_grad
from .beside import differing
from .live import LiveFigure
from .style import PALETTE, SEQUENTIAL_CMAP, new_figure, style_axes

__all__ = ["W_RANGE", "B_RANGE", "mse_grid", "loss_contour", "loss_landscape", "LineFit",
           "classification_losses", "confidently_wrong_gradients"]

W_RANGE = (-1.0, 5.0)
B_RANGE = (-2.0, 4.0)


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


def loss_contour(Wg: np.ndarray, Bg: np.ndarray, L: np.ndarray, ax: Axes | None = None, star: bool = True,
                 title: str = "The loss landscape: MSE(w, b)", levels: int = 14,
                 xlabel: str = "weight $w$", ylabel: str = "bias $b$", colorbar: bool = True) -> Figure:
    """Filled contours of a loss over a (w, b) grid (as `mse_grid` returns), log-spaced levels.

    Wg, Bg, L: arrays (n, n). With `star`, the grid's minimum is marked with a star (drawn
    above any path drawn later).
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
    if star:
        k = np.unravel_index(np.argmin(L), L.shape)
        ax.plot(Wg[k], Bg[k], marker="*", ms=13, color=PALETTE["yellow"], mec=PALETTE["black"], ls="none",
                label="minimum", zorder=6)
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


class LineFit(LiveFigure):
    """Fitting y ~ w x + b by hand: the data, the line and its residuals (left), and the
    MSE over (w, b) as contours with the current (w, b) as a white dot (right).

    x, y: the data (m,). ``update(w, b)`` moves the line, the residuals and the dot and
    returns ``w``, ``b``, ``mse``, ``line`` (xs, ys), ``residuals`` (m,) = prediction - y,
    ``text`` (the MSE as written on the figure), ``marker`` (w, b) and ``package_mse``.

    loss: a learner's ``mse(y_pred, y_true)`` (exercise 05), called once per update for the
    MSE shown; where it differs from the package's, the text says "your MSE = ... ✗" and
    the package's value is written faint above it. The contours stay the
    package's (computed once, in closed form).
    """

    def __init__(self, x: np.ndarray, y: np.ndarray, w: float = 0.5, b: float = -1.0, dpi: int = 80,
                 loss: Callable[[np.ndarray, np.ndarray], float] | None = None):
        self.x, self.y = np.asarray(x, dtype=np.float64), np.asarray(y, dtype=np.float64)
        self.loss = loss  # a learner's mse(y_pred, y_true), shown instead of the package's
        self.xs = np.array([-3.3, 3.3])
        self.fig = new_figure(8.6, 3.6, dpi=dpi)
        ax_d, ax_l = self.fig.subplots(1, 2, width_ratios=[1.0, 1.05])
        style_axes(ax_d, "The data and your line", "$x$", "$y$")
        self.resid = LineCollection([], colors=PALETTE["vermillion"], linewidths=1.2, label="residuals", zorder=2)
        ax_d.add_collection(self.resid)
        self.points = ax_d.scatter(self.x, self.y, s=22, color=PALETTE["blue"], edgecolors=PALETTE["black"], linewidths=0.5,
                     label="data", zorder=3)
        (self.line,) = ax_d.plot(self.xs, self.xs, color=PALETTE["orange"], lw=2.5, label=r"$\hat y = wx + b$",
                                 zorder=4)
        ax_d.set_xlim(-3.4, 3.4)
        ax_d.set_ylim(min(self.y.min(), -8.0) - 0.5, max(self.y.max(), 8.0) + 0.5)
        ax_d.legend(loc="upper left", fontsize=8, framealpha=0.9)
        self.text = ax_d.text(0.97, 0.04, "", transform=ax_d.transAxes, ha="right", va="bottom", fontsize=11,
                              bbox=dict(boxstyle="round", fc="white", ec=PALETTE["grey"]), zorder=5)
        # the package's MSE under the learner's when they differ (hidden while they agree)
        self.package_text = ax_d.text(0.97, 0.15, "", transform=ax_d.transAxes, ha="right", va="bottom",
                                      fontsize=9, color=PALETTE["black"], alpha=0.6, visible=False, zorder=5,
                                      bbox=dict(boxstyle="round", fc="white", ec=PALETTE["grey"], alpha=0.6))
        loss_contour(*mse_grid(self.x, self.y, W_RANGE, B_RANGE, n=81), ax=ax_l,
                     title="MSE(w, b): you are the white dot")
        (self.marker,) = ax_l.plot([w], [b], "o", ms=10, color="white", mec=PALETTE["black"], mew=1.5,
                                   label="your (w, b)", zorder=5)
        ax_l.legend(loc="upper left", fontsize=8, framealpha=0.9)
        star = next(line for line in ax_l.lines if line.get_label() == "minimum")
        # the points over their residuals, the star over the dot: drawn with what moves
        self.animated = [self.resid, self.points, self.line, self.text, self.package_text, self.marker, star,
                         ax_l.get_legend()]
        self.update(w, b)

    def update(self, w: float, b: float) -> dict[str, Any]:
        """Move the line, the residuals and the dot to (w, b)."""
        pred = w * self.x + b
        loss = expected = mse(pred, self.y)
        if self.loss is not None:
            loss = self.loss(pred, self.y)
        parted = bool(differing(loss, expected))
        self.package_text.set_visible(parted)
        self.package_text.set_text(f"the package's MSE = {expected:.3f}" if parted else "")
        self.line.set_ydata(w * self.xs + b)
        self.resid.set_segments(np.stack([np.column_stack([self.x, self.y]), np.column_stack([self.x, pred])],
                                         axis=1))
        shown = f"your MSE = {float(loss):.3f} ✗" if parted else f"MSE = {loss:.3f}"
        self.text.set_text(shown)
        self.marker.set_data([w], [b])
        return dict(w=w, b=b, mse=float(loss), package_mse=expected, line=(self.xs.copy(), w * self.xs + b), residuals=pred - self.y,
                    text=shown, marker=(w, b))


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
