"""Lessons 13 and 14 as stored (with their outputs): what they say matches what they show,
no test plumbing is visible to the learner, and each ends with its exercise and what comes next."""
from __future__ import annotations

import re
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parents[2]
LESSONS = {"13": ROOT / "notebooks" / "13_capstone_digits.ipynb", "14": ROOT / "notebooks" / "14_words_and_weights.ipynb"}


def _read(n: str) -> nbformat.NotebookNode:
    return nbformat.read(LESSONS[n], as_version=4)


def _markdown(nb) -> str:
    return "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")


def _stdout(cell) -> str:
    return "".join(o.get("text", "") for o in cell.get("outputs", []) if o.get("output_type") == "stream")


@pytest.mark.parametrize("n", sorted(LESSONS))
def test_widget_cells_have_no_plumbing_comment_but_the_tag_and_its_reason(n):
    nb = _read(n)
    tagged = [c for c in nb.cells if "nbval-ignore-output" in c.metadata.get("tags", [])]
    assert tagged, "the widget cell keeps its nbval-ignore-output tag"
    for cell in nb.cells:
        assert "nbval" not in cell.source, f"test plumbing visible to the learner in cell {cell.get('id')}"
    for cell in tagged:
        assert cell.metadata.get("nnlessons", {}).get("ignore_output_reason"), cell.get("id")


@pytest.mark.parametrize("n, links", [
    ("13", ["../exercises/ex13_capstone_digits.ipynb", "14_words_and_weights.ipynb"]),
    ("14", ["../exercises/ex14_words_and_weights.ipynb", "00_start_here.ipynb"]),
])
def test_the_lesson_ends_with_its_exercise_and_what_comes_next(n, links):
    nb = _read(n)
    last = nb.cells[-1].source
    targets = re.findall(r"\]\(([^)]+\.ipynb)\)", last)
    for link in links:
        assert link in targets, f"lesson {n} should end with a link to {link}; it links {targets}"
        assert (LESSONS[n].parent / link).is_file(), link
    if n == "14":
        assert "read next" in last.lower()


def test_lesson_13_names_the_dead_filter_and_measures_it():
    nb = _read("13")
    text = _markdown(nb)
    assert "blank map means that filter found nothing" not in text
    assert "dead ReLU" in text and "lesson 03" in text and "100%" in text
    dead = next(c for c in nb.cells if c.cell_type == "code" and "loss_and_grads" in c.source)
    out = _stdout(dead)
    assert "output 0 on 100% of the training positions" in out
    assert out.rstrip().endswith("0.0 0.0"), "the dead filter's gradient is exactly 0"


def test_lesson_13_shows_training_and_validation_curves_with_the_early_stop():
    nb = _read("13")
    cell = next(c for c in nb.cells if c.cell_type == "code" and "training_curves(" in c.source)
    assert "stop_epoch=best[\"epoch\"]" in cell.source
    assert any("image/png" in o.get("data", {}) for o in cell.outputs)
    out = "".join(_stdout(c) for c in nb.cells if c.cell_type == "code")
    epoch = re.search(r"best validation accuracy: ([\d.]+)%, after epoch (\d+)", out)
    assert epoch, "the loop reports the best validation epoch"
    assert f"epoch {epoch.group(2)}" in _markdown(nb) and f"{epoch.group(1)}%" in _markdown(nb)


def test_lesson_14_measures_the_train_test_gap_it_talks_about():
    nb = _read("14")
    out = "".join(_stdout(c) for c in nb.cells if c.cell_type == "code")
    train = re.search(r"training sentences: ([\d.]+)% right", out)
    test = re.search(r"test sentences: +([\d.]+)% right", out)
    assert train and test and float(train.group(1)) > float(test.group(1))
    text = _markdown(nb)
    assert "train/test gap" in text and f"{train.group(1)}%" in text and f"{test.group(1)}%" in text
