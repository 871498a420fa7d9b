"""Turn (exercise, cases, outcomes) into a verdict: the one place both `check` and the
grader decide pass/fail, points and feedback.

``evaluate(ex, cases, outcomes, reveal_inputs=True) -> Report``. It computes the
expected outputs with the reference in THIS process, compares them with the learner's
outputs (plain data), and looks for a known mistake: each mistake's function is run
here on the failing cases and its hint is shown when its outputs match the learner's
on all of them (for accuracy-graded exercises its ``detect`` predicate decides). When
none matches, the diagnosis engine (`diagnose`) looks for the relation between the
learner's outputs and the expected ones and names it; `probes` (diagnostic calls of the
learner's function, see `diagnose.probes`) only ever feed that feedback, never points.

Statuses: "passed" (every case), "partial" (some), "failed" (none), "not_attempted"
(the stub still raises NotImplementedError), "error" (the function raised on a case
and passed none), "timeout" (a case was stopped after the time limit).
Points follow severity, the same policy everywhere (docs/grading-policy.md): a case
scores 1 when right, `SEVERITY_SCORES["form"]` when its values are right in the wrong
form (integers or booleans for floats, shape (m, 1) for (m,), a list for an array),
`SEVERITY_SCORES["fragile"]` when its values are right but numpy warned (an overflow) or
an input it must leave alone was changed, and 0 otherwise; an exercise earns
``max_points * mean(case scores)``. Accuracy-graded exercises score each case on the
accuracy scale (see `course`), at most `ACCURACY_CAP_WITH_MISTAKE` of it once a known
conceptual mistake is recognised in the returned model (a linear "MLP", identical hidden
units, ascent).
"""
from __future__ import annotations

import html
import inspect
import math
import warnings
from dataclasses import asdict, dataclass, field

import numpy as np

from . import runner
from .compare import Comparison, compare, same_output, summarize, values_match
from .spec import Case, Exercise, Mistake

__all__ = ["Report", "CaseReport", "evaluate", "judge", "expected_output", "SEVERITY_SCORES",
           "ACCURACY_CAP_WITH_MISTAKE", "severity"]

SEVERITY_SCORES = {"form": 0.75, "fragile": 0.5}
"""The share of a case's points kept when its values are right but their form is wrong
("form") or they are numerically fragile ("fragile")."""

ACCURACY_CAP_WITH_MISTAKE = 0.5
"""The most an accuracy-graded case scores once a known mistake is recognised in the model."""

NOT_ATTEMPTED = ("not attempted yet: replace `raise NotImplementedError()` with your code, "
                 "run that cell, then run this check again.")


@dataclass
class CaseReport:
    """One case's result, ready to show (all strings deterministic)."""

    label: str
    passed: bool
    status: str  # "passed", "failed", "error", "not_implemented", "timeout"
    input: str = ""
    expected: str = ""
    got: str = ""
    reason: str = ""
    max_rel_err: float | None = None
    error: str = ""
    score: float = 0.0


@dataclass
class Report:
    """The verdict on one exercise; shows as HTML in JupyterLab, as text elsewhere."""

    exercise: str
    points: float
    max_points: float
    status: str
    message: str
    cases: list[CaseReport] = field(default_factory=list)
    hint: str | None = None
    mistake: str | None = None

    @property
    def passed(self) -> bool:
        return self.status == "passed"

    def to_dict(self) -> dict:
        """Plain data (JSON-ready)."""
        return asdict(self)

    def to_text(self) -> str:
        return _text(self)

    def to_html(self) -> str:
        return _html(self)

    def _repr_html_(self) -> str:
        return self.to_html()

    def __repr__(self) -> str:
        return self.to_text()

    __str__ = __repr__


# ------------------------------------------------------------------------ expected
def _quiet(fn, *args, **kwargs):
    with warnings.catch_warnings(), np.errstate(all="ignore"):
        warnings.simplefilter("ignore")
        return fn(*args, **kwargs)


def expected_output(ex: Exercise, case: Case):
    """The reference's output for a case (computed here, on copies)."""
    return _quiet(ex.reference, *runner.materialise(case.args), **runner.materialise(case.kwargs))


