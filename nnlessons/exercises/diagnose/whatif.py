"""What the right function gives with one input changed: if the learner's output equals
the reference's with ``lr`` negated, the update goes the wrong way; with ``epochs + 1``,
the loop runs once too often; with ``b = 0``, the bias is left out; with two inputs
swapped, they are swapped. Generic over exercises: alterations are made by argument type."""
from __future__ import annotations

import numpy as np

from . import fmt
from .context import Ctx, Unavailable, arr, close
from .finding import Finding

__all__ = ["alterations", "match"]


def _scalar(v) -> bool:
    return type(v) in (int, float) or (isinstance(v, np.generic) and np.asarray(v).dtype.kind in "fiu")


def alterations(ctx: Ctx, case) -> list[tuple[tuple, dict, str, str]]:
    """``(args, kwargs, id, words)`` of one-input changes worth trying on `case`."""
    names = [n for n, _ in ctx.inputs(case)]
    args, kwargs = list(case.args), dict(case.kwargs)
    out = []

    def put(name, value):
        a, k = list(args), dict(kwargs)
        if name in k or name not in names:
            k[name] = value
        else:
            a[names.index(name)] = value
        return tuple(a), k

    for name, v in ctx.inputs(case):
        if isinstance(v, bool):
            continue
        if _scalar(v) and isinstance(v, (int, np.integer)):
            n = int(v)
            out.append((*put(name, n + 1), f"{name}+1", f"{name} is off by one: your result is what {name} + 1 "
                        f"gives (one step too many: range({name} + 1), or <= where < belongs?)"))
            if n >= 1 and n != 2:  # (n - 1 = 1: said as "= 1" below)
                out.append((*put(name, n - 1), f"{name}-1", f"{name} is off by one: your result is what "
                            f"{name} - 1 gives (one step too few)"))
            if n != 1:
                out.append((*put(name, 1), f"{name}=1", f"{name} is ignored: your result is what {name} = 1 "
                            "gives"))
            if n != 0:
                out.append((*put(name, 0), f"{name}=0", f"{name} is left out: your result is what {name} = 0 "
                            "gives"))
                out.append((*put(name, -n), f"-{name}", f"the sign of {name} is flipped: your result is what "
                            f"-{name} gives (subtracted where it is added?)"))
        elif _scalar(v):
            x = float(v)
            if x != 0:
                out.append((*put(name, -x), f"-{name}", f"the sign of {name} is flipped: your result is what "
                            f"-{name} gives (a + where - belongs, e.g. stepping up the gradient instead of down)"))
                out.append((*put(name, 0.0), f"{name}=0", f"{name} has no effect: your result is what {name} = 0 "
                            f"gives ({name} is left out)"))
                out.append((*put(name, 2 * x), f"2{name}", f"{name} counts twice: your result is what "
                            f"2 * {name} gives"))
                out.append((*put(name, x / 2), f"{name}/2", f"{name} counts half: your result is what "
                            f"{name} / 2 gives"))
            if x != 1:
                out.append((*put(name, 1.0), f"{name}=1", f"{name} is ignored: your result is what {name} = 1 "
                            "gives"))
            if x not in (0.0, 1.0, -1.0):
                out.append((*put(name, 1 / x), f"1/{name}", f"{name} is used upside down: your result is what "
                            f"1 / {name} gives (divided by {name} where it multiplies, or the reverse)"))
        elif isinstance(v, np.ndarray) and v.dtype.kind == "f" and v.size:
            out.append((*put(name, np.zeros_like(v)), f"{name}=0", f"{name} is left out: your result is what "
                        f"{name} = 0 gives"))
            out.append((*put(name, -v), f"-{name}", f"{name} enters with its sign flipped: your result is what "
                        f"-{name} gives (a reversed comparison, < where > belongs, or a minus too many)"))
            if v.ndim == 2 and v.shape[0] == v.shape[1] and not np.allclose(v, v.T):
                out.append((*put(name, v.T.copy()), f"{name}.T", f"{name} is used transposed: your result is "
                            f"what {name}.T gives"))
            if v.ndim >= 1:
                out.append((*put(name, 2 * v), f"2{name}", f"{name} counts twice: your result is what "
                            f"2 * {name} gives"))
            if v.ndim >= 3 and v.shape[0] > 1:  # a stack (channels, kernels...): only the first one
                first = np.zeros_like(v)
                first[0] = v[0]
                out.append((*put(name, first), f"{name}[0]only", f"only {name}[0] counts: your result is what "
                            f"{name} gives with everything but {name}[0] set to 0 (an index 0 where all of "
                            f"{name} belongs, e.g. {name}[0] for every channel, or a loop that stops after the "
                            "first)"))
        if name in kwargs:
            try:
                d = ctx.default(name)
            except KeyError:
                d = None
            if d is not None:
                k = dict(kwargs)
                del k[name]
                out.append((tuple(args), k, f"{name}:default", f"the {name} passed in is ignored: your result is "
                            f"what the default {name} = {fmt.num(d) if _scalar(d) else d!r} gives (use the "
                            "argument, not a number written in the code)"))
        elif type(v) in (list, tuple) and len(v) > 2 and all(type(x) in (int, float) for x in v):
            out.append((*put(name, type(v)(v[:-1])), f"{name}[:-1]", f"the last entry of {name} is left out: your "
                        f"result is what {name} without its last entry gives (a loop that stops one step early?)"))
            out.append((*put(name, type(v)(v[1:])), f"{name}[1:]", f"the first entry of {name} is left out: your "
                        f"result is what {name} without its first entry gives"))
    out += _subsets(ctx, case, names)
    # two inputs of the same kind swapped (parameters left at their defaults count too)
    items = ctx.inputs(case)
    given = {n for n, _ in items}
    for p in ctx.params:
        if p.name not in given and p.default is not p.empty and _scalar(p.default):
            items = items + [(p.name, p.default)]
    for x in range(len(items)):
        for y in range(x + 1, len(items)):
            (na, va), (nb, vb) = items[x], items[y]
            same = (isinstance(va, np.ndarray) and isinstance(vb, np.ndarray) and va.shape == vb.shape
                    and not np.array_equal(va, vb)) or (_scalar(va) and _scalar(vb) and va != vb
                                                         and type(va) is type(vb))
            if type(va) is dict and type(vb) is dict and set(va) == set(vb) and va:
                for (nx, vx), (ny, vy) in (((na, va), (nb, vb)), ((nb, vb), (na, va))):
                    out.append((*put(ny, vx), f"{ny}:={nx}", f"{nx} is used where {ny} belongs: your result is what "
                                f"the right function gives with {ny} replaced by {nx} (e.g. {nx}[k] where {ny}[k] "
                                "belongs)"))
            if same:
                a, k = put(na, vb)
                a, k = list(a), dict(k)
                if nb in k or nb not in names:
                    k[nb] = va
                else:
                    a[names.index(nb)] = va
                out.append((tuple(a), k, f"swap:{na},{nb}", f"{na} and {nb} are swapped: your result "
                            f"is what the right function gives with {na} and {nb} exchanged"))
    return out


