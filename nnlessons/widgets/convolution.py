"""Lesson 09 widgets: a convolution-layer calculator and a 3x3 kernel editor over a digit.

* `conv_calculator()`: sliders for H, W, C, kh, kw, N, stride and padding; shows the
  output shape, the weight and bias counts (and a dense layer's count for the same
  input and output) as text, and the layer as a diagram.
* `kernel_editor()`: nine sliders, one per weight of a 3x3 kernel, and a bias slider,
  over a handwritten digit; the feature map (padding 1, so it is 8x8 like the digit)
  updates live.
"""
from __future__ import annotations

import ipywidgets as W
import numpy as np

from ..conv import conv2d_forward, conv_param_count
from ..data import load_digits
from ..plots.style import DIVERGING_CMAP, PALETTE, new_figure
from ..plots.vision import ConvDiagram
from .base import App, FigureView

__all__ = ["conv_calculator", "kernel_editor", "KERNEL_PRESETS", "BENCH"]

_SLIDER_STYLE = {"description_width": "150px"}
_LAYOUT = W.Layout(width="420px")


def _int_slider(value: int, lo: int, hi: int, description: str) -> W.IntSlider:
    return W.IntSlider(value=value, min=lo, max=hi, step=1, description=description,
                       continuous_update=True, style=_SLIDER_STYLE, layout=_LAYOUT)


# ------------------------------------------------------------------- calculator
def _calc_html(H, W_, C, kh, kw, N, stride, padding, out) -> str:
    p = conv_param_count(kh, kw, C, N)
    rows = [f"<b>Input</b> C&times;H&times;W = {C}&times;{H}&times;{W_} = {C * H * W_:,} numbers"]
    if out is None:
        rows.append(f"<b style='color:{PALETTE['vermillion']}'>The {kh}&times;{kw} kernel does not "
                    f"fit in the padded {H + 2 * padding}&times;{W_ + 2 * padding} input: make the "
                    f"kernel smaller or add padding.</b>")
    else:
        Ho, Wo = out
        rows += [
            f"<b>Output</b> N&times;H'&times;W' = <b>{N}&times;{Ho}&times;{Wo}</b>",
            f"H' = &lfloor;(H + 2p &minus; kh) / s&rfloor; + 1 = &lfloor;({H} + 2&middot;{padding} "
            f"&minus; {kh}) / {stride}&rfloor; + 1 = {Ho}; &nbsp; W' = &lfloor;({W_} + 2&middot;{padding} "
            f"&minus; {kw}) / {stride}&rfloor; + 1 = {Wo}",
        ]
    rows += [
        f"<b>Weights</b> kh&middot;kw&middot;C&middot;N = {kh}&middot;{kw}&middot;{C}&middot;{N} "
        f"= <b>{p.weights:,}</b>",
        f"<b>Biases</b> N = <b>{p.biases:,}</b> (one per filter) &nbsp; <b>Total</b> {p.total:,}",
    ]
    if out is not None:
        dense = (C * H * W_) * (N * out[0] * out[1])
        rows.append(f"A <i>dense</i> layer from the same input to the same output would need "
                    f"{C * H * W_:,}&middot;{N * out[0] * out[1]:,} = <b>{dense:,}</b> weights "
                    f"(+ {N * out[0] * out[1]:,} biases)")
    return "<br>".join(rows)


