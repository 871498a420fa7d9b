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
import numpy as np

from ..plots.generalization import (DecayRun, WeightDecayFigure, decay_run, gradients, lam_label,
                                   noisy_moons_split, weight_norms)
from ..training import l2_grads as package_l2_grads
from .base import App, LiveFigureView
from .yours import Unusable, YourCode, YourFunction

__all__ = ["LAMS", "YOUR_RUN_S", "YourGradients", "weight_decay_app", "BENCH", "YOURS"]

YOUR_RUN_S = 0.3
"""Seconds the widget trains with a learner's l2_grads that parts from the package's, once per
lambda: a slow one trains fewer epochs (the line says how many), the slider stays quick."""

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


class YourGradients(YourFunction):
    """A learner's ``l2_grads`` (a dict of arrays) beside the package's (compared entry by
    entry, as every `YourFunction` compares a dict); `step` calls it inside a training loop."""

    def step(self, grads: dict, params: dict, lam: float) -> dict | None:
        """One training step's call (`YourFunction.quick`: on copies, under the time limit,
        not compared): its gradients as float arrays, or None (and `failed` says why) if it
        raised, looped or returned no dict of arrays shaped like `grads`."""
        try:
            value = self.quick(grads, params, lam)
            return {k: np.asarray(value[k], dtype=float).reshape(np.shape(g)) for k, g in grads.items()}
        except Unusable as exc:
            self.failed = str(exc)
        except (TypeError, ValueError, KeyError, IndexError):
            self.failed = "returned something else than a dict of arrays shaped like grads"
        return None

    failed = ""
    """Why the last training stopped early, if a `step` failed ("" otherwise)."""


class _YourRuns:
    """The training at each lambda with the learner's l2_grads, beside the package's: one
    call decides, on the weights drawn (the package's trained weights at that lambda, whose
    biases are no longer 0) and their gradients: a right function would train exactly the
    package's run, drawn as is; one that parts from it is trained for up to `YOUR_RUN_S`,
    once per lambda, and the package's run to the same epoch drawn faint beside it."""

    def __init__(self, fn: YourGradients, data: tuple, runs: Mapping[float, DecayRun]):
        self.fn, self.data, self.runs, self.seen = fn, data, runs, {}

    def __call__(self, lam: float) -> tuple[DecayRun | None, DecayRun | None]:
        """(the learner's run, the package's beside it), (None, None) when the package's is drawn."""
        if lam not in self.seen:
            params = self.runs[lam].params
            self.fn(gradients(*self.data[:2], params), params, lam)
            last, shown = self.fn.last, (None, None)
            if last.status == "differs":
                self.fn.failed = ""
                yours = decay_run(*self.data, lam, decay=self.fn.step, seconds=YOUR_RUN_S)
                n, full = len(yours.val_loss), len(self.runs[lam].val_loss)
                shown = (yours, self.runs[lam] if n == full else decay_run(*self.data, lam, epochs=n))
                if self.fn.failed:
                    last.message += (f" Your training at {lam_label(lam)} stopped after {n} of {full} epochs: "
                                     f"your l2_grads {self.fn.failed}.")
                elif n < full:
                    last.message += (f" Your training at {lam_label(lam)} is drawn for its first {n} of {full} "
                                     f"epochs (all that fit in {YOUR_RUN_S:g} s), the package's to the same epoch.")
            self.seen[lam] = (last, shown)
        self.fn.last, shown = self.seen[lam]
        return shown


def weight_decay_app(lam: float = 0.0, lams: Sequence[float] = LAMS, data: tuple | None = None,
                     runs: Mapping[float, DecayRun] | None = None, patience: int = 50, *, l2_grads=None) -> App:
    """A weight-decay slider on the lesson's 2-64-64-2 network and its 30 noisy moons.

    lam: the lambda shown first (one of ``lams``); data: (X_train, y_train, X_val, y_val)
    (default: `noisy_moons_split()`, the lesson's data); runs: trainings already done on
    that data, lambda -> `DecayRun` (e.g. from `as_run`); the other lambdas are trained
    here with `decay_run`; patience: for the epoch early stopping keeps.
    l2_grads: your exercise function (exercise 11), ``l2_grads(grads, params, lam)``. At each
    lambda it is called once, on the trained weights drawn and their gradients; if it matches the package's, the
    training drawn is the package's (yours would train exactly the same); if not, the
    network is trained with yours (for up to `YOUR_RUN_S` seconds: a slow function trains
    fewer epochs, and the line says so) and drawn with the package's training faint where they
    part (boundary, bars, loss curves), and a line above the figure says how and names the
    mistake (`nnlessons.widgets.yours`).
    controls: "lam" (a SelectionSlider over ``lams``).
    state: what `WeightDecayFigure.update` returns ("lam", "norms", "train_loss", "val_loss",
    "best_val_loss", "kept", "kept_val_loss", "train_acc", "val_acc", "boundary", "label") and
    "readout" (the numbers in words: losses, accuracies, the sum of the squared weights and
    the kept epoch, next to those without decay), "yours" (when you gave l2_grads: its "status",
    "message", "differ").
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
    yours = YourCode(l2_grads=(None, package_l2_grads))
    yours.functions["l2_grads"] = fn = YourGradients("l2_grads", l2_grads, package_l2_grads, what="gradient entries")
    your_runs = _YourRuns(fn, data, trained) if fn.given else None
    readout = W.HTML()
    app = App(W.VBox([slider, readout, yours.line, view.image]), {"lam": slider}, views={"figure": view})

    def update(_change=None) -> None:
        run, beside = your_runs(slider.value) if your_runs else (None, None)
        shown = view.show(lam=slider.value, run=run, beside=beside)
        app.state.update(shown, readout=_readout(shown, none), yours=yours.show())
        readout.value = app.state["readout"]

    slider.observe(update, names="value")
    update()
    return app


BENCH = [("weight_decay_app", "lam", [0.001, 0.01, 0.1, 0.003, 0.0, 0.03, 0.3])]
"""(builder, control, values) for bench/widgets.py: time a slider change -> updated figure."""

YOURS = {"weight_decay_app": {"l2_grads": {"controls": {"lam": 0.03}, "mistake": "decay_subtracted"}}}
"""The learner's function the builder takes (exercise 11's l2_grads): used at every lambda;
its known mistake "decay_subtracted" (weights that grow instead of shrinking) shows at 0.03."""
