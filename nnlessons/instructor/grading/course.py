"""What the grader needs from the course: the exercises, the notebooks' exercise lists,
the hidden cases and the evaluation. One object, so tests can grade against a small
stand-in course and the real one is imported only in the grading process.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable

from ...exercises.spec import Case, Exercise

__all__ = ["Course", "default_course"]


@dataclass
class Course:
    """exercises: name -> Exercise; notebooks: notebook stem -> exercise names in order;
    hidden_cases(name, seed) -> cases; evaluate(ex, cases, outcomes, reveal_inputs=False)
    -> a Report (``.points .max_points .status .message .hint .to_text() .to_html()``).
    probe_plan(ex, cases) -> probes (``.case`` each): the diagnostic calls the child runs
    after the graded ones, for feedback (None: no probe phase; `evaluate` is then never
    given ``probes``)."""

    exercises: dict[str, Exercise]
    notebooks: dict[str, list[str]]
    hidden_cases: Callable[[str, int], list[Case]]
    evaluate: Callable[..., Any]
    probe_plan: Callable[..., list] | None = None


def default_course() -> Course:
    """The course's own registry, hidden cases and report (grading process only)."""
    from ...exercises import diagnose, registry, report
    from .. import hidden

    return Course(registry.EXERCISES, registry.NOTEBOOKS, hidden.hidden_cases, report.evaluate, diagnose.probe_plan)
