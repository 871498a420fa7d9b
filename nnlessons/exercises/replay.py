"""Recorded outcomes of the references and known mistakes, for the learner bundle.

`check` only ever runs an exercise's reference and its known mistakes on the exercise's
PUBLIC cases (seeded, the same every run). So the learner bundle needs no reference or
mistake code: ``nnlessons release`` records, for every exercise, what the reference and
each known mistake did on every public case (`record`), as plain data (`wire`, JSON,
never pickle) in ``nnlessons/exercises/expected.json``, and leaves ``references.py`` and
``mistakes.py`` out. Where ``references.py`` is absent (`ACTIVE`), the registry takes
its references and mistakes from `load`: `Replay` callables with the same signatures
and names, which look the outcome up by the call's inputs (`call_key`) and raise
`UnknownInputs` for any other input ("the learner bundle only knows the public cases").

Not recorded: the exercises graded by accuracy (``train_mlp``, ``train_digits``). Their
reference is never called by `check` (the learner's result is measured, not compared)
and their mistakes are recognised by ``detect`` rules, which are code in `analysis`
and ship; recording trained weights would hand out a model that passes.

A replayed call does what the recorded one did, as far as `runner.call_case` can tell:
it returns the same value, raises an exception of the same type, emits the same
warnings, and leaves its array arguments as the original left them.
"""
from __future__ import annotations

import builtins
import hashlib
import importlib.util
import inspect
import json
import types
import warnings
from pathlib import Path
from typing import Any

import numpy as np

from . import analysis, runner, wire
from .spec import Fn, Mistake

__all__ = ["ACTIVE", "TABLE_FILE", "UnknownInputs", "Replay", "call_key", "record", "dumps", "load"]

TABLE_FILE = "expected.json"
FORMAT = 1

ACTIVE: bool = importlib.util.find_spec(f"{__package__}.references") is None
"""True in the learner bundle (no ``references.py``): the registry replays `load`'s tables."""


class UnknownInputs(LookupError):
    """A replayed function was called with inputs that are not one of the public cases."""


# ------------------------------------------------------------------------------ keys
def _feed(h, x) -> None:
    src = x.source if isinstance(x, Fn) else getattr(x, "fn_source", None) if callable(x) else None
    if isinstance(src, str):
        h.update(b"F%d;" % len(src) + src.encode())
    elif isinstance(x, (np.ndarray, np.generic)):
        a = np.array(x, order="C", copy=True)
        h.update(f"{'A' if isinstance(x, np.ndarray) else 'S'}{a.dtype.str}{a.shape};".encode())
        h.update(a.tobytes())
    elif x is None or type(x) in (bool, int, float, str):
        r = repr(x)
        h.update(f"{type(x).__name__}{len(r)};{r}".encode())
    elif type(x) in (tuple, list):
        h.update(f"{type(x).__name__}{len(x)};".encode())
        for v in x:
            _feed(h, v)
    elif type(x) is dict:
        h.update(f"dict{len(x)};".encode())
        for k, v in x.items():
            _feed(h, k)
            _feed(h, v)
    else:
        raise UnknownInputs(f"an argument of type {type(x).__name__} is not one of the public cases' inputs")


def call_key(args, kwargs) -> str:
    """A stable key of a call's inputs: sha256 over the types, shapes, dtypes and bytes
    of the arguments (a function argument built from an `Fn` counts as its source)."""
    h = hashlib.sha256()
    _feed(h, (tuple(args), dict(kwargs)))
    return h.hexdigest()


# ------------------------------------------------------------------------------ replay
def _exception(line: str) -> BaseException:
    name, _, message = line.partition(":")
    name = name.strip()
    cls = getattr(builtins, name, None)
    if not (isinstance(cls, type) and issubclass(cls, Exception)):
        cls = type(name, (Exception,), {})
    return cls(message.strip())


def _warn(text: str) -> None:
    name, _, message = text.partition(": ")
    cls = getattr(builtins, name, None)
    if not (isinstance(cls, type) and issubclass(cls, Warning)):
        cls = type(name, (UserWarning,), {})
    warnings.warn(message, cls, stacklevel=3)


def _signature(spec: list) -> inspect.Signature:
    params = []
    for name, kind, *default in spec:
        extra = {"default": wire.from_plain(default[0])} if default else {}
        params.append(inspect.Parameter(name, getattr(inspect.Parameter, kind), **extra))
    return inspect.Signature(params)


class Replay:
    """Stands for a reference or a known mistake in the learner bundle: called with one
    of the public cases' inputs it does what the original did; with anything else it
    raises `UnknownInputs`."""

    def __init__(self, name: str, what: str, calls: dict[str, dict], signature: list | None = None):
        self.__name__ = self.__qualname__ = name
        self.__doc__ = f"{what}, replayed from the outcomes recorded on the public cases."
        self._what = what
        self._calls = calls
        if signature is not None:
            self.__signature__ = _signature(signature)

    def __call__(self, *args, **kwargs):
        rec = self._calls.get(call_key(args, kwargs))
        if rec is None:
            raise UnknownInputs(f"{self._what}: the learner bundle only knows the public cases, "
                                "and these inputs are not one of them")
        after = rec.get("args_after")
        if after is not None:
            for a, b in zip([a for a in args if isinstance(a, np.ndarray)], after):
                np.copyto(a, wire.from_plain(b), casting="unsafe")
        for text in rec.get("warnings", ()):
            _warn(text)
        if rec["status"] == "not_implemented":
            raise NotImplementedError()
        if rec["status"] != "ok":
            raise _exception(rec.get("error", "Exception: (recorded without a message)"))
        return wire.from_plain(rec["value"])

    def __repr__(self) -> str:
        return f"<replay of {self._what}>"


