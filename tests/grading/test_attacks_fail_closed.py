"""Attack class 2: the sandbox fails closed.

Grading refuses to start unless filesystem confinement and signal isolation hold
(``--allow-weaker-sandbox`` lets an instructor accept less, and the summary says so
loudly); a layer missing on the kernel (simulated with ``Options.simulate_missing``)
is covered by the others; a zygote that stops answering is replaced, not reused.
"""
from __future__ import annotations

import os
import signal
import time
from pathlib import Path

import pytest

from nnlessons.instructor.grading.batch import SandboxRefused
from nnlessons.instructor.grading.grade import build_request
from nnlessons.instructor.grading.sandbox.apply import Confinement
from nnlessons.instructor.grading.sandbox.pool import ZygotePool
from submissions import nbmake, standin
from submissions.attack import EX03, NAMES, assert_control_passed, grade, notebook, probe

REPO = Path(__file__).resolve().parents[2]


def test_refuses_to_grade_without_filesystem_confinement(tmp_path):
    with pytest.raises(SandboxRefused) as info:
        grade(tmp_path, {"ann": {f"{EX03}.ipynb": notebook()}}, simulate_missing=("mount", "landlock"))
    text = str(info.value)
    assert "filesystem" in text and "--allow-weaker-sandbox filesystem" in text
    assert not (tmp_path / "out" / "grades.csv").exists(), "nothing may be graded"


def test_refuses_to_grade_without_signal_isolation(tmp_path):
    with pytest.raises(SandboxRefused, match="signals"):
        grade(tmp_path, {"ann": {f"{EX03}.ipynb": notebook()}}, simulate_missing=("pid", "landlock-scopes", "uid"))


def test_weaker_sandbox_only_when_asked_and_said_loudly(tmp_path):
    rows, summary, _ = grade(tmp_path, {"ann": {f"{EX03}.ipynb": notebook()}},
                             simulate_missing=("pid", "landlock-scopes", "uid"),
                             allow_weaker_sandbox=("signals",))
    assert_control_passed(rows)
    text = summary.text()
    assert "WEAKER SANDBOX" in text and "signals" in text and "--allow-weaker-sandbox" in text


def test_without_landlock_the_held_out_data_stays_unreadable(tmp_path):
    """As on a kernel without Landlock: the mount namespace alone keeps the held-out
    digits, the answer key and the other students out of reach."""
    secrets = [str(REPO / "solutions" / "data" / "digits_test.npz"), str(REPO / "nnlessons" / "instructor" / "hidden.py"),
               str(tmp_path / "subs" / "zz_control" / f"{EX03}.ipynb")]
    read = ("for p in " + repr(secrets) + ":\n    try:\n        open(p, 'rb').read(1)\n        leaks.append(p)\n"
            "    except OSError:\n        pass")
    rows, summary, _ = grade(tmp_path, {"mallory": {f"{EX03}.ipynb": notebook({"relu": probe("relu", read)})}},
                             simulate_missing=("landlock", "landlock-scopes"))
    assert rows[("mallory", EX03, "relu")]["status"] == "passed"
    assert_control_passed(rows)
    assert "landlock" in summary.text()


def test_sigstop_to_the_zygote_cannot_stall_the_batch(tmp_path):
    """Without Landlock's signal scoping (an ABI 5 kernel), a submission that stops its
    parent, its process group or every process it can signal does not hurt the students
    graded after it."""
    stop = ("import os, signal\nfor pid in (os.getppid(), -os.getpgrp(), -1, 1):\n    try:\n"
            "        os.kill(pid, signal.SIGSTOP)\n    except OSError:\n        pass")
    students = {"aa_stopper": {f"{EX03}.ipynb": notebook(before=[stop])},
                "bb_honest": {f"{EX03}.ipynb": notebook()}, "cc_honest": {f"{EX03}.ipynb": notebook()}}
    rows, summary, _ = grade(tmp_path, students, simulate_missing=("landlock", "landlock-scopes"))
    for student in ("bb_honest", "cc_honest"):
        for n in NAMES:
            assert rows[(student, EX03, n)]["status"] == "passed", rows[(student, EX03, n)]
    assert_control_passed(rows)


def test_a_zygote_that_stops_answering_is_replaced(tmp_path):
    course = standin.course()
    sources = nbmake.build(EX03, nbmake.CORRECT)
    cells = [c.source for c in sources.cells if c.cell_type == "code" and "check(" not in c.source]
    cases = {n: standin.hidden_cases(n, 1) for n in NAMES}
    request = build_request(course, EX03, cells, cases, cell_budget=5.0)
    with ZygotePool(1) as pool:
        stuck = pool._all[0]
        os.kill(stuck.proc.pid, signal.SIGSTOP)
        for _ in range(100):  # until the kernel shows it stopped
            if not stuck.healthy():
                break
            time.sleep(0.02)
        try:
            run = pool.run(request, Confinement(), wall=10.0, max_bytes=10_000_000)
        finally:
            try:
                os.kill(stuck.proc.pid, signal.SIGCONT)
            except ProcessLookupError:
                pass  # replaced: killed and reaped
        assert stuck not in pool._all, "the stopped zygote must be replaced"
        assert run.ended == "done" and set(run.results) == set(NAMES), run


