"""Call a learner's function on cases and capture what happened, as plain data.

Used in-process by `check` and inside the grader's sandboxed child, so it imports
nothing from the package but `spec` (never a reference implementation). The functions
it relies on are captured when it is imported (in the grader: before any learner code
exists), so learner code that replaces ``signal.setitimer`` or ``copy.deepcopy`` changes
nothing here.
"""
from __future__ import annotations

import copy
import signal
import threading
import traceback
import warnings
from dataclasses import dataclass, field
from typing import Any, Callable, Literal

import numpy as np

from .spec import Case, Fn

__all__ = ["Outcome", "CaseTimeout", "call_case", "timed_call", "run_cases", "materialise", "array_args",
           "learner_traceback"]

Status = Literal["ok", "not_implemented", "error", "timeout"]

_setitimer, _signal, _getsignal = getattr(signal, "setitimer", None), signal.signal, signal.getsignal
_deepcopy, _ndarray = copy.deepcopy, np.ndarray
_REFIRE = 0.5  # the timer fires again every 0.5 s, in case learner code swallows the first


@dataclass
class Outcome:
    """What one call did.

    status: "ok" (value holds the output), "not_implemented" (the stub still raises
        NotImplementedError), "error" (error holds the exception, as text, with the
        learner's line), "timeout" (stopped after the exercise's time limit).
    value: the output.
    args_after: the array arguments as they were after the call (to tell a function
        that changed its inputs).
    warnings: the distinct warning messages the call raised (e.g. numpy's
        "overflow encountered in exp"), in order, at most 5.
    """

    status: Status
    value: Any = None
    error: str = ""
    args_after: tuple = field(default_factory=tuple)
    warnings: list = field(default_factory=list)


class CaseTimeout(BaseException):
    """Raised by the interval timer inside a learner's function that ran past its limit
    (a BaseException, so the learner's ``except Exception`` does not swallow it)."""


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
    return _deepcopy(value)


def array_args(args: tuple, kwargs: dict) -> tuple:
    """The arrays a call was given, positional then keyword, in order, including those
    inside list, tuple and dict arguments (e.g. a params dict of weight matrices)."""
    found: list = []

    def walk(v, depth: int = 0) -> None:
        if isinstance(v, _ndarray):
            found.append(v)
        elif depth < 4 and type(v) in (list, tuple):
            for item in v:
                walk(item, depth + 1)
        elif depth < 4 and type(v) is dict:
            for item in v.values():
                walk(item, depth + 1)

    for v in (*args, *kwargs.values()):
        walk(v)
    return tuple(found)


def learner_traceback(exc: BaseException) -> str:
    """The exception as ``Type: message`` plus the learner's frames (package frames dropped)."""
    frames = [f for f in traceback.extract_tb(exc.__traceback__) if "nnlessons" not in f.filename]
    lines = [f"  line {f.lineno} in {f.name}: {(f.line or '').strip()}" for f in frames[-3:]]
    return "\n".join([f"{type(exc).__name__}: {exc}", *lines])


def _messages(caught) -> list:
    out: list = []
    for w in caught:
        text = f"{w.category.__name__}: {w.message}"
        if text not in out and len(out) < 5:
            out.append(text)
    return out


def call_case(fn, case: Case) -> Outcome:
    """Run ``fn(*case.args, **case.kwargs)`` on copies of the inputs; never raises for
    the learner's errors (BaseExceptions such as KeyboardInterrupt still propagate).
    Warnings raised during the call are recorded in `Outcome.warnings`."""
    with warnings.catch_warnings(record=True) as caught, \
            np.errstate(over="warn", divide="warn", invalid="warn", under="ignore"):
        warnings.simplefilter("always")
        out = _call(fn, case)
    out.warnings = _messages(caught)
    return out


def _call(fn, case: Case) -> Outcome:
    args = materialise(case.args)
    kwargs = materialise(case.kwargs)
    try:
        value = fn(*args, **kwargs)
    except NotImplementedError:
        return Outcome("not_implemented")
    except Exception as exc:  # the learner's error is data, not a crash
        return Outcome("error", error=learner_traceback(exc))
    return Outcome("ok", value=value, args_after=array_args(args, kwargs))


def _on_alarm(signum, frame):  # noqa: ARG001 (signal API)
    raise CaseTimeout()


def timed_call(fn, case: Case, limit: float, contain: bool = False) -> Outcome:
    """`call_case` stopped after `limit` seconds (an interval timer, when called from the
    main thread of a process that has one); a stopped call is a "timeout" outcome.

    contain: also turn SystemExit, KeyboardInterrupt and other BaseExceptions into
    "error" outcomes (the grader's child); otherwise they propagate (a learner who
    interrupts the kernel in the notebook means it)."""
    use_timer = _setitimer is not None and threading.current_thread() is threading.main_thread()
    old = _getsignal(signal.SIGALRM) if use_timer else None
    try:
        if use_timer:
            _signal(signal.SIGALRM, _on_alarm)
            _setitimer(signal.ITIMER_REAL, max(limit, 0.001), _REFIRE)
        try:
            return call_case(fn, case)
        finally:
            if use_timer:
                _setitimer(signal.ITIMER_REAL, 0)
    except CaseTimeout:
        return Outcome("timeout", error=f"stopped after {limit:g} s (the time limit for one case)")
    except SystemExit as exc:
        if not contain:
            raise
        return Outcome("error", error=f"the function called sys.exit({exc.code!r})")
    except BaseException as exc:  # noqa: BLE001 (KeyboardInterrupt, GeneratorExit, ...)
        if not contain:
            raise
        return Outcome("error", error=learner_traceback(exc))
    finally:
        if use_timer:
            _signal(signal.SIGALRM, old)


def run_cases(fn, cases: list[Case], limit: float, finish: Callable[[Outcome], Any] = lambda o: o,
              contain: bool = False) -> list:
    """``finish(outcome)`` of `fn` on each case, each under the time limit. Once a case
    is stopped at the limit the remaining cases are not run (a loop would only hit the
    limit again): each becomes a "timeout" outcome saying so."""
    results: list = []
    stopped = False
    for case in cases:
        if stopped:
            out = Outcome("timeout", error=f"not run: an earlier case was stopped after {limit:g} s")
        else:
            out = timed_call(fn, case, limit, contain)
            stopped = out.status == "timeout"
        results.append(finish(out))
    return results
