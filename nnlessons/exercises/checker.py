"""``check(fn)``: run an exercise's public cases against a learner's function, in the notebook.

The exercise is found by ``fn.__name__``. Each case runs on copies of its inputs
(`runner.call_case`), under a time limit (SIGALRM, when called from the main
thread); outputs are turned into plain data before they are compared, so an object
with an odd ``__eq__`` or ``__array__`` is never trusted. Returns a `Report`, which
JupyterLab shows as HTML and a console as text.
"""
from __future__ import annotations

import signal
import sys
import threading
from typing import Callable

from . import runner, wire
from .compare import Opaque
from .registry import EXERCISES
from .report import Report, evaluate
from .spec import Case, Exercise

__all__ = ["check", "run_cases"]


class _TimeLimit(BaseException):
    """Raised by the alarm inside a learner's function (a BaseException, so the
    runner's ``except Exception`` does not turn it into an ordinary error)."""


def _on_alarm(signum, frame):
    raise _TimeLimit()


def _timed_call(fn, case: Case, namespace: dict, ex: Exercise) -> runner.Outcome:
    use_alarm = threading.current_thread() is threading.main_thread() and hasattr(signal, "setitimer")
    if not use_alarm:
        return runner.call_case(fn, case, namespace, ex.driver)
    old = signal.signal(signal.SIGALRM, _on_alarm)
    # re-fires every 0.5 s in case the learner's code swallows the first one
    signal.setitimer(signal.ITIMER_REAL, ex.time_limit, 0.5)
    try:
        return runner.call_case(fn, case, namespace, ex.driver)
    except _TimeLimit:
        return runner.Outcome("timeout", error=f"stopped after {ex.time_limit:g} s")
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)


def _plain(out: runner.Outcome) -> runner.Outcome:
    """The outcome with its value and inputs-after as plain data (never the learner's objects)."""
    if out.status != "ok":
        return out
    try:
        out.value = wire.from_plain(wire.to_plain(out.value))
    except wire.WireError:
        out.value = Opaque(type(out.value).__name__)
    except RecursionError:
        out.value = Opaque("(a value nested too deeply)")
    out.args_after = tuple(wire.from_plain(wire.to_plain(a)) for a in out.args_after)
    return out


def run_cases(fn: Callable, ex: Exercise, cases: list[Case], namespace: dict | None = None
              ) -> list[runner.Outcome]:
    """Outcomes of `fn` on `cases` (in this process, with the exercise's time limit)."""
    namespace = dict(namespace or {})
    outcomes: list[runner.Outcome] = []
    for c in cases:
        if outcomes and outcomes[-1].status == "timeout":  # don't wait out every case
            outcomes.append(runner.Outcome("timeout", error="not run: an earlier case was stopped"))
            continue
        outcomes.append(_plain(_timed_call(fn, c, namespace, ex)))
    return outcomes


def _unknown(fn) -> Report:
    name = getattr(fn, "__name__", None)
    what = f"a function named {name!r}" if isinstance(name, str) else f"{type(fn).__name__} objects"
    return Report(str(name), 0.0, 0.0, "error",
                  f"check() does not know {what}: pass one of the exercise functions, "
                  f"e.g. check(weighted_sum). The exercises are: {', '.join(EXERCISES)}.")


def _caller_globals() -> dict:
    frame = sys._getframe(1)
    while frame is not None and frame.f_globals.get("__name__") == __name__:
        frame = frame.f_back
    return frame.f_globals if frame is not None else {}


def check(fn: Callable, *, namespace: dict | None = None) -> Report:
    """Check a learner's exercise function on the public cases and show the result.

    fn: the learner's function, named as in the exercise (e.g. ``weighted_sum``).
    namespace: where to find the other functions an exercise needs (``predict_digits``
        for ``train_digits``); by default the caller's globals (the notebook's).
    Returns a `Report` (HTML in JupyterLab, text in a console).
    """
    name = getattr(fn, "__name__", None)
    if not callable(fn) or name not in EXERCISES:
        return _unknown(fn)
    ex = EXERCISES[name]
    if namespace is None:
        namespace = _caller_globals()
    cases = ex.public_cases()
    return evaluate(ex, cases, run_cases(fn, ex, cases, namespace), reveal_inputs=True)
