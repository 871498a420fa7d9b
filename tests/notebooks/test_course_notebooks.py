"""The course's notebooks as a whole: the fifteen lessons of the table, no test-runner
plumbing in any cell a learner sees, a reason for every output nbval ignores, and links
that lead somewhere: each lesson to its exercise and to the next lesson, every relative
notebook link to a file that exists."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
LESSONS = ["00_start_here", "01_weighted_sum", "02_bias", "03_activations", "04_forward_propagation",
           "05_losses", "06_chain_rule", "07_gradient_descent", "08_backprop_with_matrices",
           "09_training_a_network", "10_initialization_and_depth", "11_generalization", "12_convolution",
           "13_capstone_digits", "14_words_and_weights"]
LEARNER_NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb")) + sorted((ROOT / "exercises").glob("*.ipynb"))
ALL_NOTEBOOKS = LEARNER_NOTEBOOKS + sorted((ROOT / "solutions").glob("*.ipynb"))
LINK = re.compile(r"\]\(([^)#\s]+\.ipynb)(#[^)]*)?\)")


def _cells(path: Path) -> list[dict]:
    return json.loads(path.read_text(encoding="utf-8"))["cells"]


def _source(cell: dict) -> str:
    return "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]


def _markdown(path: Path) -> str:
    return "\n".join(_source(c) for c in _cells(path) if c["cell_type"] == "markdown")


def test_the_lessons_are_the_fifteen_of_the_course():
    assert sorted(p.stem for p in (ROOT / "notebooks").glob("*.ipynb")) == LESSONS
    assert sorted(p.stem[:4] for p in (ROOT / "exercises").glob("*.ipynb")) == [f"ex{i:02d}" for i in range(1, 15)]


@pytest.mark.parametrize("path", LEARNER_NOTEBOOKS, ids=lambda p: p.name)
def test_no_cell_a_learner_sees_mentions_the_test_runner(path):
    for i, cell in enumerate(_cells(path)):
        assert "nbval" not in _source(cell).lower(), f"{path.name} cell {i} mentions nbval"
        tags = cell.get("metadata", {}).get("tags", [])
        if "nbval-ignore-output" in tags:
            reason = cell["metadata"].get("nnlessons", {}).get("ignore_output_reason", "")
            assert len(reason) > 10, f"{path.name} cell {i}: why is its output ignored?"


@pytest.mark.parametrize("stem", LESSONS)
def test_each_lesson_links_to_its_exercise_and_the_next_lesson(stem):
    links = {m.group(1) for m in LINK.finditer(_markdown(ROOT / "notebooks" / f"{stem}.ipynb"))}
    number = int(stem[:2])
    if 1 <= number <= 14:
        exercise = next((ROOT / "exercises").glob(f"ex{number:02d}_*.ipynb"))
        assert any(link.endswith(exercise.name) for link in links), f"{stem} does not link to {exercise.name}"
    follower = LESSONS[number + 1] if number < 14 else LESSONS[0]
    assert f"{follower}.ipynb" in {Path(link).name for link in links}, f"{stem} does not link to {follower}"


@pytest.mark.parametrize("path", ALL_NOTEBOOKS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_every_notebook_link_leads_to_a_notebook_that_exists(path):
    for m in LINK.finditer(_markdown(path)):
        target = m.group(1)
        if "://" in target:
            continue
        assert (path.parent / target).resolve().is_file(), f"{path.name} links to {target}, which does not exist"


def test_every_exercise_notebook_opens_its_widget_on_the_learners_functions():
    import nbformat

    import learner_code

    taken = {kw for _, _, kw, _ in learner_code.yours_tables()}

    from nnlessons.exercises.registry import NOTEBOOKS

    for folder in ("solutions", "exercises"):
        for stem in NOTEBOOKS:
            nb = nbformat.read(ROOT / folder / f"{stem}.ipynb", as_version=4)
            roles = [c.get("metadata", {}).get("nnlessons", {}).get("role") for c in nb.cells]
            assert "widget" in roles, f"{folder}/{stem}.ipynb has no 'your code in action' cell"
            at = roles.index("widget")
            cell = nb.cells[at]
            assert cell.id == "your-code-in-action" and "nbval-ignore-output" in cell.metadata.get("tags", [])
            assert at > max(i for i, r in enumerate(roles) if r == "check"), "it comes after the checks"
            assert all(c.cell_type == "markdown" for c in nb.cells[at + 1:]), "nothing to run after it"
            for name in set(NOTEBOOKS[stem]) & taken:  # every function of it a widget can draw
                assert f"{name}=" in cell.source, f"{folder}/{stem}.ipynb: the widget cell does not pass {name}="
