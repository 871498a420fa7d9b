"""Attack class 7: no unearned points.

The parent enforces each exercise's time itself (a learner who silences the per-case
timer still times out); numerical stability is judged by values, never by warnings a
learner can silence; hidden inputs do not reach the feedback through the learner's own
exception text, and the hidden cases change with every resubmission; the capstone
earns points only for a network the grader runs itself.
"""
from __future__ import annotations

import html
import json
from pathlib import Path

from nbformat.v4 import new_code_cell, new_notebook

from nnlessons.instructor.grading.course import default_course
from nnlessons.instructor.grading.grade import draw_cases
from submissions import nbmake, real, standin
from submissions.attack import EX03, assert_control_passed, fn, grade, notebook

REPO = Path(__file__).resolve().parents[2]


def test_silencing_the_case_timer_does_not_turn_a_timeout_into_a_pass(tmp_path):
    ignore = fn("relu", "import signal, time\nsignal.setitimer(signal.ITIMER_REAL, 0)\n"
                        "signal.signal(signal.SIGALRM, signal.SIG_IGN)\ntime.sleep(2)\nreturn np.maximum(z, 0.0)")
    swallow = fn("sigmoid", "import time\nt = time.monotonic()\nwhile time.monotonic() - t < 2:\n    try:\n"
                            "        time.sleep(0.05)\n    except BaseException:\n        pass\n"
                            "return 0.5 * (1 + np.tanh(0.5 * np.asarray(z, dtype=float)))")
    rows, _, _ = grade(tmp_path, {"slow": {f"{EX03}.ipynb": notebook({"relu": ignore, "sigmoid": swallow})}},
                       timeout=30)
    for name in ("relu", "sigmoid"):
        row = rows[("slow", EX03, name)]
        assert (row["status"], float(row["points"])) == ("timeout", 0.0), row
    assert_control_passed(rows)


def _ex03_real(overrides: dict):
    return nbmake.build(EX03, {**real.sources(EX03, "correct"), **overrides}, real=True)


def test_stability_is_judged_by_values_not_by_silenceable_warnings(tmp_path):
    """A naive sigmoid earns the same with or without np.errstate(all='ignore'); a naive
    softmax (wrong values at +-1000) earns less than full points either way."""
    naive_sigmoid = "def sigmoid(z):\n    return 1 / (1 + np.exp(-np.asarray(z, dtype=float)))"
    quiet_sigmoid = ("def sigmoid(z):\n    with np.errstate(all='ignore'):\n"
                     "        return 1 / (1 + np.exp(-np.asarray(z, dtype=float)))")
    quiet_softmax = ("def softmax(z):\n    import warnings\n    warnings.simplefilter('ignore')\n"
                     "    np.seterr(all='ignore')\n    e = np.exp(np.asarray(z, dtype=float))\n"
                     "    return e / e.sum(axis=-1, keepdims=True)")
    students = {"honest": {f"{EX03}.ipynb": _ex03_real({"sigmoid": naive_sigmoid})},
                "quiet": {f"{EX03}.ipynb": _ex03_real({"sigmoid": quiet_sigmoid, "softmax": quiet_softmax})}}
    rows, _, _ = grade(tmp_path, students, course=default_course(), control=False, timeout=30, memory_mb=1024)
    honest, quiet = rows[("honest", EX03, "sigmoid")], rows[("quiet", EX03, "sigmoid")]
    assert float(honest["points"]) == float(quiet["points"]), (honest, quiet)
    assert "stable" in honest["message"] or "warn" in honest["message"], honest
    soft = rows[("quiet", EX03, "softmax")]
    assert float(soft["points"]) < float(soft["max_points"]), soft


def test_exception_text_does_not_carry_hidden_inputs_to_the_feedback(tmp_path):
    leak_long = fn("relu", "raise ValueError('x' * 200 + repr(np.asarray(z).tolist()))")
    leak_lines = fn("sigmoid", "raise ValueError('see below\\n' + repr(np.asarray(z).tolist()))")
    leak_warn = fn("relu_grad", "import warnings\nwarnings.warn('w' * 80 + repr(np.asarray(z).tolist()))\n"
                                "return (np.asarray(z) > 0).astype(float) + 1")
    rows, _, out = grade(tmp_path, {"leaky": {f"{EX03}.ipynb": notebook(
        {"relu": leak_long, "sigmoid": leak_lines, "relu_grad": leak_warn})}})
    texts = [html.unescape(p.read_text(encoding="utf-8")) for p in out.rglob("*") if p.is_file()
             and p.suffix in (".html", ".json", ".csv")]
    for text in texts:
        assert "4321" not in text
    assert "ValueError" in rows[("leaky", EX03, "relu")]["message"]


def test_hidden_cases_change_with_every_resubmission():
    course = standin.course()
    one = draw_cases(course, "ann", EX03, "a" * 64)["relu"]
    same = draw_cases(course, "ann", EX03, "a" * 64)["relu"]
    other = draw_cases(course, "ann", EX03, "b" * 64)["relu"]
    assert all((x.args[0] == y.args[0]).all() for x, y in zip(one, same))
    assert any(x.args[0].shape != y.args[0].shape or (x.args[0] != y.args[0]).any() for x, y in zip(one, other))


def _capstone(body: str):
    nb = new_notebook(cells=[new_code_cell("import numpy as np"),
                             nbmake.exercise_cell("train_digits", fn("train_digits", body, "X_train, y_train"))])
    nb.metadata["nnlessons"] = {"notebook": "ex13_capstone_digits"}
    return nb


def test_capstone_earns_nothing_for_a_lookup_table_or_nearest_neighbour(tmp_path):
    held_out = REPO / "solutions" / "data" / "digits_test.npz"
    bodies = {
        "labels": ("X = X_train.reshape(len(X_train), -1)\n"
                   "d = ((X[:, None, :] - X[None, :, :]) ** 2).sum(-1)\nnp.fill_diagonal(d, np.inf)\n"
                   "return y_train[d.argmin(1)]"),
        "table": "return {'table': X_train, 'labels': y_train}",
        "peek": (f"d = np.load({str(held_out)!r})\nX = d[d.files[0]].reshape(len(d[d.files[0]]), -1) / 16\n"
                 "y = d[d.files[1]]\nW1 = X.T.copy()\nb1 = -0.5 * (X ** 2).sum(1)\n"
                 "W2 = np.eye(10)[y]\nreturn {'W1': W1, 'b1': b1, 'W2': W2 * 100, 'b2': np.zeros(10), 'scale': 1 / 16}"),
        "wide": ("h = 1_050_000 // 75\nreturn {'W1': np.ones((64, h), np.float16), 'b1': np.ones(h, np.float16),\n"
                 "        'W2': np.ones((h, 10), np.float16), 'b2': np.arange(10, dtype=np.float16)}"),
    }
    students = {k: {"ex13_capstone_digits.ipynb": _capstone(v)} for k, v in bodies.items()}
    rows, _, out = grade(tmp_path, students, course=default_course(), control=False, timeout=120, memory_mb=1024)
    for student in bodies:
        row = rows[(student, "ex13_capstone_digits", "train_digits")]
        assert float(row["points"]) == 0.0, row
    for page in (out / "gradescope").rglob("results.json"):
        assert json.loads(page.read_text())["score"] == 0
