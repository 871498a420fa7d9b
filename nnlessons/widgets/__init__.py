"""One interactive app per lesson, built from ipywidgets and `nnlessons.plots`.

Every builder returns an `App` whose ``.widget`` is displayed, whose ``.controls``
maps names to the sliders / buttons (so a test can set ``controls["w1"].value``),
and whose ``.state`` exposes what the learner sees (line data, numbers, PNG bytes).
Builders are re-exported here on first use.
"""
from .._lazy import lazy_exports
from .base import App, FigureView  # noqa: F401

__getattr__ = lazy_exports(__name__, (
    "start", "weighted_sum", "bias", "activations", "forward", "losses", "chain_rule",
    "descent", "backprop", "playground", "depth", "generalization", "convolution", "digits", "words"))
