"""The pieces every lesson widget shares: an `App` record, `float_slider`, and the views
that show a figure (a `LiveFigure` of `nnlessons.plots`, or a plain matplotlib Figure)
as a PNG inside an ipywidgets Image and re-render it cheaply.

A widget is wiring: it builds a live figure, wraps it in a view, and connects its
controls to ``view.show(**values)``.
"""
from __future__ import annotations

import io
from dataclasses import dataclass, field
from typing import Any

import ipywidgets as W
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from PIL import Image

from ..plots.live import LiveFigure


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
    renders the canvas and swaps the image bytes (PNG, fast compression).
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
        """Render the figure and show it."""
        self._render()
        canvas = self.fig.canvas
        buf = io.BytesIO()
        Image.frombuffer("RGBA", canvas.get_width_height(), canvas.buffer_rgba()).save(
            buf, format="png", compress_level=1)
        self.png = buf.getvalue()
        self.image.value = self.png


class LiveFigureView(FigureView):
    """A `FigureView` for figures whose artists move while a slider is dragged (blitting).

    The static part (axes, ticks, labels, legend) is rendered once and kept as a
    background; a redraw restores it and draws only the `animated` artists on it:
    a few milliseconds instead of a full render. Call `refresh_background()` after
    changing something static (axis limits, titles).

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
        super().__init__(figure)

    def refresh_background(self) -> None:
        """Re-render the static part of the figure (after changing limits, labels, ...)."""
        canvas = self.fig.canvas
        canvas.draw()  # animated artists are skipped
        self._background = canvas.copy_from_bbox(self.fig.bbox)

    def _render(self) -> None:
        if self._background is None:  # first render: let the layout engine place the axes
            super()._render()
            self.refresh_background()
        elif self.live is not None and self.live.background_stale:
            self.refresh_background()
            self.live.background_stale = False
        self.fig.canvas.restore_region(self._background)
        for a in self.animated:
            if a.get_visible():
                self.fig.draw_artist(a)


@dataclass
class App:
    """A lesson widget: `widget` to display, `controls` by name, `state` a test can read,
    `views` the figures it shows."""

    widget: Any
    controls: dict[str, Any]
    state: dict[str, Any] = field(default_factory=dict)
    views: dict[str, FigureView] = field(default_factory=dict)

    def _ipython_display_(self):  # so a notebook cell can end with the App itself
        from IPython.display import display

        display(self.widget)
