"""Gradescope, end to end: the exported zip unpacked into a Gradescope-shaped tree
(source/, submission/, results/ under a temporary root), its setup.sh and
run_autograder run there, full marks for the solutions and zero for the stubs of every
exercise notebook. No internet: setup.sh's Python-provisioning step is pointed at this
machine's Python and environment (NNLESSONS_PYTHON, NNLESSONS_VENV); the provisioning
logic itself is tried with stand-in pythons and a stand-in apt-get.
"""
from __future__ import annotations

import json
import os
import shutil
import stat
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from nnlessons.instructor.grading.__main__ import main as grading_main

REPO = Path(__file__).resolve().parents[2]
NOTEBOOKS = sorted(p.name for p in (REPO / "solutions").glob("ex*.ipynb"))


@pytest.fixture(scope="module")
def autograder(tmp_path_factory):
    """A Gradescope-shaped tree with the autograder set up in it."""
    root = tmp_path_factory.mktemp("gradescope")
    zpath = root / "autograder.zip"
    assert grading_main(["export-gradescope", "--out", str(zpath)]) == 0
    with zipfile.ZipFile(zpath) as zf:
        zf.extractall(root / "source")
        for info in zf.infolist():  # zipfile drops the mode bits
            mode = info.external_attr >> 16
            if mode & 0o111:
                (root / "source" / info.filename).chmod(mode & 0o777)
    shutil.copy(root / "source" / "run_autograder", root / "run_autograder")
    env = {**os.environ, "AUTOGRADER_ROOT": str(root), "NNLESSONS_PYTHON": sys.executable,
           "NNLESSONS_VENV": sys.prefix}
    env.pop("NNLESSONS_HELDOUT", None)
    setup = subprocess.run(["bash", str(root / "source" / "setup.sh")], env=env, capture_output=True, text=True,
                           timeout=120)
    assert setup.returncode == 0, setup.stderr
    return root, env


def _grade(root: Path, env: dict, folder: Path) -> dict:
    shutil.rmtree(root / "submission", ignore_errors=True)
    shutil.rmtree(root / "results", ignore_errors=True)
    (root / "submission").mkdir()
    for name in NOTEBOOKS:
        shutil.copy(folder / name, root / "submission" / name)
    done = subprocess.run([str(root / "run_autograder")], env=env, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads((root / "results" / "results.json").read_text())


def test_zip_holds_what_grading_needs_and_no_notebook(autograder):
    root, _ = autograder
    assert (root / "source" / "heldout" / "digits_test.npz").is_file()
    assert (root / "source" / "source" / "nnlessons" / "instructor" / "hidden.py").is_file()
    assert not list((root / "source").rglob("*.ipynb"))
    secret = root / "source" / "source" / "nnlessons" / "instructor" / "references.py"
    assert not stat.S_IMODE(secret.stat().st_mode) & 0o077, "the answer key must be root-only"


def test_solutions_get_full_marks_in_every_notebook(autograder):
    root, env = autograder
    res = _grade(root, env, REPO / "solutions")
    graded = {t["name"].split(":")[0] for t in res["tests"]}
    assert graded == {Path(n).stem for n in NOTEBOOKS}
    for t in res["tests"]:
        assert t["score"] == t["max_score"] > 0, t
    assert res["score"] == pytest.approx(sum(t["max_score"] for t in res["tests"]))


def test_stubs_get_zero(autograder):
    root, env = autograder
    res = _grade(root, env, REPO / "exercises")
    assert len(res["tests"]) > len(NOTEBOOKS) and res["score"] == 0
    assert all(t["score"] == 0 for t in res["tests"])


def _fake(bin_dir: Path, name: str, script: str) -> None:
    path = bin_dir / name
    path.write_text("#!/bin/sh\n" + script + "\n")
    path.chmod(0o755)


def _find_python(tmp_path: Path, pythons: dict[str, bool]) -> tuple[subprocess.CompletedProcess, Path]:
    """setup.sh's step 1 with only stand-in programs on the PATH: python name -> whether
    it is >= 3.11; apt-get and add-apt-repository log their calls, and installing
    python3.11 puts a stand-in python3.11 on the PATH."""
    from nnlessons.instructor.grading.gradescope import SETUP_SH

    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    for name, ok in pythons.items():
        _fake(bin_dir, name, f"exit {0 if ok else 1}")
    log = tmp_path / "calls.log"
    installer = (f'echo "$0 $*" >> {log}\ncase "$*" in *python3.11*) '
                 f"printf '#!/bin/sh\\nexit 0\\n' > {bin_dir}/python3.11; /bin/chmod +x {bin_dir}/python3.11;; esac")
    _fake(bin_dir, "apt-get", installer)
    _fake(bin_dir, "add-apt-repository", installer)
    setup = tmp_path / "setup.sh"
    setup.write_text(SETUP_SH)
    body = 'py="$(find_python)" || { provision_python; py="$(find_python)"; }; echo "$py"'
    done = subprocess.run(["/bin/bash", "-c", f"source {setup}; {body}"], env={"PATH": str(bin_dir)},
                          capture_output=True, text=True, timeout=30)
    return done, log


def test_setup_uses_a_suitable_python_on_ubuntu_24_04(tmp_path):
    done, log = _find_python(tmp_path, {"python3": True, "python3.12": True})
    assert done.returncode == 0 and done.stdout.strip().endswith("/python3.12"), done
    assert not log.exists(), "nothing to install"


def test_setup_provisions_python_3_11_on_ubuntu_22_04(tmp_path):
    done, log = _find_python(tmp_path, {"python3": False, "python3.10": False})
    assert done.returncode == 0 and done.stdout.strip().endswith("/python3.11"), done.stderr
    calls = log.read_text()
    assert "ppa:deadsnakes/ppa" in calls and "python3.11-venv" in calls