def _subsets(ctx: Ctx, case, names: list[str]) -> list[tuple[tuple, dict, str, str]]:
    """The examples of one kind only: a 0/1 input (labels) splits the examples; the right
    function on those with label 1 alone (or 0 alone) is what a learner's mask computes."""
    out = []
    args = list(case.args)
    for k, v in enumerate(args):
        if not (isinstance(v, np.ndarray) and v.ndim == 1 and v.size > 2 and np.all(np.isin(v, (0, 1)))
                and 0 < int(np.sum(v)) < v.size):
            continue
        name = names[k] if k < len(names) else f"argument {k + 1}"
        for t in (1, 0):
            keep = v == t
            new = [a[keep].copy() if isinstance(a, np.ndarray) and a.ndim >= 1 and a.shape[0] == v.size else a
                   for a in args]
            out.append((tuple(new), dict(case.kwargs), f"only:{name}={t}", f"only the examples with {name} = {t} "
                        f"count: your result is what the right function gives on them alone, and the ones with "
                        f"{name} = {1 - t} are left out (every example belongs in it, each with its own term)"))
    return out


def match(ctx: Ctx, i: int, got) -> list[Finding]:
    """Every one-input change of case `i` under which the reference gives `got`."""
    case = ctx.cases[i]
    found: list[Finding] = []
    try:
        expected = ctx.expected(i)
    except Unavailable:
        return found
    g = arr(got)
    if g is not None and g.dtype.kind in "iub" and g.size > 1 and np.unique(g).size == 1:
        return found  # a constant array of whole numbers agrees with many changes by chance
    if g is not None and g.size and not np.any(g):
        return found  # all zeros: said as such (many changes give 0)
    for args, kwargs, key, words in alterations(ctx, case):
        try:
            value = ctx.ref(args, kwargs)
        except Unavailable:
            continue
        if close(value, expected, *ctx.tol()):
            continue
        if close(value, got, *ctx.tol()):
            found.append(Finding(f"whatif:{key}", _sentence(words), kind="whatif", whole=True))
        elif "=" in key and _leading_block(value, got, ctx.tol()):
            name, v = key.split("=", 1)
            found.append(Finding(f"whatif:block:{key}", f"Your values are the first ones of what the right function "
                                 f"gives with {name} = {v}: the output has the right size, but the values that fill "
                                 f"it are computed as if {name} were {v} ({name} is ignored where they are "
                                 "computed).", kind="whatif", whole=True))
    return found


def _leading_block(value, got, tol) -> bool:
    """`got` is the leading block of the larger array `value` (the first rows, columns...)."""
    v, g = arr(value), arr(got)
    if v is None or g is None or v.ndim != g.ndim or v.ndim == 0 or v.shape == g.shape or g.size < 2:
        return False
    if any(a > b for a, b in zip(g.shape, v.shape)):
        return False
    return close(v[tuple(slice(0, n) for n in g.shape)], g, *tol)


def _sentence(words: str) -> str:
    """Words as a sentence: a capital first letter unless it starts with a name."""
    first = words.split(" ")[0].rstrip(":,")
    keep = first.isidentifier() and first not in ("the", "your", "one")  # a name keeps its case
    return (words if keep else words[0].upper() + words[1:]) + ("" if words.endswith(".") else ".")
