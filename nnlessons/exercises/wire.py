"""Plain-data encoding for values that cross between the grader and a sandboxed child.

JSON only; a numpy array travels as its raw bytes in base64, with its dtype (one of
`_KINDS`, checked against a strict pattern) and shape; decoding checks that the bytes
are exactly what the dtype and shape need. Never pickle: a hostile value cannot run
code on decode.
Supported: None, bool, int, float, str, list, tuple, dict with str keys, numpy arrays
of bool/int/uint/float/complex dtype, numpy scalars, and `Fn` markers.
Anything else raises `WireError` naming the type, so the learner is told what to return.
"""
from __future__ import annotations

import base64
import json
import math
import re

import numpy as np

from .spec import Fn


class WireError(TypeError):
    """A value that cannot be sent as plain data."""


_KINDS = "biufc"  # numpy dtype kinds that may cross
_DTYPE = re.compile(r"[<>|=]?[biufc][1-9][0-9]?")  # e.g. '<f8', '|b1', '<c16'
MAX_DIMS = 32  # numpy's own limit


def _enc_array(a: np.ndarray, scalar: bool) -> dict:
    """{"__nd__": base64 of the C-order bytes, "dtype": e.g. '<f8', "shape": [...], "scalar"}."""
    if a.dtype.kind not in _KINDS:
        raise WireError(f"a numpy array of dtype {a.dtype} (only numbers and booleans can be graded)")
    data = a.tobytes(order="C")
    return {"__nd__": base64.b64encode(data).decode("ascii"), "dtype": a.dtype.str,
            "shape": list(a.shape), "scalar": scalar}


def _dec_array(p: dict) -> np.ndarray:
    """The array `_enc_array` encoded (WireError if the fields do not fit together)."""
    dtype, shape = p.get("dtype"), p.get("shape")
    if type(dtype) is not str or not _DTYPE.fullmatch(dtype):
        raise WireError("an encoded array with an unknown dtype")
    if type(shape) is not list or len(shape) > MAX_DIMS or not all(type(n) is int and n >= 0 for n in shape):
        raise WireError("an encoded array with a malformed shape")
    try:
        dt = np.dtype(dtype)
        data = base64.b64decode(p["__nd__"], validate=True)
    except (TypeError, ValueError):
        raise WireError("an encoded array with an unknown dtype or bad base64") from None
    if dt.kind not in _KINDS or len(data) != math.prod(shape) * dt.itemsize:
        raise WireError("an encoded array whose bytes do not match its dtype and shape")
    try:
        if dt.kind == "b":  # a bool byte other than 0 or 1 would compare unlike True: normalise
            return (np.frombuffer(data, dtype=np.uint8) != 0).reshape(shape)
        return np.frombuffer(data, dtype=dt).reshape(shape).copy()  # writable, owns its memory
    except ValueError:  # e.g. a dimension beyond numpy's limits (only with no bytes at all)
        raise WireError("an encoded array with a shape numpy cannot make") from None


def to_plain(x, _depth: int = 0):
    """Encode `x` into JSON-ready structures (raises WireError for other types)."""
    if _depth > 20:
        raise WireError("a value nested more than 20 levels deep")
    t = type(x)
    if x is None or t is bool or t is str:
        return x
    if t is int:
        return x if abs(x) < 2**53 else float(x)
    if t is float:
        return x if math.isfinite(x) else {"__float__": repr(x)}
    if isinstance(x, np.ndarray):
        return _enc_array(np.array(x, copy=True).view(np.ndarray), scalar=False)
    if isinstance(x, np.generic):
        return _enc_array(np.asarray(x), scalar=True)
    if t is list:
        return [to_plain(v, _depth + 1) for v in x]
    if t is tuple:
        return {"__tuple__": [to_plain(v, _depth + 1) for v in x]}
    if t is dict:
        if not all(type(k) is str for k in x):
            raise WireError("a dict whose keys are not all strings")
        return {"__dict__": {k: to_plain(v, _depth + 1) for k, v in x.items()}}
    if t is Fn:
        return {"__fn__": x.source}
    raise WireError(f"an object of type {t.__name__}")


def from_plain(p):
    """Decode what `to_plain` made."""
    if isinstance(p, list):
        return [from_plain(v) for v in p]
    if not isinstance(p, dict):
        return p
    if "__nd__" in p:
        a = _dec_array(p)
        return a[()] if p.get("scalar") else a
    if "__tuple__" in p:
        return tuple(from_plain(v) for v in p["__tuple__"])
    if "__dict__" in p:
        return {k: from_plain(v) for k, v in p["__dict__"].items()}
    if "__float__" in p:
        return float(p["__float__"])
    if "__fn__" in p:
        return Fn(p["__fn__"])
    raise WireError(f"unknown encoded value with keys {sorted(p)}")


def dumps(x) -> str:
    """`x` as a JSON string."""
    return json.dumps(to_plain(x))


def loads(s: str | bytes):
    """The value a `dumps` string holds."""
    return from_plain(json.loads(s))
