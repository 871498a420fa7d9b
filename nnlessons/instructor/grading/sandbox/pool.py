"""The parent's side of the sandbox: warm zygotes, one fresh child per submission.

`ZygotePool(jobs)` keeps one zygote per job slot; `pool.run(request, confinement, wall,
max_bytes)` forks a child from that slot's zygote, sends it the learner's cells and the
grader's cases, reads its messages through the strict `protocol` under a wall-clock
limit, a byte cap and the parent's own time limits (the cells' budget, each
exercise's cases x its per-case limit: a child that silences its own timer is still
stopped). Once every graded result is in, it tells the child which exercises to probe
for feedback: ``decide(results so far)`` (the batch evaluates them and names those not
passed; without `decide`, all). Then it kills its whole process group when it is done (or late), and returns a
`RunResult`: plain data only, never decoded here. A zygote that is stopped, dead or
does not answer is replaced, never reused. `pool.check(confinement)` runs an empty
submission first, to learn which protections hold before anything is graded.

The pool's scratch folder (``nnlessons-grade-*`` in the temporary folder, used only
when a child has no private root) is locked while the pool lives; a later pool removes
the folders of pools that were killed.
"""
from __future__ import annotations

import fcntl
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
import threading
import time
from dataclasses import replace
from typing import Callable

from .apply import PACKAGE_DIR, Confinement
from .channel import ChannelError, FrameReader
from .protocol import Protocol, ProtocolError, RunResult
from .zygote import BOOT

__all__ = ["SandboxError", "RunResult", "Zygote", "ZygotePool", "start_zygotes", "clean_stale_scratch", "request_frame",
           "Decide"]

Decide = Callable[[RunResult], "list[str]"]
"""``decide(run)`` -> the exercises to probe, given the run once every graded result is in."""

ZYGOTE_ENV = {"PATH": "/usr/bin:/bin", "LANG": "C.UTF-8", "OPENBLAS_NUM_THREADS": "1",
              "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1", "PYTHONDONTWRITEBYTECODE": "1"}
GRACE = 3.0          # seconds allowed on top of a phase's own limit (and 25%)
SETUP_SECONDS = 30.0  # for a child to set up its sandbox and say "ready"
ANSWER_SECONDS = 10.0  # for a zygote to answer (a fork, an exit status)
SCRATCH_PREFIX = "nnlessons-grade-"


def request_frame(payload: bytes) -> bytes:
    """A message to the child: an 8-byte big-endian length, then `payload`
    (`child.read_frame`): the request, then the names of the exercises to probe."""
    return len(payload).to_bytes(8, "big") + payload


class SandboxError(RuntimeError):
    """The grader could not start or talk to a zygote (not the learner's fault)."""


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


class _Sibling:
    """The handle of a zygote forked by another (not the grader's child): `poll` and
    `wait` as for a `subprocess.Popen`, through a pidfd."""

    def __init__(self):
        self.pid = 0  # known from its ready message
        self.returncode: int | None = None
        self._fd: int | None = None

    def known(self, pid: int) -> None:
        self.pid = pid
        try:
            self._fd = os.pidfd_open(pid)
        except (OSError, AttributeError):  # gone already, or no pidfd: `poll` uses /proc
            self._fd = None

    def poll(self) -> int | None:
        return self.wait(0) if self.returncode is None else self.returncode

    def wait(self, timeout: float | None = None) -> int | None:
        deadline = None if timeout is None else time.monotonic() + timeout
        while self.returncode is None:
            if self._fd is not None:
                left = None if deadline is None else max(deadline - time.monotonic(), 0)
                if select.select([self._fd], [], [], left)[0]:
                    self._ended()
            elif not self.pid or not os.path.exists(f"/proc/{self.pid}") or _state(self.pid) in (b"Z", b"X"):
                self._ended()
            else:
                time.sleep(0.01)
            if self.returncode is None and deadline is not None and time.monotonic() >= deadline:
                if timeout == 0:
                    return None
                raise subprocess.TimeoutExpired(f"zygote {self.pid}", timeout)
        return self.returncode

    def _ended(self) -> None:
        self.returncode = 0  # its parent, the first zygote, reaps it
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None


