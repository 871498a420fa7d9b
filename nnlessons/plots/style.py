"""Shared figure style: the colour-blind-safe palette and a pyplot-free Figure builder.

Figures are built with `matplotlib.figure.Figure` (not pyplot), so the inline
backend never closes or duplicates them; a notebook shows one by leaving it as the
cell's last expression, and a widget renders it to PNG with `figure_png`.
"""
from __future__ import annotations

import io

from matplotlib.colors import same_color
from matplotlib.figure import Figure

from ..palette import PALETTE  # Okabe & Ito: safe with every common colour-vision deficiency

CYCLE = [PALETTE[k] for k in ("blue", "orange", "green", "vermillion", "sky", "purple", "yellow", "black")]
CLASS_COLORS = [PALETTE["blue"], PALETTE["orange"], PALETTE["green"], PALETTE["purple"]]
DIVERGING_CMAP = "RdBu_r"      # signed weights: red positive, blue negative
SEQUENTIAL_CMAP = "viridis"    # magnitudes, losses


def new_figure(width: float = 6.0, height: float = 4.0, dpi: int = 100) -> Figure:
    """An empty `Figure` (no pyplot) sized in inches, with the course's colour cycle."""
    fig = Figure(figsize=(width, height), dpi=dpi, layout="constrained")
    fig.set_facecolor("white")
    return fig


def style_axes(ax, title: str, xlabel: str, ylabel: str, grid: bool = True) -> None:
    """Give `ax` a title, axis labels, the palette cycle and a light grid."""
    ax.set_prop_cycle(color=CYCLE)
    ax.set_title(title)
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    if grid:
        ax.grid(True, alpha=0.3)


def signed(v: float) -> str:
    """'+ 1.50' or '− 1.50': a term to append to a sum (never '− 0.00')."""
    v = round(float(v), 2)
    return f"{'−' if v < 0 else '+'} {abs(v):.2f}"


def number(v: float, digits: int = 2) -> str:
    """'1.50', '−1.50' (a typographic minus, as on matplotlib's ticks), and '0.00' for
    anything that rounds to zero: never '−0.00' (a weight of 0 times a negative input is
    -0.0 in floating point, and -1e-17 is what 0.1 * -3 + 0.3 gives)."""
    v = round(float(v), digits) + 0.0  # + 0.0 turns -0.0 into 0.0
    return f"{v:.{digits}f}".replace("-", "−")


def recolor(artist, color) -> None:
    """Give `artist` the colour `color` unless it has it already. Matplotlib marks an
    artist stale on every ``set_color``, even to the same colour, and a widget's view
    draws a stale text again instead of pasting it from the last frame."""
    if not same_color(artist.get_color(), color):
        artist.set_color(color)


def figure_png(fig: Figure, dpi: int | None = None) -> bytes:
    """The figure rendered to PNG bytes (Agg canvas, no pyplot)."""
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=dpi or fig.dpi)
    return buf.getvalue()
