"""The class report: ``DIR/class.html`` and ``DIR/mistakes.csv``, written from the gradebook.

What an instructor wants to see after grading: how the scores are spread, which exercises
the class passes, and -- for each exercise -- which misconceptions the students share,
ranked by how many made them, with the hint each one was given. The mistakes come from
the feedback itself: a known mistake's name or the diagnosis engine's id
(``nnlessons.exercises.diagnose``) for every exercise a student did not pass.

``mistakes.csv``: one row per (student, notebook, exercise) with a named mistake:
``student, notebook, exercise, mistake, words`` (the hint, without where it happened).
``class.html``: a self-contained page (charts inline as SVG, drawn without matplotlib) -- see
docs/grading-policy.md, "Reading the class report".
"""
from __future__ import annotations

import csv
import html
import io
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from . import charts
from .text import csv_cell

__all__ = ["MISTAKES_COLUMNS", "Misconception", "misconceptions", "mistakes_csv", "class_html", "write"]

MISTAKES_COLUMNS = ["student", "notebook", "exercise", "mistake", "words"]
_GRADED = ("passed", "partial", "failed", "error", "timeout", "not_attempted", "missing")


def _who(row) -> str:
    """A student's identity: the raw-name id (two folders may display alike), else the name."""
    return str(_get(row, "student_id") or _get(row, "student"))


def _get(row, key: str, default=""):
    try:
        value = row[key]
    except (KeyError, IndexError):
        return default
    return default if value is None else value


def words_of(hint: str) -> str:
    """The hint without the place it happened (the trailing ``(in the case ...)``)."""
    hint = " ".join(str(hint or "").split())
    return re.sub(r"\s*\((in|on) (the case|every failing case|hidden case|case|\d+ of)[^()]*\)\s*$", "", hint).strip()


def label_of(mistake: str, words: str = "") -> str:
    """A short name for a chart: a known mistake's name in words (``no_max_shift``), or the
    diagnosis engine's short label for its id (its ids hold a colon: ``sign:flipped``)."""
    if ":" not in (mistake or ""):
        return (mistake or "").replace("_", " ")
    from ...exercises.diagnose.finding import short_label

    return short_label(mistake)


@dataclass
class Misconception:
    """One named mistake of one exercise and the students who made it."""

    exercise: str
    notebook: str
    mistake: str
    words: str
    students: list = field(default_factory=list)
    ids: list = field(default_factory=list)

    @property
    def label(self) -> str:
        return label_of(self.mistake, self.words)


def misconceptions(rows) -> list[Misconception]:
    """Every (exercise, mistake) with its students, most shared first."""
    groups: dict[tuple, Misconception] = {}
    texts: dict[tuple, Counter] = defaultdict(Counter)
    for r in rows:
        mistake = str(_get(r, "mistake"))
        if not mistake or _get(r, "status") == "passed":
            continue
        key = (_get(r, "notebook"), _get(r, "exercise"), mistake)
        m = groups.setdefault(key, Misconception(key[1], key[0], mistake, ""))
        if _who(r) not in m.ids:
            m.ids.append(_who(r))
            m.students.append(_get(r, "student"))
        texts[key][words_of(_get(r, "hint"))] += 1
    for key, m in groups.items():
        m.words = texts[key].most_common(1)[0][0]
    return sorted(groups.values(), key=lambda m: (-len(m.students), m.exercise, m.mistake))


def mistakes_csv(rows) -> str:
    """``mistakes.csv``: exactly MISTAKES_COLUMNS, a row per exercise with a named mistake."""
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(MISTAKES_COLUMNS)
    for r in rows:
        if _get(r, "mistake") and _get(r, "status") != "passed":
            w.writerow([csv_cell(v) for v in (_get(r, "student"), _get(r, "notebook"), _get(r, "exercise"),
                                              _get(r, "mistake"), words_of(_get(r, "hint")))])
    return buf.getvalue()


# ------------------------------------------------------------------------------ charts
_STATUS_GROUPS = [("passed", ("passed",), "green"), ("partly right", ("partial",), "orange"),
                  ("wrong / error", ("failed", "error", "timeout"), "vermillion"),
                  ("not attempted / missing", ("not_attempted", "missing"), "grey")]


def _score_chart(percents: list[float]) -> str:
    return charts.histogram(percents, "Scores: how many students got what share of the points",
                            "share of the points (%)", "students")


def _pass_chart(exercises: list[str], by_ex: dict[str, Counter]) -> str:
    groups = []
    for name, statuses, colour in _STATUS_GROUPS:
        shares = [100 * sum(by_ex[ex][s] for s in statuses) / (sum(by_ex[ex].values()) or 1) for ex in exercises]
        groups.append((name, colour, shares))
    notes = [f"{100 * by_ex[ex]['passed'] / (sum(by_ex[ex].values()) or 1):.0f}% pass" for ex in exercises]
    return charts.stacked_shares(exercises, groups, "Each exercise: share of students by result", notes)


def _mistake_chart(items: list[Misconception], n_students: int, title: str, with_exercise: bool) -> str:
    labels = [(f"{m.exercise}: " if with_exercise else "") + m.label for m in items]
    return charts.counts([t if len(t) <= 100 else t[:97] + "..." for t in labels],
                         [len(m.students) for m in items], n_students, title)


