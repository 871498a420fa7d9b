"""Relations between what a learner's function returned and what was expected, for ONE
value of the output: sign, a constant factor, an offset equal to an input, transposed or
reshaped, a reduction too many or too few, a transform (log, sigmoid...), rounding, the
wrong dtype. Each returns `Finding`s (most specific first) or nothing; `where` is filled
in by the engine."""
from __future__ import annotations

import numpy as np

from . import fmt
from .context import Ctx, arr, quiet
from .finding import Finding

__all__ = ["relate", "relate_arrays", "relate_lengths"]


def _fclose(a: np.ndarray, b: np.ndarray, rtol: float, atol: float) -> bool:
    if a.shape != b.shape:
        return False
    with np.errstate(all="ignore"):
        return bool(np.allclose(a.astype(float), b.astype(float), rtol=rtol, atol=atol, equal_nan=True))


def _value_words(path: str) -> str:
    return f"{path}: " if path else ""


def _nontrivial(e: np.ndarray) -> bool:
    return e.size > 0 and bool(np.any(np.abs(e.astype(float)) > 1e-12))


# ------------------------------------------------------------------------- dtype
def _dtype(e, g, tol, path) -> list[Finding]:
    ek, gk = e.dtype.kind, g.dtype.kind
    fk = {"b": "bool", "i": "integer", "u": "integer", "f": "floating"}
    if fk.get(ek) == fk.get(gk):
        return []
    same = _fclose(e, g, *tol) if e.shape == g.shape else False
    pre = _value_words(path)
    if same and ek == "f":
        what = "booleans (True/False)" if gk == "b" else "integers"
        return [Finding(f"dtype:{fk[gk]}", f"{pre}the values are right, but they are {what}, not floats: "
                        "return float numbers, e.g. add .astype(float) (most of the points are kept for this)",
                        kind="form")]
    if same and ek in "iu":
        return [Finding("dtype:float", f"{pre}the values are right, but they are floats where whole numbers "
                        "are expected: use integer division // or int(...)", kind="form")]
    if ek == "f" and gk in "iub" and e.shape == g.shape:
        ef = e.astype(float)
        verdict = _threshold(ef, g.astype(float), pre, whole=True)
        if verdict is not None:
            return [verdict]
        for name, f in (("truncated", np.trunc), ("rounded", np.round), ("floored", np.floor)):
            if _fclose(quiet(f, ef), g, *tol):
                return [Finding("dtype:integer", f"{pre}the results were turned into whole numbers "
                                f"({name}: int(...), // or .astype(int)), which throws the fractions away: "
                                "keep float numbers", kind="precision")]
    return []


def _scaled_transforms(ef, gf, tol, pre: str, ctx: Ctx, i: int) -> list[Finding]:
    """One number that is a scalar input (or half or twice it) times something: yours is the
    same factor times a transform of that something (lam / 2 * sqrt(S) where lam / 2 * S)."""
    out = []
    for name, v in ctx.inputs(ctx.cases[i]):
        a = arr(v)
        if a is None or a.ndim != 0 or a.dtype.kind != "f" or float(a) in (0.0, 1.0, -1.0):
            continue
        for k, how in ((1.0, name), (0.5, f"{name} / 2"), (2.0, f"2 * {name}")):
            c = k * float(a)
            se, sg = ef / c, gf / c
            for key, f, words in _TRANSFORMS:
                if key not in ("sqrt", "square", "abs", "log", "exp"):
                    continue
                fe = quiet(f, se)
                if np.all(np.isfinite(fe)) and not _fclose(fe, se, *tol) and _fclose(sg, fe, *tol):
                    out.append(Finding(f"transform:{key}", f"{pre}your value is {how} times {words} what {how} "
                                       f"should multiply: {_TRANSFORM_FIX[key]}", kind="transform"))
    return out


def _softmax_all(z: np.ndarray) -> np.ndarray:
    e = np.exp(z - z.max())
    return e / e.sum()


_ACTIVATIONS = [
    ("sigmoid", lambda z: 1 / (1 + np.exp(-z)), lambda a: np.log(a) - np.log1p(-a), (0.0, 1.0)),
    ("tanh", np.tanh, np.arctanh, (-1.0, 1.0)),
]
_OTHERS = [("sigmoid", lambda z: 1 / (1 + np.exp(-z))), ("tanh", np.tanh), ("relu", lambda z: np.maximum(z, 0)),
           ("exp", np.exp), ("softmax over all the values", _softmax_all)]


def _other_activation(ef: np.ndarray, gf: np.ndarray, tol, pre: str) -> list[Finding]:
    """The expected values are an activation of some z (a sigmoid's probabilities), and yours
    are ANOTHER function of the same z: the right scores through the wrong activation."""
    out = []
    for name, f, inverse, (lo, hi) in _ACTIVATIONS:
        if ef.size < 2 or not np.all((ef > lo) & (ef < hi)) or np.unique(ef).size < 2:
            continue
        z = quiet(inverse, ef)
        if not np.all(np.isfinite(z)) or not _fclose(quiet(f, z), ef, *tol):
            continue
        for other, g in _OTHERS:
            if other == name:
                continue
            v = quiet(g, z)
            if np.all(np.isfinite(v)) and _fclose(v, gf, *tol) and not _fclose(v, ef, *tol):
                out.append(Finding(f"activation:{other}", f"{pre}your values are {other} of the same scores z that "
                                   f"the expected {name}(z) is made of: the scores are right, but {other} is "
                                   f"applied where {name} belongs", kind="transform"))
        break
    return out


