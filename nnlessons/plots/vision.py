"""Figures for the vision lessons (12 convolution, 13 capstone digits).

The convolution figures live in `nnlessons.plots.convolution` and are re-exported here;
this module draws feature maps, digit images, learned weights shown as images, confusion
matrices, parameter-count comparisons, training curves, and `DigitProbabilities` (a
`LiveFigure`: one digit and each model's class probabilities, which lesson 13's browser
moves). Every function returns a matplotlib ``Figure`` built without pyplot (see
`nnlessons.plots.style`).
"""
from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
from matplotlib.figure import Figure

from .convolution import (  # noqa: F401  (the convolution figures, re-exported: vision.conv_sliding...)
    ConvDiagram, conv_layer_diagram, conv_sliding, draw_conv_layer, show_kernel)
from .beside import FAINT_ALPHA
from .live import LiveFigure
from .style import CYCLE, DIVERGING_CMAP, PALETTE, new_figure, style_axes

__all__ = [
    "show_digits", "show_kernel", "conv_sliding", "ConvDiagram", "conv_layer_diagram", "draw_conv_layer",
    "feature_maps", "weights_as_images", "confusion_matrix", "confusion_matrix_figure",
    "param_count_bars", "accuracy_curves", "training_curves", "DigitProbabilities",
]

_DIGIT_CMAP = "gray_r"  # 0 = white paper, 16 = black ink


def _no_ticks(ax) -> None:
    ax.set_xticks([])
    ax.set_yticks([])


def _image_grid(n: int, ncols: int, cell_w: float, cell_h: float, extra_h: float) -> tuple[Figure, list]:
    """A figure with a grid of tick-less axes for `n` images, `ncols` per row (fewer if
    n is smaller); returns (fig, the first n axes); the grid's spare axes are hidden."""
    ncols = max(1, min(ncols, n))
    nrows = int(np.ceil(n / ncols))
    fig = new_figure(cell_w * ncols, cell_h * nrows + extra_h, dpi=90)
    axes = list(fig.subplots(nrows, ncols, squeeze=False).flat)
    for ax in axes:
        _no_ticks(ax)
    for ax in axes[n:]:
        ax.set_axis_off()
    return fig, axes[:n]


def show_digits(images: np.ndarray, labels: Sequence[int] | None = None,
                predictions: Sequence[int] | None = None, ncols: int = 8,
                title: str = "Handwritten digits (8x8 pixels, 0-16)") -> Figure:
    """A grid of digit images.

    images (m, 8, 8) (or (m, 64)); labels (m,) shown as "label 3"; with predictions
    (m,) each panel reads "3 -> 5" and wrong predictions are titled in vermillion.
    """
    images = np.asarray(images, dtype=np.float64)
    if images.ndim == 2:
        images = images.reshape(len(images), 8, 8)
    if images.ndim != 3:
        raise ValueError(f"images must have shape (m, 8, 8) or (m, 64), got {images.shape}.")
    fig, axes = _image_grid(len(images), ncols, 1.05, 1.2, 0.4)
    for k, ax in enumerate(axes):
        ax.imshow(images[k], cmap=_DIGIT_CMAP, vmin=0, vmax=16)
        if labels is not None and predictions is not None:
            ok = int(labels[k]) == int(predictions[k])
            ax.set_title(f"{int(labels[k])} \u2192 {int(predictions[k])}", fontsize=9,
                         color="black" if ok else PALETTE["vermillion"])
        elif labels is not None:
            ax.set_title(f"label {int(labels[k])}", fontsize=9)
    fig.suptitle(title)
    return fig


