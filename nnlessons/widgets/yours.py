"""Your code in the widget: a learner's exercise function drives a lesson's figure,
beside the package's own.

A widget builder that draws something an exercise asks for takes the learner's function
as a keyword argument named like the exercise (``activation_app(sigmoid=sigmoid)``).
It wraps each one in a `YourFunction`: calling it calls the learner's function safely
(on copies of the inputs, under a time limit, its output turned into plain data, as
`check` does), calls the package's function on the same inputs, compares the two, and
returns the values to draw: the learner's when they can be drawn, the package's
otherwise. What happened is kept (`last`): the figure draws the package's values faint
where the learner's part from them, and `YourCode.line` says so in one line that names
the mistake when ``check`` would (the same diagnosis: ``check(fn).hint``).

Never a broken widget: a function that raises, loops past the time limit, or returns
the wrong shape or type gets an inline message and the package's values are drawn
alone; the controls stay live. A slow function tells the widget how many points it can
afford (`YourFunction.points`), so the picture loses resolution, not responsiveness.
"""
from __future__ import annotations

import html
import math
import time
from dataclasses import dataclass
from typing import Any, Callable, Literal

import ipywidgets as W
import numpy as np

from ..plots.beside import ATOL, RTOL, differing

__all__ = ["Result", "Unusable", "YourFunction", "YourCode", "BUDGET_S", "differing_values", "flat_values", "plain"]

Status = Literal["package", "same", "form", "differs", "error", "unusable", "timeout", "not_written"]

BUDGET_S = 0.015
"""Seconds a learner's function may take per widget update before the widget asks it for
fewer points (`YourFunction.points`)."""

FIRST_LIMIT_S = 2.0
"""Seconds one call may run before it is stopped (a loop): the widget then stops calling it."""


class Unusable(Exception):
    """A learner's function gave no value (`YourFunction.quick`); the message says why."""


@dataclass
class Result:
    """One call of a `YourFunction`: the values to draw (`value`: the learner's when
    drawable, else the package's), the package's (`expected`), the `status`, where they
    differ (`where`: a boolean array shaped like the drawn values, for "differs") and the
    one-line `message` (empty for "package").

    Statuses: "package" (no learner function given), "same", "form" (the right values in
    another form: integers, a list), "differs", "error", "unusable" (a shape or type that
    cannot be drawn), "timeout", "not_written" (the stub)."""

    value: Any
    expected: Any
    status: Status
    where: np.ndarray | None = None
    message: str = ""

    @property
    def yours(self) -> bool:
        """Whether `value` is the learner's."""
        return self.status in ("same", "differs", "form")