def _input_reduction(ef, gf, tol, pre: str, ctx: Ctx | None, i: int | None) -> Finding | None:
    """Yours is a sum, mean or max of a 2-D input over the OTHER axis than the one the expected
    reduction runs over (all of it, or its first entries when the sizes differ)."""
    if ctx is None or i is None or ef.ndim != 1 or gf.ndim != 1:
        return None
    for name, v in ctx.flat_inputs(ctx.cases[i]):
        a = arr(v)
        if a is None or a.ndim != 2 or a.dtype.kind != "f":
            continue
        for ax in (0, 1):
            for red, f in (("sum", np.sum), ("mean", np.mean), ("max", np.max)):
                right, mine = f(a, axis=ax), f(a, axis=1 - ax)
                if right.shape != ef.shape or not _fclose(right, ef, *tol) or mine.size < gf.size:
                    continue
                if _fclose(mine[:gf.size], gf, *tol) and not _fclose(mine[:gf.size], right[:gf.size], *tol):
                    cut = "" if mine.size == gf.size else f" (its first {gf.size} entries)"
                    return Finding(f"reduce:axis({name})", f"{pre}your values are the {red} of {name} over axis "
                                   f"{1 - ax}{cut}, one per {'column' if ax == 1 else 'row'}; the {red} over axis "
                                   f"{ax} is expected: {name}.{red}(axis={ax}) (the reduction runs over the wrong "
                                   "axis)", kind="reduction")
    return None


def _threshold(ef: np.ndarray, gf: np.ndarray, pre: str, whole: bool = False) -> Finding | None:
    """Yes/no verdicts (0 or 1) where numbers are expected: whether each expected value is
    above 0.5 (a probability) or above 0 (a score). `whole`: the learner returned whole
    numbers or booleans (then even one value, or all-equal values, is a verdict)."""
    probs = bool(np.all((ef >= 0) & (ef <= 1)))
    if not np.all(np.isin(gf, (0.0, 1.0))) or ((not probs or not whole) and (ef.size < 2 or np.unique(gf).size < 2)):
        return None  # (values and a verdict on them agree by chance when there are few, or one kind)
    for t in ((0.5,) if probs else (0.0,)):
        if np.array_equal(gf, (ef > t).astype(float)) or np.array_equal(gf, (ef >= t).astype(float)):
            what = "probability" if probs else "value"
            return Finding(f"threshold:{t:g}", f"{pre}your values are 0 or 1, the verdict whether each expected "
                           f"{what} is above {t:g} (a label, a yes/no), where the {what} itself is expected"
                           + (" (a number between 0 and 1)" if probs else "") + ": return it as it is, "
                           "without the comparison (no > or np.round at the end)", kind="transform")
    return None


# ------------------------------------------------------------------------- shape

def _reduction_between(big: np.ndarray, small: np.ndarray, tol) -> tuple[str, int] | None:
    """("sum" or "mean", axis) when reducing `big` (one more axis) along an axis gives `small`."""
    if big.ndim != small.ndim + 1:
        return None
    for ax in range(big.ndim):
        for name, f in (("sum", np.sum), ("mean", np.mean)):
            r = f(big, axis=ax)
            if r.shape == small.shape and _fclose(r, small, *tol):
                return name, ax
    return None

