"""Cascade attribution: an exercise that calls another of the learner's functions (their
``sigmoid`` inside ``sigmoid_grad``, their ``softmax`` inside a loss) may fail only because
that function is wrong. The graded cases are run again with those calls recorded (and, in
the notebook, once more with the right function in its place); each recorded call is
compared with the right answer on its own inputs."""
from __future__ import annotations

from .. import runner
from ..compare import compare
from .context import Ctx, quiet
from .finding import Finding

__all__ = ["standin", "attribute"]


def standin(name: str):
    """The right version of exercise `name` (its reference; in a learner bundle, where the
    reference only knows its public cases, the core function of that name), or None."""
    from ..registry import EXERCISES
    from ..replay import Replay

    ex = EXERCISES.get(name)
    if ex is not None and not isinstance(ex.reference, Replay):
        return ex.reference
    from .siblings import catalogue

    for n, fn, _ in catalogue():
        if n == name:
            return fn
    return ex.reference if ex is not None else None


def _wrong_call(call: dict) -> tuple[bool, str]:
    """Whether a recorded call of the learner's function was wrong, and how."""
    from ..registry import EXERCISES

    fn = standin(call["fn"])
    if fn is None:
        return False, ""
    if "error" in call:
        return True, f"it raised {call['error'].split(':')[0]}"
    try:
        right = quiet(fn, *runner.materialise(tuple(call["args"])), **runner.materialise(dict(call["kwargs"])))
    except Exception:  # noqa: BLE001 (the stand-in cannot say: no verdict)
        return False, ""
    other = EXERCISES.get(call["fn"])
    rtol, atol = (other.rtol, other.atol) if other is not None else (1e-6, 1e-9)
    c = compare(right, call.get("value"), rtol=rtol, atol=atol)
    return (not c.passed), c.reason


def attribute(ctx: Ctx) -> Finding | None:
    """"Your sigmoid_grad is right; the failure comes from your sigmoid" (or that part of it
    does), from the traced re-run of the graded cases."""
    probes = ctx.probes
    traced = probes.traced() if probes is not None else None
    if not traced or len(traced) != len(ctx.cases):
        return None
    failing = set(ctx.failing())
    blamed: dict[str, list[int]] = {}
    why: dict[str, str] = {}
    for i, out in enumerate(traced):
        for call in getattr(out, "calls", None) or []:
            wrong, reason = _wrong_call(call)
            if wrong:
                blamed.setdefault(call["fn"], [])
                if i not in blamed[call["fn"]]:
                    blamed[call["fn"]].append(i)
                why.setdefault(call["fn"], reason)
    if not blamed:
        return None
    dep, cases = max(blamed.items(), key=lambda kv: len(kv[1]))
    if not set(cases) & failing:
        return None
    me = ctx.ex.name
    reason = why[dep]
    detail = f" (on the values {me} gives it: {reason})" if reason and ctx.reveal else ""
    swapped = probes.swapped(dep, standin(dep)) if hasattr(probes, "swapped") else None
    if swapped is not None:
        if all(o.status == "ok" and ctx.ex.accuracy is None and _right(ctx, i, o) for i, o in enumerate(swapped)):
            return Finding(f"cascade:{dep}", f"Your {me} is right; the failure comes from your {dep}, which it "
                           f"calls: {dep} is wrong{detail}. Fix {dep} first (check({dep})), and {me} passes "
                           "too.", kind="cascade", whole=True)
        return Finding(f"cascade:{dep}", f"Part of the failure comes from your {dep}, which {me} calls: {dep} "
                       f"is wrong{detail}. Fix {dep} first (check({dep})), then check {me} again: with a right "
                       f"{dep} it still fails, so {me} has a mistake of its own too.", kind="cascade", whole=True)
    if failing <= set(cases):
        return Finding(f"cascade:{dep}", f"The failure comes from your {dep}, which {me} calls: {dep} is wrong "
                       f"on the values {me} gives it{detail}. Fix {dep} first; {me} itself may well be right.",
                       kind="cascade", whole=True)
    return Finding(f"cascade:{dep}", f"Part of the failure comes from your {dep}, which {me} calls: {dep} is "
                   f"wrong on some of the values {me} gives it{detail}. Fix {dep} first, then look at {me} "
                   "again.", kind="cascade", whole=True)


def _right(ctx: Ctx, i: int, out) -> bool:
    """Whether a re-run's outcome on case `i` would pass (the report's own judge)."""
    try:
        if ctx.judge is not None:
            return ctx.judge(ctx.ex, ctx.cases[i], out, ctx.expected(i)).passed
        return compare(ctx.expected(i), out.value, rtol=ctx.ex.rtol, atol=ctx.ex.atol).passed
    except Exception:  # noqa: BLE001
        return False
