"""Grade one parsed submission: build the child's request, run it, decode what came
back, and let the course's `evaluate` decide (in the grading process).

Hidden cases are drawn per (student, notebook, submission) with a seed derived from
all three, so a re-run grades the same inputs, two students do not share one answer
key, and a resubmission meets new inputs (what a learner's own exception text showed
of the last ones is of no use). Only ``args`` and ``kwargs`` of a case cross to the
child (``Case.grade``, the held-out labels, never does). For hidden cases the feedback
shows only the first line of a learner's exception, cut short.

Numerical stability is judged by values (the hidden inputs include those where the
naive formula gives inf or nan); a numpy warning, which a learner can silence, costs
nothing in grading and is only mentioned in the feedback.
"""
from __future__ import annotations

import hashlib
import html
from dataclasses import dataclass

from ...exercises import wire
from ...exercises.runner import Outcome
from ...exercises.spec import Case, Exercise
from .course import Course
from .sandbox.protocol import RunResult
from .text import clean, first_line

__all__ = ["STATUSES", "Row", "PlainReport", "case_seed", "encode_case", "build_request", "decode_outcome", "with_hint", "exercise_row", "draw_cases", "rows_for_run", "error_rows"]

STATUSES = ("passed", "partial", "failed", "not_attempted", "error", "timeout", "missing")
_OUTCOME_STATUSES = ("ok", "not_implemented", "error", "timeout")


@dataclass
class Row:
    """One (student, notebook, exercise) grade, with its feedback (hidden inputs not shown)."""

    student: str
    notebook: str
    exercise: str
    points: float
    max_points: float
    status: str
    message: str
    text: str = ""
    html: str = ""
    mistake: str = ""
    hint: str = ""


class PlainReport:
    """A report the grader writes itself (missing function, malformed notebook, a
    comparison that failed): the same interface as the course's Report."""

    def __init__(self, status: str, message: str, max_points: float, hint: str = ""):
        self.points, self.max_points = 0.0, float(max_points)
        self.status, self.message, self.hint = status, message, hint

    def to_text(self) -> str:
        """The explanation as plain text."""
        return "\n".join(p for p in (f"{self.status}: {self.message}", self.hint) if p)

    def to_html(self) -> str:
        """The explanation as escaped HTML."""
        return f"<pre>{html.escape(self.to_text())}</pre>"


HIDDEN_ERROR_CHARS = 150  # of a learner's exception message on a hidden case


def case_seed(student: str, notebook: str, submission: str = "") -> int:
    """The hidden cases' seed for one student's notebook, for one submission (its
    sha256): the same on a re-run, new on a resubmission."""
    key = f"{student}\0{notebook}\0{submission}".encode("utf-8", "surrogateescape")
    return int(hashlib.sha256(key).hexdigest()[:8], 16)


def encode_case(case: Case) -> dict:
    """What the child gets of a case: its inputs only."""
    return {"args": wire.to_plain(tuple(case.args)), "kwargs": wire.to_plain(dict(case.kwargs))}


PROBE_SHARE = 0.15
"""At most this share of a submission's wall time goes to the probe phase (feedback only)."""


def build_request(course: Course, notebook: str, cells: list[str], cases: dict[str, list[Case]],
                  cell_budget: float, cell_numbers: list[int] | None = None, wall: float | None = None) -> dict:
    """The child's whole input: the cells and, per exercise, its cases (and, when the
    course has a probe plan and `wall` is given, the probe cases the child runs after
    every graded one, within PROBE_SHARE of the wall time and never past 80 % of it)."""
    exercises = []
    for name in course.notebooks[notebook]:
        ex = course.exercises[name]
        item = {"name": name, "time_limit": float(ex.time_limit), "cases": [encode_case(c) for c in cases[name]]}
        if course.probe_plan is not None and wall:
            item["probe"] = {"cases": [encode_case(p.case) for p in course.probe_plan(ex, cases[name])],
                             "trace": sorted(course.exercises)}
        exercises.append(item)
    request = {"cells": cells, "cell_numbers": list(cell_numbers or range(1, len(cells) + 1)),
               "cell_budget": cell_budget, "exercises": exercises}
    if course.probe_plan is not None and wall:
        request["probe_budget"], request["probe_until"] = PROBE_SHARE * wall, 0.8 * wall
    return request