def _shape(e, g, tol, path, ctx: Ctx | None, i: int | None) -> list[Finding]:
    pre = _value_words(path)
    out: list[Finding] = []
    ef, gf = e.astype(float), g.astype(float)
    if e.size == g.size and e.size > 0 and e.shape != g.shape:
        if _fclose(gf.reshape(e.shape), ef, *tol):
            if g.ndim == 2 and e.ndim == 2 and g.shape == e.T.shape and not _fclose(gf.T, ef, *tol):
                pass  # a reshape that is not a transpose: said below
            elif g.ndim == e.ndim + 1 and 1 in g.shape:
                return [Finding("shape:extra_axis", f"{pre}the numbers are right but the shape is "
                                f"{fmt.shape(g.shape)}, not {fmt.shape(e.shape)}: an extra axis of length 1 "
                                "(keepdims=True, or a column vector); drop it, e.g. with .ravel() or [:, 0]",
                                kind="form")]
            elif g.ndim + 1 == e.ndim and 1 in e.shape:
                return [Finding("shape:missing_axis", f"{pre}the numbers are right but the shape is "
                                f"{fmt.shape(g.shape)}, not {fmt.shape(e.shape)}: keep the axis of length 1 "
                                "(keepdims=True, or reshape)", kind="form")]
        if e.ndim == 2 and g.shape == e.T.shape and _fclose(gf, ef.T, *tol):
            return [Finding("shape:transposed", f"{pre}the result is transposed: it has shape {fmt.shape(g.shape)} "
                            f"where {fmt.shape(e.shape)} is expected, with the expected values mirrored "
                            "(rows and columns swapped): drop a .T, or swap the order of a matrix product",
                            kind="transposed")]
        if e.ndim >= 3 and g.ndim == e.ndim:
            import itertools

            for perm in itertools.permutations(range(e.ndim)):
                if perm != tuple(range(e.ndim)) and np.transpose(ef, perm).shape == g.shape \
                        and _fclose(np.transpose(ef, perm), gf, *tol):
                    return [Finding("shape:axes_order", f"{pre}the values are right but the axes are in another "
                                    f"order: shape {fmt.shape(g.shape)} instead of {fmt.shape(e.shape)}: build "
                                    f"the array in the order {fmt.shape(e.shape)} (e.g. channels first)",
                                    kind="transposed")]
    # one number vs many
    if e.ndim == 0 and g.ndim >= 1 and g.size > 1:
        if _fclose(np.asarray(gf.sum()), ef, *tol):
            out.append(Finding("reduce:sum_missing", f"{pre}one number is expected: your values add up to "
                               "the right answer; return their sum (np.sum)", kind="reduction"))
        elif _fclose(np.asarray(gf.mean()), ef, *tol):
            out.append(Finding("reduce:mean_missing", f"{pre}one number is expected, but you return one value "
                               f"per entry ({fmt.shape(g.shape)}); their mean is the answer: average them "
                               "(np.mean) into a single number", kind="reduction"))
        else:
            out.append(Finding("reduce:not_scalar", f"{pre}one single number is expected, but you return an "
                               f"array of shape {fmt.shape(g.shape)}: reduce over every entry (e.g. np.mean "
                               "without an axis)", kind="reduction"))
        return out
    if e.ndim >= 1 and e.size > 1 and g.size == 1:
        gs = float(gf.reshape(()))
        checks = [("sum", float(ef.sum()), "everything was added up into one number"),
                  ("mean", float(ef.mean()), "everything was averaged into one number"),
                  ("first", float(ef.reshape(-1)[0]), "only the first value was computed (a return "
                                                       "inside a loop, or x[0]?)"),
                  ("max", float(ef.max()), "only the largest value was kept")]
        for key, v, why in checks:
            if np.isclose(gs, v, rtol=tol[0], atol=tol[1]):
                return [Finding(f"reduce:{key}", f"{pre}{why}: an array of shape {fmt.shape(e.shape)} is "
                                "expected (reduce over the right axis only, or not at all)", kind="reduction")]
        return [Finding("reduce:scalar", f"{pre}an array of shape {fmt.shape(e.shape)} is expected, but you return "
                        "a single number: one value per entry (per example, per weight) must stay",
                        kind="reduction")]
    if e.ndim == 1 and g.ndim == 2 and g.shape == (e.shape[0], e.shape[0]) and e.shape[0] > 1:
        if _fclose(np.diagonal(gf), ef, *tol):
            return [Finding("broadcast:square", f"{pre}shape {fmt.shape(g.shape)} where {fmt.shape(e.shape)} is "
                            f"expected: an array of shape ({e.shape[0]},) met one of shape ({e.shape[0]}, 1) and "
                            "numpy broadcast them into a table. Make both 1-D (e.g. .ravel(), or no "
                            "keepdims)", kind="reduction")]
    # one value per feature (or class) where one per example is expected: the reduction's axis
    if ctx is not None and i is not None and e.ndim == g.ndim and e.ndim >= 1 and e.shape[0] != g.shape[0]:
        named = []
        for name, v in ctx.inputs(ctx.cases[i]):
            named.append((name, v))
            if type(v) is dict:
                named += [(f"{name}[{k!r}]", x) for k, x in v.items()]
        shapes = [(n, a.shape) for n, v in named if (a := arr(v)) is not None and a.ndim >= 1]
        per_example = [n for n, sh in shapes if sh[0] == e.shape[0] and len(sh) >= 2]
        other = [(n, ax) for n, sh in shapes for ax, size in enumerate(sh) if size == g.shape[0]
                 and not (ax == 0 and n in per_example)]
        if per_example and other:
            n, ax = other[0]
            return [Finding("shape:axis", f"{pre}shape {fmt.shape(g.shape)} where {fmt.shape(e.shape)} is expected: one "
                            f"value per entry of axis {ax} of {n} instead of one per example (a row of "
                            f"{per_example[0]}): the sum, mean or argmax runs over the wrong axis (keep axis 0, the "
                            "examples: reduce with axis=1 or axis=-1)", kind="reduction")]
        if shapes and any(sh[-1] == e.shape[0] for _, sh in shapes) and any(sh[0] == g.shape[0] and len(sh) >= 2
                                                                            for _, sh in shapes):
            n = next(n for n, sh in shapes if sh[0] == g.shape[0] and len(sh) >= 2)
            return [Finding("shape:axis", f"{pre}shape {fmt.shape(g.shape)} where {fmt.shape(e.shape)} is expected: one "
                            f"value per row of {n} instead of one per column: the reduction runs over the wrong "
                            "axis (axis=0 sums down the columns, over the examples)", kind="reduction")]
    # a sub-block (too few rows / columns) or a larger array that holds the expected one
    if e.ndim == g.ndim and e.ndim >= 1 and e.shape != g.shape:
        if all(a <= b for a, b in zip(g.shape, e.shape)) and g.size > 0:
            block = ef[tuple(slice(0, n) for n in g.shape)]
            if _fclose(block, gf, *tol):
                return [Finding("shape:too_small", f"{pre}your values are right but there are too few: "
                                f"shape {fmt.shape(g.shape)} instead of {fmt.shape(e.shape)} (the first ones "
                                "match): the last rows/entries are missing, e.g. a range that stops one early "
                                "or a missing +1 in a size", kind="reduction")]
        if all(a >= b for a, b in zip(g.shape, e.shape)) and e.size > 0:
            block = gf[tuple(slice(0, n) for n in e.shape)]
            if _fclose(block, ef, *tol):
                return [Finding("shape:too_large", f"{pre}the first values are right but there are too many: "
                                f"shape {fmt.shape(g.shape)} instead of {fmt.shape(e.shape)}: a size computed "
                                "too large (one too many rows or columns?)", kind="reduction")]
    found = _input_reduction(ef, gf, tol, pre, ctx, i)
    if found is not None:
        return [found]
    # a reduction over the wrong axis: the right answer is the sum/mean of yours along an axis
    missing = _reduction_between(gf, ef, tol)
    if missing:
        name, ax = missing
        return [Finding(f"reduce:{name}_axis", f"{pre}shape {fmt.shape(g.shape)} where "
                        f"{fmt.shape(e.shape)} is expected: the {name} over axis {ax} of your "
                        "values is the answer, so that reduction is missing", kind="reduction")]
    extra = _reduction_between(ef, gf, tol)
    if extra:
        name, ax = extra
        return [Finding(f"reduce:extra_{name}", f"{pre}shape {fmt.shape(g.shape)} where "
                        f"{fmt.shape(e.shape)} is expected: you took the {name} over axis {ax}, "
                        "which should stay (one value per example)", kind="reduction")]
    return out


# ------------------------------------------------------------------------- values
_FIRST = [(2.0, "2"), (0.5, "1/2"), (-1.0, "-1"), (-2.0, "-2"), (-0.5, "-1/2")]
_LATER = [(4.0, "4"), (0.25, "1/4")]


