"""Headless tests of lesson 03's activation widget: menu + w, b, x0 sliders."""
import numpy as np
import pytest

from nnlessons.widgets.activations import activation_app

# independent definitions (not the package's) of each activation
F = {
    "sigmoid": lambda z: 1.0 / (1.0 + np.exp(-z)),
    "tanh": np.tanh,
    "relu": lambda z: np.maximum(z, 0.0),
    "leaky_relu": lambda z: np.where(z > 0, z, 0.1 * z),
    "step": lambda z: np.where(np.asarray(z) > 0, 1.0, 0.0),
    "identity": lambda z: z,
}


def _set(app, **values):
    for k, v in values.items():
        app.controls[k].value = v
    return app


def test_controls():
    app = activation_app()
    assert app.controls["activation"].value == "sigmoid"
    assert set(app.controls["activation"].options) >= {
        ("sigmoid", "sigmoid"), ("tanh", "tanh"), ("ReLU", "relu"), ("step", "step")}
    for k in ("w", "b", "x0"):
        assert app.controls[k].continuous_update


@pytest.mark.parametrize("name", list(F))
def test_values_and_slope_at_x0_match_independent_calculus(name):
    app = _set(activation_app(), activation=name, w=1.5, b=-0.5, x0=0.8)
    w, b, x0 = 1.5, -0.5, 0.8
    z0 = w * x0 + b
    assert app.state["z0"] == pytest.approx(z0)
    assert app.state["f0"] == pytest.approx(F[name](z0))
    h = 1e-5  # central difference of x -> f(w x + b) at x0 (z0 = 0.7, away from any kink)
    numeric = (F[name](w * (x0 + h) + b) - F[name](w * (x0 - h) + b)) / (2 * h)
    assert app.state["slope0"] == pytest.approx(numeric, rel=1e-6, abs=1e-9)
    assert app.state["slope0"] == pytest.approx(w * app.state["fprime0"])
    xs, ys = app.state["f_curve"]
    np.testing.assert_allclose(ys, F[name](w * xs + b), atol=1e-12)
    assert f"{app.state['slope0']:.3f}" in app.state["info"]


def test_tangent_line_touches_the_curve_at_x0_with_the_shown_slope():
    app = _set(activation_app(), activation="tanh", w=2.0, b=0.3, x0=-0.4)
    tangent = app.views["activation"].fig.axes[0].lines[-2]  # after the curve, before the point
    xs, ys = (np.asarray(v) for v in tangent.get_data())
    slope = (ys[1] - ys[0]) / (xs[1] - xs[0])
    assert slope == pytest.approx(app.state["slope0"])
    at_x0 = ys[0] + slope * (-0.4 - xs[0])
    assert at_x0 == pytest.approx(np.tanh(2.0 * -0.4 + 0.3))


def test_saturation_shows_as_a_flat_tangent():
    app = _set(activation_app(), activation="sigmoid", w=3.0, b=5.0, x0=4.0)  # z0 = 17
    assert abs(app.state["slope0"]) < 1e-6
    app.controls["x0"].value = -5 / 3  # z0 = 0: the steepest point, slope w / 4
    assert app.state["slope0"] == pytest.approx(0.75)


def test_slider_and_menu_change_the_image_and_axes():
    app = activation_app()
    view = app.views["activation"]
    png = view.png
    app.controls["b"].value = 2.0
    assert view.png != png
    png = view.png
    ylim_sigmoid = view.fig.axes[0].get_ylim()
    app.controls["activation"].value = "relu"
    assert view.png != png
    assert view.fig.axes[0].get_ylim() != ylim_sigmoid
    assert "ReLU" in view.fig.axes[0].get_title()
    # the slope curve of ReLU: w where w x + b > 0, else 0
    xs, slope = app.state["slope_curve"]
    np.testing.assert_allclose(slope, np.where(xs + 2.0 > 0, 1.0, 0.0))


def test_unknown_activation_is_refused_with_the_choices():
    with pytest.raises(ValueError, match="choose one of"):
        activation_app("swish")


def test_the_widget_is_wiring_over_a_live_figure():
    import nnlessons.widgets.activations as mod
    from widget_wiring import assert_is_wiring

    assert_is_wiring(mod, activation_app(), "activation_app")
