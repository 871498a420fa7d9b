"""The class report's charts as inline SVG, written as text: no matplotlib in the
grading process (importing and drawing with it took longer than grading a class of 40).

Three charts, each an ``<svg role="img">`` with a title and an accessible label, in the
course's colours (`nnlessons.palette`), sized in CSS pixels and scaling with the page:
`histogram` (the score distribution), `stacked_shares` (each exercise's students by
result) and `counts` (named mistakes, most shared first, each label above its bar).
"""
from __future__ import annotations

import html
from typing import Sequence

from ...palette import PALETTE

__all__ = ["histogram", "stacked_shares", "counts"]

WIDTH = 700
FONT = "font-family='system-ui,sans-serif'"


def _esc(text: str) -> str:
    return html.escape(str(text), quote=True)


def _svg(height: int, title: str, body: list[str]) -> str:
    return (f"<svg xmlns='http://www.w3.org/2000/svg' role='img' aria-label='{_esc(title)}' "
            f"viewBox='0 0 {WIDTH} {height}' width='{WIDTH}' height='{height}' {FONT} font-size='12'>"
            f"<title>{_esc(title)}</title>"
            f"<text x='{WIDTH / 2}' y='18' text-anchor='middle' font-size='14' font-weight='600'>{_esc(title)}</text>"
            + "".join(body) + "</svg>")


def _text(x: float, y: float, text: str, anchor: str = "start", size: int = 12, colour: str = "#222") -> str:
    return (f"<text x='{x:.1f}' y='{y:.1f}' text-anchor='{anchor}' font-size='{size}' fill='{colour}'>"
            f"{_esc(text)}</text>")


def _rect(x: float, y: float, w: float, h: float, colour: str, tip: str = "") -> str:
    tip = f"<title>{_esc(tip)}</title>" if tip else ""
    return f"<rect x='{x:.1f}' y='{y:.1f}' width='{max(w, 0):.1f}' height='{h:.1f}' fill='{colour}'>{tip}</rect>"


def histogram(values: Sequence[float], title: str, xlabel: str, ylabel: str, step: int = 10) -> str:
    """Bars of how many `values` (percentages, 0-100) fall in each `step`-wide bin (100
    goes in the last), with their mean marked."""
    edges = list(range(0, 100, step))
    heights = [sum(1 for v in values if lo <= min(v, 99.999) < lo + step) for lo in edges]
    top = max(heights + [1])
    left, right, y0, y1 = 50, WIDTH - 20, 40, 220
    sx = (right - left) / 100
    sy = (y1 - y0) / top
    body = [f"<line x1='{left}' y1='{y1}' x2='{right}' y2='{y1}' stroke='#555'/>"]
    for lo, n in zip(edges, heights):
        body.append(_rect(left + lo * sx + 1, y1 - n * sy, step * sx - 2, n * sy, PALETTE["sky"],
                          f"{n} student{'s' * (n != 1)} scored {lo}-{lo + step}%"))
        if n:
            body.append(_text(left + (lo + step / 2) * sx, y1 - n * sy - 4, str(n), "middle", 11))
    for lo in edges + [100]:
        body.append(_text(left + lo * sx, y1 + 16, str(lo), "middle", 11))
    if values:
        mean = sum(values) / len(values)
        x = left + mean * sx
        body.append(f"<line x1='{x:.1f}' y1='{y0 - 6}' x2='{x:.1f}' y2='{y1}' stroke='{PALETTE['vermillion']}' "
                    "stroke-width='2'/>")
        body.append(_text(x + 4, y0 + 4, f"mean {mean:.0f}%", "start", 12, PALETTE["vermillion"]))
    body.append(_text((left + right) / 2, y1 + 34, xlabel, "middle"))
    body.append(f"<text x='14' y='{(y0 + y1) / 2:.0f}' text-anchor='middle' font-size='12' "
                f"transform='rotate(-90 14 {(y0 + y1) / 2:.0f})'>{_esc(ylabel)}</text>")
    return _svg(y1 + 44, title, body)


def stacked_shares(names: Sequence[str], groups: Sequence[tuple[str, str, Sequence[float]]], title: str,
                   notes: Sequence[str] = ()) -> str:
    """One bar per name, split into `groups` = (label, palette colour, shares in % per
    name); `notes` (one per name) to the bar's right; a legend under the bars."""
    label_w, left, bar_w, row = 170, 180, 420, 24
    body = []
    for i, name in enumerate(names):
        y = 34 + i * row
        body.append(_text(left - 8, y + row * 0.62, name, "end", 12))
        x = left
        for label, colour, shares in groups:
            w = bar_w * shares[i] / 100
            body.append(_rect(x, y + 3, w, row - 6, PALETTE[colour], f"{name}: {label} {shares[i]:.0f}%"))
            x += w
        if i < len(notes):
            body.append(_text(left + bar_w + 8, y + row * 0.62, notes[i], "start", 11))
    y = 34 + len(names) * row + 12
    x = left - label_w + 10
    for label, colour, _ in groups:
        body.append(_rect(x, y, 12, 12, PALETTE[colour]) + _text(x + 16, y + 10, label, "start", 11))
        x += 30 + 6.5 * len(label)
    return _svg(int(y + 24), title, body)


def counts(labels: Sequence[str], values: Sequence[int], total: int, title: str) -> str:
    """One bar per label (label above it, whole): `values` students of `total`, and the share."""
    left, bar_w, row = 10, WIDTH - 140, 40
    top = max(list(values) + [1])
    body = []
    for i, (label, n) in enumerate(zip(labels, values)):
        y = 30 + i * row
        body.append(_text(left, y + 14, label, "start", 12))
        w = bar_w * n / top
        share = 100 * n / (total or 1)
        body.append(_rect(left, y + 19, w, 14, PALETTE["vermillion"], f"{n} of {total} students"))
        body.append(_text(left + w + 6, y + 31, f"{n} ({share:.0f}%)", "start", 11))
    return _svg(30 + len(labels) * row + 6, title, body)
