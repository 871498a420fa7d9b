"""Headless tests of lesson 01's weighted-sum widget: move sliders, check the bars and numbers."""
import numpy as np
import pytest

from nnlessons.plots.style import PALETTE, number
from nnlessons.widgets.weighted_sum import weighted_sum_app


def _shown_heights(app):
    return np.array([b.get_height() for b in app.views["contributions"].fig.axes[1].patches])


def test_a_slider_per_weight_with_clear_labels():
    app = weighted_sum_app()
    for i in (1, 2, 3):
        s = app.controls[f"w{i}"]
        assert s.description == f"weight w{i}"
        assert s.continuous_update
        assert app.controls[f"x{i}"].description == f"input x{i}"


@pytest.mark.parametrize("name,value", [("w1", -1.7), ("w2", 2.0), ("w3", 0.0), ("x2", 1.3)])
def test_moving_a_slider_updates_bars_total_and_image(name, value):
    app = weighted_sum_app(x=(2.0, -1.0, 0.5), w=(1.0, 0.5, -1.0))
    png_before = app.views["contributions"].png
    app.controls[name].value = value
    x = np.array([app.controls[f"x{i}"].value for i in (1, 2, 3)])
    w = np.array([app.controls[f"w{i}"].value for i in (1, 2, 3)])
    expected = [x[i] * w[i] for i in range(3)]
    total = sum(expected)
    np.testing.assert_allclose(app.state["contributions"], expected)
    assert app.state["z"] == pytest.approx(total)
    np.testing.assert_allclose(_shown_heights(app), expected + [total])
    assert f"= {number(total)}" in app.state["readout"]
    labels = [t.get_text() for t in app.views["contributions"].fig.axes[1].texts]
    assert labels == [number(v) for v in expected + [total]]
    assert app.views["contributions"].png != png_before


def test_a_zero_weight_makes_its_input_irrelevant():
    app = weighted_sum_app()
    app.controls["w3"].value = 0.0
    z = app.state["z"]
    png = app.views["contributions"].png
    for v in (-2.0, 0.3, 2.0):
        app.controls["x3"].value = v
        assert app.state["z"] == pytest.approx(z)
        assert app.state["contributions"][2] == 0.0
    assert app.views["contributions"].png != png  # the input's own label changed


def test_edge_width_and_colour_follow_the_weight():
    app = weighted_sum_app()
    fig = app.views["contributions"].fig
    app.controls["w1"].value = -2.0
    app.controls["w2"].value = 0.5
    app.controls["w3"].value = 0.0
    edges = fig.axes[0].lines[:6:2]  # edge, node, edge, node, ...
    # the course's sign colours (as in lesson 04's network diagrams): vermillion +, blue −
    assert edges[0].get_color() == PALETTE["blue"]
    assert edges[1].get_color() == PALETTE["vermillion"]
    assert edges[2].get_color() == PALETTE["grey"]  # a zero weight: no sign
    assert edges[0].get_linewidth() > edges[1].get_linewidth()
    bars = fig.axes[1].patches  # contributions (w1 x1 = -2 * 2 < 0, w2 x2 = 0.5 * -1 < 0) by sign
    assert bars[0].get_facecolor() == bars[1].get_facecolor()
    app.controls["x2"].value = 1.0
    assert bars[1].get_facecolor() != bars[0].get_facecolor()


def test_values_outside_the_slider_range_are_refused_with_a_reason():
    with pytest.raises(ValueError, match=r"\[-2.0, 2.0\]"):
        weighted_sum_app(w=(5.0, 0.0, 0.0))
    with pytest.raises(ValueError, match="3 inputs"):
        weighted_sum_app(x=(1.0, 2.0))


def test_the_widget_is_wiring_over_a_live_figure():
    import nnlessons.widgets.weighted_sum as mod
    from widget_wiring import assert_is_wiring

    assert_is_wiring(mod, weighted_sum_app(), "weighted_sum_app")


def test_no_negative_zero_for_a_zero_weight_on_a_negative_input():
    from figure_text import assert_no_negative_zero, figure_texts

    app = weighted_sum_app()
    app.controls["w3"].value = 0.0
    app.controls["x3"].value = -2.0  # 0.0 * -2.0 = -0.0
    assert_no_negative_zero(app.state["readout"], *figure_texts(app.views["contributions"].fig))


def test_products_not_added_up_are_not_drawn_but_named():
    """The learner's weighted_sum returning the 3 products (no sum) cannot be drawn as a
    total: the package's total is drawn and the line names the mistake."""
    import learner_code as lc

    today, yours = weighted_sum_app(), weighted_sum_app(weighted_sum=lc.mistake("weighted_sum", "no_sum"))
    said = yours.state["yours"]["weighted_sum"]
    assert said["status"] == "unusable"
    assert lc.hint("weighted_sum", "no_sum")[:50] in said["message"]
    assert yours.views["contributions"].png == today.views["contributions"].png


def test_a_wrong_total_is_drawn_with_the_packages_outlined():
    import learner_code as lc

    app = weighted_sum_app(weighted_sum=lc.mistake("weighted_sum", "mean_not_sum"))
    app.controls["w1"].value = 2.0
    assert app.state["z"] == pytest.approx(app.state["package_z"] / 3)
    bar_total = app.views["contributions"].fig.axes[1].patches[3]
    assert bar_total.get_height() == pytest.approx(app.state["z"])  # the learner's total is the bar
    assert f"= {number(app.state['z'])}" in app.state["readout"]
    outline = [ln for ln in app.views["contributions"].fig.axes[1].lines if ln.get_label() == "_package"][0]
    assert outline.get_visible() and max(outline.get_ydata()) == pytest.approx(app.state["package_z"])