# ----------------------------------------------------------------------- one case
def judge(ex: Exercise, case: Case, outcome: runner.Outcome, expected=None) -> Comparison:
    """Whether one ok outcome is right (`expected` from `expected_output`, unused for
    accuracy-graded exercises). Extra checks: numpy warnings, changed inputs."""
    if ex.accuracy is not None:
        return _judge_accuracy(ex, case, outcome.value)
    c = compare(expected, outcome.value, rtol=ex.rtol, atol=ex.atol)
    if not c.passed:
        return c
    if ex.no_warnings:
        rw = [w for w in outcome.warnings if str(w).startswith("RuntimeWarning")]
        if rw:
            return Comparison(False, f"the values are right, but numpy warned ({rw[0]}): "
                              "make it numerically stable")
    if ex.unchanged_args:
        before = runner.array_args(case.args, case.kwargs)
        after = tuple(outcome.args_after or ())
        if len(after) != len(before) or not all(isinstance(b, np.ndarray) and a.shape == b.shape
                                                and np.array_equal(a, b) for a, b in zip(before, after)):
            return Comparison(False, "the function changed its input array: it must be "
                              "exactly as it was when the function returns")
    return c


def accuracy_score(ex: Exercise, acc: float) -> float:
    """The share of the points an accuracy earns on the exercise's scale."""
    zero, full = ex.accuracy
    return float(min(1.0, max(0.0, (acc - zero) / (full - zero))))


def _judge_accuracy(ex: Exercise, case: Case, got) -> Comparison:
    labels, why = ex.predict(case, got)
    if labels is None:
        return Comparison(False, why)
    acc = float(np.mean(labels == case.grade["labels"]))
    full = ex.accuracy[1]
    return Comparison(acc >= full, "" if acc >= full else
                      f"accuracy {acc:.1%} on {len(labels)} held-out points; {full:.0%} earns full points",
                      accuracy=acc)


# ------------------------------------------------------------------------- evaluate
def evaluate(ex: Exercise, cases: list[Case], outcomes: list[runner.Outcome], *,
             reveal_inputs: bool = True, probes=None) -> Report:
    """The verdict on a learner's function from its outcomes on `cases` (same order).

    probes: the learner's function on diagnostic inputs, for the feedback only (an object
    with ``outcomes(plan)``, ``traced()`` and optionally ``swapped(name, fn)``: see
    `checker.LiveProbes` and `diagnose.RecordedProbes`); None: no probing."""
    if len(cases) != len(outcomes):
        raise ValueError(f"{len(cases)} cases but {len(outcomes)} outcomes")
    rows, verdicts = [], []
    for case, out in zip(cases, outcomes):
        row, verdict = _case_report(ex, case, out, reveal_inputs)
        rows.append(row)
        verdicts.append(verdict)
    status = _status(rows)
    hint, name = None, None
    if status in ("partial", "failed", "error"):
        from .diagnose import diagnose

        mistake = _find_mistake(ex, cases, outcomes, rows)
        # a trained model's known mistakes are recognised by heuristics; what the probes
        # establish (a parameter that never moves) is added as a fact
        finding = (diagnose(ex, cases, outcomes, rows, reveal=reveal_inputs, probes=probes, judge=judge)
                   if mistake is None or ex.accuracy is not None else None)
        if mistake is not None:
            hint, name = mistake.hint, mistake.name
            if finding is not None and finding.kind == "frozen":
                hint = f"{hint} Also: {finding.words}"
        elif finding is not None:
            hint, name = finding.text(), finding.id
        if ex.accuracy is not None and (mistake is not None or (finding is not None and finding.kind == "frozen")):
            for r in rows:
                r.score = min(r.score, ACCURACY_CAP_WITH_MISTAKE)
    if status == "passed":
        hint, name = _changed_inputs_note(ex, cases, outcomes)
    status = _status(rows)
    n = len(rows)
    frac = sum(r.score for r in rows) / n if n else 0.0
    points = round(ex.points * frac, 2) if status != "not_attempted" else 0.0
    return Report(ex.name, points, ex.points, status, _message(ex, status, rows), rows, hint, name)


