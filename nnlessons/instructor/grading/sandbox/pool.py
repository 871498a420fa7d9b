"""The parent's side of the sandbox: warm zygotes, one fresh child per submission.

`ZygotePool(jobs)` keeps one zygote per job; `pool.run(request, confinement, wall)` forks a
child from a free zygote, sends it the learner's cells and the grader's cases, reads its
messages under a wall-clock limit and a byte cap, kills its whole process group when it
is done (or late), and returns a `RunResult`: plain data only, never decoded here.
"""
from __future__ import annotations

import json
import os
import queue
import select
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field

from .channel import ChannelError, FrameReader
from .apply import PACKAGE_DIR, Confinement
from .zygote import BOOT

__all__ = ["SandboxError", "RunResult", "Zygote", "ZygotePool"]

ZYGOTE_ENV = {"PATH": "/usr/bin:/bin", "LANG": "C.UTF-8", "OPENBLAS_NUM_THREADS": "1",
              "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1", "PYTHONDONTWRITEBYTECODE": "1"}


class SandboxError(RuntimeError):
    """The grader could not start or talk to a zygote (not the learner's fault)."""


@dataclass
class RunResult:
    """What one child did, as plain data.

    results: exercise name -> the child's ``result`` message (``outcomes`` or ``missing``).
    probes: exercise name -> the child's ``probe`` message (feedback only, never points).
    running: the exercise the child had begun but not finished when it stopped.
    ended: "done", "timeout", "crashed", "output" (too much / malformed output).
    detail: how it ended, in words for the learner.
    """

    protections: dict[str, str] = field(default_factory=dict)
    cell_errors: list[dict] = field(default_factory=list)
    results: dict[str, dict] = field(default_factory=dict)
    probes: dict[str, dict] = field(default_factory=dict)
    running: str | None = None
    ended: str = "crashed"
    detail: str = ""


def _describe_exit(status: dict, limits) -> str:
    if "signal" in status:
        sig = status["signal"]
        name = signal.Signals(sig).name if sig in signal.Signals._value2member_map_ else str(sig)
        if sig == signal.SIGXCPU:
            return f"the notebook used more than {limits.cpu_seconds} s of CPU time and was stopped"
        if sig == signal.SIGSEGV:
            return "the process crashed (segmentation fault)"
        if sig == signal.SIGXFSZ:
            return f"the notebook wrote a file larger than {limits.file_mb} MB and was stopped"
        return f"the process was killed ({name})"
    code = status.get("exit")
    return f"the process exited early with code {code} (sys.exit or os._exit in the notebook?)"


class Zygote:
    """One warm zygote process and the socket to it."""

    def __init__(self, start_timeout: float = 120.0):
        self.sock, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET)
        self._stderr = tempfile.TemporaryFile()
        self.proc = subprocess.Popen(
            [sys.executable, "-I", "-c", BOOT, str(PACKAGE_DIR.parent), str(theirs.fileno())],
            pass_fds=[theirs.fileno()], env=ZYGOTE_ENV, cwd="/", stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL, stderr=self._stderr, start_new_session=True)
        theirs.close()
        ready = self._recv(start_timeout)
        if not ready.get("ready"):
            self.close()
            self._stderr.seek(0)
            err = self._stderr.read().decode(errors="replace")[-2000:]
            raise SandboxError(f"the grading worker did not start: {err or ready}")

    def _recv(self, timeout: float) -> dict:
        r, _, _ = select.select([self.sock], [], [], max(timeout, 0))
        if not r:
            return {}
        data = self.sock.recv(1 << 16)
        return json.loads(data) if data else {}

    def alive(self) -> bool:
        """Whether the zygote still runs."""
        return self.proc.poll() is None

    def close(self) -> None:
        """Stop the zygote (closing its socket ends its loop)."""
        try:
            self.sock.close()
        finally:
            try:
                self.proc.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
            self._stderr.close()

    def run(self, request: dict, confinement: Confinement, wall: float, max_bytes: int,
            workdir: str) -> RunResult:
        """Run one submission in a fresh child confined as `confinement` in `workdir`;
        see the module docstring."""
        req_r, req_w = os.pipe()
        res_r, res_w = os.pipe()
        params = {"workdir": workdir, "confinement": confinement.to_plain()}
        try:
            socket.send_fds(self.sock, [json.dumps(params).encode()], [req_r, res_w])
        finally:
            os.close(req_r)
            os.close(res_w)
        reply = self._recv(30)
        if "pid" not in reply:
            os.close(req_w)
            os.close(res_r)
            raise SandboxError(f"the grading worker did not fork a child: {reply}")
        return _Session(self, reply["pid"], req_w, res_r, confinement.limits, wall, max_bytes).run(request)


