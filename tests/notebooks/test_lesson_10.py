"""Lesson 10 as stored (with its outputs): what the prose says is what the cells printed, the
prediction is asked before it is run, no test plumbing is visible, and the lesson ends with
its exercise and the next lesson."""
from __future__ import annotations

import re
from pathlib import Path

import nbformat
import pytest

from nnlessons.exercises.questions import QUESTIONS

LESSON = Path(__file__).resolve().parents[2] / "notebooks" / "10_initialization_and_depth.ipynb"


@pytest.fixture(scope="module")
def nb():
    return nbformat.read(LESSON, as_version=4)


def _cell(nb, cell_id):
    return next(c for c in nb.cells if c.get("id") == cell_id)


def _stdout(cell) -> str:
    return "".join(o.get("text", "") for o in cell.get("outputs", []) if o.get("output_type") == "stream")


def _numbers(line: str) -> list[float]:
    return [float(v) for v in re.findall(r"(?<![\w.])-?\d+(?:\.\d+)?(?:e[+-]?\d+)?", line.rsplit(":", 1)[1])]


def test_the_forward_pass_prints_what_the_prose_says(nb):
    lines = _stdout(_cell(nb, "forward")).splitlines()
    small, he, large = (_numbers(line) for line in lines)
    assert len(small) == len(he) == len(large) == 10
    text = _cell(nb, "forward-read").source
    assert round(small[0], 2) == 0.08 and 1e-11 < small[-1] < 1e-9 and "from 0.08 at layer 1 to $10^{-10}$" in text
    assert all(0.6 < s < 0.9 for s in he) and "stays near 0.8" in text
    assert large[0] == 2.5 and 3e4 < large[-1] < 5e4 and "from 2.5 at layer 1 to some 40 000" in text


def test_the_derivation_is_checked_by_numbers_that_agree(nb):
    out = _stdout(_cell(nb, "why-check"))
    measured, formula = (float(v) for v in re.findall(r"\d+\.\d+", out))
    assert abs(measured - formula) < 0.02 * formula
    lines = _stdout(_cell(nb, "relu-half-check")).splitlines()
    per_layer = [line for line in lines if "per layer" in line]
    assert len(per_layer) == 4
    for line in per_layer:
        factor, g = (float(v) for v in re.findall(r"\d+\.\d+", line)[-2:])
        assert abs(factor - g) < 0.05 * g, line
    std, formula = (float(v) for v in re.findall(r"\d+\.\d+", next(l for l in lines if "layer 1 with He" in l)))
    assert abs(std - formula) < 0.01 and "the 0.83 of layer 1" in _cell(nb, "relu-half").source


def test_tanh_drifts_slowly_with_xavier_and_holds_with_he_as_the_prose_says(nb):
    xavier, he = (_numbers(line.split("(")[0]) for line in _stdout(_cell(nb, "tanh-check")).splitlines())
    first, last = (float(v) for v in re.findall(r"x (\d+\.\d+)", _stdout(_cell(nb, "tanh-check")).splitlines()[0]))
    text = _cell(nb, "tanh-read").source
    assert f"falls from {xavier[0]:.2f} to {xavier[-1]:.2f}" in text
    assert f"factor {first:.2f}" in text and f"by {last:.2f} from layer 9 to 10" in text and first < last < 1
    assert 0.5 < he[-1] < 0.6 and "settles near 0.55" in text


def test_the_prediction_is_asked_before_it_is_run_and_the_answer_is_what_the_run_shows(nb):
    ids = [c.get("id") for c in nb.cells]
    assert ids.index("predict-answer") < ids.index("predict-run")
    ask = _cell(nb, "predict-answer")
    assert "my_guess = ..." in ask.source and 'answer("sigmoid_he_gradients_vanish", my_guess)' in ask.source
    assert "write your prediction first" in ask.outputs[0]["data"]["text/plain"]
    ratio = float(re.search(r"dW_1 is some ([\d,]+) times smaller", _stdout(_cell(nb, "predict-run"))).group(1)
                  .replace(",", ""))
    assert (ratio > 1000) == (QUESTIONS["sigmoid_he_gradients_vanish"].answer == "yes")
    assert "tens of thousands" in _cell(nb, "predict-read").source and 1e4 <= ratio < 1e5


def test_three_times_he_overflows_and_he_learns(nb):
    he, large = _stdout(_cell(nb, "backward-steps")).splitlines()
    losses = _numbers(he)
    assert losses == sorted(losses, reverse=True) and losses[0] == 2.81
    assert large.rstrip().endswith("nan") and "1.56e+38" in large


def test_widget_cell_has_its_tag_and_reason_and_no_cell_shows_test_plumbing(nb):
    widget = _cell(nb, "widget")
    assert "nbval-ignore-output" in widget.metadata.get("tags", [])
    assert widget.metadata["nnlessons"]["ignore_output_reason"]
    assert "depth_app()" in widget.source
    for cell in nb.cells:
        assert "nbval" not in cell.source and "pytest" not in cell.source, cell.get("id")


def test_the_lesson_ends_with_its_exercise_and_the_next_lesson(nb):
    last = nb.cells[-1].source
    targets = re.findall(r"\]\(([^)]+\.ipynb)\)", last)
    assert "../exercises/ex10_initialization_and_depth.ipynb" in targets
    assert (LESSON.parent / "../exercises/ex10_initialization_and_depth.ipynb").is_file()
    assert "[Next: 11 — generalization](11_generalization.ipynb)" in last
