"""Lesson 11's widget: a weight-decay slider on a network that overfits 30 noisy points.

Every lambda on the slider is trained once, when the app is built (`decay_run`:
full-batch gradient descent, 1000 epochs, about a third of a second each), so moving the
slider only redraws the picture of that training (`WeightDecayFigure`): the boundary, the
size of each layer's weights, and the training and validation loss curves with the epoch
early stopping would keep.
"""
from __future__ import annotations

from collections.abc import Mapping, Sequence
from functools import lru_cache

import ipywidgets as W

from ..plots.generalization import (DecayRun, WeightDecayFigure, decay_run, lam_label, noisy_moons_split,
                                   weight_norms)
from .base import App, LiveFigureView

__all__ = ["LAMS", "weight_decay_app", "BENCH"]

LAMS = (0.0, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3)
"""The weight decays on the slider: from none, through a straighter and straighter boundary,
to so much that every weight collapses to 0."""


@lru_cache(maxsize=None)
def _lesson_run(lam: float) -> DecayRun:
    """The lesson's training with weight decay `lam` (computed once per process)."""
    return decay_run(*noisy_moons_split(), lam)


def _readout(shown: dict, none: DecayRun) -> str:
    """What the picture says, in numbers, next to the training without decay (HTML): the
    final losses and accuracies, the sum of the squared weights (what the penalty charges
    lambda / 2 for) and the epoch early stopping would keep."""
    squares = sum(v ** 2 for v in shown["norms"].values())
    train = f"training loss {shown['train_loss']:.2f}, {100 * shown['train_acc']:.0f}% of the training points right"
    val = f"validation loss {shown['val_loss']:.2f}, {100 * shown['val_acc']:.0f}% right"
    sizes = f"Σ w² = {squares:.0f}"
    if shown["lam"] == 0:
        return (f"<b>{lam_label(0)}</b>: {train}; {val}; {sizes}. Early stopping would keep epoch {shown['kept']}. "
                "Now raise λ.")
    squares_none = sum(v ** 2 for v in weight_norms(none.params).values())
    return (f"<b>{lam_label(shown['lam'])}</b>: {train}; {val}; {sizes}. Early stopping would keep epoch "
            f"{shown['kept']}.<br>Without decay: training loss {none.train_loss[-1]:.2f}, "
            f"{100 * none.train_acc:.0f}%; validation loss {none.val_loss[-1]:.2f}, {100 * none.val_acc:.0f}%; "
            f"Σ w² = {squares_none:.0f}.")


def weight_decay_app(lam: float = 0.0, lams: Sequence[float] = LAMS, data: tuple | None = None,
                     runs: Mapping[float, DecayRun] | None = None, patience: int = 50) -> App:
    """A weight-decay slider on the lesson's 2-64-64-2 network and its 30 noisy moons.

    lam: the lambda shown first (one of ``lams``); data: (X_train, y_train, X_val, y_val)
    (default: `noisy_moons_split()`, the lesson's data); runs: trainings already done on
    that data, lambda -> `DecayRun` (e.g. from `as_run`); the other lambdas are trained
    here with `decay_run`; patience: for the epoch early stopping keeps.
    controls: "lam" (a SelectionSlider over ``lams``).
    state: what `WeightDecayFigure.update` returns ("lam", "norms", "train_loss", "val_loss",
    "best_val_loss", "kept", "kept_val_loss", "train_acc", "val_acc", "boundary", "label") and
    "readout" (the numbers in words: losses, accuracies, the sum of the squared weights and
    the kept epoch, next to those without decay).
    views: "figure".
    """
    lams = [float(v) for v in lams]
    if float(lam) not in lams:
        raise ValueError(f"lam = {lam!r} is not on the slider; choose one of {', '.join(f'{v:g}' for v in lams)}.")
    if data is None:
        data = noisy_moons_split()
        trained = {v: _lesson_run(v) for v in lams}
    else:
        trained = {}
    trained.update({float(k): r for k, r in (runs or {}).items()})
    trained.update({v: decay_run(*data, v) for v in lams if v not in trained})
    none = trained[min(trained)]
    slider = W.SelectionSlider(options=[(f"{v:g}", v) for v in lams], value=float(lam), description="weight decay λ",
                               continuous_update=True, style={"description_width": "110px"},
                               layout=W.Layout(width="420px"))
    view = LiveFigureView(WeightDecayFigure(*data, {v: trained[v] for v in lams}, lam=lam, patience=patience))
    readout = W.HTML()
    app = App(W.VBox([slider, readout, view.image]), {"lam": slider}, views={"figure": view})

    def update(_change=None) -> None:
        shown = view.show(lam=slider.value)
        app.state.update(shown, readout=_readout(shown, none))
        readout.value = app.state["readout"]

    slider.observe(update, names="value")
    update()
    return app


BENCH = [("weight_decay_app", "lam", [0.001, 0.01, 0.1, 0.003, 0.0, 0.03, 0.3])]
"""(builder, control, values) for bench/widgets.py: time a slider change -> updated figure."""
