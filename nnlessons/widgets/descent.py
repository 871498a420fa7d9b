"""Lesson 07's widget: learning-rate, optimizer and step controls animate gradient descent
on the MSE surface of a line fit: the path up to the chosen step over the contours (with
Momentum's velocity), the loss curve, and a verdict on the whole run: converged,
oscillating, too slow or diverging (`nnlessons.plots.learning.descent_verdict`)."""
from __future__ import annotations

import html

import ipywidgets as W
import numpy as np

from ..data import make_line
from ..plots.learning import OPTIMIZERS, DescentFigure
from .base import App, LiveFigureView

__all__ = ["descent_app", "BENCH"]

_WIDE = dict(style={"description_width": "90px"}, layout=W.Layout(width="380px"))


def descent_app(lr: float = 0.1, steps: int = 50, start: tuple[float, float] = (4.5, -1.5),
                n: int = 30, seed: int = 0) -> App:
    """Gradient descent on MSE(w, b) of y ~ w x + b (data `make_line(n, seed=seed)`).

    lr: the starting learning rate; steps: the most steps shown; start: (w, b) at step 0.
    Controls: ``lr`` (a log slider), ``step`` (0..steps), ``optimizer`` (SGD, Momentum,
    Adam from `nnlessons.optim`), button ``play`` (jump to the last step).
    State: what `DescentFigure.update` returns (``path``, ``losses``, ``w``, ``b``,
    ``loss``, ``verdict`` one of "converged", "oscillating", "too slow", "diverging",
    judged on the whole run, ``verdict_text``, ``velocity_arrow``, ...), ``readout`` and ``png``.
    """
    x, y = make_line(n=n, seed=seed)
    view = LiveFigureView(DescentFigure(x, y, steps=steps, start=start))
    controls = {
        "lr": W.FloatLogSlider(value=lr, base=10, min=-2.5, max=np.log10(0.35), step=0.01,
                               description="learning rate", continuous_update=True, readout_format=".3f", **_WIDE),
        "step": W.IntSlider(value=steps // 2, min=0, max=steps, description="step", continuous_update=True, **_WIDE),
        "optimizer": W.Dropdown(options=list(OPTIMIZERS), value="SGD", description="optimizer",
                                style={"description_width": "90px"}),
        "play": W.Button(description="Go to the last step", layout=W.Layout(width="auto")),
    }
    readout = W.HTML()
    app = App(None, controls, views={"figure": view})

    def update(_=None):
        shown = view.show(lr=float(controls["lr"].value), optimizer=controls["optimizer"].value,
                          step=int(controls["step"].value))
        readout.value = (f"<b>learning rate {shown['lr']:.3f} ({shown['optimizer']})</b>, whole run: "
                         f"{html.escape(shown['verdict_text'])}. &nbsp; {html.escape(shown['text'])}")
        app.state.update(shown, readout=readout.value, png=view.png)

    for name in ("lr", "step", "optimizer"):
        controls[name].observe(update, names="value")
    controls["play"].on_click(lambda _: setattr(controls["step"], "value", steps))
    update()
    app.widget = W.VBox([W.HBox([controls["lr"], controls["optimizer"]]),
                         W.HBox([controls["step"], controls["play"]]), readout, view.image])
    return app


BENCH = [("descent_app", "step", [5, 10, 20, 30, 40, 50]),
         ("descent_app", "lr", [0.01, 0.05, 0.1, 0.2, 0.3])]
