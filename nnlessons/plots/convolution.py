"""Figures for lesson 12 (convolution): a kernel's weights, a kernel sliding over an image,
one filter over several channels giving one output value, a layer's shapes, and a kernel
editor's view (digit | kernel | feature map).

`ConvDiagram` and `KernelMaps` are live figures (`nnlessons.plots.live`) that the lesson's
widgets update; the other functions return a static matplotlib ``Figure`` (no pyplot).
"""
from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import numpy as np
from matplotlib.figure import Figure
from matplotlib.patches import FancyArrowPatch, Polygon, Rectangle

from ..conv import conv2d_forward, conv_param_count
from .beside import differing
from .live import LiveFigure
from .style import DIVERGING_CMAP, PALETTE, new_figure, recolor

__all__ = ["show_kernel", "conv_sliding", "conv_one_output", "ConvDiagram", "draw_conv_layer",
           "conv_layer_diagram", "KernelMaps"]

_INK = "gray_r"          # pixel intensities: 0 = white paper, dark = ink
_MIN_FONT = 8.0          # no number in these figures is printed smaller (points)


def _no_ticks(ax) -> None:
    ax.set_xticks([])
    ax.set_yticks([])


def _grid_lines(ax, h: int, w: int, color: str = "#cccccc") -> None:
    """Thin lines between the pixels of an h x w image shown with imshow."""
    ax.set_xticks(np.arange(-0.5, w, 1), minor=True)
    ax.set_yticks(np.arange(-0.5, h, 1), minor=True)
    ax.grid(which="minor", color=color, linewidth=0.5)
    ax.tick_params(which="minor", length=0)


def _text_color(value: float, vmax: float) -> str:
    """White on a strongly coloured cell, black on a pale one."""
    return "white" if abs(value) > 0.6 * vmax else "black"


def _write_values(ax, values: np.ndarray, vmax: float, fontsize: float, fmt: str = "{:g}",
                  bold: np.ndarray | None = None, ink: bool = False) -> list:
    """Write each value of a 2-D array in its imshow cell; returns the texts."""
    texts = []
    for (r, c), v in np.ndenumerate(values):
        color = ("white" if v > 0.55 * vmax else "black") if ink else _text_color(v, vmax)
        texts.append(ax.text(c, r, fmt.format(v), ha="center", va="center", fontsize=fontsize,
                             color=color, fontweight="bold" if bold is not None and bold[r, c] else "normal"))
    return texts


def _frame(ax, color: str, width: float = 3.0) -> None:
    for sp in ax.spines.values():
        sp.set_edgecolor(color)
        sp.set_linewidth(width)


# ------------------------------------------------------------------ kernels, one channel
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
    _write_values(ax, kernel, vmax, fontsize=10)
    ax.set_xticks(range(kernel.shape[1]))
    ax.set_yticks(range(kernel.shape[0]))
    ax.set_xlabel("column q")
    ax.set_ylabel("row p")
    ax.set_title(title)
    return fig