def _named_factors(ctx: Ctx | None, i: int | None, e: np.ndarray) -> list[tuple[float, str, str]]:
    """(value, id, words) of the constants a learner's slip multiplies by, most likely first:
    2 and 1/2, the sizes of the inputs (m, 1/m: a sum for a mean), 4, the log bases, and
    (for arrays) the scalar inputs."""
    out = [(v, k, fmt.factor_words(v) + " the expected values") for v, k in _FIRST]
    sizes = set()
    scalars = []
    if ctx is not None and i is not None:
        for name, v in ctx.inputs(ctx.cases[i]):
            a = arr(v)
            if a is not None and a.ndim >= 1 and a.size > 1:
                for ax, n in enumerate(a.shape):
                    if n > 1:
                        sizes.add((n, f"{name}.shape[{ax}]" if ax else f"len({name})"))
                if a.ndim >= 2:
                    sizes.add((a.size, f"{name}.size"))
                    if int(np.prod(a.shape[1:])) > 1:
                        sizes.add((int(np.prod(a.shape[1:])), f"the size of one {name}[i]"))
            if a is not None and a.ndim == 0 and a.dtype.kind in "fiu" and float(a) not in (0.0, 1.0, -1.0):
                scalars.append((name, float(a)))
            if type(v) is dict:  # a dict of arrays: all its entries, and those whose keys share a prefix
                groups: dict[str, int] = {}
                for k, x in v.items():
                    if (b := arr(x)) is not None and b.ndim >= 1 and isinstance(k, str):
                        groups[k.rstrip("0123456789")] = groups.get(k.rstrip("0123456789"), 0) + b.size
                for prefix, n in groups.items():
                    if n > 1 and len(groups) > 1:
                        sizes.add((n, f"the number of entries in the {prefix} arrays of {name}"))
                total = sum(groups.values())
                if total > 1:
                    sizes.add((total, f"the number of entries of {name}"))
    reveal = ctx is None or ctx.reveal
    for n, name in sorted(sizes):
        shown = f"{name} = {n}" if reveal else name
        out.append((float(n), f"size:{name}", (f"{fmt.factor_words(n)} the expected values: " if reveal else
                                                "the expected one ") + f"multiplied by {shown}; a sum where a mean "
                    "belongs, or a missing division by it?"))
        out.append((1.0 / n, f"size:1/{name}", (f"{fmt.factor_words(1 / n)} the expected values: " if reveal else
                                                 "the expected one ") + f"divided by {shown}, or a mean where a sum "
                    "belongs?"))
    out += [(v, k, fmt.factor_words(v) + " the expected values") for v, k in _LATER]
    for v, k, words in ((1 / np.log(10), "log10", "the expected one divided by ln(10): a log in base 10 (np.log10) "
                         "where the natural log np.log belongs"),
                        (1 / np.log(2), "log2", "the expected one divided by ln(2): a log in base 2 (np.log2) where "
                         "the natural log np.log belongs"),
                        (np.log(10), "ln10", "the expected one times ln(10): np.log where np.log10 belongs?")):
        out.append((float(v), k, words))
    if e.size > 1:
        for name, x in scalars:
            out.append((x, f"arg:{name}", f"multiplied by {name} once too often"))
            out.append((1 / x, f"arg:1/{name}", f"divided by {name} where it should not be"))
    return out


_TRANSFORMS = [
    ("exp", np.exp, "exp of"), ("log", np.log, "the log of"), ("sqrt", np.sqrt, "the square root of"),
    ("square", np.square, "the square of"), ("abs", np.abs, "the absolute value of"),
    ("sigmoid", lambda x: 1 / (1 + np.exp(-x)), "a sigmoid applied to"),
    ("relu", lambda x: np.maximum(x, 0), "a ReLU applied to"), ("tanh", np.tanh, "tanh of"),
    ("one_minus", lambda x: 1 - x, "1 minus"), ("reciprocal", lambda x: 1 / x, "1 divided by"),
    ("angle_degrees", lambda x: np.degrees(np.arctan(x)), "the angle in degrees, np.degrees(np.arctan(...)), of"),
    ("angle", np.arctan, "the angle in radians, np.arctan(...), of"),
]

_TRANSFORM_FIX = {
    "exp": "an exp too many", "log": "a log where none belongs (or a missing exp)",
    "sqrt": "a square root too many (a mean or sum of SQUARES is not rooted; a norm is the root of one)", "square": "squared once too often",
    "abs": "an absolute value that throws the sign away", "sigmoid": "an activation applied that does not belong here",
    "relu": "an activation applied that does not belong here", "tanh": "an activation that does not belong here",
    "one_minus": "1 - ... where the value itself belongs", "reciprocal": "inverted (1/x)",
    "angle_degrees": "a slope is the ratio itself (rise over run), not the angle of the line",
    "angle": "a slope is the ratio itself (rise over run), not the angle of the line",
}

_INVERSE = {"sigmoid": "yours are the logits, the values before the sigmoid",
            "relu": "yours keep the negative values a ReLU would set to 0", "tanh": "yours are the values before tanh",
            "exp": "yours are the LOG of the expected values", "log": "yours are exp of the expected values",
            "sqrt": "yours are the squares of the expected values", "square": "yours are their square roots"}

_PRE = {"sigmoid": "the sigmoid", "relu": "the ReLU", "tanh": "tanh", "exp": "exp", "log": "the log",
        "sqrt": "the square root", "square": "the square"}


def _rounding(ef, gf, tol, pre) -> Finding | None:
    if not _nontrivial(gf):
        return None  # all zeros: said as such
    for key, f, words in (("floor", np.floor, "rounded DOWN to whole numbers (// or np.floor)"),
                          ("ceil", np.ceil, "rounded UP to whole numbers (np.ceil)"),
                          ("trunc", np.trunc, "cut to whole numbers (int(...) or .astype(int))")):
        fe = quiet(f, ef)
        if not _fclose(fe, ef, *tol) and _fclose(gf, fe, *tol):
            return Finding(f"round:{key}", f"{pre}your values are the expected ones {words}: keep the "
                           "fractions (use / and floats), or round the way the task says", kind="precision")
    for k in range(1, 7):
        fe = np.round(ef, k)
        if not _fclose(fe, ef, *tol) and _fclose(gf, fe, *tol):
            return Finding(f"round:{k}", f"{pre}your values are the expected ones rounded to {k} decimals: "
                           "do not round (np.round / round(...)) the result", kind="precision")
    return None


def _list_items(ctx: Ctx | None, i: int | None) -> list[tuple[str, float]]:
    out = []
    if ctx is None or i is None:
        return out
    for name, v in ctx.inputs(ctx.cases[i]):
        if type(v) in (list, tuple) and 0 < len(v) <= 8 and all(type(x) in (int, float) for x in v):
            out += [(f"{name}[{k}]", float(x)) for k, x in enumerate(v)]
            if len(v) > 1:
                out.append((f"{name}[-1]", float(v[-1])))
    return out


