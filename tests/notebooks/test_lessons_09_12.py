"""Lessons 09 and 12 follow the lesson conventions: the title carries the lesson's number,
widget cells say why nbval ignores their output in metadata (no test plumbing in the
source a learner reads), and the lesson ends with links to its exercise and the next lesson."""
from __future__ import annotations

import re
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parents[2]
LESSONS = {"09_training_a_network": ("ex09_training_a_network", "10_initialization_and_depth"),
           "12_convolution": ("ex12_convolution", "13_capstone_digits")}


def _read(stem: str) -> nbformat.NotebookNode:
    return nbformat.read(ROOT / "notebooks" / f"{stem}.ipynb", as_version=4)


@pytest.mark.parametrize("stem", LESSONS)
def test_the_title_carries_the_lesson_number(stem):
    assert _read(stem).cells[0].source.startswith(f"# {stem[:2]} · ")


@pytest.mark.parametrize("stem", LESSONS)
def test_widget_cells_keep_the_nbval_reason_in_metadata_not_in_the_source(stem):
    code = [c for c in _read(stem).cells if c.cell_type == "code"]
    widgets = [c for c in code if re.search(r"display\(\w+\.widget\)", c.source)]
    assert widgets
    for cell in code:
        assert not re.search(r"^\s*#\s*nbval", cell.source, re.M), cell.source
    for cell in widgets:
        assert "nbval-ignore-output" in cell.metadata.get("tags", [])
        assert cell.metadata.get("nnlessons", {}).get("ignore_output_reason", "").strip()


@pytest.mark.parametrize("stem", LESSONS)
def test_the_lesson_ends_with_links_to_its_exercise_and_to_the_next_lesson(stem):
    exercise, following = LESSONS[stem]
    last = _read(stem).cells[-1]
    assert last.cell_type == "markdown"
    assert f"](../exercises/{exercise}.ipynb)" in last.source
    assert re.search(rf"\[Next: {following[:2]} — [^\]]+\]\({following}\.ipynb\)", last.source), last.source
    assert (ROOT / "solutions" / f"{exercise}.ipynb").exists()
