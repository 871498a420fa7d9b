"""Evaluation of a child's outcomes in a process of its own, under a memory limit.

A learner's outputs are plain data, but judging them runs numpy on them: a returned
net half a million units wide needs gigabytes for one forward pass. So the grading
process never decodes or judges them itself: `Evaluator` is a small fork server,
forked from the grading process before it starts any thread (it has the course), and
each evaluation is one worker forked from it, with RLIMIT_AS (its current size plus
`memory_mb`) and RLIMIT_CPU, that reads the cases and the child's RunResult (pickled
by the grading process: trusted data one way), runs `grade.rows_for_run`, and answers
with JSON rows (plain data the other way). A worker that runs out of memory, crashes
or takes too long costs that submission an error row, never the batch.
"""
from __future__ import annotations

import json
import os
import pickle
import resource
import select
import signal
import socket
import threading
import time
from dataclasses import asdict

from .course import Course

__all__ = ["EvaluationError", "Evaluator"]


class EvaluationError(RuntimeError):
    """An evaluation did not finish (out of memory, crashed, too slow)."""


def _read_all(fd: int) -> bytes:
    chunks = []
    while True:
        chunk = os.read(fd, 1 << 20)
        if not chunk:
            return b"".join(chunks)
        chunks.append(chunk)


def _vsize() -> int:
    with open("/proc/self/statm") as fh:
        return int(fh.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")


def _work(course: Course, req_fd: int, res_fd: int, memory_mb: int, cpu_seconds: int) -> None:
    """In a worker: evaluate one submission and write its rows as JSON."""
    from .grade import rows_for_run

    try:
        limit = _vsize() + memory_mb * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    except (OSError, ValueError):
        pass
    resource.setrlimit(resource.RLIMIT_CPU, (cpu_seconds, cpu_seconds))
    payload = pickle.loads(_read_all(req_fd))  # noqa: S301 (written by the grading process)
    rows = rows_for_run(course, payload["student"], payload["notebook"], payload["cases"], payload["run"])
    data = json.dumps([asdict(r) for r in rows]).encode()
    view = memoryview(data)
    while view:
        view = view[os.write(res_fd, view):]


def _serve(sock: socket.socket, course: Course, memory_mb: int, cpu_seconds: int) -> None:
    """The fork server's loop: one worker per request, until the socket closes."""
    import ctypes

    ctypes.CDLL(None).prctl(1, int(signal.SIGKILL), 0, 0, 0)  # PR_SET_PDEATHSIG: die with the grader
    signal.signal(signal.SIGCHLD, signal.SIG_IGN)  # workers are reaped by the kernel
    while True:
        try:
            msg, fds, _flags, _addr = socket.recv_fds(sock, 16, 2)
        except OSError:
            return
        if not msg or len(fds) != 2:
            return
        pid = os.fork()
        if pid == 0:
            code = 0
            try:
                sock.close()
                _work(course, fds[0], fds[1], memory_mb, cpu_seconds)
            except BaseException:  # noqa: BLE001 (the parent sees no answer and says so)
                code = 70
            finally:
                os._exit(code)
        for fd in fds:
            os.close(fd)
        sock.send(str(pid).encode())


class Evaluator:
    """The fork server (see the module docstring); `rows(...)` evaluates one submission."""

    def __init__(self, course: Course, memory_mb: int = 1024, cpu_seconds: int = 300):
        self.memory_mb = memory_mb
        self._lock = threading.Lock()
        self.sock, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET)
        self.pid = os.fork()
        if self.pid == 0:
            try:
                self.sock.close()
                _serve(theirs, course, memory_mb, cpu_seconds)
            finally:
                os._exit(0)
        theirs.close()

    def rows(self, student: str, notebook: str, cases: dict, run, timeout: float = 300.0) -> list[dict]:
        """Plain rows (the fields of `grade.Row`) for one run; EvaluationError if the
        worker ran out of memory, crashed or took more than `timeout` seconds."""
        payload = pickle.dumps({"student": student, "notebook": notebook, "cases": cases, "run": run})
        req_r, req_w = os.pipe()
        res_r, res_w = os.pipe()
        try:
            with self._lock:
                socket.send_fds(self.sock, [b"go"], [req_r, res_w])
                ready, _, _ = select.select([self.sock], [], [], 30)
                answer = self.sock.recv(32) if ready else b""
        finally:
            os.close(req_r)
            os.close(res_w)
        if not answer:
            os.close(req_w)
            os.close(res_r)
            raise EvaluationError("the grader's evaluation process did not answer")
        pid = int(answer)
        writer = threading.Thread(target=self._write, args=(req_w, payload), daemon=True)
        writer.start()
        try:
            data = self._read(res_r, time.monotonic() + timeout, pid)
        finally:
            os.close(res_r)
            writer.join()
        try:
            return json.loads(data)
        except ValueError:
            raise EvaluationError(f"evaluating the output needed more than the {self.memory_mb} MB of memory "
                                  "the grader allows, or crashed") from None

    @staticmethod
    def _write(fd: int, data: bytes) -> None:
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view):]
        except OSError:
            pass
        finally:
            os.close(fd)

    @staticmethod
    def _read(fd: int, deadline: float, pid: int) -> bytes:
        chunks = []
        while True:
            left = deadline - time.monotonic()
            ready, _, _ = select.select([fd], [], [], max(left, 0))
            if not ready:
                try:
                    os.kill(pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass
                raise EvaluationError("evaluating the output took too long")
            chunk = os.read(fd, 1 << 20)
            if not chunk:
                return b"".join(chunks)
            chunks.append(chunk)

    def close(self) -> None:
        """Stop the fork server."""
        self.sock.close()
        try:
            os.waitpid(self.pid, 0)
        except ChildProcessError:
            pass
