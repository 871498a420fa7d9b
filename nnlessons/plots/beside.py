"""The package's values drawn faint beside a learner's, and marks where they part.

A figure that can draw a learner's function (see ``nnlessons.widgets.yours``) keeps its
own artists for the learner's values, in the lesson's colour, and adds a `Beside` per
curve: a faint copy of the curve for the package's values and cross marks on the
learner's curve where the two differ. Both stay hidden while the values agree, so a
figure drawing the right function looks exactly as it does with the package's.
"""
from __future__ import annotations

import numpy as np
from matplotlib.axes import Axes
from matplotlib.lines import Line2D

from ..exercises.spec import ATOL, RTOL  # the exercises' default tolerance
from .style import PALETTE

__all__ = ["Beside", "BesidePath", "differing", "MAX_MARKS", "FAINT_ALPHA"]

MAX_MARKS = 24
"""At most this many cross marks per curve (spread over where the values differ)."""

FAINT_ALPHA = 0.3


class Beside:
    """The reference curve (faint, under) and the marks (over) for one learner's curve.

    ax: the axes; like: the learner's Line2D (its colour and width). Neither artist is in
    a legend (the widget's line of text says what the faint curve is).
    ``artists``: both, to add to a live figure's ``animated`` list (the faint curve
    first: drawn under the learner's curve when the list is sorted by z-order).
    """

    def __init__(self, ax: Axes, like: Line2D):
        z = like.get_zorder()
        (self.faint,) = ax.plot([], [], color=like.get_color(), lw=like.get_linewidth() + 2.5,
                                alpha=FAINT_ALPHA, solid_capstyle="round", zorder=z - 0.05,
                                                label="_package", visible=False)
        (self.marks,) = ax.plot([], [], ls="", marker="x", ms=7, mew=2, color=PALETTE["black"],
                                zorder=z + 0.05, label="_differs", visible=False)
        self.artists = [self.faint, self.marks]

    def show(self, xs: np.ndarray, got: np.ndarray, expected: np.ndarray) -> int:
        """Draw `expected` faint under the learner's `got` (both (n,) over `xs`) and mark
        `got` where they differ; hide both when nothing differs. Returns how many differ."""
        where = differing(got, expected) if np.shape(got) == np.shape(expected) else np.ones(np.shape(xs), bool)
        n = int(np.count_nonzero(where))
        self.faint.set_visible(n > 0)
        self.marks.set_visible(n > 0)
        if n == 0:
            return 0
        self.faint.set_data(xs, expected)
        idx = np.flatnonzero(where)
        idx = idx[np.linspace(0, idx.size - 1, min(MAX_MARKS, idx.size)).round().astype(int)]
        g = np.asarray(got, dtype=float)[idx]
        y = np.where(np.isfinite(g), g, np.asarray(expected, dtype=float)[idx])  # nan: mark at the reference
        self.marks.set_data(np.asarray(xs)[idx], y)
        return n

    def hide(self) -> None:
        self.show(np.empty(0), np.empty(0), np.empty(0))


def differing(got: np.ndarray, expected: np.ndarray) -> np.ndarray:
    """Where `got` parts from `expected` (same shape), with the exercises' default
    tolerance; nan where a number is expected counts as parting."""
    g, e = np.asarray(got, dtype=float), np.asarray(expected, dtype=float)
    return ~(np.isclose(g, e, rtol=RTOL, atol=ATOL) | (np.isnan(g) & np.isnan(e)))


class BesidePath(Beside):
    """`Beside` for a path of points (k, 2) drawn by the learner's line `like` (a path
    over a plane, e.g. (w, b) during training): the package's path faint, in `like`'s
    current colour, and marks on the learner's points where the two paths part."""

    def __init__(self, ax: Axes, like: Line2D):
        super().__init__(ax, like)
        self.like = like

    def show(self, got: np.ndarray, expected: np.ndarray) -> int:
        """Draw the package's path `expected` (k, 2) faint under the learner's `got` (k, 2)
        and mark `got` where a point parts from it; hide both when none does. Returns how
        many points part (a non-finite point of a diverged run counts where the other is finite)."""
        g, e = np.asarray(got, dtype=float), np.asarray(expected, dtype=float)
        where = differing(g, e).any(axis=1) & ~(np.isinf(g) & np.isinf(e)).all(axis=1)
        n = int(np.count_nonzero(where))
        self.faint.set_visible(n > 0)
        self.marks.set_visible(n > 0)
        if n == 0:
            return 0
        ok = np.all(np.isfinite(e), axis=1)
        self.faint.set_data(e[ok, 0], e[ok, 1])
        self.faint.set_color(self.like.get_color())
        idx = np.flatnonzero(where & np.all(np.isfinite(g), axis=1))
        idx = idx[np.linspace(0, idx.size - 1, min(MAX_MARKS, idx.size)).round().astype(int)] if idx.size else idx
        self.marks.set_data(g[idx, 0], g[idx, 1])
        return n

    def hide(self) -> None:
        self.show(np.empty((0, 2)), np.empty((0, 2)))
