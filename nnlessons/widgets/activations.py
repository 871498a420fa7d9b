"""Lesson 03: pick an activation from a menu and move w, b and the point x0: the widget
plots f(w*x + b), its tangent line at x0, and its slope w * f'(w*x + b)."""
from __future__ import annotations

import html

import ipywidgets as W

from ..plots.basics import ACTIVATION_CHOICES, ActivationTangent
from .base import App, LiveFigureView, float_slider

__all__ = ["activation_app", "BENCH"]


def activation_app(activation: str = "sigmoid", w: float = 1.0, b: float = 0.0, x0: float = 1.0) -> App:
    """An activation menu and sliders for the weight w, the bias b and the tangent point x0.

    The figure (`nnlessons.plots.basics.ActivationTangent`), top: f(w*x + b) over x in
    [-5, 5], its tangent line at x0 and the point (x0, f); bottom: the slope
    d/dx f(w*x + b) = w * f'(w*x + b), with its value at x0 marked.
    activation: a key of `nnlessons.plots.basics.ACTIVATION_CHOICES` ("sigmoid", "tanh",
    "relu", "leaky_relu" (alpha = 0.1), "step", "identity").
    controls: "activation" (Dropdown), "w", "b", "x0" (FloatSliders).
    state: "z0", "f0", "fprime0" (f'(z0)), "slope0" (w * f'(z0)), "f_curve",
    "slope_curve", "tangent" ((xs, ys) pairs), "info" (the numbers, shown as HTML between
    the controls and the figure), "activation".
    views: "activation".
    """
    if activation not in ACTIVATION_CHOICES:
        raise ValueError(f"unknown activation {activation!r}: choose one of {', '.join(ACTIVATION_CHOICES)}")
    controls = {
        "activation": W.Dropdown(options=[(label, key) for key, (label, _, _) in ACTIVATION_CHOICES.items()],
                                 value=activation, description="activation f",
                                 style={"description_width": "initial"}),
        "w": float_slider("weight w", w, -3.0, 3.0),
        "b": float_slider("bias b", b, -5.0, 5.0),
        "x0": float_slider("tangent at x₀", x0, -5.0, 5.0),
    }
    view = LiveFigureView(ActivationTangent(activation, w, b, x0, readout=False))
    readout = W.HTML()
    app = App(widget=None, controls=controls, views={"activation": view})

    def update(_change=None) -> None:
        values = {name: c.value for name, c in controls.items()}
        app.state.update(view.show(**values), activation=values["activation"])
        readout.value = "<pre style='line-height:1.3'>" + html.escape(app.state["info"]) + "</pre>"

    for c in controls.values():
        c.observe(update, names="value")
    app.widget = W.VBox([W.HBox([W.VBox([controls["activation"], controls["w"]]),
                                 W.VBox([controls["b"], controls["x0"]])]), readout, view.image])
    update()
    return app


BENCH = [("activation_app", "w", [-2.0, -1.0, 0.5, 1.5, 2.5])]
