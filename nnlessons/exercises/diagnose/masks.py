"""Where a learner's values are right and where they are not, in words: "right where
z > 0, wrong where z < 0", "wrong only where z = 0", "only the first row is right",
"wrong on the border of the output", "nan where |z| is large"."""
from __future__ import annotations

import numpy as np

from . import fmt
from .context import Ctx, arr
from .finding import Finding

__all__ = ["describe_mask", "partial", "nonfinite"]


def _input_arrays(ctx: Ctx, i: int, shape: tuple) -> list[tuple[str, np.ndarray]]:
    out = []
    for name, v in ctx.inputs(ctx.cases[i]):
        a = arr(v)
        if a is not None and a.dtype.kind in "fiu" and a.shape == shape and a.size > 1:
            out.append((name, a.astype(float)))
    return out


def _by_input(bad: np.ndarray, ctx: Ctx, i: int) -> list[str]:
    """Every condition on an input of the same shape that holds exactly where `bad` is True."""
    out = []
    for name, a in _input_arrays(ctx, i, bad.shape):
        conds = [(a < 0, f"{name} < 0"), (a <= 0, f"{name} <= 0"), (a > 0, f"{name} > 0"),
                 (a >= 0, f"{name} >= 0"), (a == 0, f"{name} = 0 exactly")]
        for m, words in conds:
            if np.array_equal(m, bad) and m.any() and (~m).any():
                out.append(words)
        mag, good = np.abs(a), ~bad
        if bad.any() and good.any():
            if mag[bad].min() > mag[good].max():
                t = _nice_between(mag[good].max(), mag[bad].min())
                out.append(f"|{name}| is large (|{name}| > {fmt.num(t)})" if ctx.reveal
                           else f"|{name}| is large (far from 0)")
            elif mag[bad].max() < mag[good].min():
                out.append(f"{name} is close to 0")
            if a[bad].min() > a[good].max():
                t = _nice_between(a[good].max(), a[bad].min())
                out.append(f"{name} > {fmt.num(t)}" if ctx.reveal else f"{name} is large and positive")
            elif a[bad].max() < a[good].min():
                t = -_nice_between(-a[good].min(), -a[bad].max())
                out.append(f"{name} < {fmt.num(t)}" if ctx.reveal else f"{name} is large and negative")
    return list(dict.fromkeys(out))


def _nice_between(lo: float, hi: float) -> float:
    """The simplest number t with lo <= t < hi (an integer, then halves, tenths...)."""
    for step in (100.0, 10.0, 1.0, 0.5, 0.1, 0.01, 0.001):
        t = np.ceil(lo / step) * step
        if lo <= t < hi:
            return float(t)
    return float(lo)


def _by_structure(bad: np.ndarray) -> str | None:
    """Rows, columns, the first or last entries, the diagonal, the border."""
    if bad.ndim == 1 and bad.size > 1:
        idx = np.flatnonzero(bad)
        if len(idx) == bad.size - 1 and not bad[0]:
            return "everywhere but the first entry"
        if list(idx) == list(range(len(idx))):
            return f"the first {len(idx)} entries" if len(idx) > 1 else "the first entry"
        if list(idx) == list(range(bad.size - len(idx), bad.size)):
            return "the last entry" if len(idx) == 1 else f"the last {len(idx)} entries"
        return None
    if bad.ndim >= 2:
        rows = bad.reshape(bad.shape[0], -1)
        row_bad, row_good = rows.all(axis=1), (~rows).all(axis=1)
        if np.all(row_bad | row_good) and row_bad.any() and row_good.any():
            good_rows = [str(r + 1) for r in np.flatnonzero(row_good)]
            bad_rows = [str(r + 1) for r in np.flatnonzero(row_bad)]
            if good_rows == ["1"]:
                return "every row but the first (only the first row is right)"
            return f"row{'s' if len(bad_rows) > 1 else ''} {fmt.listing(bad_rows)}"
        if bad.ndim == 2:
            col_bad, col_good = bad.all(axis=0), (~bad).all(axis=0)
            if np.all(col_bad | col_good) and col_bad.any() and col_good.any():
                cols = [str(c + 1) for c in np.flatnonzero(col_bad)]
                return f"column{'s' if len(cols) > 1 else ''} {fmt.listing(cols)}"
            if bad.shape[0] == bad.shape[1] and bad.shape[0] > 1:
                eye = np.eye(bad.shape[0], dtype=bool)
                if np.array_equal(bad, ~eye):
                    return "off the diagonal (only the diagonal is right)"
                if np.array_equal(bad, eye):
                    return "on the diagonal"
        h, w = bad.shape[-2], bad.shape[-1]
        if h >= 3 and w >= 3:
            border = np.ones((h, w), bool)
            border[1:-1, 1:-1] = False
            b = np.broadcast_to(border, bad.shape)
            if np.array_equal(bad, b):
                return "on the border of the output (the first and last rows and columns); the inside is right"
            if np.array_equal(bad, ~b):
                return "inside the output; the border is right"
    return None


