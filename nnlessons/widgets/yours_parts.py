"""A learner's exercise function that returns several arrays, of which a widget draws some:
``dense_backward``'s tuple ``(dX, dW, db)`` (lesson 08 draws dW and db) or
``two_layer_grads``' dict ``{"W1": dW1, "b1": db1, ...}`` (lesson 09 trains with all four).

`YourParts` is a `YourFunction` compared on the drawn parts only (``parts``: indices of
the tuple or keys of the dict), as `YourFunction` compares a tuple: part by part, as one
flat array of numbers. A part the widget does not draw never makes it differ (the line
then says what ``check`` says of it). The value returned is the learner's whole output
when its drawn parts can be drawn, else the package's.
"""
from __future__ import annotations

from typing import Callable, Hashable, Sequence

import numpy as np

from .yours import Result, YourCode, YourFunction

__all__ = ["YourParts"]


class YourParts(YourFunction):
    """`YourFunction` for an exercise returning a tuple or a dict of arrays, compared on
    `parts` only (tuple indices or dict keys, in drawing order). `shown` says in the line
    where the package's values are drawn (e.g. "in grey")."""

    def __init__(self, name: str, fn: Callable | None, reference: Callable, parts: Sequence[Hashable], *,
                 what: str = "numbers", shown: str = "drawn faint"):
        super().__init__(name, fn, reference, what=what, shown=shown)
        self.parts = tuple(parts)

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
        try:
            have = tuple(self.pick(got))  # a list of numbers is drawn as well as an array
        except (TypeError, ValueError, KeyError, IndexError):  # not the exercise's structure
            return super()._judge(expected, got)  # "cannot draw", and why
        drawn = super()._judge(tuple(self.pick(expected)), have)
        return Result(got if drawn.yours else expected, expected, drawn.status, drawn.where, drawn.message)
