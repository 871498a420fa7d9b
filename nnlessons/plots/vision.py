"""Figures for the vision lessons (12 convolution, 13 capstone digits).

The convolution figures live in `nnlessons.plots.convolution` and are re-exported here;
this module draws feature maps, digit images, learned weights shown as images, confusion matrices and
parameter-count comparisons. Every function returns a matplotlib ``Figure`` built
without pyplot (see `nnlessons.plots.style`).
"""
from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from matplotlib.figure import Figure

from .convolution import (  # noqa: F401  (the convolution figures, re-exported: vision.conv_sliding...)
    ConvDiagram, conv_layer_diagram, conv_sliding, draw_conv_layer, show_kernel)
from .style import DIVERGING_CMAP, PALETTE, new_figure, style_axes

__all__ = [
    "show_digits", "show_kernel", "conv_sliding", "ConvDiagram", "conv_layer_diagram", "draw_conv_layer",
    "feature_maps", "weights_as_images", "confusion_matrix", "confusion_matrix_figure",
    "param_count_bars", "accuracy_curves",
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
                 title: str = "Feature maps", ncols: int = 4) -> Figure:
    """Several 2-D maps (n, h, w) side by side, each with its own symmetric red/blue scale."""
    maps = np.asarray(maps, dtype=np.float64)
    if maps.ndim != 3:
        raise ValueError(f"maps must have shape (n, h, w), got {maps.shape}.")
    fig, axes = _image_grid(len(maps), ncols, 1.9, 1.9, 0.4)
    for k, ax in enumerate(axes):
        v = max(1e-9, float(np.abs(maps[k]).max()))
        ax.imshow(maps[k], cmap=DIVERGING_CMAP, vmin=-v, vmax=v)
        ax.set_title(titles[k] if titles is not None else f"map {k}", fontsize=9)
    fig.suptitle(title + "  (red +, blue \u2212, each map its own scale)")
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
