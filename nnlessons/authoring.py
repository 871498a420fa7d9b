"""Make the learner's exercise notebooks from the instructor's solution notebooks.

`solutions/` is the one source of truth. In each code cell, every block between
``### BEGIN SOLUTION`` and ``### END SOLUTION`` becomes ``# YOUR CODE HERE`` +
``raise NotImplementedError()`` at the block's indentation. Outputs are those of
running the stubs: only the check cells keep theirs (each reads "not attempted yet").
Cell ids and the ``nnlessons`` metadata that mark exercise cells are kept, so the
grader finds an exercise cell even after a learner moves it.
"""
from __future__ import annotations

import copy
import re
from pathlib import Path

import nbformat

BEGIN = "### BEGIN SOLUTION"
END = "### END SOLUTION"
_BLOCK = re.compile(rf"^([ \t]*){re.escape(BEGIN)}[^\n]*\n.*?^[ \t]*{re.escape(END)}[^\n]*(\n|\Z)", re.M | re.S)


def strip_solutions(source: str) -> str:
    """`source` with each solution block replaced by the stub (same indentation).

    Raises ValueError when a BEGIN has no END (or the other way round)."""
    if source.count(BEGIN) != source.count(END):
        raise ValueError(f"unbalanced solution markers: {source.count(BEGIN)} '{BEGIN}' "
                         f"but {source.count(END)} '{END}'; every block needs both")

    def stub(m: re.Match) -> str:
        indent = m.group(1)
        return f"{indent}# YOUR CODE HERE\n{indent}raise NotImplementedError(){m.group(2)}"

    return _BLOCK.sub(stub, source)


def cell_role(cell) -> str | None:
    """The cell's role in the ``nnlessons`` metadata ("solution", "check"), if any."""
    return cell.get("metadata", {}).get("nnlessons", {}).get("role")


def make_exercise(solution: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """A copy of `solution` with the answers stubbed and every output cleared."""
    nb = copy.deepcopy(solution)
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.source = strip_solutions(cell.source)
            cell.outputs = []
            cell.execution_count = None
            cell.metadata.pop("execution", None)
    return nb


def keep_check_outputs(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """Clear outputs (and counts) of every code cell but the check cells."""
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.metadata.pop("execution", None)
            if cell_role(cell) != "check":
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


def check_markers(solution: nbformat.NotebookNode, stem: str) -> None:
    """Raise ValueError unless `solution` has a solution cell and a check cell for each of
    its exercises (per the registry) and notebook metadata naming `stem`."""
    from .exercises.registry import NOTEBOOKS

    if stem not in NOTEBOOKS:
        raise ValueError(f"{stem}.ipynb is not an exercise notebook; expected one of {sorted(NOTEBOOKS)}")
    meta = solution.metadata.get("nnlessons", {})
    if meta.get("notebook") != stem:
        raise ValueError(f"{stem}.ipynb: notebook metadata nnlessons.notebook must be {stem!r}, got {meta.get('notebook')!r}")
    for name in NOTEBOOKS[stem]:
        roles = [cell_role(c) for c in solution.cells
                 if c.get("metadata", {}).get("nnlessons", {}).get("exercise") == name]
        for role in ("solution", "check"):
            if roles.count(role) != 1:
                raise ValueError(f"{stem}.ipynb: exercise {name!r} needs exactly one {role} cell, found {roles.count(role)}")


def generate_exercises(solutions: Path, out: Path, execute_stubs: bool = True) -> list[Path]:
    """Write ``out/exNN_*.ipynb`` for every ``solutions/exNN_*.ipynb``; return the paths."""
    paths = sorted(Path(solutions).glob("ex[0-9][0-9]_*.ipynb"))
    if not paths:
        raise FileNotFoundError(f"no solution notebooks (exNN_*.ipynb) in {solutions}")
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for path in paths:
        solution = nbformat.read(path, as_version=4)
        check_markers(solution, path.stem)
        nb = make_exercise(solution)
        if execute_stubs:
            nb = execute(nb, cwd=out)
        nbformat.write(keep_check_outputs(nb), out / path.name)
        written.append(out / path.name)
    return written