# ------------------------------------------------------------ maps and weights
def feature_maps(maps: np.ndarray, titles: Sequence[str] | None = None,
                 title: str = "Feature maps", ncols: int = 4,
                 zero_fraction: Sequence[float] | None = None) -> Figure:
    """Several 2-D maps (n, h, w) side by side, each with its own symmetric red/blue scale.

    Maps that are never negative (after a ReLU) are said to be so in the title (white is
    0, red the largest value) instead of promising a blue that never appears.
    zero_fraction: per map, how often it is 0 over a whole data set (e.g. every position
    of every training image); written under each map, and a map that is 0 everywhere
    (fraction 1) is labelled "dead".
    """
    maps = np.asarray(maps, dtype=np.float64)
    if maps.ndim != 3:
        raise ValueError(f"maps must have shape (n, h, w), got {maps.shape}.")
    if zero_fraction is not None and len(zero_fraction) != len(maps):
        raise ValueError(f"zero_fraction needs one number per map ({len(maps)}), got {len(zero_fraction)}.")
    counted = zero_fraction is not None
    fig, axes = _image_grid(len(maps), ncols, 1.9, 2.25 if counted else 1.9, 0.6 if counted else 0.4)
    for k, ax in enumerate(axes):
        v = max(1e-9, float(np.abs(maps[k]).max()))
        ax.imshow(maps[k], cmap=DIVERGING_CMAP, vmin=-v, vmax=v)
        ax.set_title(titles[k] if titles is not None else f"map {k}", fontsize=9)
        if zero_fraction is not None:
            frac = float(zero_fraction[k])
            dead = frac >= 1.0
            ax.set_xlabel(("DEAD: " if dead else "") + f"zero {100 * frac:.0f}% of the time", fontsize=8,
                          color=PALETTE["vermillion"] if dead else "black",
                          fontweight="bold" if dead else "normal")
    scale = ("white 0, red +: never negative; each map its own scale" if np.all(maps >= 0)
             else "red +, blue \u2212, each map its own scale")
    if counted:
        fig.suptitle(f"{title}\n({scale})", fontsize=11)
    else:
        fig.suptitle(f"{title}  ({scale})")
    return fig


def weights_as_images(W: np.ndarray, shape: tuple[int, int] = (8, 8), n: int = 16,
                      ncols: int = 8, title: str = "First-layer weights as images",
                      label: str | None = None) -> Figure:
    """Columns of a first-layer weight matrix W (h*w, units) drawn as h x w images.

    Red = positive weight (ink there raises the unit's input), blue = negative. Each
    image uses its own symmetric scale. Shows the first ``n`` units. Conv kernels
    W (N, C, kh, kw) are accepted too (their first input channel is drawn).
    ``label`` names each panel ("unit" for dense weights, "filter" for kernels by default).
    """
    W = np.asarray(W, dtype=np.float64)
    label = label or ("filter" if W.ndim == 4 else "unit")
    if W.ndim == 4:  # conv kernels (N, C, kh, kw): the first channel of each
        imgs = W[:, 0]
    elif W.ndim == 2 and W.shape[0] == shape[0] * shape[1]:
        imgs = W.T.reshape(-1, *shape)
    else:
        raise ValueError(f"W must be (h*w, units) = ({shape[0] * shape[1]}, units) or conv "
                         f"kernels (N, C, kh, kw); got {W.shape}.")
    imgs = imgs[:n]
    fig, axes = _image_grid(len(imgs), ncols, 1.05, 1.15, 0.5)
    for k, ax in enumerate(axes):
        v = max(1e-9, float(np.abs(imgs[k]).max()))
        ax.imshow(imgs[k], cmap=DIVERGING_CMAP, vmin=-v, vmax=v)
        ax.set_title(f"{label} {k}", fontsize=8)
    fig.suptitle(title + "  (red +, blue \u2212)")
    return fig


