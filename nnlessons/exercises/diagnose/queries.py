"""Every input the engine may ask the reference about, for a list of cases: the one-input
changes of `whatif`, the probe plan, and the extra calls count probes make. The learner
bundle's replay tables record the reference on these too (``nnlessons release``), so
`check` diagnoses the same there as in the instructor's copy."""
from __future__ import annotations

from ..spec import Case, Exercise
from . import whatif
from .context import Ctx
from .probes import probe_plan

__all__ = ["reference_queries"]


def reference_queries(ex: Exercise, cases: list[Case]) -> list[Case]:
    """The inputs (as cases) on which the engine may call `ex.reference` for `cases`."""
    from .probing import count_queries

    ctx = Ctx(ex, cases, [], [], True)
    out = [Case(args, kwargs) for case in cases for args, kwargs, _, _ in whatif.alterations(ctx, case)]
    for p in probe_plan(ex, cases):
        out.append(p.case)
        if p.kind == "count" and p.value == 0:
            out += count_queries(ctx, p.base, p.param)
    return out
