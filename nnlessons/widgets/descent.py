"""Lesson 07's widget: learning-rate and step sliders animate gradient descent on the MSE
surface of a line fit: the path up to the chosen step over the contours, and the loss curve.
Move the learning rate to see too small (crawls), good (arrives) and diverging (zig-zags out)."""
from __future__ import annotations

import ipywidgets as W
import numpy as np

from ..data import make_line
from ..plots.learning import B_RANGE, OPTIMIZERS, W_RANGE, convergence_verdict, least_squares, line_descent
from ..plots.networks import loss_contour, mse_grid
from ..plots.style import PALETTE, new_figure, style_axes
from .base import App, LiveFigureView

__all__ = ["descent_app", "BENCH"]

_VERDICT_SHORT = {"too slow": "too small", "good": "good", "diverging": "too large: diverging"}
_VERDICT_TEXT = {
    "too slow": "too small: after {n} steps it is still far from the minimum",
    "good": "good: it reaches the minimum",
    "diverging": "too large: every step overshoots further, and the loss grows (diverging)",
}


def descent_app(lr: float = 0.1, steps: int = 50, start: tuple[float, float] = (4.5, -1.5),
                n: int = 30, seed: int = 0) -> App:
    """Gradient descent on MSE(w, b) of y ~ w x + b (data `make_line(n, seed=seed)`).

    lr: the starting learning rate; steps: the most steps shown; start: (w, b) at step 0.
    Controls: ``lr`` (a log slider), ``step`` (0..steps), ``optimizer`` (SGD, Momentum,
    Adam from `nnlessons.optim`), button ``play`` (jump to the last step).
    State: ``lr``, ``step``, ``optimizer``, ``path`` (step + 1, 2) of (w, b) drawn so far,
    ``losses`` (step + 1,), ``w``, ``b``, ``loss`` at the current step, ``verdict``
    ("too slow", "good" or "diverging", judged after all steps), ``text`` shown, ``png``.
    """
    x, y = make_line(n=n, seed=seed)
    *_, best = least_squares(x, y)

    fig = new_figure(8.8, 3.7, dpi=80)
    ax_c, ax_l = fig.subplots(1, 2, width_ratios=[1.2, 1.0])
    Wg, Bg, L = mse_grid(x, y, W_RANGE, B_RANGE, n=61)
    loss_contour(Wg, Bg, L, ax=ax_c, title="Gradient descent on MSE(w, b)", colorbar=False)
    ax_c.set_xlim(*W_RANGE)
    ax_c.set_ylim(*B_RANGE)
    ax_c.plot(*start, "s", color=PALETTE["black"], ms=7, label="start", zorder=4)
    (path_line,) = ax_c.plot([], [], "-o", color=PALETTE["orange"], ms=3.5, lw=1.6, label="path", zorder=3)
    (here,) = ax_c.plot([], [], "o", ms=10, color="white", mec=PALETTE["black"], mew=1.5, label="now", zorder=5)
    ax_c.legend(loc="upper left", fontsize=8, framealpha=0.9)
    text = ax_c.text(0.98, 0.03, "step 0", transform=ax_c.transAxes, ha="right", va="bottom", fontsize=9,
                     bbox=dict(boxstyle="round", fc="white", ec=PALETTE["grey"]), zorder=6)

    style_axes(ax_l, "", "step", "MSE (log scale)")
    ax_l.set_title("Loss per step", pad=20)
    ax_l.set_yscale("log")
    ax_l.set_xlim(-0.5, steps + 1)  # room for the dot at the last step
    ax_l.set_ylim(best / 2, 1e5)
    ax_l.axhline(best, color=PALETTE["grey"], ls=":", lw=1.5, label="best possible")
    (all_line,) = ax_l.plot([], [], color=PALETTE["orange"], lw=1.2, alpha=0.35, label="all steps")
    (done_line,) = ax_l.plot([], [], color=PALETTE["orange"], lw=2.4, label="up to this step")
    (loss_dot,) = ax_l.plot([], [], "o", ms=7, color="white", mec=PALETTE["black"], mew=1.5)
    verdict_text = ax_l.text(0.97, 0.96, "lr 0.000: too large: diverging", transform=ax_l.transAxes,
                             ha="right", va="top", fontsize=9, zorder=6,
                             bbox=dict(boxstyle="round", fc="white", ec=PALETTE["grey"]))
    # above the axes: inside, every corner is crossed by some run's curve
    ax_l.legend(loc="lower center", bbox_to_anchor=(0.5, 1.0), ncol=3, fontsize=8, frameon=False)
    view = LiveFigureView(fig, [path_line, here, text, ax_c.get_legend(), all_line, done_line, loss_dot, verdict_text])

    controls = {
        "lr": W.FloatLogSlider(value=lr, base=10, min=-2.5, max=np.log10(0.35), step=0.01,
                               description="learning rate", continuous_update=True, readout_format=".3f",
                               style={"description_width": "90px"}, layout=W.Layout(width="380px")),
        "step": W.IntSlider(value=steps // 2, min=0, max=steps, description="step", continuous_update=True,
                            style={"description_width": "90px"}, layout=W.Layout(width="380px")),
        "optimizer": W.Dropdown(options=list(OPTIMIZERS), value="SGD", description="optimizer",
                                style={"description_width": "90px"}),
        "play": W.Button(description="Go to the last step"),
    }
    readout = W.HTML()
    state: dict = {}
    cache: dict = {}

    def run_for(lr_value: float, opt: str):
        key = (lr_value, opt)
        if cache.get("key") != key:
            run = line_descent(x, y, lr_value, steps, opt, start=start)
            cache.update(key=key, run=run, verdict=convergence_verdict(run, x, y))
        return cache["run"], cache["verdict"]

    def update(_=None):
        lr_value = float(controls["lr"].value)
        opt = controls["optimizer"].value
        k = int(controls["step"].value)
        run, verdict = run_for(lr_value, opt)
        path, losses = run.path[: k + 1], run.losses[: k + 1]
        finite = np.all(np.isfinite(path), axis=1)
        path_line.set_data(path[finite, 0], path[finite, 1])
        w_now, b_now = path[-1]
        loss_now = losses[-1]
        here.set_data([w_now], [b_now])
        steps_all = np.arange(len(run.losses))
        ok = np.isfinite(run.losses)
        all_line.set_data(steps_all[ok], run.losses[ok])
        done_line.set_data(steps_all[: k + 1][ok[: k + 1]], losses[ok[: k + 1]])
        loss_dot.set_data([k], [loss_now])
        if np.isfinite(loss_now):
            shown = f"step {k}: w = {w_now:.3g}, b = {b_now:.3g}, loss = {loss_now:.3g}"
        else:
            shown = f"step {k}: the loss overflowed (diverged)"
        text.set_text(shown)
        verdict_text.set_text(f"lr {lr_value:.3f}: {_VERDICT_SHORT[verdict]}")
        view.redraw()
        readout.value = (f"<b>learning rate {lr_value:.3f} ({opt})</b>: "
                         + _VERDICT_TEXT[verdict].format(n=steps) + f". &nbsp; {shown}")
        state.update(lr=lr_value, step=k, optimizer=opt, path=path.copy(), losses=losses.copy(), w=float(w_now),
                     b=float(b_now), loss=float(loss_now), verdict=verdict, text=shown, readout=readout.value, png=view.png)

    for name in ("lr", "step", "optimizer"):
        controls[name].observe(update, names="value")
    controls["play"].on_click(lambda _: setattr(controls["step"], "value", steps))
    update()
    widget = W.VBox([W.HBox([controls["lr"], controls["optimizer"]]), W.HBox([controls["step"], controls["play"]]),
                     readout, view.image])
    return App(widget, controls, state, {"figure": view})


BENCH = [("descent_app", "step", [5, 10, 20, 30, 40, 50]),
         ("descent_app", "lr", [0.01, 0.05, 0.1, 0.2, 0.3])]
