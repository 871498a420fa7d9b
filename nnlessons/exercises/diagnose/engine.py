"""The diagnosis engine: find the relation between what a learner's function returned and
what was expected, on every failing case, and pick the explanation that covers the most
of them (the most specific on a tie). Tried after the known mistakes; generic over
exercises: it reads only the exercise's spec, its cases, the outputs and the reference."""
from __future__ import annotations

import os
from dataclasses import dataclass, field

import numpy as np

from ..compare import compare
from . import cascade, errors, indices, masks, mutation, partition, relations, siblings, tokens, whatif
from .context import Ctx, Unavailable, arr, close
from .finding import Finding
from .leaves import leaves
from .probes import probe_plan

__all__ = ["diagnose"]


_FACTS = ("error", "nonfinite", "warning", "mutation", "form", "cascade")
"""Kinds that state what happened (an exception, nan, a warning...), not a hypothesis."""


DEBUG = bool(os.environ.get("NNLESSONS_DIAGNOSE_DEBUG"))
"""Re-raise the engine's own errors (tests set NNLESSONS_DIAGNOSE_DEBUG) instead of
leaving the report without a diagnosis."""


def _safe(detector, *args, default=None):
    try:
        return detector(*args)
    except Exception:  # noqa: BLE001 (a detector must never break a report)
        if DEBUG:
            raise
        return default


_VAGUE = {"partial": 0.75, "partial_input": 0.75, "batch": 1.0, "zero_gradient": 1.0}
"""Descriptions (where it is wrong) rather than explanations (why): an explanation that
covers nearly as many cases wins over them."""


@dataclass
class _Tally:
    finding: Finding
    strong: float = 0.0
    weak: float = 0.0
    cases: list = field(default_factory=list)

    @property
    def cover(self) -> float:
        """How many failing cases it explains. Evidence from weak cases (constant or saturated
        inputs, where much agrees by chance) counts fully only next to evidence from others."""
        return self.strong + (self.weak if self.strong > 0 else 0.25 * self.weak)


def diagnose(ex, cases, outcomes, rows, *, reveal: bool = True, probes=None, judge=None) -> Finding | None:
    """The best explanation of a failing exercise, placed; None when nothing is found.
    `judge`: the report's ``(ex, case, outcome, expected) -> Comparison`` (re-runs are
    judged by it). Never raises: a diagnosis must not break a report."""
    ctx = Ctx(ex, cases, outcomes, rows, reveal, probes, judge)
    return _safe(_diagnose, ctx)


def _diagnose(ctx: Ctx) -> Finding | None:
    found = _safe(cascade.attribute, ctx)
    if found is not None:
        return found
    tallies: dict[str, _Tally] = {}
    failing = ctx.failing()
    seen: dict[tuple[str, int], tuple[float, bool]] = {}

    def add(f: Finding | None, i: int, cover: float, weak: bool = False) -> None:
        """One hypothesis for case i (counted once per case, with its best cover)."""
        if f is None:
            return
        t = tallies.setdefault(f.id, _Tally(f))
        old, old_weak = seen.get((f.id, i), (0.0, True))
        if cover > old or (old_weak and not weak and cover >= old):
            if old:
                if old_weak:
                    t.weak -= old
                else:
                    t.strong -= old
            if weak:
                t.weak += cover
            else:
                t.strong += cover
            seen[(f.id, i)] = (cover, weak)
        if i not in t.cases:
            t.cases.append(i)

    for i in failing:
        out = ctx.outcomes[i]
        if out.status == "error":
            add(_safe(errors.translate, ctx, i, out), i, 1.0)
        elif out.status == "ok" and ctx.ex.accuracy is None:
            for f, cover, weak in _safe(_case_findings, ctx, i, out, default=[]):
                add(f, i, cover, weak)
    for f, cover, cases in _safe(_probe_findings, ctx, failing, default=[]):
        t = tallies.setdefault(f.id, _Tally(f))
        t.strong += cover
        t.cases.extend(c for c in cases if c not in t.cases)
    best = _best(tallies, failing)
    split = _safe(partition.split, ctx)
    if split is not None:  # the failing cases are those of one option: say so
        if best is None or best.finding.kind in _DESCRIPTIONS:
            detail = best.finding.words if best is not None and best.finding.kind != "error" else ""
            return partition.finding(ctx, *split, detail=detail)
        if not best.finding.where and (set(failing) <= set(best.cases) or best.finding.kind in _ABOUT_THE_FUNCTION):
            return best.finding.at(partition.where(*split))
    if best is None:
        return None
    found = best.finding.at(_where(ctx, best.cases, failing)) if not best.finding.where else best.finding
    second = _second(tallies, best, failing)
    if second is None:
        return found
    return Finding(found.id, f"{found.text()}. Also: {second.finding.words}", _where(ctx, second.cases, failing),
                   kind=found.kind, whole=found.whole)


