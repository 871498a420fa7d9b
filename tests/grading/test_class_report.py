"""The class report (DIR/class.html, DIR/mistakes.csv): its parts on hand-made rows, and
on a real class graded through the sandbox, opened in headless Chromium.

The class: six students of ex03 (one right, one stub, four with the slips learners make:
a softmax shifted by the global max shared by three of them, a tanh sigmoid whose
sigmoid_grad is right, an integer relu_grad...). The grader's feedback names each slip
(known mistakes and the diagnosis engine, with the sandbox's probe phase), the report
ranks them.
"""
from __future__ import annotations

import csv
import os
import re
from pathlib import Path

import pytest

from nnlessons.instructor.grading import class_report as cr
from nnlessons.instructor.grading.batch import Options, grade_class
from submissions import nbmake, real

import browser_support as bs

GLOBAL_MAX = "def softmax(z):\n    e = np.exp(z - np.max(z))\n    return e / e.sum(axis=-1, keepdims=True)"
TANH = "def sigmoid(z):\n    return np.tanh(z)"
INT_GRAD = "def relu_grad(z):\n    return (z > 0).astype(int)"
CLASS = {
    "alice": {},
    "bob": {"sigmoid": TANH, "softmax": GLOBAL_MAX},
    "carol": {"relu_grad": INT_GRAD, "softmax": real.WRONG["softmax"]},
    "dave": {"softmax": GLOBAL_MAX, "relu": real.WRONG["relu"]},
    "erin": {"softmax": GLOBAL_MAX, "relu_grad": real.WRONG["relu_grad"]},
}


def _row(student, exercise, status, mistake="", hint="", points=0.0):
    return {"student": student, "notebook": "ex03_activations", "exercise": exercise, "status": status,
            "points": points, "max_points": 1.0, "mistake": mistake, "hint": hint, "message": ""}


def test_misconceptions_are_ranked_by_students_and_stripped_of_places():
    rows = [_row("a", "softmax", "partial", "nonfinite:nan", "the output has nan in row 2: shift each row "
                 "(in hidden case 3)"),
            _row("b", "softmax", "partial", "nonfinite:nan", "the output has nan in row 2: shift each row "
                 "(in every failing case, e.g. hidden case 1)"),
            _row("c", "softmax", "failed", "wrong_axis", "It looks like softmax was taken down the columns"),
            _row("c", "relu", "passed", "", "", 1.0), _row("a", "relu", "failed")]
    mis = cr.misconceptions(rows)
    assert [(m.exercise, m.mistake, len(m.students)) for m in mis] == [
        ("softmax", "nonfinite:nan", 2), ("softmax", "wrong_axis", 1)]
    assert mis[0].words == "the output has nan in row 2: shift each row" and mis[0].label == "nan where the answer is finite"
    assert mis[1].label == "wrong axis"
    assert cr.label_of("sign:flipped") == "sign flipped" and cr.label_of("whatif:-lr") == "as if -lr"


def test_mistakes_csv_has_exactly_its_columns():
    rows = [_row("a", "softmax", "partial", "wrong_axis", "down the columns (in the case 'x')"),
            _row("b", "softmax", "passed", "", "")]
    lines = list(csv.reader(cr.mistakes_csv(rows).splitlines()))
    assert lines == [cr.MISTAKES_COLUMNS, ["a", "ex03_activations", "softmax", "wrong_axis", "down the columns"]]


def test_page_without_rows_says_so():
    assert "No graded exercises yet" in cr.class_html([])


@pytest.fixture(scope="module")
def graded_class(tmp_path_factory):
    root = tmp_path_factory.mktemp("class-report")
    subs, out = root / "subs", root / "out"
    for student, wrong in CLASS.items():
        sources = dict(real.sources("ex03_activations", "correct"))
        sources.update(wrong)
        nbmake.write(subs, student, "ex03_activations.ipynb", nbmake.build("ex03_activations", sources, real=True))
    nbmake.write(subs, "frank", "ex03_activations.ipynb",
                 nbmake.build("ex03_activations", real.sources("ex03_activations", "stub"), real=True))
    grade_class(subs, out, Options(jobs=1, timeout=120, memory_mb=1024, progress=False))
    return out


