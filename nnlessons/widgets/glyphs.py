"""Texts drawn from remembered glyphs: ``remember_glyphs(renderer)``.

Most of a widget update's time goes to the numbers it writes: matplotlib 3.11's Agg
renderer lays each text out with FreeType (``FT2Font._layout``) and then rasterises it
glyph by glyph (``FT2Font._render_glyph``), and FreeType reads the font file for every
glyph it loads (a seek and a read each, hundreds per update). Yet a widget writes the
same few glyphs again and again: digits, signs, a decimal point, at the same size.

`remember_glyphs` gives one renderer two memories, shared by all renderers:

* **layouts**: (font, size, dpi, text, hinting, features, language) -> the glyphs of the
  text and their offsets from its anchor, as ``FT2Font._layout`` gives them;
* **bitmaps**: (font, size, dpi, transform, sub-pixel offset, glyph, hinting, render
  mode) -> the glyph's coverage bitmap and where it sits relative to the whole pixel
  of its origin. FreeType positions a glyph in 1/64 pixel; a glyph moved by whole
  pixels is the same bitmap moved by those pixels, so the key keeps only the offset's
  part below one pixel, and a "3" drawn anywhere at the same phase is rasterised once.

The glyphs then reach the canvas through the same ``draw_text_image`` call, at the same
place, with the same bytes as matplotlib's own code: the picture is exactly the same
(a test compares the frames of every lesson widget pixel by pixel, with and without).
The renderer code this mirrors (``RendererAgg.draw_text`` and
``_draw_text_glyphs_and_boxes``) is private to matplotlib, so it is only used on the
versions it was checked against (`CHECKED`); on any other, `remember_glyphs` does
nothing and matplotlib draws as usual.
"""
from __future__ import annotations

import math
import re
import types

import matplotlib as mpl
import numpy as np
from matplotlib.backends import backend_agg
from matplotlib.ft2font import FT2Font, RenderMode

__all__ = ["remember_glyphs", "supported", "forget_glyphs", "CHECKED"]

#: matplotlib versions (major, minor) whose Agg text drawing this mirrors
CHECKED = ((3, 11),)
MAX_ENTRIES = 50_000  # per memory; past it the memory starts again (a glyph is ~100 bytes)

_LAYOUTS: dict = {}
_BITMAPS: dict = {}
_MATRICES: dict = {}  # (cos, sin, extend, slant) -> FreeType's 16.16 transform, as matplotlib computes it (bounded too: any angle may come)


def supported() -> bool:
    """Whether this matplotlib draws text the way `remember_glyphs` mirrors."""
    m = re.match(r"(\d+)\.(\d+)", mpl.__version__)
    return (m is not None and (int(m[1]), int(m[2])) in CHECKED
            and callable(getattr(backend_agg.RendererAgg, "_draw_text_glyphs_and_boxes", None))
            and all(callable(getattr(FT2Font, name, None)) for name in ("_layout", "_render_glyph", "_set_transform")))


def remember_glyphs(renderer) -> bool:
    """Make `renderer` (a ``RendererAgg``) draw texts from the shared memories; return
    whether it does (False on a matplotlib version not checked). Calling it again is free."""
    if getattr(renderer, "_remembers_glyphs", False):
        return True
    if not (supported() and isinstance(renderer, backend_agg.RendererAgg)):
        return False
    renderer.draw_text = types.MethodType(_draw_text, renderer)
    renderer._draw_text_glyphs_and_boxes = types.MethodType(_draw_glyphs_and_boxes, renderer)
    renderer._remembers_glyphs = True
    return True


def forget_glyphs() -> None:
    """Empty both memories (for tests, or to free memory)."""
    _LAYOUTS.clear()
    _BITMAPS.clear()
    _MATRICES.clear()


def _remember(memory: dict, key, value) -> None:
    if len(memory) >= MAX_ENTRIES:
        memory.clear()
    memory[key] = value


