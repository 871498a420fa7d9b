"""Gradescope: build an autograder zip that grades with this same grader, and the
entry point it runs on Gradescope's machine.

The zip (Gradescope unpacks it into ``/autograder/source``) holds:

- ``setup.sh``: run once when Gradescope builds the image (Ubuntu 22.04 or 24.04, as
  root). Step 1 finds a Python >= 3.11 (``$NNLESSONS_PYTHON``, else python3.13/3.12/
  3.11/python3 on the PATH) and, if there is none (22.04 ships 3.10), provisions one:
  the deadsnakes PPA, else uv. Step 2 makes ``/autograder/venv`` with the course's
  dependencies (``$NNLESSONS_VENV``: use that environment as it is instead). Step 3
  makes the answer key and the held-out data readable by root only. Each step is a
  small shell function, so one can be replaced without touching the others.
- ``run_autograder``: grades ``/autograder/submission`` as a one-student class with
  ``python -m nnlessons.instructor.grading gradescope-run`` and writes
  ``/autograder/results/results.json``.
- ``source/``: ``pyproject.toml`` and the ``nnlessons`` package (the grader runs it
  from here; the answer key is in it).
- ``heldout/digits_test.npz``: the held-out digits the capstone is measured on
  (``$NNLESSONS_HELDOUT`` when set, else ``solutions/data/digits_test.npz``).

Students never see the zip; during grading their code runs in the sandbox, which
keeps all of it out of reach. Every path above is under ``$AUTOGRADER_ROOT``
(default ``/autograder``), so the whole round trip can be tried in a temporary folder.
"""
from __future__ import annotations

import io
import json
import os
import shutil
import stat
import tempfile
import zipfile
from pathlib import Path

from .exports import atomic_write
from .sandbox.apply import PACKAGE_DIR

__all__ = ["SETUP_SH", "RUN_AUTOGRADER", "run_autograder_script", "heldout_file", "build_autograder",
           "run_on_gradescope"]

SETUP_SH = r"""#!/usr/bin/env bash
# Gradescope runs this once when it builds the autograder image (Ubuntu 22.04 or 24.04, as root).
# Every step is a function: replace one (or set the variable it names) without touching the rest.
set -euo pipefail
AG="${AUTOGRADER_ROOT:-/autograder}"
SRC="$AG/source/source"
VENV="${NNLESSONS_VENV:-$AG/venv}"

python_ok() {  # is $1 a Python >= 3.11?
    "$1" -c 'import sys; sys.exit(sys.version_info < (3, 11))' >/dev/null 2>&1
}

find_python() {  # step 1a: print a Python >= 3.11 already on this machine ($NNLESSONS_PYTHON first)
    local c p
    for c in ${NNLESSONS_PYTHON:-} python3.13 python3.12 python3.11 python3; do
        p="$(command -v "$c" 2>/dev/null)" || continue
        if python_ok "$p"; then echo "$p"; return 0; fi
    done
    return 1
}

provision_python() {  # step 1b: none found (Ubuntu 22.04 has 3.10): the deadsnakes PPA, else uv
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    if apt-get install -y -qq software-properties-common >/dev/null \
        && add-apt-repository -y ppa:deadsnakes/ppa >/dev/null \
        && apt-get update -qq \
        && apt-get install -y -qq python3.11 python3.11-venv >/dev/null; then
        return 0
    fi
    apt-get install -y -qq curl ca-certificates >/dev/null
    curl -LsSf https://astral.sh/uv/install.sh | env UV_INSTALL_DIR=/usr/local/bin sh
    uv python install 3.11
    ln -sf "$(uv python find 3.11)" /usr/local/bin/python3.11
}

make_venv() {  # step 2: a virtualenv with the course's dependencies (NNLESSONS_VENV: use that one)
    local py="$1"
    if [ -n "${NNLESSONS_VENV:-}" ]; then return 0; fi
    if ! "$py" -m venv "$VENV" 2>/dev/null; then  # Debian/Ubuntu keep venv in python3.X-venv
        apt-get install -y -qq "python$("$py" -c 'import sys; print("%d.%d" % sys.version_info[:2])')-venv" >/dev/null
        "$py" -m venv "$VENV"
    fi
    "$VENV/bin/pip" install --quiet --upgrade pip
    "$VENV/bin/pip" install --quiet "$SRC"
    "$VENV/bin/pip" uninstall --quiet -y nnlessons  # the grader runs from $SRC; no second copy of the key
}

lock_answer_key() {  # step 3: the answer key and the held-out digits: root only
    chmod -R go-rwx "$AG/source"
    chmod go+x "$AG" "$AG/source" 2>/dev/null || true
}

main() {
    local py
    py="$(find_python)" || { provision_python; py="$(find_python)"; }
    echo "setup.sh: using $py ($("$py" --version 2>&1))"
    make_venv "$py"
    lock_answer_key
}

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
    main "$@"
fi
"""