# ------------------------------------------------------------------------------ the page
_CSS = ("body{font-family:system-ui,sans-serif;max-width:62rem;margin:2rem auto;color:#222;padding:0 1rem}"
        "h1{margin-bottom:.2rem}h2{border-bottom:1px solid #ccc;margin-top:2rem}"
        ".lede{color:#555;margin-top:0}svg{max-width:100%;height:auto;display:block;margin:.5rem 0}"
        "table{border-collapse:collapse;width:100%;margin:.5rem 0 1rem}"
        "th,td{text-align:left;vertical-align:top;padding:4px 10px 4px 0;border-bottom:1px solid #eee;font-size:.92rem}"
        "td.n{white-space:nowrap}.who{color:#555;font-size:.85rem}"
        ".headline{background:#fff8c5;padding:.6rem .8rem;border-left:4px solid #D55E00}")


def _percent_by_student(rows) -> dict[str, float]:
    tot: dict[str, list[float]] = defaultdict(lambda: [0.0, 0.0])
    for r in rows:
        t = tot[_who(r)]
        t[0] += float(_get(r, "points", 0) or 0)
        t[1] += float(_get(r, "max_points", 0) or 0)
    return {s: (100 * p / m if m else 0.0) for s, (p, m) in tot.items()}


def class_html(rows) -> str:
    """The page (see the module docstring)."""
    rows = [r for r in rows if _get(r, "exercise")]
    esc = html.escape
    percents = _percent_by_student(rows)
    n = len(percents)
    exercises = list(dict.fromkeys(_get(r, "exercise") for r in rows))
    by_ex: dict[str, Counter] = defaultdict(Counter)
    students_of: dict[str, set] = defaultdict(set)
    for r in rows:
        by_ex[_get(r, "exercise")][_get(r, "status")] += 1
        students_of[_get(r, "exercise")].add(_who(r))
    mis = misconceptions(rows)
    parts = [f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>Class report</title>"
             f"<style>{_CSS}</style></head><body><h1>Class report</h1>"]
    if not rows:
        parts.append("<p>No graded exercises yet.</p></body></html>")
        return "".join(parts)
    mean = sum(percents.values()) / n
    parts.append(f"<p class='lede'>{n} student{'s' * (n != 1)}, {len(exercises)} exercises; mean score "
                 f"{mean:.0f}% of the points. Each named mistake below is what the feedback told the student "
                 "(a known mistake or the diagnosis engine's finding).</p>")
    if mis:
        top = mis[0]
        share = 100 * len(top.students) / (len(students_of[top.exercise]) or 1)
        parts.append(f"<p class='headline'><b>Most shared misconception:</b> {esc(top.exercise)} &mdash; "
                     f"{esc(top.label)} ({len(top.students)} of {len(students_of[top.exercise])} students who "
                     f"handed it in, {share:.0f}%).</p>")
    parts.append("<h2>Scores</h2>" + _score_chart(list(percents.values())))
    parts.append("<h2>Exercises</h2>" + _pass_chart(exercises, by_ex))
    if mis:
        top = mis[:12]
        parts.append("<h2>The class's misconceptions</h2>"
                     + _mistake_chart(top, n, "Named mistakes, most shared first", True))
    parts.append("<h2>Mistakes by exercise</h2>")
    for ex in exercises:
        items = [m for m in mis if m.exercise == ex]
        c = by_ex[ex]
        handed = len(students_of[ex])
        rate = 100 * c["passed"] / (sum(c.values()) or 1)
        parts.append(f"<h3 id='{esc(ex)}'>{esc(ex)} &mdash; {rate:.0f}% pass ({c['passed']} of {handed})</h3>")
        if not items:
            unnamed = sum(v for k, v in c.items() if k != "passed")
            parts.append(f"<p>{'No named mistakes.' if unnamed else 'Everyone passed.'}"
                         + (f" {unnamed} student{'s' * (unnamed != 1)} did not pass without a named mistake "
                            "(errors, time-outs, not attempted, or no diagnosis)." if unnamed else "") + "</p>")
            continue
        parts.append(_mistake_chart(items, handed, f"{ex}: named mistakes", False))
        body = []
        for m in items:
            who = ", ".join(sorted(m.students)[:8]) + (" ..." if len(m.students) > 8 else "")
            body.append(f"<tr><td>{esc(m.label)}<div class='who'>{esc(m.mistake)}</div></td>"
                        f"<td class='n'>{len(m.students)} ({100 * len(m.students) / (handed or 1):.0f}%)</td>"
                        f"<td>{esc(m.words)}<div class='who'>{esc(who)}</div></td></tr>")
        parts.append("<table><tr><th>mistake</th><th>students</th><th>hint given (and who)</th></tr>"
                     + "".join(body) + "</table>")
    parts.append("</body></html>")
    return "\n".join(parts)


def write(out: Path, rows, atomic_write) -> None:
    """Write ``class.html`` and ``mistakes.csv`` into `out` with `atomic_write(path, text)`
    (the exports' own writer)."""
    rows = list(rows)
    atomic_write(Path(out) / "mistakes.csv", mistakes_csv(rows))
    atomic_write(Path(out) / "class.html", class_html(rows))
