"""Headless tests of lesson 00's tiny-neuron widget: move a slider, check what is shown."""
import numpy as np
import pytest

from nnlessons.widgets.base import LiveFigureView, float_slider
from nnlessons.widgets.start import BENCH, tiny_neuron_app


def _sigmoid(z):
    return 1.0 / (1.0 + np.exp(-z))


def test_controls_are_labelled_continuous_sliders():
    app = tiny_neuron_app()
    assert set(app.controls) == {"w", "b", "x"}
    for name, slider in app.controls.items():
        assert slider.continuous_update
        assert name in slider.description


@pytest.mark.parametrize("name,value", [("w", -2.0), ("b", 3.5), ("x", -4.0)])
def test_moving_a_slider_updates_numbers_curves_and_image(name, value):
    app = tiny_neuron_app(w=1.0, b=0.0, x=1.0)
    png_before = app.views["response"].png
    app.controls[name].value = value
    w, b, x = (app.controls[k].value for k in ("w", "b", "x"))
    z = w * x + b
    assert app.state["z"] == pytest.approx(z)
    assert app.state["a"] == pytest.approx(_sigmoid(z))
    xs, zs = app.state["z_curve"]
    np.testing.assert_allclose(zs, w * xs + b)
    xs, a_s = app.state["a_curve"]
    np.testing.assert_allclose(a_s, _sigmoid(w * xs + b))
    assert f"{round(z, 2) + 0.0:.2f}".replace("-", "−") in app.state["readout"]
    assert app.views["response"].png != png_before
    assert app.views["response"].image.value == app.views["response"].png


def test_the_drawn_line_follows_the_weight():
    app = tiny_neuron_app()
    app.controls["w"].value = 2.5
    app.controls["b"].value = -1.0
    line = app.views["response"].fig.axes[0].lines[-2]  # z = w*x + b (before the marker)
    xs, zs = line.get_data()
    np.testing.assert_allclose(zs, 2.5 * np.asarray(xs) - 1.0)


def test_live_view_redraw_equals_a_full_render():
    """The blitted image shows the same pixels as rendering the whole figure."""
    import io

    from PIL import Image

    app = tiny_neuron_app()
    app.controls["w"].value = -1.5
    view = app.views["response"]
    blitted = np.asarray(Image.open(io.BytesIO(view.png)).convert("RGB"))
    for a in view.animated:
        a.set_animated(False)
    view.fig.canvas.draw()
    full = np.asarray(view.fig.canvas.buffer_rgba())[..., :3]
    # the legends are drawn last when blitting, so compare pixels away from them
    assert blitted.shape == full.shape
    assert np.mean(np.any(blitted != full, axis=-1)) < 0.01


def test_float_slider_and_bench_entries():
    s = float_slider("weight w1", 0.5, -2, 2)
    assert s.continuous_update and s.description == "weight w1" and s.value == 0.5
    import nnlessons.widgets.start as mod

    for builder, control, values in BENCH:
        app = getattr(mod, builder)()
        for v in values:
            app.controls[control].value = v
            assert app.controls[control].value == pytest.approx(v)
        assert isinstance(app.views[next(iter(app.views))], LiveFigureView)


def test_the_widget_is_wiring_over_a_live_figure():
    import nnlessons.widgets.start as mod
    from widget_wiring import assert_is_wiring

    assert_is_wiring(mod, tiny_neuron_app(), "tiny_neuron_app")


def test_no_negative_zero_in_the_readout_or_the_figure():
    from figure_text import assert_no_negative_zero, figure_texts

    app = tiny_neuron_app(w=0.1, b=0.3, x=-3.0)  # z = 0.1 * -3 + 0.3 = -5.6e-17 in floating point
    assert_no_negative_zero(app.state["readout"], *figure_texts(app.views["response"].fig))
    assert "= 0.00" in app.state["readout"]
