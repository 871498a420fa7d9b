"""Attack class 1: the sandbox must not change, or look at, anything outside it.

Each attack is a submission graded next to an honest control student. The child sees
only the interpreter, its libraries and its own working directory, may not change
file metadata, may not talk to a host unix socket, and never runs as root.
"""
from __future__ import annotations

import os
import shutil
import socket
import stat
import threading
from pathlib import Path

import pytest

from nnlessons.instructor.grading.gradebook import Gradebook
from submissions import nbmake
from submissions.attack import CONTROL, EX03, assert_control_passed, grade, notebook, probe

REPO = Path(__file__).resolve().parents[2]


def _fingerprint(path: Path) -> tuple:
    st = os.stat(path)
    try:
        xattrs = tuple(os.listxattr(path))
    except OSError:
        xattrs = ()
    return stat.S_IMODE(st.st_mode), st.st_uid, st.st_gid, st.st_mtime_ns, xattrs


def test_metadata_of_host_files_cannot_be_changed(tmp_path):
    """chmod (a setuid bit on a root-owned binary, mode 000 on the gradebook and on
    another student's submission), chown, utime and setxattr all fail."""
    tool = tmp_path / "tool"
    shutil.copy("/bin/true", tool)
    tool.chmod(0o755)
    control = tmp_path / "subs" / "zz_control" / f"{EX03}.ipynb"
    gradebook = tmp_path / "out" / "gradebook.sqlite"
    targets = [str(tool), str(control), str(gradebook)]
    attack = ("import os\nfor p, mode in zip(" + repr(targets) + ", (0o4755, 0, 0)):\n"
              "    for act in (lambda: os.chmod(p, mode), lambda: os.chown(p, 65534, 65534),\n"
              "                lambda: os.utime(p, (0, 0)), lambda: os.setxattr(p, 'user.pwned', b'1'),\n"
              "                lambda: os.truncate(p, 0)):\n"
              "        try:\n            act()\n        except Exception:\n            pass")
    nbmake.write(tmp_path / "subs", CONTROL, f"{EX03}.ipynb", notebook())  # before the attacker runs
    (tmp_path / "out").mkdir()
    Gradebook(gradebook).close()
    before = {p: _fingerprint(Path(p)) for p in targets}
    rows, _, _ = grade(tmp_path, {"aa_attacker": {f"{EX03}.ipynb": notebook(before=[attack])}}, control=False)
    for p in targets:  # the grader itself writes the gradebook: its mtime may change, nothing else
        assert _fingerprint(Path(p))[:3] == before[p][:3] and _fingerprint(Path(p))[4] == before[p][4], f"{p} changed"
        if p != str(gradebook):
            assert _fingerprint(Path(p)) == before[p], f"{p} changed"
    assert_control_passed(rows)


def test_host_unix_socket_is_unreachable(tmp_path):
    """A service listening on a pathname (or abstract) unix socket of the host never
    hears from a submission, so it cannot be sent the hidden inputs."""
    heard: list[bytes] = []
    servers = []
    path = str(tmp_path / "service.sock")
    for address in (path, "\0nnlessons-test-" + tmp_path.name):
        srv = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        srv.bind(address)
        srv.listen(8)
        srv.settimeout(0.2)
        servers.append(srv)
    stop = threading.Event()

    def serve(srv):
        while not stop.is_set():
            try:
                conn, _ = srv.accept()
            except OSError:
                continue
            with conn:
                heard.append(conn.recv(1 << 16) or b"(connected)")

    threads = [threading.Thread(target=serve, args=(s,), daemon=True) for s in servers]
    for t in threads:
        t.start()
    send = ("import socket\nfor a in " + repr([path, "\0nnlessons-test-" + tmp_path.name]) + ":\n"
            "    try:\n        s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)\n"
            "        s.connect(a)\n        s.sendall(repr(np.asarray(z).tolist()).encode())\n"
            "        leaks.append(a)\n    except OSError:\n        pass")
    try:
        rows, _, _ = grade(tmp_path, {"mallory": {f"{EX03}.ipynb": notebook({"relu": probe("relu", send)})}})
    finally:
        stop.set()
        for t in threads:
            t.join()
        for s in servers:
            s.close()
    assert heard == []
    assert rows[("mallory", EX03, "relu")]["status"] == "passed"
    assert_control_passed(rows)


def test_other_students_files_and_the_grader_are_invisible(tmp_path):
    """No stat, listing or open of another student's file, the output folder, the
    course repository or the held-out data; nothing of the host's root."""
    control = tmp_path / "subs" / "zz_control" / f"{EX03}.ipynb"
    paths = [str(control), str(tmp_path / "subs"), str(tmp_path / "out"), str(REPO / "nnlessons"), str(REPO / "solutions"),
             str(REPO / "solutions" / "data" / "digits_test.npz"), "/etc/passwd", "/proc/1/environ"]
    # the host's /tmp: never listable (it exists in the private root only as a closed folder
    # on the way to the interpreter, when the checkout and its .venv live under /tmp)
    look = ("import os\nfor p in " + repr(paths) + ":\n    try:\n        os.stat(p)\n"
            "        leaks.append(p)\n    except OSError:\n        pass\n"
            "try:\n    os.listdir('/tmp')\n    leaks.append('/tmp')\nexcept OSError:\n    pass\n"
            "try:\n    if set(os.listdir('/')) - {'usr', 'lib', 'lib64', 'bin', 'dev', 'etc', 'home', 'root', 'work', "
            "'tmp', 'opt', 'sbin'}:\n        leaks.append('/')\nexcept OSError:\n    pass")
    rows, _, _ = grade(tmp_path, {"mallory": {f"{EX03}.ipynb": notebook({"relu": probe("relu", look)})}})
    assert rows[("mallory", EX03, "relu")]["status"] == "passed", rows[("mallory", EX03, "relu")]
    assert_control_passed(rows)


@pytest.mark.skipif(os.geteuid() != 0, reason="the grader drops root only when it has it")
def test_child_of_a_root_grader_is_not_root(tmp_path):
    """Grading as root: the learner's code runs with an unprivileged uid and gid, no
    supplementary groups and no capabilities."""
    check = ("import os\nif 0 in (os.getuid(), os.geteuid(), os.getgid(), os.getegid()) or os.getgroups():\n"
             "    leaks.append('root')\ntry:\n    caps = [l for l in open('/proc/self/status') if l.startswith('CapEff')]\n"
             "    if caps and int(caps[0].split()[1], 16):\n        leaks.append('caps')\nexcept OSError:\n    pass")
    rows, summary, _ = grade(tmp_path, {"mallory": {f"{EX03}.ipynb": notebook({"relu": probe("relu", check)})}})
    assert rows[("mallory", EX03, "relu")]["status"] == "passed"
    assert summary.protections.get("uid") == "on", summary.protections
    assert_control_passed(rows)
