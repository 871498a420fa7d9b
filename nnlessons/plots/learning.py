"""Figures for learning (lesson 07): gradient descent on the MSE of a line fit, its path
over the loss contours, and the same training with other learning rates or optimizers.

`line_descent` runs the training (with `nnlessons.optim`) and returns its path;
`descent_verdict` reads the whole path and says what it shows: converged, oscillating
(it overshoots the minimum and swings back), too slow, or diverging. `DescentFigure` is
the `LiveFigure` of lesson 07's widget; the other functions return static Figures.
"""
from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, NamedTuple

import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import FancyArrowPatch
from matplotlib.patheffects import withStroke

from ..losses import mse, mse_grad
from ..optim import SGD, Adam, Momentum
from .beside import Beside, BesidePath
from .losses import B_RANGE, W_RANGE, loss_contour, mse_grid
from .live import LiveFigure
from .style import CYCLE, PALETTE, new_figure, style_axes

__all__ = ["DescentRun", "Verdict", "VERDICTS", "OPTIMIZERS", "PATH_STYLE", "ARROW_SCALE", "line_descent", "stepped_descent", "least_squares",
           "descent_verdict", "draw_path", "DescentFigure", "descent_paths", "lr_comparison", "loss_curves",
           "W_RANGE", "B_RANGE"]

OPTIMIZERS = {"SGD": SGD, "Momentum": Momentum, "Adam": Adam}
#: how each optimizer's path is drawn: easy to tell apart, and visible on every contour colour
PATH_STYLE = {
    "SGD": dict(color=PALETTE["orange"], marker="o", ls="-"),
    "Momentum": dict(color=PALETTE["sky"], marker="s", ls="-"),
    "Adam": dict(color=PALETTE["purple"], marker="^", ls="--"),
}
ARROW_SCALE = 3     # Momentum's arrows are drawn 3 times as long as the steps they push
_OUTLINE = [withStroke(linewidth=3.2, foreground=PALETTE["black"])]

VERDICTS = ("converged", "oscillating", "too slow", "diverging")
#: what each verdict means, in the learner's words (an oscillation still at its lowest is a zig-zag)
VERDICT_TEXT = {
    "converged": "converged: from step {settled} on, the loss stays at the best possible ({best:.3g})",
    "oscillating": "oscillating: it overshoots the minimum and swings back; closest at step {closest} "
                   "(loss {closest_loss:.3g}), now {final:.3g}",
    "zig-zag": "oscillating: it zig-zags across the valley (w − w* or b − b* changed sign {crossings} times) "
               "and the swings die out slowly: loss {final:.3g} after {steps} steps, best {best:.3g}",
    "too slow": "too slow: after {steps} steps it is still heading for the minimum (loss {final:.3g}, "
                "best {best:.3g}): a larger learning rate would get there",
    "diverging": "diverging: the steps overshoot further and further, and the loss grows",
    "nan": "stopped at step {nan_at}: w or b became nan (not a number), which no learning rate causes: "
           "a step divided 0 by 0 or took the square root of a negative number",
}


class DescentRun(NamedTuple):
    """A training run of y ~ w x + b: ``path`` (steps + 1, 2) of (w, b) after each step
    (row 0 is the start), ``losses`` (steps + 1,) the full-data MSE there, ``epochs``
    (steps + 1,) how many passes over the data each step completes, and for Momentum
    ``velocity`` (steps + 1, 2), its velocity v for (w, b) after each step (else None)."""

    path: np.ndarray
    losses: np.ndarray
    epochs: np.ndarray
    velocity: np.ndarray | None = None


class Verdict(NamedTuple):
    """What a run shows. kind: one of `VERDICTS`; closest: the step of the lowest loss;
    settled: for a converged run, the step from which its loss stays at the best
    possible (else -1); crossings: how often w - w* (or b - b*, whichever more) changed
    sign; text: the verdict in words."""

    kind: str
    closest: int
    settled: int
    crossings: int
    text: str


