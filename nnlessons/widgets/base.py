"""The pieces every lesson widget shares: an `App` record and a `FigureView` that shows a
matplotlib Figure as a PNG inside an ipywidgets Image and re-renders it cheaply."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import ipywidgets as W
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from ..plots.style import figure_png


class FigureView:
    """A Figure shown as an `ipywidgets.Image`; call `redraw()` after changing artists.

    Keeping the Figure and updating its artists (set_data, set_height, ...) is much
    cheaper than rebuilding it; `redraw` renders once to PNG and swaps the image bytes.
    """

    def __init__(self, fig: Figure):
        self.fig = fig
        FigureCanvasAgg(fig)
        self.image = W.Image(format="png", layout=W.Layout(width=f"{int(fig.get_figwidth() * fig.dpi)}px"))
        self.redraw()

    def redraw(self) -> None:
        """Render the figure and show it."""
        self.png = figure_png(self.fig)
        self.image.value = self.png


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
