"""Helpers for the attack tests: build stand-in ex03 notebooks with hostile cells or
functions, grade a small class next to an honest control student, read the results.

The stand-in course (`standin`): ex03 = sigmoid (2 points), relu (1), relu_grad (1),
four hidden cases each, 0.5 s per case; ex12 = conv_output_shape (1).
"""
from __future__ import annotations

import csv
from pathlib import Path

from nbformat.v4 import new_code_cell

from nnlessons.instructor.grading.batch import Options, grade_class

from . import nbmake, standin

EX03 = "ex03_activations"
NAMES = ["sigmoid", "relu", "relu_grad"]
OK = {n: nbmake.CORRECT[n] for n in NAMES}
FULL = {"sigmoid": 2.0, "relu": 1.0, "relu_grad": 1.0}
OPTS = dict(jobs=1, timeout=8, memory_mb=600, progress=False)
CONTROL = "zz_control"


def notebook(sources=None, before=(), after=()):
    """An ex03 notebook: the correct functions unless `sources` overrides some, and extra
    code cells `before` the function cells or `after` them."""
    nb = nbmake.build(EX03, {**OK, **(sources or {})}, extra=[new_code_cell(s) for s in after])
    for i, src in enumerate(before):
        nb.cells.insert(2 + i, new_code_cell(src))
    return nb


def fn(name: str, body: str, args: str = "z") -> str:
    """A function cell: ``def name(args):`` and the indented body."""
    return f"def {name}({args}):\n" + "\n".join("    " + line for line in body.splitlines())


def probe(name: str, code: str) -> str:
    """A function that runs `code` (which appends what it managed to do to ``leaks``) and
    returns the right answer only when ``leaks`` stayed empty: a passed row means the
    sandbox held."""
    right = {"sigmoid": "0.5 * (1 + np.tanh(0.5 * np.asarray(z, dtype=float)))",
             "relu": "np.maximum(z, 0.0)", "relu_grad": "(np.asarray(z) > 0).astype(float)"}[name]
    return fn(name, f"leaks = []\n{code}\nreturn {right} if not leaks else np.asarray(z) * 0 + 7")


def read_rows(out: Path) -> dict[tuple[str, str, str], dict]:
    """grades.csv as {(student, notebook, exercise): row}."""
    with open(out / "grades.csv", newline="", encoding="utf-8") as fh:
        return {(r["student"], r["notebook"], r["exercise"]): r for r in csv.DictReader(fh)}


def grade(root: Path, students: dict, course=None, control: bool = True, **options):
    """Write `students` ({name (str or bytes): {file name: notebook or bytes}}) and an
    honest control student under root/subs, grade into root/out; returns
    (rows, summary, out)."""
    subs, out = root / "subs", root / "out"
    for student, files in students.items():
        for name, content in files.items():
            nbmake.write(subs, student, name, content)
    if control:
        nbmake.write(subs, CONTROL, f"{EX03}.ipynb", notebook())
    summary = grade_class(subs, out, Options(**{**OPTS, **options}), course or standin.course())
    return read_rows(out), summary, out


def assert_control_passed(rows) -> None:
    """The honest student's grade is untouched."""
    for n in NAMES:
        row = rows[(CONTROL, EX03, n)]
        assert (row["status"], float(row["points"])) == ("passed", FULL[n]), row
