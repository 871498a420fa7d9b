"""A learner's exercise function that returns several arrays, of which a widget draws some:
``dense_backward``'s tuple ``(dX, dW, db)`` (lesson 08 draws dW and db) or
``two_layer_grads``' dict ``{"W1": dW1, "b1": db1, ...}`` (lesson 09 trains with all four).

`YourFunction` compares one value it can read number by number; a tuple or dict of arrays
of different shapes it can only call unusable. `YourParts` is a `YourFunction` that takes
the drawn parts (``parts``: indices of the tuple or keys of the dict) of both outputs and
compares them as one flat array of numbers: "differs" counts the numbers that part over
all the drawn parts, and a part the widget does not draw never makes it differ (the
line then says what ``check`` says of it). The value returned is the learner's whole
output when its drawn parts can be drawn, else the package's.
"""
from __future__ import annotations

from typing import Callable, Hashable, Sequence

import numpy as np

from ..exercises.compare import compare
from ..plots.beside import ATOL, RTOL
from .yours import Result, YourCode, YourFunction

__all__ = ["YourParts"]


class YourParts(YourFunction):
    """`YourFunction` for an exercise returning a tuple or a dict of arrays, compared on
    `parts` only (tuple indices or dict keys, in drawing order). `shown` says in the line
    where the package's values are drawn (e.g. "in grey")."""

    def __init__(self, name: str, fn: Callable | None, reference: Callable, parts: Sequence[Hashable], *,
                 what: str = "numbers", shown: str = "drawn faint"):
        super().__init__(name, fn, reference, what=what)
        self.parts, self.shown = tuple(parts), shown

    @classmethod
    def within(cls, yours: YourCode, name: str, parts: Sequence[Hashable], **options) -> "YourParts":
        """Replace `yours[name]` (same learner's and package's functions) by a YourParts."""
        old = yours[name]
        yours.functions[name] = new = cls(name, old.fn, old.reference, parts, **options)
        return new

    def pick(self, value) -> list[np.ndarray]:
        """The drawn parts of an output of the exercise's structure (a Result's value)."""
        return [np.asarray(value[p], dtype=float) for p in self.parts]

    def _judge(self, expected, got) -> Result:
        want = self.pick(expected)
        have = self._drawable(got, [w.shape for w in want])
        if have is None:
            verdict = compare(expected, got, rtol=RTOL, atol=ATOL)
            return Result(expected, expected, "unusable", message=(
                f"Your {self.name} returned something this widget cannot draw: {verdict.reason}. "
                f"The package's {self.name} is drawn instead; {self._named()}"))
        flat = super()._judge(_flat(want), _flat(have))
        return Result(got if flat.yours else expected, expected, flat.status, flat.where, flat.message)

    def _drawable(self, got, shapes: list[tuple]) -> list[np.ndarray] | None:
        """The learner's drawn parts as float arrays of the package's shapes, else None."""
        keyed = all(isinstance(p, str) for p in self.parts)
        if keyed and not (isinstance(got, dict) and all(p in got for p in self.parts)):
            return None
        if not keyed and not (isinstance(got, (tuple, list)) and len(got) > max(self.parts)):
            return None
        try:
            have = [np.asarray(got[p], dtype=float) for p in self.parts]
        except (TypeError, ValueError):
            return None
        return have if [h.shape for h in have] == shapes else None

    def _differs_message(self, expected, got, where: np.ndarray) -> str:
        e, g = np.asarray(expected, float), np.asarray(got, float)
        gap = np.abs(g - e)[where]
        size = f"by up to {np.nanmax(gap):.3g}" if np.isfinite(gap).any() else "with numbers that are not finite"
        return (f"Your {self.name} differs from the package's ({self.shown}) at {int(where.sum())} of "
                f"{where.size} {self.what}, {size}. {self.diagnosis()}")


def _flat(arrays: list[np.ndarray]) -> np.ndarray:
    return np.concatenate([a.ravel() for a in arrays]) if arrays else np.empty(0)

