"""The shape of an exercise: what the registry holds, what `check` and the grader read.

An *exercise* is one learner function, identified by its name (``"weighted_sum"``).
Its *cases* are plain data (numpy arrays, Python scalars, lists, tuples, dicts, and
`Fn` markers for function arguments), so they can cross to a sandboxed process.
A *mistake* is a wrong variant a learner typically writes, with the hint to show.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable, Literal

Driver = Literal["call", "train_predict"]


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
    then: for ``driver="train_predict"``: ``(function_name, extra_args)``; the runner
        calls ``namespace[function_name](result, *extra_args)`` and that is the output
        (e.g. ``("predict_digits", (X_test,))``).
    grade: data only the comparison reads (e.g. held-out labels for an accuracy);
        it stays in the grading process: never passed to the learner's function and
        never sent to a sandboxed child.
    """

    args: tuple = ()
    kwargs: dict = field(default_factory=dict)
    label: str = ""
    then: tuple[str, tuple] | None = None
    grade: dict = field(default_factory=dict)


@dataclass(frozen=True)
class Mistake:
    """A typical wrong answer: `fn` has the exercise's signature; `hint` is shown when the
    learner's output matches it on the failing cases.

    detect: optional ``(case, output) -> bool`` for exercises graded by accuracy, whose
        outputs (trained weights) cannot match a variant's exactly: the hint is shown
        when it returns True on a failing case. namespace: for ``train_predict``
        exercises, the other functions the variant runs with (e.g. its
        ``predict_digits``).
    """

    name: str
    fn: Callable
    hint: str
    detect: Callable[[Case, Any], bool] | None = None
    namespace: dict = field(default_factory=dict, hash=False, compare=False)


@dataclass
class Exercise:
    """One graded function.

    name: the learner's function name (the contract in COURSE.md).
    notebook: the exercise notebook stem, e.g. ``"ex01_weighted_sum"``.
    reference: the package's own implementation, same signature as the learner's.
    public_cases: ``() -> list[Case]``, seeded, shown by `check`.
    points: the exercise's maximum points.
    mistakes: at least two `Mistake`s.
    driver: ``"call"`` (output is ``fn(*args)``) or ``"train_predict"`` (see `Case.then`).
    time_limit: seconds one case may take before the learner's function is stopped.
    requires: other learner functions this exercise calls (e.g. ``("predict_digits",)``).
    """

    name: str
    notebook: str
    reference: Callable
    public_cases: Callable[[], list[Case]]
    points: float
    mistakes: list[Mistake]
    driver: Driver = "call"
    time_limit: float = 10.0
    requires: tuple[str, ...] = ()
    description: str = ""
    extra: dict[str, Any] = field(default_factory=dict)
