"""The pieces every lesson widget shares: an `App` record, `float_slider`, and the views
that show a figure (a `LiveFigure` of `nnlessons.plots`, or a plain matplotlib Figure)
as a PNG inside an ipywidgets Image and re-render it cheaply.

A widget is wiring: it builds a live figure, wraps it in a view, and connects its
controls to ``view.show(**values)``.
"""
from __future__ import annotations

import struct
import zlib
from dataclasses import dataclass, field
from typing import Any

import ipywidgets as W
import numpy as np
from matplotlib.axis import Axis
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.colors import to_rgba
from matplotlib.figure import Figure
from matplotlib.legend import Legend
from matplotlib.text import Text
from matplotlib.transforms import Bbox

from ..plots.live import LiveFigure
from .glyphs import remember_glyphs

try:  # ISA-L's deflate: the same zlib stream as zlib's level 1, made about 7x faster
    from isal.isal_zlib import compress as _deflate
except ImportError:  # no wheel for this machine: the standard library's
    from zlib import compress as _deflate


def float_slider(description: str, value: float, min: float, max: float, step: float = 0.1,
                 readout_format: str = ".2f") -> W.FloatSlider:
    """A `FloatSlider` that updates while dragged (``continuous_update=True``), with its
    whole description visible."""
    return W.FloatSlider(
        value=value, min=min, max=max, step=step, description=description,
        continuous_update=True, readout_format=readout_format,
        style={"description_width": "initial"}, layout=W.Layout(width="340px"),
    )


class FigureView:
    """A figure shown as an `ipywidgets.Image`: a `LiveFigure` (``show(**values)`` updates
    and redraws it) or a plain Figure (call `redraw()` after changing its artists).

    Keeping the Figure and updating its artists (set_data, set_height, ...) is much
    cheaper than rebuilding it. The first render runs the figure's layout engine, then
    the layout is frozen (nothing jumps while a slider is dragged); each `redraw`
    renders the canvas and swaps the image bytes (PNG, fast compression). Its texts are
    drawn from remembered glyphs (`remember_glyphs`: the same pixels, without FreeType).
    """

    def __init__(self, figure: Figure | LiveFigure):
        self.live = figure if isinstance(figure, LiveFigure) else None
        fig = self.fig = figure.fig if self.live is not None else figure
        FigureCanvasAgg(fig)
        self._laid_out = False
        self.image = W.Image(format="png", layout=W.Layout(width=f"{int(fig.get_figwidth() * fig.dpi)}px"))
        self.redraw()

    def _render(self) -> None:
        """Draw the whole figure on its canvas (the first time, lay it out and freeze it)."""
        if not self._laid_out:
            self.fig.draw_without_rendering()  # a first layout pass settles equal-aspect axes
            self.fig.canvas.draw()
            self.fig.set_layout_engine(None)   # keep the axes where the layout put them
            self._laid_out = True
            return
        self.fig.canvas.draw()

    def show(self, **values) -> dict:
        """Update the live figure to `values`, redraw it; return what it shows."""
        shown = self.live.update(**values)
        self.redraw()
        return shown

    def redraw(self) -> None:
        """Render the figure (its texts from remembered glyphs) and show it."""
        remember_glyphs(self.fig.canvas.get_renderer())
        self._render()
        self.png = encode_png(self.fig)
        self.image.value = self.png


def encode_png(fig: Figure) -> bytes:
    """The figure's canvas (rendered already) as PNG bytes (`png_bytes`), RGB without the
    alpha channel when the figure's background is opaque (every pixel is then opaque:
    1/4 less data to compress, send and decode)."""
    pixels = np.asarray(fig.canvas.buffer_rgba())
    if to_rgba(fig.get_facecolor())[3] == 1.0:
        pixels = pixels[..., :3]
    return png_bytes(pixels)


