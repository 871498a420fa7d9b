"""Measure how often the feedback NAMES a learner's mistake, on a corpus of wrong answers.

A corpus entry is ``(function, source, family, words)``: the learner's source, the kind of
slip, and a regex that a message naming the mistake matches (case-insensitive). For each
entry of a function in the course table:

- check: `check(fn)` on the public cases; the learner sees the report's text.
- grader: the function on one student's hidden cases, as the grader's child runs it (plain
  outcomes, then the probe phase), judged by `evaluate(..., reveal_inputs=False)`; the
  learner sees the grade row's message (the verdict and the hint).

Named: the words regex matches what the learner sees. Evidence: every failing case of the
report shows expected vs got, or the error. Used by tests/exercises/test_feedback_corpus.py
(which asserts) and bench/feedback.py (which prints).
"""
from __future__ import annotations

import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from learner_support import define  # noqa: E402

from nnlessons.exercises import EXERCISES, check  # noqa: E402
from nnlessons.exercises.report import Report  # noqa: E402

STUDENT = "corpus-student"


@dataclass
class Result:
    """What one entry got: status, texts shown, whether they name the mistake."""

    function: str
    family: str
    words: str
    source: str
    check_status: str = ""
    check_text: str = ""
    check_named: bool = False
    check_strict: bool = False
    check_evidence: bool = False
    grader_status: str = ""
    grader_message: str = ""
    grader_text: str = ""
    grader_named: bool = False
    grader_evidence: bool = False
    notes: list = field(default_factory=list)

    @property
    def wrong(self) -> bool:
        """Whether the public check or the grader finds it wrong (else it is no wrong answer)."""
        return self.check_status != "passed" or self.grader_status not in ("passed", "")


def evidence(rep) -> bool:
    """Every failing case shows expected and got, or its error (or the report says why not)."""
    if not isinstance(rep, Report):
        return bool(getattr(rep, "message", ""))
    if rep.status in ("passed",):
        return True
    for c in rep.cases:
        if c.passed:
            continue
        if c.status == "failed" and not (c.expected and c.got):
            return False
        if c.status in ("error", "timeout") and not c.error:
            return False
    return True


def _named(words: str, text: str) -> bool:
    return re.search(words, text, re.IGNORECASE) is not None


def verdict_text(rep) -> str:
    """What the report SAYS, without the case labels and inputs it shows: the message, the
    hint, each failing case's reason and error (a stricter test of naming: a label such
    as 'stride 2' cannot name the mistake)."""
    parts = [rep.message, rep.hint or ""]
    for c in rep.cases:
        if not c.passed:
            parts += [c.reason, (c.error or "").split("\n")[0]]
    return "\n".join(parts)


def grade_like_the_grader(fn, name: str, namespace: dict | None = None):
    """The report and the row message the grader would give this function on the hidden
    cases of one student (in this process, as the sandboxed child would run it)."""
    from nnlessons.exercises import checker
    from nnlessons.exercises.report import evaluate
    from nnlessons.instructor.grading.grade import case_seed, with_hint
    from nnlessons.instructor.hidden import hidden_cases

    ex = EXERCISES[name]
    cases = hidden_cases(name, case_seed(STUDENT, ex.notebook))
    outcomes = checker.run_cases(fn, ex, cases)
    probes = checker.probe_outcomes(fn, ex, cases)
    rep = evaluate(ex, cases, outcomes, reveal_inputs=False, probes=probes)
    return rep, with_hint(rep.message, rep.hint)


def measure_entry(entry, grader: bool = True) -> Result | None:
    """Measure one entry; None when its function is not in the course table (yet)."""
    name, src, family, words = entry
    if name not in EXERCISES:
        return None
    res = Result(name, family, words, src)
    fn, ns = define(src, name)
    rep = check(fn)
    res.check_status, res.check_text = rep.status, rep.to_text()
    res.check_named = _named(words, res.check_text)
    res.check_strict = _named(words, verdict_text(rep))
    res.check_evidence = evidence(rep)
    if grader:
        fn, ns = define(src, name)
        grep, message = grade_like_the_grader(fn, name, ns)
        res.grader_status, res.grader_message, res.grader_text = grep.status, message, grep.to_text()
        res.grader_named = grep.status != "passed" and _named(words, message)
        res.grader_evidence = evidence(grep)
    return res


def measure(corpus, grader: bool = True, only: str | None = None) -> list[Result]:
    """Every measurable entry's result (entries of functions not in the course skipped)."""
    out = []
    for entry in corpus:
        if only and entry[0] != only:
            continue
        r = measure_entry(entry, grader)
        if r is not None:
            out.append(r)
    return out


def rates(results: list[Result]) -> dict:
    """Shares named and with evidence, over the entries each side finds wrong."""
    chk = [r for r in results if r.check_status != "passed"]
    grd = [r for r in results if r.grader_status not in ("passed", "")]
    return {
        "entries": len(results),
        "check_wrong": len(chk),
        "check_named": sum(r.check_named for r in chk),
        "check_strict": sum(r.check_strict for r in chk),
        "check_evidence": sum(r.check_evidence for r in chk),
        "grader_wrong": len(grd),
        "grader_named": sum(r.grader_named for r in grd),
        "grader_evidence": sum(r.grader_evidence for r in grd),
        "public_misses": [r for r in results if r.check_status == "passed" and r.grader_status not in ("passed", "")],
        "not_wrong": [r for r in results if not r.wrong],
    }


def report_lines(title: str, results: list[Result]) -> list[str]:
    """A short printable summary."""
    k = rates(results)
    pct = lambda a, b: f"{a}/{b} ({100 * a / b:.0f}%)" if b else "0/0"  # noqa: E731
    lines = [f"{title}: {k['entries']} entries measured",
             f"  check  names the mistake: {pct(k['check_named'], k['check_wrong'])} in the text shown "
             f"({pct(k['check_strict'], k['check_wrong'])} in the verdict and hint alone); "
             f"expected vs got or the error shown: {pct(k['check_evidence'], k['check_wrong'])}",
             f"  grader names the mistake: {pct(k['grader_named'], k['grader_wrong'])}; "
             f"expected vs got or the error shown: {pct(k['grader_evidence'], k['grader_wrong'])}"]
    if k["public_misses"]:
        lines.append(f"  pass the public check but fail grading: {len(k['public_misses'])}: "
                     + ", ".join(f"{r.function}/{r.family}" for r in k["public_misses"]))
    if k["not_wrong"]:
        lines.append(f"  not wrong at all (check and grader pass): "
                     + ", ".join(f"{r.function}/{r.family}" for r in k["not_wrong"]))
    return lines
