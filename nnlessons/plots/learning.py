"""Figures for learning: gradient descent on the MSE of a line, descent paths over the
loss contours, and the same training with different learning rates or optimizers.

`line_descent` runs the training (with `nnlessons.optim`) and returns its path; the
figure functions draw such paths. Each figure function returns a matplotlib `Figure`.
"""
from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import NamedTuple

import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.lines import Line2D

from ..losses import mse, mse_grad
from ..optim import SGD, Adam, Momentum
from .networks import loss_contour, mse_grid
from .style import CYCLE, PALETTE, new_figure, style_axes

__all__ = ["DescentRun", "OPTIMIZERS", "line_descent", "least_squares", "convergence_verdict",
           "draw_path", "descent_paths", "lr_comparison", "W_RANGE", "B_RANGE"]

W_RANGE = (-1.0, 5.0)
B_RANGE = (-2.0, 4.0)
OPTIMIZERS = {"SGD": SGD, "Momentum": Momentum, "Adam": Adam}


class DescentRun(NamedTuple):
    """A training run of y ~ w x + b: ``path`` (steps + 1, 2) of (w, b) after each step
    (row 0 is the start), ``losses`` (steps + 1,) the full-data MSE there, and
    ``epochs`` (steps + 1,) how many passes over the data each step completes."""

    path: np.ndarray
    losses: np.ndarray
    epochs: np.ndarray


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
        if losses[t] > 1e12:
            break
    return DescentRun(path, losses, epochs)


def convergence_verdict(run: DescentRun, x: np.ndarray, y: np.ndarray) -> str:
    """"diverging", "too slow" or "good": how far the run's last loss is from the best
    possible, as a fraction of where it started."""
    *_, best = least_squares(x, y)
    gap = (run.losses[-1] - best) / max(run.losses[0] - best, 1e-300)
    if not np.isfinite(gap) or gap > 1.0:
        return "diverging"
    if gap > 1e-3:
        return "too slow"
    return "good"


def draw_path(ax: Axes, path: np.ndarray, color: str, label: str | None = None) -> Line2D:
    """Draw a descent path (k, 2) of (w, b) points: a line with dots and a start marker. Returns the line."""
    finite = np.all(np.isfinite(path), axis=1)
    (line,) = ax.plot(path[finite, 0], path[finite, 1], "-o", color=color, ms=3, lw=1.6, label=label, zorder=3)
    ax.plot(path[0, 0], path[0, 1], "s", color=PALETTE["black"], ms=6, zorder=4)
    return line


def _contours(ax: Axes, x, y, title: str, colorbar: bool = True) -> None:
    Wg, Bg, L = mse_grid(x, y, W_RANGE, B_RANGE, n=81)
    loss_contour(Wg, Bg, L, ax=ax, title=title, colorbar=colorbar)
    ax.set_xlim(*W_RANGE)
    ax.set_ylim(*B_RANGE)


def descent_paths(x: np.ndarray, y: np.ndarray, runs: Mapping[str, DescentRun],
                  title: str = "Descent paths on the MSE(w, b) contours") -> Figure:
    """Several runs' paths over the contours (left) and their loss curves (right).

    x, y: the data (m,); runs: name -> `DescentRun` (e.g. from `line_descent`).
    """
    fig = new_figure(9.4, 3.8)
    ax_c, ax_l = fig.subplots(1, 2, width_ratios=[1.15, 1.0])
    _contours(ax_c, x, y, title)
    style_axes(ax_l, "Loss per step", "step", "MSE (log scale)")
    *_, best = least_squares(x, y)
    for color, (name, run) in zip(CYCLE[1:], runs.items()):
        draw_path(ax_c, run.path, color, name)
        ax_l.plot(np.arange(len(run.losses)), run.losses, lw=2, color=color, label=name)
    ax_l.axhline(best, color=PALETTE["grey"], ls=":", lw=1.5, label="best possible")
    ax_l.set_yscale("log")
    ax_c.legend(loc="upper left", fontsize=8, framealpha=0.9)
    ax_l.legend(fontsize=8)
    return fig


def lr_comparison(x: np.ndarray, y: np.ndarray, lrs: Sequence[float] = (0.01, 0.1, 0.29), steps: int = 40,
                  optimizer: str = "SGD") -> Figure:
    """The same training with several learning rates, side by side: for each, its path
    over the loss contours (top) and its loss curve (bottom), titled with the verdict
    (too slow / good / diverging)."""
    n = len(lrs)
    fig = new_figure(3.3 * n, 6.2)
    axes = fig.subplots(2, n, squeeze=False)
    *_, best = least_squares(x, y)
    runs = [line_descent(x, y, lr, steps, optimizer) for lr in lrs]
    top = max(float(np.max(r.losses[np.isfinite(r.losses)])) for r in runs)
    colors = [PALETTE["orange"], PALETTE["green"], PALETTE["vermillion"], PALETTE["sky"], PALETTE["purple"]]
    for j, (lr, run) in enumerate(zip(lrs, runs)):
        verdict = convergence_verdict(run, x, y)
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