def confusion_matrix(y_true: np.ndarray, y_pred: np.ndarray, n_classes: int | None = None) -> np.ndarray:
    """Counts (k, k): row = true class, column = predicted class."""
    y_true = np.asarray(y_true).astype(np.int64)
    y_pred = np.asarray(y_pred).astype(np.int64)
    if y_true.shape != y_pred.shape:
        raise ValueError(f"y_true {y_true.shape} and y_pred {y_pred.shape} must have the same shape.")
    k = n_classes or int(max(y_true.max(), y_pred.max())) + 1
    cm = np.zeros((k, k), dtype=np.int64)
    np.add.at(cm, (y_true, y_pred), 1)
    return cm


def confusion_matrix_figure(y_true: np.ndarray, y_pred: np.ndarray, n_classes: int | None = None,
                            title: str = "Confusion matrix") -> Figure:
    """A confusion matrix with counts written in the cells; the diagonal is correct."""
    cm = confusion_matrix(y_true, y_pred, n_classes)
    k = len(cm)
    fig = new_figure(4.6, 4.2, dpi=90)
    ax = fig.add_subplot()
    im = ax.imshow(cm, cmap="Blues")
    vmax = cm.max() or 1
    for (r, c), v in np.ndenumerate(cm):
        if v:
            ax.text(c, r, str(v), ha="center", va="center", fontsize=8,
                    color="white" if v > 0.5 * vmax else "black",
                    fontweight="normal" if r == c else "bold")
    ax.set_xticks(range(k))
    ax.set_yticks(range(k))
    acc = np.trace(cm) / max(1, cm.sum())
    style_axes(ax, f"{title} (accuracy {100 * acc:.1f}%)", "predicted class", "true class",
               grid=False)
    fig.colorbar(im, ax=ax, shrink=0.8, label="count")
    return fig


def param_count_bars(names: Sequence[str], weights: Sequence[int], biases: Sequence[int],
                     title: str = "Parameters per layer") -> Figure:
    """Horizontal bars (log scale) of each layer's weights and biases, with the totals written."""
    y = np.arange(len(names))
    fig = new_figure(6.8, 0.75 * len(names) + 1.3, dpi=90)
    ax = fig.add_subplot()
    ax.barh(y - 0.18, weights, height=0.36, color=PALETTE["blue"], label="weights")
    ax.barh(y + 0.18, biases, height=0.36, color=PALETTE["orange"], label="biases")
    for yi, wv, bv in zip(y, weights, biases):
        ax.text(wv * 1.15, yi - 0.18, f"{wv:,}", va="center", fontsize=9)
        ax.text(bv * 1.15, yi + 0.18, f"{bv:,}", va="center", fontsize=9)
    ax.set_xscale("log")
    ax.set_xlim(0.8, max(max(weights), 1) * 30)
    ax.set_yticks(y, names)
    ax.invert_yaxis()
    style_axes(ax, title, "count (log scale)", "")
    ax.legend(loc="upper right")
    return fig


def accuracy_curves(histories: dict[str, Sequence[float]], ylabel: str = "validation accuracy",
                    title: str = "Accuracy after each epoch") -> Figure:
    """One line per model: accuracy (0-1) after each epoch, shown in percent."""
    fig = new_figure(5.6, 3.2, dpi=90)
    ax = fig.add_subplot()
    for j, (name, acc) in enumerate(histories.items()):
        acc = 100 * np.asarray(acc, dtype=np.float64)
        ax.plot(np.arange(1, len(acc) + 1), acc, marker="o", markersize=3, label=name,
                color=[PALETTE["blue"], PALETTE["orange"], PALETTE["green"]][j % 3])
    style_axes(ax, title, "epoch", ylabel + " (%)")
    ax.legend(loc="lower right")
    return fig


