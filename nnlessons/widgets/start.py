"""Lesson 00: a tiny neuron to try, one input x, a weight w and a bias b.
"""
from __future__ import annotations

import ipywidgets as W

from ..plots.basics import _neuron_response_parts, _signed, _update_neuron_response
from .base import App, LiveFigureView, float_slider

__all__ = ["tiny_neuron_app", "BENCH"]


def tiny_neuron_app(w: float = 1.0, b: float = 0.0, x: float = 1.0) -> App:
    """A neuron with one input: sliders for the weight w, the bias b and the input x.

    Shows z = w*x + b and a = sigmoid(z) as curves over x, with the chosen input marked.
    controls: "w", "b", "x" (FloatSliders).
    state: "z", "a" (floats at the chosen x), "z_curve", "a_curve" ((xs (201,), ys (201,))),
    "readout" (the text shown under the sliders).
    views: "response".
    """
    controls = {
        "w": float_slider("weight w", w, -3.0, 3.0),
        "b": float_slider("bias b", b, -5.0, 5.0),
        "x": float_slider("input x", x, -5.0, 5.0),
    }
    fig, parts = _neuron_response_parts(w, b, x)
    moving = ("z_line", "a_line", "z_pt", "a_pt", "z_txt", "a_txt", "z_leg", "a_leg")
    view = LiveFigureView(fig, [parts[k] for k in moving])
    readout = W.HTML()
    app = App(widget=None, controls=controls, views={"response": view})

    def update(_change=None) -> None:
        wv, bv, xv = (float(controls[k].value) for k in ("w", "b", "x"))
        shown = _update_neuron_response(parts, wv, bv, xv)
        app.state.update(shown)
        app.state["readout"] = (f"z = w·x + b = {wv:.2f} × {xv:.2f} {_signed(bv)} = {shown['z']:.2f}"
                                f"   →   a = σ(z) = {shown['a']:.3f}")
        readout.value = f"<b>{app.state['readout']}</b>"
        view.redraw()

    for c in controls.values():
        c.observe(update, names="value")
    app.widget = W.VBox([W.HBox([W.VBox(list(controls.values())), readout]), view.image])
    update()
    return app


BENCH = [("tiny_neuron_app", "w", [-2.0, -0.5, 0.5, 1.5, 2.5])]
