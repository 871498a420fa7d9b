"""Lesson 01: a 3-input neuron with a slider per weight (and per input); a bar chart
shows each input's contribution w_i * x_i to the weighted sum and the total z = x . w."""
from __future__ import annotations

from typing import Sequence

import ipywidgets as W
import numpy as np

from .. import neuron
from ..plots.basics import ContributionBars
from ..plots.style import number
from .base import App, LiveFigureView, float_slider
from .yours import YourCode

__all__ = ["weighted_sum_app", "BENCH", "YOURS"]

W_RANGE = (-2.0, 2.0)
X_RANGE = (-2.0, 2.0)
Z_MAX = 3 * max(map(abs, W_RANGE)) * max(map(abs, X_RANGE))  # the largest |z| the sliders allow


def weighted_sum_app(x: Sequence[float] = (2.0, -1.0, 0.5),
                     w: Sequence[float] = (1.0, 0.5, -1.0), *, weighted_sum=None) -> App:
    """Sliders for the three weights w1, w2, w3 (and the three inputs x1, x2, x3) of one neuron.

    The figure (`nnlessons.plots.basics.ContributionBars`) shows the neuron (edge width =
    |w_i|) and a bar per contribution w_i * x_i plus the total z = x . w (computed by
    `nnlessons.neuron.weighted_sum`).
    x, w: the starting inputs and weights, 3 numbers each, within [-2, 2].
    weighted_sum: your exercise function (exercise 01), ``weighted_sum(x, w)`` with x and
    w (3,): it computes the total z drawn instead of the package's; where yours differs
    the package's total is outlined and a line above the figure says so
    (`nnlessons.widgets.yours`).
    controls: "w1", "w2", "w3" (weights), "x1", "x2", "x3" (inputs).
    state: "x", "w" (3,), "contributions" (3,), "z" (float: the total drawn),
    "package_z", "bar_heights" (4,: three contributions then the total), "readout" (the
    text shown), "yours" (when you gave weighted_sum: "status", "message", "differ").
    views: "contributions".
    """
    x = np.asarray(x, dtype=np.float64)
    w = np.asarray(w, dtype=np.float64)
    if x.shape != (3,) or w.shape != (3,):
        raise ValueError(f"give 3 inputs and 3 weights; got x of shape {x.shape} and w of shape {w.shape}")
    for name, v, (lo, hi) in (("x", x, X_RANGE), ("w", w, W_RANGE)):
        if np.any(v < lo) or np.any(v > hi):
            raise ValueError(f"{name} = {v.tolist()}: each value must lie in [{lo}, {hi}], the sliders' range")
    controls = {f"w{i + 1}": float_slider(f"weight w{i + 1}", w[i], *W_RANGE) for i in range(3)}
    controls.update({f"x{i + 1}": float_slider(f"input x{i + 1}", x[i], *X_RANGE) for i in range(3)})
    yours = YourCode(weighted_sum=(weighted_sum, neuron.weighted_sum))
    view = LiveFigureView(ContributionBars(x, w, ylim=1.08 * Z_MAX,
                                           weighted_sum=yours["weighted_sum"] if yours.given else None))
    readout = W.HTML()
    app = App(widget=None, controls=controls, views={"contributions": view})

    def update(_change=None) -> None:
        wv = np.array([controls[f"w{i + 1}"].value for i in range(3)], dtype=np.float64)
        xv = np.array([controls[f"x{i + 1}"].value for i in range(3)], dtype=np.float64)
        shown = view.show(w=wv, x=xv)
        terms = " + ".join(f"({number(wv[i])})({number(xv[i])})" for i in range(3))
        app.state.update(shown, x=xv, w=wv, readout=f"z = {terms} = {number(shown['z'])}")
        app.state["yours"] = yours.show()
        readout.value = f"<b>{app.state['readout']}</b>"

    for c in controls.values():
        c.observe(update, names="value")
    weights = W.VBox([W.HTML("<b>weights</b>")] + [controls[f"w{i + 1}"] for i in range(3)])
    inputs = W.VBox([W.HTML("<b>inputs</b>")] + [controls[f"x{i + 1}"] for i in range(3)])
    app.widget = W.VBox([W.HBox([weights, inputs]), readout, yours.line, view.image])
    update()
    return app


BENCH = [("weighted_sum_app", "w1", [-2.0, -1.0, 0.0, 1.0, 2.0])]

YOURS = {"weighted_sum_app": {"weighted_sum": {"controls": {}, "mistake": "mean_not_sum"}}}
"""The learner's function the builder takes (keyword = exercise name): the control values
under which it is drawn and a known mistake that shows in what it draws (for the tests
and `bench/widgets.py`)."""
