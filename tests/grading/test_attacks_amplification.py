"""Attack class 4: no amplification and no unbounded work in the grading process.

What a child sends is capped where it enters, what the grader stores and writes is
capped per row, a learner's output is evaluated in a process with its own memory
limit, and the child's working directory has a size and an inode quota.
"""
from __future__ import annotations

import resource
from pathlib import Path

from nbformat.v4 import new_code_cell

from nnlessons.instructor.grading.course import default_course
from submissions import nbmake, real
from submissions.attack import EX03, assert_control_passed, fn, grade, notebook, probe


def _tree_bytes(root: Path) -> int:
    return sum(p.stat().st_size for p in root.rglob("*") if p.is_file())


def test_child_output_is_not_amplified(tmp_path):
    """A few MB from the child (a tuple of 300,000 ints whose every element the report
    would describe, a dict with a megabyte key, long escape-heavy errors, many cell
    errors) yield a bounded amount of output, with the real course's report."""
    sources = {
        **real.sources(EX03, "correct"),
        "relu": fn("relu", "return (1,) * 300_000"),
        "sigmoid": fn("sigmoid", "return {'<&>' * 300_000: np.asarray(z)}"),
        "relu_grad": fn("relu_grad", "raise ValueError('<&\\u2028>' * 5000)"),
    }
    errors = [nbmake.new_code_cell(f"raise RuntimeError('<&>' * 20000 + '{i}')") for i in range(30)]
    note = nbmake.build(EX03, sources, real=True, extra=errors)
    rows, _, out = grade(tmp_path, {"mallory": {f"{EX03}.ipynb": note}}, course=default_course(), control=False,
                         timeout=60, memory_mb=1024)
    for n in ("relu", "sigmoid", "relu_grad"):
        assert float(rows[("mallory", EX03, n)]["points"]) == 0.0
    assert _tree_bytes(out) < 3_000_000, f"{_tree_bytes(out)} bytes of output"


def _ex09_notebook(body: str):
    nb = nbmake.nbformat.v4.new_notebook(cells=[
        new_code_cell("import numpy as np"),
        nbmake.exercise_cell("train_mlp", fn("train_mlp", body, "X, y, hidden=16, lr=0.5, epochs=300, seed=0"))])
    nb.metadata["nnlessons"] = {"notebook": "ex09_training_a_network"}
    return nb


def test_huge_learner_net_is_evaluated_under_a_memory_limit(tmp_path):
    """train_mlp returns a net as wide as the channel lets through (float16): its
    forward pass on the training points would need gigabytes. The grader's own memory
    stays flat and the exercise earns (next to) nothing."""
    body = ("k = int(np.max(y)) + 1\nh = 1_050_000 // (k + 3) - 1\n"
            "return {'W1': np.ones((X.shape[1], h), np.float16), 'b1': np.ones(h, np.float16),\n"
            "        'W2': np.ones((h, k), np.float16), 'b2': np.zeros(k, np.float16)}")
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    rows, _, _ = grade(tmp_path, {"mallory": {"ex09_training_a_network.ipynb": _ex09_notebook(body)}},
                       course=default_course(), control=False, timeout=60, memory_mb=1024)
    grown_mb = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024
    row = rows[("mallory", "ex09_training_a_network", "train_mlp")]
    assert row["status"] != "passed" and float(row["points"]) < float(row["max_points"]) / 4, row
    assert grown_mb < 400, f"the grading process grew by {grown_mb:.0f} MB"


def test_working_directory_has_a_size_and_inode_quota(tmp_path):
    """Writing hundreds of megabytes, or tens of thousands of files, stops early."""
    fill = ("import os\nwritten = files = 0\ntry:\n    for i in range(300):\n"
            "        with open(f'f{i}', 'wb') as fh:\n            fh.write(b'x' * 2**20)\n        written += 1\n"
            "except OSError:\n    pass\nfor i in range(written):\n    os.unlink(f'f{i}')\n"
            "try:\n    for i in range(40000):\n        open(f'n{i}', 'wb').close()\n        files += 1\n"
            "except OSError:\n    pass\nDISK = (written, files)")
    check = "if DISK[0] > 200 or DISK[1] > 30000:\n    leaks.append(DISK)"
    rows, _, _ = grade(tmp_path, {"mallory": {f"{EX03}.ipynb": notebook({"relu": probe("relu", check)}, before=[fill])}},
                       timeout=40)
    assert rows[("mallory", EX03, "relu")]["status"] == "passed", rows[("mallory", EX03, "relu")]
    assert_control_passed(rows)