def _row_reductions(ctx: Ctx, i: int) -> list[tuple[str, np.ndarray, str]]:
    """Per-row maxima, sums, means and log-sum-exps of the 2-D inputs."""
    out = []
    for name, v in ctx.inputs(ctx.cases[i]):
        a = arr(v)
        if a is None or a.ndim != 2 or a.dtype.kind != "f":
            continue
        mx = a.max(axis=1)
        with np.errstate(all="ignore"):
            lse = mx + np.log(np.sum(np.exp(a - mx[:, None]), axis=1))
        out += [(name, mx, "the row max"), (name, a.sum(axis=1), "the row sum"), (name, lse, "the row log-sum-exp")]
    return [(n, v, w) for n, v, w in out]
    return out


def _values(e, g, tol, path, ctx: Ctx | None, i: int | None) -> list[Finding]:
    pre = _value_words(path)
    ef, gf = e.astype(float), g.astype(float)
    out: list[Finding] = []
    single = ef.size == 1  # one number: any two numbers are related by SOME factor or offset
    if not _nontrivial(ef) and not _nontrivial(gf):
        return out
    if _nontrivial(ef) and _fclose(gf, -ef, *tol):
        out.append(Finding("sign:flipped", f"{pre}your values are the negatives of the expected ones: the sign is "
                           "flipped (a minus where a plus belongs, a - b where b - a belongs, or an update "
                           "that adds where it should subtract)", kind="sign"))
        return out
    r = _rounding(ef, gf, tol, pre)
    if r is not None:
        out.append(r)
    if not _nontrivial(gf) and _nontrivial(ef):
        out.append(_zeros(ef, pre, ctx, i))
    nz = np.abs(ef) > 1e-12
    with np.errstate(all="ignore"):
        ratios = gf[nz] / ef[nz]
    if ratios.size and np.all(np.isfinite(ratios)):
        c = float(np.median(ratios))
        if c != 0 and not np.isclose(c, 1.0) and _fclose(gf, c * ef, *tol):
            for v, key, words in _named_factors(ctx, i, ef):
                if np.isclose(c, v, rtol=1e-6):
                    if key in ("2", "1/2", "4", "1/4"):
                        words = f"{words}: an extra or missing factor of {fmt.num(v) if v >= 1 else '1/' + fmt.num(1 / v)}"
                    out.append(Finding(f"factor:{key}", f"{pre}every value is {words}", kind="factor"))
            if not single:
                out.append(Finding(f"factor:{c:.4g}", f"{pre}every value is {fmt.factor_words(c)} the expected "
                                   "one: a constant factor is wrong somewhere (a missing or extra multiplication "
                                   "or division)", kind="factor_unnamed"))
                if ef.ndim == 1 and not path:  # one row: the same as a row scaled by its own factor
                    out.append(_row_factor(pre))
    d = gf - ef
    whole_numbers = e.dtype.kind in "iu" and g.dtype.kind in "iu"
    if whole_numbers and np.all(np.abs(d) == 1) and np.unique(d).size == 1:
        more = float(d.reshape(-1)[0]) > 0
        return [Finding(f"off_by_one:{'+' if more else '-'}1", f"{pre}your {'values are' if d.size > 1 else 'value is'} "
                        f"one {'more' if more else 'less'} than expected (off by one: "
                        + ("a + 1 too many, or rounding up where // rounds down)" if more
                           else "a + 1 missing, or a count that stops one early)"), kind="offset")]
    # an offset equal to an input (the bias missing or added twice)
    if ctx is not None and i is not None:
        out += _scaled_offsets(d, tol, pre, ctx, i)
        out += _added_terms(ef, gf, tol, pre, ctx, i)
        for name, v in ctx.flat_inputs(ctx.cases[i]):
            a = arr(v)
            if a is None or a.dtype.kind not in "fiu" or not _nontrivial(a.astype(float)):
                continue
            if whole_numbers and a.size == 1 and abs(float(a)) <= 2:
                continue  # a small whole number is many things at once
            try:
                shaped = np.broadcast_to(a.astype(float), d.shape)
            except ValueError:
                shaped = None
            if shaped is not None and _fclose(d, shaped, *tol):
                out.append(Finding(f"offset:+{name}", f"{pre}every value is the expected one plus {name}: "
                                   f"{name} is added twice (or where it does not belong)", kind="offset"))
            if shaped is not None and _fclose(d, -shaped, *tol):
                out.append(Finding(f"offset:-{name}", f"{pre}every value is the expected one minus {name}: "
                                   f"{name} is missing (add it), or subtracted where it is added", kind="offset"))
            if a.ndim >= 1 and a.size > 1 and np.allclose(d, float(a.sum()), rtol=tol[0], atol=tol[1]):
                out.append(Finding(f"offset:sum({name})", f"{pre}every value is the expected one plus the sum "
                                   f"of {name}: all of {name} was added at once (each entry belongs to its own "
                                   "output)", kind="offset"))
            elif (a.ndim == 1 and a.size > 1 and shaped is not None
                  and np.allclose(d, float(a.sum()) - shaped, rtol=tol[0], atol=tol[1])):
                out.append(Finding(f"offset:sum_for({name})", f"{pre}each value gets the SUM of all of {name} where "
                                   f"its own entry of {name} belongs: add {name} itself (one entry per output "
                                   f"column), not np.sum({name})", kind="offset"))
        for name, vec, words in _row_reductions(ctx, i):
            target = vec if d.shape == vec.shape else (np.asarray(vec.mean()) if single else None)
            if target is None:
                continue
            for sign, how in ((1, "plus"), (-1, "minus")):
                if _fclose(d, sign * target, *tol):
                    key = words.replace("the row ", "row_").replace("-", "_")
                    out.append(Finding(f"offset:{'+' if sign > 0 else '-'}{key}({name})", f"{pre}your values are the "
                                       f"expected ones {how} {words} of {name}" + (" (averaged)" if single else "")
                                       + ": a shift by each row's max (for stability) that is not undone, or a "
                                       "log-sum-exp term missing or counted twice", kind="offset"))
        for name, x in _list_items(ctx, i):
            if x != 0 and single and np.isclose(float(d.reshape(())), x, rtol=tol[0], atol=tol[1]):
                out.append(Finding(f"offset:+{name}", f"{pre}the value is the expected one plus {name} "
                                   f"({fmt.num(x) if ctx.reveal else 'one of the sizes'}): one term too many "
                                   "(e.g. biases counted for the input layer, or a loop that goes one step too "
                                   "far)", kind="offset"))
            if x != 0 and single and np.isclose(float(d.reshape(())), -x, rtol=tol[0], atol=tol[1]):
                out.append(Finding(f"offset:-{name}", f"{pre}the value is the expected one minus {name}: one "
                                   "term is missing (a loop that stops one step early?)", kind="offset"))
        # the ratio is an input: an extra factor of a chain of derivatives
        for name, v in ctx.flat_inputs(ctx.cases[i]):
            a = arr(v)
            if a is None or a.dtype.kind not in "fiu" or a.ndim == 0 or not _nontrivial(a.astype(float)):
                continue
            try:
                shaped = np.broadcast_to(a.astype(float), ef.shape)
            except ValueError:
                continue
            if _fclose(gf, ef * shaped, *tol) and not _fclose(shaped, np.ones_like(shaped), *tol):
                out.append(Finding(f"ratio:*{name}", f"{pre}every value is the expected one multiplied by "
                                   f"{name}: a factor {name} too many (in a chain of derivatives, each factor "
                                   "appears once)", kind="ratio_input"))
            with np.errstate(all="ignore"):
                if np.all(shaped != 0) and _fclose(gf * shaped, ef, *tol):
                    out.append(Finding(f"ratio:/{name}", f"{pre}every value is the expected one divided by "
                                       f"{name}: a factor {name} is missing", kind="ratio_input"))
    consts = np.unique(np.round(d.reshape(-1), 9)) if d.size else np.array([])
    if not single and consts.size == 1 and abs(float(consts[0])) > tol[1]:
        out.append(Finding("offset:const", f"{pre}every value is off by the same amount "
                           f"({fmt.num(consts[0]) if ctx is None or ctx.reveal else 'a constant'}): something "
                           "constant is added or left out", kind="offset_unnamed"))
    verdict = _threshold(ef, gf, pre)
    if verdict is not None:
        out.append(verdict)
    other_axis = _input_reduction(ef, gf, tol, pre, ctx, i)
    if other_axis is not None:
        out.append(other_axis)
    if single and ctx is not None and i is not None:
        out += _scaled_transforms(ef, gf, tol, pre, ctx, i)
    out += _other_activation(ef, gf, tol, pre)
    # transforms: yours = f(expected), or expected = f(yours) (a step missing)
    for key, f, words in _TRANSFORMS:
        fe = quiet(f, ef)
        if np.all(np.isfinite(fe)) and not _fclose(fe, ef, *tol) and _fclose(gf, fe, *tol):
            out.append(Finding(f"transform:{key}", f"{pre}your values are {words} the expected ones: "
                               f"{_TRANSFORM_FIX[key]}", kind="transform"))
    for key, f, words in _TRANSFORMS if np.unique(gf).size > 3 else ():  # a few levels are no pre-activation
        fg = quiet(f, gf)
        if key in _PRE and np.all(np.isfinite(fg)) and not _fclose(fg, gf, *tol) and _fclose(fg, ef, *tol):
            out.append(Finding(f"before:{key}", f"{pre}the expected values are {words} yours ({_INVERSE[key]}): "
                               f"{_PRE[key]} is missing at the end; you return the values before it (e.g. the "
                               f"pre-activation z instead of the activation): apply {_PRE[key]}", kind="transform"))
    for dt, name in ((np.float16, "float16"), (np.float32, "float32")):
        low = quiet(lambda: ef.astype(dt).astype(float))
        exact = np.array_equal(quiet(lambda: gf.astype(dt).astype(float)), gf)  # yours ARE such numbers
        if exact and not _fclose(low, ef, *tol) and np.allclose(gf, ef, rtol=10 * np.finfo(dt).eps, atol=0):
            out.append(Finding(f"precision:{name}", f"{pre}your values agree with the expected ones only to "
                               f"{name} precision: compute in float64 (no .astype({name}))", kind="precision"))
    # a different factor on each row (a normalisation by the wrong quantity)
    if ef.ndim >= 1 and ef.shape[-1] > 1:
        with np.errstate(all="ignore"):
            r = gf / ef
        if np.all(np.isfinite(r)) and np.allclose(r, r[..., :1], rtol=1e-6) and not np.allclose(r, r.reshape(-1)[0]):
            out.append(_row_factor(pre))
        elif ef.ndim == 2 and _rows_scaled(ef, gf, tol):
            out.append(_row_factor(pre, normalised=np.allclose(ef.sum(axis=1)[np.any(ef != 0, axis=1)], 1.0)))
    if ef.ndim == 2 and ef.shape[1] > 1 and np.allclose(gf, gf[:, :1]) and _fclose(gf[:, 0], ef.sum(axis=1), *tol):
        out.append(Finding("rows:sum_each", f"{pre}every entry of a row of yours is the SUM of that expected row: "
                           "each row was handled as one piece (on a 2-D array x[i] is a whole row, not one entry): "
                           "go over every entry, e.g. for idx in np.ndindex(x.shape): x[idx]", kind="offset"))
    if ef.ndim == 2 and ef.shape[0] > 1:
        into = _into_one_row(ef, gf, tol)
        if into is not None:
            out.append(Finding("rows:into_one", f"{pre}all the values landed in row {into + 1}: it holds the sum of "
                               "every expected row and the other rows are left at 0. The row index does not move "
                               "with the loop (X[0, ...] where X[i, ...] belongs?)", kind="offset"))
    slices = _slice_offsets(ef, gf, tol, pre, ctx, i)
    if slices is not None:
        out.append(slices)
    out += _factor_before_offset(ef, gf, tol, pre, ctx, i)
    return out


