"""A reduction too many, too few or over the wrong axis: one number where many are expected
(or many where one is), one value per feature where one per example belongs, the sum or
mean of an input over the other axis, a sum or mean of yours that gives the answer."""
from __future__ import annotations

import numpy as np

from .. import fmt
from ..context import arr
from ..finding import Finding
from .pair import Pair, close

__all__ = ["axis_of_inputs", "between", "input_reduction", "one_expected", "one_returned", "other_axis"]


def one_expected(p: Pair) -> list[Finding]:
    """One number is expected and you return many: their sum, their mean, or something else."""
    e, g, gf = p.e, p.g, p.gf
    if not (e.ndim == 0 and g.ndim >= 1 and g.size > 1):
        return []
    if p.close(np.asarray(gf.sum()), p.ef):
        return [Finding("reduce:sum_missing", f"{p.pre}one number is expected: your values add up to "
                        "the right answer; return their sum (np.sum)", kind="reduction")]
    if p.close(np.asarray(gf.mean()), p.ef):
        return [Finding("reduce:mean_missing", f"{p.pre}one number is expected, but you return one value "
                        f"per entry ({fmt.shape(g.shape)}); their mean is the answer: average them "
                        "(np.mean) into a single number", kind="reduction")]
    return [Finding("reduce:not_scalar", f"{p.pre}one single number is expected, but you return an "
                    f"array of shape {fmt.shape(g.shape)}: reduce over every entry (e.g. np.mean "
                    "without an axis)", kind="reduction")]


def one_returned(p: Pair) -> list[Finding]:
    """An array is expected and you return one number: its sum, mean, first or largest value,
    or something else."""
    e, g, ef, tol = p.e, p.g, p.ef, p.tol
    if not (e.ndim >= 1 and e.size > 1 and g.size == 1):
        return []
    gs = float(p.gf.reshape(()))
    checks = [("sum", float(ef.sum()), "everything was added up into one number"),
              ("mean", float(ef.mean()), "everything was averaged into one number"),
              ("first", float(ef.reshape(-1)[0]), "only the first value was computed (a return "
                                                   "inside a loop, or x[0]?)"),
              ("max", float(ef.max()), "only the largest value was kept")]
    for key, v, why in checks:
        if np.isclose(gs, v, rtol=tol[0], atol=tol[1]):
            return [Finding(f"reduce:{key}", f"{p.pre}{why}: an array of shape {fmt.shape(e.shape)} is "
                            "expected (reduce over the right axis only, or not at all)", kind="reduction")]
    return [Finding("reduce:scalar", f"{p.pre}an array of shape {fmt.shape(e.shape)} is expected, but you return "
                    "a single number: one value per entry (per example, per weight) must stay",
                    kind="reduction")]


def _input_shapes(p: Pair) -> list[tuple[str, tuple[int, ...]]]:
    """(name, shape) of the case's array inputs, the entries of dict inputs included."""
    named = []
    for name, v in p.inputs():
        named.append((name, v))
        if type(v) is dict:
            named += [(f"{name}[{k!r}]", x) for k, x in v.items()]
    return [(n, a.shape) for n, v in named if (a := arr(v)) is not None and a.ndim >= 1]


