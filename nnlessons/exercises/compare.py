"""Compare a learner's output with the expected one, and describe values for the learner.

`compare` never trusts the learner's object: it accepts only plain values (Python
numbers, numpy arrays and scalars, tuples, lists, dicts), reads arrays through a copy
viewed as a plain ``np.ndarray`` and compares numbers with numpy, never with the
object's own ``__eq__``. Anything else fails, naming its type.

Tolerance: ``|got - expected| <= atol + rtol * |expected|`` elementwise (float64:
`spec.RTOL` and `spec.ATOL` by default); integers must be equal.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from .spec import ATOL, RTOL, Fn

__all__ = ["Comparison", "Opaque", "compare", "same_output", "values_match", "summarize", "kind_of", "RTOL", "ATOL"]


@dataclass
class Comparison:
    """The verdict on one output: `passed`, the `reason` (one sentence, for the learner,
    empty when passed) and the largest relative error between the numbers, when they
    could be compared at all."""

    passed: bool
    reason: str = ""
    max_rel_err: float | None = None
    accuracy: float | None = None


_OK = Comparison(True)


def _fail(reason: str, err: float | None = None) -> Comparison:
    return Comparison(False, reason, err)


def _plain_array(x) -> np.ndarray | None:
    """A float/int/bool ndarray copy of a number or array, else None (no __array__ calls)."""
    if type(x) in (bool, int, float):
        return np.array(x)
    if isinstance(x, (np.ndarray, np.generic)):
        a = np.array(x, copy=True, subok=False)
        if type(a) is not np.ndarray:  # pragma: no cover (a subclass that survived)
            a = a.view(np.ndarray)
        if a.dtype.kind in "biuf":
            return a
    return None


def kind_of(a: np.ndarray) -> str:
    """'floating', 'integer' or 'bool' for a numeric array's dtype."""
    return {"b": "bool", "i": "integer", "u": "integer", "f": "floating"}[a.dtype.kind]


class Opaque:
    """Stands for an output that is not plain data (only its type name is kept)."""

    def __init__(self, type_name: str) -> None:
        self.type_name = type_name


def _type_name(x) -> str:
    if isinstance(x, Opaque):
        return f"an object of type {x.type_name}"
    t = type(x)
    if isinstance(x, np.ndarray):
        return f"a {x.dtype} array of shape {x.shape}"
    if t in (bool, int, float) or isinstance(x, np.generic):
        return f"a single number ({t.__name__})"
    return {list: "a list", tuple: "a tuple", dict: "a dict", type(None): "None",
            str: "a string"}.get(t, f"an object of type {t.__name__}")


def _rel_err(e: np.ndarray, g: np.ndarray, atol: float = ATOL) -> float:
    e = e.astype(np.float64)
    g = g.astype(np.float64)
    if e.size == 0:
        return 0.0
    with np.errstate(all="ignore"):
        diff = np.abs(g - e)
        both_zero = diff == 0
        # where the expected value is (almost) 0 a relative error means nothing (1e+300
        # for 0 vs 1): measure against the larger of the two magnitudes there instead
        den = np.where(np.abs(e) > atol, np.abs(e), np.maximum(np.abs(e), np.abs(g)))
        den = np.maximum(den, 1e-300)
        r = np.where(both_zero, 0.0, diff / den)
    r = r[~np.isnan(r)]
    return float(np.max(r)) if r.size else float("nan")


def _compare_numbers(e: np.ndarray, g: np.ndarray, rtol: float, atol: float) -> Comparison:
    """Both plain arrays; e is what the reference returned."""
    scalar = e.ndim == 0
    if scalar and g.ndim != 0:
        return _fail(f"expected a single number, got an array of shape {g.shape}")
    if not scalar and g.ndim == 0:
        return _fail(f"expected an array of shape {e.shape}, got a single number")
    if g.shape != e.shape:
        return _fail(f"expected shape {e.shape}, got shape {g.shape}")
    ek, gk = kind_of(e), kind_of(g)
    if ek != gk:
        if ek == "floating":
            extra = (" (return floats: convert with .astype(float), and avoid int(...) or // "
                     "where fractions matter)" if gk == "integer" else " (convert with .astype(float))")
        elif ek == "integer":
            extra = (" (whole numbers are expected: use // or int(...))" if gk == "floating"
                     else " (convert with .astype(int))")
        else:
            extra = " (return the comparison itself, e.g. z > 0)"
        return _fail(f"expected {ek} numbers, got {gk} numbers{extra}")
    if ek != "floating":
        if not np.array_equal(e, g):
            return _fail("the numbers differ from the expected ones", _rel_err(e, g, atol))
        return _OK
    if not np.all(np.isfinite(g)):
        what = "nan" if np.any(np.isnan(g)) else "inf"
        if np.all(np.isfinite(e)):
            return _fail(f"the output contains {what} where finite numbers are expected "
                         "(an overflow, a log of 0 or 0/0?)")
    err = _rel_err(e, g, atol)
    with np.errstate(all="ignore"):
        ok = np.allclose(g, e, rtol=rtol, atol=atol, equal_nan=True)
    if not ok:
        if not math.isnan(err) and err < 1e-3:  # close: say how close it must be
            return _fail(f"the values differ slightly from the expected ones (a relative error "
                         f"of at most {rtol:g} is allowed)", err)
        return _fail("the values differ from the expected ones", err)
    return Comparison(True, "", err)


