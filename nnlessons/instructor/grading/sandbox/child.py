"""The sandboxed child: run the learner's cells, call each exercise function on the
grader's cases, stream back plain outcomes.

Runs in a process forked from the zygote for ONE submission. It imports only the
standard library, numpy, and ``nnlessons.exercises.spec/wire/runner`` (never a
reference); the per-case timer is `runner.run_cases`', the same `check` uses. Messages it sends (see `channel`), in order:

``ready`` (protections), ``cells`` (which cells raised), then per exercise ``begin``
and ``result`` (its outcomes, or ``missing``), then -- only once every graded outcome is
sent and the parent has answered which exercises its evaluation did not pass (a second
message on the request pipe) -- one ``probe`` per such exercise the request gives probe
cases for (feedback only: the function on diagnostic inputs, and the graded cases again
with its calls to the learner's other exercise functions traced; see
`nnlessons.exercises.diagnose`), and finally ``done``. A passing exercise needs no
diagnosis, so it is not probed.

The encoder and the writer are captured at import time, i.e. in the zygote, before any
learner code exists: learner code that monkeypatches numpy, json or builtins changes
neither how values are encoded nor how they are compared (the parent compares).
"""
from __future__ import annotations

import base64
import builtins
import json
import linecache
import math
import os
import select
import signal
import time
import traceback
import types

import numpy as np

from ....exercises import runner, wire
from ....exercises.runner import Outcome
from ....exercises.spec import Case
from .channel import frame

__all__ = ["child_main", "run_cells", "run_cases", "run_exercises", "run_probes", "read_frame", "probes_wanted", "decode_case", "cell_traceback", "restore_builtins", "Sender", "MAX_VALUE_BYTES"]

MAX_VALUE_BYTES = 3_000_000  # one encoded outcome larger than this is refused (5 fit in one 16 MB message)


def _pristine_wire():
    """Copies of `wire.to_plain` / `wire.from_plain` bound to references captured now."""
    captured_np = types.SimpleNamespace(
        ndarray=np.ndarray, generic=np.generic, array=np.array, asarray=np.asarray,
        dtype=np.dtype, frombuffer=np.frombuffer, uint8=np.uint8)
    g = dict(vars(wire))
    g.update(np=captured_np, json=types.SimpleNamespace(dumps=json.dumps, loads=json.loads),
             base64=types.SimpleNamespace(b64encode=base64.b64encode, b64decode=base64.b64decode),
             math=types.SimpleNamespace(isfinite=math.isfinite, prod=math.prod),
             __builtins__=dict(vars(builtins)))
    for name, obj in list(g.items()):
        if isinstance(obj, types.FunctionType) and obj.__module__ == wire.__name__:
            g[name] = types.FunctionType(obj.__code__, g, name, obj.__defaults__, obj.__closure__)
    return g["to_plain"], g["from_plain"]


_to_plain, _from_plain = _pristine_wire()
_loads = json.loads
_BUILTINS = dict(vars(builtins))
_escape = json.encoder.encode_basestring_ascii  # the C function, captured now
_float_repr, _int_repr, _dict, _list, _bool = float.__repr__, int.__repr__, dict, list, bool


def restore_builtins() -> None:
    """Put back every builtin the learner's code may have replaced (for the child's own code)."""
    vars(builtins).update(_BUILTINS)


def _encode_json(x) -> str:
    """JSON for the child's messages (dicts, lists, str, int, float, bool, None) with
    functions captured before learner code ran (immune to a patched json module)."""
    t = _type(x)
    if x is None:
        return "null"
    if t is _bool:
        return "true" if x else "false"
    if t is _str:
        return _escape(x)
    if t is int:
        return _int_repr(x)
    if t is float:
        if x != x or x in (float("inf"), float("-inf")):
            raise ValueError("a non-finite float in a message")
        return _float_repr(x)
    if t is _list or t is tuple:
        return "[" + ",".join([_encode_json(v) for v in x]) + "]"
    if t is _dict:
        return "{" + ",".join([_escape(_str(k)) + ":" + _encode_json(v) for k, v in x.items()]) + "}"
    raise TypeError(f"cannot encode {t.__name__} in a message")