class YourFunction:
    """The learner's implementation of exercise `name` beside the package's `reference`
    (same signature: the exercise's). ``fn`` None, or the reference itself, draws the
    package's alone with no message (the widget as it always was).

    Call it like the exercise function; it returns the values to draw and keeps the
    `Result` in `last`. `seconds` is how long the learner's last call took.
    """

    def __init__(self, name: str, fn: Callable | None, reference: Callable, *, what: str = "points",
                 shown: str = ""):
        if fn is not None and not callable(fn):
            raise TypeError(f"{name}= takes your function (e.g. {name}={name}), not {type(fn).__name__}")
        self.name, self.fn, self.reference, self.what = name, fn, reference, what
        self.shown = shown  # where the widget shows the package's values, for the line ("in grey")
        self.given = fn is not None and fn is not reference
        self.stopped = False  # a call ran past the time limit: not called again
        self.seconds = 0.0
        self.calls = 0
        self.last: Result | None = None
        self._diagnosis: str | None = None
        self._hinted = False

    # ------------------------------------------------------------------ calling
    def __call__(self, *args, **kwargs):
        self.last = self.compare(*args, **kwargs)
        return self.last.value

    def compare(self, *args, **kwargs) -> Result:
        """Call both functions on `args` and compare; the `Result`."""
        expected = _quiet(self.reference, *args, **kwargs)
        if not self.given:
            return Result(expected, expected, "package")
        if self.stopped:
            return Result(expected, expected, "timeout", message=self._stopped_message())
        out = self._call(args, kwargs)
        if out.status == "timeout":
            self.stopped = True
            return Result(expected, expected, "timeout", message=self._stopped_message())
        if out.status == "not_implemented":
            return Result(expected, expected, "not_written", message=(
                f"Your {self.name} is not written yet (it still raises NotImplementedError): "
                f"the package's {self.name} is drawn. Write it, run its cell, then run this cell again."))
        if out.status == "error":
            first = out.error.splitlines()
            where = f" ({first[-1].strip()})" if len(first) > 1 else ""
            named = f" {self.diagnosis()}" if self.hinted() else ""
            return Result(expected, expected, "error", message=(
                f"Your {self.name} raised {first[0]}{where} on what this widget draws: the package's "
                f"{self.name} is drawn instead.{named} Fix it, run its cell, then run this cell again."))
        return self._judge(expected, out.value)

    def quick(self, *args, **kwargs):
        """The learner's value alone, for calls inside a loop (a training run): on copies,
        under the time limit, as plain data, but not compared; raises `Unusable` saying
        why when it raised, looped or was not written. Use `__call__` for what is drawn."""
        if self.stopped:
            raise Unusable(f"did not return within {FIRST_LIMIT_S:g} s before, so it is not called again")
        out = self._call(args, kwargs)
        self.stopped = out.status == "timeout"
        if out.status != "ok":
            raise Unusable({"not_implemented": "is not written yet",
                            "timeout": f"did not return within {FIRST_LIMIT_S:g} s"}.get(
                out.status, "raised " + (out.error or "an error").splitlines()[0]))
        return out.value

    def _call(self, args: tuple, kwargs: dict):
        from ..exercises import runner
        from ..exercises.spec import Case

        t = time.perf_counter()
        out = runner.timed_call(self.fn, Case(args, kwargs), FIRST_LIMIT_S)
        self.seconds = time.perf_counter() - t
        self.calls += 1
        if out.status == "ok":
            out.value = plain(out.value)
        return out

    def _judge(self, expected, got) -> Result:
        from ..exercises.compare import compare

        verdict = compare(expected, got, rtol=RTOL, atol=ATOL)
        if verdict.passed:
            return Result(got, expected, "same", message=self._same_message())
        where = differing_values(expected, got)
        if where is not None and not where.any():  # the right values in another form (ints, a list...)
            return Result(got, expected, "form", where, (
                f"Your {self.name} gives the right values here, but {_sentence(verdict.reason)} {self.diagnosis()}"))
        if where is None:  # not comparable value by value: a wrong shape, type or structure
            return Result(expected, expected, "unusable", message=(
                f"Your {self.name} returned something this widget cannot draw: {_sentence(verdict.reason)} "
                f"The package's {self.name} is drawn instead; {self._named()}"))
        return Result(got, expected, "differs", where, self._differs_message(expected, got, where))

    # ------------------------------------------------------------------ words
    def diagnosis(self) -> str:
        """What ``check`` says of the learner's function: the named mistake or relation
        (its hint), else its verdict, computed once (the same diagnosis as ``check``)."""
        if self._diagnosis is None:
            from ..exercises.checker import check

            try:
                report = check(self.fn)
            except Exception as exc:  # noqa: BLE001 (a check that cannot run must not break the widget)
                self._diagnosis = f"check({self.name}) could not run ({type(exc).__name__})."
            else:
                self._hinted = bool(report.hint)
                if report.hint:
                    self._diagnosis = f"check({self.name}): {report.hint}"
                elif report.passed:
                    self._diagnosis = (f"check({self.name}) passes its cases, so the difference is in "
                                       f"inputs only this widget draws.")
                else:
                    self._diagnosis = f"check({self.name}): {_sentence(report.message)}"
        return self._diagnosis

    def hinted(self) -> bool:
        """Whether ``check`` names a mistake or a relation (a hint) for the learner's function."""
        self.diagnosis()
        return self._hinted

    def _named(self) -> str:
        return self.diagnosis()

    def _differs_message(self, expected, got, where: np.ndarray) -> str:
        e, g, where = flat_values(expected, expected), flat_values(got, expected), np.ravel(where)
        k, bad = int(where.sum()), ~np.isfinite(g) & np.isfinite(e)
        if e.size == 1:
            said = f"gives {_num(g[0])} where the package's gives {_num(e[0])}"
        else:
            gap = np.abs(g - e)[where & ~bad]
            said = f"differs from the package's{f' ({self.shown})' if self.shown else ''} at {k} of {e.size} {self.what} drawn"
            if gap.size:
                said += f", by up to {_num(float(gap.max()))}"
            if bad.any():
                said += f"{' and' if gap.size else ','} gives nan or inf (not a number) at {int(bad.sum())} of them"
        return f"Your {self.name} {said}. {self.diagnosis()}"

    def _same_message(self) -> str:
        note = self.diagnosis()
        if note.startswith(f"check({self.name}) passes"):
            return f"Your {self.name} matches the package's on everything drawn here, and passes its check."
        return (f"Your {self.name} matches the package's on everything drawn here. "
                f"Elsewhere it does not: {note}")

    def _stopped_message(self) -> str:
        return (f"Your {self.name} did not return within {FIRST_LIMIT_S:g} s (a loop that never ends?), so "
                f"this widget stopped calling it and draws the package's {self.name}. Fix it, run its "
                "cell, then run this cell again.")

    # ------------------------------------------------------------------ resolution
    def points(self, full: int, used: int | None = None, minimum: int = 16) -> int:
        """How many points (of `full`) the widget can ask the learner's function for and
        stay within `BUDGET_S` a call, from the last call's time over `used` points
        (default `full`): `full` for a fast function (or none given), fewer for a slow one."""
        if self.last is None or not self.last.yours or self.seconds <= BUDGET_S:
            return full  # nothing of the learner's drawn (none given, or it failed), or fast enough
        per_point = self.seconds / max(used or full, 1)
        return int(min(full, max(minimum, BUDGET_S / per_point)))


