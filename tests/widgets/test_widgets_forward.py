"""Headless tests of lesson 04's widget: a 2-2-1 network's sliders move its decision regions."""
import numpy as np
import pytest

from matplotlib.backends.backend_agg import FigureCanvasAgg

from nnlessons.data import make_xor
from nnlessons.plots.networks import grid_points, hidden_space
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
    texts = [t.get_text() for t in app.views["figure"].fig.axes[2].texts]
    assert "-1.5" in texts and app.state["edge_labels"][(1, 1, 0)] == "-1.5"


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


def test_the_hidden_space_is_live(app):
    """The points at (h1, h2) = relu(X W1 + b1) and the output neuron's line move with the sliders."""
    X, y = make_xor(n=80, noise=0.3, seed=1)
    app.controls["reset"].click()
    app.controls["w1_21"].value = -1.0
    app.controls["w2_2"].value = 2.0
    v = _values(app)
    W1 = np.array([[v["w1_11"], v["w1_12"]], [v["w1_21"], v["w1_22"]]])
    H = np.maximum(X @ W1 + np.array([v["b1_1"], v["b1_2"]]), 0.0)
    np.testing.assert_allclose(app.state["hidden"], H)
    ax_h = app.views["figure"].fig.axes[1]
    drawn = np.concatenate([np.column_stack(line.get_data()) for line in ax_h.lines
                            if line.get_label().startswith("class")])
    np.testing.assert_allclose(np.sort(drawn, axis=0), np.sort(H, axis=0))
    (x0, x1), (y0, y1) = app.state["output_line"]         # on the line w2 . h + b2 = 0
    for h in ((x0, y0), (x1, y1)):
        assert v["w2_1"] * h[0] + v["w2_2"] * h[1] + v["b2"] == pytest.approx(0, abs=1e-9)
    assert H.max() <= app.state["hidden_limit"]


def test_the_hidden_layer_makes_xor_separable(app):
    """With the XOR solution the hidden points of the two classes sit on two sides of the line."""
    X, y = make_xor(n=80, noise=0.3, seed=1)
    app.controls["solve"].click()
    v = forward.XOR_SOLUTION
    side = app.state["hidden"] @ np.array([v["w2_1"], v["w2_2"]]) + v["b2"]
    assert np.mean((side > 0) == (y == 1)) >= 0.95
    app.controls["reset"].click()
    assert app.state["accuracy"] < 0.8


def test_a_zero_weight_has_no_sign(app):
    """A weight of 0 is neither positive nor negative: a thin grey line labelled "0.0"."""
    app.controls["reset"].click()                          # w1_21 starts at 0.0
    live = app.views["figure"].live.diagram
    line, label = live.edges[(1, 1, 0)], live.edge_labels[(1, 1, 0)]
    assert label.get_text() == "0.0" and app.state["edge_labels"][(1, 1, 0)] == "0.0"
    assert line.get_color() == "#999999" and line.get_linewidth() < 1.0
    assert app.state["bias_labels"][(1, 0)] == "b=0.0"
    app.controls["w1_21"].value = 0.5
    assert label.get_text() == "+0.5" and line.get_color() == "#D55E00"
    app.controls["w1_21"].value = -0.5
    assert label.get_text() == "-0.5" and line.get_color() == "#0072B2"


def test_the_solution_button_shows_its_whole_text(app):
    button = app.controls["solve"]
    assert button.description == "Show an XOR solution"
    # a Button is 148 px wide by default and cuts this text ("Show an XOR sol..."): let it fit
    assert button.layout.width == "auto"


def _overlaps(fig, gap: float = 6.0) -> list[str]:
    """y-axis labels that sit on (closer than `gap` pixels to) their tick labels."""
    FigureCanvasAgg(fig) if not isinstance(fig.canvas, FigureCanvasAgg) else None
    fig.canvas.draw()
    r = fig.canvas.get_renderer()
    bad = []
    for ax in fig.axes:
        label = ax.yaxis.label
        lo, hi = sorted(ax.get_ylim())
        ticks = [t for t, v in zip(ax.get_yticklabels(), ax.get_yticks()) if lo <= v <= hi and t.get_text()]
        box = label.get_window_extent(r).padded(gap)
        if label.get_text() and any(box.overlaps(t.get_window_extent(r)) for t in ticks):
            bad.append(label.get_text())
    return bad


def test_axis_labels_do_not_sit_on_tick_labels(app):
    """Lesson 04's hidden-space figure used to print h2 over the tick labels."""
    X, y = make_xor(n=200, seed=0)
    params = forward.params_from_values(forward.XOR_SOLUTION)
    assert _overlaps(hidden_space(X, y, params)) == []
    app.controls["solve"].click()
    assert _overlaps(app.views["figure"].fig) == []


# ---------------------------------------------------------------- the learner's dense_forward
def test_a_slow_dense_forward_gets_a_coarser_grid(monkeypatch):
    from nnlessons.widgets import yours as Y
    import learner_code as lc

    monkeypatch.setattr(Y, "BUDGET_S", 1e-7)  # every call is over this budget
    app = forward.xor_network_app(dense_forward=lc.right("dense_forward"))
    app.controls["w1_11"].value = 0.5  # (the figure's first drawing already timed it)
    r = app.state["resolution"]
    assert 8 <= r < 40 and app.state["proba"].shape == (r, r)
    assert app.state["yours"]["dense_forward"]["status"] == "same"
    monkeypatch.undo()  # the real budget: the right function is fast enough for the full grid
    fast = forward.xor_network_app(dense_forward=lc.right("dense_forward"))
    fast.controls["w1_11"].value = 0.5
    assert fast.state["resolution"] == 40


def test_a_layer_that_fails_draws_the_packages_network_alone():
    """W transposed works for the square first layer (it differs) and raises on the (2, 1)
    second: the package's network is drawn alone and the error is said."""
    import learner_code as lc

    today = forward.xor_network_app()
    app = forward.xor_network_app(dense_forward=lc.mistake("dense_forward", "W_transposed"))
    for a in (today, app):
        a.controls["w1_21"].value = 1.0
    assert app.state["yours"]["dense_forward"]["status"] == "error"
    assert app.views["figure"].png == today.views["figure"].png


def test_the_layer_that_differs_is_said_when_the_other_agrees():
    """At the start b1 = 0, so a dense_forward without bias agrees on the first layer and
    differs on the second (b2 = -1): it is said to differ."""
    import learner_code as lc

    app = forward.xor_network_app(dense_forward=lc.mistake("dense_forward", "no_bias"))
    said = app.state["yours"]["dense_forward"]
    assert said["status"] == "differs" and "bias was left out" in said["message"]
    assert app.state["accuracy"] != forward.xor_network_app().state["accuracy"]