_write, _read = os.write, os.read
_select = select.select
_run_cases = runner.run_cases
_probe_phase = runner.probe_phase
_type, _len, _str, _exec, _compile = type, len, str, exec, compile
_monotonic = time.monotonic


class Sender:
    """Writes framed messages to the result pipe."""

    def __init__(self, fd: int):
        self.fd = fd

    def send(self, msg: dict) -> None:
        restore_builtins()
        data = frame(_encode_json(msg).encode("ascii"))
        view = memoryview(data)
        while view:
            n = _write(self.fd, view)
            view = view[n:]


CaseTimeout = runner.CaseTimeout
_setitimer = signal.setitimer


def _arm(seconds: float) -> None:
    _setitimer(signal.ITIMER_REAL, max(seconds, 0.001))


def _disarm() -> None:
    _setitimer(signal.ITIMER_REAL, 0)


def _on_alarm(signum, frame_):  # noqa: ARG001 (signal API)
    raise CaseTimeout()


def run_cells(cells: list[str], namespace: dict, budget: float, numbers: list[int] | None = None) -> list[dict]:
    """Execute the cells in order in `namespace`; a cell that raises is recorded and
    the next one runs. One cell may run for a quarter of `budget` seconds; past `budget`
    in total the remaining cells are skipped.
    `numbers`: each cell's position in the notebook (for the messages)."""
    errors = []
    deadline = _monotonic() + budget
    per_cell = max(budget / 4, 0.25)  # one stuck cell costs a quarter of the budget, not the rest
    numbers = list(numbers or []) + list(range(len(numbers or []) + 1, len(cells) + 1))
    for index, source in zip(numbers, cells):
        left = min(deadline - _monotonic(), per_cell)
        if left <= 0:
            errors.append({"cell": index, "error": f"not run: the cells before it used the "
                                                   f"whole {budget:g} s allowed for running cells"})
            continue
        filename = f"<cell {index}>"
        linecache.cache[filename] = (len(source), None, source.splitlines(True), filename)
        try:
            code = _compile(source, filename, "exec")
        except (SyntaxError, ValueError) as exc:
            errors.append({"cell": index, "error": f"{type(exc).__name__}: {exc}"})
            continue
        try:
            _arm(left)
            try:
                _exec(code, namespace)  # noqa: S102 (this IS the sandbox)
            finally:
                _disarm()
        except CaseTimeout:
            errors.append({"cell": index, "error": f"stopped: the cell was still running after {left:.1f} s"})
        except SystemExit as exc:
            errors.append({"cell": index, "error": f"the cell called sys.exit({exc.code!r}); the grader went on"})
        except BaseException as exc:  # noqa: BLE001 (a learner's error is data)
            errors.append({"cell": index, "error": cell_traceback(exc)})
    return errors


def cell_traceback(exc: BaseException) -> str:
    """``Type: message`` and the learner's own lines (frames in the notebook's cells)."""
    frames = [f for f in traceback.extract_tb(exc.__traceback__) if f.filename.startswith("<cell ")]
    lines = [f"  {f.filename[1:-1]}, line {f.lineno}: {(f.line or '').strip()}" for f in frames[-3:]]
    return "\n".join([f"{type(exc).__name__}: {exc}"[:1000], *lines])


def _plain_outcome(out: Outcome) -> dict:
    """An Outcome as plain data, encoded with the pristine encoder (builtins restored first)."""
    restore_builtins()
    plain = {"status": _str(out.status), "error": _str(out.error)[:4000],
             "warnings": [_str(w)[:300] for w in list(getattr(out, "warnings", []))[:5]]}
    if out.status == "ok":
        try:
            value = _to_plain(out.value)
            args_after = _to_plain(tuple(out.args_after))
        except wire.WireError as exc:
            return {"status": "error",
                    "error": f"the function returned {exc}, which cannot be graded: "
                             "return numbers, numpy arrays, or tuples/lists/dicts of them"}
        except Exception as exc:  # noqa: BLE001 (a hostile value may raise anything)
            return {"status": "error", "error": f"the returned value could not be read: {type(exc).__name__}"}
        size = _len(_encode_json(value))
        if size > MAX_VALUE_BYTES:
            return {"status": "error", "error": f"the returned value is too large to grade ({size // 1000} kB encoded)"}
        plain["value"], plain["args_after"] = value, args_after
    frame_ = getattr(out, "frame", None)
    if frame_:
        try:
            plain["frame"] = _loads(_encode_json(frame_))  # plain strings, numbers, lists only
        except Exception:  # noqa: BLE001 (a description that cannot be sent is dropped)
            pass
    calls = _plain_calls(list(getattr(out, "calls", None) or []))
    if calls:
        plain["calls"] = calls
    return plain


