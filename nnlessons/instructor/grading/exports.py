"""What the grader writes from the gradebook: ``grades.csv``, ``summary.csv``,
``feedback/<student>.html`` and ``gradescope/<student>/results.json``.

Every file is written atomically (a temporary file in the same folder, then
``os.replace``), so a reader never sees half a file and a killed grader leaves the
previous version. Student names come from folder names, which may be any bytes: they
are shown with undecodable bytes as ``\\xNN``, and every file name made from one ends
with a hash of its raw bytes (``student_id``), so two students never share a file.
Every text cell of a CSV goes through `csv_cell` (the OWASP rule against formula
injection: a cell starting with ``= + - @``, a tab or a carriage return gets a
leading ``'``).
"""
from __future__ import annotations

import csv
import hashlib
import html
import io
import json
import os
import re
import tempfile
from collections import defaultdict
from pathlib import Path

from . import class_report
from .text import clean, csv_cell

__all__ = ["GRADES_COLUMNS", "SUMMARY_COLUMNS", "display_name", "safe_filename", "csv_cell", "atomic_write",
           "grades_csv", "by_student", "summary_csv", "feedback_html", "gradescope_json", "write_all"]

GRADES_COLUMNS = ["student", "notebook", "exercise", "points", "max_points", "status", "message"]
SUMMARY_COLUMNS = ["student", "notebooks", "points", "max_points", "percent", "passed", "not_passed"]


def display_name(name: str) -> str:
    """A folder name as text: undecodable bytes (surrogate escapes) become ``\\xNN``."""
    return os.fsencode(name).decode("utf-8", "backslashreplace")


def safe_filename(shown: str, student_id: str) -> str:
    """A portable file name for a student (`shown`: the display name, `student_id`: the
    hex of the raw name's bytes) that cannot leave its folder and always ends with a
    hash of the raw name: ``<slug>-<12 hex>``."""
    slug = re.sub(r"[^\w.\-]+", "_", shown, flags=re.ASCII).strip("._-")[:60] or "student"
    return f"{slug}-{hashlib.sha256(bytes.fromhex(student_id)).hexdigest()[:12]}"




def atomic_write(path: Path, data: str | bytes) -> None:
    """Write `data` to `path` via a temporary file and os.replace: a reader sees the old
    file or the new one, never half of one. Not synced to disk: every export is written
    again from the gradebook (which is) on every run."""
    path.parent.mkdir(parents=True, exist_ok=True)
    raw = data.encode("utf-8") if isinstance(data, str) else data
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(raw)
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


def _fmt(x: float) -> str:
    return f"{x:.4g}"


def grades_csv(rows) -> str:
    """``grades.csv``: exactly the columns of GRADES_COLUMNS."""
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(GRADES_COLUMNS)
    for r in rows:
        w.writerow([csv_cell(r["student"]), csv_cell(r["notebook"]), csv_cell(r["exercise"]),
                    _fmt(r["points"]), _fmt(r["max_points"]), csv_cell(r["status"]), csv_cell(r["message"])])
    return buf.getvalue()


def by_student(rows) -> dict[str, list]:
    """Grade rows grouped by student (their ``student_id``), in order."""
    out: dict[str, list] = defaultdict(list)
    for r in rows:
        out[r["student_id"]].append(r)
    return dict(out)


def summary_csv(rows) -> str:
    """``summary.csv``: per student, the notebooks graded and the totals."""
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(SUMMARY_COLUMNS)
    for _, rs in sorted(by_student(rows).items(), key=lambda kv: (kv[1][0]["student"], kv[0])):
        pts, mx = sum(r["points"] for r in rs), sum(r["max_points"] for r in rs)
        passed = sum(r["status"] == "passed" for r in rs)
        w.writerow([csv_cell(rs[0]["student"]), len({r["notebook"] for r in rs}), _fmt(pts), _fmt(mx),
                    f"{100 * pts / mx:.1f}" if mx else "0.0", passed, len(rs) - passed])
    return buf.getvalue()


_CSS = ("body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;color:#222}"
        "h2{border-bottom:1px solid #ccc}.passed{color:#1b7837}.partial{color:#b35806}"
        ".failed,.error,.timeout,.missing,.not_attempted{color:#b2182b}"
        "pre{white-space:pre-wrap;background:#f6f6f6;padding:.5rem}"
        "table.overview{border-collapse:collapse;margin:.5rem 0 1rem}"
        "table.overview th,table.overview td{text-align:left;padding:2px 12px 2px 0;"
        "border-bottom:1px solid #eee}table.overview td.pts{text-align:right}"
        "a{color:inherit}")


def _anchor(notebook: str, exercise: str) -> str:
    return "ex-" + re.sub(r"[^\w-]+", "_", f"{notebook}-{exercise or 'notebook'}")