def plain(value, depth: int = 0):
    """The learner's returned value as plain data, never trusting its methods: numbers,
    numeric arrays (copied as plain ndarrays), None, strings, and tuples, lists and dicts
    of them; anything else becomes an `Opaque` marker (compared as "not a number or an
    array"). The checks' wire encoding does the same through JSON and base64: too slow for a
    call on every slider step."""
    from ..exercises.compare import Opaque

    t = type(value)
    if value is None or t in (bool, int, float, str):
        return value
    if isinstance(value, (np.ndarray, np.generic)):
        a = np.array(value, copy=True, subok=False)
        if a.dtype.kind not in "biuf":
            return Opaque(f"an array of {a.dtype}")
        return a if isinstance(value, np.ndarray) else a[()].item()
    if depth < 20 and t in (tuple, list):
        return t(plain(v, depth + 1) for v in value)
    if depth < 20 and t is dict and all(type(k) is str for k in value):
        return {k: plain(v, depth + 1) for k, v in value.items()}
    return Opaque(t.__name__)


def differing_values(expected, got) -> np.ndarray | None:
    """Where the learner's values part from the package's (`differing`), or None when
    they cannot be compared value by value (another shape, a non-numeric value). A
    tuple, list or dict of arrays (``neuron_grads``' (dw, db), ``l2_grads``' dict) is
    compared part by part, as one flat array, when every part has the package's shape."""
    if isinstance(expected, (tuple, list, dict)):
        e, g = flat_values(expected, expected), flat_values(got, expected)
        return None if e is None or g is None else differing(g, e)
    try:
        e = np.asarray(expected, dtype=float)
        g = np.asarray(got, dtype=float)
    except (TypeError, ValueError):
        return None
    return differing(g, e) if e.shape == g.shape else None


