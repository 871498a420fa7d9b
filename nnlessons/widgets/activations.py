"""Lesson 03: pick an activation from a menu and move w, b and the point x0: the widget
plots f(w*x + b), its tangent line at x0, and its slope w * f'(w*x + b)."""
from __future__ import annotations

import html

import ipywidgets as W

from .. import activations as act
from ..plots.basics import ACTIVATION_CHOICES, ActivationTangent
from .base import App, LiveFigureView, float_slider
from .yours import YourCode

__all__ = ["activation_app", "BENCH", "YOURS"]


def activation_app(activation: str = "sigmoid", w: float = 1.0, b: float = 0.0, x0: float = 1.0, *,
                   sigmoid=None, sigmoid_grad=None, relu=None, relu_grad=None) -> App:
    """An activation menu and sliders for the weight w, the bias b and the tangent point x0.

    The figure (`nnlessons.plots.basics.ActivationTangent`), top: f(w*x + b) over x in
    [-5, 5], its tangent line at x0 and the point (x0, f); bottom: the slope
    d/dx f(w*x + b) = w * f'(w*x + b), with its value at x0 marked.
    activation: a key of `nnlessons.plots.basics.ACTIVATION_CHOICES` ("sigmoid", "tanh",
    "relu", "leaky_relu" (alpha = 0.1), "step", "identity").
    sigmoid, sigmoid_grad, relu, relu_grad: your exercise functions (exercise 03), drawn
    for that activation instead of the package's, with the package's faint where yours
    differs and a line that says so (`nnlessons.widgets.yours`).
    controls: "activation" (Dropdown), "w", "b", "x0" (FloatSliders).
    state: "z0", "f0", "fprime0" (f'(z0)), "slope0" (w * f'(z0)), "f_curve",
    "slope_curve", "tangent" ((xs, ys) pairs), "info" (the numbers, shown as HTML between
    the controls and the figure), "activation", "yours" (per function you gave that is
    drawn: "status", "message", "differ").
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
    yours = YourCode(sigmoid=(sigmoid, act.sigmoid), sigmoid_grad=(sigmoid_grad, act.sigmoid_grad),
                     relu=(relu, act.relu), relu_grad=(relu_grad, act.relu_grad))
    functions = {name: (yours[name], yours[f"{name}_grad"]) for name in ("sigmoid", "relu")} if yours.given else None
    figure = ActivationTangent(activation, w, b, x0, readout=False, functions=functions)
    view = LiveFigureView(figure)
    readout = W.HTML()
    app = App(widget=None, controls=controls, views={"activation": view})

    def update(_change=None) -> None:
        values = {name: c.value for name, c in controls.items()}
        drawn = [n for n in (values["activation"], values["activation"] + "_grad") if n in yours.functions]
        points = min(yours[n].points(figure.POINTS) for n in drawn) if drawn else None
        app.state.update(view.show(**values, points=points), activation=values["activation"])
        app.state["yours"] = yours.show(drawn)
        readout.value = "<pre style='line-height:1.3'>" + html.escape(app.state["info"]) + "</pre>"

    for c in controls.values():
        c.observe(update, names="value")
    app.widget = W.VBox([W.HBox([W.VBox([controls["activation"], controls["w"]]),
                                 W.VBox([controls["b"], controls["x0"]])]), yours.line, readout, view.image])
    update()
    return app


BENCH = [("activation_app", "w", [-2.0, -1.0, 0.5, 1.5, 2.5])]

YOURS = {"activation_app": {
    "sigmoid": {"controls": {}, "mistake": "exp_sign"},
    "sigmoid_grad": {"controls": {}, "mistake": "s_times_1_minus_z"},
    "relu": {"controls": {"activation": "relu"}, "mistake": "abs"},
    "relu_grad": {"controls": {"activation": "relu"}, "mistake": "relu_itself"},
}}
"""The learner's functions each builder takes, by keyword (= exercise name): the control
values under which the widget draws that function, and a known mistake that shows in
what it draws (for the tests and `bench/widgets.py`)."""
