"""Lesson 04's widget: a 2-2-1 network with a slider for each of its 9 weights and biases,
its decision regions live over the XOR points, and a diagram showing the current weights."""
from __future__ import annotations

import ipywidgets as W
import numpy as np

from ..activations import sigmoid
from ..data import make_xor
from ..layers import mlp_forward
from ..plots.networks import draw_network, draw_points, draw_regions, grid_points, update_network
from ..plots.style import new_figure, style_axes
from .base import App, LiveFigureView

__all__ = ["xor_network_app", "XOR_SOLUTION", "BENCH"]


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


def xor_network_app(resolution: int = 40, n: int = 120, seed: int = 0) -> App:
    """A 2-2-1 network (ReLU hidden units, sigmoid output) with 9 sliders over the XOR data.

    resolution: the decision-region grid is resolution x resolution (coarse keeps it fast).
    n, seed: the XOR points (`nnlessons.data.make_xor`).

    Controls: the 9 sliders ``w1_11, w1_21, b1_1, w1_12, w1_22, b1_2, w2_1, w2_2, b2``
    (``w1_ij`` = W1[i-1, j-1], from input x_i to hidden unit h_j), buttons ``solve``
    (sets the hand-made XOR solution) and ``reset``.
    State: ``params`` (W1, b1, W2, b2), ``proba`` (resolution, resolution) p(class 1) on the
    grid, ``accuracy`` on the points, ``accuracy_text`` shown on the regions, ``png``.
    """
    X, y = make_xor(n=n, noise=0.3, seed=seed)
    extent = (-2.2, 2.2, -2.2, 2.2)
    G = grid_points(extent, resolution)

    fig = new_figure(8.0, 3.7, dpi=80)
    ax_r, ax_n = fig.subplots(1, 2, width_ratios=[1.0, 1.15])
    params = params_from_values(START)
    image = draw_regions(ax_r, predict_proba(G, params).reshape(resolution, resolution), extent)
    draw_points(ax_r, X, y)
    style_axes(ax_r, "", "$x_1$", "$x_2$", grid=False)
    ax_r.set_xlim(extent[:2])
    ax_r.set_ylim(extent[2:])
    # legend and title sit above the axes, out of the way of the points drawn per update
    ax_r.legend(loc="lower center", bbox_to_anchor=(0.5, 1.0), ncol=2, fontsize=8, frameon=False)
    ax_r.set_title("Decision regions: p(class 1)", fontsize=10, pad=22)
    acc_text = ax_r.text(0.02, 0.02, "accuracy 100%", transform=ax_r.transAxes, ha="left", va="bottom",
                         fontsize=10, fontweight="bold", zorder=6,
                         bbox=dict(boxstyle="round", fc="white", ec="#999999", alpha=0.9))
    net = draw_network(ax_n, [2, 2, 1], params)
    ax_n.set_title("The network: ReLU hidden units, sigmoid output\n(vermillion = positive, blue = negative)",
                   fontsize=10)
    dynamic = [image, *ax_r.collections, acc_text, *ax_n.lines, *ax_n.collections, *ax_n.texts]
    view = LiveFigureView(fig, dynamic)

    sliders = {}
    for name, (desc, tip) in _SLIDERS.items():
        sliders[name] = W.FloatSlider(value=START[name], min=-4.0, max=4.0, step=0.1, description=desc,
                                      tooltip=tip, continuous_update=True, readout_format="+.1f",
                                      style={"description_width": "70px"}, layout=W.Layout(width="260px"))
    solve = W.Button(description="Show an XOR solution", tooltip="set the hand-made weights that solve XOR")
    reset = W.Button(description="Reset", tooltip="back to the starting weights")
    readout = W.HTML()
    state: dict = {}
    hold = {"on": False}

    def update(_=None):
        if hold["on"]:
            return
        values = {k: float(s.value) for k, s in sliders.items()}
        p = params_from_values(values)
        proba = predict_proba(G, p).reshape(resolution, resolution)
        acc = float(np.mean((predict_proba(X, p) > 0.5) == (y == 1)))
        image.set_data(proba)
        update_network(net, p)
        shown = f"accuracy {acc:.0%}"
        acc_text.set_text(shown)
        view.redraw()
        readout.value = f"<b>{shown}</b> on the {len(y)} XOR points"
        state.update(params=p, proba=proba, accuracy=acc, accuracy_text=shown, png=view.png)

    def set_all(values):
        hold["on"] = True
        try:
            for k, v in values.items():
                sliders[k].value = v
        finally:
            hold["on"] = False
        update()

    for s in sliders.values():
        s.observe(update, names="value")
    solve.on_click(lambda _: set_all(XOR_SOLUTION))
    reset.on_click(lambda _: set_all(START))
    update()

    cols = [W.VBox([W.HTML(f"<b>{head}</b>")] + [sliders[k] for k in keys]) for head, keys in (
        ("hidden unit h1", ["w1_11", "w1_21", "b1_1"]),
        ("hidden unit h2", ["w1_12", "w1_22", "b1_2"]),
        ("output ŷ", ["w2_1", "w2_2", "b2"]))]
    widget = W.VBox([W.HBox(cols), W.HBox([solve, reset, readout]), view.image])
    controls = dict(sliders, solve=solve, reset=reset)
    return App(widget, controls, state, {"figure": view})


BENCH = [("xor_network_app", "w1_11", [0.5, -1.0, 1.5, 2.0, -0.3, 1.0])]