def flat_values(value, like) -> np.ndarray | None:
    """`value`'s numbers as one flat float array, part by part in the order of `like` (a
    number, an array, or a tuple, list or dict of them); None unless every part has
    `like`'s shape (and a dict its keys)."""
    if isinstance(like, dict):
        if type(value) is not dict or set(value) != set(like):
            return None
        parts = [flat_values(value[k], like[k]) for k in like]
    elif isinstance(like, (tuple, list)):
        if type(value) not in (tuple, list) or len(value) != len(like):
            return None
        parts = [flat_values(v, w) for v, w in zip(value, like)]
    else:
        try:
            a = np.asarray(value, dtype=float)
        except (TypeError, ValueError):
            return None
        return a.ravel() if a.shape == np.shape(like) else None
    if any(p is None for p in parts):
        return None
    return np.concatenate(parts) if parts else np.empty(0)


class YourCode:
    """The learner's functions given to one widget, by exercise name, and the line that
    says how they compare (`line`, an HTML widget; empty when none was given).

    functions: ``{name: (learner's function or None, the package's function[, what])}``,
    `what` naming the drawn values in the line ("points" unless given: "pixels", "images").
    Usage: ``yours = YourCode(sigmoid=(sigmoid, act.sigmoid))``; draw with
    ``yours["sigmoid"](z)``; after an update, ``yours.show()`` refreshes the line and
    returns what a test reads (``{name: {"status", "message", "differ"}}``).
    """

    def __init__(self, **functions: tuple):
        self.functions = {name: YourFunction(name, *given[:2], what=given[2] if len(given) > 2 else "points")
                          for name, given in functions.items()}
        self.line = W.HTML(layout=W.Layout(display="" if self.given else "none"))

    @property
    def given(self) -> bool:
        """Whether the learner gave any function."""
        return any(f.given for f in self.functions.values())

    def __getitem__(self, name: str) -> YourFunction:
        return self.functions[name]

    def show(self, names: list[str] | None = None) -> dict[str, dict]:
        """Refresh the line from the last calls of `names` (default: every given function
        called so far); return their states."""
        chosen = [f for f in self.functions.values()
                  if f.given and f.last is not None and (names is None or f.name in names)]
        state = {f.name: {"status": f.last.status, "message": f.last.message,
                          "differ": int(f.last.where.sum()) if f.last.where is not None else 0}
                 for f in chosen}
        if self.given:
            self.line.value = "".join(_line_html(f.last) for f in chosen)
        return state


_MARKS = {"same": ("✓", "#009E73"), "form": ("~", "#E69F00"), "differs": ("✗", "#D55E00"), "error": ("!", "#D55E00"),
          "unusable": ("!", "#D55E00"), "timeout": ("!", "#D55E00"), "not_written": ("…", "#999999")}


def _line_html(r: Result) -> str:
    mark, colour = _MARKS.get(r.status, ("", "#000000"))
    return (f"<div style='margin:2px 0;max-width:760px'><b style='color:{colour}'>{mark}</b> "
            f"{html.escape(r.message)}</div>")


def _quiet(fn: Callable, *args, **kwargs):
    with np.errstate(all="ignore"):
        return fn(*args, **kwargs)


def _num(x: float) -> str:
    if not math.isfinite(x):
        return f"{x} (not a number)" if math.isnan(x) else str(x)
    return f"{x:.3g}"


def _sentence(text: str) -> str:
    """`text` ending with one full stop (not "?." when it ends with a question)."""
    text = text.strip()
    return text if text.endswith((".", "?", "!")) else text + "."
