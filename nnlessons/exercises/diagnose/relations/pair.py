"""The pair every relation looks at: the expected value and the learner's, for one value of
the output of one case, with the tolerance, the words that name the value, and the case's
inputs (a relation to an input names it). Plus the comparisons every relation uses."""
from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

import numpy as np

from ..context import Ctx

__all__ = ["Pair", "close", "nontrivial", "value_words"]


def close(a: np.ndarray, b: np.ndarray, rtol: float, atol: float) -> bool:
    """Same shape and, as floats, the same values within the tolerance (nan equals nan)."""
    if a.shape != b.shape:
        return False
    with np.errstate(all="ignore"):
        return bool(np.allclose(a.astype(float), b.astype(float), rtol=rtol, atol=atol, equal_nan=True))


def value_words(path: str) -> str:
    """The prefix that names the value in a message (``"[1]: "``; nothing for the whole output)."""
    return f"{path}: " if path else ""


def nontrivial(e: np.ndarray) -> bool:
    """Whether the array has at least one entry that is not (nearly) 0."""
    return e.size > 0 and bool(np.any(np.abs(e.astype(float)) > 1e-12))


@dataclass
class Pair:
    """Expected `e` and the learner's `g` (numeric arrays, any shapes), compared within
    `tol` = (rtol, atol); `path` names the value in the output; `ctx` and `i` give the
    case's inputs (both None when the inputs are not known)."""

    e: np.ndarray
    g: np.ndarray
    tol: tuple[float, float]
    path: str = ""
    ctx: Ctx | None = None
    i: int | None = None

    @cached_property
    def ef(self) -> np.ndarray:
        """The expected values as floats (shape of e)."""
        return self.e.astype(float)

    @cached_property
    def gf(self) -> np.ndarray:
        """The learner's values as floats (shape of g)."""
        return self.g.astype(float)

    @cached_property
    def d(self) -> np.ndarray:
        """The learner's values minus the expected ones (equal shapes only)."""
        return self.gf - self.ef

    @property
    def pre(self) -> str:
        """The prefix that names the value in a message."""
        return value_words(self.path)

    @property
    def single(self) -> bool:
        """One number: any two numbers are related by SOME factor or offset."""
        return self.ef.size == 1

    @property
    def whole_numbers(self) -> bool:
        """Both arrays hold integers."""
        return self.e.dtype.kind in "iu" and self.g.dtype.kind in "iu"

    @property
    def known(self) -> bool:
        """Whether the case's inputs are known (ctx and i given)."""
        return self.ctx is not None and self.i is not None

    def close(self, a: np.ndarray, b: np.ndarray) -> bool:
        """`close` within this pair's tolerance."""
        return close(a, b, *self.tol)

    def inputs(self) -> list[tuple[str, object]]:
        """The case's arguments by name (none when the inputs are not known)."""
        return self.ctx.inputs(self.ctx.cases[self.i]) if self.known else []

    def flat_inputs(self) -> list[tuple[str, object]]:
        """The case's arguments and the entries of its dict arguments, by name."""
        return self.ctx.flat_inputs(self.ctx.cases[self.i]) if self.known else []
