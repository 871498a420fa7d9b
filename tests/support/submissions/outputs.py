"""Find a student's output files: their names end with a hash of the raw folder name."""
from __future__ import annotations

import os
from pathlib import Path

from nnlessons.instructor.grading.exports import display_name, safe_filename


def stem(student: str | bytes) -> str:
    """The file stem the grader uses for `student` (a folder name, str or raw bytes)."""
    raw = student if isinstance(student, bytes) else os.fsencode(student)
    return safe_filename(display_name(os.fsdecode(raw)), raw.hex())


def feedback_page(out: Path, student: str | bytes) -> Path:
    """out/feedback/<stem>.html"""
    return out / "feedback" / f"{stem(student)}.html"


def results_json(out: Path, student: str | bytes) -> Path:
    """out/gradescope/<stem>/results.json"""
    return out / "gradescope" / stem(student) / "results.json"


