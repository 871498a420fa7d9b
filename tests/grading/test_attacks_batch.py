"""Attack class 3: no single submission stops the batch (nor every re-run).

One batch holds every submission that used to stop it, next to an honest control
student; each bad one must end as error rows with a reason, the control must be
graded, and running the batch again must work too.
"""
from __future__ import annotations

import json
import sqlite3

import pytest

from nnlessons.instructor.grading.batch import Options, grade_class
from submissions import nbmake, standin
from submissions.attack import CONTROL, EX03, NAMES, OPTS, assert_control_passed, fn, notebook, read_rows


def _frame(msg: dict) -> str:
    """Learner code that writes `msg` as a framed message to every open descriptor."""
    return ("import os, json\nb = json.dumps(" + repr(msg) + ").encode()\nfor fd in range(3, 64):\n"
            "    try:\n        os.write(fd, len(b).to_bytes(4, 'big') + b)\n    except OSError:\n        pass")


def _deep_json() -> bytes:
    return b'{"nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": [], "x": ' + b"[" * 100_000 + b"]" * 100_000 + b"}"


def _big_int_json() -> bytes:
    return b'{"nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": [], "x": 1' + b"0" * 5000 + b"}"


ATTACKS = {
    # an exception message with a lone surrogate (SQLite refuses such a string)
    "surrogate": {f"{EX03}.ipynb": notebook({n: fn(n, "raise ValueError('bad \\ud800 value')") for n in NAMES},
                                            before=["raise KeyError('\\udcff')"])},
    "deep_json": {f"{EX03}.ipynb": _deep_json()},
    "big_int_json": {f"{EX03}.ipynb": _big_int_json()},
    # a forged "cells" message whose error is empty
    "forged_empty_error": {f"{EX03}.ipynb": notebook(before=[_frame({"type": "cells", "errors": [{"cell": 1, "error": ""}]})])},
    "forged_ready": {f"{EX03}.ipynb": notebook(before=[_frame({"type": "ready", "protections": {"x": "on"}})])},
    # a folder where a notebook file should be
    "directory": {},
    # a 31 MB message on the result pipe
    "huge_message": {f"{EX03}.ipynb": notebook({"relu": fn("relu", _frame(
        {"type": "result", "exercise": "relu", "outcomes": [{"status": "error", "error": "x" * 31_000_000}]}))})},
}


@pytest.fixture(scope="module")
def batch(tmp_path_factory):
    root = tmp_path_factory.mktemp("batch")
    subs, out = root / "subs", root / "out"
    for student, files in ATTACKS.items():
        for name, content in files.items():
            nbmake.write(subs, student, name, content)
    (subs / "directory" / f"{EX03}.ipynb").mkdir(parents=True)
    nbmake.write(subs, CONTROL, f"{EX03}.ipynb", notebook())
    summary = grade_class(subs, out, Options(**OPTS), standin.course())
    rows = read_rows(out)
    again = grade_class(subs, out, Options(**{**OPTS, "force": True}), standin.course())
    return dict(summary=summary, again=again, rows=rows, rows_again=read_rows(out), out=out)


@pytest.mark.parametrize("student", sorted(ATTACKS))
def test_each_bad_submission_is_error_rows_with_a_reason(batch, student):
    for n in NAMES:
        row = batch["rows"].get((student, EX03, n))
        assert row is not None, f"no row for {student} {n}"
        assert float(row["points"]) == 0.0, row
        assert row["status"] in ("error", "failed", "timeout") and row["message"].strip(), row


def test_control_is_graded_and_rerun_works(batch):
    assert_control_passed(batch["rows"])
    assert_control_passed(batch["rows_again"])
    assert batch["rows"] == batch["rows_again"]
    assert batch["again"].graded + batch["again"].unreadable >= len(ATTACKS)


def test_gradebook_stays_small_and_valid(batch):
    db = sqlite3.connect(batch["out"] / "gradebook.sqlite")
    try:
        longest = db.execute("SELECT MAX(LENGTH(message) + LENGTH(feedback_text) + LENGTH(feedback_html)) "
                             "FROM grades").fetchone()[0]
        sub_longest = db.execute("SELECT MAX(LENGTH(message)) FROM submissions").fetchone()[0]
    finally:
        db.close()
    assert longest < 200_000 and sub_longest < 20_000
    for page in (batch["out"] / "gradescope").rglob("results.json"):
        json.loads(page.read_text(encoding="utf-8"))
