"""The package's source files and their import statements, read with `ast` (for the
structure and dependency tests)."""
from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "nnlessons"


def module_name(path: Path) -> str:
    """``nnlessons/plots/__init__.py`` -> ``nnlessons.plots``."""
    rel = path.relative_to(PACKAGE.parent).with_suffix("")
    parts = list(rel.parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def import_statements(path: Path, module_level_only: bool = False) -> list[ast.Import | ast.ImportFrom]:
    """The ``import`` and ``from ... import`` statements of one source file (anywhere in
    it, or only at module level)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    nodes = tree.body if module_level_only else ast.walk(tree)
    return [n for n in nodes if isinstance(n, (ast.Import, ast.ImportFrom))]
