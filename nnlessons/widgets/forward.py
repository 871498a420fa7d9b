"""Lesson 04's widget: a 2-2-1 network with a slider for each of its 9 weights and biases.
Live, side by side: its decision regions over the XOR points, the same points in the
hidden space (h1, h2) with the output neuron's straight line, and the network diagram,
so dragging a hidden weight shows the hidden layer making XOR separable."""
from __future__ import annotations

import ipywidgets as W
import numpy as np

from .. import layers
from ..activations import sigmoid
from ..data import make_xor
from ..layers import mlp_forward
from ..plots.networks import HiddenSpace
from .base import App, LiveFigureView
from .yours import YourCode, YourFunction

__all__ = ["xor_network_app", "XOR_SOLUTION", "START", "params_from_values", "predict_proba", "BENCH", "YOURS"]


#: Hand-set weights that solve XOR: h1 = relu(x1 - x2), h2 = relu(x2 - x1) (together |x1 - x2|),
#: and the output fires when |x1 - x2| > 1:  z = 3 h1 + 3 h2 - 3.
XOR_SOLUTION = {
    "w1_11": 1.0, "w1_21": -1.0, "b1_1": 0.0,
    "w1_12": -1.0, "w1_22": 1.0, "b1_2": 0.0,
    "w2_1": 3.0, "w2_2": 3.0, "b2": -3.0,
}
#: Where the sliders start: h1 = relu(x1), h2 = relu(x2), z = h1 + h2 - 1 (does not solve XOR).
START = {
    "w1_11": 1.0, "w1_21": 0.0, "b1_1": 0.0,
    "w1_12": 0.0, "w1_22": 1.0, "b1_2": 0.0,
    "w2_1": 1.0, "w2_2": 1.0, "b2": -1.0,
}
# slider name -> (description shown, tooltip)
_SLIDERS = {
    "w1_11": ("w  x1→h1", "weight from input x1 to hidden unit h1: W1[0, 0]"),
    "w1_21": ("w  x2→h1", "weight from input x2 to hidden unit h1: W1[1, 0]"),
    "b1_1": ("b  h1", "bias of hidden unit h1: b1[0]"),
    "w1_12": ("w  x1→h2", "weight from input x1 to hidden unit h2: W1[0, 1]"),
    "w1_22": ("w  x2→h2", "weight from input x2 to hidden unit h2: W1[1, 1]"),
    "b1_2": ("b  h2", "bias of hidden unit h2: b1[1]"),
    "w2_1": ("w  h1→ŷ", "weight from hidden unit h1 to the output: W2[0, 0]"),
    "w2_2": ("w  h2→ŷ", "weight from hidden unit h2 to the output: W2[1, 0]"),
    "b2": ("b  ŷ", "bias of the output unit: b2[0]"),
}


def params_from_values(v: dict[str, float]) -> dict[str, np.ndarray]:
    """The 2-2-1 network's params (W1 (2, 2), b1 (2,), W2 (2, 1), b2 (1,)) from slider values."""
    return {
        "W1": np.array([[v["w1_11"], v["w1_12"]], [v["w1_21"], v["w1_22"]]], dtype=np.float64),
        "b1": np.array([v["b1_1"], v["b1_2"]], dtype=np.float64),
        "W2": np.array([[v["w2_1"]], [v["w2_2"]]], dtype=np.float64),
        "b2": np.array([v["b2"]], dtype=np.float64),
    }


def predict_proba(X: np.ndarray, params: dict[str, np.ndarray]) -> np.ndarray:
    """p(class 1) (m,) of the 2-2-1 network (ReLU hidden layer, sigmoid output) for X (m, 2)."""
    logits, _ = mlp_forward(X, params, activation="relu")
    return sigmoid(logits[:, 0])


def _slider(name: str) -> W.FloatSlider:
    desc, tip = _SLIDERS[name]
    return W.FloatSlider(value=START[name], min=-4.0, max=4.0, step=0.1, description=desc, tooltip=tip,
                         continuous_update=True, readout_format="+.1f", style={"description_width": "70px"},
                         layout=W.Layout(width="260px"))


def package_dense_forward(X: np.ndarray, W: np.ndarray, b: np.ndarray) -> np.ndarray:
    """The package's dense layer with exercise 04's signature: Z = X @ W + b (k, n_out)."""
    Z, _cache = layers.dense_forward(X, W, b)
    return Z


class LayerCalls:
    """The learner's dense_forward (a `YourFunction`) for one update of the network: each
    call goes through it; `done()` keeps in its ``last`` the call that says most (the first
    failure, else the first layer that differs, else the last) and says whether to draw the
    package's network alone (a layer failed while another drew the learner's values)."""

    def __init__(self, fn: YourFunction):
        self.fn, self.calls = fn, []
        fn.what = "values"  # a layer's Z: rows x units

    def __call__(self, X, W, b):
        out = self.fn(X, W, b)
        self.calls.append(self.fn.last)
        return out

    def done(self) -> bool:
        calls, self.calls = self.calls, []
        failed = [r for r in calls if not r.yours]
        self.fn.last = (failed or [r for r in calls if r.status == "differs"] or calls or [self.fn.last])[0]
        return bool(failed) and any(r.status == "differs" for r in calls)