def axis_of_inputs(p: Pair) -> list[Finding]:
    """As many axes, another length first, and the inputs say why: one value per feature (or
    class, or row of another input) where one per example is expected."""
    e, g = p.e, p.g
    if not p.known or e.ndim != g.ndim or e.ndim < 1 or e.shape[0] == g.shape[0]:
        return []
    shapes = _input_shapes(p)
    per_example = [n for n, sh in shapes if sh[0] == e.shape[0] and len(sh) >= 2]
    other = [(n, ax) for n, sh in shapes for ax, size in enumerate(sh) if size == g.shape[0]
             and not (ax == 0 and n in per_example)]
    if per_example and other:
        n, ax = other[0]
        return [Finding("shape:axis", f"{p.pre}shape {fmt.shape(g.shape)} where {fmt.shape(e.shape)} is expected: "
                        f"one value per entry of axis {ax} of {n} instead of one per example (a row of "
                        f"{per_example[0]}): the sum, mean or argmax runs over the wrong axis (keep axis 0, the "
                        "examples: reduce with axis=1 or axis=-1)", kind="reduction")]
    rows_of = [n for n, sh in shapes if sh[0] == g.shape[0] and len(sh) >= 2]
    if shapes and any(sh[-1] == e.shape[0] for _, sh in shapes) and rows_of:
        return [Finding("shape:axis", f"{p.pre}shape {fmt.shape(g.shape)} where {fmt.shape(e.shape)} is expected: "
                        f"one value per row of {rows_of[0]} instead of one per column: the reduction runs over "
                        "the wrong axis (axis=0 sums down the columns, over the examples)", kind="reduction")]
    return []


def input_reduction(p: Pair) -> Finding | None:
    """Yours is a sum, mean or max of a 2-D input over the OTHER axis than the one the expected
    reduction runs over (all of it, or its first entries when the sizes differ)."""
    ef, gf, tol = p.ef, p.gf, p.tol
    if not p.known or ef.ndim != 1 or gf.ndim != 1:
        return None
    for name, v in p.flat_inputs():
        a = arr(v)
        if a is None or a.ndim != 2 or a.dtype.kind != "f":
            continue
        for ax in (0, 1):
            for red, f in (("sum", np.sum), ("mean", np.mean), ("max", np.max)):
                right, mine = f(a, axis=ax), f(a, axis=1 - ax)
                if right.shape != ef.shape or not close(right, ef, *tol) or mine.size < gf.size:
                    continue
                if close(mine[:gf.size], gf, *tol) and not close(mine[:gf.size], right[:gf.size], *tol):
                    cut = "" if mine.size == gf.size else f" (its first {gf.size} entries)"
                    return Finding(f"reduce:axis({name})", f"{p.pre}your values are the {red} of {name} over axis "
                                   f"{1 - ax}{cut}, one per {'column' if ax == 1 else 'row'}; the {red} over axis "
                                   f"{ax} is expected: {name}.{red}(axis={ax}) (the reduction runs over the wrong "
                                   "axis)", kind="reduction")
    return None


def other_axis(p: Pair) -> list[Finding]:
    """`input_reduction` as a list."""
    found = input_reduction(p)
    return [] if found is None else [found]


def _reduction_between(big: np.ndarray, small: np.ndarray, tol) -> tuple[str, int] | None:
    """("sum" or "mean", axis) when reducing `big` (one more axis) along an axis gives `small`."""
    if big.ndim != small.ndim + 1:
        return None
    for ax in range(big.ndim):
        for name, f in (("sum", np.sum), ("mean", np.mean)):
            r = f(big, axis=ax)
            if r.shape == small.shape and close(r, small, *tol):
                return name, ax
    return None


_BETWEEN = [("reduce:{name}_axis", "the {name} over axis {ax} of your values is the answer, so that reduction "
             "is missing"),
            ("reduce:extra_{name}", "you took the {name} over axis {ax}, which should stay (one value per example)")]
"""(id, words) when yours has one axis more and its sum or mean is the answer (the reduction
is missing), and when it has one fewer and is the answer's sum or mean (one too many)."""


def between(p: Pair) -> list[Finding]:
    """A sum or mean over one axis turns yours into the answer (missing), or the answer into
    yours (one too many)."""
    for (big, small), (key, words) in zip(((p.gf, p.ef), (p.ef, p.gf)), _BETWEEN):
        found = _reduction_between(big, small, p.tol)
        if found:
            name, ax = found
            return [Finding(key.format(name=name), f"{p.pre}shape {fmt.shape(p.g.shape)} where "
                            f"{fmt.shape(p.e.shape)} is expected: " + words.format(name=name, ax=ax),
                            kind="reduction")]
    return []
