"""Relations between what a learner's function returned and what was expected, for ONE
value of the output: sign, a constant factor, an offset equal to an input, transposed or
reshaped, a reduction too many or too few, a transform (log, sigmoid...), rounding, the
wrong dtype. Each returns `Finding`s (most specific first) or nothing; `where` is filled
in by the engine.

One module per family: `form` (dtype, rounding, verdicts, precision), `shape` and
`reductions` (different shapes), `factors`, `offsets`, `transforms` and `rows` (same
shape, composed in order by `values`), `lists` (lists too short or too long); `pair`
holds the two arrays and the case's inputs every relation reads."""
from __future__ import annotations

import numpy as np

from ..context import Ctx, arr
from ..finding import Finding
from .form import dtype
from .lists import relate_lengths
from .pair import Pair
from .shape import relate_shapes
from .values import relate_values

__all__ = ["relate", "relate_arrays", "relate_lengths"]


def relate_arrays(e: np.ndarray, g: np.ndarray, tol, path: str = "", ctx: Ctx | None = None,
                  i: int | None = None) -> list[Finding]:
    """Findings relating the learner's array `g` to the expected array `e`: the dtype first,
    then the shape, then the values."""
    p = Pair(e, g, tol, path, ctx, i)
    out = dtype(p)
    if out:
        return out
    if e.shape != g.shape:
        return relate_shapes(p)
    if e.dtype.kind not in "fiub" or g.dtype.kind not in "fiub":
        return []
    if not np.all(np.isfinite(p.gf)) and np.all(np.isfinite(p.ef)):
        return []  # nan or inf: said as such (masks.nonfinite)
    return relate_values(p)


def relate(expected, got, tol, path: str = "", ctx: Ctx | None = None, i: int | None = None) -> list[Finding]:
    """Findings for one value of the output (numbers or arrays; nothing for other types)."""
    e, g = arr(expected), arr(got)
    if e is None or g is None:
        return []
    return relate_arrays(e, g, tol, path, ctx, i)
