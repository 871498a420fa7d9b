"""Call a learner's function on one case and capture what happened, as plain data.

Used in-process by `check` and inside the grader's sandboxed child, so it imports
nothing from the package but `spec` and `wire` (never a reference implementation).
"""
from __future__ import annotations

import copy
import time
import traceback
import warnings
from dataclasses import dataclass, field
from typing import Any, Literal

import numpy as np

from .spec import Case, Fn

Status = Literal["ok", "not_implemented", "error", "timeout"]


@dataclass
class Outcome:
    """What one call did.

    status: "ok" (value holds the output), "not_implemented" (the stub still raises
        NotImplementedError), "error" (error holds the exception, as text, with the
        learner's line), "timeout" (stopped after the exercise's time limit).
    value: the output (for train_predict: what the ``then`` function returned).
    args_after: the positional arguments as they were after the call (to tell a
        function that changed its inputs).
    warnings: the distinct warning messages the call raised (e.g. numpy's
        "overflow encountered in exp"), in order, at most 5.
    """

    status: Status
    value: Any = None
    error: str = ""
    seconds: float = 0.0
    args_after: tuple = field(default_factory=tuple)
    warnings: list = field(default_factory=list)


def materialise(value):
    """A deep copy of a case value with `Fn` markers turned into callables."""
    if isinstance(value, Fn):
        return value.build()
    if isinstance(value, tuple):
        return tuple(materialise(v) for v in value)
    if isinstance(value, list):
        return [materialise(v) for v in value]
    if isinstance(value, dict):
        return {k: materialise(v) for k, v in value.items()}
    return copy.deepcopy(value)


def learner_traceback(exc: BaseException, filename_hint: str = "") -> str:
    """The exception as ``Type: message`` plus the learner's frames (package frames dropped)."""
    frames = [f for f in traceback.extract_tb(exc.__traceback__)
              if "nnlessons" not in f.filename or (filename_hint and filename_hint in f.filename)]
    lines = [f"  line {f.lineno} in {f.name}: {(f.line or '').strip()}" for f in frames[-3:]]
    head = f"{type(exc).__name__}: {exc}"
    return "\n".join([head, *lines])


def _messages(caught) -> list:
    out: list = []
    for w in caught:
        text = f"{w.category.__name__}: {w.message}"
        if text not in out and len(out) < 5:
            out.append(text)
    return out


def call_case(fn, case: Case, namespace: dict | None = None, driver: str = "call") -> Outcome:
    """Run ``fn(*case.args, **case.kwargs)`` on copies of the inputs; never raises
    for the learner's errors (KeyboardInterrupt and SystemExit still propagate).
    Warnings raised during the call are recorded in `Outcome.warnings`."""
    with warnings.catch_warnings(record=True) as caught, \
            np.errstate(over="warn", divide="warn", invalid="warn", under="ignore"):
        warnings.simplefilter("always")
        out = _call(fn, case, namespace, driver)
    out.warnings = _messages(caught)
    return out


def _call(fn, case: Case, namespace: dict | None, driver: str) -> Outcome:
    args = materialise(case.args)
    kwargs = materialise(case.kwargs)
    start = time.perf_counter()
    try:
        value = fn(*args, **kwargs)
        if driver == "train_predict" and case.then is not None:
            then_name, extra = case.then
            then_fn = (namespace or {}).get(then_name)
            if then_fn is None:
                raise NameError(f"{then_name} is not defined: run the cell that defines it")
            value = then_fn(value, *materialise(extra))
    except NotImplementedError:
        return Outcome("not_implemented", seconds=time.perf_counter() - start)
    except Exception as exc:  # the learner's error is data, not a crash
        return Outcome("error", error=learner_traceback(exc), seconds=time.perf_counter() - start)
    return Outcome("ok", value=value, seconds=time.perf_counter() - start,
                   args_after=tuple(a for a in args if isinstance(a, np.ndarray)))
