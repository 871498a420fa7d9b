"""Lesson 12 widgets: a convolution-layer calculator and a 3x3 kernel editor over a digit.

* `conv_calculator()`: sliders for H, W, C, kh, kw, N, stride and padding; shows the
  output shape, the weight and bias counts (and a dense layer's count for the same
  input and output) as text, and the layer as a diagram whose kernel is a box through
  the input's channels.
* `kernel_editor()`: nine sliders, one per weight of a 3x3 kernel, and a bias slider,
  over a handwritten digit; the feature map (padding 1, so it is 8x8 like the digit)
  updates live. A preset loads its kernel exactly (the sliders hold every preset).

Both take your exercise-12 functions (``kernel_editor(conv2d=conv2d)``,
``conv_calculator(conv_output_shape=..., conv_param_count=...)``) and draw what they
compute, the package's beside where they differ (`nnlessons.widgets.yours`).

The figures are live figures of `nnlessons.plots.convolution`; the builders only wire
the controls to them.
"""
from __future__ import annotations

import ipywidgets as W
import numpy as np

from .. import conv
from ..data import load_digits
from ..plots.convolution import ConvDiagram, KernelMaps
from ..plots.style import PALETTE
from .base import App, FigureView, LiveFigureView
from .yours import YourCode, YourFunction

__all__ = ["conv_calculator", "kernel_editor", "KERNEL_PRESETS", "BENCH", "YOURS",
           "package_conv2d", "package_conv_output_shape", "package_conv_param_count"]


# --------------------------------------------------- the package's, as exercise 12 asks
def package_conv2d(x: np.ndarray, kernels: np.ndarray, bias: np.ndarray, stride: int = 1,
                   padding: int = 0) -> np.ndarray:
    """Exercise 12's conv2d from the package's: x (C, H, W), kernels (N, C, kh, kw),
    bias (N,) -> (N, H', W')."""
    return conv.conv2d_forward(np.asarray(x, dtype=np.float64)[None], kernels, bias, stride, padding)[0][0]


def package_conv_output_shape(h: int, w: int, k: int, stride: int = 1, padding: int = 0) -> tuple[int, int]:
    """Exercise 12's conv_output_shape (a k x k kernel) from the package's: (h_out, w_out)."""
    h_out, w_out = conv.conv_output_shape(h, w, k, k, stride, padding)  # a square kernel: kh = kw = k
    return h_out, w_out


def package_conv_param_count(kh: int, kw: int, c_in: int, n_filters: int) -> tuple[int, int]:
    """Exercise 12's conv_param_count from the package's: (weights, biases)."""
    counts = conv.conv_param_count(kh, kw, c_in, n_filters)
    return counts.weights, counts.biases


_WORSE = ["package", "same", "not_written", "differs", "unusable", "error", "timeout"]


def _square_kernels(shape: YourFunction):
    """`output_size(H, W, kh, kw, stride, padding)` from exercise 12's conv_output_shape,
    which takes a square k x k kernel: one call when kh == kw, else H' from a kh call and
    W' from a kw call (the worse of the two calls is kept as what the line says)."""
    def output_size(H, W, kh, kw, stride, padding):
        first = shape(H, W, kh, stride, padding)
        if kw == kh:
            return first
        kept = shape.last
        second = shape(H, W, kw, stride, padding)
        if _WORSE.index(kept.status) > _WORSE.index(shape.last.status):
            shape.last = kept
        return first[0], second[1]
    return output_size

_SLIDER_STYLE = {"description_width": "150px"}
_LAYOUT = W.Layout(width="420px")


def _int_slider(value: int, lo: int, hi: int, description: str) -> W.IntSlider:
    return W.IntSlider(value=value, min=lo, max=hi, step=1, description=description,
                       continuous_update=True, style=_SLIDER_STYLE, layout=_LAYOUT)


# ------------------------------------------------------------------- calculator
_CALC_SLIDERS = {
    "H": (1, 256, "input height H"), "W": (1, 256, "input width W"), "C": (1, 256, "input channels C"),
    "kh": (1, 11, "kernel height kh"), "kw": (1, 11, "kernel width kw"), "N": (1, 256, "filters N"),
    "stride": (1, 5, "stride s"), "padding": (0, 5, "padding p"),
}
"""name -> (min, max, description) of the calculator's sliders."""