def png_bytes(pixels: np.ndarray) -> bytes:
    """(h, w, 3) RGB or (h, w, 4) RGBA uint8 pixels as a PNG file: rows unfiltered, deflated
    at level 1 (ISA-L's deflate where installed). PIL's encoder chooses a filter for each
    row, which takes about twice as long as compressing these figures (flat colours, thin
    lines), without making them smaller."""
    h, w, channels = pixels.shape
    stride = 1 + w * channels
    rows = np.zeros(h * stride, np.uint8)  # a row: its filter type (0: none), its bytes
    # the rows' pixel bytes as an (h, w, channels) view, filled one channel at a time:
    # long strided runs copy about 4x faster than one pixel's 3 bytes at a time (RGB
    # taken out of an RGBA canvas view)
    out = np.ndarray((h, w, channels), np.uint8, rows, offset=1, strides=(stride, channels, 1))
    for c in range(channels):
        out[..., c] = pixels[..., c]
    colour_type = {3: 2, 4: 6}[channels]  # PNG's truecolour, truecolour with alpha
    header = struct.pack(">IIBBBBB", w, h, 8, colour_type, 0, 0, 0)  # 8 bits, deflate, no interlace
    return (b"\x89PNG\r\n\x1a\n" + _png_chunk(b"IHDR", header)
            + _png_chunk(b"IDAT", _deflate(rows, 1)) + _png_chunk(b"IEND", b""))


def _png_chunk(kind: bytes, data: bytes) -> bytes:
    """A PNG chunk: length, type, data, CRC-32 of type and data."""
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


class DrawnPixels:
    """What drawing one text, legend or axis did to the canvas last time, to do it again
    without drawing: the canvas region it can touch, its pixels before (`under`) and after,
    and for an axis the range it showed (`limits`).

    Agg blends each pixel from the pixel under it alone, so when the artist has not
    changed since (matplotlib's ``artist.stale`` is False, and an axis shows the same
    range) and the region holds the same pixels as before, pasting the pixels after gives
    exactly what drawing would give: laying out and rasterising text (FreeType) is most of
    a blitted frame's time.
    """

    #: artists worth remembering: costly to draw (text layout and glyphs), and often
    #: redrawn unchanged (labels kept on top of moving lines, legends, an axis whose range
    #: changes now and then)
    TYPES = (Text, Legend, Axis)
    MARGIN = 4  # pixels around the artist's extent: antialiasing, line widths, box edges

    def __init__(self, rows: slice, cols: slice, under: np.ndarray, limits: tuple | None = None):
        self.rows, self.cols, self.under, self.after, self.limits = rows, cols, under, None, limits

    @staticmethod
    def limits_of(artist) -> tuple | None:
        """An axis' range (autoscaling can change it without marking the axis stale)."""
        return tuple(artist.get_view_interval()) if isinstance(artist, Axis) else None

    @classmethod
    def region(cls, artist, renderer, height: int, width: int) -> tuple[slice, slice]:
        """The canvas rows and columns (row 0 at the top) `artist` draws in."""
        if isinstance(artist, Axis):
            box = cls._axis_box(artist, renderer)
        else:
            boxes = [artist.get_window_extent(renderer)]
            if isinstance(artist, Text) and artist.get_bbox_patch() is not None:
                artist.update_bbox_position_size(renderer)
                boxes.append(artist.get_bbox_patch().get_window_extent(renderer))
            box = Bbox.union(boxes)
        m = cls.MARGIN
        rows = slice(max(0, int(np.floor(height - box.y1)) - m), min(height, int(np.ceil(height - box.y0)) + m))
        cols = slice(max(0, int(np.floor(box.x0)) - m), min(width, int(np.ceil(box.x1)) + m))
        return rows, cols

    @staticmethod
    def _axis_box(axis, renderer) -> Bbox:
        """Where an axis draws: its tick labels and label, its grid lines (inside the axes)
        and its tick marks (up to their length outside the axes)."""
        boxes = [axis.axes.bbox]
        labels = axis.get_tightbbox(renderer)
        if labels is not None:
            boxes.append(labels)
        tick = axis.get_major_ticks(1)[0].tick1line
        pad = (tick.get_markersize() + tick.get_markeredgewidth()) * axis.figure.dpi / 72.0
        return Bbox.union(boxes).padded(pad)

    def paste(self, pixels: np.ndarray) -> bool:
        """If the region holds the pixels it held before the last drawing, put the drawn
        pixels there and return True."""
        region = pixels[self.rows, self.cols]
        if self.after is None or not np.array_equal(region, self.under):
            return False
        region[...] = self.after
        return True


