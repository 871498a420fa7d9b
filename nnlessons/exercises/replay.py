"""Recorded outcomes of the references and known mistakes, for the learner bundle.

`check` only ever runs an exercise's reference and its known mistakes on the exercise's
PUBLIC cases (seeded, the same every run). So the learner bundle needs no answer code:
``nnlessons release`` records, for every exercise, what the reference and each known
mistake did on every public case (``nnlessons.instructor.record``), as plain data
(`wire`, JSON, never pickle) in ``nnlessons/exercises/expected.json``, and leaves the
instructor's folder out. Where that folder is absent, the registry's answer key comes
from `load`: `Replay` callables with the same signatures and names, which look the
outcome up by the call's inputs (`call_key`) and raise `UnknownInputs` for any other
input ("the learner bundle only knows the public cases").

Not recorded: the outcomes of the exercises graded by accuracy (``train_mlp``,
``train_digits``). Their reference is never called by `check` (the learner's result is
measured, not compared) and their mistakes are recognised by ``detect`` rules, which
are code in `analysis` and ship; recording trained weights would hand out a model that
passes.

A replayed call does what the recorded one did, as far as `runner.call_case` can tell:
it returns the same value, raises an exception of the same type, emits the same
warnings, and leaves its array arguments as the original left them.
"""
from __future__ import annotations

import builtins
import hashlib
import inspect
import json
import warnings
from pathlib import Path

import numpy as np

from . import analysis, wire
from .runner import array_args
from .spec import Fn, Mistake

__all__ = ["TABLE_FILE", "FORMAT", "UnknownInputs", "Replay", "call_key", "load"]

TABLE_FILE = "expected.json"
FORMAT = 2


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
            for a, b in zip(array_args(args, kwargs), after):
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


# ------------------------------------------------------------------------------ load
def load(tables: dict | None = None) -> tuple[dict, dict]:
    """The answer key from the tables (default: this folder's ``expected.json``):
    ``(references, mistakes)``, both keyed by exercise name: a `Replay` of each
    exercise's reference, and a tuple of its `Mistake`s with `Replay` functions, their
    hints and detect rules."""
    if tables is None:
        path = Path(__file__).with_name(TABLE_FILE)
        if not path.is_file():
            raise FileNotFoundError(f"{path} is missing: this learner bundle is incomplete; "
                                    "rebuild it with `nnlessons release`")
        tables = json.loads(path.read_text(encoding="utf-8"))
    if tables.get("format") != FORMAT:
        raise ValueError(f"{TABLE_FILE} has format {tables.get('format')!r}, expected {FORMAT}: "
                         "rebuild the bundle with this version of `nnlessons release`")
    references, mistakes = {}, {}
    for name, e in tables["exercises"].items():
        references[name] = Replay(name, f"the reference {name}", e["calls"], e["signature"])
        references[name].output_names = tuple(e["returns"]) if e.get("returns") else None
        mistakes[name] = tuple(
            Mistake(m["name"], Replay(name, f"the known mistake {m['name']!r} of {name}", m["calls"]),
                    m["hint"], detect=getattr(analysis, m["detect"]) if m.get("detect") else None)
            for m in e["mistakes"])
    return references, mistakes
