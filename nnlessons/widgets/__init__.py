"""One interactive app per lesson, built from ipywidgets and `nnlessons.plots`.

Every builder returns an `App` whose ``.widget`` is displayed, whose ``.controls``
maps names to the sliders / buttons (so a test can set ``controls["w1"].value``),
and whose ``.state`` exposes what the learner sees (line data, numbers, PNG bytes).
"""
from .base import App, FigureView  # noqa: F401