def decode_outcome(plain) -> Outcome:
    """An Outcome from the child's plain data; anything odd becomes an error outcome."""
    if not isinstance(plain, dict) or plain.get("status") not in _OUTCOME_STATUSES:
        return Outcome("error", error="the grader received an unreadable result for this case")
    try:
        value = wire.from_plain(plain["value"]) if plain["status"] == "ok" else None
        args_after = wire.from_plain(plain.get("args_after", {"__tuple__": []})) if plain["status"] == "ok" else ()
    except Exception:  # noqa: BLE001 (untrusted bytes: any decode failure is the learner's error)
        return Outcome("error", error="the grader could not read the value the function returned")
    warnings = [clean(w, 80) for w in plain.get("warnings", []) if isinstance(w, str)][:5]
    error = str(plain.get("error", ""))
    if plain["status"] == "error":  # the learner's text may carry the hidden input: one short line
        error = first_line(error, HIDDEN_ERROR_CHARS) or "an error"
    return Outcome(plain["status"], value=value, error=clean(error, 2000),
                   args_after=tuple(args_after) if isinstance(args_after, tuple) else (),
                   warnings=warnings, frame=_frame(plain.get("frame")), calls=_calls(plain.get("calls")))


def _frame(plain) -> dict:
    """Where a learner's error happened (line and variable shapes), checked as plain data."""
    if not isinstance(plain, dict) or not isinstance(plain.get("vars", {}), dict):
        return {}
    vars_ = {}
    for k, v in list(plain.get("vars", {}).items())[:40]:
        if isinstance(k, str) and isinstance(v, dict):
            shape = v.get("shape")
            if isinstance(shape, list) and all(isinstance(n, int) for n in shape):
                vars_[k] = {"shape": shape[:8]}
            elif isinstance(v.get("type"), str):
                vars_[k] = {"type": v["type"][:40]}
            elif isinstance(v.get("keys"), list):
                vars_[k] = {"keys": [str(x)[:40] for x in v["keys"][:12]]}
    return {"line": str(plain.get("line", ""))[:300], "vars": vars_}


def _calls(plain) -> list:
    """Traced calls to the learner's other functions (probe phase), decoded; bad ones dropped."""
    out = []
    for c in plain if isinstance(plain, list) else []:
        try:
            item = {"fn": str(c["fn"]), "args": tuple(wire.from_plain(c["args"])), "kwargs": dict(wire.from_plain(c["kwargs"]))}
            if "error" in c:
                item["error"] = str(c["error"])[:300]
            else:
                item["value"] = wire.from_plain(c.get("value"))
        except Exception:  # noqa: BLE001 (untrusted bytes)
            continue
        out.append(item)
    return out


def _probes(run: RunResult, name: str):
    """The probe results the child sent for an exercise, for `evaluate` (or None)."""
    msg = getattr(run, "probes", {}).get(name)
    if not isinstance(msg, dict) or not isinstance(msg.get("outcomes"), list):
        return None
    from ...exercises.diagnose import RecordedProbes

    traced = msg.get("traced")
    return RecordedProbes([decode_outcome(p) for p in msg["outcomes"]],
                          [decode_outcome(t) for t in traced] if isinstance(traced, list) else None)


def _cell_note(run: RunResult) -> str:
    if not run.cell_errors:
        return ""
    first = run.cell_errors[0]
    more = f" (and {len(run.cell_errors) - 1} more)" if len(run.cell_errors) > 1 else ""
    return f" Note: cell {first.get('cell')} raised {first_line(first.get('error', ''), 200) or 'an error'}{more}."


def _lost_outcomes(name: str, run: RunResult, n: int) -> list[Outcome]:
    """Outcomes for an exercise whose results never arrived."""
    status = "timeout" if run.ended == "timeout" else "error"
    if run.running == name:
        why = f"{run.detail} (while running {name})"
    elif run.running is None and not run.results:
        why = f"{run.detail} (while running the notebook's cells)"
    else:
        why = f"not run: {run.detail}"
    return [Outcome(status, error=why) for _ in range(n)]


def _clamp(report, max_points: float) -> float:
    try:
        pts = float(report.points)
    except (TypeError, ValueError):
        return 0.0
    return min(max(pts, 0.0), max_points) if pts == pts else 0.0


def with_hint(message: str, hint) -> str:
    """``<message>. Hint: <hint>`` (the hint on one line), or the message alone."""
    hint = " ".join(str(hint or "").split())
    if hint.lower().startswith("hint:"):
        hint = hint[5:].lstrip()
    if not hint:
        return message
    stop = "" if not message or message.rstrip()[-1:] in ".!?:;" else "."
    return f"{message.rstrip()}{stop} Hint: {hint}"


