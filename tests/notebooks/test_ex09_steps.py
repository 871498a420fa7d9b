"""Exercise 9 builds train_mlp in checked steps: each step's check (a notebook cell, numpy
only, so the grader can run it) names the typical slips of that step, and the known
mistakes of train_mlp are still recognised when the slip sits in a step."""
from __future__ import annotations

import contextlib
import io
from pathlib import Path

import nbformat
import pytest

from nnlessons.exercises import check

ROOT = Path(__file__).resolve().parents[2]
STEPS = ("init_network", "forward", "loss_and_grad", "backward", "sgd_step")


def _cells(folder: str) -> list:
    nb = nbformat.read(ROOT / folder / "ex09_training_a_network.ipynb", as_version=4)
    return [c for c in nb.cells if c.cell_type == "code"]


def run(slips: dict[str, tuple[str, str]] | None = None, folder: str = "solutions") -> tuple[dict, dict]:
    """Run the notebook's code cells but the graded check, with `slips` (step -> (old, new)
    text in its solution cell). Returns (the namespace, step -> what its check printed)."""
    slips = slips or {}
    ns: dict = {"__name__": "__main__"}
    printed = {}
    for cell in _cells(folder):
        meta = cell.metadata.get("nnlessons", {})
        source = cell.source
        if meta.get("role") == "check":
            continue
        if cell.get("id") == f"step-{meta.get('step')}" and meta.get("step") in slips:
            old, new = slips[meta["step"]]
            assert old in source, (meta["step"], old)
            source = source.replace(old, new)
        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            exec(compile(source, f"<cell {cell.get('id')}>", "exec"), ns)  # noqa: S102 (the course's own notebook)
        if meta.get("role") == "step-check":
            printed[meta["step"]] = out.getvalue().strip()
    return ns, printed


def test_every_step_of_the_solution_passes_its_check():
    _, printed = run()
    assert set(printed) == set(STEPS)
    for step, text in printed.items():
        assert text.startswith(f"✓ {step} is right"), text


SLIPS = [
    ("init_network", ("generator.standard_normal((n_in, hidden)) * np.sqrt(2.0 / n_in)", "np.zeros((n_in, hidden))"),
     "every hidden unit starts with the same weights"),
    ("init_network", ("generator.standard_normal((hidden, k)) * np.sqrt(2.0 / hidden)",
                      "generator.standard_normal((hidden, k))"),
     "W2's numbers should spread like sqrt(2 / 400)"),
    ("init_network", ("generator.standard_normal((n_in, hidden)) * np.sqrt(2.0 / n_in)",
                      "generator.random((n_in, hidden)) * np.sqrt(2.0 / n_in)"), "centred on 0"),
    ("init_network", ("generator = np.random.default_rng(seed)", "generator = np.random.default_rng()"),
     "the same seed must give the same weights"),
    ("forward", ("H = np.maximum(Z1, 0.0)", "H = Z1"), "the ReLU is missing"),
    ("forward", ('Z1 = X @ params["W1"] + params["b1"]', 'Z1 = X @ params["W1"]'), "the bias b1 is missing"),
    ("loss_and_grad", ("loss = -np.mean(", "loss = -np.sum("), "take the mean over the examples"),
    ("loss_and_grad", ("dlogits = (probs - np.eye(k)[y]) / m", "dlogits = probs - np.eye(k)[y]"), "divide by m"),
    ("loss_and_grad", ("shifted = logits - logits.max(axis=1, keepdims=True)", "shifted = logits"),
     "overflow np.exp"),
    ("backward", ("dZ1 = dH * (Z1 > 0)", "dZ1 = dH"), 'grads["W1"] does not match'),
    ("backward", ("db2 = dlogits.sum(axis=0)", "db2 = dlogits"), 'grads["b2"] has the shape of b2'),
    ("backward", ("dW2 = H.T @ dlogits", "dW2 = dlogits.T @ H"), 'grads["W2"] has the shape of W2'),
    ("sgd_step", ("params[key] - lr * grads[key]", "params[key] + lr * grads[key]"), "went UP its gradient"),
]


@pytest.mark.parametrize("step, slip, says", SLIPS, ids=[f"{s}-{i}" for i, (s, _, _) in enumerate(SLIPS)])
def test_a_step_check_names_the_slip(step, slip, says):
    _, printed = run({step: slip})
    assert printed[step].startswith(f"✗ {step}:") and says in printed[step], printed[step]


@pytest.mark.parametrize("slips, mistake", [
    ({"init_network": ("generator.standard_normal((n_in, hidden)) * np.sqrt(2.0 / n_in)", "np.zeros((n_in, hidden))")},
     "zeros_init"),
    ({"sgd_step": ("params[key] - lr * grads[key]", "params[key] + lr * grads[key]")}, "gradient_ascent"),
    ({"backward": ("dZ1 = dH * (Z1 > 0)", "dZ1 = dH")}, "no_hidden_activation"),
    ({"backward": ("dZ1 = dH * (Z1 > 0)", "dZ1 = dH"), "forward": ("H = np.maximum(Z1, 0.0)", "H = Z1")},
     "no_hidden_activation"),
], ids=["zeros init", "gradient ascent", "no ReLU in backprop", "no ReLU at all"])
def test_train_mlp_built_from_a_slipped_step_gets_the_known_mistake_hint(slips, mistake):
    ns, _ = run(slips)
    report = check(ns["train_mlp"])
    assert report.status != "passed" and report.mistake == mistake, report.to_text()


def test_the_exercise_notebook_step_checks_say_what_is_not_written_yet():
    _, printed = run(folder="exercises")
    assert printed["init_network"] == ("✗ init_network: not written yet: replace raise NotImplementedError() "
                                       "with your code and run its cell")
    assert printed["backward"].startswith("✗ backward: forward is not written yet")