_SECONDS = ("error", "nonfinite", "index", "index_effect", "sibling", "order", "form", "cascade")
"""Kinds specific enough to be said as a second mistake, on failing cases the first leaves out."""


def _second(tallies: dict, best: _Tally, failing: list[int]) -> _Tally | None:
    """Another mistake that explains failing cases the best one does not (two slips at once)."""
    left = set(failing) - set(best.cases)
    if not left:
        return None
    others = [t for t in tallies.values() if t is not best and t.strong >= 1 and t.finding.kind in _SECONDS
              and set(t.cases) <= left]
    if not others:
        return None
    return max(others, key=lambda t: (round(t.cover, 6), -t.finding.rank))


_ABOUT_THE_FUNCTION = ("response", "ignored")
"""Probe findings: about the function, not one case (placed by an option when there is one)."""

_DESCRIPTIONS = ("partial", "partial_input", "batch", "zero_gradient", "factor_unnamed", "offset_unnamed")
"""Kinds that say where or how much, not why: an option that tells the failing cases apart
says more."""


def _best(tallies: dict, failing: list[int]) -> _Tally | None:
    """The hypothesis that explains the most failing cases (the most specific on a tie), or
    None when none explains enough of them."""
    if not tallies:
        return None
    best = max(tallies.values(), key=lambda t: (round(t.cover - _VAGUE.get(t.finding.kind, 0.0), 6), t.strong > 0,
                                                -t.finding.rank))
    if best.cover < 0.5 * len(failing) - 1e-9 and best.finding.kind not in _FACTS:
        return None  # a hypothesis that explains too few of the failing cases: likely a coincidence
    return best


def _where(ctx: Ctx, cases: list[int], failing: list[int]) -> str:
    if not cases:
        return ""
    if len(failing) > 1 and set(failing) <= set(cases):
        return f"in every failing case, e.g. {ctx.label(cases[0])}"
    first = ctx.label(cases[0])
    more = len(cases) - 1
    return f"in {first}" + (f" and {more} more case{'s' * (more > 1)}" if more else "")


# ---------------------------------------------------------------- one failing case
def _case_findings(ctx: Ctx, i: int, out) -> list[tuple[Finding, float, bool]]:
    """``(hypothesis, cover, weak)`` for one failing case: cover is the share of the case it
    explains (one of several wrong values: a share); weak marks evidence from a case where
    much agrees by chance (a constant expected output, saturated inputs)."""
    try:
        expected = ctx.expected(i)
    except Unavailable:
        return []
    got = out.value
    found: list[tuple[Finding, float, bool]] = []
    rtol, atol = ctx.tol()
    pairs = list(leaves(expected, got, names=ctx.output_names))
    bad = [(p, e, g) for p, e, g in pairs if not compare(e, g, rtol=rtol, atol=atol).passed]
    weak = _degenerate(expected)
    for whole in _whole(ctx, i, expected, got):
        w = weak or (whole.kind == "sibling" and (siblings.saturated(ctx.cases[i].args) or _constant(got)))
        found.append((whole, 1.0, w and whole.kind != "order"))
    if not bad:  # the values are right: warnings or a changed input failed the case
        found += [(f, 1.0, False) for f in _right_values(ctx, i, out)]
        return found
    share = 1.0 / len(bad)
    firsts = []
    for path, e, g in bad:
        leaf = _leaf(ctx, i, path, e, g, out)
        if leaf:
            firsts.append(leaf[0])
        for f in leaf:
            found.append((f, 1.0 if len(bad) == 1 or f.kind in ("form", "nonfinite") else share,
                          weak and f.kind not in _FACTS))
    if len(bad) > 1 and len(firsts) == len(bad) and len({f.kind for f in firsts}) == 1:
        found.append((_merged(firsts), 1.0, weak))  # one kind of slip in every wrong value
    mut = mutation.finding(ctx, i, out)
    if mut is not None:
        found.append((mut, 1.0 if mutation.explains(ctx, i, out) else 0.25, False))
    return found


def _merged(parts: list[Finding]) -> Finding:
    """Findings of one kind on several values of a case, as one."""
    words = "; ".join(p.words for p in parts)
    return Finding("+".join(dict.fromkeys(p.id for p in parts)), words[0].upper() + words[1:] if words[:1].islower() and
                   not words.split(" ")[0].isidentifier() else words, kind=parts[0].kind, whole=True)


