"""Relations between arrays of DIFFERENT shapes: the right numbers with an extra or missing
axis of length 1, transposed, with the axes in another order, a broadcast into a square
table, too few or too many rows; and (from `reductions`) a reduction too many, too few or
over the wrong axis. `relate_shapes` says the first that holds, in the order of `CHECKS`."""
from __future__ import annotations

import itertools

import numpy as np

from .. import fmt
from ..finding import Finding
from . import reductions
from .pair import Pair, close

__all__ = ["CHECKS", "relate_shapes"]


def _rearranged(p: Pair) -> bool:
    """As many numbers (at least one) in both: they may be the same numbers rearranged."""
    return p.e.size == p.g.size and p.e.size > 0


def axis_of_one(p: Pair) -> list[Finding]:
    """Same numbers, and the shapes differ by one axis of length 1 (keepdims, a column)."""
    e, g = p.e, p.g
    if not _rearranged(p) or not p.close(p.gf.reshape(e.shape), p.ef):
        return []
    shapes = f"{fmt.shape(g.shape)}, not {fmt.shape(e.shape)}"
    if g.ndim == e.ndim + 1 and 1 in g.shape:
        return [Finding("shape:extra_axis", f"{p.pre}the numbers are right but the shape is {shapes}: an extra "
                        "axis of length 1 (keepdims=True, or a column vector); drop it, e.g. with .ravel() or "
                        "[:, 0]", kind="form")]
    if g.ndim + 1 == e.ndim and 1 in e.shape:
        return [Finding("shape:missing_axis", f"{p.pre}the numbers are right but the shape is {shapes}: keep the "
                        "axis of length 1 (keepdims=True, or reshape)", kind="form")]
    return []


def transposed(p: Pair) -> list[Finding]:
    """A 2-D result with rows and columns swapped."""
    e, g = p.e, p.g
    if _rearranged(p) and e.ndim == 2 and g.shape == e.T.shape and p.close(p.gf, p.ef.T):
        return [Finding("shape:transposed", f"{p.pre}the result is transposed: it has shape {fmt.shape(g.shape)} "
                        f"where {fmt.shape(e.shape)} is expected, with the expected values mirrored "
                        "(rows and columns swapped): drop a .T, or swap the order of a matrix product",
                        kind="transposed")]
    return []


def axes_order(p: Pair) -> list[Finding]:
    """An array of 3 or more axes with its axes permuted (channels last where they come first)."""
    e, g = p.e, p.g
    if not _rearranged(p) or e.ndim < 3 or g.ndim != e.ndim:
        return []
    for perm in itertools.permutations(range(e.ndim)):
        moved = np.transpose(p.ef, perm)
        if perm != tuple(range(e.ndim)) and moved.shape == g.shape and p.close(moved, p.gf):
            return [Finding("shape:axes_order", f"{p.pre}the values are right but the axes are in another "
                            f"order: shape {fmt.shape(g.shape)} instead of {fmt.shape(e.shape)}: build "
                            f"the array in the order {fmt.shape(e.shape)} (e.g. channels first)",
                            kind="transposed")]
    return []


def broadcast_square(p: Pair) -> list[Finding]:
    """(n, n) where (n,) is expected, with the answer on the diagonal: (n,) met (n, 1)."""
    e, g = p.e, p.g
    if e.ndim == 1 and g.ndim == 2 and g.shape == (e.shape[0], e.shape[0]) and e.shape[0] > 1 \
            and p.close(np.diagonal(p.gf), p.ef):
        return [Finding("broadcast:square", f"{p.pre}shape {fmt.shape(g.shape)} where {fmt.shape(e.shape)} is "
                        f"expected: an array of shape ({e.shape[0]},) met one of shape ({e.shape[0]}, 1) and "
                        "numpy broadcast them into a table. Make both 1-D (e.g. .ravel(), or no "
                        "keepdims)", kind="reduction")]
    return []


def _starts_with(big: np.ndarray, small: np.ndarray, tol) -> bool:
    """`small` (not empty, no axis longer) is the first block of `big` (as many axes)."""
    if small.size == 0 or not all(a <= b for a, b in zip(small.shape, big.shape)):
        return False
    return close(big[tuple(slice(0, n) for n in small.shape)], small, *tol)


def sub_block(p: Pair) -> list[Finding]:
    """As many axes: yours is the first block of the expected array (too few rows or entries),
    or the expected array is the first block of yours (too many)."""
    e, g = p.e, p.g
    if e.ndim != g.ndim or e.ndim < 1:
        return []
    shapes = f"shape {fmt.shape(g.shape)} instead of {fmt.shape(e.shape)}"
    if _starts_with(p.ef, p.gf, p.tol):
        return [Finding("shape:too_small", f"{p.pre}your values are right but there are too few: {shapes} (the "
                        "first ones match): the last rows/entries are missing, e.g. a range that stops one early "
                        "or a missing +1 in a size", kind="reduction")]
    if _starts_with(p.gf, p.ef, p.tol):
        return [Finding("shape:too_large", f"{p.pre}the first values are right but there are too many: {shapes}: a "
                        "size computed too large (one too many rows or columns?)", kind="reduction")]
    return []


CHECKS = [axis_of_one, transposed, axes_order,
          reductions.one_expected, reductions.one_returned, broadcast_square, reductions.axis_of_inputs,
          sub_block, reductions.other_axis, reductions.between]
"""The shape relations, most specific first: the first that holds is said."""


def relate_shapes(p: Pair) -> list[Finding]:
    """The first of `CHECKS` that relates the learner's array to the expected one of another shape."""
    for check in CHECKS:
        found = check(p)
        if found:
            return found
    return []
