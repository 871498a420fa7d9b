"""Yours is the expected value plus something: nothing computed (all zeros), off by one, an
input added twice or missing (alone, times a scalar input, summed, or as a penalty where its
derivative belongs), a row's max, sum or log-sum-exp, an entry of a list input, or one
constant nobody can name."""
from __future__ import annotations

import numpy as np

from .. import fmt
from ..context import arr, quiet
from ..finding import Finding
from .pair import Pair, nontrivial

__all__ = ["added_terms", "constant", "input_offsets", "list_items", "off_by_one", "row_reductions",
           "scaled_offsets", "zeros"]


def zeros(p: Pair) -> list[Finding]:
    """All zeros where the expected values are not: never computed, or a whole-number
    division (``//``) that rounded a fraction down to 0."""
    if nontrivial(p.gf) or not nontrivial(p.ef):
        return []
    scalars = [float(a) for _, v in p.inputs() if (a := arr(v)) is not None and a.ndim == 0 and a.dtype.kind in "fiu"]
    floor = np.all(np.abs(p.ef) < 1) or any(0 < abs(x) < 2 and x != int(x) for x in scalars)
    also = (", or a whole-number division rounded a fraction down to 0 (// is integer division: 2 // 256 is "
            "0 and 0.1 // 2 is 0.0; divide with /)") if floor and scalars else ""
    return [Finding("zeros:all", f"{p.pre}your values are all 0: nothing was added in, the result was never "
                    f"computed/updated (a loop that never runs, an array left at zeros?){also}", kind="zeros")]


def off_by_one(p: Pair) -> list[Finding]:
    """Whole numbers all one more (or all one less) than expected."""
    d = p.d
    if not (p.whole_numbers and np.all(np.abs(d) == 1) and np.unique(d).size == 1):
        return []
    more = float(d.reshape(-1)[0]) > 0
    return [Finding(f"off_by_one:{'+' if more else '-'}1", f"{p.pre}your {'values are' if d.size > 1 else 'value is'} "
                    f"one {'more' if more else 'less'} than expected (off by one: "
                    + ("a + 1 too many, or rounding up where // rounds down)" if more
                       else "a + 1 missing, or a count that stops one early)"), kind="offset")]


def _scalar_inputs(p: Pair) -> list[tuple[str, float]]:
    """(name, value) of the float scalar inputs that are not 0, 1 or -1."""
    return [(n, float(a)) for n, v in p.flat_inputs() if (a := arr(v)) is not None and a.ndim == 0
            and a.dtype.kind == "f" and float(a) not in (0.0, 1.0, -1.0)]


def scaled_offsets(p: Pair) -> list[Finding]:
    """The difference is a scalar input times an array input (``lam * params['W2']``): that
    term is missing, or added where it does not belong."""
    d = p.d
    scalars = _scalar_inputs(p)
    out = []
    for name, v in p.flat_inputs():
        a = arr(v)
        if a is None or a.ndim == 0 or a.dtype.kind != "f" or not nontrivial(a) or a.shape != d.shape:
            continue
        for c_name, c in scalars:
            if p.close(d, -c * a):
                out.append(Finding(f"offset:-{c_name}*{name}", f"{p.pre}every value is the expected one minus "
                                   f"{c_name} * {name}: the term {c_name} * {name} is missing (add it)",
                                   kind="offset"))
            elif p.close(d, c * a):
                out.append(Finding(f"offset:+{c_name}*{name}", f"{p.pre}every value is the expected one plus "
                                   f"{c_name} * {name}: the term {c_name} * {name} is added where it does not "
                                   "belong (or twice)", kind="offset"))
    return out


