"""Lessons 04-07 as a learner sees them: no test plumbing in the cells, a link to the next
lesson at the end, and lesson 05's prediction asked before the cell that answers it."""
import json
import re
from pathlib import Path

import pytest

NOTEBOOKS = Path(__file__).resolve().parents[2] / "notebooks"
LESSONS = {"04_forward_propagation": "05_losses", "05_losses": "06_chain_rule",
           "06_chain_rule": "07_gradient_descent", "07_gradient_descent": "08_backprop_with_matrices"}


def _cells(stem):
    return json.loads((NOTEBOOKS / f"{stem}.ipynb").read_text())["cells"]


@pytest.mark.parametrize("stem", LESSONS)
def test_widget_cells_keep_the_reason_in_metadata_not_in_a_comment(stem):
    tagged = 0
    for c in _cells(stem):
        source = "".join(c["source"])
        assert not re.search(r"^\s*#\s*nbval", source, re.M), f"{stem}: a test-runner comment in cell {c.get('id')}"
        if "nbval-ignore-output" in c["metadata"].get("tags", []):
            tagged += 1
            assert c["metadata"].get("nnlessons", {}).get("ignore_output_reason"), c.get("id")
    assert tagged >= 1


@pytest.mark.parametrize("stem, following", LESSONS.items())
def test_each_lesson_ends_with_a_link_to_the_next(stem, following):
    last = "".join(_cells(stem)[-1]["source"])
    assert f"]({following}.ipynb)" in last
    assert f"](../exercises/ex{stem}.ipynb)" in last


def test_lesson_05_asks_for_the_untrained_loss_before_computing_it():
    cells = _cells("05_losses")
    sources = ["".join(c["source"]) for c in cells]
    ask = next(i for i, s in enumerate(sources) if 'answer("untrained_loss", my_guess)' in s)
    assert "my_guess = ..." in sources[ask]
    assert "write your prediction first" in json.dumps(cells[ask]["outputs"])
    computes = next(i for i, s in enumerate(sources) if "cross_entropy(uniform" in s)
    assert ask < computes
