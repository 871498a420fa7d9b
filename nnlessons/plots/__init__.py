"""Figures for the lessons: each function returns a matplotlib `Figure` (built without pyplot).

One module per topic; public names are re-exported here on first use, so lessons may
write ``from nnlessons import plots; plots.activation_curves(...)``.
"""
from .._lazy import lazy_exports
from .style import CLASS_COLORS, CYCLE, PALETTE, figure_png, new_figure, style_axes  # noqa: F401

__getattr__ = lazy_exports(__name__, ("basics", "networks", "losses", "learning", "graphs", "backprop",
                                      "classifier", "depth", "generalization", "convolution", "vision", "words"))
