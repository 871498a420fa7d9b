"""Inputs the learner's function changed in place, named where they are: ``params['W1']``
changed, ``params['b1']`` removed from the caller's dict. The runner records the arrays
a call was given as they were afterwards (`runner.array_args`, the same walk as
`named_arrays` here: positional, then keywords, into lists, tuples and dicts)."""
from __future__ import annotations

import numpy as np

from . import fmt
from .context import Ctx, close, Unavailable
from .finding import Finding

__all__ = ["named_arrays", "finding", "explains"]


def named_arrays(ctx: Ctx, case) -> list[tuple[str, np.ndarray]]:
    """Every array a case gives, named as the learner would write it (``params['W1']``), in
    the order of `runner.array_args`."""
    found: list = []

    def walk(name: str, v, depth: int = 0) -> None:
        if isinstance(v, np.ndarray):
            found.append((name, v))
        elif depth < 4 and type(v) in (list, tuple):
            for k, item in enumerate(v):
                walk(f"{name}[{k}]", item, depth + 1)
        elif depth < 4 and type(v) is dict:
            for k, item in v.items():
                walk(f"{name}[{k!r}]", item, depth + 1)

    for name, v in ctx.inputs(case):
        walk(name, v)
    return found


def _same(a, b) -> bool:
    return isinstance(b, np.ndarray) and a.shape == b.shape and np.array_equal(a, b, equal_nan=True)


def _removed(before: list, after: list) -> list[str] | None:
    """The names of the arrays that are gone, when the others are still there unchanged and
    in order (None if the change is not only a removal)."""
    gone, k = [], 0
    for name, a in before:
        if k < len(after) and _same(a, after[k]):
            k += 1
        else:
            gone.append(name)
    return gone if k == len(after) and gone else None


def finding(ctx: Ctx, i: int, out) -> Finding | None:
    """What the call changed in its inputs, named (None if nothing changed)."""
    before = named_arrays(ctx, ctx.cases[i])
    after = list(out.args_after or ())
    if len(after) != len(before):
        gone = _removed(before, after) if len(after) < len(before) else None
        if gone:
            owner = gone[0].split("[")[0]
            one = len(gone) == 1
            return Finding(f"mutation:removed:{owner}", f"Your function removes {fmt.listing(gone)} from the "
                           f"caller's {owner} (del, pop or a reassignment of its keys): the caller's {owner} "
                           f"loses {'it' if one else 'them'}. Leave {owner} as it is: skip the entries you do not "
                           "need (e.g. with an if) instead of deleting them.", kind="mutation", whole=True)
        owner = before[0][0].split("[")[0] if before else "an input"
        return Finding(f"mutation:entries:{owner}", f"Your function adds or removes entries of its input {owner}: "
                       "the caller's data is changed. Build a new dict or list for your result and leave the "
                       "inputs as they are.", kind="mutation", whole=True)
    for (name, a), b in zip(before, after):
        if isinstance(b, np.ndarray) and a.shape == b.shape and not _same(a, b):
            with np.errstate(all="ignore"):
                diff = np.abs(b.astype(float) - a.astype(float))
            tiny = " by a tiny amount (a nudge that was not undone)" if np.nanmax(diff) < 1e-3 else ""
            nested = "[" in name
            how = (f"An in-place operation on it (+=, *=, **= or [...] = on {name}, or on a variable that is "
                   f"{name} itself, not a copy) writes into the caller's array: compute a new array instead "
                   f"(e.g. {name} ** 2, or {name}.copy() first)" if nested else
                   f"Work on a copy ({name} = {name}.copy()) or put every entry back as it was")
            return Finding(f"mutation:{name}", f"Your function changes its input {name} in place{tiny}: the "
                           f"caller's array is left modified. {how}.", kind="mutation", whole=True)
        if isinstance(b, np.ndarray) and a.shape != b.shape:
            return Finding(f"mutation:{name}", f"Your function replaces its input {name} with an array of another "
                           f"shape ({fmt.shape(b.shape)} instead of {fmt.shape(a.shape)}): the caller's data is "
                           "changed. Leave the inputs as they are.", kind="mutation", whole=True)
    return None


def explains(ctx: Ctx, i: int, out) -> bool:
    """Whether the learner's output is the right function of the CHANGED inputs (top-level
    arrays only)."""
    case = ctx.cases[i]
    after = list(out.args_after or ())
    if len(after) != len(named_arrays(ctx, case)):
        return False
    args = [after.pop(0) if isinstance(v, np.ndarray) and after else v for v in case.args]
    try:
        return close(ctx.ref(tuple(args), case.kwargs), out.value, *ctx.tol())
    except Unavailable:
        return False
