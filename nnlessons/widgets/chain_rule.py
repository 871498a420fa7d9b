"""Lesson 06's widget: step through the computational graph of one neuron's loss,

    L = (sigmoid(w * x + b) - y)^2,

revealing the forward values node by node, then the backward gradients node by node.
The numbers come from `nnlessons.autograd.Value`."""
from __future__ import annotations

import html

import ipywidgets as W

from ..autograd import Value
from ..plots.networks import GraphNode, draw_expression_graph
from ..plots.style import PALETTE, new_figure
from .base import App, LiveFigureView

__all__ = ["graph_stepper_app", "NODES", "FORWARD", "BACKWARD", "N_STEPS", "neuron_loss_graph", "BENCH"]

NODES = [
    GraphNode("x", "", (), (0.0, 0.9)),
    GraphNode("w", "", (), (0.0, -0.5)),
    GraphNode("m", "w·x", ("w", "x"), (1.3, 0.2)),
    GraphNode("b", "", (), (1.3, -1.45)),
    GraphNode("z", "m + b", ("m", "b"), (2.6, 0.0)),
    GraphNode("a", "σ(z)", ("z",), (3.9, 0.0)),
    GraphNode("y", "", (), (3.9, -1.45)),
    GraphNode("d", "a − y", ("a", "y"), (5.2, 0.0)),
    GraphNode("L", "d²", ("d",), (6.5, 0.0)),
]
LEAVES = ("x", "w", "b", "y")
#: the order in which the forward pass computes the nodes
FORWARD = ("m", "z", "a", "d", "L")
#: the order in which backpropagation reaches them (from the loss back to the weight and bias)
BACKWARD = ("L", "d", "a", "z", "b", "m", "w")
#: steps 0 (only the inputs) .. len(FORWARD) + len(BACKWARD)
N_STEPS = len(FORWARD) + len(BACKWARD)


def neuron_loss_graph(x: float, w: float, b: float, y: float) -> dict[str, Value]:
    """Build L = (sigmoid(w x + b) - y)^2 from `Value`s, run ``L.backward()``, and return
    every node by name (x, w, m, b, z, a, y, d, L): ``.data`` forward, ``.grad`` = dL/d(node)."""
    v = {"x": Value(x, label="x"), "w": Value(w, label="w"), "b": Value(b, label="b"), "y": Value(y, label="y")}
    v["m"] = v["w"] * v["x"]
    v["z"] = v["m"] + v["b"]
    v["a"] = v["z"].sigmoid()
    v["d"] = v["a"] - v["y"]
    v["L"] = v["d"] ** 2
    for k in ("m", "z", "a", "d", "L"):
        v[k].label = k
    v["L"].backward()
    return v


def _explain(step: int, v: dict[str, Value]) -> str:
    """The sentence shown for a step: the rule used and its numbers."""
    d = {k: n.data for k, n in v.items()}
    g = {k: n.grad for k, n in v.items()}
    if step == 0:
        return "The inputs: data x, weight w, bias b, target y. Press Step to run the forward pass."
    if step <= len(FORWARD):
        return {
            "m": f"forward: m = w·x = {d['w']:.3g} × {d['x']:.3g} = {d['m']:.4g}",
            "z": f"forward: z = m + b = {d['m']:.4g} + {d['b']:.3g} = {d['z']:.4g}",
            "a": f"forward: a = σ(z) = 1 / (1 + e^(−{d['z']:.4g})) = {d['a']:.4g}",
            "d": f"forward: d = a − y = {d['a']:.4g} − {d['y']:.3g} = {d['d']:.4g}",
            "L": f"forward: L = d² = {d['d']:.4g}² = {d['L']:.4g}. Now backward: gradients from L to w and b.",
        }[FORWARD[step - 1]]
    node = BACKWARD[step - len(FORWARD) - 1]
    return {
        "L": "backward: ∂L/∂L = 1 (start at the loss)",
        "d": f"backward: ∂L/∂d = 2d = 2 × {d['d']:.4g} = {g['d']:.4g}",
        "a": f"backward: ∂L/∂a = ∂L/∂d · ∂d/∂a = {g['d']:.4g} × 1 = {g['a']:.4g}",
        "z": f"backward: ∂L/∂z = ∂L/∂a · σ'(z) = {g['a']:.4g} × a(1−a) = {g['a']:.4g} × {d['a'] * (1 - d['a']):.4g}"
             f" = {g['z']:.4g}",
        "b": f"backward: ∂L/∂b = ∂L/∂z · ∂z/∂b = {g['z']:.4g} × 1 = {g['b']:.4g}  (the bias's gradient)",
        "m": f"backward: ∂L/∂m = ∂L/∂z · ∂z/∂m = {g['z']:.4g} × 1 = {g['m']:.4g}",
        "w": f"backward: ∂L/∂w = ∂L/∂m · ∂m/∂w = {g['m']:.4g} × x = {g['m']:.4g} × {d['x']:.3g} = {g['w']:.4g}"
             "  (the weight's gradient)",
    }[node]