def _counts(v: dict, shown: dict) -> dict:
    """The layer's weights and biases (as drawn), and a dense layer's weights between the same input and output."""
    output_shape = shown["output_shape"]
    dense = None if output_shape is None else v["C"] * v["H"] * v["W"] * int(np.prod(output_shape))
    return dict(weights=shown["weights"], biases=shown["biases"], dense_weights=dense)


def _theirs(yours, package) -> str:
    """The package's value in brackets after a learner's that differs from it."""
    return "" if yours == package else f" <span style='color:{PALETTE['grey']}'>(the package's: {package})</span>"


def _calc_html(v: dict, shown: dict) -> str:
    H, W_, C, kh, kw, N, s, pad = (v[k] for k in ("H", "W", "C", "kh", "kw", "N", "stride", "padding"))
    output_shape = shown["output_shape"]
    n = _counts(v, shown)
    (pw, pb), ps = shown["package_counts"], shown["package_shape"]
    rows = [f"<b>Input</b> C&times;H&times;W = {C}&times;{H}&times;{W_} = {C * H * W_:,} numbers"]
    if output_shape is None:
        rows.append(f"<b style='color:{PALETTE['vermillion']}'>The {kh}&times;{kw} kernel does not "
                    f"fit in the padded {H + 2 * pad}&times;{W_ + 2 * pad} input: make the "
                    f"kernel smaller or add padding.</b>")
    else:
        _, Ho, Wo = output_shape
        rows += [
            f"<b>Output</b> N&times;H'&times;W' = <b>{N}&times;{Ho}&times;{Wo}</b>"
            + _theirs((Ho, Wo), ps[1:]),
            f"H' = &lfloor;(H + 2p &minus; kh) / s&rfloor; + 1 = &lfloor;({H} + 2&middot;{pad} "
            f"&minus; {kh}) / {s}&rfloor; + 1 = {ps[1]}; &nbsp; W' = &lfloor;({W_} + 2&middot;{pad} "
            f"&minus; {kw}) / {s}&rfloor; + 1 = {ps[2]}",
        ]
    rows += [
        f"<b>Weights</b> kh&middot;kw&middot;C&middot;N = {kh}&middot;{kw}&middot;{C}&middot;{N} "
        f"= <b>{n['weights']:,}</b>{_theirs(n['weights'], pw)} (each filter is a {C}&times;{kh}&times;{kw} box through all the channels)",
        f"<b>Biases</b> N = <b>{n['biases']:,}</b>{_theirs(n['biases'], pb)} (one per filter) &nbsp; <b>Total</b> "
        f"{n['weights'] + n['biases']:,}",
    ]
    if output_shape is not None:
        outputs = int(np.prod(output_shape))  # as drawn (your conv_output_shape's, when given)
        rows.append(f"A <i>dense</i> layer from the same input to the same output would need "
                    f"{C * H * W_:,}&middot;{outputs:,} = <b>{n['dense_weights']:,}</b> weights "
                    f"(+ {outputs:,} biases)")
    return "<br>".join(rows)


