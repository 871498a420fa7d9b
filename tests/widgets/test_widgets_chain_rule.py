"""Headless tests of lesson 06's widget: stepping reveals forward values, then gradients."""
import math

import pytest

import nnlessons.widgets.chain_rule as cr

X, Y = 1.5, 1.0


def _expected(w, b):
    z = w * X + b
    a = 1.0 / (1.0 + math.exp(-z))
    L = (a - Y) ** 2
    dz = 2 * (a - Y) * a * (1 - a)
    return {"m": w * X, "z": z, "a": a, "d": a - Y, "L": L}, {"L": 1.0, "d": 2 * (a - Y), "a": 2 * (a - Y),
                                                           "z": dz, "b": dz, "m": dz, "w": dz * X}


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
        assert float(app.state["values"][node]) == pytest.approx(fwd[node], rel=1e-3)
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
    assert float(app.state["values"]["L"]) == pytest.approx(fwd["L"], rel=1e-3)
    data, grad = app.state["nodes"]["w"]
    assert data == -1.2 and grad == pytest.approx(bwd["w"], rel=1e-12)
    assert app.state["nodes"]["b"][1] == pytest.approx(bwd["b"], rel=1e-12)
    texts = [t.get_text() for t in app.views["figure"].fig.axes[0].texts]
    assert app.state["grads"]["w"] in texts


def test_step_slider_is_continuous_and_bounded(app):
    s = app.controls["step"]
    assert s.continuous_update and s.min == 0 and s.max == cr.N_STEPS
