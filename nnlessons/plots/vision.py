"""Figures for the vision lessons (12 convolution, 13 capstone digits).

Convolution diagrams (a kernel sliding over an image, a layer's shapes), kernels and
feature maps, digit images, learned weights shown as images, confusion matrices,
parameter-count comparisons, training curves, and `DigitProbabilities` (a `LiveFigure`:
one digit and each model's class probabilities, which lesson 13's browser moves). Every
function returns a matplotlib ``Figure`` built without pyplot (see `nnlessons.plots.style`).
"""
from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle

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


def _grid_lines(ax, h: int, w: int, color: str = "#cccccc") -> None:
    """Thin lines between the pixels of an h x w image shown with imshow."""
    ax.set_xticks(np.arange(-0.5, w, 1), minor=True)
    ax.set_yticks(np.arange(-0.5, h, 1), minor=True)
    ax.grid(which="minor", color=color, linewidth=0.5)
    ax.tick_params(which="minor", length=0)


def _cell_text_color(value: float, vmax: float) -> str:
    return "white" if abs(value) > 0.6 * vmax else "black"


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


def show_kernel(kernel: np.ndarray, title: str = "Kernel weights", ax=None,
                vmax: float | None = None) -> Figure:
    """A kernel (kh, kw) as a red/blue heat map with its weights written in the cells."""
    kernel = np.asarray(kernel, dtype=np.float64)
    if kernel.ndim != 2:
        raise ValueError(f"kernel must be 2-D (kh, kw), got shape {kernel.shape}.")
    if ax is None:
        fig = new_figure(2.6, 2.6, dpi=90)
        ax = fig.add_subplot()
    else:
        fig = ax.figure
    vmax = vmax or max(1e-9, float(np.abs(kernel).max()))
    ax.imshow(kernel, cmap=DIVERGING_CMAP, vmin=-vmax, vmax=vmax)
    for (r, c), v in np.ndenumerate(kernel):
        ax.text(c, r, f"{v:g}", ha="center", va="center", fontsize=10,
                color=_cell_text_color(v, vmax))
    ax.set_xticks(range(kernel.shape[1]))
    ax.set_yticks(range(kernel.shape[0]))
    ax.set_xlabel("column q")
    ax.set_ylabel("row p")
    ax.set_title(title)
    return fig


def conv_sliding(image: np.ndarray, kernel: np.ndarray, bias: float = 0.0,
                 positions: Sequence[tuple[int, int]] = ((0, 0), (0, 1), (3, 2))) -> Figure:
    """A kernel sliding over an image: one row per output position (stride 1, no padding).

    image (H, W), kernel (kh, kw). Each row shows the input with the receptive field
    boxed, the kernel, and the feature map filled in up to that position (row-major
    order) with the current value written: ``sum(patch * kernel) + bias``.
    """
    image = np.asarray(image, dtype=np.float64)
    kernel = np.asarray(kernel, dtype=np.float64)
    H, W = image.shape
    kh, kw = kernel.shape
    Ho, Wo = H - kh + 1, W - kw + 1
    full = np.array([[np.sum(image[r:r + kh, c:c + kw] * kernel) + bias for c in range(Wo)]
                     for r in range(Ho)])
    fmax = max(1e-9, float(np.abs(full).max()))
    kmax = max(1e-9, float(np.abs(kernel).max()))
    fig = new_figure(8.4, 2.75 * len(positions), dpi=90)
    axes = fig.subplots(len(positions), 3, squeeze=False,
                        gridspec_kw={"width_ratios": [H, kh * 1.3, Ho]})
    for row, (r, c) in enumerate(positions):
        if not (0 <= r < Ho and 0 <= c < Wo):
            raise ValueError(f"position {(r, c)} is outside the {Ho}x{Wo} output.")
        a_in, a_k, a_out = axes[row]
        a_in.imshow(image, cmap=_DIGIT_CMAP, vmin=0, vmax=max(16.0, image.max()))
        for (i, j), v in np.ndenumerate(image):
            inside = r <= i < r + kh and c <= j < c + kw
            a_in.text(j, i, f"{v:.0f}", ha="center", va="center", fontsize=6.5,
                      color=("white" if v > 9 else "black"),
                      fontweight="bold" if inside else "normal")
        a_in.add_patch(Rectangle((c - 0.5, r - 0.5), kw, kh, fill=False,
                                 edgecolor=PALETTE["orange"], linewidth=3))
        _no_ticks(a_in)
        a_in.set_title(f"input: patch at row {r}, column {c}", fontsize=10)
        a_in.set_ylabel(f"step {r * Wo + c + 1} of {Ho * Wo}")

        show_kernel(kernel, title="kernel weights", ax=a_k, vmax=kmax)
        for sp in a_k.spines.values():
            sp.set_edgecolor(PALETTE["orange"])
            sp.set_linewidth(3)

        done = np.full((Ho, Wo), np.nan)
        order = np.arange(Ho * Wo).reshape(Ho, Wo)
        done[order <= r * Wo + c] = full[order <= r * Wo + c]
        a_out.imshow(done, cmap=DIVERGING_CMAP, vmin=-fmax, vmax=fmax)
        a_out.add_patch(Rectangle((c - 0.5, r - 0.5), 1, 1, fill=False,
                                  edgecolor=PALETTE["orange"], linewidth=3))
        a_out.text(c, r, f"{full[r, c]:.0f}", ha="center", va="center", fontsize=8,
                   fontweight="bold", color=_cell_text_color(full[r, c], fmax))
        _grid_lines(a_out, Ho, Wo)
        a_out.set_xticks([])
        a_out.set_yticks([])
        a_out.set_title("feature map (the output)", fontsize=10)
        a_out.set_xlabel(f"{full[r, c]:.0f} = sum(patch \u00d7 kernel) + {bias:g}", fontsize=10)
    fig.suptitle(f"A {kh}x{kw} kernel slides over the {H}x{W} image (stride 1, no padding) "
                 f"\u2192 a {Ho}x{Wo} feature map")
    return fig