class LiveFigureView(FigureView):
    """A `FigureView` for figures whose artists move while a slider is dragged (blitting).

    The static part (axes, ticks, labels, legend) is rendered once and kept as a
    background; a redraw restores it and draws only the `animated` artists on it:
    a few milliseconds instead of a full render. Animated texts and legends that did not
    change and sit on the same pixels as last time are pasted, not drawn again
    (`DrawnPixels`). Call `refresh_background()` after changing something static (axis
    limits, titles).

    figure: a `LiveFigure` (its ``animated`` artists move) or a Figure with the artists
    that change given as `animated` (lines, bars, texts, patches).
    """

    def __init__(self, figure: Figure | LiveFigure, animated: list | tuple | None = None):
        if animated is None:
            animated = figure.animated if isinstance(figure, LiveFigure) else ()
        # drawn in z-order over the background, so give also what must stay on top of them
        self.animated = sorted(animated, key=lambda a: a.get_zorder())
        for a in self.animated:
            a.set_animated(True)
        self._background = None
        self._drawn: dict = {}  # artist -> DrawnPixels
        super().__init__(figure)

    def refresh_background(self) -> None:
        """Re-render the static part of the figure (after changing limits, labels, ...)."""
        canvas = self.fig.canvas
        canvas.draw()  # animated artists are skipped
        self._background = canvas.copy_from_bbox(self.fig.bbox)
        self._drawn.clear()  # what the artists drew was drawn over the old background

    def _render(self) -> None:
        if self._background is None:  # first render: let the layout engine place the axes
            super()._render()
            self.refresh_background()
        elif self.live is not None and self.live.background_stale:
            self.refresh_background()
            self.live.background_stale = False
        self.fig.canvas.restore_region(self._background)
        pixels = np.asarray(self.fig.canvas.buffer_rgba())
        for a in self.animated:
            if a.get_visible():
                self._draw_artist(a, pixels)

    def _draw_artist(self, artist, pixels: np.ndarray) -> None:
        """Draw one animated artist. A text, legend or axis unchanged since it was last
        drawn is pasted from that drawing when the pixels under it are the same
        (`DrawnPixels`); one that changed is drawn and forgotten (a readout changes on
        every update)."""
        if not isinstance(artist, DrawnPixels.TYPES) or artist.stale:
            self._drawn.pop(artist, None)
            self.fig.draw_artist(artist)
            return
        drawn = self._drawn.get(artist)
        limits = DrawnPixels.limits_of(artist)
        if drawn is not None and drawn.limits != limits:  # an axis showing another range
            drawn = None
        if drawn is None or _placed_by_data(artist):
            rows, cols = DrawnPixels.region(artist, self.fig.canvas.get_renderer(), *pixels.shape[:2])
        else:  # a text or a placed legend that has not changed keeps its place
            rows, cols = drawn.rows, drawn.cols
        if drawn is not None and (drawn.rows, drawn.cols) == (rows, cols) and drawn.paste(pixels):
            return
        drawn = self._drawn[artist] = DrawnPixels(rows, cols, pixels[rows, cols].copy(), limits)
        self.fig.draw_artist(artist)
        drawn.after = pixels[rows, cols].copy()


def _placed_by_data(artist) -> bool:
    """Whether `artist` is a legend placed "best" (loc code 0, matplotlib's private
    ``Legend._loc``): it moves away from the data, so its place must be laid out again on
    every frame. A legend with a fixed place (a corner, an anchor) stays where it was
    until the background is refreshed (a new layout)."""
    return isinstance(artist, Legend) and getattr(artist, "_loc", 0) == 0


@dataclass
class App:
    """A lesson widget: `widget` to display, `controls` by name, `state` a test can read,
    `views` the figures it shows."""

    widget: Any
    controls: dict[str, Any]
    state: dict[str, Any] = field(default_factory=dict)
    views: dict[str, FigureView] = field(default_factory=dict)

    def __post_init__(self):
        for control in self.controls.values():
            no_echo(control)

    def _ipython_display_(self):  # so a notebook cell can end with the App itself
        from IPython.display import display

        display(self.widget)


def no_echo(control: Any) -> None:
    """Stop ipywidgets sending a control's new value back to the page that just set it.

    By default each move of a slider costs the kernel an ``echo_update`` message before
    the new picture, and the server and the page one more message to pass on and read
    while the learner waits; it only matters when the same widget is shown in two pages
    at once (the other page's control would not move; its picture still does). Values the
    kernel sets (a preset, a reset) still reach the page as usual.
    """
    if isinstance(control, W.Widget):  # selection widgets sync the option's index
        for key in {"value", "index"} & set(control.keys):
            setattr(control, f"_{key}_metadata", {"echo_update": False})  # read by Widget.set_state