def training_curves(train_loss: Sequence[float], val_loss: Sequence[float], train_acc: Sequence[float],
                    val_acc: Sequence[float], stop_epoch: int | None = None,
                    title: str = "Training and validation, after each epoch") -> Figure:
    """The loss (log scale) and the accuracy of one model after each epoch, on its
    training data and on held-out validation data; ``stop_epoch`` (1-based), if given, is
    marked on both panels: where early stopping keeps the weights."""
    epochs = np.arange(1, len(train_loss) + 1)
    fig = new_figure(8.6, 3.3, dpi=90)
    ax_loss, ax_acc = fig.subplots(1, 2)
    curves = [(ax_loss, train_loss, val_loss, 1.0), (ax_acc, train_acc, val_acc, 100.0)]
    for ax, tr, va, k in curves:
        ax.plot(epochs, k * np.asarray(tr, float), color=PALETTE["blue"], marker="o", ms=2.5,
                label="training data")
        ax.plot(epochs, k * np.asarray(va, float), color=PALETTE["orange"], marker="o", ms=2.5,
                label="validation data")
    ax_loss.set_yscale("log")
    style_axes(ax_loss, "loss (cross-entropy)", "epoch", "mean loss (log scale)")
    style_axes(ax_acc, "accuracy", "epoch", "accuracy (%)")
    if stop_epoch is not None:
        best = 100 * float(val_acc[stop_epoch - 1])
        for ax in (ax_loss, ax_acc):
            ax.axvline(stop_epoch, color=PALETTE["green"], linestyle="--", linewidth=1.5,
                       label=f"early stop: epoch {stop_epoch}")
        ax_acc.plot([stop_epoch], [best], "o", ms=9, mfc="none", mec=PALETTE["green"], mew=2)
        ax_acc.annotate(f"best validation\n{best:.1f}% (epoch {stop_epoch})", (stop_epoch, best),
                        xytext=(-12, -38), textcoords="offset points", ha="right", fontsize=8,
                        color=PALETTE["green"], arrowprops=dict(arrowstyle="->", color=PALETTE["green"]))
    ax_loss.legend(loc="upper right", fontsize=8)
    ax_acc.legend(loc="lower right", fontsize=8)
    fig.suptitle(title)
    return fig


