"""The parent's reading of one child's messages: a strict state machine.

The only valid sequence is ``ready`` (once, first: the protections, sent before any
learner code runs; with ``refused`` if the child would not run it), ``cells`` (once),
then for each expected exercise, in order, ``begin`` and ``result`` with its name,
then at most one ``probe`` per exercise that has a result and that the parent asked for
(the diagnosis's extra calls, feedback only, never points), and ``done``. Anything else (a second ``ready``, a message out of order, a name not
expected, a malformed field) is a protocol violation: learner code wrote to the result
channel, so the run ends there and nothing it sent is graded.

Every string is sanitised and capped here, once, as it enters the grader (`text.clean`),
so nothing downstream (SQLite, the exports, the terminal) sees a lone surrogate, a
control character or a megabyte of text.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from ..text import clean
from .channel import ChannelError

__all__ = ["ProtocolError", "RunResult", "Protocol", "sanitise"]

MAX_STRING = 10_000      # any string in a message (a returned value's strings too)
MAX_ERROR = 2_000        # a case's error text
MAX_WARNING = 200        # one warning
MAX_CELL_ERRORS = 50     # cells reported as raising
MAX_DEPTH = 64           # nesting of one message


class ProtocolError(ChannelError):
    """The child broke the protocol (learner code wrote to the result channel)."""


@dataclass
class RunResult:
    """What one child did, as plain data.

    protections: {layer: "on" | "off: why"} as the child reported before learner code.
    refused: the protections the child found missing (it then ran no learner code).
    results: exercise name -> the child's ``result`` message (``outcomes`` or ``missing``).
    probes: exercise name -> the child's ``probe`` message (feedback only, never points).
    running: the exercise the child had begun but not finished when it stopped.
    ended: "done", "timeout", "crashed", "output" (too much / malformed output),
        "refused" (the sandbox could not be set up as required).
    detail: how it ended, in words for the learner.
    """

    protections: dict[str, str] = field(default_factory=dict)
    refused: list[str] = field(default_factory=list)
    cell_errors: list[dict] = field(default_factory=list)
    results: dict[str, dict] = field(default_factory=dict)
    probes: dict[str, dict] = field(default_factory=dict)
    running: str | None = None
    ended: str = "crashed"
    detail: str = ""


def sanitise(value, depth: int = 0, key: str = ""):
    """A decoded message with every string cleaned and capped (base64 array payloads
    are left whole: the frame cap bounds them). Raises ProtocolError past MAX_DEPTH."""
    if depth > MAX_DEPTH:
        raise ProtocolError("a message nested too deeply")
    if type(value) is str:
        return value if key == "__nd__" and value.isascii() else clean(value, MAX_STRING)
    if type(value) is list:
        return [sanitise(v, depth + 1) for v in value]
    if type(value) is dict:
        return {clean(k, 200): sanitise(v, depth + 1, k) for k, v in value.items()}
    return value


def _outcome(plain) -> dict:
    if type(plain) is not dict or type(plain.get("status")) is not str:
        raise ProtocolError("a malformed outcome")
    out = dict(plain)
    out["error"] = clean(plain.get("error", ""), MAX_ERROR)
    warnings = plain.get("warnings", [])
    out["warnings"] = [clean(w, MAX_WARNING) for w in warnings[:5]] if type(warnings) is list else []
    return out


class Protocol:
    """Feed it each decoded message (`feed`); it fills `result` or raises ProtocolError.

    exercises: the expected exercise names in order, with their number of cases."""

    def __init__(self, exercises: list[tuple[str, int]]):
        self.exercises = exercises
        self.state = "start"  # start, ready, cells, begun, done
        self.index = 0
        self.result = RunResult()
        self.asked: set[str] | None = None  # the exercises the parent asked to probe

    @property
    def current(self) -> tuple[str, int] | None:
        """The exercise expected next (or running), if any."""
        return self.exercises[self.index] if self.index < len(self.exercises) else None

    def feed(self, msg: dict) -> None:
        """Apply one message; raise ProtocolError if it is not the one expected now."""
        kind = msg.get("type")
        handler = {("start", "ready"): self._ready, ("ready", "cells"): self._cells,
                   ("cells", "begin"): self._begin, ("begun", "result"): self._result,
                   ("cells", "probe"): self._probe, ("cells", "done"): self._done}.get((self.state, kind))
        if handler is None:
            raise ProtocolError(f"an unexpected {clean(kind, 40)!r} message")
        handler(sanitise(msg))

    def _ready(self, msg: dict) -> None:
        prot = msg.get("protections")
        if type(prot) is not dict or len(prot) > 30 or not all(type(v) is str for v in prot.values()):
            raise ProtocolError("a malformed ready message")
        self.result.protections = {clean(k, 40): clean(v, 300) for k, v in prot.items()}
        refused = msg.get("refused")
        if refused is not None:
            if type(refused) is not list:
                raise ProtocolError("a malformed ready message")
            self.result.refused = [clean(r, 40) for r in refused[:10]]
        self.state = "ready"

    def _cells(self, msg: dict) -> None:
        errors = msg.get("errors")
        if type(errors) is not list:
            raise ProtocolError("a malformed cells message")
        kept = []
        for e in errors[:MAX_CELL_ERRORS]:
            if type(e) is not dict or type(e.get("cell")) is not int:
                raise ProtocolError("a malformed cells message")
            kept.append({"cell": e["cell"], "error": clean(e.get("error", ""), 1000) or "(no message)"})
        self.result.cell_errors = kept
        self.state = "cells"

    def _begin(self, msg: dict) -> None:
        if self.current is None or msg.get("exercise") != self.current[0]:
            raise ProtocolError("a begin message for an exercise not expected now")
        self.result.running = self.current[0]
        self.state = "begun"

    def _result(self, msg: dict) -> None:
        name, n = self.current
        if msg.get("exercise") != name:
            raise ProtocolError("a result for an exercise not running")
        if "missing" in msg:
            if msg["missing"] not in ("missing", "not callable"):
                raise ProtocolError("a malformed result message")
            kept = {"missing": msg["missing"]}
        else:
            outcomes = msg.get("outcomes")
            if type(outcomes) is not list or len(outcomes) != n:
                raise ProtocolError("a result with the wrong number of outcomes")
            kept = {"outcomes": [_outcome(o) for o in outcomes]}
        self.result.results[name] = kept
        self.result.running = None
        self.index += 1
        self.state = "cells"

    def expect_probes(self, names: list[str]) -> None:
        """The exercises the parent asked the child to probe (only theirs are accepted)."""
        self.asked = set(names)

    def _probe(self, msg: dict) -> None:
        name = msg.get("exercise")
        if self.current is not None or name not in self.result.results or name in self.result.probes \
                or (self.asked is not None and name not in self.asked):
            raise ProtocolError("a probe message not expected now")
        if type(msg.get("outcomes")) is not list:
            raise ProtocolError("a malformed probe message")
        self.result.probes[name] = msg

    def _done(self, msg: dict) -> None:
        if self.current is not None:
            raise ProtocolError("done before every exercise was run")
        self.state = "done"

    def violated(self, why: str) -> None:
        """Record a violation: nothing this run sent is graded."""
        r = self.result
        r.results.clear()
        r.probes.clear()
        r.cell_errors = []
        r.running = None
        r.ended = "output"
        r.detail = (f"the notebook wrote to the grader's result channel ({clean(why, 200)}): "
                    "the grader stopped it and grades nothing from this run")
