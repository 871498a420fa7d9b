"""``check(fn)``: run an exercise's public cases against a learner's function, in the notebook.

The exercise is found by ``fn.__name__``. Each case runs on copies of its inputs under
the exercise's time limit (`runner.run_cases`, the same runner the grader's child
uses); outputs are turned into plain data before they are compared, so an object with
an odd ``__eq__`` or ``__array__`` is never trusted. Returns a `Report`, which
JupyterLab shows as HTML and a console as text.
"""
from __future__ import annotations

from typing import Callable

from . import runner, wire
from .compare import Opaque
from .registry import EXERCISES
from .report import Report, evaluate
from .spec import Case, Exercise

__all__ = ["check", "run_cases", "call_once", "LiveProbes", "probe_outcomes", "PROBE_BUDGET"]

PROBE_BUDGET = 20.0
"""Seconds the diagnostic calls of one exercise may take in all."""


def _plain_calls(calls: list) -> list:
    """Traced calls as plain data (a call whose values cannot be read is dropped)."""
    out = []
    for c in calls:
        try:
            item = {"fn": str(c["fn"]), "args": wire.from_plain(wire.to_plain(tuple(c["args"]))),
                    "kwargs": wire.from_plain(wire.to_plain(dict(c["kwargs"])))}
            if "error" in c:
                item["error"] = str(c["error"])
            else:
                item["value"] = wire.from_plain(wire.to_plain(c.get("value")))
        except (wire.WireError, RecursionError, TypeError):
            continue
        out.append(item)
    return out


def _plain(out: runner.Outcome) -> runner.Outcome:
    """The outcome with its value and inputs-after as plain data (never the learner's objects)."""
    out.calls = _plain_calls(out.calls)
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


def run_cases(fn: Callable, ex: Exercise, cases: list[Case]) -> list[runner.Outcome]:
    """Outcomes of `fn` on `cases` (in this process, with the exercise's time limit)."""
    return runner.run_cases(fn, cases, ex.time_limit, finish=_plain)


def call_once(fn: Callable, args: tuple, kwargs: dict, limit: float) -> runner.Outcome:
    """One call of a learner's function in this process, as `check` makes it: on copies
    of the inputs, stopped after `limit` seconds, its output as plain data (a widget
    drawing the learner's function uses this)."""
    return _plain(runner.timed_call(fn, Case(tuple(args), dict(kwargs)), limit))


def _course_names() -> list[str]:
    return list(EXERCISES)


class LiveProbes:
    """The learner's function on diagnostic inputs, run here when the feedback asks (only
    for a function that fails): the probe plan, a traced re-run of the graded cases, and a
    re-run with one of the learner's other functions replaced by the right one."""

    def __init__(self, fn: Callable, ex: Exercise, cases: list[Case]):
        self.fn, self.ex, self.cases = fn, ex, cases
        self.namespace = getattr(fn, "__globals__", {})
        self._traced: list | None = None
        self._done = False

    def outcomes(self, plan) -> list[runner.Outcome]:
        outs, _ = runner.probe_phase(self.fn, self.namespace, [p.case for p in plan], [], [],
                                     self.ex.time_limit, PROBE_BUDGET, finish=_plain)
        return outs

    def traced(self) -> list[runner.Outcome] | None:
        if not self._done:
            self._done = True
            _, self._traced = runner.probe_phase(self.fn, self.namespace, [], self.cases, _course_names(),
                                                 self.ex.time_limit, PROBE_BUDGET, finish=_plain)
        return self._traced

    def swapped(self, name: str, standin) -> list[runner.Outcome] | None:
        """The graded cases with the learner's `name` replaced by `standin`."""
        if standin is None or not callable(self.namespace.get(name)):
            return None
        return [_plain(runner.traced_call(self.fn, c, self.namespace, [name], self.ex.time_limit,
                                          replace={name: standin})) for c in self.cases]


def probe_outcomes(fn: Callable, ex: Exercise, cases: list[Case]):
    """What the grader's child sends back for `fn` on these (hidden) cases, computed here:
    the probe plan's outcomes and the traced re-run (no swapping: the child has no
    reference). For tests and the feedback benchmark."""
    from .diagnose import RecordedProbes, probe_plan

    plan = probe_plan(ex, cases)
    outs, traced = runner.probe_phase(fn, getattr(fn, "__globals__", {}), [p.case for p in plan], cases,
                                      _course_names(), ex.time_limit, PROBE_BUDGET, finish=_plain)
    return RecordedProbes(outs, traced)


def _unknown(fn) -> Report:
    name = getattr(fn, "__name__", None)
    what = f"a function named {name!r}" if isinstance(name, str) else f"{type(fn).__name__} objects"
    return Report(str(name), 0.0, 0.0, "error",
                  f"check() does not know {what}: pass one of the exercise functions, "
                  f"e.g. check(weighted_sum). The exercises are: {', '.join(EXERCISES)}.")


def check(fn: Callable) -> Report:
    """Check a learner's exercise function on the public cases and show the result.

    fn: the learner's function, named as in the exercise (e.g. ``weighted_sum``).
    Returns a `Report` (HTML in JupyterLab, text in a console).
    """
    name = getattr(fn, "__name__", None)
    if not callable(fn) or name not in EXERCISES:
        return _unknown(fn)
    ex = EXERCISES[name]
    cases = ex.public_cases()
    return evaluate(ex, cases, run_cases(fn, ex, cases), reveal_inputs=True, probes=LiveProbes(fn, ex, cases))
