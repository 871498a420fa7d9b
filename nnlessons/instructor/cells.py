"""The ``nnlessons`` cell metadata of the course's notebooks: which exercise a cell
belongs to and its role: "solution", "check", or "widget" (the "your code in action" cell
that opens the lesson's widget on the learner's functions). Read by authoring (to check
and stub the solution notebooks) and by the grader (to skip check and widget cells)."""
from __future__ import annotations

__all__ = ["cell_meta", "cell_role"]


def cell_meta(cell) -> dict:
    """The cell's ``nnlessons`` metadata (empty if none, or if it is not a dict)."""
    meta = cell.get("metadata", {}) if isinstance(cell, dict) else {}
    meta = meta.get("nnlessons", {}) if isinstance(meta, dict) else {}
    return meta if isinstance(meta, dict) else {}


def cell_role(cell) -> str:
    """The cell's role in the ``nnlessons`` metadata ("solution", "check", "widget"), or ""."""
    role = cell_meta(cell).get("role", "")
    return role if isinstance(role, str) else ""
