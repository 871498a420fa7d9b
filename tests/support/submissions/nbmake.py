"""Build learner notebooks with nbformat for the grader's tests."""
from __future__ import annotations

import os
import warnings
from pathlib import Path

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

SETUP = "import numpy as np\nfrom nnlessons.exercises import check"

CORRECT = {
    "sigmoid": "def sigmoid(z):\n    z = np.asarray(z, dtype=float)\n    return 0.5 * (1 + np.tanh(0.5 * z))",
    "relu": "def relu(z):\n    return np.maximum(z, 0.0)",
    "relu_grad": "def relu_grad(z):\n    return (np.asarray(z) > 0).astype(float)",
    "conv_output_shape": ("def conv_output_shape(h, w, k, stride=1, padding=0):\n"
                          "    return ((h + 2*padding - k)//stride + 1, (w + 2*padding - k)//stride + 1)"),
}
STUB = {name: f"def {name}(*args, **kwargs):\n    # YOUR CODE HERE\n    raise NotImplementedError()"
        for name in CORRECT}
WRONG = {
    "sigmoid": "def sigmoid(z):\n    return 1 / (1 + np.exp(z))",
    "relu": "def relu(z):\n    return np.abs(z)",
    "relu_grad": "def relu_grad(z):\n    return (np.asarray(z) >= 0).astype(float)",
    "conv_output_shape": "def conv_output_shape(h, w, k, stride=1, padding=0):\n    return ((h - k)//stride, (w - k)//stride)",
}
NOTEBOOK_EXERCISES = {"ex03_activations": ["sigmoid", "relu", "relu_grad"],
                      "ex12_convolution": ["conv_output_shape"]}
REAL_EXERCISES = {"ex03_activations": ["sigmoid", "sigmoid_grad", "relu", "relu_grad", "softmax"],
                  "ex12_convolution": ["conv_output_shape", "conv_param_count", "conv2d"]}


def exercise_cell(name: str, source: str):
    cell = new_code_cell(source, metadata={"nnlessons": {"exercise": name, "role": "solution"}})
    cell["id"] = f"ex-{name}"
    return cell


def check_cell(name: str):
    cell = new_code_cell(f"check({name})", metadata={"nnlessons": {"exercise": name, "role": "check"}})
    cell["id"] = f"check-{name}"
    return cell


def build(stem: str, sources: dict[str, str], *, setup: str = SETUP, extra: list | None = None,
          meta: bool = True, real: bool = False):
    """A notebook of exercise set `stem` with the given function sources (`real`: the
    real course's exercise list, else the stand-in's)."""
    cells = [new_markdown_cell(f"# {stem}"), new_code_cell(setup)]
    for name in (REAL_EXERCISES if real else NOTEBOOK_EXERCISES)[stem]:
        cells.append(new_markdown_cell(f"## {name}"))
        if name in sources:
            cells.append(exercise_cell(name, sources[name]))
        cells.append(check_cell(name))
    cells += extra or []
    nb = new_notebook(cells=cells)
    if meta:
        nb.metadata["nnlessons"] = {"notebook": stem}
    return nb


def mixed(stem: str, kinds: dict[str, str]) -> dict[str, str]:
    """Sources: kinds maps exercise -> "correct" | "wrong" | "stub"."""
    table = {"correct": CORRECT, "wrong": WRONG, "stub": STUB}
    return {name: table[kind][name] for name, kind in kinds.items()}


def write(root: Path, student: str | bytes, filename: str, nb_or_bytes) -> Path:
    """Write a submission; `student` may be bytes (a non-UTF-8 folder name)."""
    sdir = os.path.join(os.fsencode(root), student if isinstance(student, bytes) else os.fsencode(student))
    os.makedirs(sdir, exist_ok=True)
    path = os.path.join(sdir, os.fsencode(filename))
    if isinstance(nb_or_bytes, bytes):
        data = nb_or_bytes
    else:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # duplicated cell ids are part of some attacks
            data = nbformat.writes(nb_or_bytes).encode("utf-8")
    with open(path, "wb") as fh:
        fh.write(data)
    return Path(os.fsdecode(path))