def conv_calculator(H: int = 28, W_: int = 28, C: int = 1, kh: int = 3, kw: int = 3,
                    N: int = 8, stride: int = 1, padding: int = 0, *,
                    conv_output_shape=None, conv_param_count=None) -> App:
    """A calculator for one convolution layer.

    conv_output_shape, conv_param_count: your exercise functions (exercise 12), whose
    numbers the diagram and the text show instead of the package's, with the package's
    beside where yours differ and a line that says so (`nnlessons.widgets.yours`).
    conv_output_shape takes a square k x k kernel: for kh != kw it is called twice (H'
    with kh, W' with kw); it is not called when the kernel does not fit.

    Controls (IntSliders): ``H``, ``W``, ``C`` (input height, width, channels), ``kh``,
    ``kw`` (kernel size), ``N`` (number of filters), ``stride``, ``padding``.
    State: ``output_shape`` (N, H', W') or None when the kernel does not fit,
    ``weights``, ``biases``, ``dense_weights`` (a dense layer between the same input and
    output), ``kernel_depth`` (the channels the drawn kernel goes through), ``message``
    and ``text`` (the HTML shown), ``package_shape``, ``package_counts`` (the package's),
    ``yours`` (per function you gave: "status", "message", "differ"). View ``"diagram"``:
    the layer drawn to scale (`nnlessons.plots.convolution.ConvDiagram`).
    """
    values = dict(H=H, W=W_, C=C, kh=kh, kw=kw, N=N, stride=stride, padding=padding)
    controls = {name: _int_slider(values[name], lo, hi, label) for name, (lo, hi, label) in _CALC_SLIDERS.items()}
    yours = YourCode(conv_output_shape=(conv_output_shape, package_conv_output_shape),
                     conv_param_count=(conv_param_count, package_conv_param_count))
    yours["conv_output_shape"].what = yours["conv_param_count"].what = "numbers"
    view = FigureView(ConvDiagram(**values, output_size=_square_kernels(yours["conv_output_shape"])
                                  if yours["conv_output_shape"].given else None,
                                  param_count=yours["conv_param_count"] if yours["conv_param_count"].given else None))
    html = W.HTML(layout=W.Layout(width="640px"))
    app = App(None, controls, {}, {"diagram": view})

    def update(_change=None) -> None:
        v = {k: int(c.value) for k, c in controls.items()}
        shown = view.show(**v)
        app.state.update(shown, values=v, **_counts(v, shown))
        app.state["text"] = html.value = _calc_html(v, shown)
        drawn = ["conv_param_count"] + (["conv_output_shape"] if shown["output_shape"] else [])
        app.state["yours"] = yours.show(drawn)

    for c in controls.values():
        c.observe(update, names="value")
    sliders = list(controls.values())
    app.widget = W.VBox([W.HBox([W.VBox(sliders[:4]), W.VBox(sliders[4:])]), yours.line, html, view.image])
    update()
    return app


# ----------------------------------------------------------------- kernel editor
KERNEL_PRESETS: dict[str, np.ndarray] = {
    "vertical edges": np.array([[-1, 0, 1], [-2, 0, 2], [-1, 0, 1]], dtype=np.float64),
    "horizontal edges": np.array([[-1, -2, -1], [0, 0, 0], [1, 2, 1]], dtype=np.float64),
    "blur": np.full((3, 3), 1 / 9),
    "sharpen": np.array([[0, -1, 0], [-1, 5, -1], [0, -1, 0]], dtype=np.float64),
    "identity": np.array([[0, 0, 0], [0, 1, 0], [0, 0, 0]], dtype=np.float64),
    "diagonal": np.array([[2, 0, -1], [0, 1, 0], [-1, 0, 2]], dtype=np.float64) / 2,
}
"""Named 3x3 kernels the editor's preset menu loads (every weight within the sliders' range)."""

_KMAX = 5.0     # the weight sliders' range, -_KMAX .. _KMAX: every preset fits, unclipped


def _weight_slider(r: int, c: int, value: float) -> W.FloatSlider:
    if abs(value) > _KMAX:
        raise ValueError(f"a kernel weight of {value} is outside the sliders' range -{_KMAX:g}..{_KMAX:g}.")
    return W.FloatSlider(value=float(value), min=-_KMAX, max=_KMAX, step=0.1,
                         description=f"weight row {r} col {c}", continuous_update=True,
                         readout_format=".2f", style={"description_width": "120px"},
                         layout=W.Layout(width="300px"))


def _editor_controls(kernel: np.ndarray, index: int, n_images: int, preset: str) -> dict:
    """The nine weight sliders (w00 ... w22, row then column), bias, digit, preset and ReLU."""
    wide = {"style": {"description_width": "120px"}, "layout": W.Layout(width="300px")}
    controls = {f"w{r}{c}": _weight_slider(r, c, kernel[r, c]) for r in range(3) for c in range(3)}
    controls["bias"] = W.FloatSlider(value=0.0, min=-3.0, max=3.0, step=0.1, description="bias b",
                                     continuous_update=True, readout_format=".1f", **wide)
    controls["digit"] = W.IntSlider(value=index, min=0, max=n_images - 1, description="digit image #",
                                    continuous_update=True, **wide)
    controls["preset"] = W.Dropdown(options=list(KERNEL_PRESETS), value=preset, description="load kernel",
                                    style={"description_width": "120px"})
    controls["relu"] = W.Checkbox(value=False, description="apply ReLU after the bias")
    return controls


