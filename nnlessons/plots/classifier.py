"""Lesson 09's figure of a 2-D classifier while it trains: `ClassifierPlot`, a live figure.

Left, the plane coloured by the class the network predicts at each point (paler near
the decision boundary, where it is unsure), with the training points (filled) and the
held-out points (hollow: the network never trains on them). Right, optionally, the
training loss after each update and the accuracy on both sets of points. When a learner's
gradients train the network and part from the package's, the loss panel also draws the
package's loss curve faint and a ✗ at the first update whose gradients differed.
`classifier_figure` is the static version a lesson shows.
"""
from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import numpy as np
from matplotlib.colors import to_rgb
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.ticker import MaxNLocator

from .beside import FAINT_ALPHA
from .live import LiveFigure
from .networks import grid_points
from .style import CLASS_COLORS, PALETTE, new_figure, style_axes

__all__ = ["GRID", "region_image", "ClassifierPlot", "classifier_figure"]

GRID = 56
"""The live figure evaluates the network on a GRID x GRID lattice (a static one on a finer one)."""

_MARKERS = ("o", "^", "s", "D")          # one shape per class, so colour is not the only cue
_SYMBOLS = ("\u25cf", "\u25b2", "\u25a0", "\u25c6")
_STEPS = (10, 50, 100, 200, 500, 1000, 2000, 5000, 10_000, 20_000, 50_000)


def region_image(proba: np.ndarray, k: int) -> np.ndarray:
    """Colour each grid point by its predicted class, paler where the network is unsure.

    proba (g, g, k) class probabilities -> RGB image (g, g, 3): the probability-weighted
    mix of the class colours, blended with white by the confidence
    ((max p - 1/k) / (1 - 1/k)), so the decision boundary shows as a pale band.
    """
    colors = np.array([to_rgb(c) for c in CLASS_COLORS[:k]])
    mix = proba @ colors                                          # (g, g, 3)
    conf = (proba.max(axis=-1) - 1.0 / k) / (1.0 - 1.0 / k)       # 0 on the boundary, 1 sure
    alpha = (0.15 + 0.5 * conf)[..., None]
    return (1 - alpha) + alpha * mix


def _axis_end(n: int) -> int:
    """The x range of a curve panel: the first of 10, 50, 100, 200, 500, ... that holds n steps
    (so the axis, drawn once as the background, changes rarely)."""
    return next((s for s in _STEPS if s >= n), n)


def _step_range(n: int) -> tuple[float, float]:
    """The x limits of a curve panel for n steps: a little room left of step 0 for its dot."""
    end = _axis_end(n)
    return -0.03 * end, float(end)


