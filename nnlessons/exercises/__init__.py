"""The exercise registry and `check`.

Imported lazily: ``nnlessons.exercises.spec``, ``.wire`` and ``.runner`` import no
reference implementation, so the grader's sandboxed child can use them alone.
"""
from __future__ import annotations

__all__ = ["check", "EXERCISES", "get", "NOTEBOOKS"]


def __getattr__(name):
    if name == "check":
        from .checker import check

        return check
    if name in ("EXERCISES", "get", "NOTEBOOKS"):
        from . import registry

        return getattr(registry, name)
    raise AttributeError(name)
