"""The package's structure: no import cycle; the instructor's private folder is the one
boundary (nothing outside it imports it at module level); no code branches on an
exercise's name."""
from __future__ import annotations

import ast

import pytest

from nnlessons.exercises import EXERCISES
from package_source import MODULES, import_statements


def _resolve(module: str, is_package: bool, node: ast.ImportFrom) -> str:
    if not node.level:
        return node.module or ""
    base = module.split(".")
    base = base if is_package else base[:-1]
    base = base[: len(base) - (node.level - 1)]
    return ".".join(base + ([node.module] if node.module else []))


def imports_of(module: str, module_level_only: bool = False) -> set[str]:
    """The nnlessons modules `module` imports (a name imported from a package counts as
    its submodule when there is one)."""
    path = MODULES[module]
    out = set()
    for node in import_statements(path, module_level_only):
        if isinstance(node, ast.Import):
            out |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom):
            target = _resolve(module, path.name == "__init__.py", node)
            for a in node.names:
                out.add(f"{target}.{a.name}" if f"{target}.{a.name}" in MODULES else target)
    return {m for m in out if m in MODULES and not module.startswith(m + ".") and m != module}


def test_the_package_has_no_import_cycle():
    graph = {m: imports_of(m) for m in MODULES}
    state: dict[str, int] = {}

    def visit(m: str, trail: list[str]) -> None:
        state[m] = 1
        for n in sorted(graph[m]):
            if state.get(n) == 1:
                cycle = trail[trail.index(n):] + [n] if n in trail else [m, n]
                pytest.fail("import cycle: " + " -> ".join(cycle))
            if n not in state:
                visit(n, trail + [n])
        state[m] = 2

    for m in sorted(graph):
        if m not in state:
            visit(m, [m])


def test_only_the_instructor_folder_imports_it_at_module_level():
    outside = [m for m in MODULES if not m.startswith("nnlessons.instructor")]
    offenders = {m: sorted(i for i in imports_of(m, module_level_only=True) if i.startswith("nnlessons.instructor"))
                 for m in outside}
    assert not {m: i for m, i in offenders.items() if i}


def _string_comparisons(tree: ast.AST):
    for node in ast.walk(tree):
        if isinstance(node, ast.Compare):
            for side in [node.left, *node.comparators]:
                if isinstance(side, ast.Constant) and isinstance(side.value, str):
                    yield side.value, node.lineno


ANSWER_KEY = {"nnlessons.instructor.references", "nnlessons.instructor.mistakes", "nnlessons.instructor.hidden"}


GRADING_CODE = sorted(m for m in MODULES if m.startswith(("nnlessons.exercises", "nnlessons.instructor"))
                      and m not in ANSWER_KEY)


@pytest.mark.parametrize("module", GRADING_CODE)
def test_no_code_branches_on_an_exercise_name(module):
    """What checks and grades treats every exercise alike: its options are fields of
    the exercise's spec (the answer key's own tables are keyed by name, of course)."""
    tree = ast.parse(MODULES[module].read_text(encoding="utf-8"))
    hits = [(name, line) for name, line in _string_comparisons(tree) if name in EXERCISES]
    assert not hits, f"{module} compares with exercise names: {hits}"
