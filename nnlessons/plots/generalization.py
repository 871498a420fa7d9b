"""Figures for lesson 11 (generalization): a big network overfits a few noisy points,
L2 weight decay keeps its weights small and its boundary smooth, early stopping keeps
the weights of the best validation epoch.

* `noisy_moons_split`: the lesson's data, 30 noisy moons to train on and 200 to validate.
* `decay_run`: one training with weight decay lambda (full-batch gradient descent with
  `nnlessons.training.train`): its loss curves and final weights, a `DecayRun` (`as_run`
  makes one from a model you trained yourself).
* `boundaries`: one panel per model: its class regions and boundary over the points.
* `loss_curves`: the training and validation loss per epoch, early stopping marked.
* `WeightDecayFigure`: the widget's live figure. For the run of the chosen lambda: the
  boundary, the size of each layer's weights (lambda = 0's outlined) and both loss
  curves with the epoch early stopping keeps; `weight_decay_figure` is its static version.

Colours: the classes as everywhere in the course (class 0 blue, class 1 orange);
training loss black, validation loss (reddish) purple, early stopping green.
"""
from __future__ import annotations

import time
from collections.abc import Callable, Mapping
from typing import Any, NamedTuple

import numpy as np
from contourpy import contour_generator
from matplotlib.colors import to_rgb
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch

from ..activations import softmax
from ..data import make_moons
from ..layers import mlp_forward
from ..optim import SGD
from ..training import MLP, History, early_stopping_epoch, l2_grads, train
from .beside import FAINT_ALPHA, Beside, differing
from .live import LiveFigure
from .style import CLASS_COLORS, PALETTE, new_figure, style_axes

__all__ = ["noisy_moons_split", "DecayRun", "as_run", "decay_run", "gradients", "weight_norms", "lam_label", "boundaries",
           "loss_curves", "WeightDecayFigure", "weight_decay_figure", "TRAIN_COLOR", "VAL_COLOR",
           "STOP_COLOR"]

TRAIN_COLOR = PALETTE["black"]
VAL_COLOR = PALETTE["purple"]
STOP_COLOR = PALETTE["green"]
PredictProba = Callable[[np.ndarray], np.ndarray]
Decay = Callable[[dict, dict, float], "dict | None"]