# ----------------------------------------------------------------- layer diagram
_DIAG_SIZE = 10.0   # the larger side of the padded input, in diagram units
_STACK = 3          # at most this many channel slices are drawn
_OFF = 0.9          # offset between drawn slices


class ConvDiagram:
    """The artists of `conv_layer_diagram`, so a widget can move them without rebuilding.

    Call `update(H, W, C, kh, kw, N, stride, padding)` then re-render the figure.
    """

    def __init__(self, ax):
        self.ax = ax
        blue, orange, green = PALETTE["blue"], PALETTE["orange"], PALETTE["green"]
        self.inputs = [ax.add_patch(Rectangle((0, 0), 1, 1, facecolor=PALETTE["sky"],
                                              edgecolor=blue, alpha=1.0, linewidth=1.2))
                       for _ in range(_STACK)]
        self.pad = ax.add_patch(Rectangle((0, 0), 1, 1, fill=False, edgecolor=PALETTE["grey"],
                                          linestyle="--", linewidth=1.2))
        self.kernel = ax.add_patch(Rectangle((0, 0), 1, 1, facecolor=orange, edgecolor="black",
                                             alpha=0.9, linewidth=1.2))
        self.kernel_next = ax.add_patch(Rectangle((0, 0), 1, 1, fill=False, edgecolor=orange,
                                                  linestyle=":", linewidth=1.8))
        self.outputs = [ax.add_patch(Rectangle((0, 0), 1, 1, facecolor="#b8e0d2",
                                               edgecolor=green, linewidth=1.2))
                        for _ in range(_STACK)]
        self.out_cell = ax.add_patch(Rectangle((0, 0), 1, 1, facecolor=orange, edgecolor="black",
                                               linewidth=1.0))
        self.in_label = ax.text(6, -1.0, "", ha="center", va="top", fontsize=10)
        self.mid_label = ax.text(19.75, 8.2, "", ha="center", va="center", fontsize=10,
                                 bbox=dict(boxstyle="round", facecolor="#fff4dc",
                                           edgecolor=orange))
        self.out_label = ax.text(30.5, -1.0, "", ha="center", va="top", fontsize=10)
        self.message = ax.text(18, 14.3, "", ha="center", va="center", fontsize=10,
                               color=PALETTE["vermillion"])
        ax.annotate("", xy=(24.3, 4.0), xytext=(15.2, 4.0),
                    arrowprops=dict(arrowstyle="->", color="black", linewidth=1.5))
        ax.set_xlim(-0.5, 37.5)
        ax.set_ylim(-3.6, 15.0)
        ax.set_aspect("equal")
        _no_ticks(ax)
        for sp in ax.spines.values():
            sp.set_visible(False)

    def update(self, H: int, W: int, C: int, kh: int, kw: int, N: int, stride: int,
               padding: int) -> tuple[int, int] | None:
        """Move the artists to show this layer; returns (H', W') or None if the kernel does not fit."""
        Hp, Wp = H + 2 * padding, W + 2 * padding
        s = _DIAG_SIZE / max(Hp, Wp)
        depth = min(C, _STACK)
        # input slices: the front one at the bottom left, the others behind it
        x0, y0 = 0.5, 0.5
        for k, rect in enumerate(self.inputs):
            rect.set_visible(k < depth)
            d = k * _OFF
            rect.set_bounds(x0 + padding * s + d, y0 + padding * s + d, W * s, H * s)
            rect.set_zorder(3 - k)
        self.pad.set_visible(padding > 0)
        self.pad.set_bounds(x0, y0, Wp * s, Hp * s)
        self.pad.set_zorder(4)
        # the kernel at its first position (top left of the padded input) and the next one
        top = y0 + Hp * s
        self.kernel.set_bounds(x0, top - kh * s, kw * s, kh * s)
        self.kernel.set_zorder(5)
        fits = kh <= Hp and kw <= Wp
        Ho = (Hp - kh) // stride + 1 if fits else 0
        Wo = (Wp - kw) // stride + 1 if fits else 0
        self.kernel_next.set_visible(fits and Wo > 1)
        self.kernel_next.set_bounds(x0 + stride * s, top - kh * s, kw * s, kh * s)
        self.kernel_next.set_zorder(5)
        rings = f"{padding} ring{'s' if padding > 1 else ''} of zeros"
        self.in_label.set_text(f"input  C\u00d7H\u00d7W = {C}\u00d7{H}\u00d7{W}"
                               + (f"\n(padding {padding}: {rings}, dashed)" if padding else ""))
        self.mid_label.set_text(f"{N} filter{'s' if N != 1 else ''}\neach {C}\u00d7{kh}\u00d7{kw}"
                                f"\n+ 1 bias each\nstride {stride}")
        if not fits:
            for rect in self.outputs:
                rect.set_visible(False)
            self.out_cell.set_visible(False)
            self.out_label.set_text("no output")
            self.message.set_text(f"the {kh}\u00d7{kw} kernel does not fit in the padded "
                                  f"{Hp}\u00d7{Wp} input")
            return None
        depth_o = min(N, _STACK)
        ox0 = 25.0
        for k, rect in enumerate(self.outputs):
            rect.set_visible(k < depth_o)
            d = k * _OFF
            rect.set_bounds(ox0 + d, y0 + d, Wo * s, Ho * s)
            rect.set_zorder(3 - k)
        self.out_cell.set_visible(True)
        self.out_cell.set_bounds(ox0, y0 + (Ho - 1) * s, s, s)
        self.out_cell.set_zorder(5)
        self.out_label.set_text(f"output  N\u00d7H'\u00d7W' = {N}\u00d7{Ho}\u00d7{Wo}")
        left_h = (Hp - kh) % stride
        left_w = (Wp - kw) % stride
        if left_h or left_w:
            self.message.set_text(_uncovered_message(stride, padding, left_h, left_w))
        else:
            self.message.set_text("")
        return Ho, Wo