def _plain_calls(calls: list) -> list:
    """Traced calls (probe phase) as plain data; a call that cannot be encoded, or that
    would make the message too large, is dropped."""
    out, size = [], 0
    for c in calls[:runner.MAX_TRACED_CALLS]:
        try:
            item = {"fn": _str(c["fn"]), "args": _to_plain(tuple(c["args"])), "kwargs": _to_plain(dict(c["kwargs"]))}
            if "error" in c:
                item["error"] = _str(c["error"])[:300]
            else:
                item["value"] = _to_plain(c.get("value"))
            size += _len(_encode_json(item))
        except Exception:  # noqa: BLE001 (a hostile value)
            continue
        if size > MAX_VALUE_BYTES:
            break
        out.append(item)
    return out


def _finish(out: Outcome) -> dict:
    try:
        return _plain_outcome(out)
    except BaseException as exc:  # noqa: BLE001 (encoding a hostile value)
        return {"status": "error", "error": f"the returned value could not be read: {_type(exc).__name__}"}


def decode_case(plain: dict) -> Case:
    """A Case from its plain form (see `grade.encode_case`)."""
    return Case(args=tuple(_from_plain(plain["args"])), kwargs=_from_plain(plain["kwargs"]))


def run_cases(fn, cases: list[dict], limit: float) -> list[dict]:
    """The plain outcomes of `fn` on each case (plain form), under the per-case limit;
    once a case is stopped the exercise's other cases are not run (`runner.run_cases`)."""
    return _run_cases(fn, [decode_case(c) for c in cases], limit, finish=_finish, contain=True)


def run_exercises(exercises: list[dict], namespace: dict, sender: Sender) -> None:
    """For each exercise: find the function by name, run its cases, send the outcomes."""
    for ex in exercises:
        name = ex["name"]
        sender.send({"type": "begin", "exercise": name})
        fn = namespace.get(name)
        if fn is None or not callable(fn):
            kind = "missing" if fn is None else "not callable"
            sender.send({"type": "result", "exercise": name, "missing": kind})
            continue
        outcomes = run_cases(fn, ex["cases"], float(ex["time_limit"]))
        sender.send({"type": "result", "exercise": name, "outcomes": outcomes})


def run_probes(exercises: list[dict], namespace: dict, sender: Sender, budget: float, until: float) -> None:
    """The probe phase, after every graded outcome is sent: for each exercise the request
    gives probe cases for, run them and the traced graded cases (`runner.probe_phase`),
    within `budget` seconds in all and never past the monotonic time `until`; send one
    ``probe`` message per exercise. Its results feed feedback only, never points."""
    deadline = min(_monotonic() + budget, until)
    for ex in exercises:
        probe = ex.get("probe")
        fn = namespace.get(ex["name"])
        left = deadline - _monotonic()
        if not probe or fn is None or not callable(fn) or left <= 0:
            continue
        try:
            cases = [decode_case(c) for c in probe.get("cases", [])]
            graded = [decode_case(c) for c in ex["cases"]]
        except Exception:  # noqa: BLE001 (a malformed probe: skip it)
            continue
        outs, traced = _probe_phase(fn, namespace, cases, graded, list(probe.get("trace", [])),
                                    float(ex["time_limit"]), left, finish=_finish, contain=True)
        restore_builtins()
        sender.send({"type": "probe", "exercise": ex["name"], "outcomes": outs, "traced": traced})


def read_frame(fd: int, until: float | None = None) -> bytes | None:
    """One parent message from `fd`: an 8-byte big-endian length, then that many bytes
    (`pool.request_frame`). None if the pipe closes first or, when `until` (a monotonic
    time) is given, if it has not all come by then."""
    def read(n: int) -> bytes | None:
        chunks = []
        while n:
            if until is not None and not _select([fd], [], [], max(until - _monotonic(), 0))[0]:
                return None
            chunk = _read(fd, min(n, 1 << 20))
            if not chunk:
                return None
            chunks.append(chunk)
            n -= len(chunk)
        return b"".join(chunks)

    head = read(8)
    return None if head is None else read(int.from_bytes(head, "big"))