def conv_calculator(H: int = 28, W_: int = 28, C: int = 1, kh: int = 3, kw: int = 3,
                    N: int = 8, stride: int = 1, padding: int = 0) -> App:
    """A calculator for one convolution layer.

    Controls (IntSliders): ``H``, ``W``, ``C`` (input height, width, channels), ``kh``,
    ``kw`` (kernel size), ``N`` (number of filters), ``stride``, ``padding``.
    State: ``output_shape`` (N, H', W') or None when the kernel does not fit,
    ``weights``, ``biases``, ``dense_weights`` (a dense layer between the same input and
    output) and ``text`` (the HTML shown). View ``"diagram"``: the layer drawn to scale.
    """
    controls = {
        "H": _int_slider(H, 1, 256, "input height H"),
        "W": _int_slider(W_, 1, 256, "input width W"),
        "C": _int_slider(C, 1, 256, "input channels C"),
        "kh": _int_slider(kh, 1, 11, "kernel height kh"),
        "kw": _int_slider(kw, 1, 11, "kernel width kw"),
        "N": _int_slider(N, 1, 256, "filters N"),
        "stride": _int_slider(stride, 1, 5, "stride s"),
        "padding": _int_slider(padding, 0, 5, "padding p"),
    }
    fig = new_figure(6.4, 3.4, dpi=80)
    ax = fig.add_subplot()
    ax.set_title("One convolution layer: input \u2192 N filters \u2192 output")
    diagram = ConvDiagram(ax)
    html = W.HTML(layout=W.Layout(width="640px"))
    state: dict = {}
    view: FigureView | None = None

    def update(_change=None) -> None:
        v = {k: int(c.value) for k, c in controls.items()}
        out = diagram.update(v["H"], v["W"], v["C"], v["kh"], v["kw"], v["N"], v["stride"],
                             v["padding"])
        p = conv_param_count(v["kh"], v["kw"], v["C"], v["N"])
        state.update(
            values=v,
            output_shape=None if out is None else (v["N"], out[0], out[1]),
            weights=p.weights, biases=p.biases,
            dense_weights=None if out is None else v["C"] * v["H"] * v["W"] * v["N"] * out[0] * out[1],
        )
        state["text"] = html.value = _calc_html(v["H"], v["W"], v["C"], v["kh"], v["kw"], v["N"],
                                                v["stride"], v["padding"], out)
        if view is not None:
            view.redraw()

    update()
    view = FigureView(fig)
    for c in controls.values():
        c.observe(update, names="value")
    sliders = list(controls.values())
    widget = W.VBox([
        W.HBox([W.VBox(sliders[:4]), W.VBox(sliders[4:])]),
        html,
        view.image,
    ])
    return App(widget, controls, state, {"diagram": view})


# ----------------------------------------------------------------- kernel editor
KERNEL_PRESETS: dict[str, np.ndarray] = {
    "vertical edges": np.array([[-1, 0, 1], [-2, 0, 2], [-1, 0, 1]], dtype=np.float64),
    "horizontal edges": np.array([[-1, -2, -1], [0, 0, 0], [1, 2, 1]], dtype=np.float64),
    "blur": np.full((3, 3), 1 / 9),
    "sharpen": np.array([[0, -1, 0], [-1, 5, -1], [0, -1, 0]], dtype=np.float64),
    "identity": np.array([[0, 0, 0], [0, 1, 0], [0, 0, 0]], dtype=np.float64),
    "diagonal": np.array([[2, 0, -1], [0, 1, 0], [-1, 0, 2]], dtype=np.float64) / 2,
}
"""Named 3x3 kernels the editor's preset menu loads (values in [-2, 5])."""

_KMAX = 2.0


