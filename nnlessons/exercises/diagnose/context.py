"""What the engine knows about one evaluation: the exercise, its cases and outcomes, the
expected outputs, the reference (which may be unavailable: a learner bundle only knows
the public cases), and how to say where something happens without revealing hidden inputs."""
from __future__ import annotations

import inspect
import warnings
from functools import cached_property

import numpy as np

from .. import runner
from ..compare import _plain_array
from ..spec import Case, Exercise, Fn

__all__ = ["Unavailable", "Ctx", "arr", "close", "quiet"]


class Unavailable(Exception):
    """The reference cannot be called on these inputs (or raised on them)."""


def quiet(fn, *args, **kwargs):
    """`fn(*args, **kwargs)` with numpy's warnings silenced."""
    with warnings.catch_warnings(), np.errstate(all="ignore"):
        warnings.simplefilter("ignore")
        return fn(*args, **kwargs)


def arr(x) -> np.ndarray | None:
    """A plain numeric array for a number or array (None for anything else)."""
    return _plain_array(x)


def close(a, b, rtol: float = 1e-6, atol: float = 1e-9) -> bool:
    """Whether two numeric values have the same shape and (as floats) the same values;
    nan equals nan. Any structure (tuple, dict) must match exactly."""
    if isinstance(a, (tuple, list)) or isinstance(b, (tuple, list)):
        return (type(a) in (tuple, list) and type(b) in (tuple, list) and len(a) == len(b)
                and all(close(x, y, rtol, atol) for x, y in zip(a, b)))
    if isinstance(a, dict) or isinstance(b, dict):
        return type(a) is dict and type(b) is dict and set(a) == set(b) and all(
            close(a[k], b[k], rtol, atol) for k in a)
    x, y = arr(a), arr(b)
    if x is None or y is None or x.shape != y.shape:
        return False
    with np.errstate(all="ignore"):
        return bool(np.allclose(x.astype(float), y.astype(float), rtol=rtol, atol=atol, equal_nan=True))


class Ctx:
    """One evaluation, as the detectors see it."""

    def __init__(self, ex: Exercise, cases: list[Case], outcomes: list, rows: list, reveal: bool,
                 probes=None, judge=None):
        self.ex, self.cases, self.outcomes, self.rows = ex, cases, outcomes, rows
        self.reveal, self.probes, self.judge = reveal, probes, judge
        self._expected: dict[int, object] = {}

    # ------------------------------------------------------------------ signature
    @cached_property
    def params(self) -> list[inspect.Parameter]:
        try:
            return list(inspect.signature(self.ex.reference).parameters.values())
        except (TypeError, ValueError):
            return []

    def inputs(self, case: Case) -> list[tuple[str, object]]:
        """The case's arguments by name (positional first, then keywords)."""
        names = [p.name for p in self.params]
        out = [(names[i] if i < len(names) else f"argument {i + 1}", v) for i, v in enumerate(case.args)]
        return out + list(case.kwargs.items())

    def flat_inputs(self, case: Case) -> list[tuple[str, object]]:
        """The case's arguments by name, and the entries of its dict arguments as the learner
        writes them (``params['W1']``)."""
        out = []
        for name, v in self.inputs(case):
            out.append((name, v))
            if type(v) is dict:
                out += [(f"{name}[{k!r}]", x) for k, x in v.items()]
        return out

    @cached_property
    def output_names(self) -> tuple | None:
        """What the reference's returned tuple holds, read from its ``return a, b`` (a name,
        or the parameter an expression updates: ``w - lr * dw`` is ``w``); None if unknown."""
        recorded = getattr(self.ex.reference, "output_names", None)  # a replayed reference (bundle)
        return tuple(recorded) if recorded else output_names(self.ex.reference)

    def default(self, name: str):
        for p in self.params:
            if p.name == name and p.default is not inspect.Parameter.empty:
                return p.default
        raise KeyError(name)

    # ------------------------------------------------------------------ reference
    def ref(self, args: tuple, kwargs: dict):
        """The reference's output on these inputs (copies), or `Unavailable`."""
        try:
            return quiet(self.ex.reference, *runner.materialise(tuple(args)), **runner.materialise(dict(kwargs)))
        except Exception as exc:  # UnknownInputs in a bundle, or inputs the reference refuses
            raise Unavailable(str(exc)) from None

    def expected(self, i: int):
        if i not in self._expected:
            c = self.cases[i]
            self._expected[i] = self.ref(c.args, c.kwargs)
        return self._expected[i]

    def tol(self) -> tuple[float, float]:
        return self.ex.rtol, self.ex.atol

    def close(self, a, b) -> bool:
        return close(a, b, *self.tol())

    # ------------------------------------------------------------------ words
    def label(self, i: int) -> str:
        case = self.cases[i]
        if self.reveal and case.label:
            return f"the case '{case.label}'"
        return f"hidden case {i + 1}" if not self.reveal else f"case {i + 1}"

    def failing(self) -> list[int]:
        return [i for i, r in enumerate(self.rows) if not r.passed]

    def arg_words(self, name: str, value) -> str:
        """``lr = 0.1`` when inputs may be shown, else just the name."""
        if self.reveal and not isinstance(value, (np.ndarray, list, dict, Fn)):
            return f"{name} = {value!r}" if isinstance(value, str) else f"{name} = {value:g}" \
                if isinstance(value, (int, float, np.number)) and not isinstance(value, bool) else name
        return name


def output_names(fn, n: int | None = None) -> tuple | None:
    """Names for the values a function returns: from its last ``return a, b`` (a name, or
    the parameter an expression updates), else from its docstring's ``(slope, intercept)``."""
    return _return_names(fn) or _docstring_names(fn)


def _docstring_names(fn) -> tuple | None:
    """The names in a docstring's returned tuple: a parenthesised list of names (each may be
    followed by its shape) after "->", "returns" or "the", or opening the docstring."""
    import re

    doc = " ".join((getattr(fn, "__doc__", None) or "").split())
    for m in re.finditer(r"(^|->|returns?(?: the new)?|the) ?\(", doc):
        depth, items, cur = 1, [], ""
        for ch in doc[m.end():]:
            if ch == "(":
                depth += 1
            elif ch == ")":
                depth -= 1
                if depth == 0:
                    break
            if ch == "," and depth == 1:
                items.append(cur)
                cur = ""
            else:
                cur += ch
        items.append(cur)
        names = tuple(it.strip().split(" ")[0] for it in items)
        if len(names) > 1 and all(x.isidentifier() for x in names) and len(set(names)) == len(names):
            return names
    return None


def _return_names(fn) -> tuple | None:
    """Names for the values a function returns, from its last ``return`` of a tuple."""
    import ast
    import textwrap

    try:
        tree = ast.parse(textwrap.dedent(inspect.getsource(fn)))
        params = set(inspect.signature(fn).parameters)
    except (OSError, TypeError, ValueError, SyntaxError):
        return None
    rets = [n for n in ast.walk(tree) if isinstance(n, ast.Return) and isinstance(n.value, ast.Tuple)]
    if not rets:
        return None

    def name(node):
        if isinstance(node, ast.Name):
            return node.id
        if isinstance(node, ast.BinOp) and isinstance(node.left, ast.Name) and node.left.id in params:
            return node.left.id
        return None

    names = tuple(name(e) for e in rets[-1].value.elts)
    if None in names or len(set(names)) != len(names):
        return None
    return names
