"""Evaluation of a child's outcomes in a process of its own, under a memory limit.

A learner's outputs are plain data, but judging them runs numpy on them: a returned
net half a million units wide needs gigabytes for one forward pass. So the grading
process never decodes or judges them itself: `Evaluator` is a small fork server,
forked from the grading process before it starts any thread (it has the course), that
forks workers with RLIMIT_AS (their size when forked plus `memory_mb`). A worker
serves one evaluation at a time: it reads the cases and the child's RunResult (pickled
by the grading process: trusted data one way), runs `grade.rows_for_run` (a
MemoryError there is that exercise's error row) and answers with JSON rows (plain data
the other way). A worker that crashes or takes too long is killed and replaced, and
costs that submission an error row, never the batch.
"""
from __future__ import annotations

import gc
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


def _vsize() -> int:
    with open("/proc/self/statm") as fh:
        return int(fh.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")


def _read_exactly(fd: int, n: int, deadline: float | None = None) -> bytes:
    """`n` bytes from `fd` (EOFError if it closes first; EvaluationError past `deadline`,
    a time.monotonic() value, when given)."""
    chunks, left = [], n
    while left:
        if deadline is not None:
            ready, _, _ = select.select([fd], [], [], max(deadline - time.monotonic(), 0))
            if not ready:
                raise EvaluationError("evaluating the output took too long")
        chunk = os.read(fd, min(left, 1 << 20))
        if not chunk:
            raise EOFError
        chunks.append(chunk)
        left -= len(chunk)
    return b"".join(chunks)


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view):]


def _work(course: Course, req_fd: int, res_fd: int, memory_mb: int) -> None:
    """A worker: evaluate requests (length-prefixed pickles) until the pipe closes,
    answering each with length-prefixed JSON rows."""
    from .grade import rows_for_run

    try:
        limit = _vsize() + memory_mb * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    except (OSError, ValueError):
        pass
    while True:
        try:
            size = int.from_bytes(_read_exactly(req_fd, 8), "big")
            payload = pickle.loads(_read_exactly(req_fd, size))  # noqa: S301 (the grading process wrote it)
        except EOFError:
            return
        rows = rows_for_run(course, payload["student"], payload["notebook"], payload["cases"], payload["run"],
                            payload["names"])
        data = json.dumps([asdict(r) for r in rows]).encode()
        _write_all(res_fd, len(data).to_bytes(8, "big") + data)


def _keep_only(fd: int) -> None:
    """Close every file descriptor but stdin/out/err and `fd` (in the fork server: what the
    grading process had open is not its to hold)."""
    os.closerange(3, fd)
    os.closerange(fd + 1, os.sysconf("SC_OPEN_MAX"))


def _serve(sock: socket.socket, course: Course, memory_mb: int) -> None:
    """The fork server's loop: one worker per request, until the socket closes."""
    import ctypes

    ctypes.CDLL(None).prctl(1, int(signal.SIGKILL), 0, 0, 0)  # PR_SET_PDEATHSIG: die with the grader
    signal.signal(signal.SIGCHLD, signal.SIG_IGN)  # workers are reaped by the kernel
    gc.freeze()  # the course is never collected: a worker's collections do not copy its pages
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
                signal.signal(signal.SIGCHLD, signal.SIG_DFL)
                ctypes.CDLL(None).prctl(1, int(signal.SIGKILL), 0, 0, 0)
                _work(course, fds[0], fds[1], memory_mb)
            except BaseException:  # noqa: BLE001 (the parent sees no answer and says so)
                code = 70
            finally:
                os._exit(code)
        for fd in fds:
            os.close(fd)
        sock.send(str(pid).encode())


class _Worker:
    """The grading process's end of one worker: its pid and pipes."""

    def __init__(self, pid: int, req_w: int, res_r: int):
        self.pid, self.req_w, self.res_r = pid, req_w, res_r

    def kill(self) -> None:
        try:
            os.kill(self.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass

    def close(self) -> None:
        self.kill()
        for fd in (self.req_w, self.res_r):
            try:
                os.close(fd)
            except OSError:
                pass


class Evaluator:
    """The fork server and its workers (see the module docstring); `rows(...)` evaluates
    one submission on a free worker."""

    def __init__(self, course: Course, memory_mb: int = 1024):
        self.memory_mb = memory_mb
        self._lock = threading.Lock()
        self._idle: list[_Worker] = []
        self.sock, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET)
        self.pid = os.fork()
        if self.pid == 0:
            try:
                _keep_only(theirs.fileno())  # not the ends of the zygotes' sockets, or any other file
                _serve(theirs, course, memory_mb)
            finally:
                os._exit(0)
        theirs.close()

    def _spawn(self) -> _Worker:
        req_r, req_w = os.pipe()
        res_r, res_w = os.pipe()
        try:
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
        return _Worker(int(answer), req_w, res_r)

    def rows(self, student: str, notebook: str, cases: dict, run, timeout: float = 300.0,
             names: list[str] | None = None) -> list[dict]:
        """Plain rows (the fields of `grade.Row`) for one run, one per exercise of `names`
        (default: the notebook's); EvaluationError if the worker crashed (or ran out of
        memory outside an exercise) or took more than `timeout` seconds."""
        if names is not None:
            cases = {n: cases[n] for n in names}
        payload = pickle.dumps({"student": student, "notebook": notebook, "cases": cases, "run": run,
                                "names": names})
        with self._lock:
            worker = self._idle.pop() if self._idle else self._spawn()
        writer = self._send(worker.req_w, len(payload).to_bytes(8, "big") + payload)
        try:
            size = int.from_bytes(_read_exactly(worker.res_r, 8, time.monotonic() + timeout), "big")
            data = _read_exactly(worker.res_r, size, time.monotonic() + timeout)
            rows = json.loads(data)
        except (EvaluationError, ValueError, EOFError) as exc:
            worker.kill()
            if writer is not None:
                writer.join()  # the writer fails at once on a dead worker's pipe
            worker.close()
            if isinstance(exc, EvaluationError):
                raise
            raise EvaluationError(f"evaluating the output needed more than the {self.memory_mb} MB of memory "
                                  "the grader allows, or crashed") from None
        if writer is not None:
            writer.join()
        with self._lock:
            self._idle.append(worker)
        return rows

    @staticmethod
    def _send(fd: int, data: bytes) -> threading.Thread | None:
        """Write `data` to a worker's pipe: at once if the pipe has room for it, else the
        rest from a thread (a worker that stops reading never blocks the grader), which
        is returned."""
        os.set_blocking(fd, False)
        try:
            sent = os.write(fd, data)
        except BlockingIOError:
            sent = 0
        except OSError:
            return None  # a dead worker: reading its answer says so
        finally:
            os.set_blocking(fd, True)
        if sent == len(data):
            return None
        writer = threading.Thread(target=Evaluator._write, args=(fd, data[sent:]), daemon=True)
        writer.start()
        return writer

    @staticmethod
    def _write(fd: int, data: bytes) -> None:
        try:
            _write_all(fd, data)
        except OSError:
            pass

    def close(self) -> None:
        """Stop the workers and the fork server."""
        for worker in self._idle:
            worker.close()
        self._idle.clear()
        self.sock.close()
        try:
            os.waitpid(self.pid, 0)
        except ChildProcessError:
            pass
