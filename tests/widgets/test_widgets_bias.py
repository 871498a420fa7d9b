"""Headless tests of lesson 02's bias widget: sliders move the decision line; accuracy follows."""
import numpy as np
import pytest

from nnlessons.data import make_offset_blobs
from nnlessons.widgets.bias import bias_app

X, Y = make_offset_blobs(n=100, seed=0)


def _accuracy(w1, w2, b):
    pred = (X[:, 0] * w1 + X[:, 1] * w2 + b > 0).astype(int)
    return np.mean(pred == Y)


def _set(app, **values):
    for k, v in values.items():
        app.controls[k].value = v
    return app


def test_sliders_for_w1_w2_b():
    app = bias_app()
    assert [app.controls[k].description for k in ("w1", "w2", "b")] == ["weight w1", "weight w2", "bias b"]
    assert all(app.controls[k].continuous_update for k in ("w1", "w2", "b"))


@pytest.mark.parametrize("w1,w2,b", [(1.0, 1.0, -4.0), (1.0, 1.0, 0.0), (-0.5, 2.0, -3.0), (2.0, 0.0, -5.0),
                                     (0.0, 0.0, 1.0)])
def test_shown_accuracy_matches_the_data(w1, w2, b):
    app = _set(bias_app(), w1=w1, w2=w2, b=b)
    assert app.state["accuracy"] == pytest.approx(_accuracy(w1, w2, b))
    assert f"{_accuracy(w1, w2, b):.0%}" in app.state["info"]
    assert f"{_accuracy(w1, w2, b):.0%}" in app.state["score"]


def test_the_line_drawn_is_where_the_weighted_sum_is_zero():
    app = _set(bias_app(), w1=-0.5, w2=2.0, b=-3.0)
    xs, ys = app.views["boundary"].live.line.get_data()  # the decision line
    np.testing.assert_allclose(-0.5 * np.asarray(xs) + 2.0 * np.asarray(ys) - 3.0, 0.0, atol=1e-12)
    assert len(xs) == 2
    np.testing.assert_allclose(app.state["line"][0], xs)
    assert app.state["intercept"] == pytest.approx(1.5)   # -b / w2
    assert app.state["slope"] == pytest.approx(0.25)      # -w1 / w2
    assert "x2 = 0.25·x1 + 1.50" in app.state["info"]


def test_moving_the_bias_moves_the_line_and_the_image_not_the_slope():
    app = _set(bias_app(), w1=1.0, w2=1.0, b=0.0)
    png, line = app.views["boundary"].png, app.state["line"]
    app.controls["b"].value = -4.0
    assert app.views["boundary"].png != png
    assert not np.allclose(app.state["line"][1], line[1])
    assert app.state["slope"] == pytest.approx(-1.0)
    assert app.state["intercept"] == pytest.approx(4.0)
    assert app.state["accuracy"] == 1.0  # the data's separating line x1 + x2 = 4


def test_no_bias_button_pins_b_to_zero_and_no_line_through_origin_is_perfect():
    app = _set(bias_app(), b=-4.0)
    app.controls["bias_free"].value = True
    assert app.controls["b"].value == 0.0 and app.controls["b"].disabled
    app.controls["b"].value = 3.0  # ignored while pinned
    assert app.controls["b"].value == 0.0
    best = 0.0
    for w1 in np.linspace(-3, 3, 13):
        for w2 in np.linspace(-3, 3, 13):
            _set(app, w1=w1, w2=w2)
            assert app.state["accuracy"] == pytest.approx(_accuracy(w1, w2, 0.0))
            best = max(best, app.state["accuracy"])
    assert best < 0.9
    app.controls["bias_free"].value = False
    assert not app.controls["b"].disabled


def test_bad_data_is_refused_with_a_reason():
    with pytest.raises(ValueError, match=r"\(m, 2\)"):
        bias_app(X=np.zeros((5, 3)), y=np.zeros(5))


def test_the_widget_is_wiring_over_a_live_figure():
    import nnlessons.widgets.bias as mod
    from widget_wiring import assert_is_wiring

    assert_is_wiring(mod, bias_app(), "bias_app")


@pytest.mark.parametrize("w1,w2,b", [(1.0, 0.0, 0.0), (0.0, 1.0, 0.0), (0.0, -2.0, 0.0), (-1.0, 0.0, 0.0)])
def test_no_negative_zero_in_what_the_widget_says(w1, w2, b):
    from figure_text import assert_no_negative_zero, figure_texts

    app = _set(bias_app(), w1=w1, w2=w2, b=b)
    assert_no_negative_zero(app.state["info"], app.state["score"], *figure_texts(app.views["boundary"].fig))