def graph_stepper_app(x: float = 1.5, w: float = 0.8, b: float = -0.5, y: float = 1.0) -> App:
    """Step through the forward and backward pass of L = (sigmoid(w x + b) - y)^2.

    x, y: the example (fixed); w, b: where the weight and bias sliders start.
    Controls: ``step`` (IntSlider 0..N_STEPS), buttons ``next`` (one step on), ``back`` and
    ``reset``, and sliders ``w``, ``b``. State: ``step``, ``values`` and ``grads`` (name -> the
    text shown, "" while hidden), ``explanation``, ``current`` (the node of this step), ``png``.
    """
    fig = new_figure(8.8, 3.3, dpi=80)
    ax = fig.add_subplot()
    art = draw_expression_graph(ax, NODES)
    ax.set_title("L = (σ(w·x + b) − y)²: forward values (blue, above), gradients ∂L/∂node (vermillion, below)",
                 fontsize=10)
    ax.set_ylim(-2.25, 1.45)
    dynamic = [*art.boxes.values(), *art.values.values(), *art.grads.values()]
    # the explanation is HTML beside the figure: long texts are the slowest thing to re-render
    explanation = W.HTML(layout=W.Layout(min_height="1.6em"))
    view = LiveFigureView(fig, dynamic)

    step = W.IntSlider(value=0, min=0, max=N_STEPS, description="step", continuous_update=True,
                       tooltip="0: inputs; 1-5: forward pass; 6-12: backward pass")
    nxt = W.Button(description="Step ▶", tooltip="reveal the next node")
    back = W.Button(description="◀ Back", tooltip="hide the last node revealed")
    reset = W.Button(description="Reset", tooltip="back to step 0")
    sliders = {
        "w": W.FloatSlider(value=w, min=-3.0, max=3.0, step=0.1, description="weight w", continuous_update=True),
        "b": W.FloatSlider(value=b, min=-3.0, max=3.0, step=0.1, description="bias b", continuous_update=True),
    }
    state: dict = {}

    def update(_=None):
        k = int(step.value)
        v = neuron_loss_graph(x, float(sliders["w"].value), float(sliders["b"].value), y)
        shown_f = set(LEAVES) | set(FORWARD[:k])
        shown_b = set(BACKWARD[: max(0, k - len(FORWARD))])
        if k == 0:
            current = None
        elif k <= len(FORWARD):
            current = FORWARD[k - 1]
        else:
            current = BACKWARD[k - len(FORWARD) - 1]
        values, grads = {}, {}
        for node in NODES:
            name = node.name
            values[name] = f"{v[name].data:.4g}" if name in shown_f else ""
            # two lines, so neighbouring labels never run into each other
            grads[name] = f"∂L/∂{name} = \n{v[name].grad:.4g}" if name in shown_b else ""
            art.values[name].set_text(values[name])
            art.grads[name].set_text(grads[name])
            patch = art.boxes[name].get_bbox_patch()
            patch.set_edgecolor(PALETTE["vermillion"] if name == current else PALETTE["black"])
            patch.set_linewidth(2.6 if name == current else 1.2)
        text = _explain(k, v)
        explanation.value = f"<span style='font-size: 1.1em'>{html.escape(text)}</span>"
        view.redraw()
        nxt.disabled = k >= N_STEPS
        back.disabled = k <= 0
        state.update(step=k, values=values, grads=grads, explanation=text, current=current, png=view.png,
                     nodes={name: (n.data, n.grad) for name, n in v.items()})

    def move(delta):
        step.value = min(N_STEPS, max(0, step.value + delta))

    step.observe(update, names="value")
    for s in sliders.values():
        s.observe(update, names="value")
    nxt.on_click(lambda _: move(+1))
    back.on_click(lambda _: move(-1))
    reset.on_click(lambda _: setattr(step, "value", 0))
    update()
    widget = W.VBox([W.HBox([back, nxt, reset, step]), W.HBox([sliders["w"], sliders["b"]]), explanation, view.image])
    controls = dict(step=step, next=nxt, back=back, reset=reset, **sliders)
    return App(widget, controls, state, {"figure": view})


BENCH = [("graph_stepper_app", "step", [1, 3, 5, 7, 9, 12]),
         ("graph_stepper_app", "w", [0.5, 1.0, -1.0, 2.0, 0.0])]
