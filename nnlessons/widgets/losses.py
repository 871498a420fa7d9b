"""Lesson 05's widget: fit a line with w and b sliders; the residuals, the MSE, and the
current (w, b) as a point on the MSE's contour plot (`nnlessons.plots.losses.LineFit`)."""
from __future__ import annotations

import ipywidgets as W

from ..data import make_line
from ..plots.losses import B_RANGE, W_RANGE, LineFit
from .base import App, LiveFigureView

__all__ = ["line_fit_app", "BENCH"]


def line_fit_app(w: float = 0.5, b: float = -1.0, n: int = 30, seed: int = 0) -> App:
    """Fit y ~ w * x + b to `nnlessons.data.make_line` points by hand.

    w, b: where the sliders start. n, seed: the data (x uniform in [-3, 3], best line
    near w = 2, b = 1).

    Controls: sliders ``w`` and ``b``. State: what `LineFit.update` returns (``w``, ``b``,
    ``mse``, ``line`` (xs, ys), ``residuals`` (n,) = prediction - y, ``text`` (the MSE as
    shown), ``marker`` the (w, b) marked on the contours) and ``png``.
    """
    x, y = make_line(n=n, seed=seed)
    view = LiveFigureView(LineFit(x, y, w, b))
    sliders = {
        "w": W.FloatSlider(value=w, min=W_RANGE[0], max=W_RANGE[1], step=0.05, description="weight w",
                           continuous_update=True, readout_format=".2f"),
        "b": W.FloatSlider(value=b, min=B_RANGE[0], max=B_RANGE[1], step=0.05, description="bias b",
                           continuous_update=True, readout_format=".2f"),
    }
    readout = W.HTML()
    app = App(None, dict(sliders), views={"figure": view})

    def update(_=None):
        app.state.update(view.show(w=float(sliders["w"].value), b=float(sliders["b"].value)), png=view.png)
        readout.value = f"<b>{app.state['text']}</b> &nbsp; (the mean of the squared vermillion residuals)"

    for s in sliders.values():
        s.observe(update, names="value")
    update()
    app.widget = W.VBox([W.HBox([sliders["w"], sliders["b"]]), readout, view.image])
    return app


BENCH = [("line_fit_app", "w", [1.0, 1.5, 2.0, 2.5, 3.0, 0.0])]