def _term_words(p: Pair, key: str, how: str, what: str, base: str, cname: str, other: str) -> str:
    """What an added term `how * what` (where `cname * other` belongs) says."""
    if key == "square":
        return (f"{p.pre}your result adds {how} * {what} to {base}, where {cname} * {other} belongs: the term "
                f"added is the penalty itself, not its derivative (the derivative of {cname} / 2 * w ** 2 is "
                f"{cname} * w)")
    return (f"{p.pre}your result adds {how} * {what} to {base}, where {cname} * {other} belongs (the sign of "
            f"{other} is lost)")


def added_terms(p: Pair) -> list[Finding]:
    """The expected value is an input plus a scalar times another input (dW + lam * W); yours
    adds a scalar times a transform of it (the square: lam / 2 * W ** 2, the penalty itself
    where its derivative belongs)."""
    ef, gf = p.ef, p.gf
    arrays = [(n, a.astype(float)) for n, v in p.flat_inputs() if (a := arr(v)) is not None and a.shape == ef.shape
              and a.ndim >= 1 and a.dtype.kind == "f"]
    scalars = _scalar_inputs(p)
    out = []
    for base, a0 in arrays:
        te, tg = ef - a0, gf - a0
        if not nontrivial(te) or not nontrivial(tg):
            continue
        for other, a1 in arrays:
            for cname, c in scalars:
                if other != base and p.close(te, c * a1):
                    out += _transformed_terms(p, tg, a1, base, other, cname, c)
    return out


def _transformed_terms(p: Pair, tg: np.ndarray, a1: np.ndarray, base: str, other: str, cname: str,
                       c: float) -> list[Finding]:
    """Yours adds `tg` to `base` where `c * a1` belongs: is it (1, 1/2 or 2) * c times the
    square or the absolute value of `a1`?"""
    out = []
    for k, how in ((1.0, cname), (0.5, f"{cname} / 2"), (2.0, f"2 * {cname}")):
        for key, f, what in (("square", np.square, f"{other} ** 2"), ("abs", np.abs, f"|{other}|")):
            if p.close(tg, k * c * quiet(f, a1)):
                out.append(Finding(f"term:{key}", _term_words(p, key, how, what, base, cname, other),
                                   kind="transform"))
    return out


def _offset_words(p: Pair, name: str, a: np.ndarray, shaped: np.ndarray | None) -> list[tuple[str, str]]:
    """(id, words) for each way the difference is input `a`: plus it, minus it, plus its sum,
    or its sum where its own entry belongs (`shaped`: `a` broadcast to the difference)."""
    d, tol = p.d, p.tol
    out = []
    if shaped is not None and p.close(d, shaped):
        out.append((f"offset:+{name}", f"every value is the expected one plus {name}: {name} is added twice (or "
                    "where it does not belong)"))
    if shaped is not None and p.close(d, -shaped):
        out.append((f"offset:-{name}", f"every value is the expected one minus {name}: {name} is missing (add "
                    "it), or subtracted where it is added"))
    if a.ndim >= 1 and a.size > 1 and np.allclose(d, float(a.sum()), rtol=tol[0], atol=tol[1]):
        out.append((f"offset:sum({name})", f"every value is the expected one plus the sum of {name}: all of "
                    f"{name} was added at once (each entry belongs to its own output)"))
    elif (a.ndim == 1 and a.size > 1 and shaped is not None
          and np.allclose(d, float(a.sum()) - shaped, rtol=tol[0], atol=tol[1])):
        out.append((f"offset:sum_for({name})", f"each value gets the SUM of all of {name} where its own entry "
                    f"of {name} belongs: add {name} itself (one entry per output column), not np.sum({name})"))
    return out


def input_offsets(p: Pair) -> list[Finding]:
    """An offset equal to an input (the bias missing or added twice), or to its sum."""
    out = []
    for name, v in p.flat_inputs():
        a = arr(v)
        if a is None or a.dtype.kind not in "fiu" or not nontrivial(a.astype(float)):
            continue
        if p.whole_numbers and a.size == 1 and abs(float(a)) <= 2:
            continue  # a small whole number is many things at once
        try:
            shaped = np.broadcast_to(a.astype(float), p.d.shape)
        except ValueError:
            shaped = None
        out += [Finding(key, p.pre + words, kind="offset") for key, words in _offset_words(p, name, a, shaped)]
    return out


