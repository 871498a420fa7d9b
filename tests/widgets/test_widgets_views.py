"""The views' shortcuts show exactly what drawing shows: PNG encoding round-trips, and a
text, legend or axis pasted from its last drawing (`DrawnPixels`) gives the pixels
drawing it again gives."""
import importlib
import io
import zlib
from unittest import mock

import numpy as np
import pytest
from matplotlib.axis import YAxis
from matplotlib.legend import Legend
from PIL import Image

from nnlessons.plots.live import LiveFigure
from nnlessons.plots.style import new_figure
from nnlessons.widgets import base
from nnlessons.widgets.base import FigureView, LiveFigureView, encode_png, png_bytes

from test_widgets_bench import ENTRIES


def _pixels(png: bytes) -> np.ndarray:
    return np.asarray(Image.open(io.BytesIO(png)).convert("RGBA"))


class LineUnderLegend(LiveFigure):
    """A line that moves under a fixed legend and a fixed label, and a readout that changes."""

    def __init__(self):
        self.fig = new_figure(4, 3, dpi=60)
        ax = self.fig.subplots()
        ax.set_xlim(0, 1)
        ax.set_ylim(-1, 1)
        (self.line,) = ax.plot([0, 1], [0, 0], lw=3, label="the line")
        ax.plot([0, 1], [0.5, 0.5], label="a fixed line")
        self.legend = ax.legend(loc="upper left")
        self.label = ax.text(0.8, -0.8, "fixed label", bbox=dict(fc="white", alpha=0.8))
        self.readout = ax.text(0.1, -0.8, "")
        self.animated = [self.line, self.legend, self.label, self.readout]

    def update(self, y: float) -> dict:
        self.line.set_ydata([y, y])
        self.readout.set_text(f"y = {y:.2f}")
        return {"y": y}


@pytest.mark.parametrize("shape", [(1, 1, 3), (5, 7, 3), (6, 3, 4), (40, 33, 4)])
def test_png_bytes_decode_to_the_same_pixels(shape):
    pixels = np.random.default_rng(0).integers(0, 256, shape, dtype=np.uint8)
    image = Image.open(io.BytesIO(png_bytes(pixels)))
    image.load()  # decodes every row and checks the chunks' CRCs
    assert image.mode == ("RGB" if shape[2] == 3 else "RGBA")
    assert np.array_equal(np.asarray(image), pixels)


def test_png_round_trips_the_canvas_without_alpha_when_opaque():
    live = LineUnderLegend()
    view = FigureView(live)
    png = encode_png(live.fig)
    image = Image.open(io.BytesIO(png))
    assert image.mode == "RGB"
    canvas = np.asarray(live.fig.canvas.buffer_rgba())
    assert np.array_equal(np.asarray(image), canvas[..., :3])
    assert view.png == png


@pytest.mark.parametrize("deflate", [base._deflate, zlib.compress], ids=["installed", "zlib"])
@pytest.mark.parametrize("channels", [3, 4])
def test_png_bytes_decode_to_the_pixels_with_either_deflate(monkeypatch, deflate, channels):
    """ISA-L's deflate where installed, the standard library's where not: the same PNG."""
    monkeypatch.setattr(base, "_deflate", deflate)
    pixels = np.random.default_rng(channels).integers(0, 256, (23, 41, 4), dtype=np.uint8)
    if channels == 3:
        pixels = pixels[..., :3]  # a strided view, as from an opaque canvas
    image = Image.open(io.BytesIO(png_bytes(pixels)))
    assert image.mode == {3: "RGB", 4: "RGBA"}[channels]
    assert np.array_equal(np.asarray(image), pixels)


def test_png_keeps_alpha_when_the_background_is_transparent():
    fig = new_figure(2, 2, dpi=40)
    fig.set_facecolor((1, 1, 1, 0))
    fig.subplots().plot([0, 1], [0, 1])
    FigureView(fig)
    image = Image.open(io.BytesIO(encode_png(fig)))
    assert image.mode == "RGBA"
    assert np.array_equal(np.asarray(image), np.asarray(fig.canvas.buffer_rgba()))


def test_unchanged_legend_and_label_are_pasted_and_equal_a_drawing():
    view = LiveFigureView(LineUnderLegend())
    ys = [0.0, -0.5, 0.2, 0.9, 0.9, -0.3]  # at 0.9 the line is under the legend
    with mock.patch.object(Legend, "draw", autospec=True, side_effect=Legend.draw) as legend_draw:
        for y in ys:
            view.show(y=y)
    # drawn first, then when the line came under it (0.9) and left it again (-0.3)
    assert legend_draw.call_count == 3
    remembered = view.png
    view.refresh_background()  # forgets every remembered drawing
    view.redraw()
    assert np.array_equal(_pixels(remembered), _pixels(view.png))


def test_a_legend_in_a_fixed_place_is_not_laid_out_again():
    view = LiveFigureView(LineUnderLegend())  # loc="upper left"
    view.show(y=0.0)
    with mock.patch.object(Legend, "get_window_extent", autospec=True,
                           side_effect=Legend.get_window_extent) as extent:
        for y in (-0.5, 0.2, 0.9, -0.3):  # pasted, pasted, drawn (the line under it), drawn
            view.show(y=y)
    assert extent.call_count == 0  # its place is the one it was drawn in first