def exercise_row(course: Course, student: str, notebook: str, ex: Exercise, cases: list[Case],
                 run: RunResult) -> Row:
    """Grade one exercise from what the child sent (or did not)."""
    msg = run.results.get(ex.name)
    max_points = float(ex.points)
    if msg is not None and "missing" in msg:
        what = "is not defined" if msg["missing"] == "missing" else "is not a function"
        report = PlainReport("missing", f"{ex.name} {what} in the notebook: keep its cell "
                             f"(def {ex.name}(...)) and run it.{_cell_note(run)}", max_points)
    else:
        plains = msg.get("outcomes") if isinstance(msg, dict) else None
        if isinstance(plains, list) and len(plains) == len(cases):
            outcomes = [decode_outcome(p) for p in plains]
        else:
            outcomes = _lost_outcomes(ex.name, run, len(cases))
        warned = _stability_warning(ex, outcomes)
        probes = _probes(run, ex.name) if course.probe_plan is not None else None
        try:
            report = course.evaluate(ex, cases, outcomes, reveal_inputs=False,
                                     **({"probes": probes} if probes is not None else {}))
        except MemoryError:
            report = PlainReport("error", "the returned value needs more memory to evaluate than the grader "
                                 "allows (is it far larger than the task asks for?)", max_points)
        except Exception as exc:  # noqa: BLE001 (a value the comparison cannot handle)
            report = PlainReport("failed", f"the grader could not compare the output "
                                 f"({type(exc).__name__}); return the type the task asks for", max_points)
        if warned and report.status == "passed":
            report = _with_note(report, warned)
    status = report.status if report.status in STATUSES else "error"
    message = str(report.message)
    if status in ("error", "missing") and run.cell_errors and "Note: cell" not in message:
        message += _cell_note(run)
    hint = " ".join(str(getattr(report, "hint", None) or "").split())
    message = with_hint(message, hint)
    return Row(student, notebook, ex.name, _clamp(report, max_points), max_points, status,
               message, report.to_text(), report.to_html(), str(getattr(report, "mistake", None) or ""), hint)


def _stability_warning(ex: Exercise, outcomes: list[Outcome]) -> str:
    """For an exercise judged for numerical stability: drop the warnings from the
    outcomes (values decide) and return the first one, for a note in the feedback."""
    if not ex.no_warnings:
        return ""
    first = ""
    for out in outcomes:
        runtime = [w for w in out.warnings if str(w).startswith("RuntimeWarning")]
        first = first or (runtime[0] if runtime else "")
        out.warnings = []
    return first


class _NotedReport:
    """A passed report with a note on a numpy warning (no points lost)."""

    def __init__(self, report, note: str):
        self._report, self._note = report, note
        self.points, self.max_points, self.status = report.points, report.max_points, report.status
        self.message, self.hint = f"{report.message}. Note: {note}", getattr(report, "hint", None)

    def to_text(self) -> str:
        return f"{self._report.to_text()}\n  Note: {self._note}"

    def to_html(self) -> str:
        return f"{self._report.to_html()}<p><b>Note:</b> {html.escape(self._note)}</p>"


def _with_note(report, warning: str) -> _NotedReport:
    return _NotedReport(report, f"numpy warned on a hidden case ({clean(warning, 80)}); the values are "
                                "right, so no points are lost, but a numerically stable version would not warn "
                                "(run check in the notebook)")


def draw_cases(course: Course, student: str, notebook: str, submission: str = "") -> dict[str, list[Case]]:
    """The hidden cases of each exercise of `notebook` for this student's submission."""
    seed = case_seed(student, notebook, submission)
    return {name: list(course.hidden_cases(name, seed)) for name in course.notebooks[notebook]}


def rows_for_run(course: Course, student: str, notebook: str, cases: dict[str, list[Case]],
                 run: RunResult, names: list[str] | None = None) -> list[Row]:
    """One row per exercise of `names` (default: every exercise of the notebook, in order)."""
    return [exercise_row(course, student, notebook, course.exercises[name], cases[name], run)
            for name in (course.notebooks[notebook] if names is None else names)]


def error_rows(course: Course, student: str, notebook: str, reason: str) -> list[Row]:
    """Rows for a notebook that could not be graded at all (one per exercise when the
    exercise set is known, else one row with an empty exercise)."""
    names = course.notebooks.get(notebook)
    if not names:
        rep = PlainReport("error", reason, 0.0)
        return [Row(student, notebook, "", 0.0, 0.0, "error", reason, rep.to_text(), rep.to_html())]
    rows = []
    for name in names:
        rep = PlainReport("error", reason, float(course.exercises[name].points))
        rows.append(Row(student, notebook, name, 0.0, rep.max_points, "error", reason,
                        rep.to_text(), rep.to_html()))
    return rows