def conv_sliding(image: np.ndarray, kernel: np.ndarray, bias: float = 0.0,
                 positions: Sequence[tuple[int, int]] = ((0, 0), (0, 1), (3, 2))) -> Figure:
    """A kernel sliding over an image: one row per output position (stride 1, no padding).

    image (H, W), kernel (kh, kw). Each row shows the input with the patch under the
    kernel boxed (its pixel values in bold), the kernel, and the feature map filled in
    up to that position (row-major order), every value computed so far written in it:
    ``sum(patch * kernel) + bias``. No number is printed smaller than 8 points.
    """
    image = np.asarray(image, dtype=np.float64)
    kernel = np.asarray(kernel, dtype=np.float64)
    H, W = image.shape
    kh, kw = kernel.shape
    Ho, Wo = H - kh + 1, W - kw + 1
    full = np.array([[np.sum(image[r:r + kh, c:c + kw] * kernel) + bias for c in range(Wo)]
                     for r in range(Ho)])
    fmax = max(1e-9, float(np.abs(full).max()))
    fig = new_figure(9.0, 3.3 * len(positions) + 0.3, dpi=90)
    axes = fig.subplots(len(positions), 3, squeeze=False,
                        gridspec_kw={"width_ratios": [W, kw * 0.9, Wo]})
    for row, (r, c) in enumerate(positions):
        if not (0 <= r < Ho and 0 <= c < Wo):
            raise ValueError(f"position {(r, c)} is outside the {Ho}x{Wo} output.")
        a_in, a_k, a_out = axes[row]
        top = max(16.0, float(image.max()))
        a_in.imshow(image, cmap=_INK, vmin=0, vmax=top)
        inside = np.zeros_like(image, dtype=bool)
        inside[r:r + kh, c:c + kw] = True
        _write_values(a_in, image, top, fontsize=9, fmt="{:.0f}", bold=inside, ink=True)
        a_in.add_patch(Rectangle((c - 0.5, r - 0.5), kw, kh, fill=False,
                                 edgecolor=PALETTE["orange"], linewidth=3))
        _no_ticks(a_in)
        a_in.set_title(f"input: patch at row {r}, column {c}", fontsize=10)
        a_in.set_ylabel(f"step {r * Wo + c + 1} of {Ho * Wo}")

        show_kernel(kernel, title="kernel weights", ax=a_k)
        _frame(a_k, PALETTE["orange"])

        order = np.arange(Ho * Wo).reshape(Ho, Wo)
        done = order <= r * Wo + c
        a_out.imshow(np.where(done, full, np.nan), cmap=DIVERGING_CMAP, vmin=-fmax, vmax=fmax)
        for (i, j) in zip(*np.nonzero(done)):
            a_out.text(j, i, f"{full[i, j]:.0f}", ha="center", va="center", fontsize=9,
                       fontweight="bold" if (i, j) == (r, c) else "normal",
                       color=_text_color(full[i, j], fmax))
        a_out.add_patch(Rectangle((c - 0.5, r - 0.5), 1, 1, fill=False,
                                  edgecolor=PALETTE["orange"], linewidth=3))
        _grid_lines(a_out, Ho, Wo)
        a_out.set_xticks([])
        a_out.set_yticks([])
        a_out.set_title("feature map (the output)", fontsize=10)
        a_out.set_xlabel(f"{full[r, c]:.0f} = sum(patch \u00d7 kernel) + {bias:g}", fontsize=10)
    fig.suptitle(f"A {kh}x{kw} kernel slides over the {H}x{W} image (stride 1, no padding) "
                 f"\u2192 a {Ho}x{Wo} feature map")
    return fig


# ------------------------------------------------------------ several channels, one value
def _box_faces(x: float, y: float, w: float, h: float, d: float) -> tuple[list, list]:
    """The top and right faces of a box whose front face is the rectangle (x, y, w, h) and whose
    back face is that rectangle moved by (d, d): two lists of 4 corners."""
    top = [(x, y + h), (x + w, y + h), (x + w + d, y + h + d), (x + d, y + h + d)]
    right = [(x + w, y), (x + w + d, y + d), (x + w + d, y + h + d), (x + w, y + h)]
    return top, right


def _draw_channel_stack(ax, C: int, H: int, W: int, r: int, c: int, kh: int, kw: int,
                        off: float) -> None:
    """C slices of an H x W input, front (channel 0) at the bottom left, the others behind it;
    the kernel's kh x kw x C box at (r, c) goes through every slice."""
    orange = PALETTE["orange"]
    for ch in reversed(range(C)):                       # back to front
        d = ch * off
        ax.add_patch(Rectangle((d, d), W, H, facecolor="#e8f1f8", edgecolor=PALETTE["blue"],
                               linewidth=1.0, zorder=2 * (C - ch)))
        for k in range(1, max(H, W)):
            if k < W:
                ax.plot([d + k, d + k], [d, d + H], color="#b9cfe0", linewidth=0.5, zorder=2 * (C - ch))
            if k < H:
                ax.plot([d, d + W], [d + k, d + k], color="#b9cfe0", linewidth=0.5, zorder=2 * (C - ch))
        # the kernel's slice on this channel (row 0 is at the top of the slice)
        ax.add_patch(Rectangle((d + c, d + H - r - kh), kw, kh, facecolor=orange, alpha=0.55,
                               edgecolor="black", linewidth=1.0, zorder=2 * (C - ch) + 1))
        ax.text(d + W + 0.15, d + 0.1, f"channel {ch}", fontsize=8.5, ha="left", va="bottom",
                zorder=2 * (C - ch) + 1)
    x, y, depth = c, H - r - kh, (C - 1) * off
    top, right = _box_faces(x, y, kw, kh, depth)
    for face in (top, right):
        ax.add_patch(Polygon(face, closed=True, facecolor=orange, alpha=0.35, edgecolor="black",
                             linewidth=1.0, zorder=2 * C + 2))