def test_without_the_mount_namespace_landlock_keeps_the_repository_out(tmp_path):
    """Landlock alone: the repository checkout (its .git history, the notebooks) is not
    readable, only the interpreter's folders inside it."""
    look = ("for p in " + repr([str(REPO / ".git"), str(REPO / "README.md"), str(REPO / "notebooks")]) + ":\n"
            "    try:\n        os.listdir(p) if os.path.isdir(p) else open(p, 'rb').read(1)\n        leaks.append(p)\n"
            "    except OSError:\n        pass")
    rows, _, _ = grade(tmp_path, {"mallory": {f"{EX03}.ipynb": notebook({"relu": probe("relu", "import os\n" + look)})}},
                       simulate_missing=("mount",))
    assert rows[("mallory", EX03, "relu")]["status"] == "passed", rows[("mallory", EX03, "relu")]


def test_a_zygote_that_cannot_start_is_a_clear_error(monkeypatch):
    from nnlessons.instructor.grading.sandbox import pool as pool_module

    monkeypatch.setattr(pool_module, "BOOT", "import sys; sys.stderr.write('no numpy here'); sys.exit(3)")
    with pytest.raises(pool_module.SandboxError, match="did not start: no numpy here"):
        ZygotePool(1)
    started = ZygotePool(1, wait=False)  # grading starts it early; the first run finds out
    try:
        with pytest.raises(pool_module.SandboxError, match="no numpy here"):
            started.check(Confinement())
    finally:
        started.close()


def test_a_pool_started_without_waiting_runs_on_each_zygote_once_ready(tmp_path):
    course = standin.course()
    sources = nbmake.build(EX03, nbmake.CORRECT)
    cells = [c.source for c in sources.cells if c.cell_type == "code" and "check(" not in c.source]
    request = build_request(course, EX03, cells, {n: standin.hidden_cases(n, 1) for n in NAMES}, cell_budget=5.0)
    with ZygotePool(2, wait=False) as pool:
        runs = [pool.run(request, Confinement(), wall=10.0, max_bytes=10_000_000) for _ in range(3)]
        pool.wait_ready()
        assert pool.replaced == 0 and pool._free.qsize() == 2, "both slots started, none was lost"
    assert all(r.ended == "done" and set(r.results) == set(NAMES) for r in runs), runs


def _ex03_request():
    sources = nbmake.build(EX03, nbmake.CORRECT)
    cells = [c.source for c in sources.cells if c.cell_type == "code" and "check(" not in c.source]
    return build_request(standin.course(), EX03, cells, {n: standin.hidden_cases(n, 1) for n in NAMES},
                         cell_budget=5.0)


def _gone(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat", "rb") as fh:
            return fh.read().rsplit(b")", 1)[1].split()[0] in (b"Z", b"X")
    except FileNotFoundError:
        return True


def test_one_start_warms_every_zygote_and_replacing_one_spares_the_others():
    """The second zygote is a warm copy of the first (one interpreter start for the
    pool); killing the first, or stopping the copy, replaces that one alone."""
    request = _ex03_request()
    with ZygotePool(2) as pool:
        first, copy = pool._all
        assert copy.proc.pid not in (0, first.proc.pid) and first.healthy() and copy.healthy()
        assert open(f"/proc/{copy.proc.pid}/stat").read().rsplit(")", 1)[1].split()[1] == str(first.proc.pid), \
            "the copy is forked by the first zygote"
        os.kill(first.proc.pid, signal.SIGKILL)
        first.proc.wait(timeout=5)
        assert copy.healthy(), "the copy outlives the first zygote"
        runs = [pool.run(request, Confinement(), wall=10.0, max_bytes=10_000_000) for _ in range(2)]
        os.kill(copy.proc.pid, signal.SIGSTOP)
        for _ in range(100):
            if not copy.healthy():
                break
            time.sleep(0.02)
        runs += [pool.run(request, Confinement(), wall=10.0, max_bytes=10_000_000) for _ in range(2)]
        assert first not in pool._all and copy not in pool._all and pool.replaced == 2
        assert _gone(copy.proc.pid), "a stopped copy is killed when replaced"
        pids = [z.proc.pid for z in pool._all]
    assert all(r.ended == "done" and set(r.results) == set(NAMES) for r in runs), runs
    for _ in range(100):
        if all(_gone(p) for p in pids):
            break
        time.sleep(0.02)
    assert all(_gone(p) for p in pids), "closing the pool ends every zygote"


def test_closing_a_pool_ends_the_copies_too():
    pool = ZygotePool(3)
    pids = [z.proc.pid for z in pool._all]
    assert len(set(pids)) == 3
    pool.close()
    assert all(_gone(p) for p in pids), [open(f"/proc/{p}/status").read()[:200] for p in pids if not _gone(p)]
