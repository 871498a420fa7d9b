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
    tangent = next(line for line in app.views["activation"].fig.axes[0].lines if line.get_label() == "tangent at x₀")
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


@pytest.mark.parametrize("name", list(F))
@pytest.mark.parametrize("w", [-3.0, -1.0, 0.5, 1.0, 3.0])
def test_the_slope_panel_range_follows_the_activation_and_the_weight(name, w):
    app = _set(activation_app(), activation=name, w=w)
    lo, hi = app.views["activation"].fig.axes[1].get_ylim()
    _, slope = app.state["slope_curve"]
    peak = float(np.max(np.abs(slope)))
    assert -lo == pytest.approx(hi)
    assert peak <= 0.95 * hi  # the whole slope curve is inside the panel
    if peak > 0:
        assert peak >= 0.4 * hi, f"{name}, w = {w}: the slope peaks at {peak:.2f} in a panel of +-{hi:.2f}"


def test_the_sigmoid_slope_is_not_a_flat_line():
    app = activation_app("sigmoid", w=1.0, b=0.0, x0=0.0)  # the slope peaks at 0.25
    assert app.views["activation"].fig.axes[1].get_ylim()[1] <= 0.5


def test_after_the_slope_range_changes_the_image_is_a_full_render():
    """The slope panel's axis is redrawn with the curves (no full render): the blitted image
    must still show what a full render shows, ticks and frame included."""
    import io

    from PIL import Image

    app = activation_app()
    view = app.views["activation"]
    for name, w in [("tanh", 3.0), ("tanh", 0.3), ("step", 1.0), ("sigmoid", 0.2), ("relu", -2.0)]:
        _set(app, activation=name, w=w)
        blitted = np.asarray(Image.open(io.BytesIO(view.png)).convert("RGB"))
        for a in view.animated:
            a.set_animated(False)
        view.fig.canvas.draw()
        full = np.asarray(view.fig.canvas.buffer_rgba())[..., :3]
        for a in view.animated:
            a.set_animated(True)
        assert np.mean(np.any(blitted != full, axis=-1)) < 0.001, (name, w)


def test_no_negative_zero_in_what_the_widget_says():
    from figure_text import assert_no_negative_zero, figure_texts

    app = _set(activation_app(), activation="relu", w=0.1, b=0.3, x0=-3.0)  # z0 = -5.6e-17
    assert_no_negative_zero(app.state["info"], *figure_texts(app.views["activation"].fig))


# ---------------------------------------------------------------- lesson 03's static figures
def _rgb(c):
    from matplotlib.colors import to_rgb

    return tuple(round(v, 3) for v in to_rgb(c))


def test_the_step_functions_zero_part_is_not_hidden_under_its_derivative():
    """Along z < 0 the step is 0 and so is its derivative: both lines must show there."""
    from nnlessons import plots
    from nnlessons.plots.style import PALETTE

    from matplotlib.backends.backend_agg import FigureCanvasAgg

    fig = plots.activation_curves(names=("step",))
    canvas = FigureCanvasAgg(fig)
    canvas.draw()
    img = np.asarray(canvas.buffer_rgba())[..., :3].astype(int)
    ax = fig.axes[0]
    blue = np.array([int(PALETTE["blue"][i:i + 2], 16) for i in (1, 3, 5)])
    orange = np.array([int(PALETTE["orange"][i:i + 2], 16) for i in (1, 3, 5)])
    _, row = ax.transData.transform((0.0, 0.0))
    row = img.shape[0] - int(round(row))
    band = img[row - 4:row + 5]  # a few pixel rows around f = f' = 0
    cols = [int(round(ax.transData.transform((z, 0.0))[0])) for z in np.linspace(-4.5, -0.5, 60)]
    for colour, name in ((blue, "f (solid blue)"), (orange, "f′ (dashed orange)")):
        near = np.abs(band[:, cols] - colour).max(axis=-1) < 40
        shown = near.any(axis=0)
        if name.startswith("f′"):
            assert shown.mean() > 0.3, f"{name} is not visible along z < 0"
        else:
            assert shown.all(), f"{name} is hidden in {np.sum(~shown)} of {len(cols)} columns along z < 0"


def test_softmax_bars_one_colour_per_series():
    """A colour means one set of scores (z or 2z) in both panels, never a class."""
    from nnlessons import plots

    fig = plots.softmax_bars([2.0, 1.0, 0.1], labels=["cat", "dog", "bird"])
    ax_z, ax_p = fig.axes[:2]
    colours = {}
    for ax in (ax_z, ax_p):
        for container in ax.containers:
            faces = {_rgb(p.get_facecolor()) for p in container.patches}
            assert len(faces) == 1, f"one series in {len(faces)} colours: {container.get_label()}"
            series = container.get_label().replace("softmax(", "").split(")")[0].strip()
            colours.setdefault(faces.pop(), set()).add(series)
    assert all(len(s) == 1 for s in colours.values()), colours
    assert len(colours) == 2  # z and 2z


def test_in_lesson_03_solid_blue_is_a_function_and_dashed_orange_its_derivative():
    from nnlessons import plots
    from nnlessons.plots.style import PALETTE

    for fig in (plots.activation_curves(), plots.saturation()):
        lines = [ln for ax in fig.axes for ln in ax.get_lines() if len(ln.get_xdata()) > 10]
        assert lines
        for ln in lines:
            if ln.get_linestyle() == "--":
                assert _rgb(ln.get_color()) == _rgb(PALETTE["orange"]), ln.get_label()
            else:
                assert _rgb(ln.get_color()) == _rgb(PALETTE["blue"]), ln.get_label()
    for ln in (ln for ax in plots.stacked_linear_layers().axes for ln in ax.get_lines()):
        assert _rgb(ln.get_color()) != _rgb(PALETTE["orange"])  # orange is a derivative in this lesson


def test_a_learners_steeper_slope_stays_in_view():
    def sigmoid_grad(z):  # exp(-z) / (1 + exp(-z)): the sigmoid of -z, up to 1, not 1/4
        return np.exp(-z) / (1 + np.exp(-z))

    app = activation_app(sigmoid_grad=sigmoid_grad)
    low, high = app.views["activation"].fig.axes[1].get_ylim()
    assert high >= 1.0 and low <= -1.0
    assert activation_app().views["activation"].fig.axes[1].get_ylim()[1] < 1.0  # the package's range as before
