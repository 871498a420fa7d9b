"""The gradebook: ``DIR/gradebook.sqlite``.

Tables: ``submissions`` (one row per submitted file: student_id, student, file_id,
file, notebook, sha256, graded_at, status, message, protections) and ``grades`` (one
row per (student, notebook, exercise), with the feedback text and HTML and the named
mistake and its hint, for the class report). A student is
identified by ``student_id``, the hex of their folder name's raw bytes (``student`` is
its display form, which two different names may share); a file likewise by
``file_id``. A submission and its grade rows are written in ONE transaction, so a
grader killed mid-batch leaves each submission either fully recorded or absent, and a
re-run completes the batch with every row once. Every text is capped before it is
stored (`MAX_MESSAGE`, `MAX_TEXT`, `MAX_HTML`): one submission cannot fill the disk.
A gradebook made by an older grader (schema version < 3) is started afresh: every
submission is graded again.
"""
from __future__ import annotations

import html
import json
import sqlite3
from datetime import datetime, timezone
from pathlib import Path

from .grade import Row
from .text import clean

__all__ = ["Gradebook", "SCHEMA", "MAX_MESSAGE", "MAX_TEXT", "MAX_HTML"]

VERSION = 3
MAX_MESSAGE = 2_000
MAX_TEXT = 20_000
MAX_HTML = 60_000

SCHEMA = """
CREATE TABLE IF NOT EXISTS submissions (
    student_id TEXT NOT NULL, student TEXT NOT NULL, file_id TEXT NOT NULL, file TEXT NOT NULL,
    notebook TEXT NOT NULL, sha256 TEXT NOT NULL, graded_at TEXT NOT NULL, status TEXT NOT NULL,
    message TEXT NOT NULL DEFAULT '', protections TEXT NOT NULL DEFAULT '{}',
    PRIMARY KEY (student_id, file_id));
CREATE TABLE IF NOT EXISTS grades (
    student_id TEXT NOT NULL, student TEXT NOT NULL, notebook TEXT NOT NULL, exercise TEXT NOT NULL,
    points REAL NOT NULL, max_points REAL NOT NULL, status TEXT NOT NULL,
    message TEXT NOT NULL, feedback_text TEXT NOT NULL, feedback_html TEXT NOT NULL,
    file_id TEXT NOT NULL, mistake TEXT NOT NULL DEFAULT '', hint TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (student_id, notebook, exercise));
"""


def _capped_html(markup: str, text: str) -> str:
    """The report's HTML, or its text in a <pre> when the HTML is too long to keep whole."""
    if len(markup) <= MAX_HTML:
        return markup
    return f"<pre>{html.escape(clean(text, MAX_TEXT))}</pre>"


class Gradebook:
    """A thin layer over the SQLite file."""

    def __init__(self, path: Path):
        self.path = path
        self.db = sqlite3.connect(str(path), timeout=30)
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA synchronous=NORMAL")
        self.restarted = self._migrate()
        self.db.executescript(SCHEMA)
        self.db.execute(f"PRAGMA user_version = {VERSION}")

    def _migrate(self) -> bool:
        """Drop the tables of an older schema; True if there were any."""
        version = self.db.execute("PRAGMA user_version").fetchone()[0]
        tables = {r[0] for r in self.db.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        if version >= VERSION or not tables & {"submissions", "grades"}:
            return False
        with self.db:
            self.db.execute("DROP TABLE IF EXISTS grades")
            self.db.execute("DROP TABLE IF EXISTS submissions")
        return True

    def close(self) -> None:
        """Close the connection."""
        self.db.close()

    def known_sha(self, student_id: str, file_id: str) -> str | None:
        """The sha256 recorded for this submission, if any."""
        row = self.db.execute("SELECT sha256 FROM submissions WHERE student_id=? AND file_id=?",
                              (student_id, file_id)).fetchone()
        return row[0] if row else None

    def record(self, ids: tuple[str, str, str, str], notebook: str, sha256: str, status: str,
               message: str, rows: list[Row] | None, protections: dict | None = None) -> None:
        """Replace this submission's record and its notebook's grade rows, atomically
        (`ids`: student_id, student, file_id, file; ``rows=None``: record the file only,
        e.g. a second file for the same notebook)."""
        student_id, student, file_id, file = ids
        now = datetime.now(timezone.utc).isoformat(timespec="seconds")
        with self.db:
            self._replace_rows(student_id, file_id, notebook, rows)
            self.db.execute("INSERT OR REPLACE INTO submissions VALUES (?,?,?,?,?,?,?,?,?,?)",
                            (student_id, clean(student, 1000), file_id, clean(file, 1000), clean(notebook, 200),
                             sha256, now, status, clean(message, MAX_MESSAGE),
                             clean(json.dumps(protections or {}), MAX_MESSAGE)))

    def _replace_rows(self, student_id: str, file_id: str, notebook: str, rows: list[Row] | None) -> None:
        if rows is None:
            return
        self.db.execute("DELETE FROM grades WHERE student_id=? AND (file_id=? OR notebook=?)",
                        (student_id, file_id, notebook))
        self.db.executemany(
            "INSERT OR REPLACE INTO grades VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
            [(student_id, clean(r.student, 1000), clean(r.notebook, 200), clean(r.exercise, 200),
              float(r.points), float(r.max_points), clean(r.status, 20), clean(r.message, MAX_MESSAGE),
              clean(r.text, MAX_TEXT), _capped_html(clean(r.html, 10 * MAX_HTML), r.text), file_id,
              clean(r.mistake, 200), clean(r.hint, MAX_MESSAGE))
             for r in rows])

    def prune(self, present: set[tuple[str, str]]) -> int:
        """Forget submissions (and their grades) whose files are no longer there
        (`present`: (student_id, file_id) pairs)."""
        gone = [tuple(k) for k in self.db.execute("SELECT student_id, file_id FROM submissions")
                if tuple(k) not in present]
        with self.db:
            for student_id, file_id in gone:
                self.db.execute("DELETE FROM grades WHERE student_id=? AND file_id=?", (student_id, file_id))
                self.db.execute("DELETE FROM submissions WHERE student_id=? AND file_id=?", (student_id, file_id))
        return len(gone)

    def _rows(self, query: str) -> list[sqlite3.Row]:
        """The rows of `query` as `sqlite3.Row`s (readable by column name)."""
        self.db.row_factory = sqlite3.Row
        try:
            return list(self.db.execute(query))
        finally:
            self.db.row_factory = None

    def grades(self) -> list[sqlite3.Row]:
        """Every grade row, ordered by student, notebook, then the exercise's rowid order."""
        return self._rows("SELECT * FROM grades ORDER BY student, student_id, notebook, rowid")

    def submissions(self) -> list[sqlite3.Row]:
        """Every submission row."""
        return self._rows("SELECT * FROM submissions ORDER BY student, student_id, file")
