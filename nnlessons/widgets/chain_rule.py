"""Lesson 06's widget: step through the computational graph of one neuron's loss,

    L = (sigmoid(w * x + b) - y)^2,

revealing the forward values node by node, then the backward gradients node by node.
The numbers come from `nnlessons.autograd.Value`."""
from __future__ import annotations

import html

import ipywidgets as W
import numpy as np

from ..activations import sigmoid
from ..autograd import Value
from ..plots.beside import differing
from ..plots.graphs import ComputationGraph
from .base import App, LiveFigureView, float_slider
from .yours import YourCode

__all__ = ["graph_stepper_app", "NAMES", "FORWARD", "BACKWARD", "N_STEPS", "neuron_loss_graph", "reveal", "BENCH",
           "YOURS", "package_neuron_grads"]

#: the graph's nodes: the inputs, then what the forward pass computes
NAMES = ("x", "w", "b", "y", "m", "z", "a", "d", "L")
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
            "a": f"forward: a = σ(z) = 1 / (1 + e^(−z)) = σ({d['z']:.4g}) = {d['a']:.4g}",
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


def reveal(step: int) -> tuple[set[str], set[str], str | None]:
    """What step `step` shows: (nodes with their value, nodes with their gradient, the
    node this step computed, None at step 0)."""
    k = len(FORWARD)
    values = set(LEAVES) | set(FORWARD[:step])
    grads = set(BACKWARD[:max(0, step - k)])
    current = None if step == 0 else FORWARD[step - 1] if step <= k else BACKWARD[step - k - 1]
    return values, grads, current


def package_neuron_grads(x, w, b, y):
    """Exercise 06's ``neuron_grads`` from the package's sigmoid: the gradients of a sigmoid
    neuron's binary cross-entropy on one example, x, w (n,), b, y numbers -> (dw (n,), db):
    dL/dz = sigmoid(x.w + b) - y, dw = dL/dz x, db = dL/dz."""
    inputs = np.array(x, dtype=float)
    dz = float(sigmoid(np.dot(inputs, np.asarray(w, dtype=float)) + b)) - float(y)
    return dz * inputs, dz


def _yours_note(dw_db: np.ndarray, expected: np.ndarray, grads: set[str]) -> str:
    """The learner's cross-entropy gradients where they part from the package's, for the
    graph's corner, once the graph's own ∂L/∂w or ∂L/∂b is shown ("" otherwise)."""
    apart = differing(dw_db, expected)
    if not apart.any() or not grads & {"w", "b"}:
        return ""
    mark = ["  ✗" if a else "" for a in apart]
    return (f"your neuron_grads (cross-entropy, exercise 06):\n∂L/∂w = {dw_db[0]:.4g}{mark[0]},  "
            f"∂L/∂b = {dw_db[1]:.4g}{mark[1]}\nthe package's: ∂L/∂w = {expected[0]:.4g},  ∂L/∂b = {expected[1]:.4g}")


def graph_stepper_app(x: float = 1.5, w: float = 0.8, b: float = -0.5, y: float = 1.0, *,
                      neuron_grads=None) -> App:
    """Step through the forward and backward pass of L = (sigmoid(w x + b) - y)^2.

    x, y: the example (fixed); w, b: where the weight and bias sliders start.
    Controls: ``step`` (IntSlider 0..N_STEPS), buttons ``next`` (one step on), ``back`` and
    ``reset``, and sliders ``w``, ``b``. State: ``step``, ``values`` and ``grads`` (name -> the
    text shown, "" while hidden), ``explanation``, ``current`` (the node of this step),
    ``nodes`` (name -> (data, grad)), ``png``, ``note`` and ``yours``.
    neuron_grads: your exercise function (exercise 06), called once per update at the
    graph's x, w, b, y. It is for cross-entropy, the graph for the squared error d², so
    once the graph's ∂L/∂w, ∂L/∂b are shown the explanation adds yours beside them; where
    yours part from the package's, the graph's corner shows both (marked ✗) and a line
    above the graph names the mistake.
    """
    live = ComputationGraph(neuron_loss_graph(x, w, b, y)["L"], dpi=80,
                            title="L = (σ(w·x + b) − y)²: values (blue), gradients ∂L/∂node (vermillion)")
    view = LiveFigureView(live)
    yours = YourCode(neuron_grads=(neuron_grads, package_neuron_grads))
    explanation = W.HTML(layout=W.Layout(min_height="1.6em"))
    step = W.IntSlider(value=0, min=0, max=N_STEPS, description="step", continuous_update=True,
                       tooltip="0: inputs; 1-5: forward pass; 6-12: backward pass")
    buttons = {"back": W.Button(description="◀ Back", tooltip="hide the last node revealed"),
               "next": W.Button(description="Step ▶", tooltip="reveal the next node"),
               "reset": W.Button(description="Reset", tooltip="back to step 0")}
    sliders = {"w": float_slider("weight w", w, -3.0, 3.0), "b": float_slider("bias b", b, -3.0, 3.0)}
    app = App(None, dict(step=step, **buttons, **sliders), views={"figure": view})

    def update(_=None):
        k = int(step.value)
        nodes = neuron_loss_graph(x, float(sliders["w"].value), float(sliders["b"].value), y)
        values, grads, current = reveal(k)
        said, note = _explain(k, nodes), ""
        if yours.given:
            fn = yours["neuron_grads"]
            got = np.hstack(fn(np.array([x]), np.array([nodes["w"].data]), nodes["b"].data, y)).astype(float)
            note = _yours_note(got, np.hstack(fn.last.expected).astype(float), grads) if fn.last.yours else ""
            if fn.last.yours and grads & {"w", "b"}:
                said += f"  Your neuron_grads, for cross-entropy: ∂L/∂w = {got[0]:.4g}, ∂L/∂b = {got[1]:.4g}."
        app.state.update(view.show(output=nodes["L"], values=values, grads=grads, current=current, note=note))
        app.state.update(step=k, explanation=said, png=view.png, yours=yours.show(),
                         nodes={name: (n.data, n.grad) for name, n in nodes.items()})
        explanation.value = f"<span style='font-size: 1.1em'>{html.escape(app.state['explanation'])}</span>"
        buttons["next"].disabled, buttons["back"].disabled = k >= N_STEPS, k <= 0

    for c in (step, *sliders.values()):
        c.observe(update, names="value")
    buttons["next"].on_click(lambda _: setattr(step, "value", min(N_STEPS, step.value + 1)))
    buttons["back"].on_click(lambda _: setattr(step, "value", max(0, step.value - 1)))
    buttons["reset"].on_click(lambda _: setattr(step, "value", 0))
    update()
    app.widget = W.VBox([W.HBox([*buttons.values(), step]), W.HBox(list(sliders.values())), explanation,
                         yours.line, view.image])
    return app


BENCH = [("graph_stepper_app", "step", [1, 3, 5, 7, 9, 12]),
         ("graph_stepper_app", "w", [0.5, 1.0, -1.0, 2.0, 0.0])]

YOURS = {"graph_stepper_app": {"neuron_grads": {"controls": {"step": N_STEPS}, "mistake": "sign_flipped"}}}
"""The learner's functions the builder takes (see `nnlessons.widgets.activations.YOURS`)."""
