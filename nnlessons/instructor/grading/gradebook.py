"""The gradebook: ``DIR/gradebook.sqlite``.

Tables: ``submissions`` (one row per submitted file: student, file, notebook, sha256,
graded_at, status, message, protections) and ``grades`` (one row per (student,
notebook, exercise), with the feedback text and HTML). A submission and its grade rows
are written in ONE transaction, so a grader killed mid-batch leaves each submission
either fully recorded or absent, and a re-run completes the batch with every row once.
"""
from __future__ import annotations

import json
import sqlite3
from datetime import datetime, timezone
from pathlib import Path

from .grade import Row

__all__ = ["Gradebook", "SCHEMA"]

SCHEMA = """
CREATE TABLE IF NOT EXISTS submissions (
    student TEXT NOT NULL, file TEXT NOT NULL, notebook TEXT NOT NULL,
    sha256 TEXT NOT NULL, graded_at TEXT NOT NULL, status TEXT NOT NULL,
    message TEXT NOT NULL DEFAULT '', protections TEXT NOT NULL DEFAULT '{}',
    PRIMARY KEY (student, file));
CREATE TABLE IF NOT EXISTS grades (
    student TEXT NOT NULL, notebook TEXT NOT NULL, exercise TEXT NOT NULL,
    points REAL NOT NULL, max_points REAL NOT NULL, status TEXT NOT NULL,
    message TEXT NOT NULL, feedback_text TEXT NOT NULL, feedback_html TEXT NOT NULL,
    file TEXT NOT NULL, mistake TEXT NOT NULL DEFAULT '', hint TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (student, notebook, exercise));
"""
_ADDED_COLUMNS = {"mistake": "TEXT NOT NULL DEFAULT ''", "hint": "TEXT NOT NULL DEFAULT ''"}
"""Columns of ``grades`` newer than some gradebooks: added when such a gradebook is opened."""


class Gradebook:
    """A thin layer over the SQLite file."""

    def __init__(self, path: Path):
        self.path = path
        self.db = sqlite3.connect(str(path), timeout=30)
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.executescript(SCHEMA)
        have = {row[1] for row in self.db.execute("PRAGMA table_info(grades)")}
        with self.db:
            for name, decl in _ADDED_COLUMNS.items():
                if name not in have:
                    self.db.execute(f"ALTER TABLE grades ADD COLUMN {name} {decl}")

    def close(self) -> None:
        """Close the connection."""
        self.db.close()

    def known_sha(self, student: str, file: str) -> str | None:
        """The sha256 recorded for this submission, if any."""
        row = self.db.execute("SELECT sha256 FROM submissions WHERE student=? AND file=?",
                              (student, file)).fetchone()
        return row[0] if row else None

    def record(self, student: str, file: str, notebook: str, sha256: str, status: str,
               message: str, rows: list[Row] | None, protections: dict | None = None) -> None:
        """Replace this submission's record and its notebook's grade rows, atomically
        (``rows=None``: record the file only, e.g. a second file for the same notebook)."""
        now = datetime.now(timezone.utc).isoformat(timespec="seconds")
        with self.db:
            self._replace_rows(student, file, notebook, rows)
            self.db.execute("INSERT OR REPLACE INTO submissions VALUES (?,?,?,?,?,?,?,?)",
                            (student, file, notebook, sha256, now, status, message,
                             json.dumps(protections or {})))

    def _replace_rows(self, student: str, file: str, notebook: str, rows: list[Row] | None) -> None:
        if rows is None:
            return
        self.db.execute("DELETE FROM grades WHERE student=? AND (file=? OR notebook=?)",
                        (student, file, notebook))
        self.db.executemany(
            "INSERT OR REPLACE INTO grades (student, notebook, exercise, points, max_points, status, message, "
            "feedback_text, feedback_html, file, mistake, hint) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
            [(r.student, r.notebook, r.exercise, r.points, r.max_points, r.status, r.message,
              r.text, r.html, file, getattr(r, "mistake", ""), getattr(r, "hint", "")) for r in rows])

    def prune(self, present: set[tuple[str, str]]) -> int:
        """Forget submissions (and their grades) whose files are no longer there."""
        gone = [k for k in self.db.execute("SELECT student, file FROM submissions") if tuple(k) not in present]
        with self.db:
            for student, file in gone:
                self.db.execute("DELETE FROM grades WHERE student=? AND file=?", (student, file))
                self.db.execute("DELETE FROM submissions WHERE student=? AND file=?", (student, file))
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
        return self._rows("SELECT * FROM grades ORDER BY student, notebook, rowid")

    def submissions(self) -> list[sqlite3.Row]:
        """Every submission row."""
        return self._rows("SELECT * FROM submissions ORDER BY student, file")