def noisy_moons_split(n_train: int = 30, n_val: int = 200, noise: float = 0.25,
                      seed: int = 3) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Noisy moons (`make_moons`, shuffled), the first ``n_train`` to train on and the
    other ``n_val`` held out for validation: (X_train (n_train, 2), y_train (n_train,),
    X_val (n_val, 2), y_val (n_val,))."""
    X, y = make_moons(n_train + n_val, noise=noise, seed=seed)
    return X[:n_train], y[:n_train], X[n_train:], y[n_train:]


class DecayRun(NamedTuple):
    """One training with weight decay ``lam``: the training loss (epochs,) (the
    cross-entropy of each epoch's step, without the penalty), the validation loss
    (epochs,) after each epoch, the final training and validation accuracies (in [0, 1])
    and the final ``params`` (W1, b1, ..., WL, bL)."""

    lam: float
    train_loss: np.ndarray
    val_loss: np.ndarray
    train_acc: float
    val_acc: float
    params: dict


def as_run(lam: float, model, history: History) -> DecayRun:
    """The `DecayRun` of a model already trained by `train` with weight decay ``lam`` and
    validation data (its `History`)."""
    if not history.val_loss:
        raise ValueError("the history has no validation loss: train with X_val=..., y_val=... given.")
    return DecayRun(float(lam), np.array(history.epoch_loss), np.array(history.val_loss), history.train_acc[-1],
                    history.val_acc[-1], model.params)


def decay_run(X: np.ndarray, y: np.ndarray, X_val: np.ndarray, y_val: np.ndarray, lam: float,
              epochs: int = 1000, lr: float = 0.3, sizes: tuple[int, ...] = (2, 64, 64, 2),
              seed: int = 0, decay: Decay | None = None, seconds: float | None = None) -> DecayRun:
    """Train a ReLU `MLP` of these layer ``sizes`` (He initialisation from ``seed``) on
    (X, y) by full-batch gradient descent with learning rate ``lr`` and weight decay
    ``lam`` for ``epochs`` epochs, measuring (X_val, y_val) after each; a `DecayRun`.

    decay: the gradients of the loss plus the penalty, ``decay(grads, params, lam) -> grads``
    (e.g. a learner's ``l2_grads``; default: `nnlessons.training.l2_grads`); one that returns
    None stops the training there. seconds: stop after the first whole chunk of epochs
    (`CHUNK`) that ends past this many seconds (None: train every epoch). A run cut short
    has fewer epochs (at least one chunk)."""
    model = MLP(list(sizes), seed=seed)
    if decay is None and seconds is None:
        return as_run(lam, model, train(model, X, y, SGD(lr), epochs=epochs, X_val=X_val, y_val=y_val,
                                        weight_decay=lam))
    decayed, history, optimizer = _Decayed(model, decay or l2_grads, lam), History(), SGD(lr)
    start = time.perf_counter()
    while len(history.val_loss) < epochs and not decayed.stopped:
        train(decayed, X, y, optimizer, epochs=min(CHUNK, epochs - len(history.val_loss)), X_val=X_val,
              y_val=y_val, history=history)
        if seconds is not None and time.perf_counter() - start > seconds:
            break
    return as_run(lam, model, _whole_epochs(history, decayed.steps))


def gradients(X: np.ndarray, y: np.ndarray, params: dict) -> dict:
    """The gradients of the mean cross-entropy on (X, y) of the ReLU net with these params
    (`decay_run`'s nets), without any decay: {"W1": ..., "b1": ..., ...}."""
    model = MLP([params["W1"].shape[0]] + [params[f"W{l}"].shape[1] for l in range(1, len(params) // 2 + 1)])
    model.params = params
    return model.loss_and_grads(X, y)[1]


CHUNK = 25
"""Epochs trained between two looks at the clock (`decay_run` with ``seconds``)."""


class _Decayed:
    """`model` whose gradients are `decay(grads, params, lam)` (for `train`, which then adds
    no decay of its own); `decay` returning None stops it: from then on a step changes
    nothing (zero gradients) and `stopped` is True; `steps` counts the decayed steps."""

    def __init__(self, model: MLP, decay: Decay, lam: float):
        self.model, self.decay, self.lam = model, decay, float(lam)
        self.params = model.params
        self.stopped, self.steps = False, 0

    def predict_proba(self, X: np.ndarray) -> np.ndarray:
        return self.model.predict_proba(X)

    def loss_and_grads(self, X: np.ndarray, y: np.ndarray) -> tuple[float, dict]:
        loss, grads = self.model.loss_and_grads(X, y)
        out = None if self.stopped else self.decay(grads, self.params, self.lam)
        if out is None:
            self.stopped = True
            return loss, {k: np.zeros_like(v) for k, v in self.params.items()}
        self.steps += 1
        return loss, out


def _whole_epochs(history: History, steps: int) -> History:
    """`history` cut to its first `steps` epochs (those whose step was taken), at least one."""
    n = max(1, min(steps, len(history.val_loss)))
    return History(history.step_loss[:n], history.epoch_loss[:n], history.train_acc[:n], history.val_acc[:n],
                   history.val_loss[:n])


def weight_norms(params: Mapping[str, np.ndarray]) -> dict[str, float]:
    """The size of each weight matrix, ``{"W1": ||W1||, ...}``: the square root of the sum
    of its squared entries (so the L2 penalty is (lambda / 2) * the sum of their squares)."""
    return {k: float(np.sqrt(np.sum(np.square(v)))) for k, v in params.items() if k.startswith("W")}


def lam_label(lam: float) -> str:
    """'λ = 0 (no decay)' or 'λ = 0.003'."""
    return "λ = 0 (no decay)" if lam == 0 else f"λ = {lam:g}"


# ------------------------------------------------------------------------ the plane
class _Plane:
    """A g x g grid over the points (and the origin, if asked): where the class regions
    and the boundary of a 2-D classifier are evaluated."""

    def __init__(self, points: np.ndarray, n: int = 64, with_origin: bool = False, pad: float = 0.12):
        pts = np.vstack([points, np.zeros((1, 2))]) if with_origin else np.asarray(points)
        lo, hi = pts.min(axis=0), pts.max(axis=0)
        lo, hi = lo - pad * (hi - lo), hi + pad * (hi - lo)
        self.extent = (lo[0], hi[0], lo[1], hi[1])
        self.xs, self.ys = np.linspace(lo[0], hi[0], n), np.linspace(lo[1], hi[1], n)
        gx, gy = np.meshgrid(self.xs, self.ys)
        self.points = np.column_stack([gx.ravel(), gy.ravel()])

    def proba(self, predict_proba: PredictProba) -> np.ndarray:
        """P(class 1) on the grid, (g, g) (rows: x2 from bottom to top)."""
        return predict_proba(self.points)[:, 1].reshape(len(self.ys), len(self.xs))

    def boundary(self, p1: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """The boundary P(class 1) = 0.5 as one line's (x, y) data, pieces separated by nan."""
        pieces = contour_generator(self.xs, self.ys, p1).lines(0.5)
        if not pieces:
            return np.array([]), np.array([])
        joined = np.concatenate([np.vstack([p, [np.nan, np.nan]]) for p in pieces])
        return joined[:, 0], joined[:, 1]


_RGB = np.array([to_rgb(c) for c in CLASS_COLORS[:2]])


def _regions(p1: np.ndarray) -> np.ndarray:
    """An RGB image (g, g, 3) of P(class 1): the class colours mixed by probability and
    paled towards white where the network is unsure (as the playground's, paler: the
    points drawn over it must stand out)."""
    mix = (1 - p1)[..., None] * _RGB[0] + p1[..., None] * _RGB[1]
    alpha = (0.1 + 0.32 * np.abs(2 * p1 - 1))[..., None]
    return (1 - alpha) + alpha * mix


def _points(ax, X, y, X_val=None, y_val=None) -> list:
    """Validation points (small, hollow) and training points (filled, black edge), coloured
    by class (markers of a line per class: quick to redraw); returns the lines."""
    out = []
    if X_val is not None:
        for c in (0, 1):
            out += ax.plot(*np.asarray(X_val)[y_val == c].T, ls="", marker="o", ms=3.6, mfc="none",
                           mec=CLASS_COLORS[c], mew=0.8, alpha=0.85, zorder=2)
    for c in (0, 1):
        out += ax.plot(*np.asarray(X)[y == c].T, ls="", marker="o", ms=6.2, color=CLASS_COLORS[c],
                       mec=PALETTE["black"], mew=0.7, zorder=3)
    return out


def _point_key(with_val: bool) -> list:
    """Legend handles for the points: the class colours, filled = training, hollow = validation."""
    grey = PALETTE["grey"]
    handles = [Line2D([], [], ls="", marker="o", ms=6, color=CLASS_COLORS[c], label=f"class {c}") for c in (0, 1)]
    handles.append(Line2D([], [], ls="", marker="o", ms=6, color=grey, mec=PALETTE["black"], label="training point"))
    if with_val:
        handles.append(Line2D([], [], ls="", marker="o", ms=4, mfc="none", mec=grey, label="validation point"))
    return handles


def _figure_key(fig: Figure, handles: list, ncols: int | None = None) -> None:
    """A legend under the whole figure (one row unless ``ncols`` says otherwise)."""
    fig.legend(handles=handles, loc="outside lower center", ncols=ncols or len(handles), fontsize=8, frameon=False,
               handletextpad=0.5, columnspacing=1.2)


def _accuracy(predict_proba: PredictProba, X, y) -> float:
    return float(np.mean(np.argmax(predict_proba(X), axis=1) == y))


def boundaries(models: Mapping[str, PredictProba | None], X: np.ndarray, y: np.ndarray,
               X_val: np.ndarray | None = None, y_val: np.ndarray | None = None,
               mark_origin: bool = False, title: str | None = None, grid: int = 180) -> Figure:
    """One panel per model (name -> ``predict_proba``, (n, 2) -> (n, 2); None: the points
    only): the class regions (paler where the model is unsure), the boundary where both
    classes are equally likely (black), the training points X (m, 2), y (m,) filled and
    the validation points hollow. Each panel's title adds the model's accuracies;
    ``mark_origin`` marks (0, 0) and keeps it in view."""
    with_val = X_val is not None
    everything = np.vstack([X, X_val]) if with_val else np.asarray(X)
    plane = _Plane(everything, n=grid, with_origin=mark_origin)
    n = len(models)
    fig = new_figure(3.5 * n + 0.3, 3.75, dpi=90) if n > 1 else new_figure(5.0, 4.6, dpi=90)
    axes = np.atleast_1d(fig.subplots(1, n, sharex=True, sharey=True))
    for ax, (name, predict_proba) in zip(axes, models.items()):
        style_axes(ax, name, "input $x_1$", "input $x_2$" if ax is axes[0] else "", grid=False)
        if predict_proba is not None:
            p1 = plane.proba(predict_proba)
            ax.imshow(_regions(p1), origin="lower", extent=plane.extent, aspect="auto", interpolation="bilinear")
            ax.plot(*plane.boundary(p1), color=PALETTE["black"], lw=1.3)
            scores = f"training {100 * _accuracy(predict_proba, X, y):.0f}%"
            if with_val:
                scores += f", validation {100 * _accuracy(predict_proba, X_val, y_val):.0f}% right"
            ax.set_title(f"{name}\n{scores}", fontsize=10)
        _points(ax, X, y, X_val, y_val)
        if mark_origin:
            ax.plot([0], [0], "+", color=PALETTE["black"], ms=14, mew=2.2, zorder=4)
            ax.annotate("origin (0, 0)", (0, 0), xytext=(8, -14), textcoords="offset points", fontsize=8.5)
        ax.set_xlim(plane.extent[:2])
        ax.set_ylim(plane.extent[2:])
        ax.set_aspect("equal")
    handles = _point_key(with_val)
    _figure_key(fig, handles, None if n > 1 else (len(handles) + 1) // 2)
    if title:
        fig.suptitle(title)
    return fig


# ------------------------------------------------------------------------ the curves
def _curves_axes(ax, epochs: int, top: float) -> tuple:
    """Style ``ax`` for loss curves; returns its (training, validation) lines, empty."""
    style_axes(ax, "", "epoch (counted from 0)", "mean loss (cross-entropy)")
    ax.set_xlim(0, epochs)
    ax.set_ylim(0, top)
    (train_line,) = ax.plot([], [], color=TRAIN_COLOR, lw=1.8, label="training loss")
    (val_line,) = ax.plot([], [], color=VAL_COLOR, lw=1.8, label="validation loss")
    return train_line, val_line


def _top(*curves: np.ndarray, skip: int = 5) -> float:
    """The top of a loss axis: a little above the curves' highest point after their first
    `skip` epochs (a big first step can throw the loss far up for an epoch or two; the
    curve then enters from the top instead of flattening everything else)."""
    return 1.08 * float(max(np.max(c[skip:] if len(c) > 4 * skip else c) for c in curves))


def loss_curves(train_loss, val_loss, kept: int | None = None, stopped: int | None = None,
                title: str = "Training and validation loss after each epoch") -> Figure:
    """The training and validation loss per epoch (epochs counted from 0); ``kept``: the
    epoch early stopping keeps (green, with its validation loss), ``stopped``: the epoch
    where it stops training (dotted)."""
    train_loss, val_loss = np.asarray(train_loss, float), np.asarray(val_loss, float)
    epochs = np.arange(len(val_loss))
    fig = new_figure(6.6, 3.4, dpi=90)
    ax = fig.add_subplot()
    train_line, val_line = _curves_axes(ax, len(epochs), _top(train_loss, val_loss))
    train_line.set_data(np.arange(len(train_loss)), train_loss)
    val_line.set_data(epochs, val_loss)
    if stopped is not None:
        ax.axvline(stopped, color=STOP_COLOR, ls=":", lw=1.6, label=f"early stopping stops: epoch {stopped}")
    if kept is not None:
        ax.axvline(kept, color=STOP_COLOR, ls="--", lw=1.6, label=f"and keeps epoch {kept}")
        ax.plot([kept], [val_loss[kept]], "o", ms=8, mfc="none", mec=STOP_COLOR, mew=2)
        ax.annotate(f"lowest validation loss\n{val_loss[kept]:.2f} (epoch {kept})", (kept, val_loss[kept]),
                    xytext=(30, 62), textcoords="offset points", fontsize=8.5, color=STOP_COLOR,
                    arrowprops=dict(arrowstyle="->", color=STOP_COLOR))
    ax.legend(loc="lower right", bbox_to_anchor=(1.0, 0.08), fontsize=8.5)   # between the two curves
    ax.set_title(title)
    return fig


# ------------------------------------------------------------------- the live figure
class WeightDecayFigure(LiveFigure):
    """The widget's figure, for one of several precomputed trainings (`DecayRun`s, one per
    lambda) on the same data: the boundary at the end of training over the training and
    validation points; the size of each layer's weights (`weight_norms`, with lambda = 0's
    outlined); the training and validation loss per epoch (lambda = 0's validation loss in
    grey) with the epoch early stopping (with ``patience``) would keep.

    ``update(lam)`` shows the run of that lambda (one of ``runs``' keys);
    ``update(lam, run=yours, beside=package)`` shows another training at that lambda (e.g.
    with a learner's ``l2_grads``) with the package's ``beside`` it, faint, wherever they part:
    its boundary, its bars (the learner's marked) and its loss curves (`Beside`); the extras
    stay hidden otherwise. It returns
    ``lam``, ``norms`` {W1: ..}, ``train_loss``, ``val_loss`` (the last epoch's),
    ``best_val_loss``, ``kept`` (early stopping's epoch) and ``kept_val_loss``,
    ``train_acc``, ``val_acc`` (the last epoch's), ``boundary`` ((x, y) of the line
    drawn), ``label`` (the lambda in words), ``epochs`` (of the run drawn) and ``differ``
    (how many loss values and weight sizes part from ``beside``'s; 0 without it).
    """

    def __init__(self, X: np.ndarray, y: np.ndarray, X_val: np.ndarray, y_val: np.ndarray,
                 runs: Mapping[float, DecayRun], lam: float | None = None, patience: int = 50,
                 grid: int = 96, dpi: int = 80):
        if not runs:
            raise ValueError("runs is empty: give at least one DecayRun, e.g. {0.0: decay_run(..., 0.0)}.")
        self.runs = dict(sorted((float(k), r) for k, r in runs.items()))
        self.reference = self.runs[min(self.runs)]            # lambda = 0, when it is there
        self.patience = int(patience)
        self.plane = _Plane(np.vstack([X, X_val]), n=grid)
        self._shown: dict[float, tuple] = {}
        self.fig = new_figure(11.0, 3.75, dpi=dpi)
        ax_b, ax_w, ax_c = self.fig.subplots(1, 3, width_ratios=[1.0, 0.62, 1.25])
        self._boundary_panel(ax_b, X, y, X_val, y_val)
        outline_key = self._weights_panel(ax_w)
        reference_key = self._curves_panel(ax_c)
        # two rows (a legend fills its columns first): the points and the bars, then the curves
        first = [*_point_key(True), outline_key]
        second = [self.train_line, self.val_line, reference_key, self.kept_line]
        _figure_key(self.fig, [h for pair in zip(first, second) for h in pair] + first[len(second):],
                    ncols=len(first))
        # no text moves: a text costs more to draw than all the lines (the numbers go to the readout);
        # the frames are redrawn over what moves (a full render draws them last too)
        spines = [sp for ax in (ax_b, ax_w, ax_c) for sp in ax.spines.values()]
        self._beside_artists(ax_b, ax_w, ax_c)
        self.animated = [self.image, self.faint_line, self.line, *self.points, *self.faint_bars, *self.bars,
                         *self.outline, self.bar_marks, *self.beside_train.artists, *self.beside_val.artists,
                         self.train_line, self.val_line, self.kept_line, self.kept_dot, *spines]
        self.update(min(self.runs) if lam is None else lam)

    def _boundary_panel(self, ax, X, y, X_val, y_val) -> None:
        """The regions and the boundary, under the points (drawn again over each new image)."""
        style_axes(ax, f"the boundary after {len(self.reference.val_loss)} epochs", "input $x_1$", "input $x_2$",
                   grid=False)
        ax.title.set_fontsize(10)
        ax.set_xticks([])
        ax.set_yticks([])
        n = len(self.plane.xs)
        self.image = ax.imshow(np.ones((n, n, 3)), origin="lower", extent=self.plane.extent, aspect="auto",
                               interpolation="nearest", zorder=0)
        (self.line,) = ax.plot([], [], color=PALETTE["black"], lw=1.6, zorder=1)
        self.points = _points(ax, X, y, X_val, y_val)
        ax.set_xlim(self.plane.extent[:2])
        ax.set_ylim(self.plane.extent[2:])

    def _weights_panel(self, ax) -> Patch:
        """A bar per weight matrix, the reference's sizes outlined; returns the outline's key."""
        names = list(weight_norms(self.reference.params))
        reference = weight_norms(self.reference.params)
        style_axes(ax, "the size of each layer's weights", "weight matrix", "size  ‖W‖ = √(Σ w²)", grid=False)
        ax.title.set_fontsize(10)
        ax.set_ylim(0, 1.18 * max(max(weight_norms(r.params).values()) for r in self.runs.values()))
        self.bars = list(ax.bar(names, np.zeros(len(names)), width=0.62, color=PALETTE["sky"], zorder=1))
        outline = dict(fill=False, ls="--", lw=1.2, edgecolor=PALETTE["black"])
        self.outline = list(ax.bar(names, [reference[k] for k in names], width=0.62, zorder=2, **outline))
        return Patch(**outline, label=f"weights at {lam_label(self.reference.lam).split(' (')[0]}")

    def _curves_panel(self, ax) -> Line2D:
        """Both loss curves, the reference's validation loss in grey and early stopping's
        marks; returns the grey line (for the key)."""
        curves = [c for r in self.runs.values() for c in (r.train_loss, r.val_loss)]
        self.train_line, self.val_line = _curves_axes(ax, len(self.reference.val_loss), _top(*curves))
        ax.set_title("the loss after each epoch", fontsize=10)
        val = self.reference.val_loss
        (reference,) = ax.plot(np.arange(len(val)), val, color=PALETTE["grey"], lw=1.0, alpha=0.7, zorder=1,
                               label=f"validation loss at {lam_label(self.reference.lam).split(' (')[0]}")
        self.kept_line = ax.axvline(0, color=STOP_COLOR, ls="--", lw=1.4,
                                    label=f"early stopping (patience {self.patience})")
        (self.kept_dot,) = ax.plot([], [], "o", ms=7, mfc="none", mec=STOP_COLOR, mew=1.8)
        return reference

    def _beside_artists(self, ax_b, ax_w, ax_c) -> None:
        """The package's run drawn faint beside another (hidden until `_show_beside`): its
        boundary, its bars, marks on the bars that part from them, and its loss curves."""
        (self.faint_line,) = ax_b.plot([], [], color=PALETTE["black"], lw=4.0, alpha=FAINT_ALPHA, zorder=1,
                                       visible=False)
        limits = ax_w.get_xlim()   # wider bars, under the learner's: the axis keeps its limits
        self.faint_bars = list(ax_w.bar(list(weight_norms(self.reference.params)), np.zeros(len(self.bars)),
                                        width=0.86, color=PALETTE["sky"], alpha=FAINT_ALPHA + 0.15, zorder=0.9,
                                        visible=False))
        ax_w.set_xlim(limits)
        (self.bar_marks,) = ax_w.plot([], [], ls="", marker="x", ms=8, mew=2, color=PALETTE["black"], zorder=3,
                                      visible=False)
        self.beside_train, self.beside_val = Beside(ax_c, self.train_line), Beside(ax_c, self.val_line)

    def _show_beside(self, run: DecayRun, beside: DecayRun | None, boundary: tuple) -> int:
        """Show `beside` (the package's) faint where `run` parts from it; how many values part."""
        n = min(len(run.val_loss), len(beside.val_loss)) if beside is not None else 0
        epochs = np.arange(n)
        differ = self.beside_train.show(epochs, run.train_loss[:n], beside.train_loss[:n] if n else epochs)
        differ += self.beside_val.show(epochs, run.val_loss[:n], beside.val_loss[:n] if n else epochs)
        got = np.array(list(weight_norms(run.params).values()))
        expected = np.array(list(weight_norms(beside.params).values())) if n else got
        parting = differing(got, expected)
        for bar, size in zip(self.faint_bars, expected):
            bar.set_height(size)
            bar.set_visible(bool(differ or parting.any()))
        top = 0.97 * self.bars[0].axes.get_ylim()[1]          # a bar off the chart: its mark at the top
        self.bar_marks.set_data(np.flatnonzero(parting), np.minimum(got[parting], top))
        self.bar_marks.set_visible(bool(parting.any()))
        self.faint_line.set_data(*boundary)
        self.faint_line.set_visible(bool(differ or parting.any()))
        return differ + int(parting.sum())

    def _run_key(self, lam: float) -> float:
        """The key of the run of `lam` (a ValueError naming the lambdas if there is none)."""
        key = min(self.runs, key=lambda k: abs(k - float(lam)))
        if not np.isclose(key, float(lam), rtol=1e-9, atol=1e-12):
            raise ValueError(f"no training with lambda = {lam!r}; the lambdas are "
                             f"{', '.join(f'{k:g}' for k in self.runs)}")
        return key

    def _picture(self, run: DecayRun) -> tuple:
        """The regions image and the boundary line of `run` (computed once per run)."""
        if id(run) not in self._shown:
            params = run.params
            with np.errstate(all="ignore"):
                p1 = self.plane.proba(lambda X: softmax(mlp_forward(X, params)[0]))
            self._shown[id(run)] = (_regions(np.nan_to_num(p1, nan=0.5)), self.plane.boundary(p1), run)
        return self._shown[id(run)][:2]

    def update(self, lam: float, run: DecayRun | None = None, beside: DecayRun | None = None) -> dict[str, Any]:
        """Show the training with weight decay `lam` (or `run`, with `beside` faint where it
        parts from it)."""
        key = self._run_key(lam)
        run = self.runs[key] if run is None else run
        differ = self._show_beside(run, beside, self._picture(beside)[1] if beside is not None else ([], []))
        image, (bx, by) = self._picture(run)
        self.image.set_data(image)
        self.line.set_data(bx, by)
        norms = weight_norms(run.params)
        for bar, size in zip(self.bars, norms.values()):
            bar.set_height(size)
        epochs = np.arange(len(run.val_loss))
        self.train_line.set_data(np.arange(len(run.train_loss)), run.train_loss)
        self.val_line.set_data(epochs, run.val_loss)
        kept = early_stopping_epoch(run.val_loss, self.patience)
        self.kept_line.set_xdata([kept, kept])
        self.kept_dot.set_data([kept], [run.val_loss[kept]])
        return dict(lam=key, norms=norms, train_loss=float(run.train_loss[-1]), val_loss=float(run.val_loss[-1]),
                    best_val_loss=float(np.min(run.val_loss)), kept=int(kept), kept_val_loss=float(run.val_loss[kept]),
                    train_acc=run.train_acc, val_acc=run.val_acc, boundary=(bx, by), label=lam_label(key),
                    epochs=len(run.val_loss), differ=differ)


def weight_decay_figure(X: np.ndarray, y: np.ndarray, X_val: np.ndarray, y_val: np.ndarray,
                        runs: Mapping[float, DecayRun], lam: float, patience: int = 50) -> Figure:
    """The widget's picture for one lambda, as a static figure (`WeightDecayFigure`), titled
    with that lambda."""
    fig = WeightDecayFigure(X, y, X_val, y_val, runs, lam=lam, patience=patience, grid=120, dpi=90).fig
    fig.suptitle(f"Weight decay {lam_label(lam)}")
    return fig
