"""Right numbers in the wrong form: the wrong dtype (integers, booleans, floats where whole
numbers belong), values cut to whole numbers or rounded, a yes/no verdict where the number
itself belongs, and values computed in float16 or float32."""
from __future__ import annotations

import numpy as np

from ..context import quiet
from ..finding import Finding
from .pair import Pair, close, nontrivial

__all__ = ["dtype", "precision", "rounding", "threshold", "verdict"]

_KINDS = {"b": "bool", "i": "integer", "u": "integer", "f": "floating"}


def dtype(p: Pair) -> list[Finding]:
    """The dtype's kind differs: the right values as integers or booleans (or floats where
    whole numbers belong), or floats turned into whole numbers (a verdict, a cut, a rounding)."""
    ek, gk = p.e.dtype.kind, p.g.dtype.kind
    if _KINDS.get(ek) == _KINDS.get(gk):
        return []
    same = p.close(p.e, p.g) if p.e.shape == p.g.shape else False
    if same and ek == "f":
        what = "booleans (True/False)" if gk == "b" else "integers"
        return [Finding(f"dtype:{_KINDS[gk]}", f"{p.pre}the values are right, but they are {what}, not floats: "
                        "return float numbers, e.g. add .astype(float) (most of the points are kept for this)",
                        kind="form")]
    if same and ek in "iu":
        return [Finding("dtype:float", f"{p.pre}the values are right, but they are floats where whole numbers "
                        "are expected: use integer division // or int(...)", kind="form")]
    if ek == "f" and gk in "iub" and p.e.shape == p.g.shape:
        return _made_whole(p)
    return []


def _made_whole(p: Pair) -> list[Finding]:
    """Expected floats, yours whole numbers of the same shape: a 0/1 verdict on them, or the
    floats truncated, rounded or floored."""
    verdict = threshold(p.ef, p.gf, p.pre, whole=True)
    if verdict is not None:
        return [verdict]
    for name, f in (("truncated", np.trunc), ("rounded", np.round), ("floored", np.floor)):
        if p.close(quiet(f, p.ef), p.g):
            return [Finding("dtype:integer", f"{p.pre}the results were turned into whole numbers "
                            f"({name}: int(...), // or .astype(int)), which throws the fractions away: "
                            "keep float numbers", kind="precision")]
    return []


def threshold(ef: np.ndarray, gf: np.ndarray, pre: str, whole: bool = False) -> Finding | None:
    """Yes/no verdicts (0 or 1) where numbers are expected: whether each expected value is
    above 0.5 (a probability) or above 0 (a score). `whole`: the learner returned whole
    numbers or booleans (then even one value, or all-equal values, is a verdict)."""
    probs = bool(np.all((ef >= 0) & (ef <= 1)))
    if not np.all(np.isin(gf, (0.0, 1.0))) or ((not probs or not whole) and (ef.size < 2 or np.unique(gf).size < 2)):
        return None  # (values and a verdict on them agree by chance when there are few, or one kind)
    for t in ((0.5,) if probs else (0.0,)):
        if np.array_equal(gf, (ef > t).astype(float)) or np.array_equal(gf, (ef >= t).astype(float)):
            what = "probability" if probs else "value"
            return Finding(f"threshold:{t:g}", f"{pre}your values are 0 or 1, the verdict whether each expected "
                           f"{what} is above {t:g} (a label, a yes/no), where the {what} itself is expected"
                           + (" (a number between 0 and 1)" if probs else "") + ": return it as it is, "
                           "without the comparison (no > or np.round at the end)", kind="transform")
    return None


def verdict(p: Pair) -> list[Finding]:
    """Equal shapes: yours are the 0/1 verdicts on the expected values (`threshold`)."""
    found = threshold(p.ef, p.gf, p.pre)
    return [] if found is None else [found]


def rounding(p: Pair) -> list[Finding]:
    """Yours are the expected values floored, ceiled, truncated or rounded to 1-6 decimals."""
    ef, gf, tol, pre = p.ef, p.gf, p.tol, p.pre
    if not nontrivial(gf):
        return []  # all zeros: said as such
    for key, f, words in (("floor", np.floor, "rounded DOWN to whole numbers (// or np.floor)"),
                          ("ceil", np.ceil, "rounded UP to whole numbers (np.ceil)"),
                          ("trunc", np.trunc, "cut to whole numbers (int(...) or .astype(int))")):
        fe = quiet(f, ef)
        if not close(fe, ef, *tol) and close(gf, fe, *tol):
            return [Finding(f"round:{key}", f"{pre}your values are the expected ones {words}: keep the "
                            "fractions (use / and floats), or round the way the task says", kind="precision")]
    for k in range(1, 7):
        fe = np.round(ef, k)
        if not close(fe, ef, *tol) and close(gf, fe, *tol):
            return [Finding(f"round:{k}", f"{pre}your values are the expected ones rounded to {k} decimals: "
                            "do not round (np.round / round(...)) the result", kind="precision")]
    return []


def precision(p: Pair) -> list[Finding]:
    """Yours are float16 or float32 numbers that agree with the expected float64 ones only to
    that precision."""
    ef, gf, tol = p.ef, p.gf, p.tol
    out = []
    for dt, name in ((np.float16, "float16"), (np.float32, "float32")):
        low = quiet(lambda: ef.astype(dt).astype(float))
        exact = np.array_equal(quiet(lambda: gf.astype(dt).astype(float)), gf)  # yours ARE such numbers
        if exact and not close(low, ef, *tol) and np.allclose(gf, ef, rtol=10 * np.finfo(dt).eps, atol=0):
            out.append(Finding(f"precision:{name}", f"{p.pre}your values agree with the expected ones only to "
                               f"{name} precision: compute in float64 (no .astype({name}))", kind="precision"))
    return out
