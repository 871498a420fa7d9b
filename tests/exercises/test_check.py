"""`check`, `evaluate` and the known mistakes: what the learner is shown."""
from __future__ import annotations

import dataclasses
import linecache

import numpy as np
import pytest

from nnlessons.exercises import EXERCISES, check
from nnlessons.exercises import registry
from nnlessons.exercises.checker import run_cases
from nnlessons.exercises.compare import compare, summarize
from nnlessons.exercises.report import evaluate
from nnlessons.exercises.runner import Outcome

MISTAKES = [(name, m) for name, ex in EXERCISES.items() for m in ex.mistakes]


def _learner(src: str, name: str, ns: dict | None = None):
    """Define a function from source as a notebook cell would (with its lines known)."""
    filename = f"<learner-cell-{abs(hash(src))}>"
    linecache.cache[filename] = (len(src), None, src.splitlines(True), filename)
    ns = {"np": np} if ns is None else ns
    exec(compile(src, filename, "exec"), ns)  # noqa: S102 (test code)
    return ns[name], ns


@pytest.mark.parametrize("name,mistake", MISTAKES, ids=[f"{n}-{m.name}" for n, m in MISTAKES])
def test_known_mistake_fails_and_its_hint_is_shown(name, mistake):
    ex = EXERCISES[name]
    cases = ex.public_cases()
    rep = evaluate(ex, cases, run_cases(mistake.fn, ex, cases))
    assert rep.status in ("partial", "failed", "error"), rep.to_text()
    assert rep.points < ex.points
    assert rep.mistake == mistake.name, rep.to_text()
    assert rep.hint == mistake.hint
    assert mistake.hint in rep.to_text()


@pytest.mark.parametrize("name", list(EXERCISES))
def test_stub_reads_not_attempted(name):
    src = f"def {name}(*args, **kwargs):\n    # YOUR CODE HERE\n    raise NotImplementedError()\n"
    fn, ns = _learner(src, name)
    rep = check(fn)
    assert rep.status == "not_attempted" and rep.points == 0
    text = rep.to_text()
    assert "not attempted yet" in text and "Traceback" not in text and "NotImplementedError()" in text
    assert "not attempted yet" in rep.to_html()


def test_exception_is_shown_at_the_learners_line_with_its_case():
    src = "def weighted_sum(x, w):\n    s = x @ w\n    return s / 0 if np.ndim(x) == 2 else s + {}['k']\n"
    fn, ns = _learner(src, "weighted_sum")
    rep = check(fn)
    assert rep.status == "error"
    text = rep.to_text()
    assert "KeyError: 'k'" in text
    assert "line 3 in weighted_sum" in text and "return s / 0" in text
    assert "runner.py" not in text and "_call" not in text
    assert "(in the case 'one example, 3 inputs')" in rep.message


def test_slow_function_is_stopped(monkeypatch):
    monkeypatch.setitem(registry.EXERCISES, "relu",
                       dataclasses.replace(EXERCISES["relu"], time_limit=0.2))
    src = "def relu(z):\n    while True:\n        try:\n            pass\n        except BaseException:\n            pass\n"
    fn, _ = _learner(src, "relu")
    rep = check(fn)
    assert rep.status == "timeout" and rep.points == 0
    assert "took longer than 0.2 s" in rep.message


def test_inputs_are_never_changed():
    ex = EXERCISES["gd_step"]
    cases = ex.public_cases()
    before = [tuple(np.copy(a) if isinstance(a, np.ndarray) else a for a in c.args) for c in cases]
    src = "def gd_step(w, b, dw, db, lr):\n    w -= lr * dw\n    dw[...] = 0\n    b -= lr * db\n    return w, b\n"
    fn, _ = _learner(src, "gd_step")
    evaluate(ex, cases, run_cases(fn, ex, cases))
    for c, old in zip(cases, before):
        for a, b in zip(c.args, old):
            assert np.array_equal(a, b)


def test_numerical_gradient_must_restore_x():
    src = ("def numerical_gradient(f, x, eps=1e-6):\n    g = np.zeros_like(x)\n"
           "    for i in np.ndindex(x.shape):\n        old = x[i]\n        x[i] = old + eps\n"
           "        fp = f(x)\n        x[i] = old - eps\n        fm = f(x)\n        x[i] = old + 1.0\n"
           "        g[i] = (fp - fm) / (2 * eps)\n    return g\n")
    fn, _ = _learner(src, "numerical_gradient")
    rep = check(fn)
    assert rep.status == "partial" and rep.points == 0.5  # 2 of 4 cases right but x changed: half of those
    assert "changed its input" in rep.to_text()
    assert rep.mistake == "mutation:x" and "x = x.copy()" in rep.hint