def least_squares(x: np.ndarray, y: np.ndarray) -> tuple[float, float, float]:
    """The exact best line for MSE: (w, b, its MSE). x, y: (m,)."""
    x, y = np.asarray(x, dtype=np.float64), np.asarray(y, dtype=np.float64)
    A = np.column_stack([x, np.ones_like(x)])
    (w, b), *_ = np.linalg.lstsq(A, y, rcond=None)
    return float(w), float(b), mse(w * x + b, y)


def line_descent(x: np.ndarray, y: np.ndarray, lr: float, steps: int, optimizer: str = "SGD",
                 start: Sequence[float] = (4.5, -1.5), batch_size: int | None = None,
                 seed: int = 0) -> DescentRun:
    """Fit y ~ w x + b by gradient descent on the MSE, from (w, b) = ``start``.

    Each step computes dL/dw and dL/db on a batch (all the data when ``batch_size`` is
    None, else a mini-batch of that size, shuffled each epoch with ``seed``) and lets
    ``optimizer`` ("SGD", "Momentum" or "Adam", from `nnlessons.optim`, learning rate
    ``lr``) update w and b. Returns a `DescentRun`; a diverging run stops early (its
    remaining rows are inf) once the loss passes 1e12.
    """
    if optimizer not in OPTIMIZERS:
        raise ValueError(f"unknown optimizer {optimizer!r}: choose one of {', '.join(OPTIMIZERS)}")
    x, y = np.asarray(x, dtype=np.float64), np.asarray(y, dtype=np.float64)
    m = len(x)
    bs = m if batch_size is None else int(batch_size)
    if not 1 <= bs <= m:
        raise ValueError(f"batch_size must be between 1 and the number of examples ({m}), got {batch_size!r}")
    opt = OPTIMIZERS[optimizer](lr)
    params = {"w": np.array([float(start[0])]), "b": np.array([float(start[1])])}
    path = np.full((steps + 1, 2), np.inf)
    losses = np.full(steps + 1, np.inf)
    velocity = np.zeros((steps + 1, 2)) if optimizer == "Momentum" else None
    epochs = np.arange(steps + 1) * bs / m
    rng = np.random.default_rng(seed)
    order = rng.permutation(m)
    pos = 0
    path[0] = params["w"][0], params["b"][0]
    losses[0] = mse(params["w"][0] * x + params["b"][0], y)
    for t in range(1, steps + 1):
        if pos + bs > m:
            order, pos = rng.permutation(m), 0
        idx = order[pos:pos + bs]
        pos += bs
        xb, yb = x[idx], y[idx]
        g = mse_grad(params["w"][0] * xb + params["b"][0], yb)  # dL/dprediction, (bs,)
        opt.step(params, {"w": np.array([g @ xb]), "b": np.array([g.sum()])})
        path[t] = params["w"][0], params["b"][0]
        losses[t] = mse(params["w"][0] * x + params["b"][0], y)
        if velocity is not None:
            velocity[t] = opt.state["w"]["buf"][0], opt.state["b"]["buf"][0]
        if losses[t] > 1e12:
            break
    return DescentRun(path, losses, epochs, velocity)


