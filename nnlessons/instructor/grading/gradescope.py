"""Gradescope: build an autograder zip that grades with this same grader, and the
entry point it runs on Gradescope's machine.

The zip holds ``setup.sh`` (installs this package from the copy in the zip),
``run_autograder`` (lays the submission out as a one-student class, runs
``python3 -m nnlessons.instructor.grading gradescope-run``) and ``source/`` (pyproject.toml and
the ``nnlessons`` package). ``gradescope-run`` grades with `batch.grade_class` and
copies the student's ``results.json`` to ``/autograder/results/results.json``.
"""
from __future__ import annotations

import io
import json
import shutil
import stat
import tempfile
import zipfile
from pathlib import Path

from .exports import atomic_write
from .sandbox.apply import PACKAGE_DIR

__all__ = ["SETUP_SH", "RUN_AUTOGRADER", "build_autograder", "run_on_gradescope"]

SETUP_SH = """#!/usr/bin/env bash
# Gradescope runs this once when it builds the autograder image.
set -euo pipefail
apt-get update -qq && apt-get install -y -qq python3 python3-pip python3-venv >/dev/null
python3 -m venv /autograder/venv
/autograder/venv/bin/pip install --quiet /autograder/source/source
"""

RUN_AUTOGRADER = """#!/usr/bin/env bash
# Gradescope runs this for every submission: grade it with the nnlessons grader.
set -uo pipefail
mkdir -p /autograder/results
/autograder/venv/bin/python -m nnlessons.instructor.grading gradescope-run \\
    /autograder/submission /autograder/results/results.json
"""


def _source_files(root: Path):
    """(path on disk, name in the zip) of the package source to ship."""
    yield root / "pyproject.toml", "source/pyproject.toml"
    readme = root / "README.md"
    if readme.exists():
        yield readme, "source/README.md"
    for path in sorted(PACKAGE_DIR.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts and path.suffix not in (".pyc", ".pyo"):
            yield path, "source/nnlessons/" + path.relative_to(PACKAGE_DIR).as_posix()


def _add_script(zf: zipfile.ZipFile, name: str, text: str) -> None:
    info = zipfile.ZipInfo(name)
    info.external_attr = (stat.S_IFREG | 0o755) << 16
    info.compress_type = zipfile.ZIP_DEFLATED
    zf.writestr(info, text)


def build_autograder(out: Path) -> Path:
    """Write the autograder zip to `out` (atomically) and return its path."""
    root = PACKAGE_DIR.parent
    if not (root / "pyproject.toml").exists():
        raise FileNotFoundError(f"no pyproject.toml next to {PACKAGE_DIR}: run export-gradescope from a "
                                "checkout of the course repository (pip install -e .)")
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        _add_script(zf, "setup.sh", SETUP_SH)
        _add_script(zf, "run_autograder", RUN_AUTOGRADER)
        for path, name in _source_files(root):
            zf.write(path, name)
    atomic_write(Path(out), buf.getvalue())
    return Path(out)


def run_on_gradescope(submission: Path, results: Path, jobs: int = 1) -> int:
    """Grade the notebooks in `submission` as one student and write `results`."""
    from .batch import Options, grade_class

    work = Path(tempfile.mkdtemp(prefix="nnlessons-gs-"))
    try:
        student = work / "subs" / "student"
        student.mkdir(parents=True)
        for nb in sorted(Path(submission).rglob("*.ipynb")):
            if nb.is_file() and not nb.is_symlink() and ".ipynb_checkpoints" not in nb.parts:
                shutil.copyfile(nb, student / nb.name)
        grade_class(work / "subs", work / "out", Options(jobs=jobs, progress=False))
        produced = work / "out" / "gradescope" / "student" / "results.json"
        results.parent.mkdir(parents=True, exist_ok=True)
        if produced.exists():
            shutil.copyfile(produced, results)
        else:
            results.write_text(json.dumps({"score": 0, "output": "No exercise notebook (exNN_*.ipynb) was "
                                           "found in the submission: upload your notebook files.",
                                           "tests": []}))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0