def describe_mask(bad: np.ndarray, ctx: Ctx, i: int) -> str | None:
    """Words for the entries where `bad` is True (None if no simple description)."""
    if bad.size < 2 or not bad.any() or bad.all():
        return None
    conds = _by_input(bad, ctx, i)
    return conds[0] if conds else _by_structure(bad)


def partial(e: np.ndarray, g: np.ndarray, ctx: Ctx, i: int, path: str) -> list[Finding]:
    """Right on some entries only: say which (every fitting description)."""
    if e.shape != g.shape or e.size < 2:
        return []
    rtol, atol = ctx.tol()
    with np.errstate(all="ignore"):
        ok = np.isclose(g.astype(float), e.astype(float), rtol=rtol, atol=atol, equal_nan=True)
    bad = ~ok
    pre = f"{path}: " if path else ""
    if bad.any() and not bad.all():
        conds = _by_input(bad, ctx, i)
        if conds:
            return [Finding(f"partial:{_key(c)}", f"{pre}your values are right except where {c}, where they "
                            "differ: look at what your code does for exactly those inputs", kind="partial_input")
                    for c in conds]
    where = describe_mask(bad, ctx, i)
    pre = f"{path}: " if path else ""
    if where is None:
        if ok.any():
            return [Finding("partial:some", f"{pre}{int(ok.sum())} of {ok.size} values are right and the others "
                            "are not: look for a step that only goes wrong for some inputs", kind="partial")]
        return []
    return [Finding(f"partial:{_key(where)}", f"{pre}your values are right except {where}, where they differ: "
                    "look at what your code does for exactly those entries", kind="partial")]


def _key(where: str) -> str:
    import re

    return re.sub(r"[-\d.]+", "#", where.split(" (")[0]).replace(" ", "_")[:40]


_WARN_ADVICE = {
    "overflow encountered in exp": "exp of a large number overflows to inf (exp(1000) is inf): rewrite it so "
                                   "exp only sees numbers <= 0, e.g. np.exp(-np.abs(z)), or subtract the max "
                                   "first",
    "divide by zero encountered in log": "log(0) is -inf: keep the argument away from 0 (np.clip)",
    "divide by zero encountered in divide": "a division by 0: a denominator is 0 for these inputs",
    "invalid value encountered": "0/0, inf/inf or inf - inf gave nan: an exp overflowed to inf or "
                                 "underflowed to 0 first",
    "overflow encountered": "a number grew past the largest float (an overflow)",
    "divide by zero": "a division by 0",
}


def warning_advice(warnings_seen) -> str:
    """Advice for the first warning numpy gave (in the order it gave them)."""
    for w in warnings_seen:
        text = str(w).split(": ", 1)[-1]
        for key, advice in _WARN_ADVICE.items():
            if text.startswith(key):
                return advice
    return ""


def nonfinite(e: np.ndarray, g: np.ndarray, ctx: Ctx, i: int, path: str, warns) -> Finding | None:
    """nan or inf where the expected values are finite: say where and why."""
    if e.dtype.kind != "f" or g.dtype.kind != "f" or e.shape != g.shape:
        return None
    bad = ~np.isfinite(g) & np.isfinite(e)
    if not bad.any():
        return None
    what = "nan" if np.isnan(g[bad]).any() else "inf"
    where = None
    if bad.size > 1 and not bad.all():  # whole rows first: a max or sum over the wrong axis
        structural = _by_structure(bad)
        where = structural if structural and "row" in structural else describe_mask(bad, ctx, i)
    pre = f"{path}: " if path else ""
    divide = [w for w in warns if "divide by zero encountered in divide" in str(w)]
    if where and where.endswith("= 0 exactly") and divide:
        advice = _WARN_ADVICE["divide by zero encountered in divide"]
    else:
        advice = warning_advice(warns) or ("an exp overflowed, a log met 0, or 0/0" if what == "nan"
                                           else "an exp overflowed or a division by 0")
    rows = ""
    if where and "row" in where:
        rows = (" Only some rows are affected: is a max or sum taken over the whole array instead of "
                "each row (axis=-1, keepdims=True)?")
    if where is None:
        place = ""
    elif where.startswith(("row", "the ", "every", "on ", "off", "column", "inside")):
        place = f" in {where}"
    else:
        place = f" where {where}"
    return Finding(f"nonfinite:{what}", f"{pre}the output has {what}{place}, where finite numbers are expected: "
                   f"{advice}.{rows}", kind="nonfinite")