def _draw_text(self, gc, x, y, s, prop, angle, ismath=False, mtext=None):
    """``RendererAgg.draw_text`` with the layout of each (font, size, text) remembered."""
    if ismath:  # mathtext keeps matplotlib's own layout (its glyphs still come from memory)
        return type(self).draw_text(self, gc, x, y, s, prop, angle, ismath, mtext)
    font = self._prepare_font(prop)
    flags = backend_agg.get_hinting_flag()
    features = mtext.get_fontfeatures() if mtext is not None else None
    language = mtext.get_language() if mtext is not None else None
    size = prop.get_size_in_points()
    key = (font, size, self.dpi, s, flags, features, language)
    try:
        items = _LAYOUTS.get(key)
    except TypeError:  # features or language given as a list: not remembered
        key = items = None
    if items is None:
        items = tuple((item.ft_object, item.glyph_index, item.x, item.y)
                      for item in font._layout(s, flags=flags, features=features, language=language))
        if key is not None:
            _remember(_LAYOUTS, key, items)
    self._draw_text_glyphs_and_boxes(
        gc, x, y, angle, ((ft_object, size, index, 0, 1, dx, dy) for ft_object, index, dx, dy in items), [])


def _matrix(cos: float, sin: float, extend: float, slant: float) -> np.ndarray:
    """FreeType's transform for a rotation and a slant, computed as matplotlib does."""
    key = (cos, sin, extend, slant)
    matrix = _MATRICES.get(key)
    if matrix is None:
        matrix = (0x10000 * np.array([[cos, -sin], [sin, cos]]) @ [[extend, extend * slant], [0, 1]]).round().astype(int)
        matrix.flags.writeable = False
        _remember(_MATRICES, key, matrix)
    return matrix


def _draw_glyphs_and_boxes(self, gc, x, y, angle, glyphs, boxes):
    """``RendererAgg._draw_text_glyphs_and_boxes`` with each glyph's bitmap remembered.

    glyphs: (font, size, glyph index, slant, extend, dx, dy) per glyph, (dx, dy) its
    offset in pixels from the anchor (x, y), y downwards, dy upwards."""
    cos, sin = math.cos(math.radians(angle)), math.sin(math.radians(angle))
    flags = backend_agg.get_hinting_flag()
    antialiased = gc.get_antialiased()
    mode = RenderMode.NORMAL if antialiased else RenderMode.MONO
    dpi, height = self.dpi, self.height
    for font, size, index, slant, extend, dx, dy in glyphs:
        matrix = _matrix(cos, sin, extend, slant)
        # the glyph's origin in 1/64 pixel, FreeType's y upwards (as matplotlib rounds it)
        ox = int(round(0x40 * (x + dx * cos - dy * sin)))
        oy = int(round(0x40 * (height - y + dx * sin + dy * cos)))
        key = (font, size, dpi, matrix.tobytes(), ox & 63, oy & 63, index, flags, mode)
        glyph = _BITMAPS.get(key)
        if glyph is None:
            font.set_size(size, dpi)
            font._set_transform(matrix, [ox, oy])
            bitmap = font._render_glyph(index, flags, mode)
            buffer = bitmap.buffer
            if not antialiased:
                buffer *= 0xff
            glyph = (buffer, bitmap.left - (ox >> 6), bitmap.top - (oy >> 6))
            _remember(_BITMAPS, key, glyph)
        buffer, left, top = glyph
        left, top = left + (ox >> 6), top + (oy >> 6)
        # draw_text_image's y is downwards and names the bitmap's bottom row
        self._renderer.draw_text_image(buffer, left, int(height) - top + buffer.shape[0], 0, gc)
    if not (isinstance(boxes, (list, tuple)) and not boxes):  # mathtext's rules: matplotlib draws them
        type(self)._draw_text_glyphs_and_boxes(self, gc, x, y, angle, (), boxes)
