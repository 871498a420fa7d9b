"""Lesson 10's widget: choose the initial scale of a 10-layer net's weights (0.1 × He, Xavier,
He, 3 × He) and its activation (ReLU, tanh, sigmoid); see each layer's activations as a
histogram, their std per layer and the std of each layer's weight gradient dW after one
backward pass. Every setting is computed once (`nnlessons.plots.depth.depth_run`, cached),
so switching is a redraw."""
from __future__ import annotations

import html

import ipywidgets as W

from ..plots.depth import DEPTH_ACTIVATIONS, INIT_SCALES, DepthSignals, hidden_stds, scheme_std
from .base import App, LiveFigureView
from .yours import YourCode, YourFunction

__all__ = ["depth_app", "BENCH", "YOURS"]


def _readout(shown: dict) -> str:
    """The two verdicts under the buttons (HTML)."""
    return (f"<b>{html.escape(shown['headline'])}</b><br>"
            f"<b>Activations</b> {html.escape(shown['signal'])}.<br>"
            f"<b>Gradients</b> {html.escape(shown['gradient'])}.")


class _Once:
    """A learner's function (a `YourFunction`) called once per input: each press of a
    button shows a setting computed before (as the package's runs are cached), its values
    and `YourFunction.last` restored. Arrays (the cached ones of `depth_inputs`) count by
    identity."""

    def __init__(self, fn: YourFunction):
        self.fn, self.seen = fn, {}

    def __call__(self, *args):
        key = tuple(a if isinstance(a, (str, int, float)) else id(a) for a in args)
        if key not in self.seen:
            self.seen[key] = (self.fn(*args), self.fn.last)
        value, self.fn.last = self.seen[key]
        return value


def depth_app(scale: str = "he", activation: str = "relu", *, activation_stds=None, init_std=None) -> App:
    """Buttons for the initial scale and the activation of the lesson's deep net
    (10 hidden layers of 100 units, see `nnlessons.plots.depth`).

    activation_stds: your exercise function (exercise 10), ``activation_stds(X, params,
    activation)``, called on the net's own batch and weights (`depth_inputs`), once per setting:
    the activations' std line draws your numbers, with the package's faint where yours
    differ (marked) and a line above the figure that says so (`nnlessons.widgets.yours`).
    init_std: your exercise function (exercise 10), ``init_std(scheme, fan_in, fan_out)``,
    called once per scheme and layer shape: the net's weights are drawn with your stds (times
    the scale's factor). Where they part from the package's, everything drawn is that net
    (the histograms, both std lines, the verdicts), with the package's std lines faint beside
    it, marked where they part.
    Otherwise the histograms, the gradients and the verdicts are the package's.

    controls: "scale" (ToggleButtons: "0.1x", "xavier", "he", "3x"), "activation"
    (ToggleButtons: "relu", "tanh", "sigmoid").
    state: what `DepthSignals.update` returns ("act_std" (10,), "grad_std" (11,), "hist",
    "edges", "value_label", "headline", "signal", "gradient", ...) and "readout" (the text shown:
    the headline and both verdicts, kept out of the figure so that it redraws fast).
    "yours" (when you gave activation_stds: its "status", "message", "differ").
    views: "depth".
    """
    yours = YourCode(activation_stds=(activation_stds, hidden_stds), init_std=(init_std, scheme_std))
    yours["activation_stds"].what = "layers"   # "differs ... at 3 of 10 layers drawn"
    given = {name: _Once(yours[name]) if yours[name].given else None for name in ("activation_stds", "init_std")}
    view = LiveFigureView(DepthSignals(scale, activation, labels=False, stds=given["activation_stds"],
                                       init=given["init_std"]))   # checks scale and activation first
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
        app.state.update(shown, readout=_readout(shown), yours=yours.show())
        readout.value = app.state["readout"]

    for c in controls.values():
        c.observe(update, names="value")
    app.widget = W.VBox([controls["scale"], controls["activation"], readout, yours.line, view.image])
    update()
    return app


BENCH = [("depth_app", "scale", ["0.1x", "xavier", "3x", "he"]),
         ("depth_app", "activation", ["tanh", "sigmoid", "relu"])]
"""(builder, control, values) for bench/widgets.py: a button press -> the updated figure."""

YOURS = {"depth_app": {"activation_stds": {"controls": {"scale": "0.1x"}, "mistake": "variance"},
                       "init_std": {"controls": {"scale": "xavier"}, "mistake": "he_for_both"}}}
"""The learner's functions the builder takes (exercise 10's activation_stds and init_std): used
under every setting; the known mistakes shown: "variance" on the vanishing stds of the small
scale, "he_for_both" on Xavier's weights (drawn as He's: the activations keep their size)."""
