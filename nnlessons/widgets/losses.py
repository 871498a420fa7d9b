"""Lesson 05's widget: fit a line with w and b sliders; the residuals, the MSE, and the
current (w, b) as a point on the MSE's contour plot."""
from __future__ import annotations

import ipywidgets as W
import numpy as np
from matplotlib.collections import LineCollection

from ..data import make_line
from ..losses import mse
from ..plots.networks import loss_contour, mse_grid
from ..plots.style import PALETTE, new_figure, style_axes
from .base import App, LiveFigureView

__all__ = ["line_fit_app", "BENCH"]

W_RANGE = (-1.0, 5.0)
B_RANGE = (-2.0, 4.0)


def line_fit_app(w: float = 0.5, b: float = -1.0, n: int = 30, seed: int = 0) -> App:
    """Fit y ~ w * x + b to `nnlessons.data.make_line` points by hand.

    w, b: where the sliders start. n, seed: the data (x uniform in [-3, 3], best line
    near w = 2, b = 1).

    Controls: sliders ``w`` and ``b``. State: ``w``, ``b``, ``mse`` (float),
    ``line`` (xs, ys) of the drawn line, ``residuals`` (n,) = prediction - y,
    ``text`` (the MSE as shown), ``marker`` the (w, b) marked on the contours, ``png``.
    """
    x, y = make_line(n=n, seed=seed)
    xs = np.array([-3.3, 3.3])

    fig = new_figure(8.6, 3.6, dpi=80)
    ax_d, ax_l = fig.subplots(1, 2, width_ratios=[1.0, 1.05])
    style_axes(ax_d, "The data and your line", "$x$", "$y$")
    resid = LineCollection([], colors=PALETTE["vermillion"], linewidths=1.2, label="residuals", zorder=2)
    ax_d.add_collection(resid)
    ax_d.scatter(x, y, s=22, color=PALETTE["blue"], edgecolors=PALETTE["black"], linewidths=0.5,
                 label="data", zorder=3)
    (line,) = ax_d.plot(xs, w * xs + b, color=PALETTE["orange"], lw=2.5, label=r"$\hat y = wx + b$", zorder=4)
    ax_d.set_xlim(-3.4, 3.4)
    ax_d.set_ylim(min(y.min(), -8.0) - 0.5, max(y.max(), 8.0) + 0.5)
    ax_d.legend(loc="upper left", fontsize=8, framealpha=0.9)
    text = ax_d.text(0.97, 0.04, "", transform=ax_d.transAxes, ha="right", va="bottom", fontsize=11,
                     bbox=dict(boxstyle="round", fc="white", ec=PALETTE["grey"]), zorder=5)

    Wg, Bg, L = mse_grid(x, y, W_RANGE, B_RANGE, n=81)
    loss_contour(Wg, Bg, L, ax=ax_l, title="MSE(w, b): you are the white dot")
    (marker,) = ax_l.plot([w], [b], "o", ms=10, color="white", mec=PALETTE["black"], mew=1.5,
                          label="your (w, b)", zorder=5)
    ax_l.legend(loc="upper left", fontsize=8, framealpha=0.9)
    view = LiveFigureView(fig, [resid, line, text, marker, ax_l.get_legend()])

    sliders = {
        "w": W.FloatSlider(value=w, min=W_RANGE[0], max=W_RANGE[1], step=0.05, description="weight w",
                           continuous_update=True, readout_format=".2f"),
        "b": W.FloatSlider(value=b, min=B_RANGE[0], max=B_RANGE[1], step=0.05, description="bias b",
                           continuous_update=True, readout_format=".2f"),
    }
    readout = W.HTML()
    state: dict = {}

    def update(_=None):
        wv, bv = float(sliders["w"].value), float(sliders["b"].value)
        pred = wv * x + bv
        loss = mse(pred, y)
        line.set_ydata(wv * xs + bv)
        resid.set_segments(np.stack([np.column_stack([x, y]), np.column_stack([x, pred])], axis=1))
        shown = f"MSE = {loss:.3f}"
        text.set_text(shown)
        marker.set_data([wv], [bv])
        view.redraw()
        readout.value = f"<b>{shown}</b> &nbsp; (the mean of the squared vermillion residuals)"
        state.update(w=wv, b=bv, mse=loss, line=(xs.copy(), wv * xs + bv), residuals=pred - y,
                     text=shown, marker=(wv, bv), png=view.png)

    for s in sliders.values():
        s.observe(update, names="value")
    update()
    widget = W.VBox([W.HBox([sliders["w"], sliders["b"]]), readout, view.image])
    return App(widget, dict(sliders), state, {"figure": view})


BENCH = [("line_fit_app", "w", [1.0, 1.5, 2.0, 2.5, 3.0, 0.0])]
