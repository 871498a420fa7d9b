"""Small formatting helpers for the engine's words: numbers, factors, shapes, lists."""
from __future__ import annotations

from fractions import Fraction

import numpy as np

__all__ = ["num", "shape", "listing", "factor_words", "ordinal", "plural"]


def num(x) -> str:
    """A number as a learner would write it (1000, 0.5, 1e-12, -2)."""
    x = float(x)
    if not np.isfinite(x):
        return str(x)
    if x == int(x) and abs(x) < 1e6:
        return str(int(x))
    return f"{x:.4g}"


def shape(s) -> str:
    """``(4, 3)`` / ``(3,)``."""
    s = tuple(int(n) for n in s)
    return f"({s[0]},)" if len(s) == 1 else "(" + ", ".join(map(str, s)) + ")"


def listing(items, limit: int = 4) -> str:
    """``a, b and c`` (at most `limit`, then ``...``)."""
    items = [str(i) for i in items]
    if len(items) > limit:
        return ", ".join(items[:limit]) + ", ..."
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def ordinal(i: int) -> str:
    """1 -> first, 2 -> second, ..."""
    return {1: "first", 2: "second", 3: "third", 4: "fourth"}.get(i, f"{i}th")


def plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def factor_words(c: float) -> str:
    """How a learner reads a factor: 2 -> "2 times", 0.5 -> "half", 1/3 -> "1/3 of"."""
    if np.isclose(c, 0.5):
        return "half of"
    fr = Fraction(float(c)).limit_denominator(64)
    if abs(float(fr) - c) < 1e-9 * max(1.0, abs(c)):
        if fr.denominator == 1:
            return f"{fr.numerator} times"
        if fr.numerator == 1:
            return f"1/{fr.denominator} of"
        return f"{fr.numerator}/{fr.denominator} of"
    return f"{c:.4g} times"