def compare(expected, got, *, rtol: float = RTOL, atol: float = ATOL, _where: str = "") -> Comparison:
    """Compare `got` (the learner's output, decoded plain data or an object) with
    `expected` (the reference's output): shape, dtype class, finiteness, values.

    Tuples and lists are compared element by element (a list of the same length is
    accepted in place of a tuple, and a tuple in place of a list, but not an array: the
    contract's container is part of the answer); dicts key by key. Returns a `Comparison`.
    """
    where = f"{_where}: " if _where else ""
    if got is None:
        return _fail(f"{where}got None: did the function forget to `return` its result?")
    if isinstance(expected, tuple):
        if type(got) not in (tuple, list):
            names = ", ".join("abcdefgh"[i] for i in range(min(len(expected), 8)))
            return _fail(f"{where}expected a tuple of {len(expected)} values (e.g. `return {names}`), "
                         f"got {_type_name(got)}")
        if len(got) != len(expected):
            return _fail(f"{where}expected {len(expected)} values, got {len(got)}")
        return _combine([compare(e, g, rtol=rtol, atol=atol, _where=f"{_where}value {i + 1}".strip())
                         for i, (e, g) in enumerate(zip(expected, got))])
    if type(expected) is list:
        n = f"{len(expected)} value{'' if len(expected) == 1 else 's'}"
        if type(got) not in (list, tuple):
            how = (": return a list, e.g. `list(values)` or `[float(v) for v in values]`"
                   if isinstance(got, np.ndarray) else "")
            return _fail(f"{where}expected a list of {n}, got {_type_name(got)}{how}")
        if len(got) != len(expected):
            return _fail(f"{where}expected a list of {n}, got {_type_name(got)} of {len(got)}")
        return _combine([compare(e, g, rtol=rtol, atol=atol, _where=f"{_where}value {i + 1}".strip())
                         for i, (e, g) in enumerate(zip(expected, got))])
    if isinstance(expected, dict):
        if type(got) is not dict:
            return _fail(f"{where}expected a dict with keys {sorted(expected)}, got {_type_name(got)}")
        if set(got) != set(expected):
            return _fail(f"{where}expected keys {sorted(expected)}, got {sorted(map(str, got))}")
        return _combine([compare(expected[k], got[k], rtol=rtol, atol=atol, _where=f"{_where}{k}".strip())
                         for k in expected])
    e = _plain_array(expected)
    if e is None:
        raise TypeError(f"the reference returned {_type_name(expected)}, which compare cannot handle")
    g = _plain_array(got)
    if g is None:
        if type(got) is list and e.ndim > 0:
            return _fail(f"{where}got a list: return a numpy array of shape {e.shape} (e.g. np.array(...))")
        return _fail(f"{where}expected a number or a numpy array, got {_type_name(got)}")
    c = _compare_numbers(e, g, rtol, atol)
    if not c.passed and where:
        c.reason = where + c.reason
    return c


def _combine(parts: list[Comparison]) -> Comparison:
    errs = [c.max_rel_err for c in parts if c.max_rel_err is not None and not math.isnan(c.max_rel_err)]
    err = max(errs) if errs else None
    failed = [c for c in parts if not c.passed]
    if any(c.max_rel_err is None for c in failed):
        err = None  # a part failed on its shape or type: the other parts' errors would mislead
    if failed:
        return Comparison(False, "; ".join(c.reason for c in failed[:3]), err)
    return Comparison(True, "", err)