def _row_reductions(p: Pair) -> list[tuple[str, np.ndarray, str]]:
    """Per-row maxima, sums and log-sum-exps of the 2-D inputs."""
    out = []
    for name, v in p.inputs():
        a = arr(v)
        if a is None or a.ndim != 2 or a.dtype.kind != "f":
            continue
        mx = a.max(axis=1)
        with np.errstate(all="ignore"):
            lse = mx + np.log(np.sum(np.exp(a - mx[:, None]), axis=1))
        out += [(name, mx, "the row max"), (name, a.sum(axis=1), "the row sum"), (name, lse, "the row log-sum-exp")]
    return out


def row_reductions(p: Pair) -> list[Finding]:
    """The difference is each row's max, sum or log-sum-exp of a 2-D input (or their mean, for
    one number): a shift for stability not undone, a log-sum-exp term missing or twice."""
    d, single = p.d, p.single
    out = []
    for name, vec, words in _row_reductions(p):
        target = vec if d.shape == vec.shape else (np.asarray(vec.mean()) if single else None)
        if target is None:
            continue
        for sign, how in ((1, "plus"), (-1, "minus")):
            if p.close(d, sign * target):
                key = words.replace("the row ", "row_").replace("-", "_")
                out.append(Finding(f"offset:{'+' if sign > 0 else '-'}{key}({name})", f"{p.pre}your values are the "
                                   f"expected ones {how} {words} of {name}" + (" (averaged)" if single else "")
                                   + ": a shift by each row's max (for stability) that is not undone, or a "
                                   "log-sum-exp term missing or counted twice", kind="offset"))
    return out


def _list_items(p: Pair) -> list[tuple[str, float]]:
    """(name, value) of the entries of short list inputs of numbers (and their last entry)."""
    out = []
    for name, v in p.inputs():
        if type(v) in (list, tuple) and 0 < len(v) <= 8 and all(type(x) in (int, float) for x in v):
            out += [(f"{name}[{k}]", float(x)) for k, x in enumerate(v)]
            if len(v) > 1:
                out.append((f"{name}[-1]", float(v[-1])))
    return out


def list_items(p: Pair) -> list[Finding]:
    """One number off by an entry of a list input (a layer size): a term too many or missing."""
    if not p.single:
        return []
    diff, tol = float(p.d.reshape(())), p.tol
    out = []
    for name, x in _list_items(p):
        if x != 0 and np.isclose(diff, x, rtol=tol[0], atol=tol[1]):
            out.append(Finding(f"offset:+{name}", f"{p.pre}the value is the expected one plus {name} "
                               f"({fmt.num(x) if p.ctx.reveal else 'one of the sizes'}): one term too many "
                               "(e.g. biases counted for the input layer, or a loop that goes one step too "
                               "far)", kind="offset"))
        if x != 0 and np.isclose(diff, -x, rtol=tol[0], atol=tol[1]):
            out.append(Finding(f"offset:-{name}", f"{p.pre}the value is the expected one minus {name}: one "
                               "term is missing (a loop that stops one step early?)", kind="offset"))
    return out


def constant(p: Pair) -> list[Finding]:
    """Many values all off by the same amount, which no input explains."""
    d, tol = p.d, p.tol
    consts = np.unique(np.round(d.reshape(-1), 9)) if d.size else np.array([])
    if p.single or consts.size != 1 or abs(float(consts[0])) <= tol[1]:
        return []
    return [Finding("offset:const", f"{p.pre}every value is off by the same amount "
                    f"({fmt.num(consts[0]) if p.ctx is None or p.ctx.reveal else 'a constant'}): something "
                    "constant is added or left out", kind="offset_unnamed")]