def stepped_descent(x: np.ndarray, y: np.ndarray, lr: float, steps: int, optimizer: str, step,
                    start: Sequence[float] = (4.5, -1.5)) -> DescentRun:
    """`line_descent` (full batch) with each update made by `step`, a function with an
    exercise's signature (exercise 07): for "SGD", ``gd_step(w, b, dw, db, lr) -> (w, b)``
    (floats); for "Adam", ``adam_step(p, dp, m, v, t, lr) -> (p, m, v)`` with p = [w, b]
    (2,) and t counted from 1. The gradients are the same as `line_descent`'s; a run that
    overflows or stops being a number stops there (its remaining rows are inf; a nan
    parameter stays nan in its row, so the verdict can tell it from an overshoot)."""
    if optimizer not in ("SGD", "Adam"):
        raise ValueError(f"stepped_descent takes a step function for SGD or Adam, not {optimizer!r}")
    x, y = np.asarray(x, dtype=np.float64), np.asarray(y, dtype=np.float64)
    p, m, v = np.array(start, dtype=np.float64), np.zeros(2), np.zeros(2)
    path = np.full((steps + 1, 2), np.inf)
    losses = np.full(steps + 1, np.inf)
    path[0], losses[0] = p, mse(p[0] * x + p[1], y)
    with np.errstate(all="ignore"):
        for t in range(1, steps + 1):
            g = mse_grad(p[0] * x + p[1], y)  # dL/dprediction, (m,)
            dw, db = g @ x, g.sum()
            if optimizer == "SGD":
                p = np.array([np.ravel(q)[0] for q in step(p[0], p[1], dw, db, lr)], dtype=np.float64)
            else:
                p, m, v = (np.asarray(q, dtype=np.float64).reshape(2) for q in step(p, np.array([dw, db]), m, v, t, lr))
            path[t], losses[t] = p, mse(p[0] * x + p[1], y)
            if not np.isfinite(losses[t]):  # nan (e.g. a square root of a negative v) or inf: stop there
                path[t], losses[t] = np.where(np.isnan(p), np.nan, np.inf), np.inf  # nan kept: the verdict says so
                break
            if losses[t] > 1e12:
                break
    return DescentRun(path, losses, np.arange(steps + 1, dtype=float))


def _sign_changes(d: np.ndarray) -> int:
    s = np.sign(d[d != 0])
    return int(np.sum(s[1:] != s[:-1]))