def _changed_inputs_note(ex: Exercise, cases, outcomes) -> tuple[str | None, str | None]:
    """A passing function that changes an input array in place: a note, no points lost."""
    names = _param_names(ex)
    for case, out in zip(cases, outcomes):
        arrays = [(names[i] if i < len(names) else "an input", v) for i, v in enumerate(case.args)
                  if isinstance(v, np.ndarray)] + [(k, v) for k, v in case.kwargs.items() if isinstance(v, np.ndarray)]
        for (name, before), after in zip(arrays, out.args_after or ()):
            if isinstance(after, np.ndarray) and before.shape == after.shape and not np.array_equal(
                    before, after, equal_nan=True):
                return (f"Passed, but note: your function changes its input {name} in place (the caller's array "
                        f"changes too). Work on a copy ({name} = {name}.copy(), or np.maximum(...), w - lr * dw...) "
                        "so the inputs stay as they were."), f"note:changes {name} in place"
    return None, None


def _param_names(ex: Exercise) -> list[str]:
    """The exercise function's positional parameter names (from its reference)."""
    try:
        params = inspect.signature(ex.reference).parameters.values()
    except (TypeError, ValueError):
        return []
    names = []
    for prm in params:
        if prm.kind not in (prm.POSITIONAL_ONLY, prm.POSITIONAL_OR_KEYWORD):
            break
        names.append(prm.name)
    return names


def _describe_input(ex: Exercise, case: Case) -> str:
    """One line per argument, named as in the exercise: ``x = array (3,) float64 [...]``."""
    names = _param_names(ex)
    lines = [f"{names[i] if i < len(names) else f'argument {i + 1}'} = {summarize(v)}"
             for i, v in enumerate(case.args)]
    lines += [f"{k} = {summarize(v)}" for k, v in case.kwargs.items()]
    return "\n".join(lines)


def _describe_output(value, values: bool) -> str:
    """A tuple of outputs one per line (``value 1 = ...``), to line up with the reasons."""
    if type(value) in (tuple, list) and 1 < len(value) <= 8:
        return "\n".join(f"value {i + 1} = {summarize(v, values=values)}" for i, v in enumerate(value))
    return summarize(value, values=values)


def _case_report(ex, case, out, reveal) -> tuple[CaseReport, Comparison | None]:
    label = case.label or "a case"
    inp = _describe_input(ex, case) if reveal else "hidden input"
    if out.status != "ok":
        return CaseReport(label, False, out.status, inp, error=out.error), None
    expected = None if ex.accuracy is not None else expected_output(ex, case)
    verdict = judge(ex, case, out, expected)
    if ex.accuracy is not None:
        acc = verdict.accuracy
        exp_s = f"accuracy >= {ex.accuracy[1]:.0%}"
        got_s = f"accuracy {acc:.1%}" if acc is not None else summarize(out.value, values=False)
        score = accuracy_score(ex, acc) if acc is not None else 0.0
    else:
        exp_s = _describe_output(expected, reveal)
        got_s = (_describe_output(out.value, True) if isinstance(expected, (tuple, list))
                 else summarize(out.value))
        kept = severity(ex, expected, out, verdict)
        score = 1.0 if verdict.passed else SEVERITY_SCORES.get(kept, 0.0)
    row = CaseReport(label, verdict.passed, "passed" if verdict.passed else "failed", inp, exp_s, got_s,
                     verdict.reason, verdict.max_rel_err, score=score)
    return row, verdict


def severity(ex: Exercise, expected, out: runner.Outcome, verdict: Comparison) -> str:
    """How bad a failed case is: "form" (right values, wrong dtype, shape or container),
    "fragile" (right values, but numpy warned or an input was changed) or "wrong"."""
    if verdict.passed:
        return "right"
    if verdict.reason.startswith(("the values are right, but numpy warned", "the function changed its input")):
        return "fragile"
    if values_match(expected, out.value, rtol=ex.rtol, atol=ex.atol):
        return "form"
    return "wrong"


def _status(rows: list[CaseReport]) -> str:
    kinds = [r.status for r in rows]
    if "timeout" in kinds:
        return "timeout"
    if kinds and all(k == "not_implemented" for k in kinds):
        return "not_attempted"
    if all(k == "passed" for k in kinds):
        return "passed"
    npass = kinds.count("passed")
    if npass == 0 and "error" in kinds:
        return "error"
    if any(r.score > 0 for r in rows):
        return "partial"
    return "failed"


