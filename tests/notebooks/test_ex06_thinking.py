"""Exercise 06 makes the learner find dL/dz = p - y before it is shown: nothing above the
check of neuron_grads gives the answer away, and the rule is measured with Value first."""
import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("folder", ["exercises", "solutions"])
def test_the_answer_is_revealed_only_after_the_check(folder):
    cells = json.loads((ROOT / folder / "ex06_chain_rule.ipynb").read_text())["cells"]
    ids = [c.get("id") for c in cells]
    check = ids.index("check-neuron_grads")
    shown = [c for c in cells[:check] if c["cell_type"] == "markdown" or folder == "exercises"]
    for c in shown:
        text = "".join(c["source"]).replace(" ", "").replace("\\,", "")
        assert "=p-y" not in text and "(p-y)x" not in text, f"cell {c.get('id')} gives the answer away"
    after = "".join("".join(c["source"]) for c in cells[check + 1:] if c["cell_type"] == "markdown")
    assert "p - y" in after and "cancels" in after
    before = "".join("".join(c["source"]) for c in cells[:check])
    assert "Value(" in before and "backward()" in before and 'loss="mse"' in before