def _overview(rows) -> str:
    """A table of every exercise: the whole grade at a glance, each line a link to its feedback."""
    esc = html.escape
    body = []
    for r in rows:
        name = r["exercise"] or "(the notebook)"
        body.append(f"<tr><td>{esc(r['notebook'])}</td>"
                    f"<td><a href='#{_anchor(r['notebook'], r['exercise'])}'>{esc(name)}</a></td>"
                    f"<td class='pts'>{_fmt(r['points'])} / {_fmt(r['max_points'])}</td>"
                    f"<td class='{esc(r['status'])}'>{esc(r['status'].replace('_', ' '))}</td></tr>")
    return ("<table class='overview'><tr><th>notebook</th><th>exercise</th><th>points</th>"
            "<th>status</th></tr>" + "".join(body) + "</table>")


def feedback_html(student: str, rows, notes: dict[str, str]) -> str:
    """One student's page: an overview table, then per notebook and exercise, points,
    status and the explanation (the course report's HTML, made with hidden inputs not
    revealed). A notebook-wide problem (a file that cannot be read) is shown once."""
    esc = html.escape
    parts = [f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>Feedback: {esc(student)}</title>"
             f"<style>{_CSS}</style></head><body><h1>Feedback for {esc(student)}</h1>"]
    total = sum(r["points"] for r in rows)
    top = sum(r["max_points"] for r in rows)
    parts.append(f"<p>Total: <b>{_fmt(total)} / {_fmt(top)}</b> points.</p>")
    parts.append(_overview(rows))
    for notebook in dict.fromkeys(r["notebook"] for r in rows):
        nrows = [r for r in rows if r["notebook"] == notebook]
        got, mx = sum(r["points"] for r in nrows), sum(r["max_points"] for r in nrows)
        parts.append(f"<h2>{esc(notebook)}: {_fmt(got)} / {_fmt(mx)}</h2>")
        note = notes.get(notebook) or ""
        if note:
            parts.append(f"<pre>{esc(note)}</pre>")
        for r in nrows:
            title = esc(r["exercise"] or "(notebook)")
            parts.append(f"<h3 id='{_anchor(r['notebook'], r['exercise'])}'>{title}: "
                         f"{_fmt(r['points'])} / {_fmt(r['max_points'])} "
                         f"<span class='{esc(r['status'])}'>{esc(r['status'].replace('_', ' '))}</span></h3>")
            if note and r["message"] and r["message"] in note:
                continue  # the notebook's note above already says it
            parts.append(r["feedback_html"] or f"<pre>{esc(r['message'])}</pre>")
    parts.append("</body></html>")
    return "\n".join(parts)


def gradescope_json(rows, notes: dict[str, str]) -> str:
    """Gradescope's results.json: a test per exercise, the total score."""
    tests = []
    for r in rows:
        name = f"{r['notebook']}: {r['exercise']}" if r["exercise"] else r["notebook"]
        tests.append({"name": name, "score": round(r["points"], 4), "max_score": round(r["max_points"], 4),
                      "status": "passed" if r["status"] == "passed" else "failed",
                      "output": r["feedback_text"] or r["message"]})
    out = "\n".join(f"{nb}: {note}" for nb, note in notes.items() if note)
    return json.dumps({"score": round(sum(r["points"] for r in rows), 4), "output": out,
                       "visibility": "visible", "tests": tests}, indent=1)


def write_all(out: Path, grade_rows, notes: dict[tuple[str, str], str]) -> None:
    """Every export, from the gradebook's rows (``notes``: (student_id, notebook) -> text)."""
    atomic_write(out / "grades.csv", grades_csv(grade_rows))
    atomic_write(out / "summary.csv", summary_csv(grade_rows))
    written = set()
    for student_id, rs in by_student(grade_rows).items():
        mine = {nb: text for (s, nb), text in notes.items() if s == student_id}
        student = rs[0]["student"]
        fname = safe_filename(student, student_id)
        written.add(fname)
        atomic_write(out / "feedback" / f"{fname}.html", feedback_html(student, rs, mine))
        atomic_write(out / "gradescope" / fname / "results.json", gradescope_json(rs, mine))
    class_report.write(out, grade_rows, atomic_write)
    _remove_stale(out, written)


def _remove_stale(out: Path, written: set[str]) -> None:
    """Remove the feedback pages and results.json of students no longer in the gradebook
    (or named by an older grader), so no page shows an outdated grade."""
    for page in (out / "feedback").glob("*.html"):
        if page.stem not in written and page.is_file() and not page.is_symlink():
            page.unlink()
    for results in (out / "gradescope").glob("*/results.json"):
        if results.parent.name not in written and results.is_file() and not results.is_symlink():
            results.unlink()
            try:
                results.parent.rmdir()
            except OSError:
                pass