def conv_one_output(x: np.ndarray, kernel: np.ndarray, bias: float, position: tuple[int, int] = (1, 1),
                    activation: str = "relu") -> Figure:
    """One filter over a several-channel input computes ONE output value.

    x (C, H, W) the input, kernel (C, kh, kw) the filter (a box through every channel),
    bias: the filter's one bias; position (r, c): the patch's top-left corner. Left: the
    channels stacked, the kernel box through all of them, and the output cell it fills.
    Middle, one row per channel: the channel with the patch boxed, the kernel's slice for
    that channel, and their products with the channel's sum. Right: the sums added over
    the channels, then the bias, then the activation ("relu" or "identity").
    """
    x = np.asarray(x, dtype=np.float64)
    kernel = np.asarray(kernel, dtype=np.float64)
    if x.ndim != 3 or kernel.ndim != 3 or kernel.shape[0] != x.shape[0]:
        raise ValueError(f"x must be (C, H, W) and kernel (C, kh, kw) with the same C; "
                         f"got {x.shape} and {kernel.shape}.")
    if activation not in ("relu", "identity"):
        raise ValueError(f"activation must be 'relu' or 'identity', got {activation!r}.")
    C, H, W = x.shape
    _, kh, kw = kernel.shape
    r, c = position
    if not (0 <= r <= H - kh and 0 <= c <= W - kw):
        raise ValueError(f"position {position} puts the {kh}x{kw} kernel outside the {H}x{W} input.")
    patch = x[:, r:r + kh, c:c + kw]
    products = patch * kernel
    sums = products.sum(axis=(1, 2))
    z = float(sums.sum() + bias)
    a = max(z, 0.0) if activation == "relu" else z

    fig = new_figure(10.6, 1.95 * C + 0.9, dpi=90)
    grid = fig.add_gridspec(C, 5, width_ratios=[3.3, W / 3.2, kw / 2.5, kw / 2.5, 2.5])
    _sketch(fig.add_subplot(grid[:, 0]), x.shape, kernel.shape, (r, c))
    xmax = max(1e-9, float(np.abs(x).max()))
    kmax = max(1e-9, float(np.abs(kernel).max()))
    pmax = max(1e-9, float(np.abs(products).max()))
    for ch in range(C):
        a_in, a_k, a_p = (fig.add_subplot(grid[ch, j]) for j in (1, 2, 3))
        inside = np.zeros((H, W), dtype=bool)
        inside[r:r + kh, c:c + kw] = True
        a_in.imshow(x[ch], cmap=_INK, vmin=0, vmax=xmax)
        _write_values(a_in, x[ch], xmax, fontsize=9, bold=inside, ink=True)
        a_in.add_patch(Rectangle((c - 0.5, r - 0.5), kw, kh, fill=False, edgecolor=PALETTE["orange"],
                                 linewidth=2.5))
        a_in.set_ylabel(f"channel {ch}", fontsize=10)
        a_k.imshow(kernel[ch], cmap=DIVERGING_CMAP, vmin=-kmax, vmax=kmax)
        _write_values(a_k, kernel[ch], kmax, fontsize=10)
        _frame(a_k, PALETTE["orange"], 2.0)
        a_p.imshow(products[ch], cmap=DIVERGING_CMAP, vmin=-pmax, vmax=pmax)
        _write_values(a_p, products[ch], pmax, fontsize=9)
        a_p.set_xlabel(f"sum = {sums[ch]:g}", fontsize=10, fontweight="bold")
        for ax in (a_in, a_k, a_p):
            _no_ticks(ax)
        if ch == 0:
            a_in.set_title("input channel,\npatch boxed", fontsize=10)
            a_k.set_title(f"kernel slice\n{kh}\u00d7{kw}", fontsize=10)
            a_p.set_title("patch \u00d7 kernel\n(each position)", fontsize=10)
    _sum_panel(fig.add_subplot(grid[:, 4]), sums, bias, z, a, activation, kernel.shape)
    fig.suptitle(f"One filter ({C}\u00d7{kh}\u00d7{kw} weights + 1 bias) over a {C}-channel input "
                 f"\u2192 one output value")
    return fig


