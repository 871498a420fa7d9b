"""Headless tests of lesson 05's widget: w and b sliders move the line, residuals, MSE and marker."""
import numpy as np
import pytest

import nnlessons.widgets.losses as losses_widget
from nnlessons.data import make_line


@pytest.fixture(scope="module")
def app():
    return losses_widget.line_fit_app(w=0.5, b=-1.0, n=25, seed=3)


def test_sliders(app):
    for name in ("w", "b"):
        s = app.controls[name]
        assert s.continuous_update and s.description


@pytest.mark.parametrize("w, b", [(2.0, 1.0), (-0.5, 3.0), (4.0, -2.0)])
def test_moving_w_and_b_updates_what_is_shown(app, w, b):
    x, y = make_line(n=25, seed=3)
    before_png = app.views["figure"].png
    app.controls["w"].value = w
    app.controls["b"].value = b
    expected_mse = np.mean((w * x + b - y) ** 2)
    assert app.state["mse"] == pytest.approx(expected_mse, rel=1e-12)
    assert app.state["text"] == f"MSE = {expected_mse:.3f}"
    np.testing.assert_allclose(app.state["residuals"], w * x + b - y)
    fig = app.views["figure"].fig
    line = fig.axes[0].lines[0]
    xs, ys = line.get_data()
    np.testing.assert_allclose(ys, w * np.asarray(xs) + b)
    # residual segments go from each point to the line
    segs = fig.axes[0].collections[0].get_segments()
    assert len(segs) == 25
    np.testing.assert_allclose([s[1, 1] for s in segs], w * x + b)
    np.testing.assert_allclose([s[0, 1] for s in segs], y)
    # the marker on the contour plot is at (w, b)
    mx, my = fig.axes[1].lines[-1].get_data()
    assert (mx[0], my[0]) == (w, b)
    assert app.views["figure"].png != before_png


def test_mse_is_lowest_near_the_least_squares_line(app):
    x, y = make_line(n=25, seed=3)
    w_ls, b_ls = np.polyfit(x, y, 1)
    app.controls["w"].value = round(w_ls / 0.05) * 0.05
    app.controls["b"].value = round(b_ls / 0.05) * 0.05
    near = app.state["mse"]
    app.controls["w"].value = 0.0
    assert app.state["mse"] > near


def _pixel(view, ax, xy):
    px, py = ax.transData.transform([xy])[0]
    rgba = np.asarray(view.fig.canvas.buffer_rgba())
    return rgba[int(round(rgba.shape[0] - py)), int(round(px)), :3] / 255


def test_the_star_and_the_points_stay_on_top(app):
    """At the minimum the white dot used to hide the star, and the residuals the data points."""
    x, y = make_line(n=25, seed=3)
    w_ls, b_ls = np.polyfit(x, y, 1)
    app.controls["w"].value, app.controls["b"].value = 1.0, 4.0   # long residuals through the points
    view = app.views["figure"]
    ax_d, ax_l = view.fig.axes[:2]
    star = next(line for line in ax_l.lines if line.get_label() == "minimum")
    app.controls["w"].value, app.controls["b"].value = star.get_xdata()[0], star.get_ydata()[0]
    np.testing.assert_allclose(_pixel(view, ax_l, (star.get_xdata()[0], star.get_ydata()[0])),
                               (0xF0 / 255, 0xE4 / 255, 0x42 / 255), atol=0.08)
    app.controls["w"].value, app.controls["b"].value = 1.0, 4.0
    blue = np.array((0x00, 0x72, 0xB2)) / 255
    on_points = [_pixel(view, ax_d, (xi, yi)) for xi, yi in zip(x, y)]
    assert np.mean([np.allclose(c, blue, atol=0.1) for c in on_points]) > 0.9


def test_the_learners_mse_is_the_number_shown_and_the_packages_beside_it():
    def mse(y_pred, y_true):  # summed, not averaged
        return np.sum((y_pred - y_true) ** 2)

    app = losses_widget.line_fit_app(mse=mse)
    x, y = make_line(n=30, seed=0)
    pred = 0.5 * x - 1.0
    assert app.state["mse"] == pytest.approx(np.sum((pred - y) ** 2))
    assert app.state["package_mse"] == pytest.approx(np.mean((pred - y) ** 2))
    assert app.state["text"].startswith("your MSE") and "✗" in app.state["text"]
    app.controls["w"].value = 2.0  # each update asks the learner's mse again
    assert app.state["mse"] == pytest.approx(np.sum((2.0 * x - 1.0 - y) ** 2))