def test_the_origin_stays_visible_when_the_line_crosses_the_x2_axis_there():
    import io

    from PIL import Image

    app = _set(bias_app(), w1=1.0, w2=1.0, b=0.0)  # the line passes through the origin
    view = app.views["boundary"]
    img = np.asarray(Image.open(io.BytesIO(view.png)).convert("RGB")).astype(int)
    ax = view.fig.axes[0]
    px, py = ax.transData.transform((0.0, 0.0))
    row, col = int(round(img.shape[0] - py)), int(round(px))
    centre = img[row - 1:row + 2, col - 1:col + 2].reshape(-1, 3)
    assert np.all(centre.max(axis=1) < 60), f"the origin's black marker is covered: {centre.tolist()}"


# ---------------------------------------------------------------- lesson 02's static figures
def test_in_lesson_02_the_class_colours_mean_only_the_classes():
    """Blue is class 0 and orange class 1 in the decision figures: no other curve of the
    lesson wears them."""
    from matplotlib.colors import to_rgb

    from nnlessons import plots
    from nnlessons.plots.style import CLASS_COLORS

    classes = {tuple(np.round(to_rgb(c), 3)) for c in CLASS_COLORS[:2]}
    figs = [plots.bias_shift(w=2.0, biases=[-4, -2, 0, 2, 4]), plots.decision_line(X, Y, w=[1, 1], b=-4.0),
            plots.bias_free_search(X, Y, w=[1, 1], b=-4.0)]
    for fig in figs:
        for ax in fig.axes:
            for ln in ax.get_lines():
                colours = {tuple(np.round(to_rgb(c), 3)) for c in (ln.get_color(), ln.get_markerfacecolor())
                           if c not in ("none", None)}
                assert not colours & classes, f"{ax.get_title()!r}: {ln.get_label()!r} wears a class colour"


# ---------------------------------------------------------------- the geometry: w, b/||w||, distances
@pytest.mark.parametrize("w1,w2,b", [(1.0, 1.0, -4.0), (-0.5, 2.0, -3.0), (2.0, 0.0, -5.0), (1.0, 1.0, 0.0),
                                     (0.3, -1.2, 2.5), (3.0, 0.2, -8.0)])
def test_w_is_drawn_as_an_arrow_normal_to_the_line_toward_class_1(w1, w2, b):
    app = _set(bias_app(), w1=w1, w2=w2, b=b)
    live = app.views["boundary"].live
    w = np.array([w1, w2])
    start, end = app.state["arrow"]
    np.testing.assert_allclose(end - start, app.state["arrow_scale"] * w)  # w itself (or w/2, w/4, ...)
    assert w @ start + b == pytest.approx(0.0, abs=1e-9)                    # it starts on the line
    xs, ys = app.state["line"]
    direction = np.array([xs[1] - xs[0], ys[1] - ys[0]])
    assert direction @ (end - start) == pytest.approx(0.0, abs=1e-9)       # normal to the line
    assert w @ end + b > 0                                                  # toward the class-1 side
    assert live.arrow.get_visible()
    box = (-1.0, 5.0, -1.0, 5.0)
    assert box[0] <= end[0] <= box[1] and box[2] <= end[1] <= box[3]       # the tip is in view
    scale = app.state["arrow_scale"]
    assert live.arrow_txt.get_text() == ("w" if scale == 1 else f"w/{round(1 / scale)}")


@pytest.mark.parametrize("w1,w2,b,side", [(1.0, 1.0, -4.0, "class-0 side"), (1.0, 1.0, 3.0, "class-1 side"),
                                          (-0.5, 2.0, 0.0, "passes through the origin")])
def test_the_origins_signed_distance_b_over_norm_w_is_shown_with_its_meaning(w1, w2, b, side):
    app = _set(bias_app(), w1=w1, w2=w2, b=b)
    norm = np.hypot(w1, w2)
    assert app.state["norm"] == pytest.approx(norm)
    assert app.state["origin_distance"] == pytest.approx(b / norm)
    foot = app.state["foot"]
    assert np.hypot(*foot) == pytest.approx(abs(b) / norm)                 # the line's distance from 0
    assert w1 * foot[0] + w2 * foot[1] + b == pytest.approx(0.0, abs=1e-9)  # foot on the line
    assert side in app.state["info"]
    assert f"{abs(b / norm):.2f}".replace("-", "−") in app.state["info"]
    # each point's signed distance: positive exactly where the neuron says class 1
    np.testing.assert_allclose(app.state["distances"], (X @ [w1, w2] + b) / norm)
    assert np.array_equal(app.state["distances"] > 0, app.state["predictions"] == 1)