def _message(ex: Exercise, status: str, rows: list[CaseReport]) -> str:
    n = len(rows)
    npass = sum(r.passed for r in rows)
    first_bad = next((r for r in rows if not r.passed), None)
    if status == "passed":
        return f"all {n} cases passed"
    if status == "not_attempted":
        return NOT_ATTEMPTED
    if status == "timeout":
        r = next(r for r in rows if r.status == "timeout")
        return (f"stopped: the case '{r.label}' took longer than {ex.time_limit:g} s "
                "(an endless loop, or far too many steps?)")
    if first_bad.status == "error":
        head = first_bad.error.splitlines()[0] if first_bad.error else "an error"
        return f"{npass} of {n} cases passed; {head} (in the case '{first_bad.label}')"
    if first_bad.status == "not_implemented":
        return f"{npass} of {n} cases passed; the case '{first_bad.label}' still raises NotImplementedError"
    return f"{npass} of {n} cases passed; first failure ('{first_bad.label}'): {first_bad.reason}"


# ------------------------------------------------------------------------- mistakes
def _exc_type(error: str) -> str:
    return error.split(":", 1)[0].strip()


def _find_mistake(ex: Exercise, cases, outcomes, rows) -> Mistake | None:
    failing = [(c, o) for c, o, r in zip(cases, outcomes, rows) if not r.passed]
    if any(o.status in ("timeout", "not_implemented") for _, o in failing):
        return None
    if ex.accuracy is not None:
        for m in ex.mistakes:
            if m.detect and any(o.status == "ok" and _safe_detect(m, c, o.value) for c, o in failing):
                return m
        return None
    for m in ex.mistakes:
        if _matches(ex, m, failing):
            return m
    # two slips at once are common (e.g. a missing term AND no clipping): the cases whose
    # output is nan/inf already say so in their own row, so try the others alone
    finite = [(c, o) for c, o in failing if not (o.status == "ok" and _non_finite(o.value))]
    if finite and len(finite) < len(failing):
        for m in ex.mistakes:
            if _matches(ex, m, finite):
                return m
    return None


def _non_finite(value) -> bool:
    """Whether an output holds nan or inf anywhere (plain data only)."""
    if isinstance(value, (tuple, list)):
        return any(_non_finite(v) for v in value)
    if isinstance(value, dict):
        return any(_non_finite(v) for v in value.values())
    if isinstance(value, (float, np.floating, np.ndarray)):
        a = np.asarray(value)
        return a.dtype.kind == "f" and not bool(np.all(np.isfinite(a)))
    return False


def _safe_detect(m: Mistake, case, value) -> bool:
    try:
        return bool(_quiet(m.detect, case, value))
    except Exception:  # a detector must never break a report
        return False


def _matches(ex: Exercise, m: Mistake, failing) -> bool:
    by_value = 0
    for case, out in failing:
        mo = runner.call_case(m.fn, case)
        if out.status == "error":
            if mo.status != "error" or _exc_type(mo.error) != _exc_type(out.error):
                return False
            continue
        if mo.status != "ok":
            return False
        if not same_output(out.value, mo.value):
            return False
        if judge(ex, case, mo, expected_output(ex, case)).passed:
            return False  # this variant is right here, so the learner's failure is another one
        by_value += 1
    return by_value > 0


# -------------------------------------------------------------------------- render
_ICON = {"passed": "✓", "failed": "✗", "error": "✗", "not_implemented": "·", "timeout": "✗"}
_TITLE = {"passed": "passed", "partial": "partly right", "failed": "not right yet",
          "not_attempted": "not attempted yet", "error": "raised an error", "timeout": "too slow"}


def _pts(x: float) -> str:
    return f"{x:g}"


def _err(x: float | None) -> str:
    if x is None or (isinstance(x, float) and math.isnan(x)) or x == 0:
        return ""
    return f"{x:.3g}"


def _headline(r: Report) -> str:
    return f"{r.exercise}: {_TITLE.get(r.status, r.status)} ({_pts(r.points)} / {_pts(r.max_points)} points)"


_HIDDEN = "hidden input"


