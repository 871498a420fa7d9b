"""End to end: generated submissions -> `grade_class` -> gradebook, CSVs, feedback, results.json.

Uses a small stand-in course (tests/submissions/standin.py) so the expected points are
known exactly; `test_grading_course.py` runs the real registry.
"""
from __future__ import annotations

import csv
import json
import sqlite3
from pathlib import Path

import pytest

from nnlessons.instructor.grading.batch import Options, grade_class
from submissions import nbmake, standin
from submissions.outputs import feedback_page, results_json

FAST = dict(jobs=1, timeout=20, memory_mb=768, progress=False)


def read_csv(path: Path) -> list[dict]:
    with open(path, newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def grades(out: Path) -> dict[tuple[str, str, str], dict]:
    return {(r["student"], r["notebook"], r["exercise"]): r for r in read_csv(out / "grades.csv")}


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    root = tmp_path_factory.mktemp("class")
    subs, out = root / "subs", root / "out"
    nbmake.write(subs, "alice", "ex03_activations.ipynb", nbmake.build(
        "ex03_activations", nbmake.mixed("ex03_activations", {"sigmoid": "correct", "relu": "correct",
                                                              "relu_grad": "correct"})))
    nbmake.write(subs, "alice", "ex12_convolution.ipynb", nbmake.build(
        "ex12_convolution", nbmake.CORRECT))
    nbmake.write(subs, "bob", "ex03_activations.ipynb", nbmake.build(
        "ex03_activations", nbmake.mixed("ex03_activations", {"sigmoid": "wrong", "relu": "correct",
                                                              "relu_grad": "stub"})))
    nbmake.write(subs, "carol", "ex03_activations.ipynb", nbmake.build(
        "ex03_activations", nbmake.mixed("ex03_activations", {"sigmoid": "stub", "relu": "stub",
                                                              "relu_grad": "stub"})))
    summary = grade_class(subs, out, Options(**FAST), standin.course())
    return subs, out, summary


def test_grades_csv_has_exactly_the_columns_and_a_row_per_exercise(graded):
    _, out, summary = graded
    with open(out / "grades.csv", encoding="utf-8") as fh:
        assert fh.readline().strip() == "student,notebook,exercise,points,max_points,status,message"
    g = grades(out)
    assert len(g) == 3 + 1 + 3 + 3
    assert (summary.graded, summary.unreadable, summary.stopped, summary.skipped) == (4, 0, 0, 0)


def test_summary_counts_exercise_statuses_and_class_mean(graded):
    _, out, summary = graded
    assert sum(summary.statuses.values()) == 10
    assert summary.statuses["passed"] == 5 and summary.statuses["not_attempted"] == 4
    totals = read_csv(out / "summary.csv")
    mean = sum(float(r["points"]) for r in totals) / 3
    assert summary.students == 3 and summary.mean_points == pytest.approx(mean, abs=1e-3)
    assert f"class: 3 students, mean {summary.mean_points:.4g} of {summary.mean_max_points:.4g} points" \
        in summary.text()


def test_correct_submission_gets_full_points(graded):
    g = grades(graded[1])
    for name, pts in [("sigmoid", "2"), ("relu", "1"), ("relu_grad", "1")]:
        row = g[("alice", "ex03_activations", name)]
        assert (row["status"], row["points"], row["max_points"]) == ("passed", pts, pts)
    assert g[("alice", "ex12_convolution", "conv_output_shape")]["status"] == "passed"


def test_partly_wrong_and_stub(graded):
    g = grades(graded[1])
    assert g[("bob", "ex03_activations", "sigmoid")]["status"] in ("failed", "partial")
    assert float(g[("bob", "ex03_activations", "sigmoid")]["points"]) < 2
    assert g[("bob", "ex03_activations", "relu")]["status"] == "passed"
    assert g[("bob", "ex03_activations", "relu_grad")]["status"] == "not_attempted"
    for name in ("sigmoid", "relu", "relu_grad"):
        row = g[("carol", "ex03_activations", name)]
        assert row["status"] == "not_attempted" and float(row["points"]) == 0


def test_gradebook_rows_match_csv(graded):
    _, out, _ = graded
    db = sqlite3.connect(out / "gradebook.sqlite")
    rows = db.execute("SELECT student, notebook, exercise, points FROM grades").fetchall()
    subs = db.execute("SELECT student, file, sha256, status FROM submissions").fetchall()
    db.close()
    assert {(s, n, e): p for s, n, e, p in rows} == {k: float(v["points"]) for k, v in grades(out).items()}
    assert len(subs) == 4 and all(len(sha) == 64 and status == "graded" for _, _, sha, status in subs)


def test_summary_totals(graded):
    summary = {r["student"]: r for r in read_csv(graded[1] / "summary.csv")}
    assert float(summary["alice"]["points"]) == 5 and float(summary["alice"]["max_points"]) == 5
    assert float(summary["carol"]["points"]) == 0 and float(summary["carol"]["max_points"]) == 4


def test_feedback_pages_do_not_reveal_hidden_inputs(graded):
    _, out, _ = graded
    pages = {s: feedback_page(out, s).read_text(encoding="utf-8") for s in ("alice", "bob", "carol")}
    assert len(list((out / "feedback").glob("*.html"))) == 3
    assert "sigmoid" in pages["bob"] and "wrong output" in pages["bob"]
    for page in pages.values():
        assert str(standin.MARKER) not in page and "4321" not in page


def test_gradescope_results(graded):
    _, out, _ = graded
    res = json.loads(results_json(out, "bob").read_text())
    tests = {t["name"]: t for t in res["tests"]}
    assert tests["ex03_activations: relu"] == {**tests["ex03_activations: relu"], "score": 1, "max_score": 1,
                                               "status": "passed"}
    assert tests["ex03_activations: relu_grad"]["status"] == "failed"
    assert res["score"] == pytest.approx(sum(t["score"] for t in res["tests"]))


def test_protections_reported(graded):
    summary = graded[2]
    assert summary.protections, "the child reports which protections are on"
    assert "protections" in summary.text()


def test_resume_skips_unchanged_and_force_regrades(graded, tmp_path):
    subs, out, _ = graded
    before = (out / "grades.csv").read_bytes()
    again = grade_class(subs, out, Options(**FAST), standin.course())
    assert (again.graded, again.skipped) == (0, 4)
    assert (out / "grades.csv").read_bytes() == before
    forced = grade_class(subs, out, Options(**{**FAST, "force": True}), standin.course())
    assert (forced.graded, forced.skipped) == (4, 0)
    assert grades(out) == grades(out) and len(grades(out)) == 10


def test_changed_submission_is_regraded(tmp_path):
    subs, out = tmp_path / "subs", tmp_path / "out"
    path = nbmake.write(subs, "dan", "ex12_convolution.ipynb", nbmake.build("ex12_convolution", nbmake.STUB))
    grade_class(subs, out, Options(**FAST), standin.course())
    assert grades(out)[("dan", "ex12_convolution", "conv_output_shape")]["status"] == "not_attempted"
    path.write_text(json.dumps(json.loads(nbmake.nbformat.writes(
        nbmake.build("ex12_convolution", nbmake.CORRECT)))))
    s = grade_class(subs, out, Options(**FAST), standin.course())
    assert (s.graded, s.skipped) == (1, 0)
    assert grades(out)[("dan", "ex12_convolution", "conv_output_shape")]["status"] == "passed"


def _hinting_course():
    """The stand-in course whose report has a hint (with a comma and a newline) when not passed."""
    course = standin.course()

    def evaluate(ex, cases, outcomes, **kw):
        report = standin.evaluate(ex, cases, outcomes, **kw)
        if report.status != "passed":
            report.hint = 'use np.maximum(z, 0),\nnot "abs"'
        return report

    course.evaluate = evaluate
    return course


def test_looping_function_costs_one_time_limit_and_message_has_hint(tmp_path):
    """conv_output_shape has 3 hidden cases: a loop is stopped on the first, the other two
    are not run (no timing asserts: the outcomes say which cases ran)."""
    subs, out = tmp_path / "subs", tmp_path / "out"
    loop = "def conv_output_shape(h, w, k, stride=1, padding=0):\n    while True:\n        pass"
    nbmake.write(subs, "lou", "ex12_convolution.ipynb",
                 nbmake.build("ex12_convolution", {"conv_output_shape": loop}))
    nbmake.write(subs, "bob", "ex03_activations.ipynb", nbmake.build(
        "ex03_activations", nbmake.mixed("ex03_activations", {"sigmoid": "correct", "relu": "wrong",
                                                              "relu_grad": "correct"})))
    summary = grade_class(subs, out, Options(**FAST), _hinting_course())
    with open(out / "grades.csv", encoding="utf-8") as fh:
        assert fh.readline().strip() == "student,notebook,exercise,points,max_points,status,message"
    g = grades(out)
    assert all(None not in r for r in g.values())  # no extra fields from a bad quote
    row = g[("lou", "ex12_convolution", "conv_output_shape")]
    assert (row["status"], float(row["points"])) == ("timeout", 0.0)
    msg = row["message"]
    assert msg.count("stopped after 0.5 s (the time limit for one case)") == 1
    assert msg.count("not run: an earlier case was stopped after 0.5 s") == 2
    assert msg.endswith(' Hint: use np.maximum(z, 0), not "abs"')
    relu = g[("bob", "ex03_activations", "relu")]
    assert relu["status"] in ("failed", "partial") and relu["message"].endswith(' Hint: use np.maximum(z, 0), not "abs"')
    assert "Hint" not in g[("bob", "ex03_activations", "sigmoid")]["message"]
    assert summary.statuses["timeout"] == 1 and summary.stopped == 0


def test_grading_works_with_kernel_layers_missing(tmp_path):
    """As on a kernel without Landlock and without the mount namespace but with everything
    else: the mount namespace's absence is covered by Landlock, Landlock's by the mount
    namespace; the grade is the same and the summary names what was off."""
    subs = tmp_path / "subs"
    nbmake.write(subs, "kim", "ex12_convolution.ipynb", nbmake.build("ex12_convolution", nbmake.CORRECT))
    for missing in (("landlock", "landlock-scopes"), ("mount",)):
        out = tmp_path / "-".join(missing)
        summary = grade_class(subs, out, Options(**FAST, simulate_missing=missing), standin.course())
        row = grades(out)[("kim", "ex12_convolution", "conv_output_shape")]
        assert (row["status"], float(row["points"])) == ("passed", 1.0)
        text = summary.text()
        off_line = next(line for line in text.splitlines() if line.startswith("sandbox layers OFF: "))
        assert all(name in off_line for name in missing)
        assert "protections held: filesystem, signals, network, syscalls" in text and "WEAKER" not in text
    with pytest.raises(ValueError, match="unknown sandbox layers"):
        grade_class(subs, tmp_path / "o", Options(**FAST, simulate_missing=("selinux",)), standin.course())
    with pytest.raises(ValueError, match="unknown protections"):
        grade_class(subs, tmp_path / "o", Options(**FAST, allow_weaker_sandbox=("landlock",)), standin.course())


def test_a_gradebook_from_an_older_grader_is_started_afresh(tmp_path):
    subs, out = tmp_path / "subs", tmp_path / "out"
    nbmake.write(subs, "kim", "ex12_convolution.ipynb", nbmake.build("ex12_convolution", nbmake.CORRECT))
    out.mkdir()
    old = sqlite3.connect(out / "gradebook.sqlite")
    old.executescript("CREATE TABLE submissions (student TEXT, file TEXT, sha256 TEXT);"
                      "CREATE TABLE grades (student TEXT, notebook TEXT, exercise TEXT);"
                      "INSERT INTO submissions VALUES ('kim', 'ex12_convolution.ipynb', 'x');")
    old.commit()
    old.close()
    summary = grade_class(subs, out, Options(**FAST), standin.course())
    assert summary.graded == 1 and "made by an older grader" in summary.text()
    assert grades(out)[("kim", "ex12_convolution", "conv_output_shape")]["status"] == "passed"
