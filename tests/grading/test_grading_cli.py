"""The command line: `python -m nnlessons.instructor.grading grade`, a grader killed mid-batch and
restarted, `export-gradescope`, and the autograder's own entry point."""
from __future__ import annotations

import csv
import fcntl
import json
import os
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

import pytest

from nnlessons.instructor.grading.__main__ import main as grading_main
from submissions import nbmake, real

REPO = Path(__file__).resolve().parents[2]
SLOW = "import time\ntime.sleep(0.4)"


def make_class(subs: Path, n: int) -> int:
    """n students x (ex03, ex09) of the real course, each with a slow cell; returns rows expected."""
    for i in range(n):
        for nb in real.NOTEBOOKS:
            kind = "stub" if i % 3 == 2 else "correct"
            nbmake.write(subs, f"s{i:02d}", f"{nb}.ipynb", nbmake.build(
                nb, real.sources(nb, kind), real=True, extra=[nbmake.new_code_cell(SLOW)]))
    return n * sum(len(v) for v in real.NOTEBOOKS.values())


def rows_of(out: Path) -> list[tuple]:
    with open(out / "grades.csv", newline="", encoding="utf-8") as fh:
        return [(r["student"], r["notebook"], r["exercise"]) for r in csv.DictReader(fh)]


def test_cli_grades_and_resumes(tmp_path, capsys):
    subs, out = tmp_path / "subs", tmp_path / "out"
    expected = make_class(subs, 2)
    assert grading_main(["grade", str(subs), "--out", str(out), "--timeout", "30", "--quiet"]) == 0
    err = capsys.readouterr().err
    assert "graded 4, skipped 0 unchanged, unreadable 0" in err and "protections" in err
    assert "exercises: passed " in err and "class: 2 students, mean " in err
    assert len(rows_of(out)) == expected
    assert grading_main(["grade", str(subs), "--out", str(out), "--quiet"]) == 0
    assert "graded 0, skipped 4 unchanged" in capsys.readouterr().err
    assert grading_main(["grade", str(subs), "--out", str(out), "--quiet", "--force", "--jobs", "2"]) == 0
    assert "graded 4, skipped 0" in capsys.readouterr().err
    assert sorted(rows_of(out)) == sorted(set(rows_of(out))) and len(rows_of(out)) == expected


def test_grade_help_explains_the_default_timeout(capsys):
    with pytest.raises(SystemExit):
        grading_main(["grade", "--help"])
    text = " ".join(capsys.readouterr().out.split())
    assert "default: 30 s + 6 x the per-case time limit of each exercise in the notebook, at most 900 s" in text
    assert "that exercise's other cases are not run" in text and "--force" in text


def test_cli_rejects_bad_arguments(tmp_path):
    with pytest.raises(SystemExit):
        grading_main(["grade", str(tmp_path), "--out", str(tmp_path / "o"), "--jobs", "0"])
    with pytest.raises(FileNotFoundError, match="one folder per student"):
        grading_main(["grade", str(tmp_path / "nope"), "--out", str(tmp_path / "o")])


def test_killed_mid_batch_then_restarted_has_every_row_once(tmp_path):
    subs, out = tmp_path / "subs", tmp_path / "out"
    expected = make_class(subs, 4)
    cmd = [sys.executable, "-m", "nnlessons.instructor.grading", "grade", str(subs), "--out", str(out), "--quiet",
           "--timeout", "30"]
    scratch_before = set(Path(tempfile.gettempdir()).glob("nnlessons-grade-*"))
    proc = subprocess.Popen(cmd, cwd=REPO, start_new_session=True, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    db_path, done = out / "gradebook.sqlite", 0
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and proc.poll() is None:
        if db_path.exists():
            try:
                with sqlite3.connect(db_path, timeout=1) as db:
                    done = db.execute("SELECT COUNT(*) FROM submissions").fetchone()[0]
            except sqlite3.OperationalError:
                done = 0
            if done >= 2:
                break
        time.sleep(0.05)
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    assert 0 < done < 8, "the kill should land mid-batch"
    again = subprocess.run(cmd, cwd=REPO, capture_output=True, text=True, timeout=300)
    assert again.returncode == 0, again.stderr
    assert "skipped" in again.stderr
    rows = rows_of(out)
    assert len(rows) == len(set(rows)) == expected
    left = [d for d in set(Path(tempfile.gettempdir()).glob("nnlessons-grade-*")) - scratch_before
            if d.exists() and not _in_use(d)]
    assert not left, "the re-run must remove the killed grader's scratch folder"
    with sqlite3.connect(db_path) as db:
        assert db.execute("SELECT COUNT(*) FROM submissions").fetchone()[0] == 8
        assert db.execute("SELECT COUNT(*) FROM grades").fetchone()[0] == expected


def _in_use(scratch: Path) -> bool:
    """Whether a live grader (another test worker's) holds this scratch folder's lock."""
    try:
        fd = os.open(scratch / ".lock", os.O_RDONLY)
    except OSError:
        return False
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        return False
    except OSError:
        return True
    finally:
        os.close(fd)


def test_export_gradescope_zip(tmp_path):
    zpath = tmp_path / "autograder.zip"
    assert grading_main(["export-gradescope", "--out", str(zpath)]) == 0
    with zipfile.ZipFile(zpath) as zf:
        names = set(zf.namelist())
        assert {"setup.sh", "run_autograder", "source/pyproject.toml",
                "source/nnlessons/instructor/grading/batch.py"} <= names
        assert not any("__pycache__" in n or n.startswith("source/solutions") or n.endswith(".ipynb") for n in names)
        assert "heldout/digits_test.npz" in names
        run = zf.read("run_autograder").decode()
        assert "gradescope-run" in run and '"$AG/results/results.json"' in run
        assert 'AG="${AUTOGRADER_ROOT:-/autograder}"' in run and "NNLESSONS_HELDOUT" in run
        assert (zf.getinfo("run_autograder").external_attr >> 16) & 0o111


def test_gradescope_run_writes_results(tmp_path):
    submission = tmp_path / "submission"
    submission.mkdir()
    (submission / "ex12_convolution.ipynb").write_text(nbformat_text("ex12_convolution"))
    results = tmp_path / "results" / "results.json"
    assert grading_main(["gradescope-run", str(submission), str(results)]) == 0
    res = json.loads(results.read_text())
    assert res["score"] == pytest.approx(4.0)
    assert {t["name"] for t in res["tests"]} == {f"ex12_convolution: {n}" for n in real.NOTEBOOKS["ex12_convolution"]}


def nbformat_text(nb: str) -> str:
    return nbmake.nbformat.writes(nbmake.build(nb, real.sources(nb, "correct"), real=True))


def test_export_gradescope_bakes_the_accepted_weaker_sandbox_into_run_autograder(tmp_path):
    plain, weaker = tmp_path / "plain.zip", tmp_path / "weaker.zip"
    assert grading_main(["export-gradescope", "--out", str(plain)]) == 0
    assert grading_main(["export-gradescope", "--out", str(weaker), "--allow-weaker-sandbox", "filesystem",
                         "--allow-weaker-sandbox", "signals"]) == 0
    with zipfile.ZipFile(plain) as zf:
        assert 'ALLOW_WEAKER=""' in zf.read("run_autograder").decode()
    with zipfile.ZipFile(weaker) as zf:
        script = zf.read("run_autograder").decode()
    assert 'ALLOW_WEAKER="--allow-weaker-sandbox filesystem --allow-weaker-sandbox signals"' in script
