"""Lesson 10's widget: choose the initial scale of a 10-layer net's weights (0.1 × He, Xavier,
He, 3 × He) and its activation (ReLU, tanh, sigmoid); see each layer's activations as a
histogram, their std per layer and the std of each layer's weight gradient dW after one
backward pass. Every setting is computed once (`nnlessons.plots.depth.depth_run`, cached),
so switching is a redraw."""
from __future__ import annotations

import html

import ipywidgets as W

from ..plots.depth import DEPTH_ACTIVATIONS, INIT_SCALES, DepthSignals
from .base import App, LiveFigureView

__all__ = ["depth_app", "BENCH"]


def _readout(shown: dict) -> str:
    """The two verdicts under the buttons (HTML)."""
    return (f"<b>{html.escape(shown['headline'])}</b><br>"
            f"<b>Activations</b> {html.escape(shown['signal'])}.<br>"
            f"<b>Gradients</b> {html.escape(shown['gradient'])}.")


def depth_app(scale: str = "he", activation: str = "relu") -> App:
    """Buttons for the initial scale and the activation of the lesson's deep net
    (10 hidden layers of 100 units, see `nnlessons.plots.depth`).

    controls: "scale" (ToggleButtons: "0.1x", "xavier", "he", "3x"), "activation"
    (ToggleButtons: "relu", "tanh", "sigmoid").
    state: what `DepthSignals.update` returns ("act_std" (10,), "grad_std" (11,), "hist",
    "edges", "value_label", "headline", "signal", "gradient", ...) and "readout" (the text shown:
    the headline and both verdicts, kept out of the figure so that it redraws fast).
    views: "depth".
    """
    view = LiveFigureView(DepthSignals(scale, activation, labels=False))   # checks scale and activation first
    style = {"button_width": "78px", "description_width": "110px"}
    controls = {
        "scale": W.ToggleButtons(options=[(label, key) for key, (label, _, _) in INIT_SCALES.items()],
                                 value=scale, description="initial scale", style=style),
        "activation": W.ToggleButtons(options=[(label, key) for key, (label, _) in DEPTH_ACTIVATIONS.items()],
                                      value=activation, description="activation", style=style),
    }
    readout = W.HTML()
    app = App(widget=None, controls=controls, views={"depth": view})

    def update(_change=None) -> None:
        shown = view.show(scale=controls["scale"].value, activation=controls["activation"].value)
        app.state.update(shown, readout=_readout(shown))
        readout.value = app.state["readout"]

    for c in controls.values():
        c.observe(update, names="value")
    app.widget = W.VBox([controls["scale"], controls["activation"], readout, view.image])
    update()
    return app


BENCH = [("depth_app", "scale", ["0.1x", "xavier", "3x", "he"]),
         ("depth_app", "activation", ["tanh", "sigmoid", "relu"])]
"""(builder, control, values) for bench/widgets.py: a button press -> the updated figure."""