def _uncovered_message(stride: int, padding: int, left_h: int, left_w: int) -> str:
    """Say which rows / columns of the padded input the kernel never reaches (stride too big)."""
    ones = max(left_h, left_w) == 1          # "the last row and column" reads better than "1 row"

    def n(k: int, what: str) -> str:
        return what if ones else f"{k} {what}{'s' if k > 1 else ''}"
    missed = " and ".join(p for p in (n(left_h, "row") if left_h else "",
                                      n(left_w, "column") if left_w else "") if p)
    where = "only padding zeros there" if max(left_h, left_w) <= padding else "part of the image"
    return f"stride {stride} skips the last {missed} ({where})"


def draw_conv_layer(ax, H: int, W: int, C: int, kh: int, kw: int, N: int, stride: int = 1,
                    padding: int = 0) -> ConvDiagram:
    """Draw a convolution layer's shapes on ``ax``; returns the `ConvDiagram` to update later."""
    diagram = ConvDiagram(ax)
    diagram.update(H, W, C, kh, kw, N, stride, padding)
    return diagram


def conv_layer_diagram(H: int, W: int, C: int, kh: int, kw: int, N: int, stride: int = 1,
                       padding: int = 0, title: str | None = None, dpi: int = 90) -> Figure:
    """A convolution layer's shapes: the input (C, H, W) with its padding, the kernel at its
    first position (and, dotted, the next one, ``stride`` pixels to the right), and the
    output (N, H', W'); input and output are drawn to the same scale, the orange output
    cell is what the orange kernel position computes."""
    fig = new_figure(6.4, 3.4, dpi=dpi)
    ax = fig.add_subplot()
    draw_conv_layer(ax, H, W, C, kh, kw, N, stride, padding)
    ax.set_title(title or "One convolution layer: input \u2192 N filters \u2192 output")
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
    ``update(image, label, probabilities, index=None)`` returns ``label``,
    ``probabilities`` {name: (10,)}, ``predictions`` {name: int} and ``title``.
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
        # the frames are redrawn over the image and the bars (blitting draws those last)
        self.animated = [self.true_marker, self.img, *ax_img.spines.values(), ax_bar.spines["bottom"],
                         self.img_title,
                         self.bar_title, *(b for name in self.names for b in self.bars[name])]
        self.update(image, label, probabilities, index)

    def update(self, image: np.ndarray, label: int, probabilities: Mapping[str, np.ndarray],
               index: int | None = None) -> dict[str, Any]:
        """Show one digit (8, 8) with its true label and each model's probabilities (10,)."""
        label = int(label)
        self.img.set_data(np.asarray(image, dtype=np.float64).reshape(8, 8))
        self.img_title.set_text(f"{'' if index is None else f'image {index}: '}a {label}")
        self.true_marker.set_x(label - 0.5)
        probs, preds, parts = {}, {}, []
        for name in self.names:
            p = np.asarray(probabilities[name], dtype=np.float64)
            for bar, h in zip(self.bars[name], p):
                bar.set_height(h)
            pred = int(np.argmax(p))
            probs[name], preds[name] = p.copy(), pred
            parts.append(f"{name}: {pred} ({100 * p[pred]:.0f}%)" + ("" if pred == label else " \u2717"))
        self.bar_title.set_text("   ".join(parts))
        return {"label": label, "probabilities": probs, "predictions": preds,
                "title": self.bar_title.get_text()}