def _zeros(ef: np.ndarray, pre: str, ctx: Ctx | None, i: int | None) -> Finding:
    """All zeros where the expected values are not: never computed, or a whole-number
    division (``//``) that rounded a fraction down to 0."""
    scalars = [float(a) for _, v in (ctx.inputs(ctx.cases[i]) if ctx is not None and i is not None else [])
               if (a := arr(v)) is not None and a.ndim == 0 and a.dtype.kind in "fiu"]
    floor = np.all(np.abs(ef) < 1) or any(0 < abs(x) < 2 and x != int(x) for x in scalars)
    also = (", or a whole-number division rounded a fraction down to 0 (// is integer division: 2 // 256 is "
            "0 and 0.1 // 2 is 0.0; divide with /)") if floor and scalars else ""
    return Finding("zeros:all", f"{pre}your values are all 0: nothing was added in, the result was never "
                   f"computed/updated (a loop that never runs, an array left at zeros?){also}", kind="zeros")


def _added_terms(ef: np.ndarray, gf: np.ndarray, tol, pre: str, ctx: Ctx, i: int) -> list[Finding]:
    """The expected value is an input plus a scalar times another input (dW + lam * W); yours
    adds a scalar times a transform of it (the square: lam / 2 * W ** 2, the penalty itself
    where its derivative belongs)."""
    inputs = ctx.flat_inputs(ctx.cases[i])
    arrays = [(n, a.astype(float)) for n, v in inputs if (a := arr(v)) is not None and a.shape == ef.shape
              and a.ndim >= 1 and a.dtype.kind == "f"]
    scalars = [(n, float(a)) for n, v in inputs if (a := arr(v)) is not None and a.ndim == 0
               and a.dtype.kind == "f" and float(a) not in (0.0, 1.0, -1.0)]
    out = []
    for base, a0 in arrays:
        te, tg = ef - a0, gf - a0
        if not _nontrivial(te) or not _nontrivial(tg):
            continue
        for other, a1 in arrays:
            if other == base:
                continue
            for cname, c in scalars:
                if not _fclose(te, c * a1, *tol):
                    continue
                for k, how in ((1.0, cname), (0.5, f"{cname} / 2"), (2.0, f"2 * {cname}")):
                    for key, f, what in (("square", np.square, f"{other} ** 2"), ("abs", np.abs, f"|{other}|")):
                        if _fclose(tg, k * c * quiet(f, a1), *tol):
                            out.append(Finding(f"term:{key}", f"{pre}your result adds {how} * {what} to {base}, "
                                               f"where {cname} * {other} belongs: the term added is the penalty "
                                               f"itself, not its derivative (the derivative of {cname} / 2 * w ** 2 "
                                               f"is {cname} * w)" if key == "square" else
                                               f"{pre}your result adds {how} * {what} to {base}, where {cname} * "
                                               f"{other} belongs (the sign of {other} is lost)", kind="transform"))
    return out


