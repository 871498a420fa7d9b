"""The exercise registry: the course table (`course`) completed by the answer key.

``EXERCISES[name]`` is an `Exercise` with its reference and known mistakes;
``NOTEBOOKS[stem]`` lists a notebook's exercise names in order; ``get(name)`` looks one
up with a helpful error.

The answer key is the instructor's (``nnlessons.instructor``: references and known
mistakes) where that folder ships, and otherwise, in the learner bundle, the recorded
outcomes of both on the public cases (`replay`).
"""
from __future__ import annotations

from dataclasses import replace

from .. import has_instructor
from .course import COURSE
from .spec import Exercise

__all__ = ["EXERCISES", "NOTEBOOKS", "get"]


def _answer_key() -> tuple[dict, dict]:
    if has_instructor():
        from ..instructor import answer_key

        return answer_key()
    from . import replay

    return replay.load()


def _build() -> dict[str, Exercise]:
    references, mistakes = _answer_key()
    missing = [e.name for e in COURSE if e.name not in references]
    if missing:
        raise LookupError(f"the answer key has no reference for {', '.join(missing)}: add one "
                          "(nnlessons/instructor/references.py) for every exercise of the course table")
    return {e.name: replace(e, reference=references[e.name], mistakes=tuple(mistakes.get(e.name, ())))
            for e in COURSE}


EXERCISES: dict[str, Exercise] = _build()

NOTEBOOKS: dict[str, list[str]] = {}
for _ex in EXERCISES.values():
    NOTEBOOKS.setdefault(_ex.notebook, []).append(_ex.name)


def get(name: str) -> Exercise:
    """The exercise called `name`; a KeyError listing the exercise names otherwise."""
    try:
        return EXERCISES[name]
    except (KeyError, TypeError):
        raise KeyError(f"there is no exercise called {name!r}; the exercises are: "
                       + ", ".join(EXERCISES)) from None
