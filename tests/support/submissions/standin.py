"""A small stand-in course for the grader's tests: three ex03 exercises and one ex09
exercise with hand-written references, hidden cases holding a marker value (so a test
can assert hidden inputs never reach the feedback), and a simple `evaluate`."""
from __future__ import annotations

import html

import numpy as np

from nnlessons.exercises.spec import Case, Exercise, Mistake
from nnlessons.instructor.grading.course import Course

MARKER = 4321.5  # appears in every hidden input; must never appear in feedback


def _sigmoid(z):
    return 0.5 * (1 + np.tanh(0.5 * np.asarray(z, dtype=float)))


def _relu(z):
    return np.maximum(z, 0.0)


def _relu_grad(z):
    return (np.asarray(z) > 0).astype(float)


def _conv_output_shape(h, w, k, stride=1, padding=0):
    return ((h + 2 * padding - k) // stride + 1, (w + 2 * padding - k) // stride + 1)


def _ex(name, notebook, ref, points, time_limit=0.5):
    return Exercise(name=name, notebook=notebook, public_cases=lambda: [], points=float(points),
                    time_limit=time_limit, reference=ref, mistakes=(Mistake("none", ref, ""),))


EXERCISES = {
    "sigmoid": _ex("sigmoid", "ex03_activations", _sigmoid, 2),
    "relu": _ex("relu", "ex03_activations", _relu, 1),
    "relu_grad": _ex("relu_grad", "ex03_activations", _relu_grad, 1),
    "conv_output_shape": _ex("conv_output_shape", "ex12_convolution", _conv_output_shape, 1),
}
NOTEBOOKS = {"ex03_activations": ["sigmoid", "relu", "relu_grad"],
             "ex12_convolution": ["conv_output_shape"]}


def hidden_cases(name: str, seed: int) -> list[Case]:
    g = np.random.default_rng(seed)
    if name == "conv_output_shape":
        return [Case((28, 28, 3)), Case((int(MARKER), 9, 3, 2, 1)), Case((32, 24, 5, 1, 2))]
    return [Case((np.array([-2.0, 0.0, 2.0, MARKER]),)), Case((g.normal(size=(3, 4)),)),
            Case((np.array([-MARKER, -1.0, 1.0]),)), Case((g.normal(size=5),))]


class Report:
    def __init__(self, points, max_points, status, message, hint=""):
        self.points, self.max_points, self.status, self.message, self.hint = points, max_points, status, message, hint

    def to_text(self):
        return f"{self.status}: {self.message}"

    def to_html(self):
        return f"<p>{html.escape(self.to_text())}</p>"


def _same(expected, got) -> bool:
    try:
        e = np.asarray(expected, dtype=float)
        g = np.asarray(got)
        return type(got) in (np.ndarray, tuple, float, int, np.float64) and g.shape == e.shape \
            and g.dtype.kind in "fiu" and bool(np.allclose(e, g.astype(float), rtol=1e-6, atol=1e-9))
    except Exception:
        return False


def evaluate(ex, cases, outcomes, *, reveal_inputs=False):
    passed, lines = 0, []
    statuses = [o.status for o in outcomes]
    for i, (case, out) in enumerate(zip(cases, outcomes), 1):
        where = f"case {i}" + (f" input {case.args!r}" if reveal_inputs else "")
        if out.status != "ok":
            lines.append(f"{where}: {out.status} {out.error}")
        elif _same(ex.reference(*case.args, **case.kwargs), out.value):
            passed += 1
        else:
            lines.append(f"{where}: wrong output")
    n = len(cases)
    if passed == n:
        status = "passed"
    elif passed:
        status = "partial"
    elif all(s == "not_implemented" for s in statuses):
        status = "not_attempted"
    elif "timeout" in statuses:
        status = "timeout"
    elif "error" in statuses:
        status = "error"
    else:
        status = "failed"
    return Report(ex.points * passed / n, ex.points, status, "; ".join(lines) or "all cases passed")


def course() -> Course:
    return Course(EXERCISES, NOTEBOOKS, hidden_cases, evaluate)
