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

from nnlessons.grading.batch import Options, grade_class
from submissions import nbmake, standin

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
    nbmake.write(subs, "alice", "ex09_convolution.ipynb", nbmake.build(
        "ex09_convolution", nbmake.CORRECT))
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
    assert summary.graded == 4 and summary.failed == 0 and summary.skipped == 0


def test_correct_submission_gets_full_points(graded):
    g = grades(graded[1])
    for name, pts in [("sigmoid", "2"), ("relu", "1"), ("relu_grad", "1")]:
        row = g[("alice", "ex03_activations", name)]
        assert (row["status"], row["points"], row["max_points"]) == ("passed", pts, pts)
    assert g[("alice", "ex09_convolution", "conv_output_shape")]["status"] == "passed"


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
    pages = {p.stem: p.read_text(encoding="utf-8") for p in (out / "feedback").glob("*.html")}
    assert set(pages) == {"alice", "bob", "carol"}
    assert "sigmoid" in pages["bob"] and "wrong output" in pages["bob"]
    for page in pages.values():
        assert str(standin.MARKER) not in page and "4321" not in page


def test_gradescope_results(graded):
    _, out, _ = graded
    res = json.loads((out / "gradescope" / "bob" / "results.json").read_text())
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
    path = nbmake.write(subs, "dan", "ex09_convolution.ipynb", nbmake.build("ex09_convolution", nbmake.STUB))
    grade_class(subs, out, Options(**FAST), standin.course())
    assert grades(out)[("dan", "ex09_convolution", "conv_output_shape")]["status"] == "not_attempted"
    path.write_text(json.dumps(json.loads(nbmake.nbformat.writes(
        nbmake.build("ex09_convolution", nbmake.CORRECT)))))
    s = grade_class(subs, out, Options(**FAST), standin.course())
    assert (s.graded, s.skipped) == (1, 0)
    assert grades(out)[("dan", "ex09_convolution", "conv_output_shape")]["status"] == "passed"
