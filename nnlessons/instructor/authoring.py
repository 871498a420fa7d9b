"""Make the learner's exercise notebooks from the instructor's solution notebooks.

`solutions/` is the one source of truth. In each code cell, every block between
``### BEGIN SOLUTION`` and ``### END SOLUTION`` becomes ``# YOUR CODE HERE`` +
``raise NotImplementedError()`` at the block's indentation. Outputs are those of
running the stubs: only the check cells keep theirs (each reads "not attempted yet").
Cell ids and the ``nnlessons`` metadata that mark exercise cells are kept, so the
grader finds an exercise cell even after a learner moves it.

The cell conventions (the grader relies on them):

- notebook metadata ``{"nnlessons": {"notebook": "<stem>"}}``;
- one solution cell per exercise function, metadata
  ``{"nnlessons": {"exercise": "<name>", "role": "solution"}}`` and cell id ``ex-<name>``;
- one check cell per graded exercise, ``{"nnlessons": {"exercise": "<name>", "role": "check"}}``
  and cell id ``check-<name>``. A function an exercise requires that is not graded itself
  has a solution cell and no check cell of its own;
- a *self-check* cell, ``{"nnlessons": {"role": "check"}}`` without an exercise, is code the
  learner runs to test their own function (e.g. a gradient check against numerical
  gradients). Like the check cells, the grader skips it (so it defines no function) and the
  exercise notebook keeps its output, which reads "not attempted yet" for the stubs.

Generation is deterministic: the same solutions give byte-identical exercise notebooks
(no timing metadata; execution counts are those of a top-to-bottom run).
"""
from __future__ import annotations

import copy
import re
from pathlib import Path

import nbformat

from .cells import cell_meta, cell_role

__all__ = ["BEGIN", "END", "STUB", "strip_solutions", "make_exercise", "keep_check_outputs", "execute", "expected_cells", "check_markers", "solution_paths", "generate_exercises"]

BEGIN = "### BEGIN SOLUTION"
END = "### END SOLUTION"
STUB = ("# YOUR CODE HERE", "raise NotImplementedError()")
_BLOCK = re.compile(rf"^([ \t]*){re.escape(BEGIN)}[^\n]*\n.*?^[ \t]*{re.escape(END)}[^\n]*(\n|\Z)", re.M | re.S)


def strip_solutions(source: str) -> str:
    """`source` with each solution block replaced by the stub (same indentation).

    Raises ValueError when the markers do not pair up: a BEGIN without its END, an END
    without a BEGIN before it, or a BEGIN inside another block."""
    n_begin, n_end = source.count(BEGIN), source.count(END)
    if n_begin != n_end:
        raise ValueError(f"unbalanced solution markers: {n_begin} '{BEGIN}' but {n_end} '{END}'; "
                         "every block needs both, each on its own line")

    def stub(m: re.Match) -> str:
        indent = m.group(1)
        return f"{indent}{STUB[0]}\n{indent}{STUB[1]}{m.group(2)}"

    out = _BLOCK.sub(stub, source)
    if BEGIN in out or END in out:
        raise ValueError(f"misplaced solution markers: each '{BEGIN}' must start a line and be "
                         f"closed by the next '{END}' line (no nesting, no END before its BEGIN)")
    return out


