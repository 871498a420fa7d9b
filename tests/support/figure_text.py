"""Reading what a figure says: every text it draws (titles, labels, ticks, readouts), and
a check that none of it shows a negative zero ("-0.00", "−0.0", "− 0")."""
from __future__ import annotations

import re

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.text import Text

NEGATIVE_ZERO = re.compile(r"[-−]\s*0(\.0+)?(?![.\d])")


def figure_texts(fig: Figure) -> list[str]:
    """Every non-empty text the figure shows, after a draw (so tick labels exist)."""
    FigureCanvasAgg(fig).draw() if not isinstance(fig.canvas, FigureCanvasAgg) else fig.canvas.draw()
    return [t.get_text() for t in fig.findobj(Text) if t.get_visible() and t.get_text()]


def assert_no_negative_zero(*texts: str) -> None:
    for text in texts:
        found = NEGATIVE_ZERO.search(text)
        assert found is None, f"negative zero {found.group()!r} shown in {text!r}"
