"""Headless tests of lesson 06's widget (stepping reveals forward values, then gradients)
and of the one computational-graph drawer, `nnlessons.plots.graphs`."""
import math

import numpy as np
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.patches import FancyArrowPatch
from matplotlib.text import Annotation

import nnlessons.widgets.chain_rule as cr
from nnlessons.autograd import Value
from nnlessons.plots.graphs import ComputationGraph, draw_graph, graph_layout
from nnlessons.plots.style import figure_png

X, Y = 1.5, 1.0


def _expected(w, b):
    z = w * X + b
    a = 1.0 / (1.0 + math.exp(-z))
    L = (a - Y) ** 2
    dz = 2 * (a - Y) * a * (1 - a)
    return {"m": w * X, "z": z, "a": a, "d": a - Y, "L": L}, {"L": 1.0, "d": 2 * (a - Y), "a": 2 * (a - Y),
                                                           "z": dz, "b": dz, "m": dz, "w": dz * X}


def _number(text: str) -> float:
    """The number of a shown text: "= 0.7" -> 0.7."""
    return float(text.split("=")[-1])


@pytest.fixture()
def app():
    return cr.graph_stepper_app(x=X, w=0.8, b=-0.5, y=Y)


def test_step_zero_shows_only_inputs(app):
    assert app.state["step"] == 0
    assert all(app.state["values"][k] for k in ("x", "w", "b", "y"))
    assert not any(app.state["values"][k] for k in cr.FORWARD)
    assert not any(app.state["grads"].values())
    assert app.controls["back"].disabled and not app.controls["next"].disabled


def test_step_button_reveals_forward_then_backward_node_by_node(app):
    fwd, bwd = _expected(0.8, -0.5)
    pngs = {app.views["figure"].png}
    for i, node in enumerate(cr.FORWARD, start=1):
        app.controls["next"].click()
        assert app.state["step"] == i and app.state["current"] == node
        assert _number(app.state["values"][node]) == pytest.approx(fwd[node], rel=1e-3)
        later = cr.FORWARD[i:]
        assert not any(app.state["values"][k] for k in later)
        pngs.add(app.views["figure"].png)
    assert not any(app.state["grads"].values())
    for j, node in enumerate(cr.BACKWARD, start=1):
        app.controls["next"].click()
        assert app.state["current"] == node
        shown = app.state["grads"][node]
        assert shown.startswith(f"∂L/∂{node} = ")
        assert float(shown.split("= ")[1]) == pytest.approx(bwd[node], rel=1e-3)
        assert sum(bool(g) for g in app.state["grads"].values()) == j
        pngs.add(app.views["figure"].png)
    assert app.state["step"] == cr.N_STEPS and app.controls["next"].disabled
    assert len(pngs) == cr.N_STEPS + 1           # every step changed the picture
    assert "the weight's gradient" in app.state["explanation"]
    app.controls["back"].click()
    assert app.state["step"] == cr.N_STEPS - 1 and app.state["grads"]["w"] == ""
    app.controls["reset"].click()
    assert app.state["step"] == 0


def test_weight_slider_recomputes_shown_numbers(app):
    app.controls["step"].value = cr.N_STEPS
    app.controls["w"].value = -1.2
    app.controls["b"].value = 0.7
    fwd, bwd = _expected(-1.2, 0.7)
    assert _number(app.state["values"]["L"]) == pytest.approx(fwd["L"], rel=1e-3)
    data, grad = app.state["nodes"]["w"]
    assert data == -1.2 and grad == pytest.approx(bwd["w"], rel=1e-12)
    assert app.state["nodes"]["b"][1] == pytest.approx(bwd["b"], rel=1e-12)
    texts = [t.get_text() for t in app.views["figure"].fig.axes[0].texts]
    assert app.state["grads"]["w"] in texts


def test_step_slider_is_continuous_and_bounded(app):
    s = app.controls["step"]
    assert s.continuous_update and s.min == 0 and s.max == cr.N_STEPS


# ------------------------------------------------------------------ what the figure shows
def _renderer(fig):
    """The figure drawn on an Agg canvas (layout settled), and its renderer."""
    FigureCanvasAgg(fig) if not isinstance(fig.canvas, FigureCanvasAgg) else None
    fig.canvas.draw()
    return fig.canvas.get_renderer()


def _arrows(ax) -> list:
    return [p for p in ax.patches if isinstance(p, FancyArrowPatch)] + \
        [t.arrow_patch for t in ax.texts if isinstance(t, Annotation) and t.arrow_patch is not None]


def _crossings(fig) -> list[tuple[str, int]]:
    """(text, arrow index) for every arrow that passes through a shown text of the graph."""
    renderer = _renderer(fig)
    ax = fig.axes[0]
    texts = [t for t in ax.texts if not isinstance(t, Annotation) and t.get_text().strip()]
    hits = []
    for k, arrow in enumerate(_arrows(ax)):
        pts = []
        # in display units, whatever the arrow's transform (an annotation's is pixels)
        for poly in arrow.get_transform().transform_path(arrow.get_path()).to_polygons(closed_only=False):
            for a, b in zip(poly[:-1], poly[1:]):
                pts += [a + (b - a) * t for t in np.linspace(0, 1, 40)]
        for t in texts:
            box = t.get_window_extent(renderer).expanded(1.0, 1.0)
            if any(box.contains(*p) for p in pts):
                hits.append((t.get_text(), k))
    return hits


@pytest.mark.parametrize("w, b", [(0.8, -0.5), (-3.0, -3.0), (2.0, 1.0), (0.1, 2.5)])
def test_no_arrow_runs_through_a_value_or_a_gradient(app, w, b):
    """Lesson 06 asks for w = b = -3: there an arrow used to cross the label of dL/dz."""
    app.controls["step"].value = cr.N_STEPS
    app.controls["w"].value, app.controls["b"].value = w, b
    assert _crossings(app.views["figure"].fig) == []


