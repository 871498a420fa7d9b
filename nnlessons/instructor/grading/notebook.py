"""A submitted notebook as data: which exercise set it is, and the code cells to run.

Which cells run (like nbgrader): ALL the learner's code cells, in notebook order,
except check cells (cell metadata ``nnlessons.role == "check"``, or a cell that calls
``check(``) and "your code in action" cells (role ``"widget"``: a lesson widget opened on
the learner's functions, nothing to grade) that define no function or class; IPython magics and shell lines (``%``, ``!``) are
dropped. The exercise functions are then looked up by NAME in what the cells defined,
so a moved, duplicated (the last definition wins, as in Jupyter) or re-tagged cell
still counts, and a deleted one is "missing".

Which exercise set: the notebook metadata ``nnlessons.notebook``, if it names a known
notebook; else the file name's stem (``ex03_activations.ipynb``); else its ``exNN``
prefix.
"""
from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from ..cells import cell_role

__all__ = ["NotebookError", "Submission", "sha256_of", "strip_magics", "runnable_cells", "match_notebook", "match_by_name", "json_error_where", "parse"]

_CHECK_CALL = re.compile(r"(^|[^\w.])check\s*\(")
_DEFINES = re.compile(r"^\s*(def|class)\s", re.M)
_MAX_BYTES = 20_000_000


class NotebookError(ValueError):
    """The file is not a readable notebook; the message says why and what to do."""


@dataclass
class Submission:
    """One parsed notebook: its exercise set (None if unknown), the code to run."""

    path: Path
    sha256: str
    notebook: str | None
    cells: list[str] = field(default_factory=list)
    cell_numbers: list[int] = field(default_factory=list)  # each cell's position in the notebook


def sha256_of(data: bytes) -> str:
    """The hex sha256 of a submission's bytes (for resuming)."""
    return hashlib.sha256(data).hexdigest()


def strip_magics(source: str) -> str:
    """The cell without IPython magic / shell lines (a cell magic drops the cell)."""
    lines = source.splitlines()
    if lines and lines[0].lstrip().startswith("%%"):
        return ""
    return "\n".join(line for line in lines if not line.lstrip().startswith(("%", "!")))


def runnable_cells(nb) -> list[tuple[int, str]]:
    """(position in the notebook from 1, source) of the code cells to run, in order."""
    out = []
    for number, cell in enumerate(nb["cells"], start=1):
        if cell.get("cell_type") != "code":
            continue
        source = cell.get("source", "")
        if not isinstance(source, str):
            source = "".join(source)
        is_check = cell_role(cell) in ("check", "widget") or _CHECK_CALL.search(source)
        if is_check and not _DEFINES.search(source):
            continue
        out.append((number, strip_magics(source)))
    return out


def match_notebook(nb_meta: dict, path: Path, known: dict) -> str | None:
    """The notebook stem among `known` that a submission is: its metadata's claim, else
    its file name (`match_by_name`)."""
    meta = nb_meta.get("nnlessons", {}) if isinstance(nb_meta, dict) else {}
    claimed = meta.get("notebook") if isinstance(meta, dict) else None
    if isinstance(claimed, str) and claimed in known:
        return claimed
    return match_by_name(path, known)


def match_by_name(path: Path, known: dict) -> str | None:
    """The notebook stem among `known` named by a file: its stem, else its exNN prefix."""
    stem = path.stem
    if stem in known:
        return stem
    prefix = re.match(r"(ex\d\d)", stem)
    if prefix:
        hits = [k for k in known if k.startswith(prefix.group(1) + "_")]
        if len(hits) == 1:
            return hits[0]
    return None


def _check_cells(nb: dict) -> None:
    """Only the structure the grader reads must be right (not every nbformat detail)."""
    for i, cell in enumerate(nb["cells"], start=1):
        ok = isinstance(cell, dict) and isinstance(cell.get("cell_type"), str)
        source = cell.get("source", "") if ok else None
        ok = ok and (isinstance(source, str) or (isinstance(source, list)
                                                 and all(isinstance(s, str) for s in source)))
        if not ok:
            raise NotebookError(f"cell {i} is malformed (no cell_type or a source that is not text); "
                                "open the notebook in JupyterLab, save it and resubmit")


def json_error_where(exc: json.JSONDecodeError) -> str:
    """``Unterminated string starting at line 1 column 5``: the decoder's reason and place
    (some reasons already end in "at", e.g. "Unterminated string starting at")."""
    msg = exc.msg.rstrip()
    sep = " " if msg.endswith(" at") else " at "
    return f"{msg}{sep}line {exc.lineno} column {exc.colno}"


def parse(path: Path, data: bytes, known: dict) -> Submission:
    """Parse a submission's bytes (never modifies the file). Raises NotebookError with
    a reason a learner or instructor can act on."""
    digest = sha256_of(data)
    if len(data) > _MAX_BYTES:
        raise NotebookError(f"the file is {len(data) // 1_000_000} MB; a notebook over "
                            f"{_MAX_BYTES // 1_000_000} MB is not graded (clear its outputs and resubmit)")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise NotebookError(f"the file is not UTF-8 text ({exc.reason} at byte {exc.start}); "
                            "submit the .ipynb file saved by Jupyter") from None
    if not text.strip():
        raise NotebookError("the file is empty; re-download the notebook, or open it in JupyterLab, "
                            "save it again and resubmit")
    try:
        raw = json.loads(text)
    except json.JSONDecodeError as exc:
        raise NotebookError(f"the file is not valid JSON: {json_error_where(exc)}; re-download the "
                            "notebook, or open it in JupyterLab, save it again and resubmit") from None
    if not isinstance(raw, dict) or not isinstance(raw.setdefault("cells", []), list):
        raise NotebookError("the file is JSON but not a notebook (no list of cells)")
    major = raw.get("nbformat")
    if major != 4:
        raise NotebookError(f"the notebook format is version {major!r}; this grader reads version 4 "
                            "(save it from JupyterLab 3 or newer)")
    _check_cells(raw)
    cells = runnable_cells(raw)
    return Submission(path=path, sha256=digest, notebook=match_notebook(raw.get("metadata", {}), path, known),
                      cells=[c for _, c in cells], cell_numbers=[n for n, _ in cells])