# ------------------------------------------------------------------------------ record
def _same(a: np.ndarray, b) -> bool:
    return (isinstance(b, np.ndarray) and a.shape == b.shape and a.dtype == b.dtype
            and np.array_equal(a, b, equal_nan=a.dtype.kind in "fc"))


def _record_call(fn, case, namespace: dict, driver: str, calls: dict) -> None:
    args, kwargs = runner.materialise(case.args), runner.materialise(case.kwargs)
    key = call_key(args, kwargs)
    out = runner.call_case(fn, case, namespace, driver)
    if out.status == "timeout":  # pragma: no cover (call_case has no time limit)
        raise RuntimeError(f"{fn!r} timed out on {case.label!r}")
    rec: dict[str, Any] = {"status": out.status}
    if out.status == "ok":
        rec["value"] = wire.to_plain(out.value)
    if out.error:
        rec["error"] = out.error.splitlines()[0]
    if out.warnings:
        rec["warnings"] = list(out.warnings)
    before = [a for a in args if isinstance(a, np.ndarray)]
    if not all(_same(a, b) for a, b in zip(before, out.args_after)):
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


def record(exercises: dict | None = None) -> dict:
    """The replay tables (plain data) of the registry's exercises: every reference
    function of `references` with its signature and its outcome on each public case of
    the exercise it answers, and every exercise's known mistakes (name, hint, the name
    of its `analysis` detect rule) with their outcomes on the public cases.

    Needs the real references and mistakes (the course repository, not the bundle)."""
    if ACTIVE:
        raise RuntimeError("the replay tables can only be recorded where the references are: "
                           "in the course repository, not in a learner bundle")
    from . import references as R
    from .registry import EXERCISES

    exercises = EXERCISES if exercises is None else exercises
    refs = {n: {"signature": _signature_spec(getattr(R, n)), "calls": {}} for n in R.__all__}
    by_fn = {id(getattr(R, n)): n for n in refs}
    mistakes: dict[str, list] = {}
    for name, ex in exercises.items():
        replayed = "accuracy" not in ex.extra  # see the module docstring
        cases = ex.public_cases() if replayed else []
        ref = by_fn.get(id(ex.reference))
        for case in cases if ref else []:
            _record_call(ex.reference, case, {}, ex.driver, refs[ref]["calls"])
        mistakes[name] = []
        for m in ex.mistakes:
            item: dict[str, Any] = {"name": m.name, "hint": m.hint, "calls": {}}
            if m.detect is not None:
                detect = getattr(m.detect, "__name__", "")
                if getattr(analysis, detect, None) is not m.detect:
                    raise ValueError(f"the detect rule of {name}'s mistake {m.name!r} must be a function "
                                     "of nnlessons.exercises.analysis (it ships in the learner bundle)")
                item["detect"] = detect
            for case in cases:
                _record_call(m.fn, case, m.namespace, ex.driver, item["calls"])
            mistakes[name].append(item)
    return {"format": FORMAT, "references": refs, "mistakes": mistakes}


def dumps(tables: dict) -> str:
    """The tables as the JSON text of ``expected.json``."""
    return json.dumps(tables, separators=(",", ":"))


# ------------------------------------------------------------------------------ load
def load(tables: dict | None = None) -> tuple[types.SimpleNamespace, dict[str, list[Mistake]]]:
    """``(R, MISTAKES)`` from the tables (default: this folder's ``expected.json``): `R`
    has a `Replay` for each reference function of `references`, ``MISTAKES[name]`` the exercise's `Mistake`s
    with `Replay` functions and their hints and detect rules."""
    if tables is None:
        path = Path(__file__).with_name(TABLE_FILE)
        if not path.is_file():
            raise FileNotFoundError(f"{path} is missing: this learner bundle is incomplete; "
                                    "rebuild it with `nnlessons release`")
        tables = json.loads(path.read_text(encoding="utf-8"))
    if tables.get("format") != FORMAT:
        raise ValueError(f"{TABLE_FILE} has format {tables.get('format')!r}, expected {FORMAT}: "
                         "rebuild the bundle with this version of `nnlessons release`")
    refs = {n: Replay(n, f"the reference {n}", e["calls"], e["signature"])
            for n, e in tables["references"].items()}
    R = types.SimpleNamespace(**refs)
    mistakes = {
        name: [Mistake(m["name"], Replay(name, f"the known mistake {m['name']!r} of {name}", m["calls"]),
                       m["hint"], detect=getattr(analysis, m["detect"]) if m.get("detect") else None)
               for m in items]
        for name, items in tables["mistakes"].items()}
    return R, mistakes
