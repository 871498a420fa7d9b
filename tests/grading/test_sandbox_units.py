"""Unit tests of the sandbox's pieces: the user-namespace path a non-root grader takes,
the result channel's state machine, the fail-closed policy, the scratch folder of a
killed grader, and progress output in a log."""
from __future__ import annotations

import ctypes
import fcntl
import io
import json
import os
import tempfile

import pytest

from nnlessons.instructor.grading.batch import Progress
from nnlessons.instructor.grading.sandbox import apply, policy
from nnlessons.instructor.grading.sandbox import zygote as _zygote
from nnlessons.instructor.grading.sandbox.pool import SCRATCH_PREFIX, clean_stale_scratch
from nnlessons.instructor.grading.sandbox.protocol import Protocol, ProtocolError

NOBODY = 65534


@pytest.mark.skipif(os.geteuid() != 0, reason="emulates a non-root grader by dropping root")
def test_a_non_root_grader_confines_through_a_user_namespace(tmp_path):
    """Every protection holds without root: mount, PID and network namespaces inside a
    user namespace, Landlock, seccomp; no host file is visible, chmod is refused."""
    _zygote._preload()  # what a child finds already imported: nothing can be imported once confined
    work = tmp_path / "w"
    work.mkdir()
    os.chown(work, NOBODY, NOBODY)
    r, w = os.pipe()
    pid = os.fork()
    if pid == 0:
        report = {}
        try:
            os.setgroups([])
            os.setresgid(NOBODY, NOBODY, NOBODY)
            os.setresuid(NOBODY, NOBODY, NOBODY)
            ctypes.CDLL(None).prctl(4, 1, 0, 0, 0)  # dumpable again, like any process a user starts
            conf = apply.Confinement()
            status, mode, workdir = apply.prepare(conf, str(work))
            child = os.fork() if status.get("pid") == "on" else 0
            if child:
                os.close(w)
                os.waitpid(child, 0)
                os._exit(0)
            report = {"mode": mode, "layers": apply.finish(conf, status, mode, workdir), "leaks": []}
            for path in (str(tmp_path), "/etc/passwd", "/proc/self/status"):
                try:
                    os.stat(path)
                    report["leaks"].append(path)
                except OSError:
                    pass
            try:
                os.chmod(".", 0o777)
                report["leaks"].append("chmod")
            except OSError:
                pass
        except BaseException as exc:  # noqa: BLE001 (reported to the test)
            report = {"error": repr(exc)}
        os.write(w, json.dumps(report).encode())
        os._exit(0)
    os.close(w)
    with os.fdopen(r) as fh:
        report = json.loads(fh.read())
    os.waitpid(pid, 0)
    assert "error" not in report, report
    assert report["mode"] == "user" and report["leaks"] == []
    layers = report["layers"]
    assert all(layers[k] == "on" for k in ("mount", "pid", "net", "landlock", "seccomp")), layers
    assert layers["uid"].startswith("off: the grader does not run as root")
    assert policy.missing(layers) == []


def _feed(msgs, exercises=(("relu", 2),)):
    proto = Protocol(list(exercises))
    for m in msgs:
        proto.feed(m)
    return proto


READY = {"type": "ready", "protections": {"mount": "on"}}
CELLS = {"type": "cells", "errors": [{"cell": 2, "error": "bad \ud800\x1b[2J"}]}
OUTCOMES = [{"status": "ok", "value": 1.0}, {"status": "error", "error": "E" * 50_000}]


def test_protocol_accepts_only_the_one_sequence():
    proto = _feed([READY, CELLS, {"type": "begin", "exercise": "relu"},
                   {"type": "result", "exercise": "relu", "outcomes": OUTCOMES}, {"type": "done"}])
    assert proto.state == "done"
    assert proto.result.cell_errors[0]["error"] == "bad \ufffd[2J"
    assert len(proto.result.results["relu"]["outcomes"][1]["error"]) < 2_100
    for bad in ([READY, READY], [CELLS], [READY, CELLS, {"type": "done"}], [READY, CELLS, {"type": "result"}],
                [READY, CELLS, {"type": "begin", "exercise": "sigmoid"}],
                [READY, CELLS, {"type": "begin", "exercise": "relu"},
                 {"type": "result", "exercise": "relu", "outcomes": OUTCOMES[:1]}],
                [READY, {"type": "cells", "errors": [{"cell": "1", "error": ""}]}],
                [{"type": "ready", "protections": ["on"]}]):
        with pytest.raises(ProtocolError):
            _feed(bad)


def test_a_violation_discards_everything_the_run_sent():
    proto = _feed([READY, CELLS, {"type": "begin", "exercise": "relu"},
                   {"type": "result", "exercise": "relu", "outcomes": OUTCOMES}])
    proto.violated("an unexpected 'result' message")
    assert proto.result.results == {} and proto.result.ended == "output"
    assert "grades nothing from this run" in proto.result.detail


def test_policy_requires_every_protection_unless_allowed():
    on = {layer: "on" for layer in policy.LAYERS}
    assert policy.missing(on) == []
    no_fs = {**on, "mount": "off: x", "landlock": "off: y"}
    assert policy.missing(no_fs) == ["filesystem"]
    assert policy.missing(no_fs, ("filesystem",)) == [] and policy.missing(no_fs, ("all",)) == []
    assert policy.missing({**on, "pid": "off", "landlock-scopes": "off"}) == []  # the uid isolates signals
    assert policy.missing({**on, "seccomp": "off: no"}) == ["syscalls"]
    assert policy.unknown(["filesystem", "all", "landlock"]) == ["landlock"]


def test_a_killed_graders_scratch_folder_is_removed_and_a_live_one_kept(tmp_path):
    dead = tempfile.mkdtemp(prefix=SCRATCH_PREFIX, dir=tmp_path)
    open(os.path.join(dead, ".lock"), "w").close()
    live = tempfile.mkdtemp(prefix=SCRATCH_PREFIX, dir=tmp_path)
    fd = os.open(os.path.join(live, ".lock"), os.O_RDWR | os.O_CREAT)
    fcntl.flock(fd, fcntl.LOCK_EX)
    try:
        assert clean_stale_scratch(str(tmp_path)) == 1
        assert not os.path.exists(dead) and os.path.exists(live)
    finally:
        os.close(fd)


def test_progress_in_a_log_is_a_few_lines():
    log = io.StringIO()
    bar = Progress(2000, stream=log)
    for _ in range(2000):
        bar.step()
    bar.close()
    lines = log.getvalue().splitlines()
    assert 5 <= len(lines) <= 12 and lines[-1] == "grading: 2000/2000 files" and "\r" not in log.getvalue()