def test_text_is_deterministic_and_html_escapes():
    src = "def softmax(z):\n    return np.exp(z) / np.sum(np.exp(z))\n"
    fn, _ = _learner(src, "softmax")
    a, b = check(fn), check(fn)
    assert a.to_text() == b.to_text() == repr(a)
    assert "0x" not in a.to_text() and " s " not in a.to_text().split("\n")[0]
    h = a._repr_html_()
    assert h.startswith("<div") and "softmax" in h and "expected" in h
    assert "<lambda>" not in h


def test_passing_function_reports_full_points():
    src = "def relu(z):\n    return np.maximum(z, 0.0)\n"
    fn, _ = _learner(src, "relu")
    rep = check(fn)
    assert rep.status == "passed" and rep.points == rep.max_points == 1.0
    assert "all 4 cases passed" in rep.to_text()


def test_unknown_function_lists_exercises():
    def relux(z):
        return z
    rep = check(relux)
    assert rep.status == "error" and "relux" in rep.message and "weighted_sum" in rep.message
    assert check(42).status == "error"


def test_odd_objects_are_not_trusted():
    class Sneaky:
        def __eq__(self, other):
            return True

        def __array__(self, *a, **k):
            raise RuntimeError("should never be called")

    def relu(z):
        return Sneaky()
    rep = check(relu)
    assert rep.status == "failed" and "an object of type Sneaky" in rep.to_text()

    class Sub(np.ndarray):
        def __eq__(self, other):
            return np.ones(self.shape, bool)

    def sigmoid(z):
        return np.zeros_like(z).view(Sub)
    assert check(sigmoid).status == "failed"


def test_evaluate_hides_inputs_and_reports_timeouts():
    ex = EXERCISES["relu"]
    cases = ex.public_cases()
    outs = [Outcome("ok", value=np.maximum(c.args[0], 0)) for c in cases[:-1]] + [Outcome("timeout")]
    rep = evaluate(ex, cases, outs, reveal_inputs=False)
    assert rep.status == "timeout" and rep.points == 0.75
    assert all(c.input == "hidden input" for c in rep.cases)
    with pytest.raises(ValueError):
        evaluate(ex, cases, outs[:1])


def test_accuracy_case_partial_points():
    # the labels stand for what the grader's forward pass predicted from the returned net
    ex = dataclasses.replace(EXERCISES["train_digits"], predict=lambda case, got: (got, ""))
    cases = ex.public_cases()[:1]
    y = cases[0].grade["labels"]
    wrong = y.copy()
    wrong[: int(0.3 * len(y))] = (wrong[: int(0.3 * len(y))] + 1) % 10  # 70 % right
    rep = evaluate(ex, cases, [Outcome("ok", value=wrong)])
    assert rep.status == "partial"
    assert rep.points == pytest.approx(5 * (0.7 - 0.5) / 0.45, abs=0.05)
    assert "accuracy 70" in rep.to_text()


@pytest.mark.parametrize("expected,got,ok,phrase", [
    (1.5, np.float64(1.5), True, ""),
    (1.5, 1.5000000001, True, ""),
    (np.zeros(3), [0.0, 0.0, 0.0], False, "got a list"),
    (np.zeros((2, 3)), np.zeros((3, 2)), False, "expected shape (2, 3)"),
    (np.zeros(3), np.zeros(3, dtype=bool), False, "bool"),
    ((2, 3), (2.0, 3.0), False, "integer"),
    ((2, 3), [2, 3], True, ""),
    (np.ones(2), np.array([1.0, np.nan]), False, "nan"),
    ({"a": np.ones(2)}, {"a": np.ones(2)}, True, ""),
    ({"a": np.ones(2)}, {"b": np.ones(2)}, False, "keys"),
    (1.0, None, False, "return"),
    (np.ones(3), np.ones(3) * (1 + 1e-3), False, "differ"),
    ([0.5, 2.0], [0.5, np.float64(2.0)], True, ""),
    ([0.5, 2.0], (0.5, 2.0), True, ""),
    ([0.5, 2.0], np.array([0.5, 2.0]), False, "return a list"),
    ([0.5, 2.0], [0.5, 2.0, 1.0], False, "expected a list of 2 values, got a list of 3"),
    ([0.5, 2.0], [0.5, 2.5], False, "value 2: the values differ"),
    ([0.5], 0.5, False, "expected a list of 1 value, got a single number"),
])
def test_compare(expected, got, ok, phrase):
    c = compare(expected, got)
    assert c.passed is ok, c.reason
    assert phrase in c.reason


def test_summarize_is_short_and_plain():
    s = summarize((np.arange(20.0), 3, {"W": np.ones((2, 2))}))
    assert "array (20,) float64" in s and "..." in s and "int 3" in s and "0x" not in s