def _sketch(ax, x_shape: tuple, k_shape: tuple, position: tuple[int, int]) -> None:
    """The channels with the kernel box through them, an arrow, and the output cell it fills."""
    C, H, W = x_shape
    _, kh, kw = k_shape
    r, c = position
    off = 1.1
    _draw_channel_stack(ax, C, H, W, r, c, kh, kw, off)
    Ho, Wo = H - kh + 1, W - kw + 1
    ox, oy = W + (C - 1) * off + 2.6, (H - Ho) / 2
    ax.add_patch(Rectangle((ox, oy), Wo, Ho, facecolor="#b8e0d2", edgecolor=PALETTE["green"],
                           linewidth=1.0, zorder=1))
    ax.add_patch(Rectangle((ox + c, oy + Ho - r - 1), 1, 1, facecolor=PALETTE["orange"],
                           edgecolor="black", linewidth=1.0, zorder=2))
    # from the back top corner of the kernel box, over the channel names, to the output cell
    ax.add_patch(FancyArrowPatch((c + kw + (C - 1) * off + 0.1, H - r + (C - 1) * off - 0.1),
                                 (ox + c + 0.5, oy + Ho - r - 0.4), arrowstyle="-|>", mutation_scale=14,
                                 connectionstyle="arc3,rad=-0.3", color="black", linewidth=1.2,
                                 zorder=20))
    ax.text(ox + Wo / 2, oy - 0.4, "output map:\none value", ha="center", va="top", fontsize=9)
    ax.text(W / 2 + (C - 1) * off / 2, -0.5, f"input {C}\u00d7{H}\u00d7{W}\nkernel: a {C}\u00d7{kh}\u00d7{kw} box\n"
            "through every channel", ha="center", va="top", fontsize=9)
    ax.set_xlim(-0.3, ox + Wo + 0.5)
    ax.set_ylim(-3.2, H + (C - 1) * off + 0.4)
    ax.set_aspect("equal")
    ax.set_axis_off()


def _sum_panel(ax, sums: np.ndarray, bias: float, z: float, a: float, activation: str,
               k_shape: tuple) -> None:
    """The arithmetic after the products: over the channels, + bias, activation."""
    C, kh, kw = k_shape
    terms = " + ".join(f"({s:g})" if s < 0 else f"{s:g}" for s in sums)
    lines = [
        (f"add the {C} channel sums:", "normal"),
        (f"{terms} = {sums.sum():g}", "bold"),
        ("", "normal"),
        ("add the filter's one bias:", "normal"),
        (f"z = {sums.sum():g} {'-' if bias < 0 else '+'} {abs(bias):g} = {z:g}", "bold"),
        ("", "normal"),
        ("apply the activation:", "normal"),
        (f"a = ReLU({z:g}) = {a:g}" if activation == "relu" else f"a = z = {a:g}", "bold"),
        ("", "normal"),
        (f"{C}\u00b7{kh}\u00b7{kw} = {C * kh * kw} products + 1 bias", "normal"),
        ("\u2192 ONE number of the output map", "normal"),
    ]
    for i, (text, weight) in enumerate(lines):
        ax.text(0.02, 0.92 - 0.082 * i, text, transform=ax.transAxes, fontsize=10, fontweight=weight,
                ha="left", va="top")
    ax.set_axis_off()


# ----------------------------------------------------------------- layer diagram
_DIAG_SIZE = 10.0   # the larger side of the padded input, in diagram units
_STACK = 3          # at most this many channel slices are drawn
_OFF = 0.9          # offset between drawn slices