def test_the_step_through_graph_is_the_value_graph():
    """One drawer: the widget draws the `Value` graph that neuron_loss_graph builds."""
    nodes = cr.neuron_loss_graph(1.5, 0.8, -0.5, 1.0)
    live = ComputationGraph(nodes["L"])
    assert sorted(live.names) == sorted(cr.NAMES)
    titles = {t.get_text() for t in live.ax.texts if t.get_gid() == "node-title"}
    assert {"m = w·x", "z = m + b", "a = σ(z)", "d = a − y", "L = d²"} <= titles
    shown = live.update(values={"x", "w"}, grads={"L"}, current="L")
    assert shown["values"]["w"] == "= 0.8" and shown["values"]["z"] == ""
    assert shown["grads"] == {**{k: "" for k in cr.NAMES}, "L": "∂L/∂L = 1"}
    with pytest.raises(ValueError, match="same shape"):
        live.update(output=Value(1.0) * 2)


def _neuron_graph():
    x1, w1 = Value(2.0, label="x1"), Value(-3.0, label="w1")
    x2, w2 = Value(0.0, label="x2"), Value(1.0, label="w2")
    b = Value(6.88, label="b")
    n = x1 * w1 + x2 * w2 + b
    n.label = "n"
    o = n.tanh()
    o.label = "o"
    o.backward()
    return o


def _with_gid(fig: Figure, gid: str) -> list:
    ax = fig.axes[0]
    return [a for a in (*ax.patches, *ax.texts) if a.get_gid() == gid]


def test_draw_graph_has_a_box_per_value_with_its_value_and_gradient():
    o = _neuron_graph()
    fig = draw_graph(o)
    assert isinstance(fig, Figure)
    assert len(_with_gid(fig, "value-node")) == len(o.topological_order()) == 10
    titles = {t.get_text() for t in _with_gid(fig, "node-title")}
    assert {"x1", "w1", "x2", "w2", "b", "o = tanh(n)", "x1·w1"} <= titles
    grads = [t.get_text() for t in _with_gid(fig, "node-grad")]
    assert "∂o/∂o = 1" in grads and "∂o/∂w1 = 1.002" in grads
    assert all(t.get_text().startswith("= ") for t in _with_gid(fig, "node-value"))
    assert len(_with_gid(fig, "edge")) == 9                      # one per input of an operation
    assert figure_png(fig).startswith(b"\x89PNG")
    assert _crossings(fig) == []


def test_layout_puts_inputs_left_of_their_users_and_routes_long_edges_around_boxes():
    x = Value(2.0, label="x")
    d = ((x * 3).tanh() + 1).exp() * x        # x is used first and last
    d.label = "d"
    d.backward()
    order = d.topological_order()
    lay = graph_layout(order)
    index = {id(v): i for i, v in enumerate(order)}
    for i, v in enumerate(order):
        assert all(lay.columns[index[id(c)]] < lay.columns[i] for c in v.inputs)
    assert len({xy for xy in lay.xy}) == len(order)               # no two boxes in one place
    fig = draw_graph(d)
    renderer = _renderer(fig)
    boxes = [b.get_window_extent(renderer) for b in _with_gid(fig, "value-node")]
    for edge in _with_gid(fig, "edge"):
        mids = []
        for pts in edge.get_transform().transform_path(edge.get_path()).to_polygons(closed_only=False):
            mids += [a + (b - a) * t for a, b in zip(pts[:-1], pts[1:]) for t in np.linspace(0.05, 0.95, 30)]
        inside = [k for k, box in enumerate(boxes) if any(box.shrunk(0.9, 0.9).contains(*p) for p in mids)]
        assert len(inside) <= 2, "an edge passes behind a box it does not connect"


def test_draw_graph_of_a_single_value_and_bad_input():
    fig = draw_graph(Value(3.0, label="x"))
    assert len(_with_gid(fig, "value-node")) == 1 and not _with_gid(fig, "edge")
    with pytest.raises(TypeError, match="Value"):
        draw_graph(3.0)


def test_the_learners_neuron_grads_show_beside_the_graphs_once_its_gradients_are():
    def neuron_grads(x, w, b, y):  # forgot x in dw
        p = 1 / (1 + np.exp(-(np.dot(x, w) + b)))
        return np.full_like(np.asarray(x, float), p - y), p - y

    app = cr.graph_stepper_app(neuron_grads=neuron_grads)
    assert app.state["note"] == ""  # at step 0 no gradient is shown yet
    app.controls["step"].value = cr.N_STEPS
    p = 1 / (1 + math.exp(-(0.8 * 1.5 - 0.5)))
    assert f"∂L/∂w = {p - 1:.4g}  ✗" in app.state["note"] and f"∂L/∂w = {(p - 1) * 1.5:.4g}" in app.state["note"]
    assert "∂L/∂b = " in app.state["note"] and app.state["yours"]["neuron_grads"]["differ"] == 1
    assert f"Your neuron_grads, for cross-entropy: ∂L/∂w = {p - 1:.4g}" in app.state["explanation"]


def test_package_neuron_grads_is_the_exercises():
    from nnlessons.exercises import EXERCISES

    ex = EXERCISES["neuron_grads"]
    for case in ex.public_cases():
        dw, db = cr.package_neuron_grads(*case.args)
        dw_ref, db_ref = ex.reference(*case.args)
        np.testing.assert_allclose(dw, dw_ref, atol=1e-12)
        assert db == pytest.approx(db_ref, abs=1e-12)
