"""The instructor's private part of the package: the answer key (`references`,
`mistakes`), the hidden cases (`hidden`), the recording of the learner bundle's replay
tables (`record`), `authoring` (exercises from solutions), `release` (the learner
bundle) and the grader (`grading`).

`nnlessons release` leaves this folder out of the learner bundle, and nothing else;
``nnlessons.has_instructor()`` tells whether it is here. Nothing outside it imports it
at module level.
"""
from __future__ import annotations

__all__ = ["answer_key"]


def answer_key() -> tuple[dict, dict]:
    """``(references, mistakes)`` keyed by exercise name: each exercise's reference
    function and its known `Mistake`s."""
    from .mistakes import MISTAKES
    from .references import REFERENCES

    return REFERENCES, MISTAKES
