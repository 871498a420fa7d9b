"""Figures for the lessons: each function returns a matplotlib `Figure` (built without pyplot).

One module per topic; everything public is re-exported here, so lessons write
``from nnlessons import plots; plots.activation_curves(...)``.
"""
from .style import CLASS_COLORS, CYCLE, PALETTE, figure_png, new_figure, style_axes  # noqa: F401