class _Session:
    """Talks to one child: writes its request, reads its messages, ends it."""

    def __init__(self, zygote: Zygote, pid: int, req_w: int, res_r: int, limits,
                 wall: float, max_bytes: int):
        self.zygote, self.pid, self.req_w, self.res_r = zygote, pid, req_w, res_r
        self.limits, self.wall = limits, wall
        self.reader = FrameReader(max_bytes)
        self.result = RunResult()
        self.status: dict | None = None
        self.finished = False

    def run(self, request: dict) -> RunResult:
        deadline = time.monotonic() + self.wall
        try:
            if self._write_request(json.dumps(request).encode(), deadline):
                self._read_until(deadline)
        except ChannelError as exc:
            self._end("output", f"{exc}; the grader stopped it")
        finally:
            self._kill()
            if self.status is None:
                self.status = self.zygote._recv(30) or {"signal": signal.SIGKILL}
            os.close(self.res_r)
        if self.result.ended == "crashed" and not self.result.detail:
            self.result.detail = ("the process ended before sending its results: "
                                  + _describe_exit(self.status, self.limits))
        if self.finished and self.result.ended == "crashed":
            self.result.ended, self.result.detail = "done", ""
        return self.result

    def _end(self, ended: str, detail: str) -> None:
        if not self.result.detail:
            self.result.ended, self.result.detail = ended, detail

    def _kill(self) -> None:
        try:
            os.killpg(self.pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass

    def _write_request(self, data: bytes, deadline: float) -> bool:
        """Send the request; False if the child died or was too slow to read it."""
        os.set_blocking(self.req_w, False)
        view = memoryview(data)
        try:
            while view:
                left = deadline - time.monotonic()
                if left <= 0:
                    self._end("timeout", "the child did not read its input in time")
                    return False
                _, w, _ = select.select([], [self.req_w], [], left)
                if w:
                    try:
                        view = view[os.write(self.req_w, view):]
                    except BlockingIOError:
                        continue
            return True
        except BrokenPipeError:
            return False
        finally:
            os.close(self.req_w)

    def _read_until(self, deadline: float) -> None:
        eof = False
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                self._end("timeout", f"the notebook was still running after {self.wall:g} s "
                                     "(the time limit for one submission)")
                return
            watch = [self.zygote.sock] + ([] if eof else [self.res_r])
            ready, _, _ = select.select(watch, [], [], min(left, 1.0 if eof else left))
            if self.res_r in ready:
                data = os.read(self.res_r, 1 << 16)
                if data:
                    self._handle(self.reader.feed(data))
                else:
                    eof = True
            if self.zygote.sock in ready:
                self.status = self.zygote._recv(1)
                self._kill()
                self._drain()
                return

    def _drain(self) -> None:
        """Read what the child wrote before it ended."""
        os.set_blocking(self.res_r, False)
        while True:
            try:
                data = os.read(self.res_r, 1 << 16)
            except BlockingIOError:
                return
            if not data:
                return
            self._handle(self.reader.feed(data))

    def _handle(self, messages: list[dict]) -> None:
        res = self.result
        for msg in messages:
            kind = msg["type"]
            if kind == "ready" and isinstance(msg.get("protections"), dict):
                res.protections = {str(k): str(v) for k, v in msg["protections"].items()}
            elif kind == "cells" and isinstance(msg.get("errors"), list):
                res.cell_errors = [e for e in msg["errors"] if isinstance(e, dict)][:200]
            elif kind == "begin" and isinstance(msg.get("exercise"), str):
                res.running = msg["exercise"]
            elif kind == "result" and msg.get("exercise") == res.running and res.running not in res.results:
                res.results[res.running] = msg
                res.running = None
            elif kind == "probe" and isinstance(msg.get("exercise"), str) and msg["exercise"] in res.results:
                res.probes[msg["exercise"]] = msg
            elif kind == "done":
                self.finished = True
            else:
                raise ChannelError(f"an unexpected message from the child ({kind!r})")


class ZygotePool:
    """`jobs` zygotes; `run` borrows a free one (restarting it if it died)."""

    def __init__(self, jobs: int = 1, scratch: str | None = None):
        self.scratch = tempfile.mkdtemp(prefix="nnlessons-grade-", dir=scratch)
        self._free: queue.Queue[Zygote] = queue.Queue()
        self._all: list[Zygote] = []
        for _ in range(max(1, jobs)):
            self._add(Zygote())

    def _add(self, zygote: Zygote) -> None:
        self._all.append(zygote)
        self._free.put(zygote)

    def run(self, request: dict, confinement: Confinement, wall: float, max_bytes: int) -> RunResult:
        """Run one submission (see `Zygote.run`) in its own empty working directory."""
        zygote = self._free.get()
        workdir = tempfile.mkdtemp(prefix="w", dir=self.scratch)
        try:
            if not zygote.alive():
                zygote.close()
                self._all.remove(zygote)
                zygote = Zygote()
                self._all.append(zygote)
            return zygote.run(request, confinement, wall, max_bytes, workdir)
        finally:
            self._free.put(zygote)
            shutil.rmtree(workdir, ignore_errors=True)

    def close(self) -> None:
        """Stop every zygote and remove the scratch folder."""
        for zygote in self._all:
            zygote.close()
        self._all.clear()
        shutil.rmtree(self.scratch, ignore_errors=True)

    def __enter__(self) -> "ZygotePool":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

