"""The zygote: a warm process (numpy and the child's modules imported) that forks one
fresh child per submission, so no submission pays for interpreter start-up.

Started by `pool.start_zygotes` as ``python -I -c BOOT <package dir> <socket fd>...``:
with several sockets, the process warms up once and then forks a copy of itself per
extra socket (a sibling: its own session; it outlives the first zygote and ends, like
every zygote, when the grader closes its socket), so a pool of N zygotes pays for one
interpreter start-up. Each serves its own socket and first says
``{"ready": true, "pid": its pid}``. Protocol on a unix socket, one request at a time:

The socket is SOCK_SEQPACKET, so every send is one message. parent -> zygote: JSON
``{"workdir", "confinement"}`` sent with two file descriptors (the request
pipe's read end, the result pipe's write end); zygote -> parent: ``{"pid": pid}`` once
forked, and, whenever a child ends (possibly after the next request was served),
``{"pid": pid, "exit": code}`` or ``{"pid": pid, "signal": number}``.

The zygote never runs learner code and never imports the exercise registry or a
reference implementation: a child inherits its memory.
"""
from __future__ import annotations

import gc
import json
import os
import select
import signal
import socket
import sys
import time

__all__ = ["BOOT", "main"]

BOOT = ("import sys; sys.path.insert(0, sys.argv[1]); "
        "from nnlessons.instructor.grading.sandbox.zygote import main; main(*map(int, sys.argv[2:]))")


def _preload() -> None:
    """Import what children need, so they start warm."""
    import numpy  # noqa: F401

    from . import apply, child, confine, namespaces, policy, privileges, rootfs  # noqa: F401

    try:
        import landlock  # noqa: F401
        from landlock import plumbing

        plumbing.get_add_rule()
    except Exception:  # noqa: BLE001 (reported by the child as "off")
        pass
    confine.warm()


def _die_with_parent() -> None:
    """Ask the kernel to kill the zygote if the grader dies (Linux; best effort)."""
    try:
        import ctypes
        import signal

        ctypes.CDLL(None).prctl(1, int(signal.SIGKILL), 0, 0, 0)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


def _status(pid: int, wait_status: int) -> dict:
    if os.WIFSIGNALED(wait_status):
        return {"pid": pid, "signal": os.WTERMSIG(wait_status)}
    return {"pid": pid, "exit": os.waitstatus_to_exitcode(wait_status)}


def _serve_one(sock: socket.socket, msg: bytes, fds: list[int]) -> None:
    """Fork one child for a request and say its pid (its end is reported by `_reap`)."""
    from .apply import private_view
    from .child import child_main

    params = json.loads(msg)
    if len(fds) != 2:
        for fd in fds:
            os.close(fd)
        sock.send(b'{"error": "expected two file descriptors"}')
        return
    try:
        private_view(tuple(params["confinement"]["forbidden"]))  # once per batch; the child inherits it
    except Exception:  # noqa: BLE001 (the child computes it again and reports what fails)
        pass
    pid = os.fork()
    if pid == 0:
        try:
            signal.set_wakeup_fd(-1)
            signal.signal(signal.SIGCHLD, signal.SIG_DFL)
            sock.close()
            child_main(params, fds[0], fds[1])
        finally:
            os._exit(71)
    for fd in fds:
        os.close(fd)
    sock.send(json.dumps({"pid": pid}).encode())


def _reap(sock: socket.socket) -> None:
    """Report every child that ended."""
    while True:
        try:
            pid, wait_status = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return
        if pid == 0:
            return
        try:
            sock.send(json.dumps(_status(pid, wait_status)).encode())
        except OSError:  # the grader closed the socket (a sibling ended with the pool)
            return


def _fork_siblings(sock_fd: int, sibling_fds: tuple[int, ...]) -> tuple[int, list[int]]:
    """Fork one warm copy per extra socket; returns (the socket this process serves, the
    siblings' pids: none in a sibling). A sibling has its own session (the grader can
    kill it alone) and outlives the first zygote, so that replacing one never ends
    another's run; like every zygote, it ends when the grader closes its socket."""
    pids = []
    for i, fd in enumerate(sibling_fds):
        pid = os.fork()
        if pid == 0:
            for other in (sock_fd, *sibling_fds[i + 1:]):  # (the earlier ones are closed already)
                os.close(other)
            os.setsid()
            return fd, []
        os.close(fd)
        pids.append(pid)
    return sock_fd, pids


def _wait_for(pids: list[int], seconds: float) -> None:
    """Reap the siblings as they end with the pool (so none is left to the system's init);
    after `seconds`, leave the rest (the grader kills a sibling that does not end)."""
    deadline = time.monotonic() + seconds
    left = set(pids)
    while left and time.monotonic() < deadline:
        for pid in list(left):
            try:
                if os.waitpid(pid, os.WNOHANG)[0]:
                    left.discard(pid)
            except ChildProcessError:
                left.discard(pid)
        if left:
            time.sleep(0.005)


def main(sock_fd: int, *sibling_fds: int) -> None:
    """Warm up, fork a sibling per extra socket, then serve fork requests until the
    parent closes the socket. A zygote does not wait for a child to end before serving
    the next request: a child's namespaces are torn down while the next one starts."""
    _die_with_parent()
    _preload()
    gc.freeze()  # what is loaded now is never collected: a child's collections do not copy its pages
    fd, siblings = _fork_siblings(sock_fd, sibling_fds)
    sock = socket.socket(fileno=fd)
    wake_r, wake_w = os.pipe()
    os.set_blocking(wake_r, False)
    os.set_blocking(wake_w, False)
    signal.set_wakeup_fd(wake_w)
    signal.signal(signal.SIGCHLD, lambda *_: None)
    sock.send(json.dumps({"ready": True, "pid": os.getpid()}).encode())
    while True:
        ready, _, _ = select.select([sock, wake_r], [], [])
        if wake_r in ready:
            while True:
                try:
                    if not os.read(wake_r, 512):
                        break
                except BlockingIOError:
                    break
            _reap(sock)
        if sock in ready:
            try:
                msg, fds, _flags, _addr = socket.recv_fds(sock, 1 << 16, 4)
            except OSError:
                break
            if not msg:
                break
            _serve_one(sock, msg, fds)
    signal.signal(signal.SIGCHLD, signal.SIG_DFL)
    _wait_for(siblings, 2.0)
    sys.stderr.flush()
    os._exit(0)  # nothing to tear down: skipping the interpreter's finalisation makes closing the pool quick