class ConvDiagram(LiveFigure):
    """A convolution layer's shapes, drawn to scale: the input (C, H, W) with its padding, the
    kernel at its first position as a box through every drawn channel (and, dotted, its next
    position, ``stride`` pixels to the right), and the output (N, H', W') with the cell that
    the kernel's first position computes.

    ``update(H, W, C, kh, kw, N, stride, padding)`` returns ``output_shape`` ((N, H', W') or
    None when the kernel does not fit), ``channels_drawn``, ``kernel_depth`` (the channels
    the kernel box goes through), ``message`` (the note above the drawing), ``weights``
    and ``biases`` (the layer's counts), and the package's ``package_shape`` and
    ``package_counts`` (what the drawn values are compared with).
    Draws on ``ax`` when given (a panel of a larger figure), else on its own figure.

    output_size(H, W, kh, kw, stride, padding) -> (H', W') and param_count(kh, kw, C, N)
    -> (weights, biases): a learner's functions, drawn instead of the package's; where
    they part from it, the package's output is outlined faint (dashed) and a note under
    the arrow gives both (nothing extra while they agree).
    """

    def __init__(self, H: int = 28, W: int = 28, C: int = 1, kh: int = 3, kw: int = 3, N: int = 8,
                 stride: int = 1, padding: int = 0, ax=None, title: str | None = None, dpi: int = 80,
                 output_size: Callable | None = None, param_count: Callable | None = None):
        self.output_size, self.param_count = output_size, param_count
        if ax is None:
            self.fig = new_figure(6.4, 3.4, dpi=dpi)
            ax = self.fig.add_subplot()
            # a figure title: an equal-aspect axes' own title can end up cut off at the top
            self.fig.suptitle(title or "One convolution layer: input \u2192 N filters \u2192 output")
        else:
            self.fig = ax.figure
        self.ax = ax
        self._draw()
        self.animated = [*self.inputs, self.pad, *self.kernel_faces, self.kernel_next, *self.outputs,
                         self.out_cell, self.in_label, self.mid_label, self.out_label, self.message,
                         self.out_package, self.yours_note]
        self.update(H, W, C, kh, kw, N, stride, padding)

    def _draw(self) -> None:
        ax = self.ax
        blue, orange, green = PALETTE["blue"], PALETTE["orange"], PALETTE["green"]
        self.inputs = [ax.add_patch(Rectangle((0, 0), 1, 1, facecolor=PALETTE["sky"], edgecolor=blue,
                                              linewidth=1.2, zorder=3 - k))
                       for k in range(_STACK)]
        self.pad = ax.add_patch(Rectangle((0, 0), 1, 1, fill=False, edgecolor=PALETTE["grey"],
                                          linestyle="--", linewidth=1.2, zorder=4))
        # the kernel: its front face, then the top and right faces that give it its depth
        self.kernel_faces = [ax.add_patch(Rectangle((0, 0), 1, 1, facecolor=orange, edgecolor="black",
                                                    alpha=0.9, linewidth=1.2, zorder=5.2))]
        self.kernel_faces += [ax.add_patch(Polygon(np.zeros((4, 2)), closed=True, facecolor=orange,
                                                   edgecolor="black", alpha=0.6, linewidth=1.0, zorder=5.1))
                              for _ in range(2)]
        self.kernel_next = ax.add_patch(Rectangle((0, 0), 1, 1, fill=False, edgecolor=orange,
                                                  linestyle=":", linewidth=1.8, zorder=5.3))
        self.outputs = [ax.add_patch(Rectangle((0, 0), 1, 1, facecolor="#b8e0d2", edgecolor=green,
                                               linewidth=1.2, zorder=3 - k))
                        for k in range(_STACK)]
        self.out_cell = ax.add_patch(Rectangle((0, 0), 1, 1, facecolor=orange, edgecolor="black",
                                               linewidth=1.0, zorder=5))
        self.in_label = ax.text(6, -1.0, "", ha="center", va="top", fontsize=10)
        self.mid_label = ax.text(19.75, 8.2, "", ha="center", va="center", fontsize=10,
                                 bbox=dict(boxstyle="round", facecolor="#fff4dc", edgecolor=orange))
        self.out_label = ax.text(30.5, -1.0, "", ha="center", va="top", fontsize=10)
        self.message = ax.text(18, 14.3, "", ha="center", va="center", fontsize=10,
                               color=PALETTE["vermillion"])
        # a learner's values beside the package's: hidden while they agree
        self.out_package = ax.add_patch(Rectangle((0, 0), 1, 1, fill=False, edgecolor=PALETTE["black"],
                                                  alpha=0.45, linestyle="--", linewidth=2.0, zorder=6,
                                                  visible=False))
        self.yours_note = ax.text(18.9, 3.3, "", ha="center", va="top", fontsize=8, linespacing=1.15,
                                  color=PALETTE["vermillion"], visible=False)
        ax.annotate("", xy=(24.3, 4.0), xytext=(15.2, 4.0),
                    arrowprops=dict(arrowstyle="->", color="black", linewidth=1.5))
        ax.set_xlim(-0.5, 37.5)
        ax.set_ylim(-3.6, 15.0)
        ax.set_aspect("equal")
        _no_ticks(ax)
        for sp in ax.spines.values():
            sp.set_visible(False)

    def update(self, H: int, W: int, C: int, kh: int, kw: int, N: int, stride: int,
               padding: int) -> dict[str, Any]:
        """Move the artists to show this layer; see the class docstring for what it returns."""
        Hp, Wp = H + 2 * padding, W + 2 * padding
        s = _DIAG_SIZE / max(Hp, Wp)
        depth = min(C, _STACK)
        x0, y0 = 0.5, 0.5                   # the front slice at the bottom left, the others behind
        for k, rect in enumerate(self.inputs):
            rect.set_visible(k < depth)
            rect.set_bounds(x0 + padding * s + k * _OFF, y0 + padding * s + k * _OFF, W * s, H * s)
        self.pad.set_visible(padding > 0)
        self.pad.set_bounds(x0, y0, Wp * s, Hp * s)
        # the kernel at its first position (top left of the padded input), through every slice
        top = y0 + Hp * s
        front, *sides = self.kernel_faces
        front.set_bounds(x0, top - kh * s, kw * s, kh * s)
        for face, corners in zip(sides, _box_faces(x0, top - kh * s, kw * s, kh * s, (depth - 1) * _OFF)):
            face.set_xy(corners)
            face.set_visible(depth > 1)
        fits = kh <= Hp and kw <= Wp
        Ho = (Hp - kh) // stride + 1 if fits else 0
        Wo = (Wp - kw) // stride + 1 if fits else 0
        counts = tuple(conv_param_count(kh, kw, C, N))
        yours = self._yours(H, W, C, kh, kw, N, stride, padding, fits, (Ho, Wo), counts)
        (yHo, yWo), ycounts = yours
        self.kernel_next.set_visible(fits and yWo > 1)
        self.kernel_next.set_bounds(x0 + stride * s, top - kh * s, kw * s, kh * s)
        self._labels(H, W, C, kh, kw, N, stride, padding, depth, yHo, yWo)
        shown = dict(output_shape=(N, yHo, yWo) if fits else None, channels_drawn=depth, kernel_depth=depth,
                     weights=ycounts[0], biases=ycounts[1], package_shape=(N, Ho, Wo) if fits else None,
                     package_counts=counts)
        self._beside(N, (Ho, Wo), (yHo, yWo), counts, ycounts, s, y0)
        if not fits:
            for rect in (*self.outputs, self.out_cell):
                rect.set_visible(False)
            self.message.set_text(f"the {kh}\u00d7{kw} kernel does not fit in the padded {Hp}\u00d7{Wp} input")
            return dict(shown, message=self.message.get_text())
        for k, rect in enumerate(self.outputs):
            rect.set_visible(k < min(N, _STACK))
            rect.set_bounds(25.0 + k * _OFF, y0 + k * _OFF, yWo * s, yHo * s)
        self.out_cell.set_visible(True)
        self.out_cell.set_bounds(25.0, y0 + (yHo - 1) * s, s, s)
        left_h, left_w = (Hp - kh) % stride, (Wp - kw) % stride
        self.message.set_text(_uncovered_message(stride, padding, left_h, left_w) if left_h or left_w else "")
        return dict(shown, message=self.message.get_text())

    def _yours(self, H, W, C, kh, kw, N, stride, padding, fits, size, counts):
        """The output size and counts to draw: the learner's functions' (when given; the size
        only when the kernel fits) as plain numbers, else the package's `size`, `counts`."""
        if fits and self.output_size is not None:
            size = _drawable(self.output_size(H, W, kh, kw, stride, padding), size, limit=4 * max(H, W) + 40)
        if self.param_count is not None:
            counts = _drawable(self.param_count(kh, kw, C, N), counts)
        return size, counts

    def _beside(self, N, size, ysize, counts, ycounts, s, y0) -> None:
        """The package's output outlined faint and a note giving both, where the learner's differ."""
        shape_differs, count_differs = tuple(ysize) != tuple(size), tuple(ycounts) != tuple(counts)
        self.out_package.set_visible(shape_differs)
        if shape_differs:
            self.out_package.set_bounds(25.0, y0, size[1] * s, size[0] * s)
        notes = []
        if shape_differs:
            notes.append(f"your conv_output_shape: {_g(ysize[0])}\u00d7{_g(ysize[1])}\n"
                         f"the package's: {size[0]}\u00d7{size[1]} (dashed)")
        if count_differs:
            notes.append(f"your conv_param_count:\n{_g(ycounts[0])} weights, {_g(ycounts[1])} biases\n"
                         f"the package's: {counts[0]:,}, {counts[1]:,}")
        self.yours_note.set_visible(bool(notes))
        self.yours_note.set_text("\n".join(notes))

    def _labels(self, H, W, C, kh, kw, N, stride, padding, depth, Ho, Wo) -> None:
        rings = f"{padding} ring{'s' if padding > 1 else ''} of zeros"
        drawn = f" ({depth} of {C} channels drawn)" if C > depth else ""
        self.in_label.set_text(f"input  C\u00d7H\u00d7W = {C}\u00d7{H}\u00d7{W}{drawn}"
                               + (f"\n(padding {padding}: {rings}, dashed)" if padding else ""))
        self.mid_label.set_text(f"{N} filter{'s' if N != 1 else ''}\neach {C}\u00d7{kh}\u00d7{kw}"
                                f"\n+ 1 bias each\nstride {stride}")
        self.out_label.set_text(f"output  N\u00d7H'\u00d7W' = {N}\u00d7{_g(Ho)}\u00d7{_g(Wo)}" if Ho else "no output")