RUN_AUTOGRADER = r"""#!/usr/bin/env bash
# Gradescope runs this for every submission: grade it with the nnlessons grader.
set -uo pipefail
AG="${AUTOGRADER_ROOT:-/autograder}"
VENV="${NNLESSONS_VENV:-$AG/venv}"
# Grading refuses to run unless the sandbox holds. What the instructor accepted with
# `nnlessons export-gradescope --allow-weaker-sandbox ...` (docs/security.md) is set here.
ALLOW_WEAKER="@ALLOW_WEAKER@"
export NNLESSONS_HELDOUT="$AG/source/heldout/digits_test.npz"
mkdir -p "$AG/results"
cd "$AG/source/source" || exit 1
exec "$VENV/bin/python" -m nnlessons.instructor.grading gradescope-run $ALLOW_WEAKER \
    "$AG/submission" "$AG/results/results.json"
"""


def heldout_file() -> Path:
    """The held-out digits to ship: $NNLESSONS_HELDOUT, else the repository's
    solutions/data/digits_test.npz (FileNotFoundError if neither exists)."""
    env = os.environ.get("NNLESSONS_HELDOUT")
    path = Path(env) if env else PACKAGE_DIR.parent / "solutions" / "data" / "digits_test.npz"
    if not path.is_file():
        raise FileNotFoundError(f"the held-out digits are not at {path}: the capstone cannot be graded without "
                                "them (set NNLESSONS_HELDOUT, or run from a checkout that has "
                                "solutions/data/digits_test.npz)")
    return path


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


def run_autograder_script(allow_weaker: tuple[str, ...] = ()) -> str:
    """``run_autograder`` with the protections the instructor accepted to go without."""
    flags = " ".join(f"--allow-weaker-sandbox {p}" for p in allow_weaker)
    return RUN_AUTOGRADER.replace("@ALLOW_WEAKER@", flags)


def build_autograder(out: Path, allow_weaker: tuple[str, ...] = ()) -> Path:
    """Write the autograder zip to `out` (atomically) and return its path. `allow_weaker`:
    protections grading on Gradescope may go without (baked into ``run_autograder``)."""
    root = PACKAGE_DIR.parent
    if not (root / "pyproject.toml").exists():
        raise FileNotFoundError(f"no pyproject.toml next to {PACKAGE_DIR}: run export-gradescope from a "
                                "checkout of the course repository (pip install -e .)")
    heldout = heldout_file()
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        _add_script(zf, "setup.sh", SETUP_SH)
        _add_script(zf, "run_autograder", run_autograder_script(allow_weaker))
        for path, name in _source_files(root):
            zf.write(path, name)
        zf.write(heldout, "heldout/digits_test.npz")
    atomic_write(Path(out), buf.getvalue())
    return Path(out)


def _results(score: float, output: str) -> str:
    return json.dumps({"score": score, "output": output, "tests": []})


def run_on_gradescope(submission: Path, results: Path, jobs: int = 1, allow_weaker: tuple[str, ...] = ()) -> int:
    """Grade the notebooks in `submission` as one student and write `results`."""
    from .batch import Options, SandboxRefused, grade_class

    work = Path(tempfile.mkdtemp(prefix="nnlessons-gs-"))
    try:
        student = work / "subs" / "student"
        student.mkdir(parents=True)
        for nb in sorted(Path(submission).rglob("*.ipynb")):
            if nb.is_file() and not nb.is_symlink() and ".ipynb_checkpoints" not in nb.parts:
                shutil.copyfile(nb, student / nb.name)
        results.parent.mkdir(parents=True, exist_ok=True)
        try:
            grade_class(work / "subs", work / "out", Options(jobs=jobs, progress=False,
                                                             allow_weaker_sandbox=allow_weaker))
        except SandboxRefused as exc:
            results.write_text(_results(0, f"The autograder could not run your code safely on this machine, so "
                                           f"it was not graded (tell your instructor):\n{exc}"))
            return 0
        produced = sorted((work / "out" / "gradescope").glob("*/results.json"))
        if produced:
            shutil.copyfile(produced[0], results)
        else:
            results.write_text(_results(0, "No exercise notebook (exNN_*.ipynb) was found in the submission: "
                                           "upload your notebook files."))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0
