"""Probing: call the learner's function again on small diagnostic inputs derived from a
graded case, to tell a wrong sign from a frozen parameter from a wrong count.

`probe_plan(ex, cases)` is deterministic and needs no reference: the grader sends it to
the sandboxed child with the graded cases, the child runs it after every graded outcome
is sent (the results feed feedback only, never points), and `evaluate` gets them back.
`check` runs the same plan in-process, only when a function fails (`LiveProbes`).

Kinds of probe, per base case (the first two graded cases):
- ``ignored``: one argument changed (an integer + 1, a float doubled, an array doubled): if
  the learner's output does not move while the right one does, that argument is ignored.
- ``count``: an integer argument set to 0, 1 and 2 (epochs, a step count): a loop that runs
  once too often, a parameter that never changes, a first step in the wrong direction.
- ``single``: the batch cut to its first example: right for one example but not a batch.
- ``zero``: gradient arguments (``dw`` for ``w``...) set to zeros: nothing may move.
"""
from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np

from ..spec import Case, Exercise, Fn

__all__ = ["Probe", "probe_plan", "RecordedProbes", "SLOW"]

SLOW = 30.0
"""Exercises whose time limit is above this many seconds (training a network) get count
probes only: a few short trainings, not one per argument."""


@dataclass(frozen=True)
class Probe:
    """One diagnostic call: what it changes (`kind`, `param`, `value`) in graded case `base`."""

    kind: str
    base: int
    param: str
    value: object
    case: Case


def _names(ex: Exercise, case: Case) -> list[str]:
    import inspect

    try:
        params = [p.name for p in inspect.signature(ex.reference).parameters.values()]
    except (TypeError, ValueError):
        params = []
    return [params[i] if i < len(params) else f"arg{i}" for i in range(len(case.args))]


def _with(case: Case, names: list[str], changes: dict) -> Case:
    args, kwargs = list(case.args), dict(case.kwargs)
    for name, value in changes.items():
        if name in kwargs:
            kwargs[name] = value
        else:
            args[names.index(name)] = value
    return replace(case, args=tuple(args), kwargs=kwargs, label="probe", grade={})


def _is_int(v) -> bool:
    return isinstance(v, (int, np.integer)) and not isinstance(v, (bool, np.bool_))


def _is_float(v) -> bool:
    return isinstance(v, (float, np.floating))


def _changed(v):
    """An argument changed so that a function using it must give another result (or None):
    not a scaled copy (a ReLU's step or a softmax would not notice), an affine change."""
    if _is_int(v):
        return int(v) + 1
    if _is_float(v):
        return float(v) * -1.5 + 0.37
    if isinstance(v, np.ndarray) and v.dtype.kind == "f" and v.size and not isinstance(v, Fn):
        return v * -1.5 + 0.37
    return None


def _batch(case: Case, names: list[str]) -> dict:
    """The batch arguments cut to their first example (empty if there is no batch)."""
    arrays = [(n, v) for n, v in zip(names, case.args) if isinstance(v, np.ndarray) and v.ndim >= 1]
    m = next((v.shape[0] for _, v in arrays if v.ndim >= 2), None)
    if m is None:
        firsts = [v.shape[0] for _, v in arrays]
        m = next((n for n in firsts if firsts.count(n) > 1), None)
    if not m or m <= 1:
        return {}
    return {n: v[:1].copy() for n, v in arrays if v.shape[0] == m}


def probe_plan(ex: Exercise, cases: list[Case]) -> list[Probe]:
    """The diagnostic calls for an exercise's graded cases (deterministic, no reference)."""
    plan: list[Probe] = []
    slow = ex.time_limit > SLOW
    for base, case in enumerate(cases[:2]):
        names = _names(ex, case)
        items = list(zip(names, case.args)) + list(case.kwargs.items())
        ints = sorted([(int(v), n) for n, v in items if _is_int(v) and int(v) >= 1], reverse=True)[:2]
        for _, n in ints:
            for k in (0, 1, 2):
                if k != int(dict(items)[n]):
                    plan.append(Probe("count", base, n, k, _with(case, names, {n: k})))
        if slow:  # one probe with other data: what does not depend on it was never trained
            first = next(((n, v) for n, v in items if isinstance(v, np.ndarray) and v.dtype.kind == "f"), None)
            if first is not None and base == 0:
                plan.append(Probe("ignored", base, first[0], None, _with(case, names, {first[0]: _changed(first[1])})))
            continue
        for n, v in items:
            new = _changed(v)
            if new is not None:
                plan.append(Probe("ignored", base, n, None, _with(case, names, {n: new})))
        single = _batch(case, names)
        if single:
            plan.append(Probe("single", base, "", None, _with(case, names, single)))
        grads = {n: np.zeros_like(v) for n, v in items
                 if n.startswith("d") and n[1:] in dict(items) and isinstance(v, np.ndarray)}
        grads.update({n: 0.0 for n, v in items if n.startswith("d") and n[1:] in dict(items) and _is_float(v)})
        if grads:
            plan.append(Probe("zero", base, ", ".join(grads), None, _with(case, names, grads)))
    if not slow:  # a keyword argument only some cases give: probe it where it is first given
        seen = {n for c in cases[:2] for n in c.kwargs}
        for base, case in enumerate(cases[2:], start=2):
            for n, v in case.kwargs.items():
                new = _changed(v)
                if n not in seen and new is not None:
                    seen.add(n)
                    plan.append(Probe("ignored", base, n, None, _with(case, _names(ex, case), {n: new})))
    return plan


class RecordedProbes:
    """Probe results computed elsewhere (by the grader's sandboxed child): the outcomes of
    `probe_plan` in order, and the traced re-run of the graded cases (or None)."""

    def __init__(self, outcomes: list | None, traced: list | None = None):
        self._outcomes, self._traced = outcomes, traced

    def outcomes(self, plan) -> list | None:
        return self._outcomes if self._outcomes is not None and len(self._outcomes) == len(plan) else None

    def traced(self) -> list | None:
        return self._traced