def _editor_layout(controls: dict, line, image) -> W.VBox:
    weights = [controls[f"w{r}{c}"] for r in range(3) for c in range(3)]
    return W.VBox([
        W.HTML("<b>Kernel weights</b> (one slider per cell: row, column)"),
        W.GridBox(weights, layout=W.Layout(grid_template_columns="repeat(3, 310px)")),
        W.HBox([controls["bias"], controls["digit"]]),
        W.HBox([controls["preset"], controls["relu"]]),
        line,
        image,
    ])


def kernel_editor(index: int = 0, preset: str = "vertical edges", *, conv2d=None) -> App:
    """A 3x3 kernel editor over a handwritten digit, with the feature map live.

    The digit (``load_digits("train")[0][index]``, pixels scaled to [0, 1]) is
    cross-correlated with the kernel (padding 1, stride 1, so the map is 8x8), the bias
    is added, and optionally ReLU is applied.
    conv2d: your exercise function (exercise 12), whose feature map is drawn instead of
    the package's; each pixel where it differs shows the package's value in a square
    inside it, and a line says so (`nnlessons.widgets.yours`). The map is 8x8 and your
    function is called once per update, on the whole map (no resolution to lower).

    Controls: ``w00`` ... ``w22`` (FloatSliders, row then column, -5..5), ``bias``,
    ``digit`` (IntSlider: which training image), ``preset`` (Dropdown: loads a kernel from
    `KERNEL_PRESETS`, exactly), ``relu`` (Checkbox). State: ``kernel`` (3, 3) as used,
    ``bias``, ``image`` (8, 8), ``label``, ``digit``, ``feature_map`` (8, 8), its
    ``min``/``max``, ``relu``, ``differ`` (pixels where your map differs), ``yours``
    (when you gave conv2d: "status", "message", "differ"). View ``"maps"``: digit | kernel | feature map
    (`nnlessons.plots.convolution.KernelMaps`).
    """
    if preset not in KERNEL_PRESETS:
        raise ValueError(f"unknown preset {preset!r}: choose one of {', '.join(KERNEL_PRESETS)}.")
    images, labels = load_digits("train")
    if not 0 <= index < len(images):
        raise ValueError(f"index must be in 0..{len(images) - 1}, got {index}.")
    controls = _editor_controls(KERNEL_PRESETS[preset], index, len(images), preset)
    yours = YourCode(conv2d=(conv2d, package_conv2d))
    yours["conv2d"].what = "pixels"
    view = LiveFigureView(KernelMaps(images, labels, KERNEL_PRESETS[preset], 0.0, index,
                                     conv2d=yours["conv2d"] if yours.given else None))
    app = App(None, controls, {}, {"maps": view})
    loading = []                      # non-empty while a preset sets the nine sliders

    def update(_change=None) -> None:
        if loading:
            return
        kernel = np.array([[controls[f"w{r}{c}"].value for c in range(3)] for r in range(3)])
        app.state.update(view.show(kernel=kernel, bias=controls["bias"].value,
                                   index=int(controls["digit"].value), relu=controls["relu"].value))
        app.state["yours"] = yours.show()

    def load_preset(change) -> None:
        loading.append(change["new"])
        for (r, c), v in np.ndenumerate(KERNEL_PRESETS[change["new"]]):
            controls[f"w{r}{c}"].value = float(v)
        loading.clear()
        update()

    for name, control in controls.items():
        control.observe(load_preset if name == "preset" else update, names="value")
    app.widget = _editor_layout(controls, yours.line, view.image)
    update()
    return app


BENCH = [
    ("conv_calculator", "kh", [1, 3, 5, 7, 9, 11]),
    ("conv_calculator", "H", [8, 28, 64, 128, 227]),
    ("kernel_editor", "w11", [-1.5, -0.5, 0.0, 0.5, 1.5]),
    ("kernel_editor", "digit", [1, 2, 3, 4, 5]),
]
"""(builder, control, values) for bench/widgets.py: time a slider change -> updated figure."""

YOURS = {
    "kernel_editor": {"conv2d": {"controls": {}, "mistake": "flipped_kernel"}},
    "conv_calculator": {
        "conv_output_shape": {"controls": {}, "mistake": "no_plus_one"},
        "conv_param_count": {"controls": {"C": 3}, "mistake": "bias_per_channel"},
    },
}
"""The learner's functions each builder takes, by keyword (= exercise name): the control
values under which the widget draws that function, and a known mistake that shows in
what it draws (for the tests and `bench/widgets.py`)."""