def descent_verdict(run: DescentRun, x: np.ndarray, y: np.ndarray) -> Verdict:
    """What the whole path of `run` shows, for any optimizer:

    - "diverging": the loss overflowed, or ended above where it started;
    - "converged": the loss is at the best possible (within 2 %) over the last tenth of
      the steps (at least 3), so it got there and stays;
    - "oscillating": not there, and it went past the minimum: w - w* or b - b* changed
      sign at least twice, or it had been at least twice as close as it is now;
    - "too slow": not there, and still heading for it (neither of the above).
    """
    w_best, b_best, best = least_squares(x, y)
    L = run.losses
    n = len(L) - 1
    closest = int(np.argmin(np.where(np.isfinite(L), L, np.inf)))
    excess = L - best
    near = np.isfinite(L) & (excess <= max(0.02 * best, 1e-4 * (L[0] - best)))
    far = np.flatnonzero(~near)
    settled = int(far[-1]) + 1 if far.size else 0
    d = run.path[np.all(np.isfinite(run.path), axis=1)] - (w_best, b_best)
    crossings = max(_sign_changes(d[:, 0]), _sign_changes(d[:, 1]))
    if not np.all(np.isfinite(L)) or L[-1] > L[0]:
        kind = "diverging"
    elif settled <= n + 1 - max(3, n // 10):
        kind = "converged"
    elif crossings >= 2 or excess[-1] > 2 * excess[closest]:
        kind = "oscillating"
    else:
        kind = "too slow"
    wording = "zig-zag" if kind == "oscillating" and closest == n else kind
    nan_rows = np.flatnonzero(np.any(np.isnan(run.path), axis=1))
    if nan_rows.size:  # nan is a slip in the step, not an overshoot (inf still is)
        wording = "nan"
    text = VERDICT_TEXT[wording].format(nan_at=int(nan_rows[0]) if nan_rows.size else -1, settled=settled, crossings=crossings, closest=closest,
                                     closest_loss=L[closest], final=L[-1], steps=n, best=best)
    return Verdict(kind, closest, settled if kind == "converged" else -1, crossings, text)


def draw_path(ax: Axes, path: np.ndarray, color: str | None = None, label: str | None = None,
              optimizer: str | None = None) -> Line2D:
    """Draw a descent path (k, 2) of (w, b) points with a start marker; in `optimizer`'s
    style (`PATH_STYLE`) when given, else as a line with dots in `color`. Returns the line."""
    finite = np.all(np.isfinite(path), axis=1)
    style = dict(PATH_STYLE.get(optimizer, dict(color=color, marker="o", ls="-")))
    if color is not None:
        style["color"] = color
    (line,) = ax.plot(path[finite, 0], path[finite, 1], ms=3.5, lw=1.6, label=label, zorder=3,
                      path_effects=_OUTLINE, **style)
    ax.plot(path[0, 0], path[0, 1], "s", color=PALETTE["black"], ms=6, zorder=4)
    return line


def _contours(ax: Axes, x, y, title: str, colorbar: bool = True, n: int = 61) -> None:
    """The MSE contours over W_RANGE x B_RANGE with the exact minimum as a star (on top)."""
    loss_contour(*mse_grid(x, y, W_RANGE, B_RANGE, n=n), ax=ax, title=title, colorbar=colorbar, star=False)
    w_best, b_best, _ = least_squares(x, y)
    ax.plot(w_best, b_best, marker="*", ms=14, color=PALETTE["yellow"], mec=PALETTE["black"], ls="none",
            label="minimum", zorder=6)
    ax.set_xlim(*W_RANGE)
    ax.set_ylim(*B_RANGE)


def _arrow(ax: Axes, color: str, label: str) -> FancyArrowPatch:
    arrow = FancyArrowPatch((0, 0), (0, 0), arrowstyle="simple,head_width=0.8,tail_width=0.3", mutation_scale=14,
                            fc=color, ec=PALETTE["black"], lw=0.8, zorder=5, label=label)
    ax.add_patch(arrow)
    return arrow


class DescentFigure(LiveFigure):
    """Lesson 07's figure: gradient descent on MSE(w, b) of y ~ w x + b, from `start`.

    Left, the path over the contours up to the chosen step (in the optimizer's style),
    the current (w, b) and, for Momentum, two arrows: the push of its velocity on the next
    step (-lr * beta * v) and the push of the gradient (-lr * g), both `ARROW_SCALE` times
    as long, so they show where the next step goes and why it overshoots. Right, the loss per step
    (the whole run faint, up to the step bold) and the verdict on the whole run.

    ``update(lr, optimizer, step)`` runs the training (cached per lr and optimizer) and
    returns ``lr``, ``optimizer``, ``step``, ``path`` (step + 1, 2), ``losses`` (step + 1,),
    ``w``, ``b``, ``loss``, ``verdict`` (a `VERDICTS` name), ``verdict_text``, ``label``
    (the verdict as written on the figure), ``text`` (the current step as written) and
    ``velocity_arrow`` / ``gradient_arrow`` ((start, end) as drawn, or None) and ``parted``
    (how many points of the path drawn part from the package's, 0 without a learner's step).

    functions: optimizer ("SGD", "Adam") -> a learner's step function (`stepped_descent`):
    that optimizer's path is iterated with it and its verdict is about that path; where it
    parts from the package's path, the package's path and loss are drawn faint, the
    learner's points marked, and the verdict label says "your".
    """

    def __init__(self, x: np.ndarray, y: np.ndarray, steps: int = 50, start: Sequence[float] = (4.5, -1.5),
                 dpi: int = 80, functions: Mapping[str, Any] | None = None):
        self.x, self.y = np.asarray(x, dtype=np.float64), np.asarray(y, dtype=np.float64)
        self.functions = dict(functions or {})  # optimizer -> a learner's step (`stepped_descent`)
        self.steps, self.start = steps, tuple(start)
        *_, self.best = least_squares(x, y)
        self._cache: dict = {}
        self.fig = new_figure(8.8, 3.7, dpi=dpi)
        ax_c, ax_l = self.fig.subplots(1, 2, width_ratios=[1.2, 1.0])
        _contours(ax_c, x, y, "", colorbar=False, n=61)
        (self.start_marker,) = ax_c.plot(*start, "s", color=PALETTE["black"], ms=7, label="start", zorder=4)
        self.star = ax_c.lines[0]
        (self.path_line,) = ax_c.plot([], [], ms=4.5, lw=2.0, mec=PALETTE["black"], mew=0.6, label="path", zorder=3)
        (self.here,) = ax_c.plot([], [], "o", ms=10, color="white", mec=PALETTE["black"], mew=1.5, label="now",
                                 zorder=5)
        self.v_arrow = _arrow(ax_c, PALETTE["yellow"], f"velocity: −lr·β·v (×{ARROW_SCALE})")
        self.g_arrow = _arrow(ax_c, "white", f"gradient: −lr·g (×{ARROW_SCALE})")
        ax_c.set_title("Gradient descent on MSE(w, b)", pad=30)
        # above the axes, where no path can pass under it
        self.legend = ax_c.legend(loc="lower center", bbox_to_anchor=(0.5, 1.0), ncol=3, fontsize=7.5,
                                  frameon=False, columnspacing=1.0, handletextpad=0.4)
        self.text = ax_c.text(0.98, 0.03, "", transform=ax_c.transAxes, ha="right", va="bottom", fontsize=9,
                              bbox=dict(boxstyle="round", fc="white", ec=PALETTE["grey"]), zorder=7)
        style_axes(ax_l, "", "step", "MSE (log scale)")
        ax_l.set_title("Loss per step", pad=20)
        ax_l.set_yscale("log")
        ax_l.set_xlim(-0.5, steps + 1)  # room for the dot at the last step
        ax_l.set_ylim(self.best / 2, 1e5)
        ax_l.axhline(self.best, color=PALETTE["grey"], ls=":", lw=1.5, label="best possible")
        (self.all_line,) = ax_l.plot([], [], lw=1.2, alpha=0.35, label="all steps")
        (self.done_line,) = ax_l.plot([], [], lw=2.4, label="up to this step")
        (self.loss_dot,) = ax_l.plot([], [], "o", ms=7, color="white", mec=PALETTE["black"], mew=1.5)
        self.verdict_label = ax_l.text(0.97, 0.96, "", transform=ax_l.transAxes, ha="right", va="top", fontsize=9,
                                       zorder=6, bbox=dict(boxstyle="round", fc="white", ec=PALETTE["grey"]))
        # above the axes: inside, every corner is crossed by some run's curve
        self.loss_legend = ax_l.legend(loc="lower center", bbox_to_anchor=(0.5, 1.0), ncol=3, fontsize=8,
                                       frameon=False)
        # a learner's step: the package's path and loss faint, marks where they part (hidden while they agree)
        self.beside_path, self.beside_loss = BesidePath(ax_c, self.path_line), Beside(ax_l, self.done_line)
        # drawn in z-order over the contours: the start and the star stay above the path
        self.animated = [self.path_line, self.start_marker, self.here, self.v_arrow, self.g_arrow, self.star,
                         self.text, self.all_line, self.done_line, self.loss_dot, self.verdict_label,
                         *self.beside_path.artists, *self.beside_loss.artists]
        self.optimizer = None

    def run(self, lr: float, optimizer: str) -> tuple[DescentRun, Verdict, DescentRun]:
        """The training run drawn (with the learner's step for `optimizer` when given), its
        verdict, and the package's run (computed once per lr and optimizer)."""
        key = (float(lr), optimizer)
        if key not in self._cache:
            package = line_descent(self.x, self.y, lr, self.steps, optimizer, start=self.start)
            run = package
            if optimizer in self.functions:
                run = stepped_descent(self.x, self.y, lr, self.steps, optimizer, self.functions[optimizer],
                                      start=self.start)
            self._cache = {key: (run, descent_verdict(run, self.x, self.y), package)}
        return self._cache[key]

    def _legends(self, optimizer: str) -> None:
        """Show `optimizer`'s path style in the legends, and Momentum's arrows only for Momentum."""
        self.optimizer = optimizer
        style = PATH_STYLE[optimizer]
        self.legend.get_lines()[2].set(**style)
        for t, handle in zip(self.legend.get_texts()[-2:], self.legend.legend_handles[-2:]):
            t.set_visible(optimizer == "Momentum")
            handle.set_visible(optimizer == "Momentum")
        for line in self.loss_legend.get_lines()[1:]:
            line.set_color(style["color"])
        self.background_stale = True

    def _pushes(self, run: DescentRun, lr: float, k: int) -> tuple:
        """Momentum's two pushes on the next step, as (start, end) pairs; (None, None) otherwise."""
        if run.velocity is None or not np.all(np.isfinite(run.path[k])):
            return None, None
        here = run.path[k]
        r = mse_grad(here[0] * self.x + here[1], self.y)
        g = np.array([r @ self.x, r.sum()])
        beta = Momentum(lr).beta
        return ((tuple(here), tuple(here - ARROW_SCALE * lr * beta * run.velocity[k])),
                (tuple(here), tuple(here - ARROW_SCALE * lr * g)))

    def update(self, lr: float, optimizer: str, step: int) -> dict[str, Any]:
        """Show the run of `optimizer` at learning rate `lr` up to `step`."""
        run, verdict, package = self.run(lr, optimizer)
        k = int(step)
        path, losses = run.path[: k + 1], run.losses[: k + 1]
        finite = np.all(np.isfinite(path), axis=1)
        style = PATH_STYLE[optimizer]
        self.path_line.set_data(path[finite, 0], path[finite, 1])
        self.path_line.set(**style)
        if optimizer != self.optimizer:        # the legends show the optimizer's style: redraw them once
            self._legends(optimizer)
        w_now, b_now = path[-1]
        loss_now = float(losses[-1])
        self.here.set_data([w_now], [b_now])
        v_push, g_push = self._pushes(run, lr, k)
        for arrow, push in ((self.v_arrow, v_push), (self.g_arrow, g_push)):
            arrow.set_visible(push is not None)
            if push is not None:
                arrow.set_positions(*push)
        steps_all = np.arange(len(run.losses))
        ok = np.isfinite(run.losses)
        for line in (self.all_line, self.done_line):
            line.set_color(style["color"])
        self.all_line.set_data(steps_all[ok], run.losses[ok])
        self.done_line.set_data(steps_all[: k + 1][ok[: k + 1]], losses[ok[: k + 1]])
        self.loss_dot.set_data([k], [loss_now])
        parted = self._beside(run, package, k, style["color"])
        if np.isfinite(loss_now):
            shown = f"step {k}: w = {w_now:.3g}, b = {b_now:.3g}, loss = {loss_now:.3g}"
            (w0, w1), (b0, b1) = self.text.axes.get_xlim(), self.text.axes.get_ylim()
            if not (w0 <= w_now <= w1 and b0 <= b_now <= b1):
                shown += " (off this plot)"
        elif np.isnan(run.path[: k + 1]).any():
            shown = f"step {k}: stopped at step {int(np.flatnonzero(np.isnan(run.path).any(axis=1))[0])}, nan"
        else:
            shown = f"step {k}: the loss overflowed (diverged)"
        self.text.set_text(shown)
        said = "nan, not an overshoot" if verdict.text.startswith("stopped at step") else verdict.kind
        label = f"{'your ' if parted else ''}{optimizer}, lr {lr:.3f}: {said}"
        self.verdict_label.set_text(label)
        return dict(lr=float(lr), optimizer=optimizer, step=k, path=path.copy(), losses=losses.copy(),
                    w=float(w_now), b=float(b_now), loss=loss_now, verdict=verdict.kind,
                    verdict_text=verdict.text, label=label, text=shown, velocity_arrow=v_push,
                    gradient_arrow=g_push, parted=parted)

    def _beside(self, run: DescentRun, package: DescentRun, k: int, color: str) -> int:
        """The package's path and loss faint beside a learner's run up to step `k`, marks
        where they part; hidden while they agree. Returns how many points of the path part."""
        if run is package:
            self.beside_path.hide()
            self.beside_loss.hide()
            return 0
        self.beside_loss.faint.set_color(color)
        self.beside_loss.show(np.arange(k + 1), run.losses[: k + 1], package.losses[: k + 1])
        return self.beside_path.show(run.path[: k + 1], package.path[: k + 1])


def descent_paths(x: np.ndarray, y: np.ndarray, runs: Mapping[str, DescentRun],
                  title: str = "Descent paths on the MSE(w, b) contours") -> Figure:
    """Several runs' paths over the contours (left) and their loss curves (right).

    x, y: the data (m,); runs: name -> `DescentRun` (e.g. from `line_descent`). A run whose
    name starts with an optimizer's name ("Adam, lr 0.2") is drawn in its `PATH_STYLE`.
    """
    fig = new_figure(9.4, 3.8)
    ax_c, ax_l = fig.subplots(1, 2, width_ratios=[1.15, 1.0])
    _contours(ax_c, x, y, title)
    style_axes(ax_l, "Loss per step", "step", "MSE (log scale)")
    *_, best = least_squares(x, y)
    for color, (name, run) in zip(CYCLE[1:], runs.items()):
        opt = next((o for o in OPTIMIZERS if name.startswith(o)), None)
        line = draw_path(ax_c, run.path, None if opt else color, name, opt)
        ax_l.plot(np.arange(len(run.losses)), run.losses, lw=2, color=line.get_color(), ls=line.get_linestyle(),
                  label=name)
    ax_l.axhline(best, color=PALETTE["grey"], ls=":", lw=1.5, label="best possible")
    ax_l.set_yscale("log")
    ax_c.legend(loc="upper left", fontsize=8, framealpha=0.9)
    ax_l.legend(fontsize=8)
    return fig


def lr_comparison(x: np.ndarray, y: np.ndarray, lrs: Sequence[float] = (0.01, 0.1, 0.29), steps: int = 40,
                  optimizer: str = "SGD") -> Figure:
    """The same training with several learning rates, side by side: for each, its path
    over the loss contours (top) and its loss curve (bottom), titled with the verdict
    on the whole run (`descent_verdict`)."""
    n = len(lrs)
    fig = new_figure(3.3 * n, 6.2)
    axes = fig.subplots(2, n, squeeze=False)
    *_, best = least_squares(x, y)
    runs = [line_descent(x, y, lr, steps, optimizer) for lr in lrs]
    top = max(float(np.max(r.losses[np.isfinite(r.losses)])) for r in runs)
    colors = [PALETTE["orange"], PALETTE["green"], PALETTE["vermillion"], PALETTE["sky"], PALETTE["purple"]]
    for j, (lr, run) in enumerate(zip(lrs, runs)):
        verdict = descent_verdict(run, x, y).kind
        color = colors[j % len(colors)]
        ax_c, ax_l = axes[0, j], axes[1, j]
        _contours(ax_c, x, y, f"lr = {lr:g}: {verdict}", colorbar=j == n - 1)
        draw_path(ax_c, run.path, color)
        style_axes(ax_l, f"loss, lr = {lr:g}", "step", "MSE (log scale)")
        ax_l.plot(np.arange(len(run.losses)), run.losses, lw=2, color=color, label=f"lr = {lr:g}")
        ax_l.axhline(best, color=PALETTE["grey"], ls=":", lw=1.5, label="best possible")
        ax_l.set_yscale("log")
        ax_l.set_ylim(best / 2, top * 2)  # the same scale in every panel
        ax_l.legend(fontsize=8)
    fig.suptitle(f"The same {optimizer} training with {n} learning rates ({steps} steps each)")
    return fig


def loss_curves(histories: Mapping[str, Sequence[float]], title: str = "Loss during training",
                xlabel: str = "step", log: bool = True, ax: Axes | None = None,
                ylim: Sequence[float] | None = None,
                x_values: Mapping[str, Sequence[float]] | None = None) -> Figure:
    """Loss curves, one line per named history (a sequence of losses, one per step/epoch).

    x_values: optional name -> the x position of each loss (e.g. epochs); default 0, 1, 2, ...

    Non-finite or huge losses (a diverging run) are clipped to the top of the plot so
    the curve shows where it left. Draws into ``ax`` when given; returns the Figure.
    """
    if ax is None:
        fig = new_figure(5.0, 3.2)
        ax = fig.add_subplot()
    else:
        fig = ax.figure
    style_axes(ax, title, xlabel, "loss")
    for name, h in histories.items():
        h = np.asarray(h, dtype=np.float64)
        xs = np.arange(len(h)) if x_values is None or name not in x_values else np.asarray(x_values[name])
        ax.plot(xs, np.where(np.isfinite(h), h, np.nan), lw=2, label=name)
    if log:
        ax.set_yscale("log")
    if ylim is not None:
        ax.set_ylim(*ylim)
    ax.legend(fontsize=8)
    return fig
