"""Lessons 00-03 as a learner opens them: no test plumbing in visible cells, widget cells
tagged with their reason in metadata, a closing link to the exercise and the next lesson,
predict-then-run questions that exist, and lesson 00's table of the whole course."""
import re
from pathlib import Path

import nbformat
import pytest

from nnlessons.exercises.questions import QUESTIONS

ROOT = Path(__file__).resolve().parents[2]
LESSONS = {"00": "start_here", "01": "weighted_sum", "02": "bias", "03": "activations"}
COURSE = ["00_start_here", "01_weighted_sum", "02_bias", "03_activations", "04_forward_propagation",
          "05_losses", "06_chain_rule", "07_gradient_descent", "08_backprop_with_matrices",
          "09_training_a_network", "10_initialization_and_depth", "11_generalization", "12_convolution",
          "13_capstone_digits", "14_words_and_weights"]
LINK = re.compile(r"\]\(([^)\s]+\.ipynb)\)")


def _lesson(num):
    return nbformat.read(ROOT / "notebooks" / f"{num}_{LESSONS[num]}.ipynb", as_version=4)


@pytest.mark.parametrize("num", list(LESSONS))
def test_no_test_plumbing_in_visible_cells_and_widget_cells_say_why_they_are_ignored(num):
    for cell in _lesson(num).cells:
        assert "nbval" not in cell.source, f"cell {cell.id}: test plumbing in the source"
        tagged = "nbval-ignore-output" in cell.metadata.get("tags", [])
        if cell.cell_type == "code" and re.search(r"\w+_app\(", cell.source):
            assert tagged, f"widget cell {cell.id} is not tagged nbval-ignore-output"
        if tagged:
            assert cell.metadata.get("nnlessons", {}).get("ignore_output_reason"), cell.id


@pytest.mark.parametrize("num", list(LESSONS))
def test_the_lesson_ends_with_its_exercise_and_the_next_lesson(num):
    last = _lesson(num).cells[-1]
    nxt = COURSE[int(num) + 1]
    assert f"[Next: {nxt[:2]} — " in last.source and f"]({nxt}.ipynb)" in last.source
    ex = f"ex{COURSE[max(int(num), 1)]}"  # lesson 00 points to the first exercise
    assert f"(../exercises/{ex}.ipynb)" in last.source
    for target in LINK.findall(last.source):
        assert (ROOT / "notebooks" / target).resolve().exists(), target


@pytest.mark.parametrize("num", list(LESSONS))
def test_every_question_asked_exists_and_is_asked_before_its_answer_is_shown(num):
    cells = _lesson(num).cells
    for i, cell in enumerate(cells):
        for qid in re.findall(r"answer\(\"(\w+)\"", cell.source):
            assert qid in QUESTIONS, f"lesson {num} asks an unknown question {qid!r}"
            assert "my_guess = ..." in cell.source  # the learner writes the guess
            assert any(c.cell_type == "code" for c in cells[i + 1:i + 3])  # then runs the answer


def test_lesson_00_lists_the_whole_course_with_links():
    table = next(c.source for c in _lesson("00").cells if "| # | lesson |" in c.source)
    links = set(LINK.findall(table))
    for name in COURSE:
        assert f"{name}.ipynb" in links, f"lesson {name} missing from the table"
        if name != "00_start_here":
            assert f"../exercises/ex{name}.ipynb" in links, f"exercise ex{name} missing from the table"
    questions = "".join(c.source for c in _lesson("00").cells)
    assert "check(" in questions and "answer(" in questions