def xor_network_app(resolution: int = 40, n: int = 120, seed: int = 0, *, dense_forward=None) -> App:
    """A 2-2-1 network (ReLU hidden units, sigmoid output) with 9 sliders over the XOR data.

    resolution: the decision-region grid is resolution x resolution (coarse keeps it fast).
    n, seed: the XOR points (`nnlessons.data.make_xor`).
    dense_forward: your exercise function (exercise 04), ``dense_forward(X, W, b)`` -> Z,
    computes both layers (a slow one gets a coarser grid); where yours differs see
    `HiddenSpace`; a line above the figure says so (`nnlessons.widgets.yours`).

    Controls: the 9 sliders ``w1_11, w1_21, b1_1, w1_12, w1_22, b1_2, w2_1, w2_2, b2``
    (``w1_ij`` = W1[i-1, j-1], from input x_i to hidden unit h_j), buttons ``solve``
    (sets the hand-made XOR solution) and ``reset``.
    State: what `HiddenSpace.update` returns (``params``, ``proba`` (resolution, resolution)
    p(class 1) on the grid, ``accuracy``, ``accuracy_text``, ``hidden`` (n, 2) the points
    at (h1, h2), ``output_line``, ``edge_labels``, ..., ``resolution`` drawn), ``png`` and
    ``yours`` (when you gave dense_forward: "status", "message", "differ").
    """
    X, y = make_xor(n=n, noise=0.3, seed=seed)
    yours = YourCode(dense_forward=(dense_forward, package_dense_forward))
    mine = LayerCalls(yours["dense_forward"])
    view = LiveFigureView(HiddenSpace(X, y, params_from_values(START), resolution=resolution,
                                      dense_forward=mine if yours.given else None))
    sliders = {name: _slider(name) for name in _SLIDERS}
    buttons = {"solve": W.Button(description="Show an XOR solution", layout=W.Layout(width="auto"),
                                 tooltip="set the hand-made weights that solve XOR"),
               "reset": W.Button(description="Reset", tooltip="back to the starting weights")}
    readout = W.HTML()
    app = App(None, dict(sliders, **buttons), views={"figure": view})
    hold = [False]                     # while a button sets all sliders, draw once at the end

    def update(_=None):
        if not hold[0]:
            params = params_from_values({k: s.value for k, s in sliders.items()})
            shown = _draw(view, mine, params, resolution, app.state.get("resolution"), len(y))
            app.state.update(shown, png=view.png, yours=yours.show())
            readout.value = f"<b>{app.state['accuracy_text']}</b> on the {len(y)} XOR points"

    def set_all(values):
        hold[0] = True
        for k, v in values.items():
            sliders[k].value = v
        hold[0] = False
        update()

    for s in sliders.values():
        s.observe(update, names="value")
    buttons["solve"].on_click(lambda _: set_all(XOR_SOLUTION))
    buttons["reset"].on_click(lambda _: set_all(START))
    update()
    cols = [W.VBox([W.HTML(f"<b>{head}</b>")] + [sliders[k] for k in keys]) for head, keys in (
        ("hidden unit h1", ["w1_11", "w1_21", "b1_1"]), ("hidden unit h2", ["w1_12", "w1_22", "b1_2"]),
        ("output ŷ", ["w2_1", "w2_2", "b2"]))]
    app.widget = W.VBox([W.HBox(cols), W.HBox([*buttons.values(), readout]), yours.line, view.image])
    return app


def _draw(view: LiveFigureView, mine: LayerCalls, params: dict, full: int, last: int | None, m: int) -> dict:
    """Show `params` computed with the learner's dense_forward (when given) on the grid it
    can afford; the package's network alone when one of its layers failed."""
    shown = view.show(params=params, resolution=_resolution(mine.fn, full, last, m))
    if mine.fn.given and mine.done():
        shown = view.show(params=params, resolution=full, package_only=True)
    return shown


def _resolution(fn: YourFunction, full: int, last: int | None, m: int) -> int:
    """The grid side a learner's dense_forward can afford: `full` for the package's or a
    fast one, less for a slow one (its last call, the second layer's, took 2 r*r + m rows
    for the grid side `last` drawn)."""
    rows = fn.points(2 * full * full + m, used=2 * (last or full) ** 2 + m, minimum=2 * 8 * 8 + m)
    return min(full, max(8, int(np.sqrt(max(rows - m, 0) / 2))))


BENCH = [("xor_network_app", "w1_11", [0.5, -1.0, 1.5, 2.0, -0.3, 1.0])]

YOURS = {"xor_network_app": {"dense_forward": {"controls": {"b1_1": -0.5}, "mistake": "no_bias"}}}
"""The learner's function the builder takes (keyword = exercise name): the control values
under which it is drawn and a known mistake that shows in what it draws (for the tests
and `bench/widgets.py`)."""