def test_the_graders_feedback_names_the_mistakes(graded_class):
    with open(graded_class / "grades.csv", encoding="utf-8") as fh:
        grades = {(r["student"], r["exercise"]): r for r in csv.DictReader(fh)}
    assert re.search(r"each row|row", grades[("dave", "softmax")]["message"]), grades[("dave", "softmax")]
    bob = grades[("bob", "sigmoid_grad")]["message"]
    assert "your sigmoid" in bob and "comes from" in bob, bob  # the cascade, from the probe phase
    carol = grades[("carol", "relu_grad")]
    assert carol["status"] == "partial" and float(carol["points"]) == 0.75, carol  # right values, int dtype
    assert "float" in carol["message"]


def test_mistakes_csv_lists_each_named_mistake(graded_class):
    with open(graded_class / "mistakes.csv", encoding="utf-8") as fh:
        rows = list(csv.reader(fh))
    assert rows[0] == cr.MISTAKES_COLUMNS
    named = {(r[0], r[2]) for r in rows[1:]}
    assert {("bob", "softmax"), ("dave", "softmax"), ("erin", "softmax"), ("carol", "softmax"),
            ("carol", "relu_grad"), ("dave", "relu"), ("bob", "sigmoid_grad")} <= named
    assert all(r[3] and r[4] for r in rows[1:])
    assert not any("hidden case" in r[4] for r in rows[1:])


def test_class_html_ranks_the_shared_misconception_first(graded_class):
    page = (graded_class / "class.html").read_text(encoding="utf-8")
    headline = re.search(r"<p class='headline'>(.*?)</p>", page).group(1)
    assert "softmax" in headline and "3 of 6 students" in headline, headline
    assert page.count("<svg ") >= 4  # scores, pass rates, the class's mistakes, per exercise
    for ex in real.NOTEBOOKS["ex03_activations"]:
        assert f"id='{ex}'" in page


def test_the_class_report_draws_its_charts_without_matplotlib():
    import subprocess
    import sys

    code = ("import sys\n"
            "from nnlessons.instructor.grading import class_report as cr\n"
            "rows = [dict(student=s, notebook='ex03_activations', exercise='relu', status=st, points=p,\n"
            "             max_points=1.0, mistake=m, hint='It looks like abs was used.', message='')\n"
            "        for s, st, p, m in [('a', 'passed', 1.0, ''), ('b', 'failed', 0.0, 'abs'),\n"
            "                            ('c', 'failed', 0.0, 'abs'), ('d', 'partial', 0.5, 'minimum')]]\n"
            "page = cr.class_html(rows)\n"
            "print(page.count('<svg '), 'matplotlib' in sys.modules)\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    assert out == ["4", "False"], out  # scores, results, the class's mistakes, relu's mistakes


def test_class_report_in_a_real_browser(graded_class):
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        if os.environ.get("CI"):
            pytest.fail("playwright is not installed")
        pytest.skip("playwright is not installed (pip install -e '.[browser]')")
    if not bs.chromium_available():
        if os.environ.get("CI"):
            pytest.fail("Chromium is missing")
        pytest.skip(f"Chromium not found at {bs.CHROMIUM}")
    page_path = Path(graded_class / "class.html").resolve()
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=bs.CHROMIUM, headless=True, args=bs.CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1200, "height": 900})
            page.goto(page_path.as_uri())
            page.wait_for_load_state("load")
            sizes = page.eval_on_selector_all("svg", "els => els.map(e => [e.getBoundingClientRect().width, "
                                                     "e.getBoundingClientRect().height])")
            assert len(sizes) >= 4 and all(w > 300 and h > 60 for w, h in sizes), sizes
            assert page.inner_text("h1") == "Class report"
            assert "softmax" in page.inner_text(".headline")
            assert page.locator("h3").count() == len(real.NOTEBOOKS["ex03_activations"])
            page.screenshot(path=str(graded_class / "class.png"), full_page=True)
        finally:
            browser.close()
    assert (graded_class / "class.png").stat().st_size > 10_000