def same_output(a, b, *, rtol: float = RTOL, atol: float = ATOL) -> bool:
    """Whether two outputs (e.g. the learner's and a known mistake's) are the same
    structure, shape, dtype class and values (nan equals nan here)."""
    if isinstance(a, (tuple, list)) or isinstance(b, (tuple, list)):
        return (type(a) in (tuple, list) and type(b) in (tuple, list) and len(a) == len(b)
                and all(same_output(x, y, rtol=rtol, atol=atol) for x, y in zip(a, b)))
    if isinstance(a, dict) or isinstance(b, dict):
        return (type(a) is dict and type(b) is dict and set(a) == set(b)
                and all(same_output(a[k], b[k], rtol=rtol, atol=atol) for k in a))
    x, y = _plain_array(a), _plain_array(b)
    if x is None or y is None:
        return a is None and b is None
    if x.shape != y.shape or kind_of(x) != kind_of(y):
        return False
    with np.errstate(all="ignore"):
        return bool(np.allclose(x.astype(np.float64), y.astype(np.float64),
                                rtol=rtol, atol=atol, equal_nan=True))


def _loose_array(x) -> np.ndarray | None:
    """A numeric array for a number, an array, or a (nested) list of plain numbers."""
    a = _plain_array(x)
    if a is not None or type(x) is not list:
        return a
    try:
        items = [_loose_array(v) for v in x]
    except RecursionError:  # pragma: no cover
        return None
    if any(v is None for v in items):
        return None
    try:
        return np.array(items, dtype=float)
    except ValueError:
        return None


def values_match(expected, got, *, rtol: float = RTOL, atol: float = ATOL) -> bool:
    """Whether `got` holds the expected VALUES, whatever their form: integers or booleans
    for floats (and floats for integers), axes of length 1 added or dropped, a list for an
    array or a tuple. The partial-credit policy keeps most of a case's points for these."""
    if isinstance(expected, (tuple, list)):
        return (type(got) in (tuple, list) and len(got) == len(expected)
                and all(values_match(e, g, rtol=rtol, atol=atol) for e, g in zip(expected, got)))
    if isinstance(expected, dict):
        return type(got) is dict and set(got) == set(expected) and all(
            values_match(expected[k], got[k], rtol=rtol, atol=atol) for k in expected)
    e, g = _plain_array(expected), _loose_array(got)
    if e is None or g is None or e.size != g.size:
        return False
    if e.shape != g.shape and np.squeeze(e).shape != np.squeeze(g).shape:
        return False
    with np.errstate(all="ignore"):
        return bool(np.allclose(g.astype(np.float64).reshape(e.shape), e.astype(np.float64), rtol=rtol, atol=atol))


# ---------------------------------------------------------------- describing values
def _num(v) -> str:
    if isinstance(v, (bool, np.bool_)):
        return str(bool(v))
    if isinstance(v, (int, np.integer)):
        return str(int(v))
    return f"{float(v):.6g}"


def _values(a: np.ndarray, n: int = 6) -> str:
    flat = a.reshape(-1)
    shown = ", ".join(_num(v) for v in flat[:n])
    return f"[{shown}{', ...' if flat.size > n else ''}]"


def summarize(x, *, values: bool = True, depth: int = 0) -> str:
    """A one-line description of a value: type, shape, dtype and (unless values=False)
    its first few numbers. Deterministic: no addresses, no timings."""
    if depth > 3:
        return "..."
    if isinstance(x, Fn):
        return x.source if values else "a function"
    if isinstance(x, tuple):
        return "(" + ", ".join(summarize(v, values=values, depth=depth + 1) for v in x) + ")"
    if type(x) is list:
        inner = ", ".join(summarize(v, values=values, depth=depth + 1) for v in x[:4])
        return f"list of {len(x)} [{inner}{', ...' if len(x) > 4 else ''}]"
    if type(x) is dict:
        return "{" + ", ".join(f"{k}: {summarize(v, values=values, depth=depth + 1)}"
                               for k, v in list(x.items())[:6]) + ("}" if len(x) <= 6 else f", ... ({len(x)} keys)}}")
    if type(x) is str:  # a sentence: show it (shortened), it is the input that matters
        return (repr(x) if len(x) <= 60 else repr(x[:57]) + "...") if values else "a string"
    a = _plain_array(x)
    if a is None:
        return _type_name(x)
    if a.ndim == 0:
        name = type(x).__name__ if type(x) in (bool, int, float) else str(a.dtype)
        return f"{name} {_num(a[()])}" if values else name
    head = f"array {a.shape} {a.dtype}"
    return f"{head} {_values(a)}" if values else head