class DigitProbabilities(LiveFigure):
    """One 8x8 digit and, for each model, a bar chart of its ten class probabilities
    (the true class shaded in green); the title names each model's prediction and marks
    a wrong one with a cross.

    probabilities: model name -> (10,) for the digit shown; accuracy (optional): model
    name -> its accuracy over the images browsed, written in the legend.
    ``update(image, label, probabilities, index=None, predictions=None)`` returns
    ``label``, ``probabilities`` {name: (10,)}, ``predictions`` {name: int} and ``title``.

    predictions: model name -> the label a learner's predict_digits gives this image
    (exercise 13), shown instead of the class of the largest bar; where it is not that
    class, a cross marks the learner's class, a faint triangle the package's, and the
    title gives both (nothing extra while they agree).
    """

    def __init__(self, image: np.ndarray, label: int, probabilities: Mapping[str, np.ndarray],
                 accuracy: Mapping[str, float] | None = None, index: int | None = None, dpi: int = 80):
        self.names = list(probabilities)
        if not self.names:
            raise ValueError("probabilities is empty: give one (10,) array per model, e.g. {'MLP': p}.")
        k = len(self.names)
        self.fig = new_figure(7.2, 2.9, dpi=dpi)
        ax_img, ax_bar = self.fig.subplots(1, 2, gridspec_kw={"width_ratios": [1, 2.2]})
        self.img = ax_img.imshow(np.zeros((8, 8)), cmap=_DIGIT_CMAP, vmin=0, vmax=16)
        _no_ticks(ax_img)
        ax_img.set_xlabel("8x8 pixels")
        self.img_title = ax_img.set_title(" ")
        width = 0.8 / k
        self.bars = {}
        for j, name in enumerate(self.names):
            x = np.arange(10) - 0.4 + width * (j + 0.5)
            right = f" ({100 * accuracy[name]:.1f}% right)" if accuracy and name in accuracy else ""
            self.bars[name] = list(ax_bar.bar(x, np.zeros(10), width=width * 0.95,
                                              color=CYCLE[j % len(CYCLE)], label=name + right))
        self.true_marker = ax_bar.axvspan(-0.5, 0.5, color=PALETTE["green"], alpha=0.15, zorder=0,
                                          label="true class")
        style_axes(ax_bar, "", "class (digit)", "probability (softmax)", grid=False)
        ax_bar.set_xticks(range(10))
        ax_bar.set_xlim(-0.6, 9.6)
        ax_bar.set_ylim(0, 1.32)            # headroom above 1 for the legend
        ax_bar.set_yticks([0, 0.5, 1])
        ax_bar.axhline(1.0, color=PALETTE["grey"], linewidth=0.6)
        ax_bar.legend(loc="upper center", fontsize=8, ncols=k + 1, frameon=False)
        self.bar_title = ax_bar.set_title(" ")
        # a learner's label (cross) and the package's (faint triangle) where they differ: hidden otherwise
        self.marks = {}
        for j, name in enumerate(self.names):
            (yours,) = ax_bar.plot([], [], ls="", marker="x", ms=9, mew=2.5, color=PALETTE["black"], zorder=4,
                                   visible=False)
            (package,) = ax_bar.plot([], [], ls="", marker="v", ms=10, color=CYCLE[j % len(CYCLE)],
                                     alpha=FAINT_ALPHA + 0.2, zorder=3, visible=False)
            self.marks[name] = (yours, package)
        # the frames are redrawn over the image and the bars (blitting draws those last)
        self.animated = [self.true_marker, self.img, *ax_img.spines.values(), ax_bar.spines["bottom"],
                         self.img_title,
                         self.bar_title, *(b for name in self.names for b in self.bars[name]),
                         *(m for name in self.names for m in self.marks[name])]
        self.update(image, label, probabilities, index)

    def update(self, image: np.ndarray, label: int, probabilities: Mapping[str, np.ndarray],
               index: int | None = None, predictions: Mapping[str, int] | None = None) -> dict[str, Any]:
        """Show one digit (8, 8) with its true label and each model's probabilities (10,);
        `predictions`: a learner's label per model (see the class docstring)."""
        label = int(label)
        self.img.set_data(np.asarray(image, dtype=np.float64).reshape(8, 8))
        self.img_title.set_text(f"{'' if index is None else f'image {index}: '}a {label}")
        self.true_marker.set_x(label - 0.5)
        probs, preds, parts = {}, {}, []
        for name in self.names:
            p = np.asarray(probabilities[name], dtype=np.float64)
            for bar, h in zip(self.bars[name], p):
                bar.set_height(h)
            top = int(np.argmax(p))
            pred = int((predictions or {}).get(name, top))
            probs[name], preds[name] = p.copy(), pred
            share = f"{100 * p[pred]:.0f}%" if 0 <= pred < len(p) else "not a class"
            parts.append(f"{name}: {pred} ({share})" + ("" if pred == label else " \u2717")
                         + ("" if pred == top else f" [package's: {top}]"))
            self._mark(name, pred, top, p)
        self.bar_title.set_text("   ".join(parts))
        return {"label": label, "probabilities": probs, "predictions": preds,
                "title": self.bar_title.get_text()}

    def _mark(self, name: str, pred: int, top: int, p: np.ndarray) -> None:
        """Cross over the learner's class `pred`, faint triangle over the package's `top`
        (the largest bar of `p`), both hidden when they are the same class."""
        yours, package = self.marks[name]
        differs = pred != top
        yours.set_visible(differs and 0 <= pred < len(p))
        package.set_visible(differs)
        if differs:
            x = self.bars[name][0].get_x() + self.bars[name][0].get_width() / 2 - 1  # the bar of class -1
            if 0 <= pred < len(p):
                yours.set_data([x + 1 + pred], [p[pred] + 0.07])
            package.set_data([x + 1 + top], [p[top] + 0.07])
