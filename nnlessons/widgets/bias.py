"""Lesson 02: w1, w2 and b sliders move a neuron's decision line over labelled 2-D points;
w is drawn as an arrow normal to the line, and the accuracy is shown. The data's
separating line misses the origin, so no setting with b = 0 classifies every point."""
from __future__ import annotations

import html
from typing import Sequence

import ipywidgets as W
import numpy as np

from .. import neuron as nn
from ..data import make_offset_blobs
from ..plots.basics import DecisionLine
from .base import App, LiveFigureView, float_slider
from .yours import YourCode

__all__ = ["bias_app", "package_boundary_line", "BENCH", "YOURS"]


def package_boundary_line(w: np.ndarray, b: float) -> tuple[float, float]:
    """The package's (slope, intercept) of the line w1*x1 + w2*x2 + b = 0 solved for x2
    (w (2,), w2 != 0): what `DecisionLine` draws; exercise 02's ``boundary_line``."""
    return -float(w[0]) / float(w[1]), -float(b) / float(w[1])


def _your_code(neuron, boundary_line) -> YourCode:
    """The learner's exercise-02 functions beside the package's."""
    yours = YourCode(neuron=(neuron, nn.neuron), boundary_line=(boundary_line, package_boundary_line))
    yours["boundary_line"].what = "numbers"  # (slope, intercept)
    return yours


def bias_app(w: Sequence[float] = (1.0, 1.0), b: float = 0.0, X: np.ndarray | None = None,
             y: np.ndarray | None = None, *, neuron=None, boundary_line=None) -> App:
    """Sliders for w1, w2 and the bias b of a step neuron classifying 2-D points.

    The neuron says class 1 where w1*x1 + w2*x2 + b > 0 (shaded). The figure
    (`nnlessons.plots.basics.DecisionLine`) shows the decision line, the weight vector w
    as an arrow normal to it, the origin and its signed distance b/||w|| to the line,
    where the line crosses the x2 axis (x2 = -b/w2), and the accuracy on the points.
    w: starting (w1, w2) in [-3, 3]; b: starting bias in [-8, 8];
    X: (m, 2) points and y: (m,) labels in {0, 1}, default
    `nnlessons.data.make_offset_blobs(n=100, seed=0)`.
    neuron, boundary_line: your exercise functions (exercise 02): ``neuron(x, w, b)`` on
    the points and a grid (x (k, 2)) decides the classes, the accuracy and the shading;
    ``boundary_line(w, b)`` gives the line drawn (when w2 != 0). Where yours differs, see
    `DecisionLine`; a line above the figure says so (`nnlessons.widgets.yours`).
    controls: "w1", "w2", "b"; and "bias_free" (a ToggleButton that pins b to 0).
    state: what `DecisionLine.update` returns ("accuracy", "predictions" (m,), "line",
    "intercept", "slope", "norm", "origin_distance", "foot", "arrow", "arrow_scale",
    "distances" (m,), "info": the numbers, shown beside the sliders as "readout"), "score"
    and "yours" (per function you gave: "status", "message", "differ").
    views: "boundary".
    """
    if X is None or y is None:
        X, y = make_offset_blobs(n=100, seed=0)
    controls = {
        "w1": float_slider("weight w1", float(w[0]), -3.0, 3.0),
        "w2": float_slider("weight w2", float(w[1]), -3.0, 3.0),
        "b": float_slider("bias b", float(b), -8.0, 8.0),
        "bias_free": W.ToggleButton(value=False, description="no bias (b = 0)", icon="ban",
                                    tooltip="pin the bias to 0: every line must pass through the origin"),
    }
    yours = _your_code(neuron, boundary_line)
    mine = {name: f if f.given else None for name, f in yours.functions.items()}
    view = LiveFigureView(DecisionLine(X, y, w, float(b), dpi=90, readout=False, **mine))
    score, readout = W.HTML(), W.HTML()
    app = App(widget=None, controls=controls, views={"boundary": view})

    def update(_change=None) -> None:
        if controls["bias_free"].value and controls["b"].value != 0.0:
            controls["b"].value = 0.0  # re-enters update through the observer
            return
        controls["b"].disabled = controls["bias_free"].value
        shown = view.show(w=(controls["w1"].value, controls["w2"].value), b=controls["b"].value)
        score.value = f"<b>accuracy: {shown['accuracy']:.0%}</b> of {len(shown['predictions'])} points"
        readout.value = "<pre style='line-height:1.3'>" + html.escape(shown["info"]) + "</pre>"
        app.state.update(shown, score=score.value, readout=readout.value)
        app.state["yours"] = yours.show(["neuron"] + (["boundary_line"] if controls["w2"].value != 0 else []))

    for c in controls.values():
        c.observe(update, names="value")
    sliders = W.VBox([controls["w1"], controls["w2"], controls["b"], W.HBox([controls["bias_free"], score])])
    app.widget = W.VBox([W.HBox([sliders, readout]), yours.line, view.image])
    update()
    return app


BENCH = [("bias_app", "b", [-6.0, -4.0, -2.0, 0.0, 2.0])]

YOURS = {"bias_app": {
    "neuron": {"controls": {"b": -4.0}, "mistake": "no_bias"},
    "boundary_line": {"controls": {"b": -4.0, "w1": 1.5}, "mistake": "slope_sign"},
}}
"""The learner's functions the builder takes (keyword = exercise name): the control values
under which each is drawn and a known mistake that shows in what it draws (for the tests
and `bench/widgets.py`)."""
