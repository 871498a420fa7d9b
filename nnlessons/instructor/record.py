"""Record the replay tables of the learner bundle: what each exercise's reference and
known mistakes do on its public cases (see `nnlessons.exercises.replay`, which loads
them where this folder is absent)."""
from __future__ import annotations

import inspect
import json
from typing import Any

import numpy as np

from ..exercises import analysis, replay, runner, wire
from ..exercises.diagnose import reference_queries
from ..exercises.diagnose.context import output_names

__all__ = ["record", "dumps"]


def _same(a: np.ndarray, b) -> bool:
    return (isinstance(b, np.ndarray) and a.shape == b.shape and a.dtype == b.dtype
            and np.array_equal(a, b, equal_nan=a.dtype.kind in "fc"))


def _record_call(fn, case, calls: dict) -> None:
    args, kwargs = runner.materialise(case.args), runner.materialise(case.kwargs)
    key = replay.call_key(args, kwargs)
    out = runner.call_case(fn, case)
    rec: dict[str, Any] = {"status": out.status}
    if out.status == "ok":
        rec["value"] = wire.to_plain(out.value)
    if out.error:
        rec["error"] = out.error.splitlines()[0]
    if out.warnings:
        rec["warnings"] = list(out.warnings)
    if not all(_same(a, b) for a, b in zip(runner.array_args(args, kwargs), out.args_after)):
        rec["args_after"] = [wire.to_plain(b) for b in out.args_after]
    calls[key] = rec


def _signature_spec(fn) -> list:
    out = []
    for p in inspect.signature(fn).parameters.values():
        item = [p.name, p.kind.name]
        if p.default is not inspect.Parameter.empty:
            item.append(wire.to_plain(p.default))
        out.append(item)
    return out


def _detect_name(exercise: str, mistake) -> str | None:
    if mistake.detect is None:
        return None
    name = getattr(mistake.detect, "__name__", "")
    if getattr(analysis, name, None) is not mistake.detect:
        raise ValueError(f"the detect rule of {exercise}'s mistake {mistake.name!r} must be a function "
                         "of nnlessons.exercises.analysis (it ships in the learner bundle)")
    return name


def record(exercises: dict | None = None) -> dict:
    """The replay tables (plain data): per exercise, its reference's signature and its
    outcome on each public case (and on every input the diagnosis engine asks it about for
    them: `diagnose.reference_queries`), and its known mistakes (name, hint, the name of its
    `analysis` detect rule) with their outcomes on the public cases. Accuracy-graded
    exercises keep their signature and mistakes but record no outcomes."""
    from ..exercises.registry import EXERCISES

    tables: dict[str, Any] = {}
    for name, ex in (EXERCISES if exercises is None else exercises).items():
        cases = ex.public_cases() if ex.accuracy is None else []
        entry: dict[str, Any] = {"signature": _signature_spec(ex.reference), "calls": {}, "mistakes": []}
        names = output_names(ex.reference)
        if names:
            entry["returns"] = list(names)  # what the returned tuple holds, for the feedback's words
        for case in cases:
            _record_call(ex.reference, case, entry["calls"])
        for case in (reference_queries(ex, cases) if cases else []):  # what the diagnosis asks on them
            _record_call(ex.reference, case, entry["calls"])
        for m in ex.mistakes:
            item: dict[str, Any] = {"name": m.name, "hint": m.hint, "calls": {}}
            detect = _detect_name(name, m)
            if detect:
                item["detect"] = detect
            for case in cases:
                _record_call(m.fn, case, item["calls"])
            entry["mistakes"].append(item)
        tables[name] = entry
    return {"format": replay.FORMAT, "exercises": tables}


def dumps(tables: dict) -> str:
    """The tables as the JSON text of ``expected.json``."""
    return json.dumps(tables, separators=(",", ":"))
