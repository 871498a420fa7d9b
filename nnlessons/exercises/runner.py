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
import time
import traceback
import warnings
from dataclasses import dataclass, field
from typing import Any, Callable, Literal

import numpy as np

from .spec import Case, Fn

__all__ = ["Outcome", "CaseTimeout", "call_case", "timed_call", "run_cases", "materialise", "array_args",
           "learner_traceback", "error_frame", "calls_to", "traced_call", "probe_phase", "MAX_TRACED_CALLS"]

Status = Literal["ok", "not_implemented", "error", "timeout"]

_setitimer, _signal, _getsignal = getattr(signal, "setitimer", None), signal.signal, signal.getsignal
_deepcopy, _ndarray = copy.deepcopy, np.ndarray
_monotonic = time.monotonic
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
    frame: for an "error", where it happened in the learner's code: ``{"line": the
        source line, "vars": {name: {"shape": [...], "dtype": "float64"} | {"type":
        "float"} | {"keys": [...]}}}`` (plain data; `error_frame`).
    calls: for a traced call (`traced_call`), the learner's other exercise functions it
        called: ``[{"fn": name, "args": ..., "kwargs": ..., "value": ... | "error": ...}]``.
    """

    status: Status
    value: Any = None
    error: str = ""
    args_after: tuple = field(default_factory=tuple)
    warnings: list = field(default_factory=list)
    frame: dict = field(default_factory=dict)
    calls: list = field(default_factory=list)


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


_LIBRARY = ("site-packages", "dist-packages", "/lib/python", "nnlessons", "<frozen")


def _describe_var(v) -> dict | None:
    if isinstance(v, _ndarray):
        return {"shape": [int(n) for n in v.shape], "dtype": str(v.dtype)}
    if type(v) is dict:
        return {"keys": [str(k) for k in list(v)[:12]]}
    if type(v) in (bool, int, float, str, list, tuple, type(None)):
        return {"type": type(v).__name__} | ({"len": len(v)} if type(v) in (list, tuple, str) else {})
    if isinstance(v, np.generic):
        return {"type": "float" if isinstance(v, np.floating) else type(v).__name__}
    return None


def error_frame(exc: BaseException) -> dict:
    """Where `exc` happened in the learner's code (the last frame outside libraries): its
    source line and its local variables' shapes, dtypes, types or dict keys (no values)."""
    tb, last = exc.__traceback__, None
    while tb is not None:
        if not any(s in tb.tb_frame.f_code.co_filename for s in _LIBRARY):
            last = tb
        tb = tb.tb_next
    if last is None:
        return {}
    frame = last.tb_frame
    line = ""
    try:
        import linecache

        line = linecache.getline(frame.f_code.co_filename, last.tb_lineno).strip()
    except Exception:  # noqa: BLE001 (a frame without source)
        pass
    described = {}
    for name, v in list(frame.f_locals.items())[:40]:
        d = _describe_var(v)
        if d is not None and isinstance(name, str):
            described[name] = d
    return {"line": line[:300], "vars": described}


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
        try:
            frame = error_frame(exc)
        except Exception:  # noqa: BLE001 (describing must never fail a call)
            frame = {}
        return Outcome("error", error=learner_traceback(exc), frame=frame)
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


# ------------------------------------------------------------------ tracing (feedback)
MAX_TRACED_CALLS = 6
"""At most this many calls to the learner's other functions are recorded per traced call."""


def _code_names(code, seen: set) -> set:
    names = set(code.co_names)
    for const in code.co_consts:
        if hasattr(const, "co_names") and id(const) not in seen:
            seen.add(id(const))
            names |= _code_names(const, seen)
    return names


def calls_to(fn, namespace: dict, names) -> list[str]:
    """Which of `names` (the course's other exercise functions) `fn` may call through
    `namespace`: named in its code, or in the code of a namespace function it names (one
    level: a learner's helper), and defined (callable) in the namespace."""
    code = getattr(fn, "__code__", None)
    if code is None:
        return []
    direct = _code_names(code, set())
    seen = set(direct)
    for n in direct:
        helper = namespace.get(n)
        if callable(helper) and getattr(helper, "__code__", None) is not None and helper is not fn:
            seen |= _code_names(helper.__code__, set())
    own = getattr(fn, "__name__", None)
    return [n for n in names if n in seen and n != own and callable(namespace.get(n))]


def _tracer(name: str, real, log: list):
    def traced(*args, **kwargs):
        record = {"fn": name, "args": _deepcopy(args), "kwargs": _deepcopy(kwargs)} \
            if len(log) < MAX_TRACED_CALLS else None
        try:
            value = real(*args, **kwargs)
        except Exception as exc:
            if record is not None:
                record["error"] = f"{type(exc).__name__}: {exc}"[:300]
                log.append(record)
            raise
        if record is not None:
            record["value"] = _deepcopy(value)
            log.append(record)
        return value
    traced.__name__ = name
    traced.__wrapped__ = real
    return traced


def traced_call(fn, case: Case, namespace: dict, deps: list[str], limit: float, contain: bool = False,
                replace: dict | None = None) -> Outcome:
    """`timed_call` with each of `deps` (the learner's other exercise functions in
    `namespace`, the dict `fn` looks its globals up in) wrapped so its calls are recorded
    in `Outcome.calls`; `replace` swaps some for stand-ins first (e.g. a reference, to see
    whether `fn` is right on its own). The namespace is restored afterwards."""
    saved = {n: namespace[n] for n in deps if n in namespace}
    log: list = []
    try:
        for n, real in saved.items():
            namespace[n] = _tracer(n, (replace or {}).get(n, real), log)
        out = timed_call(fn, case, limit, contain)
    finally:
        namespace.update(saved)
    out.calls = log
    return out


def probe_phase(fn, namespace: dict, probe_cases: list[Case], graded: list[Case], names, limit: float,
                budget: float, finish: Callable[[Outcome], Any] = lambda o: o,
                contain: bool = False) -> tuple[list, list | None]:
    """The feedback-only calls after the graded ones (the grader's child and `check` run
    this same code): `fn` on each probe case, then, if `fn` calls some of `names` (the
    learner's other exercise functions in `namespace`), the graded cases again with those
    calls traced. Each call is stopped after `limit` seconds and the whole phase after
    `budget`; what is left is a "timeout" outcome. Returns (probe outcomes, traced
    outcomes or None)."""
    deadline = _monotonic() + budget

    def run(case, deps=None):
        left = min(limit, deadline - _monotonic())
        if left <= 0:
            return finish(Outcome("timeout", error="not run: the time for probing is spent"))
        out = traced_call(fn, case, namespace, deps, left, contain) if deps else timed_call(fn, case, left, contain)
        return finish(out)

    outs = [run(c) for c in probe_cases]
    deps = calls_to(fn, namespace, names)
    traced = [run(c, deps) for c in graded] if deps else None
    return outs, traced
