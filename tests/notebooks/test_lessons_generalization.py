"""Lesson 11 as stored (with its outputs): the numbers its text quotes are the ones its
cells printed, no test plumbing is visible to the learner, its question exists, and it
ends with its exercise and the next lesson."""
from __future__ import annotations

import re
from pathlib import Path

import nbformat

from nnlessons.exercises.questions import QUESTIONS

LESSON = Path(__file__).resolve().parents[2] / "notebooks" / "11_generalization.ipynb"


def _nb() -> nbformat.NotebookNode:
    return nbformat.read(LESSON, as_version=4)


def _markdown(nb) -> str:
    return " ".join(" ".join(c.source.split()) for c in nb.cells if c.cell_type == "markdown")


def _stdout(nb) -> str:
    return "".join(o.get("text", "") for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", [])
                   if o.get("output_type") == "stream")


def test_the_widget_cell_is_tagged_with_its_reason_and_no_cell_shows_test_plumbing():
    nb = _nb()
    tagged = [c for c in nb.cells if "nbval-ignore-output" in c.metadata.get("tags", [])]
    assert [c.get("id") for c in tagged] == ["widget"]
    assert tagged[0].metadata["nnlessons"]["ignore_output_reason"]
    assert all("nbval" not in c.source for c in nb.cells)


def test_every_figure_cell_shows_a_figure_and_nothing_raised():
    nb = _nb()
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        assert not [o for o in cell.outputs if o.get("output_type") == "error"], cell.get("id")
        if "gen.boundaries(" in cell.source or "gen.loss_curves(" in cell.source or "weight_decay_figure(" in cell.source:
            assert any("image/png" in o.get("data", {}) for o in cell.outputs), cell.get("id")


def test_the_text_quotes_the_numbers_the_cells_printed():
    nb = _nb()
    text, out = _markdown(nb), _stdout(nb)
    run = re.search(r"training loss: +[\d.]+ at the start, ([\d.]+) at the end .*\n"
                    r"validation loss: ([\d.]+) at its lowest \(epoch (\d+)\), ([\d.]+) at the end", out)
    assert run, out
    end_train, lowest, best, end_val = run.groups()
    decay = re.search(r"λ = 0.01: training loss ([\d.]+), validation loss ([\d.]+)", out)
    assert decay
    assert f"({decay.group(1)} instead of {end_train})" in text
    assert f"ends at {decay.group(2)} instead of {end_val}" in text
    assert f"({lowest}, around epoch 60)" in text and 50 <= int(best) <= 70
    assert float(decay.group(2)) < float(lowest) < float(end_val) / 2, "the story: decay beats the best epoch"
    kept = re.search(r"early stopping keeps epoch (\d+) \(validation loss ([\d.]+)\); training stops at epoch (\d+)", out)
    assert kept and kept.group(1) == best and kept.group(2) == lowest
    assert f"at epoch {best} it had learned" in text and f"in {int(kept.group(3)) + 1} epochs instead of 1000" in text
    confident = re.search(r"the probability it gives their true class: ([\d.]+) for the median one\n"
                          r"the loss of a point: ([\d.]+) on average where it is wrong, ([\d.]+) where it is right", out)
    assert confident
    median, loss_wrong, loss_right = confident.groups()
    assert f"less than {median} for their true class" in text and f"-\\ln {median}" in text
    assert f"a wrong point costs {loss_wrong} on average and a right one {loss_right}" in text
    sizes = re.search(r"λ = 0.01: .*weight sizes ([\d.]+), ([\d.]+), ([\d.]+)", out).groups()
    assert len(set(sizes)) == 1 and f"the same size, {sizes[0]}." in text
    hasty = re.search(r"with a patience of 1 it would stop at epoch (\d+) \(validation loss ([\d.]+)\) and keep epoch (\d+) "
                      r"\(([\d.]+)\); epoch \d+ reaches ([\d.]+)", out)
    assert hasty and f"stopped at epoch {hasty.group(1)}" in text
    assert float(hasty.group(2)) > float(hasty.group(4)) > float(hasty.group(5)), "a wobble, with lower losses ahead"
    accs = [float(a) for a in re.findall(r": validation loss [\d.]+, accuracy ([\d.]+)%", out)]
    assert len(accs) == 3 and all(abs(a - 84) <= 1.5 for a in accs) and "about 84% of the validation points" in text
    lines = re.findall(r"decay on the (weights only|weights and biases) *: the line is ([\d.]+) from the origin, (\d+)% right", out)
    assert [(w, d) for w, d, _ in lines] == [("weights only", "2.80"), ("weights and biases", "1.61")]
    assert "2.8 from the origin" in text and "100% right" in out and "85% right" in out


def test_the_question_is_asked_before_the_run_that_answers_it():
    nb = _nb()
    ids = [c.get("id") for c in nb.cells]
    ask = nb.cells[ids.index("predict-answer")]
    assert "my_guess = ...\n" in ask.source and 'answer("weight_decay_training_loss", my_guess)' in ask.source
    assert "weight_decay_training_loss" in QUESTIONS and QUESTIONS["weight_decay_training_loss"].answer == "higher"
    assert ids.index("predict-answer") < ids.index("decay-train")


def test_the_lesson_ends_with_its_exercise_and_the_next_lesson():
    last = _nb().cells[-1].source
    targets = re.findall(r"\]\(([^)]+\.ipynb)\)", last)
    assert targets == ["../exercises/ex11_generalization.ipynb", "12_convolution.ipynb"]
    for target in targets:
        assert (LESSON.parent / target).is_file(), target
