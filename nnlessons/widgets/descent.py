"""Lesson 07's widget: learning-rate, optimizer and step controls animate gradient descent
on the MSE surface of a line fit: the path up to the chosen step over the contours (with
Momentum's velocity), the loss curve, and a verdict on the whole run: converged,
oscillating, too slow or diverging (`nnlessons.plots.learning.descent_verdict`)."""
from __future__ import annotations

import html

import ipywidgets as W
import numpy as np

from ..data import make_line
from ..optim import SGD, Adam
from ..plots.learning import OPTIMIZERS, DescentFigure
from .base import App, LiveFigureView
from .yours import YourCode

__all__ = ["descent_app", "BENCH", "YOURS", "package_gd_step", "package_adam_step"]

#: the exercise (07) whose function makes each optimizer's steps
STEP_EXERCISE = {"SGD": "gd_step", "Adam": "adam_step"}


def package_gd_step(w, b, dw, db, lr):
    """`nnlessons.optim.SGD` as exercise 07's ``gd_step``: (w - lr dw, b - lr db), shapes of w, b."""
    params = {"w": np.array(w, dtype=float), "b": np.array(b, dtype=float)}
    SGD(lr).step(params, {"w": np.asarray(dw, dtype=float), "b": np.asarray(db, dtype=float)})
    return params["w"][()], params["b"][()]


def package_adam_step(w, dw, m, v, t, lr, beta1=0.9, beta2=0.999, eps=1e-8):
    """`nnlessons.optim.Adam` as exercise 07's ``adam_step``: step `t` (from 1) from moments
    m, v; returns the new (w, m, v), all of w's shape."""
    params = {"w": np.array(w, dtype=float)}
    opt = Adam(lr, beta1, beta2, eps)
    opt.state["w"] = {"t": int(t) - 1, "m": np.array(m, dtype=float), "v": np.array(v, dtype=float)}
    opt.step(params, {"w": np.asarray(dw, dtype=float)})
    return params["w"], opt.state["w"]["m"], opt.state["w"]["v"]

_WIDE = dict(style={"description_width": "90px"}, layout=W.Layout(width="380px"))


def descent_app(lr: float = 0.1, steps: int = 50, start: tuple[float, float] = (4.5, -1.5),
                n: int = 30, seed: int = 0, *, gd_step=None, adam_step=None) -> App:
    """Gradient descent on MSE(w, b) of y ~ w x + b (data `make_line(n, seed=seed)`).

    lr: the starting learning rate; steps: the most steps shown; start: (w, b) at step 0.
    Controls: ``lr`` (a log slider), ``step`` (0..steps), ``optimizer`` (SGD, Momentum,
    Adam from `nnlessons.optim`), button ``play`` (jump to the last step).
    State: what `DescentFigure.update` returns (``path``, ``losses``, ``w``, ``b``,
    ``loss``, ``verdict`` one of "converged", "oscillating", "too slow", "diverging",
    judged on the whole run, ``verdict_text``, ``velocity_arrow``, ...), ``readout``, ``png``
    and ``yours`` (per function you gave that is drawn: "status", "message", "differ").
    gd_step, adam_step: your exercise functions (exercise 07): the SGD path (gd_step) or
    the Adam path (adam_step, with [w, b] as one array) is iterated with yours, one call a
    step, and the verdict is about that path; where it parts from the package's, the
    package's path and loss are drawn faint, your points marked, and a line says so.
    """
    x, y = make_line(n=n, seed=seed)
    yours = YourCode(gd_step=(gd_step, package_gd_step), adam_step=(adam_step, package_adam_step))
    steppers = {opt: yours[name] for opt, name in STEP_EXERCISE.items() if yours[name].given}
    view = LiveFigureView(DescentFigure(x, y, steps=steps, start=start, functions=steppers))
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
        app.state["yours"] = yours.show([STEP_EXERCISE.get(shown["optimizer"], "")])

    for name in ("lr", "step", "optimizer"):
        controls[name].observe(update, names="value")
    controls["play"].on_click(lambda _: setattr(controls["step"], "value", steps))
    update()
    app.widget = W.VBox([W.HBox([controls["lr"], controls["optimizer"]]),
                         W.HBox([controls["step"], controls["play"]]), readout, yours.line, view.image])
    return app


BENCH = [("descent_app", "step", [5, 10, 20, 30, 40, 50]),
         ("descent_app", "lr", [0.01, 0.05, 0.1, 0.2, 0.3])]

YOURS = {"descent_app": {
    "gd_step": {"controls": {}, "mistake": "sign_flipped"},
    "adam_step": {"controls": {"optimizer": "Adam"}, "mistake": "no_bias_correction"},
}}
"""The learner's functions the builder takes (see `nnlessons.widgets.activations.YOURS`)."""