def _scaled_offsets(d: np.ndarray, tol, pre: str, ctx: Ctx, i: int) -> list[Finding]:
    """The difference is a scalar input times an array input (``lam * params['W2']``): that
    term is missing, or added where it does not belong."""
    inputs = ctx.flat_inputs(ctx.cases[i])
    scalars = [(n, float(a)) for n, v in inputs if (a := arr(v)) is not None and a.ndim == 0
               and a.dtype.kind == "f" and float(a) not in (0.0, 1.0, -1.0)]
    out = []
    for name, v in inputs:
        a = arr(v)
        if a is None or a.ndim == 0 or a.dtype.kind != "f" or not _nontrivial(a) or a.shape != d.shape:
            continue
        for c_name, c in scalars:
            if _fclose(d, -c * a, *tol):
                out.append(Finding(f"offset:-{c_name}*{name}", f"{pre}every value is the expected one minus "
                                   f"{c_name} * {name}: the term {c_name} * {name} is missing (add it)",
                                   kind="offset"))
            elif _fclose(d, c * a, *tol):
                out.append(Finding(f"offset:+{c_name}*{name}", f"{pre}every value is the expected one plus "
                                   f"{c_name} * {name}: the term {c_name} * {name} is added where it does not "
                                   "belong (or twice)", kind="offset"))
    return out


def _row_factor(pre: str, normalised: bool = True) -> Finding:
    if not normalised:
        return Finding("factor:per_row", f"{pre}each row is the expected row times its own factor (the zeros stay "
                       "0): every row is divided (or multiplied) by something of its own, such as its length or "
                       "its sum, where the plain values are expected: leave out that division", kind="row_factor")
    return Finding("factor:per_row", f"{pre}each row is the expected row times its own factor: the rows are "
                   "scaled right relative to themselves, but normalised by the wrong amount (divide each row "
                   "by its SUM, so that it sums to 1; e.g. not by its max)", kind="row_factor")


def _rows_scaled(ef: np.ndarray, gf: np.ndarray, tol) -> bool:
    """Each row is the expected row times its own factor (zeros stay zero), not all the same."""
    factors = []
    for e_row, g_row in zip(ef, gf):
        nz = e_row != 0
        if not _fclose(g_row[~nz], np.zeros(int((~nz).sum())), *tol):
            return False
        if nz.any():
            r = g_row[nz] / e_row[nz]
            if not np.allclose(r, r[0], rtol=1e-6) or r[0] == 0:
                return False
            factors.append(r[0])
    if len(factors) == 1:  # one row with values: its own factor, unless it is the same row
        return not np.isclose(factors[0], 1.0)
    return len(factors) > 1 and not np.allclose(factors, factors[0], rtol=1e-6)


def _into_one_row(ef: np.ndarray, gf: np.ndarray, tol) -> int | None:
    """The row that holds the sum of every expected row while the others are 0 (None if none)."""
    if not np.any(ef != 0):
        return None
    total = ef.sum(axis=0)
    for r in range(ef.shape[0]):
        rest = np.delete(gf, r, axis=0)
        if _fclose(gf[r], total, *tol) and not np.any(rest):
            return r
    return None


