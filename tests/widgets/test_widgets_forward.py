"""Headless tests of lesson 04's widget: a 2-2-1 network's sliders move its decision regions."""
import numpy as np
import pytest

from nnlessons.data import make_xor
from nnlessons.plots.networks import grid_points
import nnlessons.widgets.forward as forward


def _proba(X, v):
    """p(class 1) of the 2-2-1 ReLU/sigmoid net, computed here without the package."""
    W1 = np.array([[v["w1_11"], v["w1_12"]], [v["w1_21"], v["w1_22"]]])
    b1 = np.array([v["b1_1"], v["b1_2"]])
    h = np.maximum(X @ W1 + b1, 0.0)
    z = h @ np.array([v["w2_1"], v["w2_2"]]) + v["b2"]
    return 1.0 / (1.0 + np.exp(-z))


@pytest.fixture(scope="module")
def app():
    return forward.xor_network_app(resolution=30, n=80, seed=1)


def _values(app):
    return {k: app.controls[k].value for k in forward.START}


def test_nine_sliders_for_weights_and_biases(app):
    sliders = [app.controls[k] for k in forward.START]
    assert len(sliders) == 9
    assert all(s.continuous_update for s in sliders)
    assert all(s.description for s in sliders)


def test_moving_a_weight_updates_regions_network_and_image(app):
    app.controls["reset"].click()
    before_png = app.views["figure"].png
    before_proba = app.state["proba"].copy()
    app.controls["w1_21"].value = -1.5
    v = _values(app)
    assert v["w1_21"] == -1.5
    expected = _proba(grid_points((-2.2, 2.2, -2.2, 2.2), 30), v).reshape(30, 30)
    np.testing.assert_allclose(app.state["proba"], expected, rtol=1e-12)
    assert not np.allclose(app.state["proba"], before_proba)
    # the image artist shows the new probabilities
    shown = app.views["figure"].fig.axes[0].images[0].get_array()
    np.testing.assert_allclose(np.asarray(shown), expected)
    assert app.state["params"]["W1"][1, 0] == -1.5
    assert app.views["figure"].png != before_png
    assert app.state["png"] == app.views["figure"].png
    # the diagram's label for that weight shows the new value
    texts = [t.get_text() for t in app.views["figure"].fig.axes[1].texts]
    assert "-1.5" in texts


def test_a_bias_moves_the_accuracy_shown(app):
    app.controls["reset"].click()
    X, y = make_xor(n=80, noise=0.3, seed=1)
    app.controls["b2"].value = 2.0
    v = _values(app)
    acc = np.mean((_proba(X, v) > 0.5) == (y == 1))
    assert app.state["accuracy"] == pytest.approx(acc)
    assert app.state["accuracy_text"] == f"accuracy {acc:.0%}"
    texts = [t.get_text() for t in app.views["figure"].fig.axes[0].texts]
    assert app.state["accuracy_text"] in texts


def test_solution_button_solves_xor_and_reset_restores(app):
    X, y = make_xor(n=80, noise=0.3, seed=1)
    app.controls["solve"].click()
    assert _values(app) == forward.XOR_SOLUTION
    assert app.state["accuracy"] >= 0.95
    assert app.state["accuracy"] == pytest.approx(np.mean((_proba(X, forward.XOR_SOLUTION) > 0.5) == (y == 1)))
    app.controls["reset"].click()
    assert _values(app) == forward.START
    assert app.state["accuracy"] < 0.8


def test_bench_entries_name_real_controls():
    for builder, control, values in forward.BENCH:
        a = getattr(forward, builder)()
        assert control in a.controls and len(values) >= 3
