"""Build the learner bundle: what a class receives, and nothing that gives answers away.

The bundle holds the lessons, the exercise notebooks, the package without its
``instructor`` folder (the answer key, the hidden cases, authoring, release and the
grader: that folder and nothing else is left out), environment.yml, pyproject.toml, a
Makefile whose `make lab` sets everything up, and a learner README. It never holds
solutions/, the held-out digits or the tests.

`check` only runs the answer key on the public cases, so the release records what the
references and known mistakes do there (`record`: values, exception types, warnings,
changed arguments) into ``exercises/expected.json`` (wire-encoded JSON, never pickle).
In the bundle the registry finds no instructor folder and replays those tables instead
(`nnlessons.exercises.replay`), keyed by the call's inputs; `check` shows exactly what
it shows in the repository. What must stay code ships in ``exercises/analysis.py``: the
``detect`` rules of the accuracy-graded exercises, which analyse the learner's result,
not answers. The tables are recorded with the running package, which must be the one
at `root`.
"""
from __future__ import annotations

import shutil
from pathlib import Path

__all__ = ["PRIVATE", "LEARNER_MAKEFILE", "LEARNER_README", "MARKER", "build_release"]

PRIVATE = Path(__file__).resolve().parent.name
"""The package folder that stays with the instructor (this one)."""
_PATTERNS = ("__pycache__", "*.pyc", ".ipynb_checkpoints", "*.egg-info")
_IGNORE = shutil.ignore_patterns(*_PATTERNS)

LEARNER_MAKEFILE = """\
# One command sets everything up: `make lab` (builds .venv first if it is missing).
PYTHON ?= python3
VENV   := .venv
ROOT_FLAG := $(shell [ "$$(id -u)" = "0" ] && echo --allow-root)

.PHONY: lab
$(VENV)/.installed: pyproject.toml
\t@test -x $(VENV)/bin/python || $(PYTHON) -m venv $(VENV)
\t$(VENV)/bin/python -m pip install --quiet -e .
\t@touch $@

lab: $(VENV)/.installed
\t$(VENV)/bin/jupyter lab $(ROOT_FLAG) notebooks/00_start_here.ipynb
"""

LEARNER_README = """\
# Neural networks from weights and biases: the course

Work through the lessons in `notebooks/` in order (start with `00_start_here.ipynb`),
drag the sliders, and solve the exercises in `exercises/`: each exercise notebook has
cells with `# YOUR CODE HERE`; replace `raise NotImplementedError()` with your code
and run the `check(...)` cell under it to see whether it passes, and if not, why.

## Set-up (one command)

    make lab

This creates a virtual environment in `.venv` (the first time only), installs the course
and opens JupyterLab. With conda instead: `conda env create -f environment.yml`, then
`conda activate nnlessons` and `jupyter lab`.

## Handing in
Hand in the exercise notebooks (`exercises/exNN_*.ipynb`) as your instructor asks; keep
the file names. The grader runs your functions on cases you have not seen, so make them
work for any valid input, not just the ones `check` shows.

The handwritten digits are the UCI "Optical Recognition of Handwritten Digits" data
(E. Alpaydin and C. Kaynak, 1998; CC BY 4.0).
"""


MARKER = ".nnlessons-bundle"
"""File written into every bundle: a folder holding it may be rebuilt in place."""


def _copy_package(src: Path, dst: Path) -> None:
    """The package without its instructor folder."""
    def ignore(folder: str, names: list[str]) -> set[str]:
        private = {PRIVATE} if Path(folder) == src else set()
        return private | set(_IGNORE(folder, names))

    shutil.copytree(src, dst, ignore=ignore)


def _replay_tables(root: Path) -> tuple[str, str]:
    """(file name, JSON text): the references' and mistakes' outcomes on the public cases."""
    from ..exercises import replay
    from . import record

    here = Path(__file__).resolve().parents[1]
    if here != (root / "nnlessons").resolve():
        raise ValueError(f"the replay tables are recorded with the running package ({here}), which is not "
                         f"the course's ({root / 'nnlessons'}): run the `nnlessons` of that course")
    return replay.TABLE_FILE, record.dumps(record.record())


def _check_exercises_current(root: Path) -> None:
    """Raise ValueError if an exercise notebook still holds a solution block, or if
    exercises/ no longer matches solutions/ (compared by cell sources, without running)."""
    import nbformat

    from .authoring import BEGIN, make_exercise

    for path in sorted((root / "exercises").glob("*.ipynb")):
        if BEGIN in path.read_text(encoding="utf-8"):
            raise ValueError(f"{path} contains '{BEGIN}': exercises must be generated with "
                             "`nnlessons author` (make exercises), never edited by hand")
    solutions = root / "solutions"
    if not solutions.is_dir():
        return
    for sol_path in sorted(solutions.glob("ex[0-9][0-9]_*.ipynb")):
        ex_path = root / "exercises" / sol_path.name
        stale = f"exercises/{sol_path.name} is out of date with solutions/: run `nnlessons author` (make exercises) first"
        if not ex_path.is_file():
            raise ValueError(f"exercises/{sol_path.name} is missing: run `nnlessons author` (make exercises) first")
        want = make_exercise(nbformat.read(sol_path, as_version=4))
        have = nbformat.read(ex_path, as_version=4)
        if [(c.cell_type, c.source) for c in want.cells] != [(c.cell_type, c.source) for c in have.cells]:
            raise ValueError(stale)


def _prepare_out(root: Path, out: Path) -> None:
    if out == root or root.is_relative_to(out):
        raise ValueError(f"the bundle folder {out} would contain the course repository; choose another folder")
    if out.exists() and not out.is_dir():
        raise FileExistsError(f"{out} is a file: choose a new folder for the bundle")
    if out.exists() and any(out.iterdir()):
        if not (out / MARKER).is_file():
            raise FileExistsError(f"{out} is not empty: choose a new folder for the bundle "
                                  "(a folder written by an earlier `nnlessons release` is replaced)")
        shutil.rmtree(out)
    out.mkdir(parents=True, exist_ok=True)


def build_release(root: Path, out: Path) -> Path:
    """Write the learner bundle for the course at `root` into `out`; return `out`.

    `out` must be new, empty, or an earlier bundle (it holds the `MARKER` file), which is
    replaced. Raises FileExistsError for any other non-empty folder (nothing else is ever
    overwritten), ValueError when exercises/ holds solutions or is out of date."""
    root, out = Path(root).resolve(), Path(out).resolve()
    for needed in ("notebooks", "exercises", "nnlessons", "environment.yml", "pyproject.toml"):
        if not (root / needed).exists():
            raise FileNotFoundError(f"{root} is not the course repository: {needed} is missing")
    _check_exercises_current(root)
    table_name, tables = _replay_tables(root)
    _prepare_out(root, out)
    for folder in ("notebooks", "exercises"):
        shutil.copytree(root / folder, out / folder, ignore=_IGNORE)
    _copy_package(root / "nnlessons", out / "nnlessons")
    (out / "nnlessons" / "exercises" / table_name).write_text(tables, encoding="utf-8")
    for name in ("environment.yml", "pyproject.toml"):
        shutil.copy2(root / name, out / name)
    (out / "Makefile").write_text(LEARNER_MAKEFILE)
    (out / "README.md").write_text(LEARNER_README)
    (out / MARKER).write_text("A learner bundle written by `nnlessons release`; rebuilding replaces this folder.\n")
    return out