def _factor_before_offset(ef, gf, tol, pre, ctx: Ctx | None, i: int | None) -> list[Finding]:
    """Each slice n is (something) + v[n] for an input vector v (a bias per output channel);
    yours has the something scaled by one factor: a mean where a sum belongs, before v is added."""
    if ctx is None or i is None or ef.ndim < 2 or ef.shape[0] < 1:
        return []
    out = []
    for name, v in ctx.flat_inputs(ctx.cases[i]):
        a = arr(v)
        if a is None or a.ndim != 1 or a.shape[0] != ef.shape[0] or a.dtype.kind != "f" or not _nontrivial(a):
            continue
        shift = a.reshape((-1,) + (1,) * (ef.ndim - 1))
        re_, rg = ef - shift, gf - shift
        nz = np.abs(re_) > 1e-12
        if not nz.any():
            continue
        c = float(np.median(rg[nz] / re_[nz]))
        if c in (0.0, 1.0) or not _fclose(rg, c * re_, *tol):
            continue
        named = [(k, w) for val, k, w in _named_factors(ctx, i, ef) if np.isclose(c, val, rtol=1e-6)]
        for key, what in named:  # every name the factor has here: the cases agree on one of them
            out.append(Finding(f"factor_before:{key}", f"{pre}apart from {name}, every value is {what} (on the part "
                               f"before {name} is added)", kind="factor"))
        if not named:
            out.append(Finding(f"factor_before:{c:.4g}", f"{pre}apart from {name}, every value is "
                               f"{fmt.factor_words(c)} the expected one: a factor is wrong on what comes before "
                               f"{name} is added (a mean where a sum belongs, or a missing or extra division)",
                               kind="factor_unnamed"))
    return out


def _slice_offsets(ef, gf, tol, pre, ctx: Ctx | None, i: int | None) -> Finding | None:
    """Each slice along the first axis off by its own constant, and that constant is an
    input vector: one entry per output channel/unit added wrongly (a bias per unit)."""
    if ctx is None or i is None or ef.ndim < 2 or ef.shape[0] < 2:
        return None
    d = (gf - ef).reshape(ef.shape[0], -1)
    if not np.allclose(d, d[:, :1], rtol=tol[0], atol=max(tol[1], 1e-9)):
        return None
    o = d[:, 0]
    for name, v in ctx.inputs(ctx.cases[i]):
        a = arr(v)
        if a is None or a.ndim != 1 or a.shape[0] != ef.shape[0] or a.dtype.kind != "f":
            continue
        if _fclose(o, a, *tol):
            return Finding(f"slice_offset:+{name}", f"{pre}each output slice [n] is off by {name}[n]: {name} is "
                           "added twice", kind="offset")
        if _fclose(o, -a, *tol):
            return Finding(f"slice_offset:-{name}", f"{pre}each output slice [n] lacks {name}[n]: add {name}[n] "
                           "to output n", kind="offset")
        if _fclose(o, a[0] - a, *tol):
            return Finding(f"slice_offset:{name}[0]", f"{pre}every output slice uses {name}[0] where {name}[n] "
                           f"belongs: index {name} with the output's own n, not 0", kind="offset")
    return None


def relate_arrays(e: np.ndarray, g: np.ndarray, tol, path: str = "", ctx: Ctx | None = None,
                  i: int | None = None) -> list[Finding]:
    """Findings relating the learner's array `g` to the expected array `e`."""
    out = _dtype(e, g, tol, path)
    if out:
        return out
    if e.shape != g.shape:
        return _shape(e, g, tol, path, ctx, i)
    if e.dtype.kind not in "fiub" or g.dtype.kind not in "fiub":
        return []
    if not np.all(np.isfinite(g.astype(float))) and np.all(np.isfinite(e.astype(float))):
        return []  # nan or inf: said as such (masks.nonfinite)
    return _values(e, g, tol, path, ctx, i)


def relate(expected, got, tol, path: str = "", ctx: Ctx | None = None, i: int | None = None) -> list[Finding]:
    """Findings for one value of the output (numbers or arrays; nothing for other types)."""
    e, g = arr(expected), arr(got)
    if e is None or g is None:
        return []
    return relate_arrays(e, g, tol, path, ctx, i)


def _numbers(v) -> np.ndarray | None:
    """A list or tuple of numbers as a 1-D float array (None for anything else)."""
    if type(v) not in (list, tuple):
        return None
    items = [arr(x) for x in v]
    if any(a is None or a.ndim != 0 for a in items):
        return None
    return np.array([float(a) for a in items])


def relate_lengths(expected, got, tol, path: str = "") -> list[Finding]:
    """A list of numbers that is too short or too long: which of the expected values it
    holds (the first ones, the last one...), so the loop that builds it can be fixed."""
    e, g = _numbers(expected), _numbers(got)
    if e is None or g is None or e.size == g.size:
        return []
    pre = _value_words(path)
    n, k = e.size, g.size
    words = fmt.plural(n, "value")
    if k < n:
        if _fclose(g, e[:k], *tol):
            missing = "the last value is" if n - k == 1 else f"the last {n - k} values are"
            held = "it is empty" if k == 0 else f"its {fmt.plural(k, 'value')} are the first expected ones"
            return [Finding("list:last_missing", f"{pre}your list is too short ({k} instead of {n}): {held}, and "
                            f"{missing} missing: the loop stops too early (check its range: it must run once per "
                            "value the task asks for)", kind="reduction")]
        if k >= 1 and _fclose(g, e[n - k:], *tol):
            first = "the first value is" if n - k == 1 else f"the first {n - k} values are"
            if k == 1:
                return [Finding("list:only_last", f"{pre}your list holds one value, the LAST expected one ({words} "
                                "are expected): the value is recorded only once, after the loop (is the append "
                                "indented inside the loop?)", kind="reduction")]
            return [Finding("list:first_missing", f"{pre}your list is too short ({k} instead of {n}): {first} "
                            "missing, the others are right: the loop starts too late", kind="reduction")]
        return []
    if _fclose(g[:n], e, *tol):
        return [Finding("list:extra_last", f"{pre}your list has {k - n} value{'s' * (k - n > 1)} too many ({k} instead "
                        f"of {n}): the first {n} are right, then the loop goes on: stop it one step earlier (the "
                        "last step should not be recorded)", kind="reduction")]
    if _fclose(g[k - n:], e, *tol):
        return [Finding("list:extra_first", f"{pre}your list has {k - n} value{'s' * (k - n > 1)} too many at the "
                        f"start ({k} instead of {n}): the last {n} are right: record only after each step, not "
                        "before the first", kind="reduction")]
    return []
