"""A list of numbers that is too short or too long: which of the expected values it holds
(the first ones, the last one...), so the loop that builds it can be fixed."""
from __future__ import annotations

import numpy as np

from .. import fmt
from ..context import arr
from ..finding import Finding
from .pair import close, value_words

__all__ = ["relate_lengths"]


def _numbers(v) -> np.ndarray | None:
    """A list or tuple of numbers as a 1-D float array (None for anything else)."""
    if type(v) not in (list, tuple):
        return None
    items = [arr(x) for x in v]
    if any(a is None or a.ndim != 0 for a in items):
        return None
    return np.array([float(a) for a in items])


def _too_short(e: np.ndarray, g: np.ndarray, tol, pre: str) -> list[Finding]:
    """Yours holds the first expected values (the loop stops early), the last ones (it starts
    late), or only the last one (recorded once, after the loop)."""
    n, k = e.size, g.size
    if close(g, e[:k], *tol):
        missing = "the last value is" if n - k == 1 else f"the last {n - k} values are"
        held = "it is empty" if k == 0 else f"its {fmt.plural(k, 'value')} are the first expected ones"
        return [Finding("list:last_missing", f"{pre}your list is too short ({k} instead of {n}): {held}, and "
                        f"{missing} missing: the loop stops too early (check its range: it must run once per "
                        "value the task asks for)", kind="reduction")]
    if k >= 1 and close(g, e[n - k:], *tol):
        first = "the first value is" if n - k == 1 else f"the first {n - k} values are"
        if k == 1:
            return [Finding("list:only_last", f"{pre}your list holds one value, the LAST expected one "
                            f"({fmt.plural(n, 'value')} are expected): the value is recorded only once, after the "
                            "loop (is the append indented inside the loop?)", kind="reduction")]
        return [Finding("list:first_missing", f"{pre}your list is too short ({k} instead of {n}): {first} "
                        "missing, the others are right: the loop starts too late", kind="reduction")]
    return []


def _too_long(e: np.ndarray, g: np.ndarray, tol, pre: str) -> list[Finding]:
    """Yours starts (or ends) with the expected values: a step too many recorded at the end
    (or before the first step)."""
    n, k = e.size, g.size
    if close(g[:n], e, *tol):
        return [Finding("list:extra_last", f"{pre}your list has {k - n} value{'s' * (k - n > 1)} too many ({k} instead "
                        f"of {n}): the first {n} are right, then the loop goes on: stop it one step earlier (the "
                        "last step should not be recorded)", kind="reduction")]
    if close(g[k - n:], e, *tol):
        return [Finding("list:extra_first", f"{pre}your list has {k - n} value{'s' * (k - n > 1)} too many at the "
                        f"start ({k} instead of {n}): the last {n} are right: record only after each step, not "
                        "before the first", kind="reduction")]
    return []


def relate_lengths(expected, got, tol, path: str = "") -> list[Finding]:
    """A list of numbers that is too short or too long: which of the expected values it
    holds (the first ones, the last one...), so the loop that builds it can be fixed."""
    e, g = _numbers(expected), _numbers(got)
    if e is None or g is None or e.size == g.size:
        return []
    if g.size < e.size:
        return _too_short(e, g, tol, value_words(path))
    return _too_long(e, g, tol, value_words(path))