def _state(pid: int) -> bytes:
    """A process's state letter from /proc (b"" if unknown)."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as fh:
            return fh.read().rsplit(b")", 1)[1].split()[0]
    except (OSError, IndexError):
        return b""


def start_zygotes(n: int = 1, wait: bool = True, start_timeout: float = 120.0) -> list["Zygote"]:
    """`n` zygotes from one interpreter start: the first is the grader's child, the
    others are its warm copies (see `zygote`). With `wait`, once each is ready."""
    pairs = [socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET) for _ in range(max(1, n))]
    theirs = [t.fileno() for _, t in pairs]
    stderr = tempfile.TemporaryFile()
    try:
        proc = subprocess.Popen(
            [sys.executable, "-I", "-c", BOOT, str(PACKAGE_DIR.parent), *map(str, theirs)],
            pass_fds=theirs, env=ZYGOTE_ENV, cwd="/", stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL, stderr=stderr, start_new_session=True)
    except BaseException:
        stderr.close()
        for ours, their in pairs:
            ours.close()
            their.close()
        raise
    for _, their in pairs:
        their.close()
    zygotes = [Zygote(ours, proc if i == 0 else _Sibling(), stderr) for i, (ours, _) in enumerate(pairs)]
    if wait:
        for zygote in zygotes:
            zygote.wait_ready(start_timeout)
    return zygotes


class Zygote:
    """One warm zygote process and the socket to it (made by `start_zygotes`)."""

    def __init__(self, sock: socket.socket, proc, stderr):
        self.sock, self.proc, self._stderr = sock, proc, stderr
        self._error = ""  # the end of what it wrote to stderr, once closed
        self.broken = False

    def wait_ready(self, start_timeout: float = 120.0) -> None:
        """Wait for the zygote to say it is ready (SandboxError if it does not)."""
        ready = self._recv(start_timeout)
        if not ready.get("ready") or type(ready.get("pid")) is not int:
            self.broken = True  # closing kills it, should it still run
            self.close()
            raise SandboxError(f"the grading worker did not start: {self._error or ready or 'no answer'}")
        if isinstance(self.proc, _Sibling):
            self.proc.known(ready["pid"])

    def _recv(self, timeout: float) -> dict:
        r, _, _ = select.select([self.sock], [], [], max(timeout, 0))
        if not r:
            return {}
        try:
            data = self.sock.recv(1 << 16)
            return json.loads(data) if data else {}
        except (OSError, ValueError):
            return {}

    def _wait(self, wanted, timeout: float) -> dict:
        """The next message for which `wanted(msg)` holds, within `timeout` seconds; the
        others (the exit status of a child already done with) are dropped. {} if none."""
        deadline = time.monotonic() + timeout
        while True:
            msg = self._recv(deadline - time.monotonic())
            if not msg or wanted(msg):
                return msg

    def exit_status(self, pid: int, timeout: float) -> dict:
        """How child `pid` ended, as the zygote reports it ({} if it does not in time)."""
        return self._wait(lambda m: m.get("pid") == pid and ("exit" in m or "signal" in m), timeout)

    def healthy(self) -> bool:
        """Running, not stopped, and never found unresponsive."""
        if self.broken or not self.proc.pid or self.proc.poll() is not None:
            return False
        return _state(self.proc.pid) not in (b"T", b"t", b"Z", b"X")  # b"": no /proc, rely on the answers

    def close(self) -> None:
        """Stop the zygote: closing its socket ends its loop; a broken one is killed."""
        try:
            self.sock.close()
        finally:
            if self.broken:
                self._killpg()
            try:
                self.proc.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self._killpg()
                self.proc.wait()
            if not self._stderr.closed:  # closing twice is harmless (siblings share the file)
                self._stderr.seek(0)
                self._error = self._stderr.read()[-2000:].decode(errors="replace")
                if not isinstance(self.proc, _Sibling):
                    self._stderr.close()

    def _killpg(self) -> None:
        if not self.proc.pid:
            return
        try:
            os.killpg(self.proc.pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass
        try:
            os.kill(self.proc.pid, signal.SIGCONT)
        except (ProcessLookupError, PermissionError):
            pass

    def run(self, request: dict, confinement: Confinement, wall: float, max_bytes: int,
            workdir: str, decide: Decide | None = None) -> RunResult:
        """Run one submission in a fresh child confined as `confinement` (`workdir`: its
        working folder if it gets no private root); see the module docstring."""
        req_r, req_w = os.pipe()
        res_r, res_w = os.pipe()
        params = {"workdir": workdir, "confinement": confinement.to_plain()}
        try:
            socket.send_fds(self.sock, [json.dumps(params).encode()], [req_r, res_w])
        except OSError as exc:
            os.close(req_w)
            os.close(res_r)
            self.broken = True
            raise SandboxError(f"the grading worker is gone ({exc.strerror})") from None
        finally:
            os.close(req_r)
            os.close(res_w)
        reply = self._wait(lambda m: "error" in m or ("pid" in m and "exit" not in m and "signal" not in m),
                           ANSWER_SECONDS)
        if "pid" not in reply:
            os.close(req_w)
            os.close(res_r)
            self.broken = True
            raise SandboxError(f"the grading worker did not fork a child: {reply or 'no answer'}")
        session = _Session(self, reply["pid"], req_w, res_r, confinement.limits, wall, max_bytes, request, decide)
        return session.run(request_frame(json.dumps(request).encode()))


class _Session:
    """Talks to one child: writes its request, reads its messages, ends it."""

    def __init__(self, zygote: Zygote, pid: int, req_w: int, res_r: int, limits,
                 wall: float, max_bytes: int, request: dict, decide: Decide | None = None):
        self.zygote, self.pid, self.req_w, self.res_r = zygote, pid, req_w, res_r
        self.decide = decide
        self.answered = False  # told the child which exercises to probe
        self.limits, self.wall = limits, wall
        self.reader = FrameReader(max_bytes, min(max_bytes, 16_000_000))
        self.cell_budget = float(request.get("cell_budget", 0))
        self.probe_budget = float(request.get("probe_budget", 0))
        self.exercises = {e["name"]: (len(e["cases"]), float(e["time_limit"])) for e in request["exercises"]}
        self.protocol = Protocol([(e["name"], len(e["cases"])) for e in request["exercises"]])
        self.result = self.protocol.result
        self.status: dict | None = None

    def run(self, data: bytes) -> RunResult:
        deadline = time.monotonic() + self.wall
        try:
            if self._write_request(data, deadline):
                self._read_until(deadline)
        except ChannelError as exc:
            self.protocol.violated(str(exc))
        finally:
            self._kill()
            os.close(self.req_w)
            if self.status is None and self.protocol.state != "done":  # how it ended says why
                self.status = self.zygote.exit_status(self.pid, ANSWER_SECONDS)
                if not self.status:
                    self.zygote.broken = True  # it did not report its child's end: replace it
                    self.status = {"signal": signal.SIGKILL}
            os.close(self.res_r)
        res = self.result
        if self.protocol.state == "done" and res.ended == "crashed":
            res.ended, res.detail = "done", ""
        elif res.refused and res.ended == "crashed":
            res.ended = "refused"
            res.detail = "the sandbox could not give the protections grading requires: " + ", ".join(res.refused)
        elif res.ended == "crashed" and not res.detail:
            res.detail = "the process ended before sending its results: " + _describe_exit(self.status, self.limits)
        return res

    def _end(self, ended: str, detail: str) -> None:
        """How the run ended (the first reason wins); "done" with no detail when only the
        probe phase was cut short: every graded result is in."""
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

    def _allowance(self) -> tuple[float, str, str]:
        """(seconds the next message may take, how a child late for it ended, why)."""
        p = self.protocol
        if p.state == "start":
            return SETUP_SECONDS, "crashed", f"the sandbox did not start within {SETUP_SECONDS:g} s"
        if p.state == "ready":
            allowed = self.cell_budget * 1.25 + GRACE
            return allowed, "timeout", (f"the notebook's cells were still running after {allowed:.0f} s "
                                        f"(they may take {self.cell_budget:.0f} s in all)")
        if p.state == "begun":
            name = p.result.running
            n, limit = self.exercises[name]
            allowed = n * limit * 1.25 + GRACE
            return allowed, "timeout", (f"{name} was still running after {allowed:.0f} s, longer than its "
                                        f"{n} cases x {limit:g} s allow: the grader stopped it")
        if p.current is None and self.probe_budget:  # every result is in: the probe phase (feedback only)
            return self.probe_budget * 1.25 + GRACE, "done", ""
        return GRACE, "timeout", "the notebook stopped answering between exercises"

    def _read_until(self, deadline: float) -> None:
        eof_at = None
        last = time.monotonic()
        while True:
            now = time.monotonic()
            allowed, ended, why = self._allowance()
            if now >= deadline:
                self._end("timeout", f"the notebook was still running after {self.wall:g} s "
                                     "(the time limit for one submission)")
                return
            if eof_at is None and now >= last + allowed:
                self._end(ended, why)
                return
            if eof_at is not None and now >= eof_at + ANSWER_SECONDS:
                self.zygote.broken = True  # the child is gone but its zygote says nothing
                return
            end = min(deadline, last + allowed if eof_at is None else eof_at + ANSWER_SECONDS)
            watch = [self.zygote.sock] + ([] if eof_at is not None else [self.res_r])
            ready, _, _ = select.select(watch, [], [], max(min(end - now, 1.0), 0))
            if self.res_r in ready:
                data = os.read(self.res_r, 1 << 16)
                if data:
                    self._handle(self.reader.feed(data))
                    self._answer_probes()
                    last = time.monotonic()  # after an answer too: the probe phase's allowance starts now
                else:
                    eof_at = time.monotonic()
            if self.zygote.sock in ready:
                msg = self.zygote._recv(1)
                if msg.get("pid") == self.pid and ("exit" in msg or "signal" in msg):
                    self.status = msg
                    self._kill()
                    self._drain()
                    return
            if self.result.refused or self.protocol.state == "done":
                return

    def _answer_probes(self) -> None:
        """Once every graded result is in (and the request has a probe phase), tell the
        child which exercises to probe: `decide`'s answer (all with outcomes without
        one, or if it fails)."""
        p = self.protocol
        if self.answered or not self.probe_budget or p.state != "cells" or p.current is not None:
            return
        self.answered = True
        graded = [n for n, r in self.result.results.items() if "outcomes" in r]
        try:
            wanted = [n for n in self.decide(self.result) if n in graded] if self.decide else graded
        except Exception:  # noqa: BLE001 (an evaluation that failed: probe everything, as before)
            wanted = graded
        p.expect_probes(wanted)
        try:
            os.write(self.req_w, request_frame("\n".join(wanted).encode("ascii", "replace")))
        except OSError:  # the child is gone or closed its end: it gets no probes
            pass

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
        for msg in messages:
            try:
                self.protocol.feed(msg)
            except ProtocolError:
                raise
            except Exception as exc:  # noqa: BLE001 (a malformed field in untrusted data)
                raise ProtocolError(f"a malformed message ({type(exc).__name__})") from None


def clean_stale_scratch(parent: str | None = None) -> int:
    """Remove the scratch folders of pools that no longer run (their lock is free);
    returns how many."""
    parent = parent or tempfile.gettempdir()
    removed = 0
    try:
        names = [n for n in os.listdir(parent) if n.startswith(SCRATCH_PREFIX)]
    except OSError:
        return 0
    for name in names:
        path = os.path.join(parent, name)
        try:
            st = os.lstat(path)
            if not os.path.isdir(path) or os.path.islink(path) or st.st_uid != os.geteuid():
                continue
            fd = os.open(os.path.join(path, ".lock"), os.O_RDONLY)
        except FileNotFoundError:
            if time.time() - st.st_mtime > 60:  # no lock after a minute: a killed or old grader's
                shutil.rmtree(path, ignore_errors=True)
                removed += 1
            continue
        except OSError:
            continue
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            continue  # a live pool holds it
        finally:
            os.close(fd)
        shutil.rmtree(path, ignore_errors=True)
        removed += 1
    return removed


class ZygotePool:
    """`jobs` slots, one zygote each; `run` borrows a free slot (replacing its zygote if
    it is not healthy)."""

    def __init__(self, jobs: int = 1, scratch: str | None = None, wait: bool = True):
        """Start `jobs` zygotes (they warm up together); `wait=False` returns at once and
        the first `run` (or `wait_ready`) waits for them."""
        clean_stale_scratch(scratch)
        self.scratch = tempfile.mkdtemp(prefix=SCRATCH_PREFIX, dir=scratch)
        self._lock_fd = os.open(os.path.join(self.scratch, ".lock"), os.O_RDWR | os.O_CREAT, 0o600)
        fcntl.flock(self._lock_fd, fcntl.LOCK_EX)
        os.chmod(self.scratch, 0o711)  # a child dropped to another uid reaches its own folder only
        self._free: queue.Queue[tuple[int, Zygote]] = queue.Queue()
        self._all: list[Zygote] = []
        self._starting: list[tuple[int, Zygote]] = []
        self._start_lock = threading.Lock()
        self.replaced = 0
        try:
            self._all = start_zygotes(jobs, wait=False)
            self._starting = list(enumerate(self._all))
            if wait:
                self.wait_ready()
        except BaseException:
            self.close()
            raise

    def wait_ready(self) -> None:
        """Wait until every zygote started says it is ready (SandboxError if one does not:
        the pool is closed)."""
        try:
            while True:
                with self._start_lock:
                    if not self._starting:
                        return
                    slot, zygote = self._starting.pop(0)
                zygote.wait_ready()
                self._free.put((slot, zygote))
        except BaseException:
            self.close()
            raise

    def _take(self) -> tuple[int, Zygote]:
        """A slot for one run: a free one, else one still starting (once its zygote is
        ready, or broken if it does not start: `run` replaces it), else the next freed."""
        try:
            return self._free.get_nowait()
        except queue.Empty:
            pass
        with self._start_lock:
            starting = self._starting.pop(0) if self._starting else None
        if starting is None:
            return self._free.get()
        try:
            starting[1].wait_ready()
        except SandboxError:
            starting[1].broken = True
        return starting

    def _replace(self, zygote: Zygote) -> Zygote:
        zygote.broken = True
        zygote.close()
        if zygote in self._all:
            self._all.remove(zygote)
        fresh = start_zygotes(1)[0]
        self._all.append(fresh)
        self.replaced += 1
        return fresh

    def run(self, request: dict, confinement: Confinement, wall: float, max_bytes: int,
            decide: Decide | None = None) -> RunResult:
        """Run one submission (see `Zygote.run`); a zygote that fails is replaced and the
        submission run once more on the new one."""
        slot, zygote = self._take()
        workdir = tempfile.mkdtemp(prefix="w", dir=self.scratch)
        try:
            for attempt in (1, 2):
                if not zygote.healthy():
                    zygote = self._replace(zygote)
                try:
                    run = zygote.run(request, replace(confinement, slot=slot), wall, max_bytes, workdir, decide)
                except SandboxError:
                    zygote = self._replace(zygote)
                    if attempt == 2:
                        raise
                    continue
                if not zygote.healthy():
                    zygote = self._replace(zygote)
                return run
            raise SandboxError("unreachable")
        finally:
            self._free.put((slot, zygote))
            shutil.rmtree(workdir, ignore_errors=True)

    def check(self, confinement: Confinement) -> RunResult:
        """Run an empty submission: which protections hold (and whether the child refused)."""
        empty = {"cells": [], "cell_numbers": [], "cell_budget": 1.0, "exercises": []}
        return self.run(empty, confinement, SETUP_SECONDS + GRACE, 1_000_000)

    def close(self) -> None:
        """Stop every zygote (all told at once, then each waited for) and remove the
        scratch folder (once; closing again does nothing)."""
        if self._lock_fd < 0:
            return
        for zygote in self._all:
            zygote.sock.close()
        for zygote in self._all:
            zygote.close()
        self._all.clear()
        shutil.rmtree(self.scratch, ignore_errors=True)
        os.close(self._lock_fd)
        self._lock_fd = -1

    def __enter__(self) -> "ZygotePool":
        return self

    def __exit__(self, *exc) -> None:
        self.close()