def _drawable(values, fallback: tuple, limit: float = float("inf")) -> tuple:
    """A learner's pair of numbers, each clipped to [0, limit] (whole numbers given as
    integers stay ints), or `fallback` when it is not a pair of finite numbers."""
    try:
        pair = [(v, float(v)) for v in values]
    except (TypeError, ValueError):
        return fallback
    if len(pair) != 2 or not all(np.isfinite(f) for _, f in pair):
        return fallback
    return tuple(int(min(max(f, 0), limit)) if isinstance(v, (int, np.integer)) else min(max(f, 0.0), limit)
                 for v, f in pair)


def _g(v) -> str:
    """A count as the text shows it: whole numbers with thousands separators, else 3 digits."""
    return f"{v:,}" if isinstance(v, (int, np.integer)) else f"{v:.3g}"


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
    return ConvDiagram(H, W, C, kh, kw, N, stride, padding, ax=ax)


def conv_layer_diagram(H: int, W: int, C: int, kh: int, kw: int, N: int, stride: int = 1,
                       padding: int = 0, title: str | None = None, dpi: int = 90) -> Figure:
    """A convolution layer's shapes (see `ConvDiagram`) as a static figure."""
    return ConvDiagram(H, W, C, kh, kw, N, stride, padding, title=title, dpi=dpi).fig


