"""The grader with the REAL course (registry, hidden cases, report) on ex03 and ex09:
correct, partly wrong and stub notebooks; feedback never reveals hidden inputs."""
from __future__ import annotations

import csv
import hashlib
import html
import json

import pytest

from nnlessons.exercises.runner import call_case
from nnlessons.instructor.grading.batch import Options, grade_class
from nnlessons.instructor.grading.course import default_course
from nnlessons.instructor.grading.grade import draw_cases
from submissions import nbmake, real
from submissions.outputs import feedback_page, results_json

OPTS = dict(jobs=2, timeout=60, memory_mb=1024, progress=False)


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    root = tmp_path_factory.mktemp("course")
    subs, out = root / "subs", root / "out"
    for nbname in ("ex03_activations", "ex12_convolution"):
        nbmake.write(subs, "ada", f"{nbname}.ipynb", nbmake.build(nbname, real.sources(nbname, "correct"), real=True))
        nbmake.write(subs, "stu", f"{nbname}.ipynb", nbmake.build(nbname, real.sources(nbname, "stub"), real=True))
    nbmake.write(subs, "bea", "ex03_activations.ipynb", nbmake.build(
        "ex03_activations", real.sources("ex03_activations", "correct", wrong=("sigmoid", "softmax")), real=True))
    nbmake.write(subs, "bea", "ex12_convolution.ipynb", nbmake.build(
        "ex12_convolution", real.sources("ex12_convolution", "correct", wrong=("conv_param_count",)), real=True))
    summary = grade_class(subs, out, Options(**OPTS))
    with open(out / "grades.csv", newline="", encoding="utf-8") as fh:
        rows = {(r["student"], r["notebook"], r["exercise"]): r for r in csv.DictReader(fh)}
    return out, rows, summary


def test_correct_notebooks_get_full_points(graded):
    _, rows, summary = graded
    course = default_course()
    for nb, names in real.NOTEBOOKS.items():
        for name in names:
            row = rows[("ada", nb, name)]
            assert row["status"] == "passed", row
            assert float(row["points"]) == float(row["max_points"]) == course.exercises[name].points
    assert summary.unreadable == 0 and summary.stopped == 0


def test_stubs_are_not_attempted(graded):
    _, rows, _ = graded
    for nb, names in real.NOTEBOOKS.items():
        for name in names:
            row = rows[("stu", nb, name)]
            assert (row["status"], float(row["points"])) == ("not_attempted", 0.0), row


def test_wrong_functions_lose_only_their_points(graded):
    _, rows, _ = graded
    for nb, name in [("ex03_activations", "sigmoid"), ("ex03_activations", "softmax"),
                     ("ex12_convolution", "conv_param_count")]:
        row = rows[("bea", nb, name)]
        assert row["status"] in ("failed", "partial") and float(row["points"]) < float(row["max_points"])
    for nb, name in [("ex03_activations", "relu"), ("ex12_convolution", "conv2d")]:
        assert rows[("bea", nb, name)]["status"] == "passed"


def test_feedback_never_shows_hidden_inputs(graded):
    """Lines the report adds when it may reveal inputs must not be on the page."""
    out, _, _ = graded
    course = default_course()
    page = html.unescape(feedback_page(out, "bea").read_text(encoding="utf-8"))
    page_lines = {line.strip() for line in page.splitlines()}
    checked = 0
    for nb, name in [("ex03_activations", "sigmoid"), ("ex12_convolution", "conv_param_count")]:
        ex = course.exercises[name]
        sha = hashlib.sha256((out.parent / "subs" / "bea" / f"{nb}.ipynb").read_bytes()).hexdigest()
        cases = draw_cases(course, b"bea".hex(), nb, sha)[name]
        ns = {}
        exec("import numpy as np\n" + real.WRONG[name], ns)  # noqa: S102 (test's own code)
        outcomes = [call_case(ns[name], c) for c in cases]
        shown = course.evaluate(ex, cases, outcomes, reveal_inputs=True).to_text().splitlines()
        hidden = course.evaluate(ex, cases, outcomes, reveal_inputs=False).to_text().splitlines()
        revealed = [line.strip() for line in shown if line not in hidden and len(line.strip()) > 8]
        for line in revealed:  # whole lines: 'value 2 = int 2' is a prefix of a learner's 'int 2976'
            assert line not in page_lines, f"hidden input revealed: {line}"
        checked += len(revealed)
        assert any(h.strip() and h.strip() in page for h in hidden)
    assert checked > 0, "the report should reveal inputs only when asked (nothing to check)"


def test_results_json_totals(graded):
    out, rows, _ = graded
    res = json.loads(results_json(out, "ada").read_text())
    assert res["score"] == pytest.approx(sum(float(r["points"]) for k, r in rows.items() if k[0] == "ada"))
    assert all(t["status"] == "passed" and t["score"] == t["max_score"] for t in res["tests"])
