"""Texts drawn from remembered glyphs (`nnlessons.widgets.glyphs`) are exactly the pixels
matplotlib draws: at every sub-pixel position, rotated, in bold, without antialiasing, in
mathtext, and in every frame of every lesson widget; on a matplotlib version that was
not checked, nothing is replaced."""
import importlib

import numpy as np
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from bench_entries import ENTRIES, IDS
from nnlessons.widgets import base, glyphs

pytestmark = pytest.mark.skipif(not glyphs.supported(), reason="this matplotlib draws text another way: nothing is replaced")


def _text_figure() -> Figure:
    """Texts that exercise every part of the key: 64 sub-pixel phases in x and in y, angles,
    sizes, weights, antialiasing off, mathtext (its rules drawn as boxes), minus signs."""
    fig = Figure(figsize=(6, 4), dpi=80)
    FigureCanvasAgg(fig)
    for k in range(64):
        fig.text(0.02 + k / 64 / 480, 0.95 - 0.012 * k, f"{k - 32:+d}.{k % 10}5 −0.3", fontsize=7)
        fig.text(0.45 + 0.007 * k, 0.9 + k / 64 / 320, str(k % 10), fontsize=9)
    fig.text(0.5, 0.5, "w = −1.25", fontsize=12, rotation=30)
    fig.text(0.6, 0.3, "b = 0.75", fontsize=10, rotation=90, fontweight="bold")
    fig.text(0.7, 0.6, "no antialias 3.14", fontsize=10, antialiased=False)
    fig.text(0.45, 0.15, r"$\frac{\partial L}{\partial w} = \sqrt{x_1^2}$", fontsize=12)
    fig.text(0.8, 0.1, "Σ ŷ → ∞", fontsize=11)
    return fig


def _pixels(fig: Figure) -> np.ndarray:
    fig.canvas.draw()
    return np.asarray(fig.canvas.buffer_rgba()).copy()


def test_texts_at_every_phase_are_the_pixels_matplotlib_draws():
    glyphs.forget_glyphs()
    expected = _pixels(_text_figure())
    fig = _text_figure()
    assert glyphs.remember_glyphs(fig.canvas.get_renderer())
    first = _pixels(fig)                 # glyphs rendered and remembered
    remembered = len(glyphs._BITMAPS)
    again = _pixels(fig)                 # every glyph from memory
    assert remembered > 50 and len(glyphs._BITMAPS) == remembered, "the second drawing should render no glyph"
    np.testing.assert_array_equal(first, expected)
    np.testing.assert_array_equal(again, expected)


def test_a_glyph_is_rendered_once_per_sub_pixel_phase():
    """The same digit at whole-pixel steps is one bitmap; a text shifted by 1/64 pixel is not."""
    glyphs.forget_glyphs()
    fig = Figure(figsize=(4, 1), dpi=80)
    FigureCanvasAgg(fig)
    for k in range(10):
        fig.text(0.05 + k * 24 / 320, 0.5, "7", fontsize=10)   # 24 whole pixels apart
    glyphs.remember_glyphs(fig.canvas.get_renderer())
    _pixels(fig)
    assert len(glyphs._BITMAPS) == 1
    fig.text(0.05 + (12 + 1 / 64) / 320, 0.5, "7", fontsize=10)   # 1/64 pixel off the grid
    _pixels(fig)
    assert len(glyphs._BITMAPS) == 2


def test_an_unchecked_matplotlib_keeps_its_own_text_drawing(monkeypatch):
    monkeypatch.setattr(glyphs, "CHECKED", ())
    fig = _text_figure()
    renderer = fig.canvas.get_renderer()
    assert not glyphs.supported()
    assert not glyphs.remember_glyphs(renderer)
    assert "draw_text" not in vars(renderer) and "_draw_text_glyphs_and_boxes" not in vars(renderer)


def _frames(mod: str, builder: str, control: str, values: list) -> list[np.ndarray]:
    app = getattr(importlib.import_module(f"nnlessons.widgets.{mod}"), builder)()
    widget, frames = app.controls[control], []
    for v in values:
        widget.value = v
        frames += [np.asarray(view.fig.canvas.buffer_rgba()).copy() for view in app.views.values()]
    return frames


@pytest.mark.parametrize("mod, builder, control, values", ENTRIES, ids=IDS)
def test_every_widget_frame_is_the_same_with_remembered_glyphs(monkeypatch, mod, builder, control, values):
    glyphs.forget_glyphs()
    with_memory = _frames(mod, builder, control, values)
    assert glyphs._BITMAPS, "the widget's views should draw from remembered glyphs"
    monkeypatch.setattr(base, "remember_glyphs", lambda renderer: False)
    without = _frames(mod, builder, control, values)
    assert len(with_memory) == len(without)
    for k, (a, b) in enumerate(zip(with_memory, without)):
        np.testing.assert_array_equal(a, b, err_msg=f"frame {k} differs")


def test_the_memories_stay_bounded(monkeypatch):
    """Texts at ever new angles and places never grow a memory past MAX_ENTRIES."""
    monkeypatch.setattr(glyphs, "MAX_ENTRIES", 20)
    glyphs.forget_glyphs()
    fig = Figure(figsize=(3, 3), dpi=80)
    FigureCanvasAgg(fig)
    for k in range(60):
        fig.text(0.1 + k / 200, 0.5, f"{k}", fontsize=8, rotation=k * 6)
    glyphs.remember_glyphs(fig.canvas.get_renderer())
    expected = _pixels(_copy_without_memory(fig))
    np.testing.assert_array_equal(_pixels(fig), expected)
    assert 0 < len(glyphs._MATRICES) <= 20 and len(glyphs._BITMAPS) <= 20 and len(glyphs._LAYOUTS) <= 20


def _copy_without_memory(fig: Figure) -> Figure:
    """The same texts on a figure whose renderer draws as matplotlib does."""
    plain = Figure(figsize=fig.get_size_inches(), dpi=fig.dpi)
    FigureCanvasAgg(plain)
    for t in fig.texts:
        plain.text(*t.get_position(), t.get_text(), fontsize=t.get_fontsize(), rotation=t.get_rotation())
    return plain
