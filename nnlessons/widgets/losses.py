"""Lesson 05's widget: fit a line with w and b sliders; the residuals, the MSE, and the
current (w, b) as a point on the MSE's contour plot (`nnlessons.plots.losses.LineFit`)."""
from __future__ import annotations

import ipywidgets as W

from .. import losses
from ..data import make_line
from ..plots.losses import B_RANGE, W_RANGE, LineFit
from .base import App, LiveFigureView
from .yours import YourCode

__all__ = ["line_fit_app", "BENCH", "YOURS"]


def line_fit_app(w: float = 0.5, b: float = -1.0, n: int = 30, seed: int = 0, *, mse=None) -> App:
    """Fit y ~ w * x + b to `nnlessons.data.make_line` points by hand.

    w, b: where the sliders start. n, seed: the data (x uniform in [-3, 3], best line
    near w = 2, b = 1).

    Controls: sliders ``w`` and ``b``. State: what `LineFit.update` returns (``w``, ``b``,
    ``mse``, ``line`` (xs, ys), ``residuals`` (n,) = prediction - y, ``text`` (the MSE as
    shown, "your MSE" when your mse differs), ``marker`` the (w, b) marked on the contours,
    ``package_mse``), ``png`` and ``yours`` (with your mse: "status", "message", "differ").
    mse: your exercise function (exercise 05), called once per update on the line's
    predictions for the MSE shown; where it differs from the package's, the figure says
    "your MSE" with the package's value under it, and a line above the figure says so.
    """
    x, y = make_line(n=n, seed=seed)
    yours = YourCode(mse=(mse, losses.mse))
    view = LiveFigureView(LineFit(x, y, w, b, loss=yours["mse"] if yours.given else None))
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
        app.state["yours"] = yours.show()
        readout.value = f"<b>{app.state['text']}</b> &nbsp; (the mean of the squared vermillion residuals)"

    for s in sliders.values():
        s.observe(update, names="value")
    update()
    app.widget = W.VBox([W.HBox([sliders["w"], sliders["b"]]), readout, yours.line, view.image])
    return app


BENCH = [("line_fit_app", "w", [1.0, 1.5, 2.0, 2.5, 3.0, 0.0])]

YOURS = {"line_fit_app": {"mse": {"controls": {}, "mistake": "sum_not_mean"}}}
"""The learner's functions the builder takes (see `nnlessons.widgets.activations.YOURS`)."""