class ClassifierPlot(LiveFigure):
    """A 2-D classifier: its class regions with the points, and (``curves``) the training
    loss and the training / held-out accuracy after each update.

    X (m, 2), y (m,): the training points (filled markers); X_heldout, y_heldout: the
    held-out points (hollow markers), optional. curves: which curve panels to draw,
    a subset of ("loss", "accuracy").
    ``update(predict_proba, loss, train_acc, heldout_acc, title, data, package_loss, parted)``:
    see `update`.
    """

    def __init__(self, X: np.ndarray, y: np.ndarray, X_heldout: np.ndarray | None = None,
                 y_heldout: np.ndarray | None = None, curves: Sequence[str] = ("loss", "accuracy"),
                 width: float | None = None, height: float = 3.3, dpi: int = 80, grid: int = GRID):
        self.n_grid = grid
        self.curves = tuple(curves)
        self.fig = new_figure(width or 3.6 + 3.0 * len(self.curves), height, dpi=dpi)
        axes = self.fig.subplots(1, 1 + len(self.curves), squeeze=False,
                                 gridspec_kw={"width_ratios": [1.15] + [1] * len(self.curves)})[0]
        self.ax, panels = axes[0], dict(zip(self.curves, axes[1:]))
        self._draw_regions_panel()
        self.loss_line = self._draw_loss_panel(panels["loss"]) if "loss" in panels else None
        self.acc_lines = self._draw_accuracy_panel(panels["accuracy"]) if "accuracy" in panels else ()
        self.ax_loss, self.ax_acc = panels.get("loss"), panels.get("accuracy")
        self.animated = [self.image, *self.points, *self.keys, self.title, *self.ax.spines.values(),
                         *([self.loss_line, *self.parting] if self.loss_line else []), *self.acc_lines]
        self.data = None
        self.set_data(X, y, X_heldout, y_heldout)
        self.background_stale = False      # nothing drawn yet: the first render draws it all

    # ------------------------------------------------------------------ drawing, once
    def _draw_regions_panel(self) -> None:
        ax = self.ax
        g = self.n_grid
        self.image = ax.imshow(np.ones((g, g, 3)), origin="lower", extent=(0, 1, 0, 1), aspect="auto",
                               interpolation="nearest", zorder=0)
        # markers of a Line2D, not a scatter: Agg stamps one rendered marker, several times faster
        self.train_points = [ax.plot([], [], linestyle="none", marker=_MARKERS[c], markersize=4.6,
                                     markerfacecolor=CLASS_COLORS[c], markeredgecolor="black",
                                     markeredgewidth=0.4, zorder=2)[0]
                             for c in range(len(CLASS_COLORS))]
        self.heldout_points = [ax.plot([], [], linestyle="none", marker=_MARKERS[c], markersize=4.8,
                                       markerfacecolor="white", markeredgecolor=CLASS_COLORS[c],
                                       markeredgewidth=1.3, zorder=2.1)[0]
                               for c in range(len(CLASS_COLORS))]
        self.points = self.train_points + self.heldout_points
        box = dict(boxstyle="square,pad=0.1", facecolor="white", edgecolor="none", alpha=0.75)
        self.keys = [ax.text(0.98, 0.97 - 0.075 * c, f"{_SYMBOLS[c]} class {c}", color=CLASS_COLORS[c],
                             fontsize=8, fontweight="bold", ha="right", va="top", transform=ax.transAxes,
                             zorder=3, bbox=box)
                     for c in range(len(CLASS_COLORS))]
        # the accuracy panel's legend says which markers are which; without it, this note does
        self.keys.append(ax.text(0.02, 0.02, "filled: training points\nhollow: held-out points",
                                 fontsize=7.5, ha="left", va="bottom", transform=ax.transAxes,
                                 zorder=3, bbox=box))
        style_axes(ax, "", "input $x_1$", "input $x_2$", grid=False)
        ax.xaxis.set_major_locator(MaxNLocator(5))
        ax.yaxis.set_major_locator(MaxNLocator(5))
        ax.tick_params(labelsize=8)
        self.title = ax.set_title(" ", fontsize=10)

    def _draw_loss_panel(self, ax):
        (line,) = ax.plot([], [], color=PALETTE["black"], linewidth=1.6, marker="o", markersize=5,
                          markevery=[-1])       # a dot marks the value now (the only one before training)
        style_axes(ax, "Training loss", "update step", "cross-entropy (training points)")
        ax.yaxis.label.set_fontsize(9)
        ax.xaxis.set_major_locator(MaxNLocator(4, integer=True))
        ax.yaxis.set_major_locator(MaxNLocator(4))
        ax.set_xlim(*_step_range(1))
        ax.set_ylim(0, 2)
        self.guess_line = ax.axhline(np.log(2), color=PALETTE["grey"], linestyle=":", linewidth=1.2)
        self.guess_text = ax.text(0.97, np.log(2), "", transform=ax.get_yaxis_transform(), ha="right",
                                  va="bottom", fontsize=8, color="#555555")
        # a learner's gradients that part from the package's: its loss faint, a ✗ where they parted
        (self.package_line,) = ax.plot([], [], color=PALETTE["black"], linewidth=4.1, alpha=FAINT_ALPHA,
                                       solid_capstyle="round", zorder=line.get_zorder() - 0.05, visible=False)
        (self.parted_mark,) = ax.plot([], [], linestyle="none", marker="x", markersize=9, markeredgewidth=2.2,
                                      color=PALETTE["vermillion"], zorder=line.get_zorder() + 0.1, visible=False)
        self.parted_text = ax.text(0.97, 0.96, "✗ your gradients differ from here\nfaint: the package's training",
                                   fontsize=8, color=PALETTE["vermillion"], ha="right", va="top",
                                   transform=ax.transAxes, zorder=line.get_zorder() + 0.1, visible=False,
                                   bbox=dict(boxstyle="square,pad=0.2", facecolor="white", edgecolor="none",
                                             alpha=0.8))
        self.parting = [self.package_line, self.parted_mark, self.parted_text]
        return line

    def _draw_accuracy_panel(self, ax) -> tuple:
        black, vermillion = PALETTE["black"], PALETTE["vermillion"]
        (train,) = ax.plot([], [], color=black, linewidth=1.6, marker="o", markersize=5, markevery=[-1])
        (held,) = ax.plot([], [], color=vermillion, linewidth=1.8, linestyle="--", marker="o", markersize=5,
                          markerfacecolor="white", markeredgewidth=1.3, markevery=[-1])
        style_axes(ax, "Accuracy", "update step", "correctly classified (%)")
        ax.yaxis.label.set_fontsize(9)
        ax.xaxis.set_major_locator(MaxNLocator(4, integer=True))
        ax.set_xlim(*_step_range(1))
        ax.set_ylim(0, 102)
        # the legend shows the regions panel's markers too: filled = training, hollow = held-out
        keys = [Line2D([], [], color=black, linewidth=1.6, marker="o", markersize=5),
                Line2D([], [], color=vermillion, linewidth=1.8, linestyle="--", marker="o", markersize=5,
                       markerfacecolor="white", markeredgewidth=1.3)]
        ax.legend(keys, ["training points (filled)", "held-out points (hollow)"], loc="lower right",
                  fontsize=8)
        return train, held

    # ------------------------------------------------------------------ data and updates
    def set_data(self, X: np.ndarray, y: np.ndarray, X_heldout: np.ndarray | None = None,
                 y_heldout: np.ndarray | None = None) -> None:
        """Show these points and fit the regions panel (with a margin) to all of them."""
        X = np.asarray(X, dtype=np.float64)
        y = np.asarray(y)
        Xh = np.empty((0, 2)) if X_heldout is None else np.asarray(X_heldout, dtype=np.float64)
        yh = np.empty(0, dtype=int) if y_heldout is None else np.asarray(y_heldout)
        self.data = (X, y, X_heldout, y_heldout)
        self.k = int(max(y.max(), yh.max() if yh.size else 0)) + 1
        for c in range(len(CLASS_COLORS)):
            for line, P, labels in ((self.train_points[c], X, y), (self.heldout_points[c], Xh, yh)):
                line.set_data(P[labels == c, 0], P[labels == c, 1])
                line.set_visible(c < self.k and bool(np.any(labels == c)))
            self.keys[c].set_visible(c < self.k)
        self.keys[-1].set_visible(len(Xh) > 0 and not self.acc_lines)
        if self.loss_line is not None:     # the loss of a network that gives every class 1/k
            self.guess_line.set_ydata([np.log(self.k)] * 2)
            self.guess_text.set_y(np.log(self.k))
            self.guess_text.set_text(f"guessing (every class 1/{self.k}): ln {self.k} = {np.log(self.k):.2f}")
        every = np.vstack([X, Xh])
        lo, hi = every.min(axis=0), every.max(axis=0)
        pad = 0.12 * (hi - lo)
        (x0, y0), (x1, y1) = lo - pad, hi + pad
        self.extent = (x0, x1, y0, y1)
        self.grid = grid_points(self.extent, self.n_grid)
        self.image.set_extent(self.extent)
        self.ax.set_xlim(x0, x1)
        self.ax.set_ylim(y0, y1)
        self.background_stale = True

    def _set_curve(self, line, ax, values: Sequence[float], scale: float = 1.0) -> None:
        values = scale * np.asarray(values if values is not None else [], dtype=np.float64)
        line.set_data(np.arange(len(values)), values)
        xlim = _step_range(max(1, len(values) - 1))
        if ax.get_xlim() != xlim:
            ax.set_xlim(*xlim)
            self.background_stale = True

    def update(self, predict_proba: Callable[[np.ndarray], np.ndarray], loss: Sequence[float] | None = None,
               train_acc: Sequence[float] | None = None, heldout_acc: Sequence[float] | None = None,
               title: str = "", data: tuple | None = None, package_loss: Sequence[float] | None = None,
               parted: int | None = None) -> dict[str, Any]:
        """Show the model ``predict_proba`` ((n, 2) -> (n, k) probabilities) and its history.

        loss: the training loss after 0, 1, 2, ... updates; train_acc, heldout_acc: the
        accuracies (0-1) after each update; title: the regions panel's title; data:
        (X, y, X_heldout, y_heldout) to show other points (None: keep them); package_loss:
        the loss of the same network trained with the package's gradients, drawn faint
        (when a learner's gradients trained `loss`); parted: the first update whose
        gradients (the learner's) differed from the package's, marked ✗ on the loss curve.
        Returns ``proba`` (grid, grid, k), the last ``loss``, ``train_accuracy`` and
        ``heldout_accuracy`` shown (None where not given) and the ``title``.
        """
        if data is not None and any(new is not old for new, old in zip(data, self.data)):
            self.set_data(*data)
        proba = np.asarray(predict_proba(self.grid)).reshape(self.n_grid, self.n_grid, -1)
        self.image.set_data(region_image(proba, self.k))
        self.title.set_text(title)
        if self.loss_line is not None:
            self._set_curve(self.loss_line, self.ax_loss, loss)
            self._fit_loss_axis(loss)
            self._show_parting(loss, package_loss, parted)
        for line, values in zip(self.acc_lines, (train_acc, heldout_acc)):
            self._set_curve(line, self.ax_acc, values, scale=100.0)

        def last(values):
            return float(values[-1]) if values is not None and len(values) else None
        return dict(proba=proba, loss=last(loss), train_accuracy=last(train_acc),
                    heldout_accuracy=last(heldout_acc), title=title)

    def _show_parting(self, loss, package_loss, parted: int | None) -> None:
        """The package's loss faint (from the step where they parted) and the ✗; hidden when None."""
        losses = np.asarray(loss if loss is not None else [], dtype=np.float64)
        marked = parted is not None and parted < len(losses)
        for artist in self.parting:
            artist.set_visible(marked)
        if not marked:
            return
        theirs = np.asarray(package_loss if package_loss is not None else [], dtype=np.float64)
        self.package_line.set_data(np.arange(parted, len(theirs)), theirs[parted:])
        y = losses[parted] if np.isfinite(losses[parted]) else 0.0
        self.parted_mark.set_data([parted], [y])

    def _fit_loss_axis(self, loss: Sequence[float] | None) -> None:
        """Loss axis from 0 to 2 (an untrained network on 2-4 classes starts below), or to 5
        when the loss goes higher: a coarse scale, so the axis (drawn once) rarely changes."""
        losses = np.asarray(loss if loss is not None else [], dtype=np.float64)
        finite = losses[np.isfinite(losses)]
        end = 5.0 if finite.size and finite.max() > 1.95 else 2.0
        if self.ax_loss.get_ylim()[1] != end:
            self.ax_loss.set_ylim(0, end)
            self.background_stale = True


def classifier_figure(model, X: np.ndarray, y: np.ndarray, loss_history: Sequence[float] | None = None,
                      title: str = "Decision regions", X_heldout: np.ndarray | None = None,
                      y_heldout: np.ndarray | None = None) -> Figure:
    """A static figure of a trained 2-D classifier: its regions and points (and the loss curve).

    model: anything with ``predict_proba(X (n, 2)) -> (n, k)``; X (m, 2), y (m,) the
    training points; X_heldout, y_heldout optional held-out points (drawn hollow).
    """
    curves = ("loss",) if loss_history is not None else ()
    plot = ClassifierPlot(X, y, X_heldout, y_heldout, curves=curves, width=7.6 if curves else 4.2,
                          height=3.4, dpi=90, grid=150)   # a finer grid: drawn once
    plot.update(model.predict_proba, loss_history, title=title)
    if curves:                       # drawn once: the loss axis can fit the curve closely
        losses = np.asarray(loss_history, dtype=np.float64)
        top = max(float(np.max(losses[np.isfinite(losses)], initial=0.0)), float(np.log(plot.k)))
        plot.ax_loss.set_ylim(0, 1.15 * top)
    return plot.fig
