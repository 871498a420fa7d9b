"""The shape of an exercise: what the course table holds, what `check` and the grader read.

An *exercise* is one learner function, identified by its name (``"weighted_sum"``).
Its *cases* are plain data (numpy arrays, Python scalars, lists, tuples, dicts, and
`Fn` markers for function arguments), so they can cross to a sandboxed process.
A *mistake* is a wrong variant a learner typically writes, with the hint to show.

The course table (`course`) lists every exercise once as an `Exercise` whose options
are typed fields; the answer key (the instructor's references and known mistakes, or
their recorded outcomes in a learner bundle) fills in `reference` and `mistakes`
(`registry`). Nothing anywhere branches on an exercise's name.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable

RTOL = 1e-6
"""Default relative tolerance of a comparison: ``|got - expected| <= ATOL + RTOL * |expected|``."""
ATOL = 1e-9
"""Default absolute tolerance of a comparison."""


@dataclass(frozen=True)
class Fn:
    """A function argument given as Python source, e.g. ``Fn("lambda x: np.sum(x**2)")``.

    The source is the grader's own (never the learner's); it is evaluated with only
    ``np`` in scope, in whichever process calls the learner's function.
    """

    source: str

    def build(self) -> Callable:
        """The function; it carries its source as ``fn_source`` (so a call with it as an
        argument can be recognised, see `replay.call_key`)."""
        import numpy as np

        fn = eval(self.source, {"np": np, "__builtins__": {}})  # noqa: S307 (grader's own code)
        try:
            fn.fn_source = self.source
        except AttributeError:  # pragma: no cover (a builtin: nothing to tag)
            pass
        return fn


@dataclass(frozen=True)
class Case:
    """One input to a learner function.

    args/kwargs: passed as ``fn(*args, **kwargs)`` (copies: the learner's changes never leak).
    label: a few words for the learner (``"a batch of 4, 3 inputs"``).
    grade: data only the judging reads (e.g. held-out points and labels for an
        accuracy); it stays in the grading process: never passed to the learner's
        function and never sent to a sandboxed child.
    """

    args: tuple = ()
    kwargs: dict = field(default_factory=dict)
    label: str = ""
    grade: dict = field(default_factory=dict)


@dataclass(frozen=True)
class Mistake:
    """A typical wrong answer: `fn` has the exercise's signature; `hint` is shown when the
    learner's output matches it on the failing cases.

    detect: for exercises graded by accuracy, whose outputs (trained weights) cannot
        match a variant's exactly: ``(case, output) -> bool`` from `analysis`; the hint
        is shown when it returns True on a failing case.
    """

    name: str
    fn: Callable
    hint: str
    detect: Callable[[Case, Any], bool] | None = None


Predict = Callable[[Case, Any], "tuple[Any, str]"]
"""``(case, output) -> (labels or None, why not)``: the labels an accuracy-graded
exercise's output gives for the held-out points in ``case.grade``."""


@dataclass(frozen=True)
class Exercise:
    """One graded function: an entry of the course table, completed by the answer key.

    name: the learner's function name (the contract in docs/exercises.md).
    notebook: the exercise notebook stem, e.g. ``"ex01_weighted_sum"``.
    public_cases: ``() -> list[Case]``, seeded, shown by `check`.
    points: the exercise's maximum points.
    rtol, atol: the comparison's tolerance.
    no_warnings: a numpy RuntimeWarning (an overflow...) on a case costs that case.
    unchanged_args: the array arguments must be unchanged after the call.
    time_limit: seconds one case may take before the learner's function is stopped.
    accuracy: ``(zero_at, full_at)`` for an exercise graded by the accuracy of what it
        returns on held-out points (``Case.grade``): nothing at or below `zero_at`,
        full points at or above `full_at`, linear between. Needs `predict`.
    predict: turns the learner's output into labels for the held-out points (`Predict`).
    requires: the other learner functions its check needs defined (their cells come
        first in the notebook).
    reference, mistakes: from the answer key (the registry fills them in).
    """

    name: str
    notebook: str
    public_cases: Callable[[], list[Case]]
    points: float
    rtol: float = RTOL
    atol: float = ATOL
    no_warnings: bool = False
    unchanged_args: bool = False
    time_limit: float = 10.0
    accuracy: tuple[float, float] | None = None
    predict: Predict | None = None
    requires: tuple[str, ...] = ()
    reference: Callable | None = field(default=None, compare=False)
    mistakes: tuple[Mistake, ...] = field(default=(), compare=False)

    def __post_init__(self) -> None:
        if (self.accuracy is None) != (self.predict is None):
            raise ValueError(f"exercise {self.name!r}: `accuracy` and `predict` go together")