def make_exercise(solution: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """A copy of `solution` with the answers stubbed and every output cleared.

    Markdown cells, cell ids and all metadata but the execution timings are kept."""
    nb = copy.deepcopy(solution)
    for cell in nb.cells:
        cell.get("metadata", {}).pop("execution", None)
        if cell.cell_type == "code":
            cell.source = strip_solutions(cell.source)
            cell.outputs = []
            cell.execution_count = None
    return nb


def keep_check_outputs(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """Clear outputs (and counts) of every code cell but the check cells."""
    for cell in nb.cells:
        cell.get("metadata", {}).pop("execution", None)
        if cell.cell_type == "code" and cell_role(cell) != "check":
            cell.outputs = []
            cell.execution_count = None
    return nb


def execute(nb: nbformat.NotebookNode, cwd: Path, timeout: int = 120) -> nbformat.NotebookNode:
    """Run `nb` top to bottom in a fresh kernel started in `cwd` (errors raise)."""
    from nbclient import NotebookClient

    client = NotebookClient(nb, timeout=timeout, kernel_name="python3", record_timing=False,
                            resources={"metadata": {"path": str(cwd)}})
    client.execute()
    return nb


def expected_cells(stem: str) -> dict[str, tuple[str, ...]]:
    """For the notebook `stem`: exercise or helper function name -> the roles its cells need."""
    from ..exercises.registry import EXERCISES, NOTEBOOKS

    if stem not in NOTEBOOKS:
        raise ValueError(f"{stem}.ipynb is not an exercise notebook; expected one of {sorted(NOTEBOOKS)}")
    needed: dict[str, tuple[str, ...]] = {}
    for name in NOTEBOOKS[stem]:
        needed[name] = ("solution", "check")
        for helper in EXERCISES[name].requires:
            needed.setdefault(helper, ("solution",))
    return needed


def check_markers(solution: nbformat.NotebookNode, stem: str) -> None:
    """Raise ValueError unless `solution` follows the cell conventions for notebook `stem`:
    metadata naming `stem`; for each of its exercises (per the registry) exactly one
    solution cell (id ``ex-<name>``, with a solution block) and one check cell (id
    ``check-<name>``, calling ``check(<name>)``); a solution cell for each function an
    exercise requires."""
    needed = expected_cells(stem)
    meta = solution.get("metadata", {}).get("nnlessons", {})
    if meta.get("notebook") != stem:
        raise ValueError(f"{stem}.ipynb: notebook metadata nnlessons.notebook must be {stem!r}, "
                         f"got {meta.get('notebook')!r}")
    for name, roles_needed in needed.items():
        cells = [c for c in solution.cells if cell_meta(c).get("exercise") == name]
        for role in ("solution", "check"):
            found = [c for c in cells if cell_role(c) == role]
            want = 1 if role in roles_needed else 0
            if len(found) != want:
                raise ValueError(f"{stem}.ipynb: exercise {name!r} needs exactly {want} {role} cell(s) "
                                 f"(metadata nnlessons.exercise={name!r}, role={role!r}), found {len(found)}")
            if not found:
                continue
            cell = found[0]
            want_id = f"ex-{name}" if role == "solution" else f"check-{name}"
            if cell.get("id") != want_id:
                raise ValueError(f"{stem}.ipynb: the {role} cell of {name!r} must have the cell id "
                                 f"{want_id!r}, has {cell.get('id')!r}")
            if cell.cell_type != "code":
                raise ValueError(f"{stem}.ipynb: the {role} cell of {name!r} must be a code cell")
            if role == "solution" and (BEGIN not in cell.source or f"def {name}(" not in cell.source):
                raise ValueError(f"{stem}.ipynb: the solution cell of {name!r} must define "
                                 f"`def {name}(...)` with its answer between '{BEGIN}' and '{END}'")
            if role == "check" and f"check({name})" not in cell.source:
                raise ValueError(f"{stem}.ipynb: the check cell of {name!r} must call check({name})")


def solution_paths(solutions: Path) -> list[Path]:
    """The solution notebooks ``exNN_*.ipynb`` in `solutions`, sorted."""
    paths = sorted(Path(solutions).glob("ex[0-9][0-9]_*.ipynb"))
    if not paths:
        raise FileNotFoundError(f"no solution notebooks (exNN_*.ipynb) in {solutions}")
    return paths


def generate_exercises(solutions: Path, out: Path, execute_stubs: bool = True) -> list[Path]:
    """Write ``out/exNN_*.ipynb`` for every ``solutions/exNN_*.ipynb``; return the paths.

    Every notebook is checked (`check_markers`) before anything is written."""
    paths = solution_paths(solutions)
    out = Path(out)
    sources = []
    for path in paths:
        solution = nbformat.read(path, as_version=4)
        check_markers(solution, path.stem)
        sources.append((path, solution))
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for path, solution in sources:
        nb = make_exercise(solution)
        if execute_stubs:
            nb = execute(nb, cwd=out)
        nbformat.write(keep_check_outputs(nb), out / path.name)
        written.append(out / path.name)
    return written
