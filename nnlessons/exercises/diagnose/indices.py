"""A whole number that points into a sequence input (the epoch of the lowest validation
loss, the position of a maximum): relate the learner's index to the expected one through
the values they point at. An equal value (a tie kept the wrong way), the largest value
instead of the lowest, the value itself instead of its index, a lower value found after
the point where the search should stop, or a stop before a lower value was reached."""
from __future__ import annotations

import numpy as np

from . import fmt
from .context import Ctx, arr
from .finding import Finding

__all__ = ["relate_index"]


def _sequence(ctx: Ctx, i: int) -> tuple[str, np.ndarray] | None:
    """The one 1-D numeric sequence among the case's inputs (a list or an array)."""
    found = []
    for name, v in ctx.inputs(ctx.cases[i]):
        if type(v) in (list, tuple) and len(v) > 1 and all(type(x) in (int, float) for x in v):
            found.append((name, np.array(v, dtype=float)))
        elif isinstance(v, np.ndarray) and v.ndim == 1 and v.size > 1 and v.dtype.kind in "fiu":
            found.append((name, v.astype(float)))
    return found[0] if len(found) == 1 else None


def relate_index(ctx: Ctx, i: int, e: np.ndarray, g: np.ndarray, path: str = "") -> list[Finding]:
    """Findings for a learner's index `g` where the index `e` is expected (both one number)."""
    if e.ndim != 0 or g.ndim != 0 or e.dtype.kind not in "iu":
        return []
    seq = _sequence(ctx, i)
    if seq is None:
        return []
    name, s = seq
    n, k = s.size, int(e)
    if not 0 <= k < n or np.unique(s).size < 2:
        return []
    pre = f"{path}: " if path else ""
    gv = float(g)
    show = ctx.reveal
    if g.dtype.kind == "f" and gv != int(gv) and np.isclose(gv, s[k]):
        return [Finding("index:value", f"{pre}you return the value {name}[i] itself, not its index i: return the "
                        f"position (an integer from 0 to len({name}) - 1), e.g. the i of the loop, not the "
                        f"{name}[i] it looked at", kind="index")]
    if gv != int(gv) or not 0 <= int(gv) < n or int(gv) == k:
        return []
    j = int(gv)
    at = (lambda x: f"{name}[{x}] = {fmt.num(s[x])}") if show else (
        lambda x: f"the value at {'your' if x == j else 'the expected'} index")
    yours = f"your index {j}" if show else "your index"
    expected = f"the expected {k}" if show else "the expected one"
    if s[j] == s[k]:
        order = "later" if j > k else "earlier"
        return [Finding("index:tie", f"{pre}{yours} points at a value EQUAL to the one at {expected} ({at(j)} "
                        f"and {at(k)}), {order} in {name}: with equal values the first one is kept, so an equal "
                        "value must not count as better: compare with a strict < (not <=)", kind="index")]
    if j == int(np.argmax(s)) and s[j] > s[k]:
        return [Finding("index:argmax", f"{pre}{yours} is the position of the LARGEST value of {name}: the "
                        f"expected one points at a low value (np.argmax where the lowest belongs? or a "
                        "comparison the wrong way round, > for <)", kind="index")]
    if j > k and s[j] < s[k]:
        return [Finding("index:too_far", f"{pre}{yours} comes after {expected} and points at a lower value: your "
                        f"loop went on past the point where it should have stopped, so it found a value that "
                        "must never be seen (does the count of steps without improvement compare with the best "
                        "value so far, not just the previous one, and is the stop checked at every step?)",
                        kind="index_effect")]
    if j < k and s[j] > s[k]:
        return [Finding("index:too_early", f"{pre}{yours} comes before {expected}, which points at a lower "
                        f"value: your loop stopped (or stopped looking) too early, before the lower value at "
                        f"{expected} was reached (is the stop condition right, and does it look at every "
                        "value until then?)", kind="index_effect")]
    if j > k and s[j] > s[k]:
        return [Finding("index:not_best", f"{pre}{yours} comes after {expected} and points at a HIGHER value: "
                        f"keep the position of the lowest value seen so far (compare each value with the best "
                        "so far, not with the previous one), not the position where the loop stopped",
                        kind="index_effect")]
    return []