def _constant(got) -> bool:
    """An output whose entries are all equal: it agrees with many functions by chance."""
    a = arr(got)
    return a is not None and a.size > 1 and np.unique(a).size == 1


def _degenerate(expected) -> bool:
    """An expected output whose entries are all equal (e.g. only the bias remains)."""
    for _, e, _ in leaves(expected, expected):
        a = arr(e)
        if a is None or a.size < 2 or np.unique(a).size > 1:
            return False
    return True


def _whole(ctx: Ctx, i: int, expected, got) -> list[Finding]:
    """Relations of the whole output: values in the wrong order, a one-input change of the
    right function, another function of the course."""
    if isinstance(expected, tuple) and type(got) in (tuple, list) and len(got) == len(expected) > 1:
        import itertools

        n = len(expected)
        for perm in itertools.permutations(range(n)):
            if perm != tuple(range(n)) and all(close(got[perm[k]], expected[k], *ctx.tol()) for k in range(n)):
                names = ctx.output_names if ctx.output_names and len(ctx.output_names) == n else None
                order = ", ".join(names[perm[k]] if names else f"value {perm[k] + 1}" for k in range(n))
                return [Finding("order:values", f"The values are right but in the wrong order (swapped): the task's "
                                f"order is what you return as ({order}); return them in the order the task "
                                "gives.", kind="order", whole=True)]
    return whatif.match(ctx, i, got) + siblings.match(ctx, i, got)


def _leaf(ctx: Ctx, i: int, path: str, e, g, out) -> list[Finding]:
    """Every hypothesis for one wrong value of the output, most specific first."""
    ea, ga = arr(e), arr(g)
    if ea is None or ga is None:
        return relations.relate_lengths(e, g, ctx.tol(), path)
    found = _safe(indices.relate_index, ctx, i, ea, ga, path, default=[])
    same = _safe(_equals_input, ctx, i, path, ea, ga)
    if same is not None:
        found.append(same)
    found += _safe(relations.relate_arrays, ea, ga, ctx.tol(), path, ctx, i, default=[])
    found += _safe(tokens.relate_counts, ctx, i, ea, ga, path, default=[])
    nf = masks.nonfinite(ea, ga, ctx, i, path, out.warnings)
    if nf is not None:
        found.append(nf)
    if not any(f.id.startswith("dtype:") for f in found):  # "some entries right" says nothing there
        found += masks.partial(ea, ga, ctx, i, path)
    return sorted(found, key=lambda f: f.rank)


def _equals_input(ctx: Ctx, i: int, path: str, e: np.ndarray, g: np.ndarray) -> Finding | None:
    """The value is one of the inputs, unchanged (returned as it came in)."""
    pre = f"{path}: " if path else ""
    for name, v in ctx.flat_inputs(ctx.cases[i]):
        a = arr(v)
        if a is None or a.shape != g.shape or not a.size:
            continue
        if a.size == 1 and (a.dtype.kind != "f" or float(a) in (0.0, 1.0)):
            continue  # one small whole number equals many things by chance
        if close(a, g, *ctx.tol()) and not close(a, e, *ctx.tol()):
            return Finding(f"unchanged:{name}", f"{pre}this is the input {name} itself, unchanged (returned as it "
                           f"came in): {name} is never updated or transformed, or the wrong variable is returned",
                           kind="unchanged_input")
    return None


def _right_values(ctx: Ctx, i: int, out) -> list[Finding]:
    row = ctx.rows[i]
    found = []
    if "numpy warned" in (row.reason or ""):
        advice = masks.warning_advice(out.warnings)
        w = out.warnings[0].split(": ", 1)[-1] if out.warnings else "a warning"
        found.append(Finding("warning:" + w.split(" encountered")[0].replace(" ", "_"),
                             f"The values are right, but numpy warned \"{w}\": {advice or 'make it numerically stable'}"
                             ". The values come out right here only by luck; a stable form gives them without "
                             "warnings (beware: np.where computes BOTH branches, so it does not avoid the "
                             "overflow).", kind="warning", whole=True))
    mut = mutation.finding(ctx, i, out)
    if mut is not None:
        found.append(mut)
    return found


# ------------------------------------------------------------------------- probes
def _probe_findings(ctx: Ctx, failing: list[int]) -> list[tuple[Finding, float, list[int]]]:
    if ctx.probes is None or not failing:
        return []
    plan = probe_plan(ctx.ex, ctx.cases)
    if not plan:
        return []
    outs = ctx.probes.outcomes(plan)
    if not outs or len(outs) != len(plan):
        return []
    from . import probing

    return probing.analyse(ctx, plan, outs, failing)
