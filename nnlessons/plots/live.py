"""The one idiom for a figure that a widget updates: a `LiveFigure`.

A live figure is a class in `plots`: its constructor draws the whole figure once
(``.fig``, a matplotlib Figure built without pyplot); ``.update(**values)`` moves the
artists to the new values and returns what the figure now shows, as plain numbers a
test can read; ``.animated`` lists the artists `update` changes, so a view can cache
the rest (axes, ticks, labels) as a background and redraw only those (blitting). When
an update changes something static too (an axis range, a title), it sets
``background_stale`` and the view re-renders the background once.

Widgets are wiring: controls -> ``view.show(**values)`` (`nnlessons.widgets.base`).
A notebook cell that ends with a live figure shows it as a PNG.
"""
from __future__ import annotations

from typing import Any

from matplotlib.figure import Figure

from .style import figure_png

__all__ = ["LiveFigure"]


class LiveFigure:
    """Base class of the updatable figures: ``fig``, ``animated``, ``update(**values)``."""

    fig: Figure
    animated: list = []
    background_stale: bool = False

    def update(self, **values) -> dict[str, Any]:
        """Move the artists to `values`; return what the figure now shows."""
        raise NotImplementedError

    def _repr_png_(self) -> bytes:
        return figure_png(self.fig)
