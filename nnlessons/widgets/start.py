"""Lesson 00: a tiny neuron to try, one input x, a weight w and a bias b."""
from __future__ import annotations

import ipywidgets as W

from ..plots.basics import NeuronResponse
from ..plots.style import number, signed
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
    view = LiveFigureView(NeuronResponse(w, b, x))
    readout = W.HTML()
    app = App(widget=None, controls=controls, views={"response": view})

    def update(_change=None) -> None:
        wv, bv, xv = (float(controls[k].value) for k in ("w", "b", "x"))
        app.state.update(view.show(w=wv, b=bv, x=xv))
        app.state["readout"] = (f"z = w·x + b = {number(wv)} × {number(xv)} {signed(bv)} = {number(app.state['z'])}"
                                f"   →   a = σ(z) = {number(app.state['a'], 3)}")
        readout.value = f"<b>{app.state['readout']}</b>"

    for c in controls.values():
        c.observe(update, names="value")
    app.widget = W.VBox([W.HBox([W.VBox(list(controls.values())), readout]), view.image])
    update()
    return app


BENCH = [("tiny_neuron_app", "w", [-2.0, -0.5, 0.5, 1.5, 2.5])]