def test_a_zero_weight_vector_draws_no_arrow_and_says_why():
    app = _set(bias_app(), w1=0.0, w2=0.0, b=1.0)
    assert app.state["arrow"] is None and app.state["origin_distance"] is None
    assert not app.views["boundary"].live.arrow.get_visible()
    assert "no line" in app.state["info"]


def test_boundary_geometry_labels_each_points_signed_distance():
    from nnlessons import plots

    w, b = np.array([1.0, 2.0]), -4.0
    pts = [(3.0, 3.0), (2.5, -0.5)]
    fig = plots.boundary_geometry(w, b, pts)
    texts = [t.get_text() for t in fig.axes[0].texts]
    for p in pts:
        d = (np.dot(p, w) + b) / np.linalg.norm(w)
        assert any(f"d = {'+' if d > 0 else '−'}{abs(d):.2f}" in t for t in texts), (d, texts)
    assert any(f"b/‖w‖ = −{4 / np.sqrt(5):.2f}" in t for t in texts)
    dashed = [ln for ln in fig.axes[0].get_lines() if ln.get_linestyle() == "--" and len(ln.get_xdata()) == 2]
    assert len(dashed) == len(pts)
    for ln in dashed:  # from the point to the line, along w
        (x0, x1), (y0, y1) = ln.get_xdata(), ln.get_ydata()
        assert w @ (x1, y1) + b == pytest.approx(0.0, abs=1e-9)
        assert w[0] * (y1 - y0) - w[1] * (x1 - x0) == pytest.approx(0.0, abs=1e-9)  # parallel to w
    with pytest.raises(ValueError, match="not both zero"):
        plots.boundary_geometry((0.0, 0.0), 1.0)


# ---------------------------------------------------------------- the learner's neuron and boundary_line
def test_a_neuron_without_bias_classifies_as_if_b_were_0_and_rings_the_points_it_changes():
    import learner_code as lc

    yours = _set(bias_app(neuron=lc.mistake("neuron", "no_bias")), b=-4.0)
    at_zero = _set(bias_app(), b=0.0)
    np.testing.assert_array_equal(yours.state["predictions"], at_zero.state["predictions"])
    assert yours.state["accuracy"] == at_zero.state["accuracy"]
    fig = yours.views["boundary"].fig
    rings = [ln for ln in fig.axes[0].get_lines() if ln.get_label() == "_differs" and ln.get_marker() == "o"][0]
    today = _set(bias_app(), b=-4.0)
    changed = yours.state["predictions"] != today.state["predictions"]
    assert rings.get_visible() and len(rings.get_xdata()) == int(changed.sum()) > 0
    assert fig.axes[0].images[0].get_visible()  # the learner's region, instead of the shading


def test_a_wrong_boundary_line_is_the_line_drawn_with_the_packages_faint():
    import learner_code as lc

    app = _set(bias_app(boundary_line=lc.mistake("boundary_line", "slope_sign")), w1=1.5, w2=1.0, b=-4.0)
    assert app.state["slope"] == pytest.approx(1.5) and app.state["intercept"] == pytest.approx(4.0)
    xs, ys = app.state["line"]
    np.testing.assert_allclose(ys, 1.5 * xs + 4.0)
    faint = [ln for ln in app.views["boundary"].fig.axes[0].get_lines() if ln.get_label() == "_package"][0]
    fx, fy = faint.get_data()
    assert faint.get_visible()
    np.testing.assert_allclose(fy, -1.5 * np.asarray(fx) + 4.0)


def test_a_vertical_line_does_not_call_boundary_line():
    import learner_code as lc

    today = _set(bias_app(), w1=1.0, w2=0.0, b=-2.0)
    app = _set(bias_app(boundary_line=lc.raising("boundary_line")), w1=1.0, w2=0.0, b=-2.0)
    assert app.views["boundary"].png == today.views["boundary"].png
    assert "boundary_line" not in app.state["yours"]  # not called: nothing said of it


def test_a_neuron_of_the_wrong_shape_draws_the_packages():
    import learner_code as lc

    today = _set(bias_app(), b=-4.0)
    app = _set(bias_app(neuron=lc.wrong_shape("neuron")), b=-4.0)
    assert app.state["yours"]["neuron"]["status"] == "unusable"
    assert app.views["boundary"].png == today.views["boundary"].png