def kernel_editor(index: int = 0, preset: str = "vertical edges") -> App:
    """A 3x3 kernel editor over a handwritten digit, with the feature map live.

    The digit (``load_digits("train")[0][index]``, pixels scaled to [0, 1]) is
    cross-correlated with the kernel (padding 1, stride 1, so the map is 8x8), the bias
    is added, and optionally ReLU is applied.

    Controls: ``w00`` ... ``w22`` (FloatSliders, row then column), ``bias``, ``digit``
    (IntSlider: which training image), ``preset`` (Dropdown: loads a kernel from
    `KERNEL_PRESETS`), ``relu`` (Checkbox). State: ``kernel`` (3, 3), ``bias``,
    ``image`` (8, 8), ``label``, ``feature_map`` (8, 8) as shown, ``min``/``max`` of the
    map. View ``"maps"``: digit | kernel | feature map.
    """
    images, labels = load_digits("train")
    if preset not in KERNEL_PRESETS:
        raise ValueError(f"unknown preset {preset!r}: choose one of {', '.join(KERNEL_PRESETS)}.")
    if not 0 <= index < len(images):
        raise ValueError(f"index must be in 0..{len(images) - 1}, got {index}.")
    k0 = KERNEL_PRESETS[preset]
    weights = {}
    for r in range(3):
        for c in range(3):
            weights[f"w{r}{c}"] = W.FloatSlider(
                value=float(np.clip(k0[r, c], -_KMAX, _KMAX)), min=-_KMAX, max=_KMAX, step=0.1,
                description=f"weight row {r} col {c}", continuous_update=True,
                readout_format=".1f", style={"description_width": "120px"},
                layout=W.Layout(width="300px"))
    controls: dict = dict(weights)
    controls["bias"] = W.FloatSlider(value=0.0, min=-3.0, max=3.0, step=0.1, description="bias b",
                                     continuous_update=True, readout_format=".1f",
                                     style={"description_width": "120px"},
                                     layout=W.Layout(width="300px"))
    controls["digit"] = W.IntSlider(value=index, min=0, max=len(images) - 1, description="digit image #",
                                    continuous_update=True, style={"description_width": "120px"},
                                    layout=W.Layout(width="300px"))
    controls["preset"] = W.Dropdown(options=list(KERNEL_PRESETS), value=preset,
                                    description="load kernel", style={"description_width": "120px"})
    controls["relu"] = W.Checkbox(value=False, description="apply ReLU after the bias")

    fig = new_figure(7.2, 2.7, dpi=80)
    ax_img, ax_k, ax_map = fig.subplots(1, 3)
    img_art = ax_img.imshow(np.zeros((8, 8)), cmap="gray_r", vmin=0, vmax=1)
    img_title = ax_img.set_title("input digit")
    k_art = ax_k.imshow(np.zeros((3, 3)), cmap=DIVERGING_CMAP, vmin=-_KMAX, vmax=_KMAX)
    ax_k.set_title("3x3 kernel weights")
    map_art = ax_map.imshow(np.zeros((8, 8)), cmap=DIVERGING_CMAP, vmin=-1, vmax=1)
    map_title = ax_map.set_title("feature map")
    for ax in (ax_img, ax_k, ax_map):
        ax.set_xticks([])
        ax.set_yticks([])
    ax_k.set_xlabel("red +, blue \u2212 (scale \u00b12)")
    ax_map.set_xlabel("padding 1, stride 1 \u2192 8x8")
    state: dict = {}
    view: FigureView | None = None
    busy = {"preset": False}

    def update(_change=None) -> None:
        if busy["preset"]:
            return
        kernel = np.array([[weights[f"w{r}{c}"].value for c in range(3)] for r in range(3)],
                          dtype=np.float64)
        b = float(controls["bias"].value)
        i = int(controls["digit"].value)
        img = images[i] / 16.0
        fmap = conv2d_forward(img[None, None], kernel[None, None], np.array([b]), padding=1)[0][0, 0]
        if controls["relu"].value:
            fmap = np.maximum(fmap, 0.0)
        img_art.set_data(img)
        img_title.set_text(f"input digit #{i} (label {labels[i]})")
        k_art.set_data(kernel)
        vmax = max(1e-6, float(np.abs(fmap).max()))
        map_art.set_data(fmap)
        map_art.set_clim(-vmax, vmax)
        map_title.set_text(f"feature map: {fmap.min():.1f} to {fmap.max():.1f}")
        state.update(kernel=kernel, bias=b, image=img, label=int(labels[i]), digit=i,
                     feature_map=fmap, min=float(fmap.min()), max=float(fmap.max()),
                     relu=bool(controls["relu"].value))
        if view is not None:
            view.redraw()

    def load_preset(change) -> None:
        k = np.clip(KERNEL_PRESETS[change["new"]], -_KMAX, _KMAX)
        busy["preset"] = True
        try:
            for r in range(3):
                for c in range(3):
                    weights[f"w{r}{c}"].value = float(np.round(k[r, c], 1))
        finally:
            busy["preset"] = False
        update()

    update()
    view = FigureView(fig)
    for name, ctrl in controls.items():
        if name != "preset":
            ctrl.observe(update, names="value")
    controls["preset"].observe(load_preset, names="value")
    widget = W.VBox([
        W.HTML("<b>Kernel weights</b> (one slider per cell: row, column)"),
        W.GridBox([weights[f"w{r}{c}"] for r in range(3) for c in range(3)],
                  layout=W.Layout(grid_template_columns="repeat(3, 310px)")),
        W.HBox([controls["bias"], controls["digit"]]),
        W.HBox([controls["preset"], controls["relu"]]),
        view.image,
    ])
    return App(widget, controls, state, {"maps": view})


BENCH = [
    ("conv_calculator", "kh", [1, 3, 5, 7, 9, 11]),
    ("conv_calculator", "H", [8, 28, 64, 128, 227]),
    ("kernel_editor", "w11", [-1.5, -0.5, 0.0, 0.5, 1.5]),
    ("kernel_editor", "digit", [1, 2, 3, 4, 5]),
]
"""(builder, control, values) for bench/widgets.py: time a slider change -> updated figure."""