# ----------------------------------------------------------------- kernel editor's view
class KernelMaps(LiveFigure):
    """A 3x3 kernel over a digit: digit | kernel (its weights written in) | feature map.

    images (m, 8, 8) pixel values 0-16, labels (m,). ``update(kernel, bias, index, relu)``
    cross-correlates image ``index`` (scaled to [0, 1]) with the kernel (padding 1, stride 1,
    so the map is 8x8 like the digit), adds the bias, applies ReLU if asked, and returns
    ``kernel`` (3, 3), ``bias``, ``image`` (8, 8), ``label``, ``digit``, ``feature_map``
    (8, 8), its ``min`` and ``max``, ``relu`` and ``differ`` (pixels where a learner's map
    parts from the package's).

    conv2d(x (C, H, W), kernels (N, C, kh, kw), bias (N,), stride, padding) -> (N, H', W'):
    a learner's function (exercise 12), whose map is drawn instead of the package's; each
    pixel where it parts from the package's gets a black-edged square inside it filled
    with the package's value (nothing extra while they agree).
    """

    def __init__(self, images: np.ndarray, labels: np.ndarray, kernel: np.ndarray | None = None,
                 bias: float = 0.0, index: int = 0, relu: bool = False, dpi: int = 80,
                 conv2d: Callable | None = None):
        self.conv2d = conv2d
        self.images, self.labels = np.asarray(images, dtype=np.float64), np.asarray(labels)
        self.fig = new_figure(7.4, 2.9, dpi=dpi)
        ax_img, ax_k, ax_map = self.fig.subplots(1, 3)
        self.img = ax_img.imshow(np.zeros((8, 8)), cmap=_INK, vmin=0, vmax=1)
        self.img_title = ax_img.set_title(" ")
        self.k_img = ax_k.imshow(np.zeros((3, 3)), cmap=DIVERGING_CMAP, vmin=-1, vmax=1)
        self.k_texts = _write_values(ax_k, np.zeros((3, 3)), 1.0, fontsize=10)
        self.k_title = ax_k.set_title(" ")
        self.map = ax_map.imshow(np.zeros((8, 8)), cmap=DIVERGING_CMAP, vmin=-1, vmax=1)
        self.map_title = ax_map.set_title(" ")
        for ax in (ax_img, ax_k, ax_map):
            _no_ticks(ax)
        ax_k.set_xlabel("red +, blue \u2212")
        self.map_label = ax_map.set_xlabel("padding 1, stride 1 \u2192 8x8")
        cell = ax_map.get_position().width * self.fig.get_figwidth() * 72 / 8   # a pixel's side, points
        self.package_cells = ax_map.scatter([], [], s=(0.5 * cell) ** 2, marker="s", c=[], cmap=DIVERGING_CMAP,
                                            edgecolors=PALETTE["black"], linewidths=1.2, zorder=3, visible=False)
        # the frames too: drawn over the images, which would otherwise cover half their width
        frames = [sp for ax in (ax_img, ax_k, ax_map) for sp in ax.spines.values()]
        self.animated = [self.img, self.img_title, self.k_img, *self.k_texts, self.k_title, self.map,
                         self.map_title, *frames, self.package_cells]
        self.update(np.zeros((3, 3)) if kernel is None else kernel, bias, index, relu)

    def update(self, kernel: np.ndarray, bias: float = 0.0, index: int = 0, relu: bool = False) -> dict[str, Any]:
        """Show the feature map of digit `index` under `kernel` (3, 3) and `bias`."""
        kernel = np.asarray(kernel, dtype=np.float64)
        image = self.images[index] / 16.0
        args = (image[None], kernel[None, None], np.array([float(bias)]))
        package = conv2d_forward(args[0][None], *args[1:], padding=1)[0][0, 0]
        fmap = package if self.conv2d is None else np.asarray(self.conv2d(*args, 1, 1), dtype=np.float64)[0]
        if relu:
            fmap, package = np.maximum(fmap, 0.0), np.maximum(package, 0.0)
        differ = self._beside(fmap, package)
        self.img.set_data(image)
        self.img_title.set_text(f"input digit #{index} (label {self.labels[index]})")
        kmax = max(1.0, float(np.abs(kernel).max()))       # the colour scale holds every weight
        self.k_img.set_data(kernel)
        self.k_img.set_clim(-kmax, kmax)
        for text, v in zip(self.k_texts, kernel.ravel()):
            text.set_text(f"{v:.2g}")
            recolor(text, _text_color(v, kmax))  # unchanged cells stay un-stale: pasted, not drawn
        self.k_title.set_text(f"3x3 kernel, bias {bias:+.2g}")
        vmax = max(1e-6, float(np.nanmax(np.abs(np.where(differ, package, fmap)))),
                   float(np.abs(fmap[np.isfinite(fmap)]).max(initial=0.0)))
        self.map.set_data(fmap)
        self.map.set_clim(-vmax, vmax)
        self.package_cells.set_clim(-vmax, vmax)
        self.map_title.set_text(f"feature map: {np.nanmin(fmap):.1f} to {np.nanmax(fmap):.1f}")
        return dict(kernel=kernel, bias=float(bias), image=image, label=int(self.labels[index]),
                    digit=int(index), feature_map=fmap, min=float(np.nanmin(fmap)), max=float(np.nanmax(fmap)),
                    relu=bool(relu), differ=int(differ.sum()))

    def _beside(self, fmap: np.ndarray, package: np.ndarray) -> np.ndarray:
        """Mark the pixels where `fmap` parts from the `package`'s map (both (8, 8)), each
        with a square of the package's value; hidden when none does. Returns where."""
        where = differing(fmap, package)
        shown = bool(where.any())
        if shown != self.package_cells.get_visible():     # the label under the map says what the squares are
            self.map_label.set_text("\u25a3 = the package's value there" if shown else "padding 1, stride 1 \u2192 8x8")
            self.background_stale = True
        self.package_cells.set_visible(shown)
        rows, cols = np.nonzero(where)
        self.package_cells.set_offsets(np.column_stack([cols, rows]) if shown else np.empty((0, 2)))
        self.package_cells.set_array(package[where])
        return where
