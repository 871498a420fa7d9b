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

__all__ = ["check", "run_cases"]


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


def run_cases(fn: Callable, ex: Exercise, cases: list[Case]) -> list[runner.Outcome]:
    """Outcomes of `fn` on `cases` (in this process, with the exercise's time limit)."""
    return runner.run_cases(fn, cases, ex.time_limit, finish=_plain)


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
    return evaluate(ex, cases, run_cases(fn, ex, cases), reveal_inputs=True)