def probes_wanted(fd: int, until: float) -> set[str]:
    """The exercises the parent wants probed (those its evaluation did not pass: their
    names, one per line, `pool.probe_answer`), read from `fd` by `until`; none if the
    answer does not come or cannot be read (learner code may have taken it: only its own
    feedback is poorer). Parsed with bytes methods only (no module learner code patched)."""
    try:
        data = read_frame(fd, until)
    except OSError:
        return set()
    if data is None:
        return set()
    return {_str(line, "ascii", "replace") for line in data.split(b"\n") if line}


def _isolate_fds(keep: list[int]) -> None:
    """stdin/stdout/stderr to /dev/null, every other descriptor but `keep` closed."""
    null = os.open(os.devnull, os.O_RDWR)
    for fd in (0, 1, 2):
        os.dup2(null, fd)
    os.close(null)
    top = 3
    for fd in sorted(keep):
        os.closerange(top, fd)
        top = fd + 1
    os.closerange(top, 65536)


def _mirror_exit(pid: int) -> None:
    """In the privileged child, once the learner's process (`pid`, PID 1 of its PID
    namespace) is forked: wait for it and end the same way (the zygote reports how
    this process ended). Never returns."""
    import ctypes
    import resource

    while True:
        try:
            _, status = os.waitpid(pid, 0)
            break
        except InterruptedError:
            continue
        except ChildProcessError:
            os._exit(70)
    if os.WIFSIGNALED(status):
        sig = os.WTERMSIG(status)
        ctypes.CDLL(None).prctl(4, 0, 0, 0, 0)  # PR_SET_DUMPABLE 0: no core file from the re-raise
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
        if sig not in (signal.SIGKILL, signal.SIGSTOP):
            signal.signal(sig, signal.SIG_DFL)
        os.kill(os.getpid(), sig)
    os._exit(os.waitstatus_to_exitcode(status) if os.WIFEXITED(status) else 70)


def child_main(params: dict, req_fd: int, res_fd: int) -> None:
    """The whole life of a child; never returns (exits with os._exit)."""
    from . import apply, policy, privileges

    code = 0
    try:
        os.setsid()
        privileges.die_with_parent()  # the zygote (and so the grader)
        _isolate_fds([req_fd, res_fd])
        request = json.loads(read_frame(req_fd))  # the parent's answer on probes comes later
        confinement = apply.Confinement.from_plain(params["confinement"])
        status, mode, workdir = apply.prepare(confinement, params["workdir"])
        if status.get("pid") == "on":
            pid = os.fork()  # the learner's process: PID 1 of the new namespace
            if pid:
                os.close(res_fd)
                _mirror_exit(pid)
        started = _monotonic()
        sender = Sender(res_fd)
        signal.signal(signal.SIGALRM, _on_alarm)
        signal.signal(signal.SIGPIPE, signal.SIG_DFL)
        protections = apply.finish(confinement, status, mode, workdir)
        gaps = policy.missing(protections, confinement.allowed)
        if gaps:  # fail closed: no learner code without the protections grading requires
            sender.send({"type": "ready", "protections": protections, "refused": gaps})
            return
        sender.send({"type": "ready", "protections": protections})
        namespace: dict = {"__name__": "__main__", "__builtins__": builtins}
        errors = run_cells(request["cells"], namespace, float(request["cell_budget"]),
                           request.get("cell_numbers"))
        restore_builtins()
        sender.send({"type": "cells", "errors": errors})
        run_exercises(request["exercises"], namespace, sender)
        if request.get("probe_budget"):
            until = started + float(request.get("probe_until", 0))
            wanted = probes_wanted(req_fd, until)
            run_probes([e for e in request["exercises"] if e["name"] in wanted], namespace, sender,
                       float(request["probe_budget"]), until)
        sender.send({"type": "done"})
    except BaseException:  # noqa: BLE001 (nothing may escape into the zygote's loop)
        code = 70
    finally:
        os._exit(code)
