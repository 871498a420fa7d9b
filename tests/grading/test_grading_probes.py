"""The grader's feedback-only probe phase: the request carries probe cases, the child runs
them after every graded outcome within a budget, and what comes back is read as untrusted
plain data that feeds the feedback only."""
from __future__ import annotations

import csv

from nnlessons.exercises.runner import Outcome
from nnlessons.instructor.grading.batch import Options, grade_class
from nnlessons.instructor.grading.course import default_course
from nnlessons.instructor.grading.grade import PROBE_SHARE, _probes, build_request, decode_outcome, draw_cases
from nnlessons.instructor.grading.sandbox.pool import RunResult
from submissions import nbmake, real, standin


def test_the_request_carries_probe_cases_only_with_a_probe_plan_and_a_wall():
    course = default_course()
    cases = draw_cases(course, "ada", "ex03_activations")
    req = build_request(course, "ex03_activations", ["pass"], cases, cell_budget=4.0, wall=10.0)
    assert req["probe_budget"] == PROBE_SHARE * 10.0 and req["probe_until"] == 8.0
    assert all(ex["probe"]["cases"] and "sigmoid" in ex["probe"]["trace"] for ex in req["exercises"])
    plain = build_request(course, "ex03_activations", ["pass"], cases, cell_budget=4.0)
    assert "probe_budget" not in plain and all("probe" not in ex for ex in plain["exercises"])
    stand = standin.course()
    scases = draw_cases(stand, "ada", "ex03_activations")
    assert "probe_budget" not in build_request(stand, "ex03_activations", ["pass"], scases, 4.0, wall=10.0)


def test_probe_results_are_read_as_untrusted_plain_data():
    out = decode_outcome({"status": "error", "error": "ValueError: x", "frame": {"line": 1, "vars": {
        "X": {"shape": [4, 3]}, "evil": {"shape": ["a"]}, "n": {"type": "float"}, 3: {}}},
        "calls": [{"fn": "sigmoid", "args": {"__tuple__": [1.0]}, "kwargs": {"__dict__": {}}, "value": 0.5},
                  {"fn": "softmax", "args": "not plain"}]})
    assert out.frame == {"line": "1", "vars": {"X": {"shape": [4, 3]}, "n": {"type": "float"}}}
    assert out.calls == [{"fn": "sigmoid", "args": (1.0,), "kwargs": {}, "value": 0.5}]
    run = RunResult(results={"relu": {"outcomes": []}}, probes={
        "relu": {"outcomes": [{"status": "ok", "value": 1.0}], "traced": None}, "sigmoid": {"outcomes": "x"}})
    probes = _probes(run, "relu")
    assert [o.value for o in probes.outcomes([object()])] == [1.0] and probes.traced() is None
    assert _probes(run, "sigmoid") is None and _probes(run, "softmax") is None
    assert isinstance(decode_outcome({"status": "ok", "value": 1.0, "calls": 5}), Outcome)


def test_a_function_that_hangs_only_on_a_probe_costs_nothing(tmp_path):
    """relu loops forever on a batch of one row (only the probe phase's one-example call
    makes one): every graded case runs, the submission is graded, not stopped."""
    sources = dict(real.sources("ex03_activations", "correct"))
    sources["relu"] = ("def relu(z):\n    while np.ndim(z) == 2 and len(z) == 1:\n        pass\n"
                       "    return np.maximum(z, 0.0)")
    nbmake.write(tmp_path / "subs", "ada", "ex03_activations.ipynb",
                 nbmake.build("ex03_activations", sources, real=True))
    summary = grade_class(tmp_path / "subs", tmp_path / "out", Options(jobs=1, timeout=30, progress=False))
    assert (summary.graded, summary.stopped) == (1, 0), summary.text()
    with open(tmp_path / "out" / "grades.csv", encoding="utf-8") as fh:
        rows = {r["exercise"]: r for r in csv.DictReader(fh)}
    assert rows["relu"]["status"] == "passed" and all(r["status"] == "passed" for r in rows.values())


def test_only_the_exercises_not_passed_are_probed_and_their_feedback_still_uses_the_probes(tmp_path, monkeypatch):
    from nnlessons.instructor.grading.sandbox.pool import ZygotePool

    runs = []
    real_run = ZygotePool.run

    def spy(self, *args, **kwargs):
        runs.append(real_run(self, *args, **kwargs))
        return runs[-1]

    monkeypatch.setattr(ZygotePool, "run", spy)
    wrong = dict(real.sources("ex03_activations", "correct"))
    wrong["sigmoid"] = "def sigmoid(z):\n    return np.tanh(z)"  # sigmoid_grad calls it: fails through it
    nbmake.write(tmp_path / "subs", "ada", "ex03_activations.ipynb", nbmake.build("ex03_activations", wrong, real=True))
    nbmake.write(tmp_path / "subs", "bo", "ex03_activations.ipynb",
                 nbmake.build("ex03_activations", real.sources("ex03_activations", "correct"), real=True))
    summary = grade_class(tmp_path / "subs", tmp_path / "out", Options(jobs=1, timeout=30, progress=False))
    assert summary.graded == 2, summary.text()
    by_student = {}
    with open(tmp_path / "out" / "grades.csv", encoding="utf-8") as fh:
        for r in csv.DictReader(fh):
            by_student.setdefault(r["student"], {})[r["exercise"]] = r
    failing = {n for n, r in by_student["ada"].items() if r["status"] != "passed"}
    assert failing == {"sigmoid", "sigmoid_grad"}
    probed = sorted(sorted(run.probes) for run in runs if run.results)  # (not the sandbox check)
    assert probed == [[], sorted(failing)]  # bo passed everything: no probe phase at all
    assert "comes from" in by_student["ada"]["sigmoid_grad"]["message"]  # the traced re-run, a probe
    assert all(r["status"] == "passed" for r in by_student["bo"].values())