def _field(name: str, value: str) -> list[str]:
    """``      name:     first line`` with the value's further lines indented under it."""
    first, *rest = value.split("\n")
    return [f"      {name + ':':<10}{first}"] + [f"                {ln}" for ln in rest]


def _input_lines(c: CaseReport) -> list[str]:
    if c.input == _HIDDEN or not c.input:
        return []
    return _field("input", c.input)


def _text(r: Report) -> str:
    lines = [_headline(r), f"  {r.message}"]
    if r.status != "not_attempted":
        for c in r.cases:
            lines.append(f"  {_ICON.get(c.status, '?')} {c.label}")
            if c.passed:
                continue
            if c.status == "error":
                lines += _input_lines(c)
                lines += ["      " + ln for ln in c.error.splitlines()]
            elif c.status == "timeout" and c.error:
                lines.append(f"      {c.error}")
            elif c.status == "failed":
                lines.append(f"      why:      {c.reason}")
                lines += _input_lines(c)
                lines += _field("expected", c.expected)
                lines += _field("got", c.got)
                if _err(c.max_rel_err):
                    lines.append(f"      largest relative error: {_err(c.max_rel_err)}")
    if r.hint:
        lines.append(f"  Hint: {r.hint}")
    return "\n".join(lines)


_COLOUR = {"passed": "#1a7f37", "partial": "#9a6700", "failed": "#cf222e", "error": "#cf222e",
           "timeout": "#cf222e", "not_attempted": "#57606a"}


_TH = "text-align:left;vertical-align:top;padding:1px 10px 1px 0;white-space:nowrap;width:9em"
_TD = "text-align:left;vertical-align:top;padding:1px 0"


def _html(r: Report) -> str:
    e = html.escape
    colour = _COLOUR.get(r.status, "#57606a")
    parts = [f'<div class="nnlessons-check" style="border-left:4px solid {colour};padding:4px 10px;'
             'font-family:var(--jp-content-font-family, sans-serif)">',
             f'<div style="font-weight:bold;color:{colour}">{e(_headline(r))}</div>',
             f"<div>{e(r.message)}</div>"]
    if r.hint:  # the most useful line: right under the verdict, before the case details
        parts.append(f'<div style="margin-top:6px;padding:4px 8px;background:#fff8c5;color:#3b2e00">'
                     f"<b>Hint:</b> {e(r.hint)}</div>")
    if r.status != "not_attempted" and r.cases:
        parts.append('<div style="margin-top:4px">')
        first_failure = True
        for c in r.cases:
            icon = e(_ICON.get(c.status, "?"))
            if c.passed or c.status not in ("failed", "error", "timeout"):
                parts.append(f'<div style="padding:1px 0 1px 1.1em">{icon}&nbsp; {e(c.label)}</div>')
                continue
            why = c.reason if c.status == "failed" else (c.error.splitlines()[0] if c.error else "")
            summary = f"{icon}&nbsp; {e(c.label)}" + (
                f' <span style="color:#57606a">— {e(why)}</span>' if why else "")
            # the first failure is open; the others are one line each until clicked
            parts.append(f'<details{" open" if first_failure else ""} style="padding:1px 0">'
                         f'<summary style="cursor:pointer">{summary}</summary>'
                         f'<div style="margin:2px 0 6px 1.6em">{_html_details(c)}</div></details>')
            first_failure = False
        parts.append("</div>")
    parts.append("</div>")
    return "".join(parts)


def _code(v: str) -> str:
    return "<br>".join(f"<code>{html.escape(ln)}</code>" for ln in v.split("\n"))


def _html_details(c: CaseReport) -> str:
    rows = []
    if c.input and c.input != _HIDDEN:
        rows.append(("input", c.input))
    if c.status == "failed":
        rows += [("expected", c.expected), ("got", c.got)]
        if _err(c.max_rel_err):
            rows.append(("largest relative error", _err(c.max_rel_err)))
    body = "".join(f"<tr><th style='{_TH}'>{html.escape(k)}</th><td style='{_TD}'>{_code(v)}</td></tr>"
                   for k, v in rows)
    out = f"<table style='border-collapse:collapse'>{body}</table>" if rows else ""
    if c.status == "error" and c.error:
        out += f"<pre style='margin:2px 0'>{html.escape(c.error)}</pre>"
    return out