class MovingAxis(LiveFigure):
    """A line whose y-range is set now and then (an animated y-axis, as lesson 03's slope
    panel), or, with `autoscale`, follows the line by itself."""

    def __init__(self, autoscale: bool = False):
        self.fig = new_figure(4, 3, dpi=60)
        self.ax = self.fig.subplots()
        self.ax.grid(True)
        (self.line,) = self.ax.plot([0, 1], [0, 1], lw=2)
        self.autoscale = autoscale
        self.animated = [self.ax.yaxis, self.line]

    def update(self, top: float, ylim: float) -> dict:
        self.line.set_ydata([0, top])
        if self.autoscale:
            self.ax.relim()
            self.ax.autoscale(axis="y")  # marks no artist stale: the range changes when next read
        elif self.ax.get_ylim() != (-ylim, ylim):
            self.ax.set_ylim(-ylim, ylim)
        return {}


@pytest.mark.parametrize("autoscale", [False, True], ids=["set", "autoscaled"])
def test_an_axis_is_pasted_until_its_range_changes_and_equals_a_drawing(autoscale):
    view = LiveFigureView(MovingAxis(autoscale))
    view.show(top=0.5, ylim=1.0)  # a new range: drawn
    view.show(top=0.5, ylim=1.0)  # drawn again, and remembered
    drawn = []
    with mock.patch.object(YAxis, "draw", autospec=True, side_effect=YAxis.draw) as axis_draw:
        for top, ylim in [(0.6, 1.0), (0.7, 1.0), (3.0, 4.0), (3.2, 4.0)]:  # a new range at 3.0
            view.show(top=top, ylim=ylim)
            drawn.append(axis_draw.call_count)
            pasted = view.png
            view.refresh_background()  # forgets every remembered drawing
            view.redraw()
            assert np.array_equal(_pixels(pasted), _pixels(view.png))
            axis_draw.reset_mock()
    # set: drawn only at the new range; autoscaled: the range follows the line, every time
    assert drawn == ([1, 1, 1, 1] if autoscale else [0, 0, 1, 0])


class BestLegend(LiveFigure):
    """A short line and a legend placed "best": the legend moves away from the line."""

    def __init__(self):
        self.fig = new_figure(4, 3, dpi=60)
        ax = self.fig.subplots()
        ax.set_xlim(0, 1)
        ax.set_ylim(0, 1)
        (self.line,) = ax.plot([0.7, 0.95], [0.8, 0.95], lw=3, label="a short line")
        self.legend = ax.legend()  # loc="best"
        self.animated = [self.line, self.legend]

    def update(self, x: tuple, y: tuple) -> dict:
        self.line.set_data(x, y)
        return {}


def test_a_legend_placed_best_follows_the_data():
    view = LiveFigureView(BestLegend())
    view.show(x=(0.7, 0.95), y=(0.8, 0.95))  # upper right: the legend goes upper left
    view.show(x=(0.05, 0.3), y=(0.05, 0.2))  # lower left: upper right is free again, and first
    moved = view.png                         # (the pixels under the old place did not change)
    view.refresh_background()
    view.redraw()
    assert np.array_equal(_pixels(moved), _pixels(view.png))


def test_a_changed_label_is_drawn_again():
    live = LineUnderLegend()
    view = LiveFigureView(live)
    view.show(y=0.3)
    before = view.png
    live.label.set_text("another label")  # unchanged line, same pixels under the label
    view.redraw()
    assert not np.array_equal(_pixels(before), _pixels(view.png))


@pytest.mark.parametrize("mod, builder, control, values", ENTRIES,
                         ids=[f"{m}.{b}.{c}" for m, b, c, _ in ENTRIES])
def test_every_lesson_view_pastes_exactly_what_it_would_draw(mod, builder, control, values):
    app = getattr(importlib.import_module(f"nnlessons.widgets.{mod}"), builder)()
    for v in list(values) * 2:  # the second pass meets pictures remembered in the first
        app.controls[control].value = v
    for name, view in app.views.items():
        shown = view.png
        if isinstance(view, LiveFigureView):
            view.refresh_background()
        view.redraw()
        assert np.array_equal(_pixels(shown), _pixels(view.png)), f"{mod}.{builder} view {name!r} after {control}"


def test_typing_a_sentence_shows_what_a_fresh_widget_shows():
    """Word labels are set only when they change (so unchanged ones are pasted): the
    picture after each keystroke is the picture of a widget built for that sentence."""
    from nnlessons.widgets.words import sentence_explorer

    app = sentence_explorer()
    for sentence in ["it was bad", "it was badx", "it was bad but fun", "loved it", "loved it q"]:
        app.controls["text"].value = sentence
        fresh = sentence_explorer()
        fresh.controls["text"].value = sentence
        assert np.array_equal(_pixels(app.views["words"].png), _pixels(fresh.views["words"].png)), sentence
